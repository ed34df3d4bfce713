"""Compare embedded Cypher engines for ``citegraph query``: coverage and speed.

Engines (each run in its own process: kuzu and ladybug cannot share one):

* ``ladybug``          Ladybug (PyPI ``ladybug``), through citegraph's loader AND its
                       Neo4j-semantics rewrites (queries/compat.py): what ``citegraph query`` runs
* ``ladybug-raw``      the same database, queries sent unchanged
* ``real-ladybug-raw`` PyPI ``real-ladybug`` (older fork line), queries unchanged
* ``kuzu-raw``         Kuzu 0.11.3 (archived upstream), queries unchanged
* ``grand-cypher``     grand-cypher on the NetworkX graph itself (single quotes turned into double
                       quotes first: its grammar has none, and that alone would fail most cases)

Coverage: the feature cases of tests/cypher_fixtures.py (the issue's feature list,
with the answer Neo4j gives) on a small graph; each case is ``pass``, ``WRONG``
(ran, different answer) or ``error``. Speed: load time (graph.json to a ready
engine, no cache) and median latency of five catalogue queries on a built graph.

Setup (not part of the test dependencies):

    .venv/bin/pip install grand-cypher kuzu==0.11.3          # ladybug is a core dependency
    python3 -m venv /tmp/rlb && /tmp/rlb/bin/pip install real-ladybug networkx   # optional
    .venv/bin/citegraph build ../shared/corpus/hf-daily-papers/*.txt -o /tmp/sample --no-html
    .venv/bin/python benchmarks/compare_cypher_engines.py /tmp/sample [--scale 20]

``--scale N`` also times a graph of N disjoint copies of the sample.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ENGINES = ["ladybug", "ladybug-raw", "real-ladybug-raw", "kuzu-raw", "grand-cypher"]
SIMPLE_MATCH = "MATCH (p:Paper)-[:MENTIONS]->(m:Model {name: 'GPT-4'}) RETURN p.title"
SPEED_QUERIES = ["simple-match", "top-models", "co-mentioned-with", "influential-methods", "citation-chain",
                 "paper-entities"]


class Engine:
    def __init__(self, name: str, G: Any) -> None:
        self.name = name
        if name == "grand-cypher":
            import networkx as nx
            from grandcypher import GrandCypher

            H = nx.MultiDiGraph()
            for n, d in G.nodes(data=True):
                H.add_node(n, **d, __labels__={d["label"]})
            for u, v, k, d in G.edges(keys=True, data=True):
                H.add_edge(u, v, key=k, **d, __labels__={d["type"]})
            self.gc = lambda: GrandCypher(H)  # noqa: E731 - one instance answers one query only
            return
        from citegraph.queries.embedded import EmbeddedGraph

        module = {"ladybug": "ladybug", "ladybug-raw": "ladybug", "real-ladybug-raw": "real_ladybug",
                  "kuzu-raw": "kuzu"}[name]
        self.db = EmbeddedGraph.from_networkx(G, engine=importlib.import_module(module))

    def run(self, query: str, params: dict[str, Any]) -> list[list[Any]]:
        if self.name == "grand-cypher":
            # its grammar has no single-quoted strings: give it double quotes, so the other features are measured
            out = self.gc().run(query.replace("'", '"'))
            cols = list(out)
            return [[_gc_value(out[c][i]) for c in cols] for i in range(len(out[cols[0]]) if cols else 0)]
        if self.name == "ladybug":
            return self.db.run(query, params).rows
        from citegraph.queries.embedded import _plain

        result = self.db._conn.execute(query, params)
        return [_plain(r) for r in result.get_all()]


def _gc_value(v: Any) -> Any:
    if isinstance(v, dict):  # grand-cypher returns edges as {(u, v, key): attrs}
        vals = list(v.values())
        return vals[0].get("count") if len(vals) == 1 and isinstance(vals[0], dict) else v
    return v


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def worker(engine_name: str, graph_dir: str | None, scale: int) -> dict[str, Any]:
    from citegraph.graph.store import load_graph_data
    from citegraph.queries.catalogue import get_query
    from tests.cypher_fixtures import FEATURES, small_graph

    out: dict[str, Any] = {"engine": engine_name, "features": {}}
    eng = Engine(engine_name, small_graph())
    for feature, query, params, expected in FEATURES:
        try:
            rows = eng.run(query, params)
            if "ORDER BY" not in query:
                rows, expected = sorted(rows, key=repr), sorted(expected, key=repr)
            out["features"][feature] = "pass" if _same(rows, expected) else "WRONG"
        except Exception as err:  # noqa: BLE001 - any failure of the engine is the measurement
            out["features"][feature] = "error: " + str(err).splitlines()[0][:100]
    if graph_dir:
        G = load_graph_data(graph_dir)
        if scale > 1:
            G = _scaled(G, scale)
        start = time.perf_counter()
        eng = Engine(engine_name, G)
        out["load_s"] = time.perf_counter() - start
        out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
        out["latency_ms"] = {}
        for name in SPEED_QUERIES:
            cypher, params = (SIMPLE_MATCH, {}) if name == "simple-match" else \
                (get_query(name).cypher, get_query(name).params())
            times = []
            try:
                for _ in range(5):
                    t = time.perf_counter()
                    eng.run(cypher, params)
                    times.append(time.perf_counter() - t)
                out["latency_ms"][name] = round(statistics.median(times) * 1000, 2)
            except Exception as err:  # noqa: BLE001
                out["latency_ms"][name] = "error: " + str(err).splitlines()[0][:60]
    return out


def _scaled(G: Any, n: int) -> Any:
    import networkx as nx

    H = nx.MultiDiGraph()
    for i in range(n):
        for node, d in G.nodes(data=True):
            H.add_node(f"{node}#{i}", **{**d, "id": f"{node}#{i}"})
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(f"{u}#{i}", f"{v}#{i}", key=k, **d)
    return H


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph_dir", nargs="?", help="a built graph (citegraph build ... -o DIR) for the speed part")
    ap.add_argument("--scale", type=int, default=1, help="also time N disjoint copies of the graph")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--real-ladybug-python", default="/tmp/rlb/bin/python",
                    help="a Python with real-ladybug installed (it conflicts with ladybug in one venv)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.graph_dir, args.scale)))
        return
    results = []
    for name in args.engines.split(","):
        python = sys.executable
        if name == "real-ladybug-raw":
            python = args.real_ladybug_python
            if not Path(python).exists():
                print(f"skipping {name}: no {python}", file=sys.stderr)
                continue
        cmd = [python, __file__, "--worker", name, "--scale", str(args.scale)]
        if args.graph_dir:
            cmd.insert(2, args.graph_dir)
        proc = subprocess.run(cmd, capture_output=True, text=True, env={"PYTHONPATH": str(REPO)})
        if proc.returncode != 0:
            print(f"{name}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    features = list(results[0]["features"]) if results else []
    print("| feature | " + " | ".join(r["engine"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for f in features:
        cells = [r["features"][f] if r["features"][f] in ("pass", "WRONG") else "error" for r in results]
        print(f"| {f} | " + " | ".join(cells) + " |")
    print("| **passed** | " + " | ".join(
        f"{sum(v == 'pass' for v in r['features'].values())}/{len(features)} "
        f"({sum(v == 'WRONG' for v in r['features'].values())} wrong)" for r in results) + " |")
    if results and "load_s" in results[0]:
        print(f"\nspeed on {results[0]['nodes']} nodes / {results[0]['edges']} edges (scale {args.scale}):\n")
        print("| engine | load s | " + " | ".join(f"{q} ms" for q in SPEED_QUERIES) + " |")
        print("|---|---|" + "---|" * len(SPEED_QUERIES))
        for r in results:
            lat = [str(r["latency_ms"][q]) if not str(r["latency_ms"][q]).startswith("error") else "error"
                   for q in SPEED_QUERIES]
            print(f"| {r['engine']} | {r['load_s']:.2f} | " + " | ".join(lat) + " |")
    for r in results:
        errors = {f: v for f, v in r["features"].items() if v.startswith("error")}
        if errors:
            print(f"\n{r['engine']} errors: " + "; ".join(f"{f}: {v[7:]}" for f, v in errors.items()),
                  file=sys.stderr)


if __name__ == "__main__":
    main()
