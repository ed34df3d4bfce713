"""The embedded engine's cached database: loading past one COPY batch, and the cache key."""

from __future__ import annotations

import json

from citegraph.graph.store import save_graph
from citegraph.queries import cache_stage, embedded
from citegraph.queries.embedded import CACHE_DIR, DIGEST_FILE, EmbeddedGraph

from .cypher_fixtures import small_graph


def test_every_table_loads_in_one_copy(monkeypatch):
    # Ladybug 0.22 segfaults on a second COPY into a non-empty node table and on a third into one
    # relationship group (the 100k graph, in batches of 50k rows, crashed): one COPY each, of all
    # the table's part files, however many there are.
    monkeypatch.setattr(cache_stage, "BATCH_ROWS", 2)
    statements = []

    class Recording:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, query, params=None):
            statements.append(query)
            return self.conn.execute(query, params or {})

    lb = embedded._import_ladybug()
    db = lb.Database(":memory:")
    conn = lb.Connection(db)
    G = small_graph()
    embedded.load_into(Recording(conn), G)
    copies = [(s.split(" FROM ")[0], s[s.rfind("(from="):] if "(from=" in s else "") for s in statements
              if s.startswith("COPY")]
    assert ("COPY `MENTIONS`", "(from='Paper', to='Model')") in copies
    assert len(copies) == len(set(copies))  # no table or relationship group copied twice
    paper_copy = next(s for s in statements if s.startswith("COPY `Paper`"))
    assert paper_copy.count(".parquet'") >= 2  # several part files, one statement
    conn.close()
    db.close()
    with EmbeddedGraph.from_networkx(G) as db:
        papers = db.run("MATCH (p:Paper) RETURN count(p)").rows[0][0]
        mentions = db.run("MATCH ()-[r:MENTIONS]->() RETURN count(r)").rows[0][0]
    assert papers == sum(1 for _, label in G.nodes(data="label") if label == "Paper") > 2
    assert mentions == sum(1 for *_, t in G.edges(data="type") if t == "MENTIONS") > 2


def test_digest_is_remembered_until_graph_json_changes(tmp_path, monkeypatch):
    save_graph(small_graph(), tmp_path)
    with EmbeddedGraph.open(tmp_path) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]
    memo = json.loads((tmp_path / CACHE_DIR / DIGEST_FILE).read_text())
    hashed = []
    real = embedded.hashlib.sha256
    monkeypatch.setattr(embedded.hashlib, "sha256", lambda *a: hashed.append(a) or real(*a))
    with EmbeddedGraph.open(tmp_path) as db:  # warm: graph.json is not read again
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]
    assert all(a for a in hashed)  # only the short key hash, never an empty (file) hash
    save_graph(small_graph(extra_paper=True), tmp_path)  # rewritten: new stamp, new digest, new cache
    with EmbeddedGraph.open(tmp_path) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[6]]
    assert json.loads((tmp_path / CACHE_DIR / DIGEST_FILE).read_text())["sha256"] != memo["sha256"]
    assert len(list((tmp_path / CACHE_DIR).glob("ladybug-*.lbug"))) == 1


def test_graph_json_streamed_in_tiny_chunks_gives_the_graphs_columns(tmp_path):
    from citegraph.queries.cache_tables import tables_from_file, tables_from_graph

    G = small_graph()
    G.graph["stats"] = {"nodes": [1, 2], "note": 'x "nodes":['}  # look-alikes of the arrays in the header
    save_graph(G, tmp_path)
    want = tables_from_graph(G)
    for chunk in (1, 2, 7, 1 << 20):
        got = tables_from_file(tmp_path / "graph.json", chunk=chunk)
        assert got.nodes == want.nodes and got.rels == want.rels


def test_unreadable_graph_json_is_a_clear_error(tmp_path):
    import pytest

    from citegraph.errors import GraphStoreError
    from citegraph.queries.cache_tables import tables_from_file

    (tmp_path / "graph.json").write_text('{"format": "citegraph", "nodes": [{"key": "a", "label": "Paper"}')
    with pytest.raises(GraphStoreError, match="not a readable citegraph graph"):
        tables_from_file(tmp_path / "graph.json")
    (tmp_path / "graph.json").write_text('{"format": "other", "nodes": [], "edges": []}')
    with pytest.raises(GraphStoreError, match="not a citegraph graph"):
        tables_from_file(tmp_path / "graph.json")
    with pytest.raises(GraphStoreError, match="no saved graph"):
        tables_from_file(tmp_path / "missing.json")
