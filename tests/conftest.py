"""Shared fixtures: the real model loads once per test session; ../shared is optional."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
BLINDSET = ROOT.parent / "blindset"
SAMPLES = ROOT / "data" / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"
HOLDOUT = Path(__file__).resolve().parent / "holdout"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/snapshots from the current output (review the diff before committing)",
    )


@pytest.fixture(scope="session", autouse=True)
def _own_ocr_slots(tmp_path_factory: pytest.TempPathFactory):
    """The OCR engine slots of this test session, not the machine's: another run or test suite
    holding the machine's slots would make the tests that read pages at once wait for them
    (a barrier in those tests times out)."""
    from pipeline.read.ocr import slots

    folder = tmp_path_factory.mktemp("ocr-slots")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slots, "slots_folder", lambda: folder)
        yield


@pytest.fixture(scope="session")
def gazetteer():
    """The place finder's gazetteer, built once for the rule tests that call the stages directly."""
    from pipeline.extract.reference.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def blank():
    """A blank English pipeline: rule tests without a statistical model."""
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp():
    """The English model with its own entity weights: the rule tests' model. Their sentences
    state what the rules do with what that model finds; the tuned weights (``pipeline_nlp``)
    are measured on real bulletins, by the accuracy tests."""
    from pipeline.core.settings import DEFAULT_MODEL
    from pipeline.extract.nlp import load_model

    return load_model(DEFAULT_MODEL, tuned_ner=False)


@pytest.fixture(scope="session")
def pipeline_nlp():
    """The English model as a run loads it: with the entity weights tuned on the golden files."""
    from pipeline.core.settings import DEFAULT_MODEL
    from pipeline.extract.nlp import load_model

    return load_model(DEFAULT_MODEL)


def _installed_models() -> dict[str, str]:
    """The default model of each language, less those not installed here (French documents are
    then read with English, as for any language without a model)."""
    import spacy

    from pipeline.core.settings import DEFAULT_MODELS

    return {lang: name for lang, name in DEFAULT_MODELS.items() if spacy.util.is_package(name)}


@pytest.fixture(scope="session")
def fr_nlp():
    """The French model with its own entity weights (the rule tests' model, as ``nlp``), loaded
    once per session; tests that need it skip where it is not installed."""
    from pipeline.core.settings import DEFAULT_MODELS
    from pipeline.extract.nlp import ModelNotInstalled, load_model

    try:
        return load_model(DEFAULT_MODELS["fr"], "fr", tuned_ner=False)
    except ModelNotInstalled as exc:
        pytest.skip(f"the French model is not installed: {exc}")


@pytest.fixture(scope="session")
def resources(pipeline_nlp):
    """What a run loads: the tuned English model and the reference data."""
    from pipeline.core.settings import Settings
    from pipeline.execute.stages import load_resources

    return load_resources(Settings(models=_installed_models()), nlp=pipeline_nlp)


@pytest.fixture(scope="session")
def rule_resources(resources, nlp):
    """The session's reference data with the rule tests' English model (``nlp``): for tests of
    what the pipeline does with what that model finds, whatever the tuned weights find."""
    from pipeline.execute.stages import Resources
    from pipeline.extract.nlp import LanguageModels

    return Resources(LanguageModels(_installed_models(), {"en": nlp}), resources.reference)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "golden").is_dir():
        pytest.skip("../shared is not beside the repository (only CI and maintainers have it)")
    return SHARED


def _run_folder(source: Path, out: Path, resources) -> dict[str, pa.Table]:
    from pipeline.core.settings import Settings
    from pipeline.execute.run import run
    from pipeline.tables.store import read_tables

    summary = run(Settings(input_dir=source, output_dir=out, progress=False), resources=resources)
    assert summary.ok, summary.failed
    return read_tables(out)


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory, resources) -> dict[str, pa.Table]:
    """The tables of the bundled sample bulletins, from one pipeline run per test session."""
    return _run_folder(SAMPLES, tmp_path_factory.mktemp("samples-out"), resources)


@pytest.fixture(scope="session")
def holdout_tables(tmp_path_factory, resources) -> dict[str, pa.Table]:
    """The tables of the held-out bulletins in tests/holdout/raw."""
    return _run_folder(HOLDOUT / "raw", tmp_path_factory.mktemp("holdout-out"), resources)


@pytest.fixture(scope="session")
def corpus_tables(tmp_path_factory, resources, shared_dir) -> dict[str, pa.Table]:
    """The tables of ../shared/corpus (text bulletins and PDFs), from one run per session."""
    raw = tmp_path_factory.mktemp("corpus-raw")
    for path in sorted((shared_dir / "corpus").rglob("*")):
        if path.suffix in {".txt", ".pdf"}:
            shutil.copy(path, raw / path.name)
    return _run_folder(raw, tmp_path_factory.mktemp("corpus-out"), resources)


@pytest.fixture(scope="session")
def archive_tables(tmp_path_factory, resources, shared_dir) -> dict[str, pa.Table]:
    """The tables of the newsletter archive in ../shared/archive (scans read by OCR)."""
    from pipeline.core.settings import OcrSettings
    from pipeline.read.ocr import ocr_engine

    engine = ocr_engine(OcrSettings())
    if not engine.available():
        pytest.skip(f"the archive's scanned issues need OCR: {engine.problem()}")
    raw = tmp_path_factory.mktemp("archive-raw")
    for path in sorted((shared_dir / "archive").glob("*.pdf")):
        shutil.copy(path, raw / path.name)
    return _run_folder(raw, tmp_path_factory.mktemp("archive-out"), resources)


def _blindset(name: str) -> Path:
    folder = BLINDSET / name
    if not folder.is_dir():
        pytest.skip(f"../blindset/{name} is not beside the repository (the texts are not ours to commit)")
    return folder


@pytest.fixture(scope="session")
def genres_tables(tmp_path_factory, resources) -> dict[str, pa.Table]:
    """The tables of the real bulletins of other genres in ../blindset/texts."""
    return _run_folder(_blindset("texts"), tmp_path_factory.mktemp("genres-out"), resources)


@pytest.fixture(scope="session")
def pages_tables(tmp_path_factory, resources) -> dict[str, pa.Table]:
    """The tables of the English and French web-page bulletins in ../blindset/page_texts."""
    return _run_folder(_blindset("page_texts"), tmp_path_factory.mktemp("pages-out"), resources)


@pytest.fixture(scope="session")
def bilingual_resources(resources, nlp, fr_nlp):
    """The session's reference data with the rule tests' English model (``nlp``) and the
    French model beside it."""
    from pipeline.core.settings import DEFAULT_MODELS
    from pipeline.execute.stages import Resources
    from pipeline.extract.nlp import LanguageModels

    return Resources(LanguageModels(DEFAULT_MODELS, {"en": nlp, "fr": fr_nlp}), resources.reference)


@pytest.fixture(scope="session")
def run_text(tmp_path_factory, bilingual_resources):
    """A function giving the tables, as rows, of one bulletin (its file name and text) run
    through the whole pipeline with both models."""

    def tables_of(name: str, text: str) -> dict[str, list[dict]]:
        source = tmp_path_factory.mktemp(f"{Path(name).stem}-raw")
        (source / name).write_text(text, encoding="utf-8")
        out = tmp_path_factory.mktemp(f"{Path(name).stem}-out")
        tables = _run_folder(source, out, bilingual_resources)
        return {table: rows.to_pylist() for table, rows in tables.items()}

    return tables_of


@pytest.fixture(scope="session")
def french_tables(tmp_path_factory, resources) -> dict[str, pa.Table]:
    """The tables of the real French bulletins in ../blindset/fr_texts, read with the French model."""
    return _run_folder(_blindset("fr_texts"), tmp_path_factory.mktemp("french-out"), resources)


@pytest.fixture(scope="session")
def blank_fr():
    """A blank French pipeline, for rules that need no parse."""
    import spacy

    return spacy.blank("fr")
