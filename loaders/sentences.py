"""Sentence splitting that survives abbreviations, decimals and version numbers.

A line break always ends a sentence (``Paper.text`` puts the title on its own line).

>>> [s for _, _, s in split_sentences("We use GPT-4 (e.g. v1.5) et al. here. It got 42.4% on GLUE. Done")]
['We use GPT-4 (e.g. v1.5) et al. here.', 'It got 42.4% on GLUE.', 'Done']
>>> [s for _, _, s in split_sentences("WebRL: Agents\\nWe compare with Llama-3.1 vs. GPT-4o, i.e. Fig. 2.")]
['WebRL: Agents', 'We compare with Llama-3.1 vs. GPT-4o, i.e. Fig. 2.']
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ABBREVIATIONS = {
    "e.g", "i.e", "et al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "no", "approx",
    "resp", "incl", "dr", "mr", "ms", "prof", "st", "tab", "ref", "refs", "al", "viz", "ca", "i.i.d",
    "a.k.a", "w.r.t", "e.t.c", "ph.d", "u.s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "vol", "pp", "ch", "sect", "appx", "nos", "avg", "est", "max", "min",
}
# A candidate boundary: ., ! or ? (plus closing quotes/brackets) then whitespace and something
# that can open a sentence; or a line break.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into ``(start, end, sentence)`` with character offsets into ``text``."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] in ".!?":
            end = m.start() + 1
            before = _WORD_BEFORE.search(text[max(start, end - 16):end - 1] + ".")
            word = before.group(1).rstrip(".") if before else ""
            if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue  # "e.g. X", "et al. 2020", initials such as "J. Smith"
            sentence_end = m.start() + len(m.group().rstrip())
        else:
            sentence_end = m.start()
        if text[start:sentence_end].strip():
            out.append((start, sentence_end, text[start:sentence_end]))
        start = m.end()
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        out.append((start, end, text[start:end]))
    return out


class SentenceIndex:
    """Sentences of one text, with the sentence holding any character offset.

    >>> idx = SentenceIndex("A is here. B is there.")
    >>> idx.at(12), idx.sentences[idx.at(12)][2]
    (1, 'B is there.')
    """

    def __init__(self, text: str) -> None:
        self.sentences = split_sentences(text) or [(0, len(text), text)]
        self._starts = [s for s, _, _ in self.sentences]
        #: per-sentence flags that rules compute once and share (sentence index -> bool)
        self.flags: dict[int, bool] = {}
        #: memo of per-span decisions the rules share within one text
        self.memo: dict[object, bool] = {}
        #: per-sentence spans of proposing verbs (filled on demand by the extractor)
        self.verbs: dict[int, list[tuple[int, int]]] = {}

    def at(self, offset: int) -> int:
        """Index of the sentence that holds ``offset`` (the previous one in a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)
