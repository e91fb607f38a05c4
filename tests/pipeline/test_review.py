"""Analysts' reviews through the real pipeline: stored beside the verdicts, applied by every
evaluation (a rescore included), re-judging exactly the probes they touch, exported as a corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from supportbench.config.targets import Config
from supportbench.inbound.replies import process_new_messages
from supportbench.judging.agreement import reviewed_agreement
from supportbench.judging.records import ProbeFacts
from supportbench.judging.review import Review
from supportbench.judging.reviewqueue import ReviewUnit, queue, sample
from supportbench.pipeline.evaluation import evaluate
from supportbench.pipeline.review import (
    LABELS,
    export_reviews,
    record_reviews,
    review_units,
    reviews_against_the_judge_now,
)
from supportbench.store.database import Store
from tests.helpers import config_data, make_config, record_probe, record_reply, reply_to

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SENT = NOW - timedelta(days=10)
# Answers the phone question by its number alone: no "phone" or "call" in it, so the judge misses it.
MISSED = """Hello Alex,

Our number is +44 20 7946 0000, nine to five.

Kind regards,
Jane Smith
"""
ANSWERED = """Hello Alex,

You can call us on +44 20 7946 0000 from nine to five.

Kind regards,
Jane Smith
"""


def two_vendors(terms: list[list[str]] | None = None) -> Config:
    data = config_data()
    if terms is not None:
        data["probes"][0]["questions"][0]["answered_if"] = {"en": terms}
    template = data["vendors"][0]
    data["vendors"] = [
        {**template, "id": name, "name": name.title(), "address": f"support@{name}.example",
         "hours": {"mon-sun": "00:00-24:00"}}
        for name in ("acme", "zenith")
    ]  # fmt: skip
    data["standards"] = [{"name": "asked", "weights": {"answered_all_first": 1}}]
    return make_config(data)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Store, Config, dict[str, Any]]:
    store, config = Store.open(tmp_path / "s.db"), two_vendors()
    probes = {}
    for seed, (vendor, body) in enumerate((("acme", MISSED), ("zenith", ANSWERED), ("acme", ANSWERED))):
        probe = record_probe(store, config, vendor, "hello", SENT + timedelta(hours=seed), seed=seed)
        record_reply(store, reply_to(probe, f"jane@{vendor}.example", body), SENT + timedelta(hours=seed + 2))
        probes[f"{vendor}-{seed}"] = probe
    process_new_messages(store, config, NOW)
    evaluate(store, config, NOW)
    return store, config, probes


def facts_of(store: Store) -> dict[int, ProbeFacts]:
    return {facts["outbox_id"]: facts for facts in store.probe_facts()}


def scores(store: Store, standard: str = "asked") -> dict[int, float | None]:
    return {row["outbox_id"]: row["score"] for row in store.outcomes(standard)}


def unit_of(store: Store, outbox_id: int) -> ReviewUnit:
    return next(unit for unit in review_units(store) if unit.facts["outbox_id"] == outbox_id)


def test_a_reviewed_answer_changes_that_probe_alone_and_says_who_decided(
    setup: tuple[Store, Config, dict[str, Any]],
) -> None:
    store, config, probes = setup
    missed = probes["acme-0"]["id"]
    before, facts_before = scores(store), facts_of(store)
    assert before[missed] == 0.0  # the judge missed the answer
    unit = unit_of(store, missed)
    reviews = unit.reviews({"question:phone": True}, "ann@agency.example", NOW.isoformat(), "queue", "the number")
    assert {r.item for r in reviews} >= {"kind", "link", "question:phone", "check:greeting"}
    assert [r.item for r in reviews if r.overturned] == ["question:phone"]

    record_reviews(store, config, reviews, NOW)

    after, facts_after = scores(store), facts_of(store)
    assert after[missed] == 1.0
    assert {k: v for k, v in after.items() if k != missed} == {k: v for k, v in before.items() if k != missed}
    assert {k: v for k, v in facts_after.items() if k != missed} == {
        k: v for k, v in facts_before.items() if k != missed
    }
    question = facts_after[missed]["questions_first"][0]
    assert (question["answered"], question["machine"], question["reviewed_by"]) == (True, False, "ann@agency.example")
    (criteria,) = [row["criteria"] for row in store.outcomes("asked", with_criteria=True) if row["outbox_id"] == missed]
    assert "reviewed by ann@agency.example" in criteria["answered_all_first"]["evidence"]
    recorded = facts_after[missed]["reviews"]
    assert [(r["item"], r["machine"], r["decided"]) for r in recorded if r["machine"] != r["decided"]] == [
        ("question:phone", False, True)
    ]


def test_rescore_keeps_every_review_and_the_latest_word_stands(setup: tuple[Store, Config, dict[str, Any]]) -> None:
    store, config, probes = setup
    missed = probes["acme-0"]["id"]
    unit = unit_of(store, missed)
    record_reviews(store, config, unit.reviews({"question:phone": True, "check:greeting": False}, "ann@a.example",
                                               NOW.isoformat(), "queue"), NOW)  # fmt: skip
    evaluate(store, config, NOW + timedelta(days=1), scope="all")  # a rescore, workers and all
    facts = facts_of(store)[missed]
    assert facts["questions_first"][0]["answered"] is True
    assert facts["checks"]["greeting"]["passed"] is False
    assert facts["checks"]["greeting"]["evidence"].startswith(
        "reviewed by ann@a.example: failed; the judge said passed"
    )
    # A second reviewer disagrees: kept beside the first, and the latest stands.
    record_reviews(store, config, unit_of(store, missed).reviews({"question:phone": False}, "bob@a.example",
                                                                 NOW.isoformat(), "queue"), NOW)  # fmt: skip
    assert facts_of(store)[missed]["questions_first"][0]["answered"] is False
    said = {(r.reviewer, r.decided) for r in store.reviews() if r.item == "question:phone"}
    assert said == {("ann@a.example", True), ("bob@a.example", False)}
    # The judge's own word is what each review records as "before", however many came first.
    assert {r.machine for r in store.reviews() if r.item == "question:phone"} == {False}


def test_a_corrected_kind_and_link_move_the_reply_and_rejudge_both_probes(
    setup: tuple[Store, Config, dict[str, Any]],
) -> None:
    store, config, probes = setup
    first, other = probes["acme-0"]["id"], probes["acme-2"]["id"]
    unit = unit_of(store, first)
    record_reviews(store, config, unit.reviews({"link": other}, "ann@a.example", NOW.isoformat(), "queue"), NOW)
    facts = facts_of(store)
    assert facts[first]["human"] is None and facts[first]["messages"] == []
    assert unit.message_pk in [m["message_pk"] for m in facts[other]["messages"]]
    assert [r["item"] for r in facts[other]["reviews"] if r["machine"] != r["decided"]] == ["link"]
    # Marked unrelated: no probe reads it any more, and it stays in the store.
    moved = next(u for u in review_units(store) if u.message_pk == unit.message_pk)
    record_reviews(store, config, moved.reviews({"kind": "unrelated"}, "ann@a.example", NOW.isoformat(), "queue"),
                   NOW)  # fmt: skip
    assert unit.message_pk not in [m["message_pk"] for f in facts_of(store).values() for m in f["messages"]]
    assert store.message_raw(unit.message_pk)


def test_the_queue_puts_weak_evidence_first_and_the_sample_is_reproducible(
    setup: tuple[Store, Config, dict[str, Any]],
) -> None:
    store, config, _ = setup
    units = review_units(store)
    ordered = queue(units, "ann@a.example")
    # The reply answered by a number the judge could not read has no question answered: but one answered
    # on the single term "call" is in doubt.
    assert ordered[0].facts["questions_first"][0]["answered"] is True
    record_reviews(store, config, ordered[0].reviews({}, "ann@a.example", NOW.isoformat(), "queue"), NOW)
    assert ordered[0].message_pk not in [u.message_pk for u in queue(review_units(store), "ann@a.example")]
    assert ordered[0].message_pk in [u.message_pk for u in queue(review_units(store), "bob@a.example")]
    drawn = sample(units, 1, seed=7)
    assert [u.vendor_id for u in drawn] == ["acme", "zenith"]
    assert [u.message_pk for u in sample(list(reversed(units)), 1, seed=7)] == [u.message_pk for u in drawn]


def test_reviews_export_as_a_labelled_corpus(setup: tuple[Store, Config, dict[str, Any]], tmp_path: Path) -> None:
    store, config, probes = setup
    unit = unit_of(store, probes["acme-0"]["id"])
    record_reviews(store, config, unit.reviews({"question:phone": True}, "ann@a.example", NOW.isoformat(), "sample"),
                   NOW)  # fmt: skip
    folder = tmp_path / "corpus"
    assert export_reviews(store, folder) == 1
    (label,) = [json.loads(line) for line in (folder / LABELS).read_text(encoding="utf-8").splitlines()]
    assert label["kind"] == "human" and label["questions"] == {"phone": True} and label["mode"] == "sample"
    assert label["probe"] == "hello" and label["reviewed_by"] == ["ann@a.example"]
    assert (folder / label["file"]).read_bytes() == store.message_raw(unit.message_pk)


def test_reviews_round_trip_through_the_store(tmp_path: Path) -> None:
    store, config = Store.open(tmp_path / "s.db"), two_vendors()
    probe = record_probe(store, config, "acme", "hello", SENT)
    record_reply(store, reply_to(probe, "jane@acme.example", ANSWERED), SENT + timedelta(hours=1))
    process_new_messages(store, config, NOW)
    (unit,) = review_units((evaluate(store, config, NOW), store)[1])
    review = Review("ann@a.example", NOW.isoformat(), unit.message_pk, probe["id"], "link", probe["id"], None, "en",
                    "sample", "a newsletter, not a reply")  # fmt: skip
    store.add_reviews([review])
    assert store.reviews() == [review] and store.reviews([unit.message_pk + 1]) == []


def test_a_sample_stays_the_same_when_its_messages_are_reviewed_away(
    setup: tuple[Store, Config, dict[str, Any]],
) -> None:
    store, config, _ = setup
    drawn = [unit.message_pk for unit in sample(review_units(store), 2, seed=3)]
    first = next(unit for unit in review_units(store) if unit.message_pk == drawn[0])
    record_reviews(store, config, first.reviews({"kind": "unrelated"}, "ann@a.example", NOW.isoformat(), "sample"),
                   NOW)  # fmt: skip
    after = sample(review_units(store), 2, seed=3)
    assert [unit.message_pk for unit in after] == drawn
    gone = next(unit for unit in after if unit.message_pk == drawn[0])
    # Still offered to a second reviewer, who starts from the judge's verdict.
    assert gone.kind == "unrelated" and gone.machine()["kind"] == "human" and gone.link == first.link


def test_agreement_measures_the_judge_in_use_after_a_rescore(
    setup: tuple[Store, Config, dict[str, Any]], tmp_path: Path
) -> None:
    store, config, probes = setup
    unit = unit_of(store, probes["acme-0"]["id"])
    record_reviews(store, config, unit.reviews({"question:phone": True}, "ann@a.example", NOW.isoformat(), "sample"),
                   NOW)  # fmt: skip

    def question_agreement() -> tuple[int, int]:
        (found,) = [row.result for row in reviewed_agreement(reviews_against_the_judge_now(store))
                    if (row.basis, row.criterion, row.language) == ("all", "question", "all")]  # fmt: skip
        return found.right, found.count

    assert question_agreement() == (0, 1)  # the judge missed the number
    # A better judge: the probe's terms now know a number answers it. After a rescore the figure is its.
    evaluate(store, two_vendors(terms=[["phone", "call", "number"]]), NOW, scope="all", workers=1)
    assert question_agreement() == (1, 1)
    assert [r.machine for r in store.reviews() if r.item == "question:phone"] == [False]  # as it was when reviewed
