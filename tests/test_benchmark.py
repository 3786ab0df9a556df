"""The benchmark, small: its generator, its runner and the caches it measures give a right site.

Nothing here asserts a time (timings live in BENCHMARKS.md); these tests keep the benchmark
from rotting and check that cached rebuilds give exactly what a cold build gives.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import REPO, build_site, site_settings

sys.path.insert(0, str(REPO / "benchmarks"))

import ab
import bench
from ab import digests
from sitegen import generate
from test_browser import require_chromium


def test_generator_is_deterministic_and_writes_both_layouts(tmp_path):
    one = generate(tmp_path / "a", posts=12, replies=6, people=20)
    generate(tmp_path / "b", posts=12, replies=6, people=20)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert one.replies == 72 and one.max_depth >= 2
    ours = sorted((tmp_path / "a" / "ours" / "replies").rglob("*.md"))
    peer = sorted((tmp_path / "a" / "peer" / "comments").rglob("*.md"))
    assert len(ours) == len(peer) == 72
    # The peer's replyto names the comment file as pelican-comment-system 1.4.0 slugs it ("r5.md"),
    # and the file it names sits in the same folder.
    for path in peer:
        text = path.read_text(encoding="utf-8")
        assert re.search(r"^author: .+$", text, re.M) and re.search(r"^date: \d{4}-", text, re.M)
        target = re.search(r"^replyto: (\S+)$", text, re.M)
        if target:
            assert re.fullmatch(r"r\d+\.md", target[1]) and (path.parent / target[1]).is_file()
    # Our format names its parent by id, or another post's reply as <post-slug>/<id>.
    for path in ours:
        target = re.search(r"^Reply-To: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        if target:
            post, _, rid = target[1].rpartition("/")
            assert (path.parent.parent / (post or path.parent.name) / f"{rid}.md").is_file()


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """The whole benchmark at 40 posts × 5 replies, one round, without the peer and the browser."""
    work = tmp_path_factory.mktemp("bench")
    return bench.run(40, 5, 40, runs=1, peer=False, browser=False, work=work)


def test_small_benchmark_builds_every_scenario_and_every_reply_is_shown(small_run):
    assert set(small_run["medians"]) == {"plain cold", "plain cached rebuild", "ours cold",
                                         "ours warm, no change", "ours warm, one reply edited"}
    for figures in small_run["medians"].values():
        assert figures["wall"] > 0 and figures["cpu"] > 0 and figures["rss"] > 10
    out = Path(small_run["work"]) / "output" / "ours"
    page = BeautifulSoup((out / "posts" / "post-0000" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("li.reply")) == 5
    # The edit of the last round reached the page through the warm caches.
    assert "Edited in round 0." in page.select_one("#reply-r0").get_text(" ")
    weight = small_run["weights"]["ours"]
    assert weight["people_bytes"] > 0
    pages = {p: p.stat().st_size for p in out.rglob("*.html")}
    assert weight["largest_page_bytes"] == max(pages.values()) and weight["pages_over_1mb"] == 0
    # The map's weight: the page without its whole map figure (SVG drawings, key, legend).
    share = small_run["map_share"]
    page_of = (out / "posts" / share["page"] / "index.html").read_text(encoding="utf-8")
    assert share["with_map"] == len(page_of.encode()) > share["without_map"] > 0
    assert page_of.count('<figure class="map-figure map-figure--article">') == 1 and "map-svg" in page_of
    report = bench.report(small_run)
    assert "| ours warm, one reply edited |" in report and "Machine:" in report


# pip's words when PyPI cannot be reached (offline, DNS, proxy); any other failure of the install fails the test.
UNREACHABLE = ("Could not find a version", "No matching distribution", "NewConnectionError", "ConnectionError",
               "Network is unreachable", "Temporary failure in name resolution", "Name or service not known",
               "timed out", "ProxyError", "Max retries exceeded")


def install_peer() -> None:
    """Install the peer plugin into benchmarks/.peer/ as ``invoke bench`` does (bench.ensure_peer), once.

    One small wheel without dependencies: about 0.6 s from PyPI (measured). Skips the test, with pip's
    reason, only when the registry cannot be reached.
    """
    if (bench.PEER_LIB / "pelican_comment_system" / "__init__.py").is_file():
        return
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
               "--timeout", "15", "--retries", "1", "--target", str(bench.PEER_LIB), bench.PEER_PACKAGE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip(f"PyPI did not answer within 120 s: cannot install {bench.PEER_PACKAGE} into {bench.PEER_LIB}")
    if done.returncode != 0:
        reason = " ".join(done.stderr.split())[-300:]
        if any(words in done.stderr for words in UNREACHABLE):
            pytest.skip(f"PyPI is unreachable: cannot install {bench.PEER_PACKAGE} ({reason})")
        pytest.fail(f"pip could not install {bench.PEER_PACKAGE} into {bench.PEER_LIB}: {reason}")


def test_before_and_after_runs_both_sides_and_says_where_their_output_differs(tmp_path):
    """``benchmarks/ab.py`` builds two checkouts in turn; a checkout whose theme writes other bytes is named."""
    other = tmp_path / "other-checkout"
    for part in ("plugins", "theme"):
        shutil.copytree(REPO / part, other / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pelicanconf.py", other / "pelicanconf.py")
    base = other / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("Posts feed", "Feed of posts"), encoding="utf-8")

    text = ab.main(["--before", str(REPO), "--after", str(other), "--posts", "3", "--replies", "2", "--people", "3",
                    "--rounds", "1"])
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert set(rows) >= {"cold", "one reply edited"}
    assert "no: " in rows["cold"] and "index.html" in rows["cold"]
    assert ab.differing(REPO / "theme" / "templates", REPO / "theme" / "templates") == []


@pytest.mark.browser
def test_browser_times_each_map_as_a_new_visitor_and_again(small_run):
    """The browser figures: each map page timed twice, and the report says both (no time is asserted)."""
    require_chromium()
    times = bench.browser_times(Path(small_run["work"]) / "output" / "ours")
    assert len(times) == 2 and "people map" in times
    for figures in times.values():
        assert figures["seconds"] > 0 and figures["again"] > 0 and int(figures["nodes"]) > 1
    text = bench.report({**small_run, "browser": times, "machine": "test"})
    assert text.count(" s loaded again).") == 2


def test_peer_build_shows_every_reply(tmp_path):
    install_peer()
    summary, sites = bench.setup(tmp_path, 10, 4, 12, peer=True)
    sites["peer"].build()
    bench.check_pages(sites["peer"], summary, r'<li class="comment" ')


def test_cached_rebuilds_give_what_a_cold_build_gives(tmp_path):
    """Warm caches (replies by content hash, map stages by input hash) change no byte of the output."""
    generate(tmp_path / "content", posts=15, replies=4, people=12)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    cold = digests(build_site(content, tmp_path / "out", **settings))
    cache = tmp_path / "out-cache"
    assert (cache / "replies" / "replies.pickle").is_file()
    assert {p.name for p in (cache / "conversation-map").glob("stages-*.pickle")} >= {
        "stages-text.pickle", "stages-article.pickle", "stages-person-map.pickle", "stages-site-map.pickle"}
    assert digests(build_site(content, tmp_path / "out", **settings)) == cold

    reply = content / "replies" / "post-0003" / "r1.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("\n\n", "\n\nA new first line, @adapark.\n\n", 1),
                     encoding="utf-8")
    warm = digests(build_site(content, tmp_path / "out", **settings))
    fresh = digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
    assert warm == fresh
    assert warm["posts/post-0003/index.html"] != cold["posts/post-0003/index.html"]


def test_a_warm_rebuild_marks_the_margins_of_the_edited_conversation_only(tmp_path, monkeypatch):
    """The margin marks are cached by the post's HTML and its replies' words: after one reply is edited,
    only that post's paragraphs are looked at again, and its page is what a cold build gives."""
    from conversation_map import insight_pages

    generate(tmp_path / "content", posts=12, replies=4, people=10)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    build_site(content, tmp_path / "out", **settings)
    marked = []
    real = insight_pages.marginalia
    monkeypatch.setattr(insight_pages, "marginalia",
                        lambda html, replies, *a: marked.append(replies[0]["node"]) or real(html, replies, *a))
    reply = content / "replies" / "post-0003" / "r1.md"
    reply.write_text(reply.read_text(encoding="utf-8") + "\nOne more line, quoting nothing.\n", encoding="utf-8")
    warm = digests(build_site(content, tmp_path / "out", **settings))
    assert [node.partition("/")[0] for node in marked] == ["reply:post-0003"]
    fresh = digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
    assert warm == fresh


def test_feeds_of_unchanged_posts_are_put_back_after_the_output_folder_is_emptied(tmp_path, monkeypatch):
    """``DELETE_OUTPUT_DIRECTORY`` empties the output before every build: a reply feed whose inputs did not
    change is put back from its kept copy instead of being made again, and the site is what a cold build gives."""
    import replies.feeds

    generate(tmp_path / "content", posts=6, replies=3, people=8)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"],
                "DELETE_OUTPUT_DIRECTORY": True}
    build_site(content, tmp_path / "out", **settings)
    reply = content / "replies" / "post-0004" / "r2.md"
    reply.write_text(reply.read_text(encoding="utf-8") + "\nOne more thought.\n", encoding="utf-8")

    made = []

    class CountedFeed(replies.feeds.Atom1Feed):
        def write(self, outfile, encoding):
            made.append(self.feed["feed_url"].rsplit("/", 1)[-1])
            return super().write(outfile, encoding)

    monkeypatch.setattr(replies.feeds, "Atom1Feed", CountedFeed)
    warm = digests(build_site(content, tmp_path / "out", **settings))
    assert sorted(made) == ["post-0004.atom.xml", "replies.atom.xml"]
    assert len([name for name in warm if name.startswith("feeds/replies/")]) == 6
    kept = tmp_path / "out-cache" / "replies" / "feeds"  # one kept copy per feed written, the old ones gone
    assert len(list(kept.iterdir())) == 7

    made.clear()  # the code that writes feeds changed (feeds.FEED_CODE, feedgenerator): every feed is made again
    monkeypatch.setattr(replies.feeds, "feed_salt", lambda: "another version of the feed code")
    assert digests(build_site(content, tmp_path / "out", **settings)) == warm
    assert len(made) == 7
    monkeypatch.undo()
    assert warm == digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))


def test_exports_are_made_again_only_in_the_parts_that_changed(tmp_path, monkeypatch):
    """The exports are the site's biggest files, and making them (the GraphML, compressing) the most work of a
    rebuild that changed little: they are written in parts kept between builds, and a rebuild makes only the
    parts holding what changed. An unchanged file is not written again; an emptied output folder gets its
    files back from the kept parts; either way they are what a cold build writes, and read as one gzip file."""
    import gzip

    import networkx as nx
    from conversation_map import exports, generator

    used: list = []

    class Recorded(exports.ExportParts):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            used.append(self)

    texts: list = []  # the JSON parts whose text a build made (scope, number)
    json_parts = exports._json_parts

    def recorded_parts(*args, **kwargs):
        for part in json_parts(*args, **kwargs):
            texts.append(part[:2])
            yield part

    monkeypatch.setattr(generator, "ExportParts", Recorded)
    monkeypatch.setattr(exports, "_json_parts", recorded_parts)
    monkeypatch.setattr(exports, "PART_ITEMS", 4)  # a small site in many parts
    generate(tmp_path / "content", posts=6, replies=3, people=8)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    files = [tmp_path / "out" / "conversations" / name for name in ("graph.json.gz", "graph.graphml.gz")]

    def stamps():  # which file each is, and when it was written
        return [(os.stat(path).st_ino, os.stat(path).st_mtime_ns) for path in files]

    legacy = tmp_path / "out-cache" / "conversation-map"  # where earlier builds kept the whole files
    (legacy / "exports").mkdir(parents=True)
    (legacy / "exports.json").write_text("{}", encoding="utf-8")
    first = digests(build_site(content, tmp_path / "out", **settings))
    assert not (legacy / "exports").exists() and not (legacy / "exports.json").exists()
    parts = len(used[-1]._new)
    assert used[-1].made == parts > 20
    written = stamps()
    assert len(texts) > 20
    texts.clear()
    assert digests(build_site(content, tmp_path / "out", **settings)) == first
    assert used[-1].made == 0 and stamps() == written  # nothing made, nothing written
    assert texts == []  # not even the JSON text: the graph and its replies' words are as they were
    assert digests(build_site(content, tmp_path / "out", **settings, DELETE_OUTPUT_DIRECTORY=True)) == first
    assert used[-1].made == 0  # the files put together again from their parts, none compressed

    reply = content / "replies" / "post-0002" / "r1.md"  # its opening words: its node's tooltip changes
    head, _, body = reply.read_text(encoding="utf-8").partition("\n\n")
    reply.write_text(f"{head}\n\nSaid otherwise now. {body}", encoding="utf-8")
    texts.clear()
    warm = digests(build_site(content, tmp_path / "out", **settings))
    assert 2 <= used[-1].made <= 4  # its node's part, in both files (and a new GraphML head, if its keys moved)
    assert [scope for scope, _ in texts] == ["node"]  # the JSON text of that part alone
    assert warm == digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
    with gzip.open(files[0]) as data:
        nodes = {node["id"] for node in json.load(data)["nodes"]}
    assert nodes == set(nx.read_graphml(files[1], force_multigraph=True).nodes)  # each read as one file
    assert "reply:post-0002/r1" in nodes


def test_a_cache_restored_into_a_fresh_checkout_is_reused_and_never_stale(tmp_path, monkeypatch, caplog):
    """The Pages workflow restores ``cache/`` from its last run into a fresh checkout, where every file
    has a new modification time: what did not change is still read from the cache (Pelican's posts by
    their SHA-256, ``CHECK_MODIFIED_METHOD``), and what changed is read again."""
    from pelican.readers import MarkdownReader

    generate(tmp_path / "content", posts=8, replies=3, people=8)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    build_site(content, tmp_path / "out", **settings)

    checkout = tmp_path / "checkout"  # the files as git writes them: same bytes, new files and times
    shutil.copytree(content, checkout, copy_function=shutil.copy)
    shutil.rmtree(content)
    shutil.copytree(checkout, content, copy_function=shutil.copy)
    post = content / "posts" / "post-0002.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA paragraph added since the last run.\n", encoding="utf-8")
    reply = content / "replies" / "post-0005" / "r1.md"
    reply.write_text(reply.read_text(encoding="utf-8") + "\nAn afterthought, added since.\n", encoding="utf-8")

    read = []
    real_read = MarkdownReader.read

    def counted_read(reader, path):
        read.append(Path(path).name)
        return real_read(reader, path)

    monkeypatch.setattr(MarkdownReader, "read", counted_read)
    with caplog.at_level(logging.INFO, logger="replies.cache"):
        warm = digests(build_site(content, tmp_path / "out", **settings))
    assert [name for name in read if name.startswith("post-")] == ["post-0002.md"]
    assert "Reply cache: 23 read from cache, 1 read from files" in caplog.text

    fresh = digests(build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
    assert warm == fresh


def test_a_deleted_post_leaves_pelicans_posts_cache(tmp_path):
    """Pelican never prunes its posts cache; the Pages workflow restores and saves ``cache/`` every run, so a
    deleted post's entry would be carried on for ever. It is dropped when the cache is read."""
    import gzip
    import pickle

    generate(tmp_path / "content", posts=4, replies=2, people=4)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    build_site(content, tmp_path / "out", **settings)
    cache = tmp_path / "out-cache"

    def cached(name: str) -> set[str]:  # (gzip-compressed unless GZIP_CACHE is off, as pelicanconf has it)
        data = (cache / name).read_bytes()
        return {Path(key).name for key in pickle.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)}

    assert "post-0002.md" in cached("ArticlesGenerator-Readers")  # Pelican's reader layer (CONTENT_CACHING_LAYER)
    (content / "posts" / "post-0002.md").unlink()
    shutil.rmtree(content / "replies" / "post-0002")
    build_site(content, tmp_path / "out", **settings)
    assert cached("ArticlesGenerator-Readers") == {"post-0000.md", "post-0001.md", "post-0003.md"}


def test_posts_read_with_other_markdown_settings_are_read_again(tmp_path):
    """Pelican keys its posts cache by the file alone; a change of ``MARKDOWN`` must still reach every
    page, locally and on Pages (whose workflow restores ``cache/``)."""
    generate(tmp_path / "content", posts=4, replies=2, people=4)
    content = tmp_path / "content" / "ours"
    post = content / "posts" / "post-0001.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne line\nand the next.\n", encoding="utf-8")
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}
    first = build_site(content, tmp_path / "out", **settings)
    assert "One line\nand the next." in (first / "posts" / "post-0001" / "index.html").read_text(encoding="utf-8")

    markdown = site_settings(content, tmp_path / "out")["MARKDOWN"]
    markdown = {**markdown, "extension_configs": {**markdown["extension_configs"], "markdown.extensions.nl2br": {}}}
    warm = digests(build_site(content, tmp_path / "out", MARKDOWN=copy.deepcopy(markdown), **settings))
    fresh = digests(build_site(content, tmp_path / "fresh", MARKDOWN=copy.deepcopy(markdown), ARTICLE_PATHS=["posts"]))
    assert warm == fresh
    assert "One line<br>\nand the next." in (tmp_path / "out" / "posts" / "post-0001" / "index.html").read_text(
        encoding="utf-8")
    # With nothing changed, the posts cache is kept.
    assert (tmp_path / "out-cache" / "ArticlesGenerator-Readers").is_file()
    stamp = (tmp_path / "out-cache" / "posts-read-with.key").read_text(encoding="utf-8")
    build_site(content, tmp_path / "out", MARKDOWN=markdown, **settings)
    assert (tmp_path / "out-cache" / "posts-read-with.key").read_text(encoding="utf-8") == stamp


def test_posts_read_under_other_url_settings_are_read_again(tmp_path):
    """Pelican's cached posts carry their Category objects with the settings of the build that read them:
    a CATEGORY_URL change reached no page until the cache was dropped (a code review's reproduction)."""
    generate(tmp_path / "content", posts=3, replies=2, people=4)
    content = tmp_path / "content" / "ours"
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"],
                "CACHE_PATH": str(tmp_path / "cache")}
    build_site(content, tmp_path / "first", **settings)
    moved = {"CATEGORY_URL": "topics/{slug}/", "CATEGORY_SAVE_AS": "topics/{slug}/index.html"}
    warm = digests(build_site(content, tmp_path / "warm", **settings, **moved))
    fresh = digests(build_site(content, tmp_path / "fresh", ARTICLE_PATHS=["posts"], **moved))
    assert warm == fresh
    assert any(name.startswith("topics/") for name in warm)


def test_what_posts_are_read_with_is_the_same_in_every_process_and_follows_the_plugins(tmp_path):
    from markdown.extensions.toc import TocExtension
    from replies.cache import posts_read_with

    plugins = tmp_path / "plugins"
    (plugins / "mine").mkdir(parents=True)
    (plugins / "mine" / "__init__.py").write_text("def register():\n    pass\n")
    settings = dict(site_settings(tmp_path, tmp_path / "out"), PLUGIN_PATHS=[str(plugins)])
    one = posts_read_with({**settings, "MARKDOWN": {"extensions": [TocExtension(permalink=True)]}})
    assert one == posts_read_with({**settings, "MARKDOWN": {"extensions": [TocExtension(permalink=True)]}})
    assert one != posts_read_with({**settings, "MARKDOWN": {"extensions": [TocExtension(permalink=False)]}})
    (plugins / "mine" / "__init__.py").write_text("def register():\n    print('changed')\n")
    assert one != posts_read_with({**settings, "MARKDOWN": {"extensions": [TocExtension(permalink=True)]}})


def test_templates_are_compiled_once_and_again_only_when_changed(tmp_path, monkeypatch):
    """Every generator has its own Jinja environment, which compiled each template again on every build:
    with the caches on, compiled templates are kept in ``CACHE_PATH/templates/`` by their source, so a warm
    build compiles none, and one whose template changed is compiled again and shows the change."""
    import jinja2

    generate(tmp_path / "content", posts=4, replies=2, people=6)
    content = tmp_path / "content" / "ours"
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"], "THEME": str(theme)}
    compiled = []
    real = jinja2.Environment.compile

    def counted(env, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return real(env, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    cold = digests(build_site(content, tmp_path / "out", **settings))
    assert "article.html" in compiled and (tmp_path / "out-cache" / "templates").is_dir()
    compiled.clear()
    assert digests(build_site(content, tmp_path / "out", **settings)) == cold
    assert compiled == []

    footer = theme / "templates" / "partials" / "thread.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- thread ends -->\n", encoding="utf-8")
    warm = build_site(content, tmp_path / "out", **settings)
    assert set(compiled) == {"partials/thread.html"}
    assert "<!-- thread ends -->" in (warm / "posts" / "post-0001" / "index.html").read_text(encoding="utf-8")

    compiled.clear()  # without the caches nothing is kept, and every build compiles
    build_site(content, tmp_path / "nocache", ARTICLE_PATHS=["posts"], THEME=str(theme), CACHE_CONTENT=False)
    assert not (tmp_path / "nocache-cache" / "templates").exists() and "article.html" in compiled
