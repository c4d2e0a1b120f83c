"""Words into rows that share a baseline, one token per word.

Footnote markers are dropped and pieces of a word split by a font change are glued back,
so that furniture, columns and paragraphs compare whole words.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import replace

from pipeline.read.pdf.records import Row, Token


def group_rows(tokens: Iterable[Token]) -> list[Row]:
    """Group tokens whose vertical extents overlap by half the smaller height into rows."""
    anchors: list[Token] = []
    members: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: (t.top, t.x0)):
        best, best_overlap = -1, 0.0
        for index, anchor in enumerate(anchors):
            if anchor.bottom < token.top:
                continue
            overlap = min(anchor.bottom, token.bottom) - max(anchor.top, token.top)
            if overlap < 0.5 * min(anchor.height, token.height) or overlap <= best_overlap:
                continue
            # Two small lines beside one tall line: a row never stacks words.
            if any(_x_overlap(token, other) > 0.2 * token.size for other in members[index]):
                continue
            best, best_overlap = index, overlap
        if best < 0:
            anchors.append(token)
            members.append([token])
        else:
            members[best].append(token)
    rows = [Row(tuple(sorted(group, key=lambda t: t.x0))) for group in members]
    return sorted(rows, key=lambda r: (r.top, r.x0))


def _x_overlap(a: Token, b: Token) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def drop_superscripts(row: Row) -> Row:
    """Drop footnote markers: small raised digits or symbols after a word."""
    size = row.size
    base = statistics.median(t.bottom for t in row.tokens if round(t.size, 1) == size)
    kept = [
        t
        for t in row.tokens
        if not (
            t.size <= 0.8 * size
            and t.bottom < base - 0.15 * size
            and re.fullmatch(r"[\d*†‡§,]+", t.text)
        )
    ]
    return Row(tuple(kept)) if kept else row


def merge_pieces(row: Row) -> Row:
    """Glue pieces of one word split by a font change ("S" + "/2025/185")."""
    merged: list[Token] = []
    for token in row.tokens:
        gap = token.x0 - merged[-1].x1 if merged else 0.0
        size = min(token.size, merged[-1].size) if merged else 0.0
        if merged and -0.2 * size <= gap <= 0.1 * size:
            last = merged[-1]
            bigger = last if len(last.text) >= len(token.text) else token
            merged[-1] = replace(
                bigger,
                text=last.text + token.text,
                x0=last.x0,
                x1=max(last.x1, token.x1),
                top=min(last.top, token.top),
                bottom=max(last.bottom, token.bottom),
                barcode_font=last.barcode_font or token.barcode_font,
            )
        else:
            merged.append(token)
    return Row(tuple(merged))
