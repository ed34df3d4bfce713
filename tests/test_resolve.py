"""Cross-corpus resolution and VARIANT_OF edges."""

from __future__ import annotations

from citegraph.graph import build_graph
from citegraph.graph.resolve import base_names, resolve_entities, variant_of_edges
from citegraph.models import Entity, EntityType, Mention, Paper, PaperEntity

M, B, ME = EntityType.MODEL, EntityType.BENCHMARK, EntityType.METHOD


def corpus(*per_paper: list[PaperEntity]) -> list[tuple[Paper, list[PaperEntity]]]:
    return [(Paper(id=f"paper:{i}", title=f"P{i}"), ents) for i, ents in enumerate(per_paper)]


def node(res, i, name):
    return res[(f"paper:{i}", name)]


def test_spelling_variants_share_one_node():
    res = resolve_entities(corpus([PaperEntity("GPT-4", M)], [PaperEntity("GPT4", M)],
                                  [PaperEntity("gpt-4", M)], [PaperEntity("GPT-4", M)]))
    ids = {node(res, i, n).id for i, n in enumerate(["GPT-4", "GPT4", "gpt-4", "GPT-4"])}
    assert ids == {"model:gpt-4"}
    assert node(res, 1, "GPT4").name == "GPT-4" and set(node(res, 1, "GPT4").aliases) == {"GPT4", "gpt-4"}


def test_sizes_and_versions_stay_apart():
    res = resolve_entities(corpus([PaperEntity("Llama-2-7B", M)], [PaperEntity("Llama-2-70B", M)],
                                  [PaperEntity("OPT-1.3B", M)], [PaperEntity("OPT-13B", M)],
                                  [PaperEntity("Llama-3", M)], [PaperEntity("Llama-3.1", M)]))
    assert len({node(res, i, n).id for i, n in enumerate(
        ["Llama-2-7B", "Llama-2-70B", "OPT-1.3B", "OPT-13B", "Llama-3", "Llama-3.1"])}) == 6


def test_acronym_and_expansion_join_only_when_unambiguous():
    res = resolve_entities(corpus(
        [PaperEntity("Low-Rank Adaptation", ME, aliases=["LoRA"])],
        [PaperEntity("LoRA", ME)],
        [PaperEntity("Contrastive Learning", ME, aliases=["CL"])],
        [PaperEntity("Curriculum Learning", ME, aliases=["CL"])],
        [PaperEntity("CL", ME)],
    ))
    assert node(res, 0, "Low-Rank Adaptation").id == node(res, 1, "LoRA").id
    assert node(res, 4, "CL").id not in {node(res, 2, "Contrastive Learning").id,
                                         node(res, 3, "Curriculum Learning").id}


def test_plurals_near_spellings_and_majority_type():
    res = resolve_entities(corpus([PaperEntity("Transformers", ME)], [PaperEntity("Transformer", ME)],
                                  [PaperEntity("Transformer", M)], [PaperEntity("Transformer", ME)],
                                  [PaperEntity("SuperGLUE-X", B)], [PaperEntity("SuperGLUEX", B)],
                                  [PaperEntity("RMSNorm", ME)], [PaperEntity("CRMSNorm", ME)]))
    t = node(res, 0, "Transformers")
    assert t.id == node(res, 2, "Transformer").id and t.type == ME and t.name == "Transformer"
    assert node(res, 4, "SuperGLUE-X").id == node(res, 5, "SuperGLUEX").id
    assert node(res, 6, "RMSNorm").id != node(res, 7, "CRMSNorm").id


def test_an_acronym_plural_takes_a_small_s():
    res = resolve_entities(corpus([PaperEntity("LLMs", M)], [PaperEntity("LLM", M)],
                                  [PaperEntity("PARIS", ME)], [PaperEntity("PaRIS", ME)]))
    assert node(res, 0, "LLMs").id == node(res, 1, "LLM").id
    paris = node(res, 2, "PARIS")  # one entity (before: two, "pari" and "paris", sharing one node id)
    assert paris is node(res, 3, "PaRIS") and {paris.name, *paris.aliases} == {"PARIS", "PaRIS"}


def test_base_names_chain():
    assert base_names("Llama-3.1-8B-Instruct") == ["Llama-3.1-8B", "Llama-3.1"]
    assert base_names("GPT-4o") == [] and base_names("BERT") == []
    assert base_names("Claude 3 Opus") == ["Claude 3"]
    assert base_names("T5-XXL") == ["T5"]
    assert base_names("GPT-J-6B") == ["GPT-J"] and base_names("LLaMA-NAS") == []


def test_variant_of_links_to_nearest_existing_base_and_never_across_sizes():
    es = [Entity("model:llama-2", "Llama-2", M), Entity("model:llama-2-7b", "Llama-2-7B", M),
          Entity("model:llama-2-70b-chat", "Llama-2-70B-Chat", M),
          Entity("model:llama-2-7b-chat", "Llama-2-7B-Chat", M),
          Entity("benchmark:mmlu", "MMLU", B)]
    edges = {(e.source, e.target) for e in variant_of_edges(es)}
    assert edges == {("model:llama-2-7b", "model:llama-2"), ("model:llama-2-7b-chat", "model:llama-2-7b"),
                     ("model:llama-2-70b-chat", "model:llama-2")}
    assert all(e.type == "VARIANT_OF" for e in variant_of_edges(es))


def test_graph_has_variant_of_edges():
    m = [Mention("x", 0, 1, "x.")]
    G = build_graph(corpus([PaperEntity("Qwen2.5-7B-Instruct", M, mentions=m)],
                           [PaperEntity("Qwen2.5-7B", M, mentions=m)]))
    assert G.has_edge("model:qwen-2.5-7b-instruct", "model:qwen-2.5-7b", key="VARIANT_OF")
    assert G.nodes["model:qwen-2.5-7b"]["paper_count"] == 1
