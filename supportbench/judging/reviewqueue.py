"""Which messages an analyst reviews next: the least certain first, or a random sample (pure).

A unit of review is one message linked to a probe, with every verdict it carries: its kind,
its link, and for the first human reply (or first auto-reply) the questions and checks read
from it. The queue orders units by their doubts, each a reason the judge may be wrong with a
weight. The queue is not a random sample, so agreement measured on it understates the judge;
`sample` draws N units per vendor at random for an unbiased figure, reproducibly from a seed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from supportbench.judging.records import ProbeFacts
from supportbench.judging.review import ACK_CHECKS, HUMAN_CHECKS, Mode, Review, Value, first_message

WEAK_KIND = 0.4  # the kind rests on one reason alone (e.g. "no automatic-reply or bounce markers")
SENDER_ONLY = 0.5  # linked by who sent it, not by a reference to the probe: which probe is a guess
ONE_TERM = 0.25  # a question counted answered on one matching term
PARTLY_ANSWERED = 0.3  # some questions answered and some not: the judge's line runs through this reply
UNSURE_LANGUAGE = 0.3  # the reply's language detected with little confidence
LANGUAGE_CONFIDENCE = 0.8
SENDER_METHODS = ("sender-address", "sender-domain")


@dataclass(frozen=True)
class ReviewUnit:
    """A message to review, with the facts of the probe it answers now (or, when a review took it
    from every probe, of the probe the matcher linked it to), as evaluation left them."""

    message_pk: int
    facts: ProbeFacts
    machine_kind: str  # as classified
    kind_reasons: tuple[str, ...]
    machine_link: int | None  # the probe the matcher linked it to
    link_method: str
    kind: str  # in force: reviewed, else the judge's
    link: int | None  # in force: the probe it answers now (None: a review says it answers none)
    reviewed: frozenset[tuple[str, Mode]] = frozenset()  # who has reviewed it, and from which list

    @property
    def vendor_id(self) -> str:
        return self.facts["vendor_id"]

    @property
    def language(self) -> str:
        return self.facts["language"]

    def machine(self) -> dict[str, Value]:
        """What the judge decided on each item this message carries."""
        facts = self.facts
        values: dict[str, Value] = {"kind": self.machine_kind, "link": self.machine_link}
        if self.judged_for_questions:
            for question in facts["questions_first"]:
                values[f"question:{question['id']}"] = question.get("machine", question["answered"])
        for name in self.checks:
            check = facts["checks"][name]
            values[f"check:{name}"] = check.get("machine", check["passed"])
        return values

    def in_force(self) -> dict[str, Value]:
        """Each item's value as it stands: reviewed, else the judge's."""
        facts = self.facts
        values: dict[str, Value] = {"kind": self.kind, "link": self.link}
        if self.judged_for_questions:
            values.update({f"question:{q['id']}": q["answered"] for q in facts["questions_first"]})
        values.update({f"check:{name}": facts["checks"][name]["passed"] for name in self.checks})
        return values

    def reviews(self, decided: dict[str, Value], reviewer: str, at: str, mode: Mode, note: str = "") -> list[Review]:
        """The reviewer's decision on every item the message carries (a confirmation is a review too:
        agreement counts it)."""
        machine = self.machine()
        return [
            Review(reviewer=reviewer, at=at, message_pk=self.message_pk, outbox_id=self.facts["outbox_id"], item=item,
                   machine=value, decided=decided.get(item, value), language=self.language, mode=mode, note=note)
            for item, value in machine.items()
        ]  # fmt: skip

    @property
    def judged_for_questions(self) -> bool:
        """Is this the reply the questions and human-reply checks are read from (the first human one)?"""
        return self.message_pk == first_message(self.facts, "human")

    @property
    def checks(self) -> tuple[str, ...]:
        """The etiquette checks read from this message that decided something."""
        names: tuple[str, ...]
        if self.judged_for_questions:
            names = HUMAN_CHECKS
        elif self.message_pk == first_message(self.facts, "auto_reply"):
            names = ACK_CHECKS
        else:
            return ()
        checks = self.facts["checks"]
        return tuple(
            name for name in names if name in checks and checks[name].get("machine", checks[name]["passed"]) is not None
        )


def doubts(unit: ReviewUnit) -> list[tuple[str, float]]:
    """Why the judge may be wrong on this message, each with its weight."""
    found = []
    if unit.machine_kind in ("human", "auto_reply") and len(unit.kind_reasons) <= 1:
        found.append((f"kind {unit.machine_kind.replace('_', '-')} rests on one reason", WEAK_KIND))
    if unit.link_method in SENDER_METHODS:
        found.append(("linked by its sender only", SENDER_ONLY))
    if unit.judged_for_questions:
        facts = unit.facts
        for question in facts["questions_first"]:
            if question.get("machine", question["answered"]) and len(question["evidence"]) == 1:
                found.append((f"question {question['id']} answered on one term", ONE_TERM))
        share = facts["completeness_first"]
        if share is not None and 0 < share < 1:
            found.append(("some questions answered, some not", PARTLY_ANSWERED))
        language = facts.get("reply_language")
        if language is not None and language["confidence"] < LANGUAGE_CONFIDENCE:
            found.append(
                (f"reply language {language['code']} detected at {language['confidence']:.0%}", UNSURE_LANGUAGE)
            )
    return found


def uncertainty(unit: ReviewUnit) -> float:
    return sum(weight for _, weight in doubts(unit))


def queue(units: Sequence[ReviewUnit], reviewer: str) -> list[ReviewUnit]:
    """The units `reviewer` has not reviewed, the least certain first (then the oldest first)."""
    waiting = [unit for unit in units if not any(who == reviewer for who, _ in unit.reviewed)]
    return sorted(waiting, key=lambda unit: (-uncertainty(unit), unit.message_pk))


def sample(units: Sequence[ReviewUnit], per_vendor: int, seed: int) -> list[ReviewUnit]:
    """`per_vendor` units drawn at random from each vendor's (all of them where it has fewer), by
    vendor; the same seed draws the same sample, whoever reviews it and whatever was reviewed."""
    by_vendor: dict[str, list[ReviewUnit]] = defaultdict(list)
    for unit in sorted(units, key=lambda unit: unit.message_pk):
        by_vendor[unit.vendor_id].append(unit)
    drawn = []
    for vendor_id in sorted(by_vendor):
        rng = random.Random(f"{seed}:{vendor_id}")  # per vendor: a new vendor leaves the others' draws alone
        found = by_vendor[vendor_id]
        drawn.extend(rng.sample(found, min(per_vendor, len(found))))
    return drawn
