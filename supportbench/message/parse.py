"""Raw message bytes -> the fields the benchmark reads, tolerant of broken real-world mail.

Pure. Unknown or wrong charsets, missing parts, HTML-only mail and malformed headers
never raise: the text is decoded as well as it can be and the problem is noted in
`defects`. HTML is turned into text by parsing it (scripts and styles dropped), never
by rendering it.

The plain `compat32` parser is used, with RFC 2047 words decoded explicitly: the
structured header objects of `policy.default` cost about 2 ms a message, which a
first sync of a large mailbox pays ten thousand times. Headers of raw 8-bit text
(RFC 6532 UTF-8, which many servers send, or a legacy charset) are read as text, not
as the replacement characters compat32 makes of them.

Most replies are a single part, and the stdlib's parser reads mail line by line in
Python, body included. So a message's header block is read with one pattern when it
has the plain shape (`name: value` fields, folded lines, then a blank line), and a
single-part message is then done: its body is the bytes after the blank line, as the
stdlib would have kept them. Anything else (multipart, a Unix "From " line, a stray
non-header line, bare CRs) goes to the stdlib parser, which knows every oddity. Tests
check the two agree on every real message in tests/data. The MIME tree is walked once
and headers are decoded when asked for.
"""

from __future__ import annotations

import email.errors
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime
from functools import cached_property, lru_cache

from supportbench.message.htmltext import html_to_text

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MAX_COMMENTS = 20  # parentheses in an address header before its comments are dropped unread
# Parts that may hold parts (multipart/*, message/*) declared in one message. The stdlib's parser
# reads each level by recursion: past this many it is not asked to, and the body is read as text.
MAX_NESTED_PARTS = 100
_NESTING_TYPE = re.compile(rb"content-type:[ \t]*(?:multipart|message)/", re.IGNORECASE)
# One mailbox in a usual shape: `Name <a@b>`, `"Name" <a@b>`, `<a@b>` or `a@b`, with nothing that
# needs the general parser (comments, escapes, groups, lists, odd characters).
_ADDR_SPEC = r"[\w.+'=!#$%&*/?^`{|}~-]+@[\w.-]+"
_PLAIN_ADDRESS = re.compile(rf'\s*(?:(?:"([^"\\]*)"|([^"<>()\[\]\\,;:@]*?))\s*<({_ADDR_SPEC})>|({_ADDR_SPEC}))\s*')
# A header field as the stdlib's parser accepts it: a name of printable characters but the
# colon, then the value with its folded lines. The value is kept as the stdlib keeps it:
# leading blanks and the final line break dropped (its CR too: `.` takes CRs, which is
# faster than excluding them), inner line breaks kept. Matched in text decoded from bytes
# as the stdlib decodes them (ASCII with surrogate escapes), where only LF ends a match.
_FIELD_SHAPE = r"([!-9;-~]+):[ \t]*(.*(?:\n[ \t].*)*)(?:\n|\Z)"
_FIELD = re.compile(_FIELD_SHAPE)
_FIELDS = re.compile(f"(?:{_FIELD_SHAPE})*")
_BLANK_LINE = re.compile(r"\r?\n")
# A message has at least one of these; a file with none is not mail, whatever else it holds.
_MAIL_FIELDS = ("from", "subject", "message-id", "to", "date", "received", "return-path")


class _Policy(Compat32):
    """compat32, but a header of raw 8-bit bytes is read as text (UTF-8, else a Windows charset)."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        # compat32 wraps such a value in an "unknown-8bit" Header, whose text is U+FFFD.
        return value if not isinstance(value, str) or value.isascii() else _eight_bit_text(value)


_POLICY = _Policy()
_PARSER = BytesParser(policy=_POLICY)


class NotAMessageError(ValueError):
    """The bytes do not look like an e-mail message at all."""


class Part:
    """One part of the MIME tree, in walk order, with its type read once.

    A plain class: every message builds at least one, and a cached_property takes a lock.
    """

    __slots__ = ("_text", "content_type", "message")

    def __init__(self, content_type: str, message: Message) -> None:
        self.content_type, self.message = content_type, message
        self._text: str | None = None

    @property
    def leaf(self) -> bool:
        return not self.message.is_multipart()

    @property
    def attachment(self) -> bool:
        return "attachment" in str(self.message.get("Content-Disposition", "")).lower()

    @property
    def text(self) -> str:
        """Its content decoded (read by the body and again by the bounce checks: decoded once)."""
        if self._text is None:
            self._text = _part_text(self.message)
        return self._text


class Headers:
    """A message's headers by name (the first of each), RFC 2047 words decoded on first reading."""

    def __init__(self, message: Message, defects: list[str]) -> None:
        self._defects = defects
        # One pass over the headers as stored: the classifier asks for a dozen names most mail
        # lacks, and the policy reads a value only when it is asked for.
        self._raw: dict[str, str] = {}
        for name, value in message.raw_items():
            self._raw.setdefault(name.lower(), value)
        self._read: dict[str, str] = {}

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._raw

    def __getitem__(self, name: str) -> str:
        key = name.lower()
        text = self._read.get(key)
        if text is None:  # decoded once, whatever the case it is asked in (a broken one notes one defect)
            value = self._raw.get(key)
            text = self._read[key] = (
                "" if value is None else _decoded(_POLICY.header_fetch_parse(name, value), name, self._defects)
            )
        return text


@dataclass(frozen=True)
class ParsedMessage:
    """What the classifier, the matcher and the scorer need from one message."""

    message_id: str | None
    in_reply_to: list[str]
    references: list[str]
    subject: str
    from_address: str
    from_name: str
    content_type: str
    report_type: str | None
    text: str  # the readable text: text/plain, else HTML turned into text
    html: bool  # True when the text came from HTML
    headers: Headers = field(repr=False, compare=False)
    message: Message = field(repr=False, default_factory=Message)  # the MIME tree, for bounces
    parts: tuple[Part, ...] = field(repr=False, default=())  # every part, in walk order
    raw: bytes = field(repr=False, default=b"")
    defects: list[str] = field(default_factory=list)  # MIME defects; header decoding problems as headers are read

    def header(self, name: str) -> str:
        """The first header of that name, RFC 2047 words decoded, spaces folded; "" when absent."""
        return self.headers[name]

    @cached_property
    def to_addresses(self) -> list[str]:
        return [address.lower() for _, address in _addresses(self.header("to")) if address]

    @cached_property
    def date(self) -> datetime | None:
        return _date(self.header("date"))


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse raw RFC 5322 bytes; raises `NotAMessageError` only when it has no headers at all."""
    parts = _mime_parts(raw)
    message = parts[0].message
    defects = [type(defect).__name__ for defect in message.defects]
    headers = Headers(message, defects)
    if not any(name in headers for name in _MAIL_FIELDS):
        raise NotAMessageError("not an e-mail message: no header lines such as From:, Subject: or Message-ID:")
    from_name, from_address = _first_address(headers["from"])
    text, html = _readable_text(parts)
    ids = _ids(headers["message-id"])
    return ParsedMessage(
        message_id=ids[0] if ids else None,
        in_reply_to=_ids(headers["in-reply-to"]),
        references=_ids(headers["references"]),
        subject=headers["subject"],
        from_address=from_address,
        from_name=from_name,
        content_type=parts[0].content_type,
        report_type=(message.get_param("report-type") or None)  # type: ignore[arg-type]
        if parts[0].content_type.startswith("multipart/")
        else None,
        text=text,
        html=html,
        message=message,
        parts=parts,
        raw=raw,
        defects=defects,
        headers=headers,
    )


def body_text(raw: bytes) -> str:
    """Only the readable text of a message, the same as `parse_message(raw).text`.

    For our own sent probes, re-read at every rescore: the headers' addresses and dates,
    which cost most of a full parse, are not needed there.
    """
    return _readable_text(_mime_parts(raw))[0]


def _part_text(part: Message) -> str:
    """A text part's content, decoded with its charset, or a forgiving guess."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload())
    return _decoded_bytes(payload, _charset(part.get("Content-Type")) or "utf-8")


@lru_cache(maxsize=1024)
def _charset(content_type: str | None) -> str | None:
    """The charset a Content-Type value names, as `Message.get_content_charset` reads it.

    Kept by value: mail repeats a handful of these ("text/plain; charset=utf-8"), and the
    stdlib's parameter parsing costs more than decoding the text it names.
    """
    holder = Message(policy=_POLICY)
    if content_type is not None:
        holder["Content-Type"] = content_type
    return holder.get_content_charset()


def _decoded_bytes(data: bytes, charset: str) -> str:
    """Bytes in a stated charset, else UTF-8, else Windows-1252; never an error."""
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return data.decode(candidate)
        # A charset that names no codec (LookupError), the `undefined` codec that refuses all
        # (UnicodeError), or a name with a NUL in it (ValueError): try the next.
        except (LookupError, UnicodeError, ValueError):
            continue
    return data.decode("utf-8", errors="replace")


def _eight_bit_text(value: str) -> str:
    """A header value the parser read with surrogate escapes, as the text its bytes spell."""
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value  # text already, not bytes read as ASCII
    return _decoded_bytes(data, "utf-8")


def _decoded(text: str, name: str, defects: list[str]) -> str:
    """A header's text with RFC 2047 words decoded; the raw text when they are broken."""
    if "=?" not in text:
        return " ".join(text.split())
    decoded, error = _encoded_words(text)
    if error is not None:
        defects.append(f"header {name}: {error}")
    return decoded


@lru_cache(maxsize=4096)
def _encoded_words(text: str) -> tuple[str, str | None]:
    """A value with RFC 2047 words, decoded, and the error that stopped its decoding, if any.

    Kept by value: the stdlib's decoding costs about 10 µs, and a shopper's mailbox repeats
    these values. Each desk writes from the same name, and replies keep our probes'
    subjects, which come from a few templates per language.
    """
    try:
        return " ".join(str(make_header(decode_header(text))).split()), None
    except (LookupError, UnicodeDecodeError, ValueError, email.errors.HeaderParseError) as exc:
        return " ".join(text.split()), type(exc).__name__


def _addresses(value: str) -> list[tuple[str, str]]:
    """`getaddresses`, bounded: the stdlib reads nested comments by recursion, so a header of
    thousands of parentheses raised RecursionError; past a few, comments are dropped first."""
    if value.count("(") > _MAX_COMMENTS:
        value = _without_comments(value)
    return getaddresses([value])


def _without_comments(value: str) -> str:
    """The value with its parenthesised comments (nested or left open) removed, in one pass."""
    kept, depth = [], 0
    for char in value:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


class NestedTooDeeply(email.errors.MessageDefect):
    """Parts nested deeper than the parser is asked to read (`MAX_NESTED_PARTS`)."""


def _first_address(value: str) -> tuple[str, str]:
    """The first (display name, lower-cased address) of a header, as `getaddresses` reads it."""
    plain = _PLAIN_ADDRESS.fullmatch(value)
    if plain is not None:  # the usual shapes, read without the general (and slow) address parser
        quoted, bare, bracketed, alone = plain.groups()
        return (quoted if quoted is not None else " ".join((bare or "").split())), (bracketed or alone).lower()
    addresses = _addresses(value)
    for name, address in addresses:
        if address:
            return name, address.lower()
    return (addresses[0][0] if addresses else ""), ""


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value)


def _date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else None


def _mime_parts(raw: bytes) -> tuple[Part, ...]:
    """Every part of the message in walk order, the message itself first, as the stdlib parser reads it.

    The header block is read by `_plain_head` when it can be; a single-part message is then
    done, its body unparsed, and its type read once.
    """
    head = _plain_head(raw)
    if head is None:
        head = _PARSER.parsebytes(raw, headersonly=True)
    content_type = head.get_content_type()
    if not content_type.startswith(("multipart/", "message/")):
        return (Part(content_type, head),)
    if len(_NESTING_TYPE.findall(raw)) <= MAX_NESTED_PARTS:
        try:
            return tuple(Part(part.get_content_type(), part) for part in _PARSER.parsebytes(raw).walk())
        except RecursionError:
            pass  # nested deeper than the stack allows in fewer declarations (folded headers)
    head.defects.append(NestedTooDeeply(f"more than {MAX_NESTED_PARTS} nested parts: read as one text"))
    head.set_type("text/plain")
    return (Part("text/plain", head),)


def _plain_head(raw: bytes) -> Message | None:
    """The message with its body unparsed, when its header block has the plain shape; else None."""
    text = raw.decode("ascii", "surrogateescape")  # as the stdlib parser reads bytes
    block = _FIELDS.match(text)
    assert block is not None  # the pattern matches the empty string
    position = block.end()
    if text.count("\r", 0, position) != text.count("\r\n", 0, position):
        return None  # a bare CR, which the stdlib takes for a line break
    if position < len(text):
        blank = _BLANK_LINE.match(text, position)
        if blank is None or position == 0:
            return None
        body = text[blank.end() :]
    else:
        body = ""
    head = Message(policy=_POLICY)
    for name, value in _FIELD.findall(text, 0, position):
        head.set_raw(name, value.rstrip("\r"))  # as the stdlib's parser stores a field read from bytes
    head.set_payload(body)
    return head


def _readable_text(parts: tuple[Part, ...]) -> tuple[str, bool]:
    """The body a person reads: the first inline plain part, else HTML made text, else any text."""
    # Most mail is one part, for which the rules come down to "if it is text at all".
    body = _body_of_one(parts[0]) if len(parts) == 1 else _chosen_body(parts)
    if body is None:
        return "", False
    if body.content_type == "text/html":
        return html_to_text(body.text), True
    return body.text, False


def _body_of_one(part: Part) -> Part | None:
    return part if part.content_type.startswith(("text/", "multipart/")) else None  # as _chosen_body


def _chosen_body(parts: tuple[Part, ...]) -> Part | None:
    leaves = [p for p in parts if p.leaf]
    inline = [p for p in leaves if not p.attachment]
    return (
        next((p for p in inline if p.content_type == "text/plain"), None)
        or next((p for p in inline if p.content_type == "text/html"), None)
        or next((p for p in leaves if p.content_type.startswith("text/")), None)
        # A multipart whose boundary the parser could not find (a header folded without its
        # leading blank) is left as one unparsed text: better read raw than not at all.
        or next((p for p in leaves if p.content_type.startswith("multipart/")), None)
    )
