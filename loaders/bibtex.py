"""BibTeX (``.bib``) files, e.g. Zotero or Google Scholar exports, via bibtexparser 2.

Braces are removed and LaTeX escapes decoded to Unicode (``{\\'e}`` -> ``é``,
``\\%`` -> ``%``). Fields used: ``title`` (required: an entry without one is
reported and skipped), ``abstract`` (optional), ``author``, ``doi``, ``year``/
``month`` or ``date``, ``url``, and the arXiv id from ``eprint`` (with
``archiveprefix``/``eprinttype`` arXiv), an ``arxiv.org`` URL, an arXiv DOI, or
an ``arXiv:NNNN.NNNNN`` in ``journal``/``note``. Blocks the parser cannot read
are reported with their line and skipped; an entry with a repeated field
(Zotero sometimes writes two ``doi``) is read, keeping the longest value.

>>> import tempfile, os
>>> bib = "@misc{k, title = {{InstructUIE}: {Multi}-task {\\\\'E}tude}, author = {Wang, Xiao and Zhou, Weikang},\\n"
>>> bib += " note = {arXiv:2304.08085 [cs]}, year = {2023}, month = apr}\\n"
>>> with tempfile.NamedTemporaryFile("w", suffix=".bib", delete=False) as f:
...     _ = f.write(bib)
>>> [(p.id, p.title, p.authors, p.published) for p in load_bibtex(f.name, print)]
[('paper:2304.08085', 'InstructUIE: Multi-task Étude', ['Xiao Wang', 'Weikang Zhou'], '2023-04')]
>>> os.unlink(f.name)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, read_text, squash_space
from .ids import arxiv_id, find_arxiv_id, ids_from, iso_date, paper_node_id_from

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_LEFTOVER_ESCAPE = re.compile(r"\\([%&$#_{}])")
# "@type{key," (a key has no spaces, commas or '='), or a @string/@preamble/@comment block
_ENTRY_START = re.compile(r"^\s*@\s*(?:\w+\s*[{(]\s*[^\s,={}()]+\s*,|(?:string|preamble|comment)\s*[{(])",
                          re.MULTILINE | re.IGNORECASE)
_DECODED_FIELDS = ("title", "abstract", "journal", "note", "booktitle", "howpublished")


class _Decoder:
    """LaTeX -> Unicode for the prose fields (pylatexenc, bibtexparser's own decoder); math kept verbatim."""

    def __init__(self) -> None:
        from pylatexenc.latex2text import LatexNodes2Text

        self._l2t = LatexNodes2Text(math_mode="verbatim")

    def __call__(self, value: Any) -> str:
        text = str(value)
        if "\\" in text:  # a macro or escape: the (slow) LaTeX decoder
            try:
                text = self._l2t.latex_to_text(text)
            except Exception:  # noqa: BLE001 - pylatexenc raises assorted errors on odd input; keep raw text
                text = text.replace("{", "").replace("}", "")
        else:  # plain text with case-protecting braces, the common case: 10x faster
            text = text.replace("{", "").replace("}", "").replace("~", " ")
        return squash_space(_LEFTOVER_ESCAPE.sub(r"\1", text))


def _raw(value: Any) -> str:
    """A field not meant as prose (doi, url, eprint): braces dropped, nothing decoded."""
    return squash_space(str(value).replace("{", "").replace("}", ""))


def _published(fields: dict[str, str]) -> str | None:
    if fields.get("date"):
        return iso_date(fields["date"])
    year = iso_date(fields.get("year"))
    if not year or len(year) != 4:
        return year
    month = fields.get("month", "").strip().lower()[:3]
    num = _MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    return f"{year}-{num:02d}" if num else year


def _arxiv_of(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if fields.get("eprint") and prefix == "arxiv":
        found = arxiv_id(fields["eprint"])
        if found:
            return found
    if "arxiv.org" in fields.get("url", ""):
        found = arxiv_id(fields["url"])
        if found:
            return found
    for key in ("journal", "note", "howpublished", "number", "publisher", "booktitle"):
        text = fields.get(key, "")
        if "arxiv" in text.lower():
            found = find_arxiv_id(text)
            if found:
                return found
    return None


def paper_from_entry(fields: dict[str, str], authors: list[str], key: str, where: str) -> Paper:
    """A Paper from one entry's decoded fields (lower-case names)."""
    title = fields.get("title", "")
    if not title:
        raise RecordError(f"entry '{key}' has no title; skipped (add a title field)", where)
    ids = ids_from(arxiv=_arxiv_of(fields), doi=fields.get("doi"))
    return Paper(
        id=paper_node_id_from(ids, title),
        title=title,
        abstract=fields.get("abstract", ""),
        published=_published(fields),
        authors=authors,
        url=fields.get("url") or None,
        sources=[where],
        external_ids=ids,
    )


def _author_names(value: Any, decode: _Decoder) -> list[str]:
    out = []
    for raw in value if isinstance(value, list) else [value]:
        raw = str(raw).strip()
        name = decode(raw)
        corporate = raw.startswith("{") and raw.endswith("}")
        if "," in name and not corporate:  # "Last, First" (and "Last, Jr, First")
            parts = [p.strip() for p in name.split(",")]
            name = " ".join(parts[2:] + parts[:1] + parts[1:2]) if len(parts) > 2 else f"{parts[1]} {parts[0]}"
        if name.strip():
            out.append(squash_space(name))
    return out


def _recover_duplicate_fields(block: Any) -> Any:
    """The entry of a block with a repeated field (Zotero writes two ``doi``): keep the longest value."""
    from bibtexparser import Library
    from bibtexparser.middlewares import RemoveEnclosingMiddleware, SeparateCoAuthors

    entry = block.ignore_error_block
    best: dict[str, Any] = {}
    for f in entry.fields:
        key = f.key.lower()
        if key not in best or len(str(f.value)) > len(str(best[key].value)):
            best[key] = f
    entry.fields = list(best.values())
    library = Library([entry])
    for middleware in (RemoveEnclosingMiddleware(), SeparateCoAuthors()):
        library = middleware.transform(library)
    return library.entries[0]


def load_bibtex(path: str | Path, on_error: OnError) -> Iterator[Paper]:
    """Read a .bib file; every entry with a title is a paper, bad blocks are reported."""
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors
    from bibtexparser.model import DuplicateFieldKeyBlock

    source = str(path)
    text = read_text(path)
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()])
    decode = _Decoder()
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock) and block.ignore_error_block is not None:
            entries.append(_recover_duplicate_fields(block))
            continue
        line = (block.start_line or 0) + 1
        reason = str(getattr(block, "error", "")).split("\n")[0] or type(block).__name__
        on_error(RecordError(f"unreadable BibTeX block ({reason}); skipped: fix its braces/commas", source, line))
    if not entries and not library.failed_blocks:
        on_error(RecordError("no BibTeX entry (@article{...}, @misc{...}) found", source))
    for entry in sorted(entries, key=lambda e: e.start_line or 0):
        fields = {f.key.lower(): f.value for f in entry.fields}
        authors = _author_names(fields.pop("author", []), decode)
        text_fields = {k: decode(v) if k in _DECODED_FIELDS else _raw(v) for k, v in fields.items()}
        where = f"{source}:{(entry.start_line or 0) + 1}"
        try:
            yield paper_from_entry(text_fields, authors, entry.key, where)
        except RecordError as err:
            on_error(err)


def looks_like_bibtex(head: str) -> bool:
    """Content sniffing: an ``@type{`` entry start at the beginning of a line.

    >>> looks_like_bibtex("% refs\\n@inproceedings{schuster_get_2021,\\n"), looks_like_bibtex("@home: x")
    (True, False)
    >>> looks_like_bibtex("@dataclass(frozen=True, slots=True)\\nclass A: ...")
    False
    """
    return bool(_ENTRY_START.search(head))
