"""Statistics of bulletins of other genres: what narrows a subject, figures set out on their own
lines, ordinals split from their ending, and the dollar of the bulletin's country.

Every sentence here is written for the test (names and places invented or changed), one class
of failure at a time.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.core.records import Place, Section, Statistic, TableCell, TextTable
from pipeline.extract import statistics
from pipeline.extract.context import Extracted, document_context
from pipeline.extract.statistics import find_statistics
from pipeline.extract.statistics.rules import default_rules, for_country
from pipeline.extract.statistics.stage import bulletin_country
from pipeline.extract.statistics.tables import table_statistics


def _section(text: str) -> Section:
    return Section(
        doc_id="d",
        section_id="d-s01",
        number=1,
        title=None,
        text=text,
        char_start=0,
        char_end=len(text),
        heading_end=0,
        page_start=1,
        page_end=1,
    )


def _extract(nlp, text: str, **kwargs) -> list[Statistic]:
    return find_statistics("d", [_section(text)], [nlp(text)], **kwargs)


def _words(text: str | None) -> set[str]:
    return set((text or "").casefold().replace(",", " ").split())


def _place(name: str, country: str | None, mentions: int = 1) -> Place:
    return Place("d", name, name, "city", country, None, None, mentions)


# --------------------------------------------------------------------------- subjects

# (sentence, value, words the subject must hold, words it must not hold)
NARROWED = [
    # a prepositional phrase, an adjective or a participle right after the counted noun
    (
        "The group is lucky to have three volunteers with long experience in seed collection.",
        3,
        "volunteers with long experience",
        "seed collection",  # one level deep: not the phrase inside the phrase
    ),
    ("There are 48 species endemic to the island.", 48, "species endemic island", ""),
    ("The council approved 12 projects funded by the heritage lottery.", 12, "projects funded lottery", ""),
    (
        "Nine families with young children affected by the storm received food parcels.",
        9,
        "families with young children",
        "affected storm",  # a clause inside the phrase is not read
    ),
    # the argument of the verb whose object is counted is the verb's, not the noun's
    ("The programme paired 220 students with local mentors.", 220, "students", "mentors"),
    # the participle of a passive verb whose subject is counted, up to a phrase that says when
    (
        "Some 4,500 households have been reached with clean water as of 30 June.",
        4500,
        "households reached with clean water",
        "june",
    ),
    (
        "Eleven rangers were injured near Kafue since the fire season began in May.",
        11,
        "rangers injured",
        "season began",
    ),
    ("Only six of these 40 traps were found within the fence line.", 6, "traps found within fence line", ""),
    ("Nest counts fell too, with 18 nests found.", 18, "nests found", ""),
    # "are expected to" says what they will do, not what they are
    ("Between 40 and 60 growers are expected to attend.", 60, "growers", "expected"),
    # an active verb that says where or to what the counted subject went narrows it, up to a
    # phrase that says when; with nothing after it, the verb says nothing of which ones
    ("Forty-two members have joined the angling club.", 42, "members joined angling club", ""),
    ("Nearly 310,000 people have fled to neighbouring countries since March.", 310000,
     "people fled neighbouring countries", "march"),
    ("Six members came to the group planting day on 9th June.", 6, "members came group planting day",
     "9th june"),
    ("About 15 pupils took part in the tree planting.", 15, "pupils took part tree planting", ""),
    ("Some 32 farmers agreed.", 32, "farmers", "agreed"),
    # the participle and the relative clause that say which ones
    ("A total of 140 households displaced by the floods received tents.", 140,
     "households displaced by floods", "tents"),
    ("There were 35 volunteers who attended the beach clean-up.", 35, "volunteers who attended", ""),
    # what a measure or a price is of
    ("Crews cleared a flat two metre wide path along the creek.", 2, "wide path", "metre"),
    ("Tall native shrub or small tree to 4 m.", 4, "native shrub or small tree", ""),
    ("Copies of the field guide sell for $25 a copy.", 25, "copy", "sell"),
    ("Casual pickers earn $4 a day.", 4, "", "day"),  # a rate in time is no thing priced
    # a measure after a copula gives the size of the clause's subject
    ("The new boardwalk along the creek will be 300 metres long.", 300, "new boardwalk", "long"),
    ("The fire trail is about 14 km long.", 14, "fire trail", ""),
    # a noun in brackets after an amount is an aside
    ("Members may buy the map for $12 (half the usual price).", 12, "", "price"),
    # "from 24" counts what the number beside it counts
    ("Nest counts fell, down six nests from 24 in March.", 24, "nests", ""),
    # how much faster, not how many of the object
    ("Towns that publish budgets online answer requests 30% faster than others.", 30, "requests faster", ""),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "value", "held", "not_held"), NARROWED)
def test_subject_keeps_what_narrows_the_counted_noun(
    nlp, sentence: str, value: float, held: str, not_held: str
) -> None:
    (stat,) = [s for s in _extract(nlp, sentence) if s.value == pytest.approx(value)]
    assert _words(held) <= _words(stat.subject), stat.subject
    assert not _words(not_held) & _words(stat.subject), stat.subject


@pytest.mark.model
def test_a_measure_with_a_length_unit_keeps_its_unit(nlp) -> None:
    stats = _extract(nlp, "Volunteers laid a 3 metre long boardwalk and a path 120 cm wide.")
    assert [(s.value, s.unit) for s in stats] == [(3, "m"), (120, "cm")]


@pytest.mark.model
def test_an_ordinal_with_its_ending_split_off_is_no_count(nlp) -> None:
    stats = _extract(nlp, "The 9 th annual assembly drew 300 members from 4 rd district branches.")
    assert [(s.value, s.subject) for s in stats] == [(300, "members")]


@pytest.mark.model
def test_digits_glued_to_a_word_are_no_counted_noun(nlp) -> None:
    # "14 300species": the text layer lost a space; "300species" is no noun that 14 counts.
    stats = _extract(nlp, "The order holds some 14 300species and 620 genera.")
    assert [(s.value, s.subject) for s in stats] == [(620, "genera")]


# --------------------------------------------------------------------------- layout


def test_key_figures_take_their_labels_in_order() -> None:
    text = (
        "Key figures\n\n"
        "5.2 million\n\n"
        "640,000\n\n"
        "38%\n\n"
        "People in need of food aid\n\n"
        "Children under five reached*\n\n"
        "Share of wells repaired\n\n"
        "The rains came late this year."
    )
    stats = find_statistics("d", [_section(text)], [spacy.blank("en")(text)])
    assert [(s.value, s.unit, s.subject) for s in stats] == [
        (5_200_000, None, "People in need of food aid"),
        (640_000, None, "Children under five reached"),
        (38, "percent", "Share of wells repaired"),
    ]


def test_figures_between_labels_above_and_below_are_not_paired() -> None:
    text = "Key figures\n\nPeople in need\n\n3.8 million\n\nPeople reached\n\n2.7 million\n\nSee the annex."
    stats = find_statistics("d", [_section(text)], [spacy.blank("en")(text)])
    assert [s.subject for s in stats] == []


def test_a_bare_number_alone_on_its_line_is_no_key_figure() -> None:
    text = "Annual report\n\n12\n\nRegional workshops\n\nThe board met twice."
    assert find_statistics("d", [_section(text)], [spacy.blank("en")(text)]) == []


def test_more_figures_than_labels_are_no_key_figures() -> None:
    text = (
        "Summary\n\n1,200\n\n3,400\n\nTrees planted\n\nThe planting season ended early, as it did last year."
    )
    assert find_statistics("d", [_section(text)], [spacy.blank("en")(text)]) == []


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Volunteers on the day - 14 (a record turnout).", "Volunteers on the day"),
        ("Bags of ivy removed: 23", "Bags of ivy removed"),
        ("Room: 12", None),  # a reference, not a count
    ],
)
def test_a_short_label_before_a_figure_is_its_subject(line: str, subject: str | None) -> None:
    text = f"Work morning\n\n{line}\n"
    stats = find_statistics("d", [_section(text)], [spacy.blank("en")(text)])
    assert [s.subject for s in stats] == ([subject] if subject else [])


# --------------------------------------------------------------------------- the bulletin's dollar


def test_every_local_dollar_is_a_known_currency_code() -> None:
    rules = default_rules()
    assert set(rules.local_dollar.values()) <= rules.currency_codes
    assert "$" in rules.local_dollar_forms


@pytest.mark.parametrize(
    ("places", "country"),
    [
        ([_place("Hobart", "AU", 3), _place("Launceston", "AU"), _place("Auckland", "NZ")], "AU"),
        ([_place("Nadi", "FJ", 2), _place("Apia", "WS", 2)], None),  # no country holds most mentions
        ([_place("Pacific", None, 5)], None),
        ([], None),
    ],
)
def test_the_bulletin_country_holds_most_of_its_place_mentions(
    places: list[Place], country: str | None
) -> None:
    assert bulletin_country(places) == country


def test_the_dollar_sign_follows_the_bulletin_country() -> None:
    text = "Tickets cost $40 at the door, US$ 15 online, or 25 dollars for families; entry is €5."
    blank = spacy.blank("en")

    def units(country: str | None) -> list[str | None]:
        rules = for_country(default_rules(), country)
        return [s.unit for s in find_statistics("d", [_section(text)], [blank(text)], rules=rules)]

    assert units("CA") == ["CAD", "USD", "CAD", "EUR"]
    assert units("NZ") == ["NZD", "USD", "NZD", "EUR"]
    assert units("GB") == ["USD", "USD", "USD", "EUR"]  # no dollar of its own: "$" stays USD
    assert units(None) == ["USD", "USD", "USD", "EUR"]


def test_figures_of_a_table_follow_the_bulletin_country() -> None:
    text = "Raffle\n\nPrize | $250\n"
    start = text.index("Prize")
    table = TextTable((TableCell(0, 0, start, start + 5), TableCell(0, 1, start + 8, start + 12)), 0)
    found = table_statistics("d", text, [_section(text)], [table], for_country(default_rules(), "AU"))
    assert [(s.value, s.unit, s.subject) for s in found] == [(250, "AUD", "Prize")]


@pytest.mark.model
def test_the_stage_reads_the_country_from_the_places_found_before_it(nlp, resources) -> None:
    text = "Friends of Mount Ainslie\n\nThe new walking guide is on sale for $18 a copy."
    section = _section(text)
    context = document_context("d", (section,), (nlp(text),), None, resources.reference, text=text)
    places = Extracted((_place("Canberra", "AU", 4), _place("Queanbeyan", "AU")))
    extracted = statistics.extract(context.with_found("places", places))
    assert [(s.value, s.unit, s.subject) for s in extracted.records] == [(18, "AUD", "a copy")]


# --------------------------------------------------------------------------- label lines


@pytest.mark.model
def test_a_list_of_label_and_figure_lines_counts_each_label(nlp) -> None:
    text = (
        "Figures for February\n\nWork parties 4\nVolunteers 23\nHours worked 96\nBags of weeds 31\n\n"
        "Tools: 12\nSeedlings planted - 140\n"
    )
    found = {(s.value, s.subject, s.unit) for s in _extract(nlp, text)}
    assert found == {
        (4.0, "Work parties", None),
        (23.0, "Volunteers", None),
        (96.0, "Hours worked", None),
        (31.0, "Bags of weeds", None),
        (12.0, "Tools", None),
        (140.0, "Seedlings planted", None),
    }


@pytest.mark.model
def test_a_sentence_running_on_to_its_figure_is_no_label(nlp) -> None:
    found = _extract(nlp, "The total came to\n45\n\nHeights reach about 2 m.\n")
    assert all(s.subject != "The total came to" for s in found)
