"""Places read from their form and decided per bulletin: administrative areas, camps,
compound names, common first names, local places and their country.

Sentences are written for these tests (no bulletin's sentence); rules run on
spacy.blank("en"), with the model's labels set by hand where a rule reads them.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.places import find_places
from pipeline.extract.places.areas import area_candidates
from pipeline.extract.reference.gazetteer import Gazetteer
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.reference.place_names import local_words


def _section(text: str, start: int = 0) -> Section:
    return Section("d", f"d-s{start}", 1, None, text, start, start + len(text), 0, 1, 1)


def places_of(
    gazetteer: Gazetteer, *docs: Doc, organisations: tuple[tuple[int, int], ...] = ()
) -> dict[str, str | None]:
    """{name: country} of the places ``find_places`` reads in ``docs`` (one section each)."""
    sections, start = [], 0
    for doc in docs:
        sections.append(_section(doc.text, start))
        start += len(doc.text) + 2
    heads = load_org_reference().head_words
    places, _ = find_places(
        "d", sections, list(docs), gazetteer, organisation_spans=organisations, org_heads=heads
    )
    return {p.name: p.country_code for p in places}


def labelled(blank, text: str, **labels: str) -> Doc:  # type: ignore[no-untyped-def]
    """A blank parse with the model's entity labels set by hand: name=LABEL."""
    doc = blank(text)
    spans = []
    for name, label in labels.items():
        start = text.index(name.replace("_", " "))
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    return doc


# --------------------------------------------------------------------------- areas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ISO 3166-2 subdivision locates the area; a town before it and a comma is in it
        (
            "Shelling was reported in Nasir, Upper Nile State, on Monday.",
            {"Nasir": "SS", "Upper Nile State": "SS"},
        ),
        # a town of the gazetteer opening the name locates it; lower-case area words too
        (
            "Wells were dug in Migori county and Siaya East district.",
            {"Migori county": "KE", "Siaya East district": "KE"},
        ),
        # an area its name does not locate is in the country of its sentence
        (
            "Rautahat district and Bara district of Nepal flooded.",
            {"Rautahat district": "NP", "Bara district": "NP", "Nepal": "NP"},
        ),
        # hyphenated names of areas
        ("Seeds went to the Sud-Est department of Haiti.", {"Sud-Est department": "HT", "Haiti": "HT"}),
    ],
)
def test_administrative_areas(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Member States asked the Secretary of State and the Police District to act.",
        "The Finance Department and the Statistics Division met.",  # offices, not areas
        "The Kiambu County Government approved its budget.",  # the name goes on: a body
        "Growth in the Asia-Pacific region slowed.",  # a region of the world: the gazetteer's
    ],
)
def test_words_of_areas_in_other_names(blank, gazetteer, text):
    found = {c.text for c in area_candidates(blank(text), gazetteer)}
    assert found == set()


def test_an_organisation_named_exactly_as_an_area_does_not_hide_it(blank, gazetteer):
    text = "Aid reached Jonglei State last week."
    start = text.index("Jonglei State")
    found = places_of(gazetteer, blank(text), organisations=((start, start + len("Jonglei State")),))
    assert found == {"Jonglei State": "SS"}


def test_area_names_are_places_not_bodies_for_the_organisations_stage():
    words = local_words()
    assert words.names_a_place(["Migori", "County"])
    assert not words.names_a_place(["Member", "State"])
    assert not words.names_a_place(["Finance", "Department"])


# --------------------------------------------------------------------------- camps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rations reached Nyarugusu refugee camp in Tanzania.",
            {"Nyarugusu refugee camp": "TZ", "Tanzania": "TZ"},
        ),
        ("Tents were pitched in the Migori IDP camp.", {"Migori IDP camp": "KE"}),
        ("Children enjoyed the Science Camp and a summer camp.", {}),
    ],
)
def test_camps(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


# --------------------------------------------------------------------------- compound names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place and an unknown name glued to it by a hyphen: one compound name
        ("A convoy left Kigali-Nyamirambo, Rwanda, at dawn.", {"Kigali-Nyamirambo": "RW", "Rwanda": "RW"}),
        # two places glued by a hyphen: both
        ("Trains run from Dakar-Bamako twice a week.", {"Dakar": "SN", "Bamako": "ML"}),
        # a name written with hyphens or spaces either way
        ("The ferry sailed from Dar-es-Salaam.", {"Dar-es-Salaam": "TZ"}),
        # a town whose name has a feature word's form is the town ("Mount Pearl")
        ("Volunteers came from Mount Pearl.", {"Mount Pearl": "CA"}),
        # a country with a feature word's form keeps its own code
        ("Supplies reached Christmas Island by boat.", {"Christmas Island": "CX"}),
    ],
)
def test_compound_and_hyphenated_names(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


def test_a_small_town_after_a_locative_word_is_a_place_in_the_bulletins_country(blank, gazetteer):
    kenya = blank("Relief arrived in Siaya and then in Nairobi, Kenya.")
    assert places_of(gazetteer, kenya) == {"Siaya": "KE", "Nairobi": "KE", "Kenya": "KE"}
    elsewhere = blank("Staff from Uganda and Rwanda travelled to Siaya.")
    assert "Siaya" not in places_of(gazetteer, elsewhere)


# --------------------------------------------------------------------------- common first names


def test_a_town_of_a_common_name_resolves_in_the_bulletins_country(blank, gazetteer):
    # "Douglas": small towns in several countries, none in Australia's gazetteer
    first = labelled(blank, "Storms closed roads near Douglas last week.", Douglas="GPE")
    second = blank("Crews from Geelong and Ballarat in Victoria, Australia, helped.")
    found = places_of(gazetteer, first, second)
    assert found["Douglas"] == "AU"


def test_a_city_name_used_for_a_person_needs_locative_or_model_evidence(blank, gazetteer):
    people = labelled(blank, "Douglas Reid thanked the volunteers.", Douglas_Reid="PERSON")
    listed = blank("Rangers from Geelong and Douglas joined in Victoria, Australia.")
    found = places_of(gazetteer, people, listed)
    assert "Douglas" not in found and found["Geelong"] == "AU"


def test_a_person_named_like_a_town_is_no_place(blank, gazetteer):
    doc = labelled(blank, "Thanks to Douglas for the barbecue in Geelong, Australia.", Douglas="PERSON")
    assert places_of(gazetteer, doc) == {"Geelong": "AU", "Australia": "AU"}


def test_a_person_whose_surname_is_a_feature_word_is_no_local_place(blank, gazetteer):
    doc = labelled(
        blank,
        "Thanks to Rosa Hill; Tom Baker and Ellen Brook for planting near Geelong, Australia.",
        Rosa_Hill="PERSON",
        Tom_Baker="PERSON",
        Ellen_Brook="PERSON",
    )
    assert places_of(gazetteer, doc) == {"Geelong": "AU", "Australia": "AU"}


def test_a_name_the_model_calls_a_person_is_a_local_place_listed_with_a_place(blank, gazetteer):
    doc = labelled(blank, "We met on Pike Street and Rosa Hill near Geelong, Australia.", Rosa_Hill="PERSON")
    assert places_of(gazetteer, doc).get("Rosa Hill") == "AU"


def test_a_town_opening_a_longer_place_label_gets_no_evidence_from_it(blank, gazetteer):
    # the model calls a person a place: the town's name only opens that longer entity
    doc = labelled(blank, "The talk was given by Florence Okafor-Reyes last week.", Florence_Okafor="GPE")
    assert "Florence" not in places_of(gazetteer, doc)
    alone = labelled(blank, "The team flew to Florence last week.", Florence="GPE")
    assert places_of(gazetteer, alone) == {"Florence": "IT"}


def test_a_town_the_model_tags_with_city_after_it_is_the_town(blank, gazetteer):
    doc = labelled(blank, "Aid reached Surigao City quickly.", Surigao_City="GPE")
    assert places_of(gazetteer, doc).get("Surigao") == "PH"


# --------------------------------------------------------------------------- local places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of place, "of" and a capitalised name
        ("Weeds were found in the suburb of Holder near Canberra.", {"Holder": "AU", "Canberra": "AU"}),
        # estates, fields and islands
        (
            "Families on the Moorfield Estate play on Brookside Field in Leeds.",
            {"Moorfield Estate": "GB", "Brookside Field": "GB", "Leeds": "GB"},
        ),
        # a street written as one word, a house number after it
        ("Write to Kerkstraat 14, 9000 Gent, Belgium.", {"Kerkstraat": "BE", "Gent": "BE", "Belgium": "BE"}),
    ],
)
def test_local_places_of_more_forms(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


def test_a_local_name_and_its_abbreviation_are_one_place(blank, gazetteer):
    doc = blank("We met at Banksia St in Canberra and walked the length of Banksia Street.")
    assert places_of(gazetteer, doc) == {"Banksia St": "AU", "Canberra": "AU"}


def test_a_preposition_in_a_title_case_heading_is_not_part_of_the_name(blank, gazetteer):
    heading = blank("Planting Day Above Wattle Crescent")
    body = blank("Meet at the gate of Wattle Crescent in Canberra.")
    assert places_of(gazetteer, heading, body) == {"Wattle Crescent": "AU", "Canberra": "AU"}


def test_a_heading_word_before_a_name_known_elsewhere_is_dropped(blank, gazetteer):
    heading = blank("Spraying Wattle Crescent")
    body = blank("We sprayed along Wattle Crescent in Canberra.")
    assert places_of(gazetteer, heading, body) == {"Wattle Crescent": "AU", "Canberra": "AU"}


def test_a_mountain_or_lake_opening_an_organisations_name_is_no_place(blank, gazetteer):
    doc = blank("The Mt Elgon Foundation and the Lake Bunyonyi Development Company met.")
    assert places_of(gazetteer, doc) == {}


def test_the_currency_gives_the_country_when_no_place_does(blank, gazetteer):
    doc = blank("A grant of £2,000 will resurface the paths in Hillcrest Park.")
    assert places_of(gazetteer, doc) == {"Hillcrest Park": "GB"}


def test_a_first_name_after_to_is_no_small_town_even_at_home(blank, gazetteer):
    # "Linda" is a small US town: after "to" it is a person, though the bulletin is American
    doc = blank("Thanks to Linda for the photos of the fair in Boise, Idaho.")
    assert "Linda" not in places_of(gazetteer, doc)


def test_a_region_of_the_world_before_a_feature_word_is_the_region(blank, gazetteer):
    doc = blank("Ministers of Pacific Island countries met in Suva, Fiji.")
    assert places_of(gazetteer, doc) == {"Pacific": None, "Suva": "FJ", "Fiji": "FJ"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each name of a list before a plural area word is an area
        (
            "Drought hit Rautahat and Sarlahi districts of Nepal.",
            {"Rautahat": "NP", "Sarlahi": "NP", "Nepal": "NP"},
        ),
        # subdivisions of the bulletin's country written alone after "in"
        (
            "Clashes spread in Jonglei and later in Warrap, South Sudan.",
            {"Jonglei": "SS", "Warrap": "SS", "South Sudan": "SS"},
        ),
        # demonyms and regions of the world before a plural area word are none
        (
            "Envoys of Kenyan and Ugandan districts met Caribbean and Pacific States.",
            {"Caribbean": None, "Pacific": None},
        ),
    ],
)
def test_listed_areas_and_subdivisions_written_alone(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


def test_a_subdivision_of_another_country_written_alone_is_no_place(blank, gazetteer):
    # "Warrap" is a state of South Sudan; the bulletin is about Kenya
    doc = blank("Herders moved in Warrap and in Nairobi, Kenya.")
    assert places_of(gazetteer, doc) == {"Nairobi": "KE", "Kenya": "KE"}


# --------------------------------------------------------------------------- real model


@pytest.mark.model
def test_areas_camps_and_towns_with_the_models_labels(nlp, gazetteer):
    """The model calls some of these names persons or bodies; their form still decides."""
    text = (
        "Heavy rain hit Nyando, Kisumu County, and Migori and Homa Bay counties in Kenya. "
        "Families in Kalobeyei settlement and Ifo refugee camp received tarpaulins, and "
        "a team from Siaya East district visited the Weston Creek Community Council."
    )
    section = _section(text)
    places, _ = find_places("d", [section], [nlp(text)], gazetteer, org_heads=load_org_reference().head_words)
    found = {p.name: p.country_code for p in places}
    for name in (
        "Nyando",
        "Kisumu County",
        "Migori",
        "Homa Bay",
        "Kalobeyei settlement",
        "Ifo refugee camp",
        "Siaya East district",
        "Kenya",
    ):
        assert found.get(name) == "KE", (name, found)
    assert not [n for n in found if "Council" in n or "Creek" in n]


def test_an_area_named_like_a_small_foreign_town_is_in_the_bulletins_country(blank, gazetteer):
    # "Ifo" is also a town in Nigeria; the camp is in the country the sentence names
    doc = blank("Tents reached Ifo refugee camp in Kenya.")
    assert places_of(gazetteer, doc) == {"Ifo refugee camp": "KE", "Kenya": "KE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an area word with a prefix glued by a hyphen
        (
            "Cases rose in Rongo sub-county of Migori, Kenya.",
            {"Rongo sub-county": "KE", "Migori": "KE", "Kenya": "KE"},
        ),
    ],
)
def test_an_area_word_with_a_prefix(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


@pytest.mark.model
def test_a_town_with_an_apostrophe_after_in_is_a_complete_proper_name(nlp, gazetteer):
    # the model tags "'s" a particle: the name is still one proper name
    text = "Aid reached families in Cox's Bazar camps last month."
    places, _ = find_places("d", [_section(text)], [nlp(text)], gazetteer)
    assert {p.name: p.country_code for p in places} == {"Cox's Bazar": "BD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Fiji, the storm passed west of the Lomaiviti islands on Friday.",
            {"Fiji": "FJ", "Lomaiviti islands": "FJ"},
        ),
        (
            "In Australia, volunteers planted reeds along the Tarcutta creek below the Blowering dam.",
            {"Australia": "AU", "Tarcutta creek": "AU", "Blowering dam": "AU"},
        ),
    ],
)
def test_a_natural_feature_written_in_lower_case_after_its_name(blank, gazetteer, text, expected):
    assert places_of(gazetteer, blank(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In Australia, the fox was seen near the dam and in the reserve.",
        "In Australia, the ACT reserve network grew.",
        "The Cook islands and the Marshall islands met in Fiji.",
        "In Australia, a snake was seen by the Oakden Rd dam.",
    ],
)
def test_a_lower_case_feature_word_needs_a_name_of_its_own(blank, gazetteer, text):
    found = places_of(gazetteer, blank(text))
    assert not any(name.endswith(("dam", "reserve", "islands")) for name in found)
    if "Oakden" in text:
        assert found["Oakden Rd"] == "AU"


COVENTRY = "The Coventry Police Department thanked the volunteers who cleaned Tanner Park.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (COVENTRY + "The training was given by the RI Interlocal Trust.", "US"),
        (COVENTRY + "The new bench arrived from Warwick, RI on Monday.", "US"),
        (COVENTRY + "The training was given by the Interlocal Trust.", "GB"),
        # A common word in capitals, or a line in capitals, names no state.
        (COVENTRY + "Bring your photo ID to the training.", "GB"),
        ("NEWS IN BRIEF\n\n" + COVENTRY, "GB"),
    ],
)
def test_a_town_opening_a_bodys_name_is_the_namesake_in_a_state_the_bulletin_writes(
    blank, gazetteer, text, expected
):
    doc = labelled(blank, text, Coventry_Police_Department="ORG")
    assert places_of(gazetteer, doc)["Tanner Park"] == expected


def test_a_town_of_two_countries_is_the_one_in_the_state_the_bulletin_writes(blank, gazetteer):
    text = "The spring fair was held in Coventry on Saturday.\n\nThe RI Interlocal Trust paid for the tents."
    assert places_of(gazetteer, blank(text))["Coventry"] == "US"
    assert places_of(gazetteer, blank(text.replace("RI ", "")))["Coventry"] == "GB"


def test_a_model_town_in_a_title_case_heading_needs_the_name_written_again(blank, gazetteer):
    heading = labelled(blank, "Notes in Brief\n\nVolunteers met in Geelong, Australia.", Brief="GPE")
    assert places_of(gazetteer, heading) == {"Geelong": "AU", "Australia": "AU"}
    again = labelled(blank, "Storm Damage in Koroit\n\nKoroit lost power for a day.", Koroit="GPE")
    assert "Koroit" in places_of(gazetteer, again)


def test_a_town_closing_a_longer_place_label_is_part_of_that_name(blank, gazetteer):
    doc = labelled(blank, "Floods hit Davao del Sur last week, the Philippines said.", Davao_del_Sur="GPE")
    found = places_of(gazetteer, doc)
    assert "Sur" not in found
    assert found.get("Davao del Sur") == "PH"
