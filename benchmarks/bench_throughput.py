"""Extraction throughput: abstracts per second per core, with the pipeline's default extractor.

One process extracts every paper of a corpus (loading is not timed, nor is the one-off load
of the gazetteer, ~0.2 s per process: it is given on its own). The figure is papers per
CPU-second of that one process (``time.process_time``), i.e. per core; the wall-clock rate is
given next to it. ``--workers 2`` also times the parallel path (total papers per wall-clock
second over all workers, pickling included).

On the small sample corpus the same work is timed in :data:`PASSES` passes of at least
half a second each (whole sweeps over the corpus), and the figure is the best pass, as
Python's ``timeit`` reports the fastest repeat: the work is identical in every pass, so
a slower pass measures another job sharing the core (its CPU time too grows, up to 1.6x
here: see the core check), not the code. The median pass and the rate over all passes
are given beside it.

Usage::

    python benchmarks/bench_throughput.py                       # sample + synthetic 10k, typical and dense
    python benchmarks/bench_throughput.py --corpus sample       # the sample only: 7 passes, the best and the median
    python benchmarks/bench_throughput.py --corpus benchmarks/data/synthetic-10000-s0.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import IDLE_CORE_CHECK, Figure, core_check_seconds, rel, sample_inputs  # noqa: E402
from generate_corpus import ensure_corpus  # noqa: E402

from citegraph.loaders.extractor import RuleExtractor  # noqa: E402
from citegraph.loaders.gazetteer import default_gazetteer  # noqa: E402
from citegraph.pipeline import iter_extract, load_papers  # noqa: E402

TARGET = 2000.0


PASSES = 7


def papers_per_second(inputs: list[Path], workers: int = 1, min_seconds: float = 3.0) -> tuple[float, float, int]:
    """(papers per CPU-second of this process, papers per wall second, papers extracted)
    of ``iter_extract`` over the papers of ``inputs``, repeated until ``min_seconds`` have gone by."""
    papers = load_papers(inputs)
    done = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while True:
        for _ in iter_extract(papers, workers=workers):
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / max(time.process_time() - cpu_start, 1e-9), done / elapsed, done


@dataclass
class Passes:
    """Per-core rates (papers per CPU-second) of repeated passes over the same papers."""

    rates: list[float]
    overall: float  # all passes together, per CPU-second
    wall: float  # all passes together, per wall-clock second
    papers: int  # extractions in all passes

    @property
    def best(self) -> float:
        return max(self.rates)

    @property
    def median(self) -> float:
        return statistics.median(self.rates)


def pass_rates(inputs: list[Path], passes: int = PASSES, min_pass_seconds: float = 0.5) -> Passes:
    """Time ``passes`` passes of one process over the papers of ``inputs``, each whole sweeps
    over them until ``min_pass_seconds`` of CPU have gone by."""
    papers = load_papers(inputs)
    extractor = RuleExtractor()
    rates, total = [], 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(passes):
        done, c0 = 0, time.process_time()
        while (cpu := time.process_time() - c0) < min_pass_seconds:
            for paper in papers:
                extractor.extract(paper)
            done += len(papers)
        rates.append(done / cpu)
        total += done
    return Passes(rates, total / (time.process_time() - cpu_start), total / (time.perf_counter() - start), total)


def mentions_per_abstract(inputs: list[Path], limit: int = 2000) -> float:
    """Mentions the extractor finds per paper over the first ``limit`` papers of ``inputs``
    (untimed: it says how name-dense a corpus is, which sets the cost of an abstract)."""
    papers = load_papers(inputs)[:limit]
    extractor = RuleExtractor()
    return sum(len(e.mentions) for p in papers for e in extractor.extract(p)) / max(len(papers), 1)


def gazetteer_load_seconds() -> float:
    """Load and compile the default gazetteer now (once per process, as each worker does when it
    starts), so that the figures time extraction only: its CPU seconds (0 if already loaded)."""
    c0 = time.process_time()
    default_gazetteer()
    return time.process_time() - c0


def _passes_note(timed: Passes, load: float, before: float) -> str:
    return (f"per CPU-second; passes of >= 0.5 s: median {timed.median:,.0f}, slowest {min(timed.rates):,.0f}, "
            f"all {len(timed.rates)} together {timed.overall:,.0f} ({timed.wall:,.0f}/s wall clock, {timed.papers:,} "
            f"papers extracted); gazetteer load {load:.2f} s CPU before timing (once per process); "
            + core_check_note(before))


def core_check_note(before: float) -> str:
    """The core check before a measurement (``before``) and now, next to its idle value."""
    return f"core check {before:.2f} s before, {core_check_seconds():.2f} s after ({IDLE_CORE_CHECK} on an idle core)"


def measure(size: int = 10_000, workers: int = 2) -> list[Figure]:
    """Throughput on the sample corpus and on the synthetic corpora of ``size`` papers (typical
    name density, then dense)."""
    figures = []
    sample = sample_inputs()
    load = gazetteer_load_seconds()
    before = core_check_seconds()
    timed = pass_rates(sample)
    figures.append(Figure(
        f"extraction, sample corpus ({len(load_papers(sample))} papers), 1 process, best of {PASSES} passes",
        timed.best, "abstracts/s/core", "python benchmarks/bench_throughput.py --corpus sample", f">= {TARGET:,.0f}",
        timed.best >= TARGET, note=_passes_note(timed, load, before)))
    sparse = mentions_per_abstract(sample)
    typical = ensure_corpus(size, profile="typical")
    rate_t, wall_t, _ = papers_per_second([typical], min_seconds=1.0)
    density_t = mentions_per_abstract([typical])
    figures.append(Figure(
        f"extraction, synthetic {size // 1000}k of typical name density, 1 process", rate_t, "abstracts/s/core",
        f"python benchmarks/bench_throughput.py --corpus {rel(typical)}", f">= {TARGET:,.0f}", rate_t >= TARGET,
        note=f"per CPU-second; {wall_t:,.0f}/s wall clock; {density_t:.1f} mentions an abstract against "
             f"{sparse:.1f} in the sample (`generate_corpus.py --profile typical`: sentences that name nothing "
             "around a few that do, calibrated on the sample)"))
    corpus = ensure_corpus(size)
    rate, wall_rate, n = papers_per_second([corpus], min_seconds=1.0)
    dense = mentions_per_abstract([corpus])
    figures.append(Figure(
        f"extraction, synthetic {size // 1000}k dense (stress corpus), 1 process", rate, "abstracts/s/core",
        f"python benchmarks/bench_throughput.py --corpus {rel(corpus)}", f">= {TARGET:,.0f}", rate >= TARGET,
        stress=True,
        note=f"per CPU-second; {wall_rate:,.0f}/s wall clock; {dense:.1f} mentions an abstract, above the "
             f"sample's 99th percentile: {rate * dense:,.0f} mentions/s here, {rate_t * density_t:,.0f} on the "
             f"typical corpus, {timed.best * sparse:,.0f} on the sample (the cost follows the names)"))
    if workers > 1:
        _, rate_w, _ = papers_per_second([corpus], workers=workers, min_seconds=1.0)
        figures.append(Figure(
            f"extraction, synthetic {size // 1000}k dense, --workers {workers} (total)", rate_w, "abstracts/s",
            f"python benchmarks/bench_throughput.py --corpus {rel(corpus)} --workers {workers}",
            note=f"wall clock; {rate_w / wall_rate:.2f}x the 1-process wall-clock rate of the same run"))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction throughput (abstracts/s/core).",
                                 epilog="example: python benchmarks/bench_throughput.py --corpus sample")
    ap.add_argument("--corpus", help="'sample' (the shared listing pages) or a corpus file; default: the "
                                     "sample and the synthetic 10k corpora (typical and dense)")
    ap.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    args = ap.parse_args(argv)
    if args.corpus is None:
        figures = measure(workers=args.workers)
    else:
        inputs = sample_inputs() if args.corpus == "sample" else [Path(args.corpus)]
        load = gazetteer_load_seconds()
        before = core_check_seconds()
        if args.corpus == "sample" and args.workers == 1:
            timed = pass_rates(inputs)
            figures = [Figure(f"extraction, sample, best of {PASSES} passes", timed.best, "abstracts/s/core", "",
                              note=_passes_note(timed, load, before))]
        elif args.workers == 1:
            rate, wall_rate, n = papers_per_second(inputs)
            figures = [Figure(f"extraction, {args.corpus}", rate, "abstracts/s/core", "",
                              note=f"per CPU-second; {wall_rate:,.0f}/s wall clock, {n:,} papers; gazetteer "
                                   f"load {load:.2f} s before timing; " + core_check_note(before))]
        else:
            _, wall_rate, _ = papers_per_second(inputs, workers=args.workers)
            figures = [Figure(f"extraction, {args.corpus}", wall_rate, f"abstracts/s over {args.workers} workers",
                              "", note="wall clock")]
    for f in figures:
        print(f"{f.name}: {f.shown_value()} {f.verdict()} {f.note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
