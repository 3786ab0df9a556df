"""The end every importer shares: check the records, count, plan the files, write them."""

from __future__ import annotations

import logging
from pathlib import Path

from . import writer
from .htmltext import link_remote_media
from .model import (
    KINDS,
    REACTION_KINDS,
    REPLY_ID_RE,
    SLUG_RE,
    STATUSES,
    ImportedPost,
    ImportedReply,
    ImportFailed,
    ImportReport,
    Reaction,
)
from .safety import safe_url
from .site import KnownPost, PostIndex, rewrite_links
from .threads import thread_stats

logger = logging.getLogger(__name__)


def place_post(post: ImportedPost, index: PostIndex, report: ImportReport,
               source_name: str) -> tuple[bool, str, str]:
    """Decide whether to write an imported post, and which post its replies go to.

    Returns
    -------
    tuple of (bool, str, str)
        (write the post?, slug of the post that gets the replies or ``""`` to skip them,
        that post's author name).

    A post already in the content folder with the same slug or original URL is not written
    again: if an earlier import of the same item wrote it, it is planned as usual (and comes
    out ``unchanged``); if it was written by hand or by ``pelican-import``, the replies are
    attached to it; if another imported item holds the slug, post and replies are skipped.
    """
    own = index.by_slug.get(post.slug)
    if own is not None and own.source_id == post.source_id and own.relpath == post.relpath:
        # Written by an earlier import of this item (another post of the export may share its address).
        return True, post.slug, post.author
    existing = index.find_url(post.original_url, by_slug=False) if post.original_url else None
    existing = existing or index.find_slug(post.slug)
    if existing is None or (existing.source_id == post.source_id and existing.relpath == post.relpath):
        return True, post.slug, post.author
    if (existing.slug == post.slug and existing.source_id and existing.source_id != post.source_id
            and existing.original_url != post.original_url):
        report.skip("post whose slug is taken by another imported post",
                    f"{source_name}: {post.slug!r}: slug already used by {existing.relpath} "
                    f"({existing.source_id}); post and its replies skipped")
        return False, "", ""
    report.posts_existing += 1
    report.note(f"{source_name}: {post.slug!r} is already in the content folder as "
                f"{existing.relpath}; not written again, its replies are attached to it")
    return False, existing.slug, existing.author or post.author


def place_and_link(entries: list, index: PostIndex, report: ImportReport, source_name: str) -> None:
    """For the posts of an export (entries with ``post``, ``link`` and the ``write``, ``target_slug`` and
    ``target_author`` this sets): decide where each goes (:func:`place_post`), then make the links between
    them lead to the imported posts (or to the posts already there that took their place)."""
    for entry in entries:
        entry.write, entry.target_slug, entry.target_author = place_post(entry.post, index, report, source_name)
    for entry in entries:
        post = entry.post
        if entry.write:
            index.add(KnownPost(slug=post.slug, relpath=post.relpath, title=post.title,
                                author=post.author, source_id=post.source_id,
                                original_url=post.original_url or ""),
                      urls=post.aliases)
        elif entry.target_slug in index.by_slug:
            # A post already in the content folder: its old URLs now lead to it.
            index.add(index.by_slug[entry.target_slug], urls=[u for u in (post.original_url, *post.aliases) if u])
    for entry in entries:
        if entry.write:
            entry.post.body, count = rewrite_links(entry.post.body, index, base=entry.link or None,
                                                   own_slug=entry.post.slug)
            report.links_rewritten += count


def check_records(source: str, posts: list[ImportedPost], replies: list[ImportedReply],
                  reactions: list[Reaction]) -> None:
    """Raise :class:`ImportFailed` if any record would make an invalid file (a bug guard)."""
    problems: list[str] = []
    seen_posts: set[str] = set()
    for post in posts:
        if not SLUG_RE.match(post.slug):
            problems.append(f"post slug {post.slug!r} is not a valid slug")
        if post.slug in seen_posts:
            problems.append(f"two posts with slug {post.slug!r}")
        seen_posts.add(post.slug)
        if not post.title or not post.date:
            problems.append(f"post {post.slug!r} has no title or date")
    keys = {(r.post_slug, r.reply_id) for r in replies}
    if len(keys) != len(replies):
        problems.append("two replies with one id under one post")
    for reply in replies:
        where = f"reply {reply.post_slug}/{reply.reply_id}"
        if not SLUG_RE.match(reply.post_slug) or not REPLY_ID_RE.match(reply.reply_id):
            problems.append(f"{where}: invalid post slug or reply id")
        if reply.kind not in KINDS or reply.status not in STATUSES:
            problems.append(f"{where}: invalid Kind {reply.kind!r} or Status {reply.status!r}")
        if not reply.date:
            problems.append(f"{where}: no date")
        if reply.kind != "deleted" and not reply.author:
            problems.append(f"{where}: no author")
        if reply.kind in ("pingback", "mention") and not safe_url(reply.source_url):
            problems.append(f"{where}: a {reply.kind} needs an http(s) Source-URL")
        if reply.reply_to and (reply.post_slug, reply.reply_to) not in keys:
            problems.append(f"{where}: Reply-To {reply.reply_to!r} is not imported")
    for reaction in reactions:
        if reaction.kind not in REACTION_KINDS or not SLUG_RE.match(reaction.post_slug):
            problems.append(f"reaction {reaction.kind!r} on {reaction.post_slug!r} is invalid")
    if problems:
        raise ImportFailed(f"{source}: the import was checked and not written: " + "; ".join(problems))


def finish(report: ImportReport, content_dir: Path, posts: list[ImportedPost],
           replies: list[ImportedReply], reactions: list[Reaction] | None = None, *,
           dry_run: bool = False, update: bool = False) -> ImportReport:
    """Check, count, plan and (unless ``dry_run``) write everything an importer produced.

    Parameters
    ----------
    report : ImportReport
        The importer's report so far (skips and notes); counts and files are filled in.
    content_dir : Path
        The Pelican content folder.
    posts, replies, reactions : list
        Everything to write.
    dry_run : bool
        Plan only; write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same items even when they differ now.

    Returns
    -------
    ImportReport
        The completed report.
    """
    reactions = reactions or []
    check_records(report.source, posts, replies, reactions)
    report.content_dir = str(content_dir)
    report.dry_run = dry_run
    report.posts = sum(1 for p in posts if p.kind != "page")
    report.pages = sum(1 for p in posts if p.kind == "page")
    report.replies = sum(1 for r in replies if r.kind == "reply")
    report.pending = sum(1 for r in replies if r.kind == "reply" and r.status == "pending")
    report.hidden = sum(1 for r in replies if r.status in ("hidden", "spam"))
    report.placeholders = sum(1 for r in replies if r.kind == "deleted")
    report.pingbacks = sum(1 for r in replies if r.kind == "pingback")
    report.pingbacks_pending = sum(1 for r in replies if r.kind == "pingback" and r.status == "pending")
    report.mentions = sum(1 for r in replies if r.kind == "mention")
    for reaction in reactions:
        report.reactions[reaction.kind] += 1
    report.remote_media = sum(link_remote_media(post.body, base=post.original_url)[1] for post in posts)
    report.threads, report.nested_threads, report.max_depth = thread_stats(replies)
    planned, notes = writer.plan_files(content_dir, posts, replies, reactions, update=update)
    report.files = planned
    report.notes.extend(notes)
    for item in planned:
        if item.action == "conflict":
            logger.warning("%s: %s: not written (%s)", report.source, item.path, item.note)
    if not dry_run:
        written = writer.apply(planned)
        logger.info("%s: %d files written into %s", report.source, written, content_dir)
    return report
