"""Write a positioned drawing (from :mod:`.drawing`) as inline SVG markup.

The SVG is the map a reader first sees, with or without JavaScript: every node is an
``<a href>`` with an accessible name and a ``<title>`` (its details), edges are styled by
kind through CSS classes (so the theme's light and dark palettes apply), and the whole
map is a named ``role="group"``. Every string is escaped here, once.

A drawing is a dict::

    {"width": 340, "height": 400, "font": 13,
     "nodes": [{"id", "x", "y", "shape", "r" | "w"+"h", "cls", "href", "name", "title",
                "lines" (text inside a box), "label" (x, y, w, h, anchor, text) or None,
                "external" (bool)}],
     "edges": [{"d": "M ... ", "kind": "quote", "bold": True}]}
"""

from __future__ import annotations

from markupsafe import Markup, escape

EDGE_KINDS = ("reply", "quote", "mention", "link", "cites", "elsewhere", "builds_on")


def _num(value: float) -> str:
    """A coordinate as short, deterministic text.

    >>> _num(3.0), _num(2.25), _num(-0.04)
    ('3', '2.2', '0')
    """
    text = f"{round(float(value), 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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
    spans = "".join(f'<tspan x="{_num(x)}" y="{_num(top + i * line_h)}">{escape(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text class="box-text {escape(node.get("text_cls", ""))}">{spans}</text>'


def _label(node: dict, font: float) -> str:
    label = node.get("label")
    if not label:
        return ""
    bx, by, w, h, anchor, text = label
    x = {"start": bx, "end": bx + w, "middle": bx + w / 2}[anchor]
    y = by + h / 2 + font * 0.35
    return f'<text class="label" x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}">{escape(text)}</text>'


def render_svg(drawing: dict, *, map_id: str, summary: str, variant: str = "") -> Markup:
    """The drawing as one ``<svg>`` element.

    Parameters
    ----------
    drawing : dict
        See the module docstring.
    map_id : str
        A prefix for ids inside the SVG (unique on its page).
    summary : str
        The sentence a screen reader hears for the whole map.
    variant : str
        ``narrow``, ``medium`` or ``wide`` when a map comes in several widths (the theme shows
        the widest that fits).

    Examples
    --------
    >>> d = {"width": 100, "height": 50, "font": 13, "edges": [{"d": "M0 0L9 9", "kind": "quote", "bold": True}],
    ...      "nodes": [{"id": "reply:p/1", "x": 20, "y": 20, "r": 6, "shape": "circle", "cls": "who-0",
    ...                 "href": "#reply-1", "name": "Ada <b>", "title": "Ada, 1 May", "label": None}]}
    >>> svg = render_svg(d, map_id="m", summary="A map.")
    >>> 'aria-label="Ada &lt;b&gt;"' in svg and '<title>Ada, 1 May</title>' in svg
    True
    >>> 'marker-end="url(#m-arrow-quote)"' in svg and 'class="edge edge--quote edge--bold"' in svg
    True
    """
    font = drawing.get("font", 13)
    width, height = drawing["width"], drawing["height"]
    kinds = sorted({e["kind"] for e in drawing["edges"]})
    # The width class lets the theme show, of a map's drawings, the widest that fits its box.
    cls = "map-svg" + (f" map-svg--{variant}" if variant else "") + f" map-svg--w{_num(width)}"
    parts = [f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
             f'width="{_num(width)}" height="{_num(height)}" role="group" aria-label="{escape(summary)}"'
             f' data-width="{_num(width)}">']
    if kinds:
        parts.append("<defs>")
        for kind in kinds:
            parts.append(f'<marker id="{escape(map_id)}-arrow-{escape(kind)}" class="arrow arrow--{escape(kind)}" '
                         'viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
                         'markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
                         '<path d="M0 0L10 5L0 10z"/></marker>')
        parts.append("</defs>")
    parts.append('<g class="edges" aria-hidden="true">')
    for edge in drawing["edges"]:
        kind = escape(edge["kind"])
        bold = " edge--bold" if edge.get("bold") else ""
        extra = f' stroke-width="{_num(edge.get("width") or (3 if edge.get("bold") else 1.5))}"'
        arrow = f' marker-end="url(#{escape(map_id)}-arrow-{kind})"' if edge.get("arrow", True) else ""
        parts.append(f'<path class="edge edge--{kind}{bold}" d="{escape(edge["d"])}"{extra}{arrow}/>')
    parts.append("</g>")
    parts.append('<g class="nodes">')
    for node in drawing["nodes"]:
        rel = ' rel="nofollow ugc"' if node.get("external") else ""
        parts.append(f'<a class="map-node" href="{escape(node["href"])}"{rel} aria-label="{escape(node["name"])}" '
                     f'data-node="{escape(node["id"])}">')
        parts.append(f'<title>{escape(node.get("title") or node["name"])}</title>')
        parts.append(_shape(node))
        parts.append(_box_text(node, font))
        parts.append(_label(node, font))
        parts.append("</a>")
    parts.append("</g></svg>")
    return Markup("".join(parts))
