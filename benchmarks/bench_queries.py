"""Latency of each catalogue query (``queries/*.cypher``) on a built graph.

Each query runs as a user runs it, ``citegraph query DIR --name NAME``, in its own
process. That wall time includes starting Python and loading the saved graph, so
the same cost is measured alone (``load_graph(DIR)`` in a fresh process) and
subtracted: latency = wall(query) - wall(load). Both numbers are kept.

Parameters (``$name`` in a query) get values taken from the graph itself: the most
mentioned model's name, a paper id, a small number.

When ``queries/*.cypher`` or the ``citegraph query`` command does not exist (the
Cypher issue is not merged yet) the figure is reported as not available.

Usage::

    python benchmarks/bench_queries.py benchmarks/data/out-100000
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CITEGRAPH, REPO, Figure, rel, run_measured  # noqa: E402

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
    from citegraph.graph import load_graph

    kg = load_graph(graph_dir)
    models = kg.entities("Model")
    benches = kg.entities("Benchmark")
    methods = kg.entities("Method")
    papers = sorted(n for n, d in kg.G.nodes(data=True) if d.get("label") == "Paper")
    return {
        "model": models[0].name if models else "GPT-4o",
        "benchmark": benches[0].name if benches else "MMLU",
        "method": methods[0].name if methods else "LoRA",
        "name": models[0].name if models else "GPT-4o",
        "entity": models[0].name if models else "GPT-4o",
        "paper": papers[0] if papers else "",
        "id": papers[0] if papers else "",
        "title": kg.G.nodes[papers[0]]["title"] if papers else "",
    }


def _value_for(param: str, values: dict[str, str]) -> str:
    low = param.lower()
    for key in ("model", "benchmark", "method", "paper", "title", "entity", "name", "id"):
        if key in low:
            return values[key]
    return "3"  # min_papers, limit, k, depth ...


def load_baseline(graph_dir: Path) -> float:
    code = f"from citegraph.graph import load_graph; load_graph({str(graph_dir)!r})"
    return run_measured([sys.executable, "-c", code]).seconds


def measure(graph_dir: Path, label: str) -> list[Figure]:
    queries = catalogue()
    command = f"python benchmarks/bench_queries.py {rel(graph_dir)}"
    if not queries or not query_command_available():
        missing = "no queries/*.cypher" if not queries else "no 'citegraph query' command"
        return [Figure(f"catalogue queries on the {label} graph", None, "s", command, f"<= {TARGET_SECONDS:.0f} s each",
                       None, note=f"not available on this branch ({missing}; the Cypher issue adds them)")]
    values = _param_values(graph_dir)
    baseline = load_baseline(graph_dir)
    figures = [Figure(f"start Python + load the {label} graph (subtracted below)", baseline, "s",
                      f"python -c \"from citegraph.graph import load_graph; load_graph('{rel(graph_dir)}')\"")]
    for q in queries:
        name = q.stem
        args = [CITEGRAPH, "query", rel(graph_dir), "--name", name]
        for param in sorted(set(_PARAM.findall(q.read_text(encoding="utf-8")))):
            args += ["--param", f"{param}={_value_for(param, values)}"]
        m = run_measured(args)
        shown = "citegraph " + " ".join(a if " " not in a else repr(a) for a in args[1:])
        if m.returncode != 0:
            err = (m.stderr.strip().splitlines() or ["?"])[-1][:160]
            figures.append(Figure(f"query {name} ({label})", None, "s", shown, f"<= {TARGET_SECONDS:.0f} s", False,
                                  note=f"failed: {err}"))
            continue
        latency = max(0.0, m.seconds - baseline)
        figures.append(Figure(f"query {name} ({label})", latency, "s", shown, f"<= {TARGET_SECONDS:.0f} s",
                              latency <= TARGET_SECONDS, note=f"wall {m.seconds:.2f} s incl. start + load"))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Latency of each catalogue query on a built graph.",
                                 epilog="example: python benchmarks/bench_queries.py benchmarks/data/out-100000")
    ap.add_argument("graph_dir", type=Path)
    args = ap.parse_args(argv)
    for f in measure(args.graph_dir, args.graph_dir.name):
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
