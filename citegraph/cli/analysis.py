"""Analysis commands over a saved build directory: ``top``, ``neighbors``, ``papers``,
``communities``, ``trends``, ``similar``, ``chain`` and ``cited``.

Each command loads DIR/graph.json, calls one function of :mod:`citegraph.queries`
and prints a table (or JSON with ``--json``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from citegraph.cli import keep_until_exit, main
from citegraph.graph import ENTITY_LABELS, load_graph
from citegraph.queries import (
    citation_chain,
    communities,
    mentions_by_period,
    most_built_upon,
    neighbors,
    papers_mentioning,
    rising_entities,
    similar_papers,
    top_entities,
)
from citegraph.queries.citations import DIRECTIONS, SIMILARITIES
from citegraph.queries.communities import COMMUNITY_WEIGHTS
from citegraph.queries.cooccurrence import NEIGHBOR_ORDERS, RANKINGS
from citegraph.queries.trends import GRANULARITIES

_DIR = click.argument("directory", metavar="DIR", type=click.Path(exists=True, path_type=Path))


def _opt_json(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def _opt_type(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--type", "type_", type=click.Choice(ENTITY_LABELS, case_sensitive=False), default=None,
                        help="Only entities of this type.")(func)


def _opt_limit(default: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--limit", type=click.IntRange(min=1), default=default, show_default=True,
                        help="Print at most this many rows.")


def _clip(value: Any, width: int) -> str:
    text = f"{value:.4g}" if isinstance(value, float) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: dict[int, int] | None = None) -> None:
    """Aligned columns; numbers right-aligned; column i clipped to ``widths[i]`` characters."""
    widths = widths or {}
    cells = [[_clip(v, widths.get(i, 200)) for i, v in enumerate(row)] for row in rows]
    numeric = [all(isinstance(r[i], (int, float)) for r in rows) if rows else False for i in range(len(headers))]
    size = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(size[i]) if numeric[i] else v.ljust(size[i]) for i, v in enumerate(values)).rstrip()

    click.echo(line(list(headers)))
    click.echo(line(["-" * s for s in size]))
    for c in cells:
        click.echo(line(c))
    if not rows:
        click.echo("(nothing)")


def _dump(items: Any) -> None:
    def plain(x: Any) -> Any:
        return dataclasses.asdict(x) if dataclasses.is_dataclass(x) and not isinstance(x, type) else x

    data = [plain(i) for i in items] if isinstance(items, list) else {k: [plain(i) for i in v]
                                                                       for k, v in items.items()}
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


@main.command("top")
@_DIR
@_opt_type
@click.option("--by", type=click.Choice(RANKINGS), default="papers", show_default=True,
              help="papers naming the entity, degree in the co-mention graph, or PageRank on it.")
@_opt_limit(10)
@_opt_json
def top_cmd(directory: Path, type_: str | None, by: str, limit: int, as_json: bool) -> None:
    """The most important entities of a saved graph (DIR), by papers, degree or PageRank.

    Example: citegraph top demo-out --type Model --by pagerank --limit 5
    """
    rows = top_entities(keep_until_exit(load_graph(directory)), type=type_, by=by, limit=limit)
    if as_json:
        return _dump(rows)
    headers = ["#", "name", "type", "papers", "degree"] + (["pagerank"] if by == "pagerank" else [])
    print_table(headers, [[i, r.name, r.type, r.papers, r.degree] + ([r.score] if by == "pagerank" else [])
                          for i, r in enumerate(rows, 1)], {1: 40})


@main.command("neighbors")
@_DIR
@click.argument("name")
@_opt_type
@click.option("--by", type=click.Choice(NEIGHBOR_ORDERS), default="papers", show_default=True,
              help="Order: shared papers, shared sentences, association strength or NPMI.")
@click.option("--neighbor-type", type=click.Choice(ENTITY_LABELS, case_sensitive=False), default=None,
              help="Only neighbours of this type.")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only neighbours sharing at least this many papers.")
@_opt_limit(15)
@_opt_json
def neighbors_cmd(directory: Path, name: str, type_: str | None, by: str, neighbor_type: str | None,
                  min_papers: int, limit: int, as_json: bool) -> None:
    """Entities co-mentioned with NAME (a name or alias, any case), strongest first.

    Example: citegraph neighbors demo-out GPT-4 --by association_strength --min-papers 2
    """
    rows = neighbors(keep_until_exit(load_graph(directory)), name, type=type_, by=by, neighbor_type=neighbor_type,
                     min_papers=min_papers, limit=limit)
    if as_json:
        return _dump(rows)
    print_table(["name", "type", "papers", "sentences", "assoc", "npmi"],
                [[n.name, n.type, n.papers, n.sentences, n.association_strength, n.npmi] for n in rows], {0: 40})


@main.command("papers")
@_DIR
@click.argument("names", nargs=-1, required=True)
@_opt_limit(10)
@_opt_json
def papers_cmd(directory: Path, names: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Papers naming every entity in NAMES, newest first, with the sentences that show it.

    Example: citegraph papers demo-out GPT-4 LLaMA
    """
    rows = papers_mentioning(keep_until_exit(load_graph(directory)), *names, limit=limit)
    if as_json:
        return _dump(rows)
    for p in rows:
        click.echo(f"{p.date or '-'}  {p.title}  ({p.id})")
        for sentence in p.evidence:
            click.echo(f"    > {_clip(sentence, 300)}")
    if not rows:
        click.echo("(no paper names all of them)")


@main.command("communities")
@_DIR
@_opt_type
@click.option("--weight", type=click.Choice(COMMUNITY_WEIGHTS), default="papers", show_default=True,
              help="CO_MENTIONED property used as the edge weight.")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Louvain resolution: above 1 gives more, smaller communities.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed (same seed, same answer).")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Ignore co-mentions shared by fewer papers.")
@click.option("--members", type=click.IntRange(min=1), default=6, show_default=True,
              help="Members printed per community.")
@_opt_limit(10)
@_opt_json
def communities_cmd(directory: Path, type_: str | None, weight: str, resolution: float, seed: int,
                    min_papers: int, members: int, limit: int, as_json: bool) -> None:
    """Communities of co-mentioned entities (Louvain), labelled by their top members.

    Example: citegraph communities demo-out --min-papers 2 --limit 5
    """
    rows = communities(keep_until_exit(load_graph(directory)), weight=weight, resolution=resolution, seed=seed,
                       min_papers=min_papers, type=type_)[:limit]
    if as_json:
        return _dump(rows)
    print_table(["#", "label", "size", "papers", "top members (papers)"],
                [[c.index, c.label, c.size, c.papers, ", ".join(f"{n} ({k})" for n, _, k in c.members[:members])]
                 for c in rows], {1: 40, 4: 100})


@main.command("trends")
@_DIR
@_opt_type
@click.option("--by", type=click.Choice(GRANULARITIES), default="date", show_default=True,
              help="Count per listing date or per month.")
@click.option("--entity", default=None, help="Count only papers naming this entity.")
@click.option("--before", default=None, metavar="PERIOD",
              help="Earlier period for rising entities (2024-03, 2024-03-11, 03-11 for a yearless --03-11).")
@click.option("--after", default=None, metavar="PERIOD", help="Later period for rising entities.")
@click.option("--min-papers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Rising entities must be named in at least this many papers over both periods.")
@_opt_limit(10)
@_opt_json
def trends_cmd(directory: Path, type_: str | None, by: str, entity: str | None, before: str | None,
               after: str | None, min_papers: int, limit: int, as_json: bool) -> None:
    """Papers and mentions per period, and the entities rising the most between two periods
    (default: the older half of the dates against the newer half).

    Example: citegraph trends demo-out --type Model --before 03-11 --after 03-18
    """
    if (before is None) != (after is None):
        raise click.UsageError("give both --before and --after, or neither")
    kg = keep_until_exit(load_graph(directory))
    periods = mentions_by_period(kg, by=by, type=type_, name=entity)
    rising = [] if entity else rising_entities(kg, before, after, type=type_, min_papers=min_papers, limit=limit)
    if as_json:
        return _dump({"periods": periods, "rising": rising})
    print_table(["period", "papers", "mentions"], [[p.period, p.papers, p.mentions] for p in periods])
    if rising:
        click.echo("")
        click.echo("rising (share of papers naming the entity, before -> after):")
        print_table(["name", "type", "before", "after", "share before", "share after", "change"],
                    [[r.name, r.type, r.before_papers, r.after_papers, f"{r.before_share:.1%}",
                      f"{r.after_share:.1%}", f"{100 * r.change:+.1f} pp"] for r in rising], {0: 40})


@main.command("similar")
@_DIR
@click.argument("title")
@click.option("--method", type=click.Choice(SIMILARITIES), default="jaccard", show_default=True,
              help="Jaccard of entity sets, or Adamic-Adar (rare shared entities count more).")
@_opt_type
@_opt_limit(10)
@_opt_json
def similar_cmd(directory: Path, title: str, method: str, type_: str | None, limit: int, as_json: bool) -> None:
    """Papers most similar to TITLE (a paper id, its title or a unique part of it) by shared entities.

    With --type, only entities of that type count (--type Dataset: papers using the same data).

    Example: citegraph similar demo-out "WebRL" --method adamic_adar
    """
    rows = similar_papers(keep_until_exit(load_graph(directory)), title, method=method, type=type_, limit=limit)
    if as_json:
        return _dump(rows)
    print_table(["score", "title", "shared entities"], [[s.score, s.title, ", ".join(s.shared)] for s in rows],
                {1: 70, 2: 60})


@main.command("chain")
@_DIR
@click.argument("title")
@click.option("--direction", type=click.Choice(DIRECTIONS), default="builds_on", show_default=True,
              help="builds_on: what TITLE cites, recursively; built_upon_by: who cites TITLE, recursively.")
@click.option("--depth", type=click.IntRange(min=1), default=3, show_default=True, help="Hops to follow.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Ignore inferred citations below this confidence.")
@_opt_limit(30)
@_opt_json
def chain_cmd(directory: Path, title: str, direction: str, depth: int, min_confidence: float, limit: int,
              as_json: bool) -> None:
    """The citation chain of TITLE (a paper id, its title or a unique part of it): who builds on whom.

    Example: citegraph chain demo-out "WebRL" --direction built_upon_by
    """
    rows = citation_chain(keep_until_exit(load_graph(directory)), title, direction=direction, depth=depth,
                          min_confidence=min_confidence)[:limit]
    if as_json:
        return _dump(rows)
    print_table(["depth", "citing", "cites", "via", "conf"],
                [[r.depth, r.citing_title, r.cited_title, ", ".join(r.via), r.confidence] for r in rows],
                {1: 50, 2: 50, 3: 30})


@main.command("cited")
@_DIR
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Ignore inferred citations below this confidence.")
@_opt_limit(10)
@_opt_json
def cited_cmd(directory: Path, min_confidence: float, limit: int, as_json: bool) -> None:
    """The most built-upon papers: cited (inferred or from metadata) by the most papers.

    Example: citegraph cited demo-out --min-confidence 0.5
    """
    rows = most_built_upon(keep_until_exit(load_graph(directory)), limit=limit, min_confidence=min_confidence)
    if as_json:
        return _dump(rows)
    print_table(["cited by", "title", "via", "mean conf"],
                [[p.cited_by, p.title, ", ".join(p.via), p.mean_confidence] for p in rows], {1: 70, 2: 40})
