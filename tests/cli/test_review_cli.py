"""`supportbench review` from the command line, on a copy of the demo's store: the export is a
labelled corpus the agreement benchmark reads, `report --format json` carries the agreement, and
`review serve` refuses to start without a reviewer, saying why."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from supportbench.config.targets import load_config
from supportbench.judging.reviewqueue import queue
from supportbench.pipeline.review import LABELS, record_reviews, review_units
from supportbench.store.database import Store
from tests.cli.test_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def review_some(config_path: Path, count: int) -> list[int]:
    """`count` messages reviewed (recorded as sample reviews), the first question of each overturned."""
    config = load_config(config_path)
    now = datetime.now(UTC)
    reviewed = []
    with Store.open(config.database) as store:
        for unit in queue(review_units(store), "ann@example.com")[:count]:
            questions = [item for item in unit.machine() if item.startswith("question:")]
            decided = {questions[0]: not unit.machine()[questions[0]]} if questions else {}
            record_reviews(store, config, unit.reviews(decided, "ann@example.com", now.isoformat(), "sample"), now)
            reviewed.append(unit.message_pk)
    return reviewed


def test_export_and_report_carry_the_reviews(demo_copy: Path, tmp_path: Path) -> None:
    reviewed = review_some(demo_copy, 5)
    folder = tmp_path / "reviewed"
    exported = run_cli("review", "export", str(folder), "-c", str(demo_copy))
    assert exported.returncode == 0, exported.stderr
    labels = [json.loads(line) for line in (folder / LABELS).read_text(encoding="utf-8").splitlines()]
    assert sorted(int(label["file"].split("-")[-1].removesuffix(".eml")) for label in labels) == sorted(reviewed)
    assert all(label["mode"] == "sample" and (folder / label["file"]).is_file() for label in labels)

    benchmark = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "agreement.py"), "--labelled", str(folder), "--config",
         str(demo_copy), "--json"], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert benchmark.returncode == 0, benchmark.stderr
    figures = json.loads(benchmark.stdout)["agreement"]
    assert figures["kind"]["count"] == len(reviewed)

    report = run_cli("report", "-c", str(demo_copy), "--format", "json")
    assert report.returncode == 0, report.stderr
    agreement = {(row["reviews"], row["criterion"], row["language"]): row for row in json.loads(report.stdout)[
        "judge_agreement"]}  # fmt: skip
    kind = agreement["sample", "kind", "all"]
    assert (kind["count"], kind["right"]) == (len(reviewed), len(reviewed))
    overturned = sum(1 for label in labels if label["questions"])  # each had its first question overturned
    question = agreement["all", "question", "all"]
    assert question["count"] - question["right"] == overturned


def test_serve_says_who_must_review(demo_copy: Path) -> None:
    refused = run_cli("review", "serve", "-c", str(demo_copy))
    assert refused.returncode != 0 and "--reviewer" in refused.stderr and "Traceback" not in refused.stderr
    missing = run_cli("review", "serve", "-c", str(demo_copy), "--db", str(demo_copy.parent / "none.db"),
                      "--reviewer", "ann@example.com")  # fmt: skip
    assert missing.returncode != 0 and "no store here yet" in missing.stderr
