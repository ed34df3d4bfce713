"""The ``citegraph`` command line: a thin layer over the library.

Each command group lives in its own module and registers itself on ``main``.
Library errors (``CitegraphError``) become a one-line message and exit status 1.
"""

from __future__ import annotations

import sys

import click

from citegraph.errors import CitegraphError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except CitegraphError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citegraph")
def main() -> None:
    """Build and explore a knowledge graph of ML papers, methods, models, datasets and benchmarks."""


from citegraph.cli import analysis as _analysis  # noqa: E402,F401  (registers top, neighbors, communities, ...)
from citegraph.cli import build as _build  # noqa: E402,F401  (registers build, extract, info)
from citegraph.cli import fetch as _fetch  # noqa: E402,F401  (registers fetch)
from citegraph.cli import push as _push  # noqa: E402,F401  (registers push, export)
from citegraph.cli import query as _query  # noqa: E402,F401  (registers query)
from citegraph.cli import viz as _viz  # noqa: E402,F401  (registers viz)

__all__ = ["main"]
