"""The plain EVALUATED_ON and resolution code, as it was before the fast paths of
``graph/evaluations.py`` and ``graph/resolve.py``: the reference ``tests/test_edges_speedups.py``
checks them against. Regexes are taken from the modules, so a change of a pattern is
followed here; a change of the logic must be made in both.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from citegraph.graph import evaluations as edges
from citegraph.graph import resolve
from citegraph.loaders.gazetteer import match_key
from citegraph.models import ENTITY_TYPES, Edge, Entity, EntityType, entity_id


def _wordish(ch):
    return ch.isalnum() or ch in "_-"


def occurrences(sentence, surface):
    out = []
    n = len(surface)
    at = sentence.find(surface) if n else -1
    while at >= 0:
        end = at + n
        if (at == 0 or not _wordish(sentence[at - 1])) and (end == len(sentence) or not _wordish(sentence[end])):
            out.append(at)
        at = sentence.find(surface, at + 1)
    return out


def evaluation_spans(sentence, target_surface):
    spans = []
    for at in occurrences(sentence, target_surface):
        before = sentence[:at]
        for cue in edges._ON.finditer(before):
            if edges._LIST_GAP.match(before[cue.end():]) and not edges._NOT_EVAL.search(before[:cue.start()]):
                tail = edges._LIST_TAIL.match(sentence, at + len(target_surface))
                spans.append((cue.start(), tail.end() if tail else at + len(target_surface)))
                break
    return spans


def _surfaces_by_sentence(by_id):
    out = {}
    for eid, e in by_id.items():
        for m in e.mentions:
            out.setdefault((m.sentence_index, m.sentence), {}).setdefault(eid, set()).add(m.surface)
    return out


def evaluated_on_edges(paper_entities, labels, max_evidence=edges.MAX_EVIDENCE):
    found = defaultdict(list)
    for pid, by_id in sorted(paper_entities.items()):
        for key, here in sorted(_surfaces_by_sentence(by_id).items()):
            if len(here) < 2:
                continue
            sentence = key[1]
            if edges._ON.search(sentence) is None:
                continue
            sources = sorted(e for e in here if labels.get(e) in edges.SOURCE_LABELS)
            targets = sorted(e for e in here if labels.get(e) in edges.TARGET_LABELS)
            if not sources or not targets:
                continue
            spans = {t: [sp for s in here[t] for sp in evaluation_spans(sentence, s)] for t in targets}
            if not any(spans.values()):
                continue
            for src in sources:
                where = [at for s in here[src] for at in occurrences(sentence, s)]
                for tgt in targets:
                    if spans[tgt] and any(not any(a <= at < b for a, b in spans[tgt]) for at in where):
                        found[(src, tgt)].append((pid, sentence))
    out = []
    for (src, tgt), hits in sorted(found.items()):
        evidence = []
        for _, sentence in hits:
            if sentence not in evidence and len(evidence) < max_evidence:
                evidence.append(sentence)
        out.append(Edge(src, tgt, "EVALUATED_ON", {
            "count": len(hits), "papers": len({p for p, _ in hits}), "evidence": evidence}))
    return out


def resolve_entities(extractions):
    is_acronym = resolve._is_acronym
    names = set()
    for _, ents in extractions:
        for e in ents:
            names.add(e.name)
            names.update(e.aliases)
    matched = {name: match_key(name) for name in names}
    keys = set(matched.values())

    def key_of(name):
        k = matched[name]
        if len(k) > 3 and k.endswith("s") and (k[:-1] in keys or name[:-1].isupper()):
            return k[:-1]
        return k

    uf = resolve._UnionFind()
    acronym_roots = defaultdict(set)
    for _, ents in extractions:
        for e in ents:
            k = key_of(e.name)
            uf.find(k)
            for alias in e.aliases:
                if is_acronym(alias) and not is_acronym(e.name):
                    acronym_roots[key_of(alias)].add(k)
                elif not is_acronym(alias) or is_acronym(e.name):
                    uf.union(k, key_of(alias))
    for acr, roots in acronym_roots.items():
        distinct = {uf.find(r) for r in roots}
        if len(distinct) == 1:
            uf.union(acr, next(iter(distinct)))
    blocks = defaultdict(list)
    for k in list(uf.parent):
        if len(k) >= resolve.FUZZY_MIN_LEN:
            blocks[(k[0], tuple(resolve._DIGITS.findall(k)))].append(k)
    for members in blocks.values():
        if 2 <= len(members) <= 2000:
            for a, b in resolve._near_pairs(members):
                uf.union(a, b)
    types = defaultdict(Counter)
    spellings = defaultdict(Counter)
    aliases = defaultdict(set)
    for _, ents in extractions:
        for e in ents:
            root = uf.find(key_of(e.name))
            types[root][e.type] += max(1, len(e.mentions))
            spellings[root][e.name] += 1
            aliases[root].update(e.aliases)
    canon = {}
    for root, counter in types.items():
        type_: EntityType = max(ENTITY_TYPES, key=lambda t: (counter[t], -ENTITY_TYPES.index(t)))
        name = min(spellings[root], key=lambda s: (-spellings[root][s], s.islower(), is_acronym(s), s))
        others = sorted((set(spellings[root]) | aliases[root]) - {name})
        canon[root] = Entity(id=entity_id(type_, name), name=name, type=type_, aliases=others)
    return {(p.id, e.name): canon[uf.find(key_of(e.name))] for p, ents in extractions for e in ents}
