"""How often the judge agrees with people: the share right and Cohen's kappa, with counts (pure).

Kappa corrects the share right for the agreement two coders would reach by chance given how
often each says each label: 1 is perfect, 0 no better than chance. Where both coders use a
single label throughout, chance agreement is 1 and kappa is undefined (None): the share right
says all there is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


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
