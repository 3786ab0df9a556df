"""Analysis of the conversation network: pure functions ``f(G, ...) -> dict``.

``G`` is the MultiDiGraph from :func:`conversation_map.graph.build_graph` (or a
hand-made graph with the same node and edge attributes); nothing here changes it.
Per-conversation functions take the build's :class:`~conversation_map.index.ConversationIndex`
(``index=``) so that they read only that conversation's nodes; without one they index ``G``
first (one pass), which is fine for a single call but not in a loop over conversations.
"""

from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx

from .graph import builds_on
from .index import ConversationIndex


def conversation_summary(G, post: str, index: ConversationIndex | None = None) -> dict:
    """Participants, depth, reciprocity and time to first reply of one post's conversation.

    Parameters
    ----------
    G : MultiDiGraph
        The conversation network.
    post : str
        The post's node (``post:<slug>``).
    index : ConversationIndex, optional
        The index of ``G`` built once per build.

    Returns
    -------
    dict
        ``participants`` (person node -> number of contributions, post included),
        ``replies`` (count), ``depth`` (longest chain of replies, each answering the one before it as its
        page says: an ``answer`` edge where there is one, else its place in the thread; 0 without replies),
        ``reciprocity`` (share of pairs of people, one building on the other, where
        each builds on the other; 0.0 when there are none), ``first_reply_after`` (a ``timedelta`` or None).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", conversation="p", author="person:m", date="2026-01-01T10:00:00")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", author="person:a", date="2026-01-01T12:30:00")
    >>> G.add_node("reply:p/2", kind="reply", conversation="p", author="person:m", date="2026-01-02T09:00:00")
    >>> G.add_nodes_from(["person:m", "person:a"], kind="person")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="reply", kind="reply")
    >>> _ = G.add_edge("reply:p/2", "reply:p/1", key="reply", kind="reply")
    >>> s = conversation_summary(G, "post:p")
    >>> s["participants"], s["replies"], s["depth"], s["reciprocity"]
    ({'person:a': 1, 'person:m': 2}, 2, 2, 1.0)
    >>> s["first_reply_after"]
    datetime.timedelta(seconds=9000)
    >>> G.add_node("reply:p/0", kind="reply", conversation="p", author="person:a", date="2025-06-11T09:00:00")
    >>> conversation_summary(G, "post:p")["first_reply_after"]  # a reply dated before the post is no answer
    datetime.timedelta(seconds=9000)
    >>> G.nodes["post:p"]["date"] = "2026-01-01T12:30:00"  # an import dated the post by its first reply
    >>> conversation_summary(G, "post:p")["first_reply_after"] is None
    True
    """
    index = index or ConversationIndex(G)
    slug = post.removeprefix("post:")
    nodes = index.members(slug)
    participants: dict[str, int] = {}
    for n in nodes:
        author = G._node[n].get("author")
        if author:
            participants[author] = participants.get(author, 0) + 1
    replies = [n for n in nodes if G._node[n].get("kind") == "reply"]
    depth = {post: 0}
    for n in sorted(replies, key=lambda r: G._node[r].get("date", "")):
        # the reply its page says it answers: one by name (or beside its writer's own) before its place
        answered = [v for _, v, k in G.out_edges(n, keys=True) if k == "answer"]
        parents = answered or [v for _, v, k in G.out_edges(n, keys=True) if k == "reply"]
        depth[n] = depth.get(parents[0], 0) + 1 if parents else 1
    projection = builds_on(G, conversation=slug, index=index)
    pairs = {frozenset(edge) for edge in projection.edges}
    mutual = sum(1 for pair in pairs if all(projection.has_edge(a, b) for a in pair for b in pair if a != b))
    reciprocity = mutual / len(pairs) if pairs else 0.0
    first = None
    if G._node[post].get("date"):
        # A reply dated before its post (an imported archive's clock) says nothing about how soon
        # the post was answered: only replies from the post's time on count.
        posted = dt.datetime.fromisoformat(G._node[post]["date"])
        waits = [after for n in replies if G._node[n].get("date")
                 if (after := dt.datetime.fromisoformat(G._node[n]["date"]) - posted) >= dt.timedelta(0)]
        first = min(waits, default=None)
        if first == dt.timedelta(0):
            # A post dated the very second of a reply: an import that found no date for the post gave it
            # its earliest reply's. How soon it was answered is not known; "under a minute" would be made up.
            first = None
    return {
        "participants": dict(sorted(participants.items())),
        "replies": len(replies),
        "depth": max(depth.values()) if replies else 0,
        "reciprocity": round(float(reciprocity), 3),
        "first_reply_after": first,
    }


def tied_beyond(ranked: list, n: int, score) -> list:
    """The items after the first ``n`` of ``ranked`` (best first) that score as the ``n``-th does: a list
    cut at ``n`` leaves them out, and a reader would take them for lower.

    >>> tied_beyond([("a", 3), ("b", 1), ("c", 1), ("d", 0)], 2, lambda item: item[1])
    [('c', 1)]
    >>> tied_beyond([("a", 3)], 2, lambda item: item[1])
    []
    """
    if n <= 0 or len(ranked) <= n:
        return []
    last = score(ranked[n - 1])
    return list(itertools.takewhile(lambda item: score(item) == last, ranked[n:]))


def most_built_upon_people(P, n: int = 10) -> dict:
    """People whose contributions others build on most (weighted in-degree of the projection).

    Examples
    --------
    >>> P = nx.DiGraph()
    >>> P.add_edge("person:a", "person:b", weight=3)
    >>> P.add_edge("person:c", "person:b", weight=1)
    >>> P.add_edge("person:b", "person:a", weight=1)
    >>> most_built_upon_people(P)
    {'person:b': 4, 'person:a': 1}
    """
    scores = {node: int(deg) for node, deg in P.in_degree(weight="weight") if deg}
    return dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n])


def most_built_upon_posts(G, n: int = 10) -> dict:
    """Posts most built upon: replies, quotes, links and citations pointing at them or their replies.

    Only contributions by someone other than the post's author count, so a post is not
    "built upon" by its own author's answers; and each counts once however many ways it builds on the
    post (a reply that answers and quotes it is one), as the people graph counts them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", conversation="p", author="person:m")
    >>> G.add_node("post:q", kind="post", conversation="q", author="person:m")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", author="person:a")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="reply", kind="reply")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="quote", kind="quote")
    >>> _ = G.add_edge("post:q", "post:p", key="link", kind="link")
    >>> most_built_upon_posts(G)  # the reply that answers and quotes it, once; not its author's own link
    {'post:p': 1}
    """
    scores: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()  # (contribution, post) counted
    for u, v, kind in G.edges(keys=True):
        if kind not in ("reply", "quote", "link", "cites"):
            continue
        target = v if G._node[v].get("kind") == "post" else f"post:{G._node[v].get('conversation', '')}"
        if target not in G or G._node[target].get("kind") != "post":
            continue
        if G._node[u].get("author") and G._node[u].get("author") == G._node[target].get("author"):
            continue
        if (u, target) in seen:
            continue
        seen.add((u, target))
        scores[target] = scores.get(target, 0) + 1
    return dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n])


def post_citations(G, post: str) -> dict:
    """What post ``post`` (``post:<slug>``) of ``G`` names in its ``Builds-On`` metadata, and the
    posts that name it there. Reads only the post's own edges (no scan of ``G``).

    Returns
    -------
    dict
        ``builds_on``: one ``{"node", "label", "url", "kind"}`` per item: the site's posts
        oldest first, then outside sources by name (``kind`` is ``"post"`` or ``"source"``;
        ``url`` is ``""`` for a source named without one); ``built_on_by``: the posts that
        cite this one, oldest first, in the same shape.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:a", kind="post", label="A", url="posts/a/", date="2026-01-01")
    >>> G.add_node("post:b", kind="post", label="B", url="posts/b/", date="2026-02-01")
    >>> G.add_node("source:Donald Schön", kind="source", label="Donald Schön", url="")
    >>> _ = G.add_edge("post:b", "source:Donald Schön", key="cites", kind="cites")
    >>> _ = G.add_edge("post:b", "post:a", key="cites", kind="cites")
    >>> [(c["label"], c["url"], c["kind"]) for c in post_citations(G, "post:b")["builds_on"]]
    [('A', 'posts/a/', 'post'), ('Donald Schön', '', 'source')]
    >>> [c["label"] for c in post_citations(G, "post:a")["built_on_by"]]
    ['B']
    """
    def item(node: str) -> dict:
        data = G._node[node]
        return {"node": node, "label": str(data.get("label", node)), "url": str(data.get("url", "") or ""),
                "kind": "post" if data.get("kind") == "post" else "source"}

    if post not in G:
        return {"builds_on": [], "built_on_by": []}
    def order(node: str) -> tuple:
        data = G._node[node]
        return (data.get("kind") != "post", str(data.get("date", "")), str(data.get("label", "")).casefold(), node)

    cited = sorted((v for _, v, kind in G.out_edges(post, keys=True) if kind == "cites"), key=order)
    citing = sorted((u for u, _, kind in G.in_edges(post, keys=True)
                     if kind == "cites" and G._node[u].get("kind") == "post"), key=order)
    return {"builds_on": [item(v) for v in cited], "built_on_by": [item(u) for u in citing]}


def brokers(P, n: int = 10, *, seed: int = 7, exact_up_to: int = 1000) -> dict:
    """People who connect others: betweenness centrality on the undirected people graph.

    Exact up to ``exact_up_to`` people; above that it is estimated from ``exact_up_to``
    seeded sample sources (the same graph always gives the same estimate).

    Examples
    --------
    >>> P = nx.DiGraph([("person:a", "person:b"), ("person:b", "person:c")])
    >>> brokers(P)
    {'person:b': 1.0}
    """
    if P.number_of_nodes() < 3:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(P.nodes))
    graph.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in P.edges))
    k = exact_up_to if graph.number_of_nodes() > exact_up_to else None
    scores = nx.betweenness_centrality(graph, k=k, seed=seed if k else None, normalized=True)
    ranked = sorted(((node, round(score, 3)) for node, score in scores.items() if score > 0),
                    key=lambda item: (-item[1], item[0]))
    return dict(ranked[:n])


def communities(P, seed: int = 7) -> dict:
    """Groups of people who build on each other (Louvain, seeded: the same graph, the same groups).

    Returns
    -------
    dict
        person node -> community number (0 is the largest community; people with no
        "builds on" edge are left out).

    Examples
    --------
    >>> P = nx.DiGraph()
    >>> P.add_weighted_edges_from([("person:a", "person:b", 3), ("person:b", "person:a", 2),
    ...                            ("person:c", "person:d", 3), ("person:d", "person:c", 1),
    ...                            ("person:b", "person:c", 1)])
    >>> communities(P)
    {'person:a': 0, 'person:b': 0, 'person:c': 1, 'person:d': 1}
    """
    undirected = nx.Graph()
    for u, v, data in P.edges(data=True):
        w = data.get("weight", 1)
        if undirected.has_edge(u, v):
            undirected[u][v]["weight"] += w
        else:
            undirected.add_edge(u, v, weight=w)
    if undirected.number_of_edges() == 0:
        return {}
    # Sort nodes and edges first: Louvain's result depends on the order it visits them.
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(undirected.nodes))
    ordered.add_weighted_edges_from(sorted((min(u, v), max(u, v), d["weight"])
                                           for u, v, d in undirected.edges(data=True)))
    groups = nx.community.louvain_communities(ordered, weight="weight", seed=seed)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: index for index, group in enumerate(groups) for node in group}
