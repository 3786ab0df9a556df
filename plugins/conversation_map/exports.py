"""Files beside the pages: ``graph.json`` and ``graph.graphml``, and the vis-network asset."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import shutil
from pathlib import Path

import networkx as nx
import pyvis
from replies.privacy import redact

from .settings import ConfigError

logger = logging.getLogger(__name__)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def vis_network_assets() -> Path:
    """The folder of vis-network files that the installed pyvis ships (newest version)."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    versions = sorted((d for d in lib.glob("vis-*") if (d / "vis-network.min.js").is_file()),
                      key=lambda d: tuple(int(x) for x in d.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise ConfigError(f"pyvis at {lib.parent.parent} ships no vis-network files")
    return versions[-1]


def copy_assets(target: Path) -> None:
    """Copy the vis-network script that pyvis ships into ``target`` (only when it differs).

    Only the script: the explore mode's few styles live in the theme's site.css.
    """
    source = vis_network_assets()
    target.mkdir(parents=True, exist_ok=True)
    for name in ("vis-network.min.js",):  # not its 220 KB stylesheet, for controls the maps switch off
        src, dst = source / name, target / name
        if not dst.is_file() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
    atomic_write(target / "SOURCE.txt",
                 f"vis-network {source.name[4:]}, copied from the pyvis package "
                 f"(pyvis/templates/lib/{source.name}). vis-network is dual licensed "
                 "under Apache-2.0 and MIT.\n")


_XML_TYPES = {str: "string", int: "long", bool: "boolean", float: "double"}


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def graphml_text(G: nx.MultiDiGraph) -> str:
    """GraphML of ``G``, one node or edge per line (no indentation: at 20,000 replies the
    pretty-printed file was a quarter spaces), written in one pass instead of through an XML tree.
    It reads back as the graph networkx itself writes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A & Bé", size=2, note="")
    >>> G.add_node("b")
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply")
    >>> print(graphml_text(G).split("\\n", 1)[1])
      <key id="d3" for="edge" attr.name="kind" attr.type="string" />
      <key id="d2" for="node" attr.name="note" attr.type="string" />
      <key id="d1" for="node" attr.name="size" attr.type="long" />
      <key id="d0" for="node" attr.name="label" attr.type="string" />
      <graph edgedefault="directed">
    <node id="a"><data key="d0">A &amp; B&#233;</data><data key="d1">2</data><data key="d2" /></node>
    <node id="b" />
    <edge source="a" target="b" id="reply"><data key="d3">reply</data></edge>
      </graph>
    </graphml>
    >>> import io
    >>> back = nx.read_graphml(io.BytesIO(graphml_text(G).encode()), force_multigraph=True)
    >>> dict(back.nodes(data=True)) == dict(G.nodes(data=True)), list(back.edges(keys=True, data=True))
    (True, [('a', 'b', 'reply', {'kind': 'reply'})])
    """
    keys: dict[tuple[str, str, str], str] = {}

    def data_text(items, scope: str) -> str:
        parts = []
        for name, value in items:
            xml_type = _XML_TYPES.get(type(value))
            if xml_type is None:
                raise TypeError(f"GraphML does not support type {type(value)} as data values.")
            key = keys.setdefault((str(name), xml_type, scope), f"d{len(keys)}")
            text = _text(str(value))
            parts.append(f'<data key="{key}">{text}</data>' if text else f'<data key="{key}" />')
        return "".join(parts)

    body: list[str] = []
    for node, data in G.nodes(data=True):
        inner = data_text(data.items(), "node")
        body.append(f'<node id="{_attr(str(node))}">{inner}</node>' if inner else f'<node id="{_attr(str(node))}" />')
    for u, v, key, data in G.edges(keys=True, data=True):
        head = f'<edge source="{_attr(str(u))}" target="{_attr(str(v))}" id="{_attr(str(key))}"'
        inner = data_text(data.items(), "edge")
        body.append(f"{head}>{inner}</edge>" if inner else head + " />")
    directed = "directed" if G.is_directed() else "undirected"
    lines = ['<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for (name, xml_type, scope), key in reversed(keys.items()):
        lines.append(f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />')
    if body:
        lines += [f'  <graph edgedefault="{directed}">', *body, "  </graph>"]
    else:
        lines.append(f'  <graph edgedefault="{directed}" />')
    lines.append("</graphml>")
    # Like ElementTree writing US-ASCII: other characters become character references.
    return "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")


def json_text(data: dict) -> str:
    """Node-link data as JSON with one node or link per line: compact, and still readable in a diff.

    >>> print(json_text({"directed": True, "links": [{"source": "a", "target": "b"}], "nodes": [{"id": "a"}]}))
    {"directed":true,
    "links":[
    {"source":"a","target":"b"}
    ],
    "nodes":[
    {"id":"a"}
    ]}
    >>> json.loads(json_text({"nodes": [], "graph": {}}))
    {'graph': {}, 'nodes': []}
    """
    def dump(value) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            parts.append(f"{dump(key)}:[\n" + ",\n".join(dump(item) for item in value) + "\n]")
        else:
            parts.append(f"{dump(key)}:{dump(value)}")
    return "{" + ",\n".join(parts) + "}"


def write_exports(G: nx.MultiDiGraph, folder: Path, scores: dict[str, dict[str, float]] | None = None) -> None:
    """``graph.json`` (node-link data) and ``graph.graphml`` of the whole network.

    ``scores`` (score name -> person node -> value, e.g. ``betweenness``) are added to the person
    nodes as ``score_<name>``: the raw figures the reader-facing pages put in words.
    """
    export = nx.MultiDiGraph()
    for node in sorted(G.nodes):
        data = {k: v for k, v in G.nodes[node].items() if v is not None}
        for name, values in (scores or {}).items():
            if node in values:
                data[f"score_{name}"] = values[node]
        export.add_node(node, **dict(sorted(data.items())))
    for u, v, key in sorted(G.edges(keys=True)):
        export.add_edge(u, v, key=key, **G.edges[u, v, key])
    data = nx.node_link_data(export, edges="links")
    atomic_write(folder / "graph.json", json_text(data) + "\n")
    atomic_write(folder / "graph.graphml", graphml_text(export) + "\n")
    logger.info("Writing %s and %s", folder / "graph.json", folder / "graph.graphml")


def csv_cell(value) -> str:
    """One spreadsheet cell: emails and IP addresses hidden, and text a spreadsheet would run as a
    formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) led by ``'``.
    Numbers stay numbers.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-3 dB"), csv_cell(-3), csv_cell("mail ada@example.org")
    ("'=HYPERLINK(1)", "'-3 dB", '-3', 'mail [email hidden]')
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = redact(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(header: list[str], rows) -> str:
    """CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends) of ``rows`` under ``header``.

    >>> csv_text(["who", "said"], [["Ada, “A.”", 'a "quote"\\nover two lines']])
    'who,said\\r\\n"Ada, “A.”","a ""quote""\\nover two lines"\\r\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return out.getvalue()


def write_csv(path: Path, header: list[str], rows) -> None:
    """Write a CSV file (:func:`csv_text`, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8)."""
    atomic_write(path, "\ufeff" + csv_text(header, rows))
    logger.info("Writing %s", path)
