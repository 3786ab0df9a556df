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
