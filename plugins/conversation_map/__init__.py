"""Conversation map: posts and replies as a network of who builds on whose ideas.

Pipeline: :mod:`.graph` (build the networkx graph) → :mod:`.analysis` (pure functions)
→ :mod:`.layout` (positions at build time) → :mod:`.render` (pyvis → vis-network data)
→ :mod:`.generator` (pages, person pages, exports). Needs the ``replies`` plugin first.
"""

from __future__ import annotations

from pelican import signals

from .generator import ConversationMapGenerator
from .kept_pages import get_writer
from .later import release_written
from .mention_links import person_links
from .render import times
from .settings import check_settings


def initialize(pelican) -> None:
    check_settings(pelican.settings)


def add_filters(generator) -> None:
    """``{{ n|times }}`` in every template: "once", "2 times" (the words the maps use too); ``person_links``:
    a reply's @handles linked to the people they name (:mod:`.mention_links`)."""
    generator.env.filters.setdefault("times", times)
    generator.env.filters.setdefault("person_links", person_links)


def get_generators(pelican):
    return ConversationMapGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)  # post pages whose inputs did not change are kept (kept_pages.py)
    signals.content_written.connect(release_written)
