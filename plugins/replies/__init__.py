"""Replies: threaded replies stored as files beside the posts they answer.

Pipeline: :mod:`.reader` (files to :class:`.model.Reply`) → :mod:`.threads` (parents,
cycles, order) → :mod:`.generator` (attach to posts, write feeds). See ``docs/formats.md``.
"""

from __future__ import annotations

import logging

from pelican import signals

from .cache import forget_deleted_posts, forget_posts_read_otherwise
from .generator import RepliesGenerator
from .heap import leave_the_heap_at_exit, release
from .language import written_in
from .model import quoted
from .post_emails import articles_ready, install_log_filters, pages_ready, static_ready
from .privacy import EMAIL_RE, redact
from .reply_links import ReplyLinksGenerator
from .settings import check_settings
from .site_links import site_links_filter
from .templating import set_up_templates

logger = logging.getLogger(__name__)


def initialize(pelican) -> None:
    """Check settings, make sure reply files never become articles or pages, and drop Pelican's posts
    cache if it was read with other settings."""
    settings = check_settings(pelican.settings)
    forget_posts_read_otherwise(settings)
    for folder in (settings["REPLIES_PATH"], settings["REPLIES_LEGACY_PATH"]):
        if not folder:
            continue
        for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
            excludes = list(settings.get(key) or [])
            if folder not in excludes:
                excludes.append(folder)
            settings[key] = excludes
    # Editor and OS leftovers are never content (a macOS "._post.md" is not UTF-8).
    ignore = list(settings.get("IGNORE_FILES") or [])
    settings["IGNORE_FILES"] = ignore + [p for p in ("._*", "*~", ".#*", "#*#") if p not in ignore]
    author = settings.get("AUTHOR")
    if isinstance(author, str) and EMAIL_RE.search(author) and settings["REPLIES_POST_EMAILS"] == "hide":
        settings["AUTHOR"] = redact(author)
        logger.warning("AUTHOR setting held an email address; hidden on every page (REPLIES_POST_EMAILS)")


def add_filters(generator) -> None:
    """``{{ title|quoted }}`` in every template: “On Slow Reading”, and „Ein Titel“ as it is; and
    ``{{ reply.body_html|site_links(reply.key) }}`` (:mod:`.site_links`); ``{{ article|written_in(DEFAULT_LANG) }}``,
    the language its words are marked with when not the site's (:mod:`.language`)."""
    generator.env.filters.setdefault("quoted", quoted)
    generator.env.filters.setdefault("site_links", site_links_filter)
    generator.env.filters.setdefault("written_in", written_in)


def get_generators(pelican):
    return (RepliesGenerator, ReplyLinksGenerator)


def register() -> None:
    install_log_filters()
    leave_the_heap_at_exit()
    signals.initialized.connect(initialize)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(set_up_templates)
    signals.get_generators.connect(get_generators)
    signals.article_generator_init.connect(forget_deleted_posts)
    signals.page_generator_init.connect(forget_deleted_posts)
    signals.article_generator_pretaxonomy.connect(articles_ready)
    signals.page_generator_finalized.connect(pages_ready)
    signals.static_generator_finalized.connect(static_ready)
    signals.finalized.connect(release)
