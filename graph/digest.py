"""One paper's extraction reduced to what the graph reads of it, made as each paper arrives.

The extractor returns, per paper, :class:`~citegraph.models.PaperEntity` objects holding
one :class:`~citegraph.models.Mention` per occurrence (surface, offsets, sentence). The graph
reads much less of them: per entity its name, type, aliases, ``introduced``, how many
mentions it has, the sentences naming it (in first-naming order: evidence, co-mention
counts, the evidence of inferred citations) and, for EVALUATED_ON only, which surface it
has in which sentence, and only in sentences naming two entities or more (a sentence naming
one entity cannot link two). A :class:`PaperDigest` keeps exactly that: sentences as
numbers into the paper's table of distinct sentences, surfaces and names shared across the
corpus (:class:`Digester`). At 100,000 papers it is a fraction of the extraction results,
which the builder never holds all at once (:func:`~citegraph.graph.builder.build_graph`
digests each paper as the extraction stream yields it).

>>> from citegraph.models import EntityType, Mention, Paper, PaperEntity
>>> s0, s1 = "WebRL beats GPT-4 on WebArena.", "WebRL is open."
>>> ents = [PaperEntity("WebRL", EntityType.METHOD, mentions=[Mention("WebRL", 0, 5, s0, 0),
...                                                           Mention("WebRL", 31, 36, s1, 1)]),
...         PaperEntity("GPT-4", EntityType.MODEL, mentions=[Mention("GPT-4", 12, 17, s0, 0)])]
>>> d = Digester()(Paper(id="p", title="T"), ents)
>>> [(e.name, e.count, e.sentences, e.surfaces) for e in d.entities]
[('WebRL', 2, (0, 1), ('WebRL', 0)), ('GPT-4', 1, (0,), ('GPT-4', 0))]
>>> [(m.surface, m.sentence_index) for m in d.shared_mentions(d.entities[0])]
[('WebRL', 0)]
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from citegraph.models import EntityType, Mention, Paper, PaperEntity

from .evaluations import SentenceSurfaces, may_hold_evaluation


@dataclass(slots=True)
class EntityDigest:
    """One extracted entity (or, after :meth:`merge`, every spelling of one node in one paper).

    ``sentences``: numbers of the paper's sentences naming it, distinct, in first-naming
    order; ``surfaces``: flat ``(surface, sentence number)`` pairs, distinct, in the sentences
    EVALUATED_ON reads: naming two entities or more, with an evaluation cue
    (:func:`~.evaluations.may_hold_evaluation`).
    """

    name: str
    type: EntityType
    aliases: tuple[str, ...]
    introduced: bool
    count: int
    sentences: tuple[int, ...]
    surfaces: tuple[str | int, ...]

    def merge(self, other: EntityDigest) -> None:
        """Add the mentions of ``other`` (another spelling of the same node) after this one's.

        >>> a = EntityDigest("LoRA", EntityType.METHOD, (), False, 2, (0, 2), ())
        >>> a.merge(EntityDigest("Low-Rank Adaptation", EntityType.METHOD, (), True, 1, (1, 2), ()))
        >>> a.count, a.introduced, a.sentences
        (3, True, (0, 2, 1))
        """
        self.count += other.count
        self.introduced = self.introduced or other.introduced
        self.sentences = tuple(dict.fromkeys(self.sentences + other.sentences))
        self.surfaces = self.surfaces + other.surfaces


@dataclass(slots=True)
class PaperDigest:
    """A paper and its digested entities; ``sentences``/``sentence_index``: the distinct
    ``(index, text)`` sentences its entities are named in, by number."""

    paper: Paper
    entities: list[EntityDigest]
    sentences: tuple[str, ...]
    sentence_index: tuple[int, ...]

    def evidence(self, e: EntityDigest, limit: int) -> list[str]:
        """The first ``limit`` distinct sentence texts naming ``e`` (the MENTIONS evidence)."""
        out: list[str] = []
        for n in e.sentences:
            text = self.sentences[n]
            if text not in out:
                out.append(text)
                if len(out) == limit:
                    break
        return out[:]  # exact size: a list grown by append keeps room for 4

    def shared_mentions(self, e: EntityDigest) -> list[Mention]:
        """``e``'s mentions in the sentences EVALUATED_ON reads (see :class:`EntityDigest`), one per
        distinct surface and sentence (offsets 0)."""
        s = e.surfaces
        return [Mention(str(s[i]), 0, 0, self.sentences[n], self.sentence_index[n])
                for i in range(0, len(s), 2) for n in (int(s[i + 1]),)]


#: A paper's digest without the paper: its entities, sentences and sentence indexes.
DigestParts = tuple[list[EntityDigest], tuple[str, ...], tuple[int, ...]]
#: One :class:`EntityDigest` as a plain tuple of its fields, in their order.
EntityRow = tuple[str, EntityType, tuple[str, ...], bool, int, tuple[int, ...], tuple[str | int, ...]]
#: :data:`DigestParts` with plain rows for the entities: what an extraction process sends (plain
#: tuples pickle and unpickle faster than objects, and the receiver makes the objects itself).
DigestRows = tuple[list[EntityRow], tuple[str, ...], tuple[int, ...]]
T = TypeVar("T")


def _row(name: str, type_: EntityType, aliases: tuple[str, ...], introduced: bool, count: int,
         sentences: tuple[int, ...], surfaces: tuple[str | int, ...]) -> EntityRow:
    return name, type_, aliases, introduced, count, sentences, surfaces


class Digester:
    """Digests papers one at a time; equal names and surfaces of every paper share one string."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}

    def _shared(self, s: str) -> str:
        return self._strings.setdefault(s, s)

    def __call__(self, paper: Paper, entities: Iterable[PaperEntity]) -> PaperDigest:
        return PaperDigest(paper, *self.parts(entities))

    def parts(self, entities: Iterable[PaperEntity]) -> DigestParts:
        """A paper's digest without the paper."""
        return self._digest(entities, EntityDigest)

    def rows(self, entities: Iterable[PaperEntity]) -> DigestRows:
        """:meth:`parts` with each entity as a plain row: what an extraction process sends back
        (:meth:`adopt` makes it a :class:`PaperDigest` in the process that builds the graph)."""
        return self._digest(entities, _row)

    def _digest(self, entities: Iterable[PaperEntity], make: Callable[..., T]
                ) -> tuple[list[T], tuple[str, ...], tuple[int, ...]]:
        """The digest, each entity made by ``make`` from :class:`EntityDigest`'s fields."""
        number: dict[tuple[int, str], int] = {}
        namers: list[int] = []  # entities naming each sentence number
        per_entity: list[tuple[PaperEntity, dict[int, None], dict[tuple[str, int], None]]] = []
        for e in entities:
            sentences: dict[int, None] = {}
            surfaces: dict[tuple[str, int], None] = {}
            for m in e.mentions:
                key = (m.sentence_index, m.sentence)
                n = number.get(key)
                if n is None:
                    n = number[key] = len(namers)
                    namers.append(0)
                if n not in sentences:
                    sentences[n] = None
                    namers[n] += 1
                surfaces[(m.surface, n)] = None
            per_entity.append((e, sentences, surfaces))
        shared = self._shared
        keys = list(number)
        readable = [namers[n] > 1 and may_hold_evaluation(text) for n, (_, text) in enumerate(keys)]
        digests = [
            make(shared(e.name), e.type, tuple(shared(a) for a in e.aliases), e.introduced, len(e.mentions),
                 tuple(sentences), tuple(x for surface, n in surfaces if readable[n] for x in (shared(surface), n)))
            for e, sentences, surfaces in per_entity]
        return digests, tuple(text for _, text in keys), tuple(i for i, _ in keys)

    def adopt(self, paper: Paper, rows: DigestRows) -> PaperDigest:
        """``paper``'s digest from the :meth:`rows` another process's Digester made
        (unpickled here), its names, aliases and surfaces shared with this Digester's: the same
        digest as ``self(paper, entities)``.

        >>> from citegraph.models import Mention, PaperEntity
        >>> ents = [PaperEntity("WebRL", EntityType.METHOD, mentions=[Mention("WebRL", 0, 5, "WebRL wins.", 0)])]
        >>> p = Paper(id="p", title="T")
        >>> Digester().adopt(p, Digester().rows(ents)) == Digester()(p, ents)
        True
        """
        shared = self._shared
        entities = [
            EntityDigest(shared(name), type_, tuple(map(shared, aliases)) if aliases else (), introduced,
                         count, sentences,
                         tuple([shared(x) if isinstance(x, str) else x for x in surfaces]) if surfaces else ())
            for name, type_, aliases, introduced, count, sentences, surfaces in rows[0]]
        return PaperDigest(paper, entities, rows[1], rows[2])


def digest_all(extractions: Iterable[tuple[Paper, Iterable[PaperEntity]]]) -> Iterator[PaperDigest]:
    """Digest each ``(paper, entities)`` as it comes (the input is read once, lazily)."""
    digester = Digester()
    for paper, entities in extractions:
        yield digester(paper, entities)


class SharedMentions(Mapping[str, PaperEntity]):
    """Entity id -> the paper's merged entity with only :meth:`PaperDigest.shared_mentions`,
    made when read (``evaluated_on_edges`` reads each paper once)."""

    def __init__(self, paper: PaperDigest, by_id: Mapping[str, EntityDigest]) -> None:
        self._paper, self._by_id = paper, by_id

    def __getitem__(self, eid: str) -> PaperEntity:
        e = self._by_id[eid]
        return PaperEntity(e.name, e.type, list(e.aliases), e.introduced, self._paper.shared_mentions(e))

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def split_surfaces(self, source_ids: Container[str], target_ids: Container[str]
                       ) -> tuple[SentenceSurfaces, SentenceSurfaces, Callable[[int], tuple[int, str]]]:
        """The surfaces of the source and of the target entities by sentence number, and the
        function giving a number's ``(sentence index, sentence)``: what ``evaluated_on_edges``
        reads of them, from the compact form, without making Mention objects."""
        sources, targets = group_surfaces(((eid, e.surfaces) for eid, e in self._by_id.items()),
                                          source_ids, target_ids)
        return sources, targets, self.sentence_key

    def sentence_key(self, n: int) -> tuple[int, str]:
        """Sentence number ``n`` as ``(sentence index, sentence)``."""
        return self._paper.sentence_index[n], self._paper.sentences[n]

    def __len__(self) -> int:
        return len(self._by_id)


def group_surfaces(surfaces: Iterable[tuple[str, tuple[str | int, ...]]], source_ids: Container[str],
                   target_ids: Container[str]) -> tuple[SentenceSurfaces, SentenceSurfaces]:
    """Entities' flat ``(surface, sentence number)`` pairs (:attr:`EntityDigest.surfaces`) grouped
    by sentence number, those of sources apart from those of targets.

    >>> group_surfaces([("m", ("GPT-4", 0, "GPT4", 2)), ("b", ("MMLU", 0))], {"m"}, {"b"})
    ({0: {'m': {'GPT-4': None}}, 2: {'m': {'GPT4': None}}}, {0: {'b': {'MMLU': None}}})
    """
    sources: SentenceSurfaces = {}
    targets: SentenceSurfaces = {}
    for eid, s in surfaces:
        into = targets if eid in target_ids else sources if eid in source_ids else None
        if into is None:
            continue
        for i in range(0, len(s), 2):
            here = into.get(s[i + 1])
            if here is None:
                here = into[s[i + 1]] = {}
            named = here.get(eid)
            if named is None:
                here[eid] = {s[i]: None}  # type: ignore[dict-item]
            else:
                named[s[i]] = None  # type: ignore[index]
    return sources, targets
