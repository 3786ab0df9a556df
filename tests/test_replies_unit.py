"""Reader, threading and sanitizing of replies, one rule at a time, without a Pelican build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from replies.model import RepliesError
from replies.privacy import redact, safe_url
from replies.problems import Problems
from replies.reader import read_reactions, read_reply
from replies.sanitize import clean_html, render_body
from replies.settings import DEFAULTS
from replies.threads import build_threads

SETTINGS = {**DEFAULTS, "TIMEZONE": "Europe/Berlin"}


def write(tmp_path: Path, name: str, text: str, post: str = "p") -> Path:
    path = tmp_path / post / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path, name, text, post="p", legacy=False):
    problems = Problems(strict=False)
    reply = read_reply(write(tmp_path, name, text, post), post, SETTINGS, problems, legacy=legacy)
    return reply, problems


# -- reader -----------------------------------------------------------------------
def test_reads_every_field(tmp_path):
    reply, problems = read(tmp_path, "ada-1.md", "Author: Ada Park\nDate: 2026-03-04 10:15\nReply-To: ben-2\n"
                           "Author-URL: https://ada.example/\nStatus: published\n\nHello *there*.\n")
    assert problems.errors == problems.warnings == []
    assert (reply.id, reply.author, reply.reply_to, reply.author_url) == ("ada-1", "Ada Park", "ben-2",
                                                                          "https://ada.example/")
    assert reply.date == dt.datetime(2026, 3, 4, 10, 15, tzinfo=reply.date.tzinfo)
    assert str(reply.date.tzinfo) == "Europe/Berlin"
    assert str(reply.body_html) == "<p>Hello <em>there</em>.</p>"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Date: 2026-01-01\n\nHi", "missing required metadata 'Author'"),
        ("Author: A\n\nHi", "missing required metadata 'Date'"),
        ("Author: A\nDate: the third of never\n\nHi", "cannot parse Date 'the third of never'"),
        ("Author: A\nDate: 2026-01-01\nStatus: maybe\n\nHi", "unknown Status 'maybe'"),
        ("Author: A\nDate: 2026-01-01\nKind: like\n\nHi", "unknown Kind 'like'"),
        ("Author: A\nDate: 2026-01-01\nReply-To: a/b/c\n\nHi", "Reply-To 'a/b/c' is not"),
        ("Author: A\nDate: 2026-01-01\nKind: pingback\n\nHi", "needs a Source-URL"),
        ("Author: A\nDate: 2026-01-01\nKind: mention\nSource-URL: https://x.example/log/192.0.2.1-192.0.2.9\n\nHi",
         "needs a Source-URL it can link to, and [a value with an email or IP address] cannot be"),
        # a date the build would have to guess: day and month either way round, no year, no day
        ("Author: A\nDate: 04/03/2026 10h15\n\nHi", "could be 3 April 2026 or 4 March 2026"),
        ("Author: A\nDate: March 4\n\nHi", "has no year"),
        ("Author: A\nDate: March 2026\n\nHi", "has no day or no month"),
        # ISO 8601, but no day of the calendar: said so, not "use ISO 8601"
        ("Author: A\nDate: 2026-02-30 10:15\n\nHi", "Date '2026-02-30 10:15' is no day of the calendar: "
                                                   "February 2026 has 28 days"),
        ("Author: A\nDate: 2026-13-01\n\nHi", "Date '2026-13-01' is no day of the calendar: "
                                              "there is no month 13"),
        ("Author: A\nDate: 2026-03-04 25:00\n\nHi", "Date '2026-03-04 25:00' has no such time of day"),
    ],
)
def test_bad_input_is_an_error_naming_the_file(tmp_path, text, message):
    reply, problems = read(tmp_path, "bad.md", text)
    assert reply is None
    assert len(problems.errors) == 1
    assert problems.errors[0].startswith(str(tmp_path / "p" / "bad.md") + ": ")
    assert message in problems.errors[0]


@pytest.mark.parametrize("written", ["4 March 2026 10:15", "13/03/2026 10:15", "Mar 4, 2026 10:15 am"])
def test_a_plain_date_that_is_not_iso_is_read_with_a_warning_saying_how(tmp_path, written):
    reply, problems = read(tmp_path, "d.md", f"Author: A\nDate: {written}\n\nHi")
    day = 13 if written.startswith("13") else 4
    assert (reply.date.year, reply.date.month, reply.date.day, reply.date.hour) == (2026, 3, day, 10)
    assert not problems.errors and len(problems.warnings) == 1
    assert f"is not ISO 8601; read as {day} March 2026, 10:15: write it as 2026-03-{day:02d} 10:15" in \
        problems.warnings[0]


def test_a_shown_reply_still_holding_the_placeholder_or_an_address_is_a_warning(tmp_path):
    """The page hides the address and would show the placeholder: the build says so (and a strict
    build stops), since the file itself is public in the repository."""
    reply, problems = read(tmp_path, "w.md", "Author: A\nDate: 2026-01-01\n\nWrite your reply here.")
    assert reply is not None and len(problems.warnings) == 1
    assert "still holds the template's placeholder" in problems.warnings[0]
    reply, problems = read(tmp_path, "m.md", "Author: A\nDate: 2026-01-01\n\nMail ada@example.org from 192.0.2.7.")
    assert "ada@example.org" not in reply.body_html and len(problems.warnings) == 1
    assert "the text holds an email address and an IP address: hidden on the page" in problems.warnings[0]
    # an imported reply, already redacted, and a pending one are not warned about
    reply, problems = read(tmp_path, "i.md", "Author: A\nDate: 2026-01-01\n\nMail [email hidden].")
    assert reply is not None and not problems.warnings
    reply, problems = read(tmp_path, "p.md", "Author: A\nDate: 2026-01-01\nStatus: pending\n\nMail a@ex.org.")
    assert not problems.warnings


def test_empty_body_is_a_warning_and_the_reply_is_kept(tmp_path):
    reply, problems = read(tmp_path, "e.md", "Author: A\nDate: 2026-01-01\n\n   \n")
    assert reply is not None and problems.errors == []
    assert problems.warnings == [f"{tmp_path / 'p' / 'e.md'}: empty body"]


def test_unsafe_author_url_is_dropped_with_a_warning(tmp_path):
    reply, problems = read(tmp_path, "u.md", "Author: A\nDate: 2026-01-01\nAuthor-URL: javascript:alert(1)\n\nHi")
    assert reply.author_url is None
    assert "Author-URL 'javascript:alert(1)' dropped" in problems.warnings[0]


def test_private_data_never_survives_in_author_or_body(tmp_path):
    reply, _ = read(tmp_path, "x.md", "Author: Ada ada@example.org\nDate: 2026-01-01\n\n"
                    "Write to ada@example.org, I am at 203.0.113.9 or 2001:db8::7. [me](mailto:ada@example.org)")
    published = reply.author + str(reply.body_html)
    for secret in ("ada@example.org", "203.0.113.9", "2001:db8::7", "mailto:"):
        assert secret not in published
    assert "[email hidden]" in published and "[address hidden]" in published


def test_comment_system_layout_ids_and_keys(tmp_path):
    reply, problems = read(tmp_path, "1.md", "author: Bea\ndate: 2014-03-29 12:00\nreplyto: 0md\n"
                           "website: https://bea.example/\n\nA comment.", legacy=True)
    assert problems.errors == []
    assert (reply.id, reply.reply_to, reply.author_url, reply.legacy) == ("1md", "0md", "https://bea.example/", True)
    named, _ = read(tmp_path, "x.md", "author: C\ndate: 2014-03-29\nslug: custom\n\nHi", legacy=True)
    assert named.id == "custom"


def test_reply_file_name_must_be_a_safe_id(tmp_path):
    reply, problems = read(tmp_path, "bad id!.md", "Author: A\nDate: 2026-01-01\n\nHi")
    assert reply is None and "reply id 'bad id!'" in problems.errors[0]


def test_reactions_are_read_and_checked(tmp_path):
    path = write(tmp_path, "reactions.json", '{"like": [{"author": "L", "url": "javascript:x"}, {}], '
                 '"repost": [{"author": "R", "url": "https://r.example/"}], "boost": []}')
    problems = Problems(strict=False)
    reactions = read_reactions(path, problems)
    assert (len(reactions.like), len(reactions.repost), reactions.total) == (2, 1, 3)
    assert reactions.like[0]["url"] is None and reactions.repost[0]["url"] == "https://r.example/"
    assert "unknown reaction 'boost'" in problems.warnings[0]


# -- threading --------------------------------------------------------------------
def make(tmp_path, post, rid, date, reply_to=None, status="published", author="Ada"):
    head = f"Author: {author}\nDate: {date}\n" + (f"Reply-To: {reply_to}\n" if reply_to else "")
    head += f"Status: {status}\n"
    reply, problems = read(tmp_path, f"{rid}.md", head + "\nBody of " + rid, post)
    assert reply is not None, problems.errors
    return reply


def test_unlimited_depth_and_sibling_order_by_date_then_id(tmp_path):
    replies = [make(tmp_path, "p", "a", "2026-01-02"), make(tmp_path, "p", "c", "2026-01-03"),
               make(tmp_path, "p", "b", "2026-01-03"), make(tmp_path, "p", "z", "2026-01-01 08:00")]
    chain = "a"
    for depth in range(1, 60):
        replies.append(make(tmp_path, "p", f"d{depth}", f"2026-02-01 00:{depth:02d}", reply_to=chain))
        chain = f"d{depth}"
    problems = Problems(strict=True)
    thread = build_threads(replies, problems)["p"]
    problems.raise_if_failed()
    assert [r.id for r in thread.roots] == ["z", "a", "b", "c"]
    deepest = thread.shown[-3]
    assert (deepest.id, deepest.depth) == ("d59", 59)
    assert thread.count == 63


def test_missing_parent_is_a_warning_and_the_reply_is_shown_detached(tmp_path):
    orphan = make(tmp_path, "p", "o", "2026-01-02", reply_to="gone")
    problems = Problems(strict=False)
    thread = build_threads([orphan], problems)["p"]
    problems.raise_if_failed()  # a warning does not stop the build
    assert thread.roots == [orphan] and orphan.detached
    assert "Reply-To 'gone': no such reply under this post" in problems.warnings[0]
    assert str(tmp_path / "p" / "o.md") in problems.warnings[0]


def test_strict_mode_turns_warnings_into_a_failed_build(tmp_path):
    problems = Problems(strict=True)
    build_threads([make(tmp_path, "p", "o", "2026-01-02", reply_to="gone")], problems)
    with pytest.raises(RepliesError, match="REPLIES_STRICT"):
        problems.raise_if_failed()


def test_a_cycle_is_an_error_naming_every_file(tmp_path):
    replies = [make(tmp_path, "p", "a", "2026-01-02", reply_to="b"), make(tmp_path, "p", "b", "2026-01-03",
                                                                          reply_to="a")]
    problems = Problems(strict=False)
    build_threads(replies, problems)
    with pytest.raises(RepliesError) as caught:
        problems.raise_if_failed()
    text = str(caught.value)
    assert "Reply-To forms a cycle: p/a -> p/b -> p/a" in text
    assert str(tmp_path / "p" / "a.md") in text and str(tmp_path / "p" / "b.md") in text


def test_a_cycle_across_posts_is_found(tmp_path):
    replies = [make(tmp_path, "p", "a", "2026-01-02", reply_to="q/b"), make(tmp_path, "q", "b", "2026-01-03",
                                                                            reply_to="p/a")]
    problems = Problems(strict=False)
    build_threads(replies, problems)
    assert len(problems.errors) == 2 and "cycle" in problems.errors[0]


def test_two_replies_with_one_id_under_one_post_is_an_error(tmp_path):
    first = make(tmp_path, "p", "a", "2026-01-02")
    second = make(tmp_path, "p", "a", "2026-01-03")
    second.source_path = "content/comments/p/a.md"
    problems = Problems(strict=False)
    build_threads([first, second], problems)
    assert problems.errors == [f"content/comments/p/a.md: reply id 'a' is already used by {first.source_path} "
                               "under post 'p'"]


def test_reply_to_a_reply_under_another_post(tmp_path):
    parent = make(tmp_path, "q", "b", "2026-01-02")
    child = make(tmp_path, "p", "c", "2026-01-03", reply_to="q/b")
    threads = build_threads([parent, child], Problems(strict=True))
    assert threads["p"].roots == [child] and child.cross_parent is parent
    assert parent.cross_children == [child] and parent.children == []


def test_hidden_statuses_are_not_shown_and_their_children_move_up(tmp_path):
    spam = make(tmp_path, "p", "s", "2026-01-02", status="spam")
    pending = make(tmp_path, "p", "w", "2026-01-02", status="pending")
    top = make(tmp_path, "p", "t", "2026-01-01")
    hidden = make(tmp_path, "p", "h", "2026-01-03", reply_to="t", status="hidden")
    child = make(tmp_path, "p", "k", "2026-01-04", reply_to="h")
    thread = build_threads([spam, pending, top, hidden, child], Problems(strict=True))["p"]
    assert [r.id for r in thread.shown] == ["t", "k"]
    assert child.parent is top and child.parent_hidden
    assert thread.summary == "2 replies from 1 person"


# -- sanitizing -------------------------------------------------------------------
@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://evil.example/"></iframe>',
        '<p style="background:url(https://t.example/)">x</p>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    ],
)
def test_sanitizer_removes_scripts_handlers_and_dangerous_urls(dangerous):
    html, _ = render_body(f"Before\n\n{dangerous}\n\nAfter", SETTINGS["REPLIES_MARKDOWN_EXTENSIONS"])
    lowered = str(html).lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "style=", "data:", "<svg", "<img"):
        assert bad not in lowered
    assert "Before" in html and "After" in html


def test_links_get_nofollow_ugc():
    html = clean_html('<a href="https://example.org/" rel="me">x</a>')
    assert str(html) == '<a href="https://example.org/" rel="nofollow ugc">x</a>'


def test_redact_and_safe_url():
    assert redact("10.0.0.1 and v1.2.3 at 12:30:00") == "[address hidden] and v1.2.3 at 12:30:00"
    assert safe_url("https://203.0.113.5/") is None
    assert safe_url(" https://ok.example/a ") == "https://ok.example/a"


def test_private_data_in_attributes_and_encoded_urls_is_removed():
    html, _ = render_body('<a href="https://ok.example/" title="eve&#64;example.com">a</a> '
                          '<q cite="mailto:eve&#64;example.com">b</q> '
                          '[c](https://ok.example/?u=eve%40example.com)', SETTINGS["REPLIES_MARKDOWN_EXTENSIONS"])
    assert "example.com" not in str(html) and "mailto" not in str(html)
    assert safe_url("https://will.example/@eve%40example.com") is None


def test_a_mistyped_parent_or_folder_gets_a_suggestion(tmp_path):
    replies = [make(tmp_path, "p", "sam-1", "2026-01-02"), make(tmp_path, "p", "ben-1", "2026-01-03", "Sam-1"),
               make(tmp_path, "p", "cy-1", "2026-01-04", "sma-1"), make(tmp_path, "p", "di-1", "2026-01-05", "zed")]
    problems = Problems(strict=False)
    build_threads(replies, problems)
    hints = sorted(w.split(": ", 1)[1] for w in problems.warnings)
    assert hints == ["Reply-To 'Sam-1': no such reply under this post (did you mean 'sam-1'?); shown under the "
                     "post, marked as detached",
                     "Reply-To 'sma-1': no such reply under this post (did you mean 'sam-1'?); shown under the "
                     "post, marked as detached",
                     "Reply-To 'zed': no such reply under this post; shown under the post, marked as detached"]
    # a permalink's anchor copied as it is: an error that says what to write
    reply, problems = read(tmp_path, "x.md", "Author: A\nDate: 2026-01-01\nReply-To: #reply-sam-1\n\nHi")
    assert reply is None and problems.errors[0].endswith(
        "Reply-To '#reply-sam-1' is not '<reply-id>' or '<post-slug>/<reply-id>'; write 'sam-1'")


def test_a_mistyped_parent_under_another_post_is_suggested_as_it_must_be_written(tmp_path):
    """'Reply-To: on-slow-reading/sam-9' under another post: the suggestion keeps the post ('sam-2' alone would
    point under the wrong post and fail again); a post slug one letter off is put right too."""
    replies = [make(tmp_path, "on-slow-reading", "sam-2", "2026-01-02"),
               make(tmp_path, "learning", "cy-1", "2026-01-04", "on-slow-reading/sam-9"),
               make(tmp_path, "learning", "cy-2", "2026-01-05", "on-slow-readng/sam-2")]
    problems = Problems(strict=False)
    build_threads(replies, problems)
    hints = sorted(w.split(": ", 1)[1] for w in problems.warnings)
    assert hints == [
        "Reply-To 'on-slow-reading/sam-9': no such reply under the post 'on-slow-reading' (did you mean "
        "'on-slow-reading/sam-2'?); shown under the post, marked as detached",
        "Reply-To 'on-slow-readng/sam-2': no such reply under the post 'on-slow-readng' (did you mean "
        "'on-slow-reading/sam-2'?); shown under the post, marked as detached"]


def test_new_reply_to_a_mistyped_reply_suggests_it(tmp_path):
    from replies.authoring import AuthoringError, new_reply
    content = tmp_path / "content"
    for slug in ("on-slow-reading", "learning"):
        write(content, f"{slug}.md", f"Title: {slug}\nDate: 2026-01-01\nSlug: {slug}\n\nx", "posts")
    write(content / "replies", "sam-2.md", "Author: Sam\nDate: 2026-01-02\n\nHi", "on-slow-reading")
    with pytest.raises(AuthoringError, match=r"there is no .*sam-9\.md \(did you mean 'sam-2'\?\)$"):
        new_reply(content, "on-slow-reading", "Ada", reply_to="sam-9")
    with pytest.raises(AuthoringError, match=r"\(did you mean 'on-slow-reading/sam-2'\?\)$"):
        new_reply(content, "learning", "Ada", reply_to="on-slow-reading/sam-9")


def test_new_reply_to_a_mistyped_post_suggests_the_slug(tmp_path):
    from replies.authoring import AuthoringError, new_reply
    for i in range(30):
        write(tmp_path / "content", f"post-{i}.md", f"Title: Post {i}\nDate: 2026-01-01\nSlug: on-thing-{i}\n\nx",
              "posts")
    with pytest.raises(AuthoringError, match=r"did you mean 'on-thing-12'"):
        new_reply(tmp_path / "content", "on-thing-12x", "Ada")
    with pytest.raises(AuthoringError, match=r"none of the 30 posts has a slug close to it$"):
        new_reply(tmp_path / "content", "zzz", "Ada")


def test_replies_keep_python_s_shared_key_instance_dicts():
    """20,000 replies live through a build: a Reply with one field too many (over 29) gets a dict of
    its own keys, 1.6 KB instead of about 0.3 KB (+33 MB at 1,000 posts x 20 replies)."""
    import dataclasses
    import sys

    from replies.model import Reply
    replies = [Reply(id=f"r{i}", post_slug="p", source_path="x", author="A", date=dt.datetime(2026, 1, 1),
                     body_html="", body_text="") for i in range(3)]
    for reply in replies:
        reply.display_date, reply.person_url = "1 January 2026", "people/a/"  # as later stages do
    assert len(dataclasses.fields(Reply)) <= 29
    assert sys.getsizeof(replies[-1].__dict__) < 800


def test_a_time_written_in_another_zone_is_shown_on_the_site_s_clock(tmp_path):
    """A WordPress export mixes offsets (+10:00, -07:00): read on the site's clock, "10:48" no longer sorts
    after "10:49" on the page; the instant is the same. A day without a time stays that day."""
    far, _ = read(tmp_path, "a.md", "Author: A\nDate: 2007-09-04T10:49:28+10:00\n\nHi")
    west, _ = read(tmp_path, "b.md", "Author: B\nDate: 2007-09-04T10:48:51-07:00\n\nHi")
    day, _ = read(tmp_path, "c.md", "Author: C\nDate: 2007-09-04\n\nHi")
    assert far.date.isoformat() == "2007-09-04T02:49:28+02:00" and west.date.isoformat() == "2007-09-04T19:48:51+02:00"
    assert far.date < west.date
    assert (day.date.year, day.date.month, day.date.day, day.date_shown) == (2007, 9, 4, "day")


def test_an_image_whose_address_leads_nowhere_is_its_words_alone():
    html, text = render_body('<img src="x" onerror="steal()"> and <img src="https://ok.example/a.png" alt="A chart">',
                             SETTINGS["REPLIES_MARKDOWN_EXTENSIONS"])
    assert str(html).startswith("<p>[image] and <a href=\"https://ok.example/a.png\" rel=\"nofollow ugc\">")
    assert "onerror" not in str(html) and 'href="x"' not in str(html)
    assert " ".join(text.split()) == "[image] and [image: A chart]"


def test_what_a_person_does_by_mistake_is_said_plainly(tmp_path):
    """An email as the Author; a file saved in Latin-1."""
    reply, problems = read(tmp_path, "a.md", "Author: pat@example.org\nDate: 2026-01-02\n\nHi")
    assert reply is not None and reply.author == "[email hidden]"
    assert problems.warnings == [f"{tmp_path / 'p' / 'a.md'}: Author holds an email or IP address, which is never "
                                 "published: put the name to show instead"]
    path = tmp_path / "p" / "b.md"
    path.write_bytes("Author: Jürgen\nDate: 2026-01-02\n\nGrüße".encode("latin-1"))
    problems = Problems(strict=False)
    assert read_reply(path, "p", SETTINGS, problems) is None
    assert problems.errors[0].endswith("; save it as UTF-8 (in most editors: Save As, encoding UTF-8)")


def test_a_reply_to_copied_from_a_link_to_another_post_is_fixed_with_that_post(tmp_path):
    link = "https://example.github.io/field-notes/posts/on-slow-reading/#reply-sam-1"
    reply, problems = read(tmp_path, "x.md", f"Author: A\nDate: 2026-01-01\nReply-To: {link}\n\nHi", post="feedback")
    assert reply is None and problems.errors[0].endswith(f"Reply-To '{link}' is not '<reply-id>' or "
                                                         "'<post-slug>/<reply-id>'; write 'on-slow-reading/sam-1'")


@pytest.mark.parametrize("name, text", [
    # attributes in another order, single quotes: the replies package's own pattern missed both
    ("a.html", "<html><head><title>A</title><meta content='closed' name='replies'>"
               "<meta content='a-1' name='slug'></head><body>A.</body></html>"),
    # a header opened with ---, as Python-Markdown's meta allows: the replies package saw no header
    ("b.md", "---\nTitle: B\nSlug: b-1\nReplies: closed\n---\n\nB.\n"),
    # a slug given twice: Pelican takes the first, the replies package took the last
    ("c.md", "Title: C\nSlug: c-1\nSlug: c-2\nReplies: closed\n\nC.\n"),
    # a value going on, four spaces in: the importers' reader stopped there and missed the rest
    ("d.md", "Title: D\nSummary: one\n    two\nSlug: d-1\nReplies: closed\n\nD.\n"),
    # a "\x85" (a cp1252 "…" read wrongly) or a line separator inside a title ends no line for Python-Markdown
    ("e.md", "Title: Wait\x85 what\u2028 now\nSlug: e-1\nReplies: closed\n\nE.\n"),
    # a value going on a tab in; a key up to three spaces in
    ("f.md", "Title: F\nSummary: one\n\ttwo\n  Slug: f-1\nReplies: closed\n\nF.\n"),
    # Pelican's older "contents" attribute
    ("g.html", "<html><head><title>G</title><meta name='slug' contents='g-1'>"
               "<meta name='replies' contents='closed'></head><body>G.</body></html>"),
])
def test_the_command_line_reads_a_post_s_slug_and_replies_as_pelican_does(tmp_path, name, text):
    """check-replies, new-reply, the importers and the Disqus importer's closed posts read a post's metadata
    with one reader (it was two, each missing cases the other read); what they read is what the build reads."""
    from importers.site import read_post_metadata
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG
    from replies.authoring import post_slugs, replies_value

    path = tmp_path / "posts" / name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    pelican = Readers({**DEFAULT_CONFIG, "PATH": str(tmp_path)}).read_file(str(tmp_path), str(path)).metadata
    assert post_slugs(tmp_path) == {pelican["slug"]: path}
    assert replies_value(path) == pelican["replies"] == "closed"
    assert read_post_metadata(path)["slug"] == pelican["slug"]
