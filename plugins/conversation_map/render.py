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
#: What a line of each kind does, from the one who builds on to what they build on ("quotes", "links to"):
#: the one table the maps' keys and the list of ties under an article map take their words from
#: (:data:`.maps.LEGEND_LABELS`, :data:`.maps.PEOPLE_LEGEND`, :data:`.drawing.TIE_VERBS`).
LINE_VERBS = {"reply": "replies to", "quote": "quotes", "mention": "mentions", "link": "links to", "cites": "builds on"}
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


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'.

    >>> join_words(["a"]), join_words(["a", "b"]), join_words(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    """
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


# What some of a row's contributions also do, after their count: "52 replies (2 also quoting them)".
ALSO = {"reply": "answering", "quote": "quoting", "mention": "naming", "link": "linking to"}


_KIND_ORDER = {kind: i for i, kind in enumerate(COUNT_KINDS)}


def count_of(n: int, one: str, many: str | None = None) -> str:
    """A count and its noun, in the one form the maps and tables use.

    >>> count_of(1, "reply"), count_of(1, "person", "people"), count_of(2000, "person", "people")
    ('1 reply', '1 person', '2,000 people')
    >>> count_of(1, "tie"), count_of(3, "tie"), count_of(1, "other post"), count_of(3, "other post")
    ('1 tie', '3 ties', '1 other post', '3 other posts')
    """
    return f"{n:,} {one if n == 1 else many or PLURALS.get(one, one + 's')}"


def describe_counts(counts: dict, also: dict | None = None) -> str:
    """Contributions by their main kind in words, each followed by what else some of them do
    (``also``: main kind -> kind -> count, see :func:`conversation_map.graph.count_building`).

    The words read alone, without the table's "Times" (which a phone hides): the counts of the
    main kinds add up to the times, and each "also" says which of them it is part of.

    >>> describe_counts({"reply": 2, "quote": 1, "mention": 0, "link": 0})
    '2 replies and 1 quote'
    >>> describe_counts({"reply": 1, "quote": 0}, {"reply": {"quote": 1, "mention": 1}})
    '1 reply (also quoting and naming them)'
    >>> describe_counts({"reply": 3, "quote": 1}, {"reply": {"mention": 3}, "quote": {"mention": 1}})
    '3 replies (all also naming them) and 1 quote (also naming them)'
    >>> describe_counts({"reply": 52, "mention": 1}, {"reply": {"mention": 1, "quote": 2}})
    '52 replies (2 also quoting them, 1 naming them) and 1 mention'
    >>> describe_counts({"reply": 4, "quote": 2, "mention": 1}, {"reply": {"quote": 4, "link": 1}})
    '4 replies (all also quoting them, 1 linking to them), 2 quotes and 1 mention'
    """
    said = []
    for kind, n in counts.items():
        if not n:
            continue
        done = (also or {}).get(kind, {})
        extra = [(other, done[other]) for other in sorted(done, key=_KIND_ORDER.get) if done[other]]
        if not extra:
            said.append(count_of(n, kind))
        elif n == 1 or all(k == n for _, k in extra):  # every one of them does each: "also quoting and naming them"
            verbs = [ALSO[other] for other, _ in extra]
            said.append(f"{count_of(n, kind)} ({'' if n == 1 else 'all '}also {join_words(verbs)} them)")
        else:
            some = [f"{'all' if k == n else f'{k:,}'} {ALSO[other]} them" for other, k in extra]
            some[0] = some[0].replace(" ", " also ", 1)
            said.append(f"{count_of(n, kind)} ({', '.join(some)})")
    return join_words(said)


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
    used = sorted({slug for _, _, d in P.edges(data=True) for slug in d.get("posts", {})}) if posts else []
    topics = topic_list({slug: posts[slug] for slug in used if slug in posts}) if posts else []  # its lines' only
    topic_index = {t: i for i, t in enumerate(topics)}
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
