"""Per-person stage: one page per person (``people/<slug>/``): contributions, tables, own map.

Each page is made from the index (the person's own contributions) and from the person's own
ties in the people graph, never by scanning the graph or the site table per person.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from . import analysis, maps
from .cache import StageCache, inputs_bytes
from .graph import TABLE_WORDS
from .index import ConversationIndex
from .pagination import PERSON_PAGE_LINES, paginate
from .people import Person
from .render import by_name
from .tables import person_rows, person_url


def contributions_of(G: nx.MultiDiGraph, index: ConversationIndex, node: str) -> list[dict]:
    """A person's posts and replies, oldest first, with the title of the post each belongs to."""
    found = []
    for target in index.contributions.get(node, []):
        data = G.nodes[target]
        post = G.nodes.get(f"post:{data.get('conversation', '')}", {})
        found.append({"kind": data["kind"], "url": data["url"], "date": data.get("date", ""),
                      "title": post.get("label", ""), "lang": post.get("lang", ""), "label": data["label"]})
    found.sort(key=lambda c: (c["date"], c["url"]))
    return found


def strongest_ties(P: nx.DiGraph, node: str, limit: int) -> tuple[list[str], int]:
    """The people ``node`` builds on or who build on them, strongest ties first, at most ``limit``.

    A tie's strength is the weight of both directions together; equal ties go by node name.
    Returns the chosen people and how many there are in all.

    >>> P = nx.DiGraph()
    >>> P.add_weighted_edges_from([("a", "b", 1), ("c", "a", 5), ("a", "d", 2), ("d", "a", 2)])
    >>> strongest_ties(P, "a", 2)
    (['c', 'd'], 3)
    """
    strength: dict[str, int] = {}
    for other in P.successors(node):
        strength[other] = strength.get(other, 0) + P[node][other].get("weight", 1)
    for other in P.predecessors(node):
        strength[other] = strength.get(other, 0) + P[other][node].get("weight", 1)
    strength.pop(node, None)
    ranked = sorted(strength, key=lambda other: (-strength[other], other))
    return ranked[: max(limit, 0)], len(ranked)


_NOT_DRAWN = TABLE_WORDS | {"posts"}


def person_page(G: nx.MultiDiGraph, P: nx.DiGraph, index: ConversationIndex, person: Person, settings: dict,
                cache: StageCache | None = None, groups: dict | None = None) -> dict:
    """Everything ``people/<slug>/index.html`` shows about one person.

    The map is the person and their strongest ties (``CONVERSATION_MAP_PERSON_MAP_LIMIT``),
    with the ties among those people: its size does not grow with the site. With ``cache``,
    the map of an unchanged neighbourhood is reused from the last build. ``groups`` (person ->
    community) colours the people as on the site's map.
    """
    node = person.node
    contributions = contributions_of(G, index, node)
    shown, total = strongest_ties(P, node, settings["CONVERSATION_MAP_PERSON_MAP_LIMIT"])
    members = sorted([node, *shown])
    # The map's people and the ties among them, read from the adjacency directly, in order (a subgraph
    # view's copy filters every neighbour); the graph to draw is made of them only when the map is drawn.
    nodes = [(n, P._node[n]) for n in members]
    inside = set(members)
    # Per-post counts are for the site map's tag and category filters, first/also for the tables'
    # words: a person's map reads neither (nor, so, its cache key).
    edges = [(u, v, {k: n for k, n in P._succ[u][v].items() if k not in _NOT_DRAWN}) for u in members
             for v in sorted(inside.intersection(P._succ[u]))]

    colours = {n: (groups or {}).get(n, -1) for n in members}
    if len(shown) < total:
        label = (f"Map of {person.name} and the {len(shown)} people they are most closely connected with "
                 f"(of {total} they build on or who build on them)")
    else:
        label = (f"Map of {person.name} and the people they build on or who build on them: "
                 f"{len(members)} people")

    def draw():
        ego = nx.DiGraph()
        ego.add_nodes_from(nodes)
        ego.add_edges_from(edges)
        people_path = settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
        page_url = f"{people_path}/{person.slug}/"
        return maps.person_map(ego, node, shown, colours, settings, save_as=f"{page_url}index.html",
                               page_url=page_url, map_id="person-map", what=label, total=total)

    if cache is not None and cache.enabled:
        inputs = inputs_bytes([node, person.slug, nodes, edges,  # as sorted(ego.nodes / edges(data=True)) were
                               colours, shown, total, settings.get("RELATIVE_URLS"), settings.get("SITEURL")])
        pmap = cache.get("person-map", inputs, draw)
    else:
        pmap = draw()
    posts = [c for c in contributions if c["kind"] == "post"]
    fmt = settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d"
    for c in posts:  # as every other date on the page reads ("2 June 2026")
        c["day"] = dt.datetime.fromisoformat(c["date"]).strftime(fmt) if c["date"] else ""
    url = person_url(G, node)
    out_rows, in_rows = person_rows(G, P, node)
    return {
        "node": node, "name": person.name, "slug": person.slug, "urls": person.urls, "also": person.also,
        "url": url,
        "posts": posts,
        # A host's posts, newest first, in pages (the first on the person page, the rest in posts/<n>/)
        "pages": {"posts": paginate(posts[::-1], settings["CONVERSATION_MAP_PERSON_LINES_PER_PAGE"],
                                    f"{url}#person-posts", f"{url}posts/", first_size=PERSON_PAGE_LINES)},
        "replies": [c for c in contributions if c["kind"] == "reply"],
        "builds_on": out_rows, "built_upon_by": in_rows,
        "map": pmap, "node_count": len(members), "map_shown": len(shown), "map_total": total,
        "label": label,
    }


# How many of the busiest people /people/ lists at its top, above everyone by name.
MOST_ACTIVE = 10


def people_index(G: nx.MultiDiGraph, index: ConversationIndex, people: dict[str, Person],
                 off_map: set[str] = frozenset()) -> dict:
    """What ``people/`` shows (so that the folder of every person page is a page too).

    ``letters``: everyone with a page, by name, grouped by first letter, ``[{"letter", "people":
    [{"name", "url", "posts", "replies"}]}]``; ``count``: how many; ``most_active``: the
    :data:`MOST_ACTIVE` people who wrote most (posts and replies), when there are more people than
    that; ``off_map``: those of ``off_map``, the people the site's people map leaves out
    (:meth:`.insight_pages.Insights.off_map`), so that the page can say why its count and the map's
    differ.
    """
    found = []
    for node in people:
        if node not in G:
            continue
        kinds = [G.nodes[n].get("kind") for n in index.contributions.get(node, [])]
        found.append({"name": people[node].name, "url": person_url(G, node), "node": node,
                      "posts": kinds.count("post"), "replies": kinds.count("reply")})
    found.sort(key=lambda p: (by_name(p["name"]), p["url"]))
    by_letter: dict[str, list[dict]] = {}
    for person in found:
        first = person["name"][:1].upper()
        by_letter.setdefault(first if first.isalpha() else "#", []).append(person)
    order = sorted(by_letter, key=lambda letter: (letter == "#", by_name(letter)))  # names without a letter last
    busiest = sorted(found, key=lambda p: -(p["posts"] + p["replies"]))  # stable: by name on ties
    listed = len(found) > MOST_ACTIVE
    return {"letters": [{"letter": letter, "people": by_letter[letter]} for letter in order],
            "count": len(found), "most_active": busiest[:MOST_ACTIVE] if listed else [],
            "most_active_tied": analysis.tied_beyond(busiest, MOST_ACTIVE, lambda p: p["posts"] + p["replies"])
            if listed else [],
            "off_map": [p for p in found if p["node"] in off_map]}
