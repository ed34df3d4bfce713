"""The curated gazetteer: known ML names, model families and terms that are never entities.

Three data files ship in ``loaders/data/`` (each explains in its ``#`` header how to extend it):

- ``gazetteer.tsv``: ``name<TAB>type<TAB>alt_type<TAB>alias|alias|...``
- ``model_families.tsv``: ``family<TAB>organisation<TAB>spelling|spelling``, the heads of the
  model-name grammar (case-sensitive spellings)
- ``not_entities.txt``: one generic term, field, task or paradigm a line

Matching runs Aho-Corasick automata over the text, then keeps matches on word
boundaries whose case fits: acronyms only in capitals (``OPT``, not "opt" or
"Opt"), mixed-case names with an inner capital (``ComplEx``, ``LLaMa``, not "Complex").

>>> g = Gazetteer.from_rows([("GLUE", "Benchmark", "", ""), ("LLaMA", "Model", "", "Llama")], [], [])
>>> [(m.surface, m.entry.name, m.entry.type.value) for m in g.find("We tune llama and LLaMa on GLUE.")]
[('LLaMa', 'LLaMA', 'Model'), ('GLUE', 'GLUE', 'Benchmark')]
>>> g.is_not_entity("Large Language Models")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick_rs

from citegraph.errors import CitegraphError
from citegraph.models import EntityType

_TYPES = {t.value.casefold(): t for t in EntityType}
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])[- ](?=\d)|(?<=\d)[- ](?=[A-Za-z]{1,2}\b)")


def overlapping_matcher(patterns: Sequence[str], dfa: bool = False) -> ahocorasick_rs.AhoCorasick:
    """A matcher whose ``find_matches_as_indexes(text, overlapping=True)`` lists
    ``(pattern index, start, end)`` for every occurrence of every pattern, in character offsets,
    ordered by end. ``dfa`` compiles a full DFA: faster searches
    for a few hundred patterns, too much memory for the whole gazetteer (about 30 MB a process).
    Otherwise the NFA is contiguous: a fifth faster than the default noncontiguous one on the
    daily pages, and no larger.

    >>> m = overlapping_matcher(["gpt", "chatgpt"])
    >>> m.find_matches_as_indexes("a chatgpt", overlapping=True)
    [(1, 2, 9), (0, 6, 9)]
    """
    if dfa:
        return ahocorasick_rs.AhoCorasick(list(patterns), implementation=ahocorasick_rs.Implementation.DFA)
    return ahocorasick_rs.AhoCorasick(list(patterns), implementation=ahocorasick_rs.Implementation.ContiguousNFA)


class GazetteerError(CitegraphError):
    """A gazetteer data file is missing or has a malformed line."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known name: canonical spelling, main type, the other fair type, aliases."""

    name: str
    type: EntityType
    alt_type: EntityType | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer name found in a text, with offsets into that text."""

    start: int
    end: int
    surface: str
    entry: GazetteerEntry


_MARK = "\x01"
_MARK_ASCII = str.maketrans({c: _MARK for c in map(chr, range(128)) if not (c.isalnum() or c in "_-")})
_MARKED_ENDS = (_MARK, "s", "-")  # what may follow a name: see Gazetteer.find


def _marked(text: str) -> str:
    """``text`` with every character that is not a letter, digit, ``_`` or ``-`` replaced by
    ``_MARK``, so a name's word boundaries can be part of the pattern an automaton searches.

    >>> _marked("(GPT-4) über “x”_y").replace(_MARK, "|")
    '|GPT-4||über||x|_y'
    """
    out = text.translate(_MARK_ASCII)
    if out.isascii():
        return out
    return "".join(c if c.isascii() or c.isalnum() else _MARK for c in out)


_DECIMAL_DOT = re.compile(r"(?<=\d)\.(?=\d)")
_DROP_SEPARATORS = str.maketrans("", "", " \t\n\r-_.‐‑–")


@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """The key names are compared by: case-folded, without hyphens, spaces, dots, underscores.

    A dot between digits is kept (as ``p``) so sizes and versions stay apart.

    >>> match_key("Llama-3.1 8B"), match_key("GPT4"), match_key("OPT-1.3B") == match_key("OPT-13B")
    ('llama3p18b', 'gpt4', False)
    """
    if "." in name:
        name = _DECIMAL_DOT.sub("p", name)  # keep 1.3B apart from 13B
    return name.translate(_DROP_SEPARATORS).casefold()


def acronym_plural(name: str) -> bool:
    """An acronym with its plural's small ``s`` ("LLMs"); a capital S ends a name ("PARIS").

    >>> acronym_plural("LLMs"), acronym_plural("PARIS"), acronym_plural("Transformers")
    (True, False, False)
    """
    return name.endswith("s") and name[:-1].isupper()


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _variants(alias: str) -> set[str]:
    """Spelling variants of one alias: hyphen/space swaps, letter-digit joins."""
    out = {alias}
    if "-" in alias:
        out.add(alias.replace("-", " "))
    if " " in alias:
        out.add(alias.replace(" ", "-"))
    out.add(_LETTER_DIGIT.sub("", alias))  # GPT-4 -> GPT4, Llama 2 -> Llama2
    out.add(re.sub(r"(?<=[A-Za-z])(?=\d)", "-", alias, count=1))  # GPT4 -> GPT-4
    return {v for v in out if len(v) >= 2}


@lru_cache(maxsize=1 << 16)
def _case_ok(surface: str, pattern: str) -> bool:
    """Whether ``surface`` (found case-insensitively) is a fair spelling of ``pattern`` (cached:
    the same spellings recur across abstracts)."""
    if surface == pattern or not any(c.isupper() for c in pattern):
        return True
    if not any(c.isupper() for c in surface):
        return False  # "opt", "yi", "bert" in lower case are words or typos, not the name
    letters = [c for c in pattern if c.isalpha()]
    if len(pattern) <= 3 or all(c.isupper() for c in letters):
        return surface.upper() == surface  # acronyms only in capitals: "OPUS" is not "Opus"
    if any(c.isupper() for c in pattern[1:]) and any(c.islower() for c in pattern):
        # a mixed-case name (ComplEx, VeRA) is its case: "Complex" is a word; capitals are fine
        return surface == pattern or any(c.isupper() for c in surface[1:])
    return True


_ADJ_AFTER = re.compile(r"-(?:based|like|style|type|only|free|aware|specific|level|scale|sized|size|class|"
                        r"family|series|generated|guided|driven|inspired|derived|tuned|trained|augmented|"
                        r"powered|assisted|enhanced|initiali[sz]ed|distilled|compatible|native|centric)\b")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class Gazetteer:
    """Known names (with types), model families, and never-entities, with fast lookup."""

    def __init__(self, entries: Sequence[GazetteerEntry], families: Iterable[str] | dict[str, str],
                 not_entities: Iterable[str]):
        self.entries = list(entries)
        fam_map = families if isinstance(families, dict) else {f: f for f in families}
        #: spelling -> canonical family name
        self.family_of: dict[str, str] = {k: v for k, v in fam_map.items() if k}
        self.families = sorted(self.family_of, key=lambda f: (-len(f), f))
        terms = [t.strip() for t in not_entities if t.strip()]
        self._not_exact = set(terms)
        self._not = {match_key(t) for t in terms if len(match_key(t)) > 5}
        self._by_key: dict[str, GazetteerEntry] = {}
        self._lookup_cache: dict[str, GazetteerEntry | None] = {}
        self._not_entity_cache: dict[str, bool] = {}
        # one automaton over the lower-cased text; acronyms and short names then only match in
        # their listed case, longer names in any fair case (see _case_ok)
        forms: dict[str, list[tuple[str, GazetteerEntry]]] = {}
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                self._by_key.setdefault(match_key(alias), entry)
                for v in _variants(alias):
                    same = forms.setdefault(_lower(v), [])
                    if all(v != w for w, _ in same):  # first entry listed wins
                        same.append((v, entry))
        self._patterns = list(forms)
        self._payload = [tuple(same) for same in forms.values()]
        # The automaton finds names only where a word starts and may end: each pattern is searched
        # with a mark before it and a mark, "s" or "-" after it, in a copy of the lower-cased text
        # where every character that is not a letter, digit, "_" or "-" is that mark (and one mark
        # opens and closes the text). So hits inside words ("per" in "perform", "wit" in "with")
        # never reach Python: 7 hits an abstract of the daily pages instead of 53 for a plain search.
        # Patterns whose marked forms agree ("llama 2", "llama.2") share a slot; each hit is checked
        # against the lower-cased text.
        marked: dict[str, list[int]] = {}
        for key, pattern in enumerate(self._patterns):
            marked.setdefault(_marked(pattern), []).append(key)
        self._marked_keys = [tuple(keys) for keys in marked.values()]
        self._matcher = overlapping_matcher([_MARK + m + after for m in marked for after in _MARKED_ENDS])

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]], families: Iterable[str],
                  not_entities: Iterable[str]) -> Gazetteer:
        """Build from ``(name, type, alt_type, "alias|alias")`` rows (see the doctest above)."""
        entries = []
        for row in rows:
            name, type_, alt, aliases = (list(row) + ["", "", "", ""])[:4]
            entries.append(GazetteerEntry(
                name.strip(), _TYPES[type_.strip().casefold()],
                _TYPES.get(alt.strip().casefold()) if alt.strip() else None,
                tuple(a.strip() for a in aliases.split("|") if a.strip())))
        return cls(entries, families, not_entities)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry whose name or alias has the same :func:`match_key` as ``name``."""
        try:
            return self._lookup_cache[name]
        except KeyError:
            pass
        key = match_key(name)
        found = self._by_key.get(key)
        if found is None and len(key) > 3 and key.endswith("s"):
            found = self._by_key.get(key[:-1])
        if len(self._lookup_cache) < 200_000:
            self._lookup_cache[name] = found
        return found

    def is_not_entity(self, name: str) -> bool:
        """True for generic terms, fields, tasks and paradigms listed in ``not_entities.txt``."""
        try:
            return self._not_entity_cache[name]
        except KeyError:
            pass
        found = self._is_not_entity(name)
        if len(self._not_entity_cache) < 200_000:
            self._not_entity_cache[name] = found
        return found

    def _is_not_entity(self, name: str) -> bool:
        name = name.strip()
        if name in self._not_exact or (name.endswith("s") and name[:-1] in self._not_exact):
            return True
        key = match_key(name)
        return key in self._not or (key.endswith("s") and key[:-1] in self._not)

    def find(self, text: str) -> list[GazetteerMatch]:
        """Non-overlapping matches in ``text``, longest first, on word boundaries.

        A plural ``s`` (``Transformers``) and an adjective suffix (``Transformer-based``) may follow.
        """
        best: dict[int, tuple[int, str, GazetteerEntry]] = {}
        n = len(text)
        # hits are (payload index, start, end) on a word start; the payload is looked up only there
        payload = self._payload
        for key, start, end in self._word_start_hits(text):
            length = end - start
            if end < n:
                ch = text[end]
                if ch.isalnum() or ch == "_":
                    # allow a plural "s" (Transformers, LLaMAs) but nothing else
                    if not (ch == "s" and (end + 1 == n or not _is_word_char(text[end + 1]))
                            and text[end - 1].isalpha()):
                        continue
                    end += 1
                elif ch == "-" and end + 1 < n and text[end + 1].isalnum() and not _ADJ_AFTER.match(text, end):
                    continue  # part of a longer hyphenated name: GPT-4 in GPT-4-Turbo
            head = text[start:start + length]
            for pattern, entry in payload[key]:
                if _case_ok(head, pattern):
                    if start not in best or best[start][0] < end:
                        best[start] = (end, text[start:end], entry)
                    break
        out: list[GazetteerMatch] = []
        last_end = -1
        for start in sorted(best):
            end, surface, entry = best[start]
            if start < last_end:
                continue
            out.append(GazetteerMatch(start, end, surface, entry))
            last_end = end
        return out

    def _word_start_hits(self, text: str) -> Iterator[tuple[int, int, int]]:
        """``(pattern index, start, end)`` of the patterns occurring (case-insensitively) where a
        word starts (not after a letter, digit, ``_`` or ``-``) and may end (before the text's end,
        a character that is none of these, ``s`` or ``-``). In order of ``end``."""
        low = _lower(text)
        patterns, slots, ends = self._patterns, self._marked_keys, len(_MARKED_ENDS)
        for hit, start, end in self._matcher.find_matches_as_indexes(_MARK + _marked(low) + _MARK, overlapping=True):
            # the match starts at the mark before the name and ends one character after it
            for key in slots[hit // ends]:
                if low.startswith(patterns[key], start):
                    yield key, start, end - 2


def _data_lines(filename: str) -> list[str]:
    try:
        text = resources.files("citegraph.loaders").joinpath("data", filename).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise GazetteerError(f"loaders/data/{filename}: missing; reinstall citegraph") from err
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _parse_gazetteer(lines: list[str]) -> list[tuple[str, ...]]:
    rows = []
    for i, line in enumerate(lines, 1):
        cols = line.split("\t")
        if len(cols) < 2 or cols[1].strip().casefold() not in _TYPES:
            raise GazetteerError(f"loaders/data/gazetteer.tsv: data line {i} {line[:60]!r} needs "
                                 "name<TAB>type<TAB>alt_type<TAB>aliases with a known type")
        if len(cols) > 2 and cols[2].strip() and cols[2].strip().casefold() not in _TYPES:
            raise GazetteerError(f"loaders/data/gazetteer.tsv: data line {i}: unknown alt_type {cols[2]!r}")
        rows.append(tuple(cols))
    return rows


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with citegraph (loaded once per process)."""
    rows = _parse_gazetteer(_data_lines("gazetteer.tsv"))
    families: dict[str, str] = {}
    for line in _data_lines("model_families.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        for spelling in [cols[0], *(cols[2].split("|") if len(cols) > 2 else [])]:
            if spelling.strip():
                families.setdefault(spelling.strip(), cols[0])
    return Gazetteer.from_rows(rows, families, _data_lines("not_entities.txt"))
