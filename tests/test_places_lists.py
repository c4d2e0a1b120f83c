"""Places named in lists, and names with particles glued by hyphens ("Sar-e-Pul").

Sentences are written for these tests (no bulletin's sentence); rules run on blank
pipelines, with the model's labels set by hand where a rule reads them.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.places import find_places
from pipeline.extract.places.lists import listed_places
from pipeline.extract.reference.gazetteer import Gazetteer, language_gazetteer
from pipeline.extract.reference.place_names import local_words


def places_of(
    gazetteer: Gazetteer, doc: Doc, language: str = "en", organisations: tuple[tuple[int, int], ...] = ()
) -> dict[str, str | None]:
    section = Section("d", "d-s0", 1, None, doc.text, 0, len(doc.text), 0, 1, 1)
    places, _ = find_places(
        "d",
        [section],
        [doc],
        language_gazetteer(gazetteer, language),
        organisation_spans=organisations,
        local=local_words(language),
    )
    return {p.name: p.country_code for p in places}


def labelled(doc: Doc, **labels: str) -> Doc:
    """``doc`` with the model's entity labels set by hand: name=LABEL ("_" for a space)."""
    spans = []
    for name, label in labels.items():
        start = doc.text.index(name.replace("_", " "))
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    return doc


def test_unknown_names_listed_with_known_towns_are_places_of_that_country(gazetteer):
    text = "Rains hit 6 districts of Kenya: Kisumu, Nakuru, Kamwangi East, Rangwe and Ndhiwa."
    doc = labelled(spacy.blank("en")(text), Kisumu="GPE", Nakuru="GPE")
    found = places_of(gazetteer, doc)
    assert {found[n] for n in ("Kamwangi East", "Rangwe", "Ndhiwa")} == {"KE"}


def test_a_list_with_one_place_is_no_list_of_places(gazetteer):
    doc = spacy.blank("en")("Grants went to Nairobi, Brightwater, Oakvale and Fernhill.")
    assert places_of(gazetteer, doc) == {"Nairobi": "KE"}


def test_a_listed_name_the_model_calls_a_person_is_a_place_where_most_are_places(gazetteer):
    nlp = spacy.blank("en")
    doc = nlp("Floods reached Kisumu, Nakuru, Eldoret, Kabarnet and Wambogo in Kenya.")
    doc = labelled(doc, Kisumu="GPE", Nakuru="GPE", Wambogo="PERSON")
    assert places_of(gazetteer, doc)["Wambogo"] == "KE"


@pytest.mark.parametrize(
    "text",
    [
        "Floods reached Kisumu, Nakuru and Dr Wambogo in Kenya.",  # a person's title
        "Funds came from Kisumu, Nakuru, the WHO and UNDP in Kenya.",  # acronyms
        "Delegates from Kisumu, Nakuru, Kenyan and Ugandan towns met.",  # nationalities
    ],
)
def test_what_a_list_of_places_does_not_make_a_place(gazetteer, text):
    found = places_of(gazetteer, spacy.blank("en")(text))
    assert set(found) <= {"Kisumu", "Nakuru", "Kenya"}


def test_a_listed_name_inside_an_organisations_mention_is_no_place(gazetteer):
    doc = spacy.blank("en")("Grants went to Kisumu, Nakuru, Eldoret and Brightwater Trust in Kenya.")
    start = doc.text.index("Brightwater")
    found = places_of(gazetteer, doc, organisations=((start, start + len("Brightwater Trust")),))
    assert "Brightwater" not in found and "Brightwater Trust" not in found


def test_two_names_after_a_locative_with_one_place(gazetteer):
    doc = spacy.blank("fr")("En Côte d'Ivoire, l'équipe s'est rendue à Bouaké et Kpakohondo en mars.")
    assert places_of(gazetteer, doc, language="fr")["Kpakohondo"] == "CI"


def test_a_list_after_in_with_a_name_glued_by_hyphens(gazetteer):
    words = ["New", "floods", "occurred", "in", "Kunduz", ",", "Sar", "-", "e", "-", "Pul", ",", "Ghazni"]
    words += ["and", "Paktika", "in", "Afghanistan", "."]
    spaces = [True, True, True, True, False, True, False, False, False, False, False, True, True]
    spaces += [True, True, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    found = places_of(gazetteer, doc)
    assert found["Sar-e-Pul"] == "AF"


def test_listed_places_leaves_a_doc_without_lists_alone(gazetteer):
    doc = spacy.blank("en")("The meeting was held in Nairobi.")
    assert listed_places(doc, [], gazetteer, local_words()) == []


def test_a_particle_glued_by_hyphens_is_part_of_an_areas_name(gazetteer):
    words = [
        "Fighting",
        "in",
        "Bahr",
        "-",
        "el",
        "-",
        "Ghazal",
        "and",
        "Unity",
        "states",
        "of",
        "South",
        "Sudan",
    ]
    spaces = [True, True, False, False, False, False, True, True, True, True, True, True, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    found = places_of(gazetteer, doc)
    assert "Bahr-el-Ghazal" in found and "Ghazal" not in found


@pytest.mark.parametrize(
    "text",
    [
        "- 4 May 2022: Regional Workshop on Water Pricing, Kampala, Uganda",
        "The forum met at Lakeside Lodge, Entebbe, Uganda, in May.",
    ],
)
def test_a_name_before_its_town_and_country_is_no_listed_place(gazetteer, text):
    doc = labelled(spacy.blank("en")(text), Uganda="GPE")
    assert set(places_of(gazetteer, doc)) <= {"Kampala", "Entebbe", "Uganda"}


# ------------------------------------------------- towns the model tags after French locatives


def _french(gazetteer: Gazetteer, text: str, pos: str = "NOUN", **labels: str) -> dict[str, str | None]:
    """Places of a blank French parse whose ``labels`` names are the model's places, with the
    part of speech the French model often gives an unknown town's name."""
    doc = labelled(spacy.blank("fr")(text), **labels)
    for ent in doc.ents:
        for token in ent:
            token.pos_ = pos
    return places_of(gazetteer, doc, language="fr")


def test_a_stretch_from_one_town_to_another(gazetteer):
    found = _french(
        gazetteer, "En France, la marche allait de Vaurelhac à Montézier.", Vaurelhac="GPE", Montézier="GPE"
    )
    assert found["Vaurelhac"] == "FR" and found["Montézier"] == "FR"


def test_a_town_after_aux_and_a_region_after_dans_les(gazetteer):
    text = "En France, 40 marcheurs ont pique-niqué aux Brulières puis séjourné dans les Causses Noires."
    found = _french(gazetteer, text, pos="PROPN", Brulières="GPE", Causses_Noires="GPE")
    assert found["Brulières"] == "FR" and found["Causses Noires"] == "FR"


def test_a_name_after_de_alone_is_no_town(gazetteer):
    # "de" is also "of": without "à" after it, nothing says the name is a town
    found = _french(gazetteer, "En France, le club de Vaurelhac a voté.", Vaurelhac="GPE")
    assert "Vaurelhac" not in found


def test_an_english_town_needs_a_proper_nouns_tag(gazetteer):
    doc = labelled(
        spacy.blank("en")("In Kenya, the team walked from Kalembu to Ngiriambu."),
        Kalembu="GPE",
        Ngiriambu="GPE",
    )
    for ent in doc.ents:
        for token in ent:
            token.pos_ = "NOUN"
    assert set(places_of(gazetteer, doc)) == {"Kenya"}


def test_a_common_noun_after_a_locative_and_an_article_is_no_town(gazetteer):
    # the model tags capitalised common nouns a place: "à la Base", "à la Citoyenneté"
    found = _french(
        gazetteer, "En France, un prix de l'éducation à la Solidarité fut remis.", Solidarité="GPE"
    )
    assert "Solidarité" not in found


def test_a_full_name_the_model_calls_a_person_stays_one_in_a_list_of_places(gazetteer):
    nlp = spacy.blank("en")
    doc = nlp("Teams went to Kisumu, Nakuru, Eldoret and Amina Wambogo in Kenya.")
    doc = labelled(doc, Kisumu="GPE", Nakuru="GPE", Amina_Wambogo="PERSON")
    assert "Amina Wambogo" not in places_of(gazetteer, doc)
