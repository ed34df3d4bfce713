"""Optional live fetching, with fake sessions (no network): requests built right, rate limits
kept, back-off on 429, files written in the formats the loaders read."""

from __future__ import annotations

import json

import pytest

from citegraph.loaders import iter_papers
from citegraph.loaders.fetch import (
    FetchError,
    RateLimiter,
    fetch_arxiv,
    fetch_openalex,
    fetch_semantic_scholar,
)
from citegraph.models import LoadReport

from .conftest import RESOURCES


class Response:
    def __init__(self, status=200, text="", data=None, headers=None):
        self.status_code, self.text, self._data, self.headers = status, text, data, headers or {}

    def json(self):
        return self._data


class FakeSession:
    def __init__(self, responses):
        self.responses, self.calls = list(responses), []

    def get(self, url, **kw):
        self.calls.append(("GET", url, kw))
        return self.responses.pop(0)

    def post(self, url, **kw):
        self.calls.append(("POST", url, kw))
        return self.responses.pop(0)


class FakeTime:
    def __init__(self):
        self.now, self.slept = 0.0, []

    def sleep(self, s):
        self.slept.append(round(s, 3))
        self.now += s

    def clock(self):
        return self.now


def limiter(interval):
    t = FakeTime()
    return RateLimiter(interval, sleep=t.sleep, clock=t.clock), t


def test_rate_limiter_spaces_requests():
    lim, t = limiter(3.0)
    lim.wait()
    t.now += 1.0
    lim.wait()
    lim.wait()
    assert t.slept == [2.0, 3.0]


def test_fetch_arxiv_chunks_ids_and_merges_feeds(tmp_path):
    feed = (RESOURCES / "formats" / "atom-search-testing-head2.xml").read_text(encoding="utf-8")
    session = FakeSession([Response(text=feed), Response(text=feed)])
    lim, t = limiter(3.0)
    ids = [f"2202.{n:05d}" for n in range(150)]
    out = tmp_path / "feed.xml"
    assert fetch_arxiv(session, ids, out, limiter=lim) == 2
    assert [len(c[2]["params"]["id_list"].split(",")) for c in session.calls] == [100, 50]
    assert t.slept == [3.0]  # the second request waited for arXiv's 3 s
    papers = list(iter_papers([out]))
    assert len(papers) == 4 and papers[0].external_ids["arxiv"] == "2202.12139"


def test_fetch_arxiv_rejects_bad_ids_before_any_request(tmp_path):
    session = FakeSession([])
    with pytest.raises(Exception, match="not an arXiv id"):
        fetch_arxiv(session, ["abc"], tmp_path / "x.xml", limiter=limiter(0)[0])
    assert session.calls == []


def test_fetch_semantic_scholar_backs_off_on_429(tmp_path):
    batch = json.loads((RESOURCES / "formats" / "s2-batch-with-null.json").read_text(encoding="utf-8"))
    session = FakeSession([Response(429, headers={"Retry-After": "7"}), Response(data=batch)])
    lim, t = limiter(1.0)
    out = tmp_path / "s2.json"
    fetch_semantic_scholar(session, ["arXiv:2411.02337v2", "https://doi.org/10.1234/AB", "ab" * 20], out,
                           api_key="k", limiter=lim)
    method, url, kw = session.calls[1]
    assert method == "POST" and url.endswith("/graph/v1/paper/batch")
    assert kw["json"] == {"ids": ["ARXIV:2411.02337", "DOI:10.1234/ab", "ab" * 20]}
    assert kw["headers"] == {"x-api-key": "k"} and "references.externalIds" in kw["params"]["fields"]
    assert 7.0 in t.slept
    report = LoadReport()
    assert len(list(iter_papers([out], report=report))) == 3 and report.skipped == 1


def test_fetch_openalex_builds_filters_and_writes_results(tmp_path):
    work = json.loads((RESOURCES / "formats" / "openalex-work-cut.json").read_text(encoding="utf-8"))
    session = FakeSession([Response(data={"results": [work]}), Response(data={"results": []})])
    out = tmp_path / "oa.json"
    assert fetch_openalex(session, ["https://openalex.org/W2741809807", "10.7717/peerj.4375"], out,
                          limiter=limiter(0.1)[0]) == 2
    assert [c[2]["params"]["filter"] for c in session.calls] == ["ids.openalex:W2741809807",
                                                                  "doi:10.7717/peerj.4375"]
    (p,) = list(iter_papers([out]))
    assert p.external_ids["openalex"] == "W2741809807"


def test_fetch_fails_clearly_on_http_errors(tmp_path):
    session = FakeSession([Response(400, text="bad id")])
    with pytest.raises(FetchError, match="HTTP 400"):
        fetch_openalex(session, ["W1"], tmp_path / "x.json", limiter=limiter(0)[0])
    session = FakeSession([Response(503)] * 5)
    with pytest.raises(FetchError, match="after 5 attempts"):
        fetch_openalex(session, ["W1"], tmp_path / "x.json", limiter=limiter(0)[0])
