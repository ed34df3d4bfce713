"""Push the graph into Neo4j (or FalkorDB): constraints, then nodes, then relationships,
in batches of ``UNWIND $rows ... MERGE``, then counts read back and compared.

The caller opens the connection and passes a runner: :class:`Neo4jRunner`
wraps a ``neo4j`` driver (managed write transactions, retried by the driver on
transient errors); :class:`FalkorDBRunner` wraps a ``falkordb`` graph. The same
statements (:mod:`.cypher_statements`) go to both.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", label="Paper", id="paper:a", title="A")
>>> runner = RecordingRunner()
>>> report = push_graph(G, runner, batch_size=10)
>>> kind, query, params = [call for call in runner.calls if call[0] == "write"][-1]
>>> query
'UNWIND $rows AS row MERGE (n:`Paper` {id: row.id}) SET n += row.props'
>>> params
{'rows': [{'id': 'paper:a', 'props': {'id': 'paper:a', 'title': 'A'}}]}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

from citegraph.errors import DatabaseError
from citegraph.lazy import require

from . import cypher_statements as cs
from .records import local_counts, node_rows, rel_groups
from .schema import NODE_LABELS, REL_TYPES


class CypherRunner(Protocol):
    """What the writer needs from a database connection."""

    dialect: str

    def write(self, query: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        """Run a write statement in a (retried) write transaction; return its counters."""

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read statement; return its records as dicts."""

    def close(self) -> None:
        """Release the connection."""


class Neo4jRunner:
    """Runs statements through a ``neo4j`` driver in managed transactions (``execute_write``)."""

    dialect = "neo4j"

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver = driver
        self.database = database or None

    def close(self) -> None:
        self.driver.close()

    def _session(self) -> Any:
        return self.driver.session(database=self.database) if self.database else self.driver.session()

    def write(self, query: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        def work(tx: Any) -> dict[str, int]:
            summary = tx.run(query, params or {}).consume()
            c = summary.counters
            return {"nodes_created": c.nodes_created, "relationships_created": c.relationships_created,
                    "nodes_deleted": c.nodes_deleted, "relationships_deleted": c.relationships_deleted}

        with self._session() as session:
            return dict(session.execute_write(work))

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query, params or {})]

        with self._session() as session:
            return list(session.execute_read(work))


class FalkorDBRunner:
    """Runs the same statements on a ``falkordb`` Graph (Redis protocol, not Bolt)."""

    dialect = "falkordb"

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def close(self) -> None:
        """The caller owns the client; nothing to release here."""

    def write(self, query: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        r = self.graph.query(query, params or {})
        return {"nodes_created": int(r.nodes_created), "relationships_created": int(r.relationships_created),
                "nodes_deleted": int(r.nodes_deleted), "relationships_deleted": int(r.relationships_deleted)}

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        r = self.graph.ro_query(query, params or {})
        names = [h[1] if isinstance(h, (list, tuple)) else h for h in r.header]
        return [dict(zip(names, row, strict=True)) for row in r.result_set]


class RecordingRunner:
    """A fake runner that records every call (for unit tests and dry runs)."""

    dialect = "neo4j"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def close(self) -> None:
        pass

    def write(self, query: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        self.calls.append(("write", query, dict(params or {})))
        return {}

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.calls.append(("read", query, dict(params or {})))
        return [{"count": 0, "deleted": 0}]


@dataclass
class PushReport:
    """What a push did: rows sent, what the server created, and the counts compared."""

    nodes_created: int = 0
    relationships_created: int = 0
    local: dict[str, int] = field(default_factory=dict)
    remote: dict[str, int] = field(default_factory=dict)

    @property
    def mismatches(self) -> dict[str, tuple[int, int]]:
        """``{label or type: (local, remote)}`` where they differ."""
        return {k: (v, self.remote.get(k, 0)) for k, v in self.local.items() if self.remote.get(k, 0) != v}


def _apply_constraints(runner: CypherRunner) -> None:
    for statement in cs.constraint_statements(runner.dialect):
        try:
            runner.write(statement)
        except Exception as err:  # FalkorDB: "already indexed" on a second push
            if not any(s in str(err) for s in cs.ALREADY_DONE):
                raise


def wipe(runner: CypherRunner, batch_size: int = 10_000) -> int:
    """Delete every node (and relationship) with a citegraph label; return how many nodes."""
    total = 0
    for lab in NODE_LABELS:
        while True:
            deleted = int(runner.write(cs.delete_nodes(lab), {"batch": batch_size}).get("nodes_deleted", 0))
            total += deleted
            if deleted < batch_size:
                break
    return total


def remote_counts(runner: CypherRunner) -> dict[str, int]:
    """Nodes per label and relationships per type, as the server reports them."""
    out = {lab: int(runner.read(cs.count_nodes(lab))[0]["count"]) for lab in NODE_LABELS}
    out |= {t: int(runner.read(cs.count_rels(t))[0]["count"]) for t in REL_TYPES}
    return out


def push_graph(G: nx.MultiDiGraph, runner: CypherRunner, batch_size: int = 1000,
               progress: Callable[[int], None] | None = None) -> PushReport:
    """MERGE every node, then every relationship, of ``G``; idempotent.

    ``progress(n)`` is called after each batch with the number of rows sent.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = PushReport(local=local_counts(G))
    nodes = node_rows(G)
    rels = rel_groups(G)
    _apply_constraints(runner)

    def send(statement: str, rows: list[dict[str, Any]]) -> None:
        for i in range(0, len(rows), batch_size):
            batch = rows[i:i + batch_size]
            try:
                counters = runner.write(statement, {"rows": batch})
            except DatabaseError:
                raise
            except Exception as err:
                raise DatabaseError(f"the server refused a batch of {len(batch)} rows ({err}); "
                                    "nothing after it was written, re-run the push to resume") from err
            report.nodes_created += counters.get("nodes_created", 0)
            report.relationships_created += counters.get("relationships_created", 0)
            if progress:
                progress(len(batch))

    for lab, rows in nodes.items():
        send(cs.node_merge(lab), rows)
    for (name, start, end), rows in rels.items():
        send(cs.rel_merge(name, start, end), rows)
    report.remote = remote_counts(runner)
    return report


def total_rows(G: nx.MultiDiGraph) -> int:
    """Rows a push sends (for a progress bar)."""
    return G.number_of_nodes() + G.number_of_edges()


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def connect_neo4j(uri: str, user: str, password: str, database: str | None = None,
                  timeout: float = 10.0) -> Neo4jRunner:
    """Open a ``neo4j`` driver, check the server, the credentials and the database; one-line errors.

    >>> connect_neo4j("localhost:7687", "neo4j", "pw")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    citegraph.errors.DatabaseError: bad URI 'localhost:7687': use bolt://HOST:7687 or neo4j://HOST:7687 ...
    """
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise DatabaseError(f"bad URI {uri!r}: use bolt://HOST:7687 or neo4j://HOST:7687 (also bolt+s, neo4j+s, +ssc)")
    neo4j = require("neo4j", "pushing to Neo4j needs the neo4j driver: pip install 'citegraph[neo4j]'")
    nx4 = neo4j.exceptions
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout)
    except (ValueError, nx4.ConfigurationError) as err:
        raise DatabaseError(f"bad URI {uri!r}: {str(err).splitlines()[0]}") from err
    runner = Neo4jRunner(driver, database)
    try:
        driver.verify_connectivity()
        runner.read(cs.PING)
    except nx4.AuthError as err:
        driver.close()
        raise DatabaseError(f"{uri}: authentication failed for user {user!r}; check --user/--password "
                            "(NEO4J_USERNAME/NEO4J_PASSWORD)") from err
    except nx4.ServiceUnavailable as err:
        driver.close()
        raise DatabaseError(f"{uri}: cannot reach the server ({str(err).splitlines()[0]}); is Neo4j running "
                            "and the port right?") from err
    except nx4.ClientError as err:
        driver.close()
        if "DatabaseNotFound" in str(getattr(err, "code", "")) or "does not exist" in str(err):
            raise DatabaseError(f"{uri}: database {database!r} does not exist; create it (CREATE DATABASE) "
                                "or pass --database neo4j") from err
        raise DatabaseError(f"{uri}: the server refused the connection check ({err})") from err
    return runner


FALKORDB_SCHEMES = ("falkor", "falkors", "redis", "rediss")


def connect_falkordb(uri: str, user: str | None, password: str | None, graph: str | None = None,
                     timeout: float = 10.0) -> FalkorDBRunner:
    """Connect to FalkorDB (``falkor://HOST:6379``, Redis protocol) and select graph ``graph``
    (default ``citegraph``); one-line errors like :func:`connect_neo4j`."""
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    if parts.scheme not in FALKORDB_SCHEMES or not parts.hostname:
        raise DatabaseError(f"bad URI {uri!r}: use falkor://HOST:6379")
    falkordb, redis = (require(m, "pushing to FalkorDB needs its client: pip install 'citegraph[falkordb]'")
                       for m in ("falkordb", "redis"))
    try:
        client = falkordb.FalkorDB(host=parts.hostname, port=parts.port or 6379, username=user or None,
                                   password=password or None, socket_connect_timeout=timeout,
                                   ssl=parts.scheme in ("falkors", "rediss"))
        client.connection.ping()
    except redis.exceptions.AuthenticationError as err:
        raise DatabaseError(f"{uri}: authentication failed; check --user/--password") from err
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as err:
        raise DatabaseError(f"{uri}: cannot reach the server ({err}); is FalkorDB running and the port "
                            "right?") from err
    return FalkorDBRunner(client.select_graph(graph or "citegraph"))
