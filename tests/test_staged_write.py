"""CO_MENTIONED edges kept in a table, rendered from its columns, written by a second process:
the files are the bytes the plain graph gives, and a failed write replaces nothing."""

from __future__ import annotations

import io
import json
import os
import signal

import networkx as nx
import pytest

import citegraph
from citegraph.errors import GraphStoreError
from citegraph.graph import KnowledgeGraph, build_graph, graphml, save_graph, staged_write
from citegraph.graph.builder import add_co_mentions, build_graph_parts
from citegraph.graph.comention import CoMentionTable, pair_occurrences
from citegraph.graph.store import to_node_link

TRICKY = ["model:a&b", 'model:say "hi"', "model:x<y>", "method:é-net", "dataset:tab\tnl", "model:ctl\x01"]


def _parts(n_plain: int = 300) -> tuple[nx.MultiDiGraph, CoMentionTable]:
    """A graph without CO_MENTIONED edges and a table of them, with ids that need escaping."""
    G = nx.MultiDiGraph()
    G.graph["note"] = "é & <x>"
    entities = TRICKY + [f"method:m{i:04d}" for i in range(n_plain)]
    for e in entities:
        G.add_node(e, label="Model", id=e, name=e.split(":", 1)[1], aliases=[], paper_count=1)
    per_paper = {}
    for p in range(60):
        pid = f"paper:{p:03d}" + ("&" if p == 7 else "")
        G.add_node(pid, label="Paper", id=pid, title=f"T{p} <b>", abstract="")
        named = [entities[(p * 7 + k * 13) % len(entities)] for k in range(12)]
        per_paper[pid] = {e: [k % 3] for k, e in enumerate(named)}
        for e in named:
            G.add_edge(pid, e, key="MENTIONS", type="MENTIONS", count=1, evidence=[f"{e} & co"])
    G.add_edge("paper:001", "paper:000", key="CITES:inferred", type="CITES", source="inferred", confidence=0.5)
    G.add_edge("model:a&b", "model:x<y>", key="VARIANT_OF", type="VARIANT_OF", via="version")
    return G, CoMentionTable.build(pair_occurrences(per_paper), len(per_paper), max_examples=3)


def _whole(G: nx.MultiDiGraph, table: CoMentionTable) -> nx.MultiDiGraph:
    H = G.copy()
    add_co_mentions(H, table)
    return H


def _files(directory) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in ("graph.json", "graph.graphml")}


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("batch", [1, 7, 2000])
def test_table_writes_the_bytes_of_the_whole_graph(parallel, batch, monkeypatch, tmp_path):
    monkeypatch.setattr(graphml, "BATCH", batch)
    G, table = _parts()
    assert len(table) > 1000
    whole = _whole(G, table)
    save_graph(whole, tmp_path / "plain")  # no table: every edge the generic way
    staged_write.write_files(G, tmp_path, staged_write.SortedEdges(graphml.sorted_edges(G), table), parallel)
    assert _files(tmp_path) == _files(tmp_path / "plain")
    expected = json.dumps(to_node_link(whole), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == expected
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_edges() == whole.number_of_edges()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml", "graph.json", "plain"]  # no leftovers


def test_a_large_table_is_written_by_a_child_process(monkeypatch, tmp_path):
    started = []
    real_start = staged_write.second_process.start
    monkeypatch.setattr(staged_write.second_process, "start", lambda *a, **k: started.append(1) or real_start(*a, **k))
    monkeypatch.setattr(staged_write, "PARALLEL_MIN_ROWS", 10)
    G, table = _parts()
    rows = list(table.rows())
    save_graph(G, tmp_path, co_mentions=table)
    assert started == [1]
    assert list(table.rows()) == rows  # its columns now on the file the child read (deleted since)
    assert _files(tmp_path) == _files(save_graph(_whole(G, table), tmp_path / "plain"))


def _boom(*args):
    raise RuntimeError("boom in the child")


def _killed(*args):
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(("work", "message"), [(_boom, "failed: RuntimeError: boom in the child"),
                                                (_killed, "was killed by signal 9")])
def test_a_failed_child_is_reported_and_replaces_nothing(work, message, monkeypatch, tmp_path):
    monkeypatch.setattr(staged_write, "write_table_parts", work)
    monkeypatch.setattr(staged_write, "PARALLEL_MIN_ROWS", 10)
    (tmp_path / "graph.json").write_text("earlier build", encoding="utf-8")
    G, table = _parts()
    with pytest.raises(GraphStoreError, match=message):
        save_graph(G, tmp_path, co_mentions=table)
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == "earlier build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]  # no graph.graphml, no staging files


def test_a_failure_in_this_process_stops_the_child_and_replaces_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(staged_write, "PARALLEL_MIN_ROWS", 10)
    monkeypatch.setattr(staged_write, "GRAPHML_END", None)  # writing the end of graph.graphml fails
    G, table = _parts()
    with pytest.raises(TypeError):
        staged_write.write_files(G, tmp_path, staged_write.SortedEdges(graphml.sorted_edges(G), table))
    assert list(tmp_path.iterdir()) == []


def test_lean_build_equals_the_plain_build(daily_pages, tmp_path):
    kg = citegraph.build(daily_pages)
    assert kg._co_mentions is not None and len(kg._co_mentions) > 0
    counts, summary = kg.edge_counts(), kg.summary()
    kg.save(tmp_path / "lean", html=False)
    assert kg._co_mentions is not None, "saving and counting must not add the table to the graph"

    papers = citegraph.load_papers(daily_pages)
    plain = build_graph(citegraph.extract(papers))
    plain.graph["load"] = kg._G.graph["load"]
    KnowledgeGraph(plain).save(tmp_path / "plain", html=False)
    assert _files(tmp_path / "lean") == _files(tmp_path / "plain")

    G = kg.to_networkx()  # the table goes into the graph on first use
    assert kg._co_mentions is None
    assert sorted(G.edges(keys=True, data=True)) == sorted(plain.edges(keys=True, data=True))
    assert list(G.nodes(data=True)) == list(plain.nodes(data=True))
    assert KnowledgeGraph(plain).edge_counts() == counts == kg.edge_counts()
    assert KnowledgeGraph(plain).summary() == summary


def test_graph_parts_complete_to_build_graph(daily_pages):
    extractions = citegraph.extract(citegraph.load_papers(daily_pages))
    G, table = build_graph_parts(extractions, min_co_mentions=2, max_examples=2)
    assert not any(k == "CO_MENTIONED" for _, _, k in G.edges(keys=True))
    add_co_mentions(G, table)
    plain = build_graph(extractions, min_co_mentions=2, max_examples=2)
    assert list(G.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))


def test_no_second_process_means_a_serial_write(monkeypatch, tmp_path):
    def no_python(*args, **kwargs):
        raise FileNotFoundError("no python here")

    monkeypatch.setattr(staged_write.subprocess, "Popen", no_python)
    monkeypatch.setattr(staged_write, "PARALLEL_MIN_ROWS", 10)
    G, table = _parts()
    save_graph(G, tmp_path, co_mentions=table)
    assert _files(tmp_path) == _files(save_graph(_whole(G, table), tmp_path / "plain"))


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_parts_are_copied_in_place(kernel_copy, monkeypatch, tmp_path):
    if not kernel_copy:  # the portable path (no copy_file_range on this platform or file system)
        monkeypatch.delattr(staged_write.os, "copy_file_range", raising=False)
    target, source = tmp_path / "target", tmp_path / "source"
    target.write_bytes(b"<head>")
    source.write_bytes(b"T" * 3_000_000)
    fd = os.open(target, os.O_WRONLY)
    staged_write._copy_at(fd, 6, source)
    os.close(fd)
    assert target.read_bytes() == b"<head>" + b"T" * 3_000_000


def test_the_child_stops_when_the_writer_stops(tmp_path):
    G, table = _parts()
    edges = staged_write.SortedEdges(graphml.sorted_edges(G), table)
    template, key_ids = graphml.graphml_pieces(G, edges, graphml.sorted_nodes(G)).table_style
    sizes = io.BytesIO()
    with pytest.raises(GraphStoreError, match="graph.json: the writing process stopped"):
        staged_write.write_table_parts(table, edges.at, template, key_ids, tmp_path / "graph.json",
                                       tmp_path / "graph.graphml", io.BytesIO(b""), sizes)
    assert int(sizes.getvalue()) == (tmp_path / "graphml-table").stat().st_size > 0
