"""Site-wide stage: the people map of the whole site and its tables (``conversations/``)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from . import analysis, maps
from .cache import StageCache
from .tables import person_name, person_url


def post_filters(articles) -> dict[str, dict]:
    """post slug -> its tags and category, for the map's tag and category filters."""
    return {article.slug: {"tags": sorted(str(t) for t in getattr(article, "tags", []) or []),
                           "category": str(getattr(article, "category", "") or "")}
            for article in articles}


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


def site_page(G: nx.MultiDiGraph, P: nx.DiGraph, articles, rows: list[dict], settings: dict,
              cache: StageCache | None = None) -> dict:
    """Everything ``conversations/index.html`` shows: the people map JSON and the tables.

    ``rows`` is :func:`~conversation_map.tables.builds_on_table` of ``P``, made once per build.
    With ``cache``, an unchanged people graph reuses the last build's map and communities.
    """
    posts = post_filters(articles)
    if cache is not None and cache.enabled:
        inputs = json.dumps([sorted(P.nodes(data=True)), sorted(P.edges(data=True)), posts], sort_keys=True,
                            default=str, ensure_ascii=False)
        pmap, groups, scores = cache.get("site-map", inputs, lambda: people_analysis(P, posts, settings))
    else:
        pmap, groups, scores = people_analysis(P, posts, settings)
    top = settings["CONVERSATION_MAP_TOP_N"]
    by_group: dict[int, list[str]] = {}
    for node, group in groups.items():
        by_group.setdefault(group, []).append(node)

    def person(n: str, **extra) -> dict:
        return {"name": person_name(G, n), "url": person_url(G, n), **extra}

    return {
        **pmap,
        "groups": groups,  # person -> community, for the person pages' map colours
        "scores": scores,  # raw scores, written into the exports only (never on a page)
        "table": rows,
        "top_posts": [{"title": G.nodes[n]["label"], "url": G.nodes[n]["url"], "score": s}
                      for n, s in analysis.most_built_upon_posts(G, top).items()],
        "communities": [[person(n) for n in sorted(by_group[g], key=lambda n: person_name(G, n).casefold())]
                        for g in sorted(by_group)],
        "tags": sorted({t for p in posts.values() for t in p["tags"]}, key=str.casefold),
        "categories": sorted({p["category"] for p in posts.values() if p["category"]}, key=str.casefold),
    }
