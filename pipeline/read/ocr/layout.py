"""The text of an OCR'd page from its words, in the engine's reading order.

Words of a line are joined with a space, lines of a paragraph with a space (end-of-line
hyphenation undone as for a text layer), and paragraphs and blocks are separated by a
blank line, as the PDF reader lays out a text layer. Two corrections to the engine's
paragraphs: a line that opens a numbered item or a bullet starts a paragraph (so "3. Title"
stays a heading line), and a paragraph cut mid-sentence at the foot of a column goes on at
the top of the next one when that starts in lower case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from pipeline.read.lines import (
    Hyphenation,
    Vocabulary,
    ends_sentence,
    join_lines,
    starts_item,
    vocabulary,
)
from pipeline.read.ocr.engine import OcrWord


@dataclass(frozen=True)
class Paragraph:
    """Lines of one paragraph; ``top`` of its first line, ``bottom`` of its last, in pixels."""

    block: int
    lines: tuple[str, ...]
    top: int
    bottom: int


@dataclass(frozen=True)
class _Line:
    block: int
    paragraph: int
    text: str
    top: int
    bottom: int


def _lines(words: Iterable[OcrWord]) -> Iterator[_Line]:
    for (block, paragraph, _), group in groupby(words, key=lambda w: (w.block, w.paragraph, w.line)):
        line = list(group)
        yield _Line(
            block,
            paragraph,
            " ".join(w.text for w in line),
            min(w.top for w in line),
            max(w.top + w.height for w in line),
        )


def paragraphs(words: Sequence[OcrWord]) -> list[Paragraph]:
    """The engine's paragraphs, split before a line that opens an item."""
    out: list[Paragraph] = []
    for _, group in groupby(_lines(words), key=lambda line: (line.block, line.paragraph)):
        current: list[_Line] = []
        for line in group:
            if current and starts_item(line.text):
                out.append(_paragraph(current))
                current = []
            current.append(line)
        out.append(_paragraph(current))
    return out


def _paragraph(lines: list[_Line]) -> Paragraph:
    return Paragraph(lines[0].block, tuple(line.text for line in lines), lines[0].top, lines[-1].bottom)


def page_text(words: Sequence[OcrWord], *, hyphenation: Hyphenation | None = None) -> str:
    """The page's text: paragraphs in reading order, separated by a blank line."""
    groups = paragraphs(words)
    known = vocabulary(line for paragraph in groups for line in paragraph.lines)
    texts: list[str] = []
    previous: Paragraph | None = None
    for paragraph in groups:
        text = _join(paragraph.lines, known, hyphenation)
        if previous is not None and goes_on(previous, paragraph, texts[-1], text):
            texts[-1] = join_lines(texts[-1], text, vocabulary=known, hyphenation=hyphenation)
        else:
            texts.append(text)
        previous = paragraph
    return "\n\n".join(texts)


def goes_on(before: Paragraph, after: Paragraph, before_text: str, after_text: str) -> bool:
    """Whether ``after`` continues ``before`` across a break the engine saw: ``before`` ends
    no sentence, ``after`` starts in lower case, and ``after`` is in the same block or starts
    higher on the page (the top of the next column; a running header above the text is not
    continued by it)."""
    if ends_sentence(before_text) or not after_text[:1].islower():
        return False
    return after.block == before.block or after.top < before.bottom


def _join(lines: Sequence[str], known: Vocabulary, hyphenation: Hyphenation | None) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = join_lines(text, line, vocabulary=known, hyphenation=hyphenation)
    return text
