"""CO_MENTIONED edges of a :class:`~.comention.CoMentionTable` written straight from its
columns: the same text the generic writers make from property dicts, without the dicts.

Most edges of a large graph are CO_MENTIONED, and their properties always have the
same names and types, so one format string per file renders an edge. The generic
writers (:mod:`.store`, :mod:`.graphml`) stay the reference: tests compare both.

>>> from .comention import CoMentionTable, pair_occurrences
>>> table = CoMentionTable.build(pair_occurrences({"p": {"a": [0], "b": [0]}, "q": {"a": [1], "b": [2]}}), 2)
>>> [(u, v, row)] = table.rows(); u, v, row  # doctest: +NORMALIZE_WHITESPACE
('a', 'b', {'type': 'CO_MENTIONED', 'papers': 2, 'sentences': 1, 'association_strength': 1.0, 'npmi': 1.0,
             'weight': 2.0, 'example_papers': ['p', 'q']})
>>> TableText(table).json(0, 1) == json.dumps({"from": "a", "to": "b", "key": "CO_MENTIONED", **row},
...                                            separators=(",", ":"))
True
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from .comention import CO_MENTIONED, CoMentionTable

_encode_string = json.encoder.encode_basestring  # what the JSON encoder (ensure_ascii=False) does to a str

_JSON_EDGE = ('{"from":%s,"to":%s,"key":"' + CO_MENTIONED + '","type":"' + CO_MENTIONED + '","papers":%d,'
              '"sentences":%d,"association_strength":%r,"npmi":%r,"weight":%r,"example_papers":[%s]}')


class TableText:
    """Renders slices of a table's rows as graph.json or GraphML text."""

    def __init__(self, table: CoMentionTable) -> None:
        self.table = table
        self.json_ids = [_encode_string(i) for i in table.ids]
        self.json_papers = [_encode_string(p) for p in table.papers]
        self._quoted: list[str] | None = None

    def _rows(self, start: int, stop: int) -> zip[tuple[int, int, int, int, float, float, list[str]]]:
        """Per edge: source and target numbers, papers, sentences, strength, NPMI, example ids as
        JSON strings."""
        t = self.table
        part = slice(start, stop)
        papers, examples, cap = self.json_papers, t.examples, t.max_examples
        counts = t.count[part].tolist()
        listed = [[papers[p] for p in examples[at:at + min(c, cap)]]
                  for c, at in zip(counts, t.at[part].tolist(), strict=True)]
        return zip(t.source[part].tolist(), t.target[part].tolist(), counts, t.sentences[part].tolist(),
                   t.strength[part].tolist(), t.npmi[part].tolist(), listed, strict=True)

    def json(self, start: int, stop: int) -> str:
        """Edges ``start:stop`` as graph.json writes them, separated by commas."""
        ids = self.json_ids
        return ",".join([_JSON_EDGE % (ids[u], ids[v], c, s, a, n, float(c), ",".join(ex))
                         for u, v, c, s, a, n, ex in self._rows(start, stop)])

    def graphml(self, start: int, stop: int, template: str, tags: int) -> str | None:
        """Edges ``start:stop`` with ``template`` (the GraphML writer's ``%`` template of the
        CO_MENTIONED shape, ``tags`` ``<`` in its markup); ``None`` when a value needs XML
        escaping (then the caller writes the slice the general way)."""
        if self._quoted is None:
            self._quoted = [quoteattr(i) for i in self.table.ids]
        quoted, key = self._quoted, quoteattr(CO_MENTIONED)
        text = "".join([template % (quoted[u], quoted[v], key, CO_MENTIONED, c, s, a, n, float(c),
                                    "[" + ", ".join(ex) + "]")
                        for u, v, c, s, a, n, ex in self._rows(start, stop)])
        count = stop - start
        if "&" in text or text.count("<") != tags * count or text.count(">") != tags * count:
            return None
        return text
