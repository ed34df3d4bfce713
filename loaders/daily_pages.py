"""Daily-paper listing pages (text copied from a daily papers web page).

Layout: a header block, a date line such as ``Mar 11``, then paragraphs that
alternate title and abstract, separated by blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from citegraph.errors import RecordError
from citegraph.models import Paper

from .base import OnError, paper_node_id, read_text

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
DATE_LINE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?$"
)
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
# A title is one short line; an abstract is prose. Used to resynchronise when a
# record lacks its abstract.
_MAX_TITLE_CHARS = 300


def listing_date(line: str, year: int | None = None) -> str | None:
    """ISO date of a listing date line; ``--MM-DD`` when the page gives no year.

    >>> listing_date("Mar 11"), listing_date("Mar 11, 2024"), listing_date("WebRL")
    ('--03-11', '2024-03-11', None)
    """
    m = DATE_LINE.match(line.strip())
    if not m:
        return None
    month, day = _MONTHS[m["mon"].lower()], int(m["day"])
    y = m["year"] or year
    return f"{int(y):04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"


def looks_like_daily_page(head: str) -> bool:
    """Content sniffing: a date line alone on a line within the first lines."""
    return any(DATE_LINE.match(line.strip()) for line in head.splitlines()[:40])


def _looks_like_title(par: str) -> bool:
    return "\n" not in par.strip() and len(par) <= _MAX_TITLE_CHARS and not par.rstrip().endswith(".")


def load_daily_page(path: str | Path, on_error: OnError, year: int | None = None) -> Iterator[Paper]:
    """Read one listing page; each record keeps the listing date and its source file.

    >>> import tempfile, os
    >>> page = "Header\\n\\nMar 11\\n\\nA Title\\n\\nAn abstract.\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write(page)
    >>> [(p.title, p.abstract, p.listing_dates) for p in load_daily_page(f.name, print)]
    [('A Title', 'An abstract.', ['--03-11'])]
    >>> os.unlink(f.name)
    """
    source = str(path)
    text = read_text(path).replace("\r\n", "\n")
    pars: list[tuple[int, str]] = []  # (line number, paragraph)
    line_no, last = 1, 0
    for m in _PARAGRAPH.finditer(text):
        line_no += text.count("\n", last, m.start())
        last = m.start()
        pars.append((line_no, m.group().strip()))
    date_at = next((i for i, (_, p) in enumerate(pars) if listing_date(p, year)), None)
    if date_at is None:
        on_error(RecordError("no listing date line (e.g. 'Mar 11') found; not a daily-paper page? "
                             "pass --format if it is another format", source))
        return
    date = listing_date(pars[date_at][1], year)
    i = date_at + 1
    if i >= len(pars):
        on_error(RecordError("the page lists no papers", source))
        return
    while i < len(pars):
        line_no, title = pars[i]
        new_date = listing_date(title, year)
        if new_date:  # a page may hold several days
            date, i = new_date, i + 1
            continue
        nxt = pars[i + 1][1] if i + 1 < len(pars) else ""
        if not _looks_like_title(title):
            on_error(RecordError("paragraph where a title was expected is prose; skipped", source, line_no))
            i += 1
            continue
        abstract = ""
        if nxt and not (_looks_like_title(nxt) and len(nxt) < 200) and not listing_date(nxt, year):
            abstract, i = nxt, i + 2
        else:
            i += 1
        title = " ".join(title.split())
        yield Paper(
            id=paper_node_id(None, title),
            title=title,
            abstract=" ".join(abstract.split()),
            sources=[f"{source}:{line_no}"],
            listing_dates=[date] if date else [],
        )
