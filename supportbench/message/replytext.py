"""The new text of a reply: quoted history, our own probe text and the signature taken out.

Pure. Takes the readable text of a message (HTML already turned into text by
`parse`) and the lines of the probe it answers, and splits it into what the vendor
wrote now, what it quoted, and its signature. Markers are recognised in every
supported language at once (`patterns.markers`): desks mix them.

Rules, in order:
- quoted history and ">" lines are quoted, as `quoting` finds them;
- any line reproducing a line of our probe is quoted, with or without ">";
- the signature starts at a "-- " line, or at a sign-off line ("Best regards",
  "Z poważaniem", "С уважением", "Ystävällisin terveisin", "Cu stimă") near the end.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from supportbench.languages.patterns import markers
from supportbench.message.match import normalise
from supportbench.message.quoting import history_start, is_quoted, text_lines

SIGNATURE_MAX_LINES = 15  # a sign-off further from the end than this is prose, not a signature


@dataclass(frozen=True)
class ReplyText:
    new_text: str
    signature: str
    quoted: str  # quoted history, our probe's lines included: evidence for "the question was quoted"


def extract_reply(text: str, probe_lines: Collection[str] = ()) -> ReplyText:
    """Split a reply's text; `probe_lines` are the probe's lines as `match.normalise` gives them."""
    lines = text_lines(text)
    history_at = history_start(lines)
    own: list[str] = []
    quoted: list[str] = list(lines[history_at:])
    for line in lines[:history_at]:
        if is_quoted(line) or (probe_lines and normalise(line) in probe_lines):
            quoted.append(line)
        else:
            own.append(line)
    body, signature = _split_signature(own)
    return ReplyText(_tidy(body), _tidy(signature), _tidy(quoted))


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    for index, line in enumerate(lines):
        if line.rstrip() == "--" or line == "-- ":
            return lines[:index], lines[index + 1 :]
    marks = markers()
    first_candidate = max(0, len(lines) - SIGNATURE_MAX_LINES)
    # The last sign-off: "Thanks!" as a reply's second line is courtesy, not a signature.
    for index in range(len(lines) - 1, max(first_candidate, 1) - 1, -1):
        if marks.sign_off.match(lines[index]):
            return lines[:index], lines[index:]
    for index in range(first_candidate, len(lines)):
        if marks.device_footer.match(lines[index]):
            return lines[:index], lines[index:]
    return lines, []


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
