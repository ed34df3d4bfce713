"""The whole pipeline as one call: load -> de-duplicate -> extract -> build graph.

>>> import citegraph, pathlib
>>> sample = pathlib.Path(citegraph.__file__).parent.parent / "examples"
>>> kg = citegraph.build([sample])
>>> len(kg.papers()) > 50
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from citegraph.graph import KnowledgeGraph, build_graph
from citegraph.loaders import iter_papers, merge_papers
from citegraph.loaders.extractor import Extractor, extract_papers
from citegraph.models import LoadReport, Paper, PaperEntity

T = TypeVar("T")


def _progress(items: Iterable[T], enabled: bool, desc: str, total: int | None = None) -> Iterator[T]:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, unit="paper", leave=False)


def load_papers(
    inputs: Iterable[str | Path],
    format: str | None = None,
    strict: bool = False,
    report: LoadReport | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Paper]:
    """Read every input and merge records of the same paper."""
    return merge_papers(iter_papers(inputs, format=format, strict=strict, report=report, columns=columns))


def extract(
    papers: Iterable[Paper], extractor: Extractor | None = None, progress: bool = False
) -> list[tuple[Paper, list[PaperEntity]]]:
    """Extract entities from each paper (in input order)."""
    papers = list(papers)
    return list(_progress(extract_papers(papers, extractor), progress, "extracting", len(papers)))


def build(
    inputs: Iterable[str | Path],
    format: str | None = None,
    strict: bool = False,
    extractor: Extractor | None = None,
    min_co_mentions: int = 1,
    columns: Mapping[str, str] | None = None,
    progress: bool = False,
    report: LoadReport | None = None,
    max_examples: int = 5,
) -> KnowledgeGraph:
    """Build the knowledge graph of the papers in ``inputs`` (files, directories, globs).

    Bad records are skipped and listed in ``report`` (and in the graph's
    ``load`` attribute); ``strict=True`` raises on the first one instead.
    ``min_co_mentions`` prunes CO_MENTIONED pairs sharing fewer papers;
    ``max_examples`` caps the example paper ids kept on each CO_MENTIONED edge.
    """
    report = report if report is not None else LoadReport()
    papers = load_papers(inputs, format=format, strict=strict, report=report, columns=columns)
    G = build_graph(extract(papers, extractor, progress), min_co_mentions=min_co_mentions,
                    max_examples=max_examples)
    G.graph["load"] = {"records_read": report.records_read, "papers": len(papers),
                       "skipped": report.skipped, "problems": report.problems[:50]}
    return KnowledgeGraph(G)
