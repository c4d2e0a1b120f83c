"""A page's text layer (pdfplumber characters) as rows of words, cleaned where the text enters.

Glyph codes ``(cid:N)``, ligatures and control characters are removed here; a page of glyph
codes only gives no rows and a warning, as does a page with drawings or images but no text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pipeline.read.pdf.records import Page, Token
from pipeline.read.pdf.rows import drop_superscripts, group_rows, merge_pieces

# A page whose characters are at least this share of (cid:N) codes is unreadable.
CID_PAGE_SHARE = 0.3

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
    if not visible:
        if page.images or page.rects or page.curves or page.lines:
            warnings.append(f"page {number + 1}: no text layer (scanned or drawn), no text taken")
        return Page(number, float(page.width), float(page.height), (), tuple(warnings), False)
    if n_cid >= CID_PAGE_SHARE * len(visible):
        warnings.append(
            f"page {number + 1}: text layer is glyph codes (cid:N) without a character map "
            f"({n_cid} of {len(visible)} characters), page text skipped"
        )
        return Page(number, float(page.width), float(page.height), (), tuple(warnings))
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
    rows = tuple(merge_pieces(drop_superscripts(row)) for row in group_rows(tokens))
    return Page(number, float(page.width), float(page.height), rows, tuple(warnings))


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
