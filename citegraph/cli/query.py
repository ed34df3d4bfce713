"""``citegraph query``: Cypher on the saved graph, ad hoc or from the catalogue."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from citegraph.cli import main
from citegraph.queries.catalogue import catalogue, get_query, parse_param
from citegraph.queries.precomputed import PRECOMPUTED


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _cells(rows: list[list[Any]], width: int) -> list[list[str]]:
    """Each value as text cut to ``width`` characters; equal lists and maps are encoded once
    (45,000 rows of ``listing_dates`` are mostly the same few lists)."""
    encoded: dict[str, str] = {}
    out = []
    for row in rows:
        cells = []
        for v in row:
            if type(v) is str:
                c = v
            elif isinstance(v, (list, dict)):
                key = repr(v)
                known = encoded.get(key)
                if known is None:
                    known = encoded[key] = _cell(v)
                c = known
            else:
                c = _cell(v)
            cells.append(c if len(c) <= width else c[:width - 1] + "…")
        out.append(cells)
    return out


def print_table(columns: list[str], rows: list[list[Any]], width: int = 60) -> None:
    """Aligned text table; long cells are cut to ``width`` characters.

    >>> print_table(["name", "dates"], [["GPT-4o", ["2024-05-13"]], ["WebRL", []]])
    name    dates
    ------  --------------
    GPT-4o  ["2024-05-13"]
    WebRL   []
    (2 rows)
    """
    cells = _cells(rows, width)
    widths = [max([len(col)] + [len(row[i]) for row in cells]) for i, col in enumerate(columns)]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    click.echo("\n".join(lines))  # one write: 32k rows echoed one by one took a quarter of a second


@main.command("query")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.argument("cypher", required=False)
@click.option("--name", "-n", "query_name", metavar="NAME", help="Run a named query of the catalogue.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter $NAME; VALUE is JSON when it parses (10, true, [\"a\"]), else a string.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (lists and maps as JSON).")
@click.option("--json", "as_json", is_flag=True, help='Print {"columns": [...], "rows": [[...], ...]}.')
@click.option("--show", is_flag=True, help="With --name: print the query's Cypher instead of running it.")
def query_cmd(directory: Path | None, cypher: str | None, query_name: str | None, list_queries: bool,
              params: tuple[str, ...], as_csv: bool, as_json: bool, show: bool) -> None:
    """Run Cypher on the graph saved in DIRECTORY, without a server.

    Takes the Cypher a Neo4j user writes (MATCH, OPTIONAL MATCH, WHERE, WITH,
    RETURN, aggregation, ORDER BY, SKIP, LIMIT, [:CITES*1..3], $parameters).
    The first run copies the graph into an embedded database cached in
    DIRECTORY/.citegraph-cache/ (rebuilt when graph.json changes).

    Examples:

      citegraph query out "MATCH (m:Model) RETURN m.name, m.paper_count ORDER BY m.paper_count DESC LIMIT 5"

      citegraph query out --name co-mentioned-with --param name=GPT-4o --json

      citegraph query --list
    """
    if as_csv and as_json:
        raise click.UsageError("choose one of --csv and --json")
    if list_queries:
        for q in catalogue().values():
            saved = (" [embedded engine: answered from its result saved at the cache build]"
                     if q.name in PRECOMPUTED else "")
            click.echo(f"{q.name}: {q.description}{saved}")
            for p, default in q.defaults.items():
                click.echo(f"    --param {p}={json.dumps(default)}  {q.param_docs.get(p, '')}".rstrip())
        return
    if query_name:
        named = get_query(query_name)
        if show:
            click.echo(named.cypher.rstrip())
            return
        if cypher:
            raise click.UsageError("give either a Cypher query or --name, not both")
        text = named.cypher
        values = named.params(dict(parse_param(p) for p in params))
        run_named = True
    else:
        if not cypher:
            raise click.UsageError("give DIRECTORY and a Cypher query, --name NAME, or --list")
        text = cypher
        values = dict(parse_param(p) for p in params)
        run_named = False
    if directory is None:
        raise click.UsageError("give the DIRECTORY of a built graph")
    from citegraph.queries.embedded import EmbeddedGraph

    with EmbeddedGraph.open(directory) as db:
        result = db.run_named(named, values) if run_named else db.run(text, values)
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
    else:
        print_table(result.columns, result.rows)

