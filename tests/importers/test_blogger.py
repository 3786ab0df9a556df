"""The Blogger importer: both shapes of export (Blogger's classic backup and Google Takeout's), the
real export of ../shared/fixtures/real, and a real build of what it wrote."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from importers import ImportFailed, import_blogger
from sitebuild import build_site

KIND = "http://schemas.google.com/g/2005#kind"
BLOG = "tag:blogger.com,1999:blog-4242"


def _classic(entries: str) -> str:
    # app: used without a declaration, as Blogger writes it
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gd="http://schemas.google.com/g/2005"
      xmlns:thr="http://purl.org/syndication/thread/1.0">
 <id>{BLOG}.archive</id>
 <title type="text">Field Notes of a Slow Gardener</title>
 <link href="https://slowgarden.blogspot.com/" rel="alternate" type="text/html"/>
 <entry><id>{BLOG}.settings.BLOG_NAME</id>
  <category scheme="{KIND}" term="http://schemas.google.com/blogger/2008/kind#settings"/></entry>
{entries}
</feed>"""


def _post(number: str, title: str, path: str, body: str, *, labels=(), draft=False, kind="post") -> str:
    tags = "".join(f'<category scheme="http://www.blogger.com/atom/ns#" term="{t}"/>' for t in labels)
    control = "<app:control><app:draft>yes</app:draft></app:control>" if draft else ""
    return f"""<entry><id>{BLOG}.{kind}-{number}</id><published>2012-04-0{number[-1]}T08:00:00.000-07:00</published>
  {control}<category scheme="{KIND}" term="http://schemas.google.com/blogger/2008/kind#{kind}"/>{tags}
  <title type="text">{title}</title><content type="html">{body}</content>
  <link href="https://slowgarden.blogspot.com{path}" rel="alternate" type="text/html"/>
  <author><name>Ines Marlow</name><uri>https://www.blogger.com/profile/111</uri>
   <email>ines.marlow@example.org</email></author></entry>"""


def _comment(number: str, post: str, who: str, profile: str, body: str, *, answers: str = "", minute: int = 0,
             removed: bool = False) -> str:
    related = (f'<link href="https://www.blogger.com/feeds/4242/{post}/comments/default/{answers}" rel="related" '
               'type="application/atom+xml"/>') if answers else ""
    gone = '<gd:extendedProperty name="blogger.contentRemoved" value="true"/>' if removed else ""
    uri = f"<uri>{profile}</uri>" if profile else ""
    return f"""<entry><id>{BLOG}.post-{number}</id><published>2012-04-05T10:{minute:02d}:00.000-07:00</published>
  <category scheme="{KIND}" term="http://schemas.google.com/blogger/2008/kind#comment"/>
  <title type="text">t</title><content type="html">{body}</content>{related}
  <author><name>{who}</name>{uri}<email>noreply@blogger.com</email></author>
  <thr:in-reply-to href="x" ref="{BLOG}.post-{post}" type="text/html"/>{gone}</entry>"""


CLASSIC = _classic("\n".join([
    _post("1", "Mulch, Slowly", "/2012/04/mulch-slowly.html",
          "Leaves stay where they fall.&lt;br /&gt;&lt;br /&gt;The beds &lt;a href=&quot;"
          "https://slowgarden.blogspot.com/2012/04/why-i-stopped-digging.html&quot;&gt;stopped being dug&lt;/a&gt;.",
          labels=("soil", "autumn")),
    _post("2", "Why I Stopped Digging", "/2012/04/why-i-stopped-digging.html", "The spade rests."),
    _post("3", "Unfinished Thoughts", "/2012/04/unfinished.html", "Not yet.", draft=True),
    _post("4", "About the Garden", "/p/about.html", "A small plot.", kind="page"),
    _comment("11", "1", "Tomasz Wren", "https://www.blogger.com/profile/222",
             "Do worms mind the cold?&lt;br /&gt;&lt;br /&gt;Mine vanish in January.", minute=1),
    _comment("12", "1", "Ines Marlow", "https://www.blogger.com/profile/111", "They go deeper, Tomasz.",
             answers="11", minute=2),
    _comment("13", "1", "Ines Marlow", "", "I am the real Ines, honest.", minute=3),
    _comment("14", "1", "Anonymous", "", "Buy cheap seeds at my shop", removed=True, minute=4),
    _comment("15", "1", "Tomasz Wren", "https://www.blogger.com/profile/222", "Answering the removed one.",
             answers="14", minute=5),
    _comment("16", "3", "Tomasz Wren", "https://www.blogger.com/profile/222", "On the draft.", minute=6),
    _comment("17", "99", "Tomasz Wren", "https://www.blogger.com/profile/222", "On a lost post.", minute=7),
]))

TAKEOUT = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
  <id>tag:blogger.com,1999:blog-777</id><title>Kitchen Ledger</title>
  <link rel="alternate" href="https://kitchenledger.example.com/"/>
  <entry><id>tag:blogger.com,1999:blog-777.post-501</id>
    <blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Ravi Osei</name><uri>https://www.blogger.com/profile/900</uri><blogger:type>BLOGGER</blogger:type></author>
    <title>Bread Without a Recipe</title><content type="html">&lt;p&gt;Flour, water, patience.&lt;/p&gt;</content>
    <published>2021-03-02T09:00:00Z</published><updated>2021-03-02T09:00:00Z</updated>
    <category scheme="tag:blogger.com,1999:blog-777" term="baking"/>
    <blogger:filename>/2021/03/bread-without-recipe.html</blogger:filename><blogger:trashed/>
  </entry>
  <entry><id>tag:blogger.com,1999:blog-777.post-502</id>
    <blogger:type>POST</blogger:type><blogger:status>DRAFT</blogger:status>
    <author><name>Ravi Osei</name></author><title>Soup Later</title><content type="html">soon</content>
    <published>2021-03-05T09:00:00Z</published><blogger:filename>/2021/03/soup.html</blogger:filename>
  </entry>
  <entry><id>tag:blogger.com,1999:blog-777.post-601</id>
    <blogger:parent>tag:blogger.com,1999:blog-777.post-501</blogger:parent><blogger:inReplyTo/>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Lena Fors</name><uri></uri><blogger:type>ANONYMOUS</blogger:type></author>
    <content type="html">How wet is the dough?</content><published>2021-03-02T12:00:00Z</published><blogger:trashed/>
  </entry>
  <entry><id>tag:blogger.com,1999:blog-777.post-602</id>
    <blogger:parent>tag:blogger.com,1999:blog-777.post-501</blogger:parent>
    <blogger:inReplyTo>tag:blogger.com,1999:blog-777.post-601</blogger:inReplyTo>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Ravi Osei</name><uri>https://www.blogger.com/profile/900</uri><blogger:type>BLOGGER</blogger:type></author>
    <content type="html">Wet enough to stick, Lena.</content><published>2021-03-02T13:00:00Z</published>
  </entry>
  <entry><id>tag:blogger.com,1999:blog-777.post-603</id>
    <blogger:parent>tag:blogger.com,1999:blog-777.post-501</blogger:parent><blogger:inReplyTo/>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Spammer</name></author><content type="html">cheap pills</content>
    <published>2021-03-02T14:00:00Z</published><blogger:trashed>2021-03-03T00:00:00Z</blogger:trashed>
  </entry>
</feed>"""


@pytest.fixture
def classic(tmp_path):
    path = tmp_path / "blog-04-05-2012.xml"
    path.write_text(CLASSIC, encoding="utf-8")
    return path


def test_a_classic_export_brings_posts_labels_and_threaded_comments(classic, content, replies, no_private_data):
    report = import_blogger(classic, content)
    posts = sorted(p.name for p in (content / "imported" / "blogger").iterdir())
    assert posts == ["about.html", "mulch-slowly.html", "why-i-stopped-digging.html"]
    mulch = (content / "imported" / "blogger" / "mulch-slowly.html").read_text(encoding="utf-8")
    assert '<meta name="tags" content="soil, autumn">' in mulch
    assert "<p>Leaves stay where they fall.</p>" in mulch  # Blogger's double line break: a paragraph
    assert "{filename}/imported/blogger/why-i-stopped-digging.html" in mulch  # a link between its posts
    assert '<meta name="status" content="hidden">' in (content / "imported/blogger/about.html").read_text()
    found = replies(content, "mulch-slowly")
    assert sorted(found) == ["blogger-11", "blogger-12", "blogger-13", "blogger-14", "blogger-15"]
    first, answer = found["blogger-11"], found["blogger-12"]
    assert first[1].strip() == "<p>Do worms mind the cold?</p>\n<p>Mine vanish in January.</p>"
    assert answer[0]["reply-to"] == "blogger-11" and answer[0]["author"] == "Ines Marlow"
    assert "author-url" not in answer[0] and "post-author" not in answer[0]  # the post's author: the same profile
    assert found["blogger-13"][0]["post-author"] == "no"  # a visitor who typed her name
    assert found["blogger-14"][0]["kind"] == "deleted" and found["blogger-15"][0]["reply-to"] == "blogger-14"
    assert report.by_post_author == 1 and report.replies == 4
    assert report.skipped["draft"] == 1 and report.skipped["comment on a skipped item"] == 1
    assert report.skipped["comment on a post that is not in the export"] == 1
    assert report.skipped["blog settings and template"] == 1
    assert any("app:" in note for note in report.notes)
    no_private_data(content, "ines.marlow", "noreply@blogger.com")
    again = import_blogger(classic, content)  # the same export again writes nothing new
    assert {f.action for f in again.files} == {"unchanged"}


def test_a_takeout_export_is_read_too(tmp_path, content, replies):
    path = tmp_path / "feed.atom"
    path.write_text(TAKEOUT, encoding="utf-8")
    report = import_blogger(path, content)
    bread = (content / "imported" / "blogger" / "bread-without-recipe.html").read_text(encoding="utf-8")
    assert ('<meta name="original-url" content="https://kitchenledger.example.com/2021/03/bread-without-recipe.html">'
            in bread) and '<meta name="tags" content="baking">' in bread
    found = replies(content, "bread-without-recipe")
    assert sorted(found) == ["blogger-601", "blogger-602"]
    assert found["blogger-602"][0]["reply-to"] == "blogger-601" and "post-author" not in found["blogger-602"][0]
    assert report.skipped == {"draft": 1, "comment in the trash": 1}, report.skipped


def test_what_is_not_a_blogger_export_is_refused_by_name(tmp_path, content):
    other = tmp_path / "feed.xml"
    other.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id></feed>', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"feed\.xml: not a Blogger export"):
        import_blogger(other, content)
    rss = tmp_path / "wp.xml"
    rss.write_text("<rss><channel/></rss>", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"wp\.xml: not a Blogger export: the root element is <rss>"):
        import_blogger(rss, content)
    assert list(content.iterdir()) == []


def test_the_real_blogger_export(real, content, replies, no_private_data):
    report = import_blogger(real / "blogger" / "pelican-bloggerexport.xml", content)
    assert (report.posts, report.pages, report.replies) == (1, 1, 1)
    assert report.skipped == {"blog settings and template": 59, "draft": 2}
    found = replies(content, "the-steel-windpipe")
    assert list(found) == ["blogger-5590533389087749201"]
    meta, body = found["blogger-5590533389087749201"]
    assert meta["author"] == "Thomas Isidore Noël Sankara" and meta["date"].startswith("2010-11-29T12:35:44")
    assert body.startswith("<p>Mishka, always a pleasure") and body.count("<p>") == 2
    no_private_data(content, "noreply@blogger.com")


def test_a_blogger_import_builds_into_threads_on_the_page(classic, content, tmp_path):
    import_blogger(classic, content)
    output = build_site(content, tmp_path / "output", REPLIES_STRICT=True)
    page = BeautifulSoup((output / "posts" / "mulch-slowly" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    answer = page.find(id="reply-blogger-12")
    assert answer.find_parent(class_="reply")["id"] == "reply-blogger-11"
    assert answer.select_one(".badge--author") is not None
    assert page.find(id="reply-blogger-13").select_one(".badge--author") is None
    assert "reply--deleted" in page.find(id="reply-blogger-14")["class"]
    assert "cheap seeds" not in str(page)
    link = page.select_one(".post-body a")  # the post's link to another of the blog's posts: to it here
    assert link.get_text() == "stopped being dug" and link["href"].endswith("posts/why-i-stopped-digging/"), link
