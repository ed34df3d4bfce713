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

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, overload

import networkx as nx

from .comention import CO_MENTIONED

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .comention import CoMentionTable

Edge = tuple[Any, Any, Any, dict[str, Any]]


def sorted_edges(G: nx.MultiDiGraph) -> GraphEdges:
    """Every edge as ``(u, v, key, data)``, sorted by key, then ends (one pass over the adjacency).

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("b", "a", key="X"); _ = G.add_edge("a", "b", key="X")
    >>> [e[:3] for e in sorted_edges(G)]
    [('a', 'b', 'X'), ('b', 'a', 'X')]
    """
    return GraphEdges(G)


class GraphEdges(Sequence[Edge]):
    """The edges of ``G`` sorted by key, then source, then target, as a sequence of
    ``(u, v, key, data)`` made on demand from three integer columns (the ranks of the key and
    of both ends): 12 bytes an edge, where a list of the tuples took 80 (130 MB at 100k papers,
    the writers' memory peak). ``G`` must not change while this is in use.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("b", "a", key="Y", w=1); _ = G.add_edge("a", "b", key="X")
    >>> edges = GraphEdges(G)
    >>> len(edges), edges[0][:3], edges[1:], edges.keys() == {"X", "Y"}
    (2, ('a', 'b', 'X'), [('b', 'a', 'Y', {'w': 1})], True)
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        import numpy as np

        self._nodes = sorted(G)
        rank = {n: i for i, n in enumerate(self._nodes)}
        key_number: dict[Any, int] = {}  # in order of first appearance; ranked once all are known
        us, vs, ks = array("i"), array("i"), array("i")
        for u, nbrs in G.adjacency():
            ru = rank[u]
            for v, keyed in nbrs.items():
                rv = rank[v]
                for k in keyed:
                    number = key_number.get(k)
                    if number is None:
                        number = key_number[k] = len(key_number)
                    us.append(ru)
                    vs.append(rv)
                    ks.append(number)
        self._keys = sorted(key_number)
        key_rank = np.empty(len(key_number), dtype=np.int32)
        key_rank[list(key_number.values())] = [self._keys.index(k) for k in key_number]
        u, v = np.frombuffer(us, dtype=np.int32), np.frombuffer(vs, dtype=np.int32)
        k = key_rank[np.frombuffer(ks, dtype=np.int32)] if len(ks) else np.zeros(0, dtype=np.int32)
        order = np.lexsort((v, u, k))
        self._u, self._v, self._k = u[order], v[order], k[order]
        self._succ = G._succ

    def __len__(self) -> int:
        return len(self._u)

    @overload
    def __getitem__(self, i: int) -> Edge: ...

    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...

    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            return self._rows(start, stop) if step == 1 else [self[j] for j in range(start, stop, step)]
        j = range(len(self))[i]
        return self._rows(j, j + 1)[0]

    def _rows(self, start: int, stop: int) -> list[Edge]:
        nodes, keys, succ = self._nodes, self._keys, self._succ
        rows = []
        for a, b, c in zip(self._u[start:stop].tolist(), self._v[start:stop].tolist(),
                           self._k[start:stop].tolist(), strict=True):
            u, v, k = nodes[a], nodes[b], keys[c]
            rows.append((u, v, k, succ[u][v][k]))
        return rows

    def __iter__(self) -> Iterator[Edge]:
        for i in range(0, len(self), _ROWS_AT_A_TIME):
            yield from self._rows(i, i + _ROWS_AT_A_TIME)

    def keys(self) -> set[Any]:
        """The distinct edge keys."""
        return set(self._keys)


_ROWS_AT_A_TIME = 4096


class SortedEdges:
    """``edges`` (sorted as :func:`sorted_edges` sorts) with the rows of a CO_MENTIONED table
    in their place; ``len()`` and slices ``[i:j]`` (lists of ``(u, v, key, data)``)."""

    def __init__(self, edges: Sequence[Edge], co_mentions: CoMentionTable | None = None) -> None:
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
        out = list(self.edges[i:min(j, at)]) if i < at else []
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
        keys = self.edges.keys() if isinstance(self.edges, GraphEdges) else {e[2] for e in self.edges}
        return keys | {CO_MENTIONED} if self.table is not None else keys

    def index_shapes(self, index: Callable[[Iterable[dict[str, Any]]], tuple[list[Any], list[int]]]
                     ) -> tuple[list[Any], Sequence[int]]:
        """``index(every edge's data)`` (one shape per distinct property layout, and each edge's
        shape number) without making the table's dicts: its rows all have one layout."""
        attrs = (e[3] for e in self.edges)
        if self.table is None:
            shapes, ids = index(attrs)
            return shapes, _compact(ids, len(shapes))
        sample = next(self.table.rows(0, 1))[2]
        shapes, ids = index(chain(islice(attrs, self.at), [sample], attrs))
        compact = _compact(ids, len(shapes))  # a byte an edge: millions of edges at 100k papers
        compact[self.at:self.at + 1] = compact[self.at:self.at + 1] * self.n_table
        return shapes, compact


def _compact(numbers: list[int], bound: int) -> array[int]:
    """``numbers`` (each below ``bound``) in an array of the smallest item size that holds them."""
    return array("B" if bound <= 1 << 8 else "I", numbers)
