"""Time to the dashboard's first complete leaderboard, against the same queries as bare SQL.

A store of 1,000 vendors and 100,000 evaluated probes is built (the example targets.yaml's
six vendors, each repeated under new ids; probes and replies as in benchmarks/rescore.py,
then `evaluate`). Then, in one run:

- bare SQL: the catalog and the outcome rows of the default standard, fetched with sqlite3 (what
  a leaderboard that reads every probe must read at the least); and the catalog and the default
  standard's per-vendor summaries (what the leaderboard reads while they are current);
- cold: the leaderboard page rendered by Streamlit's AppTest with every cache cleared (data and resources);
- warm: the same again, caches filled.

    .venv/bin/python benchmarks/dashboard.py [--vendors N] [--probes N] [--db FILE] [--copies K]

With `--copies K` the store built (or given by `--db`) is copied K times over into a second
store, each copy with its vendors and probes renamed: K=10 turns 1,000 vendors and 100,000
probes into 10,000 and 1,000,000 in minutes rather than the hour that sending, reading and
judging a million probes takes. The copies keep every column and index the leaderboard reads;
their facts and per-criterion JSON, which it does not read, are left empty.

Targets (issue 18): under 1 s cold at 1,000 vendors and 100,000 probes; under 3 s at 10,000
vendors and 1,000,000 probes.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rescore import NOW, fill  # noqa: E402  (the sibling benchmark's store filler)

from supportbench.config.standards import DEFAULT_STANDARD  # noqa: E402
from supportbench.config.targets import Config, parse_config  # noqa: E402
from supportbench.pipeline.evaluation import evaluate  # noqa: E402
from supportbench.pipeline.summaries import refresh_summaries  # noqa: E402
from supportbench.store.catalog import read_catalog, save_config  # noqa: E402
from supportbench.store.database import Store  # noqa: E402

APP = str(ROOT / "supportbench" / "dashboard" / "app.py")
ROUNDS = 3


def many_vendors(count: int) -> Config:
    data: dict[str, Any] = yaml.safe_load((ROOT / "targets.yaml").read_text(encoding="utf-8"))
    originals = data["vendors"]
    data["vendors"] = [
        {**vendor, "id": f"{vendor['id']}-{n:04d}", "name": f"{vendor['name']} {n:04d}",
         "address": f"support{n:04d}@{vendor['address'].partition('@')[2]}", "alternate_addresses": []}
        for n in range(count)
        for vendor in [originals[n % len(originals)]]
    ]  # fmt: skip
    return parse_config(yaml.safe_dump(data, allow_unicode=True))


def summarised(path: Path) -> None:
    """The writer's per-vendor summaries brought up to date, as the evaluation that made the
    store would have left them (a store built before summaries, or copied, has none yet)."""
    started = time.perf_counter()
    with Store.open(path) as store:
        made = refresh_summaries(store, read_catalog(store).standards)
    if made:
        print(f"summarised {made:,} vendor-standard pairs in {time.perf_counter() - started:.0f} s")


def bare_summaries(path: Path) -> int:
    """The catalog and the default standard's summaries, fetched with sqlite3 (what the leaderboard reads)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("SELECT kind, id, data FROM catalog").fetchall()
        sql = "SELECT vendor_id, summary FROM vendor_summaries WHERE standard = ?"
        return len(connection.execute(sql, [DEFAULT_STANDARD]).fetchall())
    finally:
        connection.close()


def bare_sql(path: Path) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("SELECT kind, id, data FROM catalog").fetchall()
        rows = connection.execute(
            "SELECT f.vendor_id, f.probe_id, f.sent_at, e.outbox_id, e.score, e.decided, e.replied, e.hours, "
            "e.business_hours, e.within_deadline, e.completeness, e.etiquette_passed, e.etiquette_judged "
            "FROM evaluations e JOIN probe_facts f INDEXED BY probe_facts_outcome ON f.outbox_id = e.outbox_id "
            "WHERE e.standard = ? ORDER BY f.sent_at",
            [DEFAULT_STANDARD],
        ).fetchall()
        return len(rows)
    finally:
        connection.close()


def copied(base: Path, copies: int, folder: Path) -> Path:
    """`base` with its vendors, probes and outcomes copied `copies` times over (see the docstring)."""
    target = folder / f"dashboard-x{copies}.db"
    if target.exists():
        return target
    started = time.perf_counter()
    with sqlite3.connect(base) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    Store.open(target).close()  # migrated: the copies are written into the tables of today
    connection = sqlite3.connect(target)
    try:
        step = int(connection.execute("SELECT max(outbox_id) FROM probe_facts").fetchone()[0])
        vendors = connection.execute("SELECT id, data FROM catalog WHERE kind = 'vendor'").fetchall()
        columns = "score, evaluated_at, decided, replied, hours, business_hours, within_deadline, completeness, " \
                  "etiquette_passed, etiquette_judged"  # fmt: skip
        with connection:
            for n in range(1, copies):
                connection.executemany(
                    "INSERT INTO catalog VALUES ('vendor', ?, json_set(?, '$.name', json_extract(?, '$.name') || ?))",
                    [(f"{vid}-c{n}", data, data, f" c{n}") for vid, data in vendors],
                )
                connection.execute(
                    "INSERT INTO probe_facts SELECT outbox_id + ?, vendor_id || ?, probe_id, sent_at, '{}', final, "
                    "analysed_at FROM probe_facts WHERE outbox_id <= ?", [n * step, f"-c{n}", step],
                )  # fmt: skip
                connection.execute(
                    f"INSERT INTO evaluations (outbox_id, standard, criteria, {columns}) SELECT outbox_id + ?, "
                    f"standard, '{{}}', {columns} FROM evaluations WHERE outbox_id <= ?",
                    [n * step, step],
                )
            connection.execute("DELETE FROM summary_marks")  # the copies' vendors are summarised afresh
    finally:
        connection.close()
    print(f"copied into {copies}x the vendors and probes in {time.perf_counter() - started:.0f} s")
    return target


def render_leaderboard() -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=120)
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    assert not app.exception, app.exception
    assert app.dataframe and len(app.dataframe[0].value) > 0, "no leaderboard rendered"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=1000)
    parser.add_argument("--probes", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Build the store here and keep it; reuse it if it exists.")
    parser.add_argument("--copies", type=int, default=1, help="Measure on the store copied this many times over.")
    args = parser.parse_args()
    import streamlit as st

    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "dashboard.db"
        if not path.exists():
            started = time.perf_counter()
            config = many_vendors(args.vendors)
            with Store.open(path) as store:
                fill(store, config, args.probes)
                save_config(store, config)
                evaluate(store, config, NOW, scope="all")
            elapsed = time.perf_counter() - started
            print(f"built {args.vendors:,} vendors, {args.probes:,} evaluated probes in {elapsed:.0f} s")
        if args.copies > 1:
            path = copied(path, args.copies, path.parent if args.db else Path(folder))
        summarised(path)
        os.environ["SUPPORTBENCH_DB"] = str(path)
        bare, kept, cold, warm = [], [], [], []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            rows = bare_sql(path)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            vendors = bare_summaries(path)
            kept.append(time.perf_counter() - started)
            st.cache_data.clear()
            st.cache_resource.clear()
            cold.append(render_leaderboard())
            warm.append(render_leaderboard())
        b, k, c, w = (statistics.median(x) for x in (bare, kept, cold, warm))
        print(f"bare SQL (catalog + {rows:,} outcome rows): {b:.2f} s")
        print(f"bare SQL (catalog + {vendors:,} vendor summaries): {k:.2f} s")
        print(f"leaderboard cold (caches cleared):        {c:.2f} s  ({c / b:.1f}x bare SQL)")
        print(f"leaderboard warm:                         {w:.2f} s  ({w / b:.1f}x bare SQL)")
        target = 1.0 if args.probes * args.copies <= 100_000 else 3.0
        print(f"target: under {target:g} s cold: {'MET' if c < target else 'NOT MET'} (medians of {ROUNDS} rounds)")


if __name__ == "__main__":
    main()
