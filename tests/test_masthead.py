"""Masthead stage: title, issue month and issuing body."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.core.records import DocumentText, Masthead
from pipeline.structure.masthead import find_masthead, issuing_body, parse_issue_month
from pipeline.structure.sections import find_sections


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monthly Update: November 2012", date(2012, 11, 1)),
        ("Bulletin No. 14 — June 2014", date(2014, 6, 1)),
        ("News | Sept. 2015", None),  # "Sept" is not a standard abbreviation
        ("News | Sep. 2015", date(2015, 9, 1)),
        ("issue 2016-02", date(2016, 2, 1)),
        ("No month here 2016", None),
        # an issue named by its season starts in the season's first (northern) month
        ("Number 12 AUTUMN 2009", date(2009, 9, 1)),
        ("Winter 2014 edition", date(2014, 1, 1)),  # December to February: its January
        ("Spring 2010 and the March 2010 walk", date(2010, 3, 1)),
        ("Summer reading 2011", None),
    ],
)
def test_parse_issue_month(text: str, expected: date | None) -> None:
    assert parse_issue_month(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Lettre n° 8 – Été 2018", date(2018, 6, 1)), ("Bulletin printemps 2007", date(2007, 3, 1))],
)
def test_a_french_issue_named_by_its_season(text: str, expected: date) -> None:
    assert parse_issue_month(text, "fr") == expected


def test_a_season_masthead_gives_the_issue_a_year() -> None:
    masthead = _masthead("Riverside Friends Newsletter\nIssue 9 WINTER 2016\n\n" + ARTICLES)
    assert masthead.issue_date == date(2016, 1, 1)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("DPADM Monthly Update to CEPA Members: November 2012", "DPADM"),
        ("Public Governance Division Bulletin — June 2014", "Public Governance Division"),
        ("CAPNET's Newsletter, February 2016", "CAPNET"),
        ("Monthly Update: May 2013", None),
        ("the weekly bulletin", None),
    ],
)
def test_issuing_body(title: str, body: str | None) -> None:
    assert issuing_body(title, ["Monthly Update", "Update", "Bulletin", "Newsletter"]) == body


def test_masthead_from_preamble_and_month_from_file_name() -> None:
    text = "Regional Network Bulletin\n\nIssued for members\n\n1. First item\n\nBody.\n"
    sections = find_sections("d", DocumentText("x", text))
    masthead = find_masthead(sections, "network-2015-09.txt")
    assert masthead.title == "Regional Network Bulletin"
    assert masthead.issue_date == date(2015, 9, 1)
    assert masthead.issuing_body == "Regional Network"
    assert text[masthead.char_start : masthead.char_end] == "Regional Network Bulletin"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A dateline, then the post's heading over its text.
        (
            "Posted on 4 May, 2019\n\nHedge Planting Day\n\n"
            + "We planted forty metres of hedge along the lane. " * 3,
            "Hedge Planting Day",
        ),
        # An ornament before the title.
        (
            "* * *\n\nHarbour Watch Bulletin\n\n"
            + "The harbour was busy this month with visiting boats. " * 3,
            "Harbour Watch Bulletin",
        ),
        # A meeting named by an acronym and a year is no date line.
        ("AGM 2019\n\n" + "Our members met in the library to elect the new committee. " * 3, "AGM 2019"),
        # A contact block's address is no title.
        (
            "18 Willow Street - Brookfield, WI 53045\n\nThe Chair's Corner\n\n"
            + "Spring is here and the garden beds need volunteers. " * 3,
            "The Chair's Corner",
        ),
        # A link with its arrow, a site's domain, a menu of links set apart by bars and a date
        # in figures are no title.
        (
            "See all notices >>\n\nOrchard Day at Lyle Farm\n\n"
            + "Bring a basket and help us pick the last apples of the season. " * 3,
            "Orchard Day at Lyle Farm",
        ),
        (
            "Valleenouvelles.fr\nTous les articles | Signaler un abus | Envoyer à un ami\n\n"
            "04/11/2012\n\nLa fête de la pomme au verger\n\n"
            + "Les bénévoles ont cueilli les dernières pommes de la saison au verger communal. "
            * 3,
            "La fête de la pomme au verger",
        ),
    ],
)
def test_title_after_furniture(text: str, title: str) -> None:
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == title
    assert text[masthead.char_start : masthead.char_end] == title


_ORCHARD = "The volunteers picked the last apples of the season and pressed them into juice. " * 3


def test_a_site_name_over_the_articles_headline_gives_the_headline_as_title() -> None:
    text = (
        f"Green Valley hub\n\nWhat the orchard gave back to the village this year\n\n{_ORCHARD}\n\n"
        f"Juice sales\n\n{_ORCHARD}\n\nNext season\n\n{_ORCHARD}\n"
    )
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == "What the orchard gave back to the village this year"


@pytest.mark.parametrize(
    "name",
    [
        "ORCHARD NEWS",  # a rubric or a masthead set in capitals
        "Orchard Newsletter",  # names a publication
        "Orchard Notes 2024",  # carries a figure
    ],
)
def test_a_masthead_line_is_no_site_name(name: str) -> None:
    headline = "What the orchard gave back to the village this year"
    text = f"{name}\n\n{headline}\n\n{_ORCHARD}\n\nJuice sales\n\n{_ORCHARD}"
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == name


def test_under_a_site_name_one_of_a_run_of_like_headings_is_no_headline() -> None:
    text = f"Relief notes\n\nChad: Floods\n\n{_ORCHARD}\n\nMali: Drought in the north\n\n{_ORCHARD}"
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == "Relief notes"


def test_a_date_alone_before_the_first_heading_gives_that_heading_as_title() -> None:
    prose = "The volunteers met at the boat shed to repair the canoes before the regatta. " * 3
    text = f"Thursday, 12 March 2015\n\nCanoe Club Needs Helpers!\n\n{prose}\n\nRegatta Results\n\n{prose}\n"
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == "Canoe Club Needs Helpers!"
    assert masthead.issue_date == date(2015, 3, 1)


@pytest.mark.parametrize(
    "opening",
    [
        # A short sentence closed by a full stop.
        "Our picnic on 3 July is the club's summer outing.",
        # A paragraph wrapped at a page's width.
        "The committee will meet on Monday, 2 March, at 7 pm in the\nparish room to plan the "
        "summer fair. Please tell the secretary if you\nwish to add an item to the agenda.",
        # A line longer than any title, whatever its end.
        "Comme nous l'avions annoncé lors de la réunion de rentrée, les bénévoles de l'association "
        "se retrouveront pour une journée de travaux au jardin partagé :",
    ],
)
def test_prose_opening_is_no_title(opening: str) -> None:
    text = f"{opening}\n\n" + "Members are welcome to bring friends and family along. " * 3
    assert find_masthead(find_sections("d", DocumentText("x", text)), "x.txt").title is None


def test_a_stopped_title_with_a_french_month_is_still_a_title() -> None:
    text = (
        "3 octobre 2021 - Assemblée Générale, saison 2021 - 2022.\n\n"
        + "La séance est ouverte à dix heures. " * 3
    )
    masthead = find_masthead(find_sections("d", DocumentText("x", text), "fr"), "x.txt", language="fr")
    assert masthead.title == "3 octobre 2021 - Assemblée Générale, saison 2021 - 2022."


def test_no_preamble_no_title() -> None:
    sections = find_sections("d", DocumentText("x", "1. First item\n\nBody.\n\n2. Second\n\nMore.\n"))
    masthead = find_masthead(sections, "plain.txt")
    assert (masthead.title, masthead.issue_date, masthead.issuing_body) == (None, None, None)


@pytest.mark.parametrize(
    ("preamble", "title", "body"),
    [
        (
            "Governance Digest — Issue 4, May 2017\nPublished by the Secretariat of the Reform Network (RN)",
            "Governance Digest — Issue 4, May 2017",
            "Secretariat of the Reform Network (RN)",
        ),
        (
            "Monthly Update of the Division for Public Institutions to\nCommittee Members: June 2018",
            "Monthly Update of the Division for Public Institutions to Committee Members: June 2018",
            None,
        ),
        (
            "Network News | May 2019\nNewsletter of the Civil Service Network for its members",
            "Network News | May 2019",
            "Civil Service Network for its members",
        ),
    ],
)
def test_title_is_the_first_line_unless_it_runs_on(preamble: str, title: str, body: str | None) -> None:
    text = f"{preamble}\n\n1. First item\n\nBody.\n"
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert masthead.title == title
    assert masthead.issuing_body == body
    assert " ".join(text[masthead.char_start : masthead.char_end].split()) == title


def _masthead(
    text: str, name: str = "x.txt", metadata_title: str | None = None, metadata_date: date | None = None
) -> Masthead:
    sections = find_sections("d", DocumentText(name, text))
    return find_masthead(sections, name, metadata_title=metadata_title, metadata_date=metadata_date)


ARTICLES = (
    "Previous meeting\n\nOn Sunday 20 December 2015 we weeded the slope above the dam and then "
    "walked back down the fire trail together.\n\nBird notes\n\nA pair of gang-gangs has been "
    "nesting in the old red gum near the car park since the middle of the month.\n"
)


def test_title_runs_over_masthead_lines_down_to_the_issue() -> None:
    masthead = _masthead("HILLSIDE PARK CARE GROUP\n\nNewsletter January 2016\n\n" + ARTICLES)
    assert masthead.title == "HILLSIDE PARK CARE GROUP Newsletter January 2016"
    assert masthead.issue_date == date(2016, 1, 1)


@pytest.mark.parametrize(
    ("masthead", "title"),
    [
        (
            "Riverbend Bushcare Friends - e-news\nPlanting day - Saturday 4th March 2017",
            "Riverbend Bushcare Friends - e-news",
        ),
        ("Campus News Roundup\n\n12 May 2014", "Campus News Roundup"),
        ("Réunion du bureau\nLe 3 octobre 2018 à Valence", "Réunion du bureau"),
    ],
)
def test_a_title_does_not_run_on_to_a_line_dated_by_its_day(masthead: str, title: str) -> None:
    # A day's date below a title dates an event or a post; a line naming only the month may
    # still be the title's issue line ("Newsletter January 2016").
    assert _masthead(masthead + "\n\n" + ARTICLES).title == title


def test_issue_month_comes_from_the_masthead_not_the_first_article() -> None:
    # The masthead names no month; the first article's December date must not be taken
    # before the file name.
    masthead = _masthead("Hillside Park Care Group Newsletter\n\n" + ARTICLES, "hillside-2016-01.txt")
    assert masthead.title == "Hillside Park Care Group Newsletter"
    assert masthead.issue_date == date(2016, 1, 1)


def test_metadata_stands_in_for_a_missing_masthead() -> None:
    masthead = _masthead(
        "1. First item\n\nBody.\n",
        metadata_title="Friends of the Wetlands: news for March",
        metadata_date=date(2019, 3, 28),
    )
    assert masthead.title == "Friends of the Wetlands: news for March"
    assert masthead.issue_date == date(2019, 3, 1)


def test_an_official_documents_title_is_its_subject_line() -> None:
    text = (
        "United Nations\n\nGeneral Assembly Distr.: General\n\n4 May 2021\n\nOriginal: French\n\n"
        "Note by the Secretary-General on the review of the regional offices\n\n"
        "1. The review covers three years of work.\n"
    )
    masthead = _masthead(text)
    assert masthead.title == "Note by the Secretary-General on the review of the regional offices"
    assert masthead.issue_date == date(2021, 5, 1)


def test_a_newsletter_keeps_its_masthead_even_with_a_subject_line_below() -> None:
    text = "Hillside Newsletter, May 2021\n\nReport of the work party\n\nWe met at the dam.\n"
    assert _masthead(text).title == "Hillside Newsletter, May 2021"
