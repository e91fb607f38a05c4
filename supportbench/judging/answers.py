"""What a sentence of a reply gives: a phone number, a link, an amount, a duration, a date, a statement (pure).

Recognisers of the kinds of answer a probe's question can expect (`expects:` in targets.yaml),
each returning the words that show it, so that every verdict can name them. Phone numbers,
links and amounts look alike in every language; durations and negative statements are read
with the vendor's language's words. Sentences that defer ("I have passed your question to the
sales team", "we will get back to you") are told apart here too: they never answer.
"""

from __future__ import annotations

import re
from functools import cache

from supportbench.languages import LANGUAGES
from supportbench.languages.patterns import courtesy

ANSWER_KINDS = ("phone", "link", "amount", "duration", "date", "statement", "question")
MIN_STATEMENT_WORDS = 4  # "Yes, we do." is short; a yes/no answer on the topic needs a few words more
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15

# A run of digits with the separators phone numbers are written with: "+44 (0)20 7946 0958",
# "8 800 555-35-35", "0800 123 456", "22 123 45 67". Dates, times, ranges and amounts are set
# aside by `phone_number`.
_PHONE_CANDIDATE = re.compile(r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d\s().\-/]{4,22}\d(?![\w/-])")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}([./-]\d{1,4})?$")
_LINK = re.compile(
    r"https?://[^\s<>()]+|www\.[^\s<>()]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>()]*)?(?![@\w])", re.I
)
_TLD_NOT_A_LINK = frozenset({"e", "g", "i", "ie", "eg", "ex", "nr", "np", "tj", "tzn", "itd", "itp", "ok"})
_CURRENCY = r"€|eur|euro|euros|zł|zl|pln|złotych|£|gbp|\$|usd|руб\.?|рублей|рубля|₽|lei|ron|sek|nok|dkk"
# A number starts where a run of digits starts and is taken whole (possessive): a long run of
# digits must not be re-read from each of its digits.
_AMOUNT = re.compile(rf"(?:(?:£|€|\$)\s?\d[\d\s.,]*+)|(?:(?<![\d.,])\d[\d\s.,]*+(?:{_CURRENCY})(?![\w]))", re.I)
# "15.12.2026", "15/12", "7.12.", "2026-12-15"; "9-17" is a range of hours, not a date.
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{1,2}-\d{1,2}-\d{2,4}|\d{4}-\d{2}-\d{2})(?![\d.]\d)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")


def sentences(text: str) -> list[str]:
    """The text in sentences and lines: an answer is often one line, a list item or a sentence."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith(("?", "？"))


def phone_number(sentence: str) -> str | None:
    for found in _PHONE_CANDIDATE.finditer(sentence):
        candidate = found.group(0).strip(" .-/")
        digits = re.sub(r"\D", "", candidate)
        if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS or _DATE_LIKE.match(candidate):
            continue
        after = sentence[found.end() : found.end() + 6].lower()
        if re.match(rf"\s?(?:{_CURRENCY})", after) or re.match(r"\s?(?:-\s?[a-z]{2}\b)", after):
            continue  # an amount, or a reference such as "48213-KQ"
        return candidate
    return None


def link(sentence: str) -> str | None:
    for found in _LINK.finditer(sentence):
        text = found.group(0).rstrip(".,;:!?)")
        tld = text.split("/", 1)[0].rsplit(".", 1)[-1].lower()
        if text.lower().startswith(("http", "www.")) or (tld not in _TLD_NOT_A_LINK and len(tld) >= 2):
            return text
    return None


def amount(sentence: str) -> str | None:
    found = _AMOUNT.search(sentence)
    return found.group(0).strip() if found else None


@cache
def _language_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = LANGUAGES[language]
    # Longest first: "5 zile lucrătoare" is five working days, not five days.
    every = (*words.hour_units, *words.day_units, *words.business_day_units, *words.week_units)
    units = "|".join(sorted(every, key=len, reverse=True))
    duration = re.compile(
        rf"(?<![\w.,])\d{{1,3}}(?:\s?[-–]\s?\d{{1,3}})?\s*(?:-|de\s+)?\s*(?:{units})(?!\w)|(?<!\w)(?:{'|'.join(words.tomorrow)})(?!\w)",
        re.I,
    )
    deferral = re.compile("|".join(f"(?:{fragment})" for fragment in words.deferral))  # searched lower-cased
    negation = re.compile(rf"(?<!\w)(?:{'|'.join(words.negations)})(?!\w)", re.I)
    return duration, deferral, negation


def date(sentence: str, language: str) -> str | None:
    """A date: "15.12.2026", "2026-12-15", "15 December", "December 15", "15 grudnia", "15. joulukuuta"."""
    found = _NUMERIC_DATE.search(sentence) or _language_dates(language).search(sentence)
    return found.group(0).strip() if found else None


@cache
def _language_dates(language: str) -> re.Pattern[str]:
    months = "|".join(LANGUAGES[language].months)
    return re.compile(rf"(?<!\d)\d{{1,2}}\.?\s*(?:{months})\w*|(?<!\w)(?:{months})\w*\.?\s+\d{{1,2}}(?!\d)", re.I)


def duration(sentence: str, language: str) -> str | None:
    found = _language_patterns(language)[0].search(sentence)
    return found.group(0) if found else None


def defers(sentence: str, language: str) -> bool:
    """The sentence puts the answer off: it passes the question on or promises to come back."""
    return _language_patterns(language)[1].search(sentence.lower()) is not None


def negation(sentence: str, language: str) -> str | None:
    found = _language_patterns(language)[2].search(sentence)
    return found.group(0) if found else None


def courtesy_only(sentence: str, language: str) -> bool:
    """A sentence that only greets, thanks or apologises: "Thank you for your order!" answers nothing."""
    patterns = courtesy(language)
    return bool(patterns.greeting_anywhere.search(sentence) or patterns.apology.search(sentence)
                or patterns.thanks.search(sentence))  # fmt: skip


def statement(sentence: str, language: str) -> str | None:
    """A statement, not a question nor only courtesy: on a question's topic, it says yes or no."""
    if is_question(sentence) or len(sentence.split()) < MIN_STATEMENT_WORDS or courtesy_only(sentence, language):
        return None
    return sentence


def recognise(kind: str, sentence: str, language: str) -> str | None:
    """The words of `sentence` that give an answer of `kind`, or None."""
    if kind == "phone":
        return phone_number(sentence)
    if kind == "link":
        return link(sentence)
    if kind == "amount":
        return amount(sentence)
    if kind == "duration":
        return duration(sentence, language)
    if kind == "date":
        return date(sentence, language)
    if kind == "statement":
        return statement(sentence, language)
    if kind == "question":
        return sentence if is_question(sentence) else None
    raise ValueError(f"unknown answer kind {kind!r}: use one of {', '.join(ANSWER_KINDS)}")
