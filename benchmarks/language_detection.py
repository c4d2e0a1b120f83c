"""Which language detector tells English bulletins from French ones best, offline?

    python benchmarks/language_detection.py [--repeat N]

Needs py3langid (the pipeline's), and, to compare, lingua-language-detector and langdetect
installed by hand (``pip install lingua-language-detector langdetect``; a detector that is not
installed is left out). Each must ship its model in its package: nothing is downloaded.

Texts: whole bulletins (the English samples, held-out bulletins, shared corpus and the
development half of the real bulletins of other genres; the development half of the real
French bulletins), the first 200 characters of each (a masthead and little else), and the
short lines of ``benchmarks/language_snippets.yaml`` (headings, key-figure labels, one-line
items). A detector scores a hit when it names the text's language (ISO 639-1) among all the
languages it knows, so that a document in a third language would be noticed too. Not a test:
run it by hand when choosing a detector, and copy the figures into the README.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = Path(__file__).resolve().parent / "language_snippets.yaml"
BLINDSET = ROOT.parent / "blindset"
SHARED = ROOT.parent / "shared"
HEAD_CHARS = 200


@dataclass(frozen=True)
class Sample:
    kind: str  # documents, heads, snippets
    language: str
    name: str
    text: str


def _development_texts(folder: Path, golden: Path) -> list[Path]:
    """The texts of a set whose golden files sit in ``golden`` (its development half only)."""
    names = [p.name.removesuffix(".gold.yaml") + ".txt" for p in sorted(golden.glob("*.gold.yaml"))]
    return [folder / name for name in names if (folder / name).is_file()]


def samples() -> list[Sample]:
    english = [
        *sorted((ROOT / "data" / "raw").glob("*.txt")),
        *sorted((ROOT / "tests" / "holdout" / "raw").glob("*.txt")),
        *sorted((SHARED / "corpus").glob("*.txt")),
        *_development_texts(BLINDSET / "texts", ROOT / "tests" / "holdout" / "genres" / "golden"),
    ]
    french = _development_texts(BLINDSET / "fr_texts", ROOT / "tests" / "holdout" / "french" / "golden")
    found: list[Sample] = []
    for language, paths in (("en", english), ("fr", french)):
        for path in paths:
            text = path.read_text(encoding="utf-8")
            found.append(Sample("documents", language, path.name, text))
            found.append(Sample("heads", language, path.name, text[:HEAD_CHARS]))
    for language, lines in yaml.safe_load(SNIPPETS.read_text(encoding="utf-8")).items():
        found += [Sample("snippets", language, line, line) for line in lines]
    return found


Detect = Callable[[str], str]


def _py3langid(languages: list[str] | None) -> Detect:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    if languages:
        identifier.set_languages(languages)
    return lambda text: str(identifier.classify(text)[0])


def _lingua(languages: list[str] | None) -> Detect:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    if languages:
        codes = [getattr(IsoCode639_1, c.upper()) for c in languages if hasattr(IsoCode639_1, c.upper())]
        chosen = [Language.from_iso_code_639_1(code) for code in codes]  # lingua has no Haitian Creole
        detector = LanguageDetectorBuilder.from_languages(*chosen).build()
    else:
        detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "und"

    return detect


def _langdetect(languages: list[str] | None) -> Detect:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect samples at random: fixed for repeatable answers

    def detect(text: str) -> str:
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return "und"
        if languages:
            ranked = [r for r in ranked if r.lang in languages] or ranked
        return str(ranked[0].lang)

    return detect


def _listed() -> list[str]:
    """The languages the pipeline's detector chooses among (``pipeline/data/languages.yaml``)."""
    from pipeline.structure.language import detected_languages

    return list(detected_languages())


DETECTORS: dict[str, tuple[str, Callable[[list[str] | None], Detect], list[str] | None]] = {
    "py3langid (the pipeline's languages)": ("py3langid", _py3langid, _listed()),
    "py3langid": ("py3langid", _py3langid, None),
    "py3langid (en, fr only)": ("py3langid", _py3langid, ["en", "fr"]),
    "lingua": ("lingua", _lingua, None),
    "lingua (en, fr only)": ("lingua", _lingua, ["en", "fr"]),
    "lingua (the pipeline's languages)": ("lingua", _lingua, _listed()),
    "langdetect": ("langdetect", _langdetect, None),
}


def _package_size(module: str) -> float:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return 0.0
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs over the documents")
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args()
    found = samples()
    kinds = ("documents", "heads", "snippets")
    counts = {
        (kind, lang): sum(s.kind == kind and s.language == lang for s in found)
        for kind in kinds
        for lang in ("en", "fr")
    }
    print("texts: " + ", ".join(f"{k} {lang} {n}" for (k, lang), n in counts.items()))
    header = "| detector | " + " | ".join(f"{k} en | {k} fr" for k in kinds)
    print(header + " | ms per document | load s | package MB |")
    print("|---" * (len(kinds) * 2 + 4) + "|")
    documents = [s.text for s in found if s.kind == "documents"]
    for name, (module, factory, languages) in DETECTORS.items():
        if importlib.util.find_spec(module) is None:
            print(f"| {name} | not installed |")
            continue
        started = time.perf_counter()
        detect = factory(languages)
        detect("warm up")
        load = time.perf_counter() - started
        cells = []
        misses = []
        for kind in kinds:
            for lang in ("en", "fr"):
                chosen = [s for s in found if s.kind == kind and s.language == lang]
                answers = [(s, detect(s.text)) for s in chosen]
                hits = sum(answer == s.language for s, answer in answers)
                misses += [(s, answer) for s, answer in answers if answer != s.language]
                cells.append(f"{hits}/{len(chosen)}")
        started = time.perf_counter()
        for _ in range(args.repeat):
            for text in documents:
                detect(text)
        per_document = (time.perf_counter() - started) / (args.repeat * len(documents)) * 1000
        size = _package_size(module)
        print(f"| {name} | " + " | ".join(cells) + f" | {per_document:.1f} | {load:.2f} | {size:.0f} |")
        if args.show:
            for sample, answer in misses:
                print(f"    {sample.kind} {sample.language} -> {answer}: {sample.name[:70]!r}")


if __name__ == "__main__":
    main()
