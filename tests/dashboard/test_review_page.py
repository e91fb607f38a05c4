"""The review page (Streamlit AppTest) on a copy of the demo's store: ten messages reviewed change
exactly the verdicts they touch, the methodology page then shows the agreement, a rescore keeps
every review, a second reviewer's disagreement is kept, and only analysts get in."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from supportbench.config.targets import load_config
from supportbench.dashboard.data import WORD_JOINER
from supportbench.pipeline.evaluation import evaluate
from supportbench.store import database
from supportbench.store.database import Store

REVIEW_APP = str(Path(__file__).resolve().parents[2] / "supportbench" / "dashboard" / "review.py")
DASHBOARD_APP = str(Path(__file__).resolve().parents[2] / "supportbench" / "dashboard" / "app.py")


def with_access(config: Path, **access: Any) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["dashboard"] = access
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


def review_app(config: Path, monkeypatch: pytest.MonkeyPatch, reviewer: str | None = "ann@example.com") -> AppTest:
    monkeypatch.setenv("SUPPORTBENCH_CONFIG", str(config))
    monkeypatch.delenv("SUPPORTBENCH_DB", raising=False)
    if reviewer:
        monkeypatch.setenv("SUPPORTBENCH_REVIEWER", reviewer)
    else:
        monkeypatch.delenv("SUPPORTBENCH_REVIEWER", raising=False)
    app = AppTest.from_file(REVIEW_APP, default_timeout=60)
    return app


def shown_message(app: AppTest) -> int:
    (kind,) = [group for group in app.button_group if str(group.key).startswith("kind-")]
    return int(str(kind.key).removeprefix("kind-"))


def save(app: AppTest, changes: dict[str, Any]) -> None:
    pk = shown_message(app)
    for item, value in changes.items():
        app.button_group(key=f"{item}-{pk}").set_value(value)
    next(button for button in app.button if button.label == "Save and next").click().run()
    assert not app.exception, app.exception


def evaluations(db: Path) -> dict[tuple[int, str], tuple[Any, ...]]:
    with Store.open_readonly(db) as store:
        rows = store.db.execute("SELECT outbox_id, standard, score, criteria FROM evaluations").fetchall()
    return {(row[0], row[1]): (row[2], row[3]) for row in rows}


def verdicts(criteria: str) -> dict[str, tuple[bool | None, float | None]]:
    return {name: (verdict["passed"], verdict["score"]) for name, verdict in json.loads(criteria).items()}


def test_ten_reviews_change_exactly_what_they_touch_and_a_rescore_keeps_them(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = demo_copy.with_suffix("").with_suffix(".db")
    before = evaluations(db)
    app = review_app(demo_copy, monkeypatch)
    app.run()
    assert not app.exception, app.exception
    flipped: dict[int, tuple[str, bool]] = {}
    reviewed = []
    for _ in range(10):
        pk = shown_message(app)
        questions = [group for group in app.button_group if str(group.key).startswith("question:")]
        changes = {}
        if questions and len(flipped) < 4:  # overturn the judge on the first question of four replies
            item = str(questions[0].key).rsplit("-", 1)[0]
            changes[item] = not questions[0].value
            flipped[pk] = (item, not questions[0].value)
        save(app, changes)
        assert shown_message(app) != pk  # the next one is shown
        reviewed.append(pk)
    assert len(set(reviewed)) == 10 and len(flipped) == 4

    with Store.open_readonly(db) as store:
        reviews = store.reviews()
        facts = {f["outbox_id"]: f for f in store.probe_facts()}
    assert {r.message_pk for r in reviews} == set(reviewed)
    assert {(r.message_pk, r.item) for r in reviews if r.overturned} == {
        (pk, item) for pk, (item, _) in flipped.items()
    }
    touched = {r.outbox_id for r in reviews}
    after = evaluations(db)
    assert {k: v for k, v in after.items() if k[0] not in touched} == {
        k: v for k, v in before.items() if k[0] not in touched
    }
    overturned = {r.outbox_id for r in reviews if r.overturned}
    for key, (score, criteria) in after.items():
        if key[0] in touched and key[0] not in overturned:  # confirmed: the same verdicts, now saying who confirmed
            assert (score, verdicts(criteria)) == (before[key][0], verdicts(before[key][1])), key
    for pk, (item, value) in flipped.items():
        outbox = next(r.outbox_id for r in reviews if r.message_pk == pk)
        question = next(q for q in facts[outbox]["questions_first"] if f"question:{q['id']}" == item)
        assert (question["answered"], question["machine"], question["reviewed_by"]) == (value, not value,
                                                                                       "ann@example.com")  # fmt: skip
        changed = {k: json.loads(v[1])["completeness"] for k, v in after.items()
                   if k[0] == outbox and "completeness" in json.loads(v[1])}  # fmt: skip
        for key, verdict in changed.items():
            was = json.loads(before[key][1])["completeness"]
            assert verdict["score"] != was["score"] and "reviewed by ann@example.com" in verdict["evidence"]

    # The methodology page: the agreement with its counts and kappa.
    monkeypatch.setenv("SUPPORTBENCH_DB", str(db))
    page = AppTest.from_file(DASHBOARD_APP, default_timeout=60)
    page.query_params["page"] = "methodology"
    page.run()
    assert not page.exception, page.exception
    (table,) = [frame.value for frame in page.dataframe]
    question_all = table[(table["criterion"] == "question") & (table["language"] == "all")
                         & (table["reviews"] == "all reviewed")]  # fmt: skip
    asked = sum(1 for r in reviews if r.item.startswith("question:"))
    assert question_all["judge right"].tolist() == [f"{asked - 4} of {asked}"]
    assert question_all["kappa"].tolist()[0] != ""

    # The vendor page says who decided, beside the judge's evidence.
    outbox = next(r.outbox_id for r in reviews if r.message_pk in flipped)
    vendor = AppTest.from_file(DASHBOARD_APP, default_timeout=60)
    vendor.query_params["page"], vendor.query_params["vendor"] = "vendor", facts[outbox]["vendor_id"]
    vendor.run()
    assert not vendor.exception, vendor.exception
    said = " ".join(str(markdown.value) for markdown in vendor.markdown).replace("\\", "").replace(WORD_JOINER, "")
    assert "Reviewed by analysts" in said and "reviewed by ann@example.com" in said
    assert "(the judge said yes)" in said or "(the judge said no)" in said

    # A rescore keeps every review.
    config = load_config(demo_copy)
    with Store.open(db) as store:
        evaluate(store, config, datetime.now(UTC), scope="all", workers=1)
    rescored = evaluations(db)
    assert {k: v[0] for k, v in rescored.items() if k[0] in touched} == {
        k: v[0] for k, v in after.items() if k[0] in touched
    }


def test_a_second_reviewer_who_disagrees_is_kept(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decisions = {}
    for reviewer in ("ann@example.com", "bob@example.com"):
        app = review_app(demo_copy, monkeypatch, reviewer)
        app.session_state["mode"] = "sample"  # the same seed draws the same sample for both
        app.run()
        pk = shown_message(app)
        kind = app.button_group(key=f"kind-{pk}")
        decided = "unrelated" if reviewer.startswith("ann") else kind.value
        save(app, {"kind": decided})
        decisions[reviewer] = (pk, decided)
    assert decisions["ann@example.com"][0] == decisions["bob@example.com"][0]
    texts = [str(markdown.value) for markdown in app.markdown]
    assert any("Where analysts disagree" in text for text in texts)
    (split,) = [frame.value for frame in app.dataframe if "bob@example.com" in frame.value.columns]
    assert split.iloc[0]["ann@example.com"] == "unrelated" and split.iloc[0]["bob@example.com"] != "unrelated"
    with Store.open_readonly(demo_copy.with_suffix("").with_suffix(".db")) as store:
        assert {r.mode for r in store.reviews()} == {"sample"}


def test_only_analysts_may_review(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_access(demo_copy, analysts=["ann@example.com"])
    refused = review_app(demo_copy, monkeypatch, "bob@example.com")
    refused.run()
    assert "not on the analysts' list" in refused.error[0].value and not refused.button_group
    nobody = review_app(demo_copy, monkeypatch, None)
    nobody.run()
    assert "No reviewer" in nobody.error[0].value and not nobody.button_group

    with_access(demo_copy, login=True, allow=["@example.com"], analysts=["ann@example.com"])
    signed_out = review_app(demo_copy, monkeypatch, None)
    signed_out.user = {"is_logged_in": False}
    signed_out.run()
    # No provider in .streamlit/secrets.toml here: the button says so by being off, as the dashboard's does.
    assert [(b.label, b.disabled) for b in signed_out.button] == [("Sign in", True)] and not signed_out.button_group
    assert "[auth]" in signed_out.error[0].value
    reader = review_app(demo_copy, monkeypatch, None)
    reader.user = {"is_logged_in": True, "email": "bob@example.com", "email_verified": True}
    reader.run()
    assert "not on the analysts' list" in reader.error[0].value and not reader.button_group
    unverified = review_app(demo_copy, monkeypatch, None)
    unverified.user = {"is_logged_in": True, "email": "ann@example.com", "email_verified": False}
    unverified.run()
    assert unverified.error and not unverified.button_group
    analyst = review_app(demo_copy, monkeypatch, "bob@example.com")  # sign-in on: the flag names nobody
    analyst.user = {"is_logged_in": True, "email": "ann@example.com", "email_verified": True}
    analyst.run()
    assert not analyst.error and shown_message(analyst)


def test_a_locked_store_loses_no_decision(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)  # `run` holding the write lock, in less time
    db = demo_copy.with_suffix("").with_suffix(".db")
    app = review_app(demo_copy, monkeypatch)
    app.run()
    pk = shown_message(app)
    lock = sqlite3.connect(db)
    try:
        lock.execute("BEGIN IMMEDIATE")
        save(app, {"kind": "unrelated"})
        assert "Not saved: the store is busy" in app.error[0].value and shown_message(app) == pk
    finally:
        lock.rollback()
        lock.close()
    with Store.open_readonly(db) as store:
        assert store.reviews() == []
    save(app, {})  # the reviewer saves again, the choice still in the form
    with Store.open_readonly(db) as store:
        assert {(r.message_pk, r.item, r.decided) for r in store.reviews() if r.item == "kind"} == {
            (pk, "kind", "unrelated")
        }
