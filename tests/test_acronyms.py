"""Acronym definitions (Schwartz–Hearst): rules tested on plain strings and a blank pipeline."""

from __future__ import annotations

import pytest

from pipeline.extract.acronyms import (
    acronym_pattern,
    find_definitions_in_text,
    is_acronym_token,
    is_short_form,
    match_initials,
    match_long_form,
    max_long_form_words,
)


@pytest.mark.parametrize("text", ["MODA", "PacStat", "ICTs", "DF/DHF", "UN-Habitat", "WRN Asia", "R2P"])
def test_short_forms(text: str) -> None:
    assert is_short_form(text)


@pytest.mark.parametrize("text", ["Mr", "Paris", "data", "2019", "X", "-UN", "A very long phrase"])
def test_not_short_forms(text: str) -> None:
    assert not is_short_form(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DESA", True),
        ("APS-Net", True),
        ("WeGO", True),
        ("UN DESA", False),
        ("Mr.", False),
        ("e-Gov", False),
        ("InfoComm", False),
    ],
)
def test_acronym_token(text: str, expected: bool) -> None:
    assert is_acronym_token(text) is expected


@pytest.mark.parametrize(
    ("short", "words", "first"),
    [
        ("MODA", ["the", "new", "Ministry", "of", "Digital", "Affairs"], 2),
        ("ICTs", ["information", "and", "communication", "technologies"], 0),
        # The first letter must start a word: "e-Services" may, "Rebus" may not hold the "B".
        ("NEB", ["National", "e-Board"], 0),
        ("XYZ", ["Ministry", "of", "Health"], None),
    ],
)
def test_match_long_form(short: str, words: list[str], first: int | None) -> None:
    assert match_long_form(short, words) == first


def test_match_initials_accepts_letters_out_of_order() -> None:
    assert match_initials("INE", ["Nordic", "Institute", "of", "Evaluation"]) == 0
    assert match_initials("INE", ["Nordic", "Institute", "of", "Planning"]) is None


def test_window_grows_with_the_acronym() -> None:
    assert max_long_form_words("EU") == 4
    assert max_long_form_words("UNESCO") == 11


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Yesterday the Ministry of Digital Affairs (MODA) said", "MODA", "Ministry of Digital Affairs"),
        ("staff of the Office of Budget Oversight (OBO) of the city", "OBO", "Office of Budget Oversight"),
        ("run by the Pacific Statistics Network (PacStat) team", "PacStat", "Pacific Statistics Network"),
        (
            "the Ministry of Trade, Industry and Energy (MOTIE) hosted",
            "MOTIE",
            "Ministry of Trade, Industry and Energy",
        ),
        ("INE (Nordic Institute of Evaluation) published it", "INE", "Nordic Institute of Evaluation"),
        ("AFDB (African Forestry Development Board) announced", "AFDB", "African Forestry Development Board"),
        (
            "ASEC Pacific (Association of Statistical Experts and Colleges of the Pacific) met",
            "ASEC Pacific",
            "Association of Statistical Experts and Colleges of the Pacific",
        ),
        ("volunteers of the Fijian Scout Association's (FSA) branches", "FSA", "Fijian Scout Association"),
        ("data protection impact assessments (DPIAs) are due", "DPIAs", "data protection impact assessments"),
        ("the World Forum on Open Data (WFOD 2019) closed", "WFOD", "World Forum on Open Data"),
    ],
)
def test_definitions(text: str, short: str, long: str) -> None:
    found = find_definitions_in_text(text)
    assert [(d.short, d.long) for d in found] == [(short, long)]
    d = found[0]
    assert text[d.short_start : d.short_end] == short
    assert text[d.long_start : d.long_end] == long


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was held in Lisbon (Portugal) last week.",
        "Delegates from Singapore (SG) attended.",
        "Some 42 participants (2019) took part.",
        "The programme (see annex) was adopted.",
        "The Fund (EUR 3 million) was replenished.",
        "It was signed by the Republic of Palau (PW).",
    ],
)
def test_no_definition(text: str) -> None:
    assert find_definitions_in_text(text) == []


def test_each_definition_is_found() -> None:
    text = "The Road Agency (RA) met. Later the Rail Authority (RA) met."
    assert [d.long for d in find_definitions_in_text(text)] == ["Road Agency", "Rail Authority"]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("DESA/DPIDG and DESA's staff", [(0, 4), (5, 10), (15, 19)]),
        ("UN-Habitat and the UN", [(0, 10), (19, 21)]),
        ("DESAX is not DESA, nor UN-Women", [(13, 17)]),
    ],
)
def test_acronym_pattern(text: str, spans: list[tuple[int, int]]) -> None:
    pattern = acronym_pattern(["DESA", "DPIDG", "UN", "UN-Habitat"])
    assert [m.span() for m in pattern.finditer(text)] == spans


def test_empty_acronym_pattern_matches_nothing() -> None:
    assert acronym_pattern([]).search("DESA") is None
