"""EVALUATED_ON edges: a Model or Method evaluated on a Benchmark or Dataset, read in sentences.

A sentence holds an edge when it names the model/method and, after an evaluation cue
("on"/"across": "evaluated on", "achieves 42% on", "outperforms X on"), the benchmark,
possibly in a list of names; not after a training verb ("trained on", "fine-tune X on").
:func:`evaluated_on_edges` reads every paper's sentences; a large corpus is read in a
second process while the builder makes the other edges (:mod:`.evaluations_process`).

>>> evaluation_cue("WebRL outperforms GPT-4 on WebArena-Lite.", "WebArena-Lite")
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Container, Hashable, Mapping, Sequence
from typing import Any, Protocol, cast

from citegraph.models import Edge, PaperEntity

__all__ = ["MAX_EVIDENCE", "SOURCE_LABELS", "TARGET_LABELS", "evaluated_on_edges", "evaluation_cue",
           "evaluation_hits", "evaluation_spans", "first_distinct_sentences", "may_hold_evaluation", "roles"]

MAX_EVIDENCE = 3
SOURCE_LABELS = ("Model", "Method")
TARGET_LABELS = ("Benchmark", "Dataset")

# "on"/"across" (optionally "evaluated on", "results on", "outperforms X on", ...) followed
# by a list of names ending at the benchmark: "on MMLU, GSM8K and the MATH benchmark".
_LIST_GAP = re.compile(
    r"^(?:\s|,|;|\(|\)|\band\b|\bor\b|\bthe\b|\bboth\b|\bincluding\b|\bsuch as\b|\bas well as\b|\bchallenging\b|"
    r"\bseveral\b|\bmultiple\b|\bstandard\b|\bpopular\b|[A-Z0-9][\w.+\-]*|\d[\w.%]*)*$"
)
# _LIST_GAP without its anchors, for ``fullmatch(sentence, pos, endpos)`` in place (a ``^`` would
# not match at ``pos``); the cue's closing \b makes the gap start with a non-word character, where
# \b reads the same whether the character before is seen (in place) or not (on a slice).
_GAP = re.compile(_LIST_GAP.pattern[1:-1])
# What makes a gap fail, found in one linear scan: a character no alternative of _LIST_GAP holds,
# or a word starting after a space, comma, semicolon or bracket (where every alternative
# starts, "such as" and "as well as" aside) with neither a capital/digit nor one of the listed
# lowercase words. _GAP itself backtracks through every split of a name (G|PT-4, GP|T-4, ...)
# before failing, so the many gaps holding an ordinary lowercase word are settled here first.
# Only a necessary condition: a gap passing it still goes through _GAP.
_GAP_BREAKER = re.compile(
    r"[^\w\s,;().+\-%]|(?<=[\s,;()])(?![A-Z0-9]|\d|(?:and|or|the|both|including|such|as|well|challenging|"
    r"several|multiple|standard|popular)\b)\w"
)
_ON = re.compile(r"\b(?:on|across)\b", re.IGNORECASE)
_LIST_TAIL = re.compile(r"[+*]*(?:\s*(?:[,;]\s*(?:and\b|or\b)?|\band\b|\bor\b|\bas well as\b)"
                        r"\s*(?:the\s+)?[A-Z0-9][\w.+\-/]*(?:\s+[A-Z0-9][\w.+\-/]*)*)*")


# "trained on X", "fine-tune Llama-3 on X", "built on X" describe training data or foundations,
# not evaluation (up to three words between the verb and "on"; punctuation ends the reach).
_NOT_EVAL = re.compile(
    r"\b(?:train(?:ed|ing|s)?|fine-?tuned?|fine-?tuning|finetun\w*|pre-?train\w*|tuned|built|based|relies|rely|"
    r"relying|depends?|focus(?:es|ed|ing)?|conditioned|distill\w*|learned|learns?|constructed|curated|"
    r"collected|grounded|operates?|runs?|deployed|click\w*)\s+(?:[\w.+%-]+\s+){0,3}$",
    re.IGNORECASE,
)


def may_hold_evaluation(sentence: str) -> bool:
    """False when ``sentence`` has no evaluation cue ("on"/"across"): then no EVALUATED_ON edge
    can come from it, whatever it names (the digest keeps no surfaces of it).

    >>> may_hold_evaluation("GPT-4 scores 86% on MMLU."), may_hold_evaluation("We compare GPT-4 and MMLU.")
    (True, False)
    """
    return _ON.search(sentence) is not None


def _occurrences(sentence: str, surface: str) -> list[int]:
    """Start offsets of ``surface`` in ``sentence`` as a whole word (no letter, digit, _ or - around)."""
    out = []
    n = len(surface)
    at = sentence.find(surface) if n else -1
    while at >= 0:
        end = at + n
        # no letter, digit, _ or - on either side (inline: this runs for every name of every candidate sentence)
        if (at == 0 or not ((c := sentence[at - 1]).isalnum() or c in "_-")) and (
                end == len(sentence) or not ((c := sentence[end]).isalnum() or c in "_-")):
            out.append(at)
        at = sentence.find(surface, at + 1)
    return out


class _CueSentence:
    """One sentence's evaluation cues, found once for all the names looked up in it.

    The "on"/"across" cues of the sentence, and for each cue whether a training verb comes
    before it (:data:`_NOT_EVAL`), are the same whichever name follows: they are computed once
    per sentence instead of once per name and occurrence. The gap between a cue and a name is
    matched in place (``pos``/``endpos``) instead of on a copied slice.
    """

    __slots__ = ("sentence", "cues", "_training")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.cues = [(m.start(), m.end()) for m in _ON.finditer(sentence)]
        self._training: dict[int, bool] = {}

    def _after_training_verb(self, cue_start: int) -> bool:
        known = self._training.get(cue_start)
        if known is None:
            # A match is the verb, then at most three words, each followed by spaces, up to the cue:
            # it starts inside one of the last four whitespace-separated words, so the search
            # starts there (``\b`` at ``pos`` still reads the character before) instead of
            # scanning the whole sentence before the cue. str.split's whitespace is re's ``\s``.
            words = self.sentence[:cue_start].rsplit(None, 4)
            pos = len(words[0]) if len(words) == 5 else 0
            known = self._training[cue_start] = _NOT_EVAL.search(self.sentence, pos, cue_start) is not None
        return known

    def spans(self, target_surface: str) -> list[tuple[int, int]]:
        """:func:`evaluation_spans` of ``target_surface`` in this sentence."""
        sentence = self.sentence
        spans = []
        for at in _occurrences(sentence, target_surface):
            # a cue of the whole sentence ending before ``at`` is a cue of ``sentence[:at]`` and
            # conversely (a cue ending at ``at`` would make ``at`` no word start)
            for start, end in self.cues:
                if end > at:
                    break
                if (_GAP_BREAKER.search(sentence, end, at) is None and _GAP.fullmatch(sentence, end, at)
                        and not self._after_training_verb(start)):
                    tail = _LIST_TAIL.match(sentence, at + len(target_surface))
                    spans.append((start, tail.end() if tail else at + len(target_surface)))
                    break
        return spans


def evaluation_spans(sentence: str, target_surface: str) -> list[tuple[int, int]]:
    """Spans ``(cue start, end of the list)`` where ``target_surface`` follows an evaluation
    cue: "on"/"across" (as in "evaluated on", "achieves 42% on", "outperforms X on",
    "results on"), possibly inside a list of names, and not after a training verb
    ("trained on", "fine-tune X on", "built on"). The span covers the whole list, so a
    name inside it is another evaluation target, not the thing evaluated.

    >>> s = "Experiments on SD-v1.5, SD-v2.1, and SD-XL show it."
    >>> [s[a:b] for a, b in evaluation_spans(s, "SD-v2.1")]
    ['on SD-v1.5, SD-v2.1, and SD-XL']
    """
    return _CueSentence(sentence).spans(target_surface)


def evaluation_cue(sentence: str, target_surface: str) -> bool:
    """True when ``target_surface`` follows an evaluation cue in ``sentence`` (see :func:`evaluation_spans`).

    >>> evaluation_cue("WebRL outperforms GPT-4 on WebArena-Lite.", "WebArena-Lite")
    True
    >>> evaluation_cue("We report results on MMLU, GSM8K and the MATH benchmark.", "MATH")
    True
    >>> evaluation_cue("Llama-3 was trained on C4.", "C4"), evaluation_cue("We release MMLU-X.", "MMLU-X")
    (False, False)
    """
    return bool(evaluation_spans(sentence, target_surface))


#: sentence key -> {entity id: its surfaces there (a dict used as an ordered set)}
SentenceSurfaces = dict[Hashable, dict[str, dict[str, None]]]


class SplitsSurfaces(Protocol):
    """One paper's names in a compact form that groups its surfaces by sentence itself."""

    def split_surfaces(self, source_ids: Container[str], target_ids: Container[str]
                       ) -> tuple[SentenceSurfaces, SentenceSurfaces, Callable[[Any], tuple[int, str]]]: ...


#: one paper: entity id -> its merged entity, or a compact form (:class:`SplitsSurfaces`)
PaperSurfaces = Mapping[str, PaperEntity] | SplitsSurfaces


def _split_by_sentence(by_id: PaperSurfaces, source_ids: Container[str], target_ids: Container[str]
                       ) -> tuple[SentenceSurfaces, SentenceSurfaces, Callable[[Any], tuple[int, str]]]:
    """One paper's surfaces of sources and of targets, each by sentence, and the function giving
    a sentence key's ``(sentence index, sentence)``. A ``by_id`` with a ``split_surfaces``
    method (:class:`SplitsSurfaces`: the builder's digests, the second process's tasks) keys sentences by
    number, from its compact form, without making Mention objects; otherwise the key is
    ``(sentence index, sentence)`` itself (the sentence text is part of the key: robust to
    extractors leaving the index at 0).
    """
    own = getattr(by_id, "split_surfaces", None)
    if own is not None:
        return own(source_ids, target_ids)  # type: ignore[no-any-return]
    sources: SentenceSurfaces = {}
    targets: SentenceSurfaces = {}
    for eid, e in cast(Mapping[str, PaperEntity], by_id).items():
        into = targets if eid in target_ids else sources if eid in source_ids else None
        if into is not None:
            for m in e.mentions:
                into.setdefault((m.sentence_index, m.sentence), {}).setdefault(eid, {})[m.surface] = None
    return sources, targets, _same


def _same(key: tuple[int, str]) -> tuple[int, str]:
    return key


def evaluated_on_edges(
    paper_entities: Mapping[str, PaperSurfaces],
    labels: Mapping[str, str],
    max_evidence: int = MAX_EVIDENCE,
) -> list[Edge]:
    """EVALUATED_ON edges from a Model/Method to a Benchmark/Dataset named in one sentence
    with an evaluation cue before the benchmark (see :func:`evaluation_spans`), the
    model/method named outside the cue's list of benchmarks.

    ``paper_entities`` maps paper id -> {entity id: the paper's merged entity};
    ``labels`` entity id -> its node label. ``count`` = supporting sentences in the
    corpus, ``papers`` = papers holding one, ``evidence`` = up to ``max_evidence`` of them.

    >>> from citegraph.models import EntityType as T, Mention, PaperEntity as PE
    >>> s = "WebRL outperforms GPT-4 on WebArena-Lite."
    >>> ents = {"method:webrl": PE("WebRL", T.METHOD, mentions=[Mention("WebRL", 0, 5, s, 1)]),
    ...         "benchmark:webarena-lite": PE("WebArena-Lite", T.BENCHMARK,
    ...                                       mentions=[Mention("WebArena-Lite", 27, 40, s, 1)])}
    >>> [(e.source, e.target, e.properties["count"]) for e in evaluated_on_edges(
    ...     {"p": ents}, {"method:webrl": "Method", "benchmark:webarena-lite": "Benchmark"})]
    [('method:webrl', 'benchmark:webarena-lite', 1)]
    """
    found = evaluation_hits(paper_entities, *roles(labels))
    return [Edge(src, tgt, "EVALUATED_ON", {
        "count": len(hits), "papers": len({pid for pid, _, _ in hits}),
        "evidence": [hits[i][2] for i in first_distinct_sentences(hits, max_evidence)]})
        for (src, tgt), hits in sorted(found.items())]


#: (source id, target id) -> ``(paper id, sentence key, sentence)`` of every sentence holding
#: the edge, in paper id and sentence order (a key is what ``_split_by_sentence`` gives)
Hits = dict[tuple[str, str], list[tuple[str, Any, str]]]


def roles(labels: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """The ids of the entities an EVALUATED_ON edge can start from, and of those it can end at.

    >>> roles({"m": "Model", "b": "Benchmark", "p": "Paper"})
    ({'m'}, {'b'})
    """
    return ({e for e, label in labels.items() if label in SOURCE_LABELS},
            {e for e, label in labels.items() if label in TARGET_LABELS})


def evaluation_hits(paper_entities: Mapping[str, PaperSurfaces], source_ids: Container[str],
                    target_ids: Container[str]) -> Hits:
    """The sentences holding each EVALUATED_ON edge (see :func:`evaluated_on_edges`) from one of
    ``source_ids`` to one of ``target_ids`` (see :func:`roles`), before they are counted and the
    evidence is chosen."""
    found: Hits = defaultdict(list)
    for pid, by_id in sorted(paper_entities.items()):
        # only sentences naming a source and a target can hold an edge: the others are never looked at
        sources, targets, sentence_key = _split_by_sentence(by_id, source_ids, target_ids)
        if not sources or not targets:
            continue
        for key in sorted(sources.keys() & targets.keys(), key=sentence_key):
            sentence = sentence_key(key)[1]
            # no "on"/"across" anywhere: no cue before any name (a cue can't end where a name starts)
            cued = _CueSentence(sentence)
            if not cued.cues:
                continue
            spans = {}
            for tgt, surfaces in targets[key].items():
                found_spans = [span for s in surfaces for span in cued.spans(s)]
                if found_spans:
                    spans[tgt] = found_spans
            if not spans:
                continue
            cued_targets = sorted(spans)
            at_sources = sources[key]
            for src in sorted(at_sources):
                where = [at for s in at_sources[src] for at in _occurrences(sentence, s)]
                if not where:
                    continue
                first, last = min(where), max(where)
                for tgt in cued_targets:
                    # the source must be named outside the cue's list ("on A, B and C": B is not evaluated on C)
                    tgt_spans = spans[tgt]
                    if len(tgt_spans) == 1:  # the usual case: outside one span is before or after it
                        a, b = tgt_spans[0]
                        outside = first < a or last >= b
                    else:
                        outside = any(not any(a <= at < b for a, b in tgt_spans) for at in where)
                    if outside:
                        found[(src, tgt)].append((pid, key, sentence))
    return found


def first_distinct_sentences(hits: Sequence[tuple[str, Any, str]], limit: int) -> list[int]:
    """Positions of the first ``limit`` hits with distinct sentences: an edge's evidence.

    >>> first_distinct_sentences([("p", 0, "A."), ("q", 0, "A."), ("q", 1, "B.")], 3)
    [0, 2]
    """
    seen: list[str] = []
    positions = []
    for i, (_, _, sentence) in enumerate(hits):
        if len(seen) == limit:
            break
        if sentence not in seen:
            seen.append(sentence)
            positions.append(i)
    return positions
