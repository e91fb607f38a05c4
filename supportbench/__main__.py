"""`python -m supportbench` runs the supportbench command line."""

from supportbench.cli.main import run

run()
