"""What real imports used to lose: a reblog's empty link, a post closed to replies, two comments
of one export with one id. Each is checked on the files written and on the built pages."""

from __future__ import annotations

import textwrap

from bs4 import BeautifulSoup
from importers import import_html, import_wordpress
from importers.writer import read_reply_file
from sitebuild import build_site

DURFEN = "das-wird-man-ja-wohl-noch-sagen-durfen"


def _page(output, slug: str) -> BeautifulSoup:
    return BeautifulSoup((output / "posts" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def _wxr(items: str) -> str:
    """A small WordPress export around ``items``."""
    return textwrap.dedent("""\
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Field</title><link>http://field.example</link>
        <wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>http://field.example</wp:base_blog_url>
        """) + textwrap.dedent(items) + "</channel>\n</rss>\n"


def _item(post_id: int, slug: str, comments: str = "", *, comment_status: str = "open") -> str:
    return f"""
        <item>
          <title>{slug.replace('-', ' ').title()}</title>
          <link>http://field.example/{slug}/</link>
          <dc:creator>mira</dc:creator>
          <content:encoded><![CDATA[The post {slug}.]]></content:encoded>
          <wp:post_id>{post_id}</wp:post_id>
          <wp:post_date>2020-03-04 10:00:00</wp:post_date>
          <wp:post_date_gmt>2020-03-04 09:00:00</wp:post_date_gmt>
          <wp:comment_status>{comment_status}</wp:comment_status>
          <wp:post_name>{slug}</wp:post_name>
          <wp:status>publish</wp:status>
          <wp:post_type>post</wp:post_type>
          {comments}
        </item>"""


def _comment(comment_id: int, author: str, content: str, *, day: int = 5) -> str:
    return f"""
          <wp:comment>
            <wp:comment_id>{comment_id}</wp:comment_id>
            <wp:comment_author><![CDATA[{author}]]></wp:comment_author>
            <wp:comment_date>2020-03-{day:02d} 10:00:00</wp:comment_date>
            <wp:comment_date_gmt>2020-03-{day:02d} 09:00:00</wp:comment_date_gmt>
            <wp:comment_content><![CDATA[{content}]]></wp:comment_content>
            <wp:comment_approved>1</wp:comment_approved>
            <wp:comment_type></wp:comment_type>
            <wp:comment_parent>0</wp:comment_parent>
          </wp:comment>"""


# -- 1. A link without words keeps its host as its words -------------------------------------------

def test_saved_page_reblog_names_the_blog(real, tmp_path):
    content = tmp_path / "content"
    import_html(real / "html" / "trafilatura-gormulus.wordpress.com.durfen.html", content)
    meta, body = read_reply_file(content / "replies" / DURFEN / "wp-160.md")
    assert meta["author"] == "Tobias Raff"
    assert 'href="http://tobias-raff.org/2012/12/11/3550/"' in body and ">tobias-raff.org</a>" in body
    output = build_site(content, tmp_path / "output")
    shown = _page(output, DURFEN).find(id="reply-wp-160").select_one(".reply-content")
    assert " ".join(shown.get_text(" ").split()) == "Reblogged this on tobias-raff.org ."
    link = shown.find("a")
    assert link.get_text() == "tobias-raff.org" and link["href"] == "http://tobias-raff.org/2012/12/11/3550/"
    assert link["rel"] == ["nofollow", "ugc"]


def test_wordpress_reblog_and_empty_links(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(_wxr(_item(1, "on-noticing", _comment(
        5, "Tobias", 'Reblogged this on <a href="http://their.example/2012/12/11/3550/"></a> and '
                     '<a href="/relative"> </a>nothing <a href="mailto:x@y.example"></a>else.'))),
        encoding="utf-8")
    content = tmp_path / "content"
    import_wordpress(export, content)
    _, body = read_reply_file(content / "replies" / "on-noticing" / "wp-5.md")
    soup = BeautifulSoup(body, "html.parser")
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("http://their.example/2012/12/11/3550/", "their.example")]
    assert " ".join(soup.get_text(" ").split()) == "Reblogged this on their.example and nothing else."


def test_build_gives_an_empty_link_in_a_reply_file_its_host(site):
    site.post("on-noticing")
    site.reply("on-noticing", "ada-1", 'Reblogged on <a href="https://ada.example/x?a=1&amp;b=2"></a>, '
                                       "and [](https://md.example/post), and <a href=\"http://192.0.2.1/\"></a>.")
    site.build()
    shown = site.page("posts/on-noticing/index.html").find(id="reply-ada-1").select_one(".reply-content")
    links = [(a.get("href"), a.get_text(), a.get("rel")) for a in shown.find_all("a")]
    assert links == [("https://ada.example/x?a=1&b=2", "ada.example", ["nofollow", "ugc"]),
                     ("https://md.example/post", "md.example", ["nofollow", "ugc"]),
                     (None, "", ["nofollow", "ugc"])]  # an IP address is never written as words
    assert "192.0.2.1" not in str(shown)
