"""The interactive HTML page of the graph (pyvis / vis-network, inlined, offline).

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("model:gpt-4o", label="Model", name="GPT-4o", paper_count=2)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
>>> _ = write_html(G, out)
>>> "GPT-4o" in out.read_text() and "cdn.jsdelivr" not in out.read_text()
True
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx

NODE_STYLE: dict[str, dict[str, str]] = {
    "Paper": {"color": "#9aa5b1", "shape": "square"},
    "Method": {"color": "#4e79a7", "shape": "dot"},
    "Model": {"color": "#e15759", "shape": "dot"},
    "Dataset": {"color": "#59a14f", "shape": "triangle"},
    "Benchmark": {"color": "#f28e2b", "shape": "diamond"},
}
EDGE_COLOR = {"MENTIONS": "#c8ccd0", "INTRODUCES": "#2ca02c", "CO_MENTIONED": "#7f7f7f", "CITES": "#9467bd"}
# pyvis always links Bootstrap from a CDN; the page does not use it and must work offline.
_CDN_TAG = re.compile(r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]+"[^>]*>(?:</script>)?\s*')


def write_html(G: nx.MultiDiGraph, path: str | Path, title: str = "citegraph") -> Path:
    """Write a self-contained interactive page of ``G`` to ``path``."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for n in sorted(G.nodes):
        d = G.nodes[n]
        label = d.get("label", "")
        style = NODE_STYLE.get(label, {"color": "#bbbbbb", "shape": "dot"})
        name = d.get("name") or d.get("title") or n
        tip = f"{label}: {name}"
        if label == "Paper":
            shown = name if len(name) <= 40 else name[:37] + "..."
            size = 8
        else:
            shown = name
            size = 10 + 4 * min(int(d.get("paper_count", 1)), 20) ** 0.5
            tip += f"\npapers: {d.get('paper_count', 0)}"
        net.add_node(n, label=shown, title=html.escape(tip), color=style["color"], shape=style["shape"],
                     size=size, group=label)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        rel = d.get("type", k)
        net.add_edge(u, v, title=rel, color=EDGE_COLOR.get(rel, "#999999"),
                     width=1 + min(float(d.get("weight", 1)), 10) / 2, arrows="" if rel == "CO_MENTIONED" else "to")
    page = _CDN_TAG.sub("", net.generate_html())
    page = page.replace("<title>", f"<title>{html.escape(title)}", 1) if "<title>" in page else page
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
