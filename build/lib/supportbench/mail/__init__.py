"""The mail adapters, no rules: SMTP submission (aiosmtplib) and IMAP (imapclient) with verified TLS, and
the secrets they sign in with, taken from the environment only.
"""
