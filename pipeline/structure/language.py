"""The language of a document, detected from its text, and the language that reads it.

py3langid (a naive Bayes model over byte n-grams, shipped inside its package: nothing is
downloaded) chooses among the languages of ``data/languages.yaml``. A document is read with
its own language's model and data when the settings name a model for it; otherwise with the
default language's (English), and the run says so in a warning row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipeline.core.datafiles import load_data
from pipeline.core.settings import DEFAULT_LANGUAGE


@cache
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(languages))
    return identifier


def detected_languages() -> tuple[str, ...]:
    """The ISO 639-1 codes the detector chooses among."""
    return tuple(sorted(load_data("languages.yaml")["detected"]))


def load_detector() -> None:
    """Load the detector's model now (about a second), not within the first document's time."""
    _identifier(detected_languages())


def detect_language(text: str, languages: Sequence[str] | None = None) -> str:
    """ISO 639-1 code of the language ``text`` is written in, among ``languages`` (default: those
    of ``data/languages.yaml``). A text without a letter is taken to be in the default language."""
    chosen = tuple(sorted(languages)) if languages is not None else detected_languages()
    sample = text[: int(load_data("languages.yaml")["max_chars"])]
    if not any(c.isalpha() for c in sample):
        return DEFAULT_LANGUAGE
    return str(_identifier(chosen).classify(sample)[0])


def reading_language(language: str, models: Mapping[str, str]) -> tuple[str, str | None]:
    """The language whose model and data read a document in ``language``, and the warning to give
    when that is not its own: a language with no model configured is read as the default one."""
    if language in models:
        return language, None
    return DEFAULT_LANGUAGE, (
        f"language {language!r} has no model configured (--model {language}=NAME); "
        f"read with the {DEFAULT_LANGUAGE!r} model and rules"
    )
