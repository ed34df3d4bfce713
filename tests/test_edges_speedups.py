"""The fast paths of EVALUATED_ON and of resolution give exactly what the plain code gives.

``graph/evaluations.py`` looks only at sentences naming a Model/Method and a Benchmark/Dataset,
finds the cues of a sentence once, and rejects gaps that cannot be a list of names with one
linear scan (``_GAP_BREAKER``) before the backtracking ``_LIST_GAP``; ``graph/resolve.py``
works once per distinct (name, aliases, type). ``tests/plain_edges.py`` keeps the plain code;
these tests compare both on the shared daily pages and dev set and on random sentences built
from the words and characters the patterns use, so that a later change of a pattern or of the
logic that one side does not follow fails here instead of silently changing the graph.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from citegraph.graph import evaluations as edges
from citegraph.graph.resolve import resolve_entities
from citegraph.models import EntityType, Mention, Paper, PaperEntity
from citegraph.pipeline import extract, load_papers

from . import plain_edges
from .conftest import DEV_PAPERS

CUES = ["on", "across", "On", "Across", "ON", "upon", "onto"]
LIST_WORDS = ["and", "or", "the", "both", "including", "such as", "as well as", "challenging", "several",
              "multiple", "standard", "popular", "such", "as", "well"]
VERBS = ["trained", "fine-tune", "finetuned", "pre-trained", "built", "based", "runs", "clicking", "distilled"]
NAMES = ["MMLU", "GSM8K", "GPT-4", "SD-v1.5", "SD-XL", "Llama-3", "WebArena-Lite", "C4", "ImageNet-1K", "X",
         "7B", "42%", "3.5", "A-5%", "v2", "MATH", "HumanEval+", "Q_A", "٣", "Ünet"]
WORDS = ["we", "results", "task", "model", "evaluated", "outperforms", "achieves", "a", "x.y", "e", "as-is"]
PUNCT = [",", ";", "(", ")", ":", ".", "-", "+", "%", "/", "\u00a0", "é", "\n"]
GLUE = [" ", " ", " ", "", ", ", " (", ") ", "\n", "-"]


def _random_sentence(rnd: random.Random) -> str:
    pools = [CUES, CUES, LIST_WORDS, VERBS, NAMES, NAMES, NAMES, WORDS, PUNCT]
    return "".join(rnd.choice(rnd.choice(pools)) + rnd.choice(GLUE) for _ in range(rnd.randint(1, 12)))


@pytest.fixture(scope="module")
def real_items(daily_pages) -> list[tuple[Paper, list[PaperEntity]]]:
    papers = list(load_papers(daily_pages))
    if DEV_PAPERS.is_file():
        papers += list(load_papers([DEV_PAPERS]))
    return sorted(extract(papers, workers=1), key=lambda pe: pe[0].id)


def _paper_entities(items):
    """paper id -> {entity id: the paper's entity (first spelling)}, and entity id -> label."""
    resolved = resolve_entities(items)
    per_paper: dict[str, dict[str, PaperEntity]] = {}
    labels: dict[str, str] = {}
    for paper, ents in items:
        by_id = per_paper.setdefault(paper.id, {})
        for e in ents:
            node = resolved[(paper.id, e.name)]
            by_id.setdefault(node.id, e)
            labels[node.id] = str(node.type)
    return per_paper, labels


def test_gap_breaker_never_rejects_a_gap_the_list_regex_accepts():
    rnd = random.Random(7)
    pieces = LIST_WORDS + NAMES + WORDS + PUNCT
    accepted = 0
    for _ in range(30000):
        gap = " " + "".join(rnd.choice(pieces) + rnd.choice(GLUE) for _ in range(rnd.randint(0, 6)))
        if edges._LIST_GAP.match(gap):
            accepted += 1
            assert edges._GAP_BREAKER.search(gap) is None, gap
    assert accepted > 1000  # the random gaps do exercise the accepting side


def test_evaluation_spans_match_the_plain_code_on_random_sentences():
    rnd = random.Random(11)
    for _ in range(20000):
        sentence = _random_sentence(rnd)
        for surface in {*NAMES, *rnd.sample(WORDS, 2)}:
            if surface in sentence:
                assert edges.evaluation_spans(sentence, surface) == plain_edges.evaluation_spans(sentence, surface), (
                    sentence, surface)


def test_evaluation_spans_match_the_plain_code_on_real_sentences(real_items):
    checked = 0
    for _, ents in real_items:
        for e in ents:
            for m in e.mentions:
                assert edges.evaluation_spans(m.sentence, m.surface) == plain_edges.evaluation_spans(
                    m.sentence, m.surface), (m.sentence, m.surface)
                checked += 1
    assert checked > 1000


def test_evaluated_on_edges_match_the_plain_code_on_real_papers(real_items):
    per_paper, labels = _paper_entities(real_items)
    fast = edges.evaluated_on_edges(per_paper, labels)
    assert fast == plain_edges.evaluated_on_edges(per_paper, labels)
    assert len(fast) > 10


def test_evaluated_on_edges_match_the_plain_code_on_random_papers():
    rnd = random.Random(3)
    types = list(EntityType)
    labels = {f"e:{name}": str(rnd.choice(types)) for name in NAMES}
    labels["e:unlabelled"] = "Other"
    per_paper = {}
    for p in range(400):
        sentences = [_random_sentence(rnd) for _ in range(rnd.randint(1, 4))]
        by_id = {}
        for eid in rnd.sample(sorted(labels), rnd.randint(0, 8)):
            surface = eid[2:]
            mentions = [Mention(surface, 0, len(surface), s, i) for i, s in enumerate(sentences)
                        if surface in s or rnd.random() < 0.2]
            by_id[eid] = PaperEntity(surface, EntityType.MODEL, mentions=mentions)
        per_paper[f"paper:{p}"] = by_id
    fast = edges.evaluated_on_edges(per_paper, labels)
    assert fast == plain_edges.evaluated_on_edges(per_paper, labels)
    assert fast  # the random corpus holds evaluations


def test_resolution_matches_the_plain_code_on_real_papers(real_items):
    assert resolve_entities(real_items) == plain_edges.resolve_entities(real_items)


def test_resolution_matches_the_plain_code_on_random_spellings():
    rnd = random.Random(5)
    spellings = ["GPT-4", "gpt4", "GPT 4", "LoRA", "Low-Rank Adaptation", "LORA", "Lora", "CL", "Contrastive Learning",
                 "Curriculum Learning", "Transformers", "Transformer", "transformer", "LLMs", "LLM",
                 "Llama-2-7B", "Llama-2-70B", "Tranformer", "Diffusion Model", "Diffusion Models", "DM", "RL",
                 "Reinforcement Learning", "Reinforcment Learning", "ImageNet", "IN", "Imagenet-1k"]
    items = []
    for p in range(300):
        ents = []
        for name in rnd.sample(spellings, rnd.randint(0, 6)):
            aliases = rnd.sample(spellings, rnd.choice([0, 0, 1, 2]))
            mentions = [Mention(name, 0, len(name), "s", 0)] * rnd.randint(0, 3)
            ents.append(PaperEntity(name, rnd.choice(list(EntityType)), aliases, mentions=mentions))
        items.append((Paper(id=f"paper:{p:03d}", title=str(p)), ents))
    assert resolve_entities(items) == plain_edges.resolve_entities(items)


def test_str_split_whitespace_is_the_regex_whitespace():
    # the training-verb search starts at the last four words found by str.rsplit(): this holds only
    # while str's whitespace and re's \s are the same characters
    space = re.compile(r"\s")
    assert all(bool(space.match(c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


@pytest.mark.parametrize("n_papers", [1, 3, 7, 1000, 98_540, 10**6])
def test_co_mention_scores_are_the_python_calls_bit_for_bit(n_papers, monkeypatch):
    """``comention._scores`` (numpy, with Python calls only near a rounding tie) against
    ``round(association_strength(...), 6)`` and ``round(npmi(...), 6)`` pair by pair."""
    import numpy as np

    from citegraph.graph import comention
    from citegraph.graph.comention import _scores, association_strength, npmi

    monkeypatch.setattr(comention, "_STEP", 999)  # many slices, the last one short

    rng = random.Random(n_papers)
    paper_count = [rng.randint(1, n_papers) for _ in range(500)] + [n_papers, 1]
    pairs = [(rng.randrange(len(paper_count)), rng.randrange(len(paper_count))) for _ in range(20_000)]
    pairs += [(500, 500), (500, 501), (501, 501)]  # every paper; one paper (npmi 1.0 / 0.0)
    counts = [rng.randint(1, min(paper_count[a], paper_count[b])) for a, b in pairs]
    source = np.array([a for a, _ in pairs], dtype=np.int32)
    target = np.array([b for _, b in pairs], dtype=np.int32)
    strength, normalised = _scores(np.array(counts, dtype=np.int32), source, target, paper_count, n_papers)
    args = [(c, paper_count[a], paper_count[b], n_papers) for c, (a, b) in zip(counts, pairs, strict=True)]
    want_strength = np.array([round(association_strength(*x), 6) for x in args])
    want_npmi = np.array([round(npmi(*x), 6) for x in args])
    # compared as bits: -0.0 and 0.0 differ in graph.json
    assert np.array_equal(strength.view(np.int64), want_strength.view(np.int64))
    assert np.array_equal(normalised.view(np.int64), want_npmi.view(np.int64))


def test_co_mention_scores_round_ties_as_python_does():
    """Strengths of 3.5e-06, 2.5e-06, ...: a half in the 7th decimal, where rint(x * 1e6) and
    Python's round (on the exact binary value) part ways."""
    import numpy as np

    from citegraph.graph.comention import _scores, association_strength

    counts = np.array([3, 5, 7, 9, 11, 1001], dtype=np.int32)  # N * c / (2000 * 1000) with N = 1
    strength, _ = _scores(counts, np.zeros(6, np.int32), np.ones(6, np.int32), [2000, 1000], 1)
    assert strength.tolist() == [round(association_strength(c, 2000, 1000, 1), 6) for c in counts.tolist()]
    assert strength.tolist()[:3] == [2e-06, 3e-06, 3e-06]
