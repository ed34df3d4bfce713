"""The files a saved graph directory holds (names only: importing this costs nothing)."""

GRAPH_JSON, GRAPH_GRAPHML = "graph.json", "graph.graphml"
