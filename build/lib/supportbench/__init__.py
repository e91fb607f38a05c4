"""supportbench: a mystery-shopper benchmark of customer support by e-mail.

The stages, in the order mail flows: config -> outbound -> (vendors) -> inbound -> message -> judging ->
ranking -> cli and dashboard; store and mail are the I/O they share, languages and timing what they all read.
"""
