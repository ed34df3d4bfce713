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
from collections import Counter, defaultdict

from citegraph.models import EntityType, Mention, PaperEntity

from .candidates import Candidate
from .gazetteer import Gazetteer, match_key
from .sentences import SentenceIndex

_TYPE_NOUN_END = re.compile(r"\s(?:datasets?|benchmarks?|corpus|corpora|suite|models?)$", re.IGNORECASE)
_SOURCE_WEIGHT = {"gazetteer": 5, "typed": 4, "model-grammar": 4, "model-size": 4, "title-prefix": 2}


def _singular_key(surface: str, key: str, keys: set[str], gaz: Gazetteer) -> str:
    if len(key) > 3 and key.endswith("s"):
        stem = key[:-1]
        if stem in keys or surface[:-1].isupper() or gaz.lookup(surface[:-1]) is not None:
            return stem
    return key


def assemble_entities(chosen: list[Candidate], text: str, idx: SentenceIndex, gaz: Gazetteer) -> list[PaperEntity]:
    """Group chosen candidates (sorted by offset) into entities, in order of first mention."""
    raw_keys = {match_key(c.surface) for c in chosen}
    keys: list[str] = []
    for c in chosen:
        k = _singular_key(c.surface, match_key(c.surface), raw_keys, gaz)
        entry = gaz.lookup(c.surface) or (gaz.lookup(c.surface[:-1]) if k != match_key(c.surface) else None)
        keys.append("g:" + match_key(entry.name) if entry is not None else k)

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
    longs = [c for c in members if c.source == "acronym-long"]
    counts = Counter(c.surface for c in members)
    if longs:
        name = max((c.surface for c in longs), key=lambda s: (not s[:1].islower(), len(s)))
    else:
        singular = [s for s in counts if not (s.endswith("s") and s[:-1] in counts)]
        pool = singular or list(counts)
        name = max(pool, key=lambda s: (counts[s], -min(c.start for c in members if c.surface == s)))
    if not longs and name.endswith("s") and " " in name:
        last = name.rsplit(" ", 1)[1]
        if gaz.lookup(last[:-1]) is not None:  # "Gated-FF Transformers" -> "Gated-FF Transformer"
            counts[name[:-1]] += 0
            name = name[:-1]
    entry = next((gaz.lookup(c.surface) for c in members if gaz.lookup(c.surface) is not None), None)
    if entry is not None and longs:
        forms = {match_key(f) for f in (entry.name, *entry.aliases)}
        if not any(match_key(c.surface) in forms for c in longs):
            entry = None  # the paper defines the acronym otherwise than the gazetteer
    if entry is not None and _TYPE_NOUN_END.search(name):
        name = entry.name  # "ImageNet datasets" -> "ImageNet"
    seen = {match_key(name)}
    aliases: list[str] = []
    for c in members:
        k = match_key(c.surface)
        if k not in seen:
            seen.add(k)
            aliases.append(c.surface)
    acronym_only = all(c.surface.rstrip("s").isupper() for c in members)
    if entry is not None and match_key(entry.name) not in seen and not acronym_only:
        aliases.append(entry.name)
    votes: Counter[EntityType] = Counter()
    for c in members:
        if c.type is not None:
            votes[c.type] += _SOURCE_WEIGHT.get(c.source, 1)
    type_ = max(votes, key=lambda t: (votes[t], t != EntityType.METHOD)) if votes else EntityType.METHOD
    mentions = []
    for c in sorted(members, key=lambda c: c.start):
        si = idx.at(c.start)
        mentions.append(Mention(c.surface, c.start, c.end, idx.sentences[si][2], si))
    return PaperEntity(name=name, type=type_, aliases=aliases, introduced=any(c.introduced for c in members),
                       mentions=mentions)
