"""The fast graph.json / graph.graphml writers against plain reference encodings."""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pytest

from citegraph.graph import graphml
from citegraph.graph.store import to_node_link, write_node_link


def _reference_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML written the slow, obvious way: every value escaped on its own."""
    def text(v):
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

    nodes = [(n, graphml.node_attrs(n, G.nodes[n])) for n in sorted(G.nodes)]
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
    types = {"node": {}, "edge": {}}
    for domain, dicts in (("node", [d for _, d in nodes]), ("edge", [e[3] for e in edges])):
        seen = {}
        for d in dicts:
            for k, v in d.items():
                seen.setdefault(k, set()).add(graphml.graphml_kind(type(v)))
        types[domain] = {k: next(iter(s)) if len(s) == 1 else "double" if s <= {"long", "double"} else "string"
                         for k, s in seen.items()}
    out = [graphml._GRAPHML_HEAD]
    ids, count = {"node": {}, "edge": {}}, 0
    for domain in ("node", "edge"):
        for name in sorted(types[domain]):
            ids[domain][name] = f"d{count}"
            out.append(f'  <key id="d{count}" for="{domain}" attr.name={quoteattr(name)} '
                       f'attr.type="{types[domain][name]}" />\n')
            count += 1
    out.append('  <graph edgedefault="directed">\n')

    def data(domain, attrs):
        return "".join(f'      <data key="{ids[domain][k]}">{escape(text(v))}</data>\n' for k, v in attrs.items())

    for n, attrs in nodes:
        out.append(f"    <node id={quoteattr(str(n))}>\n{data('node', attrs)}    </node>\n")
    for u, v, k, d in edges:
        out.append(f"    <edge source={quoteattr(str(u))} target={quoteattr(str(v))} id={quoteattr(str(k))}>\n"
                   f"{data('edge', d)}    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return graphml._XML_INVALID.sub("", "".join(out))


def _tricky_graph(n_plain: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["note"] = "é & <x>"
    G.add_node("paper:a&b", label="Paper", id="paper:a&b", title='Q&A <b> "quoted"', authors=["A & B", "C"])
    G.add_node('model:say "hi"', label="Model", name="it's", aliases=["x<y", 'z"'], paper_count=3)
    G.add_node("model:tab\tnl\n", label="Model", name="ctl\x01\x02chars\ufffe", paper_count=2.5, flag=True)
    G.add_node("dataset:plain", label="Dataset", name="Plain", paper_count=None, meta={"b": [1, 2], "a": "&"})
    for i in range(n_plain):  # enough plain elements to fill several batches around the tricky ones
        G.add_node(f"method:m{i:05d}", label="Method", name=f"M{i}", aliases=[], paper_count=i)
        G.add_edge("paper:a&b", f"method:m{i:05d}", key="MENTIONS", type="MENTIONS", count=i,
                   evidence=[f"uses M{i}" + (" & more" if i % 997 == 0 else "")])
    G.add_edge("paper:a&b", 'model:say "hi"', key="MENTIONS", type="MENTIONS", count=1, evidence=["a<b", 3])
    G.add_edge('model:say "hi"', "model:tab\tnl\n", key="CO_MENTIONED", type="CO_MENTIONED", npmi=0.5, papers=1,
               weight=2, example_papers=("p1", "p2"))
    G.add_edge('model:say "hi"', "model:tab\tnl\n", key="CITES:inferred", type="CITES", source="inferred>",
               evidence="x\x00y", confidence=None)
    return G


@pytest.mark.parametrize("batch", [1, 3, 2000])
def test_graphml_matches_reference_bytes(batch, monkeypatch, tmp_path):
    monkeypatch.setattr(graphml, "BATCH", batch)
    G = _tricky_graph(3000 if batch == 2000 else 40)
    path = tmp_path / "g.graphml"
    graphml.write_graphml(G, path)
    assert path.read_bytes() == _reference_graphml(G).encode("utf-8")
    buf = io.StringIO()
    graphml.write_graphml(G, buf)  # an open text file works too
    assert buf.getvalue() == _reference_graphml(G)
    H = nx.read_graphml(path)
    assert H.nodes["paper:a&b"]["title"] == 'Q&A <b> "quoted"'


def test_node_link_matches_json_dumps(tmp_path):
    G = _tricky_graph(700)
    path = tmp_path / "g.json"
    write_node_link(G, path)
    expected = json.dumps(to_node_link(G), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert path.read_text(encoding="utf-8") == expected
    empty = io.StringIO()
    write_node_link(nx.MultiDiGraph(), empty)
    assert json.loads(empty.getvalue())["nodes"] == []


def test_graph_edges_is_the_plain_sorted_edge_list():
    import random
    from bisect import bisect_left
    from operator import itemgetter

    from citegraph.graph.edge_list import GraphEdges

    rng = random.Random(7)
    G = nx.MultiDiGraph()
    names = [f"n{i}" for i in range(40)]
    for i in range(500):
        G.add_edge(rng.choice(names), rng.choice(names), key=rng.choice(["MENTIONS", "CITES:x", "A"]), i=i)
    plain = sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
    edges = GraphEdges(G)
    assert len(edges) == len(plain) and list(edges) == plain
    assert edges[17:300] == plain[17:300] and edges[-1] == plain[-1] and edges[::7] == plain[::7]
    assert all(edges[i][3] is plain[i][3] for i in range(len(plain)))  # the graph's own dicts, not copies
    assert bisect_left(edges, "MENTIONS", key=itemgetter(2)) == bisect_left(plain, "MENTIONS", key=itemgetter(2))
    assert edges.keys() == {"MENTIONS", "CITES:x", "A"}
    assert list(GraphEdges(nx.MultiDiGraph())) == []
