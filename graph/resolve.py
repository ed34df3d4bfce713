"""Cross-corpus entity resolution: one canonical node per real thing, and model variants.

:func:`resolve_entities` maps every ``(paper id, entity name)`` to one canonical
:class:`~citegraph.models.Entity`:

- spellings of one name share a node: case, hyphens, spaces and underscores are
  ignored (``GPT-4``, ``GPT4``, ``gpt-4``), a plural joins its singular
  (``Transformers``), but a dot between digits counts (``OPT-1.3B`` is not ``OPT-13B``);
- a paper's long form and its acronym join (``Low-Rank Adaptation`` / ``LoRA``); a bare
  acronym elsewhere joins that long form only when the corpus gives the acronym a
  single expansion (``CL`` stays apart when papers expand it differently);
- near spellings join (rapidfuzz ratio >= 92 on the keys) only when both keys are at
  least 6 characters, start alike and hold the same numbers in the same order, so
  ``Llama-2-7B`` never joins ``Llama-2-70B``;
- the node takes the type most mentions give it and the spelling most papers use.

:func:`variant_of_edges` links model variants to their base, size- and version-aware:
``Llama-3.1-8B-Instruct -> Llama-3.1-8B -> Llama-3.1``. Only bases that are nodes
already are linked (no node is invented): when the direct base is missing, the
nearest existing ancestor is used.

>>> from citegraph.models import Paper, PaperEntity, EntityType
>>> p, q = Paper(id="paper:p", title="P"), Paper(id="paper:q", title="Q")
>>> nodes = resolve_entities([(p, [PaperEntity("GPT-4", EntityType.MODEL)]),
...                           (q, [PaperEntity("gpt4", EntityType.MODEL)])])
>>> nodes[("paper:q", "gpt4")].id, nodes[("paper:q", "gpt4")].name, nodes[("paper:q", "gpt4")].aliases
('model:gpt-4', 'GPT-4', ['gpt4'])
>>> from citegraph.models import Entity
>>> es = [Entity("model:llama-3.1", "Llama-3.1", EntityType.MODEL),
...       Entity("model:llama-3.1-8b", "Llama-3.1-8B", EntityType.MODEL),
...       Entity("model:llama-3.1-8b-instruct", "Llama-3.1-8B-Instruct", EntityType.MODEL)]
>>> [(e.source, e.target) for e in variant_of_edges(es)]
[('model:llama-3.1-8b', 'model:llama-3.1'), ('model:llama-3.1-8b-instruct', 'model:llama-3.1-8b')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz.fuzz import ratio

from citegraph.loaders.gazetteer import acronym_plural, match_key
from citegraph.loaders.model_names import SUFFIXES as MODEL_SUFFIXES
from citegraph.models import ENTITY_TYPES, Edge, Entity, EntityType, Paper, PaperEntity, entity_id

_DIGITS = re.compile(r"\d+")
FUZZY_MIN_LEN = 6
FUZZY_MIN_RATIO = 92.0


def _is_acronym(name: str) -> bool:
    core = name[:-1] if name.endswith("s") and len(name) > 2 else name
    letters = [c for c in core if c.isalpha()]
    return 2 <= len(letters) <= 6 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        root = k
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(k, k) != root:  # path compression
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _near_pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Near-identical keys of one name: pairs of ``keys`` with a rapidfuzz ratio of at least
    ``FUZZY_MIN_RATIO``, all compared at once in C (``rapidfuzz.process.cdist``). The caller
    passes one block (keys of at least ``FUZZY_MIN_LEN`` characters, same first character,
    same numbers in the same order), so versions and sizes never join.

    >>> _near_pairs(["transformer", "transformers", "tranformer", "diffusion"])
    [('transformer', 'transformers'), ('transformer', 'tranformer')]
    """
    import numpy as np
    from rapidfuzz.process import cdist

    scores = cdist(keys, keys, scorer=ratio, score_cutoff=FUZZY_MIN_RATIO, dtype=np.float32)
    rows, cols = np.nonzero(np.triu(scores, k=1))
    return [(keys[i], keys[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]


def resolve_entities(
    extractions: Sequence[tuple[Paper, Sequence[PaperEntity]]],
) -> dict[tuple[str, str], Entity]:
    """Map ``(paper id, entity name as the paper wrote it)`` to its canonical Entity.

    ``paper_count`` is left at 0 for the graph to fill.
    """
    of_name = resolve_names((e.name, e.aliases, e.type, len(e.mentions)) for _, ents in extractions for e in ents)
    return {(p.id, e.name): of_name[e.name] for p, ents in extractions for e in ents}


def resolve_names(entities: Iterable[tuple[str, Sequence[str], EntityType, int]]) -> dict[str, Entity]:
    """Map each name to its canonical Entity (what :func:`resolve_entities` does: a name resolves
    the same in every paper), from every paper's entities as ``(name, aliases, type, mentions)``.

    >>> nodes = resolve_names([("GPT-4", [], EntityType.MODEL, 2), ("gpt4", [], EntityType.MODEL, 1)])
    >>> nodes["gpt4"] is nodes["GPT-4"], nodes["gpt4"].name
    (True, 'GPT-4')
    """
    # One pass over the entities counts each distinct (name, aliases, type) with its mention
    # weight (names repeat across papers); everything below works on those, once each. The
    # (name, aliases) pairs keep their first-seen order: the joins below are made in the order
    # the plain per-entity loop made them (repeating a pair repeats the same finds and joins).
    seen: dict[tuple[str, tuple[str, ...], EntityType], list[int]] = {}
    for name, name_aliases, type_, mentions in entities:
        weight = mentions or 1
        key = (name, tuple(name_aliases), type_)
        tally = seen.get(key)
        if tally is None:
            seen[key] = [1, weight]
        else:
            tally[0] += 1
            tally[1] += weight
    pairs: dict[tuple[str, tuple[str, ...]], None] = {}
    weights: dict[str, dict[EntityType, int]] = {}  # name -> mention weight per type (plain dicts: ~1 per name)
    counts: dict[str, int] = {}
    names_aliases: dict[str, set[str]] = {}
    for (name, name_aliases, type_), (n, weight) in seen.items():
        pairs[(name, name_aliases)] = None
        w = weights.get(name)
        if w is None:
            weights[name] = {type_: weight}
            counts[name] = n
            names_aliases[name] = set(name_aliases)
        else:
            w[type_] = w.get(type_, 0) + weight
            counts[name] += n
            names_aliases[name].update(name_aliases)
    names: set[str] = set(weights)  # every spelling once
    for al in names_aliases.values():
        names.update(al)
    matched = {name: match_key(name) for name in names}
    keys = set(matched.values())

    def plural_free(name: str) -> str:
        k = matched[name]
        if len(k) > 3 and k.endswith("s") and (k[:-1] in keys or acronym_plural(name)):
            return k[:-1]  # "Transformers" -> "transformer", "LLMs" -> "llm"; not "PARIS" -> "pari"
        return k

    key_of = {name: plural_free(name) for name in names}.__getitem__
    acronyms: dict[str, bool] = {}

    def acronym(name: str) -> bool:
        known = acronyms.get(name)
        if known is None:
            known = acronyms[name] = _is_acronym(name)
        return known

    uf = _UnionFind()
    acronym_roots: dict[str, set[str]] = defaultdict(set)
    for name, name_aliases in pairs:
        k = key_of(name)
        uf.find(k)
        for alias in name_aliases:
            if acronym(alias) and not acronym(name):
                acronym_roots[key_of(alias)].add(k)
            elif not acronym(alias) or acronym(name):
                uf.union(k, key_of(alias))
    # a bare acronym joins its expansion only when the corpus gives it one expansion
    for acr, roots in acronym_roots.items():
        distinct = {uf.find(r) for r in roots}
        if len(distinct) == 1:
            uf.union(acr, next(iter(distinct)))
    # near spellings, blocked by first character and numbers
    blocks: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for k in list(uf.parent) or []:
        if len(k) >= FUZZY_MIN_LEN:
            blocks[(k[0], tuple(_DIGITS.findall(k)))].append(k)
    for members in blocks.values():
        if 2 <= len(members) <= 2000:
            for a, b in _near_pairs(members):
                uf.union(a, b)

    types: dict[str, dict[EntityType, int]] = {}
    spellings: dict[str, dict[str, int]] = {}
    aliases: dict[str, set[str]] = {}
    root_of: dict[str, str] = {}
    for name, w in weights.items():
        root = root_of[name] = uf.find(key_of(name))
        of_root = types.get(root)
        if of_root is None:
            types[root] = dict(w)
            spellings[root] = {name: counts[name]}
            aliases[root] = set(names_aliases[name])
        else:
            for type_, weight in w.items():
                of_root[type_] = of_root.get(type_, 0) + weight
            spellings[root][name] = counts[name]  # each name once: its root's count of it is its count
            aliases[root].update(names_aliases[name])
    canon: dict[str, Entity] = {}
    for root, counter in types.items():
        # most roots have one type and one spelling: no ranking to do
        type_ = next(iter(counter)) if len(counter) == 1 else max(
            ENTITY_TYPES, key=lambda t: (counter.get(t, 0), -ENTITY_TYPES.index(t)))
        spelled = spellings[root]
        name = next(iter(spelled)) if len(spelled) == 1 else min(
            spelled, key=lambda s: (-spelled[s], s.islower(), acronym(s), s))
        others = sorted((set(spelled) | aliases[root]) - {name})
        canon[root] = Entity(id=entity_id(type_, name), name=name, type=type_, aliases=others)
    return {name: canon[root] for name, root in root_of.items()}


# ------------------------------------------------------------------ VARIANT_OF

_KNOWN_SUFFIXES = {s.casefold() for s in MODEL_SUFFIXES if s.isalpha()}
_SLASH_SIZE = re.compile(r"(?:XL|L|B|S|H|G)/\d+")
_PART = re.compile(r"\(?[^\s\-_()]+\)?")
_SIZE = re.compile(r"\(?\d+(?:\.\d+)?[BMK]\)?|\d+x\d+[BM]", re.IGNORECASE)
_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?", re.IGNORECASE)


def base_names(name: str) -> list[str]:
    """The chain of bases of a model name, nearest first.

    A trailing known suffix (``-Instruct``, ``-Base``, ``Opus``) or size (``-8B``) is
    dropped one part at a time; a version is never dropped, so a base keeps its version;
    an unknown part stops the chain (``GPT-J-6B`` goes to ``GPT-J``, never to ``GPT``).

    >>> base_names("Llama-3.1-8B-Instruct")
    ['Llama-3.1-8B', 'Llama-3.1']
    >>> base_names("Qwen2.5-Coder-7B-Instruct"), base_names("175B GPT-3"), base_names("GPT-J-6B")
    (['Qwen2.5-Coder-7B', 'Qwen2.5-Coder', 'Qwen2.5'], ['GPT-3'], ['GPT-J'])
    """
    parts = [(m.start(), m.end(), m.group()) for m in _PART.finditer(name)]
    out: list[str] = []
    if len(parts) >= 2 and _SIZE.fullmatch(parts[0][2]):  # "175B GPT-3" -> "GPT-3"
        rest = name[parts[1][0]:]
        return [rest, *base_names(rest)]
    while len(parts) >= 2:
        last = parts[-1][2]
        if _VERSION.fullmatch(last) and not _SIZE.fullmatch(last):
            break  # "Llama-3.1": the version is part of the base
        if not _SIZE.fullmatch(last) and last.casefold() not in _KNOWN_SUFFIXES and not _SLASH_SIZE.fullmatch(last):
            break  # "GPT-J", "LLaMA-NAS": an unknown part names another thing, not a variant
        parts = parts[:-1]
        base = name[:parts[-1][1]].rstrip(" -_")
        if re.fullmatch(r"[A-Za-z]", base):
            break
        out.append(base)
    return out


def variant_of_edges(entities: Iterable[Entity]) -> list[Edge]:
    """``VARIANT_OF`` edges from each Model node to its nearest existing base Model node."""
    models: dict[str, Entity] = {}
    for e in entities:
        if e.type == EntityType.MODEL:
            models.setdefault(e.id, e)
    by_key: dict[str, str] = {}
    for e in models.values():
        for form in (e.name, *e.aliases):
            by_key.setdefault(match_key(form), e.id)
    edges: dict[tuple[str, str], Edge] = {}
    for e in sorted(models.values(), key=lambda e: e.id):
        for base in base_names(e.name):
            target = by_key.get(match_key(base))
            if target is not None and target != e.id:
                edges[(e.id, target)] = Edge(source=e.id, target=target, type="VARIANT_OF")
                break
    return [edges[k] for k in sorted(edges)]
