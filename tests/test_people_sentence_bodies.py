"""Failure classes seen on fresh bulletins (foundation digests, association minutes, UN press
notes): a person named "as its" title or "to its" board, in a sentence whose subject is the
body ("The X Foundation has named Ann Lee as its chair", "... welcomed Kim Tan to its team");
people in brackets after the body they came for ("the Mill Friends (Ann Lee and Bo Chen)");
an honorific written against the name with no space ("M.Paul Roy", "Dr.Jane Roe"); a title
set apart from the name by a dash ("Vice Chair – Ann Lee", "Ann Lee - treasurer"); a title
before a name wrapped over lines ("the Independent\nExpert,\nMr. X"); people listed on the lines
under a body's name ("Weston Bushcare Group / Helen Pratt, Coordinator"); "X at Y" where Y is a
body the bulletin names (not a place); the signer of a column whose heading names an office
("Letter from the President / [Jane Roe]", "Le mot de la présidente / Léa Roy"); a body's name
labelling a list of its people ("Hilltop Landcare Group: Ann Roe, Kim Tan"); a register's
"M. SURNAME Firstname" read as one name.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.extract.nlp import split_glued_honorifics
from pipeline.extract.people.affiliation_lookup import words_text
from pipeline.extract.people.columns import column_role
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.names import honorific_names
from pipeline.extract.words import doc_words

# --------------------------------------------------------------------------- rules (no model)


@pytest.mark.parametrize(
    ("lang", "text", "tokens"),
    [
        ("fr", "M.Bruno Lavigne", ["M.", "Bruno", "Lavigne"]),
        ("fr", "Mme.Aline Morel", ["Mme.", "Aline", "Morel"]),
        ("fr", "M.GIRAUD Paul", ["M.", "GIRAUD", "Paul"]),
        ("fr", "un M.A de lettres", ["un", "M.A", "de", "lettres"]),  # a degree: no name after
        ("en", "Dr.Hannah Reyes", ["Dr.", "Hannah", "Reyes"]),
        ("en", "Mr. Owen Pike", ["Mr.", "Owen", "Pike"]),  # written apart already
        ("en", "an M.Phil thesis", ["an", "M.Phil", "thesis"]),  # "M" is no English honorific
    ],
)
def test_a_glued_honorific_is_split_from_the_name(lang: str, text: str, tokens: list[str]) -> None:
    nlp = spacy.blank(lang)
    split_glued_honorifics(nlp, lang)
    assert [t.text for t in nlp(text)] == tokens


# --------------------------------------------------------------------------- the pipeline

ENGLISH = "\n".join(
    [
        "Partner News",
        "",
        "Appointments",
        "",
        (
            "The Lakeshore Heritage Foundation has appointed Irene Vogt, Samuel Achebe and "
            "Lena Park to its board of trustees, and named Hugo Brandt as its new board chair."
        ),
        (
            "The Greyfield Rowing Club welcomed Mira Castell as its treasurer in March, after the "
            "Northgate Cycling Association thanked its members."
        ),
        "",
        "Visitors",
        "",
        (
            "Guests came from the Old Mill Friends (Ruth Harlow and Dev Patel) and from the "
            "Riverside Orchard Society, whose stall sold apples."
        ),
        "We thanked Dr.Hannah Reyes for her talk.",
        "",
        "Committee",
        "",
        "The committee elected at the meeting is as follows.",
        "Vice Chair – Nora Quill",
        "Chair – Peter Walsh",
        "Secretary – Amy Chen",
        "",
        "Our thanks go to Cora Lind - treasurer, and to Tom Reid – newsletter editor.",
        "Spring Picnic – Carla Diaz will bring the cake.",
        "",
        "Contacts",
        "",
        "Please write to the groups below with any offers of help for the spring season.",
        "Fernleigh Landcare Group",
        "Margaret Wilson, Coordinator",
        "David Brown, Secretary",
        "",
        (
            "A message came from Dr Ruth Okafor at Monash University, and we met Jim Tully at "
            "Canberra on the way home."
        ),
        "",
        "Working bee",
        "",
        "The Hilltop Landcare Group organised the planting, and everyone who came was thanked.",
        "Hilltop Landcare Group: Mary Jones, Peter Smith",
        "Ranger: Tom Wilson",
        "",
    ]
)


@pytest.fixture(scope="module")
def english(run_text) -> dict[str, list[dict]]:
    return run_text("partner-news-2026-05.txt", ENGLISH)


def _person(tables: dict[str, list[dict]], name: str) -> dict:
    rows = [p for p in tables["people"] if p["name"] == name]
    assert rows, (name, [p["name"] for p in tables["people"]])
    return rows[0]


@pytest.mark.model
def test_as_its_title_is_held_in_the_body_the_sentence_opens_with(english) -> None:
    brandt = _person(english, "Hugo Brandt")
    assert brandt["role"] == "new board chair"
    assert brandt["organisation"] == "Lakeshore Heritage Foundation"
    castell = _person(english, "Mira Castell")
    assert (castell["role"], castell["organisation"]) == ("treasurer", "Greyfield Rowing Club")


@pytest.mark.model
def test_people_named_to_its_board_belong_to_the_sentences_body(english) -> None:
    for name in ("Irene Vogt", "Samuel Achebe", "Lena Park"):
        assert _person(english, name)["organisation"] == "Lakeshore Heritage Foundation"


@pytest.mark.model
def test_people_in_brackets_after_a_body_belong_to_it(english) -> None:
    for name in ("Ruth Harlow", "Dev Patel"):
        assert _person(english, name)["organisation"] == "Old Mill Friends"


@pytest.mark.model
def test_a_title_set_apart_by_a_dash(english) -> None:
    assert _person(english, "Nora Quill")["role"] == "Vice Chair"
    assert _person(english, "Peter Walsh")["role"] == "Chair"
    assert _person(english, "Cora Lind")["role"] == "treasurer"
    assert _person(english, "Tom Reid")["role"] == "newsletter editor"
    assert _person(english, "Carla Diaz")["role"] is None  # an event's name before the dash


@pytest.mark.model
def test_people_listed_under_a_bodys_name(english) -> None:
    for name, role in (("Margaret Wilson", "Coordinator"), ("David Brown", "Secretary")):
        found = _person(english, name)
        assert (found["role"], found["organisation"]) == (role, "Fernleigh Landcare Group")


@pytest.mark.model
def test_at_a_named_body_but_not_at_a_place(english) -> None:
    assert _person(english, "Ruth Okafor")["organisation"] == "Monash University"
    assert _person(english, "Jim Tully")["organisation"] is None


@pytest.mark.model
def test_a_bodys_name_labels_a_list_of_its_people(english) -> None:
    for name in ("Mary Jones", "Peter Smith"):
        assert _person(english, name)["organisation"] == "Hilltop Landcare Group"
    ranger = _person(english, "Tom Wilson")
    assert ranger["role"] == "Ranger"


@pytest.mark.model
def test_an_english_glued_honorific(english) -> None:
    assert _person(english, "Hannah Reyes")["honorific"] == "Dr."


FRENCH = "\n".join(
    [
        "Compte rendu",
        "",
        "Assemblée générale",
        "",
        (
            "Étaient présents plusieurs invités : l'Association des Amis du Lavoir (Paul Girard "
            "et Sophie Lenoir) et M.Bruno Lavigne, qui a présenté le budget."
        ),
        "Absent excusé : M.GARNIER Luc, qui a donné pouvoir.",
        "Présents : M. GIRARDOT Marcel, LAMBERT Denis, Mme VASSEUR Anne.",
        "",
        "Visites",
        "",
        "Le Rapporteur de l'OCDE et L'Experte",
        "indépendante des Nations Unies,",
        "Mme Ilse Varga, en mission au Togo, ont rencontré les élus.",
        "",
    ]
)


@pytest.fixture(scope="module")
def french(run_text) -> dict[str, list[dict]]:
    return run_text("compte-rendu-2026-05.txt", FRENCH)


@pytest.mark.model
def test_french_people_in_brackets_after_a_body_belong_to_it(french) -> None:
    for name in ("Paul Girard", "Sophie Lenoir"):
        assert _person(french, name)["organisation"] == "Association des Amis du Lavoir"


@pytest.mark.model
def test_a_french_glued_honorific(french) -> None:
    assert _person(french, "Bruno Lavigne")["honorific"] == "M."
    assert any(p["name"].startswith("GARNIER") and p["honorific"] == "M." for p in french["people"])


@pytest.mark.model
def test_a_title_wrapped_over_lines_before_a_name(french) -> None:
    varga = _person(french, "Ilse Varga")
    assert varga["role"] == "Experte indépendante"
    assert varga["organisation"] == "Nations Unies"


# --------------------------------------------------------------------------- column headings (no model)


@pytest.mark.parametrize(
    ("lang", "text", "name", "role"),
    [
        ("en", "Letter from the President\n[Diane Kowalski]\n\nThe committee met.", "Diane", "President"),
        ("en", "Treasurer’s Report\nRaj Patel\nThe accounts are sound.", "Raj", "Treasurer"),
        ("en", "Presidents Report\nAlma Reyes\n", "Alma", "President"),
        ("en", "Message from the Shire President\nTom Hale\n", "Tom", "Shire President"),
        ("en", "Club News\nRaj Patel\n", "Raj", None),  # no office in the heading
        ("en", "Letter from the President\nToday Raj Patel wrote.", "Raj", None),  # not alone on its line
        ("fr", "Le mot de la présidente\nLéa Fontaine\n\nChers adhérents.", "Léa", "présidente"),
        ("fr", "Édito du président\nPaul Girard\n", "Paul", "président"),
    ],
)
def test_a_columns_heading_gives_its_signers_role(lang: str, text: str, name: str, role: str | None) -> None:
    words = doc_words(spacy.blank(lang)(text))
    start = next(k for k, w in enumerate(words) if w.text == name)
    assert column_role(words, start, start + 2, load_people_lexicon(lang)) == role


# --------------------------------------------------------------------------- "M. SURNAME Firstname"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Présents : M. GIRARDOT Marcel, Mme VASSEUR Marie-Laure.",
            ["GIRARDOT Marcel", "VASSEUR Marie-Laure"],
        ),
        ("Absent : M. LEBLANC Jean Paul donne pouvoir.", ["LEBLANC Jean Paul"]),
        ("Mme PIOT a été élue secrétaire.", ["PIOT"]),  # the surname alone
        ("M. LEBRUN Président du club", ["LEBRUN"]),  # a title after it is no first name
    ],
)
def test_first_names_after_a_surname_in_capitals(text: str, expected: list[str]) -> None:
    lexicon = load_people_lexicon("fr")
    words = doc_words(spacy.blank("fr")(text))
    names = honorific_names(words, text, lexicon, 0, 0)
    assert [words_text(text, words[n.start : n.end]) for n in names] == expected


@pytest.mark.model
def test_a_registers_next_name_is_no_body(french) -> None:
    girardot = _person(french, "GIRARDOT Marcel")
    assert girardot["honorific"] == "M."
    assert girardot["organisation"] is None  # not "LAMBERT", the next name of the list
    assert _person(french, "VASSEUR Anne")["honorific"] == "Mme"
