"""Which lines of a reply are the sender's own words, which are quoted, which are a help desk's chrome.

Pure. Shared by `replytext` (a reply's new text, for scoring) and `classify` (an
acknowledgement quoted in a person's reply does not make the reply automatic). Markers are
recognised in every language at once, the clients of languages the benchmark does not judge
included (`patterns.markers`): desks mix them. The layout follows the message's structure:

- Quoted history without ">" starts at a quote attribution, an "Original Message" separator or
  a quoted header block, and runs to the end. An attribution is a verb such as "wrote",
  "a écrit", "napisał(a)" or "写道" ending a line (or up to three wrapped lines, or framed in
  dashes) that also names a date or an address; or a date and an address ending in ":" with no
  verb at all ("2014-03-20 8:48 GMT+01:00 Rémi <r@example.com>:"). A header block is two or
  more header fields in a row ("From:"/"Sent:", "Van:"/"Verzonden:", "De :"/"Objet :").
- An attribution followed by ">" lines only introduces that quoted block: unquoted lines after
  it are the sender's again (answers written inline between the questions, or below the quote).
- A forwarded message ("---------- Forwarded message ----------") is content the sender passes
  on, not history: its header block does not end the sender's words.
- A help desk's "reply above this line" marker ends the sender's words when it follows them; at
  the top of a desk's notification it is chrome, like "Your request (48213) has been updated".
- A desk's comment header, a name over a date and time ("Sarah (Brightdesk)" / "1 Dec 2026,
  11:15 CET"), is chrome above the agent's words and starts the earlier conversation below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from supportbench.languages import LANGUAGES
from supportbench.languages.patterns import markers
from supportbench.message.phrases import Phrases

ATTRIBUTION_MAX_LINES = 3  # clients wrap long attributions: "On ..., Name <\naddress>\nwrote:"
ATTRIBUTION_MAX_CHARS = 300
HEADER_BLOCK_WINDOW = 5  # a quoted header's other fields follow its first within this many lines
_DATE_OR_TIME = re.compile(r"\d{1,2}[:.h]\d{2}|\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\s*\w{3,}\.?\s+\d{4}")
_ADDRESS = re.compile(r"@|<[^>\s]*@|\(\S+@")
_DIGIT = re.compile(r"\d")
_DECORATION = re.compile(r"^[\s\-_=*#~.—–]*$")
# A desk notification's comment time: "1 Dec 2026, 11:15 CET", "Dec 1, 2026, 11:15 GMT+1", "01.12.2026 10:02".
_COMMENT_TIME = re.compile(
    r"^\s*(?:\w{2,9}\.?,?\s+)?"
    r"(?:\d{1,2}[ ./-]\s?\w{2,9}\.?[ ./-]\s?\d{2,4}|\w{3,9}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r",?\s+(?:at\s+|klo\s+|o\s+|в\s+|la\s+|um\s+)?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s+\(?[A-Z][\w+:-]{1,8}\)?)?\s*$",
    re.I,
)
# Searched on every line of every message: as factored phrase trees (`phrases`), several times
# faster than one case-insensitive alternation.
_REPLY_ABOVE = Phrases(*(language.reply_above for language in LANGUAGES.values()))
_DESK_CHROME = Phrases(*(language.desk_chrome for language in LANGUAGES.values()))
_DESK_MARKER = re.compile(r"^\s*#{2,}-.*-#{2,}\s*$")  # Zendesk's "##- ... -##" in any language
_DESK_ID = re.compile(r"^\s*\[[A-Z0-9]{6}-[A-Z0-9]{4}\]\s*$")  # Zendesk's thread id at a notification's foot
# "reply--- On Wed, Apr 4, 2012 at 3:59 PM, me@example.com wrote:": an attribution glued to a line's end.
_GLUED = re.compile(r"(?<=\S)-{2,}\s*(?=\S[^\n]{10,}$)")


@dataclass(frozen=True)
class Layout:
    """A reply's lines by role, as indices into its lines."""

    own: tuple[int, ...]  # the sender's own words, blank lines included
    quoted: tuple[int, ...]  # ">" lines, and the attributions that introduce them
    chrome: tuple[int, ...]  # a help desk's notification lines
    history_at: int  # where quoted history without ">" starts: len(lines) when there is none


def text_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [part for line in lines for part in _unglued(line)]


def is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def layout(lines: list[str]) -> Layout:
    marks = markers()
    own: list[int] = []
    quoted: list[int] = []
    chrome: list[int] = []
    forwarding = False  # inside a forwarded message: its header block is content
    index = 0

    def ended(at: int) -> Layout:
        return Layout(tuple(own), tuple(quoted), tuple(chrome), at)

    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            own.append(index)
        elif is_quoted(line) or _wrapped_quote(lines, index):
            quoted.append(index)
        elif _REPLY_ABOVE.search(stripped) is not None or _DESK_MARKER.match(stripped):
            if _has_words(lines, own):
                return ended(index)
            chrome.append(index)
        elif _DESK_CHROME.search(stripped) is not None or _DESK_ID.match(stripped):
            chrome.append(index)
        elif header := _comment_header(lines, index):
            if _has_words(lines, own):
                return ended(index)
            chrome.extend(header)
            index = header[-1] + 1
            continue
        elif marks.forwarded.match(stripped):
            forwarding = True
            own.append(index)
        elif marks.original_message.match(stripped):
            return ended(index)
        elif span := attribution_span(lines, index):
            following = _next_written(lines, index + span)
            if following is None or not is_quoted(lines[following]):
                return ended(index)
            quoted.extend(range(index, index + span))
            index += span
            continue
        elif not forwarding and _header_block(lines, index):
            return ended(index)
        else:
            own.append(index)
        index += 1
    return ended(len(lines))


def words_of(text: str) -> tuple[str, str]:
    """What the sender wrote in this message (quoted history and a desk's chrome set aside), and
    that with the chrome: the first for what a message says, the second for what it is about."""
    lines = text_lines(text)
    found = layout(lines)
    own = "\n".join(lines[index] for index in found.own)
    unquoted = "\n".join(lines[index] for index in sorted((*found.own, *found.chrome)))
    return own, unquoted


def attribution_span(lines: list[str], index: int) -> int:
    """How many lines the quote attribution starting at `index` spans; 0 when there is none."""
    if _is_attribution(lines[index]):
        return 1
    line = lines[index].rstrip()
    if line.endswith((".", "!", "?", ";")) or index + 1 >= len(lines):
        return 0  # a sentence of the reply, not the start of a wrapped attribution
    if not any(_could_end_attribution(later) for later in lines[index + 1 : index + ATTRIBUTION_MAX_LINES]):
        return 0  # a wrapped attribution ends in a colon, a dashed frame or the verb: none follows
    if not _unclosed(line) and not _continues(lines[index + 1]) and _wrapped_attribution(lines, index + 1):
        return 0  # the attribution starts on the next line: this one is the reply's
    return _wrapped_attribution(lines, index)


def _wrapped_attribution(lines: list[str], index: int) -> int:
    joined = lines[index].strip()
    if _is_attribution(joined):
        return 1
    for span in range(2, ATTRIBUTION_MAX_LINES + 1):
        last = index + span - 1
        # A ">" line after an open "<" closes the address ("<test@example.com\n>:"); else it is a quote.
        if last >= len(lines) or not lines[last].strip() or (is_quoted(lines[last]) and not _unclosed(joined)):
            return 0
        joined = f"{joined}{'' if _unclosed(joined) else ' '}{lines[last].strip()}"
        if len(joined) > ATTRIBUTION_MAX_CHARS:
            return 0
        if _is_attribution(joined):
            return span
    return 0


def _continues(line: str) -> bool:
    """A wrapped attribution's later line: it starts inside an address ("<a@b>", "a@b>", ">:") or is the verb."""
    first = line.split(maxsplit=1)[0] if line.strip() else ""
    verb_only = markers().attribution_verb.match(line.strip().lower()) is not None
    return first.startswith(("<", "(", ">")) or "@" in first or verb_only


@lru_cache(maxsize=4096)
def _could_end_attribution(line: str) -> bool:
    stripped = line.rstrip()
    return stripped.endswith((":", "：", "-")) or markers().attribution_verb.search(stripped.lower()) is not None


@lru_cache(maxsize=4096)
def _is_attribution(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) > ATTRIBUTION_MAX_CHARS or len(stripped) < 6:
        return False
    framed = stripped.startswith("--") and stripped.endswith("--")
    core = stripped.strip("-– ").strip()
    # Every form below names an address, a date or a time, ends in a colon, or is framed: most
    # lines of a reply are none of these, and are not searched for the verbs of every client.
    if not (framed or core.endswith((":", "：")) or "@" in core or _DIGIT.search(core)):
        return False
    names_someone = bool(_ADDRESS.search(core))
    lowered = core.lower()
    verb = markers().attribution_verb.search(lowered)
    if verb is not None and verb.start() > 0:
        # It names someone or a moment before the verb ("As I wrote:" in prose does not), or is
        # framed in dashes as Android and Zoho write it ("---- John Smith wrote ----").
        return framed or names_someone or bool(_DIGIT.search(core, 0, verb.start()))
    if not core.endswith((":", "：")):
        return False
    # "Am 25.06.2015 um 10:55 schrieb Test user:": the verb before the name, a date before the verb.
    anywhere = markers().attribution_word.search(lowered)
    if anywhere is not None and _DIGIT.search(core, 0, anywhere.start()):
        return True
    # Gmail in some locales writes no verb: a date, an address, a colon.
    return names_someone and bool(_DATE_OR_TIME.search(core))


def _unclosed(text: str) -> bool:
    """A line cut inside a name or an address: "On ..., "Example.com" <"."""
    return text.count("<") > text.count(">") or text.count("(") > text.count(")")


def _header_block(lines: list[str], index: int) -> bool:
    marks = markers()
    first = marks.header_field.match(lines[index])
    if first is None:
        return False
    fields, blanks = 1, 0
    for following in lines[index + 1 : index + 1 + HEADER_BLOCK_WINDOW]:
        if not following.strip():
            blanks += 1
            if blanks > 1:
                break
            continue
        if marks.header_field.match(following):
            fields += 1
    value = lines[index][first.end() :]
    # "From:" opens a block; any other first field must carry a date (its digits) or be one of three.
    return fields >= 2 and (bool(marks.header_from.match(lines[index])) or bool(_DIGIT.search(value)) or fields >= 3)


def _wrapped_quote(lines: list[str], index: int) -> bool:
    """A quoted line its client wrapped without ">": between quoted lines, continuing a sentence in lower case."""
    if index == 0 or index + 1 >= len(lines) or not is_quoted(lines[index - 1]) or not is_quoted(lines[index + 1]):
        return False
    previous = lines[index - 1].rstrip()
    return not previous.endswith((".", "?", "!", ":", ">")) and lines[index].lstrip()[:1].islower()


def _comment_header(lines: list[str], index: int) -> list[int]:
    """A name over a date and time, as desks head each comment: the indices of both lines, or []."""
    name = lines[index].strip()
    if len(name.split()) > 8 or name.endswith((".", "!", "?", ":", ",")) or _DIGIT.search(name):
        return []  # a name has no digits and ends no sentence
    following = _next_written(lines, index + 1)
    if following is None or following > index + 2 or not _COMMENT_TIME.match(lines[following]):
        return []
    return [index, following]


def _next_written(lines: list[str], start: int) -> int | None:
    return next((index for index in range(start, len(lines)) if lines[index].strip()), None)


def _has_words(lines: list[str], indices: list[int]) -> bool:
    return any(not _DECORATION.match(lines[index]) for index in indices)


def _unglued(line: str) -> list[str]:
    if "--" not in line:
        return [line]
    for match in _GLUED.finditer(line):
        if _is_attribution(line[match.end() :]):
            return [line[: match.start()], line[match.end() :]]
    return [line]


def is_decoration(line: str) -> bool:
    """A line of dashes, underscores or stars: a separator, not words."""
    return bool(_DECORATION.match(line))
