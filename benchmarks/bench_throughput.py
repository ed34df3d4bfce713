"""Extraction throughput: abstracts per second per core, with the pipeline's default extractor.

One process extracts every paper of a corpus (loading is not timed); on the small
sample corpus the pass is repeated until ``min_seconds`` have gone by. The figure is
papers / second of one process, i.e. per core. ``--workers 2`` also times the
parallel path (total papers/s over all workers, pickling included).

Usage::

    python benchmarks/bench_throughput.py                       # sample corpus + synthetic 10k
    python benchmarks/bench_throughput.py --corpus benchmarks/data/synthetic-10000-s0.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, rel, sample_inputs  # noqa: E402
from generate_corpus import ensure_corpus  # noqa: E402

from citegraph.pipeline import iter_extract, load_papers  # noqa: E402

TARGET = 2000.0


def papers_per_second(inputs: list[Path], workers: int = 1, min_seconds: float = 3.0) -> tuple[float, int]:
    """(papers/s, papers extracted) of ``iter_extract`` over the papers of ``inputs``."""
    papers = load_papers(inputs)
    done = 0
    start = time.perf_counter()
    while True:
        for _ in iter_extract(papers, workers=workers):
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed, done


def measure(size: int = 10_000, workers: int = 2) -> list[Figure]:
    """Throughput on the sample corpus and on the synthetic corpus of ``size`` papers."""
    figures = []
    sample = sample_inputs()
    rate, n = papers_per_second(sample)
    figures.append(Figure(
        f"extraction, sample corpus ({len(load_papers(sample))} papers), 1 process", rate, "abstracts/s/core",
        "python benchmarks/bench_throughput.py --corpus sample", f">= {TARGET:,.0f}", rate >= TARGET,
        extra={"papers": n}))
    corpus = ensure_corpus(size)
    rate, n = papers_per_second([corpus], min_seconds=1.0)
    figures.append(Figure(
        f"extraction, synthetic {size // 1000}k, 1 process", rate, "abstracts/s/core",
        f"python benchmarks/bench_throughput.py --corpus {rel(corpus)}", f">= {TARGET:,.0f}", rate >= TARGET))
    if workers > 1:
        rate_w, _ = papers_per_second([corpus], workers=workers, min_seconds=1.0)
        figures.append(Figure(
            f"extraction, synthetic {size // 1000}k, --workers {workers} (total)", rate_w, "abstracts/s",
            f"python benchmarks/bench_throughput.py --corpus {rel(corpus)} --workers {workers}",
            note=f"speed-up {rate_w / rate:.2f}x over 1 process"))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction throughput (abstracts/s/core).",
                                 epilog="example: python benchmarks/bench_throughput.py --corpus sample")
    ap.add_argument("--corpus", help="'sample' (the shared listing pages) or a corpus file; default: both "
                                     "the sample and the synthetic 10k corpus")
    ap.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    args = ap.parse_args(argv)
    if args.corpus is None:
        figures = measure(workers=args.workers)
    else:
        inputs = sample_inputs() if args.corpus == "sample" else [Path(args.corpus)]
        rate, n = papers_per_second(inputs, workers=args.workers)
        per = "abstracts/s" + ("/core" if args.workers == 1 else f" over {args.workers} workers")
        figures = [Figure(f"extraction, {args.corpus}", rate, per, "", extra={"papers": n})]
    for f in figures:
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
