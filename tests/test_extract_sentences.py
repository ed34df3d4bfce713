"""Sentence splitting: abbreviations, decimals, versions, initials, the title line."""

from __future__ import annotations

import pytest

from citegraph.loaders.sentences import SentenceIndex, split_sentences


def texts(s: str) -> list[str]:
    return [t for _, _, t in split_sentences(s)]


@pytest.mark.parametrize("text,expected", [
    ("We use methods (e.g. pruning, i.e. sparsity) here. It works.", 2),
    ("As shown by Smith et al. 2020, it helps. Then it fails.", 2),
    ("Accuracy rose from 71.3% to 84.9%. Loss fell by 0.5.", 2),
    ("We compare v1.5 and Llama-3.1 vs. GPT-4o. Gains hold.", 2),
    ("Work by J. R. Smith and A. Lee is cited. A second sentence.", 2),
    ("Is it fast? Yes! It is.", 3),
    ("Results (see Fig. 3 and Sec. 4.2) agree. Good.", 2),
    ("Title: A Study\nAbstract starts here. And ends.", 3),
    ("Lowercase after a dot. like this stays one sentence", 1),
])
def test_split_counts(text, expected):
    assert len(texts(text)) == expected, texts(text)


def test_offsets_index_the_text():
    text = "First sentence. Second one, with GPT-3.5 inside. Third?"
    for start, end, sent in split_sentences(text):
        assert text[start:end] == sent
    idx = SentenceIndex(text)
    assert idx.sentences[idx.at(text.index("GPT-3.5"))][2] == "Second one, with GPT-3.5 inside."


def test_empty_and_single():
    assert split_sentences("") == []
    assert texts("No final stop") == ["No final stop"]
