"""The analysts' reviews in the store: what there is to review, recording a review, exporting them.

Recording a review stores it beside the judge's verdicts and re-judges at once the probes it
touches (the one the message was linked to, and the one a corrected link moves it to), so the
dashboard, `report` and every later `rescore` read the reviewed value. `export_reviews` writes
the reviewed messages as a labelled corpus: each raw message and a line of labels, the shape
`benchmarks/agreement.py --labelled` reads.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from supportbench.config.targets import Config
from supportbench.judging.records import ProbeFacts
from supportbench.judging.review import Mode, Review, Value, reviewed_kind, standing
from supportbench.judging.reviewqueue import ReviewUnit
from supportbench.pipeline.evaluation import EvaluationSummary, evaluate
from supportbench.store.database import Store

LABELS = "labels.jsonl"


def review_units(store: Store) -> list[ReviewUnit]:
    """Every message a probe's facts were read from, and every message a review has since taken
    from them: the same list whatever is reviewed, so a sample drawn from it stays the sample.
    Each comes with the facts of the probe it answers now (else of the one the matcher chose)."""
    interpreted = {row["id"]: row for row in store.interpreted_messages()}
    reviews = store.reviews()
    in_force = standing(reviews)
    reviewers: dict[int, set[tuple[str, Mode]]] = defaultdict(set)
    for review in reviews:
        reviewers[review.message_pk].add((review.reviewer, review.mode))
    facts_of = {facts["outbox_id"]: facts for facts in store.probe_facts()}
    answering = {message["message_pk"]: (facts, message["kind"]) for facts in facts_of.values()
                 for message in facts["messages"]}  # fmt: skip
    units = []
    for message_pk, row in interpreted.items():
        reviewed_away = (message_pk, "kind") in in_force or (message_pk, "link") in in_force
        if message_pk in answering:
            facts, kind = answering[message_pk]
            link: int | None = facts["outbox_id"]
        elif reviewed_away and row["outbox_id"] is not None and (machine_facts := facts_of.get(row["outbox_id"])):
            moved = in_force.get((message_pk, "link"))
            facts, link = machine_facts, row["outbox_id"] if moved is None else _outbox(moved.decided)
            kind = reviewed_kind(message_pk, str(row["kind"]), in_force)
        else:
            continue
        units.append(
            ReviewUnit(
                message_pk=message_pk, facts=facts, machine_kind=str(row["kind"]),
                kind_reasons=tuple(json.loads(row["reasons"] or "[]")), machine_link=row["outbox_id"],
                link_method=row["method"] or "", kind=kind, link=link,
                reviewed=frozenset(reviewers.get(message_pk, ())),
            )
        )  # fmt: skip
    return units


def reviews_against_the_judge_now(store: Store) -> list[Review]:
    """Every review, with `machine` the judge's verdict as the store holds it now, where the item
    still stands: after a better judge and a rescore, agreement measures the judge in use, not the
    one the analyst saw. (Each review keeps, in the store, what the judge said when it was made.)"""
    reviews = store.reviews()
    pks = sorted({review.message_pk for review in reviews})
    where = _facts_by_message(store, reviews)
    now: dict[tuple[int, str], Value] = {}
    for row in store.interpreted_messages(pks):
        facts = where.get(row["id"])
        if facts is None or row["kind"] is None:
            continue
        unit = ReviewUnit(message_pk=row["id"], facts=facts, machine_kind=row["kind"], kind_reasons=(),
                          machine_link=row["outbox_id"], link_method="", kind="", link=None)  # fmt: skip
        now.update({(row["id"], item): value for item, value in unit.machine().items()})
    return [replace(review, machine=now.get((review.message_pk, review.item), review.machine)) for review in reviews]


def record_reviews(store: Store, config: Config, reviews: Sequence[Review], now: datetime) -> EvaluationSummary:
    """Store the reviews and re-judge the probes they touch."""
    store.add_reviews(reviews)
    return evaluate(store, config, now, scope="all", only=sorted(_probes_touched(reviews)), workers=1)  # no pool


def export_reviews(store: Store, folder: Path) -> int:
    """Write each reviewed message (raw) and its labels, as the reviews in force give them; how many."""
    folder.mkdir(parents=True, exist_ok=True)
    reviews = store.reviews()
    facts_of = _facts_by_message(store, reviews)
    by_message: dict[int, list[Review]] = defaultdict(list)
    for review in standing(reviews).values():
        by_message[review.message_pk].append(review)
    lines = []
    for message_pk, reviews in sorted(by_message.items()):
        raw = store.message_raw(message_pk)
        if raw is None:
            continue
        label = _label(message_pk, reviews, facts_of.get(message_pk))
        (folder / label["file"]).write_bytes(raw)
        lines.append(json.dumps(label, ensure_ascii=False))
    (folder / LABELS).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def _label(message_pk: int, reviews: list[Review], facts: ProbeFacts | None) -> dict[str, Any]:
    language = reviews[0].language
    label: dict[str, Any] = {
        "file": f"{language}-{message_pk}.eml",
        "language": language,
        "probe": facts["probe_id"] if facts else None,
        "reviewed_by": sorted({review.reviewer for review in reviews}),
        "mode": "sample" if all(review.mode == "sample" for review in reviews) else "queue",
        "questions": {},
        "checks": {},
    }
    for review in reviews:
        family, _, name = review.item.partition(":")
        if family == "kind":
            label["kind"] = review.decided
        elif family == "link":
            label["outbox_id"] = review.decided
        else:
            label["questions" if family == "question" else "checks"][name] = review.decided
    return label


def _probes_touched(reviews: Sequence[Review]) -> set[int]:
    """The probes reviews concern: those their messages were linked to, and those links moved them to."""
    moved_to = {linked for review in reviews if review.item == "link" and (linked := _outbox(review.decided))}
    return {review.outbox_id for review in reviews} | moved_to


def _facts_by_message(store: Store, reviews: Sequence[Review]) -> dict[int, ProbeFacts]:
    """The facts each reviewed message is read in now (of the probes the reviews concern only)."""
    return {message["message_pk"]: facts for facts in store.probe_facts_of(sorted(_probes_touched(reviews)))
            for message in facts["messages"]}  # fmt: skip


def _outbox(value: Value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
