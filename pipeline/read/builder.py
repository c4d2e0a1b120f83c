"""One text from the blocks a structured format states: paragraphs, headings and tables.

Readers of formats that say what their parts are (HTML, Word, e-mail) turn a file into a
list of blocks; ``build_text`` lays them out the way a text bulletin is written, so that
every later stage reads them alike:

- blocks are separated by a blank line;
- a paragraph keeps its own line breaks (list items, ``<br>``), never a blank line;
- a heading is one line, recorded as a ``Heading`` with its level;
- a table is one line per row, its cells joined by " | ", recorded as a ``TextTable``
  whose cells give their offsets.

Every piece is normalised as a text file is (``normalise_text``) before its offsets are
taken, so each offset indexes the final text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.core.records import Heading, TableCell, TextTable
from pipeline.read.text import normalise_text

CELL_SEPARATOR = " | "
BLOCK_SEPARATOR = "\n\n"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ANY_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    """Running text; its line breaks (list items, ``<br>``) are kept, blank lines are not."""

    text: str


@dataclass(frozen=True)
class HeadingBlock:
    text: str
    level: int = 1  # 1 is the top level


@dataclass(frozen=True)
class TableBlock:
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0  # leading rows that head the columns


Block = Paragraph | HeadingBlock | TableBlock


@dataclass(frozen=True)
class BuiltText:
    text: str
    headings: tuple[Heading, ...]
    tables: tuple[TextTable, ...]


def clean_lines(text: str) -> str:
    """Normalised text, white space runs as one space, no empty lines, no edge spaces."""
    lines = (_SPACES.sub(" ", line).strip() for line in normalise_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def clean_line(text: str) -> str:
    """Normalised text on one line: every run of white space (line breaks too) as one space."""
    return _ANY_SPACE.sub(" ", normalise_text(text)).strip()


def block_text(block: Block) -> str:
    """The text a block contributes, cleaned as ``build_text`` lays it out (tables row by row)."""
    if isinstance(block, TableBlock):
        return "\n".join(CELL_SEPARATOR.join(clean_line(c) for c in row) for row in block.rows)
    if isinstance(block, HeadingBlock):
        return clean_line(block.text)
    return clean_lines(block.text)


class _Writer:
    """The text so far, and the offset the next piece starts at."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def append(self, piece: str) -> int:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start

    def new_block(self) -> None:
        if self.parts:
            self.append(BLOCK_SEPARATOR)


def build_text(blocks: Iterable[Block]) -> BuiltText:
    """Lay the blocks out as one text; empty blocks and empty table rows are left out."""
    out = _Writer()
    headings: list[Heading] = []
    tables: list[TextTable] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            rows, header_rows = _table_rows(block)
            if rows:
                out.new_block()
                tables.append(_write_table(out, rows, header_rows))
            continue
        text = clean_line(block.text) if isinstance(block, HeadingBlock) else clean_lines(block.text)
        if not text:
            continue
        out.new_block()
        start = out.append(text)
        if isinstance(block, HeadingBlock):
            headings.append(Heading(start, start + len(text), block.level))
    text = "".join(out.parts)
    return BuiltText(text + "\n" if text else "", tuple(headings), tuple(tables))


def _table_rows(block: TableBlock) -> tuple[list[tuple[str, ...]], int]:
    """Cleaned rows without the empty ones, and how many of the header rows are left."""
    rows: list[tuple[str, ...]] = []
    header_rows = 0
    for index, row in enumerate(block.rows):
        cells = tuple(clean_line(cell) for cell in row)
        if not any(cells):
            continue
        rows.append(cells)
        if index < block.header_rows:
            header_rows += 1
    return rows, header_rows


def _write_table(out: _Writer, rows: Sequence[tuple[str, ...]], header_rows: int) -> TextTable:
    cells: list[TableCell] = []
    for row_index, row in enumerate(rows):
        if row_index:
            out.append("\n")
        for column, cell in enumerate(row):
            if column:
                out.append(CELL_SEPARATOR)
            start = out.append(cell)
            cells.append(TableCell(row_index, column, start, start + len(cell)))
    # A table that is only its header has no rows for the header to head.
    return TextTable(tuple(cells), header_rows if header_rows < len(rows) else 0)
