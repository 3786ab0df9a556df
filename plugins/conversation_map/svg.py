"""Write a positioned drawing (from :mod:`.drawing`) as inline SVG markup.

The SVG is the map a reader first sees, with or without JavaScript: every node is an
``<a href>`` with an accessible name and a ``<title>`` (its details), edges are styled by
kind through CSS classes (so the theme's light and dark palettes apply), and the whole
map is a named ``role="group"``. Every string is escaped here, once.

The markup is kept small (issue 7): lines alike share one ``<g class="edge ...">``, widths and
arrows come from site.css by class (:data:`STROKE_TENTHS`, :func:`render_defs`), coordinates
have at most one decimal, and a map's narrower drawings point at the widest one's details.
The widest drawing also carries what the "Explore" view reads (``explore``, from :mod:`.render`).

A drawing is a dict::

    {"width": 340, "height": 400, "font": 13,
     "nodes": [{"id", "x", "y", "shape", "r" | "w"+"h", "cls", "href", "name", "title",
                "lines" (text inside a box), "label" (x, y, w, h, anchor, text) or None,
                "external" (bool), "named_by_title" (bool: its title begins with its name, so it
                needs no aria-label)}],
     "edges": [{"d": "M ... ", "kind": "quote", "bold": True}]}
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

EDGE_KINDS = ("reply", "quote", "mention", "link", "cites", "elsewhere", "builds_on", "replies")
# Kinds whose lines end in an arrow. site.css gives each an arrow (``marker-end``) pointing at the
# page's one set of markers (:func:`render_defs`); an article's tree lines ("reply") have none.
ARROW_KINDS = ("quote", "mention", "link", "cites", "elsewhere", "builds_on", "replies")
# Stroke widths (in tenths of a pixel) that site.css gives as classes ``sw<tenths>``: the people
# maps' widths (drawing.people_line_width: 1.4 to 4 px, or 0.8 to 2.4 on a dense map). A width
# outside the set is written as an attribute; 1.5 (a line) and 3 (a bold line) need neither.
STROKE_TENTHS = tuple(range(8, 41))
_LONG = re.compile(r"(\.\d)\d+")  # a second decimal and more
_ZERO = re.compile(r"\.0(?!\d)")  # a trailing ".0"
_DECIMALS = re.compile(r"\.\d+")
_MINUS_ZERO = re.compile(r"(?<![\d.])-0(?![\d.])")


def _num(value: float) -> str:
    """A coordinate as short, deterministic text.

    >>> _num(3.0), _num(2.25), _num(-0.04)
    ('3', '2.2', '0')
    """
    text = f"{round(float(value), 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value) -> str:
    """Escaped text for an element's content: ``&``, ``<`` and ``>``; quotes need no escape there.

    >>> print(_text('"A" & <b>'))
    "A" &amp; &lt;b&gt;
    """
    return str(escape(value)).replace("&#34;", '"').replace("&#39;", "'")


def _path(d: str, whole: bool = False) -> str:
    """A path's coordinates with at most one decimal and no trailing ".0" (``whole``: cut to whole
    pixels, for the many lines of a people map). Plain regular-expression replacements: this runs
    for every line of every map.

    >>> _path("M52.0 90.0V162.0H45.25Q1.96 -0.0 3"), _path("M52.5 90.4Q1.96 -0.2 3", whole=True)
    ('M52 90V162H45.2Q1.9 0 3', 'M52 90Q1 0 3')
    """
    d = _DECIMALS.sub("", d) if whole else _ZERO.sub("", _LONG.sub(r"\1", d))
    return _MINUS_ZERO.sub("0", d)


def _shape(node: dict) -> str:
    x, y, cls = node["x"], node["y"], escape(node.get("cls", ""))
    shape = node.get("shape", "circle")
    if shape == "box":
        return (f'<rect class="node {cls}" x="{_num(x)}" y="{_num(y)}" width="{_num(node["w"])}" '
                f'height="{_num(node["h"])}" rx="6"/>')
    r = node["r"]
    if shape == "square":
        return (f'<rect class="node {cls}" x="{_num(x - r)}" y="{_num(y - r)}" width="{_num(2 * r)}" '
                f'height="{_num(2 * r)}" rx="1.5"/>')
    if shape == "diamond":
        k = r * 1.25
        return (f'<path class="node {cls}" d="M{_num(x)} {_num(y - k)}L{_num(x + k)} {_num(y)}'
                f'L{_num(x)} {_num(y + k)}L{_num(x - k)} {_num(y)}Z"/>')
    return f'<circle class="node {cls}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"/>'


def _box_text(node: dict, font: float) -> str:
    lines = node.get("lines") or []
    if not lines:
        return ""
    line_h = font * 1.3
    x = node["x"] + 8
    top = node["y"] + (node["h"] - line_h * len(lines)) / 2 + font
    cls = " ".join(filter(None, ("box-text", str(escape(node.get("text_cls", ""))))))
    if len(lines) == 1:  # one line: the text element itself is placed
        return f'<text class="{cls}" x="{_num(x)}" y="{_num(top)}">{_text(lines[0])}</text>'
    spans = "".join(f'<tspan x="{_num(x)}" y="{_num(top + i * line_h)}">{_text(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text class="{cls}">{spans}</text>'


def _label(node: dict, font: float, key: str = "label") -> str:
    """A node's ``label`` (or its ``count``, an article map's row: how many ties to other posts it has) as
    SVG text."""
    label = node.get(key)
    if not label:
        return ""
    bx, by, w, h, anchor, text = label
    x = {"start": bx, "end": bx + w, "middle": bx + w / 2}[anchor]
    y = by + h / 2 + font * 0.35
    # "start" is SVG's default anchor: left out.
    place = "" if anchor == "start" else f' text-anchor="{anchor}"'
    cls = "label label--count" if key == "count" else \
        "label label--over-lines" if node.get("label_over_lines") else "label"
    return f'<text class="{cls}" x="{_num(x)}" y="{_num(y)}"{place}>{_text(text)}</text>'


def arrow_kinds(drawings) -> list[str]:
    """The kinds of the lines with an arrow in any of ``drawings``.

    >>> arrow_kinds([{"edges": [{"kind": "reply", "arrow": False}, {"kind": "quote"}]}])
    ['quote']
    """
    return sorted({e["kind"] for d in drawings for e in d["edges"] if e.get("arrow", True)})


def arrow_size(drawings) -> int:
    """How large (px) the arrows of ``drawings`` are drawn: three times their widest line with an
    arrow, so the head stands out from a 3.6 px line, and never under 6 px.

    >>> arrow_size([{"edges": [{"kind": "mention", "width": 3.6}, {"kind": "reply", "width": 0.8, "arrow": False}]}])
    11
    >>> arrow_size([{"edges": [{"kind": "quote", "bold": True}]}])
    6
    """
    widest = max((e.get("width") or 0 for d in drawings for e in d["edges"] if e.get("arrow", True)), default=0)
    return max(6, round(3 * widest))


def render_defs(kinds, size: int = 6) -> Markup:
    """The arrow markers of one map (one per kind in ``kinds``, see :func:`arrow_kinds`), in a
    zero-size SVG of their own, so that they render whichever of the map's drawings shows;
    ``size`` px long and wide (a people map's thicker lines need larger ones, :func:`arrow_size`).

    >>> str(render_defs(["quote", "link"])).count("<marker")
    2
    >>> 'markerWidth="11" markerHeight="11"' in render_defs(["mention"], size=11)
    True
    """
    wanted = sorted(set(kinds))
    if not wanted:
        return Markup("")
    markers = "".join(f'<marker id="map-arrow-{k}" class="arrow arrow--{k}" viewBox="0 0 10 10" refX="9" refY="5" '
                      f'markerWidth="{size}" markerHeight="{size}" markerUnits="userSpaceOnUse" '
                      'orient="auto-start-reverse">'
                      '<path d="M0 0L10 5L0 10z"/></marker>' for k in wanted)
    return Markup(f'<svg class="map-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>{markers}'
                  '</defs></svg>')


def _stroke(edge: dict) -> tuple[str, str]:
    """(class, attribute) for an edge's stroke width: CSS gives the usual ones."""
    width = edge.get("width")
    if width is None:
        return "", ""
    tenths = round(float(width) * 10)
    if abs(tenths - float(width) * 10) < 1e-6 and tenths in STROKE_TENTHS:
        return f" sw{tenths}", ""
    return "", f' stroke-width="{_num(width)}"'


def shared_titles(drawing: dict, prefix: str) -> dict[str, tuple[str, str]]:
    """Node id -> (details text, element id) of the ``<title>`` elements of a map's widest drawing,
    which its other drawings point at (``aria-describedby``) instead of repeating them.

    >>> shared_titles({"nodes": [{"id": "a", "name": "A", "title": "A, 1 May"}]}, "cm")
    {'a': ('A, 1 May', 'cm0')}
    """
    return {node["id"]: (str(node.get("title") or node["name"]), f"{prefix}{i}")
            for i, node in enumerate(drawing["nodes"])}


def render_svg(drawing: dict, *, summary: str, variant: str = "", explore: dict | None = None,
               titles: dict[str, tuple[str, str]] | None = None) -> Markup:
    """The drawing as one ``<svg>`` element.

    Parameters
    ----------
    drawing : dict
        See the module docstring.
    summary : str
        The sentence a screen reader hears for the whole map.
    variant : str
        ``narrow``, ``medium`` or ``wide`` when a map comes in several widths (the theme shows
        the widest that fits).
    explore : dict, optional
        Given for the one drawing of a map that the "Explore" view reads (theme's
        conversation-map.js; made by :mod:`.render`): ``edges``, one ``(from, to, attributes)``
        per edge of the drawing, in order (``from`` and ``to`` node ids, ``attributes`` further
        ``data-*`` values, plain text), and ``attrs``, ``data-*`` values of the whole SVG. Each
        edge gets ``data-from``/``data-to``: the positions of its ends among the drawing's
        ``a.map-node`` links (numbers, shorter than ids); the SVG gets ``data-explore`` ("people"
        for a people map, else "article").
    titles : dict, optional
        From :func:`shared_titles` of the map's widest drawing. With ``explore`` (that drawing),
        its ``<title>`` elements get those ids; otherwise a node whose details are the same text
        there gets ``aria-describedby`` that id instead of its own ``<title>`` (the script's details
        panel and screen readers read it from there).

    Examples
    --------
    >>> d = {"width": 100, "height": 50, "font": 13, "edges": [{"d": "M0.0 0L9 9", "kind": "quote", "bold": True}],
    ...      "nodes": [{"id": "reply:p/1", "x": 20, "y": 20, "r": 6, "shape": "circle", "cls": "who-0",
    ...                 "href": "#reply-1", "name": "Ada <b>", "title": "Ada, 1 May", "label": None}]}
    >>> svg = render_svg(d, summary="A map.", explore={"edges": [("reply:p/1", "reply:p/1", {"n": "1"})], "attrs": {}})
    >>> 'aria-label="Ada &lt;b&gt;"' in svg and '<title>Ada, 1 May</title>' in svg
    True
    >>> '<g class="edge edge--quote edge--bold"><path d="M0 0L9 9" data-from="0" data-to="0" data-n="1"/></g>' in svg
    True
    """
    font = drawing.get("font", 13)
    width, height = drawing["width"], drawing["height"]
    # The width class lets the theme show, of a map's drawings, the widest that fits its box.
    cls = "map-svg" + (f" map-svg--{variant}" if variant else "") + f" map-svg--w{_num(width)}"
    source = ""
    if explore is not None:
        source = f' data-explore="{"people" if "positions" in drawing else "article"}"' + "".join(
            f' data-{escape(k)}="{escape(v)}"' for k, v in explore["attrs"].items())
    # Inline in HTML, whose parser puts <svg> in the SVG namespace: no xmlns needed.
    parts = [f'<svg class="{cls}" viewBox="0 0 {_num(width)} {_num(height)}" '
             f'width="{_num(width)}" height="{_num(height)}" role="group" aria-label="{escape(summary)}"{source}>']
    position = {node["id"]: i for i, node in enumerate(drawing["nodes"])}
    parts.append('<g class="edges" aria-hidden="true">')
    # Lines alike (kind, boldness, width, arrow) share one group carrying their class, so that each
    # line is only its path (and, in the explore drawing, its ends); groups in order of first line.
    groups: dict[str, list[str]] = {}
    whole = "positions" in drawing  # a people map: many lines, whole pixels are enough
    for i, edge in enumerate(drawing["edges"]):
        kind = escape(edge["kind"])
        bold = " edge--bold" if edge.get("bold") else ""
        width_cls, width_attr = _stroke(edge)
        arrow = edge.get("arrow", True)
        # Arrows come from site.css by kind; a line whose drawing says otherwise says so here.
        plain = " edge--plain" if not arrow and edge["kind"] in ARROW_KINDS else ""
        marker = f' marker-end="url(#map-arrow-{kind})"' if arrow and edge["kind"] not in ARROW_KINDS else ""
        data = ""
        if explore is not None:
            a, b, extra = explore["edges"][i]
            data = f' data-from="{position[a]}" data-to="{position[b]}"' + "".join(
                f' data-{escape(k)}="{escape(v)}"' for k, v in extra.items())
        key = f'<g class="edge edge--{kind}{bold}{width_cls}{plain}"{width_attr}{marker}>'
        groups.setdefault(key, []).append(f'<path d="{escape(_path(edge["d"], whole))}"{data}/>')
    for key, paths in groups.items():
        parts.append(key + "".join(paths) + "</g>")
    parts.append("</g>")
    parts.append('<g class="nodes">')
    for node in drawing["nodes"]:
        rel = ' rel="nofollow ugc"' if node.get("external") else ""
        details = str(node.get("title") or node["name"])
        shared = (titles or {}).get(node["id"])
        pointer = shared is not None and shared[0] == details and explore is None
        # No aria-label where the link already names the node: by its own <title> (a reply: "Ada
        # Park, 3 March 2026" and its opening words; an SVG link's title is its accessible name),
        # or, pointing at another drawing's details, by its label when that is the whole name.
        label = node.get("label")
        named = (not pointer and node.get("named_by_title")) or (pointer and label and label[5] == node["name"])
        aria_label = "" if named else f' aria-label="{escape(node["name"])}"'
        described = f' aria-describedby="{escape(shared[1])}"' if pointer else ""
        parts.append(f'<a class="map-node" href="{escape(node["href"])}"{rel}{aria_label} '
                     f'data-node="{escape(node["id"])}"{described}>')
        if not pointer:
            ident = f' id="{escape(shared[1])}"' if shared and explore is not None else ""
            parts.append(f'<title{ident}>{_text(details)}</title>')
        parts.append(_shape(node))
        parts.append(_box_text(node, font))
        parts.append(_label(node, font))
        parts.append(_label(node, font, "count"))
        parts.append("</a>")
    parts.append("</g></svg>")
    return Markup("".join(parts))
