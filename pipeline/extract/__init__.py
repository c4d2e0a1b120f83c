"""Sections to records: the spaCy parse, then the extractors of ``registry`` in order."""
