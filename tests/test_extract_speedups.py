"""The fast paths of the extractor give exactly what the plain regex / automaton gives.

Each speed-up in ``loaders/`` replaces a whole-text regex scan or a plain multi-pattern search by a
cheaper one that must return the same matches in the same order. These tests compare both
on the shared daily pages, the dev set and random strings built from the words and characters
the patterns themselves use, so that a later change to one of those patterns that the fast path
does not follow fails here instead of silently changing the output.
"""

from __future__ import annotations

import json
import random
import re
import string

import pytest

from citegraph.loaders import (
    anchored,
    extract_filters,
    extract_rules,
    extract_types,
    gazetteer,
    model_names,
    name_shapes,
    sentences,
)
from citegraph.loaders.gazetteer import Gazetteer, default_gazetteer
from citegraph.pipeline import load_papers

from .conftest import DEV_PAPERS


@pytest.fixture(scope="module")
def real_texts(daily_pages) -> list[str]:
    texts = [p.text for p in load_papers(daily_pages) if p.abstract]
    if DEV_PAPERS.is_file():
        for line in DEV_PAPERS.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            texts.append(rec.get("title", "") + "\n" + rec.get("abstract", ""))
    return texts


def _words_of(pattern: re.Pattern[str]) -> list[str]:
    return sorted(set(re.findall(r"[A-Za-z]{2,}", pattern.pattern)))


def _random_texts(pieces: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    glue = ["", " ", "  ", "-", "\n", ".", ",", "é", "\u00a0"]
    return ["".join(rnd.choice(pieces) + rnd.choice(glue) for _ in range(rnd.randint(1, 12))) for _ in range(n)]


def _spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


def test_size_suffixes_match_the_regex(real_texts):
    pieces = list(string.digits + string.ascii_uppercase) + ["x", ".", "Llama", "7B", "1.5B", "8x7B", "-Instruct",
                                                             *_words_of(model_names._SIZE_AFTER_NAME)]
    for text in real_texts + _random_texts(pieces, 20000, seed=1):
        assert _spans(model_names._size_matches(text)) == _spans(model_names._SIZE_AFTER_NAME.finditer(text)), text


def test_type_noun_cues_match_the_regex(real_texts):
    words = _words_of(name_shapes._TYPE_NOUN)
    pieces = words + [w + "s" for w in words] + [w.upper() for w in words] + ["data sets", "test sets", "X", "the"]
    for text in real_texts + _random_texts(pieces, 20000, seed=2):
        assert _spans(name_shapes._type_noun_matches(text)) == _spans(name_shapes._TYPE_NOUN.finditer(text)), text


def test_noun_stem_test_matches_the_regex(real_texts):
    pieces = [*extract_types._NOUN_STEMS, *(s.upper() for s in extract_types._NOUN_STEMS), "Model", "x", "ſuite"]
    for text in real_texts + _random_texts(pieces, 20000, seed=3):
        for pos in (0, max(0, len(text) - 48)):
            expected = extract_types._NOUN_STEM_RX.search(text, pos) is not None
            assert extract_types._has_noun_stem(text, pos) == expected, (text, pos)


class _PlainSearch:
    """Every occurrence of every pattern by ``str.find``, ordered as the automaton orders them
    (by end, the longer first): the reference the ahocorasick-rs matchers are checked against."""

    def __init__(self, patterns):
        self.patterns = list(patterns)

    def find_matches_as_indexes(self, text, overlapping=True):
        hits = []
        for i, pattern in enumerate(self.patterns):
            at = text.find(pattern)
            while at >= 0:
                hits.append((i, at, at + len(pattern)))
                at = text.find(pattern, at + 1)
        return sorted(hits, key=lambda hit: (hit[2], hit[1]))


def _plain_word_start_hits(gaz: Gazetteer):
    """What ``Gazetteer._word_start_hits`` must keep: every occurrence of every pattern in the
    lower-cased text, by ``str.find``, not after a letter, digit, ``_`` or ``-`` (``find`` drops
    the hits that end inside a word on its own)."""
    plain = _PlainSearch(gaz._patterns)

    def hits(text):
        for key, start, end in plain.find_matches_as_indexes(gazetteer._lower(text)):
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-"):
                yield key, start, end

    return hits


def test_automaton_searches_match_a_plain_substring_search(real_texts, monkeypatch):
    gaz = default_gazetteer()
    grammar = model_names.ModelGrammar(gaz.families)
    texts = real_texts
    split = [s for text in texts for _, _, s in sentences.split_sentences(text)]

    def searches():
        return ([gaz.find(t) for t in texts], [list(grammar._family_spans(t)) for t in texts],
                [extract_filters.verb_spans(s) for s in split],
                [[m.span() for m in model_names._size_matches(t)] for t in texts],
                [_spans(name_shapes._type_noun_matches(t)) for t in texts])

    fast = searches()
    assert sum(map(len, fast[0])) > 100 and sum(map(len, fast[2])) > 50  # the texts exercise the searches
    monkeypatch.setattr(gaz, "_word_start_hits", _plain_word_start_hits(gaz))
    monkeypatch.setattr(grammar, "_matcher", _PlainSearch(grammar._patterns))
    monkeypatch.setattr(extract_filters, "_VERB_FINDER", _PlainSearch(extract_filters._VERB_STEMS))
    monkeypatch.setattr(anchored.LITERALS, "_last", (None, []))  # every group searched on its own:
    monkeypatch.setattr(anchored.LITERALS, "_search", lambda text: [
        _PlainSearch(words).find_matches_as_indexes(text) for words in anchored.LITERALS._groups])
    assert fast == searches()


def test_shared_literal_pass_gives_each_group_its_own_hits(real_texts):
    groups = [anchored.LiteralGroup(anchored.LITERALS, gid, words)
              for gid, words in enumerate(anchored.LITERALS._groups)]
    assert len(groups) >= 6  # naming, a.k.a., method nouns, URL hints, type nouns, size suffixes
    words = sorted({w for g in groups for w in g.literals})
    pieces = words + [w.upper() for w in words] + ["x", " ", "-", "7", "é", "ab"]
    for text in real_texts + _random_texts(pieces, 5000, seed=7):
        for g in groups:
            assert g.find(text) == _PlainSearch(g.literals).find_matches_as_indexes(text), (text, g.literals)


def test_shared_literal_pass_keeps_only_the_last_text():
    scan = anchored.SharedLiteralScan()
    nouns, sizes = scan.group(["data", "bench"]), scan.group(["7B"])
    first, second = "our data, a 7B model", "no data"
    assert nouns.find(first) == [(0, 4, 8)] and sizes.find(first) == [(0, 12, 14)]
    assert nouns.find(second) == [(0, 3, 7)] and sizes.find(second) == []
    assert sizes.find(first) == [(0, 12, 14)]  # scanned again, not a stale answer
    late = scan.group(["model"])  # a group added later recompiles the pass
    assert late.find(first) == [(0, 15, 20)] and nouns.find(first) == [(0, 4, 8)]
    with pytest.raises(ValueError):
        scan.group(["a", "a"])


def test_sentence_marks_match_the_regex(real_texts):
    pieces = [".", "!", "?", "\n", "e.g.", "3.5", "A", "word", " ", "é", "\u2028"]
    for text in real_texts + _random_texts(pieces, 20000, seed=5):
        assert sentences._mark_offsets(text) == [m.start() for m in sentences._MARK.finditer(text)], text


def test_gazetteer_fast_path_on_non_ascii_text():
    g = Gazetteer.from_rows([("GPT-4", "Model", "", "GPT4"), ("GLUE", "Benchmark", "", "")], [], [])
    text = "Über GPT-4 — and “GLUE”, GPT4s; 中文 GLUE."
    fast = g.find(text)
    g._word_start_hits = _plain_word_start_hits(g)  # type: ignore[method-assign]
    assert fast == g.find(text)
    assert [m.surface for m in fast] == ["GPT-4", "GLUE", "GLUE"]  # "GPT4s": no plural after a digit
    assert all(text[m.start:m.end] == m.surface for m in fast)  # character offsets, not bytes


def test_gazetteer_word_boundaries_match_a_plain_search_on_random_text(monkeypatch):
    """Names beside every kind of neighbour: marks, plural s (either case), hyphens, digits,
    underscores, non-ASCII letters and punctuation, a letter whose lower case is two letters."""
    gaz = default_gazetteer()
    rnd = random.Random(8)
    names = rnd.sample(sorted({n for e in gaz.entries for n in (e.name, *e.aliases)}), 300)
    pieces = names + [n.lower() for n in names[:60]] + [n.upper() for n in names[:60]] + [
        "s", "S", "-", "_", "7", "x", "é", "İ", "—", "“", "”", "(", ")", ".", "-based", "-7B", "\n", "中文"]
    texts = _random_texts(pieces, 4000, seed=9)
    fast = [gaz.find(t) for t in texts]
    assert sum(map(len, fast)) > 2000
    monkeypatch.setattr(gaz, "_word_start_hits", _plain_word_start_hits(gaz))
    assert fast == [gaz.find(t) for t in texts]


@pytest.mark.parametrize("scan", [extract_rules._AKA_SCAN, extract_rules._NAMING_SCAN, name_shapes._METHOD_NOUN_SCAN,
                                  extract_filters._URL_HINT_SCAN], ids=["aka", "naming", "method-noun", "url"])
def test_anchored_scans_match_the_regex(real_texts, scan):
    words = _words_of(scan.pattern)
    pieces = words + [w.capitalize() for w in words] + [w.upper() for w in words] + [
        "a.k.a.", "a.k.a", "aka", "also known as", ", called", ",\ncalled", " ", "X", "ZapNet", "Zap-2", "(", "s",
        "://", "www.", ".", "@", "https", "github", ".com", ".io", ".ai", "_"]
    for text in real_texts + _random_texts(pieces, 20000, seed=4):
        assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text)), text


def test_longer_covers_match_the_pairwise_test():
    from citegraph.loaders.entity_assembly import _LongerCovers

    rnd = random.Random(6)
    for _ in range(3000):
        covers = [(a, a + rnd.randint(1, 12)) for a in (rnd.randint(0, 40) for _ in range(rnd.randint(0, 6)))]
        index = _LongerCovers(covers)
        for _ in range(10):
            s = rnd.randint(0, 45)
            e = s + rnd.randint(1, 12)
            expected = any(a <= s and e <= b and (b - a) > (e - s) for a, b in covers)
            assert index.holds(s, e) == expected, (covers, s, e)
