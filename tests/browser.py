"""A headless Chromium driven through chromedriver's W3C WebDriver HTTP API (no Selenium needed),
and the Streamlit apps it looks at, served as a user serves them.

Only what the browser tests use: open a page, run a script, press keys, take a PNG. Chromium
runs with the flags this machine requires.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from supportbench.lab.servers import free_ports, port_open
from supportbench.waiting import wait_for

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1500,1100",
]  # fmt: skip


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@contextmanager
def served(*command: str) -> Iterator[str]:
    """`supportbench COMMAND... --port P` (the dashboard, the review page) started as a user starts
    it; yields its URL once Streamlit answers its health check, and stops it after."""
    port = free_ports(1)[0]
    process = subprocess.Popen(
        [sys.executable, "-m", "supportbench", *command, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: healthy(port) or process.poll() is not None, timeout=60, what=f"{command[0]} to start")
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


CONTROL, ENTER = "\ue009", "\ue007"  # WebDriver's codes for the keys


class Browser:
    def __init__(self) -> None:
        self.port = free_ports(1)[0]
        self.driver = subprocess.Popen(
            ["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(lambda: port_open(self.port), timeout=30, what="chromedriver listening")
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": CHROMIUM_FLAGS},
        }
        self.session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["value"]

    def open(self, url: str) -> None:
        self._call("POST", f"/session/{self.session}/url", {"url": url})

    def resize(self, width: int, height: int) -> None:
        self._call("POST", f"/session/{self.session}/window/rect", {"width": width, "height": height})

    def run(self, script: str) -> Any:
        return self._call("POST", f"/session/{self.session}/execute/sync", {"script": script, "args": []})

    def press(self, *keys: str) -> None:
        """Press `keys` together (WebDriver key codes, e.g. CONTROL and ENTER), then release them."""
        down = [{"type": "keyDown", "value": key} for key in keys]
        up = [{"type": "keyUp", "value": key} for key in reversed(keys)]
        actions = [{"type": "key", "id": "keyboard", "actions": down + up}]
        self._call("POST", f"/session/{self.session}/actions", {"actions": actions})

    def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode(self._call("GET", f"/session/{self.session}/screenshot"))
        path.write_bytes(png)
        return png

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()
            self.driver.wait(timeout=30)
