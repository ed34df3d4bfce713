"""One paper, one record: merge records describing the same paper, across sources.

Two records are the same paper when, in this order, they share

1. an external id: arXiv id (version-less), DOI, Semantic Scholar id,
   OpenAlex id, or the record id of a generic JSON/CSV record;
2. the same title key (case, spacing, punctuation, braces and accents ignored);
3. failing both, a near-identical title: rapidfuzz ratio >= ``FUZZY_THRESHOLD``
   between titles of at least ``MIN_FUZZY_CHARS`` characters whose numbers all
   agree (``GPT-3`` is never ``GPT-4``, ``Llama 2`` never ``Llama 3``).
   Candidates are the papers sharing the first or the second half of the title's
   words (one word more or less allowed), of a length that can reach the
   threshold, and without an id of their own that rules the match out (below).
   A title differing in any one word is found, and a block never holds every
   title ending "for Large Language Models", so this stays fast on large
   corpora (a corpus where every record has an arXiv id scores no title at all).

Records with two different arXiv, Semantic Scholar or OpenAlex ids are never
merged by title: each of these sources already tells its distinct works apart
(two editions of a book, two preprints sharing a title). DOIs may differ
(preprint and journal version of one paper). Records with two different arXiv
ids are never merged at all, even through a shared DOI. A record that joins two papers (its DOI matches
one and its arXiv id another) merges them. The merged paper keeps every
source, listing date, id and reference.

Node id of a merged paper, by precedence (:data:`~.ids.ID_PRECEDENCE`): its
arXiv id (``paper:1706.03762``), DOI (``paper:doi:10.18653/v1/n19-1423``),
Semantic Scholar id (``paper:s2:...``), OpenAlex id (``paper:openalex:W...``),
record id (``paper:<id>``), else the hash of its first title (``paper:t...``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from citegraph.models import Paper, normalize_title

from .ids import ID_PRECEDENCE, paper_node_id_from

FUZZY_THRESHOLD = 95.0
MIN_FUZZY_CHARS = 24
#: Id schemes whose disagreement proves two records are different papers.
CONFLICTING_SCHEMES = ("arxiv", "s2", "openalex")
_NON_ALNUM = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+")
_NO_GROUPS: dict[frozenset[str], tuple[list[int], list[str]]] = {}


def _fold(title: str) -> str:
    folded = title.casefold()
    if folded.isascii():
        return folded
    text = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def title_key(title: str) -> str:
    """Exact-match key of a title: letters and digits only, case and accents folded.

    >>> title_key("{InstructUIE}: Multi-task  Instruction") == title_key("InstructUIE - multi-task instruction")
    True
    >>> title_key("Über Étude") == title_key("uber etude")
    True
    """
    key = _NON_ALNUM.sub("", _fold(title))
    return key or normalize_title(title)


def title_ref(title: str | None) -> str | None:
    """Reference to a cited work known only by its title (``title:<title key>``); None for
    titles too short to identify a paper.

    >>> title_ref("On Computable Numbers, with an Application"), title_ref("Preface")
    ('title:oncomputablenumberswithanapplication', None)
    """
    if not title:
        return None
    key = title_key(title)
    return f"title:{key}" if len(key) >= MIN_FUZZY_CHARS else None


def _words(title: str) -> list[str]:
    return [w for w in _NON_ALNUM.split(_fold(title)) if w]


def _numbers(title: str) -> list[str]:
    return _NUMBER.findall(title)


def _blocks(words: list[str], numbers: list[str], lengths: Iterable[int] | None = None) -> set[str]:
    """Blocking keys for fuzzy matching: the first and the second half of the words, with the
    title's numbers (which must agree anyway). ``lengths``: the word counts to cut for (a title
    is registered under its own; looked up under one word more or less).

    >>> sorted(_blocks("scaling laws for neural language models".split(), []))
    ['<scaling laws for|', '>neural language models|']
    >>> sorted(_blocks("llama open and efficient foundation language models".split(), [], lengths=[6, 7]))
    ['<llama open and|', '>efficient foundation language models|', '>foundation language models|']
    >>> sorted(_blocks("sparse mixture of experts".split(), []))
    ['<sparse mixture|', '>of experts|']
    """
    nums = ",".join(numbers)
    keys = set()
    for n in lengths or (len(words),):
        head = max(n // 2, 1)
        tail = max(n - head, 1)
        keys.add(f"<{' '.join(words[:head])}|{nums}")
        keys.add(f">{' '.join(words[-tail:])}|{nums}")
    return keys


def _length_bucket(length: int, log_width: float) -> int:
    return int(math.log(length) / log_width)


def _conflicting_schemes(paper: Paper) -> frozenset[str]:
    return frozenset(s for s in CONFLICTING_SCHEMES if paper.external_ids.get(s))


def _conflict(a: Paper, b: Paper, schemes: tuple[str, ...] = CONFLICTING_SCHEMES) -> bool:
    return any(a.external_ids.get(s) and b.external_ids.get(s) and a.external_ids[s] != b.external_ids[s]
               for s in schemes)


def _id_keys(paper: Paper) -> list[str]:
    keys = [f"{s}:{paper.external_ids[s]}" for s in ID_PRECEDENCE if paper.external_ids.get(s)]
    if not paper.id.startswith("paper:t"):
        keys.append(f"node:{paper.id}")
    return keys


def _keys(paper: Paper) -> list[str]:
    """Every exact key of a paper: its ids, then its title key."""
    return _id_keys(paper) + [f"title:{title_key(paper.title)}"]


#: a title's words, its numbers, and the conflicting id schemes of its paper (fuzzy matching reads them)
_TitleParts = tuple[list[str], list[str], frozenset[str]]


def _title_parts(paper: Paper) -> _TitleParts:
    return _words(paper.title), _numbers(paper.title), _conflicting_schemes(paper)


def _drop_yearless_duplicates(dates: list[str]) -> list[str]:
    """Sorted dates without a ``--MM-DD`` (a listing page without year) that a full date repeats.

    >>> _drop_yearless_duplicates(["2024-10-25", "--10-25", "--11-01"])
    ['--11-01', '2024-10-25']
    """
    full = {d[4:] for d in dates if not d.startswith("--")}
    return sorted(d for d in dates if not (d.startswith("--") and d[1:] in full))


def _more_precise(a: str | None, b: str | None) -> str | None:
    """The more precise of two dates when one extends the other (``2023`` < ``2023-04-17``)."""
    if not a or not b:
        return a or b
    return b if len(b) > len(a) and b.startswith(a) else a


def _merge_into(kept: Paper, other: Paper) -> None:
    for src in other.sources:
        if src not in kept.sources:
            kept.sources.append(src)
    for d in other.listing_dates:
        if d not in kept.listing_dates:
            kept.listing_dates.append(d)
    kept.listing_dates = _drop_yearless_duplicates(kept.listing_dates)
    if len(other.abstract) > len(kept.abstract):
        kept.abstract = other.abstract
    kept.published = _more_precise(kept.published, other.published)
    kept.authors = kept.authors or other.authors
    kept.url = kept.url or other.url
    for scheme, value in other.external_ids.items():
        kept.external_ids.setdefault(scheme, value)
    for ref in other.references:
        if ref not in kept.references:
            kept.references.append(ref)
    for ref in other.cited_by:
        if ref not in kept.cited_by:
            kept.cited_by.append(ref)


class PaperMerger:
    """Incremental de-duplication: each paper :meth:`add` is compared with what was kept so far;
    :meth:`papers` gives the merged papers, in first-seen order, with their final ids."""

    def __init__(self, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = fuzzy_threshold
        self.kept: list[Paper | None] = []
        self.by_key: dict[str, int] = {}
        self.keys_of: dict[int, set[str]] = defaultdict(set)
        # (block, length bucket) -> the conflicting id schemes a paper had when registered ->
        # (papers, their fuzzy texts): parallel lists handed to rapidfuzz without a Python loop
        self.blocks: dict[tuple[str, int], dict[frozenset[str], tuple[list[int], list[str]]]] = defaultdict(dict)
        self.fuzzy_registered: set[int] = set()
        # fuzz.ratio >= t needs shorter/longer >= t / (200 - t): lengths one bucket apart at most
        self.log_width = math.log(max((200.0 - fuzzy_threshold) / max(fuzzy_threshold, 1.0), 1.01))

    def _register(self, idx: int, paper: Paper, keys: list[str] | None = None,
                  parts: _TitleParts | None = None) -> None:
        """Index paper ``idx`` under its keys and fuzzy blocks (``keys``/``parts``: already computed)."""
        for key in keys if keys is not None else _keys(paper):
            if self.by_key.setdefault(key, idx) == idx:
                self.keys_of[idx].add(key)
        if idx in self.fuzzy_registered:
            return
        words, numbers, schemes = parts if parts is not None else _title_parts(paper)
        text = " ".join(words)
        if len(text) >= MIN_FUZZY_CHARS:
            self.fuzzy_registered.add(idx)
            bucket = _length_bucket(len(text), self.log_width)
            for block in _blocks(words, numbers):
                groups = self.blocks[block, bucket]
                group = groups.get(schemes)
                if group is None:
                    group = groups[schemes] = ([], [])
                group[0].append(idx)
                group[1].append(text)

    def _fuzzy_match(self, paper: Paper, parts: _TitleParts) -> int | None:
        # rapidfuzz is imported with the module: an import statement here runs at every call
        # (~0.7 s of CPU at 100k papers)
        words, numbers, mine = parts
        text = " ".join(words)
        if len(text) < MIN_FUZZY_CHARS:
            return None
        # paper -> (score, where it is first listed): a paper in several blocks has one text, so
        # one score, and is a hit in each of them
        hits: dict[int, tuple[float, int, int]] = {}
        bucket = _length_bucket(len(text), self.log_width)
        n = len(words)
        # sorted: a set's order changes with the hash seed, and ties below go to the first listed
        groups = 0
        for block in sorted(_blocks(words, numbers, lengths=(n - 1, n, n + 1))):
            for near in (bucket - 1, bucket, bucket + 1):
                for schemes, (group, group_texts) in self.blocks.get((block, near), _NO_GROUPS).items():
                    if schemes & mine:  # sharing a scheme means that id differs (it did not match)
                        continue
                    # rapidfuzz scores a whole block in C; only the few hits come back to Python
                    for _, score, pos in process.extract(text, group_texts, scorer=fuzz.ratio,
                                                         score_cutoff=self.threshold, limit=None):
                        hits.setdefault(group[pos], (score, groups, pos))
                    groups += 1
        # best first, ties to the first listed (papers merged into another since are skipped)
        for member in sorted(hits, key=lambda m: (-hits[m][0], hits[m][1], hits[m][2]))[:10]:
            kept = self.kept[member]
            if kept is not None and not _conflict(paper, kept):
                return member
        return None

    def add(self, paper: Paper) -> bool:
        """Merge ``paper`` into the paper it describes, or keep it (then True: it is ``kept[-1]``)."""
        matches: list[int] = []
        keys = _keys(paper)
        for key in keys:
            idx = self.by_key.get(key)
            if idx is not None and idx not in matches and self.kept[idx] is not None:
                # a title never joins records of two distinct works; a shared DOI or S2 id
                # does, unless their arXiv ids differ (a DOI copied onto the wrong preprint)
                schemes = CONFLICTING_SCHEMES if key.startswith("title:") else ("arxiv",)
                if _conflict(paper, self.kept[idx], schemes):  # type: ignore[arg-type]
                    continue
                matches.append(idx)
        if not matches:
            parts = _title_parts(paper)
            fuzzy = self._fuzzy_match(paper, parts)
            if fuzzy is None:
                self.kept.append(paper)
                self._register(len(self.kept) - 1, paper, keys, parts)
                return True
            matches = [fuzzy]
        target_idx = matches[0]
        target = self.kept[target_idx]
        assert target is not None
        _merge_into(target, paper)
        for idx in matches[1:]:
            other = self.kept[idx]
            if other is None or _conflict(target, other):
                continue
            _merge_into(target, other)
            self.kept[idx] = None
            for key in self.keys_of.pop(idx, set()):
                self.by_key[key] = target_idx
                self.keys_of[target_idx].add(key)
        self._register(target_idx, target)
        return False

    def papers(self) -> list[Paper]:
        out = [p for p in self.kept if p is not None]
        used: set[str] = set()
        for p in out:
            if p.external_ids:
                node_id = paper_node_id_from(p.external_ids, p.title)
                if node_id not in used:
                    p.id = node_id
            if p.id in used:  # two papers claim one id (e.g. a record id reused in two files)
                n = 2
                while f"{p.id}-{n}" in used:
                    n += 1
                p.id = f"{p.id}-{n}"
            used.add(p.id)
        return out


def merge_papers(papers: Iterable[Paper], fuzzy_threshold: float = FUZZY_THRESHOLD) -> list[Paper]:
    """De-duplicate papers across inputs, in first-seen order.

    >>> a = Paper(id="paper:t1", title="WebRL", sources=["a.txt:9"], listing_dates=["--03-11"])
    >>> b = Paper(id="paper:t1", title="webrl ", sources=["b.txt:3"], listing_dates=["--03-18"])
    >>> [(p.sources, p.listing_dates) for p in merge_papers([a, b])]
    [(['a.txt:9', 'b.txt:3'], ['--03-11', '--03-18'])]
    >>> atom = Paper(id="paper:1706.03762", title="Attention Is All You Need", external_ids={"arxiv": "1706.03762"})
    >>> s2 = Paper(id="paper:s2:x", title="Attention is All you Need.", external_ids={"s2": "x", "arxiv": "1706.03762"})
    >>> bib = Paper(id="paper:t2", title="{Attention} is all you need", sources=["refs.bib:3"])
    >>> [(p.id, sorted(p.external_ids)) for p in merge_papers([s2, bib, atom])]
    [('paper:1706.03762', ['arxiv', 's2'])]
    >>> v3 = Paper(id="paper:t3", title="Language Models are Few-Shot Learners (GPT-3)")
    >>> v4 = Paper(id="paper:t4", title="Language Models are Few-Shot Learners (GPT-4)")
    >>> len(merge_papers([v3, v4]))
    2
    """
    merger = PaperMerger(fuzzy_threshold)
    for paper in papers:
        merger.add(paper)
    return merger.papers()
