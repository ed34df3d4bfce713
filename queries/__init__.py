"""Cypher queries and the Python graph-analysis API (see the issues that fill this in)."""

__all__: list[str] = []
