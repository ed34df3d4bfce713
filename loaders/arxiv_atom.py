"""arXiv API Atom feeds (``export.arxiv.org/api/query``).

Namespaces may be declared on the root or inline on each element (older
feeds): elements are matched by namespace URI, so both read the same. Titles
and summaries are hard-wrapped; whitespace is collapsed. Entry ids carry a
version (``2202.12139v1``) and may be old-style (``hep-ph/9411242v1``); the
version-less id goes to ``external_ids["arxiv"]``, the versioned abs link to
``url``. When a query is malformed the API answers with a feed whose single
entry is an error (id ``.../api/errors#...``, title ``Error``): it is reported
with its message, not read as a paper. The feed is parsed incrementally with
``defusedxml`` (no entity expansion, no external DTDs): a truncated feed keeps
the entries before the break and reports where it broke.

>>> import tempfile, os
>>> feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1706.03762v7</id>'
...         '<title>Attention Is All\\n  You Need</title><summary> The dominant</summary>'
...         '<published>2017-06-12T17:57:34Z</published><author><name>A. Vaswani</name></author></entry></feed>')
>>> with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
...     _ = f.write(feed)
>>> [(p.id, p.title, p.published, p.url) for p in load_arxiv_atom(f.name, print)]
[('paper:1706.03762', 'Attention Is All You Need', '2017-06-12', 'https://arxiv.org/abs/1706.03762v7')]
>>> os.unlink(f.name)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, open_input, squash_space
from .ids import ids_from, iso_date, paper_node_id_from, split_arxiv_id

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ERROR_ID = "arxiv.org/api/errors"


def _text(entry: Element, tag: str) -> str:
    el = entry.find(tag)
    return squash_space(el.text) if el is not None and el.text else ""


def paper_from_entry(entry: Element, where: str) -> Paper:
    """A Paper from one ``<entry>``; RecordError for an API error entry or an entry without title."""
    raw_id = _text(entry, f"{ATOM}id")
    if _ERROR_ID in raw_id:
        message = _text(entry, f"{ATOM}summary") or raw_id
        raise RecordError(f"the arXiv API returned an error, not a paper: '{message}'; fix the query "
                          "that produced this feed", where)
    title = _text(entry, f"{ATOM}title")
    if not title:
        raise RecordError(f"entry {raw_id or '?'} has no title; skipped", where)
    parts = split_arxiv_id(raw_id)
    ids = ids_from(arxiv=parts[0] if parts else None, doi=_text(entry, f"{ARXIV}doi") or None)
    if not parts and raw_id:
        ids["id"] = raw_id
    url = next((link.get("href") for link in entry.iter(f"{ATOM}link")
                if link.get("rel") == "alternate" and link.get("href")), None)
    if url is None and parts:
        url = f"https://arxiv.org/abs/{parts[0]}{parts[1] or ''}"
    return Paper(
        id=paper_node_id_from(ids, title),
        title=title,
        abstract=_text(entry, f"{ATOM}summary"),
        published=iso_date(_text(entry, f"{ATOM}published")) or iso_date(_text(entry, f"{ATOM}updated")),
        authors=[a for a in (_text(au, f"{ATOM}name") for au in entry.iter(f"{ATOM}author")) if a],
        url=url or (raw_id or None),
        sources=[where],
        external_ids=ids,
    )


def load_arxiv_atom(path: str | Path, on_error: OnError) -> Iterator[Paper]:
    """Read an arXiv API feed entry by entry (memory stays flat on big feeds)."""
    source = str(path)
    fh = open_input(path)
    n, broken = 0, False
    with fh:
        try:
            for _, el in iterparse(fh, events=("end",), forbid_dtd=True):
                if el.tag != f"{ATOM}entry":
                    continue
                n += 1
                try:
                    yield paper_from_entry(el, f"{source}#{n}")
                except RecordError as err:
                    on_error(err)
                el.clear()
        except ParseError as err:
            broken = True
            line, col = err.position
            kept = f"the {n} entries before it were read" if n else "no entry was read"
            on_error(RecordError(f"malformed XML at line {line}, column {col} ({str(err).split(':')[0]}); "
                                 f"{kept}, the rest is skipped: re-download the feed", source))
        except (OSError, EOFError) as err:
            broken = True
            on_error(RecordError(f"compressed file is corrupt or truncated ({err}); the entries after "
                                 f"entry {n} are skipped: re-download it", source))
        except DefusedXmlException as err:
            broken = True
            on_error(RecordError(f"refused unsafe XML ({type(err).__name__}); the file is skipped", source))
    if n == 0 and not broken:
        on_error(RecordError("the feed holds no <entry> (an empty query result?)", source))


def looks_like_arxiv_atom(head: str) -> bool:
    """Content sniffing: an Atom feed.

    >>> looks_like_arxiv_atom('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    True
    """
    return head.lstrip().startswith("<") and "http://www.w3.org/2005/Atom" in head and "<feed" in head
