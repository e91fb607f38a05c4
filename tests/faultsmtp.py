"""An SMTP server that misbehaves on purpose (aiosmtpd): 4xx, 5xx, drops, slowness, refusals."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from supportbench.lab.servers import free_ports


@dataclass
class FaultPlan:
    """What the server does; tests change it between sends."""

    data_replies: list[str] = field(default_factory=list)  # consumed one per DATA; empty -> 250
    refuse_recipients: set[str] = field(default_factory=set)
    drop_on_rcpt: bool = False  # before the message is handed over
    drop_on_data: bool = False  # after: the server has the whole message and says nothing
    data_delay: float = 0.0
    received: list[bytes] = field(default_factory=list)


class _Handler:
    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:  # noqa: N802
        if self.plan.drop_on_rcpt:
            server.transport.close()
            return "421 closing"
        if address in self.plan.refuse_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.plan.drop_on_data:
            self.plan.received.append(envelope.content)
            server.transport.close()
            return "421 closing"
        if self.plan.data_delay:
            # The fault itself: a server that takes longer than the client will wait.
            self.plan.received.append(envelope.content)
            await asyncio.sleep(self.plan.data_delay)
            return "250 2.0.0 Ok: queued, too late"
        if self.plan.data_replies:
            return self.plan.data_replies.pop(0)
        self.plan.received.append(envelope.content)
        return "250 2.0.0 Ok: queued as FAULTY1"


def _accept_any(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    return AuthResult(success=True)


@contextmanager
def fault_server(plan: FaultPlan) -> Iterator[int]:
    """Run the server on a loopback port for the duration; yields the port."""
    port = free_ports(1)[0]
    controller = Controller(
        _Handler(plan),
        hostname="127.0.0.1",
        port=port,
        authenticator=_accept_any,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
