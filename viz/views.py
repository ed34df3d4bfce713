"""Which part of the graph a page shows: the view, its focus and its size caps.

A view is a pure function of the graph: :func:`select_view` returns the
subgraph to draw plus what was left out, so the page can say so.

Views: ``full`` (papers and entities), ``entities`` (the entity co-mention
map), ``citations`` (the paper citation graph). ``focus`` narrows any view to
the ego graph of one node (``depth`` hops, edge direction ignored).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", label="Paper", title="A")
>>> G.add_node("model:gpt-4o", label="Model", name="GPT-4o", aliases=["GPT4o"], paper_count=1)
>>> _ = G.add_edge("paper:a", "model:gpt-4o", key="MENTIONS", type="MENTIONS", count=1)
>>> v = select_view(G, ViewOptions(view="entities"))
>>> sorted(v.graph.nodes), v.entities_total
(['model:gpt-4o'], 1)
>>> find_node(G, "gpt4o")
'model:gpt-4o'
>>> sorted(VIEW_RELS["entities"]), sorted(VIEW_RELS["citations"])
(['CO_MENTIONED', 'EVALUATED_ON', 'VARIANT_OF'], ['CITES'])
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import networkx as nx

from citegraph.errors import CitegraphError
from citegraph.graph.schema import ENTITY_LABELS, PAPER, REL_TYPES
from citegraph.models import normalize_title
from citegraph.queries.lookup import UnknownNameError, find_entity

VIEWS: tuple[str, ...] = ("full", "entities", "citations")
T = TypeVar("T")


def _rels_within(labels: set[str]) -> frozenset[str]:
    return frozenset(r.name for r in REL_TYPES.values() if {*r.sources, *r.targets} <= labels)


# Relationship types drawn in each view, from the schema (read from each edge's ``type`` attribute).
VIEW_RELS: dict[str, frozenset[str]] = {
    "full": frozenset(REL_TYPES),
    "entities": _rels_within(set(ENTITY_LABELS)),  # CO_MENTIONED, EVALUATED_ON, VARIANT_OF
    "citations": _rels_within({PAPER}),  # CITES
}
VIEW_LABELS: dict[str, frozenset[str]] = {
    "full": frozenset({PAPER, *ENTITY_LABELS}),
    "entities": frozenset(ENTITY_LABELS),
    "citations": frozenset({PAPER}),
}
# Above this many nodes a page is too heavy for a browser and too slow to lay out.
MAX_PAGE_NODES = 6000


@dataclass(frozen=True)
class ViewOptions:
    """What to show. ``None`` for a cap means no cap.

    ``top``: most-mentioned entities kept; ``max_papers``: papers kept (those linked
    to the most kept entities first); ``max_co_mentions``: strongest CO_MENTIONED
    edges kept; ``max_evaluated_on``: EVALUATED_ON edges kept (those seen in the most
    papers); ``min_weight``: CO_MENTIONED edges lighter than this are dropped.

    The caps bound the page whatever the corpus: entity-to-entity edges grow with the
    corpus even among a fixed top 300 (the 10k synthetic graph had 6,832 EVALUATED_ON
    edges between its top 300 entities, the 100k one 14,318).
    """

    view: str = "full"
    focus: str | None = None
    depth: int = 2
    top: int | None = 300
    max_papers: int | None = 600
    max_co_mentions: int | None = 4000
    max_evaluated_on: int | None = 1500
    min_weight: float = 1.0

    @classmethod
    def everything(cls, view: str = "full", **kw: Any) -> ViewOptions:
        """No caps at all: every node and edge of the view."""
        return cls(view=view, top=None, max_papers=None, max_co_mentions=None, max_evaluated_on=None, **kw)


@dataclass
class View:
    """The subgraph to draw and what the caps left out."""

    graph: nx.MultiDiGraph
    options: ViewOptions
    focus_id: str | None = None
    entities_total: int = 0
    papers_total: int = 0
    co_mentions_dropped: int = 0
    evaluated_on_dropped: int = 0
    notes: list[str] = field(default_factory=list)


def edge_weight(d: dict[str, Any]) -> float:
    """The weight an edge is drawn with: ``weight``, else ``count``, else the
    number of ``via`` entities (CITES), else 1.

    >>> edge_weight({"weight": 3.0}), edge_weight({"count": 2}), edge_weight({"via": ["a", "b"]}), edge_weight({})
    (3.0, 2.0, 2.0, 1.0)
    """
    for key in ("weight", "count"):
        value = d.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return float(value)
    via = d.get("via")
    if isinstance(via, (list, tuple)) and via:
        return float(len(via))
    return 1.0


def display_name(G: nx.MultiDiGraph, n: str) -> str:
    """An entity's name or a paper's title (the id when neither is known)."""
    d = G.nodes[n]
    return str(d.get("name") or d.get("title") or n)


def search_terms(d: dict[str, Any]) -> list[str]:
    """The names a node is found by: name, aliases and title."""
    out: list[str] = []
    for value in (d.get("name"), *(d.get("aliases") or ()), d.get("title")):
        if value and str(value) not in out:
            out.append(str(value))
    return out


def find_node(G: nx.MultiDiGraph, query: str) -> str:
    """The node a user means by ``query``: an id, an entity name or alias (any spelling
    :func:`~citegraph.models.normalize_name` unifies; the most-mentioned entity wins) or a
    paper's exact title.

    Raises :class:`~citegraph.queries.UnknownNameError` naming the closest names when nothing matches.
    """
    if query in G:
        return query
    try:
        return find_entity(G, query)
    except UnknownNameError as err:
        title_key = normalize_title(query)
        for n, d in sorted(G.nodes(data=True)):
            if d.get("label") == PAPER and normalize_title(str(d.get("title", ""))) == title_key:
                return n
        raise UnknownNameError("entity or paper", query, err.suggestions) from None


def first_ranked(items: Iterable[T], cap: int | None, cheap: Callable[[T], Any], full: Callable[[T], Any]) -> list[T]:
    """The first ``cap`` of ``items`` sorted by ``full`` (all of them when ``cap`` is None).

    ``full(x)`` must begin with ``cheap(x)``: only items whose cheap key can reach the
    first ``cap`` get a full key, so ranking 100k papers costs 100k cheap keys.

    >>> first_ranked(range(10), 3, lambda x: -(x // 2), lambda x: (-(x // 2), x))
    [8, 9, 6]
    """
    pool = list(items)
    if cap is not None and len(pool) > cap:
        bound = heapq.nsmallest(cap, map(cheap, pool))[-1] if cap > 0 else None
        pool = [x for x in pool if bound is not None and cheap(x) <= bound]
    return sorted(pool, key=full)[:cap]


def _paper_count(G: nx.MultiDiGraph, n: str) -> int:
    return int(G.nodes[n].get("paper_count", 0) or 0)


def _entity_rank(G: nx.MultiDiGraph, nodes: Iterable[str], cap: int | None = None) -> list[str]:
    """Entities by papers naming them (most first), then by name; the first ``cap`` of them."""
    return first_ranked(nodes, cap, lambda n: -_paper_count(G, n),
                        lambda n: (-_paper_count(G, n), display_name(G, n).casefold(), n))


def _view_edges(G: nx.MultiDiGraph, nodes: Iterable[str], inside: set[str], opts: ViewOptions,
                ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Edges of the view's types leaving ``nodes`` and ending in ``inside``."""
    rels = VIEW_RELS[opts.view]
    for u in nodes:
        for _, v, k, d in G.out_edges(u, keys=True, data=True):
            if v in inside and d.get("type") in rels:
                if d.get("type") == "CO_MENTIONED" and edge_weight(d) < opts.min_weight:
                    continue
                yield u, v, k, d


class CoMentionNeighbours(Protocol):
    """CO_MENTIONED edges held outside the graph, walked a step at a time
    (:class:`~citegraph.graph.comention_index.CoMentionIndex`)."""

    def step(self, frontier: Sequence[str], allowed: set[str], seen: set[str], min_weight: float
             ) -> list[tuple[str, str]]: ...


def _ego(G: nx.MultiDiGraph, center: str, depth: int, allowed: set[str], opts: ViewOptions,
         co_neighbours: CoMentionNeighbours | None = None, links: list[tuple[str, str]] | None = None) -> set[str]:
    """Nodes within ``depth`` hops of ``center`` along the view's edges, either direction
    (with ``co_neighbours``, also along the CO_MENTIONED edges it gives; ``links`` then
    receives the pair of each of those edges that first reached a node). The walk goes a
    level at a time, so the nodes it reaches do not depend on the order of the edges."""
    rels = VIEW_RELS[opts.view]
    aside = co_neighbours if "CO_MENTIONED" in rels else None
    succ, pred = G.succ, G.pred
    seen, frontier = {center}, [center]
    for _ in range(depth):
        nxt = []
        for u in frontier:
            for adjacent in (succ[u], pred[u]):
                for w, keyed in adjacent.items():
                    if w in allowed and w not in seen and any(
                            d.get("type") in rels and not (
                                d.get("type") == "CO_MENTIONED" and edge_weight(d) < opts.min_weight)
                            for d in keyed.values()):
                        seen.add(w)
                        nxt.append(w)
        if aside is not None:
            for u, w in aside.step(frontier, allowed, seen, opts.min_weight):
                seen.add(w)
                nxt.append(w)
                if links is not None:
                    links.append((u, w))
        frontier = nxt
    return seen


def weakest(edges: Iterable[tuple[str, str, str, dict[str, Any]]], rel: str, cap: int | None,
            ) -> set[tuple[str, str, str]]:
    """The ``rel`` edges beyond the ``cap`` heaviest (ties: by ends), to leave out; none when ``cap`` is None.

    >>> es = [("a", "b", "R", {"type": "R", "weight": 1}), ("a", "c", "R", {"type": "R", "weight": 3}),
    ...       ("a", "d", "S", {"type": "S"})]
    >>> weakest(es, "R", 1), weakest(es, "R", None)
    ({('a', 'b', 'R')}, set())
    """
    ranked = sorted(((-edge_weight(d), (u, v, k)) for u, v, k, d in edges if d.get("type") == rel))
    if cap is None or len(ranked) <= cap:
        return set()
    return {e for _, e in ranked[cap:]}


@dataclass
class NeededCoMentions:
    """The CO_MENTIONED edges a view needs in the graph: those among ``ends`` (the entities it
    can draw) and those between the pairs ``links`` (a focus walk's path to each node it reached)."""

    ends: set[str]
    links: list[tuple[str, str]] = field(default_factory=list)


def co_mentions_needed(G: nx.MultiDiGraph, options: ViewOptions | None = None,
                       co_neighbours: CoMentionNeighbours | None = None) -> NeededCoMentions | None:
    """The CO_MENTIONED edges :func:`select_view` needs, found without reading any CO_MENTIONED
    edge of ``G``: those among the entities the view keeps (ranked by papers). A ``focus`` view
    walks those edges: it needs ``co_neighbours`` (the edges held outside ``G``; ``None``
    without it), and also the edge by which its walk first reached each node, so that a walk
    over ``G`` reaches the same nodes. A caller holding the edges elsewhere
    (:class:`~citegraph.graph.comention.CoMentionTable`) need add only these for
    :func:`select_view` to give the same view: for a hub at depth 2, thousands of edges instead of
    the millions among every node the walk reaches.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "Model", "name": "A", "paper_count": 3}),
    ...                   ("b", {"label": "Model", "name": "B", "paper_count": 1})])
    >>> co_mentions_needed(G, ViewOptions(top=1)), co_mentions_needed(G, ViewOptions(focus="A"))
    (NeededCoMentions(ends={'a'}, links=[]), None)
    >>> from citegraph.graph.comention import CoMentionTable, pair_occurrences
    >>> table = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0]}}), 1)
    >>> co_mentions_needed(G, ViewOptions(focus="A", top=1), table.neighbours())
    NeededCoMentions(ends={'a'}, links=[('a', 'b')])
    """
    opts = options or ViewOptions()
    if opts.focus:
        if co_neighbours is None:
            return None
        links: list[tuple[str, str]] = []
        allowed, focus_id = _view_nodes(G, opts, co_neighbours, links)
        return NeededCoMentions(set(_kept_entities(G, allowed, focus_id, opts)[0]), links)
    if "CO_MENTIONED" not in VIEW_RELS.get(opts.view, ()):
        return NeededCoMentions(set())
    labels = VIEW_LABELS[opts.view]
    return NeededCoMentions(set(_entity_rank(G, [n for n, label in G.nodes(data="label")
                                                 if label in labels and label != PAPER], opts.top)))


def _view_nodes(G: nx.MultiDiGraph, opts: ViewOptions, co_neighbours: CoMentionNeighbours | None = None,
                links: list[tuple[str, str]] | None = None) -> tuple[set[str], str | None]:
    """The nodes the view may draw (its labels; with a focus, those its walk reaches) and the focus node."""
    if opts.view not in VIEWS:
        raise CitegraphError(f"unknown view {opts.view!r}; choose one of {', '.join(VIEWS)}")
    labels = VIEW_LABELS[opts.view]
    allowed = {n for n, label in G.nodes(data="label") if label in labels}
    if opts.view == "citations":  # papers that neither cite nor are cited would only be dust
        allowed = {n for n in allowed
                   if any(t == "CITES" for *_, t in G.out_edges(n, data="type"))
                   or any(t == "CITES" for *_, t in G.in_edges(n, data="type"))}
    focus_id = None
    if opts.focus:
        focus_id = find_node(G, opts.focus)
        if focus_id not in allowed:
            raise UnknownNameError("node", opts.focus, [],
                                  f"{opts.focus!r} is not part of the {opts.view} view; try --view full")
        allowed = _ego(G, focus_id, opts.depth, allowed, opts, co_neighbours, links)
    return allowed, focus_id


def _kept_entities(G: nx.MultiDiGraph, allowed: set[str], focus_id: str | None, opts: ViewOptions
                   ) -> tuple[list[str], int]:
    """The entities of ``allowed`` the view keeps (the focus among them), and how many it had."""
    all_entities = [n for n in allowed if G.nodes[n].get("label") != PAPER]
    kept = _entity_rank(G, all_entities, opts.top)
    if focus_id and focus_id not in kept and G.nodes[focus_id].get("label") != PAPER:
        kept = [focus_id, *kept[:-1]] if kept else [focus_id]
    return kept, len(all_entities)


def select_view(G: nx.MultiDiGraph, options: ViewOptions | None = None) -> View:
    """The subgraph of ``G`` that the page draws (a new graph; ``G`` is not changed).

    Cost grows with the edges of the kept nodes, not with the whole graph.
    """
    opts = options or ViewOptions()
    allowed, focus_id = _view_nodes(G, opts)
    kept_entities, entities_total = _kept_entities(G, allowed, focus_id, opts)
    all_papers = sorted(n for n in allowed if G.nodes[n].get("label") == PAPER)
    view = View(graph=nx.MultiDiGraph(), options=opts, focus_id=focus_id, entities_total=entities_total,
                papers_total=len(all_papers))
    kept = set(kept_entities)

    def degree(p: str) -> int:
        return sum(1 for *_, t in G.out_edges(p, data="type") if t in VIEW_RELS[opts.view]) + sum(
            1 for *_, t in G.in_edges(p, data="type") if t in VIEW_RELS[opts.view])

    if opts.view == "full":  # a paper is drawn when it names a kept entity
        links = {p: len({v for v in G.successors(p) if v in kept}) for p in all_papers}
        candidates = [p for p in all_papers if links[p] > 0 or p == focus_id or opts.top is None]
        papers = first_ranked(candidates, opts.max_papers, lambda p: -links[p], lambda p: (-links[p], -degree(p), p))
        dropped_papers = len(candidates) > len(papers)
    else:
        papers = sorted(all_papers, key=lambda p: (-degree(p), p))
        dropped_papers = opts.max_papers is not None and len(papers) > opts.max_papers
        papers = papers[:opts.max_papers]
    if dropped_papers:
        if focus_id and G.nodes[focus_id].get("label") == PAPER and focus_id not in papers:
            papers[-1] = focus_id
    kept.update(papers)

    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    order = sorted(kept)
    H.add_nodes_from((n, G.nodes[n]) for n in order)
    edges = list(_view_edges(G, order, kept, opts))
    co_dropped = weakest(edges, "CO_MENTIONED", opts.max_co_mentions)
    eval_dropped = weakest(edges, "EVALUATED_ON", opts.max_evaluated_on)
    view.co_mentions_dropped, view.evaluated_on_dropped = len(co_dropped), len(eval_dropped)
    drop = co_dropped | eval_dropped
    H.add_edges_from((u, v, k, d) for u, v, k, d in edges if (u, v, k) not in drop)
    if H.number_of_nodes() > MAX_PAGE_NODES:
        raise CitegraphError(f"the page would hold {H.number_of_nodes()} nodes, more than a browser draws "
                             f"smoothly ({MAX_PAGE_NODES}); lower --top/--max-papers or use --focus")
    view.graph = H
    shown_entities = len(kept_entities)
    if shown_entities < view.entities_total:
        view.notes.append(f"{shown_entities} of {view.entities_total} entities (the most mentioned)")
    if len(papers) < view.papers_total:
        view.notes.append(f"{len(papers)} of {view.papers_total} papers")
    if view.co_mentions_dropped:
        view.notes.append(f"{view.co_mentions_dropped} weakest co-mention edges left out")
    if view.evaluated_on_dropped:
        view.notes.append(f"{view.evaluated_on_dropped} weakest evaluated-on edges left out")
    return view
