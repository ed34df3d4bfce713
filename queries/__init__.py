"""Analysis of a built graph: pure functions of a KnowledgeGraph or ``nx.MultiDiGraph``
returning plain data (dataclasses). Every function is re-exported from ``citegraph``.

>>> import citegraph
>>> citegraph.top_entities is top_entities
True
"""

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
from .lookup import UnknownNameError, find_entity, find_paper
from .trends import PeriodCount, Rise, mentions_by_period, rising_entities

__all__ = [
    "ChainLink",
    "CitedPaper",
    "Community",
    "Neighbor",
    "PaperEvidence",
    "PeriodCount",
    "RankedEntity",
    "Rise",
    "SimilarPaper",
    "UnknownNameError",
    "citation_chain",
    "co_mention_graph",
    "communities",
    "find_entity",
    "find_paper",
    "mentions_by_period",
    "most_built_upon",
    "neighbors",
    "pagerank",
    "papers_mentioning",
    "rising_entities",
    "similar_papers",
    "top_entities",
]
