"""Assemble each page's map: drawings at several widths → inline SVG (the widest also carries
what the "Explore" mode reads, see :mod:`.render`), the arrow markers, the key and legend.

The generator calls :func:`article_map`, :func:`site_map` and :func:`person_map`; each
returns the template's ``map`` dict (``svgs``, ``defs``, ``legend``, ``summary`` ...).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
from pelican.utils import get_relative_path
from replies.model import quoted

from .drawing import (
    FEW_LINES,
    LINES_PER_PERSON,
    NARROW,
    PHONE_HEIGHT,
    R_MAX,
    ROW,
    WIDE_ARTICLE,
    WIDE_PEOPLE,
    add_more,
    article_drawing,
    authors_answers,
    backbone_ties,
    blocks_width,
    connected_ranking,
    people_blocks,
    people_drawing,
    select_people,
    spacing_for,
)
from .ego import among_ties, ego_drawing
from .layout import fold_tree, pack_blocks
from .render import COUNT_KINDS, LINE_VERBS, PLURALS, article_edges, count_of, join_words, people_edges
from .svg import arrow_kinds, arrow_size, render_defs, render_svg, shared_titles

#: What an article map's key calls each kind of line across the tree (:data:`.render.LINE_VERBS`'s words).
LEGEND_LABELS = {**{k: LINE_VERBS[k] for k in ("quote", "mention", "link")}, "cites": f"{LINE_VERBS['cites']} (cites)",
                 "elsewhere": "reply to or from another post"}


#: What a kind of thick line is, in a sentence about the lines across the tree.
CROSSING_WORDS = {**{k: PLURALS[k] for k in ("quote", "mention", "link")}, "cites": "citations",
                  "elsewhere": "replies from or to other posts"}


def article_caption(kinds: list[str], folded: int = 0, elsewhere: int = 0, ties: int = 0) -> str:
    """What an article map shows, in words: only the kinds of line it draws (``elsewhere``: how
    many other posts the post and its replies tie to where those lines are too many to draw, by
    ``ties`` ties).

    >>> article_caption([])
    'The thread as a tree, each reply coloured by who wrote it (see the key). Follow a reply to read it in the thread.'
    >>> article_caption(["mention"])[49:]
    'wrote it; the thick lines are mentions. Follow a reply to read it in the thread.'
    >>> article_caption(["quote", "mention", "link"], folded=3)[49:]  # doctest: +NORMALIZE_WHITESPACE
    'wrote it; the thick lines are quotes, mentions and links, each kind in its own pattern (see the
    key). Follow a reply to read it in the thread. 3 replies are folded into “more” links.'
    >>> article_caption([], elsewhere=21, ties=23)[73:]  # doctest: +NORMALIZE_WHITESPACE
    'Follow a reply to read it in the thread. Its 23 ties to 21 other posts are too many to draw one by one:
    the post and each reply say how many they have, and the list under the map gives each one.'
    """
    words = [CROSSING_WORDS.get(kind, kind) for kind in kinds]
    start = "The thread as a tree, each reply coloured by who wrote it"
    if not words:
        start += " (see the key)"
    elif len(words) == 1:
        start += f"; the thick lines are {words[0]}"
    else:
        start += (f"; the thick lines are {join_words(words)}, each kind in its own pattern "
                  "(see the key)")
    end = ("" if not folded else " 1 reply is folded into a “more” link." if folded == 1
           else f" {folded} replies are folded into “more” links.")
    if elsewhere:
        end += (f" Its {count_of(max(ties, elsewhere), 'tie')} to {count_of(elsewhere, 'other post')} are too "
                "many to draw one by one: the post and each reply say how many they have, and the list under "
                "the map gives each one.")
    return f"{start}. Follow a reply to read it in the thread.{end}"


#: A people map's kinds of line, in the key's order, and what each says (the arrow points at the one built on).
PEOPLE_LEGEND = {"replies": LINE_VERBS["reply"], **{k: LINE_VERBS[k] for k in ("quote", "mention", "link")}}


def _key_kind(kind: str) -> str:
    """A count's kind as a people map's line and key call it ("reply": "replies", a person answering a person).

    >>> _key_kind("reply"), _key_kind("quote")
    ('replies', 'quote')
    """
    return "replies" if kind == "reply" else kind


def people_legend(drawings: list[dict]) -> list[dict]:
    """The key of a people map: only the kinds of line its drawings draw, in :data:`PEOPLE_LEGEND`'s
    order; ``drawings`` narrowest first, and a kind only the wider ones draw is marked ``wide_only``
    (the theme shows it while a wider drawing does). The thin grey lines among a person's ties
    (kind ``reply``, no arrow) are said under the map, not keyed.

    >>> phone = {"edges": [{"kind": "mention", "arrow": True}, {"kind": "reply", "arrow": False}]}
    >>> wide = {"edges": [{"kind": "quote", "arrow": True}, {"kind": "mention", "arrow": True}]}
    >>> [(k["kind"], k["label"], k["wide_only"]) for k in people_legend([phone, wide])]
    [('quote', 'quotes', True), ('mention', 'mentions', False)]
    """
    drawn = [set(arrow_kinds([d])) for d in drawings]
    every = set().union(*drawn)
    return [{"kind": kind, "label": label, "wide_only": kind not in drawn[0]}
            for kind, label in PEOPLE_LEGEND.items() if kind in every]


OUTSIDE_LABELS = {
    "node--post-other": "another post",
    "node--reply-other": "a reply under another post",
    "node--person": "someone named here who did not write here",
    "node--source": "an outside source",
    "node--more": "other posts, too many to draw one by one (listed under the map)",
}


PHONE_ROWS = (PHONE_HEIGHT - 240) // ROW  # rows of replies on a phone, room left for the post's title
ARTICLE_ARROW = 9  # px: the arrow heads of an article map's bold (3 px) lines


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
    """The map parts of one article page (see module docstring).

    One drawing, 340 px wide, serves both screens when a phone's screen holds every row the
    desktop would show (an indented tree of short labels needs no wider frame; the post's title
    wraps to it): the usual case, half the bytes of two drawings (issue 7, "Weight"). A thread
    longer than a phone screen (:data:`PHONE_ROWS`), or one where the phone's frame cuts names a
    wider one shows whole, gets a second drawing, 680 px wide (and folded later), for wider
    screens; that one carries the details and what Explore reads.
    """
    link = linker(settings, save_as, page_url)
    rows = settings["CONVERSATION_MAP_MAX_ROWS"]
    depth = settings["CONVERSATION_MAP_MAX_DEPTH"]
    # A phone's drawing folds sooner: at most about one screen of rows (PHONE_HEIGHT), PHONE_ROWS
    # replies under the post (fold_tree counts the post among its rows).
    narrow = article_drawing(G, post, tree, width=NARROW, link=link, max_rows=min(rows, PHONE_ROWS + 1),
                             max_depth=depth)
    drawings = [("narrow", narrow)]
    if fold_tree(tree, post, max_rows=rows, max_depth=depth, keep=authors_answers(G, post, tree))[1] != narrow["more"]:
        drawings.append(("wide", article_drawing(G, post, tree, width=WIDE_ARTICLE, link=link, max_rows=rows,
                                                 max_depth=depth)))
    elif narrow["shortened"]:  # names a phone's frame cuts ("Γιάννης Κάπ…"): whole in a wider column
        wide = article_drawing(G, post, tree, width=WIDE_ARTICLE, link=link, max_rows=rows, max_depth=depth)
        if wide["shortened"] < narrow["shortened"]:
            drawings.append(("wide", wide))
    wide = drawings[-1][1]  # the one with the most rows: the key, the counts and Explore
    # What only the wider drawing shows (a phone's folds sooner) is keyed for it alone (site.css).
    only_wide = (set(wide["crossing"]) | set(wide["outside"])) - (set(narrow["crossing"]) | set(narrow["outside"]))
    # The thread's own count (replies.model.count_replies), so the page says one number.
    people = len(wide["authors"]) if people_count is None else people_count
    summary = (f"Map of the conversation on {quoted(title)}: {reply_count} "
               f"{'reply' if reply_count == 1 else 'replies'} from {people} "
               f"{'person' if people == 1 else 'people'}, each reply a link to it in the thread"
               + (f"; {wide['folded']} replies folded into “more” links" if wide["folded"] else "")
               + (f"; {len(wide['elsewhere'])} ties to {wide['elsewhere_posts']} other posts listed under the map"
                  if wide["elsewhere"] else "")
               + ".")
    return {
        "svgs": _svgs(drawings, summary, article_edges(wide), "conversation-map"),
        # a bold line is 3 px (site.css): a 9 px head shows which way it points
        "defs": render_defs(arrow_kinds([d for _, d in drawings]), ARTICLE_ARROW),
        # whose replies a phone's drawing folds away, all of them (its key says so: partials/map_legend.html)
        "authors": [{**a, "phone_drawn": a["drawn"] and n["drawn"]}
                    for a, n in zip(wide["authors"], narrow["authors"], strict=True)],
        "outside": [{"cls": c, "label": OUTSIDE_LABELS[c], "wide_only": c in only_wide}
                    for c in wide["outside"] if c in OUTSIDE_LABELS],
        "legend": [{"kind": k, "label": LEGEND_LABELS.get(k, k), "wide_only": k in only_wide}
                   for k in wide["crossing"]],
        "folded": wide["folded"],
        "detached": bool(wide["detached"]),
        "caption": article_caption(list(wide["crossing"]), wide["folded"], wide["elsewhere_posts"],
                                   len(wide["elsewhere"])),
        # what a phone's drawing shows, when it folds more or draws fewer kinds of line (site.css picks one)
        "caption_narrow": article_caption(list(narrow["crossing"]), narrow["folded"], narrow["elsewhere_posts"],
                                          len(narrow["elsewhere"])),
        # the ties to other posts the drawings leave out, each in words (partials/conversation_map.html)
        "elsewhere": wide["elsewhere"],
        "elsewhere_posts": wide["elsewhere_posts"],
        "node_count": len(wide["nodes"]),
        "edge_count": len(wide["edges"]),
        "summary": summary,
    }


def _estimated_height(P: nx.DiGraph, shown: list[str], layout_groups: dict[str, int], width: int) -> float:
    """The height :func:`people_drawing` will roughly give the people ``shown`` at ``width``, without
    laying them out: each community as the box :func:`.layout.community_layouts` makes for it,
    shelf-packed as :func:`.layout.pack_blocks` packs them."""
    S = P.subgraph(shown)
    spacing = spacing_for(len(shown))
    inner = width - 2 * (16 + R_MAX)
    members: dict[int, list[str]] = {}
    for n in shown:
        members.setdefault(layout_groups.get(n, -1), []).append(n)
    boxes, loners = [], 0
    for nodes in members.values():
        if len(nodes) == 1 or S.subgraph(nodes).number_of_edges() == 0:
            loners += len(nodes)
            continue
        side = spacing * len(nodes) ** 0.5 * 1.1
        side_x = min(side, inner)
        boxes.append({"a": (0.0, 0.0), "b": (side_x, side * side / side_x)})
    boxes.sort(key=lambda b: -b["b"][0] * b["b"][1])
    if loners:
        cols = max(1, min(loners, int(inner // (spacing * 1.6)) + 1))
        boxes.append({"a": (0.0, 0.0), "b": ((cols - 1) * spacing * 1.6, (-(-loners // cols) - 1) * spacing)})
    return pack_blocks(boxes, width, margin=16 + R_MAX, gap=spacing)[2] if boxes else 0.0


def _phone_people(Q: nx.DiGraph, groups: dict[str, int], *, seed: int, link: Callable[[str], str],
                  cache_dir=None) -> dict:
    """A phone's people map at most about one screen tall: the most connected people that fit,
    the rest folded into a "+N more" link to the lists under the map (issue 8, "fits its box").

    How many fit is worked out from the size each community's layout takes
    (:func:`_estimated_height`), then drawn; the drawing's own height corrects that number at
    most twice (fewer people when it is too tall, more when it leaves much of the screen empty).
    """
    ranked = connected_ranking(Q)  # any first N show their ties among themselves

    def draw(keep: int) -> dict:
        shown = ranked[:keep]
        tied = {n for u, v in Q.subgraph(shown).edges for n in (u, v)}
        # nobody drawn alone whose ties were all cut (they are in the lists under the map)
        S = Q.subgraph([n for n in shown if n in tied] if tied else shown)
        blocks = people_blocks(S, {n: groups.get(n, -1) for n in S}, width=NARROW, seed=seed, cache_dir=cache_dir)
        return people_drawing(S, groups, width=NARROW, seed=seed, link=link, max_labels=60, blocks=blocks)

    budget = PHONE_HEIGHT - 40  # room for the "+N more" link
    lo, hi = 1, len(ranked)
    while lo < hi:  # the most people whose estimated drawing fits (cheap: no layout)
        mid = (lo + hi + 1) // 2
        if _estimated_height(Q, ranked[:mid], groups, NARROW) <= budget:
            lo = mid
        else:
            hi = mid - 1
    keep, everyone = lo, len(ranked)

    def fits(drawing: dict, keep: int) -> bool:
        return drawing["height"] <= (budget if keep < everyone else PHONE_HEIGHT)

    best = draw(keep)
    for _ in range(2):  # the estimate is close: at most two corrections, up or down
        if not fits(best, keep) and keep > 1:
            keep = max(1, min(keep - 1, int(keep * budget / best["height"] * 0.95)))
            best = draw(keep)
        elif fits(best, keep) and keep < everyone and best["height"] < 0.85 * budget:
            more = min(everyone, max(keep + 1, int(keep * budget / best["height"] * 0.95)))
            trial = draw(more)
            if not fits(trial, more):
                break
            best, keep = trial, more
        else:
            break
    while not fits(best, keep) and keep > 1:  # rare: still too tall, fewer until it fits
        keep = max(1, int(keep * 0.9))
        best = draw(keep)
    left = len(ranked) - len(best["nodes"])  # the people not drawn (loners left out of the first ones too)
    if left:
        add_more(best, left, link("conversations/#groups-title"), "conversations/#groups-title",
                 "listed under Groups below")  # the site's map is on that page
    return best


#: Which connections a busy people map draws (:func:`.drawing.backbone_ties`), in words.
BACKBONE_WORDS = ("within each group, each person’s strongest tie; between groups, the strongest ties that "
                  "join them")


def drawn_people(P: nx.DiGraph, shown: list[str], budget: int,
                 groups: dict[str, int] | None = None) -> tuple[nx.DiGraph, int]:
    """The people ``shown`` with the connections a map draws, and how many connections they have
    among them in all: every one while they are few enough to follow (:data:`.drawing.FEW_LINES`, or
    :data:`.drawing.LINES_PER_PERSON` each), else the fewest, strongest that keep everyone joined as
    they are, each group by its own ties first (:func:`.drawing.backbone_ties`), at most ``budget``.
    Each person keeps their own counts
    (``built_on``, ``builds``: weighted, in ``P``) for their size and details on the map."""
    Q = P.subgraph(shown)
    D = nx.DiGraph()
    D.add_nodes_from((n, {**d, "built_on": P.in_degree(n, weight="weight"),
                          "builds": P.out_degree(n, weight="weight")}) for n, d in sorted(Q.nodes(data=True)))
    total = Q.number_of_edges()
    if total <= min(budget, max(FEW_LINES, round(LINES_PER_PERSON * len(shown)))):
        ties = list(Q.edges)  # few enough to follow each one: all of them
    else:  # more lines than can be told apart: the strongest that keep everyone joined
        ties = backbone_ties(Q, groups, budget)
    D.add_edges_from((u, v, Q.edges[u, v]) for u, v in ties)
    return D, total


def people_map(P: nx.DiGraph, groups: dict[str, int], settings: dict, *, save_as: str, map_id: str,
               cache_dir=None, posts: dict | None = None, what: str = "") -> dict:
    """The map parts of the site-wide people map (a person page's map is :func:`person_map`).

    At most ``CONVERSATION_MAP_MAX_PEOPLE`` people (the most connected) and
    ``CONVERSATION_MAP_MAX_LINES`` lines (past a readable number, the strongest that keep everyone
    joined: :func:`drawn_people`), laid out once for the desktop frame; the medium
    frame reuses that layout unless a community is too wide for it, and a phone gets the most
    connected people that fit one screen (:func:`_phone_people`). Drawings no shorter than
    the one before are left out (:func:`_kept`).
    """
    link = linker(settings, save_as)
    cap = settings["CONVERSATION_MAP_MAX_PEOPLE"]
    total = P.number_of_nodes()
    shown = select_people(P, cap)
    Q, connections = drawn_people(P, shown, settings["CONVERSATION_MAP_MAX_LINES"], groups)
    seed = settings["CONVERSATION_MAP_SEED"]
    blocks = people_blocks(Q, groups, width=WIDE_PEOPLE, seed=seed, cache_dir=cache_dir)
    drawings = [("narrow", _phone_people(Q, groups, seed=seed, link=link, cache_dir=cache_dir))]
    for variant, width, labels in (("medium", WIDE_ARTICLE, 90), ("wide", WIDE_PEOPLE, 120)):
        fitted = blocks
        if blocks_width(blocks) > width - 2 * (16 + R_MAX):  # a community wider than the frame: drawn taller
            fitted = people_blocks(Q, groups, width=width, seed=seed, cache_dir=cache_dir)
        drawings.append((variant, people_drawing(Q, groups, width=width, seed=seed, link=link,
                                                 max_labels=labels, blocks=fitted)))
    wide = drawings[-1][1]  # everyone in it: the explore view's positions
    folded = any(n["id"] == "more:people" for n in drawings[0][1]["nodes"])
    # A phone's drawing folded to one screen is always kept; wider screens still show everyone.
    drawings = [drawings[0], *_kept(drawings[1:])] if folded else _kept(drawings)
    capped = total > len(shown)
    drawn = Q.number_of_edges()
    summary = f"{what}: {count_of(len(shown), 'person', 'people')}"
    summary += f" (the {len(shown):,} most connected of {total:,})" if capped else ""
    if drawn < connections:
        summary += (f" and {drawn:,} of the {count_of(connections, 'connection')} among them: "
                    f"{BACKBONE_WORDS}")
    else:
        summary += f" and {count_of(drawn, 'connection')}"
    summary += "; each person a link to their page."
    # The key: the kinds drawn, then those only a filter draws (a line is drawn as its most frequent kind;
    # unticking that one draws it as the next, conversation-map.js): keyed while exploring.
    legend = people_legend([d for _, d in drawings])
    keyed = {k["kind"] for k in legend}
    kinds = [k for k in COUNT_KINDS if any(d.get(k, 0) for _, _, d in Q.edges(data=True))]
    return {
        "svgs": _svgs(drawings, summary, people_edges(Q, posts), map_id),
        "defs": render_defs(arrow_kinds([d for _, d in drawings]), arrow_size([d for _, d in drawings])),
        "legend": sorted(legend + [{"kind": _key_kind(k), "label": PEOPLE_LEGEND[_key_kind(k)], "wide_only": False,
                                    "explore_only": True} for k in kinds if _key_kind(k) not in keyed],
                         key=lambda item: list(PEOPLE_LEGEND).index(item["kind"])),
        "summary": summary,
        "shown": len(shown),
        "total": total,
        "capped": capped,
        "cap": cap,
        "labelled": wide["labelled"],
        "node_count": len(shown),
        "tied": sum(1 for n in Q if Q.degree(n)),  # of them, those with a line drawn (the rest built on no one)
        "edge_count": drawn,
        "connections": connections,
        "backbone": BACKBONE_WORDS,  # which lines a busy map draws, for the words under it
        # A phone's drawing folded to one screen: how many people and lines it draws (its own caption and
        # note say so, site.css shows them while that drawing shows).
        "phone_people": sum(1 for n in drawings[0][1]["nodes"] if n["id"] != "more:people") if folded else 0,
        "phone_lines": len(drawings[0][1]["edges"]) if folded else 0,
        # whether someone in no group is drawn (hollow, drawing.community_class): the caption says so only then
        "hollow_phone": folded and any(n.get("cls") == "community-none" for n in drawings[0][1]["nodes"]),
        "hollow": any(n.get("cls") == "community-none" for n in wide["nodes"]),
        # the filters offer every kind the connections drawn have (conversations.html), each a checkbox
        "filter_kinds": [{"value": k, "kind": _key_kind(k), "label": PEOPLE_LEGEND[_key_kind(k)]} for k in kinds],
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
        "defs": render_defs(arrow_kinds([phone, wide]), arrow_size([phone, wide])),
        "legend": people_legend([phone, wide]),
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
