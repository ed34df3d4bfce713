"""Cypher on the graph: the embedded engine (:mod:`.embedded`), its Neo4j-compatibility
rewrites (:mod:`.compat`) and the catalogue of named queries (``*.cypher``, :mod:`.catalogue`).

>>> from citegraph.queries import catalogue
>>> "top-models" in catalogue()
True
"""

from .catalogue import NamedQuery, catalogue, get_query
from .embedded import EmbeddedGraph, QueryResult

__all__ = ["EmbeddedGraph", "NamedQuery", "QueryResult", "catalogue", "get_query"]
