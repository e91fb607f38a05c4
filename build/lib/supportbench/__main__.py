"""`python -m benchmark` runs the supportbench command line."""

from supportbench.cli.main import run

run()
