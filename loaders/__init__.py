"""Records in, entities found: input loaders and entity extraction."""

from .base import paper_from_mapping, read_text
from .dedupe import merge_papers
from .registry import FORMATS, Format, detect_format, expand_inputs, iter_papers, register_format

__all__ = [
    "FORMATS",
    "Format",
    "detect_format",
    "expand_inputs",
    "iter_papers",
    "merge_papers",
    "paper_from_mapping",
    "read_text",
    "register_format",
]
