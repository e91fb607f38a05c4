"""`check --connect`: log in to each shopper's SMTP and IMAP and say what was found."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from imapclient.exceptions import IMAPClientError

from supportbench.config.targets import Config, Shopper
from supportbench.errors import MailError
from supportbench.mail import imap, smtp


@dataclass(frozen=True)
class Finding:
    """One line of the report: which shopper and server, whether it worked, what we saw."""

    shopper: str
    server: str
    ok: bool
    detail: str


async def _check_smtp(shopper: Shopper) -> Finding:
    settings = shopper.smtp
    try:
        async with smtp.session(settings) as client:
            ssl_object = client.get_transport_info("ssl_object")
            tls = ssl_object.version() if ssl_object else "no TLS"
            size = client.esmtp_extensions.get("size", "")
            detail = f"{settings.security} ({tls}), AUTH ok as {settings.username}"
            if size:
                detail += f", max message size {int(size) // 1_048_576} MiB"
            return Finding(shopper.id, f"SMTP {settings.host}:{settings.port}", True, detail)
    except MailError as exc:
        return Finding(shopper.id, f"SMTP {settings.host}:{settings.port}", False, str(exc))


def _check_imap(shopper: Shopper) -> Finding:
    settings = shopper.imap
    server = f"IMAP {settings.host}:{settings.port}"
    try:
        client = imap.connect(settings)
    except MailError as exc:
        return Finding(shopper.id, server, False, str(exc))
    try:
        capabilities = client.capabilities()
        junk, how = imap.find_junk_folder(client, settings.junk_folder)
    except MailError as exc:
        return Finding(shopper.id, server, False, str(exc))
    finally:
        # A failed logout after a finished check changes nothing.
        with contextlib.suppress(OSError, IMAPClientError):
            client.logout()
    idle = "IDLE" if b"IDLE" in capabilities else "no IDLE (will poll)"
    junk_text = f"Junk folder {junk!r} ({how})" if junk else f"no Junk folder found ({how})"
    sign_in = "signed in" + (f" with {settings.auth.upper()}" if settings.auth != "password" else "")
    return Finding(shopper.id, server, junk is not None, f"{settings.security}, {sign_in}, {idle}, {junk_text}")


def check_connections(config: Config) -> list[Finding]:
    """Every shopper's SMTP and IMAP, in config order."""
    findings: list[Finding] = []
    for shopper in config.shoppers:
        findings.append(asyncio.run(_check_smtp(shopper)))
        findings.append(_check_imap(shopper))
    return findings
