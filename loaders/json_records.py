"""JSON Lines and JSON arrays of paper records (``title``, ``abstract``, optional
``id``, ``authors``, ``published``, ``url``)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from citegraph.errors import InputError, RecordError
from citegraph.models import Paper

from .base import OnError, decode_bytes, open_input, paper_from_mapping, read_text


def load_jsonl(path: str | Path, on_error: OnError, columns: Mapping[str, str] | None = None) -> Iterator[Paper]:
    """Stream a JSON Lines file, one record a line; a broken line is reported and skipped."""
    source = str(path)
    fh = open_input(path)
    with fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = decode_bytes(raw, f"{source}:{line_no}")
            except InputError as err:
                on_error(RecordError(f"{str(err).split(': ', 1)[1]}; line skipped", source, line_no))
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                on_error(RecordError(f"invalid JSON ({err.msg} at column {err.colno}); line skipped",
                                     source, line_no))
                continue
            if not isinstance(record, dict):
                on_error(RecordError("line is not a JSON object; skipped", source, line_no))
                continue
            try:
                yield paper_from_mapping(record, source, line_no, columns)
            except RecordError as err:
                on_error(err)


def load_json(path: str | Path, on_error: OnError, columns: Mapping[str, str] | None = None) -> Iterator[Paper]:
    """Read a JSON array of records (or one record object)."""
    source = str(path)
    text = read_text(path)
    if not text.strip():
        on_error(RecordError("file is empty", source))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{source}:{err.lineno}: invalid JSON ({err.msg}); fix the file or pass "
                         "--format jsonl if it has one record a line") from err
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            on_error(RecordError(f"record {n} is not a JSON object; skipped", source))
            continue
        try:
            yield paper_from_mapping(record, source, None, columns)
        except RecordError as err:
            on_error(RecordError(f"record {n}: {err.reason}", source))
