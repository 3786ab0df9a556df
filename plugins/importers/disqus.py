"""Import a Disqus XML export: every thread's comments, threaded, onto the posts they belong to.

Disqus holds no posts, only threads; each thread is matched to a post of the content folder
by its ``<link>`` (the post's ``original-url``, or its slug as the URL's last path segment)
or by its ``<id>`` (the ``disqus_identifier``: a slug, a URL, or WordPress's
``"<id> <url>"``). Threads that match no post are skipped and listed with their link.

Comments become ``<content>/replies/<slug>/disqus-<id>.md``, threaded by ``<parent>``.
``isSpam`` comments are skipped; ``isDeleted`` ones too, unless replies hang below them:
then a ``Kind: deleted`` placeholder (no author, no text) keeps their place. Disqus exports
hold each commenter's email and IP address; neither is ever read into a record, and a
commenter whose name is an email address is not named by the username Disqus derived from
it (``nameyahoocom``). Slugs and identifiers in any script are matched (``黑天鹅``); a thread
that cannot be imported is reported and skipped, and the other threads are imported.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote

from replies.authoring import replies_value
from replies.reply_links import replies_closed

from .dates import parse_date
from .htmltext import html_blocks, text_to_html
from .model import REPLY_ID_RE, SLUG_RE, ImportedReply, ImportFailed, ImportReport
from .pipeline import finish
from .safety import clean_name, has_private_data
from .site import KnownPost, PostIndex, missing_posts_advice, scan_content, url_slug_candidates
from .threads import Candidate, resolve_thread
from .xmlsafe import attr, child, children, local, parse_xml, text

logger = logging.getLogger(__name__)


def _true(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def _letters(value: str) -> str:
    return "".join(c for c in value.casefold() if c.isalnum())


def author_name(name: str, username: str) -> str:
    """The name to show for a Disqus author: never an email, nor a username made from one.

    Examples
    --------
    >>> author_name("Ada Park", "adapark"), author_name("name@yahoo.com", "nameyahoocom")
    ('Ada Park', '')
    >>> author_name("", "quietreader"), author_name("ben@example.org", "bens_notes")
    ('quietreader', 'bens_notes')
    """
    shown = clean_name(name)
    if shown:
        return shown
    user = clean_name(username)
    if not user or not has_private_data(name or ""):
        return user
    # Disqus makes a guest's username from the email it was given as a name.
    letters, email = _letters(user), _letters(name)
    if letters and (letters in email or email in letters):
        return ""
    return user


def _match_thread(thread, index: PostIndex) -> KnownPost | None:
    link = text(thread, "link")
    identifier = text(thread, "id")
    if link:
        post = index.find_url(link)
        if post is not None:
            return post
    if identifier:
        for token in dict.fromkeys([identifier, *identifier.split(), unquote(identifier)]):
            post = index.find_slug(token) if "/" not in token else index.find_url(token)
            if post is not None:
                return post
    return None


def _closed_here_too(post: KnownPost, content_dir: Path, report: ImportReport) -> None:
    """A thread Disqus closed, on a post of the site that still takes replies: say how to close it
    (an importer never changes a post it did not write)."""
    if replies_closed(replies_value(content_dir / post.relpath)):
        return
    line = ('<meta name="replies" content="closed">' if post.relpath.endswith((".html", ".htm"))
            else "Replies: closed")
    advice = f"{post.relpath}: its Disqus thread was closed to comments; add `{line}` to close it here too"
    if advice not in report.todo:
        report.todo.append(advice)


def read_disqus(source: Path, content_dir: Path, report: ImportReport) -> list[ImportedReply]:
    """Read a Disqus export into reply records (nothing is written)."""
    root = parse_xml(source)
    if local(root.tag) == "feed" and any("blogger.com" in (text(el) or "") for el in children(root, "id")):
        raise ImportFailed(f"{source}: a Blogger export (an Atom feed), not a Disqus export; import it "
                           "with: invoke import-blogger")
    if local(root.tag) != "disqus":
        raise ImportFailed(f"{source}: not a Disqus export: the root element is <{local(root.tag)}>, "
                           "not <disqus>")
    index = scan_content(content_dir)
    threads: dict[str, KnownPost | None] = {}
    thread_links: dict[str, str] = {}
    for thread in children(root, "thread"):
        tid = attr(thread, "id")
        if not tid:
            continue
        threads[tid] = _match_thread(thread, index)
        thread_links[tid] = text(thread, "link") or text(thread, "id") or f"thread {tid}"
        if threads[tid] is not None and _true(text(thread, "isClosed")):
            _closed_here_too(threads[tid], content_dir, report)
    logger.info("%s: %d threads, %d matched to posts", source, len(threads),
                sum(1 for p in threads.values() if p))

    by_post: dict[str, list[Candidate]] = {}
    unmatched: dict[str, int] = {}
    missing: dict[str, int] = {}
    for post_el in children(root, "post"):
        did = attr(post_el, "id")
        thread_id = attr(child(post_el, "thread"), "id")
        if thread_id not in threads:
            missing[thread_id] = missing.get(thread_id, 0) + 1
            continue
        target = threads[thread_id]
        if target is None:
            unmatched[thread_id] = unmatched.get(thread_id, 0) + 1
            continue
        rid = f"disqus-{did}"
        if not did or not REPLY_ID_RE.match(rid):
            report.skip("comment without a usable Disqus id")
            continue
        author_el = child(post_el, "author")
        name = author_name(text(author_el, "name"), text(author_el, "username"))
        message = text(post_el, "message")
        body = html_blocks(message) if "<" in message else text_to_html(message)
        date = parse_date(text(post_el, "createdAt"))
        keep, reason = True, ""
        if _true(text(post_el, "isSpam")):
            keep, reason = False, "spam comment"
        elif _true(text(post_el, "isDeleted")):
            keep, reason = False, "deleted comment"
        elif not date:
            keep, reason = False, "comment without a date"
        parent_id = attr(child(post_el, "parent"), "id")
        reply = ImportedReply(
            post_slug=target.slug, reply_id=rid, date=date or "", source_id=f"disqus:{did}",
            author=name or "Anonymous", body=body,
        )
        by_post.setdefault(target.slug, []).append(
            Candidate(reply=reply, parent=f"disqus-{parent_id}" if parent_id else None,
                      keep=keep, skip_reason=reason))

    for tid, count in sorted(unmatched.items()):
        report.skip("comment on a thread that matches no post", count=count)
        report.note(f"{source.name}: thread {thread_links[tid]!r} matches no post in the content "
                    f"folder; its {count} comment(s) skipped")
    if unmatched:
        first = next((thread_links[t] for t in sorted(unmatched)
                      if "://" in thread_links[t] and url_slug_candidates(thread_links[t])), None)
        report.todo.append(missing_posts_advice("comments", sum(unmatched.values()), index, first))
    for tid, count in sorted(missing.items()):
        report.skip("comment on a thread that is not in the export", count=count)
        report.note(f"{source.name}: {count} comment(s) on thread {tid or '(none)'!r}, which the "
                    "export does not hold; skipped")

    replies: list[ImportedReply] = []
    for slug, candidates in sorted(by_post.items()):
        if not SLUG_RE.match(slug):
            report.skip("comment on a post whose slug cannot be a folder name", count=len(candidates))
            report.note(f"{source.name}: post {slug!r} has a slug that cannot name a reply folder; "
                        f"its {len(candidates)} comment(s) skipped, the other threads imported")
            continue
        # Only a comment that is not kept can lack a date; should it become a placeholder,
        # it takes the thread's earliest date.
        earliest = min((c.reply.date for c in candidates if c.reply.date), default="")
        for cand in candidates:
            cand.reply.date = cand.reply.date or earliest
        replies.extend(resolve_thread(candidates, report, where=f"{source.name}: post {slug!r}"))
    report.posts_existing = len({r.post_slug for r in replies})
    return replies


def import_disqus(source: Path, content_dir: Path, *, dry_run: bool = False,
                  update: bool = False) -> ImportReport:
    """Import the comment threads of a Disqus XML export onto the posts of ``content_dir``.

    Parameters
    ----------
    source : Path
        The export (Disqus admin → Community → Export), unzipped.
    content_dir : Path
        The Pelican content folder; its posts are matched to the export's threads.
    dry_run : bool
        Read, check and plan, but write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same comments when they differ now.

    Returns
    -------
    ImportReport
        What was imported, skipped (with every unmatched thread's link) and written.

    Raises
    ------
    ImportFailed
        The file is unreadable, not well-formed or unsafe XML, or not a Disqus export.
    """
    source, content_dir = Path(source), Path(content_dir)
    report = ImportReport("Disqus", str(source))
    replies = read_disqus(source, content_dir, report)
    return finish(report, content_dir, [], replies, dry_run=dry_run, update=update)
