"""Webmention import: a saved jf2 file, and the webmention.io API served on 127.0.0.1."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from importers import ImportFailed, fetch_webmentions, import_webmention, import_webmention_api

SOURCE = "webmention/field-notes.jf2.json"


@pytest.fixture
def site_posts(content, make_post):
    make_post(content, "on-slow-reading", "On Slow Reading")
    make_post(content, "notes-on-noticing", "Notes on Noticing")
    return content


def test_replies_mentions_and_reactions(fixtures, site_posts, replies):
    report = import_webmention(fixtures / SOURCE, site_posts)
    slow = replies(site_posts, "on-slow-reading")
    assert sorted(slow) == ["wm-9001", "wm-9002", "wm-9003"]
    meta = {rid: m for rid, (m, _) in slow.items()}
    # wm-9002 answers wm-9001's own URL; wm-9003 targets wm-9002's anchor on this site.
    assert "reply-to" not in meta["wm-9001"]
    assert meta["wm-9002"]["reply-to"] == "wm-9001" and meta["wm-9003"]["reply-to"] == "wm-9002"
    assert meta["wm-9001"]["source-id"] == "webmention.io:9001"
    assert meta["wm-9001"]["source-url"] == "https://ada.example/notes/2020/03/slow"
    assert meta["wm-9001"]["author-url"] == "https://ada.example/"
    assert "author-url" not in meta["wm-9002"]  # javascript: dropped
    assert meta["wm-9003"]["date"] == "2020-03-06T07:00:00+00:00"  # published null: wm-received
    assert slow["wm-9001"][1].startswith("<p>#slowreading")  # HTML, not a Markdown heading
    noticing = replies(site_posts, "notes-on-noticing")
    mention, text = noticing["wm-9004"]
    assert mention["kind"] == "mention" and mention["source-url"] == "https://dee.example/links/march"
    assert "Good links" in text
    reactions = json.loads((site_posts / "replies" / "on-slow-reading" / "reactions.json").read_text())
    assert [e["author"] for e in reactions["like"]] == ["Eli", "Fay"]  # the repeated like once
    assert reactions["repost"] == [{"author": "Gus", "url": "https://social.example/@gus/7"}]
    other = json.loads((site_posts / "replies" / "notes-on-noticing" / "reactions.json").read_text())
    assert other["bookmark"] == [{"author": "Hal", "url": "https://hal.example/bookmarks/1"}]
    assert (report.replies, report.mentions, report.max_depth) == (3, 1, 3)
    assert dict(report.reactions) == {"like": 2, "repost": 1, "bookmark": 1}
    assert report.skipped == {"private webmention": 1, "webmention of type 'rsvp'": 1,
                              "webmention of a site's home page, not a post": 1}
    assert "https://fieldnotes.example/ matches no post" in str(report)
    assert not any("Only for you" in p.read_text() for p in (site_posts / "replies").rglob("*.*"))


def test_private_data(fixtures, site_posts, no_private_data):
    import_webmention(fixtures / SOURCE, site_posts)
    no_private_data(site_posts, "ada@example.org")


def test_idempotent_reactions_and_replies(fixtures, site_posts, snap):
    import_webmention(fixtures / SOURCE, site_posts)
    before = snap(site_posts)
    report = import_webmention(fixtures / SOURCE, site_posts)
    assert snap(site_posts) == before and set(report.actions()) == {"unchanged"}


def test_reactions_merge_with_a_hand_written_file(fixtures, site_posts):
    path = site_posts / "replies" / "on-slow-reading" / "reactions.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"like": [{"author": "Old friend", "url": "https://old.example/"}]}))
    import_webmention(fixtures / SOURCE, site_posts)
    likes = json.loads(path.read_text())["like"]
    assert [e["author"] for e in likes] == ["Old friend", "Eli", "Fay"]


def _api(local_server, fixtures, token="s3cret-token", per_page_seen=None):
    entries = json.loads((fixtures / SOURCE).read_text())["children"]

    def respond(path):
        query = parse_qs(urlsplit(path).query)
        if query.get("token") != [token]:
            return 401, "application/json", b'{"error": "forbidden"}'
        per_page, page = int(query["per-page"][0]), int(query["page"][0])
        if per_page_seen is not None:
            per_page_seen.append((per_page, page, query.get("domain")))
        chunk = entries[page * per_page:(page + 1) * per_page]
        body = json.dumps({"type": "feed", "name": "Webmentions", "children": chunk}).encode()
        return 200, "application/json", body

    local_server.route("/api/mentions.jf2", respond)


def test_api_with_token_and_pages(fixtures, site_posts, local_server, snap, tmp_path, make_post):
    seen = []
    _api(local_server, fixtures, per_page_seen=seen)
    entries = fetch_webmentions("s3cret-token", base_url=local_server.url, per_page=5, domain="fieldnotes.example")
    assert len(entries) == 12 and [p for _, p, _ in seen] == [0, 1, 2]
    assert all(d == ["fieldnotes.example"] for _, _, d in seen)
    report = import_webmention_api("s3cret-token", site_posts, base_url=local_server.url)
    assert report.replies == 3 and "s3cret-token" not in str(report)
    from_file = tmp_path / "from-file"
    make_post(from_file, "on-slow-reading", "On Slow Reading")
    make_post(from_file, "notes-on-noticing", "Notes on Noticing")
    import_webmention(fixtures / SOURCE, from_file)
    assert snap(site_posts) == snap(from_file)


def test_api_errors_never_show_the_token(fixtures, content, local_server, monkeypatch):
    _api(local_server, fixtures)
    with pytest.raises(ImportFailed) as failure:
        import_webmention_api("wrong-token", content, base_url=local_server.url)
    assert "HTTP 401" in str(failure.value) and "wrong-token" not in str(failure.value)
    monkeypatch.delenv("WEBMENTION_IO_TOKEN", raising=False)
    with pytest.raises(ImportFailed, match="a token is needed"):
        import_webmention_api(None, content, base_url=local_server.url)
    monkeypatch.setenv("WEBMENTION_IO_TOKEN", "s3cret-token")
    assert import_webmention_api(None, content, base_url=local_server.url, dry_run=True).replies == 0
    with pytest.raises(ImportFailed, match="must be an http"):
        fetch_webmentions("x", base_url="file:///etc")
    assert list(content.iterdir()) == []


def test_an_empty_site_is_told_to_bring_its_posts_in_first(fixtures, content, snap, make_post):
    report = import_webmention(fixtures / SOURCE, content)
    assert snap(content) == {} and report.replies == 0
    assert report.todo == [
        "The content folder has no posts yet, so none of the 8 webmention(s) could be attached: they are "
        "attached to posts that exist. Import the blog's posts first (invoke import-wordpress EXPORT.xml with "
        "the blog's WordPress export, or invoke import-html for saved post pages), or write them (a post whose "
        "Slug is the last part of its address, e.g. Slug: notes-on-noticing for "
        "https://fieldnotes.example/posts/notes-on-noticing/), then run this import again. Or run it with "
        "--create-posts to create a minimal post for each address."]
    assert "  what to do:\n    - The content folder has no posts yet" in str(report)
    # One post there, the other missing: the report names the missing ones only.
    make_post(content, "on-slow-reading", "On Slow Reading")
    report = import_webmention(fixtures / SOURCE, content)
    assert report.replies == 3 and len(report.todo) == 1
    assert report.todo[0].startswith("2 webmention(s) are for posts that are not in the content folder")
    # With every post there, nothing is left to do (the home page's mention is only noted).
    make_post(content, "notes-on-noticing", "Notes on Noticing")
    assert import_webmention(fixtures / SOURCE, content).todo == []


def test_create_posts_gives_each_target_a_minimal_post(fixtures, content, snap, replies, tmp_path):
    report = import_webmention(fixtures / SOURCE, content, create_posts=True)
    made = content / "imported" / "webmention"
    assert sorted(p.name for p in made.iterdir()) == ["notes-on-noticing.html", "on-slow-reading.html"]
    post = (made / "on-slow-reading.html").read_text()
    assert "<title>On slow reading</title>" in post
    assert '<meta name="date" content="2020-03-05T09:00:00+01:00">' in post  # the earliest webmention
    assert '<meta name="original-url" content="https://fieldnotes.example/posts/on-slow-reading/">' in post
    assert "This page stands in for a post published at" in post and "made from its address" in post
    assert sorted(replies(content, "on-slow-reading")) == ["wm-9001", "wm-9002", "wm-9003"]
    assert (report.posts, report.posts_existing, report.replies, report.mentions) == (2, 0, 3, 1)
    assert report.todo == [] and report.skipped["webmention of a site's home page, not a post"] == 1  # the home page
    assert "post 'on-slow-reading' created for https://fieldnotes.example/posts/on-slow-reading/" in str(report)
    # it has no author: the report says whom the site will show, until one is added
    assert '<meta name="author"' not in post and "and add its author (until then the site shows the AUTHOR" \
        in str(report)
    before = snap(content)
    again = import_webmention(fixtures / SOURCE, content, create_posts=True)
    assert snap(content) == before and again.posts == 0 and again.posts_existing == 2
    # A real build shows the created post with its replies and its note.
    from bs4 import BeautifulSoup
    from sitebuild import build_site

    build_site(content, tmp_path / "output", REPLIES_STRICT=True)
    page = BeautifulSoup((tmp_path / "output/posts/on-slow-reading/index.html").read_text(), "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "On slow reading"
    said = " ".join(page.get_text().split())
    assert "This page stands in for a post published at https://fieldnotes.example/posts/on-slow-reading/: " \
           "other sites answered it, linked to it or liked it, as shown below" in said
    assert "(its title here is made from its address)" in said
    assert {li["id"] for li in page.select("li[id^=reply-wm-]")} == {"reply-wm-9001", "reply-wm-9002",
                                                                    "reply-wm-9003"}


def _reply_entry(wm_id: int) -> dict:
    return {"type": "entry", "wm-id": wm_id, "wm-property": "in-reply-to",
            "wm-target": "https://fieldnotes.example/posts/on-slow-reading/",
            "in-reply-to": "https://fieldnotes.example/posts/on-slow-reading/",
            "published": "2020-03-05T09:00:00Z", "author": {"name": "Ada"}, "content": {"text": "Slowly."}}


def test_entries_that_are_not_objects_are_named_by_position(site_posts, tmp_path, replies):
    source = tmp_path / "odd.jf2.json"
    source.write_text(json.dumps({"type": "feed", "children": [
        "a string child", _reply_entry(1), 42, None, [1, 2], True, _reply_entry(2)]}), encoding="utf-8")
    report = import_webmention(source, site_posts)
    assert sorted(replies(site_posts, "on-slow-reading")) == ["wm-1", "wm-2"]
    assert report.skipped == {"jf2 entry that is not an object": 5}
    note = next(n for n in report.notes if "not being objects" in n)
    assert note.startswith("odd.jf2.json: 5 of 7 entries left out")
    assert note.endswith('entry 1 is a string ("a string child"); entry 3 is a number (42); entry 4 is null; '
                         "entry 5 is a list ([1, 2]); entry 6 is true")
    assert note in str(report)


def test_api_page_with_an_entry_that_is_not_an_object_is_a_full_page(local_server):
    """A page of ``per_page`` entries, one of them not an object, is not the last page."""
    pages = [[_reply_entry(1), "junk"], [_reply_entry(2)]]

    def respond(path):
        page = int(parse_qs(urlsplit(path).query)["page"][0])
        body = {"type": "feed", "children": pages[page] if page < len(pages) else []}
        return 200, "application/json", json.dumps(body).encode()

    local_server.route("/api/mentions.jf2", respond)
    entries = fetch_webmentions("token", base_url=local_server.url, per_page=2)
    assert entries == [*pages[0], *pages[1]]  # the second page was asked for


def test_a_created_post_is_credited_to_the_site_s_owner_where_the_webmentions_show_them(content, tmp_path):
    """A webmention capture is of one's own site: "Going solo eleventy", created from the mentions of
    brycewray.com, was credited to the AUTHOR of pelicanconf.py, and Bryce Wray's own answers under it
    were counted as answering them. Whom the address names (Bryce Wray of brycewray.com), or whose own
    address is on the same site, is its writer; where nobody or several people are, it has none."""
    def entry(wm_id, author, target, **more):
        return {"type": "entry", "wm-id": wm_id, "wm-property": "in-reply-to", "wm-target": target,
                "published": f"2020-05-0{wm_id}T09:00:00Z", "author": author, "content": {"text": "Yes."},
                **more}

    solo, other = "https://brycewray.com/posts/2020/05/going-solo/", "https://ann.example/notes/tea/"
    source = tmp_path / "mentions.jf2.json"
    source.write_text(json.dumps({"type": "feed", "children": [
        entry(1, {"name": "Jim Fisk", "url": "https://jimfisk.example/"}, solo),
        entry(2, {"name": "Bryce Wray", "url": "https://twitter.com/BryceWrayTX"}, solo),
        entry(3, {"name": "Ann Lee", "url": "https://ann.example/about/"}, other),
        entry(4, {"name": "Bob", "url": "https://bob.example/"}, "https://nobody.example/posts/x/"),
    ]}), encoding="utf-8")
    report = import_webmention(source, content, create_posts=True)
    made = content / "imported" / "webmention"
    assert '<meta name="author" content="Bryce Wray">' in (made / "going-solo.html").read_text()
    assert '<meta name="author" content="Ann Lee">' in (made / "tea.html").read_text()
    assert '<meta name="author"' not in (made / "x.html").read_text()
    said = str(report)
    assert "post 'going-solo' created for " in said and "credited to Bryce Wray, whose name is the site's address" \
        in said
    assert "credited to Ann Lee, whose own address is on the same site" in said
    assert "and add its author (until then the site shows the AUTHOR" in said  # for x, whose writer is unknown
