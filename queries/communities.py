"""Communities of the co-mention projection (Louvain, fixed seed), labelled by their top members.

>>> from citegraph.models import EntityType as T, Mention, Paper, PaperEntity as PE
>>> from citegraph.graph import build_graph
>>> m = lambda n: [Mention(n, 0, len(n), n + ".")]
>>> groups = [["A", "B", "C"]] * 3 + [["X", "Y", "Z"]] * 2
>>> G = build_graph([(Paper(id=f"paper:{i}", title=str(i)), [PE(n, T.METHOD, mentions=m(n)) for n in names])
...                  for i, names in enumerate(groups)])
>>> [(c.label, c.size) for c in communities(G)]
[('A / B / C', 3), ('X / Y / Z', 3)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from citegraph.errors import QueryError

from .cooccurrence import co_mention_graph

COMMUNITY_WEIGHTS = ("papers", "sentences", "association_strength", "npmi")


@dataclass(slots=True)
class Community:
    """One community: ``label`` joins the names of its ``label_size`` most-mentioned members;
    ``members`` lists (name, type, papers), most-mentioned first; ``papers`` sums paper counts."""

    index: int
    label: str
    size: int
    papers: int
    members: list[tuple[str, str, int]] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)


def communities(
    g: Any,
    weight: str = "papers",
    resolution: float = 1.0,
    seed: int = 42,
    min_papers: int = 1,
    min_size: int = 2,
    type: str | None = None,
    label_size: int = 3,
) -> list[Community]:
    """Louvain communities (``networkx.community.louvain_communities``) of the entity
    co-mention projection; deterministic for a given graph and ``seed``.

    ``weight`` is the CO_MENTIONED property used as edge weight; ``min_papers`` prunes
    weak pairs first; communities smaller than ``min_size`` (isolated entities) are
    left out. Sorted by total papers, then size.
    """
    if weight not in COMMUNITY_WEIGHTS:
        raise ValueError(f"weight must be one of {', '.join(COMMUNITY_WEIGHTS)}, not {weight!r}")
    H = co_mention_graph(g, min_papers=min_papers, type=type)
    if weight == "npmi":  # Louvain needs positive weights; shift npmi from [-1, 1] to [0, 2]
        for _, _, d in H.edges(data=True):
            d["_w"] = d.get("npmi", 0.0) + 1.0
        weight = "_w"
    if H.number_of_edges() and not any(w > 0 for _, _, w in H.edges(data=weight, default=0)):
        raise QueryError(f"no co-mention has a positive {weight!r}; choose another weight (e.g. papers)")
    parts = nx.community.louvain_communities(H, weight=weight, resolution=resolution, seed=seed)
    out = []
    for part in parts:
        if len(part) < min_size:
            continue
        ranked = sorted(part, key=lambda n: (-H.nodes[n]["paper_count"], H.nodes[n]["name"].casefold(), n))
        members = [(H.nodes[n]["name"], H.nodes[n]["label"], H.nodes[n]["paper_count"]) for n in ranked]
        out.append(Community(0, " / ".join(m[0] for m in members[:label_size]), len(part),
                             sum(m[2] for m in members), members, ranked))
    out.sort(key=lambda c: (-c.papers, -c.size, c.label))
    for i, c in enumerate(out, 1):
        c.index = i
    return out
