"""The graph: its schema, how it is built from extractions, and where it is stored.

Names are imported on first use (:mod:`citegraph.lazy`): reading the schema does not import networkx.
"""

from typing import TYPE_CHECKING

from citegraph.lazy import lazy_exports

if TYPE_CHECKING:
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

__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(("add_edges", "build_graph"), ".builder"),
    "KnowledgeGraph": ".kg",
    **dict.fromkeys(("ENTITY_LABELS", "NODE_LABELS", "NODE_PROPERTIES", "PAPER", "REL_TYPES", "RelType",
                     "edge_key"), ".schema"),
    **dict.fromkeys(("load_graph", "save_graph"), ".store"),
})
