"""Which of a probe's questions a reply answers, with the words that show it.

Pure. A question is answered when every one of its term groups has a match in the
reply's new text (quoted history never counts). Terms match inflected forms: each
single-word term becomes the shared beginning of the word and its Snowball stem in
the vendor's language ("pricing" -> stem "price" -> "pric", which finds "prices";
"Finlandia" -> "finland", which finds "Finlandii"), matched at a word start. A
stem shorter than three letters would match too much, so such terms must match
whole words. Terms with spaces or symbols ("money back", "/", "€") match as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from supportbench.languages import LANGUAGES

MIN_STEM = 3


@dataclass(frozen=True)
class QuestionResult:
    id: str
    answered: bool
    evidence: list[str]  # the matched word of each group, or "no <terms>" for a group that found none


@dataclass(frozen=True)
class QuestionTerms:
    id: str
    groups: tuple[tuple[str, ...], ...]


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(LANGUAGES[language].stemmer)


@cache
def term_pattern(terms: tuple[str, ...], language: str) -> re.Pattern[str]:
    """One compiled pattern for a group of alternative terms."""
    alternatives = []
    for term in terms:
        folded = term.casefold().strip()
        if not re.fullmatch(r"\w+", folded) or folded.isdigit():
            alternatives.append(re.escape(folded))
            continue
        stem = _shared_start(folded, _stemmer(language).stemWord(folded))
        if len(stem) >= MIN_STEM:
            alternatives.append(rf"(?<!\w){re.escape(stem)}\w*")
        else:
            alternatives.append(rf"(?<!\w){re.escape(folded)}(?!\w)")
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


def _shared_start(left: str, right: str) -> str:
    length = 0
    while length < min(len(left), len(right)) and left[length] == right[length]:
        length += 1
    return left[:length]


def answered_questions(text: str, questions: Sequence[QuestionTerms], language: str) -> list[QuestionResult]:
    folded = " ".join(text.casefold().split())
    results = []
    for question in questions:
        evidence, answered = [], True
        for group in question.groups:
            found = term_pattern(group, language).search(folded)
            if found:
                evidence.append(found.group(0))
            else:
                answered = False
                evidence.append("no " + "/".join(group))
        results.append(QuestionResult(question.id, answered, evidence))
    return results


def share_answered(results: Sequence[QuestionResult]) -> float | None:
    """The probe's completeness; None for a probe without questions."""
    return sum(result.answered for result in results) / len(results) if results else None
