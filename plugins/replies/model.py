"""What a reply is, once read: plain data, shared by every stage of the pipeline."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

from .privacy import redact
from .sanitize import shown_host

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
    # ``Post-Author: no``: written by someone else under the post author's name (an importer knows:
    # e.g. a WordPress visitor, not the blog's user). Never marked as the author's, a person apart.
    not_post_author: bool = False
    # How much of ``date`` is known: "time" (the usual), "day" (its Date has no time of day: a day
    # taken from a pingback's address, say) or "unknown" (``Date-Estimated: yes``: the source showed
    # none, an importer took the item before's for the order): shown as "date unknown", never a date.
    # One field for both: a Reply with more than 29 fields loses Python's key-sharing instance dicts
    # (1.6 KB a reply instead of about 0.3 KB: +33 MB at 20,000 replies).
    date_shown: str = "time"
    # The id as written, when it held private data and ``id`` is a neutral one (never shown).
    original_id: str | None = field(default=None, repr=False)
    # ``Reply-To-Missing``: the reply it answered in an imported source that no longer holds it (an
    # importer writes it): shown under the post, marked detached, with no warning (the import said so).
    # Not a field: set on the few replies that have one (a 30th field would cost every reply its
    # shared-key dict, test_replies_keep_python_s_shared_key_instance_dicts).
    missing_parent: ClassVar[str | None] = None
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
    # Set by later stages (declared here so each reply's attributes stay in one compact, shared-key dict:
    # an attribute added after __init__ doubles the dict of every one of 20,000 replies):
    reply_link: object | None = field(default=None, repr=False)  # replies.reply_links
    person_url: str = ""  # conversation_map: the writer's person page

    @property
    def source_host(self) -> str:
        """The site a reply from elsewhere was made on ("twitter.com"), for "on twitter.com"; "" for none.

        >>> import datetime as dt
        >>> Reply("1", "p", "1.md", "A", dt.datetime(2026, 1, 1), Markup(""), "",
        ...       source_url="https://www.twitter.com/a/status/1").source_host
        'twitter.com'
        """
        return shown_host(self.source_url) if self.source_url else ""

    def share_strings(self) -> None:
        """Hold the strings that many replies repeat (post, status, kind, who) as one object each.

        Every reply read from a file or from the cache has its own copy of them: at 20,000
        replies, some 4 MB of the same few hundred words.
        """
        self.post_slug, self.status, self.kind = (sys.intern(self.post_slug), sys.intern(self.status),
                                                  sys.intern(self.kind))
        self.author = sys.intern(self.author)
        if self.author_url:
            self.author_url = sys.intern(self.author_url)

    @property
    def key(self) -> str:
        return f"{self.post_slug}/{self.id}"

    @property
    def anchor(self) -> str:
        return f"reply-{self.id}"

    @property
    def reply_to_shown(self) -> str:
        """``reply_to`` as a page may say it (a detached reply names the reply it answers), addresses hidden."""
        return redact(self.reply_to or self.missing_parent or "")

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


@dataclass
class Reactions:
    """Likes, reposts and bookmarks of a post, counted, never shown as replies."""

    like: list[dict] = field(default_factory=list)
    repost: list[dict] = field(default_factory=list)
    bookmark: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.like) + len(self.repost) + len(self.bookmark)

    @property
    def where(self) -> str:
        """Where they were made, for a reader who might think them made here: the one site they all
        link to ("twitter.com"), "other sites" when they come from several, "" when none says.

        >>> Reactions(like=[{"url": "https://twitter.com/a/status/1#liked-by-2"}],
        ...           repost=[{"url": "https://www.twitter.com/b/status/3"}]).where
        'twitter.com'
        >>> Reactions(like=[{"url": "https://twitter.com/a"}, {"url": "https://mastodon.example/@b"}]).where
        'other sites'
        """
        hosts = {shown_host(r["url"]) for r in (*self.like, *self.repost, *self.bookmark) if r.get("url")}
        hosts.discard("")
        return "" if not hosts else hosts.pop() if len(hosts) == 1 else "other sites"


@dataclass
class Thread:
    """All replies of one post, threaded, ready for the theme."""

    post_slug: str
    roots: list[Reply] = field(default_factory=list)
    mentions: list[Reply] = field(default_factory=list)
    reactions: Reactions = field(default_factory=Reactions)
    # Every reply file under this post, shown or not (the graph uses the shown ones).
    all_replies: list[Reply] = field(default_factory=list)
    # Reply key -> person, from the conversation map's people (who is who), for the counts.
    person_of: dict[str, str] = field(default_factory=dict)
    # Reply key -> the reply it answers by the name it opens with ("@Jo: ..."), where its place in the
    # thread says otherwise (a flat comment system's): the conversation map's answer edges; "In reply to".
    answers_by_name: dict[str, Reply] = field(default_factory=dict)
    # Keys of the replies whose writer answers their own earlier reply ("Adding to their own reply"), by
    # the conversation map's people; None without it (the thread then compares names).
    adds_to_own: frozenset[str] | None = None
    # Reply key -> the name the site knows its writer by (maps, key, exchanges), for the replies signed
    # otherwise ("Jo" by Jo Menschenfreund), from the conversation map's people: the thread shows that name
    # and says how the reply was signed. (Per thread, not per reply: a Reply keeps its fields few.)
    known_as: dict[str, str] = field(default_factory=dict)

    @property
    def threading_unknown(self) -> bool:
        """Whether nothing says which reply answers which: every reply came from another site as a
        webmention (a reply with a ``Source-URL``), whose only link is to the post, so the thread is
        flat because the source says no more, not because each answered the post alone."""
        replies = [r for r in self.shown if r.kind == "reply"]
        # one answering another by name ("@Sia ...") says who answered whom after all
        return (len(replies) >= 2 and all(r.source_url and r.parent is None for r in replies)
                and not any(r.key in self.answers_by_name for r in replies))

    @property
    def nested_depth(self) -> int:
        """How deep the shown replies nest (1: every one answers the post), answers by name not counted."""
        return max((r.depth + 1 for r in self.shown), default=0)

    @property
    def detached_count(self) -> int:
        """How many shown replies answer a reply that is not here (:attr:`Reply.detached`: each is a root)."""
        return sum(r.detached for r in self.roots)

    @property
    def shown(self) -> list[Reply]:
        """Shown replies in thread order (placeholders included): each root and the replies below it, depth
        first (asked for a dozen times a post in a build: one loop, no generator)."""
        found: list[Reply] = []
        stack = self.roots[::-1]
        while stack:
            reply = stack.pop()
            found.append(reply)
            if reply.children:
                stack += reply.children[::-1]
        return found

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
        """How many replies someone wrote here: :func:`count_replies`' first number, without telling
        their writers apart (asked several times a post in a build)."""
        return sum(1 for r in self.shown if r.is_contribution)

    @property
    def people_count(self) -> int:
        return count_replies(self.shown, self.person_of)[1]

    @property
    def summary(self) -> str:
        """The count line, e.g. ``7 replies from 4 people`` (see :func:`count_replies`)."""
        return count_line(*count_replies(self.shown, self.person_of))


def name_key(name) -> str:
    """A name with case and spacing folded: how the site tells one writer's name from another's (the
    post author's replies, the "P people" count; the importers ask the same to mark a visitor).

    >>> name_key("  Ada   PARK ") == name_key("ada park")
    True
    """
    return " ".join(str(name).casefold().split())


ANONYMOUS_NAMES = frozenset({"", "anonymous"})


def is_anonymous(name, url=None) -> bool:
    """A reply signed by no one the site can name: no name, or "Anonymous" (how Blogger signs a reply without
    one, and the importers and the reader a reply with none), and no website. Each such reply is by a writer
    of its own: not one "Anonymous" counted, mapped and given a page as if they were one person.

    >>> is_anonymous("Anonymous"), is_anonymous(" anonymous "), is_anonymous(""), is_anonymous(None)
    (True, True, True, True)
    >>> is_anonymous("Anonymous", "https://anon.example/"), is_anonymous("Anonymous User")
    (False, False)
    """
    return not url and name_key(name or "") in ANONYMOUS_NAMES


def count_replies(replies, person_of: dict | None = None) -> tuple[int, int]:
    """THE counting rule of a post's "N replies from P people" (the thread's header and the
    conversation's shape sentence both use it).

    Replies: the replies someone wrote here (``is_contribution``); deleted placeholders,
    pingbacks and mentions are not counted. People: the different writers of those replies,
    by ``person_of`` (reply key -> person, set by the conversation map so that its merged
    names agree) or else by the name with case and spacing folded (a reply marked
    ``Post-Author: no`` apart from the author's own). The post's author counts
    like anyone else when they replied, and not for having written the post. Each anonymous
    reply (:func:`is_anonymous`) is by a writer of its own.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> replies = [R(key="p/1", author="Sam", is_contribution=True, not_post_author=False),
    ...            R(key="p/2", author="sam ", is_contribution=True, not_post_author=False),
    ...            R(key="p/3", author="Deleted", is_contribution=False, not_post_author=False)]
    >>> count_replies(replies), count_replies(replies, {"p/1": "a", "p/2": "b"})
    ((2, 1), (2, 2))
    >>> count_replies([R(key=f"p/{n}", author="Anonymous", author_url=None, is_contribution=True,
    ...                  not_post_author=False) for n in range(3)])
    (3, 3)
    >>> count_line(2, 1), count_line(0, 0)
    ('2 replies from 1 person', 'No replies yet')
    """
    person_of = person_of or {}
    written = [r for r in replies if r.is_contribution]
    return len(written), len({person_of.get(r.key) or (r.key if is_anonymous(r.author, getattr(r, "author_url", None))
                                                       else (name_key(r.author), r.not_post_author))
                              for r in written})


def count_line(replies: int, people: int) -> str:
    """``count_replies`` in words: "1 reply from 1 person", "No replies yet".

    >>> count_line(1, 1), count_line(1200, 340)
    ('1 reply from 1 person', '1,200 replies from 340 people')
    """
    if replies == 0:
        return "No replies yet"
    return (f"{'1 reply' if replies == 1 else f'{replies:,} replies'} from "
            f"{'1 person' if people == 1 else f'{people:,} people'}")


_OPENING_QUOTES, _CLOSING_QUOTES = "“„\"«‚‘‹'", "”“\"»’‘›'"


def quoted(title):
    """A title in curly quotes, unless it is quoted whole already (the templates' ``quoted`` filter).

    >>> quoted("On Slow Reading"), quoted("„Das wird man ja wohl noch sagen dürfen!“")
    ('“On Slow Reading”', '„Das wird man ja wohl noch sagen dürfen!“')
    >>> quoted(Markup("A &amp; B"))
    Markup('“A &amp; B”')
    """
    text = str(title)
    if len(text) >= 2 and text[0] in _OPENING_QUOTES and text[-1] in _CLOSING_QUOTES:
        return title
    if hasattr(title, "__html__"):
        return Markup("“%s”") % title
    return f"“{text}”"
