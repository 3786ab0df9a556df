"""Assemble each page's map: drawings at several widths → inline SVG (the widest also carries
what the "Explore" mode reads, see :mod:`.render`), the arrow markers, the key and legend.

The generator calls :func:`article_map`, :func:`site_map` and :func:`person_map`; each
returns the template's ``map`` dict (``svgs``, ``defs``, ``legend``, ``summary`` ...).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
from pelican.utils import get_relative_path

from .drawing import (
    NARROW,
    PHONE_HEIGHT,
    R_MAX,
    ROW,
    WIDE_ARTICLE,
    WIDE_PEOPLE,
    add_more,
    article_drawing,
    blocks_width,
    people_blocks,
    people_drawing,
    select_people,
)
from .ego import among_ties, ego_drawing
from .render import article_edges, people_edges
from .svg import arrow_kinds, render_defs, render_svg, shared_titles

LEGEND_LABELS = {
    "quote": "quotes",
    "mention": "mentions",
    "link": "links to",
    "cites": "builds on (cites)",
    "elsewhere": "reply to or from another post",
}


OUTSIDE_LABELS = {
    "node--post-other": "another post",
    "node--reply-other": "a reply under another post",
    "node--person": "someone named here who did not write here",
    "node--source": "an outside source",
}


PHONE_ROWS = (PHONE_HEIGHT - 240) // ROW  # rows of replies on a phone, room left for the post's title


def linker(settings: dict, save_as: str, page_url: str = "") -> Callable[[str], str]:
    """URL (site-relative or absolute) -> href on the page saved as ``save_as``.

    Links into the page itself become bare fragments, so following them never reloads it.

    >>> link = linker({"RELATIVE_URLS": True}, "posts/p/index.html", "posts/p/")
    >>> link("posts/p/#reply-1"), link("people/ada/"), link("https://x.example/"), link("")
    ('#reply-1', '../../people/ada/', 'https://x.example/', '../../posts/p/')
    >>> linker({"SITEURL": "https://o.github.io/repo"}, "conversations/index.html")("people/ada/")
    'https://o.github.io/repo/people/ada/'
    """
    base = get_relative_path(save_as) if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")

    def link(url: str) -> str:
        url = url or page_url
        if url.startswith(("http://", "https://")):
            return url
        if page_url and url.startswith(page_url + "#"):
            return url[len(page_url):]
        return f"{base}/{url}"

    return link


def _kept(drawings: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """A map's drawings, narrowest first, without those no shorter than the one before unless
    they fill a landscape frame (at most half as tall as wide).

    >>> [v for v, _ in _kept([("narrow", {"width": 340, "height": 300}), ("medium", {"width": 680, "height": 400}),
    ...                       ("wide", {"width": 1100, "height": 550})])]
    ['narrow', 'wide']
    """
    kept = [drawings[0]]
    for variant, drawing in drawings[1:]:
        # Shorter than the one before, or a landscape frame it fills (see drawing.stretch).
        if drawing["height"] < kept[-1][1]["height"] or drawing["height"] <= drawing["width"] / 2 + 1:
            kept.append((variant, drawing))
    return kept


def _title_prefix(map_id: str) -> str:
    """Short ids for a map's shared ``<title>`` elements (one map of each kind on a page).

    >>> _title_prefix("conversation-map"), _title_prefix("people-map")
    ('cmt', 'pmt')
    """
    return "".join(word[:1] for word in map_id.split("-")) + "t"


def _svgs(drawings: list[tuple[str, dict]], summary: str, explore: dict, map_id: str) -> list:
    """One SVG per kept drawing (see :func:`_kept`); the theme shows the widest that fits. The last
    (the widest, with everyone) carries the explore data and the details the others point at."""
    several = len(drawings) > 1
    last = len(drawings) - 1
    titles = shared_titles(drawings[-1][1], _title_prefix(map_id)) if several else None
    return [{"variant": v if several else "", "width": d["width"],
             "svg": render_svg(d, summary=summary, variant=v if several else "",
                               explore=explore if i == last else None, titles=titles)}
            for i, (v, d) in enumerate(drawings)]


def article_map(G: nx.MultiDiGraph, post: str, tree: dict[str, list[str]], settings: dict, *,
                save_as: str, page_url: str, title: str, reply_count: int,
                people_count: int | None = None) -> dict:
    """The map parts of one article page (see module docstring)."""
    link = linker(settings, save_as, page_url)
    rows = settings["CONVERSATION_MAP_MAX_ROWS"]
    depth = settings["CONVERSATION_MAP_MAX_DEPTH"]
    wide = article_drawing(G, post, tree, width=WIDE_ARTICLE, link=link, max_rows=rows, max_depth=depth)
    # A phone's drawing folds sooner: at most about one screen of rows (PHONE_HEIGHT).
    narrow = article_drawing(G, post, tree, width=NARROW, link=link, max_rows=min(rows, PHONE_ROWS),
                             max_depth=depth)
    # The thread's own count (replies.model.count_replies), so the page says one number.
    people = len(wide["authors"]) if people_count is None else people_count
    summary = (f"Map of the conversation on “{title}”: {reply_count} "
               f"{'reply' if reply_count == 1 else 'replies'} from {people} "
               f"{'person' if people == 1 else 'people'}, each reply a link to it in the thread"
               + (f"; {wide['folded']} replies folded into “more” links" if wide["folded"] else "") + ".")
    titles = shared_titles(wide, _title_prefix("conversation-map"))  # the narrow drawing points at them
    return {
        "svgs": [{"variant": "wide", "svg": render_svg(wide, summary=summary, variant="wide",
                                                      explore=article_edges(wide), titles=titles),
                  "width": wide["width"]},
                 {"variant": "narrow", "svg": render_svg(narrow, summary=summary, variant="narrow", titles=titles),
                  "width": narrow["width"]}],
        "defs": render_defs(arrow_kinds([wide, narrow])),
        "authors": wide["authors"],
        "outside": [{"cls": c, "label": OUTSIDE_LABELS[c]} for c in wide["outside"] if c in OUTSIDE_LABELS],
        "legend": [{"kind": k, "label": LEGEND_LABELS.get(k, k)} for k in wide["crossing"]],
        "folded": wide["folded"],
        "node_count": len(wide["nodes"]),
        "edge_count": len(wide["edges"]),
        "summary": summary,
    }


def _phone_people(Q: nx.DiGraph, groups: dict[str, int], layout_groups: dict[str, int], *, seed: int,
                  link: Callable[[str], str], highlight: str | None, cache_dir=None) -> dict:
    """A phone's people map at most about one screen tall: the most connected people that fit,
    the rest folded into a "+N more" link to the lists under the map (issue 8, "fits its box")."""
    def draw(keep: int) -> dict:
        shown = select_people(Q, keep)
        if highlight and highlight not in shown:
            shown = sorted({*select_people(Q.subgraph([n for n in Q if n != highlight]), keep - 1), highlight})
        S = Q.subgraph(shown)
        blocks = people_blocks(S, {n: layout_groups.get(n, -1) for n in S}, width=NARROW, seed=seed,
                               cache_dir=cache_dir)
        return people_drawing(S, groups, width=NARROW, seed=seed, link=link, highlight=highlight,
                              max_labels=60, blocks=blocks)

    budget = PHONE_HEIGHT - 40  # room for the "+N more" link
    lo, hi, best = 1, Q.number_of_nodes() - 1, None  # the most people whose drawing fits (bisection)
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = draw(mid)
        if trial["height"] <= budget:
            lo, best, keep = mid + 1, trial, mid
        else:
            hi = mid - 1
    if best is None:
        best, keep = draw(1), 1
    left = Q.number_of_nodes() - keep
    if left:
        add_more(best, left, link("conversations/#groups-title"), "conversations/#groups-title",
                 "listed under Groups on the conversations page")
    return best


def people_map(P: nx.DiGraph, groups: dict[str, int], settings: dict, *, save_as: str, map_id: str,
               cache_dir=None, highlight: str | None = None, posts: dict | None = None,
               what: str = "") -> dict:
    """The map parts of the site-wide people map or of a person page's map."""
    link = linker(settings, save_as)
    cap = settings["CONVERSATION_MAP_MAX_PEOPLE"]
    total = P.number_of_nodes()
    shown = select_people(P, cap)
    if highlight and highlight not in shown:  # a person's own map always shows them
        shown = sorted({*select_people(P.subgraph([n for n in P if n != highlight]), cap - 1), highlight})
    Q = P.subgraph(shown)
    seed = settings["CONVERSATION_MAP_SEED"]
    # A person's map is laid out as one group (coloured by community); the site map by community.
    layout_groups = {n: 0 for n in Q} if highlight else groups
    blocks = people_blocks(Q, layout_groups, width=WIDE_PEOPLE, seed=seed, cache_dir=cache_dir)
    drawings = []
    phone = None
    tiers = (("narrow", NARROW, 60), ("medium", WIDE_ARTICLE, 90), ("wide", WIDE_PEOPLE, 120))
    for variant, width, labels in tiers:
        fitted = blocks
        if blocks_width(blocks) > width - 2 * (16 + R_MAX):  # a community wider than the frame: drawn taller
            fitted = people_blocks(Q, layout_groups, width=width, seed=seed, cache_dir=cache_dir)
        drawing = people_drawing(Q, groups, width=width, seed=seed, link=link, highlight=highlight,
                                 max_labels=labels, blocks=fitted)
        if variant == "narrow" and drawing["height"] > PHONE_HEIGHT:
            phone = _phone_people(Q, groups, layout_groups, seed=seed, link=link, highlight=highlight,
                                  cache_dir=cache_dir)
        drawings.append((variant, drawing))
    wide = drawings[-1][1]  # everyone in it: the explore view's positions
    drawings = _kept(drawings)
    if phone is not None:  # a phone's drawing folded to one screen; wider screens still show everyone
        drawings = [("narrow", phone), *(drawings[1:] or [("wide", wide)])]
    capped = total > len(shown)
    summary = (f"{what}: {len(shown)} {'person' if len(shown) == 1 else 'people'} and "
               f"{Q.number_of_edges()} connections; each person a link to their page")
    summary += f" (the {len(shown)} most connected of {total})." if capped else "."
    return {
        "svgs": _svgs(drawings, summary, people_edges(Q, posts), map_id),
        "defs": render_defs(arrow_kinds([d for _, d in drawings])),
        "summary": summary,
        "shown": len(shown),
        "total": total,
        "capped": capped,
        "cap": cap,
        "labelled": wide["labelled"],
        "node_count": len(shown),
        "edge_count": Q.number_of_edges(),
    }


def person_map(P: nx.DiGraph, node: str, ties: list[str], groups: dict[str, int], settings: dict, *,
               save_as: str, page_url: str, map_id: str, what: str, total: int | None = None) -> dict:
    """The map parts of a person page: ``node`` and their ``ties`` (strongest first) drawn round
    them by :func:`.ego.ego_drawing`, for a wide screen (680 px) and a phone (340 px, at most
    about one screen tall). Ties left off are counted in a "+N more" link to the page's lists."""
    link = linker(settings, save_as, page_url)
    total = len(ties) if total is None else total
    more_url = f"{page_url}#builds-on-title"
    among = among_ties(P, ties)
    wide = ego_drawing(P, node, ties, groups, width=WIDE_ARTICLE, link=link, total=total, more_url=more_url,
                       among=among)
    phone = ego_drawing(P, node, ties, groups, width=NARROW, link=link, total=total, more_url=more_url,
                        max_height=PHONE_HEIGHT, max_label=NARROW / 2, among=among)
    shown = wide["shown"]
    drawn = {node, *ties[:shown]}
    summary = (f"{what}. Each person is a link to their page; a line's arrow points at the one built on, "
               "its width tells how often")
    if wide["among"]:
        summary += ("; a thin grey line joins the closest pair among the others" if wide["among"] == 1 else
                    f"; thin grey lines join the {wide['among']} closest pairs among the others")
        left = sum(1 for a, b in among if a in drawn and b in drawn) - wide["among"]
        if left:
            summary += f" ({left} weaker {'tie' if left == 1 else 'ties'} among them left out)"
    summary += "."
    return {
        "svgs": _svgs([("narrow", phone), ("wide", wide)], summary, _ego_explore(P, wide), map_id),
        "defs": render_defs(arrow_kinds([phone, wide])),
        "summary": summary,
        "shown": shown,
        "total": total,
        "capped": total > shown,
        "cap": len(ties),
        "labelled": wide["labelled"],
        "node_count": shown + 1,
        "edge_count": len(wide["edges"]),  # the lines drawn
        "among": wide["among"],
    }


def _ego_explore(P: nx.DiGraph, drawing: dict) -> dict:
    """What Explore reads from a person map's wide drawing: each line's ends and counts
    (:func:`.render.people_edges`), in the drawing's order; a grey line between two others
    stands for both directions and carries the counts of the one it is drawn from."""
    drawn = nx.DiGraph()
    drawn.add_edges_from((u, v, P.succ[u][v]) for u, v in (e["ends"] for e in drawing["edges"]))
    extra = {(u, v): e for u, v, e in people_edges(drawn)["edges"]}
    return {"edges": [(e["ends"][0], e["ends"][1], extra.get(e["ends"], {})) for e in drawing["edges"]],
            "attrs": {}}
