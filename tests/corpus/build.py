"""Write the labelled corpus: every answer in several layouts, every automatic mail, as .eml with labels.

    python -m tests.corpus.build            # the main set: tests/data/labelled
    python -m tests.corpus.build --fresh    # the set never tuned on: tests/data/labelled-fresh

Deterministic (seeded): the same pieces give the same files. Each answer is laid out in
RENDERINGS layouts (one of them inline where the answer is written per question), with a
greeting and a signature drawn in turn, so that every greeting, signature and layout appears.
The probes are the example targets.yaml's, as a shopper sends them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from supportbench.config.targets import Config, load_config
from tests.corpus import en, fi, fresh, pl, ro, ru
from tests.corpus.layouts import LAYOUTS, Laid, Pieces, inline
from tests.corpus.model import Answer, Automatic, LanguageMaterial
from tests.helpers import DATA, EXAMPLE_CONFIG

RENDERINGS = 4
MATERIALS: tuple[LanguageMaterial, ...] = (en.MATERIAL, pl.MATERIAL, ru.MATERIAL, fi.MATERIAL, ro.MATERIAL)
OUT = DATA / "labelled"
FRESH_OUT = DATA / "labelled-fresh"
REFERENCE = "48213-KQ"


def probe_parts(config: Config, material: LanguageMaterial, probe_id: str) -> tuple[str, str, tuple[str, ...]]:
    """The probe's subject, body and question sentences, as the shopper sent them to this vendor."""
    variant = config.probe(probe_id).variants[material.code]
    body = (
        variant.body.replace("{vendor_name}", material.vendor)
        .replace("{reference}", REFERENCE)
        .replace("{shopper_signature}", material.shopper)
    ).strip()
    flat = " ".join(body.split())
    questions = tuple(question.strip() for question in re.findall(r"[^.?!]*\?", flat) if len(question.split()) >= 2)
    return variant.subject, body, questions


def _message(material: LanguageMaterial, sender: str, subject: str, laid_text: str, html: str | None,
             headers: dict[str, str], in_thread: bool, index: int) -> bytes:  # fmt: skip
    message = EmailMessage()
    message["From"] = f"{material.vendor} <{sender}@{material.vendor_domain}>"
    message["To"] = f"{material.shopper} <{material.shopper_address}>"
    message["Subject"] = subject
    message["Date"] = f"Tue, 01 Dec 2026 {11 + index % 8:02d}:{index % 60:02d}:00 +0100"
    message["Message-ID"] = f"<c{index}.{material.code}@{material.vendor_domain}>"
    if in_thread:
        message["In-Reply-To"] = f"<probe-{material.code}-{index}@mysteryshop.example>"
    for name, value in headers.items():
        message[name] = value
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(laid_text)
    return message.as_bytes(policy=SMTP)


def human_cases(config: Config, material: LanguageMaterial, rng: random.Random) -> list[tuple[bytes, dict[str, Any]]]:
    cases = []
    layouts = [name for name in LAYOUTS if name != "rewritten"]
    rng.shuffle(layouts)
    for number, answer in enumerate(material.answers):
        subject, body, questions = probe_parts(config, material, answer.probe)
        for rendering in range(RENDERINGS):
            turn = number * RENDERINGS + rendering
            greeting = rng.choice(material.greetings)
            signature = rng.choice(material.signatures)
            if rendering == 0 and answer.inline is not None:
                name = "inline"
            elif turn % 11 == 5:
                name = "rewritten"
            else:
                name = layouts[turn % len(layouts)]
            pieces = Pieces(material, greeting, answer, signature, subject, body, questions,
                            f"{9 + rendering}:0{rendering}", f"{48000 + turn}")  # fmt: skip
            laid = inline(pieces) if name == "inline" else LAYOUTS[name](pieces)
            raw = _message(material, "support", laid.subject, laid.text, laid.html, {}, True, turn)
            cases.append((raw, _human_labels(material, answer, greeting.by_name, laid, name)))
    return cases


def _human_labels(material: LanguageMaterial, answer: Answer, by_name: bool, laid: Laid, layout: str) -> dict[str, Any]:
    return {
        "language": material.code,
        "probe": answer.probe,
        "layout": layout,
        "kind": "human",
        "new_text": laid.new_text,
        "questions": answer.answered,
        "checks": {
            "greeting": by_name,
            "substance": answer.substance,
            "subject_kept": laid.subject_kept,
            "signature": laid.signature_kept,
        },
    }


def automatic_cases(config: Config, material: LanguageMaterial) -> list[tuple[bytes, dict[str, Any]]]:
    cases = []
    probe_id = next(vendor.probes[0] for vendor in config.vendors if vendor.language == material.code)
    subject, _body, _questions = probe_parts(config, material, probe_id)
    for number, mail in enumerate(material.automatic):
        for rendering, html in enumerate((False, True)):
            text = mail.text
            page = "".join(f"<p>{line}</p>" for line in text.split("\n")) if html else None
            raw = _message(material, mail.sender, mail.subject.format(subject=subject), text, page, mail.headers,
                           mail.replies_in_thread, 500 + number * 2 + rendering)  # fmt: skip
            cases.append((raw, _automatic_labels(material, mail, probe_id, "html" if html else "plain")))
    return cases


def _automatic_labels(material: LanguageMaterial, mail: Automatic, probe_id: str, layout: str) -> dict[str, Any]:
    return {"language": material.code, "probe": probe_id, "layout": layout, "kind": mail.kind, "new_text": None,
            "questions": None, "checks": None}  # fmt: skip


def build(out: Path, materials: tuple[LanguageMaterial, ...] = MATERIALS) -> int:
    config = load_config(EXAMPLE_CONFIG)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.eml"):
        old.unlink()
    rows = []
    for material in materials:
        rng = random.Random(f"corpus-{material.code}-{material.vendor_domain}")
        cases = human_cases(config, material, rng) + automatic_cases(config, material)
        for number, (raw, labels) in enumerate(cases):
            name = f"{material.code}-{number:03d}-{labels['layout']}.eml"
            (out / name).write_bytes(raw)
            rows.append({"file": name, **labels})
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (out / "labels.jsonl").write_text(lines, encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="write the set never tuned on")
    args = parser.parse_args()
    out, materials = (FRESH_OUT, fresh.MATERIALS) if args.fresh else (OUT, MATERIALS)
    print(f"{build(out, materials)} labelled messages written to {out}")


if __name__ == "__main__":
    main()
