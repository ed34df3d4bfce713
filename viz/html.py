"""The interactive HTML page of the graph: pyvis + vis-network, one offline file.

The page is a pyvis ``Network`` (nodes, edges, vis options) rendered with our
own template: vis-network and its CSS (shipped inside pyvis) are inlined, our
controls (search, type filters that double as the legend, top-N, minimum
weight, papers on/off, physics) are plain JavaScript, and nothing is fetched
from any host. The same graph and options give the same bytes.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("model:gpt-4o", label="Model", name="GPT-4o", paper_count=2)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
>>> _ = write_html(G, out)
>>> page = out.read_text()
>>> "GPT-4o" in page and "cdn.jsdelivr" not in page and "<script src=" not in page
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from citegraph.errors import GraphStoreError
from citegraph.graph.schema import ENTITY_LABELS, NODE_LABELS, PAPER, REL_TYPES

from .elements import (
    DEFAULT_EDGE_STYLE,
    DEFAULT_NODE_STYLE,
    EDGE_STYLE,
    NODE_STYLE,
    TipCache,
    edge_colours,
    edge_record,
    look,
    node_groups,
    node_record,
)
from .layout import compute_layout
from .views import View, ViewOptions, display_name, edge_weight, select_view
from .wire import encode

# Above this many nodes the page starts with physics off (the layout is precomputed anyway).
PHYSICS_THRESHOLD = 150
# Above this many edges a selection fades the other nodes but not the other edges (one update per edge).
FADE_EDGES_UP_TO = 3000
# pyvis' own template links Bootstrap from a CDN; any such tag is removed as a last safety net.
_REMOTE_TAG = re.compile(r'<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*["\']?(?:https?:)?//[^>]*>(?:\s*</script>)?\s*',
                         re.IGNORECASE)


@dataclass(frozen=True)
class PageOptions:
    """How the page behaves: title, layout seed, when physics starts on."""

    title: str = "citegraph"
    seed: int = 42
    physics_threshold: int = PHYSICS_THRESHOLD


@cache
def _asset(name: str) -> str:
    return (resources.files("citegraph.viz") / "assets" / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, as bundled in the installed pyvis."""
    lib = resources.files("pyvis") / "templates" / "lib"
    versions = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")),
                      key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)))
    if not versions:
        raise GraphStoreError("the installed pyvis ships no vis-network; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    js = (versions[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (versions[-1] / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _network(G: nx.MultiDiGraph, view: View, page: PageOptions) -> Any:
    """The pyvis Network holding the view's nodes (positioned) and edges; tooltips speak of all of ``G``."""
    from pyvis.network import Network

    H = view.graph
    weights: dict[tuple[str, str], float] = {}
    for u, v, d in H.edges(data=True):
        pair = (u, v) if u <= v else (v, u)
        weights[pair] = weights.get(pair, 0.0) + (edge_weight(d) if d.get("type") == "CO_MENTIONED" else 1.0)
    pos = compute_layout(H, seed=page.seed, weights=weights)
    ranked = sorted((n for n in H if H.nodes[n].get("label") != PAPER),
                    key=lambda n: (-int(H.nodes[n].get("paper_count", 0) or 0), display_name(H, n).casefold(), n))
    rank = {n: i + 1 for i, n in enumerate(ranked)}
    net = Network(directed=True, cdn_resources="in_line", heading="")
    # pyvis checks ids against lists (quadratic); the view already guarantees unique ids and known ends
    cache = TipCache()  # each entity's papers and each paper's degree, counted once for all tooltips
    for n in sorted(H.nodes):
        net.nodes.append(node_record(G, n, pos[n], rank.get(n, 0), cache))
        net.node_ids.append(n)
    for i, (u, v, k, d) in enumerate(sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        net.edges.append(edge_record(G, u, v, k, d, i, cache))
    net.options = vis_options(H.number_of_nodes() <= page.physics_threshold, H.number_of_edges())
    return net


def vis_options(physics: bool, n_edges: int) -> dict[str, Any]:
    """vis-network options: precomputed positions, straight edges, labels that fade out when small."""
    big = n_edges > 1500
    return {
        "autoResize": True,
        "groups": node_groups(),
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "color": "#1f2933",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 8, "maxVisible": 40}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5,
                  "arrows": {"to": {"scaleFactor": 0.45}}, "arrowStrikethrough": False},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
                    "minVelocity": 1.0},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
    }


def _legend(H: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    node_counts: dict[str, int] = {}
    for _, label in H.nodes(data="label"):
        node_counts[str(label)] = node_counts.get(str(label), 0) + 1
    edge_counts: dict[str, int] = {}
    for _, _, rel in H.edges(data="type"):
        edge_counts[str(rel)] = edge_counts.get(str(rel), 0) + 1
    kinds = [*NODE_LABELS, *sorted(set(node_counts) - set(NODE_LABELS))]
    rels = [*REL_TYPES, *sorted(set(edge_counts) - set(REL_TYPES))]
    nodes = [{"kind": k, "count": node_counts[k], **NODE_STYLE.get(k, {"color": "#bab0ac", "shape": "dot"})}
             for k in kinds if k in node_counts]
    edges = [{"rel": r, "count": edge_counts[r], "color": EDGE_STYLE.get(r, {"color": "#999999"})["color"],
              "doc": REL_TYPES[r].doc if r in REL_TYPES else ""}
             for r in rels if r in edge_counts]
    return nodes, edges


def render_html(G: nx.MultiDiGraph, view: ViewOptions | View | None = None, page: PageOptions | None = None) -> str:
    """The page as a string: ``G`` narrowed to ``view`` (default: the top 300 entities and their papers;
    a :class:`View` already selected from ``G`` is used as it is)."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    page = page or PageOptions()
    selected = view if isinstance(view, View) else select_view(G, view)
    H = selected.graph
    net = _network(G, selected, page)
    nodes, edges, _, _, _, options = net.get_network_data()
    legend_nodes, legend_edges = _legend(H)
    n_entities = sum(1 for n in H if H.nodes[n].get("label") in ENTITY_LABELS)
    max_weight = max((edge_weight(d) for _, _, d in H.edges(data=True) if d.get("type") == "CO_MENTIONED"), default=1.0)
    config = {
        "view": selected.options.view,
        "focus": selected.focus_id,
        "physics": H.number_of_nodes() <= page.physics_threshold,
        "entities": n_entities,
        "maxWeight": max_weight,
        "edgeColours": edge_colours(),
        "arrows": {rel: style["arrows"] for rel, style in {**EDGE_STYLE, "": DEFAULT_EDGE_STYLE}.items()},
        "defaultLook": look(DEFAULT_NODE_STYLE),
        "fadeEdgesUpTo": FADE_EDGES_UP_TO,
    }
    summary = f"{H.number_of_nodes()} nodes, {H.number_of_edges()} edges"
    if selected.focus_id:
        summary = (f"{display_name(G, selected.focus_id)} and its neighbourhood "
                   f"(depth {selected.options.depth}): " + summary)
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    vis_js, vis_css = _vis_assets()
    data = json.dumps({**encode(nodes, edges), "options": json.loads(options), "config": config},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # inside <script type="application/json">: only "</" and "<!--" could end or confuse the element
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = env.from_string(_asset("page.html.j2")).render(
        title=page.title, summary=summary, notes=selected.notes, view=selected.options.view,
        legend_nodes=legend_nodes, legend_edges=legend_edges, n_entities=n_entities, max_weight=int(max_weight),
        has_papers=any(n["kind"] == PAPER for n in legend_nodes),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css), page_js=Markup(_asset("page.js")),
        page_css=Markup(_asset("page.css")), data=Markup(data),
    )
    return _REMOTE_TAG.sub("", text)


def write_html(G: nx.MultiDiGraph, path: str | Path, title: str = "citegraph",
               view: ViewOptions | View | None = None, page: PageOptions | None = None) -> Path:
    """Write the self-contained interactive page of ``G`` to ``path`` and return the path."""
    page = page or PageOptions(title=title)
    text = render_html(G, view, page)
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise GraphStoreError(f"{out}: cannot write the page ({err.strerror}); check the path") from err
    return out


