"""Graph building with EVALUATED_ON edges found in a second process or in this one, alternated.

The corpus is loaded and extracted once (``--workers``); then ``build_graph_parts`` runs
``--rounds`` times each way, alternating (``parallel=False``, then ``True``), so that both
see the same machine state. Prints wall time, this process's CPU and the second process's
CPU per build, and checks that both give the same edges. Run on demand (not part of
``make bench``)::

    python benchmarks/bench_evaluations.py benchmarks/data/synthetic-100000-s0.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import own_and_children_cpu  # noqa: E402

from citegraph.gctools import paused_gc
from citegraph.graph.builder import build_graph_parts
from citegraph.pipeline import extract, load_papers


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=2, help="extraction processes (default 2)")
    ap.add_argument("--rounds", type=int, default=2, help="builds each way (default 2)")
    args = ap.parse_args(argv)

    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cpus, "
          f"python {platform.python_version()}; corpus {args.corpus}")
    with paused_gc():
        extractions = extract(load_papers([args.corpus]), workers=args.workers)
    edges: dict[bool, int] = {}
    for parallel in [False, True] * args.rounds:
        gc.collect()
        wall, (own, kids) = time.perf_counter(), own_and_children_cpu()
        G, table = build_graph_parts(iter(extractions), parallel=parallel)
        own_after, kids_after = own_and_children_cpu()
        print(f"EVALUATED_ON in {'a second process' if parallel else 'this process    '}: "
              f"{time.perf_counter() - wall:6.2f} s wall, this process {own_after - own:6.2f} s CPU, "
              f"second process {kids_after - kids:5.2f} s CPU", flush=True)
        edges.setdefault(parallel, G.number_of_edges() + len(table))
        del G, table
    if len(set(edges.values())) != 1:
        print(f"different graphs: {edges}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
