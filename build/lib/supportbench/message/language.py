"""Which language a reply's new text is written in, or "unknown" when unsure.

Pure. lingua restricted to the languages the benchmark supports and their
neighbours (a Ukrainian or Czech reply must not be forced into Russian or Polish),
with a confidence threshold below which the answer is "unknown": a two-word reply
says too little to judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from supportbench.languages import LANGUAGES

if TYPE_CHECKING:
    from lingua import LanguageDetector

UNKNOWN = "unknown"
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 12  # fewer letters than this is not enough text to judge
MAX_CHARS = 600  # the opening of a long reply decides as well as all of it, much faster
# lingua's low-accuracy mode (trigrams only) is as accurate as the full models from about
# 120 characters on, and three to four times faster; shorter texts get the full models.
LOW_ACCURACY_FROM = 120

_NEIGHBOURS = (
    "UKRAINIAN",
    "BELARUSIAN",
    "CZECH",
    "SLOVAK",
    "ESTONIAN",
    "SWEDISH",
    "HUNGARIAN",
    "BULGARIAN",
    "FRENCH",
    "SPANISH",
    "ITALIAN",
    "DUTCH",
    "LITHUANIAN",
    "LATVIAN",
)


@dataclass(frozen=True)
class DetectedLanguage:
    code: str  # ISO 639-1, or "unknown"
    confidence: float


def _supported() -> list[str]:
    return [language.name.upper() for language in LANGUAGES.values()]  # lingua names them in English


@cache
def _detector(low_accuracy: bool) -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in (*_supported(), *_NEIGHBOURS)]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str) -> DetectedLanguage:
    sample = text[:MAX_CHARS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return DetectedLanguage(UNKNOWN, 0.0)
    best = _detector(len(sample) >= LOW_ACCURACY_FROM).compute_language_confidence_values(sample)[0]
    if best.value < MIN_CONFIDENCE:
        return DetectedLanguage(UNKNOWN, round(best.value, 3))
    return DetectedLanguage(best.language.iso_code_639_1.name.lower(), round(best.value, 3))
