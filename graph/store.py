"""Saving and loading the graph: node-link JSON (the reference copy) and GraphML.

``graph.json`` round-trips exactly; read it with plain networkx as
``nx.node_link_graph(data, edges="edges", source="from", target="to", key="key", name="key")``.
``graph.graphml`` is for Gephi/Cytoscape:
list and dict properties become JSON strings (GraphML has no lists), the node's
display ``label`` is its name or title, and its graph label goes to ``kind``
(written by :mod:`.graphml`). Both writers stream: edges are sorted once and
encoded in chunks, never as one document in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import networkx as nx

from citegraph.errors import GraphStoreError
from citegraph.gctools import paused_gc

from .builder import add_edge_rows
from .comention import CoMentionTable
from .comention_text import TableText
from .graphml import Edge, Node, SortedEdges, open_text, sorted_edges, sorted_nodes
from .node_link_read import (
    LINK_SOURCE,
    LINK_TARGET,
    SUMMARY,
    read_graph_attributes,
    read_node_link,
    read_node_link_parts,
)
from .staged_write import GRAPH_GRAPHML as GRAPH_GRAPHML  # re-exported
from .staged_write import GRAPH_JSON, write_files

FORMAT_VERSION = 1


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Deterministic node-link dict: nodes and edges sorted by id."""
    nodes = [{"key": n, **G.nodes[n]} for n in sorted(G.nodes)]
    edges = [{LINK_SOURCE: u, LINK_TARGET: v, "key": k, **d}
             for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))]
    return {"format": "citegraph", "version": FORMAT_VERSION, "directed": True, "multigraph": True,
            "graph": dict(G.graph), "nodes": nodes, "edges": edges}


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The graph of a node-link document (what :func:`to_node_link` makes; ``data`` is left as it
    is). A saved file is read with :func:`load_graph`, which never holds the whole document.

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="X", type="X", weight=2)
    'X'
    >>> H = from_node_link(to_node_link(G))
    >>> list(H.edges(keys=True, data=True))
    [('a', 'b', 'X', {'type': 'X', 'weight': 2})]
    """
    G = nx.MultiDiGraph()
    G.graph.update(data.get("graph", {}))
    G.add_nodes_from((attrs.pop("key"), attrs) for attrs in map(dict, data["nodes"]))
    add_edge_rows(G, ((attrs.pop(LINK_SOURCE), attrs.pop(LINK_TARGET), attrs.pop("key"), attrs)
                      for attrs in map(dict, data["edges"])))
    return G


_CHUNK = 128  # nodes or edges per encoder call: the C encoder is ~2x slower on lists of thousands
_BATCH = 16  # chunks per write
_encode_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder for all


def write_node_link(G: nx.MultiDiGraph, path: str | Path | IO[str], edges: Sequence[Edge] | SortedEdges | None = None,
                    co_mentions: CoMentionTable | None = None) -> None:
    """Write ``graph.json`` streamed: the same bytes as ``json.dumps(to_node_link(G))``
    (compact separators) without building that document in memory. ``co_mentions`` holds
    CO_MENTIONED edges kept out of ``G``, written as if they were in it.

    >>> import io
    >>> G = nx.MultiDiGraph(); G.add_node("a", label="Paper", title="T")
    >>> buf = io.StringIO(); write_node_link(G, buf)
    >>> buf.getvalue().rstrip() == json.dumps(to_node_link(G), ensure_ascii=False, separators=(",", ":"))
    True
    """
    if not isinstance(edges, SortedEdges):
        edges = SortedEdges(sorted_edges(G) if edges is None else edges, co_mentions)
    with open_text(path) as fh:
        write_node_link_head(fh, G)
        for start, stop, from_table in edges.segments():
            write_edge_items(fh, edges, start, stop, from_table)
        fh.write(NODE_LINK_END)


NODE_LINK_END = "]}\n"


def write_node_link_head(fh: IO[str], G: nx.MultiDiGraph, nodes: list[Node] | None = None,
                         summary: dict[str, Any] | None = None) -> None:
    """graph.json up to its first edge: the graph's attributes and every node (then the edges
    go in with :func:`write_edge_items` and :data:`NODE_LINK_END` closes the document);
    ``nodes`` is ``sorted_nodes(G)`` when the caller has it already. ``summary`` (counts of
    the whole graph) goes last among the graph's attributes, for :func:`load_graph_attributes`."""
    attrs = dict(G.graph) if summary is None else {**G.graph, SUMMARY: summary}
    head = {"format": "citegraph", "version": FORMAT_VERSION, "directed": True, "multigraph": True,
            "graph": attrs}
    nodes = sorted_nodes(G) if nodes is None else nodes
    fh.write(_encode_compact(head)[:-1] + ',"nodes":[')
    _write_items(fh, 0, len(nodes), _encoded(lambda i, j: [{"key": n, **d} for n, d in nodes[i:j]]))
    fh.write('],"edges":[')


def write_edge_items(fh: IO[str], edges: SortedEdges, start: int, stop: int, from_table: bool) -> None:
    """Write edges ``start:stop`` (one run of :meth:`SortedEdges.segments`) into graph.json's array."""
    if from_table and edges.table is not None:
        write_table_items(fh, edges.table, edges.at, start - edges.at, stop - edges.at)
    else:
        _write_items(fh, start, stop, _encoded(lambda i, j: [{LINK_SOURCE: u, LINK_TARGET: v, "key": k, **d}
                                                            for u, v, k, d in edges[i:j]]))


def write_table_items(fh: IO[str], table: CoMentionTable, at: int, start: int = 0, stop: int | None = None) -> None:
    """Write the rows ``start:stop`` of a CO_MENTIONED table into graph.json's array of edges,
    where the table's first row is edge number ``at``."""
    text, stop = TableText(table), len(table) if stop is None else stop
    _write_items(fh, at + start, at + stop, lambda i, j: text.json(i - at, j - at))


def _encoded(items: Callable[[int, int], list[dict[str, Any]]]) -> Callable[[int, int], str]:
    """``items(i, j)`` (a slice of dicts) as JSON objects separated by commas, encoded in chunks."""
    def text(start: int, stop: int) -> str:
        return ",".join([_encode_compact(items(i, min(i + _CHUNK, stop)))[1:-1] for i in range(start, stop, _CHUNK)])
    return text


def _write_items(fh: IO[str], start: int, stop: int, text: Callable[[int, int], str]) -> None:
    """Write the items ``start:stop`` of a JSON array (a comma first unless ``start`` is 0);
    ``text(i, j)`` is the text of a slice of them."""
    step = _CHUNK * _BATCH
    for i in range(start, stop, step):
        fh.write(("," if i else "") + text(i, min(i + step, stop)))


def save_graph(G: nx.MultiDiGraph, directory: str | Path, co_mentions: CoMentionTable | None = None,
               summary: dict[str, Any] | None = None) -> Path:
    """Write ``graph.json`` and ``graph.graphml`` into ``directory`` (created if needed);
    ``co_mentions``: CO_MENTIONED edges kept out of ``G`` (see :func:`~.builder.build_graph_parts`);
    ``summary``: counts saved in graph.json's head (:meth:`KnowledgeGraph.save <.kg.KnowledgeGraph.save>`).

    Each file appears under its name only once complete; a large CO_MENTIONED table is
    written by a second process meanwhile (:mod:`.staged_write`). The cyclic garbage
    collector is paused: writing makes millions of short-lived
    objects while every node and edge is alive, and each full pass would walk them all.
    """
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with paused_gc():
            write_files(G, out, SortedEdges(sorted_edges(G), co_mentions), summary=summary)  # edges sorted once
    except OSError as err:
        raise GraphStoreError(f"{out}: cannot write the graph ({err.strerror}); check the directory") from err
    return out


def load_graph_data(directory: str | Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` from a build directory (or the file itself) as a MultiDiGraph."""
    with paused_gc():  # millions of dicts, all alive to the end: a collection would only walk them
        return read_node_link(_graph_file(directory))


def load_graph(directory: str | Path):  # -> KnowledgeGraph (import cycle kept out of the signature)
    """Load a saved graph as a :class:`~citegraph.graph.KnowledgeGraph`, its CO_MENTIONED edges
    kept aside as a table until ``kg.G`` is asked for (as after ``citegraph build``)."""
    from .kg import KnowledgeGraph

    with paused_gc():
        G, co_mentions = read_node_link_parts(_graph_file(directory))
    return KnowledgeGraph(G, co_mentions=co_mentions)


def load_graph_attributes(directory: str | Path) -> dict[str, Any]:
    """The graph attributes saved in graph.json's head (with the ``summary`` counts that
    :meth:`KnowledgeGraph.save <.kg.KnowledgeGraph.save>` writes), without reading the rest."""
    return read_graph_attributes(_graph_file(directory))


def _graph_file(directory: str | Path) -> Path:
    """``graph.json`` of a build directory, or the file given."""
    path = Path(directory)
    return path / GRAPH_JSON if path.is_dir() else path
