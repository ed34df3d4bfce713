"""Deterministic synthetic corpus of ML paper records, for the scale benchmarks.

Each record is one JSON line ``{"id", "title", "abstract", "published"}``. Abstracts
are built from sentence templates filled with a fixed vocabulary: model families with
versions and sizes (``Llama-3.1-8B``, ``Qwen2.5-7B-Instruct``), datasets, benchmarks and
one coined method per paper defined with its acronym (``Sparse Gradient Routing
(SGR)``); later papers reuse earlier methods (``outperforms SGR on GSM8K``), so the
graph gets INTRODUCES, MENTIONS, CO_MENTIONED and inferred CITES edges like a real
corpus. Entity popularity is Zipf-like (a few very common names, a long tail);
listing dates are spread evenly over ``months`` months from January 2024.

The same ``seed`` and ``size`` give the same bytes, on any machine and Python >= 3.11
(only ``random.Random.random`` is used, whose sequence Python keeps stable).

Usage::

    python benchmarks/generate_corpus.py 10k                  # -> benchmarks/data/synthetic-10k.jsonl
    python benchmarks/generate_corpus.py 1000 -o papers.jsonl --seed 7

>>> import io
>>> a, b = io.StringIO(), io.StringIO()
>>> write_corpus(a, 5, seed=1); write_corpus(b, 5, seed=1)
5
5
>>> a.getvalue() == b.getvalue() and len(a.getvalue().splitlines())
5
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}

# ---------------------------------------------------------------- vocabulary
_MODEL_FAMILIES: list[tuple[str, list[str], list[str]]] = [
    # family, versions, sizes
    ("Llama", ["-2", "-3", "-3.1", "-3.2", "-3.3"], ["1B", "3B", "7B", "8B", "13B", "70B", "405B"]),
    ("Qwen", ["2", "2.5", "3", "2-VL", "2.5-Math"], ["0.5B", "1.5B", "7B", "14B", "32B", "72B"]),
    ("Mistral", ["-7B-v0.1", "-7B-v0.3", "-Large-2", "-Nemo"], [""]),
    ("Gemma", ["-2", "-3", ""], ["2B", "7B", "9B", "27B"]),
    ("Phi", ["-2", "-3", "-3.5", "-4"], ["mini", "small", "medium"]),
    ("DeepSeek", ["-V2", "-V3", "-R1", "-Coder-V2", "-Math"], ["7B", "16B", "67B", ""]),
    ("Falcon", ["-2", "-3", ""], ["7B", "11B", "40B", "180B"]),
    ("InternLM", ["2", "2.5", "3"], ["1.8B", "7B", "20B"]),
    ("Yi", ["-1.5", ""], ["6B", "9B", "34B"]),
    ("OLMo", ["-1", "-2", ""], ["1B", "7B", "13B"]),
    ("Mixtral", ["-8x7B", "-8x22B"], [""]),
    ("GLM", ["-4"], ["9B", ""]),
    ("BLOOM", [""], ["560M", "3B", "7B1", "176B"]),
    ("T5", ["", "-v1.1"], ["Small", "Base", "Large", "XL", "XXL"]),
    ("Pythia", [""], ["70M", "160M", "410M", "1.4B", "2.8B", "6.9B", "12B"]),
]
_CLOSED_MODELS = ["GPT-4o", "GPT-4", "GPT-3.5-Turbo", "GPT-4o-mini", "Claude-3.5-Sonnet", "Claude-3-Opus",
                  "Gemini-1.5-Pro", "Gemini-2.0-Flash", "o1-preview", "BERT-Base", "RoBERTa-Large", "CLIP-ViT-L",
                  "ViT-B/16", "SAM-2", "Whisper-Large-v3", "LLaVA-1.5-7B", "LLaVA-NeXT-34B", "InstructBLIP"]
_DATASETS = ["ImageNet", "COCO", "SQuAD", "C4", "The Pile", "RedPajama", "LAION-5B", "OpenWebText", "WikiText-103",
             "Common Crawl", "ShareGPT", "UltraChat", "Alpaca", "OpenOrca", "MetaMathQA", "CodeAlpaca",
             "Visual Genome", "Kinetics-400", "LibriSpeech", "FineWeb", "Dolma", "SlimPajama", "ScienceQA",
             "TextCaps", "Objects365", "ADE20K", "Cityscapes", "nuScenes", "Waymo Open", "HotpotQA"]
_BENCHMARKS = ["MMLU", "GSM8K", "HumanEval", "MATH", "BIG-Bench Hard", "ARC-Challenge", "HellaSwag", "TruthfulQA",
               "MT-Bench", "AlpacaEval", "WebArena", "SWE-bench", "MBPP", "GPQA", "MMMU", "MathVista",
               "LongBench", "RULER", "Chatbot Arena", "LiveCodeBench", "AgentBench", "ToolBench", "VQAv2",
               "TextVQA", "DocVQA", "ChartQA", "MMBench", "SEED-Bench", "Winogrande", "PIQA", "BoolQ",
               "Natural Questions", "TriviaQA", "DROP", "IFEval", "Arena-Hard", "AIME 2024", "OlympiadBench"]
_SYNTH_BENCH_ROOTS = ["Reason", "Agent", "Code", "Vision", "Long", "Tool", "Math", "Plan", "Web", "Chart",
                      "Safety", "Med", "Legal", "Fin", "Audio", "Video", "Graph", "Table", "Science", "Robot"]
_SYNTH_BENCH_SUFFIX = ["Bench", "Eval", "Arena", "QA"]
_METHOD_WORDS_A = ["Adaptive", "Sparse", "Hierarchical", "Contrastive", "Progressive", "Dynamic", "Latent",
                   "Curriculum", "Self-Supervised", "Multi-Scale", "Retrieval-Augmented", "Mixture", "Federated",
                   "Gradient", "Token", "Layer-wise", "Reward", "Preference", "Causal", "Structured", "Modular",
                   "Iterative", "Uncertainty-Aware", "Memory", "Spectral", "Recursive", "Visual", "Temporal",
                   "Cross-Modal", "Efficient", "Robust", "Implicit", "Conditional", "Decoupled", "Hybrid"]
_METHOD_WORDS_B = ["Attention", "Routing", "Distillation", "Alignment", "Pruning", "Quantization", "Decoding",
                   "Planning", "Reasoning", "Sampling", "Merging", "Calibration", "Compression", "Prompting",
                   "Retrieval", "Replay", "Search", "Fusion", "Adaptation", "Verification", "Exploration",
                   "Regularization", "Tokenization", "Scheduling", "Optimization", "Editing", "Grounding"]
_METHOD_WORDS_C = ["Tuning", "Learning", "Training", "Policy", "Network", "Framework", "Transformer", "Optimization",
                   "Inference", "Adapter", "Model", "Estimation", "Pretraining", "Refinement"]
_TASKS = ["long-context reasoning", "mathematical reasoning", "code generation", "instruction following",
          "visual question answering", "web navigation", "tool use", "machine translation", "summarization",
          "open-domain question answering", "image captioning", "video understanding", "speech recognition",
          "robotic manipulation", "text-to-image generation", "retrieval", "multi-turn dialogue",
          "theorem proving", "table understanding", "document parsing", "autonomous driving"]
_PROBLEMS = ["high inference cost", "catastrophic forgetting", "reward hacking", "hallucination",
             "poor length generalization", "distribution shift", "quadratic attention cost",
             "limited labeled data", "brittle multi-step planning", "noisy supervision"]

# ---------------------------------------------------------------- templates
_BACKGROUND = [
    "Large language models have achieved remarkable progress in {task}, yet they still suffer from {problem}.",
    "Recent advances in {task} have been driven by models such as {model} and {model2}.",
    "Despite strong results on {bench}, existing approaches to {task} remain limited by {problem}.",
    "Scaling models like {model} has improved {task}, but {problem} remains a central obstacle.",
    "Prior work such as {prior} addresses {problem} only partially and requires costly supervision.",
    "A growing body of work studies {task}, motivated by the success of {model} on {bench}.",
    "However, most existing methods for {task} rely on proprietary systems such as {model3}, which limits "
    "reproducibility and makes it difficult to analyse where the gains actually come from.",
    "Progress in {task} is commonly measured on {bench} and {bench2}, where {problem} dominates the error.",
]
_PROPOSE = [
    "In this paper, we propose {long} ({short}), a simple and general approach to {task}.",
    "We introduce {long} ({short}), which tackles {problem} without additional supervision.",
    "To address this, we present {long} ({short}), a framework for {task} built on {model}.",
    "This work introduces {long} ({short}) to mitigate {problem} in {task}.",
]
_METHOD = [
    "{short} decomposes each input into sub-problems and routes them to specialised modules.",
    "The key idea of {short} is to reuse intermediate representations across layers at negligible cost.",
    "Unlike {prior}, {short} requires no reward model and trains in a single stage.",
    "We further release {dataset_new}, a dataset of {num}K curated examples for {task}.",
    "{short} is trained on {dataset} and {dataset2} with a curriculum over difficulty.",
    "Our analysis shows that {short} reduces memory usage by {pct}% while preserving accuracy.",
    "We also construct {bench_new}, a benchmark of {num} tasks covering {task}.",
    "Concretely, {short} estimates the difficulty of each example online and allocates more computation to the "
    "hardest ones, which keeps the training budget fixed.",
    "We provide a theoretical analysis showing that {short} converges under mild assumptions and that its error "
    "bound improves with the number of retrieved examples.",
    "In contrast to {prior2}, which relies on hand-crafted heuristics, {short} learns when to stop from data.",
]
_EVAL = [
    "We evaluate {short} on {bench}, {bench2} and {bench3} using {model} as the backbone.",
    "Experiments on {bench} and {bench2} show that {short} outperforms {prior} by {pct}%.",
    "Applied to {model}, {short} improves accuracy on {bench} from {score1}% to {score2}%.",
    "{short} outperforms {model2} on {bench} and matches {model3} on {bench2}.",
    "On {bench}, {short} with {model} surpasses strong baselines including {prior} and {prior2}.",
    "Fine-tuning {model} with {short} on {dataset} yields gains of {pct}% on {bench}.",
    "Compared with {model2} and {model3}, our {size} model achieves state-of-the-art results on {bench}.",
    "Extensive ablations on {bench2} confirm that each component of {short} contributes to the final performance, "
    "and that the gains hold across model scales from 1B to 70B parameters.",
    "Human evaluation further shows that outputs of {short} are preferred over those of {model2} in {pct}% of cases.",
]
_CLOSING = [
    "Code and models are publicly available.",
    "These results suggest that {short} is a practical recipe for {task}.",
    "We hope {short} will serve as a strong baseline for future research on {task}.",
    "Our findings highlight the importance of {problem} for the next generation of models.",
]
_TITLES = [
    "{short}: {long} for {Task}",
    "{short}: Towards Efficient {Task} with {long}",
    "{long} Improves {Task} in {model_family} Models",
    "Mitigating {Problem} in {Task} via {long}",
]


class _Zipf:
    """Pick items with probability proportional to 1 / rank**s (rank 1 = first item)."""

    def __init__(self, items: Sequence[str], s: float = 1.1) -> None:
        self.items = list(items)
        total, self.cum = 0.0, []
        for rank in range(1, len(self.items) + 1):
            total += 1.0 / rank**s
            self.cum.append(total)

    def pick(self, rnd: float) -> str:
        return self.items[min(bisect.bisect_right(self.cum, rnd * self.cum[-1]), len(self.items) - 1)]


def _model_names() -> list[str]:
    names = list(_CLOSED_MODELS)
    for family, versions, sizes in _MODEL_FAMILIES:
        for v in versions:
            for s in sizes:
                names.append(f"{family}{v}-{s}" if s else f"{family}{v}")
                if family in ("Llama", "Qwen", "Mistral", "Gemma") and s in ("7B", "8B", "9B"):
                    names.append(f"{family}{v}-{s}-Instruct")
    return names


class CorpusGenerator:
    """Seeded generator of paper records; ``records(n)`` yields them in date order."""

    def __init__(self, seed: int = 0, months: int = 18) -> None:
        import random

        self._rng = random.Random(seed)
        self.months = months
        rng = self._rng
        self.models = _Zipf(_model_names())
        self.datasets = _Zipf(_DATASETS, 1.0)
        synth_benches = [f"{r}{s}" for r in _SYNTH_BENCH_ROOTS for s in _SYNTH_BENCH_SUFFIX]
        self.benches = _Zipf(_BENCHMARKS + synth_benches, 1.0)
        self.tasks = _Zipf(_TASKS, 0.8)
        self.problems = _Zipf(_PROBLEMS, 0.5)
        self.introduced: list[str] = []  # acronyms of methods introduced so far, oldest first
        self._used_short: set[str] = set()
        self._r = rng.random

    # -- helpers
    def _choice(self, items: Sequence[str]) -> str:
        return items[int(self._r() * len(items))]

    def _sample(self, items: Sequence[str], k: int) -> list[str]:
        """``k`` distinct items (partial Fisher-Yates shuffle driven by our generator)."""
        pool = list(items)
        k = min(k, len(pool))
        for i in range(k):
            j = i + int(self._r() * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def _new_method(self, serial: int) -> tuple[str, str]:
        words = [self._choice(_METHOD_WORDS_A), self._choice(_METHOD_WORDS_B), self._choice(_METHOD_WORDS_C)]
        if self._r() < 0.4:
            words.insert(0, self._choice(_METHOD_WORDS_A))
        long = " ".join(words)
        base = "".join(p[0].upper() for w in words for p in w.split("-"))
        short = base
        if short in self._used_short:  # coined names are unique: add a version or a suffix letter
            short = f"{base}-{serial % 97 + 2}" if self._r() < 0.5 else f"{base}{'xyz'[serial % 3]}"
            if short in self._used_short:
                short = f"{base}-{serial}"
        self._used_short.add(short)
        return long, short

    def _prior(self) -> str:
        """A previously introduced method, biased towards popular (early) and recent ones."""
        n = len(self.introduced)
        if n == 0:
            return self.models.pick(self._r())
        if self._r() < 0.5:
            return self.introduced[int(n * self._r() ** 3)]  # early methods: widely adopted
        return self.introduced[n - 1 - int(min(n, 2000) * self._r())]  # recent ones

    def _fill(self, template: str, slots: dict[str, str]) -> str:
        return template.format(**slots)

    def _date(self, index: int, total: int) -> str:
        days = int(self.months * 30.4 * index / max(total, 1))
        return (date(2024, 1, 1) + timedelta(days=days)).isoformat()

    # -- one record
    def record(self, index: int, total: int) -> dict[str, str]:
        r = self._r
        long, short = self._new_method(index)
        task = self.tasks.pick(r())
        slots = {
            "long": long, "short": short, "task": task, "Task": task.title(),
            "problem": self.problems.pick(r()), "Problem": self.problems.pick(r()).title(),
            "model": self.models.pick(r()), "model2": self.models.pick(r()), "model3": self.models.pick(r()),
            "model_family": self._choice([family for family, _, _ in _MODEL_FAMILIES]),
            "dataset": self.datasets.pick(r()), "dataset2": self.datasets.pick(r()),
            "bench": self.benches.pick(r()), "bench2": self.benches.pick(r()), "bench3": self.benches.pick(r()),
            "prior": self._prior(), "prior2": self._prior(),
            "dataset_new": f"{short}-{self._choice(['Instruct', 'Corpus', 'Data', 'Mix'])}",
            "bench_new": f"{short}{self._choice(_SYNTH_BENCH_SUFFIX)}",
            "num": str(int(2 + r() * 500)), "pct": f"{1 + r() * 30:.1f}",
            "score1": f"{30 + r() * 30:.1f}", "score2": f"{61 + r() * 30:.1f}",
            "size": self._choice(["1.5B", "3B", "7B", "8B", "13B", "34B", "70B"]),
        }
        sentences = self._sample(_BACKGROUND, 1 + int(r() * 3))
        sentences += self._sample(_PROPOSE, 1)
        sentences += self._sample(_METHOD, 3 + int(r() * 3))
        sentences += self._sample(_EVAL, 3 + int(r() * 3))
        sentences += self._sample(_CLOSING, 1)
        sentences = [self._fill(t, slots) for t in sentences]
        title = self._fill(self._choice(_TITLES), slots)
        self.introduced.append(short)
        published = self._date(index, total)
        arxiv_like = f"{published[2:4]}{published[5:7]}.{index:07d}"
        return {"id": arxiv_like, "title": title, "abstract": " ".join(sentences), "published": published}

    def records(self, n: int) -> Iterator[dict[str, str]]:
        for i in range(n):
            yield self.record(i, n)


def write_corpus(out: TextIO, n: int, seed: int = 0, months: int = 18) -> int:
    """Write ``n`` JSONL records to ``out``; return ``n``."""
    gen = CorpusGenerator(seed, months)
    for rec in gen.records(n):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1M"`` -> 1000000, ``"2500"`` -> 2500.

    >>> parse_size("100k"), parse_size("1M"), parse_size("250")
    (100000, 1000000, 250)
    """
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    mult = {"k": 1_000, "m": 1_000_000}.get(key[-1:], 1)
    try:
        return int(float(key.rstrip("km")) * mult)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"size '{text}': use a number, 1k, 10k, 100k or 1M") from err


def corpus_path(n: int, seed: int = 0) -> Path:
    """Default file of the corpus of ``n`` papers: benchmarks/data/synthetic-<n>-s<seed>.jsonl."""
    return DATA_DIR / f"synthetic-{n}-s{seed}.jsonl"


def ensure_corpus(n: int, seed: int = 0) -> Path:
    """Generate the corpus file of ``n`` papers unless it already exists; return its path."""
    path = corpus_path(n, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            write_corpus(fh, n, seed)
        tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python benchmarks/generate_corpus.py 10k")
    ap.add_argument("size", type=parse_size, help="number of papers: 1k, 10k, 100k, 1M or a number")
    ap.add_argument("-o", "--output", type=Path, help="output file (default benchmarks/data/synthetic-N-sSEED.jsonl)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--months", type=int, default=18, help="listing dates spread over this many months (default 18)")
    args = ap.parse_args(argv)
    if args.output is None:
        path = corpus_path(args.size, args.seed)
        path.unlink(missing_ok=True)
        print(ensure_corpus(args.size, args.seed))
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        write_corpus(fh, args.size, args.seed, args.months)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
