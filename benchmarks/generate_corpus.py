"""Deterministic synthetic corpus of ML paper records, for the scale benchmarks.

Each record is one JSON line ``{"id", "title", "abstract", "published"}``. Abstracts
are built from sentence templates filled with a fixed vocabulary: model families with
versions and sizes (``Llama-3.1-8B``, ``Qwen2.5-7B-Instruct``), datasets, benchmarks and
one coined method per paper defined with its acronym (``Sparse Gradient Routing
(SGR)``); later papers reuse earlier methods (``outperforms SGR on GSM8K``), so the
graph gets INTRODUCES, MENTIONS, CO_MENTIONED and inferred CITES edges like a real
corpus. Entity popularity is Zipf-like (a few very common names, a long tail);
listing dates are spread evenly over ``months`` months from January 2024.

Two profiles (sentences in ``corpus_templates.py``):

- ``dense`` (default; its bytes have not changed since the first round): every sentence names
  something, 26 mentions an abstract, above the 99th percentile of real listings. The stress
  corpus: its larger graphs carry the query, push and page rows of RESULTS.md, and its
  extraction and build rows check the targets as stress rows.
- ``typical``: sentences that name nothing around a few that do, calibrated on the shared
  daily-paper sample. On the first 2,000 papers of 10k the extractor finds 5.9 mentions an
  abstract, as in the sample (median 5 in both; 90th percentile 12 against 13, 99th 18 against
  20), 2.8 entities against 3.0; 11% of the papers name nothing (15% in the sample); 1,531
  characters an abstract against 1,606. A model or the coined method is evaluated on the
  benchmarks in half the benchmark sentences: 0.24 EVALUATED_ON edges a paper (sample 0.20).

The same ``seed`` and ``size`` give the same bytes, on any machine and Python >= 3.11
(only ``random.Random.random`` is used, whose sequence Python keeps stable).

Usage::

    python benchmarks/generate_corpus.py 10k                  # -> benchmarks/data/synthetic-10000-s0.jsonl
    python benchmarks/generate_corpus.py 10k --profile typical  # -> .../synthetic-10000-s0-typical.jsonl
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
import math
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_templates import (  # noqa: E402
    BACKGROUND,
    BENCHMARKS,
    CLOSED_MODELS,
    CLOSING,
    DATASETS,
    EVAL,
    METHOD,
    METHOD_WORDS_A,
    METHOD_WORDS_B,
    METHOD_WORDS_C,
    MODEL_FAMILIES,
    NAMING_AGAIN,
    NAMING_EVALUATION,
    NAMING_KIND,
    NAMING_PROPOSE,
    NAMING_REUSE,
    PLAIN_BACKGROUND,
    PLAIN_CLOSING,
    PLAIN_DETAIL,
    PLAIN_GAP,
    PLAIN_PROPOSE,
    PLAIN_RESULT,
    PLAIN_TITLES,
    PROBLEMS,
    PROPOSE,
    SYNTH_BENCH_ROOTS,
    SYNTH_BENCH_SUFFIX,
    TASKS,
    TITLES,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PROFILES = ("dense", "typical")  # see corpus_templates: the stress corpus, and real name density
# typical profile, matched to the shared daily-paper sample (bench_throughput.py prints both):
TYPICAL_NAMED_METHOD = 0.7  # share of papers that coin a name for their method
TYPICAL_OTHER_NAMES = 2.4  # mean of the exponential draw of other names (its median is 0.69 of it)
TYPICAL_MAX_NAMES = 16
TYPICAL_MAX_REUSE = 8  # the coined name comes back int(8 * u**2) times: half the papers 0-1, an eighth 6 or more
TYPICAL_EVALUATION = 0.5  # share of benchmark lists named with what is evaluated on them
TYPICAL_NAMED_AGAIN = 0.5  # share of name lists whose first name comes back in a later sentence


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
    names = list(CLOSED_MODELS)
    for family, versions, sizes in MODEL_FAMILIES:
        for v in versions:
            for s in sizes:
                names.append(f"{family}{v}-{s}" if s else f"{family}{v}")
                if family in ("Llama", "Qwen", "Mistral", "Gemma") and s in ("7B", "8B", "9B"):
                    names.append(f"{family}{v}-{s}-Instruct")
    return names


class CorpusGenerator:
    """Seeded generator of paper records; ``records(n)`` yields them in date order."""

    def __init__(self, seed: int = 0, months: int = 18, profile: str = "dense") -> None:
        import random

        if profile not in PROFILES:
            raise ValueError(f"profile '{profile}': use one of {', '.join(PROFILES)}")
        self._rng = random.Random(seed)
        self.months = months
        self.profile = profile
        rng = self._rng
        self.models = _Zipf(_model_names())
        self.datasets = _Zipf(DATASETS, 1.0)
        synth_benches = [f"{r}{s}" for r in SYNTH_BENCH_ROOTS for s in SYNTH_BENCH_SUFFIX]
        self.benches = _Zipf(BENCHMARKS + synth_benches, 1.0)
        self._pickers = {"model": self.models, "bench": self.benches, "dataset": self.datasets}
        self.tasks = _Zipf(TASKS, 0.8)
        self.problems = _Zipf(PROBLEMS, 0.5)
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
        words = [self._choice(METHOD_WORDS_A), self._choice(METHOD_WORDS_B), self._choice(METHOD_WORDS_C)]
        if self._r() < 0.4:
            words.insert(0, self._choice(METHOD_WORDS_A))
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
        """Record ``index`` of ``total``, of this generator's profile."""
        if self.profile == "typical":
            title, abstract = self._typical(index)
        else:
            title, abstract = self._dense(index)
        published = self._date(index, total)
        arxiv_like = f"{published[2:4]}{published[5:7]}.{index:07d}"
        return {"id": arxiv_like, "title": title, "abstract": abstract, "published": published}

    def _dense(self, index: int) -> tuple[str, str]:
        r = self._r
        long, short = self._new_method(index)
        task = self.tasks.pick(r())
        slots = {
            "long": long, "short": short, "task": task, "Task": task.title(),
            "problem": self.problems.pick(r()), "Problem": self.problems.pick(r()).title(),
            "model": self.models.pick(r()), "model2": self.models.pick(r()), "model3": self.models.pick(r()),
            "model_family": self._choice([family for family, _, _ in MODEL_FAMILIES]),
            "dataset": self.datasets.pick(r()), "dataset2": self.datasets.pick(r()),
            "bench": self.benches.pick(r()), "bench2": self.benches.pick(r()), "bench3": self.benches.pick(r()),
            "prior": self._prior(), "prior2": self._prior(),
            "dataset_new": f"{short}-{self._choice(['Instruct', 'Corpus', 'Data', 'Mix'])}",
            "bench_new": f"{short}{self._choice(SYNTH_BENCH_SUFFIX)}",
            "num": str(int(2 + r() * 500)), "pct": f"{1 + r() * 30:.1f}",
            "score1": f"{30 + r() * 30:.1f}", "score2": f"{61 + r() * 30:.1f}",
            "size": self._choice(["1.5B", "3B", "7B", "8B", "13B", "34B", "70B"]),
        }
        sentences = self._sample(BACKGROUND, 1 + int(r() * 3))
        sentences += self._sample(PROPOSE, 1)
        sentences += self._sample(METHOD, 3 + int(r() * 3))
        sentences += self._sample(EVAL, 3 + int(r() * 3))
        sentences += self._sample(CLOSING, 1)
        sentences = [self._fill(t, slots) for t in sentences]
        title = self._fill(self._choice(TITLES), slots)
        self.introduced.append(short)
        return title, " ".join(sentences)

    def _typical(self, index: int) -> tuple[str, str]:
        """A title and abstract with the name density of real listings: sentences that name nothing,
        a coined method in most papers (named again once or twice), and a long-tailed number of
        other names (median 1, a tenth of papers 5 or more), listed by kind."""
        r = self._r
        task, problem = self.tasks.pick(r()), self.problems.pick(r())
        slots = {"task": task, "Task": task[0].upper() + task[1:], "problem": problem,
                 "Problem": problem.title(), "pct": f"{1 + r() * 30:.1f}", "num": str(int(2 + r() * 500))}
        named = r() < TYPICAL_NAMED_METHOD
        if named:
            slots["long"], slots["short"] = self._new_method(index)
        else:  # described in words only (and the title stays distinct from other papers')
            slots["long"] = " ".join(self._choice(words) for words in
                                     (METHOD_WORDS_A, METHOD_WORDS_A, METHOD_WORDS_B, METHOD_WORDS_C))
        picked: dict[str, list[str]] = {kind: [] for kind in NAMING_KIND}
        for _ in range(min(int(-math.log(1.0 - r()) * TYPICAL_OTHER_NAMES), TYPICAL_MAX_NAMES)):
            u = r()
            kind = "model" if u < 0.4 else "bench" if u < 0.75 else "dataset" if u < 0.9 else "prior"
            name = self._prior() if kind == "prior" else self._pickers[kind].pick(r())
            if name not in picked[kind]:
                picked[kind].append(name)
        templates = self._sample(PLAIN_BACKGROUND, 1 + int(r() * 3)) + self._sample(PLAIN_GAP, int(r() * 2))
        templates += self._sample(NAMING_PROPOSE if named else PLAIN_PROPOSE, 1)
        templates += self._sample(PLAIN_DETAIL, 4 + int(r() * 6))
        if named:
            templates += self._sample(NAMING_REUSE, int(TYPICAL_MAX_REUSE * r() ** 2))
        sentences = [t.format(**slots) for t in templates]
        subjects = ([slots["short"]] if named else []) + picked["model"][:1]
        for kind, names in picked.items():
            if not names:
                continue
            if kind == "bench" and subjects and r() < TYPICAL_EVALUATION:  # "X reaches 71% on MMLU"
                subject = subjects[int(r() * len(subjects))]
                sentences.append(self._choice(NAMING_EVALUATION).format(names=_listing(names), subject=subject,
                                                                         score=f"{40 + r() * 55:.1f}", **slots))
            else:
                sentences.append(self._choice(NAMING_KIND[kind]).format(names=_listing(names), **slots))
                if r() < TYPICAL_NAMED_AGAIN:
                    sentences.append(self._choice(NAMING_AGAIN).format(name=names[0], **slots))
        closing = self._sample(PLAIN_RESULT, 1 + int(r() * 3)) + self._sample(PLAIN_CLOSING, int(r() * 2))
        sentences += [t.format(**slots) for t in closing]
        slots["model_family"] = self._choice([family for family, _, _ in MODEL_FAMILIES])
        title = self._choice(TITLES if named else PLAIN_TITLES).format(**slots)
        if named:
            self.introduced.append(slots["short"])
        return title, " ".join(sentences)

    def records(self, n: int) -> Iterator[dict[str, str]]:
        for i in range(n):
            yield self.record(i, n)


def _listing(names: Sequence[str]) -> str:
    """``["A"]`` -> ``"A"``, ``["A", "B", "C"]`` -> ``"A, B and C"``.

    >>> _listing(["A", "B", "C"])
    'A, B and C'
    """
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def write_corpus(out: TextIO, n: int, seed: int = 0, months: int = 18, profile: str = "dense") -> int:
    """Write ``n`` JSONL records of ``profile`` (``dense`` or ``typical``) to ``out``; return ``n``."""
    gen = CorpusGenerator(seed, months, profile)
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


def corpus_path(n: int, seed: int = 0, profile: str = "dense") -> Path:
    """Default file of a corpus of ``n`` papers: benchmarks/data/synthetic-<n>-s<seed>.jsonl for the
    dense profile, synthetic-<n>-s<seed>-typical.jsonl for the typical one."""
    return DATA_DIR / f"synthetic-{n}-s{seed}{'' if profile == 'dense' else '-' + profile}.jsonl"


def ensure_corpus(n: int, seed: int = 0, profile: str = "dense") -> Path:
    """Generate the corpus file of ``n`` papers unless it already exists; return its path."""
    path = corpus_path(n, seed, profile)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            write_corpus(fh, n, seed, profile=profile)
        tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python benchmarks/generate_corpus.py 10k --profile typical")
    ap.add_argument("size", type=parse_size, help="number of papers: 1k, 10k, 100k, 1M or a number")
    ap.add_argument("-o", "--output", type=Path,
                    help="output file (default benchmarks/data/synthetic-N-sSEED[-typical].jsonl)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--months", type=int, default=18, help="listing dates spread over this many months (default 18)")
    ap.add_argument("--profile", choices=PROFILES, default="dense",
                    help="dense: every sentence names something (the stress corpus, default); typical: the name "
                         "density of real listings")
    args = ap.parse_args(argv)
    if args.output is None:
        path = corpus_path(args.size, args.seed, args.profile)
        path.unlink(missing_ok=True)
        print(ensure_corpus(args.size, args.seed, args.profile))
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        write_corpus(fh, args.size, args.seed, args.months, args.profile)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
