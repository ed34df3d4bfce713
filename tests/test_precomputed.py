"""Catalogue answers saved at the cache build equal the catalogue's Cypher run now, for any call."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from click.testing import CliRunner

from citegraph.cli import main
from citegraph.graph.schema import edge_key
from citegraph.graph.store import save_graph
from citegraph.queries import precomputed
from citegraph.queries.catalogue import get_query
from citegraph.queries.embedded import CACHE_DIR, EmbeddedGraph
from citegraph.queries.precomputed import PRECOMPUTED


def random_graph(seed: int = 0) -> nx.MultiDiGraph:
    """Models evaluated on benchmarks, methods introduced and mentioned by papers, with ties
    in the counts and two models of one name."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(40):
        G.add_node(f"paper:{i}", label="Paper", id=f"paper:{i}", title=f"Paper {i % 30}")
    for i in range(25):
        name = "Twin" if i in (3, 4) else f"Model-{i}"
        G.add_node(f"model:{i}", label="Model", id=f"model:{i}", name=name, aliases=[], paper_count=1)
    for i in range(6):
        G.add_node(f"benchmark:{i}", label="Benchmark", id=f"benchmark:{i}", name=f"Bench-{i}", aliases=[])
        G.add_node(f"method:{i}", label="Method", id=f"method:{i}", name=f"M{i % 4}", aliases=[])
    for i in range(25):
        for b in rng.sample(range(6), rng.randint(0, 4)):
            G.add_edge(f"model:{i}", f"benchmark:{b}", key=edge_key("EVALUATED_ON"), type="EVALUATED_ON", count=1)
    for p in range(40):
        for m in rng.sample(range(6), rng.randint(0, 3)):
            G.add_edge(f"paper:{p}", f"method:{m}", key=edge_key("MENTIONS"), type="MENTIONS", count=1)
        if p < 12:
            G.add_edge(f"paper:{p}", f"method:{p % 6}", key=edge_key("INTRODUCES"), type="INTRODUCES")
    return G


CALLS = {
    "shared-benchmarks": [{}, {"min_shared": 2}, {"min_shared": 2, "limit": 3}, {"min_shared": 0, "limit": 1000},
                          {"min_shared": -5}, {"min_shared": 99}, {"limit": 0}, {"min_shared": 1.5, "limit": 7},
                          {"min_shared": 3, "limit": 1}],
    "influential-methods": [{}, {"min_users": 1}, {"min_users": 4}, {"min_users": 0}, {"min_users": 99},
                            {"min_users": 2.5}],
}


@pytest.fixture(params=[precomputed.PREFIX_ROWS, 3])
def built(request, tmp_path, monkeypatch):
    """The random graph saved and its cache built, saving PREFIX_ROWS rows (3: most calls not settled)."""
    monkeypatch.setattr(precomputed, "PREFIX_ROWS", request.param)
    save_graph(random_graph(), tmp_path)
    with EmbeddedGraph.open(tmp_path):
        pass
    return tmp_path


def test_every_call_equals_the_cypher_run_now(built):
    answered = rows = 0
    with EmbeddedGraph.open(built) as db:
        for name, calls in CALLS.items():
            q = get_query(name)
            for call in calls:
                want = db.run(q.cypher, q.params(call))
                got = db.run_named(q, call)
                assert (got.columns, got.rows) == (want.columns, want.rows), (name, call)
                answered += bool(got.note)
                rows += len(got.rows)
    assert answered >= 5 and rows > 50  # the saved answers were used, not only the Cypher, and not empty


def test_a_call_the_prefix_does_not_settle_runs_the_cypher(tmp_path, monkeypatch):
    monkeypatch.setattr(precomputed, "PREFIX_ROWS", 2)
    save_graph(random_graph(), tmp_path)
    q = get_query("shared-benchmarks")
    with EmbeddedGraph.open(tmp_path) as db:
        assert db.run_named(q, {"limit": 2}).note  # settled by the 2 rows saved
        many = db.run_named(q, {"limit": 50})
        assert not many.note and len(many.rows) > 2
        assert not db.run_named(q, {"min_shared": "2"}).note  # not a number: the engine decides


def test_the_saved_rows_are_the_catalogue_queries_own(tmp_path):
    save_graph(random_graph(), tmp_path)
    with EmbeddedGraph.open(tmp_path) as db:
        for name in PRECOMPUTED:
            path = precomputed.saved_path(db._path, name)
            lines = path.read_text().splitlines()
            header = json.loads(lines[0])
            assert header["complete"] and header["rows"] == len(lines) - 1 > 3
            q = get_query(name)
            lowest = {PRECOMPUTED[name].threshold: -1, "limit": 10**6} if name == "shared-benchmarks" else \
                {PRECOMPUTED[name].threshold: -1}
            assert [json.loads(line) for line in lines[1:]] == db.run(q.cypher, lowest).rows


def test_a_changed_catalogue_text_ignores_the_saved_answer(tmp_path):
    from dataclasses import replace

    save_graph(random_graph(), tmp_path)
    q = get_query("shared-benchmarks")
    with EmbeddedGraph.open(tmp_path) as db:
        assert db.run_named(q).note
        edited = replace(q, cypher=q.cypher.replace("LIMIT $limit", "LIMIT $limit // edited"))
        assert PRECOMPUTED["shared-benchmarks"].holds(edited.cypher)
        assert not db.run_named(edited).note  # saved for another text: run
        reordered = replace(q, cypher=q.cypher.replace("ORDER BY shared DESC", "ORDER BY shared"))
        assert not PRECOMPUTED["shared-benchmarks"].holds(reordered.cypher)


def test_catalogue_texts_have_the_shape_the_saved_answers_rest_on():
    for name, spec in PRECOMPUTED.items():
        assert spec.holds(get_query(name).cypher), name


def test_cli_says_when_rows_come_from_the_saved_answer(tmp_path):
    save_graph(random_graph(), tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(tmp_path), "--name", "shared-benchmarks", "--param", "limit=2", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["columns"] == ["model", "other", "shared"]
    assert "computed when the cache was built" in out.stderr
    plain = runner.invoke(main, ["query", str(tmp_path), "--name", "top-models"])
    assert plain.exit_code == 0 and "cache was built" not in plain.stderr
    assert (tmp_path / CACHE_DIR).is_dir()
