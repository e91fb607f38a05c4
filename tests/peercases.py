"""Other reply parsers' test cases, and how our new text is judged against each.

A case's expectation is the peer's own: the whole new text (`compare: text`), the new text and
signature together (`text+sig`, for peers that do not split signatures), or a needle that must (not)
be in the new text, start it, or be in the signature. Text is compared whitespace-normalised; a token
F1 says how close a miss is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from supportbench.message.parse import parse_message
from supportbench.message.replytext import ReplyText, extract_reply


@dataclass(frozen=True)
class PeerCase:
    file: Path
    peer: str
    test: str
    language: str
    expect: str  # whole | in_text | not_in_text | starts_text | in_sig
    compare: str | None
    text: str | None
    needle: str | None


@dataclass(frozen=True)
class Outcome:
    passed: bool
    f1: float | None  # for `whole` cases
    explain: str


def load_cases(folder: Path) -> list[PeerCase]:
    cases = []
    for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append(
            PeerCase(
                folder / row["file"],
                row["peer"],
                row["test"],
                row.get("language") or "",
                row["expect"],
                row.get("compare"),
                row.get("text"),
                row.get("needle"),
            )
        )
    return cases


def normalised(text: str) -> str:
    return " ".join(text.split())


def token_f1(got: str, want: str) -> float:
    got_tokens, want_tokens = got.split(), want.split()
    if not got_tokens and not want_tokens:
        return 1.0
    remaining = list(want_tokens)
    common = 0
    for token in got_tokens:
        if token in remaining:
            remaining.remove(token)
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(got_tokens), common / len(want_tokens)
    return 2 * precision * recall / (precision + recall)


def reply_of(case: PeerCase) -> ReplyText:
    return extract_reply(parse_message(case.file.read_bytes()).text)


def judge_case(case: PeerCase) -> Outcome:
    reply = reply_of(case)
    text = reply.new_text
    if case.expect == "whole":
        got = f"{text}\n{reply.signature}" if case.compare == "text+sig" else text
        want = case.text or ""
        f1 = token_f1(normalised(got), normalised(want))
        passed = normalised(got) == normalised(want)
        return Outcome(passed, f1, f"want: {want!r}\ngot:  {got!r}")
    needle = normalised(case.needle or "")
    if case.expect == "in_sig":
        passed = needle in normalised(reply.signature)
    elif case.expect == "in_text":
        passed = needle in normalised(text)
    elif case.expect == "not_in_text":
        passed = needle not in normalised(text)
    else:  # starts_text
        passed = normalised(text).startswith(needle)
    return Outcome(passed, None, f"{case.expect} {needle!r}\ntext: {text!r}\nsig:  {reply.signature!r}")
