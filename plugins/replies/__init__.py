"""Replies: threaded replies stored as files beside the posts they answer.

Pipeline: :mod:`.reader` (files to :class:`.model.Reply`) → :mod:`.threads` (parents,
cycles, order) → :mod:`.generator` (attach to posts, write feeds). See ``docs/formats.md``.
"""

from __future__ import annotations

import logging

from pelican import signals

from .generator import RepliesGenerator
from .reply_links import ReplyLinksGenerator
from .settings import check_settings

logger = logging.getLogger(__name__)


def initialize(pelican) -> None:
    """Check settings and make sure reply files never become articles or pages."""
    settings = check_settings(pelican.settings)
    for folder in (settings["REPLIES_PATH"], settings["REPLIES_LEGACY_PATH"]):
        if not folder:
            continue
        for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
            excludes = list(settings.get(key) or [])
            if folder not in excludes:
                excludes.append(folder)
            settings[key] = excludes


def get_generators(pelican):
    return (RepliesGenerator, ReplyLinksGenerator)


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
