"""Loaders of real-world formats: arXiv Atom and snapshot, Semantic Scholar, OpenAlex, BibTeX,
daily-papers API. Real files in ../shared/corpus/formats (skipped when absent), excerpts of them
in tests/resources/formats (always), malformed variants in tests/resources/formats/bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.errors import InputFormatError, RecordError
from citegraph.loaders import detect_format, iter_papers
from citegraph.models import LoadReport, Paper

from .conftest import RESOURCES, SHARED

FORMATS_DIR = SHARED / "corpus" / "formats"
SAMPLES = RESOURCES / "formats"
BAD = SAMPLES / "bad"


def load(path: Path, **kw) -> tuple[list[Paper], LoadReport]:
    report = LoadReport()
    return list(iter_papers([path], report=report, **kw)), report


def shared(rel: str) -> Path:
    path = FORMATS_DIR / rel
    if not path.exists():
        pytest.skip("../shared/corpus/formats is not present")
    return path


# --- the real files in ../shared: counts and exact values ---------------------------------

SHARED_COUNTS = [
    ("arxiv-atom/arxivpy-search-testing-100.xml", "arxiv-atom", 100, 0),
    ("arxiv-atom/rsxiv-legacy-electron-proton-10.xml", "arxiv-atom", 10, 0),
    ("arxiv-atom/arxivpy-error-bad-id.xml", "arxiv-atom", 0, 1),
    ("arxiv-snapshot/kaggle-snapshot-head200.jsonl", "arxiv-snapshot", 200, 0),
    ("semantic-scholar/paper-turing1950-cites50.json", "semantic-scholar", 1, 0),
    ("semantic-scholar/batch-with-null.json", "semantic-scholar", 3, 1),
    ("semantic-scholar/search-turing-title.json", "semantic-scholar", 100, 0),
    ("openalex/work-W2741809807.json", "openalex", 1, 0),
    ("openalex/works-sample5-results.json", "openalex", 5, 0),
    ("bibtex/zotero-nlp-factcheck.bib", "bibtex", 50, 0),
    ("bibtex/zotero-cv-distillation-head.bib", "bibtex", 131, 0),
    ("bibtex/zotero-mirror-ie.bib", "bibtex", 3, 0),
    ("hf-daily-api/deepdiver-2024-10-25-head4.json", "hf-daily-api", 4, 0),
]


@pytest.mark.parametrize("rel,fmt,count,skipped", SHARED_COUNTS)
def test_shared_files_are_detected_and_read_whole(rel, fmt, count, skipped):
    path = shared(rel)
    assert detect_format(path) == fmt
    papers, report = load(path)
    assert (len(papers), report.skipped) == (count, skipped), report.problems
    assert all(p.title and p.title == " ".join(p.title.split()) for p in papers)


def test_shared_atom_root_namespaces_doi_and_versions():
    papers, _ = load(shared("arxiv-atom/arxivpy-search-testing-100.xml"))
    p = papers[0]
    assert p.id == "paper:2202.12139"
    assert p.title == "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
    assert p.external_ids == {"arxiv": "2202.12139", "doi": "10.1109/icstw55395.2022.00035"}
    assert p.url == "https://arxiv.org/abs/2202.12139v1"
    assert p.published == "2022-02-24"
    assert p.authors == ["Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"]
    assert p.abstract.startswith("Deep Learning (DL) has revolutionized")
    assert all("arxiv" in q.external_ids and "v" not in q.external_ids["arxiv"][-3:] for q in papers)


def test_shared_atom_inline_namespaces_wrapped_titles_old_ids():
    papers, _ = load(shared("arxiv-atom/rsxiv-legacy-electron-proton-10.xml"))
    assert papers[0].external_ids["arxiv"] == "astro-ph/9904306"
    assert papers[1].id == "paper:hep-ph/9411242"
    assert papers[1].title == ("Proton-ring and Electron-linac Collider (PRELC) as a (first) "
                               "TeV-rangeelectron-proton or photon-proton collider")
    assert papers[1].authors == ["Raimo Vuopionperä"]
    assert papers[2].external_ids["arxiv"] == "1706.01836"
    assert "\n" not in papers[1].abstract and papers[1].abstract.startswith("The use of the existing proton")


def test_shared_atom_error_feed_is_reported_not_a_paper():
    papers, report = load(shared("arxiv-atom/arxivpy-error-bad-id.xml"))
    assert papers == []
    assert "arXiv API returned an error" in report.problems[0]
    assert "incorrect id format for abc" in report.problems[0]


def test_shared_snapshot_fields():
    papers, _ = load(shared("arxiv-snapshot/kaggle-snapshot-head200.jsonl"))
    p = papers[0]
    assert (p.id, p.published) == ("paper:0704.0001", "2007-04-02")
    assert p.title == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    assert p.authors[:2] == ["C. Balázs", "E. L. Berger"]
    assert p.external_ids == {"arxiv": "0704.0001", "doi": "10.1103/physrevd.76.013009"}
    assert p.sources == [f"{FORMATS_DIR / 'arxiv-snapshot/kaggle-snapshot-head200.jsonl'}:1"]
    assert papers[-1].external_ids["arxiv"] == "0704.0200"


def test_shared_semantic_scholar_paper_with_references_and_citations():
    (p,) = load(shared("semantic-scholar/paper-turing1950-cites50.json"))[0]
    assert p.id == "paper:doi:10.1093/mind/lix.236.433"
    assert p.title == "Computing Machinery and Intelligence"
    assert p.external_ids == {"doi": "10.1093/mind/lix.236.433", "s2": "2d5673caa9e6af3a7b82a43f19ee920992db07ad"}
    assert p.published == "1950-10-01"
    assert len({r for r in p.references if r.startswith("s2:")}) == 8  # 6 of the 14 are title-only: no id
    assert "doi:10.2307/3610576" in p.references
    assert len({r for r in p.cited_by if r.startswith("s2:")}) == 50


def test_shared_semantic_scholar_batch_null_and_search_envelope():
    papers, report = load(shared("semantic-scholar/batch-with-null.json"))
    assert papers[0].title == "How Much Should We Trust Differences-in-Differences Estimates?"
    assert papers[0].published == "2001-10-01"
    assert report.problems == [f"{FORMATS_DIR / 'semantic-scholar/batch-with-null.json'}#1: "
                               "null: the API found no paper for this id; skipped"]
    papers, _ = load(shared("semantic-scholar/search-turing-title.json"))
    assert papers[0].title.startswith("Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B")
    assert papers[0].id == "paper:s2:7cbc2a7843411a1768ab762930707af0a3c33a19"


def test_shared_openalex_work_and_results():
    (p,) = load(shared("openalex/work-W2741809807.json"))[0]
    assert p.id == "paper:doi:10.7717/peerj.4375"
    assert p.external_ids == {"doi": "10.7717/peerj.4375", "openalex": "W2741809807"}
    assert p.title.startswith("The state of OA: a large-scale analysis")
    assert p.abstract.startswith("Despite growing interest in Open Access (OA) to scholarly literature,")
    assert p.published == "2018-02-13"
    assert len(p.references) == 54 and p.references[0] == "openalex:W1560783210"
    papers, _ = load(shared("openalex/works-sample5-results.json"))
    assert [bool(q.abstract) for q in papers] == [False, False, True, True, False]
    assert papers[4].external_ids["doi"] == "10.1016/j.landusepol.2004.08.009"
    assert len(papers[4].references) == 34


def test_shared_bibtex_braces_escapes_ids():
    papers, _ = load(shared("bibtex/zotero-nlp-factcheck.bib"))
    assert sum(1 for p in papers if p.abstract) == 46
    first = papers[0]
    assert first.title == "Get Your Vitamin C! Robust Fact Verification with Contrastive Evidence"
    assert first.authors[:2] == ["Tal Schuster", "Adam Fisch"]
    gopher = next(p for p in papers if "GopherCite" in p.abstract)
    assert "80% of the time" in gopher.abstract and "\\" not in gopher.abstract
    assert gopher.id == "paper:2203.11147"
    papers, _ = load(shared("bibtex/zotero-cv-distillation-head.bib"))
    assert sum(1 for p in papers if p.abstract) == 119
    nerf = papers[0]  # a Zotero entry with two doi fields: the full one is kept
    assert nerf.title == "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis"
    assert nerf.external_ids == {"doi": "10.1007/978-3-030-58452-8_24"}
    assert any(p.external_ids.get("arxiv") == "2007.12928" for p in papers)  # journal = {arXiv:2007.12928 [cs, eess]}


def test_shared_daily_api():
    papers, _ = load(shared("hf-daily-api/deepdiver-2024-10-25-head4.json"))
    p = papers[0]
    assert p.id == "paper:2410.17243"
    assert p.title == "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"
    assert (p.published, p.listing_dates) == ("2024-10-22", ["2024-10-25"])
    assert p.authors[0] == "Zesen Cheng"
    assert p.abstract.startswith("Contrastive loss is a powerful approach")


# --- the excerpts under tests/resources/formats: run everywhere ----------------------------

def test_excerpt_atom_both_namespace_styles():
    papers, report = load(SAMPLES / "atom-legacy-inline-ns-head3.xml")
    assert [p.id for p in papers] == ["paper:astro-ph/9904306", "paper:hep-ph/9411242", "paper:1706.01836"]
    assert papers[1].title.startswith("Proton-ring and Electron-linac Collider (PRELC) as a (first) TeV")
    papers, report = load(SAMPLES / "atom-search-testing-head2.xml")
    assert papers[0].external_ids == {"arxiv": "2202.12139", "doi": "10.1109/icstw55395.2022.00035"}
    assert report.skipped == 0


def test_excerpt_atom_error_entry(tmp_path):
    papers, report = load(SAMPLES / "atom-error-bad-id.xml")
    assert papers == [] and "incorrect id format for abc" in report.problems[0]
    with pytest.raises(RecordError, match="returned an error, not a paper"):
        load(SAMPLES / "atom-error-bad-id.xml", strict=True)


def test_excerpt_snapshot_s2_openalex_bibtex():
    papers, _ = load(SAMPLES / "arxiv-snapshot-head3.jsonl")
    assert [p.id for p in papers] == ["paper:0704.0001", "paper:0704.0002", "paper:0704.0003"]
    assert papers[1].authors == ["Ileana Streinu", "Louis Theran"]
    (p,) = load(SAMPLES / "s2-paper-turing-cut.json")[0]
    assert p.title == "Computing Machinery and Intelligence" and len(p.references) == 6 and len(p.cited_by) == 4
    papers, report = load(SAMPLES / "s2-batch-with-null.json")
    assert (len(papers), report.skipped) == (3, 1)
    papers, _ = load(SAMPLES / "s2-search-head3.json")
    assert len(papers) == 3 and papers[2].title == "Putting ChatGPT's Medical Advice to the (Turing) Test"
    (p,) = load(SAMPLES / "openalex-work-cut.json")[0]
    assert p.external_ids["openalex"] == "W2741809807" and p.abstract.startswith("Despite growing interest")
    papers, _ = load(SAMPLES / "openalex-results-cut2.json")
    assert [p.external_ids.get("doi") for p in papers] == ["10.5580/1cbc", "10.1016/j.landusepol.2004.08.009"]
    papers, _ = load(SAMPLES / "zotero-mirror-ie.bib")
    assert [p.id for p in papers] == ["paper:2304.08085", "paper:2304.14770", "paper:2305.10306"]
    assert papers[0].title == ("InstructUIE: Multi-task Instruction Tuning for Unified Information Extraction")
    assert papers[0].published == "2023-04"
    assert "on 14 benchmarks" in papers[2].abstract.replace("$", "")


def test_format_override_and_detection_order(tmp_path):
    # generic records keep working; a .json holding S2 content is told apart by content
    generic = tmp_path / "records.json"
    generic.write_text('[{"title": "WebRL", "abstract": "x", "paperId_note": 1}]', encoding="utf-8")
    assert detect_format(generic) == "json"
    s2 = tmp_path / "renamed.txt"
    s2.write_bytes((SAMPLES / "s2-search-head3.json").read_bytes())
    assert detect_format(s2) == "semantic-scholar"
    papers, _ = load(s2, format="semantic-scholar")
    assert len(papers) == 3
    with pytest.raises(InputFormatError):
        list(iter_papers([s2], format="no-such-format"))


# --- malformed variants: reported per record/file, skipped; strict raises -------------------

def test_truncated_feed_keeps_entries_before_the_break():
    papers, report = load(BAD / "truncated-feed.xml")
    assert [p.external_ids["arxiv"] for p in papers] == ["2202.12139"]
    assert len(report.problems) == 1 and "malformed XML at line" in report.problems[0]
    assert "the 1 entries before it were read" in report.problems[0]
    with pytest.raises(RecordError, match="malformed XML"):
        load(BAD / "truncated-feed.xml", strict=True)


def test_entity_expansion_is_refused():
    papers, report = load(BAD / "xml-bomb.xml", format="arxiv-atom")
    assert papers == [] and "refused unsafe XML" in report.problems[0]


def test_wrong_envelope_and_bad_items():
    papers, report = load(BAD / "s2-wrong-envelope.json")
    assert papers == [] and "neither a Semantic Scholar paper nor an envelope with a 'data' list" in report.problems[0]
    papers, report = load(BAD / "s2-items-without-title.json")
    assert [p.title for p in papers] == ["Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B"]
    assert "has no title" in report.problems[0] and "#2" in report.problems[0]
    assert "not a JSON object" in report.problems[1] and "#3" in report.problems[1]
    papers, report = load(BAD / "openalex-broken.json", format="openalex")
    assert papers == [] and "invalid JSON at line" in report.problems[0]


def test_bib_without_title_and_broken_block():
    papers, report = load(BAD / "entries-bad.bib")
    assert [p.title for p in papers] == ["A Well-Formed Entry with Été"]
    assert papers[0].external_ids == {"doi": "10.1234/good.2022"}
    assert any("'no_title_2020' has no title" in p for p in report.problems)
    assert any("unreadable BibTeX block" in p for p in report.problems)
    with pytest.raises(RecordError):
        load(BAD / "entries-bad.bib", strict=True)


def test_snapshot_bad_lines_are_skipped_with_line_numbers():
    papers, report = load(BAD / "snapshot-bad-lines.jsonl")
    assert [p.title for p in papers] == ["Good line"]
    where = [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in report.problems]
    assert where == ["2", "3", "4"], report.problems


def test_daily_api_items_without_paper_or_title():
    papers, report = load(BAD / "hf-daily-not-items.json")
    assert [p.id for p in papers] == ["paper:2410.16251"]
    assert report.skipped == 2


def test_gzip_inputs_are_read_and_truncation_reported(tmp_path):
    import gzip

    snap = tmp_path / "arxiv-metadata.jsonl.gz"
    snap.write_bytes(gzip.compress((SAMPLES / "arxiv-snapshot-head3.jsonl").read_bytes()))
    assert detect_format(snap) == "arxiv-snapshot"
    papers, report = load(snap)
    assert [p.id for p in papers] == ["paper:0704.0001", "paper:0704.0002", "paper:0704.0003"]
    feed = tmp_path / "query.xml.gz"
    feed.write_bytes(gzip.compress((SAMPLES / "atom-search-testing-head2.xml").read_bytes()))
    assert len(load(feed)[0]) == 2
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress((SAMPLES / "arxiv-snapshot-head3.jsonl").read_bytes())[:-30])
    papers, report = load(cut, format="arxiv-snapshot")
    assert len(papers) < 3 and "corrupt or truncated" in report.problems[-1]
