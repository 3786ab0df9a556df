"""Atom feeds of replies: one per post, one for the whole site."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri

from .cache import code_salt
from .kept_files import KeptFiles
from .model import Reply, quoted
from .sanitize import plain_text
from .site_links import resolve

logger = logging.getLogger(__name__)


def _absolute(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}" if siteurl else url


#: The code a feed's bytes come from besides its inputs: a change to any of these (or to feedgenerator)
#: makes every feed again, as the other caches' salts do.
FEED_CODE = ("feeds.py", "model.py", "sanitize.py", "site_links.py")


def feed_salt() -> str:
    """feedgenerator's version and the source of :data:`FEED_CODE`, hashed."""
    here = Path(__file__).parent
    return code_salt({}, ("feedgenerator",), [here / name for name in FEED_CODE])


class FeedCache(KeptFiles):
    """The reply feeds kept between builds (:class:`.kept_files.KeptFiles`): ``CACHE_PATH/replies/feeds.json``
    and ``CACHE_PATH/replies/feeds/<key>``, keyed by the hash of a feed's inputs (:func:`feed_inputs`)
    salted with :func:`feed_salt`."""

    def __init__(self, settings: dict) -> None:
        super().__init__(settings, "replies", "feeds", feed_salt, "the reply feeds")


def feed_inputs(replies: list[Reply], html_of=lambda reply: str(reply.body_html), **fields: str) -> str:
    """A hash of everything a feed is made of (the key of :class:`FeedCache`); ``html_of`` gives a
    reply's HTML as the feed carries it."""
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode())
    posts: dict[str, list[str]] = {}
    for reply in replies:
        if reply.post_slug not in posts:
            posts[reply.post_slug] = [str(getattr(reply.article, "title", "")), getattr(reply.article, "url", "")]
        digest.update(json.dumps([reply.key, reply.date.isoformat(), reply.author, reply.author_url,
                                  reply.anchor, html_of(reply)]).encode())
    digest.update(json.dumps(posts, sort_keys=True).encode())
    return digest.hexdigest()


def write_feed(replies: list[Reply], path: Path, *, title: str, link: str, siteurl: str,
               feed_url: str, cache: FeedCache | None = None, max_items: int | None = None,
               site_links: dict | None = None) -> None:
    """Write an Atom feed of ``replies`` (newest first) to ``path``; with ``max_items``, only the
    newest that many (a feed reader wants what is new; the page keeps every reply).

    Nothing is written for an empty list: a feed's ``updated`` date would otherwise be
    the build time, and the output would change on every build. With ``cache``, a feed
    whose inputs did not change since it was written is left alone.
    """
    if not replies:
        return
    replies = sorted(replies, key=lambda r: (r.date, r.key), reverse=True)[:max_items]
    site_links = site_links or {}

    def html_of(reply: Reply) -> str:  # a link to a post by its file, with the site's address (site_links.py)
        targets = site_links.get(reply.key)
        return resolve(str(reply.body_html), targets, siteurl.rstrip("/")) if targets else str(reply.body_html)

    inputs = None
    if cache is not None and (cache.load_enabled or cache.save_enabled):
        inputs = feed_inputs(replies, html_of, title=title, link=link, siteurl=siteurl, feed_url=feed_url)
        if cache.fresh(path, inputs):
            return
    feed = Atom1Feed(title=title, link=_absolute(siteurl, link), feed_url=_absolute(siteurl, feed_url),
                     description="")
    posts: dict[str, tuple[str, str]] = {}  # post slug -> (title as plain text, URL), worked out once
    for reply in replies:
        if reply.post_slug not in posts:
            posts[reply.post_slug] = (" ".join(plain_text(str(getattr(reply.article, "title", reply.post_slug)))
                                               .split()), getattr(reply.article, "url", ""))
        post_title, post_url = posts[reply.post_slug]
        url = _absolute(siteurl, f"{post_url}#{reply.anchor}")
        feed.add_item(
            title=f"{reply.author} on {quoted(post_title)}",
            link=url,
            unique_id=get_tag_uri(url, reply.date),
            description=html_of(reply),
            content=None,
            author_name=reply.author,
            author_link=reply.author_url,
            pubdate=reply.date,
            updateddate=reply.date,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
    os.replace(tmp, path)
    if inputs is not None:
        cache.wrote(path, inputs)
    logger.info("Writing %s", path)
