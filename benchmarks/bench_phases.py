"""Where one ``citegraph build`` spends its time: wall clock, CPU and RSS at each phase boundary.

Usage (from the repository root)::

    python benchmarks/bench_phases.py benchmarks/data/synthetic-100000-s0.jsonl --workers 2 --no-html -o /tmp/o

The arguments are those of ``citegraph build``. The build runs in this process, exactly as the
command runs it; a few of its stage functions are wrapped to note when they start and end:

- reading, de-duplication and extraction end when the last paper's digest is in (name
  resolution, the first step of building, starts);
- building the graph: name resolution, the co-mention table, then the rest until the save;
- writing: ``KnowledgeGraph.save`` (graph.json and graph.graphml, and the HTML page unless
  ``--no-html``).

Each line gives seconds since start, the CPU of this process and of its finished children
(extraction workers, the EVALUATED_ON and writing processes: counted once they exit), and this
process's RSS with its peak so far (VmHWM: a phase that raised the peak shows it). The table
at the end gives each phase's wall time. On a shared machine, run it when the machine check
of ``run_all.py`` is near 2.0; compare phases within one run.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import own_and_children_cpu  # noqa: E402

import citegraph.cli as cli
import citegraph.graph.builder as builder
import citegraph.graph.kg as kg

START = time.perf_counter()
MARKS: list[tuple[str, float]] = []


def mark(label: str) -> None:
    own, kids = own_and_children_cpu()
    with open("/proc/self/status", encoding="ascii") as fh:
        status = fh.read()
    rss_mb, peak_mb = (int(status.split(f"{field}:")[1].split()[0]) // 1024 for field in ("VmRSS", "VmHWM"))
    now = time.perf_counter() - START
    MARKS.append((label, now))
    print(f"[{now:7.2f} s] main CPU {own:6.1f} s, children CPU "
          f"{kids:6.1f} s, RSS {rss_mb:5d} MB (peak so far {peak_mb:5d} MB)  {label}", file=sys.stderr)


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(f"{label} starts")
        result = func(*args, **kwargs)
        mark(f"{label} ends")
        return result
    return wrapper


def main(argv: list[str]) -> None:
    builder.resolve_names = timed("name resolution", builder.resolve_names)  # type: ignore[assignment]
    builder.pair_occurrences = timed("pair occurrences", builder.pair_occurrences)  # type: ignore[assignment]
    builder.add_metadata_citations = timed("metadata citations", builder.add_metadata_citations)  # type: ignore[assignment]
    builder.CoMentionTable.build = timed("co-mention table", builder.CoMentionTable.build)  # type: ignore[method-assign]
    kg.KnowledgeGraph.save = timed("writing", kg.KnowledgeGraph.save)  # type: ignore[method-assign]
    exit_now = os._exit

    main_pid = os.getpid()

    def report_and_exit(code: int) -> None:  # the command leaves through os._exit (no teardown)
        if os.getpid() != main_pid:  # a forked extraction worker leaving
            exit_now(code)
        mark("exit")
        at = dict(MARKS)
        # name resolution is the first step once every paper's digest is in
        phases = [("reading, de-duplication, extraction", 0.0, at.get("name resolution starts")),
                  ("building the graph", at.get("name resolution starts"), at.get("writing starts")),
                  ("writing", at.get("writing starts"), at.get("writing ends")),
                  ("whole command", 0.0, at["exit"])]
        for name, a, b in phases:
            if a is not None and b is not None:
                print(f"{name:38s} {b - a:7.1f} s", file=sys.stderr)
        exit_now(code)

    os._exit = report_and_exit  # type: ignore[assignment]
    sys.argv = ["citegraph", "build", *argv]
    cli.run()


if __name__ == "__main__":
    main(sys.argv[1:])
