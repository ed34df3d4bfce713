"""Entity rankings, neighbours and the entity-only co-mention projection.

>>> from citegraph.models import EntityType as T, Mention, Paper, PaperEntity as PE
>>> from citegraph.graph import build_graph
>>> m = lambda n: [Mention(n, 0, len(n), n + ".")]
>>> G = build_graph([(Paper(id=f"paper:{i}", title=str(i)), [PE(n, T.MODEL, mentions=m(n)) for n in names])
...                  for i, names in enumerate([["A", "B"], ["A", "B", "C"], ["A"]])])
>>> [(e.name, e.papers, e.degree) for e in top_entities(G, by="degree")]
[('A', 3, 2), ('B', 2, 2), ('C', 1, 2)]
>>> [(n.name, n.papers, n.association_strength) for n in neighbors(G, "a")]
[('B', 2, 1.0), ('C', 1, 1.0)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import networkx as nx

from .lookup import co_mention_parts, entity_nodes, find_entity, lean_graph_of

RANKINGS = ("papers", "degree", "pagerank")
NEIGHBOR_ORDERS = ("papers", "sentences", "association_strength", "npmi")


@dataclass(slots=True)
class RankedEntity:
    """An entity with its rank score (``score`` is the value of the ranking asked for)."""

    id: str
    name: str
    type: str
    score: float
    papers: int
    degree: int


@dataclass(slots=True)
class Neighbor:
    """An entity co-mentioned with the one asked about, with the CO_MENTIONED edge weights."""

    id: str
    name: str
    type: str
    papers: int
    sentences: int
    association_strength: float
    npmi: float
    example_papers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PaperEvidence:
    """A paper naming the entities asked about, with the sentences that show it."""

    id: str
    title: str
    date: str
    evidence: list[str]


def co_mention_graph(g: Any, min_papers: int = 1, type: str | None = None) -> nx.Graph:
    """The entity-only projection: an undirected ``nx.Graph`` of entities joined by CO_MENTIONED.

    Nodes keep ``label``, ``name``, ``paper_count``; edges keep every CO_MENTIONED
    property. ``min_papers`` drops weaker pairs; ``type`` keeps one entity label.
    Nodes and edges are inserted in sorted order, so algorithms run on it are repeatable.
    """
    G, table = co_mention_parts(g)
    H = nx.Graph()
    for n in entity_nodes(G, type):
        d = G.nodes[n]
        H.add_node(n, label=d["label"], name=d.get("name", n), paper_count=d.get("paper_count", 0))
    aside = table.among(H).rows() if table is not None else ()
    edges = sorted(((u, v, d) for u, v, d in chain(G.edges(data=True), aside)
                    if d.get("type") == "CO_MENTIONED" and u in H and v in H and d.get("papers", 0) >= min_papers),
                   key=lambda e: (e[0], e[1]))
    for u, v, d in edges:
        H.add_edge(u, v, **{k: val for k, val in d.items() if k != "type"})
    return H


def pagerank(H: nx.Graph, weight: str = "papers", alpha: float = 0.85) -> dict[str, float]:
    """Weighted PageRank of the projection (networkx's, backed by scipy).

    >>> H = nx.Graph([("a", "b"), ("b", "c")])
    >>> {k: round(v, 3) for k, v in pagerank(H, weight="none").items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    """
    if not len(H):
        return {}
    return dict(nx.pagerank(H, alpha=alpha, weight=weight, tol=1e-10, max_iter=500))


def top_entities(g: Any, type: str | None = None, by: str = "papers", limit: int | None = 10) -> list[RankedEntity]:
    """Entities ranked by ``papers`` (papers naming them), ``degree`` (distinct entities
    co-mentioned with them) or ``pagerank`` (on the co-mention projection, weighted by
    ``papers``; computed over all types, then filtered). Ties break by name."""
    if by not in RANKINGS:
        raise ValueError(f"by must be one of {', '.join(RANKINGS)}, not {by!r}")
    G, table = co_mention_parts(g)
    ranks = pagerank(co_mention_graph(g)) if by == "pagerank" else {}
    degrees: Counter[str] = Counter()
    for u, v, t in G.edges(data="type"):
        if t == "CO_MENTIONED":
            degrees[u] += 1
            degrees[v] += 1
    if table is not None:
        degrees.update(table.degrees())
    out = []
    for n in entity_nodes(G, type):
        d = G.nodes[n]
        papers, degree = int(d.get("paper_count", 0)), degrees[n]
        score = {"papers": papers, "degree": degree}.get(by, ranks.get(n, 0.0))
        out.append(RankedEntity(n, d.get("name", n), d["label"], round(float(score), 6), papers, degree))
    out.sort(key=lambda e: (-e.score, -e.papers, e.name.casefold(), e.id))
    return out[:limit] if limit is not None else out


def neighbors(g: Any, name: str, type: str | None = None, by: str = "papers", neighbor_type: str | None = None,
              min_papers: int = 1, limit: int | None = None) -> list[Neighbor]:
    """Entities co-mentioned with ``name``, strongest first by ``by`` (``papers``,
    ``sentences``, ``association_strength`` or ``npmi``; ties by papers, sentences,
    association strength, then name). ``min_papers`` drops neighbours sharing fewer
    papers (association strength and NPMI are noisy for pairs seen once)."""
    if by not in NEIGHBOR_ORDERS:
        raise ValueError(f"by must be one of {', '.join(NEIGHBOR_ORDERS)}, not {by!r}")
    G, table = co_mention_parts(g)
    node = find_entity(G, name, type)
    out = []
    aside = list(table.touching([node]).rows()) if table is not None else []
    for u, v, d in list(G.out_edges(node, data=True)) + list(G.in_edges(node, data=True)) + aside:
        if d.get("type") != "CO_MENTIONED":
            continue
        other = v if u == node else u
        od = G.nodes[other]
        if (neighbor_type and od["label"] != neighbor_type) or d.get("papers", 0) < min_papers:
            continue
        out.append(Neighbor(other, od.get("name", other), od["label"], int(d.get("papers", 0)),
                            int(d.get("sentences", 0)), float(d.get("association_strength", 0.0)),
                            float(d.get("npmi", 0.0)), list(d.get("example_papers", []))))
    out.sort(key=lambda x: (-getattr(x, by), -x.papers, -x.sentences, -x.association_strength,
                            x.name.casefold(), x.id))
    return out[:limit] if limit is not None else out


def papers_mentioning(g: Any, *names: str, limit: int | None = None) -> list[PaperEvidence]:
    """Papers naming every entity in ``names``, newest first, with evidence: the sentences
    naming all of them when there is one, else each entity's first sentence."""
    G = lean_graph_of(g)
    nodes = [find_entity(G, n) for n in names]
    if not nodes:
        return []
    sets = [{u for u, _, d in G.in_edges(n, data=True) if d.get("type") == "MENTIONS"} for n in nodes]
    out = []
    for pid in sorted(set.intersection(*sets)):
        per_entity = [G.edges[pid, n, "MENTIONS"].get("evidence", []) for n in nodes]
        shared = [s for s in per_entity[0] if all(s in ev for ev in per_entity[1:])]
        evidence = shared or [ev[0] for ev in per_entity if ev]
        pd = G.nodes[pid]
        date = pd.get("published") or min(pd.get("listing_dates") or [""])
        out.append(PaperEvidence(pid, pd.get("title", ""), date, list(dict.fromkeys(evidence))))
    out.sort(key=lambda p: (p.date, p.id), reverse=True)
    return out[:limit] if limit is not None else out
