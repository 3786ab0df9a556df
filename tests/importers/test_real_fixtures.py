"""The real-world files of ../shared/fixtures/real (counts from its README.md).

Skipped, with the reason, when that folder is not next to the repository.
"""

from __future__ import annotations

import pytest
from importers import ImportFailed, import_disqus, import_html, import_webmention, import_wordpress
from importers.site import read_post_metadata

from .conftest import WEBMENTION_TARGETS

pytestmark = pytest.mark.real_fixtures



def test_wordpress_theme_unit_test(real, content, replies, depth, no_private_data, snap):
    source = real / "wordpress" / "wptt-themeunittestdata.wordpress.xml"
    report = import_wordpress(source, content)
    # 56 published posts; the password-protected one is left out (with its one comment).
    assert report.posts == 55
    assert report.skipped["password-protected post (its text would become public)"] == 1
    assert report.pages == 21 and report.skipped["attachment (not a post)"] == 37
    # 33 comments: 28 replies and 4 pings on posts and pages, 1 on the password-protected post.
    assert (report.replies, report.pingbacks, report.skipped["comment on a skipped item"]) == (28, 4, 1)
    assert report.pending == 3 and report.pingbacks_pending == 0
    assert "pingbacks:  4 (none pending)" in str(report)
    # The pages' comments come along; pages are hidden posts (their own page, in no list).
    assert sorted(replies(content, "page-with-comments")) == ["wp-1017", "wp-167", "wp-168", "wp-169"]
    page = read_post_metadata(content / "imported" / "wordpress" / "page-with-comments.html")
    assert page["status"] == "hidden"
    # Comments by the blog's users show their display names, never their logins.
    assert replies(content, "page-with-comments")["wp-169"][0]["author"] == "Theme Buster"
    assert replies(content, "template-comments")["wp-903"][0]["author"] == "Theme Buster"
    assert report.max_depth == 10
    comments = replies(content, "template-comments")
    assert len(comments) == 20 and depth("wp-915", comments) == 10
    chain = ["wp-904", "wp-905", "wp-906", "wp-907", "wp-910", "wp-911", "wp-912", "wp-913", "wp-914", "wp-915"]
    assert [comments[c][0].get("reply-to") for c in chain] == [None, *chain[:-1]]
    assert comments["wp-1015"][0]["status"] == "pending"
    assert comments["wp-881"][0]["author"] == "John Γιάννης Doe Κάποιος"
    pings = replies(content, "template-pingbacks-an-trackbacks")
    assert pings["wp-921"][0]["author"] == "Ping 1 « What’s a tellyworth?"  # entities decoded
    assert {m["kind"] for rid, (m, _) in pings.items() if rid != "wp-925"} == {"pingback"}
    assert pings["wp-923"][0]["source-url"] == "http://tellyworth.wordpress.com/2007/11/21/ping-4/"
    meta = read_post_metadata(content / "imported" / "wordpress" / "title-with-special-characters.html")
    assert meta["title"].startswith("Markup: Title With Special Characters ~`!@#$%^&*()")
    assert not (content / "imported" / "wordpress" / "template-password-protected.html").exists()
    aside = read_post_metadata(content / "imported" / "wordpress" / "post-format-aside.html")
    assert (aside["category"], aside["tags"]) == ("Classic", "aside, Post Formats")  # no post_format term
    no_private_data(content, "themeshaperwp+demos@gmail.com")
    before = snap(content)
    again = import_wordpress(source, content)
    assert snap(content) == before and set(again.actions()) == {"unchanged"}


def test_wordpress_shortcodes_become_what_a_reader_saw(real, content):
    """WordPress keeps [caption], [gallery] and [audio] as written and expands them when it shows a post:
    the import does the same, so no imported post shows a shortcode as text."""
    from bs4 import BeautifulSoup

    source = real / "wordpress" / "wptt-themeunittestdata.wordpress.xml"
    report = import_wordpress(source, content)
    folder = content / "imported" / "wordpress"

    def body(slug):
        return BeautifulSoup((folder / f"{slug}.html").read_text(encoding="utf-8").split("<body>", 1)[1], "html.parser")

    caption = body("post-format-image-caption").select_one("figure.wp-caption")
    assert caption.select_one("figcaption").get_text(strip=True) == "Bell on wharf in San Francisco"
    # the linked image is its words in the author's link (to the full-size picture), not a link in a link
    image = caption.select_one("a")
    assert (image["href"], image.get_text()) == ("https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg",
                                                 "[image: Bell on Wharf]")
    assert all(a.get_text(strip=True) for a in body("markup-image-alignment").select("a"))  # no empty links
    # the gallery of the post's own attachments (no ids: those whose parent it is), and one naming its images
    galleries = body("post-format-gallery").select("ul.wp-gallery")
    assert [len(g.select("li a")) for g in galleries] == [23] * len(galleries) and len(galleries) >= 9
    assert all(a.get_text().startswith("[image: ") for g in galleries for a in g.select("a"))
    named = [a["href"].rsplit("/", 1)[-1] for page in folder.glob("*.html") for ul in body(page.stem).select(
        "ul.wp-gallery") for a in ul.select("a") if len(ul.select("a")) == 2]
    assert len(named) == 2
    audio = [a for a in body("post-format-audio").select("a") if a.get_text().startswith("[audio: ")]
    assert audio and audio[0]["href"].endswith("stlouisblues.mp3")
    for page in folder.glob("*.html"):
        text = body(page.stem).get_text()
        assert not any(f"[{code}" in text for code in ("caption", "/caption", "gallery", "audio ")), page.name
    # every gallery has its images, every media shortcode its address: nothing was left out
    assert [n for n in report.notes if "was left out" in n] == []


def test_wordpress_pelican_export_with_a_missing_parent(real, content, replies):
    report = import_wordpress(real / "wordpress" / "pelican-wordpressexport.xml", content)
    assert report.posts == 7  # 7 published posts; drafts, pages, attachments, custom types skipped
    assert report.skipped["draft post (not published)"] == 4
    found = replies(content, "with-comments")
    assert sorted(found) == ["wp-116", "wp-117", "wp-122"]
    assert found["wp-117"][0]["reply-to"] == "wp-116"
    assert "reply-to" not in found["wp-122"][0]  # its parent 121 is missing: attached to the post, marked
    assert found["wp-122"][0]["reply-to-missing"] == "wp-121"
    assert "wp-122 answers wp-121, which is not in the source" in str(report)
    assert report.skipped["comment in the trash"] == 1  # the trashed pingback
    assert report.max_depth == 2


def test_wordpress_isso_wxr_1_0(real, content, replies, depth, no_private_data):
    report = import_wordpress(real / "wordpress" / "isso-wordpress.xml", content)
    found = replies(content, "test")
    assert len(found) == 7 and report.max_depth == 3
    assert sum(1 for m, _ in found.values() if m.get("reply-to")) == 3
    assert depth("wp-9", found) == 3 and found["wp-8"][0]["reply-to"] == "wp-7"
    assert found["wp-10"][1] == ("<p>When you have a comment with multiple lines:<br/>\n"
                                 "WordPress exports it like this.</p>\n")
    assert found["wp-7"][0]["date"] == "2014-04-29T15:21:35+00:00"  # only comment_date_gmt given
    no_private_data(content, "info@posativ.org", "86.56.63.0")
    # Comment 7 carries no user id but the name and the email of Tester's own comments (6, 8, 9 carry
    # Tester's user id): it is the post author's too, not a visitor who typed the name.
    assert "post-author" not in found["wp-7"][0]
    assert not any(meta.get("post-author") == "no" for meta, _ in found.values())
    # The post left out for having no date is named, apart from the one that takes its first comment's date
    assert report.skipped["post without a date"] == 1
    assert "isso-wordpress.xml: skipped 'No comments': post without a date" in report.notes


def test_a_blogger_export_given_to_another_importer_names_the_one_that_reads_it(real, content):
    with pytest.raises(ImportFailed) as failure:
        import_wordpress(real / "blogger" / "pelican-bloggerexport.xml", content)
    assert "a Blogger export" in str(failure.value) and "invoke import-blogger" in str(failure.value)
    assert list(content.iterdir()) == []
    for importer in (import_disqus, import_html):
        with pytest.raises(ImportFailed) as failure:
            importer(real / "blogger" / "pelican-bloggerexport.xml", content)
        assert "pelican-bloggerexport.xml" in str(failure.value)
        assert list(content.iterdir()) == []


def test_disqus_isso_export(real, content, make_post, replies):
    make_post(content, "some-id", "Hello, World!")  # thread 2's identifier
    report = import_disqus(real / "disqus" / "isso-disqus.xml", content)
    found = replies(content, "some-id")
    assert sorted(found) == ["disqus-11", "disqus-4", "disqus-5", "disqus-9"]
    assert found["disqus-5"][0]["reply-to"] == "disqus-4"
    assert found["disqus-9"][0]["kind"] == "deleted" and found["disqus-11"][0]["reply-to"] == "disqus-9"
    assert report.skipped == {"comment on a thread that is not in the export": 1,
                              "comment on a thread that matches no post": 1}
    assert "localhost:4000/blog/2013/02/12/redacted/index.html" in str(report)


def test_saved_pages(real, content, replies):
    lemire = import_html(real / "html" / "trafilatura-lemire.me.json.html", content)
    assert (lemire.replies, lemire.max_depth, lemire.by_post_author) == (5, 2, 2)
    assert sum(1 for m, _ in replies(content, "json-parsing-simdjson-vs-json-for-modern-c").values()
               if m.get("reply-to")) == 2
    gormulus = import_html(real / "html" / "trafilatura-gormulus.wordpress.com.durfen.html", content)
    assert (gormulus.replies, gormulus.pingbacks, gormulus.max_depth, gormulus.by_post_author) == (40, 5, 3, 11)
    found = replies(content, "das-wird-man-ja-wohl-noch-sagen-durfen")
    assert sum(1 for m, _ in found.values() if m.get("reply-to")) == 25
    meta = read_post_metadata(content / "imported" / "wordpress" / "das-wird-man-ja-wohl-noch-sagen-durfen.html")
    assert meta["author"] == "Mathias" and meta["date"] == "2012-12-11T11:00:53+01:00"
    body = (content / "imported" / "wordpress" / "das-wird-man-ja-wohl-noch-sagen-durfen.html").read_text()
    assert "__ATA" not in body and "sharedaddy" not in body


def test_webmention_cache(real, content, make_post, replies):
    for slug in WEBMENTION_TARGETS:
        make_post(content, slug, slug.replace("-", " ").title())
    report = import_webmention(real / "webmention" / "eleventy_solo-webmentions-cache.json", content)
    assert (report.replies, report.mentions) == (19, 7)
    # 84 likes and 23 reposts; the 4 on the home page match no post.
    assert dict(report.reactions) == {"like": 80, "repost": 23}
    assert report.skipped == {"webmention of a site's home page, not a post": 4}
    assert report.max_depth == 1  # every in-reply-to is its wm-target: flat
    assert len(replies(content, "back-nunjucks-eleventy-site")) == 6
