"""Limits, not crashes: hostile and broken reply files in one real build (issue 10).

Every file past a bound is named in one warning and the rest of the site builds; errors (a
cycle, an impossible date) stop the build with the file named, in bounded time; nothing is
misread silently and no dropped private value reaches the log.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import SiteMaker
from replies.model import RepliesError
from sitebuild import REPO, text_files

ATOM = "{http://www.w3.org/2005/Atom}"


@contextlib.contextmanager
def time_limit(seconds: int):
    """Turn a hang into a failure (the bug this guards against was a build that never ended)."""
    def stop(signum, frame):
        raise TimeoutError(f"did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One build of a site whose reply folder holds every hostile input that must not crash it."""
    site = SiteMaker(tmp_path_factory.mktemp("hostile"))
    site.post("p", "The post.")
    site.post("draft", "Not yet.", extra="Status: draft\n", title="Secret Draft Title")
    site.post("mailer", "Own post.", author="mira@field.example", title="Notes for ada@example.org")
    site.post("controls", "A body with \x01 a control character and &#x1F; a reference.", title="Bell\x07 Title")
    site.raw("posts/bad-date.md", "Title: Bad Date\nDate: next Tuesday-ish\n\nA post Pelican cannot date.\n")
    (site.content / "posts" / "latin1.md").write_bytes(b"Title: Caf\xe9\nDate: 2026-01-01\n\nSaved as Latin-1.\n")
    site.raw("posts/controls-meta.md", "Title: Meta\x07 Controls\nDate: 2026-01-01 09:00\nAuthor: Ruth\x07 Lind\x1b\n"
             "Category: Prac\x01tice\nSubtitle: A sub\x0btitle\nSlug: controls-meta\n\nIts metadata has controls.\n")
    r = site.reply
    r("p", "ctrl", "Body with \x01 bell \x07 and escape \x1b[31m and \x0c form feed &#x1F; &#0; &#x7f;.",
      Author="Ada\x01 \x1bPark")
    r("p", "quotes", ">" * 5000 + " deep")
    r("p", "lists", "".join("    " * i + "- item\n" for i in range(60)))
    r("p", "inline-lists", "- " * 2000 + "item")
    r("p", "brackets", "[" * 20_000)
    r("p", "huge", "word " * 30_000)
    r("p", "html-nest", "<div>" * 3000 + "x")
    r("p", "footnote", "A claim[^1] and another[^note].\n\n[^1]: The source.\n[^note]: More.")
    r("p", "dropped-url", "Hi.", Author_URL="mailto:ada.secret@example.org")
    r("p", "192.0.2.144", "My file name is an address.")
    r("p", "child-of-ip", "Answer.", Reply_To="192.0.2.144", Date="2026-01-03 10:00")
    r("p", "ada.named@example.org", "My file name is an email address.")
    r("draft", "d1", "Under a draft.")
    # pelican-comment-system: a slug holding an email, and a reply to it by that slug.
    site.raw("comments/p/one.md", "author: Old Friend\ndate: 2026-01-04 10:00\nslug: old.friend@example.org\n\nOld.\n")
    site.raw("comments/p/two.md", "author: Other\ndate: 2026-01-04 11:00\nreplyto: old.friend@example.org\n\nNew.\n")
    r("p", "to-draft", "Answering a reply under a draft.", Reply_To="draft/d1")
    # \v and U+2028 are no line breaks: the Status and Reply-To lines below are real lines.
    site.raw("replies/p/vt.md", "Author: Ada\x0bPark\nDate: 2026-01-02 10:00\nStatus: hidden\n\nHidden reply text.\n")
    site.raw("replies/p/ls.md", "Author: Ben\u2028Ode\nDate: 2026-01-02 11:00\nReply-To: ctrl\n\nNested reply.\n")
    # Editor and OS leftovers, in the reply folder and beside the posts.
    (site.content / "replies" / "p" / "._ctrl.md").write_bytes(b"\x00\x05\x16\x07Mac OS X        \x00\x02\xff\xfe")
    (site.content / "posts" / "._p.md").write_bytes(b"\x00\x05\x16\x07Mac OS X        \x00\x02\xff\xfe")
    site.raw("replies/p/ctrl.md~", "Author: Old\nDate: 2026-01-02 10:00\n\nBACKUP COPY\n")
    site.raw("replies/p/.#ctrl.md", "Author: Lock\nDate: 2026-01-02 10:00\n\nLOCK FILE\n")
    site.raw("posts/p.md~", "Title: Backup\nDate: 2026-01-01\n\nBACKUP POST\n")
    # A link to a file outside content/.
    outside = site.root / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text("Author: Leak\nDate: 2026-01-02 10:00\n\nOUTSIDE SECRET\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "x.md").write_text("Author: Leak\nDate: 2026-01-02 10:00\n\nOUTSIDE FOLDER\n",
                                             encoding="utf-8")
    os.symlink(outside / "leak.md", site.content / "replies" / "p" / "leak.md")
    os.symlink(outside / "folder", site.content / "replies" / "mailer")
    (outside / "post.md").write_text("Title: Outside Post\nDate: 2026-01-01\n\nOUTSIDE POST\n", encoding="utf-8")
    os.symlink(outside / "post.md", site.content / "posts" / "linked.md")
    # reactions.json: deeply nested in one post, wrong types in another.
    site.raw("replies/draft/reactions.json", "[" * 100_000 + "]" * 100_000)
    site.raw("replies/p/reactions.json", '{"like": [{"author": "Kim", "url": "https://kim.example/"}, 7, '
                                         '{"author": ["x"]}, "Lou"], "repost": "nope", "bookmark": []}')
    handler = _Capture()
    logging.getLogger().addHandler(handler)
    try:
        with time_limit(120):
            site.build()
    finally:
        logging.getLogger().removeHandler(handler)
    return site, handler.messages


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _warned(messages, name, words):
    return any(name in m and words in m for m in messages)


def test_the_hostile_site_builds_and_names_each_file(hostile):
    site, log = hostile
    page = site.page("posts/p/index.html")
    assert _warned(log, "quotes.md", "REPLIES_MAX_NESTING")
    assert _warned(log, "lists.md", "REPLIES_MAX_NESTING")
    assert _warned(log, "brackets.md", "REPLIES_MAX_BRACKETS")
    assert _warned(log, "huge.md", "REPLIES_MAX_BODY_CHARS")
    assert _warned(log, "html-nest.md", "REPLIES_MAX_NESTING")
    assert _warned(log, "inline-lists.md", "REPLIES_MAX_NESTING")
    for rid in ("quotes", "lists", "inline-lists", "brackets", "huge", "html-nest"):
        assert "too large or too deeply nested" in page.select_one(f"#reply-{rid}").get_text()


def test_a_post_pelican_cannot_read_is_named_with_the_reason(hostile):
    _, messages = hostile
    assert _warned(messages, "Could not process posts/bad-date.md", "'next Tuesday-ish' is not a valid date")
    assert _warned(messages, "Could not process posts/latin1.md", "is not UTF-8 text (byte 0xe9 at position 10)")


def test_control_characters_in_a_posts_own_metadata_are_removed_with_a_warning(hostile):
    site, messages = hostile
    page = site.page("posts/controls-meta/index.html")
    assert "Ruth Lind" in page.get_text() and "Practice" in page.get_text()
    assert (site.output / "author" / "ruth-lind" / "index.html").is_file()
    assert (site.output / "category" / "practice").is_dir()
    assert _warned(messages, "controls-meta.md", "control characters removed from Title, Author, Category, Subtitle")
    with gzip.open(site.output / "conversations" / "graph.graphml.gz") as graphml:
        ET.parse(graphml)  # the export is well-formed XML 1.0 too


def test_control_characters_are_removed_and_feeds_are_written(hostile):
    site, _ = hostile
    page = site.page("posts/p/index.html")
    card = page.select_one("#reply-ctrl")
    assert card.select_one(".reply-author").get_text(strip=True) == "Ada Park"
    assert "bell" in card.get_text() and "\x07" not in card.get_text()
    for feed in ("feeds/replies.atom.xml", "feeds/replies/p.atom.xml", "feeds/all.atom.xml"):
        text = (site.output / feed).read_text(encoding="utf-8")
        ET.fromstring(text.encode("utf-8"))  # well-formed XML 1.0
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


def test_metadata_lines_end_only_at_newlines(hostile):
    site, _ = hostile
    page = site.page("posts/p/index.html")
    assert page.select_one("#reply-vt") is None and "Hidden reply text" not in str(page)
    nested = page.select_one("#reply-ctrl #reply-ls")
    assert nested is not None and "Ben Ode" in nested.get_text()


def test_leftovers_and_outside_links_are_not_read(hostile):
    site, log = hostile
    everything = "".join(text for _, text in text_files(site.output))
    for marker in ("BACKUP COPY", "LOCK FILE", "BACKUP POST", "OUTSIDE SECRET", "OUTSIDE FOLDER", "Mac OS X",
                   "OUTSIDE POST", "Outside Post"):
        assert marker not in everything
    assert _warned(log, "leak.md", "outside the content folder")
    assert _warned(log, "linked.md", "outside the content folder; not published")


def test_a_reply_under_a_draft_is_never_named_or_linked(hostile):
    site, _ = hostile
    page = site.page("posts/p/index.html")
    card = page.select_one("#reply-to-draft")
    assert card is not None
    assert "Secret Draft Title" not in str(page) and "drafts/" not in str(page)
    assert not (site.output / "conversations").exists() or "Secret Draft Title" not in "".join(
        p.read_text(encoding="utf-8") for p in (site.output / "conversations").rglob("*.json"))


def test_footnotes_link_within_their_reply(hostile):
    site, _ = hostile
    card = site.page("posts/p/index.html").select_one("#reply-footnote")
    links = [a["href"] for a in card.select('a[href^="#"]') if a["href"] != "#reply-footnote"]
    assert len(links) >= 4
    for href in links:
        assert href.startswith("#note-footnote-")
        assert card.find(id=href[1:]) is not None, href


def test_private_values_are_never_logged_or_published(hostile):
    site, log = hostile
    joined = "\n".join(log)
    assert "ada.secret@example.org" not in joined and "192.0.2.144" not in joined
    assert _warned(log, "dropped-url.md", "Author-URL")
    page = site.page("posts/p/index.html")
    assert "192.0.2.144" not in str(page)
    assert "My file name is an email address." in page.get_text()
    child = page.select_one("#reply-child-of-ip")
    assert child.find_parent("li", class_="reply") is not None  # still nested under its renamed parent
    legacy = page.find(string=lambda s: s and s.strip() == "New.").find_parent("li", class_="reply")
    assert legacy.find_parent("li", class_="reply") is not None  # under the renamed comment-system reply
    for path, text in text_files(site.output):
        assert "192.0.2.144" not in text and "ada.secret@example.org" not in text, path
        assert "mira@field.example" not in text and "ada@example.org" not in text, path
        assert "old.friend@example.org" not in text, path
        assert "ada.named@example.org" not in text, path
    assert any("held an email address; hidden" in m for m in log)


def test_reactions_of_the_wrong_shape_keep_what_can_be_read(hostile):
    site, log = hostile
    assert _warned(log, "reactions.json", "REPLIES_MAX_JSON_DEPTH")
    assert _warned(log, "reactions.json", "'repost' must be a list")
    assert _warned(log, "reactions.json", "like entry 2 is not an object")
    text = site.page("posts/p/index.html").select_one(".reactions").get_text()
    assert "3 likes" in text


def test_errors_name_their_file_and_end(tmp_path):
    site = SiteMaker(tmp_path)
    site.post("p")
    site.reply("p", "tz", "Bad offset.", Date="2026-01-02T10:00:00+25:00")
    site.reply("p", "year", "Before year one.", Date="0001-01-01T00:00:00+05:00")
    # A cycle of hidden replies with a shown child: reported, and the build ends.
    site.reply("p", "h1", "x", Reply_To="h2", Status="hidden")
    site.reply("p", "h2", "y", Reply_To="h1", Status="hidden")
    site.reply("p", "kid", "z", Reply_To="h1")
    with time_limit(60), pytest.raises(RepliesError) as failure:
        site.build()
    message = str(failure.value)
    assert "tz.md: Date '2026-01-02T10:00:00+25:00' is out of range" in message
    assert "year.md: Date '0001-01-01T00:00:00+05:00' is out of range" in message
    assert "h1.md: Reply-To forms a cycle" in message


def test_post_author_email_published_on_request(tmp_path, caplog):
    site = SiteMaker(tmp_path)
    site.post("p", author="mira@field.example")
    site.build(REPLIES_POST_EMAILS="publish")
    assert "mira@field.example" in site.page("posts/p/index.html").get_text()
    assert any("IS PUBLISHED" in r.getMessage() and "p.md" in r.getMessage() for r in caplog.records)


def _pelican(content, output, *extra):
    # A wide console, so that each log record is one line (rich wraps at 80 columns otherwise).
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(REPO / "pelicanconf.py"),
                           "-o", str(output), "--cache-path", f"{output}-cache", *extra], capture_output=True,
                          text=True, cwd=REPO, timeout=120,
                          env={**os.environ, "COLUMNS": "400"})


def test_a_build_error_is_one_clear_line_without_debug(tmp_path):
    site = SiteMaker(tmp_path)
    site.post("p")
    site.reply("p", "bad", "x", Status="maybe")
    site.reply("p", "odd", "y", Reply_To="nobody-1")  # a warning
    quiet = _pelican(site.content, site.output)
    assert quiet.returncode != 0
    lines = (quiet.stdout + quiet.stderr).splitlines()
    naming = [line for line in lines if "bad.md" in line]
    assert len(naming) == 1 and "ERROR" in naming[0] and "bad.md: unknown Status 'maybe'" in naming[0]
    assert [line for line in lines if "odd.md" in line and "WARNING" in line] != []
    assert any("Build stopped: 1 problem(s) with replies, each named above" in line for line in lines)
    assert not any("RepliesError" in line or "Traceback" in line for line in lines)
    # Strict: the warning stops the build too, still printed once.
    strict = _pelican(site.content, site.output, "-e", "REPLIES_STRICT=true")
    lines = (strict.stdout + strict.stderr).splitlines()
    assert strict.returncode != 0 and len([line for line in lines if "odd.md" in line]) == 1
    assert any("Build stopped: 2 problem(s) with replies, each named above (warnings count: REPLIES_STRICT "
               "is on)" in line for line in lines)
    debug = _pelican(site.content, site.output, "--debug")
    assert "Traceback" in debug.stdout + debug.stderr


def test_limits_are_checked_before_markdown():
    import time

    from replies.limits import body_problem
    from replies.settings import DEFAULTS

    start = time.perf_counter()
    for text in (">" * 5000, "[" * 50_000, "<div>" * 100_000, "- " * 2000 + "x", "    " * 5000 + "- x"):
        assert body_problem(text, DEFAULTS) is not None
    assert time.perf_counter() - start < 5
    assert BeautifulSoup("<p>ok</p>", "html.parser").p is not None


def test_a_thread_past_the_depth_limit_is_shown_flat_with_one_warning(tmp_path, caplog):
    site = SiteMaker(tmp_path)
    site.post("p")
    for i in range(40):
        site.reply("p", f"r{i}", f"Level {i}.", Date=f"2026-01-02 10:{i:02d}", Reply_To=f"r{i - 1}" if i else None)
    with time_limit(60):
        site.build(REPLIES_MAX_THREAD_DEPTH=10)
    page = site.page("posts/p/index.html")
    assert len(page.select("li.reply")) == 40
    assert page.select_one("#reply-r11").find_parent("li", class_="reply")["id"] == "reply-r9"
    cut = [r.getMessage() for r in caplog.records if "REPLIES_MAX_THREAD_DEPTH" in r.getMessage()]
    assert len(cut) == 1 and "r11.md: this reply and 28 replies below it are deeper than 10" in cut[0]


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    from replies.problems import Problems
    from replies.reader import read_reactions, read_reply
    from replies.settings import check_settings

    folder = tmp_path / "a.md"
    folder.mkdir()  # reading it fails with an OSError, as a file without permission would
    problems = Problems(strict=False)
    assert read_reply(folder, "p", check_settings({}), problems) is None
    read_reactions(folder, problems)
    assert problems.errors == [f"{folder}: cannot read the file (Is a directory)"] * 2
