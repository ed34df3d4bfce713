"""The analysis commands (top, neighbors, papers, communities, trends, similar, chain, cited) on a saved graph."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citegraph import KnowledgeGraph
from citegraph.cli import main
from citegraph.graph import build_graph

from .conftest import EXAMPLES
from .test_analysis import CITING, CORPUS


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    out = tmp_path_factory.mktemp("analysis")
    KnowledgeGraph(build_graph(CORPUS + CITING)).save(out, html=False)
    return str(out)


def run(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def table_rows(output):
    lines = output.splitlines()
    return [line.split() for line in lines[2:] if line.strip()]  # skip header and rule


def test_top_table_json_type_and_limit(saved):
    out = run("top", saved, "--type", "model")
    assert out.splitlines()[0].split() == ["#", "name", "type", "papers", "degree"]
    assert [r[1] for r in table_rows(out)] == ["GPT-4", "LLaMA"]
    data = json.loads(run("top", saved, "--json", "--limit", "2"))
    assert [d["name"] for d in data] == ["Alpha", "Beta"] and data[0]["papers"] == 3
    assert "pagerank" in run("top", saved, "--by", "pagerank").splitlines()[0]


def test_neighbors(saved):
    rows = table_rows(run("neighbors", saved, "llama"))
    assert [r[0] for r in rows] == ["GPT-4", "Mamba", "MMLU"] and rows[0][2] == "2"
    data = json.loads(run("neighbors", saved, "LLaMA", "--by", "association_strength", "--json"))
    assert data[0]["name"] == "Mamba"
    assert len(table_rows(run("neighbors", saved, "LLaMA", "--min-papers", "2"))) == 1


def test_unknown_name_suggests_close_matches(saved):
    out = run("neighbors", saved, "GTP-4", code=1)
    assert "error: no entity named 'GTP-4'; did you mean: GPT-4" in out
    assert "Traceback" not in out
    assert "did you mean" in run("similar", saved, "Delta usess bothh", code=1)


def test_papers_with_evidence(saved):
    out = run("papers", saved, "GPT-4", "MMLU")
    assert "Paper P2" in out and "> GPT-4 scores 86% on MMLU." in out
    assert json.loads(run("papers", saved, "GPT-4", "MMLU", "--json", "--limit", "1"))[0]["id"] == "paper:p2"


def test_communities(saved):
    data = json.loads(run("communities", saved, "--json"))
    assert data and all({"label", "size", "members"} <= set(c) for c in data)
    out = run("communities", saved, "--limit", "1")
    assert len(table_rows(out)) == 1 and data[0]["label"] in out


def test_trends_periods_and_rising(saved):
    out = run("trends", saved, "--before", "03-11", "--after", "--03-18")
    assert "--03-11" in out and "rising" in out and "LLaMA" in out and "+50.0 pp" in out
    data = json.loads(run("trends", saved, "--by", "month", "--json"))
    assert {p["period"] for p in data["periods"]} == {"--03", "2024-01", "2024-02", "2024-03", "2024-04"}
    assert "give both --before and --after" in run("trends", saved, "--before", "03-11", code=2)
    assert "error: no paper dated 2023-01" in run("trends", saved, "--before", "2023-01", "--after", "2024", code=1)


def test_similar_chain_and_cited(saved):
    rows = json.loads(run("similar", saved, "Delta", "--json"))
    assert rows[0]["shared"] == ["Alpha", "Beta"]
    chain = json.loads(run("chain", saved, "Gamma", "--json"))
    assert [(c["citing"], c["cited"]) for c in chain] == [("paper:c", "paper:b"), ("paper:b", "paper:a")]
    out = run("chain", saved, "Alpha: a method", "--direction", "built_upon_by", "--depth", "1")
    assert "Beta builds on Alpha" in out and "Gamma" not in out
    assert [r[0] for r in table_rows(run("cited", saved))] == ["2", "2"]


def test_missing_directory_is_a_clean_error(tmp_path):
    out = run("top", tmp_path, code=1)
    assert "no saved graph here" in out


def test_build_caps_example_papers_and_prunes(tmp_path):
    run("build", EXAMPLES, "-o", tmp_path, "--max-examples", "1", "--min-co-mentions", "2", "--no-html")
    edges = [e for e in json.loads((tmp_path / "graph.json").read_text())["edges"] if e["type"] == "CO_MENTIONED"]
    assert edges and all(len(e["example_papers"]) == 1 and e["papers"] >= 2 for e in edges)
