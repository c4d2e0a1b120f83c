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
