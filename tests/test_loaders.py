"""Loaders: daily pages, JSON Lines, JSON arrays, CSV, detection, dedup, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citegraph.errors import InputError, InputFormatError, RecordError
from citegraph.loaders import detect_format, iter_papers, merge_papers
from citegraph.models import LoadReport

PAGE = """new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Mar 11

WebRL: Training LLM Web Agents

We introduce WebRL. It trains Llama-3.1-8B.

Another Paper: With a Colon

Its abstract mentions GPT-4o.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_daily_page_records_keep_date_and_source(tmp_path):
    page = write(tmp_path, "page.txt", PAGE)
    papers = list(iter_papers([page]))
    assert [p.title for p in papers] == ["WebRL: Training LLM Web Agents", "Another Paper: With a Colon"]
    assert papers[0].abstract == "We introduce WebRL. It trains Llama-3.1-8B."
    assert papers[0].listing_dates == ["--03-11"]
    assert papers[0].sources == [f"{page}:11"]


def test_shared_pages_hold_388_records_of_345_papers(shared_pages):
    report = LoadReport()
    papers = merge_papers(iter_papers(shared_pages, report=report))
    assert report.records_read == 388
    assert len(papers) == 345
    assert report.skipped == 0
    multi = [p for p in papers if len(p.sources) > 1]
    assert multi and all(len(p.sources) >= 2 for p in multi)
    assert all(p.abstract for p in papers)


def test_jsonl_json_and_csv_read_the_same_fields(tmp_path):
    rec = {"id": "2411.02337", "title": "WebRL", "abstract": "We introduce WebRL.",
           "authors": ["Zehan Qi", "Xiao Liu"], "published": "2024-11-04", "url": "https://arxiv.org/abs/2411.02337"}
    jl = write(tmp_path, "a.jsonl", json.dumps(rec) + "\n")
    js = write(tmp_path, "b.json", json.dumps([rec]))
    cs = write(tmp_path, "c.csv", "id,title,abstract,authors,published,url\n"
               '2411.02337,WebRL,We introduce WebRL.,"Zehan Qi; Xiao Liu",2024-11-04,https://arxiv.org/abs/2411.02337\n')
    for path in (jl, js, cs):
        (p,) = list(iter_papers([path]))
        assert (p.id, p.title, p.abstract, p.authors, p.published) == (
            "paper:2411.02337", "WebRL", "We introduce WebRL.", ["Zehan Qi", "Xiao Liu"], "2024-11-04"), path


def test_csv_column_names_are_configurable(tmp_path):
    cs = write(tmp_path, "c.csv", "name,summary\nWebRL,We introduce WebRL.\n")
    (p,) = list(iter_papers([cs], columns={"title": "name", "abstract": "summary"}))
    assert (p.title, p.abstract) == ("WebRL", "We introduce WebRL.")


def test_format_detected_from_content_not_just_extension(tmp_path):
    assert detect_format(write(tmp_path, "x.json", '{"title": "A"}\n{"title": "B"}\n')) == "jsonl"
    assert detect_format(write(tmp_path, "x.txt", PAGE)) == "daily"
    assert detect_format(write(tmp_path, "x.dat", "title,abstract\nA,b\n")) == "csv"
    with pytest.raises(InputFormatError, match="pass --format"):
        detect_format(write(tmp_path, "x.docx", "just some words\n"))


def test_duplicates_merge_by_id_then_title(tmp_path):
    a = write(tmp_path, "a.jsonl", json.dumps({"id": "1", "title": "Same Paper", "abstract": "x"}) + "\n")
    b = write(tmp_path, "b.jsonl", json.dumps({"title": "same  paper", "abstract": "longer abstract"}) + "\n"
              + json.dumps({"id": "1", "title": "Renamed", "abstract": ""}) + "\n")
    (p,) = merge_papers(iter_papers([a, b]))
    assert p.id == "paper:1"
    assert p.abstract == "longer abstract"
    assert len(p.sources) == 3


# --- bad input: each gets a message naming the file (and line); the rest is kept; strict raises

def test_empty_file_is_reported(tmp_path):
    good = write(tmp_path, "good.txt", PAGE)
    empty = write(tmp_path, "empty.txt", "")
    report = LoadReport()
    papers = list(iter_papers([empty, good], report=report))
    assert len(papers) == 2
    assert report.problems == [f"{empty}: file is empty; nothing to read"]
    with pytest.raises(InputFormatError, match="empty"):
        list(iter_papers([empty, good], strict=True))


def test_page_without_papers_is_reported(tmp_path):
    page = write(tmp_path, "p.txt", "new\n\nSubscribe\n\nMar 11\n")
    report = LoadReport()
    assert list(iter_papers([page], report=report)) == []
    assert report.problems == [f"{page}: the page lists no papers"]


def test_binary_file_is_reported(tmp_path):
    binary = write(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    report = LoadReport()
    assert list(iter_papers([binary], report=report)) == []
    assert "binary file" in report.problems[0] and str(binary) in report.problems[0]


def test_non_utf8_file_names_line_and_fix(tmp_path):
    bad = write(tmp_path, "latin.txt", PAGE.replace("Another", "Caf\xe9").encode("latin-1"))
    report = LoadReport()
    assert list(iter_papers([bad], report=report)) == []
    assert report.problems[0].startswith(f"{bad}:15: not valid UTF-8")
    assert "iconv" in report.problems[0]
    with pytest.raises(InputError):
        list(iter_papers([bad], strict=True))


def test_jsonl_broken_line_skipped_with_line_number(tmp_path):
    f = write(tmp_path, "x.jsonl", '{"title": "A", "abstract": "a"}\n{"title": "B", \n{"title": "C"}\n')
    report = LoadReport()
    assert [p.title for p in iter_papers([f], report=report)] == ["A", "C"]
    assert report.problems[0].startswith(f"{f}:2: invalid JSON")
    with pytest.raises(RecordError, match=":2:"):
        list(iter_papers([f], strict=True))


def test_json_document_envelope_bad_items_and_broken_file(tmp_path):
    records = {"records": [{"title": "A"}, "oops", None, {"abstract": "no title"}, {"title": "B"}]}
    f = write(tmp_path, "x.json", json.dumps(records))
    report = LoadReport()
    assert [p.title for p in iter_papers([f], format="json", report=report)] == ["A", "B"]
    assert report.problems == [f"{f}#2: record is not a JSON object; skipped",
                               f"{f}#3: record is null; skipped",
                               f"{f}#4: record has no 'title'; skipped"]
    broken = write(tmp_path, "broken.json", '[{"title": "A"},')
    report = LoadReport()
    assert list(iter_papers([broken], format="json", report=report)) == []
    assert report.problems[0].startswith(f"{broken}: invalid JSON at line 1")
    with pytest.raises(RecordError, match="invalid JSON"):
        list(iter_papers([broken], format="json", strict=True))


def test_jsonl_non_utf8_line_skipped(tmp_path):
    f = write(tmp_path, "x.jsonl", b'{"title": "A"}\n{"title": "Caf\xe9"}\n{"title": "C"}\n')
    report = LoadReport()
    assert [p.title for p in iter_papers([f], report=report)] == ["A", "C"]
    assert report.problems[0].startswith(f"{f}:2: not valid UTF-8")


def test_record_without_title_skipped(tmp_path):
    f = write(tmp_path, "x.jsonl", '{"abstract": "no title"}\n{"title": "Kept"}\n')
    report = LoadReport()
    assert [p.title for p in iter_papers([f], report=report)] == ["Kept"]
    assert report.problems == [f"{f}:1: record has no 'title'; skipped"]


def test_record_without_abstract_is_kept(tmp_path):
    f = write(tmp_path, "x.jsonl", '{"title": "GPT-4o Is Here"}\n')
    (p,) = list(iter_papers([f]))
    assert p.abstract == "" and p.text == "GPT-4o Is Here"


def test_directory_with_mixed_files(tmp_path):
    write(tmp_path, "page.txt", PAGE)
    write(tmp_path, "recs.jsonl", '{"title": "From JSONL", "abstract": "x"}\n')
    write(tmp_path, "table.csv", "title,abstract\nFrom CSV,y\n")
    write(tmp_path, "notes.md", "# nothing to read here\n")
    write(tmp_path, "blob.bin", b"\x00\x01\x02")
    report = LoadReport()
    titles = sorted(p.title for p in iter_papers([tmp_path], report=report))
    assert titles == ["Another Paper: With a Colon", "From CSV", "From JSONL", "WebRL: Training LLM Web Agents"]
    assert len(report.problems) == 2
    assert any("notes.md" in p and "--format" in p for p in report.problems)
    assert any("blob.bin" in p and "binary" in p for p in report.problems)


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_papers([tmp_path / "nope.txt"]))
