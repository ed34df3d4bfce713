"""Default HTML page: generation time and file size, via ``citegraph.viz.write_html``.

``citegraph build`` and ``citegraph viz`` write ``graph.html`` with ``write_html(G, path)``
and its defaults, ``G`` from ``kg.drawable()`` (the graph with only the CO_MENTIONED edges
the page can draw); this times that (in a child process, graph loading not timed) on
saved graphs: the sample corpus and the synthetic 10k/100k builds. A call that
has not finished after ``--timeout`` seconds is reported as such. ``--focus-top-model`` also
times ``citegraph viz DIR --focus NAME`` (depth 2) around the most mentioned model, the hub
whose neighbourhood reaches most of the graph: the whole command, graph loading included.

(``bench_html.py``, written with the HTML page issue, measures the page in a
real browser; ``run_all.py`` runs it too when present.)

Usage::

    python benchmarks/bench_html_size.py benchmarks/data/out-sample benchmarks/data/out-10000
    python benchmarks/bench_html_size.py benchmarks/data/out-100000 --focus-top-model
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CITEGRAPH, Figure, rel, run_measured  # noqa: E402

from citegraph.graph.kg import summary_of_saved  # noqa: E402

TARGET_BYTES = 5 * 1024**2
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from citegraph.graph import load_graph
from citegraph.viz import write_html
start = time.perf_counter()
kg = load_graph(sys.argv[1])
loaded, load_rss = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = Path(sys.argv[2])
with kg.drawable() as G:
    write_html(G, out)
print(json.dumps({"seconds": time.perf_counter() - loaded, "load_seconds": loaded - start,
                  "html_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - load_rss,
                  "bytes": out.stat().st_size, "nodes": kg.lean_G.number_of_nodes(),
                  "edges": sum(kg.edge_counts().values())}))
"""


def measure(graph_dir: Path, label: str, timeout: float = 600.0) -> list[Figure]:
    command = f"python benchmarks/bench_html_size.py {rel(graph_dir)}"
    with tempfile.TemporaryDirectory() as tmp:  # the graph's directory may be read-only or shared
        m = run_measured([sys.executable, "-c", _CHILD, str(graph_dir), str(Path(tmp) / "graph.html")],
                         timeout=timeout)
    if m.returncode != 0:
        why = f"not finished after {timeout:.0f} s" if m.seconds >= timeout else \
            (m.stderr.strip().splitlines() or ["?"])[-1][:160]
        return [Figure(f"HTML page of the {label} graph: size", None, "MB", command, "<= 5 MB", False, note=why)]
    r = json.loads(m.stdout.strip().splitlines()[-1])
    scope = f"{r['nodes']:,} nodes, {r['edges']:,} edges in the graph"
    return [
        Figure(f"HTML page of the {label} graph: size", r["bytes"] / 1024**2, "MB", command, "<= 5 MB",
               r["bytes"] <= TARGET_BYTES, note=scope),
        Figure(f"HTML page of the {label} graph: write_html time", r["seconds"], "s", command,
               # sampled PSS, not ru_maxrss: a child's ru_maxrss starts at its parent's peak (run_all's)
               note=f"graph.json loaded in {r['load_seconds']:.1f} s (not timed here); peak memory "
                    f"{m.peak_tree_rss_bytes / 1024**2:,.0f} MB (PSS, sampled), of which the page adds "
                    f"{r['html_rss_kb'] / 1024:,.0f} MB",
               extra={"peak_rss_mb": m.peak_tree_rss_bytes / 1024**2, "load_s": r["load_seconds"]}),
    ]


def measure_focus(graph_dir: Path, label: str, timeout: float = 600.0) -> list[Figure]:
    """``citegraph viz DIR --focus NAME`` around the most mentioned model (from the counts saved
    with the graph): wall time and peak memory of the whole command."""
    summary = summary_of_saved(graph_dir) or {}
    top = (summary.get("top") or {}).get("Model") or []
    command = f"python benchmarks/bench_html_size.py {rel(graph_dir)} --focus-top-model"
    if not top:
        return [Figure(f"focus page around the top model ({label})", None, "s", command,
                       note="no saved counts with a top model in graph.json")]
    name = top[0][0]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "focus.html"
        m = run_measured([CITEGRAPH, "viz", str(graph_dir), "--focus", name, "-o", str(page)], timeout=timeout)
        size = page.stat().st_size if page.exists() else 0
    if m.returncode != 0:
        why = f"not finished after {timeout:.0f} s" if m.seconds >= timeout else \
            (m.stderr.strip().splitlines() or ["?"])[-1][:160]
        return [Figure(f"focus page around {name} ({label})", None, "s", command, note=why)]
    return [Figure(f"focus page around {name}, depth 2 ({label}): citegraph viz", m.seconds, "s",
                   f"citegraph viz {rel(graph_dir)} --focus {name}",
                   note=f"whole command, graph.json loading included; peak RSS {m.peak_rss_bytes / 1024**2:,.0f} MB; "
                        f"page {size / 1024**2:.2f} MB; {name} is named by {top[0][1]:,} papers")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generation time and size of the default HTML page.",
                                 epilog="example: python benchmarks/bench_html_size.py benchmarks/data/out-10000")
    ap.add_argument("graph_dirs", type=Path, nargs="+")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--focus-top-model", action="store_true", help="also time a focus page around the top model")
    args = ap.parse_args(argv)
    for d in args.graph_dirs:
        figures = measure(d, d.name, args.timeout) + (measure_focus(d, d.name, args.timeout)
                                                       if args.focus_top_model else [])
        for f in figures:
            print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
