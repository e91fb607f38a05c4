"""Small valid configurations for tests, built from one minimal targets.yaml."""

from __future__ import annotations

from typing import Any

import yaml

from supportbench.config.targets import Config, parse_config

MINIMAL = """\
shoppers:
  - id: alex
    name: Alex Morgan
    address: alex@shop.example
    smtp: {host: mail.shop.example, port: 587, username: alex, password_env: ALEX_PW}
    imap: {host: mail.shop.example, port: 993, security: tls, username: alex, password_env: ALEX_PW}
vendors:
  - id: acme
    name: Acme
    address: support@acme.example
    language: en
    timezone: Europe/London
    country: GB
    hours: {mon-fri: "09:00-17:00"}
    probes: [hello]
    schedule: {every: 7d}
    shopper: alex
probes:
  - id: hello
    category: pre-sales
    variants:
      en: {subject: "A question", body: "Hello {vendor_name}, ref {reference}"}
    questions:
      - id: phone
        answered_if: {en: [[phone, call]]}
"""


def config_data() -> dict[str, Any]:
    """MINIMAL as plain data, for a test to change before validating."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL)
    return data


def make_config(data: dict[str, Any] | None = None) -> Config:
    return parse_config(yaml.safe_dump(data if data is not None else config_data(), allow_unicode=True))


def lab_config_data(lab: Any, shopper: Any, vendor_addresses: list[str], password_env: str) -> dict[str, Any]:
    """MINIMAL pointed at the lab: one shopper mailbox, one vendor per address, open all week."""
    data = config_data()
    data["shoppers"] = [lab.shopper_settings(shopper, "Alex Morgan", password_env)]
    data["shoppers"][0]["timezone"] = "Europe/London"
    template = data["vendors"][0]
    data["vendors"] = [
        {
            **template,
            "id": f"vendor{n}",
            "name": f"Vendor {n}",
            "address": address,
            "shopper": data["shoppers"][0]["id"],
        }
        for n, address in enumerate(vendor_addresses)
    ]
    data["safety"] = {"send_windows": {"mon-sun": "00:00-24:00"}, "jitter": "1m"}
    return data
