"""Work done by a second Python process while this one goes on: the graph's writers and builder use it.

The second process is a new interpreter given only its (pickled) arguments, not a fork of
this one: a forked child shares this process's pages until either process writes to them,
and Python writes to every object it reads (reference counts), so a fork whose parent keeps
working ends up copying most of the parent's memory. It is a plain subprocess, not
multiprocessing's spawn, so the caller's script is not imported again and needs no
``__main__`` guard. Its standard input and output are pipes to this process; its exception,
if any, is written to ``error_file`` and told by :func:`failure`.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     child = start(print, Path(d) / "error", "hello from the second process")
...     (child.stdout.readline(), failure(child, Path(d) / "error"))
(b'hello from the second process\\n', None)
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

_BOOTSTRAP = """
import pickle, sys
with open(sys.argv[1], "rb") as fh:
    sys.path[:0] = [p for p in pickle.load(fh) if p not in sys.path]
    from citegraph.graph.second_process import child_main
    work, error_file, args = pickle.load(fh)
child_main(work, error_file, *args)
"""


def start(work: Callable[..., None], error_file: Path, *args: Any) -> subprocess.Popen[bytes]:
    """Run ``work(*args)`` in a second process (``work`` must be picklable: a module-level
    function). The arguments go through a file beside ``error_file``; the child's standard
    error goes to ``stderr`` there."""
    payload = error_file.with_name("payload.pickle")
    with open(payload, "wb") as fh:
        pickle.dump(sys.path, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump((work, error_file, args), fh, protocol=pickle.HIGHEST_PROTOCOL)
    with open(error_file.with_name("stderr"), "wb") as err:
        return subprocess.Popen([sys.executable, "-c", _BOOTSTRAP, str(payload)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err)


def child_main(work: Callable[..., None], error_file: Path, *args: Any) -> None:
    """The second process: ``work(*args)``; its exception, if any, goes to ``error_file``."""
    try:
        work(*args)
    except BaseException as err:
        error_file.write_text(f"{type(err).__name__}: {err}\n{traceback.format_exc()}", encoding="utf-8")
        raise SystemExit(1) from err


def failure(child: subprocess.Popen[bytes], error_file: Path) -> str | None:
    """Wait for the child (its pipes closed first); ``None`` if it succeeded, else why it did not
    ("failed: <its exception>", "was killed by signal 9", "exited with status 1 (<last line>)")."""
    close_pipes(child)
    code = child.wait()
    if code == 0:
        return None
    if error_file.exists():
        return f"failed: {error_file.read_text(encoding='utf-8').splitlines()[0]}"
    if code < 0:
        return f"was killed by signal {-code}"
    stderr = error_file.with_name("stderr")
    last = (stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines() or ["no message"])[-1]
    return f"exited with status {code} ({last})"


def tell(child: subprocess.Popen[bytes], message: bytes) -> None:
    """Send ``message`` (a line) to the child's standard input; a child that has died is not told
    (:func:`failure` says why it died)."""
    assert child.stdin is not None
    try:
        child.stdin.write(message)
        child.stdin.flush()
    except BrokenPipeError:
        pass


def stop(child: subprocess.Popen[bytes]) -> None:
    """Stop a child this process no longer waits for (this process failed first)."""
    close_pipes(child)
    child.kill()
    child.wait()


def close_pipes(child: subprocess.Popen[bytes]) -> None:
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            try:
                pipe.close()
            except BrokenPipeError:
                pass
