"""What analysts decided when they reviewed a verdict, and how it overrides the judge's (pure).

A review is one decision on one item of one message: its kind, the probe it answers, whether
it answers a question, whether it passes an etiquette check. Reviews are kept beside the
judge's verdicts, never written over them: evaluation reads the message as the judge did, then
applies the standing review of each item (the latest), and the facts keep what the judge said,
who decided otherwise and when. So `rescore` keeps every review, and a later reviewer who
disagrees is recorded, not lost.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from supportbench.judging.records import CheckFact, ProbeFacts, QuestionFact, ReviewFact

KINDS = ("human", "auto_reply", "bounce", "unrelated")
# The etiquette checks a reviewer can see in a message: those read from the first human reply,
# and the one read from the first auto-reply (promise_kept and inbox are matters of clock and folder).
HUMAN_CHECKS = ("greeting", "signature", "subject_kept", "question_quoted", "same_language", "substance",
                "clarification")  # fmt: skip
ACK_CHECKS = ("auto_reply_informative",)
Mode = Literal["queue", "sample"]  # reviewed from the queue of uncertain items, or from a random sample
Value = str | int | bool | None  # a kind, a probe's outbox id (None: answers no probe), passed or answered


@dataclass(frozen=True)
class Review:
    """One reviewer's decision on one item; `machine` is what the judge had decided when it was made."""

    reviewer: str
    at: str  # ISO 8601
    message_pk: int
    outbox_id: int  # the probe the message was linked to when reviewed
    item: str  # "kind", "link", "question:<id>" or "check:<name>"
    machine: Value
    decided: Value
    language: str
    mode: Mode = "queue"
    note: str = ""

    @property
    def criterion(self) -> str:
        """What agreement is counted under: the kind, the link, "question", or the check's name."""
        family, _, name = self.item.partition(":")
        return name if family == "check" else family

    @property
    def overturned(self) -> bool:
        return self.machine != self.decided


def standing(reviews: Iterable[Review]) -> dict[tuple[int, str], Review]:
    """The review in force for each (message, item): the latest one (reviews come oldest first)."""
    return {(review.message_pk, review.item): review for review in reviews}


def reviewed_kind(message_pk: int, kind: str, reviews: Mapping[tuple[int, str], Review]) -> str:
    review = reviews.get((message_pk, "kind"))
    return str(review.decided) if review is not None else kind


def apply_reviews(facts: ProbeFacts, reviews: Mapping[tuple[int, str], Review]) -> ProbeFacts:
    """The facts with every standing review of their messages applied, each recorded in `reviews`.

    Kinds and links were applied before analysis (they decide which messages it reads); here
    they are only recorded. Questions and checks are those of the first human reply (and the
    auto-reply check of the first auto-reply), as the judge reads them.
    """
    pks = [message["message_pk"] for message in facts["messages"]]
    applied = [review for key, review in reviews.items() if key[0] in pks]
    if not applied:
        return facts
    facts = copy.deepcopy(facts)
    first_human, first_ack = first_message(facts, "human"), first_message(facts, "auto_reply")
    for review in applied:
        family, _, name = review.item.partition(":")
        if family == "question" and review.message_pk == first_human:
            _override_question(facts, name, review)
        elif family == "check" and review.message_pk == (first_ack if name in ACK_CHECKS else first_human):
            _override_check(facts["checks"], name, review)
        elif family not in ("kind", "link"):
            continue  # a question or check of a message that is no longer the one judged for it
        facts.setdefault("reviews", []).append(_record(review))
    return facts


def first_message(facts: ProbeFacts, kind: str) -> int | None:
    """The first message of `kind` the facts were read from: the one its questions and checks come from."""
    return next((m["message_pk"] for m in facts["messages"] if m["kind"] == kind), None)


def _override_question(facts: ProbeFacts, question_id: str, review: Review) -> None:
    first = _question(facts["questions_first"], question_id)
    if first is None:
        return
    answered = bool(review.decided)
    first.setdefault("machine", first["answered"])
    first["answered"], first["reviewed_by"] = answered, review.reviewer
    thread = _question(facts["questions_thread"], question_id)
    if thread is not None:
        thread.setdefault("machine", thread["answered"])
        # One human reply: the thread is that reply. More: an answer anywhere in it still counts.
        thread["answered"] = answered if facts["human_replies"] == 1 else thread["machine"] or answered
        thread["reviewed_by"] = review.reviewer
    facts["completeness_first"] = _share(facts["questions_first"])
    facts["completeness_thread"] = _share(facts["questions_thread"])


def _share(questions: list[QuestionFact]) -> float | None:
    return sum(q["answered"] for q in questions) / len(questions) if questions else None


def _override_check(checks: dict[str, CheckFact], name: str, review: Review) -> None:
    check = checks.get(name)
    if check is None:
        return
    machine, grounds = check.get("machine", check["passed"]), check.get("machine_evidence", check["evidence"])
    said = "passed" if review.decided else "failed"
    judged = {True: "passed", False: "failed", None: "undecided"}[machine]
    agreed = f"as the judge said: {grounds}" if machine == review.decided else f"the judge said {judged}: {grounds}"
    checks[name] = {
        "passed": bool(review.decided),
        "evidence": f"reviewed by {review.reviewer}: {said}; {agreed}",
        "machine": machine,
        "machine_evidence": grounds,
        "reviewed_by": review.reviewer,
    }


def _question(questions: list[QuestionFact], question_id: str) -> QuestionFact | None:
    return next((q for q in questions if q["id"] == question_id), None)


def _record(review: Review) -> ReviewFact:
    fact: ReviewFact = {"item": review.item, "message_pk": review.message_pk, "by": review.reviewer,
                        "at": review.at, "machine": review.machine, "decided": review.decided}  # fmt: skip
    if review.note:
        fact["note"] = review.note
    return fact


def describe(fact: ReviewFact) -> str:
    """A review in a sentence, as the evidence shows it."""
    family, _, name = fact["item"].partition(":")
    what = {"kind": "kind", "link": "linked probe", "question": f"question {name} answered", "check": name}[family]
    said = f"reviewed by {fact['by']} on {fact['at'][:10]}: {what} {_value(fact['decided'])}"
    if fact["machine"] != fact["decided"]:
        said += f" (the judge said {_value(fact['machine'])})"
    return said + (f'. Note: "{fact["note"]}"' if fact.get("note") else "")


def _value(value: Value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    return f"#{value}" if isinstance(value, int) else str(value).replace("_", "-")
