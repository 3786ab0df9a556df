"""The "Reply" link in real headless Chromium: present, current date filled in, reachable and used by keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import SiteMaker
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


def _minutes_from_now(stamp: str, zone: str = "Europe/Berlin") -> float:
    zone = ZoneInfo(zone)
    when = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    return abs((dt.datetime.now(zone) - when).total_seconds()) / 60


def test_script_puts_in_the_current_date_and_a_fresh_id(browser, sample_url, sample_site):  # noqa: F811
    built = (sample_site / PAGE / "index.html").read_text()
    visit = Visit(browser, sample_url)
    page = visit.open(PAGE)
    link = page.locator("#reply-sam-1 > .reply-card a.reply-link")
    # The built links hold the placeholders only in their URLs (the date and time zone are on the thread).
    assert "-your-name.md&amp;value=" in built and "Date:+YYYY-MM-DD+HH:MM%0A" in built
    wait_until(lambda: link.get_attribute("href").replace("&", "&amp;") not in built)
    filename, meta = _fields(link.get_attribute("href"))
    stamp, reply_id = meta["date"], PurePosixPath(filename).stem
    assert _minutes_from_now(stamp) <= 2
    assert meta["reply-to"] == "sam-1" and meta["status"] == "pending"
    assert filename.startswith("content/replies/on-slow-reading/")
    assert reply_id.startswith(stamp[:10].replace("-", "") + "-" + stamp[11:].replace(":", "") + "-")
    assert len(reply_id) == len("20260304-1015-3fa2c1")
    # Every link on the page renewed, each with its own id.
    hrefs = page.locator("a.reply-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ids = {PurePosixPath(_fields(h)[0]).stem for h in hrefs}
    assert len(hrefs) > 3 and len(ids) == len(hrefs) and all(i[:13] == reply_id[:13] for i in ids)
    assert all(_fields(h)[1]["date"] == stamp for h in hrefs)
    again = Visit(browser, sample_url)
    other = again.open(PAGE).locator("#reply-sam-1 > .reply-card a.reply-link")
    wait_until(lambda: other.get_attribute("href").replace("&", "&amp;") not in built)
    assert PurePosixPath(_fields(other.get_attribute("href"))[0]).stem != reply_id  # two readers, two files
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


def test_script_renews_mailto_links_too(browser, serve_dir, tmp_path_factory):  # noqa: F811
    """Without a repository the links are mailto: (percent-encoded, RFC 6068): renewed alike, in the
    site's time zone, and a second renewal (a reader coming back to the tab) replaces the first."""
    site = SiteMaker(tmp_path_factory.mktemp("mailto"))
    site.post("on-noticing", "Notice what you notice.", date="2026-03-01 09:00")
    site.reply("on-noticing", "ada-1", "I notice the light first.", Date="2026-03-02 10:15")
    site.build(REPLIES_LINK_GITHUB_REPO=None, REPLIES_LINK_EMAIL="replies@fieldnotes.example",
               TIMEZONE="America/New_York")
    visit = Visit(browser, serve_dir(site.output))
    page = visit.open("posts/on-noticing/")
    link = page.locator("#reply-ada-1 a.reply-link")
    wait_until(lambda: "YYYY" not in link.get_attribute("href"))

    def fields():
        query = parse_qs(urlsplit(link.get_attribute("href")).query, keep_blank_values=True)
        assert "+" not in link.get_attribute("href")  # a "+" would show as a plus in the mail
        meta, body = split_metadata(query["body"][0].replace("\r\n", "\n"))
        return unquote(query["subject"][0]), meta, body

    subject, meta, body = fields()
    assert _minutes_from_now(meta["date"], "America/New_York") <= 2
    assert meta["reply-to"] == "ada-1" and meta["author"] == "Your name" and body == "Write your reply here.\n"
    first = subject.rsplit("/", 1)[1].removesuffix(".md)")
    assert first.startswith(meta["date"][:10].replace("-", "")) and "your-name" not in subject
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    wait_until(lambda: fields()[0] != subject)
    assert fields()[0].startswith("Reply to “On Noticing”, answering ada-1 (content/replies/on-noticing/")
    assert _minutes_from_now(fields()[1]["date"], "America/New_York") <= 2 and "YYYY" not in fields()[1]["date"]
    visit.check_clean()
