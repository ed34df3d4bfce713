"""``python -m citegraph`` runs the command line."""

from citegraph.cli import run

run()
