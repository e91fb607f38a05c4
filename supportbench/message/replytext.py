"""The new text of a reply: quoted history, our own probe text, help-desk chrome and the signature taken out.

Pure. Takes the readable text of a message (HTML already turned into text by `parse`, its
blockquotes marked ">") and the lines of the probe it answers, and splits it into what the
vendor wrote now, what it quoted, and its signature. `quoting.layout` says which lines are
the sender's own (inline answers between quoted questions included); of those, any line
reproducing a line of our probe is quoted too, with or without ">". The signature starts at
the earliest of, near the end: a "-- " line; a rule of underscores (a mailing list's footer);
a "-Name" line; the last sign-off ("Best regards", "Z poważaniem", "С уважением",
"Ystävällisin terveisin", "Cu stimă", "Met vriendelijke groet"); a device footer ("Sent
from my iPhone"); a closing block of a name and contact details; or a closing line that only
names the team ("Zespół Meble Sosna"). Rules and blank lines at either end are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from supportbench.languages.patterns import markers
from supportbench.message.match import normalise
from supportbench.message.quoting import is_decoration, layout, text_lines

SIGNATURE_MAX_LINES = 15  # a sign-off further from the end than this is prose, not a signature
CONTACT_BLOCK_MAX_LINES = 6
CONTACT_LINE_MAX_CHARS = 60
TEAM_LINE_MAX_LINES = 2
TEAM_LINE_MAX_WORDS = 6
FOOTER_MAX_WORDS = 8  # "Sent from my iPhone" is short; "Sent from my desk, is much easier..." is prose
_DASH_NAME = re.compile(r"^\s*[-/]\s?[^\W\d_][\w.'’]*(?:\s[^\W\d_][\w.'’]*){0,2}\s*$")  # "-Abhishek Kona", "/John"
_UNDERSCORE_RULE = re.compile(r"^\s*_{2,}\s*$")
_NAME_LINE = re.compile(r"^\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}\s*,?\s*$")
_CONTACT = re.compile(
    r"@|https?://|www\.|\+?\(?\d[\d ()./-]{6,}\d|\bvia (mobile|phone)\b|^\s*\w+\.(com|net|org|[a-z]{2})\b", re.I
)


@dataclass(frozen=True)
class ReplyText:
    new_text: str
    signature: str
    quoted: str  # quoted history, our probe's lines included: evidence for "the question was quoted"


def extract_reply(text: str, probe_lines: Collection[str] = ()) -> ReplyText:
    """Split a reply's text; `probe_lines` are the probe's lines as `match.normalise` gives them."""
    lines = text_lines(text)
    found = layout(lines)
    own: list[str] = []
    quoted: list[str] = [lines[index] for index in found.quoted]
    for index in found.own:
        line = lines[index]
        if probe_lines and line.strip() and normalise(line) in probe_lines:
            quoted.append(line)
        else:
            own.append(line)
    quoted += lines[found.history_at :]
    body, signature = _split_signature(_without_edge_decoration(own))
    return ReplyText(_tidy(body), _tidy(signature), _tidy(quoted))


def _without_edge_decoration(lines: list[str]) -> list[str]:
    """Rules and blank lines at either end are a layout's, not the writer's."""
    start, end = 0, len(lines)
    while start < end and is_decoration(lines[start]):
        start += 1
    while end > start and is_decoration(lines[end - 1]):
        end -= 1
    return lines[start:end]


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    for index, line in enumerate(lines):
        if line.rstrip() == "--" or line == "-- ":
            return lines[:index], lines[index + 1 :]
    marks = markers()
    first_candidate = max(1, len(lines) - SIGNATURE_MAX_LINES)
    starts = []
    # The last sign-off: "Thanks!" as a reply's second line is courtesy, not a signature.
    sign_off = next((i for i in range(len(lines) - 1, first_candidate - 1, -1) if marks.sign_off.match(lines[i])), None)
    if sign_off is not None:
        starts.append(sign_off)
    for index in range(first_candidate, len(lines)):
        line = lines[index]
        if _UNDERSCORE_RULE.match(line) or _device_footer(line) or _closing_dash_name(lines, index):
            starts.append(index)
            break
    contact = _contact_block(lines)
    if contact is not None:
        starts.append(contact)
    team = _team_line(lines)
    if team is not None:
        starts.append(team)
    if not starts:
        return lines, []
    start = min(starts)
    return lines[:start], lines[start:]


def _closing_dash_name(lines: list[str], index: int) -> bool:
    """ "-Abhishek Kona" or "/John" as the last words (a list's footer may follow), not a list item."""
    if not _DASH_NAME.match(lines[index]):
        return False
    following = next((line for line in lines[index + 1 :] if line.strip()), None)
    return following is None or bool(_UNDERSCORE_RULE.match(following))


def _device_footer(line: str) -> bool:
    if not markers().device_footer.match(line):
        return False
    words = re.sub(r"<[^>]*>", "", line).split()
    return len(words) <= FOOTER_MAX_WORDS and "," not in line


def _last_paragraph(lines: list[str]) -> int:
    """Where the last paragraph starts (after the last blank line); 0 when there is only one."""
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return start


def _contact_block(lines: list[str]) -> int | None:
    """Where a closing block of a name and contact details starts ("Gina X / gina@x.com / (555) ...")."""
    start = _last_paragraph(lines)
    block = lines[start:]
    if start == 0 or not 2 <= len(block) <= CONTACT_BLOCK_MAX_LINES:
        return None
    if any(len(line.strip()) > CONTACT_LINE_MAX_CHARS for line in block) or not _NAME_LINE.match(block[0]):
        return None
    return start if any(_CONTACT.search(line) for line in block[1:]) else None


def _team_line(lines: list[str]) -> int | None:
    """A closing paragraph that only names the team: "Zespół Meble Sosna", "Команда «Книжного Дома»"."""
    start = _last_paragraph(lines)
    block = [line.strip() for line in lines[start:]]
    if start == 0 or not 1 <= len(block) <= TEAM_LINE_MAX_LINES:
        return None
    short = all(len(line.split()) <= TEAM_LINE_MAX_WORDS and not line.endswith((".", "?", "!", ":")) for line in block)
    return start if short and any(markers().team.search(line) for line in block) else None


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
