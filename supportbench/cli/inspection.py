"""`supportbench inspect`: what the benchmark sees in a message file, as data and as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from supportbench.config.targets import Config
from supportbench.errors import SupportbenchError
from supportbench.inbound.replies import interpret_parsed
from supportbench.judging import etiquette
from supportbench.judging.analysis import PROBLEM_CATEGORY, LinkedMessage, SentProbe, analyse
from supportbench.judging.etiquette import squeezed
from supportbench.message.language import detect_language
from supportbench.message.match import ProbeIndex, VendorIndex
from supportbench.message.parse import NotAMessageError, ParsedMessage, parse_message
from supportbench.message.replytext import extract_reply
from supportbench.pipeline.evaluation import question_terms, sent_probe
from supportbench.store.rows import OutboxRow
from supportbench.timing.businesstime import BusinessCalendar
from supportbench.timing.hours import build_weekly_hours

# Inspecting a file judges its words, not its timing: an always-open calendar in UTC.
_TIMELESS = BusinessCalendar(build_weekly_hours({"mon-sun": "00:00-24:00"}), ZoneInfo("UTC"))


def expand(paths: list[Path]) -> list[Path]:
    """Files in the order given; a folder stands for the .eml files in it and below, sorted
    (a folder with none stays itself, to be reported)."""
    files: list[Path] = []
    for path in paths:
        found = sorted(path.rglob("*.eml")) if path.is_dir() else []
        files.extend(found or [path])
    return files


# Which variant of the probe a file answers: chosen from the file's subject and detected language.
ProbeForLanguage = Callable[[str, str], SentProbe]


def probe_from_config(config: Config, probe_id: str) -> ProbeForLanguage:
    """`--probe` naming a probe of targets.yaml: judged in the reply's language where the probe has it."""
    try:
        probe = config.probe(probe_id)
    except KeyError:
        known = ", ".join(p.id for p in config.probes)
        raise SupportbenchError(f"--probe {probe_id}: no such probe in the config (known: {known})") from None

    def for_language(detected: str, subject: str) -> SentProbe:
        # The variant whose subject the reply keeps, else the reply's language, else the first.
        by_subject = [code for code, v in probe.variants.items() if squeezed(v.subject) in squeezed(subject)]
        fallback = detected if detected in probe.variants else next(iter(probe.variants))
        language = by_subject[0] if len(by_subject) == 1 else fallback
        users = [v for v in config.vendors if probe_id in v.probes and v.language == language]
        shopper = config.shopper(users[0].shopper) if users else config.shoppers[0]
        variant = probe.variants[language]
        return SentProbe(
            outbox_id=0, vendor_id=users[0].id if users else "", probe_id=probe.id, category=probe.category,
            language=language, subject=variant.subject.replace("{reference}", ""), text=variant.body,
            sent_at=datetime.now(UTC), shopper_name=shopper.name, questions=question_terms(probe, language),
        )  # fmt: skip

    return for_language


def probe_from_store(config: Config, row: OutboxRow) -> ProbeForLanguage:
    """`--probe` naming a sent probe (its outbox id) in the store given with --db."""
    sent = sent_probe(row, _find(config.probes, row["probe_id"]), _find(config.shoppers, row["shopper_id"]))
    return lambda _detected, _subject: sent


def _find(items: Sequence[Any], item_id: str) -> Any:
    return next((item for item in items if item.id == item_id), None)


def inspect_file(
    path: Path, probes: ProbeIndex | None, vendors: VendorIndex, probe: ProbeForLanguage | None = None
) -> dict[str, Any]:
    """One JSON-ready object; `error` instead of the fields when the file is no mail message.

    With `probe`, the message is also judged as a reply to it: questions, completeness, checks.
    """
    if path.is_dir():
        return {"file": str(path), "error": "a folder with no .eml files in it or below"}
    try:
        parsed = parse_message(path.read_bytes())
    except OSError as exc:
        return {"file": str(path), "error": f"cannot read: {exc.strerror or exc}"}
    except NotAMessageError as exc:
        return {"file": str(path), "error": str(exc)}
    # A file has no INTERNALDATE: its Date header stands in, else "now" (every probe is earlier).
    arrived = parsed.date or datetime.now(UTC)
    result = interpret_parsed(parsed, arrived, probes or ProbeIndex([]), vendors)
    bounce = result.classification.bounce
    reply = extract_reply(parsed.text)
    language = detect_language(reply.new_text)
    report = {
        "file": str(path),
        "kind": result.classification.kind,
        "reasons": result.classification.reasons,
        "bounce": asdict(bounce) if bounce else None,
        "message_id": parsed.message_id,
        "in_reply_to": parsed.in_reply_to[0] if parsed.in_reply_to else None,
        "subject": parsed.subject,
        "from": parsed.from_address,
        "match": (
            {"probe": result.match.outbox_id, "method": result.match.method, "confidence": result.match.confidence}
            if result.match and probes is not None
            else None
        ),
        "text": reply.new_text,
        "signature": reply.signature,
        "language": language.code,
    }
    if probe is not None:
        judged_as = probe(language.code, parsed.subject)
        report.update(_judged_as_reply(parsed, arrived, result.classification.kind, judged_as))
    return report


def _judged_as_reply(parsed: ParsedMessage, arrived: datetime, kind: str, probe: SentProbe) -> dict[str, Any]:
    kind = kind if kind in ("auto_reply", "human") else "human"  # judge its words even if it is no reply
    probe = replace(probe, sent_at=min(probe.sent_at, arrived))  # a file answers a probe sent before it
    message = LinkedMessage(0, kind, "inbox", arrived, parsed)
    facts = analyse(probe, [message], _TIMELESS, arrived)
    own = facts["messages"][0]
    # A file has no folder, and a promise is kept or broken by a later message: neither is judged here.
    judged = {name: check for name, check in facts["checks"].items() if name not in ("inbox", "promise_kept")}
    if kind == "human":
        # A file alone says nothing of lateness; only a reported problem can call for an apology.
        apology = etiquette.apology(facts["apologies"], late=False, problem=probe.category == PROBLEM_CATEGORY)
        judged["apology"] = {"passed": apology.passed, "evidence": apology.evidence}
    checks: dict[str, Any] = {name: check["passed"] for name, check in judged.items()}
    if facts["promise"]:
        checks["promised_hours"] = facts["promise"]["hours"]
    return {
        "text": own.get("text", ""),
        "signature": own.get("signature", ""),
        "questions": [
            {"id": q["id"], "answered": q["answered"], "evidence": q["evidence"], "sentence": q.get("sentence", "")}
            for q in facts["questions_first"]
        ],
        "completeness": facts["completeness_first"],
        "checks": checks,
        "evidence": {name: check["evidence"] for name, check in judged.items()},
    }


def as_text(report: dict[str, Any]) -> str:
    """The same report, for a person reading a terminal."""
    if "error" in report:
        return f"{report['file']}\n  error     {report['error']}"
    lines = [
        report["file"],
        f"  kind      {report['kind']}",
        *(f"            - {reason}" for reason in report["reasons"]),
        f"  from      {report['from'] or '-'}",
        f"  subject   {report['subject'] or '-'}",
        f"  id        {report['message_id'] or '-'}"
        + (f"  (in reply to {report['in_reply_to']})" if report["in_reply_to"] else ""),
    ]
    if report["bounce"]:
        bounce = report["bounce"]
        lasting = "permanent" if bounce["permanent"] else "transient"
        lines.append(
            f"  bounce    {bounce['recipient'] or 'recipient unknown'}, status {bounce['status'] or '-'}, {lasting}"
        )
    if report["match"]:
        match = report["match"]
        lines.append(f"  match     probe {match['probe']} by {match['method']} (confidence {match['confidence']})")
    lines.append(f"  language  {report['language']}")
    lines += ["  text      " + line for line in (report["text"] or "-").splitlines()[:12]]
    if report["signature"]:
        lines += ["  signature " + line for line in report["signature"].splitlines()[:6]]
    for question in report.get("questions", []):
        mark = "answered" if question["answered"] else "missing "
        lines.append(f"  question  {question['id']}: {mark} ({', '.join(question['evidence'])})")
        if question.get("sentence"):
            lines.append(f"            in {question['sentence']!r}")
    for name, verdict in report.get("checks", {}).items():
        if name != "promised_hours":
            shown = {True: "pass", False: "FAIL", None: "n/a "}[verdict]
            lines.append(f"  check     {shown} {name}: {report['evidence'].get(name, '')}")
    if "promised_hours" in report.get("checks", {}):
        lines.append(f"  promise   {report['checks']['promised_hours']:g} h")
    return "\n".join(lines)
