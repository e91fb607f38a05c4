"""The typed shapes of a probe's facts and of its judgement under a standard.

Facts and judgements are stored as JSON and read back by evaluation, `report` and the
dashboard, so they are TypedDicts: the same dicts, with every key and its type known to mypy.
`ProbeFacts` is what `analysis.analyse` finds once per probe; `Judgement` is what
`scoring.judge` decides from it under one standard.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class Elapsed(TypedDict):
    hours: float
    business_hours: float  # in the vendor's calendar: its weekly hours, time zone and holidays


class Moment(Elapsed):
    at: str  # ISO 8601, with its offset


class Observed(Elapsed):
    until: str  # how long the probe has been watched: "now", or its send time if later


class BounceFact(TypedDict):
    at: str
    permanent: bool | None
    reason: NotRequired[str]  # the receiving server's words, with the status code


MessageFact = TypedDict(
    "MessageFact",
    {
        "message_pk": int,
        "kind": str,
        "folder": str,
        "arrived_at": str,
        "from": str,
        "subject": str,
        "text": NotRequired[str],  # the new text, for everything but bounces
        "signature": NotRequired[str],
    },
)


class QuestionFact(TypedDict):
    id: str
    answered: bool
    evidence: list[str]
    sentence: NotRequired[str]  # the answering (or deferring) sentence; absent in facts stored before it existed
    machine: NotRequired[bool]  # what the judge said, when a reviewer decided otherwise or confirmed it
    reviewed_by: NotRequired[str]


class CheckFact(TypedDict):
    passed: bool | None
    evidence: str
    machine: NotRequired[bool | None]  # the judge's verdict and grounds, when a reviewer decided
    machine_evidence: NotRequired[str]
    reviewed_by: NotRequired[str]


class ReviewFact(TypedDict):
    """An analyst's review applied to the facts: what the judge said, what the analyst decided."""

    item: str  # "kind", "link", "question:<id>" or "check:<name>"
    message_pk: int
    by: str
    at: str
    machine: str | int | bool | None
    decided: str | int | bool | None
    note: NotRequired[str]


class PromiseFact(TypedDict):
    hours: float
    business_days: int | None
    evidence: str
    due: str


class LanguageFact(TypedDict):
    code: str
    confidence: float


class ProbeFacts(TypedDict):
    outbox_id: int
    vendor_id: str
    probe_id: str
    category: str
    language: str
    sent_at: str
    observed: Observed
    ack: Moment | None
    human: Moment | None
    bounce: BounceFact | None
    human_replies: int
    messages: list[MessageFact]
    questions_first: list[QuestionFact]
    questions_thread: list[QuestionFact]
    completeness_first: float | None
    completeness_thread: float | None
    apologies: list[str]
    promise: PromiseFact | None
    checks: dict[str, CheckFact]
    reply_language: NotRequired[LanguageFact]
    reviews: NotRequired[list[ReviewFact]]  # the analysts' reviews in force, oldest first


class Verdict(TypedDict):
    passed: bool | None  # None: not applicable, or not decided yet
    score: float | None
    evidence: NotRequired[str]  # absent when it is kept in the facts' checks (stored once, not per standard)


class Outcome(TypedDict):
    decided: bool
    replied: bool
    hours: float  # to the first human reply, or how long it was watched (censored)
    business_hours: float
    within_deadline: bool | None
    completeness: float | None
    etiquette_passed: int
    etiquette_judged: int


class Judgement(TypedDict):
    score: float | None
    criteria: dict[str, Verdict]
    outcome: Outcome
