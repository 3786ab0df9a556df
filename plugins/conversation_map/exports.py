"""Files beside the pages: ``graph.json`` and ``graph.graphml``, and the vis-network asset."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import itertools
import json
import logging
import os
import shutil
from pathlib import Path

import networkx as nx
from replies.cache import code_salt
from replies.kept_files import KeptFiles
from replies.privacy import redact

from .settings import ConfigError

logger = logging.getLogger(__name__)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half of it."""
    _stream(path, [text])


def _stream(path: Path, pieces, compress: bool = False) -> int:
    """Write the strings ``pieces`` to ``path`` through a temporary file (streamed: a large export is
    never one string in memory); returns the bytes of the text.

    With ``compress`` the file is gzip, written the same way every time (no name, time 0 in its
    header), so the same content gives the same bytes.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _stream(folder / "a.txt.gz", ["é\\n", "b\\n"], compress=True)
    5
    >>> gzip.decompress((folder / "a.txt.gz").read_bytes()).decode()
    'é\\nb\\n'
    >>> first = (folder / "a.txt.gz").read_bytes()
    >>> _ = _stream(folder / "a.txt.gz", ["é\\n", "b\\n"], compress=True)
    >>> (folder / "a.txt.gz").read_bytes() == first
    True
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as raw:
        packed = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) if compress else None
        with io.TextIOWrapper(packed or raw, encoding="utf-8", newline="\n", write_through=False) as handle:
            handle.writelines(pieces)
            handle.flush()
            size = packed.tell() if packed else raw.tell()
            if packed:
                packed.close()  # writes the gzip trailer; the wrapper's close below leaves it be
    os.replace(tmp, path)
    return size


def vis_network_assets() -> Path:
    """The folder of vis-network files that the installed pyvis ships (newest version)."""
    # Found, not imported: importing pyvis loads IPython and more, for a folder's name.
    try:
        spec = importlib.util.find_spec("pyvis")
    except (ImportError, ValueError):  # a stand-in module without a spec
        spec = None
    folders = [Path(f) for f in (spec.submodule_search_locations or [])] if spec is not None else []
    if not folders:
        raise ConfigError("the pyvis package is not installed (it ships the vis-network files): "
                          "pip install -r requirements.lock")
    versions = sorted((d for folder in folders for d in (folder / "templates" / "lib").glob("vis-*")
                       if (d / "vis-network.min.js").is_file()),
                      key=lambda d: tuple(int(x) for x in d.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise ConfigError(f"pyvis at {folders[0]} ships no vis-network files")
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


def _graphml_lines(nodes, edges):
    """GraphML of a directed graph, one node or edge per line (no indentation: at 20,000 replies the
    pretty-printed file was a quarter spaces). ``nodes()`` gives ``(node, data)`` and ``edges()``
    ``(u, v, key, data)``; each is walked twice (the keys first, then the lines), so nothing the size
    of the file is ever held in memory. It reads back as the graph networkx itself writes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A & Bé", size=2, note="")
    >>> G.add_node("b")
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply")
    >>> text = "\\n".join(_graphml_lines(*export_items(G)))
    >>> print(text.split("\\n", 1)[1])
      <key id="d3" for="edge" attr.name="kind" attr.type="string" />
      <key id="d2" for="node" attr.name="size" attr.type="long" />
      <key id="d1" for="node" attr.name="note" attr.type="string" />
      <key id="d0" for="node" attr.name="label" attr.type="string" />
      <graph edgedefault="directed">
    <node id="a"><data key="d0">A &amp; B&#233;</data><data key="d1" /><data key="d2">2</data></node>
    <node id="b" />
    <edge source="a" target="b" id="reply"><data key="d3">reply</data></edge>
      </graph>
    </graphml>
    >>> import io
    >>> back = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    >>> dict(back.nodes(data=True)) == dict(G.nodes(data=True)), list(back.edges(keys=True, data=True))
    (True, [('a', 'b', 'reply', {'kind': 'reply'})])
    """
    keys: dict[tuple[str, str, str], str] = {}  # (name, GraphML type, scope) -> "d0", in order of first use
    found: dict[str, dict[tuple[str, type], str]] = {"node": {}, "edge": {}}  # scope -> (name, type) -> key

    def key_of(name, value, scope: str) -> str:
        xml_type = _XML_TYPES.get(type(value))
        if xml_type is None:
            raise TypeError(f"GraphML does not support type {type(value)} as data values.")
        key = keys.setdefault((str(name), xml_type, scope), f"d{len(keys)}")
        found[scope][str(name), type(value)] = key
        return key

    items = 0
    for _, data in nodes():
        items += 1
        for name, value in data.items():
            key_of(name, value, "node")
    for *_, data in edges():
        items += 1
        for name, value in data.items():
            key_of(name, value, "edge")

    def inner(data, scope: str) -> str:
        known = found[scope]  # every (name, type) was seen in the first pass
        parts = []
        for name, value in data.items():
            text = str(value)
            key = known[str(name), type(value)]
            if not text:
                parts.append(f'<data key="{key}" />')
                continue
            if "&" in text or "<" in text or ">" in text:
                text = _text(text)
            parts.append(f'<data key="{key}">{text}</data>')
        return "".join(parts)

    def ascii(line: str) -> str:  # like ElementTree writing US-ASCII: other characters as references
        return line if line.isascii() else line.encode("ascii", "xmlcharrefreplace").decode("ascii")

    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    for (name, xml_type, scope), key in reversed(keys.items()):
        yield ascii(f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />')
    if not items:
        yield '  <graph edgedefault="directed" />'
        yield "</graphml>"
        return
    yield '  <graph edgedefault="directed">'
    for node, data in nodes():
        text, node_id = inner(data, "node"), _attr(str(node))
        yield ascii(f'<node id="{node_id}">{text}</node>' if text else f'<node id="{node_id}" />')
    for u, v, key, data in edges():
        head = f'<edge source="{_attr(str(u))}" target="{_attr(str(v))}" id="{_attr(str(key))}"'
        text = inner(data, "edge")
        yield ascii(f"{head}>{text}</edge>" if text else head + " />")
    yield "  </graph>"
    yield "</graphml>"


def _json_lines(nodes, edges):
    """Node-link JSON (as ``networkx.node_link_data(G, edges="links")`` with sorted keys), one node or
    link per line: compact, readable in a diff, and written without holding the file in memory.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="person")
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply")
    >>> text = "".join(_json_lines(*export_items(G)))
    >>> print(text)
    {"directed":true,
    "graph":{},
    "links":[
    {"key":"reply","kind":"reply","source":"a","target":"b"}
    ],
    "multigraph":true,
    "nodes":[
    {"id":"a","kind":"person"},
    {"id":"b"}
    ]}
    >>> json.loads(text) == json.loads(json.dumps(nx.node_link_data(G, edges="links")))
    True
    >>> json.loads("".join(_json_lines(*export_items(nx.MultiDiGraph()))))["nodes"]
    []
    """
    dump = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode  # made once

    yield '{"directed":true,\n"graph":{},\n'
    first = True
    for u, v, key, data in edges():
        yield ('"links":[\n' if first else ",\n") + dump({**data, "source": u, "target": v, "key": key})
        first = False
    yield '"links":[],\n' if first else "\n],\n"
    yield '"multigraph":true,\n'
    first = True
    for node, data in nodes():
        yield ('"nodes":[\n' if first else ",\n") + dump({**data, "id": node})
        first = False
    yield '"nodes":[]}' if first else "\n]}"


# What a reply node would only repeat from its post node (its ``conversation`` names the post): left
# out of the exports, which carry it once, on the post.
FROM_POST = ("category", "tags")


def export_items(G: nx.MultiDiGraph, scores: dict[str, dict[str, float]] | None = None):
    """Two callables for the exports: ``nodes()`` gives ``(node, data)`` in node order (attributes
    sorted, None left out, ``scores`` added as ``score_<name>``), ``edges()`` gives
    ``(u, v, key, data)`` in (u, v, key) order, read from the raw adjacency.

    A reply's node leaves out what its post's node carries (:data:`FROM_POST`) and an empty
    ``question`` (``asks_question`` says whether it asks one).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", tags="a, b", category="Notes")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", tags="a, b", category="Notes",
    ...            asks_question=False, question="", author=None)
    >>> nodes, _ = export_items(G)
    >>> list(nodes())
    [('post:p', {'category': 'Notes', 'kind': 'post', 'tags': 'a, b'}), \
('reply:p/1', {'asks_question': False, 'conversation': 'p', 'kind': 'reply'})]
    """
    order = sorted(G.nodes)
    succ = G._succ

    def nodes():
        for node in order:
            raw = G.nodes[node]
            reply = raw.get("kind") == "reply"
            data = {k: v for k, v in raw.items()
                    if v is not None and not (reply and (k in FROM_POST or (k == "question" and not v)))}
            for name, values in (scores or {}).items():
                if node in values:
                    data[f"score_{name}"] = values[node]
            yield node, dict(sorted(data.items()))

    def edges():
        for u in order:
            for v in sorted(succ[u]):
                for key in sorted(succ[u][v]):
                    yield u, v, key, succ[u][v][key]

    return nodes, edges


def export_names(settings: dict) -> dict[str, str]:
    """The exports' file names: ``graph.json`` and ``graph.graphml``, with ``.gz`` when
    ``CONVERSATION_MAP_EXPORT_GZIP`` is on.

    >>> export_names({"CONVERSATION_MAP_EXPORT_GZIP": True})
    {'json': 'graph.json.gz', 'graphml': 'graph.graphml.gz'}
    """
    end = ".gz" if settings["CONVERSATION_MAP_EXPORT_GZIP"] else ""
    return {"json": f"graph.json{end}", "graphml": f"graph.graphml{end}"}


def human_size(size: int) -> str:
    """A file size as people read it.

    >>> human_size(950), human_size(48_213), human_size(1_570_696), human_size(14_513_720)
    ('950 bytes', '48 KB', '1.6 MB', '15 MB')
    """
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB" if size < 10_000_000 else f"{size / 1_000_000:.0f} MB"


def export_salt() -> str:
    """What the exports' bytes come from besides the graph: this module's source and the libraries it uses."""
    return code_salt({}, ("networkx",), [Path(__file__)])


def kept_exports(settings: dict) -> KeptFiles:
    """The exports kept between builds (``CACHE_PATH/conversation-map/exports.json`` and ``exports/``)."""
    return KeptFiles(settings, "conversation-map", "exports", export_salt, "the graph exports")


def write_exports(G: nx.MultiDiGraph, folder: Path, scores: dict[str, dict[str, float]] | None = None,
                  compress: bool = True, kept: KeptFiles | None = None) -> dict[str, dict]:
    """``graph.json`` (node-link data) and ``graph.graphml`` of the whole network, in node and edge
    order, streamed to the files (at 100,000 replies, building them as strings doubled the peak memory);
    with ``compress``, gzip files named ``.gz`` (a tenth of the size; networkx and Gephi read them as they
    are). Returns, for ``json`` and ``graphml``, the file's ``name``, its ``size`` and its ``text`` size
    (opened), in words: what the conversations page says beside its links.

    ``scores`` (score name -> person node -> value, e.g. ``betweenness``) are added to the person
    nodes as ``score_<name>``: the raw figures the reader-facing pages put in words.

    With ``kept`` (:func:`kept_exports`), files made from the same JSON text as in an earlier build are
    put back instead of made again (compressing them and writing the GraphML are most of the work): the
    key is the hash of the JSON text, which holds every node, edge and attribute that either file does.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> settings = {"CACHE_PATH": str(root / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> G = nx.MultiDiGraph([("a", "b", {"kind": "reply"})])
    >>> kept = kept_exports(settings); made = write_exports(G, root / "out", kept=kept); kept.save()
    >>> (root / "out" / "graph.json.gz").unlink()       # the next build starts from an empty folder
    >>> kept = kept_exports(settings); again = write_exports(G, root / "out", kept=kept)
    >>> again == made, sorted(kept.new) == sorted(str(root / "out" / n) for n in ("graph.json.gz", "graph.graphml.gz"))
    (True, True)
    """
    nodes, edges = export_items(G, scores)
    names = export_names({"CONVERSATION_MAP_EXPORT_GZIP": compress})
    paths = {kind: folder / name for kind, name in names.items()}
    inputs = ""
    if kept is not None and kept.enabled:
        digest = hashlib.sha256()
        for piece in _json_lines(nodes, edges):
            digest.update(piece.encode())
        inputs = f"{digest.hexdigest()} gzip={compress}"
    # (one kept copy per file: the key of each is its own)
    if inputs and all(kept.fresh(path, f"{kind} {inputs}") for kind, path in paths.items()):
        text = {kind: _text_size(path, compress) for kind, path in paths.items()}
    else:
        text = {"json": _stream(paths["json"], itertools.chain(_json_lines(nodes, edges), ["\n"]), compress),
                "graphml": _stream(paths["graphml"], (line + "\n" for line in _graphml_lines(nodes, edges)),
                                   compress)}
        logger.info("Writing %s and %s", paths["json"], paths["graphml"])
        if inputs:
            for kind, path in paths.items():
                kept.wrote(path, f"{kind} {inputs}")
    return {kind: {"name": name, "size": human_size(paths[kind].stat().st_size),
                   "text": human_size(text[kind]), "compressed": compress}
            for kind, name in names.items()}


def _text_size(path: Path, compressed: bool) -> int:
    """The bytes of a file's text: of a gzip file, the size its trailer records (of its text modulo 2**32,
    far beyond any export), else the file's own."""
    if not compressed:
        return path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(-4, os.SEEK_END)
        return int.from_bytes(handle.read(4), "little")


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
    """Write a CSV file (:func:`csv_text`, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8),
    unless it holds those bytes already (a rebuild leaves an unchanged table as it was, its time too).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_csv(path, ["who"], [["Ada"]]); first = path.stat().st_ino
    >>> write_csv(path, ["who"], [["Ada"]]); path.stat().st_ino == first
    True
    >>> write_csv(path, ["who"], [["Ben"]]); path.read_text(encoding="utf-8-sig").split()
    ['who', 'Ben']
    """
    text = "\ufeff" + csv_text(header, rows)
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return
    except OSError:  # not written yet
        pass
    atomic_write(path, text)
    logger.info("Writing %s", path)
