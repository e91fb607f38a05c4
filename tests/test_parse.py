"""Parsing real-world mail: charsets, HTML-only, broken MIME, things that are not mail."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.parse import NotAMessageError, html_to_text, parse_message

REPLIES = Path(__file__).parent / "data" / "replies"


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
    from benchmark.parse import body_text

    for path in sorted((Path(__file__).parent / "data" / "replies").rglob("*.eml")):
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
