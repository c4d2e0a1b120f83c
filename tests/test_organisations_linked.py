"""Names the bulletin's usage makes whole: a name with a link inside and no head word, written
more than once ("Bread of the Poor"); an acronym after an elided article ("à l'UPMV") and the
name whose letters it spells. And a name in brackets alone on its line, a byline, is no body.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy
from test_organisations_en_names import extract

from pipeline.extract.organisations.candidates import after_elided_article
from pipeline.extract.organisations.head_first import head_first_names
from pipeline.extract.organisations.linked import linked_names
from pipeline.extract.organisations.misreadings import alone_on_line
from pipeline.extract.organisations.stage import spelled_name
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.words import doc_words

EN_REFERENCE = load_org_reference()
FR_REFERENCE = language_reference(EN_REFERENCE, "fr")


def _with_orgs(text: str, orgs: list[str]) -> spacy.tokens.Doc:
    """A blank English doc of ``text`` whose ``orgs`` (first occurrences) are ORG entities."""
    doc = spacy.blank("en")(text)
    spans = []
    for org in orgs:
        start = text.index(org)
        spans.append(doc.char_span(start, start + len(org), label="ORG"))
    doc.ents = spans
    return doc


def _linked(doc: spacy.tokens.Doc) -> list[str]:
    return [doc[n.start : n.end].text for n in linked_names([doc], EN_REFERENCE, frozenset())]


def test_a_linked_name_written_twice_over_a_model_org_is_whole() -> None:
    text = "Partners in Water Chair's report. Everyone thanked Partners in Water in May."
    assert _linked(_with_orgs(text, ["Water Chair"])) == ["Partners in Water", "Partners in Water"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # written once
        ("Partners in Water Chair's report was read.", ["Water Chair"]),
        # no word of it an organisation for the model
        ("Partners in Water met. Partners in Water left.", []),
        # the topic of a meeting, the complement of a title
        ("Meeting on Rural Roads in Asia. The Meeting on Rural Roads in Asia ended.", ["Rural Roads"]),
        ("Minister of Public Works of Fiji. The Minister of Public Works of Fiji came.", ["Public Works"]),
    ],
)
def test_no_linked_name_without_the_bulletins_usage(text: str, orgs: list[str]) -> None:
    assert _linked(_with_orgs(text, orgs)) == []


@pytest.mark.model
def test_a_name_the_model_cuts_at_its_link_is_whole(nlp) -> None:
    text = (
        "Report Bread of the Poor - Flood Relief Day 3\nThe Bread of the Poor volunteers packed food "
        "parcels in Sukkur. A reporter filmed the Bread of the Poor distribution for the evening news."
    )
    orgs = extract(nlp, text, EN_REFERENCE)
    assert [(o.name, o.n_mentions) for o in orgs if "Poor" in o.name] == [("Bread of the Poor", 3)]


@pytest.mark.parametrize(
    ("text", "start", "after"),
    [
        ("Elle enseigne à l'UPMV.", 18, True),
        ("le soutien d\u2019OCRA a suffi", 13, True),
        ("le PLU a été voté", 3, False),  # no elided article
        ("Appel'ABC", 6, False),  # an apostrophe inside a word
    ],
)
def test_an_acronym_after_an_elided_french_article(text: str, start: int, after: bool) -> None:
    assert after_elided_article(text, start, FR_REFERENCE) is after
    assert after_elided_article(text, start, EN_REFERENCE) is False  # English elides no article


@pytest.mark.model
def test_an_unknown_acronym_after_l_names_a_body(fr_nlp) -> None:
    text = "Elle enseigne à l'UPMV depuis 2010 et dirige un laboratoire.\n"
    assert "UPMV" in {o.acronym for o in extract(fr_nlp, text, FR_REFERENCE)}


MUSIC = "International Association of Music Libraries"


@pytest.mark.parametrize(
    ("acronym", "names", "spelled"),
    [
        ("UPm", ["Université de Pomerol", "Institut du Pomerol"], "Université de Pomerol"),
        ("IAML", [MUSIC], MUSIC),
        ("UPm", ["Université de Pomerol", "Union des Pommiers"], None),  # two names spell it
        ("UCL", ["Institut de philosophie de l'UCL"], None),  # holds the acronym itself
        ("UP", ["Université de Pomerol"], None),  # too few letters
    ],
)
def test_an_acronym_is_the_one_name_that_spells_it(
    acronym: str, names: list[str], spelled: str | None
) -> None:
    assert spelled_name(acronym, names) == spelled


def test_an_acronym_whose_capitals_are_not_the_initials_spells_no_name() -> None:
    # the letters are there in order, but "Fire" and "Rescue" give none of its capitals
    assert spelled_name("NOC", ["National Fire and Rescue Office Command"]) is None


@pytest.mark.parametrize(
    ("text", "name", "alone"),
    [
        ("The council met on Friday.\n[Hiroko Tanabe]\n", "Hiroko Tanabe", True),  # a byline
        ("(Marta Kowalczyk)\nMore news", "Marta Kowalczyk", True),
        ("Thanks to [Hiroko Tanabe] for the photos.\n", "Hiroko Tanabe", False),
    ],
)
def test_a_name_in_brackets_alone_on_its_line_is_a_byline(text: str, name: str, alone: bool) -> None:
    start = text.index(name)
    assert alone_on_line(text, start, start + len(name)) is alone


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Il prend la direction de la MRC des Îles-Vertes.", ["MRC des Îles-Vertes"]),
        ("Retrait du SIVOM de Production d'Eau du Haut-Val.", ["SIVOM de Production d'Eau du Haut-Val"]),
        # a thing's acronym, a known body's, or no capitalised name after the link
        ("le vote du PLU de Bourg-Neuf", []),
        ("le HCR de Goma a aidé", []),
        ("le CCAS de la commune", []),
    ],
)
def test_a_french_name_headed_by_a_body_kinds_acronym(text: str, names: list[str]) -> None:
    words = doc_words(spacy.blank("fr")(text))
    found = [
        text[words[a].char_start : words[b - 1].char_end] for a, b in head_first_names(words, FR_REFERENCE)
    ]
    assert found == names


@pytest.mark.model
def test_the_acronym_heading_a_french_name_is_no_body_of_its_own(fr_nlp) -> None:
    text = "Mme Lavoie prend la direction générale de la MRC des Îles-Vertes en janvier.\n"
    orgs = extract(fr_nlp, text, FR_REFERENCE)
    assert [o.name for o in orgs if "MRC" in o.name] == ["MRC des Îles-Vertes"]
