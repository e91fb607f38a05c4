"""OAuth2 with a provider's endpoints: the token endpoint's JSON, and the two ways a command-line
tool obtains a refresh token once, with the user's consent in a browser.

- Device code (RFC 8628), as Microsoft offers it: the user opens a page anywhere and types a
  code; this machine polls the token endpoint until the user has agreed.
- Loopback redirect with PKCE (RFC 8252, RFC 7636), as Google requires for installed apps: the
  user opens a URL, the provider redirects the browser to a one-shot server on 127.0.0.1, and
  the code it brings is exchanged for tokens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from supportbench.errors import MailError

TIMEOUT_SECONDS = 30
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class OAuthError(MailError):
    """An endpoint refused; `code` is its RFC 6749 error code ("invalid_grant", ...)."""

    def __init__(self, message: str, code: str = "") -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class Grant:
    refresh_token: str
    access_token: str


def post_form(url: str, fields: dict[str, str], ca_file: Path | None = None) -> dict[str, object]:
    """POST a form to an OAuth2 endpoint; its JSON answer, or `OAuthError` in the endpoint's words
    (its `error` and `error_description`, never the request, which holds secrets)."""
    request = urllib.request.Request(  # https, or http to this machine only (checked in config)
        url, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": "application/json"}
    )
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS, context=context) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        code, words = _error_of(exc)
        raise OAuthError(f"{url} refused: {words}", code) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise OAuthError(f"{url} could not be reached ({exc})") from None
    if not isinstance(answer, dict):
        raise OAuthError(f"{url} answered something other than a JSON object")
    return answer


def _error_of(exc: urllib.error.HTTPError) -> tuple[str, str]:
    try:
        body = json.loads(exc.read() or b"{}")
    except ValueError:
        body = {}
    if isinstance(body, dict) and body.get("error"):
        description = str(body.get("error_description", "")).splitlines()[:1]
        return str(body["error"]), f"{body['error']}" + (f": {description[0][:300]}" if description else "")
    return "", f"HTTP {exc.code} {exc.reason}"


def text_of(answer: dict[str, object], key: str, url: str) -> str:
    value = answer.get(key)
    if not isinstance(value, str) or not value:
        raise OAuthError(f"{url} gave no {key}")
    return value


def device_flow(
    device_url: str,
    token_url: str,
    client_id: str,
    scope: str,
    say: Callable[[str], None],
    ca_file: Path | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Grant:
    """Ask for a device code, tell the user where to enter it, poll until they have agreed."""
    started = post_form(device_url, {"client_id": client_id, "scope": scope}, ca_file)
    device_code = text_of(started, "device_code", device_url)
    where = started.get("verification_uri") or started.get("verification_url")
    say(str(started.get("message") or f"Open {where} and enter the code {text_of(started, 'user_code', device_url)}"))
    interval = max(1.0, float(started.get("interval", 5) or 0))  # type: ignore[arg-type]  # never a busy loop
    deadline = time.monotonic() + float(started.get("expires_in", 900))  # type: ignore[arg-type]
    fields = {"grant_type": DEVICE_GRANT, "client_id": client_id, "device_code": device_code}
    while time.monotonic() < deadline:
        try:
            answer = post_form(token_url, fields, ca_file)
        except OAuthError as exc:
            if exc.code == "authorization_pending":
                sleep(interval)
                continue
            if exc.code == "slow_down":
                interval += 5
                sleep(interval)
                continue
            raise
        return Grant(text_of(answer, "refresh_token", token_url), text_of(answer, "access_token", token_url))
    raise OAuthError("the code expired before it was entered: run the command again")


def loopback_flow(
    authorize_url: str,
    token_url: str,
    client_id: str,
    client_secret: str | None,
    scope: str,
    say: Callable[[str], None],
    ca_file: Path | None = None,
    wait_seconds: float = 600,
) -> Grant:
    """Send the user to the provider's consent page; receive its redirect on 127.0.0.1."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(16)
    received: dict[str, str] = {}

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            received.update(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"supportbench: signed in. You can close this page.")

        def log_message(self, format: str, *args: object) -> None:  # http.server's name
            """Quiet: the redirect carries the code."""

    with HTTPServer(("127.0.0.1", 0), Redirect) as server:
        redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
        query = {"client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code", "scope": scope,
                 "state": state, "code_challenge": challenge, "code_challenge_method": "S256",
                 "access_type": "offline", "prompt": "consent"}  # fmt: skip
        address = f"{authorize_url}?{urllib.parse.urlencode(query)}"
        say(f"Open this address in a browser on this machine and agree:\n{address}")
        server.timeout = wait_seconds
        server.handle_request()
    if received.get("state") != state:
        raise OAuthError("the browser came back without this request's state: run the command again")
    if "error" in received:
        raise OAuthError(f"the provider said: {received['error']}", received["error"])
    fields = {"grant_type": "authorization_code", "code": received.get("code", ""), "redirect_uri": redirect_uri,
              "client_id": client_id, "code_verifier": verifier}  # fmt: skip
    if client_secret:
        fields["client_secret"] = client_secret
    answer = post_form(token_url, fields, ca_file)
    return Grant(text_of(answer, "refresh_token", token_url), text_of(answer, "access_token", token_url))
