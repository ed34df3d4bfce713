"""Relationships computed from what each paper names: co-mentions, inferred citations, evaluations.

CO_MENTIONED edges are counted in :mod:`.comention`, EVALUATED_ON edges found in
:mod:`.evaluations` (both re-exported here).

Each function takes plain data (per paper: entity id -> the sentences it is
named in, or the merged :class:`~citegraph.models.PaperEntity`) and returns
:class:`~citegraph.models.Edge` records; :mod:`.builder` adds them to the graph.

Formulas (N = papers in the corpus, n_i = papers naming entity i, c_ij = papers
naming both):

* ``association_strength`` = N * c_ij / (n_i * n_j): observed co-occurrence over
  the count expected if i and j were independent (n_i * n_j / N). 1.0 means
  independence, above 1 attraction. This is van Eck & Waltman's association
  strength (the VOSviewer normalisation c_ij / (n_i * n_j)) scaled by N, so values
  are comparable across corpora of different sizes.
* ``npmi`` = log(p_ij / (p_i * p_j)) / -log(p_ij), with p_ij = c_ij / N and
  p_i = n_i / N; in [-1, 1], 1 when i and j always occur together
  (defined as 1.0 when p_ij = 1).
* ``confidence`` of an inferred citation A -> B: for each entity e in ``via``,
  c(e) = (1 / k_e) * min(1, FEW / u_e), where k_e = papers introducing e and
  u_e = other papers naming e (FEW = ``few_users``, default 10); the citation's
  confidence is the noisy-or 1 - prod(1 - c(e)). A name more than
  ``max_introducers`` papers claim to introduce (default 10, c(e) <= 0.1) yields
  no citation at all: it is a generic term, and linking every user to every
  claimant would grow quadratically.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from citegraph.models import Edge

from .comention import MAX_CO_MENTION_ENTITIES, MAX_EXAMPLES, association_strength, co_mention_edges, npmi
from .evaluations import (
    MAX_EVIDENCE,
    SOURCE_LABELS,
    TARGET_LABELS,
    evaluated_on_edges,
    evaluation_cue,
    evaluation_spans,
    may_hold_evaluation,
)

__all__ = ["MAX_CO_MENTION_ENTITIES", "MAX_EXAMPLES", "association_strength", "co_mention_edges", "npmi",
           "inferred_citation_edges", "evaluated_on_edges", "evaluation_cue", "evaluation_spans", "dated_before",
           "citation_confidence", "may_hold_evaluation", "MAX_EVIDENCE", "SOURCE_LABELS", "TARGET_LABELS"]

FEW_USERS = 10
MAX_INTRODUCERS = 10


def dated_before(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is known to be earlier than ``b``.

    Dates are ISO (``2024-03-11``, ``2024-03``) or ``--MM-DD`` (listing without a
    year). Two ``--MM-DD`` dates compare by month and day; a yearless date and a
    dated one cannot be ordered (the year is unknown), so neither is "before".

    >>> dated_before("2024-03-01", "2024-03-11"), dated_before("--03-01", "--03-11")
    (True, True)
    >>> dated_before("--03-01", "2024-03-11"), dated_before(None, "x")
    (False, False)
    """
    if not a or not b or a.startswith("--") != b.startswith("--"):
        return False
    n = min(len(a), len(b))  # compare at the shared precision: "2024-03" vs "2024-03-11" is not before
    return a[:n] < b[:n]


def citation_confidence(introducers: int, other_users: int, few_users: int = FEW_USERS) -> float:
    """Confidence that naming an entity points to its introducer: ``(1/k) * min(1, FEW/u)``.

    >>> citation_confidence(1, 3), citation_confidence(2, 3), citation_confidence(1, 40)
    (1.0, 0.5, 0.25)
    """
    return (1.0 / max(introducers, 1)) * min(1.0, few_users / max(other_users, 1))


def inferred_citation_edges(
    mentioned: Mapping[str, Iterable[str]],
    introduced: Mapping[str, Iterable[str]],
    dates: Mapping[str, str | None],
    evidence: Mapping[tuple[str, str], str] | None = None,
    few_users: int = FEW_USERS,
    max_introducers: int = MAX_INTRODUCERS,
) -> list[Edge]:
    """CITES edges: paper A -> paper B when A names (without introducing) an entity B
    introduces, A is not B, and A is not dated before B.

    ``mentioned``/``introduced`` map paper id -> entity ids (``mentioned`` includes
    the introduced ones); ``dates`` paper id -> date; ``evidence`` (paper id,
    entity id) -> the sentence of A naming the entity. ``confidence`` is the
    noisy-or of :func:`citation_confidence` over ``via`` (see the module docstring);
    names introduced by more than ``max_introducers`` papers are ignored.

    >>> [(e.source, e.target, e.properties["via"], e.properties["confidence"]) for e in inferred_citation_edges(
    ...     {"a": ["m"], "b": ["m"]}, {"a": ["m"]}, {"a": "2024-01-01", "b": "2024-02-01"})]
    [('b', 'a', ['m'], 1.0)]
    """
    evidence = evidence if evidence is not None else {}
    introducers: dict[str, list[str]] = defaultdict(list)
    for pid, eids in sorted(introduced.items()):
        for eid in sorted(set(eids)):
            introducers[eid].append(pid)
    introducers = {e: pids for e, pids in introducers.items() if len(pids) <= max_introducers}
    users: Counter[str] = Counter()
    for pid, eids in mentioned.items():
        users.update(set(eids) - set(introduced.get(pid, ())))
    cites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for citing, eids in sorted(mentioned.items()):
        own = set(introduced.get(citing, ()))
        for eid in sorted(set(eids) - own):
            for cited in introducers.get(eid, ()):
                if cited != citing and not dated_before(dates.get(citing), dates.get(cited)):
                    cites[(citing, cited)].add(eid)
    edges = []
    for (a, b), via in sorted(cites.items()):
        scores = {e: citation_confidence(len(introducers[e]), users[e], few_users) for e in via}
        best = min(via, key=lambda e: (-scores[e], e))
        confidence = 1.0 - math.prod(1.0 - s for s in scores.values())
        edges.append(Edge(a, b, "CITES", {
            "via": sorted(via),
            "evidence": evidence.get((a, best), ""),
            "confidence": round(confidence, 4),
            "source": "inferred",
        }))
    return edges
