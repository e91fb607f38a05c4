"""What the benchmark must know of a language to write probes in it and judge replies in it.

One `Language` per supported language, each in its own module (`en.py`, `pl.py`, ...), so that
adding a language is adding one module, and a test checks that every field of every language is
filled. Every word field is a tuple of regular-expression fragments written in lower case and
matched case-insensitively; `\\b` is added by the patterns where the start of a word matters.
"""

from __future__ import annotations

from dataclasses import dataclass

Fragments = tuple[str, ...]
Names = tuple[str, ...]  # plain names, compared case-insensitively


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str  # in English
    stemmer: str  # the Snowball algorithm for its word stems

    # The structure of a reply, as this language's mail clients and desks write it.
    wrote: Fragments  # the verb ending a quote attribution: "On ... X wrote:"
    original_message: Fragments  # "-----Original Message-----" separators
    forwarded: Fragments  # "---------- Forwarded message ----------": what follows is content, not history
    header_from: Fragments  # the first field of a quoted Outlook header block
    header_other: Fragments  # the fields that follow it
    sign_offs: Fragments  # closing formulas that open the signature
    device_footers: Fragments  # "Sent from my iPhone": a client's footer, not the writer's words
    reply_above: Fragments  # a help desk's "Please type your reply above this line"
    desk_chrome: Fragments  # a help desk's notification lines: "Your request (48213) has been updated"

    # Courtesy and promises, judged in the vendor's language.
    greetings: Fragments
    thanks: Fragments  # thanks as courtesy: a sentence of only this says nothing
    apologies: Fragments
    team_words: Fragments  # a signature line naming a team, not a person: "Customer Service"
    hour_units: Fragments  # for promised times: "within 24 hours"
    day_units: Fragments
    business_day_units: Fragments
    months: Fragments  # month-name stems, for a return date in an out-of-office

    # What automatic mail says, for the classifier.
    bounce_subject: Fragments
    bounce_body: Fragments
    auto_subject: Fragments  # out-of-office and acknowledgement subjects
    automatic_body: Fragments  # a message that says it is automatic: "this is an automated reply", out of office
    ack_body: Fragments  # acknowledgement wording a person might also write: "we have received your request"
    survey: Fragments  # a satisfaction survey: "How did we do?"
    unsubscribe: Fragments  # a newsletter's or promotion's opt-out
    account: Fragments  # account mail: password resets, address confirmations

    # Whether a sentence answers: deferrals never do; a negative statement on the topic does.
    deferral: Fragments  # "I have passed your question to the sales team", "we will get back to you"
    negations: Fragments  # words of a negative statement: "not", "nie", "не", "ei", "nu"
    week_units: Fragments  # with hour_units and day_units, for durations ("within 2 weeks")
    tomorrow: Fragments  # durations without a number: "tomorrow", "jutro"

    # The folders this language's mail services give the shopper, when the server flags none.
    junk_folders: Names  # "Junk Email", "Wiadomości-śmieci", "Нежелательная почта"
    sent_folders: Names  # "Sent Items", "Wysłane", "Отправленные"

    # What the shopper writes.
    follow_up: str  # the polite reminder when nobody answered; {date} and {reference} are filled in
