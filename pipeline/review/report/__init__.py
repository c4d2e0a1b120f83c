"""The review report: a static HTML site over the output tables.

``render_report`` turns the tables (and, optionally, golden files) into pages: an index of
the bulletins with counts and scores, and per bulletin its text section by section, every
mention, date and statistic highlighted by type, beside the section's events and statistics,
each row linking to its place in the text. With golden files, wrong predictions are marked
in the text and the tables, and missed entries are listed in their section. ``write_report``
reads the tables from disk and writes the pages atomically.

The pages are self-contained: no scripts, no fonts or styles from the internet; the one style
sheet, ``report.css``, is written beside them.

The submodules, from the bottom up: ``markup`` (escaping and the page skeleton),
``highlight`` (marking spans of the text), ``review`` (a bulletin against its golden file),
``contents`` (each document's rows and page file), ``bulletin_page`` and ``index_page``
(the two kinds of page) and ``site`` (every page, and writing the files).
"""

from pipeline.review.report.site import render_report, write_report

__all__ = ["render_report", "write_report"]
