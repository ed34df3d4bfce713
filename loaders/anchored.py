"""Regex scans tried only where a literal word that starts every match occurs, and the one
automaton pass that finds the literal words of every such search at once.

``pattern.finditer(text)`` tries the pattern at every character. When every match begins at
one of a few literal words (or a fixed number of characters before one, such as the space
in front of ``framework``), the places where those words occur are found first and the
pattern is tried there only, left to right, skipping places inside the previous match: the
same matches in the same order as ``finditer``, for a fraction of the cost.

The literal words of all these searches (naming cues, ``a.k.a.``, method nouns, URL hints,
type nouns, size suffixes) go into one shared DFA (:data:`LITERALS`), run once per text:
each extra small automaton would cost another pass over the text, and a pass costs far more
than sorting its few hits out.

>>> scan = AnchoredScan(re.compile(r"\\b(?:called|named)\\s+(\\w+)"), {"called": 0, "named": 0})
>>> [m.group(1) for m in scan.finditer("a model called Zap, named after Zip, renamed Zop")]
['Zap', 'after']
>>> scan = AnchoredScan(re.compile(r" (?:loss|sampler)s?\\b"), {"loss": 1, "sampler": 1})
>>> [m.span() for m in scan.finditer("a loss and samplers, not glosses")]
[(1, 6), (10, 19)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ahocorasick_rs

from .gazetteer import overlapping_matcher

Hit = tuple[int, int, int]  # (index of the literal in its group, start, end)


class LiteralGroup:
    """The literal words of one search, found by the shared pass of a :class:`SharedLiteralScan`.

    >>> scan = SharedLiteralScan()
    >>> sizes, nouns = scan.group(["7B", "8B"]), scan.group(["data", "bench"])
    >>> sizes.find("a 7B model on our data"), nouns.find("a 7B model on our data")
    ([(0, 2, 4)], [(0, 18, 22)])
    """

    __slots__ = ("_gid", "_scan", "literals")

    def __init__(self, scan: SharedLiteralScan, gid: int, literals: tuple[str, ...]) -> None:
        self._scan, self._gid, self.literals = scan, gid, literals

    def find(self, text: str) -> list[Hit]:
        """What ``overlapping_matcher(self.literals).find_matches_as_indexes(text, overlapping=True)``
        gives: every occurrence, ordered by end. The list is shared: do not change it."""
        return self._scan.hits(text, self._gid)


class SharedLiteralScan:
    """One overlapping DFA search over the literals of every registered group; the hits of the
    last text scanned are kept, so each group asking about the same text costs no new pass.
    (Groups join at import time; the DFA is compiled on the first search.)"""

    def __init__(self) -> None:
        self._groups: list[tuple[str, ...]] = []
        self._matcher: ahocorasick_rs.AhoCorasick | None = None
        self._owners: list[tuple[tuple[int, int], ...]] = []  # unique literal -> (group, index) pairs
        self._last: tuple[str | None, list[list[Hit]]] = (None, [])

    def group(self, literals: Sequence[str]) -> LiteralGroup:
        """Register a search's literal words (case-sensitive, no duplicates)."""
        words = tuple(literals)
        if len(set(words)) != len(words) or not all(words):
            raise ValueError(f"literal words must be distinct and non-empty: {words!r}")
        self._groups.append(words)
        self._matcher, self._last = None, (None, [])
        return LiteralGroup(self, len(self._groups) - 1, words)

    def hits(self, text: str, gid: int) -> list[Hit]:
        """The hits of group ``gid`` in ``text`` (see :meth:`LiteralGroup.find`)."""
        last_text, per_group = self._last  # one read: safe if threads share the scan
        if last_text is not text:
            per_group = self._search(text)
            self._last = (text, per_group)
        return per_group[gid]

    def _search(self, text: str) -> list[list[Hit]]:
        if self._matcher is None:
            owners: dict[str, list[tuple[int, int]]] = {}
            for gid, words in enumerate(self._groups):
                for i, word in enumerate(words):
                    owners.setdefault(word, []).append((gid, i))
            self._owners = [tuple(o) for o in owners.values()]
            self._matcher = overlapping_matcher(list(owners), dfa=True)
        per_group: list[list[Hit]] = [[] for _ in self._groups]
        owners_of = self._owners
        for k, start, end in self._matcher.find_matches_as_indexes(text, overlapping=True):
            for gid, i in owners_of[k]:
                per_group[gid].append((i, start, end))
        return per_group


#: the shared pass of the extractor's small literal searches
LITERALS = SharedLiteralScan()


class AnchoredScan:
    """``pattern.finditer`` tried only at the literal words every match starts with.

    ``literals`` maps each word to how many characters before it a match starts (``0``: at
    the word). The pattern must not match the empty string, and every match must start at
    one of the literals (case-sensitive) shifted back by its offset; tests in
    ``tests/test_extract_speedups.py`` compare both scans.
    """

    def __init__(self, pattern: re.Pattern[str], literals: dict[str, int],
                 scan: SharedLiteralScan = LITERALS) -> None:
        self.pattern = pattern
        self._shifts = list(literals.values())
        self.words = scan.group(list(literals))

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The matches ``self.pattern.finditer(text)`` gives, in the same order."""
        hits = self.words.find(text)
        if not hits:
            return []
        shifts = self._shifts
        starts = sorted({start - shifts[i] for i, start, _ in hits})
        out: list[re.Match[str]] = []
        pos = 0
        for start in starts:
            if start < pos:  # inside the previous match, or before the text
                continue
            m = self.pattern.match(text, start)
            if m is not None:
                out.append(m)
                pos = m.end()
        return out
