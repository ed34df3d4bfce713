"""Throughput of the extraction stage (abstracts per second on one core).

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_extract.py [INPUT ...] [--repeat N]

INPUT defaults to ``../shared/corpus/hf-daily-papers`` (the shared daily listing pages).
Papers are loaded and de-duplicated once; the timed part is ``RuleExtractor.extract`` over
every paper, ``--repeat`` times, in this one process (one core). The figure per core is
CPU time of this process (``time.process_time``), so other jobs on a shared machine do not
skew it; wall-clock throughput is printed too. The gazetteer is loaded and compiled before
timing starts; its load time is printed separately. Later passes reuse per-name caches
(tokens and names repeat across abstracts), so the first pass is printed on its own as well.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from citegraph.loaders.extractor import RuleExtractor
from citegraph.loaders.gazetteer import default_gazetteer
from citegraph.pipeline import load_papers

DEFAULT_INPUT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "hf-daily-papers"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", default=[str(DEFAULT_INPUT)])
    ap.add_argument("--repeat", type=int, default=5, help="passes over the papers (default 5)")
    args = ap.parse_args(argv)

    papers = [p for p in load_papers(args.inputs) if p.abstract]
    if not papers:
        print(f"no paper with an abstract in {args.inputs}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    default_gazetteer.cache_clear()
    extractor = RuleExtractor()
    load_s = time.perf_counter() - t0
    extractor.extract(papers[0])  # warm regex caches

    n = entities = 0
    t0, c0 = time.perf_counter(), time.process_time()
    first_cpu = 0.0
    for r in range(args.repeat):
        for p in papers:
            entities += len(extractor.extract(p))
            n += 1
        if r == 0:
            first_cpu = time.process_time() - c0
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(len(p.text) for p in papers) / len(papers)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, "
          f"{os.cpu_count()} cpus, one process")
    print(f"gazetteer load+compile: {load_s:.3f} s ({len(extractor.gazetteer.entries)} entries)")
    print(f"papers: {len(papers)} (mean {chars:.0f} chars), passes: {args.repeat}, extractions: {n}")
    print(f"entities per paper: {entities / n:.2f}")
    print(f"throughput (CPU time of this process): {n / cpu:,.0f} abstracts/s per core ({1000 * cpu / n:.3f} ms each)")
    print(f"throughput (wall clock, shared machine): {n / secs:,.0f} abstracts/s")
    print(f"first pass only (per-name caches still cold): {len(papers) / first_cpu:,.0f} abstracts/s per core")
    c0 = time.process_time()
    sum(range(10**7))
    print(f"calibration: sum(range(10**7)) took {time.process_time() - c0:.3f} s CPU "
          "(about 0.12-0.15 s on an idle modern core; higher means the core is shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
