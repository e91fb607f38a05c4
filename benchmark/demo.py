"""The demo on the embedded defaults: the example targets.yaml, hosted in the mail lab.

Every mailbox of the example (shoppers and vendors, all on reserved `.example`
domains) is created in a private lab, the shoppers' servers are pointed at it,
and the configuration is validated and every shopper logs in for real.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import resources
from typing import Any

import yaml

from benchmark.config import Config, parse_config
from benchmark.connectivity import Finding, check_connections
from benchmark.lab import MailLab


def embedded_targets() -> str:
    """The example targets.yaml shipped inside the package."""
    return resources.files("benchmark").joinpath("data/targets.yaml").read_text(encoding="utf-8")


def lab_config(lab: MailLab, text: str) -> tuple[Config, dict[str, str]]:
    """The example, with each shopper's SMTP/IMAP pointed at the lab; returns env passwords too."""
    data: dict[str, Any] = yaml.safe_load(text)
    environment: dict[str, str] = {}
    lab.add_users(
        [shopper["address"] for shopper in data["shoppers"]]
        + [
            address
            for vendor in data["vendors"]
            for address in [vendor["address"], *vendor.get("alternate_addresses", [])]
        ]
    )
    for shopper in data["shoppers"]:
        user = lab.add_user(shopper["address"])
        settings = lab.shopper_settings(user, shopper["name"], f"SUPPORTBENCH_DEMO_{shopper['id'].upper()}_PASSWORD")
        shopper["smtp"], shopper["imap"] = settings["smtp"], settings["imap"]
        environment[shopper["smtp"]["password_env"]] = user.password
    return parse_config(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source="embedded targets.yaml"
    ), environment


def run_demo(report: Callable[[str], None]) -> list[Finding]:
    """Start the lab, load the embedded example into it, and check every shopper's mailbox."""
    with MailLab() as lab:
        report(
            f"mail lab up: Postfix + Dovecot on 127.0.0.1 (submission {lab.ports.submission}, IMAPS {lab.ports.imaps})"
        )
        config, environment = lab_config(lab, embedded_targets())
        os.environ.update(environment)
        report(
            f"embedded targets.yaml valid: {len(config.vendors)} vendors in "
            f"{', '.join(sorted({v.language for v in config.vendors}))}, {len(config.probes)} probes"
        )
        return check_connections(config)
