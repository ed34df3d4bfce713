"""Latency of each catalogue query (``queries/*.cypher``) on a built graph.

Each query runs as a user runs it, ``citegraph query DIR --name NAME``, in its own
process, on the warm cache; the figure is the wall time of that whole command (Python
start-up included, measured alone on its own row), the median of :data:`RUNS` runs,
since one run on a shared machine is at the mercy of its load. The one-off cache
build (first query, cold cache) is timed on its own row.

Parameters (``$name`` in a query) get values taken from the graph itself: the most
mentioned model's name, a paper id, a small number.

When ``queries/*.cypher`` or the ``citegraph query`` command does not exist (the
Cypher issue is not merged yet) the figure is reported as not available.

Usage::

    python benchmarks/bench_queries.py benchmarks/data/out-100000
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CITEGRAPH, REPO, Figure, rel, run_measured  # noqa: E402

from citegraph.queries.embedded import CACHE_DIR  # noqa: E402

TARGET_SECONDS = 1.0
QUERY_DIR = REPO / "queries"
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def catalogue() -> list[Path]:
    return sorted(QUERY_DIR.glob("*.cypher"))


def query_command_available() -> bool:
    try:
        return subprocess.run([CITEGRAPH, "query", "--help"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _param_values(graph_dir: Path) -> dict[str, str]:
    """Parameter values taken from the graph, read from the cached embedded database (loading
    graph.json of 100k papers into NetworkX just for these took two minutes and 5 GB), in a
    child process: opening the 100k database takes GBs, and a child started later by the same
    parent (``run_all.py``) would report the parent's peak RSS as its own."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(graph_dir), "--param-values"],
                         capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _param_values_here(graph_dir: Path) -> dict[str, str]:
    from citegraph.queries.embedded import EmbeddedGraph

    with EmbeddedGraph.open(graph_dir) as db:
        def top(label: str, default: str) -> str:  # most mentioned, as KnowledgeGraph.entities() orders them
            rows = db.run(f"MATCH (e:{label}) RETURN e.name, e.paper_count, e.id").rows
            rows.sort(key=lambda r: (-(r[1] or 0), r[0].casefold(), r[2]))
            return rows[0][0] if rows else default

        model, bench, method = top("Model", "GPT-4o"), top("Benchmark", "MMLU"), top("Method", "LoRA")
        first = db.run("MATCH (p:Paper) RETURN p.id, p.title ORDER BY p.id LIMIT 1").rows
    paper, title = first[0] if first else ("", "")
    return {"model": model, "benchmark": bench, "method": method, "name": model, "entity": model,
            "paper": paper, "id": paper, "title": title or ""}


def _value_for(param: str, values: dict[str, str]) -> str:
    low = param.lower()
    if low == "base":
        return values["model"]
    for key in ("model", "benchmark", "method", "paper", "title", "entity", "name", "id"):
        if key in low:
            return values[key]
    return "3"  # min_papers, limit, k, depth ...


RUNS = 3  # runs per query; the median is reported


def start_baseline() -> float:
    """Wall time of starting Python and importing the CLI (part of every query's wall time)."""
    return sorted(run_measured([sys.executable, "-c", "import citegraph.cli"]).seconds for _ in range(RUNS))[RUNS // 2]


def measure(graph_dir: Path, label: str) -> list[Figure]:
    queries = catalogue()
    command = f"python benchmarks/bench_queries.py {rel(graph_dir)}"
    if not queries or not query_command_available():
        missing = "no queries/*.cypher" if not queries else "no 'citegraph query' command"
        return [Figure(f"catalogue queries on the {label} graph", None, "s", command, f"<= {TARGET_SECONDS:.0f} s each",
                       None, note=f"not available on this branch ({missing}; the Cypher issue adds them)")]
    # the first query copies the graph into the embedded database cached next to graph.json;
    # that one-off cost is reported on its own (in its own process, from a cold cache, before
    # this process opens the database), the queries below run on the warm cache
    shutil.rmtree(graph_dir / CACHE_DIR, ignore_errors=True)
    warm = run_measured([CITEGRAPH, "query", rel(graph_dir), "MATCH (n:Paper) RETURN count(n)"])
    values = _param_values(graph_dir)
    baseline = start_baseline()
    figures = [Figure(f"first query on the {label} graph: build the cached database", warm.seconds, "s",
                      f"citegraph query {rel(graph_dir)} 'MATCH (n:Paper) RETURN count(n)'",
                      note=(f"once per graph.json; peak RSS {warm.peak_rss_bytes / 1024**2:,.0f} MB, "
                            f"CPU {warm.cpu_seconds:.0f} s") if warm.returncode == 0 else
                      "failed: " + ((warm.stderr.strip().splitlines() or ["?"])[-1][:160])),
               Figure("start Python + import citegraph (part of every wall time below)", baseline, "s",
                      "python -c 'import citegraph.cli'")]
    figures.append(_info_figure(graph_dir, label))
    for q in queries:
        name = q.stem
        args = [CITEGRAPH, "query", rel(graph_dir), "--name", name]
        for param in sorted(set(_PARAM.findall(q.read_text(encoding="utf-8")))):
            args += ["--param", f"{param}={_value_for(param, values)}"]
        runs = [run_measured(args) for _ in range(RUNS)]
        m = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]  # the median run: one run is at the machine's mercy
        spread = f"median of {RUNS} runs ({min(r.seconds for r in runs):.2f}-{max(r.seconds for r in runs):.2f} s)"
        shown = "citegraph " + " ".join(a if " " not in a else repr(a) for a in args[1:])
        if m.returncode != 0:
            err = (m.stderr.strip().splitlines() or ["?"])[-1][:160]
            figures.append(Figure(f"query {name} ({label})", None, "s", shown, f"<= {TARGET_SECONDS:.0f} s", False,
                                  note=f"failed: {err}"))
            continue
        saved = "; rows from its answer saved at the cache build" if "cache was built" in m.stderr else ""
        figures.append(Figure(f"query {name} ({label})", m.seconds, "s", shown, f"<= {TARGET_SECONDS:.0f} s",
                              m.seconds <= TARGET_SECONDS,
                              note=f"wall time of the whole command, warm cache, {spread}; {baseline:.2f} s of it "
                                   "is start-up" + saved))
    return figures


def _info_figure(graph_dir: Path, label: str) -> Figure:
    """``citegraph info DIR``: the counts saved in graph.json's head (``--recount`` would read the
    whole file: 21-25 s and 2 GB at 100k papers)."""
    runs = sorted((run_measured([CITEGRAPH, "info", rel(graph_dir)]) for _ in range(RUNS)), key=lambda r: r.seconds)
    m = runs[len(runs) // 2]
    if m.returncode != 0:
        return Figure(f"citegraph info ({label})", None, "s", f"citegraph info {rel(graph_dir)}",
                      note="failed: " + ((m.stderr.strip().splitlines() or ["?"])[-1][:160]))
    from citegraph.graph.kg import summary_of_saved

    how = ("answers from the counts saved in graph.json's head" if summary_of_saved(graph_dir) is not None
           else "graph.json has no saved counts (written by older code): read whole")
    return Figure(f"citegraph info ({label})", m.seconds, "s", f"citegraph info {rel(graph_dir)}",
                  note=f"wall time, median of {RUNS} runs; peak RSS {m.peak_rss_bytes / 1024**2:,.0f} MB; {how}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Latency of each catalogue query on a built graph.",
                                 epilog="example: python benchmarks/bench_queries.py benchmarks/data/out-100000")
    ap.add_argument("graph_dir", type=Path)
    ap.add_argument("--param-values", action="store_true", help="print the parameter values (JSON) and exit")
    args = ap.parse_args(argv)
    if args.param_values:
        print(json.dumps(_param_values_here(args.graph_dir)))
        return 0
    for f in measure(args.graph_dir, args.graph_dir.name):
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
