"""Speed of the format loaders and of cross-source de-duplication on a large synthetic snapshot.

Run: .venv/bin/python benchmarks/bench_formats.py [N]   (default N = 200000 lines)

Writes N arXiv-snapshot lines (the 200 real lines of ../shared, ids and titles
varied; every 10th line repeats the paper five lines above (same id: merged), and
1 % repeat another line's title under their own arXiv id (kept apart)), then
times streaming them and merging the papers (expect 0.9 N papers). Prints lines/s
and the peak memory of a streamed pass.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from citegraph.loaders import iter_papers, merge_papers

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE = SHARED / "corpus/formats/arxiv-snapshot/kaggle-snapshot-head200.jsonl"


def write_snapshot(path: Path, n: int) -> None:
    base = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(base[i % len(base)])
            j = i - 5 if i % 10 == 5 else i  # every 10th line repeats the paper 5 lines above
            rec["id"] = f"{2000 + j // 100000:04d}.{j % 100000:05d}"
            rec["doi"] = None
            if i % 100 == 0 and i:  # same title as the line before, own arXiv id
                j = i - 1
            rec["title"] = " ".join(base[j % len(base)]["title"].split() + [f"part {j}"])
            fh.write(json.dumps(rec) + "\n")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snapshot.jsonl"
        write_snapshot(path, n)
        t0 = time.perf_counter()
        papers = list(iter_papers([path], format="arxiv-snapshot"))
        t1 = time.perf_counter()
        merged = merge_papers(papers)
        t2 = time.perf_counter()
        tracemalloc.start()  # memory measured on a second, streamed pass (tracemalloc slows Python down)
        count = sum(1 for _ in iter_papers([path], format="arxiv-snapshot"))
        peak = tracemalloc.get_traced_memory()[1]
        assert count == n
    print(f"lines: {n}, papers: {len(papers)}, after merge: {len(merged)}")
    print(f"load: {t1 - t0:.1f} s ({n / (t1 - t0):,.0f} lines/s); merge: {t2 - t1:.1f} s; "
          f"peak memory while streaming {peak / 1e3:.0f} kB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
