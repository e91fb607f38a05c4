"""The SQLite store, the one place SQL is written: migrations (sqlite-utils), WAL, raw messages kept before
anything interprets them, the outbox, links, evaluations, the event log; readers open it read-only.
"""
