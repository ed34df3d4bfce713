"""The unit every rule family produces: a candidate span with what its rule knows.

>>> Candidate(0, 5, "WebRL", STRONG, "title-prefix").surface
'WebRL'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from citegraph.models import EntityType

# strengths: how much evidence a candidate carries on its own
WEAK, COINED, STRONG = 1, 2, 3


@dataclass(slots=True)
class Candidate:
    """A span that may name an entity, with what the rule that found it knows."""

    start: int
    end: int
    surface: str
    strength: int
    source: str
    type: EntityType | None = None
    introduced: bool = False
    link: str | None = None  # for an acronym definition: the acronym of this long form
    lower_long: bool = False  # long form written in lower case (needs more evidence)


SMALL_WORDS = {"of", "for", "and", "the", "a", "an", "to", "in", "on", "with", "via", "by", "from", "at", "or"}


@lru_cache(maxsize=1 << 16)
def acronym_like(s: str) -> bool:
    """Two or more letters with two capitals, or a capital and a digit (``LoRA``, ``T5``); cached,
    acronyms recur across abstracts."""
    letters = [c for c in s if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and (uppers >= 2 or (uppers >= 1 and any(c.isdigit() for c in s)))
