"""Etiquette criteria of one reply, each pass, fail or not applicable, with its evidence.

Pure. The criteria come from the seed texts (see `../shared/seeds/README.md`): greet
the customer by name, apologise when late or at fault (once, not five times over),
sign with a person's name and full contacts, keep "Re: original subject", quote the
question, answer in the customer's language, give substance rather than a two-line
brush-off, ask back when the question was unclear, and make an auto-reply say when
and where else to turn. Courtesy is read in the vendor's language (`languages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supportbench.languages import LANGUAGES
from supportbench.languages.patterns import REPLY_PREFIX, courtesy, markers

QUESTION_WORDS = 8  # a quoted question is recognised by its last words
MAX_APOLOGIES = 3  # more than this reads as grovelling, which the seed texts also fault
MIN_SUBSTANCE_LINES = 3  # lines after the greeting
MIN_SUBSTANCE_WORDS = 20
_NAME_PREFIX = 3  # "Anno" greets Anna: vocatives and cases change a name's ending, not its start
_PHONE_WITH_COUNTRY = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.()/-]*\d(?:[\s.()/-]*\d){5,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(r"(?:https?://|www\.)\S+", re.I)
_PERSON_NAME = re.compile(r"^\s*(?:[^\W\d_][^\W\d_'’.-]*[.-]?\s+){1,3}[^\W\d_][^\W\d_'’-]+\s*,?\s*$")
_TEAM_WORDS = re.compile("|".join(word for language in LANGUAGES.values() for word in language.team_words), re.I)
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass(frozen=True)
class Check:
    passed: bool | None  # None: the criterion does not apply to this reply
    evidence: str


@dataclass(frozen=True)
class Promise:
    hours: float
    business_days: int | None  # "2 business days" is kept in days: the vendor's calendar decides its end
    evidence: str


def greeting(new_text: str, shopper_name: str, language: str) -> Check:
    opening = next((line.strip() for line in new_text.splitlines() if line.strip()), "")
    if not courtesy(language).greeting.search(opening):
        return Check(False, f"no greeting in the first line: {opening[:80]!r}" if opening else "the reply is empty")
    words = [word.casefold() for word in re.findall(r"[^\W\d_]+", opening)]
    for part in re.findall(r"[^\W\d_]+", shopper_name):
        prefix = part.casefold()[: max(_NAME_PREFIX, len(part) - 1)]
        if any(
            word.startswith(prefix) or (part.casefold().startswith(word) and len(word) >= _NAME_PREFIX)
            for word in words
        ):
            return Check(True, f"greets by name: {opening[:80]!r}")
    return Check(False, f"greets without the customer's name: {opening[:80]!r}")


def apologies(new_text: str, language: str) -> list[str]:
    """Every apology phrase in the text, in order."""
    return [found.group(0) for found in courtesy(language).apology.finditer(new_text)]


def apology(found: list[str], *, late: bool, problem: bool) -> Check:
    """`found`: the reply's apologies; needed when the reply was late or the probe reported a problem."""
    reasons = [why for why, applies in (("the reply missed the deadline", late),
                                        ("the probe reported a problem", problem)) if applies]  # fmt: skip
    needed_because = " and ".join(reasons)
    if not needed_because:
        return Check(None, "no apology needed: on time and no problem reported")
    if not found:
        return Check(False, f"no apology, though {needed_because}")
    if len(found) > MAX_APOLOGIES:
        return Check(False, f"apologises {len(found)} times ({needed_because}): once is enough")
    return Check(True, f"apologises ({needed_because}): {found[0]!r}")


def signature(signature_text: str, new_text: str) -> Check:
    """A person's name, a phone number with its country code and another way to write."""
    block = signature_text or "\n".join(new_text.splitlines()[-6:])
    names = [
        line.strip()
        for line in block.splitlines()
        if _PERSON_NAME.match(line) and not _TEAM_WORDS.search(line) and not markers().sign_off.match(line)
    ]
    phone = _PHONE_WITH_COUNTRY.search(block)
    other = _EMAIL.search(block) or _WEB.search(block)
    missing = [
        what
        for what, found in (
            ("a person's name", names),
            ("a phone number with country code", phone),
            ("another address or website", other),
        )
        if not found
    ]
    shown = "; ".join(
        part
        for part in (names[0] if names else "", phone.group(0) if phone else "", other.group(0) if other else "")
        if part
    )
    if missing:
        return Check(False, "signature lacks " + ", ".join(missing) + (f" (has: {shown})" if shown else ""))
    return Check(True, f"signed: {shown}")


def subject_kept(reply_subject: str, probe_subject: str) -> Check:
    stripped, prefixes = reply_subject, 0
    while match := REPLY_PREFIX.match(stripped):
        stripped, prefixes = stripped[match.end() :], prefixes + 1
    if prefixes and _same_words(stripped, probe_subject):
        return Check(True, f"subject kept: {reply_subject!r}")
    if _same_words(stripped, probe_subject):
        return Check(False, f"original subject without a reply prefix: {reply_subject!r}")
    return Check(False, f"subject rewritten to {reply_subject!r}")


def question_sentences(probe_text: str) -> list[str]:
    """The probe's questions as they would appear quoted: each one's last words, case-folded.

    The last words only, because a salutation or an opening clause ("Hello, do you ...") is
    often quoted apart from the question or re-wrapped.
    """
    flat = " ".join(probe_text.casefold().split())
    questions = [sentence.split() for sentence in re.findall(r"[^.?!]*\?", flat)]
    return [" ".join(words[-QUESTION_WORDS:]) for words in questions if len(words) >= 3]


def question_quoted(quoted: str, questions: list[str]) -> Check:
    if not questions:
        return Check(None, "the probe asks no question")
    flat = " ".join(line.lstrip("> ") for line in quoted.casefold().splitlines())
    flat = " ".join(flat.split())
    for sentence in questions:
        if sentence in flat:
            return Check(True, f"quotes {sentence!r}")
    return Check(False, "none of the probe's questions is quoted")


def same_language(detected: str, confidence: float, expected: str) -> Check:
    if detected == "unknown":
        return Check(None, "too little text to tell the language")
    if detected == expected:
        return Check(True, f"written in {detected} (confidence {confidence:.2f})")
    return Check(False, f"written in {detected} (confidence {confidence:.2f}), the probe was in {expected}")


def substance(new_text: str, language: str) -> Check:
    """More than a brush-off: enough lines or words once the greeting line is set aside."""
    lines = [line for line in new_text.splitlines() if line.strip()]
    if lines and courtesy(language).greeting.search(lines[0]):
        lines = lines[1:]
    words = sum(len(re.findall(r"\w+", line)) for line in lines)
    verdict = len(lines) >= MIN_SUBSTANCE_LINES or words >= MIN_SUBSTANCE_WORDS
    judged = f"{len(lines)} lines, {words} words after the greeting"
    return Check(verdict, judged if verdict else f"a brush-off: {judged}")


def clarification(new_text: str, unclear_probe: bool) -> Check:
    if not unclear_probe:
        return Check(None, "the probe was clear")
    asked = re.findall(r"[^.?!\n]*\?", new_text)
    if asked:
        return Check(True, f"asks back: {asked[0].strip()!r}")
    return Check(False, "answers an unclear question without asking what was meant")


def promised_time(text: str, language: str) -> Promise | None:
    """The first time an acknowledgement promises: "within 24 hours", "w ciągu 2 dni roboczych"."""
    for found in courtesy(language).promised_time.finditer(text):
        number = int(found.group(1))
        if number == 0:
            continue
        if found.group(2):
            return Promise(hours=number * 24.0, business_days=number, evidence=found.group(0))
        if found.group(3):
            return Promise(hours=number * 24.0, business_days=None, evidence=found.group(0))
        return Promise(hours=float(number), business_days=None, evidence=found.group(0))
    return None


def informative_auto_reply(text: str, language: str) -> Check:
    """An auto-reply should say when a person will answer and where else to turn."""
    when = promised_time(text, language) or _NUMERIC_DATE.search(text) or courtesy(language).month.search(text)
    contacts = _PHONE_WITH_COUNTRY.search(text) or _EMAIL.search(text) or _WEB.search(text)
    if when and contacts:
        shown_when = when.evidence if isinstance(when, Promise) else when.group(0).strip()
        return Check(True, f"says when ({shown_when!r}) and where else ({contacts.group(0)!r})")
    missing = [what for what, found in (("when a person will answer", when), ("other contacts", contacts)) if not found]
    return Check(False, "auto-reply without " + " or ".join(missing))


def _same_words(left: str, right: str) -> bool:
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())
