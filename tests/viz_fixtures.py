"""Small graphs for the page tests: every node label, every relationship type, hostile text."""

from __future__ import annotations

import networkx as nx

NASTY_TITLE = 'Attention </script><img src=x onerror="alert(1)"> & \'quotes\' $\\alpha<\\beta$ {{ x }}'


def typed_graph() -> nx.MultiDiGraph:
    """Three papers, one entity of each type, and one edge of each relationship type."""
    G = nx.MultiDiGraph()
    G.add_node("paper:1", label="Paper", id="paper:1", title=NASTY_TITLE, published="2024-03-11",
               authors=["A. Author", "B. <Author>"], url="https://arxiv.org/abs/2403.00001")
    G.add_node("paper:2", label="Paper", id="paper:2", title="WebRL: Training LLM Web Agents",
               listing_dates=["2024-03-12"], url="javascript:alert(1)")
    G.add_node("paper:3", label="Paper", id="paper:3", title="A third paper", listing_dates=["2024-03-13"])
    for nid, label, name, aliases, count in [
        ("model:gpt-4o", "Model", "GPT-4o", ["GPT4o", "gpt-4o"], 3),
        ("model:gpt-4o-mini", "Model", "GPT-4o-mini", [], 1),
        ("method:webrl", "Method", "WebRL", [], 2),
        ("dataset:webarena-data", "Dataset", "WebArena <data>", [], 1),
        ("benchmark:webarena-lite", "Benchmark", "WebArena-Lite", ["WA-Lite"], 2),
    ]:
        G.add_node(nid, label=label, id=nid, name=name, aliases=aliases, paper_count=count)
    evidence = ['We train <GPT-4o> & "friends" on $x^2$.']
    for p in ("paper:1", "paper:2", "paper:3"):
        G.add_edge(p, "model:gpt-4o", key="MENTIONS", type="MENTIONS", count=2, evidence=evidence)
    G.add_edge("paper:1", "method:webrl", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("paper:2", "method:webrl", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("paper:2", "method:webrl", key="INTRODUCES", type="INTRODUCES", evidence=evidence)
    G.add_edge("paper:3", "method:webrl", key="MENTIONS", type="MENTIONS", count=1,
               evidence=["Unlike WebRL, we <do not> train."])
    G.add_edge("paper:2", "benchmark:webarena-lite", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("paper:3", "benchmark:webarena-lite", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("paper:3", "dataset:webarena-data", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("paper:1", "model:gpt-4o-mini", key="MENTIONS", type="MENTIONS", count=1, evidence=evidence)
    G.add_edge("method:webrl", "model:gpt-4o", key="CO_MENTIONED", type="CO_MENTIONED", papers=2, weight=2.0)
    G.add_edge("benchmark:webarena-lite", "model:gpt-4o", key="CO_MENTIONED", type="CO_MENTIONED",
               papers=2, weight=2.0)
    G.add_edge("dataset:webarena-data", "model:gpt-4o", key="CO_MENTIONED", type="CO_MENTIONED", papers=1,
               weight=1.0)
    G.add_edge("paper:3", "paper:2", key="CITES:inferred", type="CITES", via=["method:webrl"], source="inferred")
    G.add_edge("model:gpt-4o", "benchmark:webarena-lite", key="EVALUATED_ON", type="EVALUATED_ON", count=1,
               evidence=evidence)
    G.add_edge("model:gpt-4o-mini", "model:gpt-4o", key="VARIANT_OF", type="VARIANT_OF")
    return G
