"""Events of the failure classes found on fresh bulletins of several publishers, in sentences
written for these tests (no bulletin is quoted).

* headings in capitals without their accents ("REUNION DU BUREAU DU 20 MAI"), which the model
  also cuts word by word;
* an activity dated by a month once and by a day of that month again, under its initials and
  its full name ("AGM: June 2019" ... "the Annual General Meeting was held on 14 June");
* a heading line with its day on the line under it ("Spring plant sale / Saturday 22 June");
* a trigger with other senses dated by a day written right after its name ("sa visite à
  Kolofata le 12 mai") or by the verb it is the subject of ("a mission went to Gedaref on 3 June");
* a mission named with where it went, a name cut before a word of time ("today");
* French declarations in the passive ("l'état d'urgence a été déclaré le 3 mai").
"""

from __future__ import annotations

from datetime import date

import pytest
from event_bulletins import DOC, Bulletin, day, events_of

from pipeline.core.records import Event
from pipeline.extract.events import find_events
from pipeline.extract.events.assemble import same_name
from pipeline.extract.events.lexicon import load_lexicon, unaccented, words_of
from pipeline.extract.events.tokens import _join_broken_lines


def french_events(fr_nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events(DOC, [section], [fr_nlp(section.text)], *bulletin.records(), load_lexicon("fr"), "fr")


def month(text: str, start: str, end: str) -> tuple[str, str, str, str]:
    return (text, start, end, "month")


def rows(events: list[Event]) -> list[tuple[str, date | None, date | None]]:
    return [(e.name, e.start_date, e.end_date) for e in events]


# ------------------------------------------------------------------ words and lines


def test_french_triggers_match_capitals_written_without_accents() -> None:
    lex = load_lexicon("fr")
    assert unaccented("Réunion générale") == "Reunion generale"
    for heading in ["ASSEMBLEE GENERALE", "REUNION", "SEMINAIRE", "CEREMONIE", "journee d'etude"]:
        assert words_of(heading) in lex.triggers, heading
    assert words_of("presentation") in lex.weak_triggers
    assert words_of("ag") in lex.triggers  # "AG du club": the association's general meeting
    # English words are not widened: "reunion" names nothing in an English bulletin.
    assert words_of("reunion") not in load_lexicon().triggers


def test_a_line_cut_with_no_full_stop_is_one_sentence() -> None:
    text = "COMPTE RENDU DE LA REUNION DU 4 JUIN\nLe bureau a voté. Le budget est adopté."
    first_line = text.index("\n")
    pieces = [(0, 11), (12, 28), (29, first_line), (first_line + 1, 54), (55, len(text))]
    assert _join_broken_lines(text, pieces, 0) == [(0, first_line), (first_line + 1, 54), (55, len(text))]
    # A piece that ends with a full stop ends its sentence, and a new line is never crossed.
    assert _join_broken_lines("Held. Then", [(0, 5), (6, 10)], 0) == [(0, 5), (6, 10)]


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("AGM", "Annual General Meeting", True),
        ("AG du comité", "Assemblée générale", True),
        ("ASSEMBLEE GENERALE", "Assemblée générale", True),
        ("Spring Fair", "spring fair", True),
        ("AG", "Board meeting", False),
        ("Spring Fair", "Autumn Fair", False),
        ("agm", "Annual General Meeting", False),  # initials are written in capitals
    ],
)  # fmt: skip
def test_same_name_by_words_or_initials(name: str, other: str, same: bool) -> None:
    assert same_name(name, other) is same


# ------------------------------------------------------------------ English, with the model's parse


@pytest.mark.model
def test_a_month_heading_and_a_day_of_the_same_meeting_are_one_row(nlp) -> None:
    bulletin = Bulletin(
        body="AGM: March 2022\n\nOur Annual General Meeting was held on 19 March at the Boat Shed, "
        "with forty members present.",
        title=None,
        dates=[month("March 2022", "2022-03-01", "2022-03-31"), day("on 19 March", "2022-03-19")],
    )
    expected = [("Annual General Meeting", date(2022, 3, 19), date(2022, 3, 19))]
    assert rows(events_of(nlp, bulletin)) == expected


@pytest.mark.model
def test_a_heading_line_is_dated_by_the_day_on_the_line_under_it(nlp) -> None:
    bulletin = Bulletin(
        body="News from the garden group.\n\nAutumn plant sale\nSaturday 9 April at Dunmore Hall\n\n"
        "Bring your seedlings and cuttings.",
        title=None,
        dates=[day("Saturday 9 April", "2022-04-09")],
    )
    assert rows(events_of(nlp, bulletin)) == [("Autumn plant sale", date(2022, 4, 9), date(2022, 4, 9))]


@pytest.mark.model
def test_a_day_under_a_blank_line_is_no_date_of_the_heading(nlp) -> None:
    # A post's title, a blank line, then the day it was posted on.
    bulletin = Bulletin(
        body="Autumn plant sale\n\n9 April 2022\n\nThanks to all who came along.",
        title=None,
        dates=[day("9 April 2022", "2022-04-09")],
    )
    assert all(e.start_date is None for e in events_of(nlp, bulletin))


@pytest.mark.model
def test_a_mission_that_went_somewhere_is_dated_and_named_with_where_it_went(nlp) -> None:
    bulletin = Bulletin(
        body="A joint Heads of Offices mission went to Gedaref on 3 June to review the new shelters.",
        dates=[day("on 3 June", "2023-06-03")],
        places=[("Gedaref", "city", "SD")],
    )
    (event,) = events_of(nlp, bulletin)
    assert (event.start_date, event.city) == (date(2023, 6, 3), "Gedaref")
    assert event.name.endswith("mission to Gedaref")


@pytest.mark.model
def test_a_name_ends_before_a_word_of_time(nlp) -> None:
    bulletin = Bulletin(body="The Deputy Minister visited the Lakeside shelters today.", title=None)
    assert [e.name for e in events_of(nlp, bulletin)] == ["visit to the Lakeside shelters"]


# ------------------------------------------------------------------ French, with the French model


@pytest.mark.model
def test_a_french_heading_in_capitals_names_and_dates_its_meeting(fr_nlp) -> None:
    bulletin = Bulletin(
        body="COMPTE RENDU DE LA REUNION DU BUREAU DU 20 MAI 2019\n\nLe bureau a examiné les comptes.",
        title=None,
        dates=[day("DU 20 MAI 2019", "2019-05-20")],
    )
    expected = [("REUNION DU BUREAU", date(2019, 5, 20), date(2019, 5, 20))]
    assert rows(french_events(fr_nlp, bulletin)) == expected


@pytest.mark.model
def test_a_french_general_meeting_by_its_initials_and_by_its_name_is_one_row(fr_nlp) -> None:
    bulletin = Bulletin(
        body="AG DU CLUB MARS 2018\n\nCOMPTE RENDU DE L'ASSEMBLEE GENERALE DU 10 MARS 2018\n\n"
        "Le président a présenté le rapport moral.",
        title=None,
        dates=[month("MARS 2018", "2018-03-01", "2018-03-31"), day("DU 10 MARS 2018", "2018-03-10")],
    )
    expected = [("ASSEMBLEE GENERALE", date(2018, 3, 10), date(2018, 3, 10))]
    assert rows(french_events(fr_nlp, bulletin)) == expected


@pytest.mark.model
def test_a_french_visit_is_dated_by_the_day_right_after_its_name(fr_nlp) -> None:
    bulletin = Bulletin(
        body="Le préfet a rencontré les chefs de village pendant sa visite à Kolofata le 12 mai.",
        dates=[day("le 12 mai", "2019-05-12")],
        places=[("Kolofata", "city", "CM")],
    )
    events = french_events(fr_nlp, bulletin)
    assert ("visite à Kolofata", date(2019, 5, 12), date(2019, 5, 12)) in rows(events)


@pytest.mark.model
def test_a_french_mission_is_named_with_where_it_went(fr_nlp) -> None:
    bulletin = Bulletin(
        body="Du 2 au 4 mai, une mission conjointe composée de trois agents s'est rendue à Mora et "
        "Kousseri pour évaluer les besoins.",
        dates=[day("Du 2 au 4 mai", "2019-05-02", "2019-05-04")],
        places=[("Mora", "city", "CM"), ("Kousseri", "city", "CM")],
    )
    assert rows(french_events(fr_nlp, bulletin)) == [
        ("mission conjointe à Mora et Kousseri", date(2019, 5, 2), date(2019, 5, 4))
    ]


@pytest.mark.model
def test_a_french_state_of_emergency_declared_in_the_passive(fr_nlp) -> None:
    bulletin = Bulletin(
        body="L'état d'urgence a été déclaré le 3 mai dans la région de Diffa après les inondations.",
        title="Situation humanitaire",
        dates=[day("le 3 mai", "2019-05-03")],
        places=[("Diffa", "region", "NE")],
    )
    events = french_events(fr_nlp, bulletin)
    assert [(e.name, e.event_type, e.start_date) for e in events] == [
        ("déclaration de l'état d'urgence", "declaration", date(2019, 5, 3))
    ]


@pytest.mark.model
def test_a_bulleted_list_of_days_gives_the_days_of_the_activity_named_before_it(nlp) -> None:
    bulletin = Bulletin(
        body="The Repair Café workshop returns this winter, with volunteers fixing toasters and bikes.\n\n"
        "Upcoming dates:\n"
        "- Saturday, 4 March 2023, from 10 a.m. to noon in the Scout Hall;\n"
        "- Saturday, 1 April 2023, from 10 a.m. to noon in the Scout Hall.",
        title=None,
        dates=[day("Saturday, 4 March 2023", "2023-03-04"), day("Saturday, 1 April 2023", "2023-04-01")],
    )
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [("Repair Café workshop", date(2023, 3, 4)), ("Repair Café workshop", date(2023, 4, 1))]


@pytest.mark.model
def test_an_item_that_tells_what_happened_is_no_day_of_the_activity_before_it(nlp) -> None:
    bulletin = Bulletin(
        body="The Repair Café workshop returns this winter.\n\n"
        "- 6 March 2023 the council adopted the parking plan.",
        title=None,
        dates=[day("6 March 2023", "2023-03-06")],
    )
    assert all(e.start_date is None for e in events_of(nlp, bulletin))


@pytest.mark.model
def test_a_bulleted_item_names_its_activity_after_the_day_and_a_comma(nlp) -> None:
    bulletin = Bulletin(
        body="Coming up\n\n• May 4, Spring Plant Fair with the Year 9 class at Hillcrest School\n"
        "• May 12, bins collected a day late in the north ward",
        title=None,
        dates=[day("May 4", "2024-05-04"), day("May 12", "2024-05-12")],
    )
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [("Spring Plant Fair with the Year 9 class", date(2024, 5, 4))]


@pytest.mark.model
def test_a_clean_up_written_in_two_words_is_a_work_party(nlp) -> None:
    bulletin = Bulletin(
        body="Volunteers joined the Harbour Day clean up on Saturday 7 April at Ferry Point.",
        dates=[day("on Saturday 7 April", "2024-04-07")],
    )
    (event,) = events_of(nlp, bulletin)
    assert (event.event_type, event.start_date) == ("work party", date(2024, 4, 7))


@pytest.mark.model
def test_a_month_does_not_reach_over_another_date_for_its_activity(nlp) -> None:
    bulletin = Bulletin(
        body="Sam is looking forward to the next cheese club in June at Harwood and the 9 April beach "
        "clean up at Ferry Point.",
        dates=[month("in June", "2024-06-01", "2024-06-30"), day("9 April", "2024-04-09")],
    )
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [("beach clean up", date(2024, 4, 9))]


@pytest.mark.model
def test_a_heading_dated_after_a_dash_names_its_activity(nlp) -> None:
    bulletin = Bulletin(
        body="Bluebell walk – Sunday 5 May\n\nFourteen of us met at the car park and followed the stream.",
        title=None,
        dates=[day("Sunday 5 May", "2024-05-05")],
    )
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [("Bluebell walk", date(2024, 5, 5))]


@pytest.mark.model
def test_a_french_heading_keeps_no_article_left_before_its_date(fr_nlp) -> None:
    bulletin = Bulletin(
        body="Repas des anciens ce samedi 23 novembre\n\nComme chaque année, les anciens se sont retrouvés "
        "à la salle des fêtes.",
        title=None,
        dates=[day("samedi 23 novembre", "2019-11-23")],
    )
    dated = [(e.name, e.start_date) for e in french_events(fr_nlp, bulletin) if e.start_date]
    assert dated == [("Repas des anciens", date(2019, 11, 23))]
