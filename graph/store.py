"""Saving and loading the graph: node-link JSON (the reference copy) and GraphML.

``graph.json`` round-trips exactly; read it with plain networkx as
``nx.node_link_graph(data, edges="edges", source="from", target="to", key="key", name="key")``.
``graph.graphml`` is for Gephi/Cytoscape:
list and dict properties become JSON strings (GraphML has no lists), the node's
display ``label`` is its name or title, and its graph label goes to ``kind``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

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


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_BATCH = 2000  # nodes or edges encoded per write


def _graphml_type(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def _graphml_text(v: Any) -> str:
    """Text of one property; lists and dicts become JSON strings."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if v is None:
        return ""
    if isinstance(v, (list, dict, tuple)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def _graphml_node_attrs(n: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    out = dict(attrs)
    out["kind"] = out.pop("label", "")
    out["label"] = out.get("name") or out.get("title") or n
    return out


def _sorted_edges(G: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    return sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))


def _merge_type(old: str | None, new: str) -> str:
    if old is None or old == new:
        return new
    if {old, new} <= {"long", "double"}:
        return "double"
    return "string"


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML for Gephi/Cytoscape, streamed (no copy of the graph is made).

    List and dict properties become JSON strings, the node's display ``label`` is
    its name or title and its graph label goes to ``kind``. Reads back with
    ``nx.read_graphml``.
    """
    types: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for n, d in G.nodes(data=True):
        for k, v in _graphml_node_attrs(n, d).items():
            types["node"][k] = _merge_type(types["node"].get(k), _graphml_type(v))
    for _, _, d in G.edges(data=True):
        for k, v in d.items():
            types["edge"][k] = _merge_type(types["edge"].get(k), _graphml_type(v))
    keys: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    lines = [_GRAPHML_HEAD]
    count = 0
    for domain in ("node", "edge"):
        for name in sorted(types[domain]):
            keys[domain][name] = kid = f"d{count}"
            count += 1
            lines.append(f'  <key id="{kid}" for="{domain}" attr.name={quoteattr(name)} '
                         f'attr.type="{types[domain][name]}" />\n')
    lines.append('  <graph edgedefault="directed">\n')
    node_keys, edge_keys = keys["node"], keys["edge"]

    def data(kids: dict[str, str], attrs: dict[str, Any]) -> str:
        return "".join(f'      <data key="{kids[k]}">{escape(_graphml_text(v))}</data>\n' for k, v in attrs.items())

    with open(path, "w", encoding="utf-8") as fh:
        def flush(batch: list[str]) -> None:
            fh.write(_XML_INVALID.sub("", "".join(batch)))  # characters XML 1.0 cannot carry at all
            batch.clear()

        fh.write("".join(lines))
        batch: list[str] = []
        for n in sorted(G.nodes):
            batch.append(f"    <node id={quoteattr(str(n))}>\n{data(node_keys, _graphml_node_attrs(n, G.nodes[n]))}"
                         "    </node>\n")
            if len(batch) >= _BATCH:
                flush(batch)
        for u, v, k, d in _sorted_edges(G):
            batch.append(f"    <edge source={quoteattr(str(u))} target={quoteattr(str(v))} id={quoteattr(str(k))}>\n"
                         f"{data(edge_keys, d)}    </edge>\n")
            if len(batch) >= _BATCH:
                flush(batch)
        flush(batch)
        fh.write("  </graph>\n</graphml>\n")


def _write_array(fh: Any, items: Iterable[Any], enc: Callable[[Any], str]) -> None:
    batch: list[str] = []
    sep = ""
    for item in items:
        batch.append(enc(item))
        if len(batch) >= _BATCH:
            fh.write(sep + ",".join(batch))
            batch.clear()
            sep = ","
    if batch:
        fh.write(sep + ",".join(batch))


def write_node_link(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph.json`` streamed: the same bytes as ``json.dumps(to_node_link(G))``
    (compact separators) without building that document in memory."""
    def enc(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    head = {"format": "citegraph", "version": FORMAT_VERSION, "directed": True, "multigraph": True,
            "graph": dict(G.graph)}
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(enc(head)[:-1] + ',"nodes":[')
        _write_array(fh, ({"key": n, **G.nodes[n]} for n in sorted(G.nodes)), enc)
        fh.write('],"edges":[')
        _write_array(fh, ({LINK_SOURCE: u, LINK_TARGET: v, "key": k, **d} for u, v, k, d in _sorted_edges(G)), enc)
        fh.write("]}\n")


def save_graph(G: nx.MultiDiGraph, directory: str | Path) -> Path:
    """Write ``graph.json`` and ``graph.graphml`` into ``directory`` (created if needed)."""
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_node_link(G, out / GRAPH_JSON)
        write_graphml(G, out / GRAPH_GRAPHML)
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
