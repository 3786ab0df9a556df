"""Site-wide stage: the people map of the whole site and its tables (``conversations/``)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from . import analysis, maps
from .tables import person_name, person_url


def post_filters(articles) -> dict[str, dict]:
    """post slug -> its tags and category, for the map's tag and category filters."""
    return {article.slug: {"tags": sorted(str(t) for t in getattr(article, "tags", []) or []),
                           "category": str(getattr(article, "category", "") or "")}
            for article in articles}


def site_page(G: nx.MultiDiGraph, P: nx.DiGraph, articles, rows: list[dict], settings: dict) -> dict:
    """Everything ``conversations/index.html`` shows: the people map (:func:`.maps.people_map`) and
    the tables. ``groups`` (person -> community) is returned too, for the person pages' maps.

    ``rows`` is :func:`~conversation_map.tables.builds_on_table` of ``P``, made once per build.
    """
    cache = Path(settings.get("CACHE_PATH", "cache")) / "conversation-map"
    seed = settings["CONVERSATION_MAP_SEED"]
    groups = analysis.communities(P, seed=seed)
    posts = post_filters(articles)
    out = settings["CONVERSATION_MAP_OUTPUT"].strip("/")
    pmap = maps.people_map(P, groups, settings, save_as=f"{out}/index.html", map_id="people-map",
                           cache_dir=cache, posts=posts, what="Who builds on whom across the site")
    top = settings["CONVERSATION_MAP_TOP_N"]
    by_group: dict[int, list[str]] = {}
    for node, group in groups.items():
        by_group.setdefault(group, []).append(node)

    def person(n: str, **extra) -> dict:
        return {"name": person_name(G, n), "url": person_url(G, n), **extra}

    return {
        **pmap,
        "groups": groups,
        "table": rows,
        "top_people": [person(n, score=s) for n, s in analysis.most_built_upon_people(P, top).items()],
        "top_posts": [{"title": G.nodes[n]["label"], "url": G.nodes[n]["url"], "score": s}
                      for n, s in analysis.most_built_upon_posts(G, top).items()],
        "brokers": [person(n, score=s) for n, s in analysis.brokers(P, top, seed=seed).items()],
        "communities": [[person(n) for n in sorted(by_group[g], key=lambda n: person_name(G, n).casefold())]
                        for g in sorted(by_group)],
        "tags": sorted({t for p in posts.values() for t in p["tags"]}, key=str.casefold),
        "categories": sorted({p["category"] for p in posts.values() if p["category"]}, key=str.casefold),
    }
