"""Graph building, saving and loading."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import citegraph
from citegraph.graph import REL_TYPES, build_graph, load_graph
from citegraph.graph.store import from_node_link, load_graph_data
from citegraph.models import EntityType, Mention, Paper, PaperEntity


def ent(name, type_=EntityType.METHOD, introduced=False, sentence=None):
    return PaperEntity(name, type_, introduced=introduced,
                       mentions=[Mention(name, 0, len(name), sentence or f"{name} is here.")])


def test_edges_of_a_small_corpus():
    a = Paper(id="paper:a", title="A", listing_dates=["--03-11"])
    b = Paper(id="paper:b", title="B", listing_dates=["--03-12"])
    c = Paper(id="paper:c", title="C", listing_dates=["--03-01"])  # earlier than a: must not cite a
    G = build_graph([
        (a, [ent("WebRL", introduced=True), ent("GPT-4o", EntityType.MODEL)]),
        (b, [ent("WebRL"), ent("GPT-4o", EntityType.MODEL), ent("gpt4o", EntityType.MODEL)]),
        (c, [ent("WebRL")]),
    ])
    assert G.nodes["method:webrl"]["paper_count"] == 3
    assert G.nodes["model:gpt-4o"]["paper_count"] == 2  # "gpt4o" resolves to the same node
    assert G.nodes["model:gpt-4o"]["aliases"] == ["gpt4o"]
    assert G.edges["method:webrl", "model:gpt-4o", "CO_MENTIONED"]["papers"] == 2
    assert G.edges["paper:b", "paper:a", "CITES:inferred"]["via"] == ["method:webrl"]
    assert not G.has_edge("paper:c", "paper:a")
    assert not G.has_edge("paper:a", "paper:a")  # introducing and mentioning is not self-citation
    assert G.edges["paper:b", "model:gpt-4o", "MENTIONS"]["count"] == 2


def test_min_co_mentions_prunes():
    papers = [(Paper(id=f"paper:{i}", title=str(i)), [ent("X"), ent("Y")] + ([ent("Z")] if i == 0 else []))
              for i in range(3)]
    G = build_graph(papers, min_co_mentions=2)
    co = [(u, v) for u, v, k in G.edges(keys=True) if k == "CO_MENTIONED"]
    assert co == [("method:x", "method:y")]


@pytest.fixture(scope="module")
def built(daily_pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    kg = citegraph.build(daily_pages)
    kg.save(out)
    return kg, out


def test_sample_corpus_has_every_label_and_edge_type(built):
    kg, _ = built
    counts = kg.node_counts()
    assert all(counts.get(label, 0) > 0 for label in ("Paper", "Method", "Model", "Dataset", "Benchmark"))
    assert {"MENTIONS", "INTRODUCES", "CO_MENTIONED", "CITES"} <= set(kg.edge_counts()) <= set(REL_TYPES)


def test_shared_corpus_gives_345_papers(shared_pages):
    assert len(citegraph.build(shared_pages).papers()) == 345


def test_saved_graph_loads_back_identically(built):
    kg, out = built
    again = load_graph(out)
    assert nx.utils.graphs_equal(kg.G, again.G)
    for n, d in kg.G.nodes(data=True):
        assert again.G.nodes[n] == d
    assert sorted(kg.G.edges(keys=True, data=True), key=str) == sorted(again.G.edges(keys=True, data=True), key=str)


def test_loading_equals_add_edge_and_leaves_a_given_document_alone(built):
    _, out = built
    data = json.loads((out / "graph.json").read_text())
    before = json.dumps(data)
    G = nx.MultiDiGraph()
    for node in data["nodes"]:
        G.add_node(node["key"], **{k: v for k, v in node.items() if k != "key"})
    for e in data["edges"]:
        G.add_edge(e["from"], e["to"], key=e["key"], **{k: v for k, v in e.items() if k not in ("from", "to", "key")})
    for H in (from_node_link(data), load_graph_data(out)):  # load_graph_data consumes its own copy
        assert list(H.nodes(data=True)) == list(G.nodes(data=True))
        assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
        assert [list(H.pred[n].items()) for n in H] == [list(G.pred[n].items()) for n in G]
    assert json.dumps(data) == before


def test_saved_files_load_in_networkx(built):
    _, out = built
    data = json.loads((out / "graph.json").read_text())
    G = nx.node_link_graph(data, edges="edges", source="from", target="to", key="key", name="key")
    H = nx.read_graphml(out / "graph.graphml")
    assert G.number_of_nodes() == H.number_of_nodes() > 0
    assert G.number_of_edges() == H.number_of_edges() > 0
    some = next(n for n, d in H.nodes(data=True) if d["kind"] == "Model")
    assert H.nodes[some]["label"] == json.loads(json.dumps(H.nodes[some]["name"]))


def test_two_builds_give_identical_files(daily_pages, tmp_path):
    for name in ("one", "two"):
        citegraph.build(daily_pages).save(tmp_path / name)
    for f in ("graph.json", "graph.graphml", "graph.html"):
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f


def test_knowledge_graph_accessors(built):
    kg, _ = built
    models = kg.entities(type="Model")
    assert models and all(m.type is EntityType.MODEL for m in models)
    assert [m.paper_count for m in models] == sorted((m.paper_count for m in models), reverse=True)
    assert all(isinstance(p, Paper) for p in kg.papers())
    assert kg.to_networkx() is kg.G
    assert kg.entities(type="Model", limit=3) == models[:3] and kg.entities(limit=5) == kg.entities()[:5]
    plain = {}
    for _, _, t in kg.G.edges(data="type"):
        plain[t] = plain.get(t, 0) + 1
    assert {t: n for t, n in kg.edge_counts().items() if t in plain} == plain
