"""What each node and edge looks like on the page, and what its tooltip says.

Tooltips travel as plain data (a list of blocks), never as HTML: the page
builds them with ``textContent``, so a title holding ``<``, ``&``, quotes or
LaTeX is shown as written and can never inject markup.

Blocks: ``["h", text]`` heading, ``["s", text]`` subtitle, ``["f", key, value]``
field, ``["l", key, [items], more]`` list (``more`` = items left out),
``["q", text]`` evidence sentence, ``["a", url]`` link (http/https only). A
``text`` may be a list of parts to join (an edge's subtitle: its two ends and
the arrow, texts the page holds anyway, see :mod:`citegraph.viz.wire`).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", label="Paper", title="<b>A & B</b>", published="2024-03-11")
>>> node_tip(G, "paper:a")[:2]
[['h', '<b>A & B</b>'], ['s', 'Paper · 2024-03-11']]
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from citegraph.graph.schema import PAPER

from .views import display_name, edge_weight, first_ranked, search_terms

Tip = list[list[Any]]

# Tableau-10 hues: distinct, colour-blind friendly, readable on white.
NODE_STYLE: dict[str, dict[str, str]] = {
    "Paper": {"color": "#a0a8b3", "border": "#6b7480", "shape": "square"},
    "Method": {"color": "#4e79a7", "border": "#2f4f73", "shape": "dot"},
    "Model": {"color": "#e15759", "border": "#9e2f31", "shape": "diamond"},
    "Dataset": {"color": "#59a14f", "border": "#2f6b28", "shape": "triangle"},
    "Benchmark": {"color": "#f28e2b", "border": "#a85a10", "shape": "star"},
}
DEFAULT_NODE_STYLE = {"color": "#bab0ac", "border": "#7a716d", "shape": "dot"}
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "MENTIONS": {"color": "#b8bec6", "arrows": "to"},
    "INTRODUCES": {"color": "#2ca02c", "arrows": "to"},
    "CO_MENTIONED": {"color": "#8c6bb1", "arrows": ""},
    "CITES": {"color": "#d62728", "arrows": "to"},
    "EVALUATED_ON": {"color": "#ff7f0e", "arrows": "to"},
    "VARIANT_OF": {"color": "#17becf", "arrows": "to"},
}
DEFAULT_EDGE_STYLE = {"color": "#999999", "arrows": "to"}
TOP_PAPERS = 5
MAX_EVIDENCE = 3
# Papers read for a co-mention's sentences: enough for any real pair, bounded for pairs shared by thousands.
MAX_EVIDENCE_SCAN = 50
MAX_LIST = 12
PAPER_LABEL_CHARS = 36


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> short("A rather long title", 10)
    'A rather…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def paper_date(d: dict[str, Any]) -> str:
    """Publication date, else the first listing date, else ''."""
    if d.get("published"):
        return str(d["published"])
    dates = sorted(d.get("listing_dates") or ())
    return dates[0] if dates else ""


def node_size(d: dict[str, Any], cited_by: int = 0) -> float:
    """Radius in pixels: entities grow with their paper count, papers with the papers citing them.

    >>> node_size({"label": "Paper"}), node_size({"label": "Paper"}, cited_by=4)
    (7.0, 13.0)
    >>> node_size({"label": "Model", "paper_count": 9})
    25.0
    """
    if d.get("label") == PAPER:
        return round(7.0 + 3.0 * math.sqrt(max(cited_by, 0)), 1)
    return round(10.0 + 5.0 * math.sqrt(max(int(d.get("paper_count", 0) or 0), 0)), 1)


def cited_by(G: nx.MultiDiGraph, paper: str) -> int:
    """How many papers cite ``paper`` (CITES edges, any source)."""
    return len({u for u, _, t in G.in_edges(paper, data="type") if t == "CITES"})


def node_font_size(d: dict[str, Any], cited_by: int = 0) -> int:
    """Label size, growing like the node; small labels vanish when zoomed out, so the big ones stay legible."""
    if d.get("label") == PAPER:
        return int(10 + 4 * math.sqrt(max(cited_by, 0)))
    return int(10 + 8 * math.sqrt(max(int(d.get("paper_count", 0) or 0), 0)))


def _paper_links(G: nx.MultiDiGraph, paper: str) -> tuple[list[str], list[str]]:
    introduces, mentions = set(), set()
    for _, v, t in G.out_edges(paper, data="type"):
        if t == "INTRODUCES":
            introduces.add(v)
        elif t == "MENTIONS":
            mentions.add(v)
    mentions -= introduces

    def order(ids: set[str]) -> list[str]:
        return sorted((display_name(G, n) for n in ids), key=lambda s: (s.casefold(), s))

    return order(introduces), order(mentions)


@dataclass
class TipCache:
    """What several tooltips of one page need again: each entity's papers, each paper's degree.

    Without it a 100k-paper graph recounts the same thousands of papers for every entity and edge.
    """

    papers_naming: dict[str, frozenset[str]] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)

    def degree_of(self, G: nx.MultiDiGraph, n: str) -> int:
        """``G.degree(n)``, counted once per page."""
        found = self.degree.get(n)
        if found is None:  # G.degree(n), without networkx's degree view (10x slower per call)
            found = self.degree[n] = sum(map(len, G._succ[n].values())) + sum(map(len, G._pred[n].values()))
        return found


def _top_papers(G: nx.MultiDiGraph, entity: str, cache: TipCache) -> tuple[list[str], int]:
    """The first papers naming ``entity`` (introducers, then the best connected) and how many there are.

    Reads the adjacency directly: an edge's key is its type (see :mod:`citegraph.graph.schema`).
    """
    intro, seen = set(), set()
    for u, keys in G._pred[entity].items():  # the raw dicts: networkx's views wrap every entry
        if "MENTIONS" in keys or "INTRODUCES" in keys:  # edges that only ever start at a paper
            seen.add(u)
            if "INTRODUCES" in keys:
                intro.add(u)
    def cheap(p: str) -> tuple[bool, int]:
        return p not in intro, -cache.degree_of(G, p)

    ranked = first_ranked(seen, TOP_PAPERS, cheap, lambda p: (*cheap(p), paper_date(G.nodes[p]), p))
    return [("introduced by: " if p in intro else "") + display_name(G, p) for p in ranked], len(seen)


def _list_block(key: str, items: list[str]) -> list[Any]:
    return ["l", key, items[:MAX_LIST], max(0, len(items) - MAX_LIST)]


def node_tip(G: nx.MultiDiGraph, n: str, cache: TipCache | None = None) -> Tip:
    """Tooltip blocks of node ``n`` (computed on the whole graph ``G``)."""
    d = G.nodes[n]
    label = str(d.get("label", ""))
    if label == PAPER:
        date = paper_date(d)
        tip: Tip = [["h", display_name(G, n)], ["s", f"Paper · {date}" if date else "Paper"]]
        authors = list(d.get("authors") or ())
        if authors:
            tip.append(["f", "authors", ", ".join(authors[:4]) + (" et al." if len(authors) > 4 else "")])
        introduces, mentions = _paper_links(G, n)
        if introduces:
            tip.append(_list_block("introduces", introduces))
        if mentions:
            tip.append(_list_block("mentions", mentions))
        url = str(d.get("url") or "")
        if url.startswith(("https://", "http://")):
            tip.append(["a", url])
        return tip
    tip = [["h", display_name(G, n)], ["s", label]]
    aliases = [a for a in (d.get("aliases") or ()) if a != d.get("name")]
    if aliases:
        tip.append(["f", "aliases", ", ".join(sorted(map(str, aliases), key=str.casefold))])
    tip.append(["f", "papers", str(int(d.get("paper_count", 0) or 0))])
    top, total = _top_papers(G, n, cache or TipCache())
    if top:
        tip.append(["l", "top papers", top, max(0, total - len(top))])
    return tip


def _mention_evidence(G: nx.MultiDiGraph, paper: str, entity: str) -> list[str]:
    data = G.get_edge_data(paper, entity, "MENTIONS") or {}
    evidence = data.get("evidence") or ()
    return [evidence] if isinstance(evidence, str) else [str(x) for x in evidence]


def _papers_naming(G: nx.MultiDiGraph, entity: str, cache: TipCache) -> frozenset[str]:
    found = cache.papers_naming.get(entity)
    if found is None:
        found = cache.papers_naming[entity] = frozenset(u for u, keys in G._pred[entity].items() if "MENTIONS" in keys)
    return found


def _first_sorted(items: set[str] | frozenset[str]) -> Iterator[str]:
    """``items`` in sorted order, lazily: a heap costs O(n), each item taken O(log n).

    >>> list(_first_sorted({"c", "a", "b"}))
    ['a', 'b', 'c']
    """
    heap = list(items)
    heapq.heapify(heap)
    while heap:
        yield heapq.heappop(heap)


def _shared_papers(G: nx.MultiDiGraph, u: str, v: str, d: dict[str, Any], cache: TipCache,
                   ) -> tuple[Iterator[str], int]:
    """The papers naming both ends of a co-mention, best first, and how many there are.

    The edge's own ``example_papers`` (those naming both in one sentence first) when the build
    stored them: constant cost, where intersecting the two entities' papers costs thousands of
    lookups per edge on a 100k-paper graph. Otherwise every shared paper, by id.
    """
    examples = [p for p in d.get("example_papers") or () if p in G]
    if examples:
        return iter(examples), max(int(d.get("papers") or 0), len(examples))
    a, b = _papers_naming(G, u, cache), _papers_naming(G, v, cache)
    shared = a & b if len(a) <= len(b) else b & a
    return _first_sorted(shared), len(shared)


def derived_evidence(G: nx.MultiDiGraph, u: str, v: str, d: dict[str, Any],
                     cache: TipCache | None = None) -> tuple[list[str], int, list[str]]:
    """(first papers, number of papers, sentences) behind an edge that stores no sentence of its own.

    CO_MENTIONED: the papers naming both ends, and sentences naming both;
    CITES: the citing paper's sentences naming the entities it borrows (``via``).
    ``cache`` keeps each entity's papers between calls (one per page).
    """
    rel = d.get("type")
    cache = TipCache() if cache is None else cache
    if rel == "CO_MENTIONED" and u in G and v in G:
        papers, total = _shared_papers(G, u, v, d, cache)
        sentences: list[str] = []
        first: list[str] = []
        for scanned, p in enumerate(papers):  # until there is enough
            if (len(sentences) >= MAX_EVIDENCE or scanned >= MAX_EVIDENCE_SCAN) and len(first) >= 3:
                break
            if len(first) < 3:
                first.append(p)
            if len(sentences) < MAX_EVIDENCE and scanned < MAX_EVIDENCE_SCAN:
                both = [x for x in _mention_evidence(G, p, u) if x in _mention_evidence(G, p, v)]
                sentences.extend(x for x in both if x not in sentences)
        return [display_name(G, p) for p in first], total, sentences
    if rel == "CITES" and u in G:
        sentences = []
        for e in d.get("via") or ():
            sentences.extend(x for x in _mention_evidence(G, u, e) if x not in sentences)
        return [], 0, sentences
    return [], 0, []


def edge_tip(G: nx.MultiDiGraph, u: str, v: str, d: dict[str, Any], cache: TipCache | None = None) -> Tip:
    """Tooltip blocks of an edge: its type, ends, weights and evidence."""
    rel = str(d.get("type", ""))
    arrow = "—" if EDGE_STYLE.get(rel, DEFAULT_EDGE_STYLE)["arrows"] == "" else "→"
    tip: Tip = [["h", rel], ["s", [short(display_name(G, u), 60), f" {arrow} ", short(display_name(G, v), 60)]]]
    for key in ("weight", "papers", "count"):
        if d.get(key) not in (None, ""):
            value = d[key]
            tip.append(["f", key, f"{value:g}" if isinstance(value, float) else str(value)])
    if d.get("source"):
        tip.append(["f", "source", str(d["source"])])
    via = [display_name(G, e) if e in G else str(e) for e in (d.get("via") or ())]
    if via:
        tip.append(_list_block("via", via))
    evidence = d.get("evidence") or ()
    sentences = [evidence] if isinstance(evidence, str) else [str(x) for x in evidence]
    if not sentences:
        papers, total, sentences = derived_evidence(G, u, v, d, cache)
        if papers:
            tip.append(["l", "in papers", papers, total - len(papers)])
    for sentence in sentences[:MAX_EVIDENCE]:
        tip.append(["q", sentence])
    return tip


def node_groups() -> dict[str, dict[str, Any]]:
    """vis-network ``groups``: the shape and colours of each node label."""
    return {label: look(style) for label, style in NODE_STYLE.items()}


def look(style: dict[str, str]) -> dict[str, Any]:
    """vis-network's shape and colours (plain, highlighted, hovered) for one node style."""
    return {"shape": style["shape"],
            "color": {"background": style["color"], "border": style["border"],
                      "highlight": {"background": style["color"], "border": "#111111"},
                      "hover": {"background": style["color"], "border": "#111111"}}}


def edge_colours() -> dict[str, dict[str, Any]]:
    """The colour of each relationship type (the page gives every edge the one of its ``rel``)."""
    return {rel: {"color": style["color"], "highlight": "#111111", "hover": "#333333",
                  "opacity": 0.55 if rel == "MENTIONS" else 0.8}
            for rel, style in {**EDGE_STYLE, "": DEFAULT_EDGE_STYLE}.items()}


def node_record(G: nx.MultiDiGraph, n: str, xy: tuple[float, float], rank: int,
                cache: TipCache | None = None) -> dict[str, Any]:
    """The vis-network node: id, group (look), size, position and our own fields (kind, rank, names, tip)."""
    d = G.nodes[n]
    label = str(d.get("label", ""))
    name = display_name(G, n)
    cites = cited_by(G, n) if label == PAPER else 0
    record: dict[str, Any] = {
        "id": n,
        "label": short(name, PAPER_LABEL_CHARS) if label == PAPER else name,
        "size": node_size(d, cites),
        "font": {"size": node_font_size(d, cites)},
        "x": xy[0],
        "y": xy[1],
        "kind": label,
        "rank": rank,
        "papers": int(d.get("paper_count", 0) or 0),
        "names": search_terms(d),
        "tip": node_tip(G, n, cache),
    }
    if label in NODE_STYLE:
        record["group"] = label
    else:
        record.update(look(DEFAULT_NODE_STYLE))
    return record


def edge_width(rel: str, weight: float) -> float:
    """Line width in pixels from an edge's weight (log-scaled, 1 to 8).

    >>> edge_width("CO_MENTIONED", 1), edge_width("CO_MENTIONED", 8)
    (1.0, 5.5)
    """
    return round(min(8.0, 1.0 + 1.5 * math.log2(max(weight, 1.0))), 2)


def edge_record(G: nx.MultiDiGraph, u: str, v: str, k: str, d: dict[str, Any], index: int,
                cache: TipCache | None = None) -> dict[str, Any]:
    """The vis-network edge ``e<index>``: its type (colour), width by weight, arrow, tip."""
    rel = str(d.get("type", k))
    weight = edge_weight(d)
    return {
        "id": f"e{index}",
        "from": u,
        "to": v,
        "rel": rel,
        "w": weight,
        "width": edge_width(rel, weight),
        "arrows": EDGE_STYLE.get(rel, DEFAULT_EDGE_STYLE)["arrows"],
        "tip": edge_tip(G, u, v, d, cache),
    }
