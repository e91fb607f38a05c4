"""Shared fixtures: the real mail lab (started once per session) and lab helpers."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable, Generator, Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import aiosmtplib
import pytest
from imapclient import IMAPClient

from supportbench.errors import LabError
from supportbench.lab import MailLab, MailUser
from supportbench.store.database import Store

EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "targets.yaml"


_running_lab: list[MailLab] = []


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


def imap_login(lab: MailLab, user: MailUser, context: ssl.SSLContext) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=context, timeout=10)
    client.normalise_times = False
    client.login(user.address, user.password)
    return client


def folder_messages(
    lab: MailLab, user: MailUser, context: ssl.SSLContext, folder: str = "INBOX"
) -> dict[int, dict[bytes, object]]:
    """Every message in a folder (read-only, never marks mail read)."""
    with imap_login(lab, user, context) as client:
        client.select_folder(folder, readonly=True)
        uids = client.search()
        return client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"]) if uids else {}


@pytest.fixture
def new_mailbox(lab: MailLab, request: pytest.FixtureRequest) -> object:
    """Make a fresh lab mailbox per call, so tests sharing the session lab never collide."""
    import secrets

    def make(local: str, domain: str = "shopper.test") -> MailUser:
        return lab.add_user(f"{local}-{secrets.token_hex(3)}@{domain}")

    return make


def submit(
    lab: MailLab,
    sender: MailUser,
    to: str,
    context: ssl.SSLContext,
    body: str = "Do you have a phone number I can call you on?",
    **headers: str,
) -> str:
    """Send through the lab's submission port as `sender`; returns the Message-ID."""
    fields = {
        "From": sender.address,
        "To": to,
        "Subject": "Lab round trip",
        "Message-ID": make_msgid(domain=sender.address.rpartition("@")[2]),
        **{name.replace("_", "-"): value for name, value in headers.items()},
    }
    message = EmailMessage()
    for name, value in fields.items():
        message[name] = value
    message.set_content(body)
    asyncio.run(
        aiosmtplib.send(
            message,
            hostname="127.0.0.1",
            port=lab.ports.submission,
            start_tls=True,
            username=sender.address,
            password=sender.password,
            tls_context=context,
        )
    )
    return str(message["Message-ID"])


SHOPPER_PASSWORD_ENV = "TEST_SHOPPER_PASSWORD"


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
