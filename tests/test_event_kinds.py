"""Events of the kinds bulletins of every genre report, in sentences written for these tests.

Each class of activity the stage once missed has good and bad examples here: activities
named by a verb's argument or by a title alone, meetings reported with "met", notices of
a volunteer group, undated activities, one row per activity, and the parse as evidence
(which clause a date hangs from). The sentences are made up; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of, one_event
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.events.arguments import gerund
from pipeline.extract.events.assemble import _same_activity
from pipeline.extract.events.lexicon import load_lexicon, words_of
from pipeline.extract.events.syntax import chain, distance
from pipeline.extract.events.tokens import _join_labels

MONTH = "month"


def month(text: str, start: str, end: str) -> tuple[str, str, str, str]:
    return (text, start, end, MONTH)


def rows(nlp, bulletin: Bulletin) -> list[tuple[str, date | None, date | None, str | None, str | None]]:
    return [(e.name, e.start_date, e.end_date, e.city, e.country_code) for e in events_of(nlp, bulletin)]


# ------------------------------------------------------------------ the data file


def test_the_data_file_names_the_kinds_of_activity_of_other_genres() -> None:
    lex = load_lexicon()
    for noun in ["mission", "fair", "dinner", "walk", "work party", "campaign", "tutorial", "agm",
                 "presentation", "planting", "webinar series", "garage sale"]:  # fmt: skip
        assert words_of(noun) in lex.triggers, noun
    assert lex.argument_verbs["take place"] == "event"
    assert lex.argument_verbs["declare"] == "declaration"
    assert "deliver" in lex.title_argument_verbs
    assert words_of("postponed to") in lex.reschedule_cues
    assert words_of("will close on") in lex.end_cues


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("launch", "launching"), ("celebrate", "celebrating"), ("sign", "signing"), ("plan", "planning"),
     ("present", "presenting"), ("honour", "honouring"), ("tie", "tying"), ("see", "seeing")],
)  # fmt: skip
def test_gerund(lemma: str, form: str) -> None:
    assert gerund(lemma) == form


# ------------------------------------------------------------------ the parse, on hand-built trees


def _doc(words: list[str], heads: list[int], pos: list[str], deps: list[str], spaces=None) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, pos=pos, deps=deps)


def test_distance_follows_the_tree_not_the_word_order() -> None:
    # "On the edge of the fair , on 4 May , the club held a dinner ."
    words = ["On", "the", "edge", "of", "the", "fair", ",", "on", "4", "May", ",", "the", "club",
             "held", "a", "dinner", "."]  # fmt: skip
    heads = [13, 2, 0, 2, 5, 3, 13, 13, 9, 7, 13, 12, 13, 13, 15, 13, 13]
    pos = ["ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "ADP", "NUM", "PROPN", "PUNCT", "DET",
           "NOUN", "VERB", "DET", "NOUN", "PUNCT"]  # fmt: skip
    deps = ["prep", "det", "pobj", "prep", "det", "pobj", "punct", "prep", "nummod", "pobj", "punct", "det",
            "nsubj", "ROOT", "det", "dobj", "punct"]  # fmt: skip
    doc = _doc(words, heads, pos, deps)
    date_root = doc[7]
    assert distance(date_root, doc[15]) == 2  # on -> held <- dinner
    assert distance(date_root, doc[5]) == 5  # the fair, though nearer in the text


def test_a_head_across_a_blank_line_is_not_followed() -> None:
    # The parser joined a heading to its paragraph: "Burn off \n\n On 4 May , rangers ran a burn ."
    words = ["Burn", "off", "\n\n", "On", "4", "May", ",", "rangers", "ran", "a", "burn", "."]
    heads = [0, 0, 0, 0, 5, 3, 8, 8, 0, 10, 8, 8]
    pos = ["VERB", "ADP", "SPACE", "ADP", "NUM", "PROPN", "PUNCT", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    deps = ["ROOT", "prt", "dep", "prep", "nummod", "pobj", "punct", "nsubj", "ccomp", "det", "dobj", "punct"]
    spaces = [True, False, False, True, True, False, True, True, True, True, False, False]
    doc = _doc(words, heads, pos, deps, spaces)
    assert [t.text for t in chain(doc[3])] == ["On", "ran"]


def test_a_label_ending_in_a_colon_joins_its_line() -> None:
    text = "1. Coming up\n\n- 9 June: Open Day at the Depot\n- 16 June: Tree Planting"
    # The parser cut each line after its colon.
    pieces = ["1. Coming up", "- 9 June:", "Open Day at the Depot", "- 16 June:", "Tree Planting"]
    bounds = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    joined = _join_labels(text, bounds, 12)
    assert [text[a:b] for a, b in joined] == [
        "1. Coming up", "- 9 June: Open Day at the Depot", "- 16 June: Tree Planting",
    ]  # fmt: skip


def test_one_row_per_activity() -> None:
    may = date(2016, 5, 3), date(2016, 5, 5)
    first = ("regional congress", "congress", *may, False, "congress")
    day_4 = date(2016, 5, 4), date(2016, 5, 4)
    assert _same_activity(("regional congress", "congress", *day_4, False, "congress"), first)
    assert _same_activity(("regional congress", "congress", None, None, False, "congress"), first)
    tutorials = ("live tutorials", "training", date(2016, 5, 3), date(2016, 5, 9), True, "tutorials")
    assert not _same_activity(("live tutorials", "training", *day_4, True, "tutorials"), tutorials)
    june = date(2016, 6, 1), date(2016, 6, 1)
    assert not _same_activity(("regional congress", "congress", *june, False, "congress"), first)


# ------------------------------------------------------------------ which activity a date belongs to


@pytest.mark.model
def test_a_date_goes_to_the_activity_of_its_clause(nlp) -> None:
    bulletin = Bulletin(
        "The Biennial Congress of Hydrologists took place in Mwanza from 2 to 6 May 2016. On the "
        "sidelines of the congress, on 4 May, the Basin Authority held a side event on flood warnings.",
        dates=[day("from 2 to 6 May 2016", "2016-05-02", "2016-05-06"), day("on 4 May", "2016-05-04")],
        places=[("Mwanza", "city", "TZ")],
    )
    assert [(n, s) for n, s, *_ in rows(nlp, bulletin)] == [
        ("Biennial Congress of Hydrologists", date(2016, 5, 2)),
        ("side event on flood warnings", date(2016, 5, 4)),
    ]


@pytest.mark.model
def test_a_month_that_opens_the_sentence_dates_the_activity_of_its_clause(nlp) -> None:
    bulletin = Bulletin(
        'Early in March, the Agency and the Statistics Office presented "Water in Numbers" at a '
        "launch event in Dodoma, Tanzania.",
        dates=[month("Early in March", "2016-03-01", "2016-03-10")],
        places=[("Dodoma", "city", "TZ"), ("Tanzania", "country", "TZ")],
    )
    event = one_event(nlp, bulletin)
    assert (event.start_date, event.city) == (date(2016, 3, 1), "Dodoma")
    assert event.name.startswith("launch event presenting")


@pytest.mark.model
def test_a_date_the_parse_hangs_on_a_dated_meeting_goes_to_the_activity_named_before_it(nlp) -> None:
    bulletin = Bulletin(
        "On 8 March 2016, the Rector met with the Minister of Water, at the margins of the 3rd Basin "
        "Forum, hosted by the Ministry at Mwanza, Tanzania, from 9-11 March 2016.",
        title="Meeting with the Minister of Water",
        dates=[day("On 8 March 2016", "2016-03-08"), day("from 9-11 March 2016", "2016-03-09", "2016-03-11")],
        places=[("Mwanza", "city", "TZ"), ("Tanzania", "country", "TZ")],
    )
    assert [(n, s) for n, s, *_ in rows(nlp, bulletin)] == [
        ("Meeting with the Minister of Water", date(2016, 3, 8)),
        ("3rd Basin Forum", date(2016, 3, 9)),
    ]


# ------------------------------------------------------------------ activities named by a verb's argument


ARGUMENTS = [
    # the subject of "took place" and of a passive
    ("In April 1931, a trial of dusting orchards with copper powder took place at Hillview Farm.",
     month("In April 1931", "1931-04-01", "1931-04-30"), "trial of dusting orchards with copper powder"),
    ("A state of emergency was declared in the delta provinces on 14 March 2017.",
     day("on 14 March 2017", "2017-03-14"), "declaration of a state of emergency"),
    # the object of an active verb
    ("On 19-20 April, the rangers conducted a patch burn on the western slope.",
     day("On 19-20 April", "2016-04-19", "2016-04-20"), "patch burn on the western slope"),
    ("On 2 June 2016 the Council launched a mobile licensing service for street traders.",
     day("On 2 June 2016", "2016-06-02"), "launch of a mobile licensing service for street traders"),
    # a verb whose argument is an activity only when written as a title
    ("Basic Life Support Level 2 was delivered to 20 volunteers on 3 May.",
     day("on 3 May", "2016-05-03"), "Basic Life Support Level 2"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("body", "piece", "name"), ARGUMENTS)
def test_an_activity_named_by_a_verbs_argument(nlp, body: str, piece: tuple, name: str) -> None:
    event = one_event(nlp, Bulletin(body, title="News", dates=[piece]))
    assert event.name == name
    assert event.start_date == date.fromisoformat(piece[1])


NOT_ARGUMENTS = [
    "The shelter hosted 300 displaced families on 5 May 2016.",
    "Relief items were delivered to the camps on 5 May 2016.",
    "The mayor held office until 2012 and was re-elected on 5 May 2016.",
    "The Ministry conducted 40 interviews on 5 May 2016.",
]


@pytest.mark.model
@pytest.mark.parametrize("body", NOT_ARGUMENTS)
def test_no_activity_from_an_argument_that_names_none(nlp, body: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day("on 5 May 2016", "2016-05-05")])
    assert events_of(nlp, bulletin) == []


@pytest.mark.model
def test_a_trigger_wins_over_a_verbs_argument(nlp) -> None:
    bulletin = Bulletin(
        "The 2016 water atlas was launched at a reception at the Embassy in Lusaka on 2 May.",
        title="Publications",
        dates=[day("on 2 May", "2016-05-02")],
        places=[("Lusaka", "city", "ZM")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.event_type, event.city) == (
        "reception launching the 2016 water atlas", "reception", "Lusaka",
    )  # fmt: skip


# ------------------------------------------------------------------ meetings reported with a verb


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Harbour Board met on 14 April to review the dredging plan.", "Harbour Board meeting"),
        ("The finance committee met on 14 April to approve the accounts.", "finance committee meeting"),
        ("Jonas and Amira met on 14 April to plan the open day.", "meeting"),
        ("The Provincial Governor met the Director of the Water Board on 14 April.",
         "meeting with the Director of the Water Board"),
    ],
)  # fmt: skip
def test_a_meeting_reported_with_met(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day("on 14 April", "2016-04-14")])
    assert one_event(nlp, bulletin).name == name


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Steering Board will meet in Kampala on 3 June 2016.", "Steering Board meeting"),
        ("The Minister is visiting Kenya on 3 June 2016.", "visit to Kenya"),
    ],
)
def test_a_meeting_or_visit_announced_with_its_verb(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(
        body,
        title="News",
        dates=[day("on 3 June 2016", "2016-06-03")],
        places=[("Kampala", "city", "UG"), ("Kenya", "country", "KE")],
    )
    assert one_event(nlp, bulletin).name == name


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "The new plant is designed to meet demand by 3 June 2016.",
        "Staff were trained on 3 June 2016 to meet the needs of older users.",
        "On 3 June 2016 the targets were met in every district.",
    ],
)
def test_meet_without_anyone_met_is_no_meeting(nlp, body: str) -> None:
    assert events_of(nlp, Bulletin(body, title="News", dates=[day("3 June 2016", "2016-06-03")])) == []


@pytest.mark.model
def test_an_undated_meet_that_reports_no_meeting(nlp) -> None:
    bulletin = Bulletin(
        "Cities need stronger audit offices to meet the commitments of the Water Charter.",
        title="Opinion",
        places=[("Kampala", "city", "UG")],
    )
    assert events_of(nlp, bulletin) == []


@pytest.mark.model
def test_the_topic_named_after_the_venue(nlp) -> None:
    bulletin = Bulletin(
        "On 8 September our Planning Director held a public workshop at the Westfield Community "
        "Centre on the two new skate parks.",
        title="Weekly report",
        dates=[day("On 8 September", "2025-09-08")],
    )
    assert one_event(nlp, bulletin).name == "public workshop on the two new skate parks"


@pytest.mark.model
def test_the_country_a_section_is_about_among_those_of_its_title(nlp) -> None:
    bulletin = Bulletin(
        "Dr. Ines Varga met with a group of exchange students at the Polytechnic. They plan a "
        "student chapter in Poland, linked to partners across Poland.",
        title="Collaboration with Poland and Chile",
        places=[("Poland", "country", "PL"), ("Chile", "country", "CL")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.country_code) == ("meeting with a group of exchange students", "PL")


@pytest.mark.model
def test_people_who_met_for_the_activity_the_title_names(nlp) -> None:
    bulletin = Bulletin(
        "On 21 June 2016, delegates of nine districts met in Mzuzu, Malawi, to validate the draft "
        "sanitation plan. Ms. Tamara Phiri chaired the workshop.",
        title="Validation Workshop on the District Sanitation Plan",
        dates=[day("On 21 June 2016", "2016-06-21")],
        places=[("Mzuzu", "city", "MW"), ("Malawi", "country", "MW")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.city) == ("Validation Workshop on the District Sanitation Plan", "Mzuzu")


@pytest.mark.model
def test_an_activity_that_visits_is_the_row_not_the_visit(nlp) -> None:
    bulletin = Bulletin(
        "A monitoring mission of the River Basin Commission is visiting Kisumu, Kenya, from 3 to 7 "
        "October 2016 to review the dam safety programme.",
        title="Monitoring Mission to Kenya",
        dates=[day("from 3 to 7 October 2016", "2016-10-03", "2016-10-07")],
        places=[("Kisumu", "city", "KE"), ("Kenya", "country", "KE")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.event_type, event.end_date, event.city) == (
        "monitoring mission of the River Basin Commission", "mission", date(2016, 10, 7), "Kisumu",
    )  # fmt: skip


# ------------------------------------------------------------------ names of bare triggers and titles


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("On 9 May, the two agencies signed a data-sharing agreement at a short ceremony in Lusaka.",
         "short ceremony signing a data-sharing agreement"),
        ("The 2016 Clean Rivers Prize was presented on 9 May at a ceremony in Lusaka.",
         "ceremony presenting the 2016 Clean Rivers Prize"),
        ("The rowing club celebrated its 50th anniversary with a dinner in Lusaka on 9 May.",
         "dinner celebrating its 50th anniversary"),
        # nothing to name it by, or a verb that says nothing of the activity
        ("The pupils received prizes at a ceremony in Lusaka on 9 May.", "ceremony"),
        ("The Mayor gave a speech at a reception in Lusaka on 9 May.", "reception"),
    ],
)  # fmt: skip
def test_a_bare_trigger_is_named_by_what_was_done_there(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(
        body, title="News", dates=[day("9 May", "2016-05-09")], places=[("Lusaka", "city", "ZM")]
    )
    assert one_event(nlp, bulletin).name == name


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Regional Forum on River Pollution Held in Mwanza", "Regional Forum on River Pollution"),
        ("Annual Conference of Hydrologists to Be Held in Arusha", "Annual Conference of Hydrologists"),
        ("Basin Summit Postponed to July", "Basin Summit"),
        # a purpose is part of the name
        ("Workshop on Metering to Reduce Water Losses", "Workshop on Metering to Reduce Water Losses"),
    ],
)
def test_a_verb_in_the_title_ends_the_name(nlp, title: str, name: str) -> None:
    bulletin = Bulletin(
        "It will take place from 4 to 6 July 2016.",
        title=title,
        dates=[day("from 4 to 6 July 2016", "2016-07-04", "2016-07-06")],
    )
    assert one_event(nlp, bulletin).name == name


@pytest.mark.model
def test_a_plural_title_is_a_heading_not_a_name(nlp) -> None:
    bulletin = Bulletin(
        "The Governor visited flood-affected villages in Kasese district from 4 to 6 May 2016.",
        title="Field Visits",
        dates=[day("from 4 to 6 May 2016", "2016-05-04", "2016-05-06")],
        places=[("Kasese", "city", "UG")],
    )
    assert one_event(nlp, bulletin).name == "visit to flood-affected villages"


@pytest.mark.model
def test_sessions_of_the_series_the_title_names(nlp) -> None:
    bulletin = Bulletin(
        "The Institute opened a webinar series on drought insurance for county officers. The first "
        "two sessions were held online on 7 and 14 June 2016.",
        title="Webinar Series on Drought Insurance",
        dates=[day("on 7 and 14 June 2016", "2016-06-07"), day("on 7 and 14 June 2016", "2016-06-14")],
    )
    assert [(n, s) for n, s, *_ in rows(nlp, bulletin)] == [
        ("Webinar Series on Drought Insurance", date(2016, 6, 7)),
        ("Webinar Series on Drought Insurance", date(2016, 6, 14)),
    ]


# ------------------------------------------------------------------ dates of one activity


@pytest.mark.model
def test_a_postponed_activity_takes_its_new_date(nlp) -> None:
    bulletin = Bulletin(
        "The second Lakes Research Symposium, which was due to take place in Jinja from 14 to 16 "
        "September 2016, has been postponed to February 2017 because of the elections.",
        title="News",
        dates=[day("from 14 to 16 September 2016", "2016-09-14", "2016-09-16"),
               month("February 2017", "2017-02-01", "2017-02-28")],
        places=[("Jinja", "city", "UG")],
    )  # fmt: skip
    assert rows(nlp, bulletin) == [
        ("second Lakes Research Symposium", date(2017, 2, 1), date(2017, 2, 28), "Jinja", "UG"),
    ]


@pytest.mark.model
def test_an_activity_that_opens_and_closes_runs_between_the_days(nlp) -> None:
    bulletin = Bulletin(
        "The online course on groundwater modelling opened on 4 April and will close on 27 May.",
        title="News",
        dates=[day("on 4 April", "2016-04-04"), day("on 27 May", "2016-05-27")],
    )
    event = one_event(nlp, bulletin)
    assert (event.start_date, event.end_date) == (date(2016, 4, 4), date(2016, 5, 27))


@pytest.mark.model
def test_a_title_activity_dated_by_its_first_sentence_beside_a_meeting(nlp) -> None:
    bulletin = Bulletin(
        "From 11 to 15 April 2016, eight officials from Lesotho spent a week in Kigali, Rwanda. "
        "The visit was organised by the Network. On 13 April, the group met the founders of two "
        "mapping firms.",
        title="Study Visit to Rwanda by Officials from Lesotho",
        dates=[day("From 11 to 15 April 2016", "2016-04-11", "2016-04-15"), day("On 13 April", "2016-04-13")],
        places=[("Kigali", "city", "RW"), ("Rwanda", "country", "RW"), ("Lesotho", "country", "LS")],
    )
    assert [(n, s, c) for n, s, _, c, _ in rows(nlp, bulletin)] == [
        ("Study Visit to Rwanda by Officials from Lesotho", date(2016, 4, 11), "Kigali"),
        ("meeting with the founders of two mapping firms", date(2016, 4, 13), "Kigali"),
    ]


@pytest.mark.model
def test_one_row_when_an_activity_is_named_again_within_its_dates(nlp) -> None:
    bulletin = Bulletin(
        "The Regional Congress of Midwives took place in Mzuzu from 3 to 5 May 2016. On 4 May the "
        "Regional Congress of Midwives adopted a charter.",
        title="News",
        dates=[day("from 3 to 5 May 2016", "2016-05-03", "2016-05-05"), day("On 4 May", "2016-05-04")],
        places=[("Mzuzu", "city", "MW")],
    )
    assert rows(nlp, bulletin) == [
        ("Regional Congress of Midwives", date(2016, 5, 3), date(2016, 5, 5), "Mzuzu", "MW"),
    ]


@pytest.mark.model
def test_a_training_in_two_towns_on_two_days_is_two_rows(nlp) -> None:
    bulletin = Bulletin(
        "The training on vaccine storage was given in Gulu on 3 May and in Lira on 5 May.",
        title="Trainings",
        dates=[day("on 3 May", "2016-05-03"), day("on 5 May", "2016-05-05")],
        places=[("Gulu", "city", "UG"), ("Lira", "city", "UG")],
    )
    assert [(n, s, c) for n, s, _, c, _ in rows(nlp, bulletin)] == [
        ("training on vaccine storage", date(2016, 5, 3), "Gulu"),
        ("training on vaccine storage", date(2016, 5, 5), "Lira"),
    ]


# ------------------------------------------------------------------ kinds of activity and notices


KINDS = [
    ("A careers fair for school leavers took place at the Civic Centre on 9 April.",
     "careers fair for school leavers", "fair"),
    ("The Council launched a recycling campaign on 9 April.", "recycling campaign", "campaign"),
    # a verb of going names where the mission went (tests/test_event_lines.py)
    ("A joint assessment mission travelled to Bor and Akobo on 9 April.",
     "joint assessment mission to Bor and Akobo", "mission"),
    ("The club held its anniversary dinner at the boathouse on 9 April.", "anniversary dinner", "dinner"),
    ("Our next walk will be on Saturday 9 April along the creek.", "next walk", "walk"),
    ("The volunteers held a tree planting day on 9 April.", "tree planting day", "event"),
    ("Ms. Okello gave a presentation on river gauges to the farmers on 9 April.",
     "presentation on river gauges", "presentation"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("body", "name", "event_type"), KINDS)
def test_kinds_of_activity_of_other_genres(nlp, body: str, name: str, event_type: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day("9 April", "2016-04-09", None)])
    event = one_event(nlp, bulletin)
    assert (event.name, event.event_type) == (name, event_type)


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        # a participle with no "be" is a passive: the sites were visited, no one's visit
        "Two wells were among the sites visited during the survey on 5 May 2016.",
        # a trigger with another sense, not tied to the date's clause
        "Tensions rose in the camps on 5 May 2016 due to competition for water.",
        "Wetlands are shrinking. The mission of the Fund, as restated on 5 May 2016, is to protect them.",
        # "met" with what is no one
        "The Board met its savings targets on 5 May 2016.",
        # an adjective
        "Observers said on 5 May 2016 that the elections were peaceful and fair.",
    ],
)
def test_a_trigger_with_another_sense_needs_its_own_clause(nlp, body: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day("on 5 May 2016", "2016-05-05")])
    assert events_of(nlp, bulletin) == []


@pytest.mark.model
def test_a_season_dates_the_activity_of_its_clause(nlp) -> None:
    bulletin = Bulletin(
        "The volunteers held a tree planting day at the old quarry in spring 2016.",
        title="Plantings",
        dates=[("in spring 2016", "2016-09-01", "2016-11-30", "season")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.start_date, event.end_date) == (
        "tree planting day", date(2016, 9, 1), date(2016, 11, 30),
    )  # fmt: skip


@pytest.mark.model
def test_notices_of_a_volunteer_group(nlp) -> None:
    bulletin = Bulletin(
        "Next meeting: Sunday 12 March, Quarry Road. Bring gloves and water.\n\n"
        "Previous meeting, 12 February. Nine members cleared blackberry along the creek.\n\n"
        "The April work party on Sunday 9 April was cancelled because of a total fire ban.",
        title=None,
        dates=[day("Sunday 12 March", "2017-03-12"), day("12 February", "2017-02-12"),
               day("Sunday 9 April", "2017-04-09")],
        places=[("Quarry Road", "local", "AU")],
    )  # fmt: skip
    assert rows(nlp, bulletin) == [
        ("next meeting", date(2017, 3, 12), date(2017, 3, 12), None, "AU"),
        ("previous meeting", date(2017, 2, 12), date(2017, 2, 12), None, "AU"),
        ("April work party", date(2017, 4, 9), date(2017, 4, 9), None, "AU"),
    ]


@pytest.mark.model
def test_a_street_or_a_reserve_gives_the_country_never_the_city(nlp) -> None:
    bulletin = Bulletin(
        "The working bee on 4 June met at Gully Creek Reserve.",
        title="Working bees",
        dates=[day("on 4 June", "2016-06-04")],
        places=[("Gully Creek Reserve", "local", "AU")],
    )
    event = one_event(nlp, bulletin)
    assert (event.city, event.country_code) == (None, "AU")


@pytest.mark.model
def test_activities_listed_by_title(nlp) -> None:
    bulletin = Bulletin(
        "Courses this term:\n- 4 May: Safe Food Handling, Gulu\n- 11 May: Safe Food Handling, Lira\n"
        "- 1 June: Deadline for Course Applications",
        title="Programme",
        dates=[day("4 May", "2016-05-04"), day("11 May", "2016-05-11"), day("1 June", "2016-06-01")],
        places=[("Gulu", "city", "UG"), ("Lira", "city", "UG")],
    )
    assert [(n, s, c) for n, s, _, c, _ in rows(nlp, bulletin)] == [
        ("Safe Food Handling", date(2016, 5, 4), "Gulu"),
        ("Safe Food Handling", date(2016, 5, 11), "Lira"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "dates", "orgs"),
    [
        # a masthead: a month, and no list
        ("Water Sector Bulletin, April 2016", [month("April 2016", "2016-04-01", "2016-04-30")], []),
        # a body's name and its date
        ("Lakes Basin Secretariat, 12 April 2016", [day("12 April 2016", "2016-04-12")],
         [("Lakes Basin Secretariat", None)]),
        # the document's first line: its name and issue
        ("Riverside Digest: Week of 14.06.11\n\nHere is our news.", [day("14.06.11", "2011-06-14")], []),
    ],
)  # fmt: skip
def test_a_dated_line_that_lists_no_activity(nlp, body: str, dates: list, orgs: list) -> None:
    assert events_of(nlp, Bulletin(body, title=None, dates=dates, orgs=orgs)) == []


# ------------------------------------------------------------------ undated activities


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "places", "name"),
    [
        # a named activity the sentence says will be held
        ("Members are invited to the conference in Arusha. During the conference, a Basin Council "
         "General Assembly meeting will be held on the last afternoon.", [("Arusha", "city", "TZ")],
         "Basin Council General Assembly meeting"),
        # a meeting reported with its verb
        ("Dr. Ines Varga met with a group of hydrology students at the Polytechnic of Gdansk.", [],
         "meeting with a group of hydrology students"),
        # an activity placed right after its name
        ("The Network is going ahead with plans for a virtual meeting in Poland this autumn.",
         [("Poland", "country", "PL")], "virtual meeting"),
    ],
)  # fmt: skip
def test_an_undated_activity_the_text_reports(nlp, body: str, places: list, name: str) -> None:
    names = [e.name for e in events_of(nlp, Bulletin(body, title="Network news", places=places))]
    assert name in names


@pytest.mark.model
def test_a_mission_is_named_with_its_destination(nlp) -> None:
    bulletin = Bulletin(
        "Two wells were inspected during the Fund's aforementioned mission to Malawi in March 2016.",
        title="Inspections",
        dates=[month("in March 2016", "2016-03-01", "2016-03-31")],
        places=[("Malawi", "country", "MW")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.start_date, event.country_code) == (
        "mission to Malawi", date(2016, 3, 1), "MW",
    )  # fmt: skip


@pytest.mark.model
def test_an_undated_mention_of_a_dated_activity_is_that_row(nlp) -> None:
    bulletin = Bulletin(
        "The Chair requested that a meeting of the Basin Board be convened in Jinja. The Ninth "
        "Meeting of the Basin Board was held in Jinja on 12 December 2016.",
        title="Board",
        dates=[day("on 12 December 2016", "2016-12-12")],
        places=[("Jinja", "city", "UG")],
    )
    assert [(n, s) for n, s, *_ in rows(nlp, bulletin)] == [
        ("Ninth Meeting of the Basin Board", date(2016, 12, 12)),
    ]


@pytest.mark.model
def test_an_undated_activity_deep_in_another_clause_is_no_row(nlp) -> None:
    bulletin = Bulletin(
        "As agreed in a series of meetings that took place in the period, the team would start "
        "talks aimed at a permanent presence of the Basin Mission in Uganda.",
        title="Presence",
        places=[("Uganda", "country", "UG")],
    )
    assert events_of(nlp, bulletin) == []


@pytest.mark.model
def test_undated_activities_that_are_parts_or_counts_give_no_row(nlp) -> None:
    bulletin = Bulletin(
        "The Water Congress will be held from 23 to 26 June 2016 in Kampala. The programme comprises "
        "four plenary sessions and 12 technical workshops, several of which will be run by partners. "
        "The organisers also met with officials of the National Water Authority. The water societies "
        "of three countries are organising a multinational congress in Kampala.\n\n"
        "- Basin Forum 2016, Jinja, 8-10 October 2016: a panel on water tariffs, co-organised with the Bank.",
        title="Water Congress 2016",
        dates=[day("from 23 to 26 June 2016", "2016-06-23", "2016-06-26"),
               day("8-10 October 2016", "2016-10-08", "2016-10-10")],
        places=[("Kampala", "city", "UG"), ("Jinja", "city", "UG")],
        orgs=[("National Water Authority", None)],
    )  # fmt: skip
    assert [(n, s) for n, s, *_ in rows(nlp, bulletin)] == [
        ("Water Congress 2016", date(2016, 6, 23)),
        ("Basin Forum 2016", date(2016, 10, 8)),
    ]


def test_rules_need_no_parse() -> None:
    # On a blank pipeline (no tags, no parse) the word-order rules still give the activity.
    bulletin = Bulletin(
        "The careers fair took place in Gulu on 9 April. The recycling campaign was launched on 2 June.",
        dates=[day("on 9 April", "2016-04-09"), day("on 2 June", "2016-06-02")],
        places=[("Gulu", "city", "UG")],
    )
    section = bulletin.section()
    assert isinstance(section, Section)
    assert [e.name for e in events_of(spacy.blank("en"), bulletin)] == ["careers fair", "recycling campaign"]
