"""Every real export of ../shared/fixtures/real: the import report's counts equal a count of
the source made here independently (regular expressions and plain json, not the importers'
parsers), and the Blogger export, given to another importer, is refused naming the one that reads it.

Skipped, with the reason, when that folder is not next to the repository.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from importers import ImportFailed, import_disqus, import_html, import_staticman, import_webmention, import_wordpress

from .conftest import WEBMENTION_TARGETS, write_post

pytestmark = pytest.mark.real_fixtures


def _field(name: str, scope: str) -> str:
    match = re.search(rf"<wp:{name}>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</wp:{name}>", scope, re.DOTALL)
    return match.group(1).strip() if match else ""


def count_wxr(path: Path) -> Counter:
    """Comments of a WXR file by what the blog did with them, counted with regular expressions."""
    counts: Counter = Counter()
    for item in re.findall(r"<item>(.*?)</item>", path.read_text(encoding="utf-8"), re.DOTALL):
        post_type = _field("post_type", item) or "post"
        shown = (post_type in ("post", "page") and (_field("status", item) or "publish") == "publish"
                 and not _field("post_password", item))
        for comment in re.findall(r"<wp:comment>(.*?)</wp:comment>", item, re.DOTALL):
            if not shown:
                counts["on items not published"] += 1
                continue
            approved = _field("comment_approved", comment)
            kind = "ping" if _field("comment_type", comment) in ("pingback", "trackback") else "comment"
            state = {"1": "approved", "0": "pending"}.get(approved, approved)
            counts[f"{kind} {state}"] += 1
            counts[f"{kind} on a {post_type}"] += 1
    return counts


@pytest.mark.parametrize("name", ["wptt-themeunittestdata.wordpress.xml", "pelican-wordpressexport.xml",
                                  "isso-wordpress.xml"])
def test_wordpress_counts(real, content, name):
    source = real / "wordpress" / name
    expected = count_wxr(source)
    report = import_wordpress(source, content)
    assert report.replies == expected["comment approved"] + expected["comment pending"]
    assert report.pending == expected["comment pending"]
    assert report.pingbacks == expected["ping approved"] + expected["ping pending"]
    assert report.pingbacks_pending == expected["ping pending"]
    removed = report.skipped["spam comment"] + report.skipped["comment in the trash"] + report.placeholders
    assert removed == sum(expected[f"{k} {s}"] for k in ("comment", "ping") for s in ("spam", "trash"))
    assert report.skipped["comment on a skipped item"] == expected["on items not published"]
    written = [p for p in (content / "replies").rglob("*.md")]
    assert len(written) == report.replies + report.pingbacks + report.placeholders


def test_wordpress_counts_are_not_trivial(real):
    """The counts above cover pages, pending, pingbacks and trash (so they test something)."""
    theme = count_wxr(real / "wordpress" / "wptt-themeunittestdata.wordpress.xml")
    assert theme["comment on a page"] == 5 and theme["comment pending"] == 3 and theme["ping approved"] == 4
    assert count_wxr(real / "wordpress" / "pelican-wordpressexport.xml")["ping trash"] == 1


def test_disqus_counts(real, content):
    source = real / "disqus" / "isso-disqus.xml"
    text = source.read_text(encoding="utf-8")
    threads = dict(re.findall(r'<thread dsq:id="(\d+)">\s*<id>([^<]*)</id>', text))
    posts = re.findall(r"<post dsq:id=\"(\d+)\">(.*?)</post>", text, re.DOTALL)
    write_post(content, "some-id", "Hello, World!")  # the identifier of one thread
    on_post = [body for _, body in posts
               if threads.get(re.search(r'<thread dsq:id="(\d+)"', body).group(1)) == "some-id"]
    deleted = sum(1 for body in on_post if "<isDeleted>true</isDeleted>" in body)
    spam = sum(1 for body in on_post if "<isSpam>true</isSpam>" in body)
    report = import_disqus(source, content)
    assert report.replies == len(on_post) - deleted - spam
    assert report.placeholders + report.skipped["deleted comment"] == deleted
    assert sum(report.skipped.values()) + report.replies + report.placeholders == len(posts)


@pytest.mark.parametrize(("name", "slug"), [
    ("trafilatura-lemire.me.json.html", "json-parsing-simdjson-vs-json-for-modern-c"),
    ("trafilatura-gormulus.wordpress.com.durfen.html", "das-wird-man-ja-wohl-noch-sagen-durfen"),
])
def test_saved_page_counts(real, content, name, slug):
    source = real / "html" / name
    text = source.read_text(encoding="utf-8")
    tags = [t for t in re.findall(r"<li\b[^>]*>", text) if re.search(r"\bid=[\"'](?:li-)?comment-\d+", t)]
    classes = [re.search(r"\bclass=[\"']([^\"']*)", t).group(1) for t in tags]
    comments = sum(1 for c in classes if "comment" in c.split())
    pings = sum(1 for c in classes if {"pingback", "trackback"} & set(c.split()))
    by_author = sum(1 for c in classes if "bypostauthor" in c.split())
    nested = len(re.findall(r"\bdepth-[2-9]\b", " ".join(classes)))
    report = import_html(source, content)
    assert (report.replies, report.pingbacks, report.by_post_author) == (comments, pings, by_author)
    assert sum(1 for p in (content / "replies" / slug).glob("*.md")) == comments + pings
    assert nested == sum(1 for p in (content / "replies" / slug).glob("*.md")
                         if "Reply-To:" in p.read_text(encoding="utf-8"))


def test_webmention_counts(real, content):
    source = real / "webmention" / "eleventy_solo-webmentions-cache.json"
    entries = json.loads(source.read_text(encoding="utf-8"))["children"]
    for slug in WEBMENTION_TARGETS:
        write_post(content, slug, slug.replace("-", " ").title())
    on_posts = [e for e in entries if e["wm-target"].rstrip("/").rsplit("/", 1)[-1] in WEBMENTION_TARGETS]
    kinds = Counter(e["wm-property"] for e in on_posts)
    report = import_webmention(source, content)
    assert (report.replies, report.mentions) == (kinds["in-reply-to"], kinds["mention-of"])
    assert (report.reactions["like"], report.reactions["repost"]) == (kinds["like-of"], kinds["repost-of"])
    assert sum(report.skipped.values()) == len(entries) - len(on_posts)
    home = [e for e in entries if e["wm-target"].rstrip("/").count("/") == 2]  # https://host: a home page
    assert report.skipped["webmention of a site's home page, not a post"] == len(home)


def test_a_blogger_export_is_refused_by_every_other_importer(real, content, tmp_path):
    source = real / "blogger" / "pelican-bloggerexport.xml"
    for importer in (import_wordpress, import_disqus, import_html, import_webmention):
        with pytest.raises(ImportFailed) as failure:
            importer(source, content)
        message = str(failure.value)
        assert str(source) in message or source.name in message
        assert "Traceback" not in message
        if importer is not import_html:  # the importers of exports name what the file is, and who reads it
            assert "a Blogger export" in message and "import-blogger" in message, message
    with pytest.raises(ImportFailed, match="not a folder"):
        import_staticman(source, content)
    assert list(content.iterdir()) == []
