"""Every Cypher statement the writer sends, in one place; dialect differences in ``DIALECTS``.

Labels and relationship types come only from :mod:`citegraph.graph.schema`
(checked, then back-quoted); values are always parameters (``$rows``).

>>> print(node_merge("Paper"))
UNWIND $rows AS row MERGE (n:`Paper` {id: row.id}) SET n += row.props
>>> print(rel_merge("CITES", "Paper", "Paper"))  # doctest: +NORMALIZE_WHITESPACE
UNWIND $rows AS row MATCH (a:`Paper` {id: row.from}) MATCH (b:`Paper` {id: row.to})
MERGE (a)-[r:`CITES` {source: row.key.source}]->(b) SET r += row.props
>>> constraint_statements("neo4j")[0]
'CREATE CONSTRAINT citegraph_paper_id IF NOT EXISTS FOR (n:`Paper`) REQUIRE n.id IS UNIQUE'
>>> constraint_statements("falkordb")[0]
'CREATE INDEX FOR (n:`Paper`) ON (n.id)'
"""

from __future__ import annotations

from .records import REL_IDENTITY
from .schema import NODE_LABELS, REL_TYPES

# The only differences between the databases the writer talks to.
# FalkorDB has no CREATE CONSTRAINT in Cypher (its unique constraints are a Redis
# command on top of an index); the index keeps MERGE fast, MERGE keeps ids unique.
DIALECTS: dict[str, str] = {
    "neo4j": "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE",
    "falkordb": "CREATE INDEX FOR (n:{label}) ON (n.id)",
}
# A FalkorDB error that means "already done" for the DDL above (re-running a push).
ALREADY_DONE = ("already indexed", "already exists")


def label(name: str) -> str:
    """A node label from the schema, back-quoted; anything else is refused."""
    if name not in NODE_LABELS:
        raise ValueError(f"{name!r} is not a node label of the schema ({', '.join(NODE_LABELS)})")
    return f"`{name}`"


def rel_type(name: str) -> str:
    """A relationship type from the schema, back-quoted; anything else is refused."""
    if name not in REL_TYPES:
        raise ValueError(f"{name!r} is not a relationship type of the schema ({', '.join(REL_TYPES)})")
    return f"`{name}`"


def constraint_statements(dialect: str) -> list[str]:
    """Uniqueness of ``id`` per label (sent before any data)."""
    template = DIALECTS[dialect]
    return [template.format(name=f"citegraph_{lab.lower()}_id", label=label(lab)) for lab in NODE_LABELS]


def node_merge(node_label: str) -> str:
    """Create or update nodes of one label; ``$rows`` = ``[{"id", "props"}]``."""
    return f"UNWIND $rows AS row MERGE (n:{label(node_label)} {{id: row.id}}) SET n += row.props"


def rel_merge(type_name: str, start_label: str, end_label: str) -> str:
    """Create or update relationships of one type between two labels;
    ``$rows`` = ``[{"from", "to", "key", "props"}]`` where ``key`` holds the identity properties."""
    identity = ", ".join(f"{p}: row.key.{p}" for p in REL_IDENTITY.get(type_name, ()))
    key = f" {{{identity}}}" if identity else ""
    return (f"UNWIND $rows AS row MATCH (a:{label(start_label)} {{id: row.from}}) "
            f"MATCH (b:{label(end_label)} {{id: row.to}}) "
            f"MERGE (a)-[r:{rel_type(type_name)}{key}]->(b) SET r += row.props")


def count_nodes(node_label: str) -> str:
    return f"MATCH (n:{label(node_label)}) RETURN count(n) AS count"


def count_rels(type_name: str) -> str:
    return f"MATCH ()-[r:{rel_type(type_name)}]->() RETURN count(r) AS count"


def delete_nodes(node_label: str) -> str:
    """Delete up to ``$batch`` nodes of one label with their relationships; returns how many."""
    return f"MATCH (n:{label(node_label)}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"


PING = "RETURN 1 AS ok"


def all_statements(dialect: str = "neo4j") -> list[str]:
    """Every statement the writer can send (for validation with Neo4j's parser)."""
    out = [*constraint_statements(dialect), PING]
    for lab in NODE_LABELS:
        out += [node_merge(lab), count_nodes(lab), delete_nodes(lab)]
    for name, rel in REL_TYPES.items():
        out.append(count_rels(name))
        out += [rel_merge(name, s, t) for s in rel.sources for t in rel.targets]
    return out
