"""What a reply is, once read: plain data, shared by every stage of the pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

STATUSES = ("published", "pending", "hidden", "spam")
KINDS = ("reply", "pingback", "mention", "deleted")


class RepliesError(Exception):
    """Replies could not be read or threaded; the message lists every problem found.

    ``summary`` (when the problems were already logged one per line) is what the build's log
    shows instead of the list, so each problem is printed once (see ``post_emails.OneLineErrors``).
    """

    def __init__(self, message: str, summary: str | None = None) -> None:
        super().__init__(message)
        self.summary = summary


@dataclass
class Reply:
    """One reply file, read and rendered.

    ``key`` (``<post-slug>/<reply-id>``) is unique across the site; ``parent`` and
    ``children`` are filled in by :mod:`replies.threads`.
    """

    id: str
    post_slug: str
    source_path: str
    author: str
    date: dt.datetime
    body_html: Markup
    body_text: str
    reply_to: str | None = None
    author_url: str | None = None
    status: str = "published"
    kind: str = "reply"
    source_url: str | None = None
    source_id: str | None = None
    legacy: bool = False
    # The id as written, when it held private data and ``id`` is a neutral one (never shown).
    original_id: str | None = field(default=None, repr=False)
    # Filled in by threading and attaching:
    parent: Reply | None = field(default=None, repr=False)
    children: list[Reply] = field(default_factory=list, repr=False)
    cross_parent: Reply | None = field(default=None, repr=False)
    cross_children: list[Reply] = field(default_factory=list, repr=False)
    detached: bool = False
    parent_hidden: bool = False
    depth: int = 0
    by_post_author: bool = False
    article: object | None = field(default=None, repr=False)
    display_date: str = ""

    @property
    def key(self) -> str:
        return f"{self.post_slug}/{self.id}"

    @property
    def anchor(self) -> str:
        return f"reply-{self.id}"

    @property
    def url(self) -> str:
        """Site-relative URL of this reply (the post's URL with the reply's anchor)."""
        base = getattr(self.article, "url", "") if self.article is not None else ""
        return f"{base}#{self.anchor}"

    @property
    def shown(self) -> bool:
        return self.status == "published"

    @property
    def is_contribution(self) -> bool:
        """A reply someone wrote here (not a pingback, mention or deleted placeholder)."""
        return self.kind == "reply"

    def walk(self):
        """This reply and every reply below it, depth first, in thread order."""
        stack = [self]
        while stack:
            reply = stack.pop()
            yield reply
            stack.extend(reversed(reply.children))


@dataclass
class Reactions:
    """Likes, reposts and bookmarks of a post, counted, never shown as replies."""

    like: list[dict] = field(default_factory=list)
    repost: list[dict] = field(default_factory=list)
    bookmark: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.like) + len(self.repost) + len(self.bookmark)


@dataclass
class Thread:
    """All replies of one post, threaded, ready for the theme."""

    post_slug: str
    roots: list[Reply] = field(default_factory=list)
    mentions: list[Reply] = field(default_factory=list)
    reactions: Reactions = field(default_factory=Reactions)
    # Every reply file under this post, shown or not (the graph uses the shown ones).
    all_replies: list[Reply] = field(default_factory=list)

    @property
    def shown(self) -> list[Reply]:
        """Shown replies in thread order (placeholders included)."""
        return [r for root in self.roots for r in root.walk()]

    @property
    def layout(self) -> list[tuple[str, Reply]]:
        """The thread as ("open", reply) / ("close", reply) steps, depth first, in thread order.

        Templates render nested lists from this without recursion, so a thread of any depth
        renders (a recursive template loop would hit Python's recursion limit).
        """
        steps: list[tuple[str, Reply]] = []
        stack: list[tuple[str, Reply]] = [("open", root) for root in reversed(self.roots)]
        while stack:
            step, reply = stack.pop()
            steps.append((step, reply))
            if step == "open":
                stack.append(("close", reply))
                stack.extend(("open", child) for child in reversed(reply.children))
        return steps

    @property
    def contributions(self) -> list[Reply]:
        return [r for r in self.shown if r.is_contribution]

    @property
    def count(self) -> int:
        return len(self.contributions)

    @property
    def people_count(self) -> int:
        return len({_person_key(r.author) for r in self.contributions})

    @property
    def summary(self) -> str:
        """The count line, e.g. ``7 replies from 4 people``."""
        n, p = self.count, self.people_count
        if n == 0:
            return "No replies yet"
        replies = "1 reply" if n == 1 else f"{n} replies"
        people = "1 person" if p == 1 else f"{p} people"
        return f"{replies} from {people}"


def _person_key(name: str) -> str:
    return " ".join(name.casefold().split())
