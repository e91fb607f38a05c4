"""The local mail lab: real Postfix and Dovecot servers for tests and the demo."""

from supportbench.lab.servers import MailLab, MailUser

__all__ = ["MailLab", "MailUser"]
