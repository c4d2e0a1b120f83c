"""Buildings named after a word only a place follows ("meet at the Ferndale Centre", "held in
the Memorial Hall") are local places, in the bulletin's country, even where the organisations
stage reads a body of the same name; a town that opens such a name ("Harrogate Community
Centre") is no place of its own there but still says which country the bulletin is in. A
complement or an acronym after the word makes it a body's name ("at the Centre for Coastal
Studies", "at the Delta Training Centre (DTC)").

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
from test_places_forms import places_of


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        (
            "Volunteers will meet at the Ferndale Centre on Sunday in Auckland, New Zealand.",
            "Ferndale Centre",
        ),
        ("The quiz night is at Brookvale Community Center in Ottawa, Canada.", "Brookvale Community Center"),
        ("Lunch was served in the Memorial Hall after the walk near Leeds, England.", "Memorial Hall"),
        ("The choir sings at the Wesleyan Chapel in York, England.", "Wesleyan Chapel"),
        ("Meet at the Bowls Pavilion before the walk in Perth, Australia.", "Bowls Pavilion"),
        ("The picnic is at Elmhurst Playground in Ottawa, Canada.", "Elmhurst Playground"),
        # a person's possessive is a word of the name
        ("The members meet at St. Brigid's Church in Dublin, Ireland.", "St. Brigid's Church"),
    ],
)
def test_a_building_after_a_locative_word_is_a_local_place(blank, gazetteer, text, venue) -> None:
    assert venue in places_of(gazetteer, blank(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She is a fellow at the Centre for Coastal Studies in Perth, Australia.", "Centre"),
        ("The course ran at the Delta Training Centre (DTC) in Nairobi, Kenya.", "Delta Training Centre"),
        ("The Ferndale Centre opened a new wing in Auckland, New Zealand.", "Ferndale Centre"),
        ("The hall was booked by Jenny Hall for the meeting in Leeds, England.", "Jenny Hall"),
    ],
)
def test_a_bodys_name_or_a_name_without_a_locative_word_is_no_venue(blank, gazetteer, text, name) -> None:
    assert not any(name in place for place in places_of(gazetteer, blank(text)))


def test_a_building_named_as_a_body_is_a_place_too(blank, gazetteer) -> None:
    text = "The fair is at the Ferndale Centre in Auckland, New Zealand."
    start = text.index("Ferndale Centre")
    body = ((start, start + len("Ferndale Centre")),)
    assert places_of(gazetteer, blank(text), organisations=body)["Ferndale Centre"] == "NZ"


def test_a_town_opening_a_buildings_name_still_gives_the_bulletins_country(blank, gazetteer) -> None:
    # "Harrogate" is no place of its own here, but the building is in its country.
    found = places_of(gazetteer, blank("The plant sale is at the Harrogate Community Centre on Friday."))
    assert found == {"Harrogate Community Centre": "GB"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Volunteers cleared the gate of Pruitt's Track near Hobart, Australia.", "Pruitt's Track"),
        ("The loop follows Granger's Creek outside Leeds, England.", "Granger's Creek"),
        ("The walk ends at Dunmore\u2019s Bridge near Perth, Australia.", "Dunmore\u2019s Bridge"),
    ],
)
def test_a_persons_possessive_opens_a_local_name(blank, gazetteer, text, place) -> None:
    assert place in places_of(gazetteer, blank(text))


@pytest.mark.parametrize(
    ("text", "place", "not_place"),
    [
        ("We weeded along Brisbane's Oxley Creek.", "Oxley Creek", "Brisbane's Oxley Creek"),
        ("Kenya's Tana River flooded in May.", "Tana River", "Kenya's Tana River"),
    ],
)
def test_a_places_possessive_is_no_word_of_a_local_name(blank, gazetteer, text, place, not_place) -> None:
    found = places_of(gazetteer, blank(text))
    assert place in found and not_place not in found


def test_a_building_after_a_towns_possessive_is_not_read_as_one_name(blank, gazetteer) -> None:
    found = places_of(gazetteer, blank("The concert is at Leeds's Town Hall, England."))
    assert "Leeds's Town Hall" not in found
