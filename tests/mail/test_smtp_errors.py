"""SMTP failures sorted into temporary and permanent, with the server's words (aiosmtplib's exceptions)."""

from __future__ import annotations

import aiosmtplib
import pytest

from supportbench.mail.smtp import describe_failure


@pytest.mark.parametrize(
    ("exc", "temporary", "words"),
    [
        (aiosmtplib.SMTPAuthenticationError(535, "5.7.8 Bad credentials"), False, "authentication refused: 535"),
        (aiosmtplib.SMTPAuthenticationError(454, "4.7.0 Try again later"), True, "454"),
        (aiosmtplib.SMTPResponseException(451, "Local error"), True, "451 Local error"),
        (aiosmtplib.SMTPResponseException(550, "No such user"), False, "550 No such user"),
        (aiosmtplib.SMTPServerDisconnected("Connection lost"), True, "Connection lost"),
        (aiosmtplib.SMTPConnectError("Connection refused"), True, "Connection refused"),
        (aiosmtplib.SMTPReadTimeoutError("Timed out"), True, "Timed out"),
        # What the server cannot do will not change by retrying for hours.
        (aiosmtplib.SMTPNotSupported("SMTP STARTTLS extension not supported by server."), False, "STARTTLS"),
        (aiosmtplib.SMTPException("No suitable authentication method found."), False, "No suitable authentication"),
    ],
)
def test_failures_are_sorted_with_the_servers_words(exc: Exception, temporary: bool, words: str) -> None:
    failure = describe_failure(exc, "SMTP mail.example:587")
    assert failure.temporary is temporary and words in str(failure) and str(failure).startswith("SMTP mail.example")
