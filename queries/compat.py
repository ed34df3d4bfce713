"""Make Neo4j Cypher mean the same on the embedded engine (Ladybug), or refuse it.

Ladybug follows openCypher closely but differs from Neo4j in a few places that
would silently change answers. This module rewrites a query so it keeps
Neo4j's meaning, and raises :class:`~citegraph.errors.QueryError` naming the
clause when it cannot:

* relationship uniqueness: Neo4j never binds one relationship twice in one
  MATCH (``(p)-[:MENTIONS]->(m)<-[:MENTIONS]-(q)`` has ``p <> q``); Ladybug
  does. Relationship patterns get names and ``r1 <> r2`` conditions.
* variable-length paths: Neo4j walks trails (no relationship repeated);
  Ladybug walks walks. ``[:CITES*1..3]`` becomes ``[:CITES* TRAIL 1..3]``.
  An unbounded ``*`` is refused (Ladybug caps it at 30 hops).
* ``type(r)`` -> ``label(r)``, ``labels(n)`` -> ``[label(n)]``.
* list subscripts are 1-based in Ladybug: ``xs[0]`` -> ``xs[1]``; a computed
  index or a slice (``xs[1..3]``) is refused.
* write clauses (the saved graph is read-only here), ``CALL`` and
  ``shortestPath`` are refused.

>>> to_embedded("MATCH (p:Paper)-[:MENTIONS]->(m)<-[:MENTIONS]-(q) RETURN type(m)")
'MATCH (p:Paper)-[__r1:MENTIONS]->(m)<-[__r2:MENTIONS]-(q) WHERE __r1 <> __r2 RETURN label(m)'
>>> to_embedded("MATCH (a)-[:CITES*1..3]->(b) RETURN labels(b)")
'MATCH (a)-[:CITES* TRAIL 1..3]->(b) RETURN [label(b)]'
>>> to_embedded("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
citegraph.errors.QueryError: DETACH is not supported: queries on the saved graph are read-only
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citegraph.errors import QueryError

_TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
    r"""|(?P<bt>`[^`]*`)|(?P<param>\$\w+)|(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<ident>[A-Za-z_]\w*)"""
    r"""|(?P<op><>|<=|>=|=~|\.\.|[-<>=+*/%^.,:;|(){}\[\]!])""",
    re.S,
)

WRITE_CLAUSES = {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "FOREACH", "DROP", "ALTER",
                 "COPY", "LOAD", "INSTALL", "ATTACH", "EXPORT", "IMPORT", "FINISH"}
UNSUPPORTED_CLAUSES = {"CALL": "CALL (procedures and subqueries)", "USE": "USE"}
UNSUPPORTED_FUNCTIONS = {"SHORTESTPATH": "shortestPath()", "ALLSHORTESTPATHS": "allShortestPaths()"}
CLAUSE_STARTS = {"MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "UNION", "ORDER", "SKIP",
                 "LIMIT", "CALL"}
PATH_MODES = {"TRAIL", "ACYCLIC", "WALK", "SHORTEST", "ALL"}


@dataclass
class Token:
    kind: str
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "ident" else ""


def tokenize(query: str) -> list[Token]:
    """Split Cypher into tokens (strings, comments and identifiers kept whole)."""
    tokens, pos = [], 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m:
            raise QueryError(f"cannot read the query at character {pos}: {query[pos:pos + 20]!r}")
        kind = m.lastgroup or "op"
        tokens.append(Token(kind, m.group()))
        pos = m.end()
    return tokens


def _code(tokens: list[Token], i: int, step: int) -> int:
    """Index of the next token from ``i`` (by ``step``) that is not whitespace or a comment."""
    i += step
    while 0 <= i < len(tokens) and tokens[i].kind in ("ws", "comment"):
        i += step
    return i


def _is_keyword(tokens: list[Token], i: int) -> bool:
    """An identifier used as a keyword: not a property key, label, map key or function argument name."""
    prev = _code(tokens, i, -1)
    nxt = _code(tokens, i, 1)
    if prev >= 0 and tokens[prev].text in (".", ":"):
        return False
    return not (nxt < len(tokens) and tokens[nxt].text == ":")


@dataclass
class _Rel:
    open: int  # index of "[" (or of the first "-" of a bare --)
    name: str | None
    types: frozenset[str] | None  # None = any type
    var_length: bool
    bare: bool = False


def _check_tokens(tokens: list[Token]) -> None:
    for i, t in enumerate(tokens):
        up = t.upper
        if not up or not _is_keyword(tokens, i):
            continue
        if up in WRITE_CLAUSES:
            raise QueryError(f"{up} is not supported: queries on the saved graph are read-only")
        if up in UNSUPPORTED_CLAUSES:
            raise QueryError(f"{UNSUPPORTED_CLAUSES[up]} is not supported by the embedded engine; "
                             "push the graph to Neo4j for that")
        if up in UNSUPPORTED_FUNCTIONS:
            raise QueryError(f"{UNSUPPORTED_FUNCTIONS[up]} is not supported by the embedded engine; "
                             "use a bounded variable-length path, e.g. [:CITES*1..5], or push to Neo4j")


EXPRESSION_KEYWORDS = {"RETURN", "WITH", "IN", "AND", "OR", "NOT", "XOR", "WHERE", "UNWIND", "BY", "AS", "CASE",
                       "WHEN", "THEN", "ELSE", "DISTINCT", "SKIP", "LIMIT", "CONTAINS", "STARTS", "ENDS", "IS",
                       "MATCH", "OPTIONAL", "ORDER", "DESC", "ASC", "END", "ALL", "ANY", "NONE", "SINGLE"}


def _rewrite_subscripts(tokens: list[Token]) -> None:
    for i, t in enumerate(tokens):
        if t.text != "[" or t.kind != "op":
            continue
        prev = _code(tokens, i, -1)
        if prev < 0:
            continue
        p = tokens[prev]
        ends_expr = (p.kind in ("param", "str", "bt") or p.text in (")", "]")
                     or (p.kind == "ident" and p.upper not in EXPRESSION_KEYWORDS))
        if not ends_expr:
            continue
        close, depth = i, 0
        while close < len(tokens):
            depth += {"[": 1, "]": -1}.get(tokens[close].text, 0) if tokens[close].kind == "op" else 0
            if depth == 0:
                break
            close += 1
        inner = [tok for tok in tokens[i + 1:close] if tok.kind not in ("ws", "comment")]
        if len(inner) == 1 and inner[0].kind == "num" and inner[0].text.isdigit():
            inner[0].text = str(int(inner[0].text) + 1)
        elif len(inner) == 2 and inner[0].text == "-" and inner[1].kind == "num" and inner[1].text.isdigit():
            continue  # negative indexes count from the end in both
        elif len(inner) == 1 and inner[0].kind == "str":
            continue  # map key
        else:
            text = "".join(tok.text for tok in tokens[i:close + 1])
            raise QueryError(f"list subscript {text} is not supported by the embedded engine (only a literal "
                             "index such as [0] or [-1]; no slices or computed indexes)")


def _rewrite_functions(tokens: list[Token]) -> None:
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = _code(tokens, i, 1)
        prev = _code(tokens, i, -1)
        is_call = nxt < len(tokens) and tokens[nxt].text == "(" and not (prev >= 0 and tokens[prev].text == ".")
        if is_call and t.upper == "TYPE":
            t.text = "label"
        elif is_call and t.upper == "LABELS":
            depth, j = 0, nxt
            while j < len(tokens):
                depth += {"(": 1, ")": -1}.get(tokens[j].text, 0) if tokens[j].kind == "op" else 0
                if depth == 0:
                    break
                j += 1
            t.text = "[label"
            tokens[j].text = ")]"
        i += 1


def _find_rels(tokens: list[Token], start: int, end: int) -> list[_Rel]:
    """Relationship patterns between node patterns in tokens[start:end]."""
    rels: list[_Rel] = []
    depth = 0
    i = start
    while i < end:
        t = tokens[i]
        if t.kind == "op" and t.text in "({":
            depth += 1
        elif t.kind == "op" and t.text in ")}":
            depth -= 1
        elif depth == 0 and t.kind == "op" and t.text == "-":
            nxt = _code(tokens, i, 1)
            if nxt < end and tokens[nxt].text == "[":
                close = nxt
                while tokens[close].text != "]":
                    close += 1
                inner = [tok for tok in tokens[nxt + 1:close] if tok.kind not in ("ws", "comment")]
                name = inner[0].text if inner and inner[0].kind in ("ident", "bt") else None
                types: set[str] = set()
                var_length = False
                for k, tok in enumerate(inner):
                    if tok.text == ":" or (tok.text == "|" and k + 1 < len(inner)):
                        if k + 1 < len(inner) and inner[k + 1].kind in ("ident", "bt"):
                            types.add(inner[k + 1].text.strip("`"))
                    if tok.text == "*":
                        var_length = True
                rels.append(_Rel(nxt, name, frozenset(types) or None, var_length))
                i = close
            elif nxt < end and tokens[nxt].text == "-":  # bare -- / --> / <--
                rels.append(_Rel(i, None, None, False, bare=True))
                i = nxt
        i += 1
    return rels


def _make_trail(tokens: list[Token], rel: _Rel) -> None:
    j = rel.open
    while tokens[j].text != "*":
        j += 1
    after = [tok for tok in tokens[j + 1:] if tok.kind not in ("ws", "comment")]
    if after and after[0].upper in PATH_MODES:
        return
    rest = "".join(tok.text for tok in tokens[j + 1:]).split("]", 1)[0].strip()
    bounds = re.fullmatch(r"(\d*)\s*(\.\.\s*(\d*))?\s*(\{.*\})?", rest, re.S)
    if bounds is None or (bounds.group(2) is not None and not bounds.group(3)) or (
            bounds.group(2) is None and not bounds.group(1)):
        raise QueryError("a variable-length path without an upper bound ([*] or [*2..]) is not supported by "
                         "the embedded engine; give one, e.g. [:CITES*1..5]")
    tokens[j].text = "* TRAIL "


def _clauses(tokens: list[Token]) -> list[tuple[int, int, int | None]]:
    """Top-level MATCH clauses: (index after MATCH, end of pattern, index of WHERE or None)."""
    out = []
    depth = 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "op" and t.text in "({[":
            depth += 1
        elif t.kind == "op" and t.text in ")}]":
            depth -= 1
        elif depth == 0 and t.upper == "MATCH" and _is_keyword(tokens, i):
            j, where, d = i + 1, None, 0
            while j < len(tokens):
                tok = tokens[j]
                if tok.kind == "op" and tok.text in "({[":
                    d += 1
                elif tok.kind == "op" and tok.text in ")}]":
                    d -= 1
                elif d == 0 and (tok.text == ";" or (tok.upper in CLAUSE_STARTS and _is_keyword(tokens, j))):
                    if tok.upper == "WHERE" and where is None:
                        where = j
                    else:
                        break
                j += 1
            out.append((i + 1, j, where))
            i = j
            continue
        i += 1
    return out


def _overlap(a: _Rel, b: _Rel) -> bool:
    return a.types is None or b.types is None or bool(a.types & b.types)


def to_embedded(query: str) -> str:
    """Rewrite a Neo4j Cypher query for Ladybug, or raise QueryError naming what is unsupported."""
    tokens = tokenize(query)
    _check_tokens(tokens)
    _rewrite_subscripts(tokens)
    _rewrite_functions(tokens)
    counter = 0
    for start, end, where in reversed(_clauses(tokens)):
        pattern_end = where if where is not None else end
        rels = _find_rels(tokens, start, pattern_end)
        for rel in rels:
            if rel.var_length:
                _make_trail(tokens, rel)
        fixed = [r for r in rels if not r.var_length]
        varlen = [r for r in rels if r.var_length]
        for v in varlen:
            if any(_overlap(v, r) for r in rels if r is not v):
                raise QueryError("a variable-length relationship pattern together with another pattern of the "
                                 "same type in one MATCH is not supported by the embedded engine (Neo4j's "
                                 "relationship uniqueness cannot be kept); use separate MATCH clauses or push "
                                 "to Neo4j")
        pairs = [(a, b) for k, a in enumerate(fixed) for b in fixed[k + 1:] if _overlap(a, b)]
        if not pairs:
            continue
        for rel in {id(r): r for pair in pairs for r in pair}.values():
            if rel.name is None:
                counter += 1
                rel.name = f"__r{counter}"
                if rel.bare:  # "-" "-" -> "-[__rN]-"
                    tokens[rel.open].text = f"-[{rel.name}]"
                else:
                    tokens[rel.open].text = f"[{rel.name}"
                    nxt = _code(tokens, rel.open, 1)
                    if tokens[nxt].text != ":":
                        tokens[rel.open].text += " "
        cond = " AND ".join(f"{a.name} <> {b.name}" for a, b in pairs)
        if where is not None:
            tokens[where].text = f"WHERE {cond} AND ("
            last = _code(tokens, end, -1)
            tokens[last].text += ")"
        else:
            last = _code(tokens, end, -1)
            tokens[last].text += f" WHERE {cond}"
    _renumber(tokens)
    return "".join(t.text for t in tokens)


def _renumber(tokens: list[Token]) -> None:
    """Number generated names in reading order (__r1, __r2, ...)."""
    text = "".join(t.text for t in tokens)
    names = list(dict.fromkeys(re.findall(r"__r\d+", text)))
    mapping = {old: f"__t{k}" for k, old in enumerate(names, 1)}
    for t in tokens:
        t.text = re.sub(r"__r\d+", lambda m: mapping[m.group()], t.text)
    for t in tokens:
        t.text = t.text.replace("__t", "__r")
