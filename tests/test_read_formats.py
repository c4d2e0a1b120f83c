"""Readers of web pages, Word documents and e-mails, and the text builder they share.

Whole bad files (corrupt, encrypted, empty, zip bombs, huge, entities) go through a run in
tests/test_robustness.py; here each reader's rules are tested on small made-up inputs.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from make_bad_inputs import GOOD_BULLETIN, docx_file, email_message, html_page

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits
from pipeline.execute.timeouts import DocumentTimeout, time_limit
from pipeline.read.builder import BuiltText, HeadingBlock, Paragraph, TableBlock, build_text, clean_line
from pipeline.read.discover import SUPPORTED_SUFFIXES
from pipeline.read.document import READERS, read_document
from pipeline.read.docx import check_archive
from pipeline.read.eml import drop_furniture
from pipeline.read.html import decode_html, html_content
from pipeline.read.text import normalise_text

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
# The committed twins, damaged at random by the property test below.
TWINS = sorted(p.name for p in RAW.iterdir() if p.suffix in (".html", ".docx", ".eml"))
# The ones the regression tests below damage where a fuzz run of the twins found a failure.
TWIN_HTML = "capnet-news-2016-02.html"
TWIN_DOCX = "dgov-bulletin-2015-09.docx"
TWIN_EML = "pgd-monthly-2014-06.eml"


def _read(tmp_path: Path, name: str, data: bytes, limits: Limits | None = None) -> DocumentText:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(SourceFile(path, name, "0" * 64, len(data)), limits or Limits())


def _headings(document: DocumentText | BuiltText) -> list[tuple[int, str]]:
    return [(h.level, document.text[h.char_start : h.char_end]) for h in document.headings]


def _rows(document: DocumentText | BuiltText, index: int = 0) -> list[list[str]]:
    table = document.tables[index]
    rows: list[list[str]] = []
    for cell in table.cells:
        if cell.row == len(rows):
            rows.append([])
        rows[cell.row].append(document.text[cell.char_start : cell.char_end])
    return rows


def test_every_supported_suffix_has_one_reader() -> None:
    assert set(READERS) == set(SUPPORTED_SUFFIXES)


def test_reader_is_chosen_by_suffix_whatever_its_case(tmp_path: Path) -> None:
    page = html_page(GOOD_BULLETIN).encode()
    assert _read(tmp_path, "UPPER.HTML", page).format == "html"
    assert _read(tmp_path, "short.htm", page).format == "html"


# A damaged twin reads in well under a second; one that takes this long has found a loop.
READ_SECONDS = 20


def _text_or_one_line_error(tmp_path: Path, name: str, data: bytes) -> None:
    """What a damaged file must give: text whose offsets index it, or one line saying why not."""
    try:
        with time_limit(READ_SECONDS):
            document = _read(tmp_path, name, data)
    except DocumentTimeout:
        pytest.fail(f"reading the damaged {name} took over {READ_SECONDS} s")
    except InputError as exc:
        assert str(exc).splitlines() == [str(exc)]
        return
    assert document.text.strip() and normalise_text(document.text) == document.text
    for heading in document.headings:
        assert 0 <= heading.char_start < heading.char_end <= len(document.text)
    for table in document.tables:
        assert all(0 <= c.char_start <= c.char_end <= len(document.text) for c in table.cells)


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No explain phase: with it, every call from the first failure on runs traced (py-spy saw
    # a run stalled over 20 minutes doing so). The failure is still shrunk (at most 5 minutes,
    # Hypothesis's cap; each call at most READ_SECONDS) and printed.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(st.sampled_from(TWINS), st.data())
def test_a_damaged_file_gives_text_or_a_one_line_input_error(tmp_path: Path, name: str, data: Any) -> None:
    """Bytes changed, cut or removed anywhere in a web page, a DOCX or an e-mail."""
    damaged = bytearray((RAW / name).read_bytes())
    start = data.draw(st.integers(0, len(damaged) - 1))
    how = data.draw(st.sampled_from(["change", "cut", "remove"]))
    if how == "change":
        damaged[start : start + 8] = data.draw(st.binary(min_size=1, max_size=8))
    elif how == "cut":
        del damaged[start:]
    else:
        del damaged[start : start + data.draw(st.integers(1, 600))]
    _text_or_one_line_error(tmp_path, name, bytes(damaged))


# --------------------------------------------------------------------------- the builder

blocks = st.lists(
    st.one_of(
        st.builds(Paragraph, st.text(max_size=60)),
        st.builds(HeadingBlock, st.text(max_size=30), st.integers(1, 3)),
        st.builds(
            TableBlock,
            st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4).map(tuple), max_size=4).map(
                tuple
            ),
            st.integers(0, 2),
        ),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(blocks)
def test_every_offset_indexes_the_final_text(items: list[Any]) -> None:
    built = build_text(items)
    assert normalise_text(built.text) == built.text
    assert "\n\n\n" not in built.text
    expected_headings = [
        clean_line(b.text) for b in items if isinstance(b, HeadingBlock) and clean_line(b.text)
    ]
    assert [built.text[h.char_start : h.char_end] for h in built.headings] == expected_headings
    tables = [b for b in items if isinstance(b, TableBlock) and any(clean_line(c) for r in b.rows for c in r)]
    assert len(built.tables) == len(tables)
    for table, block in zip(built.tables, tables, strict=True):
        rows = [tuple(clean_line(c) for c in row) for row in block.rows if any(clean_line(c) for c in row)]
        got: list[list[str]] = [[] for _ in rows]
        for cell in table.cells:
            got[cell.row].append(built.text[cell.char_start : cell.char_end])
        assert [tuple(r) for r in got] == rows
        assert 0 <= table.header_rows < max(len(rows), 1)


def test_builder_lays_out_blocks_like_a_text_bulletin() -> None:
    built = build_text(
        [
            HeadingBlock("  Bulletin\n of May ", 1),
            Paragraph("First  line\n\n\nsecond line\t "),
            TableBlock((("Country", "Staff"), ("Fiji", "12"), ("", "")), header_rows=1),
            HeadingBlock("   ", 2),
            Paragraph("e\u0301t\u00e9"),  # decomposed é: normalised before offsets are taken
        ]
    )
    assert built.text == "Bulletin of May\n\nFirst line\nsecond line\n\nCountry | Staff\nFiji | 12\n\nété\n"
    assert _headings(built) == [(1, "Bulletin of May")]
    assert _rows(built) == [["Country", "Staff"], ["Fiji", "12"]]
    assert built.tables[0].header_rows == 1


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><title>Site | Bulletin 4</title>
<meta property="og:title" content="Bulletin 4"><script>var x = "script text";</script>
<style>.a { color: red }</style></head>
<body class="has-sidebar">
<div class="cookie-consent">We use cookies.</div>
<header class="site-header"><a href="/">Site name</a></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li></ul></nav>
<main>
  <h1>Bulletin 4</h1>
  <p>First   paragraph<br>with a break.</p>
  <h2>1. Meeting in Lima</h2>
  <p>The <b>Board</b> met in <a href="/lima">Lima</a>.</p>
  <ul><li>one</li><li>two</li></ul>
  <ol start="3"><li>three</li><li>four</li></ol>
  <h4>A minor heading</h4>
  <table><thead><tr><th>Country</th><th>Staff</th></tr></thead>
    <tbody><tr><td>Peru</td><td>12</td></tr><tr><td>Chile</td><td>7</td></tr></tbody></table>
  <form><label>E-mail</label><input name="e"></form>
  <div id="comments"><p>A reader's comment.</p></div>
</main>
<aside><p>Sidebar text.</p></aside>
<footer><p>Copyright.</p></footer>
</body></html>"""


def test_html_keeps_main_content_and_drops_furniture(tmp_path: Path) -> None:
    document = _read(tmp_path, "page.html", PAGE.encode())
    assert document.text == (
        "Bulletin 4\n\nFirst paragraph\nwith a break.\n\n1. Meeting in Lima\n\nThe Board met in Lima.\n\n"
        "• one\n• two\n\n3. three\n4. four\n\nA minor heading\n\nCountry | Staff\nPeru | 12\nChile | 7\n"
    )
    assert _headings(document) == [(1, "Bulletin 4"), (2, "1. Meeting in Lima")]
    assert _rows(document) == [["Country", "Staff"], ["Peru", "12"], ["Chile", "7"]]
    assert document.tables[0].header_rows == 1
    assert document.metadata_title == "Site | Bulletin 4"
    assert (document.format, document.encoding) == ("html", "utf-8")


@pytest.mark.parametrize(
    ("table", "header_rows"),
    [
        ("<tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>", 1),
        ("<tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr>", 0),
        (
            "<thead><tr><td>A</td><td>B</td></tr><tr><td>a</td><td>b</td></tr></thead><tr><td>1</td><td>2</td></tr>",
            2,
        ),
    ],
)
def test_html_table_header_rows(table: str, header_rows: int) -> None:
    content = html_content(f"<html><body><table>{table}</table></body></html>".encode())
    assert [b.header_rows for b in content.blocks if isinstance(b, TableBlock)] == [header_rows]


def test_html_layout_tables_are_read_as_text() -> None:
    page = """<html><body><table role="presentation"><tr><td><h1>Brief</h1><p>Body text.</p></td></tr></table>
    <table><tr><td><table><tr><td>Nested</td><td>cells</td></tr></table></td></tr></table></body></html>"""
    built = build_text(html_content(page.encode()).blocks)
    assert built.tables == ()
    assert "Brief\n\nBody text." in built.text
    assert _headings(built) == [(1, "Brief")]


def test_html_title_falls_back_to_og_title() -> None:
    page = b'<html><head><meta property="og:title" content="The issue"></head><body><p>x</p></body></html>'
    assert html_content(page).title == "The issue"


def test_html_outside_marked_content_drops_lists_of_links() -> None:
    page = """<html><body>
    <div class="top-links"><a href="/1">One</a> | <a href="/2">Two</a> | <a href="/3">Three</a></div>
    <div><p>The report was published on <a href="/r">the site</a> today.</p></div></body></html>"""
    assert (
        build_text(html_content(page.encode()).blocks).text == "The report was published on the site today.\n"
    )


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ('<meta charset="windows-1252"><p>“Montréal”</p>'.encode("cp1252"), "cp1252"),
        ('<meta charset="ISO-8859-1"><p>“Montréal”</p>'.encode("cp1252"), "cp1252"),
        (
            (
                '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>“Montréal”</p>'
            ).encode("cp1252"),
            "cp1252",
        ),
        (
            '<?xml version="1.0" encoding="windows-1252"?><html><p>“Montréal”</p></html>'.encode("cp1252"),
            "cp1252",
        ),
        ("<p>“Montréal”</p>".encode("cp1252"), "cp1252"),  # undeclared: detected
        ('<meta charset="utf-8"><p>“Montréal”</p>'.encode("cp1252"), "cp1252"),  # a wrong declaration
        ('<meta charset="windows-1252"><p>“Montréal”</p>'.encode("utf-8-sig"), "utf-8-sig"),  # the BOM wins
        ('<meta charset="no-such-charset"><p>“Montréal”</p>'.encode(), "utf-8"),
    ],
)
def test_html_encodings(data: bytes, encoding: str) -> None:
    assert decode_html(data)[1] == encoding
    content = html_content(data)
    assert build_text(content.blocks).text == "“Montréal”\n"


def test_html_charset_declared_by_an_e_mail_wins_over_detection() -> None:
    assert decode_html("“Montréal”".encode("cp1252"), "windows-1252") == ("“Montréal”", "cp1252")


def test_html_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    page = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY s SYSTEM "file://{secret}">'
        '<!ENTITY a "expanded">]>\n'
        "<html><body><p>Before &s; &a; after.</p></body></html>"
    )
    text = build_text(html_content(page.encode()).blocks).text
    assert "TOP-SECRET-CONTENT" not in text and "expanded" not in text
    assert text.startswith("Before") and "ENTITY" not in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n", "file holds only white space"),
        (b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>", "no main text"),
        (
            b"<html><body>" + b"<div>" * 400 + b"text" + b"</div>" * 400 + b"</body></html>",
            "nested more than 256",
        ),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_html_bad_input(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        _read(tmp_path, "bad.html", data)


def test_html_character_limit(tmp_path: Path) -> None:
    page = html_page(GOOD_BULLETIN).encode()
    length = len(_read(tmp_path, "page.html", page).text)
    assert _read(tmp_path, "page.html", page, Limits(max_chars=length)).text
    with pytest.raises(InputError, match=rf"text is {length} characters, over the limit of {length - 1}"):
        _read(tmp_path, "page.html", page, Limits(max_chars=length - 1))


# --------------------------------------------------------------------------- DOCX


def _docx(build: Any) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_headings_lists_and_tables_in_body_order(tmp_path: Path) -> None:
    from docx.shared import Pt

    def build(document: Any) -> None:
        document.core_properties.title = "Core title"
        document.sections[0].header.paragraphs[0].text = "Running header"
        document.sections[0].footer.paragraphs[0].text = "Page footer"
        document.add_paragraph("Bulletin of May", style="Title")
        document.add_paragraph("Intro paragraph.")
        document.add_heading("1. Meeting in Lima", level=2)
        document.add_paragraph("first", style="List Bullet")
        document.add_paragraph("second", style="List Bullet")
        document.add_paragraph("one", style="List Number")
        document.add_paragraph("two", style="List Number")
        table = document.add_table(rows=3, cols=2)
        for row, values in zip(
            table.rows, [("Country", "Staff"), ("Peru", "12"), ("Chile", "7")], strict=True
        ):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        for cell in table.rows[0].cells:
            cell.paragraphs[0].runs[0].bold = True
        document.add_heading("Level four", level=4)
        hidden = document.add_paragraph("Shown. ")
        hidden.add_run("Hidden.").font.hidden = True
        document.add_paragraph("After the table.").paragraph_format.space_before = Pt(6)

    document = _read(tmp_path, "doc.docx", _docx(build))
    assert document.text == (
        "Bulletin of May\n\nIntro paragraph.\n\n1. Meeting in Lima\n\n• first\n• second\n1. one\n2. two\n\n"
        "Country | Staff\nPeru | 12\nChile | 7\n\nLevel four\n\nShown.\n\nAfter the table.\n"
    )
    assert _headings(document) == [(1, "Bulletin of May"), (2, "1. Meeting in Lima")]
    assert _rows(document) == [["Country", "Staff"], ["Peru", "12"], ["Chile", "7"]]
    assert document.tables[0].header_rows == 1
    assert (document.format, document.metadata_title) == ("docx", "Core title")
    assert "Running header" not in document.text and "Page footer" not in document.text


def test_docx_heading_styles_based_on_headings_and_numbered_headings(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def build(document: Any) -> None:
        custom = document.styles.add_style("Item Heading", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = document.styles["Heading 3"]
        document.add_paragraph("Custom", style="Item Heading")
        document.add_heading("Top", level=1)

    document = _read(tmp_path, "doc.docx", _docx(build))
    assert _headings(document) == [(3, "Custom"), (1, "Top")]


def test_docx_metadata_falls_back_to_the_title_paragraph_and_gives_the_created_date(tmp_path: Path) -> None:
    from datetime import datetime

    def build(document: Any) -> None:
        document.core_properties.title = ""
        document.core_properties.created = datetime(2016, 10, 3, 8, 0)
        document.add_paragraph("The Title", style="Title")
        document.add_paragraph("Body.")

    document = _read(tmp_path, "doc.docx", _docx(build))
    assert (document.metadata_title, document.metadata_date) == ("The Title", date(2016, 10, 3))


def test_docx_one_column_table_lays_out_the_page(tmp_path: Path) -> None:
    def build(document: Any) -> None:
        table = document.add_table(rows=2, cols=1)
        table.rows[0].cells[0].text = "Boxed paragraph."
        table.rows[1].cells[0].text = "Another."

    document = _read(tmp_path, "doc.docx", _docx(build))
    assert (document.text, document.tables) == ("Boxed paragraph.\n\nAnother.\n", ())


def _zip(members: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data, compresslevel=level)
    return out.getvalue()


def test_zip_bomb_is_refused_from_declared_sizes_before_anything_is_unpacked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(20 * 1024 * 1024)}, 9)
    unpacked: list[str] = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, name, *a, **k: unpacked.append(str(name)) or real_open(self, name, *a, **k),
    )
    with pytest.raises(InputError, match=r"zip bomb: DOCX part word/document.xml would unpack \d+ times"):
        check_archive(bomb, Limits())
    with pytest.raises(
        InputError, match=r"zip bomb: DOCX would unpack to \d+ bytes, over the limit of 1000000"
    ):
        check_archive(bomb, Limits(max_unpacked_bytes=1_000_000, max_compression_ratio=10_000))
    assert unpacked == []


def test_zip_member_that_lies_about_its_size_is_refused_unread() -> None:
    """The central directory declares 3 GB for a part that packs to a few bytes."""
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    directory = data.rfind(b"PK\x01\x02")  # the last member's central directory entry
    data[directory + 24 : directory + 28] = (3 * 1024**3).to_bytes(4, "little")
    with pytest.raises(InputError, match="zip bomb"):
        check_archive(bytes(data), Limits())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "a Word 97-2003 document"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + "EncryptedPackage".encode("utf-16-le"), "encrypted DOCX"),
        (b"PK\x03\x04 cut short", "corrupt or truncated DOCX"),
        (_zip({"word/document.xml": b"<x/>"}), "not a Word document"),
        (_zip({"[Content_Types].xml": b"<Types/>"}), "not a Word document|corrupt DOCX"),
        (
            _zip({"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><Types/>'}),
            "declares a document type or entities",
        ),
    ],
)
def test_docx_bad_input(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as raised:
        _read(tmp_path, "bad.docx", data)
    assert "\n" not in str(raised.value)


def test_docx_entity_declaration_in_a_utf16_part_is_refused(tmp_path: Path) -> None:
    part = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE t [<!ENTITY a "x">]><Types/>'.encode("utf-16-le")
    with pytest.raises(InputError, match="declares a document type"):
        _read(tmp_path, "bad.docx", _zip({"[Content_Types].xml": part}))


def test_docx_of_a_bulletin_gives_its_text(tmp_path: Path) -> None:
    document = _read(tmp_path, "good.docx", docx_file(GOOD_BULLETIN))
    assert [" ".join(p.split()) for p in document.text.split("\n\n")] == [
        " ".join(p.split()) for p in GOOD_BULLETIN.split("\n\n")
    ]


# --------------------------------------------------------------------------- EML


def test_eml_reads_the_html_part_without_the_footers(tmp_path: Path) -> None:
    html = html_page(GOOD_BULLETIN).replace(
        "</main>",
        "<p>You are receiving this e-mail because you subscribed.</p>"
        '<p><a href="/u">Unsubscribe</a> | <a href="/p">Manage preferences</a></p></main>',
    )
    message = email_message(GOOD_BULLETIN, html=html, subject="=?utf-8?q?Newsletter_=E2=80=93_October?=")
    document = _read(tmp_path, "mail.eml", message.as_bytes())
    assert document.format == "email"
    assert document.text.rstrip().endswith(
        "Ms. Helga Brandt, Director of the Network, visited Vienna on 19 October 2016."
    )
    assert _headings(document)[0] == (1, "Regional Statistics Network Newsletter: October 2016")
    assert (document.metadata_title, document.metadata_date) == ("Newsletter – October", date(2016, 10, 31))


def test_eml_without_an_html_part_reads_the_plain_text(tmp_path: Path) -> None:
    message = email_message("View this e-mail in your browser: https://x.example\n\n" + GOOD_BULLETIN)
    document = _read(tmp_path, "mail.eml", message.as_bytes())
    assert document.text == normalise_text(GOOD_BULLETIN)
    assert document.headings == ()


def test_eml_base64_part_in_windows_1252(tmp_path: Path) -> None:
    message = email_message("x", html="<p>“Montréal”, 12 May 2015</p>", charset="windows-1252", footer=False)
    html = message.get_body(("html",))
    assert html is not None
    html.set_content("<p>“Montréal”, 12 May 2015</p>", subtype="html", charset="windows-1252", cte="base64")
    assert b"base64" in message.as_bytes()
    document = _read(tmp_path, "mail.eml", message.as_bytes())
    assert (document.text, document.encoding) == ("“Montréal”, 12 May 2015\n", "cp1252")


def test_eml_format_flowed_lines_are_joined(tmp_path: Path) -> None:
    data = (
        b"From: a@example.org\nSubject: Flowed\nContent-Type: text/plain; charset=utf-8; format=flowed\n\n"
        b"The Board met in Lima \non 3 May 2014.\n\n-- \nSent from the office\n"
    )
    assert _read(tmp_path, "mail.eml", data).text == "The Board met in Lima on 3 May 2014.\n"


def test_eml_footer_cues_drop_only_the_closing_short_paragraphs() -> None:
    long = "The Board discussed how members can unsubscribe from working groups. " * 8
    blocks = [
        Paragraph("Having trouble viewing this e-mail? View it in your browser."),
        HeadingBlock("Bulletin", 1),
        Paragraph(long),
        Paragraph("Short closing note."),
        Paragraph("You are receiving this e-mail because you are a member."),
        Paragraph("Our address: 1 Main Street."),
    ]
    assert drop_furniture(blocks) == blocks[1:4]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (bytes(range(1, 256)) * 4, "not an e-mail message"),
        (
            b'From: a@example.org\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; '
            b"boundary=b\n\n--b\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--b--\n",
            "encrypted e-mail",
        ),
        (
            b"From: a@example.org\nSubject: x\n\n"
            b"-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----\n",
            "encrypted e-mail",
        ),
        (b"From: a@example.org\nSubject: x\nContent-Type: image/png\n\nabc", "no text or HTML body"),
        (b"From: a@example.org\nSubject: x\n\nUnsubscribe here.\n", "no text once its header and footer"),
    ],
)
def test_eml_bad_input(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        _read(tmp_path, "bad.eml", data)


# --------------------------------------------------------------------------- regressions (damaged files)


def test_control_character_beside_dropped_furniture_is_not_an_lxml_error() -> None:
    """lxml refused to move text holding a control character when it dropped an element."""
    text = b"The Board met in Lima on 3 May 2014 to review the plans of the regional offices. " * 3
    page = b"<html><body><p>" + text + b"</p><nav>menu</nav>\x0b after \x01the menu.</body></html>"
    built = build_text(html_content(page).blocks).text
    assert built.endswith("offices.\n\nafter the menu.\n")


def test_a_page_whose_html_tag_took_a_banners_attributes_is_not_dropped_whole() -> None:
    """A tag cut open ('<html la' then a cookie banner's div) gives the page element the banner's
    class and role: lxml cannot drop the root (an AssertionError), and the page's text stays."""
    text = b"The Board met in Lima on 3 May 2014 to review the plans of the regional offices. " * 3
    cut_open = b'<!DOCTYPE html>\n<html la\n<div class="cookie-banner" role="dialog"><p>'
    page = cut_open + text + b"</p></div></html>"
    assert "The Board met in Lima" in build_text(html_content(page).blocks).text


def _damaged_zip(how: str) -> bytes:
    data = bytearray(_zip({"[Content_Types].xml": b"<Types>" + b"<Default/>" * 50 + b"</Types>"}))
    if how == "deflate data":  # zlib.error while the part is read
        data[40:48] = b"\xff" * 8
    else:  # the directory's "version needed to extract": NotImplementedError
        directory = data.rfind(b"PK\x01\x02")
        data[directory + 6 : directory + 8] = (144).to_bytes(2, "little")
    return bytes(data)


@pytest.mark.parametrize(("how", "reason"), [("deflate data", "corrupt DOCX part"), ("version", "corrupt")])
def test_damaged_zip_is_an_input_error_not_a_zlib_or_zipfile_one(
    tmp_path: Path, how: str, reason: str
) -> None:
    with pytest.raises(InputError, match=reason):
        _read(tmp_path, "damaged.docx", _damaged_zip(how))


def _changed_twin(name: str, after: bytes, new: bytes, *, start: int = 0) -> bytes:
    """The twin with the 8 bytes after the first ``after`` (from ``start``) replaced by ``new``:
    the property test's "change", where a fuzz run of the twins found a failure."""
    data = (RAW / name).read_bytes()
    at = data.index(after, start) + len(after)
    return data[:at] + new + data[at + 8 :]


@pytest.mark.parametrize(
    ("header", "read"),
    [
        # 'charset=\x00': the plain part's; the HTML part is read as before
        (b"text/plain; charset=", "Public Service Forum 2014"),
        # 'charset="utf-\x00ent-Transfer-Encoding: base64': the HTML part's, which lost the
        # header saying it is base64, so its base64 is what it says
        (b'text/html; charset="utf-', "PCFET0NUWVBFIGh0bWwg"),
    ],
)
def test_a_nul_byte_in_an_e_mail_charset_is_not_a_value_error(
    tmp_path: Path, header: bytes, read: str
) -> None:
    """Python's codecs raise ValueError, not LookupError, for a name holding a NUL byte."""
    damaged = _changed_twin(TWIN_EML, header, b"\x00")
    assert read in _read(tmp_path, TWIN_EML, damaged).text
    _text_or_one_line_error(tmp_path, TWIN_EML, damaged)


@pytest.mark.parametrize("label", ["hex", "base64", "rot13"])
def test_a_page_declaring_a_codec_of_bytes_is_read_as_text(label: str) -> None:
    """Python knows these names, but they decode bytes to bytes: LookupError, not UnicodeDecodeError."""
    text, encoding = decode_html(f'<meta charset="{label}"><p>café</p>'.encode())
    assert "café" in text and encoding == "utf-8"


def test_a_line_break_in_a_docx_part_name_is_escaped_in_the_one_line_error(tmp_path: Path) -> None:
    """The directory's name of a part (its local header keeps the old one) went into the reason
    as it was: 'corrupt DOCX part word/st' and 'les.xml (BadZipFile: ...)' on two lines."""
    directory = (RAW / TWIN_DOCX).read_bytes().index(b"PK\x01\x02")
    damaged = _changed_twin(TWIN_DOCX, b"word/st", b"\nles.xml", start=directory)
    with pytest.raises(InputError, match=r"^corrupt DOCX part word/st\\nles\.xml \(BadZipFile") as error:
        _read(tmp_path, TWIN_DOCX, damaged)
    assert str(error.value).splitlines() == [str(error.value)]


def test_a_control_between_a_letter_and_its_accent_leaves_normalised_text(tmp_path: Path) -> None:
    """NFC ran before the control characters went: 'n\\x7f\\u0301' became 'n\\u0301', not 'ń'."""
    data = (RAW / TWIN_HTML).read_bytes()
    at = data.index(b"Institute") + len(b"In")
    damaged = data[:at] + b"\x7f\xcc\x81" + data[at:]
    assert "I\u0144stitute" in _read(tmp_path, TWIN_HTML, damaged).text
    _text_or_one_line_error(tmp_path, TWIN_HTML, damaged)


def test_eml_with_an_undecodable_html_part_falls_back_to_the_plain_one(tmp_path: Path) -> None:
    message = email_message(GOOD_BULLETIN, html="<p>x</p>", footer=False)
    html = message.get_body(("html",))
    assert html is not None
    html.set_content(b"\x81\x8d\x8f\x90\x9d" * 40 + b"\x00", maintype="text", subtype="html", cte="base64")
    assert _read(tmp_path, "mail.eml", message.as_bytes()).text == normalise_text(GOOD_BULLETIN)
