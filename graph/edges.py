"""Relationships computed from what each paper names: co-mentions, inferred citations, evaluations.

CO_MENTIONED edges are counted in :mod:`.comention` (re-exported here).

Each function takes plain data (per paper: entity id -> the sentences it is
named in, or the merged :class:`~citegraph.models.PaperEntity`) and returns
:class:`~citegraph.models.Edge` records; :mod:`.builder` adds them to the graph.

Formulas (N = papers in the corpus, n_i = papers naming entity i, c_ij = papers
naming both):

* ``association_strength`` = N * c_ij / (n_i * n_j): observed co-occurrence over
  the count expected if i and j were independent (n_i * n_j / N). 1.0 means
  independence, above 1 attraction. This is van Eck & Waltman's association
  strength (the VOSviewer normalisation c_ij / (n_i * n_j)) scaled by N, so values
  are comparable across corpora of different sizes.
* ``npmi`` = log(p_ij / (p_i * p_j)) / -log(p_ij), with p_ij = c_ij / N and
  p_i = n_i / N; in [-1, 1], 1 when i and j always occur together
  (defined as 1.0 when p_ij = 1).
* ``confidence`` of an inferred citation A -> B: for each entity e in ``via``,
  c(e) = (1 / k_e) * min(1, FEW / u_e), where k_e = papers introducing e and
  u_e = other papers naming e (FEW = ``few_users``, default 10); the citation's
  confidence is the noisy-or 1 - prod(1 - c(e)). A name more than
  ``max_introducers`` papers claim to introduce (default 10, c(e) <= 0.1) yields
  no citation at all: it is a generic term, and linking every user to every
  claimant would grow quadratically.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Hashable, Iterable, Mapping
from typing import Any

from citegraph.models import Edge, PaperEntity

from .comention import MAX_CO_MENTION_ENTITIES, MAX_EXAMPLES, association_strength, co_mention_edges, npmi

__all__ = ["MAX_CO_MENTION_ENTITIES", "MAX_EXAMPLES", "association_strength", "co_mention_edges", "npmi",
           "inferred_citation_edges", "evaluated_on_edges", "evaluation_cue", "evaluation_spans", "dated_before",
           "citation_confidence"]

MAX_EVIDENCE = 3
FEW_USERS = 10
MAX_INTRODUCERS = 10

SOURCE_LABELS = ("Model", "Method")
TARGET_LABELS = ("Benchmark", "Dataset")

def dated_before(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is known to be earlier than ``b``.

    Dates are ISO (``2024-03-11``, ``2024-03``) or ``--MM-DD`` (listing without a
    year). Two ``--MM-DD`` dates compare by month and day; a yearless date and a
    dated one cannot be ordered (the year is unknown), so neither is "before".

    >>> dated_before("2024-03-01", "2024-03-11"), dated_before("--03-01", "--03-11")
    (True, True)
    >>> dated_before("--03-01", "2024-03-11"), dated_before(None, "x")
    (False, False)
    """
    if not a or not b or a.startswith("--") != b.startswith("--"):
        return False
    n = min(len(a), len(b))  # compare at the shared precision: "2024-03" vs "2024-03-11" is not before
    return a[:n] < b[:n]


def citation_confidence(introducers: int, other_users: int, few_users: int = FEW_USERS) -> float:
    """Confidence that naming an entity points to its introducer: ``(1/k) * min(1, FEW/u)``.

    >>> citation_confidence(1, 3), citation_confidence(2, 3), citation_confidence(1, 40)
    (1.0, 0.5, 0.25)
    """
    return (1.0 / max(introducers, 1)) * min(1.0, few_users / max(other_users, 1))


def inferred_citation_edges(
    mentioned: Mapping[str, Iterable[str]],
    introduced: Mapping[str, Iterable[str]],
    dates: Mapping[str, str | None],
    evidence: Mapping[tuple[str, str], str] | None = None,
    few_users: int = FEW_USERS,
    max_introducers: int = MAX_INTRODUCERS,
) -> list[Edge]:
    """CITES edges: paper A -> paper B when A names (without introducing) an entity B
    introduces, A is not B, and A is not dated before B.

    ``mentioned``/``introduced`` map paper id -> entity ids (``mentioned`` includes
    the introduced ones); ``dates`` paper id -> date; ``evidence`` (paper id,
    entity id) -> the sentence of A naming the entity. ``confidence`` is the
    noisy-or of :func:`citation_confidence` over ``via`` (see the module docstring);
    names introduced by more than ``max_introducers`` papers are ignored.

    >>> [(e.source, e.target, e.properties["via"], e.properties["confidence"]) for e in inferred_citation_edges(
    ...     {"a": ["m"], "b": ["m"]}, {"a": ["m"]}, {"a": "2024-01-01", "b": "2024-02-01"})]
    [('b', 'a', ['m'], 1.0)]
    """
    evidence = evidence if evidence is not None else {}
    introducers: dict[str, list[str]] = defaultdict(list)
    for pid, eids in sorted(introduced.items()):
        for eid in sorted(set(eids)):
            introducers[eid].append(pid)
    introducers = {e: pids for e, pids in introducers.items() if len(pids) <= max_introducers}
    users: Counter[str] = Counter()
    for pid, eids in mentioned.items():
        users.update(set(eids) - set(introduced.get(pid, ())))
    cites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for citing, eids in sorted(mentioned.items()):
        own = set(introduced.get(citing, ()))
        for eid in sorted(set(eids) - own):
            for cited in introducers.get(eid, ()):
                if cited != citing and not dated_before(dates.get(citing), dates.get(cited)):
                    cites[(citing, cited)].add(eid)
    edges = []
    for (a, b), via in sorted(cites.items()):
        scores = {e: citation_confidence(len(introducers[e]), users[e], few_users) for e in via}
        best = min(via, key=lambda e: (-scores[e], e))
        confidence = 1.0 - math.prod(1.0 - s for s in scores.values())
        edges.append(Edge(a, b, "CITES", {
            "via": sorted(via),
            "evidence": evidence.get((a, best), ""),
            "confidence": round(confidence, 4),
            "source": "inferred",
        }))
    return edges


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


def _split_by_sentence(by_id: Mapping[str, PaperEntity], source_ids: Container[str], target_ids: Container[str]
                       ) -> tuple[SentenceSurfaces, SentenceSurfaces, Callable[[Any], tuple[int, str]]]:
    """One paper's surfaces of sources and of targets, each by sentence, and the function giving
    a sentence key's ``(sentence index, sentence)``. A ``by_id`` with a ``split_surfaces``
    method (the builder's :class:`~citegraph.graph.digest.SharedMentions`) keys sentences by
    number, from its compact form, without making Mention objects; otherwise the key is
    ``(sentence index, sentence)`` itself (the sentence text is part of the key: robust to
    extractors leaving the index at 0).
    """
    own = getattr(by_id, "split_surfaces", None)
    if own is not None:
        return own(source_ids, target_ids)  # type: ignore[no-any-return]
    sources: SentenceSurfaces = {}
    targets: SentenceSurfaces = {}
    for eid, e in by_id.items():
        into = targets if eid in target_ids else sources if eid in source_ids else None
        if into is not None:
            for m in e.mentions:
                into.setdefault((m.sentence_index, m.sentence), {}).setdefault(eid, {})[m.surface] = None
    return sources, targets, _same


def _same(key: tuple[int, str]) -> tuple[int, str]:
    return key


def evaluated_on_edges(
    paper_entities: Mapping[str, Mapping[str, PaperEntity]],
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
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # -> [(paper, sentence)]
    source_ids = {e for e, label in labels.items() if label in SOURCE_LABELS}
    target_ids = {e for e, label in labels.items() if label in TARGET_LABELS}
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
                        found[(src, tgt)].append((pid, sentence))
    edges = []
    for (src, tgt), hits in sorted(found.items()):
        evidence: list[str] = []
        for _, sentence in hits:
            if sentence not in evidence and len(evidence) < max_evidence:
                evidence.append(sentence)
        edges.append(Edge(src, tgt, "EVALUATED_ON", {
            "count": len(hits), "papers": len({p for p, _ in hits}), "evidence": evidence}))
    return edges
