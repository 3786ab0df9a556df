"""Imported content built into a real site (the project's pelicanconf.py, theme and replies
plugin), and the threads checked on the rendered pages.

Contract with the theme: each shown reply is an element ``id="reply-<id>"`` with class
``reply``; a nested reply sits inside its parent's element; a deleted placeholder has class
``reply--deleted``; pingbacks and mentions are listed inside an element with class ``mentions``.
The builds run with ``REPLIES_STRICT`` on, so any problem the replies plugin finds in the
imported files (a missing parent, a bad value) fails the build.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from importers import (
    import_disqus,
    import_html,
    import_staticman,
    import_webmention,
    import_wordpress,
)
from sitebuild import REPO, build_site

from .conftest import FIXTURES, REAL, WEBMENTION_TARGETS, write_post
from .test_archive_patterns import DISQUS, WAYBACK_PAGE, WEBMENTIONS


def _needs_build_setup() -> None:
    if not (REPO / "pelicanconf.py").is_file() or not (REPO / "plugins" / "replies" / "__init__.py").is_file():
        pytest.skip("the site build (pelicanconf.py and the replies plugin) is not in the repository yet")


def _build(content: Path, output: Path) -> Path:
    return build_site(content, output, REPLIES_STRICT=True)


def page(output: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((output / "posts" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def reply(soup: BeautifulSoup, reply_id: str):
    found = soup.find(id=f"reply-{reply_id}")
    assert found is not None, f"reply-{reply_id} is not on the page"
    return found


def parent_of(element) -> str | None:
    parent = element.find_parent(class_="reply")
    return parent["id"].removeprefix("reply-") if parent is not None else None


def nesting(element) -> int:
    depth = 1
    while (element := element.find_parent(class_="reply")) is not None:
        depth += 1
    return depth


def shown(soup: BeautifulSoup) -> list:
    return [el for el in soup.select(".reply") if el.get("id", "").startswith("reply-")]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    _needs_build_setup()
    if not (REAL / "README.md").is_file():
        pytest.skip(f"real-world fixtures not found at {REAL.resolve()}")
    real = REAL.resolve()
    root = tmp_path_factory.mktemp("real-site")
    content = root / "content"
    for name in ("wptt-themeunittestdata.wordpress.xml", "pelican-wordpressexport.xml", "isso-wordpress.xml"):
        import_wordpress(real / "wordpress" / name, content)
    import_html(real / "html" / "trafilatura-lemire.me.json.html", content)
    import_html(real / "html" / "trafilatura-gormulus.wordpress.com.durfen.html", content)
    write_post(content, "some-id", "Hello, World!")
    import_disqus(real / "disqus" / "isso-disqus.xml", content)
    for slug in WEBMENTION_TARGETS:
        write_post(content, slug, slug.replace("-", " ").title())
    import_webmention(real / "webmention" / "eleventy_solo-webmentions-cache.json", content)
    return _build(content, root / "output")


@pytest.fixture(scope="module")
def handmade_site(tmp_path_factory) -> Path:
    _needs_build_setup()
    root = tmp_path_factory.mktemp("handmade-site")
    content = root / "content"
    import_wordpress(FIXTURES / "wordpress" / "field-notes.xml", content)
    import_disqus(FIXTURES / "disqus" / "field-notes-disqus.xml", content)
    import_webmention(FIXTURES / "webmention" / "field-notes.jf2.json", content)
    import_staticman(FIXTURES / "staticman" / "comments", content)
    for name in ("core-html5", "twentytwelve", "legacy-html4"):
        import_html(FIXTURES / "html" / f"{name}.html", content)
    # pelican-comment-system files as its users have them: ``replyto`` names a comment by its
    # file name with the dot (current Pelican: ``1.md``) or without it (older Pelican: ``1md``).
    comments = content / "comments" / "q-and-a"
    comments.mkdir(parents=True)
    for name, extra in (("1", ""), ("2", "replyto: 1.md\n"), ("3", "replyto: 2md\n")):
        (comments / f"{name}.md").write_text(f"author: Reader {name}\ndate: 2020-05-0{name} 10:00\n{extra}\n"
                                             f"Comment number {name}.\n", encoding="utf-8")
    # Patterns of real archives (issue 9): a post whose slug is not ASCII with its Disqus
    # thread; a saved page from the Wayback Machine in plugin markup, dated by its comments.
    write_post(content, "黑天鹅", "黑天鹅")
    write_post(content, "tidal-pools", "Tidal pools")
    disqus = root / "disqus.xml"
    disqus.write_text(DISQUS, encoding="utf-8")
    import_disqus(disqus, content)
    saved = root / "wattwandern.html"
    saved.write_text(WAYBACK_PAGE, encoding="utf-8")
    import_html(saved, content)
    write_post(content, "slow-tides", "Slow tides")
    cache = root / "webmentions.json"
    cache.write_text(json.dumps({"lastFetched": "2023-04-05T00:00:00Z", "webmentions": WEBMENTIONS}),
                     encoding="utf-8")
    import_webmention(cache, content)
    return _build(content, root / "output")


@pytest.mark.real_fixtures
def test_real_ten_deep_thread(real_site):
    soup = page(real_site, "template-comments")
    chain = ["wp-904", "wp-905", "wp-906", "wp-907", "wp-910", "wp-911", "wp-912", "wp-913", "wp-914", "wp-915"]
    for parent, child in itertools.pairwise(chain):
        assert parent_of(reply(soup, child)) == parent
    assert nesting(reply(soup, "wp-915")) == 10
    assert len(shown(soup)) == 19  # 20 comments, one of them pending
    assert soup.find(id="reply-wp-1015") is None
    assert "John Γιάννης Doe Κάποιος" in soup.get_text()


@pytest.mark.real_fixtures
def test_real_pingbacks_are_listed_not_threaded(real_site):
    soup = page(real_site, "template-pingbacks-an-trackbacks")
    mentions = soup.select_one(".mentions")
    assert mentions is not None
    for rid in ("wp-921", "wp-922", "wp-923", "wp-924"):
        assert mentions.find(id=f"reply-{rid}") is not None
    assert [el["id"] for el in shown(soup)] == ["reply-wp-925"]
    assert "Ping 1 « What’s a tellyworth?" in mentions.get_text()


@pytest.mark.real_fixtures
def test_real_missing_parent_and_deleted_placeholder(real_site):
    soup = page(real_site, "with-comments")
    assert parent_of(reply(soup, "wp-117")) == "wp-116"
    assert parent_of(reply(soup, "wp-122")) is None
    # not as if it answered the post: marked, as a hand-written reply whose parent is missing is
    missing = reply(soup, "wp-122")
    assert "reply--detached" in missing["class"]
    assert missing.select_one(".in-reply-to--detached").get_text(" ", strip=True) == \
        "In reply to an earlier reply that is not here."  # not the export's "wp-121", which tells a reader nothing
    soup = page(real_site, "some-id")
    deleted = reply(soup, "disqus-9")
    assert "reply--deleted" in deleted["class"]
    assert parent_of(reply(soup, "disqus-11")) == "disqus-9"
    assert parent_of(reply(soup, "disqus-5")) == "disqus-4"
    soup = page(real_site, "test")
    assert parent_of(reply(soup, "wp-9")) == "wp-7" and parent_of(reply(soup, "wp-7")) == "wp-6"
    # wp-7 is signed "Tester", the post author's name, without a user id, but with the email of Tester's
    # own comments (which carry the author's user id): the author's, badged and on the author's page,
    # not a visitor's (a visitor who typed the name: tests/test_insight.py and tests/importers/test_wordpress.py).
    badged = {el["id"] for el in soup.select(".reply--by-author")}
    assert {"reply-wp-6", "reply-wp-7", "reply-wp-8", "reply-wp-9"} <= badged
    pages = {reply(soup, rid).select_one(".reply-author a")["href"] for rid in ("wp-6", "wp-7", "wp-8", "wp-9")}
    assert len(pages) == 1
    assert "(a reader)" not in (real_site / "people" / "index.html").read_text(encoding="utf-8")


@pytest.mark.real_fixtures
def test_real_post_dated_by_its_first_comment_claims_no_time_to_it(real_site):
    """isso's item '...' has no date; the import gives it its earliest comment's. "First reply after under a
    minute" would be made up: the line says nothing of it there, and does where the post has its own date."""
    meta = page(real_site, "p-4").select_one(".conversation .meta").get_text(" ", strip=True)
    assert "first reply after" not in meta
    assert "first reply after 1 minute" in page(real_site, "test").select_one(".conversation .meta").get_text(" ")


@pytest.mark.real_fixtures
def test_real_saved_pages(real_site):
    soup = page(real_site, "das-wird-man-ja-wohl-noch-sagen-durfen")
    replies = shown(soup)
    assert len(replies) == 40 and max(nesting(el) for el in replies) == 3
    assert len(soup.select(".mentions [id^=reply-wp-]")) == 5
    assert len(soup.select(".reply--by-author")) == 11
    # The saved page dates no pingback: two take their day from their address (/2014/01/28/), the
    # others are "date unknown" (one's address gives a day before the post's: no ping's day), never
    # the date of the comment before them, nor a <time> holding it.
    dates = {li["id"]: li.select_one("time, .date-unknown").get_text() for li in soup.select(".mentions li")}
    assert dates["reply-wp-207"] == dates["reply-wp-208"] == "28 January 2014"
    assert sorted(dates.values()).count("date unknown") == 3
    assert len(soup.select(".mentions li time")) == 2
    # Mathias asks Jo by name ("@Jo: ... gell?") past WordPress's nesting limit; Jo's answer, the
    # next comment, starts a new reply to the post: the question is answered, not open.
    questions = BeautifulSoup((real_site / "conversations/questions/index.html").read_text(encoding="utf-8"),
                              "html.parser")
    listed = [a["href"] for a in questions.select(".question-list a[href*='#reply-']")]
    assert any("das-wird-man-ja-wohl-noch-sagen-durfen/#reply-wp-1" in href for href in listed)
    assert not any(href.endswith("das-wird-man-ja-wohl-noch-sagen-durfen/#reply-wp-181") for href in listed)
    # Mathias speaks to Yuppie, then "@jeuys: Du erwartest ...?" in his next paragraph; jeuys writes
    # again later: answered.
    assert not any(href.endswith("das-wird-man-ja-wohl-noch-sagen-durfen/#reply-wp-193") for href in listed)
    # "Jo" and "Jo Menschenfreund" both link to Jo's blog: one person, one page that names both
    assert not (real_site / "people" / "jo").exists()
    jo = (real_site / "people" / "jo-menschenfreund" / "index.html").read_text(encoding="utf-8")
    assert "Also signs as “Jo”." in jo
    # the WordPress theme test's John Doe, Jane Doe and others share http://example.org/: still apart
    assert all((real_site / "people" / slug).is_dir() for slug in ("john-doe", "jane-doe", "joe-bloggs"))
    # a long question is shortened in its middle: it still ends with its question mark
    texts = [q.get_text(strip=True) for q in questions.select(".question-text")]
    long = next(t for t in texts if t.startswith("Jetzt rede ich"))
    assert " … " in long and long.endswith("bei Otla gerade mal nicht funktioniert?")
    soup = page(real_site, "json-parsing-simdjson-vs-json-for-modern-c")
    assert len(shown(soup)) == 5 and len(soup.select(".reply--by-author")) == 2


@pytest.mark.real_fixtures
def test_real_webmentions(real_site):
    soup = page(real_site, "full-11ty-js-monty")
    assert {el["id"] for el in shown(soup)} >= {"reply-wm-783331", "reply-wm-783156"}
    assert soup.select_one(".mentions #reply-wm-783096") is not None
    reactions = soup.select_one(".reactions")
    assert reactions is not None and "like" in reactions.get_text()
    # the likes were made on Twitter (through Bridgy), not here: the line says so
    assert reactions.select_one(".reaction-where").get_text() == "on twitter.com"
    # One person (one profile URL) signs "The Realest" and "TheRealest": each reply shows the name the site
    # knows them by (as the maps do) and how it was signed, and the one person page says it is the same person.
    thread = page(real_site, "so-much-for-heroes")
    # Jake asks "Why not use Cloudinary?" and Bryce answers two minutes later; webmentions link only to the
    # post ("these replies came from other sites…"): nothing says his reply is not the answer, so the
    # question is not listed as open.
    assert "came from other sites" in thread.select_one(".conversation .meta").get_text(" ")
    questions = (real_site / "conversations" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "#reply-wm-757006" not in questions and "Cloudinary" not in questions
    assert thread.select_one("#reply-wm-751021-by").get_text(" ", strip=True) \
        == "The Realest signed “TheRealest”"
    person = BeautifulSoup((real_site / "people/the-realest/index.html").read_text(encoding="utf-8"), "html.parser")
    assert person.select_one("h1").get_text() == "The Realest"
    assert person.select_one(".person-also").get_text() == "Also signs as “TheRealest”."


def test_handmade_thread_from_every_source(handmade_site):
    soup = page(handmade_site, "on-slow-reading")
    # WordPress
    assert parent_of(reply(soup, "wp-203")) == "wp-202" and nesting(reply(soup, "wp-203")) == 3
    assert "reply--deleted" in reply(soup, "wp-205")["class"]
    assert parent_of(reply(soup, "wp-206")) == "wp-205"
    assert soup.find(id="reply-wp-207") is None  # pending
    assert "reply--by-author" in reply(soup, "wp-203")["class"]
    mentions = soup.select_one(".mentions")
    assert mentions.find(id="reply-wp-208") is not None and mentions.find(id="reply-wp-209") is not None
    # Disqus
    assert "reply--deleted" in reply(soup, "disqus-5003")["class"]
    assert parent_of(reply(soup, "disqus-5004")) == "disqus-5003" and nesting(reply(soup, "disqus-5004")) == 4
    # Webmentions and their reactions
    assert parent_of(reply(soup, "wm-9003")) == "wm-9002" and parent_of(reply(soup, "wm-9002")) == "wm-9001"
    assert "2 likes" in soup.select_one(".reactions").get_text()
    # Staticman
    assert parent_of(reply(soup, "sm-8b3c4d50-5e3f-11ea-9d2a-0b7e3c1d2e3f")) == \
        "sm-7a2b3c40-5e37-11ea-9d2a-0b7e3c1d2e3f"
    text = str(soup)
    assert "[email hidden]" in text and "ada@example.org" not in text and "198.51.100.7" not in text


def test_handmade_links_between_imported_posts_are_internal(handmade_site):
    soup = page(handmade_site, "on-slow-reading")
    links = [a["href"] for a in soup.select(".post-body a") if a.get("href")]
    assert len(links) == 3
    assert not any("{filename}" in href or "field.example" in href for href in links)
    assert links[0].endswith("posts/notes-on-noticing/#part-2") and links[1].endswith("posts/notes-on-noticing/")
    assert links[2] == "https://elsewhere.example/essay/"
    other = [a["href"] for a in page(handmade_site, "notes-on-noticing").select(".post-body a")]
    assert len(other) == 1 and other[0].endswith("posts/on-slow-reading/")


def test_handmade_saved_pages(handmade_site):
    for slug, deepest, by_author in (("walking-as-method", "wp-12", "wp-12"),
                                     ("margins-of-a-notebook", "wp-33", "wp-32"),
                                     ("the-long-letter", "wp-103", "wp-102")):
        soup = page(handmade_site, slug)
        assert nesting(reply(soup, deepest)) >= 2
        assert "reply--by-author" in reply(soup, by_author)["class"]
        assert len(soup.select(".mentions li")) == 1


def test_comment_system_reply_to_with_and_without_the_dot(handmade_site):
    soup = page(handmade_site, "q-and-a")
    assert parent_of(reply(soup, "2md")) == "1md" and parent_of(reply(soup, "3md")) == "2md"
    assert nesting(reply(soup, "3md")) == 3


def test_archive_patterns_build(handmade_site):
    soup = page(handmade_site, "黑天鹅")
    assert parent_of(reply(soup, "disqus-12")) == "disqus-11"
    assert "Anonymous" in reply(soup, "disqus-11").get_text() and "yahoo" not in str(soup)
    soup = page(handmade_site, "wattwandern")
    assert parent_of(reply(soup, "wp-42")) == "wp-41" and len(shown(soup)) == 3
    assert "archive.org" not in str(soup.select_one(".post-body"))
    soup = page(handmade_site, "slow-tides")
    assert "@quietwalker@mastodon.social" in reply(soup, "wm-501").get_text()
    assert "@lune@fosstodon.org" in reply(soup, "wm-502").get_text()
    assert "Merl \U0001F9D9\u200d\u2642\ufe0f" in soup.select_one(".mentions").get_text()


@pytest.mark.real_fixtures
def test_real_pages_are_hidden_posts_with_their_comments(real_site):
    soup = page(real_site, "page-with-comments")
    assert {el["id"] for el in shown(soup)} >= {"reply-wp-167", "reply-wp-168", "reply-wp-169"}
    archive = (real_site / "archives" / "index.html").read_text(encoding="utf-8")
    assert "posts/template-comments/" in archive
    assert "posts/page-with-comments/" not in archive  # hidden: its own page, in no list


def test_title_with_markup_characters(handmade_site):
    soup = page(handmade_site, "q-and-a")
    assert soup.select_one("h1").get_text() == "Q&A: tags & titles"


@pytest.mark.real_fixtures
def test_real_lists_of_posts_show_words_not_image_links(real_site):
    """An imported post's pictures are links ("[image: Boardwalk]"); the lists of posts showed a gallery
    post as twenty of them. A list shows the post's words without its galleries and media links, or,
    when it has no words of its own, what it holds."""
    summaries = {}
    for listing in real_site.glob("index*.html"):
        for item in BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser").select(".post-item"):
            summary = item.select_one(".post-item-summary")
            summaries[item.select_one("a")["href"].rstrip("/").rsplit("/", 1)[-1]] = (
                " ".join(summary.get_text().split()) if summary else "")
    assert summaries["post-format-gallery"].startswith(
        "You can use this page to test the Theme's handling of the gallery shortcode, including the columns "
        "parameter, from 1 to 9 columns.")
    assert summaries["post-format-gallery-tiled"] == (
        "This is a test for Jetpack's Tiled Gallery. Install Jetpack to test. This is some text after the "
        "Tiled Gallery just to make sure that everything spaces nicely.")
    assert summaries["post-format-image-caption"] == "Bell on wharf in San Francisco"
    assert summaries["post-format-image"] == "An image."
    assert [slug for slug, text in summaries.items() if "[image" in text] == []
