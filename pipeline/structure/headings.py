"""Headings of plain text: the titled articles of a bulletin that states no format headings.

A heading is a short, title-like line that stands alone before the text it heads. Plain text
shows that in three ways, each read from general evidence (length, capitalisation, the
punctuation that ends a line and opens the next, what follows), never from a bulletin's words:

- a line alone between blank lines, before a paragraph of prose or a list (the common case);
- a line with no blank line around it, in a text whose paragraphs are lines (a web page) or
  whose lines are wrapped (a PDF's text layer): it neither continues the line before (that
  one ends a sentence, or there is none) nor runs on into the next (that one opens with a
  capital), and it is set in capitals, asks a question, or stands before a whole paragraph
  written on one line; in a narrow column it may wrap over a line or two of its own that run
  on in lower case ("Voyage en Belgique" / "le 21 juin 2015"), each clearly shorter than the
  paragraph's lines, and a one-line standfirst may come between it and its paragraph;
- a run-in heading: a paragraph that opens with a short phrase glued to the first sentence
  of its text ("Situation overview The security situation ..."), where the break was lost;
  not an article and common nouns, the subject named in apposition ("The charity Our
  neighbours in need opened ...").

A heading may stand over a date, a byline or a tag before its text ("Flood appeal" /
"Created: 2 May 2024"), and a rubric set apart (in capitals, between glyphs: "/ Awards /")
over an article's own heading. A subheading that comes back under every article's heading
("Overview") is no article of its own.

Lines that look like headings but head nothing are left out: masthead lines (the issue's
number or month before any prose), captions, credits and contacts ("Photo: ...", "Tel: ..."),
a sentence broken off before what it announces ("The list includes:"), bylines, calls to
action ("Read more"), a letter's salutation ("Dear members"), date lines, the lines of a list,
and the signer's office under a name that ends an article ("Jean Morel" / "President of the
Friends of the Mill"; the offices are ``data/people.yaml``'s roles). The words of those are
data (``data/headings.yaml``, ``data/<language>/headings.yaml``). What one line reads
as on its own (a title, prose, a sentence, capitals) is ``line_shapes.py``'s.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from pipeline.core.records import Heading
from pipeline.structure.contents import listed_heading, listed_titles
from pipeline.structure.furniture import (
    LABEL,
    MAX_LINE_HEADING_WORDS,
    WORD,
    HeadingWords,
    breaks_off,
    fold,
    heading_words,
    heads_nothing,
    is_contact,
    is_navigation,
    is_ornament,
)
from pipeline.structure.line_shapes import (
    CLOSED,
    DECORATED,
    FIGURE_FIELD,
    LIST_MARK,
    MIN_PROSE_WORDS,
    MIN_SENTENCE_WORDS,
    announces,
    heads_sentence,
    is_capitals,
    is_one_line_paragraph,
    is_prose,
    is_question,
    is_title_like,
    opens_unit,
    stopped_capitals,
)
from pipeline.structure.text_lines import Line, text_lines

# A run-in heading: at most this many words before the sentence it was glued to.
MAX_RUN_IN_WORDS = 6
MIN_LIST_ITEMS = 2
# An item of a list set without marks (a task, a name) has at least this many words.
MIN_LIST_ITEM_WORDS = 2
# A heading in sentence case ending with a colon: at most this many words.
MAX_COLON_HEADING_WORDS = 8
# A masthead has at least its title and the issue's line before a heading it runs into.
MIN_MASTHEAD_LINES_BEFORE_HEADING = 2
# The issue's title line stands among the text's first lines.
MAX_MASTHEAD_PARAGRAPHS = 4
# A byline, a date line or a credit may stand between a heading and its text: at most this many.
MAX_FURNITURE_LINES = 2
# A heading over a paragraph wrapped over lines: at most this many words, shorter than this
# share of the paragraph's first line, which has at least this many words.
MAX_WRAPPED_HEADING_WORDS = 10
SHORT_LINE_SHARE = 0.7
MIN_WRAPPED_LINE_WORDS = 8
MIN_COLUMN_LINE_WORDS = 5
# A word this short before a final full stop may be an abbreviation ("Ms.", "Co."), not a
# sentence's end.
MAX_ABBREVIATION_CHARS = 3
# A tag between a heading and its text ("events", "news"): a word or two in lower case.
MAX_TAG_WORDS = 2
# A heading wrapped over lines of its own in a narrow column runs on over at most this many.
MAX_HEADING_CONTINUATIONS = 2
# A signer's name alone on its line has this many words (first names, initials, surname).
MIN_SIGNER_WORDS = 2
MAX_SIGNER_WORDS = 4

# A sentence's end, not a list's or a label's (":", ";").
_STATEMENT_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# An issue's number: a line carrying one before any prose is the masthead's ("Situation
# Report No. 50 (as of 21 August 2014)", "Issue 12, Spring 2019").
_ISSUE_MARK = re.compile(r"\b(?:No|Issue|Vol|Volume|Number|N°|Nº|Numéro|Edition)\.?\s*\d", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^[\divxlc.\-–/ ]+$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD_OR_NUMBER = re.compile(r"[^\W_]+")
# A sentence's end, maybe inside a quotation closed after a space (French: "... ? »").
_QUOTE_OR_SENTENCE_END = re.compile(r"[.!?…][\s\"'”’»)\]]*$")
_INITIAL = re.compile(r"[^\W\d_]\.")


def _colon_heading(lines: list[Line], i: int) -> bool:
    """A short line in sentence case ending with a colon, alone between blank lines over a
    paragraph of prose ("Mission objectives:" / "To assess the ..."): a heading. Over a list
    it announces the list ("Upcoming dates:" / "- Tuesday 15 ..."); "Label: value" is a field."""
    line = lines[i]
    if not (line.text.endswith(":") and line.blank_before and line.blank_after):
        return False
    head = line.text[:-1].rstrip()
    if len(head.split()) > MAX_COLON_HEADING_WORDS or ":" in head or not is_title_like(head):
        return False
    following, is_list = _following(lines, i)
    return not is_list and LIST_MARK.match(following) is None and is_prose(following)


def leading_furniture(text: str, language: str = "en") -> int:
    """How many characters of ``text`` its opening navigation, contact, call-to-action, date,
    ornament and list lines (a site's menu) take: what stands before a masthead's title (0 when
    every line is such a line)."""
    for line in text_lines(text):
        if not (is_ornament(line.text) or is_furniture(line.text, language) or LIST_MARK.match(line.text)):
            return line.start
    return 0


def is_furniture(line: str, language: str = "en") -> bool:
    """A line that is never a title: navigation, a caption, credit, contact, address, call to
    action or a date alone."""
    words = heading_words(language)
    return is_navigation(line, words) or heads_nothing(line, words)


def _is_statement(line: Line, paragraph: str) -> bool:
    """A paragraph of one line that ends a sentence, however short: all a heading may have to
    say ("Unmet needs" / "None.", "Latest news" / "Spring fair 2024."). Not a field of a form
    ("Bring: hat, gloves."), nor a line ended by an abbreviation ("Stennis Space Center, Ms.")."""
    if line.text != paragraph or _STATEMENT_END.search(paragraph) is None or LABEL.match(paragraph):
        return False
    last = paragraph.rsplit(maxsplit=1)[-1].rstrip(".!?…\"'”’»)]")
    return not (last.isalpha() and len(last) <= MAX_ABBREVIATION_CHARS)


def _closes(line: Line) -> bool:
    """Whether nothing runs on from this line into the next: it ends a sentence, or it is a
    number alone (a page or an item's number)."""
    return CLOSED.search(line.text) is not None or _NUMBER_ONLY.match(line.text) is not None


def _following(lines: list[Line], i: int) -> tuple[str, bool]:
    """The text a heading at line ``i`` stands before (the next paragraph, or the rest of its
    own), and whether that is a list of items."""
    block: list[str] = []
    for j in range(i + 1, len(lines)):
        if block and lines[j].blank_before:
            break
        block.append(lines[j].text)
    items = [line for line in block if LIST_MARK.match(line)]
    return " ".join(block), len(items) >= MIN_LIST_ITEMS and len(items) == len(block)


def _is_metadata(line: Line, words: HeadingWords) -> bool:
    """A line that may stand between a heading and its text: a byline, a date line, a credit, a
    dated field ("Created: 27/03/2017", "Posted: 3 May") or a tag in lower case ("events")."""
    text = line.text
    tag = len(text.split()) <= MAX_TAG_WORDS and text[:1].islower() and CLOSED.search(text) is None
    return tag or heads_nothing(text, words) or FIGURE_FIELD.match(text) is not None


def _past_furniture(lines: list[Line], i: int, words: HeadingWords) -> int:
    """The line a heading at line ``i`` stands over, past a byline, a date line or a credit
    that may come between them ("Spring fair" / "By Anna Berg" / "The fair ..."), standing
    alone or set right under the heading ("Flood appeal" / "Created: 2 May 2024")."""
    j = i
    for _ in range(MAX_FURNITURE_LINES):
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if (
            nxt is None
            or not (nxt.blank_after and (nxt.blank_before or j == i))
            or not _is_metadata(nxt, words)
        ):
            break
        j += 1
    return j


def _set_apart(lines: list[Line], i: int, j: int) -> bool:
    """Whether the heading at line ``i`` is set apart as a rubric is: in capitals, between
    glyphs, or over a date or a tag (line ``j`` is past them)."""
    text = lines[i].text
    return j > i or DECORATED.match(text) is not None or is_capitals(text)


def _over_heading(lines: list[Line], j: int, words: HeadingWords) -> bool:
    """Whether line ``j`` is a heading alone between blank lines over its text: a heading
    above it is a rubric over an article's title ("Awards" / "Two prizes for Lyon")."""
    line = lines[j] if j < len(lines) else None
    return (
        line is not None
        and line.blank_before
        and line.blank_after
        and is_title_like(line.text)
        and not (heads_nothing(line.text, words) or _masthead_line(line.text, words))
        and _standalone_heading(lines, j, words, stacked=False)
    )


def _standalone_heading(lines: list[Line], i: int, words: HeadingWords, stacked: bool = True) -> bool:
    """Whether line ``i`` is a heading on a line of its own (see the module's docstring);
    ``stacked``: whether it may stand over another heading rather than over text."""
    line = lines[i]
    j = _past_furniture(lines, i, words)
    if line.blank_before and lines[j].blank_after:
        following, is_list = _following(lines, j)
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        return (
            (nxt is not None and announces(line.text))
            or is_prose(following)
            or is_list
            or (stacked and _set_apart(lines, i, j) and _over_heading(lines, j + 1, words))
            or (
                nxt is not None
                and (
                    heads_sentence(line.text, nxt.text)
                    or (
                        LABEL.match(line.text) is None
                        and len(line.text.split()) <= MAX_LINE_HEADING_WORDS
                        and _is_statement(nxt, following)
                    )
                )
            )
        )
    after = lines[i + 1] if i + 1 < len(lines) else None
    if after is None or not (line.blank_after or opens_unit(after.text)):
        return False
    if not line.blank_before and _signs_off(lines[i - 1]):
        return False  # a signature: "Best wishes," / "ANNA BERG"
    if _ends_list(lines, i, words):
        return False
    if is_capitals(line.text):  # a line in capitals continues no sentence
        return True
    # After a short line that ends no sentence, a line with a comma may be a sentence's
    # opening ("Un nouvel adhérent, Cheikh" / "Niang, professeur ..."), not a heading.
    apart = line.blank_before or ("," not in line.text and _complete_short_line(lines[i - 1], words))
    if not (apart or _closes(lines[i - 1])):
        return False
    if is_question(line.text):
        return True
    if not (apart or CLOSED.search(lines[i - 1].text) is not None):
        return False
    return (
        is_one_line_paragraph(after.text)
        or (after.blank_after and heads_sentence(line.text, after.text))
        or _heads_wrapped_text([line], lines[i + 1 : i + 4])
    )


def _ends_list(lines: list[Line], i: int, words: HeadingWords) -> bool:
    """Whether line ``i`` is the last item of a list set without marks (names, tasks): right
    above it, with no blank line between, stand short title-like lines of content (no
    masthead line, credit or sign-off, nor the one-word labels and values of a form), and it is
    no longer than they are (a heading under a credit or a tag is longer than its short lines).
    A line in capitals is set apart."""
    if is_capitals(lines[i].text):
        return False
    above: list[Line] = []
    k = i
    while k > 0 and not lines[k].blank_before and len(above) < MIN_LIST_ITEMS:
        previous = lines[k - 1].text
        if (
            len(previous.split()) < MIN_LIST_ITEM_WORDS
            or not is_title_like(previous)
            or _masthead_line(previous, words)
            or heads_nothing(previous, words)
        ):
            return False
        above.append(lines[k - 1])
        k -= 1
    longest = max((len(line.text.split()) for line in above), default=0)
    return len(above) >= MIN_LIST_ITEMS and len(lines[i].text.split()) <= longest + 1


def _is_field(line: Line) -> bool:
    """A short "Label: value" line ("Secretary: J. Smith", "Time: 8 am")."""
    return LABEL.match(line.text) is not None and len(line.text.split()) <= MAX_LINE_HEADING_WORDS


def _in_form(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is a field of a form: a "Label: value" line after another."""
    return i > 0 and _is_field(lines[i]) and _is_field(lines[i - 1])


def _signs_off(line: Line) -> bool:
    """A short line ending in a comma: a letter's closing ("Kind regards,", "Le Maire,"), which
    the signer's name follows."""
    return line.text.endswith(",") and len(line.text.split()) <= MAX_LINE_HEADING_WORDS


def _is_signer(line: Line) -> bool:
    """A person's name alone as its own paragraph: two to four capitalised words and nothing
    after them ("Jean Morel", "ANNA K. BERG")."""
    tokens = line.text.split()
    return (
        line.blank_before
        and MIN_SIGNER_WORDS <= len(tokens) <= MAX_SIGNER_WORDS
        and all(token[:1].isupper() for token in tokens)
        and all(WORD.fullmatch(token) or _INITIAL.fullmatch(token) for token in tokens)
    )


def _signer_office(lines: list[Line], i: int, words: HeadingWords) -> bool:
    """Whether line ``i`` is the office under a signature that ends an article: prose ends,
    a name stands alone, then the office ("... with my thanks." / "Jean Morel" / "President of
    the Friends of the Mill"): the signer's, not a heading."""
    if i < 2 or words.offices.match(fold(lines[i].text)) is None:
        return False
    name, before = lines[i - 1], lines[i - 2]
    return _is_signer(name) and (_QUOTE_OR_SENTENCE_END.search(before.text) is not None or _signs_off(before))


def _complete_short_line(line: Line, words: HeadingWords) -> bool:
    """A short line that nothing runs on from though it ends no sentence: a masthead's line,
    a sign-off, a footer, a field of a form ("Council Update March 2021", "- Cr Ann Lee,
    Mayor", "Status" / "Operational"): it ends in a name or a figure, or heads nothing."""
    tokens = line.text.split()
    if len(tokens) > MAX_LINE_HEADING_WORDS:
        return False
    last = tokens[-1].strip("\"'”’)]")
    return last[:1].isupper() or last[:1].isdigit() or heads_nothing(line.text, words)


def _opens_wrapped_prose(line: Line, after: list[Line]) -> bool:
    """Whether the lines after a short line are a paragraph wrapped over lines (a PDF's text
    layer): a long line, clearly longer than the short one, that runs on into the next."""
    if len(after) < 2 or after[0].blank_after or len(line.text.split()) > MAX_WRAPPED_HEADING_WORDS:
        return False
    first, second = after[0], after[1]
    # A narrow column wraps shorter lines: two lines of its width in a row.
    column = len(first.text.split()) >= MIN_COLUMN_LINE_WORDS and len(second.text) >= SHORT_LINE_SHARE * len(
        first.text
    )
    return (
        (len(first.text.split()) >= MIN_WRAPPED_LINE_WORDS or column)
        and len(line.text) < SHORT_LINE_SHARE * len(first.text)
        and CLOSED.search(first.text) is None
    )


def _is_lede(line: Line) -> bool:
    """A short sentence on a line of its own between a heading and its wrapped paragraph (a
    standfirst: "Spring fair" / "A day of surprises." / "The stalls opened ...")."""
    text = line.text
    return (
        not (line.blank_before or line.blank_after)
        and text[:1].isupper()
        and _STATEMENT_END.search(text) is not None
        and len(text.split()) <= MAX_WRAPPED_HEADING_WORDS
        and LABEL.match(text) is None
    )


def _heads_wrapped_text(heading: list[Line], after: list[Line]) -> bool:
    """Whether the short lines of a heading stand over a paragraph wrapped over lines (a PDF's
    text layer), maybe under a one-line standfirst: every line of the heading is clearly
    shorter than the paragraph's lines."""
    if after and _is_lede(after[0]):
        after = after[1:]
    return all(_opens_wrapped_prose(line, after[:2]) for line in heading)


def _wrapped_heading_end(lines: list[Line], i: int, words: HeadingWords) -> int:
    """The last line of a heading at line ``i`` wrapped over short lines of its own in text
    without blank lines ("Voyage en Belgique" / "le 21 juin 2015"); ``i`` when it has none.
    The lines after the first run on in lower case and end no sentence; the heading stands
    apart from the line before, and over a wrapped paragraph or another heading."""
    j = i
    while j + 1 < len(lines) and j - i < MAX_HEADING_CONTINUATIONS and not lines[j].blank_after:
        nxt = lines[j + 1].text
        if not nxt[:1].islower() or CLOSED.search(nxt) or len(nxt.split()) > MAX_WRAPPED_HEADING_WORDS:
            break
        j += 1
    after = lines[j + 1 : j + 4]
    if j == i or lines[i].blank_before or not after or after[0].blank_before:
        return i
    if not opens_unit(after[0].text):
        return i
    previous = lines[i - 1] if i else None
    if previous is None or not (CLOSED.search(previous.text) or _complete_short_line(previous, words)):
        return i
    if not is_title_like(" ".join(line.text for line in lines[i : j + 1])):
        return i
    over_heading = is_title_like(after[0].text) and _standalone_heading(lines, j + 1, words, stacked=False)
    return j if over_heading or _heads_wrapped_text(lines[i : j + 1], after) else i


def _run_in_heading(line: Line, words: HeadingWords) -> int | None:
    """The end of a run-in heading that opens this paragraph line, if it has one."""
    tokens = list(re.finditer(r"\S+", line.text))
    if len(tokens) < MIN_PROSE_WORDS or not tokens[0].group()[:1].isupper():
        return None
    for k in range(1, min(MAX_RUN_IN_WORDS, len(tokens) - 2) + 1):
        previous, opener, after = tokens[k - 1].group(), tokens[k].group(), tokens[k + 1].group()
        if not all(WORD.fullmatch(t.group()) for t in tokens[:k]):
            return None
        if (
            opener in words.sentence_openers
            and len(previous) >= 4
            and (after[0].islower() or after[0].isdigit())
        ):
            phrase = line.text[: tokens[k - 1].end()]
            return None if _subject_in_apposition(phrase, words) else line.start + tokens[k - 1].end()
    return None


def _subject_in_apposition(phrase: str, words: HeadingWords) -> bool:
    """Whether a paragraph's opening phrase is an article and common nouns: the subject of its
    sentence, whose name follows it ("L'association Les amis du moulin organise", "The charity
    Our neighbours in need opened"), not a run-in heading."""
    folded = fold(phrase)
    article = words.articles.match(folded)
    return article is not None and phrase[article.end() :] == folded[article.end() :]


def _trim_decoration(text: str, start: int, end: int) -> int:
    """The end of a heading without the glyphs that decorate it ("Highlights ●●")."""
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in ("So", "Sm")):
        end -= 1
    return end


def _masthead_line(line: str, words: HeadingWords) -> bool:
    """A line of the masthead: it names the issue's number, or a month and its year ("Report
    for March 2020"); a day's date does not make one ("Field day, March 3 - 5, 2024")."""
    if _ISSUE_MARK.search(line):
        return True
    tokens = _WORD_OR_NUMBER.findall(fold(line))
    return any(a in words.month_words and _YEAR.fullmatch(b) for a, b in itertools.pairwise(tokens))


def _after_menu(lines: list[Line], words: HeadingWords) -> int:
    """The first line past a site's menu (navigation or list lines) opening the text."""
    for i, line in enumerate(lines):
        if not (LIST_MARK.match(line.text) or is_navigation(line.text, words)):
            return i
    return 0


def _masthead_end(lines: list[Line], words: HeadingWords) -> int:
    """Where the masthead ends: after the first paragraph where the text has paragraphs, else
    after the first line, past a site's menu before them; before the paragraph's last line
    when that is in capitals after a line naming the issue (a heading the masthead runs into)."""
    first = _after_menu(lines, words)
    end = next((i for i, line in enumerate(lines) if i > first and line.blank_before), first + 1)
    runs_into_heading = (
        end - first > MIN_MASTHEAD_LINES_BEFORE_HEADING
        and is_capitals(lines[end - 1].text)
        and _masthead_line(lines[end - 2].text, words)
    )
    if runs_into_heading:
        return end - 1
    return max(end, _title_line_end(lines, words))


def _title_line_end(lines: list[Line], words: HeadingWords) -> int:
    """Past the issue's title line (it names the issue's number, or a month and its year) when
    it stands alone as a paragraph within the first few lines, before any prose: what stands
    above it (a site's tagline, its breadcrumbs) is the masthead's too."""
    for i, line in enumerate(lines[:MAX_MASTHEAD_PARAGRAPHS]):
        if is_prose(line.text) and not is_title_like(line.text):
            return 0
        if line.blank_before and line.blank_after and _masthead_line(line.text, words):
            return i + 1
    return 0


def _over_contact(lines: list[Line], i: int) -> bool:
    """Whether a contact line (an e-mail, a web or postal address) follows line ``i`` closely:
    the line names the body the contact is for."""
    return any(is_contact(line.text) for line in lines[i + 1 : i + 1 + MAX_FURNITURE_LINES])


def text_headings(text: str, language: str = "en") -> list[Heading]:
    """Headings of plain text (see the module's docstring), in order.

    The text's first line and first paragraph are its masthead, never an article's heading,
    and so is a line naming an issue's number or month before any prose, or one followed by
    a contact line (the issuing body's name over its address). The masthead's last line may
    still head the first article when it is set in capitals after the issue's date or number
    ("Weekly Notes #41" / "23-29 May 2016" / "HIGHLIGHTS"). One heading alone is not a
    structure (at least two are needed), unless it stands alone between paragraphs of prose.
    """
    words = heading_words(language)
    lines = text_lines(text)
    masthead_end = _masthead_end(lines, words)
    found: list[Heading] = []
    under_heading: list[bool] = []  # no prose between a heading and the one before it
    between_prose = False  # a heading standing alone between paragraphs of prose
    prose_seen = prose_since_heading = False
    contents_end, listed = listed_titles(text, lines, words)
    listed_seen = False  # a heading the list of contents names
    for i, line in enumerate(lines):
        title_end = listed_heading(line.text, listed) if listed and line.start >= contents_end else None
        if title_end is not None:
            found.append(Heading(line.start, line.start + title_end))
            under_heading.append(False)
            listed_seen = prose_since_heading = True
        elif i >= masthead_end:
            start, end = line.start, None
            title_like = is_title_like(line.text) or _colon_heading(lines, i)
            if title_like and not (
                heads_nothing(line.text, words) or _in_form(lines, i) or _signer_office(lines, i, words)
            ):
                if prose_seen or not (_masthead_line(line.text, words) or _over_contact(lines, i)):
                    if _standalone_heading(lines, i, words):
                        start, end = _heading_span(text, line)
                    elif (last := _wrapped_heading_end(lines, i, words)) > i:
                        end = lines[last].end
            elif line.blank_before and is_prose(line.text):
                end = _run_in_heading(line, words)
            heading = " ".join(text[start:end].split()) if end is not None else ""
            if end is not None and any(c.isalpha() for c in heading) and not breaks_off(heading, words):
                found.append(Heading(start, end))
                under_heading.append(bool(found[:-1]) and not prose_since_heading)
                between_prose = (
                    prose_seen
                    and line.blank_before
                    and line.blank_after
                    and is_prose(_following(lines, i)[0])
                )
                prose_since_heading = False
        line_is_prose = is_prose(line.text) or (
            _closes(line) and len(line.text.split()) >= MIN_SENTENCE_WORDS
        )
        prose_seen = prose_seen or line_is_prose
        prose_since_heading = prose_since_heading or line_is_prose
    found = _without_subheadings(text, found, under_heading)
    found = _without_contents_lines(text, found, contents_end)
    return found if len(found) >= 2 or (found and (between_prose or listed_seen)) else []


def _heading_span(text: str, line: Line) -> tuple[int, int]:
    """A heading line's span without its decoration and a final colon ("Useful links:" is
    headed "Useful links", "/ Awards /" is headed "Awards")."""
    start, end = line.start, _trim_decoration(text, line.start, line.end)
    decorated = DECORATED.match(line.text)
    if decorated:
        start, end = line.start + decorated.start(2), line.start + decorated.end(2)
    if text[end - 1] == ":" or stopped_capitals(text[start:end]):
        end = len(text[start : end - 1].rstrip()) + start
    return start, end


def _without_subheadings(text: str, found: list[Heading], under_heading: list[bool]) -> list[Heading]:
    """Headings less the subheadings: a title that comes back in every article ("Overview",
    "Background") set right under the article's own heading."""
    titles = [fold(" ".join(text[h.char_start : h.char_end].split())) for h in found]
    repeated = {t for t in titles if titles.count(t) > 1}
    return [
        h for h, t, under in zip(found, titles, under_heading, strict=True) if not (under and t in repeated)
    ]


def _without_contents_lines(text: str, found: list[Heading], contents_end: int) -> list[Heading]:
    """Headings less the lines of the list of contents that name a heading further on."""
    titles = [fold(" ".join(text[h.char_start : h.char_end].split())) for h in found]
    later = {t for h, t in zip(found, titles, strict=True) if h.char_start >= contents_end}
    return [h for h, t in zip(found, titles, strict=True) if h.char_start >= contents_end or t not in later]
