"""Event names: the section title when it names the activity, else the phrase or its antecedent.

One activity is written many ways in a section ("the workshop", "a capacity building
workshop"); resolving them to one name lets the stage give one row per activity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.core.ids import normalise_name
from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.phrases import OTHER_PREPS, Phrase
from pipeline.extract.events.tokens import SectionText

_TITLE_LEAD_PREPS = frozenset({"at", "during", "for", "to", "in", "from"})
_FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBN", "VBZ", "VBP"})
_OTHER_INSTANCE = frozenset({"next", "last", "previous", "upcoming", "forthcoming", "another"})


@dataclass(frozen=True)
class TitleActivity:
    """The activity a section title names, when it names one."""

    name: str
    event_type: str
    phrase: Phrase


def title_activity(
    st: SectionText,
    phrases: Sequence[Phrase],
    lex: EventLexicon,
    date_spans: Sequence[tuple[int, int]] = (),
) -> TitleActivity | None:
    """The title's activity when the title is the activity's name ("Workshop on X in Y"),
    not a sentence about it ("X and Y Strengthen Collaboration by Organising Summit") nor
    a heading over several ("Forthcoming Events").

    ``date_spans``: day or month dates of the section (relative offsets); one that ends
    the title is left out of the name.
    """
    title = st.section.title
    if not st.has_heading or not title:
        return None
    for phrase in phrases:
        if phrase.sentence != 0 or phrase.verb:
            continue
        if phrase.plural and not phrase.specific:
            return None  # "Field Visits", "Forthcoming Events": a heading over several
        before = [
            k
            for k in range(len(st.tokens))
            if st.sentence_of[k] == 0 and st.title_start <= st.start(k) < st.start(phrase.start)
        ]
        separators = [k for k in before if st.lower[k] in {":", "|", "–", "—"}]
        for k in before:
            if k < (separators[-1] if separators else -1):
                continue  # "Upcoming: Global Forum on X"
            if st.lower[k] in lex.title_clause_words:
                return None
            # A participle before a preposition: "Municipalities Honoured at Award Ceremony".
            if st.lower[k].endswith("ed") and k + 1 < len(st.tokens) and st.lower[k + 1] in OTHER_PREPS:
                return None
        name = title.strip()
        # "Partnership Members at the Sustainable Development Summit": the name is what
        # follows the preposition.
        words = [k for k in before if st.lower[k] not in lex.determiners]
        if (words and st.lower[words[-1]] in _TITLE_LEAD_PREPS and words[-1] > before[0]) or separators:
            name = section_title_from(st, phrase.start)
        # A verb after the name ends it ("3rd Forum on X Meets in Kuala Lumpur", "Annual
        # General Meeting to Be Held in Santiago", "Conference Postponed to March").
        verb = _title_verb(st, phrase)
        if verb is not None:
            offset = st.start(verb) - st.title_start - (len(title.strip()) - len(name))
            if 0 < offset < len(name):
                name = name[:offset].rstrip(" ,;:–-")
        # A date at the end of a title ("Workshop on X, 5-6 May") is not part of the name.
        for start, end in sorted(date_spans, reverse=True):
            offset, end_offset = start - st.title_start, end - st.title_start
            if 0 < offset < len(name) and not name[end_offset:].strip(" ,.;:–-"):
                name = name[:offset].rstrip(" ,;:–-")
        return TitleActivity(name=name or title, event_type=phrase.event_type, phrase=phrase)
    return None


def _title_verb(st: SectionText, phrase: Phrase) -> int | None:
    """The first verb of the title after the activity's trigger, if the model tags one."""
    if not st.tagged:
        return None
    for k in range(phrase.head + 1, len(st.tokens)):
        if st.sentence_of[k] != 0:
            return None
        token = st.tokens[k]
        hyphened = st.lower[k - 1] in {"-", "–"} or (k + 1 < len(st.tokens) and st.lower[k + 1] in {"-", "–"})
        if token.pos_ not in {"VERB", "AUX"} or hyphened:
            continue
        if st.lower[k] == "be" and st.lower[k - 1] == "to" and k - 1 > phrase.head:
            return k - 1  # "Annual General Meeting to Be Held in Santiago"
        if token.tag_ in _FINITE_OR_PARTICIPLE and st.lower[k - 1] != "to":
            return k  # "Forum Meets in Kuala Lumpur", "Conference Postponed to March"
        # "Workshop on Performance to Improve Service Delivery": the name goes on
    return None


def section_title_from(st: SectionText, k: int) -> str:
    """The section title from token ``k`` to its end."""
    title = (st.section.title or "").strip()
    offset = st.start(k) - st.title_start
    return title[offset:] if 0 <= offset < len(title) else title


def _content_words(text: str, lex: EventLexicon) -> set[str]:
    stop = {"a", "an", "and", "of", "the", "for", "on", "in", "to", "at", "with", "by"}
    # A trigger's head word ("meeting", "course") says nothing of which one it is; its other
    # words do ("open" in "open day" is still content in "open online course").
    trigger_words = {key[-1] for key in lex.triggers if key}
    return {
        w for w in re.findall(r"[^\W_]+", normalise_name(text)) if w not in stop and w not in trigger_words
    }


def resolve_name(
    phrase: Phrase, phrases: Sequence[Phrase], title: TitleActivity | None, lex: EventLexicon
) -> tuple[str, str]:
    """Name and type of the event a phrase stands for (see the package docstring)."""
    if phrase.det in _OTHER_INSTANCE:
        return f"{phrase.det} {_strip_determiner(phrase.name, lex)}", phrase.event_type
    if title is not None and _is_title_activity(phrase, phrases, title, lex):
        return title.name, title.event_type
    if phrase.anaphoric:
        same = [
            p
            for p in phrases
            if p is not phrase
            and not p.anaphoric
            and not p.verb
            and p.modified
            and (p.event_type == phrase.event_type or phrase.event_type == "event")
        ]
        before = [p for p in same if p.start < phrase.start]
        antecedent = before[-1] if before else (same[0] if same else None)
        if antecedent is not None:
            if title is not None and antecedent is title.phrase:
                return title.name, title.event_type
            return _strip_determiner(antecedent.name, lex), antecedent.event_type
    return _strip_determiner(phrase.name, lex), phrase.event_type


def _is_title_activity(
    phrase: Phrase, phrases: Sequence[Phrase], title: TitleActivity, lex: EventLexicon
) -> bool:
    if phrase is title.phrase:
        return True
    if phrase.verb:
        # "met with X" in a section titled "Visit of X to Y", unless the body names a visit;
        # "officials met in Windhoek" (no one met) is the gathering the title names.
        return (
            phrase.event_type == title.event_type
            or not phrase.specific
            or not any(p.event_type == title.event_type for p in phrases if p.sentence > 0)
        )
    if phrase.argument:
        return False
    if phrase.event_type not in {title.event_type, "event"} | lex.part_types:
        return False
    if phrase.anaphoric or not phrase.specific:
        return True  # "the workshop", "a capacity building workshop", "a working visit"
    own = _content_words(phrase.name, lex)
    return not own or len(own & _content_words(title.name, lex)) * 2 >= len(own)


def _strip_determiner(name: str, lex: EventLexicon) -> str:
    parts = name.split(" ", 1)
    if len(parts) == 2 and parts[0].lower() in lex.determiners:
        return parts[1]
    return name
