"""What every importer produces: posts, replies, reactions, and a report of what happened.

The importers only build these records; :mod:`importers.writer` turns them into the files of
``docs/formats.md`` and :mod:`importers.pipeline` checks, plans and writes them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPLY_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Post slugs may be any letters (Pelican builds ``Slug: 黑天鹅`` fine); reply ids stay ASCII.
SLUG_RE = re.compile(r"^[^\W_][\w.-]*$")
STATUSES = ("published", "pending", "hidden", "spam")
KINDS = ("reply", "pingback", "mention", "deleted")
REACTION_KINDS = ("like", "repost", "bookmark")
# What an export's pages become (WordPress, Blogger): hidden posts (a page each, in no list or feed), posts, nothing.
PAGE_CHOICES = ("hidden", "posts", "skip")


class ImportFailed(Exception):
    """An import cannot go on; the message names the file (and line, for XML) and the reason.

    Nothing has been written when this is raised: every importer reads and checks its whole
    source before it writes a single file.
    """


@dataclass
class ImportedPost:
    """A post taken from an export, written as ``<content>/imported/<source_kind>/<slug>.html``."""

    slug: str
    title: str
    date: str
    body: str
    source_id: str
    source_kind: str
    author: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    original_url: str | None = None
    # Other URLs that led to the post on the old site (guid, ``?p=<id>``); used for links only.
    aliases: list[str] = field(default_factory=list)
    # Pelican's ``Status``: ``""`` (published) or ``hidden`` (its own page, in no list or feed;
    # how WordPress pages are imported by default).
    status: str = ""
    # "post", or "page" for a WordPress page (counted apart in the report).
    kind: str = "post"
    # True: the source closed the post to comments (``<meta name="replies" content="closed">``).
    replies_closed: bool = False
    # The language a saved page says it is in (``de``), when not English: ``<meta name="written-in">``, which
    # marks the post's title, text and replies so (not Pelican's ``lang``: that would move it to a
    # translation's address).
    written_in: str = ""

    @property
    def relpath(self) -> str:
        """Path of the post file relative to the content folder."""
        return f"imported/{self.source_kind}/{self.slug}.html"


@dataclass
class ImportedReply:
    """One reply file, ``<content>/replies/<post_slug>/<reply_id>.md``."""

    post_slug: str
    reply_id: str
    date: str
    source_id: str
    author: str = ""
    body: str = ""
    reply_to: str | None = None
    # The reply it answered in the source, which the source no longer holds (``Reply-To-Missing``): the page
    # marks it detached instead of showing it as an answer to the post.
    missing_parent: str | None = None
    author_url: str | None = None
    status: str = "published"
    kind: str = "reply"
    source_url: str | None = None
    # True: the export shows it is not the post's author, though the name is theirs (``Post-Author: no``).
    not_post_author: bool = False
    # True: the source showed no date; ``date`` is the item before's, for the order (``Date-Estimated: yes``).
    date_estimated: bool = False
    # Source-Ids an earlier import gave this reply (before it had to be told apart from another
    # comment of the export with the same id): a file holding one is this reply's, written before.
    former_source_ids: tuple[str, ...] = ()

    @property
    def relpath(self) -> str:
        return f"replies/{self.post_slug}/{self.reply_id}.md"


@dataclass
class Reaction:
    """A like, repost or bookmark of a post (``reactions.json``), counted, not shown as a reply."""

    post_slug: str
    kind: str
    author: str = ""
    url: str | None = None


@dataclass
class PlannedFile:
    """A file an import writes (or would write, in a dry run) and what happens to it.

    ``action`` is one of ``create``, ``update`` (an earlier import of the same item, or merged
    reactions), ``unchanged``, ``kept`` (an earlier import of the same item that differs now,
    perhaps edited by hand; left alone unless ``update=True``) or ``conflict`` (the path
    belongs to something else; never overwritten).
    """

    path: Path
    text: str
    action: str
    note: str = ""

    @property
    def writes(self) -> bool:
        return self.action in ("create", "update")


@dataclass
class ImportReport:
    """What an import read, wrote and skipped; ``str(report)`` is the printed report."""

    importer: str
    source: str
    content_dir: str = ""
    dry_run: bool = False
    posts: int = 0
    pages: int = 0
    pages_as: str = ""
    posts_existing: int = 0
    replies: int = 0
    pending: int = 0
    hidden: int = 0
    placeholders: int = 0
    pingbacks: int = 0
    pingbacks_pending: int = 0
    mentions: int = 0
    by_post_author: int = 0
    threads: int = 0
    nested_threads: int = 0
    max_depth: int = 0
    links_rewritten: int = 0
    remote_media: int = 0
    reactions: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    files: list[PlannedFile] = field(default_factory=list)
    # What the user should do next (e.g. import the posts first), printed last, in plain words.
    todo: list[str] = field(default_factory=list)

    def skip(self, reason: str, detail: str | None = None, count: int = 1) -> None:
        """Count ``count`` skipped items under ``reason``; ``detail`` goes to the notes."""
        self.skipped[reason] += count
        if detail:
            self.notes.append(detail)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def actions(self) -> Counter:
        return Counter(f.action for f in self.files)

    def format(self, *, list_files: bool | None = None) -> str:
        """The report as text; files are listed one by one in a dry run (or when asked)."""
        if list_files is None:
            list_files = self.dry_run
        head = "Dry run (nothing written): " if self.dry_run else ""
        lines = [f"{head}{self.importer} import from {self.source}"]
        if self.content_dir:
            lines.append(f"  content folder: {self.content_dir}")
        posts = f"{self.posts} imported"
        if self.posts_existing:
            posts += f", {self.posts_existing} already in the content folder (replies attached)"
        lines.append(f"  posts:      {posts}")
        if self.pages:
            lines.append(f"  pages:      {self.pages} imported as {self.pages_as or 'posts'}, with their comments")
        replies = [f"{self.replies}"]
        extra = []
        if self.pending:
            extra.append(f"{self.pending} pending")
        if self.hidden:
            extra.append(f"{self.hidden} hidden")
        if self.by_post_author:
            extra.append(f"{self.by_post_author} by the post's author")
        if extra:
            replies.append(f"({', '.join(extra)})")
        lines.append(f"  replies:    {' '.join(replies)}")
        lines.append(f"  deleted placeholders: {self.placeholders} (kept so their replies keep their place)")
        lines.append(f"  threads:    {self.threads} started by a reply to a post, "
                     f"{self.nested_threads} with nested replies; max depth {self.max_depth}")
        pending_pings = (f" ({self.pingbacks_pending} of them pending, not shown until published)"
                         if self.pingbacks_pending else " (none pending)" if self.pingbacks else "")
        lines.append(f"  pingbacks:  {self.pingbacks}{pending_pings}   mentions: {self.mentions}")
        if self.reactions:
            counted = ", ".join(f"{self.reactions[k]} {k}" for k in REACTION_KINDS if self.reactions[k])
            lines.append(f"  reactions:  {counted}")
        if self.links_rewritten:
            lines.append(f"  links between imported posts made internal: {self.links_rewritten}")
        if self.remote_media:
            lines.append(f"  remote media turned into links: {self.remote_media} "
                         "(images and embeds in posts; the site loads nothing from elsewhere)")
        actions = self.actions()
        verb = "would write" if self.dry_run else "files"
        order = ("create", "update", "unchanged", "kept", "conflict")
        lines.append(f"  {verb}: " + ", ".join(f"{actions[a]} {a}" for a in order))
        if self.skipped:
            lines.append(f"  skipped: {sum(self.skipped.values())}")
            for reason, count in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"    {count:4d}  {reason}")
        if self.notes:
            lines.append("  notes:")
            lines.extend(f"    - {n}" for n in self.notes)
        if list_files and self.files:
            lines.append("  files:")
            for planned in self.files:
                note = f"  ({planned.note})" if planned.note else ""
                lines.append(f"    {planned.action:9s} {planned.path}{note}")
        else:  # the files left as they are, or in conflict, are named even when the rest are not
            named = [p for p in self.files if p.action in ("kept", "conflict")]
            if named:
                lines.append("  files not written:")
                lines.extend(f"    {p.action:9s} {p.path}" + (f"  ({p.note})" if p.note else "") for p in named)
        if self.todo:
            lines.append("  what to do:")
            lines.extend(f"    - {t}" for t in self.todo)
        # Import reports end up in terminals and CI logs: no value in them may show an address.
        from replies.privacy import redact

        return redact("\n".join(lines))

    def __str__(self) -> str:
        return self.format()
