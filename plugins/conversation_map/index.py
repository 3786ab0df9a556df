"""One index of the conversation network, built once per build and passed to every stage.

Everything per article, per person and site-wide is computed from these lookups instead of
scanning the whole graph again: node → conversation, conversation → its nodes, person →
the posts and replies they wrote. Building it is one pass over the nodes (linear).
"""

from __future__ import annotations

import networkx as nx


class ConversationIndex:
    """Lookups over a conversation network ``G`` (from :func:`conversation_map.graph.build_graph`).

    The index reads ``G`` once and never changes it; build a new one if ``G`` changes.

    Attributes
    ----------
    graph : MultiDiGraph
        The indexed network.
    conversation_of : dict
        post or reply node -> slug of the conversation (post) it belongs to.
    posts : dict
        conversation slug -> its post node (only for posts present in ``G``).
    contributions : dict
        person node -> the post and reply nodes they wrote, in graph order.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:a", kind="person")
    >>> G.add_node("post:p", kind="post", conversation="p", author="person:a")
    >>> G.add_node("reply:p/2", kind="reply", conversation="p", author="person:b")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", author="person:a")
    >>> index = ConversationIndex(G)
    >>> index.members("p"), index.replies("p")
    (['post:p', 'reply:p/1', 'reply:p/2'], ['reply:p/2', 'reply:p/1'])
    >>> index.contributions["person:a"], index.conversation_of["reply:p/1"]
    (['post:p', 'reply:p/1'], 'p')
    >>> index.replies("unknown")
    []
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.graph = G
        self.conversation_of: dict[str, str] = {}
        self.posts: dict[str, str] = {}
        self.contributions: dict[str, list[str]] = {}
        self._replies: dict[str, list[str]] = {}
        self._members: dict[str, list[str]] = {}
        self.people: list[str] = []
        for node, data in G.nodes(data=True):
            kind = data.get("kind")
            if kind == "person":
                self.people.append(node)
                continue
            if kind not in ("post", "reply"):
                continue
            slug = data.get("conversation")
            if slug is not None:
                self.conversation_of[node] = slug
                if kind == "post":
                    self.posts[slug] = node
                else:
                    self._replies.setdefault(slug, []).append(node)
                self._members.setdefault(slug, []).append(node)
            author = data.get("author")
            if author:
                self.contributions.setdefault(author, []).append(node)
        for nodes in self._members.values():
            nodes.sort()

    @property
    def conversations(self) -> list[str]:
        """Slugs of every conversation with a node in the graph, sorted."""
        return sorted(self._members)

    def members(self, slug: str) -> list[str]:
        """The post and reply nodes of one conversation, sorted by node name."""
        return self._members.get(slug, [])

    def replies(self, slug: str) -> list[str]:
        """The reply nodes of one conversation, in the order they were added to the graph."""
        return self._replies.get(slug, [])

    def out_edges(self, slug: str, kinds: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
        """Edges ``(u, v, kind)`` leaving the conversation's nodes, sorted; only ``kinds`` if given.

        >>> G = nx.MultiDiGraph()
        >>> G.add_node("post:p", kind="post", conversation="p")
        >>> G.add_node("reply:p/1", kind="reply", conversation="p")
        >>> _ = G.add_edge("reply:p/1", "post:p", key="reply", kind="reply")
        >>> _ = G.add_edge("reply:p/1", "post:p", key="quote", kind="quote")
        >>> ConversationIndex(G).out_edges("p", kinds=("reply",))
        [('reply:p/1', 'post:p', 'reply')]
        """
        G = self.graph
        edges = [(u, v, k) for u in self.members(slug) for _, v, k in G.out_edges(u, keys=True)
                 if kinds is None or k in kinds]
        return sorted(edges)
