"""The I/O shell that drives the pure stages over the store: evaluating stored probes, in worker
processes for a rescore (evaluation), keeping each vendor's leaderboard row current (summaries), recording
and exporting the analysts' reviews (review), alerts (alerts), and the `run` service that schedules
sending, watching and evaluating (scheduler).
"""
