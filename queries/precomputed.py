"""Catalogue answers computed once, when the embedded cache is built, by the catalogue's own Cypher.

Two catalogue queries cost more than a second on the 100k graph whatever the
engine does: ``shared-benchmarks`` counts every pair of models evaluated on one
benchmark (4.4 million name pairs, the square of each benchmark's evaluations) and
``influential-methods`` joins every introduced method with every paper mentioning it.
Both end the same way: ``WHERE key >= $threshold`` then ``ORDER BY key DESC, ...``
(then ``LIMIT $limit``). So the rows a call returns are the first rows of ONE ordered
list, the query's own answer with the lowest threshold, whatever the parameters: that
list's first :data:`PREFIX_ROWS` rows are saved next to the database, computed by the
unchanged catalogue text on the embedded engine itself. A call is answered from them when
they settle it (the prefix reaches a row under the threshold, or ``$limit`` rows, or is
the whole list); any other call, or a catalogue text that changed since, runs the Cypher.
Neo4j and FalkorDB always run the Cypher: the rows are the same.

>>> spec = PRECOMPUTED["shared-benchmarks"]
>>> saved = Saved(["model", "other", "shared"], [["a", "b", 5], ["a", "c", 3], ["b", "c", 1]], complete=True)
>>> spec.answer(saved, {"min_shared": 3, "limit": 100})
[['a', 'b', 5], ['a', 'c', 3]]
>>> cut = Saved(saved.columns, [["a", "b", 5], ["a", "c", 3]], complete=False)
>>> spec.answer(cut, {"min_shared": 4, "limit": 9}), spec.answer(cut, {"min_shared": 3, "limit": 9})
([['a', 'b', 5]], None)
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import NamedQuery, get_query
from .compat import tokenize

PREFIX_ROWS = 100_000  # rows of each ordered answer saved: settles any call whose answer fits in them
LOWEST = -(2**62)  # the threshold the saved answer is computed with: every row passes it
FORMAT = "citegraph-precomputed-1"


@dataclass
class Saved:
    """The first rows of a query's whole ordered answer; ``complete`` when they are all of it."""

    columns: list[str]
    rows: Iterable[list[Any]]  # read lazily from the file: a call reads only the rows it needs
    complete: bool


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and abs(x) < 2**62


@dataclass(frozen=True)
class Prefixed:
    """A catalogue query answered from the prefix of its ordered answer: ``column`` is compared
    with ``$threshold`` and sorted on first, descending; ``limit`` names its LIMIT parameter."""

    name: str
    threshold: str
    column: str
    limit: str | None = None

    def query(self) -> NamedQuery:
        return get_query(self.name)

    def holds(self, cypher: str) -> bool:
        """True when ``cypher`` still has the shape the prefix argument rests on."""
        code = " ".join(t.text for t in tokenize(cypher) if t.kind not in ("ws", "comment"))
        shape = (rf"WHERE {self.column} >= \${self.threshold} RETURN [^$]*\b{self.column}\b[^$]*"
                 rf"ORDER BY {self.column} DESC( , \w+)*")
        shape += rf" LIMIT \${self.limit}$" if self.limit else "$"
        return re.search(shape, code) is not None and code.count("$") == 1 + bool(self.limit)

    def build_params(self) -> dict[str, Any]:
        params = {self.threshold: LOWEST}
        if self.limit:
            params[self.limit] = PREFIX_ROWS + 1
        return params

    def answer(self, saved: Saved, params: dict[str, Any]) -> list[list[Any]] | None:
        """The rows of the call with ``params``, or None when the saved prefix does not settle it."""
        k = params.get(self.threshold)
        limit = params.get(self.limit) if self.limit else None
        if not _is_number(k):  # (so above LOWEST)
            return None
        if self.limit and not (isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0):
            return None
        i = saved.columns.index(self.column)
        rows: list[list[Any]] = []
        for row in saved.rows:
            if limit is not None and len(rows) == limit:
                return rows
            if not _is_number(row[i]):
                return None
            if row[i] < k:
                return rows
            rows.append(row)
        if (limit is not None and len(rows) == limit) or saved.complete:
            return rows
        return None


PRECOMPUTED: dict[str, Prefixed] = {
    spec.name: spec for spec in (
        Prefixed("shared-benchmarks", threshold="min_shared", column="shared", limit="limit"),
        Prefixed("influential-methods", threshold="min_users", column="users"),
    )
}


def _digest(cypher: str) -> str:
    return hashlib.sha256(cypher.encode()).hexdigest()


def saved_path(database: Path, name: str) -> Path:
    """Where the saved answer of query ``name`` lives next to ``database``."""
    return database.with_name(f"{database.name}.{name}.json")


def save_all(run: Any, database: Path) -> list[Path]:
    """Compute and save every :data:`PRECOMPUTED` answer; ``run(cypher, params)`` returns a
    :class:`~citegraph.queries.embedded.QueryResult` of the database at ``database``."""
    written = []
    for name, spec in PRECOMPUTED.items():
        query = spec.query()
        if not spec.holds(query.cypher):
            continue
        result = run(query.cypher, spec.build_params())
        rows = result.rows[:PREFIX_ROWS]
        header = {"format": FORMAT, "query": name, "cypher_sha256": _digest(query.cypher),
                  "columns": result.columns, "complete": len(result.rows) <= PREFIX_ROWS, "rows": len(rows)}
        path = saved_path(database, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(header) + "\n")
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        written.append(path)
    return written


def answer(database: Path, query: NamedQuery, params: dict[str, Any]) -> Saved | None:
    """The rows of ``query`` called with ``params``, from its answer saved next to ``database``;
    None when there is none, it was saved for another text of the query, or it does not settle the call."""
    spec = PRECOMPUTED.get(query.name)
    if spec is None or not spec.holds(query.cypher):
        return None
    try:
        with open(saved_path(database, query.name), encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            if header.get("format") != FORMAT or header.get("cypher_sha256") != _digest(query.cypher):
                return None
            saved = Saved(list(header["columns"]), (json.loads(line) for line in fh), bool(header["complete"]))
            rows = spec.answer(saved, params)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if rows is None else Saved(saved.columns, rows, True)
