"""The page's data as it travels inside the HTML: one table of texts, short arrays for nodes and edges.

A big page says the same things many times: a paper's title in every tooltip
that lists it, a sentence on a MENTIONS edge and again on the CO_MENTIONED and
EVALUATED_ON edges it supports, a relationship name on thousands of edges. On
the 10k synthetic graph 70% of the page was such repeats. Here every text is
stored once, in ``strings``, and everything else refers to it by position:

- ``strings``: every distinct text (names, titles, sentences, ids, labels);
- ``nodes``: ``[id, kind, label, x, y, size, font, rank, papers, names, tip]`` with
  ``id``, ``kind``, ``label`` string indices and ``names`` a list of them;
- ``edges``: ``[from, to, rel, w, tip]`` with ``from``/``to`` positions in ``nodes``
  and ``rel`` a string index; the page derives the id (``e<i>``), the width
  (:func:`~citegraph.viz.elements.edge_width`) and the arrow (from ``rel``);
- a ``tip`` is the tooltip blocks of :mod:`citegraph.viz.elements` with each
  text replaced by its index (a list of texts, concatenated, becomes a list of
  indices); the page turns them into DOM nodes with ``textContent`` on hover.

:func:`decode` gives back the plain records (what the page's JavaScript does).

>>> nodes = [{"id": "model:a", "kind": "Model", "label": "A", "x": 1.0, "y": -2.5, "size": 15.0,
...           "font": {"size": 18}, "rank": 1, "papers": 1, "names": ["A"], "tip": [["h", "A"]]}]
>>> edges = [{"from": "model:a", "to": "model:a", "rel": "VARIANT_OF", "w": 1.0,
...           "tip": [["h", "VARIANT_OF"], ["s", ["A", " → ", "A"]]]}]
>>> data = encode(nodes, edges)
>>> data["strings"], data["edges"]
(['model:a', 'Model', 'A', 'VARIANT_OF', ' → '], [[0, 0, 3, 1, [['h', 3], ['s', [2, 4, 2]]]]])
>>> decode(data)["nodes"] == nodes  # (a page's data also gives each node its group or look)
True
>>> decode(data)["edges"][0]["tip"][1]
['s', 'A → A']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .elements import DEFAULT_EDGE_STYLE, EDGE_STYLE, edge_width

NODE_FIELDS = ("id", "kind", "label", "x", "y", "size", "font", "rank", "papers", "names", "tip")
EDGE_FIELDS = ("from", "to", "rel", "w", "tip")


class StringTable:
    """Texts numbered in the order first seen (so the same records give the same table).

    >>> t = StringTable()
    >>> t.index("b"), t.index("a"), t.index("b"), t.strings
    (0, 1, 0, ['b', 'a'])
    """

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._seen: dict[str, int] = {}

    def index(self, text: str) -> int:
        """The position of ``text``, added at the end when new."""
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = len(self.strings)
            self.strings.append(text)
        return found


def _number(value: float) -> float | int:
    """``7.0`` travels as ``7``; other numbers as they are."""
    return int(value) if float(value).is_integer() else value


def encode_tip(tip: Sequence[Sequence[Any]], table: StringTable) -> list[list[Any]]:
    """Tooltip blocks with every text (or list of texts) replaced by string indices; counts stay numbers.

    >>> encode_tip([["l", "top papers", ["P1", "P2"], 3], ["f", "papers", "5"]], StringTable())
    [['l', 0, [1, 2], 3], ['f', 3, 4]]
    """
    out: list[list[Any]] = []
    for code, *slots in tip:
        block: list[Any] = [code]
        for slot in slots:
            if isinstance(slot, str):
                block.append(table.index(slot))
            elif isinstance(slot, (list, tuple)):
                block.append([table.index(str(x)) for x in slot])
            else:
                block.append(slot)
        out.append(block)
    return out


def encode(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The compact form of the page's node and edge records (see the module docstring)."""
    table = StringTable()
    position = {n["id"]: i for i, n in enumerate(nodes)}
    wire_nodes = [[table.index(n["id"]), table.index(n["kind"]), table.index(n["label"]), _number(n["x"]),
                   _number(n["y"]), _number(n["size"]), n["font"]["size"], n["rank"], n["papers"],
                   [table.index(x) for x in n["names"]], encode_tip(n["tip"], table)] for n in nodes]
    wire_edges = [[position[e["from"]], position[e["to"]], table.index(e["rel"]), _number(e["w"]),
                   encode_tip(e["tip"], table)] for e in edges]
    return {"strings": table.strings, "nodes": wire_nodes, "edges": wire_edges}


def decode_tip(tip: Sequence[Sequence[Any]], strings: Sequence[str]) -> list[list[Any]]:
    """Blocks back from indices: a list of indices is the items of an ``l`` block, else concatenated text.

    >>> decode_tip([["l", 0, [1, 2], 3], ["s", [1, 2]]], ["k", "a", "b"])
    [['l', 'k', ['a', 'b'], 3], ['s', 'ab']]
    """
    out: list[list[Any]] = []
    for code, *slots in tip:
        block: list[Any] = [code]
        for i, slot in enumerate(slots):
            if isinstance(slot, list):
                parts = [strings[x] for x in slot]
                block.append(parts if code == "l" and i == 1 else "".join(parts))
            elif code == "l" and i == 2:
                block.append(slot)  # how many items were left out
            else:
                block.append(strings[slot])
        out.append(block)
    return out


def decode(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The plain node and edge records of a page's data, as the page's JavaScript rebuilds them
    (with the page's ``options`` and ``config``, each node also gets its ``group`` or look)."""
    strings = data["strings"]
    groups = data.get("options", {}).get("groups", {})
    nodes = []
    for row in data["nodes"]:
        record = dict(zip(NODE_FIELDS, row, strict=True))
        for key in ("id", "kind", "label"):
            record[key] = strings[record[key]]
        record["font"] = {"size": record["font"]}
        record["names"] = [strings[x] for x in record["names"]]
        record["tip"] = decode_tip(record["tip"], strings)
        if record["kind"] in groups:
            record["group"] = record["kind"]
        elif "config" in data:
            record.update(data["config"]["defaultLook"])
        nodes.append(record)
    edges = []
    for i, row in enumerate(data["edges"]):
        record = dict(zip(EDGE_FIELDS, row, strict=True))
        rel = strings[record["rel"]]
        record.update({"id": f"e{i}", "from": nodes[record["from"]]["id"], "to": nodes[record["to"]]["id"],
                       "rel": rel, "width": edge_width(rel, record["w"]),
                       "arrows": EDGE_STYLE.get(rel, DEFAULT_EDGE_STYLE)["arrows"],
                       "tip": decode_tip(record["tip"], strings)})
        edges.append(record)
    return {"nodes": nodes, "edges": edges}
