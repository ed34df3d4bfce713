"""The compact graph-building paths give exactly what the plain, slow definitions give."""

from __future__ import annotations

import random
import tracemalloc
from itertools import combinations

import networkx as nx
import pytest
from rapidfuzz.fuzz import ratio

from citegraph.graph.builder import add_edge_rows
from citegraph.graph.comention import (
    CoMentionTable,
    association_strength,
    co_mention_edges,
    npmi,
    pair_occurrences,
)
from citegraph.graph.resolve import FUZZY_MIN_RATIO, _near_pairs
from citegraph.graph.shared_keys import SharedKeyDicts


def _naive_co_mentions(per_paper, min_papers, max_examples, max_entities):
    """The definition, pair by pair in Python (the code before the packed-integer version)."""
    count: dict[str, int] = {}
    pairs: dict[tuple[str, str], list] = {}
    for pid in sorted(per_paper):
        by_entity = per_paper[pid]
        for e in by_entity:
            count[e] = count.get(e, 0) + 1
        ids = sorted(list(by_entity)[:max_entities])
        for u, v in combinations(ids, 2):
            shared = len(set(by_entity[u]) & set(by_entity[v]))
            rec = pairs.setdefault((u, v), [0, 0, [], []])
            rec[0] += 1
            rec[1] += shared
            (rec[2] if shared else rec[3]).append(pid)
    n = len(per_paper)
    return [(u, v, {"papers": c, "sentences": s,
                    "association_strength": round(association_strength(c, count[u], count[v], n), 6),
                    "npmi": round(npmi(c, count[u], count[v], n), 6), "weight": float(c),
                    "example_papers": (same + other)[:max_examples]})
            for (u, v), (c, s, same, other) in sorted(pairs.items()) if c >= min_papers]


def _random_corpus(seed: int, n_papers: int = 60, vocabulary: int = 25) -> dict[str, dict[str, list[int]]]:
    rng = random.Random(seed)
    names = [f"e{i:02d}" for i in range(vocabulary)]
    corpus = {}
    for _ in range(n_papers):
        ents = rng.sample(names, rng.randint(0, 12))
        corpus[f"p{rng.randint(0, 10**6):07d}"] = {e: [rng.randint(0, 4) for _i in range(rng.randint(1, 3))]
                                                  for e in ents}
    return corpus


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("min_papers", "max_examples", "max_entities"), [(1, 5, 40), (2, 2, 5), (3, 1, 8)])
def test_co_mentions_equal_the_pairwise_definition(seed, min_papers, max_examples, max_entities):
    corpus = _random_corpus(seed)
    got = [(e.source, e.target, e.properties)
           for e in co_mention_edges(corpus, min_papers, max_examples, max_entities=max_entities)]
    assert got == _naive_co_mentions(corpus, min_papers, max_examples, max_entities)
    assert got, "the random corpus should give pairs"


def test_pair_occurrences_take_a_stream_in_id_order_only():
    corpus = _random_corpus(1)
    streamed = pair_occurrences(iter(sorted(corpus.items())))
    whole = pair_occurrences(corpus)
    assert streamed.pair.tolist() == whole.pair.tolist() and streamed.shared.tolist() == whole.shared.tolist()
    with pytest.raises(ValueError, match="increasing id order"):
        pair_occurrences(iter([("b", {"x": [0]}), ("a", {"x": [0]})]))


def test_the_table_uses_up_the_occurrences_it_is_built_from():
    corpus = _random_corpus(2)
    occ = pair_occurrences(corpus)
    table = CoMentionTable.build(occ, len(corpus))
    assert len(occ.pair) == len(occ.paper) == len(occ.shared) == 0  # let go at the build's peak
    assert list(table.rows()) == list(CoMentionTable.build(pair_occurrences(corpus), len(corpus)).rows())


def test_edge_property_dicts_share_their_keys():
    three = SharedKeyDicts("type", "count", "evidence")
    d = three("MENTIONS", 2, ["s"])
    assert d == {"type": "MENTIONS", "count": 2, "evidence": ["s"]} and type(d) is dict

    def traced_bytes(make):  # memory of 2,000 dicts (sys.getsizeof counts the shared keys in each)
        tracemalloc.start()
        kept = [make(i) for i in range(2000)]
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        assert len(kept) == 2000
        return size

    shared = traced_bytes(lambda i: three("MENTIONS", i, None))
    display = traced_bytes(lambda i: {"type": "MENTIONS", "count": i, "evidence": None})
    assert shared < 0.7 * display
    d["weight"] = 1.0  # any dict operation still works (this one gives the dict its own keys)
    assert list(d) == ["type", "count", "evidence", "weight"]


def test_shared_key_dicts_of_keys_that_are_no_python_names():
    odd = SharedKeyDicts("a-b", "class", "__class__")  # set item by item: no attribute stores for these
    assert odd(1, 2, 3) == {"a-b": 1, "class": 2, "__class__": 3}
    assert SharedKeyDicts()() == {}
    with pytest.raises(ValueError):
        SharedKeyDicts("type", "count")("MENTIONS")
    with pytest.raises(ValueError):
        odd(1, 2)


def test_co_mentions_of_papers_without_pairs():
    assert co_mention_edges({}) == [] and co_mention_edges({"p": {"a": [0]}, "q": {}}) == []


def test_near_pairs_equal_every_pairwise_ratio():
    rng = random.Random(3)
    base = ["transformer", "tokenizer", "tranformers", "trainer", "transformers", "transform"]
    keys = sorted({w + rng.choice(["", "s", "x", "er"]) for w in base for _ in range(4)})
    expected = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if ratio(a, b) >= FUZZY_MIN_RATIO]
    assert sorted(_near_pairs(keys)) == sorted(expected)
    assert expected


def test_add_edge_rows_builds_the_graph_add_edge_builds():
    rows = [("a", "b", "X", {"type": "X", "w": 1}), ("a", "b", "Y", {"type": "Y"}), ("b", "a", "X", {}),
            ("a", "b", "X", {"w": 2, "z": 0}), ("c", "c", "X", {"type": "X"})]
    fast, slow = nx.MultiDiGraph(), nx.MultiDiGraph()
    fast.add_node("a", label="A")
    slow.add_node("a", label="A")
    add_edge_rows(fast, [(u, v, k, dict(d)) for u, v, k, d in rows])
    for u, v, k, d in rows:
        slow.add_edge(u, v, key=k, **d)
    assert list(fast.nodes(data=True)) == list(slow.nodes(data=True))
    assert list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True))
    assert list(fast.in_edges("b", keys=True, data=True)) == list(slow.in_edges("b", keys=True, data=True))
    assert nx.utils.graphs_equal(fast, slow)
