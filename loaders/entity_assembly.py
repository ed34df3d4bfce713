"""Resolution within one paper: chosen spans -> one PaperEntity per real thing.

Spans of one name share an entity when their keys agree (case, hyphens and spaces
ignored), when one is the plural of the other (``Transformers``), when both are
forms of one gazetteer entry, or when one defines the other (``Chain-of-Thought (CoT)``).
The entity is named by its fullest form (the long form of an acronym), every other
spelling becomes an alias, its type is the best-supported one, and each span is
kept as a :class:`~citegraph.models.Mention` with its sentence.

>>> from citegraph.loaders.gazetteer import Gazetteer
>>> from citegraph.loaders.extract_rules import Candidate
>>> from citegraph.loaders.sentences import SentenceIndex
>>> from citegraph.models import EntityType
>>> text = "We use Chain-of-Thought (CoT). CoT helps."
>>> cs = [Candidate(7, 23, "Chain-of-Thought", 3, "acronym-long", EntityType.METHOD, link="CoT"),
...       Candidate(25, 28, "CoT", 3, "acronym-short", EntityType.METHOD),
...       Candidate(31, 34, "CoT", 3, "token", EntityType.METHOD)]
>>> [(e.name, e.aliases, [m.sentence_index for m in e.mentions])
...  for e in assemble_entities(cs, text, SentenceIndex(text), Gazetteer([], [], []))]
[('Chain-of-Thought', ['CoT'], [0, 0, 1])]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from itertools import accumulate

from citegraph.models import EntityType, Mention, PaperEntity

from .candidates import Candidate
from .gazetteer import Gazetteer, acronym_plural, match_key
from .sentences import SentenceIndex

_TYPE_NOUN_END = re.compile(r"\s(?:datasets?|benchmarks?|corpus|corpora|suite|models?)$", re.IGNORECASE)
_SOURCE_WEIGHT = {"gazetteer": 5, "typed": 4, "model-grammar": 4, "model-size": 4, "title-prefix": 2}


def _singular_key(surface: str, key: str, keys: set[str], gaz: Gazetteer) -> str:
    if len(key) > 3 and key.endswith("s"):
        stem = key[:-1]
        if stem in keys or acronym_plural(surface) or gaz.lookup(surface[:-1]) is not None:
            return stem
    return key


def _group_key(surface: str, raw_keys: set[str], gaz: Gazetteer) -> str:
    """The key spans of one entity share: the gazetteer entry's, else the singular match key."""
    key = match_key(surface)
    k = _singular_key(surface, key, raw_keys, gaz)
    entry = gaz.lookup(surface) or (gaz.lookup(surface[:-1]) if k != key else None)
    return "g:" + match_key(entry.name) if entry is not None else k


def assemble_entities(chosen: list[Candidate], text: str, idx: SentenceIndex, gaz: Gazetteer) -> list[PaperEntity]:
    """Group chosen candidates (sorted by offset) into entities, in order of first mention."""
    raw_keys = {match_key(c.surface) for c in chosen}
    key_of_name: dict[str, str] = {}  # a name repeats: its group key is computed once
    keys: list[str] = []
    for c in chosen:
        k = key_of_name.get(c.surface)
        if k is None:
            k = key_of_name[c.surface] = _group_key(c.surface, raw_keys, gaz)
        keys.append(k)

    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    key_of_surface = {match_key(c.surface): k for c, k in zip(chosen, keys, strict=True)}
    for c, k in zip(chosen, keys, strict=True):
        if c.link:
            short_key = match_key(c.link)
            other = key_of_surface.get(short_key) or key_of_surface.get(short_key.rstrip("s")) or short_key
            union(k, other)
            if short_key.endswith("s"):
                union(k, short_key[:-1])

    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c, k in zip(chosen, keys, strict=True):
        groups[find(k)].append(c)

    out: list[PaperEntity] = []
    for members in groups.values():
        out.append(_entity(members, text, idx, gaz))
    return out


def _entity(members: list[Candidate], text: str, idx: SentenceIndex, gaz: Gazetteer) -> PaperEntity:
    """One entity from its spans, which come sorted by offset (the order of the chosen spans)."""
    longs = [c for c in members if c.source == "acronym-long"]
    counts: dict[str, int] = {}  # each spelling, in order of first mention, and how often it is used
    first_start: dict[str, int] = {}
    for c in members:
        surface = c.surface
        if surface in counts:
            counts[surface] += 1
        else:
            counts[surface] = 1
            first_start[surface] = c.start
    if longs:
        name = max((c.surface for c in longs), key=lambda s: (not s[:1].islower(), len(s)))
    elif len(counts) == 1:
        name = members[0].surface
    else:
        singular = [s for s in counts if not (s.endswith("s") and s[:-1] in counts)]
        pool = singular or list(counts)
        name = max(pool, key=lambda s: (counts[s], -first_start[s]))
    if not longs and name.endswith("s") and " " in name:
        last = name.rsplit(" ", 1)[1]
        if gaz.lookup(last[:-1]) is not None:  # "Gated-FF Transformers" -> "Gated-FF Transformer"
            name = name[:-1]
    entry = None
    for surface in counts:
        entry = gaz.lookup(surface)
        if entry is not None:
            break
    if entry is not None and longs:
        forms = {match_key(f) for f in (entry.name, *entry.aliases)}
        if not any(match_key(c.surface) in forms for c in longs):
            entry = None  # the paper defines the acronym otherwise than the gazetteer
    if entry is not None and _TYPE_NOUN_END.search(name):
        name = entry.name  # "ImageNet datasets" -> "ImageNet"
    seen = {match_key(name)}
    aliases: list[str] = []
    for surface in counts:
        k = match_key(surface)
        if k not in seen:
            seen.add(k)
            aliases.append(surface)
    if entry is not None and match_key(entry.name) not in seen \
            and not all(s.rstrip("s").isupper() for s in counts):  # not named by acronyms only
        aliases.append(entry.name)
    votes: dict[EntityType, int] = {}
    introduced = False
    for c in members:
        if c.type is not None:
            votes[c.type] = votes.get(c.type, 0) + _SOURCE_WEIGHT.get(c.source, 1)
        introduced = introduced or c.introduced
    if len(votes) == 1:
        type_ = next(iter(votes))
    else:
        type_ = max(votes, key=lambda t: (votes[t], t != EntityType.METHOD)) if votes else EntityType.METHOD
    sentences = idx.sentences
    starts = idx.starts
    mentions = []
    for c in members:
        si = bisect_right(starts, c.start) - 1  # SentenceIndex.at, inlined: one call per mention
        if si < 0:
            si = 0
        mentions.append(Mention(c.surface, c.start, c.end, sentences[si][2], si))
    return PaperEntity(name=name, type=type_, aliases=aliases, introduced=introduced, mentions=mentions)


def whole_word_spans(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text`` as whole words (no letter or digit on either side).

    >>> list(whole_word_spans("Echo Pooling, EchoPooling, echo pooling", "Echo Pooling"))
    [(0, 12)]
    """
    i = text.find(phrase)
    while i >= 0:
        j = i + len(phrase)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            yield i, j
        i = text.find(phrase, i + 1)


def drop_parts_of_repeated_names(chosen: list[Candidate], text: str) -> list[Candidate]:
    """Drop spans that lie inside another spelling of a longer name the paper uses: the title
    often repeats a long form in other capitals, and its tail is no name of its own.

    >>> t = "Sparse Echo Pooling for Speech. We propose sparse echo pooling (SEP)."
    >>> part, whole = t.index("Echo Pooling"), t.index("sparse echo")
    >>> cs = [Candidate(part, part + 12, "Echo Pooling", 2, "titlecase"),
    ...       Candidate(whole, whole + 19, "sparse echo pooling", 3, "acronym-long", link="SEP")]
    >>> [c.surface for c in drop_parts_of_repeated_names(cs, t)]
    ['sparse echo pooling']
    """
    long_names = {c.surface.casefold() for c in chosen if " " in c.surface or c.surface.count("-") >= 2}
    if not long_names:
        return chosen
    low = text.casefold()
    if len(low) != len(text):
        return chosen
    inside = _LongerCovers([span for name in long_names for span in whole_word_spans(low, name)])
    return [c for c in chosen if not inside.holds(c.start, c.end)]


class _LongerCovers:
    """Spans of text, asked "does a longer one hold ``[start, end)``?" in logarithmic time
    (a span of the same extent is not longer; one starting earlier or ending later is).

    >>> covers = _LongerCovers([(0, 10), (20, 25)])
    >>> covers.holds(2, 6), covers.holds(0, 10), covers.holds(20, 24), covers.holds(8, 12)
    (True, False, True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))  # furthest end of spans so far
        self._widest_at: dict[int, int] = {}
        for a, b in spans:
            self._widest_at[a] = max(b, self._widest_at.get(a, b))

    def holds(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, start)  # spans starting before ``start``
        if k and self._reach[k - 1] >= end:
            return True
        return self._widest_at.get(start, -1) > end
