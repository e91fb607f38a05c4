"""Sending probes (the first stage): when and which probe goes to whom (planning), the safety guards,
the message itself (compose), and the crash-safe outbox steps that submit it over SMTP (sending).
"""
