"""Exports for loading a graph into Neo4j without a live connection.

* :func:`write_neo4j_admin`: node and relationship CSV files with the headers of
  ``neo4j-admin database import full`` (``id:ID``, ``:LABEL``, ``:START_ID``,
  ``:END_ID``, ``:TYPE``, typed and array properties) and the import command.
* :func:`write_cypher_script`: a script for ``cypher-shell -f``: the writer's own
  MERGE statements (:mod:`.cypher_statements`) with each batch of rows written as
  a Cypher list literal in place of ``$rows`` (a script has no parameters).
  Strings are escaped by :func:`cypher_literal`, so no value can end a literal.

>>> print(cypher_literal({"title": "It's\\nnew", "n": 2, "tags": ["a"], "x": None}))
{title: 'It\\'s\\nnew', n: 2, tags: ['a'], x: null}
"""

from __future__ import annotations

import csv
import math
import shlex
from pathlib import Path
from typing import Any

import networkx as nx

from citegraph.errors import GraphStoreError

from . import cypher_statements as cs
from .records import column_type, node_rows, rel_groups
from .schema import NODE_PROPERTIES, REL_TYPES

ADMIN_TYPES = {"INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING": "string"}
ARRAY_DELIMITERS = ";|\u00a6\u00a7\u001f"
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _string_literal(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal (strings single-quoted and escaped; map keys back-quoted
    unless plain identifiers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        def key(k: str) -> str:
            return k if k.isidentifier() and k.isascii() else "`" + k.replace("`", "``") + "`"

        return "{" + ", ".join(f"{key(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"{value!r} ({type(value).__name__}) has no Cypher literal")


def write_cypher_script(G: nx.MultiDiGraph, path: str | Path, batch_size: int = 500) -> Path:
    """Write a ``cypher-shell -f`` script that MERGEs ``G`` (idempotent, like ``citegraph push``)."""
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            fh.write("// citegraph graph as Cypher; run: cypher-shell -a bolt://localhost:7687 -u neo4j -p PASSWORD"
                     f" -f {out.name}\n")
            for statement in cs.constraint_statements("neo4j"):
                fh.write(statement + ";\n")
            for statement, rows in script_batches(G, batch_size):
                fh.write(statement.replace("UNWIND $rows AS row", f"UNWIND {cypher_literal(rows)} AS row", 1)
                         + ";\n")
    except OSError as err:
        raise GraphStoreError(f"{out}: cannot write the Cypher script ({err.strerror})") from err
    return out


def script_batches(G: nx.MultiDiGraph, batch_size: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs in push order: nodes first, then relationships."""
    out = []
    for lab, rows in node_rows(G).items():
        out += [(cs.node_merge(lab), rows[i:i + batch_size]) for i in range(0, len(rows), batch_size)]
    for (name, start, end), rows in rel_groups(G).items():
        out += [(cs.rel_merge(name, start, end), rows[i:i + batch_size]) for i in range(0, len(rows), batch_size)]
    return out


def _admin_header(prop: str, kind: str) -> str:
    if kind.endswith("[]"):
        base = ADMIN_TYPES.get(kind[:-2], "string")
        return f"{prop}:{base}[]"
    return f"{prop}:{ADMIN_TYPES.get(kind, 'string')}"


def _pick_delimiter(values: list[list[Any]]) -> str:
    text = "".join(str(v) for items in values for v in items)
    for ch in ARRAY_DELIMITERS:
        if ch not in text:
            return ch
    raise GraphStoreError("every array delimiter candidate occurs in the data; use --format cypher instead")


def _cell(value: Any, delimiter: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(str(v).lower() if isinstance(v, bool) else str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_neo4j_admin(G: nx.MultiDiGraph, directory: str | Path, database: str = "neo4j") -> list[str]:
    """Write ``nodes_<Label>.csv`` and ``rels_<TYPE>.csv`` into ``directory``; return the import command
    (as argv) that loads them into an empty ``database``."""
    out = Path(directory)
    nodes = node_rows(G)
    rels: dict[str, list[dict[str, Any]]] = {}
    for (name, _, _), rows in rel_groups(G).items():
        rels.setdefault(name, []).extend({"from": r["from"], "to": r["to"], **r["key"], **r["props"]} for r in rows)
    arrays = [v for rows in nodes.values() for r in rows for v in r["props"].values() if isinstance(v, list)]
    arrays += [v for rows in rels.values() for r in rows for v in r.values() if isinstance(v, list)]
    delimiter = _pick_delimiter(arrays)
    files: list[tuple[str, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for lab, rows in nodes.items():
            if not rows:
                continue
            props = [p for p in NODE_PROPERTIES[lab] if p != "id"]
            kinds = {p: column_type([r["props"][p] for r in rows if p in r["props"]]) for p in props}
            path = out / f"nodes_{lab}.csv"
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["id:ID", *(_admin_header(p, kinds[p]) for p in props), ":LABEL"])
                for r in rows:
                    w.writerow([r["id"], *(_cell(r["props"].get(p), delimiter) for p in props), lab])
            files.append(("--nodes", path))
        for name, rows in rels.items():
            props = list(REL_TYPES[name].properties)
            kinds = {p: column_type([r[p] for r in rows if p in r]) for p in props}
            path = out / f"rels_{name}.csv"
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([":START_ID", ":END_ID", ":TYPE", *(_admin_header(p, kinds[p]) for p in props)])
                for r in rows:
                    w.writerow([r["from"], r["to"], name, *(_cell(r.get(p), delimiter) for p in props)])
            files.append(("--relationships", path))
    except OSError as err:
        raise GraphStoreError(f"{out}: cannot write the import files ({err.strerror})") from err
    return ["neo4j-admin", "database", "import", "full", *(f"{flag}={path.resolve()}" for flag, path in files),
            f"--array-delimiter={delimiter}", "--multiline-fields=true", "--overwrite-destination", database]


def format_command(argv: list[str]) -> str:
    """The command as one shell line, quoted where needed."""
    return " ".join(shlex.quote(a) for a in argv)
