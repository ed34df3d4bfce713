"""The analysis API (citegraph.queries) on hand-built corpora with answers worked out by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

import citegraph
from citegraph import (
    CitegraphError,
    UnknownNameError,
    citation_chain,
    co_mention_graph,
    communities,
    find_entity,
    find_paper,
    mentions_by_period,
    most_built_upon,
    neighbors,
    papers_mentioning,
    rising_entities,
    similar_papers,
    top_entities,
)
from citegraph.graph import build_graph
from citegraph.models import EntityType, Mention, Paper, PaperEntity
from citegraph.queries import pagerank
from citegraph.queries.trends import normalize_period

M, MO, B = EntityType.METHOD, EntityType.MODEL, EntityType.BENCHMARK


def ent(name, type_=M, introduced=False, sentence=None, aliases=()):
    return PaperEntity(name, type_, aliases=list(aliases), introduced=introduced,
                       mentions=[Mention(name, 0, len(name), sentence or f"{name} appears here.", 0)])


def P(pid, date=None, listing=None, title=None):
    return Paper(id=f"paper:{pid}", title=title or f"Paper {pid.upper()}", published=date,
                 listing_dates=[listing] if listing else [])


# Four papers on yearless listing dates:
#   p1 (--03-11): GPT-4, LLaMA, MMLU        p2 (--03-11): GPT-4, MMLU
#   p3 (--03-18): GPT-4, LLaMA              p4 (--03-18): LLaMA, Mamba
# papers: GPT-4 3, LLaMA 3, MMLU 2, Mamba 1
# co-mentions: GPT-4-LLaMA 2 (p1, p3), GPT-4-MMLU 2 (p1, p2), LLaMA-MMLU 1 (p1), LLaMA-Mamba 1 (p4)
# degree: LLaMA 3 (GPT-4, MMLU, Mamba), GPT-4 2, MMLU 2, Mamba 1
CORPUS = [
    (P("p1", listing="--03-11"), [ent("GPT-4", MO, aliases=["GPT4"]), ent("LLaMA", MO),
                                  ent("MMLU", B, sentence="GPT-4 scores 86% on MMLU.")]),
    (P("p2", listing="--03-11"), [ent("GPT-4", MO, sentence="GPT-4 scores 86% on MMLU."),
                                  ent("MMLU", B, sentence="GPT-4 scores 86% on MMLU.")]),
    (P("p3", listing="--03-18"), [ent("GPT-4", MO), ent("LLaMA", MO)]),
    (P("p4", listing="--03-18"), [ent("LLaMA", MO), ent("Mamba")]),
]


@pytest.fixture()
def G():
    return build_graph(CORPUS)


def test_top_entities_by_papers_and_degree(G):
    assert [(e.name, e.papers) for e in top_entities(G, limit=None)] == [
        ("GPT-4", 3), ("LLaMA", 3), ("MMLU", 2), ("Mamba", 1)]
    assert [(e.name, e.degree) for e in top_entities(G, by="degree", limit=2)] == [("LLaMA", 3), ("GPT-4", 2)]
    assert [e.name for e in top_entities(G, type="Benchmark")] == ["MMLU"]
    with pytest.raises(ValueError):
        top_entities(G, by="fame")


def test_pagerank_worked_by_hand():
    # Path a - b - c, alpha 0.85: a = 0.05 + 0.85*b/2, b = 0.05 + 0.85*(a + c), a = c
    #   => a = 0.07125 / 0.2775 = 0.256757, b = 0.05 + 1.7*a = 0.486486
    ranks = pagerank(nx.Graph([("a", "b"), ("b", "c")]), weight="none")
    assert ranks["a"] == pytest.approx(0.256757, abs=1e-6) and ranks["b"] == pytest.approx(0.486486, abs=1e-6)
    assert math.fsum(ranks.values()) == pytest.approx(1.0)


def test_pagerank_ranking_puts_the_hub_first(G):
    top = top_entities(G, by="pagerank", limit=None)
    assert top[0].name == "LLaMA" and top[-1].name == "Mamba"
    assert math.fsum(e.score for e in top) == pytest.approx(1.0, abs=1e-5)


def test_neighbors_sorted_with_weights(G):
    # LLaMA's neighbours: GPT-4 (2 papers), MMLU (1), Mamba (1); ties by name.
    got = neighbors(G, "llama")
    assert [(n.name, n.papers) for n in got] == [("GPT-4", 2), ("Mamba", 1), ("MMLU", 1)]
    # association strength N*c/(n_i*n_j), N = 4: Mamba 4*1/(3*1) = 1.333, GPT-4 4*2/(3*3) = 0.889, MMLU 4/6
    by_as = neighbors(G, "LLaMA", by="association_strength")
    assert [n.name for n in by_as] == ["Mamba", "GPT-4", "MMLU"]
    assert by_as[0].association_strength == pytest.approx(4 / 3, abs=1e-6)
    assert [n.name for n in neighbors(G, "LLaMA", neighbor_type="Benchmark")] == ["MMLU"]
    assert len(neighbors(G, "LLaMA", limit=1)) == 1
    assert [n.name for n in neighbors(G, "LLaMA", min_papers=2)] == ["GPT-4"]


def test_lookup_by_alias_and_case_and_close_matches(G):
    assert find_entity(G, "gpt4") == find_entity(G, "GPT-4") == find_entity(G, "model:gpt-4") == "model:gpt-4"
    with pytest.raises(UnknownNameError) as err:
        neighbors(G, "GTP-4")
    assert err.value.suggestions[0] == "GPT-4" and "did you mean: GPT-4" in str(err.value)
    assert isinstance(err.value, CitegraphError)
    with pytest.raises(UnknownNameError):
        find_entity(G, "LLaMA", type="Benchmark")


def test_papers_mentioning_two_entities_with_evidence(G):
    hits = papers_mentioning(G, "GPT-4", "MMLU")
    assert [h.id for h in hits] == ["paper:p2", "paper:p1"]  # newest first (same date: by id, descending)
    assert hits[0].evidence == ["GPT-4 scores 86% on MMLU."]  # the sentence naming both
    assert hits[1].evidence == ["GPT-4 appears here.", "GPT-4 scores 86% on MMLU."]
    assert papers_mentioning(G, "Mamba", "MMLU") == []


def test_co_mention_projection(G):
    H = co_mention_graph(G)
    assert isinstance(H, nx.Graph) and not H.is_directed()
    assert sorted(H.nodes) == ["benchmark:mmlu", "method:mamba", "model:gpt-4", "model:llama"]
    assert H.number_of_edges() == 4
    assert H.edges["model:gpt-4", "model:llama"]["papers"] == 2
    assert co_mention_graph(G, min_papers=2).number_of_edges() == 2
    assert sorted(co_mention_graph(G, type="Model").nodes) == ["model:gpt-4", "model:llama"]


def test_communities_split_two_groups_and_are_deterministic():
    groups = [["A", "B", "C"]] * 3 + [["X", "Y", "Z"]] * 2 + [["C", "X"]]
    G = build_graph([(P(f"g{i}"), [ent(n) for n in names]) for i, names in enumerate(groups)])
    got = communities(G)
    assert [(c.label, c.size, c.papers) for c in got] == [("C / A / B", 3, 10), ("X / Y / Z", 3, 7)]
    assert got[0].members[0] == ("C", "Method", 4)
    assert all(communities(G) == got for _ in range(3))
    assert [c.label for c in communities(G, weight="npmi")] == [c.label for c in got]
    apart = build_graph([(P("s"), [PaperEntity(n, M, mentions=[Mention(n, 0, 1, f"{n}.", i)])
                                   for i, n in enumerate("ABC")])])  # each in its own sentence
    with pytest.raises(CitegraphError, match="no co-mention has a positive 'sentences'"):
        communities(apart, weight="sentences")


def test_mentions_by_period_with_yearless_dates(G):
    assert [(p.period, p.papers, p.mentions) for p in mentions_by_period(G)] == [
        ("--03-11", 2, 5), ("--03-18", 2, 4)]
    assert [(p.period, p.papers) for p in mentions_by_period(G, by="month")] == [("--03", 4)]
    assert [(p.period, p.papers) for p in mentions_by_period(G, name="MMLU")] == [("--03-11", 2)]
    assert [(p.period, p.mentions) for p in mentions_by_period(G, type="Benchmark")] == [
        ("--03-11", 2), ("--03-18", 0)]


def test_rising_entities_worked_by_hand(G):
    # before = --03-11 (p1, p2), after = --03-18 (p3, p4)
    # LLaMA 1/2 -> 2/2: +0.5; Mamba 0 -> 1/2 (1 paper < min_papers=2, skipped); GPT-4 2/2 -> 1/2: -0.5
    # MMLU 2/2 -> 0: -1.0
    got = rising_entities(G, "03-11", "--03-18")
    assert [(r.name, r.before_papers, r.after_papers, r.change) for r in got] == [
        ("LLaMA", 1, 2, 0.5), ("GPT-4", 2, 1, -0.5), ("MMLU", 2, 0, -1.0)]
    assert [r.name for r in rising_entities(G, min_papers=1)][:2] == ["LLaMA", "Mamba"]  # default: halves
    with pytest.raises(CitegraphError, match="no paper dated 2024-03"):
        rising_entities(G, "2024-03", "--03-18")


@pytest.mark.parametrize("text, period", [("03-11", "--03-11"), ("--3", "--03"), ("2024-3-1", "2024-03-01"),
                                          ("2024", "2024")])
def test_normalize_period(text, period):
    assert normalize_period(text) == period


def test_bad_period_is_a_clear_error():
    with pytest.raises(CitegraphError, match="not a period"):
        normalize_period("March")


# Citations: A (Jan) introduces Alpha; B (Feb) uses Alpha, introduces Beta; C (Mar) uses Beta;
# D (Apr) uses Alpha and Beta.  CITES: B->A, C->B, D->A, D->B.
CITING = [
    (P("a", "2024-01-01", title="Alpha: a method"), [ent("Alpha", introduced=True)]),
    (P("b", "2024-02-01", title="Beta builds on Alpha"), [ent("Alpha"), ent("Beta", introduced=True)]),
    (P("c", "2024-03-01", title="Gamma uses Beta"), [ent("Beta"), ent("Common", EntityType.DATASET)]),
    (P("d", "2024-04-01", title="Delta uses both"), [ent("Alpha"), ent("Beta"), ent("Common", EntityType.DATASET)]),
]


def test_citation_chain_both_directions():
    G = build_graph(CITING)
    chain = citation_chain(G, "Gamma uses Beta")
    assert [(link.depth, link.citing, link.cited, link.via) for link in chain] == [
        (1, "paper:c", "paper:b", ["Beta"]), (2, "paper:b", "paper:a", ["Alpha"])]
    back = citation_chain(G, "paper:a", direction="built_upon_by")
    assert [(link.depth, link.citing) for link in back] == [(1, "paper:b"), (1, "paper:d"),
                                                            (2, "paper:c"), (2, "paper:d")]
    assert citation_chain(G, "Gamma uses Beta", depth=1)[-1].depth == 1


def test_most_built_upon():
    got = most_built_upon(citegraph.KnowledgeGraph(build_graph(CITING)))
    assert [(p.id, p.cited_by, p.via) for p in got] == [("paper:a", 2, ["Alpha"]), ("paper:b", 2, ["Beta"])]


def test_similar_papers_jaccard_and_adamic_adar():
    G = build_graph(CITING)
    # D = {Alpha, Beta, Common}; C = {Beta, Common}: J = 2/3; B = {Alpha, Beta}: J = 2/3; A = {Alpha}: 1/3
    jac = similar_papers(G, "Delta")
    assert [(s.id, round(s.score, 4)) for s in jac] == [("paper:b", 0.6667), ("paper:c", 0.6667),
                                                       ("paper:a", 0.3333)]
    assert jac[0].shared == ["Alpha", "Beta"]
    # Adamic-Adar: papers naming Alpha 3, Beta 3, Common 2.
    #   B: 1/ln3 + 1/ln3 = 1.820478; C: 1/ln3 + 1/ln2 = 0.910239 + 1.442695 = 2.352934; A: 1/ln3
    aa = similar_papers(G, "Delta", method="adamic_adar")
    assert [(s.id, round(s.score, 4)) for s in aa] == [("paper:c", 2.3529), ("paper:b", 1.8205),
                                                      ("paper:a", 0.9102)]
    # Datasets only: D = {Common}, C = {Common}: 1.0; A and B name no dataset
    assert [(s.id, s.score) for s in similar_papers(G, "Delta", type="Dataset")] == [("paper:c", 1.0)]


def test_unknown_or_ambiguous_paper():
    G = build_graph(CITING)
    with pytest.raises(UnknownNameError, match="Delta uses both"):
        find_paper(G, "Delta uses bothh")
    with pytest.raises(UnknownNameError, match="2 papers match 'uses'"):
        find_paper(G, "uses")
    assert find_paper(G, "DELTA") == "paper:d" and find_paper(G, "d") == "paper:d"


# --- invariants on the shared corpus ---------------------------------------------------------------

@pytest.fixture(scope="module")
def kg(daily_pages):
    return citegraph.build(daily_pages)


def test_shared_corpus_rankings_agree_with_the_graph(kg):
    assert [e.id for e in top_entities(kg, limit=20)] == [e.id for e in kg.entities()[:20]]
    H = co_mention_graph(kg)
    assert all(e.degree == H.degree(e.id) for e in top_entities(kg, by="degree", limit=20))


def test_shared_corpus_communities_partition_the_entities(kg):
    first = communities(kg)
    members = [m for c in first for m in c.member_ids]
    assert len(members) == len(set(members)) and first
    assert communities(kg) == first  # deterministic


def test_shared_corpus_trends_count_every_dated_paper(kg):
    dated = [p for p in kg.papers() if p.date]
    assert sum(p.papers for p in mentions_by_period(kg)) == len(dated)
    assert sum(p.papers for p in mentions_by_period(kg, by="month")) == len(dated)
    assert rising_entities(kg)


def test_shared_corpus_similarity_bounds(kg):
    title = most_built_upon(kg, limit=1)[0].id
    got = similar_papers(kg, title, limit=None)
    assert got and all(0 < s.score <= 1 for s in got)
    for link in citation_chain(kg, title, direction="built_upon_by"):
        assert link.cited == title or link.depth > 1


def test_a_graph_with_co_mentions_aside_answers_as_the_whole_graph(daily_pages):
    lean = citegraph.build(daily_pages)
    full = citegraph.KnowledgeGraph(citegraph.build(daily_pages).G)  # every edge in networkx
    assert lean.co_mention_table is not None and full.co_mention_table is None
    top = top_entities(full, limit=3)[0].name
    paper = most_built_upon(full, limit=1)[0].id
    questions = [
        lambda g: top_entities(g, limit=None),
        lambda g: top_entities(g, by="degree", limit=None),
        lambda g: top_entities(g, by="pagerank", limit=50),
        lambda g: [neighbors(g, top, by=by) for by in ("papers", "sentences", "association_strength", "npmi")],
        lambda g: neighbors(g, top, neighbor_type="Benchmark", min_papers=2),
        lambda g: (lambda H: (list(H.nodes(data=True)), list(H.edges(data=True))))(co_mention_graph(g, min_papers=2)),
        lambda g: communities(g),
        lambda g: communities(g, type="Model"),
        lambda g: papers_mentioning(g, top),
        lambda g: citation_chain(g, paper, direction="built_upon_by"),
        lambda g: most_built_upon(g, limit=None),
        lambda g: similar_papers(g, paper, method="adamic_adar", limit=None),
        lambda g: mentions_by_period(g, by="month"),
        lambda g: rising_entities(g, limit=None),
    ]
    for ask in questions:
        assert ask(lean) == ask(full)
    assert lean.co_mention_table is not None  # answered without adding the table's edges to the graph
