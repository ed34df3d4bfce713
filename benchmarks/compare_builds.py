"""The same ``citegraph build`` with the code of another commit and with this checkout, alternated.

On a shared machine two runs minutes apart differ by 20% or more, so a change is measured
against the code before it in alternating rounds (old, new, then new, old, ...), each build's
wall time, CPU (user + system, with its workers) and peak memory printed, then the means. The other commit's
code is taken with ``git archive`` into a temporary folder, laid out as the installed package
(the ``package-dir`` mapping of that commit's pyproject.toml), and run with the editable
install of this checkout switched off; nothing is installed.

Usage (from the repository root)::

    python benchmarks/compare_builds.py b14dcf3                      # synthetic 10k, 3 rounds
    python benchmarks/compare_builds.py HEAD~3 --corpus benchmarks/data/synthetic-100000-s0.jsonl --rounds 1
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, run_measured  # noqa: E402
from generate_corpus import ensure_corpus  # noqa: E402

# Runs the CLI of the package found first on sys.path, with the editable install's finder removed.
_RUN_CLI = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
            "sys.path.insert(0, sys.argv.pop(1)); from citegraph.cli import run; sys.argv[0] = 'citegraph'; run()")


def unpack(rev: str, into: Path) -> Path:
    """The package of commit ``rev`` laid out under ``into`` as installed; returns the folder to
    put on ``sys.path``."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=True)
    source = into / "source"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(source, filter="data")
    mapping = tomllib.loads((source / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    site = into / "site"
    for package, folder in sorted(mapping.items()):  # parents first: "citegraph" before "citegraph.graph"
        target = site.joinpath(*package.split("."))
        if not target.exists():
            shutil.copytree(source / folder, target)
    return site


def timed(cmd: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (the command and its children), peak RSS of the largest process
    and peak PSS of the process tree (MB) of ``cmd``."""
    m = run_measured(cmd)
    if m.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:2])} ...: exit {m.returncode}: {m.stderr.strip()[-300:]}")
    return m.seconds, m.cpu_seconds, m.peak_rss_bytes / 2**20, m.peak_tree_rss_bytes / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Alternate builds with another commit's code and this checkout's.",
                                 epilog="example: python benchmarks/compare_builds.py b14dcf3 --rounds 3")
    ap.add_argument("rev", help="the other commit (any git revision)")
    ap.add_argument("--corpus", type=Path, help="input file (default: the synthetic 10k corpus)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of one build each (default 3)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    corpus = args.corpus or ensure_corpus(10_000)
    with tempfile.TemporaryDirectory(prefix="citegraph-compare-") as tmp:
        site = unpack(args.rev, Path(tmp))
        build = ["build", str(corpus), "--workers", str(args.workers), "--no-html", "-o"]
        commands = {  # this checkout runs through its own (editable) install
            args.rev: [sys.executable, "-c", _RUN_CLI, str(site), *build, str(Path(tmp) / "out-old")],
            "this checkout": [sys.executable, "-m", "citegraph", *build, str(Path(tmp) / "out-new")],
        }
        results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in commands}
        names = list(commands)
        for i in range(args.rounds):
            for name in names if i % 2 == 0 else names[::-1]:
                wall, cpu, rss, tree = timed(commands[name])
                results[name].append((wall, cpu, rss, tree))
                print(f"round {i + 1}: {name:>14}: {wall:7.1f} s wall, {cpu:7.1f} s CPU, peak RSS {rss:,.0f} MiB "
                      f"(main), {tree:,.0f} MiB (tree PSS)", flush=True)
        for name, runs in results.items():
            walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
            print(f"{name:>14}: mean {sum(walls) / len(walls):.1f} s wall, {sum(cpus) / len(cpus):.1f} s CPU, "
                  f"largest peak RSS {max(r[2] for r in runs):,.0f} MiB, tree PSS {max(r[3] for r in runs):,.0f} MiB "
                  f"over {len(runs)} builds of {corpus.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
