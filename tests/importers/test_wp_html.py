"""Saved WordPress post pages: core HTML5, Twenty Twelve, legacy HTML4 (and Twenty Ten) markup,
from a file or from a URL (served on 127.0.0.1)."""

from __future__ import annotations

import pytest
from importers import ImportFailed, import_html
from importers.site import read_post_metadata

# file, slug, title, author, date, category, tags, comment ids with their parents, by-author id,
# pingback id, pending id
CASES = {
    "core-html5": dict(
        slug="walking-as-method", title="Walking as Method", author="Lena Brandt",
        date="2021-05-02T10:30:00+02:00", category="Practice", tags="walking, method",
        parents={"wp-11": None, "wp-12": "wp-11", "wp-13": "wp-12", "wp-15": None},
        by_author="wp-12", ping=("wp-14", "https://walkers.example/on-method/", "On Method « Walkers"),
        pending="wp-13", depth=3,
    ),
    "twentytwelve": dict(
        slug="margins-of-a-notebook", title="Margins of a Notebook", author="Jo Marsh",
        date="2013-01-09T18:45:00+01:00", category="Notebooks", tags=None,
        parents={"wp-31": None, "wp-32": "wp-31", "wp-33": "wp-32", "wp-35": None},
        by_author="wp-32", ping=("wp-34", "http://inkwell.example/2013/01/marginalia/", "Marginalia | Inkwell"),
        pending=None, depth=3,
    ),
    "legacy-html4": dict(
        slug="the-long-letter", title="The Long Letter", author="Nell Avery",
        date="2008-06-14 00:00:00", category="Letters", tags=None,
        parents={"wp-101": None, "wp-102": "wp-101", "wp-103": "wp-102"},
        by_author="wp-102", ping=("wp-104", "http://postbox.example/2008/06/letters/", "Letters, again « Postbox"),
        pending=None, depth=3,
    ),
    "twentyten": dict(
        slug="old-habits", title="Old Habits", author="Walt Keane",
        date="2009-11-21T16:05:00-05:00", category="Habits", tags="time",
        parents={"wp-5": None, "wp-6": "wp-5", "wp-8": None},
        by_author="wp-6", ping=(None, "http://habits.example/links/", "Links for the week « Habit Notes"),
        pending=None, depth=2,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_saved_page(fixtures, content, replies, depth, no_private_data, name):
    case = CASES[name]
    report = import_html(fixtures / "html" / f"{name}.html", content)
    post_file = content / "imported" / "wordpress" / f"{case['slug']}.html"
    meta = read_post_metadata(post_file)
    assert meta["title"] == case["title"] and meta["author"] == case["author"]
    assert meta["date"] == case["date"] and meta["category"] == case["category"]
    assert meta.get("tags") == case["tags"]
    body = post_file.read_text(encoding="utf-8")
    assert "<script" not in body and "Share this" not in body and "comment-list" not in body

    found = replies(content, case["slug"])
    threaded = {rid: m.get("reply-to") for rid, (m, _) in found.items() if m.get("kind") != "pingback"}
    assert threaded == case["parents"]
    assert max(depth(rid, found) for rid in threaded) == case["depth"] == report.max_depth
    assert found[case["by_author"]][0]["author"] == case["author"]  # bypostauthor
    assert report.by_post_author == 1
    pings = [m for m, _ in found.values() if m.get("kind") == "pingback"]
    assert len(pings) == 1 and report.pingbacks == 1
    ping_id, ping_url, ping_name = case["ping"]
    assert pings[0]["source-url"] == ping_url and pings[0]["author"] == ping_name
    if ping_id:
        assert found[ping_id][0]["kind"] == "pingback"
    statuses = {rid: m.get("status", "published") for rid, (m, _) in found.items()}
    assert [rid for rid, s in statuses.items() if s == "pending"] == ([case["pending"]] if case["pending"] else [])
    for rid, (_meta, text) in found.items():
        assert "says:" not in text and "Reply" not in text and "avatar" not in text, rid
    no_private_data(content)


def test_comment_details(fixtures, content, replies):
    import_html(fixtures / "html" / "core-html5.html", content)
    found = replies(content, "walking-as-method")
    omar, text = found["wp-11"]
    assert omar["author-url"] == "https://omar.example/" and omar["date"] == "2021-05-02T12:00:00+00:00"
    assert omar["source-id"] == "wordpress:quiet.example:11"
    assert text.startswith("<p>#walking is my method too.</p>")  # HTML, never a Markdown heading
    assert "[address hidden]" in text
    assert "author-url" not in found["wp-15"][0]  # javascript: link dropped
    legacy = import_html(fixtures / "html" / "legacy-html4.html", content)
    otto, text = replies(content, "the-long-letter")["wp-101"]
    assert otto["date"] == "2008-06-15 09:30:00"  # a date shown only as text
    assert "Mostly unanswered." in text and "[email hidden]" in text
    assert legacy.notes == []


def test_same_ids_as_the_wxr_importer(fixtures, content):
    """A saved page and an export of the same blog name comments the same way."""
    import_html(fixtures / "html" / "core-html5.html", content)
    text = (content / "replies" / "walking-as-method" / "wp-12.md").read_text(encoding="utf-8")
    assert "Source-Id: wordpress:quiet.example:12" in text


def test_from_a_url(fixtures, content, local_server, snap):
    page = (fixtures / "html" / "twentytwelve.html").read_bytes()
    local_server.route("/2013/01/09/margins-of-a-notebook/", (200, "text/html; charset=utf-8", page))
    url = f"{local_server.url}/2013/01/09/margins-of-a-notebook/"
    from_url = import_html(url, content)
    assert from_url.source == url and from_url.posts == 1 and from_url.replies == 4
    import_html(fixtures / "html" / "twentytwelve.html", content.parent / "other")
    assert snap(content) == snap(content.parent / "other")
    assert local_server.requests == ["/2013/01/09/margins-of-a-notebook/"]


def test_url_errors(content, local_server):
    with pytest.raises(ImportFailed, match=r"/missing: the server answered HTTP 404"):
        import_html(f"{local_server.url}/missing", content)
    local_server.route("/empty", (200, "text/html", b"<html><body><p>Nothing here</p></body></html>"))
    with pytest.raises(ImportFailed, match="no WordPress post found"):
        import_html(f"{local_server.url}/empty", content)
    with pytest.raises(ImportFailed, match="cannot read"):
        import_html("file:///etc/hostname", content)
    assert list(content.iterdir()) == []


def test_idempotent(fixtures, content, snap):
    import_html(fixtures / "html" / "core-html5.html", content)
    before = snap(content)
    report = import_html(fixtures / "html" / "core-html5.html", content)
    assert snap(content) == before and set(report.actions()) == {"unchanged"}


def test_links_to_posts_imported_before_become_internal(fixtures, content):
    earlier = content / "imported" / "wordpress" / "sitting-still.html"
    earlier.parent.mkdir(parents=True)
    earlier.write_text('<html><head><title>Sitting Still</title><meta name="slug" content="sitting-still">'
                       '<meta name="original-url" content="https://quiet.example/2021/04/sitting-still/">'
                       '<meta name="source-id" content="wordpress:quiet.example:post:70"></head><body></body></html>')
    report = import_html(fixtures / "html" / "core-html5.html", content)
    body = (content / "imported" / "wordpress" / "walking-as-method.html").read_text(encoding="utf-8")
    assert 'href="{filename}/imported/wordpress/sitting-still.html"' in body and report.links_rewritten == 1
