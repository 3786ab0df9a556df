"""Per-article stage: the map, summary, open questions and table of one post's conversation.

Reads only the conversation's own nodes and their direct neighbours, found through the
build's :class:`~conversation_map.index.ConversationIndex`: the cost of one article does
not grow with the size of the site.
"""

from __future__ import annotations

import networkx as nx

from . import analysis, maps
from .graph import builds_on, title_text
from .index import ConversationIndex
from .tables import builds_on_table


def excerpt(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> excerpt("one two  three", limit=20), excerpt("one two three", limit=10)
    ('one two three', 'one two…')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def duration(delta) -> str:
    """A time span in words: '2 hours', '3 days'.

    >>> import datetime as dt
    >>> duration(dt.timedelta(hours=50)), duration(dt.timedelta(seconds=20))
    ('2 days', 'under a minute')
    """
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "under a minute"


def article_map(G: nx.MultiDiGraph, index: ConversationIndex, article, thread, settings: dict) -> dict:
    """Everything the article template shows about its conversation (map, table, questions).

    The map itself (SVG at two widths, key, explore data) comes from :func:`.maps.article_map`,
    which reads only the conversation's nodes and their direct neighbours.
    """
    slug = article.slug
    post = f"post:{slug}"
    members = index.replies(slug)
    member_set = set(members) | {post}
    tree: dict[str, list[str]] = {post: []}
    for reply in thread.shown:
        node = f"reply:{reply.key}"
        parent = f"reply:{reply.parent.key}" if reply.parent is not None else post
        tree.setdefault(parent if parent in member_set else post, []).append(node)
    cmap = maps.article_map(G, post, tree, settings, save_as=article.save_as, page_url=article.url,
                            title=title_text(article), reply_count=thread.count)
    summary = analysis.conversation_summary(G, post, index=index)
    questions = []
    by_node = {f"reply:{r.key}": r for r in thread.shown}
    for node in analysis.open_questions(G, post, index=index):
        reply = by_node[node]
        questions.append({"url": reply.url, "anchor": reply.anchor, "author": reply.author,
                          "excerpt": excerpt(G.nodes[node].get("question") or reply.body_text),
                          "date": reply.display_date})
    table = builds_on_table(G, builds_on(G, conversation=slug, index=index))
    after = summary["first_reply_after"]
    return {
        **cmap,
        "people_count": len(summary["participants"]),
        "open_questions": questions,
        "table": table,
        "depth": summary["depth"],
        "reciprocity": summary["reciprocity"],
        "first_reply_after": duration(after) if after is not None else None,
    }
