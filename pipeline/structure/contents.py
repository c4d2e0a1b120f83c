"""A bulletin's list of contents: the titles it names are the headings of its articles.

A list opens with a word that announces it ("In this issue:", "Sommaire") and runs on that
line (entries set apart by bullets) or over the short lines under it; a masthead's line of
rubrics set apart by slashes or bars ("Editorial / Meet ... / Diary / Notices") is one too.
An entry loses its page number ("P.4", "... 12") and its author ("- Anna Berg"). Further on,
a line that reads as a listed title, alone or with its author after it, heads that article,
however plain its typography. The words that announce a list are data
(``data/headings.yaml``: ``contents``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.structure.furniture import HeadingWords, fold, heading_words, is_navigation
from pipeline.structure.text_lines import Line

# A list of contents runs over at most this many lines, each short.
MAX_CONTENTS_LINES = 30
MAX_ENTRY_WORDS = 16
# A line this long is prose: the list is over.
MIN_PROSE_LINE_WORDS = 8
MIN_ENTRY_LETTERS = 3
# A masthead line of rubrics names at least this many, set apart by slashes or bars.
MIN_RUBRICS = 3
# The first lines of a text, where a masthead's line of rubrics stands.
MASTHEAD_LINES = 3
# An author after a listed title: a name of at most this many words.
MAX_AUTHOR_WORDS = 4

_ENTRY_SEPARATOR = re.compile(r"\s*[•·▪●■◦‣|]\s*")
_RUBRIC_SEPARATOR = re.compile(r"\s+[/|]\s+")
_PAGE_REF = re.compile(r"(?:\s*\.{2,}\s*|\s+)(?:p\.?\s*)?\d{1,3}$|^p\.?\s*\d{1,3}$", re.IGNORECASE)
_AUTHOR = re.compile(r"\s+[–—-]\s+\S.*$")
_LEAD = re.compile(r"^[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")


def _entry(text: str) -> str | None:
    """A listed title, folded, less its bullet, page number and author."""
    title = _AUTHOR.sub("", _PAGE_REF.sub("", _LEAD.sub("", text.strip()))).strip(" .:;,–—-")
    if len(_LETTER.findall(title)) < MIN_ENTRY_LETTERS or len(title.split()) > MAX_ENTRY_WORDS:
        return None
    return fold(title)


def announces_contents(line: str, language: str = "en") -> bool:
    """Whether a line only announces a list of contents ("In this issue", "SOMMAIRE"): it heads
    a list of the articles, never an article of its own."""
    folded = fold(" ".join(line.split())).strip(" .")
    marker = heading_words(language).contents.match(folded)
    return marker is not None and marker.end() == len(folded)


def listed_titles(text: str, lines: Sequence[Line], words: HeadingWords) -> tuple[int, frozenset[str]]:
    """Where the text's list of contents ends and the titles it names, folded ((0, {}) when
    the text has none). ``lines``: the text's lines (``text_lines``)."""
    for k, line in enumerate(lines):
        marker = words.contents.match(fold(line.text))
        if marker:
            entries = _ENTRY_SEPARATOR.split(line.text[marker.end() :])
            end = line.end
            for nxt in lines[k + 1 : k + 1 + MAX_CONTENTS_LINES]:
                if nxt.blank_before or len(nxt.text.split()) >= MIN_PROSE_LINE_WORDS:
                    break
                entries.extend(_ENTRY_SEPARATOR.split(nxt.text))
                end = nxt.end
            return end, frozenset(t for e in entries if (t := _entry(e)) and not is_navigation(e, words))
        rubrics = _RUBRIC_SEPARATOR.split(line.text)
        in_masthead = text.count("\n", 0, line.start) < MASTHEAD_LINES
        if in_masthead and len(rubrics) >= MIN_RUBRICS and all(_entry(r) for r in rubrics):
            return line.end, frozenset(t for r in rubrics if (t := _entry(r)) and not is_navigation(r, words))
    return 0, frozenset()


def listed_heading(line: str, titles: frozenset[str]) -> int | None:
    """The length of the listed title a line reads as, alone or with its author after it
    ("Fern spores found Anna Berg"), if it does."""
    folded = fold(_LEAD.sub("", line))
    lead = len(line) - len(_LEAD.sub("", line))
    if len(folded) != len(line) - lead:
        return None  # folding changed the length: offsets would not map back
    if folded.rstrip(" .:") in titles:
        return lead + len(folded.rstrip(" .:"))
    for title in titles:
        if folded.startswith(title + " "):
            author = line[lead + len(title) :].split()
            if len(author) <= MAX_AUTHOR_WORDS and all(w[:1].isupper() for w in author):
                return lead + len(title)
    return None
