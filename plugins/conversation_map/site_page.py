"""Site-wide stage: the people map of the whole site and its tables (``conversations/``)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from . import analysis, maps
from .cache import StageCache
from .graph import TABLE_WORDS
from .render import by_name
from .tables import person_name, person_url


def post_filters(articles) -> dict[str, dict]:
    """post slug -> its tags and category, for the map's tag and category filters; a tag written two ways
    ("Reading" and "reading": one tag, one page) has the name the first post listing it gives it (Pelican
    lists posts newest first), so it is one topic.

    >>> from types import SimpleNamespace as T
    >>> class Tag(str):
    ...     slug = property(lambda self: self.lower())
    >>> post_filters([T(slug="a", tags=[Tag("Reading")], category="Notes"), T(slug="b", tags=[Tag("reading")])])
    {'a': {'tags': ['Reading'], 'category': 'Notes'}, 'b': {'tags': ['Reading'], 'category': ''}}
    """
    names: dict[str, str] = {}
    found = {}
    for article in articles:
        tags = [names.setdefault(getattr(t, "slug", None) or str(t), str(t))
                for t in getattr(article, "tags", []) or []]
        found[article.slug] = {"tags": sorted(set(tags)), "category": str(getattr(article, "category", "") or "")}
    return found


def map_topics(P: nx.DiGraph, posts: dict[str, dict]) -> dict[str, list[str]]:
    """The tags and categories the people map's topic filter offers: those of the posts its connections were
    made in (a topic whose posts hold no connection between readers would empty the map).

    >>> P = nx.DiGraph()
    >>> P.add_edge("person:a", "person:b", posts={"p": 2})
    >>> map_topics(P, {"p": {"tags": ["reading"], "category": "Notes"}, "q": {"tags": ["8BIT"], "category": "Test"}})
    {'tags': ['reading'], 'categories': ['Notes']}
    """
    used = {slug for _, _, data in P.edges(data=True) for slug in data.get("posts", {})}
    shown = [posts[slug] for slug in sorted(used) if slug in posts]
    return {"tags": sorted({t for p in shown for t in p["tags"]}, key=by_name),
            "categories": sorted({p["category"] for p in shown if p["category"]}, key=by_name)}


def people_analysis(P: nx.DiGraph, posts: dict, settings: dict) -> tuple:
    """The people map (:func:`.maps.people_map`), the communities and the raw scores for the exports
    (``betweenness``: how much a person connects others; ``built_upon``: weighted times others built
    on them): the costly part."""
    folder = Path(settings.get("CACHE_PATH", "cache")) / "conversation-map"
    seed = settings["CONVERSATION_MAP_SEED"]
    groups = analysis.communities(P, seed=seed)
    out = settings["CONVERSATION_MAP_OUTPUT"].strip("/")
    pmap = maps.people_map(P, groups, settings, save_as=f"{out}/index.html", map_id="people-map",
                           cache_dir=folder, posts=posts, what="Who builds on whom across the site")
    everyone = P.number_of_nodes()
    scores = {"betweenness": analysis.brokers(P, everyone, seed=seed),
              "built_upon": analysis.most_built_upon_people(P, everyone)}
    return pmap, groups, scores


def site_page(G: nx.MultiDiGraph, P: nx.DiGraph, articles, settings: dict,
              cache: StageCache | None = None) -> dict:
    """What ``conversations/index.html`` shows beside the insight stage's lists: the people map and the tables
    (:func:`page_lists` caps the long lists afterwards).

    With ``cache``, an unchanged people graph reuses the last build's map and communities.
    """
    posts = post_filters(articles)
    if cache is not None and cache.enabled:
        edges = sorted((u, v, d if "first" not in d else {k: n for k, n in d.items() if k not in TABLE_WORDS})
                       for u, v, d in P.edges(data=True))
        inputs = json.dumps([sorted(P.nodes(data=True)), edges, posts], sort_keys=True, default=str,
                            ensure_ascii=False)
        pmap, groups, scores = cache.get("site-map", inputs, lambda: people_analysis(P, posts, settings))
    else:
        pmap, groups, scores = people_analysis(P, posts, settings)
    top = settings["CONVERSATION_MAP_TOP_N"]
    posts_ranked = list(analysis.most_built_upon_posts(G, len(G)).items())  # best first; the page shows `top`
    by_group: dict[int, list[str]] = {}
    for node, group in groups.items():
        by_group.setdefault(group, []).append(node)

    def person(n: str, **extra) -> dict:
        return {"name": person_name(G, n), "url": person_url(G, n), **extra}

    return {
        **pmap,
        "groups": groups,  # person -> community, for the person pages' map colours
        "scores": scores,  # raw scores, written into the exports only (never on a page)
        "top_posts": [{"title": G.nodes[n]["label"], "url": G.nodes[n]["url"], "lang": G.nodes[n].get("lang", ""),
                       "score": s}
                      for n, s in posts_ranked[:top]],
        "top_posts_tied": [{"title": G.nodes[n]["label"], "url": G.nodes[n]["url"]}
                           for n, _ in analysis.tied_beyond(posts_ranked, top, lambda item: item[1])],
        "communities": [[person(n) for n in sorted(by_group[g], key=lambda n: (person_name(G, n).casefold(), n))]
                        for g in sorted(by_group)],
        **map_topics(P, posts),
    }


def strongest(items: list, n: int, strength) -> list:
    """The ``n`` items with the highest ``strength``, in their own order (first of equals first).

    >>> strongest(["a", "bbb", "cc", "dddd"], 2, len)
    ['bbb', 'dddd']
    """
    if len(items) <= n:
        return list(items)
    ranked = sorted(range(len(items)), key=lambda i: (-strength(items[i]), i))[:n]
    return [items[i] for i in sorted(ranked)]


def page_lists(site_insight: dict, settings: dict) -> dict:
    """What the conversations page lists of the insight stage's long lists: the strongest
    connections (its table, heaviest first) and the trails with the most replies, quotes and
    links (the most first, then by date), each with the full count; every one is in the CSV files
    written beside the page (:func:`.exports.write_csv`). The groups and who connects them are not
    capped: the page reads them from ``site_insight`` itself."""
    rows, trails = site_insight.get("table", []), site_insight.get("trails", [])
    return {
        "table": rows[:settings["CONVERSATION_MAP_TABLE_ROWS"]],
        "table_total": len(rows),
        # the most taken up first (of the same count, the oldest first): the list's first line is its strongest
        "trails": sorted(strongest(trails, settings["CONVERSATION_MAP_MAX_TRAILS"], lambda t: len(t["via"])),
                         key=lambda t: -len(t["via"])),
        "trails_total": len(trails),
    }


def csv_tables(site_insight: dict) -> dict[str, tuple[list[str], list[list]]]:
    """file name -> (header, rows) of the CSV files beside the conversations page: every connection
    between people (``connections.csv``, heaviest first) and every trail (``trails.csv``, in
    date order), with site-relative page addresses, as the page lists the strongest of them.

    >>> row = {"from": "Ada", "from_url": "people/ada/", "to": "Ben", "to_url": "people/ben/", "weight": 3,
    ...        "counts": {"reply": 2, "quote": 1, "mention": 0, "link": 0}, "described": "2 replies, 1 quote"}
    >>> csv_tables({"table": [row], "trails": []})["connections.csv"][1]
    [['Ada', 'people/ada/', 'Ben', 'people/ben/', 3, 2, 1, 0, 0, '2 replies, 1 quote']]
    """
    kinds = ("reply", "quote", "mention", "link")
    connections = [[r["from"], r["from_url"], r["to"], r["to_url"], r["weight"],
                    *(r["counts"].get(k, 0) for k in kinds), r["described"]]
                   for r in site_insight.get("table", [])]
    trails = [[t["from_title"], t["from_url"], t["title"], t["url"], t["how"], len(t["via"]),
               "; ".join(v["author"] for v in t["via"]), " ".join(v["url"] for v in t["via"])]
              for t in site_insight.get("trails", [])]
    return {
        "connections.csv": (["who", "who_page", "builds_on", "builds_on_page", "times", "replies", "quotes",
                             "mentions", "links", "how"], connections),
        "trails.csv": (["raised_in", "raised_in_page", "taken_up_in", "taken_up_in_page", "how", "times",
                        "by", "by_pages"], trails),
    }
