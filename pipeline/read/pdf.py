"""Read a PDF bulletin into plain text, keeping the page each character came from.

The text layer is read word by word (pdfplumber) and rebuilt the way a reader sees
the page: two-column pages column by column, running headers, footers, page numbers
and barcodes dropped, words hyphenated across lines joined, and lines of one
paragraph joined with a space, paragraphs separated by a blank line. Numbered items
and bullets start their own paragraph, so a heading such as "3. Title" is a line of
its own after a blank line, as in a text bulletin.

Pages whose text layer is only glyph codes ``(cid:N)`` contribute no text and a
warning. A file that cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.core.datafiles import load_data
from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText

# A page whose characters are at least this share of (cid:N) codes is unreadable.
CID_PAGE_SHARE = 0.3
# Headers and footers are looked for in this share of the page height, top and bottom.
EDGE_ZONE = 0.15
# ...among this many rows from the top and from the bottom of the page.
EDGE_ROWS = 3

_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_BOLD_FONT = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)
_BARCODE_FONT = re.compile(r"barcode|code\s*39|code\s*128|3\s*of\s*9|\bean\s*13|\bupc", re.I)
_BARCODE_TEXT = re.compile(r"^\*[A-Z0-9\-. $/+%]{4,}\*$")
_PAGE_NUMBER = re.compile(
    r"""^(
        \d{1,4}                                         # 3
      | [-–—]\s*\d{1,4}\s*[-–—]                         # - 3 -
      | (page|p\.?)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?     # Page 3, Page 3 of 9
      | \d{1,4}\s*(/|of)\s*\d{1,4}                      # 2/9, 3 of 9
      | [ivxlc]{1,6}                                    # iv
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBERED_ITEM = re.compile(r"^\d{1,2}\.\s+\S")
_LIST_ITEM = re.compile(r"^(\(?([a-z]|[ivx]{1,4})\)|\(\d{1,2}\))\s+\S")
_BULLET = re.compile(r"^[•●▪■◦‣∙·*–—-]\s+\S")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)")
_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\b(\w+)-(\w+)\b")
_USUAL_CHARS = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " .,;:!?'\"()[]{}-–—/\\&%$€£@#*+=_<>“”‘’…•|~^`"
)


@dataclass(frozen=True)
class Hyphenation:
    """Halves of compounds that keep their hyphen across a line break (``data/pdf.yaml``)."""

    compound_tails: frozenset[str]
    compound_heads: frozenset[str]


@cache
def default_hyphenation() -> Hyphenation:
    raw = load_data("pdf.yaml")
    return Hyphenation(
        compound_tails=_word_set(raw, "compound_tails"),
        compound_heads=_word_set(raw, "compound_heads"),
    )


def _word_set(raw: dict[str, Any], key: str) -> frozenset[str]:
    words = raw[key]
    odd = [w for w in words if not isinstance(w, str)]
    if odd:  # YAML reads a bare on/off/yes/no as true/false
        raise ValueError(f"pdf.yaml: {key} has {odd!r}, not words; quote them")
    return frozenset(w.casefold() for w in words)


@dataclass(frozen=True)
class _Token:
    """A word (or piece of one) with its box on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    barcode_font: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class _Row:
    """Tokens that share a baseline, across the whole page width, left to right."""

    tokens: tuple[_Token, ...]

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def top(self) -> float:
        return min(t.top for t in self.tokens)

    @property
    def bottom(self) -> float:
        return max(t.bottom for t in self.tokens)

    @property
    def x0(self) -> float:
        return self.tokens[0].x0

    @property
    def x1(self) -> float:
        return max(t.x1 for t in self.tokens)

    @property
    def size(self) -> float:
        return _dominant_size(self.tokens)

    @property
    def bold(self) -> bool:
        chars = sum(len(t.text) for t in self.tokens)
        return sum(len(t.text) for t in self.tokens if t.bold) >= 0.8 * chars


@dataclass(frozen=True)
class _Line:
    """A line of one text flow (a column or a full-width band) in reading order."""

    row: _Row
    page: int  # 0-based
    flow: tuple[int, str]  # (region, path of bands and sides), or _FULL
    flow_left: float
    flow_right: float  # where the flow's full lines end


@dataclass(frozen=True)
class _Page:
    number: int  # 0-based
    width: float
    height: float
    rows: tuple[_Row, ...]
    warnings: tuple[str, ...] = ()
    has_text_layer: bool = True


# --------------------------------------------------------------------------- entry


def read_pdf(path: Path, *, max_pages: int) -> DocumentText:
    """Text of a PDF bulletin with page offsets; unreadable pages become warnings."""
    pages = _load_pages(path, max_pages=max_pages)
    if not any(p.has_text_layer for p in pages):
        raise InputError("PDF has no text layer (scanned or drawn pages only)")
    pages = remove_page_furniture(pages)
    lines = [line for page in pages for line in order_lines(page)]
    if not lines:
        raise InputError("PDF has no readable text: " + "; ".join(w for p in pages for w in p.warnings))
    text, page_starts = assemble_text(lines, n_pages=len(pages))
    warnings = tuple(w for p in pages for w in p.warnings)
    return DocumentText(
        source_file=path.name,
        text=text,
        page_starts=page_starts,
        warnings=warnings,
        format="pdf",
        encoding=None,
    )


def _load_pages(path: Path, *, max_pages: int) -> list[_Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with path.open("rb") as handle:
            magic = handle.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    if b"%PDF-" not in magic:
        raise InputError("not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(path) as pdf:
            n_pages = _page_count(pdf.doc, max_pages)  # before pdfplumber lists every page
            if n_pages > max_pages:
                raise InputError(f"PDF has {n_pages} pages, more than the limit of {max_pages} (max_pages)")
            if n_pages == 0 or not pdf.pages:
                raise InputError("PDF has no pages")
            if len(pdf.pages) > max_pages:  # the page tree holds more pages than its count says
                raise InputError(
                    f"PDF has {len(pdf.pages)} pages, more than the limit of {max_pages} (max_pages)"
                )
            return [_read_page_safely(page, number) for number, page in enumerate(pdf.pages)]
    except InputError:
        raise
    except PdfminerException as exc:
        raise InputError(_pdfminer_reason(exc)) from exc
    except Exception as exc:  # pdfminer raises many types on broken files
        raise InputError(f"unreadable PDF: {type(exc).__name__}: {_first_line(exc)}") from exc


def _page_count(doc: Any, limit: int) -> int:
    """Pages of a PDF from its page tree's /Count; without one, counted up to ``limit + 1``."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog["Pages"]).get("Count"))
    except Exception:  # a damaged catalog: count the pages instead
        count = None
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count
    return sum(1 for _ in itertools.islice(PDFPage.create_pages(doc), limit + 1))


def _pdfminer_reason(exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF: a password is needed to open it"
    return f"corrupt or truncated PDF ({name}: {_first_line(cause)})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no detail"


# --------------------------------------------------------------------------- words


def _read_page_safely(page: Any, number: int) -> _Page:
    """One broken page (a bad content stream) costs that page, not the document."""
    try:
        return _read_page(page, number)
    except Exception as exc:  # pdfminer raises many types on broken content
        reason = f"page {number + 1}: unreadable ({type(exc).__name__}: {_first_line(exc)}), no text taken"
        return _Page(number, 0.0, 0.0, (), (reason,))
    finally:
        page.close()


def _read_page(page: Any, number: int) -> _Page:
    chars = [c for c in page.chars if c.get("upright", True)]  # rotated text: chart labels
    visible = [c for c in chars if c["text"].strip()]
    n_cid = sum(1 for c in visible if _CID.fullmatch(c["text"]))
    warnings: list[str] = []
    if not visible:
        if page.images or page.rects or page.curves or page.lines:
            warnings.append(f"page {number + 1}: no text layer (scanned or drawn), no text taken")
        return _Page(number, float(page.width), float(page.height), (), tuple(warnings), False)
    if n_cid >= CID_PAGE_SHARE * len(visible):
        warnings.append(
            f"page {number + 1}: text layer is glyph codes (cid:N) without a character map "
            f"({n_cid} of {len(visible)} characters), page text skipped"
        )
        return _Page(number, float(page.width), float(page.height), (), tuple(warnings))
    upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
    words = upright.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"]
    )
    tokens = []
    for word in words:
        text = clean_word(word["text"])
        if not text:
            continue
        tokens.append(
            _Token(
                text=text,
                x0=float(word["x0"]),
                x1=float(word["x1"]),
                top=float(word["top"]),
                bottom=float(word["bottom"]),
                size=float(word["size"]),
                bold=bool(_BOLD_FONT.search(word["fontname"])),
                barcode_font=bool(_BARCODE_FONT.search(word["fontname"])),
            )
        )
    if n_cid:
        warnings.append(f"page {number + 1}: {n_cid} unreadable glyph codes (cid:N) dropped")
    rows = tuple(_merge_pieces(_drop_superscripts(row)) for row in group_rows(tokens))
    return _Page(number, float(page.width), float(page.height), rows, tuple(warnings))


def clean_word(text: str) -> str:
    """NFC text without glyph codes, ligatures or control characters.

    A soft hyphen is kept only at the end of a word, where it marks a line-break
    hyphenation that ``join_lines`` undoes.
    """
    text = _CID.sub("", text)
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    end = "\u00ad" if text.endswith("\u00ad") else ""
    text = "".join(ch for ch in text if ch != "\u00ad" and unicodedata.category(ch) != "Cc")
    return text + end if text else ""


def group_rows(tokens: Iterable[_Token]) -> list[_Row]:
    """Group tokens whose vertical extents overlap by half the smaller height into rows."""
    anchors: list[_Token] = []
    members: list[list[_Token]] = []
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
    rows = [_Row(tuple(sorted(group, key=lambda t: t.x0))) for group in members]
    return sorted(rows, key=lambda r: (r.top, r.x0))


def _x_overlap(a: _Token, b: _Token) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _dominant_size(tokens: Sequence[_Token]) -> float:
    weights: Counter[float] = Counter()
    for t in tokens:
        weights[round(t.size, 1)] += len(t.text)
    return weights.most_common(1)[0][0]


def _drop_superscripts(row: _Row) -> _Row:
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
    return _Row(tuple(kept)) if kept else row


def _merge_pieces(row: _Row) -> _Row:
    """Glue pieces of one word split by a font change ("S" + "/2025/185")."""
    merged: list[_Token] = []
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
    return _Row(tuple(merged))


# --------------------------------------------------------------------------- furniture


def mask_digits(text: str) -> str:
    """Key for comparing header/footer lines whose page numbers differ."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "#", text)).strip().casefold()


def is_page_number(text: str) -> bool:
    """A page number line: "3", "- 3 -", "Page 3 of 9", "2/9", "iv"."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_barcode(text: str) -> bool:
    """A line of glyphs that are not words: "*2504925*" or a run of unusual characters."""
    text = text.strip()
    if _BARCODE_TEXT.match(text):
        return True
    compact = text.replace(" ", "")
    if len(compact) < 6:
        return False
    unusual = sum(1 for ch in compact if ch not in _USUAL_CHARS and not ch.isalpha())
    return unusual >= 0.5 * len(compact) or re.search(r"[^\w\s.,;:()'\"-]{8,}", text) is not None


def _is_furniture_only(text: str) -> bool:
    """A footer-like line with no word of two letters: "25-04925 (E) 010425"."""
    return not re.search(r"[^\W\d_]{2,}", text)


def _edge_rows(page: _Page) -> tuple[list[int], list[int]]:
    """Indexes of rows near the top (outermost first) and near the bottom (outermost first)."""
    top = [i for i in range(min(EDGE_ROWS, len(page.rows))) if page.rows[i].bottom <= EDGE_ZONE * page.height]
    bottom = [
        i
        for i in range(len(page.rows) - 1, max(len(page.rows) - 1 - EDGE_ROWS, -1), -1)
        if page.rows[i].top >= (1 - EDGE_ZONE) * page.height and i not in top
    ]
    return top, bottom


def remove_page_furniture(pages: Sequence[_Page]) -> list[_Page]:
    """Drop running headers/footers, page numbers, document symbols and barcode lines."""
    running = _running_lines(pages)
    body_size = _body_size(pages)
    cleaned = []
    for page in pages:
        top, bottom = _edge_rows(page)
        drop: set[int] = set()
        trims: dict[int, _Row] = {}
        for zone_name, zone in (("top", top), ("bottom", bottom)):
            body_side_gap_ok = True
            for index in zone:
                row = page.rows[index]
                style = running.get((zone_name, mask_digits(row.text)))
                if (
                    style is not None
                    and abs(row.size - style[0]) <= 0.5
                    and row.bold == style[1]
                    and _set_apart(row, _body_neighbour(page, index, zone_name), body_size)
                ):
                    drop.add(index)
                    continue
                if is_page_number(row.text) or is_barcode(row.text) or _has_barcode_font(row):
                    drop.add(index)
                    continue
                trimmed = _trim_symbol(row, running, zone_name)
                if trimmed is not None:
                    trims[index] = trimmed
                    continue
                neighbour = _body_neighbour(page, index, zone_name)
                detached = neighbour is None or _gap(row, neighbour) > 1.2 * row.size
                if body_side_gap_ok and detached and _is_furniture_only(row.text):
                    drop.add(index)
                    continue
                body_side_gap_ok = False
        rows = []
        for index, row in enumerate(page.rows):
            if index in drop or is_barcode(row.text) or _has_barcode_font(row):
                continue
            rows.append(trims.get(index, row))
        cleaned.append(replace(page, rows=_drop_number_runs(rows)))
    return cleaned


def _drop_number_runs(rows: Sequence[_Row], *, min_run: int = 3) -> tuple[_Row, ...]:
    """Drop runs of rows with no words, only numbers: chart axes and data labels."""
    kept: list[_Row] = []
    run: list[_Row] = []
    for row in [*rows, None]:
        if row is not None and _is_furniture_only(row.text):
            run.append(row)
            continue
        if len(run) < min_run:
            kept.extend(run)
        run = []
        if row is not None:
            kept.append(row)
    return tuple(kept)


def _has_barcode_font(row: _Row) -> bool:
    return all(t.barcode_font for t in row.tokens)


def _body_neighbour(page: _Page, index: int, zone: str) -> _Row | None:
    step = 1 if zone == "top" else -1
    other = index + step
    return page.rows[other] if 0 <= other < len(page.rows) else None


def _gap(a: _Row, b: _Row) -> float:
    return max(b.top - a.bottom, a.top - b.bottom)


def _running_lines(pages: Sequence[_Page]) -> dict[tuple[str, str], tuple[float, bool]]:
    """(zone, masked text) of lines repeated at the top or bottom of pages, with their style.

    A line counts when it sits in the same edge zone of many pages, or in an edge
    zone of one page while its text is on another page too (a header that repeats
    the title, from page 2 of a short bulletin on). The style (size, bold) is the
    one most of its edge-zone copies have, the smaller on a tie: a masthead title
    that a running header repeats is set larger.
    """
    in_zone: dict[tuple[str, str], set[int]] = defaultdict(set)
    styles: dict[tuple[str, str], Counter[tuple[float, bool]]] = defaultdict(Counter)
    anywhere: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for row in page.rows:
            anywhere[mask_digits(row.text)].add(page.number)
        top, bottom = _edge_rows(page)
        for zone_name, zone in (("top", top), ("bottom", bottom)):
            for index in zone:
                row = page.rows[index]
                key = (zone_name, mask_digits(row.text))
                in_zone[key].add(page.number)
                styles[key][(row.size, row.bold)] += 1
    need = max(2.0, 0.3 * len(pages))
    return {
        (zone, key): max(styles[(zone, key)].items(), key=lambda item: (item[1], -item[0][0]))[0]
        for (zone, key), numbers in in_zone.items()
        if key and (len(numbers) >= need or len(anywhere[key]) >= 2)
    }


def _set_apart(row: _Row, inner: _Row | None, body_size: float) -> bool:
    """A header or footer is set smaller than the body, or stands apart from it.

    This keeps a masthead title that a running header repeats, and body lines
    that happen to repeat.
    """
    if row.size < body_size - 0.5:
        return True
    detached = inner is not None and _gap(row, inner) > 0.8 * row.size
    return detached and row.size <= body_size + 0.5


def _body_size(pages: Sequence[_Page]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for token in row.tokens:
                weights[round(token.size, 1)] += len(token.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _trim_symbol(row: _Row, running: dict[tuple[str, str], tuple[float, bool]], zone: str) -> _Row | None:
    """Remove a running document symbol ("S/2025/185") that shares a row with other text."""
    for zone_name, key in sorted(running):
        if zone_name != zone or " " in key or "#" not in key:
            continue
        tokens = row.tokens
        if len(tokens) > 1 and mask_digits(tokens[-1].text) == key:
            return _Row(tokens[:-1])
        if len(tokens) > 1 and mask_digits(tokens[0].text) == key:
            return _Row(tokens[1:])
    return None


# --------------------------------------------------------------------------- layout


def _gutter_gaps(row: _Row, *, strict: bool = True) -> list[tuple[float, float]]:
    """Gaps in a row wide enough to be a column gutter.

    Justified lines stretch every space alike, so a gutter must also be much wider
    than the row's other spaces. ``strict`` is for finding a gutter; a row is then
    split at a known gutter on looser terms.
    """
    gaps = [(a.x1, b.x0) for a, b in zip(row.tokens, row.tokens[1:], strict=False)]
    widths = [b - a for a, b in gaps]
    min_gap = max(6.0, 1.2 * row.size) if strict else max(4.0, 0.6 * row.size)
    ratio = 2.5 if strict else 1.5
    wide = []
    for index, (a, b) in enumerate(gaps):
        others = widths[:index] + widths[index + 1 :]
        typical = statistics.median(others) if others else 0.0
        if b - a >= min_gap and b - a >= ratio * typical:
            wide.append((a, b))
    return wide


def find_gutter(rows: Sequence[_Row]) -> float | None:
    """x of a column gutter: a gap shared by rows with text on both sides, or None."""
    if len(rows) < 2:
        return None
    left = min(r.x0 for r in rows)
    right = max(r.x1 for r in rows)
    width = right - left
    if width <= 0:
        return None
    lo, hi = int(left + 0.25 * width), int(left + 0.75 * width)
    # Count only gaps with a column's worth of text on each side, not the gap
    # after a hanging paragraph number.
    gaps_by_row = [
        [
            (a, b)
            for a, b in _gutter_gaps(row)
            if a - row.x0 >= 0.15 * width and row.x1 - b >= 0.15 * width
        ]
        for row in rows
    ]
    support = [0] * (hi - lo + 1)
    for gaps in gaps_by_row:
        for a, b in gaps:
            for x in range(max(lo, int(a) + 2), min(hi, int(b) - 1) + 1):
                support[x - lo] += 1
    best = max(support, default=0)
    if best < 2:
        return None
    runs: list[tuple[int, int]] = []
    start = None
    for offset, value in enumerate([*support, -1]):
        if value == best and start is None:
            start = offset
        elif value != best and start is not None:
            runs.append((start, offset - 1))
            start = None
    centre = (left + right) / 2
    first, last = min(runs, key=lambda run: abs(lo + (run[0] + run[1]) / 2 - centre))
    gutter = lo + (first + last) / 2
    # In a table the rows that support the gutter are cut into narrow cells: not columns.
    supporting = [
        (row, gaps)
        for row, gaps in zip(rows, gaps_by_row, strict=True)
        if any(a < gutter < b for a, b in gaps)
    ]
    tabular = sum(1 for row, _ in supporting if _has_narrow_cells(row, width))
    if tabular > 0.5 * len(supporting):
        return None
    return gutter


def _has_narrow_cells(row: _Row, width: float) -> bool:
    gaps = _gutter_gaps(row)
    starts = [row.x0] + [b for _, b in gaps]
    ends = [a for a, _ in gaps] + [row.x1]
    cells = [end - start for start, end in zip(starts, ends, strict=True)]
    return len(cells) >= 3 and min(cells) < 0.12 * width


def _gutter_width(rows: Sequence[_Row], x: float) -> float:
    """Typical width of the gutter at ``x``, from the rows with a clear gap there."""
    widths = [b - a for row in rows for a, b in _gutter_gaps(row) if a < x < b]
    return statistics.median(widths) if widths else 0.0


def _splits_at(row: _Row, x: float, gutter_width: float) -> bool:
    """Whether a row lies wholly on either side of ``x`` or has a gutter gap there."""
    if all(t.x1 <= x for t in row.tokens) or all(t.x0 >= x for t in row.tokens):
        return True
    gaps = [(a.x1, b.x0) for a, b in itertools.pairwise(row.tokens)]
    if any(a < x < b and b - a >= 0.7 * gutter_width for a, b in gaps):
        return True  # as wide as the gutter: a column's line next to the other's
    return any(a < x < b for a, b in _gutter_gaps(row, strict=False))


def _one_side_only(band: Sequence[_Row], gutter: float) -> bool:
    sides = {t.x0 + t.x1 <= 2 * gutter for r in band for t in r.tokens}
    return len(sides) < 2


def _side(row: _Row, gutter: float, side: str) -> _Row:
    left = side == "left"
    return _Row(tuple(t for t in row.tokens if (t.x0 + t.x1 <= 2 * gutter) == left))


# Full-width lines of a page form one flow, whatever column bands come between them.
_FULL = (-1, "full")


def _regions(rows: Sequence[_Row]) -> list[list[_Row]]:
    """Runs of rows separated by a blank band at least a line high across the page."""
    regions: list[list[_Row]] = []
    for row in rows:
        if regions:
            prev = regions[-1][-1]
            if row.top - prev.bottom <= min(prev.size, row.size):
                regions[-1].append(row)
                continue
        regions.append([row])
    return regions


def order_lines(page: _Page) -> list[_Line]:
    """Lines of a page in reading order: in a two-column band, left column first.

    The page's gutter is found over all rows; a region (rows between blank bands)
    with a gutter of its own, such as a title beside a date block, uses that one.
    """
    rows = page.rows
    if not rows:
        return []
    page_gutter = find_gutter(rows)
    full_left = min(r.x0 for r in rows)
    full_right = max(r.x1 for r in rows)
    # Regions with a gutter of their own are read on their own; the others are merged
    # back, so that a column running on below the end of the other stays one column.
    groups: list[tuple[float | None, list[_Row]]] = []
    for region in _regions(rows):
        gutter = find_gutter(region)
        if gutter is None or (
            page_gutter is not None and abs(gutter - page_gutter) <= 3 * region[0].size
        ):
            gutter = page_gutter
        if groups and groups[-1][0] == gutter and gutter == page_gutter:
            groups[-1][1].extend(region)
        else:
            groups.append((gutter, list(region)))
    lines: list[_Line] = []
    for number, (gutter, group) in enumerate(groups):
        if gutter is None:
            lines.extend(_Line(r, page.number, _FULL, full_left, full_right) for r in group)
        else:
            lines.extend(_order_region(page.number, number, group, gutter, full_left, full_right))
    return _measure_flows(lines)


def _measure_flows(lines: Sequence[_Line]) -> list[_Line]:
    """Set each flow's right edge: where most of its full lines end.

    A high percentile rather than the maximum, so that one wide title above a
    column does not set the column's edge.
    """
    by_flow: dict[tuple[int, str], list[float]] = defaultdict(list)
    for line in lines:
        by_flow[line.flow].append(line.row.x1)
    edges: dict[tuple[int, str], float] = {}
    for flow, ends in by_flow.items():
        ends.sort()
        edges[flow] = ends[-1] if len(ends) < 5 else ends[int(0.9 * (len(ends) - 1))]
    return [replace(line, flow_right=edges[line.flow]) for line in lines]


def _order_region(
    page_number: int,
    region_number: int,
    rows: Sequence[_Row],
    gutter: float,
    full_left: float,
    full_right: float,
    *,
    full_flow: tuple[int, str] = _FULL,
    path: str = "",
) -> list[_Line]:
    """Lines of rows split at a gutter: bands of left column then right column.

    A column with a gutter of its own (a three-column page) is split again.
    """
    bands: list[tuple[bool, list[_Row]]] = []  # runs of rows split at the gutter
    gutter_width = _gutter_width(rows, gutter)
    for row in rows:
        split = _splits_at(row, gutter, gutter_width)
        if bands and bands[-1][0] == split and split:
            bands[-1][1].append(row)
        else:
            bands.append((split, [row]))
    lines: list[_Line] = []
    for number, (split, band) in enumerate(bands):
        if not split or _one_side_only(band, gutter):
            # Text on one side of the gutter only (short lines of full-width text) is
            # not a column band.
            lines.extend(_Line(r, page_number, full_flow, full_left, full_right) for r in band)
            continue
        tail: list[_Row] = []
        if number + 1 < len(bands):
            # Left-only rows below the right column, just above full-width text, are
            # full-width lines (a heading after a two-column band), not left column.
            right_rows = [r for r in band if _side(r, gutter, "right").tokens]
            right_bottom = max((r.bottom for r in right_rows), default=None)
            while band and right_bottom is not None and band[-1].top >= right_bottom:
                tail.insert(0, band.pop())
        for side in ("left", "right"):
            side_rows = [s for s in (_side(r, gutter, side) for r in band) if s.tokens]
            if not side_rows:
                continue
            side_path = f"{path}{number}{side[0]}"
            side_left = min(r.x0 for r in side_rows)
            side_right = max(r.x1 for r in side_rows)  # refined by _measure_flows
            inner = find_gutter(side_rows) if len(path) < 6 else None
            if inner is not None:
                lines.extend(
                    _order_region(
                        page_number,
                        region_number,
                        side_rows,
                        inner,
                        side_left,
                        side_right,
                        full_flow=(region_number, side_path),
                        path=side_path + "/",
                    )
                )
                continue
            lines.extend(
                _Line(r, page_number, (region_number, side_path), side_left, side_right)
                for r in side_rows
            )
        lines.extend(_Line(r, page_number, full_flow, full_left, full_right) for r in tail)
    return lines


# --------------------------------------------------------------------------- paragraphs


def _normal_gap_ratio(lines: Sequence[_Line]) -> float:
    ratios = []
    for prev, line in itertools.pairwise(lines):
        if prev.page != line.page or prev.flow != line.flow:
            continue
        size = line.row.size
        gap = line.row.top - prev.row.bottom
        if abs(prev.row.size - size) <= 0.5 and -0.1 * size <= gap <= 2 * size:
            ratios.append(gap / size)
    return statistics.median(ratios) if ratios else 0.25


def starts_item(text: str) -> bool:
    """A line that opens a numbered item, a lettered sub-item or a bullet."""
    return bool(_NUMBERED_ITEM.match(text) or _LIST_ITEM.match(text) or _BULLET.match(text))


def _ended_early(prev: _Line, line: _Line) -> bool:
    """Whether ``prev`` stops short although the next line's first word would have fit.

    The flow's right edge is where most lines end, at most the true margin, so a
    line that ran out of room is never taken for one that was ended on purpose.
    """
    if re.search(r"\w[-\u00ad]$", prev.row.text):
        return False  # hyphenated: the rest of the word did not fit
    first = line.row.tokens[0]
    room = prev.flow_right - prev.row.x1
    return room > (first.x1 - first.x0) + 0.5 * prev.row.size


def starts_paragraph(prev: _Line, line: _Line, normal_gap: float) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev``."""
    a, b = prev.row, line.row
    if starts_item(b.text):
        return True
    if a.bold != b.bold or abs(a.size - b.size) > 1.0:
        return True
    ended = bool(_TERMINAL.search(a.text))
    if prev.page != line.page or prev.flow != line.flow:
        # A column or page break: the paragraph goes on unless its last line ended
        # a sentence and stopped short. A line that fills the column ends no paragraph.
        return ended and not b.text[:1].islower() and _ended_early(prev, line)
    if b.top - a.bottom > (normal_gap + 0.3) * b.size:
        return True
    if b.text[:1].islower():
        return False
    if _ended_early(prev, line):
        return True  # the last line of a paragraph, or a line broken on purpose
    sentence_end = bool(_SENTENCE_END.search(a.text))
    return sentence_end and b.x0 - a.x0 > b.size and b.x0 > line.flow_left + b.size  # indent


def join_lines(
    before: str,
    after: str,
    *,
    words: set[str],
    compounds: set[str],
    hyphenation: Hyphenation | None = None,
) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation."""
    if before.endswith("\u00ad"):
        return before[:-1] + after  # a soft hyphen: a hyphenation point, not a hyphen
    hyphen = _LINE_END_HYPHEN.search(before)
    if hyphen is None or before.endswith(" -"):
        return f"{before} {after}"
    head = hyphen.group(1)
    match = _FIRST_WORD.match(after)
    tail = match.group(1) if match else ""
    if not tail or not (head[-1].isalpha() and head[-1].islower() and tail[0].islower()):
        return before + after  # "Asia-\nPacific", "EC-\n94/DEC.2": the hyphen is real
    key = f"{head}-{tail}".casefold()
    joined = f"{head}{tail}".casefold()
    if key in compounds:
        return before + after
    keep = hyphenation or default_hyphenation()
    if joined not in words and (
        tail.casefold() in keep.compound_tails or head.casefold() in keep.compound_heads
    ):
        return before + after
    return before[:-1] + after


def _vocabulary(lines: Sequence[_Line]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        text = line.row.text.casefold()
        body = text[:-1] if text.endswith("-") else text
        words.update(_WORD.findall(body))
        compounds.update(f"{a}-{b}" for a, b in _COMPOUND.findall(body))
    return words, compounds


def assemble_text(lines: Sequence[_Line], *, n_pages: int) -> tuple[str, tuple[int, ...]]:
    """Join lines into paragraphs; return the text and the offset where each page starts."""
    normal_gap = _normal_gap_ratio(lines)
    words, compounds = _vocabulary(lines)
    starts: dict[int, int] = {}
    parts: list[str] = []  # finished text, then the current line
    length = 0  # characters in parts[:-1]
    prev: _Line | None = None
    for line in lines:
        piece = line.row.text
        if prev is None:
            parts.append(piece)
            start = 0
        elif starts_paragraph(prev, line, normal_gap):
            length += len(parts[-1]) + 2
            parts.append("\n\n")
            parts.append(piece)
            start = length
        else:
            joined = join_lines(parts[-1], piece, words=words, compounds=compounds)
            start = length + len(joined) - len(piece)
            length += len(joined) - len(piece)
            parts[-1] = joined[: len(joined) - len(piece)]
            parts.append(piece)
        starts.setdefault(line.page, start)
        prev = line
    text = "".join(parts)
    page_starts = [0] * n_pages
    following = len(text)
    for number in range(n_pages - 1, 0, -1):
        following = starts.get(number, following)
        page_starts[number] = following
    return text, tuple(page_starts)
