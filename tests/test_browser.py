"""What a reader sees and clicks, in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Skipped with a reason when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (CI sets it),
where a missing browser fails instead.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sitebuild import REPO, build_site

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def require_chromium() -> None:
    """Skip the calling test when Debian's chromium is missing, or fail it under REQUIRE_BROWSER=1."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to run the browser tests)")


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


class Visit:
    """A page plus everything it said on the console and every request it made."""

    def __init__(self, browser, base: str, width: int = 1200) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")

    def _request(self, request):
        if not request.url.startswith(self.base) and not request.url.startswith("data:"):
            self.outside.append(request.url)

    def open(self, path: str):
        self.page.goto(f"{self.base}/{path}")
        return self.page

    def wait_for_map(self, selector: str) -> int:
        self.page.wait_for_selector(f"{selector}[data-ready]", timeout=15_000)
        return int(self.page.get_attribute(selector, "data-ready"))

    def node_point(self, selector: str, node_id: str) -> tuple[float, float]:
        """Viewport coordinates of a node's centre in a map's explore view (brought into view first)."""
        canvas = self.page.locator(f"{selector} .map-explore-canvas")
        canvas.scroll_into_view_if_needed()
        dom = self.page.evaluate(
            "([sel, id]) => { const n = document.querySelector(sel).visNetwork;"
            " n.focus(id, {animation: false}); return n.canvasToDOM(n.getPositions([id])[id]); }",
            [selector, node_id])
        box = canvas.bounding_box()
        return box["x"] + dom["x"], box["y"] + dom["y"]

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        self.page.close()


def wait_until(condition, seconds: float = 5.0) -> None:
    """Poll ``condition`` (pages run under a CSP that forbids Playwright's eval-based waits)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def sample_url(sample_site, serve_dir):
    return serve_dir(sample_site)


def test_article_map_shows_every_node_and_a_click_lands_on_the_reply(browser, sample_url, sample_site):
    visit = Visit(browser, sample_url)
    page = visit.open("posts/feedback-that-lands/")
    shown = visit.wait_for_map("#conversation-map")
    assert shown == page.locator("#conversation-map svg[data-explore] a.map-node").count() == 13
    page.locator('#conversation-map svg[data-explore] a[data-node="reply:feedback-that-lands/sam-2"]').click()
    wait_until(lambda: page.evaluate("location.hash") == "#reply-sam-2")
    assert page.evaluate("document.querySelector(':target').id") == "reply-sam-2"
    visit.check_clean()


def test_clicking_a_name_in_the_key_opens_their_page(browser, sample_url):
    visit = Visit(browser, sample_url)
    page = visit.open("posts/on-slow-reading/")
    page.locator(".map-key a", has_text="Helen Achterberg").click()
    page.wait_for_url("**/people/helen-achterberg/", timeout=5_000)
    assert page.locator("h1").text_content() == "Helen Achterberg"
    assert visit.wait_for_map("#person-map") >= 2
    visit.check_clean()


def test_conversations_page_filters_and_finds_a_person(browser, sample_url):
    visit = Visit(browser, sample_url)
    page = visit.open("conversations/")
    assert visit.wait_for_map("#people-map") == 6  # the readers; the host is counted apart
    page.locator('input[name="person"]').fill("priya")
    page.locator('input[name="person"]').press("Enter")
    assert page.get_attribute("#people-map", "data-focused") == "person:priya-raman"
    assert page.evaluate("document.activeElement.dataset.node") == "person:priya-raman"
    assert "Priya Raman" in page.locator("#people-map .map-details-text").text_content()
    # A filter opens the explore view (vis-network, loaded now) and filters it.
    page.locator('input[name="kind"][value="reply"]').uncheck()
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    hidden_edges = ("document.querySelector('#people-map').visNetwork.body.data.edges"
                    ".get({filter: e => e.hidden}).length")
    wait_until(lambda: "match the filter" in page.locator(".map-status").text_content())
    # it says where the filter took the reader, and the way back ("(explore view)" was a riddle)
    assert "drawn in the Explore view; “Back to the map” shows them all." in page.locator(".map-status").text_content()
    page.locator('input[name="kind"][value="mention"]').uncheck()
    after_kinds = page.evaluate(hidden_edges)
    assert after_kinds > 0  # only quotes are left
    # ... drawn dash-dot at every width: a pattern's gaps grow with a thick line (at 6 px, 3 px gaps closed)
    shown = page.evaluate("document.querySelector('#people-map').visNetwork.body.data.edges"
                          ".get({filter: e => !e.hidden}).map(e => [e.width, e.dashes])")
    assert shown and max(w for w, _ in shown) > 3, shown
    assert all(d and min(d[1::2]) >= w for w, d in shown), shown
    page.locator('input[name="kind"][value="reply"]').check()
    page.locator('select[name="topic"]').select_option("category:Reading")
    assert page.evaluate(hidden_edges) > 0
    page.locator('select[name="topic"]').select_option("")
    page.locator('input[name="kind"][value="mention"]').check()
    assert page.evaluate(hidden_edges) == 0
    page.locator('input[name="person"]').fill("priya")
    page.locator('input[name="person"]').press("Enter")
    assert page.evaluate("document.querySelector('#people-map').visNetwork.getSelectedNodes()") == [
        "person:priya-raman"]
    # Escape, even from a filter, goes back to the map, which draws everyone: the filters are undone with it
    page.locator('input[name="kind"][value="quote"]').uncheck()
    wait_until(lambda: "match the filter" in page.locator(".map-status").text_content())
    page.locator('input[name="kind"][value="reply"]').focus()
    page.keyboard.press("Escape")
    assert page.locator("#people-map .map-canvas").is_visible()
    assert page.locator("#people-map .map-explore-canvas").is_hidden()
    assert page.evaluate("[...document.querySelectorAll('input[name=kind]')].every(b => b.checked)")
    assert page.locator(".map-status").text_content() == "" and page.evaluate(hidden_edges) == 0
    visit.check_clean()


def test_every_page_kind_loads_without_errors_or_outside_requests(browser, sample_url):
    for path in ("", "posts/on-slow-reading/", "people/mira-okafor/", "tags/", "archives/",
                 "category/reading/", "conversations/", "conversations/questions/", "author/mira-okafor/"):
        visit = Visit(browser, sample_url)
        visit.open(path)
        visit.page.wait_for_load_state("networkidle")
        visit.check_clean()


def test_the_site_header_stays_in_place_from_page_to_page(browser, sample_url):
    """The conversations and person pages are wider for their maps and tables; the site's name and menu
    stay where every other page has them (a reader going from Posts to Conversations saw them jump), and
    every page's words start in line with them (the wide pages' started left of them), the words above a
    map too."""
    visit = Visit(browser, sample_url, width=1280)
    edges = {}
    for path in ("", "posts/on-slow-reading/", "conversations/", "people/mira-okafor/", "people/"):
        visit.open(path)
        edges[path] = visit.page.evaluate(
            "['.site-header .site-title', 'main h1', 'main p']"
            ".map(s => Math.round(document.querySelector(s).getBoundingClientRect().left))")
    assert len({left for lefts in edges.values() for left in lefts}) == 1, edges
    wide = visit.page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    visit.open("conversations/")
    assert visit.page.evaluate("document.querySelector('main').getBoundingClientRect().width") > wide + 200
    # the map takes the wider page, centred under the text column (not widened to one side only)
    title, figure = visit.page.evaluate("['.site-header .site-title', '.map-figure'].map(s => { "
                                        "const r = document.querySelector(s).getBoundingClientRect(); "
                                        "return [r.left, r.right]; })")
    assert figure[1] - figure[0] > wide + 200 and figure[0] < title[0], (figure, title)
    assert abs((figure[0] + figure[1]) / 2 - 1280 / 2) < 10, figure
    # the words above the map keep the text column too (they ran 170 letters a line across the map's width)
    for path in ("conversations/", "people/priya-raman/"):
        visit.open(path)
        caption = visit.page.evaluate("(() => { const r = document.querySelector('.map-figure figcaption')"
                                      ".getBoundingClientRect(); return [r.left, r.width]; })()")
        assert round(caption[0]) == round(title[0]) and caption[1] <= wide, (path, caption, title)
    visit.check_clean()


def test_a_map_taller_than_the_window_keeps_its_details_in_sight(browser, sample_url):
    """Pointing at a node near the top of a map taller than the window shows its details at the window's
    foot (the panel under the map was a screen or more below, out of sight)."""
    visit = Visit(browser, sample_url)
    page = visit.page
    page.set_viewport_size({"width": 1200, "height": 380})
    visit.open("posts/feedback-that-lands/")
    visit.wait_for_map("#conversation-map")
    svg = page.locator("#conversation-map .map-canvas svg:visible").first  # the drawing for this width
    assert svg.bounding_box()["height"] > 380
    svg.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#conversation-map .map-canvas').scrollIntoView({block: 'start'})")
    node = svg.locator("a.map-node").first
    node.hover()
    panel = page.locator("#conversation-map .map-details")
    wait_until(lambda: "Choose anyone" not in panel.text_content())
    box = panel.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 380 + 1, box
    # what is under the panel is still clicked: the panel lets the click through to the name
    assert page.evaluate("getComputedStyle(document.querySelector('#conversation-map .map-details'))"
                         ".pointerEvents") == "none"
    # with only the map's buttons in view, the panel waits under the drawing, not over the buttons
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("const b = document.querySelector('#conversation-map .map-toolbar').getBoundingClientRect();"
                  "window.scrollTo(0, window.scrollY + b.bottom - 370)")
    drawing = page.locator("#conversation-map .map-canvas").bounding_box()
    assert panel.bounding_box()["y"] >= drawing["y"] - 1, (panel.bounding_box(), drawing)
    # a name reached with Tab is scrolled into view above the panel, not under it
    page.evaluate("window.scrollTo(0, 0)")
    names = svg.locator("a.map-node")
    for i in range(names.count()):
        names.nth(i).focus()
        focused = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
        assert focused <= panel.bounding_box()["y"] + 1, (i, focused, panel.bounding_box())
    visit.check_clean()


def test_thread_is_readable_without_javascript(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/posts/feedback-that-lands/")
    assert page.locator("#reply-sam-2").is_visible()
    assert "12 replies from 6 people" in page.locator(".reply-count").text_content()
    context.close()


def test_site_works_under_a_sub_path(browser, tmp_path_factory, serve_dir):
    root = tmp_path_factory.mktemp("pages")
    base = serve_dir(root)
    build_site(REPO / "content", root / "repo", SITEURL=f"{base}/repo", RELATIVE_URLS=False,
               FEED_DOMAIN=f"{base}/repo")
    visit = Visit(browser, base)
    page = visit.open("repo/")
    page.locator("nav.site-nav a", has_text="Conversations").click()
    page.wait_for_url(f"{base}/repo/conversations/")
    assert visit.wait_for_map("#people-map") == 6  # the readers; the host is counted apart
    page.locator('#people-map a[data-node="person:jonas-weber"]').locator("visible=true").click()
    page.wait_for_url(f"{base}/repo/people/jonas-weber/", timeout=5_000)
    # (the person page lists the newest reply first: follow the first one Jonas wrote)
    page.locator('a[href$="#reply-jonas-1"]', has_text="On “Feedback That Lands").first.click()
    page.wait_for_url(f"{base}/repo/posts/feedback-that-lands/#reply-jonas-1")
    assert visit.wait_for_map("#conversation-map") > 5
    visit.check_clean()


def test_margin_marks_work_without_javascript_on_desktop_and_phone(browser, sample_url):
    for width in (1280, 390):
        context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{sample_url}/posts/on-slow-reading/")
        mark = page.locator("#para-11 > a.margin-mark")
        box = mark.bounding_box()
        text = page.locator("#para-11").bounding_box()
        assert box["width"] > 10 and box["x"] >= 0  # visible, not pushed off a phone's screen
        assert (box["x"] + box["width"] <= text["x"] + 2) if width == 1280 else (box["x"] >= text["x"] - 2)
        mark.click()
        wait_until(lambda page=page: page.url.endswith("#margin-para-11"))
        note = page.locator("#margin-para-11")
        assert note.is_visible() and "Sam Oduya argued with it" in note.text_content()
        note.locator("ul a").first.click()
        wait_until(lambda page=page: page.url.endswith("#reply-sam-1"))
        assert page.locator("#reply-sam-1").is_visible()
        context.close()


def test_margin_marks_print_as_plain_numbers(browser, sample_url):
    page = browser.new_page()
    page.goto(f"{sample_url}/posts/on-slow-reading/")
    page.emulate_media(media="print")
    style = page.evaluate(
        "() => { const m = document.querySelector('#para-11 > a.margin-mark');"
        " return [getComputedStyle(m).position, getComputedStyle(m, '::before').content,"
        " getComputedStyle(document.querySelector('.marginalia')).display]; }")
    assert style == ["static", '"["', "block"]
    page.close()


def test_reader_pages_say_no_graph_jargon_once_the_script_ran(browser, sample_url):
    import re
    jargon = re.compile(r"\b(nodes?|edges?|betweenness|centrality|communit(?:y|ies)|brokers?)\b|\d+ ?%", re.I)
    for path, map_id in (("conversations/", "#people-map"), ("posts/on-slow-reading/", "#conversation-map"),
                         ("people/helen-achterberg/", "#person-map")):
        visit = Visit(browser, sample_url)
        page = visit.open(path)
        visit.wait_for_map(map_id)
        page.locator(f"{map_id} a.map-node").locator("visible=true").first.focus()  # fills the details panel
        text = page.evaluate("document.body.innerText")
        assert not jargon.findall(text), (path, jargon.findall(text))
        visit.check_clean()


def people_lines(html: str) -> list:
    """Each line of the people map's explore drawing: ends, weight and count per topic, from its attributes."""
    from bs4 import BeautifulSoup

    svg = BeautifulSoup(html, "html.parser").select_one("#people-map svg[data-explore]")
    ids = [a["data-node"] for a in svg.select("a.map-node")]
    topics = svg["data-topics"].split("\n")
    posts = [[topics[int(i)] for i in post.split()] for post in svg["data-posts"].split(",")]
    lines = []
    for path in svg.select("path[data-from]"):
        per_topic: dict[str, int] = {}
        for item in path["data-p"].split():
            index, _, count = item.partition(":")
            for topic in posts[int(index)]:
                per_topic[topic] = per_topic.get(topic, 0) + int(count or 1)
        lines.append([ids[int(path["data-from"])], ids[int(path["data-to"])],
                      sum(int(n) for n in path.get("data-n", "1").split()), per_topic])
    return lines


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_explore_draws_the_nodes_and_lines_of_the_svg(browser, sample_url, viewport):
    """Explore reads the map's own SVG (no JSON copy in the page): the same nodes and lines, their
    details as text, on an article, a person page and the conversations page."""
    width, height = viewport
    visit = Visit(browser, sample_url)
    visit.page.set_viewport_size({"width": width, "height": height})
    for path, map_id in (("posts/feedback-that-lands/", "conversation-map"), ("people/sam-oduya/", "person-map"),
                         ("conversations/", "people-map")):
        page = visit.open(path)
        visit.wait_for_map(f"#{map_id}")
        source = f"#{map_id} svg[data-explore]"
        people = f"{source} a.map-node:not([data-node='more:people'])"  # "+N more" links to lists, not a person
        svg_nodes = page.locator(people).count()
        svg_lines = page.locator(f"{source} path[data-from]").count()
        assert svg_nodes >= 2 and svg_lines >= 1 and svg_lines == page.locator(f"{source} g.edge path").count()
        page.locator(f"#{map_id} .map-explore").click()
        page.wait_for_selector(f"#{map_id}[data-explore-ready]", timeout=15_000)
        drawn = page.evaluate(
            "id => { const c = document.getElementById(id); const nodes = c.visNodes.get();"
            " return {nodes: nodes.length, edges: c.visEdges.length, canvas: !!c.querySelector('canvas'),"
            " text: nodes.every(n => n.title === undefined && typeof n.details === 'string'),"
            " ids: nodes.map(n => n.id), labels: nodes.map(n => n.label || n.name || '')}; }", map_id)
        assert drawn["nodes"] == svg_nodes and drawn["edges"] == svg_lines and drawn["canvas"], (path, drawn)
        assert drawn["text"], path  # details are text, for the details box (set as text), no tooltip
        assert drawn["ids"] == page.eval_on_selector_all(people,
                                                         "links => links.map(a => a.dataset.node)")
        assert all(drawn["labels"]), path
        status = page.locator(f"#{map_id}-end").text_content()
        lines = f"{svg_lines} {'line' if svg_lines == 1 else 'lines'}"
        assert status.startswith("Explore: ") and f" {lines} between them." in status, status
        if map_id == "conversation-map":  # details on hover, and a click opens the reply
            x, y = visit.node_point("#conversation-map", "reply:feedback-that-lands/sam-2")
            page.mouse.move(x, y)
            wait_until(lambda page=page: page.get_attribute("#conversation-map", "data-shown")
                       == "reply:feedback-that-lands/sam-2")
            shared = page.eval_on_selector('#conversation-map svg[data-explore] a[data-node$="/sam-2"] title',
                                           "t => t.textContent")
            # who and when from the node's own title; what Sam said from the reply itself, in the thread
            said = " ".join(page.locator("#reply-sam-2 .reply-content").text_content().split())
            shown = page.locator("#conversation-map .map-details-text").text_content()
            assert "\n" not in shared and shown.startswith(shared + "\n"), (shared, shown)
            assert said.startswith(shown.split("\n", 1)[1].removesuffix("…")), (said, shown)
            page.mouse.click(x, y)
            wait_until(lambda page=page: page.evaluate("location.hash") == "#reply-sam-2")
        if map_id == "people-map":  # the filters' data, decoded by the script as svg.py wrote it
            got = page.evaluate("() => document.getElementById('people-map').visData.edges.map("
                                "e => [e.from, e.to, e.weight, e.topics])")
            assert got == people_lines(page.content()), path
    visit.check_clean()


def test_a_person_map_s_own_person_does_not_look_focused(browser, sample_url):
    """A person page's map draws its person in a box: a bare frame in their colour, the focus ring's colour,
    looked as if something had the focus when the page opened. It is tinted, its frame thinner than a ring."""
    visit = Visit(browser, sample_url, width=1280)
    visit.open("people/jonas-weber/")
    looks = visit.page.evaluate("""() => {
      const box = [...document.querySelectorAll('.map-svg .node--centre')].find(n => n.getBoundingClientRect().width);
      const style = getComputedStyle(box), root = getComputedStyle(document.documentElement);
      const probe = document.createElement('i'); probe.style.color = root.getPropertyValue('--card');
      document.body.append(probe); const card = getComputedStyle(probe).color; probe.remove();
      return [style.fill, card, parseFloat(style.strokeWidth)]; }""")
    fill, card, frame = looks
    assert fill != card and frame < 3, looks
    visit.check_clean()


def test_moving_over_a_short_map_with_tab_brings_its_details_into_sight(browser, sample_url):
    """Over a map shorter than the window, with the details box just under the window's foot, moving to a name
    with the keyboard showed its details out of sight; the page now moves just enough to show them, the name
    staying in sight."""
    visit = Visit(browser, sample_url, width=1280)
    page = visit.page
    visit.open("posts/feedback-that-lands/")
    visit.wait_for_map("#conversation-map")
    assert not page.evaluate("document.querySelector('#conversation-map').hasAttribute('data-tall')")
    page.evaluate("window.scrollTo(0, document.querySelector('#conversation-map .map-details')"
                  ".getBoundingClientRect().top + window.scrollY - 915)")  # the box just under the foot
    page.locator("#conversation-map a.map-node:visible").first.focus()
    wait_until(lambda: page.evaluate("document.querySelector('#conversation-map .map-details')"
                                     ".getBoundingClientRect().bottom") <= 900 + 1)
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < 900, top
    assert "Point at" not in page.locator("#conversation-map .map-details").text_content()
    visit.check_clean()
