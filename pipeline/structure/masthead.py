"""Masthead stage: title, month covered and issuing body, from the text before item 1."""

from __future__ import annotations

import calendar
import re
from datetime import date

from pipeline.core.datafiles import load_data
from pipeline.core.records import Masthead, Section

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


def title_lines(paragraph: str, continuation_words: list[str]) -> int:
    """How many lines of the masthead's first paragraph make up the title (the rest is a subtitle)."""
    lines = [line.strip() for line in paragraph.splitlines()]
    count = 1
    while count < len(lines):
        last_word = lines[count - 1].rsplit(maxsplit=1)[-1].lower() if lines[count - 1] else ""
        if last_word not in continuation_words and not last_word.endswith(("-", ":")):
            break
        count += 1
    return count


def issuer_from_cue(text: str, cues: list[str]) -> str | None:
    """The body named after a cue such as "Published by the Secretariat of X"."""
    for cue in cues:
        match = re.search(rf"\b{re.escape(cue)}\s+(?:the\s+)?([A-Z][^\n,;]*)", text)
        if match:
            return match.group(1).strip(" .")
    return None


def find_masthead(sections: list[Section], source_name: str) -> Masthead:
    """Read the masthead from the unnumbered first section; the file name can supply the month."""
    data = load_data("masthead.yaml")
    preamble = sections[0] if sections and sections[0].number is None else None
    title: str | None = None
    start = end = 0
    if preamble is not None:
        first_paragraph = re.split(r"\n[ \t]*\n", preamble.text, maxsplit=1)[0]
        lines = first_paragraph.splitlines()
        kept = "\n".join(lines[: title_lines(first_paragraph, data["continuation_words"])])
        candidate = " ".join(kept.split())
        if 0 < len(candidate) <= MAX_TITLE_CHARS:
            title = candidate
            start, end = preamble.char_start, preamble.char_start + len(kept.rstrip())
    issue = parse_issue_month(preamble.text) if preamble is not None else None
    if issue is None:
        issue = parse_issue_month(source_name)
    body = issuer_from_cue(preamble.text, data["issuer_cues"]) if preamble is not None else None
    if body is None and title:
        body = issuing_body(title, data["publication_words"])
    return Masthead(title, issue, body, start, end)
