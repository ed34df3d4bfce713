"""Finding entities and papers by name: exact, alias, case-insensitive; close matches on a miss.

>>> from citegraph.models import EntityType, Mention, Paper, PaperEntity
>>> from citegraph.graph import build_graph
>>> G = build_graph([(Paper(id="paper:a", title="WebRL: Training LLM Web Agents"),
...                   [PaperEntity("GPT-4o", EntityType.MODEL, aliases=["gpt4o"])])])
>>> find_entity(G, "gpt-4O"), find_entity(G, "GPT4o"), find_paper(G, "webrl")
('model:gpt-4o', 'model:gpt-4o', 'paper:a')
>>> find_entity(G, "GPT-40")
Traceback (most recent call last):
...
citegraph.queries.lookup.UnknownNameError: no entity named 'GPT-40'; did you mean: GPT-4o?
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import networkx as nx

from citegraph.errors import QueryError
from citegraph.graph.schema import ENTITY_LABELS, PAPER
from citegraph.models import normalize_name, normalize_title

if TYPE_CHECKING:
    from citegraph.graph.comention import CoMentionTable


class UnknownNameError(QueryError):
    """A name or title matches nothing in the graph; ``suggestions`` holds close matches."""

    def __init__(self, kind: str, name: str, suggestions: list[str], message: str | None = None) -> None:
        hint = (f"; did you mean: {', '.join(suggestions)}?" if suggestions
                else "; check the spelling ('citegraph top DIR' lists entities)")
        super().__init__(message or f"no {kind} named {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


def graph_of(g: Any) -> nx.MultiDiGraph:
    """The NetworkX graph behind a KnowledgeGraph (or the graph itself)."""
    return g.to_networkx() if hasattr(g, "to_networkx") else g


def lean_graph_of(g: Any) -> nx.MultiDiGraph:
    """The graph for questions that read no CO_MENTIONED edge: a KnowledgeGraph's graph without
    those it keeps aside (no cost: they are not added), else the graph itself."""
    return co_mention_parts(g)[0]


def co_mention_parts(g: Any) -> tuple[nx.MultiDiGraph, CoMentionTable | None]:
    """The graph without the CO_MENTIONED edges a KnowledgeGraph keeps aside, and those edges
    (``None`` when they are all in the graph)."""
    if hasattr(g, "lean_G"):
        return g.lean_G, g.co_mention_table
    return graph_of(g), None


def entity_nodes(G: nx.MultiDiGraph, type: str | None = None) -> list[str]:
    """Ids of the entity nodes (of one label), sorted."""
    labels = ENTITY_LABELS if type is None else (str(type),)
    return sorted(n for n, lab in G.nodes(data="label") if lab in labels)


def _suggest(query: str, choices: dict[str, str], limit: int = 5) -> list[str]:
    """Close matches: candidates by WRatio (tolerates partial matches), ordered by
    QRatio (whole-string similarity) so "GTP-4" suggests "GPT-4" before "GPT-4-turbo"."""
    from rapidfuzz import fuzz, process, utils

    hits = process.extract(query, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                           limit=limit * 4, score_cutoff=60)
    hits.sort(key=lambda h: (-fuzz.QRatio(query, h[0], processor=utils.default_process), -h[1], h[0]))
    out: list[str] = []
    for text, _, _ in hits:
        if choices[text] not in out:
            out.append(choices[text])
        if len(out) == limit:
            break
    return out


def find_entity(g: Any, name: str, type: str | None = None) -> str:
    """Node id of the entity called ``name`` (id, name or alias; case and separators ignored).

    When several entities of different types match, the one in most papers wins.
    Raises :class:`UnknownNameError` with close matches when nothing matches.
    """
    G = graph_of(g)
    ids = entity_nodes(G, type)
    if name in ids:
        return name
    key = normalize_name(name)
    matches = []
    for n in ids:
        d = G.nodes[n]
        spellings = [d.get("name", ""), *d.get("aliases", [])]
        if any(normalize_name(s) == key for s in spellings) or n.split(":", 1)[-1] == key:
            matches.append(n)
    if matches:
        return max(matches, key=lambda n: (G.nodes[n].get("paper_count", 0), [-ord(c) for c in n]))
    choices: dict[str, str] = {}
    for n in ids:
        d = G.nodes[n]
        for s in [d.get("name", ""), *d.get("aliases", [])]:
            choices.setdefault(s, d.get("name", n))
    kind = f"{type} entity" if type else "entity"
    raise UnknownNameError(kind, name, _suggest(name, choices))


def find_paper(g: Any, title: str) -> str:
    """Node id of the paper with this id or title (exact, or a unique case-insensitive part of it).

    Raises :class:`UnknownNameError` (with close titles) when nothing or several papers match.
    """
    G = graph_of(g)
    papers = {n: d.get("title", "") for n, d in G.nodes(data=True) if d.get("label") == PAPER}
    for candidate in (title, f"paper:{title}"):
        if candidate in papers:
            return candidate
    key = normalize_title(title)
    exact = sorted(n for n, t in papers.items() if normalize_title(t) == key)
    if exact:
        return exact[0]
    # a part of the title: preferably its start ("EDICT" for "EDICT: Exact ..."), then whole
    # words ("Diffusion Inversion"), then any substring
    starts = sorted(n for n, t in papers.items() if key and normalize_title(t).startswith(key))
    words = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)") if key else None
    whole = sorted(n for n, t in papers.items() if words is not None and words.search(normalize_title(t)))
    partial = sorted(n for n, t in papers.items() if key and key in normalize_title(t))
    for matches in (starts, whole):
        if len(matches) == 1:
            return matches[0]
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = [papers[n] for n in partial[:5]]
        raise UnknownNameError("paper", title, shown, f"{len(partial)} papers match {title!r}; give more of the "
                               f"title or the paper id, e.g.: {' | '.join(shown)}")
    raise UnknownNameError("paper", title, _suggest(title, {t: t for t in papers.values()}))
