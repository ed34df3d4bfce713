"""Entity extraction: the stage interface and the rule-based extractor.

An extractor takes a :class:`~citegraph.models.Paper` and returns the
:class:`~citegraph.models.PaperEntity` list it names. Anything with an
``extract(paper)`` method fits (a learned extractor can be plugged in).

:class:`RuleExtractor` combines the curated gazetteer (:mod:`.gazetteer`), the
model-name grammar (:mod:`.model_names`) and the rule families of
:mod:`.extract_rules`, then filters what ANNOTATION.md says is not an entity,
types each entity from the gazetteer, its shape and its context, and decides
``introduced``.

>>> from citegraph.models import Paper
>>> p = Paper(id="p", title="WebRL: Training LLM Web Agents",
...           abstract="We apply WebRL to Llama-3.1-8B. On WebArena-Lite it beats GPT-4o.")
>>> [(e.name, str(e.type), e.introduced) for e in RuleExtractor().extract(p)]  # doctest: +NORMALIZE_WHITESPACE
[('WebRL', 'Method', True), ('Llama-3.1-8B', 'Model', False), ('WebArena-Lite', 'Benchmark', False),
 ('GPT-4o', 'Model', False)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from citegraph.models import EntityType, Paper, PaperEntity

from .candidates import COINED, STRONG, WEAK, Candidate
from .entity_assembly import assemble_entities, drop_parts_of_repeated_names, whole_word_spans
from .extract_filters import (
    INTRO_BEFORE,
    OUR_BEFORE,
    intro_near,
    is_stop,
    url_spans,
    weak_cue,
)
from .extract_rules import (
    acronym_definitions,
    aka_definitions,
    bare_proposals,
    capitalised,
    naming_cues,
    reverse_definitions,
    title_prefix,
    title_rest_type,
)
from .extract_types import ListNeighbours, decide_type_from_context, type_noun_beside
from .gazetteer import Gazetteer, GazetteerEntry, default_gazetteer, match_key
from .model_names import ModelGrammar
from .name_shapes import coined_tokens, field_like, plus_plus_names, titlecase_names, typed_cues
from .sentences import SentenceIndex


@runtime_checkable
class Extractor(Protocol):
    """The extraction stage: one paper in, the entities it names out."""

    def extract(self, paper: Paper) -> list[PaperEntity]: ...


class RuleExtractor:
    """Gazetteer + model-name grammar + naming rules, no learned model, no network.

    ``gazetteer`` defaults to the curated one shipped in ``loaders/data``.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.grammar = ModelGrammar(self.gazetteer.families)

    # -- candidates -------------------------------------------------------------------------
    def _candidates(self, paper: Paper, text: str) -> list[Candidate]:
        gaz = self.gazetteer
        cands: list[Candidate] = []
        for m in gaz.find(text):
            cands.append(Candidate(m.start, m.end, m.surface, STRONG, "gazetteer", type=m.entry.type))
        cands += self.grammar.find(text)
        cands += acronym_definitions(text)
        cands += reverse_definitions(text)
        cands += aka_definitions(text)
        cands += naming_cues(text)
        cands += bare_proposals(text)
        prefix = title_prefix(paper.title, paper.abstract)
        if prefix is not None:
            prefix.type = title_rest_type(paper.title)
            cands.append(prefix)
        cands += coined_tokens(text)
        for c in plus_plus_names(text):
            base = gaz.lookup(c.surface[:-2])  # "RETRO++" is a model as RETRO is
            c.type = base.type if base is not None else None
            cands.append(c)
        cands += typed_cues(text)
        title_end = len(paper.title)
        abstract = text[title_end:]
        for c in titlecase_names(text):
            if c.start >= title_end or _has_phrase(abstract, c.surface):
                cands.append(c)
        return cands

    def _acceptable(self, c: Candidate, text: str, title_keys: _LazyTitleKeys, idx: SentenceIndex) -> bool:
        """Whether a lower-case acronym long form or naming-cue phrase is a named thing."""
        if not c.lower_long or c.source == "title-prefix":
            return True
        if c.source == "naming":
            return True
        short = c.link
        if short and (any(ch.islower() for ch in short.rstrip("s")) or self.gazetteer.lookup(short)):
            return True  # a coined mixed-case acronym (CoT) or a known one
        s_start = idx.sentences[idx.at(c.start)][0]
        if INTRO_BEFORE.search(text[s_start:c.start]) or OUR_BEFORE.search(text, s_start, c.start):
            return True
        return match_key(c.surface) in title_keys

    def extract(self, paper: Paper) -> list[PaperEntity]:
        text = paper.text
        if not text.strip():
            return []
        gaz = self.gazetteer
        idx = SentenceIndex(text)
        title_end = len(paper.title)
        title_keys = _LazyTitleKeys(paper.title)
        blocked = url_spans(text)
        cands = self._candidates(paper, text)

        # 1. definitions decide first: a generic long form blocks its acronym in the whole paper
        banned: set[str] = {match_key(c.surface) for c in cands if c.source == "banned"}
        banned |= _enumeration_labels(text)
        conflicting: set[str] = set()  # acronyms this paper defines otherwise than the gazetteer
        defs_ok: dict[int, bool] = {}
        for i, c in enumerate(cands):
            if c.source == "acronym-long":
                bad = (gaz.is_not_entity(c.surface) or gaz.is_not_entity(c.link or "")
                       or not self._acceptable(c, text, title_keys, idx)
                       or is_stop(c.link or "") or is_stop(c.surface))
                if field_like(c.surface) and not intro_near(c, text, idx) and gaz.lookup(c.surface) is None:
                    bad = True
                known_short = gaz.lookup(c.link or "")
                if known_short is not None and _expansion_conflict(known_short, c.surface):
                    known_short = None  # "singular value decomposition (SVD)" is not Stable Video Diffusion
                    bad = bad or c.lower_long
                    conflicting.add(match_key(c.link or ""))
                if known_short is not None and not gaz.is_not_entity(c.link or ""):
                    bad = False
                defs_ok[i] = not bad
                defs_ok[i + 1] = not bad  # the acronym follows its long form
                if bad:
                    banned.add(match_key(c.link or ""))
                    banned.add(match_key((c.link or "").rstrip("s")))
        defined = {match_key(cands[i].surface) for i, ok in defs_ok.items()
                   if ok and cands[i].source == "acronym-short"}

        def usable(i: int, c: Candidate) -> bool:
            if i in defs_ok:
                return defs_ok[i]
            key = match_key(c.surface)
            if key in banned or key.rstrip("s") in banned:
                return False
            if c.source not in {"gazetteer", "model-grammar"} and is_stop(c.surface):
                return False
            if c.source != "gazetteer" and gaz.is_not_entity(c.surface):
                return False
            if c.source == "titlecase" and field_like(c.surface) and not intro_near(c, text, idx):
                return False
            if c.source == "titlecase" and _tail_of_not_entity(c, text, gaz):
                return False
            if c.surface in _GREEK_LETTERS and not _MODEL_WORD_AFTER.match(text, c.end):
                return False  # "a class of models Phi": the letter of a formula, not Microsoft's Phi
            if c.source == "naming" and field_like(c.surface) and not intro_near(c, text, idx):
                return False
            if c.source == "naming" and (c.lower_long and not self._acceptable(c, text, title_keys, idx)):
                return False
            return not blocked or not any(a <= c.start < b for a, b in blocked)

        conflicting_keys = {k.rstrip("s") for k in conflicting}
        for c in cands:
            if conflicting_keys and c.source == "gazetteer" and match_key(c.surface).rstrip("s") in conflicting_keys:
                c.source, c.type, c.strength = "token", None, WEAK if c.surface.isupper() else COINED
        pool = [(i, c) for i, c in enumerate(cands) if c.source != "banned"]
        # 2. choose non-overlapping usable spans: stronger first, then longer (a span that lost
        #    its place to a chosen one is not checked for usability at all)
        pool.sort(key=lambda ic: (-ic[1].strength, -(ic[1].end - ic[1].start), ic[1].start))
        chosen: list[Candidate] = []
        occupied = bytearray(len(text) + 1)
        weak: list[Candidate] = []
        for i, c in pool:
            if 1 in occupied[c.start:c.end] or not usable(i, c):
                continue
            key = match_key(c.surface)
            if c.strength == WEAK and key not in defined and key.rstrip("s") not in defined:
                weak.append(c)
                continue
            chosen.append(c)
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)

        # a definition that lost its span to an equal gazetteer/grammar span still links the acronym
        spans = {(c.start, c.end): c for c in chosen}
        for c in cands:
            if c.source == "acronym-long" and c.link and c not in chosen:
                same = spans.get((c.start, c.end))
                if same is not None and same.link is None:
                    same.link = c.link

        # "EchoPool v2: Sparse Echo Pooling for ...": the prefix and the defined long form
        # that opens the rest of the title are one entity
        prefix_c = next((c for c in chosen if c.source == "title-prefix"), None)
        if prefix_c is not None and prefix_c.link is None and ":" in paper.title:
            rest = paper.title.split(":", 1)[1].strip().casefold()
            for c in chosen:
                if c.source == "acronym-long" and c is not prefix_c and len(c.surface.split()) >= 2 \
                        and rest.startswith(c.surface.casefold()):
                    prefix_c.link = c.surface
                    break

        # 3. types from shape and context; weak acronyms need a typed neighbour or a cue
        for c in chosen:
            if c.type is None:
                c.type = decide_type_from_context(c, text, idx, gaz)
            elif c.source == "gazetteer":
                entry = gaz.lookup(c.surface)
                if entry is not None and entry.alt_type is not None:
                    ctx = decide_type_from_context(c, text, idx, gaz, explicit_only=True)
                    if ctx == entry.alt_type:
                        c.type = ctx
        chosen.sort(key=lambda c: c.start)
        neighbours = ListNeighbours(chosen, text)
        for _ in range(2):  # "on GLUE, SuperGLUE and XNLI": list members share a type
            for c in chosen:
                if c.source in {"token", "titlecase", "naming", "acronym-long", "acronym-short"} \
                        and c.type == EntityType.METHOD and not c.introduced:
                    t = neighbours.type_of(c)
                    if t is not None and not intro_near(c, text, idx):
                        c.type = t
            for c in list(weak):
                t = neighbours.type_of(c)
                explicit = decide_type_from_context(c, text, idx, gaz, explicit_only=True)
                if t is not None or explicit is not None or intro_near(c, text, idx) or weak_cue(c, text, idx):
                    c.type = t or explicit or decide_type_from_context(c, text, idx, gaz)
                    chosen.append(c)
                    occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
                    weak.remove(c)
            chosen.sort(key=lambda c: c.start)
        if weak:  # a bare acronym accepted in one place names the same thing wherever else it stands
            # (a further mention, untyped: the entity keeps the type its accepted mentions give it)
            accepted = {match_key(c.surface).rstrip("s") for c in chosen}
            again = []
            for c in weak:
                if match_key(c.surface).rstrip("s") in accepted and 1 not in occupied[c.start:c.end]:
                    c.type = None
                    again.append(c)
                    occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
            if again:
                chosen = sorted(chosen + again, key=lambda c: c.start)

        # 4. introduced: the title prefix, "we propose X", "our X", a list after an introduced name,
        #    and a long form the title repeats
        title_low = paper.title.casefold()
        prefix = next((c for c in cands if c.source == "title-prefix"), None)
        for c in chosen:
            if c.source == "title-prefix" or (prefix is not None and c.start <= prefix.start < c.end):
                c.introduced = True
                if prefix is not None and prefix.type is not None and c.source != "gazetteer":
                    c.type = prefix.type
            elif c.start > title_end:
                known = gaz.lookup(c.surface) is not None
                c.introduced = intro_near(c, text, idx, known=known) or (
                    c.source == "acronym-long" and not known and " " in c.surface
                    and _title_has_phrase(title_low, c.surface.casefold()))
        # an acronym in brackets stands for its introduced long form: "a novel X Module (XM) and a Y ..."
        new_acronyms = {c.link for c in chosen if c.introduced and c.link}
        for prev, c in zip(chosen, chosen[1:], strict=False):
            if (prev.introduced or prev.surface in new_acronyms) and not c.introduced and c.start > title_end \
                    and gaz.lookup(c.surface) is None and _LIST_AFTER.match(text[prev.end:c.start]):
                c.introduced = True
        entities = assemble_entities(drop_parts_of_repeated_names(chosen, text), text, idx, gaz)
        _type_from_nouns(entities, chosen, text, idx, gaz, title_rest_type(paper.title) if prefix else None)
        prior = {match_key(c.surface) for c in chosen if c.start > title_end and (
            _PRIOR_WORK_AFTER.match(text, c.end) or text.startswith("-based", c.end)
            or (gaz.lookup(c.surface) is not None and _USED_INTO.match(text, c.end)))}
        if prefix is not None:
            prior.discard(match_key(prefix.surface))  # the paper's own name
        for e in entities:
            if e.introduced and prior and any(match_key(f) in prior for f in (e.name, *e.aliases)):
                e.introduced = False  # "X (Smith et al., 2021)", "X was proposed a decade ago": cited work
        return entities


_SHAPE_TYPED = {"gazetteer", "model-grammar", "model-size", "typed"}


def _type_from_nouns(entities: list[PaperEntity], chosen: list[Candidate], text: str, idx: SentenceIndex,
                     gaz: Gazetteer, title_type: EntityType | None) -> None:
    """A coined name's type is what the nouns beside its mentions say (``a novel method, ZapLM``)
    or the title says (``ZapLM: A Benchmark for ...``), when they say it, rather than what its
    shape suggests (``...LM`` looks like a model)."""
    said: dict[int, EntityType] = {}
    for c in chosen:
        if c.source == "title-prefix":
            if title_type is not None:
                said[c.start] = title_type
        elif c.source not in _SHAPE_TYPED:
            t = type_noun_beside(c, text, idx)
            if t is not None:
                said[c.start] = t
    if not said:
        return
    for e in entities:
        said_here = [said[m.start] for m in e.mentions if m.start in said]
        if not said_here:
            continue
        votes = Counter(said_here).most_common(2)
        if votes and e.type != votes[0][0] and (len(votes) == 1 or votes[0][1] > votes[1][1]) \
                and gaz.lookup(e.name) is None:
            e.type = votes[0][0]


# a citation right after a name, or "X was proposed/introduced ..." (a past statement about X)
_PRIOR_WORK_AFTER = re.compile(
    r"\s*(?:\((?:[^()]{0,60}\bet al\b|[^()]{0,60}\b(?:19|20)\d\d[a-z]?\))|\[\d+(?:[,\u2013-]\s*\d+)*\]|"
    r"(?:\([^()]{0,40}\)\s*)?(?:was|were|has been|had been)\s+(?:\w+\s+){0,2}?"
    r"(?:proposed|introduced|developed|presented)\b)"
)
# "we introduce LoRA (...) into the decoder": a known name brought into the authors' system
_USED_INTO = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:into|in|to)\s")
_LIST_AFTER = re.compile(
    r"^\)?\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*|,?\s*and\s+\(\d\)\s*)(?:an?\s+)?$")


_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*) $")
# a model family spelt like a Greek letter is that family only when a model word follows it
_GREEK_LETTERS = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda",
                  "Mu", "Nu", "Xi", "Pi", "Rho", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"}
_MODEL_WORD_AFTER = re.compile(r"\s*(?:models?|family|series|LLMs?|SLMs?|checkpoints?)\b", re.IGNORECASE)


def _tail_of_not_entity(c: Candidate, text: str, gaz: Gazetteer) -> bool:
    """The capitalised words are the tail of a term that is no entity ("Neural Tangent Kernel" at the
    start of a title, where the title-case rule dropped the first word).

    >>> from citegraph.loaders.gazetteer import Gazetteer
    >>> t = "Neural Tangent Kernel: Convergence"
    >>> _tail_of_not_entity(Candidate(7, 21, "Tangent Kernel", 2, "titlecase"), t,
    ...                     Gazetteer([], [], ["Neural Tangent Kernel"]))
    True
    """
    m = _WORD_BEFORE.search(text, max(0, c.start - 30), c.start)
    return m is not None and gaz.is_not_entity(f"{m.group(1)} {c.surface}")


def _expansion_conflict(entry: GazetteerEntry, long: str) -> bool:
    """True when ``long`` defines an acronym the gazetteer knows with another expansion, or knows
    with none while the paper spells out a capitalised name of several words (its own thing:
    "Difficulty-Aware Rejection Tuning (DART)" is not the DART benchmark)."""
    forms = [entry.name, *entry.aliases]
    if match_key(long) in {match_key(f) for f in forms}:
        return False
    expansions = [f for f in forms if " " in f or len(f) > 12]
    return bool(expansions) or (" " in long and capitalised(long))


_LABEL = re.compile(r"\(([A-Z]{1,3})(\d{1,2})\)")


def _enumeration_labels(text: str) -> set[str]:
    """Keys of list labels such as (O1), (O2), (RQ1), (RQ2): a letter prefix used in brackets with
    two or more numbers labels points of the paper, not models.

    >>> sorted(_enumeration_labels("three issues: (O1) cost, (O2) speed. We address O1."))
    ['o1', 'o2']
    """
    if "(" not in text:
        return set()
    seen: dict[str, set[str]] = {}
    for m in _LABEL.finditer(text):
        seen.setdefault(m.group(1), set()).add(m.group(2))
    return {match_key(p + d) for p, ds in seen.items() if len(ds) >= 2 for d in ds}


def _has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` as whole words."""
    return next(whole_word_spans(text, phrase), None) is not None


def _title_has_phrase(title_low: str, phrase: str) -> bool:
    """``phrase`` is in the title as a whole name, not the tail of a longer one."""
    i = title_low.find(phrase)
    while i >= 0:
        j = i + len(phrase)
        before = title_low[:i].rstrip().rsplit(" ", 1)[-1] if i else ""
        after_ok = j == len(title_low) or not title_low[j].isalnum()
        i = title_low.find(phrase, i + 1)
        if after_ok and (not before or before in {"with", "via", "by", "for", "and", "of", "the", "a", "an", "on",
                                                  "in", "to", "from", "using"} or before.endswith(":")):
            return True
    return False


class _LazyTitleKeys:
    """Membership test "is this phrase key part of the title?" (keys of two or more words are
    compared as substrings of the title's key, single words against the title's word keys)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._keys: tuple[str, set[str]] | None = None  # computed on the first question only

    @property
    def key(self) -> str:
        return self._title_keys()[0]

    @property
    def words(self) -> set[str]:
        return self._title_keys()[1]

    def _title_keys(self) -> tuple[str, set[str]]:
        if self._keys is None:
            spaced = self.title.replace(":", " ")
            self._keys = (match_key(spaced), {match_key(w) for w in spaced.split()})
        return self._keys

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        title_key, words = self._title_keys()
        return key in words or (len(key) > 8 and key in title_key)


def extract_papers(papers: Iterable[Paper], extractor: Extractor | None = None
                   ) -> Iterator[tuple[Paper, list[PaperEntity]]]:
    """Run ``extractor`` (default :class:`RuleExtractor`) over papers, lazily."""
    extractor = extractor or RuleExtractor()
    for paper in papers:
        yield paper, extractor.extract(paper)


__all__ = ["COINED", "Extractor", "RuleExtractor", "extract_papers"]
