"""CSV files of paper records, one row a paper, with a header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, paper_from_mapping, read_text


def load_csv(path: str | Path, on_error: OnError, columns: Mapping[str, str] | None = None) -> Iterator[Paper]:
    """Read a CSV file; ``columns`` renames fields (e.g. ``{"abstract": "summary"}``)."""
    source = str(path)
    text = read_text(path)
    if not text.strip():
        on_error(RecordError("file is empty", source))
        return
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    title_col = (columns or {}).get("title", "title")
    if title_col not in (reader.fieldnames or []):
        on_error(RecordError(f"no '{title_col}' column in the header {reader.fieldnames}; "
                             "name it with --column title=NAME", source, 1))
        return
    for row in reader:
        try:
            yield paper_from_mapping(row, source, reader.line_num, columns)
        except RecordError as err:
            on_error(err)
