"""How often the judge agrees with people: the share right and Cohen's kappa, with counts (pure);
for a labelled corpus, and for the analysts' reviews of real verdicts.

Kappa corrects the share right for the agreement two coders would reach by chance given how
often each says each label: 1 is perfect, 0 no better than chance. Where both coders use a
single label throughout, chance agreement is 1 and kappa is undefined (None): the share right
says all there is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from supportbench.judging.review import ACK_CHECKS, HUMAN_CHECKS, Review, standing

CRITERIA_REVIEWED = ("kind", "link", "question", *HUMAN_CHECKS, *ACK_CHECKS)


@dataclass(frozen=True)
class Agreement:
    count: int
    right: int
    kappa: float | None

    @property
    def share(self) -> float | None:
        return self.right / self.count if self.count else None


def agreement(pairs: Sequence[tuple[Hashable, Hashable]]) -> Agreement:
    """`pairs`: (the people's label, the judge's label) for each item."""
    count = len(pairs)
    right = sum(truth == judged for truth, judged in pairs)
    return Agreement(count, right, cohen_kappa(pairs))


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    if not pairs:
        return None
    count = len(pairs)
    observed = sum(truth == judged for truth, judged in pairs) / count
    truths = Counter(truth for truth, _ in pairs)
    judgeds = Counter(judged for _, judged in pairs)
    expected = sum(truths[label] * judgeds.get(label, 0) for label in truths) / (count * count)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class ReviewedAgreement:
    """How often the judge agreed with the analysts on one criterion in one language ("all": every one)."""

    basis: str  # "sample": reviews of the random sample only (unbiased); "all": every review
    criterion: str
    language: str
    result: Agreement


def reviewed_agreement(reviews: Sequence[Review]) -> list[ReviewedAgreement]:
    """Per criterion and language, the judge against the review in force on each item; once over
    the random sample's reviews (an unbiased figure) and once over all (the queue's uncertain items
    are no random sample, so that figure understates the judge)."""
    order = {criterion: index for index, criterion in enumerate(CRITERIA_REVIEWED)}
    rows = []
    for basis, chosen in (("sample", [r for r in reviews if r.mode == "sample"]), ("all", list(reviews))):
        pairs: dict[tuple[str, str], list[tuple[Hashable, Hashable]]] = defaultdict(list)
        for review in standing(chosen).values():
            for language in ("all", review.language):
                pairs[review.criterion, language].append((review.decided, review.machine))
        for criterion, language in sorted(
            pairs, key=lambda key: (order.get(key[0], 99), key[0], key[1] != "all", key[1])
        ):
            rows.append(ReviewedAgreement(basis, criterion, language, agreement(pairs[criterion, language])))
    return rows


def reviewer_disagreements(reviews: Sequence[Review]) -> list[list[Review]]:
    """Items on which analysts disagree: each reviewer's latest word on the item, when they differ."""
    latest: dict[tuple[int, str], dict[str, Review]] = defaultdict(dict)
    for review in reviews:
        latest[review.message_pk, review.item][review.reviewer] = review
    return [list(by.values()) for by in latest.values() if len({r.decided for r in by.values()}) > 1]
