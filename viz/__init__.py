"""The interactive HTML page of the graph: views, layout, page.

>>> from citegraph.viz import ViewOptions
>>> ViewOptions().top
300
"""

from .html import PageOptions, render_html, write_html
from .views import View, ViewOptions, find_node, select_view

__all__ = ["PageOptions", "View", "ViewOptions", "find_node", "render_html", "select_view",
           "write_html"]
