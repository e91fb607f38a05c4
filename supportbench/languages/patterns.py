"""The languages' words compiled into the patterns that reading a reply relies on (pure).

Help desks mix languages (an English Outlook header in a Polish reply), so quote and
signature markers are matched in every language at once, the languages the benchmark does not
judge included (`clients`); courtesy and promises are judged in the vendor's own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from supportbench.languages import LANGUAGES

# "Re:", "RE[2]:", "Odp:", "Ответ:", "Vs:", "AW:", "Răspuns:": a reply's subject prefix in any client's language.
REPLY_PREFIX = re.compile(r"^\s*(?:re|odp|otv|отв|ответ|vs|sv|aw|wg|răspuns|rasp|r)\s*(?:\[\d+\])?\s*:\s*", re.I)


def _alternation(fragments: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in sorted(fragments, key=len, reverse=True))


def _all(field: str) -> list[str]:
    return [fragment for language in LANGUAGES.values() for fragment in getattr(language, field)]


@dataclass(frozen=True)
class MarkerPatterns:
    """Patterns for the structure of a reply, in every language at once."""

    attribution_end: re.Pattern[str]
    original_message: re.Pattern[str]
    header_from: re.Pattern[str]
    header_other: re.Pattern[str]
    sign_off: re.Pattern[str]
    device_footer: re.Pattern[str]


@cache
def markers() -> MarkerPatterns:
    return MarkerPatterns(
        # "On Tue, 3 Nov 2026 at 10:00, Alex <a@b> wrote:" and its translations; the verb ends the line.
        attribution_end=re.compile(rf"(?:{_alternation(_all('wrote'))})\s*:?\s*$", re.I),
        original_message=re.compile(rf"^[\s>]*-{{2,}}\s*(?:{_alternation(_all('original_message'))})\s*-*\s*$", re.I),
        header_from=re.compile(rf"^[\s>*]*(?:{_alternation(_all('header_from'))})\s*:\s*\S", re.I),
        header_other=re.compile(rf"^[\s>*]*(?:{_alternation(_all('header_other'))})\s*:\s*", re.I),
        # A sign-off stands on its own line, perhaps with a comma or an exclamation mark.
        sign_off=re.compile(rf"^\s*(?:{_alternation(_all('sign_offs'))})\s*[,.!]?\s*$", re.I),
        device_footer=re.compile(rf"^\s*(?:{_alternation(_all('device_footers'))})\b", re.I),
    )


@dataclass(frozen=True)
class CourtesyPatterns:
    """One language's courtesy and time patterns."""

    greeting: re.Pattern[str]
    apology: re.Pattern[str]
    promised_time: re.Pattern[str]  # groups: number, business unit, day unit, hour unit
    month: re.Pattern[str]


@cache
def courtesy(language: str) -> CourtesyPatterns:
    words = LANGUAGES[language]
    return CourtesyPatterns(
        greeting=re.compile(rf"^\W*(?:{_alternation(words.greetings)})\b", re.I),
        apology=re.compile(rf"(?<!\w)(?:{_alternation(words.apologies)})", re.I),
        promised_time=re.compile(
            rf"(?<![\d.,])(\d{{1,3}})\s*(?:-|de\s+)?\s*"
            rf"(?:({_alternation(words.business_day_units)})|({_alternation(words.day_units)})"
            rf"|({_alternation(words.hour_units)}))(?!\w)",
            re.I,
        ),
        month=re.compile(rf"(?<!\w)(?:{_alternation(words.months)})\w*\.?\s", re.I),
    )
