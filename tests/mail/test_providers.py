"""Other servers' ways: Exchange's and localised folder names without special-use flags, provider
presets, and servers that answer a UID range search oddly."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml

from supportbench.config.targets import parse_config
from supportbench.errors import MailError
from supportbench.inbound.sync import _new_uids, sync_mailbox
from supportbench.lab import MailLab
from supportbench.lab.configs import SPAM_FLAG_HEADER
from supportbench.mail import imap
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.helpers import MINIMAL, SHOPPER_PASSWORD_ENV, folder_messages, lab_config_data, make_config, submit

EXCHANGE_FOLDERS = (("Sent Items", None), ("Junk Email", None), ("Deleted Items", None), ("Drafts", None))
POLISH_FOLDERS = (("Wysłane", None), ("Wiadomości-śmieci", None))


@pytest.fixture(scope="module", params=[EXCHANGE_FOLDERS, POLISH_FOLDERS], ids=["exchange", "polish"])
def other_lab(request: pytest.FixtureRequest) -> Iterator[MailLab]:
    with MailLab(folders=request.param) as lab:
        yield lab


def test_junk_and_sent_are_found_by_their_names_when_no_flag_says_so(
    other_lab: MailLab, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shopper = other_lab.add_user("shopper@names.test")
    desk = other_lab.add_user("desk@acme.test")
    monkeypatch.setenv(SHOPPER_PASSWORD_ENV, shopper.password)
    config = make_config(lab_config_data(other_lab, shopper, [desk.address], SHOPPER_PASSWORD_ENV))
    junk_name, sent_name = other_lab.layout.junk_folder, other_lab.folders[0][0]  # type: ignore[union-attr]
    context = ssl.create_default_context(cafile=str(other_lab.ca_file))
    submit(other_lab, desk, shopper.address, context, body="Hello", Subject="Re: hi", **{SPAM_FLAG_HEADER: "YES"})
    wait_for(
        lambda: folder_messages(other_lab, shopper, context, junk_name), timeout=30, what=f"delivery to {junk_name}"
    )
    with imap.logged_in(config.shoppers[0].imap) as client:
        junk, how = imap.find_junk_folder(client)
        assert (junk, how) == (junk_name, f"usual name {junk_name!r}")  # not claimed to be a flag
        assert imap.find_sent_folder(client) == sent_name
    with Store.open(tmp_path / "sb.db") as store, imap.logged_in(config.shoppers[0].imap) as client:
        results = {
            r.folder.role: r.new for r in sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
        }
    assert results == {"inbox": 0, "junk": 1}
    assert imap.append_to_sent(config.shoppers[0].imap, b"Subject: copy\r\n\r\nx\r\n", datetime.now(UTC)) == sent_name


def test_a_configured_folder_name_wins_and_a_wrong_one_is_said(
    other_lab: MailLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    shopper = other_lab.add_user("configured@names.test")
    monkeypatch.setenv(SHOPPER_PASSWORD_ENV, shopper.password)
    data = lab_config_data(other_lab, shopper, ["support@acme.test"], SHOPPER_PASSWORD_ENV)
    data["shoppers"][0]["imap"]["junk_folder"] = "Drafts" if other_lab.folders == EXCHANGE_FOLDERS else "Nope"
    config = make_config(data)
    with imap.logged_in(config.shoppers[0].imap) as client:
        junk, how = imap.find_junk_folder(client, config.shoppers[0].imap.junk_folder)
    if other_lab.folders == EXCHANGE_FOLDERS:
        assert (junk, how) == ("Drafts", "configured name 'Drafts'")
    else:
        assert junk is None and "configured 'Nope' not found" in how


@pytest.mark.parametrize(
    ("provider", "smtp_host", "imap_host", "auth", "sent_copy"),
    [
        ("gmail", "smtp.gmail.com", "imap.gmail.com", "xoauth2", False),
        ("microsoft365", "smtp.office365.com", "outlook.office365.com", "xoauth2", False),
        ("outlook", "smtp-mail.outlook.com", "outlook.office365.com", "xoauth2", False),
        ("yahoo", "smtp.mail.yahoo.com", "imap.mail.yahoo.com", "password", True),
        ("icloud", "smtp.mail.me.com", "imap.mail.me.com", "password", True),
        ("fastmail", "smtp.fastmail.com", "imap.fastmail.com", "password", True),
    ],
)
def test_a_provider_preset_fills_in_what_the_analyst_leaves_out(
    provider: str, smtp_host: str, imap_host: str, auth: str, sent_copy: bool
) -> None:
    data = yaml.safe_load(MINIMAL)
    credentials: dict[str, Any] = (
        {"oauth": {"client_id_env": "CLIENT_ID", "refresh_token_env": "REFRESH"}}
        if auth != "password"
        else {"password_env": "APP_PASSWORD"}
    )
    servers = {"smtp": {"username": "alex", **credentials}, "imap": {"username": "alex", **credentials}}
    data["shoppers"][0] = {**data["shoppers"][0], "provider": provider, **servers}
    shopper = parse_config(yaml.safe_dump(data)).shoppers[0]
    assert (shopper.smtp.host, shopper.imap.host, shopper.smtp.auth, shopper.imap.auth) == (
        smtp_host, imap_host, auth, auth
    )  # fmt: skip
    assert shopper.save_sent_copy is sent_copy
    if auth != "password":
        assert shopper.imap.oauth is not None and shopper.imap.oauth.token_url.startswith("https://")  # type: ignore[union-attr]


def test_the_analysts_own_values_win_over_the_preset() -> None:
    data = yaml.safe_load(MINIMAL)
    data["shoppers"][0] = {**data["shoppers"][0], "provider": "gmail", "save_sent_copy": True,
                           "smtp": {"username": "alex", "auth": "password", "password_env": "APP_PASSWORD"},
                           "imap": {"username": "alex", "port": 1993, "auth": "oauthbearer",
                                    "oauth": {"token_command": "oama access alex@example.com"}}}  # fmt: skip
    shopper = parse_config(yaml.safe_dump(data)).shoppers[0]
    assert shopper.save_sent_copy is True and shopper.smtp.auth == "password" and shopper.smtp.oauth is None
    assert shopper.imap.port == 1993 and shopper.imap.host == "imap.gmail.com" and shopper.imap.auth == "oauthbearer"
    assert shopper.imap.oauth is not None and shopper.imap.oauth.token_url is None  # a command needs no endpoint


class RangeBlindServer:
    """What GNU Mailutils' imap4d answers: nothing for `UID SEARCH UID n:*`, the truth otherwise."""

    def __init__(self, uids: list[int]) -> None:
        self.uids = uids
        self.asked: list[object] = []

    def search(self, criteria: object) -> list[int]:
        self.asked.append(criteria)
        if criteria == "ALL":
            return self.uids
        assert isinstance(criteria, list)
        low, _, high = criteria[1].partition(":")
        return [] if high == "*" else [uid for uid in self.uids if int(low) <= uid <= int(high)]


def test_new_uids_are_asked_in_a_bounded_range_and_an_empty_answer_is_not_believed() -> None:
    server = RangeBlindServer([3, 4, 7])
    assert _new_uids(server, "INBOX", 3, 8, 3) == [4, 7]  # type: ignore[arg-type]
    assert server.asked == [["UID", "4:7"]]
    assert _new_uids(server, "INBOX", 0, None, 3) == [3, 4, 7]  # type: ignore[arg-type]  # no UIDNEXT: "1:*", then ALL
    assert _new_uids(server, "INBOX", 7, 8, 3) == []  # type: ignore[arg-type]  # nothing new: no search at all


def test_a_connection_limit_is_said_in_the_servers_words_not_blamed_on_the_password(lab: MailLab, shopper: Any) -> None:
    from contextlib import ExitStack

    config = make_config(lab_config_data(lab, shopper, ["support@acme.test"], SHOPPER_PASSWORD_ENV))
    with ExitStack() as open_clients:
        for _ in range(10):  # Dovecot's mail_max_userip_connections: other clients of the mailbox
            open_clients.enter_context(imap.logged_in(config.shoppers[0].imap)).select_folder("INBOX")
        with pytest.raises(MailError) as refused:
            imap.connect(config.shoppers[0].imap)
    assert "[LIMIT] Maximum number of connections" in str(refused.value)
    assert "too many connections" in str(refused.value) and SHOPPER_PASSWORD_ENV not in str(refused.value)
