"""The judge against people's labels: kind, each question, each etiquette criterion and the new text.

Every labelled message (tests/data/labelled, made by tests/corpus/build.py: hand-written replies
to the example probes in five languages, laid out as real clients and help desks do) is judged
the way `supportbench inspect FILE --probe ID` judges a file, and compared with its labels.
Prints, per criterion and per language, the share right with its counts and Cohen's kappa, and
the mean token F1 of the new text; `--misses` lists every disagreement with the judge's evidence.

    python benchmarks/agreement.py [--labelled DIR] [--misses] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from supportbench.cli.inspection import inspect_file, probe_from_config  # noqa: E402
from supportbench.config.targets import load_config  # noqa: E402
from supportbench.judging.agreement import agreement  # noqa: E402
from supportbench.message.match import VendorIndex  # noqa: E402
from tests.peercases import normalised, token_f1  # noqa: E402

CHECKS = ("greeting", "substance", "subject_kept", "signature")


def judge_all(folder: Path, misses: bool) -> tuple[dict[str, list[tuple[Hashable, Hashable]]], dict[str, list[float]]]:
    config = load_config(ROOT / "targets.yaml")
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

        compare("kind", label["kind"], report["kind"], report["reasons"])
        if label["kind"] == "human":
            answered = {question["id"]: question for question in report["questions"]}
            for question_id, truth in label["questions"].items():
                judged = answered[question_id]
                compare("question", truth, judged["answered"], f"{question_id}: {judged['evidence']}")
            for check in CHECKS:
                judged_check = report["checks"].get(check)
                compare(check, label["checks"][check], bool(judged_check), report["evidence"].get(check, ""))
            f1 = token_f1(normalised(report["text"]), normalised(label["new_text"]))
            for key in ("new text", f"new text [{language}]"):
                f1s[key].append(f1)
            if f1 < 0.97:
                said.append(f"  new text F1 {f1:.2f}: judged {report['text']!r}\n    labelled {label['new_text']!r}")
        if misses and said:
            print(f"--- {label['file']} ({label['layout']})\n" + "\n".join(said))
    return pairs, f1s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, default=ROOT / "tests" / "data" / "labelled")
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    pairs, f1s = judge_all(args.labelled, args.misses)
    figures = {
        key: {"count": (a := agreement(values)).count, "right": a.right, "share": a.share, "kappa": a.kappa}
        for key, values in sorted(pairs.items())
    }
    texts = {key: {"count": len(values), "mean_f1": sum(values) / len(values)} for key, values in sorted(f1s.items())}
    if args.json:
        print(json.dumps({"agreement": figures, "new_text": texts}, indent=1))
        return
    print(f"{'criterion':<26} {'right':>11} {'share':>7} {'kappa':>6}")
    for key, row in figures.items():
        kappa = "-" if row["kappa"] is None else f"{row['kappa']:.2f}"
        print(f"{key:<26} {row['right']:>5}/{row['count']:<5} {100 * (row['share'] or 0):>6.1f}% {kappa:>6}")
    for key, row in texts.items():
        print(f"{key:<26} {row['count']:>11} F1 {row['mean_f1']:.3f}")


if __name__ == "__main__":
    main()
