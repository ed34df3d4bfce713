"""Sentence splitting that survives abbreviations, decimals and version numbers.

>>> [s for _, _, s in split_sentences("We use GPT-4 (e.g. v1.5) et al. here. It got 42.4% on GLUE. Done")]
['We use GPT-4 (e.g. v1.5) et al. here.', 'It got 42.4% on GLUE.', 'Done']
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "e.g", "i.e", "et al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "no", "approx",
    "resp", "incl", "dr", "mr", "ms", "prof", "st", "tab", "ref", "refs", "al", "viz", "ca", "i.i.d",
}
# A candidate boundary: ., ! or ? (plus closing quotes/brackets), whitespace, then
# something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into ``(start, end, sentence)`` with character offsets."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + 1
        before = _WORD_BEFORE.search(text[start:end - 1] + ".")
        word = before.group(1).rstrip(".") if before else ""
        if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue  # "e.g. X", "et al. 2020", initials such as "J. Smith"
        sentence_end = m.start() + len(m.group().rstrip())
        out.append((start, sentence_end, text[start:sentence_end]))
        start = m.end()
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        out.append((start, end, text[start:end]))
    return out
