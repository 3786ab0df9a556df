"""Files beside the pages: ``graph.json`` and ``graph.graphml``, and the vis-network asset."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import json
import logging
import os
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from replies.cache import code_salt, load_store, save_store
from replies.privacy import redact

from .kept_pages import REPLY_WORDS
from .settings import ConfigError

logger = logging.getLogger(__name__)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


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

#: A part of an export ends after a node or line whose name's CRC-32 is a multiple of this (so a part holds
#: about this many): a part is made again only when what it holds changed, and a new reply moves no other
#: part's ends (they are where they are for what they end with, not for how many came before).
PART_ITEMS = 256


def _ends_part(*names) -> bool:
    return zlib.crc32("\0".join(map(str, names)).encode()) % PART_ITEMS == 0


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def _ascii(line: str) -> str:
    """Like ElementTree writing US-ASCII: other characters as references."""
    return line if line.isascii() else line.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _seen(found: dict, data: dict) -> None:
    """Add to ``found`` ((name, type) -> (name, GraphML type), in the order of first use) what ``data`` holds."""
    for name, value in data.items():
        if (name, type(value)) in found:
            continue
        xml_type = _XML_TYPES.get(type(value))
        if xml_type is None:
            raise TypeError(f"GraphML does not support type {type(value)} as data values.")
        found[str(name), type(value)] = (str(name), xml_type)


class _GraphmlKeys:
    """GraphML's ``<key>`` of each attribute (its name, GraphML type, and whether nodes or edges carry it),
    as each part's are merged (:meth:`merge`); then the file's head and one line a node or edge. The
    keys are numbered the nodes' first, each in the order of first use, whichever was seen first. The
    ``head`` names each key: a part made with other keys is made again."""

    def __init__(self) -> None:
        # scope -> (name, type) -> (name, GraphML type), in the order of first use
        self.found: dict[str, dict[tuple[str, type], tuple[str, str]]] = {"node": {}, "edge": {}}
        self.items = 0  # how many nodes and lines the file holds (set by who merges: the head says if any)
        self.ids: dict[str, dict[tuple[str, type], str]] | None = None  # numbered by the head (_number)

    def merge(self, scope: str, found: dict) -> None:
        """Take what a part's :func:`_seen` found, after the parts merged before it (the order of first use)."""
        known = self.found[scope]
        for name_type, named in found.items():
            known.setdefault(name_type, named)

    def _number(self) -> None:
        """Number the keys (every one seen by now): ``ids``, scope -> (name, type) -> "d0", and ``numbered``,
        (name, GraphML type, scope) -> "d0"."""
        if self.ids is None:
            self.numbered: dict[tuple[str, str, str], str] = {}
            self.ids = {scope: {name_type: self.numbered.setdefault((*named, scope), f"d{len(self.numbered)}")
                                for name_type, named in self.found[scope].items()} for scope in ("node", "edge")}

    @property
    def head(self) -> str:
        self._number()
        lines = ['<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
        lines += [_ascii(f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />')
                  for (name, xml_type, scope), key in reversed(self.numbered.items())]
        lines += ['  <graph edgedefault="directed">'] if self.items else ['  <graph edgedefault="directed" />']
        return "".join(line + "\n" for line in lines)

    @property
    def tail(self) -> str:
        return "  </graph>\n</graphml>\n" if self.items else "</graphml>\n"

    def _inner(self, data: dict, scope: str) -> str:
        known = self.ids[scope]  # numbered (_number) before the first line
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

    def node(self, node, data: dict) -> str:
        text, node_id = self._inner(data, "node"), _attr(str(node))
        return _ascii(f'<node id="{node_id}">{text}</node>\n' if text else f'<node id="{node_id}" />\n')

    def edge(self, u, v, key, data: dict) -> str:
        head = f'<edge source="{_attr(str(u))}" target="{_attr(str(v))}" id="{_attr(str(key))}"'
        text = self._inner(data, "edge")
        return _ascii(f"{head}>{text}</edge>\n" if text else head + " />\n")


def _graphml_parts(nodes, edges, keys: _GraphmlKeys, wanted: dict[str, set[int]] | None = None):
    """GraphML's nodes and edges (:class:`_GraphmlKeys` having seen them all), one a line (no indentation: at
    20,000 replies the pretty-printed file was a quarter spaces), in parts: gives ``(scope, number, text)``,
    ``scope`` ``"node"`` or ``"edge"``; the parts end where :func:`_json_parts`'s do. With ``wanted`` (scope
    -> part numbers) only those parts' lines are made, the others' text is "" (a scope with none wanted gives
    nothing). Between ``keys.head`` and
    ``keys.tail`` they read back as the graph networkx itself writes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A & Bé", size=2, note="")
    >>> G.add_node("b")
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply")
    >>> nodes, edges = export_items(G)
    >>> keys = _GraphmlKeys()
    >>> for scope, _, _, found in _json_parts(nodes, edges):  # as the exports see them
    ...     keys.merge(scope, found)
    >>> keys.items = G.number_of_nodes() + G.number_of_edges()
    >>> text = keys.head + "".join(part for *_, part in _graphml_parts(nodes, edges, keys)) + keys.tail
    >>> print(text.split("\\n", 1)[1], end="")
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
    >>> empty = _GraphmlKeys()
    >>> print((empty.head + empty.tail).split("\\n", 1)[1], end="")
      <graph edgedefault="directed" />
    </graphml>
    """
    keys._number()
    wanted = wanted or {}
    for scope, line in (("node", keys.node), ("edge", keys.edge)):
        wants = wanted.get(scope)
        if wants is not None and not wants:
            continue  # no part of this scope: its items are not even read
        number, lines = 0, []
        for item in (nodes(wants) if scope == "node" else edges()):
            if wants is None or number in wants:
                lines.append(line(*item))
            if _ends_part(*item[:-1]):
                yield scope, number, "".join(lines)
                number, lines = number + 1, []
        yield scope, number, "".join(lines)


def _json_parts(nodes, edges, wanted: dict[str, set[int] | None] | None = None):
    """Node-link JSON (as ``networkx.node_link_data(G, edges="links")`` with sorted keys), one node or
    link per line (compact, readable in a diff), in parts: gives ``(scope, number, text, found)``, the
    links' parts (``"edge"``) first, then the nodes'. A part ends after a node or link that :func:`_ends_part`
    names, and after the last of each. ``found`` is what GraphML's head needs of the part (:func:`_seen`).

    With ``wanted`` (scope -> part numbers, or None for all) only those parts are given: a scope with an
    empty set is not read at all, and a node outside the wanted parts is not made into data.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="person")
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply")
    >>> parts = list(_json_parts(*export_items(G)))
    >>> [(scope, number, list(found.values())) for scope, number, _, found in parts]
    [('edge', 0, [('kind', 'string')]), ('node', 0, [('kind', 'string')])]
    >>> text = "".join(text for _, _, text, _ in parts)
    >>> print(text, end="")
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
    >>> json.loads("".join(text for *_, text, _ in _json_parts(*export_items(nx.MultiDiGraph()))))["nodes"]
    []
    >>> [scope for scope, *_ in _json_parts(*export_items(G), wanted={"edge": set(), "node": {0}})]
    ['node']
    """
    dump = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode  # made once
    wanted = wanted or {}
    wants = wanted.get("edge")
    if wants is None or wants:
        lines, found, first, number = ['{"directed":true,\n"graph":{},\n'], {}, True, 0
        for u, v, key, data in edges():
            if wants is None or number in wants:
                _seen(found, data)
                lines.append(('"links":[\n' if first else ",\n") + dump({**data, "source": u, "target": v, "key": key}))
            first = False
            if _ends_part(u, v, key):
                if wants is None or number in wants:
                    yield "edge", number, "".join(lines), found
                lines, found, number = [], {}, number + 1
        if wants is None or number in wants:
            lines.append('"links":[],\n' if first else "\n],\n")
            yield "edge", number, "".join(lines) + '"multigraph":true,\n', found
    wants = wanted.get("node")
    if wants is not None and not wants:
        return
    lines, found, first, number = [], {}, True, 0
    for node, data in nodes(wants):
        if wants is None or number in wants:
            _seen(found, data)
            lines.append(('"nodes":[\n' if first else ",\n") + dump({**data, "id": node}))
        first = False
        if _ends_part(node):
            if wants is None or number in wants:
                yield "node", number, "".join(lines), found
            lines, found, number = [], {}, number + 1
    if wants is None or number in wants:
        lines.append('"nodes":[]}\n' if first else "\n]}\n")
        yield "node", number, "".join(lines), found


# What a reply node would only repeat from its post node (its ``conversation`` names the post): left
# out of the exports, which carry it once, on the post.
FROM_POST = ("category", "tags")


def export_items(G: nx.MultiDiGraph, scores: dict[str, dict[str, float]] | None = None):
    """Two callables for the exports: ``nodes(wanted=None)`` gives ``(node, data)`` in node order (attributes
    sorted, None left out, ``scores`` added as ``score_<name>``; with ``wanted``, a set of part numbers
    (:func:`_ends_part`), ``data`` is None outside those parts), ``edges()`` gives
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
    succ, raw_nodes = G._succ, G._node

    def nodes(wanted: set[int] | None = None):
        number = 0
        for node in order:
            if wanted is not None:  # only the parts wanted (_json_parts): the others' data is None
                here, number = number, number + _ends_part(node)
                if here not in wanted:
                    yield node, None
                    continue
            raw = raw_nodes[node]
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
    """What the exports' bytes come from besides the graph: this module's source, the libraries it uses and
    the zlib that compresses them."""
    return code_salt({"zlib": zlib.ZLIB_RUNTIME_VERSION}, ("networkx",), [Path(__file__)])


class ExportParts:
    """The parts of the exports made in earlier builds (``CACHE_PATH/conversation-map/export-parts.pickle``),
    read with ``LOAD_CONTENT_CACHE`` and written with ``CACHE_CONTENT``: each part gzip-compressed (a file
    of gzip parts one after the other is one gzip file), with the bytes of its text.

    A JSON part is filed under the hash of its text, a GraphML part under that of its JSON part's text and of
    GraphML's head (its keys). Beside them, what a part was last made of (:func:`write_exports`' quick keys:
    the graph's digest and the words in the part) names its JSON part and what GraphML's head needs of it,
    so that a rebuild makes no JSON text for a part whose graph and words are as they were. The record keeps
    the parts and names this build used, no others.

    >>> import tempfile
    >>> settings = {"CACHE_PATH": tempfile.mkdtemp(), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> parts = ExportParts(settings)
    >>> made = parts.get("a part", lambda: b"text"); parts.save()
    >>> again = ExportParts(settings)
    >>> again.get("a part", lambda: 1 / 0) == made, gzip.decompress(made[0]), made[1], again.made
    (True, b'text', 4, 0)
    """

    def __init__(self, settings: dict) -> None:
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.path = Path(settings.get("CACHE_PATH") or "cache") / "conversation-map" / "export-parts.pickle"
        self.salt = export_salt() if (self.load_enabled or self.save_enabled) else ""
        stored = load_store(self.path, self.salt, "export parts") if self.load_enabled else {}
        self._old: dict[str, tuple[bytes, int]] = stored.get("parts", {})
        self._new: dict[str, tuple[bytes, int]] = {}
        # a quick key -> the JSON parts' keys and what they found for GraphML's head (write_exports)
        self._old_named: dict[str, list] = stored.get("named", {})
        self._new_named: dict[str, list] = {}
        self.made = 0

    def has(self, key: str) -> bool:
        return key in self._old or key in self._new

    def named(self, quick: str) -> list | None:
        """The parts (JSON key, what it found) last made of what ``quick`` names, when all are kept."""
        found = self._new_named.get(quick) or self._old_named.get(quick)
        if found is None or not all(self.has(f"json {key}") for key, _ in found):
            return None
        self._new_named[quick] = found
        return found

    def name(self, quick: str, made: list) -> None:
        """Record that what ``quick`` names made the parts ``made`` (JSON key, what it found)."""
        self._new_named[quick] = made

    def get(self, key: str, text: Callable[[], bytes] | None) -> tuple[bytes, int]:
        """The part filed under ``key``, compressed, and the bytes of its text: kept, or made of ``text()``."""
        found = self._new.get(key) or self._old.get(key)
        if found is None:
            data = text()
            # like gzip.GzipFile: no name, time 0, so the same text gives the same bytes
            found = (gzip.compress(data, compresslevel=6, mtime=0), len(data))
            self.made += 1
        self._new[key] = found
        return found

    def save(self) -> None:
        if not self.save_enabled:
            return
        if self._new.keys() != self._old.keys() or self._new_named.keys() != self._old_named.keys():
            save_store(self.path, self.salt, {"parts": self._new, "named": self._new_named})
        # Earlier builds kept each whole file (exports.json, exports/): a restored cache lets go of them
        (self.path.parent / "exports.json").unlink(missing_ok=True)
        shutil.rmtree(self.path.parent / "exports", ignore_errors=True)


class _Output:
    """A file written part by part through a temporary file, and left as it was (its time too) when it holds
    those bytes already. ``compress`` writes the gzip parts as they are, else their text."""

    def __init__(self, path: Path, compress: bool) -> None:
        self.path, self.compress = path, compress
        self.tmp = path.with_name(path.name + ".tmp")
        self.hash = hashlib.sha256()
        self.size = self.text = 0

    def __enter__(self) -> _Output:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.tmp, "wb")
        return self

    def add(self, part: bytes, text: int) -> None:
        data = part if self.compress else gzip.decompress(part)
        self.handle.write(data)
        self.hash.update(data)
        self.size += len(data)
        self.text += text

    def _holds_it(self) -> bool:
        try:
            if self.path.stat().st_size != self.size:
                return False
            with open(self.path, "rb") as handle:
                return hashlib.file_digest(handle, "sha256").digest() == self.hash.digest()
        except OSError:  # not written yet
            return False

    def __exit__(self, kind, *_) -> None:
        self.handle.close()
        if kind is not None or self._holds_it():
            self.tmp.unlink()
        else:
            os.replace(self.tmp, self.path)
            logger.info("Writing %s", self.path)


def _quick_keys(G: nx.MultiDiGraph, graph_key: str, scores: dict | None) -> dict:
    """What each part of the exports is made of, in short: the edges' parts all together (the graph's digest,
    :func:`.kept_pages.graph_digest`, holds every line), and each nodes' part by itself (the digest, the
    scores, the part's number and the words of the replies in it, which the digest leaves out)."""
    scored = json.dumps(scores or {}, sort_keys=True, default=repr)
    base = hashlib.sha256(f"{graph_key}\0{scored}".encode()).hexdigest()
    node_keys, words, number = [], hashlib.sha256(), 0
    raw = G._node
    for node in sorted(G.nodes):
        data = raw[node]
        if data.get("kind") == "reply":
            words.update(repr((node, [data.get(name) for name in sorted(REPLY_WORDS)])).encode())
        if _ends_part(node):
            node_keys.append(f"node {base} {number} {words.hexdigest()}")
            words, number = hashlib.sha256(), number + 1
    node_keys.append(f"node {base} {number} {words.hexdigest()}")  # the last part (after the last end)
    return {"edge": f"edge {base}", "node": node_keys}


def write_exports(G: nx.MultiDiGraph, folder: Path, scores: dict[str, dict[str, float]] | None = None,
                  compress: bool = True, parts: ExportParts | None = None,
                  graph_key: str | None = None) -> dict[str, dict]:
    """``graph.json`` (node-link data) and ``graph.graphml`` of the whole network, in node and edge
    order; with ``compress``, gzip files named ``.gz`` (a tenth of the size; networkx and Gephi read them as
    they are). Returns, for ``json`` and ``graphml``, the file's ``name``, its ``size`` and its ``text`` size
    (opened), in words: what the conversations page says beside its links.

    ``scores`` (score name -> person node -> value, e.g. ``betweenness``) are added to the person
    nodes as ``score_<name>``: the raw figures the reader-facing pages put in words.

    Each file is written in parts (:func:`_json_parts`, a few hundred nodes or lines each), which ``parts``
    (:class:`ExportParts`) keeps between builds: a rebuild compresses, and makes the GraphML of, only the
    parts whose nodes or lines changed. With ``graph_key`` (the graph's :func:`.kept_pages.graph_digest`) it
    makes the JSON text only of the parts whose graph or words changed (:func:`_quick_keys`); without it, the
    JSON text of every part, to know which changed. A file that holds the same bytes already is not written
    again. No whole file's text is ever held in memory (at 100,000 replies, building the exports as strings
    doubled the build's peak).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> settings = {"CACHE_PATH": str(root / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> G = nx.MultiDiGraph([("a", "b", {"kind": "reply"})])
    >>> parts = ExportParts(settings); made = write_exports(G, root / "out", parts=parts); parts.save()
    >>> (root / "out" / "graph.json.gz").unlink()       # the next build starts from an empty folder
    >>> parts = ExportParts(settings); again = write_exports(G, root / "out", parts=parts)
    >>> again == made, parts.made, sorted(p.name for p in (root / "out").iterdir())
    (True, 0, ['graph.graphml.gz', 'graph.json.gz'])
    """
    nodes, edges = export_items(G, scores)
    names = export_names({"CONVERSATION_MAP_EXPORT_GZIP": compress})
    parts = parts if parts is not None else ExportParts({})
    quick = _quick_keys(G, graph_key, scores) if graph_key and (parts.load_enabled or parts.save_enabled) else None
    # scope -> part number -> (its JSON part's key, what it found for GraphML's head)
    done: dict[str, dict[int, tuple]] = {"edge": {}, "node": {}}
    wanted = None
    if quick is not None:
        done["edge"] = dict(enumerate(parts.named(quick["edge"]) or []))
        done["node"] = {number: part[0] for number, key in enumerate(quick["node"]) if (part := parts.named(key))}
        wanted = {"edge": set() if done["edge"] else None,
                  "node": {number for number in range(len(quick["node"])) if number not in done["node"]}}
    for scope, number, text, found in _json_parts(nodes, edges, wanted=wanted):
        data = text.encode()
        key = hashlib.sha256(data).hexdigest()
        parts.get(f"json {key}", lambda data=data: data)  # compressed now: the text is let go of
        done[scope][number] = (key, found)
    made = {scope: [done[scope][number] for number in range(len(done[scope]))] for scope in done}
    if quick is not None:
        parts.name(quick["edge"], made["edge"])
        for number, key in enumerate(quick["node"]):
            parts.name(key, [made["node"][number]])
    keys = _GraphmlKeys()
    for scope in ("edge", "node"):
        for _, found in made[scope]:
            keys.merge(scope, found)
    keys.items = G.number_of_nodes() + G.number_of_edges()
    with _Output(folder / names["json"], compress) as json_file:
        for scope in ("edge", "node"):
            for key, _ in made[scope]:
                json_file.add(*parts.get(f"json {key}", None))

    head, tail = keys.head, keys.tail
    made_with = hashlib.sha256(head.encode()).hexdigest()
    graphml_keys = {scope: [f"graphml {made_with} {key}" for key, _ in made[scope]] for scope in made}
    wanted = {scope: {n for n, key in enumerate(graphml_keys[scope]) if not parts.has(key)} for scope in made}
    if any(wanted.values()):  # the lines of the parts not kept, made and compressed a part at a time
        for scope, number, part in _graphml_parts(nodes, edges, keys, wanted):
            if number in wanted[scope]:
                parts.get(graphml_keys[scope][number], lambda part=part: part.encode())
    with _Output(folder / names["graphml"], compress) as graphml_file:
        graphml_file.add(*parts.get(f"graphml head {made_with}", head.encode))
        for scope in ("node", "edge"):
            for key in graphml_keys[scope]:
                graphml_file.add(*parts.get(key, None))
        graphml_file.add(*parts.get(f"graphml tail {tail!r}", tail.encode))
    return {kind: {"name": names[kind], "size": human_size(file.size), "text": human_size(file.text),
                   "compressed": compress}
            for kind, file in (("json", json_file), ("graphml", graphml_file))}


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
    cells: dict = {}  # each value made a cell once: a table repeats its names and pages thousands of times

    def cell(value):
        if type(value) is not str:
            return csv_cell(value)
        if value not in cells:
            cells[value] = csv_cell(value)
        return cells[value]

    writer.writerows([cell(v) for v in row] for row in rows)
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
