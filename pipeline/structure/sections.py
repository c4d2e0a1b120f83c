"""Sections stage: numbered items ``N. Title``, else titled articles, and the text before them.

A numbered heading is a line ``N. Title`` (or ``N) Title``, ``N/ Title``, ``N° Title``, ``N - Title``,
and ``N Title`` as a run of headings) standing as its own paragraph; a
bulletin that numbers its items in Roman numerals (``I – Budget``, ``II. Works``, ``III/ Outings``)
has them as items 1, 2, 3, where such a run opens at I and goes on to II at least.
The headings kept are the longest run numbered 1, 2, 3, ...: a numbered list inside a
section restarts its count and so stays inside that section. Where no line looks like a
heading, consecutive numbered paragraphs (``1. The Secretariat ...``) are the items, with
no title.

Numbered items win where a bulletin has them. Otherwise its titled articles are its
sections, numbered None with the heading as title: the headings its format states (HTML
``<h1>``-``<h3>``, Word heading styles, PDF lines set apart by their type), else, in plain
text, short title-like lines standing alone before the text they head (``headings.py``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from pipeline.core.records import DocumentText, Heading, Section
from pipeline.structure.contents import announces_contents
from pipeline.structure.furniture import fold, heading_words
from pipeline.structure.headings import text_headings

# An item numbered in figures, then a stop, a bracket, a slash, a degree sign or a dash: "1. Budget",
# "2) Works", "3/ Outings", "4° Questions", "5 - Elections", "6- Accounts". After a slash, a degree
# sign or a dash no figure opens the title: "2015-2016", "1 - 3 July" are spans, not items.
_ITEM_MARK = r"(?:[.)]|[/°]|[ \t]*[–—-])"
_NUMBERED_LINE = re.compile(
    r"^[ \t]*(\d{1,3})(?:[.)][ \t]+|(?:[/°]|[ \t]*[–—-])[ \t]+(?=\D))(\S[^\n]*?)[ \t]*$", re.MULTILINE
)
# An item numbered with no stop after its figure ("1 Welcome", "2  Budget"): its title opens
# with a capital letter. Such lines are also dates ("3 June"), addresses and page footers, so
# they are items only as a run of headings of their own (see ``_unstopped_run``).
_UNSTOPPED_LINE = re.compile(r"^[ \t]*(\d{1,2})[ \t]+(?=[^\W\d_])(\S[^\n]*?)[ \t]*$", re.MULTILINE)
# An item numbered in Roman numerals (I to XXXIX, in capitals), then a stop, a bracket, a slash or
# a dash set apart: "II. Works", "III) Budget", "IV/ Outings", "II – Budget" ("V-Président" is none).
_ROMAN_LINE = re.compile(
    r"^[ \t]*(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))(?:[.)/]|[ \t]+[–—-])[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Roman numerals are items only as a run that opens at I and goes on at least this far (a lone
# "V. Hugo" or "X. Martin" opening a line is a name).
MIN_ROMAN_RUN = 2
# Items numbered with no stop after the figure are items only as a run this long.
MIN_UNSTOPPED_RUN = 2
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 30
# A format's first top-level heading this close to the start, alone at its level, is the
# document's title (the masthead), not an article.
TITLE_ZONE_CHARS = 300
# A PDF's top level of at least this many headings is a run of articles, a newsletter's.
MIN_ARTICLE_RUN = 3
# A paragraph of prose between two headings: at least this many words.
MIN_PROSE_PARAGRAPH_WORDS = 12
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class _Candidate:
    number: int
    title: str
    line_start: int
    line_end: int
    heading_like: bool
    bare: bool = False  # nothing stands between it and the next numbered line


_GAP_AFTER = re.compile(r"[ \t]*\n[ \t]*\n")
# Text whose paragraphs are lines (a web page's text) keeps no blank line around a heading: a
# numbered heading there follows a line that ends a sentence or is an item of a list, and
# stands over a whole paragraph written on one line.
_LINE_CLOSED = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_LIST_ITEM = re.compile(r"^[-•*–·▪●■◦‣]\s")
MIN_PARAGRAPH_LINE_WORDS = 12
# A paragraph wrapped over lines in a narrow column: its first line has at least this many words.
MIN_WRAPPED_LINE_WORDS = 5
# A numbered heading right over a list's first item ("1. Opening" / "- The chair welcomed ..."):
# at most this many words, a heading's length, not a point of the list itself.
MAX_LIST_HEAD_WORDS = 8


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


def _after_closed_line(text: str, line_start: int) -> bool:
    """Whether the line before ends a sentence or is an item of a list: nothing runs on from it."""
    if line_start == 0:
        return False
    before = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    return bool(before) and (_LINE_CLOSED.search(before) is not None or _LIST_ITEM.match(before) is not None)


def _next_lines(text: str, line_end: int, count: int) -> list[str]:
    """The ``count`` lines after the line ending at ``line_end`` (fewer at the text's end), stripped."""
    if line_end >= len(text) or text[line_end] != "\n":
        return []
    lines: list[str] = []
    start = line_end + 1
    while len(lines) < count and start <= len(text):
        end = text.find("\n", start)
        end = end if end >= 0 else len(text)
        lines.append(text[start:end].strip())
        start = end + 1
    return lines


def _over_paragraph_line(text: str, line_end: int) -> bool:
    """Whether the next line opens a paragraph: a whole paragraph written on one line, a
    sentence of its own, or the first line of one wrapped over lines (a PDF's text layer),
    which runs on into a line in lower case ("Members met in May to plan" / "the walks ...")."""
    after = _next_lines(text, line_end, 2)
    if not after or not after[0][:1].isupper():
        return False
    if len(after[0].split()) >= MIN_PARAGRAPH_LINE_WORDS:
        return True
    if len(after[0].split()) < MIN_WRAPPED_LINE_WORDS:
        return False
    return _LINE_CLOSED.search(after[0]) is not None or (len(after) == 2 and after[1][:1].islower())


def _over_list_item(text: str, line_end: int, title: str) -> bool:
    """Whether the next line is the first item of a list set with marks and the numbered line
    is short: an agenda's item over its points ("1. Opening" / "- Welcome by the chair")."""
    if line_end >= len(text) or text[line_end] != "\n" or len(title.split()) > MAX_LIST_HEAD_WORDS:
        return False
    after_end = text.find("\n", line_end + 1)
    after = text[line_end + 1 : after_end if after_end >= 0 else len(text)].strip()
    return _LIST_ITEM.match(after) is not None


def _looks_like_title(title: str) -> bool:
    if len(title) > MAX_TITLE_CHARS or len(title.split()) > MAX_TITLE_WORDS:
        return False
    if not re.match(r"[\"“'‘«(\w]", title):
        return False
    # A title does not end like a sentence; a short abbreviation ("Co.", "No.") may end one.
    last_word = title.rsplit(maxsplit=1)[-1]
    return not (last_word.endswith((".", ";", ",", ":")) and len(last_word.rstrip(".;,:")) > 3)


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral in capitals ("XIV" is 14)."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < later else v for v, later in zip(values, [*values[1:], 0], strict=True))


def _candidates(text: str, pattern: re.Pattern[str] = _NUMBERED_LINE) -> list[_Candidate]:
    first_char = len(text) - len(text.lstrip())
    last_char = len(text.rstrip())
    found = []
    roman = pattern is _ROMAN_LINE
    for match in pattern.finditer(text):
        title = match.group(2)
        over_line = (
            _over_paragraph_line(text, match.end()) or _over_list_item(text, match.end(), title)
        ) and _looks_like_title(title)
        if not (
            _starts_paragraph(text, match.start(), first_char)
            or (over_line and _after_closed_line(text, match.start()))
        ):
            continue
        stands_alone = _ends_paragraph(text, match.end(), last_char) and _looks_like_title(title)
        heading_like = over_line or stands_alone
        number = roman_value(match.group(1)) if roman else int(match.group(1))
        found.append(_Candidate(number, title, match.start(), match.end(), heading_like))
    # A numbered line with nothing between it and the next is an item of a list (a list of
    # contents, steps), not a heading: a heading heads some text.
    return [
        replace(c, bare=True) if later is not None and not text[c.line_end : later.line_start].strip() else c
        for c, later in zip(found, [*found[1:], None], strict=False)
    ]


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


def _unstopped_run(text: str, month_words: frozenset[str]) -> list[_Candidate]:
    """Headings numbered with no stop after the figure ("1 Welcome" / ... / "2 Budget"): a run
    that opens at 1 and goes on at least to 2, every line a heading standing over its text, its
    title opening with a capital and not with a month's name (a date line, "3 June"), and no two
    titles alike (a page's footer, "2 Parish News", "3 Parish News")."""
    candidates = [
        c
        for c in _candidates(text, _UNSTOPPED_LINE)
        if c.heading_like
        and not c.bare
        and c.title[:1].isupper()
        and fold(c.title.split()[0].rstrip(".,")) not in month_words
    ]
    run = _longest_run(candidates)
    titles = {fold(c.title) for c in run}
    if len(run) >= MIN_UNSTOPPED_RUN and run[0].number == 1 and len(titles) == len(run):
        return run
    return []


def _heading_run(text: str, month_words: frozenset[str] = frozenset()) -> list[_Candidate]:
    """Titled headings, unless numbered paragraphs make a clearly longer run (a report
    whose items are numbered paragraphs, a few of them short enough to look like titles).
    Items numbered in Roman numerals, I, II and on, are the top level over any numbered in figures;
    items numbered with no stop after the figure stand where they make a longer run of headings."""
    roman = _longest_run([c for c in _candidates(text, _ROMAN_LINE) if c.heading_like and not c.bare])
    if len(roman) >= MIN_ROMAN_RUN and roman[0].number == 1:
        return roman
    candidates = _candidates(text)
    headings = _longest_run([c for c in candidates if c.heading_like and not c.bare])
    paragraphs = _longest_run(candidates)
    if len(paragraphs) >= max(2, len(headings) + 2):
        return paragraphs
    unstopped = _unstopped_run(text, month_words)
    return unstopped if len(unstopped) > len(headings) else headings


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ITEM_NUMBER = re.compile(rf"\s*\d{{1,3}}{_ITEM_MARK}\s*")


def format_headings(document: DocumentText) -> list[Heading]:
    """The headings the format states that head articles: the top level in use, less the
    document's own title (a lone top heading at the very start). In a PDF, whose levels are
    only its type sizes, a heading set smaller after prose heads an article too where the top
    level is a run of articles (a newsletter's), not a report's few parts over subsections."""
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
    at_top = [h for h in headings if h.level == top]
    if document.format == "pdf" and len(at_top) >= MIN_ARTICLE_RUN:
        return [h for h in headings if h.level == top or _after_prose(document.text, headings, h)]
    return at_top


def _after_prose(text: str, headings: list[Heading], heading: Heading) -> bool:
    """Whether a paragraph of prose stands between a heading and the heading before it: a
    newsletter sets its articles' titles in several sizes, where a subheading or a caption
    stands right under its article's title."""
    index = headings.index(heading)
    start = headings[index - 1].char_end if index else 0
    return any(
        len(paragraph.split()) >= MIN_PROSE_PARAGRAPH_WORDS
        for paragraph in _PARAGRAPH_BREAK.split(text[start : heading.char_start])
    )


def _list_in_one_article(numbered: list[_Candidate], titled: list[Heading]) -> bool:
    """Whether every numbered line falls inside one titled article: a list in an article
    (a key to plants, steps of a procedure), not the bulletin's items."""
    starts = [h.char_start for h in titled]
    articles = {bisect.bisect_right(starts, c.line_start) for c in numbered}
    # Numbered paragraphs are a report's body, unless they follow each other as a list does.
    titled_items = all(c.heading_like for c in numbered) or all(c.bare for c in numbered[:-1])
    return titled_items and len(articles) == 1 and 0 not in articles


def find_sections(doc_id: str, document: DocumentText, language: str = "en") -> list[Section]:
    """Sections of a document, in order; the text before the first (if any) comes first, numbered None.
    ``language``: whose words tell plain-text headings from captions, credits and bylines."""
    text = document.text
    bounds: list[tuple[int | None, str | None, int, int]] = []
    headings = _heading_run(text, heading_words(language).month_words)
    titled = [
        h
        for h in format_headings(document) or text_headings(text, language)
        if not announces_contents(text[h.char_start : h.char_end], language)
    ]
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
