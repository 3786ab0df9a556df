"""Thread replies: find each reply's parent, check the whole forest, order siblings.

Rules (``docs/formats.md``): ``Reply-To`` names a reply in the same folder or
``<other-post>/<id>``; a missing parent is a warning and the reply is shown under the
post, marked detached; a cycle or a repeated id is an error. Siblings are ordered by
date, then id. A reply to a reply under another post is shown under its own post, with
a link to where the conversation started, and the parent shows a link back.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from .model import Reply, Thread
from .problems import Problems
from .reader import copied_id


def _sort_key(reply: Reply):
    return (reply.date, reply.id)


def index_replies(replies: list[Reply], problems: Problems) -> dict[str, Reply]:
    """Map ``<post>/<id>`` to each reply; two replies with one id under one post are an error.

    Examples
    --------
    >>> import datetime as dt
    >>> from markupsafe import Markup
    >>> a = Reply("1", "p", "replies/p/1.md", "Ada", dt.datetime(2026, 1, 1), Markup(""), "")
    >>> b = Reply("1", "p", "comments/p/x.md", "Ben", dt.datetime(2026, 1, 2), Markup(""), "")
    >>> problems = Problems(strict=False)
    >>> sorted(index_replies([a, b], problems))
    ['p/1']
    >>> problems.errors
    ["comments/p/x.md: reply id '1' is already used by replies/p/1.md under post 'p'"]
    """
    index: dict[str, Reply] = {}
    for reply in replies:
        other = index.get(reply.key)
        if other is not None:
            problems.error(reply.source_path, f"reply id {reply.id!r} is already used by "
                                              f"{other.source_path} under post {reply.post_slug!r}")
            continue
        index[reply.key] = reply
    return index


def parent_key(reply: Reply) -> str | None:
    """The ``<post>/<id>`` key that ``Reply-To`` names, or None for a reply to the post."""
    if reply.reply_to is None:
        return None
    if "/" in reply.reply_to:
        return reply.reply_to
    return f"{reply.post_slug}/{reply.reply_to}"


_LOOK_ALIKE = str.maketrans("lio", "110")  # read off a screen, "l" or "i" pass for "1", "o" for "0"


def near_id(wanted: str, ids: list[str]) -> str | None:
    """The id in ``ids`` that a mistyped ``wanted`` most likely meant: the same but for case, a
    ``.md`` or ``#reply-`` copied with it, a look-alike letter for a digit ("tomas-l" for "tomas-1"),
    or one letter or two off; None when none is close.

    >>> near_id("Sam-1", ["sam-1", "ada-2"]), near_id("sam-1.md", ["sam-1"]), near_id("sma-1", ["sam-1"])
    ('sam-1', 'sam-1', 'sam-1')
    >>> near_id("tomas-l", ["tomas-2", "tomas-1"]), near_id("zed-9", ["sam-1"]) is None
    ('tomas-1', True)
    >>> near_id("kai-10", ["kai-1", "kal-10"])  # "kal" is no look-alike of "kai": a name, not a number
    'kai-1'

    """
    cleaned = copied_id(wanted).casefold()
    for known in sorted(ids):
        if known.casefold() == cleaned:
            return known
    def folded(rid: str) -> tuple[str, str]:  # look-alikes only in the part after the last "-" (the number)
        head, dash, tail = rid.casefold().rpartition("-")
        return head + dash, tail.translate(_LOOK_ALIKE)

    alike = [known for known in sorted(ids) if folded(known) == folded(cleaned)]
    if len(alike) == 1:
        return alike[0]
    close = difflib.get_close_matches(cleaned, sorted(ids), n=1, cutoff=0.75)
    return close[0] if close else None


def near_reply(key: str, own_post: str, ids_by_post: dict[str, list[str]]) -> str | None:
    """What a ``Reply-To`` naming the missing reply ``key`` (``post/id``) most likely meant, written as the
    file under ``own_post`` must write it: the bare id under its own post, ``post/id`` under another; a
    post slug one letter off is put right too. None when nothing is close.

    >>> ids = {"on-slow-reading": ["sam-2", "ada-1"], "learning": ["cy-1"]}
    >>> near_reply("on-slow-reading/sam-9", "learning", ids), near_reply("learning/cy-2", "learning", ids)
    ('on-slow-reading/sam-2', 'cy-1')
    >>> near_reply("on-slow-readng/sam-2", "learning", ids), near_reply("elsewhere/zed-1", "learning", ids)
    ('on-slow-reading/sam-2', None)
    """
    post, _, wanted = key.partition("/")
    if post not in ids_by_post:
        close = difflib.get_close_matches(post, sorted(ids_by_post), n=1, cutoff=0.8)
        if not close:
            return None
        post = close[0]
    near = near_id(wanted, ids_by_post[post])
    if near is None:
        return None
    return near if post == own_post else f"{post}/{near}"


def ids_of(keys) -> dict[str, list[str]]:
    """Post slug -> the ids of its replies, from ``<post>/<id>`` keys.

    >>> ids_of(["p/a-1", "p/b-2", "q/c-1"])
    {'p': ['a-1', 'b-2'], 'q': ['c-1']}
    """
    found: dict[str, list[str]] = {}
    for key in keys:
        post, _, known_id = key.partition("/")
        found.setdefault(post, []).append(known_id)
    return found


def no_parent(reply_to: str, pkey: str, own_post: str, ids_by_post: dict[str, list[str]]) -> str:
    """What is said of a ``Reply-To`` naming no reply (``pkey``: the ``<post>/<id>`` it names), with
    the reply it most likely meant (:func:`near_reply`).

    >>> no_parent("tomas-l", "p/tomas-l", "p", {"p": ["tomas-1", "tomas-2"]})
    "Reply-To 'tomas-l': no such reply under this post (did you mean 'tomas-1'?)"
    """
    where = "under this post" if pkey.startswith(own_post + "/") else f"under the post {pkey.partition('/')[0]!r}"
    near = near_reply(pkey, own_post, ids_by_post)
    return f"Reply-To {reply_to!r}: no such reply {where}" + (f" (did you mean {near!r}?)" if near else "")


def find_cycles(index: dict[str, Reply]) -> list[list[Reply]]:
    """Every cycle of ``Reply-To`` links, each as the list of replies on it.

    Examples
    --------
    >>> import datetime as dt
    >>> from markupsafe import Markup
    >>> def r(i, to):
    ...     return Reply(i, "p", f"{i}.md", "A", dt.datetime(2026, 1, 1), Markup(""), "", reply_to=to)
    >>> replies = [r("a", "b"), r("b", "a"), r("c", "a"), r("d", None)]
    >>> [[x.id for x in cycle] for cycle in find_cycles({x.key: x for x in replies})]
    [['a', 'b']]
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for start in sorted(index):
        path: list[str] = []
        key = start
        while key in index and key not in state:
            state[key] = 1
            path.append(key)
            key = parent_key(index[key])
        if key in state and state[key] == 1:
            cycles.append([index[k] for k in path[path.index(key):]])
        for k in path:
            state[k] = 2
    return cycles


def resolve_renamed(replies: list[Reply]) -> None:
    """Point ``Reply-To`` lines that name a renamed reply (its id held private data) at its new id.

    Examples
    --------
    >>> import datetime as dt
    >>> from markupsafe import Markup
    >>> a = Reply("id-1", "p", "p/192.0.2.1.md", "A", dt.datetime(2026, 1, 1), Markup(""), "",
    ...           original_id="192.0.2.1")
    >>> b = Reply("b", "p", "p/b.md", "B", dt.datetime(2026, 1, 1), Markup(""), "", reply_to="192.0.2.1")
    >>> resolve_renamed([a, b]); b.reply_to
    'p/id-1'
    """
    renamed = {f"{r.post_slug}/{r.original_id}": r.key for r in replies if r.original_id}
    if not renamed:
        return
    for reply in replies:
        key = parent_key(reply)
        if key in renamed:
            reply.reply_to = renamed[key]


def build_threads(replies: list[Reply], problems: Problems, max_depth: int = 500) -> dict[str, Thread]:
    """Thread every reply of the site; one :class:`Thread` per post slug that has replies.

    A reply deeper than ``max_depth`` is shown at that depth, under the deepest ancestor
    allowed, with a warning naming its file.
    """
    resolve_renamed(replies)
    index = index_replies(replies, problems)
    for reply in index.values():  # a Reply-To-Missing whose reply is here after all (written since): its answer
        if reply.missing_parent and reply.reply_to is None and f"{reply.post_slug}/{reply.missing_parent}" in index:
            reply.reply_to = reply.missing_parent
    for cycle in find_cycles(index):
        chain = " -> ".join(r.key for r in [*cycle, cycle[0]])
        for reply in cycle:
            problems.error(reply.source_path, f"Reply-To forms a cycle: {chain}")
    in_cycle = {r.key for cycle in find_cycles(index) for r in cycle}

    threads: dict[str, Thread] = {slug: Thread(slug) for slug in sorted({r.post_slug for r in index.values()})}
    children: dict[str, list[Reply]] = defaultdict(list)
    ids_by_post: dict[str, list[str]] | None = None
    for key in sorted(index):
        reply = index[key]
        thread = threads[reply.post_slug]
        thread.all_replies.append(reply)
        if key in in_cycle or not reply.shown:
            continue
        if reply.kind in ("pingback", "mention"):
            thread.mentions.append(reply)
            continue
        pkey = parent_key(reply)
        if pkey is None:
            # its source lost its parent: marked, with no warning (the import said so)
            reply.detached = reply.missing_parent is not None
            thread.roots.append(reply)
            continue
        parent = index.get(pkey)
        if parent is None:
            if ids_by_post is None:  # made once, on the first missing parent
                ids_by_post = ids_of(index)
            problems.warn(reply.source_path, no_parent(reply.reply_to, pkey, reply.post_slug, ids_by_post)
                          + "; shown under the post, marked as detached")
            reply.detached = True
            thread.roots.append(reply)
            continue
        # The nearest ancestor that is shown (a hidden, pending or spam parent is skipped);
        # a cycle of hidden replies above it ends the search (the cycle is reported above).
        shown_parent, seen = parent, set()
        while shown_parent is not None and not shown_parent.shown:
            if shown_parent.key in seen or shown_parent.key in in_cycle:
                shown_parent = None
                break
            seen.add(shown_parent.key)
            nxt = parent_key(shown_parent)
            shown_parent = index.get(nxt) if nxt else None
        if shown_parent is not parent:
            reply.parent_hidden = True
        if shown_parent is not None and shown_parent.kind in ("pingback", "mention"):
            # Mentions are listed apart from the thread: an answer to one starts its own branch.
            shown_parent = None
        if shown_parent is None:
            thread.roots.append(reply)
        elif shown_parent.post_slug != reply.post_slug:
            reply.cross_parent = shown_parent
            shown_parent.cross_children.append(reply)
            thread.roots.append(reply)
        else:
            reply.parent = shown_parent
            children[shown_parent.key].append(reply)

    for thread in threads.values():
        thread.roots.sort(key=_sort_key)
        thread.mentions.sort(key=_sort_key)
        thread.all_replies.sort(key=_sort_key)
        for root in thread.roots:
            _attach(root, children, 0, max_depth, problems)
    for reply in index.values():
        reply.cross_children.sort(key=_sort_key)
    return threads


def _attach(reply: Reply, children: dict[str, list[Reply]], depth: int, max_depth: int,
            problems: Problems) -> None:
    # Iterative, so a thread a thousand replies deep cannot exhaust the stack.
    stack = [(reply, depth)]
    while stack:
        node, level = stack.pop()
        node.depth = level
        kids = sorted(children.get(node.key, []), key=_sort_key)
        if level >= max_depth:
            # Too deep to nest further: this reply's whole subtree is shown beside it, flat.
            flat = []
            todo = list(reversed(kids))
            while todo:
                kid = todo.pop()
                flat.append(kid)
                todo.extend(reversed(sorted(children.get(kid.key, []), key=_sort_key)))
            if flat:  # one line per cut, naming the first file below it
                more = f" and {len(flat) - 1:,} replies below it are" if len(flat) > 1 else " is"
                problems.warn(flat[0].source_path, f"this reply{more} deeper than {max_depth} replies "
                                                   "(REPLIES_MAX_THREAD_DEPTH); shown at that depth")
            for kid in flat:
                kid.parent = node.parent
                kid.depth = level
                kid.children = []
            node.children = []
            if flat and node.parent is not None:  # level >= max_depth >= 1: never a root
                siblings = node.parent.children
                at = siblings.index(node) + 1
                siblings[at:at] = flat
            continue
        node.children = kids
        stack.extend((child, level + 1) for child in node.children)
