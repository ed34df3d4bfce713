"""Build the NetworkX graph from papers and the entities extracted from them.

Node attributes: ``label`` (``Paper``, ``Method``, ``Model``, ``Dataset``,
``Benchmark``) plus the properties listed in :mod:`citegraph.graph.schema`.
Every edge has a ``type`` attribute; its key is :func:`~.schema.edge_key`.
``CO_MENTIONED`` is stored once per pair, from the smaller id.

>>> from citegraph.models import Paper, PaperEntity, EntityType, Mention
>>> a = Paper(id="paper:a", title="A", listing_dates=["--03-11"])
>>> b = Paper(id="paper:b", title="B", listing_dates=["--03-12"])
>>> m = lambda n: [Mention(n, 0, len(n), n + " is used.")]
>>> ea = [PaperEntity("WebRL", EntityType.METHOD, introduced=True, mentions=m("WebRL"))]
>>> eb = [PaperEntity("WebRL", EntityType.METHOD, mentions=m("WebRL")),
...       PaperEntity("GPT-4o", EntityType.MODEL, mentions=m("GPT-4o"))]
>>> G = build_graph([(a, ea), (b, eb)])
>>> sorted((u, v, k) for u, v, k in G.edges(keys=True))  # doctest: +NORMALIZE_WHITESPACE
[('method:webrl', 'model:gpt-4o', 'CO_MENTIONED'), ('paper:a', 'method:webrl', 'INTRODUCES'),
 ('paper:a', 'method:webrl', 'MENTIONS'), ('paper:b', 'method:webrl', 'MENTIONS'),
 ('paper:b', 'model:gpt-4o', 'MENTIONS'), ('paper:b', 'paper:a', 'CITES:inferred')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from citegraph.gctools import paused_gc
from citegraph.models import Edge, Entity, Paper, PaperEntity

from .comention import CO_MENTIONED, CoMentionTable, pair_occurrences
from .digest import EntityDigest, PaperDigest, digest_all
from .edges import MAX_EXAMPLES, inferred_citation_edges
from .evaluations_process import PendingEvaluations
from .references import add_metadata_citations
from .resolve import resolve_names, variant_of_edges
from .schema import PAPER, edge_key
from .shared_keys import SharedKeyDicts, SharedKeyLayouts

MAX_EVIDENCE = 3
MENTIONS, INTRODUCES = "MENTIONS", "INTRODUCES"


EdgeRow = tuple[str, str, str, dict[str, Any]]


def add_edge_rows(G: nx.MultiDiGraph, rows: Iterable[EdgeRow]) -> None:
    """Add ``(source, target, key, attributes)`` rows to ``G`` in one pass, keeping each
    attribute dict as given (no copy). Same graph as ``G.add_edge(u, v, key=key, **attrs)``
    row by row (an existing edge of that key has its attributes updated), about three times
    faster: it fills networkx's adjacency dicts (``_succ``/``_pred``, the structure networkx
    documents for subclasses) directly.

    >>> G = nx.MultiDiGraph()
    >>> add_edge_rows(G, [("a", "b", "X", {"type": "X"}), ("a", "b", "X", {"w": 1}), ("b", "a", "Y", {})])
    >>> sorted(G.edges(keys=True, data=True))
    [('a', 'b', 'X', {'type': 'X', 'w': 1}), ('b', 'a', 'Y', {})]
    """
    if type(G) is not nx.MultiDiGraph:  # custom factories: take the slow, general path
        for u, v, key, data in rows:
            G.add_edge(u, v, key=key, **data)
        return
    succ, pred = G._succ, G._pred
    for u, v, key, data in rows:
        if u not in succ:
            G.add_node(u)
        if v not in succ:
            G.add_node(v)
        keyed = succ[u].get(v)
        if keyed is None:
            succ[u][v] = pred[v][u] = {key: data}
        elif key in keyed:
            keyed[key].update(data)
        else:
            keyed[key] = data
    nx._clear_cache(G)


def _edge_rows(edges: Iterable[Edge], variant_of: str | None) -> Iterator[EdgeRow]:
    shared = SharedKeyLayouts()
    for e in edges:
        variant = str(e.properties[variant_of]) if variant_of else None
        yield e.source, e.target, edge_key(e.type, variant), shared({"type": e.type, **e.properties})


def add_edges(G: nx.MultiDiGraph, edges: Iterable[Edge], variant_of: str | None = None) -> None:
    """Add Edge records to ``G``; ``variant_of`` names the property that tells parallel
    edges of one type apart (``source`` for CITES)."""
    add_edge_rows(G, _edge_rows(edges, variant_of))


def _paper_date(paper: Paper) -> str | None:
    return paper.published or (min(paper.listing_dates) if paper.listing_dates else None)


PaperEntities = dict[str, tuple[PaperDigest, dict[str, EntityDigest]]]


def _add_nodes(G: nx.MultiDiGraph, digests: list[PaperDigest], resolved: dict[str, Entity]) -> PaperEntities:
    """Add every Paper node and resolved entity node; returns paper id -> {entity id: the
    paper's entity}, spellings of one node in one paper merged (into the first spelling's digest)."""
    paper_entities: PaperEntities = {}
    paper_props = SharedKeyDicts("label", "id", "title", "abstract", "published", "authors", "url", "sources",
                                 "listing_dates", "external_ids")
    entity_props = SharedKeyDicts("label", "id", "name", "aliases", "paper_count")
    for d in digests:
        paper = d.paper
        _add_node(G, paper.id, paper_props(
            PAPER, paper.id, paper.title, paper.abstract, paper.published or "", list(paper.authors),
            paper.url or "", list(paper.sources), list(paper.listing_dates), dict(sorted(paper.external_ids.items()))))
        by_id: dict[str, EntityDigest] = {}
        for e in d.entities:
            node = resolved[e.name]
            if node.id in by_id:  # two spellings in one paper resolved to one node
                by_id[node.id].merge(e)
                continue
            by_id[node.id] = e
            if node.id not in G:
                _add_node(G, node.id, entity_props(str(node.type), node.id, node.name, list(node.aliases), 0))
        paper_entities[paper.id] = (d, by_id)
    return paper_entities


def _add_node(G: nx.MultiDiGraph, n: str, props: dict[str, Any]) -> None:
    """``G.add_node(n, **props)``, keeping ``props`` itself as the node's attribute dict for a new
    node (a key-sharing dict from :mod:`.shared_keys`, which ``add_node`` would copy into a plain one)."""
    if n in G or type(G) is not nx.MultiDiGraph:
        G.add_node(n, **props)
        return
    G.add_node(n)
    G._node[n] = props


class _FirstSentences(Mapping[tuple[str, str], str]):
    """(paper id, entity id) -> the first sentence of the paper naming the entity, looked up
    when read: inferred citations read it for the few pairs they link, not for every mention."""

    def __init__(self, paper_entities: PaperEntities) -> None:
        self._papers = paper_entities

    def __getitem__(self, key: tuple[str, str]) -> str:
        d, by_id = self._papers[key[0]]
        e = by_id[key[1]]
        if not e.sentences:
            raise KeyError(key)
        return d.sentences[e.sentences[0]]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((pid, eid) for pid, (_, by_id) in self._papers.items() for eid, e in by_id.items() if e.sentences)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _paper_entity_rows(G: nx.MultiDiGraph, paper_entities: PaperEntities) -> Iterator[EdgeRow]:
    """MENTIONS and INTRODUCES rows of every paper (entities by id); counts each entity's papers."""
    mentions, introduces = SharedKeyDicts("type", "count", "evidence"), SharedKeyDicts("type", "evidence")
    node_attrs = G._node  # G.nodes[eid] through networkx's view costs more than the increment
    for pid, (d, by_id) in paper_entities.items():
        for eid, e in sorted(by_id.items()):
            node_attrs[eid]["paper_count"] += 1
            evidence = d.evidence(e, MAX_EVIDENCE)
            yield pid, eid, MENTIONS, mentions(MENTIONS, max(1, e.count), evidence)
            if e.introduced:
                yield pid, eid, INTRODUCES, introduces(INTRODUCES, evidence[:1])


def build_graph(
    extractions: Iterable[tuple[Paper, list[PaperEntity]]],
    min_co_mentions: int = 1,
    max_examples: int = MAX_EXAMPLES,
    parallel: bool | None = None,
) -> nx.MultiDiGraph:
    """Graph of papers and entities with MENTIONS, INTRODUCES, CO_MENTIONED, CITES and
    EVALUATED_ON edges (see :mod:`.edges` for their properties).

    ``min_co_mentions`` drops CO_MENTIONED edges of pairs sharing fewer papers;
    ``max_examples`` caps the example paper ids kept on each CO_MENTIONED edge;
    ``parallel`` finds EVALUATED_ON edges in a second process meanwhile (``None``: for a large
    corpus, see :mod:`.evaluations_process`); the graph does not depend on it.
    Python's cyclic garbage collector is paused meanwhile (:func:`~citegraph.gctools.paused_gc`):
    its passes over the millions of new objects cost more than the building itself.
    """
    with paused_gc():
        G, co_mentions = build_graph_parts(extractions, min_co_mentions, max_examples, parallel)
        add_co_mentions(G, co_mentions)
        return G


def add_co_mentions(G: nx.MultiDiGraph, co_mentions: CoMentionTable) -> None:
    """Add the CO_MENTIONED edges of a table to ``G`` (as :func:`build_graph` does)."""
    add_edge_rows(G, ((u, v, CO_MENTIONED, attrs) for u, v, attrs in co_mentions.rows()))


def build_graph_parts(
    extractions: Iterable[tuple[Paper, list[PaperEntity]]],
    min_co_mentions: int = 1,
    max_examples: int = MAX_EXAMPLES,
    parallel: bool | None = None,
) -> tuple[nx.MultiDiGraph, CoMentionTable]:
    """:func:`build_graph` in two parts: the graph without its CO_MENTIONED edges, and those
    edges as a compact table (most of the graph's memory otherwise; the writers stream it:
    ``save_graph(G, DIR, co_mentions=table)``). ``add_co_mentions(G, table)`` completes ``G``.
    """
    # Each paper's extraction is digested as it arrives (graph.digest): the full results
    # (one Mention object per occurrence) are never all held.
    return build_parts_from_digests(digest_all(extractions), min_co_mentions, max_examples, parallel)


def build_parts_from_digests(
    digests: Iterable[PaperDigest],
    min_co_mentions: int = 1,
    max_examples: int = MAX_EXAMPLES,
    parallel: bool | None = None,
) -> tuple[nx.MultiDiGraph, CoMentionTable]:
    """:func:`build_graph_parts` from papers already digested (:mod:`.digest`), as the
    extraction processes of ``citegraph build --workers N`` send them."""
    with paused_gc():
        return _build_graph(digests, min_co_mentions, max_examples, parallel)


def _build_graph(stream: Iterable[PaperDigest], min_co_mentions: int, max_examples: int, parallel: bool | None
                 ) -> tuple[nx.MultiDiGraph, CoMentionTable]:
    digests = sorted(stream, key=lambda d: d.paper.id)  # made here, so that `del digests` below frees it
    resolved = resolve_names((e.name, e.aliases, e.type, e.count) for d in digests for e in d.entities)
    G = nx.MultiDiGraph()
    paper_entities = _add_nodes(G, digests, resolved)
    variants = variant_of_edges(resolved.values())
    papers = [d.paper for d in digests]
    del digests, resolved  # the digests live on in paper_entities, spellings of one node merged

    # Everything that reads mentions first; then they are let go before the CO_MENTIONED edges
    # (most of the graph) are made. CO_MENTIONED edges are added last, by add_co_mentions.
    # EVALUATED_ON edges are found meanwhile (in a second process for a large corpus).
    with PendingEvaluations(paper_entities, dict(G.nodes(data="label")), parallel) as pending:
        add_edge_rows(G, _paper_entity_rows(G, paper_entities))
        occurrences = pair_occurrences(  # papers in id order; one paper's sentence numbers at a time
            (pid, {eid: e.sentences for eid, e in by_id.items()}) for pid, (_, by_id) in paper_entities.items())
        citations = inferred_citation_edges(
            mentioned={pid: list(by_id) for pid, (_, by_id) in paper_entities.items()},
            introduced={pid: [eid for eid, e in by_id.items() if e.introduced]
                        for pid, (_, by_id) in paper_entities.items()},
            dates={p.id: _paper_date(p) for p in papers},
            evidence=_FirstSentences(paper_entities),
        )
        evaluations = pending.edges()
    n_papers = len(paper_entities)
    del paper_entities, pending  # before the edges go in: they take the room the digests leave

    # the Edge records become graph edges (and are let go) before the CO_MENTIONED table's
    # transient arrays exist, so they are not held at that step's peak
    add_edges(G, variants)
    add_edges(G, citations, variant_of="source")
    add_edges(G, evaluations)
    del variants, citations, evaluations
    add_metadata_citations(G, papers)  # CITES:metadata + G.graph["citations"]
    del papers  # the Paper objects go before the table's transient arrays (the caller keeps none)
    co_mentions = CoMentionTable.build(occurrences, n_papers, min_papers=min_co_mentions, max_examples=max_examples)
    del occurrences
    return G, co_mentions
