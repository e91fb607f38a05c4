"""SMTP connections via aiosmtplib, with verified TLS and the project's own errors.

I/O only: library exceptions become `MailError` (with `temporary` telling a 4xx or
network failure from a permanent 5xx); no business rules live here.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosmtplib

from supportbench.config.targets import ServerSettings
from supportbench.errors import MailError
from supportbench.mail.credentials import access_token, password_for, tls_context
from supportbench.mail.wording import plain_words


class SmtpError(MailError):
    """An SMTP failure; `temporary` is True when retrying later may succeed, `uncertain` when the
    message was handed over and no answer came (it may have been delivered: never send it again)."""

    def __init__(self, message: str, temporary: bool, code: int | None = None, uncertain: bool = False) -> None:
        self.temporary = temporary and not uncertain
        self.code = code
        self.uncertain = uncertain
        super().__init__(message)


def describe_failure(exc: Exception, where: str) -> SmtpError:
    """Sort an aiosmtplib exception into temporary or permanent, with the server's words."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refusals = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
        temporary = all(400 <= r.code < 500 for r in exc.recipients)
        return SmtpError(f"{where}: recipient refused ({refusals})", temporary)
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused):
        refusal = f"{exc.recipient}: {exc.code} {exc.message}"
        return SmtpError(f"{where}: recipient refused ({refusal})", 400 <= exc.code < 500)
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):  # before its base class: a login refused
        return SmtpError(f"{where}: authentication refused: {exc.code} {exc.message}", 400 <= exc.code < 500, exc.code)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return SmtpError(f"{where}: {exc.code} {exc.message}", 400 <= exc.code < 500, exc.code)
    # Connection refused, timeouts, dropped connections, TLS drops: try again later.
    if isinstance(exc, (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPConnectError, aiosmtplib.SMTPTimeoutError)):
        return SmtpError(f"{where}: {exc or type(exc).__name__}", True)
    # What the server cannot do (no STARTTLS, no AUTH method we can use) will not change by waiting.
    return SmtpError(f"{where}: {exc or type(exc).__name__}", False)


@asynccontextmanager
async def session(settings: ServerSettings) -> AsyncIterator[aiosmtplib.SMTP]:
    """A connected, TLS-protected (unless `security: none`), logged-in SMTP session."""
    where = f"SMTP {settings.host}:{settings.port}"
    context = tls_context(settings)
    client = aiosmtplib.SMTP(
        hostname=settings.host,
        port=settings.port,
        use_tls=settings.security == "tls",
        start_tls=settings.security == "starttls",
        tls_context=context,
        timeout=settings.timeout_seconds,
    )
    try:
        await client.connect()
        if settings.auth == "password":
            await client.login(settings.username, password_for(settings))
        elif settings.auth != "none":  # OAUTHBEARER is not offered for SMTP by the providers: XOAUTH2 is
            await client.auth_xoauth2(settings.username, await asyncio.to_thread(access_token, settings))
    except MailError as exc:  # no password, or no token: worth trying again later (the endpoint may be back)
        client.close()
        raise SmtpError(f"{where}: {exc}", True) from None
    except aiosmtplib.SMTPException as exc:
        client.close()
        failure = describe_failure(exc, where)
        words = plain_words(exc, settings)  # a connection's failure, said plainly
        raise (SmtpError(f"{where}: {words}", failure.temporary, failure.code) if words else failure) from None
    except ssl.SSLCertVerificationError as exc:
        client.close()
        raise SmtpError(f"{where}: TLS certificate not trusted ({exc.verify_message})", False) from None
    except OSError as exc:
        client.close()
        raise SmtpError(f"{where}: {plain_words(exc, settings) or exc}", True) from None
    try:
        yield client
    finally:
        if client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()


async def deliver(settings: ServerSettings, sender: str, recipients: list[str], raw: bytes) -> str:
    """Send `raw` as is; returns the server's acceptance reply.

    Any recipient refused stops the send before the message is handed over: it reaches everyone
    it is meant for or no one. Once DATA has begun, a dropped connection or a timeout is
    `uncertain`: the server may have the message (a probe must never reach a vendor twice).
    """
    where = f"SMTP {settings.host}:{settings.port}"
    async with session(settings) as client:
        try:
            await client.mail(sender)
            for recipient in recipients:
                await client.rcpt(recipient)
        except aiosmtplib.SMTPException as exc:
            raise describe_failure(exc, where) from None
        except OSError as exc:
            raise SmtpError(f"{where}: {exc}", True) from None
        try:
            response = await client.data(raw)
        except aiosmtplib.SMTPResponseException as exc:  # an answer: the server did not take it
            raise describe_failure(exc, where) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SmtpError(
                f"{where}: no answer once the message was handed over ({exc or type(exc).__name__}); "
                "it may have been delivered, so it is not sent again",
                temporary=False,
                uncertain=True,
            ) from None
    return response.message
