"""Shared fixtures: the real mail lab (started once per session) and lab helpers."""

from __future__ import annotations

import sqlite3
import ssl
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from supportbench.errors import LabError
from supportbench.lab import MailLab, MailUser
from supportbench.store.database import Store
from tests.helpers import SHOPPER_PASSWORD_ENV

_running_lab: list[MailLab] = []

# Tests that use any of these need the real mail servers; they are marked `lab` so that
# `pytest -m "not lab"` runs the pure tests alone in seconds.
LAB_FIXTURES = frozenset({"lab", "demo_db"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches the mail lab through its fixtures (directly or not) with `lab`."""
    for item in items:
        if LAB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.lab)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach the lab servers' logs to a failing test that used the lab."""
    report: pytest.TestReport = yield
    if report.failed and _running_lab and "lab" in getattr(item, "fixturenames", ()):
        for name, text in _running_lab[0].log_tails().items():
            report.sections.append((f"{name} log (tail)", text))
    return report


@pytest.fixture(scope="session")
def lab() -> Iterator[MailLab]:
    """Real Postfix + Dovecot on loopback. Never skipped: if it cannot start, tests fail saying why."""
    mail_lab = MailLab()
    try:
        mail_lab.start()
    except LabError as exc:
        pytest.fail(f"the mail lab could not start: {exc}", pytrace=False)
    _running_lab.append(mail_lab)
    yield mail_lab
    _running_lab.clear()
    mail_lab.stop()


@pytest.fixture
def lab_tls(lab: MailLab) -> ssl.SSLContext:
    """A client TLS context that trusts only the lab's CA."""
    return ssl.create_default_context(cafile=str(lab.ca_file))


@pytest.fixture
def new_mailbox(lab: MailLab, request: pytest.FixtureRequest) -> object:
    """Make a fresh lab mailbox per call, so tests sharing the session lab never collide."""
    import secrets

    def make(local: str, domain: str = "shopper.test") -> MailUser:
        return lab.add_user(f"{local}-{secrets.token_hex(3)}@{domain}")

    return make


@pytest.fixture
def shopper(new_mailbox: Callable[..., MailUser], monkeypatch: pytest.MonkeyPatch) -> MailUser:
    """A fresh shopper mailbox whose password is in the environment, as in production."""
    user = new_mailbox("shopper")
    monkeypatch.setenv(SHOPPER_PASSWORD_ENV, user.password)
    return user


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "sb.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by the real pipeline: three simulated weeks of the demo, once per session."""
    from supportbench.simulation.demo import DemoOptions, run_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    run_demo(DemoOptions(weeks=3, db=path), lambda _line: None)
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo's store and of its config (the path returned): for a test that writes."""
    from supportbench.simulation.demo import demo_config_path

    target = tmp_path / demo_db.name
    with sqlite3.connect(demo_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    config = demo_config_path(target)
    config.write_text(demo_config_path(demo_db).read_text(encoding="utf-8"), encoding="utf-8")
    return config
