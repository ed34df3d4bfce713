"""The ``citegraph`` command line: a thin layer over the library.

Each command group lives in its own module and registers itself on ``main``.
Library errors (``CitegraphError``) become a one-line message and exit status 1.
"""

from __future__ import annotations

import importlib
import sys

import click

from citegraph.errors import CitegraphError

#: The module registering each command: only the invoked command's module is imported, so
#: ``citegraph query`` does not import the graph builder (``--help`` imports them all).
COMMAND_MODULES = {
    **dict.fromkeys(("top", "neighbors", "papers", "communities", "trends", "similar", "chain", "cited"), "analysis"),
    **dict.fromkeys(("build", "extract", "info"), "build"),
    "fetch": "fetch",
    **dict.fromkeys(("push", "export"), "push"),
    "query": "query",
    "viz": "viz",
}


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except CitegraphError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"citegraph.cli.{module}")  # registers its commands on main
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citegraph")
def main() -> None:
    """Build and explore a knowledge graph of ML papers, methods, models, datasets and benchmarks."""


__all__ = ["main"]
