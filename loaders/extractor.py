"""Entity extraction: the stage interface and the rule-based extractor.

An extractor takes a :class:`~citegraph.models.Paper` and returns the
:class:`~citegraph.models.PaperEntity` list it names. Anything with an
``extract(paper)`` method fits (a learned extractor can be plugged in).

>>> from citegraph.models import Paper
>>> p = Paper(id="p", title="WebRL: Training LLM Web Agents",
...           abstract="We apply WebRL to Llama-3.1-8B. On WebArena-Lite it beats GPT-4o.")
>>> [(e.name, str(e.type), e.introduced) for e in RuleExtractor().extract(p)]
[('WebRL', 'Method', True), ('Llama-3.1-8B', 'Model', False), ('WebArena-Lite', 'Benchmark', False), ('GPT-4o', 'Model', False)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from citegraph.models import EntityType, Mention, Paper, PaperEntity, normalize_name

from .sentences import split_sentences


@runtime_checkable
class Extractor(Protocol):
    """The extraction stage: one paper in, the entities it names out."""

    def extract(self, paper: Paper) -> list[PaperEntity]: ...


# Family + version + size + suffix: Llama-3.1-8B, GLM-4-9B, Qwen2.5-Coder-7B-Instruct, GPT-4o.
_MODEL_NAME = re.compile(
    r"\b(?:[A-Z][A-Za-z]*[a-z]?[A-Za-z]*|[A-Z]{2,})[-‑ ]?v?\d+(?:\.\d+)*[a-z]?"
    r"(?:[-‑](?:\d+(?:\.\d+)?[BMKbmk]|[A-Z][A-Za-z]+|\d+[a-z]?|[a-z]+))*\b"
)
_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w'-]*\s+){0,1}(?:[A-Za-z][\w'-]*\s+){0,6}[A-Za-z][\w'-]*)\s*[(~]\s*([A-Z][A-Za-z0-9-]*[A-Z0-9][a-z]?s?)\s*\)"
)
_TITLE_PREFIX = re.compile(r"^([A-Z][\w.+-]*(?:[ -][A-Z0-9][\w.+-]*){0,2})\s*:\s")
_TYPED_CUE = re.compile(
    r"\b([A-Z][\w.+-]*(?:[ -][A-Z0-9][\w.+-]*){0,3})\s+(benchmark|dataset|corpus|leaderboard|suite)s?\b"
)
_SUFFIX_BENCH = re.compile(r"\b[A-Z][\w-]*(?:Bench|Eval|Arena|QA)(?:-[\w]+)?\b")
_CAMEL = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*(?:-[A-Z][\w]*)?\b|\b[A-Z]{2,}[a-z]+[A-Za-z]*\b|\b[A-Z]{3,}\b")
_INTRO_CUE = re.compile(
    r"\b(?:we|this (?:paper|work)|this study)\s+(?:\w+\s+){0,2}(?:propose|introduce|present|release|develop|"
    r"design|build|construct|curate|create|collect)s?d?\b|\bour\s+(?:\w+\s+)?$|\b(?:named|called|dubbed)\s*$",
    re.IGNORECASE,
)
_STOP = {
    "We", "Our", "The", "This", "These", "However", "In", "To", "For", "On", "It", "A", "An", "Large",
    "LLM", "LLMs", "AI", "API", "APIs", "GPU", "GPUs", "CPU", "NLP", "CV", "RL", "SOTA", "URL", "HTML",
    "TPU", "MLLM", "MLLMs", "VLM", "VLMs", "LMs", "LM", "PDF", "JSON", "II", "III", "IV", "CNN", "CNNs",
    "RNN", "RNNs", "GNN", "GNNs", "KD", "ICL", "PEFT", "PTQ", "QA", "VQA", "ML", "DL", "NN", "OOD",
}
_DATA_WORDS = {"dataset", "corpus"}


def _guess_type(name: str, sentence: str, cue: str | None = None) -> EntityType:
    if cue:
        return EntityType.DATASET if cue in _DATA_WORDS else EntityType.BENCHMARK
    if re.search(r"(?:Bench|Eval|Arena)\b", name):
        return EntityType.BENCHMARK
    if re.search(r"\d+(?:\.\d+)?[BM]\b|GPT|Llama|LLaMA|Qwen|GLM|Mistral|Gemma|Claude|BERT|T5", name):
        return EntityType.MODEL
    if re.search(rf"\b(?:on|evaluated on|benchmarks?(?: such as| like)?)\s+(?:the\s+)?{re.escape(name)}\b", sentence):
        return EntityType.BENCHMARK
    return EntityType.METHOD


class RuleExtractor:
    """Patterns and cues, no model: acronym definitions, model-name grammar,
    title prefixes, ``X benchmark/dataset`` cues and ``we propose X``."""

    def extract(self, paper: Paper) -> list[PaperEntity]:
        text = paper.text
        found: dict[str, PaperEntity] = {}
        order: list[str] = []

        def add(name: str, type_: EntityType, start: int, sent: tuple[int, int, str], idx: int,
                introduced: bool = False, alias: str | None = None) -> None:
            name = name.strip(" -.,;:")
            if len(name) < 2 or name in _STOP or name.isdigit():
                return
            key = normalize_name(name)
            ent = found.get(key)
            if ent is None:
                ent = found[key] = PaperEntity(name=name, type=type_)
                order.append(key)
            ent.introduced = ent.introduced or introduced
            if alias and alias != ent.name and alias not in ent.aliases:
                ent.aliases.append(alias)
                found.setdefault(normalize_name(alias), ent)
            ent.mentions.append(Mention(name, start, start + len(name), sent[2], idx))

        sentences = split_sentences(text)
        title_end = len(paper.title)
        m = _TITLE_PREFIX.match(paper.title)
        if m and m.group(1) not in _STOP and not m.group(1).isdigit():
            prefix = m.group(1)
            add(prefix, _guess_type(prefix, text), 0, sentences[0], 0, introduced=True)
        for idx, sent in enumerate(sentences):
            s_start, _, s_text = sent
            spans: list[tuple[int, int, str, EntityType, bool, str | None]] = []
            for m in _ACRONYM_DEF.finditer(s_text):
                long, short = m.group(1), m.group(2)
                words = long.split()
                initials = [c for c in short if c.isupper()]
                keep = words[-max(len(initials), 1):]
                while keep and not keep[0][0].isupper() and len(keep) > 1:
                    keep = keep[1:]
                long_name = " ".join(keep)
                if short in _STOP:
                    continue
                start = m.start(1) + m.group(1).rfind(long_name) if long_name in m.group(1) else m.start(2)
                spans.append((start, m.end(2), short, _guess_type(short, s_text), False, long_name))
            for rx, cue_group in ((_TYPED_CUE, 2), (_SUFFIX_BENCH, 0), (_MODEL_NAME, 0), (_CAMEL, 0)):
                for m in rx.finditer(s_text):
                    name = m.group(1) if cue_group else m.group(0)
                    first = name.split()[0] if name.split() else name
                    if first in _STOP or (m.start() == 0 and " " in name and cue_group):
                        name = " ".join(name.split()[1:])
                    if not name:
                        continue
                    cue = m.group(2).lower() if cue_group else None
                    spans.append((m.start(), m.start() + len(name), name, _guess_type(name, s_text, cue),
                                  False, None))
            taken: list[tuple[int, int]] = []
            for start, end, name, type_, _, alias in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
                if any(a <= start < b for a, b in taken):
                    continue
                taken.append((start, end))
                before = s_text[max(0, start - 60):start]
                introduced = bool(_INTRO_CUE.search(before)) and s_start + start > title_end
                add(name, type_, s_start + start, sent, idx, introduced, alias)
        return [found[k] for k in order]


def extract_papers(papers: Iterable[Paper], extractor: Extractor | None = None
                   ) -> Iterator[tuple[Paper, list[PaperEntity]]]:
    """Run ``extractor`` (default :class:`RuleExtractor`) over papers, lazily."""
    extractor = extractor or RuleExtractor()
    for paper in papers:
        yield paper, extractor.extract(paper)
