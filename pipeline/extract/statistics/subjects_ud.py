"""What a number counts, read from a Universal Dependencies parse (the French model's labels:
``nmod``, ``case``, ``obj``, ``obl``), where the English rules of ``subjects.py`` read
ClearNLP labels (``prep``, ``pobj``, ``dobj``).

The counted noun follows the number ("1 630 demandes de documents administratifs"), or the
preposition after its unit ("62,5 % des administrations"); an amount hangs on the noun it
measures ("une contribution de 2,4 millions de dollars"), and a measuring noun ("d'un montant
de") points to the object of its verb ("le budget ... d'un montant de 1 250 000 euros"); a
share that is the subject of a passive verb is a share of that verb's complement ("40 % sont
consacrés à la formation des cadres"). None where the parse says none of these.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extract.model_rules import lemma as lemma_of
from pipeline.extract.sentences import is_paragraph_break
from pipeline.extract.statistics.rules import StatisticsRules

NOUNS = frozenset({"NOUN", "PROPN"})
# Dependents that go on a subject after its noun: adjectives, complements with their
# preposition and article, participles ("cas de choléra enregistrés depuis le début de l'année"),
# the adverb of a participle ("réfugiés *non* enregistrés") and a name in apposition; a
# participle the parse hangs as a complement (xcomp) when it takes the counted noun for a verb.
PHRASE_DEPS = frozenset(
    {
        "amod", "nmod", "case", "det", "fixed", "flat", "flat:name", "acl", "obl", "obl:mod", "obl:arg",
        "obl:agent", "advmod", "appos", "xcomp",
    }
)  # fmt: skip
MAX_PHRASE_TOKENS = 10
TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "PUNCT", "SPACE"})


def _in_phrase(token: Token, noun: Token) -> bool:
    """``token`` hangs from ``noun`` through the dependents of a noun phrase only; a line break
    inside a sentence (a counted noun at the end of a line, its participle on the next) is part
    of it, a blank line is not."""
    if token.is_space:
        return not is_paragraph_break(token)
    while token.i != noun.i:
        if token.dep_ not in PHRASE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def noun_phrase(doc: Doc, noun: Token, blocked: set[int]) -> str:
    """``noun`` and what goes on after it, up to punctuation, a number or a clause."""
    end = noun.i + 1
    while (
        end < len(doc)
        and end - noun.i < MAX_PHRASE_TOKENS
        and end not in blocked
        and not doc[end].is_punct
        and doc[end].pos_ != "NUM"
        and _in_phrase(doc[end], noun)
    ):
        end += 1
    while end > noun.i + 1 and doc[end - 1].pos_ in TRAILING_POS:
        end -= 1
    start = noun.i
    # Adjectives written between the number and the noun: "deux *nouveaux* membres".
    while start > 0 and doc[start - 1].dep_ == "amod" and doc[start - 1].head.i == noun.i:
        start -= 1
    return doc[start:end].text


def _counted_after(doc: Doc, end: int, unit: str | None, rules: StatisticsRules) -> Token | None:
    if end >= len(doc):
        return None
    first = doc[end]
    counted = first.pos_ in NOUNS or any(c.dep_ == "nummod" and c.i < end for c in first.children)
    if counted and unit is None:
        return first  # the parse may tag a counted participle noun as ADJ ("8,251 *réfugiés*")
    if unit is not None and first.lower_ in rules.unit_subject_prepositions:
        k = end + 1
        while k < len(doc) and k - end <= 3 and doc[k].pos_ == "DET":
            k += 1
        if k < len(doc) and doc[k].pos_ in NOUNS:
            return doc[k]
    return None


def _complement_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("obj", "obl:arg", "obl") and c.pos_ in NOUNS), None)


def ud_subject(
    doc: Doc, inside: set[int], unit: str | None, blocked: set[int], rules: StatisticsRules
) -> str | None:
    """The subject of the number whose tokens are ``inside``, from a UD parse; None if the
    parse does not say."""
    end = max(inside) + 1
    noun = _counted_after(doc, end, unit, rules)
    if noun is not None:
        return noun_phrase(doc, noun, blocked | inside)
    top = next((doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i), None)
    if top is None or top.head.i == top.i:
        return None
    head = top.head
    if top.dep_ == "nmod" and head.pos_ in NOUNS and head.i < min(inside):
        if lemma_of(head).lower() in rules.measure_nouns and head.head.pos_ == "VERB":
            measured = next((c for c in head.head.children if c.dep_ == "obj" and c.pos_ in NOUNS), None)
            return noun_phrase(doc, measured, blocked | inside) if measured is not None else None
        return noun_phrase(doc, head, blocked | inside)
    if top.dep_.startswith("nsubj") and head.pos_ == "VERB" and unit in rules.share_units:
        complement = _complement_of(head)
        if complement is not None:
            return noun_phrase(doc, complement, blocked | inside)
    return None
