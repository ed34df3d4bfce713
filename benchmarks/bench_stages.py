"""Where the build time goes: each pipeline stage timed on its own, in one fresh process.

Stages: load + de-duplicate, extract (``--workers``), build the NetworkX graph,
write graph.json, write graph.graphml. Explains the end-to-end figure of
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
import json, sys, tempfile, time
from pathlib import Path
from citegraph.graph import build_graph
from citegraph.graph.store import save_graph
from citegraph.pipeline import iter_extract, load_papers
t = {}
s = time.perf_counter(); papers = load_papers([sys.argv[1]]); t["load + de-duplicate"] = time.perf_counter() - s
s = time.perf_counter(); ex = list(iter_extract(papers, workers=int(sys.argv[2])))
t["extract"] = time.perf_counter() - s
del papers
s = time.perf_counter(); G = build_graph(ex); t["build graph"] = time.perf_counter() - s
del ex
with tempfile.TemporaryDirectory() as d:
    s = time.perf_counter(); save_graph(G, d); t["write graph.json + graph.graphml"] = time.perf_counter() - s
print(json.dumps(t))
"""


def measure(corpus: Path, label: str, workers: int = 2) -> list[Figure]:
    command = f"python benchmarks/bench_stages.py {rel(corpus)} --workers {workers}"
    m = run_measured([sys.executable, "-c", _CHILD, str(corpus), str(workers)])
    if m.returncode != 0:
        return [Figure(f"stages {label}", None, "s", command, note=(m.stderr.strip().splitlines() or ["?"])[-1])]
    times = json.loads(m.stdout.strip().splitlines()[-1])
    total = sum(times.values())
    return [Figure(f"stage {label}: {stage}", sec, "s", command, note=f"{100 * sec / total:.0f}% of the stages")
            for stage, sec in times.items()]


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
