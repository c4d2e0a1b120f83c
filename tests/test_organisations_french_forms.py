"""How French bulletins write a body's name: a name in quotes after its head ("le Centre social
« Les Tilleuls »"), a head in Title Case whose complement would be lower case ("le Conseil
Municipal des décisions"), and words in capitals that a determiner makes common nouns ("un grand
BRAVO"). Every sentence here is written for the test; rules run on ``spacy.blank("fr")``."""

from __future__ import annotations

import pytest
from french_docs import head_first_texts
from spacy.tokens import Doc

from pipeline.extract.organisations.candidates import common_nouns_in_capitals
from pipeline.extract.organisations.head_first import head_first_names
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.words import doc_words

FR_REFERENCE = language_reference(load_org_reference(), "fr")
EN_REFERENCE = load_org_reference()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a name in quotes after its head, with or without adjectives before it
        ("Rendez-vous au Centre Social « Les Tilleuls » 4, place", ["Centre Social « Les Tilleuls »"]),
        ("la Commission « Voirie et Espaces Verts » se réunira", ["Commission « Voirie et Espaces Verts »"]),
        (
            'une subvention à l\'association "Marcheurs du Bocage" pour 2024',
            ['association "Marcheurs du Bocage"'],
        ),
        ("le Comité “Amis de la Gare” a voté", ["Comité “Amis de la Gare”"]),
        # no name: a quote in lower case, a quote that runs past the line, a programme's title
        ("la Commission « travaux » se réunira", []),
        ("la Commission « Voirie\net Espaces » se réunira", []),
        ("le Programme « Zéro Plastique » démarre", []),
    ],
)
def test_a_name_in_quotes_after_its_head_is_part_of_the_name(blank_fr, text: str, names: list[str]) -> None:
    assert head_first_texts(blank_fr, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a head and an adjective in Title Case take no lower-case complement
        ("il a écrit au Conseil Municipal des décisions qu'il conteste", ["Conseil Municipal"]),
        ("Le Conseil Municipal de la commune de Berlou a voté", ["Conseil Municipal"]),
        # a capitalised complement goes on; a head in lower-case style keeps its complement
        (
            "le Syndicat Mixte du Bassin Versant de la Loue a répondu",
            ["Syndicat Mixte du Bassin Versant de la Loue"],
        ),
        ("avec l'Office national des forêts et la mairie", ["Office national des forêts"]),
        ("le Conseil de la commune", ["Conseil de la commune"]),
    ],
)
def test_a_name_in_title_case_takes_no_lower_case_complement(blank_fr, text: str, names: list[str]) -> None:
    assert head_first_texts(blank_fr, text) == names


def _doc(nlp, tagged: str) -> Doc:
    """A Doc from "word/POS" pairs: the model's tags, without the model."""
    pairs = [item.rsplit("/", 1) for item in tagged.split()]
    return Doc(nlp.vocab, words=[w for w, _ in pairs], pos=[p for _, p in pairs])


def test_a_word_in_capitals_after_an_indefinite_determiner_is_no_acronym(blank_fr) -> None:
    docs = [
        _doc(blank_fr, "Un/DET grand/ADJ BRAVO/NOUN à/ADP Léa/PROPN ./PUNCT"),
        _doc(blank_fr, "On/PRON a/AUX semé/VERB ces/DET LUPINS/NOUN ./PUNCT"),
        # a body takes the definite article; a noun between makes no common noun of the acronym
        _doc(blank_fr, "Le/DET SIVOM/PROPN a/AUX voté/VERB ./PUNCT"),
        _doc(blank_fr, "une/DET réunion/NOUN SMAB/PROPN ./PUNCT"),
        # a plural name: "les membres des ACL" is one body's
        _doc(blank_fr, "les/DET membres/NOUN des/ADP ACL/PROPN ./PUNCT"),
    ]
    assert common_nouns_in_capitals(docs, FR_REFERENCE) == {"BRAVO", "LUPINS"}


def test_english_writes_acronyms_before_nouns(blank_fr) -> None:
    doc = _doc(blank_fr, "a/DET CRWD/PROPN volunteer/NOUN")
    assert common_nouns_in_capitals([doc], EN_REFERENCE) == frozenset()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a kind of body in lower case before its proper name: an embassy, a firm, a publisher
        ("Les familles ont été reçues par l'ambassade du Pérou à Rome.", ["ambassade du Pérou"]),
        ("Le cabinet Morvan a chiffré les travaux.", ["cabinet Morvan"]),
        ("Le livre paraît aux éditions du Phare en mai.", ["éditions du Phare"]),
        # no proper name after it: no body's name
        ("Les éditions de la semaine prochaine et une société civile", []),
    ],
)
def test_a_kind_of_body_in_lower_case_before_its_name(blank_fr, text: str, names: list[str]) -> None:
    assert head_first_texts(blank_fr, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a committee, a council, a tourist office or a commission in lower case before a place
        ("Le comité des fêtes de Vernay a préparé la kermesse.", ["comité des fêtes de Vernay"]),
        ("Renseignements à l'office de tourisme de Pornic.", ["office de tourisme de Pornic"]),
        ("Une aide du conseil général du Lot est attendue.", ["conseil général du Lot"]),
        # no proper name after the head: a common noun or a body of the context
        ("Le conseil a voté ; la commission se réunira et le comité décidera.", []),
        ("Il a pris conseil auprès du comité de pilotage.", []),
        # a person named right after the name is no part of it
        (
            "Merci à l'office de tourisme de Lessay Madame Roux et au comité des fêtes.",
            ["office de tourisme de Lessay"],
        ),
        # a page number and a heading in capitals after the head, on the same line
        ("le mot du conseil Page 3 TRAVAUX DE LA PLACE", []),
    ],
)
def test_a_local_body_in_lower_case_before_its_place(blank_fr, text: str, names: list[str]) -> None:
    assert head_first_texts(blank_fr, text) == names


def _names_beside_people(nlp, text: str, people: list[str]) -> list[str]:
    """``head_first_names`` of ``text`` where the model reads ``people`` as persons."""
    doc = nlp(text)
    spans = [doc.char_span(text.index(p), text.index(p) + len(p), label="PERSON") for p in people]
    doc.ents = [s for s in spans if s is not None]
    persons = frozenset(t.i for e in doc.ents for t in e)
    words = doc_words(doc)
    found = head_first_names(words, FR_REFERENCE, persons)
    return [text[words[a].char_start : words[b - 1].char_end] for a, b in found]


@pytest.mark.parametrize(
    ("text", "people", "names"),
    [
        # a person after a link or a common noun is named beside the body, not in its name
        (
            "Merci au président du Comité des fêtes, de Luc Morand et de Anne Roy.",
            ["Luc Morand", "Anne Roy"],
            ["Comité des fêtes"],
        ),
        ("Présents : l'Office des sports Paul Vidal et Mme Roy.", ["Paul Vidal"], ["Office des sports"]),
        # a body named after a person: the person follows the head, a capitalised word or a link
        (
            "L'Association des Amis de Victor Hugo a lu.",
            ["Victor Hugo"],
            ["Association des Amis de Victor Hugo"],
        ),
        # a place the model reads as a person, after a link
        ("Voir l'office de tourisme de Lessay.", ["Lessay"], ["office de tourisme de Lessay"]),
        ("Les élèves de l'Université Denis Diderot ont lu.", ["Denis Diderot"], ["Université Denis Diderot"]),
        (
            "Elle enseigne au Collège Municipal Jean Moulin.",
            ["Jean Moulin"],
            ["Collège Municipal Jean Moulin"],
        ),
    ],
)
def test_a_person_ends_a_head_first_name(blank_fr, text: str, people: list[str], names: list[str]) -> None:
    assert _names_beside_people(blank_fr, text, people) == names
