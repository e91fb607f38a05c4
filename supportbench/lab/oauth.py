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
    """A provider in miniature. POST /token: refresh-token, device-code (RFC 8628) and
    authorization-code with PKCE (RFC 7636) grants; POST /device starts a device login; GET
    /authorize is the consent page, which redirects at once for the mailbox in `consenting`."""

    def __init__(self, key: bytes, lifetime: int = TOKEN_LIFETIME) -> None:
        self.key = key
        self.lifetime = lifetime
        self.issued = 0  # access tokens given out: tests see a refresh happen
        self._grants: dict[str, tuple[str, str | None, str]] = {}  # refresh token -> client id, secret, address
        self._devices: dict[str, tuple[str, int]] = {}  # device code -> client id, polls so far
        self._codes: dict[str, tuple[str, str, str, str]] = {}  # code -> client id, address, challenge, redirect
        self.consenting: str | None = None  # the mailbox whose user agrees to whatever is asked
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

    def start_device(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        device_code, user_code = secrets.token_urlsafe(16), secrets.token_hex(4).upper()
        self._devices[device_code] = (form.get("client_id", ""), 0)
        where = self.url.replace("/token", "/activate")
        return 200, {"device_code": device_code, "user_code": user_code, "verification_uri": where,
                     "interval": 0, "expires_in": 60,
                     "message": f"To sign in, open {where} and enter the code {user_code}."}  # fmt: skip

    def consent_page(self, query: dict[str, str]) -> str:
        """Where the consent page sends the browser back: the redirect with a code, or an error."""
        redirect = query.get("redirect_uri", "")
        if self.consenting is None:
            return f"{redirect}?" + urllib.parse.urlencode({"error": "access_denied", "state": query.get("state", "")})
        code = secrets.token_urlsafe(16)
        self._codes[code] = (query.get("client_id", ""), self.consenting, query.get("code_challenge", ""), redirect)
        return f"{redirect}?" + urllib.parse.urlencode({"code": code, "state": query.get("state", "")})

    def answer(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        """The endpoint's reply to a token request: (HTTP status, JSON body)."""
        grant_type = form.get("grant_type")
        if grant_type == "urn:ietf:params:oauth:grant-type:device_code":
            return self._device_grant(form)
        if grant_type == "authorization_code":
            return self._code_grant(form)
        if grant_type != "refresh_token":
            return 400, {"error": "unsupported_grant_type", "error_description": f"no {grant_type} grants here"}
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

    def _device_grant(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        known = self._devices.get(form.get("device_code", ""))
        if known is None or known[0] != form.get("client_id"):
            return 400, {"error": "invalid_grant", "error_description": "unknown device code"}
        if self.consenting is None or known[1] == 0:  # the user agrees between the first poll and the second
            self._devices[form["device_code"]] = (known[0], known[1] + 1)
            return 400, {"error": "authorization_pending", "error_description": "the user has not agreed yet"}
        del self._devices[form["device_code"]]
        return self._tokens(known[0], None, self.consenting)

    def _code_grant(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        known = self._codes.pop(form.get("code", ""), None)
        if known is None:
            return 400, {"error": "invalid_grant", "error_description": "unknown or used code"}
        client_id, address, challenge, redirect = known
        verifier = form.get("code_verifier", "").encode()
        if _b64url(hashlib.sha256(verifier).digest()) != challenge or redirect != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier or redirect_uri mismatch"}
        if client_id != form.get("client_id"):
            return 401, {"error": "invalid_client", "error_description": "client authentication failed"}
        return self._tokens(client_id, form.get("client_secret"), address)

    def _tokens(self, client_id: str, client_secret: str | None, address: str) -> tuple[int, dict[str, object]]:
        self.issued += 1
        refresh_token = self.grant(address, client_id, client_secret)
        access = sign(claims_for(address, self.lifetime), self.key)
        return 200, {"access_token": access, "refresh_token": refresh_token, "token_type": "Bearer",
                     "expires_in": self.lifetime}  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
                routes = {"/token": endpoint.answer, "/device": endpoint.start_device}
                route = routes.get(self.path)
                status, body = route(form) if route else (404, {"error": "not_found"})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # the name http.server calls
                path, _, query = self.path.partition("?")
                if path != "/authorize":
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(302)
                self.send_header("Location", endpoint.consent_page(dict(urllib.parse.parse_qsl(query))))
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # http.server's name
                """Quiet: requests carry secrets, and tests do not want the noise."""

        return Handler


def dovecot_key(key: bytes) -> str:
    """The key as Dovecot's local validation reads it from its dictionary: base64."""
    return base64.b64encode(key).decode("ascii")
