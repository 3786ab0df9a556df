"""Disqus XML import, with the hand-made export ``field-notes-disqus.xml``."""

from __future__ import annotations

import pytest
from importers import import_disqus

SOURCE = "disqus/field-notes-disqus.xml"


@pytest.fixture
def site_posts(content, make_post):
    # Matched by the thread link's last segment:
    make_post(content, "on-slow-reading", "On Slow Reading")
    # Matched by the thread identifier (its slug comes from the title, as in Pelican):
    make_post(content, None, "Notes on Noticing")
    return content


def test_threads_are_matched_and_threaded(fixtures, site_posts, replies, depth):
    report = import_disqus(fixtures / SOURCE, site_posts)
    slow = replies(site_posts, "on-slow-reading")
    assert sorted(slow) == ["disqus-5001", "disqus-5002", "disqus-5003", "disqus-5004", "disqus-5007"]
    assert sorted(replies(site_posts, "notes-on-noticing")) == ["disqus-6001"]
    meta = {rid: m for rid, (m, _) in slow.items()}
    assert meta["disqus-5002"]["reply-to"] == "disqus-5001"
    assert meta["disqus-5004"]["reply-to"] == "disqus-5003" and depth("disqus-5004", slow) == 4
    assert meta["disqus-5001"]["source-id"] == "disqus:5001"
    assert meta["disqus-5001"]["date"] == "2020-03-04T10:15:00+00:00"
    assert (report.threads, report.max_depth, report.replies) == (3, 4, 5)
    assert report.posts == 0 and report.posts_existing == 2


def test_deleted_comment_with_replies_keeps_its_place(fixtures, site_posts, replies):
    import_disqus(fixtures / SOURCE, site_posts)
    meta, body = replies(site_posts, "on-slow-reading")["disqus-5003"]
    assert meta == {"date": "2020-03-04T12:00:00+00:00", "reply-to": "disqus-5002", "kind": "deleted",
                    "source-id": "disqus:5003"}
    assert body == ""
    assert not any("removed by its author" in p.read_text() for p in (site_posts / "replies").rglob("*.md"))


def test_spam_deleted_and_unmatched_are_reported(fixtures, site_posts):
    report = import_disqus(fixtures / SOURCE, site_posts)
    assert report.skipped == {"spam comment": 1, "deleted comment": 1,
                              "comment on a thread that matches no post": 1,
                              "comment on a thread that is not in the export": 1}
    text = str(report)
    assert "http://old-host.example/2018/01/gone-for-good/" in text  # the unmatched thread's link
    assert "'999'" in text and "disqus-4242" in text
    assert not any("cheap watches" in p.read_text() for p in (site_posts / "replies").rglob("*.md"))


def test_names_text_and_private_data(fixtures, site_posts, replies, no_private_data):
    import_disqus(fixtures / SOURCE, site_posts)
    slow = replies(site_posts, "on-slow-reading")
    assert slow["disqus-5007"][0]["author"] == "fay_writes"  # username when there is no name
    assert "reply-to" not in slow["disqus-5007"][0]  # its parent 4242 is not in the export
    assert slow["disqus-5007"][1].startswith("<p>Plain text, no markup.<br />")
    no_private_data(site_posts, "ada@example.org", "198.51.100.7", "2001:db8::7:7:7")


def test_match_by_imported_post_original_url(fixtures, content):
    """Thread 200 links to ``?p=102`` on the old host: an imported post with that URL gets it."""
    folder = content / "imported" / "wordpress"
    folder.mkdir(parents=True)
    (folder / "noticing.html").write_text(
        '<html><head><title>N</title><meta name="slug" content="noticing-imported">'
        '<meta name="original-url" content="http://old-host.example/2020/02/notes-on-noticing/">'
        '<meta name="source-id" content="wordpress:old-host.example:post:102"></head><body></body></html>')
    import_disqus(fixtures / SOURCE, content)
    assert (content / "replies" / "noticing-imported" / "disqus-6001.md").exists()


def test_idempotent_and_dry_run(fixtures, site_posts, snap):
    dry = import_disqus(fixtures / SOURCE, site_posts, dry_run=True)
    assert not (site_posts / "replies").exists() and dry.actions()["create"] == 6
    import_disqus(fixtures / SOURCE, site_posts)
    before = snap(site_posts)
    again = import_disqus(fixtures / SOURCE, site_posts)
    assert snap(site_posts) == before and set(again.actions()) == {"unchanged"}


def test_wordpress_then_disqus_by_the_plugin_identifier(fixtures, content, tmp_path, replies):
    """The WordPress Disqus plugin's identifier is "<post id> <guid>": it finds the imported post."""
    from importers import import_wordpress

    import_wordpress(fixtures / "wordpress" / "field-notes.xml", content)
    export = tmp_path / "wp-disqus.xml"
    export.write_text("""<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><id>102 http://field.example/?p=102</id><link>https://moved.example/x/</link></thread>
  <post dsq:id="77"><message><![CDATA[<p>Found by id.</p>]]></message>
    <createdAt>2020-02-12T08:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Kim</name></author><thread dsq:id="1"/></post>
</disqus>
""", encoding="utf-8")
    import_disqus(export, content)
    assert "disqus-77" in replies(content, "notes-on-noticing")


def test_an_empty_site_is_told_to_bring_its_posts_in_first(fixtures, content, snap):
    """Comments are attached to posts that exist: without them the report says what to do."""
    report = import_disqus(fixtures / SOURCE, content)
    assert report.replies == 0 and snap(content) == {}
    assert len(report.todo) == 1
    todo = report.todo[0]
    assert todo.startswith("The content folder has no posts yet, so none of the ")
    assert "invoke import-wordpress EXPORT.xml" in todo and "then run this import again" in todo
    assert "Slug: on-slow-reading for " in todo
    assert "what to do:\n    - The content folder has no posts yet" in str(report)
