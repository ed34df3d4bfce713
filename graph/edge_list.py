"""The edges the writers stream, in file order: by key, then source, then target.

A graph's own edges come from its adjacency; the CO_MENTIONED edges may instead come
from a :class:`~.comention.CoMentionTable` (the build keeps them out of networkx to save
memory), spliced in at their place in the order. Slices are made on demand, so the
table's property dicts exist only while a slice is written.

>>> import networkx as nx
>>> from .comention import CoMentionTable, pair_occurrences
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("p", "a", key="MENTIONS", type="MENTIONS"); _ = G.add_edge("p", "q", key="CITES:inferred")
>>> table = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0]}}), 1)
>>> edges = SortedEdges(sorted_edges(G), table)
>>> len(edges), [e[:3] for e in edges[0:3]]
(3, [('p', 'q', 'CITES:inferred'), ('a', 'b', 'CO_MENTIONED'), ('p', 'a', 'MENTIONS')])
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import networkx as nx

from .comention import CO_MENTIONED

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .comention import CoMentionTable

Edge = tuple[Any, Any, Any, dict[str, Any]]


def sorted_edges(G: nx.MultiDiGraph) -> list[Edge]:
    """Every edge as ``(u, v, key, data)``, sorted by key, then ends (one pass over the adjacency).

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("b", "a", key="X"); _ = G.add_edge("a", "b", key="X")
    >>> [e[:3] for e in sorted_edges(G)]
    [('a', 'b', 'X'), ('b', 'a', 'X')]
    """
    edges = [(u, v, k, d) for u, nbrs in G.adjacency() for v, kd in nbrs.items() for k, d in kd.items()]
    # Three stable sorts on one field each = one sort on (key, u, v), without a key tuple per
    # edge: a one-field key is the edge's own string, so only an array of references is made
    # (at 100k papers the tuples were ~100 MB, at the build's memory peak).
    for field in (1, 0, 2):
        edges.sort(key=itemgetter(field))
    return edges


class SortedEdges:
    """``edges`` (sorted as :func:`sorted_edges` sorts) with the rows of a CO_MENTIONED table
    in their place; ``len()`` and slices ``[i:j]`` (lists of ``(u, v, key, data)``)."""

    def __init__(self, edges: list[Edge], co_mentions: CoMentionTable | None = None) -> None:
        self.edges = edges
        self.table = co_mentions if co_mentions is not None and len(co_mentions) else None
        self.at = bisect_left(edges, CO_MENTIONED, key=itemgetter(2)) if self.table is not None else len(edges)
        if self.table is not None and self.at < len(edges) and edges[self.at][2] == CO_MENTIONED:
            raise ValueError("the graph has CO_MENTIONED edges already; pass them in the graph or the table, not both")
        self.n_table = len(self.table) if self.table is not None else 0

    def __len__(self) -> int:
        return len(self.edges) + self.n_table

    def __getitem__(self, part: slice) -> list[Edge]:
        i, j, _ = part.indices(len(self))
        at, n = self.at, self.n_table
        out = self.edges[i:min(j, at)] if i < at else []
        lo, hi = max(i, at), min(j, at + n)
        if lo < hi and self.table is not None:
            out += [(u, v, CO_MENTIONED, d) for u, v, d in self.table.rows(lo - at, hi - at)]
        if j > at + n:
            out += self.edges[max(i, at + n) - n:j - n]
        return out

    def segments(self) -> list[tuple[int, int, bool]]:
        """``(start, stop, from_table)``: the non-empty runs of positions, in order.

        >>> SortedEdges([]).segments()
        []
        """
        at, n, end = self.at, self.n_table, len(self)
        runs = [(0, at, False), (at, at + n, True), (at + n, end, False)]
        return [run for run in runs if run[0] < run[1]]

    def keys(self) -> set[Any]:
        """The distinct edge keys."""
        keys = {e[2] for e in self.edges}
        return keys | {CO_MENTIONED} if self.table is not None else keys

    def index_shapes(self, index: Callable[[Iterable[dict[str, Any]]], tuple[list[Any], list[int]]]
                     ) -> tuple[list[Any], list[int]]:
        """``index(every edge's data)`` (one shape per distinct property layout, and each edge's
        shape number) without making the table's dicts: its rows all have one layout."""
        attrs = (e[3] for e in self.edges)
        if self.table is None:
            return index(attrs)
        sample = next(self.table.rows(0, 1))[2]
        shapes, ids = index(chain(islice(attrs, self.at), [sample], attrs))
        ids[self.at:self.at + 1] = [ids[self.at]] * self.n_table
        return shapes, ids
