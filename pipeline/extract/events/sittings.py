"""A body named with the day it sat ("le Conseil du 12 avril", "conseil municipal du 18 novembre
2008"): that sitting of the body is an activity.

A council or a board is no activity ("le conseil municipal a voté le budget"); named with a
day right after it, or after "du", it stands for the session it held that day, as "séance"
does. The bodies are data (``sitting_bodies`` in ``events.yaml``), longest first, so that
"conseil municipal du 18 novembre" is the municipal council's sitting. A body that the name of
an activity already holds ("la réunion du Conseil Municipal du 16 septembre") is left to it.

French names a sitting by its day in the same way ("la séance du 7 septembre 2012", "la
réunion du 5 avril"): where the activity's name is its trigger word alone, the day written
right after it, after "du", is part of its name (``with_its_day``), as golden files write it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.records import DateMention
from pipeline.extract.events.lexicon import EventLexicon, words_of
from pipeline.extract.events.phrases import Phrase, named_activity
from pipeline.extract.events.records import Anchor
from pipeline.extract.events.tokens import SectionText, match

_SITTING = "meeting"  # one row with "the council met" that day (same kind, same day)


def _day_after(
    st: SectionText, end: int, dates: Sequence[DateMention], lex: EventLexicon
) -> DateMention | None:
    """The day written right after token ``end - 1``, with at most "du" or "of" between."""
    text = st.section.text
    after = st.end(end - 1)
    for mention in dates:
        start = mention.char_start - st.section.char_start
        if mention.granularity != "day" or start < after:
            continue
        return mention if _joins(text[after:start], lex) else None
    return None


def _joins(gap: str, lex: EventLexicon) -> bool:
    """Is the text between a name and a day a space, or "du" or "of", on one line? A colon
    ("Date de convocation du Conseil : le 27 octobre") or a line break (a heading and the
    first line under it) is not."""
    if "\n" in gap:
        return False
    words = gap.strip().lower()
    return not words or words in lex.of_words


def sitting_phrases(
    st: SectionText, lex: EventLexicon, phrases: Sequence[Phrase], dates: Sequence[DateMention]
) -> list[Phrase]:
    """The sittings of bodies named with their day (see the module docstring)."""
    bodies = sorted(lex.sitting_bodies, key=len, reverse=True)
    found: list[Phrase] = []
    k = 0
    while k < len(st.tokens):
        body = next((b for b in bodies if match(st.lower, k, b)), None)
        if body is None:
            k += 1
            continue
        end = k + len(body)
        mention = _day_after(st, end, dates, lex)
        held = any(p.start <= k <= p.end + 1 for p in phrases)  # "réunion du Conseil ..."
        if mention is not None and not held:
            last = max(
                n
                for n in range(end, len(st.tokens))
                if st.start(n) < mention.char_end - st.section.char_start
            )
            name = st.span_text(k, last + 1)
            found.append(named_activity(k, last + 1, k, _SITTING, st.sentence_of[k], name))
        k = end
    return found


def with_its_day(st: SectionText, anchor: Anchor, name: str, lex: EventLexicon) -> str:
    """The activity's name with the one day that follows it after "du" or "of" ("séance du 7
    septembre 2012"), where the name is its trigger word alone; else ``name``."""
    mention = anchor.mention
    phrase = anchor.phrase
    if mention is None or mention.granularity != "day" or mention.start_date != mention.end_date:
        return name  # "la mission du 24 au 25 mai": a span, not the day that names a sitting
    if phrase.end - phrase.start != 1:
        return name
    if words_of(name) != (st.lower[phrase.head],):
        return name
    text = st.section.text
    after, start = st.end(phrase.end - 1), mention.char_start - st.section.char_start
    end = mention.char_end - st.section.char_start
    if start < after:
        return name
    gap = text[after:start]
    first = words_of(mention.text)[:1]  # "du 7 septembre": the date's text holds the "du"
    joined = _joins(gap, lex) and (bool(gap.strip()) or (bool(first) and first[0] in lex.of_words))
    return " ".join(text[st.start(phrase.start) : end].split()) if joined else name
