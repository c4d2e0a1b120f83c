"""The shape of one line of plain text: whether it reads as a title, as prose, as a sentence,
a question or a line in capitals, and whether it opens a unit of its own. The heading rules
(``headings.py``) read lines through these; they know nothing of the lines around them."""

from __future__ import annotations

import re

from pipeline.structure.furniture import CLOSING_QUOTES, LABEL, MAX_LINE_HEADING_WORDS, WORD

# A heading of plain text: one short line, no sentence end.
MAX_TEXT_HEADING_WORDS = 16
MAX_TEXT_HEADING_CHARS = 100
# The prose paragraph a heading stands before.
MIN_PROSE_WORDS = 12
# A line of this many words is a paragraph written on one line, however it ends: no page
# wraps its lines that long.
MIN_ONE_LINE_PARAGRAPH_WORDS = 30
# A heading in capitals or a question, on a line of its own with no blank line around it:
# at most MAX_LINE_HEADING_WORDS words, and in capitals at least this many letters: a short
# name heads a regional report's parts ("CHAD", "INDIA"), where an acronym of two or three
# letters ("UN", "IOM") is more often a credit or a tag.
MIN_CAPITAL_LETTERS = 4
MAX_EXCLAMATION_WORDS = 6
# A headline in capitals opening with its figure has at least this many words after it.
MIN_HEADLINE_WORDS = 3
# In a heading in title case every word of at least this many letters is capitalised.
MIN_TITLE_CASE_WORD_CHARS = 4
# A line of at least this many words that ends a sentence is prose (the masthead is over).
MIN_SENTENCE_WORDS = 6
SENTENCE_END = re.compile(r"[.;,:]$")
CLOSED = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
# A bullet, "a)", "(3)", "2." or a number set apart by a wide space ("3    Budget") opens an item.
LIST_MARK = re.compile(r"^\s*(?:[-•*–·▪●■◦‣]\s|\(?[a-z0-9]{1,3}[.)]\s|\d{1,3}(?: {2,}|\t))")
BULLET_GLYPH = re.compile(r"^[\W_]+")
# A footnote ("* This includes ...", "(1) Figures of ...") explains a figure; it is not prose.
FOOTNOTE = re.compile(r"^\s*(?:[*†‡§]|\(\d{1,2}\)|\[\d{1,2}\])")
# A sentence that ends inside the line: a heading is not two sentences.
INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
# A figure opening the line: a number with separators or of three digits or more, not a year.
FIGURE = re.compile(r"^(?!(?:19|20)\d\d\b)\d[\d,.  ]*\d\b|^\d{3,}")
# A field whose value is a figure: "Hall hire for residents : 230 €", "Time: 8.30 am".
# A time ("6:00 PM") is no field: the label ends in a letter.
FIGURE_FIELD = re.compile(r"^[^:]{0,59}[^\W\d_][\s.]*:\s*\d")
# A heading set between the same glyphs on both sides ("/ Awards /", "== Notices ==", "* News *").
DECORATED = re.compile(r"^([/\\|*=~#+—–-]+)\s+(\S.*?\S)\s+\1$")


def announces(line: str) -> bool:
    """A heading that ends with a colon ("Useful links:", "TARIFS :"): set in capitals or with
    every longer word capitalised, where a sentence that announces a list is not ("The
    following were elected:")."""
    if not line.endswith(":") or LABEL.match(line):
        return False
    head = line[:-1].rstrip()
    if head.isupper():
        return True
    long_words = [w for w in WORD.findall(head) if len(w) >= MIN_TITLE_CASE_WORD_CHARS]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def stopped_capitals(line: str) -> bool:
    """A heading in capitals closed by a full stop ("ANNUAL MEETING AND TALK."): no sentence of
    the text is set wholly in capitals."""
    head = line[:-1]
    return (
        line.endswith(".")
        and head.isupper()
        and sum(c.isalpha() for c in head) >= MIN_CAPITAL_LETTERS
        and len(head.split()) <= MAX_LINE_HEADING_WORDS
    )


def undecorated(line: str) -> str:
    """The text of a line without the glyphs set around it on both sides ("/ Awards /")."""
    decorated = DECORATED.match(line)
    return decorated.group(2) if decorated else line


def is_title_like(line: str) -> bool:
    line = undecorated(line)
    # Dashes and ampersands are not words ("Picnic - June 16, 2021 6:00 PM - Bird Walk").
    words = [w for w in line.split() if any(c.isalnum() for c in w)]
    if not words or len(words) > MAX_TEXT_HEADING_WORDS or len(line) > MAX_TEXT_HEADING_CHARS:
        return False
    # A stop inside closing quotes ends a sentence too ('... a "Virtual Event."').
    closed = SENTENCE_END.search(line.rstrip(CLOSING_QUOTES)) and not (
        announces(line) or stopped_capitals(line)
    )
    if closed or LIST_MARK.match(line):
        return False
    if line.endswith("!") and len(words) > MAX_EXCLAMATION_WORDS:
        return False  # "It is almost spring in our club too!"
    # "448,000 People displaced", "Hall hire : 230 €": a figure and its label; a headline set
    # in capitals may open with its figure ("12,000 CHILDREN VACCINATED IN THE NORTH").
    figure_label = FIGURE.match(line) and not capital_headline(line)
    if INNER_SENTENCE_END.search(line) or figure_label or FIGURE_FIELD.match(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘«("):
        return False
    return any(c.isalpha() for c in line)


def capital_headline(line: str) -> bool:
    """A headline set in capitals after its figure: a clause of words in capitals, longer than
    a key figure's label ("1,200 HOMES FLOODED IN THE DELTA", not "448,000 PEOPLE")."""
    words = WORD.findall(line)
    return (
        len(words) >= MIN_HEADLINE_WORDS
        and all(w.isupper() for w in words)
        and sum(len(w) for w in words) >= MIN_CAPITAL_LETTERS
    )


def is_capitals(line: str) -> bool:
    """A line set in capitals: a heading's typography in text that kept no blank lines."""
    if not line.isupper() or any(c.isdigit() for c in line):
        return False
    return (
        sum(c.isalpha() for c in line) >= MIN_CAPITAL_LETTERS and len(line.split()) <= MAX_LINE_HEADING_WORDS
    )


def is_question(line: str) -> bool:
    """A question, or a short exclamation ("Save the date!"); a longer one is a sentence of
    the text (not title-like)."""
    return line.rstrip().endswith(("?", "!")) and len(line.split()) <= MAX_LINE_HEADING_WORDS


def is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= MIN_PROSE_WORDS and not FOOTNOTE.match(paragraph)


def is_sentence(paragraph: str) -> bool:
    """A short paragraph that is still a sentence: it ends one, and is no "Label: value" line."""
    return (
        len(paragraph.split()) >= MIN_SENTENCE_WORDS
        and CLOSED.search(paragraph) is not None
        and not paragraph.endswith(":")
        and LABEL.match(paragraph) is None
        and not FOOTNOTE.match(paragraph)
    )


def heads_sentence(heading: str, paragraph: str) -> bool:
    """Whether a short paragraph is a sentence a heading may stand over: a heading is shorter
    than its text ("Cider day" / "Bring your own bottles on Saturday."), where a line as long
    as the sentence after it is a sentence of the text whose stop was lost (over a shorter
    statement, "Unmet needs" / "None.", a heading is at most a line's heading long)."""
    return is_sentence(paragraph) and len(heading.split()) <= len(paragraph.split())


def is_one_line_paragraph(line: str) -> bool:
    """A whole paragraph written on one line (a web page's text): long, and ending a sentence,
    or longer than any line a page wraps ("... (barring further rain)" ends no sentence)."""
    n = len(line.split())
    return n >= MIN_ONE_LINE_PARAGRAPH_WORDS or (n >= MIN_PROSE_WORDS and CLOSED.search(line) is not None)


def opens_unit(line: str) -> bool:
    """Whether a line opens a sentence, an item or a figure rather than continuing the one before."""
    first = BULLET_GLYPH.sub("", line)[:1] or line[:1]
    return first.isupper() or first.isdigit() or LIST_MARK.match(line) is not None or not first.isalpha()
