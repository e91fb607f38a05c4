"""`supportbench inspect`: what the benchmark sees in a message file, as data and as text."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmark.match import ProbeIndex, VendorRef
from benchmark.parse import NotAMessageError, parse_message
from benchmark.replies import interpret_parsed


def expand(paths: list[Path]) -> list[Path]:
    """Files in the order given; a folder stands for its .eml files, sorted."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.eml")) if path.is_dir() else [path])
    return files


def inspect_file(path: Path, probes: ProbeIndex | None, vendors: list[VendorRef]) -> dict[str, Any]:
    """One JSON-ready object; `error` instead of the fields when the file is no mail message."""
    try:
        parsed = parse_message(path.read_bytes())
    except OSError as exc:
        return {"file": str(path), "error": f"cannot read: {exc.strerror or exc}"}
    except NotAMessageError as exc:
        return {"file": str(path), "error": str(exc)}
    # A file has no INTERNALDATE: its Date header stands in, else "now" (every probe is earlier).
    result = interpret_parsed(parsed, parsed.date or datetime.now(UTC), probes or ProbeIndex([]), vendors)
    bounce = result.classification.bounce
    return {
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
    return "\n".join(lines)
