"""Full Pelican builds of small sites in tmp_path, read back with BeautifulSoup."""

from __future__ import annotations

import gc
import hashlib
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from replies.model import RepliesError
from replies.settings import ConfigError

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def conversation(site):
    site.post("first", "Slow reading makes an argument out of agreement.",
              title="First &amp; <em>Best</em><script>alert(1)</script>")
    site.post("second", "Second post.", date="2026-01-05 09:00")
    site.reply("first", "ada-1", "I *disagree*, mildly.", Author="Ada Park", Author_URL="https://ada.example/")
    site.reply("first", "mira-1", "Thanks, Ada.", Author="Mira Okafor", Date="2026-01-02 11:00", Reply_To="ada-1")
    site.reply("first", "ben-1", "Deeper.", Author="Ben Ode", Date="2026-01-02 12:00", Reply_To="mira-1")
    site.reply("first", "cy-1", "Deeper still.", Author="Cy Lee", Date="2026-01-02 13:00", Reply_To="ben-1")
    site.reply("first", "ada-2", "A second root, <script>alert('x')</script> [bad](javascript:alert(1)) "
               "[good](https://example.org/)", Author="Ada Park", Date="2026-01-03 09:00")
    site.reply("first", "spam-1", "Buy now https://shop.example/", Author="Deals", Status="spam")
    site.reply("first", "wait-1", "Pending.", Author="Wren", Status="pending")
    site.reply("second", "dan-1", "Across posts.", Author="Dan Ray", Date="2026-01-06 09:00", Reply_To="first/cy-1")
    site.reply("first", "ping-1", "They wrote about it.", Author="Notebooks in the Open", Kind="pingback",
               Source_URL="https://blog.example.net/notebooks/")
    return site


def test_article_page_shows_the_nested_thread(conversation):
    conversation.build()
    page = conversation.page("posts/first/index.html")
    top = page.select_one("#replies > ol.replies")
    assert [li["id"] for li in top.find_all("li", recursive=False)] == ["reply-ada-1", "reply-ada-2"]
    chain = ["reply-ada-1", "reply-mira-1", "reply-ben-1", "reply-cy-1"]
    for parent, child in itertools.pairwise(chain):
        assert page.select_one(f"#{parent} > ol.replies > li#{child}") is not None
    assert page.select_one(".reply-count").get_text(" ", strip=True).startswith("5 replies from 4 people")
    # anchors, permalinks, in-reply-to context, author link, the post author's badge
    assert page.select_one("#reply-ben-1 a.reply-permalink")["href"] == "#reply-ben-1"
    assert page.select_one("#reply-ben-1 .in-reply-to a")["href"] == "#reply-mira-1"
    assert page.select_one("#reply-ben-1 .in-reply-to").get_text(" ", strip=True) == "In reply to Mira Okafor"
    author_link = page.select_one("#reply-ada-1 .reply-author a")  # their page here; their website second
    assert author_link["href"] == "../../people/ada-park/"
    website = page.select_one("#reply-ada-1 a.reply-website")
    assert (website["href"], website["rel"]) == ("https://ada.example/", ["nofollow", "ugc"])
    assert "reply--by-author" in page.select_one("#reply-mira-1")["class"]
    assert page.select_one("#reply-mira-1 .badge--author") is not None
    assert page.select_one("#reply-ada-1 > article .badge--author") is None
    # spam and pending are never shown; a pingback is listed as a mention, not a reply
    text = page.get_text()
    assert "Buy now" not in text and "Pending." not in text
    assert page.select_one("#reply-spam-1") is None and page.select_one("#reply-wait-1") is None
    mention = page.select_one(".mentions li#reply-ping-1 a")
    assert mention["href"] == "https://blog.example.net/notebooks/" and "ugc" in mention["rel"]
    # the cross-post reply is linked from its parent
    assert page.select_one("#reply-cy-1 .continued-elsewhere a")["href"].endswith("posts/second/#reply-dan-1")


def test_reply_bodies_are_sanitized_in_the_page(conversation):
    conversation.build()
    page = conversation.page("posts/first/index.html")
    body = page.select_one("#reply-ada-2 .reply-content")
    assert body.find("script") is None
    hrefs = [a.get("href") for a in body.find_all("a")]
    assert "https://example.org/" in hrefs and not any(h and "javascript" in h for h in hrefs)
    assert all(a["rel"] == ["nofollow", "ugc"] for a in body.find_all("a"))
    assert "alert('x')" not in str(page.select_one("#replies"))
    # a title is HTML in Pelican: shown as its text, never as markup
    assert page.select_one("h1.post-title").get_text().startswith("First & Best")
    assert page.select_one("h1.post-title").find(["em", "script"]) is None


def test_reply_to_a_reply_under_another_post_is_shown_with_context(conversation):
    conversation.build()
    page = conversation.page("posts/second/index.html")
    note = page.select_one("#reply-dan-1 .in-reply-to--elsewhere a")
    assert note["href"].endswith("posts/first/#reply-cy-1")
    assert note.get_text().startswith("Cy Lee on “First & Best")


def test_replies_never_become_articles_or_pages(conversation):
    conversation.build()
    out = conversation.output
    assert sorted(p.parent.name for p in (out / "posts").glob("*/index.html")) == ["first", "second"]
    assert not (out / "replies").exists() and not list(out.rglob("ada-1*"))


def test_list_pages_show_reply_counts(conversation):
    conversation.build()
    for page in ("index.html", "tag/reflection/index.html", "category/practice/index.html",
                 "archives/index.html"):
        soup = conversation.page(page)
        # A card with a conversation says "5 replies from 3 people" in its shape line, once (not twice).
        counts = [a.get_text(strip=True) for a in soup.select("a.reply-count-link")] + [
            re.search(r"(\d[\d,]* repl(?:y|ies)) from", " ".join(s.get_text().split())).group(1)
            for s in soup.select(".conversation-shape")]
        assert sorted(counts) == ["1 reply", "5 replies"], page
        assert not [li for li in soup.select(".post-item") if li.select(".reply-count-link")
                    and li.select(".conversation-shape")], page
    tags = conversation.page("tags/index.html").get_text(" ", strip=True)
    assert "2 posts · 6 replies" in tags


def test_feeds_per_post_and_for_the_site(conversation):
    conversation.build(SITEURL="https://owner.github.io/repo", RELATIVE_URLS=False)
    site_feed = ET.parse(conversation.output / "feeds/replies.atom.xml").getroot()
    entries = site_feed.findall(f"{ATOM}entry")
    assert len(entries) == 6
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert "https://owner.github.io/repo/posts/first/#reply-ada-1" in links
    post_feed = ET.parse(conversation.output / "feeds/replies/first.atom.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in post_feed.findall(f"{ATOM}entry")]
    assert len(titles) == 5 and "Ada Park on “First & Best”" in titles
    content = "".join(e.find(f"{ATOM}summary").text for e in post_feed.findall(f"{ATOM}entry"))
    assert "<script" not in content and "Buy now" not in content


def test_the_site_feed_carries_the_newest_replies(conversation):
    conversation.build(REPLIES_FEED_ALL_MAX_ITEMS=2)
    entries = ET.parse(conversation.output / "feeds/replies.atom.xml").getroot().findall(f"{ATOM}entry")
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    post_feed = ET.parse(conversation.output / "feeds/replies/first.atom.xml").getroot()
    every = sorted((e.find(f"{ATOM}updated").text for e in post_feed.findall(f"{ATOM}entry")), reverse=True)
    assert len(entries) == 2 and dates == sorted(dates, reverse=True)
    assert dates[0] >= every[0]  # the newest reply of the site is in it
    assert len(every) == 5  # per-post feeds keep every reply
    page = conversation.page("posts/first/index.html")
    assert page.select_one('link[type="application/atom+xml"][href$="feeds/replies/first.atom.xml"]') is not None


def test_site_works_under_a_sub_path(conversation):
    conversation.build(SITEURL="https://owner.github.io/repo", RELATIVE_URLS=False)
    page = conversation.page("posts/first/index.html")
    internal = [tag.get("href") or tag.get("src") for tag in page.find_all(["a", "link", "script"])
                if (tag.get("href") or tag.get("src") or "").startswith(("/", "http"))]
    site_links = [u for u in internal if "owner.github.io" in u or u.startswith("/")]
    assert site_links and all(u.startswith("https://owner.github.io/repo/") for u in site_links)


def test_comment_system_layout_is_read_as_is(site):
    site.post("foo-bar")
    site.reply("foo-bar", "0", "First comment.", folder="comments", author="Old Reader", date="2014-03-29 12:00",
               Author=None, Date=None)
    site.reply("foo-bar", "1", "An answer.", folder="comments", author="Mira Okafor", date="2014-03-30 12:00",
               replyto="0md", website="https://mira.example/", Author=None, Date=None)
    site.build(REPLIES_STRICT=True)
    page = site.page("posts/foo-bar/index.html")
    assert page.select_one("#reply-0md > ol.replies > li#reply-1md") is not None
    assert page.select_one("#reply-1md a.reply-website")["href"] == "https://mira.example/"


def test_missing_parent_warns_and_shows_the_reply_detached(site, caplog):
    site.post("p")
    site.reply("p", "lost", "Where did it go?", Reply_To="never-was")
    site.build()
    page = site.page("posts/p/index.html")
    assert "reply--detached" in page.select_one("#reply-lost")["class"]
    said = page.select_one("#reply-lost .in-reply-to--detached")
    assert said.get_text() == "In reply to an earlier reply that is not here." and "“never-was”" in said["title"]
    assert any("lost.md" in r.getMessage() and "no such reply" in r.getMessage() for r in caplog.records)


def test_a_detached_reply_is_counted_as_answering_no_one(site):
    """Shown under the post, a reply whose parent is missing answered someone who is not here: not the post's
    author, so neither person page counts it as an answer and the map's line does not say it answers the post."""
    site.post("p")
    site.reply("p", "first", "An ordinary reply.", Author="Ben Ode")
    site.reply("p", "lost", "Where did it go?", Reply_To="never-was")
    site.build()
    writer = site.page("people/ada-park/index.html").select_one("main").get_text(" ", strip=True)
    host = site.page("people/mira-okafor/index.html").select_one("main").get_text(" ", strip=True)
    assert "Answered Mira Okafor" not in writer and "Answered Nobody yet" not in writer
    assert "Answered by Ben Ode · once Built on" in host  # Ben's reply to the post, and not Ada's
    assert "answered, quoted or named by readers once" in host
    page = site.page("posts/p/index.html")
    shape = page.select_one("section.conversation > .meta").get_text(" ", strip=True)
    assert "every reply answers the post itself but one, which answers a reply that is not here" in shape
    # the map hangs it under the post on a line of its own (dotted), which its key and details say
    svg = page.select_one("#conversation-map svg[data-explore]")
    assert len(svg.select("g.edge--detached path")) == 1 and len(svg.select("g.edge--reply path")) == 1
    assert svg.select_one('a[data-node="reply:p/lost"] title').get_text() == (
        "Ada Park, 2 January 2026, in reply to an earlier reply that is not here")
    legend = [li.get_text(" ", strip=True) for li in page.select(".map-legend li")]
    assert legend == ["answers (the thread)", "answers a reply that is not here"]


def test_strict_mode_fails_the_build_on_a_warning(site):
    site.post("p")
    site.reply("p", "lost", "Where did it go?", Reply_To="never-was")
    with pytest.raises(RepliesError, match=r"lost\.md.*REPLIES_STRICT"):
        site.build(REPLIES_STRICT=True)


def test_a_build_hands_the_garbage_collector_back_as_it_found_it(conversation):
    """The stages freeze their long-lived data for the collector (replies.heap); a finished build and a
    failed one both end with nothing frozen and the collector's thresholds as before (autoreload)."""
    thresholds = gc.get_threshold()
    frozen = []
    from pelican import signals

    def during(*_args, **_kwargs):  # the pages are being written: the stages' data is frozen
        frozen.append(gc.get_freeze_count())
    signals.article_writer_finalized.connect(during)
    try:
        conversation.build()
    finally:
        signals.article_writer_finalized.disconnect(during)
    assert frozen and frozen[0] > 1000
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
    conversation.reply("first", "lost", "Where did it go?", Reply_To="never-was")
    with pytest.raises(RepliesError):
        conversation.build(REPLIES_STRICT=True)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds


def test_a_build_s_process_ends_without_walking_its_heap_again(conversation):
    """When a build's process ends, Python's last collection walked everything the build left (its posts,
    replies and graph, kept alive by their cycles) to free it: 1.2 s of a 1,000-post rebuild. The plugin sets
    it all aside at exit instead (replies.heap.leave_the_heap_at_exit); the build itself ended with
    nothing frozen, as ever, and its pages are all written."""
    import subprocess
    import sys
    import textwrap

    from sitebuild import REPO

    code = textwrap.dedent(f"""
        import atexit, gc, sys
        from pathlib import Path
        atexit.register(lambda: print("set aside at exit:", gc.get_freeze_count() > 10_000, flush=True))
        sys.path.insert(0, {str(REPO / "tests")!r})
        from sitebuild import build_site
        build_site(Path({str(conversation.content)!r}), Path({str(conversation.output)!r}))
        print("nothing frozen after the build:", gc.get_freeze_count() == 0, flush=True)
    """)
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    said = [line for line in run.stdout.splitlines() if ":" in line and line.split(":")[0] in
            ("set aside at exit", "nothing frozen after the build")]
    assert said == ["nothing frozen after the build: True", "set aside at exit: True"], run.stdout[-2000:]
    assert (conversation.output / "posts" / "first" / "index.html").is_file()


def test_a_posts_map_and_words_are_made_as_its_page_is_written_and_let_go_of_after(conversation):
    """conversation_map.later: a post's map and insight are made when its page is written and dropped
    once it is, so a build never holds every post's page data at once; the one-line shape every list
    shows stays ready, and a later read makes the rest again, the same as on the page."""
    from conversation_map.later import Later
    from pelican import signals

    seen = {}

    def after_articles(generator, **_kwargs):  # every post page is written by now
        seen.update({a.slug: (a.conversation_map, a.conversation_insight) for a in generator.articles})
    signals.article_writer_finalized.connect(after_articles)
    try:
        conversation.build()
    finally:
        signals.article_writer_finalized.disconnect(after_articles)
    cmap, words = seen["first"]
    assert isinstance(cmap, Later) and isinstance(words, Later)
    assert "made=False" in repr(cmap) and "made=False" in repr(words)
    assert words["shape"]["replies"] == 5 and "made=False" in repr(words)  # ready, made at once
    page = (conversation.output / "posts/first/index.html").read_text(encoding="utf-8")
    svg = cmap["svgs"][0]["svg"]  # made again when read: the very drawing the page holds
    assert "made=True" in repr(cmap) and str(svg) in page
    assert f"the longest chain of replies, each answering the one before, is {cmap['depth']} long" in page


def test_folder_for_a_missing_post_is_a_warning(site, caplog):
    site.post("p")
    site.reply("no-such-post", "a", "Hello")
    site.build()
    assert any("no-such-post" in r.getMessage() and "no post has that slug" in r.getMessage()
               for r in caplog.records)
    with pytest.raises(RepliesError, match="no-such-post"):
        site.build(REPLIES_STRICT=True)


def test_replies_from_other_sites_say_where_and_do_not_claim_a_shape(site):
    """Webmention replies (a Source-URL each, all answering the post: the source says no more) say where they
    were written, and the page does not claim everyone answered the post; a pingback says what it is, its
    excerpt cut short."""
    site.post("p", "A post.")
    for i, who in enumerate(("Ada Park", "Ben Ode", "Cy Lund"), start=1):
        site.reply("p", f"wm-{i}", f"A thought from {who}.", Author=who, Date=f"2026-01-0{i + 1} 10:00",
                   Source_URL=f"https://www.twitter.com/someone{i}/status/{i}")
    site.reply("p", "ping-1", "[...] " + "a long excerpt of the linking page " * 20 + "[...]", Kind="pingback",
               Author="Another Blog", Source_URL="https://blog.example/a-post/", Date="2026-01-09 10:00")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    page = site.page("posts/p/index.html")
    source = page.select_one("#reply-wm-1 .reply-source")
    assert source.get_text() == "on twitter.com" and source["href"] == "https://www.twitter.com/someone1/status/1"
    assert source["rel"] == ["nofollow", "ugc"]
    meta = page.select_one(".conversation .meta").get_text(" ", strip=True)
    assert "these replies came from other sites, which link each one to the post but not to one another" in meta
    assert "every reply answers the post itself" not in meta
    assert "Broadcast" not in page.select_one(".conversation-shape").get_text()
    ping = page.select_one("#reply-ping-1")
    assert ping.select_one(".mention-what").get_text() == "linked to this post"  # a pingback or a trackback
    excerpt = ping.select_one(".mention-excerpt").get_text(strip=True)
    assert len(excerpt) <= 281 and excerpt.endswith("…"), excerpt
    # One of them opens by answering another by name: the page says who answered whom, so the words no longer
    # say the sources do not tell; the line it makes is counted, and said to be counted, by that name.
    site.reply("p", "wm-4", "@Ada Park: not quite, I think.", Author="Eve Ruiz", Date="2026-01-09 11:00",
               Source_URL="https://www.twitter.com/someone4/status/4")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    page = site.page("posts/p/index.html")
    assert page.select_one("#reply-wm-4 .in-reply-to").get_text(" ", strip=True) == "In reply to Ada Park"
    meta = page.select_one(".conversation .meta").get_text(" ", strip=True)
    assert "not to one another" not in meta
    assert ("the longest chain of replies, each answering the one before, is 2 long, counting each reply as "
            "answering the reply it speaks to, not always the one it sits under") in meta
    # One reply written here among them: the thread is this site's again, and says so as before.
    (site.content / "replies" / "p" / "wm-4.md").unlink()
    site.reply("p", "dee-1", "Written here.", Author="Dee Moss", Date="2026-01-10 10:00")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    assert "every reply answers the post itself" in site.page("posts/p/index.html").select_one(
        ".conversation .meta").get_text(" ", strip=True)


def test_a_misspelt_key_is_named_with_what_it_was_likely_meant_to_be(site, caplog):
    """``ReplyTo:`` or ``In-Reply-To:`` is not ours: the thread would break unsaid, so the build says so."""
    site.post("p")
    site.reply("p", "mira-1", "The first answer.", Author="Mira Okafor")
    site.reply("p", "dee-7", "Answering Mira.", Author="Dee Park", ReplyTo="mira-1")
    site.reply("p", "dee-8", "Answering Mira again.", Author="Dee Park", In_Reply_To="mira-1", Mood="calm")
    site.build()
    said = sorted(r.getMessage() for r in caplog.records if "unknown key" in r.getMessage())
    folder = site.content / "replies" / "p"
    assert said == [f"{folder / 'dee-7.md'}: unknown key 'replyto' is ignored (did you mean 'Reply-To'?)",
                    f"{folder / 'dee-8.md'}: unknown key 'in-reply-to' is ignored (did you mean 'Reply-To'?)"]
    # A key that is no slip for ours ("Mood") stays silent; ignored, as docs/formats.md says.
    with pytest.raises(RepliesError, match=r"dee-7\.md: unknown key 'replyto'"):
        site.build(REPLIES_STRICT=True)


def test_a_reply_saved_under_another_name_is_read_or_named(site, caplog):
    """A reply saved as ``.MD`` is read; one saved as ``.txt`` or with no extension is not lost unsaid."""
    site.post("p")
    folder = site.reply("p", "ada-1", "Read as usual.").parent
    site.reply("p", "ben-1", "Shouted suffix.", Author="Ben Ode").rename(folder / "ben-1.MD")
    site.reply("p", "cy-1", "Saved from a mail.", Author="Cy Lund").rename(folder / "cy-1.txt")
    site.reply("p", "dee-1", "No extension.", Author="Dee Park").rename(folder / "dee-1")
    (folder / ".gitkeep").write_text("")
    (folder / ".draft.md").write_text("hidden: left alone, even with no metadata")
    (folder / "ada-1.md~").write_text("an editor's backup")
    site.reply("p", "eve-1", "Saved by Notepad.", Author="Eve Lam").rename(folder / "eve-1.md.txt")
    site.build()
    page = site.page("posts/p/index.html")
    assert {li["id"] for li in page.select("li.reply")} == {"reply-ada-1", "reply-ben-1"}
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "not read" in r.getMessage()]
    assert sorted(said) == [
        f"{folder / 'cy-1.txt'}: not read: a reply file's name ends in .md (rename it cy-1.md if it is a reply)",
        f"{folder / 'dee-1'}: not read: a reply file's name ends in .md (rename it dee-1.md if it is a reply)",
        f"{folder / 'eve-1.md.txt'}: not read: a reply file's name ends in .md (rename it eve-1.md if it is a reply)"]
    with pytest.raises(RepliesError, match=r"cy-1\.txt"):
        site.build(REPLIES_STRICT=True)


def test_a_reply_file_in_the_wrong_folder_is_named(site, caplog):
    """Straight in content/replies/, or in a folder inside its post's: not read, and said so, with where to move it."""
    site.post("p")
    folder = site.reply("p", "ada-1", "Read as usual.").parent
    loose = site.reply("p", "ben-1", "Loose.", Author="Ben Ode")
    loose = loose.rename(folder.parent / "ben-1.md")
    (folder / "old").mkdir()
    nested = site.reply("p", "cy-1", "Nested.", Author="Cy Lund").rename(folder / "old" / "cy-1.md")
    site.build()
    said = sorted(r.getMessage() for r in caplog.records if "not read" in r.getMessage())
    assert said == [f"{loose}: not read: a reply goes in the folder of its post: replies/<post-slug>/ben-1.md",
                    f"{nested}: not read: a reply sits right in the folder of its post: move it to replies/p/cy-1.md"]
    assert [li["id"] for li in site.page("posts/p/index.html").select("li.reply")] == ["reply-ada-1"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.md": "Date: 2026-01-02\n\nx"}, r"a\.md: missing required metadata 'Author'"),
        ({"a.md": "Author: A\nDate: soon\n\nx"}, r"a\.md: cannot parse Date 'soon'"),
        ({"a.md": "Author: A\nDate: 2026-01-02\nReply-To: b\n\nx",
          "b.md": "Author: B\nDate: 2026-01-02\nReply-To: a\n\nx"}, r"cycle: p/a -> p/b -> p/a"),
    ],
)
def test_bad_replies_fail_the_build_with_the_file_named(site, files, message):
    site.post("p")
    for name, text in files.items():
        site.raw(f"replies/p/{name}", text)
    with pytest.raises(RepliesError, match=message):
        site.build()


def test_duplicate_ids_across_both_layouts_fail_the_build(site):
    site.post("p")
    site.reply("p", "x", "one")
    site.raw("comments/p/x.md", "author: B\ndate: 2026-01-03\nslug: x\n\ntwo\n")
    with pytest.raises(RepliesError, match=r"comments/p/x\.md: reply id 'x' is already used by .*replies/p/x\.md"):
        site.build()


def test_unknown_setting_names_the_key(site):
    site.post("p")
    with pytest.raises(ConfigError, match="unknown setting REPLIES_STIRCT"):
        site.build(REPLIES_STIRCT=True)


def test_the_same_content_builds_byte_identical_output(conversation, tmp_path):
    def digest(folder):
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    first = conversation.build()
    snapshot = digest(first)
    conversation.output = tmp_path / "second-output"
    second = conversation.build()
    assert digest(second) == snapshot


def test_a_very_deep_thread_renders_nested(site):
    site.post("p")
    for i in range(300):
        site.reply("p", f"r{i}", f"Level {i}.", Author=f"Person{i % 3} Name",
                   Date=f"2026-01-02 {i // 60:02d}:{i % 60:02d}", Reply_To=f"r{i - 1}" if i else None)
    site.build()
    page = site.page("posts/p/index.html")
    assert page.select_one("#reply-r298 > ol.replies > li#reply-r299") is not None
    assert len(page.select("li.reply")) == 300
    assert "depth-8" in page.select_one("#reply-r299")["class"]


def test_replies_to_a_draft_never_reach_a_feed(site):
    site.post("public", "Open.")
    site.post("secret", "Not yet.", extra="Status: draft\n")
    site.reply("public", "a", "Public reply.")
    site.reply("secret", "b", "Reply to the draft.")
    site.build()
    assert not (site.output / "feeds/replies/secret.atom.xml").exists()
    everything = (site.output / "feeds/replies.atom.xml").read_text()
    assert "Public reply." in everything and "Reply to the draft." not in everything and "Not yet" not in everything
    draft_page = next(site.output.glob("drafts/**/*.html")).read_text()
    assert "Reply to the draft." in draft_page and "feeds/replies/secret" not in draft_page


def test_the_vis_network_files_are_found_without_importing_pyvis():
    """Importing pyvis loads IPython and more (a tenth of a second on every build) to name a folder: the
    build finds the folder through the package's spec, and a missing package is a clear error."""
    import subprocess
    import sys

    from sitebuild import REPO

    code = ("import sys; sys.path.insert(0, 'plugins')\n"
            "from conversation_map.exports import vis_network_assets\n"
            "found = vis_network_assets()\n"
            "assert (found / 'vis-network.min.js').is_file(), found\n"
            "assert 'pyvis' not in sys.modules and 'IPython' not in sys.modules\n"
            "sys.modules['pyvis'] = None  # as if it were not installed\n"
            "from conversation_map.settings import ConfigError\n"
            "try:\n    vis_network_assets()\nexcept ConfigError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "the pyvis package is not installed" in done.stdout


def test_a_translated_post_shows_its_posts_conversation(site):
    """A translation (``Lang: fr``, the same slug) stopped the build: Pelican writes it with the article
    template, and it had no thread. It shows the post's replies and Reply links under its own text; the
    margin notes, which mark the post's own paragraphs, stay on the post."""
    site.post("p", "Reading slowly once goes further than skimming the same book three times.")
    fr = site.post("p-fr", "Lire lentement une fois va plus loin que survoler trois fois.", title="Lire",
                   extra="Lang: fr")
    fr.write_text(fr.read_text(encoding="utf-8").replace("Slug: p-fr", "Slug: p"), encoding="utf-8")
    site.reply("p", "a1", "> Reading slowly once goes further than skimming the same book three times.\n\nYes.",
               Author="Ada Park")
    site.reply("p", "b1", "Why so?", Author="Ben Ode", Reply_To="a1", Date="2026-01-03 10:00")
    de = site.post("p-de", "Langsam lesen.", title="Lesen", extra="Lang: de\nStatus: draft")
    de.write_text(de.read_text(encoding="utf-8").replace("Slug: p-de", "Slug: p"), encoding="utf-8")
    site.post("q", "Another post.", date="2026-01-05 09:00")
    site.reply("q", "cy1", "Answering Ada from here.", Author="Cy Lind", Reply_To="p/a1", Date="2026-01-06 10:00")
    site.build(REPLIES_STRICT=True, REPLIES_LINK_GITHUB_REPO="mira/field-notes")
    original, translated = site.page("posts/p/index.html"), site.page("posts/p-fr/index.html")
    # a draft translation of the post leaves its replies shown to a reply under another post
    said = " ".join(site.page("posts/q/index.html").select_one("#reply-cy1 .in-reply-to").get_text(" ").split())
    assert said == "In reply to Ada Park on “P”", said
    assert original.select_one(".post-body.has-marginalia") is not None
    body = translated.select_one(".post-body")
    assert "Lire lentement" in body.get_text() and "Reading slowly" not in body.get_text()
    assert "has-marginalia" not in body["class"]
    assert [n.get_text(strip=True) for n in translated.select(".reply-author")] == ["Ada Park", "Ben Ode"]
    link = "#reply-b1 .reply-link"
    assert translated.select_one(link)["href"] == original.select_one(link)["href"]
    assert "2 replies" in translated.select_one(".post-header .meta").get_text(" ")


def test_a_post_only_in_other_languages_shows_its_replies_in_each(site):
    """A post written in French and German only (the site's language is English): Pelican lists both, and
    the replies were given to one, the other showing none (or, shared both ways, each page the other's)."""
    for lang, title in (("fr", "Lire"), ("de", "Lesen")):
        path = site.post(f"p-{lang}", f"{title} lentement.", title=title, extra=f"Lang: {lang}")
        path.write_text(path.read_text(encoding="utf-8").replace(f"Slug: p-{lang}", "Slug: p"), encoding="utf-8")
    site.reply("p", "a1", "A reply.", Author="Ada Park")
    site.build(REPLIES_STRICT=True)
    pages = [site.page(str(p.relative_to(site.output))) for p in site.output.glob("posts/p*/index.html")]
    assert sorted(p.h1.get_text(strip=True) for p in pages) == ["Lesen", "Lire"]
    for page in pages:
        assert [n.get_text(strip=True) for n in page.select(".reply-author")] == ["Ada Park"]
        assert f"{page.h1.get_text(strip=True)} lentement" in page.select_one(".post-body").get_text()  # its own


def test_a_reply_whose_source_lost_its_parent_is_marked_without_a_warning(site, caplog):
    """An importer writes ``Reply-To-Missing`` for a comment whose parent its export no longer holds: the
    page marks it detached, as for a ``Reply-To`` naming no reply, and a strict build passes (the import
    said so once); a value that is no id is not shown."""
    site.post("p")
    site.reply("p", "wp-122", "Answering someone gone.", Reply_To_Missing="wp-121")
    site.reply("p", "wp-123", "To the post.", Reply_To_Missing="not an id!", Author="Ben Ode")
    site.build(REPLIES_STRICT=True)
    page = site.page("posts/p/index.html")
    marked = page.select_one("#reply-wp-122")
    assert "reply--detached" in marked["class"]
    said = marked.select_one(".in-reply-to").get_text(" ", strip=True)
    assert said == "In reply to an earlier reply that is not here."
    assert "“wp-121”" in marked.select_one(".in-reply-to")["title"]  # for the curious, on hover
    assert "reply--detached" not in page.select_one("#reply-wp-123")["class"]
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "replies" in r.name]
    # the reply it answered is written here after all: it answers it, not "a reply that is not here"
    site.reply("p", "wp-121", "Back again.", Author="Cy Lund", Date="2026-01-01 12:00")
    site.build(REPLIES_STRICT=True)
    found = site.page("posts/p/index.html").select_one("#reply-wp-122")
    assert "reply--detached" not in found["class"] and found.find_parent(id="reply-wp-121") is not None


def test_a_post_without_a_category_is_not_filed_under_its_folder(tmp_path):
    """An importer writes into imported/wordpress/; a post its export gave no category was filed under a
    public category "wordpress" (Pelican's USE_FOLDER_AS_CATEGORY)."""
    from sitebuild import build_site

    post = tmp_path / "content" / "imported" / "wordpress" / "a-note.html"
    post.parent.mkdir(parents=True)
    post.write_text('<html><head><title>A note</title><meta name="date" content="2019-08-02 10:00">'
                    '<meta name="slug" content="a-note"></head><body><p>Text.</p></body></html>', encoding="utf-8")
    output = build_site(tmp_path / "content", tmp_path / "output")
    assert (output / "category" / "uncategorized" / "index.html").is_file()
    assert not (output / "category" / "wordpress").exists()
    page = (output / "posts" / "a-note" / "index.html").read_text(encoding="utf-8")
    # (filed under the default category, which its page does not name: test_a_post_in_no_category_...)
    assert "category/wordpress" not in page and ">Uncategorized</a>" not in page


def test_a_map_of_one_reply_says_the_reply_answers_the_post(site):
    """"1 person · every reply answers the post itself" was said of a post with one reply."""
    site.post("p")
    site.reply("p", "a1", "A single reply.", Author="Ada Park")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    meta = site.page("posts/p/index.html").select_one(".conversation .meta").get_text(" ", strip=True)
    assert meta.startswith("1 person · the reply answers the post") and "every reply" not in meta, meta


def test_a_post_in_no_category_does_not_say_uncategorized(site):
    """An imported post with no category (Blogger has none; a webmention's post was made without one) said
    "· Uncategorized" under its title and in every list: a word that tells a reader nothing. A post in a
    category still names it."""
    site.raw("posts/loose.md", """\
        Title: Loose
        Date: 2026-01-01 09:00
        Author: Mira Okafor
        Slug: loose

        A post in no category.
        """)
    site.post("kept", title="Kept")  # in Practice
    site.build()
    loose = site.page("posts/loose/index.html").select_one(".post-header .meta").get_text(" ", strip=True)
    assert "Uncategorized" not in loose and loose.startswith("By Mira Okafor")
    assert "Practice" in site.page("posts/kept/index.html").select_one(".post-header .meta").get_text(" ")
    items = {li.select_one(".post-item-title").get_text(strip=True): li.select_one(".meta").get_text(" ", strip=True)
             for li in site.page("index.html").select(".post-item")}
    assert "Uncategorized" not in items["Loose"] and "Practice" in items["Kept"]


def test_a_post_written_in_another_language_is_marked_so_with_its_replies(site):
    """A post in German on an English site (``Written-In: de``, as the saved-page importer writes it) was read
    out with English pronunciation: its title, text and replies are marked ``lang="de"``; the page's own words
    stay English, and a post in the site's language is not marked."""
    site.post("deich", "Der Deich hält.", title="Deichschau", extra="Written-In: de")
    site.reply("deich", "a1", "Finde ich auch.", Author="Anna Berg")
    site.post("dyke", "The dyke holds.", title="Dyke", date="2026-01-05 09:00", extra="Written-In: en")
    site.reply("dyke", "b1", "Good.", Author="Ben Ode")
    site.build()
    page = site.page("posts/deich/index.html")
    assert page.html["lang"] == "en"
    assert page.select_one("h1.post-title")["lang"] == "de" and page.select_one(".post-body")["lang"] == "de"
    assert [r.get("lang") for r in page.select(".reply-content")] == ["de"]
    assert page.select_one(".post-header .meta").get("lang") is None  # "By ... · 1 reply from 1 person"
    other = site.page("posts/dyke/index.html")
    assert not other.select("main [lang]")


def test_a_post_s_language_marks_its_title_and_replies_on_every_page_that_shows_them(site, caplog):
    """The German post's page was marked, but its title in the lists of posts, and its replies' words on their
    writer's page, on the open questions and in exchanges, were read out as English. Each is marked with the
    post's language, and only that: the words around it stay the site's. A ``Written-In`` that is no
    language tag is named, and marks nothing."""
    site.post("deich", "Der Deich hält, sagt der Deichgraf.", title="Deichschau", extra="Written-In: de")
    site.reply("deich", "a1", "Hält er auch bei Sturmflut?", Author="Anna Berg")
    site.reply("deich", "a2", "Ja, er hält.", Author="Ben Ode", **{"Reply-To": "a1"})
    site.reply("deich", "a3", "Und bei Eisgang?", Author="Anna Berg", **{"Reply-To": "a2"})
    site.reply("deich", "a4", "Auch dann.", Author="Ben Ode", **{"Reply-To": "a3"})
    site.post("dyke", "The dyke holds.", title="Dyke", date="2026-01-05 09:00")
    site.reply("dyke", "b1", "Does it hold in a storm?", Author="Anna Berg")
    site.post("odd", "A post.", title="Odd", date="2026-01-06 09:00", extra="Written-In: German")
    site.build()
    assert any("odd.md" in r.getMessage() and "Written-In: 'German' is no language tag" in r.getMessage()
               for r in caplog.records)
    for listing in ("index.html", "archives/index.html"):
        titles = {a.get_text(strip=True): a.get("lang") for a in site.page(listing).select("main a[href*='posts/']")
                  if a.get_text(strip=True) in ("Deichschau", "Dyke", "Odd")}
        assert titles == {"Deichschau": "de", "Dyke": None, "Odd": None}, listing
    anna = site.page("people/anna-berg/index.html")
    said = {p.get_text(strip=True): p.get("lang") for p in anna.select(".said-excerpt")}
    assert said == {"Und bei Eisgang?": "de", "Hält er auch bei Sturmflut?": "de", "Does it hold in a storm?": None}
    assert sorted(span.get_text() for span in anna.select(".said a span[lang=de]")) == ["“Deichschau”"] * 2
    assert {p.get_text(strip=True) for p in anna.select(".exchange-excerpt[lang=de]")} >= {"Und bei Eisgang?"}
    assert not anna.select(".exchange-excerpt:not([lang])")
    title = anna.select_one(".exchange-title")  # "Anna and Ben went back and forth ... on “Deichschau”"
    assert [span.get_text() for span in title.select("span[lang=de]")] == ["“Deichschau”"], title
    assert title.get_text().startswith("Anna and Ben went back and forth") and not title.get("lang")
    questions = site.page("conversations/questions/index.html")
    asked = {p.get_text(strip=True): p.get("lang") for p in questions.select(".question-text")}
    assert asked == {"Does it hold in a storm?": None}  # the German ones were answered
    assert not site.page("posts/odd/index.html").select("main [lang]")
