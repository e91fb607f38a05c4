"""The command line as a user meets it: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from supportbench.lab import MailLab
from supportbench.store.catalog import read_catalog
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.helpers import DATA, EXAMPLE_CONFIG, MINIMAL, folder_messages

SUPPORTBENCH = [sys.executable, "-m", "supportbench"]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUPPORTBENCH, *args], capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})}
    )


def test_check_accepts_the_example() -> None:
    result = run_cli("check", str(EXAMPLE_CONFIG))
    assert result.returncode == 0, result.stderr
    assert "OK: 5 shoppers, 6 vendors" in result.stdout
    assert "plan: results stop being provisional (5 decided probes under seed-etiquette)" in result.stdout


def test_check_says_which_secrets_this_environment_lacks_without_showing_any(tmp_path: Path) -> None:
    config = tmp_path / "targets.yaml"
    config.write_text(MINIMAL)  # its shopper's password is in ALEX_PW
    lacking = run_cli("check", str(config), env={"ALEX_PW": ""})
    assert (
        lacking.returncode == 0 and "not set in this environment (needed to send and read): ALEX_PW" in lacking.stdout
    )
    present = run_cli("check", str(config), env={"ALEX_PW": "s3cret-value"})
    assert "not set" not in present.stdout and "s3cret-value" not in present.stdout


def test_check_reports_located_problems_with_exit_1_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "targets.yaml"
    bad.write_text(MINIMAL.replace('"09:00-17:00"', '"9-17"').replace("country: GB", "country: XX"))
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "2 problems found:" in result.stderr
    assert 'vendors[0].hours.mon-fri: must look like "09:00-17:00"' in result.stderr
    assert "(targets.yaml line 14)" in result.stderr


def test_missing_config_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "file not found" in result.stderr and "Traceback" not in result.stderr


def test_check_connect_logs_in_to_the_lab(lab: MailLab, tmp_path: Path, new_mailbox) -> None:  # type: ignore[no-untyped-def]
    shopper = new_mailbox("shopper")
    config = yaml.safe_load(MINIMAL)
    config["shoppers"] = [lab.shopper_settings(shopper, "Alex Morgan", "LAB_SHOPPER_PW")]
    config["vendors"][0]["shopper"] = config["shoppers"][0]["id"]
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))

    result = run_cli("check", "--connect", str(path), env={"LAB_SHOPPER_PW": shopper.password})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "AUTH ok" in result.stdout and "TLSv1." in result.stdout
    assert "Junk folder 'Junk' (special-use \\Junk flag)" in result.stdout

    wrong = run_cli("check", "--connect", str(path), env={"LAB_SHOPPER_PW": "wrong"})
    assert wrong.returncode == 1
    assert "FAIL" in wrong.stdout and "sign-in refused" in wrong.stdout
    assert "[AUTHENTICATIONFAILED]" in wrong.stdout  # the server's own words, not a guess
    assert "wrong" not in wrong.stdout.replace("wrong.", "")  # the password is never echoed

    unset = run_cli("check", "--connect", str(path), env={"LAB_SHOPPER_PW": ""})
    assert "environment variable LAB_SHOPPER_PW is not set" in unset.stdout


@pytest.mark.lab  # starts servers of its own
def test_lab_up_prints_a_shoppers_block_and_lab_down_stops_it(tmp_path: Path) -> None:
    state = tmp_path / "lab-state.json"
    env = {**os.environ, "SUPPORTBENCH_LAB_STATE": str(state)}
    process = subprocess.Popen(
        [*SUPPORTBENCH, "lab", "up", "--mailbox", "support@acme.test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        wait_for(lambda: lines.append(process.stdout.readline()) or "Ctrl-C" in lines[-1], timeout=60, what="lab up")  # type: ignore[union-attr]
        printed = "".join(lines)
        block = yaml.safe_load("\n".join(line for line in lines if not line.startswith(("#", "export"))))
        shopper = block["shoppers"][0]
        assert shopper["smtp"]["security"] == "starttls" and shopper["imap"]["security"] == "tls"
        assert shopper["smtp"]["password_env"] == "SUPPORTBENCH_LAB_PASSWORD"
        assert "export SUPPORTBENCH_LAB_PASSWORD=" in printed
        assert state.exists()

        down = subprocess.run([*SUPPORTBENCH, "lab", "down"], capture_output=True, text=True, env=env, timeout=60)
        assert down.returncode == 0 and "lab stopped" in down.stdout
        assert process.wait(timeout=60) == 0
        assert not state.exists()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


@pytest.mark.lab  # starts servers of its own
def test_demo_verify_agrees_exactly_with_the_simulated_vendors(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--verify", "--weeks", "3", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if " agree (" in line}
    assert set(lines) == {"kinds", "matches", "times", "completeness"}
    for measure in ("kinds", "matches", "times"):
        agreed, total = lines[measure].split()[1].split("/")
        assert agreed == total and int(total) > 10, lines[measure]
    assert f"-m supportbench dashboard --db {db}" in result.stdout  # how to open it, as this run was invoked
    report = run_cli("report", "-c", str(EXAMPLE_CONFIG), "--db", str(db), "--format", "json")
    assert report.returncode == 0, report.stderr


def test_inspect_json_prints_one_object_per_file_in_the_order_given() -> None:
    files = [
        DATA / "replies/human/en-threaded-plain.eml",
        DATA / "bounces/bsd/lhost-postfix-01.eml",
        DATA / "replies/auto_reply/pl-zgloszenie-przyjete-no-headers.eml",
    ]
    result = run_cli("inspect", "--json", *map(str, files))
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in reports] == [str(f) for f in files]
    assert [r["kind"] for r in reports] == ["human", "bounce", "auto_reply"]
    reason = 'procmail: Couldn\'t create "/var/spool/mail/neko" id: r.example.org: No such user'
    expected = {"recipient": "kijitora@example.org", "status": "5.1.1", "permanent": True, "reason": reason}
    assert reports[1]["bounce"] == expected
    assert reports[0]["in_reply_to"] == "<e754ceb5-e41a-ae0b-000a-97a14e84df01@mysteryshop.example>"
    assert all(set(r) >= {"reasons", "message_id", "subject", "from", "match"} for r in reports)


def test_inspect_a_whole_folder_and_a_non_message_without_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "notes.eml"
    junk.write_bytes(b"\x00\x01 not mail at all")
    result = run_cli("inspect", "--json", str(DATA / "bounces/bsd"), str(junk))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(list((DATA / "bounces/bsd").glob("*.eml"))) + 1
    assert reports[-1] == {"file": str(junk), "error": reports[-1]["error"]}
    assert "not an e-mail message" in reports[-1]["error"]
    (tmp_path / "empty").mkdir()
    nested = run_cli("inspect", "--json", str(DATA / "replies"), str(tmp_path / "empty"))
    reports = [json.loads(line) for line in nested.stdout.splitlines()]
    assert [r["file"] for r in reports[:-1]] == [str(p) for p in sorted((DATA / "replies").rglob("*.eml"))]
    assert reports[-1] == {"file": str(tmp_path / "empty"), "error": "a folder with no .eml files in it or below"}
    assert nested.returncode == 1
    readable = run_cli("inspect", str(DATA / "replies/human/fi-vastaus.eml"))
    assert "kind      human" in readable.stdout and "Re: Toimitus Puolaan" in readable.stdout


def test_inspect_with_a_store_matches_against_its_probes(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from supportbench.store.database import Store

    config_path = tmp_path / "targets.yaml"
    data = yaml.safe_load(MINIMAL)
    data["vendors"][0]["address"] = "support@brightdesk.example"
    config_path.write_text(yaml.safe_dump(data))
    db = tmp_path / "sb.db"
    with Store.open(db) as store:
        outbox_id = store.add_pending(
            {
                "kind": "probe",
                "vendor_id": "acme",
                "probe_id": "hello",
                "shopper_id": "alex",
                "language": "en",
                "to_address": "support@brightdesk.example",
                "subject": "Phone number and prices",
                "reference": "10000-AB",
                "message_id": "<e754ceb5-e41a-ae0b-000a-97a14e84df01@mysteryshop.example>",
                "created_at": datetime(2026, 11, 24, 9, 0, tzinfo=UTC).isoformat(),
                "raw": b"Subject: x\r\n\r\nbody\r\n",
            }
        )
        store.mark_sent(outbox_id, datetime(2026, 11, 24, 9, 0, tzinfo=UTC), "250 ok")
    result = run_cli(
        "inspect", "--json", "--db", str(db), "-c", str(config_path), str(DATA / "replies/human/en-threaded-plain.eml")
    )
    report = json.loads(result.stdout)
    assert report["match"] == {"probe": outbox_id, "method": "in-reply-to", "confidence": 1.0}


def test_fetch_stores_classifies_and_reports(lab: MailLab, tmp_path: Path, new_mailbox, lab_tls) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import submit

    shopper, vendor = new_mailbox("shopper"), new_mailbox("support", "acme.test")
    data = yaml.safe_load(MINIMAL)
    data["shoppers"] = [lab.shopper_settings(shopper, "Alex Morgan", "LAB_SHOPPER_PW")]
    data["vendors"][0].update(shopper=data["shoppers"][0]["id"], address=vendor.address)
    config_path = tmp_path / "targets.yaml"
    config_path.write_text(yaml.safe_dump(data, allow_unicode=True))
    submit(
        lab,
        vendor,
        shopper.address,
        lab_tls,
        body="We have received your request.",
        Subject="Ticket Received - 1",
        Auto_Submitted="auto-replied",
    )
    submit(lab, vendor, shopper.address, lab_tls, body="Hello", Subject="Re: hi", X_Spam_Flag="YES")
    for folder in ("INBOX", "Junk"):
        wait_for(lambda: folder_messages(lab, shopper, lab_tls, folder), timeout=30, what=f"delivery to {folder}")  # noqa: B023

    env = {"LAB_SHOPPER_PW": shopper.password}
    result = run_cli("fetch", "-c", str(config_path), "--db", str(tmp_path / "sb.db"), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{data['shoppers'][0]['id']} INBOX: 1 new" in result.stdout
    assert f"{data['shoppers'][0]['id']} Junk: 1 new" in result.stdout
    assert "interpreted 2 new messages; in store: auto_reply 1, human 1" in result.stdout
    assert result.stdout.count("  unmatched") == 2  # no probe was sent: kept and listed, not dropped
    again = run_cli("fetch", "-c", str(config_path), "--db", str(tmp_path / "sb.db"), env=env)
    assert "INBOX: 0 new" in again.stdout and "interpreted 0 new messages" in again.stdout
    assert "  unmatched" not in again.stdout  # listed once, when read
    assert "2 unmatched in the store in all" in again.stdout


def test_inspect_probe_adds_text_language_questions_and_checks() -> None:
    result = run_cli(
        "inspect", "--json", "--probe", "phone-and-pricing", "-c", str(EXAMPLE_CONFIG),
        str(DATA / "replies/human/pl-odpowiedz-iso-8859-2.eml"),
        str(DATA / "replies/auto_reply/en-zendesk-acknowledgement.eml"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    human, ack = (json.loads(line) for line in result.stdout.splitlines())
    assert human["language"] == "pl" and human["text"].startswith("Dzień dobry Pani Anno")
    assert "Jan Kowalski" in human["signature"]
    assert [(q["id"], q["answered"]) for q in human["questions"]] == [("phone", True), ("pricing", True)]
    assert human["completeness"] == 1.0
    # Each verdict names its words and the sentence of the reply that holds them.
    flat = " ".join(human["text"].split())
    assert all(q["evidence"] and q["sentence"] and " ".join(q["sentence"].split()) in flat for q in human["questions"])
    assert human["completeness"] == 1.0
    # Each verdict names its words and the sentence that holds them, a sentence of the reply.
    assert all((q["evidence"] and q["sentence"] and q["sentence"] in " ".join(human["text"].split())) or
               q["sentence"] in human["text"] for q in human["questions"])  # fmt: skip
    assert human["checks"]["greeting"] is True and human["checks"]["subject_kept"] is True
    assert human["checks"]["clarification"] is None
    assert ack["checks"]["promised_hours"] == 24.0
    assert ack["checks"]["auto_reply_informative"] is False


def test_inspect_unknown_probe_is_one_line() -> None:
    result = run_cli(
        "inspect", "--probe", "nope", "-c", str(EXAMPLE_CONFIG), str(DATA / "replies/human/fi-vastaus.eml")
    )
    assert result.returncode == 1 and "no such probe" in result.stderr and "Traceback" not in result.stderr


def test_demo_never_overwrites_a_store_it_did_not_make(tmp_path: Path) -> None:
    from supportbench.store.database import Store

    precious = tmp_path / "supportbench.db"
    Store.open(precious).close()
    before = precious.read_bytes()
    result = run_cli("demo", "--db", str(precious))
    assert result.returncode == 1 and "was not made by the demo" in result.stderr and "Traceback" not in result.stderr
    assert precious.read_bytes() == before


def test_dashboard_without_a_store_is_one_line(tmp_path: Path) -> None:
    result = run_cli("dashboard", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1 and "no database here yet" in result.stderr and "Traceback" not in result.stderr


def test_a_command_that_loads_the_config_writes_the_catalog_readers_see(tmp_path: Path) -> None:
    config = yaml.safe_load(MINIMAL)
    config["database"] = str(tmp_path / "sb.db")
    config["dashboard"] = {"login": True, "allow": ["@example.com"]}
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    result = run_cli("status", "-c", str(path))  # evaluates nothing
    assert result.returncode == 0, result.stderr
    with Store.open_readonly(tmp_path / "sb.db") as store:
        catalog = read_catalog(store)
    assert set(catalog.vendors) == {vendor["id"] for vendor in config["vendors"]}
    assert catalog.access == {"login": True, "allow": ["@example.com"]}  # sign-in holds before any evaluation
    assert catalog.default_standard in catalog.standards


def test_events_lists_what_an_operator_must_see_filtered_by_vendor_and_date(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    db = tmp_path / "sb.db"
    with Store.open(db) as store:
        store.log_event(
            datetime(2026, 11, 2, 9, 0, tzinfo=UTC), "warning", "guard_refused", {"guard": "daily_cap"}, "acme"
        )
        store.log_event(
            datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "warning", "send_failed", {"error": "550 no such user"}, "zeta"
        )
    everything = run_cli("events", "--db", str(db))
    assert everything.returncode == 0, everything.stderr
    assert "guard=daily_cap" in everything.stdout and "error=550 no such user" in everything.stdout
    assert everything.stdout.strip().endswith("2 events")
    one = run_cli("events", "--db", str(db), "--vendor", "zeta", "--since", "2026-11-10")
    assert "send_failed" in one.stdout and "guard_refused" not in one.stdout
    assert one.stdout.strip().endswith("1 event of 2")


def test_health_tells_a_supervisor_whether_run_is_doing_its_work(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    db = tmp_path / "sb.db"
    Store.open(db).close()
    empty = run_cli("health", "--db", str(db))
    assert empty.returncode == 1 and "is `supportbench run` running" in empty.stdout
    now = datetime.now(UTC)
    with Store.open(db) as store:
        store.record_success("watcher:alex", now)
        store.record_success("housekeeping", now)
    assert run_cli("health", "--db", str(db)).returncode == 0
    with Store.open(db) as store:
        store.record_failure("housekeeping", now + timedelta(seconds=1), "OperationalError: database is locked")
        store.record_success("watcher:alex", now - timedelta(hours=1))
    sick = run_cli("health", "--db", str(db))
    assert sick.returncode == 1
    assert "housekeeping: failing since" in sick.stdout and "database is locked" in sick.stdout
    assert "watcher:alex: no successful read for over 15 min" in sick.stdout


def test_run_logs_to_a_file_as_json_on_request(tmp_path: Path) -> None:
    import logging

    from supportbench import logs

    path = tmp_path / "run.log"
    try:
        logs.configure(verbose=True, log_file=path, as_json=True)
        logging.getLogger("supportbench.test").info("send.sent vendor=acme")
    finally:
        logs.configure()
    (line,) = path.read_text().splitlines()
    entry = json.loads(line)
    assert entry["message"] == "send.sent vendor=acme" and entry["level"] == "INFO" and entry["time"].endswith("Z")


def test_the_shipped_systemd_unit_is_valid(tmp_path: Path) -> None:
    import shutil
    from importlib.resources import files

    unit = files("supportbench").joinpath("data/supportbench.service").read_text()
    # As an administrator installs it: ExecStart pointing at this installation's command.
    command = shutil.which("supportbench", path=str(Path(sys.executable).parent)) or sys.executable
    installed = tmp_path / "supportbench.service"
    installed.write_text(unit.replace("/usr/local/bin/supportbench", command))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(installed)], capture_output=True, text=True, timeout=60, check=False
    )
    complaints = [line for line in result.stderr.splitlines() if "supportbench.service" in line]
    assert result.returncode == 0 and not complaints, result.stderr


@pytest.mark.parametrize("provider", ["other", "gmail", "microsoft365", "outlook", "yahoo", "icloud", "fastmail"])
def test_init_writes_a_starter_that_passes_check_and_never_overwrites(tmp_path: Path, provider: str) -> None:
    made = run_cli("init", str(tmp_path / "project"), "--provider", provider)
    assert made.returncode == 0, made.stderr
    path = tmp_path / "project" / "targets.yaml"
    checked = run_cli("check", str(path))
    assert checked.returncode == 0, checked.stderr
    assert "OK: 1 shopper, 1 vendor" in checked.stdout and "FILL IN" in path.read_text()
    before = path.read_text()
    again = run_cli("init", str(tmp_path / "project"))
    assert again.returncode == 1 and "never overwrites" in again.stderr and path.read_text() == before


def test_vendors_import_writes_nothing_when_a_row_is_wrong_and_export_reads_back(tmp_path: Path) -> None:
    config = tmp_path / "targets.yaml"
    config.write_text(MINIMAL)
    sheet = tmp_path / "vendors.csv"
    header = "id,name,address,language,timezone,country,hours,probes,schedule,shopper\n"
    sheet.write_text(header + "bolt,Bolt,bolt@bolt.example,en,Europe/London,GB,mon-fri 09:00-17:00,nope,7d,alex\n")
    refused = run_cli("vendors", "import", str(sheet), "-c", str(config))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "vendors.csv row 2, column probes: no probe with id 'nope'" in refused.stderr
    assert config.read_text() == MINIMAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.yaml", "vendors.csv"]  # no temporary left

    sheet.write_text(sheet.read_text().replace(",nope,", ",hello,"))
    added = run_cli("vendors", "import", str(sheet), "-c", str(config))
    assert added.returncode == 0 and "gained 1 vendor from" in added.stdout, added.stderr
    exported = run_cli("vendors", "export", "-c", str(config))
    assert exported.stdout.splitlines()[1].startswith("acme,Acme,support@acme.example,")
    assert exported.stdout.splitlines()[2].startswith("bolt,Bolt,bolt@bolt.example,")
