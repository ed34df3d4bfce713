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

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from citegraph.models import Paper, PaperEntity

from .candidates import COINED, STRONG, Candidate
from .entity_assembly import assemble_entities, drop_parts_of_repeated_names, whole_word_spans
from .extract_decisions import (
    PaperScan,
    choose_spans,
    drop_cited_introductions,
    judge_definitions,
    link_definitions,
    mark_introduced,
    type_chosen,
    type_from_nouns,
)
from .extract_rules import (
    acronym_definitions,
    aka_definitions,
    bare_proposals,
    naming_cues,
    reverse_definitions,
    title_prefix,
    title_rest_type,
)
from .gazetteer import Gazetteer, default_gazetteer
from .model_names import ModelGrammar
from .name_shapes import coined_tokens, plus_plus_names, titlecase_names, typed_cues


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

    def extract(self, paper: Paper) -> list[PaperEntity]:
        text = paper.text
        if not text.strip():
            return []
        scan = PaperScan.of(paper.title, text, self.gazetteer)
        cands = self._candidates(paper, text)
        definitions = judge_definitions(cands, scan)
        choice = choose_spans(cands, scan, definitions)
        link_definitions(choice.chosen, cands, paper.title)
        chosen = type_chosen(choice, scan)
        prefix = next((c for c in cands if c.source == "title-prefix"), None)
        mark_introduced(chosen, prefix, scan)
        entities = assemble_entities(drop_parts_of_repeated_names(chosen, text), text, scan.idx, self.gazetteer)
        type_from_nouns(entities, chosen, scan, title_rest_type(paper.title) if prefix else None)
        drop_cited_introductions(entities, chosen, prefix, scan)
        return entities


def _has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` as whole words."""
    return next(whole_word_spans(text, phrase), None) is not None


def extract_papers(papers: Iterable[Paper], extractor: Extractor | None = None
                   ) -> Iterator[tuple[Paper, list[PaperEntity]]]:
    """Run ``extractor`` (default :class:`RuleExtractor`) over papers, lazily."""
    extractor = extractor or RuleExtractor()
    for paper in papers:
        yield paper, extractor.extract(paper)


__all__ = ["COINED", "Extractor", "RuleExtractor", "extract_papers"]
