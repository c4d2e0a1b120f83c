"""Plain-text headings: lines standing alone with or without blank lines, in capitals, as
questions or run into their text, and the lines that look like headings but head nothing.

Every bulletin here is invented (names, places and events), in English and in French."""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText
from pipeline.structure.furniture import heading_words, heads_nothing
from pipeline.structure.headings import text_headings
from pipeline.structure.masthead import find_masthead
from pipeline.structure.sections import find_sections


def _titles(text: str, language: str = "en") -> list[str]:
    return [text[h.char_start : h.char_end] for h in text_headings(text, language)]


def _section_titles(text: str, language: str = "en") -> list[tuple[int | None, str | None]]:
    return [(s.number, s.title) for s in find_sections("d", DocumentText("x.txt", text), language)]


WEB_PAGE = (
    "Riverside Friends Newsletter - Autumn 2021\n"
    "Welcome to the autumn issue, with news from the orchard, the river walk and the library.\n"
    "A new path along the river\n"
    "Volunteers from Millbrook laid two hundred metres of gravel path along the east bank in October.\n"
    "The council paid for the gravel and lent us two wheelbarrows for the whole month.\n"
    "Who looks after the orchard?\n"
    "Since the spring a team of six neighbours has pruned, mulched and watered the young apple trees.\n"
)


def test_headings_of_a_web_page_without_blank_lines() -> None:
    assert _titles(WEB_PAGE) == ["A new path along the river", "Who looks after the orchard?"]


def test_a_wrapped_paragraph_has_no_heading_inside() -> None:
    wrapped = (
        "Harbour Watch\n\n"
        "The harbour master reported that the new pontoon\n"
        "Opened on time and that the\n"
        "fishing boats moved in during the first week of the month without any trouble.\n\n"
        "Second part\n\n"
        "The ferry timetable changes in the winter, with two crossings a day instead of four.\n"
    )
    assert "Opened on time and that the" not in _titles(wrapped)


FRENCH_PDF_TEXT = (
    "Lettre des Amis de Kolda\n"
    "Numéro 12 | Mars 2019\n"
    "SOMMAIRE DU NUMÉRO\n"
    "Les faits marquants du trimestre sont résumés ci-dessous pour nos adhérents.\n"
    "Le forage de Saré Bidji fonctionne depuis janvier et alimente trois\n"
    "quartiers du village en eau potable.\n"
    "Où en est la cantine scolaire ?\n"
    "La cantine a servi plus de 300 repas par jour pendant tout le mois de février,\n"
    "grâce aux dons des familles et de la mairie.\n"
    "CHIFFRES DU MOIS\n"
    "Repas servis\n"
    "6 200\n"
)


def test_capitals_and_questions_in_french_text_without_blank_lines() -> None:
    expected = ["SOMMAIRE DU NUMÉRO", "Où en est la cantine scolaire ?", "CHIFFRES DU MOIS"]
    assert _titles(FRENCH_PDF_TEXT, "fr") == expected


def test_a_line_in_capitals_inside_a_sentence_is_not_a_heading() -> None:
    text = (
        "Bulletin du Réseau\n"
        "La convention a été signée par le maire et par\n"
        "LES ASSOCIATIONS PARTENAIRES\n"
        "réunies à Ziguinchor le 4 mars.\n"
        "CALENDRIER\n"
        "Le prochain conseil se tiendra en mai.\n"
        "BUDGET ANNUEL\n"
        "Les comptes seront présentés à l'assemblée.\n"
    )
    assert _titles(text, "fr") == ["CALENDRIER", "BUDGET ANNUEL"]


def test_run_in_heading_glued_to_its_paragraph() -> None:
    text = (
        "Flood Response Update No. 7\n\n"
        "Key messages The river level at Kasanka fell by a metre this week and most roads have reopened.\n\n"
        "Shelter needs Some 4,000 families are still living in schools and churches across the north.\n"
    )
    assert _titles(text) == ["Key messages", "Shelter needs"]


def test_run_in_heading_never_ends_on_a_short_word() -> None:
    text = (
        "Notes\n\n"
        "Visite à La Paz de la délégation du réseau, accueillie par les autorités municipales.\n\n"
        "Retour sur Le Havre et ses ateliers portuaires, avec les partenaires du projet et les élus locaux.\n"
    )
    assert _titles(text, "fr") == []


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Photo: Tomas Varga", "en"),
        ("Contact: Ines Moreau", "en"),
        ("Tel: 555 0199", "en"),
        ("By Helen Marsh", "en"),
        ("Read more", "en"),
        ("Click here to register", "en"),
        ("Visit www.riverside-friends.example", "en"),
        ("Saturday 14 March 2020", "en"),
        ("Porte-parole : Awa Diallo", "fr"),
        ("Crédit photo : Jean Mbaye", "fr"),
        ("Lire la suite", "fr"),
        ("Par Mariama Sow", "fr"),
        ("mardi 3 juin", "fr"),
        ("Posted on 9 June, 2021", "en"),
        ("Last updated: Tuesday 4 May 2021", "en"),
        ("Publié le 2 février 2018", "fr"),
        ("214 Orchard Lane - Millbrook, VT 05601", "en"),
        ("9 Kestrel Road, Port Ellen", "en"),
        ("Salle des fêtes – 7 rue des Tilleuls – 41200", "fr"),
        ("LE 5 MAI 2022", "fr"),
    ],
)
def test_lines_that_head_nothing(line: str, language: str) -> None:
    assert heads_nothing(line, heading_words(language))


@pytest.mark.parametrize(
    "line",
    [
        "Looking back: Forty years of the trail",
        "Bylaws review",
        "Photography club news",
        "March of the kites",
        "AGM 2019",
        "CA du 3 mars 2020",
        "4 new street lamps for the village",
        "Updated trail map",
    ],
)
def test_headings_that_only_resemble_those_lines(line: str) -> None:
    assert not heads_nothing(line, heading_words("en"))


def test_credit_and_contact_lines_between_blank_lines_are_not_sections() -> None:
    prose = "The choir sang at the harbour festival and raised enough money for new music stands. "
    text = (
        "Harbour Choir News\n\n"
        "Contact: Ines Moreau\n\n"
        f"{prose}\n\n"
        "Summer concert\n\n"
        f"{prose}\n\n"
        "Photo: Tomas Varga\n\n"
        f"{prose}\n\n"
        "New members\n\n"
        f"{prose}\n"
    )
    assert _section_titles(text) == [(None, None), (None, "Summer concert"), (None, "New members")]


def test_a_dated_line_before_any_prose_is_the_masthead() -> None:
    prose = "The board met twice and agreed the budget for the coming year with the treasurer. "
    text = (
        "Town Manager's Weekly Notes\n\n"
        "Report for March 2020\n\n"
        f"{prose}\n\n"
        "Roads and parks\n\n"
        f"{prose}\n\n"
        "Library hours\n\n"
        f"{prose}\n"
    )
    assert _titles(text) == ["Roads and parks", "Library hours"]


def test_heading_before_a_list() -> None:
    prose = "The committee thanks every volunteer who gave a morning to the reserve this season. "
    text = (
        "Wetland Care Newsletter\n\n"
        f"{prose}\n\n"
        "Coming up\n\n"
        "- 4 May: frog count at the lower pond\n"
        "- 18 May: weeding along the boardwalk\n\n"
        "Thank you\n\n"
        f"{prose}\n"
    )
    assert _titles(text) == ["Coming up", "Thank you"]


def test_one_heading_alone_is_not_a_structure() -> None:
    text = (
        "Club Notes\n\nIntroduction\n\nThe club met on Tuesday evening and chose a new treasurer for 2025.\n"
    )
    assert _titles(text) == []


def _title(text: str, language: str = "en") -> str | None:
    sections = find_sections("d", DocumentText("x.txt", text), language)
    return find_masthead(sections, "x.txt", language=language).title


def test_title_set_over_short_lines_runs_down_to_the_issue() -> None:
    text = "amis\ndu fleuve\nBulletin N°4\njanvier à avril\n2020\nLe mot du président\n" + "Texte. " * 20
    assert _title(text, "fr") == "amis du fleuve Bulletin N°4 janvier à avril 2020"


def test_a_title_naming_its_publication_stays_one_line() -> None:
    text = "Bulletin humanitaire\nGuinée\nNuméro 7 | Mai 2018\nFAITS SAILLANTS\n" + "Texte. " * 20
    assert _title(text, "fr") == "Bulletin humanitaire"


def test_title_ends_at_the_issue_when_another_element_is_glued_after_it() -> None:
    text = "RIVERSIDE FRIENDS NEWSLETTER NO 31 JUNE 1997 Millbrook Reserve\n\nHello all.\n"
    assert _title(text) == "RIVERSIDE FRIENDS NEWSLETTER NO 31 JUNE 1997"


def test_heading_before_a_short_sentence() -> None:
    text = (
        "Orchard Club News\n\n"
        "The orchard had its best harvest in ten years, thanks to a mild and wet spring.\n\n"
        "Cider day\n\n"
        "Bring your own bottles on Saturday.\n\n"
        "Pruning course\n\n"
        "Places are limited to twelve, so book early.\n"
    )
    assert _titles(text) == ["Cider day", "Pruning course"]


def test_a_line_longer_than_the_short_sentence_after_it_is_no_heading() -> None:
    """A sentence whose stop was lost, over a short one, is not its heading."""
    text = (
        "Orchard Club News\n\n"
        "The orchard had its best harvest in ten years, thanks to a mild and wet spring.\n\n"
        "Please note that the cider day starts one hour earlier this year because of the parade\n\n"
        "Bring your own bottles on Saturday.\n\n"
        "Pruning course\n\n"
        "Places are limited to twelve, so book early.\n\n"
        "Seed swap\n\n"
        "Bring seeds in paper envelopes, labelled.\n"
    )
    assert _titles(text) == ["Pruning course", "Seed swap"]


def test_a_figure_and_its_label_are_not_a_heading() -> None:
    prose = "Aid convoys reached the eastern camps twice this week despite the heavy rain on the roads. "
    text = (
        "Drought Update No. 3\n\n"
        f"Key figures\n\n{prose}\n\n"
        "12,400 Families received seed kits\n\n"
        "* Figures from the district offices, not yet verified.\n\n"
        f"Water points\n\n{prose}\n"
    )
    assert _titles(text) == ["Key figures", "Water points"]


def test_a_heading_is_not_two_sentences() -> None:
    prose = "The rangers counted forty kiwi calls along the ridge track during the winter survey. "
    text = (
        "Ridge Rangers\n\n"
        f"Kiwi survey\n\n{prose}\n\n"
        "Trapping went well. The\n\n"
        f"{prose}\n\n"
        f"Weed control\n\n{prose}\n"
    )
    assert _titles(text) == ["Kiwi survey", "Weed control"]


def test_run_in_heading_in_french() -> None:
    text = (
        "Point de situation n° 4\n\n"
        "Contexte général La saison des pluies a provoqué des inondations dans trois régions du pays.\n\n"
        "Réponse humanitaire Les partenaires ont distribué des kits d'abris à 2 000 familles sinistrées.\n"
    )
    assert _titles(text, "fr") == ["Contexte général", "Réponse humanitaire"]


WRAPPED = """Lakeside Residents' Letter
Spring issue, with news of the jetty and the reading group.
Repairs to the old jetty
The contractors from Ashby started work on the jetty in the first week of
March and replaced eleven rotten boards, two posts and the handrail along
the eastern side, so the jetty is open again for the summer.
Reading group moves
From April the reading group meets in the back room of the Ferry Inn on the
second Tuesday of each month, with tea and biscuits provided by the landlord.
"""


def test_headings_over_paragraphs_wrapped_without_blank_lines() -> None:
    assert _titles(WRAPPED) == ["Repairs to the old jetty", "Reading group moves"]


def test_the_last_short_line_of_a_wrapped_paragraph_is_not_a_heading() -> None:
    text = WRAPPED.replace(
        "the eastern side, so the jetty is open again for the summer.", "the eastern side.\nAll done"
    )
    assert "All done" not in _titles(text)


def test_a_bulletin_opening_on_prose_has_no_title_from_it() -> None:
    text = (
        "The allotment committee met on Friday 6 May to share out the new plots and agree the rules "
        "for the water butts.\n\nThe next meeting is in July.\n"
    )
    sections = find_sections("d", DocumentText("x.txt", text))
    assert find_masthead(sections, "x.txt").title is None
    assert find_masthead(sections, "x.txt", metadata_title="Allotment News - May 2022").title == (
        "Allotment News - May 2022"
    )


def test_navigation_and_a_date_line_before_the_masthead_are_not_the_title() -> None:
    text = (
        "Skip to main content\n"
        "Home | About us | News | Contact\n\n"
        "Tuesday 4 October 2016\n\n"
        "Greenfield Foundation eNews\n\n"
        "The foundation gave twelve grants this autumn to groups working with young carers in the county.\n"
    )
    masthead = find_masthead(find_sections("d", DocumentText("x.txt", text)), "x.txt")
    assert masthead.title == "Greenfield Foundation eNews"
    assert masthead.issue_date is not None and (masthead.issue_date.year, masthead.issue_date.month) == (
        2016,
        10,
    )


def test_french_navigation_is_not_the_title() -> None:
    text = (
        "Accueil › Actualités\n\nInfolettre du Réseau des Maires\n\nLe réseau a tenu son assemblée à Lomé.\n"
    )
    assert _title(text, "fr") == "Infolettre du Réseau des Maires"


def test_a_byline_or_a_date_line_may_stand_between_a_heading_and_its_text() -> None:
    prose = "The fair raised enough for two new benches by the pond and a bird box for every class. "
    text = (
        "Parents' Association Letter\n\n"
        f"Summer fair\n\nBy Olga Reyes\n\n{prose}\n\n"
        f"Sports day\n\nFriday 12 July\n\n{prose}\n"
    )
    assert _titles(text) == ["Summer fair", "Sports day"]


# A web page's text: each paragraph one line, no blank lines, headings right after a
# masthead line, a sign-off and a form's field, none of which ends a sentence.
LINE_PARAGRAPHS = (
    "Parish Council News March 2023\n"
    "A word from the Chair\n"
    "Spring has come early to Ashdown, and the new benches by the pond are already in use by "
    "walkers, families and the Tuesday painting group, who asked us to thank the carpenters.\n"
    "- Cllr Dana Whitcombe, Chair\n"
    "Footpaths\n"
    "Contractors have cleared the bridleway behind the mill and will resurface the lane to "
    "the church and the school before the end of April (weather permitting, and only after "
    "the lambing season)\n"
)


def test_headings_after_lines_that_end_no_sentence() -> None:
    assert _titles(LINE_PARAGRAPHS) == ["A word from the Chair", "Footpaths"]


def test_headings_after_a_form_and_a_footer_over_wrapped_prose() -> None:
    text = (
        "Flood Update - Regional Emergency Office\n"
        "Report number\n"
        "07\n"
        "Status\n"
        "Active\n"
        "Overview\n"
        "Heavy rain moved east across the valley overnight and the river rose above the\n"
        "warning mark at two gauges before noon on Tuesday, as forecast.\n"
        "Regional Emergency Office | www.reo.example.org\n"
        "Supply Convoy\n"
        "A convoy of six trucks left the depot this morning with water, tarpaulins and\n"
        "blankets for the families in the lower villages, escorted by police.\n"
    )
    assert _titles(text) == ["Overview", "Supply Convoy"]


def test_a_line_with_a_comma_after_a_footer_opens_a_sentence() -> None:
    text = (
        "Club Letter Spring 2022\n"
        "What happened since March?\n"
        "We held two meetings and a fair, and the members voted for the new statutes.\n"
        "www.example-club.org\n"
        "A new member, Jonas\n"
        "Petersen, retired teacher from Lund who joined the board in May.\n"
        "Our accounts\n"
        "The treasurer closed the year with a small surplus, kept for the next school trip.\n"
    )
    titles = _titles(text)
    assert "A new member, Jonas" not in titles


def test_a_form_under_the_masthead_is_not_part_of_the_title() -> None:
    text = (
        "Flood Bulletin - Lakeside District Office\n\n"
        "Flood Bulletin\nEvent Name\nSpring Floods\nBulletin\n04\nTime & Date\n09:00 3rd April 2019\n"
        "Status\nActive\n"
        "Overview\n"
        "The lake rose above the warning mark on Monday and the district opened two shelters for\n"
        "families from the low streets, with meals served by volunteers of the sailing club.\n"
        "Shelters\n"
        "Both shelters stayed open for four nights and closed on Friday once the water fell back\n"
        "below the warning mark at every gauge around the lake and along the river.\n"
    )
    sections = find_sections("d", DocumentText("x.txt", text))
    assert [s.title for s in sections] == [None, "Overview", "Shelters"]
    masthead = find_masthead(sections, "x.txt")
    assert masthead.title == "Flood Bulletin - Lakeside District Office"


def test_a_short_name_in_capitals_heads_its_paragraph() -> None:
    # A regional snapshot: each country's name in capitals over its lines, with no blank line.
    text = (
        "Weekly Regional Snapshot (3 - 9 May 2021)\n\n"
        "PERU\n"
        "Heavy rain in the northern provinces flooded two towns and cut the coastal road for three days.\n"
        "12,000 people affected\n"
        "TOGO\n"
        "A storm damaged the roofs of forty classrooms in the Savanes region, where schools have closed.\n"
        "MALI\n"
        "Fighting near the border displaced some 3,000 people towards the camps south of the river.\n"
    )
    assert _titles(text) == ["PERU", "TOGO", "MALI"]


LONG_PROSE = "The volunteers met at the car park at nine and walked up to the north slope together."


@pytest.mark.parametrize(
    ("items", "language"),
    [
        (
            ["Mending the fence at Mill Lane", "Painting the Scout Hall", "Clearing the banks of Fern Creek"],
            "en",
        ),
        (["Madame LEROUX Anne", "Monsieur PIQUET Jean", "Madame VIDAL Rose"], "fr"),
    ],
)
def test_the_last_line_of_a_list_without_marks_is_no_heading(items: list[str], language: str) -> None:
    text = (
        "Friends of Elm Park\n\n"
        f"Working bees\n\n{LONG_PROSE}\n\n" + "\n".join(items) + f"\n\n{LONG_PROSE}\n\n"
        f"Spring fair\n\n{LONG_PROSE}\n"
    )
    assert _titles(text, language) == ["Working bees", "Spring fair"]


def test_a_headline_under_short_credit_lines_is_still_a_heading() -> None:
    text = (
        "Week in Review\n\n"
        f"Harbour news\n\n{LONG_PROSE}\n\n"
        "Port photo\n"
        "Harbour Trust\n"
        "New ferry pontoon opens at the east quay after two years of works\n\n"
        f"{LONG_PROSE}\n"
    )
    assert _titles(text) == [
        "Harbour news",
        "New ferry pontoon opens at the east quay after two years of works",
    ]


def test_lines_above_the_issues_title_line_are_the_masthead() -> None:
    # A web page's tagline and breadcrumbs stand above the issue's title line.
    text = (
        "Helping neighbours since 1984\n\n"
        "Riverside + 3 more\n\n"
        "Valley Relief Network: weekly update for the northern and eastern districts (6 - 12 June 2022)\n\n"
        f"Water points\n\n{LONG_PROSE}\n\n"
        f"Food parcels\n\n{LONG_PROSE}\n"
    )
    assert _titles(text) == ["Water points", "Food parcels"]


def test_a_heading_above_a_dated_event_line_after_prose_stays() -> None:
    text = (
        "Valley Walkers\n\n"
        f"{LONG_PROSE}\n\n"
        f"Autumn walk\n\nSunday 5 March 2023\n\n{LONG_PROSE}\n\n"
        f"Spring fair\n\n{LONG_PROSE}\n"
    )
    assert _titles(text) == ["Autumn walk", "Spring fair"]


def test_the_office_under_a_signature_is_no_heading() -> None:
    # Prose ends, the signer's name stands alone, then the office: a signature.
    text = (
        "Orchard Friends Letter\n\n"
        f"Pruning day\n\n{LONG_PROSE}\n\n"
        "Many thanks to all who came, and see you at the cider pressing.\n\n"
        "Tomas Ferreira\n\n"
        "Secretary of the Orchard Friends\n\n"
        "www.orchard-friends.org\n\n"
        "12 May 2024\n\n"
        "The cider pressing moves to the barn at Upper Green this year, with a band in the evening.\n\n"
        f"Cider pressing\n\n{LONG_PROSE}\n"
    )
    assert _titles(text) == ["Pruning day", "Cider pressing"]


def test_the_office_under_a_signature_in_french() -> None:
    text = (
        "Lettre des Amis du Lavoir\n\n"
        "Nettoyage du lavoir\n\n"
        "Les bénévoles ont vidé le bassin et repeint la charpente au mois de juin.\n\n"
        "« Un lavoir propre, c'est tout un village qui respire ! »\n\n"
        "Odile Marchand\n\n"
        "Présidente de l'association des Amis du Lavoir\n\n"
        "www.amis-du-lavoir.fr\n\n"
        "3 juin 2023\n\n"
        "La fête de la source aura lieu le premier dimanche de septembre, avec un repas partagé.\n\n"
        "Fête de la source\n\n"
        "Le repas sera servi sur la place de l'église, sous les tilleuls, à partir de midi.\n"
    )
    assert _titles(text, "fr") == ["Nettoyage du lavoir", "Fête de la source"]


def test_an_office_is_a_heading_when_no_signature_stands_above() -> None:
    # No name alone above it: "Chair's report" heads its text as any heading does.
    text = (
        "Orchard Friends Letter\n\n"
        f"Pruning day\n\n{LONG_PROSE}\n\n"
        f"Chair's report\n\n{LONG_PROSE}\n"
    )
    assert _titles(text) == ["Pruning day", "Chair's report"]


def test_a_subject_named_in_apposition_is_no_run_in_heading() -> None:
    # "The charity" / "L'association" before its name: the sentence's subject.
    text = (
        "Valley Relief Notes\n\n"
        "Key messages The river level at Kasanka fell by a metre this week and most roads have reopened.\n\n"
        "The charity Our neighbours in need opened a second kitchen in the old school last Monday.\n\n"
        "Shelter needs Some 4,000 families are still living in schools and churches across the north.\n"
    )
    assert _titles(text) == ["Key messages", "Shelter needs"]
    text_fr = (
        "Notes du réseau\n\n"
        "Contexte général La saison des pluies a provoqué des inondations dans trois régions du pays.\n\n"
        "L'association Les jardins du lac organise sa fête des semences au mois d'avril.\n\n"
        "Réponse humanitaire Les partenaires ont distribué des kits d'abris à 2 000 familles sinistrées.\n"
    )
    assert _titles(text_fr, "fr") == ["Contexte général", "Réponse humanitaire"]


def test_a_heading_opening_with_an_office_word_after_a_signature_stays() -> None:
    # "Volunteer news" names no office: a heading, though a name alone stands above it.
    text = (
        "Orchard Friends Letter\n\n"
        f"Pruning day\n\n{LONG_PROSE}\n\n"
        "Many thanks to all who came, and see you at the cider pressing.\n\n"
        "Tomas Ferreira\n\n"
        f"Volunteer news\n\n{LONG_PROSE}\n"
    )
    assert _titles(text) == ["Pruning day", "Volunteer news"]
