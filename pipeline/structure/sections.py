"""Sections stage: numbered items ``N. Title``, else titled articles, and the text before them.

A numbered heading is a line ``N. Title`` (or ``N) Title``) standing as its own paragraph.
The headings kept are the longest run numbered 1, 2, 3, ...: a numbered list inside a
section restarts its count and so stays inside that section. Where no line looks like a
heading, consecutive numbered paragraphs (``1. The Secretariat ...``) are the items, with
no title.

Numbered items win where a bulletin has them. Otherwise its titled articles are its
sections, numbered None with the heading as title: the headings its format states (HTML
``<h1>``-``<h3>``, Word heading styles, PDF lines set apart by their type), else, in plain
text, short title-like lines standing alone between blank lines before a paragraph of prose.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass

from pipeline.core.records import DocumentText, Heading, Section

_NUMBERED_LINE = re.compile(r"^[ \t]*(\d{1,3})[.)][ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 30
# A heading of plain text: one short line, no sentence end, alone between blank lines.
MAX_TEXT_HEADING_WORDS = 16
MAX_TEXT_HEADING_CHARS = 100
# The prose paragraph a plain-text heading must stand before.
MIN_PROSE_WORDS = 12
# A format's first top-level heading this close to the start, alone at its level, is the
# document's title (the masthead), not an article.
TITLE_ZONE_CHARS = 300


@dataclass(frozen=True)
class _Candidate:
    number: int
    title: str
    line_start: int
    line_end: int
    heading_like: bool


_GAP_AFTER = re.compile(r"[ \t]*\n[ \t]*\n")


# Both look only at the characters next to the line, never copy the text before or after
# it: a text of many numbered lines then takes linear time, not quadratic.
def _starts_paragraph(text: str, line_start: int, first_char: int) -> bool:
    """Whether only white space or a blank line comes before the line."""
    if line_start <= first_char:
        return True
    i = line_start
    for _ in range(2):  # this line's own line break, then the blank line's
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i == 0 or text[i - 1] != "\n":
            return False
        i -= 1
    return True


def _ends_paragraph(text: str, line_end: int, last_char: int) -> bool:
    """Whether only white space or a blank line comes after the line."""
    return line_end >= last_char or _GAP_AFTER.match(text, line_end) is not None


def _looks_like_title(title: str) -> bool:
    if len(title) > MAX_TITLE_CHARS or len(title.split()) > MAX_TITLE_WORDS:
        return False
    if not re.match(r"[\"“'‘«(\w]", title):
        return False
    # A title does not end like a sentence; a short abbreviation ("Co.", "No.") may end one.
    last_word = title.rsplit(maxsplit=1)[-1]
    return not (last_word.endswith((".", ";", ",", ":")) and len(last_word.rstrip(".;,:")) > 3)


def _candidates(text: str) -> list[_Candidate]:
    first_char = len(text) - len(text.lstrip())
    last_char = len(text.rstrip())
    found = []
    for match in _NUMBERED_LINE.finditer(text):
        if not _starts_paragraph(text, match.start(), first_char):
            continue
        title = match.group(2)
        heading_like = _ends_paragraph(text, match.end(), last_char) and _looks_like_title(title)
        found.append(_Candidate(int(match.group(1)), title, match.start(), match.end(), heading_like))
    return found


def _longest_run(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest chain numbered first, first+1, ... in text order (greedy from each start)."""
    best: list[_Candidate] = []
    for i, first in enumerate(candidates):
        if first.number > 1 and best:
            continue
        chain = [first]
        for later in candidates[i + 1 :]:
            if later.number == chain[-1].number + 1:
                chain.append(later)
        if len(chain) > len(best):
            best = chain
    return best


def _heading_run(text: str) -> list[_Candidate]:
    """Titled headings, unless numbered paragraphs make a clearly longer run (a report
    whose items are numbered paragraphs, a few of them short enough to look like titles)."""
    candidates = _candidates(text)
    headings = _longest_run([c for c in candidates if c.heading_like])
    paragraphs = _longest_run(candidates)
    if len(paragraphs) >= max(2, len(headings) + 2):
        return paragraphs
    return headings


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ITEM_NUMBER = re.compile(r"\s*\d{1,3}[.)]\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.;,:]$")
_LIST_MARK = re.compile(r"^\s*(?:[-•*–·▪]|\(?[a-z0-9]{1,3}[.)])\s")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, white space trimmed."""
    spans = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        a, b = _span(text, start, end)
        if a < b:
            spans.append((a, b))
        if match:
            start = match.end()
    return spans


def _is_text_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > MAX_TEXT_HEADING_WORDS or len(line) > MAX_TEXT_HEADING_CHARS:
        return False
    if "\n" in line or _SENTENCE_END.search(line) or _LIST_MARK.match(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘«("):
        return False
    return any(c.isalpha() for c in line)


# A footnote ("* This includes ...", "(1) Figures of ...") explains a figure; it is not an
# article's prose.
_FOOTNOTE = re.compile(r"^\s*(?:[*†‡§]|\(\d{1,2}\)|\[\d{1,2}\])")
# An issue's number: a line carrying one before any prose is the masthead's ("Situation
# Report No. 50 (as of 21 August 2014)", "Issue 12, Spring 2019"). A year alone is not one:
# the first article's heading may well name one.
_ISSUE_MARK = re.compile(r"\b(?:No|Issue|Vol|Volume|Number|N°|Nº|Numéro|Edition)\.?\s*\d", re.IGNORECASE)


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= MIN_PROSE_WORDS and not _FOOTNOTE.match(paragraph)


def _trim_decoration(text: str, start: int, end: int) -> int:
    """The end of a heading without the glyphs that decorate it ("Highlights ●●")."""
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in ("So", "Sm")):
        end -= 1
    return end


def text_headings(text: str) -> list[Heading]:
    """Title-like lines of plain text: alone between blank lines, before a paragraph of prose.

    The first paragraph of the text is its masthead, never an article's heading, and so is a
    line with an issue's number before any prose; one such line alone is not a
    structure (at least two are needed).
    """
    paragraphs = _paragraphs(text)
    found = []
    prose_seen = False
    for (a, b), (c, d) in itertools.pairwise(paragraphs[1:]):
        line = text[a:b]
        if _is_text_heading(line) and _is_prose(text[c:d]) and (prose_seen or not _ISSUE_MARK.search(line)):
            end = _trim_decoration(text, a, b)
            if any(ch.isalpha() for ch in text[a:end]):
                found.append(Heading(a, end))
        prose_seen = prose_seen or _is_prose(line)
    return found if len(found) >= 2 else []


def format_headings(document: DocumentText) -> list[Heading]:
    """The headings the format states that head articles: the top level in use, less the
    document's own title (a lone top heading at the very start)."""
    headings = sorted(document.headings, key=lambda h: h.char_start)
    if not headings:
        return []
    top = min(h.level for h in headings)
    at_top = [h for h in headings if h.level == top]
    if len(at_top) == 1 and at_top[0] is headings[0] and at_top[0].char_start < TITLE_ZONE_CHARS:
        headings = headings[1:]
        if not headings:
            return []
        top = min(h.level for h in headings)
    return [h for h in headings if h.level == top]


def _list_in_one_article(numbered: list[_Candidate], titled: list[Heading]) -> bool:
    """Whether every numbered line falls inside one titled article: a list in an article
    (a key to plants, steps of a procedure), not the bulletin's items."""
    starts = [h.char_start for h in titled]
    articles = {bisect.bisect_right(starts, c.line_start) for c in numbered}
    titled_items = all(c.heading_like for c in numbered)  # numbered paragraphs are a report's body
    return titled_items and len(articles) == 1 and 0 not in articles


def find_sections(doc_id: str, document: DocumentText) -> list[Section]:
    """Sections of a document, in order; the text before the first (if any) comes first, numbered None."""
    text = document.text
    bounds: list[tuple[int | None, str | None, int, int]] = []
    headings = _heading_run(text)
    titled = format_headings(document) or text_headings(text)
    if headings and not (titled and _list_in_one_article(headings, titled)):
        titled = []
    else:
        headings = []
    first_start = headings[0].line_start if headings else titled[0].char_start if titled else len(text)
    bounds.append((None, None, 0, first_start))
    for i, heading in enumerate(headings):
        end = headings[i + 1].line_start if i + 1 < len(headings) else len(text)
        bounds.append(
            (heading.number, heading.title if heading.heading_like else None, heading.line_start, end)
        )
    heading_ends: dict[int, int] = {}
    for i, titled_heading in enumerate(titled):
        end = titled[i + 1].char_start if i + 1 < len(titled) else len(text)
        heading_title = " ".join(text[titled_heading.char_start : titled_heading.char_end].split())
        bounds.append((None, heading_title, titled_heading.char_start, end))
        heading_ends[titled_heading.char_start] = titled_heading.char_end

    sections: list[Section] = []
    for index, (number, title, raw_start, raw_end) in enumerate(bounds):
        start, end = _span(text, raw_start, raw_end)
        if start == end:
            continue
        if raw_start in heading_ends:
            heading_end = min(heading_ends[raw_start], end) - start
        elif number is None:
            heading_end = 0
        elif title is not None:
            heading_end = text.index("\n", start, end) - start if "\n" in text[start:end] else end - start
        else:
            marker = _ITEM_NUMBER.match(text, start, end)
            heading_end = marker.end() - start if marker else 0
        sections.append(
            Section(
                doc_id=doc_id,
                section_id=f"{doc_id}-s{index:02d}",
                number=number,
                title=title,
                text=text[start:end],
                char_start=start,
                char_end=end,
                heading_end=heading_end,
                page_start=document.page_at(start),
                page_end=document.page_at(end - 1),
            )
        )
    return sections
