"""The extractor's decisions over one paper's candidates, one function per step.

:class:`~citegraph.loaders.extractor.RuleExtractor` gathers candidate spans from every
rule family, then runs these steps in order:

1. :func:`judge_definitions`: acronym definitions decide first; a generic long form
   blocks its acronym in the whole paper.
2. :func:`choose_spans`: non-overlapping usable spans, stronger first, then longer;
   :func:`link_definitions` keeps the acronym links of the spans that lost.
3. :func:`type_chosen`: types from shape and context; weak acronyms need a typed
   neighbour or a cue.
4. :func:`mark_introduced`: the title prefix, "we propose X", "our X", a list after an
   introduced name; after assembly, :func:`type_from_nouns` and
   :func:`drop_cited_introductions` correct the entities.

>>> from citegraph.loaders.candidates import STRONG, Candidate
>>> from citegraph.loaders.gazetteer import Gazetteer
>>> text = "ZapNet: Fast Nets. We propose ZapNet."
>>> scan = PaperScan.of("ZapNet: Fast Nets", text, Gazetteer([], [], []))
>>> cands = [Candidate(0, 6, "ZapNet", STRONG, "title-prefix"), Candidate(30, 36, "ZapNet", STRONG, "token")]
>>> choice = choose_spans(cands, scan, judge_definitions(cands, scan))
>>> [(c.surface, c.start) for c in choice.chosen]
[('ZapNet', 0), ('ZapNet', 30)]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from citegraph.models import EntityType, PaperEntity

from .candidates import COINED, WEAK, Candidate
from .extract_filters import (
    INTRO_BEFORE,
    OUR_BEFORE,
    enumeration_labels,
    intro_near,
    is_stop,
    tail_of_not_entity,
    url_spans,
    weak_cue,
)
from .extract_rules import capitalised
from .extract_types import ListNeighbours, decide_type_from_context, type_noun_beside
from .gazetteer import Gazetteer, GazetteerEntry, match_key
from .name_shapes import field_like
from .sentences import SentenceIndex


class _LazyTitleKeys:
    """Membership test "is this phrase key part of the title?" (keys of two or more words are
    compared as substrings of the title's key, single words against the title's word keys)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._keys: tuple[str, set[str]] | None = None  # computed on the first question only

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


@dataclass(slots=True)
class PaperScan:
    """One paper's text (title, then abstract) and what every step looks up in it."""

    title: str
    text: str
    gaz: Gazetteer
    idx: SentenceIndex
    title_keys: _LazyTitleKeys
    blocked: list[tuple[int, int]]  # URL spans: nothing inside them is a name

    @classmethod
    def of(cls, title: str, text: str, gaz: Gazetteer) -> PaperScan:
        return cls(title, text, gaz, SentenceIndex(text), _LazyTitleKeys(title), url_spans(text))

    @property
    def title_end(self) -> int:
        return len(self.title)


@dataclass(slots=True)
class Definitions:
    """Step 1's verdicts: keys no span may take, and which definition candidates stand."""

    banned: set[str]
    conflicting: set[str]  # acronyms this paper defines otherwise than the gazetteer
    ok: dict[int, bool]  # candidate index -> whether its definition (long form or acronym) stands
    defined: set[str]  # keys of acronyms defined by a standing definition


@dataclass(slots=True)
class Choice:
    """Step 2's result: the chosen spans, weak acronyms set aside, and the characters taken."""

    chosen: list[Candidate]
    weak: list[Candidate]
    occupied: bytearray  # one byte per character of the text, 1 where a chosen span stands

    def take(self, c: Candidate) -> None:
        self.occupied[c.start:c.end] = b"\x01" * (c.end - c.start)

    def is_free(self, c: Candidate) -> bool:
        return 1 not in self.occupied[c.start:c.end]


def _acceptable(c: Candidate, scan: PaperScan) -> bool:
    """Whether a lower-case acronym long form or naming-cue phrase is a named thing."""
    if not c.lower_long or c.source == "title-prefix":
        return True
    if c.source == "naming":
        return True
    short = c.link
    if short and (any(ch.islower() for ch in short.rstrip("s")) or scan.gaz.lookup(short)):
        return True  # a coined mixed-case acronym (CoT) or a known one
    s_start = scan.idx.sentences[scan.idx.at(c.start)][0]
    if INTRO_BEFORE.search(scan.text[s_start:c.start]) or OUR_BEFORE.search(scan.text, s_start, c.start):
        return True
    return match_key(c.surface) in scan.title_keys


def judge_definitions(cands: list[Candidate], scan: PaperScan) -> Definitions:
    """Step 1: which acronym definitions stand; a generic long form bans its acronym."""
    gaz, text, idx = scan.gaz, scan.text, scan.idx
    banned: set[str] = {match_key(c.surface) for c in cands if c.source == "banned"}
    banned |= enumeration_labels(text)
    conflicting: set[str] = set()
    ok: dict[int, bool] = {}
    for i, c in enumerate(cands):
        if c.source != "acronym-long":
            continue
        short = c.link or ""
        bad = (gaz.is_not_entity(c.surface) or gaz.is_not_entity(short) or not _acceptable(c, scan)
               or is_stop(short) or is_stop(c.surface))
        if field_like(c.surface) and not intro_near(c, text, idx) and gaz.lookup(c.surface) is None:
            bad = True
        known_short = gaz.lookup(short)
        if known_short is not None and expansion_conflict(known_short, c.surface):
            known_short = None  # "singular value decomposition (SVD)" is not Stable Video Diffusion
            bad = bad or c.lower_long
            conflicting.add(match_key(short))
        if known_short is not None and not gaz.is_not_entity(short):
            bad = False
        ok[i] = not bad
        ok[i + 1] = not bad  # the acronym follows its long form
        if bad:
            banned.add(match_key(short))
            banned.add(match_key(short.rstrip("s")))
    defined = {match_key(cands[i].surface) for i, good in ok.items()
               if good and cands[i].source == "acronym-short"}
    return Definitions(banned, conflicting, ok, defined)


def _usable(i: int, c: Candidate, scan: PaperScan, defs: Definitions) -> bool:
    """Whether candidate ``i`` may name an entity at all (step 1's verdicts, then the filters)."""
    if i in defs.ok:
        return defs.ok[i]
    gaz, text, idx = scan.gaz, scan.text, scan.idx
    key = match_key(c.surface)
    if key in defs.banned or key.rstrip("s") in defs.banned:
        return False
    if c.source not in {"gazetteer", "model-grammar"} and is_stop(c.surface):
        return False
    if c.source != "gazetteer" and gaz.is_not_entity(c.surface):
        return False
    if c.source == "titlecase" and field_like(c.surface) and not intro_near(c, text, idx):
        return False
    if c.source == "titlecase" and tail_of_not_entity(c, text, gaz):
        return False
    if c.surface in _GREEK_LETTERS and not _MODEL_WORD_AFTER.match(text, c.end):
        return False  # "a class of models Phi": the letter of a formula, not Microsoft's Phi
    if c.source == "naming" and field_like(c.surface) and not intro_near(c, text, idx):
        return False
    if c.source == "naming" and (c.lower_long and not _acceptable(c, scan)):
        return False
    return not scan.blocked or not any(a <= c.start < b for a, b in scan.blocked)


def choose_spans(cands: list[Candidate], scan: PaperScan, defs: Definitions) -> Choice:
    """Step 2: non-overlapping usable spans, stronger first, then longer (a span that lost its
    place to a chosen one is not checked for usability at all). Weak acronyms nobody defined
    are set aside for step 3."""
    conflicting_keys = {k.rstrip("s") for k in defs.conflicting}
    for c in cands:
        if conflicting_keys and c.source == "gazetteer" and match_key(c.surface).rstrip("s") in conflicting_keys:
            c.source, c.type, c.strength = "token", None, WEAK if c.surface.isupper() else COINED
    pool = [(i, c) for i, c in enumerate(cands) if c.source != "banned"]
    pool.sort(key=lambda ic: (-ic[1].strength, -(ic[1].end - ic[1].start), ic[1].start))
    choice = Choice([], [], bytearray(len(scan.text) + 1))
    for i, c in pool:
        if not choice.is_free(c) or not _usable(i, c, scan, defs):
            continue
        key = match_key(c.surface)
        if c.strength == WEAK and key not in defs.defined and key.rstrip("s") not in defs.defined:
            choice.weak.append(c)
            continue
        choice.chosen.append(c)
        choice.take(c)
    return choice


def link_definitions(chosen: list[Candidate], cands: list[Candidate], title: str) -> None:
    """Acronym links the chosen spans keep although their definition candidates lost."""
    # a definition that lost its span to an equal gazetteer/grammar span still links the acronym
    spans = {(c.start, c.end): c for c in chosen}
    for c in cands:
        if c.source == "acronym-long" and c.link and c not in chosen:
            same = spans.get((c.start, c.end))
            if same is not None and same.link is None:
                same.link = c.link
    # "EchoPool v2: Sparse Echo Pooling for ...": the prefix and the defined long form
    # that opens the rest of the title are one entity
    prefix = next((c for c in chosen if c.source == "title-prefix"), None)
    if prefix is not None and prefix.link is None and ":" in title:
        rest = title.split(":", 1)[1].strip().casefold()
        for c in chosen:
            if c.source == "acronym-long" and c is not prefix and len(c.surface.split()) >= 2 \
                    and rest.startswith(c.surface.casefold()):
                prefix.link = c.surface
                break


_LIST_TYPED_SOURCES = {"token", "titlecase", "naming", "acronym-long", "acronym-short"}


def type_chosen(choice: Choice, scan: PaperScan) -> list[Candidate]:
    """Step 3: type every chosen span; admit the weak acronyms a neighbour or a cue supports.
    Returns the chosen spans in text order."""
    gaz, text, idx = scan.gaz, scan.text, scan.idx
    chosen, weak = choice.chosen, choice.weak
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
        changed = False
        for c in chosen:
            if c.source in _LIST_TYPED_SOURCES and c.type == EntityType.METHOD and not c.introduced:
                t = neighbours.type_of(c)
                if t is not None and not intro_near(c, text, idx):
                    c.type, changed = t, True
        for c in list(weak):
            t = neighbours.type_of(c)
            explicit = decide_type_from_context(c, text, idx, gaz, explicit_only=True)
            if t is not None or explicit is not None or intro_near(c, text, idx) or weak_cue(c, text, idx):
                c.type = t or explicit or decide_type_from_context(c, text, idx, gaz)
                chosen.append(c)
                choice.take(c)
                weak.remove(c)
                changed = True
        if not changed:
            break  # a second pass over the same types would decide the same
        chosen.sort(key=lambda c: c.start)
    if weak:  # a bare acronym accepted in one place names the same thing wherever else it stands
        # (a further mention, untyped: the entity keeps the type its accepted mentions give it)
        accepted = {match_key(c.surface).rstrip("s") for c in chosen}
        again = []
        for c in weak:
            if match_key(c.surface).rstrip("s") in accepted and choice.is_free(c):
                c.type = None
                again.append(c)
                choice.take(c)
        if again:
            chosen = sorted(chosen + again, key=lambda c: c.start)
    return chosen


def mark_introduced(chosen: list[Candidate], prefix: Candidate | None, scan: PaperScan) -> None:
    """Step 4: the title prefix, "we propose X", "our X", a list after an introduced name, and a
    long form the title repeats are the paper's own."""
    gaz, text, idx, title_end = scan.gaz, scan.text, scan.idx, scan.title_end
    title_low = scan.title.casefold()
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


_SHAPE_TYPED = {"gazetteer", "model-grammar", "model-size", "typed"}


def type_from_nouns(entities: list[PaperEntity], chosen: list[Candidate], scan: PaperScan,
                    title_type: EntityType | None) -> None:
    """A coined name's type is what the nouns beside its mentions say (``a novel method, ZapLM``)
    or the title says (``ZapLM: A Benchmark for ...``), when they say it, rather than what its
    shape suggests (``...LM`` looks like a model)."""
    said: dict[int, EntityType] = {}
    for c in chosen:
        if c.source == "title-prefix":
            if title_type is not None:
                said[c.start] = title_type
        elif c.source not in _SHAPE_TYPED:
            t = type_noun_beside(c, scan.text, scan.idx)
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
                and scan.gaz.lookup(e.name) is None:
            e.type = votes[0][0]


def drop_cited_introductions(entities: list[PaperEntity], chosen: list[Candidate], prefix: Candidate | None,
                             scan: PaperScan) -> None:
    """"X (Smith et al., 2021)", "X was proposed a decade ago": cited work, not introduced here."""
    gaz, text = scan.gaz, scan.text
    prior = {match_key(c.surface) for c in chosen if c.start > scan.title_end and (
        _PRIOR_WORK_AFTER.match(text, c.end) or text.startswith("-based", c.end)
        or (gaz.lookup(c.surface) is not None and _USED_INTO.match(text, c.end)))}
    if prefix is not None:
        prior.discard(match_key(prefix.surface))  # the paper's own name
    for e in entities:
        if e.introduced and prior and any(match_key(f) in prior for f in (e.name, *e.aliases)):
            e.introduced = False


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


# a model family spelt like a Greek letter is that family only when a model word follows it
_GREEK_LETTERS = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda",
                  "Mu", "Nu", "Xi", "Pi", "Rho", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"}
_MODEL_WORD_AFTER = re.compile(r"\s*(?:models?|family|series|LLMs?|SLMs?|checkpoints?)\b", re.IGNORECASE)


def expansion_conflict(entry: GazetteerEntry, long: str) -> bool:
    """True when ``long`` defines an acronym the gazetteer knows with another expansion, or knows
    with none while the paper spells out a capitalised name of several words (its own thing:
    "Difficulty-Aware Rejection Tuning (DART)" is not the DART benchmark).

    >>> expansion_conflict(GazetteerEntry("LoRA", EntityType.METHOD, aliases=("Low-Rank Adaptation",)),
    ...                    "Local Regression Analysis")
    True
    """
    forms = [entry.name, *entry.aliases]
    if match_key(long) in {match_key(f) for f in forms}:
        return False
    expansions = [f for f in forms if " " in f or len(f) > 12]
    return bool(expansions) or (" " in long and capitalised(long))


def _title_has_phrase(title_low: str, phrase: str) -> bool:
    """``phrase`` is in the title as a whole name, not the tail of a longer one."""
    i = title_low.find(phrase)
    while i >= 0:
        j = i + len(phrase)
        before = title_low[:i].rstrip().rsplit(" ", 1)[-1] if i else ""
        after_ok = j == len(title_low) or not title_low[j].isalnum()
        i = title_low.find(phrase, i + 1)
        if after_ok and (not before or before in _TITLE_JOINERS or before.endswith(":")):
            return True
    return False


_TITLE_JOINERS = {"with", "via", "by", "for", "and", "of", "the", "a", "an", "on", "in", "to", "from", "using"}
