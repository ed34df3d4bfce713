"""The columns the embedded database is loaded from, read straight from ``graph.json``.

Building the cache of the 100k graph through NetworkX held the graph, a row dict per
relationship and the engine's copy at once (15.7 GB, killed). Here ``graph.json`` is
read element by element (:func:`stream_node_link`) into one list per column and
table, with the values as :mod:`citegraph.graph.records` stores them everywhere.

>>> import io, json
>>> doc = {"format": "citegraph", "version": 1, "graph": {}, "nodes": [
...     {"key": "paper:a", "label": "Paper", "id": "paper:a", "title": "A", "junk": 1},
...     {"key": "model:x", "label": "Model", "id": "model:x", "name": "X", "aliases": ["x"]}],
...     "edges": [{"from": "paper:a", "to": "model:x", "key": "MENTIONS", "type": "MENTIONS", "count": 2}]}
>>> t = tables_from_file(io.StringIO(json.dumps(doc)), chunk=7)
>>> t.nodes["Model"]["name"], t.nodes["Model"]["aliases"]
(['X'], [['x']])
>>> t.rels[("MENTIONS", "Paper", "Model")]["count"]
[2]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from citegraph.errors import GraphStoreError
from citegraph.graph.node_link_read import CHUNK, stream_node_link
from citegraph.graph.records import db_value
from citegraph.graph.schema import NODE_LABELS, NODE_PROPERTIES, REL_TYPES
from citegraph.graph.store import LINK_SOURCE, LINK_TARGET

Columns = dict[str, list[Any]]
Sink = Callable[[tuple[str, ...], Columns], None]  # takes a table's key and a batch of its columns


_PLAIN = frozenset({str, int, float, bool})  # stored as they are: db_value would return them unchanged


def _db(value: Any) -> Any:
    return value if type(value) in _PLAIN else None if value is None else db_value(value)


def node_columns(label: str) -> list[str]:
    """The columns of ``label``'s node table, in table order (``id`` among them)."""
    return list(dict.fromkeys([*NODE_PROPERTIES[label], "id"]))


@dataclass
class Tables:
    """``nodes[label][property]`` and ``rels[(type, start label, end label)][property]`` value
    lists (``from``/``to`` hold the end ids); None where a property is missing.

    With a ``sink``, a table's columns are handed to it every ``batch`` rows and emptied
    (:meth:`finish` hands over the rest), so memory holds at most a batch per table."""

    nodes: dict[str, Columns] = field(default_factory=lambda: {
        label: {p: [] for p in node_columns(label)} for label in NODE_LABELS})
    rels: dict[tuple[str, str, str], Columns] = field(default_factory=dict)
    labels: dict[Any, str] = field(default_factory=dict)
    sink: Sink | None = None
    batch: int = 0

    def _hand_over(self, key: tuple[str, ...], columns: Columns) -> None:
        if self.sink is not None and columns and columns[next(iter(columns))]:
            self.sink(key, dict(columns))
            for p in columns:
                columns[p] = []

    def finish(self) -> None:
        """Hand every table's remaining rows to the sink."""
        for label, columns in self.nodes.items():
            self._hand_over((label,), columns)
        for group, columns in self.rels.items():
            self._hand_over(group, columns)

    def add_node(self, key: Any, attrs: dict[str, Any]) -> None:
        label = str(attrs.get("label"))
        if label not in NODE_LABELS:
            raise GraphStoreError(f"node {key!r} has label {label!r}, not one of {', '.join(NODE_LABELS)}; rebuild")
        self.labels[key] = label
        for p, values in self.nodes[label].items():
            values.append(_db(key if p == "id" else attrs.get(p)))
        if self.sink is not None and len(self.nodes[label]["id"]) >= self.batch:
            self._hand_over((label,), self.nodes[label])

    def add_edge(self, u: Any, v: Any, attrs: dict[str, Any]) -> None:
        rel_type = str(attrs.get("type"))
        if rel_type not in REL_TYPES:
            raise GraphStoreError(f"edge {u!r} -> {v!r} has type {rel_type!r}, not one of {', '.join(REL_TYPES)}")
        try:
            group = (rel_type, self.labels[u], self.labels[v])
        except KeyError as err:
            raise GraphStoreError(f"edge {u!r} -> {v!r}: no node {err.args[0]!r}; rebuild the graph") from None
        columns = self.rels.get(group)
        if columns is None:
            columns = self.rels[group] = {"from": [], "to": [], **{p: [] for p in REL_TYPES[rel_type].properties}}
        columns["from"].append(u)
        columns["to"].append(v)
        for p in REL_TYPES[rel_type].properties:
            columns[p].append(_db(attrs.get(p)))
        if self.sink is not None and len(columns["from"]) >= self.batch:
            self._hand_over(group, columns)


def tables_from_graph(G: nx.MultiDiGraph, sink: Sink | None = None, batch: int = 0) -> Tables:
    """The columns of ``G``: nodes by id, relationships by (key, ends), as graph.json orders them."""
    t = Tables(sink=sink, batch=batch)
    for n in sorted(G.nodes):
        t.add_node(n, G.nodes[n])
    for u, v, _, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        t.add_edge(u, v, d)
    t.finish()
    return t


def tables_from_file(path: str | Path | IO[str], chunk: int = CHUNK, sink: Sink | None = None,
                     batch: int = 0) -> Tables:
    """The columns of a saved ``graph.json``, read element by element (never the whole document)."""
    t = Tables(sink=sink, batch=batch)
    for kind, item in stream_node_link(path, chunk):
        if kind == "node":
            t.add_node(item.get("key"), item)
        elif kind == "edge":
            t.add_edge(item.get(LINK_SOURCE), item.get(LINK_TARGET), item)
        elif kind == "format" and item != "citegraph":
            raise GraphStoreError(f"{path}: not a citegraph graph file; rebuild it with 'citegraph build'")
    t.finish()
    return t
