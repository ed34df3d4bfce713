"""A seeded, precomputed layout, so the browser starts with a finished picture.

ForceAtlas2 (``networkx.forceatlas2_layout``, networkx >= 3.4; a seeded spring
layout on older networkx) runs on the *core* of the graph: nodes with two or
more neighbours, at most ``max_core`` of them (the best connected). Leaves and
the rest are then placed in a ring around the neighbour they hang on, which
keeps the cost bounded on big pages and gives each hub room for its leaves.
Coordinates are rounded, so one graph always gives the same numbers.

>>> import networkx as nx
>>> pos = compute_layout(nx.path_graph(5), seed=1)
>>> sorted(pos) == list(range(5)) and pos == compute_layout(nx.path_graph(5), seed=1)
True
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

Position = tuple[float, float]
# ForceAtlas2 with strong gravity keeps small components close instead of flung to the edges.
GRAVITY = 1.0
STRONG_GRAVITY = True


def _unit_ring(count: int, phase: float) -> list[Position]:
    return [(math.cos(phase + 2 * math.pi * i / count), math.sin(phase + 2 * math.pi * i / count))
            for i in range(count)]


def _phase(node: Hashable, seed: int) -> float:
    return (zlib.crc32(f"{seed}:{node}".encode()) % 3600) / 3600 * 2 * math.pi


def _force_layout(G: nx.Graph, seed: int, iterations: int) -> dict[Hashable, Position]:
    if G.number_of_nodes() == 0:
        return {}
    if G.number_of_nodes() == 1:
        return {next(iter(G)): (0.0, 0.0)}
    mass = {n: 1.0 + G.nodes[n].get("leaves", 0) + G.degree(n) for n in G}
    if hasattr(nx, "forceatlas2_layout"):
        raw = nx.forceatlas2_layout(G, max_iter=iterations, seed=seed, weight="weight", node_mass=mass,
                                    scaling_ratio=2.0, gravity=GRAVITY, strong_gravity=STRONG_GRAVITY)
    else:  # networkx < 3.4
        raw = nx.spring_layout(G, seed=seed, weight="weight", iterations=iterations)
    return {n: (float(p[0]), float(p[1])) for n, p in raw.items()}


def compute_layout(
    G: nx.Graph | nx.MultiDiGraph,
    seed: int = 42,
    spread: float | None = None,
    max_core: int = 350,
    iterations: int = 100,
    weights: Mapping[Any, float] | None = None,
) -> dict[Hashable, Position]:
    """Positions (pixels, centred on 0) for every node of ``G``.

    ``spread`` is the width of the drawing (default grows with the square root
    of the node count); ``weights`` maps an undirected pair to its attraction
    (default 1 per edge between the pair).
    """
    nodes = sorted(G.nodes, key=str)
    U = nx.Graph()
    U.add_nodes_from(nodes)
    for u, v in G.edges():
        if u == v:
            continue
        a, b = (u, v) if str(u) <= str(v) else (v, u)
        w = (weights or {}).get((a, b), (weights or {}).get((b, a), 1.0))
        if U.has_edge(a, b):
            U[a][b]["weight"] += w
        else:
            U.add_edge(a, b, weight=w)
    # the core: nodes with 2+ neighbours (and the hub of every small component), best connected first
    components = sorted((sorted(c, key=lambda n: (-U.degree(n), str(n))) for c in nx.connected_components(U)),
                        key=lambda c: (-len(c), str(c[0])))
    hubs = [c[0] for c in components if len(c) >= 3][:max_core]
    hub_set = set(hubs)
    others = sorted((n for n in nodes if U.degree(n) >= 2 and n not in hub_set), key=lambda n: (-U.degree(n), str(n)))
    core = set(hubs) | set(others[:max(0, max_core - len(hubs))])
    C = nx.Graph()
    C.add_nodes_from(sorted(core, key=str))
    C.add_edges_from(sorted(((u, v, d) for u, v, d in U.edges(data=True) if u in core and v in core),
                            key=lambda e: (str(e[0]), str(e[1]))))
    for n in C:
        C.nodes[n]["leaves"] = sum(1 for m in U[n] if m not in core)
    pos = _force_layout(C, seed, iterations)
    pos = _normalise(pos)
    _place_rest(U, pos, nodes, seed)
    size = spread if spread is not None else max(600.0, 75.0 * math.sqrt(len(nodes)))
    return {n: (round(x * size / 2, 1), round(y * size / 2, 1))
            for n, (x, y) in sorted(pos.items(), key=lambda item: str(item[0]))}


def _normalise(pos: dict[Hashable, Position]) -> dict[Hashable, Position]:
    """Centre on 0 and scale into [-1, 1]."""
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((x - cx) / half, (y - cy) / half) for n, (x, y) in pos.items()}


def _place_rest(U: nx.Graph, pos: dict[Hashable, Position], nodes: list[Hashable], seed: int) -> None:
    """Put the hub of every component with nothing placed in columns right of the drawing,
    then every other node in a ring around its placed neighbour, in breadth-first waves."""
    ring = 0.6 / math.sqrt(max(len(pos), 1)) + 0.02
    hubs = [min(c, key=lambda n: (-U.degree(n), str(n))) for c in nx.connected_components(U)
            if not any(n in pos for n in c)]
    hubs.sort(key=lambda n: (-len(nx.node_connected_component(U, n)), -U.degree(n), str(n)))
    if hubs:  # in columns right of the drawing (screens are wider than tall)
        step = 0.14
        per_column = int(2.0 / step) + 1
        left = max((p[0] for p in pos.values()), default=-1.0) + 0.25
        for i, hub in enumerate(hubs):
            pos[hub] = (left + step * (i // per_column), -1.0 + step * (i % per_column))
    while True:
        wave: dict[Hashable, list[Hashable]] = {}
        for n in nodes:
            if n not in pos:
                anchors = sorted((m for m in U[n] if m in pos), key=lambda m: (-U.degree(m), str(m)))
                if anchors:
                    wave.setdefault(anchors[0], []).append(n)
        if not wave:
            return
        placed: dict[Hashable, Position] = {}
        for anchor, children in sorted(wave.items(), key=lambda i: str(i[0])):
            radius = ring * (1 + 0.15 * math.sqrt(len(children)))
            for child, (dx, dy) in zip(sorted(children, key=str), _unit_ring(len(children), _phase(anchor, seed)),
                                       strict=True):
                # between all its placed neighbours (a paper naming three entities sits among them)
                near = [pos[m] for m in sorted(U[child], key=str) if m in pos]
                cx, cy = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
                scale = 1.0 if len(near) == 1 else 0.5
                placed[child] = (cx + scale * radius * dx, cy + scale * radius * dy)
        pos.update(placed)
