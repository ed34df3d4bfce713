"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from citegraph.loaders import FORMATS


def progress_enabled() -> bool:
    """Progress bars only when a person watches (stderr is a terminal)."""
    return sys.stderr.isatty()


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--format, --column and --strict, for every command that reads inputs."""
    func = click.option("--strict", is_flag=True,
                        help="Stop with an error at the first bad record or file instead of skipping it.")(func)
    func = click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
                        help="Column/key holding a field in CSV/JSON inputs, e.g. --column abstract=summary.")(func)
    func = click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
                        help="Input format; detected from content and extension when omitted.")(func)
    return func


def parse_columns(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        field, sep, name = pair.partition("=")
        if not sep or not field or not name:
            raise click.BadParameter(f"'{pair}' is not FIELD=NAME", param_hint="--column")
        out[field.strip()] = name.strip()
    return out


def report_problems(problems: list[str], limit: int = 10) -> None:
    """Tell the user, on stderr, which records were skipped and why."""
    for line in problems[:limit]:
        click.echo(f"skipped: {line}", err=True)
    if len(problems) > limit:
        click.echo(f"... and {len(problems) - limit} more skipped", err=True)
