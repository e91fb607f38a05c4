"""The demo's truth check: what the pipeline measured against what the simulated desks did.

Pure. The desks know every message they sent (its kind, the probe it answers, its arrival
time, the questions it answered) and which probes went to an address that does not exist.
The pipeline knows what it classified, linked and measured. Agreement is counted per
measure; kinds, matches and times must agree exactly, completeness is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from supportbench.judging.records import ProbeFacts
from supportbench.simulation.desks import Planned
from supportbench.store.rows import InterpretedRow


@dataclass
class Measure:
    name: str
    agreed: int = 0
    total: int = 0
    disagreements: list[str] = field(default_factory=list)

    def count(self, agrees: bool, what: str) -> None:
        self.total += 1
        if agrees:
            self.agreed += 1
        else:
            self.disagreements.append(what)

    @property
    def exact(self) -> bool:
        return self.agreed == self.total

    def describe(self) -> str:
        share = f"{self.agreed / self.total:.0%}" if self.total else "-"
        return f"{self.name:<13} {self.agreed}/{self.total} agree ({share})"


def check(
    delivered: Sequence[Planned],
    bounced_probes: Sequence[str],
    interpreted: Sequence[InterpretedRow],
    outbox_ids: dict[str, int],
    facts: Sequence[ProbeFacts],
) -> list[Measure]:
    """`interpreted`: store.interpreted_messages(); `outbox_ids`: probe Message-ID -> outbox id; `facts`: per probe."""
    by_message_id = {row["message_id"]: row for row in interpreted if row["message_id"]}
    kinds, matches, times, completeness = (
        Measure("kinds"),
        Measure("matches"),
        Measure("times"),
        Measure("completeness"),
    )
    for planned in delivered:
        row = by_message_id.get(planned.message_id)
        if row is None:
            for measure in (kinds, matches, times):
                measure.count(False, f"{planned.message_id}: never stored")
            continue
        kinds.count(row["kind"] == planned.kind, f"{planned.message_id}: {row['kind']} for a {planned.kind}")
        # Mail about a probe that is not a reply to it (a survey) is linked to no probe.
        expected = None if planned.kind == "unrelated" else outbox_ids.get(planned.answers_probe)
        matches.count(
            row["outbox_id"] == expected, f"{planned.message_id}: linked to {row['outbox_id']}, not {expected}"
        )
        arrived = datetime.fromisoformat(row["internal_date"])
        times.count(
            arrived == planned.arrives_at, f"{planned.message_id}: arrived {arrived}, sent {planned.arrives_at}"
        )
    bounced_links = {row["outbox_id"] for row in interpreted if row["kind"] == "bounce"}
    for message_id in bounced_probes:
        kinds.count(outbox_ids.get(message_id) in bounced_links, f"probe {message_id}: no bounce linked to it")

    first_reply: dict[int, Planned] = {}
    first_ack: dict[int, Planned] = {}
    for planned in sorted(delivered, key=lambda p: p.arrives_at):
        outbox_id = outbox_ids.get(planned.answers_probe)
        if outbox_id is None:
            continue
        if planned.kind == "unrelated":
            continue
        target = first_reply if planned.kind == "human" else first_ack
        target.setdefault(outbox_id, planned)
    for probe in facts:
        outbox_id = probe["outbox_id"]
        for measured_key, measured, truth in (
            ("human", probe["human"], first_reply.get(outbox_id)),
            ("ack", probe["ack"], first_ack.get(outbox_id)),
        ):
            measured_at = datetime.fromisoformat(measured["at"]) if measured else None
            times.count(measured_at == (truth.arrives_at if truth else None),
                        f"probe {outbox_id} first {measured_key}: measured {measured_at}, truth "
                        f"{truth.arrives_at if truth else None}")  # fmt: skip
        reply = first_reply.get(outbox_id)
        if reply is not None and probe["questions_first"]:
            for question in probe["questions_first"]:
                truly = question["id"] in reply.answered
                said = f"probe {outbox_id} {question['id']}: measured {question['answered']}, truth {truly}"
                completeness.count(question["answered"] == truly, said)
    return [kinds, matches, times, completeness]
