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

``--rules`` also times each whole-text step of the extractor on its own (the candidate rules,
the gazetteer search, sentence splitting): microseconds an abstract, the best of ``--repeat``
passes, so that a change to one step can be measured below the noise of whole extractions.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import IDLE_CORE_CHECK, core_check_seconds  # noqa: E402

from citegraph.loaders import extract_rules, name_shapes
from citegraph.loaders.extract_filters import url_spans
from citegraph.loaders.extractor import RuleExtractor
from citegraph.loaders.gazetteer import default_gazetteer
from citegraph.loaders.sentences import split_sentences
from citegraph.models import Paper
from citegraph.pipeline import load_papers

DEFAULT_INPUT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "hf-daily-papers"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", default=[str(DEFAULT_INPUT)])
    ap.add_argument("--repeat", type=int, default=5, help="passes over the papers (default 5)")
    ap.add_argument("--rules", action="store_true", help="also time each whole-text step on its own")
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
    if args.rules:
        print_rule_times(extractor, papers, args.repeat)
    print(f"calibration: sum(range(10**7)) took {core_check_seconds():.3f} s CPU "
          f"(about {IDLE_CORE_CHECK} on an idle core; higher means the core is shared)")
    return 0


def print_rule_times(extractor: RuleExtractor, papers: list[Paper], repeat: int) -> None:
    """CPU microseconds an abstract of each whole-text step, best of ``repeat`` passes."""
    texts = [p.text for p in papers]
    steps: list[tuple[str, Callable[[str], object]]] = [
        ("sentence splitting", split_sentences),
        ("gazetteer search", extractor.gazetteer.find),
        ("model-name grammar", extractor.grammar.find),
        ("acronym definitions", extract_rules.acronym_definitions),
        ("coined tokens", name_shapes.coined_tokens),
        ("title-case names", name_shapes.titlecase_names),
        ("typed cues", name_shapes.typed_cues),
        ("naming cues", extract_rules.naming_cues),
        ("URL spans", url_spans),
    ]
    print("whole-text steps, CPU per abstract (best pass):")
    for name, step in steps:
        best = float("inf")
        for _ in range(max(repeat, 1)):
            c0 = time.process_time()
            for text in texts:
                step(text)
            best = min(best, time.process_time() - c0)
        print(f"  {name:22s} {1e6 * best / len(texts):7.1f} us")


if __name__ == "__main__":
    sys.exit(main())
