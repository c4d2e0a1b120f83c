"""The register of a meeting record: the people it lists as present, absent or excused sit on
the body whose meeting it records ("Present: Cllr Ann Roe, ..." under "Minutes of the Parish
Council"); a title between two names of a "name, title" list is the first one's; a bare title
after a copula and a participle ("est désigné secrétaire de séance", "was named treasurer").

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
from test_people_roles_en import extract, person

from pipeline.core.records import Section
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.names import Name
from pipeline.extract.people.own_body import meeting_host
from pipeline.extract.people.register import list_label, register_label, register_names, register_role
from pipeline.extract.people.stage import surname_last
from pipeline.extract.people.title_words import is_ordinal
from pipeline.extract.words import doc_words

EN = load_people_lexicon("en")
FR = load_people_lexicon("fr")

# --------------------------------------------------------------------------- labels (no model)


@pytest.mark.parametrize(
    ("language", "line", "register"),
    [
        ("en", "Present:", True),
        ("en", "Apologies for absence:", True),
        ("en", "In attendance:", True),
        ("en", "Agenda:", False),
        ("en", "Our speaker this month, a keen birder who walked the whole coast path:", False),
        ("fr", "Étaient présents :", True),
        ("fr", "Absents excusés :", True),
        ("fr", "Etaient présents Mesdames et Messieurs les Conseillers Municipaux :", True),
        ("fr", "Ordre du jour :", False),
        ("fr", "Présents :\n\nMesdames et Messieurs les Conseillers :", True),  # a label under one
        ("fr", "Ordre du jour :\n\nMesdames et Messieurs les Conseillers :", False),
    ],
)
def test_register_labels(blank, blank_fr, language: str, line: str, register: bool) -> None:
    nlp, lexicon = (blank, EN) if language == "en" else (blank_fr, FR)
    words = doc_words(nlp(f"Notes\n{line} Ann Roe"))
    colon = max(k for k, w in enumerate(words) if w.text == ":")
    assert register_label(words, colon, lexicon.register_words) is register


def _name(words, first: str, last: str) -> Name:
    start = next(k for k, w in enumerate(words) if w.text == first)
    end = next(k for k, w in enumerate(words) if w.text == last and k >= start) + 1
    return Name(0, start, end, None, start, False, "model")


REGISTER = (
    "Present: Ann Roe (Chair), Tom Lee,\n"
    "Priya Shah.\n"
    "Apologies:\n\n"
    "Ed Marsh (proxy given to Tom Lee)\n"
    "Bo Chan\n\n"
    "The clerk thanked Gary Holt for the report.\n"
    "Absent:\nIvy Moss\n__________\n"
    "The Chair opened the meeting and read a note from Ray Dunn\n"
)
LISTED = [("Ann", "Roe"), ("Tom", "Lee"), ("Priya", "Shah"), ("Ed", "Marsh"), ("Bo", "Chan"), ("Ivy", "Moss")]


@pytest.mark.parametrize(
    ("first", "last", "listed"),
    [
        ("Ann", "Roe", True),
        ("Priya", "Shah", True),
        ("Ed", "Marsh", True),
        ("Bo", "Chan", True),  # after a bracket of the list
        ("Gary", "Holt", False),  # after a sentence's end
        ("Ray", "Dunn", False),  # in a sentence with no full stop after the list
    ],
)
def test_names_on_a_register_list(blank, first: str, last: str, listed: bool) -> None:
    """Back over the names, titles and brackets of the list to its label; not over a word of
    a sentence, nor a blank line but the one right after the label."""
    words = doc_words(blank(REGISTER))
    names = [_name(words, f, s) for f, s in LISTED]
    taken = {k for n in names for k in range(n.start, n.end)}
    assert (list_label(_name(words, first, last), words, taken, EN) is not None) is listed


# --------------------------------------------------------------------------- whole stage (model)

MINUTES = (
    "Minutes of the Meeting of the Brackley Parish Council, 4 March 2031\n\n"
    "Present: Cllr Ann Roe (Chair), Cllr Tom Lee, Cllr Priya Shah.\n"
    "Apologies: Cllr Ed Marsh.\n\n"
    "The minutes of the last meeting were approved. Gary Holt of the Brackley Cycling Club asked "
    "about the new path.\n"
)


def test_people_of_a_register_sit_on_the_body_that_meets(nlp) -> None:
    people = extract(nlp, MINUTES)
    for name in ("Tom Lee", "Priya Shah", "Ed Marsh"):
        assert person(people, name).organisation == "Brackley Parish Council"
    assert person(people, "Gary Holt").organisation == "Brackley Cycling Club"


def test_a_body_written_beside_a_later_mention_outweighs_the_register(nlp) -> None:
    text = MINUTES + "Cllr Priya Shah, chair of the Brackley Allotment Society, reported on the plots.\n"
    assert person(extract(nlp, text), "Priya Shah").organisation == "Brackley Allotment Society"


def test_a_title_after_and_is_no_apposition_of_the_name_before(nlp) -> None:
    """A regression: "X, and the treasurer, Y": the title is Y's, not X's."""
    text = "The visit of the club's president, Ann Roe, and the treasurer, Tom Lee, was a success.\n"
    people = extract(nlp, text)
    assert person(people, "Tom Lee").role == "treasurer"


COMPTE_RENDU = (
    "Compte rendu de la séance du Conseil municipal du 3 mars 2031\n\n"
    "Étaient présents : M. Louis Garnier, Maire, Mme Hélène Bardin, Paul Moreau, Sylvie Roche.\n"
    "Absents excusés : Marc Dupuis.\n\n"
    "M. Paul Moreau est désigné secrétaire de séance.\n"
    "Mme Agathe Vidal, directrice de l’école, présente le projet du préau.\n"
)


@pytest.mark.model
def test_french_register_and_a_title_between_two_names(run_text) -> None:
    people = {r["name"]: r for r in run_text("conseil-2031-03.txt", COMPTE_RENDU)["people"]}
    for name in ("Hélène Bardin", "Sylvie Roche", "Marc Dupuis"):
        assert people[name]["organisation"] == "Conseil municipal"
    assert people["Agathe Vidal"]["organisation"] != "Conseil municipal"
    assert people["Louis Garnier"]["role"] == "Maire"
    # "M. Louis Garnier, Maire, Mme Hélène Bardin": the title is the first one's.
    assert people["Hélène Bardin"]["role"] is None
    # A title with no article after a copula and a participle.
    assert people["Paul Moreau"]["role"] == "secrétaire de séance"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Ann Roe was named treasurer at the meeting in May.\n", "Ann Roe", "treasurer"),
        ("Dr Tom Lee was elected chair of the Harbour Sailing Club.\n", "Tom Lee", "chair"),
    ],
)
def test_a_bare_title_after_a_copula_and_a_participle(nlp, text: str, name: str, role: str) -> None:
    assert person(extract(nlp, text), name).role == role


# --------------------------------------------------------------------------- surnames in capitals


ROLL = (
    "Compte rendu\n"
    "Présents : VIGNAL Odile, BRETON Marc-Antoine, LE GUEN\n"
    "Aurélie, Mme TESSIER Gaëlle (pouvoir à BRETON Marc-Antoine), UNICEF, Paul Marchand.\n"
    "Ordre du jour : budget ROUX Jean\n"
    "Absents : Marc DUVAL- Anne PETIT.\n"  # a dash stuck to a word: two names, not one
)


def test_names_of_a_register_written_surname_first(blank_fr) -> None:
    """Each item of the list with a surname in capitals and a first name, over a line break
    inside an item; not an acronym, nor a name the model reads, nor the next label's line."""
    words = doc_words(blank_fr(ROLL))
    found = register_names(words, ROLL, FR, 0, 0)
    texts = [" ".join(w.text for w in words[n.start : n.end] if not w.text.isspace()) for n in found]
    assert texts == ["VIGNAL Odile", "BRETON Marc-Antoine", "LE GUEN Aurélie", "TESSIER Gaëlle"]
    assert found[-1].honorific == "Mme"
    # English writes no surnames in capitals: no such reading.
    assert register_names(doc_words(blank_fr(ROLL)), ROLL, EN, 0, 0) == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("VIGNAL Odile", "Odile VIGNAL"),
        ("LE GUEN Aurélie", "Aurélie LE GUEN"),
        ("Odile VIGNAL", "Odile VIGNAL"),
        ("UNICEF", "UNICEF"),
        ("ROY TAN", "ROY TAN"),
    ],
)
def test_a_surname_first_name_is_keyed_surname_last(name: str, key: str) -> None:
    assert surname_last(name, FR) == key
    assert surname_last(name, EN) == name


def test_plural_french_honorifics_open_a_list() -> None:
    assert FR.honorifics["Mesdames"] == "Mesdames"
    assert FR.honorifics["Messieurs"] == "Messieurs"


def test_a_register_label_with_a_plural_title_gives_it_to_its_list(blank_fr) -> None:
    text = "Étaient présents les Conseillers municipaux :\nVIGNAL Odile, BRETON Marc\n"
    words = doc_words(blank_fr(text))
    found = register_names(words, text, FR, 0, 0)
    taken = {k for n in found for k in range(n.honorific_start, n.end)}
    assert [register_role(n, words, taken, FR) for n in found] == ["Conseillers municipaux"] * 2
    plain = "Présents :\nVIGNAL Odile, BRETON Marc\n"
    words = doc_words(blank_fr(plain))
    assert register_role(register_names(words, plain, FR, 0, 0)[0], words, set(), FR) is None


# --------------------------------------------------------------------------- the body that meets


def _sections(text: str) -> list[Section]:
    return [Section("doc", "s0", None, None, text, 0, len(text), 0, 1, 1)]


@pytest.mark.parametrize(
    ("language", "text", "host"),
    [
        ("en", "Minutes of the Meeting of the Kestrel Bowls Club\n\nPresent: ...", "Kestrel Bowls Club"),
        ("en", "AGM of the Friends of Lark Park, 3 May 2031\n\nThe chair opened ...", "Friends of Lark Park"),
        ("en", "Minutes of the meeting held on 3 May 2031\n\nPresent: ...", None),
        ("fr", "Compte rendu de l’Assemblée générale de Rando Plaine\n\nLa séance ...", "Rando Plaine"),
        ("fr", "Assemblée générale du Cercle Nautique, 2031\n\nLa séance ...", "Cercle Nautique"),
        ("fr", "Assemblée générale, exercice 2031\n\nLa séance ...", None),
    ],
)
def test_the_body_whose_meeting_a_masthead_records(language: str, text: str, host: str | None) -> None:
    assert meeting_host(_sections(text), load_people_lexicon(language)) == host


def test_a_shared_presidency_is_an_office() -> None:
    assert FR.is_office("coprésidente")
    assert EN.is_office("Co-President")


# --------------------------------------------------------------------------- ordinals in titles


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [("1er", True), ("1ère", True), ("2ème", True), ("2e", True), ("2nd", True), ("3rd", True),
     ("21st", True), ("2031", False), ("e", False), ("Adjoint", False)],
)  # fmt: skip
def test_ordinals_in_figures(text: str, ordinal: bool) -> None:
    assert is_ordinal(text) is ordinal


def test_an_ordinal_opens_the_title_after_a_name(nlp) -> None:
    text = (
        "Minutes of the Annual General Meeting of the Kestrel Bowls Club\n\n"
        "Present: Tom Hale, 1st Vice-President, Ann Kerr, Treasurer.\n\n"
        "The accounts were approved by the members present at the meeting.\n"
    )
    people = extract(nlp, text)
    assert person(people, "Tom Hale").role == "1st Vice-President"
    assert person(people, "Ann Kerr").role == "Treasurer"
    # Officers of the body whose meeting the masthead records.
    assert person(people, "Ann Kerr").organisation == "Kestrel Bowls Club"


@pytest.mark.model
def test_french_ordinals_in_a_list_of_names_and_titles(run_text) -> None:
    text = (
        "Compte rendu du Conseil municipal du 2 juin 2031\n\n"
        "Étaient présents : M. Paul ROY, Maire, Léa VIDAL, 1ère Adjointe, Marc HENRI, 2ème Adjoint, "
        "Anne LUCAS.\n\nLe budget de la commune est voté.\n"
    )
    people = {r["name"]: r for r in run_text("conseil-2031-06.txt", text)["people"]}
    assert people["Léa VIDAL"]["role"] == "1ère Adjointe"
    assert people["Marc HENRI"]["role"] == "2ème Adjoint"
    assert people["Anne LUCAS"]["role"] is None
