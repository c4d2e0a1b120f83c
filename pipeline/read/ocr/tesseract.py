"""Tesseract behind the OCR interface, through its command line and its TSV output.

One ``tesseract`` process per page, the image handed over as an uncompressed PGM in a
temporary file (nothing to compress; through stdin, which tesseract reads a character at a
time, a page took 5-10 % longer), the words read back from its TSV output. Each process runs
one thread (``OMP_THREAD_LIMIT=1``): tesseract's OpenMP threads gain little on one page and
would compete with the pipeline's own worker processes, so ``--workers N`` is N pages at once.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from numbers import Real
from typing import TYPE_CHECKING

from pipeline.core.errors import InputError
from pipeline.read.lines import Hyphenation
from pipeline.read.ocr.engine import OcrPage, OcrWord, mean_confidence
from pipeline.read.ocr.layout import page_text

if TYPE_CHECKING:
    from PIL.Image import Image

INSTALL_HINT = (
    "install tesseract (apt-get install tesseract-ocr tesseract-ocr-eng) or run `make install` as root"
)
# Columns of tesseract's TSV output, in order.
TSV_COLUMNS = (
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
)  # fmt: skip
WORD_LEVEL = 5
# Page segmentation mode 3: fully automatic layout (columns, blocks), tesseract's default.
AUTOMATIC_LAYOUT = 3


@dataclass(frozen=True)
class TesseractEngine:
    """Tesseract 4 or 5 on the ``PATH`` (or at ``executable``)."""

    languages: tuple[str, ...] = ("eng",)
    dpi: int = 300  # for an image that does not state its own
    seconds_per_page: float = 120.0
    executable: str = "tesseract"
    hyphenation: Hyphenation | None = None  # None: the packaged data file

    @property
    def name(self) -> str:
        return "tesseract"

    def available(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the engine cannot run here, as one line saying how to fix it; None if it can."""
        path = shutil.which(self.executable)
        if path is None:
            return f"OCR engine not found: {INSTALL_HINT}"
        missing = [code for code in self.languages if code not in installed_languages(path)]
        if missing:
            packages = " ".join(f"tesseract-ocr-{code.replace('_', '-').lower()}" for code in missing)
            return (
                f"OCR language data not installed for {', '.join(missing)}: "
                f"install it (apt-get install {packages}) or run `make install` as root"
            )
        return None

    def recognise(self, image: Image) -> OcrPage:
        problem = self.problem()
        if problem is not None:
            raise InputError(problem)
        dpi = image_dpi(image, self.dpi)
        # The environment passes through (PATH, TESSDATA_PREFIX); only the threads are set.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            with tempfile.NamedTemporaryFile(prefix="bulletin-ocr-", suffix=".pgm") as handle:
                handle.write(pgm_bytes(image))
                handle.flush()
                command = [
                    self.executable, handle.name, "stdout",
                    "-l", "+".join(self.languages),
                    "--dpi", str(dpi),
                    "--psm", str(AUTOMATIC_LAYOUT),
                    "tsv",
                ]  # fmt: skip
                done = subprocess.run(
                    command, capture_output=True, env=env, timeout=self.seconds_per_page, check=False
                )
        except FileNotFoundError as exc:  # removed since problem() looked
            raise InputError(f"OCR engine not found: {INSTALL_HINT}") from exc
        except subprocess.TimeoutExpired as exc:
            raise InputError(
                f"OCR of one page took over {self.seconds_per_page:g} s (ocr seconds_per_page)"
            ) from exc
        if done.returncode != 0:
            raise InputError(f"OCR failed: tesseract: {_stderr_line(done.stderr)}")
        words = parse_tsv(done.stdout.decode("utf-8", errors="replace"))
        return OcrPage(
            text=page_text(words, hyphenation=self.hyphenation),
            words=words,
            confidence=mean_confidence(words),
            width=image.width,
            height=image.height,
            dpi=dpi,
            engine=self.name,
        )


@cache
def installed_languages(executable: str) -> frozenset[str]:
    """Language codes whose data tesseract at ``executable`` finds (``--list-langs``)."""
    try:
        done = subprocess.run([executable, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = done.stdout.decode("utf-8", errors="replace").splitlines()
    # The first line names the folder: 'List of available languages in "/usr/share/..." (3):'
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("List of"))


def parse_tsv(tsv: str) -> tuple[OcrWord, ...]:
    """The words of tesseract's TSV output, in its reading order; blank words dropped."""
    return tuple(_words(tsv.splitlines()))


def _words(lines: Iterable[str]) -> Iterable[OcrWord]:
    for line in lines:
        fields = line.split("\t", len(TSV_COLUMNS) - 1)
        if len(fields) != len(TSV_COLUMNS) or fields[0] != str(WORD_LEVEL):
            continue  # the header, a page/block/paragraph/line row, a cut-off row
        text = fields[11].strip()
        if not text:
            continue
        try:
            block, paragraph, line_number, left, top, width, height = map(
                int, (fields[2], fields[3], fields[4], fields[6], fields[7], fields[8], fields[9])
            )
            confidence = float(fields[10])
        except ValueError:
            continue
        yield OcrWord(
            text=text,
            left=left,
            top=top,
            width=width,
            height=height,
            confidence=max(0.0, confidence),
            block=block,
            paragraph=paragraph,
            line=line_number,
        )


def image_dpi(image: Image, default: int) -> int:
    """The resolution the image states (``render_page`` sets it), else ``default``."""
    dpi = image.info.get("dpi")
    first = dpi[0] if isinstance(dpi, tuple) and dpi else dpi
    if not isinstance(first, Real):  # int, float, or a TIFF or JPEG IFDRational
        return default
    value = round(float(first))
    return value if value > 0 else default


def pgm_bytes(image: Image) -> bytes:
    """The image as an 8-bit grey PGM, which needs no compressing."""
    grey = image if image.mode == "L" else image.convert("L")
    buffer = io.BytesIO()
    grey.save(buffer, format="PPM")
    return buffer.getvalue()


def _stderr_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    # Tesseract puts the reason last ("Tesseract couldn't load any languages!", "Error ...").
    return lines[-1] if lines else "no message"
