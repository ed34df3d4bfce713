"""CO_MENTIONED edges: pairs of entities named in the same papers, counted compactly.

Entities get integer ids in the order of their string ids, so a pair is one packed
integer (``u * n_entities + v``) and every pair occurrence (one pair in one paper) is a
row of a few numpy arrays; counting, summing shared sentences and picking example papers
are array operations. Python objects are made only for the pairs that become edges.
The formulas (``association_strength``, ``npmi``) are explained in :mod:`.edges`.

>>> edges = co_mention_edges({"p1": {"a": [0], "b": [0, 1]}, "p2": {"a": [2], "b": [1]}, "p3": {"c": [0]}})
>>> [(e.source, e.target, e.properties["papers"], e.properties["sentences"]) for e in edges]
[('a', 'b', 2, 1)]
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from citegraph.models import Edge

from .shared_keys import SharedKeyDicts

if TYPE_CHECKING:
    import numpy as np

    from .comention_index import CoMentionIndex

CO_MENTIONED = "CO_MENTIONED"
MAX_EXAMPLES = 5

#: A paper contributes co-mention pairs among at most this many of its entities (the
#: first ones it names). A survey or leaderboard abstract listing 200 names would
#: otherwise add ~20,000 weak pairs on its own; 40 entities still give 780 pairs.
MAX_CO_MENTION_ENTITIES = 40
_STEP = 1 << 16  # rows converted to Python objects at a time


def association_strength(c_ij: int, n_i: int, n_j: int, n_papers: int) -> float:
    """Observed over expected co-occurrence: ``N * c_ij / (n_i * n_j)``.

    >>> association_strength(1, 2, 1, 3)  # N=3, both in 1 paper, i in 2, j in 1: 3*1/(2*1)
    1.5
    """
    return n_papers * c_ij / (n_i * n_j)


def npmi(c_ij: int, n_i: int, n_j: int, n_papers: int) -> float:
    """Normalised pointwise mutual information of two entities over papers.

    >>> round(npmi(1, 2, 1, 3), 4)  # log(1.5) / -log(1/3) = 0.4055 / 1.0986
    0.3691
    >>> npmi(3, 3, 3, 3)
    1.0
    """
    p_ij = c_ij / n_papers
    if p_ij >= 1.0:
        return 1.0
    return math.log(p_ij / ((n_i / n_papers) * (n_j / n_papers))) / -math.log(p_ij)


@dataclass(slots=True)
class PairOccurrences:
    """Every (pair, paper) of a corpus as parallel arrays, pairs packed as ``u * n + v``.

    ``ids`` are the entity ids (index = integer id, sorted), ``papers`` the paper ids
    (index = paper number), ``paper_count[i]`` the papers naming entity ``i``.
    """

    ids: list[str]
    papers: list[str]
    paper_count: list[int]
    pair: np.ndarray  # packed pair per occurrence, grouped by paper
    paper: np.ndarray  # paper number per occurrence
    shared: np.ndarray  # sentences of that paper naming both


def _pair_offsets(k: int, ranks: list[int]) -> Iterator[int]:
    """Positions, in the row-major list of pairs ``i < j`` of ``k`` items, of the pairs among ``ranks``.

    >>> list(_pair_offsets(4, [0, 2, 3]))  # pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
    [1, 2, 5]
    """
    for a, i in enumerate(ranks):
        row = i * k - i * (i + 1) // 2 - i - 1
        for j in ranks[a + 1:]:
            yield row + j


def pair_occurrences(
    per_paper: Mapping[str, Mapping[str, Iterable[Hashable]]] | Iterable[tuple[str, Mapping[str, Iterable[Hashable]]]],
    max_entities: int = MAX_CO_MENTION_ENTITIES,
) -> PairOccurrences:
    """Count, for each paper (sorted by id) and each pair of its first ``max_entities``
    entities, the sentences naming both; see :func:`co_mention_edges`.

    ``per_paper`` is a mapping, or ``(paper id, entities)`` items in increasing paper id
    (read once, so a generator keeps one paper's sentence keys in memory at a time).

    >>> occ = pair_occurrences({"p": {"b": [0, 1], "a": [1], "c": [2]}})
    >>> occ.ids, occ.pair.tolist(), occ.shared.tolist()  # (a,b)=0*3+1, (a,c)=2, (b,c)=5
    (['a', 'b', 'c'], [1, 2, 5], [1, 0, 0])
    """
    import numpy as np

    items = sorted(per_paper.items()) if isinstance(per_paper, Mapping) else per_paper
    papers: list[str] = []
    number: dict[str, int] = {}  # entity id -> number in order of first appearance
    paper_count: list[int] = []
    members = array("q")  # the paired entities of every paper, one block per paper
    sizes = array("q")
    shared_at = array("q")  # occurrence index, once per sentence naming both
    start = 0
    for pid, by_entity in items:
        if papers and pid <= papers[-1]:
            raise ValueError(f"papers must come in increasing id order: {pid!r} after {papers[-1]!r}")
        papers.append(pid)
        for e in by_entity:
            i = number.get(e)
            if i is None:
                i = number[e] = len(paper_count)
                paper_count.append(0)
            paper_count[i] += 1
        firsts = sorted(list(by_entity)[:max_entities])
        k = len(firsts)
        members.extend(number[e] for e in firsts)
        sizes.append(k)
        in_sentence: dict[Hashable, list[int]] = {}
        for rank, e in enumerate(firsts):
            for key in set(by_entity[e]):
                in_sentence.setdefault(key, []).append(rank)
        for ranks in in_sentence.values():
            if len(ranks) > 1:
                shared_at.extend(start + at for at in _pair_offsets(k, ranks))
        start += k * (k - 1) // 2
    ids = sorted(number)  # integer ids follow the string order, so packed pairs sort like id pairs
    renumber = np.empty(len(ids), dtype=np.int64)
    renumber[[number[e] for e in ids]] = np.arange(len(ids))
    size = np.frombuffer(sizes, dtype=np.int64)
    ent = renumber[np.frombuffer(members, dtype=np.int64)]
    # member m (rank r in a paper of k) pairs with the k - 1 - r members after it
    position = np.arange(len(ent)) - np.repeat(np.cumsum(size) - size, size)
    partners = np.repeat(size, size) - 1 - position
    left = np.repeat(np.arange(len(ent)), partners)
    # right = left + 1 + (occurrence number - first occurrence of its left member), in place:
    # a few arrays as long as the occurrences at a time (millions at 100k papers)
    right = np.arange(len(left))
    right -= np.repeat(np.cumsum(partners) - partners, partners)
    right += left
    right += 1
    pair = ent[left]
    del left
    pair *= max(len(ids), 1)
    pair += ent[right]
    del right
    return PairOccurrences(
        ids=ids, papers=papers, paper_count=[paper_count[number[e]] for e in ids],
        pair=pair,
        paper=np.repeat(np.arange(len(papers), dtype=np.int32), size * (size - 1) // 2),
        shared=np.bincount(np.frombuffer(shared_at, dtype=np.int64), minlength=len(pair)).astype(np.int32),
    )


def _scores(counts: np.ndarray, source: np.ndarray, target: np.ndarray, paper_count: list[int], n_papers: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """``round(association_strength(...), 6)`` and ``round(npmi(...), 6)`` of every pair, as
    arrays: the same floats as those Python calls, made without a Python call per pair.

    The arithmetic is IEEE's in both (integers below 2**53 are exact in float64, and one
    division or product of exact operands rounds the same way), but numpy's ``log`` may
    differ from ``math.log`` in the last bit, and ``rint(x * 1e6) / 1e6`` is Python's
    ``round(x, 6)`` except where ``x * 1e6`` lies within a few units in the last place of a
    half: those few pairs (and any pair beyond 2**53) are computed by the Python calls.

    >>> import numpy as np
    >>> s, n = _scores(np.array([1, 3]), np.array([0, 1]), np.array([1, 2]), [2, 1, 3], 3)
    >>> s.tolist() == [round(association_strength(1, 2, 1, 3), 6), round(association_strength(3, 1, 3, 3), 6)]
    True
    >>> n.tolist() == [round(npmi(1, 2, 1, 3), 6), round(npmi(3, 1, 3, 3), 6)]
    True
    """
    import numpy as np

    n_of = np.asarray(paper_count, dtype=np.int64)
    strength, normalised = np.empty(len(counts)), np.empty(len(counts))
    # a slice at a time: the temporaries of a whole table (millions of rows) would raise the
    # build's memory peak, which is here
    for i in range(0, len(counts), _STEP):
        part = slice(i, i + _STEP)
        c = counts[part].astype(np.int64)
        n_u, n_v = n_of[source[part]], n_of[target[part]]
        with np.errstate(divide="ignore", invalid="ignore"):
            strength[part] = (c * n_papers) / (n_u * n_v)
            p_ij = c / n_papers
            values = np.log(p_ij / ((n_u / n_papers) * (n_v / n_papers))) / -np.log(p_ij)
        values[p_ij >= 1.0] = 1.0
        normalised[part] = values
        exact = (c * n_papers >= 1 << 53) | (n_u * n_v >= 1 << 53)
        for x, formula in ((strength[part], association_strength), (normalised[part], npmi)):
            scaled = x * 1e6
            near_half = np.abs(scaled - np.floor(scaled) - 0.5) <= np.maximum(1e-6, 64 * np.spacing(np.abs(scaled)))
            redo = np.flatnonzero(near_half | exact | ~np.isfinite(scaled)).tolist()
            np.rint(scaled, out=scaled)
            np.divide(scaled, 1e6, out=x)  # x is a view of the output column
            for j in redo:
                x[j] = round(formula(int(c[j]), int(n_u[j]), int(n_v[j]), n_papers), 6)
    return strength, normalised


@dataclass(slots=True)
class CoMentionTable:
    """The CO_MENTIONED edges of a corpus as columns, one row per edge, by (source, target).

    About 40 bytes an edge instead of a networkx edge with its dict of 7 properties
    (~1 KB): writers stream the rows from here (:meth:`rows`), and the property dicts
    exist only while a slice of rows is consumed. ``ids``/``papers`` are the entity and
    paper ids the integer columns index; ``examples[at[i]:at[i] + n_examples(i)]`` are
    the example papers of edge ``i``.

    >>> t = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0]}, "q": {"a": [1], "b": [1]}}), 2)
    >>> len(t), list(t.rows())  # doctest: +NORMALIZE_WHITESPACE
    (1, [('a', 'b', {'type': 'CO_MENTIONED', 'papers': 2, 'sentences': 2, 'association_strength': 1.0,
                     'npmi': 1.0, 'weight': 2.0, 'example_papers': ['p', 'q']})])
    """

    ids: list[str]
    papers: list[str]
    source: np.ndarray  # entity number of the smaller id
    target: np.ndarray
    count: np.ndarray  # papers naming both
    sentences: np.ndarray  # sentences naming both, over those papers
    strength: np.ndarray  # association strength, rounded as written
    npmi: np.ndarray  # NPMI, rounded as written
    at: np.ndarray  # start of the edge's examples in ``examples``
    examples: array | memoryview  # int32 paper numbers: per pair, same-sentence papers first, then by id
    max_examples: int

    @classmethod
    def build(cls, occ: PairOccurrences, n_papers: int, min_papers: int = 1,
              max_examples: int = MAX_EXAMPLES) -> CoMentionTable:
        """The edges of the pairs in at least ``min_papers`` papers (``n_papers`` = N in the formulas).

        ``occ`` is used up: its three arrays are emptied as soon as they are read (each is as long
        as the occurrences, millions at 100k papers, and the graph is at its largest here).
        """
        import numpy as np

        # Several arrays as long as the occurrences exist here at once: each is let go as soon
        # as it is read, and the per-pair columns are made in their final (32-bit) type, one at
        # a time. By pair, then papers naming both in one sentence first, then by paper (the
        # occurrences come grouped by paper in increasing order, and lexsort is stable):
        order = np.lexsort((occ.shared == 0, occ.pair))
        examples = array("i")
        examples.frombytes(occ.paper[order].astype(np.int32, copy=False).data.cast("B"))
        occ.paper = np.empty(0, np.int32)
        shared = occ.shared[order]
        occ.shared = np.empty(0, np.int32)
        pair = occ.pair[order]
        occ.pair = np.empty(0, np.int64)
        del order
        first = np.empty(len(pair), dtype=bool)  # a pair's first occurrence
        first[:1] = True
        np.not_equal(pair[1:], pair[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        del first
        counts = np.empty(len(starts), dtype=np.int32)  # made in place: no 64-bit temporaries
        np.subtract(starts[1:], starts[:-1], out=counts[:-1], casting="unsafe")
        counts[-1:] = len(pair) - starts[-1:]
        sentences = np.add.reduceat(shared, starts, dtype=np.int32) if len(pair) \
            else np.zeros(0, np.int32)
        del shared
        if min_papers > 1:
            keep = np.flatnonzero(counts >= min_papers)
            starts, counts, sentences = starts[keep], counts[keep], sentences[keep]
            del keep
        n = max(len(occ.ids), 1)
        firsts = pair[starts]
        del pair
        source = np.empty(len(firsts), dtype=np.int32)
        np.floor_divide(firsts, n, out=source, casting="unsafe")
        firsts %= n
        target = firsts.astype(np.int32)
        del firsts
        strength, normalised = _scores(counts, source, target, occ.paper_count, n_papers)
        return cls(ids=occ.ids, papers=occ.papers, source=source, target=target, count=counts, sentences=sentences,
                   strength=strength, npmi=normalised, at=starts.astype(np.int32),
                   examples=examples, max_examples=max_examples)

    def __len__(self) -> int:
        return len(self.source)

    def among(self, ids: Iterable[str], links: Iterable[tuple[str, str]] = ()) -> CoMentionTable:
        """The edges whose two ends are both in ``ids``, and those between the pairs ``links``
        (in either direction): the same rows, a smaller table.

        >>> occ = pair_occurrences({"p": {"a": [0], "b": [0], "c": [1]}})
        >>> t = CoMentionTable.build(occ, 1)
        >>> [(u, v) for u, v, _ in t.among({"a", "b", "x"}).rows()]
        [('a', 'b')]
        >>> [(u, v) for u, v, _ in t.among(set(), [("c", "b")]).rows()]
        [('b', 'c')]
        """
        import numpy as np

        if not len(self.ids):
            return self._rows_where(np.zeros(0, dtype=bool))
        inside = self._members(ids)
        keep = inside[self.source] & inside[self.target]
        number = {i: k for k, i in enumerate(self.ids)} if links else {}
        n = len(self.ids)
        pairs = [(number[u], number[v]) for u, v in links if u in number and v in number]
        if pairs:  # an unordered pair as one number: lower end * n + higher end
            wanted = np.unique(np.array([min(a, b) * n + max(a, b) for a, b in pairs], dtype=np.int64))
            low, high = np.minimum(self.source, self.target), np.maximum(self.source, self.target)
            keep |= np.isin(low.astype(np.int64) * n + high, wanted)
        return self._rows_where(keep)

    def degrees(self) -> dict[str, int]:
        """Per entity id at an end of some edge, the number of edges it has.

        >>> CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0], "c": [1]}}), 1).degrees()
        {'a': 2, 'b': 2, 'c': 2}
        """
        import numpy as np

        counts = np.bincount(self.source, minlength=len(self.ids)) + np.bincount(self.target, minlength=len(self.ids))
        return {self.ids[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}

    def touching(self, ids: Iterable[str]) -> CoMentionTable:
        """The edges with at least one end in ``ids`` (the same rows, a smaller table).

        >>> occ = pair_occurrences({"p": {"a": [0], "b": [0], "c": [1]}})
        >>> [(u, v) for u, v, _ in CoMentionTable.build(occ, 1).touching({"a"}).rows()]
        [('a', 'b'), ('a', 'c')]
        """
        import numpy as np

        inside = self._members(ids)
        keep = inside[self.source] | inside[self.target] if len(self.ids) else np.zeros(0, dtype=bool)
        return self._rows_where(keep)

    def _members(self, ids: Iterable[str]) -> np.ndarray:
        """Per entity number, whether its id is in ``ids``."""
        import numpy as np

        wanted = set(ids)
        return np.fromiter((i in wanted for i in self.ids), dtype=bool, count=len(self.ids))

    def _rows_where(self, keep: np.ndarray) -> CoMentionTable:
        return replace(self, source=self.source[keep], target=self.target[keep], count=self.count[keep],
                       sentences=self.sentences[keep], strength=self.strength[keep], npmi=self.npmi[keep],
                       at=self.at[keep])

    def neighbours(self) -> CoMentionIndex:
        """An index of the table by entity, for walks along its edges (of weight, its papers, at
        least a minimum), built once, here (:class:`~.comention_index.CoMentionIndex`).

        >>> t = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0], "c": [1]}}), 1)
        >>> sorted(t.neighbours().step(["b"], allowed={"a", "b", "c"}, seen={"b"}, min_weight=1.0))
        [('b', 'a'), ('b', 'c')]
        """
        from .comention_index import CoMentionIndex

        return CoMentionIndex(self)

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(source, target, attributes)`` of edges ``start:stop``; ``attributes`` starts with
        ``type``, as in the graph, and is made only as the row is consumed."""
        ids, pids, examples, cap = self.ids, self.papers, self.examples, self.max_examples
        weight: dict[int, float] = {}
        stop = len(self) if stop is None else min(stop, len(self))
        for i in range(start, stop, _STEP):  # Python objects for a slice at a time
            part = slice(i, min(i + _STEP, stop))
            for u, v, c, n_sentences, strength, normalised, at in zip(
                    self.source[part].tolist(), self.target[part].tolist(), self.count[part].tolist(),
                    self.sentences[part].tolist(), self.strength[part].tolist(), self.npmi[part].tolist(),
                    self.at[part].tolist(), strict=True):
                yield ids[u], ids[v], co_mention_props(
                    CO_MENTIONED, c, n_sentences, strength, normalised,
                    weight.get(c) or weight.setdefault(c, float(c)),  # one float object per count
                    [pids[p] for p in examples[at:at + min(c, cap)]])


#: The properties of a CO_MENTIONED edge, in the order every writer puts them.
CO_MENTION_PROPERTIES = ("type", "papers", "sentences", "association_strength", "npmi", "weight", "example_papers")
# key-sharing dicts (graph/shared_keys.py): ~130 bytes an edge instead of ~360 for a dict display,
# 300 MB of the 2.4 million CO_MENTIONED edges at 100k papers once they join a networkx graph
co_mention_props = SharedKeyDicts(*CO_MENTION_PROPERTIES)


def iter_co_mention_rows(occ: PairOccurrences, n_papers: int, min_papers: int = 1,
                         max_examples: int = MAX_EXAMPLES) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(source, target, attributes)`` of the CO_MENTIONED edges of the pairs in at least
    ``min_papers`` papers, by (source, target); ``attributes`` starts with ``type``, ready for
    the graph, and is made only as the row is consumed.

    >>> occ = pair_occurrences({"p": {"a": [0], "b": [0]}, "q": {"a": [1]}})
    >>> next(iter_co_mention_rows(occ, n_papers=2))  # doctest: +NORMALIZE_WHITESPACE
    ('a', 'b', {'type': 'CO_MENTIONED', 'papers': 1, 'sentences': 1, 'association_strength': 1.0,
     'npmi': 0.0, 'weight': 1.0, 'example_papers': ['p']})
    """
    return CoMentionTable.build(occ, n_papers, min_papers, max_examples).rows()


def co_mention_edges(
    sentences_per_paper: Mapping[str, Mapping[str, Iterable[Hashable]]] | Iterable[Iterable[str]],
    min_papers: int = 1,
    max_examples: int = MAX_EXAMPLES,
    n_papers: int | None = None,
    max_entities: int = MAX_CO_MENTION_ENTITIES,
) -> list[Edge]:
    """One undirected CO_MENTIONED edge per pair of entities named in the same paper(s),
    stored once from the smaller id.

    ``sentences_per_paper`` maps paper id -> {entity id: keys of the sentences
    naming it (sentence indices, or ``(index, text)`` pairs)}; a plain list of
    entity-id lists also works (no sentence counts, made-up paper ids ``0``, ``1``, ...).
    ``n_papers`` (N in the formulas) defaults to the number of papers given; pass
    the corpus size when papers without entities were left out. Only the first
    ``max_entities`` entities of a paper (in the order given: first named first) form
    pairs, so the work per paper is bounded; every entity still counts in ``n_i``.

    >>> edges = co_mention_edges({"p1": {"a": [0], "b": [0, 1]}, "p2": {"a": [2], "b": [1]}, "p3": {"c": [0]}})
    >>> [(e.source, e.target, e.properties["papers"], e.properties["sentences"]) for e in edges]
    [('a', 'b', 2, 1)]
    >>> edges[0].properties["association_strength"], edges[0].properties["example_papers"]
    (1.5, ['p1', 'p2'])
    >>> len(co_mention_edges([[f"e{i}" for i in range(100)]], max_entities=10))
    45
    """
    per_paper: Mapping[str, Mapping[str, Iterable[Hashable]]] = (
        sentences_per_paper if isinstance(sentences_per_paper, Mapping)
        else {str(i): dict.fromkeys(ids, ()) for i, ids in enumerate(sentences_per_paper)})
    total = n_papers if n_papers is not None else len(per_paper)
    occ = pair_occurrences(per_paper, max_entities)
    return [Edge(u, v, CO_MENTIONED, {k: x for k, x in attrs.items() if k != "type"})
            for u, v, attrs in iter_co_mention_rows(occ, total, min_papers, max_examples)]
