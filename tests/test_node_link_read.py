"""Reading graph.json element by element, and its CO_MENTIONED edges back into a table."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

import citegraph
from citegraph.cli import main
from citegraph.errors import GraphStoreError
from citegraph.graph import KnowledgeGraph, load_graph
from citegraph.graph.node_link_read import read_node_link, read_node_link_parts, stream_node_link
from citegraph.graph.store import to_node_link, write_node_link
from citegraph.viz import ViewOptions, select_view, write_html


@pytest.fixture(scope="module")
def saved(daily_pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("saved")
    kg = citegraph.build(daily_pages)
    kg.save(out, html=False)
    return kg, out


def _tricky_document() -> str:
    """Strings holding what the reader cuts at (``},{``), quotes, escapes and non-Latin text."""
    G = nx.MultiDiGraph()
    G.graph["note"] = 'a},{"b"'
    for i in range(40):
        G.add_node(f"model:m{i:02d}", label="Model", name=f'M{i} }},{{ "x" é ✓' if i % 3 == 0 else f"M{i}",
                   aliases=["},{", "\\"], paper_count=i)
    for i in range(39):
        G.add_edge(f"model:m{i:02d}", f"model:m{i + 1:02d}", key="MENTIONS", type="MENTIONS", count=i,
                   evidence=[f'he said "}},{{" {i}' if i % 4 == 0 else "plain", {"nested": [{"a": 1}, {"b": 2}]}])
    return json.dumps(to_node_link(G), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("chunk", [1, 7, 64, 1000, 1 << 20])
@pytest.mark.parametrize("indent", [None, 1])
def test_streamed_elements_are_those_of_the_whole_document(chunk, indent):
    doc = _tricky_document()
    if indent:
        doc = json.dumps(json.loads(doc), ensure_ascii=False, indent=indent)  # no "},{": one element at a time
    data = json.loads(doc)
    items = list(stream_node_link(io.StringIO(doc), chunk=chunk))
    assert [d for kind, d in items if kind == "node"] == data["nodes"]
    assert [d for kind, d in items if kind == "edge"] == data["edges"]
    assert dict((k, v) for k, v in items if k not in ("node", "edge")) == {
        k: v for k, v in data.items() if k not in ("nodes", "edges")}


@pytest.mark.parametrize("chunk", [64, 1 << 20])
def test_values_the_fast_decoder_refuses_decode_as_json_decodes_them(chunk):
    # orjson reads the runs of elements; NaN, infinities and lone surrogates it refuses, and json
    # decodes those runs as it always did (runs mixing them with plain elements too)
    G = nx.MultiDiGraph()
    odd = [float("nan"), float("-inf"), 2**63 - 1, -(2**63), 1e-7, "\ud800 lone", "plain"]
    for i in range(60):
        G.add_node(f"n{i:02d}", label="Model", value=odd[i % len(odd)] if i % 5 == 0 else i)
    doc = json.dumps(to_node_link(G), ensure_ascii=False, separators=(",", ":"))
    items = [d for kind, d in stream_node_link(io.StringIO(doc), chunk=chunk) if kind == "node"]
    # json.dumps of both sides: NaN != NaN, but their texts are equal
    assert json.dumps(items) == json.dumps(json.loads(doc)["nodes"])
    assert [type(d["value"]) for d in items] == [type(d["value"]) for d in json.loads(doc)["nodes"]]


def test_empty_arrays_and_a_graph_with_no_edges():
    G = nx.MultiDiGraph()
    G.add_node("a", label="Model", name="A")
    H = read_node_link(io.StringIO(json.dumps(to_node_link(G))))
    assert list(H.nodes(data=True)) == [("a", {"label": "Model", "name": "A"})] and H.number_of_edges() == 0
    assert read_node_link(io.StringIO(json.dumps(to_node_link(nx.MultiDiGraph())))).number_of_nodes() == 0


def test_load_keeps_co_mentions_aside_and_writes_the_same_bytes(saved, tmp_path):
    kg, out = saved
    G, table = read_node_link_parts(out / "graph.json")
    assert table is not None and len(table) == kg.edge_counts()["CO_MENTIONED"] > 0
    assert not any(k == "CO_MENTIONED" for _, _, k in G.edges(keys=True))
    assert "summary" not in G.graph and "load" in G.graph  # the saved counts are the file's, not the graph's
    again_dir = KnowledgeGraph(G, co_mentions=table).save(tmp_path / "again", html=False)
    assert (again_dir / "graph.json").read_bytes() == (out / "graph.json").read_bytes()
    buf = io.StringIO()
    write_node_link(G, buf, co_mentions=table)  # the same document without the saved counts
    assert json.loads(buf.getvalue()) == _without_summary(json.loads((out / "graph.json").read_text(encoding="utf-8")))
    again = load_graph(out)
    assert again.edge_counts() == kg.edge_counts()
    assert sorted(again.G.edges(keys=True, data=True), key=str) == sorted(kg.G.edges(keys=True, data=True), key=str)


def _without_summary(doc):
    doc["graph"].pop("summary")
    return doc


def _edit_one_co_mention(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    edges = [e for e in data["edges"] if e["key"] == "CO_MENTIONED"]
    change(edges[len(edges) // 2], edges)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return data


@pytest.mark.parametrize("change", [
    lambda e, _: e.update(note="added by hand"),  # a property the table has no column for
    lambda e, _: e.update(weight=e["weight"] + 1),  # weight no longer the paper count
    lambda e, _: e.update(papers=e["papers"] + 7),  # its examples no longer min(papers, cap)
    lambda e, edges: e.update({"from": edges[0]["from"], "to": "~new"}),  # out of order
])
def test_co_mentions_the_table_cannot_hold_all_stay_in_the_graph(saved, tmp_path, change):
    _, out = saved
    path = tmp_path / "graph.json"
    path.write_text((out / "graph.json").read_text(encoding="utf-8"), encoding="utf-8")
    data = _edit_one_co_mention(path, change)
    G, table = read_node_link_parts(path)
    assert table is None
    plain = nx.MultiDiGraph()
    plain.add_nodes_from((n.pop("key"), n) for n in data["nodes"])
    for e in data["edges"]:
        plain.add_edge(e.pop("from"), e.pop("to"), key=e.pop("key"), **e)
    assert sorted(G.edges(keys=True, data=True), key=str) == sorted(plain.edges(keys=True, data=True), key=str)


@pytest.mark.parametrize("text, message", [
    ('{"format":"other","nodes":[{"key":"a"}],"edges":[]}', "not a citegraph graph file"),
    ('{"nodes":[{"key":"a"}],"edges":[]}', "not a citegraph graph file"),
    ('{"format":"citegraph","nodes":[{"key":"a"}],"edges":[{"to":"a","key":"X"}]}', "lacks 'from'"),
    ('{"format":"citegraph","nodes":[{"key":"a"},{"key":"b"', "not a readable citegraph graph"),
    ('[1, 2]', "not a readable citegraph graph"),
])
def test_bad_files_fail_with_one_clear_error(tmp_path, text, message):
    path = tmp_path / "graph.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphStoreError, match=message):
        read_node_link_parts(path)


def test_a_cut_file_names_where_it_ends(saved, tmp_path):
    _, out = saved
    text = (out / "graph.json").read_text(encoding="utf-8")
    cut = text.index("},{", len(text) // 2) + 2  # after an element and its comma
    path = tmp_path / "graph.json"
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(GraphStoreError, match=f"at character {cut:,} of the file"):
        read_node_link_parts(path, chunk=4096)


def test_a_damaged_element_fails_where_it_is_without_reading_the_rest(tmp_path, monkeypatch):
    from citegraph.graph import node_link_read

    monkeypatch.setattr(node_link_read, "MAX_VALUE", 10_000)
    good = '{"key":"n%06d","label":"Model","name":"N"}'
    nodes = ",".join(good % i for i in range(20_000))
    broken = nodes[:5_000] + "\x01" + nodes[5_000:]  # a control character inside a string
    path = tmp_path / "graph.json"
    path.write_text('{"format":"citegraph","nodes":[' + broken + '],"edges":[]}', encoding="utf-8")
    reads = []
    opened = open

    class Counting:  # counts what the reader takes from the file
        def __init__(self, fh):
            self.fh = fh

        def read(self, n):
            data = self.fh.read(n)
            reads.append(len(data))
            return data

    with opened(path, encoding="utf-8") as fh, pytest.raises(GraphStoreError, match="at character 5,0"):
        read_node_link_parts(Counting(fh), chunk=1000)
    assert sum(reads) < 100_000 < path.stat().st_size


def test_viz_of_a_saved_graph_draws_the_page_of_the_whole_graph(saved, tmp_path):
    kg, out = saved
    for view in ("full", "citations"):
        page = tmp_path / f"cli-{view}.html"
        result = CliRunner().invoke(main, ["viz", str(out), "--view", view, "-o", str(page)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        whole = tmp_path / f"whole-{view}.html"
        options = ViewOptions(view=view)
        write_html(kg.G, whole, view=select_view(kg.G, options), page=_page_options(view))
        assert page.read_bytes() == whole.read_bytes()
    assert load_graph(out)._co_mentions is not None  # what viz loaded: the edges aside


def _page_options(view: str):
    from citegraph.viz import PageOptions

    return PageOptions(title=" · ".join(x for x in ("citegraph", view if view != "full" else "") if x))


def test_info_reads_the_counts_saved_in_the_head(saved, tmp_path):
    kg, out = saved
    runner = CliRunner()
    fast = runner.invoke(main, ["info", str(out), "--json"])
    slow = runner.invoke(main, ["info", str(out), "--json", "--recount"])
    assert fast.exit_code == slow.exit_code == 0 and json.loads(fast.output) == json.loads(slow.output)
    assert json.loads(fast.output) == json.loads(json.dumps(kg.summary()))
    # only the head is read: a file cut after its nodes still answers from its saved counts ...
    text = (out / "graph.json").read_text(encoding="utf-8")
    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "graph.json").write_text(text[:text.index('"edges":[') + 200], encoding="utf-8")
    assert json.loads(runner.invoke(main, ["info", str(cut), "--json"]).output) == json.loads(fast.output)
    recount = runner.invoke(main, ["info", str(cut), "--recount"])
    assert recount.exit_code != 0 and "not a readable citegraph graph" in recount.output
    # ... and a file saved without them (plain networkx, other tools) is counted whole
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "graph.json").write_text(json.dumps(_without_summary(json.loads(text))), encoding="utf-8")
    counted = runner.invoke(main, ["info", str(plain), "--json"])
    assert counted.exit_code == 0 and json.loads(counted.output) == json.loads(fast.output)
