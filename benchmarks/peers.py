"""New-text extraction measured on other projects' test cases: six open-source reply parsers' own fixtures.

The cases are half of each peer's suite (tests/data/replies-peers, licences beside them); the other
half is kept apart and re-measures the extractor on replies it was not tuned on. Prints the share of
`whole` cases whose new text is exactly the peer's expected text (whitespace-normalised), the mean
token F1 over them, and the share of needle assertions (in/not in/starts the text, in the signature)
that hold, overall and per peer and language. `--misses` prints every miss, for study.

    python benchmarks/peers.py [--cases DIR] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.peercases import PeerCase, judge_case, load_cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "data" / "replies-peers")
    parser.add_argument("--misses", action="store_true", help="print every case that fails")
    args = parser.parse_args()
    cases = load_cases(args.cases)
    groups: dict[str, list[tuple[PeerCase, bool, float | None]]] = defaultdict(list)
    for case in cases:
        outcome = judge_case(case)
        for key in ("all", f"peer {case.peer}", f"language {case.language or 'unstated'}"):
            groups[key].append((case, outcome.passed, outcome.f1))
        if args.misses and not outcome.passed:
            print(f"--- MISS {case.file} ({case.peer}, {case.test}, {case.expect})\n{outcome.explain}\n")
    print(f"{'group':<44} {'whole: exact':>14} {'token F1':>9} {'needles':>10}")
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        rows = groups[key]
        whole = [(ok, f1) for case, ok, f1 in rows if case.expect == "whole"]
        needles = [ok for case, ok, _ in rows if case.expect != "whole"]
        exact = (
            f"{sum(ok for ok, _ in whole)}/{len(whole)} {100 * sum(ok for ok, _ in whole) / len(whole):.0f}%"
            if whole
            else "-"
        )
        f1 = f"{sum(f or 0 for _, f in whole) / len(whole):.3f}" if whole else "-"
        held = f"{sum(needles)}/{len(needles)}" if needles else "-"
        print(f"{key:<44} {exact:>14} {f1:>9} {held:>10}")


if __name__ == "__main__":
    main()
