"""Standards: named sets of weighted criteria with a deadline, built in or from targets.yaml.

Pure data. Each built-in standard cites where it comes from (the published studies and the
seed texts, as the methodology page `dashboard/methodology.md` tells); an analyst's own
standard may extend one and change its deadline, cut-off and weights (a weight of 0 drops a
criterion).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

# Every criterion a probe is judged on, with what it means, for reports and the dashboard.
CRITERIA: dict[str, str] = {
    "replied": "a person replied (an auto-reply does not count), before the standard's cut-off",
    "within_deadline": "the first human reply came within the standard's deadline",
    "speed": "JupiterResearch's buckets: full marks within 6 h, two thirds within 24 h, one third within 3 days",
    "acknowledged": "receipt was acknowledged: an automatic acknowledgement, or a human reply within 24 h",
    "answered_all_first": "the first human reply answered every question of the probe",
    "completeness": "share of the probe's questions the first human reply answered",
    "followed_up": "the vendor wrote again after its first reply",
    "greeting": "the reply greets the customer by name",
    "apology": "an apology when the reply was late or the probe reported a problem, and not over and over",
    "signature": "signed with a person's name, a phone number with country code and another address",
    "subject_kept": 'the subject is kept as "Re: original subject"',
    "question_quoted": "the reply quotes the question it answers",
    "same_language": "the reply is in the language of the probe",
    "substance": "a reply with substance, not a two-line brush-off",
    "clarification": "asks what was meant when the probe was deliberately unclear",
    "auto_reply_informative": "an auto-reply says when a person will answer and gives other contacts",
    "promise_kept": "when an acknowledgement promised a time, the human reply came within it",
    "inbox": "the reply reached the inbox, not the spam folder",
}
# The name a reader sees for each criterion (code names stay in exports and targets.yaml).
CRITERION_TITLES: dict[str, str] = {
    "replied": "Replied",
    "within_deadline": "Within the deadline",
    "speed": "Speed",
    "acknowledged": "Receipt acknowledged",
    "answered_all_first": "Every question answered at once",
    "completeness": "Questions answered",
    "followed_up": "Followed up",
    "greeting": "Greeting",
    "apology": "Apology when due",
    "signature": "Full signature",
    "subject_kept": "Subject kept",
    "question_quoted": "Question quoted",
    "same_language": "Same language",
    "substance": "Substance",
    "clarification": "Asked what was meant",
    "auto_reply_informative": "Useful auto-reply",
    "promise_kept": "Promise kept",
    "inbox": "Reached the inbox",
}
ETIQUETTE = (
    "greeting", "apology", "signature", "subject_kept", "question_quoted", "same_language", "substance",
    "clarification", "auto_reply_informative", "promise_kept", "inbox",
)  # fmt: skip
DEFAULT_STANDARD = "seed-etiquette"
DEFAULT_MIN_PROBES = 5
RESPONSE_WINDOW_HOURS = 7 * 24.0  # a probe unanswered this long counts as unanswered; before, it is pending

DeadlineUnit = Literal["hours", "business_hours", "business_days"]


@dataclass(frozen=True)
class Deadline:
    amount: float
    unit: DeadlineUnit

    def describe(self) -> str:
        amount = f"{self.amount:g}"
        return {"hours": f"{amount} h", "business_hours": f"{amount} business hours",
                "business_days": f"{amount} business day{'' if self.amount == 1 else 's'}"}[self.unit]  # fmt: skip


@dataclass(frozen=True)
class Standard:
    name: str  # the slug in targets.yaml, URLs and exports
    description: str
    source: str
    deadline: Deadline | None
    weights: dict[str, float] = field(default_factory=dict)
    cutoff_hours: float | None = None  # replies after this do not count (fralytics: 7 days)
    min_probes: int = DEFAULT_MIN_PROBES
    title: str = ""  # what a reader sees; the name when not given

    @property
    def label(self) -> str:
        return self.title or self.name

    @property
    def response_window_hours(self) -> float:
        return self.cutoff_hours or RESPONSE_WINDOW_HOURS

    def as_dict(self) -> dict[str, Any]:
        """As stored in the catalog, for readers without the config."""
        deadline = {"amount": self.deadline.amount, "unit": self.deadline.unit} if self.deadline else None
        return {**vars(self), "deadline": deadline}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Standard:
        deadline = Deadline(data["deadline"]["amount"], data["deadline"]["unit"]) if data.get("deadline") else None
        return cls(**{**data, "deadline": deadline})


BUILT_IN: dict[str, Standard] = {
    standard.name: standard
    for standard in (
        Standard(
            name="seed-etiquette",
            title="Seed etiquette",
            description=(
                "What the customers in the seed texts expect: a human reply within one business day, an apology "
                "when later or at fault, every question answered, the subject kept, the question quoted, a full "
                "signature, and auto-replies only with a return date and other contacts."
            ),
            source="The seed texts: five blog posts (in Polish, Russian, Finnish and Romanian) on what customers "
            "expect of a support desk's e-mail",
            deadline=Deadline(1, "business_days"),
            # Replying within a day is the seed texts' first rule: it weighs as much as five courtesies.
            weights={
                "replied": 3,
                "within_deadline": 5,
                "completeness": 3,
                "answered_all_first": 2,
                "greeting": 1,
                "apology": 1,
                "signature": 1,
                "subject_kept": 1,
                "question_quoted": 1,
                "same_language": 1,
                "substance": 1,
                "clarification": 1,
                "auto_reply_informative": 1,
                "promise_kept": 1,
                "inbox": 1,
            },
        ),
        Standard(
            name="toister",
            title="Toister: a reply within the hour",
            description="Customers' expectation of a reply by e-mail: one hour; 15 minutes is world-class.",
            source="Jeff Toister, customer service response time surveys, 2015 and 2018",
            deadline=Deadline(1, "hours"),
            weights={"replied": 1, "within_deadline": 3},
        ),
        Standard(
            name="jupiterresearch",
            title="JupiterResearch reply-time buckets",
            description="Reply time in buckets (6 h, 24 h, 3 days) and whether receipt was acknowledged.",
            source="JupiterResearch, e-mail customer service study of 234 US sites, 2005",
            deadline=Deadline(24, "hours"),
            weights={"replied": 1, "speed": 3, "acknowledged": 1},
        ),
        Standard(
            name="superoffice",
            title="SuperOffice benchmark",
            description="Acknowledge receipt, answer every question in the first reply, and follow up.",
            source="SuperOffice Customer Service Benchmark Report, 2017 and 2018",
            deadline=None,
            weights={"replied": 2, "acknowledged": 1, "answered_all_first": 2, "followed_up": 1},
        ),
        Standard(
            name="fralytics",
            title="fralytics mystery enquiry",
            description="Completeness before speed; a reply within 48 h is outstanding, after 7 days none counts.",
            source="fralytics mystery-enquiry scoring",
            deadline=Deadline(48, "hours"),
            cutoff_hours=7 * 24.0,
            weights={"completeness": 3, "replied": 2, "within_deadline": 2, "acknowledged": 1, "signature": 1},
        ),
        Standard(
            name="kundeserviceprisen",
            title="Kundeserviceprisen (Norway)",
            description=(
                "A person's answer within 3 working days; automatic confirmations do not count and no answer "
                "scores 0. The prize writes before 12:00 on a weekday: give the shoppers send_windows to match."
            ),
            source="Kundeserviceprisen, Norway's yearly customer service prize: 25 contacts per company over "
            "about four months",
            deadline=Deadline(3, "business_days"),
            weights={"within_deadline": 1},
        ),
        Standard(
            name="nkom",
            title="Nkom: e-mail within 72 hours",
            description="E-mail answered by a person within 72 hours, as Norway's telecom regulator expects of "
            "providers.",
            source="Nkom (Nasjonal kommunikasjonsmyndighet), Norway's communications regulator",
            deadline=Deadline(72, "hours"),
            weights={"within_deadline": 1},
        ),
    )
}


@dataclass(frozen=True)
class CustomStandard:
    """An analyst's standard as written in targets.yaml, before `extends` is resolved."""

    name: str
    description: str
    source: str
    extends: str | None
    deadline: Deadline | None
    cutoff_hours: float | None
    weights: dict[str, float]
    min_probes: int | None


def resolve(custom: Iterable[CustomStandard]) -> dict[str, Standard]:
    """Built-in standards plus the analyst's, each with what it extends filled in.

    Names, `extends` targets and cycles are checked by the configuration loader.
    """
    pending = {standard.name: standard for standard in custom}
    resolved = dict(BUILT_IN)

    def build(name: str) -> Standard:
        if name in resolved:
            return resolved[name]
        own = pending[name]
        base = build(own.extends) if own.extends else Standard(name, "", "", None)
        weights = {**base.weights, **own.weights}
        resolved[name] = replace(
            base,
            name=own.name,
            title="",
            description=own.description or base.description,
            source=own.source or (f"extends {base.name}" if own.extends else ""),
            deadline=own.deadline or base.deadline,
            cutoff_hours=own.cutoff_hours if own.cutoff_hours is not None else base.cutoff_hours,
            weights={criterion: weight for criterion, weight in weights.items() if weight > 0},
            min_probes=own.min_probes or base.min_probes,
        )
        return resolved[name]

    for name in pending:
        build(name)
    return resolved
