"""Sections stage: numbered headings, preamble, lists kept inside, offsets and pages."""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText, Heading
from pipeline.structure.sections import find_sections, format_headings


def _sections(text: str, page_starts: tuple[int, ...] = (0,)):
    return find_sections("d", DocumentText("x.txt", text, page_starts))


BULLETIN = """Network News | April 2016

1. Regional Forum on Open Data

The forum met in Accra. It agreed on three points:

1. publish budgets;
2. open procurement data.

2) Visit of the Minister

The Minister visited the office.

3. Awards ceremony
"""


def test_numbered_headings_and_preamble() -> None:
    sections = _sections(BULLETIN)
    assert [(s.number, s.title) for s in sections] == [
        (None, None),
        (1, "Regional Forum on Open Data"),
        (2, "Visit of the Minister"),
        (3, "Awards ceremony"),
    ]
    assert [s.section_id for s in sections] == ["d-s00", "d-s01", "d-s02", "d-s03"]


def test_list_inside_a_section_stays_inside() -> None:
    first = _sections(BULLETIN)[1]
    assert "2. open procurement data." in first.text
    assert first.body.lstrip().startswith("The forum met")


def test_offsets_point_into_the_document() -> None:
    for section in _sections(BULLETIN):
        assert BULLETIN[section.char_start : section.char_end] == section.text
        assert section.text == section.text.strip()
    assert _sections(BULLETIN)[2].text[: _sections(BULLETIN)[2].heading_end] == "2) Visit of the Minister"


def test_pages_from_page_starts() -> None:
    split = BULLETIN.index("2) Visit")
    sections = _sections(BULLETIN, (0, split))
    assert [(s.page_start, s.page_end) for s in sections] == [(1, 1), (1, 1), (2, 2), (2, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Just a paragraph with no numbers at all.\n\nAnother paragraph.",
        "A list that is not sections:\n1. first thing\n2. second thing\n",
        "In 2012. The year ended.\n",
    ],
)
def test_no_sections_gives_one_unnumbered_section(text: str) -> None:
    sections = _sections(text)
    assert [(s.number, s.title) for s in sections] == [(None, None)]
    assert sections[0].text == text.strip()


def test_numbered_paragraphs_without_headings_are_items_without_title() -> None:
    text = (
        "Report of the Director-General\n\n"
        "1. The Secretariat continued its work on the verification of the declaration.\n\n"
        "2. The team travelled twice during the period under review and met officials.\n\n"
        "3. The Secretariat will report again next month.\n"
    )
    sections = _sections(text)
    assert [(s.number, s.title) for s in sections] == [(None, None), (1, None), (2, None), (3, None)]
    assert sections[1].text[sections[1].heading_end :].startswith("The Secretariat")


def test_heading_numbers_must_follow_each_other() -> None:
    text = "Title\n\n1. First item\n\nBody one.\n\n5. Not a heading\n\nBody.\n\n2. Second item\n\nBody two.\n"
    assert [s.number for s in _sections(text)] == [None, 1, 2]


def test_sentence_like_numbered_line_is_not_a_title() -> None:
    text = "Title\n\n1. First item\n\nBody.\n\n2. The delegates agreed on the text of the plan.\n\nMore.\n"
    assert [s.number for s in _sections(text)] == [None, 1]


def test_corpus_bulletin_sections(shared_dir) -> None:
    import yaml

    text = (shared_dir / "corpus" / "dpadm-monthly-2012-11.txt").read_text(encoding="utf-8")
    gold = yaml.safe_load((shared_dir / "golden" / "dpadm-monthly-2012-11.gold.yaml").read_text())
    found = [(s.number, s.title) for s in _sections(text) if s.number is not None]
    assert found == [(g["number"], g["title"]) for g in gold["sections"]]


@pytest.mark.parametrize(
    "line",
    [
        "Progress in the period under review is as follows:",
        "This report covers the period from 24 February to 23 March 2025.",
        "The committee met twice;",
    ],
)
def test_sentence_endings_are_not_titles(line: str) -> None:
    text = f"Report\n\n1. First paragraph of the report ends here.\n\n2. {line}\n\n3. Third paragraph.\n"
    sections = _sections(text)
    assert [s.number for s in sections] == [None, 1, 2, 3]
    assert all(s.title is None for s in sections)


def test_numbered_paragraphs_win_over_one_short_line(shared_dir) -> None:
    from pipeline.read.pdf import read_pdf

    document = read_pdf(shared_dir / "corpus" / "pdf" / "un-s-2025-185-opcw-monthly-report.pdf", max_pages=50)
    numbers = [s.number for s in find_sections("d", document) if s.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 40


# --------------------------------------------------------------------------- titled articles

NEWSLETTER = """Riverside Friends Newsletter

Spring 2019

Working bee at the weir

Eleven of us met at the weir on a cold morning and cleared the blackberry from the
northern bank before the rain came in, then shared a thermos of tea under the bridge.

Bird count results

The autumn count found thirty-two species along the river walk, two more than last
year, with a pair of azure kingfishers seen near the footbridge for the first time.
"""


def test_title_like_lines_before_prose_are_sections() -> None:
    sections = _sections(NEWSLETTER)
    assert [(s.number, s.title) for s in sections] == [
        (None, None),
        (None, "Working bee at the weir"),
        (None, "Bird count results"),
    ]
    assert sections[0].text == "Riverside Friends Newsletter\n\nSpring 2019"
    second = sections[1]
    assert second.text[: second.heading_end] == "Working bee at the weir"
    assert second.body.lstrip().startswith("Eleven of us")


def test_one_title_like_line_is_no_structure() -> None:
    text = "Club notes\n\nAbout us\n\n" + "A long paragraph of prose that says a lot of things. " * 3
    assert [(s.number, s.title) for s in _sections(text)] == [(None, None)]


def test_short_lines_before_short_lines_are_not_headings() -> None:
    # "Time:"-style notice lines stand alone too, but no prose follows them.
    text = NEWSLETTER + "\nNext meeting\n\nTime: 9 am\n\nPlace: the weir\n"
    assert "Next meeting" not in [s.title for s in _sections(text)]


def test_numbered_items_win_over_title_like_lines() -> None:
    assert [s.number for s in _sections(BULLETIN)] == [None, 1, 2, 3]


def _with_headings(text: str, *headings: tuple[str, int]) -> DocumentText:
    found = tuple(Heading(text.index(h), text.index(h) + len(h), level) for h, level in headings)
    return DocumentText("x.html", text, headings=found)


def test_headings_the_format_states_are_sections() -> None:
    text = "Harbour News\n\nFerry timetable\n\nBoats run hourly.\n\nNew pier\n\nIt opens in May.\n"
    document = _with_headings(text, ("Harbour News", 1), ("Ferry timetable", 2), ("New pier", 2))
    sections = find_sections("d", document)
    # The lone top heading at the start is the document's title: it stays in the preamble.
    titles = [(s.number, s.title) for s in sections]
    assert titles == [(None, None), (None, "Ferry timetable"), (None, "New pier")]


def test_sub_headings_stay_inside_their_article() -> None:
    text = (
        "Ferry timetable\n\nBoats run hourly.\n\nWeekends\n\nEvery two hours.\n\n"
        "New pier\n\nIt opens in May.\n"
    )
    document = _with_headings(text, ("Ferry timetable", 2), ("Weekends", 3), ("New pier", 2))
    titles = [s.title for s in find_sections("d", document)]
    assert titles == ["Ferry timetable", "New pier"]
    assert format_headings(document) == [document.headings[0], document.headings[2]]


def test_a_numbered_list_inside_one_article_is_not_the_bulletins_items() -> None:
    text = (
        "Friends Newsletter\n\nOrchids of the ridge\n\nTo tell our two orchids apart, look at:\n\n"
        "1. The leaves\n\n2. The flower spike\n\n3. The lip of the flower\n\nBoth flower in spring.\n\n"
        "Work party report\n\nWe pulled thistles all morning.\n"
    )
    document = _with_headings(text, ("Orchids of the ridge", 2), ("Work party report", 2))
    sections = find_sections("d", document)
    assert [(s.number, s.title) for s in sections] == [
        (None, None),
        (None, "Orchids of the ridge"),
        (None, "Work party report"),
    ]
    assert "2. The flower spike" in sections[1].text


PROSE = "The volunteers met at the depot and planted two hundred seedlings along the creek before lunch."


def _titles(text: str) -> list[str | None]:
    return [s.title for s in _sections(text)]


def test_a_long_heading_without_a_sentence_end_is_a_heading() -> None:
    text = (
        "Harbour Naturalists Circular\n\n"
        "Society stand at the Regional Field Day in Dunmore, Victoria, March 3 - 5, 2024\n\n"
        f"{PROSE}\n\n"
        "Society stand at the Coastal Science Fair in Lorne, Victoria, May 9 - 11, 2024\n\n"
        f"{PROSE}\n"
    )
    assert _titles(text)[1:] == [
        "Society stand at the Regional Field Day in Dunmore, Victoria, March 3 - 5, 2024",
        "Society stand at the Coastal Science Fair in Lorne, Victoria, May 9 - 11, 2024",
    ]


def test_glyphs_that_decorate_a_heading_are_not_its_title() -> None:
    text = f"River Basin Update\n\nKey points ■■\n\n{PROSE}\n\n●●\n\n{PROSE}\n\nOutlook ►\n\n{PROSE}\n"
    assert _titles(text)[1:] == ["Key points", "Outlook"]


def test_a_figure_label_before_a_footnote_is_not_a_heading() -> None:
    text = (
        "Flood Response Bulletin\n\n"
        f"Relief convoys\n\n{PROSE}\n\n"
        "12,400 Households received hygiene kits\n\n"
        "* Counted since the floods began, including households hosted by relatives in other districts.\n\n"
        f"Shelter\n\n{PROSE}\n"
    )
    assert _titles(text)[1:] == ["Relief convoys", "Shelter"]


def test_an_issue_line_before_any_prose_belongs_to_the_masthead() -> None:
    text = (
        "Upper Valley Drought\n\n"
        "Situation Report No. 7 (as of 2 March 2023)\n\n"
        f"{PROSE}\n\n"
        f"Water trucking\n\n{PROSE}\n\n"
        f"Livestock in 2023\n\n{PROSE}\n"
    )
    assert _titles(text) == [None, "Water trucking", "Livestock in 2023"]


def test_a_list_of_contents_does_not_stand_for_the_numbered_items() -> None:
    text = (
        "Harbour Authority Bulletin | June 2022\n\n"
        "1. New crane at the east quay\n\n"
        "2. Ferry timetable\n\n"
        "3. Staff news\n\n"
        "1. New crane at the east quay\n\nThe crane was lifted into place on 3 June.\n\n"
        "2. Ferry timetable\n\nFerries run every hour from July.\n\n"
        "3. Staff news\n\nTwo pilots joined the team this month.\n"
    )
    sections = _sections(text)
    assert [(s.number, s.title) for s in sections][1:] == [
        (1, "New crane at the east quay"),
        (2, "Ferry timetable"),
        (3, "Staff news"),
    ]
    assert sections[1].body.strip().startswith("The crane was lifted")


def test_a_list_of_long_steps_stays_inside_its_article() -> None:
    prose = "The volunteers met at the car park and walked up to the north slope together. "
    text = (
        "Hill Care Notes\n\n"
        f"Planting day\n\n{prose}\n\n"
        "1. Dig a hole twice as wide as the pot and loosen the soil at the bottom of it\n\n"
        "2. Set the seedling in the hole, fill it with soil and press the soil down firmly.\n\n"
        f"Weeding\n\n{prose}\n"
    )
    assert [(s.number, s.title) for s in _sections(text)] == [
        (None, None),
        (None, "Planting day"),
        (None, "Weeding"),
    ]


# A web page's text keeps no blank lines: each paragraph is a line.
LINE_PARAGRAPH = (
    "The board met twice this spring and agreed the budget for the coming year with one vote against."
)


def test_numbered_headings_in_text_whose_paragraphs_are_lines() -> None:
    text = (
        "Coastal Trust Letter, May 2019\n"
        "Contents\n"
        "- Word from the Chair\n"
        "- Summer school\n"
        "1. Word from the Chair: a busy spring\n"
        f"{LINE_PARAGRAPH}\n"
        "2. Summer school\n"
        f"{LINE_PARAGRAPH}\n"
    )
    assert [(s.number, s.title) for s in _sections(text)] == [
        (None, None),
        (1, "Word from the Chair: a busy spring"),
        (2, "Summer school"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the line before runs on into the numbered line: a wrapped sentence, no heading
        f"Garden Club Notes\n{LINE_PARAGRAPH} We meet at\n1. Station Road on Fridays\n{LINE_PARAGRAPH}\n",
        # a short line follows, not a paragraph written on one line
        f"Garden Club Notes\n{LINE_PARAGRAPH}\n1. Seeds\n2. Bulbs\nBring both.\n",
    ],
)
def test_a_numbered_line_inside_line_text_is_no_heading(text: str) -> None:
    assert [s.number for s in _sections(text)] == [None]


@pytest.mark.parametrize("marker", ["In this issue", "CONTENTS", "Inside this issue:"])
def test_the_line_announcing_the_contents_is_no_section(marker: str) -> None:
    prose = "The volunteers met at the car park and walked up to the north slope together. " * 2
    text = f"Hill Care Notes\n\n{marker}\n\n{prose}\n\nPlanting day\n\n{prose}\n\nWeeding\n\n{prose}\n"
    assert [s.title for s in _sections(text)] == [None, "Planting day", "Weeding"]


def test_a_format_heading_announcing_the_contents_is_no_section() -> None:
    prose = "The volunteers met at the car park and walked up to the north slope together."
    text = f"Hill Care Notes\n\nIn this issue\n\nPlanting day\n\n{prose}\n\nWeeding\n\n{prose}\n"
    levels = (("Hill Care Notes", 1), ("In this issue", 2), ("Planting day", 2), ("Weeding", 2))
    document = _with_headings(text, *levels)
    assert [s.title for s in find_sections("d", document)] == [None, "Planting day", "Weeding"]


def _pdf_with_headings(text: str, *headings: tuple[str, int]) -> DocumentText:
    found = tuple(Heading(text.index(h), text.index(h) + len(h), level) for h, level in headings)
    return DocumentText("x.pdf", text, headings=found, format="pdf")


_SIZES = (
    "Harbour News\n\nFerry timetable\n\nSummer hours\n\n"
    "Boats now run every hour from the harbour steps to the island.\n\n"
    "Beach patrol\n\nVolunteers walk the north beach every Sunday morning at eight.\n\n"
    "Lighthouse open day\n\nThe keepers open the tower to visitors on the first of June.\n\n"
    "New pier\n\nThe council expects the new pier at the north beach to open in May.\n"
)
_LEVELS = (
    ("Harbour News", 1),
    ("Ferry timetable", 2),
    ("Summer hours", 3),
    ("Beach patrol", 2),
    ("Lighthouse open day", 2),
    ("New pier", 3),
)
_ARTICLES = ["Ferry timetable", "Beach patrol", "Lighthouse open day"]


def test_in_a_pdf_a_smaller_title_after_prose_heads_an_article() -> None:
    """A PDF's levels are only its type sizes: in a newsletter's run of articles, a title set
    smaller after an article's prose heads the next article, where one right under a title is
    its subheading."""
    document = _pdf_with_headings(_SIZES, *_LEVELS)
    assert [s.title for s in find_sections("d", document) if s.title] == [*_ARTICLES, "New pier"]


def test_a_format_that_states_its_levels_keeps_a_lower_heading_inside_its_article() -> None:
    document = _with_headings(_SIZES, *_LEVELS)
    assert [s.title for s in find_sections("d", document) if s.title] == _ARTICLES


def test_a_pdf_reports_few_parts_keep_their_subsections() -> None:
    """Two parts at the top level are a report's, over subsections set smaller."""
    levels = [(h, 2 if h in ("Ferry timetable", "Lighthouse open day") else 3) for h, _ in _LEVELS[1:]]
    document = _pdf_with_headings(_SIZES, ("Harbour News", 1), *levels)
    assert [s.title for s in find_sections("d", document) if s.title] == [
        "Ferry timetable",
        "Lighthouse open day",
    ]


# --------------------------------------------------------------------------- Roman numerals

MINUTES_PROSE = "The council heard the report and agreed it without a vote, the mayor thanking the staff."


@pytest.mark.parametrize("mark", ["{n}.", "{n})", "{n}/", "{n} –", "{n} -"])
def test_items_numbered_in_roman_numerals_are_numbered_items(mark: str) -> None:
    text = (
        "Minutes of the council of 4 March\n\n"
        "Present: all members.\n\n"
        f"{mark.format(n='I')} Accounts of the year :\n\n{MINUTES_PROSE}\n\n"
        f"{mark.format(n='II')} School canteen prices\n\n{MINUTES_PROSE}\n\n"
        f"{mark.format(n='III')} Road works\n\n{MINUTES_PROSE}\n\n"
        f"{mark.format(n='IV')} Any other business\n\n{MINUTES_PROSE}\n"
    )
    assert [(s.number, s.title) for s in _sections(text)] == [
        (None, None),
        (1, "Accounts of the year :"),
        (2, "School canteen prices"),
        (3, "Road works"),
        (4, "Any other business"),
    ]


def test_roman_items_stand_over_items_numbered_in_figures() -> None:
    text = (
        "Flood Response Update\n\n"
        f"I. KEY POINTS\n\n1. Water levels fell along the lower valley.\n\n2. Schools reopened.\n\n"
        f"II. Situation overview\n\n{MINUTES_PROSE}\n"
    )
    assert [(s.number, s.title) for s in _sections(text)] == [
        (None, None),
        (1, "KEY POINTS"),
        (2, "Situation overview"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # one Roman item alone is no run: a line opening with an initial
        f"Club Notes\n\nV. Laurent\n\n{MINUTES_PROSE}\n\nSpring walk\n\n{MINUTES_PROSE}\n",
        # a run that does not open at I
        f"Club Notes\n\nV. Laurent\n\n{MINUTES_PROSE}\n\nVI. Marchand\n\n{MINUTES_PROSE}\n",
        # a hyphened word is no numeral
        f"Club Notes\n\nV-President: Ann Roy\n\n{MINUTES_PROSE}\n\nVI-Day\n\n{MINUTES_PROSE}\n",
    ],
)
def test_lone_or_late_roman_numerals_are_no_items(text: str) -> None:
    assert all(s.number is None for s in _sections(text))


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XXXIX", 39)])
def test_roman_value(numeral: str, value: int) -> None:
    from pipeline.structure.sections import roman_value

    assert roman_value(numeral) == value


AGENDA_POINT = "- The chair welcomed the members and read the apologies received by the secretary."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Minutes of the Riverside Allotments meeting\nPresent: Omar, Jill and Tess.\nAgenda:\n"
            f"1. Opening\n{AGENDA_POINT}\n- Minutes of May approved.\n"
            "2. Water supply\n- The new tap works.\n",
            "en",
        ),
        (
            "Compte rendu du conseil du club de voile\nOrdre du jour :\n1. Ouverture\n"
            "- La présidente accueille les adhérents présents et excuse les absents.\n"
            "2. Sorties d'été\n- Trois sorties sont prévues en juillet.\n",
            "fr",
        ),
    ],
)
def test_a_numbered_heading_right_over_a_list_heads_it(text: str, language: str) -> None:
    sections = find_sections("d", DocumentText("x.txt", text, (0,)), language)
    assert [s.number for s in sections] == [None, 1, 2]
    assert sections[1].text.startswith("1. ")


@pytest.mark.parametrize(
    "text",
    [
        # the line before runs on into the numbered line: a sentence naming what to bring
        f"Garden Club Notes\n{LINE_PARAGRAPH} Please bring\n1. Spades\n- one each\n2. Gloves\n- a pair\n",
        # a long numbered point over its sub-points is a point of a list, not a heading
        f"Garden Club Notes\n{LINE_PARAGRAPH}\n1. The committee asked every member to weed their own plot "
        "weekly\n- starting in May\n2. Seeds\n- order them early\n",
    ],
)
def test_a_numbered_point_over_a_list_is_no_heading(text: str) -> None:
    assert [s.number for s in _sections(text)][:2] != [None, 1]


NOTE = "The secretary read out the letter from the county and the members discussed it at length."


def test_items_numbered_without_a_stop_are_numbered_items() -> None:
    text = f"Village Hall Notes\n\nThe committee met.\n\n1 Welcome\n\n{NOTE}\n\n2  Hall repairs\n\n{NOTE}\n"
    expected = [(None, None), (1, "Welcome"), (2, "Hall repairs")]
    assert [(s.number, s.title) for s in _sections(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # date lines: a month follows the figure
        f"Village Hall Notes\n\nThe committee met twice.\n\n1 March\n\n{NOTE}\n\n2 March\n\n{NOTE}\n",
        # a page's footer repeats the same title after its number
        f"Village Hall Notes\n\n{NOTE}\n\n1 Hall News\n\n{NOTE}\n\n2 Hall News\n\n{NOTE}\n",
        # a run that does not open at 1: an address, a figure
        f"Village Hall Notes\n\n{NOTE}\n\n2 Church Lane\n\n{NOTE}\n\n3 Volunteers\n\n{NOTE}\n",
        # a lone figure before a word
        f"Village Hall Notes\n\n{NOTE}\n\n1 Welcome\n\n{NOTE}\n",
    ],
)
def test_lines_numbered_without_a_stop_that_are_no_items(text: str) -> None:
    assert all(s.number is None for s in _sections(text))


def test_a_numbered_heading_over_a_paragraph_wrapped_in_a_narrow_column() -> None:
    text = (
        "Heathland Friends Letter\nThe spring was dry.\n"
        "1. Pond survey\nVolunteers counted the newts in\nthe two ponds on a warm evening.\n"
        "2. Gorse clearing\nTwelve of us cut the gorse back\nfrom the path by the old quarry.\n"
    )
    assert [(s.number, s.title) for s in _sections(text)] == [
        (None, None),
        (1, "Pond survey"),
        (2, "Gorse clearing"),
    ]


@pytest.mark.parametrize("mark", ["/", "°", " -", "-", " –"])
def test_items_numbered_with_a_slash_a_degree_sign_or_a_dash(mark: str) -> None:
    text = f"Bulletin\n\n{NOTE}\n\n1{mark} Rapport moral\n\n{NOTE}\n\n2{mark} Rapport financier\n\n{NOTE}"
    sections = _sections(text)
    assert [(s.number, s.title) for s in sections] == [
        (None, None),
        (1, "Rapport moral"),
        (2, "Rapport financier"),
    ]


@pytest.mark.parametrize("line", ["2015-2016 Budget", "1/2 Marathon", "10-12 Volunteers"])
def test_figures_joined_by_a_dash_or_a_slash_are_no_item_number(line: str) -> None:
    text = f"Club News\n\n{NOTE}\n\n{line}\n\n{NOTE}\n\n{line} again\n\n{NOTE}\n"
    assert all(s.number is None for s in _sections(text))


def test_a_numbered_heading_over_a_sentence_of_its_own() -> None:
    text = (
        "Compte rendu du bureau\nLa réunion s'ouvre à 18 h.\n"
        "1. Les comptes :\nLe trésorier présente le bilan de l'année écoulée à tous.\nLe solde est positif.\n"
        "2. Le matériel :\nLa présidente propose que tout achat soit voté :\nLe bureau accepte.\n"
    )
    sections = find_sections("d", DocumentText("x.txt", text, (0,)), "fr")
    assert [s.number for s in sections] == [None, 1, 2]


@pytest.mark.parametrize("line", ["1 - 3 July: summer camp", "1/ 2 tickets left"])
def test_a_span_of_figures_is_no_numbered_heading(line: str) -> None:
    text = f"Club News\n\n{NOTE}\n\n{line}\n\n{NOTE}\n"
    assert all(s.number is None for s in _sections(text))
