"""Pushing to a graph database and exporting for bulk loads.

Unit tests check the exact Cypher and parameters against a recording runner;
the integration tests run the same writer, the catalogue and the Cypher script
against a real FalkorDB server (tests/falkordb_fixtures.py).
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from click.testing import CliRunner

from citegraph.cli import main
from citegraph.errors import DatabaseError
from citegraph.graph import cypher_statements as cs
from citegraph.graph.export import cypher_literal, write_cypher_script, write_neo4j_admin
from citegraph.graph.records import local_counts
from citegraph.graph.store import save_graph
from citegraph.graph.writer import FalkorDBRunner, RecordingRunner, connect_neo4j, push_graph, wipe
from citegraph.queries.catalogue import catalogue, get_query
from citegraph.queries.embedded import EmbeddedGraph

from .cypher_fixtures import CATALOGUE_PARAMS, small_graph
from .falkordb_fixtures import falkor_graph, falkordb_server  # noqa: F401


def test_push_sends_constraints_then_nodes_then_relationships_as_parameters():
    runner = RecordingRunner()
    push_graph(small_graph(), runner, batch_size=2)
    writes = [(q, p) for kind, q, p in runner.calls if kind == "write"]
    assert [q for q, _ in writes[:5]] == cs.constraint_statements("neo4j")
    first_rel = next(i for i, (q, _) in enumerate(writes) if "MERGE (a)" in q)
    assert all("MERGE (n:" in q for q, _ in writes[5:first_rel])
    assert all("MERGE (a)" in q for q, _ in writes[first_rel:])
    assert all(len(p["rows"]) <= 2 for _, p in writes[5:])
    cites = [p["rows"] for q, p in writes if "`CITES`" in q]
    assert writes[5][0] == "UNWIND $rows AS row MERGE (n:`Paper` {id: row.id}) SET n += row.props"
    assert [r for rows in cites for r in rows][0] == {
        "from": "paper:p2", "to": "paper:webrl", "key": {"source": "inferred"}, "props": {"via": ["method:webrl"]}}
    paper_rows = [r for q, p in writes if "MERGE (n:`Paper`" in q for r in p["rows"]]
    webrl = next(r for r in paper_rows if r["id"] == "paper:webrl")
    assert webrl["props"]["external_ids"] == '{"arxiv": "2411.02337"}'  # maps as JSON strings
    # every value travels as a parameter: no title appears in any statement
    assert not any("WebRL: Training" in q for q, _ in writes)


def test_statements_only_take_schema_labels():
    with pytest.raises(ValueError, match="not a node label"):
        cs.node_merge("Paper`) DETACH DELETE (x")
    with pytest.raises(ValueError, match="not a relationship type"):
        cs.rel_merge("KNOWS", "Paper", "Paper")


def test_cypher_literal_escapes_everything():
    assert cypher_literal("a'b\\c\nd\u0001") == "'a\\'b\\\\c\\nd\\u0001'"
    assert cypher_literal({"odd key": [1, 2.5, True, None]}) == "{`odd key`: [1, 2.5, true, null]}"
    with pytest.raises(ValueError):
        cypher_literal(float("nan"))


def test_neo4j_admin_files(tmp_path):
    argv = write_neo4j_admin(small_graph(), tmp_path / "import")
    assert argv[:4] == ["neo4j-admin", "database", "import", "full"] and argv[-1] == "neo4j"
    with open(tmp_path / "import" / "nodes_Paper.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id:ID", "title:string", "abstract:string", "published:string", "authors:string[]",
                       "url:string", "sources:string[]", "listing_dates:string[]", "external_ids:string", ":LABEL"]
    delimiter = next(a for a in argv if a.startswith("--array-delimiter="))[-1]
    p4 = next(r for r in rows if r[0] == "paper:p4")
    assert p4[4].split(delimiter) == ["Bo Chen", "Ann Lee"] and p4[-1] == "Paper"
    assert "\n" in p4[2]  # multi-line field, hence --multiline-fields=true
    with open(tmp_path / "import" / "rels_EVALUATED_ON.csv", encoding="utf-8", newline="") as fh:
        rels = list(csv.reader(fh))
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "count:long", "papers:long", "evidence:string[]"]
    assert len(rels) - 1 == 4
    total = 0
    for f in (tmp_path / "import").glob("rels_*.csv"):
        with open(f, encoding="utf-8", newline="") as fh:
            total += len(list(csv.reader(fh))) - 1
    assert total == small_graph().number_of_edges()


def test_push_cli_errors_are_one_line(tmp_path):
    save_graph(small_graph(), tmp_path / "g")
    base = [sys.executable, "-m", "citegraph", "push", str(tmp_path / "g"), "--password", "x"]
    r = subprocess.run([*base, "--uri", "localhost:7687"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and r.stderr.strip().startswith("error: bad URI 'localhost:7687'")
    r = subprocess.run([*base, "--uri", "bolt://127.0.0.1:9"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "cannot reach the server" in r.stderr
    r = subprocess.run([sys.executable, "-m", "citegraph", "push", str(tmp_path / "g")], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and "no password" in r.stderr


def test_connect_maps_auth_and_missing_database(monkeypatch):
    import neo4j

    class FakeDriver:
        def __init__(self, exc):
            self.exc = exc

        def verify_connectivity(self):
            raise self.exc

        def close(self):
            pass

    def fake(exc):
        monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *a, **k: FakeDriver(exc))

    fake(neo4j.exceptions.AuthError("The client is unauthorized due to authentication failure."))
    with pytest.raises(DatabaseError, match="authentication failed for user 'neo4j'"):
        connect_neo4j("bolt://h:7687", "neo4j", "bad")
    fake(neo4j.exceptions.Neo4jError._hydrate_neo4j(code="Neo.ClientError.Database.DatabaseNotFound",
                                                    message="Graph not found: nope"))
    with pytest.raises(DatabaseError, match="database 'nope' does not exist"):
        connect_neo4j("bolt://h:7687", "neo4j", "pw", "nope")


def test_wipe_without_yes_and_without_terminal_does_not_hang(tmp_path, monkeypatch):
    save_graph(small_graph(), tmp_path / "g")
    monkeypatch.setattr("citegraph.cli.push.connect_neo4j", lambda *a, **k: _ClosingRunner())
    r = CliRunner().invoke(main, ["push", str(tmp_path / "g"), "--password", "x", "--wipe"])
    assert r.exit_code == 2 and "add --yes" in r.output


class _ClosingRunner(RecordingRunner):
    pass


# ---------------------------------------------------------------- real server


def _norm(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


@pytest.mark.integration
def test_push_to_falkordb_is_idempotent_and_incremental(falkor_graph):  # noqa: F811
    runner = FalkorDBRunner(falkor_graph)
    G = small_graph()
    first = push_graph(G, runner, batch_size=3)
    assert first.remote == local_counts(G) and not first.mismatches
    assert first.nodes_created == G.number_of_nodes() and first.relationships_created == G.number_of_edges()
    again = push_graph(G, runner, batch_size=3)
    assert again.nodes_created == 0 and again.relationships_created == 0 and again.remote == first.remote
    grown = small_graph(extra_paper=True)
    third = push_graph(grown, runner, batch_size=1000)
    assert third.nodes_created == 1 and third.relationships_created == 1
    assert third.remote == local_counts(grown)
    # properties arrive as written: lists stay lists, maps are JSON strings
    rows = runner.read("MATCH (p:Paper {id: $id}) RETURN p.authors AS a, p.external_ids AS e", {"id": "paper:webrl"})
    assert rows == [{"a": ["Zehan Qi", "Xiao Liu"], "e": '{"arxiv": "2411.02337"}'}]
    assert wipe(runner, batch_size=4) == grown.number_of_nodes()
    assert sum(runner.read(cs.count_nodes("Paper"))[0].values()) == 0


@pytest.mark.integration
def test_catalogue_gives_the_same_rows_embedded_and_on_falkordb(falkor_graph):  # noqa: F811
    G = small_graph()
    push_graph(G, FalkorDBRunner(falkor_graph))
    with EmbeddedGraph.from_networkx(G) as db:
        for name in catalogue():
            q = get_query(name)
            params = q.params(CATALOGUE_PARAMS.get(name))
            embedded = db.run(q.cypher, params).rows
            falkor = falkor_graph.ro_query(q.cypher, params).result_set
            assert embedded, name
            assert _norm(embedded) == _norm(falkor), name


@pytest.mark.integration
def test_cypher_script_loads_into_falkordb(tmp_path, falkor_graph):  # noqa: F811
    G = small_graph()
    path = write_cypher_script(G, tmp_path / "graph.cypher", batch_size=4)
    statements = [line.rstrip(";") for line in path.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("//")]
    for statement in statements:
        if statement.startswith("CREATE CONSTRAINT"):
            continue  # Neo4j DDL; FalkorDB indexes are made by the writer's dialect
        falkor_graph.query(statement)
    runner = FalkorDBRunner(falkor_graph)
    assert push_graph(G, runner).nodes_created == 0  # the script already wrote everything
    title = runner.read("MATCH (p:Paper {id: 'paper:p5'}) RETURN p.authors AS a, p.abstract AS b")[0]
    assert title["a"] == ["Cy O'Neil"] and title["b"].endswith("\nSecond line; 'quoted'.")


@pytest.mark.integration
def test_push_command_end_to_end_on_falkordb(tmp_path, falkordb_server):  # noqa: F811
    save_graph(small_graph(), tmp_path / "g")
    uri = f"falkor://{falkordb_server.host}:{falkordb_server.port}"
    base = [sys.executable, "-m", "citegraph", "push", str(tmp_path / "g"), "--uri", uri, "--database", "cli_e2e"]
    first = subprocess.run(base, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert first.returncode == 0, first.stderr
    G = small_graph()
    assert f"created: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships" in first.stdout
    assert "counts match the local graph" in first.stdout
    again = subprocess.run([*base, "--batch-size", "2"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=120)
    assert again.returncode == 0 and "created: 0 nodes, 0 relationships" in again.stdout
    wiped = subprocess.run([*base, "--wipe", "--yes"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=120)
    assert wiped.returncode == 0 and f"wiped: {G.number_of_nodes()} nodes" in wiped.stdout
    assert f"created: {G.number_of_nodes()} nodes" in wiped.stdout
    down = subprocess.run([*base[:-4], "--uri", "falkor://127.0.0.1:9"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert down.returncode == 1 and "cannot reach the server" in down.stderr
    falkordb_server.client().select_graph("cli_e2e").delete()


def test_export_command(tmp_path):
    save_graph(small_graph(), tmp_path / "g")
    r = CliRunner().invoke(main, ["export", str(tmp_path / "g"), "--format", "neo4j-admin", "-o", str(tmp_path / "i")],
                           catch_exceptions=False)
    assert r.exit_code == 0 and "neo4j-admin database import full --nodes=" in r.output
    assert (tmp_path / "i" / "rels_VARIANT_OF.csv").exists()
    r = CliRunner().invoke(main, ["export", str(tmp_path / "g"), "--format", "cypher", "-o", str(tmp_path)],
                           catch_exceptions=False)
    assert r.exit_code == 0 and (tmp_path / "graph.cypher").stat().st_size > 1000
    assert "cypher-shell" in r.output
