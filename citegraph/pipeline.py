"""The whole pipeline as one call: load -> de-duplicate -> extract -> build graph.

Extraction can run in several processes (``workers``): papers go out in chunks and
the results come back in input order, so the graph is identical whatever the
number of workers. With workers, :func:`build` starts extracting while it is still
reading: each paper goes out as soon as it is known to be new, while this process
reads and de-duplicates the rest; a paper that a later record changes (a longer
abstract) is extracted again. There the workers also digest each paper's entities
(:mod:`citegraph.graph.digest`: what the graph reads of them), so that this process, which
shares the cores with them, unpickles a fraction of the results and digests none.

>>> import citegraph, pathlib
>>> sample = pathlib.Path(citegraph.__file__).parent.parent / "examples"
>>> kg = citegraph.build([sample])
>>> len(kg.papers()) > 50
True
>>> papers = citegraph.load_papers([sample])[:40]
>>> extract(papers, workers=2, chunk_size=8) == extract(papers)
True
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TypeVar

from citegraph.errors import CitegraphError
from citegraph.gctools import paused_gc
from citegraph.graph import KnowledgeGraph
from citegraph.graph.builder import build_graph_parts, build_parts_from_digests
from citegraph.graph.digest import Digester, DigestRows, PaperDigest
from citegraph.graph.schema import PAPER
from citegraph.loaders import iter_papers, merge_papers
from citegraph.loaders.dedupe import PaperMerger
from citegraph.loaders.extractor import Extractor, RuleExtractor, extract_papers
from citegraph.models import LoadReport, Paper, PaperEntity

T = TypeVar("T")

#: Papers sent to a worker process at a time: large enough that pickling and
#: inter-process overhead stay small, small enough to keep every worker busy.
CHUNK_SIZE = 250
#: Chunks in flight per worker; bounds the memory held by pending results.
CHUNKS_IN_FLIGHT = 3


class ExtractionError(CitegraphError):
    """A worker process of parallel extraction died (out of memory, killed)."""


def _progress(items: Iterable[T], enabled: bool, desc: str, total: int | None = None) -> Iterator[T]:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, unit="paper", leave=False)


def resolve_workers(workers: int | None) -> int:
    """Number of worker processes: ``None``/``1`` = in this process, ``0`` = one per CPU.

    >>> resolve_workers(1), resolve_workers(3), resolve_workers(0) >= 1
    (1, 3, True)
    """
    if workers is None:
        return 1
    if workers < 0:
        raise ValueError(f"workers must be >= 0 (0 = one per CPU), not {workers}")
    if workers == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return workers


def load_papers(
    inputs: Iterable[str | Path],
    format: str | None = None,
    strict: bool = False,
    report: LoadReport | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Paper]:
    """Read every input (streamed, one file and one record at a time) and merge
    records of the same paper."""
    return merge_papers(iter_papers(inputs, format=format, strict=strict, report=report, columns=columns))


# -- worker side: one extractor per process, built once ------------------------------------------
_worker_extractor: Extractor | None = None
_worker_digester: Digester | None = None


def _init_worker(extractor: Extractor | None) -> None:
    global _worker_extractor, _worker_digester
    _worker_extractor = extractor if extractor is not None else RuleExtractor()
    _worker_digester = Digester()


def _extract_chunk(chunk: list[Paper]) -> list[list[PaperEntity]]:
    assert _worker_extractor is not None, "worker not initialised"
    return [_worker_extractor.extract(paper) for paper in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): workers start at once, need no ``__main__`` guard in the
    caller's script, and share the parent's memory copy-on-write. Elsewhere spawn."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextmanager
def _extraction_pool(extractor: Extractor | None, workers: int, first: Callable[[ProcessPoolExecutor], None]
                     ) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` extraction processes, started by ``first(pool)`` (the first submit forks
    every worker) with the parent's objects frozen: the garbage collector skips them, so the
    workers never touch (and copy) the parent's papers. A worker's death is an
    :class:`ExtractionError`."""
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                 initializer=_init_worker, initargs=(extractor,)) as pool:
            gc.freeze()
            try:
                first(pool)
            finally:
                gc.unfreeze()
            yield pool
    except BrokenProcessPool as err:
        raise ExtractionError(f"an extraction worker process died ({err}); retry with fewer --workers "
                              "or more memory") from err


def _extract_parallel(papers: Iterable[Paper], extractor: Extractor | None, workers: int,
                      chunk_size: int) -> Iterator[tuple[Paper, list[PaperEntity]]]:
    pending: deque[tuple[list[Paper], Future[list[list[PaperEntity]]]]] = deque()
    chunks = _chunks(papers, chunk_size)
    first = next(chunks, None)
    if first is None:
        return

    def submit(pool: ProcessPoolExecutor, chunk: list[Paper]) -> None:
        pending.append((chunk, pool.submit(_extract_chunk, chunk)))

    with _extraction_pool(extractor, workers, lambda pool: submit(pool, first)) as pool:
        for chunk in chunks:
            submit(pool, chunk)
            if len(pending) >= workers * CHUNKS_IN_FLIGHT:
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)


def _digest_chunk_pickled(chunk: list[Paper]) -> bytes:
    """Each paper's entities, digested (:meth:`Digester.rows`: what the graph reads of them, as
    plain rows) and pickled here. The digests are a fraction of the full results to pickle and unpickle, so the
    process building the graph, which competes with the workers for the cores, does less; and
    results waiting for it stay one compact block each (thousands of small objects would
    fragment its heap)."""
    assert _worker_digester is not None, "worker not initialised"
    rows = [_worker_digester.rows(entities) for entities in _extract_chunk(chunk)]
    return pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)


def _digest_while_loading(records: Iterable[Paper], extractor: Extractor | None, workers: int, chunk_size: int,
                          loaded: list[Paper]) -> Iterator[PaperDigest]:
    """De-duplicate ``records`` (as :func:`load_papers`) while ``workers`` processes extract and
    digest the papers kept so far; then yield each merged paper's digest, in first-seen order,
    and put the merged papers in ``loaded``. Each paper is sent as it was first seen (a copy of
    its title and abstract); one that a later record changed is extracted again, here. The
    digests are those of :func:`~citegraph.graph.digest.digest_all` over :func:`load_papers`
    then :func:`iter_extract`."""
    merger = PaperMerger()
    digester = Digester()
    new = (_extracted_copy(merger.kept[-1]) for record in records if merger.add(record))
    first = list(islice(new, chunk_size + 1))  # a pool only pays off beyond one chunk
    if len(first) <= chunk_size:
        loaded.extend(merger.papers())
        yield from (digester(paper, entities) for paper, entities in extract_papers(loaded, extractor))
        return
    sent: list[Paper] = []  # what was extracted, by position in merger.kept
    pending: deque[Future[bytes]] = deque()

    def submit(pool: ProcessPoolExecutor, chunk: list[Paper]) -> None:
        pending.append(pool.submit(_digest_chunk_pickled, chunk))
        sent.extend(chunk)

    with _extraction_pool(extractor, workers, lambda pool: submit(pool, first)) as pool:
        try:
            for chunk in _chunks(new, chunk_size):
                submit(pool, chunk)
            loaded.extend(merger.papers())
            changed = {id(p) for p, copy in zip(merger.kept, sent, strict=True)
                       if p is not None and (p.title, p.abstract) != (copy.title, copy.abstract)}
            sent.clear()  # the copies go once the workers have them (first: the list submitted)
            first = []
            here = (extractor or RuleExtractor()) if changed else None
            for paper, rows in zip(merger.kept, _results(pending), strict=True):
                if paper is not None:
                    # a changed paper is extracted again here, while the workers go on: sent to
                    # them, it would wait behind every chunk already queued
                    if here is not None and id(paper) in changed:
                        yield digester(paper, here.extract(paper))
                    else:
                        yield digester.adopt(paper, rows)
        except BaseException:  # a bad record in strict mode, or the consumer stopped: drop the rest
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _extracted_copy(paper: Paper | None) -> Paper:
    """What extraction reads of ``paper``, as it is now (a later record may change the paper)."""
    assert paper is not None
    return Paper(id=paper.id, title=paper.title, abstract=paper.abstract)


def _results(futures: deque[Future[bytes]]) -> Iterator[DigestRows]:
    """Each paper's digest rows, chunk after chunk, letting each chunk go once read."""
    while futures:
        chunk: list[DigestRows] = pickle.loads(futures.popleft().result())
        yield from chunk


def iter_extract(
    papers: Iterable[Paper],
    extractor: Extractor | None = None,
    workers: int | None = 1,
    chunk_size: int = CHUNK_SIZE,
    progress: bool = False,
) -> Iterator[tuple[Paper, list[PaperEntity]]]:
    """Lazily extract entities from each paper, in input order.

    With ``workers > 1`` papers are extracted in that many processes, in chunks
    of ``chunk_size``, at most a few chunks ahead of the consumer; the results are
    the same, in the same order, as with one worker. ``workers=0`` uses every CPU.
    The extractor must be picklable to run in workers.
    """
    n = resolve_workers(workers)
    total = len(papers) if isinstance(papers, list) else None
    if n <= 1 or (total is not None and total <= chunk_size):  # one chunk: a pool only adds start-up time
        results = extract_papers(papers, extractor)
    else:
        results = _extract_parallel(papers, extractor, n, chunk_size)
    yield from _progress(results, progress, "extracting", total)


def extract(
    papers: Iterable[Paper],
    extractor: Extractor | None = None,
    progress: bool = False,
    workers: int | None = 1,
    chunk_size: int = CHUNK_SIZE,
) -> list[tuple[Paper, list[PaperEntity]]]:
    """Extract entities from each paper (in input order); see :func:`iter_extract`."""
    papers = papers if isinstance(papers, list) else list(papers)
    return list(iter_extract(papers, extractor, workers, chunk_size, progress))


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
    workers: int | None = 1,
) -> KnowledgeGraph:
    """Build the knowledge graph of the papers in ``inputs`` (files, directories, globs).

    Bad records are skipped and listed in ``report`` (and in the graph's
    ``load`` attribute); ``strict=True`` raises on the first one instead.
    ``min_co_mentions`` prunes CO_MENTIONED pairs sharing fewer papers;
    ``max_examples`` caps the example paper ids kept on each CO_MENTIONED edge;
    ``workers`` extraction processes (0 = one per CPU); the graph does not depend on it.
    """
    report = report if report is not None else LoadReport()
    n = resolve_workers(workers)
    with paused_gc():  # loading keeps every paper alive too (build_graph pauses the collector itself)
        # No list of the papers is kept here: the extraction stream holds them until it ends,
        # and the builder lets them go before its memory peak (the graph has what it needs).
        if n > 1:  # extraction starts while the inputs are still read; the workers digest too
            records = iter_papers(inputs, format=format, strict=strict, report=report, columns=columns)
            digests = _progress(_digest_while_loading(records, extractor, n, CHUNK_SIZE, []), progress, "extracting")
            G, co_mentions = build_parts_from_digests(digests, min_co_mentions=min_co_mentions,
                                                      max_examples=max_examples)
        else:
            extractions = iter_extract(load_papers(inputs, format=format, strict=strict, report=report,
                                                   columns=columns), extractor, workers, progress=progress)
            G, co_mentions = build_graph_parts(extractions, min_co_mentions=min_co_mentions,
                                               max_examples=max_examples)
    n_papers = sum(1 for _, label in G.nodes(data="label") if label == PAPER)  # one node per merged paper
    G.graph["load"] = {"records_read": report.records_read, "papers": n_papers,
                       "skipped": report.skipped, "problems": report.problems[:50]}
    return KnowledgeGraph(G, co_mentions)  # CO_MENTIONED edges stay in the compact table until G is used
