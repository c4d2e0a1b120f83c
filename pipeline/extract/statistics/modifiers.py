"""What narrows a counted noun after it: the phrases an analyst keeps in a subject.

"2 individuals with long teaching experience", "105 genera native to the islands", "the
project funded through a state grant", "people internally displaced by floods": a phrase
written right after the noun and hanging on it in the parse says which of those things are
counted. So does the participle of a passive verb whose subject is counted ("2.7 million
people have been reached with food aid" counts "people reached with food aid").

Such a phrase is read one level deep: its own words and its object, not the clauses and
further phrases hanging on them ("families with children [affected by ...]"), and not past
punctuation. A phrase that says when ("as of 31 July") does not narrow what is counted, nor
does the argument of a verb whose object is counted ("paired 450 officials [with mentors]").
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Doc, Token

from pipeline.extract.model_rules import lemma as lemma_of
from pipeline.extract.statistics.rules import StatisticsRules

# The model's labels for a time: a phrase holding one says when, not what.
_TIME_LABELS = frozenset({"DATE", "TIME"})
# The model's labels for a place: after a verb's object, where the verb happened.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# After a passive participle, the phrases that say how, by whom or where it was done.
_PASSIVE_COMPLEMENT_DEPS = frozenset({"prep", "agent", "prt", "advmod", "oprd"})
# Before a passive participle (auxiliaries aside): "internally displaced", "not reached".
_PASSIVE_LEFT_DEPS = frozenset({"advmod", "neg"})
# Before an active verb: "have [not] fled".
_ACTIVE_LEFT_DEPS = frozenset({"aux", "advmod", "neg"})
_ACTIVE_COMPLEMENT_DEPS = frozenset({"prep", "dobj", "prt", "dative"})
# Clauses and asides inside a phrase: not read into a subject.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "parataxis", "pcomp"})
_OBJECT_DEPS = frozenset({"dobj", "dative"})
_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]", "–", "—", '"', "“", "”"})
_DANGLING = frozenset({"ADP", "CCONJ", "DET", "SCONJ", "PART", "PUNCT", "SPACE"})


def says_when(phrase: Token) -> bool:
    """A phrase that holds a date or a time ("as of 31 July", "during the night")."""
    return any(t.ent_type_ in _TIME_LABELS for t in phrase.subtree)


def is_clean(phrase: Token, blocked: set[int]) -> bool:
    return not any(t.i in blocked for t in phrase.subtree)


def _argument_of_verb(preposition: Token, rules: StatisticsRules) -> bool:
    """ "paired 450 officials with mentors", "published in 30 countries in English": a phrase
    after the object of a verb (or of its preposition) that is the verb's own."""
    noun = preposition.head
    while noun.dep_ == "pobj" and noun.head.lower_ in rules.subject_prepositions:
        noun = noun.head.head  # "briefed representatives of 37 missions [in Room 4]"
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    in_object = noun.dep_ in _OBJECT_DEPS or (noun.dep_ == "pobj" and verb.pos_ in ("VERB", "AUX"))
    if not in_object or lemma_of(verb).casefold() in rules.holding_verbs:
        return False
    return preposition.lower_ in rules.verb_argument_prepositions or any(
        t.ent_type_ in _PLACE_LABELS for t in preposition.subtree
    )


def narrows(child: Token, rules: StatisticsRules) -> bool:
    """A phrase after a noun, hanging on it, that says which of those things are meant.

    A participle or infinitive ("funded by the city", "to be assisted"), an adjective put after
    the noun ("native to Australia"), or a prepositional phrase with an object that neither
    says when nor is the argument of a verb whose object the noun is.
    """
    if child.i < child.head.i:
        return False
    if child.dep_ == "acl":
        return True
    if child.dep_ == "amod":
        return child.pos_ == "ADJ"
    return (
        child.dep_ == "prep"
        and any(c.dep_ == "pobj" for c in child.children)
        and not says_when(child)
        and not _argument_of_verb(child, rules)
    )


def _outside(token: Token, phrase: Token, rules: StatisticsRules) -> bool:
    """``token`` sits in a clause, or in a phrase below the first level, of ``phrase``."""
    while token.i != phrase.i:
        if token.dep_ in _CLAUSE_DEPS:
            return True
        if (
            token.dep_ == "prep"
            and token.head.i != phrase.i
            and token.lower_ not in rules.subject_prepositions
        ):
            return True
        token = token.head
    return False


def phrase_end(doc: Doc, phrase: Token, blocked: set[int], rules: StatisticsRules) -> int:
    """The last token of ``phrase`` read one level deep, before punctuation or another number.

    Below ``phrase.left_edge`` when nothing of it is kept.
    """
    end = phrase.left_edge.i - 1
    for token in phrase.subtree:
        if (
            token.i in blocked
            or token.text in _BREAKS
            or "\n" in token.text
            or _outside(token, phrase, rules)
        ):
            break
        end = token.i
    while end >= phrase.i and doc[end].pos_ in _DANGLING and doc[end].dep_ != "prt":
        end -= 1
    return end if end >= phrase.i else phrase.left_edge.i - 1


def is_passive(verb: Token, subject: Token) -> bool:
    """ "were caught", "is being funded", "with 29 pests caught": a passive participle.

    A participle after "have" is an active perfect ("have slowed"); one with a subject and no
    auxiliary is passive only in "with ... caught", where the tagger's VBN is safe.
    """
    if verb.tag_ != "VBN" or subject.head.i != verb.i:
        return False
    if subject.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if subject.dep_ != "nsubj" or any(c.dep_ == "aux" for c in verb.children):
        return False
    # "with 29 pests caught": parsed as the object of "with", or as a clause it introduces
    after_with = verb.dep_ == "pcomp" and verb.head.lower_ == "with"
    return after_with or any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)


def passive_tail(doc: Doc, subject: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    """What was done to a counted subject, as a reduced relative clause: "reached with food aid".

    The participle without its auxiliaries, with the adverbs and negation before it and the
    phrases after it that say how, by whom or where, up to a phrase that says when, another
    number or a new clause. None for "are expected to ...": the infinitive says what they do.
    """
    verb = subject.head
    if verb.i <= subject.i or not is_passive(verb, subject):
        return None
    if any(c.dep_ == "xcomp" for c in verb.children):
        return None
    left, right = _verb_phrase(
        doc, subject, blocked, rules, _PASSIVE_LEFT_DEPS, _PASSIVE_COMPLEMENT_DEPS, says_when, cut=False
    )
    return " ".join([t.text for t in left] + [doc[verb.i : right + 1].text])


def active_tail(doc: Doc, subject: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    """What a counted subject did, when the verb says where or to what: "have fled to
    neighbouring countries", "came to the working walk".

    The verb with its auxiliaries and the phrases right after it, up to a phrase that says
    when, another number or a new clause; None without such a phrase ("32 farmers agreed"),
    for a copula or a verb that takes an infinitive ("are expected to ...").
    """
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.i <= subject.i or verb.pos_ != "VERB" or is_passive(verb, subject):
        return None
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return None
    left, right = _verb_phrase(
        doc, subject, blocked, rules, _ACTIVE_LEFT_DEPS, _ACTIVE_COMPLEMENT_DEPS, _dated, cut=True
    )
    while right > verb.i and doc[right].pos_ in _DANGLING:
        right -= 1
    if right == verb.i:
        return None
    return " ".join([t.text for t in left] + [doc[verb.i : right + 1].text])


def _verb_phrase(
    doc: Doc,
    subject: Token,
    blocked: set[int],
    rules: StatisticsRules,
    left_deps: Collection[str],
    complement_deps: Collection[str],
    stops: Callable[[Token], bool],
    *,
    cut: bool,
) -> tuple[list[Token], int]:
    """The words before the subject's verb that belong to it (``left_deps``) and the index of the
    last word of the phrases right after it (``complement_deps``), up to a phrase ``stops``
    says ends it; with ``cut``, a phrase also ends before a word inside it that ``stops``."""
    verb = subject.head
    after_subject = subject.right_edge.i
    left = [c for c in verb.lefts if c.dep_ in left_deps and c.i > after_subject and c.i not in blocked]
    right = verb.i
    for child in verb.rights:
        if child.dep_ not in complement_deps or stops(child) or child.left_edge.i != right + 1:
            break
        end = phrase_end(doc, child, blocked, rules)
        if cut:
            end = next((t.i - 1 for t in doc[child.i + 1 : end + 1] if stops(t)), end)
        if end < child.i:
            break
        right = end
        if end < child.right_edge.i:
            break
    return left, right


def _dated(token: Token) -> bool:
    """A preposition whose object is a date or a time ("on 9th June", "in March"), not a thing
    the tagger also calls a date ("to the planting day")."""
    if token.pos_ != "ADP" and token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj" and c.ent_type_ in _TIME_LABELS]
    return any(o.pos_ in ("PROPN", "NUM") or not any(c.dep_ == "det" for c in o.children) for o in objects)
