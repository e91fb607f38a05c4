"""Agreement and Cohen's kappa checked against hand calculations."""

from __future__ import annotations

from typing import Any

import pytest

from supportbench.judging.agreement import agreement, cohen_kappa, reviewed_agreement, reviewer_disagreements
from supportbench.judging.review import Review


def test_kappa_of_a_two_by_two_table_by_hand() -> None:
    # 20 items: both yes 9, both no 6, people yes/judge no 3, people no/judge yes 2.
    pairs = [(True, True)] * 9 + [(False, False)] * 6 + [(True, False)] * 3 + [(False, True)] * 2
    # observed 15/20 = 0.75; people yes 12/20, judge yes 11/20; expected 0.6*0.55 + 0.4*0.45 = 0.51
    assert cohen_kappa(pairs) == pytest.approx((0.75 - 0.51) / (1 - 0.51))
    result = agreement(pairs)
    assert (result.count, result.right, result.share) == (20, 15, 0.75)


def test_kappa_with_three_kinds_by_hand() -> None:
    pairs = [("human", "human")] * 5 + [("auto", "auto")] * 3 + [("auto", "human")] + [("bulk", "bulk")]
    # observed 9/10; people: human .5, auto .4, bulk .1; judge: human .6, auto .3, bulk .1
    expected = 0.5 * 0.6 + 0.4 * 0.3 + 0.1 * 0.1
    assert cohen_kappa(pairs) == pytest.approx((0.9 - expected) / (1 - expected))


def test_perfect_and_chance_and_undefined() -> None:
    assert cohen_kappa([(True, True), (False, False)]) == 1.0
    assert cohen_kappa([(True, True), (True, False), (False, True), (False, False)]) == 0.0
    assert cohen_kappa([(True, True), (True, True)]) is None  # one label throughout: chance explains it all
    assert cohen_kappa([]) is None and agreement([]).share is None


def review(pk: int, decided: bool, machine: bool, language: str = "en", **extra: Any) -> Review:
    fields: dict[str, Any] = {"reviewer": "ann", "at": "2026-12-01T10:00:00+00:00", "mode": "sample", **extra}
    return Review(message_pk=pk, outbox_id=pk, item="question:phone", machine=machine, decided=decided,
                  language=language, **fields)  # fmt: skip


def test_agreement_with_the_reviews_by_hand() -> None:
    reviews = [
        review(1, False, True, reviewer="bob"),  # superseded below: the latest word on an item stands
        review(1, True, True), review(2, True, False), review(3, False, False), review(4, False, False),
        review(5, True, True, "pl"),
        review(6, False, True, mode="queue"),  # not in the sample: counted only under "all"
    ]  # fmt: skip
    found = {(row.basis, row.criterion, row.language): row.result for row in reviewed_agreement(reviews)}
    english = found["sample", "question", "en"]
    # en: right 3 of 4; people say yes 2/4, the judge 1/4: chance 0.5*0.25 + 0.5*0.75 = 0.5, kappa (0.75-0.5)/0.5
    assert (english.count, english.right) == (4, 3) and english.kappa == pytest.approx(0.5)
    every = found["sample", "question", "all"]
    # all five: right 4; people yes 3/5, the judge 2/5: chance 0.6*0.4 + 0.4*0.6 = 0.48
    assert (every.count, every.right) == (5, 4) and every.kappa == pytest.approx((0.8 - 0.48) / 0.52)
    assert found["sample", "question", "pl"].kappa is None  # one answer throughout
    assert (found["all", "question", "all"].count, found["all", "question", "all"].right) == (6, 4)
    (split,) = reviewer_disagreements(reviews)
    assert {(r.reviewer, r.decided) for r in split} == {("ann", True), ("bob", False)}
