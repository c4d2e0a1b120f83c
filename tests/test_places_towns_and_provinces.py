"""Places of bulletins about small countries and remote districts: towns too small for the
gazetteer, towns written before their province, provinces listed or written with and without
their area word, and area names that locate no country ("la région de l'Est").

Sentences are written for these tests (no bulletin's sentence); rules run on blank
pipelines, with the model's labels set by hand where a rule reads them.
"""

from __future__ import annotations

import pytest
import spacy
from place_docs import labelled, places_of
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.places import find_places
from pipeline.extract.places.areas import area_country
from pipeline.extract.reference.gazetteer import Gazetteer, language_gazetteer
from pipeline.extract.reference.place_names import local_words

# -- towns the gazetteer does not list, after a word only a place follows ------------------


def test_an_unknown_town_the_model_calls_a_place_after_in_is_in_the_bulletins_country(blank, gazetteer):
    doc = labelled(
        blank, "The mobile clinic in Warrakilla reopened, said Kenya's ministry.", Warrakilla="GPE"
    )
    assert places_of(gazetteer, doc) == {"Warrakilla": "KE", "Kenya": "KE"}


def test_an_unknown_town_after_a_french_locative_word(gazetteer):
    fr = spacy.blank("fr")
    doc = labelled(
        fr, "Les équipes du Tchad sont arrivées à Koundoulba mardi.", Tchad="GPE", Koundoulba="LOC"
    )
    assert places_of(gazetteer, doc, language="fr") == {"Tchad": "TD", "Koundoulba": "TD"}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # no locative word before it: "Warrakilla" may be anything
        ("Warrakilla reopened its clinic in Kenya.", {"Warrakilla": "GPE"}),
        # after "to": a goal may be a person or a body
        ("The award went to Warrakilla last year in Kenya.", {"Warrakilla": "GPE"}),
        # the model's label is not a place
        ("The mobile clinic in Warrakilla reopened in Kenya.", {"Warrakilla": "ORG"}),
        # a building, not a town (one ending in a venue word is a local place: test_places_venues)
        ("The talks in Harbourside Tower were held in Kenya.", {"Harbourside_Tower": "FAC"}),
    ],
)
def test_an_unknown_name_without_both_signs_is_no_town(blank, gazetteer, text, labels):
    doc = labelled(blank, text, **labels)
    assert places_of(gazetteer, doc) == {"Kenya": "KE"}


def test_an_unknown_town_inside_an_organisations_name_is_no_place(blank, gazetteer):
    text = "Grants in Warrakilla went to farmers in Kenya."
    doc = labelled(blank, text, Warrakilla="GPE")
    org = (text.index("Warrakilla"), text.index("Warrakilla") + len("Warrakilla"))
    assert places_of(gazetteer, doc, organisations=(org,)) == {"Kenya": "KE"}


# -- a town written before its province -----------------------------------------------------


def test_a_town_before_its_province_in_brackets(blank, gazetteer):
    doc = blank("Teams flew to Lolowai (Penama Province) and Isangel (Tafea Province) in Vanuatu.")
    assert places_of(gazetteer, doc) == {
        "Lolowai": "VU",
        "Penama Province": "VU",
        "Isangel": "VU",
        "Tafea Province": "VU",
        "Vanuatu": "VU",
    }


def test_towns_listed_before_their_province_in_brackets(blank, gazetteer):
    doc = blank("Teams flew to Wusi, Tasmalum and Nokuku (Sanma Province) in Vanuatu.")
    found = places_of(gazetteer, doc)
    assert {"Wusi", "Tasmalum", "Nokuku", "Sanma Province"} <= set(found)


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("Au Cameroun, des familles sont arrivées à Kossoyé (Région de l'Est).", {"Kossoyé"}),
        (
            "Au Cameroun, des réfugiés sont entrés à Bagolo, Tindi et Mbaka (Région de l'Adamaoua).",
            {"Bagolo", "Tindi", "Mbaka"},
        ),
    ],
)
def test_french_towns_before_their_titled_region_in_brackets(gazetteer, text, towns):
    found = places_of(gazetteer, spacy.blank("fr")(text), language="fr")
    assert towns <= set(found)
    assert all(found[town] == "CM" for town in towns)


def test_a_listed_town_the_french_model_tags_a_noun_is_still_a_town(gazetteer):
    doc = spacy.blank("fr")("Au Cameroun, des réfugiés sont entrés à Tindi et Mbaka (Région de l'Est).")
    for token in doc:
        if token.text in {"Tindi", "Mbaka"}:
            token.pos_ = "NOUN"
    found = places_of(gazetteer, doc, language="fr")
    assert {"Tindi", "Mbaka"} <= set(found)


def test_people_listed_before_a_town_and_its_region_are_no_towns(gazetteer):
    text = "Au Cameroun, Paul Nkemba, Rose Tabi et Kossoyé (Région de l'Est) ont signé."
    doc = labelled(spacy.blank("fr"), text, Paul_Nkemba="PER", Rose_Tabi="PER")
    found = places_of(gazetteer, doc, language="fr")
    assert "Kossoyé" in found and "Paul Nkemba" not in found and "Rose Tabi" not in found


# -- provinces listed, and written with and without their area word -------------------------


def test_a_subdivision_listed_after_another_is_one_too(blank, gazetteer):
    # "Penama" has the evidence of "in"; "Tafea" and "Malampa" are in its list
    doc = blank("Rain fell in Penama, Tafea and Malampa this week, Vanuatu's office said.")
    assert places_of(gazetteer, doc) == {"Penama": "VU", "Tafea": "VU", "Malampa": "VU", "Vanuatu": "VU"}


def test_a_subdivision_after_an_unrelated_capitalised_word_is_not_listed(blank, gazetteer):
    doc = blank("Rain fell in Penama, said Tafea Reynolds of the Vanuatu office.")
    assert places_of(gazetteer, doc) == {"Penama": "VU", "Vanuatu": "VU"}


def test_a_province_and_its_name_alone_are_one_place(blank, gazetteer):
    first = blank("Crops failed in Tafea, Vanuatu.")
    second = blank("Boats left for Tafea Province on Monday.")
    assert places_of(gazetteer, first, second) == {"Tafea": "VU", "Vanuatu": "VU"}


# -- areas named after a compass point locate no country -----------------------------------


def test_a_compass_point_area_name_locates_no_country(gazetteer):
    assert area_country("Est", gazetteer)[2] is False
    assert area_country("Jonglei", gazetteer)[2] is True


def test_the_region_of_the_east_is_in_the_bulletins_country(gazetteer):
    fr = spacy.blank("fr")
    # ISO 3166-2 has an "Est" only in Burkina Faso
    doc = fr("Au Tchad, des familles vivent dans la région de l’Est depuis mai.")
    assert places_of(gazetteer, doc, language="fr") == {"Tchad": "TD", "Est": "TD"}


def test_a_hyphenated_name_the_model_keeps_as_one_token_after_its_kind(gazetteer):
    # the French model keeps "Bongor-et-Kim" one token, as here
    words = ["Au", "Tchad", ",", "le", "département", "de", "Bongor-et-Kim", "a", "voté", "."]
    spaces = [True, False, True, True, True, True, True, True, False, False]
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=spaces)
    assert places_of(gazetteer, doc, language="fr") == {"Tchad": "TD", "Bongor-et-Kim": "TD"}


def test_a_country_in_capitals_in_a_french_heading(gazetteer):
    doc = spacy.blank("fr")("TCHAD : Notes de la semaine\nLes pluies ont cessé.")
    assert places_of(gazetteer, doc, language="fr") == {"TCHAD": "TD"}


def test_a_town_in_capitals_the_model_calls_a_place_is_the_gazetteers_town(blank, gazetteer):
    doc = labelled(blank, "The forum opens on 3 May in LYON with delegates from Senegal.", LYON="GPE")
    assert places_of(gazetteer, doc)["LYON"] == "FR"


def test_a_french_camp_and_forest_named_after_their_kind(gazetteer):
    fr = spacy.blank("fr")
    doc = fr("Au Tchad, les réfugiés du camp de Kouchaguine ont quitté la forêt de Dogoré.")
    assert places_of(gazetteer, doc, language="fr") == {"Tchad": "TD", "Kouchaguine": "TD", "Dogoré": "TD"}


@pytest.mark.parametrize(
    "text",
    [
        "Au Tchad, les familles ont fui la forêt de\nDogoré vers le sud.",
        "Au Tchad, les familles ont fui la forêt\nde Dogoré vers le sud.",
        "In Chad, the families fled the town of\nDogoré for the south.",
    ],
)
def test_a_place_named_after_its_kind_across_a_wrapped_line(gazetteer, text):
    language = "en" if text.startswith("In") else "fr"
    found = places_of(gazetteer, spacy.blank(language)(text), language=language)
    assert found["Dogoré"] == "TD"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Au Cameroun, la saison sèche commence.\n\n"
            "200 retournés du Tchad ont rejoint le village de\nGadaboua cette semaine.",
        ),
        (
            "en",
            "In Cameroon, the dry season begins.\n\n"
            "200 returnees from Chad reached the village of\nGadaboua this week.",
        ),
    ],
)
def test_a_country_people_come_from_does_not_locate_a_village(gazetteer, language, text):
    found = places_of(gazetteer, spacy.blank(language)(text), language=language)
    assert found["Gadaboua"] == "CM"


def test_a_country_named_as_the_location_still_locates_a_village(gazetteer):
    text = "In Cameroon, the dry season begins.\n\nIn Chad, 200 families reached the village of Gadaboua."
    assert places_of(gazetteer, spacy.blank("en")(text))["Gadaboua"] == "TD"


def test_du_alone_names_where_a_village_is_not_an_origin(gazetteer):
    text = "Au Tchad, la saison sèche commence.\n\nLe village de Gadaboua du Cameroun a reçu des vivres."
    found = places_of(gazetteer, spacy.blank("fr")(text), language="fr")
    assert found["Gadaboua"] == "CM"


@pytest.mark.parametrize(
    ("town", "code"), [("Genève", "CH"), ("Pékin", "CN"), ("Tombouctou", "ML"), ("Édimbourg", "GB")]
)
def test_a_town_by_its_french_name(gazetteer, town, code):
    doc = spacy.blank("fr")(f"Les délégués se sont retrouvés à {town} pour le colloque.")
    assert places_of(gazetteer, doc, language="fr") == {town: code}


def test_french_names_of_towns_are_read_in_french_bulletins_only(gazetteer):
    doc = spacy.blank("en")("The delegates met in Genève for the colloquium.")
    assert "Genève" not in places_of(gazetteer, doc)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Au Tchad, 300 familles ont rejoint le site de déplacés de Kalbouna la semaine passée.", "Kalbouna"),
        ("Au Tchad, le centre de transit de\nDoubaye a reçu 200 personnes.", "Doubaye"),
        ("Au Tchad, le centre de santé de Mirébé a rouvert.", "Mirébé"),
    ],
)
def test_a_place_after_a_kind_written_in_several_words(gazetteer, text, name):
    found = places_of(gazetteer, spacy.blank("fr")(text), language="fr")
    assert found[name] == "TD"


# -- French streets and venues, and an address's town ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En France, la fête a lieu place de la Gare.", {"France": "FR", "place de la Gare": "FR"}),
        ("En France, le bureau est rue des Tilleuls.", {"France": "FR", "rue des Tilleuls": "FR"}),
        (
            "En France, le défilé passe avenue du 11 novembre.",
            {"France": "FR", "avenue du 11 novembre": "FR"},
        ),
        ("En France, le congrès se tient à l'hôtel Dupleix.", {"France": "FR", "hôtel Dupleix": "FR"}),
        ("En France, le repas aura lieu à la salle des fêtes.", {"France": "FR", "salle des fêtes": "FR"}),
        (
            "Au Canada, la caserne est au 12, chemin des Érables.",
            {"Canada": "CA", "chemin des Érables": "CA"},
        ),
        ("En France, la mairie se trouve route de Villiers.", {"France": "FR", "route de Villiers": "FR"}),
        # buildings, grounds and the sites of an outing, in lower case or with a capital
        ("En France, le loto a lieu salle du Vieux Four.", {"France": "FR", "salle du Vieux Four": "FR"}),
        (
            "En France, départ du parking de la Croix Blanche vers les Grottes de Saint-Amand.",
            {"France": "FR", "parking de la Croix Blanche": "FR", "Grottes de Saint-Amand": "FR"},
        ),
        (
            "En France, pique-nique près du moulin St Martin, au bord de l'étang des Forges.",
            {"France": "FR", "moulin St Martin": "FR", "étang des Forges": "FR"},
        ),
        (
            "En France, la sortie finit aux Cascades  du Val Noir.\nDépart du Moulin Rouge à 9 h.",
            {"France": "FR", "Cascades  du Val Noir": "FR", "Moulin Rouge": "FR"},
        ),
    ],
)
def test_french_streets_and_venues(gazetteer, text, expected):
    assert places_of(gazetteer, spacy.blank("fr")(text), language="fr") == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("En Belgique, visite du jardin Van de Walle à Gand.", "jardin Van de Walle"),
        ("En France, la rue Jean de La Bruyère est fermée.", "rue Jean de La Bruyère"),
    ],
)
def test_a_surnames_particle_is_a_word_of_a_streets_or_venues_name(gazetteer, text, place):
    assert place in places_of(gazetteer, spacy.blank("fr")(text), language="fr")


def test_a_town_after_a_streets_name_is_not_a_word_of_it(gazetteer):
    doc = spacy.blank("fr")("En France, le cortège part de la rue Gambetta de Lyon.")
    found = places_of(gazetteer, doc, language="fr")
    assert "rue Gambetta" in found and "Lyon" in found


@pytest.mark.parametrize(
    "text",
    [
        # a venue's word inside a body's capitalised name
        "En France, la fédération des Parcs et Jardins de Bretagne se réunit.",
        "En France, les Amis du Moulin Neuf tiennent leur assemblée.",
        # a venue's word after a count is a common noun
        "En France, nous avons visité deux jardins de Bretagne.",
        # a venue's word with no name after it
        "En France, le Conseil a voté le budget du parc de loisirs.",
    ],
)
def test_a_venue_word_inside_a_bodys_name_or_without_a_name_is_no_place(gazetteer, text):
    found = places_of(gazetteer, spacy.blank("fr")(text), language="fr")
    assert set(found) <= {"France", "Bretagne"}


@pytest.mark.parametrize(
    "text",
    [
        "En France, la mise en place du Comité a pris un an.",  # "en place": no street
        "En France, la place des femmes a grandi.",  # a common noun after the link
        "En France, le chemin de fer reste en route pour Noël.",  # common nouns, "en route"
    ],
)
def test_no_french_street_without_a_name(gazetteer, text):
    assert places_of(gazetteer, spacy.blank("fr")(text), language="fr") == {"France": "FR"}


def test_the_town_of_an_address_after_its_postcode(gazetteer):
    doc = spacy.blank("fr")("Association des amis de la Loire\n12, rue des Tilleuls\n37150 BLÉRÉ\nFrance")
    assert places_of(gazetteer, doc, language="fr") == {
        "rue des Tilleuls": "FR",
        "BLÉRÉ": "FR",
        "France": "FR",
    }


def test_a_count_before_a_word_in_a_table_is_no_address(blank, gazetteer):
    doc = blank("Rations delivered in Kenya\n15000 Households\n32000 Children")
    assert places_of(gazetteer, doc) == {"Kenya": "KE"}


# -- the bulletin's country when no place names it -------------------------------------------


def test_a_town_opening_a_bodys_name_gives_the_country(blank, gazetteer):
    doc = labelled(blank, "Whangarei Heads School planted trees on Kauri Road.", Whangarei_Heads_School="ORG")
    assert places_of(gazetteer, doc) == {"Kauri Road": "NZ"}


def test_a_town_inside_a_bodys_name_gives_no_country(blank, gazetteer):
    # "Tyre" is a town of Lebanon, here a word of a garage's name
    doc = labelled(blank, "Mokoia Tyre Services sponsored works on Kauri Road.", Mokoia_Tyre_Services="ORG")
    assert places_of(gazetteer, doc) == {"Kauri Road": None}


def test_a_currency_outweighs_a_town_opening_a_bodys_name(blank, gazetteer):
    doc = labelled(blank, "Whangarei Heads School raised £300 for Kauri Road.", Whangarei_Heads_School="ORG")
    assert places_of(gazetteer, doc) == {"Kauri Road": "GB"}


# -- a town in apposition after a venue ------------------------------------------------------


def test_a_small_town_in_apposition_after_a_venue_takes_its_locative_word(blank, gazetteer):
    # "Armidale" is a small town of the gazetteer (Australia): after "at the Harbour-Lodge," it is a place
    doc = blank("Members met at the Harbour-Lodge, Armidale, from all over Australia.")
    assert places_of(gazetteer, doc) == {"Armidale": "AU", "Australia": "AU"}


def test_an_unknown_town_in_apposition_after_a_venue(blank, gazetteer):
    doc = labelled(blank, "The fair was held at the Old Mill, Tarrawonga, in Kenya.", Tarrawonga="GPE")
    assert places_of(gazetteer, doc) == {"Tarrawonga": "KE", "Kenya": "KE"}


def test_a_name_after_a_venue_that_goes_on_is_no_apposition(blank, gazetteer):
    doc = labelled(blank, "The fair was held at the Old Mill, Tarrawonga said in Kenya.", Tarrawonga="GPE")
    assert places_of(gazetteer, doc) == {"Kenya": "KE"}


# -- telephone numbers --------------------------------------------------------------------------


def test_a_telephone_prefix_chooses_among_countries_named_as_often(blank, gazetteer):
    found = places_of(
        gazetteer,
        blank("Our volunteers went to Senegal and to France."),
        blank("Kauri Road, tel. +33 6 12 34 56 78"),
    )
    assert found["Kauri Road"] == "FR"
    found = places_of(
        gazetteer,
        blank("Our volunteers went to France and to Senegal."),
        blank("Kauri Road, tel. +221 77 123 45 67"),
    )
    assert found["Kauri Road"] == "SN"


def test_a_telephone_prefix_gives_the_country_when_no_place_does(blank, gazetteer):
    doc = blank("Meet us on Kauri Road. Call 06 62 50 41 18 for details.")
    assert places_of(gazetteer, doc) == {"Kauri Road": "FR"}


def test_a_telephone_prefix_does_not_outweigh_the_places_named(blank, gazetteer):
    doc = blank("Flooding hit Kenya and Kenya's coast near Kauri Road. Call +33 6 12 34 56 78.")
    assert places_of(gazetteer, doc)["Kauri Road"] == "KE"


def test_a_country_on_a_label_line_does_not_locate_the_address_below_it(gazetteer):
    # the bulletin is French (France named twice); its correspondent in Mali is a label
    fr = spacy.blank("fr")
    text = "Correspondant au Mali :\nM. Diallo\n12, rue des Tilleuls\n37150 BLÉRÉ"
    found = places_of(gazetteer, fr("Nos amis en France, en France encore."), fr(text), language="fr")
    assert found["rue des Tilleuls"] == "FR"
    assert found["BLÉRÉ"] == "FR"


# ------------------------------------------------------------- regional bulletins' headings


def _places_under_headings(
    gazetteer: Gazetteer, nlp: spacy.language.Language, parts: list[tuple[str, str]], language: str = "en"
) -> dict[str, str | None]:
    """{name: country} of a bulletin of sections (heading, body), each heading on its own line."""
    sections, docs, start = [], [], 0
    for heading, body in parts:
        text = f"{heading}\n{body}" if body else heading
        sections.append(
            Section("d", f"d-s{start}", None, heading, text, start, start + len(text), len(heading), 1, 1)
        )
        docs.append(nlp(text))
        start += len(text) + 2
    places, _ = find_places(
        "d", sections, docs, language_gazetteer(gazetteer, language), local=local_words(language)
    )
    return {p.name: p.country_code for p in places}


def test_a_place_under_a_country_heading_is_in_that_country(blank, gazetteer):
    parts = [
        ("MALAWI", "Heavy rains reached the village of Chikondeni on Monday; Malawi asked for help."),
        ("ZAMBIA", ""),
        ("Shelter", "The district of Mbalangwe reported 300 households without shelter."),
    ]
    found = _places_under_headings(gazetteer, blank, parts)
    assert found["Chikondeni"] == "MW"
    assert found["Mbalangwe"] == "ZM"  # not the bulletin's first country


def test_a_state_written_alone_under_its_countrys_heading(blank, gazetteer):
    parts = [
        ("NEPAL", "Landslides in Nepal blocked two roads; Nepal opened shelters."),
        ("INDIA", "Rains in Assam displaced 2,000 people."),
    ]
    assert _places_under_headings(gazetteer, blank, parts)["Assam"] == "IN"


def test_a_french_heading_alone_stands_for_the_sections_after_it(gazetteer):
    fr = spacy.blank("fr")
    parts = [
        ("TCHAD", "Le Tchad a reçu 400 familles."),
        ("NIGER", ""),
        ("FERMETURE D'UN SITE", "Le 3 mai, les familles du camp de Tagourbé ont été réinstallées."),
    ]
    assert _places_under_headings(gazetteer, fr, parts, "fr")["Tagourbé"] == "NE"


def test_a_heading_that_is_not_a_name_alone_locates_nothing(blank, gazetteer):
    parts = [
        ("Kenya", "The town of Kisilwa in Kenya held a fair."),
        ("News from Uganda and beyond", "The village of Mbwaleni held a fair."),
    ]
    assert _places_under_headings(gazetteer, blank, parts)["Mbwaleni"] == "KE"


# ------------------------------------------------------------------- French areas' forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a province the French model keeps one token, after "au" and after "dans le"
        (
            "Le HCR a ouvert un site au Nord-Kivu et un autre dans le Haut-Uele pour les réfugiés de RDC.",
            {"Nord-Kivu": "CD", "Haut-Uele": "CD", "RDC": "CD"},
        ),
        # across a wrapped line
        (
            "En France, trois vergers dans le\nPas-de-Calais ont fermé.",
            {"France": "FR", "Pas-de-Calais": "FR"},
        ),
        # a heading in capitals
        ("AFFRONTEMENTS DANS LE SUD-KIVU\nLa RDC compte 4 000 déplacés.", {"SUD-KIVU": "CD", "RDC": "CD"}),
        # "en" before a province
        ("Au Burundi, les pluies ont touché 900 ménages en Cibitoke.", {"Burundi": "BI", "Cibitoke": "BI"}),
    ],
)
def test_a_french_province_after_a_locative_and_an_article(gazetteer, text, expected):
    doc = spacy.blank("fr")(text)
    assert places_of(gazetteer, doc, language="fr") == expected


def test_a_province_written_alone_is_no_place_where_the_bulletins_country_has_none(gazetteer):
    # "Nord-Kivu" is a province of DR Congo, not of Chad
    doc = spacy.blank("fr")("Au Tchad, une délégation venue du Nord-Kivu a visité le camp en juin.")
    assert places_of(gazetteer, doc, language="fr") == {"Tchad": "TD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Au Nigeria, 300 familles ont fui l’État de Yobe en mai.", {"Nigeria": "NG", "Yobe": "NG"}),
        ("Au Nigeria, 300 familles ont fui l’état de Yobe en mai.", {"Nigeria": "NG", "Yobe": "NG"}),
        (
            "Au Cameroun, 200 réfugiés sont arrivés dans la Région du Sud-Ouest.",
            {"Cameroun": "CM", "Sud-Ouest": "CM"},
        ),
        ("Au Tchad, la Préfecture de la Tandjilé a reçu des semences.", {"Tchad": "TD", "Tandjilé": "TD"}),
    ],
)
def test_a_french_area_after_its_kind_written_with_a_capital(gazetteer, text, expected):
    doc = spacy.blank("fr")(text)
    assert places_of(gazetteer, doc, language="fr") == expected


def test_a_hyphenated_area_name_in_three_tokens_after_its_kind(gazetteer):
    # the French model splits "Haut-Sassandra" at its hyphen, as here
    words = ["En", "Côte", "d'Ivoire", ",", "la", "région", "du", "Haut", "-", "Sassandra", "a", "voté", "."]
    spaces = [True, True, False, True, True, True, True, False, False, True, True, False, False]
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=spaces)
    assert places_of(gazetteer, doc, language="fr") == {"Côte d'Ivoire": "CI", "Haut-Sassandra": "CI"}


def test_a_city_of_a_town_written_with_a_capital_is_not_read_after_its_kind(gazetteer):
    # "Ville de ..." names the town's government as often as the town: not a kind here
    doc = spacy.blank("fr")("Au Canada, M. Roy représente la Ville de Gaspérie.")
    assert "Gaspérie" not in places_of(gazetteer, doc, language="fr")
