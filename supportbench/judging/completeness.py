"""Which of a probe's questions a reply answers, with the words and the sentence that show it.

Pure. The reply's new text (quoted history never counts) is read sentence by sentence.
Sentences that defer ("I have passed your question about a phone number to the sales team",
"we will get back to you about the refund") never answer, whatever words they use; questions
back answer only a question that expects one. A question is then answered by:

1. the kind of answer it expects (`expects:`, see `answers`): a phone number given, or a link,
   an amount, a duration, a date or a yes/no statement in a sentence on the question's topic, or
   a question back that asks about it;
2. its term groups: every group has a match in the answering sentences (not for questions that
   expect a phone number or a question back: "call us" gives no number);
3. a negative statement on its topic: "we don't have a phone line", "nie wysyłamy za granicę"
   answer honestly.

The topic is the question's first term group. Terms match inflected forms: each single-word
term becomes the shared beginning of the word and its Snowball stem in the vendor's language
("pricing" -> stem "price" -> "pric", which finds "prices"; "Finlandia" -> "finland", which
finds "Finlandii"), matched at a word start. A stem shorter than MIN_STEM letters would match
too much ("sunați" -> "sun" finds "sunt"), so such terms must match whole words. Terms with
spaces or symbols ("money back", "/", "€") match as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from supportbench.judging import answers
from supportbench.languages import LANGUAGES

MIN_STEM = 4
# Kinds of answer only their shape gives: "call us" is no phone number.
SHAPE_ONLY = frozenset({"phone", "question"})
EVIDENCE_CHARS = 160  # the answering sentence is kept this long as evidence


@dataclass(frozen=True)
class QuestionResult:
    id: str
    answered: bool
    evidence: list[str]  # the words that decided, or "no <terms>" for each group that found none
    sentence: str = ""  # the sentence that answers, or the one that only defers


@dataclass(frozen=True)
class QuestionTerms:
    id: str
    groups: tuple[tuple[str, ...], ...]
    expects: str | None = None  # the kind of answer (`answers.ANSWER_KINDS`), if the analyst named one


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
    parts = answers.sentences(text)
    deferring = [part for part in parts if answers.defers(part, language)]
    answering = [part for part in parts if part not in deferring and not answers.is_question(part)]
    asking = [part for part in parts if part not in deferring and answers.is_question(part)]
    return [_answer(question, answering, asking, deferring, language) for question in questions]


def _answer(
    question: QuestionTerms, answering: list[str], asking: list[str], deferring: list[str], language: str
) -> QuestionResult:
    topic = term_pattern(question.groups[0], language) if question.groups else None
    if question.expects:
        for sentence in asking if question.expects == "question" else answering:
            found = answers.recognise(question.expects, sentence, language)
            on_topic = question.expects == "phone" or topic is None or topic.search(_folded(sentence))
            if found and on_topic:
                return QuestionResult(question.id, True, [found], _shown(sentence))
    evidence, answered = _groups(question, "\n".join(answering), language)
    if answered and question.expects not in SHAPE_ONLY:
        return QuestionResult(question.id, True, evidence, _shown(_first_with(answering, evidence)))
    for sentence in answering:
        subject = topic.search(_folded(sentence)) if topic else None
        negative = answers.negation(sentence, language) if subject else None
        if subject and negative:
            return QuestionResult(question.id, True, [negative, subject.group(0)], _shown(sentence))
    if question.expects:
        evidence = [*evidence, f"no {question.expects}"]
    deferred = next((s for s in deferring if topic is None or topic.search(_folded(s))), "")
    if deferred:
        evidence.append("deferred")
    return QuestionResult(question.id, False, evidence, _shown(deferred))


def _groups(question: QuestionTerms, text: str, language: str) -> tuple[list[str], bool]:
    folded = _folded(text)
    evidence, answered = [], True
    for group in question.groups:
        found = term_pattern(group, language).search(folded)
        if found:
            evidence.append(found.group(0))
        else:
            answered = False
            evidence.append("no " + "/".join(group))
    return evidence, answered


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _first_with(sentences: list[str], words: list[str]) -> str:
    return next((s for s in sentences if words and words[0] in _folded(s)), "")


def _shown(sentence: str) -> str:
    return sentence if len(sentence) <= EVIDENCE_CHARS else sentence[: EVIDENCE_CHARS - 1] + "…"


def share_answered(results: Sequence[QuestionResult]) -> float | None:
    """The probe's completeness; None for a probe without questions."""
    return sum(result.answered for result in results) / len(results) if results else None
