"""Every Cypher statement citegraph emits, checked by Neo4j's own parser.

``@neo4j-cypher/language-support`` (pinned in tests/cypher_lint/package.json,
installed by scripts/test-deps.sh with ``npm ci``) lints each statement against
the schema of graph/schema.py: syntax errors, and warnings for labels,
relationship types or property keys the schema does not know, all fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from citegraph.graph import cypher_statements as cs
from citegraph.graph.export import write_cypher_script
from citegraph.graph.schema import NODE_LABELS, NODE_PROPERTIES, REL_TYPES
from citegraph.queries.catalogue import catalogue

from .cypher_fixtures import FEATURES, small_graph

LINT_DIR = Path(__file__).parent / "cypher_lint"
pytestmark = pytest.mark.integration


def schema(params: set[str]) -> dict:
    keys = {p for props in NODE_PROPERTIES.values() for p in props}
    keys |= {p for rel in REL_TYPES.values() for p in rel.properties}
    keys |= {"count", "deleted", "ok", "from", "to", "key", "props"}  # result columns, keys of $rows maps
    return {"labels": list(NODE_LABELS), "relationshipTypes": list(REL_TYPES), "propertyKeys": sorted(keys),
            "parameters": {p: "" for p in params}}


def lint(queries: list[str]) -> list[list[dict]]:
    if not (LINT_DIR / "node_modules").is_dir():
        raise RuntimeError("tests/cypher_lint/node_modules is missing: run scripts/test-deps.sh (npm ci)")
    params = {m[1:] for q in queries for m in re.findall(r"\$\w+", q)}
    proc = subprocess.run([shutil.which("node") or "node", "lint.cjs"], cwd=LINT_DIR, check=True,
                          input=json.dumps({"schema": schema(params), "queries": queries}),
                          capture_output=True, text=True, timeout=300)
    return [r["diagnostics"] for r in json.loads(proc.stdout)]


def script_statements(tmp_path: Path) -> list[str]:
    path = write_cypher_script(small_graph(), tmp_path / "graph.cypher", batch_size=2)
    return [line[:-1] for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("//")]


@pytest.fixture(scope="module")
def emitted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, list[dict]]]]:
    """Every statement by origin, with its diagnostics; one Node process for all (it is slow to start)."""
    groups = {
        "writer": cs.all_statements("neo4j"),
        "catalogue": [q.cypher for q in catalogue().values()],
        "script": script_statements(tmp_path_factory.mktemp("script")),
        "features": [q for _, q, _, _ in FEATURES],
        "known bad": ["MATCH (p:Paper RETURN p", "MATCH (p:Paer) RETURN p.titel", "MATCH (p:Paper) RETURN p.id"],
    }
    flat = [q for qs in groups.values() for q in qs]
    diagnostics = iter(lint(flat))
    return {name: [(q, next(diagnostics)) for q in qs] for name, qs in groups.items()}


def assert_clean(results: list[tuple[str, list[dict]]]) -> None:
    assert results
    problems = [(q, d) for q, d in results if d]
    assert not problems, "\n".join(f"{q[:200]!r}: {d}" for q, d in problems)


def test_the_linter_catches_errors(emitted):
    (_, syntax), (_, unknown), (_, good) = emitted["known bad"]
    assert any(d["severity"] == 1 for d in syntax)
    assert {d["severity"] for d in unknown} == {2} and len(unknown) == 2
    assert good == []


@pytest.mark.parametrize("origin", ["writer", "catalogue", "script", "features"])
def test_emitted_cypher_parses(emitted, origin):
    assert_clean(emitted[origin])
    if origin == "script":
        assert len(emitted[origin]) > 10
