"""``citegraph viz``: write the interactive HTML page of a saved graph."""

from __future__ import annotations

import re
from pathlib import Path

import click

from citegraph.cli import keep_until_exit, main
from citegraph.graph import load_graph
from citegraph.viz import PageOptions, ViewOptions, write_html
from citegraph.viz.views import VIEWS, select_view


def default_output(directory: Path, view: str, focus: str | None) -> Path:
    """DIR/graph.html for the default page, DIR/graph-<view>[-<focus>].html otherwise."""
    if view == "full" and not focus:
        return directory / "graph.html"
    slug = re.sub(r"[^a-z0-9]+", "-", (focus or "").casefold()).strip("-")
    return directory / (f"graph-{view}" + (f"-{slug}" if slug else "") + ".html")


@main.command("viz")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write. Default: DIR/graph.html (DIR/graph-VIEW[-FOCUS].html for other views).")
@click.option("--view", type=click.Choice(VIEWS), default="full", show_default=True,
              help="full: papers and entities; entities: the entity co-mention map; citations: papers and CITES.")
@click.option("--focus", metavar="NAME", default=None,
              help="Only the neighbourhood of this entity (name or alias) or paper (title or id).")
@click.option("--depth", type=click.IntRange(min=1), default=2, show_default=True,
              help="Hops around --focus (edge direction ignored).")
@click.option("--top", type=click.IntRange(min=1), default=300, show_default=True,
              help="Keep the N most-mentioned entities (and the papers that name them).")
@click.option("--max-papers", type=click.IntRange(min=1), default=600, show_default=True,
              help="Keep at most N papers (those naming the most kept entities first).")
@click.option("--max-co-mentions", type=click.IntRange(min=1), default=4000, show_default=True,
              help="Keep at most N CO_MENTIONED edges (the heaviest).")
@click.option("--max-evaluated-on", type=click.IntRange(min=1), default=ViewOptions.max_evaluated_on,
              show_default=True, help="Keep at most N EVALUATED_ON edges (those seen in the most papers).")
@click.option("--min-weight", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Drop CO_MENTIONED edges lighter than this (weight = papers shared).")
@click.option("--all", "everything", is_flag=True,
              help="No caps: every node and edge of the view (slow for big graphs).")
@click.option("--physics-threshold", type=click.IntRange(min=0), default=PageOptions.physics_threshold,
              show_default=True, help="Start with physics on only up to this many nodes.")
@click.option("--seed", type=int, default=PageOptions.seed, show_default=True, help="Layout seed.")
@click.option("--title", default=None, help="Page title. Default: citegraph (+ the view and focus).")
def viz_cmd(directory: Path, output: Path | None, view: str, focus: str | None, depth: int, top: int,
            max_papers: int, max_co_mentions: int, max_evaluated_on: int, min_weight: float, everything: bool,
            physics_threshold: int, seed: int, title: str | None) -> None:
    """Write the interactive graph page (one offline HTML file) of the graph saved in DIRECTORY.

    The page has a search box (names, aliases, titles), type and relationship
    filters (the legend), top-N and minimum-weight sliders, papers on/off and
    physics on/off; hover or click anything for its details and evidence.

    Examples:

      citegraph viz out -o graph.html

      citegraph viz out --focus "GPT-4o" --depth 2

      citegraph viz out --view citations --all
    """
    kg = keep_until_exit(load_graph(directory))
    if everything:
        options = ViewOptions.everything(view=view, focus=focus, depth=depth, min_weight=min_weight)
    else:
        options = ViewOptions(view=view, focus=focus, depth=depth, top=top, max_papers=max_papers,
                              max_co_mentions=max_co_mentions, max_evaluated_on=max_evaluated_on,
                              min_weight=min_weight)
    page_title = title or " · ".join(x for x in ("citegraph", view if view != "full" else "", focus or "") if x)
    with kg.drawable(options) as G:  # CO_MENTIONED edges only among the entities the page can show
        selected = select_view(G, options)  # fails early (unknown --focus) before any layout work
        out = write_html(G, output or default_output(directory, view, focus), view=selected,
                         page=PageOptions(title=page_title, seed=seed, physics_threshold=physics_threshold))
    H = selected.graph
    click.echo(f"written: {out} ({H.number_of_nodes()} nodes, {H.number_of_edges()} edges, "
               f"{out.stat().st_size / 1e6:.1f} MB)")
    hints = {"entities": "--top", "papers": "--max-papers", "co-mention": "--max-co-mentions",
             "evaluated-on": "--max-evaluated-on"}
    for note in selected.notes:
        flag = next((f for word, f in hints.items() if word in note), "--all")
        click.echo(f"page: {note}; {flag} (or --all) shows more")
