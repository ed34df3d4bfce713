"""Paper identifiers: normalising arXiv ids, DOIs, Semantic Scholar and OpenAlex ids.

Every loader fills ``Paper.external_ids`` through these functions so that the
same paper read from two sources carries the same keys:

- ``arxiv``: version-less (``1706.03762``, ``hep-ph/9411242``), also taken
  from a DataCite arXiv DOI (``10.48550/arXiv.1706.03762``);
- ``doi``: lower-cased, without ``https://doi.org/`` or ``doi:``; an arXiv
  DataCite DOI is not kept here, it only yields the ``arxiv`` id;
- ``s2``: the Semantic Scholar ``paperId`` (40 hex digits);
- ``openalex``: the work id ``W...`` without the URL.

References are stored as ``scheme:value`` strings (:func:`ref`).

>>> arxiv_id("http://arxiv.org/abs/2202.12139v1"), arxiv_id("arXiv:hep-ph/9411242v2")
('2202.12139', 'hep-ph/9411242')
>>> normalize_doi("https://doi.org/10.7717/PeerJ.4375")
'10.7717/peerj.4375'
>>> openalex_id("https://openalex.org/W2741809807")
'W2741809807'
>>> ids_from(doi="10.48550/arXiv.2304.08085"), ids_from(doi="10.1109/ICSTW.2022.35", arxiv="2202.12139v1")
({'arxiv': '2304.08085'}, {'doi': '10.1109/icstw.2022.35', 'arxiv': '2202.12139'})
"""

from __future__ import annotations

import re

# New style (since April 2007): YYMM.NNNN or YYMM.NNNNN; old style: archive(.SUBJ)/YYMMNNN.
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_ID = re.compile(rf"(?<![\w./-])(?:arxiv:\s*)?({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?(?![\w-])", re.IGNORECASE)
_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?", re.IGNORECASE)
_ARXIV_EXACT = re.compile(rf"^(?:arxiv:\s*)?({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?$", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$")
_OPENALEX = re.compile(r"(?:openalex\.org/)?(W\d+)$", re.IGNORECASE)
_S2 = re.compile(r"^[0-9a-f]{40}$")

#: Precedence of id schemes for the node id of a merged paper (first present wins).
ID_PRECEDENCE: tuple[str, ...] = ("arxiv", "doi", "s2", "openalex", "id")


def split_arxiv_id(text: str) -> tuple[str, str | None] | None:
    """``(id, version)`` of an arXiv id, an ``arXiv:`` label or an abs/pdf URL; None if not one.

    >>> split_arxiv_id("1706.03762v7"), split_arxiv_id("math.GT/0309136"), split_arxiv_id("abc")
    (('1706.03762', 'v7'), ('math.GT/0309136', None), None)
    """
    text = text.strip()
    m = _ARXIV_URL.search(text) or _ARXIV_EXACT.match(text)
    if not m:
        return None
    return m.group(1), (m.group(2) or None)


def arxiv_id(text: str | None) -> str | None:
    """Version-less arXiv id in ``text`` (id, ``arXiv:`` label or URL), else None.

    >>> arxiv_id("https://arxiv.org/pdf/2410.17243v1"), arxiv_id("not an id")
    ('2410.17243', None)
    """
    if not text:
        return None
    parts = split_arxiv_id(str(text))
    return parts[0] if parts else None


def find_arxiv_id(text: str | None) -> str | None:
    """First arXiv id mentioned anywhere in free text (a BibTeX note, a comment).

    >>> find_arxiv_id("arXiv:2304.14770 [cs] version: 1")
    '2304.14770'
    """
    if not text:
        return None
    m = _ARXIV_URL.search(text) or ARXIV_ID.search(text)
    return m.group(1) if m else None


def normalize_doi(text: str | None) -> str | None:
    """Lower-cased DOI without URL or ``doi:`` prefix; None when ``text`` holds no DOI.

    >>> normalize_doi("doi:10.1109/ICSTW55395.2022.00035"), normalize_doi("10.1007")
    ('10.1109/icstw55395.2022.00035', None)
    """
    if not text:
        return None
    value = _DOI_PREFIX.sub("", str(text).strip())
    m = _DOI.search(value)
    return m.group(0).rstrip(".,;").lower() if m else None


def openalex_id(text: str | None) -> str | None:
    """OpenAlex work id ``W...`` from an id or URL.

    >>> openalex_id("W123"), openalex_id("https://openalex.org/A5048491430")
    ('W123', None)
    """
    if not text:
        return None
    m = _OPENALEX.search(str(text).strip())
    return m.group(1).upper() if m else None


def s2_id(text: str | None) -> str | None:
    """Semantic Scholar paperId (40 lower-case hex digits), else None.

    >>> s2_id("2d5673caa9e6af3a7b82a43f19ee920992db07ad") is not None, s2_id("xyz")
    (True, None)
    """
    if not text:
        return None
    value = str(text).strip().lower()
    return value if _S2.match(value) else None


def ids_from(arxiv: str | None = None, doi: str | None = None, s2: str | None = None,
             openalex: str | None = None) -> dict[str, str]:
    """External-id map from raw values (each normalised; missing or invalid ones left out)."""
    out: dict[str, str] = {}
    a = arxiv_id(arxiv)
    d = normalize_doi(doi)
    m = _ARXIV_DOI.match(d) if d else None
    if m:
        a = a or arxiv_id(m.group(1))
    elif d:
        out["doi"] = d
    if a:
        out["arxiv"] = a
    if s2_id(s2):
        out["s2"] = s2_id(s2)  # type: ignore[assignment]
    if openalex_id(openalex):
        out["openalex"] = openalex_id(openalex)  # type: ignore[assignment]
    return out


def ref(scheme: str, value: str) -> str:
    """A reference as one string: ``scheme:value``.

    >>> ref("doi", "10.1/x"), ref("arxiv", "1706.03762")
    ('doi:10.1/x', 'arxiv:1706.03762')
    """
    return f"{scheme}:{value}"


def refs_of(ids: dict[str, str]) -> list[str]:
    """Every id of one cited work as reference strings, most trusted scheme first.

    >>> refs_of({"doi": "10.1/x", "arxiv": "1706.03762"})
    ['arxiv:1706.03762', 'doi:10.1/x']
    """
    return [ref(s, ids[s]) for s in ID_PRECEDENCE if s in ids and s != "id"]


def iso_date(text: str | None) -> str | None:
    """ISO date (``YYYY-MM-DD``, or ``YYYY``) from a timestamp or date string.

    >>> iso_date("2022-02-24T15:05:19Z"), iso_date("2018"), iso_date(1950), iso_date("soon")
    ('2022-02-24', '2018', '1950', None)
    """
    if text is None:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(text))
    if not m:
        return None
    return "-".join(g for g in m.groups() if g)


def paper_node_id_from(ids: dict[str, str], title: str) -> str:
    """Node id of a paper from its ids, by :data:`ID_PRECEDENCE`: ``paper:<arXiv id>``,
    ``paper:doi:<doi>``, ``paper:s2:<id>``, ``paper:openalex:<W id>``, ``paper:<record id>``,
    else ``paper:t<hash of the normalised title>``.

    >>> paper_node_id_from({"doi": "10.1/x", "arxiv": "1706.03762"}, "Attention")
    'paper:1706.03762'
    >>> paper_node_id_from({"s2": "ab" * 20}, "T")[:9], paper_node_id_from({}, "T")[:7]
    ('paper:s2:', 'paper:t')
    """
    from .base import paper_node_id

    for scheme in ID_PRECEDENCE:
        if ids.get(scheme):
            value = ids[scheme]
            return paper_node_id(value if scheme in ("arxiv", "id") else f"{scheme}:{value}", title)
    return paper_node_id(None, title)
