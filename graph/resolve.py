"""Cross-corpus entity resolution: one canonical node per real thing.

Input: every paper's extracted entities. Output: for each (paper, entity name)
the canonical node it belongs to (id, display name, type, aliases).

>>> from citegraph.models import Paper, PaperEntity, EntityType
>>> p, q = Paper(id="paper:p", title="P"), Paper(id="paper:q", title="Q")
>>> nodes = resolve_entities([(p, [PaperEntity("GPT-4", EntityType.MODEL)]),
...                           (q, [PaperEntity("gpt4", EntityType.MODEL)])])
>>> nodes[("paper:q", "gpt4")].id, nodes[("paper:q", "gpt4")].name, nodes[("paper:q", "gpt4")].aliases
('model:gpt-4', 'GPT-4', ['gpt4'])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from citegraph.models import ENTITY_TYPES, Entity, EntityType, Paper, PaperEntity, entity_id, normalize_name


def resolve_entities(
    extractions: Sequence[tuple[Paper, Sequence[PaperEntity]]],
) -> dict[tuple[str, str], Entity]:
    """Map ``(paper id, entity name as the paper wrote it)`` to its canonical Entity.

    One entity per normalised name: the type most papers give it, the spelling
    most papers use (ties: the alphabetically first), every other spelling and
    alias kept in ``aliases``. ``paper_count`` is left at 0 for the graph to fill.
    """
    types: dict[str, Counter[EntityType]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for _, ents in extractions:
        for e in ents:
            key = normalize_name(e.name)
            types[key][e.type] += 1
            spellings[key][e.name] += 1
            aliases[key].update(e.aliases)
    canon: dict[str, Entity] = {}
    for key, counter in types.items():
        type_ = max(ENTITY_TYPES, key=lambda t: (counter[t], -ENTITY_TYPES.index(t)))
        name = min(spellings[key], key=lambda s: (-spellings[key][s], s))
        others = sorted((set(spellings[key]) | aliases[key]) - {name})
        canon[key] = Entity(id=entity_id(type_, name), name=name, type=type_, aliases=others)
    return {(p.id, e.name): canon[normalize_name(e.name)] for p, ents in extractions for e in ents}
