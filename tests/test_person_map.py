"""A person page's map (issue 7): the person in the middle, their strongest ties on a ring round
them, names outside the ring (:mod:`conversation_map.ego`), one drawing for wide screens and one
for a phone, and a "+N more" link when the ties do not all fit.

One busy reader's site is built once for the module (forty people they build on or who build on
them); the layout is also checked on its own at eighty ties with dense ties among them.
"""

from __future__ import annotations

import math
import random
import re

import networkx as nx
import pytest
from conftest import SiteMaker, soup_of
from conversation_map.ego import ego_drawing, ring_order
from conversation_map.layout import sample_path, segment_hits_box
from test_browser import Visit, browser, wait_until  # noqa: F401  (browser is a fixture)
from test_map_browser import _check_map
from test_maps import _boxes_overlap, check_maps

FIRST = ["Ines", "Kofi", "Lena", "Marek", "Noor", "Oskar", "Pia", "Quentin", "Rosa", "Sven"]
LAST = ["Abara", "Brandt", "Castell", "Dufour", "Eriksen", "Fonseca", "Gallo", "Hale"]
LONG = "Maximiliana Wolkenstein-Hohenberg"


def _names(n: int) -> list[str]:
    return [LONG if i == 7 else f"{FIRST[i % 10]} {LAST[i // 10 % 8]}{'' if i < 80 else i}" for i in range(n)]


@pytest.fixture(scope="module")
def busy(tmp_path_factory) -> SiteMaker:
    """Ada Park answers forty readers; a third of them answer back; some answer each other."""
    site = SiteMaker(tmp_path_factory.mktemp("busy-person"))
    site.post("busy", title="A busy thread")
    names = _names(40)
    for i, name in enumerate(names):
        t = f"2026-01-02 {10 + i // 15:02d}:{i % 15 * 4:02d}"
        site.reply("busy", f"r{i}", "A first thought on this.", Author=name, Date=t)
        site.reply("busy", f"a{i}", "Ada builds on it.", Author="Ada Park", Reply_To=f"r{i}", Date=t + ":01")
        if i % 3 == 0:
            site.reply("busy", f"b{i}", "And back to Ada.", Author=name, Reply_To=f"a{i}", Date=t + ":02")
        if i % 4 == 0 and i + 1 < len(names):
            site.reply("busy", f"c{i}", "To my neighbour.", Author=name, Reply_To=f"r{i + 1}", Date=t + ":03")
    site.build()
    return site


def _svgs(page):
    return page.select("#person-map svg.map-svg")


def test_a_busy_person_has_two_drawings_with_more_people_counted(busy):
    path = busy.output / "people" / "ada-park" / "index.html"
    page = soup_of(path)
    svgs = _svgs(page)
    assert [(s["class"][1], float(s["width"])) for s in svgs] == [("map-svg--narrow", 340), ("map-svg--wide", 680)]
    assert float(svgs[0]["height"]) <= 844  # a phone's drawing fits one screen
    check_maps(busy.output, path)  # links, names, labels apart and inside, no line through a name
    for svg in svgs:
        people = [a for a in svg.select("a.map-node") if a["data-node"].startswith("person:")]
        more = svg.select_one('a[data-node="more:people"]')
        count = int(re.fullmatch(r"\+(\d+) more people", more.select_one("text.label").get_text())[1])
        assert count + len(people) - 1 == 40  # everyone connected is drawn or counted
        assert more["href"] == "#builds-on-title" and page.find(id="builds-on-title") is not None
        # The person in the middle, named; everyone round them a link to their own page.
        centre = svg.select_one('a[data-node="person:ada-park"]')
        assert centre.get_text(strip=True).startswith("Ada Park")
        assert all(a["href"].startswith("../") and a["href"].endswith("/") for a in people)
        assert svg.select("g.edge--replies path") and len(svg.select("g.edge--reply path")) <= len(people)
    wide = svgs[1]
    assert len(wide.select("a.map-node")) == 30 + 2  # the 30 strongest ties (the limit), Ada, "+10 more"
    # A long name is shortened on a phone, never lost: it stays whole in the link's name and details.
    long = svgs[0].select_one('a[aria-label="Maximiliana Wolkenstein-Hohenberg"]')
    if long is not None:  # its details: its own <title>, or the wide drawing's it points at
        details = long.title or page.find(id=long["aria-describedby"])
        assert details.get_text().startswith(LONG)
    assert "Thin grey lines join the people round Ada Park" in page.select_one(".map-figure").get_text()
    assert re.search(r"thin grey lines join the \d+ closest pairs among the others( \(\d+ weaker ties? among them "
                     r"left out\))?\.$", wide["aria-label"])
    assert "closely connected" in wide["aria-label"] and "arrow points at the one built on" in wide["aria-label"]


def test_a_busy_person_page_is_light(busy):
    path = busy.output / "people" / "ada-park" / "index.html"
    weight = path.stat().st_size
    svgs = _svgs(soup_of(path))
    assert all(len(str(s)) < 30_000 for s in svgs), [len(str(s)) for s in svgs]
    assert weight < 120_000, weight  # was ~380 KB a page at 1,000 x 20 (three drawings of everyone)


def _ego(n: int, seed: int) -> tuple[nx.DiGraph, list[str], dict[str, int]]:
    rng = random.Random(seed)
    P = nx.DiGraph()
    names = _names(n)
    P.add_node("me", label="Harriet Okonkwo-Lindqvist", url="people/me/")
    ties = [f"p{i:03d}" for i in range(n)]
    for i, t in enumerate(ties):
        P.add_node(t, label=names[i], url=f"people/{t}/")
        w = n - i  # strongest first
        kind = ("reply", "quote", "mention", "link")[i % 4]
        if i % 3 != 1:
            P.add_edge("me", t, weight=w, **{kind: w})
        if i % 3 != 0:
            P.add_edge(t, "me", weight=1 + i % 5, reply=1 + i % 5)
    for _ in range(n * 4):  # dense ties among them
        u, v = rng.sample(ties, 2)
        P.add_edge(u, v, weight=rng.randint(1, 4), reply=1)
    groups = {t: (-1 if i % 11 == 0 else i % 5) for i, t in enumerate(ties)}
    return P, ties, groups


@pytest.mark.parametrize("width,max_height", [(680, None), (340, 800)])
def test_the_ring_keeps_names_apart_and_clear_of_lines(width, max_height):
    P, ties, groups = _ego(80, seed=5)
    d = ego_drawing(P, "me", ties, groups, width=width, link=lambda u: "/" + u, max_height=max_height,
                    more_url="people/me/#builds-on-title")
    assert d == ego_drawing(P, "me", ties, groups, width=width, link=lambda u: "/" + u, max_height=max_height,
                            more_url="people/me/#builds-on-title")  # deterministic
    assert d["width"] == width and (max_height is None or d["height"] <= max_height)
    assert d["shown"] + d["more"] == 80 and (d["more"] > 0) == (max_height is not None)
    assert d["among"] <= d["shown"]  # at most one grey line per person shown: the strongest
    boxes, centre_box = [], None
    for node in d["nodes"]:
        assert node["href"] and node["name"] and node["title"]
        if node["shape"] == "box":
            left, top, right, bottom = node["x"], node["y"], node["x"] + node["w"], node["y"] + node["h"]
        else:
            left, top, right, bottom = (node["x"] - node["r"], node["y"] - node["r"], node["x"] + node["r"],
                                        node["y"] + node["r"])
        assert left >= 0 and top >= 0 and right <= width and bottom <= d["height"], node["id"]
        if node["label"]:
            x, y, w, h, _, text = node["label"]
            assert text.rstrip("…") and node["name"].startswith(text.rstrip("…").rstrip())
            assert x >= 0 and x + w <= width and y >= 0 and y + h <= d["height"], text
            boxes.append((x, y, x + w, y + h))
        elif node["shape"] == "box":  # the person's name in a box in the middle of the ring, lines end on it
            assert node["lines"] == [node["name"]]
            centre_box = (left, top, right, bottom)
    assert len(boxes) + (centre_box is not None) == len(d["nodes"])  # everyone named (on a phone too)
    for i, a in enumerate(boxes):
        assert not any(_boxes_overlap(a, b) for b in [*boxes[i + 1:], *([centre_box] if centre_box else [])])
    segments = [seg for e in d["edges"] for seg in sample_path(e["d"], steps=16)]
    for x0, y0, x1, y1 in boxes:
        assert not [s for s in segments if segment_hits_box(s, (x0 + 1, y0 + 1, x1 - 1, y1 - 1))]
    # Arrows on the person's own lines, none on the grey ones among the others.
    assert all(e["arrow"] == (e["kind"] != "reply") for e in d["edges"])


def test_colours_sit_together_round_the_ring():
    P, ties, groups = _ego(30, seed=2)
    strength = {t: sum(P[u][v]["weight"] for u, v in (("me", t), (t, "me")) if P.has_edge(u, v)) for t in ties}
    order = ring_order(ties, groups, strength)
    runs = [groups[t] for i, t in enumerate(order) if i == 0 or groups[order[i - 1]] != groups[t]]
    assert runs == sorted(set(runs), key=lambda g: (g < 0, g))  # one run per colour, no group last
    d = ego_drawing(P, "me", ties, groups, width=680, link=lambda u: "/" + u)
    pos = d["positions"]
    right = sorted((t for t in ties if pos[t][0] > pos["me"][0]), key=lambda t: pos[t][1])
    left = sorted((t for t in ties if pos[t][0] < pos["me"][0]), key=lambda t: -pos[t][1])
    assert right + left == order  # down the right arc, up the left one


EXPLORE_NAMES = """() => { const c = document.querySelector('#person-map'), n = c.visNetwork;
  const all = c.visNodes.get(), at = n.getPositions(all.map(x => x.id));
  const marks = all.map(x => { const b = n.getBoundingBox(x.id); return [x.id, b.left, b.top, b.right, b.bottom]; });
  const names = all.filter(x => x.labelAt).map(x => { const p = at[x.id], a = x.labelAt;
    const left = a.anchor === 'end' ? p.x + a.dx - x.nameWidth : a.anchor === 'middle' ? p.x + a.dx - x.nameWidth / 2
      : p.x + a.dx;
    return [x.id, left, p.y + a.dy - 10, left + x.nameWidth, p.y + a.dy + 2]; });
  return [names, marks]; }"""


def _overlap(a, b) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_busy_person_map_in_the_browser(browser, busy, serve_dir, scheme):  # noqa: F811
    """Desktop and phone, light and dark: one drawing shows, at its natural size (names >= 12 px),
    inside its box and the window; names apart and legible; the phone's within one screen."""
    base = serve_dir(busy.output)
    for (width, height), shown in (((1280, 800), 680), ((390, 844), 340)):
        visit = Visit(browser, base, width=width)
        visit.page.set_viewport_size({"width": width, "height": height})
        visit.page.emulate_media(color_scheme=scheme)
        page = visit.open("people/ada-park/")
        assert visit.wait_for_map("#person-map") > 0
        m = _check_map(page, f"ada-park {scheme} {width}x{height}")
        assert round(m["svg"]["width"]) == shown and m["scale"] == 1  # drawn at its natural size
        assert m["svg"]["bottom"] - m["svg"]["top"] <= height
        if width > 1000 and scheme == "light":  # Explore draws Ada and the 30 people round her
            page.locator("#person-map .map-explore").click()
            page.wait_for_selector("#person-map[data-explore-ready]", timeout=15_000)
            assert int(page.get_attribute("#person-map", "data-explore-ready")) >= 31
            # Explore writes each name where the map has it (vis-network wrote it under the dot, over
            # the next one down): no name covers another name or anyone's dot.
            names, marks = page.evaluate(EXPLORE_NAMES)
            assert len(names) >= 30
            for i, box in enumerate(names):
                assert not any(_overlap(box, other) for other in names[i + 1:]), box
                assert not any(_overlap(box, mark) for mark in marks if mark[0] != box[0]), box
            page = visit.open("people/ada-park/")
        # Following a name on the map opens that person's page.
        page.locator("#person-map a.map-node[data-node='person:ines-abara']").locator("visible=true").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/people/ines-abara/", timeout=5_000)
        visit.check_clean()


def test_a_warm_build_reuses_the_person_maps(busy, monkeypatch):
    """The map stage cache: a rebuild with nothing changed draws no person map and writes the same page."""
    from conversation_map import maps
    from sitebuild import build_site

    out = busy.root / "warm"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    build_site(busy.content, out, **settings)
    cold = (out / "people" / "ada-park" / "index.html").read_bytes()
    drawn = []
    real = maps.person_map
    monkeypatch.setattr(maps, "person_map", lambda *a, **k: drawn.append(a[1]) or real(*a, **k))
    build_site(busy.content, out, **settings)
    assert drawn == []
    assert (out / "people" / "ada-park" / "index.html").read_bytes() == cold


def test_a_busy_persons_long_lists_fold_and_the_map_comes_before_the_reading(busy):
    """Ada answered forty readers: each list of people and each table shows its first twelve and
    keeps the rest, on the page, in a closed "N more" part; the map follows the tables, before the
    longer reading (exchanges, quotes, replies)."""
    page = soup_of(busy.output / "people" / "ada-park" / "index.html")
    answered = page.select_one("#answered-title").parent
    assert len(answered.select(":scope > ul > li")) == 12
    more = answered.select_one("details.more-rows")
    assert more.summary.get_text(strip=True) == "28 more" and len(more.select("li")) == 28
    for title in ("#builds-on-title", "#built-upon-title"):
        section = page.select_one(title).parent
        tables = section.select("table.builds-on-table")
        rows = [len(t.select("tbody tr")) for t in tables]
        if sum(rows) > 14:
            assert rows[0] == 12 and section.select_one("details.more-rows summary").get_text(strip=True) == \
                f"{rows[1]} more"
    linked = {a["href"] for a in answered.select("a")}
    assert len(linked) == 40  # nobody is left out
    order = [el.get("id") or el.name for el in page.select("#answered-title, #builds-on-title, figure.map-figure, "
                                                            "#exchanges-title, #person-posts")]
    assert order.index("figure") < order.index("exchanges-title") and order.index("builds-on-title") < \
        order.index("figure")


def _ring(names: dict) -> nx.DiGraph:
    P = nx.DiGraph()
    P.add_node("me", label="Ada Park", url="people/me/")
    for n, label in names.items():
        P.add_node(n, label=label, url=f"people/{n}/")
        P.add_edge(n, "me", weight=2, reply=2)
        P.add_edge("me", n, weight=1, quote=1)
    return P


def test_the_ring_moves_aside_so_a_long_name_is_whole_on_a_phone():
    names = {"a": "Helen Achterberg", "c": "Jo Ode", "b": "Bo Lin"}  # the long one on the right, alone
    d = ego_drawing(_ring(names), "me", list(names), {}, width=340, link=lambda u: "/" + u)
    shown = {n["id"]: n["label"][5] for n in d["nodes"] if n.get("label")}
    assert all(shown[n] == names[n] for n in names)  # nothing cut
    assert d["nodes"][0]["x"] < 170  # the ring moved off the middle, away from the long name


def test_a_persons_own_name_sits_by_their_dot_with_lines_all_round_it():
    """Lines on every side of the person: their name goes just above or below their dot, over
    the lines on the wider halo, not above the whole ring, 200 px off."""
    names = {f"p{i}": f"Helen Marl {chr(65 + i)}" for i in range(14)}  # a ring too narrow for a box in it
    d = ego_drawing(_ring(names), "me", list(names), {}, width=340, link=lambda u: "/" + u)
    me = d["nodes"][0]
    assert me["shape"] == "circle"
    _x, y, _w, h, *_ = me["label"]
    assert abs((y + h / 2) - me["y"]) <= me["r"] + h + 6 and me["label_over_lines"]


@pytest.mark.browser
def test_explore_finds_and_names_someone_the_map_leaves_unnamed(browser, busy, serve_dir):  # noqa: F811
    """Explore writes the names the map writes; the search finds anyone drawn, names them beside their
    dot and shows them. It looked in a hidden phone drawing and said the person was not on the map."""
    visit = Visit(browser, serve_dir(busy.output), width=1280)
    page = visit.open("conversations/")
    unnamed = page.evaluate("() => Array.from(document.querySelectorAll('#people-map svg[data-explore] a.map-node'))"
                            ".filter(a => !a.querySelector('text.label')).map(a => a.getAttribute('data-node'))")
    assert unnamed  # a busy map names its most connected people only
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    node = unnamed[0]
    name = page.evaluate(f"document.querySelector('#people-map').visNodes.get('{node}').name")
    assert page.evaluate(f"document.querySelector('#people-map').visNodes.get('{node}').labelAt") is None
    page.locator('input[name="person"]').fill(name)
    page.locator('input[name="person"]').press("Enter")
    wait_until(lambda: page.evaluate("document.querySelector('#people-map').visNetwork.getSelectedNodes()") == [node])
    assert page.locator("#people-map-end").text_content().startswith(f"Showing {name}")
    label_at = f"document.querySelector('#people-map').visNodes.get('{node}').labelAt"
    wait_until(lambda: page.evaluate(label_at) is not None)
    # Found next: the first one found is unnamed again (their name stayed, over a neighbour's).
    other = page.evaluate(f"document.querySelector('#people-map').visNodes.get('{unnamed[1]}').name")
    page.locator('input[name="person"]').fill(other)
    page.locator('input[name="person"]').press("Enter")
    wait_until(lambda: page.evaluate(label_at) is None)
    visit.check_clean()


@pytest.mark.browser
def test_explore_opens_a_person_map_on_a_phone_with_the_names_whole(browser, busy, serve_dir):  # noqa: F811
    """On a phone a big map opens at its top left corner: it counted the dots only, so the names
    written to the left of theirs were cut ("en Park")."""
    visit = Visit(browser, serve_dir(busy.output), width=390)
    page = visit.open("people/ada-park/")
    page.locator("#person-map .map-explore").click()
    page.wait_for_selector("#person-map[data-explore-ready]", timeout=15_000)
    names, _ = page.evaluate(EXPLORE_NAMES)
    lefts = page.evaluate("lefts => lefts.map(x => document.querySelector('#person-map').visNetwork"
                          ".canvasToDOM({x: x, y: 0}).x)", [box[1] for box in names])
    assert names and min(lefts) >= 0, min(lefts)
    visit.check_clean()


def _drawn_kinds(svg) -> set[str]:
    """The kinds of line with an arrow a drawing draws (the grey lines among others have none)."""
    return {re.search(r"edge--(\w+)", " ".join(g["class"])).group(1) for g in svg.select("g.edge")
            if "edge--plain" not in g["class"]} - {"reply"}


def test_a_person_maps_key_lists_only_the_kinds_it_draws_and_its_arrows_stand_out(busy):
    """Ada's map draws only answers: its key said "replies to, quotes, mentions, links to" all the
    same. And the arrows were 6 px on lines up to 3.6 px wide: a reader could not see which way
    they pointed."""
    page = busy.page("people/ada-park/index.html")
    svgs = _svgs(page)
    drawn = set().union(*(_drawn_kinds(s) for s in svgs))
    key = page.select("figure.map-figure--people .map-legend li")
    assert [li.get_text(strip=True) for li in key] == ["replies to"]
    assert {li.select_one("path")["class"][1].removeprefix("edge--") for li in key} == drawn == {"replies"}
    widest = max(int(m) / 10 for s in svgs for m in re.findall(r"\bsw(\d+)\b", str(s)))
    markers = page.select("#person-map .map-defs marker")
    assert markers and all(float(m["markerwidth"]) >= 2.5 * widest for m in markers), (widest, markers)
    # The site's people map keys its own kinds the same way.
    site_page = busy.page("conversations/index.html")
    drawn = set().union(*(_drawn_kinds(s) for s in site_page.select("#people-map svg.map-svg")))
    # (a kind no line is drawn as is keyed only while a filter draws it: legend-explore)
    key = site_page.select("figure.map-figure--people .map-legend li:not(.legend-explore) path")
    assert {p["class"][1].removeprefix("edge--") for p in key} == drawn


def test_one_tie_on_a_phone_leaves_room_for_the_lines_both_ways():
    """Priya and Jonas answer each other and no one else: on a phone the ring put Jonas 25 px from the box
    with Priya's name, and the two arrows between them met in a knot. The ring's empty left half gives
    way: the box starts at the frame's edge, and the lines have room."""
    P = nx.DiGraph()
    P.add_node("me", label="Priya Raman", url="people/me/")
    P.add_node("j", label="Jonas Weber", url="people/j/")
    P.add_edge("j", "me", weight=2, reply=2)
    P.add_edge("me", "j", weight=2, reply=2)
    for width in (340, 680):
        me, jonas = ego_drawing(P, "me", ["j"], {}, width=width, link=lambda u: "/" + u)["nodes"]
        assert me["shape"] == "box" and me["x"] >= 0
        assert (jonas["x"] - jonas["r"]) - (me["x"] + me["w"]) >= 56, width
        x, _y, w, *_rest, text = jonas["label"]
        assert text == "Jonas Weber" and x + w <= width


def test_one_tie_beside_a_name_too_long_for_a_phone_stays_in_the_frame():
    """A real archive's 58-letter name with one tie: on a phone the other person went past the frame's
    right edge, named "…". Their name is whole and inside the frame; the long name is written by its dot."""
    P = nx.DiGraph()
    P.add_node("me", label="Denkmalüberdenscheißnach Dendudaschreibst Undsowiesoweiter", url="people/me/")
    P.add_node("o", label="Owner", url="people/o/")
    P.add_edge("me", "o", weight=1, reply=1)
    for width in (340, 680):
        me, owner = ego_drawing(P, "me", ["o"], {}, width=width, link=lambda u: "/" + u)["nodes"]
        x, _y, w, *_rest, text = owner["label"]
        assert text == "Owner" and x + w <= width, (width, owner["label"])
        left = me["x"] if me["shape"] == "box" else me["x"] - me["r"]
        assert owner["x"] + owner["r"] <= width and left >= 0, (width, me)


def _path_points(d: str, steps: int = 20) -> list[tuple[float, float]]:
    """Points along an SVG path of one M and one L or Q."""
    n = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", d)]
    if "Q" not in d:
        (x1, y1, x2, y2) = n
        return [(x1 + (x2 - x1) * t / steps, y1 + (y2 - y1) * t / steps) for t in range(steps + 1)]
    (x1, y1, cx, cy, x2, y2) = n
    def at(t: float, a: float, c: float, b: float) -> float:
        return (1 - t) ** 2 * a + 2 * (1 - t) * t * c + t * t * b
    return [(at(t, x1, cx, x2), at(t, y1, cy, y2)) for t in (i / steps for i in range(steps + 1))]


def test_a_tie_both_ways_draws_two_lines_whose_arrows_stand_apart():
    """Priya and Jonas answer each other: on a phone the two lines left and met the same two points, each
    arrowhead landing where the other line began, a knot of arrows; drawn apart, two heads on a short line
    still overlapped side by side. Each line keeps to its own side, its head clear of the other line and
    of the other head."""
    from conversation_map.svg import arrow_size

    P = nx.DiGraph()
    P.add_node("me", label="Priya Raman", url="people/me/")
    for other in ("j", "k", "l"):
        P.add_node(other, label=f"Reader {other.upper()}", url=f"people/{other}/")
        P.add_edge(other, "me", weight=3, reply=3)
        P.add_edge("me", other, weight=1 if other != "j" else 3, reply=1)
    for width in (340, 680):
        for ties in (["j"], ["j", "k", "l"]):
            drawing = ego_drawing(P, "me", ties, {}, width=width, link=lambda u: "/" + u)
            half = arrow_size([drawing]) / 2
            lines = {e["ends"]: e for e in drawing["edges"] if e["arrow"]}
            for (u, v), there in lines.items():
                back = lines.get((v, u))
                if back is None:
                    continue
                tip = _path_points(there["d"])[-1]  # where this line's arrowhead points
                gap = min(math.dist(tip, p) for p in _path_points(back["d"]))
                assert gap >= half + back["width"] / 2, (width, ties, u, v, gap, there["d"], back["d"])
                # and the two heads side by side stand apart, however short the lines (Jonas's page: a bow-tie)
                assert gap >= 2 * half + 1, (width, ties, u, v, gap)


def test_a_person_map_says_its_colours_are_groups(sample_site):
    """Priya wore pink on every post's map and olive on the person maps, where a colour is a group: a reader
    trusting colours from one map to the next was misled. The person map's caption says what its colours
    are, and where the groups are listed."""
    page = soup_of(sample_site / "people" / "priya-raman" / "index.html")
    caption = page.select_one("#person-map-caption")
    assert "A person’s colour is their group" in caption.get_text(" ", strip=True)
    assert caption.a["href"].endswith("conversations/#groups-title")
