"""What a measure or a price is of, when no noun after it is counted.

"a flat three metre wide road" measures the road; "a stiff herb or shrub to 1 m" gives the
size of the herb; "$30 a copy" is the price of a copy. The words are data
(``size_links``, ``rate_words``); the parse says what hangs on what.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extract.statistics.rules import StatisticsRules
from pipeline.extract.statistics.surface import Group


def is_dimension(token: Token, inside: set[int]) -> bool:
    """ "three metre wide road": a measure of an adjective that describes a noun after it."""
    adjective = token.head
    return (
        token.dep_ == "npadvmod"
        and adjective.i not in inside
        and adjective.i > token.i
        and adjective.pos_ == "ADJ"
        and adjective.dep_ == "amod"
        and adjective.head.pos_ == "NOUN"
        and adjective.head.i > adjective.i
    )


def predicated_noun(doc: Doc, inside: set[int]) -> Token | None:
    """ "the trap line is about 12 km long": the subject whose size a measure gives after a copula."""
    for i in sorted(inside):
        token = doc[i]
        adjective = token.head
        if token.dep_ != "npadvmod" or adjective.pos_ != "ADJ" or adjective.dep_ != "acomp":
            continue
        subjects = [c for c in adjective.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return subjects[0]
    return None


def sized_noun(doc: Doc, inside: set[int], group: Group, rules: StatisticsRules) -> Token | None:
    """ "a stiff herb or shrub to 1 m", "trees up to 30 m": the noun whose size a measure gives."""
    if group.unit not in rules.measure_units or group.unit in rules.duration_units:
        return None
    first = min(inside)
    for token in doc[max(first - 1, 1) : max(inside) + 1]:
        if token.lower_ not in rules.size_links or token.pos_ not in ("ADP", "PART"):
            continue
        # The noun the word hangs on, or else the noun written just before it ("grass up to").
        for noun in (token.head, doc[token.i - 1], doc[max(first - 1, 0)]):
            if noun.pos_ == "NOUN" and noun.i < token.i:
                while noun.dep_ == "conj" and noun.head.i < noun.i:
                    noun = noun.head  # "herb or subshrub": from the first of the nouns listed
                return noun
    return None


def price_of(doc: Doc, index: int, rules: StatisticsRules) -> str | None:
    """ "$30 a copy", "EUR 250 per delegate": the thing an amount is the price of each of."""
    if index + 1 >= len(doc) or doc[index].lower_ not in rules.rate_words:
        return None
    for token in doc[index + 1 : index + 4]:
        if token.pos_ == "NOUN":
            if rules.units_after.get(token.lower_) in rules.duration_units:
                return None  # "$2 a day" is a rate in time, not the price of a thing
            return doc[index : token.i + 1].text
        if token.pos_ != "ADJ":
            return None
    return None
