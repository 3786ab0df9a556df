"""Atom feeds of replies: one per post, one for the whole site."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri

from .model import Reply
from .sanitize import plain_text

logger = logging.getLogger(__name__)


def _absolute(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}" if siteurl else url


def write_feed(replies: list[Reply], path: Path, *, title: str, link: str, siteurl: str,
               feed_url: str) -> None:
    """Write an Atom feed of ``replies`` (newest first) to ``path``.

    Nothing is written for an empty list: a feed's ``updated`` date would otherwise be
    the build time, and the output would change on every build.
    """
    if not replies:
        return
    feed = Atom1Feed(title=title, link=_absolute(siteurl, link), feed_url=_absolute(siteurl, feed_url),
                     description="")
    posts: dict[str, tuple[str, str]] = {}  # post slug -> (title as plain text, URL), worked out once
    for reply in sorted(replies, key=lambda r: (r.date, r.key), reverse=True):
        if reply.post_slug not in posts:
            posts[reply.post_slug] = (" ".join(plain_text(str(getattr(reply.article, "title", reply.post_slug)))
                                               .split()), getattr(reply.article, "url", ""))
        post_title, post_url = posts[reply.post_slug]
        url = _absolute(siteurl, f"{post_url}#{reply.anchor}")
        feed.add_item(
            title=f"{reply.author} on “{post_title}”",
            link=url,
            unique_id=get_tag_uri(url, reply.date),
            description=str(reply.body_html),
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
    logger.info("Writing %s", path)
