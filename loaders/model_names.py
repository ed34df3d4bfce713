"""The model-name grammar: family + version + size + suffix.

``Llama-3.1-8B-Instruct``, ``GLM-4-9B``, ``Qwen2.5-Coder-7B-Instruct``, ``GPT-4o``,
``Claude v4 Sonnet``, ``Mistral 3 (5B)``, ``Flan-Falcon 40B``, ``T5-XXL``. The family
names come from ``loaders/data/model_families.tsv``; a name of an unknown family is
still a model when it carries a parameter count (``LumiGen-4B``).

>>> g = ModelGrammar(["Llama", "GPT", "Qwen", "Claude"])
>>> [c.surface for c in g.find("Llama-3.1-8B-Instruct beats GPT-4o and Claude v4 Sonnet, not llama 2.")]
['Llama-3.1-8B-Instruct', 'GPT-4o', 'Claude v4 Sonnet']
>>> [c.surface for c in g.find("We train LumiGen-4B and compare with Qwen2.5-Coder-7B-Instruct.")]
['LumiGen-4B', 'Qwen2.5-Coder-7B-Instruct']
>>> [c.surface for c in g.find("Zephon-7b matches Qwen-2 (7B)--the larger base--on 7b tokens.")]
['Zephon-7b', 'Qwen-2 (7B)']
>>> [c.surface for c in g.find("GPT-3.5-Turbo-16K and Claude-2-100K read long inputs.")]
['GPT-3.5-Turbo-16K', 'Claude-2-100K']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from citegraph.models import EntityType

from .anchored import LITERALS
from .candidates import STRONG, Candidate
from .gazetteer import overlapping_matcher

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
_SIZE_AFTER_NAME = re.compile(rf"(?:{_SIZE}|\d+(?:\.\d+)?b)(?:-(?:{_SUFFIX}))*(?![\w\-])")
_SIZE_CORES = LITERALS.group([d + u for d in "0123456789" for u in "BMb"])


def _size_matches(text: str) -> list[re.Match[str]]:
    """``_SIZE_AFTER_NAME.finditer(text)`` without scanning every character with the regex.

    Every match holds a digit directly followed by ``B``, ``M`` or ``b`` and starts in the run of
    digits, ``.`` and ``x`` just before it, so on ASCII text the regex is only tried there
    (found with a small automaton, much cheaper than trying the whole pattern everywhere),
    in order, exactly as ``finditer`` would.

    >>> [m.group(0) for m in _size_matches("A 7B-Instruct, 1.5B and 8x7B, not 2023 or B7.")]
    ['7B-Instruct', '1.5B', '8x7B']
    """
    if not text.isascii():
        return list(_SIZE_AFTER_NAME.finditer(text))
    # "7B", "5M", "7b": two characters, so the hits never overlap
    hits = [hit[1] for hit in _SIZE_CORES.find(text)]
    if not hits:
        return []
    out = []
    pos = 0
    for q in hits:
        if q < pos:
            continue
        s = q
        while s > pos and text[s - 1] in "0123456789.x":
            s -= 1
        for i in range(s, q + 1):
            m = _SIZE_AFTER_NAME.match(text, i)
            if m is not None:
                out.append(m)
                pos = m.end()
                break
    return out


_HEAD_BEFORE = re.compile(r"(?<![\w\-./])([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)$")
_PREFIX_BEFORE = re.compile(r"(?<![\w\-./])[A-Z][A-Za-z]*-$")
_SIZE_BEFORE = re.compile(rf"(?<![\w.])(?:{_SIZE})\s+$")
# a context window after the name: "GPT-3.5-Turbo-16K", "Claude-2-100K", "gpt-4-32k"
_CONTEXT = r"\d+[kK]"
_TAIL = re.compile(
    rf"(?:[- ]?(?P<ver>{_VERSION}))?"
    rf"(?:-(?:{_SIZE}|{_SUFFIX}|{_VERSION}|{_CONTEXT})|\s(?:{_SIZE}|{_CAP_SUFFIX}|v\d+(?:\.\d+)*)|\s?\(\d+(?:\.\d+)?[BM]\))*"
    rf"(?P<pl>s)?(?:(?<=\))|(?![\w\-]))"
)


class ModelGrammar:
    """Finds model names built from known families (and sized names of unknown ones)."""

    def __init__(self, families: Iterable[str]) -> None:
        fams = sorted({f for f in families if f and len(f) >= 2}, key=len, reverse=True)
        self._patterns = fams
        self._matcher = overlapping_matcher(fams, dfa=True)

    def _family_spans(self, text: str) -> Iterator[tuple[int, int]]:
        for _, start, end in self._matcher.find_matches_as_indexes(text, overlapping=True):
            yield start, end

    def find(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        taken_until = -1
        best: dict[int, tuple[int, int]] = {}
        for start, fam_end in self._family_spans(text):
            s0 = start
            if start > 0:
                ch = text[start - 1]
                if ch == "-":
                    pm = _PREFIX_BEFORE.search(text, max(0, start - 24), start)
                    if pm is None:
                        continue
                    s0 = pm.start()  # "Flan-T5", "Echo-BERT"
                elif ch.isalnum() or ch in "_./":
                    continue
            sm = _SIZE_BEFORE.search(text, max(0, s0 - 12), s0)
            if sm is not None:
                s0 = sm.start()  # "70B Llama-2"
            tm = _TAIL.match(text, fam_end)
            if tm is None:
                continue
            end = tm.end()
            if tm.group("pl") and tm.group("ver"):
                end -= 1
            if s0 not in best or best[s0][1] < end:
                best[s0] = (s0, end)
        for s0 in sorted(best):
            _, end = best[s0]
            if s0 < taken_until:
                continue
            surface = text[s0:end].rstrip(" -")
            if surface.endswith("(") or surface.count("(") != surface.count(")"):
                surface = surface[: surface.rfind("(")].rstrip()
            out.append(Candidate(s0, s0 + len(surface), surface, STRONG, "model-grammar", type=EntityType.MODEL))
            taken_until = s0 + len(surface)
        for m in _size_matches(text):
            if m.start() == 0 or text[m.start() - 1] not in "- ":
                continue  # the size must follow a name after "-" or " "
            hyphen = text[m.start() - 1] == "-"
            if not hyphen and m.group().rstrip("-").endswith("b"):
                continue  # "7b" only in a hyphenated name ("Zephon-7b"), not "with 7b"
            hm = _HEAD_BEFORE.search(text, max(0, m.start() - 41), m.start() - 1)
            if hm is None:
                continue
            start = hm.start(1)
            if any(c.start <= start < c.end or c.start < m.end() <= c.end for c in out):
                continue
            head = hm.group(1)
            if not (any(c.isupper() for c in head[1:]) or any(c.isdigit() for c in head) or "-" in head
                    or (hyphen and len(head) >= 4)):
                continue  # "With 7B", "Our 1B": a plain capitalised word is no model name ("Zephon-7B" is)
            out.append(Candidate(start, m.end(), text[start:m.end()], STRONG, "model-size", type=EntityType.MODEL))
        out.sort(key=lambda c: c.start)
        return out
