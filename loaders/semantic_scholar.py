"""Semantic Scholar Academic Graph API responses (``/graph/v1/paper/...``).

Reads a single paper object (``GET /paper/{id}``), a batch list
(``POST /paper/batch``: ``null`` where an id was not found, reported and
skipped), the ``data`` envelope of ``/paper/search``, ``/paper/search/bulk``,
``/paper/{id}/references`` and ``/citations`` (items wrapped as
``citedPaper``/``citingPaper`` are unwrapped), and JSON Lines of paper objects.

Fields used: ``paperId``, ``externalIds`` (``ArXiv``, ``DOI``), ``title``,
``abstract``, ``year``, ``publicationDate``, ``authors``, ``url``, and
``references``/``citations`` when present (each cited or citing paper by its
ids: ``s2:<paperId>``, ``arxiv:...``, ``doi:...``; by ``title:<title key>``
when S2 knows it only by its title).

>>> p = paper_from_s2({"paperId": "ab" * 20, "title": "T", "externalIds": {"ArXiv": "1706.03762"},
...                    "year": 2017, "references": [{"paperId": "cd" * 20, "externalIds": {"DOI": "10.1234/X"}}]}, "f")
>>> p.id, p.published, p.references
('paper:1706.03762', '2017', ['doi:10.1234/x', 's2:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, squash_space
from .dedupe import title_ref
from .ids import ids_from, iso_date, paper_node_id_from, refs_of
from .json_documents import iter_json_items

ENVELOPES = ("data",)
_WRAPPERS = ("citedPaper", "citingPaper")


def _is_paper(obj: Mapping[str, Any]) -> bool:
    return "paperId" in obj or any(k in obj for k in _WRAPPERS)


def _unwrap(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for key in _WRAPPERS:
        if key in obj:
            inner = obj[key]
            return inner if isinstance(inner, Mapping) else None
    return obj


def _ids(obj: Mapping[str, Any]) -> dict[str, str]:
    ext = obj.get("externalIds") or {}
    if not isinstance(ext, Mapping):
        ext = {}
    return ids_from(arxiv=ext.get("ArXiv"), doi=ext.get("DOI"), s2=obj.get("paperId"))


def _linked(items: object) -> list[str]:
    out: list[str] = []
    for item in items if isinstance(items, list) else []:
        obj = _unwrap(item) if isinstance(item, Mapping) else None
        if obj is None:
            continue
        found = refs_of(_ids(obj))
        if not found:  # S2 lists some references by title only (paperId null)
            by_title = title_ref(squash_space(obj.get("title")))
            found = [by_title] if by_title else []
        for r in found:
            if r not in out:
                out.append(r)
    return out


def paper_from_s2(obj: Mapping[str, Any], where: str) -> Paper:
    """A Paper from one Semantic Scholar paper object; RecordError when it has no title."""
    title = squash_space(obj.get("title"))
    if not title:
        pid = obj.get("paperId") or "?"
        raise RecordError(f"paper {pid} has no title (request fields=title,abstract); skipped", where)
    ids = _ids(obj)
    authors = [squash_space(a.get("name")) for a in obj.get("authors") or [] if isinstance(a, Mapping)]
    return Paper(
        id=paper_node_id_from(ids, title),
        title=title,
        abstract=squash_space(obj.get("abstract")),
        published=iso_date(obj.get("publicationDate")) or iso_date(obj.get("year")),
        authors=[a for a in authors if a],
        url=obj.get("url") or None,
        sources=[where],
        external_ids=ids,
        references=_linked(obj.get("references")),
        cited_by=_linked(obj.get("citations")),
    )


def load_semantic_scholar(path: str | Path, on_error: OnError) -> Iterator[Paper]:
    """Read a Semantic Scholar Graph API response file (see the module doc for the shapes)."""
    for where, item in iter_json_items(path, on_error, ENVELOPES, _is_paper, "Semantic Scholar paper"):
        if item is None:
            on_error(RecordError("null: the API found no paper for this id; skipped", where))
            continue
        obj = _unwrap(item)
        if obj is None:
            on_error(RecordError("wrapped paper is null; skipped", where))
            continue
        try:
            yield paper_from_s2(obj, where)
        except RecordError as err:
            on_error(err)


def looks_like_semantic_scholar(head: str) -> bool:
    """Content sniffing: JSON whose first object carries a ``paperId``.

    >>> looks_like_semantic_scholar('[null, {"paperId": "c3"}]'), looks_like_semantic_scholar('{"id": 1}')
    (True, False)
    """
    return head.lstrip().startswith(("{", "[")) and '"paperId"' in head
