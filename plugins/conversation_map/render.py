"""Turn (parts of) the conversation network into vis-network data, through pyvis.

pyvis builds the vis-network node, edge and option objects; the theme's own templates
and script draw them (pyvis's stock HTML would load vis-network and bootstrap from a
CDN). Every string stays plain text: labels are drawn on a canvas and the theme's script
turns tooltips into text nodes, never HTML. The JSON is escaped so that it can sit in a
``<script type="application/json">`` block without ending it.
"""

from __future__ import annotations

import json

import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

# One palette for the maps and their legends (theme/static/css/site.css repeats it as
# CSS variables, so dark mode can restyle the maps).
NODE_STYLE = {
    "post": {"shape": "box", "color": "#2f5d8a", "font": {"color": "#ffffff"}},
    "reply": {"shape": "dot", "size": 11, "color": "#8fa8c0"},
    "person": {"shape": "dot", "size": 18, "color": "#c2410c"},
    "source": {"shape": "diamond", "size": 12, "color": "#6b7280"},
}
EDGE_COLORS = {
    "authored": "#b8b2a7",
    "reply": "#2f5d8a",
    "quote": "#b45309",
    "mention": "#7c3aed",
    "link": "#15803d",
    "cites": "#be185d",
}
EDGE_LABELS = {
    "authored": "wrote",
    "reply": "replies to",
    "quote": "quotes",
    "mention": "mentions",
    "link": "links to",
    "cites": "builds on (cites)",
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


def conversation_map(G: nx.MultiDiGraph, nodes: list[str], positions: dict) -> dict:
    """vis-network data for one conversation: its posts, replies, people and sources.

    Parameters
    ----------
    G : MultiDiGraph
        The conversation network.
    nodes : list of str
        The nodes to draw (in drawing order).
    positions : dict
        node -> (x, y) from :mod:`conversation_map.layout`.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", label="P", url="posts/p/", title="P")
    >>> G.add_node("reply:p/1", kind="reply", label="A <b>", url="posts/p/#reply-1", title="A")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="reply", kind="reply")
    >>> data = conversation_map(G, ["post:p", "reply:p/1"], {"post:p": (0, 0), "reply:p/1": (0, 120)})
    >>> [(n["id"], n["label"], n["x"], n["y"]) for n in data["nodes"]]
    [('post:p', 'P', 0, 0), ('reply:p/1', 'A <b>', 0, 120)]
    >>> [(e["from"], e["to"], e["kind"]) for e in data["edges"]], data["options"]["physics"]
    ([('reply:p/1', 'post:p', 'reply')], {'enabled': False})
    """
    net = _network()
    shown = set(nodes)
    for node in nodes:
        data = G.nodes[node]
        style = NODE_STYLE.get(data.get("kind"), {})
        x, y = positions[node]
        net.add_node(node, label=str(data.get("label") or node), title=str(data.get("title") or ""),
                     x=x, y=y, url=data.get("url", ""), kind=data.get("kind", ""),
                     **{k: v for k, v in style.items()})
    kinds = set()
    for u, v, kind in sorted(G.edges(keys=True)):
        if u in shown and v in shown:
            kinds.add(kind)
            # Curved, so a quote or link never hides under the reply edge between the same nodes.
            smooth = False if kind in ("reply", "authored") else {"enabled": True, "type": "curvedCW",
                                                                   "roundness": 0.25}
            net.add_edge(u, v, kind=kind, color=EDGE_COLORS.get(kind, "#999999"), smooth=smooth,
                         title=f"{G.nodes[u].get('label', u)} {EDGE_LABELS.get(kind, kind)} "
                               f"{G.nodes[v].get('label', v)}",
                         dashes=kind in ("authored", "mention"))
    return _vis_data(net, {"edge_kinds": sorted(kinds)})


def people_map(P: nx.DiGraph, positions: dict, *, community: dict | None = None,
               posts: dict | None = None, highlight: str | None = None) -> dict:
    """vis-network data for a "who builds on whom" map of people.

    Each edge carries its count per kind and per post (``posts``), so the theme's script
    can filter by edge kind and by tag or category without another request.
    """
    net = _network()
    community = community or {}
    in_weight = dict(P.in_degree(weight="weight"))
    for node in sorted(P.nodes):
        data = P.nodes[node]
        x, y = positions.get(node, (0, 0))
        size = 12 + min(int(in_weight.get(node, 0)) * 2, 24)
        net.add_node(node, label=str(data.get("label") or node), x=x, y=y, size=size,
                     title=f"{data.get('label', node)}\nbuilt upon {int(in_weight.get(node, 0))} times",
                     url=data.get("url", ""), kind="person", community=community.get(node, -1),
                     shape="dot", color="#c2410c" if node == highlight else "#2f5d8a",
                     borderWidth=3 if node == highlight else 1, highlight=node == highlight)
    for u, v, data in sorted(P.edges(data=True), key=lambda e: (e[0], e[1])):
        counts = {k: int(data.get(k, 0)) for k in ("reply", "quote", "mention", "link")}
        described = describe_counts(counts)
        main = max(counts, key=lambda k: (counts[k], k == "reply"))
        net.add_edge(u, v, kind="builds_on", main_kind=main, counts=counts,
                     posts=dict(sorted(data["posts"].items())), weight=int(data["weight"]),
                     value=int(data["weight"]), color=EDGE_COLORS[main],
                     smooth={"enabled": True, "type": "curvedCW", "roundness": 0.15},
                     title=f"{P.nodes[u].get('label', u)} builds on {P.nodes[v].get('label', v)}: {described}")
    extra = {"posts": posts or {}}
    data = _vis_data(net, extra)
    data["options"]["edges"]["scaling"] = {"min": 1, "max": 6}
    return data
