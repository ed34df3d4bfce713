"""Cypher on the saved graph: the embedded engine, its Neo4j-compatibility rewrites, the
catalogue and the ``citegraph query`` command."""

from __future__ import annotations

import json
import math
import os

import pytest
from click.testing import CliRunner

from citegraph.cli import main
from citegraph.errors import QueryError
from citegraph.graph.store import save_graph
from citegraph.queries.catalogue import catalogue, get_query, parse_param
from citegraph.queries.compat import to_embedded
from citegraph.queries.embedded import CACHE_DIR, EmbeddedGraph

from .cypher_fixtures import CATALOGUE_PARAMS, FEATURES, small_graph


@pytest.fixture(scope="module")
def engine():
    with EmbeddedGraph.from_networkx(small_graph()) as db:
        yield db


@pytest.fixture
def saved(tmp_path):
    save_graph(small_graph(), tmp_path / "g")
    return tmp_path / "g"


def _same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.mark.parametrize("feature,query,params,expected", FEATURES, ids=[f[0] for f in FEATURES])
def test_feature_gives_neo4j_answer(engine, feature, query, params, expected):
    rows = engine.run(query, params).rows
    if "ORDER BY" not in query:
        rows, expected = sorted(rows, key=repr), sorted(expected, key=repr)
    assert _same(rows, expected), (feature, rows)


@pytest.mark.parametrize("query,clause", [
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("CREATE (:Paper {id: 'x'})", "CREATE"),
    ("MATCH (n:Paper) SET n.title = 'x'", "SET"),
    ("MERGE (n:Paper {id: 'x'}) RETURN n", "MERGE"),
    ("CALL db.labels()", "CALL"),
    ("MATCH p = shortestPath((a:Paper)-[*]-(b:Paper)) RETURN p", "shortestPath"),
    ("MATCH (a:Paper)-[:CITES*]->(b) RETURN b", "upper bound"),
    ("MATCH (a:Paper)-[:CITES*2..]->(b) RETURN b", "upper bound"),
    ("MATCH (p:Paper) RETURN p.authors[1..2]", "list subscript [1..2]"),
    ("MATCH (a:Paper)-[:CITES]->(b)-[:CITES*1..2]->(c) RETURN c", "variable-length relationship pattern"),
    ("MATCH (m:Model) RETURN m.nosuch", "Cannot find property nosuch"),
])
def test_unsupported_queries_name_the_clause(engine, query, clause):
    with pytest.raises(QueryError, match=clause.replace("[", r"\[").replace("*", r"\*")):
        engine.run(query)


def test_missing_parameter_is_an_error_not_empty_rows(engine):
    with pytest.raises(QueryError, match=r"missing query parameter\(s\) \$name"):
        engine.run("MATCH (m:Model {name: $name}) RETURN m")


def test_rewrites_keep_strings_comments_and_property_names():
    q = "MATCH (n:Paper {title: 'CREATE -[:X]-> type(x)'}) // DELETE\nRETURN n.set, n.type AS type"
    assert to_embedded(q) == q
    assert to_embedded("MATCH (a)--(b)-->(c) RETURN a") == \
        "MATCH (a)-[__r1]-(b)-[__r2]->(c) WHERE __r1 <> __r2 RETURN a"
    assert to_embedded("MATCH (a)-[:X]->(b) WHERE a.x = 1 OR b.y = 2 MATCH (b)-[:Y]->(c)<-[:Y]-(d) RETURN d") == (
        "MATCH (a)-[:X]->(b) WHERE a.x = 1 OR b.y = 2 MATCH (b)-[__r1:Y]->(c)<-[__r2:Y]-(d) "
        "WHERE __r1 <> __r2 RETURN d")
    # different types can never bind one relationship: no condition added
    assert to_embedded("MATCH (p)-[:INTRODUCES]->(m)<-[:MENTIONS]-(q) RETURN q") == \
        "MATCH (p)-[:INTRODUCES]->(m)<-[:MENTIONS]-(q) RETURN q"


def test_nodes_and_relationships_are_property_maps(engine):
    r = engine.run("MATCH (p:Paper {id: 'paper:webrl'})-[c:INTRODUCES]->(m:Method) RETURN p, c, m")
    paper, rel, method = r.rows[0]
    assert paper["labels"] == ["Paper"] and paper["authors"] == ["Zehan Qi", "Xiao Liu"]
    assert json.loads(paper["external_ids"]) == {"arxiv": "2411.02337"}
    assert rel == {"evidence": ["We introduce WebRL."], "type": "INTRODUCES"}
    assert method == {"id": "method:webrl", "name": "WebRL", "aliases": [], "paper_count": 4, "labels": ["Method"]}


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_catalogue_query_returns_rows(engine, name):
    q = get_query(name)
    rows = engine.run(q.cypher, q.params(CATALOGUE_PARAMS.get(name))).rows
    assert rows, name


def test_catalogue_answers(engine):
    def run(name, **params):
        q = get_query(name)
        return engine.run(q.cypher, q.params(params)).rows

    assert run("top-models", limit=1) == [["GPT-4o", 3]]
    assert run("influential-methods") == [["WebRL: Training LLM Web Agents via Self-Evolving Online Curriculum",
                                           "WebRL", 3]]
    assert run("model-variants", base="Llama-3.1-8B") == [["Llama-3.1-8B", "Llama-3.1-8B-Instruct"],
                                                          ["Llama-3.1-8B", "Llama-3.1-8B-Instruct-AWQ"]]
    webrl = "WebRL: Training LLM Web Agents via Self-Evolving Online Curriculum"
    assert run("cited-by", paper="paper:webrl") == [
        [webrl, "Agents that Browse: A Study with GPT-4o", "inferred"],
        [webrl, "Curriculum RL for Web Agents", "inferred"],
        [webrl, "Curriculum RL for Web Agents", "metadata"]]
    assert ["GPT-4o", "Llama-3.1-8B", 1] in run("shared-benchmarks")
    assert run("benchmarks-introduced")[0][:2] == ["WebArena-Lite",
                                                   "WebRL: Training LLM Web Agents via Self-Evolving Online Curriculum"]


def test_catalogue_headers_document_every_parameter():
    for q in catalogue().values():
        assert "?" in q.description, q.name
        used = {t[1:] for t in __import__("re").findall(r"\$\w+", q.cypher)}
        assert used == set(q.defaults), q.name
    assert len(catalogue()) >= 10


def test_parse_param():
    assert parse_param("limit=10") == ("limit", 10)
    assert parse_param("name=GPT-4o") == ("name", "GPT-4o")
    assert parse_param("q=a=b") == ("q", "a=b")
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_param("novalue")


def test_cache_is_built_next_to_graph_and_rebuilt_when_graph_changes(saved, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    with EmbeddedGraph.open(saved) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]
    cached = list((saved / CACHE_DIR).glob("ladybug-*"))
    assert cached and set(os.listdir(tmp_path)) == before  # nothing in the working directory
    save_graph(small_graph(extra_paper=True), saved)
    with EmbeddedGraph.open(saved) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[6]]
    assert list((saved / CACHE_DIR).glob("ladybug-*")) != cached
    assert len(list((saved / CACHE_DIR).glob("ladybug-*.lbug"))) == 1  # the stale copy is gone,
    assert len({p.name.split(".")[0] for p in (saved / CACHE_DIR).glob("ladybug-*")}) == 1  # with its saved answers


def test_a_query_waits_for_the_cache_build_under_way(saved):
    import subprocess
    import sys
    import time

    from citegraph.queries.embedded import _build_lock

    code = ("import sys; from citegraph.queries.embedded import EmbeddedGraph\n"
            "with EmbeddedGraph.open(sys.argv[1]) as db: print(db.run('MATCH (p:Paper) RETURN count(p)').rows)")
    with _build_lock(saved / CACHE_DIR):  # as if another process were building the cache
        proc = subprocess.Popen([sys.executable, "-c", code, str(saved)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert proc.poll() is None  # waiting, not building a second copy
        assert not list((saved / CACHE_DIR).glob(".building-*"))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert out.strip() == "[[5]]"
    assert len(list((saved / CACHE_DIR).glob("ladybug-*.lbug"))) == 1


def test_cli_table_csv_json(saved):
    runner = CliRunner()
    r = runner.invoke(main, ["query", str(saved), "MATCH (m:Model) WHERE m.name = $n RETURN m.name AS name, m",
                             "--param", "n=GPT-4o", "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["columns"] == ["name", "m"]
    assert data["rows"][0][1]["labels"] == ["Model"] and data["rows"][0][1]["aliases"] == ["gpt4o"]
    r = runner.invoke(main, ["query", str(saved), "--name", "top-models", "-p", "limit=2", "--csv"])
    assert r.output.splitlines() == ["model,papers", "GPT-4o,3", "Llama-3.1-8B,1"]
    r = runner.invoke(main, ["query", str(saved), "--name", "top-models", "-p", "limit=2"])
    assert r.output.splitlines()[0].split() == ["model", "papers"] and "(2 rows)" in r.output


def test_cli_list_and_errors(saved):
    runner = CliRunner()
    r = runner.invoke(main, ["query", "--list"])
    assert r.exit_code == 0 and "top-models: Which models" in r.output and "--param limit=20" in r.output
    r = runner.invoke(main, ["query", str(saved), "MATCH (n) DELETE n"])
    assert r.exit_code == 1 and r.output.strip() == \
        "error: DELETE is not supported: queries on the saved graph are read-only"
    r = runner.invoke(main, ["query", str(saved), "--name", "nope"])
    assert r.exit_code == 1 and "no query named 'nope'" in r.output
    r = runner.invoke(main, ["query", str(saved), "--name", "top-models", "-p", "lim=3"])
    assert r.exit_code == 1 and "has no parameter lim" in r.output
    r = runner.invoke(main, ["query", str(saved.parent / "missing"), "RETURN 1"])
    assert r.exit_code == 1 and "no saved graph here" in r.output


def test_paths_and_variable_length_relationships(engine):
    r = engine.run("MATCH p = (a:Paper {id: 'paper:p4'})-[rs:CITES*2..2]->(b) RETURN p, rs")
    path, rels = r.rows[0]
    assert [n["id"] for n in path["nodes"]] == ["paper:p4", "paper:p2", "paper:webrl"]
    assert [x["source"] for x in path["relationships"]] == ["metadata", "inferred"]
    assert rels == path["relationships"] and all(x["type"] == "CITES" for x in rels)
