"""Shared helpers of the benchmark scripts: machine facts, measured subprocesses, figures.

Every script returns :class:`Figure` rows; ``run_all.py`` gathers them into RESULTS.md.
Timings are wall-clock seconds from ``time.perf_counter``; peak RSS is the child's
``ru_maxrss`` from ``os.wait4`` (the same number ``/usr/bin/time -v`` prints).
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "hf-daily-papers"
EXAMPLES = REPO / "examples"
VENV_BIN = Path(sys.executable).parent
CITEGRAPH = str(VENV_BIN / "citegraph") if (VENV_BIN / "citegraph").exists() else "citegraph"


@dataclass
class Figure:
    """One row of RESULTS.md: what was measured, the value, the target and how to reproduce it."""

    name: str
    value: float | None
    unit: str
    command: str
    target: str = ""
    passed: bool | None = None  # None: no target, or not measurable
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    stress: bool = False  # the target checked on the dense stress corpus, counted apart from the targets

    def shown_value(self) -> str:
        if self.value is None:
            return "not available"
        v = self.value
        text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}" if abs(v) >= 1 else f"{v:.3f}"
        return f"{text} {self.unit}".strip()

    def verdict(self) -> str:
        text = {True: "pass", False: "**miss**", None: "n/a" if self.target else ""}[self.passed]
        return f"{text} (stress)" if self.stress and text else text


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def core_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def own_and_children_cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its children that have ended."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


IDLE_CORE_CHECK = "0.12-0.15 s"  # core_check_seconds() on an idle core of these machines


def core_check_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop (``sum(range(10**7))``): about 0.12-0.15 s when
    this core is not shared; more means another job shares it and per-core figures read low."""
    c0 = time.process_time()
    sum(range(10**7))
    return time.process_time() - c0


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


@dataclass
class Measured:
    seconds: float
    peak_rss_bytes: int  # largest single process (ru_maxrss, as /usr/bin/time -v reports it)
    returncode: int
    stdout: str
    stderr: str
    peak_tree_rss_bytes: int = 0  # largest sum of PSS over the process and its workers (see run_measured)
    cpu_seconds: float = 0.0  # user + system time of the process and its (waited-for) workers


def _pss(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes: pages shared with other processes count
    as a fraction, so the sum over a process tree is not inflated by fork's shared pages."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _tree_rss(root: int) -> int:
    """Sum of the PSS of ``root`` and its descendants, from /proc (0 when unavailable)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(_pss(pid) for pid in tree)


#: How often the process tree's PSS is sampled: during the first 2 s, then after.
SAMPLE_FIRST, SAMPLE_LATER = 0.05, 0.5


def run_measured(cmd: list[str], cwd: Path = REPO, timeout: float | None = None) -> Measured:
    """Run ``cmd``; return its wall time, peak RSS (of the child and its own children, the
    largest one), exit status and output. The tree's PSS is sampled every 50 ms for 2 s, then
    every 0.5 s."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        deadline = None if timeout is None else start + timeout
        peak_tree = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            peak_tree = max(peak_tree, _tree_rss(proc.pid))
            # Reading smaps_rollup walks the page tables of every process of the tree: every 50 ms
            # on a 2 GB build that took ~25 s of CPU from the two cores the build runs on.
            # Fine-grained for the first seconds (short commands), then twice a second.
            time.sleep(SAMPLE_FIRST if time.perf_counter() - start < 2.0 else SAMPLE_LATER)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(seconds, usage.ru_maxrss * 1024, proc.returncode,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                        max(peak_tree, usage.ru_maxrss * 1024), usage.ru_utime + usage.ru_stime)


def rel(path: Path) -> str:
    """``path`` relative to the repository, for commands shown in RESULTS.md."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def sample_inputs() -> list[Path]:
    """The shared daily listing pages (345 papers), or the bundled sample when absent."""
    pages = sorted(SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.is_dir() else []
    return pages or sorted(EXAMPLES.glob("*.txt"))
