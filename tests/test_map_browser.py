"""The maps as a reader sees them, in real headless Chromium: light and dark, desktop and phone, on the
sample site and on a site imported from real archives (a WordPress thread ten deep, a webmention
capture). One browser for the module; each site is built once per session.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from conversation_map.layout import text_width
from test_browser import Visit, browser, wait_until  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 800), "phone": (390, 844), "small laptop": (1024, 768)}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
SAMPLE_PAGES = ["posts/feedback-that-lands/", "posts/on-slow-reading/", "conversations/", "people/helen-achterberg/"]
REAL_PAGES = ["posts/template-comments/", "posts/full-11ty-js-monty/", "conversations/", "people/jane-bloggs/"]

# Everything the checks need from the visible map, measured in the page.
MEASURE = r"""
(container) => {
  const root = document.querySelector(container);
  const svg = [...root.querySelectorAll('.map-svg')].find(s => s.getClientRects().length);
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width});
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const cs = el => getComputedStyle(el);
  return {
    viewport: window.innerWidth,
    visible: [...root.querySelectorAll('.map-svg')].filter(s => s.getClientRects().length).length,
    bg: cs(root.querySelector('.map-canvas')).backgroundColor,
    svg: box(svg.getBoundingClientRect()), canvas: box(root.querySelector('.map-canvas').getBoundingClientRect()),
    scale: scale,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    nodes: [...svg.querySelectorAll('a.map-node .node')].map(n => ({
      id: n.parentNode.dataset.node, rect: box(n.getBoundingClientRect()), fill: cs(n).fill, stroke: cs(n).stroke,
      box: /node--(post|post-other|reply-other|source|person|more)\b|community-none\b/.test(n.className.baseVal)})),
    labels: [...svg.querySelectorAll('text')].map(t => ({
      text: t.textContent, bold: parseInt(cs(t).fontWeight) >= 600, fill: cs(t).fill,
      size: parseFloat(cs(t).fontSize) * scale,
      rect: box(t.getBoundingClientRect())})),
    edges: [...svg.querySelectorAll('g.edge path')].map(e => cs(e).stroke),
  };
}
"""


def _rgb(value: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", value)[:3])


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def lum(rgb):
        chans = [c / 255 for c in rgb]
        chans = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * chans[0] + 0.7152 * chans[1] + 0.0722 * chans[2]
    la, lb = sorted((lum(_rgb(a)), lum(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


JARGON = re.compile(r"\b(nodes?|edges?|vertex|vertices|graph)\b", re.I)


def _plain(text: str) -> str:
    """Reader-facing map text: no graph jargon ("node", "edge")."""
    assert text and not JARGON.search(text), text
    return text


@pytest.fixture(scope="module")
def sites(sample_site, real_map_site, serve_dir):
    return {"sample": serve_dir(sample_site), "real": serve_dir(real_map_site), "real_dir": real_map_site}


@pytest.fixture(scope="module")
def sample_only(sample_site, serve_dir):
    return serve_dir(sample_site)


def _check_map(page, where: str) -> dict:
    m = page.evaluate(MEASURE, ".network-map")
    assert m["csp"] == CSP, where
    assert m["visible"] == 1, where  # of a map's drawings, exactly one shows
    # Fitted: the drawing is inside its box and the box inside the window; every node inside the drawing.
    assert m["svg"]["left"] >= m["canvas"]["left"] - 0.5 and m["svg"]["right"] <= m["canvas"]["right"] + 0.5, where
    assert m["canvas"]["left"] >= 0 and m["canvas"]["right"] <= m["viewport"], where
    for node in m["nodes"]:
        r = node["rect"]
        assert (r["left"] >= m["svg"]["left"] - 1 and r["right"] <= m["svg"]["right"] + 1
                and r["top"] >= m["svg"]["top"] - 1 and r["bottom"] <= m["svg"]["bottom"] + 1), (where, node["id"])
        # Shapes a reader must see: >= 3:1 against the map background (filled nodes by fill, boxes and hollow
        # dots by their outline).
        seen = node["stroke"] if node["box"] else node["fill"]
        assert contrast(seen, m["bg"]) >= 3, (where, node["id"], seen, m["bg"])
    for label in m["labels"]:
        assert label["size"] >= 12, (where, label["text"], label["size"])
        assert contrast(label["fill"], m["bg"]) >= 4.5, (where, label["text"], label["fill"], m["bg"])
        assert label["rect"]["right"] <= m["svg"]["right"] + 1 and label["rect"]["left"] >= m["svg"]["left"] - 1, \
            (where, label["text"])
    # No two labels overlap as drawn (real text boxes), and the build's width estimate holds.
    labels = [lb for lb in m["labels"] if lb["rect"]["width"] > 0]
    for label in labels:
        estimate = text_width(label["text"], label["size"] / m["scale"], label["bold"]) * m["scale"]
        assert label["rect"]["width"] <= estimate + 0.5, (where, label["text"], label["rect"]["width"], estimate)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            ra, rb = a["rect"], b["rect"]
            apart = (ra["right"] <= rb["left"] + 0.5 or rb["right"] <= ra["left"] + 0.5
                     or ra["bottom"] <= rb["top"] + 0.5 or rb["bottom"] <= ra["top"] + 0.5)
            assert apart, (where, a["text"], b["text"])
    for stroke in set(m["edges"]):
        assert contrast(stroke, m["bg"]) >= 3, (where, stroke, m["bg"])
    return m


@pytest.mark.real_fixtures
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_maps_fit_and_are_legible_in_both_schemes_at_both_sizes(browser, sites, scheme):  # noqa: F811
    for size, (width, height) in SIZES.items():
        for site, pages in (("sample", SAMPLE_PAGES), ("real", REAL_PAGES)):
            visit = Visit(browser, sites[site], width=width)
            visit.page.set_viewport_size({"width": width, "height": height})
            visit.page.emulate_media(color_scheme=scheme)
            for path in pages:
                page = visit.open(path)
                assert int(page.get_attribute(".network-map", "data-ready")) > 0
                m = _check_map(page, f"{site}:{path} {scheme} {size}")
                assert m["nodes"] and m["labels"]
            visit.check_clean()


def test_wheel_scrolls_the_page_and_explore_zooms_only_when_asked(browser, sample_only):  # noqa: F811
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("posts/feedback-that-lands/")
    page.locator("#conversation-map .map-canvas").scroll_into_view_if_needed()
    box = page.locator("#conversation-map .map-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    assert "a reply or a post" in _plain(page.locator("#conversation-map .map-hint").text_content())
    _plain(page.locator("#conversation-map .map-details-text").text_content())
    before = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 300)
    wait_until(lambda: page.evaluate("window.scrollY") > before)
    # Explore: vis-network is loaded only now, draws the same nodes, and takes the wheel only with Ctrl.
    assert page.evaluate("typeof vis") == "undefined"
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    svg_nodes = page.locator("#conversation-map svg[data-explore] a.map-node").count()
    assert int(page.get_attribute("#conversation-map", "data-explore-ready")) == svg_nodes
    # what it draws in plain words, counted as the caption counts ("marks on the map" said nothing)
    said = _plain(page.locator("#conversation-map-end").text_content())
    assert said.startswith("Explore: 12 replies and the post, with 14 lines between them."), said
    assert page.locator("#conversation-map .map-canvas").is_hidden()
    assert page.locator("#conversation-map .map-zoom").is_visible()
    # The hint says what Explore does (no "press Enter on it": its names are not links) and where the links are.
    hint = _plain(page.locator("#conversation-map .map-hint").text_content())
    # ("From the keyboard, “Back to the map” has a link for each." was read as a riddle)
    assert "Enter" not in hint
    assert "Escape goes back to the map, where the keyboard reaches each reply by its link." in hint
    scale = "document.querySelector('#conversation-map').visNetwork.getScale()"
    start = page.evaluate(scale)
    # It opens where its names are readable: whole if it fits at 0.75 or more (13 px names at 9.75 px
    # or more: a small map on a phone showed names cut at the right edge at 0.95), else at 0.95.
    assert start >= 0.75 - 1e-6
    if start < 0.95 - 1e-6:
        page.get_by_role("button", name="Fit").click()
        assert page.evaluate(scale) == start
    canvas = page.locator(".map-explore-canvas").bounding_box()
    page.mouse.move(canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
    before = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 200)
    wait_until(lambda: page.evaluate("window.scrollY") > before)
    assert page.evaluate(scale) == start
    canvas = page.locator(".map-explore-canvas").bounding_box()
    page.mouse.move(canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    wait_until(lambda: page.evaluate(scale) > start)
    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Fit").click()
    fitted = page.evaluate(scale)
    inside = ("(() => { const c = document.querySelector('#conversation-map'), n = c.visNetwork;"
              " const box = c.querySelector('.map-explore-canvas').getBoundingClientRect();"
              " return Object.values(n.getPositions()).every(p => { const d = n.canvasToDOM(p);"
              " return d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height; }); })()")
    assert fitted <= start and page.evaluate(inside)  # the whole map in view
    page.get_by_role("button", name="Zoom in").click()
    assert page.evaluate(scale) > fitted
    # The keyboard: Tab reaches the explore view; arrows move it, + and − zoom, 0 fits (no page scroll).
    page.get_by_role("button", name="Zoom in").focus()
    view = "(() => { const p = document.querySelector('#conversation-map').visNetwork.getViewPosition(); " \
           "return [p.x, p.y]; })()"
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "map-explore-canvas":
            break
    assert page.evaluate("document.activeElement.className") == "map-explore-canvas"
    at, before = page.evaluate(view), page.evaluate("window.scrollY")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = page.evaluate(view)
    assert moved[0] > at[0] and moved[1] > at[1] and page.evaluate("window.scrollY") == before
    zoomed = page.evaluate(scale)
    page.keyboard.press("+")
    assert page.evaluate(scale) > zoomed
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert page.evaluate(scale) < zoomed
    page.keyboard.press("0")
    assert abs(page.evaluate(scale) - fitted) < 1e-6
    page.keyboard.press("Tab")  # one stop for the whole view (vis-network's own frame is not a second one)
    assert not page.evaluate("document.querySelector('.map-explore-canvas').contains(document.activeElement)")
    page.get_by_role("button", name="Back to the map").click()
    assert page.locator("#conversation-map .map-canvas").is_visible()
    # Escape closes it too, from the view itself, and leaves the keyboard on the button that opens it again.
    page.locator("#conversation-map .map-explore").click()
    page.locator(".map-explore-canvas").focus()
    page.keyboard.press("Escape")
    assert page.locator("#conversation-map .map-canvas").is_visible()
    assert page.locator(".map-explore-canvas").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Explore"
    assert page.locator("#conversation-map-end").text_content() == ""  # no word of the view left
    visit.check_clean()


def test_tab_reaches_every_node_shows_details_and_enter_opens_it(browser, sample_only):  # noqa: F811
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("posts/feedback-that-lands/")
    expected = page.eval_on_selector_all("#conversation-map svg[data-explore] a.map-node",
                                         "links => links.map(a => a.dataset.node)")
    page.locator("#conversation-map .map-explore").focus()
    page.keyboard.press("Shift+Tab")  # before the map: a link to skip its nodes
    assert page.evaluate("document.activeElement.textContent") == "Skip the map"
    page.keyboard.press("Tab")
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.dataset.node"))
    assert reached == expected
    details = page.locator("#conversation-map .map-details-text")
    assert "Tomás Herrera" in details.text_content() and "2026" in details.text_content()
    assert page.evaluate("getComputedStyle(document.querySelector('.map-details-text')).whiteSpace") == "pre-line"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.node") is None  # out of the map
    page.locator('#conversation-map svg[data-explore] a[data-node="reply:feedback-that-lands/sam-2"]').focus()
    assert "Sam Oduya" in details.text_content()
    page.keyboard.press("Enter")
    wait_until(lambda: page.evaluate("location.hash") == "#reply-sam-2")
    assert page.evaluate("document.querySelector(':target').id") == "reply-sam-2"
    page = visit.open("conversations/")
    page.locator('#people-map a[data-node="person:priya-raman"]').locator("visible=true").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/priya-raman/", timeout=5_000)
    visit.check_clean()


def test_hover_and_tap_show_details_and_follow_the_link(browser, sample_only):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    assert "Tap a name" in _plain(page.locator("#people-map .map-hint").text_content())
    node = page.locator('#people-map .map-svg a[data-node="person:jonas-weber"]').locator("visible=true").first
    node.scroll_into_view_if_needed()
    node.tap()  # the first tap shows the details (touch has no hover) and stays on the page
    page.wait_for_timeout(300)
    assert page.url.endswith("/conversations/")
    assert "Jonas Weber" in page.locator("#people-map .map-details-text").text_content()
    other = page.locator('#people-map .map-svg a[data-node="person:priya-raman"]').locator("visible=true").first
    other.tap()  # another name: its details, still no navigation
    page.wait_for_timeout(300)
    assert page.url.endswith("/conversations/")
    assert "Priya Raman" in page.locator("#people-map .map-details-text").text_content()
    other.tap()  # the same name again opens it
    page.wait_for_url("**/people/priya-raman/", timeout=5_000)
    context.close()
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("people/jonas-weber/")
    # Jonas's map shows the readers he built on or who built on him (the host is counted apart)
    page.locator('#person-map a[data-node="person:priya-raman"] .node').locator("visible=true").hover()
    assert "Priya Raman" in page.locator("#person-map .map-details-text").text_content()
    assert page.get_attribute("#person-map", "data-shown") == "person:priya-raman"
    visit.check_clean()


def test_one_finger_scrolls_the_page_over_a_map_on_a_phone(browser, sample_only):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/posts/feedback-that-lands/")
    cdp = context.new_cdp_session(page)

    def swipe_over(selector: str) -> None:
        page.locator(selector).scroll_into_view_if_needed()
        box = page.locator(selector).bounding_box()
        before = page.evaluate("window.scrollY")
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] - 20, 200)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 11):  # one finger, upwards
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - step * 15}]})
            time.sleep(0.016)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_until(lambda: page.evaluate("window.scrollY") > before)

    swipe_over("#conversation-map .map-canvas")
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    view = "JSON.stringify(document.querySelector('#conversation-map').visNetwork.getViewPosition())"
    start = page.evaluate(view)
    swipe_over(".map-explore-canvas")
    assert page.evaluate(view) == start  # the page moved, not the map
    context.close()


def test_without_javascript_the_map_is_there_and_its_links_work(browser, sample_only):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    assert page.locator("#people-map .map-svg").locator("visible=true").count() == 1
    assert page.locator("#people-map .map-toolbar").is_hidden()
    assert page.locator("#people-map-controls").is_hidden()
    page.locator('#people-map a[data-node="person:tomas-herrera"]').locator("visible=true").first.click()
    page.wait_for_url("**/people/tomas-herrera/")
    page.goto(f"{sample_only}/posts/on-slow-reading/")
    link = page.locator("#conversation-map a.map-node[href^='#reply-']").locator("visible=true").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    context.close()


def _chain_of_readers(root, readers: int, **settings):
    """One post by Mira and ``readers`` readers in a chain under it (each answers the one before), built."""
    from sitebuild import build_site

    content = root / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "p.md").write_text("Title: P\nDate: 2026-01-01\nAuthor: Mira Okafor\nSlug: p\n\nA post.\n",
                                            encoding="utf-8")
    folder = content / "replies" / "p"
    folder.mkdir(parents=True)
    for i in range(readers):
        answer = f"Reply-To: r{i - 1}\n" if i else ""
        (folder / f"r{i}.md").write_text(f"Author: Person {chr(65 + i)}\nDate: 2026-01-02 10:{i:02d}\n{answer}\nYes.\n",
                                         encoding="utf-8")
    return build_site(content, root / "output", **settings)


@pytest.fixture(scope="module")
def capped_site(tmp_path_factory, serve_dir):
    """Eight readers in a chain under one post, a people map capped at four: its base URL."""
    return serve_dir(_chain_of_readers(tmp_path_factory.mktemp("capped"), 8, CONVERSATION_MAP_MAX_PEOPLE=4))


def test_search_finds_people_left_off_a_capped_map(browser, capped_site):  # noqa: F811
    visit = Visit(browser, capped_site, width=1280)
    page = visit.open("conversations/")
    # eight readers; the host, whom they only answered, is counted apart, not drawn
    assert "4 most connected of 8 people" in page.locator(".map-cap").text_content()
    drawn = page.eval_on_selector_all("#people-map .map-canvas > svg:first-child a.map-node",
                                      "links => links.map(a => a.getAttribute('aria-label') || "
                                      "(a.querySelector('title') || a.querySelector('.label')).textContent"
                                      ".split('\\n')[0])")
    missing = next(f"Person {chr(65 + i)}" for i in range(8) if f"Person {chr(65 + i)}" not in drawn)
    page.locator('input[name="person"]').fill(missing)
    page.locator('input[name="person"]').press("Enter")
    assert page.evaluate("document.activeElement.textContent") == missing
    assert "not on the map" in page.locator(".map-status").text_content()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{missing.lower().replace(' ', '-')}/")
    visit.check_clean()


def test_searching_again_shows_the_next_of_several_matches(browser, capped_site):  # noqa: F811
    visit = Visit(browser, capped_site, width=1280)
    page = visit.open("conversations/")
    search = page.locator('input[name="person"]')
    seen = []
    for _ in range(5):  # four people drawn have "person" in their name; the fifth search starts over
        search.fill("person")
        search.press("Enter")
        seen.append(page.evaluate("document.activeElement.getAttribute('data-node')"))
        status = page.locator(".map-status").text_content()
        assert f"{len(seen) - 4 if len(seen) > 4 else len(seen)} of 4 people whose name has “person”" in status
    assert len(set(seen[:4])) == 4 and seen[4] == seen[0]
    assert seen[:4] == sorted(seen[:4])  # in name order ("Person A", "Person C"...): the same on every drawing
    assert page.get_attribute("#people-map", "data-focused") == seen[4]
    search.fill("Person B" if "person:person-b" in seen else seen[0].removeprefix("person:").replace("-", " "))
    search.press("Enter")  # a whole name: that one person, and nothing to step through
    assert "search again" not in page.locator(".map-status").text_content()
    visit.check_clean()


@pytest.fixture(scope="module")
def wide_cast(tmp_path_factory, serve_dir):
    """Sixteen readers in a chain under one post: a phone's people map draws some of them only."""
    return serve_dir(_chain_of_readers(tmp_path_factory.mktemp("wide-cast"), 16))


def test_a_phone_finds_everyone_on_the_map_and_says_who_its_drawing_leaves_out(browser, wide_cast):  # noqa: F811
    """On a phone the people map draws the most connected few; "Find a person" still looks through everyone
    on the map: it counts every match, and one the phone's drawing leaves out is said to be on the map (not
    "not on the map"), beside the search box, with a link to their page focused there."""
    visit = Visit(browser, wide_cast, width=390)
    page = visit.open("conversations/")
    drawn = page.eval_on_selector_all("#people-map .map-svg--narrow a.map-node[data-node^='person:']",
                                      "links => links.map(a => a.getAttribute('data-node'))")
    assert 0 < len(drawn) < 16, drawn
    everyone = [f"person:person-{chr(97 + i)}" for i in range(16)]
    left_out = next(n for n in everyone if n not in drawn)
    search = page.locator('input[name="person"]')
    search.fill("person")
    search.press("Enter")
    assert "1 of 16 people whose name has “person”" in page.locator(".map-status").text_content()
    name = "Person " + left_out[-1].upper()
    search.fill(name)
    search.press("Enter")
    status = page.locator(".map-status").text_content()
    assert status.startswith(f"{name}: on the map, but not drawn at this width"), status
    # said beside the search box, with a link to their page, focused there: no jump to a list far below
    beside = page.locator(".find-status")
    assert beside.is_visible() and beside.text_content() == status
    assert page.evaluate("document.activeElement.closest('.find-status') !== null")
    assert page.evaluate("document.activeElement.textContent") == name
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(
        f"people/{name.lower().replace(' ', '-')}/")
    before = page.evaluate("window.scrollY")
    search.fill("zelda")
    search.press("Enter")
    assert beside.text_content() == "Nobody called “zelda” on this site." and beside.is_visible()
    assert beside.bounding_box()["y"] < 700 and abs(page.evaluate("window.scrollY") - before) < 400
    visit.check_clean()


@pytest.fixture(scope="module")
def long_thread(tmp_path_factory, serve_dir):
    """A thread of 35 replies, longer than a phone's screen: its map has a phone drawing and a
    desktop drawing (shorter threads have one drawing for both, see test_maps)."""
    from conftest import SiteMaker

    site = SiteMaker(tmp_path_factory.mktemp("long-thread"))
    site.post("p", title="A thread longer than a phone's screen")
    for i in range(1, 36):
        site.reply("p", f"r{i}", f"Answer {i}.", Author=f"Person {i % 7}", Reply_To=f"r{i - 5}" if i > 5 else None,
                   Date=f"2026-01-02 10:{i:02d}")
    return serve_dir(site.build())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_long_thread_shows_its_phone_or_desktop_drawing_and_explore_reads_the_desktop_one(
        browser, long_thread, scheme):  # noqa: F811
    for size in ("desktop", "phone"):
        width, height = SIZES[size]
        visit = Visit(browser, long_thread, width=width)
        visit.page.set_viewport_size({"width": width, "height": height})
        visit.page.emulate_media(color_scheme=scheme)
        page = visit.open("posts/p/")
        m = _check_map(page, f"long thread {scheme} {size}")
        shown = page.evaluate("[...document.querySelectorAll('#conversation-map .map-svg')]"
                              ".filter(s => s.getClientRects().length).map(s => s.getAttribute('width'))")
        assert shown == (["680"] if size == "desktop" else ["340"]), (size, shown)
        assert m["svg"]["bottom"] - m["svg"]["top"] <= 844 or size == "desktop"
        # the caption speaks of the drawing shown: the phone's folds replies the desktop's shows
        caption = page.inner_text("#conversation-map-caption")
        assert ("folded" in caption) == (size == "phone"), (size, caption)
        wide = page.locator("#conversation-map svg[data-explore] a.map-node").count()
        assert wide == 36  # the post and every reply, none folded
        page.locator("#conversation-map .map-explore").click()
        page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
        assert int(page.get_attribute("#conversation-map", "data-explore-ready")) == wide
        visit.check_clean()


@pytest.mark.real_fixtures
def test_every_page_of_the_real_archives_fits_a_phone(browser, sites):  # noqa: F811
    """Real archives hold words wider than a phone: a 58-letter place name as a post's title, bare
    URLs, embedded media. No page may scroll sideways at 390 px (author pages redirect; skipped)."""
    visit = Visit(browser, sites["real"], width=390)
    root = sites["real_dir"]
    wide = []
    for index in sorted(root.rglob("index.html")):
        path = index.relative_to(root).parent.as_posix()
        if path.startswith("author/"):
            continue
        page = visit.open("" if path == "." else f"{path}/")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append((path, width))
    assert len(list(root.rglob("index.html"))) > 80
    assert wide == []


IN_VIEW = """() => { const c = document.querySelector('#people-map'), n = c.visNetwork;
  const box = c.querySelector('.map-explore-canvas'), ids = c.visNodes.getIds({filter: x => !x.hidden});
  const at = n.getPositions(ids);
  return [ids.length, ids.filter(id => { const d = n.canvasToDOM(at[id]);
    return d.x >= 0 && d.y >= 0 && d.x <= box.clientWidth && d.y <= box.clientHeight; }).length]; }"""


def test_explore_and_the_filters_always_show_someone(browser, sample_only):  # noqa: F811
    """The explore view opens with people in it, and a filter never leaves it empty: on a desktop the
    sample's six people all show; on a phone, unticking a kind or picking a topic shows who is left."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    assert page.evaluate(IN_VIEW) == [6, 6]  # a small map opens whole
    # a line's details count contributions, as the tables do: one reply that answers and names someone is once
    titles = page.evaluate("""() => document.querySelector('#people-map').visData.edges.map(
        e => typeof e.title === 'string' ? e.title : e.title.textContent)""")
    assert "Jonas Weber builds on Priya Raman: 2 times (answering in 2, quoting in 1, naming them in 1)" in titles
    phone = Visit(browser, sample_only, width=390)
    page = phone.open("conversations/")
    page.locator('input[name="kind"][value="reply"]').uncheck()  # switches to the explore view
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    wait_until(lambda: page.evaluate(IN_VIEW)[1] > 0)
    shown, in_view = page.evaluate(IN_VIEW)
    assert 0 < in_view <= shown < 6
    page.select_option('select[name="topic"]', index=2)
    wait_until(lambda: page.evaluate(IN_VIEW)[1] > 0)
    visit.check_clean()
    phone.check_clean()


def test_a_filter_does_not_leave_a_person_s_details_from_all_posts_on_show(browser, sample_only):  # noqa: F811
    """Helen's details said how often others built on her across all posts; under a topic the lines are
    those of that topic alone, and the box went on saying the all-posts numbers. A filter changing the view
    returns the box to what it says when no one is pointed at."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    details = page.locator("#people-map .map-details-text")
    node = page.locator('#people-map .map-svg a[data-node="person:helen-achterberg"]').locator("visible=true").first
    node.hover()
    wait_until(lambda: "Helen Achterberg" in details.text_content())
    page.select_option('select[name="topic"]', index=1)  # opens the explore view
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    wait_until(lambda: "Helen Achterberg" not in details.text_content())
    idle = page.evaluate("document.querySelector('#people-map').detailsIdle.explore")
    assert _plain(details.text_content()) == _plain(idle)
    visit.check_clean()


PEOPLE_LINES = """() => Array.from(document.querySelectorAll(
    '#people-map svg.map-svg .edge path, #people-map ~ .map-legend .edge, .map-controls .legend-mark .edge'))
  .filter(el => el.getClientRects().length).map(el => { const s = getComputedStyle(el);
    const cls = (el.closest('.edge') || el).getAttribute('class');
    const kind = (cls.match(/edge--(replies|quote|mention|link)/) || [])[1];
    return [kind, s.stroke, s.strokeDasharray]; })"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_people_map_lines_are_one_ink_told_apart_by_pattern(browser, sample_only, scheme):  # noqa: F811
    """A person's colour is their group, so no line may take a colour: every line on the people map,
    in its key and in its filters is one ink, and each kind has its own pattern."""
    visit = Visit(browser, sample_only, width=1280)
    visit.page.emulate_media(color_scheme=scheme)
    page = visit.open("conversations/")
    lines = [line for line in page.evaluate(PEOPLE_LINES) if line[0]]
    # the kinds the readers' connections have (the key and the filters; no reader links to another here)
    assert {kind for kind, _, _ in lines} == {"replies", "quote", "mention"}
    assert len({stroke for _, stroke, _ in lines}) == 1  # one ink
    patterns = {kind: dash for kind, _, dash in lines}
    assert len(set(patterns.values())) == 3 and patterns["replies"] == "none"
    for kind, _, dash in lines:
        assert dash == patterns[kind], kind  # the same kind looks the same in the map, key and filters


ARTICLE_LINES = """() => { const fig = document.querySelector('figure.map-figure--article');
  const kinds = /edge--(cites|quote|mention|link|elsewhere)/;
  const lines = Array.from(fig.querySelectorAll('svg.map-svg .edge path, .map-legend .edge'))
    .filter(el => el.getClientRects().length).map(el => {
      const cls = (el.closest('.edge') || el).getAttribute('class');
      const s = getComputedStyle(el); return [(cls.match(kinds) || [])[1], s.stroke, s.strokeDasharray]; });
  const authors = Array.from(fig.querySelectorAll('.key-mark')).map(el => getComputedStyle(el).backgroundColor);
  return [lines.filter(l => l[0]), authors]; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_map_lines_across_the_thread_are_one_ink_apart_from_every_author(browser, sample_only, scheme):  # noqa: F811
    """A reply's colour is its author, so no line across the thread may take an author's colour (a
    magenta "builds on" line beside a magenta reply): they are one ink, and each kind has its own
    pattern, the same in the map and its key."""
    visit = Visit(browser, sample_only, width=1280)
    visit.page.emulate_media(color_scheme=scheme)
    page = visit.open("posts/learning-in-public/")
    lines, authors = page.evaluate(ARTICLE_LINES)
    assert {kind for kind, _, _ in lines} >= {"cites", "elsewhere", "link", "mention"}
    inks = {stroke for _, stroke, _ in lines}
    assert len(inks) == 1 and len(authors) >= 5
    assert not inks & set(authors)
    patterns = {kind: dash for kind, _, dash in lines}
    assert len(set(patterns.values())) == len(patterns)
    for kind, _, dash in lines:
        assert dash == patterns[kind], kind


EXPLORE_NAMES = """() => { const c = document.querySelector('#conversation-map'), n = c.visNetwork;
  const canvas = c.querySelector('.map-explore-canvas').getBoundingClientRect();
  const all = c.visNodes.get(), at = n.getPositions(all.map(x => x.id));
  const replies = all.filter(x => x.id.startsWith('reply:learning-in-public/'));
  const marks = all.map(x => { const b = n.getBoundingBox(x.id); return [x.id, b.left, b.top, b.right, b.bottom]; });
  const names = all.filter(x => x.name).map(x => { const p = at[x.id], l = p.x + (x.size || 7) + 3;
    return [x.id, l, p.y - 10, l + x.nameWidth + 8, p.y + 10]; });
  const toPage = (x, y) => { const d = n.canvasToDOM({x: x, y: y}); return [canvas.left + d.x, canvas.top + d.y]; };
  const first = names.find(b => b[0] === 'reply:learning-in-public/tomas-1') || names[0];
  return {replies: replies.map(r => [r.shape, r.label === undefined, r.name]), marks: marks, names: names,
          left: Math.min(...marks.map(m => n.canvasToDOM({x: m[1], y: 0}).x)),
          target: [first[0], ...toPage((first[1] + first[3]) / 2, (first[2] + first[4]) / 2)]}; }"""


def _overlap(a, b) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


@pytest.mark.parametrize("width", [1280, 390])
def test_explore_writes_an_article_maps_names_beside_their_marks_over_the_lines(browser, sample_only, width):  # noqa: F811
    """vis-network writes a dot's name under it, across the thread's lines, and the view opened with
    the leftmost names cut ("omás Herrera"). Explore now writes each reply's name beside its mark, as
    the SVG does, on a patch over the lines; no name covers another or a mark, none is cut at the
    left, and pointing at a name shows its details and clicking it opens the reply."""
    visit = Visit(browser, sample_only, width=width)
    page = visit.open("posts/learning-in-public/")
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    found = page.evaluate(EXPLORE_NAMES)
    assert len(found["replies"]) == 6
    assert all(shape in ("dot", "square", "diamond") and unlabelled and name
               for shape, unlabelled, name in found["replies"]), found["replies"]
    names, marks = found["names"], found["marks"]
    assert len(names) >= 6 and found["left"] >= 0
    for i, box in enumerate(names):
        assert not any(_overlap(box, other) for other in names[i + 1:]), box
        assert not any(_overlap(box, mark) for mark in marks), box
    # The post's own box is edged in the post's colour, another post's grey as on the map (it was blue).
    borders = page.evaluate("""() => { const c = document.querySelector('#conversation-map');
      const css = n => getComputedStyle(document.documentElement).getPropertyValue(n).trim();
      const b = id => c.visNodes.get(id).color.border;
      return [b('post:learning-in-public'), b('post:keeping-a-learning-journal'),
              css('--map-post'), css('--map-line')]; }""")
    assert borders[0] == borders[2] and borders[1] == borders[3], borders
    node, x, y = found["target"]
    page.mouse.move(x, y)
    wait_until(lambda: page.get_attribute("#conversation-map", "data-shown") == node)
    page.mouse.click(x, y)
    wait_until(lambda: page.evaluate("location.hash") == "#" + page.evaluate(
        "id => new URL(document.querySelector('#conversation-map').visNodes.get(id).href, document.baseURI).hash"
        ".slice(1)", node))
    visit.check_clean()


def test_explore_on_a_phone_a_first_tap_shows_who_a_second_opens(browser, sample_only):  # noqa: F811
    """The map's hint says "Tap once to see who and when, again to open it": Explore does the same
    (it opened the reply at the first tap)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/posts/learning-in-public/")
    page.locator("#conversation-map .map-explore").tap()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    page.locator("#conversation-map .map-explore-canvas").scroll_into_view_if_needed()
    node, x, y = page.evaluate(EXPLORE_NAMES)["target"]
    page.touchscreen.tap(x, y)
    wait_until(lambda: page.get_attribute("#conversation-map", "data-shown") == node)
    assert "Tomás Herrera" in page.locator("#conversation-map .map-details-text").text_content()
    assert page.evaluate("location.hash") == ""
    page.touchscreen.tap(x, y)
    wait_until(lambda: page.evaluate("location.hash").startswith("#reply-"))
    context.close()


WORDS_SPLIT = """() => { const split = [];
  for (const cell of document.querySelectorAll('.reply-content table td, .reply-content table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]); } } }
  return split; }"""


@pytest.mark.real_fixtures
def test_a_table_in_a_reply_keeps_its_words_whole_on_a_phone(browser, sites):  # noqa: F811
    """The WordPress theme-test comment with a table: on a phone its words were broken ("Salar/y");
    the table keeps them whole and scrolls sideways by itself instead of widening the page."""
    visit = Visit(browser, sites["real"], width=390)
    page = visit.open("posts/template-comments/")
    assert page.locator(".reply-content table").count() >= 1
    assert page.evaluate(WORDS_SPLIT) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", ["posts/feedback-that-lands/", "conversations/"])
def test_the_details_box_speaks_of_taps_on_a_phone_and_of_pointer_and_keys_elsewhere(browser, sample_only, path):  # noqa: F811
    """The hint over a map said "Tap…" on a phone while the box under it said "Point at or move the
    focus…": both now use the words of the device, before anything is chosen."""
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{sample_only}/{path}")
    hint = page.locator(".network-map .map-hint").first.text_content()
    said = _plain(page.locator(".network-map .map-details-text").first.text_content())
    assert hint.startswith("Tap ") and said.endswith(" you tap show here."), (hint, said)
    assert not re.search(r"\b(point|click|focus|Tab|Enter|hover)\b", said, re.I), said
    phone.close()
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open(path)
    said = _plain(page.locator(".network-map .map-details-text").first.text_content())
    assert said.startswith("Point at ") and "Tab" in said and "Enter" in said, said
    assert "tap" not in said.lower(), said
    visit.check_clean()


LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"

# Each word of each name in the tables of who builds on whom: split over lines, and whether it
# could have fitted the line whole (its width against its row's).
NAME_WORDS = """() => { const found = [];
  for (const link of document.querySelectorAll('.builds-on-table td a')) {
    if (!link.getClientRects().length) continue;
    const row = link.closest('tr').getBoundingClientRect().width;
    const nodes = [], walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, text.length]); text += node.textContent; }
    const at = i => { let k = nodes.length - 1; while (nodes[k][1] > i) k--; return [nodes[k][0], i - nodes[k][1]]; };
    for (const m of text.matchAll(/\\S+/g)) {  // a word, across the text nodes an element inside it makes
      const range = document.createRange();
      range.setStart(...at(m.index)); range.setEnd(...at(m.index + m[0].length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const lines = new Set(rects.map(r => Math.round(r.top))).size;
      found.push({word: m[0], lines: lines, width: rects.reduce((s, r) => s + r.width, 0), row: row}); } }
  return found; }"""


@pytest.fixture(scope="module")
def long_names(tmp_path_factory, serve_dir):
    """Readers with long names building on each other (names as a real German blog has them)."""
    from conftest import SiteMaker

    site = SiteMaker(tmp_path_factory.mktemp("long-names"))
    site.post("p", title="Names")
    site.reply("p", "jo", "A first answer.", Author="Jo Menschenfreund", Date="2026-01-02 10:00")
    site.reply("p", "dd", "An answer to Jo.", Author="Denkmalüberdenscheißnach Dendudaschreibst", Reply_To="jo",
               Date="2026-01-02 10:01")
    site.reply("p", "lu", "Another.", Author="Lusru", Reply_To="jo", Date="2026-01-02 10:02")
    site.reply("p", "vm", "And back.", Author="Volker Melchers", Reply_To="dd", Date="2026-01-02 10:03")
    site.reply("p", "lw", "One more.", Author=LONG_WORD, Reply_To="vm", Date="2026-01-02 10:04")
    return serve_dir(site.build())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_names_in_the_tables_break_only_between_words_on_a_phone(browser, long_names, scheme):  # noqa: F811
    """On a phone the tables of who builds on whom split names into pieces ("Denkmalü / berdensc /
    heißnach", "Jo / Menschen / freund") beside a Times column repeating How. Now a name breaks
    between its words only, a word wider than the line may break, and the page never scrolls sideways;
    on a desktop the table keeps its columns."""
    pages = ["posts/p/", "conversations/", "people/volker-melchers/"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  color_scheme=scheme)
    page = context.new_page()
    for path in pages:
        page.goto(f"{long_names}/{path}")
        words = page.evaluate(NAME_WORDS)
        assert {"Denkmalüberdenscheißnach", LONG_WORD} <= {w["word"] for w in words}, path
        assert "Menschenfreund" in {w["word"] for w in words} or path.startswith("people/")
        split = [w["word"] for w in words if w["lines"] > 1 and w["width"] <= w["row"]]
        assert split == [], (path, split)
        assert any(w["word"] == LONG_WORD and w["lines"] > 1 for w in words), path  # wider than a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert page.locator(".builds-on-table td.num").locator("visible=true").count() == 0, path
        how = page.locator(".builds-on-table td.tie-how").locator("visible=true")
        assert how.count() and re.match(r"\d+ (reply|replies|quotes?|mentions?|links?)\b", how.first.text_content())
    context.close()
    visit = Visit(browser, long_names, width=1280)
    page = visit.open("conversations/")
    assert page.locator(".builds-on-table th").all_text_contents() == ["Who", "builds on", "Times", "How"]
    assert page.locator(".builds-on-table td.num").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.builds-on-table tr')).display") == "table-row"
    visit.check_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_explore_draws_someone_in_no_group_hollow_as_the_map_does(browser, tmp_path, serve_dir, scheme):  # noqa: F811
    """The map draws someone in no group hollow; Explore filled them with the smaller groups' grey,
    the very confusion the hollow dot ends (a review)."""
    from sitebuild import build_site

    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "p.md").write_text("Title: P\nDate: 2026-01-01\nAuthor: Mira Okafor\nSlug: p\n\nA post.\n",
                                            encoding="utf-8")
    folder = content / "replies" / "p"
    folder.mkdir(parents=True)
    for i, (who, answer) in enumerate([("Ada Park", ""), ("Ben Ode", "r0"), ("Kit Solo", "")]):
        (folder / f"r{i}.md").write_text(f"Author: {who}\nDate: 2026-01-02 10:0{i}\n"
                                         + (f"Reply-To: {answer}\n" if answer else "") + "\nYes.\n", encoding="utf-8")
    visit = Visit(browser, serve_dir(build_site(content, tmp_path / "output")), width=1280)
    visit.page.emulate_media(color_scheme=scheme)
    page = visit.open("conversations/")
    assert page.locator('#people-map svg a[data-node="person:kit-solo"] .community-none').count() >= 1
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    kit, ada, card, ring = page.evaluate(
        "() => { const c = document.getElementById('people-map'), all = c.visNodes.get();"
        " const css = n => getComputedStyle(document.documentElement).getPropertyValue(n).trim();"
        " const find = id => all.find(n => n.id === id);"
        " return [find('person:kit-solo'), find('person:ada-park'), css('--card'), css('--map-line')]; }")
    assert kit["color"]["background"] == card and kit["color"]["border"] == ring and kit["borderWidth"] == 2
    assert ada["color"]["background"] not in (card, ring)  # a group's own colour
    visit.check_clean()


@pytest.fixture(scope="module")
def topics_site(tmp_path_factory, serve_dir):
    """Eight posts in two categories taken in turn, each with its own five readers answering one another:
    eight groups on the people map, and a category's four spread over it. Its base URL."""
    from sitebuild import build_site

    root = tmp_path_factory.mktemp("topics")
    content = root / "content"
    for p in range(8):
        category = ("Walking", "Cooking")[p % 2]
        (content / "posts").mkdir(parents=True, exist_ok=True)
        (content / "posts" / f"p{p}.md").write_text(
            f"Title: Post {p}\nDate: 2026-01-0{p + 1}\nAuthor: Mira Okafor\nCategory: {category}\nSlug: p{p}\n\n"
            "A post.\n", encoding="utf-8")
        folder = content / "replies" / f"p{p}"
        folder.mkdir(parents=True)
        for i in range(5):  # a chain: each reader answers the one before
            answer = f"Reply-To: r{i - 1}\n" if i else ""
            (folder / f"r{i}.md").write_text(f"Author: Reader {chr(65 + p)}{i}\nDate: 2026-01-0{p + 1} 10:0{i}\n"
                                             f"{answer}\nYes, and more.\n", encoding="utf-8")
    return serve_dir(build_site(content, root / "output"))


VIEW_SCALE = "() => document.querySelector('#people-map').visNetwork.getScale()"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_topic_filter_brings_the_groups_left_together_readable(browser, topics_site, width):  # noqa: F811
    """A topic leaves groups that were far apart on the map: they are moved together, so that on a phone
    too the people left are all in view with their names readable (not dots on an empty frame), and
    showing every topic again puts everyone back where the map has them."""
    visit = Visit(browser, topics_site, width=width)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    positions = "() => document.querySelector('#people-map').visNetwork.getPositions()"
    drawn = page.evaluate(positions)
    assert len(drawn) == 40
    # Too big to read whole on a phone, it opens at its top left corner, and says so (where Fit is)
    shown, in_view = page.evaluate(IN_VIEW)
    assert in_view < shown if width == 390 else in_view == shown
    said = _plain(page.locator("#people-map-end").text_content())
    assert ("It opens at its top left corner, at a size to read the names: Fit shows the whole map." in said) \
        == (in_view < shown), said
    under = _plain(page.locator("#people-map .map-details-text").text_content())  # and under the view itself
    assert under.startswith("This is the map's top left corner") == (in_view < shown), under
    page.select_option('select[name="topic"]', "category:Walking")
    wait_until(lambda: page.evaluate(IN_VIEW)[0] == 20)  # four posts' five readers
    shown, in_view = page.evaluate(IN_VIEW)
    assert shown == in_view == 20
    assert page.evaluate(VIEW_SCALE) >= 0.75
    assert page.evaluate(positions) != drawn
    page.select_option('select[name="topic"]', "")
    wait_until(lambda: page.evaluate(IN_VIEW)[0] == 40)
    assert page.evaluate(positions) == drawn
    visit.check_clean()


# The view moved so that the map's top left corner is in the lower right quarter of it: the view's middle
# is empty space, above and left of the map (as where a wide, low map opens at its corner on a phone).
CORNER_IN_VIEW = """() => { const c = document.querySelector('#people-map'), n = c.visNetwork;
  const ids = c.visNodes.getIds({filter: x => !x.hidden}), at = n.getPositions(ids), s = n.getScale();
  const box = c.querySelector('.map-explore-canvas');
  const left = Math.min(...ids.map(id => at[id].x)), top = Math.min(...ids.map(id => at[id].y));
  n.moveTo({position: {x: left - box.clientWidth / 4 / s, y: top - box.clientHeight / 4 / s}, scale: s,
            animation: false}); }"""


@pytest.mark.parametrize("width", [390, 1280])
def test_zooming_in_keeps_someone_in_view(browser, topics_site, sample_only, width):  # noqa: F811
    """"+" zoomed around the middle of the view: where that was empty space (a sparse map, or a wide, low one
    opened at its corner), a few presses left nobody in view, or two bare lines. It zooms around the mark
    in view nearest the middle, which stays where it is, larger, with those around it; "−" and Fit still
    work, and the note that the view is the map's corner goes once the view has moved."""
    for site, corner in ((topics_site, True), (sample_only, False)):
        visit = Visit(browser, site, width=width)
        page = visit.open("conversations/")
        page.locator("#people-map .map-explore").click()
        page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
        if corner:
            page.evaluate(CORNER_IN_VIEW)
        shown, in_view = page.evaluate(IN_VIEW)
        assert 0 < in_view <= shown
        scale = page.evaluate(VIEW_SCALE)
        for _ in range(5):
            page.locator('#people-map [data-zoom="in"]').click()
            assert page.evaluate(IN_VIEW)[1] >= 1, "nobody left in view"
        assert page.evaluate(VIEW_SCALE) == pytest.approx(scale * 1.25 ** 5)
        assert "corner" not in page.locator("#people-map .map-details-text").text_content()
        page.locator('#people-map [data-zoom="out"]').click()
        assert page.evaluate(VIEW_SCALE) == pytest.approx(scale * 1.25 ** 4)
        page.locator('#people-map [data-zoom="fit"]').click()
        assert page.evaluate(IN_VIEW) == [shown, shown]
        visit.check_clean()


def test_a_view_too_small_for_the_names_says_how_to_read_them(browser, topics_site):  # noqa: F811
    """Zoomed out past where names are written (Fit on a phone, or "−"), the view showed bare marks without a
    word: the status line says the names are not written at this size and how to read them, and no longer
    says it once they are written again."""
    visit = Visit(browser, topics_site, width=390)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    note = "The names are not written at this size: zoom in (+, or spread two fingers) to read them."

    def said() -> str:
        return _plain(page.locator("#people-map-end").text_content())

    assert note not in said()
    while page.evaluate(VIEW_SCALE) * 13 >= 5:
        page.locator('#people-map [data-zoom="out"]').click()
    wait_until(lambda: note in said())
    assert said().startswith("Explore: 40 people")
    under = "#people-map .map-details-text"  # and under the view, where the eye is
    assert _plain(page.locator(under).text_content()).startswith(note)
    while page.evaluate(VIEW_SCALE) * 13 < 5:
        page.locator('#people-map [data-zoom="in"]').click()
    wait_until(lambda: note not in said())
    assert said().startswith("Explore: 40 people")
    assert note not in page.locator(under).text_content()
    assert _plain(page.locator(under).text_content()).startswith("Point at a name")
    visit.check_clean()


def test_the_corner_note_and_the_size_note_come_and_go_each_by_itself(browser, topics_site):  # noqa: F811
    """Ctrl + wheel zoomed out from the corner the view opened at without leaving it: the box said both notes,
    a drag then dropped the size note though the names were still too small, and zooming in again brought
    back the corner's note, the view long gone from it. Each note holds while what it says does."""
    visit = Visit(browser, topics_site, width=390)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)

    def under() -> str:
        return _plain(page.locator("#people-map .map-details-text").text_content())

    corner, small = "This is the map's top left corner", "The names are not written at this size"
    assert under().startswith(corner)
    box = page.locator("#people-map canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.keyboard.down("Control")
    while page.evaluate(VIEW_SCALE) * 13 >= 5:
        page.mouse.wheel(0, 100)
        page.wait_for_timeout(30)
    page.keyboard.up("Control")
    wait_until(lambda: under().startswith(small))
    assert corner not in under()  # zoomed: no longer the corner it opened at
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=5)
    page.mouse.up()
    page.wait_for_timeout(200)
    assert page.evaluate(VIEW_SCALE) * 13 < 5 and under().startswith(small)
    page.keyboard.down("Control")
    while page.evaluate(VIEW_SCALE) * 13 < 5:
        page.mouse.wheel(0, -100)
        page.wait_for_timeout(30)
    page.keyboard.up("Control")
    wait_until(lambda: small not in under())
    assert under().startswith("Point at a name") and corner not in under()
    visit.check_clean()


def test_a_search_that_finds_nobody_leaves_nobody_marked_as_found(browser, sample_only):  # noqa: F811
    """After "Priya" was found in the explore view, a search for "Zed" said "Nobody called “Zed”" while the map
    still held Priya in its ring and her name, as if Zed were she."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    search = page.locator('input[name="person"]')
    search.fill("priya")
    search.press("Enter")
    selected = "() => document.querySelector('#people-map').visNetwork.getSelectedNodes()"
    assert page.evaluate(selected) == ["person:priya-raman"]
    search.fill("zed")
    search.press("Enter")
    assert page.locator(".find-status").text_content() == "Nobody called “zed” on this site."
    assert page.evaluate(selected) == []
    assert page.get_attribute("#people-map", "data-focused") is None
    found = "() => document.querySelector('#people-map').visNodes.get({filter: n => n.found}).length"
    assert page.evaluate(found) == 0
    visit.check_clean()


def test_search_finds_a_post_author_the_map_counts_apart(browser, sample_only):  # noqa: F811
    """The sample's post author is not on the people map (readers only answered her posts, and she them):
    a search for her said "Nobody called “Mira” on this site", above the list naming her. She is offered
    among the names, and found in that list, which opens her page."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    offered = page.eval_on_selector_all("#people-names option", "options => options.map(o => o.value)")
    assert "Mira Okafor" in offered and len(offered) == len(set(offered))
    page.locator('input[name="person"]').fill("mira")
    page.locator('input[name="person"]').press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Mira Okafor"
    status = " ".join(page.locator(".map-status").text_content().split())
    assert "Mira Okafor is not on the map" in status and "Nobody" not in status
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/mira-okafor/")
    visit.check_clean()


def test_the_people_map_s_words_say_nothing_a_phone_cannot_do(browser, sample_only):  # noqa: F811
    """On a phone the map's hint says a first tap shows who and a second opens their page: its caption
    said "click a person to open their page" just above it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    caption = page.locator("#people-map-caption").text_content()
    assert "click" not in caption.lower() and "Each person links to their page." in caption
    assert "Tap a name" in _plain(page.locator("#people-map .map-hint").text_content())
    # the box under the map says what it is for, not the hint above it again
    assert _plain(page.locator("#people-map .map-details-text").text_content()) == (
        "The details of a name you tap show here.")
    context.close()


def test_the_explore_view_does_not_send_the_keyboard_to_names_tab_cannot_reach(browser, sample_only):  # noqa: F811
    """Its hint says the keyboard's links are behind "Back to the map"; the details panel said "move to it
    with Tab" as well, which in the explore view (a picture) reaches no one."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("posts/feedback-that-lands/")
    details = page.locator("#conversation-map .map-details-text")
    assert "move to it with Tab" in details.text_content()
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    said = _plain(details.text_content())
    assert "Tab" not in said and said.startswith("Point at ") and "to see the details here" in said, said
    page.locator("#conversation-map .map-explore").click()  # "Back to the map"
    assert "move to it with Tab" in details.text_content()
    visit.check_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_explore_opens_in_sight(browser, sample_only, width):  # noqa: F811
    """Explore opened with the map's foot off the window, or under the details box at its foot: a reader saw
    a strip of it and took it for all there was. The page now moves so that the view is in sight."""
    visit = Visit(browser, sample_only, width=width)
    for path, map_id in (("posts/feedback-that-lands/", "conversation-map"), ("conversations/", "people-map")):
        page = visit.open(path)
        button = page.locator(f"#{map_id} .map-explore")
        button.scroll_into_view_if_needed()  # the button just in sight, at the window's foot
        page.evaluate("y => window.scrollBy(0, y)", button.bounding_box()["y"] + 40 - page.viewport_size["height"])
        button.click()
        page.wait_for_selector(f"#{map_id}[data-explore-ready]", timeout=15_000)
        box = page.locator(f"#{map_id} .map-explore-canvas").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], (path, box)
        details = page.locator(f"#{map_id} .map-details").bounding_box()  # not over the view's foot either
        assert details["y"] >= box["y"] + box["height"] - 1, (path, box, details)
    visit.check_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_filter_shows_what_it_leaves_in_sight(browser, sample_only, width):  # noqa: F811
    """Unticking a kind on a phone switched the map to the explore view below the window, one name peeking
    out above the details box: the reader saw the filter do nothing. The view is brought into sight, its
    foot clear of the details box, as Explore's own button does."""
    context = browser.new_context(viewport={"width": width, "height": 844}, has_touch=width < 800,
                                  is_mobile=width < 800)
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    page.locator('input[name="kind"][value="reply"]').scroll_into_view_if_needed()
    page.locator('input[name="kind"][value="reply"]').uncheck()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    wait_until(lambda: page.locator("#people-map .map-explore-canvas").bounding_box()["y"] >= 0)
    box = page.locator("#people-map .map-explore-canvas").bounding_box()
    details = page.locator("#people-map .map-details").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box
    assert details["y"] >= box["y"] + box["height"] - 1, (box, details)
    context.close()


def test_the_details_box_follows_the_search(browser, sample_only):  # noqa: F811
    """After a search the details box still showed the person pointed at before ("John Doe: nobody has
    built on them yet" while the search had moved on to someone not on the map), or in the explore view
    "This is the map's top left corner" with the view moved to the person found. It shows whom the
    search found, and nobody's details when it found no one on the map."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    details = page.locator("#people-map .map-details-text")
    search = page.locator('input[name="person"]')
    idle = _plain(details.text_content())
    page.locator("#people-map .map-svg:visible a.map-node").first.hover()
    pointed = _plain(details.text_content())
    assert pointed != idle
    search.fill("mira")  # an author the map counts apart: not on it
    search.press("Enter")
    assert _plain(details.text_content()) == idle
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    search.fill("jonas")
    search.press("Enter")
    said = _plain(details.text_content())
    assert said.startswith("Jonas Weber") and "corner" not in said, said
    search.fill("mira")
    search.press("Enter")
    said = _plain(details.text_content())
    assert "Jonas" not in said and "corner" not in said and said.startswith("Point at "), said
    visit.check_clean()


def test_the_details_box_covers_no_small_map_while_the_page_scrolls(browser, sample_only):  # noqa: F811
    """The details box stays at the window's foot while a drawing taller than the window is in view; on a
    small map (a person's, on a phone) it covered the map's last names while the map came into view. Only
    a drawing taller than the window keeps it there."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/people/jonas-weber/")
    page.wait_for_selector(".network-map[data-ready]")
    svg = page.locator(".network-map .map-svg:visible").first
    height = svg.bounding_box()["height"]
    assert height < 844 - 100
    top = svg.bounding_box()["y"] + page.evaluate("window.scrollY")
    page.evaluate("y => window.scrollTo(0, y)", top - 844 + height * 0.6)  # its foot just below the window
    time.sleep(0.2)
    drawing, details = svg.bounding_box(), page.locator(".network-map .map-details").bounding_box()
    assert details["y"] >= drawing["y"] + drawing["height"] - 1, (drawing, details)
    context.close()


def test_the_details_box_stays_in_sight_over_a_drawing_taller_than_the_window(browser, long_thread):  # noqa: F811
    """A drawing taller than the window keeps its details box at the window's foot while it is in view;
    a window tall enough for the whole drawing lets the box sit under it."""
    visit = Visit(browser, long_thread, width=1280)
    page = visit.open("posts/p/")
    page.set_viewport_size({"width": 1280, "height": 500})
    svg = page.locator("#conversation-map .map-svg:visible").first
    assert svg.bounding_box()["height"] > 500
    top = svg.bounding_box()["y"] + page.evaluate("window.scrollY")
    page.evaluate("y => window.scrollTo(0, y)", top + 100)  # the drawing's middle in view
    wait_until(lambda: abs(page.locator("#conversation-map .map-details").bounding_box()["y"] +
                           page.locator("#conversation-map .map-details").bounding_box()["height"] - 500) < 2)
    page.set_viewport_size({"width": 1280, "height": 2400})  # now the whole drawing fits: the box is under it
    wait_until(lambda: page.locator("#conversation-map .map-details").bounding_box()["y"] >=
               svg.bounding_box()["y"] + svg.bounding_box()["height"] - 1)
    visit.check_clean()


def test_explore_says_what_it_draws_in_plain_words(browser, sample_only):  # noqa: F811
    """A map with replies, another post, a reply under another post and pages elsewhere: its explore view
    counts each, as the caption counts the thread's replies."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("posts/learning-in-public/")
    caption = _plain(page.locator("#conversation-map svg[data-explore]").get_attribute("aria-label"))
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    said = _plain(page.locator("#conversation-map-end").text_content())
    assert "6 replies from 5 people" in caption
    assert said.startswith("Explore: 6 replies, the post, 1 reply under another post, 1 other post and "
                           "3 outside sources, with ") and said.endswith(" lines between them."), said
    visit.check_clean()


PIXEL = """([x, y]) => {
  const root = document.querySelector('#conversation-map'), network = root.visNetwork;
  const canvas = root.querySelector('.map-explore-canvas canvas');
  const at = network.canvasToDOM({x: x, y: y}), ratio = canvas.width / canvas.clientWidth;
  const x0 = Math.round(at.x * ratio), y0 = Math.round(at.y * ratio);
  return Array.from(canvas.getContext('2d').getImageData(x0, y0, 1, 1).data);
}"""
LINE_PIXEL = """([x, y]) => {
  const root = document.querySelector('#conversation-map'), network = root.visNetwork;
  const canvas = root.querySelector('.map-explore-canvas canvas');
  const at = network.canvasToDOM({x: x, y: y}), ratio = canvas.width / canvas.clientWidth;
  const px = canvas.getContext('2d').getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data;
  return px[3];  // how opaque: the view's own background is the page's, behind the canvas
}"""


def test_explore_rings_the_mark_pointed_at(browser, sample_only):  # noqa: F811
    """Pointing at a reply in the explore view changed the details box under it and nothing on the view:
    its mark's one-pixel border took another colour, too thin to see. The mark pointed at wears a ring in
    the page's focus colour."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("posts/learning-in-public/")
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    node = "reply:learning-in-public/priya-1"
    at = page.evaluate("""id => { const root = document.querySelector('#conversation-map');
      const n = root.visNetwork, p = n.getPositions([id])[id], dom = n.canvasToDOM(p);
      const box = root.querySelector('.map-explore-canvas canvas').getBoundingClientRect();
      return {x: p.x, y: p.y, r: root.visNodes.get(id).size, left: box.left + dom.x, top: box.top + dom.y}; }""", node)
    rim = [at["x"], at["y"] - at["r"] + 1]  # the top of the mark, inside its edge
    focus = _rgb(page.evaluate("""() => { const probe = document.createElement('span');
      probe.style.color = 'var(--focus)'; document.body.append(probe);
      const colour = getComputedStyle(probe).color; probe.remove(); return colour; }"""))
    assert max(abs(a - b) for a, b in zip(page.evaluate(PIXEL, rim)[:3], focus, strict=True)) > 80
    page.mouse.move(at["left"], at["top"])
    wait_until(lambda: page.locator("#conversation-map").get_attribute("data-shown") == node)
    wait_until(lambda: max(abs(a - b) for a, b in zip(page.evaluate(PIXEL, rim)[:3], focus, strict=True)) < 40)
    # (no check_clean: reading the canvas again and again makes Chromium advise willReadFrequently)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_article_map_s_explore_view_draws_the_map_s_own_lines(browser, sample_only, scheme):  # noqa: F811
    """The explore view drew straight lines from node to node: the replies to the post, one under another,
    read as a chain of replies to each other, and lines to the boxes under the thread ran through the boxes
    above them. It draws the map's own lines (the thread's trunk and elbows, the lanes left of it) under
    the marks, each where the map has it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{sample_only}/posts/learning-in-public/")
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    # the marks where the map has them, and vis-network's own straight lines not drawn
    placed = page.evaluate("""() => {
      const root = document.querySelector('#conversation-map'), svg = root.querySelector('svg[data-explore]');
      const a = svg.querySelector('a.map-node[data-node="reply:learning-in-public/priya-1"] circle');
      const at = root.visNetwork.getPositions(['reply:learning-in-public/priya-1'])['reply:learning-in-public/priya-1'];
      return [Number(a.getAttribute('cx')), Number(a.getAttribute('cy')), at.x, at.y,
              root.visEdges.get().filter(e => !e.hidden).length, svg.querySelectorAll('g.edge path').length,
              (root.exploreLines || []).length];
    }""")
    assert placed[:2] == placed[2:4] and placed[4] == 0 and placed[5] == placed[6] > 0, placed
    # boxes bordered as the map's key draws them: a source's dotted, another post's dashed, the post's solid
    dashes = page.evaluate("""() => Object.fromEntries(document.querySelector('#conversation-map').visNodes.get()
      .filter(n => n.shape === 'box').map(n => [n.id.split(':')[0] + (n.trunk ? '!' : ''),
                                              (n.shapeProperties || {}).borderDashes]))""")
    assert dashes["post!"] is False and dashes["source"] and dashes["post"] and dashes["source"] != dashes["post"]
    page.evaluate("() => document.querySelector('#conversation-map').visNetwork.moveTo({scale: 2, animation: false,"
                  " position: {x: 30, y: 150}})")
    time.sleep(0.3)
    lane = page.evaluate(LINE_PIXEL, [30, 150])  # the lane of what the post cites, a solid line down the gutter
    beside = page.evaluate(LINE_PIXEL, [27.5, 150])  # between two lanes: the view's background
    assert lane > 200 and beside < 50, (lane, beside)
    context.close()


def test_explore_draws_a_people_map_line_as_thick_as_how_often(browser, sample_only):  # noqa: F811
    """The caption says a line's thickness is how often; the explore view counted each kind a reply was
    ("answering and naming him": twice), so one reply drawn as thick as two. Lines made as often are as
    thick, a line made more often thicker, with or without a filter."""
    visit = Visit(browser, sample_only, width=1280)
    page = visit.open("conversations/")
    page.locator("#people-map .map-explore").click()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    lines = """() => { const r = document.querySelector('#people-map');
      const width = Object.fromEntries(r.visEdges.get().filter(e => !e.hidden).map(e => [e.id, e.width]));
      return r.visData.edges.filter(e => e.id in width).map(e => [e.contributions, width[e.id], e.weight]); }"""
    drawn = page.evaluate(lines)
    assert any(weight > times for times, _, weight in drawn), drawn  # some line is more kinds than times
    for (a, wa, _), (b, wb, _) in itertools.combinations(drawn, 2):
        assert (wa == wb) if a == b else ((wa < wb) == (a < b)), drawn
    page.select_option('select[name="topic"]', index=1)
    page.select_option('select[name="topic"]', index=0)  # no topic again, the same widths
    assert sorted(page.evaluate(lines)) == sorted(drawn)
    visit.check_clean()


def test_explore_on_a_phone_starts_from_the_phone_s_drawing_when_it_holds_everyone(browser, sample_only):  # noqa: F811
    """Explore drew the widest drawing, laid out for 1,100 px: on a phone it opened at its top left corner
    with four of the sample's six people (the phone's own map showed all six), and a filter fitted what it
    left at a third of the size, names too small to read. Where the phone's drawing holds everyone, Explore
    starts from it: everyone in view at a size to read, before and after a filter."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    page.locator("#people-map .map-explore").tap()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    scale = "document.querySelector('#people-map').visNetwork.getScale()"
    assert page.evaluate(IN_VIEW) == [6, 6] and page.evaluate(scale) >= 0.75
    assert "corner" not in page.locator("#people-map .map-details-text").text_content()
    page.locator('input[name="kind"][value="reply"]').uncheck()
    wait_until(lambda: page.evaluate(IN_VIEW)[0] < 6)
    shown, in_view = page.evaluate(IN_VIEW)
    assert 0 < shown == in_view and page.evaluate(scale) >= 0.75, (shown, in_view, page.evaluate(scale))
    context.close()


def test_explore_says_what_it_draws_each_time_it_opens_and_wears_the_page_s_colours(browser, sample_only):  # noqa: F811
    """Opened a second time, the explore view's status line was empty (it was written once, when first
    drawn). A pointed-at mark took vis-network's own light blue (a box's light words on it unreadable in
    the dark), and vis-network's tooltip covered the map with what the details box under it says."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{sample_only}/posts/learning-in-public/")
    button, status = page.locator("#conversation-map .map-explore"), page.locator("#conversation-map-end")
    button.click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    said = _plain(status.text_content())
    assert said.startswith("Explore: 6 replies")
    button.click()  # back to the map
    assert status.text_content().strip() == ""
    button.click()  # and Explore again
    assert _plain(status.text_content()) == said
    looks = page.evaluate("""() => { const root = document.querySelector('#conversation-map');
      return root.visNodes.get().map(n => [n.id, n.title === undefined, JSON.stringify(n.color || {})]); }""")
    for node, untitled, colour in looks:
        assert untitled, node  # the details box says it, not a tooltip over the map
        assert "#D2E5FF" not in colour.upper() and "#2B7CE9" not in colour.upper(), (node, colour)
        assert '"hover"' in colour, (node, colour)
    context.close()



EXPLORE_INK = """() => { const root = document.querySelector('#conversation-map');
  const svg = root.querySelector('svg[data-explore]'), post = root.visNodes.get().find(n => n.trunk);
  const reply = root.visNodes.get().find(n => n.id.startsWith('reply:'));
  return { fg: getComputedStyle(document.documentElement).getPropertyValue('--fg').trim(),
           card: getComputedStyle(document.documentElement).getPropertyValue('--card').trim(),
           postWords: post.font.color, postFill: post.color.background, replyEdge: reply.color.border,
           line: root.exploreLines[0].stroke, mapLine: getComputedStyle(svg.querySelector('g.edge path')).stroke,
           multi: post.font.multi, weight: (post.font.bold || {}).mod, label: post.label,
           title: svg.querySelector('.box-text--post').textContent }; }"""


def test_explore_follows_a_switch_of_colour_scheme_and_writes_the_post_s_title_bold(browser, sample_only):  # noqa: F811
    """Switched to dark while open, the explore view kept the light page's colours (dark words on the
    dark view, the light map's ink on its lines), read once when it opened; and the post's title, bold on
    the map, was written plain."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{sample_only}/posts/learning-in-public/")
    page.locator("#conversation-map .map-explore").click()
    page.wait_for_selector("#conversation-map[data-explore-ready]", timeout=15_000)
    light = page.evaluate(EXPLORE_INK)
    assert light["postWords"] == light["fg"] and light["postFill"] == light["card"] == light["replyEdge"], light
    assert light["line"] == light["mapLine"], light
    assert light["multi"] == "html" and int(light["weight"]) >= 600, light
    assert light["label"].replace("<b>", "").replace("</b>", "").replace("\n", " ") == light["title"], light
    ring = """() => { const root = document.querySelector('#conversation-map'), network = root.visNetwork;
      const id = root.visNodes.get().find(n => n.id.startsWith('reply:')).id, looks = network.body.nodes[id];
      network.selectNodes([id]);
      return [looks.getFormattingValues().borderColor,
              getComputedStyle(document.documentElement).getPropertyValue('--focus').trim()]; }"""
    chosen, focus = page.evaluate(ring)
    assert chosen == focus, (chosen, focus)  # the mark chosen wears the page's focus colour
    page.emulate_media(color_scheme="dark")
    wait_until(lambda: page.evaluate(EXPLORE_INK)["postWords"] != light["postWords"])
    dark = page.evaluate(EXPLORE_INK)
    assert dark["fg"] != light["fg"] and dark["postWords"] == dark["fg"], dark
    assert dark["postFill"] == dark["card"] == dark["replyEdge"] != light["card"], dark
    assert dark["line"] == dark["mapLine"] != light["line"], dark
    assert dark["label"] == light["label"], dark  # styled again, not wrapped twice
    chosen, dark_focus = page.evaluate(ring)
    assert chosen == dark_focus != focus, (chosen, dark_focus)  # ... the dark page's (it kept the light one's)
    context.close()


def test_a_search_in_the_explore_view_on_a_phone_shows_whom_it_found_in_sight(browser, wide_cast):  # noqa: F811
    """In the explore view on a phone, a search centred the view on the person found while the view itself
    was below the window, the person at its foot; and "Nobody called ..." stayed beside the search box after
    a filter had moved on. The view is brought into sight, and a filter clears the old answer."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{wide_cast}/conversations/")
    page.locator("#people-map .map-explore").tap()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    search = page.locator('input[name="person"]')
    search.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    search.fill("Person K")
    search.press("Enter")
    wait_until(lambda: page.locator("#people-map .map-explore-canvas").bounding_box()["y"] >= 0)
    found = page.evaluate("""() => { const r = document.querySelector('#people-map'), n = r.visNetwork;
      const id = r.getAttribute('data-focused'), at = n.canvasToDOM(n.getPositions([id])[id]);
      const box = r.querySelector('.map-explore-canvas').getBoundingClientRect();
      return [box.top + at.y, window.innerHeight]; }""")
    assert 0 <= found[0] <= found[1] - 60, found  # in the window, above the details box
    search.fill("zelda")
    search.press("Enter")
    assert page.locator(".find-status").is_visible()
    page.locator('input[name="kind"]').first.uncheck()
    assert page.locator(".find-status").is_hidden()
    context.close()


def test_what_a_search_said_goes_once_another_name_is_typed(browser, sample_only):  # noqa: F811
    """"Showing Jonas Weber." stayed beside the search box while another name was typed into it, as if it were
    about that name; it goes as the name changes, and the next search says what it found."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{sample_only}/conversations/")
    search, said = page.locator('input[name="person"]'), page.locator(".find-status")
    search.fill("Jonas")
    search.press("Enter")
    assert said.is_visible() and said.text_content() == "Showing Jonas Weber."
    search.fill("zzz")
    assert said.is_hidden()
    search.press("Enter")
    assert said.is_visible() and said.text_content() == "Nobody called “zzz” on this site."
    context.close()
