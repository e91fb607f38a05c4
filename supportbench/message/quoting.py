"""Where a reply's quoted history starts, and which of its lines are quoted.

Pure. Shared by `replytext` (a reply's new text, for scoring) and `classify` (an
acknowledgement quoted in a person's reply does not make the reply automatic). Markers
are recognised in every supported language at once (`patterns.markers`): desks mix them.

Quoted history starts at a quote attribution ("On ... wrote:", "... napisał(a):",
"... написал(а):", "... kirjoitti:", "... a scris:"), an "Original Message" separator, or
a quoted header block ("From:" followed by "Sent:"/"Subject:"); before it, lines starting
with ">" are quoted too (answers interleaved between them are the sender's own).
"""

from __future__ import annotations

import re

from supportbench.languages.patterns import markers

_HEADER_BLOCK_WINDOW = 4  # a quoted header's other fields follow "From:" within this many lines


def text_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def history_start(lines: list[str]) -> int:
    """The index of the line where quoted history starts; len(lines) when there is none."""
    marks = markers()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or is_quoted(line):
            continue
        if marks.original_message.match(stripped):
            return index
        # Gmail wraps long attributions: "On Tue, ... <someone@example.com>\nwrote:".
        joined = stripped + " " + lines[index + 1].strip() if index + 1 < len(lines) else stripped
        if marks.attribution_end.search(stripped) and _looks_like_attribution(stripped):
            return index
        if marks.attribution_end.search(joined) and _looks_like_attribution(joined) and len(stripped) > 20:
            return index
        if marks.header_from.match(stripped) and any(
            marks.header_other.match(following) for following in lines[index + 1 : index + 1 + _HEADER_BLOCK_WINDOW]
        ):
            return index
    return len(lines)


def is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def own_words(text: str) -> str:
    """The text without its quoted history: what the sender wrote in this message."""
    lines = text_lines(text)
    return "\n".join(line for line in lines[: history_start(lines)] if not is_quoted(line))


def _looks_like_attribution(line: str) -> bool:
    # An attribution names someone (an address, or a date with digits) before the verb;
    # "As I wrote:" in prose does not.
    return "@" in line or bool(re.search(r"\d", line))
