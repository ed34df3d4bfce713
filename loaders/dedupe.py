"""One paper, one record: merge records describing the same paper.

Two records are the same paper when they share an id or, failing that, the
same normalised title. The merged paper keeps every source and listing date.
"""

from __future__ import annotations

from collections.abc import Iterable

from citegraph.models import Paper, normalize_title


def _merge_into(kept: Paper, other: Paper) -> None:
    for src in other.sources:
        if src not in kept.sources:
            kept.sources.append(src)
    for d in other.listing_dates:
        if d not in kept.listing_dates:
            kept.listing_dates.append(d)
    kept.listing_dates.sort()
    if len(other.abstract) > len(kept.abstract):
        kept.abstract = other.abstract
    kept.published = kept.published or other.published
    kept.authors = kept.authors or other.authors
    kept.url = kept.url or other.url
    for scheme, value in other.external_ids.items():
        kept.external_ids.setdefault(scheme, value)
    for ref in other.references:
        if ref not in kept.references:
            kept.references.append(ref)
    if other.id.startswith("paper:t") is False and kept.id.startswith("paper:t"):
        kept.id = other.id  # an explicit id beats a title hash


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """De-duplicate papers across inputs, in first-seen order.

    >>> a = Paper(id="paper:t1", title="WebRL", sources=["a.txt:9"], listing_dates=["--03-11"])
    >>> b = Paper(id="paper:t1", title="webrl ", sources=["b.txt:3"], listing_dates=["--03-18"])
    >>> [(p.sources, p.listing_dates) for p in merge_papers([a, b])]
    [(['a.txt:9', 'b.txt:3'], ['--03-11', '--03-18'])]
    """
    kept: list[Paper] = []
    by_key: dict[str, Paper] = {}
    for paper in papers:
        keys = [f"id:{paper.id}"] if not paper.id.startswith("paper:t") else []
        keys += [f"id:{scheme}:{value}" for scheme, value in paper.external_ids.items()]
        keys.append(f"title:{normalize_title(paper.title)}")
        match = next((by_key[k] for k in keys if k in by_key), None)
        if match is None:
            kept.append(paper)
            match = paper
        else:
            _merge_into(match, paper)
        for k in keys:
            by_key.setdefault(k, match)
    return kept
