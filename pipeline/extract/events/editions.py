"""Named editions of a recurring activity: a row even when the text gives it no date.

"the 10th Annual Riverside Gift Fair", "the 2014 Harbour Lights Festival", "Homecoming 2015
Car Show Event": a capitalised name with an edition mark (an ordinal, a year, a word of
``edition_words`` such as "annual") names one particular activity that takes place, whether the
sentence dates it, reports it or only funds or promotes it.
"""

from __future__ import annotations

import re

from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.tokens import SectionText

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_ORDINAL_WORD = re.compile(r"(first|second|third|[a-z]th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def edition_mark(st: SectionText, k: int, lex: EventLexicon) -> bool:
    """Is token ``k`` an ordinal ("10th", "Third"), a year ("2014") or an edition word ("annual")?"""
    low = st.lower[k]
    if low in lex.edition_words or _ORDINAL.match(low) or _YEAR.match(low):
        return True
    return st.tokens[k].is_alpha and st.tokens[k].like_num and bool(_ORDINAL_WORD.search(low))


def named_edition(st: SectionText, phrase: Phrase, lex: EventLexicon) -> bool:
    """Is the activity a named edition: its trigger capitalised in running text (not a heading,
    not the first word of a sentence) and an edition mark among the words before it?"""
    if phrase.verb or phrase.plural or phrase.anaphoric or phrase.in_org or phrase.host or phrase.argument:
        return False
    head = phrase.head
    if st.in_heading(head) or not st.tokens[head].text[:1].isupper() or head == 0:
        return False
    if st.sentence_of[head - 1] != phrase.sentence:
        return False
    return any(edition_mark(st, k, lex) for k in range(phrase.start, head))
