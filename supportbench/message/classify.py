"""Tell bounces, automatic replies, human replies and unrelated mail apart, with reasons.

Pure: a `ParsedMessage` in, a `Classification` out. Checked in this order, because a
bounce also carries `Auto-Submitted`, and a newsletter also looks automatic:

1. abuse feedback reports (RFC 5965)                                  -> unrelated
2. RFC 3464 delivery-status reports, or two of: a mailer-daemon sender, a
   bounce subject, bounce wording in the body (non-standard bounces)  -> bounce
3. mail that is not about the enquiry: list and marketing headers, a
   newsletter's opt-out, a satisfaction survey, account mail (password
   resets), unless it is an automatic reply all the same              -> unrelated
4. RFC 3834 and vendor auto-reply headers; a message that says it is
   automatic or out of the office; acknowledgement wording with a second
   sign (a ticket number, a no-reply sender, an acknowledgement subject) -> auto_reply
5. anything else                                                      -> human

Only a person's answer is `human`, so only it stops the reply clock. Wording is read in the
message's own words (quoted history and help-desk chrome set aside) in every language at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import timedelta
from email.message import Message

from supportbench.languages import LANGUAGES
from supportbench.languages.patterns import is_reply_subject
from supportbench.message.parse import ParsedMessage
from supportbench.message.phrases import Phrases
from supportbench.message.quoting import words_of

ACK_SEARCH_LENGTH = 2000  # acknowledgement wording is looked for this far into the text
ACK_AT_ONCE = timedelta(minutes=2)  # faster than a person reads a question and answers it

# -- bounces -----------------------------------------------------------------------------

_DAEMON_LOCAL = re.compile(
    r"^(mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|post[-_]master|poostmaster|mail\.delivery\.system|mdaemon)$",
    re.I,
)
_DAEMON_NAME = re.compile(r"mail(er)?[- ]?(delivery|daemon|deliver system)|postmaster|\bndr\b", re.I)


_BOUNCE_SUBJECT = Phrases(*(language.bounce_subject for language in LANGUAGES.values()))
_BOUNCE_BODY = Phrases(*(language.bounce_body for language in LANGUAGES.values()))
_SES_BOUNCE = re.compile(r'"notificationType"\s*:\s*"Bounce"')
# Status codes and addresses are searched in every bounce's whole text, so these are written
# for the regex engine. The status patterns find what their plain forms find, 3x faster.
# A status (5.1.1, not preceded by a digit or a dot) and a reply code (550) start with the
# digit they must start with and look behind only after it: the engine then jumps between
# candidate digits instead of testing the look-behind at every position.
_ENHANCED_STATUS = re.compile(r"([245])(?<![\d.][245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_REPLY_CODE = re.compile(r"([45](?<!\d[45])\d\d)[ -](?=\S)")
_TRANSIENT_WORDS = re.compile(r"delay|will (be )?retr|still being retried|temporar|deferred|warning", re.I)
# An address starts where a run of its characters starts: the engine no longer tries every
# position inside every word (4x faster), and the possessive `++` stops it retrying shorter
# runs before a character that is not "@". Unlike the plain pattern, it does not read a
# second address glued to the end of another ("x@y.example'z@w.example").
_ADDRESS = re.compile(r"(?<![\w.+'=-])[\w.+'=-]++@[\w-]+(?:\.[\w-]+)+")

# -- automatic replies -------------------------------------------------------------------

_AUTO_SUBJECT = Phrases(*(language.auto_subject for language in LANGUAGES.values()))
_AUTOMATIC_BODY = Phrases(*(language.automatic_body for language in LANGUAGES.values()))
_ACK_BODY = Phrases(*(language.ack_body for language in LANGUAGES.values()))
_SURVEY = Phrases(*(language.survey for language in LANGUAGES.values()))
_UNSUBSCRIBE = Phrases(*(language.unsubscribe for language in LANGUAGES.values()))
_ACCOUNT = Phrases(*(language.account for language in LANGUAGES.values()))
_NOREPLY_SENDER = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|autoreply|auto[-_.]?responder|ei[-_.]?vastausta"
    r"|nie[-_.]?odpowiadaj|ne[-_.]?otvechat|nu[-_.]?raspunde|keine[-_.]?antwort|notifications?|mailer)",
    re.I,
)
# "[#48213]", "Ticket#2026...", "nr 45120", "№88231", "(48213)": a desk's ticket number.
_TICKET_NUMBER = re.compile(r"(?:#|№|\bnr\.?|\bno\.|\bticket\s*#?|\bcase\s*#?)\s?\d{3,}|\[#+\s?\d{3,}", re.I)

# -- unrelated ---------------------------------------------------------------------------

_LIST_HEADERS = ("list-unsubscribe", "list-id", "list-post")
_MARKETING_HEADERS = ("x-campaign", "x-campaignid", "x-mailchimp-campaign", "x-mc-user", "feedback-id", "x-sg-eid")


@dataclass(frozen=True)
class Bounce:
    """Who could not be reached, with which status, whether it is final, and the server's words."""

    recipient: str | None
    status: str | None
    permanent: bool
    reason: str | None = None  # the receiving server's diagnostic, as the bounce quotes it


@dataclass(frozen=True)
class Classification:
    kind: str  # bounce | auto_reply | human | unrelated
    reasons: list[str] = field(default_factory=list)
    bounce: Bounce | None = None


def classify(message: ParsedMessage) -> Classification:
    """One kind for the message, with the reasons that decided it."""
    if message.report_type == "feedback-report" or _has_part(message, "message/feedback-report"):
        return Classification("unrelated", ["abuse feedback report (RFC 5965 multipart/report; feedback-report)"])
    bounce = _bounce(message)
    if bounce is not None:
        return bounce
    start = message.text[:ACK_SEARCH_LENGTH]
    own, unquoted = words_of(start)
    auto = _auto_reply_reasons(message, own)
    unrelated = _unrelated_reasons(message, unquoted)
    # An out-of-office or acknowledgement that also carries a list header is still a reply to us;
    # a survey or a newsletter that an RFC 3834 generator sent ("auto-generated") is not.
    if unrelated and not any(
        reason.startswith(("Auto-Submitted: auto-replied", "automatic wording")) for reason in auto
    ):
        return Classification("unrelated", unrelated)
    if auto:
        return Classification("auto_reply", auto)
    reasons = ["no automatic-reply or bounce markers"]
    if message.in_reply_to or message.references:
        reasons.append("answers a thread (In-Reply-To/References)")
    if is_reply_subject(message.subject):
        reasons.append(f"reply subject {message.subject[:60]!r}")
    return Classification("human", reasons)


# -- bounces -------------------------------------------------------------------------------


def _bounce(message: ParsedMessage) -> Classification | None:
    dsn = _delivery_status_blocks(message)
    if message.report_type == "delivery-status" or dsn:
        reasons = ["RFC 3464 delivery-status report"]
        details = _dsn_details(dsn) if dsn else None
        if details is None or details.reason is None:
            in_text = _text_details(message)  # a report without a Diagnostic-Code still says why in its text
            details = replace(details, reason=in_text.reason) if details else in_text
        return Classification("bounce", reasons, details)
    body = _notification_text(message)
    reasons = []
    if message.header("x-failed-recipients"):
        reasons.append("X-Failed-Recipients header")
    if _SES_BOUNCE.search(body):
        reasons.append("Amazon SES bounce notification")
    local = message.from_address.partition("@")[0]
    if not message.from_address or _DAEMON_LOCAL.match(local) or _DAEMON_NAME.search(message.from_name):
        reasons.append(f"sender looks like a mail system ({message.from_address or 'empty'!s})")
    if _BOUNCE_SUBJECT.search(message.subject) is not None:
        reasons.append(f"bounce subject {message.subject[:60]!r}")
    if any(part.content_type in ("message/rfc822", "text/rfc822-headers") for part in message.parts[1:]):
        reasons.append("returns a message (or its headers) as an attachment")
    # Wording alone never makes a bounce, so a body is searched only when it could be the second
    # sign: most mail has none of the others, and this is the costliest check.
    wording = _BOUNCE_BODY.search(body) if reasons else None
    if wording is not None:
        reasons.append(f"bounce wording {wording!r}")
    strong = any(reason.startswith(("X-Failed", "Amazon")) for reason in reasons)
    if strong or len(reasons) >= 2:
        return Classification("bounce", ["non-standard bounce", *reasons], _text_details(message))
    return None


def _has_part(message: ParsedMessage, content_type: str) -> bool:
    return any(part.content_type == content_type for part in message.parts)


def _delivery_status_blocks(message: ParsedMessage) -> list[Message]:
    for part in message.parts:
        if part.content_type == "message/delivery-status":
            payload = part.message.get_payload()
            if isinstance(payload, list):
                return [block for block in payload if isinstance(block, Message)]
    return []


def _dsn_details(blocks: list[Message]) -> Bounce | None:
    recipients = [block for block in blocks if block.get("Final-Recipient") or block.get("Original-Recipient")]
    if not recipients:
        return None
    chosen = next((b for b in recipients if str(b.get("Action", "")).strip().lower() == "failed"), recipients[0])
    # Original-Recipient is the address as we sent it, before the receiving side rewrote it.
    address = str(chosen.get("Original-Recipient") or chosen.get("Final-Recipient") or "")
    recipient = address.split(";", 1)[-1].strip().strip("<>").lower() or None
    status_match = _ENHANCED_STATUS.search(str(chosen.get("Status", "")))
    status = ".".join(status_match.groups()) if status_match else None
    action = str(chosen.get("Action", "")).strip().lower()
    permanent = action == "failed" or (status is not None and status.startswith("5"))
    if action in ("delayed", "relayed", "delivered", "expanded"):
        permanent = False
    # "smtp; 550 5.1.1 <x@y>: Recipient address rejected": the type before ";" is for machines.
    diagnostic = str(chosen.get("Diagnostic-Code") or "").partition(";")
    return Bounce(recipient, status, permanent, _short(diagnostic[2] or diagnostic[0]))


def bounce_words(status: str | None, reason: str | None) -> str | None:
    """ "5.1.1: User unknown", or just the server's words when they carry the status already."""
    if reason and status and status in reason:
        status = None  # "550 5.1.1 User unknown" says it already
    return ": ".join(part for part in (status, reason) if part) or None


def _short(text: str) -> str | None:
    """A diagnostic on one line, cut to what a table cell shows."""
    words = " ".join(text.split())
    return (words[:297] + "...") if len(words) > 300 else words or None


def _notification_text(message: ParsedMessage) -> str:
    """The bounce's own words: its text parts, not the returned original message."""
    texts = []
    for part in message.parts:
        if part.content_type in ("message/rfc822", "text/rfc822-headers"):
            break
        if part.content_type.startswith("text/"):
            texts.append(part.text)
    return "\n".join(texts) or message.text


def _text_details(message: ParsedMessage) -> Bounce:
    text = _notification_text(message)
    failed = message.header("x-failed-recipients")
    ours = {message.from_address, *message.to_addresses}
    candidates = [failed] if failed else _ADDRESS.findall(text)
    recipient = next(
        (
            a.strip().lower()
            for a in candidates
            if a and a.lower() not in ours and not _DAEMON_LOCAL.match(a.split("@")[0])
        ),
        None,
    )
    status_match = _ENHANCED_STATUS.search(text)
    status = ".".join(status_match.groups()) if status_match else None
    code_match = _REPLY_CODE.search(text)
    if status is not None:
        permanent = status.startswith("5")
    elif code_match is not None:
        permanent = code_match.group(1).startswith("5")
    else:
        permanent = not _TRANSIENT_WORDS.search(message.subject)
    found = status_match or code_match
    # The line the status or reply code was found on is the server's diagnostic.
    line = text[text.rfind("\n", 0, found.start()) + 1 :].partition("\n")[0] if found else ""
    return Bounce(recipient, status, permanent, _short(line))


# -- automatic replies ------------------------------------------------------------------------


def _auto_reply_reasons(message: ParsedMessage, own: str) -> list[str]:
    reasons = []
    auto_submitted = message.header("auto-submitted").strip().lower()
    if auto_submitted and auto_submitted != "no":
        reasons.append(f"Auto-Submitted: {auto_submitted} (RFC 3834)")
    for name in ("x-autoreply", "x-autorespond", "x-autoresponse", "x-auto-reply"):
        if message.header(name):
            reasons.append(f"{name} header")
    precedence = message.header("precedence").strip().lower()
    if precedence == "auto_reply":
        reasons.append("Precedence: auto_reply")
    # A message that says it is automatic ("this is an automated response", "do not reply to
    # this", "I am out of the office") needs nothing more.
    reasons += [f"automatic wording {phrase!r}" for phrase in _AUTOMATIC_BODY.distinct(own, limit=2)]
    if reasons:
        return reasons
    # Headerless acknowledgements: wording a person might also write ("we have received your
    # request") counts with a second sign of a machine.
    hints = _machine_hints(message, own)
    wording = any(hint.startswith("acknowledgement") for hint in hints)
    # An out-of-office subject is decisive on its own.
    out_of_office = any(hint.startswith("automatic-reply subject") for hint in hints) and _ooo(message)
    return hints if out_of_office or (len(hints) >= 2 and wording) else []


def _machine_hints(message: ParsedMessage, own: str) -> list[str]:
    """Signs of a machine that are not enough alone: acknowledgement wording, an acknowledgement
    subject, a no-reply sender, a ticket number in a new subject."""
    hints = [f"acknowledgement wording {phrase!r}" for phrase in _ACK_BODY.distinct(own, limit=2)]
    subject_phrase = _AUTO_SUBJECT.search(message.subject)
    if subject_phrase is not None:
        hints.append(f"automatic-reply subject {subject_phrase!r}")
    if _NOREPLY_SENDER.match(message.from_address):
        hints.append(f"no-reply sender {message.from_address}")
    # A desk's new message with a ticket number ("[#48213] ...", not "Re: ..."): human replies
    # from desks carry ticket numbers too, but in a reply's subject.
    ticket = None if is_reply_subject(message.subject) else _TICKET_NUMBER.search(message.subject)
    if ticket is not None:
        hints.append(f"ticket number {ticket.group(0).strip()!r} in a new subject")
    return hints


def with_timing(classification: Classification, message: ParsedMessage, after_probe: timedelta) -> Classification:
    """The kind again, knowing how long after its probe the message arrived.

    An acknowledgement typically arrives within a minute or two, at any hour; a person takes
    longer to read a question and answer it. A message judged human on too little evidence of
    a machine (one sign only) that arrived that fast is an acknowledgement.
    """
    if classification.kind != "human" or after_probe > ACK_AT_ONCE:
        return classification
    hints = _machine_hints(message, words_of(message.text[:ACK_SEARCH_LENGTH])[0])
    # A ticket number is no sign of a machine alone: desks' people answer under one too.
    if not any(not hint.startswith("ticket number") for hint in hints):
        return classification
    seconds = max(after_probe.total_seconds(), 0.0)
    return Classification("auto_reply", [*hints, f"arrived {seconds:.0f} s after the probe: at once, as machines do"])


def _ooo(message: ParsedMessage) -> bool:
    """Out-of-office subjects are decisive on their own; ticket numbers are not."""
    return bool(
        re.search(
            r"auto|out of|away|abwesen|nieobecn|отпуск|вне офиса|poissa|lomalla|absent|автоответ", message.subject, re.I
        )
    )


# -- unrelated ---------------------------------------------------------------------------------


def _list_headers(message: ParsedMessage) -> list[str]:
    return [name for name in _LIST_HEADERS if message.header(name)]


def _unrelated_reasons(message: ParsedMessage, words: str) -> list[str]:
    reasons = [f"{name} header (mailing list or newsletter)" for name in _list_headers(message)]
    reasons += [f"{name} header (marketing sender)" for name in _MARKETING_HEADERS if message.header(name)]
    precedence = message.header("precedence").strip().lower()
    if precedence in ("bulk", "list", "junk") and reasons:
        reasons.append(f"Precedence: {precedence}")
    # What the mail is about, in the subject or the message's own words: a survey, a newsletter's
    # opt-out, account mail. In a person's reply these would be asides, so the body's wording
    # counts only for mail outside the thread or from an automatic sender.
    machine = not (message.in_reply_to or message.references) or bool(_NOREPLY_SENDER.match(message.from_address))
    machine = (
        machine or bool(message.header("auto-submitted").strip().lower() not in ("", "no")) or precedence == "bulk"
    )
    for what, phrases in (("survey", _SURVEY), ("newsletter opt-out", _UNSUBSCRIBE), ("account mail", _ACCOUNT)):
        in_subject = phrases.search(message.subject)
        in_text = phrases.search(words) if machine else None
        found = in_subject or in_text
        if found is not None:
            reasons.append(f"{what} wording {found!r}" + (" (subject)" if in_subject else ""))
    return reasons
