"""The Parquet staging of the embedded cache: types decided over every part, files removed."""

from __future__ import annotations

import pytest

from citegraph.graph.schema import NODE_LABELS, REL_TYPES
from citegraph.graph.store import save_graph
from citegraph.queries import cache_stage, embedded
from citegraph.queries.cache_stage import Stage
from citegraph.queries.embedded import CACHE_DIR, EmbeddedGraph

from .cypher_fixtures import small_graph


def _content(db: EmbeddedGraph) -> dict[str, list]:
    out = {label: db.run(f"MATCH (n:{label}) RETURN n ORDER BY n.id").rows for label in NODE_LABELS}
    for t in REL_TYPES:
        out[t] = sorted(db.run(f"MATCH (a)-[r:{t}]->(b) RETURN a.id, b.id, r").rows, key=repr)
    return out


def test_parts_of_one_row_give_the_same_database(monkeypatch):
    G = small_graph()
    G.nodes["paper:p2"]["published"] = None  # a column missing in the first part only
    with EmbeddedGraph.from_networkx(G) as db:
        whole = _content(db)
    monkeypatch.setattr(cache_stage, "BATCH_ROWS", 1)  # every row its own part file
    with EmbeddedGraph.from_networkx(G) as db:
        assert _content(db) == whole
    assert whole["Paper"] and whole["CO_MENTIONED"] and whole["EVALUATED_ON"]


def test_a_column_type_seen_late_casts_the_parts_written_before(tmp_path):
    stage = Stage(tmp_path)
    stage.write(("Model",), {"id": ["a", "b"], "name": [None, None], "aliases": [[], None], "paper_count": [1, 2]})
    stage.write(("Model",), {"id": ["c"], "name": ["C"], "aliases": [["c"]], "paper_count": [2.5]})
    stage.write(("Model",), {"id": ["d"], "name": [7], "aliases": [None], "paper_count": [None]})
    types = stage.finish()["Model"]
    assert types == {"id": "STRING", "name": "STRING", "aliases": "STRING[]", "paper_count": "DOUBLE"}
    first, second, third = (t.to_pydict() for t in stage.tables[("Model",)].read())
    assert first == {"id": ["a", "b"], "name": [None, None], "aliases": [[], None], "paper_count": [1.0, 2.0]}
    assert third["name"] == ["7"] and third["paper_count"] == [None]
    assert {str(t.schema) for t in stage.tables[("Model",)].read()} == {str(stage.tables[("Model",)].read()[0].schema)}


def _left_over(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.suffix == ".parquet" or p.name.startswith((".building-", "stage")))


def test_staged_files_are_removed_after_a_build(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_stage, "BATCH_ROWS", 2)
    staged = []
    real = embedded.stage_graph
    monkeypatch.setattr(embedded, "stage_graph", lambda *a: staged.append(real(*a)) or staged[-1])
    save_graph(small_graph(), tmp_path)
    with EmbeddedGraph.open(tmp_path) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]
    assert staged and len(staged[0].tables[("Paper",)].parts) == 3  # it did stage, in several parts
    assert _left_over(tmp_path) == []
    assert len(list((tmp_path / CACHE_DIR).glob("ladybug-*.lbug"))) == 1


def test_staged_files_are_removed_after_a_failed_build(tmp_path, monkeypatch):
    staged = []

    def failing_load(conn, stage):
        staged.append(list(stage.directory.glob("*.parquet")))
        raise RuntimeError("the engine failed half way")

    monkeypatch.setattr(embedded, "load_into", failing_load)
    save_graph(small_graph(), tmp_path)
    with pytest.raises(RuntimeError, match="half way"):
        EmbeddedGraph.open(tmp_path)
    assert staged and staged[0]  # there were part files to remove
    assert _left_over(tmp_path) == []
    assert list((tmp_path / CACHE_DIR).glob("ladybug-*")) == []
    monkeypatch.undo()
    with EmbeddedGraph.open(tmp_path) as db:  # the next query builds it
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]


def test_a_directory_name_with_quote_or_glob_characters_stages_in_the_temp_directory(tmp_path, monkeypatch):
    import tempfile

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    staged = []
    real = embedded.stage_graph
    monkeypatch.setattr(embedded, "stage_graph", lambda *a: staged.append(real(*a)) or staged[-1])
    where = tmp_path / "it's [a] dir"
    save_graph(small_graph(), where)
    with EmbeddedGraph.open(where) as db:
        assert db.run("MATCH (p:Paper) RETURN count(p)").rows == [[5]]
    assert staged[0].directory.parent == system_tmp
    assert _left_over(where) == [] and list(system_tmp.iterdir()) == []
