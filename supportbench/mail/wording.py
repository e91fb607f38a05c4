"""What a network or TLS failure means, in the words a person uses, with what to check.

`[Errno -2] Name or service not known` says "host not found"; `WRONG_VERSION_NUMBER` from a
TLS handshake says the port speaks plain text first (STARTTLS) or no TLS at all.
"""

from __future__ import annotations

import socket
import ssl

from supportbench.config.targets import ServerSettings


def plain_words(exc: BaseException, settings: ServerSettings) -> str | None:
    """A sentence for `exc` (or what caused it), or None when it needs no translation."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return f"host {settings.host!r} not found (check the host name)"
            return f"the name {settings.host!r} could not be looked up ({cause.strerror}; is there DNS?)"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {settings.host} on port {settings.port} (nothing listens there)"
        if isinstance(cause, ssl.SSLError) and cause.reason == "WRONG_VERSION_NUMBER":
            return (f"the server on port {settings.port} did not answer with TLS: it probably expects "
                    "STARTTLS (security: starttls) or plain text")  # fmt: skip
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted ({cause.verify_message})"
        cause = cause.__cause__ or cause.__context__
    return None
