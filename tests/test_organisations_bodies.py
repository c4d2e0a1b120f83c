"""Organisation names (English) of other genres: heads of humanitarian and security bodies
("Cluster", "Force"), a name wrapped over a line's end, and the same body written in a longer
form (with the country it opens or ends with); with a region or town it may be another body.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from test_organisations_en_names import extract

from pipeline.extract.organisations.names import head_candidates, title_runs, wrapped_at
from pipeline.extract.organisations.stage import completed_heads
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words


@pytest.fixture(scope="module")
def reference():
    return load_org_reference()


def names(text: str, reference) -> list[str]:
    """Head-word names of ``text`` on a blank pipeline (no model evidence)."""
    doc = spacy.blank("en")(text)
    words = doc_words(doc)
    return [
        " ".join(doc.text[words[a].char_start : words[b - 1].char_end].split())
        for run in title_runs(words)
        for a, b in head_candidates(words, run, reference)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tents came from the Emergency Shelter Cluster today.", ["Emergency Shelter Cluster"]),
        ("Officers of the Tonga Police Force joined us.", ["Tonga Police Force"]),
        ("the Statistics Network Report was issued", []),  # a report, not a periodical
    ],
)
def test_heads_of_other_genres(text: str, expected: list[str], reference) -> None:
    assert names(text, reference) == expected


def test_a_name_wrapped_at_the_end_of_a_paragraph_line_is_whole(reference) -> None:
    line = "The team that flew out this morning had representatives from the Tonga"
    assert names(f"{line}\nPolice Force and the Red Cross.", reference) == ["Tonga Police Force"]


def test_a_short_line_over_a_capitalised_line_is_no_wrapped_name(reference) -> None:
    doc = spacy.blank("en")("Situation Report\nResponse Team\nCyclone Ana")
    words = doc_words(doc)
    assert not any(wrapped_at(words, j) for j in range(len(words)))


@pytest.mark.model
def test_a_body_with_and_without_its_place_is_one(nlp, reference) -> None:
    orgs = extract(
        nlp,
        "Report of the Tonga National Emergency Management Office\n\nThe National Emergency "
        "Management Office (NEMO) sent a team. NEMO will report again on Friday.",
        reference,
    )
    rows = [o for o in orgs if "Emergency" in o.name]
    assert len(rows) == 1 and rows[0].acronym == "NEMO"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "News of the Tonga Reef Watch Network\n\nThe Reef Watch Network met in Nuku'alofa. "
        "The Reef Watch Network will meet again in Vava'u.",
        "Delegates met at the Ministry of Finance of Tonga. The Ministry of Finance hosted them "
        "for three days.",
    ],
)
def test_a_name_with_its_country_and_without_is_one_body(nlp, reference, text: str) -> None:
    rows = [o.name for o in extract(nlp, text, reference) if "Network" in o.name or "Finance" in o.name]
    assert len(rows) == 1, rows


@pytest.mark.model
def test_a_name_with_a_region_before_it_stays_its_own_body(nlp, reference) -> None:
    text = (
        "The Northern Territory Parks Service sent rangers. The Parks Service of the city "
        "sent a ute. The Parks Service will report."
    )
    rows = [o.name for o in extract(nlp, text, reference) if "Parks Service" in o.name]
    assert "Northern Territory Parks Service" in rows


@pytest.mark.model
def test_an_acronym_after_a_source_label_names_a_body(nlp, reference) -> None:
    text = "People in need: 2.1 million\nSource: KDMA\n\nRainfall rose in March.\nSource: OCHA\n"
    acronyms = {o.acronym for o in extract(nlp, text, reference)}
    assert {"KDMA", "OCHA"} <= acronyms


@pytest.mark.model
def test_a_source_label_before_a_longer_name_leaves_the_name_whole(nlp, reference) -> None:
    text = "Floods cut the road twice this week.\nSource: KTV News\n"
    assert "KTV" not in {o.name for o in extract(nlp, text, reference)}


@pytest.mark.model
def test_an_acronym_after_a_french_source_label_names_a_body(fr_nlp) -> None:
    from pipeline.extract.reference.organisations import language_reference

    french = language_reference(load_org_reference(), "fr")
    text = "Personnes en insécurité alimentaire : 1,2 m\nSource : CNLP\n\nLes pluies ont repris.\n"
    assert "CNLP" in {o.acronym for o in extract(fr_nlp, text, french)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She became a trustee of the King Edmund III Trust last year.", ["King Edmund III Trust"]),
        ("A grant came from the Princess Adela Foundation in May.", ["Princess Adela Foundation"]),
        # a title that is no royal's stays out of the name
        ("Director General Organisation for Coastal Safety", ["Organisation for Coastal Safety"]),
    ],
)
def test_a_body_named_after_a_royal_keeps_the_title(text: str, expected: list[str], reference) -> None:
    assert names(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a supporters' society: "Friends of ..."
        ("Join the Friends of Larkin Woods this spring.", ["Friends of Larkin Woods"]),
        ("The Friends of the Old Mill met on Monday.", ["Friends of the Old Mill"]),
        ("The Friends will meet again.", []),  # a bare head refers back
    ],
)
def test_friends_of_a_place_are_a_society(text: str, expected: list[str], reference) -> None:
    assert names(text, reference) == expected


def test_a_verb_in_a_heading_ends_the_name(reference) -> None:
    # tags as the model gives them: "Needs" is a verb with a subject
    words = ["Friends", "of", "the", "Quarry", "Needs", "Helpers"]
    tags = ["NNS", "IN", "DT", "NNP", "VBZ", "NNS"]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags)
    found = [
        doc.text[w[a].char_start : w[b - 1].char_end]
        for w in [doc_words(doc)]
        for run in title_runs(w)
        for a, b in head_candidates(w, run, reference)
    ]
    assert found == ["Friends of the Quarry"]


def test_a_bare_head_is_the_one_name_it_opens(reference) -> None:
    names = {
        "Friends",
        "Friends of Larkin Woods",
        "Council",
        "Council of Elders",
        "Council for Arts",
        "Museum",
    }
    # "Council" opens two names: it stays itself
    assert completed_heads(names, reference) == {"Friends": "Friends of Larkin Woods"}
