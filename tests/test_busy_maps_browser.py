"""Busy maps as a reader sees them in headless Chromium, on a phone (390 × 844, touch) and a desktop
(1280 × 800): an article map folding its many ties to other posts (the count beside each reply in
the browser's own font, clear of the name; the one box leading to the list), and a people map of
many more connections than people drawn as its backbone, soon.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import SiteMaker
from conversation_map.drawing import MAX_ELSEWHERE_LINES
from test_browser import browser, wait_until  # noqa: F401  (browser is a fixture)
from test_busy_maps import busy_people_site, busy_site

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
           "desktop": {"viewport": {"width": 1280, "height": 800}}}

# The visible drawing of a map: its lines, and for each reply with a count, its name's and count's boxes.
VISIBLE = r"""
(container) => {
  const svg = [...document.querySelectorAll(container + ' .map-svg')].find(s => s.getClientRects().length);
  const box = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top}; };
  return {
    right: svg.getBoundingClientRect().right,
    bold: svg.querySelectorAll('g.edge--bold path').length,
    lines: svg.querySelectorAll('g.edges path').length,
    people: svg.querySelectorAll('a.map-node:not([data-node="more:people"])').length,
    counts: [...svg.querySelectorAll('text.label--count')].map(c => ({
      name: box(c.parentNode.querySelector('text.label, text.box-text')), count: box(c), text: c.textContent})),
  };
}
"""


@pytest.fixture(scope="module")
def busy_urls(tmp_path_factory, serve_dir):
    articles = SiteMaker(tmp_path_factory.mktemp("busy-article"))
    return {"article": serve_dir(busy_site(articles)),
            "people": serve_dir(busy_people_site(tmp_path_factory.mktemp("busy-people")))}


def _page(chromium, screen: str):
    context = chromium.new_context(**SCREENS[screen])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


@pytest.mark.parametrize("screen", SCREENS)
def test_a_busy_article_map_reads_apart_and_its_box_leads_to_the_list(browser, busy_urls, screen):  # noqa: F811
    context, page, errors = _page(browser, screen)
    page.goto(f"{busy_urls['article']}/posts/hub/")
    page.wait_for_selector("#conversation-map[data-ready]", timeout=15_000)
    seen = page.evaluate(VISIBLE, "#conversation-map")
    assert seen["bold"] <= MAX_ELSEWHERE_LINES
    assert [c["text"] for c in seen["counts"]] == ["9 ties", "3 ties"]  # the post's own box, Ben's reply
    for c in seen["counts"]:  # in the browser's own font: the name ends before its count, inside the map
        assert c["name"]["right"] + 4 <= c["count"]["left"] and c["count"]["right"] <= seen["right"] + 0.5, c
        assert abs(c["name"]["top"] - c["count"]["top"]) < 2  # on the name's line
    box = page.locator('#conversation-map svg.map-svg a[data-node="more:elsewhere"]').locator("visible=true")
    box.scroll_into_view_if_needed()
    if screen == "phone":  # the first tap shows the box's details, as for every node (no hover on touch)
        box.tap()
        page.wait_for_timeout(300)
        assert "too many to draw one by one" in page.locator("#conversation-map .map-details-text").text_content()
        box.tap()
    else:
        box.click()
    wait_until(lambda: page.evaluate("location.hash") == "#conversation-elsewhere")
    top = page.evaluate("document.getElementById('conversation-elsewhere').getBoundingClientRect().top")
    assert -1 <= top < SCREENS[screen]["viewport"]["height"] / 2  # the list in view (to a fraction of a pixel)
    assert page.locator("#conversation-elsewhere li").count() >= 12
    assert errors == [], errors
    context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_busy_people_map_is_drawn_soon_with_fewer_lines_than_people(browser, busy_urls, screen):  # noqa: F811
    context, page, errors = _page(browser, screen)
    url = f"{busy_urls['people']}/conversations/"
    # Drawn soon: the drawing comes with the page, laid out by the build (no layout runs in the browser);
    # how soon is the benchmark's to measure (bench.py's browser times), not a timed test's.
    served = BeautifulSoup(page.request.get(url).text(), "html.parser")
    assert len(served.select("#people-map svg.map-svg a.map-node[data-node^='person:']")) > 1
    page.goto(url)
    page.wait_for_selector("#people-map[data-ready]", timeout=15_000)
    seen = page.evaluate(VISIBLE, "#people-map")
    assert 0 < seen["lines"] < seen["people"]  # a backbone: one line fewer than people, or fewer
    assert errors == [], errors
    context.close()


# What a people map's reader sees: the kinds of line the visible drawing (or the explore view) draws,
# the key's visible kinds, and the filters' visible checkboxes.
KINDS_SEEN = r"""
() => {
  const fig = document.querySelector('figure.map-figure--people'), seen = el => el.getClientRects().length > 0;
  const c = document.querySelector('#people-map');
  const svg = [...fig.querySelectorAll('.map-svg')].find(seen);
  const kind = el => el.getAttribute('class').match(/edge--([a-z]+)/)[1];
  const drawn = c.getAttribute('data-exploring') === '1'
    ? c.visEdges.get().filter(e => !e.hidden).map(e => e.main_kind === 'reply' ? 'replies' : e.main_kind)
    : [...svg.querySelectorAll('g.edges g.edge')].map(kind);
  return {
    drawn: [...new Set(drawn)].sort(), lines: drawn.length,
    key: [...fig.querySelectorAll('.map-legend li')].filter(seen).map(li => kind(li.querySelector('path'))).sort(),
    boxes: [...fig.querySelectorAll('#people-map-controls input[name="kind"]')]
      .filter(i => i.checked).map(i => i.value === 'reply' ? 'replies' : i.value).sort(),
  };
}
"""


@pytest.mark.parametrize("screen", SCREENS)
def test_a_busy_people_map_s_key_filters_and_lines_agree(browser, busy_urls, screen):  # noqa: F811
    """Each line drawn is of a kind the key names and a ticked checkbox controls, on the drawing and in
    the explore view: a line left with other kinds when its own is unticked is drawn and keyed as the
    most frequent of those; unticking every kind leaves no line drawn."""
    context, page, errors = _page(browser, screen)
    page.goto(f"{busy_urls['people']}/conversations/")
    page.wait_for_selector("#people-map[data-ready]", timeout=15_000)
    seen = page.evaluate(KINDS_SEEN)
    assert seen["lines"] and seen["drawn"] == seen["key"] and set(seen["drawn"]) <= set(seen["boxes"]), seen
    assert len(seen["boxes"]) > len(seen["drawn"])  # kinds no line is mostly: offered, keyed once drawn
    page.locator("#people-map .map-explore").click()  # the explore view, before any filter: its own kinds
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    opened = page.evaluate(KINDS_SEEN)
    assert opened["lines"] and opened["drawn"] == opened["key"], opened
    page.locator("#people-map .map-explore").click()
    page.locator('#people-map-controls input[value="reply"]').uncheck()  # opens the explore view
    page.wait_for_selector("#people-map[data-explore-ready]", timeout=15_000)
    wait_until(lambda: "match the filter" in page.locator(".map-status").text_content())
    left = page.evaluate(KINDS_SEEN)
    assert left["lines"] and "replies" not in left["drawn"], left
    assert left["drawn"] == left["key"] and set(left["drawn"]) <= set(left["boxes"]), left
    boxes = page.locator('#people-map-controls input[name="kind"]')
    for i in range(boxes.count()):
        boxes.nth(i).uncheck()
    wait_until(lambda: page.evaluate(KINDS_SEEN)["lines"] == 0)
    assert page.evaluate(KINDS_SEEN)["key"] == []
    page.locator("#people-map .map-explore").click()  # back to the map: its own key again
    assert page.evaluate(KINDS_SEEN)["key"] == seen["key"]
    assert errors == [], errors
    context.close()
