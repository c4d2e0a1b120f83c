"""The dependency parse as evidence: which words a date, an activity and a verb hang from.

Word order alone misleads on long sentences ("On the margins of the conference, on 16 May,
the Network held a side event"): the date hangs from "held", whose object is the side event,
not from the conference named just before it. These helpers measure such links on the
parse of the section; every rule that uses them keeps a word-order fallback for a text
parsed without a dependency parser (a blank pipeline in tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from pipeline.extract.events.tokens import SectionText
from pipeline.extract.model_rules import lemma as lemma_of

_CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "PRON"})
_MAX_DEPTH = 60  # a parse tree is never this deep; guards against a malformed head chain


def chain(token: Token) -> list[Token]:
    """The token and its heads up to the root of its sentence.

    The parser may join a heading to the paragraph under it ("Fire control burn / On 19-20
    February, Parks conducted a burn"); a head outside the token's line of text is not
    followed: from there the chain goes to the main verb of the token's own part of the tree.
    """
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < _MAX_DEPTH:
        head = out[-1].head
        if _line_break_between(out[-1], head):
            main = _main_verb(token, out[-1])
            if main is not None and main.i not in {t.i for t in out}:
                out.append(main)
            break
        out.append(head)
    return out


@lru_cache(maxsize=8)  # the sections being read; a Doc is hashed by identity
def _paragraphs(doc: Doc) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Each token's paragraph number, and each paragraph's first and last token: a token
    holding a blank line ends its paragraph."""
    numbers: list[int] = []
    bounds: list[tuple[int, int]] = []
    current, first = 0, 0
    for token in doc:
        numbers.append(current)
        if "\n\n" in token.text or "\n\n" in token.whitespace_:
            bounds.append((first, token.i))
            current, first = current + 1, token.i + 1
    bounds.append((first, max(first, len(doc) - 1)))
    return tuple(numbers), tuple(bounds)


def _line_break_between(a: Token, b: Token) -> bool:
    numbers = _paragraphs(a.doc)[0]
    return numbers[a.i] != numbers[b.i]


def _paragraph(token: Token) -> tuple[int, int]:
    """Doc indices of the first and last token of the token's paragraph (no blank line between)."""
    numbers, bounds = _paragraphs(token.doc)
    return bounds[numbers[token.i]]


def _main_verb(token: Token, top: Token) -> Token | None:
    """The verb of the token's paragraph that the paragraph's other words hang from."""
    doc = token.doc
    lo, hi = _paragraph(token)
    # The paragraph's own root first; else a verb hung outside the paragraph, as the token was.
    verbs = [t for t in doc[lo : hi + 1] if t.pos_ in {"VERB", "AUX"} and t.head.i == t.i]
    verbs += [t for t in doc[lo : hi + 1] if t.pos_ in {"VERB", "AUX"} and not lo <= t.head.i <= hi]
    return verbs[0] if verbs and verbs[0].i != top.i else None


def span_root(st: SectionText, start: int, end: int) -> Token | None:
    """The token of the character span [start, end) whose head lies outside the span, raised
    through the rest of its date expression and its preposition ("9 April" in "on Saturday
    9 April": "on"), so that distances do not depend on where a date's text was cut."""
    inside = [t for t in st.tokens if start <= t.idx < end]
    if not inside:
        return None
    indices = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in indices or t.head.i == t.i), inside[0])
    while root.head.i != root.i and not _line_break_between(root, root.head):
        head = root.head
        if head.ent_type_ == "DATE" and head.pos_ in {"PROPN", "NOUN", "NUM"}:
            root = head
        elif head.pos_ == "ADP" and root.dep_ == "pobj":
            return head
        else:
            break
    return root


def path(a: Token, b: Token) -> list[Token] | None:
    """The tokens strictly between ``a`` and ``b`` on the tree, their common head included
    (when it is neither of them); None when they are in different trees."""
    up_a, up_b = chain(a), chain(b)
    position = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in position:
            m = position[token.i]
            between = [*up_a[1:n], token, *up_b[1:m][::-1]]
            return [t for t in between if t.i not in {a.i, b.i}]
    return None


def distance(a: Token, b: Token) -> int | None:
    """Edges between two tokens on the tree (None when they are in different trees)."""
    between = path(a, b)
    return None if between is None else len(between) + 1


def clean_link(date_root: Token, head: Token, allowed: Iterable[Token] = ()) -> bool:
    """Does the date hang from the activity's own clause: no other noun or verb between
    them on the tree but their common head ("At the end of June, X presented Y at a launch
    event": yes; "the workshop reviewed the survey carried out in March": no, the survey
    and "carried" come between)?"""
    between = path(date_root, head)
    if between is None:
        return False
    keep = {t.i for t in allowed}
    common = _common_head(date_root, head)
    # A place or a time that the parser hung the date on ("held a planting day at the old
    # quarry in spring") is no other action: nouns after a preposition may stand between.
    return all(
        t.pos_ not in _CONTENT_TAGS
        or t.dep_ == "pobj"
        or t.i in keep
        or (common is not None and t.i == common.i)
        for t in between
    )


# A verb's subject and object, in the English model's labels and in Universal Dependencies
# (the French model's: "la journée *a été organisée* le 8 mars" is ``nsubj:pass``).
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "nsubj:pass", "obj"})


def argument_link(date_root: Token, head: Token, preps: frozenset[str], verbs: frozenset[str]) -> bool:
    """Is the activity an argument of the verb the date hangs on: its subject or object
    ("a careers fair took place on 9 April"), after one of ``preps`` ("gave a speech at a
    reception on 9 May"), or named before one of ``verbs`` (lemmas: "the fair, held on 9
    April"); not a cause ("rose on 5 May due to competition for water") nor a noun that a
    verb of another sense describes ("the mission of the Fund, as restated on 5 May")?"""
    between = path(date_root, head)
    if between is None:
        return False
    if all(t.pos_ == "ADP" for t in between):
        return True  # the date hangs on the activity itself ("the mission of 3 May")
    if between[0].pos_ not in {"VERB", "AUX"}:
        return False
    verb = between[0]
    if _line_break_between(head, head.head):
        return True  # hung on a heading by the parser: its own role is unknown
    if len(between) == 1 and head.head.i == verb.i:
        return head.dep_ in _ARGUMENT_DEPS
    if len(between) == 1 and verb.head.i == head.i:
        return verb.dep_ in {"acl", "relcl", "acl:relcl"} and lemma_of(verb).lower() in verbs
    return len(between) == 2 and head.dep_ == "pobj" and between[1].lower_ in preps


def _common_head(a: Token, b: Token) -> Token | None:
    up_b = {t.i for t in chain(b)}
    return next((t for t in chain(a) if t.i in up_b), None)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb the token hangs from (itself when it is a verb)."""
    for t in chain(token):
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


_PERFECT_AUX = frozenset({"has", "have", "had", "'s", "'ve"})


def told_in_past(token: Token) -> bool:
    """Is the clause the token hangs from told in the past ("was held", "met", "has been
    held", "have been running"), or has it no verb? False for the present and the future ("is
    moving forward with plans for a meeting", "will be held")."""
    verb = governing_verb(token)
    if verb is None:
        return True
    if verb.tag_ and not verb.tag_.startswith("VB"):
        return _past_by_morphology(verb)  # a model with Universal Dependencies tags (French)
    group = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(t.tag_ == "MD" for t in group):
        return False
    # "has been held", and the perfect progressive "have been holding workshops"
    return any(t.tag_ == "VBD" for t in group) or (
        verb.tag_ in {"VBN", "VBG"} and any(t.lower_ in _PERFECT_AUX for t in group)
    )


def _past_by_morphology(verb: Token) -> bool:
    """Past from Universal Dependencies morphology: a participle after a tense auxiliary that is
    not in the future (passé composé "a salué", "s'est tenue", plus-que-parfait "avait
    organisé"), or a finite verb in the past or the imperfect (passé simple, imparfait). A
    present passive ("est organisé": its auxiliary is aux:pass) and "aura lieu" are not."""
    forms = set(verb.morph.get("VerbForm", []))
    if "Part" in forms:
        tense_aux = [c for c in verb.children if c.dep_ == "aux:tense"]
        return bool(tense_aux) and not any("Fut" in a.morph.get("Tense", []) for a in tense_aux)
    return "Fin" in forms and bool({"Past", "Imp"} & set(verb.morph.get("Tense", [])))


def children(token: Token, *deps: str) -> list[Token]:
    """The token's dependents with one of the labels, in its own paragraph."""
    return [c for c in token.children if c.dep_ in deps and not _line_break_between(c, token)]


def subject_before(verb: Token) -> Token | None:
    """The verb's subject, else (when the parser hung it elsewhere, as it does when it joins
    a heading to the paragraph under it) the noun that ends right before the verb's
    auxiliaries ("The 2015 Partnership Award was presented")."""
    subjects = children(verb, "nsubj", "nsubjpass", "nsubj:pass")
    if subjects:
        return subjects[0]
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].pos_ in {"AUX", "ADV", "PART"} and doc[k].head.i == verb.i:
        k -= 1
    if k == verb.i - 1:
        return None
    while k >= 0 and doc[k].pos_ in {"NUM", "PUNCT"} and verb.i - k < 4:  # "First Aid Level 1 was"
        k -= 1
    if k < 0 or doc[k].pos_ not in {"NOUN", "PROPN"}:
        return None
    return None if _line_break_between(doc[k], verb) else doc[k]


def subtree_bounds(
    token: Token, stop_deps: Sequence[str] = ("relcl", "appos", "punct", "advcl", "acl")
) -> tuple[int, int]:
    """Document token bounds [start, end) of the token's phrase: its subtree less clauses
    and appositions hung on it (kept to one side of the head and contiguous)."""
    left = token.i
    right = token.i
    first, last = _paragraph(token)
    for child in sorted(token.children, key=lambda c: c.i):
        if child.dep_ in stop_deps or _line_break_between(child, token):
            continue
        lo, hi = max(first, child.left_edge.i), min(last, child.right_edge.i)
        if child.i < token.i and hi == left - 1:
            left = lo
        elif child.i < token.i:
            left = min(left, lo)
        elif child.i > token.i and lo == right + 1:
            right = hi
    return left, right + 1


# Links inside a noun phrase, in the English and the Universal Dependencies labels.
NOUN_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "nmod", "case", "amod", "flat:name"})
# Steps from a phrase's head up to its top: "a joint Heads of Agencies mission".
MAX_PHRASE_STEPS = 4


def phrase_top(token: Token) -> Token:
    """The top of the noun phrase ``token`` stands in: up through the links inside a noun
    phrase (at most ``MAX_PHRASE_STEPS``), so that its label says what the phrase is to its
    clause (a subject, an object)."""
    for _ in range(MAX_PHRASE_STEPS):
        if token.dep_ not in NOUN_PHRASE_DEPS:
            break
        token = token.head
    return token
