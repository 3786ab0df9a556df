"""Per-article stage: the map, summary, open questions and table of one post's conversation.

Reads only the conversation's own nodes and their direct neighbours, found through the
build's :class:`~conversation_map.index.ConversationIndex`: the cost of one article does
not grow with the size of the site.
"""

from __future__ import annotations

import networkx as nx

from . import analysis, maps
from .cache import StageCache, inputs_bytes
from .graph import title_text
from .index import ConversationIndex


def excerpt(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> excerpt("one two  three", limit=20), excerpt("one two three", limit=10)
    ('one two three', 'one two…')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def duration(delta) -> str:
    """A time span in words: '2 hours', '3 days', '5 months', 'about 3 years' (not "1316 days").

    >>> import datetime as dt
    >>> duration(dt.timedelta(hours=50)), duration(dt.timedelta(seconds=20))
    ('2 days', 'under a minute')
    >>> duration(dt.timedelta(days=45)), duration(dt.timedelta(days=75)), duration(dt.timedelta(days=1316))
    ('45 days', '2 months', 'about 4 years')
    """
    seconds = int(delta.total_seconds())
    days = seconds / 86400
    if days >= 730:  # two years or more: in years, rounded
        return f"about {round(days / 365.25)} years"
    if days >= 60:  # two months or more: in months (up to then, in days)
        return f"{round(days / 30.44)} months"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "under a minute"


def _neighbours(G: nx.MultiDiGraph, member_nodes: list[str], member_set: set[str]):
    """People and other nodes (posts, replies elsewhere, sources) around a conversation, each list in
    the order first met (read from the raw adjacency: networkx's edge views cost more than the map).

    A person counts when they wrote one of the conversation's nodes or are reached from one (a
    mention, a quote), not when they merely point at it.
    """
    attrs, succ, pred = G._node, G._succ, G._pred
    people: dict[str, None] = {}
    others: dict[str, None] = {}
    for n in member_nodes:
        for target in succ[n]:
            if target not in member_set:
                (people if attrs[target].get("kind") == "person" else others)[target] = None
        for source, kinds in pred[n].items():
            if source in member_set:
                continue
            if attrs[source].get("kind") != "person":
                others[source] = None
            elif "authored" in kinds:
                people[source] = None
    return list(people), list(others)


def _under(candidate: str, node: str, above: dict[str, str]) -> bool:
    """Whether ``candidate`` is ``node`` or hangs below it in the map so far (``above``: child -> parent,
    a tree: every parent was placed so)."""
    while candidate != node:
        if candidate not in above:
            return False
        candidate = above[candidate]
    return True


def map_inputs(G: nx.MultiDiGraph, index: ConversationIndex, article, thread) -> bytes:
    """Everything :func:`article_map` reads, as bytes (:func:`.cache.inputs_bytes`: the key of its cache entry).

    The conversation's nodes, the nodes around them and the people who wrote any of them (with
    every attribute), every edge among those nodes, the thread's shape and what a question
    excerpt may show. Reading these is much cheaper than drawing the map.
    """
    slug = article.slug
    post = f"post:{slug}"
    members = index.replies(slug)
    member_set = set(members) | {post}
    people, others = _neighbours(G, [post, *members], member_set)
    drawn = member_set | set(people) | set(others)
    attrs = G._node  # the raw node table: networkx's views cost more than the map's drawing
    keyed = sorted(drawn | {a for n in drawn if (a := attrs[n].get("author"))}
                   | {f"post:{attrs[n].get('conversation')}" for n in others
                      if attrs[n].get("kind") == "reply"})
    nodes = [(n, attrs[n]) for n in keyed if n in attrs]
    # The edges among them, from the raw adjacency; a person's successors are all their contributions,
    # so the ends are found by a set intersection (in C, walking the smaller side).
    inside = set(keyed)
    succ = G._succ
    edges = []
    for u in keyed:
        out = succ.get(u)
        if out:
            edges.extend((u, v, k) for v in out.keys() & inside for k in out[v])
    edges.sort()
    replies = [(r.key, r.parent.key if r.parent is not None else None, r.anchor, r.author, r.display_date,
                r.body_text) for r in thread.shown]  # reply URLs: the post node's url and the anchor
    hues = G.graph.get("hues") or {}  # the writers' colours, by their place among the site's readers
    return inputs_bytes([slug, str(article.url), str(article.save_as), title_text(article), thread.count, nodes,
                         edges, replies, [(n, hues[n]) for n in keyed if n in hues]])


def article_map(G: nx.MultiDiGraph, index: ConversationIndex, article, thread, settings: dict,
                cache: StageCache | None = None) -> dict:
    """The map part of an article page: the drawings, key, depth and time to the first reply.

    (The table of who built on whom, the open questions and the rest come from the insight stage.)

    The map itself (SVG at two or three widths, key, explore data) comes from :func:`.maps.article_map`,
    which reads only the conversation's nodes and their direct neighbours. With ``cache``, an
    article whose :func:`map_inputs` did not change since the last build reuses that build's result.
    """
    if cache is not None and cache.enabled:
        return cache.get("article", map_inputs(G, index, article, thread),
                         lambda: article_map(G, index, article, thread, settings))
    slug = article.slug
    post = f"post:{slug}"
    members = index.replies(slug)
    member_set = set(members) | {post}
    tree: dict[str, list[str]] = {post: []}
    above: dict[str, str] = {}  # node -> its parent in the map
    for reply in thread.shown:
        node = f"reply:{reply.key}"
        # the reply it answers as its "In reply to" says (by name, or beside its writer's own: the graph's
        # answer edges), else its place in the thread; never a parent that would put it above itself
        named = thread.answers_by_name.get(reply.key)
        placed = f"reply:{reply.parent.key}" if reply.parent is not None else post
        parent = post
        for candidate in (f"reply:{named.key}" if named is not None else None, placed):
            # (only a reply with answers hung under it already can be above its candidate: walked then)
            if candidate in member_set and (node not in tree or not _under(candidate, node, above)):
                parent = candidate
                break
        above[node] = parent
        tree.setdefault(parent, []).append(node)
    cmap = maps.article_map(G, post, tree, settings, save_as=article.save_as, page_url=article.url,
                            title=title_text(article), reply_count=thread.count,
                            people_count=thread.people_count)
    summary = analysis.conversation_summary(G, post, index=index)
    after = summary["first_reply_after"]
    return {
        **cmap,
        "depth": summary["depth"],
        "first_reply_after": duration(after) if after is not None else None,
    }
