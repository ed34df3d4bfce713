"""Time graph building (edges) and the analysis queries on a synthetic corpus.

    .venv/bin/python benchmarks/bench_edges.py [N_PAPERS]     # default 50000

Each paper names ~8 entities drawn from a Zipf-like vocabulary (few very common
names, many rare ones), spread over 4 sentences of the form "A on B on C." (so
evaluation cues fire); 5% of papers introduce one name.
"""

from __future__ import annotations

import random
import sys
import time
import zlib

from citegraph.graph import build_graph
from citegraph.models import EntityType, Mention, Paper, PaperEntity
from citegraph.queries import communities, neighbors, rising_entities, similar_papers, top_entities

TYPES = list(EntityType)


def corpus(n: int, seed: int = 0) -> list[tuple[Paper, list[PaperEntity]]]:
    rng = random.Random(seed)
    vocab = max(1000, n // 5)
    weights = [1.0 / (rank + 1) for rank in range(vocab)]
    out = []
    for i in range(n):
        date = f"--{1 + i * 12 // n:02d}-{1 + i % 28:02d}"
        names = sorted({f"Ent{j}" for j in rng.choices(range(vocab), weights, k=8)})
        where = {name: rng.randrange(4) for name in names}
        text = {idx: " on ".join(n for n in names if where[n] == idx) + "." for idx in range(4)}
        ents = []
        for name in names:
            idx = where[name]
            ents.append(PaperEntity(name, TYPES[zlib.crc32(name.encode()) % 4],
                                    mentions=[Mention(name, 0, len(name), text[idx], idx)]))
        if rng.random() < 0.05:
            ents[0].introduced = True
        out.append((Paper(id=f"paper:{i:07d}", title=f"Paper {i}", listing_dates=[date]), ents))
    return out


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<28} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    data = corpus(n)
    G = timed(f"build_graph ({n} papers)", lambda: build_graph(data))
    counts: dict[str, int] = {}
    for _, _, t in G.edges(data="type"):
        counts[t] = counts.get(t, 0) + 1
    print("edges:", counts)
    timed("top_entities pagerank", lambda: top_entities(G, by="pagerank"))
    timed("neighbors (most common)", lambda: neighbors(G, "Ent0"))
    timed("communities", lambda: communities(G, min_papers=2))
    timed("rising_entities", lambda: rising_entities(G))
    timed("similar_papers", lambda: similar_papers(G, "paper:0000001"))


if __name__ == "__main__":
    main()
