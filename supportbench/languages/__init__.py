"""Every word the benchmark reads or writes, one module per language.

`en`, `pl`, `ru`, `fi`, `ro` and `de` each hold one `Language` (language.py): the words of mail
clients, courtesy, promises and automatic mail, the stemmer and the shopper's follow-up text.
`clients` holds the mail-client strings of languages the benchmark does not judge (a Dutch
Outlook quoting an English reply), and `patterns` compiles all of it into the patterns the
message and judging stages use. Adding a language is adding one module and listing it here.
"""

from __future__ import annotations

from supportbench.languages import de, en, fi, pl, ro, ru
from supportbench.languages.language import Language

LANGUAGES: dict[str, Language] = {module.LANGUAGE.code: module.LANGUAGE for module in (en, pl, ru, fi, ro, de)}

# ISO 639-1 code -> English name. A vendor's language must be one of these: scoring
# needs stemmers and etiquette lexicons for it, so an unsupported code would be
# silently mis-scored rather than rejected.
SUPPORTED_LANGUAGES: dict[str, str] = {code: language.name for code, language in LANGUAGES.items()}

# The names services give the spam and sent folders, every language's, each once, in order.
JUNK_FOLDER_NAMES = tuple(dict.fromkeys(name for language in LANGUAGES.values() for name in language.junk_folders))
SENT_FOLDER_NAMES = tuple(dict.fromkeys(name for language in LANGUAGES.values() for name in language.sent_folders))


def check_language(code: str) -> str:
    """Return the code if supported, else raise ValueError listing the choices."""
    if code not in SUPPORTED_LANGUAGES:
        choices = ", ".join(sorted(SUPPORTED_LANGUAGES))
        raise ValueError(f"{code!r} is not a supported language code (ISO 639-1): use one of {choices}")
    return code


__all__ = ["JUNK_FOLDER_NAMES", "LANGUAGES", "SENT_FOLDER_NAMES", "SUPPORTED_LANGUAGES", "Language", "check_language"]
