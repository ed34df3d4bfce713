"""Trends over time: papers and mentions per listing date or month, and rising entities.

A paper's date is its publication date, else its first listing date. Listing
pages often give no year: such dates are ``--MM-DD`` (month ``--MM``); they are
ordered among themselves by month and day, and listed before dated periods.

>>> period_of("2024-03-11", "month"), period_of("--03-11", "month"), period_of("--03-11", "date")
('2024-03', '--03', '--03-11')
>>> normalize_period("03-11"), normalize_period("2024-3")
('--03-11', '2024-03')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from citegraph.errors import QueryError
from citegraph.graph.schema import ENTITY_LABELS, PAPER

from .lookup import find_entity, lean_graph_of

GRANULARITIES = ("date", "month")


@dataclass(slots=True)
class PeriodCount:
    """One period: papers dated in it and MENTIONS edges from them (to entities of the type asked)."""

    period: str
    papers: int
    mentions: int


@dataclass(slots=True)
class Rise:
    """An entity's share of papers before and after; ``change`` = after_share - before_share."""

    id: str
    name: str
    type: str
    before_papers: int
    after_papers: int
    before_share: float
    after_share: float
    change: float


def period_of(date: str, by: str = "date") -> str:
    """The period (``date`` = the date as is, ``month`` = year-month or ``--MM``) of a date."""
    if by not in GRANULARITIES:
        raise ValueError(f"by must be one of {', '.join(GRANULARITIES)}, not {by!r}")
    if by == "date":
        return date
    return date[:4] if date.startswith("--") else date[:7]


def normalize_period(text: str) -> str:
    """A period typed by a user: ``2024-03-11``, ``2024-03``, ``--03-11``, ``03-11`` or ``--03``."""
    t = text.strip()
    m = re.fullmatch(r"(?:--)?(\d{1,2})(?:-(\d{1,2}))?", t)
    if m and not re.fullmatch(r"\d{4}.*", t):
        return f"--{int(m.group(1)):02d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", t)
    if m:
        return m.group(1) + "".join(f"-{int(x):02d}" for x in m.groups()[1:] if x)
    raise QueryError(f"{text!r} is not a period; use YYYY-MM-DD, YYYY-MM, --MM-DD or --MM")


def paper_dates(G: nx.MultiDiGraph) -> dict[str, str]:
    """Paper id -> date (publication date, else first listing date) for dated papers."""
    out = {}
    for n, d in G.nodes(data=True):
        if d.get("label") != PAPER:
            continue
        date = d.get("published") or (min(d["listing_dates"]) if d.get("listing_dates") else "")
        if date:
            out[n] = date
    return out


def _mentions(G: nx.MultiDiGraph, labels: Iterable[str]) -> dict[str, set[str]]:
    """Paper id -> ids of the entities (with one of ``labels``) it mentions."""
    wanted = set(labels)
    out: dict[str, set[str]] = defaultdict(set)
    for u, v, t in G.edges(data="type"):
        if t == "MENTIONS" and G.nodes[v].get("label") in wanted:
            out[u].add(v)
    return out


def mentions_by_period(g: Any, by: str = "date", type: str | None = None, name: str | None = None) -> list[PeriodCount]:
    """Papers and entity mentions per period, oldest first.

    With ``name``, only papers naming that entity count (its trend line).
    """
    G = lean_graph_of(g)
    labels = ENTITY_LABELS if type is None else (str(type),)
    node = find_entity(G, name, type) if name else None
    mentions = _mentions(G, labels)
    papers: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for pid, date in paper_dates(G).items():
        ents = mentions.get(pid, set())
        if node and node not in ents:
            continue
        p = period_of(date, by)
        papers[p] += 1
        counts[p] += 1 if node else len(ents)
    return [PeriodCount(p, papers[p], counts[p]) for p in sorted(papers)]


def _in(period: str, spec: Iterable[str]) -> bool:
    return any(period.startswith(s) for s in spec)


def rising_entities(
    g: Any,
    before: str | Iterable[str] | None = None,
    after: str | Iterable[str] | None = None,
    type: str | None = None,
    min_papers: int = 2,
    limit: int | None = 10,
) -> list[Rise]:
    """Entities whose share of papers grew the most from ``before`` to ``after``.

    ``before``/``after`` are periods or period prefixes (``2024-03``, ``--03-11``;
    several allowed). Left out, the dated papers are split at the median date:
    the older half against the newer half. Entities named in fewer than
    ``min_papers`` papers over both periods are skipped. Sorted by ``change``.
    """
    G = lean_graph_of(g)
    dates = paper_dates(G)
    if before is None or after is None:
        ordered = sorted(set(dates.values()))
        if len(ordered) < 2:
            raise QueryError("the graph has papers of fewer than two dates; trends need two periods")
        half = len(ordered) // 2
        before_spec, after_spec = ordered[:half], ordered[half:]
    else:
        before_spec = [normalize_period(before)] if isinstance(before, str) else [normalize_period(b) for b in before]
        after_spec = [normalize_period(after)] if isinstance(after, str) else [normalize_period(a) for a in after]
    old = [p for p, d in dates.items() if _in(d, before_spec)]
    new = [p for p, d in dates.items() if _in(d, after_spec)]
    for spec, group in ((before_spec, old), (after_spec, new)):
        if not group:
            known = ", ".join(sorted({period_of(d) for d in dates.values()})[:8])
            raise QueryError(f"no paper dated {', '.join(spec)}; dates in the graph: {known}")
    mentions = _mentions(G, ENTITY_LABELS if type is None else (str(type),))
    c_old: Counter[str] = Counter(e for p in old for e in mentions.get(p, ()))
    c_new: Counter[str] = Counter(e for p in new for e in mentions.get(p, ()))
    out = []
    for eid in sorted(set(c_old) | set(c_new)):
        if c_old[eid] + c_new[eid] < min_papers:
            continue
        d = G.nodes[eid]
        s_old, s_new = c_old[eid] / len(old), c_new[eid] / len(new)
        out.append(Rise(eid, d.get("name", eid), d["label"], c_old[eid], c_new[eid], round(s_old, 6),
                        round(s_new, 6), round(s_new - s_old, 6)))
    out.sort(key=lambda r: (-r.change, -r.after_papers, r.name.casefold(), r.id))
    return out[:limit] if limit is not None else out
