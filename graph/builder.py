"""Build the NetworkX graph from papers and the entities extracted from them.

Node attributes: ``label`` (``Paper``, ``Method``, ``Model``, ``Dataset``,
``Benchmark``) plus the properties listed in :mod:`citegraph.graph.schema`.
Edges are keyed by their relationship type, which is also their ``type``
attribute; ``CO_MENTIONED`` is stored once per pair, from the smaller id.

>>> from citegraph.models import Paper, PaperEntity, EntityType, Mention
>>> a = Paper(id="paper:a", title="A", listing_dates=["--03-11"])
>>> b = Paper(id="paper:b", title="B", listing_dates=["--03-12"])
>>> m = lambda n: [Mention(n, 0, len(n), n + " is used.")]
>>> ea = [PaperEntity("WebRL", EntityType.METHOD, introduced=True, mentions=m("WebRL"))]
>>> eb = [PaperEntity("WebRL", EntityType.METHOD, mentions=m("WebRL")),
...       PaperEntity("GPT-4o", EntityType.MODEL, mentions=m("GPT-4o"))]
>>> G = build_graph([(a, ea), (b, eb)])
>>> sorted((u, v, k) for u, v, k in G.edges(keys=True))  # doctest: +NORMALIZE_WHITESPACE
[('method:webrl', 'model:gpt-4o', 'CO_MENTIONED'), ('paper:a', 'method:webrl', 'INTRODUCES'),
 ('paper:a', 'method:webrl', 'MENTIONS'), ('paper:b', 'method:webrl', 'MENTIONS'),
 ('paper:b', 'model:gpt-4o', 'MENTIONS'), ('paper:b', 'paper:a', 'CITES')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from citegraph.models import ENTITY_TYPES, EntityType, Paper, PaperEntity, entity_id, normalize_name

from .schema import PAPER

MAX_EVIDENCE = 3


def _resolve_entities(extractions: list[tuple[Paper, list[PaperEntity]]]) -> dict[tuple[str, str], dict]:
    """One canonical entity per normalised name: majority type, most used spelling.

    Returns ``{(paper id, per-paper entity key): {"id", "name", "type", "aliases"}}``
    keyed so each paper's entities find their node.
    """
    types: dict[str, Counter[EntityType]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for _, ents in extractions:
        for e in ents:
            key = normalize_name(e.name)
            types[key][e.type] += 1
            spellings[key][e.name] += 1
            aliases[key].update(a for a in e.aliases)
    canon: dict[str, dict] = {}
    for key, counter in types.items():
        type_ = max(ENTITY_TYPES, key=lambda t: (counter[t], -ENTITY_TYPES.index(t)))
        name = min(spellings[key], key=lambda s: (-spellings[key][s], s))
        others = sorted((set(spellings[key]) | aliases[key]) - {name})
        canon[key] = {"id": entity_id(type_, name), "name": name, "type": type_, "aliases": others}
    return {(p.id, normalize_name(e.name)): canon[normalize_name(e.name)]
            for p, ents in extractions for e in ents}


def _evidence(e: PaperEntity) -> list[str]:
    seen: list[str] = []
    for m in e.mentions:
        if m.sentence not in seen:
            seen.append(m.sentence)
        if len(seen) == MAX_EVIDENCE:
            break
    return seen


def _dated_before(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is known to be earlier than ``b`` (same precision only)."""
    if not a or not b or a.startswith("--") != b.startswith("--"):
        return False
    return a < b


def build_graph(
    extractions: Iterable[tuple[Paper, list[PaperEntity]]],
    min_co_mentions: int = 1,
) -> nx.MultiDiGraph:
    """Graph of papers and entities with MENTIONS, INTRODUCES, CO_MENTIONED and CITES edges."""
    items = sorted(extractions, key=lambda pe: pe[0].id)
    resolved = _resolve_entities(items)
    G = nx.MultiDiGraph()
    paper_entities: dict[str, dict[str, PaperEntity]] = {}
    for paper, ents in items:
        G.add_node(paper.id, label=PAPER, id=paper.id, title=paper.title, abstract=paper.abstract,
                   published=paper.published or "", authors=list(paper.authors), url=paper.url or "",
                   sources=list(paper.sources), listing_dates=list(paper.listing_dates),
                   external_ids=dict(sorted(paper.external_ids.items())))
        by_id: dict[str, PaperEntity] = {}
        for e in ents:
            node = resolved[(paper.id, normalize_name(e.name))]
            if node["id"] in by_id:  # two spellings in one paper resolved to one node
                merged = by_id[node["id"]]
                merged.mentions = merged.mentions + e.mentions
                merged.introduced = merged.introduced or e.introduced
                continue
            by_id[node["id"]] = PaperEntity(e.name, e.type, list(e.aliases), e.introduced, list(e.mentions))
            if node["id"] not in G:
                G.add_node(node["id"], label=str(node["type"]), id=node["id"], name=node["name"],
                           aliases=node["aliases"], paper_count=0)
        paper_entities[paper.id] = by_id

    introducers: dict[str, list[str]] = defaultdict(list)
    for pid, by_id in paper_entities.items():
        for eid, e in sorted(by_id.items()):
            G.nodes[eid]["paper_count"] += 1
            evidence = _evidence(e)
            G.add_edge(pid, eid, key="MENTIONS", type="MENTIONS", count=max(1, len(e.mentions)),
                       evidence=evidence)
            if e.introduced:
                G.add_edge(pid, eid, key="INTRODUCES", type="INTRODUCES", evidence=evidence[:1])
                introducers[eid].append(pid)

    co: Counter[tuple[str, str]] = Counter()
    for by_id in paper_entities.values():
        co.update(combinations(sorted(by_id), 2))
    for (u, v), n in sorted(co.items()):
        if n >= min_co_mentions:
            G.add_edge(u, v, key="CO_MENTIONED", type="CO_MENTIONED", papers=n, weight=float(n))

    cites: dict[tuple[str, str], list[str]] = defaultdict(list)
    for citing, by_id in paper_entities.items():
        citing_date = _paper_date(G, citing)
        for eid, e in sorted(by_id.items()):
            if e.introduced:
                continue
            for cited in introducers.get(eid, ()):
                if cited != citing and not _dated_before(citing_date, _paper_date(G, cited)):
                    cites[(citing, cited)].append(eid)
    for (citing, cited), via in sorted(cites.items()):
        G.add_edge(citing, cited, key="CITES", type="CITES", via=sorted(via), source="inferred")
    return G


def _paper_date(G: nx.MultiDiGraph, pid: str) -> str | None:
    attrs = G.nodes[pid]
    if attrs.get("published"):
        return str(attrs["published"])
    dates = attrs.get("listing_dates") or []
    return min(dates) if dates else None
