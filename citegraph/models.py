"""Typed records that every stage of citegraph speaks.

``Paper`` comes out of the loaders, ``Mention``/``PaperEntity`` out of the
extractor, ``Entity`` and ``Edge`` go into the graph.

>>> p = Paper(id="2411.02337", title="WebRL: Training LLM Web Agents", abstract="")
>>> p.text
'WebRL: Training LLM Web Agents'
>>> entity_id(EntityType.MODEL, "GPT-4o"), entity_id(EntityType.MODEL, "gpt4o")
('model:gpt-4o', 'model:gpt-4o')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    """The four entity labels of the graph."""

    METHOD = "Method"
    MODEL = "Model"
    DATASET = "Dataset"
    BENCHMARK = "Benchmark"


ENTITY_TYPES: tuple[EntityType, ...] = tuple(EntityType)

_SEP = re.compile(r"[\s_\-–—/]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")
_TITLE_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Canonical key of a surface name: case-folded, separators unified.

    A letter directly followed by a digit gets a separator, so spelling
    variants of one name share a key.

    >>> normalize_name("GPT-4"), normalize_name("GPT4"), normalize_name("gpt 4")
    ('gpt-4', 'gpt-4', 'gpt-4')
    >>> normalize_name("Llama-3.1-8B") == normalize_name("Llama-3.1-70B")
    False
    """
    key = _LETTER_DIGIT.sub("-", name.strip().casefold())
    return _SEP.sub("-", key).strip("-")


def entity_id(type_: EntityType | str, name: str) -> str:
    """Stable node id of an entity: its type and normalised name.

    >>> entity_id("Benchmark", "WebArena-Lite")
    'benchmark:webarena-lite'
    """
    return f"{str(type_).lower()}:{normalize_name(name)}"


def normalize_title(title: str) -> str:
    """Key used to recognise the same paper under slightly different spacing/case.

    >>> normalize_title("  WebRL:  Training\\nLLM ") == normalize_title("webrl: training llm")
    True
    """
    return _TITLE_SPACE.sub(" ", title).strip().casefold()


@dataclass(slots=True)
class Paper:
    """One paper record, merged across every input that describes it.

    ``sources`` are the files (or file:line) it was read from; ``listing_dates``
    the dates of the daily listings it appeared in (ISO, ``--MM-DD`` when the
    listing gives no year); ``external_ids`` maps id schemes (``arxiv``,
    ``doi``, ``s2``, ``openalex``) to values; ``references`` holds ids of cited
    works when the source carries them (``doi:10.1/x``, ``arxiv:1706.03762``,
    ``s2:...``, ``openalex:W123``), ``cited_by`` ids of works citing this one.
    """

    id: str
    title: str
    abstract: str = ""
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    sources: list[str] = field(default_factory=list)
    listing_dates: list[str] = field(default_factory=list)
    external_ids: dict[str, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    cited_by: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title and abstract as one text; mention offsets refer to it."""
        return f"{self.title}\n{self.abstract}" if self.abstract else self.title

    @property
    def date(self) -> str | None:
        """Best date known: publication date, else the first listing date."""
        if self.published:
            return self.published
        return min(self.listing_dates) if self.listing_dates else None


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity name in a paper's text.

    ``start``/``end`` are character offsets into ``Paper.text``; ``sentence``
    is the sentence holding it (the evidence shown to users).
    """

    surface: str
    start: int
    end: int
    sentence: str
    sentence_index: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled by value, not through dataclass's per-field state (workers send millions)
        return Mention, (self.surface, self.start, self.end, self.sentence, self.sentence_index)


@dataclass(slots=True)
class PaperEntity:
    """An entity as one paper names it: the extractor's unit of output."""

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    mentions: list[Mention] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:  # as Mention's
        return PaperEntity, (self.name, self.type, self.aliases, self.introduced, self.mentions)

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    def to_dict(self) -> dict[str, object]:
        """The shape ``citegraph extract`` prints and ``score.py`` reads."""
        return {
            "name": self.name,
            "type": str(self.type),
            "aliases": list(self.aliases),
            "introduced": self.introduced,
        }


@dataclass(slots=True)
class Entity:
    """A graph node for a method, model, dataset or benchmark, across the corpus."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    paper_count: int = 0


@dataclass(frozen=True, slots=True)
class Edge:
    """A typed relationship between two node ids, with its properties."""

    source: str
    target: str
    type: str
    properties: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(slots=True)
class LoadReport:
    """What loading skipped and why, so a summary can tell the user."""

    records_read: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)
