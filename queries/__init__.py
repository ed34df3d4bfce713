"""Queries on a built graph.

- Analysis: pure functions of a KnowledgeGraph or ``nx.MultiDiGraph`` returning plain
  data (dataclasses); every one is re-exported from ``citegraph``.
- Cypher: the embedded engine (:mod:`.embedded`), its Neo4j-compatibility rewrites
  (:mod:`.compat`) and the catalogue of named queries (``*.cypher``, :mod:`.catalogue`).

Names are imported on first use (:mod:`citegraph.lazy`): ``citegraph query`` on a warm cache
does not import networkx.

>>> import citegraph
>>> citegraph.top_entities is citegraph.queries.top_entities
True
>>> "top-models" in citegraph.queries.catalogue()
True
"""

from typing import TYPE_CHECKING

from citegraph.lazy import lazy_exports

if TYPE_CHECKING:
    from .catalogue import NamedQuery, catalogue, get_query
    from .citations import (
        ChainLink,
        CitedPaper,
        SimilarPaper,
        citation_chain,
        most_built_upon,
        similar_papers,
    )
    from .communities import Community, communities
    from .cooccurrence import (
        Neighbor,
        PaperEvidence,
        RankedEntity,
        co_mention_graph,
        neighbors,
        pagerank,
        papers_mentioning,
        top_entities,
    )
    from .embedded import EmbeddedGraph, QueryResult
    from .lookup import UnknownNameError, find_entity, find_paper
    from .trends import PeriodCount, Rise, mentions_by_period, rising_entities

__all__ = [
    "ChainLink",
    "CitedPaper",
    "Community",
    "EmbeddedGraph",
    "NamedQuery",
    "QueryResult",
    "Neighbor",
    "PaperEvidence",
    "PeriodCount",
    "RankedEntity",
    "Rise",
    "SimilarPaper",
    "UnknownNameError",
    "catalogue",
    "citation_chain",
    "co_mention_graph",
    "communities",
    "find_entity",
    "find_paper",
    "get_query",
    "mentions_by_period",
    "most_built_upon",
    "neighbors",
    "pagerank",
    "papers_mentioning",
    "rising_entities",
    "similar_papers",
    "top_entities",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(("NamedQuery", "catalogue", "get_query"), ".catalogue"),
    **dict.fromkeys(("ChainLink", "CitedPaper", "SimilarPaper", "citation_chain", "most_built_upon",
                     "similar_papers"), ".citations"),
    **dict.fromkeys(("Community", "communities"), ".communities"),
    **dict.fromkeys(("Neighbor", "PaperEvidence", "RankedEntity", "co_mention_graph", "neighbors", "pagerank",
                     "papers_mentioning", "top_entities"), ".cooccurrence"),
    **dict.fromkeys(("EmbeddedGraph", "QueryResult"), ".embedded"),
    **dict.fromkeys(("UnknownNameError", "find_entity", "find_paper"), ".lookup"),
    **dict.fromkeys(("PeriodCount", "Rise", "mentions_by_period", "rising_entities"), ".trends"),
})
