"""A reply's structure, as real clients and help desks lay it out: inline and bottom answers,
localised attributions and header blocks, forwarded content, help-desk markers and footers."""

from __future__ import annotations

import pytest

from supportbench.message.replytext import extract_reply
from tests.helpers import DATA
from tests.peercases import judge_case, load_cases

LAYOUTS = [
    (
        "answers written inline between the quoted questions",
        "Hi Anna,\n\nOn Tue, 1 Dec 2026 at 10:02, Anna Nowak <anna@shop.example> wrote:\n"
        "> Do you have a phone number I can call?\nYes: 0800 123 456, weekdays 9-17.\n"
        "> And where are your prices?\nAll prices are on our website under Pricing.\n\nBest regards,\nTom\n",
        "Hi Anna,\n\nYes: 0800 123 456, weekdays 9-17.\nAll prices are on our website under Pricing.",
        "Best regards,\nTom",
    ),
    (
        "an answer below the quote",
        "On 1 Dec 2026, at 10:02, Anna <anna@shop.example> wrote:\n\n> Do you ship to Finland?\n\n"
        "We do, within 5 working days.\n",
        "We do, within 5 working days.",
        "",
    ),
    (
        "a French Outlook header block",
        "Bonjour,\nvoici notre numéro : 01 23 45 67 89\n\nDe : Anna <anna@shop.example>\n"
        "Envoyé : mardi 1 décembre 2026 10:02\nÀ : support@acme.example\nObjet : Question\n\nBonjour, ...\n",
        "Bonjour,\nvoici notre numéro : 01 23 45 67 89",
        "",
    ),
    (
        "a German attribution with the verb before the name",
        "Gerne, die Preise stehen online.\n\nAm 01.12.2026 um 10:02 schrieb Anna Nowak:\n\nHallo, ...\n",
        "Gerne, die Preise stehen online.",
        "",
    ),
    (
        "a Gmail attribution with no verb (Russian locale)",
        "Да, звоните.\n\nвт, 1 дек. 2026 г. в 10:02, Anna <anna@shop.example>:\n\n> Есть ли телефон?\n",
        "Да, звоните.",
        "",
    ),
    (
        "a Zoho separator",
        "Our hotline is 0800 123 456.\n\n---- On Tue, 01 Dec 2026 10:02:50 +0100 anna@shop.example wrote ----\n\nHi\n",
        "Our hotline is 0800 123 456.",
        "",
    ),
    (
        "an attribution glued to the reply's last line",
        "See you soon--- On Tue, Dec 1, 2026 at 10:02 AM, anna@shop.example wrote:\n> Hi\n",
        "See you soon",
        "",
    ),
    (
        "an attribution wrapped inside the address",
        'Thanks Anna\n On Dec 1, 2026 9:59 AM, "Anna Nowak" <\nanna@shop.example> wrote:\n\n> Hi\n',
        "Thanks Anna",
        "",
    ),
    (
        "a forwarded message is content, not history",
        "Please see our logistics team's answer below.\n\n---------- Forwarded message ---------\n"
        "From: Logistics <log@acme.example>\nDate: Tue, 1 Dec 2026 at 09:00\nSubject: Finland\n\nWe ship to Finland.\n",
        "Please see our logistics team's answer below.\n\n---------- Forwarded message ---------\n"
        "From: Logistics <log@acme.example>\nDate: Tue, 1 Dec 2026 at 09:00\nSubject: Finland\n\nWe ship to Finland.",
        "",
    ),
    (
        "a help desk's notification: marker and chrome at the top, the agent's words below",
        "##- Please type your reply above this line -##\n\nYour request (48213) has been updated. To add additional "
        "comments, reply to this email.\n\nHello Anna,\n\nYou can reach us on +44 20 7946 0000.\n\n"
        "Kind regards,\nTom\n",
        "Hello Anna,\n\nYou can reach us on +44 20 7946 0000.",
        "Kind regards,\nTom",
    ),
    (
        "a reply above a help desk's marker",
        "Thanks, that helps.\n\n##- Please type your reply above this line -##\n\nOlder conversation\n",
        "Thanks, that helps.",
        "",
    ),
    (
        "a device footer and a contact block",
        "Prices are on our site.\n\nSent from my iPhone\n",
        "Prices are on our site.",
        "Sent from my iPhone",
    ),
    (
        "prose that starts like a device footer stays",
        "Here it is.\n\nSent from my desk, which is much easier than my mobile phone.\n",
        "Here it is.\n\nSent from my desk, which is much easier than my mobile phone.",
        "",
    ),
    (
        "a closing block of a name and contacts",
        "Our prices are online.\n\nGina Smith\ngina@acme.example\n(555) 346-9947\nwww.acme.example\n",
        "Our prices are online.",
        "Gina Smith\ngina@acme.example\n(555) 346-9947\nwww.acme.example",
    ),
    (
        "a list item is not a signature",
        "Two things:\n- Call us\n- And another one\n\nThis paragraph follows.\n",
        "Two things:\n- Call us\n- And another one\n\nThis paragraph follows.",
        "",
    ),
]


@pytest.mark.parametrize(("text", "new_text", "signature"), [case[1:] for case in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_layouts(text: str, new_text: str, signature: str) -> None:
    reply = extract_reply(text)
    assert (reply.new_text, reply.signature) == (new_text, signature)


def test_the_peers_cases_meet_the_targets() -> None:
    """Six reply parsers' own cases (the half kept here): at least 80% exact new text, token F1 at least 0.95.

    The peers disagree with each other on a few fixtures (whether "-Name" is a signature), so 100%
    is out of reach by construction; the figure per peer is printed by benchmarks/peers.py.
    """
    outcomes = [judge_case(case) for case in load_cases(DATA / "replies-peers")]
    whole = [outcome for outcome in outcomes if outcome.f1 is not None]
    needles = [outcome for outcome in outcomes if outcome.f1 is None]
    assert len(whole) > 100 and len(needles) > 60
    assert sum(outcome.passed for outcome in whole) / len(whole) >= 0.80
    assert sum(outcome.f1 or 0.0 for outcome in whole) / len(whole) >= 0.95
    assert sum(outcome.passed for outcome in needles) / len(needles) >= 0.90
