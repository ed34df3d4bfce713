"""Hugging Face daily-papers API JSON (``/api/daily_papers``): the JSON form of the listing pages.

A list of ``{"paper": {id, title, summary, authors, publishedAt, ...},
"publishedAt": <listing time>, ...}``. The paper's ``id`` is its arXiv id, its
``publishedAt`` the arXiv date; the outer ``publishedAt`` is the day it was
listed (kept in ``listing_dates``, like the listing pages). Bare paper objects
(``/api/papers/{id}``) are read too.

>>> p = paper_from_daily({"paper": {"id": "2410.16251", "title": "Can Knowledge\\n  Editing?",
...     "summary": "LLMs.", "publishedAt": "2024-10-21T17:55:54.000Z", "authors": [{"name": "B. Huang"}]},
...     "publishedAt": "2024-10-25T03:32:14.953Z"}, "f")
>>> p.id, p.title, p.published, p.listing_dates, p.authors
('paper:2410.16251', 'Can Knowledge Editing?', '2024-10-21', ['2024-10-25'], ['B. Huang'])
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, squash_space
from .ids import ids_from, iso_date, paper_node_id_from
from .json_documents import iter_json_items


def _is_item(obj: Mapping[str, Any]) -> bool:
    return isinstance(obj.get("paper"), Mapping) or ("summary" in obj and "id" in obj)


def paper_from_daily(item: Mapping[str, Any], where: str) -> Paper:
    """A Paper from one daily-papers item (or a bare paper object)."""
    listed = isinstance(item.get("paper"), Mapping)
    paper: Mapping[str, Any] = item["paper"] if listed else item
    title = squash_space(paper.get("title") or item.get("title"))
    if not title:
        raise RecordError(f"paper {paper.get('id') or '?'} has no title; skipped", where)
    ids = ids_from(arxiv=str(paper.get("id") or ""))
    listing = iso_date(item.get("publishedAt")) if listed else None
    authors = [squash_space(a.get("name")) for a in paper.get("authors") or [] if isinstance(a, Mapping)]
    return Paper(
        id=paper_node_id_from(ids, title),
        title=title,
        abstract=squash_space(paper.get("summary")),
        published=iso_date(paper.get("publishedAt")),
        authors=[a for a in authors if a],
        url=f"https://arxiv.org/abs/{ids['arxiv']}" if "arxiv" in ids else None,
        sources=[where],
        listing_dates=[listing] if listing else [],
        external_ids=ids,
    )


def load_hf_daily_api(path: str | Path, on_error: OnError) -> Iterator[Paper]:
    """Read a daily-papers API response (a list of items; JSON Lines of items are streamed)."""
    for where, item in iter_json_items(path, on_error, ("papers", "data"), _is_item, "daily-papers item"):
        if item is None or not _is_item(item):
            on_error(RecordError("not a daily-papers item (no 'paper' object); skipped", where))
            continue
        try:
            yield paper_from_daily(item, where)
        except RecordError as err:
            on_error(err)


_PAPER_KEY = re.compile(r'"paper"\s*:\s*\{')
_OPENS_WITH_PAPER = re.compile(r'^\s*\[?\s*\{\s*"paper"\s*:\s*\{')


def looks_like_hf_daily_api(head: str) -> bool:
    """Content sniffing: JSON items opening with a ``paper`` object, or holding one with a ``summary``.

    >>> looks_like_hf_daily_api('[{"paper":{"id":"2410.17243","summary":"x"'), looks_like_hf_daily_api('[{"title": 1}]')
    (True, False)
    """
    if _OPENS_WITH_PAPER.match(head):  # the API's own key order: "paper" first
        return True
    return head.lstrip().startswith(("[", "{")) and bool(_PAPER_KEY.search(head)) and '"summary"' in head
