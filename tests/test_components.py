"""The spaCy components: each registered factory works in a blank pipeline of a user's own."""

from __future__ import annotations

import spacy

from pipeline.extract.acronyms import find_definitions
from pipeline.extract.components import PlaceFinder
from pipeline.extract.reference.gazetteer import load_gazetteer


def test_acronyms_component_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_acronyms_v1")
    doc = nlp("The Tonga Data Office (TDO) and the Niue Audit Board (NAB) signed.")
    assert [(d.short, d.long) for d in doc._.acronyms] == [
        ("TDO", "Tonga Data Office"),
        ("NAB", "Niue Audit Board"),
    ]
    assert list(doc._.acronyms) == find_definitions(doc)


def test_organisations_component_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_organisations_v1")
    doc = nlp("The Niue Audit Board (NAB) met UNDP and the Government of Samoa. The NAB agreed.")
    assert [s.text for s in doc.spans["organisations"]] == [
        "Niue Audit Board",
        "NAB",
        "UNDP",
        "Government of Samoa",
        "NAB",
    ]


def test_people_component_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_people_v1")
    doc = nlp("The talks between Dr. Mele Lani and Mr. Sione Kata ended.")
    assert [(s.text, s.label_) for s in doc.spans["people"]] == [
        ("Mele Lani", "PERSON"),
        ("Sione Kata", "PERSON"),
    ]


def test_places_component_sets_place_spans() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_places_v1")
    doc = nlp("Experts gathered in Accra, Ghana and across Southern Africa.")
    spans = {(s.text, s.label_, s.kb_id_) for s in doc.spans["places"]}
    assert spans == {
        ("Accra", "city", "GH"),
        ("Ghana", "country", "GH"),
        ("Southern Africa", "region", ""),
    }
    other = PlaceFinder(load_gazetteer())(nlp.make_doc("Peru"))
    assert [s.text for s in other.spans["places"]] == ["Peru"]
