"""The posts already in the content folder, found by slug or by the URL they had on the old site.

Importers that bring only replies (Disqus, webmentions, Staticman) attach them to these
posts; the WordPress importers use them to avoid a second copy of a post and to turn links
between posts into internal ``{filename}`` links.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from replies.authoring import read_post_metadata  # one reader of a post's metadata for both packages
from replies.post_emails import neutral_slugs_of  # a post's slug as the build gives it

from .htmltext import slugify

logger = logging.getLogger(__name__)

POST_SUFFIXES = (".md", ".markdown", ".mkd", ".html", ".htm", ".rst")
# Folders of the content tree that hold no posts.
NOT_POSTS = frozenset({"replies", "comments", "pages", "images", "static", "extra"})
_WP_POST_ID = re.compile(r"^wordpress:(?P<host>[^:]+):post:(?P<id>\d+)$")


@dataclass
class KnownPost:
    """A post of the content folder (or one an import is about to write)."""

    slug: str
    relpath: str
    title: str = ""
    author: str = ""
    source_id: str = ""
    original_url: str = ""


def normalize_url(url: str | None, base: str | None = None) -> str | None:
    """A comparable form of a post URL: no scheme, no ``www.``, no trailing slash or fragment.

    Examples
    --------
    >>> normalize_url("https://www.Example.org/2012/01/hello/#comment-3")
    'example.org/2012/01/hello'
    >>> normalize_url("/?p=422&utm_source=x", base="http://thisisa.test/with-comments/")
    'thisisa.test?p=422'
    >>> normalize_url("mailto:a@b.org") is None
    True
    """
    if not url:
        return None
    url = url.strip()
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    host = host[4:] if host.startswith("www.") else host
    path = unquote(parts.path)
    path = re.sub(r"/(?:index\.(?:html?|php))?$", "", path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    tail = f"?{urlencode(sorted(query))}" if query else ""
    return f"{host}{path}{tail}"


def url_host(url: object) -> str:
    """The host of ``url``, lower case; "" for none, or for what is not an address.

    >>> url_host("https://WWW.Example.org/a"), url_host("http://[::1"), url_host(None)
    ('www.example.org', '', '')
    """
    try:
        return (urlsplit(url).hostname or "").lower() if isinstance(url, str) else ""
    except ValueError:
        return ""


def url_slug_candidates(url: str) -> list[str]:
    """Slugs a URL's last path segment may stand for (``.../hello/index.html`` gives ``hello``).

    Examples
    --------
    >>> url_slug_candidates("http://localhost:4000/blog/2013/02/12/redacted/index.html")
    ['redacted']
    >>> url_slug_candidates("https://site.example/posts/on-slow-reading.html")
    ['on-slow-reading']
    """
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return []
    segments = [s for s in path.split("/") if s]
    if segments and re.fullmatch(r"index\.(?:html?|php)", segments[-1], re.IGNORECASE):
        segments.pop()
    if not segments:
        return []
    last = re.sub(r"\.(?:html?|php|md)$", "", segments[-1], flags=re.IGNORECASE)
    out = []
    for candidate in (last, last.lower(), slugify(last)):
        if candidate and candidate not in out:
            out.append(candidate)
    return out


class PostIndex:
    """Posts by slug and by every URL they were known under."""

    def __init__(self) -> None:
        self.by_slug: dict[str, KnownPost] = {}
        self.by_url: dict[str, KnownPost] = {}

    def __len__(self) -> int:
        return len(self.by_slug)

    def add(self, post: KnownPost, urls: list[str] | tuple[str, ...] = ()) -> None:
        """Add (or replace) a post, reachable by its slug, original URL and ``urls``."""
        self.by_slug[post.slug] = post
        for url in (post.original_url, *urls, *self._derived_urls(post)):
            key = normalize_url(url)
            if key:
                self.by_url.setdefault(key, post)

    @staticmethod
    def _derived_urls(post: KnownPost) -> list[str]:
        match = _WP_POST_ID.match(post.source_id or "")
        if not match:
            return []
        return [f"http://{match['host']}/?p={match['id']}"]

    def find_slug(self, slug: str) -> KnownPost | None:
        """The post with this slug (also tried without a leading ``YYYY-MM-DD-``)."""
        if not slug:
            return None
        for candidate in (slug, slug.lower(), re.sub(r"^\d{4}-\d{2}-\d{2}-", "", slug), slugify(slug)):
            if candidate in self.by_slug:
                return self.by_slug[candidate]
        return None

    def find_url(self, url: str | None, *, by_slug: bool = True) -> KnownPost | None:
        """The post a URL leads to: an exact (normalized) match, else one whose slug is the
        URL's last path segment (when ``by_slug``)."""
        key = normalize_url(url)
        if key and key in self.by_url:
            return self.by_url[key]
        if not by_slug or not url:
            return None
        for candidate in url_slug_candidates(url):
            if candidate in self.by_slug:
                return self.by_slug[candidate]
        return None


def scan_content(content_dir: Path) -> PostIndex:
    """Index the posts of ``content_dir`` (every post file outside replies, comments, pages).

    Parameters
    ----------
    content_dir : Path
        The Pelican content folder (it need not exist yet).

    Returns
    -------
    PostIndex
        Each post by its slug (the ``Slug`` metadata, or the slugified title as Pelican
        does, or the file name) and by its ``original-url``.
    """
    index = PostIndex()
    if not content_dir.is_dir():
        return index
    metas = {}
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if (not path.is_file() or path.suffix.lower() not in POST_SUFFIXES
                or any(part.startswith(".") for part in rel.parts)
                or (len(rel.parts) > 1 and rel.parts[0] in NOT_POSTS)):
            continue
        metas[path] = read_post_metadata(path)
    # a slug that would show an email: the build gives the post a neutral one, numbered as it numbers them
    files = {path.relative_to(content_dir).as_posix(): path for path in metas}
    slugs = {rel: metas[path].get("slug") or slugify(metas[path].get("title", "")) or slugify(path.stem)
             for rel, path in files.items()}
    slugs.update(neutral_slugs_of(files, content_dir, {}, slugs, metas.__getitem__))
    for rel, path in files.items():
        meta, slug = metas[path], slugs[rel]
        if not slug:
            continue
        post = KnownPost(slug=slug, relpath=rel, title=meta.get("title", ""),
                         author=meta.get("author", ""), source_id=meta.get("source-id", ""),
                         original_url=meta.get("original-url", ""))
        if slug in index.by_slug:
            logger.warning("%s: slug %r is also used by %s", path, slug, index.by_slug[slug].relpath)
            continue
        index.add(post)
    logger.debug("%s: %d posts found", content_dir, len(index))
    return index


_HREF_RE = re.compile(r"""(?P<attr>\bhref\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""", re.IGNORECASE | re.DOTALL)


def rewrite_links(fragment: str, index: PostIndex, *, base: str | None = None,
                  own_slug: str | None = None) -> tuple[str, int]:
    """Turn links to known posts into Pelican internal links (``{filename}/imported/...``).

    Only exact URL matches count (never a guess from the last path segment), and a link to
    the post itself (``#comment-3``) is left alone.

    Returns
    -------
    tuple of (str, int)
        The fragment and how many links were rewritten.

    Examples
    --------
    >>> idx = PostIndex()
    >>> idx.add(KnownPost("b", "imported/wordpress/b.html", original_url="http://ex.org/b/"))
    >>> rewrite_links('<a href="https://ex.org/b/#c1">B</a> <a href="/b/">B</a>', idx, base="http://ex.org/a/")
    ('<a href="{filename}/imported/wordpress/b.html#c1">B</a> <a href="{filename}/imported/wordpress/b.html">B</a>', 2)
    """
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        url = html.unescape(match["url"]).strip()
        if not url or url.startswith(("#", "{", "mailto:", "javascript:")):
            return match.group()
        try:
            post = index.find_url(urljoin(base, url) if base else url, by_slug=False)
            fragment_id = urlsplit(url).fragment
        except ValueError:  # "http://[broken/": left as written (the sanitizer judges it later)
            return match.group()
        if post is None or post.slug == own_slug:
            return match.group()
        target = "{filename}/" + post.relpath + (f"#{fragment_id}" if fragment_id else "")
        count += 1
        return f"{match['attr']}{match['q']}{html.escape(target, quote=True)}{match['q']}"

    return _HREF_RE.sub(replace, fragment), count


def missing_posts_advice(what: str, unmatched: int, index: PostIndex, example_url: str | None,
                         create_option: str | None = None) -> str:
    """What to tell a user whose import found ``unmatched`` items for posts the content folder lacks.

    Replies, mentions and comments are attached to posts that exist; an import of them alone
    into a site without those posts brings nothing in.

    Examples
    --------
    >>> advice = missing_posts_advice("webmentions", 3, PostIndex(), "https://blog.example/2019/on-tea/")
    >>> advice[:95]
    'The content folder has no posts yet, so none of the 3 webmentions could be attached: they are a'
    >>> "invoke import-wordpress EXPORT.xml" in advice, "Slug: on-tea for https://blog.example/2019/on-tea/" in advice
    (True, True)
    """
    if len(index):
        head = (f"{unmatched} {what} are for posts that are not in the content folder (their addresses are "
                "in the notes above).")
    else:
        head = (f"The content folder has no posts yet, so none of the {unmatched} {what} could be attached: "
                "they are attached to posts that exist.")
    slug = next(iter(url_slug_candidates(example_url or "")), "")
    example = (f" (a post whose Slug is the last part of its address, e.g. Slug: {slug} for {example_url})"
               if slug else "")
    text = (f"{head} Import the blog's posts first (invoke import-wordpress EXPORT.xml with the blog's "
            f"WordPress export, or invoke import-html for saved post pages), or write them{example}, then "
            "run this import again.")
    if create_option:
        text += f" Or run it with {create_option} to create a minimal post for each address."
    return text

