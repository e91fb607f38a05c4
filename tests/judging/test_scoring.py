"""Probes judged against standards and vendors ranked: censoring, deadlines, ties, provisional, custom standards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from supportbench.config.targets import Config
from supportbench.errors import ConfigError
from supportbench.inbound.replies import process_new_messages
from supportbench.pipeline.evaluation import evaluate
from supportbench.ranking.ranks import VendorRanking
from supportbench.reports.board import load_ranking
from supportbench.store.database import Store
from tests.helpers import config_data, make_config, record_probe, record_reply, reply_to

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
GOOD_REPLY = """Hello Alex,

thank you for your question. You can call us on +44 20 7946 0000 from nine to five.
We are happy to help with anything else.

Kind regards,
Jane Smith
+44 20 7946 0000 | jane@{domain}
"""


def vendors_config(*names: str, **extra: Any) -> Config:
    data = config_data()
    template = data["vendors"][0]
    data["vendors"] = [
        {**template, "id": name, "name": name.title(), "address": f"support@{name}.example",
         "hours": {"mon-sun": "00:00-24:00"}}
        for name in names
    ]  # fmt: skip
    data.update(extra)
    return make_config(data)


def probe_with_reply(
    store: Store, config: Config, vendor: str, sent_at: datetime, reply_after: timedelta | None, seed: int,
    body: str = GOOD_REPLY, folder_role: str = "inbox",
) -> dict[str, Any]:  # fmt: skip
    probe = record_probe(store, config, vendor, "hello", sent_at, seed=seed)
    if reply_after is not None:
        raw = reply_to(probe, f"jane@{vendor}.example", body.format(domain=f"{vendor}.example"))
        record_reply(store, raw, sent_at + reply_after, folder_role)
    return probe


def ranked(store: Store, config: Config, standard: str = "seed-etiquette") -> dict[str, VendorRanking]:
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    return {row.vendor: row for row in load_ranking(store, config.all_standards[standard], None)}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "s.db")


def test_a_vendor_ignoring_most_mail_does_not_look_fast(store: Store) -> None:
    config = vendors_config("quick", "steady")
    start = NOW - timedelta(days=40)
    for n in range(10):
        sent = start + timedelta(days=n)
        probe_with_reply(store, config, "quick", sent, timedelta(minutes=30) if n < 4 else None, seed=n)
        probe_with_reply(store, config, "steady", sent, timedelta(hours=20), seed=100 + n)
    rows = ranked(store, config)
    quick, steady = rows["quick"], rows["steady"]
    assert (quick.response_rate, steady.response_rate) == (0.4, 1.0)
    assert quick.response_rate_ci == (0.17, 0.69)  # Wilson (0.1682, 0.6873), rounded once to whole percents
    assert quick.median_hours is None  # never half answered: no median, not a flattering 0.5 h
    assert steady.median_hours == pytest.approx(20.0)
    assert steady.rank == 1 and quick.rank == 2
    assert not steady.provisional


def test_identical_vendors_tie_and_few_probes_are_provisional(store: Store) -> None:
    config = vendors_config("alpha", "beta", "gamma")
    start = NOW - timedelta(days=30)
    for n in range(6):
        for offset, vendor in enumerate(("alpha", "beta")):
            delay = timedelta(hours=2) if n % 2 else None
            probe_with_reply(store, config, vendor, start + timedelta(days=n), delay, seed=10 * n + offset)
    probe_with_reply(store, config, "gamma", start, timedelta(hours=1), seed=999)
    rows = ranked(store, config)
    assert rows["alpha"].score == rows["beta"].score
    assert rows["alpha"].rank == rows["beta"].rank and rows["alpha"].tied and rows["beta"].tied
    assert rows["gamma"].provisional and not rows["alpha"].provisional


def test_a_young_probe_is_pending_not_failed(store: Store) -> None:
    config = vendors_config("fresh")
    probe_with_reply(store, config, "fresh", NOW - timedelta(hours=2), None, seed=1)
    row = ranked(store, config)["fresh"]
    assert (row.probes, row.pending, row.decided, row.response_rate, row.score) == (1, 1, 0, None, None)


def test_deadline_in_business_time_and_apology_when_late(store: Store) -> None:
    data = config_data()
    data["vendors"][0].update(timezone="Europe/London", hours={"mon-fri": "09:00-17:00"})
    config = make_config(data)
    friday_evening = datetime(2026, 11, 6, 18, 0, tzinfo=UTC)
    probe_with_reply(store, config, "acme", friday_evening, timedelta(days=2, hours=16), seed=1)  # Monday 10:00
    late = datetime(2026, 11, 9, 10, 0, tzinfo=UTC)
    probe_with_reply(store, config, "acme", late, timedelta(days=3), seed=2)  # Thursday: past Tuesday's close
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    first, second = (e["criteria"] for e in store.outcomes("seed-etiquette", with_criteria=True))
    assert first["within_deadline"]["passed"] is True
    assert first["apology"]["passed"] is None
    assert second["within_deadline"]["passed"] is False
    assert second["apology"]["passed"] is False
    assert "missed the deadline" in second["apology"]["evidence"]
    facts = store.probe_facts("acme")[0]
    assert facts["human"]["business_hours"] == pytest.approx(1.0)  # Friday 18:00 -> Monday 10:00
    assert facts["human"]["hours"] == pytest.approx(64.0)


def test_fralytics_does_not_count_a_reply_after_seven_days(store: Store) -> None:
    config = vendors_config("late")
    probe_with_reply(store, config, "late", NOW - timedelta(days=20), timedelta(days=8), seed=1)
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    verdicts = {row["criteria"]["replied"]["passed"] for row in store.outcomes("fralytics", with_criteria=True)}
    assert verdicts == {False}
    assert {row["criteria"]["replied"]["passed"] for row in store.outcomes("seed-etiquette", with_criteria=True)} == {
        True
    }


def test_a_reply_in_junk_fails_inbox_placement(store: Store) -> None:
    config = vendors_config("spammy")
    probe_with_reply(store, config, "spammy", NOW - timedelta(days=3), timedelta(hours=1), seed=1, folder_role="junk")
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    (row,) = store.outcomes("seed-etiquette", with_criteria=True)
    assert row["criteria"]["inbox"]["passed"] is False


def test_custom_standard_extends_a_built_in(store: Store) -> None:
    config = vendors_config(
        "acme2", standards=[{"name": "patient", "extends": "toister", "deadline_hours": 48, "weights": {"speed": 1}}]
    )
    probe_with_reply(store, config, "acme2", NOW - timedelta(days=10), timedelta(hours=30), seed=1)
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    toister = store.outcomes("toister", with_criteria=True)[0]
    patient = store.outcomes("patient", with_criteria=True)[0]
    assert toister["criteria"]["within_deadline"]["passed"] is False
    assert patient["criteria"]["within_deadline"]["passed"] is True
    assert set(config.all_standards["patient"].weights) == {"replied", "within_deadline", "speed"}


@pytest.mark.parametrize(
    ("standard", "message"),
    [
        ({"name": "mine", "weights": {"speeed": 1}}, "did you mean 'speed'"),
        ({"name": "mine", "extends": "nobody"}, "no standard named 'nobody'"),
        ({"name": "toister"}, "is a built-in standard"),
        ({"name": "mine", "deadline_hours": 1, "deadline_business_days": 1}, "give one of"),
        ({"name": "mine", "weights": {"replied": -1}}, "greater than or equal to 0"),
    ],
)
def test_custom_standard_errors_are_located(standard: dict[str, Any], message: str) -> None:
    data = config_data()
    data["standards"] = [standard]
    with pytest.raises(ConfigError) as caught:
        make_config(data)
    assert any(message in problem and "standards[0]" in problem for problem in caught.value.problems), caught.value


def test_standards_extending_each_other_in_a_cycle_are_refused() -> None:
    data = config_data()
    data["standards"] = [{"name": "a", "extends": "b"}, {"name": "b", "extends": "a"}]
    with pytest.raises(ConfigError, match="cycle"):
        make_config(data)


def test_rescoring_is_idempotent(store: Store) -> None:
    config = vendors_config("same")
    probe_with_reply(store, config, "same", NOW - timedelta(days=3), timedelta(hours=3), seed=1)
    first = ranked(store, config)["same"]
    evaluate(store, config, NOW, scope="all")
    again = {r.vendor: r for r in load_ranking(store, config.all_standards["seed-etiquette"], None)}["same"]
    assert again.as_dict() == first.as_dict()
    assert len(store.outcomes("seed-etiquette", with_criteria=True)) == 1


def test_a_permanent_bounce_is_decided_at_once() -> None:
    from supportbench.config.standards import BUILT_IN
    from supportbench.judging.analysis import LinkedMessage, SentProbe, analyse
    from supportbench.judging.scoring import judge
    from supportbench.message.parse import parse_message

    config = vendors_config("gone")
    sent = NOW - timedelta(hours=1)
    probe = SentProbe(1, "gone", "hello", "pre-sales", "en", "A question", "Hello, ref 1?", sent, "Alex Morgan", ())
    bounce = LinkedMessage(
        7, "bounce", "inbox", sent + timedelta(minutes=1), parse_message(b"From: x@y\r\n\r\nno"), True
    )
    calendar = config.vendors[0].calendar
    bounced = judge(analyse(probe, [bounce], calendar, NOW), BUILT_IN["seed-etiquette"], calendar)
    waiting = judge(analyse(probe, [], calendar, NOW), BUILT_IN["seed-etiquette"], calendar)
    assert bounced["outcome"]["decided"] and bounced["criteria"]["replied"]["passed"] is False
    assert bounced["criteria"]["within_deadline"]["passed"] is False and bounced["score"] == 0
    assert not waiting["outcome"]["decided"] and waiting["score"] is None


def test_evaluation_scopes_pick_the_probes_that_can_change(store: Store) -> None:
    config = vendors_config("scoped")
    probe_with_reply(store, config, "scoped", NOW - timedelta(days=40), timedelta(hours=2), seed=1)
    young = record_probe(store, config, "scoped", "hello", NOW - timedelta(days=2), seed=2)
    process_new_messages(store, config, NOW)
    assert store.count_to_evaluate("changeable") == 2
    assert evaluate(store, config, NOW).evaluated == 2  # first time: both
    assert store.count_to_evaluate("changeable") == 1
    assert evaluate(store, config, NOW, scope="changeable").evaluated == 1  # the old one is final
    assert store.count_to_evaluate("new") == 0
    assert evaluate(store, config, NOW, scope="new").evaluated == 0
    later = NOW + timedelta(hours=1)
    record_reply(store, reply_to(young, "jane@scoped.example", GOOD_REPLY.format(domain="scoped.example")), later)
    process_new_messages(store, config, later + timedelta(seconds=1))
    assert evaluate(store, config, later + timedelta(seconds=2), scope="new").evaluated == 1
    assert evaluate(store, config, later, scope="all").evaluated == 2


def test_mail_from_before_the_probe_never_answers_it_and_no_time_is_negative() -> None:
    from supportbench.judging.analysis import LinkedMessage, SentProbe, analyse
    from supportbench.message.parse import parse_message

    config = vendors_config("early")
    sent = NOW - timedelta(hours=3)
    probe = SentProbe(1, "early", "hello", "pre-sales", "en", "A question", "Hello, ref 1?", sent, "Alex Morgan", ())
    reply = parse_message(b"From: desk@early.example\r\nSubject: Re: A question\r\n\r\nHello Alex, yes.\r\n")
    calendar = config.vendors[0].calendar
    older = analyse(probe, [LinkedMessage(7, "human", "inbox", sent - timedelta(days=1), reply)], calendar, NOW)
    assert older["human"] is None and older["messages"] == []
    # A minute "early" is the two clocks disagreeing, not mail from before: it counts, at 0 h.
    skewed = analyse(probe, [LinkedMessage(8, "human", "inbox", sent - timedelta(minutes=1), reply)], calendar, NOW)
    assert skewed["human"] is not None and skewed["human"]["hours"] == 0 and skewed["human"]["business_hours"] >= 0


def test_a_reply_moved_from_junk_to_inbox_is_one_reply_placed_where_it_first_arrived(store: Store) -> None:
    config = vendors_config("moved")
    probe = record_probe(store, config, "moved", "hello", NOW - timedelta(days=3), seed=1)
    raw = reply_to(probe, "jane@moved.example", GOOD_REPLY.format(domain="moved.example"))
    record_reply(store, raw, NOW - timedelta(days=3) + timedelta(hours=1), folder_role="junk")
    record_reply(store, raw, NOW - timedelta(days=2), folder_role="inbox")  # the same message, moved a day later
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    (facts,) = store.probe_facts()
    assert facts["human_replies"] == 1 and len(facts["messages"]) == 1
    assert facts["human"] is not None and facts["human"]["hours"] == pytest.approx(1.0)
    (row,) = store.outcomes("seed-etiquette", with_criteria=True)
    assert row["criteria"]["inbox"]["passed"] is False  # it arrived in Junk
    assert {r["kind"] for r in store.interpreted_messages()} == {"human"}  # both copies read, one counted
