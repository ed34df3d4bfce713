"""Graphs built from digested extractions (graph.digest) equal the graphs the full extraction
results gave: the builder before digests is kept here, word for word, as the reference."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

import citegraph
from citegraph.graph.builder import add_co_mentions, add_edge_rows, add_edges, build_graph, build_graph_parts
from citegraph.graph.comention import CoMentionTable, pair_occurrences
from citegraph.graph.digest import Digester, digest_all
from citegraph.graph.edges import evaluated_on_edges, inferred_citation_edges
from citegraph.graph.references import add_metadata_citations
from citegraph.graph.resolve import resolve_entities, variant_of_edges
from citegraph.models import Entity, EntityType, Mention, Paper, PaperEntity

T = EntityType


# ---------------------------------------------------------------- the reference: the plain builder
def _evidence(e: PaperEntity) -> list[str]:
    seen: list[str] = []
    for m in e.mentions:
        if m.sentence not in seen:
            seen.append(m.sentence)
        if len(seen) == 3:
            break
    return seen


def _add_nodes(G: nx.MultiDiGraph, items, resolved: dict[tuple[str, str], Entity]):
    paper_entities: dict[str, dict[str, PaperEntity]] = {}
    for paper, ents in items:
        G.add_node(paper.id, label="Paper", id=paper.id, title=paper.title, abstract=paper.abstract,
                   published=paper.published or "", authors=list(paper.authors), url=paper.url or "",
                   sources=list(paper.sources), listing_dates=list(paper.listing_dates),
                   external_ids=dict(sorted(paper.external_ids.items())))
        by_id: dict[str, PaperEntity] = {}
        for e in ents:
            node = resolved[(paper.id, e.name)]
            if node.id in by_id:
                merged = by_id[node.id]
                merged.mentions = merged.mentions + e.mentions
                merged.introduced = merged.introduced or e.introduced
                continue
            by_id[node.id] = PaperEntity(e.name, e.type, list(e.aliases), e.introduced, list(e.mentions))
            if node.id not in G:
                G.add_node(node.id, label=str(node.type), id=node.id, name=node.name,
                           aliases=list(node.aliases), paper_count=0)
        paper_entities[paper.id] = by_id
    return paper_entities


def _rows(G, paper_entities) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for pid, by_id in paper_entities.items():
        for eid, e in sorted(by_id.items()):
            G.nodes[eid]["paper_count"] += 1
            evidence = _evidence(e)
            yield pid, eid, "MENTIONS", {"type": "MENTIONS", "count": max(1, len(e.mentions)), "evidence": evidence}
            if e.introduced:
                yield pid, eid, "INTRODUCES", {"type": "INTRODUCES", "evidence": evidence[:1]}


def plain_build_graph(extractions, min_co_mentions: int = 1) -> nx.MultiDiGraph:
    items = sorted(extractions, key=lambda pe: pe[0].id)
    resolved = resolve_entities(items)
    G = nx.MultiDiGraph()
    paper_entities = _add_nodes(G, items, resolved)
    variants = variant_of_edges(resolved.values())
    papers = [p for p, _ in items]
    add_edge_rows(G, _rows(G, paper_entities))
    occurrences = pair_occurrences(
        (pid, {eid: [(m.sentence_index, m.sentence) for m in e.mentions] for eid, e in by_id.items()})
        for pid, by_id in paper_entities.items())
    citations = inferred_citation_edges(
        mentioned={pid: list(by_id) for pid, by_id in paper_entities.items()},
        introduced={pid: [eid for eid, e in by_id.items() if e.introduced] for pid, by_id in paper_entities.items()},
        dates={p.id: p.published or (min(p.listing_dates) if p.listing_dates else None) for p in papers},
        evidence={(pid, eid): e.mentions[0].sentence for pid, by_id in paper_entities.items()
                  for eid, e in by_id.items() if e.mentions},
    )
    evaluations = evaluated_on_edges(paper_entities, dict(G.nodes(data="label")))
    add_edges(G, variants)
    co_mentions = CoMentionTable.build(occurrences, len(paper_entities), min_papers=min_co_mentions, max_examples=5)
    add_edges(G, citations, variant_of="source")
    add_edges(G, evaluations)
    add_metadata_citations(G, papers)
    add_co_mentions(G, co_mentions)
    return G


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert a.graph == b.graph


# ---------------------------------------------------------------- the cases
@pytest.fixture(scope="module")
def sample_extractions(daily_pages):
    return citegraph.extract(citegraph.load_papers(daily_pages))


@pytest.mark.parametrize(("min_co_mentions", "parallel"), [(1, False), (2, False), (1, True)])
def test_sample_corpus_graph_is_unchanged(sample_extractions, min_co_mentions, parallel):
    """``parallel``: EVALUATED_ON edges found by a second process (graph.evaluations_process)."""
    G = build_graph(sample_extractions, min_co_mentions=min_co_mentions, parallel=parallel)
    assert G.number_of_edges() > 1000
    assert {d["type"] for _, _, d in G.edges(data=True)} >= {"MENTIONS", "CO_MENTIONED", "CITES", "EVALUATED_ON"}
    _same(G, plain_build_graph(sample_extractions, min_co_mentions))


def _m(surface: str, sentence: str, index: int, start: int = 0) -> Mention:
    return Mention(surface, start, start + len(surface), sentence, index)


def _hand_made() -> list[tuple[Paper, list[PaperEntity]]]:
    """Repeated sentences (same text at two indexes), a name twice in one sentence, two spellings
    of one node in one paper, an entity without mentions, evaluations and inferred citations."""
    s0 = "We introduce WebRL and evaluate WebRL on WebArena-Lite and MMLU."
    s1 = "GPT-4 and GPT4 are strong."
    s2 = "Results follow."
    s3 = "WebRL beats GPT-4 on WebArena-Lite."
    a = Paper(id="paper:a", title="A", published="2024-01-01")
    ea = [
        PaperEntity("WebRL", T.METHOD, introduced=True, mentions=[
            _m("WebRL", s0, 0, 13), _m("WebRL", s0, 0, 32), _m("WebRL", s2, 2), _m("WebRL", s2, 5),
            _m("WebRL", s3, 6)]),
        PaperEntity("WebArena-Lite", T.BENCHMARK, mentions=[_m("WebArena-Lite", s0, 0), _m("WebArena-Lite", s3, 6)]),
        PaperEntity("MMLU", T.BENCHMARK, mentions=[_m("MMLU", s0, 0)]),
        PaperEntity("GPT-4", T.MODEL, mentions=[_m("GPT-4", s1, 1), _m("GPT-4", s3, 6)]),
        PaperEntity("GPT4", T.MODEL, aliases=["gpt-4"], mentions=[_m("GPT4", s1, 1), _m("GPT4", s2, 3)]),
        PaperEntity("Lonely", T.METHOD),
    ]
    b = Paper(id="paper:b", title="B", published="2024-02-01", references=["paper:a"])
    t0 = "We fine-tune WebRL on MMLU and test WebRL on WebArena-Lite."
    eb = [
        PaperEntity("WebRL", T.METHOD, mentions=[_m("WebRL", t0, 0), _m("WebRL", t0, 0, 40), _m("WebRL", s2, 1)]),
        PaperEntity("MMLU", T.BENCHMARK, mentions=[_m("MMLU", t0, 0), _m("MMLU", s2, 1)]),
        PaperEntity("WebArena-Lite", T.BENCHMARK, mentions=[_m("WebArena-Lite", t0, 0)]),
        PaperEntity("gpt4", T.MODEL, mentions=[_m("gpt4", s2, 2), _m("gpt4", s1, 3), _m("gpt4", s2, 4),
                                               _m("gpt4", s1, 5)]),
    ]
    c = Paper(id="paper:c", title="C", listing_dates=["--03-01"])
    return [(b, eb), (c, []), (a, ea)]


@pytest.mark.parametrize(("min_co_mentions", "parallel"), [(1, False), (2, False), (1, True)])
def test_hand_made_corpus_graph_is_unchanged(min_co_mentions, parallel):
    G = build_graph(_hand_made(), min_co_mentions=min_co_mentions, parallel=parallel)
    _same(G, plain_build_graph(_hand_made(), min_co_mentions))
    assert G.has_edge("method:webrl", "benchmark:webarena-lite", "EVALUATED_ON")
    mention = G.edges["paper:a", "model:gpt-4", "MENTIONS"]  # two spellings in one paper: one edge
    assert mention["count"] == 4
    assert mention["evidence"] == ["GPT-4 and GPT4 are strong.", "WebRL beats GPT-4 on WebArena-Lite.",
                                   "Results follow."]
    assert G.edges["paper:a", "method:webrl", "MENTIONS"]["evidence"][1] == "Results follow."  # once, not twice


def test_build_graph_parts_reads_the_extractions_once():
    parts = build_graph_parts(iter(_hand_made()))
    G = parts[0]
    add_co_mentions(G, parts[1])
    _same(G, plain_build_graph(_hand_made()))


def test_digest_keeps_counts_first_sentences_and_shared_surfaces_only():
    (a, ea) = _hand_made()[2]
    d = Digester()(a, ea)
    webrl, arena, mmlu, gpt_4, gpt4, lonely = d.entities
    assert (webrl.count, len(d.sentences)) == (5, 6)  # sentence s2 at indexes 2, 3, 5: three keys
    assert [d.sentences[n] for n in webrl.sentences] == [ea[0].mentions[i].sentence for i in (0, 2, 3, 4)]
    assert d.evidence(webrl, 3) == ["We introduce WebRL and evaluate WebRL on WebArena-Lite and MMLU.",
                                    "Results follow.", "WebRL beats GPT-4 on WebArena-Lite."]
    # s2 at index 2 and 5 names WebRL alone: no surface kept there; s0 named by three entities
    assert [(m.surface, m.sentence_index) for m in d.shared_mentions(webrl)] == [("WebRL", 0), ("WebRL", 6)]
    assert mmlu.surfaces == ("MMLU", 0) and lonely.sentences == () and lonely.count == 0
    assert gpt4.aliases == ("gpt-4",) and webrl.aliases == ()


def test_digester_shares_equal_strings_across_papers():
    digests = list(digest_all(_hand_made()))
    b, a = digests[0], digests[2]
    assert a.entities[0].name is b.entities[0].name  # "WebRL" of two papers: one string
    assert a.entities[1].surfaces[0] is b.entities[2].surfaces[0]


def test_shared_mentions_group_surfaces_by_sentence_as_the_plain_code():
    from citegraph.graph.digest import SharedMentions
    from citegraph.graph.evaluations import _split_by_sentence

    def by_sentence_text(split):
        sources, targets, key = split
        return [{key(k): here for k, here in side.items()} for side in (sources, targets)]

    for paper, ents in _hand_made():
        d = Digester()(paper, ents)
        by_id = {e.name: e for e in d.entities}
        shared = SharedMentions(d, by_id)
        plain = dict(shared)  # PaperEntity values: the grouping over Mention objects
        ids = list(by_id)
        for sources, targets in [(ids[:1], ids[1:]), (ids[1:], ids[:1]), (ids[:2], []), ([], ids)]:
            assert by_sentence_text(_split_by_sentence(shared, sources, targets)) == by_sentence_text(
                _split_by_sentence(plain, sources, targets))
        sources, targets, _ = _split_by_sentence(shared, ids[:1], ids[1:])
        assert all(isinstance(n, int) for n in sources.keys() | targets.keys())  # numbers, not texts


def test_digest_keeps_no_surfaces_of_sentences_without_an_evaluation_cue():
    from citegraph.models import EntityType, Mention, Paper, PaperEntity

    cued, plain = "GPT-4 scores 86% on MMLU.", "GPT-4 and MMLU are both named here."
    ents = [PaperEntity("GPT-4", EntityType.MODEL, mentions=[Mention("GPT-4", 0, 5, cued, 0),
                                                             Mention("GPT-4", 0, 5, plain, 1)]),
            PaperEntity("MMLU", EntityType.BENCHMARK, mentions=[Mention("MMLU", 20, 24, cued, 0),
                                                                Mention("MMLU", 10, 14, plain, 1)])]
    d = Digester()(Paper(id="paper:p", title="P"), ents)
    assert [e.surfaces for e in d.entities] == [("GPT-4", 0), ("MMLU", 0)]  # sentence 1 has no "on"/"across"
    assert [e.sentences for e in d.entities] == [(0, 1), (0, 1)]  # MENTIONS evidence still sees both
