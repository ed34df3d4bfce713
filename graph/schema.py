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
        RelType("CO_MENTIONED", ENTITY_LABELS, ENTITY_LABELS,
                ("papers", "sentences", "association_strength", "npmi", "weight", "example_papers"),
                directed=False,
                doc="both entities are named in the same paper(s); stored once, source id < target id; "
                    "association_strength = N*c_ij/(n_i*n_j), npmi, weight = papers"),
        RelType("CITES", (PAPER,), (PAPER,), ("via", "evidence", "confidence", "source"),
                doc="the citing paper builds on the cited one; source = 'inferred' (from mentions) "
                    "or 'metadata' (a reference list)"),
        RelType("EVALUATED_ON", ("Model", "Method"), ("Benchmark", "Dataset"), ("count", "papers", "evidence"),
                doc="one sentence puts the model/method and the benchmark/dataset together with an "
                    "evaluation cue"),
        RelType("VARIANT_OF", ("Model",), ("Model",), (),
                doc="a model variant points to its base (Llama-3.1-8B-Instruct -> Llama-3.1-8B)"),
    )
}


def edge_key(rel_type: str, variant: str | None = None) -> str:
    """NetworkX edge key of a relationship: its type, or ``type:variant`` where one
    pair of nodes can hold several edges of one type (CITES from several sources).

    Always read the type from the edge's ``type`` attribute, never from the key.

    >>> edge_key("MENTIONS"), edge_key("CITES", "inferred")
    ('MENTIONS', 'CITES:inferred')
    """
    if rel_type not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rel_type!r}")
    return f"{rel_type}:{variant}" if variant else rel_type
