"""The "who builds on whom" tables shared by article, site and person pages."""

from __future__ import annotations

import networkx as nx

from .render import describe_counts


def person_name(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label (a person's name), or the node itself when it is not in ``G``."""
    return str(G.nodes[node].get("label", node)) if node in G else node


def person_url(G: nx.MultiDiGraph, node: str) -> str:
    """A node's page URL, or '' when it is not in ``G``."""
    return str(G.nodes[node].get("url", "")) if node in G else ""


def builds_on_table(G: nx.MultiDiGraph, P: nx.DiGraph) -> list[dict]:
    """Rows of the table, heaviest first: from/to names and URLs, weight, counts per kind."""
    rows = []
    for u, v, data in sorted(P.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
        counts = {k: data[k] for k in ("reply", "quote", "mention", "link")}
        rows.append({"from_node": u, "to_node": v, "from": person_name(G, u), "from_url": person_url(G, u),
                     "to": person_name(G, v), "to_url": person_url(G, v),
                     "weight": data["weight"], "counts": counts, "described": describe_counts(counts)})
    return rows
