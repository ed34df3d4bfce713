"""Real citations: CITES edges from reference lists, and how well inferred citations match them.

Sources that carry references (Semantic Scholar ``references``/``citations``,
OpenAlex ``referenced_works``) give each paper ``references`` (and
``cited_by``) as ids like ``doi:10.1/x``, ``arxiv:1706.03762``, ``s2:...``,
``openalex:W123`` (or ``title:<title key>`` for a work known only by its title). A reference
becomes ``(Paper)-[:CITES {source: "metadata"}]->(Paper)``
when it resolves to a paper of the graph; the rest point outside the corpus.

When the graph also has inferred citations (``source: "inferred"``, from
mentions), :func:`citation_agreement` tells how many inferred links the real
references confirm: the precision of citation inference, over the inferred
links whose citing paper has a reference list (or whose cited paper has a
citation list), since only those can be checked.

>>> from citegraph.models import Paper
>>> a = Paper(id="paper:a", title="A", external_ids={"arxiv": "1706.03762"})
>>> b = Paper(id="paper:b", title="B", external_ids={"doi": "10.1234/b"},
...           references=["arxiv:1706.03762", "doi:10.9999/elsewhere"])
>>> [(e.source, e.target, e.properties) for e in metadata_citation_edges([a, b])]
[('paper:b', 'paper:a', {'source': 'metadata'})]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from citegraph.loaders.dedupe import title_ref
from citegraph.loaders.ids import refs_of
from citegraph.models import Edge, Paper

from .schema import PAPER

CITES = "CITES"
METADATA = "metadata"
INFERRED = "inferred"


def _id_index(papers: Iterable[Paper]) -> dict[str, str]:
    index: dict[str, str] = {}
    titles: dict[str, str | None] = {}
    for p in papers:
        for key in refs_of(p.external_ids):
            index.setdefault(key, p.id)
        key = title_ref(p.title)
        if key:
            titles[key] = p.id if key not in titles else None  # a title shared by two papers resolves to neither
    index.update({k: v for k, v in titles.items() if v is not None})
    return index


def metadata_citation_edges(papers: Iterable[Paper]) -> list[Edge]:
    """CITES edges (``source: "metadata"``) for references that resolve to papers in ``papers``.

    A reference listed under several ids (its DOI and its S2 id) yields one edge;
    self-citations are dropped. Sorted by (citing, cited).
    """
    papers = list(papers)
    index = _id_index(papers)
    pairs: set[tuple[str, str]] = set()
    for p in papers:
        for ref in p.references:
            cited = index.get(ref)
            if cited and cited != p.id:
                pairs.add((p.id, cited))
        for ref in p.cited_by:
            citing = index.get(ref)
            if citing and citing != p.id:
                pairs.add((citing, p.id))
    return [Edge(a, b, CITES, {"source": METADATA}) for a, b in sorted(pairs)]


def _cites(G: nx.MultiDiGraph) -> dict[str, set[tuple[str, str]]]:
    """Source (``inferred``, ``metadata``) -> (citing, cited) of its CITES edges, in one pass over
    the raw adjacency; only Paper nodes' out-edges are read (a CITES edge joins two papers), so
    the entity-entity edges, most of a large graph, are skipped."""
    found: dict[str, set[tuple[str, str]]] = {INFERRED: set(), METADATA: set()}
    papers = {u for u, label in G.nodes(data="label") if label == PAPER}
    for u, nbrs in G.adjacency():
        if u not in papers:
            continue
        for v, keyed in nbrs.items():
            for d in keyed.values():
                if d.get("type") == CITES:
                    pairs = found.get(d.get("source"))  # type: ignore[arg-type]
                    if pairs is not None:
                        pairs.add((u, v))
    return found


def citation_agreement(G: nx.MultiDiGraph, papers: Iterable[Paper]) -> dict[str, Any]:
    """How many inferred CITES links the metadata CITES links confirm.

    ``checkable`` inferred links are those whose citing paper lists its
    references or whose cited paper lists its citations; ``precision`` =
    confirmed / checkable (None when nothing can be checked); ``recall`` =
    confirmed / metadata links between checkable papers (how many real
    citations inference finds).
    """
    papers = list(papers)
    with_refs = {p.id for p in papers if p.references}
    with_citers = {p.id for p in papers if p.cited_by}
    cites = _cites(G)
    inferred, metadata = cites[INFERRED], cites[METADATA]
    checkable = {(a, b) for a, b in inferred if a in with_refs or b in with_citers}
    confirmed = len(checkable & metadata)
    return {
        "papers_with_references": len(with_refs | with_citers),
        "metadata_edges": len(metadata),
        "inferred_edges": len(inferred),
        "checkable_inferred": len(checkable),
        "confirmed": confirmed,
        "precision": round(confirmed / len(checkable), 4) if checkable else None,
        "recall": round(confirmed / len(metadata), 4) if metadata else None,
    }


def add_metadata_citations(G: nx.MultiDiGraph, papers: Iterable[Paper]) -> dict[str, Any]:
    """Add metadata CITES edges (keys ``CITES:metadata``) and store the agreement figures
    in ``G.graph["citations"]``; returns them."""
    from .builder import add_edges  # builder calls this module at the end of build_graph

    papers = list(papers)
    add_edges(G, metadata_citation_edges(papers), variant_of="source")
    figures = citation_agreement(G, papers)
    G.graph["citations"] = figures
    return figures


def format_citation_agreement(c: dict[str, Any]) -> str:
    """Two summary lines: metadata citations found, and how many inferred ones they confirm.

    >>> print(format_citation_agreement({"metadata_edges": 5, "papers_with_references": 3, "confirmed": 2,
    ...     "checkable_inferred": 3, "precision": 0.6667, "inferred_edges": 4}))
    citations from metadata: 5 CITES edges within the graph (3 papers carry reference or citation lists)
    inferred citations confirmed by metadata: 2 of 3 checkable (precision 67%; 4 inferred in all)
    """
    precision = "n/a" if c["precision"] is None else f"{c['precision']:.0%}"
    return (f"citations from metadata: {c['metadata_edges']} CITES edges within the graph "
            f"({c['papers_with_references']} papers carry reference or citation lists)\n"
            f"inferred citations confirmed by metadata: {c['confirmed']} of {c['checkable_inferred']} checkable "
            f"(precision {precision}; {c['inferred_edges']} inferred in all)")
