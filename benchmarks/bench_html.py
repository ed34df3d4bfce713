"""Benchmark the graph page: generation time, file size, time to interactive in headless Chromium.

Usage (from the repository root, after `make test` created .venv):

    .venv/bin/python benchmarks/bench_html.py                    # the sample corpus (../shared, else examples/)
    .venv/bin/python benchmarks/bench_html.py --synthetic 20000  # plus a synthetic corpus of 20,000 papers
    .venv/bin/python benchmarks/bench_html.py --json             # machine-readable
    .venv/bin/python benchmarks/bench_html.py --graph benchmarks/data/out-10000   # a saved graph's default page
    .venv/bin/python benchmarks/bench_html.py --page old.html new.html            # pages already written

Pages measured: the default page (top 300 entities and their papers, what `build`
writes), the page with everything (`--all`), and the entity co-mention map.
Time to interactive = from navigation start until the network is drawn and the
controls are wired (the page sets `citegraph.readyAt`), median of --runs fresh
loads; "filter" = one papers-off/on round trip and "search" = find + select a node,
both measured inside the page.
Budget from issue 6: interactive < 3 s and < 5 MB for the sample corpus page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import citegraph  # noqa: E402
from citegraph.graph import build_graph  # noqa: E402
from citegraph.models import EntityType, Mention, Paper, PaperEntity  # noqa: E402
from citegraph.viz import ViewOptions, render_html, select_view  # noqa: E402
from citegraph.viz.browser import console_errors, make_driver, open_page  # noqa: E402

TTI_BUDGET_MS, SIZE_BUDGET = 3000.0, 5_000_000


def sample_inputs() -> list[Path]:
    shared = REPO.parent / "shared" / "corpus" / "hf-daily-papers"
    pages = sorted(shared.glob("*.txt")) if shared.is_dir() else []
    return pages or sorted((REPO / "examples").glob("*.txt"))


def synthetic_graph(n_papers: int, seed: int = 1):
    """Papers naming 2-8 entities each, entity popularity Zipf-like, across four types."""
    rng = random.Random(seed)
    types = list(EntityType)
    n_entities = max(50, n_papers // 3)
    weights = [1 / (i + 1) ** 1.1 for i in range(n_entities)]
    names = [f"Ent{i}-{types[i % 4].value}" for i in range(n_entities)]
    extractions, introduced = [], set()
    for p in range(n_papers):
        paper = Paper(id=f"paper:s{p}", title=f"Synthetic paper {p} <about> & \"things\"",
                      listing_dates=[f"2024-{1 + p % 12:02d}-{1 + p % 28:02d}"])
        picked = sorted(set(rng.choices(range(n_entities), weights=weights, k=rng.randint(2, 8))))
        fresh = {i for i in picked if i not in introduced}  # the first paper naming an entity introduces it
        introduced |= fresh
        ents = [PaperEntity(names[i], types[i % 4], introduced=i in fresh,
                            mentions=[Mention(names[i], 0, len(names[i]), f"We use {names[i]} here.")])
                for i in picked]
        extractions.append((paper, ents))
    return build_graph(extractions)


def measure(G, label: str, view: ViewOptions, driver, runs: int, workdir: Path, repeats: int = 3) -> dict:
    times, page = [], ""
    for _ in range(repeats):
        start = time.perf_counter()
        page = render_html(G, view)
        times.append(time.perf_counter() - start)
    selected = select_view(G, view).graph
    path = workdir / f"{label}.html"
    path.write_text(page, encoding="utf-8")
    return {"page": label, "nodes": selected.number_of_nodes(), "edges": selected.number_of_edges(),
            "generate_s": round(statistics.median(times), 2), **in_browser(path, driver, runs)}


def in_browser(path: Path, driver, runs: int) -> dict:
    """Size, time to interactive, filter and search times of the page at ``path`` (medians of ``runs`` loads)."""
    tti, filt, search = [], [], []
    for _ in range(runs):
        tti.append(open_page(driver, path))
        filt.append(driver.execute_script("""
            const t = performance.now(), box = document.getElementById('papers');
            if (!box) return 0;
            box.click(); box.click(); return performance.now() - t;"""))
        search.append(driver.execute_script("""
            const t = performance.now(), id = citegraph.find('gpt');
            if (id !== null) citegraph.focusNode(id, false);
            return performance.now() - t;"""))
    errors = console_errors(driver)
    return {"bytes": path.stat().st_size,
            "tti_ms": round(statistics.median(tti)), "tti_max_ms": round(max(tti)),
            "filter_ms": round(statistics.median(filt)), "search_ms": round(statistics.median(search)),
            "console_errors": len(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="corpus files (default: the sample corpus)")
    parser.add_argument("--runs", type=int, default=5, help="browser loads per page (median reported)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also a synthetic corpus of N papers")
    parser.add_argument("--graph", type=Path, action="append", default=[], metavar="DIR",
                        help="also the default page of the graph saved in DIR (generated once)")
    parser.add_argument("--page", type=Path, nargs="+", default=[], metavar="HTML",
                        help="only measure these pages in the browser (no corpus is built)")
    parser.add_argument("--json", action="store_true", help="print JSON rows instead of a table")
    args = parser.parse_args()

    corpora = [] if args.page else [("sample", citegraph.build(args.inputs or sample_inputs()).G)]
    if args.synthetic:
        corpora.append((f"synthetic-{args.synthetic}", synthetic_graph(args.synthetic)))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "profile").mkdir()
        driver = make_driver(work / "profile")
        browser = f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}"
        try:
            for page in args.page:
                rows.append({"corpus": "-", "page": page.name, "nodes": "-", "edges": "-", "generate_s": "-",
                             **in_browser(page, driver, args.runs)})
            for directory in args.graph:
                G = citegraph.load_graph(directory).G
                rows.append({"corpus": directory.name, **measure(G, f"{directory.name}-default", ViewOptions(),
                                                                 driver, args.runs, work, repeats=1)})
                del G
            for name, G in corpora:
                rows.append({"corpus": name, **measure(G, f"{name}-default", ViewOptions(), driver, args.runs, work)})
                if G.number_of_nodes() <= 5000:
                    rows.append({"corpus": name, **measure(G, f"{name}-all", ViewOptions.everything(), driver,
                                                           args.runs, work)})
                rows.append({"corpus": name, **measure(G, f"{name}-entities", ViewOptions(view="entities"), driver,
                                                       args.runs, work)})
        finally:
            driver.quit()
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"browser: {browser}, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
        cols = ["page", "nodes", "edges", "generate_s", "bytes", "tti_ms", "tti_max_ms", "filter_ms", "search_ms",
                "console_errors"]
        print(" | ".join(cols))
        for row in rows:
            print(" | ".join(str(row[c]) for c in cols))
    if not corpora:
        return 0
    sample_default = next(row for row in rows if row["corpus"] == "sample")
    ok = sample_default["tti_ms"] < TTI_BUDGET_MS and sample_default["bytes"] < SIZE_BUDGET
    print(f"sample default page within budget (< {TTI_BUDGET_MS:.0f} ms, < {SIZE_BUDGET / 1e6:.0f} MB): {ok}",
          file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
