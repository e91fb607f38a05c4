"""The per-vendor summaries the writer keeps beside the evaluations (migration 0016).

A summary is one vendor's leaderboard row under one standard (text made by `ranking.summaries`).
Saving evaluations marks their vendors pending in the same transaction. The summaries of a
standard are current when its mark is the standard as the reader knows it and no vendor is
pending; a reader otherwise reads the probes, so a summary is never shown stale, only unused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from supportbench.store.database import Store

Pending = dict[str, int]  # vendor id -> how many times its probes were saved since its summaries


@dataclass(frozen=True)
class Made:
    """Summaries made under one standard: of `vendors`, those with probes (`summaries`); all of
    the standard's vendors when `whole` (the mark is then set), else only the pending ones."""

    fingerprint: str
    vendors: frozenset[str]
    summaries: Mapping[str, str]  # vendor id -> summary; a vendor of `vendors` missing here has no probes
    whole: bool


def pending(store: Store) -> Pending:
    return {vendor: generation for vendor, generation in store.db.execute("SELECT * FROM summaries_pending")}


def marks(store: Store) -> dict[str, str]:
    """Standard -> the fingerprint its summaries were all made under."""
    return dict(store.db.execute("SELECT standard, fingerprint FROM summary_marks").fetchall())


def save(store: Store, seen: Pending, made: Mapping[str, Made]) -> None:
    """Keep what a refresh made, having seen `seen` pending when it began; the standards not in
    `made` lose their summaries. A vendor saved again meanwhile (its generation moved on, or newly
    pending) stays pending, so its summaries, made from probes since changed, are not read."""
    with store.db.atomic():  # a write comes first, so the write lock is taken before anything is read
        for table in ("summary_marks", "vendor_summaries"):
            store.db.execute(f"DELETE FROM {table} WHERE standard NOT IN (SELECT value FROM json_each(?))",
                             [_json_list(made)])  # fmt: skip
        for standard, found in made.items():
            if found.whole:
                store.db.execute(
                    "DELETE FROM vendor_summaries WHERE standard = ? "
                    "AND vendor_id NOT IN (SELECT value FROM json_each(?))",
                    [standard, _json_list(found.vendors)],
                )
                store.db.execute("INSERT OR REPLACE INTO summary_marks VALUES (?, ?)", [standard, found.fingerprint])
            store.db.conn.executemany(
                "DELETE FROM vendor_summaries WHERE standard = ? AND vendor_id = ?",
                [(standard, vendor) for vendor in sorted(found.vendors - set(found.summaries))],
            )
            store.db.conn.executemany(
                "INSERT OR REPLACE INTO vendor_summaries VALUES (?, ?, ?)",
                [(standard, vendor, summary) for vendor, summary in sorted(found.summaries.items())],
            )
        store.db.conn.executemany(
            "DELETE FROM summaries_pending WHERE vendor_id = ? AND generation = ?", sorted(seen.items())
        )


def current(store: Store, standard: str, fingerprint: str) -> dict[str, str] | None:
    """Vendor id -> summary under `standard`, when they are current for it as `fingerprint` says
    it is; None when the reader must read the probes instead. Read in one snapshot."""
    with store.db.atomic():
        if store.db.execute("SELECT 1 FROM summaries_pending LIMIT 1").fetchone():
            return None
        mark = store.db.execute("SELECT fingerprint FROM summary_marks WHERE standard = ?", [standard]).fetchone()
        if mark is None or mark[0] != fingerprint:
            return None
        sql = "SELECT vendor_id, summary FROM vendor_summaries WHERE standard = ?"
        return dict(store.db.execute(sql, [standard]).fetchall())


def _json_list(values: Mapping[str, object] | frozenset[str] | set[str]) -> str:
    """A set of names as one parameter (`json_each` reads it): no bound on how many."""
    return json.dumps(sorted(values))
