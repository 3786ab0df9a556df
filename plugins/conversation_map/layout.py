"""Geometry for the maps, computed at build time so the browser runs no physics.

A conversation is a compact outline tree (:func:`fold_tree`, :func:`outline_rows`); the
people maps lay each community out with a seeded force layout (cached by the graph's
content, so an unchanged graph is not laid out again), keep a minimum distance between
people and pack the communities into the frame (:func:`community_layouts`,
:func:`pack_blocks`); :func:`place_labels` writes names only where they overlap nothing.
Text is measured with a generous estimate (:func:`text_width`) so boxes contain the text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx

logger = logging.getLogger(__name__)

LAYOUT_VERSION = "1"
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


# -- Build-time drawings (inline SVG maps) -------------------------------------------------
# Everything below works in CSS pixels at the drawing's own scale (1 unit = 1 px when the
# map is shown at its natural width, which the theme guarantees at the two sizes it draws).

_NARROW_CHARS = set("iIjlft.,;:'|!()[] ")
_WIDE_CHARS = set("mwMW@%…")  # "…" is a full em wide in DejaVu Sans, the usual system sans


BOLD = 1.12  # semi-bold text (post titles) is this much wider


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of ``text``'s width in a system sans-serif at ``size`` px.

    Generous on purpose: label boxes built from it must contain the drawn text, so that
    boxes that do not overlap are labels that do not overlap.

    >>> text_width("Ada", 13) < text_width("Adam Smith", 13)
    True
    >>> round(text_width("ii", 10), 1)
    7.0
    """
    width = 0.0
    for ch in text:
        if ch in _NARROW_CHARS:
            width += 0.35
        elif ch in _WIDE_CHARS:
            width += 1.0
        elif ch.isupper() or ch.isdigit():
            width += 0.74
        else:
            width += 0.63
    return width * size * (BOLD if bold else 1.0)


def wrap_text(text: str, size: float, max_width: float, max_lines: int = 4, bold: bool = False) -> list[str]:
    """Greedy word wrap by :func:`text_width`; a word longer than a line is cut; the last
    line ends in "…" when the text does not fit in ``max_lines``.

    >>> wrap_text("On slow reading and the pencil", 13, 120)
    ['On slow reading', 'and the pencil']
    >>> wrap_text("a b c d e f", 13, 27, max_lines=2)
    ['a b', 'c …']
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        while text_width(word, size, bold) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", size, bold) > max_width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        trial = f"{current} {word}".strip()
        if current and text_width(trial, size, bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + " …", size, bold) > max_width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], (last + " …").strip()]
    return lines or [""]


def fit_text(text: str, size: float, max_width: float) -> str:
    """``text`` cut with "…" so that it fits ``max_width``.

    >>> fit_text("Helen Achterberg, 13 Feb", 13, 80)
    'Helen Ac…'
    """
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def fold_tree(tree: dict[str, list[str]], root: str, *, max_rows: int, max_depth: int,
              keep: frozenset[str] | set[str] = frozenset()) -> tuple[dict, dict]:
    """Fold a reply tree so that it has at most ``max_rows`` nodes and ``max_depth`` levels.

    Everything under a folded node is replaced by one ``more:<first-hidden-node>`` node; the
    second result maps each such node to the nodes it stands for (in reading order). Too
    deep: the levels past ``max_depth`` fold. Too long: the smallest branch whose folding is
    enough folds (so the rest of the tree keeps its shape), else the largest, until it fits. A
    branch holding one of ``keep`` (the post author's answers) folds last: first the branches
    without, then runs of the post's answers without, each into a "more" in its place, then the
    post's later answers, so the thread shows the author's answers from its beginning on.

    Examples
    --------
    >>> tree = {"p": ["a", "b"], "a": ["a1", "a2", "a3"], "a1": ["a11"]}
    >>> folded, more = fold_tree(tree, "p", max_rows=5, max_depth=9)
    >>> folded["a"], more["more:a1"]
    (['more:a1'], ['a1', 'a11', 'a2', 'a3'])
    >>> fold_tree({"p": ["a"], "a": ["b"], "b": ["c"]}, "p", max_rows=9, max_depth=2)[1]
    {'more:b': ['b', 'c']}
    >>> folded, more = fold_tree({"p": ["a", "b", "c", "d"]}, "p", max_rows=3, max_depth=9)
    >>> folded["p"], more
    (['a', 'more:b'], {'more:b': ['b', 'c', 'd']})
    >>> tree = {"p": ["a", "b", "c"], "a": ["a1", "a2"], "b": ["b1", "b2"]}
    >>> fold_tree(tree, "p", max_rows=6, max_depth=9)[1]
    {'more:a1': ['a1', 'a2'], 'more:b1': ['b1', 'b2']}
    >>> fold_tree(tree, "p", max_rows=6, max_depth=9, keep={"a1"})[1]  # a1 is the author's answer
    {'more:b': ['b', 'b1', 'b2', 'c']}
    >>> tree = {"p": ["a", "b", "c", "x", "d", "e"], "d": ["d1"]}
    >>> folded, more = fold_tree(tree, "p", max_rows=6, max_depth=9, keep={"d1"})
    >>> folded["p"], more  # b, c and x had no answer of the author's: they fold where they were
    (['a', 'more:b', 'd', 'e'], {'more:b': ['b', 'c', 'x']})
    """
    def below(node: str) -> list[str]:
        out, stack = [], list(reversed(tree.get(node, [])))
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(tree.get(n, [])))
        return out

    folded = {n: list(kids) for n, kids in tree.items()}
    more: dict[str, list[str]] = {}
    hidden_all: set[str] = set()

    def hide(node: str | None, nodes: list[str]) -> str:
        """Fold ``nodes`` into one "more" node, put after ``node``'s answers (None: the caller places it)."""
        gone = set(nodes)
        hidden_all.update(gone)
        for n in nodes:
            folded.pop(n, None)
        for key in [m for m in more if more[m][0] in gone]:
            del more[key]
        if node is not None:
            folded[node] = [*folded.get(node, []), f"more:{nodes[0]}"]
        more[f"more:{nodes[0]}"] = nodes
        return f"more:{nodes[0]}"

    def shown(n: str) -> int:
        """The rows ``n`` takes, with what it shows below it."""
        return 1 + sum(shown(k) for k in folded.get(n, []))

    def count() -> int:
        return 1 + sum(len(kids) for n, kids in folded.items() if n == root or n not in hidden_all)

    depth = {root: 0}
    order = [root]
    for n in order:
        for k in tree.get(n, []):
            depth[k] = depth[n] + 1
            order.append(k)
    for n in order:
        if depth[n] == max_depth - 1 and tree.get(n) and n not in hidden_all:
            folded[n] = []
            hide(n, below(n))
    size: dict[str, int] = {}
    for n in reversed(order):
        size[n] = sum(1 + size[k] for k in tree.get(n, []))
    position = {n: i for i, n in enumerate(order)}
    holds: dict[str, bool] = {}  # whether a branch holds one of keep
    for n in reversed(order):
        holds[n] = n in keep or any(holds[k] for k in tree.get(n, []))
    candidates = [n for n in order if n != root and size[n] >= 2]

    def fold_branches(among: list[str]) -> None:
        rows = count()
        while rows > max_rows:
            open_ = [n for n in among if n not in hidden_all and not all(
                k.startswith("more:") for k in folded.get(n, []))]
            if not open_:
                break
            enough = [n for n in open_ if size[n] - 1 >= rows - max_rows]
            pick = (min(enough, key=lambda n: (size[n], position[n])) if enough
                    else max(open_, key=lambda n: (size[n], -position[n])))
            folded[pick] = []
            hide(pick, below(pick))
            rows = count()

    def fold_later_answers() -> None:
        """The post's later answers fold into one, as many as the rows need (each with what it shows)."""
        rows, kids = count(), folded[root]
        if rows <= max_rows or len(kids) < 2:
            return
        cut = len(kids)
        while cut > 1 and rows + 1 > max_rows:  # + 1: the "more" row that takes their place
            cut -= 1
            rows -= shown(kids[cut])
        nodes = []
        for kid in kids[cut:]:
            nodes.extend(more.get(kid, []) if kid.startswith("more:") else [kid, *below(kid)])
        folded[root] = kids[:cut]
        hide(root, nodes)

    def fold_quiet_runs() -> None:
        """Runs of the post's answers that hold none of ``keep`` fold, each into one "more" in its place:
        the smallest run that frees enough rows (only its end, as much as is needed), else the largest
        (of as many, the later), until it fits."""
        kids = folded[root]
        runs: list[list[int]] = [[]]
        for at, kid in enumerate(kids):
            if kid.startswith("more:") or holds[kid]:
                runs.append([])
            else:
                runs[-1].append(at)
        gain = {tuple(r): sum(shown(kids[a]) for a in r) - 1 for r in runs if r}
        runs = [r for r in gain if gain[r] > 0]
        rows, chosen = count(), {}
        while rows > max_rows and runs:
            enough = [r for r in runs if gain[r] >= rows - max_rows]
            pick = (min(enough, key=lambda r: (gain[r], -r[0])) if enough
                    else max(runs, key=lambda r: (gain[r], r[0])))
            runs.remove(pick)
            while len(pick) > 1 and sum(shown(kids[a]) for a in pick[1:]) - 1 >= rows - max_rows:
                pick = pick[1:]  # more than enough: its first answers stay in sight
            chosen[pick[0]] = pick
            rows -= sum(shown(kids[a]) for a in pick) - 1
        out, at = [], 0
        while at < len(kids):
            if at in chosen:
                run = chosen[at]
                out.append(hide(None, [n for a in run for n in (kids[a], *below(kids[a]))]))
                at = run[-1] + 1
            else:
                out.append(kids[at])
                at += 1
        folded[root] = out

    fold_branches([n for n in candidates if not holds[n]])
    if keep and count() > max_rows:
        fold_quiet_runs()
        fold_later_answers()
    fold_branches(candidates)
    fold_later_answers()
    return folded, more


def outline_rows(tree: dict[str, list[str]], root: str) -> list[tuple[str, int]]:
    """The tree in reading order as (node, depth) rows, the root excluded.

    >>> outline_rows({"p": ["a", "b"], "a": ["c"]}, "p")
    [('a', 1), ('c', 2), ('b', 1)]
    """
    rows: list[tuple[str, int]] = []
    stack = [(k, 1) for k in reversed(tree.get(root, []))]
    while stack:
        node, depth = stack.pop()
        rows.append((node, depth))
        stack.extend((k, depth + 1) for k in reversed(tree.get(node, [])))
    return rows


class _Grid:
    """A spatial hash of rectangles, for overlap checks in constant time per query."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, box):
        x0, y0, x1, y1 = box
        c = self.cell
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                yield (i, j)

    def hits(self, box) -> bool:
        x0, y0, x1, y1 = box
        for key in self._keys(box):
            for a0, b0, a1, b1 in self.cells.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return True
        return False

    def add(self, box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def within(self, box) -> set[tuple[float, float, float, float]]:
        """The rectangles that overlap ``box``."""
        x0, y0, x1, y1 = box
        return {b for key in self._keys(box) for b in self.cells.get(key, ())
                if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1}


def _edge_gap(box, cx: float, cy: float, r: float) -> float:
    """How far a dot's edge is from ``box`` (negative: the box covers part of the dot)."""
    dx = max(box[0] - cx, 0.0, cx - box[2])
    dy = max(box[1] - cy, 0.0, cy - box[3])
    return math.hypot(dx, dy) - r


def _nearest_is_own(dots: _Grid, circles: dict, own, box) -> bool:
    """Whether no dot in ``dots`` but ``own`` (its box there; ``circles``: box -> (x, y, r)) is
    nearer ``box``: a name placed there is plainly that person's."""
    mine = _edge_gap(box, *circles[own])
    reach = mine + 2 * circles[own][2] + 24  # a bigger dot further off can still be nearer
    return not any(_edge_gap(box, *circles[dot]) < mine - 0.5
                   for dot in dots.within((box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach))
                   if dot != own)


def segment_hits_box(seg: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the straight segment ``(x1, y1, x2, y2)`` passes through the box ``(x0, y0, x1, y1)``
    (Liang-Barsky clipping; touching an edge of the box does not count).

    >>> segment_hits_box((0, 5, 20, 5), (5, 0, 10, 10)), segment_hits_box((0, 0, 4, 20), (5, 0, 10, 10))
    (True, False)
    """
    x1, y1, x2, y2 = seg
    bx0, by0, bx1, by1 = box
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - bx0), (dx, bx1 - x1), (-dy, y1 - by0), (dy, by1 - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def sample_path(d: str, steps: int = 10) -> list[tuple[float, float, float, float]]:
    """The straight segments of an SVG path made of M, L, H, V, Q and C commands (absolute),
    curves sampled at ``steps`` points.

    >>> sample_path("M0 0V10H5")
    [(0.0, 0.0, 0.0, 10.0), (0.0, 10.0, 5.0, 10.0)]
    >>> len(sample_path("M0 0Q5 5 10 0", steps=4))
    4
    """
    segs: list[tuple[float, float, float, float]] = []
    x = y = 0.0
    for cmd, args in re.findall(r"([MLHVQC])([^MLHVQC]*)", d):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if cmd == "M":
            x, y = nums[0], nums[1]
            continue
        if cmd in "LHV":
            nx_, ny_ = (nums[0], nums[1]) if cmd == "L" else ((nums[0], y) if cmd == "H" else (x, nums[0]))
            segs.append((x, y, nx_, ny_))
            x, y = nx_, ny_
            continue
        pts = [(x, y), *zip(nums[0::2], nums[1::2], strict=False)]
        px, py = x, y
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            if cmd == "Q":
                (ax, ay), (bx, by), (cx, cy) = pts[:3]
                qx, qy = u * u * ax + 2 * u * t * bx + t * t * cx, u * u * ay + 2 * u * t * by + t * t * cy
            else:
                (ax, ay), (bx, by), (cx, cy), (ex, ey) = pts[:4]
                qx = u ** 3 * ax + 3 * u * u * t * bx + 3 * u * t * t * cx + t ** 3 * ex
                qy = u ** 3 * ay + 3 * u * u * t * by + 3 * u * t * t * cy + t ** 3 * ey
            segs.append((px, py, qx, qy))
            px, py = qx, qy
        x, y = pts[-1]
    return segs


class _SegmentGrid:
    """A spatial hash of straight segments: which of them cross a box, in near constant time.

    Each segment comes with the line it is part of (a curve is several segments), so that
    :meth:`crossings` counts lines, not pieces of them.

    >>> grid = _SegmentGrid([((0, 5, 10, 5), 0), ((10, 5, 20, 5), 0), ((5, 0, 5, 20), 1)], cell=8)
    >>> grid.hits((2, 2, 18, 8)), grid.crossings((2, 2, 18, 8)), grid.crossings((12, 2, 18, 8))
    (True, 2, 1)
    """

    def __init__(self, pieces, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[tuple[float, float, float, float], int]]] = {}
        for seg, line in pieces:
            x0, x1 = sorted((seg[0], seg[2]))
            y0, y1 = sorted((seg[1], seg[3]))
            for i in range(int(x0 // cell), int(x1 // cell) + 1):
                for j in range(int(y0 // cell), int(y1 // cell) + 1):
                    self.cells.setdefault((i, j), []).append((seg, line))

    def hits(self, box) -> bool:
        c = self.cell
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                if any(segment_hits_box(seg, box) for seg, _ in self.cells.get((i, j), ())):
                    return True
        return False

    def crossings(self, box) -> int:
        """How many lines cross the box."""
        c, found = self.cell, set()
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                found.update(line for seg, line in self.cells.get((i, j), ()) if segment_hits_box(seg, box))
        return len(found)


def place_labels(points: list[dict], width: float, height: float, *, size: float, limit: int,
                 pad: float = 3, paths: list[str] | None = None, lines_may_cross: bool = False,
                 named_anyway: int = 0) -> dict[str, tuple[float, float, float, float, str, int]]:
    """Labels beside the most important points, never overlapping each other, a point or a line.

    Parameters
    ----------
    points : list of dict
        ``id``, ``x``, ``y``, ``r`` (radius) and ``text``, most important first.
    width, height : float
        The frame; a label stays inside it.
    size : float
        Font size in px.
    limit : int
        Only the first this many points may be named; the others' dots are kept clear of.
    paths : list of str, optional
        The drawing's lines (SVG path data): a label goes on the side of its point that no
        line crosses, and a point with no such side is named on hover and focus instead...
    lines_may_cross : bool
        ... unless this is set (a dense map of thin lines): then it goes where only lines cross
        it, which the label's halo keeps readable.
    named_anyway : int
        The first this many points (the most connected) take such a place too when no side is
        clear, whatever the map: a hub with lines on every side is the one a reader looks for.

    Returns
    -------
    dict
        id -> (x, y, w, h, anchor, over) of the label box (top-left corner; ``anchor`` is the SVG
        text-anchor; ``over``: 0 when nothing lies under it, 1 when lines do, 2 when other points
        do too (in a crowd): such names are drawn above what they cover, with a halo; those at 2
        in the reverse of the order they were placed in). Points left out get their name on
        hover and focus instead.

    Examples
    --------
    >>> pts = [{"id": "a", "x": 50, "y": 50, "r": 6, "text": "Ada"},
    ...        {"id": "b", "x": 60, "y": 50, "r": 6, "text": "Ben"}]
    >>> sorted(place_labels(pts, 200, 100, size=13, limit=5))
    ['a', 'b']
    >>> hub = [{"id": "h", "x": 100, "y": 50, "r": 6, "text": "Hub"}]
    >>> spokes = [f"M100 50 L{100 + 90 * dx} {50 + 45 * dy}" for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]
    >>> place_labels(hub, 200, 100, size=13, limit=5, paths=spokes)  # every side crossed: unnamed
    {}
    >>> place_labels(hub, 200, 100, size=13, limit=5, paths=spokes, named_anyway=1)["h"][-2:]  # over lines:
    ('middle', 1)

    (under the hub, where one line crosses its name; beside it, three would)
    """
    dots, names, hubs, raised = (_Grid(cell=max(size * 4, 24)) for _ in range(4))
    circles, box_of = {}, {}  # a dot's box (one px wider) -> the dot; a point -> its dot's box
    for rank, p in enumerate(points):
        r = p["r"] + 1
        box = box_of[p["id"]] = (p["x"] - r, p["y"] - r, p["x"] + r, p["y"] + r)
        circles[box] = (p["x"], p["y"], p["r"])
        dots.add(box)
        if rank < named_anyway:  # drawn above the rest: no name of theirs goes under another's dot
            hubs.add(box)
    lines = _SegmentGrid([(seg, n) for n, d in enumerate(paths or ()) for seg in sample_path(d)],
                         cell=max(size * 4, 24))
    placed: dict[str, tuple[float, float, float, float, str, int]] = {}
    h = size * 1.3
    for rank, p in enumerate(points):
        if rank >= limit:  # the rest are only kept clear of
            break
        w = text_width(p["text"], size)
        x, y, r = p["x"], p["y"], p["r"]
        candidates = []
        for gap in (pad, pad + 8):  # beside the point, then a little further out
            d = r * 0.7 + gap
            candidates += [
                (x + r + gap, y - h / 2, "start"),
                (x - r - gap - w, y - h / 2, "end"),
                (x - w / 2, y + r + gap - 2, "middle"),
                (x - w / 2, y - r - gap + 2 - h, "middle"),
                (x + d, y + d, "start"),
                (x + d, y - d - h, "start"),
                (x - d - w, y + d, "end"),
                (x - d - w, y - d - h, "end"),
                (x - r, y + r + gap - 2, "start"),  # under or over it, flush with one side
                (x + r - w, y + r + gap - 2, "end"),
                (x - r, y - r - gap + 2 - h, "start"),
                (x + r - w, y - r - gap + 2 - h, "end"),
            ]
        inside = [(bx, by, anchor) for bx, by, anchor in candidates
                  if min(bx, by) >= 0 and bx + w <= width and by + h <= height
                  and not names.hits((bx, by, bx + w, by + h))]
        # The first place in order that covers no dot, is nearer its own dot than any other, and
        # that no line crosses (the text's own box, inset: a line may graze its padding, never the
        # letters); else, where names may cross lines, the one of those places that the fewest lines cross.
        spot, over, crossed = None, 0, None
        own = box_of[p["id"]]
        for c in inside:
            box = (c[0], c[1], c[0] + w, c[1] + h)
            if dots.hits(box) or not _nearest_is_own(dots, circles, own, box):
                continue
            letters = (c[0] + 1, c[1] + 1.5, c[0] + w - 1, c[1] + h - 1.5)
            if not lines.hits(letters):
                spot = c
                break
            if lines_may_cross or rank < named_anyway:
                count = lines.crossings(letters)
                if crossed is None or count < crossed[0]:
                    crossed = (count, c)
        crossed = crossed[1] if crossed else None
        if spot is None and crossed and (lines_may_cross or rank < named_anyway):
            spot, over = crossed, 1
        if spot is None and rank < named_anyway:
            # A hub in a crowd: its name goes over other people's dots (never a hub's, nor the dot of
            # one whose name went over dots before), and is drawn above them. Anyone else's name over
            # other people's dots left it unclear whose it was: they are named on hover and focus.
            crowd = [c for c in inside if not hubs.hits((c[0], c[1], c[0] + w, c[1] + h))
                     and not raised.hits((c[0], c[1], c[0] + w, c[1] + h))]
            if crowd:
                spot, over = crowd[0], 2
                raised.add(own)
        if spot is not None:
            bx, by, anchor = spot
            names.add((bx, by, bx + w, by + h))
            placed[p["id"]] = (round(bx, 1), round(by, 1), round(w, 1), round(h, 1), anchor, over)
    return placed


def _spread(positions: dict[str, tuple[float, float]], min_dist: float, rounds: int = 30) -> None:
    """Push points apart until no two are closer than ``min_dist`` (in place, deterministic)."""
    keys = sorted(positions)
    for _ in range(rounds):
        cell = min_dist
        grid: dict[tuple[int, int], list[str]] = {}
        for k in keys:
            x, y = positions[k]
            grid.setdefault((int(x // cell), int(y // cell)), []).append(k)
        moved = False
        for k in keys:
            x, y = positions[k]
            ci, cj = int(x // cell), int(y // cell)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for o in grid.get((ci + di, cj + dj), ()):
                        if o <= k:
                            continue
                        ox, oy = positions[o]
                        dx, dy = ox - x, oy - y
                        d = (dx * dx + dy * dy) ** 0.5
                        if d >= min_dist:
                            continue
                        if d < 1e-6:
                            dx, dy, d = 1.0, 0.5, 1.118
                        push = (min_dist - d) / 2 + 0.01
                        ux, uy = dx / d * push, dy / d * push
                        positions[k] = (x - ux, y - uy)
                        positions[o] = (ox + ux, oy + uy)
                        x, y = positions[k]
                        moved = True
        if not moved:
            return


def _groups_of(P: nx.Graph, groups: dict[str, int]) -> dict[int, list[str]]:
    members: dict[int, list[str]] = {}
    for node in sorted(P.nodes):
        members.setdefault(groups.get(node, -1), []).append(node)
    return members


def row_people(P: nx.Graph, groups: dict[str, int]) -> set[str]:
    """The people :func:`community_layouts` sets in rows: alone in their group, or in a group
    with no tie inside it (their ties, if any, go to other groups).

    >>> P = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> P.add_node("f")
    >>> sorted(row_people(P, {"a": 0, "b": 0, "c": 1, "f": 2}))
    ['c', 'f']
    """
    return {n for nodes in _groups_of(P, groups).values()
            if len(nodes) == 1 or P.subgraph(nodes).number_of_edges() == 0 for n in nodes}


def community_layouts(P: nx.Graph, groups: dict[str, int], seed: int, min_dist: float,
                      cache_dir: Path | None = None, *, max_width: float = 1e9,
                      name_room: Callable[[str], float] | None = None
                      ) -> list[dict[str, tuple[float, float]]]:
    """Each community laid out on its own, at a density that keeps ``min_dist`` between people.

    Returns one block per community (positions relative to the block's top-left corner,
    largest block first); people without any connection share one block at the end. A
    community too big for ``max_width`` is drawn taller instead of wider.

    ``name_room`` (person -> px): the unconnected people (:func:`row_people`) are set in rows, in name order, each
    with that much room to their right for their name, so that every name sits beside its own
    person and nowhere near another's; without it they are a grid ``min_dist * 1.6`` apart.

    Examples
    --------
    >>> P = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "e")])
    >>> P.add_node("f")
    >>> blocks = community_layouts(P, {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2}, 1, 20)
    >>> [sorted(b) for b in blocks]
    [['a', 'b', 'c'], ['d', 'e'], ['f']]
    >>> Q = nx.DiGraph()
    >>> Q.add_nodes_from("fghi")  # nobody connected: rows of a person and room for their name
    >>> community_layouts(Q, {}, 1, 20, max_width=150, name_room=lambda n: 60)
    [{'f': (0.0, 0.0), 'g': (80.0, 0.0), 'h': (0.0, 20.0), 'i': (80.0, 20.0)}]
    """
    members = _groups_of(P, groups)
    in_rows = row_people(P, groups)
    blocks: list[dict[str, tuple[float, float]]] = []
    loners: list[str] = []
    for _group, nodes in sorted(members.items(), key=lambda item: (-len(item[1]), item[1][0])):
        if nodes[0] in in_rows:
            loners.extend(nodes)
            continue
        raw = force_layout(P.subgraph(nodes), seed, cache_dir)
        xs = [p[0] for p in raw.values()]
        ys = [p[1] for p in raw.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1)
        side = min_dist * (len(nodes) ** 0.5) * 1.1  # a disc holding n points min_dist apart
        side_x = min(side, max_width)
        side_y = side * side / side_x
        pos = {n: ((x - min(xs)) / span * side_x, (y - min(ys)) / span * side_y) for n, (x, y) in raw.items()}
        _spread(pos, min_dist)
        blocks.append(_normalise(pos))
    if loners and name_room is not None:
        # Rows as wide as the frame allows: a person, their name, a gap, the next person.
        row: dict[str, tuple[float, float]] = {}
        x = y = 0.0
        for n in sorted(loners):
            advance = name_room(n) + max(min_dist * 0.5, 20.0)
            if x > 0 and x + advance - min_dist * 0.5 > max_width:
                x, y = 0.0, y + min_dist
            row[n] = (x, y)
            x += advance
        blocks.append(row)
    elif loners:
        # As wide as the frame allows, names staggered up and down (see place_labels).
        step = min_dist * 1.6
        cols = max(1, min(len(loners), int(max_width // step) + 1))
        blocks.append({n: ((i % cols) * step, (i // cols) * min_dist) for i, n in enumerate(sorted(loners))})
    return blocks


def _normalise(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    x0 = min(x for x, _ in pos.values())
    y0 = min(y for _, y in pos.values())
    return {n: (x - x0, y - y0) for n, (x, y) in pos.items()}


def stretch(positions: dict[str, tuple[float, float]], width: float, *, margin: float,
            max_height: float, most: float = 3.0, room: dict[str, float] | None = None
            ) -> tuple[dict[str, tuple[float, float]], float]:
    """Spread packed positions over the frame: across its whole width, and down to
    ``max_height`` (never shorter than they were), each axis at most ``most`` times; a small
    map fills its frame instead of sitting in the middle of it. Returns positions and height.
    ``room``: px a point keeps free to its right (its name), inside the frame too.

    >>> stretch({"a": (40, 10), "b": (60, 30)}, 100, margin=10, max_height=80)
    ({'a': (20.0, 10.0), 'b': (80.0, 70.0)}, 80.0)
    """
    if not positions:
        return positions, 2 * margin
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x0, y0 = min(xs), min(ys)
    room = room or {}
    used_w, used_h = max(x + room.get(n, 0.0) for n, (x, _) in positions.items()) - x0, max(ys) - y0
    inner_w, inner_h = width - 2 * margin, max_height - 2 * margin
    sx = min(most, inner_w / used_w) if used_w > 0 else 1.0
    sy = min(sx, most, max(1.0, inner_h / used_h)) if used_h > 0 else 1.0
    sx, sy = max(sx, 1.0), max(sy, 1.0)
    shift = max(0.0, (inner_w - used_w * sx) / 2)
    out = {n: (round(margin + shift + (x - x0) * sx, 1), round(margin + (y - y0) * sy, 1))
           for n, (x, y) in positions.items()}
    return out, round(used_h * sy + 2 * margin, 1)


def pack_blocks(blocks: list[dict[str, tuple[float, float]]], width: float, *, margin: float,
                gap: float, room: dict[str, float] | None = None
                ) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Shelf-pack laid-out blocks into a frame ``width`` wide, each shelf's leftover width spread
    evenly around its blocks (one block: centred); returns positions, width, height.
    ``room``: px a point keeps free to its right (its name), counted in its block's width.

    A block wider than the frame is scaled down to fit it (never below its own density,
    which :func:`community_layouts` set, so callers pass a frame at least as wide as the
    widest block when they can).

    >>> pos, w, h = pack_blocks([{"a": (0, 0), "b": (30, 0)}, {"c": (0, 0)}], 100, margin=10, gap=10)
    >>> pos, w, h
    ({'a': (23.3, 10.0), 'b': (53.3, 10.0), 'c': (76.7, 10.0)}, 100, 20.0)
    """
    inner = width - 2 * margin
    out: dict[str, tuple[float, float]] = {}
    x = y = 0.0
    shelf = 0.0
    row: list[tuple[dict, float, float]] = []  # this shelf's blocks: (block, x, scale)

    def close_shelf() -> None:
        # Spread the shelf's leftover width evenly around its blocks (no empty right side).
        used = x - gap if row else 0.0
        space = max(0.0, inner - used) / (len(row) + 1) if len(blocks) > 1 else max(0.0, inner - used) / 2
        for i, (block, bx, scale) in enumerate(row):
            shift = space * (i + 1) if len(blocks) > 1 else space
            for n, (px, py) in block.items():
                out[n] = (round(margin + bx + shift + px * scale, 1), round(margin + y + py * scale, 1))

    room = room or {}
    for block in blocks:
        bw = max(p[0] + room.get(n, 0.0) for n, p in block.items())
        bh = max(p[1] for p in block.values())
        scale = 1.0
        if bw > inner:
            scale = inner / bw
            bw, bh = inner, bh * scale
        if x > 0 and x + bw > inner:
            close_shelf()
            x, y, shelf, row = 0.0, y + shelf + gap, 0.0, []
        row.append((block, x, scale))
        x += bw + gap
        shelf = max(shelf, bh)
    close_shelf()
    return out, width, round(y + shelf + 2 * margin, 1)
