"""Plain-text headings and mastheads of bulletins of many publishers: a heading over one short
line, a heading ending with a colon, a masthead that runs into the first heading or carries an
address, and the lines that only look like headings (a signature, the fields of a form, a
price list, items numbered without a full stop).

Every bulletin here is invented (names, places and events), in English and in French."""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText
from pipeline.structure.furniture import heading_words, heads_nothing
from pipeline.structure.headings import text_headings
from pipeline.structure.masthead import find_masthead
from pipeline.structure.sections import find_sections

PROSE = "The volunteers cleared the creek bank of blackberry and planted forty young wattles there. "
PROSE_FR = "Les bénévoles ont nettoyé la berge du ruisseau et planté quarante jeunes saules ce mois-ci. "


def _titles(text: str, language: str = "en") -> list[str]:
    return [text[h.char_start : h.char_end] for h in text_headings(text, language)]


def _title(text: str, language: str = "en") -> str | None:
    sections = find_sections("d", DocumentText("x.txt", text), language)
    return find_masthead(sections, "x.txt", language=language).title


# --- a heading followed by a single short line ------------------------------------------


def test_heading_over_a_one_word_statement() -> None:
    text = (
        "Storm Response Update No. 4\n\n"
        f"Current situation\n\n{PROSE}\n\n"
        "Outstanding requests\n\nNone.\n\n"
        f"Next steps\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Current situation", "Outstanding requests", "Next steps"]


def test_heading_over_a_short_title_line_ending_a_sentence() -> None:
    text = (
        "Harbour Friends\n\n"
        f"About the group\n\n{PROSE}\n\n"
        f"From the noticeboard\n\nWinter lecture series 2023.\n\n{PROSE}\n"
    )
    assert _titles(text) == ["About the group", "From the noticeboard"]


def test_last_heading_of_a_web_page_over_one_short_sentence() -> None:
    text = (
        "Drought Bulletin: Tuesday 4 March\n"
        "Rainfall over the northern districts stayed well below the seasonal average again this week.\n"
        "Water Trucking\n"
        "Eleven tankers delivered water to farms around Lowood and Pine Creek on four days of the week.\n"
        "Livestock Support\n"
        "Fodder was handed out at three depots.\n"
    )
    assert _titles(text) == ["Water Trucking", "Livestock Support"]


@pytest.mark.parametrize(
    "after",
    [
        "Harbour Office, Ms.",  # ends with an abbreviation, not a sentence
        "Bring: hat, gloves, water.",  # a field of a form
    ],
)
def test_a_line_over_an_abbreviation_or_a_field_heads_nothing(after: str) -> None:
    text = f"Reserve Notes\n\n{PROSE}\n\nLookout track\n\n{after}\n\nGrass survey\n\n{PROSE}\n"
    assert "Lookout track" not in _titles(text)


# --- headings that end with a colon ------------------------------------------------------


def test_title_case_heading_with_a_colon_heads_a_list_of_short_lines() -> None:
    text = (
        "Bushfire Readiness\n\n"
        f"{PROSE}\n\n"
        f"Be Ready\n\n{PROSE}\n\n"
        "Useful Contacts:\n\nRural Fire Brigade\n\nState Emergency Service\n"
    )
    assert _titles(text) == ["Be Ready", "Useful Contacts"]


def test_capitals_headings_with_a_colon_in_french() -> None:
    text = (
        "SÉANCE DU 3 MARS 2022\n\n"
        "Présents : tous les conseillers, sauf Madame Leroux qui a donné procuration à Monsieur Petit.\n\n"
        "TARIFS DE LA CANTINE :\n"
        "Le conseil décide, à l'unanimité de ses membres, de garder les tarifs de l'an passé :\n\n"
        "GARDERIE DU SOIR :\n"
        "2 € la séance (inchangé)\n"
    )
    assert _titles(text, "fr") == ["TARIFS DE LA CANTINE", "GARDERIE DU SOIR"]


@pytest.mark.parametrize(
    ("first", "second", "language"),
    [
        ("SPRING WORKING BEE.", "HEDGE PLANTING AT MILL LANE.", "en"),
        ("ASSEMBLÉE GÉNÉRALE ET CONFÉRENCE.", "CHANTIER DU MARAIS.", "fr"),
    ],
)
def test_capitals_headings_closed_by_a_full_stop(first: str, second: str, language: str) -> None:
    prose = PROSE if language == "en" else PROSE_FR
    text = f"Riverside Notes\n\n{prose}\n\n{first}\n\n{prose}\n\n{second}\n\n{prose}\n"
    assert _titles(text, language) == [first[:-1], second[:-1]]


def test_a_long_line_in_capitals_closed_by_a_full_stop_is_a_sentence() -> None:
    shout = "PLEASE NOTE THAT THE JUNE MEETING MOVES TO THE SCOUT HALL ON THE GREEN THIS YEAR."
    text = f"Riverside Notes\n\n{PROSE}\n\n{shout}\n\n{PROSE}\n\nSeed swap\n\n{PROSE}\n"
    assert shout[:-1] not in _titles(text)


@pytest.mark.parametrize(
    ("label", "language"), [("Contact:", "en"), ("Photo Credits:", "en"), ("Contacts :", "fr")]
)
def test_a_caption_or_contact_label_with_a_colon_is_not_a_heading(label: str, language: str) -> None:
    text = f"Harbour Friends\n\nBe Ready\n\n{PROSE}\n\nOur Walks\n\n{PROSE}\n\n"
    text += f"{label}\n\nMary Quinn\n\n0400 000 000\n"
    assert _titles(text, language) == ["Be Ready", "Our Walks"]


def test_a_sentence_announcing_a_list_is_not_a_heading() -> None:
    text = (
        "Garden Club News\n\n"
        f"{PROSE}\n\n"
        "The following were elected:\n\nMary Quinn\n\nTom Ashby\n\n"
        f"Seed swap\n\n{PROSE}\n\nPlant sale\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Seed swap", "Plant sale"]


def test_a_priced_line_of_a_list_is_not_a_heading() -> None:
    text = (
        "TARIFS 2023\n\n"
        f"{PROSE_FR}\n\n"
        "LOCATION DE LA SALLE :\n"
        "Habitants de la commune : 180 € (inchangé)\n"
        "Associations de la commune et des communes voisines pour leurs lotos et concours : 300 €\n"
        "SALLE ANNEXE :\n"
        f"{PROSE_FR}\n"
    )
    titles = _titles(text, "fr")
    assert "Habitants de la commune : 180 € (inchangé)" not in titles
    assert titles == ["LOCATION DE LA SALLE", "SALLE ANNEXE"]


# --- masthead lines and lines that only look like headings --------------------------------


def test_capitals_heading_at_the_end_of_the_masthead_paragraph() -> None:
    text = (
        "MALAWI : Field Notes #12\n"
        "14-20 March 2021\n"
        "KEY POINTS\n\n"
        f"{PROSE}\n\n"
        f"SECURITY\n\n{PROSE}\n"
    )
    assert _titles(text) == ["KEY POINTS", "SECURITY"]


def test_capitals_body_name_over_its_address_is_the_masthead() -> None:
    text = (
        "ASSOCIATION DES AMIS DU LAVOIR\n"
        "Maison des associations – 12 rue des Tilleuls – 21000 Dijon\n"
        "Tél : 03 80 00 00 00 - Courriel : amis.lavoir@exemple.fr\n"
        "LE MOT DE LA PRÉSIDENTE\n"
        f"{PROSE_FR}\n"
        "NOS PROJETS\n"
        f"{PROSE_FR}\n"
    )
    assert _titles(text, "fr") == ["LE MOT DE LA PRÉSIDENTE", "NOS PROJETS"]


def test_a_meeting_named_by_its_acronym_and_date_is_a_title() -> None:
    text = f"AG du 4 mars 2023.\n\nRAPPORT MORAL\n\n{PROSE_FR}\n\nSORTIES\n\n{PROSE_FR}\n"
    assert _title(text, "fr") == "AG du 4 mars 2023."


def test_signature_after_a_closing_is_not_a_heading() -> None:
    text = (
        "La Lettre du Club\n"
        f"LE MOT DU PRÉSIDENT\n{PROSE_FR}\n"
        "Amitiés à tous,\n"
        "JEAN-MARC DUVAL\n"
        f"SORTIES DU PRINTEMPS\n{PROSE_FR}\n"
    )
    assert _titles(text, "fr") == ["LE MOT DU PRÉSIDENT", "SORTIES DU PRINTEMPS"]


def test_fields_of_a_form_are_not_headings() -> None:
    text = (
        "Conseil du 5 mai\n\n"
        f"Ordre du jour\n\n{PROSE_FR}\n\n"
        "Nombre de conseillers présents : 9\n\n"
        "Secrétaire de séance : M. Girard\n\n"
        "Le compte rendu de la séance précédente est lu et approuvé par tous les membres.\n\n"
        f"Subventions\n\n{PROSE_FR}\n"
    )
    assert _titles(text, "fr") == ["Ordre du jour", "Subventions"]


def test_items_numbered_with_a_wide_space_are_not_headings() -> None:
    text = (
        "Conseil municipal du 2 avril\n\n"
        "ORDRE DU JOUR\n\n"
        "1    Présentation du plan vélo (communauté de communes)\n\n"
        "2    Convention avec le syndicat des eaux pour le captage\n\n"
        "3    Vote du budget primitif de la commune et du service de l'eau.\n\n"
        f"Nouvelle bibliothèque\n\n{PROSE_FR}\n"
    )
    titles = _titles(text, "fr")
    assert not any(t[0].isdigit() for t in titles)


# --- titles ---------------------------------------------------------------------------


def test_title_ends_with_the_line_naming_the_issue_number() -> None:
    text = "MALAWI : Field Notes #12\nRESTRICTED\nabc\n14-20 March 2021\nKEY POINTS\n\n" + PROSE
    assert _title(text) == "MALAWI : Field Notes #12"


def test_a_date_line_alone_is_not_the_title() -> None:
    """The date is no title; the first heading under it stands in for one (a post that opens on
    its date, then its heading)."""
    text = f"mardi 6 avril 2021\n\nRéunion du bureau\n\n{PROSE_FR}\n\nSortie au marais\n\n{PROSE_FR}\n"
    assert _title(text, "fr") == "Réunion du bureau"


def test_a_menu_of_many_items_is_not_the_title() -> None:
    menu = "".join(f"• {item}\n" for item in ["Home", "Events 2024", "Picnic 2023", "Gallery", "Walks",
                                              "History", "Members", "Archive", "Join us", "Links"])
    text = f"{menu}\nHarbour Walkers Club\n\n{PROSE}\n\nNext walk\n\n{PROSE}\n\nLast walk\n\n{PROSE}\n"
    assert _title(text) == "Harbour Walkers Club"


# --- a paragraph that cites a web site or an e-mail address -----------------------------


def test_a_paragraph_citing_a_web_site_is_prose_under_its_heading() -> None:
    """A paragraph that names a site or an address is still the text of the heading over it,
    not a contact block's line (which would make the heading the issuing body's name)."""
    text = (
        "Grants Digest\n\nMarch 2031\n\n"
        "State arts fund\n\n"
        "The state arts fund lists its open rounds at https://arts.example.gov/rounds, with the "
        "forms each one needs and the day it closes, so check the page before you start writing.\n\n"
        "Travel awards\n\n"
        "Travel awards for early career staff are open again; write to awards@example.edu for "
        "the guidelines and the names of this year's panel, who will meet in the second week of May.\n"
    )
    assert _titles(text) == ["State arts fund", "Travel awards"]


@pytest.mark.parametrize(
    "line",
    [
        "Harbour Friends, 12 Quay Lane, Port Ellis – info@harbourfriends.example.org",
        "Visit www.harbourfriends.example.org or write to secretary@harbourfriends.example.org",
    ],
)
def test_a_contact_line_still_heads_nothing(line: str) -> None:
    assert heads_nothing(line, heading_words("en"))


# --- a headline in capitals that opens with its figure ----------------------------------


def test_a_headline_in_capitals_may_open_with_its_figure() -> None:
    text = (
        "Weekly Flood Snapshot No. 7\n\n"
        f"LOWER VALLEY\n\n12,500 FAMILIES MOVED TO HIGHER GROUND\n\n{PROSE}\n\n"
        f"UPPER VALLEY\n\n1.3 MILLION PEOPLE CUT OFF BY WATER\n\n{PROSE}\n"
    )
    assert _titles(text) == [
        "LOWER VALLEY",
        "12,500 FAMILIES MOVED TO HIGHER GROUND",
        "UPPER VALLEY",
        "1.3 MILLION PEOPLE CUT OFF BY WATER",
    ]


@pytest.mark.parametrize("line", ["448,000 People displaced", "12,500 FAMILIES", "2,400 households reached"])
def test_a_key_figure_and_its_label_heads_nothing(line: str) -> None:
    text = f"Weekly Flood Snapshot No. 7\n\nKEY FIGURES\n\n{PROSE}\n\n{line}\n\n{PROSE}\n\nOutlook\n\n{PROSE}"
    assert line not in _titles(text)


# --- a qualified caption's label and a sentence closed inside its quotes -----------------


@pytest.mark.parametrize(
    "line",
    [
        "Cover photo: Volunteers at the seed bank Credit: L. Marsh",
        "Main image: The new footbridge over Miller Creek",
    ],
)
def test_a_qualified_caption_label_heads_nothing(line: str) -> None:
    assert heads_nothing(line, heading_words("en"))


def test_a_label_of_many_words_is_no_caption() -> None:
    assert not heads_nothing("Our trip to the photo: a day out", heading_words("en"))


def test_a_sentence_closed_inside_its_quotes_is_not_a_heading() -> None:
    text = (
        "Club Notes\n\n"
        f"Gala night\n\n{PROSE}\n\n"
        'So this year it is a "Garden Party Under the Stars."\n\n'
        f"{PROSE}\n\nNew members\n\n{PROSE}\n"
    )
    assert _titles(text) == ["Gala night", "New members"]


# --- a text that opens on its article's own title -----------------------------------------


def test_a_text_opening_on_an_articles_title_keeps_it_as_the_title_not_a_section() -> None:
    # A page of one article: its title is the document's; golden files written to the format
    # list no section for it (a headings-only file has `sections: []`).
    text = f"A Word from the Chair\n[Mara Quill]\n\n{PROSE}\n\n{PROSE}\n"
    sections = find_sections("d", DocumentText("x.txt", text))
    assert [s.title for s in sections if s.title] == []
    assert find_masthead(sections, "x.txt").title == "A Word from the Chair"


@pytest.mark.parametrize(
    "opening",
    [
        "Harbour Friends Newsletter",  # names a publication
        "Harbour Friends Spring 2031",  # carries a figure
        "HARBOUR FRIENDS",  # a masthead in capitals
        "Harbour Friends\nMarch 2031",  # over its issue's date
        "Harbourside",  # one word: a name
    ],
)
def test_a_masthead_is_no_article_title(opening: str) -> None:
    text = f"{opening}\n\n{PROSE}\n\n{PROSE}\n"
    sections = find_sections("d", DocumentText("x.txt", text))
    assert [s.title for s in sections if s.title] == []


def test_the_issue_month_is_read_in_the_article_the_text_opens_on() -> None:
    text = f"A Word from the Chair\n\nOur walks resume in April 2031 after the winter break. {PROSE}\n"
    sections = find_sections("d", DocumentText("x.txt", text))
    assert find_masthead(sections, "x.txt").issue_date is not None


# --- a sentence broken off before what it announces ---------------------------------------


@pytest.mark.parametrize(
    ("fragment", "language"),
    [
        ("The winners this spring include:", "en"),
        ("Three of the new bylaws are", "en"),
        ("“Those who applied in time were", "en"),
        ("Among the projects funded this year are the", "en"),
        ("Les lauréats de cette année sont", "fr"),
        ("Le nouveau bureau comprend :", "fr"),
    ],
)
def test_a_sentence_broken_off_heads_nothing(fragment: str, language: str) -> None:
    prose = PROSE_FR if language == "fr" else PROSE
    text = f"Valley Notes\n\nFirst news\n\n{prose}\n\n{fragment}\n\n{prose}\n\nSecond news\n\n{prose}\n"
    titles = _titles(text, language)
    assert fragment.rstrip(" :") not in titles
    assert titles == (["First news", "Second news"])


@pytest.mark.parametrize(
    ("heading", "language"),
    [
        ("Who we are", "en"),  # a subject pronoun before the verb: a title
        ("Plan A", "en"),  # a capital: no article
        ("Where it was", "en"),
        ("À la une", "fr"),
        ("Ce que nous sommes", "fr"),
    ],
)
def test_a_title_ending_on_a_short_word_still_heads(heading: str, language: str) -> None:
    prose = PROSE_FR if language == "fr" else PROSE
    text = f"Valley Notes\n\nFirst news\n\n{prose}\n\n{heading}\n\n{prose}\n"
    assert heading in _titles(text, language)


def test_a_heading_wrapped_over_lines_is_read_whole_for_its_last_word() -> None:
    # The heading's first line ends on "aux"; the heading goes on over the next line.
    text = (
        "Nouvelles du port\n"
        "Numéro 14 - juin 2032\n"
        "Le plan de soutien aux\n"
        "familles sinistrées avance\n"
        "Les tempêtes de l'hiver ont déplacé plusieurs gros blocs\n"
        "le long de la digue nord et la mairie a fermé le chemin\n"
        "aux promeneurs en attendant le passage des ingénieurs.\n"
        "École de voile\n"
        "Douze enfants des deux écoles du village ont fini leur\n"
        "première saison de cours par une régate autour de la bouée.\n"
    )
    titles = [" ".join(t.split()) for t in _titles(text, "fr")]
    assert titles == ["Le plan de soutien aux familles sinistrées avance", "École de voile"]


# --- attendance lists, people named in fields, greetings -----------------------------------


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("PRESENT", "en"),
        ("Apologies:", "en"),
        ("In attendance: Ruth Kemp, Ted Hale", "en"),
        ("ETAIENT EXCUSES :", "fr"),  # capitals without accents
        ("Étaient présents", "fr"),
        ("Absents excusés : M. Roy, Mme Lin", "fr"),
    ],
)
def test_the_head_of_an_attendance_list_heads_nothing(line: str, language: str) -> None:
    assert heads_nothing(line, heading_words(language))


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Treasurer: Owen Marsh", "en"),
        ("Parish Clerk: J. Hale, tel. 01632 960 118", "en"),
        ("Minutes taken by: Mrs Ann Lee", "en"),
        ("Secrétaire de séance : Madame Léa Fournier", "fr"),
        ("Vice-président : Paul Garnier", "fr"),
        ("Madame Léa FOURNIER", "fr"),  # a name alone after its honorific
    ],
)
def test_a_field_naming_a_person_heads_nothing(line: str, language: str) -> None:
    assert heads_nothing(line, heading_words(language))


@pytest.mark.parametrize(
    "line",
    [
        "Message from the Chair: Looking ahead",  # an office, but no name after it
        "Treasurer's Report",
        "Focus: Wetland Birds of the Valley",  # a name-like value under no office
        "President's Message",
        "Welcome to the Harbour Walkers",  # a welcome that is no exclamation
    ],
)
def test_titles_near_those_fields_still_head(line: str) -> None:
    assert not heads_nothing(line, heading_words("en"))


@pytest.mark.parametrize(
    ("line", "language"),
    [("Welcome to all!", "en"), ("Welcome back, everyone!", "en"), ("Bienvenue à toutes et à tous !", "fr")],
)
def test_a_greeting_to_the_readers_heads_nothing(line: str, language: str) -> None:
    prose = PROSE_FR if language == "fr" else PROSE
    text = f"Valley Notes\n\nFirst news\n\n{prose}\n\n{line}\n\n{prose}\n\nSecond news\n\n{prose}\n"
    assert _titles(text, language) == ["First news", "Second news"]


def test_minutes_attendance_heads_are_no_sections() -> None:
    text = (
        "Compte rendu du conseil du 3 mars\n"
        "ÉTAIENT PRÉSENTS :\n"
        "Léa FOURNIER, Paul GARNIER, Anne MOREL\n"
        "ÉTAIT ABSENTE :\n"
        "Madame Inès ROUX\n"
        "Le Maire ouvre la séance à vingt heures, le quorum étant atteint, et présente l'ordre du jour.\n"
        "VOIRIE\n"
        "Le conseil approuve à l'unanimité les travaux de réfection du chemin des Vignes pour cette année.\n"
        "ÉCOLE\n"
        "Le conseil vote les tarifs de la cantine scolaire pour la rentrée prochaine, sans changement.\n"
    )
    assert _titles(text, "fr") == ["VOIRIE", "ÉCOLE"]
