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
from typing import Any

_ABBREVIATIONS = {
    "e.g", "i.e", "et al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "no", "approx",
    "resp", "incl", "dr", "mr", "ms", "prof", "st", "tab", "ref", "refs", "al", "viz", "ca", "i.i.d",
    "a.k.a", "w.r.t", "e.t.c", "ph.d", "u.s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "vol", "pp", "ch", "sect", "appx", "nos", "avg", "est", "max", "min",
}
# A candidate boundary: ., ! or ? (plus closing quotes/brackets) then whitespace and something
# that can open a sentence; or a line break.
_MARK = re.compile(r"[.!?\n]")
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘(["
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _mark_offsets(text: str) -> list[int]:
    """Offsets of ``.``, ``!``, ``?`` and line breaks in order (``_MARK.finditer``); a ``str.find``
    loop per mark is several times cheaper than a regex or automaton scan for four characters.

    >>> _mark_offsets("A? B. C!\\nD.")
    [1, 4, 7, 8, 10]
    """
    offsets: list[int] = []
    for mark in ".!?\n":
        i = text.find(mark)
        while i >= 0:
            offsets.append(i)
            i = text.find(mark, i + 1)
    offsets.sort()
    return offsets


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into ``(start, end, sentence)`` with character offsets into ``text``."""
    out: list[tuple[int, int, str]] = []
    start = 0
    n = len(text)
    for i in _mark_offsets(text):
        if text[i] == "\n":
            sentence_end, nxt = i, i + 1
        else:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            k = j
            while k < n and text[k] in " \t\r\n":
                k += 1
            if k == j or k >= n:
                continue  # no space after the mark: "3.5", "e.g.,", "github.com"
            first = text[k + 1] if text[k] in _OPENERS and k + 1 < n else text[k]
            if not (first.isupper() or first.isdigit()):
                continue
            if text[i] == ".":
                before = _WORD_BEFORE.search(text, max(start, i - 16), i + 1)
                word = before.group(1).rstrip(".") if before else ""
                if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue  # "e.g. X", "et al. 2020", initials such as "J. Smith"
            sentence_end, nxt = j, k
        if text[start:sentence_end].strip():
            out.append((start, sentence_end, text[start:sentence_end]))
        start = nxt
        while start < n and text[start] in " \t\r\n":
            start += 1
    if start < n and text[start:].strip():
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
        #: where each sentence starts (sorted; bisect it to find the sentence of an offset)
        self.starts = [s for s, _, _ in self.sentences]
        #: per-sentence flags that rules compute once and share (sentence index -> bool)
        self.flags: dict[int, bool] = {}
        #: memo of per-span decisions the rules share within one text
        self.memo: dict[object, Any] = {}
        #: per-sentence spans of proposing verbs (filled on demand by the extractor)
        self.verbs: dict[int, list[tuple[int, int]]] = {}

    def at(self, offset: int) -> int:
        """Index of the sentence that holds ``offset`` (the previous one in a gap)."""
        i = bisect_right(self.starts, offset) - 1
        return i if i > 0 else 0
