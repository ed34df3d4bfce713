"""One exception root for citegraph, with specific subclasses.

Every error names the file, record or value at fault and says what to do.

>>> try:
...     raise InputFormatError("notes.docx: unknown format; pass --format")
... except CitegraphError as err:
...     print(err)
notes.docx: unknown format; pass --format
"""

from __future__ import annotations


class CitegraphError(Exception):
    """Root of every error citegraph raises on purpose."""


class InputError(CitegraphError):
    """An input file cannot be read at all (missing, binary, wrong encoding)."""


class InputFormatError(InputError):
    """The format of an input cannot be detected or is not supported."""


class RecordError(CitegraphError):
    """One record in an input is malformed; the rest of the file is fine.

    ``source`` is the file, ``line`` the 1-based line (or record number) when known.
    """

    def __init__(self, message: str, source: str = "", line: int | None = None) -> None:
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.source = source
        self.line = line
        self.reason = message


class GraphStoreError(CitegraphError):
    """A saved graph cannot be read or written."""


class QueryError(CitegraphError):
    """A query is malformed or uses something the engine does not support."""


class DatabaseError(CitegraphError):
    """A graph database cannot be reached, refuses the credentials, or fails a write."""


class MissingDependencyError(CitegraphError):
    """An optional dependency is not installed; the message names the extra."""
