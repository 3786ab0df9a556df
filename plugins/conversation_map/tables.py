"""The "who builds on whom" tables shared by article, site and person pages."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .graph import BUILDS_ON_KINDS
from .render import describe_counts


def person_name(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label (a person's name), or the node itself when it is not in ``G``."""
    return str(G.nodes[node].get("label", node)) if node in G else node


def person_url(G: nx.MultiDiGraph, node: str) -> str:
    """A node's page URL, or '' when it is not in ``G``."""
    return str(G.nodes[node].get("url", "")) if node in G else ""


def tie_row(G: nx.MultiDiGraph, P: nx.DiGraph, u: str, v: str) -> dict:
    """One row of the table: ``u`` builds on ``v`` (names, URLs, weight, counts per kind, in words)."""
    data = P.succ[u][v]
    # each contribution by its main kind (they add up to the weight), then in words what else some
    # do ("1 reply, also naming them")
    counts = {k: (data.get("first") or data)[k] for k in BUILDS_ON_KINDS}
    described = describe_counts(counts, data.get("also"))
    return {"from_node": u, "to_node": v, "from": person_name(G, u), "from_url": person_url(G, u),
            "to": person_name(G, v), "to_url": person_url(G, v),
            "weight": data["weight"], "counts": counts, "described": described}


def builds_on_table(G: nx.MultiDiGraph, P: nx.DiGraph) -> list[dict]:
    """Rows of the table, heaviest first: from/to names and URLs, weight, counts per kind."""
    return list(TieRows(G, P))


class TieRows(Sequence):
    """The rows of :func:`builds_on_table`, each made when it is read.

    The site's table has a row for every pair of people (14,000 at 1,000 posts × 20 replies):
    its page shows the strongest and its CSV file lists them all, so the rows are made when
    each reads them instead of being kept for both (and for every person page).

    >>> P = nx.DiGraph()
    >>> P.add_edge("a", "b", weight=1, reply=1, quote=0, mention=0, link=0)
    >>> P.add_edge("b", "a", weight=2, reply=1, quote=1, mention=0, link=0)
    >>> rows = TieRows(nx.MultiDiGraph(), P)
    >>> len(rows), [(r["from"], r["to"], r["weight"]) for r in rows], rows[:1][0]["described"]
    (2, [('b', 'a', 2), ('a', 'b', 1)], '1 reply and 1 quote')
    """

    def __init__(self, G: nx.MultiDiGraph, P: nx.DiGraph) -> None:
        self.G, self.P = G, P
        self.ties = sorted(((u, v) for u, v in P.edges), key=lambda e: (-P.succ[e[0]][e[1]]["weight"], e))

    def __len__(self) -> int:
        return len(self.ties)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [tie_row(self.G, self.P, u, v) for u, v in self.ties[i]]
        return tie_row(self.G, self.P, *self.ties[i])

    def __iter__(self):
        return (tie_row(self.G, self.P, u, v) for u, v in self.ties)


def person_rows(G: nx.MultiDiGraph, P: nx.DiGraph, node: str) -> tuple[list[dict], list[dict]]:
    """The rows of the table in which ``node`` builds on someone, and those in which someone builds
    on them, each heaviest first (the site table's order), read from ``node``'s own ties only."""
    out = sorted(P.succ[node], key=lambda v: (-P.succ[node][v]["weight"], v)) if node in P else []
    into = sorted(P.pred[node], key=lambda u: (-P.succ[u][node]["weight"], u)) if node in P else []
    return [tie_row(G, P, node, v) for v in out], [tie_row(G, P, u, node) for u in into]
