"""The model-name grammar: family + version + size + suffix.

``Llama-3.1-8B-Instruct``, ``GLM-4-9B``, ``Qwen2.5-Coder-7B-Instruct``, ``GPT-4o``,
``Claude v3 Opus``, ``Gemma 2 (2B)``, ``FLAN-PaLM 62B``, ``T5-XXL``. The family
names come from ``loaders/data/model_families.tsv``; a name of an unknown family is
still a model when it carries a parameter count (``LinGen-4B``).

>>> g = ModelGrammar(["Llama", "GPT", "Qwen", "Claude"])
>>> [c.surface for c in g.find("Llama-3.1-8B-Instruct beats GPT-4o and Claude v3 Opus, not llama 2.")]
['Llama-3.1-8B-Instruct', 'GPT-4o', 'Claude v3 Opus']
>>> [c.surface for c in g.find("We train LinGen-4B and compare with Qwen2.5-Coder-7B-Instruct.")]
['LinGen-4B', 'Qwen2.5-Coder-7B-Instruct']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citegraph.models import EntityType

from .extract_rules import STRONG, Candidate

SUFFIXES = (
    "Instruct", "Chat", "Base", "Large", "Small", "Medium", "Tiny", "Mini", "mini", "Nano", "XL", "XXL", "XXXL",
    "Turbo", "turbo", "Pro", "Ultra", "Flash", "Lite", "Opus", "Sonnet", "Haiku", "Vision", "VL", "Coder",
    "Code", "Math", "Omni", "Preview", "preview", "it", "IT", "SFT", "DPO", "RLHF", "HF", "Distill", "MoE",
    "Plus", "Max", "Air", "Next", "NeXT", "Reasoner", "Thinking", "hf", "chat", "instruct", "base", "large",
    "small", "XL/\\d+", "L/\\d+", "B/\\d+", "S/\\d+", "H/\\d+", "G/\\d+",
)
_SIZE = r"\d+(?:\.\d+)?[BM]|\d+x\d+[BM]"
_VERSION = r"v?\d+(?:\.\d+)*(?:[a-z](?![a-z]))?"
_SUFFIX = "|".join(sorted(SUFFIXES, key=len, reverse=True))
_CAP_SUFFIX = "|".join(sorted((s for s in SUFFIXES if s[0].isupper()), key=len, reverse=True))
_UNKNOWN_FAMILY = re.compile(
    rf"(?<![\w\-./])((?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*))[- ](?:{_SIZE})(?:-(?:{_SUFFIX}))*(?![\w\-])"
)


class ModelGrammar:
    """Finds model names built from known families (and sized names of unknown ones)."""

    def __init__(self, families: Iterable[str]) -> None:
        fams = sorted({f for f in families if f and len(f) >= 2}, key=len, reverse=True)
        alternation = "|".join(re.escape(f) for f in fams) or r"(?!x)x"
        self._families = {f.casefold() for f in fams}
        self._rx = re.compile(
            rf"(?<![\w\-./])(?:(?:{_SIZE})\s+)?(?:[A-Z][A-Za-z]*-)?"
            rf"(?P<fam>{alternation})"
            rf"(?:[- ]?(?P<ver>{_VERSION}))?"
            rf"(?:-(?:{_SIZE}|{_SUFFIX}|{_VERSION})|\s(?:{_SIZE}|{_CAP_SUFFIX}|v\d+(?:\.\d+)*)|\s?\(\d+(?:\.\d+)?[BM]\))*"
            rf"(?P<pl>s)?(?![\w\-])"
        )

    def find(self, text: str) -> list[Candidate]:
        out = []
        taken_until = -1
        for m in self._rx.finditer(text):
            surface = m.group(0)
            if m.group("pl") and m.group("ver"):
                surface = surface[:-1]
            surface = surface.rstrip(" -")
            if surface.endswith("(") or surface.count("(") != surface.count(")"):
                surface = surface[: surface.rfind("(")].rstrip()
            out.append(Candidate(m.start(), m.start() + len(surface), surface, STRONG, "model-grammar",
                                 type=EntityType.MODEL))
            taken_until = m.start() + len(surface)
        for m in _UNKNOWN_FAMILY.finditer(text):
            if m.start() < taken_until and any(c.start <= m.start() < c.end for c in out):
                continue
            head = m.group(1)
            if not (any(c.isupper() for c in head[1:]) or any(c.isdigit() for c in head) or "-" in head):
                continue  # "With 7B", "Our 1B": a plain capitalised word is no model name
            out.append(Candidate(m.start(), m.end(), m.group(0), STRONG, "model-size", type=EntityType.MODEL))
        return out
