"""Positioned drawings of the maps, made at build time and written as SVG by :mod:`.svg`.

Two kinds of map:

- :func:`article_drawing`: one conversation as a compact reply tree (one row per reply,
  indented by depth), each reply coloured by its author, with what crosses the tree drawn
  bold: quotes, mentions, links to other posts, replies from or to another post. Deep or
  very long threads fold into "+N more" nodes that link on to the first reply they hide.
- :func:`people_drawing`: who builds on whom; each community laid out on its own and
  packed into the frame, a minimum distance between people, labels for the most connected
  people where they fit without overlapping (the others are named on hover and focus).

A drawing is made for a given frame width; the theme shows the one that fits the screen
at its natural size, so labels stay at their font size (13 px) on a phone and a desktop.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from functools import partial

import networkx as nx
from replies.model import quoted

from .layout import (
    community_layouts,
    fit_text,
    fold_tree,
    outline_rows,
    pack_blocks,
    place_labels,
    row_people,
    stretch,
    text_width,
    wrap_text,
)
from .render import LINE_VERBS, count_of, ties_words

FONT = 13
WHO_COLOURS = 10  # --who-0 .. --who-9 in site.css, each >= 3:1 against the map background
WHO_SHAPES = ("circle", "square", "diamond")
COMMUNITY_COLOURS = 8  # the largest groups (communities number them by size); the rest are grey: a
# colour used twice would say two groups were one


def community_class(group: int) -> str:
    """The CSS class of a person in ``group`` (a community number, largest first; -1 for no group) on
    a people map: the eight largest groups each have a colour, the smaller ones are grey, and someone
    in no group (who answered the posts, not yet another reader) is drawn hollow, so grey never means
    both.

    >>> community_class(0), community_class(7), community_class(8), community_class(-1)
    ('community-0', 'community-7', 'community-other', 'community-none')
    """
    if group < 0:
        return "community-none"
    return f"community-{group}" if group < COMMUNITY_COLOURS else "community-other"
# The two frame widths a map is drawn at (site.css shows one per container width).
NARROW = 340
WIDE_ARTICLE = 680
WIDE_PEOPLE = 1100
ROW = 28
R_REPLY = 7
MIN_INDENT = 10.0  # px between a reply's dot and its answer's, at the least (a deep thread)
PAD = 6
#: Most lines an article map draws to the boxes of other posts (and replies under them): every
#: such line runs down the gutter on the left (40 px, wider for many lines), where more than this merge into one band.
#: Past it, those boxes fold into one "N other posts" box, each reply says how many it ties to,
#: and the page lists every tie under the map (:func:`fold_elsewhere`).
MAX_ELSEWHERE_LINES = 6
#: What a line across the tree does, from its start to its end, in the list under the map.
TIE_VERBS = {**{k: LINE_VERBS[k] for k in ("quote", "mention", "link", "cites")}, "elsewhere": "answers"}


def who_style(index: int) -> tuple[str, str]:
    """CSS class and shape for the ``index``-th writer of a conversation, the post's author first: their
    colour is theirs alone (a reader wearing it was taken for them), the readers go round the other
    nine, each round in another shape.

    >>> who_style(0), who_style(1), who_style(9), who_style(10), who_style(12)
    (('who-0', 'circle'), ('who-1', 'circle'), ('who-9', 'circle'), ('who-1', 'square'), ('who-3', 'square'))
    """
    if index == 0:
        return "who-0", WHO_SHAPES[0]
    reader, colours = index - 1, WHO_COLOURS - 1
    return f"who-{1 + reader % colours}", WHO_SHAPES[(reader // colours) % len(WHO_SHAPES)]


READER_STYLES = (WHO_COLOURS - 1) * len(WHO_SHAPES)  # the readers' colours and shapes, each pair once


def writer_hues(G: nx.MultiDiGraph) -> dict[str, int]:
    """Each writer's place among the site's readers, the busiest first (most replies, then by name): the
    colour and shape they wear on every post's map (:func:`_writers`), so a reader is known by them
    from map to map. One pass over the nodes; kept as ``G.graph["hues"]``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("r1", {"kind": "reply", "author": "person:b"}),
    ...                   ("r2", {"kind": "reply", "author": "person:a"}),
    ...                   ("r3", {"kind": "reply", "author": "person:b"}),
    ...                   ("post:p", {"kind": "post", "author": "person:m"})])
    >>> writer_hues(G)
    {'person:b': 0, 'person:a': 1}
    """
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        if data.get("kind") == "reply" and (who := data.get("author")):
            counts[who] = counts.get(who, 0) + 1
    return {who: rank for rank, who in enumerate(sorted(counts, key=lambda w: (-counts[w], w)))}


def reader_styles(readers: list[str], hues: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Each reader's (class, shape) on one map: the one their place among the site's readers gives them
    (``hues``: colour first, then shape), so a reader wears it from map to map. Where a busier reader of
    this conversation wears that colour already, the next colour no one here wears, in their shape (a
    shape alone told three magenta readers apart); once every colour is worn, the next free colour and
    shape. A reader the site does not rank goes by their order here; past :data:`READER_STYLES` readers
    they repeat.

    >>> styles = reader_styles(["person:c", "person:a", "person:z"], {"person:a": 0, "person:c": 9, "person:z": 27})
    >>> styles["person:a"], styles["person:c"], styles["person:z"]
    (('who-1', 'circle'), ('who-2', 'square'), ('who-3', 'circle'))
    """
    colours = WHO_COLOURS - 1
    worn: set[int] = set()  # the colours worn here (0 .. colours - 1)
    taken: set[int] = set()  # the colour and shape pairs worn here: shape * colours + colour
    styles: dict[str, tuple[str, str]] = {}
    ranked = sorted(range(len(readers)), key=lambda i: (hues.get(readers[i], len(hues) + i), i))
    for i in ranked:
        want = hues.get(readers[i], i) % READER_STYLES
        colour, shape = want % colours, want // colours
        if colour in worn and len(worn) < colours:
            colour = next(c % colours for c in range(colour, colour + colours) if c % colours not in worn)
            want = shape * colours + colour
        pick = next((c % READER_STYLES for c in range(want, want + READER_STYLES)
                     if c % READER_STYLES not in taken), want)
        taken.add(pick)
        worn.add(pick % colours)
        styles[readers[i]] = who_style(1 + pick)
    return styles


def reading_order(tree: dict[str, list[str]], root: str) -> list[str]:
    """Every node of ``tree`` (node -> its answers) in reading order: depth first, ``root`` first
    (:func:`.layout.outline_rows`' order, without the depths; the drawing's rows are this order folded).

    >>> reading_order({"p": ["a", "c"], "a": ["b"]}, "p")
    ['p', 'a', 'b', 'c']
    """
    return [root, *(node for node, _ in outline_rows(tree, root))]


def authors_answers(G: nx.MultiDiGraph, post: str, tree: dict[str, list[str]]) -> frozenset[str]:
    """The replies in ``tree`` by the post's own author: a folded drawing keeps them in sight longest
    (:func:`.layout.fold_tree`'s ``keep``): the author answering is what a reader looks for.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("post:p", {"author": "person:m"}), ("reply:p/1", {"author": "person:a"}),
    ...                   ("reply:p/2", {"author": "person:m"})])
    >>> sorted(authors_answers(G, "post:p", {"post:p": ["reply:p/1"], "reply:p/1": ["reply:p/2"]}))
    ['reply:p/2']
    """
    author = G.nodes[post].get("author")
    if author is None:
        return frozenset()
    return frozenset(n for n in reading_order(tree, post)[1:] if G.nodes[n].get("author") == author)


def _node_url(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("url", "") or "")


def article_drawing(G: nx.MultiDiGraph, post: str, tree: dict[str, list[str]], *, width: int,
                    link: Callable[[str], str], max_rows: int = 60, max_depth: int = 12) -> dict:
    """One conversation as a drawing ``width`` px wide (see :mod:`.svg` for the format).

    Parameters
    ----------
    G : MultiDiGraph
        The site's conversation network.
    post : str
        The post's node.
    tree : dict
        node -> its answers, in reading order (the thread as shown).
    width : int
        Frame width in px.
    link : callable
        URL of a node (site-relative, or absolute for outside sources) -> href on this page.
    max_rows, max_depth : int
        Beyond these the tree folds into "+N more" nodes.

    Returns
    -------
    dict
        The drawing, plus ``authors`` (the key: name, class, shape, count), ``crossing``
        (edge kinds drawn bold), ``folded`` (replies hidden in "+N more" nodes), ``more``
        (each "+N more" node's hidden replies, as :func:`.layout.fold_tree` gives them) and
        ``shortened`` (how many rows show a name cut with "…" to fit the frame).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", label="A post", url="posts/p/", author="person:m")
    >>> G.add_node("reply:p/1", kind="reply", label="Ada, 1 May", url="posts/p/#reply-1", author="person:a",
    ...            title="Ada, 1 May 2026\\nHello")
    >>> G.add_node("person:a", kind="person", label="Ada")
    >>> G.add_node("person:m", kind="person", label="Mira")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="quote", kind="quote")
    >>> d = article_drawing(G, "post:p", {"post:p": ["reply:p/1"]}, width=340, link=lambda u: "/" + u)
    >>> [(n["id"], n["href"]) for n in d["nodes"]]
    [('post:p', '/posts/p/'), ('reply:p/1', '/posts/p/#reply-1')]
    >>> [a["name"] for a in d["authors"]], d["crossing"]
    (['Mira', 'Ada'], ['quote'])
    """
    folded, more = fold_tree(tree, post, max_rows=max_rows, max_depth=max_depth,
                             keep=authors_answers(G, post, tree))
    rows = outline_rows(folded, post)
    drawn_of = {post: post}
    for node, _ in rows:
        drawn_of[node] = node
    for key, hidden in more.items():
        for h in hidden:
            drawn_of[h] = key
    authors, counts, style = _writers(G, tree, post)
    # What crosses the tree: quotes, mentions, links, replies to or from other posts.
    # person -> when they wrote here: (date, place in the thread's reading order, node), oldest first
    by_person: dict[str, list[tuple[str, int, str]]] = {}
    for place, node in enumerate(reading_order(tree, post)):
        if node in drawn_of and (who := G.nodes[node].get("author")):
            by_person.setdefault(who, []).append((str(G.nodes[node].get("date", "")), place, node))
    for found in by_person.values():
        found.sort()
    parent_of = {child: parent for parent, kids in tree.items() for child in kids}
    crossing, outside, ties = fold_elsewhere(G, *_crossings(G, drawn_of, by_person, parent_of))
    ties_at, other_posts = _ties_by_row(G, ties, drawn_of)
    year = str(G.nodes[post].get("date", ""))[:4]
    # Once one row is dated in another year than the post, every row says its year ("3 Sep" above
    # "12 Mar 2013" read as the later of the two).
    every_year = any(with_year(str(G.nodes[n].get("label", n)), str(G.nodes[n].get("date", "")), year)
                     != G.nodes[n].get("label", n) for n, _ in rows if n in G)  # a date shown, in another year

    # The gutter holds a lane per line running down it; with more lanes than 40 px hold it widens
    # (up to MAX_GUTTER), and the tree and boxes are placed again right of it (their rows keep their
    # heights but for the boxes' wrapped words, so the lanes are counted again).
    elsewhere = [_tie_words(G, a, b, kind, post, link, year, every_year) for a, b, kind in ties]
    n_posts = len(other_posts)
    gutter = GUTTER if crossing else BARE_GUTTER
    boxed = {post, *outside}  # what is drawn as a box: the post, and what is elsewhere
    while True:
        box_x, box_w = gutter, width - gutter - PAD
        post_box = _post_box(G, post, ties_at.get(post, 0), box_x, box_w, link)
        post_h = post_box["h"]
        nodes: list[dict] = [post_box]
        pos: dict[str, tuple[float, float]] = {post: (box_x, PAD + post_h / 2)}
        top = PAD + post_h + 24
        edges, pairs = _tree_rows(G, rows, folded, more, post, nodes, pos, style=style,
                                  year=year, every_year=every_year, width=width,
                                  gutter=gutter, top=top, post_h=post_h, ties_at=ties_at, link=link)

        y = top + len(rows) * ROW + (10 if rows else -14)
        if outside:
            y += 8
        for node in outside:
            box = _outside_box(G, node, box_x, y, box_w, link)
            nodes.append(box)
            pos[node] = (box_x, y + box["h"] / 2)
            y += box["h"] + 8
        if ties:
            y += 0 if outside else 8
            box = _elsewhere_box(n_posts, len(ties), box_x, y, box_w)
            nodes.append(box)
            y += box["h"] + 8
        height = y + PAD
        plan = _lane_plan(crossing, pos, boxed)
        wanted = gutter_for(len(plan[1])) if crossing else gutter
        if wanted <= gutter:
            break
        gutter = wanted
    squares = {n["id"] for n in nodes if n.get("shape") == "square"}
    half = {n["id"]: n["h"] / 2 for n in nodes if n["id"] in boxed}
    edge_kinds = _crossing_lines(crossing, pos, boxed, gutter, edges, pairs, squares, plan=plan, half=half)
    wrote = G.nodes[post].get("author") if post in G else None
    # (a writer every one of whose replies this drawing folds into "more" is still in the key: `drawn` says so)
    drawn = {G.nodes[n["id"]].get("author") for n in nodes if n["id"] in G and n["id"] in drawn_of and n["id"] != post}
    key = [{"name": str(G.nodes[w].get("label", w)), "cls": style[w][0], "shape": style[w][1],
            "count": counts[w], "post": w == wrote, "url": _node_url(G, w), "drawn": w in drawn}
           for w in authors]
    # Anonymous replies, each by a writer of its own: one line of the key for their grey marks
    unnamed = [n for n in reading_order(tree, post) if n in G and G.nodes[n].get("anonymous")]
    if unnamed:
        key.append({"name": "Anonymous", "cls": "who-none", "shape": "circle", "count": len(unnamed), "post": False,
                    "url": "", "drawn": any(n in drawn_of for n in unnamed), "unnamed": True})
    # Rows whose name had to be shortened to fit the frame (the reply's own "Reply by ..." name is whole).
    shortened = sum(1 for n in nodes if n["id"].startswith("reply:") and n.get("label")
                    and n["label"][-1] != n["name"].removeprefix("Reply by "))
    return {"width": width, "height": round(height, 1), "font": FONT, "nodes": nodes, "edges": edges,
            "edge_pairs": pairs, "authors": key, "crossing": sorted(edge_kinds), "shortened": shortened,
            "outside": sorted({str(n["cls"]) for n in nodes if n.get("shape") == "box" and n["id"] != post}),
            "folded": sum(len(h) for h in more.values()), "more": more,
            "detached": sum(1 for e in edges if e["kind"] == "detached"),
            "elsewhere": elsewhere, "elsewhere_posts": n_posts}


def _writers(G: nx.MultiDiGraph, tree: dict[str, list[str]], post: str) -> tuple[list[str], dict, dict]:
    """The thread's writers in order of appearance in the whole thread (the post's first), however it
    is folded, so a phone's drawing and a desktop's give each the same colour and shape, the key's;
    their replies counted (the post is said apart); and their (class, shape): the post's author their
    own, each reader theirs on every map (:func:`reader_styles`, by ``G.graph["hues"]``)."""
    authors: list[str] = []
    counts: dict[str, int] = {}
    for node in reading_order(tree, post):
        who = G.nodes[node].get("author") if node in G else None
        if who:
            if who not in counts:
                authors.append(who)
            counts[who] = counts.get(who, 0) + (node != post)  # replies: the post is said apart
    styles = reader_styles(authors[1:], G.graph.get("hues") or {})
    if authors:
        styles[authors[0]] = who_style(0)
    return authors, counts, styles


def _ties_by_row(G: nx.MultiDiGraph, ties: list, drawn_of: dict[str, str]) -> tuple[dict[str, int], set[str]]:
    """Each folded tie counted once, on the row (or the post's box) it starts or ends at, so the counts
    add up to the ties listed under the map; and the other posts they lead to."""
    ties_at: dict[str, int] = {}
    other_posts: set[str] = set()
    for a, b, _ in ties:
        here, there = (a, b) if a in drawn_of else (b, a)
        ties_at[drawn_of[here]] = ties_at.get(drawn_of[here], 0) + 1
        other_posts.add(str(other_post(G, there)))
    return ties_at, other_posts


def _post_box(G: nx.MultiDiGraph, post: str, n_ties: int, box_x: float, box_w: float,
              link: Callable[[str], str]) -> dict:
    """The post's box at the top: its title, and its own ties to other posts (folded) at the right of
    the title's first line."""
    title = str(G.nodes[post].get("label", post))
    post_count = count_of(n_ties, "tie") if n_ties else ""
    count_room = text_width(post_count, FONT) + COUNT_GAP if post_count else 0
    title_lines = wrap_text(title, FONT + 1, box_w - 16 - count_room, max_lines=6, bold=True)
    post_h = round(len(title_lines) * (FONT + 1) * 1.3 + 14)  # whole pixels: every row's y is too
    box = {"id": post, "x": box_x, "y": PAD, "w": box_w, "h": post_h, "shape": "box",
           "cls": "node--post", "text_cls": "box-text--post", "lines": title_lines,
           "href": link(_node_url(G, post)), "url": _node_url(G, post), "name": f"The post: {title}",
           "title": f"The post: {G.nodes[post].get('title') or title}", "named_by_title": True,
           "label": None}
    if post_count:
        cw = round(text_width(post_count, FONT), 1)
        box["count"] = (round(box_x + box_w - 8 - cw, 1), PAD + 7, cw, round(FONT * 1.3, 1), "end", post_count)
        box["title"] += f"\n{_ties_elsewhere(n_ties)}: listed under the map."
    return box


def _tree_rows(G: nx.MultiDiGraph, rows: list, folded: dict, more: dict, post: str, nodes: list[dict],
               pos: dict, *, style: dict, year: str, width: int, gutter: float, top: float, post_h: float,
               ties_at: dict[str, int], link: Callable[[str], str],
               every_year: bool = False) -> tuple[list[dict], list[tuple]]:
    """The thread's rows under the post's box ("Name, date", indented by depth; "+N more" where it is
    folded), added to ``nodes`` and ``pos``, with a row's count of folded ties at the frame's right
    edge; returns the tree's lines and their (from, to, kind) pairs. A date has its year where that is
    not ``year``, or always with ``every_year``."""
    deepest = max((d for _, d in rows), default=1)
    # A row's label before it is fitted to its room: "+N more", or who and when.
    row_base = {node: f"+{len(more[node])} more" if node.startswith("more:")
                else with_year(str(G.nodes[node].get("label", node)), str(G.nodes[node].get("date", "")), year,
                               always=every_year)
                for node, _ in rows}
    label_room = min(150, width // 2)
    indent = min(24.0, (width - gutter - 12 - label_room - PAD) / max(deepest - 1, 1))
    # Deep rows indent less where that keeps a name whole (with its count of ties, if any); a name too
    # long to fit even at the narrowest indent is shortened and leaves the indent be.
    beside = width - PAD - gutter - 12 - R_REPLY - 6  # from the first column's dot to the frame's edge
    for node, depth in rows:
        if depth > 1:
            need = text_width(row_base[node], FONT)
            if ties_at.get(node):
                need += COUNT_GAP + text_width(count_of(ties_at[node], "tie"), FONT)
            if (fits := (beside - need) / (depth - 1)) >= MIN_INDENT:
                indent = min(indent, fits)
    indent = max(MIN_INDENT, indent)
    edges: list[dict] = []
    pairs: list[tuple[str, str, str]] = []
    parent_of = {k: n for n, kids in folded.items() for k in kids}
    for i, (node, depth) in enumerate(rows):
        x = gutter + 12 + (depth - 1) * indent
        y = top + i * ROW
        pos[node] = (x, y)
        room = width - PAD - (x + R_REPLY + 6)
        text = row_base[node]
        kind = "reply"  # the tree's line into the row
        if node.startswith("more:"):
            hidden = more[node]
            first = hidden[0]
            nodes.append({"id": node, "x": x, "y": y, "r": R_REPLY, "shape": "circle", "cls": "node--more",
                          "href": link(_node_url(G, first)), "url": _node_url(G, first),
                          "name": f"+{len(hidden)} more replies, from {G.nodes[first].get('label', first)} on",
                          "title": f"{len(hidden)} more replies here; the first is "
                                   f"{G.nodes[first].get('label', first)}.",
                          "label": _row_label(x, y, fit_text(text, FONT, room))})
        else:
            data = G.nodes[node]
            if data.get("detached"):  # its parent is missing: it hangs under the post on a line of its own kind
                kind = "detached"
            cls, shape = style.get(data.get("author"), ("who-none", "circle"))
            nodes.append({"id": node, "x": x, "y": y, "r": R_REPLY, "shape": shape, "cls": cls,
                          "href": link(_node_url(G, node)), "url": _node_url(G, node),
                          "name": f"Reply by {text}", "named_by_title": True,
                          # Who and when: what the reply says is in the thread on this page (the
                          # details panel reads it there, conversation-map.js inPageExcerpt).
                          "title": str(data.get("title") or text).partition("\n")[0]
                          + (f", {DETACHED_WORDS}" if data.get("detached") else ""),
                          "label": _row_label(x, y, row_text(text, room))})
        parent = parent_of.get(node, post)
        if parent == post:
            px, py = gutter + 12, PAD + post_h
        else:
            px, py = pos[parent]
            py += R_REPLY
        edges.append({"d": f"M{px:.1f} {py:.1f}V{y:.1f}H{x - R_REPLY:.1f}", "kind": kind, "arrow": False})
        pairs.append((node, parent, kind))

    for node in nodes:
        if node["id"] in ties_at and node["id"] != post:
            x, y = pos[node["id"]]
            n = ties_at[node["id"]]
            text, count = _with_count(row_base[node["id"]], n, width - PAD - (x + R_REPLY + 6))
            node["label"] = _row_label(x, y, text)
            _, ly, _, lh, _, _ = node["label"]
            # the count in a column at the frame's right edge, a text of its own (the label stays the start
            # of the reply's name; set apart, it needs no measure of the name that a browser could differ from)
            cw = round(text_width(count, FONT), 1)
            node["count"] = (round(width - PAD - cw, 1), ly, cw, lh, "end", count)
            node["title"] += f"\n{_ties_elsewhere(n)}: listed under the map."
    return edges, pairs


LANE = 5.0  # px between two lines running down the gutter side by side (closer, down to 3.5, when many)


def _box_ends(crossing: list, pos: dict, lane_x: dict[int, float], half: dict[str, float]) -> dict[tuple, float]:
    """Where the lines down the gutter meet a box (``half``: box -> half its height), as (line index,
    box) -> offset from the box's middle: each lane at a point of its own, a lane's width apart (closer
    in a small box), those going up above those going down, the outer lanes outside, so that none runs
    over another to its lane or crosses it there (five lines left a post's box at one point, a rope).
    Lines of one lane into one box (a bus) meet it at one point.

    >>> pos = {"post": (40, 22), "a": (40, 300), "b": (40, 340)}
    >>> _box_ends([("post", "a", "link"), ("post", "b", "link")], pos, {0: 30, 1: 25}, {"post": 16})
    {(0, 'post'): 2.5, (1, 'post'): -2.5}
    """
    way_of = {(i, box): (pos[other][1] > pos[box][1], lane_x[i])  # (going down, lane x) of a line at a box
              for i, (a, b, _) in enumerate(crossing) if i in lane_x
              for box, other in ((a, b), (b, a)) if box in half}
    lanes: dict[str, set[tuple[bool, float]]] = {}
    for (_, box), way in way_of.items():
        lanes.setdefault(box, set()).add(way)
    offset: dict[tuple[str, tuple[bool, float]], float] = {}
    for box, ways in lanes.items():
        # going up (False) first, inner lanes (larger x) on top; then going down, outer lanes (smaller x) on top
        order = sorted(ways, key=lambda way: (way[0], way[1] if way[0] else -way[1]))
        gap = min(LANE, max(0.0, 2 * half[box] - 6) / max(1, len(order) - 1))
        for k, way in enumerate(order):
            offset[box, way] = round((k - (len(order) - 1) / 2) * gap, 1)
    return {(i, box): offset[box, way] for (i, box), way in way_of.items()}


def _crossing_lines(crossing: list, pos: dict, boxed: set[str], gutter: float, edges: list[dict],
                    pairs: list[tuple], squares: frozenset | set = frozenset(), plan: tuple | None = None,
                    half: dict[str, float] | None = None) -> list[str]:
    """The bold lines that cross the tree (quotes, mentions, links...), added to ``edges`` and ``pairs``;
    the kinds drawn, in order of appearance. A line meets a box at its left edge, a reply's mark at its
    rim (``squares``: the replies drawn as squares). A line to or from a box, or with rows between its
    ends, runs down a lane of the gutter (:func:`_gutter_lanes`); one between two replies on neighbouring
    rows curves right of the lanes, and two kinds between the same two replies curve apart (or one hides
    the other). ``plan``: :func:`_lane_plan` of these lines, when the caller has it; ``half``: each box's
    half height, where the lines into it meet it apart (:func:`_box_ends`)."""
    crossing = list(crossing)
    lane_x = _gutter_lanes(crossing, pos, boxed, gutter, plan)
    at_box = _box_ends(crossing, pos, lane_x, half or {})
    edge_kinds: list[str] = []
    curves: dict[frozenset, int] = {}
    for i, (a, b, kind) in enumerate(crossing):
        curve = curves[frozenset((a, b))] = curves.get(frozenset((a, b)), -1) + 1
        ends = [(pos[n][0], pos[n][1] + at_box.get((i, n), 0.0)) for n in (a, b)]
        path = _arc(ends[0], ends[1], a in boxed, b in boxed, gutter, lane=curve, lane_x=lane_x.get(i),
                    squares=(a in squares, b in squares))
        edges.append({"d": path, "kind": kind, "bold": True})
        pairs.append((a, b, kind))
        if kind not in edge_kinds:
            edge_kinds.append(kind)
    return edge_kinds


#: What an article map says of a reply whose parent is missing (``Reply.detached``), and its key.
DETACHED_WORDS = "in reply to an earlier reply that is not here"

GUTTER = 40  # px left of the tree, where the lines across it run down
BARE_GUTTER = 12  # px left of the tree when no line runs across it (on a phone, room for deep rows' names)
MAX_GUTTER = 80  # the widest it gets for many lanes (a phone's map keeps 254 px for its boxes)
LANE_MIN = 3.5  # px between two lanes, at the closest
LANE_SQUEEZED = 2.0  # ... when even the widest gutter holds too few: lines touch before they share a lane


def gutter_for(lanes: int) -> float:
    """The gutter's width for ``lanes`` lines side by side: 40 px, or wider for more than nine (past
    :data:`MAX_GUTTER`, 21 lanes, they come closer: :func:`_gutter_lanes`).

    >>> gutter_for(3), gutter_for(9), gutter_for(10), gutter_for(14), gutter_for(40)
    (40, 40, 45.0, 61.0, 80)
    """
    fits = int((GUTTER - 9) // LANE_MIN) + 1
    if lanes <= fits:
        return GUTTER
    return min(MAX_GUTTER, 9 + (lanes - 1) * 4.0)  # a little more room between them than the closest


def _lane_plan(crossing: list, pos: dict, boxed: set[str]) -> tuple[dict, list, dict]:
    """The lines of :func:`_gutter_lanes` in bundles (key -> line indexes), the lanes (each the spans
    of its bundles) and each bundle's lane: where they run depends on the rows' heights, not on the
    gutter's width."""
    bundles: dict[object, list[int]] = {}
    reach: dict[object, tuple[float, float]] = {}  # a bundle's top and bottom
    for i, (a, b, kind) in enumerate(crossing):
        low, high = sorted((pos[a][1], pos[b][1]))
        if not (a in boxed or b in boxed or any(low < y < high for n, (_, y) in pos.items() if n not in (a, b))):
            continue  # neighbouring rows: a curve
        box = b if b in boxed else a if a in boxed else None  # (box to box: a bus into the second)
        key = (box, kind) if box else i
        bundles.setdefault(key, []).append(i)
        top, bottom = reach.get(key, (low, high))
        reach[key] = (min(top, low), max(bottom, high))
    taken: list[list[tuple[float, float]]] = []  # per lane, the spans of the bundles in it
    lane_of: dict[object, int] = {}
    for key in sorted(bundles, key=lambda key: (reach[key][1] - reach[key][0], reach[key], str(key))):
        low, high = reach[key]
        k = next((k for k, spans in enumerate(taken)
                  if all(high + 6 < s_low or s_high + 6 < low for s_low, s_high in spans)), len(taken))
        if k == len(taken):
            taken.append([])
        taken[k].append((low, high))
        lane_of[key] = k
    return bundles, taken, lane_of


def _gutter_lanes(crossing: list, pos: dict, boxed: set[str], gutter: float,
                  plan: tuple | None = None) -> dict[int, float]:
    """Line (its index in ``crossing``) -> the x of its lane in the gutter, for the lines to or from a box
    or with rows between their ends, left of every mark there.

    No line beside another shares its lane but those of its kind into the same box (a bus). Lanes go
    shortest line first, each to the innermost lane free all along it, so a line inside another's span
    runs inside it and they do not cross; many lanes side by side are drawn closer (down to 3.5 px;
    :func:`gutter_for` widens the gutter first; in the widest, down to 2 px), and past that they are
    shared.
    """
    bundles, taken, lane_of = plan or _lane_plan(crossing, pos, boxed)
    step = max(LANE_MIN, min(LANE, (gutter - 9) / max(1, len(taken) - 1)))
    if gutter >= MAX_GUTTER and (gutter - 9) / step + 1 < len(taken):  # past 21 lanes: closer, not on top
        step = max(LANE_SQUEEZED, (gutter - 9) / (len(taken) - 1))
    # lanes side by side in the gutter (rounded up by a hair: 31 / (31 / 7) is 6.999..., which put the
    # eighth of eight lanes on top of the first)
    fits = int((gutter - 9) / step + 1e-6) + 1
    return {i: gutter - 5 - step * (lane_of[key] % fits) for key, lines in bundles.items() for i in lines}


ELSEWHERE_ID = "conversation-elsewhere"  # the list of folded ties under the map (partials/conversation_map.html)


def _ties_elsewhere(n: int) -> str:
    """'1 tie to another post', '3 ties to other posts'.

    >>> _ties_elsewhere(1), _ties_elsewhere(3)
    ('1 tie to another post', '3 ties to other posts')
    """
    return f"{count_of(n, 'tie')} to {'another post' if n == 1 else 'other posts'}"


def with_year(label: str, iso: str, year: str, always: bool = False) -> str:
    """A reply's label ("Jun Park, 30 Jan") with the year of its date ``iso`` added where that is not
    ``year`` (the post's own), so that a reply written years after the post says so; with ``always``,
    whatever the year.

    >>> with_year("Jun Park, 30 Jan", "2022-01-30T10:00:00", "2016")
    'Jun Park, 30 Jan 2022'
    >>> with_year("Jun Park, 30 Jan", "2016-01-30", "2016"), with_year("Jun Park, 30 Jan", "2016-01-30", "", True)
    ('Jun Park, 30 Jan', 'Jun Park, 30 Jan 2016')
    >>> with_year("deleted", "2022-01-30", "2016")  # no date in the label: nothing to add to
    'deleted'
    """
    when = iso[:4]
    if not when or not (always or (year and when != year)) or not label[-1:].isalpha() or ", " not in label:
        return label
    day = label.rpartition(", ")[2].split(" ")
    if len(day) != 2 or not day[0].isdigit():
        return label
    return f"{label} {when}"


COUNT_GAP = 12  # px between a row's label and its count


def _with_count(text: str, n: int, room: float) -> tuple[str, str]:
    """A row's label and how many ties to other posts it has, both in ``room`` px with a gap between:
    every row says the same words (name, date; "N ties"), so only the name is shortened (:func:`row_text`).

    >>> _with_count("Pia Lind, 4 Jan", 2, 300)
    ('Pia Lind, 4 Jan', '2 ties')
    >>> _with_count("Ben Moreau, 6 Jan", 1, 150)  # short of room: the name is cut, not the date or the count
    ('Ben M…, 6 Jan', '1 tie')
    """
    count = count_of(n, "tie")
    return row_text(text, max(room - COUNT_GAP - text_width(count, FONT), 40)), count


def _elsewhere_box(n_posts: int, n_ties: int, x: float, y: float, width: float) -> dict:
    """The one box that stands for the boxes of other posts when their lines are too many to
    tell apart (:func:`fold_elsewhere`): it links to the list of every tie under the map."""
    ties = f"{count_of(n_ties, 'tie')} to {count_of(n_posts, 'other post')}"
    lines = wrap_text(f"{ties}: see the list under the map", FONT, width - 16, max_lines=3)
    return {"id": "more:elsewhere", "x": x, "y": round(y, 1), "w": width, "h": round(len(lines) * FONT * 1.3 + 10),
            "shape": "box", "cls": "node--more", "lines": lines, "href": f"#{ELSEWHERE_ID}", "url": "",
            "name": f"{ties}, too many to draw one by one", "named_by_title": True,
            "title": (f"{ties}, too many to draw one by one: the post and each reply "
                      "say how many they have, and the list under the map gives every one."),
            "label": None}


def _tie_words(G: nx.MultiDiGraph, a: str, b: str, kind: str, post: str,
               link: Callable[[str], str], year: str = "", every_year: bool = False) -> dict:
    """One folded tie in words for the list under the map: who, what they did, to whom, with links
    (none to the post itself, the page the list is on: ``from_self``, ``to_self``); a reply's date
    has its year where that is not the post's ``year``, or always with ``every_year`` (as the map's rows)."""
    def name(node: str) -> str:
        data = G.nodes[node]
        if node == post:
            return "The post" if node == a else "the post"
        if data.get("kind") == "post":
            return quoted(str(data.get("label", node)))
        text = with_year(str(data.get("label", node)), str(data.get("date", "")), year, always=every_year)
        conv = data.get("conversation")
        if data.get("kind") == "reply" and f"post:{conv}" != post:
            return f"{text}, on {quoted(str(G.nodes.get(f'post:{conv}', {}).get('label', conv)))}"
        return text

    return {"from": name(a), "from_href": link(_node_url(G, a)), "from_self": a == post,
            "verb": TIE_VERBS.get(kind, kind), "to": name(b), "to_href": link(_node_url(G, b)), "to_self": b == post}


def _crossings(G: nx.MultiDiGraph, drawn_of: dict[str, str], by_person: dict[str, list[tuple[str, int, str]]],
               parent_of: dict[str, str] | None = None):
    """The edges that cross a conversation's tree, between drawn nodes, and the outside nodes they need.

    Only the conversation's own nodes and their direct neighbours are read. A mention of
    someone who wrote here (``by_person``: their (date, place in reading order, node), oldest
    first) points at their latest contribution before the mentioning one ("@Owner: ..."
    answers what Owner wrote last), or their first when there is none before; none is drawn
    where the reply answers that person in the tree (``parent_of``): the tree's line says it.
    A reply to or from another post is kind ``elsewhere``. Returns ``{(from, to, kind): None}``
    (ordered), the outside nodes in order of first use, and for each line the ties it
    draws between the nodes themselves (a reply folded into "+N more" is drawn as that
    node): ``{(from, to, kind): [(from node, to node), ...]}``.

    >>> G = nx.MultiDiGraph()
    >>> for n, who, day in [("post:p", "m", "1"), ("r1", "o", "2"), ("r2", "a", "3"), ("r3", "o", "4"),
    ...                     ("r4", "a", "5")]:
    ...     G.add_node(n, kind="reply", author=f"person:{who}", date=day)
    >>> G.add_node("person:o", kind="person")
    >>> _ = G.add_edge("r4", "person:o", key="mention", kind="mention")  # "@o": o's latest, r3
    >>> _ = G.add_edge("r2", "person:o", key="mention", kind="mention")  # r2 answers o's r1 in the tree
    >>> by = {"person:o": [("2", 1, "r1"), ("4", 3, "r3")], "person:a": [("3", 2, "r2"), ("5", 4, "r4")]}
    >>> drawn = {n: n for n in ("post:p", "r1", "r2", "r3", "r4")}
    >>> list(_crossings(G, drawn, by, {"r1": "post:p", "r2": "r1", "r3": "r2", "r4": "post:p"})[0])
    [('r4', 'r3', 'mention')]
    """
    members = set(drawn_of)
    parent_of = parent_of or {}
    when = {node: (date, place) for written in by_person.values() for date, place, node in written}
    outside: list[str] = []
    crossing: dict[tuple[str, str, str], list[tuple[str, str]]] = {}

    def endpoint(node: str, source: str | None = None) -> str:
        if node in members:
            return drawn_of[node]
        if G.nodes[node].get("kind") == "person" and node in by_person:
            return drawn_of[_mentioned_at(by_person[node], when.get(source))]
        if node not in outside:
            outside.append(node)
        return node

    for node in sorted(members):
        parent = parent_of.get(node)
        answers = G.nodes[parent].get("author") if parent is not None and parent in G else None
        for _, target, kind in G.out_edges(node, keys=True):
            # an answer by name is drawn as the name it opens with (a mention line)
            if kind in ("authored", "answer") or (kind == "reply" and target in members):
                continue
            if kind == "mention" and target == answers:
                continue  # "@Jo" in an answer to Jo: the tree's line to Jo's reply says it
            a, b = drawn_of[node], endpoint(target, node)
            if a != b:
                crossing.setdefault((a, b, "elsewhere" if kind == "reply" else kind), []).append((node, target))
        for source, _, kind in G.in_edges(node, keys=True):
            if source in members or kind in ("authored", "answer") or G.nodes[source].get("kind") == "person":
                continue
            a, b = endpoint(source), drawn_of[node]
            if a != b:
                crossing.setdefault((a, b, "elsewhere" if kind == "reply" else kind), []).append((source, node))
    return crossing, outside


def _mentioned_at(written: list[tuple[str, int, str]], at: tuple[str, int] | None) -> str:
    """Of what someone wrote here (``written``: (date, place in reading order, node), oldest first), the
    one a mention written ``at`` (its date and place) points at: the latest strictly before it (by date,
    then, on one date or none, by its place in the thread), else the first.

    >>> jo = [("2026-01-02", 1, "j1"), ("2026-01-02", 3, "j2")]  # one day for all: the thread's order
    >>> _mentioned_at(jo, ("2026-01-02", 2)), _mentioned_at(jo, ("2026-01-03", 9)), _mentioned_at(jo, None)
    ('j1', 'j2', 'j1')
    """
    before = [node for date, place, node in written if at is not None and (date, place) < at]
    return before[-1] if before else written[0][2]


def other_post(G: nx.MultiDiGraph, node: str) -> str | None:
    """The post (its node) that ``node`` is or is a reply under, for a post or a reply; else None.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:b", kind="post"); G.add_node("reply:b/1", kind="reply", conversation="b")
    >>> G.add_node("person:a", kind="person")
    >>> other_post(G, "post:b"), other_post(G, "reply:b/1"), other_post(G, "person:a")
    ('post:b', 'post:b', None)
    """
    data = G.nodes[node]
    if data.get("kind") == "post":
        return node
    if data.get("kind") == "reply":
        return f"post:{data.get('conversation', '')}"
    return None


def fold_elsewhere(G: nx.MultiDiGraph, crossing: dict, outside: list[str], *,
                   max_lines: int = MAX_ELSEWHERE_LINES) -> tuple[dict, list[str], list[tuple[str, str, str]]]:
    """Fold the lines to other posts' boxes when there are more than ``max_lines`` of them.

    ``crossing`` and ``outside`` as :func:`_crossings` gives them. Below the limit, nothing
    changes. Past it, every line to or from another post or a reply under one is left out, and
    so is its box; what is returned instead is each tie those lines drew, between the nodes
    themselves, in the order of the lines: ``(from, to, kind)``. People named here and outside
    sources keep their boxes and lines.

    Returns
    -------
    tuple
        The lines still drawn, the boxes still drawn, the folded ties.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for i in range(3):
    ...     G.add_node(f"post:o{i}", kind="post")
    >>> G.add_node("person:z", kind="person")
    >>> crossing = {("reply:p/1", f"post:o{i}", "link"): [("reply:p/1", f"post:o{i}")] for i in range(3)}
    >>> crossing[("reply:p/2", "person:z", "mention")] = [("reply:p/2", "person:z")]
    >>> outside = ["post:o0", "post:o1", "post:o2", "person:z"]
    >>> fold_elsewhere(G, crossing, outside, max_lines=3)[1]  # three lines: all drawn
    ['post:o0', 'post:o1', 'post:o2', 'person:z']
    >>> lines, boxes, ties = fold_elsewhere(G, crossing, outside, max_lines=2)
    >>> list(lines), boxes, ties[0]
    ([('reply:p/2', 'person:z', 'mention')], ['person:z'], ('reply:p/1', 'post:o0', 'link'))
    """
    other = {n for n in outside if other_post(G, n) is not None}
    to_other = [key for key in crossing if key[0] in other or key[1] in other]
    if len(to_other) <= max_lines:
        return crossing, outside, []
    folded = set(to_other)
    ties = list(dict.fromkeys((a, b, key[2]) for key in to_other for a, b in crossing[key]))
    return ({k: v for k, v in crossing.items() if k not in folded}, [n for n in outside if n not in other], ties)


def _outside_box(G: nx.MultiDiGraph, node: str, x: float, y: float, width: float,
                 link: Callable[[str], str]) -> dict:
    """A box under the tree for a node outside the conversation (another post or its reply, a
    person named here, an outside source), its text wrapped to the box. Its details begin with
    what it is ("Reply by Ada Park, 3 March 2026, on “Another post”"), which names the link."""
    data = G.nodes[node]
    kind = data.get("kind")
    text = str(data.get("label", node))
    first, _, rest = str(data.get("title") or text).partition("\n")
    if kind == "reply":
        conv = G.nodes.get(f"post:{data.get('conversation', '')}", {})
        on = f", on {quoted(conv.get('label', ''))}"
        name, head = f"Reply by {text}{on}", f"Reply by {first}{on}"
        text = f"{text}{on}"
    elif kind == "post":
        name, head = f"Another post: {text}", f"Another post: {first}"
    elif kind == "person":
        name, head = f"{text} (named here)", f"{first} (named here)"
    else:
        name, head = f"Outside source: {text}", f"Outside source: {first}"
    lines = wrap_text(text, FONT, width - 16, max_lines=3)
    url = _node_url(G, node)
    external = url.startswith(("http://", "https://"))
    # A source named without a link (a book, a person) points at the post's own list of what it
    # builds on (article.html, #builds-on), not at the page it is on.
    href = url if external else link(url) if url or kind != "source" else "#builds-on"
    cls = {"post": "node--post-other", "person": "node--person", "reply": "node--reply-other"}.get(
        kind, "node--source")
    return {"id": node, "x": x, "y": round(y, 1), "w": width, "h": round(len(lines) * FONT * 1.3 + 10),
            "shape": "box", "cls": cls, "lines": lines, "href": href, "url": url,
            "external": external, "name": name, "named_by_title": True,
            "title": head + (f"\n{rest}" if rest else ""), "label": None}


def row_text(text: str, room: float) -> str:
    """A reply's row label ("Name, 14 Feb") for ``room`` px: whole if it fits, else the name is
    shortened and the date kept, so every row says the same (who, when); only where even a few
    letters of the name and the date do not fit is the date left to the details.

    >>> row_text("Theme Buster, 14 Feb", 200), row_text("Theme Buster, 14 Feb", 120)
    ('Theme Buster, 14 Feb', 'Theme…, 14 Feb')
    >>> row_text("Denkmalüberdenscheißnach Dendudaschreibst, 3 Mar", 40)
    'Den…'
    """
    if text_width(text, FONT) <= room:
        return text
    name, _, when = text.rpartition(", ")
    if not name or not when[:1].isdigit():  # no date: the name alone, cut
        return fit_text(text, FONT, room)
    rest = f", {when}"
    if room - text_width(rest, FONT) >= text_width("Ab…", FONT):
        return fit_text(name, FONT, room - text_width(rest, FONT)) + rest
    return fit_text(text, FONT, room)  # visibly cut, never a whole name that reads as if it had no date


def _row_label(x: float, y: float, text: str):
    w = text_width(text, FONT)
    h = FONT * 1.3
    return (round(x + R_REPLY + 6, 1), round(y - h / 2, 1), round(w, 1), round(h, 1), "start", text)


def _arc(a: tuple[float, float], b: tuple[float, float], a_box: bool, b_box: bool, gutter: float, *,
         lane: int = 0, lane_x: float | None = None, squares: tuple[bool, bool] = (False, False)) -> str:
    """A line from node a to node b: a box (the post, and everything drawn under the tree: other posts,
    replies under them, sources, people) attaches at its left edge, a reply's mark at its rim (a
    square's at its side: ``squares``, one flag per end).

    With ``lane_x``, the line leaves its row sideways, a little below the mark (the tree's own line
    into it stays in sight), runs down the gutter at ``lane_x`` and turns in at the other row the same
    way. Without, a curve that stays right of the gutter's lanes; ``lane``: how many curves between the
    same two nodes came before (each next one keeps closer to the tree).

    >>> _arc((52, 20), (70, 48), False, False, 40)
    'M45.0 20.0C42.0 20.0 42.0 48.0 62.0 48.0'
    >>> _arc((100, 20), (40, 200), False, True, 40, lane_x=30)
    'M94.3 24.0H40.0Q30.0 24.0 30.0 34.0V190.0Q30.0 200.0 40.0 200.0'
    >>> _arc((40, 200), (100, 20), True, False, 40, lane_x=30, squares=(False, True))[-5:]
    'H92.0'
    """
    (x1, y1), (x2, y2) = a, b
    if lane_x is not None:
        dip = 4.0  # below the tree's line into the mark
        circle_rim = (R_REPLY ** 2 - dip ** 2) ** 0.5
        if not a_box:
            x1, y1 = x1 - (R_REPLY if squares[0] else circle_rim), y1 + dip
        if not b_box:
            x2, y2 = x2 - (R_REPLY if squares[1] else circle_rim) - 1, y2 + dip
        turn = max(0.0, min(10.0, abs(y2 - y1) / 2, x1 - lane_x, x2 - lane_x))  # the corners' radius
        down = 1 if y2 >= y1 else -1
        head = f"M{x1:.1f} {y1:.1f}" + (f"H{lane_x + turn:.1f}" if x1 > lane_x + turn else "")
        tail = f"H{x2:.1f}" if x2 > lane_x + turn else ""  # (no empty last step: the arrow takes its way)
        return (f"{head}Q{lane_x:.1f} {y1:.1f} {lane_x:.1f} {y1 + down * turn:.1f}"
                f"V{y2 - down * turn:.1f}Q{lane_x:.1f} {y2:.1f} {lane_x + turn:.1f} {y2:.1f}{tail}")
    if not a_box:
        x1 -= R_REPLY
    if not b_box:
        x2 -= R_REPLY + 1
    depth = min(gutter - 6, 12 + abs(y2 - y1) * 0.12) * (1 - 0.3 * min(lane, 2))
    cx = max(gutter + 2 + 6 * min(lane, 2), min(x1, x2) - depth)  # right of the lanes, each next one further
    return f"M{x1:.1f} {y1:.1f}C{cx:.1f} {y1:.1f} {cx:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"


# -- people ------------------------------------------------------------------------------

R_MIN, R_MAX = 5.0, 11.0
MIN_DIST = 2 * R_MAX + 6
DENSE = 200  # more connections than this: thinner lines, and names may cross them (see people_drawing)
NAMED_ANYWAY = 6  # the most connected people named even where every side is crossed by lines
NAME_EVERYONE = 20  # ... and on a map of at most this many people (a phone's), everyone


def spacing_for(n: int) -> float:
    """Distance between people: roomy on a small map (every name fits), dense down to
    :data:`MIN_DIST` on a large one.

    >>> spacing_for(7), spacing_for(100), spacing_for(1000)
    (90.0, 54.0, 28.0)
    """
    return float(max(MIN_DIST, min(90.0, 90 - (n - 10) * 0.4)))


def connections(P: nx.DiGraph) -> dict[str, float]:
    """Each person's weighted connections, in and out (how many times they built on others or were)."""
    return {n: P.in_degree(n, weight="weight") + P.out_degree(n, weight="weight") for n in P.nodes}


def select_people(P: nx.DiGraph, cap: int) -> list[str]:
    """The ``cap`` most connected people (weighted, in and out), ties by id; sorted by id.

    >>> P = nx.DiGraph([("a", "b"), ("c", "b"), ("d", "e")])
    >>> select_people(P, 3)
    ['a', 'b', 'c']
    """
    score = connections(P)
    return sorted(sorted(P.nodes, key=lambda n: (-score[n], n))[:cap])


def connected_ranking(P: nx.DiGraph) -> list[str]:
    """Everyone in ``P``, the most connected first, then each time the person most strongly tied to
    those already ranked (the most connected of the rest when nobody is): any first N of them show
    the strongest ties among themselves, not people whose ties were all cut (a phone's people map).

    >>> P = nx.DiGraph()
    >>> P.add_weighted_edges_from([("a", "b", 5), ("c", "b", 4), ("d", "e", 9), ("a", "f", 1)])
    >>> connected_ranking(P)  # d and e are tied to each other more strongly, but not to b's circle
    ['b', 'a', 'c', 'f', 'd', 'e']
    """
    score = connections(P)
    tie: dict[str, float] = {}
    heap = [(0, -score[n], n) for n in P.nodes]  # (-tie, -score, id): the strongest tie, then the busiest
    heapq.heapify(heap)
    ranked: list[str] = []
    done: set[str] = set()
    while heap:
        minus_tie, _, best = heapq.heappop(heap)
        if best in done or -minus_tie != tie.get(best, 0):
            continue  # an entry made stale by a stronger tie since
        done.add(best)
        ranked.append(best)
        for u, v, w in (*P.out_edges(best, data="weight", default=1), *P.in_edges(best, data="weight", default=1)):
            other = v if u == best else u
            if other not in done:
                tie[other] = tie.get(other, 0) + w
                heapq.heappush(heap, (-tie[other], -score[other], other))
    return ranked


#: A people map draws every connection while they are at most this many, or at most
#: :data:`LINES_PER_PERSON` per person; past that, only its backbone (:func:`backbone_ties`).
FEW_LINES = 120
LINES_PER_PERSON = 1.5


def backbone_ties(P: nx.DiGraph, groups: dict[str, int] | None = None,
                  budget: int | None = None) -> list[tuple[str, str]]:
    """The fewest, strongest connections that keep everyone joined as ``P`` joins them: going
    down the ties, strongest first (ties by id), each that joins two people no tie kept so far
    joins (a maximum spanning forest). With ``groups`` (person -> group), the ties within a group
    come first: each group is joined by its own strongest ties, and the groups to one another by
    the strongest ties between them, so that the lines stay short. At most ``budget`` lines
    (the first kept).

    A person's first tie in that order finds them joined to no one yet, so it is kept: everyone
    keeps their strongest tie within their group (or, alone in it, their strongest tie).

    >>> P = nx.DiGraph()
    >>> P.add_weighted_edges_from([("a", "b", 5), ("b", "a", 4), ("c", "a", 3), ("b", "c", 2), ("d", "c", 1),
    ...                            ("e", "f", 1)])
    >>> backbone_ties(P)  # b -> a and b -> c join people already joined: left out
    [('a', 'b'), ('c', 'a'), ('d', 'c'), ('e', 'f')]
    >>> backbone_ties(P, budget=2)
    [('a', 'b'), ('c', 'a')]
    >>> backbone_ties(P, {"a": 0, "b": 1, "c": 1, "d": 0, "e": 2, "f": 2})  # b-c within a group, then a-b
    [('b', 'c'), ('e', 'f'), ('a', 'b'), ('d', 'c')]
    """
    apart = (lambda u, v: groups.get(u, -1) != groups.get(v, -1)) if groups else (lambda u, v: False)
    ranked = sorted(P.edges(data="weight", default=1), key=lambda e: (apart(e[0], e[1]), -e[2], e[0], e[1]))
    root: dict[str, str] = {}

    def find(n: str) -> str:
        while root.get(n, n) != n:
            root[n] = root.get(root[n], root[n])  # halve the path
            n = root[n]
        return n

    kept = []
    for u, v, _ in ranked:
        a, b = find(u), find(v)
        if a != b:
            root[max(a, b)] = min(a, b)
            kept.append((u, v))
            if budget is not None and len(kept) >= budget:
                break
    return kept


def people_blocks(P: nx.DiGraph, groups: dict[str, int], *, width: int, seed: int, cache_dir=None) -> list:
    """The laid-out communities of ``P`` for a frame ``width`` px wide (see :func:`people_drawing`)."""
    return community_layouts(P, groups, seed, spacing_for(P.number_of_nodes()), cache_dir,
                             max_width=width - 2 * (16 + R_MAX), name_room=partial(_name_room, P))


def _name_room(P: nx.DiGraph, n: str) -> float:
    """Room a person's name takes to the right of their dot, in px."""
    return R_MAX + 3 + text_width(str(P.nodes[n].get("label", n)), FONT)


def blocks_width(blocks: list) -> float:
    """Width of the widest laid-out block, in px (0 for none)."""
    return max((max(p[0] for p in block.values()) for block in blocks), default=0.0)


def people_line_width(count: int, dense: bool = False) -> float:
    """A people map's line width for a tie of ``count`` contributions: about a pixel more for each
    doubling, so that twice as often is seen, up to the widest at eight (1.4 to 4 px); on a ``dense`` map thinner
    lines, so that people stay visible between them.

    >>> [people_line_width(n) for n in (1, 2, 3, 4, 8, 50)]
    [1.4, 2.3, 2.8, 3.1, 4.0, 4.0]
    >>> [people_line_width(n, dense=True) for n in (1, 2, 4, 8)]
    [0.8, 1.3, 1.9, 2.4]
    """
    base, widest = (0.8, 2.4) if dense else (1.4, 4.0)
    return round(base + (widest - base) * math.log2(min(max(count, 1), 8)) / 3, 1)


def people_drawing(P: nx.DiGraph, groups: dict[str, int], *, width: int, seed: int,
                   link: Callable[[str], str], cache_dir=None, max_labels: int = 80,
                   blocks: list | None = None) -> dict:
    """Who builds on whom, as a drawing ``width`` px wide (see :mod:`.svg` for the format).

    Parameters
    ----------
    P : DiGraph
        People (``label``, ``url``, optionally ``built_on`` and ``builds``: their weighted counts
        when ``P`` holds only the lines to draw) and "builds on" edges (``weight`` and counts per kind).
    groups : dict
        person -> community number (colour and layout block).
    width : int
        Frame width in px.
    seed : int
        Layout seed.
    link : callable
        Site-relative URL -> href on this page.
    max_labels : int
        At most this many names written on the map.
    blocks : list, optional
        Communities already laid out by :func:`people_blocks` for this width (reused between widths).

    Examples
    --------
    >>> P = nx.DiGraph()
    >>> for n in "abc":
    ...     P.add_node(n, label=n.upper(), url=f"people/{n}/")
    >>> P.add_edge("a", "b", weight=2, reply=2, quote=0, mention=0, link=0, posts={"p": 2})
    >>> d = people_drawing(P, {"a": 0, "b": 0, "c": 1}, width=340, seed=1, link=lambda u: "/" + u)
    >>> sorted(n["id"] for n in d["nodes"]), d["labelled"]
    (['a', 'b', 'c'], 3)
    """
    spacing = spacing_for(P.number_of_nodes())
    if blocks is None:
        blocks = people_blocks(P, groups, width=width, seed=seed, cache_dir=cache_dir)
    # The people set in rows keep room for their names (people_blocks), those with ties to other groups too.
    room = {n: _name_room(P, n) for n in row_people(P, groups)}
    positions, frame_w, frame_h = pack_blocks(blocks, width, margin=16 + R_MAX, gap=spacing, room=room)
    # Fill the frame: a landscape one at most half as tall as wide (a phone's stays as packed).
    positions, stretched_h = stretch(positions, frame_w, margin=16 + R_MAX, max_height=frame_w / 2, room=room)
    frame_h = max(frame_h, stretched_h)
    # How often others built on each person and they on others: their ``built_on`` and ``builds``
    # when given (a map drawing only some lines, see maps.drawn_people), else the lines drawn.
    in_w = {n: d.get("built_on", P.in_degree(n, weight="weight")) for n, d in P.nodes(data=True)}
    out_w = {n: d.get("builds", P.out_degree(n, weight="weight")) for n, d in P.nodes(data=True)}
    # Size: how often others built on them, up to 12 times, or on a busy map up to what the
    # top tenth of its people reach (so that sizes still differ among the most connected).
    counts = sorted(in_w.values())
    full = max(12, counts[int(len(counts) * 0.9)] if counts else 0)
    radius = {n: R_MIN + min(in_w.get(n, 0), full) * (R_MAX - R_MIN) / full for n in P.nodes}
    order = sorted(P.nodes, key=lambda n: (-(in_w.get(n, 0) + out_w.get(n, 0)), n))
    # Named whatever the crowd around them: the most connected, and the most connected of each group
    # (placed first, so their names find room before others').
    first_of: dict[int, str] = {}
    for n in order:
        if n in groups:
            first_of.setdefault(groups[n], n)
    leaders = set(order[:NAMED_ANYWAY]) | set(first_of.values())
    order = [n for n in order if n in leaders] + [n for n in order if n not in leaders]
    # A name wider than 55% of the frame (or 260 px) is shortened with "…" so that it fits beside
    # its person on a phone too; the whole name stays in the link's details.
    longest = min(frame_w * 0.55, 260.0)
    points = [{"id": n, "x": positions[n][0], "y": positions[n][1], "r": radius[n],
               "text": fit_text(str(P.nodes[n].get("label", n)), FONT, longest)} for n in order]
    shown_text = {point["id"]: point["text"] for point in points}
    edges = []
    # Lines bent round the people they do not join (on a dense map there is no room to: not tried).
    dots = _Dots(positions, radius) if P.number_of_edges() <= DENSE else None
    dense = P.number_of_edges() > DENSE
    for u, v, data in sorted(P.edges(data=True), key=lambda e: (e[0], e[1])):
        counts = {k: int(data.get(k, 0)) for k in ("reply", "quote", "mention", "link")}
        main = max(counts, key=lambda k: (counts[k], k == "reply"))
        # "replies": a person answering a person (the article maps' grey "reply" lines are the tree).
        edges.append({"d": _chord(positions[u], positions[v], radius[u], radius[v], dots, (u, v), P.has_edge(v, u)),
                      "kind": "replies" if main == "reply" else main,
                      "width": people_line_width(int(data.get("weight", 1)), dense)})
    # Names for the ``max_labels`` most connected people, each beside its person on a side no
    # line crosses, or on a dense map of thin lines across lines (the name's halo keeps it readable);
    # where there is none, the name on hover and focus only, except for the leaders above (everyone on
    # a map of NAME_EVERYONE people or fewer), whose names may go over others' dots. Anyone else's
    # name over other people's dots left it unclear whose it was.
    everyone = P.number_of_nodes() <= NAME_EVERYONE
    labels = place_labels(points, frame_w, frame_h, size=FONT, limit=max_labels,  # clear of every dot
                          paths=[e["d"] for e in edges], lines_may_cross=P.number_of_edges() > DENSE,
                          named_anyway=P.number_of_nodes() if everyone else len(leaders))
    nodes = []
    # Top to bottom; the people whose names lie over lines, then over dots, last, so those names are
    # on top (over dots: the first placed last, see place_labels).
    rank = {p["id"]: i for i, p in enumerate(points)}

    def drawn(n: str) -> tuple:
        over = labels[n][5] if n in labels else 0
        return over, -rank[n] if over == 2 else 0, positions[n][1], positions[n][0], n

    for n in sorted(P.nodes, key=drawn):
        name = str(P.nodes[n].get("label", n))
        group = groups.get(n, -1)
        cls = community_class(group)
        x, y = positions[n]
        label = labels.get(n)
        nodes.append({"id": n, "x": x, "y": y, "r": round(radius[n], 1), "shape": "circle", "cls": cls,
                      "href": link(str(P.nodes[n].get("url", ""))), "url": str(P.nodes[n].get("url", "")),
                      "name": name, "named_by_title": True,
                      "title": f"{name}\n{ties_words(in_w.get(n, 0), out_w.get(n, 0))}",
                      "label": (*label[:5], shown_text[n]) if label else None,
                      "label_over_lines": bool(label and label[5])})
    return {"width": frame_w, "height": frame_h, "font": FONT, "nodes": nodes, "edges": edges,
            "labelled": len(labels), "positions": positions}


PHONE_HEIGHT = 800  # a phone's drawing (NARROW) is at most about one screen tall


def add_more(drawing: dict, count: int, href: str, url: str, where: str) -> dict:
    """Add a "+N more" link under a drawing, for ``count`` people left off it (listed ``where``).

    >>> d = add_more({"width": 340, "height": 100, "nodes": []}, 12, "#all", "people/", "in the lists below")
    >>> d["height"], d["nodes"][0]["label"][5], d["nodes"][0]["name"]
    (136.0, '+12 more people', '+12 more people, in the lists below')
    """
    margin = 16 + R_MAX
    y = drawing["height"] - margin + 36
    text = f"+{count} more {'person' if count == 1 else 'people'}"
    h = FONT * 1.3
    x = margin
    drawing["nodes"].append({
        "id": "more:people", "x": x, "y": y, "r": R_REPLY, "shape": "circle", "cls": "node--more",
        "href": href, "url": url, "name": f"{text}, {where}",
        "title": f"{text[1:]} not drawn on a phone's map, {where}.",
        "label": (round(x + R_REPLY + 6, 1), round(y - h / 2, 1), round(text_width(text, FONT), 1), round(h, 1),
                  "start", text)})
    drawing["height"] = round(y + margin, 1)
    return drawing


class _Dots:
    """The people's dots in a grid, to tell whether a line passes through someone it does not join."""

    def __init__(self, positions: dict[str, tuple[float, float]], radius: dict[str, float], cell: float = 40):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[str, float, float, float]]] = {}
        for n, (x, y) in positions.items():
            self.grid.setdefault((int(x // cell), int(y // cell)), []).append((n, x, y, radius[n] + 2))

    def crossed(self, points, ends) -> bool:
        for px, py in points:
            ci, cj = int(px // self.cell), int(py // self.cell)
            for i in (ci - 1, ci, ci + 1):
                for j in (cj - 1, cj, cj + 1):
                    for n, x, y, r in self.grid.get((i, j), ()):
                        if n not in ends and (px - x) ** 2 + (py - y) ** 2 < r * r:
                            return True
        return False


def _chord(a, b, ra: float, rb: float, dots: _Dots | None = None, ends=(), two_way: bool = True) -> str:
    """A gently curved line from circle a to circle b (curving right, so a -> b and b -> a part);
    with ``dots``, bent further while it runs through someone else's dot (which would read as a
    line to or from them): to the right, or, when there is no line back (``two_way`` False), to
    the left too.

    >>> dots = _Dots({"a": (0, 0), "b": (100, 0), "m": (50, 0)}, {"a": 5, "b": 5, "m": 6})
    >>> _chord((0, 0), (100, 0), 5, 5)  # straight through m
    'M6.0 0.0Q49.5 12.0 93.0 0.0'
    >>> _chord((0, 0), (100, 0), 5, 5, dots, ("a", "b"))  # around m
    'M6.0 0.0Q49.5 30.0 93.0 0.0'
    """
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    d = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / d, dy / d
    sx, sy = x1 + ux * (ra + 1), y1 + uy * (ra + 1)
    ex, ey = x2 - ux * (rb + 2), y2 - uy * (rb + 2)
    base = min(12.0, d * 0.12)
    bends = (1, 2.5, 4.5, 7) if two_way else (1, 2.5, -2.5, 4.5, -4.5, 7, -7)
    for bend in (base * k for k in bends):
        cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        if dots is None:
            break
        steps = int(d / 4) + 2  # a point every 4 px or so: no dot (at least 5 px across) slips between two
        curve = [((1 - t) ** 2 * sx + 2 * (1 - t) * t * cx + t * t * ex,
                  (1 - t) ** 2 * sy + 2 * (1 - t) * t * cy + t * t * ey) for t in (i / steps for i in range(1, steps))]
        if not dots.crossed(curve, ends):
            break
    else:
        cx, cy = (sx + ex) / 2 - uy * base, (sy + ey) / 2 + ux * base  # no bend clears it: the gentle one
    return f"M{sx:.1f} {sy:.1f}Q{cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}"


def empty_fraction(positions: dict[str, tuple[float, float]], width: float, height: float,
                   cell: float | None = None) -> float:
    """Share of the frame, in cells ``cell`` px wide, that holds no node (0 = every cell used).

    By default a cell is ``3 * MIN_DIST`` wide, or wider on a small map: as wide as the frame's
    area shared out among its people, so that a few people spread evenly leave no cell empty.

    >>> empty_fraction({"a": (10, 10)}, 200, 100, cell=100)
    0.5
    >>> empty_fraction({"a": (10, 10), "b": (150, 60)}, 200, 100)
    0.0
    """
    if cell is None:
        cell = max(3 * MIN_DIST, (width * height / max(len(positions), 1)) ** 0.5)
    cols, rows = max(1, int(-(-width // cell))), max(1, int(-(-height // cell)))
    used = {(int(x // cell), int(y // cell)) for x, y in positions.values()}
    return round(1 - len(used) / (cols * rows), 3)
