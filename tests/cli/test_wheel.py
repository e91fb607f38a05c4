"""The package as a user installs it: a wheel in a fresh virtual environment, far from any clone."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

from supportbench.store.database import Store
from supportbench.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]


def test_a_wheel_in_a_fresh_venv_runs_the_dashboard(tmp_path: Path) -> None:
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

    db = tmp_path / "empty.db"
    Store.open(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(venv / "bin" / "supportbench"), "dashboard", "--db", str(db), "--port", str(port)],
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
