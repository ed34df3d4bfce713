"""EVALUATED_ON edges found in a second process while the builder makes the graph's other edges.

Finding them reads every sentence naming a model or method and a benchmark or dataset
(~370,000 sentences, ~11 s on one core, at 100,000 papers), and the graph needs nothing
else from that work until they are added. For a corpus of :data:`PROCESS_MIN_PAPERS`
papers or more, :class:`PendingEvaluations` gives the work to a second process
(:mod:`.second_process`) with only what it reads: per paper, its sentences and the
``(surface, sentence number)`` pairs of its sources and targets, in pickled chunks that it
reads as soon as they are written. It returns every hit (an edge's sentence) as four
integer columns (source, target, paper number, sentence number), ordered by edge; this
process counts them and takes the evidence from its own sentence strings (no copies). The
edges are the same, in the same order, as :func:`~.evaluations.evaluated_on_edges` makes
here (tested).

If the second process fails (killed, out of memory), the edges are found here instead,
with a warning: the build goes on.

>>> from citegraph.models import EntityType as T, Mention, Paper, PaperEntity as PE
>>> from .digest import Digester
>>> s = "WebRL outperforms GPT-4 on WebArena-Lite."
>>> d = Digester()(Paper(id="p", title="T"), [PE("WebRL", T.METHOD, mentions=[Mention("WebRL", 0, 5, s, 0)]),
...     PE("WebArena-Lite", T.BENCHMARK, mentions=[Mention("WebArena-Lite", 27, 40, s, 0)])])
>>> papers = {"p": (d, {"method:webrl": d.entities[0], "benchmark:webarena-lite": d.entities[1]})}
>>> labels = {"method:webrl": "Method", "benchmark:webarena-lite": "Benchmark"}
>>> with PendingEvaluations(papers, labels, parallel=True) as pending:
...     [(e.source, e.target, e.properties["evidence"]) for e in pending.edges()]
[('method:webrl', 'benchmark:webarena-lite', ['WebRL outperforms GPT-4 on WebArena-Lite.'])]
"""

from __future__ import annotations

import gc
import logging
import pickle
import shutil
import subprocess
import sys
import tempfile
from array import array
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from citegraph.models import Edge

from . import second_process
from .digest import EntityDigest, PaperDigest, SharedMentions, group_surfaces
from .evaluations import (
    MAX_EVIDENCE,
    SOURCE_LABELS,
    TARGET_LABELS,
    SentenceSurfaces,
    evaluated_on_edges,
    evaluation_hits,
    roles,
)

log = logging.getLogger(__name__)

#: Fewest papers whose EVALUATED_ON edges are found in a second process (below it, starting
#: one and handing it the sentences costs more than it saves).
PROCESS_MIN_PAPERS = 5_000


@dataclass(slots=True)
class _PaperTask:
    """What the second process reads of one paper (:class:`~.evaluations.SplitsSurfaces`)."""

    sentences: tuple[str, ...]
    sentence_index: tuple[int, ...]
    surfaces: list[tuple[str, tuple[str | int, ...]]]

    def split_surfaces(self, source_ids: Container[str], target_ids: Container[str]
                       ) -> tuple[SentenceSurfaces, SentenceSurfaces, Callable[[int], tuple[int, str]]]:
        return (*group_surfaces(self.surfaces, source_ids, target_ids), self.sentence_key)

    def sentence_key(self, n: int) -> tuple[int, str]:
        return self.sentence_index[n], self.sentences[n]


#: papers per pickled chunk of the second process's input (read, used and let go one at a time)
_CHUNK = 2_000


def _write_tasks(fh: IO[bytes], paper_entities: Mapping[str, tuple[PaperDigest, Mapping[str, EntityDigest]]],
                 kept: Container[str], written: Callable[[], None]) -> list[tuple[str, ...]]:
    """Write what the second process reads of each paper naming two kept entities or more, in
    paper id order, as pickled chunks of :data:`_CHUNK` papers, calling ``written()`` after each
    (the second process reads a chunk as soon as it is told); return those papers' sentences
    (the hits the second process returns point into them by paper number)."""
    sentences: list[tuple[str, ...]] = []
    chunk: list[tuple[str, _PaperTask]] = []
    for pid, (d, by_id) in sorted(paper_entities.items()):
        surfaces = [(eid, e.surfaces) for eid, e in by_id.items() if e.surfaces and eid in kept]
        if len(surfaces) >= 2:  # a source and a target at least
            chunk.append((pid, _PaperTask(d.sentences, d.sentence_index, surfaces)))
            sentences.append(d.sentences)
            if len(chunk) == _CHUNK:
                pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
                fh.flush()
                written()
                chunk = []
    pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
    fh.flush()
    written()
    return sentences


def _find_hits(ids: list[str], labels: dict[str, str], tasks: Path, result: Path) -> None:
    """The second process: every hit (see :func:`~.evaluations.evaluation_hits`) of the papers in
    ``tasks``, read chunk after chunk as the standard input announces them ("chunk", then "end"),
    written to ``result`` (renamed into place when complete) as four columns ordered by edge,
    then as found (paper order): source and target (positions in ``ids``, which is sorted),
    paper number (in ``tasks``), sentence number. Hit sentences are not kept: the columns are
    ~16 bytes a hit."""
    gc.disable()  # this process's objects all live until it ends
    import numpy as np

    code = {eid: i for i, eid in enumerate(ids)}
    sources, targets = roles(labels)
    flat = array("i")  # source, target, paper number, sentence number; hit after hit
    papers_before = 0
    with open(tasks, "rb") as fh:
        for message in sys.stdin.buffer:
            if message == b"end\n":
                break
            chunk: list[tuple[str, _PaperTask]] = pickle.load(fh)
            number = {pid: papers_before + i for i, (pid, _) in enumerate(chunk)}
            papers_before += len(chunk)
            for (src, tgt), hits in evaluation_hits(dict(chunk), sources, targets).items():
                s, t = code[src], code[tgt]
                for pid, n, _ in hits:
                    flat.extend((s, t, number[pid], n))
        else:
            raise RuntimeError("the building process stopped before every paper was sent")
    rows = np.frombuffer(flat, dtype=np.int32).reshape(-1, 4)
    order = np.argsort(rows[:, 0].astype(np.int64) * len(ids) + rows[:, 1], kind="stable")  # hits stay in paper order
    partial = result.with_suffix(".partial")
    with open(partial, "wb") as fh:
        pickle.dump([array("i", rows[order, k].tobytes()) for k in range(4)], fh, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(result)


def _edges_from_hits(ids: list[str], columns: list[array[int]], sentences: list[tuple[str, ...]],
                     max_evidence: int) -> list[Edge]:
    """The edges of :func:`_find_hits`'s columns, as :func:`~.evaluations.evaluated_on_edges`
    makes them: count, papers, the first ``max_evidence`` distinct sentences."""
    src, tgt, paper, sentence = columns
    edges = []
    i, n = 0, len(src)
    while i < n:
        s, t = src[i], tgt[i]
        evidence: list[str] = []
        n_papers, last = 0, -1
        j = i
        while j < n and src[j] == s and tgt[j] == t:
            if paper[j] != last:  # one edge's hits come in paper order
                n_papers, last = n_papers + 1, paper[j]
            if len(evidence) < max_evidence:
                text = sentences[paper[j]][sentence[j]]
                if text not in evidence:
                    evidence.append(text)
            j += 1
        edges.append(Edge(ids[s], ids[t], "EVALUATED_ON", {"count": j - i, "papers": n_papers, "evidence": evidence}))
        i = j
    return edges


class PendingEvaluations:
    """The EVALUATED_ON edges of ``paper_entities`` (paper id -> its digest and {entity id: its
    merged digest}) under ``labels`` (entity id -> node label), being found; :meth:`edges` gives
    them. ``parallel=None`` uses a second process from :data:`PROCESS_MIN_PAPERS` papers on;
    ``False`` finds them in this process, when :meth:`edges` is called.
    """

    def __init__(self, paper_entities: Mapping[str, tuple[PaperDigest, Mapping[str, EntityDigest]]],
                 labels: Mapping[str, str], parallel: bool | None = None, max_evidence: int = MAX_EVIDENCE) -> None:
        self._papers, self._labels, self._max_evidence = paper_entities, labels, max_evidence
        self._child: subprocess.Popen[bytes] | None = None
        self._staging: Path | None = None
        self._ids: list[str] = []
        self._sentences: list[tuple[str, ...]] = []
        if parallel is None:
            parallel = len(paper_entities) >= PROCESS_MIN_PAPERS
        if parallel:
            self._start()

    def _start(self) -> None:
        kept = {eid: label for eid, label in self._labels.items() if label in SOURCE_LABELS or label in TARGET_LABELS}
        self._ids = sorted(kept)
        self._staging = staging = Path(tempfile.mkdtemp(prefix="citegraph-evaluations-"))
        tasks = staging / "tasks.pickle"
        try:
            with open(tasks, "wb") as fh:
                self._child = second_process.start(_find_hits, staging / "error", self._ids, kept, tasks,
                                                   staging / "hits.pickle")
                self._sentences = _write_tasks(fh, self._papers, kept, lambda: self._tell(b"chunk\n"))
            self._tell(b"end\n")
        except OSError as err:  # a full disk, no Python executable to start (an embedded interpreter)
            log.warning("EVALUATED_ON edges are found in this process: no second process (%s)", err)
            self.close()
        except BaseException:  # the caller's ``with`` has not begun: stop the child here
            self.close()
            raise

    def _tell(self, message: bytes) -> None:
        assert self._child is not None
        second_process.tell(self._child, message)  # a child that died is not told: edges() says why

    def edges(self) -> list[Edge]:
        """The edges (waiting for the second process if it has not finished)."""
        if self._child is None or self._staging is None:
            return self._here()
        try:
            reason = second_process.failure(self._child, self._staging / "error")
            self._child = None
            if reason is not None:
                log.warning("the process finding EVALUATED_ON edges %s; finding them here instead", reason)
                return self._here()
            with open(self._staging / "hits.pickle", "rb") as fh:
                columns: list[array[int]] = pickle.load(fh)
        finally:
            self.close()
        return _edges_from_hits(self._ids, columns, self._sentences, self._max_evidence)

    def _here(self) -> list[Edge]:
        return evaluated_on_edges({pid: SharedMentions(d, by_id) for pid, (d, by_id) in self._papers.items()},
                                  self._labels, self._max_evidence)

    def close(self) -> None:
        """Stop the second process if it still runs, remove its files."""
        if self._child is not None:
            second_process.stop(self._child)
            self._child = None
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def __enter__(self) -> PendingEvaluations:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


__all__ = ["PROCESS_MIN_PAPERS", "PendingEvaluations"]
