"""Mutants of real mail and of targets.yaml: no exception escapes, each input costs bounded time.

The mail is the repository's copy of the corpora (tests/data): bounces from many MTAs, replies
laid out by many clients and help desks. Each mutant (bit flips, truncation, a repeated slice,
a broken charset, deep MIME nesting, a header of parentheses, deeply nested HTML) goes through
what `fetch` and `rescore` do with a message: parse, classify, match, then the probe's facts
and every standard's verdict. The seeds are fixed: a failure reproduces.
"""

from __future__ import annotations

import random
import resource
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from supportbench.config.standards import BUILT_IN
from supportbench.config.targets import parse_config
from supportbench.errors import ConfigError
from supportbench.inbound.replies import interpret
from supportbench.judging.analysis import LinkedMessage, SentProbe, analyse
from supportbench.judging.scoring import judge
from supportbench.message.match import ProbeIndex, ProbeRef, VendorIndex, VendorRef
from supportbench.timing.businesstime import BusinessCalendar
from supportbench.timing.hours import build_weekly_hours
from tests.helpers import DATA, EXAMPLE_CONFIG

MAIL_MUTANTS = 2000
CONFIG_MUTANTS = 300
SECONDS_PER_INPUT = 1.0
MEMORY_GROWTH_KB = 400_000  # the whole run's peak may grow by this much at most

SENT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
PROBE = SentProbe(
    outbox_id=1, vendor_id="acme", probe_id="p", category="pre-sales", language="en", subject="Two questions",
    text="Hello,\nI have two questions (K7Q2-19).\nWhat is your phone number?\nAlex\n", sent_at=SENT,
    shopper_name="Alex Morgan", questions=(),
)  # fmt: skip
PROBES = ProbeIndex([ProbeRef(1, "acme", "<p1@shop.example>", "K7Q2-19", "support@acme.example", SENT, ())])
VENDORS = VendorIndex([VendorRef("acme", frozenset({"support@acme.example"}), frozenset({"acme.example"}))])
CALENDAR = BusinessCalendar(build_weekly_hours({"mon-fri": "09:00-17:00"}), ZoneInfo("Europe/London"))


def mutate(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    kind = rng.randrange(8)
    if kind == 0 and data:
        for _ in range(rng.randrange(1, 30)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        del data[rng.randrange(len(data) + 1) :]
    elif kind == 2:
        start, end = sorted(rng.randrange(len(data) + 1) for _ in range(2))
        data[end:end] = data[start:end] * rng.randrange(2, 6)
    elif kind == 3:
        broken = rng.choice([b"charset=undefined;x=", b"charset=\x00", b"charset=utf-7;", b'charset="', b"charset=x-"])
        data = bytearray(bytes(data).replace(b"charset=", broken, 1))
    elif kind == 4:
        depth = rng.choice([50, 200, 1500])
        nested = b"".join(
            b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (n, n) for n in range(depth)
        )
        data = bytearray(b"From: a@acme.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n" + nested + b"\r\nhi\r\n")
    elif kind == 5:
        parens = b"(" * rng.choice([50, 5_000, 200_000])
        data = bytearray(b"From: " + parens + b"a@acme.example\r\nSubject: s\r\n\r\nbody\r\n")
    elif kind == 6:
        divs = b"<div>" * rng.choice([100, 2_000, 50_000])
        data = bytearray(b"From: a@acme.example\r\nContent-Type: text/html\r\n\r\n" + divs + b"hello")
    else:
        wrapped = b"\r\nContent-Type: message/rfc822\r\n\r\n" * rng.randrange(1, 40)
        data = bytearray(bytes(data).replace(b"\r\n\r\n", wrapped, 1))
    return bytes(data)


def read_as_rescore_does(raw: bytes) -> None:
    interpretation = interpret(raw, SENT + timedelta(hours=3), PROBES, VENDORS)
    if interpretation.parsed is None or interpretation.classification.kind in ("unrelated", "unreadable"):
        return
    kind = interpretation.classification.kind
    linked = LinkedMessage(1, kind, "inbox", SENT + timedelta(hours=3), interpretation.parsed, None)
    facts = analyse(PROBE, [linked], CALENDAR, SENT + timedelta(days=3))
    for standard in BUILT_IN.values():
        judge(facts, standard, CALENDAR)


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_mutants_of_real_mail_never_raise_and_each_costs_under_a_second() -> None:
    corpus = sorted(DATA.rglob("*.eml"))
    assert len(corpus) > 500, "the corpora are in tests/data"
    for warm_up in corpus[::50]:  # lazy loading (language models, codecs) is not a message's cost
        read_as_rescore_does(warm_up.read_bytes())
    rng = random.Random(20261203)
    before, slowest = peak_kb(), (0.0, "")
    for number in range(MAIL_MUTANTS):
        source = rng.choice(corpus)
        raw = mutate(source.read_bytes(), rng)
        started = time.perf_counter()
        read_as_rescore_does(raw)  # an exception fails the test, naming the mutant below
        took = time.perf_counter() - started
        slowest = max(slowest, (took, f"mutant {number} of {source.name}"))
    assert slowest[0] < SECONDS_PER_INPUT, slowest
    assert peak_kb() - before < MEMORY_GROWTH_KB


def mutate_config(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    kind = rng.randrange(6)
    index = rng.randrange(len(lines))
    if kind == 0:
        del lines[index]
    elif kind == 1:
        lines.insert(index, lines[rng.randrange(len(lines))])
    elif kind == 2:  # a value replaced by another type
        key, colon, _ = lines[index].partition(":")
        if colon:
            lines[index] = key + ": " + rng.choice(["5", "[[a]]", "{x: 1}", "~", "-1", "99999999999999d", '"\\0"',
                                                    "[" * 60 + "]" * 60, "''", "true"])  # fmt: skip
    elif kind == 3:  # indentation shifted
        lines[index] = " " * rng.choice([1, 2, 4]) + lines[index]
    elif kind == 4 and lines[index]:
        position = rng.randrange(len(lines[index]))
        line = lines[index]
        lines[index] = line[:position] + chr(rng.randrange(32, 0x3000)) + line[position + 1 :]
    else:  # an alias bomb added under an x- key
        lines += ["x-bomb:", "  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        lines += [f"  b{n}: &b{n} [{', '.join(['*a' if n == 0 else f'*b{n - 1}'] * 10)}]" for n in range(7)]
    return "\n".join(lines) + "\n"


def test_mutants_of_targets_yaml_are_accepted_or_located_never_an_internal_error() -> None:
    text = EXAMPLE_CONFIG.read_text()
    parse_config(text)  # the first call imports what validation needs (holiday calendars)
    rng = random.Random(20261204)
    outcomes = {"ok": 0, "problems": 0}
    for number in range(CONFIG_MUTANTS):
        mutant = mutate_config(text, rng)
        started = time.perf_counter()
        try:
            parse_config(mutant, source="targets.yaml")
            outcomes["ok"] += 1
        except ConfigError as exc:
            assert exc.problems and all(problem.strip() for problem in exc.problems), number
            outcomes["problems"] += 1
        assert time.perf_counter() - started < SECONDS_PER_INPUT, f"mutant {number}"
    assert outcomes["ok"] and outcomes["problems"]  # both kinds of mutant were made


@pytest.mark.parametrize("text", ["", "\x00", "x: [", "- 1", "a: *nowhere", "? [a]\n: b", "%YAML 9.9\n---\nx: 1"])
def test_odd_yaml_documents_are_located_problems(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_config(text)
    assert yaml  # the module under the parser (kept imported: its errors are what is translated)
