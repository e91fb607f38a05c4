"""IMAP connections via imapclient: log in with verified TLS, find the Junk folder.

I/O only: library exceptions become `MailError`; no business rules live here.
"""

from __future__ import annotations

import ssl

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import JUNK

from benchmark.config import ServerSettings
from benchmark.credentials import password_for, tls_context
from benchmark.errors import MailError

# Names providers use for the spam folder when they do not flag it \Junk (RFC 6154).
JUNK_FOLDER_NAMES = ("Junk", "Spam", "[Gmail]/Spam", "INBOX.Junk", "INBOX.Spam", "Junk E-mail", "Bulk Mail")


def connect(settings: ServerSettings) -> imapclient.IMAPClient:
    """A logged-in client; INTERNALDATE comes back time-zone aware."""
    context = tls_context(settings)
    where = f"IMAP {settings.host}:{settings.port}"
    try:
        client = imapclient.IMAPClient(
            settings.host,
            port=settings.port,
            ssl=settings.security == "tls",
            ssl_context=context,
            timeout=settings.timeout_seconds,
        )
        # Keep the server's time zone: reply times must not depend on ours.
        client.normalise_times = False
        if settings.security == "starttls":
            assert context is not None
            client.starttls(context)
        client.login(settings.username, password_for(settings))
    except LoginError:
        raise MailError(f"{where}: login refused for {settings.username} (check {settings.password_env})") from None
    except ssl.SSLError as exc:
        raise MailError(f"{where}: TLS failed ({exc.reason or exc})") from None
    except (TimeoutError, OSError, IMAPClientError) as exc:
        raise MailError(f"{where}: {exc or type(exc).__name__}") from None
    return client


def find_junk_folder(client: imapclient.IMAPClient) -> tuple[str | None, str]:
    """The spam folder and how it was found: by the \\Junk flag, else by a usual name."""
    try:
        flagged = client.find_special_folder(JUNK)
        if flagged:
            return str(flagged), "special-use \\Junk flag"
        names = {str(name).lower(): str(name) for _, _, name in client.list_folders()}
    except (OSError, IMAPClientError) as exc:
        raise MailError(f"IMAP: cannot list folders ({exc})") from None
    for candidate in JUNK_FOLDER_NAMES:
        if candidate.lower() in names:
            return names[candidate.lower()], f"usual name {candidate!r}"
    return None, "no \\Junk flag and none of the usual names"
