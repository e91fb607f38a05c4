"""The new text of a reply: quoted history, our own probe text and the signature taken out.

Pure. Takes the readable text of a message (HTML already turned into text by
`parse`) and the lines of the probe it answers, and splits it into what the vendor
wrote now, what it quoted, and its signature. Markers are recognised in every
supported language at once (`lexicon.markers`): desks mix them.

Rules, in order:
- everything from a quote attribution ("On ... wrote:", "... napisał(a):",
  "... написал(а):", "... kirjoitti:", "... a scris:"), an "Original Message"
  separator or a quoted header block ("From:" followed by "Sent:"/"Subject:") on is
  quoted history;
- lines starting with ">" are quoted (interleaved answers between them are kept);
- any line reproducing a line of our probe is quoted, with or without ">";
- the signature starts at a "-- " line, or at a sign-off line ("Best regards",
  "Z poważaniem", "С уважением", "Ystävällisin terveisin", "Cu stimă") near the end.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from benchmark.lexicon import markers
from benchmark.match import normalise

SIGNATURE_MAX_LINES = 15  # a sign-off further from the end than this is prose, not a signature
_HEADER_BLOCK_WINDOW = 4  # a quoted header's other fields follow "From:" within this many lines
_MOBILE_FOOTER = re.compile(r"^\s*(sent from my|wysłano z|отправлено с|lähetetty|trimis de pe|von meinem)\b", re.I)


@dataclass(frozen=True)
class ReplyText:
    new_text: str
    signature: str
    quoted: str  # quoted history, our probe's lines included: evidence for "the question was quoted"


def extract_reply(text: str, probe_lines: Collection[str] = ()) -> ReplyText:
    """Split a reply's text; `probe_lines` are the probe's lines as `match.normalise` gives them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    history_at = _history_start(lines)
    own: list[str] = []
    quoted: list[str] = list(lines[history_at:])
    for line in lines[:history_at]:
        if line.lstrip().startswith(">") or (probe_lines and normalise(line) in probe_lines):
            quoted.append(line)
        else:
            own.append(line)
    body, signature = _split_signature(own)
    return ReplyText(_tidy(body), _tidy(signature), _tidy(quoted))


def _history_start(lines: list[str]) -> int:
    marks = markers()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
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


def _looks_like_attribution(line: str) -> bool:
    # An attribution names someone (an address, or a date with digits) before the verb;
    # "As I wrote:" in prose does not.
    return "@" in line or bool(re.search(r"\d", line))


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
        if _MOBILE_FOOTER.match(lines[index]):
            return lines[:index], lines[index:]
    return lines, []


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
