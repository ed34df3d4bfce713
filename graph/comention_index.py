"""An index of a :class:`~.comention.CoMentionTable`'s edges by entity, for walks over them
(a ``--focus`` page walks the CO_MENTIONED edges without adding them to the graph).

>>> from citegraph.graph.comention import CoMentionTable, pair_occurrences
>>> index = CoMentionIndex(CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0], "c": [1]}}), 1))
>>> sorted(index.step(["b"], allowed={"a", "b", "c"}, seen={"b"}, min_weight=1.0))
[('b', 'a'), ('b', 'c')]
>>> index.step(["a"], allowed={"a", "b", "c"}, seen={"a", "b"}, min_weight=1.0)
[('a', 'c')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .comention import CoMentionTable

_CHUNK = 4096  # frontier nodes expanded at once (bounds the arrays of their edges)


class CoMentionIndex:
    """The CO_MENTIONED edges of a table by entity (the other ends, the weights: papers), built once."""

    def __init__(self, table: CoMentionTable) -> None:
        import numpy as np

        ends = np.concatenate([table.source, table.target])
        order = np.argsort(ends, kind="stable")
        self._others = np.concatenate([table.target, table.source])[order]
        self._weights = np.concatenate([table.count, table.count])[order]
        self._starts = np.searchsorted(ends[order], np.arange(len(table.ids) + 1))
        self._ids = table.ids
        self._number = {i: k for k, i in enumerate(table.ids)}

    def step(self, frontier: Sequence[str], allowed: set[str], seen: set[str], min_weight: float
             ) -> list[tuple[str, str]]:
        """One step of a walk: for each entity in ``allowed`` but not ``seen`` that an edge of
        weight >= ``min_weight`` joins to ``frontier``, the pair ``(frontier node, entity)`` of
        the first such edge (in frontier order), in the order the entities are first reached.
        The edges are gathered in numpy, a chunk of the frontier at a time."""
        import numpy as np

        ids, number = self._ids, self._number
        open_ = np.fromiter((i in allowed and i not in seen for i in ids), dtype=bool, count=len(ids))
        known = [(number[u], u) for u in frontier if u in number]
        out: list[tuple[str, str]] = []
        for c in range(0, len(known), _CHUNK):
            chunk = known[c:c + _CHUNK]
            nums = np.array([k for k, _ in chunk], dtype=np.int64)
            first, lens = self._starts[nums], self._starts[nums + 1] - self._starts[nums]
            total = int(lens.sum())
            if not total:
                continue
            owner = np.repeat(np.arange(len(nums)), lens)
            pos = first[owner] + (np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens))
            other = self._others[pos]
            ok = open_[other] & (self._weights[pos] >= min_weight)
            other, owner = other[ok], owner[ok]
            if not len(other):
                continue
            reached, at = np.unique(other, return_index=True)
            open_[reached] = False
            for i in np.argsort(at, kind="stable").tolist():
                out.append((chunk[int(owner[at[i]])][1], ids[int(reached[i])]))
        return out
