"""The lab's OAuth2: a token endpoint on loopback and the key Dovecot validates its tokens with.

Like Gmail and Microsoft 365, the lab signs in with short-lived access tokens obtained from a
refresh token. The endpoint answers RFC 6749 refresh-token grants with JWTs (HS256, a key made
at start) naming the mailbox in `email`, issued by `ISSUER`; Dovecot's `oauth2` passdb checks
signature, expiry, issuer and that the token's address is the one signing in, for IMAP and,
through Postfix's SASL, for SMTP submission.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ISSUER = "https://issuer.lab.test"
TOKEN_LIFETIME = 600  # seconds


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign(claims: dict[str, object], key: bytes) -> str:
    """A JWT signed with HS256 (RFC 7519): header, claims and signature, base64url, dot-joined."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64url(json.dumps(claims).encode())
    signature = hmac.new(key, f"{header}.{body}".encode("ascii"), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64url(signature)}"


def claims_for(address: str, lifetime: int = TOKEN_LIFETIME, issuer: str = ISSUER) -> dict[str, object]:
    now = int(time.time())
    return {"iss": issuer, "sub": address, "email": address, "iat": now, "exp": now + lifetime}


class TokenEndpoint:
    """POST /token with grant_type=refresh_token: a fresh access token for the granted mailbox."""

    def __init__(self, key: bytes, lifetime: int = TOKEN_LIFETIME) -> None:
        self.key = key
        self.lifetime = lifetime
        self.issued = 0  # access tokens given out: tests see a refresh happen
        self._grants: dict[str, tuple[str, str | None, str]] = {}  # refresh token -> client id, secret, address
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, name="lab-token-endpoint", daemon=True)
        self._started = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/token"

    def start(self) -> None:
        self._thread.start()
        self._started = True

    def stop(self) -> None:
        if self._started:  # shutdown() waits for a loop that never ran otherwise
            self._server.shutdown()
            self._started = False
        self._server.server_close()

    def grant(self, address: str, client_id: str, client_secret: str | None = None) -> str:
        """A refresh token for `address`, as a provider gives one after the user's consent."""
        refresh_token = secrets.token_urlsafe(24)
        self._grants[refresh_token] = (client_id, client_secret, address)
        return refresh_token

    def revoke(self, refresh_token: str) -> None:
        self._grants.pop(refresh_token, None)

    def answer(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        """The endpoint's reply to a token request: (HTTP status, JSON body)."""
        if form.get("grant_type") != "refresh_token":
            return 400, {"error": "unsupported_grant_type", "error_description": "only refresh_token grants here"}
        grant = self._grants.get(form.get("refresh_token", ""))
        if grant is None:
            return 400, {"error": "invalid_grant", "error_description": "the refresh token is unknown or revoked"}
        client_id, client_secret, address = grant
        if form.get("client_id") != client_id or (
            client_secret is not None and form.get("client_secret") != client_secret
        ):
            return 401, {"error": "invalid_client", "error_description": "client authentication failed"}
        self.issued += 1
        token = sign(claims_for(address, self.lifetime), self.key)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
                status, body = endpoint.answer(form) if self.path == "/token" else (404, {"error": "not_found"})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # http.server's name
                """Quiet: requests carry secrets, and tests do not want the noise."""

        return Handler


def dovecot_key(key: bytes) -> str:
    """The key as Dovecot's local validation reads it from its dictionary: base64."""
    return base64.b64encode(key).decode("ascii")
