"""Shared machinery of the record loaders: reading text safely, record -> Paper.

A loader is a function ``load_<format>(path, on_error) -> Iterator[Paper]``.
It reports a bad record by calling ``on_error(RecordError(...))`` and goes on;
``on_error`` may raise to stop (strict mode).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from citegraph.errors import InputError, RecordError
from citegraph.models import Paper, normalize_title

from .ids import ids_from

OnError = Callable[[RecordError], None]


def raise_error(err: RecordError) -> None:
    """``on_error`` for strict mode: the first bad record stops the load."""
    raise err


GZIP_MAGIC = b"\x1f\x8b"


def open_input(path: str | Path) -> BinaryIO:
    """Open an input for reading bytes; gzip-compressed files (``.jsonl.gz`` dumps such as the
    OpenAlex snapshot) are decompressed on the fly, whatever their name."""
    try:
        fh = open(path, "rb")
        if fh.peek(2)[:2] == GZIP_MAGIC:  # peek, not read + seek: a pipe cannot seek back
            fh.close()
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return fh
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check the path") from err


def read_text(path: str | Path) -> str:
    """Read a whole text file (plain or gzip) as UTF-8, with a clear error for binary or mis-encoded files."""
    path = Path(path)
    try:
        with open_input(path) as fh:
            data = fh.read()
    except (OSError, EOFError) as err:
        raise InputError(f"{path}: cannot read ({err}); check the file is complete") from err
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM allowed); refuse binary files instead of guessing."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file, not text; remove it from the inputs")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{source}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02x}); "
            "re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from err


def paper_node_id(explicit_id: str | None, title: str) -> str:
    """Node id of a paper: ``paper:<id>`` when the record has one, else a title hash.

    >>> paper_node_id("2411.02337", "WebRL")
    'paper:2411.02337'
    >>> paper_node_id(None, "WebRL") == paper_node_id(None, " webrl ")
    True
    """
    if explicit_id:
        return f"paper:{explicit_id.strip()}"
    digest = hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()[:16]
    return f"paper:t{digest}"


def squash_space(value: object) -> str:
    """Text with runs of whitespace (hard wraps, indentation) collapsed to one space.

    >>> squash_space("Proton-ring and Electron-linac Collider\\n  (PRELC)"), squash_space(None)
    ('Proton-ring and Electron-linac Collider (PRELC)', '')
    """
    return " ".join(str(value).split()) if value is not None else ""


def _as_str(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _as_authors(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        sep = ";" if ";" in value else (" and " if " and " in value else ",")
        return [a.strip() for a in value.split(sep) if a.strip()]
    if isinstance(value, list):
        out = []
        for a in value:
            if isinstance(a, Mapping):
                a = a.get("name") or a.get("user") or ""
            if _as_str(a):
                out.append(_as_str(a))
        return out
    return [_as_str(value)]


def paper_from_mapping(
    record: Mapping[str, object],
    source: str,
    line: int | None,
    columns: Mapping[str, str] | None = None,
) -> Paper:
    """Build a Paper from a dict-like record (JSON object, CSV row).

    ``columns`` maps our field names (title, abstract, id, authors, published,
    url) to the record's keys. A record without a title raises RecordError; a
    missing abstract is fine (the title alone is still a paper).

    >>> paper_from_mapping({"title": "A  Paper", "abstract": "Text."}, "x.jsonl", 1).title
    'A Paper'
    """
    cols = {k: k for k in ("title", "abstract", "id", "authors", "published", "url")}
    cols.update(columns or {})
    title = " ".join(_as_str(record.get(cols["title"])).split())
    if not title:
        raise RecordError(f"record has no '{cols['title']}'; skipped", source, line)
    raw_id = _as_str(record.get(cols["id"])) or None
    where = source if line is None else f"{source}:{line}"
    ids = {"id": raw_id} if raw_id else {}
    ids.update(ids_from(arxiv=raw_id, doi=_as_str(record.get("doi")) or raw_id))
    return Paper(
        id=paper_node_id(raw_id, title),
        title=title,
        abstract=" ".join(_as_str(record.get(cols["abstract"])).split()),
        published=_as_str(record.get(cols["published"])) or None,
        authors=_as_authors(record.get(cols["authors"])),
        url=_as_str(record.get(cols["url"])) or None,
        sources=[where],
        external_ids=ids,
    )
