"""A labelled corpus of replies to the example probes, written for this project's agreement benchmark.

Hand-written answers, greetings, signatures and automatic mails in English, Polish, Russian,
Finnish and Romanian (one module per language), laid out the way real clients and help desks
lay out mail (Gmail, Outlook, Apple Mail, Thunderbird, mobile, Zendesk, Freshdesk, Help Scout,
Zoho Desk, Jira Service Management, OTRS: `layouts`), and combined by `build` into .eml files
with their labels (`tests/data/labelled/`). Written from how those desks and clients write, not
from the judge's word lists or the demo's simulated desks.
"""
