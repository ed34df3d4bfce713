"""Writing graph.json and graph.graphml together, the CO_MENTIONED table in a second process.

Each file is written under a temporary name in the output directory and renamed into
place only when it is complete, so a failed write never leaves a half-written
``graph.json`` (an earlier one stays as it was).

When the graph's CO_MENTIONED edges are in a :class:`~.comention.CoMentionTable` of
at least :data:`PARALLEL_MIN_ROWS` rows, a second process renders the table's part of
both files while this one writes the rest (nodes and the other edges), each part to its
own file; the parts are then joined in order, in the kernel (``os.copy_file_range``).
The second process is a new interpreter (not a fork) given only the table, pickled (its
arrays and id lists, ~40 bytes an edge): a forked child would keep the parent's pages
alive while the parent touches (reference counts) and so copies every one of them,
doubling the memory.
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
import pickle
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from citegraph.errors import GraphStoreError

from .comention import CoMentionTable
from .edge_list import SortedEdges
from .files import GRAPH_GRAPHML, GRAPH_JSON
from .graphml import GRAPHML_END, Template, graphml_pieces, sorted_nodes, table_batches, xml_bytes

#: Smallest CO_MENTIONED table written by a second process (below it, forking costs more than it saves).
PARALLEL_MIN_ROWS = 50_000


def write_files(G: nx.MultiDiGraph, out: Path, edges: SortedEdges, parallel: bool | None = None) -> None:
    """Write ``out/graph.json`` and ``out/graph.graphml`` from ``G`` and ``edges``;
    ``parallel=None`` starts a second process for a large enough table (see the module's docstring)."""
    from .store import NODE_LINK_END, write_edge_items, write_node_link_head

    segments = edges.segments()
    nodes = sorted_nodes(G)  # sorted once for both files
    pieces = graphml_pieces(G, edges, nodes)
    if parallel is None:
        parallel = edges.n_table >= PARALLEL_MIN_ROWS
    staging = Path(tempfile.mkdtemp(prefix=".citegraph-write-", dir=out))
    parts = {name: staging / name for name in ("json", "json-table", "json-tail", "graphml", "graphml-table",
                                               "graphml-tail")}
    child = None
    try:
        if parallel and edges.table is not None and pieces.table_style is not None:
            try:
                child = _start_child(write_table_parts, staging / "error", edges.table, edges.at,
                                     *pieces.table_style, parts["json-table"], parts["graphml-table"])
            except OSError:  # no Python executable to start (an embedded interpreter): write it here
                child = None
        with open(parts["json"], "w", encoding="utf-8") as fh:
            write_node_link_head(fh, G, nodes)
            tail: IO[str] = fh
            for start, stop, from_table in segments:
                if from_table and child is not None:
                    tail = open(parts["json-tail"], "w", encoding="utf-8")  # noqa: SIM115 (closed below)
                    continue
                write_edge_items(tail, edges, start, stop, from_table)
            tail.write(NODE_LINK_END)
            if tail is not fh:
                tail.close()
        with open(parts["graphml"], "wb") as fb:
            for text in pieces.head:
                fb.write(xml_bytes(text))
            tail_b: IO[bytes] = fb
            for start, stop, from_table in segments:
                if from_table and child is not None:
                    tail_b = open(parts["graphml-tail"], "wb")  # noqa: SIM115 (closed below)
                    continue
                for text in pieces.run(start, stop, from_table):
                    tail_b.write(xml_bytes(text))
            tail_b.write(GRAPHML_END)
            if tail_b is not fb:
                tail_b.close()
        if child is not None:
            _wait(child, staging / "error", out)
            child = None
            for name in ("json", "graphml"):
                _append(parts[name], [parts[f"{name}-table"], parts[f"{name}-tail"]])
        os.replace(parts["json"], out / GRAPH_JSON)
        os.replace(parts["graphml"], out / GRAPH_GRAPHML)
    finally:
        if child is not None:  # this process failed first: stop the child
            child.kill()
            child.wait()
        shutil.rmtree(staging, ignore_errors=True)


def write_table_parts(table: CoMentionTable, at: int, template: Template, key_ids: dict[str, str], json_path: Path,
                      graphml_path: Path) -> None:
    """A CO_MENTIONED table (edges number ``at`` onwards) as graph.json and GraphML text, each in its own file."""
    from .store import write_table_items

    with open(json_path, "w", encoding="utf-8") as fh:
        write_table_items(fh, table, at)
    with open(graphml_path, "wb") as fb:
        for text in table_batches(table, template, key_ids):
            fb.write(xml_bytes(text))


_BOOTSTRAP = """
import pickle, sys
with open(sys.argv[1], "rb") as fh:
    sys.path[:0] = [p for p in pickle.load(fh) if p not in sys.path]
    from citegraph.graph.staged_write import _child_main
    work, error_file, args = pickle.load(fh)
_child_main(work, error_file, *args)
"""


def _child_main(work: Callable[..., None], error_file: Path, *args: Any) -> None:
    """The second process: ``work(*args)``; its exception, if any, goes to ``error_file``."""
    try:
        work(*args)
    except BaseException as err:
        error_file.write_text(f"{type(err).__name__}: {err}\n{traceback.format_exc()}", encoding="utf-8")
        raise SystemExit(1) from err


def _start_child(work: Callable[..., None], error_file: Path, *args: Any) -> subprocess.Popen[bytes]:
    """``work(*args)`` in a new Python process that gets only its (pickled) arguments, not a copy
    of this process's memory; a plain subprocess, so the caller's script is not imported again
    (as multiprocessing's spawn would) and needs no ``__main__`` guard."""
    payload = error_file.with_name("payload.pickle")
    with open(payload, "wb") as fh:
        pickle.dump(sys.path, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump((work, error_file, args), fh, protocol=pickle.HIGHEST_PROTOCOL)
    with open(error_file.with_name("stderr"), "wb") as err:
        return subprocess.Popen([sys.executable, "-c", _BOOTSTRAP, str(payload)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)


def _wait(child: subprocess.Popen[bytes], error_file: Path, out: Path) -> None:
    """Wait for the child; a :class:`GraphStoreError` naming its failure if it failed."""
    code = child.wait()
    if code == 0:
        return
    stderr = error_file.with_name("stderr")
    if error_file.exists():
        reason = f"failed: {error_file.read_text(encoding='utf-8').splitlines()[0]}"
    elif code < 0:
        reason = f"was killed by signal {-code}"
    else:
        last = (stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines() or ["no message"])[-1]
        reason = f"exited with status {code} ({last})"
    raise GraphStoreError(f"{out}: the process writing the CO_MENTIONED edges {reason}; nothing was replaced "
                          "(retry; if memory ran out, free some or use --min-co-mentions 2)")


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
