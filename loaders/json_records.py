"""JSON Lines and JSON documents of generic paper records (``title``, ``abstract``,
optional ``id``, ``authors``, ``published``, ``url``; other keys via ``columns``).

Reading the files (streaming JSON Lines, envelopes, per-line errors) is shared
with the API loaders in :mod:`json_documents`; this module only turns objects
into papers.

>>> import json, tempfile, os
>>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
...     json.dump({"records": [{"title": "A Paper", "abstract": "We propose FooNet."}, 3]}, f)
>>> problems = []
>>> [p.title for p in load_json(f.name, problems.append)], problems[0].reason
(['A Paper'], 'record is not a JSON object; skipped')
>>> os.unlink(f.name)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, paper_from_mapping
from .json_documents import JsonItem, iter_json_items, iter_json_lines

#: Keys under which a JSON document may hold its list of records.
ENVELOPES = ("records", "papers", "data", "results", "items")


def _papers(items: Iterable[tuple[str, JsonItem]], on_error: OnError,
            columns: Mapping[str, str] | None) -> Iterator[Paper]:
    for where, record in items:
        if record is None:
            on_error(RecordError("record is null; skipped", where))
            continue
        try:
            yield paper_from_mapping(record, where, None, columns)
        except RecordError as err:
            on_error(err)


def load_jsonl(path: str | Path, on_error: OnError, columns: Mapping[str, str] | None = None) -> Iterator[Paper]:
    """Stream a JSON Lines file, one record a line; a broken line is reported and skipped."""
    return _papers(iter_json_lines(path, on_error), on_error, columns)


def load_json(path: str | Path, on_error: OnError, columns: Mapping[str, str] | None = None) -> Iterator[Paper]:
    """Read a JSON array of records, one record object, or an envelope ``{"records": [...]}``
    (also ``papers``, ``data``, ``results``, ``items``); JSON Lines content is streamed."""
    return _papers(iter_json_items(path, on_error, ENVELOPES, lambda obj: True, "paper record"), on_error, columns)
