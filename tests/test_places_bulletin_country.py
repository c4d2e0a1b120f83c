"""Places of local bulletins that name no country (a French town's council, an association),
towns named by their mayor or town hall, streets named after people, areas listed before a
plural area word, and bodies that some countries call districts.

Sentences are written for these tests (no bulletin's sentence); rules run on blank
pipelines, with the model's labels set by hand where a rule reads them.
"""

from __future__ import annotations

import pytest
import spacy
from test_places_towns_and_provinces import labelled, places_of

# -- the language's country, where nothing names one -----------------------------------------


def test_a_french_bulletin_that_names_no_country_is_in_france(gazetteer):
    doc = spacy.blank("fr")("Le marché de Noël se tiendra place des Tilleuls, près de l'école.")
    assert places_of(gazetteer, doc, language="fr") == {"place des Tilleuls": "FR"}


def test_a_country_the_french_bulletin_names_outweighs_the_languages(gazetteer):
    doc = spacy.blank("fr")("Au Sénégal, le centre de santé de Ndoulo ouvre rue des Manguiers.")
    assert places_of(gazetteer, doc, language="fr")["rue des Manguiers"] == "SN"


def test_an_english_bulletin_that_names_no_country_has_none(blank, gazetteer):
    doc = blank("The working bee meets on Kestrel Road at nine.")
    assert places_of(gazetteer, doc) == {"Kestrel Road": None}


# -- a town named by its mayor or its town hall ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("La séance est présidée par M. Paul LEROUX, Maire de BRENONVILLE.", "BRENONVILLE"),
        ("Les dossiers sont à déposer à la Mairie de Brenonville avant mai.", "Brenonville"),
        ("Le maire de Brenonville a ouvert la séance.", "Brenonville"),
    ],
)
def test_a_town_after_its_mayor_or_town_hall(gazetteer, text, name):
    assert places_of(gazetteer, spacy.blank("fr")(text), language="fr") == {name: "FR"}


def test_a_town_after_its_mayor_in_english(blank, gazetteer):
    doc = blank("A letter from the Mayor of Pinebrook, Texas, opens this issue.")
    assert places_of(gazetteer, doc)["Pinebrook"] == "US"


@pytest.mark.parametrize(
    "text",
    [
        "Le maire de la commune a ouvert la séance.",  # no name after the office
        "Le Maire de BRENONVILLE et Mme Roux ont signé.",
    ],
)
def test_a_mayor_before_no_capitalised_name_names_no_town(gazetteer, text):
    found = places_of(gazetteer, spacy.blank("fr")(text), language="fr")
    assert set(found) <= {"BRENONVILLE"}


# -- streets named after people ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "street"),
    [
        ("Un local est loué avenue Paul Verlaine pour l'été.", "Paul_Verlaine", "avenue Paul Verlaine"),
        ("Les travaux de la rue Marie Curie commencent lundi.", "Marie_Curie", "rue Marie Curie"),
    ],
)
def test_a_street_named_after_a_person_the_model_tags(gazetteer, text, person, street):
    doc = labelled(spacy.blank("fr"), text, **{person: "PERSON"})
    assert places_of(gazetteer, doc, language="fr") == {street: "FR"}


# -- areas listed before a plural area word ---------------------------------------------------


def test_a_listed_area_is_not_a_namesake_town_abroad(blank, gazetteer):
    # "St. Clair" is a town of the gazetteer in Australia only: here an Alabama county
    doc = blank("Grants reached shelters in Alabama's Jefferson, St. Clair and Blount counties.")
    assert places_of(gazetteer, doc) == {
        "Alabama": "US",
        "Jefferson": "US",
        "St. Clair": "US",
        "Blount": "US",
    }


def test_listed_regencies(blank, gazetteer):
    doc = blank("Rains flooded Kapuas Hulu and Sintang regencies in Indonesia.")
    assert places_of(gazetteer, doc) == {"Kapuas Hulu": "ID", "Sintang": "ID", "Indonesia": "ID"}


# -- bodies that some countries call districts ------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["Marlow County Conservation District", "Otter Creek Watershed District", "Harlan Library District"],
)
def test_a_service_district_is_a_body_not_an_area(blank, gazetteer, body):
    doc = blank(f"Volunteers from the {body} cleaned the banks in Ohio.")
    assert places_of(gazetteer, doc) == {"Ohio": "US"}


# -- towns named in hyphened words around a link word -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deux sièges pour Villers-sur-Aube et un pour Montreuil-la-Forêt.",
            {"Villers-sur-Aube": "FR", "Montreuil-la-Forêt": "FR"},
        ),
        ("Sortie à Brignac-les-Étangs samedi.", {"Brignac-les-Étangs": "FR"}),
        ("Le bulletin de BRIGNAC-EN-VELAY paraît en mai.", {"BRIGNAC-EN-VELAY": "FR"}),
        ("Les vergers de la Côte-d'Or ont fleuri.", {"Côte-d'Or": "FR"}),
        # the street's name stops before the town of its address
        (
            "Écrire au 14, chemin Principal Anse-aux-Pins.",
            {"chemin Principal": "FR", "Anse-aux-Pins": "FR"},
        ),
    ],
)
def test_a_french_town_in_hyphened_words_around_a_link(gazetteer, text, expected):
    assert places_of(gazetteer, spacy.blank("fr")(text), language="fr") == expected


def test_an_english_town_in_hyphened_words_around_a_link(blank, gazetteer):
    doc = blank("The walk went from Ashby-under-Wychwood to Kirkby-on-Fell, England.")
    assert places_of(gazetteer, doc) == {
        "Ashby-under-Wychwood": "GB",
        "Kirkby-on-Fell": "GB",
        "England": "GB",
    }


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Jean-Pierre et Marie-Claire ont rejoint le bureau."),  # given names: no link word
        ("en", "A follow-on grant paid for the drop-in sessions."),  # lower-case words
    ],
)
def test_hyphened_words_without_a_link_or_a_capital_are_no_town(gazetteer, language, text):
    assert places_of(gazetteer, spacy.blank(language)(text), language=language) == {}


def test_a_hyphened_town_inside_an_organisations_name_is_no_place(gazetteer):
    text = "Le Lycée Jean-de-la-Roche a ouvert ses portes."
    name = "Lycée Jean-de-la-Roche"
    org = (text.index(name), text.index(name) + len(name))
    assert places_of(gazetteer, spacy.blank("fr")(text), language="fr", organisations=(org,)) == {}


def test_an_english_town_with_several_link_words(blank, gazetteer):
    doc = blank("The fete at Upton-on-the-Marsh raised funds for Wales.")
    assert places_of(gazetteer, doc) == {"Upton-on-the-Marsh": "GB", "Wales": "GB"}


# -- a French heading word in capitals ----------------------------------------------------------


@pytest.mark.parametrize("heading", ["REUNION DU BUREAU DU 12 MARS", "RÉUNION DU BUREAU DU 12 MARS"])
def test_a_meeting_in_a_french_heading_is_no_island(gazetteer, heading):
    doc = spacy.blank("fr")(f"{heading}\nLe bureau a voté le budget de la salle des fêtes.")
    assert places_of(gazetteer, doc, language="fr") == {"salle des fêtes": "FR"}


def test_the_island_written_with_its_article_is_still_a_place(gazetteer):
    doc = spacy.blank("fr")("Le stage aura lieu à La Réunion en juin.")
    assert places_of(gazetteer, doc, language="fr") == {"La Réunion": "RE"}


def test_the_town_after_its_mayor_stops_before_the_mayors_name(blank, gazetteer):
    doc = labelled(
        blank, "The Mayor of Pinebrook Jane Carter opened the fair in Texas.", Jane_Carter="PERSON"
    )
    assert places_of(gazetteer, doc) == {"Pinebrook": "US", "Texas": "US"}
