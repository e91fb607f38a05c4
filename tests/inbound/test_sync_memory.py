"""A sync holds a bounded number of bytes in memory, whatever the size of the messages."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime
from typing import Any

import pytest

from supportbench.inbound import sync
from supportbench.inbound.sync import FETCH_BATCH, batches_by_size, sync_mailbox
from supportbench.lab import MailLab, MailUser
from supportbench.mail import imap
from supportbench.store.database import Store
from tests.helpers import SHOPPER_PASSWORD_ENV, imap_login, lab_config_data, make_config


@pytest.mark.parametrize(
    ("sizes", "limit", "expected"),
    [
        ([10] * 5, 25, [[1, 2], [3, 4], [5]]),
        ([10, 100, 10], 25, [[1], [2], [3]]),  # a message larger than the limit goes alone
        ([0] * (FETCH_BATCH + 1), 25, [list(range(1, FETCH_BATCH + 1)), [FETCH_BATCH + 1]]),  # and a count limit
    ],
)
def test_batches_are_cut_by_bytes_and_by_count(
    sizes: list[int], limit: int, expected: list[list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "FETCH_BYTES", limit)
    uids = list(range(1, len(sizes) + 1))
    assert batches_by_size(uids, dict(zip(uids, sizes, strict=True))) == expected


def test_large_messages_are_fetched_a_few_bytes_at_a_time(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachment = "A" * 300_000
    with imap_login(lab, shopper, lab_tls) as client:
        for n in range(6):
            raw = f"From: desk@acme.test\r\nSubject: big {n}\r\nMessage-ID: <big{n}@acme.test>\r\n\r\n{attachment}\r\n"
            client.append("INBOX", raw.encode())
    monkeypatch.setattr(sync, "FETCH_BYTES", 700_000)
    fetched: list[int] = []
    config = make_config(lab_config_data(lab, shopper, ["support@acme.test"], SHOPPER_PASSWORD_ENV))
    with imap.logged_in(config.shoppers[0].imap) as client:
        real_fetch = client.fetch

        def counting_fetch(uids: Any, data: list[str]) -> Any:
            if "BODY.PEEK[]" in data:
                fetched.append(len(uids))
            return real_fetch(uids, data)

        monkeypatch.setattr(client, "fetch", counting_fetch)
        results = sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert sum(r.new for r in results) == 6 and store.message_count() == 6
    assert fetched == [2, 2, 2]  # never more than 700 KB of messages at once
