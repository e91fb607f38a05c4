"""Network and TLS failures said as a person would say them, against real sockets on loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest

from supportbench.config.targets import ImapSettings, ServerSettings
from supportbench.errors import MailError
from supportbench.mail import imap, smtp

PASSWORD_ENV = "WORDING_TEST_PASSWORD"


@pytest.fixture
def plain_text_port() -> Iterator[int]:
    """A server that greets in plain text, as an IMAP or SMTP port without implicit TLS does."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.sendall(b"* OK plain text greeting\r\n" * 20)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port
    listener.close()


def settings(port: int, security: str, host: str = "127.0.0.1") -> dict[str, object]:
    return {"host": host, "port": port, "security": security, "username": "u", "password_env": PASSWORD_ENV,
            "timeout_seconds": 5}  # fmt: skip


def test_implicit_tls_to_a_plain_text_port_says_what_the_port_expects(
    plain_text_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "x")
    with pytest.raises(MailError) as raised:
        imap.connect(ImapSettings(**settings(plain_text_port, "tls")))
    assert "did not answer with TLS" in str(raised.value) and "STARTTLS" in str(raised.value)
    assert "WRONG_VERSION_NUMBER" not in str(raised.value)


def test_an_unknown_host_is_said_to_be_not_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "x")
    real = socket.getaddrinfo

    def numeric_only(host: str, port: object, *args: object, **kwargs: object) -> object:
        # The system's own resolver, told to take numeric addresses only: a name fails as an
        # unknown host does, and no DNS query leaves this machine.
        return real(host, port, 0, 0, 0, socket.AI_NUMERICHOST)

    monkeypatch.setattr(socket, "getaddrinfo", numeric_only)
    host = "no-such-host.invalid"
    with pytest.raises(MailError) as raised:
        imap.connect(ImapSettings(**settings(993, "tls", host)))
    assert f"host {host!r} not found" in str(raised.value) and "Errno" not in str(raised.value)
    with pytest.raises(smtp.SmtpError) as smtp_raised:
        asyncio.run(
            smtp.deliver(ServerSettings(**settings(587, "starttls", host)), "a@b.example", ["c@d.example"], b"")
        )
    assert f"host {host!r} not found" in str(smtp_raised.value)
