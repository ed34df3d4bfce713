"""Relationships computed from per-paper entity sets: co-mentions and inferred citations.

Each function takes plain data (entity ids per paper, introducers, dates) and
returns :class:`~citegraph.models.Edge` records; :mod:`.builder` adds them to the graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

from citegraph.models import Edge

#: A paper contributes co-mention pairs among at most this many of its entities (the
#: first ones it names). A survey or leaderboard abstract listing 200 names would
#: otherwise add ~20,000 weak pairs on its own; 40 entities still give 780 pairs.
MAX_CO_MENTION_ENTITIES = 40


def co_mention_edges(entities_per_paper: Iterable[Iterable[str]], min_papers: int = 1,
                     max_entities: int = MAX_CO_MENTION_ENTITIES) -> list[Edge]:
    """One undirected CO_MENTIONED edge per pair of entities named in the same paper(s).

    Each paper's entities count in the order given (first named first); only the
    first ``max_entities`` distinct ones form pairs, so the work per paper is
    bounded (``max_entities * (max_entities - 1) / 2`` pairs at most).

    >>> [(e.source, e.target, e.properties["papers"]) for e in co_mention_edges([["b", "a"], ["a", "b", "c"]], 2)]
    [('a', 'b', 2)]
    >>> len(co_mention_edges([[f"e{i}" for i in range(100)]], max_entities=10))
    45
    """
    co: Counter[tuple[str, str]] = Counter()
    for ids in entities_per_paper:
        first = list(dict.fromkeys(ids))[:max_entities]
        co.update(combinations(sorted(first), 2))
    return [Edge(u, v, "CO_MENTIONED", {"papers": n, "weight": float(n)})
            for (u, v), n in sorted(co.items()) if n >= min_papers]


def dated_before(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is known to be earlier than ``b`` (compared at the same precision).

    >>> dated_before("2024-03-01", "2024-03-11"), dated_before("--03-01", "2024-03-11"), dated_before(None, "x")
    (True, False, False)
    """
    if not a or not b or a.startswith("--") != b.startswith("--"):
        return False
    return a < b


def inferred_citation_edges(
    mentioned: Mapping[str, Iterable[str]],
    introduced: Mapping[str, Iterable[str]],
    dates: Mapping[str, str | None],
) -> list[Edge]:
    """CITES edges: paper A -> paper B when A mentions (without introducing) an entity B
    introduces, A is not B, and A is not dated before B.

    ``mentioned``/``introduced`` map paper id -> entity ids; ``dates`` paper id -> date.

    >>> [(e.source, e.target, e.properties["via"]) for e in inferred_citation_edges(
    ...     {"a": ["m"], "b": ["m"]}, {"a": ["m"]}, {"a": "2024-01-01", "b": "2024-02-01"})]
    [('b', 'a', ['m'])]
    """
    introducers: dict[str, list[str]] = defaultdict(list)
    for pid, eids in sorted(introduced.items()):
        for eid in eids:
            introducers[eid].append(pid)
    cites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for citing, eids in sorted(mentioned.items()):
        own = set(introduced.get(citing, ()))
        for eid in sorted(set(eids) - own):
            for cited in introducers.get(eid, ()):
                if cited != citing and not dated_before(dates.get(citing), dates.get(cited)):
                    cites[(citing, cited)].add(eid)
    return [Edge(a, b, "CITES", {"via": sorted(via), "source": "inferred"}) for (a, b), via in sorted(cites.items())]
