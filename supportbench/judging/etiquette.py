"""Etiquette criteria of one reply, each pass, fail or not applicable, with its evidence.

Pure. The criteria come from the seed texts, five blog posts on what customers expect of a
support desk (see the methodology page, `dashboard/methodology.md`): greet the customer by
name, apologise when late or at fault (once, not five times over), sign with a person's name
and full contacts, keep "Re: original subject", quote the question, answer in the customer's
language, give substance rather than a brush-off, ask back when the question was unclear,
and make an auto-reply say when and where else to turn. Courtesy is read in the vendor's
language (`languages`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from supportbench.judging import answers
from supportbench.judging.completeness import QuestionResult
from supportbench.languages.patterns import REPLY_PREFIX, courtesy, markers, without_desk_tags

QUESTION_WORDS = 8  # a quoted question is recognised by its last words
MAX_APOLOGIES = 3  # more than this reads as grovelling, which the seed texts also fault
OPENING_LINES = 2  # a greeting is looked for in the first lines: a desk's banner may come first
MIN_STATEMENT_WORDS = 10  # a statement this long says something; "Please see our website." does not
MIN_QUESTION_WORDS = 3
_NAME_PREFIX = 3  # "Anno" greets Anna: vocatives and cases change a name's ending, not its start
_PHONE_WITH_COUNTRY = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.()/-]*\d(?:[\s.()/-]*\d){5,}")
# An address starts where a run of its characters starts, taken whole (possessive): on a long
# run without "@" the plain pattern retried every suffix of it (quadratic: 80,000 characters took 12 s).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(r"(?:https?://|www\.)\S+", re.I)
_PERSON_NAME = re.compile(r"^\s*(?:[^\W\d_][^\W\d_'’.-]*[.-]?\s+){1,3}[^\W\d_][^\W\d_'’-]+\s*,?\s*$")
_TEAM_WORDS = markers().team
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
    """A greeting by name in the opening: "Hi Alex,", "Ольга, здравствуйте!", "Pani Anno,", "Alex, thanks for ...".

    The opening is the first written line, or the second where the first is a banner without a
    greeting. A greeting word anywhere in it counts, and so does the customer's name opening
    it as a form of address (names change their endings in vocatives and cases: "Anno" greets Anna).
    """
    lines = [line.strip() for line in new_text.splitlines() if line.strip()][:OPENING_LINES]
    if not lines:
        return Check(False, "the reply is empty")
    patterns = courtesy(language)
    for opening in lines:
        named = _names_customer(opening, shopper_name)
        greeted = patterns.greeting_anywhere.search(opening)
        # "Alex, thanks for ...", "Pani Anno,": the name among the first words, set off by a comma.
        vocative = named is not None and re.search(rf"^(?:\W*[^\W\d_]+\W+){{0,2}}?{re.escape(named)}\s*[,!]", opening)
        if greeted and named:
            return Check(True, f"greets by name: {opening[:80]!r}")
        if vocative:
            return Check(True, f"addresses the customer by name: {opening[:80]!r}")
        if greeted:
            return Check(False, f"greets without the customer's name: {opening[:80]!r}")
    return Check(False, f"no greeting in the opening: {lines[0][:80]!r}")


def _names_customer(line: str, shopper_name: str) -> str | None:
    """The word of `line` that names the customer, in any case form, or None."""
    words: list[str] = re.findall(r"[^\W\d_]+", line)
    for part in re.findall(r"[^\W\d_]+", shopper_name):
        prefix = part.casefold()[: max(_NAME_PREFIX, len(part) - 1)]
        for word in words:
            folded = word.casefold()
            if folded.startswith(prefix) or (part.casefold().startswith(folded) and len(folded) >= _NAME_PREFIX):
                return word
    return None


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
    # "Daniel Reyes | Northwind Audio", "Tom Baker - Support": the name is the line's first part.
    parts = [re.split(r"\s+[|–—-]\s+|,\s+", line.strip())[0] for line in block.splitlines()]
    names = [
        part
        for part in parts
        if _PERSON_NAME.match(part) and not _TEAM_WORDS.search(part) and not markers().sign_off.match(part)
    ]
    phone = _PHONE_WITH_COUNTRY.search(block)
    other = _EMAIL.search(block) or _WEB.search(block) or _site(block)
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
        part for part in (names[0] if names else "", phone.group(0) if phone else "", _shown(other)) if part
    )
    if missing:
        return Check(False, "signature lacks " + ", ".join(missing) + (f" (has: {shown})" if shown else ""))
    return Check(True, f"signed: {shown}")


def _site(block: str) -> str | None:
    """A website written as a bare domain ("brightdesk.example", "kodinkone.fi/tuki") on a line of its own words."""
    return next((found for line in block.splitlines() if (found := answers.link(line)) and "@" not in found), None)


def _shown(found: re.Match[str] | str | None) -> str:
    return "" if found is None else found if isinstance(found, str) else found.group(0)


def subject_kept(reply_subject: str, probe_subject: str) -> Check:
    """ "Re: original subject", help desks' tags allowed: "[Brand] Re: ...", "Re: ... [#5817]", "[Ticket#1] RE: ..."."""
    stripped, prefixes = without_desk_tags(reply_subject), 0
    while match := REPLY_PREFIX.match(stripped):
        stripped, prefixes = without_desk_tags(stripped[match.end() :]), prefixes + 1
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


def substance(new_text: str, language: str, questions: Sequence[QuestionResult] = ()) -> Check:
    """More than a brush-off: the reply gives the customer something, whatever its length.

    An answered question, a question back, a concrete detail (a phone number, a link, an
    amount, a time) or a statement of some length that neither defers ("we will get back to
    you") nor only thanks, greets or apologises.
    """
    answered = [result.id for result in questions if result.answered]
    if answered:
        return Check(True, f"answers {', '.join(answered)}")
    for sentence in answers.sentences(new_text):
        if answers.defers(sentence, language):
            continue
        if answers.is_question(sentence) and len(sentence.split()) >= MIN_QUESTION_WORDS:
            return Check(True, f"asks back: {sentence[:80]!r}")
        detail = answers.phone_number(sentence) or answers.link(sentence) or answers.amount(sentence)
        detail = detail or answers.duration(sentence, language)
        if detail:
            return Check(True, f"gives {detail!r}")
        if len(sentence.split()) >= MIN_STATEMENT_WORDS and not answers.courtesy_only(sentence, language):
            return Check(True, f"says {sentence[:80]!r}")
    return Check(False, "a brush-off: no answer, no question back, no concrete detail")


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


def squeezed(subject: str) -> str:
    """A subject as compared: case-folded, without spaces. Encoders that fold a long subject into
    several encoded words lose the space between them ("Проблема сзаказом"); it is still ours."""
    return "".join(subject.casefold().split())


def _same_words(left: str, right: str) -> bool:
    return squeezed(left) == squeezed(right)
