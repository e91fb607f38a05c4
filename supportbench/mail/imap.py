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

from supportbench.config.targets import ImapSettings, ServerSettings
from supportbench.errors import MailError
from supportbench.languages import JUNK_FOLDER_NAMES, SENT_FOLDER_NAMES
from supportbench.mail.credentials import access_token, password_for, tls_context
from supportbench.mail.wording import plain_words


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
        _sign_in(client, settings)
    except LoginError as exc:
        said = _server_words(exc)
        raise MailError(f"{where}: sign-in refused for {settings.username}: {said}{_hint(settings, said)}") from None
    except ssl.SSLError as exc:
        raise MailError(f"{where}: {plain_words(exc, settings) or f'TLS failed ({exc.reason or exc})'}") from None
    except TimeoutError:
        hint = " (a port that expects implicit TLS: security: tls?)" if settings.security == "starttls" else ""
        raise MailError(f"{where}: no answer within {settings.timeout_seconds:g} s{hint}") from None
    except (OSError, IMAPClientError) as exc:
        raise MailError(f"{where}: {plain_words(exc, settings) or exc or type(exc).__name__}") from None
    return client


def _sign_in(client: imapclient.IMAPClient, settings: ServerSettings) -> None:
    if settings.auth == "xoauth2":
        client.oauth2_login(settings.username, access_token(settings))
    elif settings.auth == "oauthbearer":
        client.oauthbearer_login(settings.username, access_token(settings))
    else:
        client.login(settings.username, password_for(settings))


def _server_words(exc: LoginError) -> str:
    """What the server said ("[AUTHENTICATIONFAILED] ...", Gmail's "Application-specific password
    required", "[LIMIT] Maximum number of connections"), as imapclient passes it on."""
    text = str(exc)
    for prefix in ("b'", 'b"'):  # imapclient may hand over the server's bytes as their repr
        if text.startswith(prefix) and text.endswith(prefix[-1]):
            text = text[2:-1]
    return text.strip() or "no reason given"


def _hint(settings: ServerSettings, said: str) -> str:
    """What to do about it, when the server's words do not make it plain already."""
    if "[LIMIT]" in said or "connections" in said.lower():
        return " (too many connections to this mailbox at once: close other clients of it, or wait and retry)"
    if "[UNAVAILABLE]" in said:
        return " (the server cannot sign anyone in just now: retry later)"
    if settings.auth == "password":
        return f" (check {settings.password_env}; providers that need an app password or OAuth2 say so above)"
    return " (the access token was refused: check the oauth: section and the account's consent)"


def find_junk_folder(client: imapclient.IMAPClient, configured: str | None = None) -> tuple[str | None, str]:
    """The spam folder and how it was found: as configured, by the \\Junk flag, else by a usual name."""
    return _find_folder(client, JUNK, JUNK_FOLDER_NAMES, configured)


def _find_folder(
    client: imapclient.IMAPClient, flag: bytes, usual: tuple[str, ...], configured: str | None
) -> tuple[str | None, str]:
    """A folder and how it was found: by its configured name, its RFC 6154 flag, else one of the
    `usual` names (every supported language's), also under INBOX as some servers keep them."""
    try:
        listed = client.list_folders()
    except (OSError, IMAPClientError) as exc:
        raise MailError(f"IMAP: cannot list folders ({exc})") from None
    names = {str(name).lower(): str(name) for _, _, name in listed}
    if configured is not None:
        found = names.get(configured.lower())
        return (found, f"configured name {configured!r}") if found else (None, f"configured {configured!r} not found")
    flagged = next((str(name) for flags, _, name in listed if flag in flags), None)
    if flagged:
        return flagged, f"special-use {flag.decode()} flag"
    for candidate in usual:
        for spelled in (candidate, f"INBOX.{candidate}", f"INBOX/{candidate}"):
            if spelled.lower() in names:
                return names[spelled.lower()], f"usual name {spelled!r}"
    return None, f"no {flag.decode()} flag and none of the usual names"


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


def find_sent_folder(client: imapclient.IMAPClient, configured: str | None = None) -> str | None:
    """The folder for sent mail: as configured, the \\Sent flag, else a usual name."""
    return _find_folder(client, SENT, SENT_FOLDER_NAMES, configured)[0]


def append_to_sent(settings: ImapSettings, raw: bytes, at: datetime) -> str:
    """File a copy of a sent message, marked read, dated when it was sent; returns the folder."""
    with logged_in(settings) as client:
        folder = find_sent_folder(client, settings.sent_folder)
        if folder is None:
            raise MailError(f"IMAP {settings.host}: no Sent folder to file a copy in")
        client.append(folder, raw, flags=[SEEN], msg_time=at)
        return folder


def find_in_sent(settings: ImapSettings, message_ids: list[str]) -> dict[str, datetime]:
    """Which of these Message-IDs have a copy in the Sent folder, with its INTERNALDATE."""
    found: dict[str, datetime] = {}
    with logged_in(settings) as client:
        folder = find_sent_folder(client, settings.sent_folder)
        if folder is None:
            return found
        client.select_folder(folder, readonly=True)
        for message_id in message_ids:
            uids = client.search(["HEADER", "Message-ID", message_id])
            if uids:
                data = client.fetch(uids[:1], ["INTERNALDATE"])
                found[message_id] = data[uids[0]][b"INTERNALDATE"]
    return found
