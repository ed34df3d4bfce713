"""citegraph: a typed knowledge graph of ML papers, methods, models, datasets and benchmarks.

>>> import citegraph
>>> sorted(t.value for t in citegraph.EntityType)
['Benchmark', 'Dataset', 'Method', 'Model']

The graph, pipeline and query names are imported on first use (:mod:`citegraph.lazy`).
"""

from typing import TYPE_CHECKING

from citegraph.errors import (
    CitegraphError,
    DatabaseError,
    GraphStoreError,
    InputError,
    InputFormatError,
    MissingDependencyError,
    QueryError,
    RecordError,
)
from citegraph.lazy import lazy_exports
from citegraph.models import Edge, Entity, EntityType, LoadReport, Mention, Paper, PaperEntity

if TYPE_CHECKING:
    from citegraph.graph import KnowledgeGraph, load_graph
    from citegraph.pipeline import build, extract, load_papers
    from citegraph.queries import (
        ChainLink,
        CitedPaper,
        Community,
        Neighbor,
        PaperEvidence,
        PeriodCount,
        RankedEntity,
        Rise,
        SimilarPaper,
        UnknownNameError,
        citation_chain,
        co_mention_graph,
        communities,
        find_entity,
        find_paper,
        mentions_by_period,
        most_built_upon,
        neighbors,
        papers_mentioning,
        rising_entities,
        similar_papers,
        top_entities,
    )

__version__ = "0.1.0"

__all__ = [
    "ChainLink",
    "CitedPaper",
    "CitegraphError",
    "Community",
    "DatabaseError",
    "Edge",
    "Entity",
    "EntityType",
    "GraphStoreError",
    "InputError",
    "InputFormatError",
    "KnowledgeGraph",
    "LoadReport",
    "Mention",
    "MissingDependencyError",
    "Neighbor",
    "Paper",
    "PaperEntity",
    "PaperEvidence",
    "PeriodCount",
    "QueryError",
    "RankedEntity",
    "RecordError",
    "Rise",
    "SimilarPaper",
    "UnknownNameError",
    "build",
    "citation_chain",
    "co_mention_graph",
    "communities",
    "extract",
    "find_entity",
    "find_paper",
    "load_graph",
    "load_papers",
    "mentions_by_period",
    "most_built_upon",
    "neighbors",
    "papers_mentioning",
    "rising_entities",
    "similar_papers",
    "top_entities",
]

_FROM_GRAPH_AND_PIPELINE = {
    **dict.fromkeys(("KnowledgeGraph", "load_graph"), "citegraph.graph"),
    **dict.fromkeys(("build", "extract", "load_papers"), "citegraph.pipeline"),
}
# every other public name not defined above is the analysis API of citegraph.queries
__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys((n for n in __all__ if n not in globals() and n not in _FROM_GRAPH_AND_PIPELINE),
                    "citegraph.queries"),
    **_FROM_GRAPH_AND_PIPELINE,
})
