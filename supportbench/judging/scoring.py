"""One probe judged against one standard: every criterion pass, fail or not applicable, and a score.

Pure: a probe's facts (`analysis.analyse`), a standard, the vendor's calendar in;
a JSON-ready result out. Criteria that need no reply (replied, within_deadline,
acknowledged) are undecided while the probe is still young, so a probe sent an hour
ago is neither a success nor a failure yet. The probe's score is the weighted mean
of its decided criteria's scores, on 0-1.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from supportbench.config.standards import ETIQUETTE, Deadline, Standard
from supportbench.judging import etiquette
from supportbench.judging.analysis import PROBLEM_CATEGORY
from supportbench.timing.businesstime import BusinessCalendar

ACK_WINDOW_HOURS = 24.0  # a human reply this fast also counts as acknowledging receipt
FROM_ACKNOWLEDGEMENT = ("auto_reply_informative", "promise_kept")
FROM_FACTS = ("greeting", "signature", "subject_kept", "question_quoted", "same_language", "substance",
              "clarification", "inbox", *FROM_ACKNOWLEDGEMENT)  # fmt: skip
SPEED_BUCKETS = ((6.0, 1.0), (24.0, 2 / 3), (72.0, 1 / 3))  # JupiterResearch: hours, score


def _criterion(passed: bool | None, evidence: str | None, score: float | None = None) -> dict[str, Any]:
    """A verdict; `evidence` None when it is kept in the facts instead (see `evidence`)."""
    if score is None and passed is not None:
        score = 1.0 if passed else 0.0
    verdict: dict[str, Any] = {"passed": passed, "score": score}
    if evidence is not None:
        verdict["evidence"] = evidence
    return verdict


def judge(facts: dict[str, Any], standard: Standard, calendar: BusinessCalendar) -> dict[str, Any]:
    sent_at = datetime.fromisoformat(facts["sent_at"])
    observed = facts["observed"]
    window = standard.response_window_hours
    human = facts["human"]
    if human is not None and standard.cutoff_hours is not None and human["hours"] > standard.cutoff_hours:
        human = None  # too late to count under this standard
    replied = human is not None
    # A permanent bounce settles it at once: the vendor's address does not work, no reply can come.
    bounced = not replied and bool(facts["bounce"] and facts["bounce"]["permanent"])
    decided = replied or bounced or observed["hours"] >= window
    criteria: dict[str, dict[str, Any]] = {}

    if replied:
        criteria["replied"] = _criterion(True, f"a person replied after {human['hours']:.1f} h")
    elif bounced:
        criteria["replied"] = _criterion(False, "the vendor's address bounced the probe: no reply can come")
    elif decided:
        criteria["replied"] = _criterion(False, f"no human reply in {window:g} h")
    else:
        criteria["replied"] = _criterion(None, f"no human reply yet, {observed['hours']:.1f} h after sending")

    if bounced:
        within = _criterion(False if standard.deadline else None, "the probe bounced")
        criteria["acknowledged"] = _criterion(False, "the probe bounced")
    else:
        within = _within_deadline(standard.deadline, sent_at, human, observed, calendar)
        criteria["acknowledged"] = _acknowledged(facts["ack"], human, observed)
    criteria["within_deadline"] = within
    criteria["speed"] = _speed(human, decided)

    completeness = facts["completeness_first"]
    if not facts["questions_first"] and not replied:
        criteria["completeness"] = _criterion(None, "the probe asks no question" if decided else "no reply yet")
    elif replied and completeness is not None:
        missing = [q["id"] for q in facts["questions_first"] if not q["answered"]]
        said = f"answered {completeness:.0%} of the questions" + (f"; missing: {', '.join(missing)}" if missing else "")
        criteria["completeness"] = _criterion(completeness == 1, said, completeness)
    else:
        criteria["completeness"] = _criterion(
            False if decided else None, "no human reply to answer anything", 0.0 if decided else None
        )
    criteria["answered_all_first"] = _criterion(
        criteria["completeness"]["passed"], criteria["completeness"]["evidence"]
    )
    criteria["followed_up"] = (
        _criterion(facts["human_replies"] > 1, f"{facts['human_replies']} human message(s) in the thread")
        if replied
        else _criterion(None, "no reply to follow up")
    )
    # Verdicts read off the facts keep their evidence there (see `evidence`): stored once, not once per standard.
    checks = facts["checks"]
    for name in FROM_FACTS:
        check = checks.get(name) if replied or name in FROM_ACKNOWLEDGEMENT else None
        criteria[name] = _criterion(check["passed"] if check else None, None)
    criteria["apology"] = _apology(facts, replied, within["passed"])

    weighted = [(weight, criteria[name]["score"]) for name, weight in standard.weights.items()]
    decided_weights = [(weight, score) for weight, score in weighted if score is not None]
    total = sum(weight for weight, _ in decided_weights)
    score = sum(weight * value for weight, value in decided_weights) / total if total else None
    censored_at = min(observed["hours"], standard.cutoff_hours or observed["hours"])
    etiquette_verdicts = [criteria[name]["passed"] for name in ETIQUETTE if name in standard.weights]
    return {
        "score": score,
        # Only the standard's own criteria are kept: a standard is the set of criteria it weighs.
        "criteria": {name: criteria[name] for name in standard.weights},
        "outcome": {
            "decided": decided,
            "replied": replied,
            "hours": human["hours"] if replied else censored_at,
            "business_hours": (
                human["business_hours"] if replied else _business_hours_until(sent_at, censored_at, observed, calendar)
            ),
            "within_deadline": within["passed"],
            "completeness": criteria["completeness"]["score"],
            "etiquette_passed": sum(verdict is True for verdict in etiquette_verdicts),
            "etiquette_judged": sum(verdict is not None for verdict in etiquette_verdicts),
        },
    }


def evidence(facts: dict[str, Any], criteria: dict[str, Any], name: str) -> str:
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
    human: dict[str, Any] | None,
    observed: dict[str, Any],
    calendar: BusinessCalendar,
) -> dict[str, Any]:
    if deadline is None:
        return _criterion(None, "this standard sets no deadline")
    if deadline.unit == "business_days":
        due = calendar.add_business_days(sent_at, int(deadline.amount))
        if human is not None:
            at = datetime.fromisoformat(human["at"])
            return _criterion(at <= due, f"replied {_when(at, calendar)}, due by {_when(due, calendar)}")
        if datetime.fromisoformat(observed["until"]) > due:
            return _criterion(False, f"no reply by {_when(due, calendar)}")
        return _criterion(None, f"no reply yet; due by {_when(due, calendar)}")
    key = "hours" if deadline.unit == "hours" else "business_hours"
    unit = "h" if key == "hours" else "business hours"
    if human is not None:
        return _criterion(
            human[key] <= deadline.amount, f"replied after {human[key]:.1f} {unit}; deadline {deadline.describe()}"
        )
    if observed[key] > deadline.amount:
        return _criterion(False, f"no reply within {deadline.describe()}")
    return _criterion(None, f"no reply yet; deadline {deadline.describe()}")


def _speed(human: dict[str, Any] | None, decided: bool) -> dict[str, Any]:
    if human is None:
        return _criterion(False if decided else None, "no human reply", 0.0 if decided else None)
    for limit, score in SPEED_BUCKETS:
        if human["hours"] <= limit:
            return _criterion(limit <= 24, f"replied after {human['hours']:.1f} h: within {limit:g} h", score)
    return _criterion(False, f"replied after {human['hours']:.1f} h: over 3 days", 0.0)


def _acknowledged(ack: dict[str, Any] | None, human: dict[str, Any] | None, observed: dict[str, Any]) -> dict[str, Any]:
    if ack is not None:
        return _criterion(True, f"automatic acknowledgement after {ack['hours']:.2f} h")
    if human is not None and human["hours"] <= ACK_WINDOW_HOURS:
        return _criterion(True, f"a person replied after {human['hours']:.1f} h")
    if observed["hours"] > ACK_WINDOW_HOURS:
        return _criterion(False, f"nothing acknowledged receipt within {ACK_WINDOW_HOURS:g} h")
    return _criterion(None, "no acknowledgement yet")


def _apology(facts: dict[str, Any], replied: bool, on_time: bool | None) -> dict[str, Any]:
    if not replied:
        return _criterion(None, "no human reply")
    check = etiquette.apology(facts["apologies"], late=on_time is False, problem=facts["category"] == PROBLEM_CATEGORY)
    return _criterion(check.passed, check.evidence)


def _business_hours_until(
    sent_at: datetime, hours: float, observed: dict[str, Any], calendar: BusinessCalendar
) -> float:
    if hours >= observed["hours"]:
        return float(observed["business_hours"])
    return round(calendar.business_hours(sent_at, sent_at + timedelta(hours=hours)), 4)


def _when(moment: datetime, calendar: BusinessCalendar) -> str:
    return moment.astimezone(calendar.zone).strftime("%a %Y-%m-%d %H:%M %Z")
