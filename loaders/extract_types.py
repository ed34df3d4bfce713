"""What type a name has in context: a type noun beside it, its shape, the verbs before it, and
the typed names it stands in a list with.

>>> from citegraph.loaders.gazetteer import Gazetteer
>>> t = "We evaluate on ZapQA and train ZapNet."
>>> ix, g = SentenceIndex(t), Gazetteer([], [], [])
>>> [decide_type_from_context(Candidate(t.index(n), t.index(n) + len(n), n, 2, "token"), t, ix, g)
...  for n in ("ZapQA", "ZapNet")]
[<EntityType.BENCHMARK: 'Benchmark'>, <EntityType.METHOD: 'Method'>]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from citegraph.models import EntityType

from .candidates import Candidate
from .gazetteer import Gazetteer
from .sentences import SentenceIndex

_NOUN_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?)?"
    r"(dataset|data set|corpus|corpora|benchmark|leaderboard|suite|test set|evaluation|"
    r"model|models|LLM|checkpoint|method|framework|algorithm|approach|technique|loss|strategy|module|"
    r"mechanism|architecture|prompting|objective|estimator|metric|regulari[sz]er|optimizer|layer|block)s?\b"
    r"(?!-|\s*\([^()]{0,20}\)-)",  # not "a language model (LLM)-based metric"
    re.IGNORECASE,
)
_NOUN_BEFORE = re.compile(
    r"\b(dataset|data set|corpus|benchmark|leaderboard|suite|test set|model|method|framework|algorithm|"
    r"approach|technique|loss|strategy|module|mechanism|architecture|metric|estimator)s?"
    r"\s*(?:,\s*)?(?:called|named|dubbed|termed|coined|denoted as)?\s*(?:the\s+)?[(\"“'*]?\s*$",
    re.IGNORECASE,
)
# the common nouns first: a window holding one is found after a few substring tests
_NOUN_STEMS = ("model", "method", "data", "bench", "framework", "approach", "algorithm", "loss", "module",
               "architecture", "corpus", "leaderboard", "suite", "test set", "technique", "strategy", "mechanism",
               "metric", "estimator")
_NOUN_STEM_RX = re.compile("|".join(_NOUN_STEMS), re.IGNORECASE)


def _has_noun_stem(text: str, pos: int) -> bool:
    """``_NOUN_STEM_RX.search(text, pos)`` as a truth value; on ASCII text (where ignoring case
    is lower-casing) a substring test per stem, which is much faster than the regex.

    >>> _has_noun_stem("the new Model ", 0), _has_noun_stem("we use ", 0)
    (True, False)
    """
    if not text.isascii():
        return _NOUN_STEM_RX.search(text, pos) is not None
    low = text[pos:].lower()
    for stem in _NOUN_STEMS:
        if stem in low:
            return True
    return False


_NOUN_TYPE = {
    "dataset": EntityType.DATASET, "data set": EntityType.DATASET, "corpus": EntityType.DATASET,
    "corpora": EntityType.DATASET, "benchmark": EntityType.BENCHMARK, "leaderboard": EntityType.BENCHMARK,
    "suite": EntityType.BENCHMARK, "test set": EntityType.BENCHMARK, "evaluation": EntityType.BENCHMARK,
    "model": EntityType.MODEL, "models": EntityType.MODEL, "llm": EntityType.MODEL,
    "checkpoint": EntityType.MODEL,
}
_BENCH_SHAPE = re.compile(
    r"(?:Bench|Benchmark|Eval|Arena|GLUE|(?<=[a-z-])QA|Leaderboard)(?:-[\w.]+)?$|^(?:MMLU|BIG-?[Bb]ench)"
)
_DATA_SHAPE = re.compile(r"(?:-\d+(?:\.\d+)?[KkM]|Data|Corpus|-Instruct-\d+[Kk])$")
_MODEL_SHAPE = re.compile(
    r"(?:^|[-\s])\d+(?:\.\d+)?[BM]$|-(?:XL|L|B|S|H|G)/\d+$|(?:GPT|BERT|LLaMA|Llama|T5)\b|LLMs?$|-LM$"
)
_EVAL_BEFORE = re.compile(
    r"\b(?:evaluat\w*|results?|experiments?|performance|accuracy|scores?|benchmark(?:s|ed|ing)?|tested|"
    r"state-of-the-art|SOTA|sota|gains?|improvements?|outperform\w*|test\w*)\b(?:\s+[\w-]+){0,3}?"
    r"\s+(?:on|across|over)\s+(?:the\s+|both\s+)?(?:[\w'’.-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
    re.IGNORECASE,
)
_TRAIN_BEFORE = re.compile(
    r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*|finetun\w*|distill\w*|sampled|collected|drawn)\s+"
    r"(?:\w+\s+){0,3}(?:on|from|with)\s+(?:the\s+)?(?:[\w'’.-]+(?:\s*,\s*|\s+and\s+))*$",
    re.IGNORECASE,
)


_FAMILY_ENDINGS: dict[int, tuple[set[str], list[int]]] = {}
_VERSION_TAIL = re.compile(r"-?v?\d+(?:\.\d+)*$")


def ends_with_model_family(name: str, gaz: Gazetteer) -> bool:
    """A coined name ending in a pure model family (``AutoShopGLM``, ``CodeBERT``, ``ZpT5``); families
    that are also methods (``Mamba``) do not count.

    >>> from citegraph.loaders.gazetteer import Gazetteer
    >>> g = Gazetteer.from_rows([("BERT", "Model", "", "")], ["BERT"], [])
    >>> ends_with_model_family("GraphCodeBERT", g), ends_with_model_family("BERT", g)
    (True, False)
    """
    cached = _FAMILY_ENDINGS.get(id(gaz))
    if cached is None:
        fams: set[str] = set()
        for f in gaz.families:
            entry = gaz.lookup(gaz.family_of.get(f, f))
            pure_model = entry is None or (entry.type == EntityType.MODEL and entry.alt_type != EntityType.METHOD)
            if len(f) >= 3 and not f.islower() and pure_model:
                fams.add(f)
        cached = _FAMILY_ENDINGS[id(gaz)] = (fams, sorted({len(f) for f in fams}))
    fams, lengths = cached
    stem = _VERSION_TAIL.sub("", name) if name[-1:].isdigit() else name
    for n in lengths:
        if n < len(stem) and stem[-n:] in fams and stem[-n - 1].islower():
            return True
    return False


def type_noun_beside(c: Candidate, text: str, idx: SentenceIndex) -> EntityType | None:
    """The type a noun right beside the name gives it (``X dataset``, ``a novel method, X``,
    ``X, a lightweight speech model``), or ``None``.

    >>> t = "We introduce a novel method, ZapLM, and ZapSet, a corpus of forms."
    >>> ix = SentenceIndex(t)
    >>> spans = [(t.index(n), t.index(n) + len(n), n) for n in ("ZapLM", "ZapSet")]
    >>> [type_noun_beside(Candidate(a, b, n, 2, "token"), t, ix) for a, b, n in spans]
    [<EntityType.METHOD: 'Method'>, <EntityType.DATASET: 'Dataset'>]
    """
    key = ("noun", c.start, c.end)  # a span is asked about several times per paper
    try:
        return idx.memo[key]  # type: ignore[no-any-return]
    except KeyError:
        t = idx.memo[key] = _type_noun_beside(c.start, c.end, text, idx)
        return t


def _type_noun_beside(start: int, end: int, text: str, idx: SentenceIndex) -> EntityType | None:
    s_start, s_end, _ = idx.sentences[idx.at(start)]
    after = text[end:min(s_end, end + 60)]
    m = _NOUN_AFTER.match(after)
    noun = m.group(1).lower() if m else None
    if noun is None:
        before = text[max(s_start, start - 80):start]
        if _has_noun_stem(before, max(0, len(before) - 48)):
            mb = _NOUN_BEFORE.search(before, max(0, len(before) - 48))
            noun = mb.group(1).lower() if mb else None
            if mb is not None and "," in mb.group(0) and not _APPOSITION_END.match(after):
                noun = None  # "with a reference model, X improves": a clause, not "a new model, X, ..."
    return None if noun is None else _NOUN_TYPE.get(noun, EntityType.METHOD)


_APPOSITION_END = re.compile(r"\s*(?:[,.;:(]|$|(?:that|which|to|for)\b)")


@lru_cache(maxsize=1 << 16)
def type_from_shape(name: str, gaz: Gazetteer) -> EntityType | None:
    """The type the gazetteer or the name's shape gives (``...Bench``, ``...-7B``, ``CodeBERT``),
    or ``None``: a pure function of the name, cached because names repeat across abstracts.

    >>> from citegraph.loaders.gazetteer import Gazetteer
    >>> g = Gazetteer.from_rows([("BERT", "Model", "", "")], ["BERT"], [])
    >>> [type_from_shape(n, g) for n in ("ZapBench", "Zap-7B", "ZapBERT", "Zap")]  # doctest: +NORMALIZE_WHITESPACE
    [<EntityType.BENCHMARK: 'Benchmark'>, <EntityType.MODEL: 'Model'>, <EntityType.MODEL: 'Model'>, None]
    """
    entry = gaz.lookup(name)
    if entry is not None:
        return entry.type
    if _BENCH_SHAPE.search(name):
        return EntityType.BENCHMARK
    if _DATA_SHAPE.search(name):
        return EntityType.DATASET
    if _MODEL_SHAPE.search(name) or (" " not in name and ends_with_model_family(name, gaz)):
        return EntityType.MODEL  # "Llama-2-7B", "AutoShopGLM", "CodeBERT": a family name at the end
    return None


def decide_type_from_context(c: Candidate, text: str, idx: SentenceIndex, gaz: Gazetteer,
                             explicit_only: bool = False) -> EntityType | None:
    """Type of a name: a type noun beside it, then its shape, then the verbs before it.

    With ``explicit_only`` only a type noun beside the name counts (``None`` otherwise).
    """
    t = type_noun_beside(c, text, idx)
    if t is not None and (not explicit_only or t != EntityType.METHOD):
        return t
    if explicit_only:
        return None
    if c.type is not None:
        return c.type
    shaped = type_from_shape(c.surface, gaz)
    if shaped is not None:
        return shaped
    if c.source in {"acronym-long", "titlecase", "naming"}:
        return EntityType.METHOD
    s_start = idx.sentences[idx.at(c.start)][0]
    before = text[max(s_start, c.start - 80):c.start]
    if " on " in before or " across " in before or " over " in before or " from " in before \
            or " with " in before:
        if _EVAL_BEFORE.search(before):
            return EntityType.BENCHMARK
        if _TRAIN_BEFORE.search(before):
            return EntityType.DATASET
    return EntityType.METHOD


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|&\s*)$")
_COMMA_ONLY = re.compile(r"^\s*,\s*$")
_SEPARATOR_AFTER = re.compile(r"\s*(?:,|and\b|or\b|&|/)")
_SEPARATOR_BEFORE = re.compile(r"(?:,|\band|\bor|&|/)\s*$")


def _in_one_list(text: str, first: Candidate, second: Candidate) -> bool:
    """``first`` and ``second`` (in this order) stand in one list: a list gap joins them, and a
    bare comma only when the list goes on beyond them (``GLUE, SuperGLUE and XNLI``), since one
    comma also closes an opening phrase (``On ImageNet, ZapNet beats ...``)."""
    gap = text[first.end:second.start]
    if not _LIST_GAP.match(gap):
        return False
    if not _COMMA_ONLY.match(gap):
        return True
    return _SEPARATOR_AFTER.match(text, second.end) is not None or \
        _SEPARATOR_BEFORE.search(text, max(0, first.start - 6), first.start) is not None


_LIST_TYPED_SOURCES = {"gazetteer", "model-grammar", "model-size", "typed"}
_MAX_LIST_GAP = 8


class ListNeighbours:
    """The type of the list a name stands in (``GLUE, SuperGLUE and XNLI``), from a neighbour
    with a non-Method type from the gazetteer, the model grammar or a type noun.

    Built once from the chosen spans: the typed neighbours are sorted by where they end and
    start, so a question bisects to the few within reach of the name instead of scanning every
    span of the paper. Those neighbours must keep their types while list
    members are typed (the extractor only retypes other sources).

    >>> t = "We test on GLUE, SuperGLUE and XNLI."
    >>> spans = [(t.index(n), t.index(n) + len(n), n) for n in ("GLUE", "SuperGLUE", "XNLI")]
    >>> glue, sg, xnli = [Candidate(a, b, n, 2, "token") for a, b, n in spans]
    >>> glue.source, glue.type = "gazetteer", EntityType.BENCHMARK
    >>> ListNeighbours([glue, sg, xnli], t).type_of(sg), ListNeighbours([glue, sg, xnli], t).type_of(xnli)
    (<EntityType.BENCHMARK: 'Benchmark'>, None)
    """

    def __init__(self, chosen: list[Candidate], text: str) -> None:
        self.text = text
        typed = [(order, other) for order, other in enumerate(chosen)
                 if other.type not in (None, EntityType.METHOD) and other.source in _LIST_TYPED_SOURCES]
        self._by_end = sorted(typed, key=lambda o: o[1].end)
        self._ends = [other.end for _, other in self._by_end]
        self._by_start = sorted(typed, key=lambda o: o[1].start)
        self._starts = [other.start for _, other in self._by_start]

    def type_of(self, c: Candidate) -> EntityType | None:
        """The type of the first neighbour (in the order of the chosen spans) that a list gap
        (``, ``, `` and ``, ``/``) joins to ``c``, or ``None``."""
        text = self.text
        found: list[tuple[int, Candidate]] = []
        lo = bisect_left(self._ends, c.start - _MAX_LIST_GAP)
        hi = bisect_left(self._ends, c.start, lo)
        for order, other in self._by_end[lo:hi]:
            if other is not c and _in_one_list(text, other, c):
                found.append((order, other))
        lo = bisect_left(self._starts, c.end + 1)
        hi = bisect_right(self._starts, c.end + _MAX_LIST_GAP, lo)
        for order, other in self._by_start[lo:hi]:
            if other is not c and _in_one_list(text, c, other):
                found.append((order, other))
        return min(found, key=lambda o: o[0])[1].type if found else None
