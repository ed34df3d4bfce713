"""Input formats: detection from extension and content, and dispatch to a loader.

Detection tries the formats whose extension matches first, then all others,
each in registration order. The specific JSON formats (arXiv snapshot,
Semantic Scholar, OpenAlex, daily-papers API) are registered before the
generic ``jsonl``/``json`` records so they are told apart by content.

>>> FORMATS["jsonl"].extensions
('.jsonl', '.ndjson')
>>> list(FORMATS)  # doctest: +NORMALIZE_WHITESPACE
['daily', 'arxiv-atom', 'bibtex', 'arxiv-snapshot', 'semantic-scholar', 'openalex', 'hf-daily-api',
 'jsonl', 'json', 'csv']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from citegraph.errors import InputError, InputFormatError, RecordError
from citegraph.models import LoadReport, Paper

from .arxiv_atom import load_arxiv_atom, looks_like_arxiv_atom
from .arxiv_snapshot import load_arxiv_snapshot, looks_like_arxiv_snapshot
from .base import OnError, open_input, raise_error
from .bibtex import load_bibtex, looks_like_bibtex
from .csv_records import load_csv
from .daily_pages import load_daily_page, looks_like_daily_page
from .hf_daily_api import load_hf_daily_api, looks_like_hf_daily_api
from .json_records import load_json, load_jsonl
from .openalex import load_openalex, looks_like_openalex
from .semantic_scholar import load_semantic_scholar, looks_like_semantic_scholar

Loader = Callable[..., Iterator[Paper]]


@dataclass(frozen=True)
class Format:
    """One input format: its loader, file extensions and a content sniffer."""

    name: str
    loader: Loader
    extensions: tuple[str, ...]
    sniff: Callable[[str], bool]
    description: str
    takes_columns: bool = False


def _sniff_jsonl(head: str) -> bool:
    first = head.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")


def _sniff_json(head: str) -> bool:
    lines = [line for line in head.strip().split("\n") if line.strip()]
    if len(lines) > 1 and all(_sniff_jsonl(line) for line in lines[:2]):
        return False  # one object a line: JSON Lines, whatever the extension says
    return head.lstrip().startswith(("[", "{"))


def _sniff_csv(head: str) -> bool:
    first = head.lstrip().split("\n", 1)[0].casefold()
    return "title" in first and ("," in first or "\t" in first or ";" in first)


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> None:
    """Add (or replace) an input format; detection tries formats in registration order."""
    FORMATS[fmt.name] = fmt


register_format(Format("daily", load_daily_page, (".txt",), looks_like_daily_page,
                       "daily-paper listing page: date line, then title/abstract paragraphs"))
register_format(Format("arxiv-atom", load_arxiv_atom, (".xml", ".atom"), looks_like_arxiv_atom,
                       "arXiv API Atom feed (export.arxiv.org/api/query)"))
register_format(Format("bibtex", load_bibtex, (".bib", ".bibtex"), looks_like_bibtex,
                       "BibTeX file (Zotero, Google Scholar exports)"))
register_format(Format("arxiv-snapshot", load_arxiv_snapshot, (".json", ".jsonl"), looks_like_arxiv_snapshot,
                       "arXiv bulk metadata snapshot, JSON Lines (streamed)"))
register_format(Format("semantic-scholar", load_semantic_scholar, (".json", ".jsonl"), looks_like_semantic_scholar,
                       "Semantic Scholar Graph API paper JSON (paper, batch, search/bulk 'data')"))
register_format(Format("openalex", load_openalex, (".json", ".jsonl"), looks_like_openalex,
                       "OpenAlex works JSON (one work or the 'results' envelope)"))
register_format(Format("hf-daily-api", load_hf_daily_api, (".json", ".jsonl"), looks_like_hf_daily_api,
                       "Hugging Face daily-papers API JSON (list of {paper: ...})"))
register_format(Format("jsonl", load_jsonl, (".jsonl", ".ndjson"), _sniff_jsonl,
                       "JSON Lines, one record a line", takes_columns=True))
register_format(Format("json", load_json, (".json",), _sniff_json,
                       "JSON array of records (or one record)", takes_columns=True))
register_format(Format("csv", load_csv, (".csv", ".tsv"), _sniff_csv,
                       "CSV with a header row (title, abstract, id, authors, published, url)",
                       takes_columns=True))


def _head(path: Path, size: int = 8192) -> str:
    try:
        with open_input(path) as fh:
            data = fh.read(size)
    except (OSError, EOFError) as err:
        raise InputError(f"{path}: cannot read ({err}); check the file is complete") from err
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not text; remove it from the inputs")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def detect_format(path: str | Path) -> str:
    """Name of the format of ``path``, from its content first, then its extension.

    Content wins because extensions lie (a ``.json`` file holding JSON Lines).
    """
    path = Path(path)
    head = _head(path)
    if not head.strip():
        raise InputFormatError(f"{path}: file is empty; nothing to read")
    suffixes = [x.lower() for x in path.suffixes]
    suffix = suffixes[-2] if len(suffixes) > 1 and suffixes[-1] == ".gz" else path.suffix.lower()
    by_ext = [f for f in FORMATS.values() if suffix in f.extensions]
    for fmt in by_ext + [f for f in FORMATS.values() if f not in by_ext]:
        if fmt.sniff(head):
            return fmt.name
    if len(by_ext) == 1 and by_ext[0].name == "csv":
        return "csv"  # a header without a 'title' column: --column names it
    names = ", ".join(FORMATS)
    raise InputFormatError(f"{path}: cannot tell the format from its extension or content; "
                           f"pass --format (one of {names})")


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named by the inputs: files as given, directories walked (sorted), globs expanded."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        elif p.exists():
            files.append(p)
        elif any(ch in str(item) for ch in "*?["):
            matches = sorted(Path().glob(str(item))) if not p.is_absolute() else sorted(
                Path(p.anchor).glob(str(p.relative_to(p.anchor))))
            if not matches:
                raise InputError(f"{item}: no file matches this pattern")
            files.extend(m for m in matches if m.is_file())
        else:
            raise InputError(f"{item}: no such file or directory")
    return files


def iter_papers(
    inputs: Iterable[str | Path],
    format: str | None = None,
    strict: bool = False,
    report: LoadReport | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Paper]:
    """Stream Papers from files and directories, one file at a time.

    Per-record problems are collected in ``report.problems`` and skipped; a file
    that cannot be read at all is reported and skipped too. With ``strict`` the
    first problem raises.
    """
    report = report if report is not None else LoadReport()
    if format is not None and format not in FORMATS:
        raise InputFormatError(f"unknown format '{format}'; use one of {', '.join(FORMATS)}")

    def collect(err: RecordError) -> None:
        report.problems.append(str(err))

    on_error: OnError = raise_error if strict else collect
    for path in expand_inputs(inputs):
        try:
            fmt = FORMATS[format or detect_format(path)]
            load = partial(fmt.loader, columns=columns) if (fmt.takes_columns and columns) else fmt.loader
            for paper in load(path, on_error):
                report.records_read += 1
                yield paper
        except InputError as err:
            if strict:
                raise
            report.problems.append(str(err))
