"""How mail clients and help desks lay out a person's reply: each layout turns the pieces into a message.

Written from how the clients and desks themselves lay out mail: Gmail's attribution and ">"
quote, Outlook's rule and header block, Apple Mail, Thunderbird, a phone's footer, answers
written inline or below the quote, and the notification layouts of Zendesk (reply-above
marker, comment headers, the earlier comment), Freshdesk, Help Scout, Zoho Desk, Jira Service
Management and OTRS. Each returns the subject, the text and the HTML (or None) of the message,
and the labels the layout decides: the new text, whether the signature is there, whether the
subject is kept.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from tests.corpus.model import Answer, Greeting, LanguageMaterial, Signature


@dataclass(frozen=True)
class Pieces:
    material: LanguageMaterial
    greeting: Greeting
    answer: Answer
    signature: Signature
    subject: str  # the probe's subject as sent
    probe_text: str  # the probe's body as sent
    questions: tuple[str, ...]  # the probe's question sentences
    time: str  # the probe's send time, "10:02"
    ticket: str


@dataclass(frozen=True)
class Laid:
    subject: str
    text: str
    html: str | None
    new_text: str
    signature_kept: bool
    subject_kept: bool


def _opening(p: Pieces) -> str:
    return f"{p.greeting.text}\n\n{p.answer.text}" if p.greeting.text else p.answer.text


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip("\n").split("\n"))


def _agent(p: Pieces) -> str:
    lines = [line for line in p.signature.text.split("\n")[1:] if line.strip() and line.strip() != "--"]
    return lines[0] if lines else "Support"


def _attribution(p: Pieces, template: str) -> str:
    return template.format(time=p.time, name=p.material.shopper, address=p.material.shopper_address)


def gmail(p: Pieces) -> Laid:
    attribution = _attribution(p, p.material.client.gmail)
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{attribution}\n\n{_quoted(p.probe_text)}\n"
    return Laid(f"{p.material.client.reply_prefix} {p.subject}", text, None, _opening(p), p.signature.full, True)


def gmail_html(p: Pieces) -> Laid:
    laid = gmail(p)
    paragraphs = "".join(
        f"<div>{html.escape(line) or '<br>'}</div>" for line in f"{_opening(p)}\n\n{p.signature.text}".split("\n")
    )
    quote = "<br>".join(html.escape(line) for line in p.probe_text.split("\n"))
    body = (
        f'<div dir="ltr">{paragraphs}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        f"{html.escape(_attribution(p, p.material.client.gmail))}<br></div>"
        f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)">'
        f"{quote}</blockquote></div>"
    )
    return Laid(laid.subject, laid.text, body, laid.new_text, laid.signature_kept, laid.subject_kept)


def _outlook_block(p: Pieces) -> str:
    sender, sent, to, subject = p.material.client.outlook
    return (
        f"{sender}: {p.material.shopper} <{p.material.shopper_address}>\n{sent}: 1.12.2026 {p.time}\n"
        f"{to}: support@{p.material.vendor_domain}\n{subject}: {p.subject}"
    )


def outlook(p: Pieces) -> Laid:
    rule = "_" * 32
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{rule}\n{_outlook_block(p)}\n\n{p.probe_text}"
    return Laid(f"RE: {p.subject}", text, None, _opening(p), p.signature.full, True)


def outlook_html(p: Pieces) -> Laid:
    laid = outlook(p)
    own = "".join(
        f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in f"{_opening(p)}\n\n{p.signature.text}".split("\n")
    )
    sender, sent, to, subject = p.material.client.outlook
    block = (
        f'<div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%"><font face="Calibri">'
        f"<b>{sender}:</b> {html.escape(p.material.shopper)} &lt;{p.material.shopper_address}&gt;<br>"
        f"<b>{sent}:</b> 1.12.2026 {p.time}<br><b>{to}:</b> support@{p.material.vendor_domain}<br>"
        f"<b>{subject}:</b> {html.escape(p.subject)}</font><div>&nbsp;</div></div>"
    )
    quote = "".join(f"<div>{html.escape(line)}</div>" for line in p.probe_text.split("\n"))
    body = f'<html><body><div class="WordSection1">{own}</div>{block}<div>{quote}</div></body></html>'
    return Laid(laid.subject, laid.text, body, laid.new_text, laid.signature_kept, laid.subject_kept)


def outlook_classic(p: Pieces) -> Laid:
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n-----Original Message-----\n{_outlook_block(p)}\n\n{p.probe_text}"
    return Laid(f"RE: {p.subject}", text, None, _opening(p), p.signature.full, True)


def apple(p: Pieces) -> Laid:
    attribution = _attribution(p, p.material.client.apple)
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n> {attribution}\n>\n{_quoted(p.probe_text)}\n"
    return Laid(f"Re: {p.subject}", text, None, _opening(p), p.signature.full, True)


def thunderbird(p: Pieces) -> Laid:
    attribution = _attribution(p, p.material.client.thunderbird)
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{attribution}\n{_quoted(p.probe_text)}\n"
    return Laid(f"{p.material.client.reply_prefix} {p.subject}", text, None, _opening(p), p.signature.full, True)


def mobile(p: Pieces) -> Laid:
    footer = p.material.client.mobile_footer
    text = f"{_opening(p)}\n\n{footer}\n\n{_attribution(p, p.material.client.gmail)}\n\n{_quoted(p.probe_text)}\n"
    return Laid(f"{p.material.client.reply_prefix} {p.subject}", text, None, _opening(p), False, True)


def inline(p: Pieces) -> Laid:
    assert p.answer.inline is not None
    parts = [p.greeting.text] if p.greeting.text else []
    parts.append(_attribution(p, p.material.client.gmail))
    own = [p.greeting.text] if p.greeting.text else []
    for question, answer in zip(p.questions, p.answer.inline, strict=False):
        parts.append(f"> {question}\n{answer}" if answer else f"> {question}")
        if answer:
            own.append(answer)
    text = "\n\n".join(parts) + f"\n\n{p.signature.text}\n"
    return Laid(f"{p.material.client.reply_prefix} {p.subject}", text, None, "\n\n".join(own), p.signature.full, True)


def bottom(p: Pieces) -> Laid:
    attribution = _attribution(p, p.material.client.thunderbird)
    text = f"{attribution}\n{_quoted(p.probe_text)}\n\n{_opening(p)}\n\n{p.signature.text}\n"
    return Laid(f"{p.material.client.reply_prefix} {p.subject}", text, None, _opening(p), p.signature.full, True)


def zendesk(p: Pieces) -> Laid:
    rule = "-" * 46
    text = (
        f"{p.material.desk_marker}\n\n{p.material.desk_updated.format(ticket=p.ticket)}\n\n{rule}\n\n"
        f"{_agent(p)} ({p.material.vendor})\n\n1 Dec 2026, 11:15 CET\n\n{_opening(p)}\n\n{p.signature.text}\n\n"
        f"{rule}\n\n{p.material.shopper}\n\n1 Dec 2026, {p.time} CET\n\n{p.probe_text}\n\n{rule}\n\n"
        f"This email is a service from {p.material.vendor}. Delivered by Zendesk\n\n[7XYE0P-1DQ2]\n"
    )
    return Laid(f"[{p.material.vendor}] Re: {p.subject}", text, None, _opening(p), p.signature.full, True)


def freshdesk(p: Pieces) -> Laid:
    attribution = f"On Tue, 1 Dec at {p.time} AM , {p.material.shopper} <{p.material.shopper_address}> wrote:"
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{attribution}\n\n{p.probe_text}\n"
    return Laid(f"Re: {p.subject} [#{p.ticket}]", text, None, _opening(p), p.signature.full, True)


def helpscout(p: Pieces) -> Laid:
    attribution = f"On Tue, Dec 1, 2026 at {p.time} AM, {p.material.shopper} <{p.material.shopper_address}> wrote:"
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n\n{attribution}\n\n{_quoted(p.probe_text)}\n"
    return Laid(f"Re: {p.subject}", text, None, _opening(p), p.signature.full, True)


def zoho(p: Pieces) -> Laid:
    separator = (
        f"---- On Tue, 01 Dec 2026 {p.time}:50 +0100 {p.material.shopper} <{p.material.shopper_address}> wrote ----"
    )
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{separator}\n\n{p.probe_text}\n"
    return Laid(f"Re:[## {p.ticket} ##] {p.subject}", text, None, _opening(p), p.signature.full, True)


def jira(p: Pieces) -> Laid:
    text = (
        f"—-—-—-—\n\nReply above this line.\n\n{_agent(p)} commented:\n\n{_opening(p)}\n\n"
        f"View request · Turn off this request's notifications\n\nThis is shared with {p.material.shopper}.\n\n"
        "Help Center, powered by Jira Service Management, sent you this message.\n"
    )
    return Laid(f"SUP-{p.ticket[-3:]} {p.subject}", text, None, _opening(p), False, False)


def otrs(p: Pieces) -> Laid:
    attribution = f"01.12.2026 {p.time} - {p.material.shopper} wrote:"
    text = f"{_opening(p)}\n\n{p.signature.text}\n\n{attribution}\n{_quoted(p.probe_text)}\n"
    return Laid(f"[Ticket#2026120110{p.ticket}] RE: {p.subject}", text, None, _opening(p), p.signature.full, True)


def rewritten(p: Pieces) -> Laid:
    """A desk that writes a fresh message with its own subject and no quote."""
    text = f"{_opening(p)}\n\n{p.signature.text}\n"
    return Laid(f"{p.material.vendor}: {p.ticket}", text, None, _opening(p), p.signature.full, False)


Layout = Callable[[Pieces], Laid]
LAYOUTS: dict[str, Layout] = {
    "gmail": gmail,
    "gmail-html": gmail_html,
    "outlook": outlook,
    "outlook-html": outlook_html,
    "outlook-classic": outlook_classic,
    "apple": apple,
    "thunderbird": thunderbird,
    "mobile": mobile,
    "bottom": bottom,
    "zendesk": zendesk,
    "freshdesk": freshdesk,
    "helpscout": helpscout,
    "zoho": zoho,
    "jira": jira,
    "otrs": otrs,
    "rewritten": rewritten,
}
