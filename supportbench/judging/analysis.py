"""What happened to one probe: the facts every standard is judged on, with their evidence.

Pure: a probe, the messages linked to it (already parsed and classified), the
vendor's business calendar and `now` in; `ProbeFacts` out. Nothing here depends
on a standard, so facts are computed once and judged by every standard.
Times are measured from our send time to the server's INTERNALDATE of each reply,
in calendar hours and in the vendor's business hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from supportbench.judging import etiquette
from supportbench.judging.completeness import QuestionResult, QuestionTerms, answered_questions, share_answered
from supportbench.judging.records import (
    BounceFact,
    CheckFact,
    MessageFact,
    Moment,
    ProbeFacts,
    PromiseFact,
    QuestionFact,
)
from supportbench.message.language import detect_language
from supportbench.message.match import CLOCK_SKEW, quotable_lines
from supportbench.message.parse import ParsedMessage
from supportbench.message.replytext import extract_reply
from supportbench.timing.businesstime import BusinessCalendar

UNCLEAR_CATEGORY = "unclear-question"
PROBLEM_CATEGORY = "post-sales-problem"


@dataclass(frozen=True)
class SentProbe:
    outbox_id: int
    vendor_id: str
    probe_id: str
    category: str
    language: str
    subject: str
    text: str  # the body we sent, as replies are read
    sent_at: datetime
    shopper_name: str
    questions: tuple[QuestionTerms, ...]


@dataclass(frozen=True)
class LinkedMessage:
    message_pk: int
    kind: str  # bounce, auto_reply, human
    folder_role: str  # inbox or junk
    arrived_at: datetime
    parsed: ParsedMessage
    bounce_permanent: bool | None = None
    bounce_reason: str | None = None  # the status and the receiving server's words


def _bounce_fact(bounce: LinkedMessage) -> BounceFact:
    fact: BounceFact = {"at": bounce.arrived_at.isoformat(), "permanent": bounce.bounce_permanent}
    if bounce.bounce_reason:
        fact["reason"] = bounce.bounce_reason
    return fact


def _check(check: etiquette.Check) -> CheckFact:
    return {"passed": check.passed, "evidence": check.evidence}


def _hours(delta: timedelta) -> float:
    return round(max(delta.total_seconds(), 0.0) / 3600, 4)  # within the skew allowed, never negative


def _questions(results: Sequence[QuestionResult]) -> list[QuestionFact]:
    return [{"id": r.id, "answered": r.answered, "evidence": r.evidence, "sentence": r.sentence} for r in results]


def _once_each(messages: list[LinkedMessage]) -> list[LinkedMessage]:
    """Each message once, as it first arrived: a reply moved from Junk to INBOX (by the vendor's
    provider or ours) is stored from both folders, and is still one reply. Known by its
    Message-ID, else by its bytes."""
    seen: set[str | bytes] = set()
    kept = []
    for message in messages:
        key = message.parsed.message_id or message.parsed.raw
        if key not in seen:
            seen.add(key)
            kept.append(message)
    return kept


def analyse(
    probe: SentProbe, messages: Sequence[LinkedMessage], calendar: BusinessCalendar, now: datetime
) -> ProbeFacts:
    """The probe's facts as a JSON-ready dict (stored as is; see `scoring` for how they are judged)."""
    # A message that arrived before the probe was sent cannot answer it (a link by sender domain
    # can catch older mail): set aside, beyond a few minutes of clock skew between our clock and
    # the mail server's, whose INTERNALDATE is the arrival time.
    messages = _once_each(sorted((m for m in messages if m.arrived_at >= probe.sent_at - CLOCK_SKEW),
                                 key=lambda m: m.arrived_at))  # fmt: skip
    probe_lines = frozenset(quotable_lines(probe.text))
    acks = [m for m in messages if m.kind == "auto_reply"]
    humans = [m for m in messages if m.kind == "human"]
    bounces = [m for m in messages if m.kind == "bounce"]
    observed_until = max(now, probe.sent_at)

    def elapsed(moment: datetime) -> Moment:
        return {
            "at": moment.isoformat(),
            "hours": _hours(moment - probe.sent_at),
            "business_hours": round(calendar.business_hours(probe.sent_at, max(moment, probe.sent_at)), 4),
        }

    until = elapsed(observed_until)
    facts: ProbeFacts = {
        "outbox_id": probe.outbox_id,
        "vendor_id": probe.vendor_id,
        "probe_id": probe.probe_id,
        "category": probe.category,
        "language": probe.language,
        "sent_at": probe.sent_at.isoformat(),
        "observed": {"until": until["at"], "hours": until["hours"], "business_hours": until["business_hours"]},
        "ack": elapsed(acks[0].arrived_at) if acks else None,
        "human": elapsed(humans[0].arrived_at) if humans else None,
        "bounce": (_bounce_fact(bounces[0]) if bounces else None),
        "human_replies": len(humans),
        "messages": [],
        "questions_first": [],
        "questions_thread": [],
        "completeness_first": None,
        "completeness_thread": None,
        "apologies": [],
        "promise": None,
        "checks": {},
    }
    texts = []
    for message in messages:
        entry: MessageFact = {
            "message_pk": message.message_pk,
            "kind": message.kind,
            "folder": message.folder_role,
            "arrived_at": message.arrived_at.isoformat(),
            "from": message.parsed.from_address,
            "subject": message.parsed.subject,
        }
        if message.kind != "bounce":
            reply = extract_reply(message.parsed.text, probe_lines)
            entry["text"], entry["signature"] = reply.new_text, reply.signature
            texts.append((message, reply))
        facts["messages"].append(entry)
    checks: dict[str, CheckFact] = facts["checks"]
    if humans:
        first, reply = next((m, r) for m, r in texts if m is humans[0])
        detected = detect_language(reply.new_text)
        first_results = answered_questions(reply.new_text, probe.questions, probe.language)
        thread_text = "\n".join(r.new_text for m, r in texts if m.kind == "human")
        thread_results = answered_questions(thread_text, probe.questions, probe.language)
        facts["reply_language"] = {"code": detected.code, "confidence": detected.confidence}
        facts["questions_first"] = _questions(first_results)
        facts["questions_thread"] = _questions(thread_results)
        facts["completeness_first"] = share_answered(first_results)
        facts["completeness_thread"] = share_answered(thread_results)
        facts["apologies"] = etiquette.apologies(reply.new_text, probe.language)
        checks.update(
            greeting=_check(etiquette.greeting(reply.new_text, probe.shopper_name, probe.language)),
            signature=_check(etiquette.signature(reply.signature, reply.new_text)),
            subject_kept=_check(etiquette.subject_kept(first.parsed.subject, probe.subject)),
            question_quoted=_check(etiquette.question_quoted(reply.quoted, etiquette.question_sentences(probe.text))),
            same_language=_check(etiquette.same_language(detected.code, detected.confidence, probe.language)),
            substance=_check(etiquette.substance(reply.new_text, probe.language, first_results)),
            clarification=_check(etiquette.clarification(reply.new_text, probe.category == UNCLEAR_CATEGORY)),
            inbox=_check(
                etiquette.Check(first.folder_role != "junk", f"first human reply landed in {first.folder_role}")
            ),
        )
    if acks:
        ack_text = next(r for m, r in texts if m is acks[0]).new_text or acks[0].parsed.text
        checks["auto_reply_informative"] = _check(etiquette.informative_auto_reply(ack_text, probe.language))
        promise = etiquette.promised_time(ack_text, probe.language)
        if promise:
            facts["promise"], checks["promise_kept"] = _promise(
                promise, acks[0].arrived_at, humans[0].arrived_at if humans else None, calendar, now
            )
    return facts


def _promise(
    promise: etiquette.Promise,
    promised_at: datetime,
    replied_at: datetime | None,
    calendar: BusinessCalendar,
    now: datetime,
) -> tuple[PromiseFact, CheckFact]:
    due = (
        calendar.add_business_days(promised_at, promise.business_days)
        if promise.business_days
        else promised_at + timedelta(hours=promise.hours)
    )
    record: PromiseFact = {"hours": promise.hours, "business_days": promise.business_days,
                           "evidence": promise.evidence, "due": due.isoformat()}  # fmt: skip
    if replied_at is not None:
        kept = replied_at <= due
        said = f"promised {promise.evidence!r}; a person replied {_hours(replied_at - promised_at):.1f} h later"
        return record, {"passed": kept, "evidence": said}
    if now > due:
        return record, {
            "passed": False,
            "evidence": f"promised {promise.evidence!r}; no human reply by {due:%Y-%m-%d %H:%M %Z}",
        }
    return record, {"passed": None, "evidence": f"promised {promise.evidence!r}; not yet due"}
