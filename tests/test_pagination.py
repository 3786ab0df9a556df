"""Long lists in pages, the exports and the reply feeds (issue 7, "Weight" and "Growth").

One small site built for real under a sub-path (``https://owner.github.io/repo``, absolute URLs) with
tiny page sizes, so a handful of questions and replies already spread over several pages: every
"Older"/"Newer" link is followed through the written files.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from bs4 import BeautifulSoup
from conftest import SiteMaker
from conversation_map.settings import ConfigError as MapConfigError
from replies.settings import ConfigError as RepliesConfigError
from sitebuild import REPO, build_site, export_path, read_graph_json
from test_browser import Visit, browser  # noqa: F401  (the module-scoped Chromium fixture)
from test_map_browser import contrast

SITEURL = "https://owner.github.io/repo"
ATOM = "{http://www.w3.org/2005/Atom}"
READERS = ["Ada Park", "Ben Ode", "Cleo Marsh", "Dan Roy", "Eva Lind", "Finn Holt", "Gus Moreau"]
PARTNERS = ["Ben Ode", "Cleo Marsh", "Dan Roy", "Eva Lind"]


def page_path(output: Path, href: str) -> Path:
    """The file a link of the site points to (links must stay under the sub-path)."""
    assert href.startswith(SITEURL + "/"), href
    path = href[len(SITEURL) + 1:].partition("#")[0]
    return output / (path + "index.html" if path.endswith("/") or not path else path)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """Seven readers' open questions and four of the host's, under two posts; Ada Park's six replies and
    her exchanges with four people (she answers each twice, and is answered twice)."""
    site = SiteMaker(tmp_path_factory.mktemp("paged"))
    site.post("asks", "A post that readers ask about.", title="Asks", date="2026-01-01 09:00")
    site.post("talk", "A post where Ada talks with everyone.", title="Talk", date="2026-01-01 10:00")
    site.post("quiet", "A post nobody answered.", title="Quiet", date="2025-12-01 10:00")
    for i, name in enumerate(READERS):
        site.reply("asks", f"q{i}", f"What would {name.split()[0]} read first, number {i}?", Author=name,
                   Date=f"2026-01-{i + 2:02d} 10:00")
    for i in range(4):
        site.reply("asks", f"h{i}", f"And would anyone try the exercise number {i} again?", Author="Mira Okafor",
                   Date=f"2026-02-{i + 2:02d} 10:00")
    for j, partner in enumerate(PARTNERS):  # Ada ↔ partner: a, p, a, p (two answers each way)
        slug = partner.split()[0].lower()
        previous = None
        for turn in range(4):
            who, rid = ("Ada Park", f"a-{slug}-{turn}") if turn % 2 == 0 else (partner, f"{slug}-{turn}")
            site.reply("talk", rid, f"Turn {turn} between Ada and {partner} about slow reading.", Author=who,
                       Date=f"2026-03-{j * 4 + turn + 1:02d} 10:00", Reply_To=previous)
            previous = rid
    out = build_site(site.content, site.output, SITEURL=SITEURL, RELATIVE_URLS=False, FEED_DOMAIN=SITEURL,
                     CONVERSATION_MAP_QUESTIONS_PER_PAGE=3, CONVERSATION_MAP_PERSON_LINES_PER_PAGE=2,
                     CONVERSATION_MAP_PERSON_LIST_LIMIT=1, REPLIES_FEED_POST_MAX_ITEMS=3)
    return site, out


def walk(output: Path, first: Path, section: str, older_in=None):
    """Follow a list's "Older" links from ``first``; returns [(file, page soup, the section's items)]."""
    pages, path = [], first
    while True:
        page = soup(path)
        block = page.select_one(section)
        assert block is not None, (path, section)
        pages.append((path, page, block))
        older = (older_in(block) if older_in else block).select_one("nav.pager a.pager-older")
        if older is None:
            return pages
        path = page_path(output, older["href"])
        assert path.is_file(), older["href"]
        assert len(pages) < 50


def test_open_questions_in_pages_newest_first_each_once(paged):
    _, out = paged
    first = out / "conversations/questions/index.html"
    pages = walk(out, first, "#readers-questions-title", older_in=lambda h: h.parent)
    assert [p.relative_to(out).as_posix() for p, *_ in pages] == [
        "conversations/questions/index.html", "conversations/questions/2/index.html",
        "conversations/questions/3/index.html"]
    texts, dates = [], []
    for number, (_, page, heading) in enumerate(pages, start=1):
        items = heading.parent.select(".question-item")
        assert len(items) == (3 if number < 3 else 1)
        texts += [i.select_one(".question-text").get_text(strip=True) for i in items]
        dates += [i.select_one("time")["datetime"] for i in items]
        nav = heading.parent.select_one("nav.pager")
        assert f"Page {number} of 3" in nav.get_text(" ", strip=True)
        newer = nav.select_one("a.pager-newer")
        if number == 1:
            assert newer is None
        else:  # back to the page before, under the sub-path
            assert page_path(out, newer["href"]) == pages[number - 2][0]
            assert page.select_one("#authors-questions-title") is None  # a later readers' page: theirs only
            assert page.title.get_text().startswith(f"Open questions, page {number} of 3")
        assert page.select_one(".question-list")["start"] == str((number - 1) * 3 + 1)
    assert sorted(texts) == sorted(f"What would {n.split()[0]} read first, number {i}?"
                                   for i, n in enumerate(READERS))  # every one, exactly once
    assert dates == sorted(dates, reverse=True)


def test_the_hosts_questions_have_their_own_pages(paged):
    _, out = paged
    first = out / "conversations/questions/index.html"
    pages = walk(out, first, "#authors-questions-title", older_in=lambda h: h.parent)
    assert [p.relative_to(out).as_posix() for p, *_ in pages] == [
        "conversations/questions/index.html", "conversations/questions/authors/2/index.html"]
    texts = [q.get_text(strip=True) for _, _, h in pages for q in h.parent.select(".question-text")]
    assert texts == [f"And would anyone try the exercise number {i} again?" for i in (3, 2, 1, 0)]
    later = pages[1][1]
    assert later.select_one("#readers-questions-title") is None
    newer = later.select_one("nav.pager a.pager-newer")["href"]
    assert newer == f"{SITEURL}/conversations/questions/#authors-questions-title"


def test_a_busy_persons_lists_go_on_in_pages(paged):
    _, out = paged
    home = out / "people/ada-park/index.html"
    page = soup(home)
    full = [a["href"] for a in page.select(".said > li > a")]
    assert len(full) == 1  # CONVERSATION_MAP_PERSON_LIST_LIMIT
    heading = page.select_one("h3#earlier-replies")
    assert heading.get_text(strip=True) == "8 earlier replies"
    lines, paths = [], []
    path = home
    while True:
        current = soup(path)
        block = current.select_one("#earlier-replies").find_next("ul", class_="more-list") if path == home \
            else current.select_one("ul.more-list")
        lines += [a["href"] for a in block.select("a")]
        paths.append(path.relative_to(out).as_posix())
        older = (block.find_next("nav", class_="pager") or BeautifulSoup("", "html.parser")).select_one(
            "a.pager-older")
        if path != home:
            newer = current.select_one("nav.pager a.pager-newer")["href"]
            expected = f"{SITEURL}/people/ada-park/" + ("#earlier-replies" if len(paths) == 2
                                                        else f"replies/{len(paths) - 1}/")
            assert newer == expected
            assert current.select_one("h1").get_text(strip=True) == "Ada Park: 8 earlier replies"
        if older is None:
            break
        path = page_path(out, older["href"])
    assert paths == ["people/ada-park/index.html", "people/ada-park/replies/2/index.html",
                     "people/ada-park/replies/3/index.html", "people/ada-park/replies/4/index.html"]
    every = full + lines
    ada = [f"{SITEURL}/posts/asks/#reply-q0"] + [f"{SITEURL}/posts/talk/#reply-a-{p.split()[0].lower()}-{t}"
                                                  for p in PARTNERS for t in (0, 2)]
    assert sorted(every) == sorted(ada)  # each of her replies reachable, exactly once
    days = [re.search(r"(\d+) (\w+) 2026", a.get_text()).groups() for a in page.select(".said a, .more-list a")
            if "On “" in a.get_text()]
    order = [(["January", "March"].index(month), int(day)) for day, month in days]
    assert order == sorted(order, reverse=True) and days[0] == ("15", "March")  # newest first
    exchanges = page.select_one("h3#more-exchanges")  # "shorter" they were not: as long as the ones above
    assert exchanges.get_text(strip=True) == "3 more exchanges"
    assert exchanges.find_next("p", class_="meta").get_text() == "1–2 of 3, oldest first."
    listed = [a.get_text() for a in exchanges.find_next("ul", class_="more-list").select("a")]
    assert [t.split()[0] for t in listed] == ["Ada", "Ada"] and "Cleo" in listed[0] and "Dan" in listed[1], listed
    second = page_path(out, exchanges.find_next("nav", class_="pager").select_one("a.pager-older")["href"])
    assert second == out / "people/ada-park/exchanges/2/index.html"
    assert len(soup(second).select("ul.more-list li")) == 1
    ben = soup(out / "people/ben-ode/index.html")
    assert ben.select_one("nav.pager") is None and not (out / "people/ben-ode/replies").exists()


def test_a_hosts_posts_newest_first_in_pages(paged):
    _, out = paged
    home = out / "people/mira-okafor/index.html"
    first = soup(home).select_one("h2#person-posts")
    listed = first.find_next_sibling("ul")
    assert [a.get_text() for a in listed.select("a")] == ["Talk", "Asks"]  # newest first, two a page
    older = first.find_next_sibling("nav", class_="pager").select_one("a.pager-older")["href"]
    assert older == f"{SITEURL}/people/mira-okafor/posts/2/"
    second = soup(page_path(out, older))
    assert [a.get_text() for a in second.select("ul.more-list a")] == ["Quiet"]
    assert second.select_one("h1").get_text(strip=True) == "Mira Okafor: 3 posts"
    assert second.select_one("nav.pager a.pager-newer")["href"] == f"{SITEURL}/people/mira-okafor/#person-posts"


def test_exports_are_gzip_with_every_node_and_edge(paged):
    site, out = paged
    for name in ("graph.json.gz", "graph.graphml.gz"):
        raw = (out / "conversations" / name).read_bytes()
        assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip, time 0 in the header: deterministic
        assert not (out / "conversations" / name[:-3]).exists()
    data = read_graph_json(out)
    J = nx.node_link_graph(data, edges="links")
    G = nx.read_graphml(export_path(out, "graph.graphml"), force_multigraph=True)  # networkx opens .gz itself
    replies = {p.relative_to(site.content / "replies").with_suffix("").as_posix()
               for p in (site.content / "replies").rglob("*.md")}
    assert {n[len("reply:"):] for n, k in J.nodes(data="kind") if k == "reply"} == replies
    assert set(G.nodes) == set(J.nodes) and G.number_of_edges() == J.number_of_edges()
    assert sorted(G.edges(keys=True)) == sorted(J.edges(keys=True))
    replied = {(u, v) for u, v, k in J.edges(keys=True) if k == "reply"}
    assert ("reply:talk/ben-1", "reply:talk/a-ben-0") in replied and ("reply:asks/q0", "post:asks") in replied
    reply = J.nodes["reply:asks/q0"]
    assert "tags" not in reply and "category" not in reply and reply["conversation"] == "asks"
    assert reply["asks_question"] is True and reply["question"].startswith("What would Ada")
    assert "question" not in J.nodes["reply:talk/ben-1"] and J.nodes["reply:talk/ben-1"]["asks_question"] is False
    assert J.nodes["post:asks"]["tags"] == "reflection" and J.nodes["post:asks"]["category"] == "Practice"
    link = soup(out / "conversations/index.html").select_one("a[href='graph.graphml.gz']")
    assert link is not None and "GraphML" in link.parent.get_text()


def test_exports_uncompressed_when_asked(tmp_path):
    site = SiteMaker(tmp_path)
    site.post("p", "A post.")
    site.reply("p", "a", "A reply.")
    site.build(CONVERSATION_MAP_EXPORT_GZIP=False)
    folder = site.output / "conversations"
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(nx.read_graphml(folder / "graph.graphml").nodes) == {
        "post:p", "reply:p/a", "person:ada-park", "person:mira-okafor"}
    assert not list(folder.glob("*.gz"))
    links = [a["href"] for a in site.page("conversations/index.html").select("a[href^='graph.']")]
    assert links == ["graph.json", "graph.graphml"]


def test_a_posts_feed_carries_its_newest_replies_in_full(paged):
    site, out = paged
    feed = ET.parse(out / "feeds/replies/asks.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3  # REPLIES_FEED_POST_MAX_ITEMS
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        f"{SITEURL}/posts/asks/#reply-h{i}" for i in (3, 2, 1)]  # the newest
    first = entries[0]
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Mira Okafor"
    assert first.find(f"{ATOM}updated").text.startswith("2026-02-05")
    assert "exercise number 3 again?" in first.find(f"{ATOM}summary").text  # the whole reply
    assert first.find(f"{ATOM}title").text == "Mira Okafor on “Asks”"
    everything = ET.parse(out / "feeds/replies.atom.xml").getroot().findall(f"{ATOM}entry")
    assert len(everything) == len(list((site.content / "replies").rglob("*.md")))  # under its own cap (100)


@pytest.mark.parametrize("key, value, error", [
    ("CONVERSATION_MAP_QUESTIONS_PER_PAGE", 0, MapConfigError),
    ("CONVERSATION_MAP_PERSON_LINES_PER_PAGE", 0, MapConfigError),
    ("CONVERSATION_MAP_EXPORT_GZIP", "yes", MapConfigError),
    ("REPLIES_FEED_POST_MAX_ITEMS", 0, RepliesConfigError),
])
def test_page_and_feed_sizes_are_checked(site, key, value, error):
    site.post("p", "A post.")
    with pytest.raises(error, match=key):
        site.build(**{key: value})


def test_every_reply_in_a_posts_feed_with_no_cap(site):
    site.post("p", "A post.")
    for i in range(12):
        site.reply("p", f"r{i}", f"Reply {i}.", Date=f"2026-01-{i + 2:02d} 10:00")
    site.build(REPLIES_FEED_POST_MAX_ITEMS=None)
    assert len(ET.parse(site.output / "feeds/replies/p.atom.xml").getroot().findall(f"{ATOM}entry")) == 12
    site.build()
    assert len(ET.parse(site.output / "feeds/replies/p.atom.xml").getroot().findall(f"{ATOM}entry")) == 10


@pytest.fixture(scope="module")
def served(paged, serve_dir, tmp_path_factory):
    """The same site built once more for a local server, under the sub-path ``/repo``."""
    site, _ = paged
    root = tmp_path_factory.mktemp("served")
    base = serve_dir(root)
    build_site(site.content, root / "repo", SITEURL=f"{base}/repo", RELATIVE_URLS=False, FEED_DOMAIN=f"{base}/repo",
               CONVERSATION_MAP_QUESTIONS_PER_PAGE=3, CONVERSATION_MAP_PERSON_LINES_PER_PAGE=2,
               CONVERSATION_MAP_PERSON_LIST_LIMIT=1)
    return base


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_pages_read_and_click_through_in_a_browser(browser, served, tmp_path, viewport, scheme):  # noqa: F811
    """The pager on a desktop and a phone, light and dark: fits the screen, readable, and "Older" and
    "Newer" lead through the pages of a site served under a sub-path."""
    base = served
    width, height = viewport
    visit = Visit(browser, base)
    page = visit.page
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)
    for start, pager, second in (("repo/conversations/questions/", "#readers-questions-title ~ nav.pager",
                                  "repo/conversations/questions/2/"),
                                 ("repo/people/ada-park/", "#earlier-replies ~ nav.pager",
                                  "repo/people/ada-park/replies/2/")):
        visit.open(start)
        older = page.locator(f"{pager} a.pager-older")
        older.scroll_into_view_if_needed()
        box = older.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 24  # a finger-sized target
        colours = older.evaluate("a => { const s = getComputedStyle(a); return [s.color, s.backgroundColor]; }")
        assert contrast(*colours) >= 4.5, colours
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
        page.screenshot(path=str(tmp_path / f"{start.strip('/').replace('/', '-')}-{width}-{scheme}.png"))
        older.click()
        page.wait_for_url(f"{base}/{second}")
        assert "Page 2 of" in page.locator("nav.pager").first.text_content()
        page.locator("nav.pager a.pager-newer").first.click()
        page.wait_for_url(f"{base}/{start}*")
    visit.check_clean()


def test_pages_do_not_grow_with_the_archive(tmp_path):
    """Three times the posts and replies (sitegen, 25 people, so everyone is busy): the open questions pages
    and the person pages stay about as heavy, the rest goes to more pages. Unpaged, the questions page grew
    3.3× and the busiest person page 1.7× between these two sizes."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from sitegen import generate

    largest = {}
    for posts in (30, 90):
        generate(tmp_path / f"s{posts}", posts=posts, replies=12, people=25)
        out = build_site(tmp_path / f"s{posts}" / "ours", tmp_path / f"o{posts}", ARTICLE_PATHS=["posts"],
                         TIMEZONE="UTC", CONVERSATION_MAP_QUESTIONS_PER_PAGE=10,
                         CONVERSATION_MAP_PERSON_LINES_PER_PAGE=20, CONVERSATION_MAP_PERSON_LIST_LIMIT=3)
        questions = list(out.glob("conversations/questions/**/index.html"))
        people = list(out.glob("people/**/index.html"))
        largest[posts] = (max(p.stat().st_size for p in questions), max(p.stat().st_size for p in people),
                          len(questions), len(people))
    (q30, p30, nq30, np30), (q90, p90, nq90, np90) = largest[30], largest[90]
    assert q90 <= 1.1 * q30 and p90 <= 1.3 * p30, largest
    assert nq90 >= 3 * nq30 and np90 > np30, largest  # the lists went on in more pages
