"""Import a saved WordPress post page (a file or a URL): the post and its whole comment thread.

When there is no export to be had (a closed blog, a page in the Web Archive), the rendered
page still holds the post and its comments. The common markups are read:

* core HTML5 walker: ``ol.comment-list > li#comment-N > article.comment-body >
  footer.comment-meta`` (``.comment-author .fn``, ``time[datetime]``), ``div.comment-content``,
  replies in ``ol.children``;
* Twenty Twelve style: ``li#li-comment-N > article#comment-N`` with ``header.comment-meta``
  and ``section.comment-content``;
* the legacy HTML4 walker: ``ol.commentlist > li#comment-N > div.comment-body`` with
  ``cite.fn``, dates as text in ``.commentmetadata``, replies in ``ul.children``;
* pingbacks and trackbacks (``li.pingback``, ``li.trackback``) become ``Kind: pingback``;
* the post author's comments (``bypostauthor``) carry the post's author name.

Comments keep the WordPress ids (``wp-<N>``, ``Source-Id: wordpress:<host>:<N>``), exactly as
the WXR importer writes them, so importing the export and a saved page of the same blog
never gives the same comment twice.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from .dates import parse_date
from .fetch import fetch, is_http_url
from .htmltext import clean_fragment, html_blocks, inner_html, plain, slugify, strip_comments
from .limits import check_html
from .model import REPLY_ID_RE, ImportedPost, ImportedReply, ImportFailed, ImportReport
from .pipeline import finish, place_post
from .safety import clean_name, safe_url
from .site import KnownPost, rewrite_links, scan_content, url_slug_candidates
from .threads import Candidate, resolve_thread

logger = logging.getLogger(__name__)

SOURCE_KIND = "wordpress"
NOISE = (
    "script", "style", "noscript", "form", ".sharedaddy", "#jp-post-flair", ".jp-relatedposts",
    ".wpcnt", "[id^=atatags]", ".post-navigation", ".comments-area", "#comments", ".wp-block-buttons form",
)
CONTENT = (".entry-content", ".post-content", ".entry")
COMMENT_LISTS = ("ol.comment-list", "ol.commentlist", "ul.comment-list", "ul.commentlist",
                 "#comments ol", "#comments ul")
_COMMENT_ID = re.compile(r"^(?:li-|div-)?comment-(\d+)$")


def load_page(source: str | Path, *, timeout: float = 30.0) -> tuple[BeautifulSoup, str, str | None]:
    """Read a saved page from a file or fetch it from an http(s) URL.

    Returns
    -------
    tuple of (BeautifulSoup, str, str or None)
        The parsed page, how to name it in messages, and its URL when fetched.
    """
    if is_http_url(str(source)):
        url = str(source).strip()
        data = fetch(url, timeout=timeout, accept="text/html,application/xhtml+xml")
        check_html(data, url)
        return BeautifulSoup(data, "html.parser"), url, url
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    check_html(data, str(path))  # size and nesting limits, before the parser
    return BeautifulSoup(data, "html.parser"), str(path), None


def _meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    return (tag.get("content") or "").strip() if tag else ""


def _first(scope: Tag, *selectors: str) -> Tag | None:
    for selector in selectors:
        found = scope.select_one(selector)
        if found is not None:
            return found
    return None


def _comment_number(*values: str | None) -> str:
    for value in values:
        match = _COMMENT_ID.match(value or "")
        if match:
            return match.group(1)
    return ""


def read_post(soup: BeautifulSoup, name: str, url: str | None, report: ImportReport) -> tuple[ImportedPost, Tag | None]:
    """The post of a saved page, and the page's comment list (or None)."""
    comment_list = _first(soup, *COMMENT_LISTS)
    article = None
    for candidate in soup.select("article.post, article[id^=post-], div[id^=post-], .hentry, article"):
        if _first(candidate, *CONTENT) is not None and (
                comment_list is None or comment_list not in candidate.descendants):
            article = candidate
            break
    scope = article or soup
    content = _first(scope, *CONTENT)
    title_el = _first(scope, ".entry-title", ".post-title", "h1", "h2") if article else _first(
        scope, ".entry-title", "h1.post-title", "h1")
    title = plain(title_el.decode_contents()) if title_el else ""
    title = title or _meta(soup, property="og:title") or (plain(soup.title.string or "") if soup.title else "")
    if content is None and comment_list is None:
        raise ImportFailed(f"{name}: no WordPress post found: the page has no .entry-content and no "
                           "comment list (ol.comment-list / ol.commentlist); is it a saved post page?")
    if not title:
        raise ImportFailed(f"{name}: no post title found (.entry-title, og:title or <title>)")

    canonical = soup.find("link", rel="canonical")
    bookmark = scope.select_one("a[rel~=bookmark]") if article else None
    page_url = (safe_url(canonical.get("href") if canonical else None)
                or safe_url(_meta(soup, property="og:url"))
                or safe_url(bookmark.get("href") if bookmark else None) or safe_url(url))
    author_el = _first(scope, ".byline .author .fn", ".author.vcard .fn", ".entry-meta .author a",
                       "a[rel~=author]", ".author .fn", ".byline a", ".entry-author")
    author = clean_name(author_el.get_text(" ")) if author_el else ""
    author = author or clean_name(_meta(soup, name="author"))
    time_el = _first(scope, "time.entry-date[datetime]", "time.published[datetime]",
                     ".entry-meta time[datetime]", ".posted-on time[datetime]")
    date = parse_date(time_el.get("datetime")) if time_el else None
    date = date or parse_date(_meta(soup, property="article:published_time"))
    if not date:
        abbr = _first(scope, "abbr.published[title]")
        date = parse_date(abbr.get("title")) if abbr else None
    if not date:
        text_el = _first(scope, ".entry-date", ".posted-on", ".entry-meta", ".post-date", ".date",
                         "small", ".postmetadata")
        date = parse_date(text_el.get_text(" "), fuzzy=True) if text_el else None
    if not date:
        raise ImportFailed(f"{name}: no post date found (time.entry-date[datetime], "
                           "article:published_time or a date in .entry-meta)")

    body = ""
    if content is not None:
        body_el = copy.copy(content)
        strip_comments(body_el)
        body = clean_fragment(inner_html(body_el), drop=NOISE)
    categories = [plain(a.decode_contents()) for a in scope.select("a[rel~=category]")]
    tags = [plain(a.decode_contents()) for a in scope.select("a[rel~=tag]")
            if "category" not in (a.get("rel") or [])]
    host = (urlsplit(page_url).hostname or "").lower() if page_url else ""
    post_number = ""
    if article is not None:
        match = re.match(r"^post-(\d+)$", article.get("id") or "")
        post_number = match.group(1) if match else ""
    slug = ""
    if page_url:
        slug = next((slugify(c) for c in url_slug_candidates(page_url) if slugify(c)), "")
    slug = slug or slugify(title) or (f"post-{post_number}" if post_number else "")
    if not slug:
        raise ImportFailed(f"{name}: cannot make a slug for the post (no URL, title or id)")
    site = host or f"file:{Path(name).stem}"
    source_id = (f"wordpress:{site}:post:{post_number}" if post_number
                 else f"wordpress:{site}:url:{page_url or slug}")
    post = ImportedPost(slug=slug, title=title, date=date, body=body, source_id=source_id,
                        source_kind=SOURCE_KIND, author=author,
                        category=next((c for c in categories if c), ""), tags=[t for t in tags if t],
                        original_url=page_url)
    return post, comment_list


def _own_part(item: Tag) -> Tag:
    """The part of a comment ``li`` that is the comment itself, without the replies below it."""
    for element in item.find_all(recursive=False):
        classes = element.get("class") or []
        ident = element.get("id") or ""
        if element.name in ("article", "div") and (
                "comment-body" in classes or "comment" in classes or _COMMENT_ID.match(ident)):
            return element
    own = copy.copy(item)
    for nested in own.find_all(["ol", "ul"], recursive=False):
        nested.decompose()
    return own


def _child_lists(item: Tag) -> list[Tag]:
    return [el for el in item.find_all(["ol", "ul"], recursive=False)
            if "children" in (el.get("class") or [])]


def read_comments(comment_list: Tag, post: ImportedPost, target_slug: str, target_author: str,
                  name: str, report: ImportReport) -> list[ImportedReply]:
    """The comments of a saved page, threaded by their nesting."""
    site = post.source_id.split(":")[1] if post.source_id.count(":") >= 2 else "page"
    candidates: list[Candidate] = []
    undated = 0
    previous_date = post.date
    stack = [(li, None) for li in reversed(comment_list.find_all("li", recursive=False))]
    while stack:
        item, parent = stack.pop()
        classes = item.get("class") or []
        own = _own_part(item)
        number = _comment_number(item.get("id"), own.get("id"))
        if not number:
            reply_link = own.select_one("[data-commentid]")
            number = (reply_link.get("data-commentid") or "") if reply_link else ""
            number = number if number.isdigit() else ""
        is_ping = "pingback" in classes or "trackback" in classes
        time_el = own.select_one("time[datetime]")
        date = parse_date(time_el.get("datetime")) if time_el else None
        if not date:
            meta = _first(own, ".comment-metadata a", ".commentmetadata a", ".comment-meta a",
                          ".comment-meta", ".commentmetadata")
            date = parse_date(meta.get_text(" "), fuzzy=True) if meta else None
        if not date:
            undated += 1
            date = previous_date
        previous_date = date

        status, keep, reason = "published", True, ""
        if is_ping:
            link = own.find("a", class_="url") or own.find("a", href=True)
            source_url = safe_url(link.get("href")) if link else None
            author = clean_name(link.get_text(" ")) if link else ""
            author = author or (urlsplit(source_url).hostname if source_url else "") or "Pingback"
            body = _ping_excerpt(own, link)
            kind = "pingback"
            if source_url is None:
                keep, reason = False, "pingback without an http(s) source URL"
            author_url = None
        else:
            kind, source_url = "reply", None
            fn = _first(own, ".comment-author .fn", "cite.fn", "b.fn", ".fn", ".comment-author")
            author = clean_name(fn.get_text(" ")) if fn else ""
            if fn is not None:
                link = fn if fn.name == "a" else fn.find("a", href=True)
                author_url = safe_url(link.get("href")) if link is not None else None
            else:
                author_url = None
            if own.select_one(".comment-awaiting-moderation") is not None:
                status = "pending"
            body = _comment_body(own)
            if "bypostauthor" in classes and target_author:
                author = target_author
                report.by_post_author += 1
        text_key = f"{author}|{date}|{body}"
        rid = f"wp-{number}" if number else "wp-" + hashlib.sha1(text_key.encode("utf-8")).hexdigest()[:12]
        if not REPLY_ID_RE.match(rid):  # pragma: no cover - digits or hex only
            continue
        reply = ImportedReply(
            post_slug=target_slug, reply_id=rid, date=date, source_id=f"wordpress:{site}:{number or rid}",
            author=author or "Anonymous", body=body, status=status, kind=kind,
            author_url=author_url, source_url=source_url,
        )
        candidates.append(Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason))
        for nested in reversed(_child_lists(item)):
            stack.extend((li, rid) for li in reversed(nested.find_all("li", recursive=False)))
    if undated:
        report.note(f"{name}: {undated} comment(s) or pingback(s) show no date; each took the "
                    "date of the item before it (or of the post)")
    return resolve_thread(candidates, report, where=f"{name}: post {target_slug!r}")


def _ping_excerpt(own: Tag, link: Tag | None) -> str:
    """The excerpt a pingback shows, if any (not the "Pingback: <link>" line itself)."""
    rest = copy.copy(own)
    for element in rest.select(".comment-author, .comment-meta, .commentmetadata, .comment-metadata, "
                               ".edit-link, .reply, a.url"):
        element.decompose()
    if link is not None and link.get("href"):
        for element in rest.find_all("a", href=link.get("href")):
            element.decompose()
    strip_comments(rest)
    text = re.sub(r"^\s*(?:Pingback|Trackback)\s*:?", "", rest.get_text(" "), flags=re.IGNORECASE)
    if not text.strip():
        return ""
    return html_blocks(clean_fragment(inner_html(rest), drop=("script", "style", "form")))


def _comment_body(own: Tag) -> str:
    content = own.select_one(".comment-content")
    if content is None:
        content = next((el for el in own.select(".comment-body")
                        if el is not own and el.select_one(".comment-author") is None), None)
    if content is None:
        content = copy.copy(own)
        for selector in (".comment-author", ".comment-meta", ".commentmetadata", ".comment-metadata",
                         ".reply", ".comment-awaiting-moderation", "img.avatar", ".says"):
            for element in content.select(selector):
                element.decompose()
    else:
        content = copy.copy(content)
    strip_comments(content)
    return html_blocks(clean_fragment(inner_html(content), drop=("script", "style", "form")))


def import_html(source: str | Path, content_dir: Path, *, dry_run: bool = False, update: bool = False,
                timeout: float = 30.0) -> ImportReport:
    """Import a saved WordPress post page: the post and its threaded comments.

    Parameters
    ----------
    source : str or Path
        A saved HTML file, or an http(s) URL to fetch.
    content_dir : Path
        The Pelican content folder to write into.
    dry_run : bool
        Read, check and plan, but write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same items when they differ now.
    timeout : float
        Seconds to wait for the server when ``source`` is a URL.

    Returns
    -------
    ImportReport
        What was imported, skipped and written.

    Raises
    ------
    ImportFailed
        The file or URL cannot be read, or the page holds no recognisable post.
    """
    content_dir = Path(content_dir)
    soup, name, url = load_page(source, timeout=timeout)
    report = ImportReport("WordPress page", name)
    label = name if url else Path(name).name  # how notes name the page
    post, comment_list = read_post(soup, name, url, report)
    index = scan_content(content_dir)
    write, target_slug, target_author = place_post(post, index, report, label)
    if write:
        index.add(KnownPost(slug=post.slug, relpath=post.relpath, source_id=post.source_id,
                            original_url=post.original_url or ""))
        post.body, count = rewrite_links(post.body, index, base=post.original_url, own_slug=post.slug)
        report.links_rewritten += count
    replies: list[ImportedReply] = []
    if comment_list is not None and target_slug:
        replies = read_comments(comment_list, post, target_slug, target_author or post.author, label, report)
    elif comment_list is None:
        report.note(f"{label}: the page shows no comment list")
    return finish(report, content_dir, [post] if write else [], replies, dry_run=dry_run, update=update)
