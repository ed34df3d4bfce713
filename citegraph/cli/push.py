"""``citegraph push`` (to a live Neo4j) and ``citegraph export`` (files for bulk loading)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citegraph.cli import keep_until_exit, main
from citegraph.cli.common import progress_enabled
from citegraph.graph.export import format_command, write_cypher_script, write_neo4j_admin
from citegraph.graph.store import load_graph_data
from citegraph.graph.writer import FALKORDB_SCHEMES, connect_falkordb, connect_neo4j, push_graph, total_rows, wipe


@main.command("push")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687", show_default=True,
              help="Bolt URI of the server (env NEO4J_URI); falkor://HOST:6379 pushes to FalkorDB instead.")
@click.option("--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True,
              help="User name (env NEO4J_USERNAME).")
@click.option("--password", envvar="NEO4J_PASSWORD", default=None,
              help="Password (env NEO4J_PASSWORD); asked for when missing and a terminal is attached.")
@click.option("--database", envvar="NEO4J_DATABASE", default=None,
              help="Database name (env NEO4J_DATABASE); the server's default when omitted. "
                   "For FalkorDB: the graph name (default citegraph).")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per UNWIND batch (one write transaction each).")
@click.option("--wipe", "do_wipe", is_flag=True,
              help="Delete every Paper/Method/Model/Dataset/Benchmark node (and their relationships) first.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before --wipe.")
def push_cmd(directory: Path, uri: str, user: str, password: str | None, database: str | None, batch_size: int,
             do_wipe: bool, yes: bool) -> None:
    """Push the graph saved in DIRECTORY into Neo4j (idempotent: MERGE on ids).

    Creates uniqueness constraints, then nodes, then relationships, in batches
    inside managed write transactions; pushing again adds only what is new.
    Finally reads the counts back and compares them with the local graph.

    Example: NEO4J_PASSWORD=secret citegraph push out --uri bolt://localhost:7687
    """
    G = keep_until_exit(load_graph_data(directory))
    falkor = uri.split("://", 1)[0] in FALKORDB_SCHEMES
    if password is None and not falkor:
        if not sys.stdin.isatty():
            raise click.UsageError("no password: pass --password or set NEO4J_PASSWORD")
        password = click.prompt("Neo4j password", hide_input=True)
    runner = connect_falkordb(uri, user if user != "neo4j" else None, password, database) if falkor \
        else connect_neo4j(uri, user, password or "", database)
    try:
        if do_wipe:
            if not yes:
                if not sys.stdin.isatty():
                    raise click.UsageError("--wipe deletes data: add --yes to confirm when no terminal is attached")
                click.confirm(f"Delete every citegraph node in {uri} ({database or 'default database'})?",
                              abort=True)
            click.echo(f"wiped: {wipe(runner)} nodes")
        from tqdm import tqdm

        with tqdm(total=total_rows(G), unit="row", disable=not progress_enabled(), desc="push") as bar:
            report = push_graph(G, runner, batch_size=batch_size, progress=bar.update)
    finally:
        runner.close()
    click.echo(f"created: {report.nodes_created} nodes, {report.relationships_created} relationships")
    click.echo("server counts: " + ", ".join(f"{k} {v}" for k, v in report.remote.items()))
    if report.mismatches:
        details = ", ".join(f"{k} local {a} != server {b}" for k, (a, b) in report.mismatches.items())
        raise click.ClickException(f"counts differ from the local graph: {details} (the database holds other "
                                   "citegraph data? push with --wipe)")
    click.echo("counts match the local graph")


@main.command("export")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["neo4j-admin", "cypher"]), required=True,
              help="neo4j-admin: CSV files for 'neo4j-admin database import full'; cypher: a cypher-shell script.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True,
              help="Output directory (neo4j-admin) or file (cypher; a directory gets graph.cypher).")
@click.option("--database", default="neo4j", show_default=True, help="Database named in the import command.")
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Rows per statement in the Cypher script.")
def export_cmd(directory: Path, fmt: str, out: Path, database: str, batch_size: int) -> None:
    """Export the graph in DIRECTORY for bulk loading into Neo4j.

    Examples:

      citegraph export out --format neo4j-admin -o import/

      citegraph export out --format cypher -o graph.cypher
    """
    G = keep_until_exit(load_graph_data(directory))
    if fmt == "neo4j-admin":
        argv = write_neo4j_admin(G, out, database=database)
        click.echo(f"written: CSV files in {out}")
        click.echo("load them into an empty, stopped database with:")
        click.echo("  " + format_command(argv))
    else:
        target = out / "graph.cypher" if out.is_dir() else out
        write_cypher_script(G, target, batch_size=batch_size)
        click.echo(f"written: {target}")
        click.echo(f"load it with: cypher-shell -a bolt://localhost:7687 -u neo4j -p PASSWORD -f {target}")
