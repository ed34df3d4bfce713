"""The graph as database rows: one place decides how properties look in a database.

Every database target (Neo4j/FalkorDB push, the embedded query engine, the
bulk exports) reads nodes and relationships through these functions, so a
query sees the same values everywhere.

Property rules:

* only the keys listed in :mod:`citegraph.graph.schema` are written;
* lists of scalars stay lists (``authors``, ``aliases``, ``evidence``, ``via``);
* maps become a JSON string (``external_ids`` -> ``'{"arxiv": "2411.02337"}'``),
  because Neo4j properties cannot hold maps;
* ``None`` is left out (a missing property reads as null in Cypher).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", label="Paper", id="paper:a", title="A", external_ids={"arxiv": "1"}, junk=1)
>>> G.add_node("model:x", label="Model", id="model:x", name="X", aliases=[])
>>> _ = G.add_edge("paper:a", "model:x", key="MENTIONS", type="MENTIONS", count=2)
>>> node_rows(G)["Paper"]
[{'id': 'paper:a', 'props': {'id': 'paper:a', 'title': 'A', 'external_ids': '{"arxiv": "1"}'}}]
>>> rel_groups(G)[("MENTIONS", "Paper", "Model")]
[{'from': 'paper:a', 'to': 'model:x', 'key': {}, 'props': {'count': 2}}]
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import networkx as nx

from .schema import NODE_LABELS, NODE_PROPERTIES, REL_TYPES

# Properties that tell parallel relationships of one type between one pair apart
# (the variant in the NetworkX edge key ``CITES:inferred``). MERGE matches on them.
REL_IDENTITY: dict[str, tuple[str, ...]] = {"CITES": ("source",)}

Row = dict[str, Any]


def db_value(value: Any) -> Any:
    """A value as stored in a database: maps as JSON strings, tuples/sets as lists.

    >>> db_value({"b": 1, "a": 2}), db_value(("x", "y")), db_value(3)
    ('{"a": 2, "b": 1}', ['x', 'y'], 3)
    """
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        return [json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (dict, list)) else v
                for v in items]
    return value


def node_properties(label: str, attrs: dict[str, Any]) -> Row:
    """The whitelisted, database-ready properties of one node."""
    return {k: db_value(attrs[k]) for k in NODE_PROPERTIES[label] if attrs.get(k) is not None}


def rel_properties(rel_type: str, attrs: dict[str, Any]) -> Row:
    """The whitelisted, database-ready properties of one relationship."""
    return {k: db_value(attrs[k]) for k in REL_TYPES[rel_type].properties if attrs.get(k) is not None}


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    label = G.nodes[node].get("label")
    if label not in NODE_LABELS:
        raise ValueError(f"node {node!r} has label {label!r}, not one of {', '.join(NODE_LABELS)}")
    return str(label)


def node_rows(G: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """``{label: [{"id", "props"}]}``, sorted by id; every label of the schema is present."""
    out: dict[str, list[Row]] = {label: [] for label in NODE_LABELS}
    for n in sorted(G.nodes):
        label = node_label(G, n)
        props = node_properties(label, G.nodes[n])
        props["id"] = n
        out[label].append({"id": n, "props": props})
    return out


def rel_groups(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[Row]]:
    """Relationships grouped by ``(type, start label, end label)``.

    Each row: ``from``/``to`` node ids, ``key`` (the identity properties, see
    :data:`REL_IDENTITY`) and ``props`` (the other properties).
    """
    out: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        rel_type = d.get("type")
        if rel_type not in REL_TYPES:
            raise ValueError(f"edge {u!r} -> {v!r} ({k!r}) has type {rel_type!r}, not one of {', '.join(REL_TYPES)}")
        props = rel_properties(rel_type, d)
        key = {p: props.pop(p) for p in REL_IDENTITY.get(rel_type, ()) if p in props}
        out[(rel_type, node_label(G, u), node_label(G, v))].append({"from": u, "to": v, "key": key, "props": props})
    return dict(sorted(out.items()))


def local_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes per label and relationships per type, the figures a push is checked against."""
    counts = {label: 0 for label in NODE_LABELS} | {t: 0 for t in REL_TYPES}
    for _, label in G.nodes(data="label"):
        counts[label] += 1
    for _, _, rel_type in G.edges(data="type"):
        counts[rel_type] += 1
    return counts


def column_type(values: list[Any]) -> str:
    """Column type of the values a property takes: BOOLEAN, INT64, DOUBLE, STRING or X[] (STRING when unknown).

    >>> column_type([1, 2.5]), column_type([["a"], []]), column_type([]), column_type([1, "x"])
    ('DOUBLE', 'STRING[]', 'STRING', 'STRING')
    """
    kinds: set[str] = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("BOOLEAN")
        elif isinstance(v, int):
            kinds.add("INT64")
        elif isinstance(v, float):
            kinds.add("DOUBLE")
        elif isinstance(v, list):
            inner = column_type(v) if v else None
            kinds.add(f"{inner}[]" if inner else "[]")
        else:
            kinds.add("STRING")
    if kinds <= {"INT64", "DOUBLE"} and kinds:
        return "DOUBLE" if "DOUBLE" in kinds else "INT64"
    lists = {k for k in kinds if k.endswith("[]")}
    if lists and lists == kinds:
        typed = lists - {"[]"}
        return typed.pop() if len(typed) == 1 else "STRING[]"
    return kinds.pop() if len(kinds) == 1 else "STRING"
