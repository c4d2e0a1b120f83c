"""E-mails (.eml, MIME) to paragraphs, headings and tables.

The HTML part is read where there is one, through the HTML reader's content extraction,
else the plain-text part (``format=flowed`` lines joined, the signature after "-- " cut).
Quoted-printable and base64 are decoded, and the part's declared charset used (a wrong
one falls back to detection). The e-mail's furniture is dropped by cues an analyst can
edit (``data/email.yaml``): "view this e-mail in your browser" lines at the top, and the
footer ("You are receiving this...", "Unsubscribe", "Manage preferences") at the end.
Attachments are not read. Subject and Date become the title and date fallbacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from functools import cache
from typing import Any

from pipeline.core.datafiles import load_data
from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits
from pipeline.read.builder import Block, HeadingBlock, Paragraph, block_text, build_text
from pipeline.read.html import html_content
from pipeline.read.text import check_chars, check_not_blank, decode_text, looks_binary, read_bytes

# Headers of which a message has at least one; random bytes rarely parse into them.
_MESSAGE_HEADERS = ("from", "to", "subject", "date", "message-id", "mime-version", "received", "content-type")
_ENCRYPTED_TYPES = ("application/pkcs7-mime", "application/x-pkcs7-mime", "multipart/encrypted")
_PGP_MESSAGE = "-----BEGIN PGP MESSAGE-----"
_SIGNATURE = re.compile(r"\n-- ?\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class EmailFurniture:
    """The cues of ``data/email.yaml``."""

    footer_cues: re.Pattern[str]
    header_cues: re.Pattern[str]
    header_paragraphs: int
    max_footer_chars: int


@cache
def default_furniture() -> EmailFurniture:
    raw = load_data("email.yaml")
    return EmailFurniture(
        footer_cues=re.compile("|".join(f"(?:{c})" for c in raw["footer_cues"]), re.IGNORECASE),
        header_cues=re.compile("|".join(f"(?:{c})" for c in raw["header_cues"]), re.IGNORECASE),
        header_paragraphs=int(raw["header_paragraphs"]),
        max_footer_chars=int(raw["max_footer_chars"]),
    )


def drop_furniture(blocks: Sequence[Block], furniture: EmailFurniture | None = None) -> list[Block]:
    """The blocks without the e-mail's top lines and footer."""
    furniture = furniture or default_furniture()
    texts = [block_text(b) for b in blocks]
    first = 0
    for index in range(min(furniture.header_paragraphs, len(blocks))):
        if len(texts[index]) <= furniture.max_footer_chars and furniture.header_cues.search(texts[index]):
            first = index + 1
    # The footer is among the closing short paragraphs (never a heading).
    tail = len(blocks)
    while (
        tail > first
        and len(texts[tail - 1]) <= furniture.max_footer_chars
        and not isinstance(blocks[tail - 1], HeadingBlock)
    ):
        tail -= 1
    end = next((i for i in range(tail, len(blocks)) if furniture.footer_cues.search(texts[i])), len(blocks))
    return list(blocks[first:end])


# --------------------------------------------------------------------------- the message


def parse_message(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not any(name in message for name in _MESSAGE_HEADERS):
        raise InputError("not an e-mail message (none of From, To, Subject, Date or MIME headers)")
    assert isinstance(message, EmailMessage)
    return message


def _is_encrypted(message: EmailMessage) -> bool:
    for part in message.walk():
        if part.get_content_type() in _ENCRYPTED_TYPES:
            return True
    body = message.get_body(preferencelist=("plain",))
    return body is not None and _PGP_MESSAGE in _part_text(body)


def _part_bytes(part: Any) -> bytes:
    payload = part.get_payload(decode=True)  # quoted-printable or base64 undone
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: Any) -> str:
    """A text part decoded with its charset; a wrong or unknown one falls back to detection."""
    data = _part_bytes(part)
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, ValueError):  # UnicodeDecodeError, or a label holding a NUL byte
            pass
    try:
        return decode_text(data)[0] if data.strip() else ""
    except InputError:
        return ""


def plain_blocks(part: Any) -> list[Block]:
    text = _part_text(part).replace("\r\n", "\n")
    if looks_binary(text):
        raise InputError("binary data, not text, in the e-mail's text part")
    if (part.get_param("format") or "").lower() == "flowed":
        text = _unflow(text, delsp=(part.get_param("delsp") or "").lower() == "yes")
    signatures = list(_SIGNATURE.finditer(text))
    if signatures:
        text = text[: signatures[-1].start()]
    return [Paragraph(chunk) for chunk in _BLANK_LINE.split(text) if chunk.strip()]


def _unflow(text: str, *, delsp: bool) -> str:
    """RFC 3676: a line ending in a space goes on in the next line (quotes left as they are)."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith(" "):  # space-stuffed
            line = line[1:]
        if out and out[-1].endswith(" ") and out[-1] != "-- ":
            out[-1] = (out[-1][:-1] if delsp else out[-1]) + line
        else:
            out.append(line)
    return "\n".join(out)


def message_blocks(message: EmailMessage) -> tuple[list[Block], str | None]:
    """Blocks of the HTML body (else of the plain-text one), and the encoding read."""
    html = message.get_body(preferencelist=("html",))
    html_error: InputError | None = None
    if html is not None:
        try:
            content = html_content(_part_bytes(html), html.get_content_charset())
        except InputError as exc:  # a broken HTML part: the plain one may be whole
            html_error = exc
        else:
            if any(block_text(b) for b in content.blocks):
                return list(content.blocks), content.encoding
    plain = message.get_body(preferencelist=("plain",))
    if plain is None:
        if html_error is not None:
            raise InputError(f"e-mail's HTML part: {html_error}") from html_error
        raise InputError("e-mail has no text or HTML body (attachments are not read)")
    return plain_blocks(plain), plain.get_content_charset() or "utf-8"


def _subject(message: EmailMessage) -> str | None:
    try:
        subject = " ".join(str(message.get("subject", "")).split())
    except Exception:  # a malformed encoded word costs the fallback only
        return None
    return subject or None


def _date(message: EmailMessage) -> date | None:
    try:
        header = message.get("date")
        moment = getattr(header, "datetime", None)
    except Exception:  # a date the parser cannot read
        return None
    return moment.date() if moment is not None else None


def read_eml(source: SourceFile, limits: Limits) -> DocumentText:
    data = read_bytes(source, limits)
    check_not_blank(data)
    message = parse_message(data)
    if _is_encrypted(message):
        raise InputError("encrypted e-mail (S/MIME or PGP): it cannot be read without the recipient's key")
    blocks, encoding = message_blocks(message)
    built = build_text(drop_furniture(blocks))
    if not built.text.strip():
        raise InputError("e-mail has no text once its header and footer lines are dropped")
    check_chars(built.text, limits)
    return DocumentText(
        source.relative_path,
        built.text,
        format="email",
        encoding=encoding,
        headings=built.headings,
        tables=built.tables,
        metadata_title=_subject(message),
        metadata_date=_date(message),
    )
