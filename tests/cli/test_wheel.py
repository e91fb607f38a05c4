"""The package as a user installs it: a wheel in a fresh virtual environment, far from any clone."""

from __future__ import annotations

import email
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import sysconfig
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from supportbench.lab import MailLab, MailUser
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.helpers import imap_login

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh venv where supportbench comes only from a wheel built from this clone."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what a wheel is made of: building in place would leave build/ in the clone.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "supportbench", source / "supportbench", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path)]
    built = subprocess.run([*build, str(source)], capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("supportbench-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    # The dependencies come from the test environment's site-packages (read as a plain path, so its
    # editable install of this clone is not picked up); the package itself only from the wheel.
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import supportbench; print(supportbench.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, check=True, timeout=60,
    )  # fmt: skip
    assert str(site) in where.stdout and str(ROOT) not in where.stdout
    return venv / "bin"


def test_a_wheel_in_a_fresh_venv_runs_the_dashboard(installed: Path, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store.open(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(installed / "supportbench"), "dashboard", "--db", str(db), "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    try:

        def healthy() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"the dashboard exited: {process.stdout.read() if process.stdout else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    return bool(answer.read() == b"ok")
            except OSError:
                return False

        wait_for(healthy, timeout=90, what="the dashboard from the wheel to serve")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_a_new_user_goes_from_init_to_a_running_benchmark_with_reasons_for_each_failure(
    installed: Path, lab: MailLab, new_mailbox: Callable[..., MailUser], tmp_path: Path
) -> None:
    """README's "Run it for real", step by step, from the wheel: init, import 20 vendors from a
    spreadsheet, check, run. Two addresses cannot receive: one is refused when sent, the other
    bounces later; both vendors are paused, and status and events give the server's reason."""
    shopper = new_mailbox("alex")
    desks = [new_mailbox(f"desk{n}", "acme.test") for n in range(18)]
    env = {**os.environ, "HOME": str(tmp_path), "SHOPPER_ALEX_PASSWORD": shopper.password}

    def supportbench(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(installed / "supportbench"), *args], cwd=tmp_path / "project", env=env,
                              capture_output=True, text=True, timeout=120, check=False)  # fmt: skip

    (tmp_path / "project").mkdir()
    started = supportbench("init")
    assert started.returncode == 0 and "FILL IN" in started.stdout, started.stderr
    # What the starter asks a user to fill in: the mailbox's address and host, and lifting the pause.
    targets = tmp_path / "project" / "targets.yaml"
    text = targets.read_text().replace("alex@example.com", shopper.address).replace("mail.example.com", "127.0.0.1")
    text = text.replace("port: 587", f"port: {lab.ports.submission}").replace("port: 993", f"port: {lab.ports.imaps}")
    text = text.replace(
        "password_env: SHOPPER_ALEX_PASSWORD", f"password_env: SHOPPER_ALEX_PASSWORD\n      ca_file: {lab.ca_file}"
    )
    text = text.replace("  paused: true", '  paused: false\n  send_windows: {mon-sun: "00:00-24:00"}\n  jitter: 1s')
    analyst = new_mailbox("analyst", "ours.test")
    targets.write_text(text + f"\nnotify:\n  to: [{analyst.address}]   # alerts, through alex's mailbox\n")

    gone, nowhere = f"gone-{secrets.token_hex(3)}@acme.test", "help@nowhere.invalid"
    rows = [f"desk{n},Desk {n} Ltd,{desk.address}" for n, desk in enumerate(desks)]
    rows += [f"desk-gone,Gone Ltd,{gone}", f"desk-nowhere,Nowhere Ltd,{nowhere}"]
    (tmp_path / "project" / "vendors.csv").write_text("id,name,address\n" + "\n".join(rows) + "\n")
    imported = supportbench("vendors", "import", "vendors.csv", "--defaults", "x-uk", "--replace")
    assert imported.returncode == 0 and "now lists 20 vendors" in imported.stdout, imported.stderr
    checked = supportbench("check", "--connect")
    assert checked.returncode == 0 and "OK: 1 shopper, 20 vendors" in checked.stdout, checked.stdout + checked.stderr

    process = subprocess.Popen([str(installed / "supportbench"), "run"], cwd=tmp_path / "project", env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        summary = process.stdout.readline()
        assert summary.startswith("running: 20 vendors to probe (next send ") and "1 mailbox watched" in summary
        database = tmp_path / "project" / "supportbench.db"

        def done() -> bool:
            if not database.exists():
                return False
            with Store.open_readonly(database) as store:
                handled = store.outbox_rows("state IN ('sent', 'failed')")
                return len(handled) == 20 and len(store.permanent_bounces()) == 2 and len(store.sent_alert_keys()) == 2

        wait_for(done, timeout=180, what="20 probes sent or refused, the bounce read, both alerts mailed")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0

    status = supportbench("status")
    assert status.returncode == 0, status.stderr
    lines = [line.strip() for line in status.stdout.splitlines()]
    gone_line = next(line for line in lines if line.startswith(f"desk-gone: {gone} bounced permanently"))
    assert "(550 5.1.1 <" in gone_line and "User doesn't exist" in gone_line
    nowhere_line = next(line for line in lines if line.startswith(f"desk-nowhere: {nowhere} was refused for good"))
    assert "delivers only to .test and .example" in nowhere_line
    paused = [line.split()[0] for line in lines if line.endswith("paused: bounced")]
    assert sorted(paused) == ["desk-gone", "desk-nowhere"]
    with imap_login(lab, analyst, ssl.create_default_context(cafile=str(lab.ca_file))) as client:
        client.select_folder("INBOX", readonly=True)
        alerts = [
            email.message_from_bytes(data[b"BODY[]"]) for data in client.fetch(client.search(), ["BODY[]"]).values()
        ]
    mailed = "".join(str(alert.get_payload()) for alert in alerts)
    assert "desk-gone (Gone Ltd) is paused" in mailed and "desk-nowhere (Nowhere Ltd) is paused" in mailed
    events = supportbench("events", "--vendor", "desk-gone")
    (bounced,) = [line for line in events.stdout.splitlines() if " bounced " in line]
    assert f"address={gone}" in bounced and "status=5.1.1" in bounced and "reason=" in bounced
    events = supportbench("events", "--vendor", "desk-nowhere")
    (failed,) = [line for line in events.stdout.splitlines() if " send_failed " in line]
    assert "recipient refused" in failed and "delivers only to .test and .example" in failed
