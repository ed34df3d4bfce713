"""A small graph with every node label and relationship type (EVALUATED_ON, VARIANT_OF,
both CITES variants), the parameters that make every catalogue query return rows, and
the Cypher feature cases (query, params, expected rows under Neo4j semantics).

Also used by benchmarks/compare_cypher_engines.py.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from citegraph.graph.schema import edge_key

PAPERS = {
    "paper:webrl": ("WebRL: Training LLM Web Agents via Self-Evolving Online Curriculum", ["Zehan Qi", "Xiao Liu"],
                    {"arxiv": "2411.02337"}),
    "paper:p2": ("Agents that Browse: A Study with GPT-4o", ["Ann Lee"], {}),
    "paper:p3": ("Curriculum RL for Web Agents", [], {}),
    "paper:p4": ("Scaling Web Agents", ["Bo Chen", "Ann Lee"], {}),
    "paper:p5": ("SlimPajama Revisited", ["Cy O'Neil"], {}),
}
ENTITIES = {
    "method:webrl": ("Method", "WebRL", []),
    "model:gpt-4o": ("Model", "GPT-4o", ["gpt4o"]),
    "model:llama-3-1-8b": ("Model", "Llama-3.1-8B", []),
    "model:llama-3-1-8b-instruct": ("Model", "Llama-3.1-8B-Instruct", []),
    "model:llama-3-1-8b-instruct-awq": ("Model", "Llama-3.1-8B-Instruct-AWQ", []),
    "benchmark:webarena-lite": ("Benchmark", "WebArena-Lite", ["WebArena Lite"]),
    "dataset:slimpajama": ("Dataset", "SlimPajama", []),
}
MENTIONS = {
    "paper:webrl": ["method:webrl", "benchmark:webarena-lite", "model:gpt-4o", "model:llama-3-1-8b"],
    "paper:p2": ["method:webrl", "model:gpt-4o", "benchmark:webarena-lite"],
    "paper:p3": ["method:webrl", "model:gpt-4o", "model:llama-3-1-8b-instruct"],
    "paper:p4": ["method:webrl", "model:llama-3-1-8b-instruct-awq"],
    "paper:p5": ["dataset:slimpajama"],
}
INTRODUCES = {"paper:webrl": ["method:webrl", "benchmark:webarena-lite"], "paper:p5": ["dataset:slimpajama"]}
CITES = [("paper:p2", "paper:webrl", "inferred"), ("paper:p3", "paper:webrl", "inferred"),
         ("paper:p3", "paper:webrl", "metadata"), ("paper:p4", "paper:p2", "metadata")]
EVALUATED_ON = [("model:gpt-4o", "benchmark:webarena-lite", 2), ("model:llama-3-1-8b", "benchmark:webarena-lite", 1),
                ("method:webrl", "benchmark:webarena-lite", 3), ("model:gpt-4o", "dataset:slimpajama", 1)]
VARIANT_OF = [("model:llama-3-1-8b-instruct", "model:llama-3-1-8b"),
              ("model:llama-3-1-8b-instruct-awq", "model:llama-3-1-8b-instruct")]


def small_graph(extra_paper: bool = False) -> nx.MultiDiGraph:
    """The small graph; ``extra_paper`` adds one paper that mentions GPT-4o (a "grown" graph)."""
    G = nx.MultiDiGraph()
    papers = dict(PAPERS)
    mentions = {k: list(v) for k, v in MENTIONS.items()}
    if extra_paper:
        papers["paper:p6"] = ("A New Paper on GPT-4o", [], {})
        mentions["paper:p6"] = ["model:gpt-4o"]
    for pid, (title, authors, ext) in papers.items():
        G.add_node(pid, label="Paper", id=pid, title=title, abstract=f"Abstract of {title}.\nSecond line; 'quoted'.",
                   published="", authors=authors, url="", sources=[f"x.txt:{len(G)}"], listing_dates=["--03-11"],
                   external_ids=ext)
    counts = {e: sum(e in m for m in mentions.values()) for e in ENTITIES}
    for eid, (label, name, aliases) in ENTITIES.items():
        G.add_node(eid, label=label, id=eid, name=name, aliases=aliases, paper_count=counts[eid])
    for pid, ents in mentions.items():
        for eid in ents:
            G.add_edge(pid, eid, key="MENTIONS", type="MENTIONS", count=1 + len(eid) % 3,
                       evidence=[f"{pid} uses {ENTITIES[eid][1]}."])
    for pid, ents in INTRODUCES.items():
        for eid in ents:
            G.add_edge(pid, eid, key="INTRODUCES", type="INTRODUCES", evidence=[f"We introduce {ENTITIES[eid][1]}."])
    pairs: dict[tuple[str, str], int] = {}
    for ents in mentions.values():
        for a in ents:
            for b in ents:
                if a < b:
                    pairs[(a, b)] = pairs.get((a, b), 0) + 1
    for (a, b), n in pairs.items():
        G.add_edge(a, b, key="CO_MENTIONED", type="CO_MENTIONED", papers=n, weight=float(n))
    for u, v, source in CITES:
        G.add_edge(u, v, key=edge_key("CITES", source), type="CITES", source=source,
                   via=["method:webrl"] if source == "inferred" else [])
    for u, v, n in EVALUATED_ON:
        G.add_edge(u, v, key="EVALUATED_ON", type="EVALUATED_ON", count=n, papers=1, evidence=[f"{u} on {v}."])
    for u, v in VARIANT_OF:
        G.add_edge(u, v, key="VARIANT_OF", type="VARIANT_OF")
    return G


# Parameters that make each catalogue query return rows on the small graph.
CATALOGUE_PARAMS: dict[str, dict[str, Any]] = {
    "cited-by": {"paper": "webrl"},
    "citation-chain": {"paper": "paper:p4"},
    "co-mentioned-with": {"name": "GPT-4o"},
    "model-evaluations": {"model": ""},
    "shared-benchmarks": {"min_shared": 1},
    "influential-methods": {"min_users": 3},
    "model-variants": {"base": "Llama-3.1-8B"},
    "paper-entities": {"paper": "WebRL"},
    "papers-using": {"name": "gpt4o"},
    "entity-search": {"text": "llama"},
}

# (feature, query, params, expected rows in order) under Neo4j's semantics.
FEATURES: list[tuple[str, str, dict[str, Any], list[list[Any]]]] = [
    ("label + property map", "MATCH (m:Model {name: 'GPT-4o'}) RETURN m.id", {}, [["model:gpt-4o"]]),
    ("double-quoted string", 'MATCH (m:Model {name: "GPT-4o"}) RETURN m.id', {}, [["model:gpt-4o"]]),
    ("relationship type + direction",
     "MATCH (p:Paper)-[:INTRODUCES]->(e) RETURN p.id, e.id ORDER BY e.id",
     {}, [["paper:webrl", "benchmark:webarena-lite"], ["paper:p5", "dataset:slimpajama"],
          ["paper:webrl", "method:webrl"]]),
    ("incoming direction", "MATCH (m:Model {name: 'Llama-3.1-8B'})<-[:VARIANT_OF]-(v) RETURN v.name", {},
     [["Llama-3.1-8B-Instruct"]]),
    ("undirected relationship", "MATCH (:Model {name: 'Llama-3.1-8B-Instruct'})-[:VARIANT_OF]-(o) "
     "RETURN o.name ORDER BY o.name", {}, [["Llama-3.1-8B"], ["Llama-3.1-8B-Instruct-AWQ"]]),
    ("WHERE AND/OR/NOT, =, <>",
     "MATCH (p:Paper) WHERE (p.id = 'paper:p2' OR p.id = 'paper:p3') AND NOT p.id <> 'paper:p3' RETURN p.id", {},
     [["paper:p3"]]),
    ("IN list", "MATCH (p:Paper) WHERE p.id IN ['paper:p4', 'paper:p5'] RETURN p.id ORDER BY p.id", {},
     [["paper:p4"], ["paper:p5"]]),
    ("IN list property", "MATCH (p:Paper) WHERE 'Ann Lee' IN p.authors RETURN p.id ORDER BY p.id", {},
     [["paper:p2"], ["paper:p4"]]),
    ("CONTAINS / STARTS WITH",
     "MATCH (m:Model) WHERE m.name STARTS WITH 'Llama' AND m.name CONTAINS 'AWQ' RETURN m.name", {},
     [["Llama-3.1-8B-Instruct-AWQ"]]),
    ("RETURN AS, count(*)", "MATCH (p:Paper)-[:MENTIONS]->(:Model {name: 'GPT-4o'}) RETURN count(*) AS n", {},
     [[3]]),
    ("DISTINCT", "MATCH (:Paper)-[:MENTIONS]->(e:Model) RETURN DISTINCT e.name AS name ORDER BY name", {},
     [["GPT-4o"], ["Llama-3.1-8B"], ["Llama-3.1-8B-Instruct"], ["Llama-3.1-8B-Instruct-AWQ"]]),
    ("count/sum/avg/min/max",
     "MATCH (:Model)-[r:EVALUATED_ON]->(b) RETURN count(r) AS n, sum(r.count) AS s, avg(r.count) AS a, "
     "min(r.count) AS lo, max(r.count) AS hi", {}, [[3, 4, 4 / 3, 1, 2]]),
    ("collect", "MATCH (p:Paper {id: 'paper:p4'}) RETURN collect(p.title) AS titles", {},
     [[["Scaling Web Agents"]]]),
    ("ORDER BY DESC, SKIP, LIMIT",
     "MATCH (e:Model) RETURN e.name ORDER BY e.paper_count DESC, e.name SKIP 1 LIMIT 2", {},
     [["Llama-3.1-8B"], ["Llama-3.1-8B-Instruct"]]),
    ("WITH ... WHERE pipeline",
     "MATCH (p:Paper)-[:MENTIONS]->(e) WITH p, count(e) AS n WHERE n >= 3 RETURN p.id, n ORDER BY n DESC, p.id",
     {}, [["paper:webrl", 4], ["paper:p2", 3], ["paper:p3", 3]]),
    ("OPTIONAL MATCH",
     "MATCH (m:Model) OPTIONAL MATCH (m)-[:EVALUATED_ON]->(b) RETURN m.name, count(b) AS n ORDER BY m.name", {},
     [["GPT-4o", 2], ["Llama-3.1-8B", 1], ["Llama-3.1-8B-Instruct", 0], ["Llama-3.1-8B-Instruct-AWQ", 0]]),
    ("variable-length path [:CITES*1..3]",
     "MATCH (p:Paper {id: 'paper:p4'})-[:CITES*1..3]->(q) RETURN q.id, count(*) AS paths ORDER BY q.id", {},
     [["paper:p2", 1], ["paper:webrl", 1]]),
    ("variable-length path with parallel edges (trail semantics)",
     "MATCH (p:Paper {id: 'paper:p3'})-[:CITES*1..3]->(q) RETURN q.id, count(*) AS paths", {},
     [["paper:webrl", 2]]),
    ("variable-length undirected path never reuses a relationship",
     "MATCH (a:Model {name: 'Llama-3.1-8B'})-[:VARIANT_OF*1..2]-(b) RETURN b.name, count(*) AS paths ORDER BY b.name",
     {}, [["Llama-3.1-8B-Instruct", 1], ["Llama-3.1-8B-Instruct-AWQ", 1]]),
    ("relationship uniqueness in one MATCH",
     "MATCH (p:Paper)-[:MENTIONS]->(m:Model {name: 'GPT-4o'})<-[:MENTIONS]-(q:Paper) RETURN count(*) AS pairs",
     {}, [[6]]),
    ("parameters $name", "MATCH (m:Model) WHERE m.name = $name RETURN m.paper_count", {"name": "GPT-4o"}, [[3]]),
    ("list subscript", "MATCH (p:Paper {id: 'paper:p4'}) RETURN p.authors[0], p.authors[1]", {},
     [["Bo Chen", "Ann Lee"]]),
    ("labels()/type()", "MATCH (p:Paper {id: 'paper:p4'})-[r:CITES]->(q) RETURN labels(q)[0], type(r)", {},
     [["Paper", "CITES"]]),
]
