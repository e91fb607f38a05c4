"""Evaluate stored probes: read their raw evidence, work out the facts, judge every standard, store.

The shell around `analysis` and `scoring`: it reads probes and their linked
messages from the store (raw bytes, parsed again here, so a better parser or a new
standard re-reads all history), applies the analysts' reviews (`judging.review`),
writes facts and verdicts back, then the per-vendor summaries they change
(`pipeline.summaries`). The scope says which probes: "all" (`supportbench rescore`),
"changeable" (after a fetch, and every quarter hour in `run`: time alone decides
deadlines), or "new" (only probes that just got mail).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from supportbench.batches import run_batches
from supportbench.config.targets import Config, Probe, Shopper
from supportbench.judging.analysis import LinkedMessage, SentProbe, analyse
from supportbench.judging.completeness import QuestionTerms
from supportbench.judging.review import Review, apply_reviews, reviewed_kind, standing
from supportbench.judging.scoring import judge
from supportbench.message.classify import bounce_words
from supportbench.message.parse import NotAMessageError, parse_message
from supportbench.pipeline.summaries import refresh_summaries
from supportbench.store.database import Evaluated, EvaluationScope, Store, from_iso
from supportbench.store.rows import LinkedMessageRow, OutboxRow, ProbeToEvaluate

BATCH = 500
# After this long nothing but a new message changes a probe's facts: every standard's
# response window and every promise a desk makes (days, not weeks) has passed.
FINAL_AFTER = timedelta(days=30)
Batch = tuple[list[ProbeToEvaluate], list[LinkedMessageRow], list[Review]]  # probes, their mail, its reviews


@dataclass(frozen=True)
class EvaluationSummary:
    evaluated: int
    skipped_vendors: list[str]  # probes of vendors no longer in targets.yaml cannot be judged


def question_terms(probe: Probe | None, language: str) -> tuple[QuestionTerms, ...]:
    if probe is None:
        return ()
    return tuple(
        QuestionTerms(
            q.id, tuple((g,) if isinstance(g, str) else tuple(g) for g in q.answered_if.get(language, [])), q.expects
        )
        for q in probe.questions
    )


def sent_probe(row: ProbeToEvaluate | OutboxRow, probe: Probe | None, shopper: Shopper | None) -> SentProbe:
    """A sent outbox row as analysis reads it, with its probe's questions in its language."""
    return SentProbe(
        outbox_id=row["id"],
        vendor_id=row["vendor_id"],
        probe_id=row["probe_id"],
        category=probe.category if probe else "",
        language=row["language"],
        subject=row["subject"],
        text=row["body"] or "",
        sent_at=from_iso(row["sent_at"] or row["created_at"]),
        shopper_name=shopper.name if shopper else "",
        questions=question_terms(probe, row["language"]),
    )


class _Judge:
    """Everything needed to evaluate a batch, built once from the config (and once per worker process)."""

    def __init__(self, config: Config, now: datetime) -> None:
        self.now = now
        self.standards = config.all_standards
        self.calendars = {vendor.id: vendor.calendar for vendor in config.vendors}
        self.probes = {probe.id: probe for probe in config.probes}
        self.shoppers = {shopper.id: shopper for shopper in config.shoppers}

    def batch(
        self, rows: list[ProbeToEvaluate], linked: list[LinkedMessageRow], reviewed: list[Review]
    ) -> tuple[list[Evaluated], set[str]]:
        reviews = standing(reviewed)
        messages: dict[int, list[LinkedMessage]] = {}
        for message in linked:
            kind = reviewed_kind(message["id"], message["kind"], reviews)
            if kind == "unrelated":
                continue
            try:
                parsed = parse_message(message["raw"])
            except NotAMessageError:
                continue
            bounce = json.loads(message["bounce"]) if message["bounce"] else None
            messages.setdefault(message["outbox_id"], []).append(
                LinkedMessage(
                    message_pk=message["id"],
                    kind=kind,
                    folder_role=message["folder_role"],
                    arrived_at=from_iso(message["internal_date"]),
                    parsed=parsed,
                    bounce_permanent=bounce["permanent"] if bounce else None,
                    bounce_reason=bounce_words(bounce.get("status"), bounce.get("reason")) if bounce else None,
                )
            )
        evaluated, skipped = [], set()
        for row in rows:
            calendar = self.calendars.get(row["vendor_id"])
            if calendar is None:
                skipped.add(row["vendor_id"])
                continue
            sent = sent_probe(row, self.probes.get(row["probe_id"]), self.shoppers.get(row["shopper_id"]))
            facts = apply_reviews(analyse(sent, messages.get(row["id"], []), calendar, self.now), reviews)
            evaluated.append(
                Evaluated.of(
                    outbox_id=row["id"],
                    vendor_id=row["vendor_id"],
                    probe_id=row["probe_id"],
                    sent_at=sent.sent_at,
                    facts=facts,
                    final=self.now - sent.sent_at > FINAL_AFTER,
                    results={name: judge(facts, standard, calendar) for name, standard in self.standards.items()},
                )
            )
        return evaluated, skipped


def evaluate(
    store: Store,
    config: Config,
    now: datetime,
    scope: EvaluationScope = "changeable",
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    only: Sequence[int] | None = None,
) -> EvaluationSummary:
    """Evaluate probes batch by batch (of `scope`, among the outbox ids `only` when given); with
    `workers` > 1, parsing and judging run in that many processes.

    The store is read and written only here, in this process; workers get rows and return results.
    `workers` defaults to the machine's cores for a full rescore and to 1 (inline) otherwise.
    """
    workers = workers or ((os.cpu_count() or 1) if scope == "all" else 1)
    judging = _Judge(config, now)
    evaluated, skipped = 0, set()

    def save(batch: Batch, result: tuple[list[Evaluated], set[str]]) -> None:
        nonlocal evaluated
        store.save_evaluations(result[0], now)
        evaluated += len(result[0])
        skipped.update(result[1])
        if progress:
            progress(len(batch[0]))

    run_batches(lambda batch: judging.batch(*batch), _batches(store, scope, only), save, workers)
    refresh_summaries(store, config.all_standards)
    return EvaluationSummary(evaluated, sorted(skipped))


def _batches(store: Store, scope: EvaluationScope, only: Sequence[int] | None) -> Iterator[Batch]:
    after = 0
    while rows := store.probes_to_evaluate(scope, after_id=after, limit=BATCH, only=only):
        after = rows[-1]["id"]
        linked = store.linked_messages([row["id"] for row in rows])
        yield rows, linked, store.reviews(sorted({message["id"] for message in linked}))
