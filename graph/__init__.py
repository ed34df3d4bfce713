"""The graph: its schema, how it is built from extractions, and where it is stored."""

from .builder import build_graph
from .kg import KnowledgeGraph
from .schema import ENTITY_LABELS, NODE_LABELS, NODE_PROPERTIES, PAPER, REL_TYPES, RelType
from .store import load_graph, save_graph

__all__ = [
    "ENTITY_LABELS",
    "KnowledgeGraph",
    "NODE_LABELS",
    "NODE_PROPERTIES",
    "PAPER",
    "REL_TYPES",
    "RelType",
    "build_graph",
    "load_graph",
    "save_graph",
]
