"""Word documents (.docx) to paragraphs, headings and tables, in body order.

Headings come from paragraph styles: Title is level 1, Heading 1-3 levels 1-3 (a style
based on one of them, or an outline level 1-3, counts too). Word's automatic numbering
is written out ("1. ", "• "), so numbered item headings read as in a text bulletin, and
consecutive list items make one paragraph of lines. A table of data becomes a table; a
one-column table or one with long cells only lays out the page, and its cells are read
as paragraphs. Page headers and footers, footnotes, comments, text boxes, hidden and
deleted text are left out. The core properties give the title and date fallbacks.

A DOCX is a zip archive. Before anything is unpacked, the sizes its directory declares
are checked against ``max_unpacked_bytes`` and ``max_compression_ratio`` (Python's
zipfile never unpacks more than a member declares). A part with a document type (which
Word never writes) is refused before it is parsed, so no entity is ever expanded; the
parser itself (python-docx's) resolves no entities and reaches no network either.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from typing import Any

from pipeline.core.errors import InputError, exception_line
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits
from pipeline.read.builder import Block, HeadingBlock, Paragraph, TableBlock, build_text
from pipeline.read.text import check_chars, check_not_blank, read_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DOCUMENT_TYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)|<\x00!\x00(D\x00O\x00C|E\x00N\x00T)", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$")
# Entries of one member smaller than this are not checked for their ratio (no threat).
MIN_RATIO_CHECKED = 1024 * 1024
MAX_ENTRIES = 10_000
# A data table's cells are short; a longer cell means the table lays out the page.
MAX_DATA_CELL_CHARS = 300
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


# --------------------------------------------------------------------------- the archive


def check_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The zip archive of a DOCX, after its declared sizes passed the limits."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError("encrypted DOCX: a password is needed to open it")
        raise InputError("a Word 97-2003 document (OLE file) named .docx; save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError("corrupt DOCX: not a zip archive")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many types on a broken directory
        raise InputError(f"corrupt or truncated DOCX ({exception_line(exc)})") from exc
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"zip bomb: DOCX holds {len(infos)} files, over the limit of {MAX_ENTRIES}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise InputError(
            f"zip bomb: DOCX would unpack to {total} bytes, over the limit of "
            f"{limits.max_unpacked_bytes} (max_unpacked_bytes)"
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size >= MIN_RATIO_CHECKED and ratio > limits.max_compression_ratio:
            raise InputError(
                f"zip bomb: DOCX part {info.filename} would unpack {ratio} times its packed size, over "
                f"the limit of {limits.max_compression_ratio} (max_compression_ratio)"
            )
        if info.flag_bits & 0x1:
            raise InputError("encrypted DOCX: its zip archive needs a password")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise InputError("a zip archive that is not a Word document (no [Content_Types].xml)")
    return archive


def check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a part that declares a document type: it could define entities."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            part = archive.read(info)
        except Exception as exc:  # zipfile and zlib raise many types on a broken archive
            raise InputError(f"corrupt DOCX part {info.filename} ({exception_line(exc)})") from exc
        if _DOCUMENT_TYPE.search(part):
            raise InputError(
                f"DOCX part {info.filename} declares a document type or entities, which Word never "
                "writes; not read"
            )


def open_document(data: bytes) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx: "file '...' is not a Word file, content type is ..."
        raise InputError(f"not a Word document ({str(exc).splitlines()[0]})") from exc
    except Exception as exc:  # a broken package raises KeyError, lxml and zip errors
        raise InputError(f"corrupt DOCX ({exception_line(exc)})") from exc


# --------------------------------------------------------------------------- text of parts


def _is_skipped(run: Any, paragraph: Any) -> bool:
    """A run in a text box, a deletion or a nested paragraph's, or hidden by formatting."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            break
        if ancestor.tag in (f"{W}txbxContent", f"{W}del", f"{W}p"):
            return True
    properties = run.find(f"{W}rPr")
    return properties is not None and _is_on(properties.find(f"{W}vanish"))


def _is_on(toggle: Any) -> bool:
    return toggle is not None and toggle.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for run in paragraph.iter(f"{W}r"):
        if _is_skipped(run, paragraph):
            continue
        for child in run:
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag == f"{W}tab":
                parts.append("\t")
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif child.tag == f"{W}noBreakHyphen":
                parts.append("-")
    return "".join(parts)


def _is_bold_row(row: Any) -> bool:
    runs = [r for r in row.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    return bool(runs) and all(_is_on(r.find(f"{W}rPr/{W}b")) for r in runs)


def _cell_text(cell: Any) -> str:
    return " ".join(paragraph_text(p) for p in cell.iter(f"{W}p") if not _in_text_box(p, cell))


def _in_text_box(paragraph: Any, top: Any) -> bool:
    for ancestor in paragraph.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == f"{W}txbxContent":
            return True
    return False


# --------------------------------------------------------------------------- styles and lists


class _Styles:
    """Heading levels and list numbering of paragraphs, from the styles and numbering parts."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, Any] = {}
        styles = document.styles.element if _has_part(document, "styles") else None
        if styles is not None:
            self.styles = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        if _has_part(document.part, "numbering_part"):
            self._read_numbering(document.part.numbering_part.element)
        self.counters: dict[str, list[int]] = {}

    def _read_numbering(self, numbering: Any) -> None:
        abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")}
        for num in numbering.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            definition = abstract.get(ref.get(f"{W}val")) if ref is not None else None
            if definition is None:
                continue
            for level in definition.iter(f"{W}lvl"):
                fmt = _val(level.find(f"{W}numFmt")) or "decimal"
                text = _val(level.find(f"{W}lvlText")) or ""
                start = int(_val(level.find(f"{W}start")) or 1)
                self.levels[(num.get(f"{W}numId"), int(level.get(f"{W}ilvl", 0)))] = (fmt, text, start)

    def chain(self, paragraph: Any) -> Iterator[Any]:
        """The paragraph's properties, then its style's and the styles it is based on."""
        properties = paragraph.find(f"{W}pPr")
        if properties is not None:
            yield properties
        style_id = _val(properties.find(f"{W}pStyle")) if properties is not None else None
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _val(style.find(f"{W}basedOn"))

    def heading_level(self, paragraph: Any) -> int | None:
        for element in self.chain(paragraph):
            name = (_val(element.find(f"{W}name")) or "").strip().lower()
            if name == "title":
                return 1
            if match := _HEADING_STYLE.match(name):
                level = int(match.group(1))
                return level if level <= 3 else None
            outline = (
                element.find(f"{W}outlineLvl")
                if element.tag == f"{W}pPr"
                else element.find(f"{W}pPr/{W}outlineLvl")
            )
            if outline is not None and (_val(outline) or "9").isdigit():
                level = int(_val(outline) or 9) + 1
                return level if level <= 3 else None
        return None

    def list_marker(self, paragraph: Any) -> str | None:
        """ "1. ", "a) " or "• " for a numbered paragraph, counted as Word counts it."""
        for element in self.chain(paragraph):
            numbering = (
                element.find(f"{W}numPr") if element.tag == f"{W}pPr" else element.find(f"{W}pPr/{W}numPr")
            )
            if numbering is None:
                continue
            num_id = _val(numbering.find(f"{W}numId"))
            level = int(_val(numbering.find(f"{W}ilvl")) or 0)
            if not num_id or num_id == "0":
                return None
            return self._count(num_id, level)
        return None

    def _count(self, num_id: str, level: int) -> str:
        fmt, text, _ = self.levels.get((num_id, level), ("bullet", "", 1))
        if fmt == "bullet" or fmt == "none":
            return "• " if fmt == "bullet" else ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        level = min(level, 8)
        counters[level] = counters[level] + 1 if counters[level] else self._start(num_id, level)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        marker = text or f"%{level + 1}."
        for index in range(level + 1):
            value = counters[index] or self._start(num_id, index)
            form = self.levels.get((num_id, index), ("decimal", "", 1))[0]
            marker = marker.replace(f"%{index + 1}", _format_number(value, form))
        return marker.strip() + " "

    def _start(self, num_id: str, level: int) -> int:
        return self.levels.get((num_id, level), ("decimal", "", 1))[2]


def _has_part(owner: Any, name: str) -> bool:
    try:
        getattr(owner, name)
    except (KeyError, NotImplementedError, AttributeError):
        return False
    return True


def _val(element: Any) -> str | None:
    return element.get(f"{W}val") if element is not None else None


def _format_number(value: int, form: str) -> str:
    if form in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if form == "upperLetter" else letter
    if form in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if form == "upperRoman" else roman
    return str(value)


# --------------------------------------------------------------------------- the body


class _Body:
    """Walks the document body in order, collecting blocks; list items gather into one."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.items: list[str] = []

    def end_list(self) -> None:
        if self.items:
            self.blocks.append(Paragraph("\n".join(self.items)))
            self.items = []

    def walk(self, container: Any) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.end_list()
                self.table(child)
            elif child.tag == f"{W}sdt":  # a content control: its content is body content
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.walk(content)

    def paragraph(self, element: Any) -> None:
        text = paragraph_text(element)
        level = self.styles.heading_level(element)
        marker = self.styles.list_marker(element)
        if not text.strip():
            return
        if level is not None:
            self.end_list()
            self.blocks.append(HeadingBlock((marker or "") + text, level))
        elif marker is not None:
            self.items.append(marker + text)
        else:
            self.end_list()
            self.blocks.append(Paragraph(text))

    def table(self, table: Any) -> None:
        own_rows = [tr for tr in table.iter(f"{W}tr") if _own(tr, table)]
        rows = [[tc for tc in tr.iter(f"{W}tc") if _own(tc, table)] for tr in own_rows]
        texts = [[_cell_text(cell) for cell in row] for row in rows if row]
        nested = any(t is not table for t in table.iter(f"{W}tbl"))
        if (
            nested
            or max((len(r) for r in texts), default=0) < 2
            or any(len(c) > MAX_DATA_CELL_CHARS for r in texts for c in r)
        ):
            for row in rows:  # a layout table: its cells are read as the page
                for cell in row:
                    self.walk(cell)
                    self.end_list()
            return
        header_rows = 0
        for tr in own_rows:
            if not _is_on(tr.find(f"{W}trPr/{W}tblHeader")):
                break
            header_rows += 1
        if not header_rows and len(own_rows) > 1 and _is_bold_row(own_rows[0]):
            header_rows = 1
        self.blocks.append(TableBlock(tuple(tuple(r) for r in texts), header_rows))


def _own(element: Any, table: Any) -> bool:
    """Whether a row or cell belongs to ``table`` itself, not to a table inside it."""
    return next(element.iterancestors(f"{W}tbl")) is table


def docx_blocks(document: Any) -> list[Block]:
    body = _Body(_Styles(document))
    body.walk(document.element.body)
    body.end_list()
    return body.blocks


def _metadata(document: Any, blocks: list[Block]) -> tuple[str | None, date | None]:
    try:
        properties = document.core_properties
        title = (properties.title or "").strip() or None
        created = properties.created
    except Exception:  # a malformed core.xml costs the fallbacks only
        title, created = None, None
    if title is None:
        title = next((b.text.strip() for b in blocks if isinstance(b, HeadingBlock) and b.level == 1), None)
    return title, created.date() if created is not None else None


def read_docx(source: SourceFile, limits: Limits) -> DocumentText:
    data = read_bytes(source, limits)
    check_not_blank(data)
    archive = check_archive(data, limits)
    check_parts(archive)
    document = open_document(data)
    blocks = docx_blocks(document)
    built = build_text(blocks)
    if not built.text.strip():
        raise InputError("DOCX has no text in its body")
    check_chars(built.text, limits)
    title, created = _metadata(document, blocks)
    return DocumentText(
        source.relative_path,
        built.text,
        format="docx",
        headings=built.headings,
        tables=built.tables,
        metadata_title=title,
        metadata_date=created,
    )
