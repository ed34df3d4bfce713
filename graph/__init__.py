"""The graph: its schema, how it is built from extractions, and where it is stored."""

from .builder import add_edges, build_graph
from .kg import KnowledgeGraph
from .schema import ENTITY_LABELS, NODE_LABELS, NODE_PROPERTIES, PAPER, REL_TYPES, RelType, edge_key
from .store import load_graph, save_graph

__all__ = [
    "ENTITY_LABELS",
    "NODE_LABELS",
    "NODE_PROPERTIES",
    "PAPER",
    "REL_TYPES",
    "KnowledgeGraph",
    "RelType",
    "add_edges",
    "build_graph",
    "edge_key",
    "load_graph",
    "save_graph",
]
