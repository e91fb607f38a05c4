"""supportbench: a mystery-shopper benchmark of customer support by e-mail.

The stages, in the order mail flows: config -> outbound -> (vendors) -> inbound -> message -> judging ->
ranking -> cli and dashboard; store and mail are the I/O they share, languages and timing what they all read.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("supportbench")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+source"
