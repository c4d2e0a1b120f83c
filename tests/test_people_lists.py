"""Failure classes seen on fresh club and association bulletins (officers listed as "Name,
title, Name, title", a plural title after two names, a qualifier before or after a role word):
the title between two names is the first one's when the second has its own ("Ann Roe,
secretary, Bo Lee, treasurer"), also after a title joined by "et" ("X, trésorière et
responsable des achats, Y"); a plural title after a list of names is each one's, in the
singular with its complement ("past presidents of the club", French "anciens présidents");
"past", "former", "adjointe", "sortant" make a role of the role they qualify.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.names import honorific_at
from pipeline.extract.people.surroundings import between_names
from pipeline.extract.people.title_words import previous_apposition, singular_role
from pipeline.extract.words import doc_words

# --------------------------------------------------------------------------- rules (no model)


def _words(text: str, lang: str = "en"):
    return doc_words(spacy.blank(lang)(text))


def _index(words, text: str) -> int:
    return next(k for k, w in enumerate(words) if w.text == text)


def _taken(words, *names: str) -> set[int]:
    """Indexes of the words of the given names (each a run of words)."""
    taken: set[int] = set()
    texts = [w.text for w in words]
    for name in names:
        parts = name.split()
        k = next(k for k in range(len(texts)) if texts[k : k + len(parts)] == parts)
        taken.update(range(k, k + len(parts)))
    return taken


@pytest.mark.parametrize(
    ("lang", "role", "expected"),
    [
        ("fr", "secrétaire adjointe", True),
        ("fr", "président sortant", True),
        ("fr", "ancienne présidente", True),
        ("fr", "past gouverneur", True),
        ("fr", "chercheuse associée", True),
        ("fr", "élue", True),
        ("fr", "sortant", False),  # a qualifier alone is no role
        ("fr", "adjointe du quartier", False),
        ("en", "Past President", True),
        ("en", "President-elect", True),
        ("en", "Professor Emeritus", True),
        ("en", "acting", False),
        ("en", "former", False),
    ],
)
def test_a_qualifier_makes_a_role_of_the_role_it_qualifies(lang: str, role: str, expected: bool) -> None:
    assert load_people_lexicon(lang).is_role(role) is expected


@pytest.mark.parametrize(
    ("lang", "role", "expected"),
    [
        ("en", "past presidents of the club", "past president of the club"),
        ("en", "new members", "new member"),
        ("en", "Director of Programmes", "Director of Programmes"),  # singular already
        ("fr", "anciens présidents", "ancien président"),
        ("fr", "past gouverneurs", "past gouverneur"),
        ("fr", "trésoriers adjoints de la section", "trésorier adjoint de la section"),
    ],
)
def test_a_plural_title_is_each_ones_in_the_singular(lang: str, role: str, expected: str) -> None:
    assert singular_role(role, load_people_lexicon(lang)) == expected


def test_a_second_title_joined_by_et_is_the_previous_persons() -> None:
    lexicon = load_people_lexicon("fr")
    words = _words("Léa Marchal, trésorière et responsable des achats, Paul Girard, secrétaire", "fr")
    taken = _taken(words, "Léa Marchal", "Paul Girard")
    assert previous_apposition(words, words[_index(words, "responsable")], taken, lexicon)
    # A comma right before "et" opens the next item: the title is the next person's.
    words = _words("avec Léa Marchal, et le responsable des achats, Paul Girard", "fr")
    taken = _taken(words, "Léa Marchal", "Paul Girard")
    assert not previous_apposition(words, words[_index(words, "responsable")], taken, lexicon)
    words = _words("Le bureau compte une trésorière et responsable des achats, Paul Girard", "fr")
    taken = _taken(words, "Paul Girard")
    assert not previous_apposition(words, words[_index(words, "responsable")], taken, lexicon)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Tom Hardy, treasurer, Ann Lowe, secretary", ("Tom Hardy", "Ann Lowe"), True),
        ("Tom Hardy, treasurer, and Ann Lowe, secretary", ("Tom Hardy", "Ann Lowe"), True),
        ("We thank our treasurer, Ann Lowe, secretary", ("Ann Lowe",), False),
        ("Tom Hardy and Ann Lowe, secretary", ("Tom Hardy", "Ann Lowe"), False),
    ],
)
def test_a_title_between_two_names(text: str, names: tuple[str, ...], expected: bool) -> None:
    words = _words(text)
    taken = _taken(words, *names)
    assert between_names(words, _index(words, "Ann"), taken, load_people_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("notre trésorière, madame Odile Brun", "Madame"),
        ("nous remercions monsieur Yves Tardieu", "Monsieur"),
        ("le docteur Anne Vidal", "Docteur"),
    ],
)
def test_a_french_honorific_in_lower_case(text: str, expected: str) -> None:
    words = _words(text, "fr")
    hits = [honorific_at(words, k, text, load_people_lexicon("fr")) for k in range(len(words))]
    assert [h[0] for h in hits if h] == [expected]


@pytest.mark.parametrize(
    ("lang", "role", "kind"),
    [
        ("en", "Councillor", "council"),
        ("en", "Town wide Councilperson", "council"),  # the title ends on the word
        ("en", "Deputy Mayors", "council"),
        ("en", "Treasurer", None),
        ("fr", "conseillère municipale", "conseil"),
        ("fr", "conseillers municipaux", "conseil"),
        ("fr", "maire", None),
    ],
)
def test_the_kind_of_body_a_title_is_held_in(lang: str, role: str, kind: str | None) -> None:
    assert load_people_lexicon(lang).body_kind(role) == kind


# --------------------------------------------------------------------------- the whole stage

ENGLISH = "\n".join(
    [
        "Lakeview Anglers Newsletter",
        "",
        "Annual meeting",
        "",
        "The meeting elected Dora Whitfield, treasurer, Miles Okafor, secretary, and Petra Lund, editor.",
        "Among the guests were Harold Venn and Grace Amadi, past presidents of the club.",
        "",
        "Visitors",
        "",
        "On Sunday we were joined by Ms Wilma Crane and Mr Otto Brandt, of the Ferndale Canoe Club.",
        "The Pinewood Casting Club was founded in May; Ruth Adler, president of the new club, spoke.",
        (
            "We also met Selma Gruber, who works at the Tidewater Fisheries Institute. Tom Becker, "
            "who works as a ranger, and Cora Lindahl, who works from home, sent cards."
        ),
        "The Brookvale Shire Council thanked the club; Councillor Neil Fanshawe presented the cup.",
        "",
    ]
)

FRENCH = "\n".join(
    [
        "La Lettre des Amis du Lavoir",
        "",
        "Le nouveau bureau",
        "",
        (
            "Pour cette saison, Odile Ferrand sera entourée de Bruno Castel, vice-président et "
            "responsable des sorties, Agathe Renaud, secrétaire, Inès Valette, secrétaire adjointe, "
            "Hugo Marchetti, trésorier, et Lucien Dorval, responsable du matériel."
        ),
        "",
        "La soirée s'est tenue en présence de Colette Brunel et Marc Teyssier, anciens présidents.",
        "",
        (
            "Nous saluons notre trésorière, madame Sylvie Castagné, et Gilles Perrot, élu au "
            "conseil d'administration."
        ),
        "Maëlle Rouquier, chercheuse associée du CNRS, a présenté ses travaux.",
        "",
        "Nos invités",
        "",
        (
            "Dimanche, Romane Jourdain et Fabien Leclerc, de l'association Terre des Sentiers, "
            "ont animé la marche."
        ),
        "",
    ]
)


@pytest.fixture(scope="module")
def english(run_text) -> dict[str, list[dict]]:
    return run_text("lakeview-anglers-2026-03.txt", ENGLISH)


@pytest.fixture(scope="module")
def french(run_text) -> dict[str, list[dict]]:
    return run_text("amis-du-lavoir-2026-03.txt", FRENCH)


def _roles(tables: dict[str, list[dict]]) -> dict[str, str | None]:
    return {p["name"]: p["role"] for p in tables["people"]}


def test_each_officer_of_a_list_keeps_the_title_after_the_name(english, french) -> None:
    roles = _roles(english)
    assert (roles["Dora Whitfield"], roles["Miles Okafor"], roles["Petra Lund"]) == (
        "treasurer",
        "secretary",
        "editor",
    )
    roles = _roles(french)
    assert roles["Agathe Renaud"] == "secrétaire"
    assert roles["Inès Valette"] == "secrétaire adjointe"
    assert roles["Hugo Marchetti"] == "trésorier"


def test_a_plural_title_after_two_names_is_each_ones(english, french) -> None:
    assert _roles(english)["Harold Venn"] == _roles(english)["Grace Amadi"] == "past president of the club"
    assert _roles(french)["Colette Brunel"] == _roles(french)["Marc Teyssier"] == "ancien président"


def _bodies(tables: dict[str, list[dict]]) -> dict[str, str | None]:
    return {p["name"]: p["organisation"] for p in tables["people"]}


def test_a_body_after_a_list_of_names_is_each_ones(english, french) -> None:
    bodies = _bodies(english)
    assert bodies["Wilma Crane"] == bodies["Otto Brandt"] == "Ferndale Canoe Club"
    bodies = _bodies(french)
    assert bodies["Romane Jourdain"] == bodies["Fabien Leclerc"]
    assert "Terre des Sentiers" in (bodies["Romane Jourdain"] or "")


def test_a_bodys_head_word_in_lower_case_is_the_body_of_that_kind_named_last(english) -> None:
    adler = next(p for p in english["people"] if p["name"] == "Ruth Adler")
    assert adler["role"].startswith("president")
    assert adler["organisation"] == "Pinewood Casting Club"


def test_french_titles_written_on_with_a_qualifier_and_a_lower_case_honorific(french) -> None:
    people = {p["name"]: p for p in french["people"]}
    castagne = people["Sylvie Castagné"]
    assert (castagne["honorific"], castagne["role"]) == ("Madame", "trésorière")
    assert people["Gilles Perrot"]["role"] == "élu au conseil d'administration"
    assert (people["Maëlle Rouquier"]["role"], people["Maëlle Rouquier"]["organisation"]) == (
        "chercheuse associée",
        "CNRS",
    )


def test_a_verb_of_where_a_person_works_gives_the_body(english) -> None:
    people = {p["name"]: p for p in english["people"]}
    assert people["Selma Gruber"]["organisation"] == "Tidewater Fisheries Institute"
    assert people["Tom Becker"]["role"] == "ranger"  # "works as": a title, as before
    assert people["Cora Lindahl"]["organisation"] is None  # "works from home": no body


def test_a_title_held_in_a_kind_of_body_is_held_in_the_one_the_bulletin_names(english) -> None:
    fanshawe = next(p for p in english["people"] if p["name"] == "Neil Fanshawe")
    assert fanshawe["organisation"] == "Brookvale Shire Council"
    assert next(p for p in english["people"] if p["name"] == "Dora Whitfield")["organisation"] != (
        "Brookvale Shire Council"
    )
