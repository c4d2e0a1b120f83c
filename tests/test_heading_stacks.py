"""Plain-text headings that stand over something other than their text: a rubric over an
article's title, a heading over its date or tag line, a subheading that comes back in every
article; a heading set between glyphs; a lone heading between paragraphs; a letter's
salutation, which heads nothing; a heading over a paragraph wrapped in a narrow column.

Every bulletin here is invented (names, places and events), in English and in French."""

from __future__ import annotations

import pytest

from pipeline.structure.headings import text_headings

PROSE = "The volunteers cleared the creek bank of blackberry and planted forty young wattles there. "
PROSE_FR = "Les bénévoles ont nettoyé la berge du ruisseau et planté quarante jeunes saules ce mois-ci. "


def _titles(text: str, language: str = "en") -> list[str]:
    return [text[h.char_start : h.char_end] for h in text_headings(text, language)]


# --- a rubric over an article's title ---------------------------------------------------


@pytest.mark.parametrize(
    ("rubric", "title"),
    [
        ("/ Honours and awards /", "Honours and awards"),
        ("== Honours and awards ==", "Honours and awards"),
        ("HONOURS AND AWARDS", "HONOURS AND AWARDS"),
    ],
)
def test_rubric_set_apart_over_an_article_title(rubric: str, title: str) -> None:
    article = "Two chemists from Tarnow win the Vell medal"
    text = f"Alumni Notes no. 12 - May 2031\n\n\n{rubric}\n\n\n{article}\n\n{PROSE}\n"
    assert _titles(text) == [title, "Two chemists from Tarnow win the Vell medal"]


def test_french_rubric_between_slashes_over_an_article_title() -> None:
    text = (
        "Nouvelles des anciens n° 8 - mars 2030\n\n"
        "/ Prix et distinctions /\n\n"
        f"Une géologue de Brissac primée\n\n{PROSE_FR}\n"
    )
    assert _titles(text, "fr") == ["Prix et distinctions", "Une géologue de Brissac primée"]


def test_plain_short_line_over_a_heading_is_no_rubric() -> None:
    """A greeting or a name over a heading is not set apart as a rubric is."""
    text = f"Parish Notes\n\nWarm wishes to all\n\nHarvest supper\n\n{PROSE}\n"
    assert _titles(text) == []


# --- a heading over its date or tag line, and a subheading repeated in every article ----


def test_headings_over_a_dated_field_and_a_repeated_subheading() -> None:
    text = "Crisis notes\n\n"
    for country, day in (
        ("Ruritania: Drought in the east", "04/02/2031"),
        ("Freedonia: Floods", "11/02/2031"),
    ):
        text += f"{country}\nCreated: {day} +\n\nOverview\n\n{PROSE}\n\n"
    assert _titles(text) == ["Ruritania: Drought in the east", "Freedonia: Floods"]


def test_subheading_said_once_stays_a_heading() -> None:
    text = (
        "Crisis notes\n\nRuritania: Drought\nCreated: 04/02/2031\n\n"
        f"Overview\n\n{PROSE}\n\nFunding\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Ruritania: Drought", "Overview", "Funding"]


def test_heading_over_a_tag_in_lower_case() -> None:
    text = (
        f"Research office blog\n\nSpring fair for start-ups\n\nevents\n\n{PROSE}\n\n"
        f"New funding calls\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Spring fair for start-ups", "New funding calls"]


# --- one heading alone, and a salutation ------------------------------------------------


def test_one_heading_between_paragraphs_of_prose() -> None:
    text = f"Village Notes - June 2031\n\n{PROSE}\n\nCould you help run the fete this summer?\n\n{PROSE}\n"
    assert _titles(text) == ["Could you help run the fete this summer?"]


def test_one_heading_before_any_prose_is_not_a_structure() -> None:
    text = f"Village Notes\n\nSummer programme\n\n{PROSE}\n"
    assert _titles(text) == []


@pytest.mark.parametrize(
    ("salutation", "language"),
    [
        ("Dear members", "en"),
        ("Hello everyone!", "en"),
        ("Chers adhérents,", "fr"),
        ("Bonjour à toutes et à tous", "fr"),
    ],
)
def test_salutation_heads_nothing(salutation: str, language: str) -> None:
    prose = PROSE_FR if language == "fr" else PROSE
    text = f"Village Notes\n\n{prose}\n\n{salutation}\n\n{prose}\n"
    assert _titles(text, language) == []


# --- a time in a heading, and a narrow column ------------------------------------------


def test_heading_with_a_time_and_dashes() -> None:
    text = (
        "Posts from April, 2031\n\n"
        f"July Members Meeting - July 9, 2031 6:30 PM - Picnic & Owl Walk at Fenner Park\n\n{PROSE}\n\n"
        f"April 2031 Members Meeting\n\n{PROSE}\n"
    )
    assert _titles(text) == [
        "July Members Meeting - July 9, 2031 6:30 PM - Picnic & Owl Walk at Fenner Park",
        "April 2031 Members Meeting",
    ]


def test_headings_over_paragraphs_wrapped_in_a_narrow_column() -> None:
    text = (
        "Garden Letter\n"
        "Issue 9 - March 2031\n"
        "Editorial\n"
        "This spring we welcome three\n"
        "new gardens to the trail and\n"
        "thank every host for the work.\n"
        "Autumn visit\n"
        "Our coach left Arras at dawn\n"
        "and reached the first garden\n"
        "before the rain set in again.\n"
    )
    assert _titles(text) == ["Editorial", "Autumn visit"]


def _spans(text: str, language: str = "en") -> list[str]:
    return [" ".join(title.split()) for title in _titles(text, language)]


def test_a_heading_wrapped_over_two_short_lines_of_a_column() -> None:
    text = (
        "Harbour Notes\n"
        "Issue 14 - June 2032\n"
        "Storm damage on the\n"
        "north breakwater\n"
        "The winter storms moved several of the large blocks\n"
        "along the north breakwater and the council closed the\n"
        "path to walkers until the engineers had inspected it.\n"
        "Sailing school\n"
        "Twelve children from the two village schools finished\n"
        "their first season of lessons with a race to the buoy.\n"
    )
    assert _spans(text) == ["Storm damage on the north breakwater", "Sailing school"]


def test_a_french_wrapped_heading_over_a_heading_with_a_standfirst() -> None:
    text = (
        "Feuillages\n"
        "Lettre de l'association des Amis du Verger\n"
        "N°12 - Octobre 2031\n"
        "Le mot du président\n"
        "Cette saison a été belle pour nos\n"
        "vergers malgré la grêle de juin et\n"
        "je remercie tous les bénévoles.\n"
        "Sortie à Montbrison\n"
        "le 14 septembre 2031\n"
        "Une matinée de greffes\n"
        "Le froid des coteaux = patience.\n"
        "Arrivés à Montbrison vers neuf heures,\n"
        "nous avons visité la pépinière de la\n"
        "famille Besson et ses vieux poiriers.\n"
    )
    assert _spans(text, "fr") == [
        "Le mot du président",
        "Sortie à Montbrison le 14 septembre 2031",
        "Une matinée de greffes",
    ]


def test_the_first_lines_of_a_column_paragraph_are_no_wrapped_heading() -> None:
    """A paragraph's opening lines are as long as the column's other lines: no heading."""
    text = (
        "Harbour Notes\n"
        "Issue 14 - June 2032\n"
        "The harbour master reported\n"
        "that the new pontoons were\n"
        "delivered late in the spring,\n"
        "and the crane lifted them into\n"
        "place over a single weekend.\n"
    )
    assert _spans(text) == []


# --- a heading in sentence case ending with a colon ------------------------------------


def test_sentence_case_headings_ending_with_a_colon_over_prose() -> None:
    text = (
        "Marsh Valley Flood Assessment, 3 May 2031\n\n"
        f"Purpose of the visit:\n\n{PROSE}\n\nWhat the team found:\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Purpose of the visit", "What the team found"]


def test_sentence_case_line_ending_with_a_colon_over_a_list_announces_it() -> None:
    text = (
        "Marsh Valley Notes\n\n"
        f"Purpose of the visit:\n\n{PROSE}\n\n"
        "Dates to keep free:\n\n- Saturday 5 June, planting\n- Sunday 13 June, weeding\n\n"
        f"What the team found:\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Purpose of the visit", "What the team found"]


def test_french_heading_ending_with_a_spaced_colon() -> None:
    text = (
        f"Lettre de l'atelier n° 4\n\nLes rencontres du mois :\n\n{PROSE_FR}\n\n"
        f"Vie du bureau :\n\n{PROSE_FR}\n"
    )
    assert _titles(text, "fr") == ["Les rencontres du mois", "Vie du bureau"]


# --- the titles a list of contents names ------------------------------------------------


def test_titles_listed_in_this_issue_head_their_articles_without_the_author() -> None:
    text = (
        "Heathland Society Newsletter Autumn 2031 Vol. 4 No. 3\n\n"
        "IN THIS ISSUE: • Orchids return to Kell Hill – Mara Voss • Notes from the reserve – Ivo Lind\n\n"
        f"Orchids return to Kell Hill Mara Voss\n\n{PROSE}\n\n"
        f"Notes from the reserve Ivo Lind\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Orchids return to Kell Hill", "Notes from the reserve"]


def test_one_rubric_of_a_masthead_line_of_rubrics_heads_an_article() -> None:
    text = (
        "Editorial / Meet the members / Diary / Notices\n"
        "Newsletter of the Riverside House\n"
        "Spring 2031\n"
        "Editorial\n"
        "Our house opened its doors three years ago and has welcomed\n"
        "more than four hundred groups for meetings and training since.\n"
    )
    assert _titles(text) == ["Editorial"]


def test_french_sommaire_over_short_lines_with_page_numbers() -> None:
    text = (
        "Lettre du comité\n"
        "Sommaire\n"
        "P2\n"
        "Le mot du président\n"
        "P3\n"
        "Vie des sections\n"
        "L'année a bien commencé pour notre comité qui accueille vingt nouveaux membres.\n"
        "Le mot du président\n"
        "Nous avons tenu notre assemblée générale à Lunel devant cent adhérents.\n"
        "Vie des sections\n"
        "La section de Sète organise trois sorties en mer au printemps prochain.\n"
    )
    assert _titles(text, "fr") == ["Le mot du président", "Vie des sections"]


def test_without_a_list_of_contents_a_lone_line_heads_nothing() -> None:
    text = f"Heathland Society Newsletter\n\nOrchids return to Kell Hill Mara Voss\n\n{PROSE}\n"
    assert _titles(text) == []


# --- an exclamation ----------------------------------------------------------------------


def test_long_exclamation_is_a_sentence_of_the_text_not_a_heading() -> None:
    text = (
        "Choir Notes\n"
        "Rehearsals went well this month and the new alto section has settled in nicely.\n"
        "It is almost summer in our little choir too!\n"
        f"{PROSE * 3}\n"
        "Save the date!\n"
        f"{PROSE * 3}\n"
        "Concert news\n"
        f"{PROSE * 3}\n"
    )
    assert _titles(text) == ["Save the date!", "Concert news"]
