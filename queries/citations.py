"""Who builds on whom: citation chains, most-built-upon papers, similar papers by shared entities.

>>> from citegraph.models import EntityType as T, Mention, Paper, PaperEntity as PE
>>> from citegraph.graph import build_graph
>>> m = lambda n: [Mention(n, 0, len(n), f"We use {n}.")]
>>> G = build_graph([
...     (Paper(id="paper:a", title="A", published="2024-01-01"), [PE("X", T.METHOD, introduced=True, mentions=m("X"))]),
...     (Paper(id="paper:b", title="B", published="2024-02-01"), [PE("X", T.METHOD, mentions=m("X")),
...                                                              PE("Y", T.METHOD, introduced=True, mentions=m("Y"))]),
...     (Paper(id="paper:c", title="C", published="2024-03-01"), [PE("Y", T.METHOD, mentions=m("Y"))])])
>>> [(link.depth, link.citing, link.cited, link.via) for link in citation_chain(G, "C")]
[(1, 'paper:c', 'paper:b', ['Y']), (2, 'paper:b', 'paper:a', ['X'])]
>>> [(p.id, p.cited_by) for p in most_built_upon(G)]
[('paper:a', 1), ('paper:b', 1)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from citegraph.graph.schema import PAPER

from .lookup import find_paper, lean_graph_of

DIRECTIONS = ("builds_on", "built_upon_by")
SIMILARITIES = ("jaccard", "adamic_adar")


@dataclass(slots=True)
class ChainLink:
    """One CITES edge reached from the start paper, ``depth`` hops away."""

    depth: int
    citing: str
    citing_title: str
    cited: str
    cited_title: str
    via: list[str]
    confidence: float
    evidence: str
    source: str = "inferred"


@dataclass(slots=True)
class CitedPaper:
    """A paper and how many papers build on it (distinct citing papers)."""

    id: str
    title: str
    cited_by: int
    via: list[str] = field(default_factory=list)
    mean_confidence: float = 0.0


@dataclass(slots=True)
class SimilarPaper:
    """A paper sharing entities with the one asked about."""

    id: str
    title: str
    score: float
    shared: list[str] = field(default_factory=list)


def _cites(G: nx.MultiDiGraph, min_confidence: float) -> list[tuple[str, str, dict[str, Any]]]:
    return [(u, v, d) for u, v, d in G.edges(data=True)
            if d.get("type") == "CITES" and float(d.get("confidence", 1.0)) >= min_confidence]


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name", node)) if node in G else node


def citation_chain(g: Any, paper: str, direction: str = "builds_on", depth: int = 3,
                   min_confidence: float = 0.0) -> list[ChainLink]:
    """CITES edges reachable from ``paper`` (id or title) breadth-first, up to ``depth`` hops.

    ``builds_on`` follows what the paper cites, then what those cite; ``built_upon_by``
    follows the papers citing it. Each paper is expanded once; links are sorted by
    depth, then confidence.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    G = lean_graph_of(g)
    start = find_paper(G, paper)
    forward, backward = defaultdict(list), defaultdict(list)
    for u, v, d in _cites(G, min_confidence):
        forward[u].append((u, v, d))
        backward[v].append((u, v, d))
    step = forward if direction == "builds_on" else backward
    seen, frontier, out = {start}, [start], []
    for level in range(1, depth + 1):
        nxt = []
        links = sorted((e for node in frontier for e in step[node]),
                       key=lambda e: (-float(e[2].get("confidence", 1.0)), e[0], e[1]))
        for u, v, d in links:
            out.append(ChainLink(level, u, G.nodes[u].get("title", ""), v, G.nodes[v].get("title", ""),
                                 [_name(G, e) for e in d.get("via", [])], float(d.get("confidence", 1.0)),
                                 str(d.get("evidence", "")), str(d.get("source", "inferred"))))
            other = v if direction == "builds_on" else u
            if other not in seen:
                seen.add(other)
                nxt.append(other)
        frontier = sorted(nxt)
        if not frontier:
            break
    return out


def most_built_upon(g: Any, limit: int | None = 10, min_confidence: float = 0.0) -> list[CitedPaper]:
    """Papers cited (inferred or from metadata) by the most distinct papers."""
    G = lean_graph_of(g)
    citing: dict[str, set[str]] = defaultdict(set)
    via: dict[str, set[str]] = defaultdict(set)
    conf: dict[str, list[float]] = defaultdict(list)
    for u, v, d in _cites(G, min_confidence):
        citing[v].add(u)
        via[v].update(d.get("via", []))
        conf[v].append(float(d.get("confidence", 1.0)))
    out = [CitedPaper(p, G.nodes[p].get("title", ""), len(c), sorted(_name(G, e) for e in via[p]),
                      round(sum(conf[p]) / len(conf[p]), 4)) for p, c in citing.items()]
    out.sort(key=lambda p: (-p.cited_by, -p.mean_confidence, p.id))
    return out[:limit] if limit is not None else out


def similar_papers(g: Any, paper: str, method: str = "jaccard", type: str | None = None,
                   limit: int | None = 10) -> list[SimilarPaper]:
    """Papers sharing entities with ``paper`` (id or title), most similar first.

    ``jaccard`` = |E_a & E_b| / |E_a | E_b| over the entity sets the papers mention;
    ``adamic_adar`` = sum over shared entities e of 1 / log(papers naming e), so a
    rare shared entity counts more than a common one. ``type`` compares only
    entities of that label (``Dataset``: papers using the same data).
    """
    if method not in SIMILARITIES:
        raise ValueError(f"method must be one of {', '.join(SIMILARITIES)}, not {method!r}")
    G = lean_graph_of(g)
    start = find_paper(G, paper)

    def entities(p: str) -> set[str]:
        return {v for _, v, t in G.out_edges(p, data="type")
                if t == "MENTIONS" and (type is None or G.nodes[v].get("label") == type)}

    mine = entities(start)
    candidates = {u for e in mine for u, _, t in G.in_edges(e, data="type") if t == "MENTIONS"} - {start}
    out = []
    for other in sorted(candidates):
        if G.nodes[other].get("label") != PAPER:
            continue
        theirs = entities(other)
        shared = mine & theirs
        if method == "jaccard":
            score = len(shared) / len(mine | theirs)
        else:
            score = sum(1.0 / math.log(max(G.nodes[e].get("paper_count", 2), 2)) for e in shared)
        out.append(SimilarPaper(other, G.nodes[other].get("title", ""), round(score, 6),
                                sorted((_name(G, e) for e in shared), key=str.casefold)))
    out.sort(key=lambda s: (-s.score, -len(s.shared), s.id))
    return out[:limit] if limit is not None else out
