"""What a map's "Explore" mode reads from the map's own SVG: each line's two ends and, on people
maps, its counts per kind and per topic.

The map a reader first sees is SVG written at build time (:mod:`.svg`). "Explore" (the theme's
``conversation-map.js``, which loads vis-network only when the reader asks for it) builds its
nodes from that SVG's ``a.map-node`` links (id, name, details, colour class, position) and its
lines from the ``data-*`` attributes made here, so no page carries a second copy of its map.
Every value is plain text, escaped by :func:`.svg.render_svg`; the script inserts text with
``textContent``, never as HTML.
"""

from __future__ import annotations

import networkx as nx

PLURALS = {"reply": "replies", "quote": "quotes", "mention": "mentions", "link": "links"}
# The order of the counts in a people map line's ``data-n`` (the filters' kinds).
COUNT_KINDS = ("reply", "quote", "mention", "link")


def by_name(text: str) -> tuple[str, str]:
    """Sort key for names, tags and categories: case aside, then the text itself, so that "Tags"
    and "tags" come out in the same order on every build (a set's order changes between runs).

    >>> sorted({"tags", "Tags", "b"}, key=by_name)
    ['b', 'Tags', 'tags']
    """
    return text.casefold(), text


def times(n) -> str:
    """How often, in plain words: 'once', '2 times'.

    >>> times(1), times(3.0), times(10506)
    ('once', '3 times', '10,506 times')
    """
    n = int(n)
    return "once" if n == 1 else f"{n:,} times"


def how_often(n, done: str, not_done: str) -> str:
    """``done`` and how often, or ``not_done`` when it never happened (never "0 times").

    >>> how_often(2, "Others built on them", "Nobody has built on them yet")
    'Others built on them 2 times'
    >>> how_often(0, "Others built on them", "Nobody has built on them yet")
    'Nobody has built on them yet'
    """
    return f"{done} {times(n)}" if n else not_done


def ties_words(built_on_them, they_built, other: str | None = None) -> str:
    """How often others (or ``other``) built on a person and they on them, in words.

    >>> ties_words(3, 0)
    'Others built on them 3 times; they have not built on others.'
    >>> ties_words(0, 1, "Ada")
    'Ada has not built on them; they built on Ada once.'
    """
    if other is None:
        first = how_often(built_on_them, "Others built on them", "Nobody has built on them yet")
        second = how_often(they_built, "they built on others", "they have not built on others")
    else:
        first = how_often(built_on_them, f"{other} built on them", f"{other} has not built on them")
        second = how_often(they_built, f"they built on {other}", f"they have not built on {other}")
    return f"{first}; {second}."


ALSO = {"reply": "answering", "quote": "quoting", "mention": "naming them", "link": "linking to them"}
# What some of a row's contributions also do, in a sentence: "1 also quotes them", "2 also name them".
DOES = {"reply": "answers them", "quote": "quotes them", "mention": "names them", "link": "links to them"}
DO = {"reply": "answer them", "quote": "quote them", "mention": "name them", "link": "link to them"}


def describe_counts(counts: dict, also: dict | None = None) -> str:
    """Contributions by their main kind in words, then what else some of them do (``also``,
    see :func:`conversation_map.graph.count_building`); the numbers add up to the times.

    >>> describe_counts({"reply": 2, "quote": 1, "mention": 0, "link": 0})
    '2 replies, 1 quote'
    >>> describe_counts({"reply": 1, "quote": 0}, {"reply": 0, "quote": 1, "mention": 1})
    '1 reply, also quoting and naming them'
    >>> describe_counts({"reply": 3, "quote": 1}, {"reply": 0, "quote": 1, "mention": 4})
    '3 replies, 1 quote; of these 4, 1 also quotes them and all name them'
    >>> describe_counts({"reply": 52, "mention": 1}, {"quote": 2, "mention": 1})
    '52 replies, 1 mention; of these 53, 2 also quote them and 1 names them'
    """
    main = ", ".join(f"{n} {kind if n == 1 else PLURALS.get(kind, kind + 's')}" for kind, n in counts.items() if n)
    extra = [(kind, n) for kind, n in (also or {}).items() if n]
    if not extra:
        return main
    if sum(counts.values()) == 1:
        words = [ALSO[kind] for kind, _ in extra]
        return f"{main}, also {' and '.join([', '.join(words[:-1]), words[-1]] if len(words) > 1 else words)}"
    total = sum(counts.values())
    said = [f"{'all' if n == total else n} {(DOES if n == 1 else DO)[kind]}" for kind, n in extra]
    said[0] = said[0].replace(" ", " also ", 1)
    return f"{main}; of these {total}, " + (" and ".join([", ".join(said[:-1]), said[-1]]) if len(said) > 1
                                            else said[0])


def article_edges(drawing: dict) -> dict:
    """The explore data of an article drawing: each line's ends (its kind is its class).

    >>> article_edges({"edge_pairs": [("reply:p/1", "post:p", "reply")]})
    {'edges': [('reply:p/1', 'post:p', {})], 'attrs': {}}
    """
    return {"edges": [(a, b, {}) for a, b, _kind in drawing.get("edge_pairs", [])], "attrs": {}}


def topic_list(posts: dict) -> list[str]:
    """The topics a people map can be filtered by, as the filter's values: categories, then tags.

    >>> topic_list({"a": {"tags": ["b", "A"], "category": "x"}, "c": {"tags": [], "category": ""}})
    ['category:x', 'tag:A', 'tag:b']
    """
    categories = sorted({p["category"] for p in posts.values() if p.get("category")}, key=by_name)
    tags = sorted({t for p in posts.values() for t in p.get("tags", [])}, key=by_name)
    return [f"category:{c}" for c in categories] + [f"tag:{t}" for t in tags]


def people_edges(P: nx.DiGraph, posts: dict | None = None) -> dict:
    """The explore data of a people drawing of ``P`` (its lines are ``P``'s edges, sorted).

    Each line gets ``data-n``: its counts of replies, quotes, mentions and links (the
    contributions that build each way: a reply that names someone counts in both), or only its
    count when it is all of one kind (the kind its class names), none when that count is 1. With ``posts`` (post slug ->
    tags and category, the site map's filters) also ``data-p``: the posts it was built in, each
    ``index`` or ``index:count``; the SVG gets ``data-posts`` (each post's topics as indexes,
    posts separated by commas) and ``data-topics`` (the topics, one a line: the filter's values).
    Where a contribution built two ways, ``data-c`` says how many contributions the counts are of.

    >>> P = nx.DiGraph()
    >>> P.add_edge("a", "b", weight=3, reply=2, quote=1, mention=0, link=0, posts={"p": 2, "q": 1})
    >>> P.add_edge("b", "a", weight=1, reply=1, quote=1, mention=0, link=0, posts={"q": 1})
    >>> data = people_edges(P, {"p": {"tags": ["t"], "category": "c"}, "q": {"tags": ["t"], "category": ""}})
    >>> data["edges"]
    [('a', 'b', {'n': '2 1 0 0', 'p': '0:2 1'}), ('b', 'a', {'n': '1 1 0 0', 'c': '1', 'p': '1'})]
    >>> data["attrs"]
    {'topics': 'category:c\\ntag:t', 'posts': '0 1,1'}
    """
    topics = topic_list(posts) if posts else []
    topic_index = {t: i for i, t in enumerate(topics)}
    used = sorted({slug for _, _, d in P.edges(data=True) for slug in d.get("posts", {})}) if posts else []
    post_index = {slug: i for i, slug in enumerate(used)}
    edges = []
    for u, v, data in sorted(P.edges(data=True), key=lambda e: (e[0], e[1])):
        counts = [int(data.get(k, 0)) for k in COUNT_KINDS]
        single = sum(1 for n in counts if n) == 1
        extra = {"n": str(sum(counts)) if single else " ".join(map(str, counts))}
        if extra["n"] == "1":  # the most common line: once, of its own kind
            del extra["n"]
        if int(data.get("weight", 0) or 0) < sum(counts):  # a contribution built two ways: how many there are
            extra["c"] = str(int(data["weight"]))
        if posts:
            extra["p"] = " ".join(f"{post_index[slug]}" if n == 1 else f"{post_index[slug]}:{n}"
                                  for slug, n in sorted(data.get("posts", {}).items()))
        edges.append((u, v, extra))
    attrs = {}
    if posts:
        def of(slug: str) -> str:
            post = posts.get(slug) or {}
            names = ([f"category:{post['category']}"] if post.get("category") else []) + \
                [f"tag:{t}" for t in post.get("tags", [])]
            return " ".join(str(topic_index[n]) for n in names)
        attrs = {"topics": "\n".join(topics), "posts": ",".join(of(slug) for slug in used)}
    return {"edges": edges, "attrs": attrs}
