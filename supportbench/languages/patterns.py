"""The languages' words compiled into the patterns that reading a reply relies on (pure).

Help desks mix languages (an English Outlook header in a Polish reply), so quote and
signature markers are matched in every language at once, the languages the benchmark does not
judge included (`clients`); courtesy and promises are judged in the vendor's own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from supportbench.languages import LANGUAGES
from supportbench.languages.clients import OTHER_CLIENTS

# "Re:", "RE[2]:", "Odp:", "Ответ:", "Vs:", "AW:", "Răspuns:": a reply's subject prefix in any client's language.
REPLY_PREFIX = re.compile(r"^\s*(?:re|odp|otv|отв|ответ|vs|sv|aw|wg|răspuns|rasp|r)\s*(?:\[\d+\])?\s*:\s*", re.I)
# "[Brightdesk]", "[#12345]", "[## 12345 ##]", "[Ticket#2026120110000123]": tags help desks put around a subject.
_DESK_TAG = re.compile(r"^\s*\[[^\]]{1,60}\]\s*|\s*\[[^\]]{1,60}\]\s*$|\s*\(#?\d{3,}\)\s*$")


def without_desk_tags(subject: str) -> str:
    """The subject without the tags help desks add at its start or end."""
    previous = None
    while previous != subject:
        previous, subject = subject, _DESK_TAG.sub("", subject, count=1)
    return subject


def is_reply_subject(subject: str) -> bool:
    return REPLY_PREFIX.match(without_desk_tags(subject)) is not None


def _alternation(fragments: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in sorted(fragments, key=len, reverse=True))


def _all(field: str, clients: bool = True) -> list[str]:
    """A field's fragments in every language, and (for the structure of mail) every other client's."""
    sources: list[Any] = [*LANGUAGES.values(), *(OTHER_CLIENTS if clients else ())]
    return [fragment for source in sources for fragment in getattr(source, field)]


@dataclass(frozen=True)
class MarkerPatterns:
    """Patterns for the structure of a reply, in every language at once."""

    # The patterns marked "lower" are searched in lower-cased text: without re.I a large alternation
    # is several times faster, and these are tried on every line of every message.
    attribution_verb: re.Pattern[str]  # lower; the verb that ends a quote attribution ("... wrote:")
    attribution_word: re.Pattern[str]  # lower; the same verb anywhere ("Am ... schrieb Name:")
    original_message: re.Pattern[str]  # "-----Original Message-----" and its translations
    forwarded: re.Pattern[str]  # "---------- Forwarded message ----------"
    header_from: re.Pattern[str]  # "From:" opening a quoted header block
    header_field: re.Pattern[str]  # any field of such a block ("Sent:", "Objet :", "Aan:")
    sign_off: re.Pattern[str]
    device_footer: re.Pattern[str]
    team: re.Pattern[str]  # a line naming a team, not a person: "Customer Service", "Zespół ..."


@cache
def markers() -> MarkerPatterns:
    fields = _alternation(_all("header_from") + _all("header_other"))
    return MarkerPatterns(
        # "On Tue, 3 Nov 2026 at 10:00, Alex <a@b> wrote:", "---- Alex wrote ----", "... 写道：": the verb
        # ends the attribution, before a colon or a dashed frame.
        attribution_verb=re.compile(rf"(?<!\w)(?:{_alternation(_all('wrote'))})\s*(?:[:：]|-{{2,}})?\s*$"),
        attribution_word=re.compile(rf"(?<!\w)(?:{_alternation(_all('wrote'))})(?!\w)"),
        original_message=re.compile(
            rf"^[\s>]*[-_=*]*\s*(?:{_alternation(_all('original_message'))})\s*[-_=*]*\s*$", re.I
        ),
        forwarded=re.compile(rf"^[\s>]*[-_=*]*\s*(?:{_alternation(_all('forwarded'))})\s*[-_=*:]*\s*$", re.I),
        header_from=re.compile(rf"^[\s>]*\*?(?:{_alternation(_all('header_from'))})\s*\*?\s*[:：]", re.I),
        header_field=re.compile(rf"^[\s>]*\*?(?:{fields})\s*\*?\s*[:：]", re.I),
        # A sign-off stands on its own line, perhaps with a comma or an exclamation mark.
        # Two may be joined: "Dziękujemy i pozdrawiamy", "Thanks and regards", "Kiitos ja terveisin".
        sign_off=re.compile(
            rf"^\s*(?:{_alternation(_all('sign_offs'))})(?:\s*(?:,|&|and|i|и|ja|și|si|und)\s*(?:{_alternation(_all('sign_offs'))}))?"
            r"\s*[,.!]?\s*$",
            re.I,
        ),
        device_footer=re.compile(rf"^\s*(?:{_alternation(_all('device_footers'))})(?!\w)", re.I),
        team=re.compile(rf"(?<!\w)(?:{_alternation(_all('team_words', clients=False))})", re.I),
    )


@dataclass(frozen=True)
class CourtesyPatterns:
    """One language's courtesy and time patterns."""

    greeting: re.Pattern[str]  # a greeting opening the line
    greeting_anywhere: re.Pattern[str]  # "Ольга, здравствуйте!": after the name too
    thanks: re.Pattern[str]
    apology: re.Pattern[str]
    promised_time: re.Pattern[str]  # groups: number, business unit, day unit, hour unit
    month: re.Pattern[str]


@cache
def courtesy(language: str) -> CourtesyPatterns:
    words = LANGUAGES[language]
    return CourtesyPatterns(
        greeting=re.compile(rf"^\W*(?:{_alternation(words.greetings)})\b", re.I),
        greeting_anywhere=re.compile(rf"(?<!\w)(?:{_alternation(words.greetings)})(?!\w)", re.I),
        thanks=re.compile(rf"(?<!\w)(?:{_alternation(words.thanks)})", re.I),
        apology=re.compile(rf"(?<!\w)(?:{_alternation(words.apologies)})", re.I),
        promised_time=re.compile(
            rf"(?<![\d.,])(\d{{1,3}})\s*(?:-|de\s+)?\s*"
            rf"(?:({_alternation(words.business_day_units)})|({_alternation(words.day_units)})"
            rf"|({_alternation(words.hour_units)}))(?!\w)",
            re.I,
        ),
        month=re.compile(rf"(?<!\w)(?:{_alternation(words.months)})\w*\.?\s", re.I),
    )
