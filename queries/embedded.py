"""Cypher on the saved graph without a server: an embedded Ladybug database.

The graph is copied into a Ladybug database (the maintained fork of Kuzu) built
from :mod:`citegraph.graph.schema`: one node table per label, one relationship
table per type. The copy is cached next to ``graph.json`` in
``.citegraph-cache/`` and rebuilt when ``graph.json`` changes. Queries are
rewritten by :mod:`.compat` so they keep Neo4j's meaning, and run read-only.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", label="Paper", id="paper:a", title="WebRL")
>>> G.add_node("model:x", label="Model", id="model:x", name="GPT-4o", aliases=["gpt4o"], paper_count=1)
>>> _ = G.add_edge("paper:a", "model:x", key="MENTIONS", type="MENTIONS", count=2)
>>> with EmbeddedGraph.from_networkx(G) as db:
...     db.run("MATCH (p:Paper)-[r:MENTIONS]->(m {name: $n}) RETURN p.title, r.count", {"n": "GPT-4o"}).rows
[['WebRL', 2]]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citegraph.errors import GraphStoreError, QueryError
from citegraph.gctools import paused_gc
from citegraph.graph.files import GRAPH_JSON
from citegraph.graph.schema import NODE_LABELS, REL_TYPES
from citegraph.lazy import require

from . import precomputed

if TYPE_CHECKING:  # imported where used: a query on a warm cache needs neither networkx nor the stagers
    import networkx as nx

    from .cache_stage import Stage
from .catalogue import NamedQuery
from .compat import to_embedded, tokenize

CACHE_DIR = ".citegraph-cache"
DIGEST_FILE = "graph-json.sha256.json"  # graph.json's digest and the stat it was computed for
LOADER_VERSION = "2"  # bump when the table layout changes, so old caches are rebuilt


@dataclass
class QueryResult:
    """Column names and rows; nodes and relationships are maps of their properties
    plus ``labels`` (nodes) or ``type`` (relationships)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""  # how the rows were obtained, when not by running the query now

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}


def _import_ladybug() -> Any:
    # a core dependency, but say what to do if it is missing
    return require("ladybug", "the embedded query engine needs the 'ladybug' package; "
                              "pip install 'ladybug>=0.22,<0.23'")


_SCALARS = frozenset({str, int, float, bool, type(None)})  # returned as they are (the common case)


def _plain(value: Any) -> Any:
    """Ladybug values as plain JSON-able Python (nodes/rels as property maps)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            if len(value["_NODES"]) == len(value["_RELS"]) + 1:  # a path: every node and relationship
                return {"nodes": [_plain(n) for n in value["_NODES"]],
                        "relationships": [_plain(r) for r in value["_RELS"]]}
            return [_plain(r) for r in value["_RELS"]]  # a variable-length relationship: a list, as in Neo4j
        if "_LABEL" in value and "_SRC" in value:
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {**props, "type": value["_LABEL"]}
        if "_LABEL" in value and "_ID" in value:
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {**props, "labels": [value["_LABEL"]]}
        return {k: _plain(v) for k, v in value.items()}
    return value


class EmbeddedGraph:
    """A read-only Ladybug database holding one citegraph graph."""

    def __init__(self, database: Any, connection: Any, path: Path | None = None) -> None:
        self._db = database
        self._conn = connection
        self._path = path  # the cached database file (None in memory)

    def __enter__(self) -> EmbeddedGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    @classmethod
    def from_networkx(cls, G: nx.MultiDiGraph | Path, path: str | Path | None = None,
                      engine: Any = None) -> EmbeddedGraph:
        """Load ``G`` (or the saved ``graph.json`` at that path) into a new database at ``path``
        (in memory when None).

        ``engine`` is the database module (default ``ladybug``; ``kuzu`` has the same API)."""
        lb = engine or _import_ladybug()
        db = lb.Database(str(path) if path else ":memory:")
        conn = lb.Connection(db)
        load_into(conn, G)
        return cls(db, conn)

    @classmethod
    def open(cls, directory: str | Path) -> EmbeddedGraph:
        """The cached database of the graph saved in ``directory`` (built when missing or stale)."""
        lb = _import_ladybug()
        graph_file = Path(directory)
        if graph_file.is_dir():
            graph_file = graph_file / GRAPH_JSON
        if not graph_file.is_file():
            raise GraphStoreError(f"{graph_file}: no saved graph here; run 'citegraph build INPUTS -o DIR' first")
        cached = cache_path(graph_file, lb)
        if not cached.exists():
            try:
                with _build_lock(cached.parent):
                    if not cached.exists():  # another process may have built it while we waited
                        _build_cache(graph_file, cached, lb)
            except OSError:  # read-only directory: work in memory, nothing left behind
                return cls.from_networkx(graph_file)
        db = lb.Database(str(cached), read_only=True)
        return cls(db, lb.Connection(db), cached)

    def run_named(self, query: NamedQuery, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a catalogue query (``params`` over its defaults): from its answer saved when the
        cache was built (:mod:`.precomputed`) when that settles the call, else by running its Cypher."""
        values = query.params(params)
        saved = precomputed.answer(self._path, query, values) if self._path else None
        if saved is None:
            return self.run(query.cypher, values)
        return QueryResult(saved.columns, list(saved.rows),
                           note=f"{query.name}: rows from this query's answer computed when the cache was built "
                                "(the same Cypher, run once); see 'citegraph query --name "
                                f"{query.name} --show'")

    def run(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a (Neo4j) Cypher query; raise QueryError for anything unsupported."""
        params = dict(params or {})
        missing = [name for name in dict.fromkeys(t.text[1:] for t in tokenize(query) if t.kind == "param")
                   if name not in params]
        if missing:
            raise QueryError(f"missing query parameter(s) {', '.join('$' + m for m in missing)}; "
                             "pass --param NAME=VALUE")
        rewritten = to_embedded(query)
        try:
            result = self._conn.execute(rewritten, params)
        except RuntimeError as err:
            message = str(err).splitlines()[0]
            raise QueryError(f"the embedded engine cannot run this query: {message}") from err
        if isinstance(result, list):
            raise QueryError("run one statement at a time (the query holds several separated by ';')")
        columns = [c for c in result.get_column_names()]
        rows = [[v if type(v) in _SCALARS else _plain(v) for v in row] for row in result.get_all()]
        return QueryResult(columns=columns, rows=rows)


def cache_path(graph_file: Path, lb: Any) -> Path:
    """Where the database of ``graph_file`` is cached: keyed by its content, the loader and the engine."""
    digest = hashlib.sha256(content_digest(graph_file).encode())
    digest.update(f"{LOADER_VERSION}:{lb.__version__}".encode())
    return graph_file.parent / CACHE_DIR / f"ladybug-{digest.hexdigest()[:20]}.lbug"


def _file_stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev]


def content_digest(graph_file: Path) -> str:
    """SHA-256 of ``graph_file``, remembered in the cache directory next to its size, mtime and
    inode: while those are unchanged the file is not read again (hashing the 1.1 GB graph.json of
    100k papers took ~3 s per query).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "graph.json"; _ = f.write_text("{}")
    >>> content_digest(f) == hashlib.sha256(b"{}").hexdigest() == content_digest(f)
    True
    >>> (f.parent / CACHE_DIR / DIGEST_FILE).is_file()
    True
    """
    memo = graph_file.parent / CACHE_DIR / DIGEST_FILE
    stamp = _file_stamp(graph_file)
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
        if known.get("stamp") == stamp and isinstance(known.get("sha256"), str):
            return str(known["sha256"])
    except (OSError, ValueError, AttributeError):
        pass
    digest = hashlib.sha256()
    with open(graph_file, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    if _file_stamp(graph_file) == stamp:  # not rewritten while being read
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp = memo.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"stamp": stamp, "sha256": digest.hexdigest()}), encoding="utf-8")
            os.replace(tmp, memo)
        except OSError:  # read-only directory: hash again next time
            pass
    return digest.hexdigest()


@contextlib.contextmanager
def _build_lock(cache_dir: Path) -> Iterator[None]:
    """One cache build at a time per directory: a second ``citegraph query`` waits for the
    first one's database instead of building its own and replacing it under the first."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / ".build.lock", "a+b") as lock:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, concurrent builds stay possible
            yield
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build_cache(graph_file: Path, target: Path, lb: Any) -> None:
    """Build the database of ``graph_file`` (read as columns, never as a NetworkX graph) at ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".building-"))
    cleanup = [tmp]
    try:
        # the staged files' names go into the COPY statements as they are: a directory whose name
        # holds quotes or glob characters stages in the system's temporary directory instead
        stage_dir = tmp / "stage" if plain_path(tmp) else Path(tempfile.mkdtemp(prefix="citegraph-stage-"))
        cleanup.append(stage_dir)
        stage = stage_graph(graph_file, stage_dir)
        db = lb.Database(str(tmp / "db.lbug"))
        conn = lb.Connection(db)
        try:
            load_into(conn, stage)
            shutil.rmtree(stage.directory)  # the staged Parquet files (also removed below on failure)
            precomputed.save_all(EmbeddedGraph(db, conn).run, tmp / "db.lbug")
        finally:
            conn.close()
            db.close()
        for old in target.parent.glob("ladybug-*.lbug*"):  # stale copies of an older graph.json
            old.unlink()
        for built in tmp.iterdir():
            os.replace(built, target.parent / built.name.replace("db.lbug", target.name))
    finally:
        for directory in cleanup:
            shutil.rmtree(directory, ignore_errors=True)


def stage_graph(source: nx.MultiDiGraph | Path, directory: Path) -> Stage:
    """Write the tables of ``source`` (a graph, or a saved ``graph.json`` streamed) as Parquet
    part files under ``directory``."""
    import networkx as nx

    from .cache_stage import BATCH_ROWS, Stage
    from .cache_tables import tables_from_file, tables_from_graph

    stage = Stage(directory)
    with paused_gc():  # rows of millions of values pass through: collections would only walk them
        if isinstance(source, nx.MultiDiGraph):
            tables_from_graph(source, sink=stage.write, batch=BATCH_ROWS)
        else:
            tables_from_file(source, sink=stage.write, batch=BATCH_ROWS)
    stage.finish()
    return stage


def load_into(conn: Any, source: nx.MultiDiGraph | Path | Stage) -> None:
    """Create the tables of the schema and copy ``source``'s nodes and relationships into them
    (a graph or ``graph.json`` is staged in a temporary directory, removed afterwards)."""
    from .cache_stage import Stage
    from .cache_tables import node_columns

    if not isinstance(source, Stage):
        with tempfile.TemporaryDirectory(prefix="citegraph-stage-") as tmp:
            load_into(conn, stage_graph(source, Path(tmp)))
        return
    stage = source
    for label in NODE_LABELS:
        types = stage.column_types(label, node_columns(label))
        cols = ", ".join(f"`{p}` {t}" for p, t in types.items())
        conn.execute(f"CREATE NODE TABLE `{label}`({cols}, PRIMARY KEY(id))")
    groups = sorted(key for key in stage.tables if len(key) == 3)
    for rel_name, rel in REL_TYPES.items():
        pairs = {(s, t) for s in rel.sources for t in rel.targets}
        pairs |= {(s, t) for (name, s, t) in groups if name == rel_name}
        ends = ", ".join(f"FROM `{s}` TO `{t}`" for s, t in sorted(pairs))
        cols = "".join(f", `{p}` {t}" for p, t in stage.column_types(rel_name, list(rel.properties)).items())
        conn.execute(f"CREATE REL TABLE `{rel_name}`({ends}{cols})")
    # Bulk COPY from Parquet files: Ladybug reads them in row groups, where list parameters were
    # copied whole (15.4 GB for the 100k graph). Each node table and each relationship group gets
    # ONE COPY, of all its part files: Ladybug 0.22 segfaults on a second COPY into a node table
    # that already holds rows, and on a third COPY into the same relationship table and end labels.
    for label in NODE_LABELS:
        if (label,) in stage.tables:
            conn.execute(f"COPY `{label}` FROM {_file_list(stage.tables[(label,)].parts)}")
    for rel_name, src, dst in groups:
        parts = stage.tables[(rel_name, src, dst)].parts
        conn.execute(f"COPY `{rel_name}` FROM {_file_list(parts)} (from='{src}', to='{dst}')")


_PATTERN_CHARS = frozenset("'\"\\*?[]{}")  # quote or glob characters: COPY FROM reads a name as a pattern


def plain_path(path: Path) -> bool:
    """True when ``path`` can be written in a COPY FROM literal as it is (no quote, no glob character)."""
    return not _PATTERN_CHARS & set(str(path))


def _file_list(paths: list[Path]) -> str:
    """A Cypher list literal of file names (COPY FROM takes no parameter for them; they are
    the stage's own files, in a directory chosen by :func:`plain_path`).

    >>> _file_list([Path("/tmp/a.parquet"), Path("/tmp/b.parquet")])
    "['/tmp/a.parquet', '/tmp/b.parquet']"
    """
    for p in paths:
        if not plain_path(p):
            raise GraphStoreError(f"{p}: cannot stage the query cache under a name with quotes or * ? [ ] {{ }}")
    return "[" + ", ".join(f"'{p}'" for p in paths) + "]"
