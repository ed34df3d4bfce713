"""Writing graph.json and graph.graphml together, the CO_MENTIONED table in a second process.

Each file is written under a temporary name in the output directory and renamed into
place only when it is complete, so a failed write never leaves a half-written
``graph.json`` (an earlier one stays as it was).

When the graph's CO_MENTIONED edges are in a :class:`~.comention.CoMentionTable` of
at least :data:`PARALLEL_MIN_ROWS` rows, a second process renders the table's part of
both files while this one writes the rest: the head (nodes and the edges sorted before
CO_MENTIONED) and the tail (the edges after). The two processes tell each other sizes
through pipes, so that most bytes are written in place, once:

1. the child renders the table's GraphML part to a staging file and sends its size;
2. this process writes graph.json's head and sends its size; the child renders the
   table's JSON part into graph.json right there, while this process writes graph.json's
   tail to a staging file and says when it is complete (the child copies it after its part);
3. this process writes graph.graphml's head, sends its size, and writes the tail in place
   after the room the table's part takes (step 1), which the child copies in meanwhile.

Copies are made in the kernel (``os.copy_file_range``), by the child, while this process
works. The second process (:mod:`.second_process`: a new interpreter, not a fork) is given
only the table, as a file (its numpy columns as raw blocks, ~40 bytes an edge) that both
processes map: this process lets its own copy of the columns go, so the process tree holds
them once (:func:`_share_table`).
The bytes are the same as a serial write (tested).

>>> import tempfile, networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", label="Model", name="A")
>>> with tempfile.TemporaryDirectory() as d:
...     write_files(G, Path(d), SortedEdges([]))
...     sorted(p.name for p in Path(d).iterdir())
['graph.graphml', 'graph.json']
"""

from __future__ import annotations

import mmap
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from dataclasses import fields, replace
from pathlib import Path
from typing import IO, Any, cast

import networkx as nx

from citegraph.errors import GraphStoreError

from . import second_process
from .comention import CoMentionTable
from .edge_list import SortedEdges
from .files import GRAPH_GRAPHML, GRAPH_JSON
from .graphml import GRAPHML_END, Template, graphml_pieces, sorted_nodes, table_batches, xml_bytes

#: Smallest CO_MENTIONED table written by a second process (below it, forking costs more than it saves).
PARALLEL_MIN_ROWS = 50_000


def write_files(G: nx.MultiDiGraph, out: Path, edges: SortedEdges, parallel: bool | None = None,
                summary: dict[str, Any] | None = None) -> None:
    """Write ``out/graph.json`` and ``out/graph.graphml`` from ``G`` and ``edges``;
    ``parallel=None`` starts a second process for a large enough table (see the module's docstring);
    ``summary`` goes into graph.json's head (:func:`~.store.write_node_link_head`)."""
    from .store import NODE_LINK_END, write_edge_items, write_node_link_head

    segments = edges.segments()
    nodes = sorted_nodes(G)  # sorted once for both files
    pieces = graphml_pieces(G, edges, nodes)
    if parallel is None:
        parallel = edges.n_table >= PARALLEL_MIN_ROWS
    staging = Path(tempfile.mkdtemp(prefix=".citegraph-write-", dir=out))
    json_file, graphml_file = staging / GRAPH_JSON, staging / GRAPH_GRAPHML
    child = None
    try:
        if parallel and edges.table is not None and pieces.table_style is not None:
            try:
                child = second_process.start(write_table_parts, staging / "error",
                                             _share_table(edges.table, staging), edges.at, *pieces.table_style,
                                             json_file, graphml_file)
            except OSError:  # no Python executable to start (an embedded interpreter): write it here
                child = None
        with open(json_file, "w", encoding="utf-8") as fh:
            write_node_link_head(fh, G, nodes, summary)
            tail: IO[str] = fh
            for start, stop, from_table in segments:
                if from_table and child is not None:
                    _tell(child, fh)  # the child writes its part here
                    tail = open(staging / "json-tail", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
                    continue
                write_edge_items(tail, edges, start, stop, from_table)
            tail.write(NODE_LINK_END)
            if child is not None and tail is not fh:
                tail.close()
                _tell(child, None)  # the child copies the tail after its part
        with open(graphml_file, "wb") as fb:
            for text in pieces.head:
                fb.write(xml_bytes(text))
            for start, stop, from_table in segments:
                if from_table and child is not None:
                    _tell(child, fb)  # the child copies its part here ...
                    fb.seek(_table_size(child, staging / "error", out), os.SEEK_CUR)  # ... and the tail goes after it
                    continue
                for text in pieces.run(start, stop, from_table):
                    fb.write(xml_bytes(text))
            fb.write(GRAPHML_END)
        if child is not None:
            _wait(child, staging / "error", out)
            child = None
        os.replace(json_file, out / GRAPH_JSON)
        os.replace(graphml_file, out / GRAPH_GRAPHML)
    finally:
        if child is not None:  # this process failed first: stop the child
            second_process.stop(child)
        shutil.rmtree(staging, ignore_errors=True)


def write_table_parts(table: CoMentionTable, at: int, template: Template, key_ids: dict[str, str], json_file: Path,
                      graphml_file: Path, inbox: IO[bytes] | None = None, outbox: IO[bytes] | None = None) -> None:
    """The second process's work: a CO_MENTIONED table (edges number ``at`` onwards) into
    ``json_file`` and ``graphml_file``, as told by the messages on ``inbox`` (standard input),
    with the size of its GraphML part sent to ``outbox`` (standard output); see the module's
    docstring for the order. Staging files sit beside the two files."""
    from .store import write_table_items

    inbox = inbox if inbox is not None else sys.stdin.buffer
    outbox = outbox if outbox is not None else sys.stdout.buffer
    graphml_part = graphml_file.with_name("graphml-table")
    with open(graphml_part, "wb") as fb:
        for text in table_batches(table, template, key_ids):
            fb.write(xml_bytes(text))
        size = fb.tell()
    outbox.write(b"%d\n" % size)
    outbox.flush()
    json_head = int(_message(inbox, json_file))
    fd = os.open(json_file, os.O_WRONLY)
    os.lseek(fd, json_head, os.SEEK_SET)
    with open(fd, "w", encoding="utf-8") as fh:
        write_table_items(fh, table, at)
        fh.flush()
        tail_at = os.lseek(fd, 0, os.SEEK_CUR)
        _message(inbox, json_file)
        _copy_at(fd, tail_at, json_file.with_name("json-tail"))
    graphml_head = int(_message(inbox, graphml_file))
    fd = os.open(graphml_file, os.O_WRONLY)
    try:
        _copy_at(fd, graphml_head, graphml_part)
    finally:
        os.close(fd)


class _MappedTable:
    """Stands for a table saved by :func:`_share_table` in a payload: unpickled, it is the
    table with its columns mapped from the file (so the child process reads them there)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return _mapped_table, (self.path,)


_ALIGN = 64


def _share_table(table: CoMentionTable, staging: Path) -> _MappedTable:
    """Save ``table`` to a file in ``staging``, its numpy columns as raw blocks, and, where files
    can be mapped, put this process's columns on the mapped file instead of its own memory: both
    processes then read the same pages, which the process tree holds once, not twice (~90 MB at
    100k papers; the examples column, an ``array``, becomes a ``memoryview`` of them). The columns
    are read-only from then on, as the writers need them.

    >>> from citegraph.graph.comention import pair_occurrences
    >>> t = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0]}, "q": {"a": [1], "b": [1]}}), 2)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     rows = list(t.rows())
    ...     shared = _share_table(t, Path(d))
    ...     pickle.loads(pickle.dumps(shared)).rows().__next__() == rows[0] == next(t.rows())
    True
    """
    import numpy as np

    path = staging / "table.bin"
    buffers: list[pickle.PickleBuffer] = []
    # the examples (an array) as a numpy view: a raw block like the other columns, not bytes in the stream
    raw = replace(table, examples=cast(Any, np.frombuffer(table.examples, dtype=np.int32)))
    stream = pickle.dumps(raw, protocol=5, buffer_callback=buffers.append)
    del raw
    views = [b.raw() for b in buffers]
    offsets, at = [], 8 + 16 * len(views) + 8 + len(stream)
    for view in views:
        at += -at % _ALIGN
        offsets.append(at)
        at += view.nbytes
    with open(path, "wb") as fh:
        fh.write(len(views).to_bytes(8, "little"))
        for offset, view in zip(offsets, views, strict=True):
            fh.write(offset.to_bytes(8, "little") + view.nbytes.to_bytes(8, "little"))
        fh.write(len(stream).to_bytes(8, "little") + stream)
        for offset, view in zip(offsets, views, strict=True):
            fh.seek(offset)
            fh.write(view)
    del buffers, views
    if os.name == "posix":  # a mapped file can be deleted (the staging folder is, after the write)
        mapped = _mapped_table(path)
        for f in fields(table):
            if isinstance(getattr(table, f.name), np.ndarray) or f.name == "examples":
                setattr(table, f.name, getattr(mapped, f.name))
    return _MappedTable(path)


def _mapped_table(path: Path) -> CoMentionTable:
    """The table :func:`_share_table` saved at ``path``, its numpy columns on the mapped file."""
    with open(path, "rb") as fh:
        pages = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(pages)
    n = int.from_bytes(whole[:8], "little")
    blocks = [(int.from_bytes(whole[8 + 16 * i:16 + 16 * i], "little"),
               int.from_bytes(whole[16 + 16 * i:24 + 16 * i], "little")) for i in range(n)]
    start = 8 + 16 * n
    size = int.from_bytes(whole[start:start + 8], "little")
    table: CoMentionTable = pickle.loads(whole[start + 8:start + 8 + size],
                                         buffers=[whole[offset:offset + length] for offset, length in blocks])
    table.examples = memoryview(table.examples)  # slices and items as plain ints, as from the array
    return table


def _message(inbox: IO[bytes], target: Path) -> bytes:
    line = inbox.readline()
    if not line.endswith(b"\n"):
        raise GraphStoreError(f"{target.name}: the writing process stopped before its part was complete")
    return line.strip()


def _copy_at(fd: int, offset: int, source: Path) -> None:
    """Copy the file ``source`` into the open file ``fd`` at ``offset``, in the kernel where it can.

    >>> with tempfile.TemporaryDirectory() as d:
    ...     target, source = Path(d) / "t", Path(d) / "s"
    ...     _ = target.write_bytes(b"[1,____4]"), source.write_bytes(b"2,3,")
    ...     fd = os.open(target, os.O_WRONLY); _copy_at(fd, 3, source); os.close(fd)
    ...     target.read_bytes()
    b'[1,2,3,4]'
    """
    with open(source, "rb") as src:
        size = os.fstat(src.fileno()).st_size
        copied = 0
        try:
            while copied < size:
                n = os.copy_file_range(src.fileno(), fd, size - copied, copied, offset + copied)
                if n == 0:
                    break
                copied += n
        except (AttributeError, OSError):  # not on this platform or file system
            pass
        while copied < size:  # the portable way for the rest
            chunk = os.pread(src.fileno(), min(1 << 20, size - copied), copied)
            if not chunk:
                raise GraphStoreError(f"{source}: shorter than expected while joining the graph files")
            copied += os.pwrite(fd, chunk, offset + copied)


def _tell(child: subprocess.Popen[bytes], head: IO[Any] | None) -> None:
    """Tell the child a file's head is complete (``head``: its size is sent) or the tail (``None``)."""
    line = b"tail\n"
    if head is not None:
        head.flush()
        line = b"%d\n" % os.fstat(head.fileno()).st_size
    second_process.tell(child, line)  # a child that died is not told: _wait says why


def _table_size(child: subprocess.Popen[bytes], error_file: Path, out: Path) -> int:
    """The size of the child's GraphML part (it sends it once rendered)."""
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.strip().isdigit():  # it died first
        _wait(child, error_file, out)
        raise GraphStoreError(f"{out}: the process writing the CO_MENTIONED edges sent {line[:40]!r}, not a size")
    return int(line)


def _wait(child: subprocess.Popen[bytes], error_file: Path, out: Path) -> None:
    """Wait for the child; a :class:`GraphStoreError` naming its failure if it failed."""
    reason = second_process.failure(child, error_file)
    if reason is not None:
        raise GraphStoreError(f"{out}: the process writing the CO_MENTIONED edges {reason}; nothing was replaced "
                              "(retry; if memory ran out, free some or use --min-co-mentions 2)")
