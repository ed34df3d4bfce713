"""End-to-end ``citegraph build`` on synthetic corpora: wall time and peak memory.

Runs the real command in a child process, exactly as a user would::

    citegraph build benchmarks/data/synthetic-100000-s0.jsonl --workers 2 --no-html -o benchmarks/data/out-100000

and reports its wall time, the peak RSS of the main process (``ru_maxrss``, what
``/usr/bin/time -v`` prints) and the peak memory of the whole process tree (main +
extraction workers, PSS so shared pages count once, sampled every 50 ms for 2 s, then every
0.5 s). The HTML page is measured on its own (``bench_html_size.py``), so ``--no-html`` here.

Usage::

    python benchmarks/bench_build.py 10k 100k --workers 2
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CITEGRAPH, DATA_DIR, Figure, rel, run_measured  # noqa: E402
from generate_corpus import ensure_corpus, parse_size  # noqa: E402

TARGET_SECONDS_100K = 120.0
TARGET_RSS_100K = 2 * 1024**3
TARGET_RATIO = 12.0


@dataclass
class BuildRun:
    papers: int
    seconds: float
    peak_rss: int
    peak_tree_rss: int
    cpu_seconds: float
    out_dir: Path
    command: str
    extra: tuple[str, ...] = ()


def out_dir_for(size: int, variant: str = "") -> Path:
    return DATA_DIR / f"out-{size}{variant}"


def run_build(size: int, workers: int = 2, extra: tuple[str, ...] = ()) -> BuildRun:
    """Build the synthetic corpus of ``size`` papers with the CLI; raise if the command fails."""
    corpus = ensure_corpus(size)
    out = out_dir_for(size, "".join(extra).replace("--", "-"))
    args = ["build", rel(corpus), "--workers", str(workers), *extra, "--no-html", "-o", rel(out)]
    m = run_measured([CITEGRAPH, *args])
    if m.returncode != 0:
        raise RuntimeError(f"citegraph build failed ({m.returncode}): {m.stderr.strip()[-500:]}")
    return BuildRun(size, m.seconds, m.peak_rss_bytes, m.peak_tree_rss_bytes, m.cpu_seconds, out,
                    "/usr/bin/time -v citegraph " + " ".join(args), extra)


def _edges(out: Path) -> int:
    """Edges in ``out/graph.json``, counted in a child process: parsed here, the 100k document
    (~4.7 GB) would raise this process's RSS, and every child started afterwards reports this
    process's high-water mark as its own ``ru_maxrss`` (it is recorded when the child execs)."""
    import subprocess

    code = "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))['edges']))"
    done = subprocess.run([sys.executable, "-c", code, str(out / "graph.json")], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def figures_for(runs: list[BuildRun]) -> list[Figure]:
    figures = []
    by_size = {r.papers: r for r in runs if not r.extra}
    for r in runs:
        big = r.papers == 100_000 and not r.extra
        label = f"{r.papers // 1000}k" + (f" {' '.join(r.extra)}" if r.extra else "")
        figures.append(Figure(f"build {label} papers end to end, --workers 2", r.seconds, "s", r.command,
                              f"<= {TARGET_SECONDS_100K:.0f} s" if big else "",
                              (r.seconds <= TARGET_SECONDS_100K) if big else None,
                              note=f"CPU {r.cpu_seconds:.0f} s (user+sys, all processes): less noisy than wall "
                                   f"time on a shared machine; {_edges(r.out_dir):,} edges"))
        figures.append(Figure(f"build {label}: peak RSS, main process", r.peak_rss / 1024**2, "MB", r.command,
                              "<= 2,048 MB" if big else "", (r.peak_rss <= TARGET_RSS_100K) if big else None))
        figures.append(Figure(f"build {label}: peak RSS, main + workers (PSS, sampled)", r.peak_tree_rss / 1024**2,
                              "MB", r.command, "<= 2,048 MB" if big else "",
                              (r.peak_tree_rss <= TARGET_RSS_100K) if big else None))
    if 10_000 in by_size and 100_000 in by_size:
        ratio = by_size[100_000].seconds / by_size[10_000].seconds
        figures.append(Figure("build time ratio 100k / 10k", ratio, "x", "python benchmarks/bench_build.py 10k 100k",
                              f"<= {TARGET_RATIO:.0f}", ratio <= TARGET_RATIO, note="10x the papers"))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="End-to-end build time and peak RSS.",
                                 epilog="example: python benchmarks/bench_build.py 10k 100k --workers 2")
    ap.add_argument("sizes", nargs="*", type=parse_size, default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    runs = [run_build(size, args.workers) for size in args.sizes]
    for f in figures_for(runs):
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
