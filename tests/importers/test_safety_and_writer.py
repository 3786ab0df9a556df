"""Redaction, URL checks, one-line metadata, file formats, atomic and idempotent writing."""

from __future__ import annotations

import json

import pytest
from importers.model import ImportedPost, ImportedReply, Reaction
from importers.pipeline import check_records
from importers.safety import clean_name, has_private_data, one_line, redact, safe_url
from importers.site import PostIndex, normalize_url, read_post_metadata, scan_content
from importers.threads import Candidate, resolve_thread
from importers.writer import (
    merge_reactions,
    plan_files,
    render_post,
    render_reply,
    split_metadata,
    write_atomic,
)


@pytest.mark.parametrize("text", [
    "ada@example.org", "Ada.Park+blog@mail.example.co.uk", "192.0.2.7", "10.0.0.1",
    "2001:db8::8a2e:370:7334", "::ffff:82.119.20.0", "fe80:0:0:0:202:b3ff:fe1e:8329",
    "mailto:ben@example.net", "at 198.51.100.23.",
])
def test_private_data_is_found_and_redacted(text):
    assert has_private_data(text)
    assert not has_private_data(redact(text))


@pytest.mark.parametrize("text", [
    "10:15", "2020-03-04T10:15:00+01:00", "version 1.2.3", "std::vector", "x :: Int",
    "photo@2x.png", "@handle", "a.b.c", "#tag",
])
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text


def test_one_line_removes_every_line_break():
    value = one_line("Ada\r\nStatus: spam\x0bKind: pingback\x85x\u2028y\u2029z\x1cw\x00v")
    assert value.splitlines() == [value]
    assert "\n" not in value and "\x00" not in value


@pytest.mark.parametrize(("raw", "expected"), [
    ("Ping 1 &laquo; What&#8217;s a tellyworth?", "Ping 1 « What’s a tellyworth?"),
    ("&amp;laquo;Double&amp;raquo;", "«Double»"),
    ("<b>Bold</b> name", "Bold name"),
    ("gus@example.com", ""),
    ("  spaced\n  out  ", "spaced out"),
])
def test_clean_name(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize(("url", "ok"), [
    ("https://ada.example/", True), ("http://ben.example/blog/?x=1#y", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
    ("ftp://files.example/", False), ("mailto:a@example.org", False), ("//example.org/", False),
    ("http://192.0.2.1/", False), ("http://[2001:db8::1]/", False), ("http://u:p@example.org/", False),
    ("https://example.org/\nStatus: spam", False), ("https://exa mple.org/", False), ("", False), (None, False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_reply_metadata_cannot_inject_lines():
    reply = ImportedReply("p", "x-1", "2020-01-01T00:00:00+00:00", "test:1",
                          author="Eve\nStatus: spam\nReply-To: y", author_url="https://eve.example/\nKind: deleted",
                          body="Body line\nStatus: spam")
    meta, body = split_metadata(render_reply(reply))
    assert set(meta) == {"author", "date", "source-id"}
    assert meta["author"] == "Eve Status: spam Reply-To: y"
    assert "Status: spam" in body


def test_deleted_placeholder_has_no_author_or_body():
    text = render_reply(ImportedReply("p", "x-1", "2020-01-01", "test:1", kind="deleted", reply_to="x-0"))
    meta, body = split_metadata(text)
    assert meta == {"date": "2020-01-01", "reply-to": "x-0", "kind": "deleted", "source-id": "test:1"}
    assert body == ""


def test_post_values_are_escaped_and_body_cannot_end_early():
    post = ImportedPost("q-a", 'Q&A: "quotes" <b>', "2020-01-01", "<p>x</p></body></html><p>after</p>",
                        "test:post:1", "wordpress", author="Tom & Co", category="A, B", tags=["x;y", "", "Z"])
    text = render_post(post)
    assert '<meta name="title" content="Q&amp;A: &quot;quotes&quot; &lt;b&gt;">' in text
    assert '<meta name="author" content="Tom &amp; Co">' in text
    assert '<meta name="tags" content="x y, Z">' in text
    assert text.count("</body>") == 1 and "<p>after</p>" in text


def test_pelican_reads_the_post_file_exactly(tmp_path):
    """Pelican's own HTML reader gets back every value as it was."""
    from pelican.readers import HTMLReader
    from pelican.settings import DEFAULT_CONFIG

    post = ImportedPost("q-a", "Q&A: <tags> & titles", "2020-04-01T09:00:00+01:00", "<p>Body &amp; more</p>",
                        "wordpress:x:post:3", "wordpress", author="Tom & Co", category="Practice",
                        tags=["a", "b c"], original_url="http://x.example/q-a/")
    path = tmp_path / "q-a.html"
    path.write_text(render_post(post), encoding="utf-8")
    body, meta = HTMLReader(dict(DEFAULT_CONFIG)).read(str(path))
    assert meta["title"] == "Q&A: <tags> & titles"
    assert str(meta["author"]) == "Tom & Co" and str(meta["category"]) == "Practice"
    assert [str(t) for t in meta["tags"]] == ["a", "b c"]
    assert meta["slug"] == "q-a" and meta["original-url"] == "http://x.example/q-a/"
    assert body.strip() == "<p>Body &amp; more</p>"


def test_write_atomic_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a" / "b.md"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["b.md"]


def test_plan_actions(tmp_path):
    content = tmp_path / "content"
    reply = ImportedReply("p", "x-1", "2020-01-01", "test:1", author="Ada", body="Hi")
    planned, _ = plan_files(content, [], [reply], [])
    assert [f.action for f in planned] == ["create"]
    write_atomic(planned[0].path, planned[0].text)
    assert plan_files(content, [], [reply], [])[0][0].action == "unchanged"
    # Someone edits the imported file (e.g. hides the reply): kept, unless update.
    planned[0].path.write_text(planned[0].text.replace("Date:", "Status: hidden\nDate:"), encoding="utf-8")
    assert plan_files(content, [], [reply], [])[0][0].action == "kept"
    assert plan_files(content, [], [reply], [], update=True)[0][0].action == "update"
    # A hand-written file at the same path is never overwritten.
    planned[0].path.write_text("Author: Someone\nDate: 2020-01-01\n\nMine.\n", encoding="utf-8")
    assert plan_files(content, [], [reply], [], update=True)[0][0].action == "conflict"


def test_reply_imported_under_another_folder_is_not_written_again(tmp_path):
    content = tmp_path / "content"
    first = ImportedReply("old-slug", "x-1", "2020-01-01", "test:1", author="Ada", body="Hi")
    planned, _ = plan_files(content, [], [first], [])
    write_atomic(planned[0].path, planned[0].text)
    moved = ImportedReply("new-slug", "x-1", "2020-01-01", "test:1", author="Ada", body="Hi")
    planned, notes = plan_files(content, [], [moved], [])
    assert planned == [] and "already imported" in notes[0]


def test_reactions_merge_without_duplicates():
    new = [Reaction("p", "like", "Eli", "https://eli.example/1"), Reaction("p", "like", "Eli", "https://eli.example/1"),
           Reaction("p", "bookmark", "", "javascript:x")]
    once = merge_reactions(None, new)
    twice = merge_reactions(once, new)
    assert once == twice
    data = json.loads(once)
    assert data["like"] == [{"author": "Eli", "url": "https://eli.example/1"}]
    assert data["bookmark"] == [{}]
    existing = json.dumps({"like": [{"author": "Hand", "url": "https://hand.example/"}], "custom": [1]})
    merged = json.loads(merge_reactions(existing, new))
    assert [e["author"] for e in merged["like"]] == ["Hand", "Eli"] and merged["custom"] == [1]


def test_threading_rules():
    from importers.model import ImportReport

    def cand(rid, parent=None, keep=True, kind="reply", reason=""):
        reply = ImportedReply("p", rid, "2020-01-01", f"t:{rid}", author="A", kind=kind,
                              source_url="https://x.example/" if kind != "reply" else None)
        return Candidate(reply, parent=parent, keep=keep, skip_reason=reason)

    report = ImportReport("test", "src")
    out = resolve_thread([
        cand("a"), cand("b", "a"), cand("spam", None, keep=False, reason="spam"),
        cand("gone", "a", keep=False, reason="deleted"), cand("c", "gone"),
        cand("orphan", "missing"), cand("x", "y"), cand("y", "x"),
        cand("ping", kind="pingback"), cand("under-ping", "ping"), cand("dup"), cand("dup"),
    ], report, where="test")
    by_id = {r.reply_id: r for r in out}
    assert "spam" not in by_id and report.skipped["spam"] == 1
    assert by_id["gone"].kind == "deleted" and by_id["gone"].reply_to == "a" and by_id["c"].reply_to == "gone"
    assert by_id["orphan"].reply_to is None
    assert sorted([by_id["x"].reply_to or "", by_id["y"].reply_to or ""]) in (["", "x"], ["", "y"])  # cycle cut
    assert by_id["under-ping"].reply_to is None
    assert report.skipped["repeated reply id"] == 1
    ids = [r.reply_id for r in out]
    assert all(ids.index(r.reply_to) < ids.index(r.reply_id) for r in out if r.reply_to)
    check_records("test", [], out, [])


def test_scan_content_finds_slugs_and_urls(tmp_path, make_post):
    content = tmp_path / "content"
    make_post(content, "with-slug", "Some Title")
    make_post(content, None, "Derived From Title")
    (content / "imported" / "wordpress").mkdir(parents=True)
    (content / "imported" / "wordpress" / "w.html").write_text(
        '<html><head><title>W &amp; X</title><meta name="slug" content="w">'
        '<meta name="original-url" content="https://old.example/2020/w/">'
        '<meta name="source-id" content="wordpress:old.example:post:7"></head><body></body></html>')
    make_post(content, "reply-not-post", "R", folder="replies/x")
    index = scan_content(content)
    assert set(index.by_slug) == {"with-slug", "derived-from-title", "w"}
    assert index.find_url("http://www.old.example/2020/w").slug == "w"
    assert index.find_url("https://old.example/?p=7").slug == "w"
    assert index.find_url("https://new.example/posts/with-slug/").slug == "with-slug"
    assert index.find_url("https://new.example/posts/with-slug/", by_slug=False) is None
    assert read_post_metadata(content / "imported" / "wordpress" / "w.html")["title"] == "W & X"
    assert normalize_url("https://old.example/2020/w/index.html") == "old.example/2020/w"
    assert isinstance(PostIndex(), PostIndex)
