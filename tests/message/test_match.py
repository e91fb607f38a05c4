"""Linking replies to probes: headers, references, quotes, senders, bounces; only the right vendor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supportbench.message.classify import Bounce, Classification
from supportbench.message.match import (
    _REFERENCE_SHAPE,
    ProbeIndex,
    ProbeRef,
    VendorIndex,
    VendorRef,
    match_message,
    quotable_lines,
)
from supportbench.message.parse import parse_message
from tests.helpers import DATA

SENT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
PROBE_TEXT = "Hello,\n\nI am thinking of buying from Acme and have two quick questions before I do.\nThanks\n"

ACME = ProbeRef(1, "acme", "<p1@shop.example>", "48213-KQ", "support@acme.example", SENT, quotable_lines(PROBE_TEXT))
OTHER = ProbeRef(
    2,
    "other",
    "<p2@shop.example>",
    "77777-ZZ",
    "help@other.example",
    SENT + timedelta(hours=1),
    quotable_lines(PROBE_TEXT.replace("Acme", "Other")),
)
VENDORS = VendorIndex(
    [
        VendorRef("acme", frozenset({"support@acme.example"}), frozenset({"acme.example"})),
        VendorRef("other", frozenset({"help@other.example"}), frozenset({"other.example"})),
    ]
)
HUMAN = Classification("human", ["test"])


def reply(sender: str, subject: str, body: str, **headers: str) -> bytes:
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    return f"From: {sender}\r\nTo: alex@shop.example\r\nSubject: {subject}\r\n{extra}\r\n{body}\r\n".encode()


def match(raw: bytes, kind: Classification = HUMAN, at: datetime = SENT + timedelta(hours=3)):  # type: ignore[no-untyped-def]
    return match_message(parse_message(raw), kind, at, ProbeIndex([ACME, OTHER]), VENDORS)


def test_in_reply_to_is_certain() -> None:
    found = match(reply("x@acme.example", "Re: hi", "answer", In_Reply_To="<p1@shop.example>"))
    assert (found.outbox_id, found.method, found.confidence) == (1, "in-reply-to", 1.0)


def test_rewritten_subject_without_threading_matches_on_the_reference() -> None:
    found = match(reply("agent@acme.zendesk.example", "[#12345] Your enquiry 48213-KQ", "We can help."))
    assert (found.outbox_id, found.method) == (1, "reference-in-subject")


def test_reference_in_the_body() -> None:
    found = match(reply("desk@helpdesk.example", "Ticket Received - 286614", "Regarding enquiry 48213-KQ: ..."))
    assert (found.outbox_id, found.method) == (1, "reference-in-body")


def test_quoted_text_without_marks_matches_the_right_vendor() -> None:
    quoted = (
        "Our answer.\n\n-----Original Message-----\n"
        "I am thinking of buying from Acme and have two quick questions before I do."
    )
    found = match(reply("someone@unknown.example", "RE: question", quoted))
    assert (found.outbox_id, found.method) == (1, "quoted-text")


def test_sender_domain_of_the_vendor_within_the_window() -> None:
    found = match(reply("billing@other.example", "Hello", "A new message with no reference."))
    assert (found.outbox_id, found.method, found.confidence) == (2, "sender-domain", 0.5)
    assert match(reply("billing@other.example", "Hello", "x"), at=SENT + timedelta(days=30)) is None


def test_a_reply_is_only_linked_to_its_own_vendors_probe() -> None:
    # Sent from Acme's domain but quoting another vendor's reference: not linked across vendors.
    found = match(reply("x@acme.example", "Re: 77777-ZZ", "about 77777-ZZ"))
    assert found is not None and found.outbox_id == 1 and found.method == "sender-domain"


def test_nothing_links_to_a_probe_sent_after_the_reply_arrived() -> None:
    assert (
        match(reply("x@acme.example", "Re", "hi", In_Reply_To="<p1@shop.example>"), at=SENT - timedelta(hours=1))
        is None
    )


def test_unknown_sender_with_no_clue_stays_unmatched() -> None:
    assert match(reply("spam@elsewhere.example", "Win a prize", "Click here")) is None


def test_bounces_match_by_returned_message_id_then_by_recipient() -> None:
    bounce = Classification("bounce", ["dsn"], Bounce("support@acme.example", "5.1.1", True))
    returned = reply("MAILER-DAEMON@mx.example", "Undelivered", "Original-Message-ID: <p2@shop.example>")
    assert match(returned, bounce).method == "bounced-message-id"
    assert match(returned, bounce).outbox_id == 2
    by_recipient = match(reply("MAILER-DAEMON@mx.example", "Undelivered", "user unknown"), bounce)
    assert (by_recipient.outbox_id, by_recipient.method) == (1, "bounce-recipient")


def test_a_reference_counts_only_as_a_whole_token() -> None:
    for text in ("Order 148213-KQ shipped", "See 48213-KQX", "ref 48213-KQ-2", "x48213-KQ"):
        assert match(reply("desk@helpdesk.example", "Your order", text)) is None, text
    for text in ("(48213-KQ)", "ref:48213-KQ.", "48213-KQ\nthanks", "«48213-KQ»"):
        assert match(reply("desk@helpdesk.example", "Your order", text)).method == "reference-in-body", text


def test_a_reference_of_another_shape_is_still_found() -> None:
    odd = ProbeRef(3, "acme", "<p3@shop.example>", "REF 991", "support@acme.example", SENT, ())
    found = match_message(
        parse_message(reply("desk@helpdesk.example", "About REF 991", "hi")),
        HUMAN,
        SENT + timedelta(hours=1),
        ProbeIndex([ACME, odd]),
        VENDORS,
    )
    assert (found.outbox_id, found.method) == (3, "reference-in-subject")


def test_sender_matching_picks_the_latest_probe_of_that_vendor_only() -> None:
    earlier = ProbeRef(5, "acme", "<p5@shop.example>", "11111-AA", "support@acme.example", SENT - timedelta(days=2), ())
    later_other = ProbeRef(
        6, "other", "<p6@shop.example>", "22222-BB", "help@other.example", SENT + timedelta(hours=2), ()
    )
    index = ProbeIndex([earlier, ACME, OTHER, later_other])
    found = match_message(
        parse_message(reply("bob@acme.example", "Hi", "An answer.")), HUMAN, SENT + timedelta(hours=3), index, VENDORS
    )
    assert (found.outbox_id, found.method) == (1, "sender-domain")


def test_a_reference_is_found_as_a_whole_token_only() -> None:
    index = ProbeIndex([ACME, OTHER])
    for text in ["(ref 48213-KQ)", "48213-KQ.", "ref:\t48213-KQ,\n", "«48213-KQ»", "nbsp\u00a048213-KQ"]:
        assert [p.outbox_id for p in index.references_in(text)] == [1], text
    for text in ["x48213-KQ", "A-48213-KQ", "48213-KQ-2", "48213-KQx", "48213-kq", "48213--KQ"]:
        assert index.references_in(text) == [], text


def test_references_are_read_from_the_hyphenated_words_as_from_the_whole_text() -> None:
    # references_in looks only in words with a hyphen; on all real mail in the test data, and
    # around odd separators, it must find every token the pattern finds in the whole text.
    texts = ["a-b\u2003c-d\u00a0e-f", "a-b,c-d;e--f g-h-", "\u3000x-y\x1cz-w"]
    for path in sorted(DATA.rglob("*.eml")):
        parsed = parse_message(path.read_bytes())
        texts += [parsed.subject, parsed.text]
    found = 0
    for text in texts:
        tokens = sorted(set(_REFERENCE_SHAPE.findall(text)))
        index = ProbeIndex(
            [ProbeRef(n, "v", f"<{n}@v>", token, "a@v.example", SENT, ()) for n, token in enumerate(tokens)]
        )
        assert sorted(probe.reference for probe in index.references_in(text)) == tokens, text
        found += len(tokens)
    assert found > 50  # the comparison saw tokens, not only texts without any
