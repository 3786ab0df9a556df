"""A person's own map: the person in the middle, their strongest ties on a ring around them.

Made for a person page (:func:`.maps.person_map`), in time linear in the people shown and
without any search: no force layout, no label placement by trial.

- The ring is an ellipse. Its people sit on its left and right arcs, at most
  :data:`MAX_ANGLE` from the horizontal, one per :data:`STEP` px of height, so that their
  names, written level beside them and outside the ring, are a full line apart and can
  never overlap. Going round (down the right arc, up the left one), the people come by
  group colour, then by strength of tie, so colours sit together.
- Lines: one per direction of a tie between the person and someone, its width how often
  (against the strongest line shown), its arrow pointing at the one built on, its colour the
  main way (reply, quote, mention, link). The ties among the people shown are thin grey lines without arrows, the
  strongest of them only (at most one per person shown). Every line is a chord of the
  ring (a curve within it), and every name lies outside the ring, so no line crosses a name.
- The person's own name sits in a box in the middle of the ring when it fits there (a wide
  drawing), else beside their dot, just above or below it where no line, dot or name is,
  or above everything (a phone's drawing).
- People who do not fit the frame's height are left off, the weakest first, and a
  "+N more people" link under the ring points to the lists on the page.

The result is the drawing dict :func:`.svg.render_svg` writes (see :mod:`.svg`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx

from .drawing import FONT, R_MAX, R_MIN, community_class
from .layout import fit_text, sample_path, segment_hits_box, text_width
from .render import ties_words

LINE = FONT * 1.3  # a name's height
STEP = 24.0  # px of height per person on one arc: a line and a gap, and no two dots touch
MAX_ANGLE = math.radians(66)  # people sit within this angle of the ring's horizontal axis
MARGIN = 8.0
GAP = 5.0  # between a dot and its name
R_CENTRE = 12.0
TIE_ROOM = 64.0  # px between the person's box and someone alone round the ring: a line each way
BOX_FONT = 14  # the person's name in the middle (the theme's post-title style: 14 px, semi-bold)
PEOPLE_KINDS = ("reply", "quote", "mention", "link")


def ring_order(ties: list[str], groups: dict[str, int], strength: dict[str, float]) -> list[str]:
    """The people in order round the ring: by group (colour), the people of no group last,
    then strongest first, then by id.

    >>> ring_order(["a", "b", "c", "d"], {"a": 1, "b": 0, "c": 1, "d": -1}, {"a": 1, "b": 1, "c": 5, "d": 9})
    ['b', 'c', 'a', 'd']
    """
    def key(n: str):
        g = groups.get(n, -1)
        return (g < 0, g, -strength.get(n, 0), n)
    return sorted(ties, key=key)


def arc_heights(count: int, half: float) -> list[float]:
    """Heights (from the ring's centre) of ``count`` people spread evenly over ``[-half, half]``.

    >>> arc_heights(1, 50), arc_heights(3, 50)
    ([0.0], [-50.0, 0.0, 50.0])
    """
    if count <= 1:
        return [0.0] * count
    return [-half + i * 2 * half / (count - 1) for i in range(count)]


def fits(ties: int, max_height: float) -> bool:
    """Whether a ring of ``ties`` people (half on each arc) fits ``max_height`` px with room for
    the person's name above it and a "+N more" line under it.

    >>> fits(30, 800), fits(80, 800)
    (True, False)
    """
    per_side = -(-ties // 2)
    half = max(per_side - 1, 0) * STEP / 2
    ring = half / math.sin(MAX_ANGLE)
    return 2 * ring + 2 * MARGIN + 3 * LINE + 60 <= max_height


def _line(a: tuple[float, float], b: tuple[float, float], ra: float, rb: float, aside: float) -> str:
    """A straight line from circle a to circle b, ``aside`` px to the right of the line between their
    centres (a tie both ways: the line back keeps to its own right, so each arrowhead stays clear of it).

    >>> _line((0, 0), (100, 0), 10, 10, 0)
    'M10.0 0.0L90.0 0.0'
    >>> _line((0, 0), (100, 0), 10, 10, 6)  # (SVG's y runs down: to the right of a line going right)
    'M8.0 6.0L92.0 6.0'
    """
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    d = max(math.hypot(dx, dy), 1e-6)
    ux, uy = dx / d, dy / d
    px, py = -uy * aside, ux * aside
    # the ends stay the same distance from each centre, on the circle round it
    ra, rb = (math.sqrt(max(r * r - aside * aside, 0.0)) if r > aside else r for r in (ra, rb))
    sx, sy = x1 + ux * ra + px, y1 + uy * ra + py
    ex, ey = x2 - ux * rb + px, y2 - uy * rb + py
    return f"M{sx:.1f} {sy:.1f}L{ex:.1f} {ey:.1f}"


def _box_reach(hw: float, hh: float, dx: float, dy: float) -> float:
    """How far from its centre a ray (dx, dy) leaves a box of half-width hw and half-height hh."""
    d = max(math.hypot(dx, dy), 1e-6)
    tx = hw / abs(dx) if dx else math.inf
    ty = hh / abs(dy) if dy else math.inf
    return min(tx, ty) * d


def among_ties(P: nx.DiGraph, people: list[str]) -> dict[tuple[str, str], float]:
    """The ties among ``people``, both directions together: (a, b) with a < b -> weight.

    >>> among_ties(nx.DiGraph([("b", "a", {"weight": 2}), ("a", "b", {"weight": 1}), ("a", "c", {})]), ["a", "b"])
    {('a', 'b'): 3}
    """
    members = set(people)
    found: dict[tuple[str, str], float] = {}
    for u in people:
        succ = P.succ[u]
        for v in members.intersection(succ):  # the adjacency read directly (a subgraph view is slow)
            pair = (u, v) if u < v else (v, u)
            found[pair] = found.get(pair, 0) + succ[v].get("weight", 1)
    return found


def _tie_lines(P: nx.DiGraph, centre: str, order: list[str], pos: dict, radius: dict,
               reach: Callable[[float, float], float], among: dict) -> tuple[list[tuple], list]:
    """The lines to draw, as (from, to, gap at start, gap at end, aside, kind, width, arrow): the
    ties among the others first (under), thin and grey, the strongest only, at most one per person;
    then the person's own, one per direction, drawn by main kind, 1 to 3.6 px wide by strength; a tie
    both ways as two lines apart by more than their arrowheads (``aside``, :func:`_line`).
    Also returns the pairs the grey lines join."""
    cx = pos[centre][0]
    lines: list[tuple] = []
    members = set(order)
    pairs = [p for p in among if p[0] in members and p[1] in members]
    kept = sorted(pairs, key=lambda p: (-among[p], p))[: len(order)]
    for a, b in sorted(kept):
        u, v = (a, b) if P.has_edge(a, b) else (b, a)  # drawn from one who builds on the other
        lines.append((u, v, radius[u] + 1, radius[v] + 1, 0, "reply", 0.8, False))
    # Widths relative to the strongest line here: on a busy site every tie is "many times".
    strongest = max([P[u][v].get("weight", 1) for n in order for u, v in ((centre, n), (n, centre))
                     if P.has_edge(u, v)], default=1)
    for n in order:
        dx, dy = pos[n][0] - cx, pos[n][1] - pos[centre][1]
        for u, v in ((centre, n), (n, centre)):
            if not P.has_edge(u, v):
                continue
            data = P[u][v]
            counts = {k: int(data.get(k, 0)) for k in PEOPLE_KINDS}
            main = max(counts, key=lambda k: (counts[k], k == "reply"))
            lines.append((u, v, reach(dx, dy) if u == centre else radius[u] + 1,
                          reach(dx, dy) + 1 if v == centre else radius[v] + 2, P.has_edge(v, u),
                          "replies" if main == "reply" else main,
                          round(1.0 + 2.6 * data.get("weight", 1) / strongest, 1), True))
    # The arrowheads are three times the widest line (svg.arrow_size): each line of a pair keeps half their
    # width from the middle, and a pixel more, so the two heads stand apart even where the line is shorter
    # than both (two people close on a phone's ring), and neither lands on the line back.
    widest = max((line[6] for line in lines if line[7]), default=0.0)
    aside = round(max(6, round(3 * widest)) / 2 + 1, 1)
    return [(*line[:4], aside if line[4] else 0, *line[5:]) for line in lines], kept


def _more_node(count: int, cx: float, y: float, name: str, link: Callable[[str], str], url: str) -> dict:
    """A "+N more people" link centred under the ring at height ``y``, to the page's lists."""
    text = f"+{count} more {'person' if count == 1 else 'people'}"
    w = text_width(text, FONT)
    x = cx - (w + 13) / 2 + 7
    return {"id": "more:people", "x": round(x, 1), "y": round(y, 1), "r": 7, "shape": "circle", "cls": "node--more",
            "href": link(url), "url": url, "name": f"{text}, listed in the tables on this page",
            "title": f"{text[1:]} {name} is connected with, not drawn here: the tables on this page list everyone.",
            "label": (round(x + 13, 1), round(y - LINE / 2, 1), round(w, 1), round(LINE, 1), "start", text)}


def _centre_label(name: str, width: float, pos: dict, centre: str, radius: dict, labels: dict,
                  paths: list[str]) -> tuple[tuple, bool]:
    """The person's name by their dot: just above it or just below it where no line, dot or name
    is; else there over the lines (with the wider halo: the second value is True) where no dot
    or name is; else above everything drawn (every line lies within the hull of the dots; a bent
    one bows 3.5 px at most)."""
    cx, cy = pos[centre]
    text = fit_text(name, FONT, width - 2 * MARGIN)
    w = text_width(text, FONT)
    left = min(max(cx - w / 2, MARGIN), width - MARGIN - w)  # over the dot, inside the frame
    segments = [seg for d in paths for seg in sample_path(d, steps=8)]
    others = [n for n in pos if n != centre]
    top = min([cy - R_CENTRE, *(pos[n][1] - radius[n] for n in others), *(lb[1] for lb in labels.values())])
    taken = [(x, y, x + lw, y + lh) for x, y, lw, lh, *_ in labels.values()]
    taken += [(pos[n][0] - radius[n], pos[n][1] - radius[n], pos[n][0] + radius[n], pos[n][1] + radius[n])
              for n in others]
    for over_lines in (False, True):
        for y in (cy - R_CENTRE - 3 - LINE, cy + R_CENTRE + 3):
            box = (left, y, left + w, y + LINE)
            if not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken) and \
                    (over_lines or not any(segment_hits_box(seg, box) for seg in segments)):
                return (left, y, w, LINE, "middle", text), over_lines
    return (left, top - 4 - LINE, w, LINE, "middle", text), False


def ego_drawing(P: nx.DiGraph, centre: str, ties: list[str], groups: dict[str, int], *, width: int,
                link: Callable[[str], str], total: int | None = None, max_height: float | None = None,
                more_url: str = "", max_label: float = 190.0, among: dict | None = None) -> dict:
    """A person and their ties as a drawing ``width`` px wide (the format of :mod:`.svg`).

    Parameters
    ----------
    P : DiGraph
        The people graph (``label``, ``url`` per person; ``weight`` and counts per kind per
        "builds on" edge). Only ``centre``, ``ties`` and the edges among them are read.
    centre : str
        The person the page is about.
    ties : list of str
        The people to draw round them, strongest tie first.
    groups : dict
        person -> group (colour) number, -1 for none.
    width : int
        Frame width in px.
    link : callable
        Site-relative URL -> href on this page.
    total : int, optional
        How many ties the person has in all (default: ``len(ties)``); the rest are counted
        in a "+N more people" link to ``more_url``.
    max_height : float, optional
        At most this tall: the weakest ties that do not fit are left off (and counted).
    max_label : float
        The ring leaves room for names up to this wide, in px; a longer name takes the room
        there is beside it, shortened with "…" where that is not enough (the whole name stays
        in the link's accessible name and details).
    among : dict, optional
        :func:`among_ties` of ``ties`` (computed when not given; shared between a person's drawings).

    Returns
    -------
    dict
        The drawing (each line also with its ``ends``, from and to), plus ``labelled`` (names
        written), ``shown`` (people round the ring), ``more`` (ties left off), ``among`` (grey
        lines drawn between the others), ``among_pairs`` (the pairs they join) and ``positions``.

    Examples
    --------
    >>> P = nx.DiGraph()
    >>> for n in "abcd":
    ...     P.add_node(n, label=f"Person {n.upper()}", url=f"people/{n}/")
    >>> P.add_edge("a", "b", weight=3, reply=3)
    >>> P.add_edge("c", "a", weight=1, quote=1)
    >>> P.add_edge("b", "c", weight=1, reply=1)
    >>> d = ego_drawing(P, "a", ["b", "c", "d"], {"b": 0, "c": 1, "d": 0}, width=680, link=lambda u: "/" + u)
    >>> [(n["id"], n["href"]) for n in d["nodes"]][:2], d["labelled"], d["among"]
    ([('a', '/people/a/'), ('b', '/people/b/')], 4, 1)
    >>> sorted(e["kind"] for e in d["edges"])
    ['quote', 'replies', 'reply']
    """
    strength = {other: _weight(P, centre, other, 1) + _weight(P, other, centre, 1) for other in ties}
    total = len(ties) if total is None else total
    shown = list(ties)
    while max_height is not None and len(shown) > 1 and not fits(len(shown), max_height):
        shown.pop()  # the weakest tie
    more = total - len(shown)
    order = ring_order(shown, groups, strength)
    right, left = order[: -(-len(order) // 2)], order[-(-len(order) // 2):][::-1]
    names = {n: str(P.nodes[n].get("label", n)) for n in [centre, *order]}

    # The ring: as wide as the names beside it allow, as tall as its people need. Each side has
    # room for its own longest name (a long name on the right is not cut short while the left
    # has room to spare): the ring moves off the middle when the sides differ.
    def side(arc: list[str]) -> float:
        return MARGIN + min(max((text_width(names[n], FONT) for n in arc), default=0.0), max_label) + GAP + R_MAX + 3

    side_r, side_l = side(right), side(left)
    a = max(40.0, min(230.0, (width - side_l - side_r) / 2))
    # The person's name: in a box in the middle of the ring when it fits there, else beside their dot.
    box_w = text_width(names[centre], BOX_FONT, bold=True) + 20
    box_h = BOX_FONT * 1.3 + 12
    # One person round the ring (on the right): its left half holds only the box, so the ring may reach
    # past the frame's left edge and the width go to the two lines between them (on a phone they met in
    # a knot 25 px long).
    one_sided = not left and a < box_w / 2 + R_MAX + TIE_ROOM
    # A name too long to share the frame with the lines and the other's name is written by the dot
    # instead (see boxed below): the ring is laid out for the dot (a 58-letter name on a phone pushed
    # the other person and their name past the frame's right edge).
    room_for_box = not one_sided or MARGIN + box_w + R_MAX + TIE_ROOM + side_r <= width
    centre_half = box_w / 2 if room_for_box else R_CENTRE
    if one_sided:
        a = max(a, min(centre_half + R_MAX + TIE_ROOM, width - side_r - MARGIN - centre_half))
    half = max(len(right) - 1, 0) * STEP / 2
    b = max(half / math.sin(MAX_ANGLE), min(a * 0.75, 170.0), 3 * STEP)

    def heights(count: int) -> list[float]:
        # A few people spread over part of the arc, five or more over all of it (>= STEP apart).
        return arc_heights(count, b * math.sin(MAX_ANGLE) * min(1.0, (count - 1) / 4))

    inner_a, inner_b = a - R_MAX - 6, b - R_MAX - 6
    boxed = (room_for_box and inner_a > 0 and inner_b > 0
             and (box_w / 2 / inner_a) ** 2 + (box_h / 2 / inner_b) ** 2 <= 1)
    # Laid out round (cx, 0), moved down into the frame at the end. When the names do not fit,
    # the side with the shorter names keeps them whole and the other side's are cut.
    beside = width - 2 * a  # the frame's width outside the ring, for both sides' names
    left_room = side_l + (beside - side_l - side_r) / 2 if side_l + side_r <= beside else \
        min(side_l, max(beside / 2, beside - side_r))
    cx = left_room + a
    if one_sided:  # the box (or the dot) and what is right of it, in the middle of the frame
        cx = MARGIN + centre_half + max(0.0, width - MARGIN - centre_half - a - side_r) / 2
    radius = {n: R_MIN + min(strength[n], 12) * (R_MAX - R_MIN) / 12 for n in order}
    pos: dict[str, tuple[float, float]] = {centre: (cx, 0.0)}
    labels: dict[str, tuple] = {}
    for sign, arc in ((1, right), (-1, left)):
        for n, dy in zip(arc, heights(len(arc)), strict=True):
            x = a * math.sqrt(max(0.0, 1 - (dy / b) ** 2))
            pos[n] = (cx + sign * x, dy)
            # The name starts beside the dot and outside the ring at every height of its line.
            inner = max(abs(dy) - LINE / 2, 0.0)
            start = max(x + radius[n] + GAP, a * math.sqrt(max(0.0, 1 - (inner / b) ** 2)) + 3)
            # The ring was sized for names up to max_label; a longer one takes what room there is.
            room = (width - cx if sign > 0 else cx) - MARGIN - start
            text = fit_text(names[n], FONT, room)
            w = text_width(text, FONT)
            labels[n] = (cx + start if sign > 0 else cx - start - w, dy - LINE / 2, w, LINE,
                         "start" if sign > 0 else "end", text)
    if boxed:
        hw, hh = box_w / 2, box_h / 2
        reach = lambda dx, dy: _box_reach(hw, hh, dx, dy) + 2  # noqa: E731
    else:
        reach = lambda dx, dy: R_CENTRE + 2  # noqa: E731

    lines, kept = _tie_lines(P, centre, order, pos, radius, reach,
                             among_ties(P, order) if among is None else among)

    def paths(shift: float) -> list[str]:
        return [_line((pos[u][0], pos[u][1] + shift), (pos[v][0], pos[v][1] + shift), ra, rb, aside)
                for u, v, ra, rb, aside, *_ in lines]

    centre_label, centre_over = (None, False) if boxed else _centre_label(names[centre], width, pos, centre,
                                                                         radius, labels, paths(0.0))

    # The frame: from the highest thing drawn to the lowest, and a "+N more" line under them.
    tops = [pos[n][1] - radius[n] for n in order] + [lb[1] for lb in labels.values()]
    bottoms = [pos[n][1] + radius[n] for n in order] + [lb[1] + lb[3] for lb in labels.values()]
    if boxed:
        tops.append(-box_h / 2)
        bottoms.append(box_h / 2)
    else:
        tops += [-R_CENTRE - 2, centre_label[1]]
        bottoms += [R_CENTRE + 2, centre_label[1] + LINE]
    shift = MARGIN - min(tops)
    bottom = max(bottoms) + shift

    def moved(label: tuple) -> tuple:
        x, y, w, h, anchor, text = label
        return (round(x, 1), round(y + shift, 1), round(w, 1), round(h, 1), anchor, text)

    centre_node = ({"id": centre, "x": round(cx - box_w / 2, 1), "y": round(shift - box_h / 2, 1),
                    "w": round(box_w, 1), "h": round(box_h, 1), "r": R_CENTRE, "shape": "box",
                    "cls": "node--person node--centre", "text_cls": "box-text--post", "lines": [names[centre]],
                    "label": None} if boxed else
                   {"id": centre, "x": round(cx, 1), "y": round(shift, 1), "r": R_CENTRE, "shape": "circle",
                    "cls": "node--me", "label": moved(centre_label), "label_over_lines": centre_over})
    nodes = _ring_nodes(P, centre, centre_node, order, names, groups, radius, link,
                        {n: (pos[n][0], pos[n][1] + shift) for n in order}, {n: moved(labels[n]) for n in order})
    edges = [{"d": d, "kind": kind, "width": w, "arrow": arrow, "ends": (u, v)}
             for d, (u, v, *_, kind, w, arrow) in zip(paths(shift), lines, strict=True)]

    if more:
        nodes.append(_more_node(more, cx, bottom + 8 + LINE / 2, names[centre], link, more_url))
        bottom += 8 + LINE
    height = round(bottom + MARGIN, 1)
    if max_height is not None and height > max_height and len(shown) > 1:  # fits() was too hopeful
        return ego_drawing(P, centre, shown[:-1], groups, width=width, link=link, total=total,
                           max_height=max_height, more_url=more_url, max_label=max_label, among=among)
    return {"width": width, "height": height, "font": FONT, "nodes": nodes, "edges": edges,
            "labelled": sum(1 for n in nodes if n.get("label") or n.get("lines")), "shown": len(order),
            "more": more, "among": len(kept), "among_pairs": kept,
            "positions": {n: (x, y + shift) for n, (x, y) in pos.items()}}


def _weight(P: nx.DiGraph, u: str, v: str, default: float = 0) -> float:
    """How often ``u`` builds on ``v`` (``default`` for an edge without a weight), 0 without an edge."""
    return P[u][v].get("weight", default) if P.has_edge(u, v) else 0


def _ring_nodes(P: nx.DiGraph, centre: str, centre_node: dict, order: list[str], names: dict[str, str],
                groups: dict[str, int], radius: dict[str, float], link: Callable[[str], str],
                at: dict[str, tuple[float, float]], labels: dict[str, tuple]) -> list[dict]:
    """The person in the middle (``centre_node``, drawn as a box or a dot) and the people round the
    ring (at their places ``at``, with their ``labels``), each a link with the ties in words."""
    centre_url = str(P.nodes[centre].get("url", ""))
    out_w = sum(d.get("weight", 1) for _, _, d in P.out_edges(centre, data=True))
    in_w = sum(d.get("weight", 1) for _, _, d in P.in_edges(centre, data=True))
    centre_node.update({"href": link(centre_url), "url": centre_url, "name": names[centre], "named_by_title": True,
                        "title": f"{names[centre]}\n{ties_words(in_w, out_w)}"})
    nodes = [centre_node]
    for n in order:
        x, y = at[n]
        group = groups.get(n, -1)
        url = str(P.nodes[n].get("url", ""))
        nodes.append({"id": n, "x": round(x, 1), "y": round(y, 1), "r": round(radius[n], 1),
                      "shape": "circle",
                      "cls": community_class(group),
                      "href": link(url), "url": url, "name": names[n], "named_by_title": True,
                      "title": f"{names[n]}\n{ties_words(_weight(P, centre, n), _weight(P, n, centre), names[centre])}",
                      "label": labels[n]})
    return nodes
