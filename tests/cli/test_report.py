"""From a sent probe to ranked vendors: the lab end to end, then `report`, `rescore` and `inspect --probe`."""

from __future__ import annotations

import asyncio
import json
import secrets
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportbench.lab import MailLab
from supportbench.outbound.sending import Sender
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.cli.test_cli import run_cli
from tests.helpers import SHOPPER_PASSWORD_ENV, folder_messages, lab_config_data, make_config, submit

GOOD = """Hello Alex,

thank you for asking. You can call us on +44 20 7946 0123, Monday to Friday from nine to five.
If anything else is unclear, just reply to this message.

Kind regards,
Jane Smith
Acme Support
+44 20 7946 0123 | jane@{domain}

On {date}, Alex Morgan <{shopper}> wrote:
> {quoted}
"""
CURT = "See our website.\n"


@dataclass(frozen=True)
class Exchange:
    """Two probes sent through the lab, a good and a curt reply fetched and judged."""

    config_path: Path
    db: Path
    rows: dict[str, dict[str, Any]]  # `report --format json` by vendor


@pytest.fixture(scope="module")
def exchange(lab: MailLab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exchange]:
    tmp_path = tmp_path_factory.mktemp("report")
    lab_tls = ssl.create_default_context(cafile=str(lab.ca_file))
    token = secrets.token_hex(3)
    shopper = lab.add_user(f"shopper-{token}@shopper.test")
    good, curt = lab.add_user(f"support-{token}@good.test"), lab.add_user(f"help-{token}@curt.test")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(SHOPPER_PASSWORD_ENV, shopper.password)
        data = lab_config_data(lab, shopper, [good.address, curt.address], SHOPPER_PASSWORD_ENV)
        for vendor in data["vendors"]:
            vendor["hours"] = {"mon-sun": "00:00-24:00"}
        config_path = tmp_path / "targets.yaml"
        config_path.write_text(yaml.safe_dump(data, allow_unicode=True))
        config = make_config(data)
        db = tmp_path / "sb.db"
        with Store.open(db) as store:
            sender = Sender(config, store)
            probes = {}
            for vendor in ("vendor0", "vendor1"):
                result = asyncio.run(sender.send_probe(vendor, datetime.now(UTC) - timedelta(minutes=5)))
                assert result.state == "sent", result.detail
                probes[vendor] = store.outbox_row(result.outbox_id or 0)
        good_probe = probes["vendor0"]
        quoted = good_probe["raw"].decode().split("\r\n\r\n", 1)[1].strip().replace("\r\n", "\n> ")
        body = GOOD.format(domain="good.test", date="Tue, 24 Nov 2026", shopper=shopper.address, quoted=quoted)
        submit(lab, good, shopper.address, lab_tls, body=body, Subject=f"Re: {good_probe['subject']}",
               In_Reply_To=good_probe["message_id"])  # fmt: skip
        submit(lab, curt, shopper.address, lab_tls, body=CURT, Subject=f"RE: {probes['vendor1']['subject']}",
               In_Reply_To=probes["vendor1"]["message_id"])  # fmt: skip
        wait_for(lambda: len(folder_messages(lab, shopper, lab_tls)) >= 2, timeout=30, what="both replies delivered")
        fetched = run_cli("fetch", "-c", str(config_path), "--db", str(db))
        assert fetched.returncode == 0, fetched.stderr
        assert "evaluated 2 probes" in fetched.stdout
        result = run_cli("report", "-c", str(config_path), "--db", str(db), "--format", "json")
        assert result.returncode == 0, result.stderr
        yield Exchange(config_path, db, {row["vendor"]: row for row in json.loads(result.stdout)["vendors"]})


def test_report_json_ranks_the_good_desk_above_the_curt_one(exchange: Exchange) -> None:
    rows = exchange.rows
    required = {"vendor", "rank", "score", "grade", "probes", "response_rate", "response_rate_ci", "median_hours",
                "p90_hours", "within_deadline", "completeness", "etiquette", "provisional"}  # fmt: skip
    assert required <= set(rows["vendor0"])
    good_row, curt_row = rows["vendor0"], rows["vendor1"]
    assert good_row["probes"] == curt_row["probes"] == 1
    assert good_row["response_rate"] == 1.0 and len(good_row["response_rate_ci"]) == 2
    assert 0 < good_row["median_hours"] < 1  # minutes, measured from our send time to the server's arrival time
    assert good_row["completeness"] == 1.0 and curt_row["completeness"] == 0.0
    assert good_row["score"] > curt_row["score"]
    assert good_row["provisional"] and curt_row["provisional"]  # one probe each is not enough to be sure


def test_each_criterion_keeps_its_verdict(exchange: Exchange) -> None:
    with Store.open_readonly(exchange.db) as store:
        evidence = {row["vendor_id"]: row["criteria"] for row in store.outcomes("seed-etiquette", with_criteria=True)}
    assert evidence["vendor0"]["greeting"]["passed"] is True and evidence["vendor1"]["greeting"]["passed"] is False
    assert evidence["vendor0"]["signature"]["passed"] is True
    assert evidence["vendor1"]["substance"]["passed"] is False


@pytest.mark.parametrize(("output", "marker"), [("markdown", "| rank | could be |"), ("csv", "vendor,name,probes"),
                                                ("table", "rank  could be  vendor")])  # fmt: skip
def test_report_formats(exchange: Exchange, output: str, marker: str) -> None:
    shown = run_cli("report", "-c", str(exchange.config_path), "--db", str(exchange.db), "--format", output)
    assert shown.returncode == 0 and marker in shown.stdout, shown.stdout + shown.stderr


def test_report_period_and_an_unknown_standard(exchange: Exchange) -> None:
    where = ("-c", str(exchange.config_path), "--db", str(exchange.db))
    later = run_cli("report", *where, "--since", "2099-01-01", "--format", "json")
    assert {row["probes"] for row in json.loads(later.stdout)["vendors"]} == {0}
    earlier = run_cli("report", *where, "--until", "2000-01-01", "--format", "json")
    assert {row["probes"] for row in json.loads(earlier.stdout)["vendors"]} == {0}
    backwards = run_cli("report", *where, "--since", "2026-02-01", "--until", "2026-01-01")
    assert backwards.returncode == 1 and "--until is before --since" in backwards.stderr
    wrong = run_cli("report", *where, "--standard", "nope")
    assert wrong.returncode == 1 and "no standard named 'nope'" in wrong.stderr and "Traceback" not in wrong.stderr


def test_rescore_keeps_every_score(exchange: Exchange) -> None:
    where = ("-c", str(exchange.config_path), "--db", str(exchange.db))
    rescored = run_cli("rescore", *where)
    assert rescored.returncode == 0 and "evaluated 2 probes" in rescored.stdout
    again = run_cli("report", *where, "--format", "json")
    assert {row["vendor"]: row["score"] for row in json.loads(again.stdout)["vendors"]} == {
        vendor: row["score"] for vendor, row in exchange.rows.items()
    }
