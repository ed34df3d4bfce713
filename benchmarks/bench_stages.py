"""Where the build time goes: each pipeline stage timed on its own, in one fresh process.

Stages: load + de-duplicate, extract (``--workers``), build the NetworkX graph (CO_MENTIONED
edges in their compact table, as ``citegraph build`` does), write graph.json and graph.graphml
(the table's part in a second process). Explains the end-to-end figure of
``bench_build.py`` (their sum is close to it, minus interpreter start-up).

Usage::

    python benchmarks/bench_stages.py benchmarks/data/synthetic-10000-s0.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, rel, run_measured  # noqa: E402

_CHILD = """
import json, resource, sys, tempfile, time
from citegraph.graph.builder import build_graph_parts
from citegraph.graph.store import save_graph
from citegraph.pipeline import iter_extract, load_papers

def cpu():
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime

t = {}
def timed(stage, fn):
    w, c = time.perf_counter(), cpu()
    out = fn()
    t[stage] = (time.perf_counter() - w, cpu() - c)
    return out

papers = timed("load + de-duplicate", lambda: load_papers([sys.argv[1]]))
ex = timed("extract", lambda: list(iter_extract(papers, workers=int(sys.argv[2]))))
del papers
G, co_mentions = timed("build graph", lambda: build_graph_parts(ex))  # as citegraph build does
del ex
with tempfile.TemporaryDirectory() as d:
    timed("write graph.json + graph.graphml", lambda: save_graph(G, d, co_mentions=co_mentions))
print(json.dumps(t))
"""


def measure(corpus: Path, label: str, workers: int = 2) -> list[Figure]:
    command = f"python benchmarks/bench_stages.py {rel(corpus)} --workers {workers}"
    m = run_measured([sys.executable, "-c", _CHILD, str(corpus), str(workers)])
    if m.returncode != 0:
        return [Figure(f"stages {label}", None, "s", command, note=(m.stderr.strip().splitlines() or ["?"])[-1])]
    times = json.loads(m.stdout.strip().splitlines()[-1])
    total = sum(cpu for _, cpu in times.values())
    return [Figure(f"stage {label}: {stage}", wall, "s", command,
                   note=f"CPU {cpu:.1f} s (all processes), {100 * cpu / total:.0f}% of the CPU of the stages")
            for stage, (wall, cpu) in times.items()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time of each build stage.",
                                 epilog="example: python benchmarks/bench_stages.py "
                                        "benchmarks/data/synthetic-10000-s0.jsonl --workers 2")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    for f in measure(args.corpus, args.corpus.stem, args.workers):
        print(f"{f.name}: {f.shown_value()} ({f.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
