"""Probes and follow-ups look like a person's mail and carry what matching needs."""

from __future__ import annotations

import email
import random
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP, default
from zoneinfo import ZoneInfo

import pytest

from supportbench.config.targets import load_config
from supportbench.outbound import compose
from tests.helpers import EXAMPLE_CONFIG

AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
CONFIG = load_config(EXAMPLE_CONFIG)


def render(vendor_id: str, probe_id: str = "phone-and-pricing") -> EmailMessage:
    vendor = CONFIG.vendor(vendor_id)
    return compose.render_probe(
        CONFIG.probe(probe_id),
        vendor,
        CONFIG.shopper(vendor.shopper),
        reference="48213-KQ",
        message_id="<abc@mysteryshop.example>",
        at=AT,
    )


def vendor_in(language: str) -> str:
    """A vendor of the example config writing in `language` (whichever it is)."""
    return next(vendor.id for vendor in CONFIG.vendors if vendor.language == language)


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("en", "Hello"), ("pl", "Dzień dobry"), ("ru", "Здравствуйте"), ("fi", "Hei"), ("ro", "Bună ziua")],
)
def test_probe_is_in_the_vendors_language_with_reference_and_persona(language: str, greeting: str) -> None:
    vendor_id = vendor_in(language)
    message = render(vendor_id)
    vendor = CONFIG.vendor(vendor_id)
    shopper = CONFIG.shopper(vendor.shopper)
    parsed = email.message_from_bytes(message.as_bytes(policy=SMTP), policy=default)
    body = parsed.get_content()
    assert body.startswith(greeting)
    assert "48213-KQ" in body
    assert vendor.name in body
    assert parsed["From"].addresses[0].display_name == shopper.name
    assert parsed["To"] == vendor.address
    assert parsed["Content-Language"] == vendor.language
    assert parsed["Message-ID"] == "<abc@mysteryshop.example>"
    # The Date is written in the shopper's own time zone, as their mail client would.
    assert parsed["Date"].datetime == AT
    assert parsed["Date"].datetime.utcoffset() == AT.astimezone(ZoneInfo(shopper.timezone)).utcoffset()


def test_body_is_sent_as_readable_8bit_utf8() -> None:
    raw = render(vendor_in("ru")).as_bytes(policy=SMTP)
    assert b"Content-Transfer-Encoding: 8bit" in raw
    assert "Здравствуйте".encode() in raw and b"48213-KQ" in raw


def test_references_and_message_ids_are_unique_and_on_the_shoppers_domain() -> None:
    rng = random.Random(7)
    references = {compose.new_reference(rng) for _ in range(2000)}
    ids = {compose.new_message_id("mysteryshop.example", rng) for _ in range(2000)}
    assert len(references) == 2000 and len(ids) == 2000
    assert all(ref[:5].isdigit() and ref[5] == "-" and ref[6:].isalpha() for ref in references)
    assert not any(set(ref[6:]) & {"I", "O"} for ref in references)
    assert all(i.startswith("<") and i.endswith("@mysteryshop.example>") for i in ids)


def test_follow_up_threads_to_the_probe_and_quotes_it() -> None:
    polish = vendor_in("pl")
    probe = email.message_from_bytes(render(polish).as_bytes(policy=SMTP), _class=EmailMessage, policy=SMTP)
    vendor = CONFIG.vendor(polish)
    follow_up = compose.render_follow_up(
        probe,
        vendor,
        CONFIG.shopper(vendor.shopper),
        reference="48213-KQ",
        message_id="<def@mysteryshop.example>",
        at=datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        to_address="sklep@zielonykoszyk.example",
    )
    assert follow_up["In-Reply-To"] == "<abc@mysteryshop.example>"
    assert follow_up["References"] == "<abc@mysteryshop.example>"
    assert follow_up["Subject"] == "Re: Numer telefonu i cennik"
    assert follow_up["To"] == "sklep@zielonykoszyk.example"
    body = follow_up.get_content()
    assert "24.11.2026" in body and "48213-KQ" in body
    assert "> Dzień dobry," in body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "Hi\r\nBcc: victim@example.com"),
        ("vendor", "Acme\nReply-To: attacker@example.com"),
        ("subject", "=?utf-8?q?K=0D=0ABcc:_victim@example.com?="),  # the same, as an encoded word
        ("subject", "=?utf-8?q?K=0D=0AReply-To:_attacker@example.com?= and more words to fold the line"),
    ],
)
def test_header_injection_never_reaches_the_wire(field: str, value: str) -> None:
    # The config refuses such values at load (see test_config); composing is the last line of defence.
    vendor = CONFIG.vendors[0]
    probe = CONFIG.probe(vendor.probes[0])
    variant = probe.variants[vendor.language]
    if field == "subject":
        probe = probe.model_copy(update={"variants": {vendor.language: variant.model_copy(update={"subject": value})}})
    else:
        vendor = vendor.model_copy(update={"name": value})
    try:
        message = compose.render_probe(
            probe, vendor, CONFIG.shopper(vendor.shopper), reference="48213-KQ", message_id="<a@b.example>", at=AT
        )
        wire = message.as_bytes(policy=SMTP)
    except ValueError:
        return  # refused: nothing reaches the wire
    headers = wire.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith((b"bcc:", b"reply-to:")) for line in headers.split(b"\r\n"))
