"""Places written in forms the gazetteer does not list as such: a hyphened subdivision written
with spaces ("Moyen Chari"), a kind of place with a capital before its name ("Canton de ..."),
a proper name after a French word that places and other words follow ("en Cerdagne").

Sentences are written for these tests (no bulletin's sentence); rules run on blank
pipelines, with the model's labels set by hand where a rule reads them.
"""

from __future__ import annotations

import pytest
import spacy
from place_docs import labelled, places_of

from pipeline.extract.reference.gazetteer import spaced_name


@pytest.mark.parametrize(
    ("name", "spaced"),
    [
        ("Moyen-Chari", "Moyen Chari"),
        ("Mayo-Kebbi-Est", "Mayo Kebbi Est"),
        ("Pyrénées-Orientales", "Pyrénées Orientales"),
        ("Seine-et-Marne", "Seine et Marne"),
        # a name that ends in a lower-case word keeps its hyphens
        ("Saint-Denis-de-la", "Saint-Denis-de-la"),
        ("Kent", "Kent"),
    ],
)
def test_spaced_name(name, spaced):
    assert spaced_name(name) == spaced


@pytest.fixture(scope="module")
def fr():
    return spacy.blank("fr")


def test_a_hyphened_subdivision_written_with_spaces_after_a_locative(fr, gazetteer):
    doc = fr("Les pluies ont frappé le Tchad, surtout dans le Logone Oriental et au Moyen Chari.")
    found = places_of(gazetteer, doc, language="fr")
    assert found["Logone Oriental"] == "TD"
    assert found["Moyen Chari"] == "TD"


def test_a_hyphened_subdivision_written_with_spaces_in_english(blank, gazetteer):
    doc = blank("Aid reached families in Kasai Oriental, in the Democratic Republic of the Congo.")
    assert places_of(gazetteer, doc).get("Kasai Oriental") == "CD"


def test_a_spaced_name_needs_what_the_hyphened_one_needs(fr, gazetteer):
    # written alone, with no locative word and no place label: no place
    doc = fr("Moyen Chari a répondu à notre courrier.")
    assert "Moyen Chari" not in places_of(gazetteer, doc, language="fr")


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Le forage se trouve dans le Canton de Mbarta, au Niger.", "Canton", "Mbarta"),
        ("Les familles du Cercle de Koutiala, au Mali, ont reçu des semences.", "Cercle", "Koutiala"),
        ("Une équipe a visité le District de Bomi, au Liberia.", "District", "Bomi"),
    ],
)
def test_a_kind_of_place_with_a_capital_is_no_town(fr, gazetteer, text, kind, name):
    found = places_of(gazetteer, fr(text), language="fr")
    assert kind not in found
    assert name in found


def test_a_kind_of_place_with_a_capital_and_no_name_after_it_is_left_alone(fr, gazetteer):
    # no link and name after the word: the rule has nothing to say ("Canton" stays what the
    # other rules make of it)
    doc = fr("Le Canton compte trois écoles.")
    assert "Canton" not in places_of(gazetteer, doc, language="fr")


def test_a_place_after_the_kind_sous_prefecture(fr, gazetteer):
    doc = fr("Le site se trouve dans la sous-préfecture de Mandoul-Nord, au Tchad.")
    assert places_of(gazetteer, doc, language="fr").get("Mandoul-Nord") == "TD"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Un séjour de randonnée a eu lieu en Margeride au mois de juin.", "Margeride"),
        ("La plupart des familles viennent de Tchoukoutou, à deux jours de marche.", "Tchoukoutou"),
        ("Le groupe est parti d'Ambérieux dimanche matin.", "Ambérieux"),
    ],
)
def test_a_proper_name_the_model_calls_a_place_after_en_or_de(fr, gazetteer, text, name):
    doc = labelled(fr, text, **{name: "LOC"})
    assert places_of(gazetteer, doc, language="fr").get(name) == "FR"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # the model's label is no place
        ("Le projet est en Marche depuis mai.", "Marche", "ORG"),
        ("Un hommage a été rendu au général de Gaulle.", "Gaulle", "PER"),
    ],
)
def test_a_name_after_en_or_de_needs_a_place_label(fr, gazetteer, text, name, label):
    doc = labelled(fr, text, **{name: label})
    assert name not in places_of(gazetteer, doc, language="fr")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a particle of a person's name
        ("Nous avons accueilli Madame Lambert de Fontenelle, archiviste.", "Fontenelle"),
        # the end of a longer town's name
        ("Le stage aura lieu à St Martin de Valgorge en avril.", "Valgorge"),
    ],
)
def test_a_name_after_de_and_a_capitalised_word_is_no_town_of_its_own(fr, gazetteer, text, name):
    doc = labelled(fr, text, **{name: "LOC"})
    assert name not in places_of(gazetteer, doc, language="fr")


def test_a_name_after_de_at_the_start_of_a_sentence(fr, gazetteer):
    doc = labelled(fr, "Originaires de Tchoukoutou, les familles sont arrivées hier.", Tchoukoutou="LOC")
    assert places_of(gazetteer, doc, language="fr").get("Tchoukoutou") == "FR"


def test_a_model_town_opening_a_spaced_subdivision_name_is_part_of_it(fr, gazetteer):
    doc = labelled(fr, "Le club de marche est venu de Melun en Seine et Marne.", Seine="LOC")
    found = places_of(gazetteer, doc, language="fr")
    assert "Seine" not in found
    assert found.get("Seine et Marne") == "FR"


# -- a country's name that is also a state of another country -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town the state has and the country has not: the state
        ("The choir sang in Macon, Georgia on Sunday.", {"Macon": "US", "Georgia": "US"}),
        # a town of the country: the country
        ("Our partners in Batumi, Georgia wrote to us.", {"Batumi": "GE", "Georgia": "GE"}),
    ],
)
def test_a_state_named_as_a_country_after_a_town(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


def test_a_state_named_as_a_country_in_a_bulletin_about_the_states_country(blank, gazetteer):
    doc = blank("Members came from Ohio, Kansas and Oregon. A new branch opened in Georgia.")
    assert places_of(gazetteer, doc)["Georgia"] == "US"


def test_a_country_named_in_a_bulletin_about_another_country_stays_a_country(blank, gazetteer):
    doc = blank("Our staff in Kenya met donors from Georgia and Armenia in Nairobi.")
    assert places_of(gazetteer, doc)["Georgia"] == "GE"


# -- a town's article contracted with the preposition before it -----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("L'équipe a joué au Havre samedi dernier.", "Le Havre"),
        ("Les marcheurs sont partis du Mans à l'aube.", "Le Mans"),
        ("Un stage de voile aura lieu aux Sables-d'Olonne en juillet.", "Les Sables-d'Olonne"),
    ],
)
def test_a_town_after_a_contracted_article_is_named_with_it(fr, gazetteer, text, name):
    word = name.split(" ", 1)[1]
    doc = labelled(fr, text, **{word: "LOC"})
    assert places_of(gazetteer, doc, language="fr").get(name) == "FR"


def test_a_contracted_article_before_a_name_no_town_opens_with_an_article(fr, gazetteer):
    doc = labelled(fr, "La délégation est arrivée au Sénégal puis au Mali.", Sénégal="LOC", Mali="LOC")
    assert places_of(gazetteer, doc, language="fr") == {"Sénégal": "SN", "Mali": "ML"}


def test_a_contracted_article_before_a_longer_name_names_no_town(fr, gazetteer):
    # "Le Port" is a town; "le Port de Plaisance" here is not it
    doc = labelled(fr, "Nous nous retrouverons au Port de Plaisance à midi.", Port="LOC")
    assert "Le Port" not in places_of(gazetteer, doc, language="fr")


def test_a_contracted_article_before_a_region_of_its_own(fr, gazetteer):
    # "Sud-Ouest" is a region of Cameroon; "Le Sud-Ouest" a town elsewhere
    doc = labelled(fr, "Au Cameroun, les pluies ont touché le Sud-Ouest et surtout la Région du Sud-Ouest.")
    assert "Le Sud-Ouest" not in places_of(gazetteer, doc, language="fr")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le repas aura lieu à la salle de Saint Martin sur Ouanne le 4 mai.", "Saint Martin sur Ouanne"),
        ("Les élus de SAINTE COLOMBE DE PEYRE ont voté le budget.", "SAINTE COLOMBE DE PEYRE"),
        ("La randonnée part de St Julien lès Metz à neuf heures.", "St Julien lès Metz"),
    ],
)
def test_a_saints_town_written_with_spaces_is_one_town(fr, gazetteer, text, name):
    found = places_of(gazetteer, fr(text), language="fr")
    assert found.get(name) == "FR"
    # the saint's town that opens it is no place of its own, nor a hint of another country
    assert set(found) == {name}


def test_two_saints_towns_joined_by_et_are_not_one_name(fr, gazetteer):
    found = places_of(gazetteer, fr("Les écoles de Saint Julien et Saint Paul ont fermé."), language="fr")
    assert "Saint Julien et Saint Paul" not in found


def test_a_saints_town_written_with_spaces_inside_a_bodys_name_is_no_town(fr, gazetteer):
    text = "La Société Saint Vincent de Paul distribue des colis."
    start = text.index("Société")
    end = text.index(" distribue")
    found = places_of(gazetteer, fr(text), language="fr", organisations=((start, end),))
    assert found == {}


def test_the_town_after_a_postcode_that_follows_its_street_on_the_line(fr, gazetteer):
    doc = fr("Réunion au foyer, 8 rue des Tilleuls 26220 DIEULEFIT\nMerci à tous.")
    found = places_of(gazetteer, doc, language="fr")
    assert found.get("DIEULEFIT") == "FR"
    # a count before a word in capitals in running text is no address
    count = fr("Nous avons compté 15000 VISITEURS\ncette année.")
    assert "VISITEURS" not in places_of(gazetteer, count, language="fr")


def test_a_town_name_before_a_surname_in_capitals_is_no_hint_of_a_country(fr, gazetteer):
    # "Rosette" is a town of Egypt: here a first name, the bulletin's country stays France's
    doc = labelled(
        fr,
        "Présents : Rosette MARCHAND, Paul GIRAUD.\nRendez-vous place du Marché.",
        Rosette_MARCHAND="ORG",
    )
    assert places_of(gazetteer, doc, language="fr") == {"place du Marché": "FR"}


def test_the_town_of_a_tourist_office(fr, gazetteer):
    doc = fr("Merci à la présidente de l'office de tourisme de Vézelay pour son accueil.")
    assert places_of(gazetteer, doc, language="fr").get("Vézelay") == "FR"
    # the town's name ends before a title and a person's name written after it
    doc = fr("Il a salué le président de l'office de tourisme de Vézelay Monsieur PERRIN et les élus.")
    assert places_of(gazetteer, doc, language="fr") == {"Vézelay": "FR"}


def test_the_occupied_palestinian_territories_in_the_plural(blank, gazetteer):
    doc = blank("Food aid reached families in the Occupied Palestinian Territories.")
    assert places_of(gazetteer, doc).get("Occupied Palestinian Territories") == "PS"
