"""The judge against people's labels: kind, each question, each etiquette criterion and the new text.

Every labelled message (tests/data/labelled, made by tests/corpus/build.py: hand-written replies
to the example probes in five languages, laid out as real clients and help desks do) is judged
the way `supportbench inspect FILE --probe ID` judges a file, and compared with its labels.
Prints, per criterion and per language, the share right with its counts and Cohen's kappa, and
the mean token F1 of the new text; `--misses` lists every disagreement with the judge's evidence.

A corpus exported from the analysts' reviews (`supportbench review export DIR`) is read the
same way, with the probes of the config it was made with (`--config`); only what was reviewed
is compared.

    python benchmarks/agreement.py [--labelled DIR] [--config targets.yaml] [--misses] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from supportbench.judging.agreement import agreement  # noqa: E402
from tests.corpus.agreement import judge_all  # noqa: E402
from tests.helpers import EXAMPLE_CONFIG  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, default=ROOT / "tests" / "data" / "labelled")
    parser.add_argument("--config", type=Path, default=EXAMPLE_CONFIG, help="whose probes the labels name")
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    pairs, f1s = judge_all(args.labelled, args.misses, args.config)
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
