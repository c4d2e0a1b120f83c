"""Masthead stage: title, month covered and issuing body, from the text before the first section.

The masthead is the run of short lines that opens a bulletin (its name, the issue, the
issuing body), wherever it stood on the page: readers put it first. The month comes from
the masthead before anything else, so that a date in the first article never wins; then
from the file name, the format's metadata (an e-mail's date) and the rest of the preamble.
"""


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
# Masthead lines are short and end no sentence; the masthead is at most this many paragraphs.
MAX_MASTHEAD_LINE_WORDS = 12
MAX_MASTHEAD_PARAGRAPHS = 4
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


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


def masthead_paragraphs(preamble: str) -> list[tuple[int, int]]:
    """(start, end) of the leading paragraphs of short, title-like lines: the masthead block."""
    block: list[tuple[int, int]] = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(preamble), None]:
        end = match.start() if match else len(preamble)
        lines = [line.strip() for line in preamble[start:end].splitlines() if line.strip()]
        if lines:
            if any(len(line.split()) > MAX_MASTHEAD_LINE_WORDS or line.endswith(".") for line in lines):
                break
            block.append((start, end))
            if len(block) == MAX_MASTHEAD_PARAGRAPHS:
                break
        if match is None:
            break
        start = match.end()
    return block


def _title_span(preamble: str, continuation_words: list[str]) -> str:
    """The title lines: those of the first paragraph that make up the title (the rest is a
    subtitle), and, when they do not name the issue, the masthead lines down to the one that
    does ("COOLEMAN RIDGE PARK CARE GROUP" / "Newsletter January 2016")."""
    first_paragraph = _PARAGRAPH_BREAK.split(preamble, maxsplit=1)[0]
    lines = first_paragraph.splitlines()
    kept = "\n".join(lines[: title_lines(first_paragraph, continuation_words)])
    if parse_issue_month(kept) is None:
        block = masthead_paragraphs(preamble)
        if len(block) > 1:
            match = _MONTH_YEAR.search(preamble, block[1][0], block[-1][1])
            if match is not None:
                return preamble[: match.end()]
    return kept


def _names_a_publication(title: str, publication_words: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", title, re.IGNORECASE) for w in publication_words)


def _subject_line(preamble: str, openers: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first paragraph, among the first few, that opens as a document's
    subject does ("Letter dated", "Report of", "Note by")."""
    for match in list(_PARAGRAPH_BREAK.finditer(preamble))[: MAX_MASTHEAD_PARAGRAPHS + 2]:
        paragraph = _PARAGRAPH_BREAK.split(preamble[match.end() :], maxsplit=1)[0]
        if any(paragraph.startswith(opener) for opener in openers) and len(paragraph) <= MAX_TITLE_CHARS:
            return match.end(), match.end() + len(paragraph.rstrip())
    return None


def find_masthead(
    sections: list[Section],
    source_name: str,
    *,
    metadata_title: str | None = None,
    metadata_date: date | None = None,
) -> Masthead:
    """Read the masthead from the untitled first section; the file name, then the format's
    metadata (an e-mail's subject and date), stand in for what it does not say."""
    data = load_data("masthead.yaml")
    first = sections[0] if sections else None
    preamble = first if first is not None and first.number is None and first.title is None else None
    title: str | None = None
    start = end = 0
    issue: date | None = None
    if preamble is not None:
        kept = _title_span(preamble.text, data["continuation_words"])
        span = (0, len(kept.rstrip()))
        subject = _subject_line(preamble.text, data["document_title_openers"])
        if subject is not None and not _names_a_publication(kept, data["publication_words"]):
            # An official document: its masthead is the organ and its metadata; its title is
            # the subject line after them ("Letter dated ... from the Secretary-General ...").
            span = subject
        candidate = " ".join(preamble.text[span[0] : span[1]].split())
        if 0 < len(candidate) <= MAX_TITLE_CHARS:
            title = candidate
            start, end = preamble.char_start + span[0], preamble.char_start + span[1]
        block = masthead_paragraphs(preamble.text)
        issue = parse_issue_month(kept) or parse_issue_month(preamble.text[: block[-1][1]] if block else "")
    if issue is None:
        issue = parse_issue_month(source_name)
    if issue is None and metadata_date is not None:
        issue = metadata_date.replace(day=1)
    if issue is None and preamble is not None:
        issue = parse_issue_month(preamble.text)
    if title is None and metadata_title:
        title = " ".join(metadata_title.split())[:MAX_TITLE_CHARS] or None
    body = issuer_from_cue(preamble.text, data["issuer_cues"]) if preamble is not None else None
    if body is None and title:
        body = issuing_body(title, data["publication_words"])
    return Masthead(title, issue, body, start, end)
