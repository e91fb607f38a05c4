"""`python -m benchmark` runs the supportbench command line."""

from benchmark.cli import run

run()
