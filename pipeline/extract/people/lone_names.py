"""Names written without the model's PERSON label, as newsletters name their members: a first
name alone ("Doug and Paul took out the weeds") that is the first name of one person the
bulletin names in full ("Doug Tinney"), and a name that is the subject of a verb with no
entity label at all ("Reet acted as returning officer")."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name
from pipeline.extract.organisations.misreadings import unlabelled_subjects
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.people.names import Name, is_name_word, name_end
from pipeline.extract.words import VERB_TAGS, Word, is_cap_word

# Tags of a lower-case word right after a genus name: its species ("Festuca elatior").
_EPITHET_TAGS = frozenset({"NN", "NNS", "JJ", "FW"})


def first_names(full: Mapping[str, Sequence[str]], by_part: Mapping[str, str]) -> frozenset[str]:
    """The first names (normalised) that belong to one full name of the bulletin only."""
    return frozenset(parts[0] for parts in full.values() if by_part.get(parts[0]) is not None)


def first_name_names(
    words: Sequence[Word],
    firsts: Collection[str],
    vocabulary: Collection[str],
    taken: Sequence[Name],
    section: int,
    heading_end: int,
) -> list[Name]:
    """Words of a section that are one of ``firsts`` written alone: in Title Case, never in lower
    case in the bulletin, no verb, not beside another capitalised word ("Linda Spinaze" is a
    name of its own) and not inside a name found already (``taken``)."""
    out: list[Name] = []
    for k, w in enumerate(words):
        if normalise_name(w.text) not in firsts:
            continue
        text = w.text
        if not (text.isalpha() and text[:1].isupper() and not text.isupper()) or text.lower() in vocabulary:
            continue
        if w.tag in VERB_TAGS or any(n.honorific_start <= k < n.end for n in taken):
            continue
        beside = (words[k - 1] if k > 0 else None, words[k + 1] if k + 1 < len(words) else None)
        if any(b is not None and is_cap_word(b.text) for b in beside):
            continue
        out.append(Name(section, k, k + 1, None, k, w.char_start < heading_end, "first name"))
    return out


def subject_names(
    doc: Doc,
    words: Sequence[Word],
    lexicon: PeopleLexicon,
    vocabulary: Collection[str],
    section: int,
    heading_end: int,
) -> list[Name]:
    """One-word names, never written in lower case in the bulletin, that are the subject of a verb
    and that the model labels as nothing (``unlabelled_subjects``); not a genus before its
    species ("Festuca rubra grows ...")."""
    out: list[Name] = []
    starts = [w.start for w in words]
    for token in unlabelled_subjects(doc):
        k = bisect_right(starts, token.i) - 1
        w = words[k]
        if w.start != token.i or w.end != token.i + 1 or w.char_start < heading_end:
            continue  # part of a hyphenated word; a heading
        if name_end(words, k, lexicon) != k + 1 or w.text.lower() in vocabulary:
            continue
        if k > 0 and is_name_word(words[k - 1].text, lexicon):
            continue  # part of a longer run of capitalised words
        if k + 1 < len(words) and words[k + 1].text.islower() and words[k + 1].tag in _EPITHET_TAGS:
            continue  # a genus before its species
        out.append(Name(section, k, k + 1, None, k, False, "subject"))
    return out
