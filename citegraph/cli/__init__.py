"""The ``citegraph`` command line: a thin layer over the library.

Each command group lives in its own module and registers itself on ``main``.
Library errors (``CitegraphError``) become a one-line message and exit status 1.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from typing import NoReturn, TypeVar

import click

from citegraph.errors import CitegraphError
from citegraph.gctools import freeze_after_pauses, unmap_large_blocks

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


_quick_exit = False  # set by run()
_kept: list[object] = []


T = TypeVar("T")


def keep_until_exit(result: T) -> T:
    """``result`` (a command's graph), kept alive to the end under :func:`run` only: freeing it
    when the command returns costs seconds that the quick exit saves. Elsewhere (tests,
    ``main`` called from Python) nothing is kept from one call to the next.

    >>> keep_until_exit([1, 2])
    [1, 2]
    """
    if _quick_exit:
        _kept.append(result)
    return result


def run() -> NoReturn:
    """The ``citegraph`` console script (and ``python -m citegraph``): :func:`main`, then a quick exit.

    When a command is done, the interpreter would still free, one by one, every object it
    left alive before the process ends: after a 100k-paper build, millions of graph objects and
    about 10 s. Here the exit handlers run and the output is flushed, then the process ends at
    once (``os._exit``), the system taking its memory back whole. The exit status is main's.
    Commands keep their big results to that point with :func:`keep_until_exit`, and what is made
    while the garbage collector is paused is frozen at the end of the pause
    (:func:`~citegraph.gctools.freeze_after_pauses`); large freed blocks go back to the system
    (:func:`~citegraph.gctools.unmap_large_blocks`).
    """
    global _quick_exit
    _quick_exit = True
    freeze_after_pauses()
    unmap_large_blocks()
    try:
        main(prog_name="citegraph")
        status = 0
    except SystemExit as done:
        status = _exit_status(done.code)
    atexit._run_exitfuncs()  # what a normal exit runs; only the freeing of objects is skipped
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
            status = status or 1
    os._exit(status)


def _exit_status(code: object) -> int:
    """The status ``sys.exit(code)`` would give; a message (str) is printed to stderr, as Python does.

    >>> _exit_status(None), _exit_status(2)
    (0, 2)
    """
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


__all__ = ["keep_until_exit", "main", "run"]
