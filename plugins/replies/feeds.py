"""Atom feeds of replies: one per post, one for the whole site."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri

from .cache import code_salt
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


class FeedCache:
    """Skips making a feed whose inputs are what an earlier build made it from.

    ``CACHE_PATH/replies/feeds.json`` maps each feed file to the key of its inputs and the hash of
    the bytes written, and ``CACHE_PATH/replies/feeds/<key>`` keeps those bytes (a hard link to the
    written file where the file system allows, else a copy). The key is the hash of the feed's
    inputs (:func:`feed_inputs`) salted with :func:`feed_salt`, so a change to the code that writes
    feeds makes them all again. A feed whose key did not change is left as it is when its file is
    still there, or put back from the kept copy when the build started from an empty output folder
    (``DELETE_OUTPUT_DIRECTORY``); either is used only when its bytes still hash to what was
    written. Same switches as Pelican's content cache: ``LOAD_CONTENT_CACHE`` reads,
    ``CACHE_CONTENT`` writes; kept copies no build used are deleted when the cache is saved. A
    kept copy that cannot be written or read is only a cache miss.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> settings = {"CACHE_PATH": str(root / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> feed = root / "out" / "feeds" / "a.atom.xml"
    >>> cache = FeedCache(settings)
    >>> cache.fresh(feed, "inputs-1")
    False
    >>> feed.parent.mkdir(parents=True); _ = feed.write_text("<feed/>"); cache.wrote(feed, "inputs-1"); cache.save()
    >>> feed.unlink()                      # the next build starts from an empty output folder
    >>> again = FeedCache(settings)
    >>> again.fresh(feed, "inputs-2"), again.fresh(feed, "inputs-1"), feed.read_text()
    (False, True, '<feed/>')
    >>> again.salt = "other code"          # the code that writes feeds changed: made again
    >>> again.fresh(feed, "inputs-1")
    False
    """

    def __init__(self, settings: dict) -> None:
        folder = Path(settings.get("CACHE_PATH") or "cache") / "replies"
        self.path = folder / "feeds.json"
        self.kept = folder / "feeds"
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.salt = feed_salt() if (self.load_enabled or self.save_enabled) else ""
        self.old: dict[str, list[str]] = {}
        self.new: dict[str, list[str]] = {}
        self._warned = False
        if self.load_enabled:
            try:
                self.old = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.old = {}

    def key(self, inputs: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{inputs}".encode()).hexdigest()

    def fresh(self, path: Path, inputs: str) -> bool:
        """True when ``path`` holds what these inputs gave last time: kept as it is, or put back
        from the kept copy."""
        key = self.key(inputs)
        entry = self.old.get(str(path))
        if entry is None or entry[0] != key:
            return False
        if _holds(path, entry[1]):
            if self.save_enabled and not (self.kept / key).is_file():  # kept from now on
                self._keep(path, key)
        elif not self._put_back(path, key, entry[1]):
            return False
        self.new[str(path)] = entry
        return True

    def _put_back(self, path: Path, key: str, digest: str) -> bool:
        kept = self.kept / key
        if not _holds(kept, digest):
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            _link_or_copy(kept, path)
        except OSError:  # gone meanwhile (another build pruned it), say: made again
            return False
        return True

    def wrote(self, path: Path, inputs: str) -> None:
        key = self.key(inputs)
        self.new[str(path)] = [key, hashlib.sha256(path.read_bytes()).hexdigest()]
        if self.save_enabled:
            self._keep(path, key)

    def _keep(self, path: Path, key: str) -> None:
        tmp = self.kept / f"{key}.tmp"
        try:
            self.kept.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)
            _link_or_copy(path, tmp)
            os.replace(tmp, self.kept / key)
        except OSError as exc:  # no kept copy: the next build makes this feed again
            if not self._warned:
                self._warned = True
                logger.warning("%s: could not keep a copy of the reply feeds (%s); they are made again "
                               "on every build", self.kept, exc)

    def save(self) -> None:
        if not self.save_enabled:
            return
        if self.new != self.old:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.new, sort_keys=True, indent=0), encoding="utf-8")
        used = {entry[0] for entry in self.new.values()}
        if self.kept.is_dir():
            for name in os.listdir(self.kept):
                if name not in used:
                    (self.kept / name).unlink(missing_ok=True)


def _holds(path: Path, digest: str) -> bool:
    """Whether ``path`` is a file whose bytes hash to ``digest``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link (no bytes written twice), or a copy where the file system has none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


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
