"""Optional fetching from the live APIs, into files the loaders read. Off unless asked.

Nothing here runs on its own: the caller passes an HTTP session (a
``requests.Session`` or anything with the same ``get``/``post``) and asks for
ids. Each function writes one response file in the format its loader reads
(Atom for arXiv, a batch list for Semantic Scholar, a ``results`` envelope for
OpenAlex) and respects the provider's published rate limit, waiting between
requests and backing off on HTTP 429/5xx (``Retry-After`` honoured).

- arXiv API: one request every 3 s, up to 100 ids per request (``id_list``).
- Semantic Scholar: ``POST /graph/v1/paper/batch``, up to 500 ids per request,
  one request a second (``x-api-key`` when given).
- OpenAlex: ``GET /works?filter=<ids>``, up to 50 ids OR-ed per request, ten
  requests a second (``api_key`` when given; OpenAlex asks for one).

>>> class FakeResponse:
...     status_code, headers, text = 200, {}, '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
>>> class FakeSession:
...     def get(self, url, params=None, timeout=None, headers=None):
...         print(url, params["id_list"])
...         return FakeResponse()
>>> import tempfile, os
>>> out = os.path.join(tempfile.mkdtemp(), "feed.xml")
>>> fetch_arxiv(FakeSession(), ["2411.02337v1", "1706.03762"], out, limiter=RateLimiter(0))
https://export.arxiv.org/api/query 2411.02337v1,1706.03762
1
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from citegraph.errors import CitegraphError, InputError

from .ids import normalize_doi, openalex_id, split_arxiv_id

ARXIV_URL = "https://export.arxiv.org/api/query"
S2_BATCH_URL = "https://api.semanticscholar.org/graph/v1/paper/batch"
OPENALEX_URL = "https://api.openalex.org/works"
S2_FIELDS = ("paperId,externalIds,title,abstract,year,publicationDate,authors,url,"
             "references.paperId,references.externalIds,references.title")
TIMEOUT = 60.0
ATOM = "http://www.w3.org/2005/Atom"


class FetchError(CitegraphError):
    """A live API refused a request or kept failing after retries."""


class Session(Protocol):
    """What the fetchers need of an HTTP session (``requests.Session`` fits)."""

    def get(self, url: str, **kwargs: Any) -> Any: ...

    def post(self, url: str, **kwargs: Any) -> Any: ...


@dataclass
class RateLimiter:
    """At most one request every ``interval`` seconds; ``sleep``/``clock`` are injectable for tests."""

    interval: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: float | None = field(default=None, repr=False)

    def wait(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            self.sleep(self.interval - (now - self._last))
        self._last = self.clock()


def _request(call: Callable[[], Any], limiter: RateLimiter, what: str, retries: int = 4) -> Any:
    """Run one request under the limiter; back off on 429 and 5xx, fail clearly otherwise."""
    delay = max(limiter.interval, 1.0)
    for attempt in range(retries + 1):
        limiter.wait()
        resp = call()
        status = int(getattr(resp, "status_code", 0))
        if status == 200:
            return resp
        if status == 429 or status >= 500:
            if attempt == retries:
                break
            retry_after = (getattr(resp, "headers", {}) or {}).get("Retry-After")
            wait = float(retry_after) if retry_after and str(retry_after).isdigit() else delay
            limiter.sleep(wait)
            delay *= 2
            continue
        body = str(getattr(resp, "text", ""))[:200].replace("\n", " ")
        raise FetchError(f"{what}: HTTP {status} ({body}); check the ids and the API key")
    raise FetchError(f"{what}: still rate-limited or failing after {retries + 1} attempts; try again later")


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def fetch_arxiv(session: Session, ids: Sequence[str], out: str | Path, limiter: RateLimiter | None = None) -> int:
    """Fetch arXiv entries by id into one Atom feed at ``out``; returns the number of requests.

    Ids may be versioned, old-style or URLs; invalid ones raise before any request.
    """
    clean = []
    for raw in ids:
        parts = split_arxiv_id(raw)
        if not parts:
            raise InputError(f"'{raw}' is not an arXiv id (e.g. 2411.02337 or hep-ph/9411242)")
        clean.append(parts[0] + (parts[1] or ""))
    limiter = limiter or RateLimiter(3.0)
    ET.register_namespace("", ATOM)
    merged: ET.Element | None = None
    requests = 0
    for chunk in _chunks(clean, 100):
        params = {"id_list": ",".join(chunk), "max_results": str(len(chunk))}
        resp = _request(partial(session.get, ARXIV_URL, params=params, timeout=TIMEOUT), limiter, "arXiv API")
        requests += 1
        feed = ET.fromstring(resp.text)  # noqa: S314 - arXiv's own response; the loader re-parses with defusedxml
        if merged is None:
            merged = feed
        else:
            merged.extend(feed.findall(f"{{{ATOM}}}entry"))
    if merged is not None:
        ET.ElementTree(merged).write(out, encoding="utf-8", xml_declaration=True)
    return requests


def _s2_id(raw: str) -> str:
    parts = split_arxiv_id(raw)
    if parts:
        return f"ARXIV:{parts[0]}"
    doi = normalize_doi(raw)
    return f"DOI:{doi}" if doi else raw.strip()


def fetch_semantic_scholar(session: Session, ids: Sequence[str], out: str | Path, api_key: str | None = None,
                           fields: str = S2_FIELDS, limiter: RateLimiter | None = None) -> int:
    """Fetch papers (arXiv ids, DOIs or S2 ids) with their references into a batch file at ``out``.

    Ids S2 does not know come back as ``null`` (the loader reports them).
    """
    limiter = limiter or RateLimiter(1.0)
    headers = {"x-api-key": api_key} if api_key else {}
    papers: list[Any] = []
    requests = 0
    for chunk in _chunks([_s2_id(i) for i in ids], 500):
        body = {"ids": list(chunk)}
        resp = _request(partial(session.post, S2_BATCH_URL, params={"fields": fields}, json=body,
                                headers=headers, timeout=TIMEOUT), limiter, "Semantic Scholar API")
        requests += 1
        papers.extend(resp.json())
    Path(out).write_text(json.dumps(papers, ensure_ascii=False), encoding="utf-8")
    return requests


def fetch_openalex(session: Session, ids: Sequence[str], out: str | Path, api_key: str | None = None,
                   limiter: RateLimiter | None = None) -> int:
    """Fetch OpenAlex works by W id or DOI into a ``results`` envelope at ``out``."""
    limiter = limiter or RateLimiter(0.1)
    works, dois = [], []
    for raw in ids:
        w, d = openalex_id(raw), normalize_doi(raw)
        if w:
            works.append(w)
        elif d:
            dois.append(d)
        else:
            raise InputError(f"'{raw}' is neither an OpenAlex work id (W123) nor a DOI")
    results: list[Any] = []
    requests = 0
    for key, values in (("ids.openalex", works), ("doi", dois)):
        for chunk in _chunks(values, 50):
            params = {"filter": f"{key}:{'|'.join(chunk)}", "per-page": "50"}
            if api_key:
                params["api_key"] = api_key
            resp = _request(partial(session.get, OPENALEX_URL, params=params, timeout=TIMEOUT), limiter,
                            "OpenAlex API")
            requests += 1
            results.extend(resp.json().get("results", []))
    Path(out).write_text(json.dumps({"results": results}, ensure_ascii=False), encoding="utf-8")
    return requests
