"""Positions for the maps, computed at build time so the browser runs no physics.

A conversation is drawn as a tree (the post on top, each reply under what it answers,
people and outside sources in rows above); the people maps use a seeded force layout,
cached by the graph's content so an unchanged graph is not laid out again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import networkx as nx

logger = logging.getLogger(__name__)

LAYOUT_VERSION = "1"
X_STEP, Y_STEP = 200, 120  # wide enough for two "Helen Achterberg, 13 Feb" labels side by side
ROW_STEP = 300  # post boxes and outside sources in a row need more room


def tree_layout(tree: dict[str, list[str]], root: str) -> dict[str, tuple[int, int]]:
    """Tidy tree positions: leaves side by side, each parent centred over its children.

    Parameters
    ----------
    tree : dict
        node -> ordered list of its children.
    root : str
        The top node.

    Examples
    --------
    >>> tree_layout({"p": ["a", "b"], "a": ["c"]}, "p")
    {'p': (100, 0), 'a': (0, 120), 'c': (0, 240), 'b': (200, 120)}
    """
    positions: dict[str, tuple[int, int]] = {}
    next_x = 0
    # Iterative post-order walk (threads can be deeper than Python's recursion limit).
    stack = [(root, 0, False)]
    order: list[tuple[str, int]] = []
    while stack:
        node, depth, done = stack.pop()
        if done:
            kids = tree.get(node, [])
            if kids:
                xs = [positions[k][0] for k in kids]
                positions[node] = ((min(xs) + max(xs)) // 2, depth * Y_STEP)
            else:
                positions[node] = (next_x, depth * Y_STEP)
                next_x += X_STEP
            continue
        order.append((node, depth))
        stack.append((node, depth, True))
        for kid in reversed(tree.get(node, [])):
            stack.append((kid, depth + 1, False))
    return {node: positions[node] for node, _ in order}


def row_layout(nodes: list[str], y: int, centre: int, step: int = X_STEP) -> dict[str, tuple[int, int]]:
    """Nodes in one horizontal row, ``step`` apart, centred on ``centre``.

    >>> row_layout(["a", "b", "c"], -120, 0)
    {'a': (-200, -120), 'b': (0, -120), 'c': (200, -120)}
    """
    start = centre - (len(nodes) - 1) * step // 2
    return {node: (start + i * step, y) for i, node in enumerate(nodes)}


def graph_fingerprint(G: nx.Graph, seed: int) -> str:
    """A hash of the graph's nodes, edges, weights and the seed: the layout cache key."""
    payload = {
        "v": LAYOUT_VERSION,
        "seed": seed,
        "nodes": sorted(map(str, G.nodes)),
        "edges": sorted([str(u), str(v), float(d.get("weight", 1))] for u, v, d in G.edges(data=True)),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def force_layout(G: nx.Graph, seed: int, cache_dir: Path | None = None) -> dict[str, tuple[int, int]]:
    """Seeded force-directed positions (integers), cached on disk by :func:`graph_fingerprint`.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> force_layout(G, seed=1) == force_layout(G, seed=1)
    True
    """
    if G.number_of_nodes() == 0:
        return {}
    key = graph_fingerprint(G, seed)
    cache_file = cache_dir / f"{key}.json" if cache_dir else None
    if cache_file is not None and cache_file.is_file():
        try:
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            logger.debug("Layout cache hit %s", cache_file)
            return {node: tuple(pos) for node, pos in cached.items()}
        except (ValueError, OSError):
            logger.warning("%s: unreadable layout cache entry, laying out again", cache_file)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(G.nodes))
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        w = float(d.get("weight", 1))
        if ordered.has_edge(u, v):
            ordered[u][v]["weight"] += w
        else:
            ordered.add_edge(u, v, weight=w)
    n = ordered.number_of_nodes()
    raw = nx.spring_layout(ordered, seed=seed, weight="weight", iterations=60 if n > 500 else 100)
    scale = 90 * max(n, 4) ** 0.5
    positions = {str(node): (round(float(x) * scale), round(float(y) * scale)) for node, (x, y) in raw.items()}
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(positions, sort_keys=True), encoding="utf-8")
        os.replace(tmp, cache_file)
    return positions
