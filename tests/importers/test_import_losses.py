"""What real imports used to lose: a reblog's empty link, a post closed to replies, two comments
of one export with one id. Each is checked on the files written and on the built pages."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter

from bs4 import BeautifulSoup
from importers import import_disqus, import_html, import_webmention, import_wordpress
from importers.writer import read_reply_file
from replies.moderation import set_status
from sitebuild import REPO, build_site

from .conftest import write_post, wxr

DURFEN = "das-wird-man-ja-wohl-noch-sagen-durfen"


def _page(output, slug: str) -> BeautifulSoup:
    return BeautifulSoup((output / "posts" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


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


def test_a_tweet_s_hidden_mention_links_stay_hidden(real, tmp_path):
    """brid.gy ends its copy of a tweet with an empty ``u-mention`` link per person the tweet names (the tweet's
    page never shows them): no "twitter.com twitter.com twitter.com" under the reply, imported or written by hand."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "back.md").write_text(
        "Title: Back\nDate: 2020-01-01\nSlug: back-nunjucks-eleventy-site\n\nA post.", encoding="utf-8")
    import_webmention(real / "webmention" / "eleventy_solo-webmentions-cache.json", content)
    _, body = read_reply_file(content / "replies" / "back-nunjucks-eleventy-site" / "wm-773533.md")
    assert "u-mention" not in body and ">twitter.com<" not in body
    by_hand = content / "replies" / "back-nunjucks-eleventy-site" / "ada-1.md"
    by_hand.write_text('Author: Ada Park\nDate: 2020-03-23 10:00\n\nAgreed.<a class="u-mention" '
                       'href="https://twitter.com/a"></a> See <a href="https://blog.example/x"></a>.\n',
                       encoding="utf-8")
    output = build_site(content, tmp_path / "output")
    page = _page(output, "back-nunjucks-eleventy-site")
    assert "twitter.com twitter.com" not in page.select_one("#replies").get_text(" ")
    assert " ".join(page.select_one("#reply-ada-1 .reply-content").get_text(" ").split()) == \
        "Agreed. See blog.example ."


def test_a_wordpress_audio_shortcode_in_a_comment_becomes_a_link(real, tmp_path):
    content = tmp_path / "content"
    import_html(real / "html" / "trafilatura-gormulus.wordpress.com.durfen.html", content)
    _, body = read_reply_file(content / "replies" / DURFEN / "wp-174.md")
    assert "[audio src=" not in body
    link = BeautifulSoup(body, "html.parser").find("a", href=re.compile(r"^http://media\.ndr\.de/.*\.mp3$"))
    assert link is not None and link.get_text().startswith("[audio: ") and link.get_text().endswith(".mp3]")


def test_wordpress_reblog_and_empty_links(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(wxr(_item(1, "on-noticing", _comment(
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
                     ("https://md.example/post", "md.example", ["nofollow", "ugc"])]
    # an IP address is never written as words, and a link without any is no link at all
    assert "192.0.2.1" not in str(shown)


# -- 2. A post closed to replies says so and invites none --------------------------------------------

def _closed_page(output, slug: str) -> BeautifulSoup:
    soup = _page(output, slug)
    assert soup.select(".reply-link") == [], f"{slug}: a Reply link on a post closed to replies"
    assert soup.select_one("#replies .how-to-reply") is None
    assert soup.find(string=lambda s: "No replies yet" in s) is None
    assert "Replies are closed" in soup.select_one("#replies").get_text(" ")
    return soup


def test_real_wordpress_posts_closed_to_comments(real_map_site):
    for slug in ("template-comments-disabled", "page-with-comments-disabled", "keyboard-navigation"):
        soup = _closed_page(real_map_site, slug)
        assert soup.select_one("#replies .reply-count").get_text(strip=True) == "Replies are closed"
        assert soup.select_one(".post-header .meta a[href='#replies']").get_text(strip=True) == "Replies are closed"
    opened = _page(real_map_site, "template-comments")
    assert opened.select_one("#replies .reply-actions .reply-link").get_text() == "Reply to this post"


def test_wordpress_closed_post_keeps_its_comments(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(wxr(
        _item(1, "closed-with-comments", _comment(5, "Ada Park", "Said before it closed."),
              comment_status="closed")
        + _item(2, "closed-quiet", comment_status="closed")
        + _item(3, "still-open", _comment(6, "Ben Ode", "Open here."))), encoding="utf-8")
    content = tmp_path / "content"
    import_wordpress(export, content)
    folder = content / "imported" / "wordpress"
    assert '<meta name="replies" content="closed">' in (folder / "closed-with-comments.html").read_text()
    assert 'name="replies"' not in (folder / "still-open.html").read_text()
    output = build_site(content, tmp_path / "output", REPLIES_STRICT=True)
    soup = _closed_page(output, "closed-with-comments")
    assert soup.select_one("#reply-wp-5 .reply-content").get_text(strip=True) == "Said before it closed."
    assert soup.select_one("#replies .reply-count").get_text(strip=True).startswith("1 reply from 1 person")
    assert soup.select_one("#replies .replies-closed").get_text(strip=True) == "Replies are closed"
    assert soup.find(attrs={"data-reply-date": True}) is None
    assert soup.find("script", src=lambda s: s and "reply-links.js" in s) is None
    _closed_page(output, "closed-quiet")
    opened = _page(output, "still-open")
    assert len(opened.select(".reply-link")) == 2  # the post's and its reply's
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = {a["href"].split("/")[-2]: a.get_text() for a in home.select(".reply-count-link")}
    assert counts["closed-quiet"] == "replies closed"


def test_saved_page_that_says_comments_are_closed(tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_text(textwrap.dedent("""\
        <html lang="de"><head><title>Alt</title>
        <link rel="canonical" href="https://blog.example/2012/12/11/alt/"></head><body>
        <article id="post-7" class="post"><h1 class="entry-title">Alt</h1>
        <time class="entry-date" datetime="2012-12-11T10:00:00+01:00">11. Dezember 2012</time>
        <div class="entry-content"><p>Text.</p></div></article>
        <div id="comments"><ol class="commentlist">
        <li class="comment" id="li-comment-3"><article id="comment-3" class="comment">
        <header class="comment-meta"><cite><b class="fn">Ada</b></cite>
        <time datetime="2012-12-12T10:00:00+01:00">12. Dezember 2012</time></header>
        <section class="comment-content"><p>Früher.</p></section></article></li></ol>
        <p class="nocomments">Kommentare sind geschlossen.</p></div></body></html>
        """), encoding="utf-8")
    content = tmp_path / "content"
    import_html(saved, content)
    post = (content / "imported" / "wordpress" / "alt.html").read_text(encoding="utf-8")
    assert '<meta name="replies" content="closed">' in post
    assert (content / "replies" / "alt" / "wp-3.md").is_file()


# -- 3. Two comments (or posts) of one export with one id ------------------------------------------

ISSO = "wordpress/isso-wordpress.xml"


def _source_ids(content) -> dict[str, str]:
    return {f"{p.parent.name}/{p.stem}": read_reply_file(p)[0]["source-id"]
            for p in sorted((content / "replies").glob("*/*.md"))}


def _copy(real, name: str, tmp_path):
    """The export under a path of this test: Pelican's loggers say a message only once per process."""
    copy = tmp_path / (real / name).name
    shutil.copyfile(real / name, copy)
    return copy


def test_comments_sharing_an_id_are_told_apart(real, tmp_path, caplog):
    content = tmp_path / "content"
    export = _copy(real, ISSO, tmp_path)
    with caplog.at_level(logging.WARNING):
        report = import_wordpress(export, content)
    ids = _source_ids(content)
    assert ids["test/wp-11"] == "wordpress:example.tld:11:post-18"
    assert ids["p-4/wp-11"] == "wordpress:example.tld:11:p-4"
    # The others keep the Source-Id they always had: an existing site sees no reply as new.
    assert ids["test/wp-2"] == "wordpress:example.tld:2" and ids["test/wp-9"] == "wordpress:example.tld:9"
    assert len(set(ids.values())) == len(ids) == 8
    warned = [r.getMessage() for r in caplog.records if "have id 11" in r.getMessage()]
    assert len(warned) == 1 and warned[0].startswith(str(export)) and "'test' and 'p-4'" in warned[0]
    assert "two comments have id 11, under 'test' and 'p-4'" in str(report)

    # Deleting one leaves the other; a file removed by hand comes back.
    result = subprocess.run([sys.executable, "-m", "invoke", "reject", "p-4/wp-11", "--delete",
                             f"--content={content}"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (content / "replies" / "test" / "wp-11.md").unlink()
    again = import_wordpress(real / ISSO, content)
    assert again.actions()["create"] == 1 and (content / "replies" / "test" / "wp-11.md").is_file()
    assert not (content / "replies" / "p-4" / "wp-11.md").exists()
    assert "1 reply deleted here with invoke reject --delete not written again" in str(again)


def test_a_site_imported_before_takes_the_new_source_ids(real, tmp_path):
    """Files an earlier import wrote with the shared Source-Id are this import's: their Source-Id is
    made distinct (Status kept), and the one deleted under the old Source-Id stays deleted."""
    content = tmp_path / "content"
    import_wordpress(real / ISSO, content)
    for key in ("test/wp-11", "p-4/wp-11"):  # as the import wrote them before
        path = content / "replies" / f"{key}.md"
        path.write_text(re.sub(r"Source-Id: .*", "Source-Id: wordpress:example.tld:11", path.read_text()))
    test_11 = content / "replies" / "test" / "wp-11.md"
    set_status(test_11, "hidden")
    (content / "replies" / "p-4" / "wp-11.md").unlink()
    (content / "replies" / "deleted-sources.txt").write_text("wordpress:example.tld:11\n", encoding="utf-8")
    report = import_wordpress(real / ISSO, content)
    assert report.actions() == Counter({"unchanged": 8, "update": 1})
    assert "1 reply takes a new Source-Id" in str(report)
    meta = read_reply_file(test_11)[0]
    assert (meta["source-id"], meta["status"]) == ("wordpress:example.tld:11:post-18", "hidden")
    assert not (content / "replies" / "p-4" / "wp-11.md").exists()
    assert import_wordpress(real / ISSO, content).actions() == Counter({"unchanged": 9})


def test_an_edited_file_with_the_shared_source_id_is_kept_not_in_conflict(real, tmp_path):
    content = tmp_path / "content"
    import_wordpress(real / ISSO, content)
    for key in ("test/wp-11", "p-4/wp-11"):
        path = content / "replies" / f"{key}.md"
        path.write_text(re.sub(r"Source-Id: .*", "Source-Id: wordpress:example.tld:11", path.read_text()))
    edited = content / "replies" / "test" / "wp-11.md"
    edited.write_text(edited.read_text() + "\nAn edit made here.\n")
    report = import_wordpress(real / ISSO, content)
    actions = {p.path.relative_to(content).as_posix(): p.action for p in report.files}
    assert (actions["replies/test/wp-11.md"], actions["replies/p-4/wp-11.md"]) == ("kept", "update")
    assert "An edit made here." in edited.read_text()
    assert import_wordpress(real / ISSO, content, update=True).actions()["update"] == 1
    assert read_reply_file(edited)[0]["source-id"] == "wordpress:example.tld:11:post-18"


def test_posts_sharing_an_id_are_named_and_imported_again_unchanged(real, tmp_path, caplog):
    content = tmp_path / "content"
    source = _copy(real, "wordpress/pelican-wordpressexport.xml", tmp_path)
    with caplog.at_level(logging.WARNING):
        first = import_wordpress(source, content)
    assert any(r.getMessage().startswith(str(source)) and "'html-entity-test' and 'code-in-list-test' have the "
               "same id, 175" in r.getMessage() for r in caplog.records)
    again = import_wordpress(source, content)
    assert (again.posts, again.posts_existing) == (first.posts, 0) == (7, 0)
    assert "already in the content folder" not in str(again)
    assert again.actions() == Counter({"unchanged": 12})


def test_disqus_closed_thread_says_how_to_close_the_post(tmp_path):
    content = tmp_path / "content"
    write_post(content, "quiet", "Quiet")
    write_post(content, "closed-already", "Closed Already", extra="Replies: closed\n")
    write_post(content, "open-one", "Open One")
    threads = "".join(
        f"""<thread dsq:id="{n}"><id>{slug}</id><link>https://old.example/{slug}/</link><title>{slug}</title>
        <isClosed>{closed}</isClosed></thread>
        <post dsq:id="{n}1"><message><![CDATA[<p>On {slug}.</p>]]></message><createdAt>2020-03-04T10:15:00Z
        </createdAt><author><name>Ada Park</name></author><thread dsq:id="{n}"/></post>"""
        for n, slug, closed in ((1, "quiet", "true"), (2, "closed-already", "true"), (3, "open-one", "false")))
    export = tmp_path / "disqus.xml"
    export.write_text('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
                      f'xmlns:dsq="http://disqus.com/disqus-internals">{threads}</disqus>\n', encoding="utf-8")
    report = import_disqus(export, content)
    assert report.replies == 3
    assert report.todo == ["posts/quiet.md: its Disqus thread was closed to comments; add `Replies: closed` "
                           "to close it here too"]
    assert "add `Replies: closed`" in str(report)


# -- WordPress shortcodes: what the post showed, not the code ------------------------------------------

def _attachment(post_id: int, parent: int, name: str, order: int = 0) -> str:
    return f"""
        <item>
          <title>{name}</title>
          <wp:post_id>{post_id}</wp:post_id>
          <wp:post_parent>{parent}</wp:post_parent>
          <wp:menu_order>{order}</wp:menu_order>
          <wp:post_type>attachment</wp:post_type>
          <wp:status>inherit</wp:status>
          <wp:attachment_url>https://media.field.example/{name}.jpg</wp:attachment_url>
        </item>"""


def test_wordpress_galleries_captions_and_media_in_a_post(tmp_path, content):
    post = _item(1, "a-walk").replace(
        "The post a-walk.", '[caption id="attachment_11" align="alignright" width="300" caption="The harbour at dawn"]'
        '<img src="https://media.field.example/harbour.jpg" alt="Harbour" />[/caption]\n\nMy own pictures: [gallery]'
        '\n\nTwo of them again: [gallery ids="12,99,11"]\n\nAnd one of nobody\'s: [gallery ids="98"]\n\n'
        'The sound: [audio mp3="https://media.field.example/gulls.mp3"][/audio] and [video] and [1].')
    export = tmp_path / "export.xml"
    export.write_text(wxr(post + _attachment(11, 1, "boats", order=2) + _attachment(12, 1, "nets", order=1)
                          + _attachment(13, 7, "elsewhere")), encoding="utf-8")
    report = import_wordpress(export, content)
    html = (content / "imported" / "wordpress" / "a-walk.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html.split("<body>", 1)[1], "html.parser")
    figure = body.select_one("figure.wp-caption.alignright")
    assert figure.select_one("figcaption").get_text() == "The harbour at dawn"
    assert figure.select_one("a").get_text() == "[image: Harbour]"
    own, named = ([a.get_text() for a in ul.select("a")] for ul in body.select("ul.wp-gallery"))
    assert own == ["[image: nets]", "[image: boats]"]  # the post's attachments, in menu order
    assert named == ["[image: nets]", "[image: boats]"]  # as its ids name them; one it does not hold is passed over
    assert body.find("a", string="[audio: gulls.mp3]")["href"] == "https://media.field.example/gulls.mp3"
    text = body.get_text()
    assert "[gallery" not in text and "[caption" not in text and "[video]" not in text and "[1]" in text
    assert sorted(n for n in report.notes if "a-walk" in n) == [
        "export.xml: post 'a-walk': a [gallery] whose images the export does not hold was left out",
        "export.xml: post 'a-walk': a [video] without a web address was left out"]
