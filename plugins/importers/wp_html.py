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
* other markup: block elements with an id ``comment-N`` (Epoch's ``div#comment-N >
  article.epoch-comment-body``, themes of their own), threaded by nesting, and wpDiscuz's
  ``div#wpd-comm-N_P`` (``P`` names the parent; the date is in a ``title``); a page whose
  comment section is in none of these markups is imported without comments and the report
  names the section it did not recognise (or the script service, e.g. Disqus, that fills it);
* pingbacks and trackbacks (``li.pingback``, ``li.trackback``) become ``Kind: pingback``;
* the post author's comments (``bypostauthor``) carry the post's author name;
* a page that says its comments are closed (and has no comment form) gives a post with
  ``Replies: closed``.

Dates written as text ("19. Juni 2018 um 15:28 Uhr", "3 février 2014 à 9 h 05 min", "June
19, 2018 at 3:28 pm") are read in the page's language; a page without a machine-readable
post date takes the ``date`` option or its earliest comment's date (the report says which).
Theme chrome ("Antworten", "Reply", "says", a date in the author block) stays out of names and
bodies. A Wayback Machine copy is imported under the original addresses (:mod:`.pagetext`).

Comments keep the WordPress ids (``wp-<N>``, ``Source-Id: wordpress:<host>:<N>``), exactly as
the WXR importer writes them, so importing the export and a saved page of the same blog
never gives the same comment twice.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from replies.model import name_key

from .dates import find_text_date, parse_date
from .fetch import fetch, is_http_url
from .htmltext import clean_fragment, html_blocks, inner_html, plain, slugify, strip_comments
from .limits import check_html
from .model import REPLY_ID_RE, ImportedPost, ImportedReply, ImportFailed, ImportReport
from .pagetext import author_name, is_archive_url, original_url, page_language, strip_chrome, unarchive
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
_COMMENT_ID = re.compile(r"^(?:(?:li-|div-)?comment-(\d+)|wpd-comm-(\d+)_\d+)$")
# wpDiscuz names the parent in the id: ``wpd-comm-<comment>_<parent>``.
_WPDISCUZ_PARENT = re.compile(r"^wpd-comm-\d+_(\d+)$")
# Where themes put a comment's author, meta line (date) and text.
AUTHOR = (".comment-author .fn", "cite.fn", "b.fn", ".fn", ".comment-author a.url", ".comment-author")
AUTHOR_GENERIC = ("[class*=author-name]", "[class*=comment-author]", "[class*=author]", "h2", "h3", "h4", "h5",
                  "h6", "cite", "strong", "b")
META = (".comment-metadata", ".commentmetadata", ".comment-meta", "[class*=comment-date]", ".comment-time")
BODY = (".comment-content", ".comment-text", "[class*=comment-content]", "[class*=comment-text]",
        "[class*=comment-body]:not(:has(.comment-author))")


_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")


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
    _refuse_xml(data, str(path))
    return BeautifulSoup(data, "html.parser"), str(path), None


def _refuse_xml(data: bytes, name: str) -> None:
    """An export (XML, not a page) is refused with what it looks like, before any HTML parsing."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<?xml") or re.search(rb"<html[\s>]", head, re.IGNORECASE):
        return
    root = re.search(rb"<(?![?!])([A-Za-z_][\w.:-]*)", re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL))
    tag = root.group(1).decode("ascii", "replace") if root else "?"
    hint = {"rss": "a WordPress export is read by import-wordpress",
            "disqus": "a Disqus export is read by import-disqus",
            "feed": "an Atom feed (a Blogger export is read by import-blogger)"}
    raise ImportFailed(f"{name}: an XML file (root <{tag}>), not a saved HTML page; "
                       + hint.get(tag.rsplit(":", 1)[-1], "pass a saved post page (.html)"))


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
            return match.group(1) or match.group(2)
    return ""


def read_post(soup: BeautifulSoup, name: str, url: str | None, report: ImportReport,
              lang: str = "en") -> tuple[ImportedPost, Tag | None]:
    """The post of a saved page, and the page's comment list (or None).

    The post's date is ``""`` when the page shows none a machine can read; :func:`import_html`
    then takes the ``date`` option or the earliest comment date.
    """
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
    if content is None and comment_list is None and not soup.find(id=_COMMENT_ID):
        raise ImportFailed(f"{name}: no WordPress post found: the page has no .entry-content and no "
                           "comment list (ol.comment-list / ol.commentlist); is it a saved post page?")
    if not title:
        raise ImportFailed(f"{name}: no post title found (.entry-title, og:title or <title>)")

    canonical = soup.find("link", rel="canonical")
    bookmark = scope.select_one("a[rel~=bookmark]") if article else None
    page_url = (safe_url(canonical.get("href") if canonical else None)
                or safe_url(_meta(soup, property="og:url"))
                or safe_url(bookmark.get("href") if bookmark else None) or safe_url(original_url(url)))
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
        found = find_text_date(text_el.get_text(" "), lang) if text_el else None
        date = found[0] if found else (parse_date(text_el.get_text(" "), fuzzy=True) if text_el else None)

    body = ""
    if content is not None:
        body_el = copy.copy(content)
        strip_comments(body_el)
        body = clean_fragment(inner_html(body_el), drop=NOISE)
    categories = [plain(a.decode_contents()) for a in scope.select("a[rel~=category]")]
    tags = [plain(a.decode_contents()) for a in scope.select("a[rel~=tag]")
            if "category" not in (a.get("rel") or [])]
    try:
        host = (urlsplit(page_url).hostname or "").lower() if page_url else ""
    except ValueError:  # a broken canonical URL ("http://[x/")
        host = ""
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
    post = ImportedPost(slug=slug, title=title, date=date or "", body=body, source_id=source_id,
                        source_kind=SOURCE_KIND, author=author,
                        category=next((c for c in categories if c), ""), tags=[t for t in tags if t],
                        original_url=page_url, replies_closed=comments_closed(soup),
                        written_in=lang if lang != "en" else "")
    return post, comment_list


def comments_closed(soup: BeautifulSoup) -> bool:
    """Whether a saved page shows its post closed to comments: WordPress's "Comments are closed."
    line (``p.nocomments``, ``p.no-comments``, ``.comments-closed``, in any language) and no form.

    Examples
    --------
    >>> comments_closed(BeautifulSoup('<ol class="commentlist"></ol><p class="nocomments">'
    ...                               'Kommentare sind geschlossen.</p>', "html.parser"))
    True
    >>> comments_closed(BeautifulSoup('<p class="no-comments">x</p><div id="respond"><form '
    ...                               'id="commentform"></form></div>', "html.parser"))
    False
    """
    return (soup.select_one(".nocomments, .no-comments, .comments-closed") is not None
            and soup.select_one("#respond, #commentform, form.comment-form") is None)


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


def list_items(comment_list: Tag) -> list[tuple[Tag, Tag, int | None]]:
    """The comments of a WordPress comment list: (item, its own part, index of its parent)."""
    out: list[tuple[Tag, Tag, int | None]] = []
    stack = [(li, None) for li in reversed(comment_list.find_all("li", recursive=False))]
    while stack:
        item, parent = stack.pop()
        out.append((item, _own_part(item), parent))
        here = len(out) - 1
        for nested in reversed(_child_lists(item)):
            stack.extend((li, here) for li in reversed(nested.find_all("li", recursive=False)))
    return out


def element_items(root: Tag) -> list[tuple[Tag, Tag, int | None]]:
    """Comments in other markup: every block element with an id ``comment-N`` (``div#comment-12``
    of Epoch and many themes) or ``wpd-comm-N_P`` (wpDiscuz, whose ``P`` names the parent),
    threaded by that parent or by nesting; an inner element with the same number
    (``li#li-comment-5 > article#comment-5``) is part of the outer one."""
    chosen: list[Tag] = []
    numbers: set[str] = set()
    for element in root.find_all(["li", "div", "article", "section"], id=_COMMENT_ID):
        number = _comment_number(element.get("id"))
        if number not in numbers:
            numbers.add(number)
            chosen.append(element)
    position = {id(el): i for i, el in enumerate(chosen)}
    by_number = {_comment_number(el.get("id")): i for i, el in enumerate(chosen)}
    out: list[tuple[Tag, Tag, int | None]] = []
    for index, element in enumerate(chosen):
        named = _WPDISCUZ_PARENT.match(element.get("id") or "")
        parent = by_number.get(named.group(1)) if named and named.group(1) != "0" else None
        if parent is None or parent >= index:
            parent = next((position[id(a)] for a in element.parents if id(a) in position), None)
        own = copy.copy(element)
        number = _comment_number(element.get("id"))
        for nested in own.find_all(["li", "div", "article", "section"], id=_COMMENT_ID):
            if not nested.decomposed and _comment_number(nested.get("id")) != number:
                nested.decompose()
        out.append((element, own, parent))
    return out


def _text_date(elements: list[Tag], lang: str) -> str | None:
    for element in elements:
        text = " ".join(element.get_text(" ").split())
        if text and len(text) <= 120:
            found = find_text_date(text, lang)
            date = found[0] if found else parse_date(text, fuzzy=True)
            if date:
                return date
    return None


def _comment_date(own: Tag, lang: str) -> str | None:
    """A comment's date: ``time[datetime]``, else a date written in its meta line or author
    block, else any short text outside the comment's body that is a date."""
    time_el = own.select_one("time[datetime]")
    date = parse_date(time_el.get("datetime")) if time_el else None
    for titled in ([] if date else own.select("[class*=date][title], time[title], abbr[title]")):
        found = find_text_date(titled["title"], lang)  # wpDiscuz: "2 years ago", the date in title
        date = found[0] if found else parse_date(titled["title"], fuzzy=True)
        if date:
            break
    if not date:
        date = _text_date([el for el in (_first(own, *META), _first(own, ".comment-metadata a", ".commentmetadata a",
                                                                     ".comment-meta a"), _first(own, *AUTHOR))
                           if el is not None], lang)
    if not date:
        body = _first(own, *BODY)
        inside = set(map(id, body.find_all(True))) | {id(body)} if body is not None else set()
        date = _text_date([el for el in own.find_all(["time", "span", "small", "p", "div", "a", "abbr", "header",
                                                     "h3", "h4", "h5", "h6", "strong", "b", "cite"])
                           if id(el) not in inside], lang)
    return date


def read_comments(items: list[tuple[Tag, Tag, int | None]], post: ImportedPost, target_slug: str,
                  target_author: str, name: str, report: ImportReport, *, lang: str = "en",
                  generic: bool = False) -> list[ImportedReply]:
    """The comments of a saved page, threaded by their nesting.

    ``items`` come from :func:`list_items` or, for other markup (``generic``), from
    :func:`element_items`; dates written as text are read in the page's language ``lang``.
    """
    site = post.source_id.split(":")[1] if post.source_id.count(":") >= 2 else "page"
    candidates: list[Candidate] = []
    ids: list[str] = []
    undated = 0
    previous_date = post.date
    # A theme that marks the author's comments (WordPress's "bypostauthor") shows who is not the author
    # too: an unmarked comment under the author's name is someone else's (the site would badge it).
    marks_authors = any(tag.select_one(".bypostauthor") is not None or "bypostauthor" in (tag.get("class") or [])
                        for item, own, _ in items for tag in (item, own))
    for item, own, parent_index in items:
        classes = (item.get("class") or []) + (own.get("class") or [])
        number = _comment_number(item.get("id"), own.get("id"))
        for inner in own.find_all(id=_COMMENT_ID):  # Epoch: div#comment-5 > article#div-comment-5.bypostauthor
            if _comment_number(inner.get("id")) == number:
                classes = classes + (inner.get("class") or [])
        if not number:
            reply_link = own.select_one("[data-commentid]")
            number = (reply_link.get("data-commentid") or "") if reply_link else ""
            number = number if number.isdigit() else ""
        is_ping = "pingback" in classes or "trackback" in classes
        date = _comment_date(own, lang)
        estimated = False
        if not date and is_ping:  # a pingback's source address often holds its day: /2014/01/28/
            link = own.find("a", class_="url") or own.find("a", href=True)
            day = _URL_DAY.search(original_url(link.get("href")) or "") if link else None
            date = _url_day(day.groups()) if day else None
            if date and post.date and date < str(post.date)[:10]:
                date = None  # the day the linking post was first written, before this post: no ping's day
        if not date:
            undated += 1
            date, estimated = previous_date, True
        previous_date = date

        status, keep, reason, impostor = "published", True, "", False
        if is_ping:
            link = own.find("a", class_="url") or own.find("a", href=True)
            source_url = safe_url(original_url(link.get("href"))) if link else None
            author = clean_name(link.get_text(" ")) if link else ""
            author = author or (urlsplit(source_url).hostname if source_url else "") or "Pingback"
            body = _ping_excerpt(own, link)
            kind = "pingback"
            if source_url is None:
                keep, reason = False, "pingback without an http(s) source URL"
            author_url = None
        else:
            kind, source_url = "reply", None
            fn = _first(own, *(AUTHOR + AUTHOR_GENERIC if generic else AUTHOR))
            author = author_name(fn.get_text(" "), lang) if fn else ""
            if fn is not None:
                link = fn if fn.name == "a" else fn.find("a", href=True)
                author_url = safe_url(original_url(link.get("href"))) if link is not None else None
            else:
                author_url = None
            if own.select_one(".comment-awaiting-moderation") is not None:
                status = "pending"
            body = _comment_body(own, fn if generic else None, lang)
            if "bypostauthor" in classes and target_author:
                author = target_author
                report.by_post_author += 1
            elif marks_authors and target_author and name_key(author) == name_key(target_author):
                impostor = True
        text_key = f"{author}|{date}|{body}"
        rid = f"wp-{number}" if number else "wp-" + hashlib.sha1(text_key.encode("utf-8")).hexdigest()[:12]
        ids.append(rid)
        if not REPLY_ID_RE.match(rid):  # pragma: no cover - digits or hex only
            continue
        reply = ImportedReply(
            post_slug=target_slug, reply_id=rid, date=date or "", source_id=f"wordpress:{site}:{number or rid}",
            author=author or "Anonymous", body=body, status=status, kind=kind,
            author_url=author_url, source_url=source_url, not_post_author=impostor, date_estimated=estimated,
        )
        parent = ids[parent_index] if parent_index is not None else None
        candidates.append(Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason))
    if undated:
        report.note(f"{name}: {undated} comment(s) or pingback(s) show no date; each took the "
                    "date of the item before it (or of the post) for its place, and is shown as "
                    "'date unknown' (Date-Estimated: yes)")
    return resolve_thread(candidates, report, where=f"{name}: post {target_slug!r}")


def _url_day(parts: tuple[str, str, str]) -> str | None:
    """``YYYY-MM-DD`` (a day without a time: the reply shows no time) when it is a real day.

    >>> _url_day(("2014", "01", "28")), _url_day(("2014", "02", "31"))
    ('2014-01-28', None)
    """
    try:
        return dt.date(*map(int, parts)).isoformat()
    except ValueError:
        return None


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


def _comment_body(own: Tag, author_el: Tag | None = None, lang: str = "en") -> str:
    content = _first(own, *BODY)
    fallback = False
    if content is None:
        content = next((el for el in own.select(".comment-body")
                        if el is not own and el.select_one(".comment-author") is None), None)
    if content is None:
        fallback = True
        content = copy.copy(own)
        for selector in (".comment-author", ".comment-meta", ".commentmetadata", ".comment-metadata",
                         ".reply", ".comment-awaiting-moderation", "img.avatar", ".says", "[class*=author]",
                         "[class*=comment-date]", "[class*=comment-meta]", "time", "[class*=avatar]"):
            for element in content.select(selector):
                element.decompose()
        if author_el is not None:  # a theme's own author heading
            for element in content.find_all(author_el.name):
                if element.get_text(" ").strip() == author_el.get_text(" ").strip():
                    element.decompose()
                    break
    else:
        content = copy.copy(content)
    strip_comments(content)
    strip_chrome(content, lang, dates=fallback)
    return html_blocks(clean_fragment(inner_html(content), drop=("script", "style", "form")))


def import_html(source: str | Path, content_dir: Path, *, dry_run: bool = False, update: bool = False,
                timeout: float = 30.0, date: str | None = None) -> ImportReport:
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
    date : str, optional
        The post's date, for a page that shows none a machine can read (without it, the
        earliest comment date is taken); the report says which was used.

    Returns
    -------
    ImportReport
        What was imported, skipped and written.

    Raises
    ------
    ImportFailed
        The file or URL cannot be read, the page holds no recognisable post, or neither the
        page, its comments nor ``date`` give the post a date.
    """
    content_dir = Path(content_dir)
    given_date = parse_date(date) if date else None
    if date and not given_date:
        raise ImportFailed(f"{source}: --date {date!r} is not a date (e.g. 2018-06-19 or 2018-06-19T15:28)")
    soup, name, url = load_page(source, timeout=timeout)
    report = ImportReport("WordPress page", name)
    label = name if url else Path(name).name  # how notes name the page
    lang = page_language(soup)
    archived = unarchive(soup)
    if archived or is_archive_url(url):
        report.note(f"{label}: a Wayback Machine copy; {archived} archive address(es) turned back into "
                    "the original ones, so the post and its comments keep their own addresses")
    post, comment_list = read_post(soup, name, url, report, lang)
    items, generic = (list_items(comment_list), False) if comment_list is not None else ([], False)
    if not items:
        items, generic = element_items(soup), True
        if items:
            report.note(f"{label}: comments found in markup other than WordPress's comment list "
                        f"(elements with id comment-N); {len(items)} read, threaded by their nesting")
    if generic and not items:
        _say_unrecognised(soup, label, report)
    index = scan_content(content_dir)
    write, target_slug, target_author = place_post(post, index, report, label)
    if write:
        index.add(KnownPost(slug=post.slug, relpath=post.relpath, source_id=post.source_id,
                            original_url=post.original_url or ""))
        post.body, count = rewrite_links(post.body, index, base=post.original_url, own_slug=post.slug)
        report.links_rewritten += count
    replies: list[ImportedReply] = []
    if items and target_slug:
        replies = read_comments(items, post, target_slug, target_author or post.author, label, report,
                                lang=lang, generic=generic)
    _date_post(post, replies, given_date, label, report)
    return finish(report, content_dir, [post] if write else [], replies, dry_run=dry_run, update=update)


def _date_post(post: ImportedPost, replies: list[ImportedReply], given: str | None, label: str,
               report: ImportReport) -> None:
    """Give the post its date: the page's, else ``given`` (``--date``), else the earliest comment's."""
    if given:
        if post.date and post.date != given:
            report.note(f"{label}: the page dates the post {post.date}; --date {given} used instead")
        elif not post.date:
            report.note(f"{label}: the page shows no post date a machine can read; --date {given} used")
        post.date = given
    elif not post.date:
        dates = sorted(r.date for r in replies if r.date)
        if not dates:
            raise ImportFailed(f"{label}: no post date found (time.entry-date[datetime], "
                               "article:published_time or a date in .entry-meta) and no dated comment; "
                               "pass --date")
        post.date = dates[0]
        report.note(f"{label}: the page shows no post date a machine can read; the post takes the date "
                    f"of its earliest comment, {post.date} (pass --date to give another)")
    for reply in replies:
        reply.date = reply.date or post.date


def _say_unrecognised(soup: BeautifulSoup, label: str, report: ImportReport) -> None:
    """No comment found: say whether the page has a comment section in markup not read here."""
    if soup.select_one("#disqus_thread, .fb-comments, #isso-thread, .utterances, .giscus"):
        report.note(f"{label}: the comments are loaded by a script (Disqus, Facebook, Isso, utterances or "
                    "giscus), so a saved page does not hold them; import that service's export instead")
        return
    section = soup.select_one("#comments, .comments-area, .comments, section.comments, [id$=-comments]")
    rest = copy.copy(section) if section is not None else None
    for element in rest.select("form, #respond, .comment-respond, h1, h2, h3, h4, .comments-title, "
                               ".no-comments, .nocomments") if rest is not None else ():
        element.decompose()
    if rest is not None and rest.get_text(" ", strip=True):  # more than a title and the form
        what = section.name + (f"#{section.get('id')}" if section.get("id") else "") + "".join(
            f".{c}" for c in (section.get("class") or [])[:2])
        report.skip("comment section in markup that is not recognised")
        report.note(f"{label}: the page has a comment section ({what}) whose markup is not recognised: "
                    "known are ol.comment-list / ol.commentlist (WordPress core, Twenty Twelve, the HTML4 "
                    "walker), elements with id comment-N (Epoch and others) and wpDiscuz's wpd-comm-N; no comments "
                    "imported")
    else:
        report.note(f"{label}: the page shows no comments")
