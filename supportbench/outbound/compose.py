"""Render probes and follow-ups into e-mail messages, as a real customer's client would.

Pure: the time, the reference and the Message-ID come in as values. Every message
gets a unique Message-ID on the shopper's own domain, a Date in the shopper's time
zone, and the probe's short reference in its text, so a reply can be matched even
when a help desk drops the thread headers.
"""

from __future__ import annotations

import random
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from supportbench.config.targets import Probe, Shopper, Vendor
from supportbench.languages import LANGUAGES

# No I or O: a reference is read aloud and typed back by people.
_REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"

REPLY_PREFIX = "Re: "


def new_reference(rng: random.Random) -> str:
    """A short enquiry number such as `48213-KQ`."""
    letters = "".join(rng.choice(_REFERENCE_LETTERS) for _ in range(2))
    return f"{rng.randint(10000, 99999)}-{letters}"


def new_message_id(domain: str, rng: random.Random) -> str:
    """A Message-ID on the shopper's domain, shaped like a mail client's."""
    token = f"{rng.getrandbits(128):032x}"
    return f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:]}@{domain}>"


def _message(shopper: Shopper, to_address: str, subject: str, body: str, message_id: str, at: datetime) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    local, _, domain = shopper.address.partition("@")
    message["From"] = Address(display_name=shopper.name, username=local, domain=domain)
    message["To"] = to_address
    message["Subject"] = subject
    message["Date"] = format_datetime(at.astimezone(ZoneInfo(shopper.timezone)))
    message["Message-ID"] = message_id
    message["MIME-Version"] = "1.0"
    # 8bit, as Thunderbird sends UTF-8 text to servers with 8BITMIME: readable in the raw
    # message, so a desk's tools (and ours) see the reference; base64 would look machine-made.
    message.set_content(body, charset="utf-8", cte="8bit")
    return message


# The only headers a probe or a follow-up has; anything else on the wire was injected.
_OWN_HEADERS = frozenset({"from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                          "content-transfer-encoding", "content-language", "in-reply-to", "references"})  # fmt: skip


def checked(message: EmailMessage) -> EmailMessage:
    """The message, after checking its serialised header block holds only our own headers, once each.

    The last line of defence against header injection in any spelling (a CR/LF the config let
    through, an encoded word the folding turned into a line break): the bytes that would leave.
    """
    head = message.as_bytes(policy=SMTP).split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    names = [line.split(":", 1)[0].strip().lower() for line in head.split("\r\n") if line and not line[0].isspace()]
    foreign = sorted({name for name in names if name not in _OWN_HEADERS} | {n for n in names if names.count(n) > 1})
    if foreign:
        raise ValueError(f"refused to compose: the message would carry injected headers ({', '.join(foreign)})")
    return message


def render_probe(
    probe: Probe,
    vendor: Vendor,
    shopper: Shopper,
    *,
    reference: str,
    message_id: str,
    at: datetime,
    to_address: str | None = None,
) -> EmailMessage:
    """The probe in the vendor's language, written by the shopper's persona."""
    variant = probe.variants[vendor.language]
    fields = {
        "shopper_name": shopper.name,
        "shopper_first_name": shopper.first_name,
        "shopper_signature": shopper.signature.strip() or shopper.name,
        "vendor_name": vendor.name,
        "reference": reference,
    }
    subject = variant.subject.format(**fields)
    body = variant.body.format(**fields).strip() + "\n"
    message = _message(shopper, to_address or vendor.address, subject, body, message_id, at)
    message["Content-Language"] = vendor.language
    return checked(message)


def render_follow_up(
    original: EmailMessage,
    vendor: Vendor,
    shopper: Shopper,
    *,
    reference: str,
    message_id: str,
    at: datetime,
    to_address: str,
) -> EmailMessage:
    """A polite nudge in the same thread: In-Reply-To and References name the probe."""
    original_subject = str(original["Subject"])
    subject = original_subject if original_subject.lower().startswith("re:") else REPLY_PREFIX + original_subject
    sent_at = original["Date"].datetime if original["Date"] else at
    # Written as people write dates: "24 Nov 2026" in English, "24.11.2026" elsewhere.
    sent_on = f"{sent_at:%d %b %Y}" if vendor.language == "en" else f"{sent_at:%d.%m.%Y}"
    text = LANGUAGES[vendor.language].follow_up.format(date=sent_on, reference=reference)
    signature = shopper.signature.strip() or shopper.name
    original_body = original.get_body(("plain",))
    quoted = "\n".join("> " + line for line in (original_body.get_content() if original_body else "").splitlines())
    body = f"{text}\n\n{signature}\n\n{quoted}\n"
    message = _message(shopper, to_address, subject, body, message_id, at)
    message["In-Reply-To"] = str(original["Message-ID"])
    message["References"] = str(original["Message-ID"])
    message["Content-Language"] = vendor.language
    return checked(message)
