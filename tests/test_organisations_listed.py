"""Organisations: an item of a list of bodies is a body, though it has no head word
(``listed.listed_bodies``, blank pipeline with hand-set entities).

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.extract.organisations.listed import labelled_names, listed_bodies
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words

REFERENCE = load_org_reference()


def listed(nlp, text: str, bodies: list[str], entities: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """The list items ``listed_bodies`` adds, where ``bodies`` are the names already found."""
    doc = nlp(text)
    spans = []
    for name, label in entities:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = [s for s in spans if isinstance(s, Span)]
    known = [(text.index(b), text.index(b) + len(b)) for b in bodies]
    return [text[s:e] for s, e in listed_bodies(doc, doc_words(doc), known, REFERENCE, frozenset())]


@pytest.mark.parametrize(
    ("text", "bodies", "expected"),
    [
        # an item with no head word among bodies, with and without "the" and a serial comma
        (
            "Funds came from the Harbour Trust, Tidewater Ecology, Kivara Council, and Bellmont Rowing Club.",
            ["Harbour Trust", "Kivara Council", "Bellmont Rowing Club"],
            ["Tidewater Ecology"],
        ),
        (
            "Staff of Larchfield Council, the Otter Trust and Greenway Partners helped.",
            ["Larchfield Council", "Otter Trust"],
            ["Greenway Partners"],
        ),
        # every item already found: nothing to add
        (
            "Thanks to the Otter Trust, Larchfield Council and the Rowing Club.",
            ["Otter Trust", "Larchfield Council", "Rowing Club"],
            [],
        ),
    ],
)
def test_an_item_among_bodies_is_a_body(blank, text: str, bodies: list[str], expected: list[str]) -> None:
    assert listed(blank, text, bodies) == expected


def test_places_people_and_dates_in_the_list_are_no_bodies(blank) -> None:
    text = "Thanks to the Otter Trust, Larchfield Council, Mira Stanton, Lagos and the Rowing Club."
    entities = (("Mira Stanton", "PERSON"),)
    assert listed(blank, text, ["Otter Trust", "Larchfield Council", "Rowing Club"], entities) == []


def test_a_list_of_few_bodies_adds_nothing(blank) -> None:
    # one body among other things, or two items only
    assert (
        listed(blank, "We met Tidewater Ecology, Kivara Council and Bellmont Estates.", ["Kivara Council"])
        == []
    )
    assert listed(blank, "The Otter Trust and Greenway Partners came.", ["Otter Trust"]) == []


def test_items_in_another_sentence_are_no_items(blank) -> None:
    text = "Thanks to the Otter Trust and Larchfield Council. Greenway Partners came too."
    assert listed(blank, text, ["Otter Trust", "Larchfield Council"]) == []


def test_an_adverb_opening_the_sentence_is_no_item(blank) -> None:
    text = "Meanwhile, the Otter Trust, Larchfield Council and Greenway Partners met."
    doc = blank(text)
    for token, tag in zip(
        doc, ["RB", ",", "DT", "NNP", "NNP", ",", "NNP", "NNP", "CC", "NNP", "NNPS", "VBD", "."], strict=True
    ):
        token.tag_ = tag
    bodies = [(text.index(b), text.index(b) + len(b)) for b in ("Otter Trust", "Larchfield Council")]
    found = listed_bodies(doc, doc_words(doc), bodies, REFERENCE, frozenset())
    assert [text[s:e] for s, e in found] == ["Greenway Partners"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a line item of a list of grants: the whole opening is the name, "and" included
        (
            "Grants this quarter:\nValley Food and Shelter Network Inc.: $2,000 for winter coats.\n"
            "Harbour and Estuary Trust: $500 for signs.\n",
            ["Valley Food and Shelter Network Inc.", "Harbour and Estuary Trust"],
        ),
        # a label that is no body, a name inside the line, and a single word
        ("Venue and Parking: the Town Hall.\nThanks to the Otter Trust: all went well.\nCouncil: yes.\n", []),
    ],
)
def test_a_line_opening_with_a_body_and_a_colon(blank, text: str, names: list[str]) -> None:
    words = doc_words(blank(text))
    found = labelled_names(words, REFERENCE)
    assert [text[words[a].char_start : words[b - 1].char_end] for a, b in found] == names


def test_a_list_opens_with_a_comma(blank) -> None:
    # "and" after the first capitalised words joins the parts of one name, not two items
    text = "Grants went to the Youth and Elders Service of Kivara, Inc., the Otter Trust and Kivara Council."
    bodies = ["Elders Service of Kivara", "Otter Trust", "Kivara Council"]
    assert listed(blank, text, bodies) == []
