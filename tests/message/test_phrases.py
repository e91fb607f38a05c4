"""Phrase lists: found in any case, reported as written, and the factored pattern finds what the plain one does."""

from __future__ import annotations

import random
import re

import pytest

from supportbench.message import classify
from supportbench.message.parse import parse_message
from supportbench.message.phrases import Phrases, factored
from tests.helpers import DATA

CLASSIFIER_PHRASES = [classify._BOUNCE_SUBJECT, classify._BOUNCE_BODY, classify._AUTO_SUBJECT, classify._ACK_BODY]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def test_phrases_are_found_in_any_case_and_reported_as_written() -> None:
    phrases = Phrases(("out of (the )?office", "we have received"), ("poza biurem",))
    assert phrases.search("Re: OUT OF THE Office until Monday") == "OUT OF THE Office"
    assert phrases.search("Jestem POZA BIUREM") == "POZA BIUREM"
    assert phrases.search("nothing here") is None
    text = "We have received it. WE HAVE RECEIVED it again. I am Out of office."
    assert phrases.distinct(text, limit=5) == ["We have received", "Out of office"]
    assert phrases.distinct(text, limit=1) == ["We have received"]


def test_phrases_in_text_whose_lower_case_is_longer_are_still_found() -> None:
    # "İ" lower-cases to two characters, so positions shift: the match is reported in lower case.
    assert Phrases(("we have received",)).search("İstanbul: WE HAVE RECEIVED your mail") == "we have received"


def test_phrases_written_with_capitals_are_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Phrases(("Out of office",))
    assert Phrases((r"\S+ away",)).search("Bob AWAY") == "Bob AWAY"  # escapes keep their case


def test_the_factored_pattern_writes_shared_beginnings_once() -> None:
    assert factored(["we have received", "we will", "your request"]) == "we (?:have received|will)|your request"
    # A quantifier belongs to the character before it, which is then not shared.
    assert factored(["colou?r", "colour"]) == "colo(?:u?r|ur)"
    # Where an alternative has no plain start left, the order as written decides: kept.
    assert factored(["ab", "abc"]) == "ab(?:|c)"


@pytest.mark.parametrize("phrases", CLASSIFIER_PHRASES, ids=["bounce subject", "bounce body", "auto subject", "ack"])
def test_classifier_phrases_find_the_same_spans_as_the_plain_alternation_in_real_mail(phrases: Phrases) -> None:
    plain = re.compile("|".join(phrases.phrases))
    texts = []
    for path in sorted(DATA.rglob("*.eml")):
        parsed = parse_message(path.read_bytes())
        texts += [parsed.subject.lower(), parsed.text.lower()]
    found = [spans(phrases.pattern, text) for text in texts]
    assert found == [spans(plain, text) for text in texts]
    assert sum(map(len, found)) > 0  # the comparison saw matches, not only misses


def test_overlapping_phrases_find_the_same_spans_as_the_plain_alternation_in_random_text() -> None:
    # Phrases that share beginnings, are prefixes of each other, start with syntax or a
    # quantified letter, and contain groups, classes and escapes: where the order of
    # alternatives decides the match, the factored pattern must decide the same way.
    phrases = [
        "ab", "abc", "abd", "a(b|c)d", "a?bc", "b?ac", "ba", "colou?r", "colour", "col", "x{2}y", "xy",
        r"\[?tick", r"\[tick", "[ab]c", "ac[|]", r"a\|b", "(ab)+c", "abcd", "d.{0,2}b", "dab", "c",
    ]  # fmt: skip
    plain, fast = re.compile("|".join(phrases)), re.compile(factored(phrases))
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("abcdloruxy[|ti k") for _ in range(rng.randint(0, 30)))
        assert spans(fast, text) == spans(plain, text), text


@pytest.mark.parametrize("phrase", ["a|b", "ab(c)|d", r"x[(]|y"])
def test_a_phrase_alternating_outside_a_group_is_refused(phrase: str) -> None:
    with pytest.raises(ValueError, match="outside a group"):
        factored([phrase])


@pytest.mark.parametrize("phrase", ["a(b|c)", r"a\|b", "a[|]b", "a[]|]b", r"a[\]|]b"])
def test_alternation_inside_groups_classes_and_escapes_is_accepted(phrase: str) -> None:
    assert re.compile(factored([phrase, "zz"])).pattern.endswith("|zz")
