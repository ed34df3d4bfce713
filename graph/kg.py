"""``KnowledgeGraph``: the built graph with convenient accessors.

>>> import citegraph
>>> kg = citegraph.KnowledgeGraph()
>>> kg.papers(), kg.entities()
([], [])
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from citegraph.models import Entity as EntityRecord
from citegraph.models import EntityType, Paper

from .schema import ENTITY_LABELS, PAPER
from .store import save_graph


class KnowledgeGraph:
    """A typed view over a NetworkX ``MultiDiGraph`` of papers and entities."""

    def __init__(self, G: nx.MultiDiGraph | None = None) -> None:
        self.G = G if G is not None else nx.MultiDiGraph()

    def __repr__(self) -> str:
        counts = self.node_counts()
        entities = sum(n for label, n in counts.items() if label != PAPER)
        return f"<KnowledgeGraph papers={counts.get(PAPER, 0)} entities={entities} edges={self.G.number_of_edges()}>"

    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying graph (not a copy)."""
        return self.G

    def papers(self) -> list[Paper]:
        """Every paper, sorted by id."""
        out = []
        for n, d in sorted(self.G.nodes(data=True)):
            if d.get("label") == PAPER:
                out.append(Paper(id=n, title=d["title"], abstract=d.get("abstract", ""),
                                 published=d.get("published") or None, authors=list(d.get("authors", [])),
                                 url=d.get("url") or None, sources=list(d.get("sources", [])),
                                 listing_dates=list(d.get("listing_dates", [])),
                                 external_ids=dict(d.get("external_ids", {}))))
        return out

    def entities(self, type: EntityType | str | None = None) -> list[EntityRecord]:
        """Entities (all, or of one type), most mentioned first."""
        labels = ENTITY_LABELS if type is None else (str(type),)
        out = [EntityRecord(id=n, name=d["name"], type=EntityType(d["label"]), aliases=list(d.get("aliases", [])),
                            paper_count=int(d.get("paper_count", 0)))
               for n, d in self.G.nodes(data=True) if d.get("label") in labels]
        return sorted(out, key=lambda e: (-e.paper_count, e.name.casefold(), e.id))

    def edge_counts(self) -> dict[str, int]:
        """Number of edges per relationship type."""
        return dict(sorted(Counter(t for _, _, t in self.G.edges(data="type")).items()))

    def node_counts(self) -> dict[str, int]:
        """Number of nodes per label."""
        return dict(sorted(Counter(d.get("label") for _, d in self.G.nodes(data=True)).items()))

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts per label and type, and the top entities per type."""
        return {
            "papers": self.node_counts().get(PAPER, 0),
            "entities": {label: self.node_counts().get(label, 0) for label in ENTITY_LABELS},
            "edges": self.edge_counts(),
            "top": {label: [(e.name, e.paper_count) for e in self.entities(label)[:top]]
                    for label in ENTITY_LABELS},
            **({"load": self.G.graph["load"]} if "load" in self.G.graph else {}),
            **({"citations": self.G.graph["citations"]} if "citations" in self.G.graph else {}),
        }

    def save(self, directory: str | Path, html: bool = True) -> Path:
        """Write graph.json, graph.graphml and (unless ``html=False``) graph.html into ``directory``."""
        out = save_graph(self.G, directory)
        if html:
            from citegraph.viz import write_html

            write_html(self.G, out / "graph.html")
        return out
