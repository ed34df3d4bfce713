"""CO_MENTIONED edges read back from ``graph.json`` into a :class:`~.comention.CoMentionTable`.

At 100k papers they are 2.4 million of the 4.0 million edges; as networkx edges with
their dicts they were half of the 4.9 GB that loading the graph took. Collected as columns
(about 40 bytes an edge) they stay aside, as after ``citegraph build``, until something
asks for the whole graph.

>>> rows = TableRows()
>>> rows.take([("a", "b", {"type": "CO_MENTIONED", "papers": 2, "sentences": 1, "association_strength": 1.5,
...                          "npmi": 0.5, "weight": 2.0, "example_papers": ["p", "q"]})])
True
>>> table, left = rows.finish()
>>> len(table), left, list(table.rows())[0][2]["example_papers"]
(1, [], ['p', 'q'])
"""

from __future__ import annotations

from array import array
from itertools import accumulate, chain
from operator import eq, lt
from typing import Any

from .comention import CO_MENTION_PROPERTIES, CO_MENTIONED, MAX_EXAMPLES, CoMentionTable, co_mention_props

# an edge the table holds has exactly these properties, in this order, as the writers put them
LAYOUT = list(CO_MENTION_PROPERTIES)
_INT32 = 1 << 31


class TableRows:
    """Columns of the CO_MENTIONED edges met in graph.json, in file order (sorted by ends).

    :meth:`take` takes a run of edges (their ends popped from their dicts) when they all have
    the table's layout; once one does not, none is taken and :meth:`finish` gives back those
    taken so far as plain rows, so the graph gets them all one way.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.papers: dict[str, int] = {}
        self.source, self.target = array("i"), array("i")
        self.count, self.sentences = array("i"), array("i")
        self.strength, self.npmi = array("d"), array("d")
        self.at, self.listed = array("i"), array("i")  # examples of edge i: examples[at[i]:at[i] + listed[i]]
        self.examples = array("i")
        self.last: tuple[str, str] | None = None
        self.fits = True

    def take(self, edges: list[tuple[str, str, dict[str, Any]]]) -> bool:
        """Take a run of edges ``(source, target, properties)`` if they all fit the table (none
        otherwise); checked and stored a column at a time."""
        if not self.fits or not edges:
            return self.fits
        ends = [(u, v) for u, v, _ in edges]
        columns = list(zip(*(d.values() for _, _, d in edges), strict=True)) \
            if all(list(d) == LAYOUT for _, _, d in edges) else None
        if columns is None or not self._plain(ends, columns):
            self.fits = False
            return False
        _, papers, sentences, strength, npmi, _, examples = columns
        ids, pids, listed = self.ids, self.papers, [len(e) for e in examples]
        self.at.extend(accumulate(listed[:-1], initial=len(self.examples)))
        self.listed.extend(listed)
        self.examples.extend([pids.setdefault(p, len(pids)) for p in chain.from_iterable(examples)])
        self.source.extend([ids.setdefault(u, len(ids)) for u, _ in ends])
        self.target.extend([ids.setdefault(v, len(ids)) for _, v in ends])
        self.count.extend(papers)
        self.sentences.extend(sentences)
        self.strength.extend(strength)
        self.npmi.extend(npmi)
        self.last = ends[-1]
        return True

    def _plain(self, ends: list[tuple[str, str]], columns: list[tuple[Any, ...]]) -> bool:
        """The values are those the table makes again: counts, floats, weight = papers, example
        ids, ends in sorted order."""
        types, papers, sentences, strength, npmi, weight, examples = columns
        return (all(t == CO_MENTIONED for t in types)
                and all(type(c) is int and 0 <= c < _INT32 for c in chain(papers, sentences))
                and all(type(x) is float for x in chain(strength, npmi, weight))
                and all(map(eq, weight, papers))
                and all(type(e) is list for e in examples)
                and all(type(p) is str for p in chain.from_iterable(examples))
                and (self.last is None or ends[0] > self.last) and all(map(lt, ends, ends[1:])))

    def _cap(self) -> int | None:
        """The ``max_examples`` the edges were written with, or ``None`` when no one value explains
        every edge's number of examples (``min(papers, cap)``)."""
        cut = {n for n, c in zip(self.listed, self.count, strict=True) if n < c}
        longest = max(self.listed, default=0)
        if len(cut) > 1 or (cut and min(cut) < longest):
            return None
        return cut.pop() if cut else max(max(self.count, default=0), longest, MAX_EXAMPLES)

    def finish(self) -> tuple[CoMentionTable | None, list[tuple[str, str, str, dict[str, Any]]]]:
        """The table (``None`` when no edge was taken), or, when the edges do not all fit one table,
        no table and every edge taken as a ``(source, target, key, properties)`` row."""
        import numpy as np

        cap = self._cap()
        if not len(self.source):
            return None, []
        ids, papers = list(self.ids), list(self.papers)
        if self.fits and cap is not None:
            def column(values: array, dtype: type) -> np.ndarray:
                return np.frombuffer(values, dtype=dtype)  # on the array's memory: no copy

            return CoMentionTable(ids=ids, papers=papers, source=column(self.source, np.int32),
                                  target=column(self.target, np.int32), count=column(self.count, np.int32),
                                  sentences=column(self.sentences, np.int32),
                                  strength=column(self.strength, np.float64), npmi=column(self.npmi, np.float64),
                                  at=column(self.at, np.int32), examples=self.examples, max_examples=cap), []
        rows = []
        for u, v, c, s, a, n, at, k in zip(self.source, self.target, self.count, self.sentences, self.strength,
                                           self.npmi, self.at, self.listed, strict=True):
            rows.append((ids[u], ids[v], CO_MENTIONED, co_mention_props(
                CO_MENTIONED, c, s, a, n, float(c), [papers[p] for p in self.examples[at:at + k]])))
        return None, rows
