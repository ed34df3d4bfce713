"""OpenAlex works (``GET /works/{id}`` and the ``results`` envelope of ``GET /works``).

Also reads JSON Lines of works (the OpenAlex snapshot layout, streamed).
Fields used: ``id`` (``W...``), ``doi``, ``ids``, ``title`` (else
``display_name``), ``abstract_inverted_index`` rebuilt into text,
``publication_date`` (else ``publication_year``), ``authorships``, the arXiv id
of an ``arxiv.org`` location, and ``referenced_works`` (as ``openalex:W...``).

>>> rebuild_abstract({"Despite": [0], "interest": [2], "growing": [1]})
'Despite growing interest'
>>> p = paper_from_openalex({"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1234/X",
...                          "display_name": "T", "referenced_works": ["https://openalex.org/W2"]}, "f")
>>> p.id, p.external_ids, p.references
('paper:doi:10.1234/x', {'doi': '10.1234/x', 'openalex': 'W1'}, ['openalex:W2'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, squash_space
from .ids import arxiv_id, ids_from, iso_date, openalex_id, paper_node_id_from, ref
from .json_documents import iter_json_items

ENVELOPES = ("results",)


def rebuild_abstract(index: object) -> str:
    """Text of an ``abstract_inverted_index`` (word -> positions); '' when absent or malformed."""
    if not isinstance(index, Mapping):
        return ""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        if isinstance(positions, list):
            for pos in positions:
                if isinstance(pos, int):
                    slots[pos] = str(word)
    return squash_space(" ".join(slots[i] for i in sorted(slots)))


def _is_work(obj: Mapping[str, Any]) -> bool:
    return openalex_id(str(obj.get("id") or "")) is not None or "abstract_inverted_index" in obj


def _arxiv_of(work: Mapping[str, Any]) -> str | None:
    ids = work.get("ids") or {}
    found = arxiv_id(ids.get("arxiv")) if isinstance(ids, Mapping) else None
    for loc in work.get("locations") or []:
        if found:
            break
        if isinstance(loc, Mapping):
            url = str(loc.get("landing_page_url") or "")
            found = arxiv_id(url) if "arxiv.org" in url else None
    return found


def paper_from_openalex(work: Mapping[str, Any], where: str) -> Paper:
    """A Paper from one OpenAlex work object; RecordError when it has no title."""
    title = squash_space(work.get("title") or work.get("display_name"))
    if not title:
        raise RecordError(f"work {work.get('id') or '?'} has no title; skipped", where)
    ids_field: Mapping[str, Any] = work["ids"] if isinstance(work.get("ids"), Mapping) else {}
    ids = ids_from(arxiv=_arxiv_of(work), doi=work.get("doi") or ids_field.get("doi"),
                   openalex=work.get("id"))
    authors = []
    for a in work.get("authorships") or []:
        author = a.get("author") if isinstance(a, Mapping) else None
        name = squash_space(author.get("display_name")) if isinstance(author, Mapping) else ""
        if name:
            authors.append(name)
    refs = [ref("openalex", w) for w in (openalex_id(str(r)) for r in work.get("referenced_works") or []) if w]
    location = work.get("primary_location")
    url = location.get("landing_page_url") if isinstance(location, Mapping) else None
    return Paper(
        id=paper_node_id_from(ids, title),
        title=title,
        abstract=rebuild_abstract(work.get("abstract_inverted_index")),
        published=iso_date(work.get("publication_date")) or iso_date(work.get("publication_year")),
        authors=authors,
        url=url or work.get("doi") or None,
        sources=[where],
        external_ids=ids,
        references=list(dict.fromkeys(refs)),
    )


def load_openalex(path: str | Path, on_error: OnError) -> Iterator[Paper]:
    """Read an OpenAlex works response file or a JSON Lines dump of works."""
    for where, item in iter_json_items(path, on_error, ENVELOPES, _is_work, "OpenAlex work"):
        if item is None:
            on_error(RecordError("null where a work was expected; skipped", where))
            continue
        try:
            yield paper_from_openalex(item, where)
        except RecordError as err:
            on_error(err)


def looks_like_openalex(head: str) -> bool:
    """Content sniffing: JSON naming an OpenAlex work id.

    >>> looks_like_openalex('{"id": "https://openalex.org/W2741809807", "doi": null}')
    True
    """
    return head.lstrip().startswith(("{", "[")) and '"https://openalex.org/W' in head
