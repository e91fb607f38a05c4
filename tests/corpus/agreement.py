"""Judging the labelled corpus as `supportbench inspect FILE --probe ID` does, pairing labels with verdicts."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from supportbench.cli.inspection import inspect_file, probe_from_config
from supportbench.config.targets import load_config
from supportbench.message.match import VendorIndex
from tests.helpers import EXAMPLE_CONFIG
from tests.peercases import normalised, token_f1

CHECKS = ("greeting", "substance", "subject_kept", "signature")


def judge_all(
    folder: Path, misses: bool, config_path: Path = EXAMPLE_CONFIG
) -> tuple[dict[str, list[tuple[Hashable, Hashable]]], dict[str, list[float]]]:
    """Every labelled message judged with the probes of `config_path`. A corpus exported from reviews
    (`supportbench review export`) labels only what was reviewed: the rest is not compared."""
    config = load_config(config_path)
    vendors = VendorIndex([])  # as `inspect --probe` without --db: the message alone decides
    pairs: dict[str, list[tuple[Hashable, Hashable]]] = defaultdict(list)
    f1s: dict[str, list[float]] = defaultdict(list)
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        report = inspect_file(folder / label["file"], None, vendors, probe_from_config(config, label["probe"]))
        language = label["language"]
        said: list[str] = []

        def compare(
            criterion: str,
            truth: Hashable,
            judged: Hashable,
            evidence: Any = "",
            language: str = language,
            said: list[str] = said,
        ) -> None:
            for key in (criterion, f"{criterion} [{language}]"):
                pairs[key].append((truth, judged))
            if truth != judged:
                said.append(f"  {criterion}: labelled {truth!r}, judged {judged!r} {evidence}")

        if "kind" in label:
            compare("kind", label["kind"], report["kind"], report["reasons"])
        if label.get("kind") == "human":
            answered = {question["id"]: question for question in report["questions"]}
            for question_id, truth in label["questions"].items():
                if question_id not in answered:
                    continue
                judged = answered[question_id]
                compare("question", truth, judged["answered"], f"{question_id}: {judged['evidence']}")
            for check in CHECKS:
                if check not in label["checks"]:
                    continue
                judged_check = report["checks"].get(check)
                compare(check, label["checks"][check], bool(judged_check), report["evidence"].get(check, ""))
            if "new_text" in label:
                f1 = token_f1(normalised(report["text"]), normalised(label["new_text"]))
                for key in ("new text", f"new text [{language}]"):
                    f1s[key].append(f1)
                if f1 < 0.97:
                    said.append(
                        f"  new text F1 {f1:.2f}: judged {report['text']!r}\n    labelled {label['new_text']!r}"
                    )
        if misses and said:
            print(f"--- {label['file']} ({label.get('layout', 'reviewed')})\n" + "\n".join(said))
    return pairs, f1s
