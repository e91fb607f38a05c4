"""Every criterion of `scoring.REGISTRY`, each with its own table of cases: facts in, verdict out."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest

from supportbench.config.standards import BUILT_IN, CRITERIA, Deadline
from supportbench.judging import scoring
from supportbench.judging.records import Moment, ProbeFacts
from supportbench.timing.businesstime import BusinessCalendar
from supportbench.timing.hours import build_weekly_hours

ALWAYS_OPEN = BusinessCalendar(build_weekly_hours({"mon-sun": "00:00-24:00"}), ZoneInfo("UTC"))
SENT = "2026-11-02T09:00:00+00:00"  # a Monday
STANDARD = BUILT_IN["seed-etiquette"]


def moment(hours: float) -> Moment:
    from datetime import datetime, timedelta

    at = datetime.fromisoformat(SENT) + timedelta(hours=hours)
    return {"at": at.isoformat(), "hours": hours, "business_hours": hours}


def facts(watched: float = 200.0, **changes: Any) -> ProbeFacts:
    base: ProbeFacts = {
        "outbox_id": 1, "vendor_id": "v", "probe_id": "p", "category": "pre-sales", "language": "en",
        "sent_at": SENT, "observed": {"until": moment(watched)["at"], "hours": watched, "business_hours": watched},
        "ack": None, "human": None, "bounce": None, "human_replies": 0, "messages": [], "questions_first": [],
        "questions_thread": [], "completeness_first": None, "completeness_thread": None, "apologies": [],
        "promise": None, "checks": {},
    }  # fmt: skip
    base.update(changes)  # type: ignore[typeddict-item]
    return base


def case(probe: ProbeFacts, **standard_changes: Any) -> scoring.Case:
    from dataclasses import replace

    return scoring.Case(probe, replace(STANDARD, **standard_changes), ALWAYS_OPEN)


def test_every_criterion_a_standard_can_weigh_has_one_function() -> None:
    assert set(scoring.REGISTRY) == set(CRITERIA)


@pytest.mark.parametrize(
    ("probe", "passed", "says"),
    [
        (facts(human=moment(2), human_replies=1), True, "replied after 2.0 h"),
        (facts(watched=2), None, "no human reply yet"),
        (facts(watched=200), False, "no human reply in"),
        (facts(watched=2, bounce={"at": moment(0.1)["at"], "permanent": True}), False, "bounced"),
        (facts(watched=2, bounce={"at": moment(0.1)["at"], "permanent": False}), None, "no human reply yet"),
    ],
)
def test_replied(probe: ProbeFacts, passed: bool | None, says: str) -> None:
    verdict = scoring.replied(case(probe))
    assert verdict["passed"] is passed and says in verdict.get("evidence", "")


@pytest.mark.parametrize(
    ("probe", "deadline", "passed"),
    [
        (facts(human=moment(5), human_replies=1), Deadline(8, "hours"), True),
        (facts(human=moment(9), human_replies=1), Deadline(8, "hours"), False),
        (facts(watched=4), Deadline(8, "hours"), None),
        (facts(watched=9), Deadline(8, "hours"), False),
        (facts(human=moment(20), human_replies=1), Deadline(1, "business_days"), True),
        (facts(human=moment(50), human_replies=1), Deadline(1, "business_days"), False),
        (facts(human=moment(5), human_replies=1), None, None),
    ],
)
def test_within_deadline(probe: ProbeFacts, deadline: Deadline | None, passed: bool | None) -> None:
    assert scoring.within_deadline(case(probe, deadline=deadline))["passed"] is passed


@pytest.mark.parametrize(
    ("hours", "passed", "score"),
    [(1.0, True, 1.0), (6.0, True, 1.0), (7.0, True, 2 / 3), (30.0, False, 1 / 3), (80.0, False, 0.0)],
)
def test_speed_buckets(hours: float, passed: bool, score: float) -> None:
    verdict = scoring.speed(case(facts(human=moment(hours), human_replies=1)))
    assert verdict["passed"] is passed and verdict["score"] == pytest.approx(score)


def test_speed_without_a_reply() -> None:
    assert scoring.speed(case(facts(watched=200)))["score"] == 0.0
    assert scoring.speed(case(facts(watched=2)))["score"] is None


@pytest.mark.parametrize(
    ("probe", "passed"),
    [
        (facts(ack=moment(0.05)), True),
        (facts(human=moment(3), human_replies=1), True),
        (facts(human=moment(30), human_replies=1), False),
        (facts(watched=10), None),
        (facts(watched=30), False),
    ],
)
def test_acknowledged(probe: ProbeFacts, passed: bool | None) -> None:
    assert scoring.acknowledged(case(probe))["passed"] is passed


QUESTIONS = [{"id": "phone", "answered": True, "evidence": ["020"]}, {"id": "pricing", "answered": False,
                                                                       "evidence": ["no price"]}]  # fmt: skip


@pytest.mark.parametrize(
    ("probe", "passed", "score", "says"),
    [
        (facts(human=moment(2), human_replies=1, questions_first=QUESTIONS, completeness_first=0.5), False, 0.5,
         "missing: pricing"),
        (facts(human=moment(2), human_replies=1, questions_first=QUESTIONS[:1], completeness_first=1.0), True, 1.0,
         "answered 100%"),
        (facts(human=moment(2), human_replies=1), None, None, "the probe asks no question"),
        (facts(watched=200), None, None, "no human reply to answer anything"),
        (facts(watched=2), None, None, "no reply yet"),
    ],
)  # fmt: skip
def test_completeness_and_answered_all_first(
    probe: ProbeFacts, passed: bool | None, score: float | None, says: str
) -> None:
    verdict = scoring.completeness(case(probe))
    assert (verdict["passed"], verdict["score"]) == (passed, score) and says in verdict.get("evidence", "")
    assert scoring.answered_all_first(case(probe))["passed"] is passed


def test_completeness_of_a_reply_after_the_cutoff_is_zero() -> None:
    late = facts(human=moment(200), human_replies=1, questions_first=QUESTIONS, completeness_first=0.5, watched=300)
    assert scoring.completeness(case(late, cutoff_hours=168.0))["score"] == 0.0


@pytest.mark.parametrize(("replies", "passed"), [(1, False), (2, True), (0, None)])
def test_followed_up(replies: int, passed: bool | None) -> None:
    probe = facts(human=moment(2), human_replies=replies) if replies else facts(watched=200)
    assert scoring.followed_up(case(probe))["passed"] is passed


@pytest.mark.parametrize(
    ("probe", "passed"),
    [
        (facts(human=moment(2), human_replies=1), None),  # on time, no problem: nothing to apologise for
        (facts(human=moment(40), human_replies=1), False),  # late, no apology
        (facts(human=moment(40), human_replies=1, apologies=["sorry"]), True),
        (facts(human=moment(2), human_replies=1, category="post-sales-problem", apologies=["sorry"] * 5), False),
        (facts(watched=200), None),
    ],
)
def test_apology(probe: ProbeFacts, passed: bool | None) -> None:
    assert scoring.apology(case(probe))["passed"] is passed


@pytest.mark.parametrize("name", sorted(scoring.FROM_FACTS))
def test_criteria_read_off_the_facts_keep_their_evidence_there(name: str) -> None:
    checks = {name: {"passed": True, "evidence": "found it"}}
    replied = facts(human=moment(2), human_replies=1, checks=checks)
    unanswered = facts(watched=200, checks=checks)
    assert scoring.REGISTRY[name](case(replied)) == {"passed": True, "score": 1.0}
    # Checks of a person's reply do not count without one; an acknowledgement's do.
    expected = True if name in scoring.FROM_ACKNOWLEDGEMENT else None
    assert scoring.REGISTRY[name](case(unanswered))["passed"] is expected
    assert scoring.evidence(replied, {name: {"passed": True, "score": 1.0}}, name) == "found it"
