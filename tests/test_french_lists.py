"""French forms of issue 17 read by general mechanisms: officers listed under a role label, a
model entity running over a line break, lists of names joined by "et", elided words of the
event data, activities named with their purpose or placed by "à", key figures under their
labels (in millions when written "m"), and the page numbers of a table of contents. Every
sentence is written for the test; rules run on ``spacy.blank("fr")``, and a bulletin written
for the test runs through the whole pipeline with the French model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from pipeline.extract.events.lexicon import load_lexicon, words_of
from pipeline.extract.people.labels import label_names, label_role
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.names import listed_names, model_names
from pipeline.extract.words import doc_words

FR = load_people_lexicon("fr")


def _texts(words, names) -> list[str]:
    return [" ".join(w.text for w in words[n.start : n.end]) for n in names]


# --------------------------------------------------------------------------- people (blank)

OFFICERS = (
    "Bureau de l'association\n"
    "Présidente : Lucie Moreau\n"
    "Vice-présidents : Paul Girard\n"
    "Hugo Lambert, Inès Carpentier\n"
    "Trésoriers adjoints :\n"
    "Marc Lenoir\n"
    "Éric Dumas\n"
    "Secrétaire : Julie Caron\n"
    "Nous remercions Sophie Vasseur pour son aide.\n"
)


def test_names_listed_under_role_labels(blank_fr) -> None:
    words = doc_words(blank_fr(OFFICERS))
    found = _texts(words, label_names(words, OFFICERS, FR, 0, 0))
    assert found == [
        "Lucie Moreau", "Paul Girard", "Hugo Lambert", "Inès Carpentier", "Marc Lenoir", "Éric Dumas",
        "Julie Caron",
    ]  # fmt: skip


def test_every_name_of_a_list_takes_its_plural_label(blank_fr) -> None:
    words = doc_words(blank_fr(OFFICERS))
    names = label_names(words, OFFICERS, FR, 0, 0)
    taken = {k for n in names for k in range(n.honorific_start, n.end)}
    roles = {
        text: label_role(words, n.honorific_start, OFFICERS, taken, FR)
        for text, n in zip(_texts(words, names), names, strict=True)
    }
    assert roles["Paul Girard"] == roles["Inès Carpentier"] == "Vice-présidents"
    assert roles["Marc Lenoir"] == roles["Éric Dumas"] == "Trésoriers adjoints"
    assert roles["Julie Caron"] == "Secrétaire"


def test_a_singular_label_names_only_the_first_of_a_list(blank_fr) -> None:
    text = "Secrétaire : Julie Caron\nPaul Morin\n"
    words = doc_words(blank_fr(text))
    names = label_names(words, text, FR, 0, 0)
    taken = {k for n in names for k in range(n.start, n.end)}
    assert [label_role(words, n.start, text, taken, FR) for n in names] == ["Secrétaire", None]


def test_a_label_starts_its_line(blank_fr) -> None:
    text = "Nous saluons notre secrétaire : Julie Caron.\n"
    words = doc_words(blank_fr(text))
    assert label_names(words, text, FR, 0, 0) == []


@pytest.mark.parametrize("role", ["Trésoriers adjoints", "Vice-présidentes", "Directeurs généraux adjoints"])
def test_french_plural_role_phrases(role: str) -> None:
    assert FR.is_plural_role(role)


def test_english_plural_roles_are_unchanged() -> None:
    english = load_people_lexicon("en")
    assert english.is_plural_role("rangers") and not english.is_plural_role("Ranger")


def test_a_model_person_ends_at_a_line_break(blank_fr) -> None:
    """The model runs a name on into the next line's label ("Lucie Moreau\\nTrésorière")."""
    text = "Lucie Moreau\nTrésorière : Anne Vidal"
    doc = blank_fr(text)
    doc.ents = [Span(doc, 0, 4, "PERSON")]
    words = doc_words(doc)
    assert _texts(words, model_names(doc, words, FR, 0, 0, frozenset(), text)) == ["Lucie Moreau"]


def test_a_model_person_over_a_line_break_needs_a_role_after_it() -> None:
    """A caption over a heading ("Flood Extent Map\nCluster Status") is no name cut at the
    break: only a role word on the next line says the line above was a name."""
    from pipeline.extract.people.lexicon import load_people_lexicon as load

    english = load("en")
    blank_en = spacy.blank("en")
    text = "Flood Extent Map\nCluster Status"
    doc = blank_en(text)
    doc.ents = [Span(doc, 1, 5, "PERSON")]
    words = doc_words(doc)
    assert _texts(words, model_names(doc, words, english, 0, 0, frozenset(), text)) == []
    text = "Grace Obi\nTreasurer"
    doc = blank_en(text)
    doc.ents = [Span(doc, 0, 4, "PERSON")]
    words = doc_words(doc)
    assert _texts(words, model_names(doc, words, english, 0, 0, frozenset(), text)) == ["Grace Obi"]


def test_a_french_list_of_names_joined_by_et(blank_fr) -> None:
    text = "avec Paul Roy, Lucie Moreau et Marc Blanc"
    doc = blank_fr(text)
    for token in doc[1:]:
        if token.text[:1].isupper():
            token.tag_ = "PROPN"
    doc.ents = [Span(doc, 1, 3, "PERSON"), Span(doc, 7, 9, "PERSON")]
    words = doc_words(doc)
    assert _texts(words, listed_names(doc, words, FR, 0, 0, frozenset(), text)) == ["Lucie Moreau"]


# --------------------------------------------------------------------------- events (lexicon)


def test_elided_words_are_split_as_the_tokenizer_splits_them(blank_fr) -> None:
    assert words_of("s'est tenue") == tuple(t.text for t in blank_fr("s'est tenue"))
    assert words_of("co-organized") == ("co", "-", "organized")  # English as before
    verbs = load_lexicon("fr").event_verbs
    assert ("s'", "est", "tenue") in verbs and ("s\u2019", "est", "tenue") in verbs


def test_french_words_of_place_and_manner() -> None:
    french, english = load_lexicon("fr"), load_lexicon("en")
    assert {"à", "au", "en"} <= french.where_words and "à" not in english.where_words
    assert ("en", "ligne") in french.adjective_phrases and not english.adjective_phrases
    assert french.purpose_preps == {"pour"} and not english.purpose_preps


# --------------------------------------------------------------------------- a French bulletin (model)

BULLETIN = (
    "Lettre du Réseau des femmes rurales\nNuméro 14 | Mars 2023\n\n"
    "Sommaire\n1\nLe mot de la présidente\n2\nVie des antennes\n\n"
    "Porte-parole : Mariama Sané\n\n"
    "1. Activités\n\n"
    "La réunion du Conseil d'orientation s'est tenue le 7 février à Kolda. Une journée de "
    "sensibilisation sur la nutrition a été organisée le 8 mars à Sédhiou. Le Réseau lancera le "
    "20 avril 2023 une formation en ligne sur la transformation des céréales et la gestion des "
    "stocks. Un atelier pour recenser les besoins des coopératives a été réalisé à Ziguinchor.\n\n"
    "Bureau\n"
    "Vice-présidentes : Awa Diatta\n"
    "Fatou Badji, Khady Mané\n"
    "Trésoriers adjoints :\n"
    "Ousmane Sagna\n"
    "Idrissa Goudiaby\n\n"
    "2. Chiffres clés\n\n"
    "Nb. de ménages\n"
    "appuyés\n"
    "12 450\n"
    "Source : Direction régionale,\n"
    "Février 2023\n"
    "Nb. de coopératives\n"
    "membres du réseau\n"
    "86\n"
    "Nb. de personnes\n"
    "à assister\n"
    "2,4 m\n"
    "Source : Cadre harmonisé\n"
)


@pytest.fixture(scope="module")
def tables(run_text) -> dict[str, list[dict]]:
    return run_text("reseau-2023-03.txt", BULLETIN)


@pytest.mark.model
def test_officers_listed_under_their_labels(tables) -> None:
    roles = {r["name"]: r["role"] for r in tables["people"]}
    assert roles["Mariama Sané"] == "Porte-parole"  # a label line set apart as a heading
    assert roles["Awa Diatta"] == roles["Fatou Badji"] == roles["Khady Mané"] == "Vice-présidentes"
    assert roles["Ousmane Sagna"] == roles["Idrissa Goudiaby"] == "Trésoriers adjoints"


@pytest.mark.model
def test_french_activities_named_and_placed(tables) -> None:
    events = {r["name"]: r for r in tables["events"]}
    # a clitic opens the clause after the name
    assert events["réunion du Conseil d'orientation"]["city"] == "Kolda"
    # a passive verb dates a trigger with other senses
    assert str(events["journée de sensibilisation"]["start_date"]) == "2023-03-08"
    assert any(n.startswith("formation en ligne sur la transformation des céréales") for n in events)
    # an undated activity with its purpose, placed by "à" after the verb that reports it
    workshop = next(r for n, r in events.items() if n.startswith("atelier pour recenser les besoins"))
    assert workshop["city"] == "Ziguinchor" and workshop["start_date"] is None


@pytest.mark.model
def test_key_figures_under_their_labels(tables) -> None:
    subjects = {r["value"]: r["subject"] for r in tables["statistics"]}
    assert subjects[12450.0] == "Nb. de ménages appuyés"  # the source line below is no label
    assert subjects[86.0] == "Nb. de coopératives membres du réseau"
    # "m" after a counted figure is its scale, not metres
    assert subjects[2_400_000.0] == "Nb. de personnes à assister"
    # the page numbers of the table of contents count nothing
    assert 1.0 not in subjects and 2.0 not in subjects
