"""The maps as built: every map's SVG parsed from real builds (the sample site and a site imported
from real archives), and the people-map layout at a thousand people.

Checks (issue 8): every node is a link whose target exists, with an accessible name (its aria-label,
or its own <title> when that names it) and a <title>; every label is present; no two labels' boxes
overlap; every node lies within the viewBox.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import posixpath
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest
from conftest import soup_of
from conversation_map import analysis
from conversation_map.drawing import (
    DENSE,
    MIN_DIST,
    NAME_EVERYONE,
    NAMED_ANYWAY,
    empty_fraction,
    people_drawing,
)
from conversation_map.layout import sample_path, segment_hits_box, text_width
from sitebuild import REPO

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _shape_box(shape) -> tuple[float, float, float, float]:
    if shape.name == "circle":
        x, y, r = (float(shape[k]) for k in ("cx", "cy", "r"))
        return (x - r, y - r, x + r, y + r)
    if shape.name == "rect":
        x, y, w, h = (float(shape[k]) for k in ("x", "y", "width", "height"))
        return (x, y, x + w, y + h)
    nums = [float(n) for n in NUMBER.findall(shape["d"])]
    xs, ys = nums[0::2], nums[1::2]
    return (min(xs), min(ys), max(xs), max(ys))


def _edge_gap(box, circle) -> float:
    """How far a circle's edge is from a box."""
    x, y, r = (float(circle[k]) for k in ("cx", "cy", "r"))
    dx, dy = max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5 - r


def _label_box(text) -> tuple[float, float, float, float]:
    x, y = float(text["x"]), float(text["y"])
    w = text_width(text.get_text(), 13)
    left = {"start": x, "end": x - w, "middle": x - w / 2}[text.get("text-anchor", "start")]
    return (left, y - 13 * 0.95, left + w, y + 13 * 0.35)


def _target_exists(output: Path, page: Path, href: str) -> bool:
    if href.startswith(("http://", "https://")):
        return True
    parts = urlsplit(href)
    if parts.path:
        folder = posixpath.dirname(page.relative_to(output).as_posix())
        path = posixpath.normpath(posixpath.join(folder, parts.path))
        target = output / path
        target = target / "index.html" if href.split("#")[0].endswith("/") else target
    else:
        target = page
    if not target.is_file():
        return False
    return not parts.fragment or soup_of(target).find(id=parts.fragment) is not None


def check_maps(output: Path, page: Path) -> int:
    """Every map SVG on ``page``: links, names, titles, labels, viewBox. Returns the node count."""
    soup = soup_of(page)
    svgs = soup.select("svg.map-svg")
    assert svgs, f"{page}: no map SVG"
    count = 0
    for svg in svgs:
        x0, y0, width, height = (float(n) for n in svg["viewbox"].split())
        assert (x0, y0) == (0, 0) and float(svg["width"]) == width and float(svg["height"]) == height
        assert svg["role"] == "group" and len(svg["aria-label"]) > 20
        labels = []
        nodes = svg.select("a.map-node")
        assert nodes, f"{page}: a map without nodes"
        for a in nodes:
            # details: the node's own <title>, or the widest drawing's, which it points at
            title = a.title or soup.find("title", id=a.get("aria-describedby"))
            assert title is not None and title.get_text().strip(), (page, a)
            # its accessible name: aria-label, or else its own <title> (a reply's "Name, date" and
            # opening words, a person's name and counts), or else its label when that is the whole
            # name, the first line of the details it points at
            label = a.select_one("text.label")
            if a.has_attr("aria-label"):
                name = a["aria-label"].strip()
            elif a.title is not None:
                name = a.title.get_text().strip()
            else:
                name = label.get_text() if label is not None else ""
                assert name and name == title.get_text().split("\n")[0], (page, a)
            assert name, (page, a)
            assert _target_exists(output, page, a["href"]), (page, a["href"])
            if a["href"].startswith("http"):
                assert a.get("rel") == ["nofollow", "ugc"], a
            shape = a.select_one(".node")
            left, top, right, bottom = _shape_box(shape)
            assert left >= 0 and top >= 0 and right <= width and bottom <= height, (page, a["data-node"])
            label = a.select_one("text.label")
            if label is not None:
                shown = label.get_text()
                assert shown, (page, a)
                # A shortened label is the start of the node's name (the name is never lost); a reply's
                # row keeps its date ("Pascal W…, 23 Dec 2019" of "Pascal Widdershoven, 23 December 2019").
                head, comma, when = shown.rpartition(", ")
                if not (comma and when[:1].isdigit()):
                    head, when = shown, ""
                assert head.rstrip("…").rstrip() in name and all(w in name for w in when.split()), (shown, name)
                box = _label_box(label)
                assert box[0] >= -0.5 and box[2] <= width + 0.5, (page, shown, box, width)
                labels.append((shown, box, "label--over-lines" in label["class"]))
            box_text = a.select_one("text.box-text")
            if box_text is not None:
                assert box_text.get_text(" ", strip=True), (page, a)
                bold = "box-text--post" in box_text["class"]
                for line in box_text.select("tspan") or [box_text]:
                    width_of = text_width(line.get_text(), 14 if bold else 13, bold)
                    assert width_of <= (right - left) - 16, (page, line.get_text())
        for i, (text_a, a, _) in enumerate(labels):
            for text_b, b, _ in labels[i + 1:]:
                assert not _boxes_overlap(a, b), (page, text_a, text_b)
        # On the site's people map a name is plainly its own person's: no other dot is nearer to it
        # (names on a halo over others excepted: they sit right by their own dot). A person map's
        # ring sets each name level with its dot instead.
        circles = [(a["data-node"], a.select_one("circle.node")) for a in nodes if a.select_one("circle.node")]
        for a in (nodes if svg.find_parent(id="people-map") else []):
            label, own = a.select_one("text.label"), a.select_one("circle.node")
            if label is None or own is None or "label--over-lines" in label["class"]:
                continue
            box = _label_box(label)
            mine = _edge_gap(box, own)
            assert all(_edge_gap(box, c) >= mine - 1 for n, c in circles if n != a["data-node"]), \
                (page, label.get_text())
        # No dot is drawn over a name: a name over someone else's dot is drawn after that dot.
        dots = [(i, _shape_box(a.select_one(".node"))) for i, a in enumerate(nodes) if a.select_one("circle.node")]
        for i, a in enumerate(nodes):
            label = a.select_one("text.label")
            if label is not None:
                inner = _label_box(label)
                inner = (inner[0] + 1, inner[1] + 1, inner[2] - 1, inner[3] - 1)
                under = [j for j, box in dots if j != i and _boxes_overlap(inner, box)]
                assert all(j < i for j in under), (page, label.get_text(), under)
        # No line runs through a name (every edge path, curves sampled, against every label's letters:
        # its box inset by 2 px; a line may graze the halo around the text), except the names marked
        # as over lines, with a wider halo: on a people map, at most the NAMED_ANYWAY most connected
        # people, whose every side is crossed (on a map of NAME_EVERYONE people or fewer, anyone; on
        # a dense map of thin lines, any name).
        paths = svg.select("g.edge path")
        segments = [seg for path in paths for seg in sample_path(path["d"], steps=16)]
        over = [shown for shown, _, marked in labels if marked]
        assert len(over) <= NAMED_ANYWAY or len(nodes) <= NAME_EVERYONE + 1 or len(paths) > DENSE, (page, over)
        for shown, (bx0, by0, bx1, by1), marked in labels:
            inner = (bx0 + 2, by0 + 2.5, bx1 - 2, by1 - 2.5)
            crossing = [seg for seg in segments if segment_hits_box(seg, inner)]
            assert marked or not crossing, (page, shown, crossing[:2])
        count += len(nodes)
    return count


def test_every_map_of_the_sample_site(sample_site):
    pages = [*sample_site.glob("posts/*/index.html"), sample_site / "conversations" / "index.html",
             *sample_site.glob("people/*/index.html")]
    checked = [p for p in pages if soup_of(p).select_one("svg.map-svg") is not None]
    assert len(checked) >= 5 + 1 + 6  # every post, the site map, every reader's page
    assert sum(check_maps(sample_site, p) for p in checked) > 50
    # The site's author builds on no reader here: their page says so instead of drawing one dot.
    author = soup_of(sample_site / "people" / "mira-okafor" / "index.html")
    assert author.select_one("svg.map-svg") is None
    assert "No map here: the maps show readers building on one another" in author.get_text()


def phone_svg(page):
    """An article map's drawing for a phone: its narrowest (one drawing serves both screens
    unless the thread is longer than a phone's screen)."""
    return min(page.select("#conversation-map svg.map-svg"), key=lambda svg: float(svg["width"]))


def test_article_map_shape_on_the_sample(sample_site):
    page = soup_of(sample_site / "posts" / "feedback-that-lands" / "index.html")
    # 12 replies fit a phone's screen: one drawing, 340 px wide, for every screen (issue 7, "Weight")
    assert [float(s["width"]) for s in page.select("#conversation-map svg.map-svg")] == [340]
    svg = page.select_one("#conversation-map svg[data-explore]")
    nodes = [a["data-node"] for a in svg.select("a.map-node")]
    assert nodes[0] == "post:feedback-that-lands"
    assert sum(n.startswith("reply:") for n in nodes) == 12 and not any(n.startswith("person:") for n in nodes)
    assert svg.select_one('a[data-node="reply:feedback-that-lands/sam-2"]')["href"] == "#reply-sam-2"
    # Replies by one person share a colour; no "wrote" lines, the crossing links are bold.
    colours = {a["data-node"]: a.select_one(".node")["class"][1] for a in svg.select("a.map-node")[1:]}
    assert colours["reply:feedback-that-lands/sam-1"] == colours["reply:feedback-that-lands/sam-2"]
    assert colours["reply:feedback-that-lands/sam-1"] != colours["reply:feedback-that-lands/helen-1"]
    kinds = {tuple(g["class"]) for g in svg.select("g.edge")}  # lines alike share a group's class
    assert ("edge", "edge--reply") in kinds and ("edge", "edge--mention", "edge--bold") in kinds
    assert not svg.select(".edge--authored")
    # The same map, without JavaScript: nothing on the page waits for a script to show it.
    assert page.select_one(".map-fallback") is None
    assert page.select_one(".map-toolbar").has_attr("hidden") and page.select_one(".map-details").has_attr("hidden")


def test_people_map_controls_wait_for_the_script(sample_site):
    page = soup_of(sample_site / "conversations" / "index.html")
    assert page.select_one("#people-map-controls").has_attr("hidden")
    # the six readers (the host, who built on no reader, is counted apart)
    assert all(len(svg.select("a.map-node")) == 6 for svg in page.select("#people-map svg.map-svg"))
    assert page.select_one(".map-cap") is None  # 6 people: under the cap
    assert not list(sample_site.rglob("vis-network.css"))  # the explore layer needs none of its 220 KB


@pytest.mark.real_fixtures
def test_every_map_of_a_site_imported_from_real_archives(real_map_site):
    pages = [p for p in [*real_map_site.glob("posts/*/index.html"),
                         real_map_site / "conversations" / "index.html",
                         *real_map_site.glob("people/*/index.html")]
             if soup_of(p).select_one("svg.map-svg") is not None]
    assert len(pages) >= 9 + 1 + 4  # the posts with replies, the site map, the readers connected to others
    for page in pages:
        check_maps(real_map_site, page)
    deep = soup_of(real_map_site / "posts" / "template-comments" / "index.html")
    svg = phone_svg(deep)
    assert svg.select_one('a[data-node="reply:template-comments/wp-915"]')["href"] == "#reply-wp-915"
    assert float(svg["width"]) <= 340  # ten levels deep, still inside a phone's width at 13 px
    # A phone's people map folded to one screen: its caption says how many it draws (it spoke only
    # of the whole map, which a phone reader does not see).
    site = soup_of(real_map_site / "conversations" / "index.html")
    narrow = site.select_one("#people-map svg.map-svg--narrow")
    people = len(narrow.select('a.map-node:not([data-node="more:people"])'))
    assert narrow.select_one('a[data-node="more:people"]') is not None
    caption = " ".join(site.select_one("#people-map-caption .caption-narrow").get_text().split())
    lines = len(narrow.select("g.edges path"))
    # not "the most connected": a phone's map grows from the most connected person by the strongest ties
    assert f"the map shows {people} people and {lines} of the strongest" in caption, caption
    assert "the most connected, and those most strongly tied to them" in caption
    # and none of them drawn alone, as if they built on nobody: each meets a line (its ties kept with it)
    ends = []
    for path in narrow.select("g.edges path"):
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path["d"])]
        ends += [(numbers[0], numbers[1]), (numbers[-2], numbers[-1])]
    for node in narrow.select('a.map-node:not([data-node="more:people"])'):
        dot = node.select_one("circle")
        x, y, r = float(dot["cx"]), float(dot["cy"]), float(dot["r"])
        assert any(math.hypot(ex - x, ey - y) <= r + 4 for ex, ey in ends), node["data-node"]


def check_people_map_fills_and_names(output: Path) -> dict:
    """The site's people map as a desktop reader sees it (its widest drawing): the people and
    their names spread over the frame, and every connected person named (names go down the
    ranking by connections)."""
    from conversation_map.layout import text_width

    page = soup_of(output / "conversations" / "index.html")
    svg = max(page.select("#people-map svg.map-svg"), key=lambda s: float(s["width"]))
    width, height = float(svg["width"]), float(svg["height"])
    assert width == 1100  # a small map is spread over the desktop frame, not drawn 680 wide in it
    pos = {c.parent["data-node"]: (float(c["cx"]), float(c["cy"])) for c in svg.select("a.map-node circle.node")}
    xs = [x for x, _ in pos.values()]
    for text in svg.select("a.map-node text.label"):
        w, x = text_width(text.get_text(), 13), float(text["x"])
        xs += {"end": [x - w], "middle": [x - w / 2, x + w / 2]}.get(text.get("text-anchor"), [x + w])
    span = (max(xs) - min(xs)) / width
    empty = empty_fraction(pos, width, height)
    source = page.select_one("#people-map svg[data-explore]")  # the explore view's nodes and lines
    ids = [a["data-node"] for a in source.select("a.map-node")]
    degree = dict.fromkeys(ids, 0)
    for e in source.select("path[data-from]"):
        weight = sum(int(n) for n in e.get("data-n", "1").split())  # none: once
        degree[ids[int(e["data-from"])]] += weight
        degree[ids[int(e["data-to"])]] += weight
    named = {a["data-node"] for a in svg.select("a.map-node") if a.select_one("text.label") is not None}
    unnamed = [n for n, d in degree.items() if d and n not in named]
    assert not unnamed, (output, unnamed)
    return {"span": span, "empty": empty}


def test_the_sample_people_map_fills_its_frame_and_names_everyone_connected(sample_site):
    m = check_people_map_fills_and_names(sample_site)
    print(f"\nsample people map: people across {m['span']:.0%} of the width, {m['empty']:.0%} of the frame empty")
    assert m["span"] >= 0.85 and m["empty"] <= 0.5  # was 46% of a 680-px drawing shown in a 1188-px box


@pytest.mark.real_fixtures
def test_the_real_people_map_fills_its_frame_and_names_everyone_connected(real_map_site):
    m = check_people_map_fills_and_names(real_map_site)
    assert m["span"] >= 0.85 and m["empty"] <= 0.45
    # The phone's drawing (20 people or fewer) names everyone.
    phone = min(soup_of(real_map_site / "conversations" / "index.html").select("#people-map svg.map-svg"),
                key=lambda svg: float(svg["width"]))
    people = [a for a in phone.select("a.map-node") if a["data-node"].startswith("person:")]
    assert float(phone["width"]) == 340 and len(people) <= NAME_EVERYONE
    assert all(a.select_one("text.label") is not None for a in people), [a["data-node"] for a in people]


def check_phone_heights(output: Path) -> float:
    """Every map's phone drawing (340 px wide) is at most one 390x844 screen tall; returns the tallest."""
    tallest = 0.0
    for page in [*output.glob("posts/*/index.html"), output / "conversations" / "index.html",
                 *output.glob("people/*/index.html")]:
        for svg in soup_of(page).select("svg.map-svg"):
            if float(svg["width"]) <= 340:
                tallest = max(tallest, float(svg["height"]))
                assert float(svg["height"]) <= 844, (page, svg["height"])
    return tallest


def test_phone_maps_are_at_most_a_screen_tall(sample_site):
    assert check_phone_heights(sample_site) > 0


@pytest.mark.real_fixtures
def test_phone_maps_of_real_archives_fold_to_a_screen_and_keep_names_whole(real_map_site):
    check_phone_heights(real_map_site)  # were 1,627 px (people, review build) and 1,483 px (an article)
    deep = phone_svg(soup_of(real_map_site / "posts" / "template-comments" / "index.html"))
    shown = [t.get_text() for t in deep.select("text.label")]
    # every row says who and when: a name too long for its row is shortened, the date kept (with its year
    # where that is not the post's)
    assert "Theme Buster, 14 Mar 2013" in shown, shown
    # and with no line across the tree, its gutter gives way to the rows: ten deep, every name is whole
    assert len(shown) == 19 and not [t for t in shown if "…" in t], shown
    assert all(re.search(r", \d{1,2} [A-Z][a-z]{2}( \d{4})?$", t) for t in shown if t[:1] != "+"), shown


def test_a_big_people_map_folds_into_more_on_a_phone(monkeypatch):
    from bs4 import BeautifulSoup
    from conversation_map import maps
    from conversation_map.maps import people_map

    drawn = []  # the widths of every drawing made (the real function, counted)
    real = maps.people_drawing
    monkeypatch.setattr(maps, "people_drawing", lambda *a, **k: drawn.append(k["width"]) or real(*a, **k))
    P = _synthetic_people(200, 8, seed=3)
    groups = analysis.communities(P, seed=7)
    settings = {"CONVERSATION_MAP_MAX_PEOPLE": 300, "CONVERSATION_MAP_MAX_LINES": 600, "CONVERSATION_MAP_SEED": 7,
                "RELATIVE_URLS": True}
    m = people_map(P, groups, settings, save_as="conversations/index.html", map_id="people-map", what="People")
    assert drawn.count(340) <= 3 and len(drawn) <= 5  # the phone's people estimated, not bisected (was 9 + 2)
    narrow = BeautifulSoup(str(m["svgs"][0]["svg"]), "html.parser").svg
    assert float(narrow["width"]) == 340 and float(narrow["height"]) <= 844
    assert float(narrow["height"]) >= 0.6 * 844  # as many people as fit, not a half-empty screen
    more = narrow.select_one('a[data-node="more:people"]')
    count = int(re.fullmatch(r"\+(\d+) more people", more.select_one("text.label").get_text())[1])
    assert count + len(narrow.select("a.map-node")) - 1 == 200  # everyone drawn or counted
    assert more["href"] == "../conversations/#groups-title"
    wide = BeautifulSoup(str(m["svgs"][-1]["svg"]), "html.parser").svg
    assert len(wide.select("a.map-node")) == 200  # the desktop map still shows everyone
    assert wide.has_attr("data-explore") and not narrow.has_attr("data-explore")  # the explore view reads it
    from conversation_map.drawing import backbone_ties  # more lines than can be followed: the backbone
    assert len(wide.select("path[data-from]")) == len(backbone_ties(P, groups)) < P.number_of_edges()


def test_a_writer_wears_one_colour_on_the_phone_and_the_desktop_map(site):
    """The phone's drawing folds more than the desktop's: it must not give its writers other colours
    than the key (which is the whole thread's)."""
    site.post("p")
    for i in range(1, 25):  # deep and long: the phone folds the later branches, the desktop shows them
        site.reply("p", f"r{i}", f"Answer {i}.", Author=f"Person {i % 13}", Reply_To=f"r{i - 1}" if i % 4 else None,
                   Date=f"2026-01-02 10:{i:02d}")
    site.build()
    page = soup_of(site.output / "posts" / "p" / "index.html")
    svgs = page.select("#conversation-map svg.map-svg")
    assert len(svgs) == 2, "this thread needs a phone's drawing and a desktop's"

    def styles(svg) -> dict:
        return {a["data-node"]: (a.select_one("text.label").get_text().split(",")[0],
                                 [c for c in a.select_one(".node")["class"] if c.startswith("who-")],
                                 a.select_one(".node").name)
                for a in svg.select("a.map-node") if a["data-node"].startswith("reply:")}

    narrow, wide = sorted(svgs, key=lambda svg: float(svg["width"]))
    on_phone, on_desktop = styles(narrow), styles(wide)
    assert len(on_phone) < len(on_desktop)
    assert {n: on_desktop[n] for n in on_phone} == on_phone
    # and the key says the same: each writer's mark has the colour their replies wear in both drawings (the
    # post's author, who wrote no reply here, is marked as the post's box)
    key = {li.a.get_text() if li.a else li.get_text(" ", strip=True).rsplit(" ", 2)[0]:
           [c for c in li.i["class"] if c.startswith("who-")] for li in page.select(".map-key li") if li.i}
    for writer, colour, _ in on_desktop.values():
        assert key[writer] == colour, (writer, key[writer], colour)


def test_a_reader_wears_the_same_colour_on_every_post_s_map(site):
    """Each map gave its readers colours in the order they first wrote there: Priya was olive on one post
    and pink on the next, where Helen wore olive, and a reader who learnt "pink is Jonas" was misled. A
    reader keeps one colour and shape on every map (the site's busiest first), unless another reader of
    that conversation already wears it."""
    site.post("first", title="First")
    site.post("second", title="Second")
    for i, who in enumerate(["Priya Raman", "Jonas Weber", "Helen Achterberg"]):
        site.reply("first", f"a{i}", "On the first.", Author=who, Date=f"2026-01-02 10:0{i}")
    for i, who in enumerate(["Helen Achterberg", "Jonas Weber", "Priya Raman", "Priya Raman"]):
        site.reply("second", f"b{i}", "On the second.", Author=who, Date=f"2026-01-03 10:0{i}")
    site.build()

    def marks(slug: str) -> dict:
        page = soup_of(site.output / "posts" / slug / "index.html")
        out = {}
        for a in page.select("#conversation-map svg[data-explore] a.map-node"):
            node = a.select_one(".node")
            who = [c for c in node["class"] if c.startswith("who-")]
            if a["data-node"].startswith("reply:") and who:
                out[a.select_one("text.label").get_text().split(",")[0]] = (who[0], node.name)
        return out

    first, second = marks("first"), marks("second")
    assert set(first) == set(second) == {"Priya Raman", "Jonas Weber", "Helen Achterberg"}
    assert first == second, (first, second)
    assert len(set(first.values())) == 3 and ("who-0", "circle") not in first.values()


def test_readers_of_one_conversation_wear_different_colours_while_colours_are_free(site):
    """A reader keeps one colour on every map, from their place among the site's readers; on a real archive
    three readers of one thread, ninth, eighteenth and twenty-seventh, all wore magenta, told apart only by a
    7-px shape, while three colours went unused. A colour another reader of the conversation wears is left
    for a free one."""
    site.post("busy", title="Busy")
    site.post("small", title="Small")
    for k in range(19):  # Reader 00 writes most, Reader 18 least: their places among the site's readers
        for j in range(20 - k):
            site.reply("busy", f"r{k}-{j}", "On the busy post.", Author=f"Reader {k:02d}",
                       Date=f"2026-01-02 {10 + j % 10}:{k:02d}")
    for i, k in enumerate((0, 9, 18)):
        site.reply("small", f"s{k}", "On the small one.", Author=f"Reader {k:02d}", Date=f"2026-01-03 10:0{i}")
    site.build()
    page = soup_of(site.output / "posts" / "small" / "index.html")
    colours = {a.select_one("text.label").get_text().split(",")[0]:
               next(c for c in a.select_one(".node")["class"] if c.startswith("who-"))
               for a in page.select("#conversation-map svg[data-explore] a.map-node")
               if a["data-node"].startswith("reply:")}
    assert len(colours) == 3 and len(set(colours.values())) == 3, colours


def test_the_key_marks_an_author_who_wrote_only_the_post_as_the_post_is_drawn(site):
    """The key gave "Mikhail Bulgakov wrote the post" an indigo dot, which no mark on the map wore: the post
    is a box, and he wrote no reply. An author who wrote only the post is marked in the key as the post's
    box; one who answered too keeps their colour's mark."""
    site.post("quiet", title="Quiet")
    site.reply("quiet", "a", "A reader's note.", Author="Ada Park")
    site.post("talky", title="Talky")
    site.reply("talky", "a", "A reader's note.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("talky", "m", "Thank you, Ada.", Author="Mira Okafor", Reply_To="a", Date="2026-01-02 11:00")
    site.build()
    for slug, boxed in (("quiet", True), ("talky", False)):
        key = {li.a.get_text() if li.a else li.get_text(" ", strip=True): li
               for li in soup_of(site.output / "posts" / slug / "index.html").select(".map-key li")}
        mira = key["Mira Okafor"]
        assert (mira.select_one("rect.node--post") is not None) == boxed, (slug, mira)
        assert (mira.select_one("i.key-mark") is None) == boxed, (slug, mira)
        assert key["Ada Park"].select_one("i.key-mark.who-1, i.key-mark[class*='who-']") is not None


def test_no_reader_wears_the_post_author_s_colour(site):
    """Past ten writers the colours came round again: the eleventh reader wore the post author's colour (as
    a square), and a reader took for the author's what was not. The author's colour is theirs alone; the
    readers go round the other nine, each round in another shape."""
    site.post("p")  # by Mira Okafor
    for i in range(1, 23):
        site.reply("p", f"r{i}", f"Answer {i}.", Author=f"Reader {i}", Date=f"2026-01-02 10:{i:02d}")
    site.reply("p", "m", "Thanks, all.", Author="Mira Okafor", Reply_To="r3", Date="2026-01-02 11:00")
    site.build()
    page = soup_of(site.output / "posts" / "p" / "index.html")
    marks = {}
    for a in page.select("#conversation-map svg[data-explore] a.map-node"):
        node = a.select_one(".node")
        who = [c for c in node["class"] if c.startswith("who-")]
        if a["data-node"].startswith("reply:") and who:
            marks[a["data-node"].split("/")[-1]] = (who[0], node.name)
    author = marks.pop("m")
    assert author == ("who-0", "circle")
    assert all(colour != "who-0" for colour, _ in marks.values()), marks
    assert len(set(marks.values())) == len(marks) == 22  # every reader told apart by colour and shape


def test_the_key_says_whose_replies_a_phone_s_drawing_folds_away(site):
    """The key is the whole thread's: on a phone it named a writer whose every reply was folded into the
    "more" links, and a reader looked for their colour in vain. Such a writer's key says so, on the
    drawing that folds them only."""
    site.post("p")
    for i in range(1, 31):
        site.reply("p", f"r{i}", f"Answer {i}.", Author="Late Writer" if i > 27 else f"Person {i % 5}",
                   Date=f"2026-01-02 10:{i:02d}")
    site.build()
    page = soup_of(site.output / "posts" / "p" / "index.html")
    svgs = page.select("#conversation-map svg.map-svg")
    assert len(svgs) == 2
    narrow = min(svgs, key=lambda svg: float(svg["width"]))
    on_phone = {a.select_one("text.label").get_text().split(",")[0] for a in narrow.select("a.map-node")
                if a["data-node"].startswith("reply:")}
    assert "Late Writer" not in on_phone and "Person 1" in on_phone
    key = {li.a.get_text() if li.a else li.get_text(" ", strip=True).split(" wrote")[0]: li
           for li in page.select(".map-key li")}
    late = key["Late Writer"].select_one(".caption-narrow")
    assert late is not None and "folded into “more” links" in late.get_text()
    assert key["Person 1"].select_one(".caption-narrow") is None


def test_a_phone_s_drawing_of_a_busy_post_keeps_its_author_s_answers_in_sight(site):
    """A real post with 45 comments, most answered by its author: a phone's drawing folded every answer
    under its comment ("jeuys, +2 more") to list more comments, and showed none of the author's 11 replies.
    It shows the conversation's beginning whole, the author's answers in it, and folds the later comments."""
    site.post("p")
    for i in range(1, 16):
        site.reply("p", f"c{i}", f"Comment {i}.", Author=f"Reader {i}", Date=f"2026-01-02 10:{i:02d}")
        site.reply("p", f"a{i}", f"Thanks, reader {i}.", Author="Mira Okafor", Reply_To=f"c{i}",
                   Date=f"2026-01-02 11:{i:02d}")
        if i % 3 == 0:
            site.reply("p", f"b{i}", "And another thing.", Author=f"Reader {i}", Reply_To=f"a{i}",
                       Date=f"2026-01-02 12:{i:02d}")
    site.build()
    page = soup_of(site.output / "posts" / "p" / "index.html")
    phone = phone_svg(page)
    drawn = [a["data-node"].split("/")[-1] for a in phone.select("a.map-node") if a["data-node"].startswith("reply:")]
    answers = [n for n in drawn if n.startswith("a")]
    assert len(answers) >= 6 and drawn[:4] == ["c1", "a1", "c2", "a2"], drawn
    more = phone.select('a[data-node^="more:"]')
    assert len(more) == 1 and more[0]["data-node"] == f"more:reply:p/c{len(answers) + 1}", (drawn, more)
    assert len(drawn) + 2 <= 21  # the post, the replies, one "more": a phone's screen


def test_a_long_thread_folds_into_more_links(site):
    site.post("p")
    for i in range(1, 31):
        site.reply("p", f"r{i}", f"Answer {i}.", Author=f"Person {i % 7}", Reply_To=f"r{i - 1}" if i > 1 else None,
                   Date=f"2026-01-02 10:{i:02d}")
    for i in range(1, 6):
        site.reply("p", f"t{i}", "Top.", Author="Ada Park", Date=f"2026-01-03 10:{i:02d}")
    site.build(CONVERSATION_MAP_MAX_ROWS=20, CONVERSATION_MAP_MAX_DEPTH=8)
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    svg = phone_svg(soup_of(page))
    more = svg.select('a[data-node^="more:"]')
    assert more and all(a.select_one("text.label").get_text().startswith("+") for a in more)
    assert len(svg.select("a.map-node")) <= 21
    assert more[0]["href"].startswith("#reply-r")
    assert "folded" in soup_of(page).select_one("#conversation-map-caption").get_text()


def test_a_thread_longer_than_a_phone_gets_a_wider_drawing_too(site):
    """Past a phone's screen of rows the phone's drawing folds and wider screens get a second,
    680 px drawing with every reply; the phone's points at its details instead of repeating them."""
    site.post("p")
    for i in range(1, 36):
        site.reply("p", f"r{i}", f"Answer {i}.", Author=f"Person {i % 7}", Reply_To=f"r{i - 5}" if i > 5 else None,
                   Date=f"2026-01-02 10:{i:02d}")
    site.build()
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    soup = soup_of(page)
    phone, wide = soup.select("#conversation-map svg.map-svg")
    assert "map-svg--narrow" in phone["class"] and "map-svg--wide" in wide["class"]
    assert (float(phone["width"]), float(wide["width"])) == (340, 680) and float(phone["height"]) <= 844
    assert phone.select('a[data-node^="more:"]') and not wide.select('a[data-node^="more:"]')
    assert sum(a["data-node"].startswith("reply:") for a in wide.select("a.map-node")) == 35
    assert wide.has_attr("data-explore") and not phone.has_attr("data-explore")
    for a in phone.select('a.map-node[data-node^="reply:"]'):
        shared = soup.find(id=a.get("aria-describedby"))
        assert a.select_one("title") is None and shared.name == "title" and a["aria-label"], a
        assert shared.find_parent("a")["data-node"] == a["data-node"]
        assert not shared.find_parent("a").has_attr("aria-label")  # named by that title there


def test_a_name_a_phone_cuts_is_whole_in_the_wider_drawing(site):
    """A name too long for a phone's 340 px frame is cut there ("…"), and a wider column gets a
    680 px drawing that shows it whole (a reviewer saw "John Γιάννης Doe Κάπ…" in a 720 px
    column); a thread of short names keeps its one drawing."""
    long_name = "Konstantina Papadopoulou-Richtenberg von Alvensleben"
    site.post("p")
    site.reply("p", "a", "First.", Author="Ada", Date="2026-01-02 10:00")
    site.reply("p", "b", "Second.", Author=long_name, Reply_To="a", Date="2026-01-02 11:00")
    site.post("q", title="Short names")
    site.reply("q", "c", "Third.", Author="Ben", Date="2026-01-02 12:00")
    site.build()
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    phone, wide = soup_of(page).select("#conversation-map svg.map-svg")
    assert (float(phone["width"]), float(wide["width"])) == (340, 680)

    def label(svg):
        return svg.select_one('a[data-node="reply:p/b"] text.label').get_text()

    assert label(phone).endswith(", 2 Jan") and "…" in label(phone)
    assert label(wide) == f"{long_name}, 2 Jan"
    assert wide.has_attr("data-explore") and not phone.has_attr("data-explore")
    short = soup_of(site.output / "posts" / "q" / "index.html")
    assert [float(s["width"]) for s in short.select("#conversation-map svg.map-svg")] == [340]


def test_the_key_marks_what_only_the_wider_drawing_shows(site):
    """A phone's drawing folds sooner; a quote among the folded replies is drawn only on wider
    screens, so its key entry is marked for them alone (site.css hides it while the phone's drawing
    shows; a reviewer saw "quotes" in the key of a map that drew none)."""
    said = "Notes written on the same day are worth twice what I write a week later."
    site.post("p")
    for i in range(1, 36):
        body = f"> {said}\n\nYes." if i == 33 else (said if i == 28 else f"Answer {i}.")  # both folded on a phone
        site.reply("p", f"r{i}", body, Author=f"Person {i % 7}", Reply_To=f"r{i - 5}" if i > 5 else None,
                   Date=f"2026-01-02 10:{i:02d}")
    site.build()
    soup = soup_of(site.output / "posts" / "p" / "index.html")
    phone, wide = soup.select("#conversation-map svg.map-svg")
    assert not phone.select("g.edge--quote") and wide.select("g.edge--quote")
    entries = {li.select_one("path")["class"][1]: li.get("class", []) for li in soup.select(".map-legend li")}
    assert entries["edge--quote"] == ["legend-wide"] and entries["edge--reply"] == []
    css = (site.output / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert ('@container (max-width: 681.98px) {\n  .map-figure:not(:has(.network-map[data-exploring="1"])) '
            '.map-legend .legend-wide { display: none; }\n}') in css


def test_the_people_cap_is_stated_under_the_map(site):
    site.post("p")
    for i in range(12):  # a chain: each reader answers the one before
        site.reply("p", f"r{i}", "I agree.", Author=f"Person {i:02d}", Reply_To=f"r{i - 1}" if i else None,
                   Date=f"2026-01-02 10:{i:02d}")
    site.build(CONVERSATION_MAP_MAX_PEOPLE=5)
    page = soup_of(site.output / "conversations" / "index.html")
    assert len(page.select("#people-map svg.map-svg")[0].select("a.map-node")) == 5
    assert "5 most connected of 12 people" in page.select_one(".map-cap").get_text()  # the host counted apart


def _synthetic_people(n: int, groups: int, seed: int) -> nx.DiGraph:
    rng = random.Random(seed)
    P = nx.DiGraph()
    names = ["Okafor", "Lindqvist", "Achterberg", "Raman", "Herrera", "Weber", "Park", "Oduya"]
    for i in range(n):
        P.add_node(f"person:p{i:04d}", label=f"{names[i % 8]} {i}", url=f"people/p{i:04d}/")
    members = [[f"person:p{i:04d}" for i in range(n) if i % groups == g] for g in range(groups)]
    for i in range(n * 2):
        a = f"person:p{rng.randrange(n):04d}"
        pool = members[int(a[-4:]) % groups] if rng.random() < 0.9 else list(P.nodes)
        b = rng.choice(pool)
        if a != b:
            P.add_edge(a, b, weight=1 + i % 3, reply=1, quote=0, mention=0, link=0, posts={"p": 1})
    return P


def test_a_thousand_people_in_thirty_communities(record_property):
    P = _synthetic_people(1000, 30, seed=3)
    groups = analysis.communities(P, seed=7)
    assert 20 <= len(set(groups.values())) <= 40
    for width in (1100, 340):
        d = people_drawing(P, groups, width=width, seed=7, link=lambda u: "/" + u, max_labels=120)
        pos = d["positions"]
        assert len(d["nodes"]) == 1000 and d["labelled"] >= 30
        # Names for the most connected: every named person is among the 120 most connected, or the most
        # connected of their group.
        degree = {n: P.in_degree(n, weight="weight") + P.out_degree(n, weight="weight") for n in P}
        ranked = sorted(P, key=lambda n: (-degree[n], n))
        hubs = set(ranked[:NAMED_ANYWAY]) | {next(n for n in ranked if groups.get(n) == g)
                                            for g in set(groups.values())}
        assert {n["id"] for n in d["nodes"] if n["label"]} <= set(ranked[:120]) | hubs
        boxes = [n["label"][:4] for n in d["nodes"] if n["label"]]
        boxes = [(x, y, x + w, y + h) for x, y, w, h in boxes]
        for i, a in enumerate(boxes):
            assert a[0] >= 0 and a[2] <= d["width"] and a[1] >= 0 and a[3] <= d["height"]
            assert not any(_boxes_overlap(a, b) for b in boxes[i + 1:])
        # No dot is drawn over a name: a name over others' dots comes after them, never over a hub's; and
        # only a hub's name (the most connected, and each group's) goes over others' dots at all: anyone
        # else's there left it unclear whose name it was.
        dots = [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in d["nodes"]]
        for i, node in enumerate(d["nodes"]):
            if node["label"]:
                x, y, w, h = node["label"][:4]
                inner = (x + 1, y + 1, x + w - 1, y + h - 1)
                under = [j for j, box in enumerate(dots) if j != i and _boxes_overlap(inner, box)]
                assert all(j < i and d["nodes"][j]["id"] not in hubs for j in under), (node["id"], under)
                assert not under or node["id"] in hubs, (node["id"], under)
        # A minimum distance between people (checked on a grid, so linear).
        cell: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for x, y in pos.values():
            cell.setdefault((int(x // MIN_DIST), int(y // MIN_DIST)), []).append((x, y))
        close = 0
        for (i, j), points in cell.items():
            for x, y in points:
                for di in (-1, 0, 1):
                    for dj in (-1, 0, 1):
                        for ox, oy in cell.get((i + di, j + dj), ()):
                            if (ox, oy) != (x, y) and (ox - x) ** 2 + (oy - y) ** 2 < (MIN_DIST * 0.9) ** 2:
                                close += 1
        assert close == 0
        empty = empty_fraction(pos, d["width"], d["height"])
        record_property(f"empty_fraction_{width}", empty)
        print(f"\n1,000 people, frame {d['width']}x{d['height']:.0f}: {empty:.0%} of the frame empty "
              f"({d['labelled']} labelled)")
        assert empty < (0.35 if width == 1100 else 0.5)  # 0.245 and 0.454 as packed now


def test_folding_keeps_every_reply_reachable_and_the_map_short():
    from conversation_map.layout import fold_tree, outline_rows

    rng = random.Random(5)
    for trial in range(120):
        n = rng.randrange(2, 400)
        tree: dict[str, list[str]] = {"p": []}
        nodes = ["p"]
        for i in range(n):
            parent = rng.choice(nodes[-5:] if rng.random() < 0.6 else nodes)
            tree.setdefault(parent, []).append(f"r{i}")
            nodes.append(f"r{i}")
        max_rows, max_depth = rng.randrange(5, 80), rng.randrange(2, 14)
        keep = set(rng.sample(nodes[1:], rng.randrange(0, min(len(nodes) - 1, 12) + 1))) if trial % 2 else set()
        folded, more = fold_tree(tree, "p", max_rows=max_rows, max_depth=max_depth, keep=keep)
        rows = outline_rows(folded, "p")
        shown = [r for r, _ in rows if not r.startswith("more:")]
        hidden = [h for key in more for h in more[key]]
        assert sorted(shown + hidden) == sorted(nodes[1:]), trial  # each reply once: shown or folded
        assert {r for r, _ in rows if r.startswith("more:")} == set(more)
        assert max(d for _, d in rows) <= max_depth, trial
        assert len(rows) + 1 <= max(max_rows, len(tree["p"][:1]) + 2), (trial, len(rows), max_rows)


def test_names_and_titles_are_escaped_in_the_svg(site):
    site.post("p", title="A <b>bold</b> & “quoted” title")
    writer = "</svg><script>alert('a name long enough to be cut on a phone')</script>"
    site.reply("p", "x", "Hello <script>alert(1)</script> there.", Author=writer)
    site.build()
    raw = (site.output / "posts/p/index.html").read_text(encoding="utf-8")
    # The name is long enough that a phone's drawing cuts it and a wider one is drawn too: both are checked.
    svgs = [part.split("</svg>", 1)[0] for part in raw.split('<svg class="map-svg')[1:]]
    assert len(svgs) == 2
    for svg in svgs:
        assert "<script" not in svg and "</svg><" not in svg.split("</g>")[0]
    link = soup_of(site.output / "posts/p/index.html").select_one('svg[data-explore] a[data-node="reply:p/x"]')
    assert link.title.get_text().startswith(writer + ", ")  # its name, as text
    check_maps(site.output, site.output / "posts/p/index.html")


def _palette(css: str) -> tuple[dict, dict]:
    """The map colours of site.css: (light, dark) dicts of custom property -> hex."""
    light: dict[str, str] = {}
    dark: dict[str, str] = {}
    for block in re.finditer(r"(@media \(prefers-color-scheme: dark\) \{\s*)?:root \{([^}]*)\}", css):
        target = dark if block.group(1) else light
        target.update(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", block.group(2)))
    return light, dark


def _contrast(a: str, b: str) -> float:
    def lum(hex_colour: str) -> float:
        chans = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        chans = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * chans[0] + 0.7152 * chans[1] + 0.0722 * chans[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_map_colour_meets_three_to_one_in_both_schemes():
    from sitebuild import REPO

    light, dark = _palette((REPO / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8"))
    marks = [f"--who-{i}" for i in range(10)] + [f"--community-{i}" for i in range(8)] + [
        "--map-line", "--people-line", "--people-among", "--cross-line",
        "--map-post", "--map-person", "--map-source", "--focus",
        *(f"--edge-{k}" for k in ("reply", "quote", "mention", "link", "cites", "elsewhere"))]
    for scheme, colours in (("light", light), ("dark", {**light, **dark})):
        # a person's own lines stand out from the thin ones among the people round them
        assert _contrast(colours["--people-line"], colours["--people-among"]) >= 1.8, scheme
        # the bold lines across an article's thread stand apart from the thread's own (not by width alone)
        assert _contrast(colours["--cross-line"], colours["--map-line"]) >= 2.5, scheme
        for mark in marks:
            assert _contrast(colours[mark], colours["--card"]) >= 3, (scheme, mark, colours[mark])
        assert _contrast(colours["--fg"], colours["--card"]) >= 4.5, scheme
        assert _contrast(colours["--fg"], colours["--bg"]) >= 4.5, scheme  # the details panel


def _linear(hex_colour: str) -> list[float]:
    chans = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]


def _lab(linear: list[float]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear-light sRGB colour."""
    r, g, b = linear
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _deuteranopia(linear: list[float]) -> list[float]:
    """How a colour looks without green cones (Machado, Oliveira and Fernandes 2009, severity 1)."""
    m = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
    return [min(1.0, max(0.0, sum(row[i] * linear[i] for i in range(3)))) for row in m]


def _delta_e(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_l, d_c, d_h = l2 - l1, c2 - c1, 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_bar, c_bar = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_bar = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_bar = (h1 + h2) / 2
    else:
        h_bar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    r_t = (-math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
           * 2 * math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def test_delta_e_matches_published_pairs():
    # Two of the reference pairs in Sharma, Wu and Dalal (2005), table 1.
    assert _delta_e((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert _delta_e((50.0, 2.5, 0.0), (73.0, 25.0, -18.0)) == pytest.approx(27.1492, abs=1e-4)


def test_person_colours_stay_apart_in_both_schemes_and_without_green_cones():
    """A map's key tells its writers apart by colour: ten colours no two of which look alike, the
    busiest writers' (the first ones) furthest apart."""
    from sitebuild import REPO

    light, dark = _palette((REPO / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8"))
    for scheme, colours in (("light", light), ("dark", {**light, **dark})):
        who = [colours[f"--who-{i}"] for i in range(10)]
        seen = {"as is": [_lab(_linear(c)) for c in who],
                "deuteranopia": [_lab(_deuteranopia(_linear(c))) for c in who]}
        for how, floor, first_five in (("as is", 18, 24), ("deuteranopia", 9, 12)):
            labs = seen[how]
            closest = min((_delta_e(labs[i], labs[j]), who[i], who[j]) for i, j in itertools.combinations(range(10), 2))
            assert closest[0] >= floor, (scheme, how, closest)
            top = min(_delta_e(labs[i], labs[j]) for i, j in itertools.combinations(range(5), 2))
            assert top >= first_five, (scheme, how, top)
        # the people map's groups wear the first eight person colours
        assert [colours[f"--community-{i}"] for i in range(8)] == who[:8], scheme


def test_an_article_map_s_caption_names_only_the_lines_it_draws(site):
    site.post("first", "The first post.", date="2026-01-01 09:00")
    site.post("second", "A second post.", date="2026-01-05 09:00")
    site.post("third", "A third post.", date="2026-01-07 09:00")
    site.reply("third", "ada-1", "A thought nobody links to.", Author="Ada Park", Date="2026-01-08 10:00")
    site.reply("first", "ada-1", "An opening thought on practice and habit.", Author="Ada Park",
               Date="2026-01-02 10:00")
    site.reply("first", "ben-1", "I agree with that.", Author="Ben Ode", Reply_To="ada-1", Date="2026-01-03 10:00")
    site.reply("second", "cy-1", "See [the first post]({filename}/posts/first.md) on this.", Author="Cy Lund",
               Date="2026-01-06 10:00")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    caption = {slug: soup_of(site.output / "posts" / slug / "index.html").select_one("#conversation-map-caption")
               .get_text() for slug in ("first", "second", "third")}
    # Nothing crosses the third post's tree: no thick lines to explain.
    assert caption["third"].startswith("The thread as a tree, each reply coloured by who wrote it (see the key).")
    assert "thick" not in caption["third"] and "quotes" not in caption["third"]
    # The first post's map shows the link into it from the second post's reply.
    assert "the thick lines are links." in caption["first"], caption["first"]
    # The second post's one reply links to the first: its caption speaks of links alone.
    assert "the thick lines are links." in caption["second"], caption["second"]
    assert "quotes" not in caption["second"] and "mentions" not in caption["second"]
    # and its heads show which way a 3 px line points: 9 px, not the 6 px that hid in the line
    marker = soup_of(site.output / "posts" / "second" / "index.html").select_one("marker.arrow--link")
    assert (marker["markerwidth"], marker["markerheight"]) == ("9", "9")


def test_what_crosses_the_tree_is_drawn_bold_with_boxes_for_what_is_elsewhere(site):
    site.post("first", "The first post.", date="2026-01-01 09:00")
    site.post("second", "See [the first post]({filename}/posts/first.md).", date="2026-01-05 09:00")
    site.reply("first", "ada-1", "An opening thought on practice and habit that runs long enough.",
               Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("second", "ben-1", "Answering Ada over there.", Author="Ben Ode", Reply_To="first/ada-1",
               Date="2026-01-06 10:00")
    site.build()
    page = site.output / "posts" / "second" / "index.html"
    check_maps(site.output, page)
    svg = soup_of(page).select_one("svg[data-explore]")
    assert svg.select_one("g.edge--elsewhere.edge--bold path") is not None  # a reply to another post's reply
    assert svg.select_one("g.edge--link.edge--bold path") is not None  # the post links to the first
    boxes = {a["data-node"]: a for a in svg.select("a.map-node") if a.select_one("rect.node--reply-other, "
                                                                                   "rect.node--post-other")}
    assert set(boxes) == {"reply:first/ada-1", "post:first"}
    assert boxes["reply:first/ada-1"]["href"] == "../../posts/first/#reply-ada-1"
    assert "on “First”" in boxes["reply:first/ada-1"].get_text(" ")
    # Its details say what it is and where: they name the link (no aria-label repeating the box's text).
    details = boxes["reply:first/ada-1"].title.get_text()
    assert details.startswith("Reply by Ada Park, 2 January 2026, on “First”\n"), details
    assert not boxes["reply:first/ada-1"].has_attr("aria-label")
    assert boxes["post:first"].title.get_text().startswith("Another post: First")
    legend = [li.get_text(" ", strip=True) for li in soup_of(page).select(".map-legend li")]
    assert "reply to or from another post" in legend and "a reply under another post" in legend
    # And from the other side: the first post's map shows the answer that came from elsewhere.
    first = soup_of(site.output / "posts" / "first" / "index.html").select_one("svg[data-explore]")
    assert first.select_one('a[data-node="reply:second/ben-1"]') is not None


def test_two_kinds_between_the_same_two_replies_are_two_curves(site):
    """Ben quotes Ada and names her: a quote and a mention from his reply to hers. Drawn on one curve
    in one ink, the top line hid the other (its kind still in the key); each gets its own curve."""
    site.post("p", "The post.", date="2026-01-01 09:00")
    said = "Notes written on the same day are worth twice what I write a week later."
    site.reply("p", "a", said, Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "c", "Another thought.", Author="Cy Lind", Date="2026-01-02 12:00")
    # Ben answers Cy in the thread (were it Ada, the tree's line would say it and no mention is drawn)
    site.reply("p", "b", f"> {said}\n\nCy, I think @ada has a point.", Author="Ben Ode", Reply_To="c",
               Date="2026-01-03 10:00")
    site.build()
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    svg = soup_of(page).select_one("svg[data-explore]")
    lines = {g["class"][1]: g.select_one("path")["d"] for g in svg.select("g.edge--bold")}
    assert {"edge--quote", "edge--mention"} <= set(lines)
    assert lines["edge--quote"] != lines["edge--mention"]


def test_a_mention_line_goes_to_what_was_answered_and_only_where_the_tree_does_not_say_it(site):
    """A reader's review of a real WordPress thread: "@Owner:" on the 15th was drawn to Owner's first
    reply (the 11th), not the one it answered (the 13th); "@Jo" in a direct answer to Jo drew a second
    line beside the tree's; and the face "m(" was drawn as a mention of a reader called "m"."""
    site.post("p", "The post.", date="2026-01-01 09:00")
    site.reply("p", "o1", "First word from the owner.", Author="Owner", Date="2026-01-11 10:00")
    site.reply("p", "m1", "Short.", Author="m", Date="2026-01-11 11:00")
    site.reply("p", "j1", "A view of my own.", Author="Jo Berg", Date="2026-01-12 10:00")
    site.reply("p", "o2", "Second word from the owner.", Author="Owner", Reply_To="j1", Date="2026-01-13 10:00")
    site.reply("p", "k1", "@Jo: that misses the point. Ganz toll. m(", Author="Kai Storm", Reply_To="j1",
               Date="2026-01-14 10:00")
    site.reply("p", "k2", "And yet, @Owner, you said otherwise.", Author="Kai Storm", Reply_To="m1",
               Date="2026-01-15 10:00")
    site.build()
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    svg = soup_of(page).select_one("svg[data-explore]")
    nodes = [a["data-node"] for a in svg.select("a.map-node")]
    mentions = sorted((nodes[int(path["data-from"])], nodes[int(path["data-to"])])
                      for path in svg.select("g.edge--mention path"))
    assert mentions == [("reply:p/k2", "reply:p/o2")]
    with gzip.open(site.output / "conversations" / "graph.json.gz") as export:
        graph = json.load(export)
    people = {n["id"] for n in graph["nodes"] if n.get("kind") == "person"}
    assert "person:m" in people
    named = {(e["source"], e["target"]) for e in graph["links"] if e.get("kind") == "mention"}
    assert ("reply:p/k1", "person:m") not in named and ("reply:p/k1", "person:jo-berg") in named


@pytest.mark.parametrize("dated", ["one day", "in order"])
def test_no_mention_line_where_the_reply_answers_the_one_it_names(site, dated):
    """Sam answers Jo's first reply naming her, and Jo wrote again before (or on the same day as) Sam:
    the tree's line says whom Sam answers; a line to Jo's later reply said something else (a review)."""
    day = {"j1": "2026-01-02", "j2": "2026-01-02", "s1": "2026-01-02"} if dated == "one day" else \
        {"j1": "2026-01-02 10:00", "j2": "2026-01-02 11:00", "s1": "2026-01-02 12:00"}
    site.post("p", "The post.", date="2026-01-01 09:00")
    site.reply("p", "j1", "A first view.", Author="Jo Berg", Date=day["j1"])
    site.reply("p", "s1", "@Jo, I see it the other way.", Author="Sam Ode", Reply_To="j1", Date=day["s1"])
    site.reply("p", "j2", "A second view.", Author="Jo Berg", Date=day["j2"])
    site.build()
    page = site.output / "posts" / "p" / "index.html"
    check_maps(site.output, page)
    assert not soup_of(page).select("svg.map-svg g.edge--mention path")


@pytest.mark.parametrize("key", ["CONVERSATION_MAP_MAX_PEOPLE", "CONVERSATION_MAP_MAX_ROWS",
                                 "CONVERSATION_MAP_MAX_DEPTH"])
def test_map_size_settings_are_checked(key):
    from conversation_map.settings import ConfigError, check_settings

    assert check_settings({key: 40})[key] == 40
    with pytest.raises(ConfigError, match=f"{key} must be at least 2"):
        check_settings({key: 1})
    with pytest.raises(ConfigError, match=f"{key} must be int"):
        check_settings({key: "40"})


def test_a_site_without_conversations_says_so_instead_of_an_empty_map(site):
    site.post("p")
    site.build()
    page = soup_of(site.output / "conversations" / "index.html")
    assert page.select_one("svg.map-svg") is None and "No map yet" in page.get_text()


def test_a_busy_map_s_lines_keep_everyone_joined_each_group_by_its_own_strongest_ties():
    from conversation_map.drawing import backbone_ties

    P = _synthetic_people(300, 10, seed=5)
    groups = {n: int(n[-4:]) % 10 for n in P}  # as _synthetic_people made them (a tenth of ties cross)
    U = P.to_undirected()
    for given in (None, groups):
        ties = backbone_ties(P, given)
        drawn = nx.Graph(ties)
        drawn.add_nodes_from(P)
        # the fewest lines that join everyone the connections join: one fewer than people, per part
        assert len(ties) == len(set(ties)) == P.number_of_nodes() - nx.number_connected_components(U)
        assert sorted(map(sorted, nx.connected_components(drawn))) == sorted(map(sorted, nx.connected_components(U)))
        for n in P:  # each person keeps their strongest tie (within their group, when they have one there)
            every = [*P.out_edges(n, data="weight"), *P.in_edges(n, data="weight")]
            own = [e for e in every if given is None or given[e[0]] == given[e[1]]] or every
            if own:
                strongest = max(w for _, _, w in own)
                assert any(n in e and P.edges[e]["weight"] == strongest for e in ties), n
    # with groups, each group is joined by its own ties as far as its ties join it
    ties = backbone_ties(P, groups)
    for g in set(groups.values()):
        members = [n for n in P if groups[n] == g]
        inside = nx.Graph([e for e in ties if groups[e[0]] == groups[e[1]] == g])
        inside.add_nodes_from(members)
        assert nx.number_connected_components(inside) == nx.number_connected_components(U.subgraph(members)), g
    assert backbone_ties(P, groups, budget=50) == ties[:50]


def test_site_css_styles_every_line_class_the_svg_writes():
    """Widths and arrows of map lines come from site.css by class (svg.py writes no attribute for them)."""
    from conversation_map.svg import ARROW_KINDS, STROKE_TENTHS

    css = (REPO / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    for tenths in STROKE_TENTHS:
        assert f".map-svg .sw{tenths} {{ stroke-width: {tenths / 10:g}px; }}" in css, tenths
    for kind in ARROW_KINDS:
        assert f".map-svg .edge--{kind} {{ marker-end: url(#map-arrow-{kind}); }}" in css, kind


def test_people_map_lines_go_round_the_people_they_do_not_join(sample_site):
    """A line through someone's dot reads as a line to or from them: on every drawing of the sample's
    people map (phone, tablet, desktop), each line misses every dot but its two ends."""
    soup = soup_of(sample_site / "conversations" / "index.html")
    drawings = soup.select("#people-map svg.map-svg")
    assert drawings
    for svg in drawings:
        dots = [(a["data-node"], float(c["cx"]), float(c["cy"]), float(c["r"]))
                for a in svg.select("a.map-node") if (c := a.select_one("circle.node")) is not None]

        def nearest(x, y, dots=dots):
            return min(dots, key=lambda d: (d[1] - x) ** 2 + (d[2] - y) ** 2)[0]

        for path in svg.select("g.edge path"):
            segments = sample_path(path["d"], steps=24)
            points = [(s[0], s[1]) for s in segments] + [(segments[-1][2], segments[-1][3])]
            ends = {nearest(*points[0]), nearest(*points[-1])}
            through = [n for n, x, y, r in dots if n not in ends
                       and any((px - x) ** 2 + (py - y) ** 2 < (r - 0.5) ** 2 for px, py in points)]
            assert not through, (svg["width"], path["d"], ends, through)


def test_a_name_wider_than_a_phone_map_allows_is_shortened_and_still_written():
    """A real archive's 41-letter name had no place on a phone's people map, so no name at all."""
    P = nx.DiGraph()
    P.add_node("a", label="Denkmalüberdenscheißnach Dendudaschreibst", url="people/a/")
    P.add_node("b", label="Jo", url="people/b/")
    P.add_edge("a", "b", weight=2, reply=2, quote=0, mention=0, link=0)
    d = people_drawing(P, {"a": 0, "b": 0}, width=340, seed=1, link=lambda u: "/" + u)
    label = next(n["label"] for n in d["nodes"] if n["id"] == "a")
    assert label and label[5].endswith("…") and "Denkmalüberdenscheißnach Dendudaschreibst".startswith(label[5][:-1])
    assert label[0] >= 0 and label[0] + label[2] <= d["width"]


def test_a_person_alone_in_their_group_keeps_room_for_their_name_in_the_rows():
    """People alone in their group are set in rows with the unconnected, each with room to the right
    of their dot for their name, inside the frame. One with ties to another group had none: packed
    at the frame's right edge, their name had to go elsewhere, away from the row."""
    from conversation_map.drawing import _name_room

    P = nx.DiGraph()
    for n, name in [("a", "Ada"), ("b", "Ben"), ("c", "Cy"), ("z", "Zofia Wiśniewska-Kowalczyk"),
                    ("u", "Uma"), ("v", "Val")]:
        P.add_node(n, label=name)
    for u, v in [("a", "b"), ("b", "c"), ("c", "a"), ("z", "a")]:
        P.add_edge(u, v, weight=1, reply=1, quote=0, mention=0, link=0, posts={"p": 1})
    groups = {"a": 0, "b": 0, "c": 0, "z": 1, "u": 2, "v": 3}
    for width in (340, 680):
        d = people_drawing(P, groups, width=width, seed=1, link=lambda u: "/" + u)
        nodes = {n["id"]: n for n in d["nodes"]}
        assert all(n["label"] for n in nodes.values())
        for n in ("z", "u", "v"):
            assert nodes[n]["x"] + _name_room(P, n) <= d["width"], (width, n, nodes[n]["x"])
        flat = [(x, y, x + w, y + h) for x, y, w, h in (n["label"][:4] for n in nodes.values())]
        assert all(a[0] >= 0 and a[2] <= d["width"] for a in flat)
        assert not any(_boxes_overlap(a, b) for i, a in enumerate(flat) for b in flat[i + 1:])


def test_a_thread_that_runs_into_another_year_dates_every_row_with_its_year(site):
    # "3 Sep" above "12 Mar 2013" read as the later of the two: once a row needs its year, all have it.
    site.post("p", date="2012-08-30 09:00")
    site.reply("p", "a", "Early.", Author="Ada Park", Date="2012-09-03 10:00")
    site.reply("p", "b", "Late.", Author="Ben Moreau", Reply_To="a", Date="2013-03-12 10:00")
    site.post("q", date="2012-08-30 09:00")
    site.reply("q", "c", "Same year.", Author="Ada Park", Date="2012-09-03 10:00")
    # ... and a reply whose date is unknown (kept in 2013 only to keep its place) shows none to compare
    site.reply("q", "d", "Undated.", Author="Cy Lind", Date="2013-01-01 00:00", Date_Estimated="yes")
    site.build()
    labels = [t.get_text() for t in phone_svg(soup_of(site.output / "posts" / "p" / "index.html"))
              .select('a[data-node^="reply:"] text.label')]
    assert labels == ["Ada Park, 3 Sep 2012", "Ben Moreau, 12 Mar 2013"]
    same = [t.get_text() for t in phone_svg(soup_of(site.output / "posts" / "q" / "index.html"))
            .select('a[data-node^="reply:"] text.label')]
    assert same == ["Ada Park, 3 Sep", "Cy Lind"]  # dates within the post's year stay short...


def test_a_deep_thread_indents_less_so_that_every_name_stays_whole(site):
    # Ten replies deep on a phone's 340 px: at the usual indent the deepest names were cut ("Th…, 14 Mar").
    site.post("p")
    for i in range(1, 11):
        site.reply("p", f"r{i}", f"Answer {i}.", Author="Theme Buster" if i % 2 else "Jane Bloggs",
                   Reply_To=f"r{i - 1}" if i > 1 else None, Date=f"2026-03-14 10:{i:02d}")
    site.build()
    svg = phone_svg(soup_of(site.output / "posts" / "p" / "index.html"))
    labels = [t.get_text() for t in svg.select('a[data-node^="reply:"] text.label')]
    assert len(labels) == 10 and not [t for t in labels if "…" in t]
    # A name too long to fit at any indent is shortened, and leaves the others' indent as it was
    site.post("long")
    for i, (rid, who) in enumerate((("m", "Ada Park"), ("n", "Maximiliane Alexandra von Hohenzollern-Sigmaringen"),
                                    ("o", "Ben Ode"), ("q", "Cy Lind"))):
        site.reply("long", rid, "Hi.", Author=who, Reply_To="mnoq"[i - 1] if i else None,
                   Date=f"2026-03-14 09:{i:02d}")
    site.build()
    long_svg = phone_svg(soup_of(site.output / "posts" / "long" / "index.html"))
    dots = [float(c["cx"]) for c in long_svg.select('a[data-node^="reply:"] circle')]
    assert dots[1] - dots[0] == 24 and "…" in long_svg.select('a[data-node^="reply:"] text.label')[1].get_text()
    xs = [float(c["cx"]) for c in svg.select('a[data-node^="reply:"] circle')]
    assert xs == sorted(xs) and len(set(xs)) == 10  # still a staircase: each answer under the one before


def _bold_lines_over_others(svg) -> list[str]:
    """The bold lines (quotes, mentions, ...) that run over a mark or a name other than their own ends."""
    nodes = svg.select("g.nodes > a.map-node")
    boxes = []
    for a in nodes:
        found = [(float(c["cx"]) - float(c["r"]), float(c["cy"]) - float(c["r"]),
                  float(c["cx"]) + float(c["r"]), float(c["cy"]) + float(c["r"])) for c in a.select("circle")]
        found += [(float(t["x"]), float(t["y"]) - 10, float(t["x"]) + text_width(t.get_text(), 13), float(t["y"]) + 3)
                  for t in a.select("text.label") if "label--count" not in t.get("class", [])]
        boxes.append(found)
    over = []
    for path in svg.select("g.edge--bold path"):
        ends = {int(path["data-from"]), int(path["data-to"])}
        segs = sample_path(path["d"], steps=24)
        over += [nodes[i]["data-node"] for i, found in enumerate(boxes) if i not in ends
                 and any(segment_hits_box(seg, box) for seg in segs for box in found)]
    return over


def _lane_clashes(svg) -> list:
    """Pairs of bold lines running down side by side closer than 3 px over a stretch (one on the other)."""
    runs = [[(x1, min(y1, y2), max(y1, y2)) for x1, y1, x2, y2 in sample_path(p["d"]) if x1 == x2]
            for p in svg.select("g.edge--bold path")]
    return [(a, b) for i, one in enumerate(runs) for other in runs[i + 1:] for a in one for b in other
            if abs(a[0] - b[0]) < 3 and min(a[2], b[2]) - max(a[1], b[1]) > 0]


@pytest.mark.parametrize("mentioned", [14, 8])
def test_more_lines_than_the_gutter_holds_each_keep_a_lane_of_their_own(site, mentioned):
    """Each reply names someone who wrote under another post: a line from its row down to that person's box
    under the tree, every line beside all the others. Fourteen used to share the nine lanes 40 px hold
    (a fifth of the 1,000-post archive's maps had lines on top of one another); the gutter now widens for
    them. With eight, rounding put the eighth lane on the first."""
    firsts = ["Ada", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Max", "Nia"]
    people = [f"{first} Quill{chr(97 + i)}" for i, first in enumerate(firsts[:mentioned])]
    site.post("p", "A post about reading slowly.")
    site.post("q", "Another post.", date="2026-01-05 09:00")
    for i, who in enumerate(people):
        site.reply("q", f"z{i}", "Hello.", Author=who, Date=f"2026-01-05 1{i % 10}:{i:02d}")
    for i, who in enumerate(people):
        site.reply("p", f"r{i}", f"As {who} says, read slowly.", Author=f"Reader {chr(65 + i)}lton",
                   Date=f"2026-01-02 1{i % 10}:{i:02d}")
    site.build()
    svg = phone_svg(soup_of(site.output / "posts" / "p" / "index.html"))
    assert len(svg.select("g.edge--mention path")) == mentioned
    assert _lane_clashes(svg) == []
    post_x = float(svg.select_one('[data-node="post:p"] rect')["x"])
    assert (post_x > 40) == (mentioned > 9)  # the gutter left of the post's box: wider only when needed


def test_lines_across_the_tree_run_left_of_the_rows_between_their_ends(site):
    # A curve from a deep reply to a box far below drifted across the rows between, over their marks and
    # names (1,002 of 9,270 such lines on the 1,000-post archive); now it runs down left of them.
    site.post("p", "Reading slowly once goes further than skimming the same book three times.")
    site.post("q", "Another post.", date="2026-01-05 09:00")
    site.reply("q", "z1", "Hello.", Author="Zed Ode", Date="2026-01-05 10:00")
    chain = ["a1", "b1", "c1", "e1", "f1"]
    for i, rid in enumerate(chain):
        site.reply("p", rid, "As Zed Ode says, read slowly." if rid == "f1" else "A thought.",
                   Author=("Ada Park", "Ben Ode", "Cy Lind", "Dee Rey", "Eli Moreau")[i],
                   Reply_To=chain[i - 1] if i else None, Date=f"2026-01-02 1{i}:00")
    for i, who in enumerate(("Fay Achebe", "Gus Park", "Hana Varga", "Ivo Lind"), 1):
        site.reply("p", f"d{i}", "> Reading slowly once goes further than skimming the same book three times.\n\n"
                   "Yes." if i == 1 else "Yes.", Author=who, Date=f"2026-01-03 1{i}:00")
    site.build()
    svg = phone_svg(soup_of(site.output / "posts" / "p" / "index.html"))
    assert svg.select("g.edge--mention path")  # Eli's mention of Zed, down to his box under the tree
    assert svg.select("g.edge--quote path")  # Fay's quote, up to the post past the rows above
    assert _bold_lines_over_others(svg) == []
    assert _lane_clashes(svg) == []  # the two run side by side past Eli's and Fay's rows, each in its lane


def test_no_two_groups_share_a_colour(tmp_path):
    """Eight colours for groups: a ninth group took the first's colour again, so the map said two groups were
    one. The eight largest have their own; the people of smaller groups are grey, and the words say so.
    Someone in no group (who answered a post, not another reader) is drawn hollow: grey had meant both."""
    from conftest import SiteMaker

    site = SiteMaker(tmp_path)
    first = ["Ada", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"]
    for i, name in enumerate(first):
        site.post(f"p{i}", f"Post {i}.")
        for n in range(3 if i == 0 else 2):  # the first group largest: it keeps the first colour
            site.reply(f"p{i}", f"r{n}", f"Answer {n}.", Author=f"{name} Reader{n}",
                       **({"Reply_To": f"r{n - 1}"} if n else {}), Date=f"2026-01-0{n + 2} 10:00")
    site.reply("p0", "solo", "An answer to the post alone.", Author="Kit Solo", Date="2026-01-09 10:00")
    site.build()
    page = site.page("conversations/index.html")
    swatches = [li.select_one(".swatch")["class"][-1] for li in page.select("ol.communities li")]
    assert len(swatches) == 10
    assert swatches[:8] == [f"swatch--community-{i}" for i in range(8)]
    assert swatches[8:] == ["swatch--community-other"] * 2
    assert "the eight largest each in its own colour and the people of the smaller ones in grey" in page.get_text()
    apart = page.select_one(".communities--apart")
    assert apart.select_one(".swatch")["class"][-1] == "swatch--community-none" and "Kit Solo" in apart.get_text()
    # the caption speaks of hollow dots only for the drawings that have one (a phone's may leave Kit out)
    caption = page.select_one("#people-map-caption")
    for variant, svg in (("narrow", page.select_one("#people-map svg.map-svg--narrow")),
                         ("wide", page.select_one("#people-map svg.map-svg--wide"))):
        drawn = svg.select_one(".community-none") is not None
        said = " ".join(span.get_text() for span in caption.select(f".caption-{variant}"))
        assert said.count("(drawn hollow: in no group yet") == int(drawn), (variant, said)
    assert page.select_one("#people-map svg.map-svg--wide .community-none") is not None
    # and the key under the map shows the hollow dot (the caption alone left a newcomer with a row of rings),
    # for the wider drawings only where a phone's leaves Kit out
    hollow = page.select_one(".map-legend li.legend-hollow")
    assert hollow.select_one("circle.community-none") and "in no group yet" in hollow.get_text()
    narrow_drawn = page.select_one("#people-map svg.map-svg--narrow .community-none") is not None
    assert ("legend-wide" in hollow["class"]) == (not narrow_drawn)
    assert page.select_one(".map-legend")["aria-label"] == "What the arrows and the hollow dots mean"
    svg = page.select_one("#people-map svg.map-svg--wide")
    colour = {}
    for node in svg.select("a.map-node"):
        cls = next(c for c in node.select_one("circle")["class"] if c.startswith("community-"))
        colour.setdefault(cls, set()).add(node["data-node"].rsplit("-", 1)[0])  # person:ivy-reader0: Ivy's group
    assert sorted(colour) == [*(f"community-{i}" for i in range(8)), "community-none", "community-other"], colour
    assert colour["community-0"] == {"person:ada"} and colour["community-other"] == {"person:ivy", "person:jo"}
    assert [a["data-node"] for a in svg.select("a.map-node") if a.select_one(".community-none")] == ["person:kit-solo"]
    assert all(len(groups) == 1 for cls, groups in colour.items() if cls != "community-other"), colour


def test_the_people_maps_topic_filter_offers_only_topics_with_connections(site):
    """A topic whose posts hold no connection between readers (only answers to the post's author) would
    empty the map: not offered. A tag written two ways is one topic, named as the newest post writes it."""
    for slug, tags, category, day in [("talked", "Reading", "Practice", 1), ("quiet", "8BIT, reading", "Tests", 3),
                                      ("again", "reading", "Practice", 4)]:
        path = site.post(slug, date=f"2026-01-0{day} 09:00")
        path.write_text(path.read_text(encoding="utf-8").replace("Tags: reflection", f"Tags: {tags}")
                        .replace("Category: Practice", f"Category: {category}"), encoding="utf-8")
    site.reply("talked", "a", "A first thought.", Author="Ada Park")
    site.reply("talked", "b", "I'm not sure, Ada.", **{"Author": "Ben Ode", "Reply-To": "a"})
    site.reply("quiet", "a", "Nice post.", Author="Cy Ng")
    site.reply("again", "a", "More, Ada.", Author="Ada Park")
    site.reply("again", "b", "Yes.", **{"Author": "Ben Ode", "Reply-To": "a"})
    site.build()
    page = site.page("conversations/index.html")
    options = [o["value"] for o in page.select('select[name="topic"] option')]
    assert options == ["", "category:Practice", "tag:reading"]
    svg = next(s for s in page.select("svg[data-topics]"))
    assert svg["data-topics"].split("\n") == ["category:Practice", "tag:reading"]


def test_a_people_map_line_twice_as_often_is_seen_thicker():
    """The caption says a line's thickness is how often: one connection was drawn 1.55 px and two 1.9 px,
    which nobody sees. Each doubling adds about a pixel, up to the widest at eight."""
    import networkx as nx
    from conversation_map.drawing import people_drawing

    P = nx.DiGraph()
    for n in "abcdefgh":
        P.add_node(n, label=n.upper(), url=f"people/{n}/")
    for (u, v), w in {("a", "b"): 1, ("c", "d"): 2, ("e", "f"): 4, ("g", "h"): 20}.items():
        P.add_edge(u, v, weight=w, reply=w, quote=0, mention=0, link=0, posts={"p": w})
    drawing = people_drawing(P, dict.fromkeys("abcdefgh", 0), width=680, seed=1, link=lambda u: "/" + u)
    widths = sorted(e["width"] for e in drawing["edges"])
    assert widths[1] - widths[0] >= 0.8 and widths[2] - widths[1] >= 0.8, widths
    assert widths[3] <= 4.0, widths


def _path_ends(d: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """The first and last points of an SVG path of M, H, V, Q and C steps (absolute)."""
    x = y = 0.0
    start = None
    for step, numbers in re.findall(r"([MHVQC])([^MHVQC]*)", d):
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", numbers)]
        if step == "H":
            x = values[-1]
        elif step == "V":
            y = values[-1]
        else:
            x, y = values[-2], values[-1]
        start = start or (x, y)
    return start, (x, y)


def test_lines_at_a_box_meet_it_apart_and_do_not_cross_there(sample_site):
    """On "Learning in Public" five lines left the post's box at one point and ran one over another to
    their lanes: a rope nobody could follow. Each lane meets the box at a point of its own, those going
    up above those going down and the outer lanes outside, so that none crosses another at the box."""
    page = soup_of(sample_site / "posts" / "learning-in-public" / "index.html")
    for svg in page.select("#conversation-map svg.map-svg"):
        box = svg.select_one("a.map-node[data-node='post:learning-in-public'] rect.node")
        left, top = float(box["x"]), float(box["y"])
        bottom = top + float(box["height"])
        at_box = []
        for path in svg.select("g.edge path"):
            for x, y in _path_ends(path["d"]):
                if abs(x - left) < 0.2 and top < y < bottom:
                    at_box.append((y, path["d"]))
        assert len(at_box) >= 4
        ys = sorted({round(y, 1) for y, _ in at_box})
        assert len(ys) == len(at_box), at_box  # each at a point of its own
        assert all(b - a >= 3 for a, b in itertools.pairwise(ys)), ys
