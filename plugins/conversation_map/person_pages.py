"""Per-person stage: one page per person (``people/<slug>/``): contributions, tables, own map.

Each page is made from the index (the person's own contributions) and from the site table
grouped once by person, never by scanning the graph or the table per person.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from . import maps
from .index import ConversationIndex
from .people import Person
from .tables import person_url


def rows_by_person(rows: list[dict]) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The site table grouped by who builds (``from_node``) and by who is built on (``to_node``)."""
    by_from: dict[str, list[dict]] = {}
    by_to: dict[str, list[dict]] = {}
    for row in rows:
        by_from.setdefault(row["from_node"], []).append(row)
        by_to.setdefault(row["to_node"], []).append(row)
    return by_from, by_to


def contributions_of(G: nx.MultiDiGraph, index: ConversationIndex, node: str) -> list[dict]:
    """A person's posts and replies, oldest first, with the title of the post each belongs to."""
    found = []
    for target in index.contributions.get(node, []):
        data = G.nodes[target]
        post = G.nodes.get(f"post:{data.get('conversation', '')}", {})
        found.append({"kind": data["kind"], "url": data["url"], "date": data.get("date", ""),
                      "title": post.get("label", ""), "label": data["label"]})
    found.sort(key=lambda c: (c["date"], c["url"]))
    return found


def person_page(G: nx.MultiDiGraph, P: nx.DiGraph, index: ConversationIndex, person: Person,
                out_rows: list[dict], in_rows: list[dict], settings: dict, groups: dict | None = None) -> dict:
    """Everything ``people/<slug>/index.html`` shows about one person."""
    node = person.node
    contributions = contributions_of(G, index, node)
    neighbours = {node, *P.predecessors(node), *P.successors(node)}
    ego = P.subgraph(sorted(neighbours)).copy()
    cache = Path(settings.get("CACHE_PATH", "cache")) / "conversation-map"
    people_path = settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
    pmap = maps.people_map(ego, {n: (groups or {}).get(n, -1) for n in ego}, settings,
                           save_as=f"{people_path}/{person.slug}/index.html", map_id="person-map",
                           cache_dir=cache, highlight=node,
                           what=f"{person.name} and the people they build on or who build on them")
    return {
        "node": node, "name": person.name, "slug": person.slug, "urls": person.urls,
        "url": person_url(G, node),
        "posts": [c for c in contributions if c["kind"] == "post"],
        "replies": [c for c in contributions if c["kind"] == "reply"],
        "builds_on": out_rows, "built_upon_by": in_rows,
        "map": pmap,
    }


def person_pages(G: nx.MultiDiGraph, P: nx.DiGraph, index: ConversationIndex, people: dict[str, Person],
                 rows: list[dict], settings: dict, groups: dict | None = None) -> list[dict]:
    """One page dict per person in the graph, in node order (``groups``: person -> community colour)."""
    by_from, by_to = rows_by_person(rows)
    return [person_page(G, P, index, people[node], by_from.get(node, []), by_to.get(node, []), settings, groups)
            for node in sorted(people) if node in G]
