"""Files beside the pages: ``graph.json`` and ``graph.graphml``, and the vis-network asset."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import networkx as nx
import pyvis

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


def write_exports(G: nx.MultiDiGraph, folder: Path) -> None:
    """``graph.json`` (node-link data) and ``graph.graphml`` of the whole network."""
    export = nx.MultiDiGraph()
    for node in sorted(G.nodes):
        export.add_node(node, **{k: v for k, v in sorted(G.nodes[node].items()) if v is not None})
    for u, v, key in sorted(G.edges(keys=True)):
        export.add_edge(u, v, key=key, **G.edges[u, v, key])
    data = nx.node_link_data(export, edges="links")
    atomic_write(folder / "graph.json", json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    lines = "\n".join(nx.generate_graphml(export, prettyprint=True))
    atomic_write(folder / "graph.graphml", lines + "\n")
    logger.info("Writing %s and %s", folder / "graph.json", folder / "graph.graphml")
