"""Import a Blogger export (Atom): published posts and pages, and their comments, threaded.

Blogger (Settings → Manage blog → Back up content, or Google Takeout) writes the whole blog as
one Atom feed. Two shapes are read, told apart entry by entry:

* the classic one: an entry's kind is a ``<category>`` term (``…/kind#post``, ``#page``,
  ``#comment``; ``#settings`` and ``#template`` entries are counted and left out); a draft has
  ``<app:draft>yes</app:draft>`` (the ``app:`` prefix is often used without being declared:
  :func:`.xmlsafe.parse_xml` declares it); a comment names its post in
  ``<thr:in-reply-to ref="…post-ID">`` and the comment it answers in a
  ``<link rel="related" href="…/comments/default/ID">``; a comment removed on the blog has
  the extended property ``blogger.contentRemoved``;
* Takeout's (``xmlns:blogger="http://schemas.google.com/blogger/2018"``): ``<blogger:type>``
  (POST, PAGE, COMMENT), ``<blogger:status>`` (LIVE; DRAFT and the rest are left out),
  ``<blogger:parent>`` (a comment's post), ``<blogger:inReplyTo>`` (the comment it answers),
  ``<blogger:filename>`` (a post's path on the blog), ``<blogger:trashed>`` (a date once trashed).

Posts keep their labels as tags and their address as ``original-url`` (links between them become
links between the imported posts); the slug is the address's last part (``the-steel-windpipe``).
A comment by the post's author (the same Blogger profile) is marked as theirs; a visitor who typed
the author's name is not. Comments become ``<content>/replies/<slug>/blogger-<id>.md``; a
removed comment with answers below it becomes a ``Kind: deleted`` placeholder that keeps their
place. Blogger writes ``noreply@blogger.com`` (or a real address) as every author's email: no
email is ever read into a record.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from replies.model import name_key

from .dates import parse_date
from .htmltext import BLOCK_NAMES, html_blocks, plain, slugify, strip_comments
from .model import PAGE_CHOICES, ImportedPost, ImportedReply, ImportFailed, ImportReport
from .pipeline import finish, place_and_link
from .safety import clean_name, safe_url
from .site import scan_content, url_host
from .threads import Candidate, resolve_thread
from .xmlsafe import attr, child, children, local, parse_xml, text

logger = logging.getLogger(__name__)

SOURCE_KIND = "blogger"
KIND_SCHEME = "schemas.google.com/g/2005#kind"
TAKEOUT = "schemas.google.com/blogger/2018"
_ID_RE = re.compile(r"(?:post|page|comment)-(\d+)$")


def item_id(value: str) -> str:
    """The number Blogger gives an entry, from its Atom id or a bare number.

    >>> item_id("tag:blogger.com,1999:blog-63032.post-1858599377741856733")
    '1858599377741856733'
    >>> item_id(" 5590533389087749201 "), item_id("tag:blogger.com,1999:blog-1.comment-300"), item_id("")
    ('5590533389087749201', '300', '')
    """
    value = value.strip()
    if value.isdigit():
        return value
    found = _ID_RE.search(value)
    return found.group(1) if found else ""


def paragraphs(fragment: str) -> str:
    """Blogger's HTML with its line breaks read as a reader saw them: a run of two or more ``<br>``
    ends a paragraph (Blogger's editor writes paragraphs so), one stays a line break; the ``<div>``
    its editor wraps a whole post in is dropped, and so is a ``<br>`` between a list's items.

    >>> paragraphs("It was cold.<br /><br />Very cold.<br />Indeed.")
    '<p>It was cold.</p>\\n<p>Very cold.<br/>Indeed.</p>'
    >>> paragraphs('<div dir="ltr" trbidi="on">One.<br><br><ul><li>a</li><br /><li>b</li></ul>Two.</div>')
    '<p>One.</p>\\n<ul><li>a</li><li>b</li></ul>\\n<p>Two.</p>'
    """
    soup = BeautifulSoup(fragment or "", "html.parser")
    strip_comments(soup)
    for stray in soup.select("ul > br, ol > br, table > br, tr > br"):  # the editor's, between items: a gap
        stray.decompose()
    shown = [n for n in soup.contents if not (isinstance(n, NavigableString) and not n.strip())]
    if len(shown) == 1 and isinstance(shown[0], Tag) and shown[0].name == "div":
        shown[0].unwrap()
    out: list[str] = []
    run: list[str] = []
    breaks: list[str] = []  # <br>s (and the blanks between them) not yet known to end a paragraph

    def flush() -> None:
        words = "".join(run).strip()
        if words:
            out.append(f"<p>{words}</p>")
        run.clear()

    for node in list(soup.contents):
        if isinstance(node, Tag) and node.name == "br":
            breaks.append(str(node))
            continue
        if isinstance(node, NavigableString) and not node.strip():
            (breaks if breaks else run).append(str(node))
            continue
        if sum(1 for b in breaks if b.startswith("<br")) >= 2:
            flush()
        elif run:
            run.extend(breaks)
        breaks.clear()
        if isinstance(node, Tag) and node.name.lower() in BLOCK_NAMES:
            flush()
            out.append(str(node))
        else:
            run.append(str(node))
    flush()
    return "\n".join(out)


@dataclass
class _Entry:
    """One entry of the export, read once."""

    element: object
    kind: str  # post, page, comment, or another kind Blogger keeps (settings, template)
    id: str
    live: bool
    why_not: str = ""  # why an entry that is not live is left out


@dataclass
class _Post:
    entry: _Entry
    post: ImportedPost
    link: str
    author_uri: str
    comments: list[_Entry] = field(default_factory=list)
    target_slug: str = ""
    target_author: str = ""
    write: bool = True


def _takeout(element, name: str) -> str:
    return text(element, name, TAKEOUT)


def _read_entry(element) -> _Entry:
    kind = ""
    for category in children(element, "category"):
        if KIND_SCHEME in attr(category, "scheme"):
            kind = attr(category, "term").rsplit("#", 1)[-1].strip().lower()
    kind = kind or _takeout(element, "type").strip().lower()
    entry_id = item_id(text(element, "id"))
    control = child(element, "control")
    if text(control, "draft").strip().lower() == "yes":
        return _Entry(element, kind, entry_id, False, "draft")
    status = _takeout(element, "status").strip().upper()
    if status and status != "LIVE":
        return _Entry(element, kind, entry_id, False, "draft" if status == "DRAFT" else f"status {status!r}")
    if _takeout(element, "trashed").strip():
        return _Entry(element, kind, entry_id, False, "in the trash")
    return _Entry(element, kind, entry_id, True)


def _link(element, rel: str) -> str:
    for link in children(element, "link"):
        if attr(link, "rel") == rel and attr(link, "href"):
            return attr(link, "href").strip()
    return ""


def _blog(root) -> tuple[str, str]:
    """The blog's number and its address."""
    blog_id = re.search(r"blog-(\d+)", text(root, "id"))
    return (blog_id.group(1) if blog_id else ""), _link(root, "alternate")


def _labels(element) -> list[str]:
    return [name for category in children(element, "category")
            if KIND_SCHEME not in attr(category, "scheme") and (name := plain(attr(category, "term")))]


def _slug(link: str, title: str, number: str) -> str:
    path = urlsplit(link).path if link else ""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\.html?$", "", last)
    return slugify(last) or slugify(title) or (f"blogger-{number}" if number else "")


def _author(element) -> tuple[str, str]:
    """A writer's name and their Blogger profile (or other) address; never their email."""
    who = child(element, "author")
    return clean_name(text(who, "name")), (safe_url(text(who, "uri").strip()) or "")


def _check_feed(root, source: Path) -> None:
    if local(root.tag) != "feed" or not any("blogger.com" in text(el) for el in children(root, "id")):
        raise ImportFailed(f"{source}: not a Blogger export: the root element is <{local(root.tag)}>"
                           + ("" if local(root.tag) != "feed" else " of a feed Blogger did not write") +
                           "; Blogger's Back up content (or Google Takeout) gives an Atom feed whose id "
                           "begins tag:blogger.com")


def read_blogger(source: Path, content_dir: Path, report: ImportReport, *,
                 pages: str = "hidden") -> tuple[list[ImportedPost], list[ImportedReply]]:
    """Read a Blogger export into posts and replies (nothing is written)."""
    if pages not in PAGE_CHOICES:
        raise ImportFailed(f"{source}: unknown pages choice {pages!r} (one of: {', '.join(PAGE_CHOICES)})")
    declared: list[str] = []
    root = parse_xml(source, declared)
    _check_feed(root, source)
    if declared:
        report.note(f"{source.name}: the export uses {', '.join(p + ':' for p in declared)} without declaring "
                    "it; read as Blogger means it")
    blog_id, blog_url = _blog(root)
    site = url_host(blog_url) or (f"blog-{blog_id}" if blog_id else source.stem)
    entries = [_read_entry(el) for el in children(root, "entry")]
    others = sum(1 for e in entries if e.kind not in ("post", "page", "comment"))
    if others:
        report.skip("blog settings and template", count=others)
    chosen: list[_Post] = []
    by_id: dict[str, _Post] = {}
    left_out: dict[str, str] = {}  # post id -> why it was left out, for its comments
    used: set[str] = set()
    for entry in entries:
        if entry.kind not in ("post", "page"):
            continue
        element = entry.element
        title = plain(text(element, "title"))
        filename = _takeout(element, "filename").strip()
        link = _link(element, "alternate") or (urljoin(blog_url, filename) if blog_url and filename else "")
        date = parse_date(text(element, "published"))
        reason = None if entry.live else ("draft" if entry.why_not == "draft" else f"post {entry.why_not}")
        if reason is None and entry.kind == "page" and pages == "skip":
            reason = "page (--pages skip)"
        if reason is None and not date:
            reason = "post without a date"
        slug = _slug(link, title, entry.id) if reason is None else ""
        if reason is None and not slug:
            reason = "post without a usable slug, title or id"
        if reason is not None:
            left_out[entry.id] = reason
            report.skip(reason, f"{source.name}: skipped {title or link or entry.id!r}: {reason}"
                        if reason.startswith("post without") else None)
            continue
        if slug in used:
            report.note(f"{source.name}: two posts have slug {slug!r}; post {entry.id} becomes '{slug}-{entry.id}'")
            slug = f"{slug}-{entry.id}"
        used.add(slug)
        author, author_uri = _author(element)
        if not title:
            title = "(no title)"
            report.note(f"{source.name}: post {slug!r} has no title; titled '(no title)'")
        post = ImportedPost(
            slug=slug, title=title, date=date, source_id=f"blogger:{site}:{entry.kind}:{entry.id or link}",
            source_kind=SOURCE_KIND, body=paragraphs(text(element, "content")), author=author,
            tags=_labels(element), original_url=safe_url(link),
            kind=entry.kind, status="hidden" if entry.kind == "page" and pages == "hidden" else "")
        chosen.append(entry_post := _Post(entry=entry, post=post, link=link, author_uri=author_uri))
        by_id[entry.id] = entry_post
    if pages != "skip" and any(p.entry.kind == "page" for p in chosen):
        report.pages_as = "hidden posts (a page each, in no list or feed)" if pages == "hidden" else "posts"
    for entry in entries:
        if entry.kind != "comment":
            continue
        element = entry.element
        in_reply_to = child(element, "in-reply-to")
        post_id = item_id(attr(in_reply_to, "ref") if in_reply_to is not None else _takeout(element, "parent"))
        owner = by_id.get(post_id)
        if owner is not None:
            owner.comments.append(entry)
        elif post_id in left_out:
            report.skip("comment on a skipped item")
        else:
            report.skip("comment on a post that is not in the export",
                        f"{source.name}: comment {entry.id} names post {post_id or '(none)'}, which the export "
                        "does not hold; skipped")
    index = scan_content(content_dir)
    place_and_link(chosen, index, report, source.name)
    replies: list[ImportedReply] = []
    for entry in chosen:
        if entry.target_slug:
            replies.extend(_read_comments(entry, site, source, report))
    logger.info("%s: Blogger export of %s, %d entries", source, blog_url or site, len(entries))
    return [p.post for p in chosen if p.write], replies


def _removed(element) -> bool:
    return any(attr(p, "name") == "blogger.contentRemoved" and attr(p, "value").strip().lower() == "true"
               for p in children(element, "extendedProperty"))


def _answered(element) -> str | None:
    """The comment a comment answers, if it answers one."""
    related = _link(element, "related")
    number = item_id(related.rstrip("/").rsplit("/", 1)[-1]) if related else item_id(_takeout(element, "inReplyTo"))
    return f"blogger-{number}" if number else None


def _read_comments(entry: _Post, site: str, source: Path, report: ImportReport) -> list[ImportedReply]:
    shown_author = entry.target_author or entry.post.author
    candidates = []
    for comment in entry.comments:
        element = comment.element
        author, author_uri = _author(element)
        date = parse_date(text(element, "published"))
        keep, reason = comment.live, ("draft comment" if comment.why_not == "draft"
                                      else f"comment {comment.why_not}")
        if _removed(element):
            keep, reason = False, "removed comment"
        if keep and not date:
            keep, reason = False, "comment without a date"
        by_author = bool(author_uri) and author_uri == entry.author_uri
        if by_author and keep:
            author = shown_author or author
            report.by_post_author += 1
        reply = ImportedReply(
            post_slug=entry.target_slug, reply_id=f"blogger-{comment.id}", date=date or "",
            source_id=f"blogger:{site}:{comment.id}", author=author or "Anonymous",
            body=html_blocks(paragraphs(text(element, "content"))),
            author_url=None if by_author else (author_uri or None),
            not_post_author=not by_author and bool(shown_author) and name_key(author) == name_key(shown_author))
        candidates.append(Candidate(reply=reply, parent=_answered(element), keep=keep, skip_reason=reason))
    return resolve_thread(candidates, report, where=f"{source.name}: post {entry.target_slug!r}")


def import_blogger(source: Path, content_dir: Path, *, dry_run: bool = False, update: bool = False,
                   pages: str = "hidden") -> ImportReport:
    """Import posts, pages and comment threads from a Blogger export file.

    Parameters
    ----------
    source : Path
        The export (an Atom feed: Blogger's Back up content, or Google Takeout's ``feed.atom``).
    content_dir : Path
        The Pelican content folder to write into.
    dry_run : bool
        Read, check and plan, but write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same items when they differ now.
    pages : {"hidden", "posts", "skip"}
        What Blogger's pages become: hidden posts (default; a page each, in no list or feed),
        ordinary posts, or nothing.

    Returns
    -------
    ImportReport
        What was imported, skipped and written.

    Raises
    ------
    ImportFailed
        The file is unreadable, not well-formed or unsafe XML, or not a Blogger export; nothing
        has been written.
    """
    source, content_dir = Path(source), Path(content_dir)
    report = ImportReport("Blogger", str(source))
    posts, replies = read_blogger(source, content_dir, report, pages=pages)
    return finish(report, content_dir, posts, replies, dry_run=dry_run, update=update)
