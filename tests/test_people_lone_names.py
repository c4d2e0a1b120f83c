"""People that newsletters name without the model's PERSON label: a first name alone beside the
full name written elsewhere in the bulletin, and a name that is the subject of a verb with no
entity label. Rules on hand-built docs (blank pipeline); the whole stage on the real model.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.core.records import DocumentText, Mention, Person
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.misreadings import unlabelled_subjects
from pipeline.extract.people import find_people
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.lone_names import first_name_names, first_names, subject_names
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections

Row = tuple[str, str, str, str, int, str]  # word, tag, pos, dependency, head index, entity IOB


def parsed(rows: list[Row]) -> Doc:
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", "."} for i in range(len(words))]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )


# "Odile acted as secretary ." -- the model labels "Odile" as nothing.
ACTED = [
    ("Odile", "NNP", "PROPN", "nsubj", 1, "O"),
    ("acted", "VBD", "VERB", "ROOT", 1, "O"),
    ("as", "IN", "ADP", "prep", 1, "O"),
    ("secretary", "NN", "NOUN", "pobj", 2, "O"),
    (".", ".", "PUNCT", "punct", 1, "O"),
]
# "Kestrel Bay hosted the fair ." -- a place the model labels.
HOSTED = [
    ("Kestrel", "NNP", "PROPN", "compound", 1, "B-GPE"),
    ("Bay", "NNP", "PROPN", "nsubj", 2, "I-GPE"),
    ("hosted", "VBD", "VERB", "ROOT", 2, "O"),
    ("the", "DT", "DET", "det", 4, "O"),
    ("fair", "NN", "NOUN", "dobj", 2, "O"),
    (".", ".", "PUNCT", "punct", 2, "O"),
]
# "Ilse Varga from Perth is worried ." -- two words, a passive subject.
WORRIED = [
    ("Ilse", "NNP", "PROPN", "compound", 1, "O"),
    ("Varga", "NNP", "PROPN", "nsubjpass", 5, "O"),
    ("from", "IN", "ADP", "prep", 1, "O"),
    ("Perth", "NNP", "PROPN", "pobj", 2, "B-GPE"),
    ("is", "VBZ", "AUX", "auxpass", 5, "O"),
    ("worried", "VBN", "VERB", "ROOT", 5, "O"),
    (".", ".", "PUNCT", "punct", 5, "O"),
]
# "Festuca rubra grows here ." -- a genus before its species is no person.
GROWS = [
    ("Festuca", "NNP", "PROPN", "nsubj", 2, "O"),
    ("rubra", "NN", "NOUN", "compound", 0, "O"),
    ("grows", "VBZ", "VERB", "ROOT", 2, "O"),
    ("here", "RB", "ADV", "advmod", 2, "O"),
    (".", ".", "PUNCT", "punct", 2, "O"),
]

# "Festuca elatior \n Exotic tufted perennial" -- a list of plants parsed across its lines.
ACROSS_LINES = [
    ("Festuca", "NNP", "PROPN", "nsubj", 4, "O"),
    ("elatior", "RB", "ADV", "advmod", 0, "O"),
    ("\n", "_SP", "SPACE", "dep", 1, "O"),
    ("Exotic", "JJ", "ADJ", "amod", 4, "O"),
    ("tufted", "VBD", "VERB", "ROOT", 4, "O"),
    ("perennial", "NN", "NOUN", "dobj", 4, "O"),
]


def _subjects(rows: list[Row], vocabulary: frozenset[str] = frozenset()) -> list[str]:
    doc = parsed(rows)
    words = doc_words(doc)
    names = subject_names(doc, words, load_people_lexicon(), vocabulary, 0, 0)
    return [" ".join(w.text for w in words[n.start : n.end]) for n in names]


def test_an_unlabelled_subject_is_a_name() -> None:
    assert [t.text for t in unlabelled_subjects(parsed(ACTED))] == ["Odile"]
    assert _subjects(ACTED) == ["Odile"]


def test_a_subject_with_a_label_is_left_to_the_model() -> None:
    assert unlabelled_subjects(parsed(HOSTED)) == []


def test_a_subject_of_several_words_or_a_passive_is_left_to_the_model() -> None:
    assert _subjects(WORRIED) == []


def test_no_subject_name_from_a_genus_or_an_ordinary_word() -> None:
    assert _subjects(GROWS) == []
    assert unlabelled_subjects(parsed(ACROSS_LINES)) == []
    assert _subjects(ACTED, vocabulary=frozenset({"odile"})) == []


def _first_names(
    text: str, full: dict[str, list[str]], vocabulary: frozenset[str] = frozenset()
) -> list[str]:
    words = text.split()
    tags = ["CC" if w == "and" else "VBD" if w.endswith("ed") else "NNP" for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags)
    by_part = {p: key for key, parts in full.items() for p in (parts[0], parts[-1])}
    found = first_name_names(doc_words(doc), first_names(full, by_part), vocabulary, [], 0, 0)
    return [words[n.start] for n in found]


def test_a_first_name_alone_after_the_full_name() -> None:
    full = {"tobias wren": ["tobias", "wren"], "marcy quill": ["marcy", "quill"]}
    assert _first_names("Tobias and Marcy cleared", full) == ["Tobias", "Marcy"]
    # Beside another capitalised word it is part of a name of its own.
    assert _first_names("Tobias Brandt cleared", full) == []
    # A word the bulletin writes in lower case is an ordinary word.
    assert _first_names("Marcy cleared", full, vocabulary=frozenset({"marcy"})) == []


def test_a_first_name_two_people_share_is_nobody_alone() -> None:
    full = {"tobias wren": ["tobias", "wren"], "tobias hale": ["tobias", "hale"]}
    by_part = {"tobias": None, "wren": "tobias wren", "hale": "tobias hale"}
    assert first_names(full, {k: v for k, v in by_part.items() if v}) == frozenset()


# --------------------------------------------------------------------------------- real model

WORK_PARTY = """Previous Work Party

Nine volunteers turned out on a cold morning: Harriet Quill, Tobias Wren, Ingrid Holt and Baz Petrov.
Tobias and Harriet cut blackberry along the creek while Ingrid sprayed the gorse near the gate.
Odile acted as returning officer at the annual meeting, and nothing changed.
"""


def _people(nlp, text: str) -> tuple[list[Person], list[Mention]]:
    sections = find_sections("doc", DocumentText("newsletter.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, mentions = find_organisations("doc", sections, docs, load_org_reference())
    located = [(m.char_start, m.entity_id) for m in mentions]
    return find_people("doc", sections, docs, orgs, org_mentions=located)


def test_first_names_alone_are_mentions_of_the_people_named_in_full(nlp) -> None:
    people, mentions = _people(nlp, WORK_PARTY)
    by_name = {p.name: p for p in people}
    for name in ("Tobias Wren", "Harriet Quill", "Ingrid Holt"):
        assert by_name[name].n_mentions == 2, (name, [(p.name, p.n_mentions) for p in people])
    texts = {WORK_PARTY[m.char_start : m.char_end] for m in mentions}
    assert {"Tobias", "Harriet", "Ingrid"} <= texts
    assert not {"Tobias", "Harriet", "Ingrid"} & set(by_name)  # no person of their own


def test_a_member_named_once_by_first_name_as_a_subject(nlp) -> None:
    people, _ = _people(nlp, WORK_PARTY)
    assert "Odile" in {p.name for p in people}


def test_a_word_of_a_title_is_no_first_name_alone(nlp) -> None:
    """ "the Clerk, Admin Assistant and Centre Supervisor": "Admin" heads a title, no person;
    the first names listed after it are still people."""
    text = (
        "Town news\n\nThe council is supported by three part time staff, the Clerk, Admin Assistant "
        "and Centre Supervisor. Linda, Graham and Rob pulled weeds.\n"
    )
    names = {p.name for p in _people(nlp, text)[0]}
    assert "Admin" not in names
    assert {"Linda", "Graham", "Rob"} <= names
