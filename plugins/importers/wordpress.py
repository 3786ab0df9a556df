"""Import a WordPress export (WXR 1.0, 1.1, 1.2): published posts and every comment thread.

Posts become ``<content>/imported/wordpress/<slug>.html``; comments become reply files under
``<content>/replies/<slug>/wp-<comment_id>.md``, threaded by ``wp:comment_parent`` at any
depth. Pingbacks and trackbacks become ``Kind: pingback`` files (a link from an outside
page, never a reply).

Choices (stated in every report):

* ``comment_approved`` ``1`` is published, ``0`` pending; ``spam`` and ``trash`` comments
  are skipped and counted, unless they have replies, which then hang under a ``Kind:
  deleted`` placeholder (no author, no text);
* pages are imported with their comments (``pages``): by default as hidden posts (Pelican's
  ``Status: hidden``: a page of their own at their slug, in no list or feed, like a WordPress
  page), or as ordinary posts (``pages="posts"``), or skipped (``pages="skip"``);
* attachments, menu items, drafts, scheduled, private and password-protected posts are
  skipped and counted, with their comments;
* a comment written by a user of the blog under their login name shows their display name;
* a file that uses well-known prefixes without declaring them (WordPress.com exports of
  2011-2012 write ``atom:`` undeclared) is read as WordPress reads it; the report says so;
* a comment whose parent is missing from the export is attached to the post;
* a blog whose language (the channel's ``<language>``, ``de-DE``) is not English gives each post
  ``Written-In: de`` (``<meta name="written-in">``): its title, text and replies are marked so;
* a post closed to comments (``comment_status`` ``closed``) is written with ``Replies: closed``
  (``<meta name="replies" content="closed">``): its comments are shown, its page invites no more;
* a post whose slug is already used by a post in the content folder (e.g. converted earlier
  with ``pelican-import``) is not written again: its comments are attached to that post;
* WordPress gives every comment of a blog its own id, which becomes ``Source-Id:
  wordpress:<host>:<id>``; comments of one export that share an id (under different posts) are
  named in a warning and each takes its post into its Source-Id (``wordpress:<host>:<id>:post-<post
  id>``), so moderation and later imports tell them apart; two posts sharing an id are named too.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from replies.model import name_key

from .dates import parse_date, wp_date
from .htmltext import html_blocks, plain, post_shortcodes, slugify, wpautop
from .model import PAGE_CHOICES, REPLY_ID_RE, ImportedPost, ImportedReply, ImportFailed, ImportReport
from .pagetext import language_code
from .pipeline import finish, place_and_link
from .safety import clean_name, has_private_data, safe_url
from .site import scan_content, url_host
from .threads import Candidate, resolve_thread
from .xmlsafe import child, children, local, parse_xml, text

logger = logging.getLogger(__name__)

WP = "wordpress.org/export"
CONTENT = "purl.org/rss/1.0/modules/content"
DC = "purl.org/dc/elements"
SOURCE_KIND = "wordpress"
KNOWN_COMMENT_TYPES = frozenset({"", "comment", "pingback", "trackback", "webmention"})


@dataclass
class _Post:
    """A post of the export being imported, and where its replies go."""

    item_id: str
    post: ImportedPost
    link: str
    comments: list = field(default_factory=list)
    # Added to the Source-Id of a comment whose id another item's comment has (``post-18``).
    post_key: str = ""
    author_login: str = ""
    author_id: str = ""
    target_slug: str = ""
    target_author: str = ""
    write: bool = True


def _wp_text(element, name: str) -> str:
    return text(element, name, WP)


def _channel(root, source: Path):
    channel = child(root, "channel")
    if local(root.tag) == "feed" and any("blogger.com" in (text(el) or "") for el in children(root, "id")):
        raise ImportFailed(f"{source}: a Blogger export (an Atom feed), not a WordPress export (WXR); "
                           "import it with: invoke import-blogger")
    if local(root.tag) != "rss" or channel is None:
        raise ImportFailed(f"{source}: not a WordPress export (WXR): the root element is "
                           f"<{local(root.tag)}>, not <rss> with a <channel>")
    has_wp = any(WP in (el.tag if isinstance(el.tag, str) else "") for el in channel.iter())
    if not has_wp:
        raise ImportFailed(f"{source}: not a WordPress export (WXR): no element in the "
                           "WordPress export namespace (wordpress.org/export/1.x/)")
    return channel


def _declared_note(source: Path, declared: list[str], report: ImportReport) -> None:
    if declared:
        prefixes = ", ".join(f"{p}:" for p in declared)
        report.note(f"{source.name}: the file uses the prefix(es) {prefixes} without declaring them "
                    "(as WordPress.com exports of 2011-2012 do); read with the well-known "
                    "namespace(s) declared, as WordPress does")


def _authors(channel) -> dict[str, tuple[str, str, str]]:
    """Author login (case-folded) to (display name, author id, email case-folded).

    The email is only compared with a comment's, to know a blog user's comments; it is never
    written anywhere.
    """
    out = {}
    for author in children(channel, "author", WP):
        login = _wp_text(author, "author_login")
        if login:
            display = clean_name(_wp_text(author, "author_display_name")) or clean_name(login)
            out[login.casefold()] = (display, _wp_text(author, "author_id"),
                                     _wp_text(author, "author_email").casefold())
    return out


def _login(raw: str) -> str:
    return raw.strip().strip("<>").strip()


def _slug_for(item, title: str, link: str, post_id: str) -> str:
    name = unquote(_wp_text(item, "post_name"))
    for candidate in (name, title):
        slug = slugify(candidate)
        if slug:
            return slug
    try:
        query = parse_qs(urlsplit(link).query) if link else {}
    except ValueError:  # a broken <link> ("http://[x/"): no id to take from it
        query = {}
    if query.get("p"):
        return f"p-{slugify(query['p'][0])}" if slugify(query["p"][0]) else ""
    return f"post-{post_id}" if post_id else ""


def _comment_key(comment_id: str) -> str:
    """A comment's id as its reply file, its children's ``Reply-To`` and its Source-Id name it: as written,
    or a digest of it when it reads as an address (``10.0.0.1``: WordPress's ids are numbers, but an
    export edited by hand is not held to that; the file name would publish it)."""
    return "h" + hashlib.sha1(comment_id.encode("utf-8")).hexdigest()[:12] if has_private_data(comment_id) \
        else comment_id


def _reply_id(comment_id: str, fallback: str) -> str:
    rid = f"wp-{_comment_key(comment_id)}"
    if comment_id and REPLY_ID_RE.match(rid):
        return rid
    return "wp-" + hashlib.sha1(fallback.encode("utf-8")).hexdigest()[:12]


def _post_keys(items: list) -> list[str]:
    """For each item, what tells it apart in a comment's Source-Id: ``post-<id>``, or its slug
    (``p-4``) when it has no id or shares it, or ``item-<n>``."""
    ids = Counter(_wp_text(item, "post_id") for item in items)
    keys = []
    for number, item in enumerate(items, 1):
        post_id = _wp_text(item, "post_id")
        if post_id and ids[post_id] == 1:
            keys.append(f"post-{post_id}")
            continue
        slug = _slug_for(item, plain(text(item, "title")), text(item, "link"), "")
        keys.append(slug or f"item-{number}")
    return keys


def shared_ids(owners: dict[str, list[str]]) -> dict[str, list[str]]:
    """The ids that more than one owner has, each with its owners (in the order given).

    Parameters
    ----------
    owners : dict of str to list of str
        Id to the posts (or anything else) it appears under, in export order, each once.

    Returns
    -------
    dict of str to list of str
        Only the ids with two owners or more.

    Examples
    --------
    >>> shared_ids({"2": ["test"], "11": ["test", "p-4"], "": ["x", "y"]})
    {'11': ['test', 'p-4']}
    """
    return {key: names for key, names in owners.items() if key and len(names) > 1}


def _clashing_comments(source: Path, items: list, keys: list[str], report: ImportReport) -> frozenset[str]:
    """Comment ids used under two items or more of the export, each named in a warning."""
    owners: dict[str, list[str]] = {}
    item_of = {}
    for item, key in zip(items, keys, strict=True):
        item_of[key] = item
        for cid in dict.fromkeys(_wp_text(c, "comment_id") for c in children(item, "comment", WP)):
            owners.setdefault(cid, []).append(key)
    clashes = shared_ids(owners)

    def label(key: str) -> str:
        item = item_of[key]
        return _slug_for(item, plain(text(item, "title")), text(item, "link"), _wp_text(item, "post_id")) or key

    for cid, where in clashes.items():
        count = "two" if len(where) == 2 else str(len(where))
        message = (f"{count} comments have id {cid}, under {' and '.join(repr(label(k)) for k in where)}: "
                   f"all are kept, each file naming its own post in its Source-Id "
                   f"({', '.join(f'…:{cid}:{k}' for k in where)}), so approving, hiding or deleting one leaves "
                   f"the other{'' if len(where) == 2 else 's'} alone")
        # the warning in one line; the report's notes say what it means for the files
        logger.warning("%s: %s (see the notes below)", source, message.partition(":")[0])
        report.note(f"{source.name}: {message}")
    return frozenset(clashes)


def _shared_post_ids(source: Path, chosen: list[_Post], report: ImportReport) -> None:
    """Name the posts of the export that share an id (a link ``?p=<id>`` can lead to one of them only)."""
    owners: dict[str, list[str]] = {}
    for entry in chosen:
        owners.setdefault(entry.item_id, []).append(entry.post.slug)
    for post_id, slugs in shared_ids(owners).items():
        message = (f"posts {' and '.join(map(repr, slugs))} have the same id, {post_id}; each is imported "
                   f"as its own post, but a link to ?p={post_id} can lead to one of them only")
        logger.warning("%s: posts %s have the same id, %s (see the notes below)", source,
                       " and ".join(map(repr, slugs)), post_id)
        report.note(f"{source.name}: {message}")


def _gallery_images(items: list) -> Callable[[str, dict], list[tuple[str, str]]]:
    """What a post's ``[gallery]`` shows, from the export's attachments: ``images(post_id, attributes)`` gives
    ``[(url, title)]``, the attachments its ``ids`` (or ``include``) name in that order, or else the post's own
    (those whose parent it is), in WordPress's order (menu order, then id)."""
    by_id: dict[str, tuple[str, str]] = {}
    by_parent: dict[str, list[tuple[int, int, str]]] = {}
    for item in items:
        if _wp_text(item, "post_type") != "attachment":
            continue
        url = safe_url(_wp_text(item, "attachment_url") or text(item, "guid"))
        attachment = _wp_text(item, "post_id")
        if not url or not attachment:
            continue
        by_id[attachment] = (url, plain(text(item, "title")) or url.rsplit("/", 1)[-1])
        order = _wp_text(item, "menu_order")
        by_parent.setdefault(_wp_text(item, "post_parent"), []).append(
            (int(order) if order.isdigit() else 0, int(attachment) if attachment.isdigit() else 0, attachment))

    def images(post_id: str, attributes: dict) -> list[tuple[str, str]]:
        named = [i.strip() for i in (attributes.get("ids") or attributes.get("include") or "").split(",") if i.strip()]
        chosen = named or [a for *_, a in sorted(by_parent.get(post_id, []) if post_id else [])]
        return [by_id[a] for a in chosen if a in by_id]

    return images


def _expand_shortcodes(source: Path, slug: str, stored: str, post_id: str, gallery_images, report: ImportReport) -> str:
    """A post's text with WordPress's media shortcodes as the HTML a reader saw (:func:`.htmltext.post_shortcodes`);
    what could not be shown is named in the report."""
    expanded, notes = post_shortcodes(stored, partial(gallery_images, post_id))
    for note in dict.fromkeys(notes):
        report.note(f"{source.name}: post {slug!r}: {note}")
    return expanded


def read_wordpress(source: Path, content_dir: Path, report: ImportReport, *, pages: str = "hidden"):
    """Read a WXR file into posts and replies (nothing is written).

    Returns
    -------
    tuple of (list of ImportedPost, list of ImportedReply)
    """
    if pages not in PAGE_CHOICES:
        raise ImportFailed(f"{source}: unknown pages choice {pages!r} (one of: {', '.join(PAGE_CHOICES)})")
    declared: list[str] = []
    root = parse_xml(source, declared)
    channel = _channel(root, source)
    _declared_note(source, declared, report)
    site_url = _wp_text(channel, "base_blog_url") or text(channel, "link")
    authors = _authors(channel)
    index = scan_content(content_dir)
    version = _wp_text(channel, "wxr_version") or "1.0"
    # The blog's language (its "Site Language", de-DE): each post is marked as written in it, unless English
    language = language_code(text(channel, "language"))
    logger.info("%s: WXR %s, %d items", source, version, sum(1 for _ in children(channel, "item")))

    chosen: list[_Post] = []
    used_slugs: set[str] = set()
    items = list(children(channel, "item"))
    gallery_images = _gallery_images(items)
    keys = _post_keys(items)
    clashing = _clashing_comments(source, items, keys, report)
    for item, post_key in zip(items, keys, strict=True):
        comments = list(children(item, "comment", WP))
        reason = _item_skip_reason(item, pages)
        is_page = (_wp_text(item, "post_type") or "post") == "page"
        title = plain(text(item, "title"))
        link = text(item, "link")
        post_id = _wp_text(item, "post_id")
        date = wp_date(_wp_text(item, "post_date"), _wp_text(item, "post_date_gmt"))
        if reason is None and not date:
            pub = parse_date(text(item, "pubDate"))
            date = pub if pub and not pub.startswith("1970") else None
            if not date:
                dated = sorted(d for c in comments if (d := wp_date(_wp_text(c, "comment_date"),
                                                                    _wp_text(c, "comment_date_gmt"))))
                date = dated[0] if dated else None
                if date:
                    report.note(f"{source.name}: {title or link or post_id!r} has no date; it takes the "
                                f"date of its earliest comment, {date}")
            if not date:
                reason = "post without a date"
        slug = _slug_for(item, title, link, post_id) if reason is None else ""
        if reason is None and not slug:
            reason = "post without a usable slug, title or id"
        if reason is not None:
            label = title or link or post_id or "(untitled)"
            # named when it had comments, or when it was left out for what it lacks (no date, no slug): a
            # post the export holds, unlike a draft or an attachment, which are counted only
            named = comments or reason.startswith("post without")
            report.skip(reason, f"{source.name}: skipped {label!r}: {reason}" if named else None)
            if comments:
                report.skip("comment on a skipped item", count=len(comments))
            continue
        if slug in used_slugs:
            new_slug = f"{slug}-{post_id}" if post_id else f"{slug}-{len(used_slugs)}"
            report.note(f"{source.name}: two posts have slug {slug!r}; post {post_id} becomes {new_slug!r}")
            slug = new_slug
        used_slugs.add(slug)
        site = url_host(site_url) or url_host(link) or source.stem
        source_id = f"wordpress:{site}:post:{post_id}" if post_id else f"wordpress:{site}:url:{link}"
        login = _login(text(item, "creator", DC))
        display, author_id, _ = authors.get(login.casefold(), (clean_name(login), "", ""))
        if not title:
            title = "(no title)"
            report.note(f"{source.name}: post {slug!r} has no title; titled '(no title)'")
        categories, tags = [], []
        for cat in children(item, "category"):  # also post_format, nav_menu...: not kept
            name = plain(cat.text or "")
            domain = cat.get("domain") or "category"
            if name and domain in ("category", "post_tag"):
                (tags if domain == "post_tag" else categories).append(name)
        guid = text(item, "guid")
        post = ImportedPost(
            slug=slug, title=title, date=date, source_id=source_id, source_kind=SOURCE_KIND,
            body=wpautop(_expand_shortcodes(source, slug, text(item, "encoded", CONTENT), post_id, gallery_images,
                                            report)), author=display,
            category=categories[0] if categories else "", tags=tags,
            original_url=safe_url(link), aliases=[u for u in (guid,) if safe_url(u)],
            kind="page" if is_page else "post", status="hidden" if is_page and pages == "hidden" else "",
            replies_closed=_wp_text(item, "comment_status").strip().lower() == "closed",
            written_in=language if language != "en" else "",
        )
        chosen.append(_Post(item_id=post_id, post=post, link=link, comments=comments,
                            author_login=login, author_id=author_id, post_key=post_key))
    if pages != "skip":
        report.pages_as = "hidden posts (a page each, in no list or feed)" if pages == "hidden" else "posts"

    _shared_post_ids(source, chosen, report)
    place_and_link(chosen, index, report, source.name)
    posts = [p.post for p in chosen if p.write]
    replies: list[ImportedReply] = []
    for entry in chosen:
        if entry.target_slug:
            replies.extend(_read_comments(entry, site_url, source, report, authors, clashing))
    return posts, replies


def _item_skip_reason(item, pages: str = "hidden") -> str | None:
    post_type = _wp_text(item, "post_type") or "post"  # WXR 1.0 files may leave it out
    status = _wp_text(item, "status") or "publish"
    if post_type == "page" and pages == "skip":
        return "page (pages skipped as asked)"
    if post_type not in ("post", "page"):
        return f"{post_type} (not a post)"
    if status != "publish":
        return f"{status} {post_type} (not published)"
    if _wp_text(item, "post_password"):
        return f"password-protected {post_type} (its text would become public)"
    return None


def _read_comments(entry: _Post, site_url: str, source: Path, report: ImportReport,
                   authors: dict[str, tuple[str, str, str]],
                   clashing: frozenset[str] = frozenset()) -> list[ImportedReply]:
    site = url_host(site_url) or url_host(entry.link) or source.stem
    slug = entry.target_slug
    author_login = entry.author_login.casefold()

    def named_as_author(author: str) -> bool:
        return bool(author_login) and author.casefold() in (author_login, entry.post.author.casefold())

    def by_user_author(author: str, user_id: str) -> bool:  # the export says so: the post author's user id
        return user_id not in ("", "0") and bool(
            (entry.author_id and user_id == entry.author_id) or named_as_author(author))

    # The emails of the comments the post author wrote as a user: a comment under the author's name
    # without a user id but with one of these emails is theirs too (a comment WordPress exported
    # without its user id), not a visitor who typed the name.
    author_emails = {_wp_text(c, "comment_author_email").casefold() for c in entry.comments
                     if by_user_author(clean_name(_wp_text(c, "comment_author")), _wp_text(c, "comment_user_id"))}
    author_emails.discard("")
    candidates = []
    for comment in entry.comments:
        cid = _wp_text(comment, "comment_id")
        raw_content = _wp_text(comment, "comment_content")
        rid = _reply_id(cid, f"{_wp_text(comment, 'comment_date_gmt')}|{raw_content}")
        ctype = _wp_text(comment, "comment_type").lower()
        approved = _wp_text(comment, "comment_approved").lower()
        author = clean_name(_wp_text(comment, "comment_author"))
        author_url = safe_url(_wp_text(comment, "comment_author_url"))
        date = wp_date(_wp_text(comment, "comment_date"), _wp_text(comment, "comment_date_gmt"))
        parent_id = _wp_text(comment, "comment_parent")
        parent = f"wp-{_comment_key(parent_id)}" if parent_id not in ("", "0") else None
        user_id = _wp_text(comment, "comment_user_id")

        keep, reason, status = True, "", "published"
        if approved in ("1", "approve", "approved"):
            status = "published"
        elif approved in ("0", "hold"):
            status = "pending"
        elif approved == "spam":
            keep, reason = False, "spam comment"
        elif approved in ("trash", "post-trashed"):
            keep, reason = False, "comment in the trash"
        else:
            keep, reason = False, f"comment with status {approved!r}"
        kind = "reply"
        if ctype in ("pingback", "trackback", "webmention"):
            kind = "mention" if ctype == "webmention" else "pingback"
            if keep and author_url is None:
                keep, reason = False, f"{ctype} without an http(s) source URL"
        elif ctype not in KNOWN_COMMENT_TYPES:
            keep, reason = False, f"comment type {ctype!r}"
        if keep and not date:
            keep, reason = False, "comment without a date"
        registered = user_id not in ("", "0")
        # A comment named by a blog user's login: the user, when the export says so (user id,
        # or the user's own email) or the comment links to the blog itself (WordPress.com
        # writes user id 0 for its users' comments).
        email = _wp_text(comment, "comment_author_email").casefold()
        user = authors.get(author.casefold())
        is_user = kind == "reply" and user is not None and (
            registered or (author_url is not None and url_host(author_url) == site)
            or bool(email and email == user[2]))
        by_author = kind == "reply" and (
            by_user_author(author, user_id) or (is_user and author.casefold() == author_login)
            or (not registered and email in author_emails and named_as_author(author)))
        if by_author and entry.target_author:
            author = entry.target_author
            if keep:
                report.by_post_author += 1
        elif is_user:
            author = authors[author.casefold()][0]  # the display name the blog showed, not the login
        if kind == "pingback" and not author:
            author = url_host(author_url or "") or "Pingback"
        # A visitor who typed the post author's name: the site would mark the reply as the author's.
        shown_author = entry.target_author or entry.post.author
        impostor = (kind == "reply" and not by_author and bool(shown_author)
                    and name_key(author) == name_key(shown_author))
        source_id, former = f"wordpress:{site}:{_comment_key(cid) if cid else rid}", ()
        if cid in clashing:  # another post's comment has this id too: each names its post
            source_id, former = f"{source_id}:{entry.post_key}", (source_id,)
        reply = ImportedReply(
            post_slug=slug, reply_id=rid, date=date or "", source_id=source_id, former_source_ids=former,
            author=author or "Anonymous", body=html_blocks(wpautop(raw_content)), status=status, kind=kind,
            author_url=author_url if kind == "reply" else None,
            source_url=author_url if kind != "reply" else None, not_post_author=impostor,
        )
        candidates.append(Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason))
    return resolve_thread(candidates, report, where=f"{source.name}: post {slug!r}")


def import_wordpress(source: Path, content_dir: Path, *, dry_run: bool = False,
                     update: bool = False, pages: str = "hidden") -> ImportReport:
    """Import posts and comment threads from a WordPress export file.

    Parameters
    ----------
    source : Path
        A WXR file (WordPress: Tools → Export).
    content_dir : Path
        The Pelican content folder to write into.
    dry_run : bool
        Read, check and plan, but write nothing (the report lists what would be written).
    update : bool
        Overwrite files an earlier import wrote for the same items when they differ now.
    pages : {"hidden", "posts", "skip"}
        What becomes of WordPress pages and their comments: hidden posts (default; a page of
        their own, in no list or feed), ordinary posts, or nothing.

    Returns
    -------
    ImportReport
        What was imported, skipped and written.

    Raises
    ------
    ImportFailed
        The file is unreadable, not well-formed or unsafe XML, or not a WordPress export;
        nothing has been written.
    """
    source, content_dir = Path(source), Path(content_dir)
    report = ImportReport("WordPress", str(source))
    posts, replies = read_wordpress(source, content_dir, report, pages=pages)
    return finish(report, content_dir, posts, replies, dry_run=dry_run, update=update)
