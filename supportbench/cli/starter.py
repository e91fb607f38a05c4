"""`supportbench init`: a commented starter targets.yaml that passes `check` and says what to fill in."""

from __future__ import annotations

from pathlib import Path

from supportbench.errors import SupportbenchError

PROVIDERS = ("gmail", "microsoft365", "outlook", "yahoo", "icloud", "fastmail", "other")

_OAUTH_SERVER = """
      username: {address}
      oauth: {{client_id_env: SUPPORTBENCH_CLIENT_ID, refresh_token_env: SHOPPER_ALEX_REFRESH}}"""
_PASSWORD_SERVER = "{{username: {address}, password_env: SHOPPER_ALEX_PASSWORD}}"
_OTHER_SERVER = """
      host: mail.example.com           # FILL IN: your mail host
      port: {port}
      security: {security}
      username: {address}
      password_env: SHOPPER_ALEX_PASSWORD"""

_SHOPPER = {
    "oauth": """    provider: {provider}
    # OAuth2: export SUPPORTBENCH_CLIENT_ID (your app registration), run `supportbench auth alex`,
    # then export SHOPPER_ALEX_REFRESH with the token it prints. README: "Shopper mailboxes".
    smtp: {server}
    imap: {server}""",
    "password": """    provider: {provider}
    # An app password from the account's security settings, in the environment variable below.
    smtp: {server}
    imap: {server}""",
    "other": """    # Your mail host's settings; the password goes in the environment variable, never here.
    smtp: {smtp}
    imap: {imap}""",
}

STARTER = """# supportbench targets: who is probed, with what, how often. Check it with:
#   supportbench check targets.yaml          (and --connect to sign in to the mail servers)
# Secrets never go in this file: each server names the environment variable that holds them.

database: supportbench.db

shoppers:
  # The mystery shopper: a mailbox of yours that writes to the vendors and reads their replies.
  - id: alex
    name: Alex Morgan                  # FILL IN: the name the vendors see
    address: {address}
    timezone: Europe/London
{shopper}

# What vendors share, written once and merged in with `<<: *uk` (keys starting with x- are free).
x-uk: &uk
  language: en
  timezone: Europe/London
  country: GB
  hours: {{mon-fri: "09:00-17:00"}}
  probes: [phone-and-pricing]
  schedule: {{every: 14d}}
  shopper: alex

vendors:
  # FILL IN: one entry per company; what they share comes from x-uk above.
  - id: example-vendor
    name: Example Ltd
    address: support@example.com
    <<: *uk

probes:
  # The two questions of the SuperOffice studies, so results compare with theirs.
  - id: phone-and-pricing
    category: pre-sales
    variants:
      en:
        subject: Phone number and prices
        body: |
          Hello,

          I am thinking of buying from {{vendor_name}} and have two quick questions
          before I do. Do you have a phone number I can call you on? And where can I
          find pricing information on your website?

          Thank you in advance.

          {{shopper_signature}}
          (enquiry {{reference}})
    questions:
      - id: phone
        asks: {{en: "Is there a phone number?"}}
        expects: phone
        answered_if: {{en: [[phone, call, telephone]]}}
      - id: pricing
        asks: {{en: "Where are the prices?"}}
        expects: link
        answered_if: {{en: [[price, pricing, cost]]}}

# Alerts (a vendor paused by a bounce, a part of `run` failing, unreadable mail) mailed to you,
# each once, through the shopper's mailbox:
# notify: {{to: [you@example.com]}}

safety:
  paused: true                         # FILL IN: set to false when the vendors above are real
"""


def starter_config(provider: str) -> str:
    """The starter's text for a shopper mailbox at `provider` ("other": any IMAP host)."""
    address = "alex@example.com"
    if provider == "other":
        smtp = _OTHER_SERVER.format(port=587, security="starttls", address=address)
        imap = _OTHER_SERVER.format(port=993, security="tls", address=address)
        shopper = _SHOPPER["other"].format(smtp=smtp, imap=imap)
    elif provider in ("gmail", "microsoft365", "outlook"):
        server = _OAUTH_SERVER.format(address=address)
        shopper = _SHOPPER["oauth"].format(provider=provider, server=server)
    else:
        server = _PASSWORD_SERVER.format(address=address)
        shopper = _SHOPPER["password"].format(provider=provider, server=server)
    return STARTER.format(address=address, shopper=shopper)


def write_starter(folder: Path, provider: str) -> Path:
    """Write `folder/targets.yaml`; never over an existing one."""
    path = folder / "targets.yaml"
    if path.exists():
        raise SupportbenchError(f"{path} exists already: init never overwrites a config")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(starter_config(provider), encoding="utf-8")
    except OSError as exc:
        raise SupportbenchError(f"{path}: cannot write it ({exc.strerror})") from None
    return path
