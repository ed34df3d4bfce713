"""Scale machinery: the synthetic corpus generator, parallel extraction, streaming loaders.

No timings here (speed lives in benchmarks/); these check the properties speed relies on.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import statistics
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import citegraph
from citegraph.cli import main
from citegraph.graph.digest import digest_all
from citegraph.graph.edges import co_mention_edges
from citegraph.loaders import iter_papers
from citegraph.loaders.extractor import RuleExtractor
from citegraph.models import Paper
from citegraph.pipeline import extract, iter_extract

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", BENCH / "generate_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_corpus", module)
    spec.loader.exec_module(module)
    return module


def _corpus(n: int, seed: int = 0, profile: str = "dense") -> str:
    buf = io.StringIO()
    _generator().write_corpus(buf, n, seed=seed, profile=profile)
    return buf.getvalue()


# -- generator ------------------------------------------------------------------------------------

def test_generator_same_seed_same_bytes():
    assert _corpus(300, seed=3) == _corpus(300, seed=3)


def test_generator_other_seed_other_corpus_and_prefix_stable():
    assert _corpus(50, seed=1) != _corpus(50, seed=2)
    # the first records do not depend on how many follow (dates aside): generation is sequential
    first = [json.loads(line)["title"] for line in _corpus(20).splitlines()]
    longer = [json.loads(line)["title"] for line in _corpus(40).splitlines()[:20]]
    assert first == longer


def test_generator_records_are_realistic(tmp_path):
    lines = _corpus(400).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 400 and len({r["id"] for r in records}) == 400
    assert all(set(r) == {"id", "title", "abstract", "published"} for r in records)
    assert len({r["published"][:7] for r in records}) >= 12  # spread over months
    assert sum(len(r["abstract"]) for r in records) / 400 > 800  # abstract-sized, not one-liners
    assert any("(" in r["abstract"] and ")" in r["abstract"] for r in records)  # acronym definitions
    # the pipeline reads it and finds entities of every kind it is built from
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines[:200]) + "\n", encoding="utf-8")
    kg = citegraph.build([path])
    s = kg.summary()
    assert s["papers"] == 200
    assert s["entities"]["Model"] > 10 and s["entities"]["Method"] > 100 and s["entities"]["Benchmark"] > 10
    assert s["edges"].get("CITES", 0) > 0 and s["edges"].get("INTRODUCES", 0) > 100


def test_dense_profile_keeps_its_bytes():
    # benchmark rounds compare figures on this corpus: the typical profile must not change it
    digest = hashlib.sha256(_corpus(50).encode()).hexdigest()
    assert digest == "0a2be7b8deba7bc396e1bc6c2cce02cff431319da515446eda578d1d5077861f"


def test_typical_profile_has_the_name_density_of_real_listings(tmp_path):
    # the shared sample: 5.9 mentions an abstract (median 5, 90th percentile 13), 15% naming nothing
    path = tmp_path / "typical.jsonl"
    path.write_text(_corpus(400, profile="typical"), encoding="utf-8")
    papers = citegraph.load_papers([path])
    assert len(papers) >= 396  # titles differ from paper to paper: de-duplication keeps them apart
    extractor = RuleExtractor()
    mentions = sorted(sum(len(e.mentions) for e in extractor.extract(p)) for p in papers)
    assert 4.5 <= sum(mentions) / len(mentions) <= 7.5
    assert 3 <= mentions[len(mentions) // 2] <= 7
    assert sum(m == 0 for m in mentions) >= 0.05 * len(mentions)  # papers that name nothing
    assert mentions[int(0.9 * len(mentions))] >= 9 and mentions[-1] >= 15  # and a tail of name lists
    assert statistics.mean(len(p.abstract) for p in papers) > 1200
    edges = citegraph.build([path]).summary()["edges"]  # the sample: 2.96 MENTIONS, 0.20 EVALUATED_ON a paper
    assert 2 <= edges["MENTIONS"] / len(papers) <= 4 and 0.1 <= edges["EVALUATED_ON"] / len(papers) <= 0.5
    dense = [Paper(id=r["id"], title=r["title"], abstract=r["abstract"])
             for r in map(json.loads, _corpus(100).splitlines())]
    dense_mentions = sum(len(e.mentions) for p in dense for e in extractor.extract(p))
    assert dense_mentions / 100 > 3 * sum(mentions) / len(mentions)  # the stress corpus stays dense


def test_generator_rejects_unknown_profile():
    with pytest.raises(ValueError, match="profile 'sparse'"):
        _corpus(3, profile="sparse")


# -- parallel extraction ----------------------------------------------------------------------------

def test_workers_two_give_byte_identical_graph(daily_pages, tmp_path):
    runner = CliRunner()
    for workers in ("1", "2"):
        result = runner.invoke(main, ["build", *map(str, daily_pages), "--no-html", "--workers", workers,
                                      "-o", str(tmp_path / workers)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    one = (tmp_path / "1" / "graph.json").read_bytes()
    assert one == (tmp_path / "2" / "graph.json").read_bytes()
    assert (tmp_path / "1" / "graph.graphml").read_bytes() == (tmp_path / "2" / "graph.graphml").read_bytes()
    assert json.loads(one)["graph"]["load"]["papers"] >= 50


def test_parallel_extraction_keeps_order_across_many_chunks(daily_pages):
    papers = citegraph.load_papers(daily_pages)
    serial = extract(papers)
    parallel = list(iter_extract(papers, workers=2, chunk_size=7))  # many chunks, several in flight
    assert [p.id for p, _ in parallel] == [p.id for p in papers]
    assert parallel == serial


def test_extract_command_accepts_workers(daily_pages):
    runner = CliRunner()
    args = ["extract", str(daily_pages[0])]
    one = runner.invoke(main, args, catch_exceptions=False).output
    two = runner.invoke(main, [*args, "--workers", "2"], catch_exceptions=False).output
    assert one == two and one.count("\n") > 10


def test_extraction_while_loading_equals_loading_then_extracting(daily_pages):
    from citegraph import pipeline

    papers = citegraph.load_papers(daily_pages)  # the daily pages repeat papers across days
    loaded: list[Paper] = []
    overlapped = list(pipeline._digest_while_loading(iter_papers(daily_pages), None, 2, 8, loaded))
    assert overlapped == list(digest_all(extract(papers)))
    assert loaded == papers


def _record(i: int, abstract: str) -> Paper:
    return Paper(id=f"paper:{i}", title=f"Paper number {i} on agents", abstract=abstract,
                 external_ids={"arxiv": f"2401.{i:05d}"})


def test_a_paper_a_later_record_changes_is_extracted_again():
    from citegraph import pipeline

    records = [_record(i, "We use GPT-4.") for i in range(30)]
    records.append(_record(3, "We use GPT-4 and Llama-3.1-8B and report results on MMLU."))  # longer: kept
    loaded: list[Paper] = []
    got = list(pipeline._digest_while_loading(records, None, 2, 4, loaded))
    assert len(got) == len(loaded) == 30
    digest = got[3]
    assert digest.paper.abstract.endswith("on MMLU.")
    assert [e.name for e in digest.entities] == ["GPT-4", "Llama-3.1-8B", "MMLU"]
    fresh = [_record(i, "We use GPT-4.") for i in range(30)] + [records[-1]]  # not mutated by the merge above
    assert got == list(digest_all(extract(pipeline.merge_papers(fresh))))


def test_a_bad_record_in_strict_mode_stops_loading_and_extraction(tmp_path, monkeypatch):
    from citegraph import pipeline
    from citegraph.errors import RecordError

    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 8)
    lines = [json.dumps({"id": f"r{i}", "title": f"Paper number {i} on agents", "abstract": "We use GPT-4."})
             for i in range(60)]
    (tmp_path / "papers.jsonl").write_text("\n".join([*lines, "{not json", *lines]) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match="papers.jsonl"):
        citegraph.build([tmp_path / "papers.jsonl"], strict=True, workers=2)
    kg = citegraph.build([tmp_path / "papers.jsonl"], workers=2)  # not strict: the line is skipped
    assert len(kg.papers()) == 60 and kg.to_networkx().graph["load"]["skipped"] == 1


class _FailingExtractor:
    def extract(self, paper: Paper):
        raise ValueError(f"cannot read {paper.id}")


def test_worker_errors_reach_the_caller(daily_pages):
    papers = citegraph.load_papers(daily_pages)
    with pytest.raises(ValueError, match="cannot read"):
        list(iter_extract(papers, _FailingExtractor(), workers=2, chunk_size=50))


class _DyingExtractor:
    """Ends the worker process it runs in (never the test's own process)."""

    def __init__(self) -> None:
        self.parent = os.getpid()

    def extract(self, paper: Paper):
        if os.getpid() != self.parent:
            os._exit(1)
        return []


def test_a_dead_worker_is_an_extraction_error_in_both_parallel_paths(daily_pages, monkeypatch):
    from citegraph import pipeline
    from citegraph.pipeline import ExtractionError

    papers = citegraph.load_papers(daily_pages)
    with pytest.raises(ExtractionError, match="worker process died"):
        list(iter_extract(papers, _DyingExtractor(), workers=2, chunk_size=8))
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 8)
    with pytest.raises(ExtractionError, match="worker process died"):
        citegraph.build(daily_pages, extractor=_DyingExtractor(), workers=2)


# -- streaming ------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_jsonl_is_read_line_by_line(tmp_path):
    """A pipe that never ends: a loader that reads the whole file first would hang here."""
    fifo = tmp_path / "endless.jsonl"
    os.mkfifo(fifo)
    stop = threading.Event()

    def writer() -> None:
        try:
            with open(fifo, "w", encoding="utf-8") as fh:
                for i in range(5):
                    fh.write(json.dumps({"id": f"x{i}", "title": f"Paper {i}", "abstract": "We use GPT-4o."}) + "\n")
                    fh.flush()
                stop.wait(30)  # keep the pipe open: no end of file until the reader is done
        except BrokenPipeError:  # the reader stopped reading first, as it should
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    got = []
    result: list[list[str]] = []

    def reader() -> None:
        for paper in iter_papers([fifo], format="jsonl"):
            got.append(paper.id)
            if len(got) == 3:
                break
        result.append(list(got))

    read = threading.Thread(target=reader, daemon=True)
    read.start()
    read.join(20)
    stop.set()
    thread.join(5)
    assert result == [["paper:x0", "paper:x1", "paper:x2"]]


def test_jsonl_memory_does_not_grow_with_the_file(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(_corpus(3000), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in iter_papers([path]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000
    assert peak < size / 20, (peak, size)  # a few records at a time, never the file


def test_many_input_files_are_opened_one_at_a_time(tmp_path):
    for i in range(60):
        (tmp_path / f"f{i:02d}.jsonl").write_text(json.dumps({"title": f"Paper {i}"}) + "\n", encoding="utf-8")
    stream = iter_papers([tmp_path])
    first = next(stream)
    open_files = [p for p in Path(f"/proc/{os.getpid()}/fd").iterdir()
                  if str(tmp_path) in os.path.realpath(p)] if Path("/proc/self/fd").exists() else []
    assert first.title == "Paper 0"
    assert len(open_files) <= 1
    assert sum(1 for _ in stream) == 59


# -- co-mentions ----------------------------------------------------------------------------------

def test_co_mentions_are_bounded_per_paper():
    survey = [f"model:m{i:03d}" for i in range(500)]
    edges = co_mention_edges([survey, ["model:m000", "model:m001"]])
    assert len(edges) == 40 * 39 // 2  # only the first 40 names of the survey pair up
    top = next(e for e in edges if (e.source, e.target) == ("model:m000", "model:m001"))
    assert top.properties["papers"] == 2
