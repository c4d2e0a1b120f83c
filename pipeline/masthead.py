"""Masthead stage: title, month covered and issuing body, from the text before item 1."""

from __future__ import annotations

import calendar
import re
from datetime import date

from pipeline.datafiles import load_data
from pipeline.records import Masthead, Section

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_YEAR = re.compile(
    r"\b(?P<month>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ISO_MONTH = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])\b")
MAX_TITLE_CHARS = 200


def parse_issue_month(text: str) -> date | None:
    """First day of the first "Month YYYY" (or YYYY-MM) named in ``text``."""
    match = _MONTH_YEAR.search(text)
    if match:
        return date(int(match["year"]), _MONTHS[match["month"].lower()], 1)
    match = _ISO_MONTH.search(text)
    if match:
        return date(int(match["year"]), int(match["month"]), 1)
    return None


def issuing_body(title: str, publication_words: list[str]) -> str | None:
    """What stands before the publication word: "DPADM Monthly Update to ..." -> "DPADM"."""
    starts = [
        match.start()
        for word in publication_words
        if (match := re.search(rf"\b{re.escape(word)}\b", title, re.IGNORECASE))
    ]
    if not starts:
        return None
    body = title[: min(starts)].strip(" -–—:|,")
    body = re.sub(r"['’]s$", "", body)
    return body if body and body[0].isupper() else None


def find_masthead(sections: list[Section], source_name: str) -> Masthead:
    """Read the masthead from the unnumbered first section; the file name can supply the month."""
    preamble = sections[0] if sections and sections[0].number is None else None
    title: str | None = None
    start = end = 0
    if preamble is not None:
        first_paragraph = re.split(r"\n[ \t]*\n", preamble.text, maxsplit=1)[0]
        candidate = " ".join(first_paragraph.split())
        if 0 < len(candidate) <= MAX_TITLE_CHARS:
            title = candidate
            start, end = preamble.char_start, preamble.char_start + len(first_paragraph)
    issue = parse_issue_month(preamble.text) if preamble is not None else None
    if issue is None:
        issue = parse_issue_month(source_name)
    body = issuing_body(title, load_data("masthead.yaml")["publication_words"]) if title else None
    return Masthead(title, issue, body, start, end)
