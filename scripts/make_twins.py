"""Render a bulletin text file as a web page, a Word document and an e-mail: its "twins".

    .venv/bin/python scripts/make_twins.py SRC.txt [--html OUT.html] [--docx OUT.docx] [--eml OUT.eml]

Each twin holds the text file's words and paragraphs in the structure its format states,
wrapped in what a real one carries around them:

- HTML: a page of a web site, with a cookie banner, the site's header and navigation,
  breadcrumbs, a sidebar of widgets, a comment form and a footer around the bulletin. The
  first masthead line is the ``<h1>``, numbered item headings are ``<h2>``, bullet lines
  a ``<ul>``, numbered lines an ``<ol>``.
- DOCX: the masthead in the Title and Subtitle styles, item headings in Heading 2, bullet
  lines in List Bullet, a running page header and footer; the title and a fixed creation
  date in the core properties.
- EML: a newsletter e-mail (MIME, multipart/alternative): a plain-text part
  (quoted-printable) with a "view in browser" line and a subscription footer, and an HTML
  part (base64) laid out with tables, as e-mail tools write them, with a hidden preheader
  and an unsubscribe footer.

Reading a twin back with ``pipeline.read`` should give the source's sections and facts
(``tests/test_twins.py``). The output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path

_HEADING = re.compile(r"^\d{1,2}\.\s+\S")
_BULLET = re.compile(r"^[•\-–]\s+")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+")
_URL = re.compile(r"\b(www\.[\w.-]+\.[a-z]{2,}(?:/[\w./-]*\w)?)")
_MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+((?:19|20)\d\d)\b"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
# Fixed dates and names: the same input must give the same bytes.
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BOUNDARY = "=_bulletin_twin_alternative"


@dataclass(frozen=True)
class Bulletin:
    """A text bulletin cut into the parts its twins show."""

    masthead: tuple[str, ...]  # lines before the first numbered item
    body: tuple[tuple[str, ...], ...]  # blocks (their lines) from the first item on
    issued: datetime

    @property
    def title(self) -> str:
        return self.masthead[0] if self.masthead else self.body[0][0]


def split_bulletin(text: str) -> Bulletin:
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = tuple(" ".join(line.split()) for line in chunk.split("\n") if line.strip())
        if lines:
            blocks.append(lines)
    if not blocks:
        raise ValueError("the text file is empty")
    first_item = next((i for i, b in enumerate(blocks) if _HEADING.match(b[0]) and len(b) == 1), len(blocks))
    masthead = tuple(line for block in blocks[:first_item] for line in block)
    match = _MONTH_YEAR.search(" ".join(masthead))
    issued = (
        datetime(int(match[2]), _MONTHS.index(match[1]) + 1, 1, 9, 30, tzinfo=UTC) if match else FALLBACK_DATE
    )
    return Bulletin(masthead, tuple(blocks[first_item:]), issued)


def block_kind(block: Sequence[str]) -> str:
    if len(block) == 1 and _HEADING.match(block[0]):
        return "heading"
    if all(_BULLET.match(line) for line in block):
        return "bullets"
    if len(block) > 1 and all(_NUMBERED.match(line) for line in block):
        return "numbered"
    return "paragraph"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


# --------------------------------------------------------------------------- HTML


def _inline(text: str) -> str:
    """Escaped text, web addresses as links."""
    return _URL.sub(r'<a href="https://\1">\1</a>', escape(text, quote=False))


def content_html(bulletin: Bulletin, *, indent: str = "      ") -> str:
    """The bulletin itself as HTML: h1, subtitle, then h2 items, paragraphs and lists."""
    out = []
    if bulletin.masthead:
        out.append(f"<h1>{_inline(bulletin.masthead[0])}</h1>")
        out += [f'<p class="subtitle">{_inline(line)}</p>' for line in bulletin.masthead[1:]]
    for block in bulletin.body:
        kind = block_kind(block)
        if kind == "heading":
            out.append(f'<h2 id="{_slug(block[0])}">{_inline(block[0])}</h2>')
        elif kind == "bullets":
            items = "".join(f"\n  <li>{_inline(_BULLET.sub('', line))}</li>" for line in block)
            out.append(f"<ul>{items}\n</ul>")
        elif kind == "numbered":
            start = int(_NUMBERED.match(block[0])[1])  # type: ignore[index]
            items = "".join(f"\n  <li>{_inline(_NUMBERED.sub('', line))}</li>" for line in block)
            out.append(f'<ol start="{start}">{items}\n</ol>')
        else:
            out.append(f"<p>{'<br>'.join(_inline(line) for line in block)}</p>")
    return "\n".join(indent + line.replace("\n", "\n" + indent) for line in out)


def render_html(text: str, *, site: str = "Bulletin Archive") -> bytes:
    """A web page of a site's archive holding the bulletin, furniture all around it."""
    bulletin = split_bulletin(text)
    title = escape(bulletin.title)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | {site}</title>
  <meta property="og:title" content="{escape(bulletin.title)}">
  <link rel="stylesheet" href="/static/css/site.css">
  <style>.cookie-banner {{ position: fixed; bottom: 0 }} .sidebar {{ float: right; width: 30% }}</style>
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "newsletter"}});</script>
</head>
<body class="newsletter-template has-sidebar">
  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies to understand how visitors use this site and to improve it.
    Read our <a href="/privacy">privacy policy</a>.</p>
    <button type="button">Accept all cookies</button> <button type="button">Reject</button>
  </div>
  <a class="skip-link" href="#content">Skip to content</a>
  <header class="site-header">
    <div class="site-branding"><a href="/" rel="home">{site}</a>
      <p class="site-description">News from our network, every month</p></div>
    <nav class="main-navigation" aria-label="Main menu">
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/about/">About us</a></li>
        <li><a href="/members/">Members</a></li>
        <li><a href="/newsletters/">Newsletters</a></li>
        <li><a href="/events/">Events</a></li>
        <li><a href="/contact/">Contact</a></li>
      </ul>
    </nav>
    <form class="search-form" action="/search" role="search"><input type="search" name="q"
      placeholder="Search the site"><button>Search</button></form>
  </header>
  <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/newsletters/">Newsletters</a>
    &rsaquo; <span>{title}</span></div>
  <div class="page-layout">
    <main id="content">
    <article class="newsletter-issue">
{content_html(bulletin)}
      <div class="share-buttons">Share this issue: <a href="/share/email">E-mail</a>
        <a href="/share/x">X</a> <a href="/share/linkedin">LinkedIn</a></div>
    </article>
    <section id="comments" class="comments-area">
      <h2 class="comments-title">Leave a comment</h2>
      <p class="comment-notes">Your e-mail address will not be published.</p>
      <form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form>
    </section>
    </main>
    <aside class="sidebar widget-area" role="complementary">
      <section class="widget"><h2 class="widget-title">Past issues</h2>
        <ul><li><a href="/newsletters/previous/">Previous issue</a></li>
        <li><a href="/newsletters/archive/">All issues since 2010</a></li></ul></section>
      <section class="widget"><h2 class="widget-title">Subscribe</h2>
        <p>Receive the newsletter by e-mail on the first working day of each month.</p></section>
    </aside>
  </div>
  <footer class="site-footer">
    <p>&copy; {bulletin.issued.year} {site}. All rights reserved.</p>
    <ul class="footer-links"><li><a href="/terms/">Terms of use</a></li>
      <li><a href="/privacy/">Privacy notice</a></li><li><a href="/accessibility/">Accessibility</a></li></ul>
  </footer>
  <script src="/static/js/analytics.js" async></script>
</body>
</html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------------------- DOCX


def render_docx(text: str) -> bytes:
    """A Word document of the bulletin: Title, Subtitle, Heading 2, List Bullet, Normal."""
    import docx
    from docx.shared import Pt

    bulletin = split_bulletin(text)
    document = docx.Document()
    properties = document.core_properties
    properties.title = bulletin.title
    properties.author = "Secretariat"
    properties.last_modified_by = "Secretariat"
    properties.created = bulletin.issued.replace(tzinfo=None)
    properties.modified = bulletin.issued.replace(tzinfo=None)
    properties.revision = 1
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{bulletin.title} (internal distribution)"
    section.footer.paragraphs[0].text = "Secretariat | Page 1"
    if bulletin.masthead:
        document.add_paragraph(bulletin.masthead[0], style="Title")
        for line in bulletin.masthead[1:]:
            document.add_paragraph(line, style="Subtitle")
    for block in bulletin.body:
        kind = block_kind(block)
        if kind == "heading":
            document.add_heading(block[0], level=2)
        elif kind == "bullets":
            for line in block:
                document.add_paragraph(_BULLET.sub("", line), style="List Bullet")
        elif kind == "numbered":
            for line in block:  # typed numbers, as often in Word: no automatic numbering
                document.add_paragraph(line).paragraph_format.left_indent = Pt(18)
        else:
            paragraph = document.add_paragraph()
            for index, line in enumerate(block):
                if index:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed member times (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- EML


def _email_html(bulletin: Bulletin, sender: str) -> str:
    """The HTML part, laid out with nested tables as e-mail tools do."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(bulletin.title)}</title>
<style type="text/css">body {{ margin: 0; }} .footer {{ font-size: 11px; color: #777; }}</style>
</head>
<body>
<span class="preheader" style="display:none !important; max-height:0; overflow:hidden">This month: \
news from the network.</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
  <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0">
    <tr><td class="top-links" align="right"><a href="https://lists.example.org/view/{bulletin.issued:%Y-%m}">\
View this e-mail in your browser</a></td></tr>
    <tr><td class="header-logo"><a href="https://www.example.org/">{escape(sender)}</a></td></tr>
    <tr><td class="email-body">
{content_html(bulletin, indent="      ")}
    </td></tr>
    <tr><td class="footer" align="center">
      <p>You are receiving this e-mail because you subscribed to the newsletter of {escape(sender)}.</p>
      <p><a href="https://lists.example.org/unsubscribe">Unsubscribe</a> |
      <a href="https://lists.example.org/preferences">Manage your preferences</a></p>
      <p>{escape(sender)}, 405 East 42nd Street, New York, NY 10017</p>
    </td></tr>
  </table>
</td></tr></table>
</body>
</html>
"""


def _email_text(text: str, bulletin: Bulletin, sender: str) -> str:
    return (
        f"View this e-mail in your browser: https://lists.example.org/view/{bulletin.issued:%Y-%m}\n\n"
        + text.strip()
        + "\n\n-- \n"
        + f"You are receiving this e-mail because you subscribed to the newsletter of {sender}.\n"
        + "Unsubscribe: https://lists.example.org/unsubscribe\n"
        + "Manage your preferences: https://lists.example.org/preferences\n"
    )


def render_eml(text: str, *, sender: str = "Bulletin Secretariat") -> bytes:
    """A newsletter e-mail: a plain-text part (quoted-printable) and an HTML part (base64)."""
    bulletin = split_bulletin(text)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = f"{sender} <newsletter@lists.example.org>"
    message["To"] = "Network members <members@lists.example.org>"
    message["Subject"] = bulletin.title
    message["Date"] = format_datetime(bulletin.issued)
    message["Message-ID"] = f"<{_slug(bulletin.title)}@lists.example.org>"
    message["List-Unsubscribe"] = "<https://lists.example.org/unsubscribe>"
    message.set_content(_email_text(text, bulletin, sender), cte="quoted-printable")
    message.add_alternative(_email_html(bulletin, sender), subtype="html", cte="base64")
    message.set_boundary(BOUNDARY)
    return message.as_bytes(policy=policy.SMTP)


RENDERERS = {"html": render_html, "docx": render_docx, "eml": render_eml}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="bulletin text file (UTF-8)")
    for kind in RENDERERS:
        parser.add_argument(f"--{kind}", type=Path, metavar=f"OUT.{kind}", help=f"the {kind} twin to write")
    args = parser.parse_args(argv)
    text = args.source.read_text(encoding="utf-8")
    targets = {kind: getattr(args, kind) for kind in RENDERERS if getattr(args, kind)}
    if not targets:
        parser.error("name at least one twin to write: --html, --docx or --eml")
    for kind, path in targets.items():
        path.write_bytes(RENDERERS[kind](text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
