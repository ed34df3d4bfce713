"""EVALUATED_ON edges found by a second process (graph/evaluations_process.py): the same edges,
the same order and evidence as in this process, a fallback when that process dies, no leftovers."""

from __future__ import annotations

import logging
from pathlib import Path

import networkx as nx
import pytest

import citegraph
from citegraph.graph import evaluations_process, second_process
from citegraph.graph.builder import _add_nodes
from citegraph.graph.digest import SharedMentions, digest_all
from citegraph.graph.evaluations import evaluated_on_edges
from citegraph.graph.evaluations_process import PendingEvaluations
from citegraph.graph.resolve import resolve_names


@pytest.fixture(scope="module")
def sample_papers(daily_pages):
    """The daily pages digested and resolved as the builder does: paper id -> (digest, by id), labels."""
    digests = sorted(digest_all(citegraph.extract(citegraph.load_papers(daily_pages))), key=lambda d: d.paper.id)
    resolved = resolve_names((e.name, e.aliases, e.type, e.count) for d in digests for e in d.entities)
    G = nx.MultiDiGraph()
    papers = _add_nodes(G, digests, resolved)
    return papers, dict(G.nodes(data="label"))


def _plain(edges):
    return [(e.source, e.target, e.type, e.properties) for e in edges]


def _here(papers, labels, max_evidence=3):
    return _plain(evaluated_on_edges({pid: SharedMentions(d, by_id) for pid, (d, by_id) in papers.items()},
                                     labels, max_evidence))


@pytest.mark.parametrize("max_evidence", [3, 1])
def test_a_second_process_finds_the_same_edges_in_the_same_order(sample_papers, monkeypatch, max_evidence):
    papers, labels = sample_papers
    monkeypatch.setattr(evaluations_process, "_CHUNK", 7)  # many chunks: an edge's hits span several
    started = []
    real_start = second_process.start
    monkeypatch.setattr(second_process, "start", lambda *a: started.append(1) or real_start(*a))
    with PendingEvaluations(papers, labels, parallel=True, max_evidence=max_evidence) as pending:
        found = _plain(pending.edges())
    assert started == [1]
    assert found == _here(papers, labels, max_evidence)
    assert len(found) > 50
    assert any(e[3]["count"] > e[3]["papers"] > 1 for e in found)  # hits counted across papers and chunks


def test_a_small_corpus_is_read_in_this_process(sample_papers, monkeypatch):
    papers, labels = sample_papers
    monkeypatch.setattr(second_process, "start", lambda *a: pytest.fail("no second process below the threshold"))
    assert len(papers) < evaluations_process.PROCESS_MIN_PAPERS
    with PendingEvaluations(papers, labels) as pending:
        assert _plain(pending.edges()) == _here(papers, labels)


def test_a_dead_second_process_is_replaced_by_this_one(sample_papers, monkeypatch, caplog):
    papers, labels = sample_papers
    real_start = second_process.start

    def start_and_kill(*args):
        child = real_start(*args)
        child.kill()
        return child

    monkeypatch.setattr(second_process, "start", start_and_kill)
    with caplog.at_level(logging.WARNING, logger="citegraph.graph.evaluations_process"), \
            PendingEvaluations(papers, labels, parallel=True) as pending:
        assert _plain(pending.edges()) == _here(papers, labels)
    assert "was killed by signal 9; finding them here instead" in caplog.text


def test_the_second_process_leaves_no_files_and_is_stopped_when_the_build_fails(sample_papers, monkeypatch):
    papers, labels = sample_papers
    made: list[Path] = []
    real_mkdtemp = evaluations_process.tempfile.mkdtemp
    monkeypatch.setattr(evaluations_process.tempfile, "mkdtemp", lambda **k: made.append(Path(real_mkdtemp(**k)))
                        or str(made[-1]))
    with PendingEvaluations(papers, labels, parallel=True) as pending:
        pending.edges()
    assert made and not made[0].exists()
    with pytest.raises(RuntimeError), PendingEvaluations(papers, labels, parallel=True) as pending:
        child = pending._child
        raise RuntimeError("the builder failed meanwhile")
    assert child is not None and child.poll() is not None  # stopped, not left running
    assert not made[1].exists()


def test_a_sentence_repeated_across_papers_is_one_piece_of_evidence():
    from citegraph.models import EntityType, Mention, Paper, PaperEntity

    s, t = "WebRL beats GPT-4 on WebArena-Lite.", "WebRL also scores 40% on WebArena-Lite."

    def named(sentences):
        return [PaperEntity(name, type_, mentions=[Mention(name, 0, 0, text, i) for i, text in sentences])
                for name, type_ in (("WebRL", EntityType.METHOD), ("WebArena-Lite", EntityType.BENCHMARK))]

    extractions = [(Paper(id="paper:a", title="A"), named([(0, s), (4, s)])),  # one sentence at two places
                   (Paper(id="paper:b", title="B"), named([(1, s), (2, t)]))]
    edges = {parallel: citegraph.graph.build_graph(extractions, parallel=parallel).edges[
        "method:webrl", "benchmark:webarena-lite", "EVALUATED_ON"] for parallel in (False, True)}
    assert edges[True] == edges[False]
    assert (edges[True]["count"], edges[True]["papers"], edges[True]["evidence"]) == (4, 2, [s, t])
