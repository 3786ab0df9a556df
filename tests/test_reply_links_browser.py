"""The "Reply" link in real headless Chromium: present, current date filled in, reachable and used by keyboard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from replies.reader import split_metadata
from test_browser import Visit, browser, wait_until  # noqa: F401 (browser is a fixture)

pytestmark = pytest.mark.browser

PAGE = "posts/on-slow-reading/"


@pytest.fixture(scope="module")
def sample_url(sample_site, serve_dir):
    return serve_dir(sample_site)


def _fields(url: str) -> tuple[str, dict[str, str]]:
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return query["filename"][0], split_metadata(query["value"][0])[0]


def _minutes_from_now(stamp: str) -> float:
    zone = ZoneInfo("Europe/Berlin")
    when = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    return abs((dt.datetime.now(zone) - when).total_seconds()) / 60


def test_script_puts_in_the_current_date_and_a_fresh_id(browser, sample_url, sample_site):  # noqa: F811
    built = (sample_site / PAGE / "index.html").read_text()
    visit = Visit(browser, sample_url)
    page = visit.open(PAGE)
    link = page.locator("#reply-sam-1 > .reply-card a.reply-link")
    wait_until(lambda: link.get_attribute("data-reply-date") not in built)
    stamp, reply_id = link.get_attribute("data-reply-date"), link.get_attribute("data-reply-id")
    assert _minutes_from_now(stamp) <= 2
    filename, meta = _fields(link.get_attribute("href"))
    assert meta["date"] == stamp and meta["reply-to"] == "sam-1" and meta["status"] == "pending"
    assert filename == f"content/replies/on-slow-reading/{reply_id}.md"
    assert reply_id.startswith(stamp[:10].replace("-", "") + "-" + stamp[11:].replace(":", "") + "-")
    again = Visit(browser, sample_url)
    other = again.open(PAGE).locator("#reply-sam-1 > .reply-card a.reply-link")
    wait_until(lambda: other.get_attribute("data-reply-date") not in built)
    assert other.get_attribute("data-reply-id") != reply_id  # two readers, two files
    visit.check_clean()
    again.check_clean()


def test_reply_link_is_reached_and_followed_by_keyboard(browser, sample_url):  # noqa: F811
    visit = Visit(browser, sample_url)
    page = visit.open(PAGE)
    page.route("https://github.com/**", lambda route: route.abort())  # never leave the machine
    page.locator("#replies-title").click()  # start from the thread, as a reader scrolled there would
    for _ in range(40):  # the post's own links and margin marks come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('reply-link')"):
            break
    focused = page.evaluate("[document.activeElement.textContent, getComputedStyle(document.activeElement)"
                            ".outlineStyle]")
    assert focused == ["Reply to this post", "solid"]  # visibly focused
    assert visit.errors == [] and visit.outside == []  # nothing left the site before the reader chose to
    with page.expect_request(lambda r: r.url.startswith("https://github.com/")) as request:
        page.keyboard.press("Enter")
    url = request.value.url
    assert urlsplit(url).path == "/example/field-notes/new/main"
    filename, meta = _fields(url)
    assert filename.startswith("content/replies/on-slow-reading/") and "reply-to" not in meta
    assert _minutes_from_now(meta["date"]) <= 2
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reply_links_on_a_phone(browser, sample_url, scheme):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{sample_url}/{PAGE}")
    actions = page.locator(".reply-actions")
    actions.scroll_into_view_if_needed()
    box = page.locator(".reply-actions a.reply-link").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 24  # on screen, tappable
    assert page.locator(".reply-actions a.how-to-reply").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    page.screenshot(path=f"/tmp/reply-links-phone-{scheme}.png")
    context.close()


def test_how_to_reply_page_is_reached_from_a_thread(browser, sample_url):  # noqa: F811
    visit = Visit(browser, sample_url)
    page = visit.open(PAGE)
    page.locator(".reply-actions a.how-to-reply").click()
    page.wait_for_url(f"{sample_url}/how-to-reply/")
    assert page.locator("h1").text_content() == "How to reply"
    visit.check_clean()
