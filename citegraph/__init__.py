"""citegraph: a typed knowledge graph of ML papers, methods, models, datasets and benchmarks.

>>> import citegraph
>>> sorted(t.value for t in citegraph.EntityType)
['Benchmark', 'Dataset', 'Method', 'Model']
"""

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
from citegraph.graph import KnowledgeGraph, load_graph
from citegraph.models import Edge, Entity, EntityType, LoadReport, Mention, Paper, PaperEntity
from citegraph.pipeline import build, extract, load_papers

__version__ = "0.1.0"

__all__ = [
    "CitegraphError",
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
    "Paper",
    "PaperEntity",
    "QueryError",
    "RecordError",
    "build",
    "extract",
    "load_graph",
    "load_papers",
]
