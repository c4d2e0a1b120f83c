"""People's titles written in apposition, after a copula or "as", and before a French name
without a comma; a body written beside a name; capitalised things that a determiner opens,
which are no people.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.core.records import DocumentText, Person
from pipeline.extract.nlp import entity_labels, parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.people import find_people
from pipeline.extract.people.evidence import NameEvidence
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.names import honorific_names
from pipeline.extract.people.title_words import run_back
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.reference.place_names import local_words
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections


def extract(nlp, text: str, language: str = "en") -> list[Person]:
    """The people stage as the pipeline runs it, with the organisations and their mentions."""
    reference = language_reference(load_org_reference(), language)
    sections = find_sections("doc", DocumentText("bulletin.txt", text))
    docs = parse_sections(nlp, sections, labels=entity_labels(language))
    orgs, mentions = find_organisations("doc", sections, docs, reference)
    located = [(m.char_start, m.entity_id) for m in mentions]
    lexicon = load_people_lexicon(language)
    return find_people(
        "doc", sections, docs, orgs, lexicon=lexicon, reference=reference, org_mentions=located
    )[0]


def person(people: list[Person], name: str) -> Person:
    matches = [p for p in people if p.name == name]
    assert matches, f"{name!r} not in {[p.name for p in people]}"
    return matches[0]


# --------------------------------------------------------------------------- rules (no model)


@pytest.mark.parametrize(
    ("text", "start", "thing"),
    [
        ("Our Spring Lantern Walk starts soon", 2, True),  # "our" opens the phrase
        ("the Harbour Fund program closed", 1, True),
        ("our Treasurer Ivo Brandt reported", 2, False),  # a title between
        ("thanks to Ivo Brandt for the cake", 2, False),  # no determiner
        ("both Ivo Brandt and Mia Holt came", 1, False),  # "both" opens no thing
    ],
)
def test_a_determiner_before_capitalised_words_opens_a_thing(text: str, start: int, thing: bool) -> None:
    doc = spacy.blank("en")(text)
    words = doc_words(doc)
    lexicon = load_people_lexicon()
    evidence = NameEvidence(lexicon, local_words(), frozenset(), [words], frozenset())
    assert evidence.opened_by_determiner(words, start) is thing


def test_french_determiners_do_not_take_the_verb_a() -> None:
    lexicon = load_people_lexicon("fr")
    assert "notre" in lexicon.thing_determiners
    assert "a" not in lexicon.thing_determiners


@pytest.mark.parametrize(
    ("text", "name"),
    [("Étaient présents M. VASSEUR et Mme Roy.", "VASSEUR"), ("Mme LEBRETON a pris la parole.", "LEBRETON")],
)
def test_a_french_surname_in_capitals_after_an_honorific(text: str, name: str) -> None:
    doc = spacy.blank("fr")(text)
    words = doc_words(doc)
    found = honorific_names(words, text, load_people_lexicon("fr"), 0, 0)
    assert name in [" ".join(w.text for w in words[n.start : n.end]) for n in found]


def test_an_english_honorific_takes_no_acronym_for_a_surname() -> None:
    text = "Mr. UNEP was not a person."
    words = doc_words(spacy.blank("en")(text))
    assert honorific_names(words, text, load_people_lexicon(), 0, 0) == []


# --------------------------------------------------------------------------- English (real model)


@pytest.mark.parametrize(
    ("text", "name", "role", "organisation"),
    [
        # A lower-case title after "our" in apposition, with the place its office is in.
        (
            "Meanwhile, Greta Holm, our Riverside office manager is retiring after ten years.",
            "Greta Holm",
            "office manager",
            None,
        ),
        # A copula and a possessive.
        (
            "Paul Okoro is our new VP of Outreach and will plan the talks.",
            "Paul Okoro",
            "VP of Outreach",
            None,
        ),
        # An auxiliary and an adverb before a verb of "as".
        (
            "We are pleased that Lena Marsh has recently joined us as our Senior Program Officer.",
            "Lena Marsh",
            "Senior Program Officer",
            None,
        ),
        # Two titles joined by "and" are one title.
        (
            "Maria Lopez, Chair and Founder of Bright Path Consulting, opened the day.",
            "Maria Lopez",
            "Chair and Founder",
            None,
        ),
        # The body written after the title, not one the title's field matches.
        (
            "The Botany Division hosted the talk. Tariq Haddad, professor of botany, Greenfield "
            "College, gave it.",
            "Tariq Haddad",
            "professor of botany",
            "Greenfield College",
        ),
        # A copula with no article before the title, after an adverb of time.
        (
            "Faculty news\n\nDr. Ivan Petrov, who is currently dean of the Faculty of Science at "
            "Northgate University, will chair the panel.",
            "Ivan Petrov",
            "dean",
            "Northgate University",
        ),
        ("Garden club\n\nLast spring Tessa Lang became our new secretary.", "Tessa Lang", "secretary", None),
        # "take over as": a verb of "as" after an auxiliary.
        (
            "Staff news\n\nIn August Rhona Kell will take over as the new director of research at "
            "Eastmoor University.",
            "Rhona Kell",
            "director of research",
            "Eastmoor University",
        ),
    ],
)
def test_titles_in_apposition_and_after_a_verb(nlp, text: str, name: str, role: str, organisation) -> None:
    found = person(extract(nlp, text), name)
    assert found.role is not None and set(role.lower().split()) <= set(found.role.lower().split())
    if organisation is not None:
        assert found.organisation == organisation


@pytest.mark.parametrize(
    ("text", "name", "organisation"),
    [
        (
            "Weekly briefing\n\nAt the briefing, Martina Okafor, for the World Food Programme (WFP), "
            "said that rations had been cut.",
            "Martina Okafor",
            "World Food Programme",
        ),
        (
            "Weekly briefing\n\nOlav Brenn, for the International Organization for Migration, said "
            "that arrivals rose.",
            "Olav Brenn",
            "International Organization for Migration",
        ),
    ],
)
def test_a_body_after_a_comma_and_for(nlp, text: str, name: str, organisation: str) -> None:
    """A spokesperson's body after the comma: "X, for the Y, said" (not "for the Y" whole)."""
    assert person(extract(nlp, text), name).organisation == organisation


@pytest.mark.parametrize(
    ("text", "name", "organisation"),
    [
        ("Club news\n\nWe thank UNICEF's Ravi Menon for the maps.\n", "Ravi Menon", "UNICEF"),
        ("Club news\n\nThe World Bank's Tariq Salim sent the data.\n", "Tariq Salim", "World Bank"),
        # A person's possessive is no body.
        ("Club news\n\nLast year Mary's cousin Jan Buller came.\n", "Jan Buller", None),
    ],
)
def test_a_body_s_possessive_before_a_name(nlp, text: str, name: str, organisation) -> None:
    assert person(extract(nlp, text), name).organisation == organisation


def test_a_title_with_its_own_complement_is_not_joined_to_the_next(nlp) -> None:
    text = "Ms. Lina Obi, Dean of the Coast School of Governance and Chair of the jury, gave the prizes."
    found = person(extract(nlp, text), "Lina Obi")
    assert (found.role, found.organisation) == ("Dean", "Coast School of Governance")


def test_a_label_before_a_name_is_no_body_when_one_follows(nlp) -> None:
    text = "WHO: Tom Baxter, Office of the Harbour Board (OHB), and Ann Lyle, Coastal Relief Fund (CRF)."
    assert person(extract(nlp, text), "Tom Baxter").organisation == "Office of the Harbour Board"


def test_a_lower_case_noun_before_the_title_stays_in_it(nlp) -> None:
    text = (
        "The Harbour Volunteers Group sent 30 people. The diary was written by Mina Patel, the "
        "group leader, who thanked everyone."
    )
    assert person(extract(nlp, text), "Mina Patel").role == "group leader"


@pytest.mark.parametrize("dash", ["\u2013", "\u2014"])
def test_a_dash_between_the_title_and_its_body(nlp, dash: str) -> None:
    text = f"Park news\n\nKim Lee, Manager {dash} Greening Australia, sent plants for the slope.\n"
    found = person(extract(nlp, text), "Kim Lee")
    assert (found.role, found.organisation) == ("Manager", "Greening Australia")


def test_a_lower_case_head_word_refers_to_no_body_named_later(nlp) -> None:
    """ "the group leader" is no reference to a "... Group" the bulletin names only further on."""
    text = (
        "Harbour Relief Report\n\nThe account below was written by Nora Quist, the group leader, on "
        "the road. Later Tom Ash from the Coastal Media Group joined the convoy.\n"
    )
    found = person(extract(nlp, text), "Nora Quist")
    assert (found.role, found.organisation) == ("group leader", None)


def test_a_caption_label_before_a_name_is_no_body(nlp) -> None:
    text = "L-R: Jana Novak (Treasurer), Piet Mol (Secretary) at the plant stall."
    found = person(extract(nlp, text), "Jana Novak")
    assert (found.role, found.organisation) == ("Treasurer", None)


def test_a_field_then_the_body_after_at(nlp) -> None:
    text = "Ms. Dana Wolfe, Head of Partnerships at Northwind Energy, joined the panel."
    found = person(extract(nlp, text), "Dana Wolfe")
    assert (found.role, found.organisation) == ("Head of Partnerships", "Northwind Energy")


def test_capitalised_words_after_our_are_no_person(nlp) -> None:
    text = "Our autumn round is over. Our Fall Grant Cycle will start in May, led by Nadia Brook."
    names = [p.name for p in extract(nlp, text)]
    assert not any("Grant" in n for n in names)


# --------------------------------------------------------------------------- French (real model)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # Head-first titles before the name, opened by an article, no comma.
        (
            "Dans son discours, l'adjointe aux sports Céline Marchal a remercié les clubs.",
            "Céline Marchal",
            "adjointe aux sports",
        ),
        ("Le maire lyonnais Michel Bardot a rappelé le rôle des associations.", "Michel Bardot", "maire"),
        # A title in brackets after an honorific and a surname.
        (
            "Mme le Maire, présente avec M. Girard (chargé des affaires culturelles), a salué les membres.",
            "Girard",
            "chargé des affaires culturelles",
        ),
        ("Étaient présents M. Royer (Conseiller départemental) et M. FABRE (Député).", "FABRE", "Député"),
        # A label of two words in an inline list: its adjective is part of the role.
        (
            "Le nouveau bureau. Présidente d'honneur : Mme Odile Rambert, maire ; président : "
            "Gaston Fabre ; trésorière adjointe : Lucie Fabre ; secrétaire : Paul Ritter.\n",
            "Lucie Fabre",
            "trésorière adjointe",
        ),
    ],
)
def test_french_titles_before_and_in_brackets(fr_nlp, text: str, name: str, role: str) -> None:
    found = person(extract(fr_nlp, text, "fr"), name)
    assert found.role is not None and role.lower() in found.role.lower()


@pytest.mark.parametrize(
    ("text", "name", "role", "organisation"),
    [
        (
            "Claire Vasseur, historienne de l'Université de Namur, a été élue à l'Académie.",
            "Claire Vasseur",
            "historienne",
            "Université de Namur",
        ),
        ("Paul Dorval, musicologue (ULB), est réélu.", "Paul Dorval", "musicologue", "ULB"),
    ],
)
def test_a_french_profession_in_apposition(
    fr_nlp, text: str, name: str, role: str, organisation: str
) -> None:
    found = person(extract(fr_nlp, text, "fr"), name)
    assert (found.role, found.organisation) == (role, organisation)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A lower-case title after its article, an adjective, then the name; a French verb
        # ending like a Latin epithet ("dira") after the name.
        ("Dans son allocution, le maire bressan Gilles Marot dira sa satisfaction.", "Gilles Marot", "maire"),
        ("La présidente Odile Perrin a ouvert la séance.", "Odile Perrin", "présidente"),
    ],
)
def test_a_french_lower_case_title_before_a_name(fr_nlp, text: str, name: str, role: str) -> None:
    found = person(extract(fr_nlp, text, "fr"), name)
    assert found.role is not None and found.role.startswith(role)


@pytest.mark.parametrize(
    ("name", "role", "organisation"),
    [
        ("Marcel Dubreuil", "président", "Club des Aînés"),
        ("Sophie Lartigue", "conseillère municipale", None),
        ("Hugues Ferrand", "adjoint aux sports", None),
    ],
)
def test_a_french_title_after_a_name_with_no_comma(fr_nlp, name: str, role: str, organisation) -> None:
    """French press style: "Paul Roy président du Club" has no comma between name and title."""
    text = (
        "La fête du village\n\nSamedi dernier, Marcel Dubreuil président du Club des Aînés a accueilli "
        "les habitants, entouré de Sophie Lartigue conseillère municipale et de Hugues Ferrand "
        "adjoint aux sports.\n"
    )
    found = person(extract(fr_nlp, text, "fr"), name)
    assert found.role == role
    if organisation is not None:
        assert found.organisation == organisation


def test_a_french_role_phrase_in_lower_case_runs_back_whole() -> None:
    """ "; trésorière adjointe : X": the run back from the colon takes the head of the phrase too."""
    words = doc_words(spacy.blank("fr")("secrétaire : Paul Roy ; trésorière adjointe : Léa Roy"))
    end = [w.text for w in words].index("adjointe")
    run = run_back(words, end, set(), load_people_lexicon("fr"))
    assert [w.text for w in run] == ["trésorière", "adjointe"]


@pytest.mark.parametrize(
    ("text", "name", "organisation"),
    [
        (
            "La vie du village\n\nJean Roux, de l'association Les Amis du Marais, a guidé la sortie.\n",
            "Jean Roux",
            "Les Amis du Marais",
        ),
        (
            "La vie du village\n\nAnne Vidal, de Médecins Sans Frontières (MSF), a parlé.\n",
            "Anne Vidal",
            "MSF",
        ),
        # A place after "de" is no body.
        ("La vie du village\n\nMarc Blin, de Lyon, est venu à la fête.\n", "Marc Blin", None),
    ],
)
def test_a_french_body_after_a_comma_and_de(fr_nlp, text: str, name: str, organisation) -> None:
    assert person(extract(fr_nlp, text, "fr"), name).organisation == organisation


def test_a_body_then_a_participle_of_office_and_by(nlp, fr_nlp) -> None:
    """ "the Harbour Trust, chaired by Ann Lee": her office, held in the body named before."""
    text = "Club news\n\nThe Harbour Heritage Trust, chaired by Ann Lee, met on Monday.\n"
    found = person(extract(nlp, text), "Ann Lee")
    assert (found.role, found.organisation) == ("chair", "Harbour Heritage Trust")
    text = "Weekly notes\n\nThe panel was chaired by Prof. Maria Costa on Monday.\n"
    found = person(extract(nlp, text), "Maria Costa")
    assert (found.role, found.organisation) == ("chair", None)  # a common noun names no body
    text = (
        "Weekly notes\n\nThe session was chaired by Mr. Omar Haddad, Deputy Director of the Coastal "
        "Survey Agency, on Monday.\n"
    )
    assert person(extract(nlp, text), "Omar Haddad").role == "Deputy Director"  # the fuller title
    text = "La vie du village\n\nLe Comité des fêtes, présidé par Hervé Martin, organise le bal.\n"
    found = person(extract(fr_nlp, text, "fr"), "Hervé Martin")
    assert (found.role, found.organisation) == ("président", "Comité des fêtes")


def test_a_verb_after_a_name_is_no_species_epithet() -> None:
    doc = spacy.blank("fr")("Paul Roy dira la suite.")
    words = doc_words(doc)
    words = [w._replace(tag="VERB") if k == 2 else w for k, w in enumerate(words)]
    lexicon = load_people_lexicon("fr")
    evidence = NameEvidence(lexicon, local_words(), frozenset(), [words], frozenset())
    assert not evidence.genus(words, 2)


def test_a_french_title_wrapped_at_a_line_end_is_one_line(fr_nlp) -> None:
    text = "Le nouveau bureau :\n– Sophie MARCHAND, présidente\n– Luc DORIAN, trésorier\n"
    assert person(extract(fr_nlp, text, "fr"), "Sophie MARCHAND").role == "présidente"


def test_a_body_cut_at_a_lower_case_word_is_the_one_the_organisations_stage_read(fr_nlp) -> None:
    text = (
        "La mission réunit Léon Diallo, Organisation mondiale de la Santé (OMS), et Anne Roy, "
        "Fonds des Nations Unies pour la population (UNFPA)."
    )
    found = person(extract(fr_nlp, text, "fr"), "Léon Diallo")
    assert found.organisation is not None and found.organisation.casefold().startswith(
        "organisation mondiale de la"
    )
