"""The pieces a labelled reply is made of, each with the labels it carries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Greeting:
    text: str  # "" for a reply that starts with its answer
    by_name: bool  # greets the customer by name


@dataclass(frozen=True)
class Signature:
    text: str
    full: bool  # a person's name, a phone number with country code and another address or website


@dataclass(frozen=True)
class Answer:
    """A person's answer to one probe: its words and what they do."""

    probe: str
    text: str
    answered: dict[str, bool]  # question id -> answered
    substance: bool  # gives something: an answer, a concrete next step or a question back
    # For inline layouts: the answer split per question, in the probe's order (None: not inline-able).
    inline: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Automatic:
    """Mail no person wrote for this probe: an acknowledgement, an out-of-office, a survey, a newsletter."""

    kind: str  # auto_reply | unrelated
    subject: str  # {subject} is the probe's subject
    text: str
    headers: dict[str, str] = field(default_factory=dict)
    sender: str = "support"  # the local part it comes from
    replies_in_thread: bool = True  # carries In-Reply-To


@dataclass(frozen=True)
class Client:
    """How one language's mail clients write the line or block above a quote."""

    gmail: str  # attribution: {date}, {name}, {address}
    apple: str
    thunderbird: str
    outlook: tuple[str, str, str, str]  # From, Sent, To, Subject field names
    mobile_footer: str
    reply_prefix: str  # "Re:", "Odp:", "Ответ:", "VS:", "RE:"


@dataclass(frozen=True)
class LanguageMaterial:
    code: str
    shopper: str  # the shopper's full name
    shopper_address: str
    vendor: str
    vendor_domain: str
    greetings: tuple[Greeting, ...]
    signatures: tuple[Signature, ...]
    answers: tuple[Answer, ...]
    automatic: tuple[Automatic, ...]
    client: Client
    desk_marker: str  # a help desk's "reply above this line" in this language
    desk_updated: str  # "Your request ({ticket}) has been updated."
