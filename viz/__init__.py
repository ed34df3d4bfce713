"""The interactive HTML view of the graph."""

from .html import write_html

__all__ = ["write_html"]
