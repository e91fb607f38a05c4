"""IMAP connections via imapclient: verified TLS, the Junk and Sent folders, Sent copies.

I/O only: library exceptions become `MailError`; no business rules live here.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import JUNK, SEEN, SENT

from supportbench.config.targets import ServerSettings
from supportbench.errors import MailError
from supportbench.mail.credentials import password_for, tls_context

# Names providers use when they do not flag the folders \Sent and \Junk (RFC 6154).
SENT_FOLDER_NAMES = ("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail", "INBOX.Sent")
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


@contextmanager
def logged_in(settings: ServerSettings) -> Iterator[imapclient.IMAPClient]:
    """A logged-in client that is logged out afterwards; IMAP errors become `MailError`."""
    client = connect(settings)
    try:
        yield client
    except (OSError, IMAPClientError) as exc:
        raise MailError(f"IMAP {settings.host}:{settings.port}: {exc or type(exc).__name__}") from None
    finally:
        with suppress(OSError, IMAPClientError):
            client.logout()


def find_sent_folder(client: imapclient.IMAPClient) -> str | None:
    """The folder for sent mail: the \\Sent flag first, else a usual name."""
    flagged = client.find_special_folder(SENT)
    if flagged:
        return str(flagged)
    names = {str(name).lower(): str(name) for _, _, name in client.list_folders()}
    return next((names[n.lower()] for n in SENT_FOLDER_NAMES if n.lower() in names), None)


def append_to_sent(settings: ServerSettings, raw: bytes, at: datetime) -> str:
    """File a copy of a sent message, marked read, dated when it was sent; returns the folder."""
    with logged_in(settings) as client:
        folder = find_sent_folder(client)
        if folder is None:
            raise MailError(f"IMAP {settings.host}: no Sent folder to file a copy in")
        client.append(folder, raw, flags=[SEEN], msg_time=at)
        return folder


def find_in_sent(settings: ServerSettings, message_ids: list[str]) -> dict[str, datetime]:
    """Which of these Message-IDs have a copy in the Sent folder, with its INTERNALDATE."""
    found: dict[str, datetime] = {}
    with logged_in(settings) as client:
        folder = find_sent_folder(client)
        if folder is None:
            return found
        client.select_folder(folder, readonly=True)
        for message_id in message_ids:
            uids = client.search(["HEADER", "Message-ID", message_id])
            if uids:
                data = client.fetch(uids[:1], ["INTERNALDATE"])
                found[message_id] = data[uids[0]][b"INTERNALDATE"]
    return found
