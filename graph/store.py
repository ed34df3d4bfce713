"""Saving and loading the graph: node-link JSON (the reference copy) and GraphML.

``graph.json`` round-trips exactly; read it with plain networkx as
``nx.node_link_graph(data, edges="edges", source="from", target="to", key="key", name="key")``. ``graph.graphml`` is for Gephi/Cytoscape:
list and dict properties become JSON strings (GraphML has no lists), the node's
display ``label`` is its name or title, and its graph label goes to ``kind``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from citegraph.errors import GraphStoreError

GRAPH_JSON = "graph.json"
GRAPH_GRAPHML = "graph.graphml"
FORMAT_VERSION = 1
# Edge ends in node-link JSON. Not "source"/"target": CITES has a "source" property.
LINK_SOURCE, LINK_TARGET = "from", "to"


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Deterministic node-link dict: nodes and edges sorted by id."""
    nodes = [{"key": n, **G.nodes[n]} for n in sorted(G.nodes)]
    edges = [{LINK_SOURCE: u, LINK_TARGET: v, "key": k, **d}
             for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))]
    return {"format": "citegraph", "version": FORMAT_VERSION, "directed": True, "multigraph": True,
            "graph": dict(G.graph), "nodes": nodes, "edges": edges}


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(data.get("graph", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        G.add_node(attrs.pop("key"), **attrs)
    for edge in data["edges"]:
        attrs = dict(edge)
        G.add_edge(attrs.pop(LINK_SOURCE), attrs.pop(LINK_TARGET), key=attrs.pop("key"), **attrs)
    return G


def _graphml_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    def flat(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in attrs.items():
            if isinstance(v, (list, dict, tuple)):
                out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
            elif v is None:
                out[k] = ""
            else:
                out[k] = v
        return out

    H = nx.MultiDiGraph()
    for n in sorted(G.nodes):
        attrs = flat(G.nodes[n])
        attrs["kind"] = attrs.pop("label", "")
        attrs["label"] = attrs.get("name") or attrs.get("title") or n
        H.add_node(n, **attrs)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        H.add_edge(u, v, key=k, **flat(d))
    return H


def save_graph(G: nx.MultiDiGraph, directory: str | Path) -> Path:
    """Write ``graph.json`` and ``graph.graphml`` into ``directory`` (created if needed)."""
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with open(out / GRAPH_JSON, "w", encoding="utf-8") as fh:
            json.dump(to_node_link(G), fh, ensure_ascii=False, indent=None, separators=(",", ":"))
            fh.write("\n")
        nx.write_graphml(_graphml_copy(G), out / GRAPH_GRAPHML, encoding="utf-8")
    except OSError as err:
        raise GraphStoreError(f"{out}: cannot write the graph ({err.strerror}); check the directory") from err
    return out


def load_graph_data(directory: str | Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` from a build directory (or the file itself) as a MultiDiGraph."""
    path = Path(directory)
    if path.is_dir():
        path = path / GRAPH_JSON
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as err:
        raise GraphStoreError(f"{path}: no saved graph here; run 'citegraph build INPUTS -o DIR' first") from err
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as err:
        raise GraphStoreError(f"{path}: not a readable citegraph graph ({err}); rebuild it") from err
    if data.get("format") != "citegraph":
        raise GraphStoreError(f"{path}: not a citegraph graph file; rebuild it with 'citegraph build'")
    return from_node_link(data)


def load_graph(directory: str | Path):  # -> KnowledgeGraph (import cycle kept out of the signature)
    """Load a saved graph as a :class:`~citegraph.graph.KnowledgeGraph`."""
    from .kg import KnowledgeGraph

    return KnowledgeGraph(load_graph_data(directory))
