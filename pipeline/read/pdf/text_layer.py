"""A page's text layer (pdfplumber characters) as rows of words, cleaned where the text enters.

Glyph codes ``(cid:N)``, ligatures and control characters are removed here; a page of glyph
codes only gives no rows and a warning, as does a page with drawings or images but no text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pipeline.read.pdf.records import Page, Row, Token
from pipeline.read.pdf.rows import drop_superscripts, group_rows, merge_pieces

# A page whose characters are at least this share of (cid:N) codes is unreadable.
CID_PAGE_SHARE = 0.3
# A framed box holds a notice: a few lines high (points), a few words at least.
MIN_BOX_HEIGHT = 30.0
MIN_BOX_WORDS = 3

_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_BOLD_FONT = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)
_BARCODE_FONT = re.compile(r"barcode|code\s*39|code\s*128|3\s*of\s*9|\bean\s*13|\bupc", re.I)


def read_page(page: Any, number: int) -> Page:
    chars = [c for c in page.chars if c.get("upright", True)]  # rotated text: chart labels
    visible = [c for c in chars if c["text"].strip()]
    n_cid = sum(1 for c in visible if _CID.fullmatch(c["text"]))
    warnings: list[str] = []
    width, height = float(page.width), float(page.height)
    if not visible:
        drawn = bool(page.images or page.rects or page.curves or page.lines)
        reason = "no text layer (scanned or drawn)" if drawn else None
        return Page(number, width, height, (), (), False, needs_ocr=reason)
    if n_cid >= CID_PAGE_SHARE * len(visible):
        reason = (
            f"text layer is glyph codes (cid:N) without a character map "
            f"({n_cid} of {len(visible)} characters)"
        )
        return Page(number, width, height, (), (), needs_ocr=reason)
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
            Token(
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
    frames = framed_boxes(page.rects, float(page.width), float(page.height))
    boxed: list[list[Token]] = [[] for _ in frames]
    loose: list[Token] = []
    for token in tokens:
        inside = next((i for i, frame in enumerate(frames) if _holds(frame, token)), None)
        (loose if inside is None else boxed[inside]).append(token)
    boxes = tuple(page_rows(box) for box in boxed if len(box) >= MIN_BOX_WORDS)
    loose += [token for box in boxed if len(box) < MIN_BOX_WORDS for token in box]
    return Page(number, float(page.width), float(page.height), page_rows(loose), tuple(warnings), boxes=boxes)


def page_rows(tokens: list[Token]) -> tuple[Row, ...]:
    """Rows of a page's tokens: grouped by baseline, superscripts dropped, split words joined."""
    return tuple(merge_pieces(drop_superscripts(row)) for row in group_rows(tokens))


def framed_boxes(rects: list[dict[str, Any]], width: float, height: float) -> list[tuple[float, ...]]:
    """(x0, top, x1, bottom) of the rectangles drawn round a notice, top to bottom.

    A frame has a stroked outline, is at least a fifth of the page wide and a few lines
    high, and is not the page's own border. Filled rectangles without an outline are
    backgrounds and photos, not frames.
    """
    frames: list[tuple[float, ...]] = []
    for rect in rects:
        x0, top, x1, bottom = (float(rect[k]) for k in ("x0", "top", "x1", "bottom"))
        w, h = x1 - x0, bottom - top
        if not rect.get("stroke") or w < 0.2 * width or h < MIN_BOX_HEIGHT or w * h > 0.6 * width * height:
            continue
        if any(abs(x0 - f[0]) < 1 and abs(top - f[1]) < 1 and abs(x1 - f[2]) < 1 for f in frames):
            continue
        frames.append((x0, top, x1, bottom))
    return sorted(frames, key=lambda f: (f[1], f[0]))


def _holds(frame: tuple[float, ...], token: Token) -> bool:
    x, y = (token.x0 + token.x1) / 2, (token.top + token.bottom) / 2
    return frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3]


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
