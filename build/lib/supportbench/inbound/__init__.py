"""Reading replies (the second stage): IMAP sync by UID into the store, raw first (sync), the IDLE watcher
thread of `run` (watcher), interpretation of stored messages into kinds and links (replies), and `fetch`'s sync
that interprets batches while the next is fetched (intake).
"""
