"""CO_MENTIONED, CITES and EVALUATED_ON edges: hand-worked corpora and invariants on the shared corpus."""

from __future__ import annotations

from collections import defaultdict

import pytest

import citegraph
from citegraph.graph import REL_TYPES, build_graph
from citegraph.graph.edges import (
    citation_confidence,
    co_mention_edges,
    dated_before,
    evaluation_cue,
    inferred_citation_edges,
)
from citegraph.models import EntityType, Mention, Paper, PaperEntity

M, MO, B, D = EntityType.METHOD, EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET


def named(name, type_=M, sentences=(0,), introduced=False, text=None):
    """An entity named once in each of the given sentence indices."""
    return PaperEntity(name, type_, introduced=introduced,
                       mentions=[Mention(name, 0, len(name), text or f"Sentence {i} of the paper.", i)
                                 for i in sentences])


def paper(pid, date=None, listing=None):
    return Paper(id=f"paper:{pid}", title=pid.upper(), published=date, listing_dates=[listing] if listing else [])


# --- CO_MENTIONED: a 3-paper corpus worked by hand -------------------------------------------
#
#   p1: X (sentence 0), Y (sentence 0)
#   p2: X (sentence 0), Y (sentence 1), Z (sentence 1)
#   p3: Z (sentence 0)
#
# N = 3 papers; n_X = n_Y = n_Z = 2.
#   X-Y: c = 2 papers (p1, p2); shared sentences = 1 (p1 s0; in p2 they are apart)
#        association strength = N*c/(n_X*n_Y) = 3*2/(2*2) = 1.5
#        NPMI: p_xy = 2/3, p_x = p_y = 2/3; pmi = ln((2/3)/(4/9)) = ln 1.5 = 0.405465;
#              -ln p_xy = ln 1.5 = 0.405465; npmi = 1.0 (X and Y always occur together)
#   X-Z: c = 1 (p2), sentences = 0; AS = 3*1/(2*2) = 0.75
#        NPMI = ln((1/3)/(4/9)) / -ln(1/3) = ln 0.75 / ln 3 = -0.287682 / 1.098612 = -0.261860
#   Y-Z: c = 1 (p2), sentences = 1 (both in p2 s1); AS = 0.75; NPMI = -0.261860
THREE_PAPERS = [
    (paper("p1"), [named("X"), named("Y")]),
    (paper("p2"), [named("X"), named("Y", sentences=(1,)), named("Z", sentences=(1,))]),
    (paper("p3"), [named("Z")]),
]


def co(G, a, b):
    return G.edges[min(a, b), max(a, b), "CO_MENTIONED"]


def test_co_mention_weights_worked_by_hand():
    G = build_graph(THREE_PAPERS)
    xy, xz, yz = co(G, "method:x", "method:y"), co(G, "method:x", "method:z"), co(G, "method:y", "method:z")
    assert (xy["papers"], xy["sentences"], xy["weight"]) == (2, 1, 2.0)
    assert xy["association_strength"] == pytest.approx(1.5)
    assert xy["npmi"] == pytest.approx(1.0)
    assert (xz["papers"], xz["sentences"]) == (1, 0)
    assert (yz["papers"], yz["sentences"]) == (1, 1)
    for e in (xz, yz):
        assert e["association_strength"] == pytest.approx(0.75)
        assert e["npmi"] == pytest.approx(-0.261860, abs=1e-6)
    assert xy["example_papers"] == ["paper:p1", "paper:p2"]  # same-sentence paper first


def test_example_papers_are_capped_and_pruning_keeps_full_corpus_statistics():
    G = build_graph(THREE_PAPERS, min_co_mentions=2, max_examples=1)
    pairs = [(u, v) for u, v, t in G.edges(data="type") if t == "CO_MENTIONED"]
    assert pairs == [("method:x", "method:y")]
    xy = co(G, "method:x", "method:y")
    assert xy["example_papers"] == ["paper:p1"]
    assert xy["association_strength"] == pytest.approx(1.5)  # N is still 3


def test_co_mention_edges_accepts_plain_entity_lists():
    edges = co_mention_edges([["a", "b"], ["a", "b", "c"], ["a"]])
    ab = next(e for e in edges if (e.source, e.target) == ("a", "b"))
    assert ab.properties["papers"] == 2
    assert ab.properties["association_strength"] == pytest.approx(3 * 2 / (3 * 2))


# --- CITES -------------------------------------------------------------------------------------

def test_citation_chain_with_evidence():
    a = (paper("a", "2024-01-10"), [named("Alpha", introduced=True)])
    b = (paper("b", "2024-02-10"), [named("Alpha", text="We build on Alpha here."), named("Beta", introduced=True)])
    c = (paper("c", "2024-03-10"), [named("Beta", text="Beta is our baseline."), named("Alpha")])
    G = build_graph([a, b, c])
    cites = {(u, v): d for u, v, d in G.edges(data=True) if d["type"] == "CITES"}
    assert set(cites) == {("paper:b", "paper:a"), ("paper:c", "paper:b"), ("paper:c", "paper:a")}
    ba = cites[("paper:b", "paper:a")]
    assert ba["via"] == ["method:alpha"] and ba["source"] == "inferred"
    assert ba["evidence"] == "We build on Alpha here."
    assert cites[("paper:c", "paper:b")]["evidence"] == "Beta is our baseline."
    # one introducer, one or two other users (< FEW_USERS): full confidence
    assert all(d["confidence"] == 1.0 for d in cites.values())


def test_introducing_and_mentioning_is_not_self_citation():
    G = build_graph([(paper("a", "2024-01-01"), [named("Alpha", introduced=True, sentences=(0, 1, 2))])])
    assert not any(t == "CITES" for _, _, t in G.edges(data="type"))


@pytest.mark.parametrize("citing_date, cited_date", [
    ("2024-03-01", "2024-04-01"),  # full dates
    ("--03-01", "--03-11"),        # yearless listing dates compare by month-day
    ("2024-03", "2024-04-15"),     # different precision, still known to be earlier
])
def test_no_citation_to_a_later_paper(citing_date, cited_date):
    early = Paper(id="paper:early", title="E", published=citing_date)
    late = Paper(id="paper:late", title="L", published=cited_date)
    G = build_graph([(early, [named("Alpha")]), (late, [named("Alpha", introduced=True)])])
    assert not G.has_edge("paper:early", "paper:late")


def test_unknown_order_keeps_the_citation():
    # A yearless listing date cannot be ordered against a dated paper: the citation stays.
    assert not dated_before("--03-01", "2024-03-11")
    G = build_graph([(paper("x", listing="--03-01"), [named("Alpha")]),
                     (paper("y", "2024-03-11"), [named("Alpha", introduced=True)])])
    assert G.has_edge("paper:x", "paper:y", "CITES:inferred")


def test_confidence_is_low_when_many_papers_claim_the_name():
    # Two papers both "introduce" Alpha: a mention of Alpha points to each with confidence 1/2.
    edges = inferred_citation_edges({"a": ["m"], "b": ["m"], "c": ["m"]}, {"a": ["m"], "b": ["m"]},
                                    {"a": None, "b": None, "c": None})
    assert {(e.source, e.target): e.properties["confidence"] for e in edges} == {("c", "a"): 0.5, ("c", "b"): 0.5}


def test_a_name_claimed_by_too_many_papers_yields_no_citation():
    claimants = {f"i{k}": ["m"] for k in range(11)}
    assert inferred_citation_edges({**claimants, "user": ["m"]}, claimants, {}) == []
    ten = {f"i{k}": ["m"] for k in range(10)}
    edges = inferred_citation_edges({**ten, "user": ["m"]}, ten, {})
    assert len(edges) == 10 and {e.properties["confidence"] for e in edges} == {0.1}


def test_confidence_falls_when_many_others_use_the_name():
    # One introducer, 20 other users, FEW_USERS = 10: c = 1 * min(1, 10/20) = 0.5
    mentioned = {"intro": ["m"], **{f"u{i}": ["m"] for i in range(20)}}
    edges = inferred_citation_edges(mentioned, {"intro": ["m"]}, {})
    assert len(edges) == 20 and {e.properties["confidence"] for e in edges} == {0.5}
    assert citation_confidence(1, 20, few_users=10) == 0.5


def test_confidence_combines_several_entities_by_noisy_or():
    # Citing paper names m1 and m2; each has two introducers (a, b): c = 0.5 each; 1 - 0.5*0.5 = 0.75
    edges = inferred_citation_edges({"c": ["m1", "m2"]}, {"a": ["m1", "m2"], "b": ["m1", "m2"]}, {})
    assert {e.properties["confidence"] for e in edges} == {0.75}
    assert all(e.properties["via"] == ["m1", "m2"] for e in edges)


# --- EVALUATED_ON -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, target, expected", [
    ("WebRL outperforms GPT-4 on WebArena-Lite.", "WebArena-Lite", True),
    ("We evaluate WebRL on WebArena-Lite and MiniWoB.", "MiniWoB", True),
    ("WebRL achieves 42.4% success rate on the WebArena-Lite benchmark.", "WebArena-Lite", True),
    ("Results on MMLU, GSM8K and MATH show that WebRL is strong.", "GSM8K", True),
    ("On MMLU, WebRL improves Llama-3 from 40% to 50%.", "MMLU", True),
    ("Experiments across ImageNet and COCO confirm it.", "COCO", True),
    ("Llama-3 is trained on C4.", "C4", False),
    ("We fine-tune Llama-3 on Alpaca.", "Alpaca", False),
    ("Our method is built on ImageNet features.", "ImageNet", False),
    ("We introduce MMLU-Pro, a harder test for Llama-3.", "MMLU-Pro", False),
    ("We focus on reasoning, where MMLU is common.", "MMLU", False),
])
def test_evaluation_cues(sentence, target, expected):
    assert evaluation_cue(sentence, target) is expected


def _one_sentence(sentence, *ents):
    return [PaperEntity(n, t, mentions=[Mention(n, sentence.index(n), sentence.index(n) + len(n), sentence, 1)])
            for n, t in ents]


def evaluated(G):
    return {(u, v): d for u, v, d in G.edges(data=True) if d["type"] == "EVALUATED_ON"}


def test_evaluated_on_edges_count_and_evidence():
    s1 = "WebRL outperforms GPT-4 on WebArena-Lite."
    s2 = "We evaluate WebRL on WebArena-Lite."
    G = build_graph([(paper("a"), _one_sentence(s1, ("WebRL", M), ("GPT-4", MO), ("WebArena-Lite", B))),
                     (paper("b"), _one_sentence(s2, ("WebRL", M), ("WebArena-Lite", B)))])
    ev = evaluated(G)
    assert set(ev) == {("method:webrl", "benchmark:webarena-lite"), ("model:gpt-4", "benchmark:webarena-lite")}
    webrl = ev[("method:webrl", "benchmark:webarena-lite")]
    assert (webrl["count"], webrl["papers"], webrl["evidence"]) == (2, 2, [s1, s2])


def test_no_evaluated_on_without_a_cue_or_between_wrong_types():
    s1 = "Llama-3 is trained on C4."
    s2 = "We compare MMLU on GSM8K."  # benchmark -> benchmark is not an evaluation
    s3 = "Alpaca and Llama-3 appear in this sentence."
    G = build_graph([(paper("a"), _one_sentence(s1, ("Llama-3", MO), ("C4", D))),
                     (paper("b"), _one_sentence(s2, ("MMLU", B), ("GSM8K", B))),
                     (paper("c"), _one_sentence(s3, ("Alpaca", D), ("Llama-3", MO)))])
    assert evaluated(G) == {}


def test_a_name_inside_the_benchmark_list_is_not_the_evaluated_model():
    s = "Experiments on SD-v1.5, SD-v2.1, and SD-XL show that LinFusion works."
    G = build_graph([(paper("a"), _one_sentence(s, ("SD-v1.5", B), ("SD-v2.1", MO), ("SD-XL", B),
                                                 ("LinFusion", M)))])
    assert set(evaluated(G)) == {("method:linfusion", "benchmark:sd-v-1.5"), ("method:linfusion", "benchmark:sd-xl")}


def test_evaluated_on_needs_one_sentence():
    ents = [named("WebRL", sentences=(0,), text="WebRL is new."),
            named("MMLU", B, sentences=(1,), text="We test on MMLU.")]
    assert evaluated(build_graph([(paper("a"), ents)])) == {}


# --- invariants on the shared corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def G(daily_pages):
    return citegraph.build(daily_pages).to_networkx()


def test_every_edge_property_is_in_the_schema(G):
    for u, v, d in G.edges(data=True):
        rel = REL_TYPES[d["type"]]
        assert set(d) - {"type"} <= set(rel.properties), (d["type"], set(d) - set(rel.properties))
        assert G.nodes[u]["label"] in rel.sources and G.nodes[v]["label"] in rel.targets


def test_co_mentioned_is_stored_once_and_matches_mentions(G):
    mentioned_by = defaultdict(set)
    for u, v, t in G.edges(data="type"):
        if t == "MENTIONS":
            mentioned_by[v].add(u)
    n_papers = sum(1 for _, lab in G.nodes(data="label") if lab == "Paper")
    seen = set()
    for u, v, d in G.edges(data=True):
        if d["type"] != "CO_MENTIONED":
            continue
        assert u < v and (u, v) not in seen
        seen.add((u, v))
        both = mentioned_by[u] & mentioned_by[v]
        assert d["papers"] == len(both) > 0
        assert 0 <= d["sentences"]
        assert set(d["example_papers"]) <= both
        expected = n_papers * len(both) / (len(mentioned_by[u]) * len(mentioned_by[v]))
        assert d["association_strength"] == pytest.approx(expected, rel=1e-5)
        assert -1.0 - 1e-9 <= d["npmi"] <= 1.0 + 1e-9
    # every pair of entities named by one paper has its edge (min_co_mentions = 1)
    for p in (n for n, lab in G.nodes(data="label") if lab == "Paper"):
        ents = sorted(v for _, v, t in G.out_edges(p, data="type") if t == "MENTIONS")
        assert all((a, b) in seen for i, a in enumerate(ents) for b in ents[i + 1:])


def test_paper_count_equals_mentions_in_degree(G):
    for n, d in G.nodes(data=True):
        if d["label"] != "Paper":
            assert d["paper_count"] == sum(1 for _, _, t in G.in_edges(n, data="type") if t == "MENTIONS")


def test_inferred_citations_respect_their_rules(G):
    cites = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "CITES"]
    assert cites
    for u, v, d in cites:
        assert u != v and d["source"] == "inferred" and 0 < d["confidence"] <= 1
        assert not dated_before(G.nodes[u]["published"] or min(G.nodes[u]["listing_dates"] or [""]) or None,
                                G.nodes[v]["published"] or min(G.nodes[v]["listing_dates"] or [""]) or None)
        for eid in d["via"]:
            assert G.has_edge(v, eid, "INTRODUCES") and G.has_edge(u, eid, "MENTIONS")
            assert not G.has_edge(u, eid, "INTRODUCES")
        assert d["evidence"] in G.nodes[u]["title"] + "\n" + G.nodes[u]["abstract"]


def test_evaluated_on_evidence_names_both_ends(G):
    ev = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "EVALUATED_ON"]
    assert ev
    for u, v, d in ev:
        assert d["count"] >= d["papers"] >= 1 and 1 <= len(d["evidence"]) <= 3
        for sentence in d["evidence"]:
            for node in (u, v):
                spellings = [G.nodes[node]["name"], *G.nodes[node]["aliases"]]
                assert any(s in sentence for s in spellings), (node, sentence)
