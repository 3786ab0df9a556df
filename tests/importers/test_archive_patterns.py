"""Patterns of real archives (issue 9), each on a minimal file written for the test."""

from __future__ import annotations

import pytest
from importers import ImportFailed, import_wordpress
from importers.site import read_post_metadata

WPCOM = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress.com" created="2012-03-01 10:00"-->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.1/"
>
<channel>
\t<title>Tide Tables</title>
\t<link>http://tidetables.wordpress.com</link>
\t<wp:wxr_version>1.1</wp:wxr_version>
\t<wp:base_blog_url>http://tidetables.wordpress.com</wp:base_blog_url>
\t<wp:author><wp:author_login>tidewatcher</wp:author_login><wp:author_email>tw@example.org</wp:author_email>\
<wp:author_display_name><![CDATA[Ines Harrow]]></wp:author_display_name></wp:author>
\t<atom:link rel="search" type="application/opensearchdescription+xml" \
 href="http://tidetables.wordpress.com/osd.xml" title="Tide Tables" />
\t<atom:link rel='hub' href='http://tidetables.wordpress.com/?pushpress=hub'/>
\t<item>
\t\t<title>Neap tide</title>
\t\t<link>http://tidetables.wordpress.com/2011/06/03/neap-tide/</link>
\t\t<dc:creator>tidewatcher</dc:creator>
\t\t<content:encoded><![CDATA[The smallest range of the month.]]></content:encoded>
\t\t<wp:post_id>12</wp:post_id>
\t\t<wp:post_date>2011-06-03 08:00:00</wp:post_date>
\t\t<wp:post_date_gmt>2011-06-03 07:00:00</wp:post_date_gmt>
\t\t<wp:post_name>neap-tide</wp:post_name>
\t\t<wp:status>publish</wp:status>
\t\t<wp:post_type>post</wp:post_type>
\t\t<wp:comment>
\t\t\t<wp:comment_id>3</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Sailor Jo]]></wp:comment_author>
\t\t\t<wp:comment_author_email>jo@example.net</wp:comment_author_email>
\t\t\t<wp:comment_date>2011-06-03 09:00:00</wp:comment_date>
\t\t\t<wp:comment_date_gmt>2011-06-03 08:00:00</wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[Good for slow sailing.]]></wp:comment_content>
\t\t\t<wp:comment_approved>1</wp:comment_approved>
\t\t\t<wp:comment_parent>0</wp:comment_parent>
\t\t</wp:comment>
\t\t<wp:comment>
\t\t\t<wp:comment_id>4</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[tidewatcher]]></wp:comment_author>
\t\t\t<wp:comment_author_email>tw@example.org</wp:comment_author_email>
\t\t\t<wp:comment_author_url>http://tidetables.wordpress.com</wp:comment_author_url>
\t\t\t<wp:comment_date>2011-06-03 10:00:00</wp:comment_date>
\t\t\t<wp:comment_date_gmt>2011-06-03 09:00:00</wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[And for slow reading.]]></wp:comment_content>
\t\t\t<wp:comment_approved>1</wp:comment_approved>
\t\t\t<wp:comment_parent>3</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
\t\t<wp:comment>
\t\t\t<wp:comment_id>5</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Harbour Log]]></wp:comment_author>
\t\t\t<wp:comment_author_url>http://harbour.example/log/</wp:comment_author_url>
\t\t\t<wp:comment_date>2011-06-04 10:00:00</wp:comment_date>
\t\t\t<wp:comment_date_gmt>2011-06-04 09:00:00</wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[[...] a post on tides [...]]]></wp:comment_content>
\t\t\t<wp:comment_approved>0</wp:comment_approved>
\t\t\t<wp:comment_type>pingback</wp:comment_type>
\t\t\t<wp:comment_parent>0</wp:comment_parent>
\t\t</wp:comment>
\t</item>
</channel>
</rss>
"""


def test_wordpress_com_export_with_undeclared_atom_prefix(tmp_path, content, replies, no_private_data):
    source = tmp_path / "tidetables.wordpress.2012-03-01.xml"
    source.write_text(WPCOM, encoding="utf-8")
    report = import_wordpress(source, content)
    assert (report.posts, report.replies, report.pingbacks, report.pingbacks_pending) == (1, 2, 1, 1)
    text = str(report)
    assert "uses the prefix(es) atom: without declaring them" in text
    assert "pingbacks:  1 (1 of them pending, not shown until published)" in text
    meta = read_post_metadata(content / "imported" / "wordpress" / "neap-tide.html")
    assert meta["author"] == "Ines Harrow"
    found = replies(content, "neap-tide")
    # The post author's comment, named by login in the export, shows the display name.
    assert found["wp-4"][0]["author"] == "Ines Harrow" and found["wp-4"][0]["reply-to"] == "wp-3"
    assert report.by_post_author == 1
    no_private_data(content, "tw@example.org", "jo@example.net")


def test_unknown_undeclared_prefix_is_refused_naming_file_line_and_prefix(tmp_path, content):
    source = tmp_path / "odd.xml"
    source.write_text(WPCOM.replace("<atom:link rel='hub'", "<atom:link rel='hub' geo2:x='1'"),
                      encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        import_wordpress(source, content)
    message = str(failure.value)
    assert message.startswith(f"{source}:16:") and "'geo2'" in message and "unbound prefix" in message
    assert list(content.iterdir()) == []


DISQUS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><id>%E9%BB%91%E5%A4%A9%E9%B9%85</id><link>https://blog.example/?p=31</link>
    <title>黑天鹅</title></thread>
  <thread dsq:id="2"><id>sand notes</id><link>https://blog.example/2015/04/sand-notes/</link></thread>
  <thread dsq:id="3"><id>tidal-pools</id><link>https://blog.example/2015/05/tidal-pools/</link></thread>
  <post dsq:id="11"><message><![CDATA[<p>读完了，很好。</p>]]></message><createdAt>2015-03-02T10:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>lin.wei@yahoo.com</name><email>lin.wei@yahoo.com</email><username>linweiyahoocom</username></author>
    <thread dsq:id="1"/></post>
  <post dsq:id="12"><message><![CDATA[<p>同意。</p>]]></message><createdAt>2015-03-02T11:00:00Z</createdAt>
    <author><name>Wen</name><username>wen_reads</username></author><thread dsq:id="1"/><parent dsq:id="11"/></post>
  <post dsq:id="21"><message>On a post whose slug holds a space.</message><createdAt>2015-04-02T10:00:00Z</createdAt>
    <author><name>Ola</name></author><thread dsq:id="2"/></post>
  <post dsq:id="31"><message>Pools at low tide.</message><createdAt>2015-05-02T10:00:00Z</createdAt>
    <author><name>quiet@example.net</name><username>tidewriter</username></author><thread dsq:id="3"/></post>
</disqus>
"""


def test_disqus_non_ascii_slug_bad_thread_and_email_names(tmp_path, content, make_post, replies, no_private_data):
    from importers import import_disqus

    make_post(content, "黑天鹅", "黑天鹅")
    make_post(content, "sand notes", "Sand notes")  # a slug no reply folder can have
    make_post(content, "tidal-pools", "Tidal pools")
    source = tmp_path / "disqus.xml"
    source.write_text(DISQUS, encoding="utf-8")
    report = import_disqus(source, content)
    found = replies(content, "黑天鹅")
    assert sorted(found) == ["disqus-11", "disqus-12"] and found["disqus-12"][0]["reply-to"] == "disqus-11"
    # A name that is an email address: neither it nor the username Disqus made of it is shown.
    assert found["disqus-11"][0]["author"] == "Anonymous"
    assert found["disqus-12"][0]["author"] == "Wen"
    # A username that is not made of the email is the person's chosen name.
    assert replies(content, "tidal-pools")["disqus-31"][0]["author"] == "tidewriter"
    # The one bad thread is reported and skipped; the others are imported.
    assert report.skipped == {"comment on a post whose slug cannot be a folder name": 1}
    assert "'sand notes'" in str(report) and report.replies == 3
    no_private_data(content / "replies", "linweiyahoocom", "lin.wei")


TIDES = "https://tides.example/posts/slow-tides/"
WEBMENTIONS = [
    {"type": "entry", "wm-id": 501, "wm-property": "in-reply-to", "wm-target": TIDES,
     "in-reply-to": TIDES, "url": "https://mastodon.social/@quietwalker/1101",
     "published": "2023-04-01T10:00:00Z", "content": {"text": "Lovely and slow."},
     "author": {"name": "@quietwalker@mastodon.social", "url": "https://mastodon.social/@quietwalker"}},
    {"type": "entry", "wm-id": 502, "wm-property": "in-reply-to", "wm-target": TIDES,
     "in-reply-to": TIDES, "url": "https://fosstodon.org/@lune/77", "published": "2023-04-02T10:00:00Z",
     "content": {"text": "Agreed."}, "author": {"name": "", "url": "https://fosstodon.org/@lune"}},
    {"type": "entry", "wm-id": 503, "wm-property": "mention-of", "wm-target": TIDES,
     "url": "https://wizard.example/notes/7", "published": "2023-04-03T10:00:00Z",
     "content": {"text": "A mention."}, "author": {"name": "Merl \U0001F9D9\u200d\u2642\ufe0f"}},
    {"type": "entry", "wm-id": 504, "wm-property": "like-of", "wm-target": TIDES,
     "url": "https://mastodon.social/@quietwalker/1101#liked", "author": {"name": "Ada ada@example.org"}},
]


def test_webmention_eleventy_cache_fediverse_handles_and_joined_emoji(tmp_path, content, make_post, replies):
    import json

    from importers import import_webmention

    make_post(content, "slow-tides", "Slow tides")
    source = tmp_path / "webmentions.json"
    source.write_text(json.dumps({"lastFetched": "2023-04-05T00:00:00Z", "webmentions": WEBMENTIONS}),
                      encoding="utf-8")
    report = import_webmention(source, content)
    assert (report.replies, report.mentions, report.reactions["like"]) == (2, 1, 1)
    found = replies(content, "slow-tides")
    assert found["wm-501"][0]["author"] == "@quietwalker@mastodon.social"  # a handle, not an email
    assert found["wm-502"][0]["author"] == "@lune@fosstodon.org"  # from the profile URL
    assert found["wm-503"][0]["author"] == "Merl \U0001F9D9\u200d\u2642\ufe0f"  # the joiner kept
    likes = json.loads((content / "replies" / "slow-tides" / "reactions.json").read_text(encoding="utf-8"))
    assert likes["like"][0]["author"] == "Ada [email hidden]"  # a real email still is one
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"lastFetched": "x", "items": []}), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"other\.json: not webmention.* the keys 'lastFetched', 'items'"):
        import_webmention(bad, content)


def _entry(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_staticman_as_real_sites_store_it(tmp_path, content, make_post, replies):
    """Made Mistakes' ``replying_to: 'N'``, ``replying_to_uid``, and a stray entry beside the post folders."""
    from importers import import_staticman

    make_post(content, "salt-marsh", "Salt marsh")
    data = tmp_path / "_data" / "comments"
    post = data / "salt-marsh"
    # File names order the top-level comments: a (1st), c (2nd), e (3rd).
    _entry(post, "comment-a.yml", "_id: aa1\nname: Ana\ndate: 2019-05-01T10:00:00Z\nmessage: First.\nreplying_to: ''\n")
    _entry(post, "comment-b.yml", "_id: bb2\nname: Bo\ndate: 2019-05-01T11:00Z\nmessage: To Ana.\nreplying_to: '1'\n")
    _entry(post, "comment-c.yml", "_id: cc3\nname: Cy\ndate: 2019-05-02T10:00:00Z\nmessage: Second.\nreplying_to: ''\n")
    _entry(post, "comment-d.yml", "_id: dd4\nname: Di\ndate: 2019-05-04T10:00Z\nmessage: To Eve.\nreplying_to: '3'\n")
    _entry(post, "comment-e.yml", "_id: ee5\nname: Eve\ndate: 2019-05-03T10:00:00Z\nmessage: Third.\n")
    _entry(post, "comment-f.yml", "_id: ff6\nname: Fay\ndate: 2019-05-05T10:00:00Z\nmessage: To Bo.\n"
                                  "replying_to: '1'\nreplying_to_uid: bb2\n")
    _entry(post, "notes.txt", "not an entry")
    _entry(data, "comment-1557000000000.yml", "_id: zz9\nname: Stray\ndate: 2019-05-04T10:00:00Z\nmessage: Lost.\n")
    report = import_staticman(data, content)
    found = {rid: m.get("reply-to") for rid, (m, _) in replies(content, "salt-marsh").items()}
    assert found == {"sm-aa1": None, "sm-bb2": "sm-aa1", "sm-cc3": None, "sm-dd4": "sm-ee5", "sm-ee5": None,
                     "sm-ff6": "sm-bb2"}
    assert not (content / "replies" / "comments").exists()
    assert report.skipped == {"entry directly in the comments folder that names no post": 1,
                              "file or folder that is not a Staticman entry": 1}
    text = str(report)
    assert "comment-1557000000000.yml" in text and "salt-marsh/notes.txt" in text


def test_staticman_eleventy_layout_names_the_post_in_a_field(tmp_path, content, make_post, replies):
    from importers import import_staticman

    make_post(content, "heron-watch", "Heron watch")
    make_post(content, "reed-beds", "Reed beds")
    data = tmp_path / "_data" / "comments"
    _entry(data, "1590000000000.json", '{"_id": "h1", "postSlug": "heron-watch", "name": "Ivo", '
                                       '"message": "Saw two.", "date": 1590000000}')
    _entry(data, "1590000100000.json", '{"_id": "h2", "postSlug": "heron-watch", "name": "Jun", '
                                       '"message": "Only one here.", "date": 1590000100, "reply_to": "h1"}')
    _entry(data, "1590000200000.json", '{"_id": "r1", "page": "https://marsh.example/posts/reed-beds/", '
                                       '"name": "Kai", "message": "Tall this year.", "date": 1590000200}')
    _entry(data, "1590000300000.json", '{"_id": "x1", "postSlug": "gone-post", "name": "Lu", '
                                       '"message": "?", "date": 1590000300}')
    report = import_staticman(data, content)
    herons = replies(content, "heron-watch")
    assert sorted(herons) == ["sm-h1", "sm-h2"] and herons["sm-h2"][0]["reply-to"] == "sm-h1"
    assert list(replies(content, "reed-beds")) == ["sm-r1"]
    assert report.skipped == {"comment on a post that is not in the content folder": 1}
    assert "gone-post: no post with this slug" in str(report)


# A German blog saved from the Wayback Machine: no machine-readable post date, comments in a
# plugin's markup (Epoch: div#comment-N > article.epoch-comment-body) and a theme's own
# (div#comment-N with a bold name), dates as words, theme chrome around them.
WAYBACK_PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Wattwandern | Küstenbuch</title>
<link rel="canonical" href="https://web.archive.org/web/20180701000000/https://kuestenbuch.example/2018/06/wattwandern/">
<script src="//archive.org/includes/analytics.js"></script></head>
<body>
<div id="wm-ipp-base"><div id="wm-ipp">Wayback toolbar</div></div>
<article id="post-77" class="post hentry">
  <h1 class="entry-title">Wattwandern</h1>
  <div class="entry-meta">Veröffentlicht von <span class="author vcard"><span class="fn">Greta</span></span></div>
  <div class="entry-content"><p>Bei Ebbe zur Insel, mit
    <a href="https://web.archive.org/web/20180701000000/https://kuestenbuch.example/2018/05/ebbe/">der Ebbe</a>.
  </p></div>
</article>
<div id="epoch-comments" class="epoch-wrap">
  <div id="comment-41" data-comment-id="41">
    <article id="div-comment-41" class="epoch-comment-body comment depth-1">
      <footer class="epoch-comment-meta"><div class="epoch-comment-author">
        <div class="epoch-comment-author-avatar"><img alt="" src="https://secure.gravatar.com/avatar/0"></div>
        Hannes Ufer <span class="epoch-divide">&#183;</span>
        <a class="epoch-comment-link" href="#comment-41"><time>19. Juni 2018 um 15:28 Uhr</time></a>
      </div></footer>
      <div class="epoch-comment-content"><p>Wir waren im Mai dort, herrlich.</p></div>
      <ul class="epoch-comment-actions"><li class="epoch-reply"><a href="?replytocom=41">Antworten</a></li></ul>
    </article>
    <div id="comment-42" data-comment-id="42">
      <article id="div-comment-42" class="epoch-comment-body comment bypostauthor depth-2">
        <footer class="epoch-comment-meta"><div class="epoch-comment-author">
          <a class="epoch-author-link" href="https://web.archive.org/web/20180701000000/https://kuestenbuch.example/">Greta</a>
          <span class="epoch-divide">&#183;</span>
          <a class="epoch-comment-link" href="#comment-42"><time>20. Juni 2018 um 09:05 Uhr</time></a>
        </div></footer>
        <div class="epoch-comment-content"><p>Im Mai ist es am schönsten.</p></div>
        <ul class="epoch-comment-actions"><li class="epoch-reply"><a href="?replytocom=42">Antworten</a></li></ul>
      </article>
    </div>
  </div>
  <div id="comment-43" class="comment">
    <p><strong>Ilka Priel</strong></p>
    <p><a href="https://web.archive.org/web/20180701000000/https://kuestenbuch.example/2018/06/wattwandern/#comment-43">
      21. Juni 2018 um 18:40 Uhr</a></p>
    <p>Nur mit Führung, bitte!</p>
    <p>Antworten</p>
  </div>
</div>
</body></html>
"""


def test_saved_page_from_the_wayback_machine_in_plugin_markup(tmp_path, content, replies):
    from importers import import_html

    page = tmp_path / "wattwandern.html"
    page.write_text(WAYBACK_PAGE, encoding="utf-8")
    report = import_html(page, content)
    text = str(report)
    meta = read_post_metadata(content / "imported" / "wordpress" / "wattwandern.html")
    # The original address, not the archive's; links in the post lead to the original too.
    assert meta["original-url"] == "https://kuestenbuch.example/2018/06/wattwandern/"
    assert meta["source-id"] == "wordpress:kuestenbuch.example:post:77"
    body = (content / "imported" / "wordpress" / "wattwandern.html").read_text(encoding="utf-8")
    assert "archive.org" not in body and "Wayback toolbar" not in body
    assert "Wayback Machine copy" in text
    # No post date on the page: the earliest comment's, said in the report.
    assert meta["date"] == "2018-06-19 15:28:00"
    assert "the post takes the date of its earliest comment, 2018-06-19 15:28:00" in text
    found = replies(content, "wattwandern")
    assert sorted(found) == ["wp-41", "wp-42", "wp-43"]
    assert found["wp-42"][0]["reply-to"] == "wp-41" and "reply-to" not in found["wp-43"][0]
    # Dates written in German, read in the page's language.
    assert [found[r][0]["date"] for r in ("wp-41", "wp-42", "wp-43")] == [
        "2018-06-19 15:28:00", "2018-06-20 09:05:00", "2018-06-21 18:40:00"]
    # Names and bodies without the theme's chrome.
    assert [found[r][0]["author"] for r in ("wp-41", "wp-42", "wp-43")] == ["Hannes Ufer", "Greta", "Ilka Priel"]
    assert found["wp-41"][1].strip() == "<p>Wir waren im Mai dort, herrlich.</p>"
    assert found["wp-43"][1].strip() == "<p>Nur mit Führung, bitte!</p>"
    for _, (_, reply_body) in found.items():
        assert "Antworten" not in reply_body and "Juni" not in reply_body
    assert report.by_post_author == 1
    assert "markup other than WordPress's comment list" in text


def test_saved_page_date_option_and_other_languages(tmp_path, content, replies):
    from importers import import_html

    page = tmp_path / "page.html"
    page.write_text("""<html lang="fr-FR"><head><title>Marées</title></head><body>
<article id="post-5" class="post"><h1 class="entry-title">Marées</h1>
<div class="entry-content"><p>Le coefficient du jour.</p></div></article>
<ol class="commentlist">
 <li class="comment" id="comment-9"><div class="comment-author vcard"><cite class="fn">Léa</cite>
   <span class="says">dit :</span></div>
   <div class="comment-meta commentmetadata"><a href="#comment-9">3 février 2014 à 9 h 05 min</a></div>
   <p>Très utile.</p><div class="reply"><a class="comment-reply-link" href="?replytocom=9">Répondre</a></div></li>
</ol></body></html>""", encoding="utf-8")
    report = import_html(page, content, date="2014-02-01")
    meta = read_post_metadata(content / "imported" / "wordpress" / "marees.html")
    assert meta["date"] == "2014-02-01 00:00:00" and "--date 2014-02-01 00:00:00 used" in str(report)
    found = replies(content, "marees")["wp-9"]
    assert (found[0]["author"], found[0]["date"]) == ("Léa", "2014-02-03 09:05:00")
    assert found[1].strip() == "<p>Très utile.</p>"
    with pytest.raises(ImportFailed, match=r"--date 'soon' is not a date"):
        import_html(page, content, date="soon")


def test_saved_page_with_unrecognised_comment_markup_says_so(tmp_path, content):
    from importers import import_html

    page = tmp_path / "odd.html"
    page.write_text("""<html><head><title>Dunes</title></head><body>
<article class="post"><h1 class="entry-title">Dunes</h1>
<time class="entry-date" datetime="2016-08-01T10:00:00+00:00">1 August</time>
<div class="entry-content"><p>Sand moves.</p></div></article>
<section id="comments"><div class="talk-item"><span>Rae</span><p>So does everything.</p></div></section>
</body></html>""", encoding="utf-8")
    report = import_html(page, content)
    assert report.replies == 0 and report.skipped == {"comment section in markup that is not recognised": 1}
    assert "comment section (section#comments) whose markup is not recognised" in str(report)
    # A comment section holding only its title and the form: no comments, nothing unrecognised.
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<div class="talk-item"><span>Rae</span><p>So does everything.</p></div>',
        '<h3 id="reply-title">Leave a Reply</h3><form><textarea name="comment"></textarea></form>'), encoding="utf-8")
    quiet = import_html(page, content, dry_run=True)
    assert not quiet.skipped and "the page shows no comments" in str(quiet)


def test_saved_page_author_block_with_date_and_chrome(tmp_path, content, replies):
    """The HTML4 walker, with a theme that prints "Name 20. Juni 2018 um 08:00 Uhr - Antworten"."""
    from importers import import_html

    page = tmp_path / "deich.html"
    page.write_text("""<html lang="de"><head><title>Deichschau</title></head><body>
<div id="post-3" class="post hentry"><h2 class="entry-title">Deichschau</h2>
<div class="entry-meta"><span class="entry-date">3. Mai 2011</span></div>
<div class="entry-content"><p>Der Deich hält.</p></div></div>
<div id="comments"><ol class="commentlist">
<li class="comment depth-1" id="li-comment-5"><div id="comment-5">
  <div class="comment-author vcard"><cite class="fn">Anna</cite> <span class="says">sagt:</span></div>
  <div class="comment-meta commentmetadata"><a href="#comment-5">19. Juni 2018 um 15:28</a>
    <a class="comment-edit-link">(Bearbeiten)</a></div>
  <div class="comment-body"><p>Gut so.</p></div>
  <div class="reply"><a class="comment-reply-link" href="?replytocom=5">Antworten</a></div></div>
  <ul class="children"><li class="comment depth-2" id="li-comment-6"><div id="comment-6">
    <div class="comment-author vcard">Bernd 20. Juni 2018 um 08:00 Uhr - Antworten</div>
    <p>Finde ich auch.</p><p><a href="?replytocom=6">Antworten</a></p></div></li></ul>
</li></ol></div></body></html>""", encoding="utf-8")
    import_html(page, content)
    meta = read_post_metadata(content / "imported" / "wordpress" / "deichschau.html")
    assert meta["date"] == "2011-05-03 00:00:00"
    assert meta["written-in"] == "de"  # the page's language: its title, text and replies are marked so
    found = replies(content, "deichschau")
    assert [(m["author"], m["date"], body.strip()) for m, body in found.values()] == [
        ("Anna", "2018-06-19 15:28:00", "<p>Gut so.</p>"),
        ("Bernd", "2018-06-20 08:00:00", "<p>Finde ich auch.</p>"),
    ]
    assert found["wp-6"][0]["reply-to"] == "wp-5"


def _wpdiscuz(number: int, parent: int, name: str, title: str, text: str, inner: str = "", extra: str = "") -> str:
    """One comment as wpDiscuz 7 prints it (relative date shown, the date itself in its title)."""
    return f"""<div id="wpd-comm-{number}_{parent}" class="comment even depth-1 wpd-comment {extra}">
  <div class="wpd-comment-wrap wpd-blog-guest">
    <div class="wpd-comment-left"><div class="wpd-avatar"><img src="a.png" alt=""></div>
      <div class="wpd-comment-label"><span>Guest</span></div></div>
    <div id="comment-{number}" class="wpd-comment-right">
      <div class="wpd-comment-header"><div class="wpd-comment-author">{name}</div>
        <div class="wpd-comment-date" title="{title}">5 years ago</div></div>
      <div class="wpd-comment-text"><p>{text}</p></div>
      <div class="wpd-comment-footer"><div class="wpd-reply-button"><span>Reply</span></div></div>
    </div></div>{inner}</div>"""


def test_saved_page_with_wpdiscuz_comments(tmp_path, content, replies):
    from importers import import_html

    page = tmp_path / "kites.html"
    page.write_text(f"""<html lang="en-GB"><head><title>Kites</title></head><body>
<article id="post-9" class="post"><h1 class="entry-title">Kites in March</h1>
<time class="entry-date" datetime="2019-03-02T09:00:00+00:00">2 March 2019</time>
<div class="entry-content"><p>The wind came back.</p></div></article>
<div id="wpdcom" class="wpdiscuz_unauth"><div class="wpd-thread-list">
{_wpdiscuz(31, 0, "Noor", "March 3, 2019 8:10 am", "Mine flew for an hour.",
           inner=_wpdiscuz(33, 31, "Piet", "March 3, 2019 9:40 pm", "Which kite?"))}
{_wpdiscuz(32, 0, "Oda", "March 4, 2019 10:00 am", "Too gusty here.")}
{_wpdiscuz(34, 32, "Quin", "March 5, 2019 11:30 am", "Same on the coast.")}
</div></div></body></html>""", encoding="utf-8")
    report = import_html(page, content)
    found = replies(content, "kites-in-march")
    assert {rid: (m["author"], m["date"], m.get("reply-to")) for rid, (m, _) in found.items()} == {
        "wp-31": ("Noor", "2019-03-03 08:10:00", None),
        "wp-32": ("Oda", "2019-03-04 10:00:00", None),
        "wp-33": ("Piet", "2019-03-03 21:40:00", "wp-31"),  # nested inside its parent
        "wp-34": ("Quin", "2019-03-05 11:30:00", "wp-32"),  # named by wpd-comm-34_32 only
    }
    assert found["wp-33"][1].strip() == "<p>Which kite?</p>"
    assert "Reply" not in "".join(body for _, body in found.values())
    assert report.max_depth == 2
