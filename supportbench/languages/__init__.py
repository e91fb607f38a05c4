"""The languages the benchmark can write probes in and judge replies in."""

from __future__ import annotations

# ISO 639-1 code -> English name. A vendor's language must be one of these: scoring
# needs stemmers and etiquette lexicons for it, so an unsupported code would be
# silently mis-scored rather than rejected.
SUPPORTED_LANGUAGES: dict[str, str] = {
    "en": "English",
    "pl": "Polish",
    "ru": "Russian",
    "fi": "Finnish",
    "ro": "Romanian",
    "de": "German",
}


def check_language(code: str) -> str:
    """Return the code if supported, else raise ValueError listing the choices."""
    if code not in SUPPORTED_LANGUAGES:
        choices = ", ".join(sorted(SUPPORTED_LANGUAGES))
        raise ValueError(f"{code!r} is not a supported language code (ISO 639-1): use one of {choices}")
    return code
