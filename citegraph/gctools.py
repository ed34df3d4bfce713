"""Garbage-collector control for building and saving large graphs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["freeze_after_pauses", "paused_gc"]

_freeze = False  # set by freeze_after_pauses()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector inside the block (restored after).

    Building the graph creates millions of long-lived, acyclic objects; every full
    collection walks all of them, which made collection about half of the graph-building
    time at 30k papers and grows faster than the corpus. Reference counting still frees
    everything that is not a cycle.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def freeze_after_pauses() -> None:
    """From now on, the end of a :func:`paused_gc` block moves every object alive out of the
    collector's reach (``gc.freeze``) before the collector resumes. For a process that ends soon
    after (the ``citegraph`` command): the millions of objects made in the pause are otherwise
    walked by the first collections after it (7 s of the summary after building 100k papers),
    and frozen objects are never collected as cycles, which only a long-lived process would miss.
    """
    global _freeze
    _freeze = True
