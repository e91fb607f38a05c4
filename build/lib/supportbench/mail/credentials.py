"""Secrets come from the environment, never from targets.yaml, the store or logs."""

from __future__ import annotations

import os
import ssl

from supportbench.config.targets import ServerSettings
from supportbench.errors import MailError


def password_for(settings: ServerSettings) -> str:
    """The password named by `password_env`; a clear error when it is not set."""
    password = os.environ.get(settings.password_env)
    if not password:
        raise MailError(
            f"environment variable {settings.password_env} is not set: export it with the password "
            f"for {settings.username} at {settings.host}"
        )
    return password


def tls_context(settings: ServerSettings) -> ssl.SSLContext | None:
    """A verifying TLS context (the lab's CA when `ca_file` is set); None for `security: none`."""
    if settings.security == "none":
        return None
    cafile = str(settings.ca_file) if settings.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise MailError(f"cannot load CA file {settings.ca_file}: {exc}") from None
