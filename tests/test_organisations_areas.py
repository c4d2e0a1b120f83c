"""Administrative areas that the model labels organisations ("In Kivara state", "Rubkona,
Warrap State", "Pendle, Hallam and Tiverton counties") are places, not bodies: the places
rules read them by their form (``pipeline.extract.places.areas``), and the organisations
stage leaves out a name the model alone calls a body where those rules read an area. A body
named after an area ("Lakes State Ministry of Health") stays a body. So are towns listed
with towns of the gazetteer and their areas in brackets ("Rumbek (Lakes), Kivara and Tonj
(Warrap)"). An acronym joined to a title by "and" or "/" ("our CEO and DPO") is a title;
a word in capitals beside another is a phrase in capitals, no acronym ("D'UN JOUR").

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.core.records import DocumentText
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.candidates import coordinated_with_title, word_in_capitals
from pipeline.extract.organisations.misreadings import listed_with_places
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.structure.sections import find_sections


def _as_organisations(doc: Doc, names: list[str]) -> Doc:
    """``doc`` with the model's entities replaced by ``names``, labelled ORG (the model's
    label for such names varies from sentence to sentence)."""
    spans = []
    for name in names:
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name), label="ORG")
        assert span is not None
        spans.append(span)
    doc.ents = spans
    return doc


def organisations(nlp, text: str, model_orgs: list[str], gazetteer) -> list[str]:
    sections = find_sections("doc", DocumentText("bulletin.txt", text))
    docs = [_as_organisations(doc, model_orgs) for doc in parse_sections(nlp, sections)]
    found, _ = find_organisations("doc", sections, docs, load_org_reference(), gazetteer=gazetteer)
    return [o.name for o in found]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "model_orgs", "area"),
    [
        ("In Kivara state, some 4,100 people were displaced by the storm.", ["Kivara"], "Kivara"),
        ("Fighting near Rubkona, Warrap State forced families to flee.", ["Rubkona"], "Rubkona"),
        (
            "Aid reached families in Pendle, Gorsey, Hallam and Tiverton counties last week.",
            ["Gorsey"],
            "Gorsey",
        ),
        (
            "Northern, Coastal and Eastern Provinces report low water levels.",
            ["Eastern Provinces"],
            "Eastern",
        ),
    ],
)
def test_an_area_the_model_labels_a_body_is_no_organisation(nlp, gazetteer, text, model_orgs, area) -> None:
    assert not any(area in name for name in organisations(nlp, text, model_orgs, gazetteer))


@pytest.mark.model
def test_an_area_is_read_as_a_body_without_the_gazetteer(nlp) -> None:
    # The rule's evidence: without the places rules the model's label stands.
    text = "In Kivara state, some 4,100 people were displaced by the storm."
    sections = find_sections("doc", DocumentText("bulletin.txt", text))
    docs = [_as_organisations(doc, ["Kivara"]) for doc in parse_sections(nlp, sections)]
    found, _ = find_organisations("doc", sections, docs, load_org_reference())
    assert [o.name for o in found] == ["Kivara"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "model_orgs", "body"),
    [
        (
            "The Lakes State Ministry of Health opened two clinics in Rubkona.",
            ["Lakes State Ministry of Health"],
            "Lakes State Ministry of Health",
        ),
        (
            "Volunteers of Harbin Relief in Tiverton county cleared the drains.",
            ["Harbin Relief"],
            "Harbin Relief",
        ),
    ],
)
def test_a_body_beside_or_named_after_an_area_stays(nlp, gazetteer, text, model_orgs, body) -> None:
    assert body in organisations(nlp, text, model_orgs, gazetteer)


# --------------------------------------------------------------------------- towns listed with their areas

ARTICLES = frozenset({"the"})


@pytest.mark.parametrize(
    ("text", "name", "listed"),
    [
        # past the area in brackets after a town of the gazetteer
        ("Clashes were reported in Rumbek (Lakes), Kivara and Tonj (Warrap).", "Kivara", True),
        # after "and", the town before it a town of the gazetteer, the model's label aside
        ("Clashes were reported in Rumbek (Lakes), Aweil and Marsat (Warrap).", "Marsat", True),
        # the area in brackets right after a town
        ("Convoys reached Torit (Imatong) on Monday.", "Imatong", True),
        # a body with its place in brackets, in a list of bodies
        ("Harbin Relief (Kenya) and Tearline Aid opened two clinics.", "Tearline Aid", False),
        ("Harbin Relief (Rumbek) opened two clinics.", "Harbin Relief", False),
        ("Volunteers of Harbin Relief, Tearline Aid and Osra Trust met.", "Tearline Aid", False),
    ],
)
def test_a_name_listed_with_towns_and_their_areas_is_a_place(text: str, name: str, listed: bool) -> None:
    doc = spacy.blank("en")(text)
    span = doc.char_span(text.index(name), text.index(name) + len(name))
    assert span is not None
    assert listed_with_places(doc, span.start, span.end, ARTICLES) is listed


# --------------------------------------------------------------------------- titles in capitals


@pytest.mark.parametrize(
    ("text", "word", "title"),
    [
        ("Our CEO and DPO met the new tenants.", "DPO", True),
        ("The CFO/CTO post was filled in May.", "CTO", True),
        ("The DPO and CEO spoke first.", "DPO", True),
        # a title and its body, or two bodies
        ("Jana Moss, CEO, TRANSCO, opened the day.", "TRANSCO", False),
        ("The UNDP and WFP teams met in May.", "WFP", False),
    ],
)
def test_an_acronym_coordinated_with_a_title_is_a_title(text: str, word: str, title: bool) -> None:
    doc = spacy.blank("en")(text)
    start = text.index(word)
    span = doc.char_span(start, start + len(word))
    assert span is not None
    assert coordinated_with_title(doc, span.start, span.end, load_org_reference()) is title


# --------------------------------------------------------------------------- words in capitals

ACRONYMS = re.compile(r"DESA|EMRO|ONU")


@pytest.mark.parametrize(
    ("text", "word", "vocabulary", "phrase"),
    [
        ("SAPEURS D UN JOUR Six élèves ont suivi", "UN", {"un"}, True),
        ("LA FÊTE DU VILLAGE aura lieu", "DU", {"du", "fête", "village"}, True),
        # an acronym beside an acronym, or a word the bulletin never writes in lower case
        ("Experts of UN DESA met in May.", "UN", {"of", "met", "in"}, False),
        ("The WHO EMRO office who met us.", "WHO", {"the", "office", "who", "met", "us"}, False),
        ("Le rapport de l'ONU PAYS paraît.", "ONU", {"le", "rapport", "pays"}, False),
        ("Un bénévole de UN Jour suffit", "UN", {"un", "de"}, False),
    ],
)
def test_a_word_in_a_phrase_in_capitals_is_no_acronym(text, word, vocabulary, phrase) -> None:
    start = text.index(word)
    assert word_in_capitals(text, start, start + len(word), frozenset(vocabulary), ACRONYMS) is phrase
