"""Masthead stage: title, month covered and issuing body, from the text before the first section.

The masthead is the run of short lines that opens a bulletin (its name, the issue, the
issuing body), wherever it stood on the page: readers put it first. The month comes from
the masthead before anything else, so that a date in the first article never wins; then
from the file name, the format's metadata (an e-mail's date) and the rest of the preamble.
A document in another language than English is read with its language's month names (from
``data/<language>/dates.yaml``) as well as the English ones, and its publication words
(``data/<language>/masthead.yaml``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from functools import cache

from pipeline.core.datafiles import language_data_exists, load_language_data
from pipeline.core.ids import without_accents
from pipeline.core.records import Masthead, Section
from pipeline.structure.furniture import fold, heading_words, is_ornament
from pipeline.structure.headings import is_furniture, leading_furniture

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_YEAR = re.compile(
    r"\b(?P<month>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _phrase(words: str) -> str:
    """Words of the data as a regex: escaped, either apostrophe for one ("Lettre d'information")."""
    return re.escape(words).replace("'", "['’]")


@cache
def _month_names(language: str) -> tuple[Mapping[str, int], re.Pattern[str]]:
    """Lower-cased month name or abbreviation -> number, and the "Month YYYY" pattern, of a
    language: English, and the language's own names (with and without accents) when it has them."""
    if language == "en" or not language_data_exists("dates.yaml", language):
        return _MONTHS, _MONTH_YEAR
    months = dict(_MONTHS)
    for number, names in load_language_data("dates.yaml", language)["months"].items():
        for name in names:
            months[name.lower()] = months[without_accents(name).lower()] = int(number)
    pattern = re.compile(
        r"\b(?P<month>"
        + "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
        + r")\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )
    return months, pattern


# An issue's number: "No. 50", "Issue 12", "N°9", "#41".
_ISSUE_NUMBER = re.compile(r"(?:\b(?:No|Issue|Vol|Volume|Number|N°|Nº|Numéro)\.?\s*|#)\d", re.IGNORECASE)
_ISO_MONTH = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])\b")
MAX_TITLE_CHARS = 200
# Masthead lines are short and end no sentence; the masthead is at most this many paragraphs.
MAX_MASTHEAD_LINE_WORDS = 12
MAX_MASTHEAD_PARAGRAPHS = 4
# A masthead set as lines with no blank line between them: at most this many lines.
MAX_MASTHEAD_LINES = 8
# Lines a title runs over, down to the line naming the issue, across masthead paragraphs.
MAX_TITLE_RUN_LINES = 5
# A title is at most this many words; a line at least this long closed by a full stop, with
# lower-case words longer than title case leaves in lower case, is a sentence.
MAX_TITLE_WORDS = 20
MIN_STOPPED_SENTENCE_WORDS = 6
MAX_TITLE_CASE_LOWER_CHARS = 3
# A line of prose wrapped at a page's width has at least this many words.
MIN_WRAPPED_LINE_WORDS = 8
# A web page's site name above its article: one line of at most this many words.
MAX_SITE_NAME_WORDS = 3
# The article's headline under a site's name is longer than the name: at least this many words.
MIN_HEADLINE_WORDS = 4
# A line ending with one of these goes on on the next line as part of a title.
_CONTINUATION_MARKS = ("-", "–", "—", ":", "&", ",")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A day number (and weekday) just before a month: a dated line ("04 July 2013", "Sunday 5th
# February 2017", "Le 9 septembre 2016"), which tells an event's or a post's day, not the issue.
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|er|e)?\.?\s*$", re.IGNORECASE)


@cache
def _season_names(language: str) -> tuple[Mapping[str, int], re.Pattern[str]]:
    """Lower-cased season name -> the month an issue named by it starts in, and the "Season YYYY"
    pattern: English seasons and the language's (``dates.yaml``). The month is the season's first
    in the northern hemisphere (the masthead is read before any place); a season that crosses
    the new year starts the issue in January of the year it names ("Winter 2013")."""
    seasons: dict[str, int] = {}
    for lang in dict.fromkeys(["en", language]):
        for name, months in (load_language_data("dates.yaml", lang).get("seasons") or {}).items():
            first, last = months["north"]
            start = first if first <= last else 1
            seasons[str(name).lower()] = seasons[without_accents(str(name)).lower()] = start
    pattern = re.compile(
        r"\b(?P<season>" + "|".join(re.escape(n) for n in sorted(seasons, key=len, reverse=True))
        + r")\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )
    return seasons, pattern


def parse_issue_month(text: str, language: str = "en") -> date | None:
    """First day of the first "Month YYYY" (or YYYY-MM) named in ``text``; month names in English
    and in ``language`` ("Février 2016"). Where no month is named, an issue named by its season
    ("Spring 2012", "Été 2019") starts in the season's first month."""
    months, month_year = _month_names(language)
    match = month_year.search(text)
    if match:
        return date(int(match["year"]), months[match["month"].lower()], 1)
    match = _ISO_MONTH.search(text)
    if match:
        return date(int(match["year"]), int(match["month"]), 1)
    seasons, season_year = _season_names(language)
    match = season_year.search(text)
    if match:
        return date(int(match["year"]), seasons[match["season"].lower()], 1)
    return None


def issuing_body(title: str, publication_words: list[str], not_bodies: list[str] | None = None) -> str | None:
    """What stands before the publication word: "DPADM Monthly Update to ..." -> "DPADM"; never
    one of ``not_bodies`` alone (an article: "La Lettre d'information")."""
    starts = [
        match.start()
        for word in publication_words
        if (match := re.search(rf"\b{_phrase(word)}\b", title, re.IGNORECASE))
    ]
    if not starts:
        return None
    body = title[: min(starts)].strip(" -–—:|,")
    body = re.sub(r"['’]s$", "", body)
    if body.lower().replace("’", "'") in (not_bodies or []):
        return None
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


def issuer_from_cue(text: str, cues: list[str], articles: tuple[str, ...] = ("the",)) -> str | None:
    """The body named after a cue such as "Published by the Secretariat of X"; ``articles`` may
    stand between them (an elided one, "l'", glued to the name)."""
    spaced = "|".join(re.escape(a) for a in articles if not a.endswith("'"))
    elided = "|".join(_phrase(a) for a in articles if a.endswith("'"))
    article = "|".join([*([rf"(?:{spaced})\s+"] if spaced else []), *([rf"(?:{elided})"] if elided else [])])
    for cue in cues:
        match = re.search(rf"\b{_phrase(cue)}\s+(?:{article})?([A-Z][^\n,;]*)", text)
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


def _short_lines(lines: list[str]) -> int:
    """How many of the leading lines are short masthead lines (no sentence among them)."""
    count = 0
    for line in lines[:MAX_MASTHEAD_LINES]:
        if len(line.split()) > MAX_MASTHEAD_LINE_WORDS or line.rstrip().endswith("."):
            break
        count += 1
    return count


def _cut_after_issue(title: str, issue_end: int) -> str:
    """The title without what a layout glued after its issue month with no separator: another
    masthead element ("NEWSLETTER NO 20 MAY 1994 Canberra Nature Park")."""
    rest = title[issue_end:]
    if re.match(r"\s+[^\W\d_]", rest) and rest.lstrip()[0].isupper():
        return title[:issue_end]
    return title


def _issue_line(
    month_year: re.Pattern[str], text: str, start: int, end: int, publication_words: list[str]
) -> re.Match[str] | None:
    """The first "Month YYYY" in ``text[start:end]`` if it names an issue; None if that first
    one is part of a day's date on a line that names no publication or issue number: the lines
    down to it are a title and a dated line ("Working bee - Sunday 5th February 2017"), not a
    title set over several lines ("DREF Bulletin no. MDRKH001 25 January 2008" is one)."""
    match = month_year.search(text, start, end)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not _DAY_BEFORE.search(text[line_start : match.start()]):
        return match
    return match if _ISSUE_NUMBER.search(line) or _names_a_publication(line, publication_words) else None


def _title_span(
    preamble: str,
    continuation_words: list[str],
    language: str = "en",
    publication_words: list[str] | None = None,
) -> str:
    """The title lines: those of the first paragraph that make up the title (the rest is a
    subtitle), and, when they do not name the issue, the masthead lines down to the one that
    does ("COOLEMAN RIDGE PARK CARE GROUP" / "Newsletter January 2016")."""
    first_paragraph = _PARAGRAPH_BREAK.split(preamble, maxsplit=1)[0]
    lines = first_paragraph.splitlines()
    kept = "\n".join(lines[: title_lines(first_paragraph, continuation_words)])
    month_year = _month_names(language)[1]
    issue = month_year.search(kept)
    if issue is not None:
        return _cut_after_issue(kept, issue.end())
    if _ISSUE_NUMBER.search(kept):
        return kept  # it names its issue by number ("Weekly Notes #41"): the lines after are not its title
    if len(lines) > 1 and not _names_a_publication(kept, publication_words or []):
        # A name set over several short lines ("horizons" / "sahel" / "Bulletin N°9" / "mai à
        # août" / "2014"): the title runs on down to the line naming the issue's month.
        run = _short_lines(lines)
        run_end = len("\n".join(lines[:run]))
        match = _issue_line(month_year, first_paragraph, len(kept), run_end, publication_words or [])
        if match is not None:
            return first_paragraph[: match.end()]
    if parse_issue_month(kept, language) is None:
        block = masthead_paragraphs(preamble)
        if len(block) > 1:
            match = _issue_line(month_year, preamble, block[1][0], block[-1][1], publication_words or [])
            # A title runs over a few lines; many short lines down to a date are a form's
            # fields ("Response Name" / ... / "Time & Date" / "15:30 12th May 2017").
            lines_run = [ln for ln in preamble[: match.end()].splitlines() if ln.strip()] if match else []
            if match is not None and len(lines_run) <= MAX_TITLE_RUN_LINES:
                return preamble[: match.end()]
    return kept


def _is_sentence(line: str, language: str = "en") -> bool:
    """A line of prose, not a title (a bulletin that opens straight on its first article):
    longer than a masthead line and ending a sentence; a shorter one closed by a full stop
    with words in lower case that title case would capitalise ("Our next gathering on 13
    November is the AGM."); or longer than any title, however it ends."""
    words = line.split()
    if len(words) > MAX_TITLE_WORDS:
        return True
    if len(words) > MAX_MASTHEAD_LINE_WORDS and line.endswith((".", "!")):
        return True
    # Title case leaves only short words in lower case ("of", "the", "and"), and French month
    # names ("12 novembre 2023 - Assemblée Générale.").
    dates = heading_words(language).date_words
    lower = sum(
        w[0].islower() and len(w) > MAX_TITLE_CASE_LOWER_CHARS and fold(w.strip(",.;:")) not in dates
        for w in words
    )
    return line.endswith(".") and len(words) >= MIN_STOPPED_SENTENCE_WORDS and lower >= 2


def _wrapped_prose(paragraph: str) -> bool:
    """A paragraph of prose broken into lines of a page's width: a line as long as a page's
    runs on into a next one that opens in lower case, and the whole is longer than any title
    (a title set over short lines, "horizons" / "sahel", is none)."""
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    return (
        len(lines) > 1
        and len(lines[0].split()) >= MIN_WRAPPED_LINE_WORDS
        and lines[1][0].islower()
        and not lines[0].endswith(tuple(_CONTINUATION_MARKS))
        and len(paragraph.split()) > MAX_TITLE_WORDS
    )


def _only_furniture(text: str, language: str) -> bool:
    """Every line of ``text`` is furniture: a date, a dateline, navigation, an ornament."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return all(is_furniture(line, language) or is_ornament(line) for line in lines)


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


def _site_name(preamble: str, publication_words: list[str], language: str) -> bool:
    """Whether the preamble is only a web page's site name above its article ("Humanity hub",
    "Riverside-news.fr"): one short line with no figure, naming no publication, no issue and
    no date."""
    lines = [line.strip() for line in preamble.splitlines() if line.strip()]
    if len(lines) != 1:
        return False
    line = lines[0]
    return (
        len(line.split()) <= MAX_SITE_NAME_WORDS
        and not line.isupper()  # a rubric in capitals ("BURKINA FASO") over its first article
        and not any(c.isdigit() for c in line)
        and not _names_a_publication(line, publication_words)
        and parse_issue_month(line, language) is None
    )


def _headline(title: str, later: list[Section]) -> bool:
    """Whether the first heading reads as the article's headline: a phrase of a few words,
    longer than any heading after it (the article's own parts), not one of a run of articles'
    headings alike ("Fiji: Cyclone Keni" / "Chad: Floods")."""
    n = len(title.split())
    return n >= MIN_HEADLINE_WORDS and all(n > len(s.title.split()) for s in later if s.title)


def _first_heading(
    sections: list[Section], preamble: Section | None, language: str, *, under_site_name: bool = False
) -> tuple[str, int, int] | None:
    """The first article's heading, (text, start, end), where the text opens on it with no
    masthead: before it stands nothing, or only a date or a site's furniture ("Saturday,
    January 3, 2009" / "Friends of the Park Needs YOU!"), or a site's name over a headline
    longer than it (``under_site_name``). Not a numbered item's: a bulletin of numbered items
    has its name elsewhere."""
    if preamble is not None and not (under_site_name or _only_furniture(preamble.text, language)):
        return None
    following = sections[1:] if preamble is not None else sections
    first = following[0] if following else None
    if first is None or first.number is not None or not first.title:
        return None
    title = " ".join(first.title.split())
    if len(title) > MAX_TITLE_CHARS or _is_sentence(title, language):
        return None
    if under_site_name and not _headline(title, following[1:]):
        return None
    at = first.text.find(first.title)
    start = first.char_start + max(at, 0)
    return title, start, start + len(first.title)


def find_masthead(
    sections: list[Section],
    source_name: str,
    *,
    metadata_title: str | None = None,
    metadata_date: date | None = None,
    language: str = "en",
) -> Masthead:
    """Read the masthead from the untitled first section; the file name, then the format's
    metadata (an e-mail's subject and date), stand in for what it does not say. ``language``:
    whose month names and publication words to read (ISO 639-1)."""
    data = load_language_data("masthead.yaml", language)
    first = sections[0] if sections else None
    preamble = first if first is not None and first.number is None and first.title is None else None
    title: str | None = None
    start = end = 0
    issue: date | None = None
    if preamble is not None:
        # Navigation, a contact or a date line standing before the masthead is not its title.
        skip = leading_furniture(preamble.text, language)
        kept = _title_span(
            preamble.text[skip:], data["continuation_words"], language, data["publication_words"]
        )
        span = (skip, skip + len(kept.rstrip()))
        subject = _subject_line(preamble.text, data["document_title_openers"])
        if subject is not None and not _names_a_publication(kept, data["publication_words"]):
            # An official document: its masthead is the organ and its metadata; its title is
            # the subject line after them ("Letter dated ... from the Secretary-General ...").
            span = subject
        candidate = " ".join(preamble.text[span[0] : span[1]].split())
        first_paragraph = _PARAGRAPH_BREAK.split(preamble.text[span[0] :], maxsplit=1)[0]
        if 0 < len(candidate) <= MAX_TITLE_CHARS and not (
            _is_sentence(candidate, language)
            or is_furniture(candidate, language)
            or _wrapped_prose(first_paragraph)
        ):
            title = candidate
            start, end = preamble.char_start + span[0], preamble.char_start + span[1]
        block = masthead_paragraphs(preamble.text)
        issue = parse_issue_month(kept, language) or parse_issue_month(
            preamble.text[: block[-1][1]] if block else "", language
        )
    heading = _first_heading(sections, preamble, language)
    if title is None and heading is not None:
        title, start, end = heading
    elif preamble is not None and _site_name(preamble.text, data["publication_words"], language):
        # A web page's site name stands above its article's headline: the headline is the title.
        headline = _first_heading(sections, preamble, language, under_site_name=True)
        if headline is not None:
            title, start, end = headline
    if issue is None:
        issue = parse_issue_month(source_name, language)
    if issue is None and metadata_date is not None:
        issue = metadata_date.replace(day=1)
    # The text before the first section, or the article the text opens on with no masthead.
    opening = (
        preamble if preamble is not None else first if first is not None and first.number is None else None
    )
    if issue is None and opening is not None:
        issue = parse_issue_month(opening.text, language)
    if title is None and metadata_title:
        title = " ".join(metadata_title.split())[:MAX_TITLE_CHARS] or None
    articles = tuple(data["issuer_articles"])
    body = issuer_from_cue(preamble.text, data["issuer_cues"], articles) if preamble is not None else None
    if body is None and title:
        body = issuing_body(title, data["publication_words"], data.get("not_bodies"))
    return Masthead(title, issue, body, start, end)
