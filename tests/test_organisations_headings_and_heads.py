"""Organisations: words in capitals that head a line are no acronyms, whatever the model labels
them; a name in a list of places is a place; French names that open with a head word written
in lower case ("l'association ...", "la mairie de ...") or with a head the English list lacks
("Municipalité", "Bibliothèque"), or with a short number inside; terms of reports defined with
an acronym ("Gender Based Violence (GBV)") are no bodies, nor is a part of their long form.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span
from test_organisations_en_names import extract

from pipeline.extract.organisations.head_first import head_first_names
from pipeline.extract.organisations.misreadings import generic_organ, in_capitals_heading, listed_with_places
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.words import DETERMINERS, doc_words

FR_REFERENCE = language_reference(load_org_reference(), "fr")


def _at(text: str, word: str) -> tuple[str, int, int]:
    start = text.index(word)
    return text, start, start + len(word)


@pytest.mark.parametrize(
    ("text", "word", "heading"),
    [
        ("Weekly notes\nLOGISTICS\nTrucks left Kano on Monday.", "LOGISTICS", True),
        ("REGION DU NORD:\nLes pluies ont repris.", "REGION", True),
        ("Vendredi BENEVOLES D UN SOIR Dix jeunes ont aidé.", "BENEVOLES", True),
        # an acronym in running text, before a lower-case word or a figure
        ("Staff of the KDRA visited two camps.", "KDRA", False),
        ("Trucks from KDRA and the Red Cross arrived.", "KDRA", False),
        ("TOTAL 47 partners", "TOTAL", False),
    ],
)
def test_a_word_in_capitals_heading_a_line(text: str, word: str, heading: bool) -> None:
    assert in_capitals_heading(*_at(text, word)) is heading


@pytest.mark.model
def test_a_heading_in_capitals_is_no_organisation(fr_nlp) -> None:
    # The French model labels both headings an organisation.
    text = (
        "Notes hebdomadaires\nOPERATIONS\nLes camions sont partis de Kano lundi.\n\n"
        "RAPPORT\nLes pluies ont repris dans le Nord.\n"
    )
    found = {o.acronym for o in extract(fr_nlp, text, FR_REFERENCE)}
    assert not found & {"OPERATIONS", "RAPPORT"}


def _fr_names(text: str) -> list[str]:
    words = doc_words(spacy.blank("fr")(text))
    return [
        text[words[a].char_start : words[b - 1].char_end] for a, b in head_first_names(words, FR_REFERENCE)
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Le stand de l'association Amicale des Randonneurs du Vercors a attiré du monde.",
            ["association Amicale des Randonneurs du Vercors"],
        ),
        ("Il a travaillé à la mairie de Saint-Pierre-les-Bois.", ["mairie de Saint-Pierre-les-Bois"]),
        ("Il dirige la Municipalité de Petite-Rivière depuis mars.", ["Municipalité de Petite-Rivière"]),
        ("Elle est conservatrice à la Bibliothèque royale de Wallonie.", ["Bibliothèque royale de Wallonie"]),
        # a lower-case head before common nouns only, or before a heading on the next line
        ("la communauté internationale a répondu présent", []),
        ("avec les représentants du gouvernement\nInondations dans le Nord P.3\n", []),
    ],
)
def test_french_names_opening_with_a_lower_case_or_added_head(text: str, names: list[str]) -> None:
    assert _fr_names(text) == names


def _with_places(nlp, text: str, places: list[str]):
    """A blank doc of ``text`` whose model would label ``places`` as places."""
    doc = nlp(text)
    spans = [doc.char_span(text.index(p), text.index(p) + len(p), label="GPE") for p in places]
    doc.ents = [s for s in spans if isinstance(s, Span)]
    return doc


@pytest.mark.parametrize(
    ("lang", "text", "name", "places", "listed"),
    [
        ("en", "Rain hit Tarlow, Mendip Vale and Corrin.", "Mendip Vale", ["Tarlow", "Corrin"], True),
        ("en", "Camps in Osra and Belmund were flooded.", "Belmund", ["Osra"], True),
        ("fr", "Le Nord, le Plateau Central et l'Ouest.", "Plateau Central", ["Nord", "Ouest"], True),
        # a body beside a place, not in a list of places
        ("en", "Staff of Harbin Relief in Osra met on Monday.", "Harbin Relief", ["Osra"], False),
        ("en", "Osra: Harbin Relief opened a clinic.", "Harbin Relief", ["Osra"], False),
    ],
)
def test_a_name_in_a_list_of_places_is_a_place(lang, text, name, places, listed) -> None:
    doc = _with_places(spacy.blank(lang), text, places)
    span = doc.char_span(text.index(name), text.index(name) + len(name))
    assert span is not None
    articles = FR_REFERENCE.name_articles | DETERMINERS
    assert listed_with_places(doc, span.start, span.end, articles) is listed


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Elle enseigne à l'Université Lyon 2 Lumière depuis 2010.", ["Université Lyon 2 Lumière"]),
        ("l'Agence Sud 12 projets ont été retenus", ["Agence Sud"]),
    ],
)
def test_a_short_number_between_capitalised_words_of_a_french_name(text: str, names: list[str]) -> None:
    assert _fr_names(text) == names


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # the model labels "Strengths Weaknesses" an organisation, and the long form too
        "Partners ran a Strengths Weaknesses, Opportunities and Threats (SWOT) exercise on the wells.",
        "Reports of Gender Based Violence (GBV) fell in the northern camps.",
    ],
)
def test_terms_defined_with_an_acronym_are_no_organisations(nlp, text: str) -> None:
    assert extract(nlp, text, load_org_reference()) == []


@pytest.mark.parametrize(
    ("texts", "generic"),
    [
        (["Conseil", "d'", "administration"], True),
        (["Comité", "de", "pilotage"], True),
        (["Conseil", "scientifique"], True),
        (["Comité", "de", "pilotage", "du", "Festival", "de", "Lodève"], False),
        (["Conseil", "régional", "de", "Bretagne"], False),
    ],
)
def test_a_french_organ_of_the_body_spoken_of_is_no_name(texts: list[str], generic: bool) -> None:
    assert generic_organ(texts, FR_REFERENCE) is generic


@pytest.mark.model
def test_a_french_organ_is_left_out_of_the_names(fr_nlp) -> None:
    text = "Le Conseil scientifique s'est réuni mardi à Lodève. Le Réseau Vert a présenté son bilan.\n"
    names = {o.name for o in extract(fr_nlp, text, FR_REFERENCE)}
    assert "Conseil scientifique" not in names
