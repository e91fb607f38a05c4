"""One probe judged against one standard: every criterion pass, fail or not applicable, and a score.

Pure: a probe's facts (`analysis.analyse`), a standard, the vendor's calendar in; a
`Judgement` out. Each criterion is one function of a `Case` (the probe under the standard),
listed in `REGISTRY` under its name in `standards.CRITERIA`. Criteria that need no reply (replied, within_deadline,
acknowledged) are undecided while the probe is still young, so a probe sent an hour
ago is neither a success nor a failure yet. The probe's score is the weighted mean
of its decided criteria's scores, on 0-1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from supportbench.config.standards import CRITERIA, ETIQUETTE, Deadline, Standard
from supportbench.judging import etiquette
from supportbench.judging.analysis import PROBLEM_CATEGORY
from supportbench.judging.records import Judgement, Moment, Observed, ProbeFacts, Verdict
from supportbench.timing.businesstime import BusinessCalendar

ACK_WINDOW_HOURS = 24.0  # a human reply this fast also counts as acknowledging receipt
FROM_ACKNOWLEDGEMENT = ("auto_reply_informative", "promise_kept")
FROM_FACTS = ("greeting", "signature", "subject_kept", "question_quoted", "same_language", "substance",
              "clarification", "inbox", *FROM_ACKNOWLEDGEMENT)  # fmt: skip
SPEED_BUCKETS = ((6.0, 1.0), (24.0, 2 / 3), (72.0, 1 / 3))  # JupiterResearch: hours, score


def _verdict(passed: bool | None, evidence: str | None, score: float | None = None) -> Verdict:
    """A verdict; `evidence` None when it is kept in the facts instead (see `evidence`)."""
    if score is None and passed is not None:
        score = 1.0 if passed else 0.0
    verdict: Verdict = {"passed": passed, "score": score}
    if evidence is not None:
        verdict["evidence"] = evidence
    return verdict


@dataclass(frozen=True)
class Case:
    """One probe under one standard: what every criterion reads."""

    facts: ProbeFacts
    standard: Standard
    calendar: BusinessCalendar

    @cached_property
    def human(self) -> Moment | None:
        """The first human reply, unless it came after the standard's cut-off."""
        human = self.facts["human"]
        cutoff = self.standard.cutoff_hours
        return None if human is not None and cutoff is not None and human["hours"] > cutoff else human

    @property
    def replied(self) -> bool:
        return self.human is not None

    @property
    def bounced(self) -> bool:
        """A permanent bounce settles it at once: the vendor's address does not work, no reply can come."""
        bounce = self.facts["bounce"]
        return not self.replied and bool(bounce and bounce["permanent"])

    @property
    def decided(self) -> bool:
        return self.replied or self.bounced or self.facts["observed"]["hours"] >= self.standard.response_window_hours

    @property
    def sent_at(self) -> datetime:
        return datetime.fromisoformat(self.facts["sent_at"])


def replied(case: Case) -> Verdict:
    if case.human is not None:
        return _verdict(True, f"a person replied after {case.human['hours']:.1f} h")
    if case.bounced:
        return _verdict(False, "the vendor's address bounced the probe: no reply can come")
    if case.decided:
        return _verdict(False, f"no human reply in {case.standard.response_window_hours:g} h")
    return _verdict(None, f"no human reply yet, {case.facts['observed']['hours']:.1f} h after sending")


def within_deadline(case: Case) -> Verdict:
    if case.bounced:
        return _verdict(False if case.standard.deadline else None, "the probe bounced")
    return _within_deadline(case.standard.deadline, case.sent_at, case.human, case.facts["observed"], case.calendar)


def acknowledged(case: Case) -> Verdict:
    if case.bounced:
        return _verdict(False, "the probe bounced")
    ack, human, observed = case.facts["ack"], case.human, case.facts["observed"]
    if ack is not None:
        return _verdict(True, f"automatic acknowledgement after {ack['hours']:.2f} h")
    if human is not None and human["hours"] <= ACK_WINDOW_HOURS:
        return _verdict(True, f"a person replied after {human['hours']:.1f} h")
    if observed["hours"] > ACK_WINDOW_HOURS:
        return _verdict(False, f"nothing acknowledged receipt within {ACK_WINDOW_HOURS:g} h")
    return _verdict(None, "no acknowledgement yet")


def speed(case: Case) -> Verdict:
    human = case.human
    if human is None:
        return _verdict(False if case.decided else None, "no human reply", 0.0 if case.decided else None)
    for limit, score in SPEED_BUCKETS:
        if human["hours"] <= limit:
            return _verdict(limit <= 24, f"replied after {human['hours']:.1f} h: within {limit:g} h", score)
    return _verdict(False, f"replied after {human['hours']:.1f} h: over 3 days", 0.0)


def completeness(case: Case) -> Verdict:
    facts, decided = case.facts, case.decided
    share = facts["completeness_first"]
    if case.replied:
        if share is None:
            return _verdict(None, "the probe asks no question")
        missing = [q["id"] for q in facts["questions_first"] if not q["answered"]]
        said = f"answered {share:.0%} of the questions" + (f"; missing: {', '.join(missing)}" if missing else "")
        if reviewers := sorted({q["reviewed_by"] for q in facts["questions_first"] if "reviewed_by" in q}):
            said += f" (reviewed by {', '.join(reviewers)})"
        return _verdict(share == 1, said, share)
    if facts["questions_first"]:  # a reply came, but after this standard's cut-off: it answers nothing here
        return _verdict(False if decided else None, "no human reply to answer anything", 0.0 if decided else None)
    return _verdict(None, "no human reply to answer anything" if decided else "no reply yet")


def answered_all_first(case: Case) -> Verdict:
    found = completeness(case)
    return _verdict(found["passed"], found.get("evidence"))


def followed_up(case: Case) -> Verdict:
    if not case.replied:
        return _verdict(None, "no reply to follow up")
    replies = case.facts["human_replies"]
    return _verdict(replies > 1, f"{replies} human message(s) in the thread")


def apology(case: Case) -> Verdict:
    if not case.replied:
        return _verdict(None, "no human reply")
    late = within_deadline(case)["passed"] is False
    check = etiquette.apology(case.facts["apologies"], late=late, problem=case.facts["category"] == PROBLEM_CATEGORY)
    return _verdict(check.passed, check.evidence)


def _from_facts(name: str) -> Criterion:
    """A check `analysis` already made: its evidence stays in the facts, stored once, not once per standard."""

    def criterion(case: Case) -> Verdict:
        check = case.facts["checks"].get(name) if case.replied or name in FROM_ACKNOWLEDGEMENT else None
        return _verdict(check["passed"] if check else None, None)

    criterion.__name__ = name
    criterion.__doc__ = CRITERIA[name]
    return criterion


Criterion = Callable[[Case], Verdict]
# Every criterion a standard can weigh, one function each, keyed by its name in `standards.CRITERIA`.
REGISTRY: dict[str, Criterion] = {
    "replied": replied,
    "within_deadline": within_deadline,
    "speed": speed,
    "acknowledged": acknowledged,
    "answered_all_first": answered_all_first,
    "completeness": completeness,
    "followed_up": followed_up,
    "apology": apology,
    **{name: _from_facts(name) for name in FROM_FACTS},
}


def judge(facts: ProbeFacts, standard: Standard, calendar: BusinessCalendar) -> Judgement:
    case = Case(facts, standard, calendar)
    # Only the standard's own criteria are kept: a standard is the set of criteria it weighs.
    criteria = {name: REGISTRY[name](case) for name in standard.weights}
    decided_weights = [
        (weight, score) for name, weight in standard.weights.items() if (score := criteria[name]["score"]) is not None
    ]
    total = sum(weight for weight, _ in decided_weights)
    score = sum(weight * value for weight, value in decided_weights) / total if total else None
    observed = facts["observed"]
    censored_at = min(observed["hours"], standard.cutoff_hours or observed["hours"])
    etiquette_verdicts = [criteria[name]["passed"] for name in ETIQUETTE if name in standard.weights]
    human = case.human
    return {
        "score": score,
        "criteria": criteria,
        "outcome": {
            "decided": case.decided,
            "replied": case.replied,
            "hours": human["hours"] if human is not None else censored_at,
            "business_hours": (
                human["business_hours"]
                if human is not None
                else _business_hours_until(case.sent_at, censored_at, observed, calendar)
            ),
            "within_deadline": within_deadline(case)["passed"],
            "completeness": completeness(case)["score"],
            "etiquette_passed": sum(verdict is True for verdict in etiquette_verdicts),
            "etiquette_judged": sum(verdict is not None for verdict in etiquette_verdicts),
        },
    }


def evidence(facts: ProbeFacts, criteria: dict[str, Verdict], name: str) -> str:
    """What a criterion's verdict rests on, wherever it is kept."""
    if "evidence" in criteria[name]:
        return str(criteria[name]["evidence"])
    check = facts["checks"].get(name)
    if check is not None:
        return str(check["evidence"])
    return "no auto-reply, or it promised no time" if name in FROM_ACKNOWLEDGEMENT else "no human reply"


def _within_deadline(
    deadline: Deadline | None,
    sent_at: datetime,
    human: Moment | None,
    observed: Observed,
    calendar: BusinessCalendar,
) -> Verdict:
    if deadline is None:
        return _verdict(None, "this standard sets no deadline")
    if deadline.unit == "business_days":
        due = calendar.add_business_days(sent_at, int(deadline.amount))
        if human is not None:
            at = datetime.fromisoformat(human["at"])
            return _verdict(at <= due, f"replied {_when(at, calendar)}, due by {_when(due, calendar)}")
        if datetime.fromisoformat(observed["until"]) > due:
            return _verdict(False, f"no reply by {_when(due, calendar)}")
        return _verdict(None, f"no reply yet; due by {_when(due, calendar)}")
    calendar_hours = deadline.unit == "hours"
    unit = "h" if calendar_hours else "business hours"
    if human is not None:
        took = human["hours"] if calendar_hours else human["business_hours"]
        return _verdict(took <= deadline.amount, f"replied after {took:.1f} {unit}; deadline {deadline.describe()}")
    if (observed["hours"] if calendar_hours else observed["business_hours"]) > deadline.amount:
        return _verdict(False, f"no reply within {deadline.describe()}")
    return _verdict(None, f"no reply yet; deadline {deadline.describe()}")


def _business_hours_until(sent_at: datetime, hours: float, observed: Observed, calendar: BusinessCalendar) -> float:
    if hours >= observed["hours"]:
        return float(observed["business_hours"])
    return round(calendar.business_hours(sent_at, sent_at + timedelta(hours=hours)), 4)


def _when(moment: datetime, calendar: BusinessCalendar) -> str:
    return moment.astimezone(calendar.zone).strftime("%a %Y-%m-%d %H:%M %Z")
