"""Events: triggers in many wordings, the inference rules, event assembly and golden scores.

Records (dates, places, organisations, people) are built by hand here so that the event
rules are tested on their own; the golden tests at the end run the real extractors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import spacy
from event_bulletins import DOC, Bulletin, day, events_of, one_event

from pipeline.core.datafiles import load_data
from pipeline.core.ids import stable_id
from pipeline.core.records import DocumentText, Event, Section
from pipeline.extract.events import find_events
from pipeline.extract.events.dates import is_deadline
from pipeline.extract.events.lexicon import lexicon_from_mapping, load_lexicon, plural, words_of
from pipeline.extract.events.places import choose_place, place_hits
from pipeline.extract.events.tokens import section_text
from pipeline.extract.sentences import sentence_bounds
from pipeline.read.text import normalise_text
from pipeline.structure.language import detect_language

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SAMPLES = HERE.parent / "data" / "raw"


# ------------------------------------------------------------------ the data file


def test_data_file_names_the_issue_triggers_and_cues() -> None:
    lex = load_lexicon()
    for noun in [
        "conference", "forum", "meeting", "workshop", "seminar", "session", "summit", "assembly",
        "visit", "ceremony", "round-table", "roundtable", "consultation", "training", "webinar",
        "dialogue", "symposium", "congress", "retreat", "briefing",
    ]:  # fmt: skip
        assert words_of(noun) in lex.triggers, noun
    for cue in ["organized by", "organised by", "co-organized by", "hosted by", "jointly organized by",
                "convened by"]:  # fmt: skip
        assert words_of(cue) in lex.organiser_cues, cue
    for cue in ["participated", "attended", "represented", "met with", "briefed", "made a presentation"]:
        assert words_of(cue) in lex.participation_cues, cue
    assert all(isinstance(v, str) for v in load_data("events.yaml")["complement_preps"])


@pytest.mark.parametrize(
    ("word", "expected"),
    [("workshop", "workshops"), ("assembly", "assemblies"), ("ceremony", "ceremonies"),
     ("congress", "congresses"), ("day", "days"), ("launch", "launches")],
)  # fmt: skip
def test_plural_of_a_trigger(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_plural_triggers_are_derived_from_the_singular() -> None:
    lex = lexicon_from_mapping({"triggers": {"working session": "session", "talks": "meeting"}})
    assert lex.triggers[("working", "sessions")] == "session"
    assert ("working", "sessions") in lex.plurals
    assert ("talkses",) not in lex.triggers


def test_a_bare_yaml_boolean_in_the_data_is_refused() -> None:
    # YAML reads a bare `on` as True: the preposition would silently vanish.
    with pytest.raises(ValueError, match="complement_preps"):
        lexicon_from_mapping({"complement_preps": ["of", True]})


def test_words_of_splits_like_the_tokenizer() -> None:
    assert words_of("Co-organized by") == ("co", "-", "organized", "by")


# ------------------------------------------------------------------ sentences (blank model)


def test_sentences_keep_the_heading_whole_and_cut_at_blank_lines_and_bullets() -> None:
    nlp = spacy.blank("en")
    text = "3. Meeting with Mr. Wu in Baku\n\nMr. Wu met the Minister. He left.\n- First item\n- Second"
    section = Section(DOC, "s", 3, "Meeting with Mr. Wu in Baku", text, 0, len(text), 30, 1, 1)
    bounds = sentence_bounds(section, nlp(text))
    assert [text[a:b] for a, b in bounds] == [
        "3. Meeting with Mr. Wu in Baku",
        "Mr. Wu met the Minister.",
        "He left.",
        "- First item",
        "- Second",
    ]


def test_rules_work_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    bulletin = Bulletin(
        "The workshop on open data took place on 3 May 2014 in Accra, Ghana. It went well.",
        dates=[day("on 3 May 2014", "2014-05-03")],
        places=[("Accra", "city", "GH"), ("Ghana", "country", "GH")],
    )
    event = one_event(nlp, bulletin)
    assert (event.start_date, event.city, event.country_code) == (date(2014, 5, 3), "Accra", "GH")
    assert "workshop on open data" in event.name


# ------------------------------------------------------------------ wordings (good examples)

GOOD = [
    # trigger before the date
    ("The workshop on open data took place on 3 May 2014 in Accra, Ghana.",
     "on 3 May 2014", "workshop", "workshop on open data", "Accra", "GH"),
    # date before the trigger, active organiser
    ("On 3 May 2014, the Ministry organised a seminar on budget transparency in Lusaka, Zambia.",
     "On 3 May 2014", "seminar", "seminar on budget transparency", "Lusaka", "ZM"),
    # passive, future, range
    ("A regional forum on e-participation will be held in Bangkok, Thailand, from 10 to 12 June 2015.",
     "from 10 to 12 June 2015", "forum", "regional forum on e-participation", "Bangkok", "TH"),
    # ordinal, acronym, proper name
    ("The 3rd Global Summit on Open Government (GSOG) took place in Seoul from 4 to 6 November 2013.",
     "from 4 to 6 November 2013", "summit", "3rd Global Summit on Open Government (GSOG)", "Seoul", "KR"),
    # a meeting reported with a verb
    ("On 2 April 2014, the Director met with the Minister of Finance in Paris.",
     "On 2 April 2014", "meeting", "meeting with the Minister of Finance", "Paris", "FR"),
    # a visit reported with a verb, country only
    ("The Under-Secretary-General visited Kenya on 7 March 2014.",
     "on 7 March 2014", "visit", "visit to Kenya", None, "KE"),
    # multi-word and hyphenated triggers
    ("A round-table on public procurement was organised in Quito on 9 October 2014.",
     "on 9 October 2014", "round-table", "round-table on public procurement", "Quito", "EC"),
    ("Officials attended a two-day training course on audit in Windhoek on 5-6 May 2014.",
     "on 5-6 May 2014", "training", "two-day training course on audit", "Windhoek", "NA"),
    ("The Division held a press conference at Headquarters in New York on 21 April 2015.",
     "on 21 April 2015", "conference", "press conference", "New York", "US"),
    ("An expert group meeting on citizen engagement was convened in Geneva on 6 May 2013.",
     "on 6 May 2013", "meeting", "expert group meeting on citizen engagement", "Geneva", "CH"),
    ("A webinar titled \"Open Data for Cities\" was broadcast from Nairobi on 14 September 2015.",
     "on 14 September 2015", "webinar", 'webinar titled "Open Data for Cities"', "Nairobi", "KE"),
    # a year in the name is not a date
    ("The Public Service Forum 2014 will be held from 23 to 26 June 2014 in Seoul.",
     "from 23 to 26 June 2014", "forum", "Public Service Forum 2014", "Seoul", "KR"),
    # a month is enough when the sentence says the activity takes place then
    ("The annual meeting of the Network will take place in March 2016 in Kampala.",
     "in March 2016", "meeting", "annual meeting of the Network", "Kampala", "UG"),
    # people who met for a named activity: the activity, not the meeting
    ("Some 80 directors met in Accra from 26 to 28 January 2016 for a seminar on pay reform.",
     "from 26 to 28 January 2016", "seminar", "seminar on pay reform", "Accra", "GH"),
]  # fmt: skip

PLACES = [
    ("Accra", "city", "GH"), ("Ghana", "country", "GH"), ("Lusaka", "city", "ZM"),
    ("Zambia", "country", "ZM"), ("Bangkok", "city", "TH"), ("Thailand", "country", "TH"),
    ("Seoul", "city", "KR"), ("Paris", "city", "FR"), ("Kenya", "country", "KE"),
    ("Quito", "city", "EC"), ("Windhoek", "city", "NA"), ("New York", "city", "US"),
    ("Geneva", "city", "CH"), ("Nairobi", "city", "KE"), ("Kampala", "city", "UG"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("body", "date_text", "event_type", "name", "city", "country"), GOOD)
def test_an_activity_in_many_wordings(
    nlp, body: str, date_text: str, event_type: str, name: str, city: str | None, country: str
) -> None:
    granularity = "month" if date_text == "in March 2016" else "day"
    bulletin = Bulletin(body, dates=[(date_text, "2014-01-01", "2014-01-02", granularity)], places=PLACES)
    event = one_event(nlp, bulletin)
    assert (event.event_type, event.name) == (event_type, name)
    assert (event.start_date, event.end_date) == (date(2014, 1, 1), date(2014, 1, 2))
    assert (event.city, event.country_code) == (city, country)


BAD = [
    # deadlines and spans
    ("Nominations for the awards ceremony must be submitted by 15 March 2014.", "by 15 March 2014", "day"),
    ("The deadline for applications to the workshop is 12 May 2014.", "12 May 2014", "day"),
    ("Registration for the course closes on 26 February 2016.", "on 26 February 2016", "day"),
    ("Since 5 May 2014 the forum website has been online.", "Since 5 May 2014", "day"),
    ("As of 1 June 2014, 300 people had registered for the conference.", "As of 1 June 2014", "day"),
    # a year alone, or a month far from the activity with another action between
    ("The conference was first organised in 2004.", "in 2004", "year"),
    ("At the workshop, participants reviewed the household survey carried out in March 2013.",
     "in March 2013", "month"),
    # no activity
    ("Mr. Smith retired on 30 April 2015 after 25 years of service.", "on 30 April 2015", "day"),
    ("The report was published on 5 May 2014.", "on 5 May 2014", "day"),
    # a trigger word that names no activity
    ("On 5 May 2014 the booklet was left in Conference Room 4.", "On 5 May 2014", "day"),
    ("On 5 May 2014 the conference participants received the summary.", "On 5 May 2014", "day"),
    ("On 5 May 2014 the ministry started meeting the needs of rural users.", "On 5 May 2014", "day"),
    ("On 5 May 2014 the targets were met in every district.", "On 5 May 2014", "day"),
    ("In the event of rain on 5 May 2014 the stalls move indoors.", "on 5 May 2014", "day"),
    # the date of a document, and "in due course"
    ("The Council, at its Thirty-Third Meeting, adopted decision EC-33 dated 27 September 2013.",
     "dated 27 September 2013", "day"),
    ("The team will report in due course (note of 27 June 2018).", "27 June 2018", "day"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("body", "date_text", "granularity"), BAD)
def test_no_event_without_an_activity_on_that_date(nlp, body: str, date_text: str, granularity: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[(date_text, "2014-05-05", "2014-05-05", granularity)])
    assert events_of(nlp, bulletin) == []


# ------------------------------------------------------------------ inference rules


@pytest.mark.model
def test_separate_days_give_a_row_each(nlp) -> None:
    piece = "on 6, 15 and 27 November 2012"
    bulletin = Bulletin(
        f"The information sessions were held {piece} in New York.",
        dates=[day(piece, "2012-11-06"), day(piece, "2012-11-15"), day(piece, "2012-11-27")],
        places=PLACES,
    )
    events = events_of(nlp, bulletin)
    assert [e.start_date.day for e in events if e.start_date] == [6, 15, 27]
    assert {(e.name, e.city) for e in events} == {("information sessions", "New York")}
    assert len({e.event_id for e in events}) == 3


@pytest.mark.model
def test_a_meeting_at_the_margins_of_a_forum_is_a_second_row(nlp) -> None:
    bulletin = Bulletin(
        "On 5 November 2012, the Director met with the Minister, at the margins of the 2nd Regional "
        "Forum on Innovation, held in Tunis, Tunisia, from 6 to 9 November 2012.",
        title="Meeting with the Minister of Planning",
        dates=[
            day("On 5 November 2012", "2012-11-05"),
            day("from 6 to 9 November 2012", "2012-11-06", "2012-11-09"),
        ],
        places=[("Tunis", "city", "TN"), ("Tunisia", "country", "TN")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.name, e.start_date, e.city, e.country_code) for e in events] == [
        ("Meeting with the Minister of Planning", date(2012, 11, 5), "Tunis", "TN"),
        ("2nd Regional Forum on Innovation", date(2012, 11, 6), "Tunis", "TN"),
    ]
    assert [e.event_type for e in events] == ["meeting", "forum"]


@pytest.mark.model
def test_an_activity_held_on_the_occasion_of_another_shares_its_dates(nlp) -> None:
    bulletin = Bulletin(
        "The workshop, held on the occasion of the 12th Annual Conference of Auditors in Arusha, "
        "Tanzania, from 3 to 5 June 2014, trained 30 officials.",
        title="Workshop on Audit Quality",
        dates=[day("from 3 to 5 June 2014", "2014-06-03", "2014-06-05")],
        places=[("Arusha", "city", "TZ"), ("Tanzania", "country", "TZ")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.name, e.end_date, e.city) for e in events] == [
        ("Workshop on Audit Quality", date(2014, 6, 5), "Arusha"),
        ("12th Annual Conference of Auditors", date(2014, 6, 5), "Arusha"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "body", "name"),
    [
        # the title names the activity the body mentions plainly
        ("Capacity Building Workshop on Risk Management",
         "A capacity building workshop was held on 4 May 2014 in Kigali.",
         "Capacity Building Workshop on Risk Management"),
        ("Visit of the Minister of Public Service",
         "On 4 May 2014 the Minister paid a working visit to the Headquarters.",
         "Visit of the Minister of Public Service"),
        ("Visit of the Under-Secretary-General to Mongolia",
         "On 4 May 2014 the Under-Secretary-General met with the Prime Minister.",
         "Visit of the Under-Secretary-General to Mongolia"),
        # a lead-in before the name is left out
        ("Upcoming: Global Forum on Innovation",
         "The Global Forum on Innovation will take place on 4 May 2014 in Kigali.",
         "Global Forum on Innovation"),
        ("Partnership Members at the Sustainable Development Summit 2015",
         "The summit will be held on 4 May 2014 in Kigali.", "Sustainable Development Summit 2015"),
        # a title that is a sentence about the activity is not its name
        ("Partners Agree to Organise a Summit",
         "The Innovation Summit will be held on 4 May 2014 in Kigali.", "Innovation Summit"),
        ("Central Municipalities Honoured at Award Ceremony",
         "The mayors received prizes at a ceremony held in Kigali on 4 May 2014.", "ceremony"),
        # a heading over several activities is not a name
        ("Forthcoming Events",
         "The Regional Workshop on Ethics will take place in Kigali on 4 May 2014.",
         "Regional Workshop on Ethics"),
        # a differently named activity of the same kind keeps its own name
        ("Workshop on Budget Reform",
         "Participants also joined the 5th Workshop of Auditors General in Kigali on 4 May 2014.",
         "5th Workshop of Auditors General"),
    ],
)  # fmt: skip
def test_the_title_names_the_activity_only_when_it_is_its_name(nlp, title: str, body: str, name: str) -> None:
    bulletin = Bulletin(body, title=title, dates=[day("4 May 2014", "2014-05-04")])
    assert one_event(nlp, bulletin).name == name


@pytest.mark.model
def test_the_conference_takes_the_name_of_the_conference_named_before(nlp) -> None:
    bulletin = Bulletin(
        "The partners agreed to co-organise a regional conference on e-procurement. "
        "The conference will take place from 2 to 4 June 2015.",
        title="Partners to Collaborate",
        dates=[day("from 2 to 4 June 2015", "2015-06-02", "2015-06-04")],
    )
    assert one_event(nlp, bulletin).name == "regional conference on e-procurement"


@pytest.mark.model
def test_the_next_meeting_is_not_the_one_the_title_names(nlp) -> None:
    bulletin = Bulletin(
        "The Committee held its 9th meeting in Bangkok on 10 September 2015. "
        "It decided that its next meeting will be held in Thimphu in April 2016.",
        title="Steering Committee Meeting in Bangkok",
        dates=[
            day("on 10 September 2015", "2015-09-10"),
            ("in April 2016", "2016-04-01", "2016-04-30", "month"),
        ],
        places=[("Bangkok", "city", "TH"), ("Thimphu", "city", "BT")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.name, e.city) for e in events] == [("9th meeting", "Bangkok"), ("next meeting", "Thimphu")]


@pytest.mark.model
def test_a_month_that_sums_up_the_days_of_an_activity_is_no_row(nlp) -> None:
    bulletin = Bulletin(
        "In October 2013 the Network organized three national workshops on records management: "
        "in Kigali (8 October), in Kampala (15 October) and in Dodoma (22 October).",
        dates=[("In October 2013", "2013-10-01", "2013-10-31", "month"), day("8 October", "2013-10-08"),
               day("15 October", "2013-10-15"), day("22 October", "2013-10-22")],
        places=[("Kigali", "city", "RW"), ("Kampala", "city", "UG"), ("Dodoma", "city", "TZ")],
    )  # fmt: skip
    events = events_of(nlp, bulletin)
    assert [(e.start_date.day if e.start_date else None, e.city) for e in events] == [
        (8, "Kigali"), (15, "Kampala"), (22, "Dodoma"),
    ]  # fmt: skip
    assert {e.name for e in events} == {"national workshops on records management"}


@pytest.mark.model
def test_a_meeting_during_a_visit_keeps_its_own_name(nlp) -> None:
    bulletin = Bulletin(
        "From 7 to 11 October 2013, officials from Mongolia visited Singapore. "
        "In Kuala Lumpur, the delegation met with officials of the Public Service Department on 10 October.",
        title="Study Visit by a Delegation from Mongolia",
        dates=[day("From 7 to 11 October 2013", "2013-10-07", "2013-10-11"),
               day("on 10 October", "2013-10-10")],
        places=[("Mongolia", "country", "MN"), ("Singapore", "city", "SG"), ("Kuala Lumpur", "city", "MY")],
    )  # fmt: skip
    events = events_of(nlp, bulletin)
    assert [(e.name, e.event_type, e.city) for e in events] == [
        ("Study Visit by a Delegation from Mongolia", "visit", "Singapore"),
        ("meeting with officials of the Public Service Department", "meeting", "Kuala Lumpur"),
    ]


@pytest.mark.model
def test_an_activity_with_a_place_and_no_date_is_a_row(nlp) -> None:
    bulletin = Bulletin(
        "The Forum held in Baku, Azerbaijan, gathered 1,600 participants.",
        title="Internet Governance Forum (IGF)",
        places=[("Baku", "city", "AZ"), ("Azerbaijan", "country", "AZ")],
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.start_date, event.city, event.country_code) == (
        "Internet Governance Forum (IGF)", None, "Baku", "AZ",
    )  # fmt: skip


@pytest.mark.model
def test_an_activity_with_no_date_and_no_place_is_not_a_row(nlp) -> None:
    bulletin = Bulletin("The Forum gathered 1,600 participants.", title="Internet Governance Forum (IGF)")
    assert events_of(nlp, bulletin) == []


@pytest.mark.model
def test_a_title_activity_takes_a_date_from_a_sentence_with_no_trigger(nlp) -> None:
    bulletin = Bulletin(
        "On 26 March 2013, the Division briefed 37 Permanent Missions in New York on the Survey.",
        title="Briefing for Permanent Missions on the Survey",
        dates=[day("On 26 March 2013", "2013-03-26")],
        places=PLACES,
    )
    event = one_event(nlp, bulletin)
    assert (event.name, event.event_type, event.city) == (
        "Briefing for Permanent Missions on the Survey", "briefing", "New York",
    )  # fmt: skip


# ------------------------------------------------------------------ places


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "body", "city", "country"),
    [
        # the sentence: a city gives its country; "City, Country"
        ("Activities", "The seminar took place in Zanzibar on 4 May 2014.", "Zanzibar", "TZ"),
        ("Activities", "The seminar took place in Zanzibar, Tanzania on 4 May 2014.", "Zanzibar", "TZ"),
        # "in" wins over a place that qualifies something else
        ("Activities", "Officials of Malawi attended a seminar in Maputo on 4 May 2014.", "Maputo", "MZ"),
        # a place inside an organisation's name, when nothing else is said
        ("Activities", "The seminar was hosted by the City of Barcelona on 4 May 2014.", "Barcelona", "ES"),
        # the title
        ("Seminar on Audit in Maputo", "The seminar took place on 4 May 2014.", "Maputo", "MZ"),
        # the section's other sentences; a country, then a city of that country
        ("Activities", "Officials gathered in Maputo last week. The seminar took place on 4 May 2014.",
         "Maputo", "MZ"),
        ("Seminar in Mozambique", "The seminar took place on 4 May 2014. Maputo hosted it.", "Maputo", "MZ"),
        # a country only
        ("Activities", "A seminar was held in Malawi on 4 May 2014.", None, "MW"),
        # a region is no country
        ("Activities", "A seminar for Africa was held on 4 May 2014.", None, None),
    ],
)  # fmt: skip
def test_the_place_of_an_activity(nlp, title: str, body: str, city: str | None, country: str | None) -> None:
    bulletin = Bulletin(
        body,
        title=title,
        dates=[day("4 May 2014", "2014-05-04")],
        places=[("Zanzibar", "city", "TZ"), ("Tanzania", "country", "TZ"), ("Malawi", "country", "MW"),
                ("Maputo", "city", "MZ"), ("Mozambique", "country", "MZ"), ("Barcelona", "city", "ES"),
                ("Africa", "region", None)],
        orgs=[("City of Barcelona", None)],
    )  # fmt: skip
    event = one_event(nlp, bulletin)
    assert (event.city, event.country_code) == (city, country)


def test_choose_place_prefers_a_city_and_reads_its_country() -> None:
    nlp = spacy.blank("en")
    bulletin = Bulletin(
        "Officials of Malawi met in Lilongwe.",
        places=[("Malawi", "country", "MW"), ("Lilongwe", "city", "MW")],
    )
    section = bulletin.section()
    _, places, mentions, _, _ = bulletin.records()
    hits = place_hits(section, places, mentions, [])
    assert [(h.place.name, h.previous_word) for h in hits] == [("Malawi", "of"), ("Lilongwe", "in")]
    assert choose_place([hits], anchor=0) == ("Lilongwe", "MW")
    assert choose_place([[h for h in hits if h.place.name == "Malawi"]], anchor=0) == (None, "MW")
    assert choose_place([[], hits], anchor=0) == ("Lilongwe", "MW")
    assert section_text(section, nlp(section.text)).title_start == 3


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize(
    ("body", "piece", "deadline"),
    [
        ("Comments are due by 5 May 2014.", "by 5 May 2014", True),
        ("Comments are due 5 May 2014.", "5 May 2014", True),
        ("Applications close on 5 May 2014.", "on 5 May 2014", True),
        ("The closing date for nominations is 5 May 2014.", "5 May 2014", True),
        ("The meeting ran until 5 May 2014.", "until 5 May 2014", True),
        ("The meeting ran on 5 May 2014.", "on 5 May 2014", False),
        ("By the way, the forum opened on 5 May 2014.", "on 5 May 2014", False),
    ],
)
def test_is_deadline(body: str, piece: str, deadline: bool) -> None:
    bulletin = Bulletin(body, dates=[day(piece, "2014-05-05")])
    section = bulletin.section()
    st = section_text(section, spacy.blank("en")(section.text))
    assert is_deadline(st, bulletin.records()[0][0], load_lexicon()) is deadline


# ------------------------------------------------------------------ assembly


@pytest.mark.model
def test_event_row_fields_ids_offsets_organisers_and_participants(nlp) -> None:
    body = (
        "At the International Conference on Digital Government, co-organized by DPADM and the "
        "United Nations University, held in Albany from 22 to 25 March 2012, Ms. Ann Lee made a "
        "presentation. Mr. Tom Ray also participated."
    )
    bulletin = Bulletin(
        body,
        title="International Conference on Digital Government",
        dates=[day("from 22 to 25 March 2012", "2012-03-22", "2012-03-25")],
        places=[("Albany", "city", "US")],
        orgs=[("Division for Public Administration", "DPADM"), ("United Nations University", None)],
        people=["Ann Lee", "Tom Ray"],
    )
    event = one_event(nlp, bulletin)
    section = bulletin.section()
    assert event.event_id == stable_id(DOC, section.section_id, event.name, "2012-03-22")
    assert event.name == "International Conference on Digital Government"
    assert event.event_type == "conference"
    assert event.organisers == ("DPADM", "United Nations University")
    assert set(event.participants) == {"Ann Lee", "Tom Ray"}
    assert event.char_start is not None and event.char_end is not None
    sentence = section.text[event.char_start : event.char_end]
    assert sentence.startswith("At the International") and sentence.endswith("presentation.")
    # The same input gives the same rows, ids included.
    assert events_of(nlp, bulletin) == [event]


@pytest.mark.model
def test_organisers_named_in_a_sentence_without_a_trigger(nlp) -> None:
    bulletin = Bulletin(
        "From 20 to 24 April 2015, the Division conducted a training workshop in Dhaka. "
        "It was jointly organized with the Public Administration Training Centre (PATC).",
        dates=[day("From 20 to 24 April 2015", "2015-04-20", "2015-04-24")],
        orgs=[("Public Administration Training Centre", "PATC")],
    )
    assert one_event(nlp, bulletin).organisers == ("Public Administration Training Centre", "PATC")


@pytest.mark.model
def test_a_section_with_two_activities_and_the_same_activity_twice(nlp) -> None:
    bulletin = Bulletin(
        "A meeting was held from 6 to 9 November 2012 in Helsinki. The partners will hold the "
        "conference from 28 to 30 May 2013. The meeting of 6-9 November 2012 went well.",
        title="Partners to Co-organize a Pan-European e-Government Conference",
        dates=[day("from 6 to 9 November 2012", "2012-11-06", "2012-11-09"),
               day("from 28 to 30 May 2013", "2013-05-28", "2013-05-30"),
               day("6-9 November 2012", "2012-11-06", "2012-11-09")],
        places=[("Helsinki", "city", "FI")],
    )  # fmt: skip
    events = events_of(nlp, bulletin)
    assert [(e.name, e.start_date) for e in events] == [
        ("meeting", date(2012, 11, 6)),
        ("Pan-European e-Government Conference", date(2013, 5, 28)),
    ]


@pytest.mark.parametrize(
    "text",
    ["", "1. Workshop on Audit", "1. Workshop on Audit\n\n", "Masthead only, November 2012"],
)
def test_sections_with_little_or_no_text_give_no_event(text: str) -> None:
    heading = len(text.split("\n")[0]) if text.startswith("1.") else 0
    title = "Workshop on Audit" if heading else None
    section = Section(DOC, "s", 1 if heading else None, title, text, 0, len(text), heading, 1, 1)
    assert find_events(DOC, [section], [spacy.blank("en")(text)], [], [], [], [], []) == []


def test_find_events_needs_a_doc_per_section() -> None:
    bulletin = Bulletin("Nothing happened.")
    with pytest.raises(ValueError):
        find_events(DOC, [bulletin.section()], [], [], [], [], [], [])


# ------------------------------------------------------------------ golden files


def _frames(doc_id: str, source: str, sections: Sequence[Section], events: Sequence[Event]) -> dict:
    return {
        "documents": pd.DataFrame(
            [{"doc_id": doc_id, "source_file": source, "title": None, "issue_date": None}]
        ),
        "sections": pd.DataFrame(
            [{"doc_id": doc_id, "section_id": s.section_id, "number": s.number, "title": s.title}
             for s in sections]
        ),
        "events": pd.DataFrame(
            [
                {"doc_id": doc_id, "section_id": e.section_id, "name": e.name, "start_date": e.start_date,
                 "end_date": e.end_date, "city": e.city, "country_code": e.country_code}
                for e in events
            ],
            columns=["doc_id", "section_id", "name", "start_date", "end_date", "city", "country_code"],
        ),
    }  # fmt: skip


def _score_events(nlp, gazetteer, golden_path: Path, text_path: Path):
    """Events of one bulletin from the real extractors, scored against its golden file."""
    from pipeline.extract.dates import find_dates
    from pipeline.extract.nlp import parse_sections
    from pipeline.extract.organisations import find_organisations
    from pipeline.extract.people import find_people
    from pipeline.extract.places import find_places
    from pipeline.extract.reference.organisations import load_org_reference
    from pipeline.review.evaluate import evaluate, load_golden
    from pipeline.structure.masthead import find_masthead
    from pipeline.structure.sections import find_sections

    text = normalise_text(text_path.read_text(encoding="utf-8"))
    sections = find_sections(DOC, DocumentText(text_path.name, text))
    docs = parse_sections(nlp, sections)
    dates = find_dates(DOC, sections, docs, find_masthead(sections, text_path.name).issue_date)
    places, place_mentions = find_places(DOC, sections, docs, gazetteer)
    orgs, org_mentions = find_organisations(DOC, sections, docs, load_org_reference())
    people, person_mentions = find_people(DOC, sections, docs, orgs)
    mentions = [*place_mentions, *org_mentions, *person_mentions]
    events = find_events(DOC, sections, docs, dates, places, mentions, orgs, people)
    evaluation = evaluate([load_golden(golden_path)], _frames(DOC, text_path.name, sections, events))
    document = evaluation.documents[0]
    details = (
        [m.entry for m in document.missed if m.table == "events"],
        [w.entry for w in document.wrong if w.table == "events"],
        [(f.field, f.expected, f.predicted) for f in document.field_errors if f.table == "events"],
    )
    return evaluation.tables["events"], details


def _check_scores(scores, details) -> None:
    fields = {name: score.accuracy for name, score in scores.fields.items()}
    assert scores.f1 is not None and scores.f1 >= 0.90, (scores.f1, details)
    for name, floor in (("end", 0.95), ("city", 0.90), ("country", 0.90)):
        assert fields.get(name) is None or fields[name] >= floor, (name, fields, details)


@pytest.mark.model
@pytest.mark.parametrize("golden_path", sorted(GOLDEN.glob("*.gold.yaml")), ids=lambda p: p.name)
def test_events_on_the_project_golden_files(nlp, gazetteer, golden_path: Path) -> None:
    text_path = SAMPLES / golden_path.name.replace(".gold.yaml", ".txt")
    if not text_path.exists():
        pytest.skip(f"no sample bulletin for {golden_path.name}")
    if detect_language(text_path.read_text(encoding="utf-8")) != "en":
        pytest.skip("read with the English model here; scored by its own language in test_accuracy")
    _check_scores(*_score_events(nlp, gazetteer, golden_path, text_path))


@pytest.mark.model
@pytest.mark.shared
def test_events_on_the_shared_golden_files(nlp, gazetteer, shared_dir: Path) -> None:
    pairs = [
        (golden_path, shared_dir / "corpus" / golden_path.name.replace(".gold.yaml", ".txt"))
        for golden_path in sorted((shared_dir / "golden").glob("*.gold.yaml"))
    ]
    pairs = [(g, t) for g, t in pairs if t.exists()]
    assert pairs, "no golden file with its text bulletin in ../shared"
    for golden_path, text_path in pairs:
        _check_scores(*_score_events(nlp, gazetteer, golden_path, text_path))
