"""The graph page without a browser: views, layout, determinism, escaping, offline-ness, CLI."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

import citegraph
from citegraph.cli import main
from citegraph.queries import UnknownNameError
from citegraph.viz import PageOptions, ViewOptions, render_html, select_view, write_html
from citegraph.viz.elements import EDGE_STYLE, NODE_STYLE, derived_evidence, edge_record
from citegraph.viz.layout import compute_layout
from citegraph.viz.views import find_node
from citegraph.viz.wire import decode

from .viz_fixtures import NASTY_TITLE, typed_graph


def page_data(page: str) -> dict:
    """The page's embedded data with its nodes and edges decoded into plain records."""
    raw = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1))
    return {**raw, **decode(raw)}


@pytest.fixture(scope="module")
def sample_kg(daily_pages):
    return citegraph.build(daily_pages)


def test_same_graph_gives_byte_identical_page(sample_kg, tmp_path):
    a = write_html(sample_kg.G, tmp_path / "a.html").read_bytes()
    reloaded = citegraph.load_graph(sample_kg.save(tmp_path / "out", html=False))
    b = write_html(reloaded.G, tmp_path / "b.html").read_bytes()
    assert a == b


def test_page_is_self_contained_and_offline(sample_kg):
    page = render_html(sample_kg.G)
    assert "vis.Network" in page and "new vis.DataSet" in page  # vis-network inlined
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page, re.I)
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page.lower()
    assert "default-src 'none'" in page  # the browser itself refuses any request
    assert len(page.encode()) < 5_000_000


def test_text_is_escaped_everywhere():
    page = render_html(typed_graph())
    assert "<img" not in page and "</script><" not in page
    data = page_data(page)
    paper = next(n for n in data["nodes"] if n["id"] == "paper:1")
    assert paper["tip"][0] == ["h", NASTY_TITLE]  # data, not markup: the page builds it with textContent
    assert "title" not in paper  # no HTML string for vis-network to render
    assert all("innerHTML" not in line for line in page.splitlines() if "citegraph page" in line)
    # a javascript: url never becomes a link
    assert not any(b[0] == "a" for n in data["nodes"] if n["id"] == "paper:2" for b in n["tip"])


def test_every_type_has_colour_shape_and_legend_entry():
    G = typed_graph()
    data = page_data(render_html(G, ViewOptions.everything()))
    kinds = {n["kind"]: n for n in data["nodes"]}
    assert set(kinds) == set(NODE_STYLE)
    assert len({(NODE_STYLE[k]["color"], NODE_STYLE[k]["shape"]) for k in kinds}) == 5
    assert all(n["group"] == n["kind"] for n in data["nodes"])
    assert data["options"]["groups"]["Model"]["shape"] == NODE_STYLE["Model"]["shape"]
    rels = {e["rel"]: e for e in data["edges"]}
    assert set(rels) == set(EDGE_STYLE) and len({s["color"] for s in EDGE_STYLE.values()}) == 6
    assert "CITES" in rels and data["config"]["edgeColours"]["CITES"]["color"] == EDGE_STYLE["CITES"]["color"]
    assert rels["CO_MENTIONED"]["arrows"] == "" and rels["CITES"]["arrows"] == "to"
    page = render_html(G, ViewOptions.everything())
    for name in [*NODE_STYLE, *EDGE_STYLE]:
        assert f'data-kind="{name}"' in page or f'data-rel="{name}"' in page


def test_sizes_follow_paper_count_and_weight():
    G = typed_graph()
    data = page_data(render_html(G, ViewOptions.everything()))
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["model:gpt-4o"] > size["method:webrl"] > size["model:gpt-4o-mini"]
    width = {(e["from"], e["to"], e["rel"]): e["width"] for e in data["edges"]}
    assert width["method:webrl", "model:gpt-4o", "CO_MENTIONED"] > width["dataset:webarena-data", "model:gpt-4o",
                                                                          "CO_MENTIONED"]


def test_tooltips_carry_the_facts():
    G = typed_graph()
    data = page_data(render_html(G, ViewOptions.everything()))
    tips = {n["id"]: n["tip"] for n in data["nodes"]}
    gpt = tips["model:gpt-4o"]
    assert ["f", "aliases", "gpt-4o, GPT4o"] in gpt and ["f", "papers", "3"] in gpt
    assert any(b[0] == "l" and b[1] == "top papers" and NASTY_TITLE in b[2] for b in gpt)
    paper2 = tips["paper:2"]
    assert ["l", "introduces", ["WebRL"], 0] in paper2 and ["s", "Paper · 2024-03-12"] in paper2
    assert any(b[0] == "l" and b[1] == "mentions" and "GPT-4o" in b[2] for b in paper2)
    edge = edge_record(G, "paper:1", "model:gpt-4o", "MENTIONS", G.edges["paper:1", "model:gpt-4o", "MENTIONS"], 0)
    assert ["q", 'We train <GPT-4o> & "friends" on $x^2$.'] in edge["tip"] and ["f", "count", "2"] in edge["tip"]
    # CO_MENTIONED and CITES store no sentence: the page shows the shared papers and sentences naming both
    co = edge_record(G, "method:webrl", "model:gpt-4o", "CO_MENTIONED",
                     G.edges["method:webrl", "model:gpt-4o", "CO_MENTIONED"], 1)["tip"]
    assert ["l", "in papers", [NASTY_TITLE, "WebRL: Training LLM Web Agents", "A third paper"], 0] in co
    assert ["q", 'We train <GPT-4o> & "friends" on $x^2$.'] in co
    cites = edge_record(G, "paper:3", "paper:2", "CITES:inferred", G.edges["paper:3", "paper:2", "CITES:inferred"], 2)
    assert ["l", "via", ["WebRL"], 0] in cites["tip"] and ["f", "source", "inferred"] in cites["tip"]
    assert ["q", "Unlike WebRL, we <do not> train."] in cites["tip"]


def test_co_mention_evidence_prefers_the_edges_own_example_papers():
    G = typed_graph()
    d = G.edges["method:webrl", "model:gpt-4o", "CO_MENTIONED"]
    assert derived_evidence(G, "method:webrl", "model:gpt-4o", d)[:2] == (
        [NASTY_TITLE, "WebRL: Training LLM Web Agents", "A third paper"], 3)  # no examples: every shared paper
    d["example_papers"] = ["paper:2", "paper:gone"]
    first, total, sentences = derived_evidence(G, "method:webrl", "model:gpt-4o", d)
    assert first == ["WebRL: Training LLM Web Agents"] and total == 2
    assert sentences == ['We train <GPT-4o> & "friends" on $x^2$.']


def test_views():
    G = typed_graph()
    entities = select_view(G, ViewOptions(view="entities")).graph
    assert {d["label"] for _, d in entities.nodes(data=True)} == {"Model", "Method", "Dataset", "Benchmark"}
    assert {t for *_, t in entities.edges(data="type")} == {"CO_MENTIONED", "EVALUATED_ON", "VARIANT_OF"}
    cites = select_view(G, ViewOptions(view="citations")).graph
    assert sorted(cites) == ["paper:2", "paper:3"] and [t for *_, t in cites.edges(data="type")] == ["CITES"]
    top = select_view(G, ViewOptions(top=2))
    assert top.entities_total == 5 and sorted(n for n in top.graph if not n.startswith("paper:")) == [
        "benchmark:webarena-lite", "model:gpt-4o"]
    assert top.notes and "2 of 5 entities" in top.notes[0]
    ego = select_view(G, ViewOptions(view="entities", focus="WA-Lite", depth=1))
    assert ego.focus_id == "benchmark:webarena-lite"
    assert sorted(ego.graph) == ["benchmark:webarena-lite", "model:gpt-4o"]
    light = select_view(G, ViewOptions(view="entities", min_weight=2)).graph
    assert not light.has_edge("dataset:webarena-data", "model:gpt-4o")
    capped = select_view(G, ViewOptions(view="entities", max_evaluated_on=0, max_co_mentions=2))
    assert {t for *_, t in capped.graph.edges(data="type")} == {"CO_MENTIONED", "VARIANT_OF"}
    assert not capped.graph.has_edge("dataset:webarena-data", "model:gpt-4o")  # the lightest co-mention
    assert "1 weakest evaluated-on edges left out" in capped.notes
    assert capped.co_mentions_dropped == 1 and capped.evaluated_on_dropped == 1


def test_page_holds_each_text_once():
    page = render_html(typed_graph(), ViewOptions.everything())
    raw = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert len(raw["strings"]) == len(set(raw["strings"]))
    # the evidence sentence sits on 9 MENTIONS edges, 2 co-mentions and 1 EVALUATED_ON edge: stored once
    assert page.count("friends") == 1
    assert page_data(page)["edges"][0]["id"] == "e0"


def test_focus_finds_aliases_and_suggests_close_names():
    G = typed_graph()
    assert find_node(G, "gpt4o") == find_node(G, "GPT-4o") == "model:gpt-4o"
    assert find_node(G, "webrl: training llm web agents") == "paper:2"
    with pytest.raises(UnknownNameError, match=r"'GPT-4x'.*did you mean: GPT-4o"):
        find_node(G, "GPT-4x")


def test_layout_is_seeded_complete_and_finite(sample_kg):
    H = select_view(sample_kg.G).graph
    a, b = compute_layout(H, seed=7), compute_layout(H, seed=7)
    assert a == b and set(a) == set(H)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in a.values())
    assert len(set(a.values())) > 0.95 * len(a)  # nodes do not pile up on one spot
    assert compute_layout(nx.Graph()) == {}


def test_physics_starts_off_above_the_threshold():
    G = typed_graph()
    assert page_data(render_html(G, page=PageOptions(physics_threshold=100)))["options"]["physics"]["enabled"]
    assert not page_data(render_html(G, page=PageOptions(physics_threshold=3)))["options"]["physics"]["enabled"]


def test_save_writes_the_page(tmp_path):
    kg = citegraph.KnowledgeGraph(typed_graph())
    out = kg.save(tmp_path / "o")
    assert "GPT-4o" in (out / "graph.html").read_text(encoding="utf-8")


def test_cli_viz(tmp_path):
    out = citegraph.KnowledgeGraph(typed_graph()).save(tmp_path / "o", html=False)
    r = CliRunner().invoke(main, ["viz", str(out), "--focus", "GPT-4o", "--depth", "1"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    page = out / "graph-full-gpt-4o.html"
    assert page.exists() and str(page) in r.output
    assert page_data(page.read_text(encoding="utf-8"))["config"]["focus"] == "model:gpt-4o"
    r = CliRunner().invoke(main, ["viz", str(out), "--view", "citations", "-o", str(tmp_path / "c.html")])
    assert r.exit_code == 0 and (tmp_path / "c.html").exists()
    r = CliRunner().invoke(main, ["viz", str(out), "--focus", "GPT-4x"])
    assert r.exit_code == 1 and "did you mean: GPT-4o" in r.output and "Traceback" not in r.output
    assert not (out / "graph-full-gpt-4x.html").exists()


def test_tooltips_speak_of_the_whole_graph_not_just_the_page():
    data = page_data(render_html(typed_graph(), ViewOptions(top=1)))
    assert {n["id"] for n in data["nodes"] if n["kind"] != "Paper"} == {"model:gpt-4o"}
    paper1 = next(n["tip"] for n in data["nodes"] if n["id"] == "paper:1")
    assert ["l", "mentions", ["GPT-4o", "GPT-4o-mini", "WebRL"], 0] in paper1


def test_page_does_not_depend_on_hash_seed(daily_pages, tmp_path):
    script = ("import sys, hashlib, citegraph; from citegraph.viz import render_html; "
              "print(hashlib.sha256(render_html(citegraph.build(sys.argv[1:]).G).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        r = subprocess.run([sys.executable, "-c", script, *map(str, daily_pages)], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        digests.add(r.stdout.strip())
    assert len(digests) == 1


def _lean_and_full(pages):
    lean = citegraph.build(pages)  # CO_MENTIONED kept aside in a table
    full = citegraph.build(pages).G  # the whole graph
    assert lean._co_mentions is not None and len(lean._co_mentions) > 100
    return lean, full


@pytest.mark.parametrize("opts", [ViewOptions(), ViewOptions(top=20), ViewOptions(view="entities", top=35),
                                  ViewOptions(view="citations"), ViewOptions.everything()],
                         ids=["default", "top20", "entities", "citations", "everything"])
def test_co_mentions_among_the_view_entities_give_the_same_page(daily_pages, opts):
    from citegraph.graph.builder import add_co_mentions
    from citegraph.viz.views import co_mentions_needed

    lean, full = _lean_and_full(daily_pages)
    needed = co_mentions_needed(lean._G, opts)
    assert needed is not None and not needed.links
    part = lean._co_mentions.among(needed.ends)
    assert len(part) < len(lean._co_mentions) or opts.top is None
    add_co_mentions(lean._G, part)
    assert render_html(lean._G, opts) == render_html(full, opts)


@pytest.mark.parametrize("view, depth, min_weight, top", [
    ("full", 1, 1.0, 300), ("entities", 2, 1.0, 300), ("entities", 2, 2.0, 300), ("full", 2, 1.0, 300),
    ("full", 2, 1.0, 12), ("entities", 3, 1.0, 20)])
def test_a_focus_view_walks_the_table_and_gives_the_same_page(daily_pages, view, depth, min_weight, top):
    from citegraph.viz.views import _view_nodes

    lean, full = _lean_and_full(daily_pages)
    focus = lean.entities("Model", limit=1)[0].name
    opts = ViewOptions(view=view, focus=focus, depth=depth, min_weight=min_weight, top=top)
    edges_before = lean._G.number_of_edges()
    with lean.drawable(opts) as G:
        added = G.number_of_edges() - edges_before
        page = render_html(G, opts)
    assert 0 < added < len(lean._co_mentions)  # some of the table, not all of it
    assert page == render_html(full, opts)
    reached = _view_nodes(full, opts)[0]
    among_reached = sum(1 for u, v, k in full.edges(keys=True) if k == "CO_MENTIONED" and u in reached and v in reached)
    if top < 100:  # far fewer than every edge among the nodes the walk reaches
        assert added < among_reached / 2
    assert lean._G.number_of_edges() == edges_before and lean._co_mentions is not None


def test_the_table_walk_in_small_chunks_reaches_the_same_nodes(daily_pages, monkeypatch):
    from citegraph.graph import comention_index
    from citegraph.viz.views import _view_nodes

    monkeypatch.setattr(comention_index, "_CHUNK", 3)  # many chunks: a node reached in two of them
    lean, full = _lean_and_full(daily_pages)
    focus = lean.entities("Model", limit=1)[0].name
    for depth, min_weight in [(2, 1.0), (3, 2.0)]:
        opts = ViewOptions(view="entities", focus=focus, depth=depth, min_weight=min_weight, top=15)
        links: list[tuple[str, str]] = []
        reached = _view_nodes(lean._G, opts, lean._co_mentions.neighbours(), links)[0]
        assert reached == _view_nodes(full, opts)[0]
        assert len({w for _, w in links}) == len(links) and all(full.has_edge(u, w) or full.has_edge(w, u)
                                                              for u, w in links)
        with lean.drawable(opts) as G:
            assert render_html(G, opts) == render_html(full, opts)


def test_saving_a_lean_graph_draws_the_full_page_and_restores_the_graph(daily_pages, tmp_path):
    lean, full = _lean_and_full(daily_pages)
    edges_before = list(lean._G.edges(keys=True, data=True))
    lean.save(tmp_path / "lean")
    assert list(lean._G.edges(keys=True, data=True)) == edges_before  # the page's edges left again
    assert lean._co_mentions is not None  # and the table was not spilled into the graph
    write_html(full, tmp_path / "full.html")
    assert (tmp_path / "lean" / "graph.html").read_bytes() == (tmp_path / "full.html").read_bytes()
    assert list(lean.G.edges(keys=True, data=True)) == list(full.edges(keys=True, data=True))
