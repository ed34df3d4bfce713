"""``KnowledgeGraph``: the built graph with convenient accessors.

>>> import citegraph
>>> kg = citegraph.KnowledgeGraph()
>>> kg.papers(), kg.entities()
([], [])
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from citegraph.models import Entity as EntityRecord
from citegraph.models import EntityType, Paper

from .comention import CO_MENTIONED, CoMentionTable
from .node_link_read import SUMMARY
from .schema import ENTITY_LABELS, PAPER
from .store import load_graph_attributes, save_graph

if TYPE_CHECKING:
    from citegraph.viz import ViewOptions


SAVED_TOP = 5  # top entities per type in the counts saved with a graph (what `citegraph info` prints)
_BUILD_RECORDS = ("load", "citations")  # graph attributes the build sets, shown in a summary


def with_build_records(counts: dict[str, Any], attrs: dict[str, Any]) -> dict[str, Any]:
    """``counts`` and the build's records among the graph attributes ``attrs``."""
    return {**counts, **{key: attrs[key] for key in _BUILD_RECORDS if key in attrs}}


def summary_of_saved(directory: str | Path) -> dict[str, Any] | None:
    """``load_graph(directory).summary()`` from the head of graph.json alone (the counts
    :meth:`KnowledgeGraph.save` wrote there), in milliseconds instead of reading every node and
    edge; ``None`` for a file written without them (by other code, or an older citegraph).

    >>> import citegraph, json, pathlib, tempfile
    >>> kg = citegraph.build([pathlib.Path(citegraph.__file__).parent.parent / "examples"])
    >>> out = kg.save(tempfile.mkdtemp(), html=False)
    >>> summary_of_saved(out) == json.loads(json.dumps(citegraph.load_graph(out).summary()))
    True
    """
    attrs = load_graph_attributes(directory)
    counts = attrs.get(SUMMARY)
    return with_build_records(counts, attrs) if isinstance(counts, dict) else None


class KnowledgeGraph:
    """A typed view over a NetworkX ``MultiDiGraph`` of papers and entities.

    ``co_mentions``: the graph's CO_MENTIONED edges kept aside as a compact table (what
    :func:`citegraph.build` does: they are most of a large graph's memory). Counting and
    saving read the table; the first use of ``G`` (or :meth:`to_networkx`) adds its edges
    to the graph, so ``G`` is always the whole graph.

    >>> import citegraph, pathlib
    >>> kg = citegraph.build([pathlib.Path(citegraph.__file__).parent.parent / "examples"])
    >>> counts = kg.edge_counts()  # from the table: the graph still lacks CO_MENTIONED edges
    >>> kg.edge_counts() == KnowledgeGraph(kg.G).edge_counts() == counts  # kg.G completes the graph
    True
    """

    def __init__(self, G: nx.MultiDiGraph | None = None, co_mentions: CoMentionTable | None = None) -> None:
        self._G = G if G is not None else nx.MultiDiGraph()
        self._co_mentions = co_mentions

    @property
    def G(self) -> nx.MultiDiGraph:  # noqa: N802 (the graph's customary name)
        """The whole NetworkX graph (CO_MENTIONED edges kept aside are added on first use)."""
        if self._co_mentions is not None:
            from citegraph.gctools import paused_gc

            from .builder import add_co_mentions

            with paused_gc():
                add_co_mentions(self._G, self._co_mentions)
            self._co_mentions = None
        return self._G

    @G.setter
    def G(self, G: nx.MultiDiGraph) -> None:  # noqa: N802
        self._G, self._co_mentions = G, None

    @property
    def lean_G(self) -> nx.MultiDiGraph:  # noqa: N802
        """``G`` without the CO_MENTIONED edges kept aside (the whole ``G`` once they were added):
        for reading anything but those edges, at no cost."""
        return self._G

    @property
    def co_mention_table(self) -> CoMentionTable | None:
        """The CO_MENTIONED edges kept aside, or ``None`` when they are in ``G``."""
        return self._co_mentions

    def __repr__(self) -> str:
        counts = self.node_counts()
        entities = sum(n for label, n in counts.items() if label != PAPER)
        edges = self._G.number_of_edges() + (len(self._co_mentions) if self._co_mentions is not None else 0)
        return f"<KnowledgeGraph papers={counts.get(PAPER, 0)} entities={entities} edges={edges}>"

    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying graph (not a copy)."""
        return self.G

    def papers(self) -> list[Paper]:
        """Every paper, sorted by id."""
        out = []
        for n, d in sorted(self._G.nodes(data=True)):
            if d.get("label") == PAPER:
                out.append(Paper(id=n, title=d["title"], abstract=d.get("abstract", ""),
                                 published=d.get("published") or None, authors=list(d.get("authors", [])),
                                 url=d.get("url") or None, sources=list(d.get("sources", [])),
                                 listing_dates=list(d.get("listing_dates", [])),
                                 external_ids=dict(d.get("external_ids", {}))))
        return out

    def entities(self, type: EntityType | str | None = None, limit: int | None = None) -> list[EntityRecord]:
        """Entities (all, or of one type), most mentioned first; only the first ``limit`` when given."""
        labels = ENTITY_LABELS if type is None else (str(type),)

        def rank(node: tuple[str, dict[str, Any]]) -> tuple[int, str, str]:
            return -int(node[1].get("paper_count", 0)), node[1]["name"].casefold(), node[0]

        nodes = [(n, d) for n, d in self._G.nodes(data=True) if d.get("label") in labels]
        chosen = sorted(nodes, key=rank) if limit is None else heapq.nsmallest(limit, nodes, key=rank)
        return [EntityRecord(id=n, name=d["name"], type=EntityType(d["label"]), aliases=list(d.get("aliases", [])),
                             paper_count=int(d.get("paper_count", 0))) for n, d in chosen]

    def edge_counts(self) -> dict[str, int]:
        """Number of edges per relationship type."""
        counts = Counter(d.get("type") for _, nbrs in self._G.adjacency() for keyed in nbrs.values()
                         for d in keyed.values())
        if self._co_mentions is not None and len(self._co_mentions):
            counts[CO_MENTIONED] += len(self._co_mentions)
        return dict(sorted(counts.items()))

    def node_counts(self) -> dict[str, int]:
        """Number of nodes per label."""
        return dict(sorted(Counter(d.get("label") for _, d in self._G.nodes(data=True)).items()))

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts per label and type, the top entities per type, and what the build recorded of
        its input (``load``) and citations. :func:`summary_of_saved` gives the same for a saved
        graph (top 5) from the head of its file."""
        return with_build_records(self._counts(top), self._G.graph)

    def _counts(self, top: int) -> dict[str, Any]:
        counts = self.node_counts()
        return {
            "papers": counts.get(PAPER, 0),
            "entities": {label: counts.get(label, 0) for label in ENTITY_LABELS},
            "edges": self.edge_counts(),
            "top": {label: [(e.name, e.paper_count) for e in self.entities(label, limit=top)]
                    for label in ENTITY_LABELS},
        }

    def save(self, directory: str | Path, html: bool = True) -> Path:
        """Write graph.json, graph.graphml and (unless ``html=False``) graph.html into ``directory``.
        graph.json's head carries the counts of :meth:`summary`, so ``citegraph info`` need not
        read the whole file."""
        out = save_graph(self._G, directory, co_mentions=self._co_mentions, summary=self._counts(SAVED_TOP))
        if html:
            self._write_page(out / "graph.html")
        return out

    def _write_page(self, path: Path) -> None:
        """The default page (drawn from :meth:`drawable`)."""
        from citegraph.viz import write_html

        with self.drawable() as G:
            write_html(G, path)

    @contextmanager
    def drawable(self, options: ViewOptions | None = None) -> Iterator[nx.MultiDiGraph]:
        """The graph to draw a page of ``options`` from (``select_view``, ``write_html``). With the
        CO_MENTIONED edges kept aside, only those the view needs join the graph, for the time of
        the ``with`` block: those between its ranked entities, and for a ``focus`` view the edge
        by which its walk (over the table's index) first reached each node
        (:func:`~citegraph.viz.views.co_mentions_needed`).

        >>> import citegraph, pathlib
        >>> kg = citegraph.build([pathlib.Path(citegraph.__file__).parent.parent / "examples"])
        >>> with kg.drawable() as G:
        ...     G.number_of_edges() < sum(kg.edge_counts().values())
        True
        """
        from citegraph.viz.views import co_mentions_needed

        needed = None
        if self._co_mentions is not None:
            focused = options is not None and bool(options.focus)
            needed = co_mentions_needed(self._G, options, self._co_mentions.neighbours() if focused else None)
        if self._co_mentions is None or needed is None:
            yield self.G
            return
        from .builder import add_co_mentions

        part = self._co_mentions.among(needed.ends, needed.links)
        add_co_mentions(self._G, part)
        try:
            yield self._G
        finally:
            self._G.remove_edges_from((part.ids[u], part.ids[v], CO_MENTIONED)
                                      for u, v in zip(part.source.tolist(), part.target.tolist(), strict=True))
