"""WordPress WXR import, with the hand-made export ``field-notes.xml``."""

from __future__ import annotations

import pytest
from importers import ImportFailed, import_wordpress
from importers.site import read_post_metadata

from .conftest import wxr

SOURCE = "wordpress/field-notes.xml"


@pytest.fixture
def imported(fixtures, content):
    report = import_wordpress(fixtures / SOURCE, content, pages="skip")
    return report, content


def test_report_counts(imported):
    report, _ = imported
    assert report.posts == 3
    assert report.replies == 12 and report.pending == 1
    assert report.placeholders == 1 and report.pingbacks == 2
    assert (report.threads, report.nested_threads, report.max_depth) == (6, 3, 4)
    assert report.by_post_author == 1
    assert report.skipped == {
        "spam comment": 1, "pingback without an http(s) source URL": 1, "page (pages skipped as asked)": 1,
        "comment on a skipped item": 1, "draft post (not published)": 1, "attachment (not a post)": 1,
        "password-protected post (its text would become public)": 1,
    }
    text = str(report)
    for expected in ("posts:      3 imported", "replies:    12 (1 pending", "pingbacks:  2",
                     "max depth 4", "spam comment", "wp-211 answers wp-999", "deleted placeholder"):
        assert expected in text


@pytest.mark.parametrize("pages", ["hidden", "posts"])
def test_pages_come_with_their_comments(fixtures, content, replies, pages):
    report = import_wordpress(fixtures / SOURCE, content, pages=pages)
    assert (report.posts, report.pages, report.replies) == (3, 1, 13)
    assert "pages:      1 imported as" in str(report)
    meta = read_post_metadata(content / "imported" / "wordpress" / "about.html")
    assert meta["title"] == "About" and meta.get("status") == ("hidden" if pages == "hidden" else None)
    assert list(replies(content, "about")) == ["wp-401"]


def test_posts(imported):
    _, content = imported
    folder = content / "imported" / "wordpress"
    assert sorted(p.name for p in folder.iterdir()) == ["notes-on-noticing.html", "on-slow-reading.html",
                                                          "q-and-a.html"]
    meta = read_post_metadata(folder / "on-slow-reading.html")
    assert meta["title"] == "On Slow Reading" and meta["slug"] == "on-slow-reading"
    assert meta["author"] == "Mira Okafor" and meta["category"] == "Practice"
    assert meta["tags"] == "reading, attention"
    assert meta["date"] == "2020-03-04T10:00:00+01:00"
    assert meta["original-url"] == "http://field.example/2020/03/on-slow-reading/"
    assert meta["source-id"] == "wordpress:field.example:post:101"
    body = (folder / "on-slow-reading.html").read_text(encoding="utf-8")
    assert "<p>Reading slowly is a practice, not a speed.<br/>" in body  # WordPress paragraphs
    # Links to other imported posts became internal links; the outside link did not.
    assert 'href="{filename}/imported/wordpress/notes-on-noticing.html#part-2"' in body
    assert 'href="{filename}/imported/wordpress/notes-on-noticing.html">the same notes, by id' in body
    assert 'href="https://elsewhere.example/essay/"' in body
    other = (folder / "notes-on-noticing.html").read_text(encoding="utf-8")
    assert 'href="{filename}/imported/wordpress/on-slow-reading.html"' in other  # a relative link
    assert read_post_metadata(folder / "notes-on-noticing.html")["author"] == "Tom & Co"
    assert read_post_metadata(folder / "q-and-a.html")["title"] == "Q&A: tags & titles"


def test_threading_and_statuses(imported, replies, depth):
    _, content = imported
    slow = replies(content, "on-slow-reading")
    assert sorted(slow) == ["wp-201", "wp-202", "wp-203", "wp-205", "wp-206", "wp-207", "wp-208", "wp-209",
                            "wp-210", "wp-211", "wp-213"]
    meta = {rid: m for rid, (m, _) in slow.items()}
    assert meta["wp-202"]["reply-to"] == "wp-201" and meta["wp-203"]["reply-to"] == "wp-202"
    assert depth("wp-203", slow) == 3
    assert meta["wp-207"]["status"] == "pending" and meta["wp-207"]["reply-to"] == "wp-201"
    # Trash with a reply below it: a placeholder keeps the reply's place.
    assert meta["wp-205"]["kind"] == "deleted" and "author" not in meta["wp-205"]
    assert slow["wp-205"][1] == "" and meta["wp-206"]["reply-to"] == "wp-205"
    assert "reply-to" not in meta["wp-211"]  # its parent is not in the export
    assert meta["wp-203"]["author"] == "Mira Okafor"  # the post author, recognised by user id
    assert all(m["source-id"] == f"wordpress:field.example:{rid[3:]}" for rid, m in meta.items())
    noticing = replies(content, "notes-on-noticing")
    assert depth("wp-304", noticing) == 4  # listed before its parents in the export


def test_pingbacks_and_trackbacks_are_links_not_replies(imported, replies):
    _, content = imported
    slow = replies(content, "on-slow-reading")
    ping, _ = slow["wp-208"]
    track, _ = slow["wp-209"]
    assert ping["kind"] == track["kind"] == "pingback"
    assert ping["source-url"] == "http://other.example/reply-post/"
    assert ping["author"] == "Other Blog » A reply post"  # entities decoded
    assert track["author"] == "Trackback “Quiet Pages”"
    assert "author-url" not in ping and "reply-to" not in ping


def test_private_data_and_unsafe_values(imported, replies, no_private_data):
    _, content = imported
    no_private_data(content, "ada@example.org", "198.51.100.7", "mira@field.example", "2001:db8::42:1")
    slow = replies(content, "on-slow-reading")
    assert "[email hidden]" in slow["wp-202"][1] and "[address hidden]" in slow["wp-202"][1]
    eve, _ = slow["wp-210"]
    assert eve["author"] == "Eve Status: spam Reply-To: wp-201"  # flattened, not injected
    assert "status" not in eve and "reply-to" not in eve and "author-url" not in eve  # javascript: dropped
    assert "author-url" not in slow["wp-211"][0]  # an IP address as host
    assert slow["wp-213"][0]["author"] == "Anonymous"  # the name was an email address


@pytest.mark.parametrize("uri", [
    "http://wordpress.org/export/1.0/", "https://wordpress.org/export/1.0/",
    "http://wordpress.org/export/1.1/", "https://wordpress.org/export/1.1/",
    "https://wordpress.org/export/1.2/",
])
def test_every_wxr_version_and_scheme_gives_the_same_files(fixtures, tmp_path, uri, snap):
    text = (fixtures / SOURCE).read_text(encoding="utf-8")
    variant = tmp_path / "variant.xml"
    variant.write_text(text.replace("http://wordpress.org/export/1.2/", uri), encoding="utf-8")
    import_wordpress(fixtures / SOURCE, tmp_path / "a")
    import_wordpress(variant, tmp_path / "b")
    assert snap(tmp_path / "a") == snap(tmp_path / "b")


def test_second_run_changes_nothing(fixtures, content, snap):
    import_wordpress(fixtures / SOURCE, content)
    before = snap(content)
    report = import_wordpress(fixtures / SOURCE, content)
    assert snap(content) == before
    assert {f.action for f in report.files} == {"unchanged"}
    assert "0 create, 0 update, 20 unchanged" in str(report)


def test_dry_run_writes_nothing_and_lists_files(fixtures, content):
    report = import_wordpress(fixtures / SOURCE, content, dry_run=True)
    assert list(content.iterdir()) == []
    text = str(report)
    assert text.startswith("Dry run (nothing written)")
    assert f"create    {content / 'replies' / 'on-slow-reading' / 'wp-201.md'}" in text
    assert f"create    {content / 'imported' / 'wordpress' / 'on-slow-reading.html'}" in text


def test_edited_imported_file_is_kept_unless_update(fixtures, content):
    import_wordpress(fixtures / SOURCE, content)
    path = content / "replies" / "on-slow-reading" / "wp-201.md"
    edited = path.read_text(encoding="utf-8") + "A line added here.\n"
    path.write_text(edited, encoding="utf-8")
    report = import_wordpress(fixtures / SOURCE, content)
    assert path.read_text(encoding="utf-8") == edited and report.actions()["kept"] == 1
    assert f"  files not written:\n    kept      {path}  (" in str(report)  # named, not only counted
    report = import_wordpress(fixtures / SOURCE, content, update=True)
    assert "A line added here." not in path.read_text(encoding="utf-8") and report.actions()["update"] == 1


def test_moderation_made_here_outlasts_importing_again(fixtures, content):
    """A reviewer found that importing the export again undid moderation: a hidden reply came back
    (--update dropped its Status line), an approved one went back to pending, and a reply deleted
    with reject --delete was written again. The Status given here stays and deletions are kept."""
    from replies.moderation import delete, entries, set_status

    import_wordpress(fixtures / SOURCE, content)
    folder = content / "replies" / "on-slow-reading"
    hidden, gone = folder / "wp-201.md", folder / "wp-202.md"
    pending = next(e.path for e in entries(content) if e.status == "pending")
    set_status(hidden, "hidden")
    set_status(pending, "published")
    delete(next(e for e in entries(content) if e.path == gone), content)
    for update in (False, True):
        report = import_wordpress(fixtures / SOURCE, content, update=update)
        assert "Status: hidden" in hidden.read_text(encoding="utf-8"), update
        assert "Status: published" in pending.read_text(encoding="utf-8"), update
        assert not gone.exists(), update
        assert report.actions().get("update", 0) == 0 and report.actions().get("kept", 0) == 0, report.actions()
        text = str(report)
        assert "2 replies keep the Status given here (invoke approve / reject), not the export's" in text
        assert "1 reply deleted here with invoke reject --delete not written again" in text
    # Taking the line out of the list lets the next import bring the reply back.
    ledger = content / "replies" / "deleted-sources.txt"
    ledger.write_text("\n".join(line for line in ledger.read_text(encoding="utf-8").splitlines()
                                if line.startswith("#")) + "\n", encoding="utf-8")
    import_wordpress(fixtures / SOURCE, content)
    assert gone.exists()


def test_post_already_converted_by_hand_gets_the_comments(fixtures, content, make_post, snap, replies):
    """A post converted earlier (e.g. by pelican-import) is not duplicated; comments attach to it."""
    hand = make_post(content, "on-slow-reading", "On Slow Reading (converted)")
    before = hand.read_bytes()
    report = import_wordpress(fixtures / SOURCE, content)
    assert hand.read_bytes() == before
    assert not (content / "imported" / "wordpress" / "on-slow-reading.html").exists()
    assert report.posts == 2 and report.posts_existing == 1
    assert "already in the content folder" in str(report)
    assert len(replies(content, "on-slow-reading")) == 11
    # Links to it point at the hand-written file.
    other = (content / "imported" / "wordpress" / "notes-on-noticing.html").read_text(encoding="utf-8")
    assert 'href="{filename}/posts/on-slow-reading.md"' in other


def test_slug_taken_by_another_import_is_not_mixed_up(fixtures, content, replies):
    folder = content / "imported" / "wordpress"
    folder.mkdir(parents=True)
    (folder / "notes-on-noticing.html").write_text(
        '<html><head><title>Other</title><meta name="slug" content="notes-on-noticing">'
        '<meta name="source-id" content="wordpress:other.example:post:5"></head><body></body></html>')
    report = import_wordpress(fixtures / SOURCE, content)
    assert report.skipped["post whose slug is taken by another imported post"] == 1
    assert not (content / "replies" / "notes-on-noticing").exists()
    assert "Other" in (folder / "notes-on-noticing.html").read_text()


def test_not_a_wxr_without_wordpress_namespace(tmp_path, content):
    source = tmp_path / "feed.xml"
    source.write_text('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title></item>'
                      "</channel></rss>", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"feed\.xml: not a WordPress export \(WXR\): no element"):
        import_wordpress(source, content)


def test_a_slug_made_of_a_title_or_an_id_holds_no_address(fixtures, content, tmp_path):
    """An export with no ``post_name``: the slug was made of the title, an address in it too
    (``hello-wptitleexampleorg``), in the post's file name, its replies folder and the report. A comment
    id that is an address made a reply file of it (``wp-10.0.0.1.md``)."""
    text = (fixtures / SOURCE).read_text(encoding="utf-8")
    title = "<title>Hello wp.title@example.org and release 1.2.3.4</title>"
    text = text.replace("<title>On Slow Reading</title>", title)
    text = text.replace("<wp:post_name>on-slow-reading</wp:post_name>", "<wp:post_name></wp:post_name>")
    first_comment = text.index("<wp:comment_id>", text.index("<title>Hello"))
    end = text.index("</wp:comment_id>", first_comment)
    text = text[:first_comment] + "<wp:comment_id>10.0.0.1" + text[end:]
    source = tmp_path / "export.xml"
    source.write_text(text, encoding="utf-8")
    report = import_wordpress(source, content, pages="skip")
    names = [p.relative_to(content).as_posix() for p in content.rglob("*")]
    # emails only, as the build reads a post's own words (a title's four numbers are a version)
    assert "imported/wordpress/hello-email-hidden-and-release-1234.html" in names, names
    assert not [n for n in names if "exampleorg" in n or "wptitle" in n or "10.0.0.1" in n or "10001" in n], names
    said = report.format(list_files=True)
    assert "exampleorg" not in said and "wptitle" not in said


def test_comments_find_a_post_whose_slug_the_build_hides(fixtures, content, tmp_path):
    """A post written by hand with no Slug and an email in its Title gets a neutral slug from the build
    (``letters-to-email-hidden-<day>``); the import files its comments there, not under the slug
    Pelican would have made (``letters-to-adaexampleorg``), a folder the build has no post for. A title
    with a version in it keeps it, as the build does."""
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "mail.md").write_text(
        "Title: Letters to ada@example.org\nDate: 2020-03-04 10:00\nOriginal-URL: http://field.example/2020/03/on-slow-reading/\n\n"
        "Letters.\n", encoding="utf-8")
    report = import_wordpress(fixtures / SOURCE, content, pages="skip")
    assert (content / "replies" / "letters-to-email-hidden-2020-03-04").is_dir(), report.format(list_files=True)
    assert not (content / "replies" / "letters-to-adaexampleorg").exists()


def _signed(comment_id: int, name: str, email: str, user_id: str = "") -> str:
    user = f"<wp:comment_user_id>{user_id}</wp:comment_user_id>" if user_id else ""
    return f"""
          <wp:comment>
            <wp:comment_id>{comment_id}</wp:comment_id>
            <wp:comment_author><![CDATA[{name}]]></wp:comment_author>
            <wp:comment_author_email>{email}</wp:comment_author_email>
            <wp:comment_date>2020-03-0{comment_id} 10:00:00</wp:comment_date>
            <wp:comment_date_gmt>2020-03-0{comment_id} 09:00:00</wp:comment_date_gmt>
            <wp:comment_content><![CDATA[Comment {comment_id}.]]></wp:comment_content>
            <wp:comment_approved>1</wp:comment_approved>
            <wp:comment_parent>0</wp:comment_parent>{user}
          </wp:comment>"""


def test_a_comment_under_the_authors_name_is_theirs_only_with_their_user_id_or_email(tmp_path, content, replies):
    """The author's comments carry their user id; one exported without it but with the email of those is
    the author's too; one with the name and another email is a visitor's ("Post-Author: no")."""

    item = f"""
        <wp:author><wp:author_id>3</wp:author_id><wp:author_login>mira</wp:author_login>
          <wp:author_display_name>Mira Okafor</wp:author_display_name></wp:author>
        <item>
          <title>On noticing</title><link>http://field.example/on-noticing/</link>
          <dc:creator>mira</dc:creator>
          <content:encoded><![CDATA[The post.]]></content:encoded>
          <wp:post_id>1</wp:post_id><wp:post_date>2020-03-01 10:00:00</wp:post_date>
          <wp:post_date_gmt>2020-03-01 09:00:00</wp:post_date_gmt><wp:post_name>on-noticing</wp:post_name>
          <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
          {_signed(2, "Mira Okafor", "mira@field.example", "3")}
          {_signed(3, "Mira Okafor", "Mira@Field.example ")}
          {_signed(4, "Mira Okafor", "someone@else.example")}
          {_signed(5, "Mira Okafor", "")}
        </item>"""
    export = tmp_path / "export.xml"
    export.write_text(wxr(item), encoding="utf-8")
    report = import_wordpress(export, content)
    found = replies(content, "on-noticing")
    assert {rid: meta.get("post-author") for rid, (meta, _) in found.items()} == {
        "wp-2": None, "wp-3": None, "wp-4": "no", "wp-5": "no"}
    assert report.by_post_author == 2
    assert all(meta["author"] == "Mira Okafor" for meta, _ in found.values())


def test_a_blog_in_another_language_marks_its_posts_so(tmp_path, content):
    """The channel's ``<language>`` (a blog's "Site Language") marks each post as written in it, unless English."""
    item = """\
        <item><title>Über das langsame Lesen</title><link>http://field.example/?p=5</link>
        <content:encoded><![CDATA[Ein Satz.]]></content:encoded>
        <wp:post_id>5</wp:post_id><wp:post_date>2020-03-04 10:00:00</wp:post_date>
        <wp:post_name>langsam</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
        </item>
        """
    for language, expected in (("de-DE", "de"), ("en-US", None), ("", None)):
        source = tmp_path / f"export-{language}.xml"
        source.write_text(wxr(item).replace("<channel>\n", f"<channel>\n<language>{language}</language>\n"),
                          encoding="utf-8")
        import_wordpress(source, content, pages="skip", update=True)
        meta = read_post_metadata(content / "imported" / "wordpress" / "langsam.html")
        assert meta.get("written-in") == expected, language
