"""Reading ``graph.json`` element by element, never the whole document in memory.

:func:`json.load` would hold the file's text (1.2 GB at 100k papers, up to four bytes a
character once it has a non-Latin-1 name) and every parsed element at once;
:func:`stream_node_link` decodes one node or edge at a time from chunks of the file, and
:func:`read_node_link` builds the graph from them as they come.

>>> import io
>>> doc = '{"format":"citegraph","version":1,"graph":{"n":1},"nodes":[{"key":"a","label":"Model"}],' \\
...       '"edges":[{"from":"a","to":"a","key":"X","type":"X"}]}'
>>> [kind for kind, _ in stream_node_link(io.StringIO(doc), chunk=5)]
['format', 'version', 'graph', 'node', 'edge']
>>> G = read_node_link(io.StringIO(doc))
>>> G.graph, list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
({'n': 1}, [('a', {'label': 'Model'})], [('a', 'a', 'X', {'type': 'X'})])
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx
import orjson

from citegraph.errors import GraphStoreError

from .comention import CO_MENTIONED, CoMentionTable
from .comention_read import TableRows
from .shared_keys import SharedKeyLayouts

CHUNK = 1 << 20  # characters read at a time (larger runs: more memory at once, no faster)
MAX_VALUE = 1 << 26  # characters one node or edge may take (a larger one means a damaged file)
LINK_SOURCE, LINK_TARGET = "from", "to"  # edge ends in node-link JSON ("source" is a CITES property)
SUMMARY = "summary"  # the graph attribute holding the counts saved with the file (not kept on reading)


class _Reader:
    """JSON values decoded one at a time from a text file read in chunks."""

    def __init__(self, fh: IO[str], chunk: int) -> None:
        self.fh, self.chunk = fh, chunk
        self.buf, self.pos = "", 0
        self.base = 0  # characters of the file before ``buf``
        self.decoder = json.JSONDecoder()

    def more(self) -> bool:
        data = self.fh.read(self.chunk)
        self.base += self.pos
        self.buf, self.pos = self.buf[self.pos:] + data, 0
        return bool(data)

    def elements(self) -> Iterator[list[Any]]:
        """The elements of the array whose ``[`` was just read, through its closing ``]``, in runs.

        Runs of whole elements are decoded in one call: the buffer is cut after the last
        ``},{`` in it (an object closing, the next opening). A cut that falls inside a string
        fails to decode (the string never closes), and the elements are then decoded one at a
        time up to an earlier cut; so are arrays laid out otherwise (indented files).
        """
        if self.char() == "]":
            return
        self.pos -= 1
        bad = -1  # a cut that did not decode: only earlier ones are tried, until the next read
        eof = False
        while True:
            if not eof and len(self.buf) - self.pos < self.chunk // 2:
                eof = not self.more()
                bad = -1
            if bad < self.pos:  # passed (one at a time): later cuts may decode again
                bad = -1
            cut = self.buf.rfind("},{", self.pos, bad if bad >= 0 else len(self.buf))
            if cut >= 0:
                text = "[" + self.buf[self.pos:cut + 1] + "]"
                decoded = self._run(text)
                if decoded is None:
                    bad = cut
                else:
                    items, end = decoded
                    closed = end < len(text)  # the array itself ended inside the text
                    self.pos = self.pos + end - 1 if closed else cut + 2
                    yield items
                    if closed:
                        return
                    continue
            yield [self.value()]
            sep = self.char()
            if sep == "]":
                return
            if sep != ",":
                raise ValueError("expected ',' or ']' in an array")

    def _run(self, text: str) -> tuple[list[Any], int] | None:
        """The elements of ``text`` (``[``, a run, ``]``) and where they end (before the end of
        ``text`` when the array itself closed inside the run); None when the run was cut inside
        a string."""
        try:  # orjson decodes twice as fast; what it refuses (a cut inside a string, the array
            # closing inside the run, NaN, a lone surrogate) json decides as it always did. Unlike
            # json it reads an integer beyond 64 bits as a float: citegraph writes none (counts, years)
            return orjson.loads(text), len(text)
        except orjson.JSONDecodeError:
            pass
        try:
            items, end = self.decoder.raw_decode(text)
        except json.JSONDecodeError:
            return None
        return items, end

    def char(self) -> str:
        """The next character that is not whitespace, consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                self.pos += 1
                return self.buf[self.pos - 1]
            if not self.more():
                raise ValueError(f"unexpected end of file at character {self.base + self.pos:,} of the file")

    def value(self) -> Any:
        """The next JSON value; the buffer grows until it holds the value whole, up to
        :data:`MAX_VALUE` characters (beyond that the file is damaged: no node or edge is that big)."""
        self.char()
        self.pos -= 1
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
                if end < len(self.buf):  # a number or literal cut at the chunk's end would decode short
                    self.pos = end
                    return obj
            except json.JSONDecodeError as err:
                if len(self.buf) - self.pos > MAX_VALUE:
                    raise self._located(err) from err
            if not self.more():
                try:
                    obj, self.pos = self.decoder.raw_decode(self.buf, self.pos)
                except json.JSONDecodeError as err:
                    raise self._located(err) from err
                return obj

    def _located(self, err: json.JSONDecodeError) -> ValueError:
        """``err`` with its place in the file, not in the buffer."""
        return ValueError(f"{err.msg} at character {self.base + err.pos:,} of the file")


def stream_node_link(path: str | Path | IO[str], chunk: int = CHUNK) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` of each top-level entry of a node-link file, except that the ``nodes``
    and ``edges`` arrays come as one ``("node", dict)`` / ``("edge", dict)`` per element."""
    for key, value in node_link_runs(path, chunk):
        if key in _ARRAYS:
            kind = _ARRAYS[key]
            for item in value:
                yield kind, item
        else:
            yield key, value


_ARRAYS = {"nodes": "node", "edges": "edge"}


def node_link_runs(path: str | Path | IO[str], chunk: int = CHUNK) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` of each top-level entry of a node-link file, except that the ``nodes``
    and ``edges`` arrays come in runs of elements: ``("nodes", [dict, ...])``, several times."""
    try:
        fh = open(path, encoding="utf-8") if isinstance(path, (str, Path)) else path
    except FileNotFoundError as err:
        raise GraphStoreError(f"{path}: no saved graph here; run 'citegraph build INPUTS -o DIR' first") from err
    except OSError as err:
        raise GraphStoreError(f"{path}: cannot read the graph ({err.strerror})") from err
    try:
        r = _Reader(fh, chunk)
        if r.char() != "{":
            raise ValueError("not a JSON object")
        sep = ","
        while sep == ",":
            key = r.value()
            if r.char() != ":":
                raise ValueError("expected ':'")
            if key in _ARRAYS:
                if r.char() != "[":
                    raise ValueError(f"{key} is not a list")
                for run in r.elements():
                    yield key, run
            else:
                yield str(key), r.value()
            sep = r.char()
        if sep != "}":
            raise ValueError("expected ',' or '}'")
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise GraphStoreError(f"{path}: not a readable citegraph graph ({err}); rebuild it") from err
    finally:
        if fh is not path:
            fh.close()


def read_graph_attributes(path: str | Path | IO[str]) -> dict[str, Any]:
    """The graph attributes of a saved ``graph.json`` (its ``graph`` entry, which citegraph
    writes before the nodes), read from the head of the file only: ``{}`` when the entry does
    not come before the nodes or the file is no citegraph graph.

    >>> import io
    >>> head = '{"format":"citegraph","version":1,"graph":{"summary":{"papers":2}},"nodes":['
    >>> no_graph = '{"format":"citegraph","nodes":[]}'
    >>> read_graph_attributes(io.StringIO(head + ']}')), read_graph_attributes(io.StringIO(no_graph))
    ({'summary': {'papers': 2}}, {})
    """
    known = False
    for kind, value in node_link_runs(path):
        if kind == "format":
            known = value == "citegraph"
        elif kind == "graph":
            return value if known and isinstance(value, dict) else {}
        elif kind in _ARRAYS:
            break
    return {}


def read_node_link(path: str | Path | IO[str], chunk: int = CHUNK) -> nx.MultiDiGraph:
    """The graph of a saved ``graph.json``, built while it is read, a run of elements at a time:
    nothing else of the document is kept (edge dicts become key-sharing copies of the decoded ones).

    Raises :class:`~citegraph.errors.GraphStoreError` for a file that is missing, not JSON, or
    not a citegraph graph (its ``format`` entry must come before its nodes, as citegraph writes it).
    """
    return read_node_link_parts(path, chunk, co_mentions_aside=False)[0]


def read_node_link_parts(path: str | Path | IO[str], chunk: int = CHUNK, co_mentions_aside: bool = True
                         ) -> tuple[nx.MultiDiGraph, CoMentionTable | None]:
    """:func:`read_node_link` in the two parts ``citegraph build`` keeps: the graph without its
    CO_MENTIONED edges, and those edges as a table (``None`` when there are none, or when
    they do not have the layout citegraph writes: then they are in the graph)."""
    from .builder import add_edge_rows

    G = nx.MultiDiGraph()
    known = False  # the "format" entry said citegraph
    aside = TableRows() if co_mentions_aside else None
    shared_words: dict[str, str] = {}
    words = shared_words.setdefault  # one string object per distinct edge key and type
    layouts = SharedKeyLayouts()

    def compact(d: dict[str, Any]) -> dict[str, Any]:
        """``d`` as a key-sharing dict (as the build makes them), its type string shared."""
        if "type" in d:
            d["type"] = words(d["type"], d["type"])
        return layouts(d)

    try:
        for kind, run in node_link_runs(path, chunk):
            if kind == "edges":
                rows = [(d.pop(LINK_SOURCE), d.pop(LINK_TARGET), d.pop("key"), d) for d in run]
                if aside is not None:
                    co_mentioned = [(u, v, d) for u, v, k, d in rows if k == CO_MENTIONED]
                    if co_mentioned and aside.take(co_mentioned):
                        rows = [row for row in rows if row[2] != CO_MENTIONED]
                add_edge_rows(G, [(u, v, words(k, k), compact(d)) for u, v, k, d in rows])
            elif kind == "nodes":
                if not known:
                    break
                G.add_nodes_from((d.pop("key"), d) for d in run)
            elif kind == "format":
                known = run == "citegraph"
            elif kind == "graph":
                G.graph.update(run)
                G.graph.pop(SUMMARY, None)  # counts of the file: a graph changed in memory would outgrow them
    except (KeyError, TypeError, AttributeError) as err:  # an element that is no node-link object
        raise GraphStoreError(f"{path}: not a readable citegraph graph (an element lacks {err}); rebuild it") from err
    if not known:
        raise GraphStoreError(f"{path}: not a citegraph graph file; rebuild it with 'citegraph build'")
    table = None
    if aside is not None:
        table, rows = aside.finish()
        add_edge_rows(G, rows)
    return G, table
