"""GraphML writer for Gephi/Cytoscape, fast on graphs of millions of properties.

List and dict properties become JSON strings (GraphML has no lists), the node's
display ``label`` is its name or title, and its graph label goes to ``kind``.
Reads back with ``nx.read_graphml``.

Speed: elements with the same property names and value types (a *shape*: every
CO_MENTIONED edge, say) share one ``%`` template, so an element is written with
one formatting call instead of one call per property. Values are written raw and
a whole batch is checked at once: the markup holds no ``&`` and a known number
of ``<`` and ``>``, so when the counts match nothing needed escaping; otherwise
each element of that batch is checked, and the few that need it are written
again with every value escaped. The output is byte-identical to escaping every
value on its own.

>>> import io
>>> G = nx.MultiDiGraph()
>>> G.add_node("m", label="Model", name="A&B")
>>> _ = G.add_edge("m", "m", key="VARIANT_OF", type="VARIANT_OF", weight=1)
>>> buf = io.StringIO(); write_graphml(G, buf)
>>> sorted(nx.read_graphml(io.StringIO(buf.getvalue())).nodes(data=True))
[('m', {'name': 'A&B', 'kind': 'Model', 'label': 'A&B'})]
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .comention import CO_MENTIONED, CoMentionTable
from .comention_text import TableText
from .edge_list import Edge, SortedEdges, sorted_edges

__all__ = ["Edge", "SortedEdges", "sorted_edges", "write_graphml"]
Shape = tuple[tuple[str, ...], tuple[type, ...]]  # property names, value types

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>]").search  # text that escape() would change
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
BATCH = 2000  # elements joined, checked and written at once
_encode_sorted = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per call
_encode_string = json.encoder.encode_basestring  # a str as a JSON string (non-ASCII kept), in C
_PLAIN_FORMAT = {str: "%s", int: "%d", float: "%r"}  # value types written as they are (str(), repr())


def open_text(path: str | Path | IO[str]) -> IO[str] | nullcontext[IO[str]]:
    """A path opened for writing UTF-8 text, or an open text file as it is (left open)."""
    if isinstance(path, (str, Path)):
        return open(path, "w", encoding="utf-8")
    return nullcontext(path)


def open_binary(path: str | Path | IO[Any]) -> IO[Any] | nullcontext[IO[Any]]:
    """A path opened for writing bytes, or an open file as it is (left open)."""
    if isinstance(path, (str, Path)):
        return open(path, "wb")
    return nullcontext(path)


Node = tuple[Any, dict[str, Any]]  # (node, data)


def sorted_nodes(G: nx.MultiDiGraph) -> list[Node]:
    """``(node, data)`` sorted by node id."""
    return sorted(G.nodes(data=True), key=itemgetter(0))


def graphml_kind(t: type) -> str:
    """GraphML type of values of Python type ``t``.

    >>> graphml_kind(bool), graphml_kind(int), graphml_kind(float), graphml_kind(list)
    ('boolean', 'long', 'double', 'string')
    """
    if issubclass(t, bool):
        return "boolean"
    if issubclass(t, int):
        return "long"
    if issubclass(t, float):
        return "double"
    return "string"


def raw_text(v: Any) -> str:
    """Text of one property before XML escaping; lists and dicts become JSON strings.

    >>> raw_text(True), raw_text(3), raw_text(0.5), raw_text(None), raw_text({"b": 1, "a": "<"})
    ('true', '3', '0.5', '', '{"a": "<", "b": 1}')
    """
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if v is None:
        return ""
    if isinstance(v, list):
        return list_text(v)
    if isinstance(v, (dict, tuple)):
        return _encode_sorted(v)
    return str(v)


def list_text(v: list[Any]) -> str:
    """A list as JSON (``json.dumps(v, ensure_ascii=False, sort_keys=True)``), fast for strings.

    >>> list_text(["é", 'say "x"']), list_text([]), list_text(["a", 1, {"b": 2, "a": 1}])
    ('["é", "say \\\\"x\\\\""]', '[]', '["a", 1, {"a": 1, "b": 2}]')
    """
    try:  # the usual list of strings, without the Python layers of JSONEncoder.encode()
        return "[" + ", ".join(map(_encode_string, v)) + "]"
    except TypeError:  # something other than a string inside
        return _encode_sorted(v)


def escaped_text(v: Any) -> str:
    """Text of one property as it goes between ``<data>`` tags.

    >>> escaped_text("a<b"), escaped_text(["x", "&"])
    ('a&lt;b', '["x", "&amp;"]')
    """
    text = raw_text(v)
    return escape(text) if _XML_SPECIAL(text) else text


def node_attrs(n: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    """A node's GraphML properties: its graph label as ``kind``, its name or title as ``label``."""
    out = dict(attrs)
    out["kind"] = out.pop("label", "")
    out["label"] = out.get("name") or out.get("title") or n
    return out


def column_types(shapes: Iterable[Shape]) -> dict[str, str]:
    """GraphML type of each property from the shapes seen: one type, or ``double`` for a mix
    of integers and floats, else ``string``.

    >>> column_types([(("a", "b"), (int, str)), (("a",), (float,))])
    {'a': 'double', 'b': 'string'}
    """
    seen: dict[str, set[str]] = {}
    for names, kinds in shapes:
        for name, kind in zip(names, kinds, strict=True):
            seen.setdefault(name, set()).add(graphml_kind(kind))
    return {k: next(iter(s)) if len(s) == 1 else "double" if s <= {"long", "double"} else "string"
            for k, s in seen.items()}


def key_lines(domain: str, types: dict[str, str], first: int) -> tuple[list[str], dict[str, str]]:
    """``<key>`` lines of one domain (node or edge), ids from ``d{first}`` in name order, and the
    id of each property."""
    lines, ids = [], {}
    for i, name in enumerate(sorted(types), first):
        lines.append(f'  <key id="d{i}" for="{domain}" attr.name={quoteattr(name)} attr.type="{types[name]}" />\n')
        ids[name] = f"d{i}"
    return lines, ids


@dataclass(frozen=True)
class Template:
    """How elements of one shape are written: ``text % (*ends, *values)``.

    >>> t = Template.build("    <node id=%s>\\n", "    </node>\\n", (("n", "c"), (str, int)), {"n": "d0", "c": "d1"})
    >>> print(t.render(('"a"',), {"n": "A", "c": 2}), end="")
        <node id="a">
          <data key="d0">A</data>
          <data key="d1">2</data>
        </node>
    >>> t.tags
    6
    """

    text: str
    convert: tuple[tuple[int, Callable[[Any], str]], ...]  # (position, to text) of values not str/int/float
    tags: int  # "<" (and ">") in the markup

    @classmethod
    def build(cls, opening: str, closing: str, shape: Shape, key_ids: dict[str, str]) -> Template:
        names, kinds = shape
        data = "".join(f'      <data key="{key_ids[n]}">{_PLAIN_FORMAT.get(t, "%s")}</data>\n'
                       for n, t in zip(names, kinds, strict=True))
        convert = tuple((i, list_text if t is list else raw_text)
                        for i, t in enumerate(kinds) if t not in _PLAIN_FORMAT)
        return cls(opening + data + closing, convert, (opening + data + closing).count("<"))

    def render(self, ends: tuple[str, ...], attrs: dict[str, Any]) -> str:
        if not self.convert:
            return self.text % (*ends, *attrs.values())
        values = list(attrs.values())
        for i, text in self.convert:
            values[i] = text(values[i])
        return self.text % (*ends, *values)


_OPENING = {"node": "    <node id=%s>\n", "edge": "    <edge source=%s target=%s id=%s>\n"}


def index_shapes(attr_dicts: Iterable[dict[str, Any]]) -> tuple[list[Shape], list[int]]:
    """The distinct shapes, and the index of each element's shape in that list.

    >>> index_shapes([{"a": 1}, {"a": "x"}, {"a": 2}])
    ([(('a',), (<class 'int'>,)), (('a',), (<class 'str'>,))], [0, 1, 0])
    """
    index: dict[Shape, int] = {}
    ids = []
    for d in attr_dicts:
        shape = (tuple(d), tuple(map(type, d.values())))
        i = index.get(shape)
        if i is None:
            i = index[shape] = len(index)
        ids.append(i)
    return list(index), ids


def render_batch(domain: str, templates: list[Template], rows: list[tuple[tuple[str, ...], dict[str, Any]]],
                 shape_ids: Sequence[int], key_ids: dict[str, str]) -> str:
    """The text of a batch of elements ``(quoted ends, attrs)``, values escaped where needed."""
    rendered = []
    tags = 0
    for (ends, attrs), i in zip(rows, shape_ids, strict=True):
        t = templates[i]
        rendered.append(t.render(ends, attrs))
        tags += t.tags
    text = "".join(rendered)
    if "&" not in text and text.count("<") == tags and text.count(">") == tags:
        return text  # the markup alone holds "<" and ">": no value needs escaping
    out = []
    for element, (ends, attrs), i in zip(rendered, rows, shape_ids, strict=True):
        n = templates[i].tags
        if "&" in element or element.count("<") != n or element.count(">") != n:  # escape every value
            data = "".join(f'      <data key="{key_ids[k]}">{escaped_text(v)}</data>\n' for k, v in attrs.items())
            element = f"{_OPENING[domain] % ends}{data}    </{domain}>\n"
        out.append(element)
    return "".join(out)


Rows = list[tuple[tuple[str, ...], dict[str, Any]]]  # (quoted ends, properties) of elements


def element_templates(domain: str, shapes: list[Shape], first_key: int) -> tuple[list[str], dict[str, str],
                                                                                 list[Template]]:
    """The ``<key>`` lines of one domain (ids from ``d{first_key}``), the id of each property,
    and one template per shape."""
    lines, key_ids = key_lines(domain, column_types(shapes), first_key)
    return lines, key_ids, [Template.build(_OPENING[domain], f"    </{domain}>\n", s, key_ids) for s in shapes]


def batches(domain: str, indexed: tuple[list[Shape], Sequence[int]], rows: Callable[[int, int], Rows], count: int,
            first_key: int) -> tuple[list[str], Iterator[str]]:
    """The ``<key>`` lines of one domain (ids from ``d{first_key}``), and the text of its ``count``
    elements in batches; ``indexed`` is :func:`index_shapes` of their properties, ``rows(start, stop)``
    a slice of them."""
    shapes, shape_ids = indexed
    lines, key_ids, templates = element_templates(domain, shapes, first_key)
    return lines, _batch_texts(domain, templates, rows, shape_ids, key_ids, 0, count)


def _batch_texts(domain: str, templates: list[Template], rows: Callable[[int, int], Rows], shape_ids: Sequence[int],
                 key_ids: dict[str, str], start: int, stop: int) -> Iterator[str]:
    for i in range(start, stop, BATCH):
        j = min(i + BATCH, stop)
        yield render_batch(domain, templates, rows(i, j), shape_ids[i:j], key_ids)


def edge_batches(edges: SortedEdges, rows: Callable[[int, int], Rows], templates: list[Template],
                 shape_ids: Sequence[int], key_ids: dict[str, str], start: int, stop: int,
                 from_table: bool) -> Iterator[str]:
    """The text of edges ``start:stop`` (a run of :meth:`SortedEdges.segments`) in batches."""
    if not from_table or edges.table is None:
        yield from _batch_texts("edge", templates, rows, shape_ids, key_ids, start, stop)
        return
    yield from table_batches(edges.table, templates[shape_ids[start]], key_ids, start - edges.at, stop - edges.at)


def table_batches(table: CoMentionTable, template: Template, key_ids: dict[str, str], start: int = 0,
                  stop: int | None = None) -> Iterator[str]:
    """The GraphML text of a CO_MENTIONED table's rows ``start:stop`` in batches, rendered from its
    columns (:class:`.comention_text.TableText`) with ``template``, the template of their shape; a
    batch holding a value that needs escaping is written the general way."""
    text_of = TableText(table)
    stop = len(table) if stop is None else stop
    key = quoteattr(CO_MENTIONED)
    for i in range(start, stop, BATCH):
        j = min(i + BATCH, stop)
        text = text_of.graphml(i, j, template.text, template.tags)
        if text is None:
            rows: Rows = [((quoteattr(u), quoteattr(v), key), d) for u, v, d in table.rows(i, j)]
            text = render_batch("edge", [template], rows, [0] * len(rows), key_ids)
        yield text


_INVALID_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def xml_bytes(text: str) -> bytes:
    """``text`` as UTF-8 without the characters XML 1.0 cannot carry at all.

    >>> xml_bytes("a\\x01b\\ufffe\\tc")
    b'ab\\tc'
    """
    data = text.encode("utf-8")
    if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:  # U+FFFE, U+FFFF: rare, the slow way
        return _XML_INVALID.sub("", text).encode("utf-8")
    return data.translate(None, _INVALID_BYTES)  # the other invalid characters are single bytes


GRAPHML_END = b"  </graph>\n</graphml>\n"
EdgeRun = Callable[[int, int, bool], Iterator[str]]


@dataclass
class GraphMLPieces:
    """The GraphML text of a graph in pieces: ``head`` (declarations, nodes), ``run(start, stop,
    from_table)`` (one run of ``edges.segments()``), then :data:`GRAPHML_END`; every text goes
    through :func:`xml_bytes`. ``table_style``: the template and property ids the CO_MENTIONED
    table's rows are written with (for :func:`table_batches`), ``None`` without a table."""

    head: Iterator[str]
    run: EdgeRun
    table_style: tuple[Template, dict[str, str]] | None


def graphml_pieces(G: nx.MultiDiGraph, edges: SortedEdges, nodes: list[Node] | None = None) -> GraphMLPieces:
    """``G`` and ``edges`` as :class:`GraphMLPieces`; ``nodes`` is ``sorted_nodes(G)`` when the
    caller has it already."""
    quoted = {n: quoteattr(str(n)) for n in G}
    quoted.update({k: quoteattr(str(k)) for k in edges.keys()})
    nodes = sorted_nodes(G) if nodes is None else nodes

    def node_rows(i: int, j: int) -> Rows:  # made a batch at a time: a dict per node, ~80 MB at 100k papers
        return [((quoted[n],), node_attrs(n, d)) for n, d in nodes[i:j]]

    node_lines, node_text = batches("node", index_shapes(node_attrs(n, d) for n, d in nodes), node_rows,
                                    len(nodes), 0)

    def edge_rows(i: int, j: int) -> Rows:
        return [((quoted[u], quoted[v], quoted[k]), d) for u, v, k, d in edges[i:j]]

    shapes, shape_ids = edges.index_shapes(index_shapes)
    edge_lines, key_ids, templates = element_templates("edge", shapes, len(node_lines))
    head = "".join([_GRAPHML_HEAD, *node_lines, *edge_lines, '  <graph edgedefault="directed">\n'])

    def run(start: int, stop: int, from_table: bool) -> Iterator[str]:
        return edge_batches(edges, edge_rows, templates, shape_ids, key_ids, start, stop, from_table)

    style = (templates[shape_ids[edges.at]], key_ids) if edges.table is not None else None
    return GraphMLPieces(chain([head], node_text), run, style)


def write_graphml(G: nx.MultiDiGraph, path: str | Path | IO[Any], edges: Sequence[Edge] | SortedEdges | None = None,
                  co_mentions: CoMentionTable | None = None) -> None:
    """Write ``G`` as GraphML to a path or an open (text or binary) file, streamed in batches;
    ``edges`` is ``sorted_edges(G)`` (or a :class:`SortedEdges`) when the caller has it already;
    ``co_mentions`` holds CO_MENTIONED edges kept out of ``G`` (written as if they were in it)."""
    if not isinstance(edges, SortedEdges):
        edges = SortedEdges(sorted_edges(G) if edges is None else edges, co_mentions)
    pieces = graphml_pieces(G, edges)
    with open_binary(path) as fh:
        write = fh.write if not isinstance(fh, io.TextIOBase) else lambda b: fh.write(b.decode("utf-8"))
        for text in chain(pieces.head, *(pieces.run(*segment) for segment in edges.segments())):
            write(xml_bytes(text))
        write(GRAPHML_END)
