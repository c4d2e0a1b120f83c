"""Names with a link inside and no head word: "Gift of the Givers", "Partners in Aid", "Friends of
the Earth". The model labels a part of them as an organisation ("Gift of the [Givers]",
"Partners in [Aid AGM Reports]") and the head-word patterns see no name at all; the bulletin's
own usage shows the whole: the same capitalised words around the same link, written more than
once, over an entity the model calls an organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.classification import long_form_kind
from pipeline.extract.organisations.heads import is_head_word
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.reference.place_names import is_demonym, is_place_name
from pipeline.extract.words import DETERMINERS, is_cap_word

# Capitalised words on each side of the link that a name may hold ("Friends of [the] Lower Creek").
MAX_SIDE_WORDS = 2
# The fewest times the bulletin writes the whole name.
MIN_REPEATS = 2
# Labels that make the words a setting or a person, never such a name.
_NOT_NAME_LABELS = frozenset({"GPE", "LOC", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "MONEY"})


@dataclass(frozen=True)
class LinkedName:
    """One mention: the section's index and its token span [start, end)."""

    section: int
    start: int
    end: int


def _cap(token: Token) -> bool:
    return is_cap_word(token.text) and token.text.lower() not in DETERMINERS


def _forms(doc: Doc, i: int, ref: OrgReference) -> list[tuple[int, int]]:
    """Token spans around the link at ``i``: 1..MAX_SIDE_WORDS capitalised words before it, an
    optional "the", 1..MAX_SIDE_WORDS capitalised words after it, all on one line."""
    right = i + 1
    if right < len(doc) and doc[right].lower_ == "the":
        right += 1
    spans = []
    for k in range(1, MAX_SIDE_WORDS + 1):
        a = i - k
        if a < 0 or not _cap(doc[a]):
            break
        for m in range(1, MAX_SIDE_WORDS + 1):
            b = right + m
            if b > len(doc) or not _cap(doc[b - 1]):
                break
            if "\n" not in doc[a:b].text:
                spans.append((a, b))
    return spans


def _name_ok(words: Sequence[str], ref: OrgReference, vocabulary: frozenset[str]) -> bool:
    """Not a title, a place, an event or a head-word name the patterns read ("Ministry of ...")."""
    text = " ".join(words)
    if is_place_name(text) or long_form_kind(text, ref) in {"event", "other", "org"}:
        return False
    content = [w for w in words if w.lower() not in ref.inner_links and w.lower() != "the"]
    if any(is_head_word(w, ref.head_words) or w.lower() in ref.role_words for w in content):
        return False
    if any(w.lower() in ref.event_words | ref.non_org_words or is_demonym(w) for w in content):
        return False
    if all(is_acronym_token(w) for w in content):
        return False
    # A name has a word the bulletin never writes in lower case.
    return not all(w.lower() in vocabulary for w in content)


def _complement(doc: Doc, start: int, ref: OrgReference) -> bool:
    """The name is the complement of a capitalised word before it, part of a longer title:
    "Meeting on [Rural Roads in Asia]", "Minister of [Public Works of Fiji]"."""
    return start >= 2 and doc[start - 1].lower_ in ref.inner_links | {"on"} and _cap(doc[start - 2])


def _labels(doc: Doc, a: int, b: int) -> set[str]:
    return {doc[t].ent_type_ for t in range(a, b)} - {""}


def linked_names(docs: Sequence[Doc], ref: OrgReference, vocabulary: frozenset[str]) -> list[LinkedName]:
    """Mentions of names with a link inside (``OrgReference.inner_links``) that the bulletin
    writes at least MIN_REPEATS times, where the model labels a word after the link an
    organisation at least once. At each link the longest such name is taken."""
    if not ref.inner_links:
        return []
    seen: dict[tuple[str, ...], list[LinkedName]] = {}
    at_link: list[list[LinkedName]] = []
    for s, doc in enumerate(docs):
        for token in doc:
            if token.lower_ not in ref.inner_links or token.i == 0:
                continue
            forms = [LinkedName(s, a, b) for a, b in _forms(doc, token.i, ref)]
            for form in forms:
                seen.setdefault(tuple(t.lower_ for t in doc[form.start : form.end]), []).append(form)
            at_link.append(forms)

    def key(form: LinkedName) -> tuple[str, ...]:
        return tuple(t.lower_ for t in docs[form.section][form.start : form.end])

    def vouched(forms: list[LinkedName]) -> bool:
        if len(forms) < MIN_REPEATS:
            return False
        labels = [_labels(docs[f.section], f.start, f.end) for f in forms]
        if any(lab & _NOT_NAME_LABELS for lab in labels):
            return False
        return any("ORG" in lab for lab in labels)

    found: list[LinkedName] = []
    for forms in at_link:
        good = [f for f in forms if vouched(seen[key(f)])]
        if not good:
            continue
        best = max(good, key=lambda f: (f.end - f.start, -f.start))
        if _complement(docs[best.section], best.start, ref):
            continue
        words = [t.text for t in docs[best.section][best.start : best.end]]
        if _name_ok(words, ref, vocabulary):
            found.append(best)
    return found
