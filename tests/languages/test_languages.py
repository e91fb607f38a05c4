"""Every supported language is complete: each field of its module filled, every fragment a valid pattern."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
import snowballstemmer

from supportbench.languages import LANGUAGES, SUPPORTED_LANGUAGES, Language, check_language
from supportbench.languages.patterns import courtesy, markers
from supportbench.message.language import detect_language

WORD_FIELDS = [field.name for field in fields(Language) if field.type == "Fragments"]


def test_the_five_languages_of_the_seed_texts_are_supported() -> None:
    assert {"en", "pl", "ru", "fi", "ro"} <= set(LANGUAGES)
    assert {code: language.name for code, language in LANGUAGES.items()} == SUPPORTED_LANGUAGES
    assert all(code == language.code for code, language in LANGUAGES.items())


@pytest.mark.parametrize("code", sorted(LANGUAGES))
@pytest.mark.parametrize("name", WORD_FIELDS)
def test_every_word_field_is_filled_with_lower_case_patterns(code: str, name: str) -> None:
    fragments = getattr(LANGUAGES[code], name)
    assert fragments, f"{code}.{name} is empty"
    for fragment in fragments:
        re.compile(fragment)
        assert re.sub(r"\\.", "", fragment) == re.sub(r"\\.", "", fragment).lower(), f"{code}.{name}: {fragment!r}"
        assert not re.search(fragment, ""), f"{code}.{name}: {fragment!r} matches empty text"


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_stemmer_follow_up_and_patterns_exist(code: str) -> None:
    language = LANGUAGES[code]
    assert language.stemmer in snowballstemmer.algorithms()
    assert "{date}" in language.follow_up and "{reference}" in language.follow_up
    filled = language.follow_up.format(date="01.12.2026", reference="12345-AB")
    assert detect_language(filled).code == code  # the reminder is written in the language it claims
    assert courtesy(code).greeting.flags & re.IGNORECASE and markers().sign_off.flags & re.IGNORECASE  # they compile


def test_an_unsupported_language_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="use one of"):
        check_language("xx")
