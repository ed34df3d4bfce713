"""Parquet files the embedded database is bulk-loaded from, written while ``graph.json`` streams.

Ladybug copies a ``COPY``'s list parameters whole (loading the 100k graph from Python
lists peaked at 15.4 GB); a Parquet file it reads in row groups. So the columns of
each table (node label, or relationship type between two labels) go to a part file
every :data:`BATCH_ROWS` rows, and one ``COPY`` per table reads all of its parts.

A column's type is decided from all its values, as :func:`~citegraph.graph.records.column_type`
decides it (``INT64`` and ``DOUBLE`` give ``DOUBLE``, a mixture gives ``STRING``, a
column without any value is ``STRING``); a part written before its column's final type
was known is cast to it in :meth:`Stage.finish`.

>>> import tempfile
>>> stage = Stage(Path(tempfile.mkdtemp()))
>>> stage.write(("Model",), {"id": ["model:a"], "name": ["A"], "aliases": [[]], "paper_count": [None]})
>>> stage.write(("Model",), {"id": ["model:b"], "name": ["B"], "aliases": [["b"]], "paper_count": [2]})
>>> stage.finish()["Model"]
{'id': 'STRING', 'name': 'STRING', 'aliases': 'STRING[]', 'paper_count': 'INT64'}
>>> [t.num_rows for t in stage.tables[("Model",)].read()]
[1, 1]
>>> stage.tables[("Model",)].read()[0].column("paper_count").type
DataType(int64)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from citegraph.graph.records import column_type
from citegraph.lazy import require

BATCH_ROWS = 50_000  # rows per part file: bounds the Python lists held per table while streaming
TableKey = tuple[str, ...]  # (label,) for a node table, (type, start label, end label) for relationships
KEY_COLUMNS = frozenset({"id", "from", "to"})  # node ids and relationship ends: always STRING


def _arrow() -> Any:
    # a core dependency, but say what to do if it is missing
    message = "building the query cache needs the 'pyarrow' package; pip install 'pyarrow>=15'"
    require("pyarrow.parquet", message)  # the writer is a submodule
    return require("pyarrow", message)


def batch_type(values: list[Any]) -> str | None:
    """The column type ``values`` show, None when they show none, ``[]`` for empty lists only.

    >>> batch_type([None, 1, 2.5]), batch_type([None]), batch_type([[], None]), batch_type([["a"], []])
    ('DOUBLE', None, '[]', 'STRING[]')
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    kinds = set(map(type, present))
    if len(kinds) == 1 and kinds <= _PLAIN.keys():  # the common cases, decided as column_type decides them
        return _PLAIN[kinds.pop()]
    if kinds == {int, float}:
        return "DOUBLE"
    if kinds == {list}:
        inner = set(map(type, chain.from_iterable(present)))
        if not inner:
            return "[]"
        if inner == {str} or inner == {int}:
            return f"{_PLAIN[inner.pop()]}[]"
    return column_type(present)


_PLAIN = {str: "STRING", int: "INT64", float: "DOUBLE", bool: "BOOLEAN"}
_SAMPLE = {"BOOLEAN": True, "INT64": 1, "DOUBLE": 0.5, "STRING": "s"}


def _sample(kind: str) -> Any:
    """A value of type ``kind``: column_type of samples decides as it would on the values."""
    if kind.endswith("[]"):
        return [_sample(kind[:-2])] if kind != "[]" else []
    return _SAMPLE[kind]


def merge_types(a: str | None, b: str | None) -> str | None:
    """The type of a column whose parts have types ``a`` and ``b``.

    >>> merge_types("INT64", "DOUBLE"), merge_types(None, "STRING"), merge_types("[]", "INT64[]")
    ('DOUBLE', 'STRING', 'INT64[]')
    >>> merge_types("INT64", "STRING"), merge_types("[]", "[]")
    ('STRING', '[]')
    """
    if a is None or a == b:
        return b
    if b is None:
        return a
    if "[]" in (a, b) and a.endswith("[]") and b.endswith("[]"):
        return b if a == "[]" else a
    return column_type([_sample(a), _sample(b)])


def final_type(kind: str | None) -> str:
    """A column type for the database: unknown is STRING, lists of unknown are STRING[]."""
    return "STRING" if kind is None else "STRING[]" if kind == "[]" else kind


def arrow_type(kind: str | None) -> Any:
    pa = _arrow()
    if kind is None:
        return pa.null()
    if kind.endswith("[]"):
        return pa.list_(arrow_type(kind[:-2] or None))
    return {"BOOLEAN": pa.bool_(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "STRING": pa.string()}[kind]


def _conform(value: Any, kind: str) -> Any:
    """``value`` as a value of ``kind`` (for the rare column that mixes types)."""
    if value is None:
        return None
    if kind.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return [_conform(v, kind[:-2] or "STRING") for v in items]
    if kind == "STRING":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return {"BOOLEAN": bool, "INT64": int, "DOUBLE": float}[kind](value)


def to_arrow(values: list[Any], kind: str | None) -> Any:
    """An Arrow array of ``values`` typed ``kind``.

    >>> to_arrow([1, None], "DOUBLE").to_pylist(), to_arrow([1, "x"], "STRING").to_pylist()
    ([1.0, None], ['1', 'x'])
    """
    pa = _arrow()
    typ = arrow_type(kind)
    try:
        return pa.array(values, typ)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return pa.array([_conform(v, kind or "STRING") for v in values], typ)


@dataclass
class StagedTable:
    """The part files of one table, and the column types each was written with."""

    columns: list[str]
    parts: list[Path] = field(default_factory=list)
    part_types: list[dict[str, str | None]] = field(default_factory=list)
    rows: int = 0

    def read(self) -> list[Any]:
        """The parts as Arrow tables (for tests and checks)."""
        pq = _arrow().parquet
        return [pq.read_table(p) for p in self.parts]


class Stage:
    """Part files under ``directory``: :meth:`write` one batch of columns, :meth:`finish` once."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.tables: dict[TableKey, StagedTable] = {}
        self.kinds: dict[str, dict[str, str | None]] = {}  # table name -> column -> type so far

    def write(self, key: TableKey, columns: dict[str, list[Any]]) -> None:
        """Write one batch of ``key``'s rows (``{column: values}``, all of one length) to a part file."""
        pa = _arrow()
        names = list(columns)
        rows = len(columns[names[0]]) if names else 0
        if not rows:
            return
        known = self.kinds.setdefault(key[0], {})
        types: dict[str, str | None] = {}
        for name in names:
            if name in KEY_COLUMNS:
                types[name] = "STRING"
            else:
                types[name] = known[name] = merge_types(known.get(name), batch_type(columns[name]))
        staged = self.tables.setdefault(key, StagedTable(names))
        path = self.directory / f"{'-'.join(key)}-{len(staged.parts):05d}.parquet"
        table = pa.table([to_arrow(columns[n], types[n]) for n in names], names=names)
        pa.parquet.write_table(table, path)
        staged.parts.append(path)
        staged.part_types.append(types)
        staged.rows += rows

    def column_types(self, table: str, columns: list[str]) -> dict[str, str]:
        """The database type of each of ``table``'s ``columns`` (STRING where no value was seen)."""
        known = self.kinds.get(table, {})
        return {c: "STRING" if c in KEY_COLUMNS else final_type(known.get(c)) for c in columns}

    def finish(self) -> dict[str, dict[str, str]]:
        """Cast every part to its columns' final types; return those types by table name."""
        pa = _arrow()
        final: dict[str, dict[str, str]] = {}
        for key, staged in self.tables.items():
            types = final.setdefault(key[0], self.column_types(key[0], staged.columns))
            for path, written in zip(staged.parts, staged.part_types, strict=True):
                stale = [c for c in staged.columns if written[c] != types[c]]
                if not stale:
                    continue
                table = pa.parquet.read_table(path)
                for c in stale:
                    i = table.schema.get_field_index(c)
                    try:
                        column = table.column(i).cast(arrow_type(types[c]))
                    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
                        column = to_arrow(table.column(i).to_pylist(), types[c])
                    table = table.set_column(i, c, column)
                pa.parquet.write_table(table, path)
                written.update({c: types[c] for c in stale})
        return final
