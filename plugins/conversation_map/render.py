"""The data of a map's "Explore" mode: vis-network nodes, edges and options, through pyvis.

The map a reader first sees is SVG written at build time (:mod:`.svg`); this is the data the
theme's script hands to vis-network only when the reader presses "Explore", at the same
positions. pyvis builds the vis-network objects; the theme's own script draws them (pyvis's
stock HTML would load vis-network and bootstrap from a CDN). Every string stays plain text:
labels are drawn on a canvas and the script turns tooltips into text nodes, never HTML. The
JSON is escaped so that it can sit in a ``<script type="application/json">`` block.
"""

from __future__ import annotations

import json

import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

# Edge colours for the explore mode (theme/static/css/site.css repeats them as CSS variables,
# which the theme's script reads, so dark mode restyles the maps).
EDGE_COLORS = {
    "reply": "#2f5d8a",
    "quote": "#b45309",
    "mention": "#7c3aed",
    "link": "#15803d",
    "cites": "#be185d",
    "elsewhere": "#0e7490",
}
BASE_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "randomSeed": 1},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                    "keyboard": {"enabled": True, "bindToWindow": False}, "dragNodes": True,
                    "dragView": True, "zoomView": True},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
              "width": 1.5},
    "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}},
}


PLURALS = {"reply": "replies", "quote": "quotes", "mention": "mentions", "link": "links"}


def describe_counts(counts: dict) -> str:
    """Counts per edge kind in words.

    >>> describe_counts({"reply": 2, "quote": 1, "mention": 0, "link": 0})
    '2 replies, 1 quote'
    """
    return ", ".join(f"{n} {kind if n == 1 else PLURALS.get(kind, kind + 's')}"
                     for kind, n in counts.items() if n)


def script_json(data) -> Markup:
    """JSON that is safe inside ``<script type="application/json">`` (and deterministic).

    Examples
    --------
    >>> str(script_json({"b": "</script><b>&", "a": 1}))
    '{"a":1,"b":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _network() -> Network:
    net = Network(directed=True, cdn_resources="local")
    net.options = json.loads(json.dumps(BASE_OPTIONS))
    return net


def _vis_data(net: Network, extra: dict | None = None) -> dict:
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    data.update(extra or {})
    return data


def explore_data(drawing: dict, *, article: bool = False, people: nx.DiGraph | None = None,
                 groups: dict | None = None, posts: dict | None = None, highlight: str | None = None) -> dict:
    """vis-network data for the "Explore" mode of a map, at the positions of its wide drawing.

    Parameters
    ----------
    drawing : dict
        From :func:`conversation_map.drawing.article_drawing` or ``people_drawing``.
    article : bool
        An article map: nodes keep the drawing's colour class (author), edges its kinds.
    people : DiGraph, optional
        For people maps: each edge carries its count per kind and per post (``posts``),
        so the theme's script can filter by edge kind and by tag or category.

    Examples
    --------
    >>> d = {"nodes": [{"id": "post:p", "x": 6, "y": 6, "w": 300, "h": 40, "shape": "box", "cls": "node--post who-0",
    ...                 "url": "posts/p/", "name": "The post: P", "title": "P", "lines": ["P"], "label": None},
    ...                {"id": "reply:p/1", "x": 52.4, "y": 90, "r": 7, "shape": "circle", "cls": "who-1",
    ...                 "url": "posts/p/#reply-1", "name": "Reply by A", "title": "A <b>",
    ...                 "label": (60, 80, 20, 17, "start", "A")}],
    ...      "edges": [{"d": "M0 0", "kind": "quote", "bold": True}], "edge_pairs": [("reply:p/1", "post:p", "quote")]}
    >>> data = explore_data(d, article=True)
    >>> [(n["id"], n["label"], n["x"], n["y"], n["cvar"]) for n in data["nodes"]]
    [('post:p', 'P', 218, 47, 'who-0'), ('reply:p/1', 'A', 73, 162, 'who-1')]
    >>> [(e["from"], e["to"], e["kind"]) for e in data["edges"]], data["options"]["physics"]
    ([('reply:p/1', 'post:p', 'quote')], {'enabled': False})
    """
    net = _network()
    for node in drawing["nodes"]:
        if node.get("shape") == "box":
            x, y = node["x"] + node["w"] / 2, node["y"] + node["h"] / 2
            label = " ".join(node.get("lines") or [])
        else:
            x, y = node["x"], node["y"]
            label = node["label"][5] if node.get("label") else node["name"]
        classes = str(node.get("cls", "")).split()
        cvar = next((c for c in classes if c.startswith(("who-", "community-"))), "")
        kind = "person" if people is not None else (node["id"].split(":", 1)[0])
        extra = {}
        if people is None:
            # vis-network writes labels under dots: rows further apart than in the SVG, where they sit beside.
            x, y = x * 1.4, y * 1.8
            if node.get("shape") != "box":
                extra = {"size": node["r"] + 1}
        if people is not None:
            extra = {"community": (groups or {}).get(node["id"], -1), "highlight": node["id"] == highlight,
                     "size": node["r"] + 4}
        net.add_node(node["id"], label=label, title=str(node.get("title") or ""), x=round(x), y=round(y),
                     url=node.get("url", ""), kind=kind, cvar="node--me" if node["id"] == highlight else cvar,
                     shape={"box": "box", "square": "square", "diamond": "diamond"}.get(node.get("shape"), "dot"),
                     **extra)
    if people is not None:
        for u, v, data in sorted(people.edges(data=True), key=lambda e: (e[0], e[1])):
            counts = {k: int(data.get(k, 0)) for k in ("reply", "quote", "mention", "link")}
            main = max(counts, key=lambda k: (counts[k], k == "reply"))
            net.add_edge(u, v, kind="builds_on", main_kind=main, counts=counts,
                         posts=dict(sorted(data["posts"].items())), weight=int(data["weight"]),
                         value=int(data["weight"]), color=EDGE_COLORS[main],
                         smooth={"enabled": True, "type": "curvedCW", "roundness": 0.15},
                         title=f"{people.nodes[u].get('label', u)} builds on {people.nodes[v].get('label', v)}: "
                               f"{describe_counts(counts)}")
        data = _vis_data(net, {"posts": posts or {}})
        data["options"]["edges"]["scaling"] = {"min": 1, "max": 6}
        return data
    for u, v, kind in drawing.get("edge_pairs", []):
        smooth = False if kind == "reply" else {"enabled": True, "type": "curvedCW", "roundness": 0.25}
        net.add_edge(u, v, kind=kind, color=EDGE_COLORS.get(kind, "#6a655c"), smooth=smooth,
                     width=1.5 if kind == "reply" else 3, dashes=kind == "mention",
                     arrows={"to": {"enabled": kind != "reply", "scaleFactor": 0.6}})
    return _vis_data(net, {"edge_kinds": sorted({k for _, _, k in drawing.get("edge_pairs", [])})})
