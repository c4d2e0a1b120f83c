"""Lines of an agenda or a diary: a day that opens its line as a label ("17 June: Prize-giving at
the college", "11 avril à PARIS : Les Rencontres du Développement, ...", "- 3 May – Garage
sale").

Such a line is one activity, named after the label, whatever the sentence splitter made of
the lines around it (a column of dates with no full stop is one "sentence"): the day goes to
an activity named on its own line after the label, and where no trigger word names one, the
words after the label, up to a comma or a bracket, are its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.core.records import DateMention
from pipeline.extract.events.lexicon import EventLexicon, words_of
from pipeline.extract.events.phrases import Phrase, named_activity
from pipeline.extract.events.records import Anchor
from pipeline.extract.events.tokens import SectionText

_LEADERS = " \t-–—•*·>"  # what may stand before the day on its line: a bullet
_BULLETS = "-–—•*·>"
_MARKS = (":", " – ", " — ", " - ")
# "10:00 am", "14h30", and the French hour alone ("10h-14h").
_TIME = r"\d{1,2}(?:[:.h]\d{2}|h)?\s*(?:[ap]\.?m\.?)?"
_CLOCK = re.compile(
    rf"(?<!\w){_TIME}\s*[–—-]\s*{_TIME}(?!\w)|(?<!\w)\d{{1,2}}[:.h]\d{{2}}(?!\w)", re.IGNORECASE
)
_LIST_JOINS = frozenset({"and", "or", "et", "ou"})  # between the days of a list
_MAX_BEFORE_MARK = 4  # words between the day and the mark ("à PARIS", "at the Hall")
_ASIDE = re.compile(r"\([^()]*\)")
_NAME_ENDS = ",;(.!?"
_MAX_NAME_TOKENS = 24


def agenda_label(st: SectionText, mention: DateMention) -> tuple[int, int] | None:
    """Where the name of the line a day labels starts and where the line ends (characters of
    the section), if the day opens its line and a mark (a colon, a dash) follows it."""
    if mention.granularity != "day":
        return None
    text = st.section.text
    start = mention.char_start - st.section.char_start
    end = mention.char_end - st.section.char_start
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(_LEADERS):
        return None
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[end:line_end]
    # The colon and the dash of clock times ("@ 10:00 am – 12:00 pm") are no marks.
    masked = _CLOCK.sub(lambda m: " " * len(m.group()), rest)
    found = [(masked.find(mark), len(mark)) for mark in _MARKS if mark in masked]
    if not found:
        return None
    at, size = min(found)
    # Words of place before the mark; its times, commas and asides in brackets are none ("- Lundi
    # 3 mars, 14h30 – 16h30, salle des fêtes (1er étage) : balade contée").
    if len(re.findall(r"\w[\w'’-]*", _ASIDE.sub(" ", masked[:at]))) > _MAX_BEFORE_MARK:
        return None
    name_start = end + at + size
    return (name_start, line_end) if text[name_start:line_end].strip() else None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def heading_above(
    st: SectionText, mention: DateMention, phrases: Sequence[Phrase], dates: Sequence[DateMention]
) -> Phrase | None:
    """The activity named by the line right above a day that has its own line ("Assemblée
    générale / Le 9 septembre 2016 à Sceaux", "Spring Fair / Saturday 4 May"): a heading with
    its date under it. The day's line holds nothing but the day and a few words of place;
    the line above (no blank line between) names an activity and has no date of its own."""
    if mention.granularity != "day":
        return None
    text = st.section.text
    start = mention.char_start - st.section.char_start
    end = mention.char_end - st.section.char_start
    line_start, line_end = _line_bounds(text, start, end)
    if line_start == 0 or text[line_start:start].strip(_LEADERS):
        return None
    if len(text[end:line_end].split()) > _MAX_BEFORE_MARK or any(
        line_start <= st.start(p.start) < line_end for p in phrases
    ):
        return None
    above_start, above_end = _line_bounds(text, line_start - 1, line_start - 1)
    if not text[above_start:above_end].strip():
        return None  # a blank line: the date is no part of the heading (a post's date)
    base = st.section.char_start
    if any(above_start <= d.char_start - base < above_end for d in dates):
        return None
    above = [p for p in phrases if above_start <= st.start(p.start) and st.end(p.end - 1) <= above_end]
    return above[-1] if above and not above[-1].verb else None


def item_after_comma(st: SectionText, mention: DateMention, phrases: Sequence[Phrase]) -> Phrase | None:
    """The activity a bulleted item names after its day and a comma ("- April 6, Annual Spring
    Fair at the High School"), when a trigger word names one there."""
    if not opens_list_item(st, mention):
        return None
    text = st.section.text
    end = mention.char_end - st.section.char_start
    if not text[end:].startswith(","):
        return None
    line_end = _line_bounds(text, end, end)[1]
    on_line = [p for p in phrases if end < st.start(p.start) < line_end and not p.verb]
    return on_line[0] if on_line else None


def opens_list_item(st: SectionText, mention: DateMention) -> bool:
    """Does a day open an item of a bulleted list ("- Tuesday, 15 November, noon to 1 pm, in
    the Council Chamber")? Such a list gives the days of an activity named before it."""
    if mention.granularity != "day":
        return False
    text = st.section.text
    start = mention.char_start - st.section.char_start
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return bool(before.strip()) and not before.strip(_LEADERS) and before.strip()[0] in _BULLETS


def in_day_list(
    st: SectionText, mention: DateMention, dates: Sequence[DateMention], lex: EventLexicon
) -> bool:
    """Is a day one of the days a line lists: a bulleted line after a short label of place or
    none ("- April 16, June 18", "- At the Library: May 17 and July 19"), or a line labelled as
    the date ("Date: 6 October 2026")? Such a line holds nothing else: the days of an activity
    named before it. A label of another kind names what the day is ("- Notification of
    acceptance: 31 August")."""
    if mention.granularity != "day":
        return False
    text = st.section.text
    base = st.section.char_start
    line_start, line_end = _line_bounds(text, mention.char_start - base, mention.char_end - base)
    line = list(text[line_start:line_end])
    if not "".join(line).strip():
        return False
    bulleted = "".join(line).strip()[0] in _BULLETS
    for d in dates:
        lo, hi = d.char_start - base - line_start, d.char_end - base - line_start
        if lo >= 0 and hi <= len(line):
            line[lo:hi] = " " * (hi - lo)
    body = "".join(line).lstrip(_LEADERS)
    label, colon, after = body.partition(":")
    words = label.lower().split() if colon else []
    date_label = bool(words) and set(re.findall(r"\w+", label.lower())) <= lex.date_labels
    if colon:
        if not words or len(words) > _MAX_BEFORE_MARK:
            return False
        if not (date_label or words[0] in lex.where_words):
            return False
        body = after
    if not (bulleted or date_label):
        return False
    return all(w.lower() in _LIST_JOINS for w in re.findall(r"\w+", body))


def heading_day(st: SectionText, phrases: Sequence[Phrase], dates: Sequence[DateMention]) -> Anchor | None:
    """A heading that is a day and nothing else ("October 15th", "Samedi 12 mars") over a body
    that dates no activity: the day of the first activity the body names (a diary's entry)."""
    section = st.section
    if not st.has_heading or not section.title:
        return None
    base = section.char_start
    title_lo = section.text.find(section.title)
    title_hi = title_lo + len(section.title)
    days = [d for d in dates if d.granularity == "day" and title_lo <= d.char_start - base < title_hi]
    if len(days) != 1:
        return None
    day = days[0]
    rest = section.text[title_lo : day.char_start - base] + section.text[day.char_end - base : title_hi]
    if re.search(r"\w", rest):
        return None
    body = [p for p in phrases if p.sentence > 0 and not p.in_org and not p.host and not p.argument]
    if not body:
        return None
    first = body[0]
    return Anchor(first, day, first.sentence, st.start(first.start))


def _tokens_between(st: SectionText, lo: int, hi: int) -> list[int]:
    return [k for k in range(len(st.tokens)) if lo <= st.start(k) < hi]


def agenda_phrases(
    st: SectionText,
    lex: EventLexicon,
    phrases: Sequence[Phrase],
    dates: Sequence[DateMention],
    blocked: frozenset[int],
) -> list[Phrase]:
    """The activities of agenda lines that no trigger word names: the words after the label up
    to a comma or a bracket, without an article ("Les Rencontres du Développement")."""
    text = st.section.text
    found: list[Phrase] = []
    for mention in dates:
        label = agenda_label(st, mention)
        if label is None:
            continue
        lo, hi = label
        if any(lo <= st.start(p.start) < hi for p in phrases):
            continue  # a trigger names the activity: the day goes to it
        cut = next((i for i in range(lo, hi) if text[i] in _NAME_ENDS), hi)
        tokens = _tokens_between(st, lo, cut)
        while tokens and (st.lower[tokens[0]] in lex.determiners or not st.tokens[tokens[0]].is_alpha):
            tokens.pop(0)
        if any(k in blocked for k in tokens):
            tokens = tokens[: next(n for n, k in enumerate(tokens) if k in blocked)]
        words = [w for w in words_of(text[lo:cut]) if w.isalnum()]
        deadline = any(words[: len(cue)] == list(cue) for cue in lex.deadline_words)
        if not tokens or deadline or len(tokens) > _MAX_NAME_TOKENS or st.in_heading(tokens[0]):
            continue
        first, last = tokens[0], tokens[-1]
        name = st.span_text(first, last + 1)
        found.append(named_activity(first, last + 1, last, "event", st.sentence_of[first], name))
    return found
