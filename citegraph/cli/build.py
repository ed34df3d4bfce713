"""``citegraph build``, ``extract`` and ``info``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from citegraph.cli import keep_until_exit, main
from citegraph.cli.common import input_options, parse_columns, progress_enabled, report_problems
from citegraph.graph import PAPER, load_graph
from citegraph.graph.kg import summary_of_saved
from citegraph.graph.references import format_citation_agreement
from citegraph.models import LoadReport
from citegraph.pipeline import build, iter_extract, load_papers

workers_option = click.option(
    "--workers", "-j", type=click.IntRange(min=0), default=1, show_default=True,
    help="Extraction processes; 0 = one per CPU. The output is the same for any N.")


def print_summary(s: dict[str, Any], seconds: float | None = None) -> None:
    """Human-readable :meth:`KnowledgeGraph.summary`: counts per type, edges per type, top entities."""
    click.echo(f"papers: {s['papers']}")
    click.echo("entities: " + ", ".join(f"{k} {v}" for k, v in s["entities"].items()))
    click.echo("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()))
    for label, top in s["top"].items():
        if top:
            click.echo(f"top {label}: " + ", ".join(f"{name} ({n})" for name, n in top))
    load = s.get("load")
    if load:
        click.echo(f"records read: {load['records_read']}, skipped: {load['skipped']}")
    cites = s.get("citations")
    if cites and cites.get("papers_with_references"):
        click.echo(format_citation_agreement(cites))
    if seconds is not None:
        click.echo(f"seconds: {seconds:.2f}")


@main.command("build")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default="citegraph-out",
              show_default=True, help="Directory for graph.json, graph.graphml and graph.html.")
@click.option("--min-co-mentions", type=click.IntRange(min=1), default=1, show_default=True,
              help="Keep a CO_MENTIONED edge only when the pair shares at least this many papers.")
@click.option("--max-examples", type=click.IntRange(min=0), default=5, show_default=True,
              help="Example paper ids kept on each CO_MENTIONED edge.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@workers_option
@input_options
def build_cmd(inputs: tuple[str, ...], out_dir: str, min_co_mentions: int, max_examples: int, no_html: bool,
              workers: int,
              fmt: str | None, columns: tuple[str, ...], strict: bool) -> None:
    """Build the graph from INPUTS (files, directories or globs) and save it to a directory.

    Example: citegraph build ../shared/corpus/hf-daily-papers/*.txt -o out

    Large corpora: citegraph build papers.jsonl --workers 2 --no-html -o out
    """
    start = time.perf_counter()
    report = LoadReport()
    kg = keep_until_exit(build(inputs, format=fmt, strict=strict, min_co_mentions=min_co_mentions,
                               max_examples=max_examples, columns=parse_columns(columns),
                               progress=progress_enabled(), report=report, workers=workers))
    report_problems(report.problems)
    if not kg.node_counts().get(PAPER):
        raise click.ClickException("no paper could be read from the inputs; nothing was written")
    out = kg.save(out_dir, html=not no_html)
    print_summary(kg.summary(), time.perf_counter() - start)
    click.echo(f"written: {out / 'graph.json'}, {out / 'graph.graphml'}"
               + ("" if no_html else f", {out / 'graph.html'}"))


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output-format", "--as", "as_", type=click.Choice(["jsonl", "json"]), default="jsonl",
              show_default=True, help="One JSON object per paper per line, or one JSON array.")
@click.option("--evidence", is_flag=True, help="Also print each mention's sentence and character offsets.")
@workers_option
@input_options
def extract_cmd(inputs: tuple[str, ...], as_: str, evidence: bool, workers: int, fmt: str | None,
                columns: tuple[str, ...], strict: bool) -> None:
    """Print the entities found in each paper of INPUTS, one JSON line per paper.

    The output is what ../shared/eval/score.py reads. --format names the
    INPUT format (as for build).

    Example: citegraph extract ../shared/eval/dev_papers.jsonl --format jsonl
    """
    report = LoadReport()
    papers = load_papers(inputs, format=fmt, strict=strict, report=report, columns=parse_columns(columns))
    rows = []
    for paper, ents in iter_extract(papers, progress=progress_enabled(), workers=workers):  # printed as found
        entities: list[dict[str, object]] = []
        for e in ents:
            item = e.to_dict()
            if evidence:
                item["mentions"] = [{"text": m.surface, "start": m.start, "end": m.end, "sentence": m.sentence}
                                    for m in e.mentions]
            entities.append(item)
        row = {"id": paper.id, "title": paper.title, "entities": entities}
        if as_ == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            rows.append(row)
    if as_ == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    report_problems(report.problems)


@main.command("info")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--recount", is_flag=True,
              help="Count from the whole graph instead of the counts saved with it (slow on large graphs).")
def info_cmd(directory: Path, as_json: bool, recount: bool) -> None:
    """Summarise a saved graph: counts per type, edges per type, top entities.

    The counts come from the head of graph.json, where build saves them (a file without them is
    read whole).

    Example: citegraph info out
    """
    summary = None if recount else summary_of_saved(directory)
    if summary is None:
        summary = keep_until_exit(load_graph(directory)).summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print_summary(summary)
