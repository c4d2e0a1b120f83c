"""Reference data the extractors share, loaded once per process."""
