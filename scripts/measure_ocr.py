"""Which resolution tesseract reads best: OCR of born-digital PDF pages against their text layer.

    .venv/bin/python scripts/measure_ocr.py [--dpi 150 200 300 400] [--shared DIR] [--workers N]
    .venv/bin/python scripts/measure_ocr.py --write-fixture 300   # the test page in tests/data/ocr

Each page of a PDF that has a text layer is rendered at each resolution (``render_page``)
and read by the pipeline's engine (``ocr_engine(OcrSettings(dpi=...)).recognise``). Its
character error rate (CER: Levenshtein distance / reference length) is measured against
the page's own text layer, so the reference is exact.

Fair to the engine:

- Both sides are normalised: NFKC (ligatures), quotes, dashes and bullets folded, hyphens
  inside words and at line ends dropped (``infor- mation``, ``e-Government``), white space
  collapsed.
- Reading order is not scored: every text-layer word goes to the OCR word nearest its
  centre and takes that word's place in the engine's reading order, and each OCR block's
  text is compared with the text-layer words so placed on it. A column or caption the
  engine reads in another order than the text layer costs nothing; a misread word still
  sits where it was read. Text-layer words near no OCR word count as missed (all their
  characters are errors); OCR blocks that received no word (text inside pictures,
  speckles) are reported as extra characters, not in the CER.
- Pages whose text layer is glyph codes ``(cid:N)`` are skipped; rotated text (chart
  labels) is left out of the reference.

Scanned pages (no text layer) have no reference: their mean confidence and time are shown.
Times are per page: wall clock, and the CPU time of tesseract (the machine may be shared).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.read.ocr import OcrPage, OcrWord

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDF = ROOT / "data" / "raw" / "pgd-monthly-2013-03.pdf"
FIXTURE_DIR = ROOT / "tests" / "data" / "ocr"
FIXTURE_PAGE = 1  # 0-based: page 2 of the PDF twin
BORN_DIGITAL_ARCHIVE = ("210", "270", "330", "332", "333")
SCANNED_ARCHIVE = ("020", "060", "160", "161")
MAX_CER = 0.02

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("•●▪■◦‣∙·\u00ad", ""),
    }
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # symbol-font glyphs: no text to read
_WORD_HYPHEN = re.compile(r"(?<=\w)-\s*(?=\w)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as CER compares it: NFKC, quotes/dashes/bullets folded, word hyphens dropped,
    white space collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = _PRIVATE_USE.sub("", text)
    text = _WORD_HYPHEN.sub("", text)
    return _SPACE.sub(" ", text).strip()


def cer(ocr: str, reference: str) -> float:
    """Character error rate of ``ocr`` against ``reference`` after ``normalise``."""
    from rapidfuzz.distance import Levenshtein

    a, b = normalise(ocr), normalise(reference)
    return Levenshtein.distance(a, b) / max(1, len(b))


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class PageJob:
    pdf: Path
    index: int  # 0-based
    kind: str  # twin, corpus, two-column newsletter, scanned


@dataclass(frozen=True)
class RefWord:
    text: str
    x: float  # centre, in points
    y: float


@dataclass(frozen=True)
class PageResult:
    job: PageJob
    dpi: int
    reference_chars: int  # 0 for a scanned page
    errors: int
    missed_chars: int  # of those errors: text-layer words in no OCR block
    extra_chars: int  # OCR text in blocks with no text-layer word
    confidence: float | None
    render_seconds: float
    ocr_seconds: float
    ocr_cpu_seconds: float


def page_jobs(shared: Path | None) -> tuple[list[PageJob], list[PageJob]]:
    """Born-digital pages to score (cid pages left out) and scanned pages to time."""
    import pdfplumber

    sources: list[tuple[Path, str]] = [(SAMPLE_PDF, "twin")]
    scanned: list[Path] = []
    if shared is not None:
        sources += [(p, "corpus") for p in sorted((shared / "corpus" / "pdf").glob("*.pdf"))]
        archive = shared / "archive"
        sources += [
            (p, "two-column newsletter") for n in BORN_DIGITAL_ARCHIVE for p in archive.glob(f"*-{n}-*.pdf")
        ]
        scanned = [p for n in SCANNED_ARCHIVE for p in sorted(archive.glob(f"*-{n}-*.pdf"))]
    scored = []
    for path, kind in sources:
        with pdfplumber.open(path) as pdf:
            for index, page in enumerate(pdf.pages):
                text = page.extract_text() or ""
                if text.strip() and "(cid:" not in text:
                    scored.append(PageJob(path, index, kind))
    timed = []
    for path in scanned:
        with pdfplumber.open(path) as pdf:
            timed += [PageJob(path, index, "scanned") for index in range(len(pdf.pages))]
    return scored, timed


def reference_words(job: PageJob) -> list[RefWord]:
    """The page's upright text-layer words, in pdfplumber's line order."""
    import pdfplumber

    with pdfplumber.open(job.pdf) as pdf:
        page = pdf.pages[job.index]
        upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
        words = upright.extract_words(keep_blank_chars=False, use_text_flow=False)
    return [
        RefWord(w["text"], (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
        for w in words
        if normalise(w["text"])
    ]


def measure(job: PageJob, dpi: int) -> PageResult:
    """Render, OCR and score one page at one resolution (in a worker process)."""
    from pipeline.core.settings import OcrSettings
    from pipeline.read.ocr import ocr_engine, render_page

    engine = ocr_engine(OcrSettings(dpi=dpi))
    started = time.perf_counter()
    image = render_page(job.pdf, job.index, dpi)
    rendered = time.perf_counter()
    cpu_before = _children_cpu()
    page = engine.recognise(image)
    ocr_seconds = time.perf_counter() - rendered
    cpu = _children_cpu() - cpu_before
    render_seconds = rendered - started
    if job.kind == "scanned":
        return PageResult(job, dpi, 0, 0, 0, 0, page.confidence, render_seconds, ocr_seconds, cpu)

    score = score_page(page, reference_words(job), dpi / 72)
    return PageResult(job, dpi, *score, page.confidence, render_seconds, ocr_seconds, cpu)


def score_page(page: OcrPage, references: Sequence[RefWord], scale: float) -> tuple[int, int, int, int]:
    """Reference characters, errors, missed characters and extra characters of one page.

    Each OCR block is compared with the text-layer words placed on its words, in the
    engine's reading order (``assign_words``).
    """
    from rapidfuzz.distance import Levenshtein

    from pipeline.read.ocr.layout import page_text

    received, missed = assign_words(page, references, scale)
    blocks: dict[int, list[OcrWord]] = defaultdict(list)
    for word in page.words:
        blocks[word.block].append(word)
    errors = reference = extra = 0
    for block, words in blocks.items():
        ocr_text = normalise(page_text(words))
        ref_text = normalise(" ".join(received.get(block, [])))
        if not ref_text:
            extra += len(ocr_text)
            continue
        errors += Levenshtein.distance(ocr_text, ref_text)
        reference += len(ref_text)
    missed_chars = sum(len(normalise(w)) + 1 for w in missed)
    return reference + missed_chars, errors + missed_chars, missed_chars, extra


def assign_words(
    page: OcrPage, references: Sequence[RefWord], scale: float
) -> tuple[dict[int, list[str]], list[str]]:
    """Text-layer words per OCR block, in the engine's reading order; and the words near no
    OCR word.

    Each text-layer word goes to the OCR word nearest its centre (inside its box, or within
    a word's height of it) and takes that word's place in the engine's order; words that
    share one OCR word keep the text layer's order.
    """
    import numpy as np

    if not page.words:
        return {}, [ref.text for ref in references]
    boxes = np.array([(w.left, w.top, w.left + w.width, w.top + w.height) for w in page.words], float)
    reach = float(np.median(boxes[:, 3] - boxes[:, 1]))
    placed: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    missed: list[str] = []
    for index, ref in enumerate(references):
        x, y = ref.x * scale, ref.y * scale
        dx = np.maximum.reduce([boxes[:, 0] - x, np.zeros(len(boxes)), x - boxes[:, 2]])
        dy = np.maximum.reduce([boxes[:, 1] - y, np.zeros(len(boxes)), y - boxes[:, 3]])
        distance = np.hypot(dx, dy)
        nearest = int(distance.argmin())
        if distance[nearest] > reach:
            missed.append(ref.text)
        else:
            placed[page.words[nearest].block].append((nearest, index, ref.text))
    return {block: [text for *_, text in sorted(words)] for block, words in placed.items()}, missed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- report


def rate(results: Iterable[PageResult]) -> float:
    results = list(results)
    return sum(r.errors for r in results) / max(1, sum(r.reference_chars for r in results))


def dpi_table(results: Sequence[PageResult], dpis: Sequence[int]) -> str:
    rows = [
        "| dpi | pages | CER | CER, median page | CER, worst page | missed chars | extra chars | "
        "confidence | render s/page | OCR s/page (wall) | OCR CPU s/page |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for dpi in dpis:
        scored = [r for r in results if r.dpi == dpi and r.reference_chars]
        if not scored:
            continue
        per_page = [r.errors / r.reference_chars for r in scored]
        confidences = [r.confidence for r in scored if r.confidence is not None]
        rows.append(
            f"| {dpi} | {len(scored)} | {rate(scored):.2%} | {statistics.median(per_page):.2%} | "
            f"{max(per_page):.2%} | {sum(r.missed_chars for r in scored)} | "
            f"{sum(r.extra_chars for r in scored)} | {statistics.mean(confidences):.1f} | "
            f"{statistics.mean(r.render_seconds for r in scored):.2f} | "
            f"{statistics.mean(r.ocr_seconds for r in scored):.2f} | "
            f"{statistics.mean(r.ocr_cpu_seconds for r in scored):.2f} |"
        )
    return "\n".join(rows)


def group_table(results: Sequence[PageResult], dpis: Sequence[int], key: str) -> str:
    """CER per document (or page class) at each resolution."""
    names = sorted({_group(r, key) for r in results if r.reference_chars})
    rows = [f"| {key} | pages | characters | " + " | ".join(f"{d} dpi" for d in dpis) + " |"]
    rows.append("|---|---|---|" + "---|" * len(dpis))
    for name in names:
        cells = []
        for dpi in dpis:
            group = [r for r in results if r.dpi == dpi and r.reference_chars and _group(r, key) == name]
            cells.append(f"{rate(group):.2%}" if group else "-")
        first = [r for r in results if r.dpi == dpis[0] and r.reference_chars and _group(r, key) == name]
        rows.append(
            f"| {name} | {len(first)} | {sum(r.reference_chars for r in first)} | " + " | ".join(cells) + " |"
        )
    return "\n".join(rows)


def _group(result: PageResult, key: str) -> str:
    return result.job.pdf.name if key == "document" else result.job.kind


def scanned_table(results: Sequence[PageResult], dpis: Sequence[int]) -> str:
    rows = ["| dpi | pages | mean confidence | lowest page | OCR s/page (wall) | OCR CPU s/page |"]
    rows.append("|---|---|---|---|---|---|")
    for dpi in dpis:
        group = [r for r in results if r.dpi == dpi and r.job.kind == "scanned"]
        confidences = [r.confidence for r in group if r.confidence is not None]
        if not confidences:
            continue
        rows.append(
            f"| {dpi} | {len(group)} | {statistics.mean(confidences):.1f} | {min(confidences):.1f} | "
            f"{statistics.mean(r.ocr_seconds for r in group):.2f} | "
            f"{statistics.mean(r.ocr_cpu_seconds for r in group):.2f} |"
        )
    return "\n".join(rows)


def page_lines(results: Sequence[PageResult]) -> str:
    lines = []
    for r in sorted(results, key=lambda r: (r.job.pdf.name, r.job.index, r.dpi)):
        score = (
            f"CER {r.errors / r.reference_chars:6.2%} of {r.reference_chars:5d}"
            if r.reference_chars
            else "unscored"
        )
        conf = f"{r.confidence:5.1f}" if r.confidence is not None else "  -  "
        lines.append(
            f"  {r.job.pdf.name} p{r.job.index + 1} {r.dpi:3d} dpi: {score}  missed {r.missed_chars:4d}  "
            f"extra {r.extra_chars:4d}  confidence {conf}  "
            f"OCR {r.ocr_seconds:5.2f} s ({r.ocr_cpu_seconds:.2f} CPU)"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- the test page


def write_fixture(dpi: int) -> list[Path]:
    """Page 2 of the sample PDF twin as a small grey PNG, and the text of its text layer.

    The page is one column under a running header and over a footer, so the text layer's
    line order is its reading order and the whole page can be compared at once.
    """
    import pdfplumber

    from pipeline.read.ocr import render_page

    with pdfplumber.open(SAMPLE_PDF) as pdf:
        expected = pdf.pages[FIXTURE_PAGE].extract_text()
    image = render_page(SAMPLE_PDF, FIXTURE_PAGE, dpi)
    # 16 grey levels keep anti-aliased edges and make the file a fraction of 256 levels' size.
    levels = image.point(lambda v: (v // 17) * 17)
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"{SAMPLE_PDF.stem}-p{FIXTURE_PAGE + 1}-{dpi}dpi"
    png, txt = FIXTURE_DIR / f"{stem}.png", FIXTURE_DIR / f"{stem}.txt"
    levels.save(png, format="PNG", optimize=True, dpi=(dpi, dpi))
    txt.write_text(expected.strip() + "\n", encoding="utf-8")
    return [png, txt]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300, 400])
    parser.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared", help="the shared corpus folder"
    )
    parser.add_argument("--workers", type=int, default=1, help="pages measured at once")
    parser.add_argument("--chosen", type=int, default=None, help="the resolution to report per document")
    parser.add_argument("--pages", action="store_true", help="print every page's figures")
    parser.add_argument("--write-fixture", type=int, metavar="DPI", help="write the test page and stop")
    args = parser.parse_args(argv)
    if args.write_fixture:
        for path in write_fixture(args.write_fixture):
            print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
        return 0

    shared = args.shared if args.shared.is_dir() else None
    if shared is None:
        print(f"note: {args.shared} not found; measuring the sample PDF twin only")
    scored, timed = page_jobs(shared)
    jobs = [(job, dpi) for dpi in args.dpi for job in (*scored, *timed)]
    print(f"{len(scored)} born-digital pages scored, {len(timed)} scanned pages timed, at {args.dpi} dpi")
    results = []
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for result in pool.map(measure, *zip(*jobs, strict=True)):
            results.append(result)
            print(f"\r{len(results)}/{len(jobs)} pages measured", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    chosen = args.chosen or min(args.dpi, key=lambda d: rate(r for r in results if r.dpi == d))
    print("\nBorn-digital pages, OCR against the text layer:\n")
    print(dpi_table(results, args.dpi))
    print("\nCER per page class:\n")
    print(group_table(results, args.dpi, "class"))
    print("\nCER per document:\n")
    print(group_table(results, args.dpi, "document"))
    if timed:
        print("\nScanned pages (no reference text):\n")
        print(scanned_table(results, args.dpi))
    if args.pages:
        print("\nPages:\n" + page_lines(results))
    overall = rate(r for r in results if r.dpi == chosen)
    verdict = "ok" if overall <= MAX_CER else "over"
    print(f"\nchosen: {chosen} dpi, overall CER {overall:.2%} ({verdict} the {MAX_CER:.0%} target)")
    return 0 if overall <= MAX_CER else 1


if __name__ == "__main__":
    sys.exit(main())
