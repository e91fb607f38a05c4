"""Secrets come from the environment or a token source, never from targets.yaml, the store or logs.

A password is read from the variable `password_env` names. An OAuth2 access token is asked for
afresh for every connection: from the provider's token endpoint with a refresh-token grant
(client id, secret and refresh token from the environment), or from a command that prints one.
"""

from __future__ import annotations

import os
import shlex
import ssl
import subprocess

from supportbench.config.targets import OAuthSettings, ServerSettings
from supportbench.errors import MailError
from supportbench.mail.oauth import OAuthError, post_form, text_of

TOKEN_TIMEOUT_SECONDS = 30  # for a token_command


def password_for(settings: ServerSettings) -> str:
    """The password named by `password_env`; a clear error when it is not set."""
    name = settings.password_env or "(no password_env)"
    password = os.environ.get(name)
    if not password:
        raise MailError(
            f"environment variable {name} is not set: export it with the password "
            f"for {settings.username} at {settings.host}"
        )
    return password


def needed_variables(settings: ServerSettings) -> list[str]:
    """The environment variables signing in to this server reads (none for a token command)."""
    if settings.auth == "password":
        return [settings.password_env] if settings.password_env else []
    oauth = settings.oauth
    if settings.auth == "none" or oauth is None or oauth.token_command is not None:
        return []
    return [name for name in (oauth.client_id_env, oauth.refresh_token_env, oauth.client_secret_env) if name]


def check_credentials(settings: ServerSettings) -> None:
    """Raise `MailError` when what signing in needs is missing (nothing is sent anywhere)."""
    if settings.auth == "password":
        password_for(settings)  # its own words: "export it with the password for ..."
        return
    for name in needed_variables(settings):
        if not os.environ.get(name):
            raise MailError(f"environment variable {name} is not set (OAuth2 for {settings.username})")


def access_token(settings: ServerSettings) -> str:
    """A fresh OAuth2 access token for `settings.username`."""
    assert settings.oauth is not None, "validated with the config"
    oauth = settings.oauth
    if oauth.token_command is not None:
        return _from_command(oauth.token_command)
    return _refreshed(oauth, settings)


def _from_command(command: str) -> str:
    try:
        done = subprocess.run(  # the analyst's own command from targets.yaml, no shell
            shlex.split(command), capture_output=True, text=True, timeout=TOKEN_TIMEOUT_SECONDS, check=False
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise MailError(f"token_command could not run ({exc})") from None
    token = done.stdout.strip()
    if done.returncode != 0 or not token:
        said = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise MailError(f"token_command printed no token ({said[0][:200]})")
    return token


def _refreshed(oauth: OAuthSettings, settings: ServerSettings) -> str:
    """A refresh-token grant (RFC 6749 section 6); the endpoint's own error words on failure."""
    assert oauth.token_url and oauth.client_id_env and oauth.refresh_token_env, "validated with the config"
    fields = {
        "grant_type": "refresh_token",
        "client_id": _variable(oauth.client_id_env),
        "refresh_token": _variable(oauth.refresh_token_env),
    }
    if oauth.client_secret_env:
        fields["client_secret"] = _variable(oauth.client_secret_env)
    if oauth.scope:
        fields["scope"] = oauth.scope
    try:
        answer = post_form(oauth.token_url, fields, settings.ca_file)
    except OAuthError as exc:
        raise MailError(f"token endpoint {exc}") from None
    return text_of(answer, "access_token", oauth.token_url)


def _variable(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise MailError(f"environment variable {name} is not set")
    return value


def tls_context(settings: ServerSettings) -> ssl.SSLContext | None:
    """A verifying TLS context (the lab's CA when `ca_file` is set); None for `security: none`."""
    if settings.security == "none":
        return None
    cafile = str(settings.ca_file) if settings.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise MailError(f"cannot load CA file {settings.ca_file}: {exc}") from None
