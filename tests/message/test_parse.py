"""Parsing real-world mail: charsets, HTML-only, broken MIME, things that are not mail."""

from __future__ import annotations

from collections.abc import Iterable
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses

import pytest

from supportbench.message.htmltext import MAX_HTML_CHARS, html_to_text
from supportbench.message.parse import (
    _PLAIN_ADDRESS,
    _POLICY,
    NotAMessageError,
    _charset,
    _first_address,
    _mime_parts,
    _plain_head,
    parse_message,
)
from tests.helpers import DATA

REPLIES = DATA / "replies"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("human/pl-odpowiedz-iso-8859-2.eml", "Dzień dobry Pani Anno"),
        ("human/ru-otvet-koi8-r.eml", "Здравствуйте, Ольга!"),
        ("human/ro-raspuns-iso-8859-16.eml", "Bună ziua, doamna Popescu"),
        ("human/fi-vastaus.eml", "toimitamme Puolaan"),
        ("auto_reply/ro-raspuns-automat-windows-1250.eml", "răspunde în 24 de ore"),
    ],
)
def test_charsets_and_transfer_encodings_are_decoded(name: str, words: str) -> None:
    parsed = parse_message((REPLIES / name).read_bytes())
    assert words in parsed.text
    assert not parsed.html


def test_encoded_headers_are_decoded() -> None:
    parsed = parse_message((REPLIES / "auto_reply/ru-obrashchenie-koi8-r.eml").read_bytes())
    assert parsed.subject == "Ваше обращение зарегистрировано"
    assert parsed.from_name == "Служба поддержки"


def test_html_only_mail_becomes_inert_text() -> None:
    parsed = parse_message((REPLIES / "human/en-outlook-html-only-with-script.eml").read_bytes())
    assert parsed.html
    assert "the order was not placed" in parsed.text
    assert "alert(" not in parsed.text and "<" not in parsed.text
    assert "> Was the order placed or not?" in parsed.text  # blockquote kept as quoted history


def test_html_to_text_drops_styles_comments_and_scripts() -> None:
    text = html_to_text("<style>p{}</style><!-- secret --><p>Hello<br>there</p><script>x()</script>")
    assert text == "Hello\nthere"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<div>Hello</div><div>there</div>", "Hello\nthere"),  # blocks on lines, no blank line between
        ("<p>One<p>Two", "One\nTwo"),  # paragraphs never closed
        ("<div>Before<div>inner</div>after</div>", "Before\ninner\nafter"),
        ("<b>Bold</b> and <a href='x'>link</a> stay one sentence.", "Bold and link stay one sentence."),
        ("<html><head><title>T</title><body>Shown", "Shown"),  # a head left open ends at the body
        (
            "Answer<blockquote>Q1<div>Q2</div><blockquote>older</blockquote></blockquote>After",
            "Answer\n> Q1\n> Q2\n> older\nAfter",
        ),
        ("Answer<blockquote>never closed<br>quoted", "Answer\n> never closed\n> quoted"),
        ("Fish &amp; chips &#8212; &euro;5", "Fish & chips \u2014 \u20ac5"),
        ("<template><p>hidden</p></template><noscript>x</noscript>ok", "ok"),
    ],
)
def test_html_to_text_follows_the_layout(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_html_nested_past_any_tree_depth_is_read_in_one_pass() -> None:
    nested = "<div>" * 50_000 + "deep text" + "</div>" * 50_000
    assert html_to_text(nested) == "deep text"  # a tree of this depth overflowed or took minutes
    assert html_to_text("<p>x</p>" * 10 + "<div>" * (MAX_HTML_CHARS // 5) + "cut") == "\n".join(["x"] * 10)


def test_broken_mime_and_unknown_charset_still_give_text_and_record_defects() -> None:
    parsed = parse_message((REPLIES / "human/en-broken-mime-unknown-charset.eml").read_bytes())
    assert "call us on 212 555 0100" in parsed.text
    assert parsed.date is None  # "Date: not a date"


def test_threading_headers() -> None:
    parsed = parse_message((REPLIES / "human/en-threaded-plain.eml").read_bytes())
    assert parsed.in_reply_to == ["<e754ceb5-e41a-ae0b-000a-97a14e84df01@mysteryshop.example>"]
    assert parsed.message_id == "<reply-tb-1@brightdesk.example>"
    assert parsed.date is not None and parsed.date.utcoffset() is not None


@pytest.mark.parametrize("raw", [b"", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"just some text\nwith lines\n"])
def test_non_mail_is_refused_clearly(raw: bytes) -> None:
    with pytest.raises(NotAMessageError, match="not an e-mail message"):
        parse_message(raw)


def test_body_text_reads_as_parse_message_does() -> None:
    from supportbench.message.parse import body_text

    for path in sorted((DATA / "replies").rglob("*.eml")):
        raw = path.read_bytes()
        assert body_text(raw) == parse_message(raw).text, path.name


def test_a_first_part_without_headers_is_the_body() -> None:
    # A MIME part with no headers at all is text/plain by default; such a part (a bounce's
    # notification, often) was once passed over because an empty header list is falsy.
    raw = (
        b"From: mailer-daemon@mx.example\r\nSubject: Returned mail\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\n\r\nThe original message could not be delivered.\r\n"
        b"--B\r\nContent-Type: text/html\r\n\r\n<p>The returned message.</p>\r\n--B--\r\n"
    )
    assert parse_message(raw).text.strip() == "The original message could not be delivered."


def _shape(parts: Iterable[Message]) -> list[tuple[object, ...]]:
    """Every part's type, headers, defects and (for a leaf) payload, in walk order."""
    return [
        (part.get_content_type(), list(part.items()), [type(d) for d in part.defects])
        + (() if part.is_multipart() else (part.get_payload(),))
        for part in parts
    ]


# Header blocks of every shape the plain reader must either read as the stdlib does or leave to it.
_ODD_HEADS = [
    b"Subject: folded\r\n  over\r\n\ttwo lines\r\nFrom: a@b.example\r\n\r\nbody\r\n",
    b"Subject:\r\n continued only\r\nTo:  \t spaced@x.example  \r\n\r\n",
    b"Subject: LF only\nFrom: a@b.example\n\nbody\nmore\n",
    b"Subject: mixed\nFrom: a@b.example\r\n\r\nbody",
    b"Subject: no body at all\r\nFrom: a@b.example\r\n",
    b"Subject: no final line break",
    b"Subject: blank-looking continuation\r\n \r\nFrom: a@b.example\r\n\r\nbody",
    b"From a@b.example Mon Jan  1 00:00:00 2024\r\nSubject: mbox line\r\n\r\nbody",
    b"Subject: stray line next\r\nthis is not a header\r\n\r\nbody",
    b" Subject: starts with a continuation\r\n\r\nbody",
    b"Subject: bare\rCR\r\nFrom: a@b.example\r\n\r\nbody",
    b"Subject : space before the colon\r\n\r\nbody",
    b":\r\n\r\nempty name",
    b"\r\nno headers, a blank line first",
    b"Subject: \xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82 raw UTF-8\r\n\r\n\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82",
]


@pytest.mark.parametrize(
    "raw",
    [path.read_bytes() for path in sorted((DATA).rglob("*.eml"))] + _ODD_HEADS,
)
def test_the_message_is_read_as_the_stdlib_parser_reads_it(raw: bytes) -> None:
    # The plain header reader is a shortcut, never a second opinion.
    parts = _mime_parts(raw)
    assert [part.content_type for part in parts] == [part.message.get_content_type() for part in parts]
    assert _shape(part.message for part in parts) == _shape(BytesParser(policy=_POLICY).parsebytes(raw).walk())


def test_the_plain_reader_takes_most_real_mail() -> None:
    # It is the fast path only if it is the usual one: the replies and nearly all bounces.
    paths = sorted((DATA).rglob("*.eml"))
    taken = [path for path in paths if _plain_head(path.read_bytes()) is not None]
    assert len(taken) >= 0.9 * len(paths)


def test_raw_utf8_headers_are_read_as_text() -> None:
    # RFC 6532 lets servers send UTF-8 headers unencoded; compat32 alone turns them into U+FFFD.
    raw = "From: Иван Петров <ivan@desk.example>\r\nSubject: Ответ на ваш вопрос\r\n\r\nТекст\r\n".encode()
    parsed = parse_message(raw)
    assert (parsed.subject, parsed.from_name) == ("Ответ на ваш вопрос", "Иван Петров")
    legacy = "Subject: Odpowiedź\r\nFrom: a@b.example\r\n\r\nx".encode("cp1250")
    assert parse_message(legacy).subject == "Odpowied\u017a".encode("cp1250").decode("cp1252")


_ODD_ADDRESSES = [
    'J. Smith <a@b.example>', '"Doe, John" <a@b.example>', "a@b.example (Comment)", "<a@b.example>",
    "  Name   Two  <A@B.EXAMPLE>  ", '"a\\"b" <x@y>', "Иван <i@x.ru>", "x@y, z@w", "Name <>", "",
    "undisclosed-recipients:;", "a.b+c@d-e.f", '"" <a@b>', "Name<a@b>", "a @ b", "o'neil@x.ie", "a..b@c.d",
    "a.@b.c", ".a@b.c", "a@b.", "N . M <a@b>", "a/b@c", "a{b}@c", "ä@b.c", "\tN\t<a@b>", "N <a@b> trailing",
]  # fmt: skip


def test_the_usual_address_shapes_are_read_as_getaddresses_reads_them() -> None:
    headers = [_ODD_ADDRESSES]
    for path in sorted((DATA).rglob("*.eml")):
        parsed = parse_message(path.read_bytes())
        headers.append([parsed.header(name) for name in ("from", "to", "reply-to", "sender")])
    values = [value for group in headers for value in group]
    for value in values:
        found = getaddresses([value])
        first = next(
            ((name, address.lower()) for name, address in found if address), (found[0][0] if found else "", "")
        )
        assert _first_address(value) == first, value
    assert sum(_PLAIN_ADDRESS.fullmatch(value) is not None for value in values) > len(values) / 3


def test_a_charset_is_read_as_the_stdlib_reads_it() -> None:
    parts = [
        part
        for path in sorted((DATA).rglob("*.eml"))
        for part in BytesParser(policy=_POLICY).parsebytes(path.read_bytes()).walk()
    ]
    odd = ['text/plain; charset="UTF-8"', "text/plain; CHARSET=koi8-r; format=flowed", "text/plain", "text/plain;"]
    for value in odd:
        holder = Message(policy=_POLICY)
        holder["Content-Type"] = value
        parts.append(holder)
    parts.append(Message(policy=_POLICY))  # no Content-Type at all
    for part in parts:
        assert _charset(part.get("Content-Type")) == part.get_content_charset()


def test_header_names_are_case_insensitive() -> None:
    parsed = parse_message((REPLIES / "human/en-threaded-plain.eml").read_bytes())
    assert parsed.header("SUBJECT") == parsed.header("subject") == parsed.subject != ""
    assert parsed.header("X-Not-There") == ""


def test_a_broken_header_read_in_two_cases_is_one_defect() -> None:
    parsed = parse_message(b"From: a@b.example\r\nX-Note: =?x-no-such-charset?q?caf=E9?=\r\n\r\nbody\r\n")
    assert parsed.header("X-Note") == parsed.header("x-note") == "=?x-no-such-charset?q?caf=E9?="
    assert [d for d in parsed.defects if d.startswith("header")] == ["header X-Note: LookupError"]


def test_encoded_headers_decode_as_the_stdlib_does_and_every_message_notes_its_own_defect() -> None:
    # Decoded values are kept by value, so the second message with the same broken Subject
    # must still get its own defect, and every value must read as the stdlib reads it.
    import email
    from email.header import decode_header, make_header

    raw = b"From: a@b.example\r\nSubject: Re: =?x-no-such-charset?q?caf=E9?=\r\n\r\nbody\r\n"
    for _ in range(2):
        assert parse_message(raw).defects == ["header subject: LookupError"]
    encoded = {
        value
        for path in sorted((DATA).rglob("*.eml"))
        for name in ("Subject", "From")
        if "=?" in (value := str(email.message_from_bytes(path.read_bytes()).get(name, ""))) and value.isascii()
    }
    assert len(encoded) > 20
    for value in sorted(encoded):
        try:
            expected = " ".join(str(make_header(decode_header(value))).split())
        except (LookupError, UnicodeDecodeError, ValueError):
            expected = " ".join(value.split())
        for _ in range(2):  # read, then read again as kept
            assert parse_message(f"From: a@b.example\r\nSubject: {value}\r\n\r\n".encode()).subject == expected


def test_a_single_part_body_is_chosen_as_the_general_rules_choose_it() -> None:
    # Attachment or inline, plain, HTML or other text, or not text at all.
    from supportbench.message.parse import _body_of_one, _chosen_body, _mime_parts

    heads = ["", "Content-Disposition: attachment; filename=a.txt\r\n", "Content-Disposition: inline\r\n"]
    types = ["text/plain", "text/html", "text/csv", "application/pdf", "image/png"]
    raws = [
        f"From: a@b.example\r\nContent-Type: {kind}\r\n{head}\r\nbody\r\n".encode() for kind in types for head in heads
    ]
    raws += [path.read_bytes() for path in sorted((DATA).rglob("*.eml"))]
    singles = [parts for parts in map(_mime_parts, raws) if len(parts) == 1]
    assert len(singles) > 40
    for parts in singles:
        assert _body_of_one(parts[0]) is _chosen_body(parts)


@pytest.mark.parametrize("charset", [b"undefined", b"utf-8\x00", b"x-no-such-charset", b"utf-7"])
def test_a_text_part_with_an_unusable_charset_is_still_read(charset: bytes) -> None:
    raw = (
        b'From: desk@acme.example\r\nSubject: x\r\nContent-Type: text/plain; charset="'
        + charset
        + b'"\r\n\r\nhello\r\n'
    )
    assert parse_message(raw).text.strip() == "hello"


def test_a_from_header_of_many_parentheses_is_read_without_recursion() -> None:
    raw = b"From: " + b"(" * 200_000 + b"desk@acme.example\r\nTo: a@b.example (x)\r\nSubject: s\r\n\r\nbody\r\n"
    parsed = parse_message(raw)  # the stdlib's address parser recursed once per parenthesis
    assert parsed.subject == "s" and parsed.text.strip() == "body"


def test_parts_nested_past_the_limit_are_read_as_one_text_with_a_defect() -> None:
    from supportbench.message.parse import MAX_NESTED_PARTS

    level = b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n"
    nested = b"".join(level % (n, n) for n in range(MAX_NESTED_PARTS * 12))
    raw = b"From: desk@acme.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n" + nested + b"\r\nCall us.\r\n"
    parsed = parse_message(raw)  # the stdlib's parser recursed once per level
    assert "NestedTooDeeply" in parsed.defects and "Call us." in parsed.text
