"""Writing graph.json and graph.graphml together, the CO_MENTIONED table in a second process.

Each file is written under a temporary name in the output directory and renamed into
place only when it is complete, so a failed write never leaves a half-written
``graph.json`` (an earlier one stays as it was).

When the graph's CO_MENTIONED edges are in a :class:`~.comention.CoMentionTable` of
at least :data:`PARALLEL_MIN_ROWS` rows and the platform can fork, a forked child
renders the table's part of both files while this process writes the rest (nodes and
the other edges), each part to its own file; the parts are then joined in order, in
the kernel (``os.copy_file_range``). The child reads only the table's arrays and id
lists, not the graph's millions of objects, so it copies little of the parent's memory.
The bytes are the same as a serial write (tested).

>>> import tempfile, networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", label="Model", name="A")
>>> with tempfile.TemporaryDirectory() as d:
...     write_files(G, Path(d), SortedEdges([]))
...     sorted(p.name for p in Path(d).iterdir())
['graph.graphml', 'graph.json']
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO

import networkx as nx

from citegraph.errors import GraphStoreError

from .edge_list import SortedEdges
from .graphml import GRAPHML_END, EdgeRun, graphml_pieces, xml_bytes

#: Smallest CO_MENTIONED table written by a second process (below it, forking costs more than it saves).
PARALLEL_MIN_ROWS = 50_000
GRAPH_JSON, GRAPH_GRAPHML = "graph.json", "graph.graphml"


def can_fork() -> bool:
    """Whether the table can be written by a forked child here (Linux)."""
    return sys.platform == "linux" and hasattr(os, "fork")


def write_files(G: nx.MultiDiGraph, out: Path, edges: SortedEdges, parallel: bool | None = None) -> None:
    """Write ``out/graph.json`` and ``out/graph.graphml`` from ``G`` and ``edges``;
    ``parallel=None`` forks a child for a large enough table (see the module's docstring)."""
    from .store import NODE_LINK_END, write_edge_items, write_node_link_head

    segments = edges.segments()
    table = next(((a, b) for a, b, from_table in segments if from_table), None)
    if parallel is None:
        parallel = table is not None and table[1] - table[0] >= PARALLEL_MIN_ROWS and can_fork()
    parallel = parallel and table is not None
    head, run = graphml_pieces(G, edges)  # made here: the child inherits the templates
    staging = Path(tempfile.mkdtemp(prefix=".citegraph-write-", dir=out))
    parts = {name: staging / name for name in ("json", "json-table", "json-tail", "graphml", "graphml-table",
                                               "graphml-tail")}

    child = (_fork(lambda: write_table_parts(edges, table, run, parts["json-table"], parts["graphml-table"]),
                   staging / "error") if parallel and table is not None else None)
    try:
        with open(parts["json"], "w", encoding="utf-8") as fh:
            write_node_link_head(fh, G)
            tail: IO[str] = fh
            for start, stop, from_table in segments:
                if from_table and parallel:
                    tail = open(parts["json-tail"], "w", encoding="utf-8")  # noqa: SIM115 (closed below)
                    continue
                write_edge_items(tail, edges, start, stop, from_table)
            tail.write(NODE_LINK_END)
            if tail is not fh:
                tail.close()
        with open(parts["graphml"], "wb") as fb:
            for text in head:
                fb.write(xml_bytes(text))
            tail_b: IO[bytes] = fb
            for start, stop, from_table in segments:
                if from_table and parallel:
                    tail_b = open(parts["graphml-tail"], "wb")  # noqa: SIM115 (closed below)
                    continue
                for text in run(start, stop, from_table):
                    tail_b.write(xml_bytes(text))
            tail_b.write(GRAPHML_END)
            if tail_b is not fb:
                tail_b.close()
        if child is not None:
            _wait(child, staging / "error")
            child = None
            for name in ("json", "graphml"):
                _append(parts[name], [parts[f"{name}-table"], parts[f"{name}-tail"]])
        os.replace(parts["json"], out / GRAPH_JSON)
        os.replace(parts["graphml"], out / GRAPH_GRAPHML)
    finally:
        if child is not None:  # this process failed first: stop the child
            _kill(child)
        shutil.rmtree(staging, ignore_errors=True)


def write_table_parts(edges: SortedEdges, table: tuple[int, int], run: EdgeRun, json_path: Path,
                      graphml_path: Path) -> None:
    """The CO_MENTIONED run ``table`` of ``edges`` as graph.json and GraphML text, each in its own file."""
    from .store import write_edge_items

    with open(json_path, "w", encoding="utf-8") as fh:
        write_edge_items(fh, edges, *table, True)
    with open(graphml_path, "wb") as fb:
        for text in run(*table, True):
            fb.write(xml_bytes(text))


def _fork(work: Callable[[], None], error_file: Path) -> int:
    """Run ``work`` in a forked child; its exception, if any, goes to ``error_file``."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            work()
        except BaseException as err:  # noqa: BLE001 (reported to the parent, which raises)
            code = 1
            try:
                error_file.write_text(f"{type(err).__name__}: {err}\n{traceback.format_exc()}", encoding="utf-8")
            except BaseException:  # noqa: BLE001, S110 (nothing more can be done in the child)
                pass
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, error_file: Path) -> None:
    """Wait for the child; a :class:`GraphStoreError` naming its failure if it failed."""
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return
    if error_file.exists():
        first = error_file.read_text(encoding="utf-8").splitlines()[0]
        reason = f"failed: {first}"
    else:
        reason = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
    raise GraphStoreError(f"{error_file.parent.parent}: the process writing the CO_MENTIONED edges {reason}; "
                          "nothing was replaced (retry; if memory ran out, free some or use --min-co-mentions 2)")


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _append(target: Path, sources: list[Path]) -> None:
    """Append the files ``sources`` to ``target`` (in the kernel where it can)."""
    with open(target, "r+b") as out:
        out.seek(0, os.SEEK_END)
        for source in sources:
            with open(source, "rb") as src:
                size = os.fstat(src.fileno()).st_size
                copied = 0
                try:
                    while copied < size:
                        n = os.copy_file_range(src.fileno(), out.fileno(), size - copied)
                        if n == 0:
                            break
                        copied += n
                except (AttributeError, OSError):  # not on this platform or file system
                    pass
                if copied < size:  # the portable way for the rest
                    src.seek(copied)
                    out.seek(0, os.SEEK_END)
                    shutil.copyfileobj(src, out, 1 << 20)
