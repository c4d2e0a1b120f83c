"""The language of a document, detected from its text, and the language that reads it.

py3langid (a naive Bayes model over byte n-grams, shipped inside its package: nothing is
downloaded) chooses among the languages of ``data/languages.yaml``. A document is read with
its own language's model and data when the settings name a model for it; otherwise with the
default language's (English), and the run says so in a warning row.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from pipeline.core.cache import cache_file, package_version, source_key, write_cache
from pipeline.core.datafiles import load_data
from pipeline.core.settings import DEFAULT_LANGUAGE

# The detector of each set of languages, loaded once per process.
_IDENTIFIERS: dict[tuple[str, ...], LanguageIdentifier] = {}
_CACHE_KIND = "language-detector"


def _identifier(languages: tuple[str, ...], cache_dir: Path | None = None) -> LanguageIdentifier:
    identifier = _IDENTIFIERS.get(languages)
    if identifier is None:
        identifier = _IDENTIFIERS[languages] = _load_identifier(languages, cache_dir)
    return identifier


def _restricted(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(languages))
    return identifier


def _load_identifier(languages: tuple[str, ...], cache_dir: Path | None) -> LanguageIdentifier:
    """py3langid's model restricted to ``languages``. The packaged model is LZMA-compressed (half
    a second to read); with ``cache_dir``, its restriction to ``languages`` is kept there as plain
    numpy arrays (``pipeline.core.cache``), named by the model file's hash and the languages."""
    if cache_dir is None:
        return _restricted(languages)
    key = source_key(MODEL_DIR / MODEL_FILE, package_version("py3langid"), ",".join(languages))
    path = cache_file(cache_dir, _CACHE_KIND, key, ".npz")
    try:
        with np.load(path, allow_pickle=False) as data:
            identifier = LanguageIdentifier(
                data["ptc"],
                data["pc"],
                data["classes"].tolist(),
                _int_array(data["nextmove"]),
                data["out_feat"].tolist(),
                tk_row=_int_array(data["nextmove_row"]),
            )
    except (OSError, KeyError, ValueError):
        identifier = _restricted(languages)
        write_cache(path, _CACHE_KIND, lambda out: _save(identifier, out))
    return identifier


def _int_array(values: np.ndarray) -> array[int]:
    """The DFA's table as py3langid walks it: a standard ``array`` (numpy's items, one by one,
    are slower to index)."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _save(identifier: LanguageIdentifier, out: IO[bytes]) -> None:
    np.savez(
        out,
        ptc=np.asarray(identifier.nb_ptc),
        pc=np.asarray(identifier.nb_pc),
        classes=np.array(identifier.nb_classes),
        nextmove=np.asarray(identifier.tk_nextmove),
        nextmove_row=np.asarray(identifier.tk_row),
        out_feat=np.asarray(identifier.tk_output, dtype=np.int32),
    )


def detected_languages() -> tuple[str, ...]:
    """The ISO 639-1 codes the detector chooses among."""
    return tuple(sorted(load_data("languages.yaml")["detected"]))


def load_detector(cache_dir: Path | None = None) -> None:
    """Load the detector's model now (half a second; a few milliseconds from ``cache_dir``), not
    within the first document's time."""
    _identifier(detected_languages(), cache_dir)


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
