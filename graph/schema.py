"""The graph schema in one place: node labels, relationship types, their properties.

Every store (NetworkX, Neo4j, exports) and the docs read these tables, so a
label or key that is not listed here never reaches a query string.

>>> sorted(NODE_LABELS)
['Benchmark', 'Dataset', 'Method', 'Model', 'Paper']
>>> REL_TYPES["CITES"].directed
True
"""

from __future__ import annotations

from dataclasses import dataclass

from citegraph.models import ENTITY_TYPES

PAPER = "Paper"
ENTITY_LABELS: tuple[str, ...] = tuple(str(t) for t in ENTITY_TYPES)
NODE_LABELS: tuple[str, ...] = (PAPER, *ENTITY_LABELS)

NODE_PROPERTIES: dict[str, tuple[str, ...]] = {
    PAPER: ("id", "title", "abstract", "published", "authors", "url", "sources", "listing_dates",
            "external_ids"),
    **{label: ("id", "name", "aliases", "paper_count") for label in ENTITY_LABELS},
}


@dataclass(frozen=True)
class RelType:
    """A relationship type: which labels it joins and the properties it carries."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[str, ...]
    directed: bool = True
    doc: str = ""


REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("MENTIONS", (PAPER,), ENTITY_LABELS, ("count", "evidence"),
                doc="the paper names the entity; evidence = the sentence(s)"),
        RelType("INTRODUCES", (PAPER,), ENTITY_LABELS, ("evidence",),
                doc="the paper proposes, releases or builds the entity"),
        RelType("CO_MENTIONED", ENTITY_LABELS, ENTITY_LABELS, ("papers", "weight"), directed=False,
                doc="both entities are named in the same paper(s); stored once, source id < target id"),
        RelType("CITES", (PAPER,), (PAPER,), ("via", "source"),
                doc="inferred: the citing paper mentions an entity the cited paper introduces"),
    )
}
