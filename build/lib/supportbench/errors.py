"""The one error family shown to users.

Every failure a user can cause or fix (a bad targets.yaml, an unreachable server, a
missing package) is raised as a `SupportbenchError` with a message written for the
user. The command line catches this family at its edge and prints one line per
problem, exit status 1, never a traceback.
"""

from __future__ import annotations


class SupportbenchError(Exception):
    """A problem the user can act on; the message says what and how to fix it."""


class ConfigError(SupportbenchError):
    """targets.yaml is invalid; `problems` lists every located problem at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class LabError(SupportbenchError):
    """The local mail lab could not be started, used or stopped."""


class StoreError(SupportbenchError):
    """The SQLite store cannot be opened or is not a supportbench database."""


class MailError(SupportbenchError):
    """An SMTP or IMAP server refused, dropped or could not be reached."""
