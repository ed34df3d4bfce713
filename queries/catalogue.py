"""The catalogue of named queries: ``queries/*.cypher`` shipped with citegraph.

Each file starts with a comment header: the question it answers, then one
``// @param NAME DEFAULT  description`` line per parameter (DEFAULT is JSON).
The same text runs on the embedded engine, Neo4j and FalkorDB.

>>> q = get_query("top-models")
>>> q.description
'Which models are mentioned by the most papers?'
>>> q.defaults
{'limit': 20}
>>> parse_param("limit=5"), parse_param("name=GPT-4o"), parse_param('ids=["a","b"]')
(('limit', 5), ('name', 'GPT-4o'), ('ids', ['a', 'b']))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from citegraph.errors import QueryError

CATALOGUE_DIR = Path(__file__).parent
_PARAM = re.compile(r"//\s*@param\s+(\w+)\s+(\S+)\s*(.*)")


@dataclass(frozen=True)
class NamedQuery:
    """One catalogue entry: its name, the question, parameters with defaults, the Cypher."""

    name: str
    description: str
    cypher: str
    defaults: dict[str, Any] = field(default_factory=dict)
    param_docs: dict[str, str] = field(default_factory=dict)

    def params(self, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overridden by ``given``; unknown names are an error."""
        given = dict(given or {})
        unknown = sorted(set(given) - set(self.defaults))
        if unknown:
            known = ", ".join(self.defaults) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)} (parameters: {known})")
        return {**self.defaults, **given}


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.cypher`` file of the catalogue."""
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    defaults: dict[str, Any] = {}
    docs: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _PARAM.match(line)
        if m:
            defaults[m.group(1)] = json.loads(m.group(2))
            docs[m.group(1)] = m.group(3).strip()
        else:
            description.append(line[2:].strip())
    return NamedQuery(path.stem, " ".join(description), text, defaults, docs)


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {p.stem: parse_query_file(p) for p in sorted(CATALOGUE_DIR.glob("*.cypher"))}


def get_query(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; 'citegraph query --list' shows the catalogue") from None


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line; the value is JSON when it parses (numbers,
    lists, true/false/null), otherwise a string."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise QueryError(f"--param {text!r}: expected NAME=VALUE, e.g. --param limit=10")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    if isinstance(value, dict):
        value = raw
    return name.strip(), value
