"""OAuth2 sign-in against the lab's Dovecot and Postfix, with tokens from the lab's endpoint."""

from __future__ import annotations

import asyncio
import os
import ssl
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportbench.config.targets import ImapSettings, ServerSettings, parse_config
from supportbench.errors import ConfigError, MailError
from supportbench.inbound.sync import sync_mailbox
from supportbench.lab import MailLab, MailUser
from supportbench.lab.oauth import claims_for, sign
from supportbench.mail import imap, smtp
from supportbench.mail.credentials import access_token
from supportbench.outbound.sending import Sender
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.cli.test_cli import run_cli
from tests.helpers import MINIMAL, folder_messages, lab_config_data, make_config

CLIENT_ENV, REFRESH_ENV = "LAB_OAUTH_CLIENT", "LAB_OAUTH_REFRESH"


@pytest.fixture
def oauth_shopper(lab: MailLab, new_mailbox: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[MailUser, dict[str, Any]]:
    user = new_mailbox("oauth")
    settings, env = lab.oauth_shopper_settings(user, "Alex Morgan", CLIENT_ENV, REFRESH_ENV)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return user, settings


def test_a_token_from_the_refresh_grant_signs_in_over_imap_and_smtp(
    lab: MailLab, oauth_shopper: tuple[MailUser, dict[str, Any]]
) -> None:
    user, settings = oauth_shopper
    before = lab.oauth.issued
    with imap.logged_in(ImapSettings(**settings["imap"])) as client:
        assert client.select_folder("INBOX", readonly=True)
    response = asyncio.run(
        smtp.deliver(ServerSettings(**settings["smtp"]), user.address, [user.address], b"Subject: hi\r\n\r\nhi\r\n")
    )
    assert response.startswith("2.0.0") or "queued" in response.lower()
    assert lab.oauth.issued == before + 2  # a fresh access token for each connection


@pytest.mark.parametrize(
    ("claims", "key"),
    [
        ({"lifetime": -60}, None),  # expired
        ({}, b"w" * 32),  # signed with another key
        ({"issuer": "https://evil.test"}, None),
        ({"address": "someone-else@shopper.test"}, None),  # a token for another mailbox
    ],
    ids=["expired", "wrong key", "wrong issuer", "wrong user"],
)
def test_a_bad_token_is_refused_with_the_servers_words(
    lab: MailLab, new_mailbox: Any, monkeypatch: pytest.MonkeyPatch, claims: dict[str, Any], key: bytes | None
) -> None:
    user = new_mailbox("oauth")
    address = claims.pop("address", user.address)
    token = sign(claims_for(address, **claims), key or lab.oauth.key)
    settings, _ = lab.oauth_shopper_settings(user, "Alex", CLIENT_ENV, REFRESH_ENV)
    command_settings = {**settings["imap"], "oauth": {"token_command": f"echo {token}"}}
    with pytest.raises(MailError) as refused:
        imap.connect(ImapSettings(**command_settings))
    assert "sign-in refused" in str(refused.value) and "AUTHENTICATIONFAILED" in str(refused.value)
    smtp_settings = {**settings["smtp"], "oauth": {"token_command": f"echo {token}"}}
    with pytest.raises(smtp.SmtpError) as smtp_refused:
        asyncio.run(smtp.deliver(ServerSettings(**smtp_settings), user.address, [user.address], b"Subject: x\r\n\r\n"))
    assert "535" in str(smtp_refused.value) and not smtp_refused.value.temporary


def test_a_revoked_refresh_token_is_said_in_the_endpoints_words(
    lab: MailLab, oauth_shopper: tuple[MailUser, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings = oauth_shopper
    monkeypatch.setenv(REFRESH_ENV, "not-a-grant")
    with pytest.raises(MailError) as refused:
        access_token(ImapSettings(**settings["imap"]))
    assert "invalid_grant" in str(refused.value) and "not-a-grant" not in str(refused.value)


def test_an_expired_access_token_is_refreshed_for_the_next_connection(
    lab: MailLab, oauth_shopper: tuple[MailUser, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings = oauth_shopper
    monkeypatch.setattr(lab.oauth, "lifetime", 1)
    first = access_token(ImapSettings(**settings["imap"]))
    monkeypatch.setattr(lab.oauth, "lifetime", 600)
    second = access_token(ImapSettings(**settings["imap"]))
    assert first != second  # never reused: each connection asks for its own
    with imap.logged_in(ImapSettings(**settings["imap"])) as client:
        assert client.select_folder("INBOX", readonly=True)


@pytest.mark.parametrize("provider", ["microsoft365", "gmail"])
def test_a_provider_shopper_with_oauth_passes_check_connect_sends_and_reads_end_to_end(
    lab: MailLab,
    lab_tls: ssl.SSLContext,
    oauth_shopper: tuple[MailUser, dict[str, Any]],
    new_mailbox: Any,
    store: Store,
    tmp_path: Path,
    provider: str,
) -> None:
    user, settings = oauth_shopper
    vendor = new_mailbox("support", "acme.test")
    data = lab_config_data(lab, user, [vendor.address], "UNUSED")
    # The provider's preset (sign-in by XOAUTH2, its scope, no Sent copy), with the lab's servers
    # and token endpoint written by hand, as an analyst overrides any preset value.
    settings = {**settings, "provider": provider}
    for server in ("smtp", "imap"):
        entry = settings[server]
        settings[server] = {key: entry[key] for key in ("host", "port", "security", "username", "ca_file")}
        settings[server]["oauth"] = {
            key: entry["oauth"][key] for key in ("token_url", "client_id_env", "refresh_token_env")
        }
    data["shoppers"] = [settings]
    data["vendors"][0]["shopper"] = settings["id"]
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    env = {name: os.environ[name] for name in (CLIENT_ENV, REFRESH_ENV)}
    checked = run_cli("check", "--connect", str(path), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "signed in with XOAUTH2" in checked.stdout
    config = make_config(data)
    result = asyncio.run(Sender(config, store).send_probe("vendor0", datetime.now(UTC)))
    assert result.state == "sent", result.detail
    wait_for(lambda: folder_messages(lab, vendor, lab_tls), timeout=60, what="the probe at the vendor")
    with imap.logged_in(config.shoppers[0].imap) as client:
        synced = sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert {folder.folder.role for folder in synced} == {"inbox", "junk"}


def test_oauth_settings_are_checked_when_the_config_loads() -> None:
    data = yaml.safe_load(MINIMAL)
    data["shoppers"][0]["imap"] = {"host": "h", "port": 993, "security": "tls", "username": "u", "auth": "xoauth2"}
    with pytest.raises(ConfigError) as missing:
        parse_config(yaml.safe_dump(data))
    assert any("needs an oauth: section" in problem for problem in missing.value.problems)
    data["shoppers"][0]["imap"]["oauth"] = {"token_url": "http://tokens.example/token", "client_id_env": "C",
                                           "refresh_token_env": "R"}  # fmt: skip
    with pytest.raises(ConfigError) as plain_http:
        parse_config(yaml.safe_dump(data))
    assert any("must be an https:// URL" in problem for problem in plain_http.value.problems)


def auth_config(lab: MailLab, user: MailUser, tmp_path: Path, consent: str) -> Path:
    settings, _ = lab.oauth_shopper_settings(user, "Alex Morgan", CLIENT_ENV, REFRESH_ENV)
    endpoint = lab.oauth.url.removesuffix("/token")
    for server in ("smtp", "imap"):
        settings[server]["oauth"][consent] = endpoint + ("/device" if consent == "device_url" else "/authorize")
    data = yaml.safe_load(MINIMAL)
    data["shoppers"] = [settings]
    data["vendors"][0]["shopper"] = settings["id"]
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def signs_in_with(lab: MailLab, user: MailUser, path: Path, refresh_token: str, client_id: str) -> bool:
    config = parse_config(path.read_text())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CLIENT_ENV, client_id)
        patch.setenv(REFRESH_ENV, refresh_token)
        with imap.logged_in(config.shoppers[0].imap) as client:
            return bool(client.select_folder("INBOX", readonly=True))


def test_auth_with_a_device_code_prints_a_refresh_token_that_signs_in(
    lab: MailLab, new_mailbox: Any, tmp_path: Path
) -> None:
    user = new_mailbox("device")
    path = auth_config(lab, user, tmp_path, "device_url")
    lab.oauth.consenting = user.address  # the user types the code and agrees
    try:
        result = run_cli("auth", settings_id(path), "-c", str(path), env={CLIENT_ENV: "device-app"})
    finally:
        lab.oauth.consenting = None
    assert result.returncode == 0, result.stderr
    assert "enter the code" in result.stderr and f"environment variable {REFRESH_ENV}" in result.stderr
    refresh_token = result.stdout.strip()
    assert refresh_token and refresh_token not in result.stderr  # shown once
    assert signs_in_with(lab, user, path, refresh_token, "device-app")


def test_auth_with_a_browser_redirect_to_this_machine_prints_a_refresh_token(
    lab: MailLab, new_mailbox: Any, tmp_path: Path
) -> None:
    import subprocess
    import sys
    import urllib.request

    user = new_mailbox("browser")
    path = auth_config(lab, user, tmp_path, "authorize_url")
    command = [sys.executable, "-m", "supportbench", "auth", settings_id(path), "-c", str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, CLIENT_ENV: "desktop-app"})  # fmt: skip
    lab.oauth.consenting = user.address
    try:
        assert process.stderr is not None
        address = next(line.strip() for line in process.stderr if line.startswith("http://127.0.0.1"))
        with urllib.request.urlopen(address, timeout=30) as page:  # the browser, following the redirect home
            assert b"signed in" in page.read()
        stdout, _ = process.communicate(timeout=60)
    finally:
        lab.oauth.consenting = None
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert signs_in_with(lab, user, path, stdout.strip(), "desktop-app")


def settings_id(path: Path) -> str:
    return str(yaml.safe_load(path.read_text())["shoppers"][0]["id"])
