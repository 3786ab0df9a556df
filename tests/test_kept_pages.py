"""Post and person pages kept between builds (``conversation_map/kept_pages.py``): a page whose inputs did not
change is not rendered again, and a rebuild, whatever changed, gives byte for byte what a build from nothing
gives."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys

import pytest
from sitebuild import REPO, build_site

sys.path.insert(0, str(REPO / "benchmarks"))

from ab import digests
from sitegen import generate

POSTS = 16
CACHED = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}


@pytest.fixture
def counted(monkeypatch):
    """What each build's post pages came to: (kept, made), from its KeptPages when it is saved (Pelican's
    log leaves out a message it gave before, so the build's own line cannot be counted on)."""
    # the class the conversation map makes them with (collecting the plugins' doctests can import
    # conversation_map.kept_pages a second time, as another module)
    from conversation_map.generator import KeptPages

    builds = []
    save = KeptPages.save
    monkeypatch.setattr(KeptPages, "save", lambda self: builds.append(
        (self.kept["post"] + self.kept["person"], self.made["post"] + self.made["person"], self)) or save(self))
    return builds


@pytest.fixture
def archive(tmp_path):
    generate(tmp_path / "content", posts=POSTS, replies=5, people=12)
    return tmp_path / "content" / "ours"


def _pages(output) -> int:
    """How many post and person pages a build wrote (each person page with its later list pages is one)."""
    return len(list((output / "posts").glob("*/index.html"))) + len(list((output / "people").glob("*/index.html")))


def _rebuild(content, tmp_path, counted, **settings):
    """A rebuild with the caches warm, and a build of the same content from nothing: the same bytes."""
    warm = digests(build_site(content, tmp_path / "out", **CACHED, **settings))
    kept_and_made = counted[-1][:2]
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
    shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
    fresh = digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"],
                               **settings))
    # (a page no longer made, a renamed writer's, stays in an output folder that is not emptied: Pelican's way)
    assert set(fresh) <= set(warm)
    assert [name for name in fresh if warm[name] != fresh[name]] == []
    return kept_and_made


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_keeps_what_did_not_change_and_gives_what_a_build_from_nothing_gives(archive, tmp_path, counted):
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED))
    assert _rebuild(archive, tmp_path, counted) == (pages, 0)  # nothing changed: every page kept
    # the rebuild's lists (the last build is the one from nothing): home page, tags, categories, archives
    lists = counted[-2][2]
    assert lists.kept["list"] >= 5 and lists.made["list"] == 0, (lists.kept, lists.made)

    # One reply's words: its post's page and the pages that show them are made again, no other. (This
    # reply's opening words are on post-0014's page too: a reply there answers it.)
    reply = archive / "replies" / "post-0001" / "r2.md"
    _edit(reply, "\n\n", "\n\nA new opening, quoting nothing. ")
    kept, made = _rebuild(archive, tmp_path, counted)
    # two posts' pages and the person pages of those who wrote there (most of a cast of 12, here)
    assert 3 <= made <= pages // 2 and kept + made == pages
    assert "A new opening" in (tmp_path / "out" / "posts" / "post-0014" / "index.html").read_text(encoding="utf-8")

    # Words that quote another post's reply, a new reply, a writer's name, a deleted reply, a post's text,
    # a setting: each a rebuild that gives what a build from nothing gives.
    quoted = (archive / "replies" / "post-0002" / "r0.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    words = " ".join(re.sub(r"<[^>]+>|[>*_\[\]()]", " ", quoted).split()[:9])
    reply.write_text(reply.read_text(encoding="utf-8") + f"\n> {words}\n\nThat, again.\n", encoding="utf-8")
    _rebuild(archive, tmp_path, counted)
    (archive / "replies" / "post-0007" / "r9.md").write_text(
        "Author: Someone New\nDate: 2026-03-01 10:00\nReply-To: r0\n\nA late answer, @adapark.\n", encoding="utf-8")
    _rebuild(archive, tmp_path, counted)
    answer = archive / "replies" / "post-0007" / "r9.md"
    _edit(answer, "Author: Someone New", "Author: Someone Renamed")
    _rebuild(archive, tmp_path, counted)
    (archive / "replies" / "post-0003" / "r2.md").unlink()
    _rebuild(archive, tmp_path, counted)
    post = sorted((archive / "posts").glob("*.md"))[4]
    post.write_text(post.read_text(encoding="utf-8") + "\nA paragraph added to the post.\n", encoding="utf-8")
    kept, made = _rebuild(archive, tmp_path, counted)
    assert kept == 0  # a post's words are in every page's key (lists, titles, trails): all made again
    pages = _pages(tmp_path / "fresh")
    assert _rebuild(archive, tmp_path, counted, SITENAME="Another Name") == (0, pages)
    assert counted[-2][2].kept["list"] == 0
    assert _rebuild(archive, tmp_path, counted, SITENAME="Another Name") == (pages, 0)


def _shown_elsewhere(archive, output):
    """A reply whose opening words a person page other than its writer's shows (an answer to them, a quote
    pair, an exchange), as (that page, the reply's file, the word it opens with)."""
    for page in sorted((output / "people").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        for slug, name in sorted(set(re.findall(r'posts/(post-\d+)/#reply-([\w-]+)"', html))):
            reply = archive / "replies" / slug / f"{name}.md"
            head, body = reply.read_text(encoding="utf-8").split("\n\n", 1)
            writer = re.search(r"^Author: (.*)$", head, re.M).group(1)
            first = body.split()[0]
            if (writer.casefold().replace(" ", "-") != page.parent.name and first.isalpha() and first.istitle()
                    and " ".join(body.split()[:4]) in html):
                return page, reply, first
    raise AssertionError("no person page shows another's reply")


def test_a_reply_s_words_make_again_the_person_pages_that_show_them(archive, tmp_path, counted):
    """A person page shows the words of its person's replies and of the replies tied to theirs (answers,
    quote pairs, exchanges): editing those words makes it again, though someone else wrote them."""
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED))
    page, reply, first = _shown_elsewhere(archive, tmp_path / "out")
    _edit(reply, f"\n\n{first} ", "\n\nRewritten ")
    kept, made = _rebuild(archive, tmp_path, counted)
    assert kept and made and kept + made == pages  # only the words changed: most pages kept
    assert "Rewritten" in page.read_text(encoding="utf-8")


def test_a_reply_s_words_make_again_the_pages_whose_map_shows_them(archive, tmp_path, counted):
    """A post's map draws the replies of other posts tied to its own (here a reply linking to one), with their
    words in their tooltips: editing those words makes that post's page again."""
    linking, linked = archive / "replies" / "post-0003" / "r0.md", archive / "replies" / "post-0009" / "r0.md"
    linking.write_text(linking.read_text(encoding="utf-8") + "\nSee [this](../post-0009/#reply-r0) too.\n",
                       encoding="utf-8")
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED))
    page = tmp_path / "out" / "posts" / "post-0003" / "index.html"
    first = linked.read_text(encoding="utf-8").split("\n\n", 1)[1].split()[0]
    assert 'data-node="reply:post-0009/r0"' in page.read_text(encoding="utf-8") and first.isalpha()
    _edit(linked, f"\n\n{first} ", "\n\nRewritten ")
    kept, made = _rebuild(archive, tmp_path, counted)
    assert kept and made and kept + made == pages
    assert "Rewritten" in page.read_text(encoding="utf-8")


def test_an_edited_template_makes_every_post_page_again(archive, tmp_path, counted):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    pages = _pages(build_site(archive, tmp_path / "out", THEME=str(theme), **CACHED))
    partial = theme / "templates" / "partials" / "thread.html"
    _edit(partial, '<h2 id="replies-title">Replies</h2>', '<h2 id="replies-title">Answers</h2>')
    assert _rebuild(archive, tmp_path, counted, THEME=str(theme)) == (0, pages)


def test_post_pages_are_put_back_when_the_output_folder_was_emptied(archive, tmp_path, counted):
    """``DELETE_OUTPUT_DIRECTORY`` (the Pages workflow's builds): kept pages come back from their kept copies."""
    settings = {"DELETE_OUTPUT_DIRECTORY": True}
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED, **settings))
    assert _rebuild(archive, tmp_path, counted, **settings) == (pages, 0)
    assert (tmp_path / "out" / "posts" / "post-0001" / "index.html").is_file()


def test_a_page_changed_in_the_output_folder_is_made_again(archive, tmp_path, counted):
    """A kept page is left as written only while it holds what was written: one changed since (by hand, by
    another tool), even to the same size and a nanosecond later, is made again."""
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED))
    page = tmp_path / "out" / "posts" / "post-0003" / "index.html"
    person = next((tmp_path / "out" / "people").glob("*/index.html"))
    for changed in (page, person):
        before, text = changed.stat(), changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("<title>", "<TITLE>", 1), encoding="utf-8")
        os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # a tool that keeps times close
    assert _rebuild(archive, tmp_path, counted) == (pages - 2, 2)
    assert "<TITLE>" not in page.read_text(encoding="utf-8")


def test_without_the_cache_every_page_is_made(archive, tmp_path, counted):
    pages = _pages(build_site(archive, tmp_path / "out", **CACHED))
    build_site(archive, tmp_path / "out", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"])
    assert counted[-1][:2] == (0, pages)


def test_working_out_the_keys_leaves_attached_files_where_their_page_puts_them(archive, tmp_path, caplog):
    """``{attach}`` moves a file next to the page that links it, unless something asked where the file goes
    first (Pelican's ``Static.save_as``): the keys must not ask, or a page's picture is linked where it is not."""
    (archive / "pages").mkdir()
    (archive / "pages" / "pictures").mkdir()
    (archive / "pages" / "pictures" / "desk.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (archive / "pages" / "about.md").write_text(
        "Title: About\n\nMy desk: ![the desk]({attach}pictures/desk.png)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        output = build_site(archive, tmp_path / "out", **CACHED, STATIC_PATHS=["pages/pictures"])
    assert not [r for r in caplog.records if "attach" in r.getMessage() or "desk.png" in r.getMessage()]
    page = (output / "about" / "index.html").read_text(encoding="utf-8")  # PAGE_SAVE_AS: {slug}/index.html
    assert re.search(r'src="[^"]*about/pictures/desk\.png"', page)
    assert (output / "about" / "pictures" / "desk.png").is_file()
    assert not (output / "pages" / "pictures" / "desk.png").exists()


def test_a_function_in_the_settings_is_known_by_its_body(archive, tmp_path, counted, monkeypatch):
    """A Jinja filter written in the settings file and edited there: every page is made again (a function was
    known by its name alone, and the pages kept what its old body made)."""
    import importlib

    (tmp_path / "site_filters.py").write_text("def shout(text):\n    return str(text).upper()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    filters = importlib.import_module("site_filters")
    pages = _pages(build_site(archive, tmp_path / "out", JINJA_FILTERS={"shout": filters.shout}, **CACHED))
    assert _rebuild(archive, tmp_path, counted, JINJA_FILTERS={"shout": filters.shout}) == (pages, 0)
    (tmp_path / "site_filters.py").write_text("def shout(text):\n    return str(text).upper() + '!'\n",
                                              encoding="utf-8")
    filters = importlib.reload(filters)
    assert _rebuild(archive, tmp_path, counted, JINJA_FILTERS={"shout": filters.shout}) == (0, pages)


def test_pages_are_kept_from_one_process_to_the_next(tmp_path):
    """Each build is a new Python process with its own hash seed: a key that followed a set's order (a dict
    filled from one) would keep nothing. Two builds, two seeds: the second leaves every post page as the
    first wrote it (the same file, not written again)."""
    import os
    import subprocess

    import bench

    _, sites = bench.setup(tmp_path, 6, 3, 8, peer=False)
    site = sites["ours"]

    def build(seed: str) -> dict:
        cmd = [sys.executable, "-m", "pelican", str(site.content), "-s", str(site.settings), "-o", str(site.output),
               "-q"]
        subprocess.run(cmd, cwd=str(site.settings.parent), check=True, env=dict(os.environ, PYTHONHASHSEED=seed))
        return {p.parent.name: (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in sorted((site.output / "posts").glob("*/index.html"))}

    first = build("1")
    assert len(first) == 6 and build("2") == first


def test_a_translation_with_a_slug_of_its_own_shows_an_edited_reply(site, counted):
    """With ``ARTICLE_TRANSLATION_ID`` naming a metadata field, a translation can have a slug of its own: it
    shows its post's thread, so an edited reply under that post makes its page again too."""
    settings = {**CACHED, "ARTICLE_TRANSLATION_ID": "translation_id"}
    site.post("slow", "Reading slowly once goes further than skimming.", extra="Translation_Id: slow")
    site.post("langsam", "Langsam lesen.", title="Langsam", extra="Lang: de\nTranslation_Id: slow")
    site.post("other", "Another post.", date="2026-01-05 09:00", extra="Translation_Id: other")
    reply = site.reply("slow", "a1", "First thoughts on slow reading.", Author="Ada Park")
    site.build(**settings)
    translated = site.output / "posts" / "langsam-de" / "index.html"
    assert "First thoughts" in translated.read_text(encoding="utf-8")
    _edit(reply, "First thoughts", "Second thoughts")
    site.build(**settings)
    assert counted[-1][2].kept["post"] >= 1  # the other post's page was kept
    assert "Second thoughts" in translated.read_text(encoding="utf-8")
    assert "Second thoughts" in (site.output / "posts" / "slow" / "index.html").read_text(encoding="utf-8")
