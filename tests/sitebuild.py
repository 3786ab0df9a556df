"""Build a real Pelican site from a content folder, for tests.

Every test that needs HTML builds it for real: the project's own ``pelicanconf.py``
(theme, plugins, settings) with the content and output paths pointed into ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

REPO = Path(__file__).resolve().parent.parent


def site_settings(content: Path, output: Path, **overrides) -> dict:
    """The project's settings with ``content`` and ``output`` swapped in."""
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / (output.name + "-cache")),
        "DELETE_OUTPUT_DIRECTORY": False,
        "LOAD_CONTENT_CACHE": False,
    }
    override.update(overrides)
    return read_settings(str(REPO / "pelicanconf.py"), override=override)


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Run a full Pelican build of ``content`` into ``output``; return ``output``."""
    Pelican(site_settings(content, output, **overrides)).run()
    return output


# The exports are gzip files by default (CONVERSATION_MAP_EXPORT_GZIP); tests read them through these.
TEXT_SUFFIXES = (".html", ".xml", ".json", ".graphml", ".csv")


def read_text(path: Path) -> str:
    """A text file of the output, opened whether it is gzip (``.gz``) or not."""
    import gzip

    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def export_path(output: Path, name: str) -> Path:
    """``conversations/graph.json`` or ``graph.graphml`` of a build, as written (``.gz`` or not)."""
    folder = output / "conversations"
    return folder / f"{name}.gz" if (folder / f"{name}.gz").is_file() else folder / name


def read_graph_json(output: Path) -> dict:
    """The node-link data of a build's ``graph.json`` export."""
    import json

    return json.loads(read_text(export_path(output, "graph.json")))


def text_files(output: Path):
    """``(path, text)`` of every text file of the output, the gzip exports opened."""
    for path in sorted(output.rglob("*")):
        inner = path.suffixes[-2] if path.suffix == ".gz" and len(path.suffixes) > 1 else path.suffix
        if path.is_file() and inner in TEXT_SUFFIXES:
            yield path, read_text(path)
