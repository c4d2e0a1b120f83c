"""Web pages (and the HTML part of e-mails) to paragraphs, headings and tables.

The main content is kept; navigation, sidebars, cookie banners, scripts, styles, forms,
footers and comment threads are dropped by rules an analyst can edit
(``data/html.yaml``): tags, ARIA roles, words of class and id names, and, outside a
page's marked main content, blocks made mostly of links. ``<h1>``-``<h3>`` become
headings of levels 1-3, a ``<table>`` of data becomes a table (a table that only lays
out the page is read as the text it holds), list items become lines ("• " or "1. ").

The bytes are decoded by their byte-order mark, the charset an e-mail declares, the
page's ``<meta charset>`` or ``http-equiv`` (ISO-8859-1 and ASCII read as Windows-1252,
as browsers do), its XML declaration, then as UTF-8, then by detection. Nothing is ever
fetched: libxml2's HTML parser runs without network access and without its limits
lifted (``huge_tree``), and a document type's entity declarations are removed unread.

``benchmarks/html_extraction.py`` measures these rules against trafilatura.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.html
from lxml import etree

from pipeline.core.datafiles import load_data
from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits
from pipeline.read.builder import Block, HeadingBlock, Paragraph, TableBlock, build_text
from pipeline.read.text import check_chars, check_not_blank, decode_text, looks_binary, read_bytes

# Labels browsers read as Windows-1252 (WHATWG Encoding Standard), whatever they say.
_WINDOWS_1252 = frozenset(
    ("ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
     "ibm819", "iso-ir-100", "windows-1252", "x-cp1252", "cp1252")
)  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")
# Characters no XML tree may hold (lxml refuses them when the tree is changed).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPACE = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME_WORDS = re.compile(r"[^a-z]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
_MINOR_HEADINGS = frozenset({"h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table",
     "tbody", "td", "tfoot", "th", "thead", "tr", "ul")
)  # fmt: skip
# Blocks that may be lists of links.
_LINK_LIST_TAGS = ("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "td")
# Beyond this depth libxml2 stops reading (without huge_tree, which stays off).
MAX_DEPTH = 256
# A data table's cells are short; a cell longer than this is page layout.
MAX_DATA_CELL_CHARS = 300


@dataclass(frozen=True)
class Boilerplate:
    """The rules of ``data/html.yaml``."""

    drop_tags: frozenset[str]
    drop_roles: frozenset[str]
    drop_words: frozenset[str]
    header_words: frozenset[str]
    content_names: frozenset[str]
    max_link_share: float


@cache
def default_boilerplate() -> Boilerplate:
    raw = load_data("html.yaml")
    return Boilerplate(
        drop_tags=frozenset(t.lower() for t in raw["drop_tags"]),
        drop_roles=frozenset(r.lower() for r in raw["drop_roles"]),
        drop_words=frozenset(w.lower() for w in raw["drop_words"]),
        header_words=frozenset(w.lower() for w in raw["header_words"]),
        content_names=frozenset(n.lower() for n in raw["content_names"]),
        max_link_share=float(raw["max_link_share"]),
    )


@dataclass(frozen=True)
class HtmlContent:
    blocks: tuple[Block, ...]
    title: str | None
    encoding: str


# --------------------------------------------------------------------------- decoding


def _codec(label: bytes | str | None) -> str | None:
    """Python's codec for a charset label; None for a label it does not know."""
    if not label:
        return None
    name = (label.decode("ascii", "replace") if isinstance(label, bytes) else label).strip().lower()
    if name in _WINDOWS_1252:
        return "cp1252"
    try:
        codec = codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a label holding a NUL byte
        return None
    # A page that says UTF-16 without a byte-order mark is read as UTF-8 (as browsers do).
    return "utf-8" if codec.startswith(("utf-16", "utf-32")) or codec == "utf-8-sig" else codec


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes: ``<meta>`` or an XML declaration."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec(match.group(1)) if match else None


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text and encoding of HTML bytes; ``declared`` is a charset from outside (an e-mail's)."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = _codec(declared) or declared_charset(data)
        if codec is not None:
            try:
                return data.decode(codec), codec
            except (UnicodeDecodeError, LookupError):  # LookupError: a codec of bytes (base64, hex)
                pass  # a wrong declaration: the bytes are read as a text file's are
    text, encoding = decode_text(data)
    if looks_binary(text):
        raise InputError("binary data, not HTML (too many control characters)")
    return text, encoding


# --------------------------------------------------------------------------- parsing


def _without_doctype(text: str) -> str:
    """The text without an XML declaration and document type (whose entities stay unread)."""
    text = _XML_DECLARATION.sub("", text, count=1).lstrip()
    if text[:9].lower() != "<!doctype":
        return text
    close = text.find(">")
    bracket = text.find("[")
    if 0 <= bracket < close:  # an internal subset: entity declarations
        end = text.find("]", bracket)
        close = text.find(">", end) if end >= 0 else -1
    return text[close + 1 :] if close >= 0 else ""


def parse_html(text: str) -> Any:
    """The page's element tree; libxml2 reads it without network access or lifted limits."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True
    )
    try:
        root = lxml.html.document_fromstring(_NOT_XML.sub("", _without_doctype(text)), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"HTML has no content ({str(exc).strip() or type(exc).__name__})") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise InputError(f"HTML elements nested more than {MAX_DEPTH} deep; the page cannot be read whole")
    return root


def page_title(root: Any) -> str | None:
    """The page's ``<title>``, or its ``og:title``."""
    for element in root.iter("title"):
        title = _SPACE.sub(" ", element.text_content()).strip()
        if title:
            return title
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            title = _SPACE.sub(" ", meta.get("content") or "").strip()
            if title:
                return title
    return None


# --------------------------------------------------------------------------- boilerplate


def _name_words(element: Any) -> set[str]:
    """Words of the element's class and id: "siteFooter nav_main" -> site, footer, nav, main."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {w for w in _NAME_WORDS.split(_CAMEL.sub(" ", names).lower()) if w}


def _is_hidden(element: Any) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _inside(element: Any, tags: frozenset[str]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _drop(element: Any) -> None:
    if element.getparent() is None:
        return  # the page itself ('<html la<div class="cookie-banner"': a tag cut open) stays
    element.drop_tree()  # keeps the element's tail text, which belongs to its parent


def _is_page_header(element: Any, rules: Boilerplate) -> bool:
    """A site's header: ``<header>`` or a header class or id, outside the article, without the h1."""
    if element.tag != "header" and not _name_words(element) & rules.header_words:
        return False
    return not _inside(element, frozenset({"article", "main"})) and next(element.iter("h1"), None) is None


def remove_furniture(root: Any, rules: Boilerplate) -> None:
    """Drop what is never content: by tag, role and hidden, then by class and id words."""
    doomed = [
        element
        for element in root.iter(etree.Element)
        if element.tag in rules.drop_tags
        or (element.get("role") or "").lower() in rules.drop_roles
        or _is_hidden(element)
    ]
    for element in _outermost(doomed):
        _drop(element)
    total = len(root.text_content())
    named = [
        e
        for e in root.iter(etree.Element)
        if e.tag not in ("html", "body") and (_name_words(e) & rules.drop_words or _is_page_header(e, rules))
    ]
    for element in _outermost(named):
        if len(element.text_content()) <= total / 2:  # never a wrapper of the whole page
            _drop(element)


def _outermost(elements: list[Any]) -> Iterator[Any]:
    chosen = set(elements)
    for element in elements:
        if not any(ancestor in chosen for ancestor in element.iterancestors()):
            yield element


def main_content(root: Any, rules: Boilerplate) -> tuple[Any, bool]:
    """The element holding the main content, and whether the page marks it as such."""
    body = root.find("body")
    body = body if body is not None else root
    total = len(body.text_content().strip())
    candidates = [e for e in body.iter("main")] + [
        e for e in body.iter(etree.Element) if (e.get("role") or "").lower() == "main"
    ]
    articles = [a for a in body.iter("article") if not _inside(a, frozenset({"article"}))]
    if len(articles) == 1:
        candidates.append(articles[0])
    candidates += [
        e
        for e in body.iter(etree.Element)
        if {(e.get("id") or "").lower(), *(e.get("class") or "").lower().split()} & rules.content_names
    ]
    for candidate in candidates:
        # A marked element with little of the page's text is not its content.
        if total and len(candidate.text_content().strip()) >= 0.25 * total:
            return candidate, True
    return body, False


def remove_link_lists(container: Any, rules: Boilerplate) -> None:
    """Drop blocks made mostly of links (menus, tag clouds) from a page without marked content."""
    doomed = []
    for element in container.iter(*_LINK_LIST_TAGS):
        text = _SPACE.sub("", element.text_content())
        links = list(element.iter("a"))
        if len(links) < 2 or not text:
            continue
        linked = sum(len(_SPACE.sub("", a.text_content())) for a in links)
        if linked >= rules.max_link_share * len(text):
            doomed.append(element)
    for element in _outermost(doomed):
        _drop(element)


# --------------------------------------------------------------------------- content


def inline_text(element: Any) -> str:
    """The element's text with white space collapsed, ``<br>`` as a line break."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "br":
            parts.append("\n")
        elif node.text:
            parts.append(_SPACE.sub(" ", node.text))
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
                if child.tag in _BLOCK_TAGS and child.tag != "br":
                    parts.append(" ")
            if child.tail:
                parts.append(_SPACE.sub(" ", child.tail))

    walk(element)
    return "".join(parts)


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of a table inside it)."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]


def _cells(row: Any) -> list[Any]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def is_data_table(table: Any) -> bool:
    """A table of figures or facts, not one that lays out the page or an e-mail."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    if any(t is not table for t in table.iter("table")):
        return False
    rows = [r for r in _rows(table) if _cells(r)]
    if len(rows) < 2 or max(len(_cells(r)) for r in rows) < 2:
        return False
    for cell in (c for r in rows for c in _cells(r)):
        if any(e.tag in ("h1", "h2", "h3", "ul", "ol", "blockquote") for e in cell.iter()):
            return False
        if len(_SPACE.sub(" ", cell.text_content()).strip()) > MAX_DATA_CELL_CHARS:
            return False
    return True


def table_block(table: Any) -> TableBlock:
    rows = [r for r in _rows(table) if _cells(r)]
    header_rows = 0
    for row in rows:
        in_head = any(a.tag == "thead" for a in row.iterancestors())
        if not (in_head or all(c.tag == "th" for c in _cells(row))):
            break
        header_rows += 1
    return TableBlock(
        tuple(tuple(inline_text(c) for c in _cells(row)) for row in rows),
        header_rows,
    )


class _Blocks:
    """Walks an element tree in document order, collecting blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if text.strip():
            self.blocks.append(Paragraph(text))

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS:
            self.flush()
            self.blocks.append(HeadingBlock(inline_text(element), _HEADINGS[tag]))
        elif tag in _MINOR_HEADINGS:
            self.flush()
            self.blocks.append(Paragraph(inline_text(element)))
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_items(element, ordered=tag == "ol")
        elif tag == "table" and is_data_table(element):
            self.flush()
            self.blocks.append(table_block(element))
        elif tag == "pre":
            self.flush()
            self.blocks.append(Paragraph(element.text_content()))
        elif tag == "br":
            self.buffer.append("\n")
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.children(element)
            self.flush()
        else:
            self.children(element)

    def children(self, element: Any) -> None:
        if element.text:
            self.buffer.append(_SPACE.sub(" ", element.text))
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child)
            if child.tail:
                self.buffer.append(_SPACE.sub(" ", child.tail))

    def list_items(self, element: Any, *, ordered: bool) -> None:
        items = [li for li in element if li.tag == "li"]
        number = _list_start(element)
        markers = [f"{number + i}. " if ordered else "• " for i in range(len(items))]
        if all(not any(e.tag in _BLOCK_TAGS for e in li.iterdescendants()) for li in items):
            lines = [marker + inline_text(li) for marker, li in zip(markers, items, strict=True)]
            self.blocks.append(Paragraph("\n".join(lines)))
            return
        for marker, li in zip(markers, items, strict=True):
            inner = _Blocks()
            inner.children(li)
            inner.flush()
            if inner.blocks and isinstance(inner.blocks[0], Paragraph | HeadingBlock):
                first = inner.blocks[0]
                text = marker + first.text.lstrip()
                inner.blocks[0] = (
                    HeadingBlock(text, first.level) if isinstance(first, HeadingBlock) else Paragraph(text)
                )
            self.blocks.extend(inner.blocks)


def _list_start(element: Any) -> int:
    try:
        return int(element.get("start") or 1)
    except ValueError:
        return 1


def content_blocks(root: Any, rules: Boilerplate | None = None) -> list[Block]:
    """The blocks of the page's main content, furniture dropped. Changes ``root``."""
    rules = rules or default_boilerplate()
    remove_furniture(root, rules)
    container, marked = main_content(root, rules)
    if not marked:
        remove_link_lists(container, rules)
    walker = _Blocks()
    walker.walk(container)
    walker.flush()
    return walker.blocks


def html_content(data: bytes, declared: str | None = None) -> HtmlContent:
    """Blocks, title and encoding of an HTML page or e-mail part."""
    text, encoding = decode_html(data, declared)
    root = parse_html(text)
    title = page_title(root)
    return HtmlContent(tuple(content_blocks(root)), title, encoding)


def read_html(source: SourceFile, limits: Limits) -> DocumentText:
    data = read_bytes(source, limits)
    check_not_blank(data)
    content = html_content(data)
    built = build_text(content.blocks)
    if not built.text.strip():
        raise InputError("HTML page has no main text (only navigation, scripts or furniture)")
    check_chars(built.text, limits)
    return DocumentText(
        source.relative_path,
        built.text,
        format="html",
        encoding=content.encoding,
        headings=built.headings,
        tables=built.tables,
        metadata_title=content.title,
    )
