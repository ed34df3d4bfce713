"""Reading API responses: one JSON document (object, list, or an envelope) or JSON Lines.

The Semantic Scholar, OpenAlex and Hugging Face loaders share this: a response
saved to a file is either a single object, a list (a batch, where ``null``
stands for an id the API did not find), or an envelope object whose list sits
under a key (``data``, ``results``). Bulk dumps are JSON Lines, one object a
line, and are streamed.

>>> import json, tempfile, os
>>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
...     json.dump({"total": 2, "data": [{"paperId": "a"}, None]}, f)
>>> [(where[-2:], item) for where, item in iter_json_items(f.name, print, ("data",), lambda o: "paperId" in o)]
[('#1', {'paperId': 'a'}), ('#2', None)]
>>> os.unlink(f.name)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from citegraph.errors import InputError, RecordError

from .base import OnError, decode_bytes, open_input, read_text

JsonItem = Mapping[str, Any] | None


def _first_lines(path: Path, count: int = 2) -> list[bytes]:
    lines: list[bytes] = []
    with open_input(path) as fh:
        for raw in fh:
            if raw.strip():
                lines.append(raw)
                if len(lines) == count:
                    break
    return lines


def is_json_lines(path: str | Path) -> bool:
    """True when the file holds one complete JSON object per line (two lines at least)."""
    try:
        lines = _first_lines(Path(path))
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check the path") from err
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _lines(fh: BinaryIO, source: str, on_error: OnError) -> Iterator[tuple[int, bytes]]:
    """Numbered lines; a truncated or corrupt gzip stream is reported where it breaks."""
    line_no = 0
    try:
        for line_no, raw in enumerate(fh, start=1):
            yield line_no, raw
    except (OSError, EOFError) as err:
        on_error(RecordError(f"compressed file is corrupt or truncated after line {line_no} ({err}); "
                             "the rest is skipped: re-download it", source))


def iter_json_lines(path: str | Path, on_error: OnError) -> Iterator[tuple[str, JsonItem]]:
    """Stream ``("file:line", object)`` from a JSON Lines file; bad lines are reported and skipped."""
    source = str(path)
    with open_input(path) as fh:
        for line_no, raw in _lines(fh, source, on_error):
            if not raw.strip():
                continue
            try:
                item = json.loads(decode_bytes(raw, f"{source}:{line_no}"))
            except InputError as err:
                on_error(RecordError(f"{str(err).split(': ', 1)[1]}; line skipped", source, line_no))
                continue
            except json.JSONDecodeError as err:
                on_error(RecordError(f"invalid JSON ({err.msg} at column {err.colno}); line skipped",
                                     source, line_no))
                continue
            if item is not None and not isinstance(item, dict):
                on_error(RecordError("line is not a JSON object; skipped", source, line_no))
                continue
            yield f"{source}:{line_no}", item


def iter_json_items(
    path: str | Path,
    on_error: OnError,
    envelopes: tuple[str, ...],
    is_record: Callable[[Mapping[str, Any]], bool],
    what: str = "record",
) -> Iterator[tuple[str, JsonItem]]:
    """``(where, item)`` of a response file, ``where`` being ``file:line`` for JSON Lines
    (streamed) and ``file#n`` for the n-th record of a document: a list,
    an envelope object ``{key: [...]}`` with ``key`` in ``envelopes``, or one record.

    An object that is neither an envelope nor a record (``is_record``) is
    reported as a wrong envelope. Items that are not objects are reported;
    ``null`` items are passed on (the caller knows what they mean).
    """
    source = str(path)
    if is_json_lines(path):
        yield from iter_json_lines(path, on_error)
        return
    text = read_text(path)
    if not text.strip():
        on_error(RecordError("file is empty", source))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        on_error(RecordError(f"invalid JSON at line {err.lineno}, column {err.colno} ({err.msg}); "
                             "the file is skipped: re-download or repair it", source))
        return
    if isinstance(data, dict):
        key = next((k for k in envelopes if isinstance(data.get(k), list)), None)
        if key is not None:
            data = data[key]
        elif is_record(data):
            data = [data]
        else:
            keys = ", ".join(list(data)[:8])
            wanted = " or ".join(f"'{k}'" for k in envelopes)
            on_error(RecordError(f"JSON object is neither a {what} nor an envelope with a {wanted} list "
                                 f"(keys: {keys}); pass --format if it is another format", source))
            return
    if not isinstance(data, list):
        on_error(RecordError(f"JSON {type(data).__name__} where a {what} list was expected; file skipped", source))
        return
    for n, item in enumerate(data, start=1):
        if item is not None and not isinstance(item, dict):
            on_error(RecordError("record is not a JSON object; skipped", f"{source}#{n}"))
            continue
        yield f"{source}#{n}", item
