"""`supportbench auth SHOPPER`: the one-time consent that gives a shopper mailbox a refresh token.

The way each provider supports for a tool without a web server of its own: a device code where
the shopper's `oauth:` names a `device_url` (Microsoft), else a redirect to this machine where
it names an `authorize_url` (Google). The refresh token is printed once, for the analyst to put
in the variable `refresh_token_env` names; it is never written to a file, the store or a log.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from supportbench.config.targets import Shopper
from supportbench.errors import SupportbenchError
from supportbench.mail.oauth import Grant, device_flow, loopback_flow


def authorize(shopper: Shopper, say: Callable[[str], None]) -> tuple[Grant, str]:
    """Obtain a grant for the shopper's IMAP sign-in; returns it and the variable to put it in."""
    settings = shopper.imap
    oauth = settings.oauth
    if settings.auth not in ("xoauth2", "oauthbearer") or oauth is None:
        raise SupportbenchError(f"shopper {shopper.id} signs in with auth: {settings.auth}; `auth` is for OAuth2")
    if oauth.token_command is not None:
        raise SupportbenchError(f"shopper {shopper.id} takes its tokens from token_command; nothing to authorize")
    assert oauth.token_url and oauth.client_id_env and oauth.refresh_token_env, "validated with the config"
    client_id = os.environ.get(oauth.client_id_env)
    if not client_id:
        raise SupportbenchError(f"environment variable {oauth.client_id_env} is not set: export the app's client id")
    secret = os.environ.get(oauth.client_secret_env) if oauth.client_secret_env else None
    say(f"Signing in {settings.username} for shopper {shopper.id}.")
    if oauth.device_url:
        grant = device_flow(oauth.device_url, oauth.token_url, client_id, oauth.scope, say, settings.ca_file)
    elif oauth.authorize_url:
        grant = loopback_flow(oauth.authorize_url, oauth.token_url, client_id, secret, oauth.scope, say,
                              settings.ca_file)  # fmt: skip
    else:
        raise SupportbenchError(
            f"shopper {shopper.id}: oauth needs device_url (a device code) or authorize_url (a browser "
            "redirect) to ask for consent; `provider:` fills them in for Gmail and Microsoft"
        )
    return grant, oauth.refresh_token_env
