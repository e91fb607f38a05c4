"""The I/O shell that drives the pure stages over the store: evaluating stored probes, in worker
processes for a rescore (evaluation), and the `run` service that schedules sending, watching and evaluating
(scheduler).
"""
