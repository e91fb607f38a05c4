"""The SQLite store, the one place SQL is written: migrations (sqlite-utils), WAL, raw messages kept before
anything interprets them, the outbox, links, evaluations, the analysts' reviews, the event log (database),
each vendor's kept leaderboard rows (summaries), the catalog of the config (catalog); readers open it
read-only.
"""
