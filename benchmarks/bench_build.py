"""End-to-end ``citegraph build`` on synthetic corpora: wall time and peak memory.

Runs the real command in a child process, exactly as a user would::

    citegraph build benchmarks/data/synthetic-100000-s0.jsonl --workers 2 --no-html -o benchmarks/data/out-100000

and reports its wall time, the peak RSS of the main process (``ru_maxrss``, what
``/usr/bin/time -v`` prints) and the peak memory of the whole process tree (main +
extraction workers, PSS so shared pages count once, sampled every 50 ms for 2 s, then every
0.5 s). The HTML page is measured on its own (``bench_html_size.py``), so ``--no-html`` here.

``--runs N`` builds each corpus N times: the time is the fastest run (as ``timeit`` and
``hyperfine`` report their minimum: the work is the same, and a slower run measures other jobs
holding the cores), every run's time and CPU are given beside it, and the memory figures are
the largest of all runs.

Usage::

    python benchmarks/bench_build.py 10k 100k --workers 2 --runs 2
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CITEGRAPH, DATA_DIR, Figure, rel, run_measured  # noqa: E402
from generate_corpus import PROFILES, ensure_corpus, parse_size  # noqa: E402

TARGET_SECONDS_100K = 120.0
TARGET_RSS_100K = 2 * 1024**3
TARGET_RATIO = 12.0


@dataclass
class BuildRun:
    """One corpus built ``len(all_seconds)`` times: the fastest time, the largest memory."""

    papers: int
    seconds: float
    peak_rss: int
    peak_tree_rss: int
    cpu_seconds: float  # of the fastest run
    out_dir: Path
    command: str
    extra: tuple[str, ...] = ()
    profile: str = "dense"  # of the synthetic corpus (generate_corpus.PROFILES)
    all_seconds: tuple[float, ...] = ()
    all_cpu_seconds: tuple[float, ...] = ()

    @property
    def label(self) -> str:
        """``100k typical``, ``100k dense``, ``10k dense --min-co-mentions 2``."""
        return " ".join([f"{self.papers // 1000}k", self.profile, *self.extra])

    def runs_note(self) -> str:
        """Every run's wall and CPU time, when there were several."""
        if len(self.all_seconds) < 2:
            return ""
        runs = "; ".join(f"{w:.1f} s ({c:.0f} s CPU)" for w, c in zip(self.all_seconds, self.all_cpu_seconds,
                                                                       strict=True))
        return f"fastest of {len(self.all_seconds)} runs: {runs}; "


def out_dir_for(size: int, variant: str = "") -> Path:
    return DATA_DIR / f"out-{size}{variant}"


def run_build(size: int, workers: int = 2, extra: tuple[str, ...] = (), runs: int = 1,
              profile: str = "dense") -> BuildRun:
    """Build the synthetic corpus of ``size`` papers (of ``profile``) with the CLI ``runs`` times;
    raise if the command fails."""
    corpus = ensure_corpus(size, profile=profile)
    out = out_dir_for(size, "".join(extra).replace("--", "-") + ("" if profile == "dense" else f"-{profile}"))
    args = ["build", rel(corpus), "--workers", str(workers), *extra, "--no-html", "-o", rel(out)]
    measured = []
    for _ in range(runs):
        m = run_measured([CITEGRAPH, *args])
        if m.returncode != 0:
            raise RuntimeError(f"citegraph build failed ({m.returncode}): {m.stderr.strip()[-500:]}")
        measured.append(m)
    fastest = min(measured, key=lambda m: m.seconds)
    return BuildRun(size, fastest.seconds, max(m.peak_rss_bytes for m in measured),
                    max(m.peak_tree_rss_bytes for m in measured), fastest.cpu_seconds, out,
                    "/usr/bin/time -v citegraph " + " ".join(args), extra, profile,
                    tuple(m.seconds for m in measured), tuple(m.cpu_seconds for m in measured))


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
    """Rows of ``runs``: the 100k targets apply to plain builds (no extra options); those of the
    dense corpus are stress rows (``Figure.stress``), the typical corpus's are the targets."""
    figures = []
    for r in runs:
        big = r.papers == 100_000 and not r.extra
        stress = r.profile == "dense"
        figures.append(Figure(f"build {r.label} papers end to end, --workers 2", r.seconds, "s", r.command,
                              f"<= {TARGET_SECONDS_100K:.0f} s" if big else "",
                              (r.seconds <= TARGET_SECONDS_100K) if big else None,
                              note=f"{r.runs_note()}CPU {r.cpu_seconds:.0f} s (user+sys, all processes): less "
                                   f"noisy than wall time on a shared machine; {_edges(r.out_dir):,} edges",
                              stress=big and stress))
        largest = f"the largest of {len(r.all_seconds)} runs" if len(r.all_seconds) > 1 else ""
        figures.append(Figure(f"build {r.label}: peak RSS, main process", r.peak_rss / 1024**2, "MB", r.command,
                              "<= 2,048 MB" if big else "", (r.peak_rss <= TARGET_RSS_100K) if big else None,
                              note=largest, stress=big and stress))
        figures.append(Figure(f"build {r.label}: peak RSS, main + workers (PSS, sampled)", r.peak_tree_rss / 1024**2,
                              "MB", r.command, "<= 2,048 MB" if big else "",
                              (r.peak_tree_rss <= TARGET_RSS_100K) if big else None, note=largest,
                              stress=big and stress))
    plain = {(r.profile, r.papers): r for r in runs if not r.extra}
    for profile in PROFILES:
        small, large = plain.get((profile, 10_000)), plain.get((profile, 100_000))
        if small is None or large is None:
            continue
        ratio = large.seconds / small.seconds
        figures.append(Figure(f"build time ratio 100k / 10k, {profile}", ratio, "x",
                              f"python benchmarks/bench_build.py 10k 100k --profile {profile}",
                              f"<= {TARGET_RATIO:.0f}", ratio <= TARGET_RATIO,
                              note="10x the papers" + ("; fastest runs" if len(small.all_seconds) > 1 else ""),
                              stress=profile == "dense"))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="End-to-end build time and peak RSS.",
                                 epilog="example: python benchmarks/bench_build.py 10k 100k --workers 2 --runs 2")
    ap.add_argument("sizes", nargs="*", type=parse_size, default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=1, help="builds of each corpus; the fastest is reported (default 1)")
    ap.add_argument("--profile", choices=PROFILES, default="dense",
                    help="synthetic corpus: dense (the stress corpus, default) or typical (real name density)")
    args = ap.parse_args(argv)
    runs = [run_build(size, args.workers, runs=args.runs, profile=args.profile) for size in args.sizes]
    for f in figures_for(runs):
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
