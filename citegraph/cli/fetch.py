"""``citegraph fetch``: optional download of paper records from the live APIs (off unless run)."""

from __future__ import annotations

from pathlib import Path

import click

from citegraph.cli import main
from citegraph.lazy import require
from citegraph.loaders import fetch as fetchers

SOURCES = {"arxiv": fetchers.fetch_arxiv, "semantic-scholar": fetchers.fetch_semantic_scholar,
           "openalex": fetchers.fetch_openalex}


@main.command("fetch")
@click.argument("source", type=click.Choice(sorted(SOURCES)))
@click.argument("ids", nargs=-1)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write (Atom for arxiv, JSON otherwise); build reads it like any input.")
@click.option("--ids-file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read ids from this file too, one a line.")
@click.option("--api-key", envvar="CITEGRAPH_API_KEY", default=None,
              help="API key for Semantic Scholar (x-api-key) or OpenAlex (api_key); env CITEGRAPH_API_KEY.")
def fetch_cmd(source: str, ids: tuple[str, ...], out: Path, ids_file, api_key: str | None) -> None:  # type: ignore[no-untyped-def]
    """Download the records of IDS from SOURCE into one file, respecting its rate limit.

    IDS are arXiv ids (arxiv), arXiv ids/DOIs/S2 ids (semantic-scholar) or
    W ids/DOIs (openalex). Semantic Scholar records include references, so a
    build over the file adds real CITES edges. It talks only to the API named,
    and only when run.

    Example: citegraph fetch semantic-scholar 2411.02337 1706.03762 -o s2.json
    """
    wanted = list(ids) + ([line.strip() for line in ids_file if line.strip()] if ids_file else [])
    if not wanted:
        raise click.UsageError("give at least one id (arguments or --ids-file)")
    requests = require("requests", "citegraph fetch needs requests: pip install 'citegraph[fetch]'")
    with requests.Session() as session:
        session.headers["User-Agent"] = "citegraph (https://pypi.org/project/citegraph/)"
        if source == "arxiv":
            n = fetchers.fetch_arxiv(session, wanted, out)
        else:
            n = SOURCES[source](session, wanted, out, api_key=api_key)
    click.echo(f"{len(wanted)} ids, {n} requests: written {out}")
