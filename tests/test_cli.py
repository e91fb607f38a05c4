"""The command line as a user meets it: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

from benchmark.lab import MailLab
from benchmark.waiting import wait_for
from tests.conftest import EXAMPLE_CONFIG
from tests.factories import MINIMAL

SUPPORTBENCH = [sys.executable, "-m", "benchmark"]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUPPORTBENCH, *args], capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})}
    )


def test_check_accepts_the_example() -> None:
    result = run_cli("check", str(EXAMPLE_CONFIG))
    assert result.returncode == 0, result.stderr
    assert "OK: 5 shoppers, 6 vendors" in result.stdout


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
    assert "FAIL" in wrong.stdout and "login refused" in wrong.stdout
    assert "wrong" not in wrong.stdout.replace("wrong.", "")  # the password is never echoed

    unset = run_cli("check", "--connect", str(path), env={"LAB_SHOPPER_PW": ""})
    assert "environment variable LAB_SHOPPER_PW is not set" in unset.stdout


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


def test_demo_runs_on_the_embedded_defaults_and_cleans_up() -> None:
    result = run_cli("demo")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "embedded targets.yaml valid: 6 vendors in en, fi, pl, ro, ru" in result.stdout
    assert result.stdout.count("ok  ") == 10  # SMTP and IMAP for each of the five shoppers
    assert "demo finished" in result.stdout
