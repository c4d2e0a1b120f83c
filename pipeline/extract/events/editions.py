"""Named editions of a recurring activity: a row even when the text gives it no date.

"the 10th Annual Riverside Gift Fair", "the 2014 Harbour Lights Festival", "Homecoming 2015
Car Show Event": a capitalised name with an edition mark (an ordinal, a year, a word of
``edition_words`` such as "annual") names one particular activity that takes place, whether the
sentence dates it, reports it or only funds or promotes it; not a body's own sitting named
after "its" or "their", which times what the body decided. So does an activity named as a
year's edition ("last year's cleanup drew 300 volunteers", "this year's Summer Fair"), with a
word of ``edition_years`` before "year's"; one of another year (``other_edition_years``: "last
year's cleanup") keeps those words in its name, for it is not the edition the section dates.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.tokens import SectionText

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_ORDINAL_WORD = re.compile(r"(first|second|third|[a-z]th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_YEARS_MARK = 3  # tokens of "last year 's" before the name


def edition_mark(st: SectionText, k: int, lex: EventLexicon) -> bool:
    """Is token ``k`` an ordinal ("10th", "Third"), a year ("2014") or an edition word ("annual")?"""
    low = st.lower[k]
    if low in lex.edition_words or _ORDINAL.match(low) or _YEAR.match(low):
        return True
    return st.tokens[k].is_alpha and st.tokens[k].like_num and bool(_ORDINAL_WORD.search(low))


def _years_edition(st: SectionText, phrase: Phrase, lex: EventLexicon) -> bool:
    """Is the activity named as a year's edition ("last year's cleanup")?"""
    k = phrase.start
    return (
        k >= _YEARS_MARK
        and st.lower[k - 1] in _POSSESSIVE
        and st.lower[k - 2] == "year"
        and st.lower[k - 3] in lex.edition_years
        and st.sentence_of[k - 3] == phrase.sentence
    )


def named_edition(st: SectionText, phrase: Phrase, lex: EventLexicon) -> bool:
    """Is the activity a named edition: a year's edition, or its trigger capitalised in running
    text (not a heading, not the first word of a sentence) with an edition mark among the words
    before it?"""
    if phrase.verb or phrase.plural or phrase.anaphoric or phrase.in_org or phrase.host or phrase.argument:
        return False
    if phrase.det in lex.possessives:
        return False  # "the Council, at its Thirty-Third Meeting, adopted": the time of a decision
    if _years_edition(st, phrase, lex):
        return True
    head = phrase.head
    if st.in_heading(head) or not st.tokens[head].text[:1].isupper() or head == 0:
        return False
    if st.sentence_of[head - 1] != phrase.sentence:
        return False
    return any(edition_mark(st, k, lex) for k in range(phrase.start, head))


def with_other_year(st: SectionText, phrase: Phrase, lex: EventLexicon) -> Phrase:
    """The activity, named with its year when it is another year's edition ("last year's cleanup")."""
    k = phrase.start
    if not _years_edition(st, phrase, lex) or st.lower[k - _YEARS_MARK] not in lex.other_edition_years:
        return phrase
    start = k - _YEARS_MARK
    return replace(phrase, start=start, name=st.span_text(start, phrase.end))
