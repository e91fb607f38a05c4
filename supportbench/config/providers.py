"""What mail providers publish about themselves: hosts, ports, security, how to sign in, and
whether they file their own copy of mail sent through SMTP.

`provider: NAME` on a shopper fills these in under whatever the analyst wrote: anything set by
hand wins. Sources: each provider's published IMAP/SMTP settings (Gmail, Microsoft 365 /
Exchange Online, Outlook.com, Yahoo Mail, iCloud Mail, Fastmail).
"""

from __future__ import annotations

from typing import Any

GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"
GOOGLE_AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth"
MICROSOFT_TOKEN_URL = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
MICROSOFT_DEVICE_URL = "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode"
MICROSOFT_CONSUMER_TOKEN_URL = "https://login.microsoftonline.com/consumers/oauth2/v2.0/token"
MICROSOFT_CONSUMER_DEVICE_URL = "https://login.microsoftonline.com/consumers/oauth2/v2.0/devicecode"
MICROSOFT_SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access"

PRESETS: dict[str, dict[str, Any]] = {
    # Workspace accounts need OAuth; personal ones may use an app password (auth: password).
    "gmail": {
        "smtp": {"host": "smtp.gmail.com", "port": 587, "security": "starttls"},
        "imap": {"host": "imap.gmail.com", "port": 993, "security": "tls"},
        "auth": "xoauth2",
        "oauth": {
            "token_url": GOOGLE_TOKEN_URL,
            "authorize_url": GOOGLE_AUTHORIZE_URL,
            "scope": "https://mail.google.com/",
        },
        "save_sent_copy": False,  # Gmail files mail sent through its SMTP in Sent Mail itself
    },
    # Exchange Online refuses passwords for IMAP; SMTP AUTH with a password is going away.
    "microsoft365": {
        "smtp": {"host": "smtp.office365.com", "port": 587, "security": "starttls"},
        "imap": {"host": "outlook.office365.com", "port": 993, "security": "tls"},
        "auth": "xoauth2",
        "oauth": {"token_url": MICROSOFT_TOKEN_URL, "device_url": MICROSOFT_DEVICE_URL, "scope": MICROSOFT_SCOPE},
        "save_sent_copy": False,  # Exchange keeps a copy in Sent Items
    },
    # Personal Outlook.com / Hotmail accounts: OAuth only since September 2024.
    "outlook": {
        "smtp": {"host": "smtp-mail.outlook.com", "port": 587, "security": "starttls"},
        "imap": {"host": "outlook.office365.com", "port": 993, "security": "tls"},
        "auth": "xoauth2",
        "oauth": {
            "token_url": MICROSOFT_CONSUMER_TOKEN_URL,
            "device_url": MICROSOFT_CONSUMER_DEVICE_URL,
            "scope": MICROSOFT_SCOPE,
        },
        "save_sent_copy": False,
    },
    "yahoo": {  # an app password (Account security -> Generate app password)
        "smtp": {"host": "smtp.mail.yahoo.com", "port": 465, "security": "tls"},
        "imap": {"host": "imap.mail.yahoo.com", "port": 993, "security": "tls"},
        "auth": "password",
        "save_sent_copy": True,
    },
    "icloud": {  # an app-specific password (appleid.apple.com -> Sign-In and Security)
        "smtp": {"host": "smtp.mail.me.com", "port": 587, "security": "starttls"},
        "imap": {"host": "imap.mail.me.com", "port": 993, "security": "tls"},
        "auth": "password",
        "save_sent_copy": True,
    },
    "fastmail": {  # an app password (Settings -> Privacy & Security -> App passwords)
        "smtp": {"host": "smtp.fastmail.com", "port": 465, "security": "tls"},
        "imap": {"host": "imap.fastmail.com", "port": 993, "security": "tls"},
        "auth": "password",
        "save_sent_copy": True,
    },
}


def with_preset(shopper: Any) -> Any:
    """A shopper's raw settings with its provider's preset under them (the analyst's values win).

    The preset's `auth` and `oauth` go to both servers; `oauth` only when that auth uses it.
    """
    if not isinstance(shopper, dict) or not isinstance(shopper.get("provider"), str):
        return shopper
    preset = PRESETS.get(shopper["provider"])
    if preset is None:
        return shopper  # the field's own check names the known providers
    merged = dict(shopper)
    merged.setdefault("save_sent_copy", preset["save_sent_copy"])
    for server in ("smtp", "imap"):
        given = merged.get(server, {})
        if not isinstance(given, dict):
            continue
        values = {**preset[server], "auth": preset["auth"], **given}
        if values["auth"] in ("xoauth2", "oauthbearer") and "oauth" in preset:
            oauth = values.get("oauth")
            if not isinstance(oauth, dict):
                values["oauth"] = preset["oauth"]
            elif "token_command" not in oauth:  # a command that prints a token needs no endpoint
                values["oauth"] = {**preset["oauth"], **oauth}
        merged[server] = values
    return merged
