"""A fuzzed build (issue 10): generated reply files, threads, sites and import files.

Property: nothing ends in a traceback. A reply file is read or reported by name; threading
ends with every shown reply placed exactly once; a whole generated site builds with every shown
reply on its post's page, or stops with a ``RepliesError`` naming the file; each importer's
parser either reads a generated or mutated file or refuses it with ``ImportFailed``. Example
counts are small (profile ``fuzz-ci``, ``derandomize=True``: the same examples on every run, so CI
is deterministic); raise them locally with ``FUZZ_EXAMPLES=50 HYPOTHESIS_PROFILE=fuzz-deep``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SiteMaker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importers import ImportFailed, import_disqus, import_html, import_staticman, import_webmention, import_wordpress
from markupsafe import Markup
from replies.model import RepliesError, Reply
from replies.problems import Problems
from replies.reader import read_reply
from replies.settings import check_settings
from replies.threads import build_threads

SCALE = int(os.environ.get("FUZZ_EXAMPLES", "0")) or 1
# Profiles: "fuzz-ci" (the default) draws the same small set of examples on every run, so CI is
# deterministic and fast; "fuzz-deep" (HYPOTHESIS_PROFILE=fuzz-deep) draws new random ones, for
# hunting bugs locally. Each test sets its own example count, scaled by FUZZ_EXAMPLES.
_COMMON = {"deadline": None, "database": None,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("fuzz-ci", derandomize=True, **_COMMON)
settings.register_profile("fuzz-deep", derandomize=False, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
FAST = settings(settings.get_profile(PROFILE), max_examples=60 * SCALE)
SLOW = settings(settings.get_profile(PROFILE), max_examples=6 * SCALE)
FIXTURES = Path(__file__).parent / "fixtures" / "importers"
SETTINGS = check_settings({"TIMEZONE": "Europe/Berlin"})

# Pieces a hostile or careless reply file is made of.
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x85", "\u2028", "\u2029",
                           "\r", "\ufeff", "\ufffe", "\x7f", "\u200d"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
KEYS = st.sampled_from(["Author", "Date", "Reply-To", "Status", "Kind", "Author-URL", "Source-URL", "author",
                        "DATE", "X-Other", "reply-to", "Source-Id", " Author", "Author :"])
DATES = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)).map(lambda d: d.isoformat()),
    st.sampled_from(["2026-01-02 10:00", "2026-01-02T10:00:00+25:00", "2026-01-02T10:00:00-23:59",
                     "0001-01-01T00:00+05:00", "9999-12-31T23:59-05:00", "not a date", "", "2026-02-30",
                     "2026-01-02T10:00:00+99", "10:00"]),
)
BODY_PIECES = st.one_of(
    TEXT, CONTROL,
    st.sampled_from(["> ", "- ", "1. ", "    ", "[", "](", "[^1]", "[^1]: x\n", "*", "**", "`", "<div>", "</div>",
                     "<script>alert(1)</script>", "<a href='javascript:alert(1)'>x</a>", "ada@example.org",
                     "192.0.2.1", "http://3221226095/", "{: #id .cls }", "*[HTML]: x\n", "<!-- --!>", "\n\n",
                     "&#0;", "&#x1F;", "\\", "|a|b|\n|-|-|\n"]),
    st.integers(1, 400).map(lambda n: ">" * n + " deep\n"),
    st.integers(1, 3000).map(lambda n: "[" * n),
)


@st.composite
def reply_files(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = draw(KEYS)
        value = draw(st.one_of(TEXT, DATES, st.sampled_from(["hidden", "spam", "pingback", "deleted", "a-1", "x/y"])))
        sep = draw(st.sampled_from(["\n", "\r\n", "\n", "\u2028", "\x0b"]))
        lines.append(f"{key}: {value}{draw(st.one_of(st.just(''), CONTROL))}{sep}")
    body = "".join(draw(st.lists(BODY_PIECES, max_size=12)))
    text = "".join(lines) + draw(st.sampled_from(["\n", "\r\n", ""])) + body
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1", "utf-8-sig"]))
    return text.encode(encoding, errors="replace")


@FAST
@given(data=reply_files(), legacy=st.booleans(), name=st.sampled_from(["a-1", "192.0.2.5", "x", "ada@example.org"]))
def test_any_reply_file_is_read_or_reported(tmp_path_factory, data, legacy, name):
    path = tmp_path_factory.mktemp("r") / f"{name}.md"
    path.write_bytes(data)
    problems = Problems(strict=False)
    started = time.perf_counter()
    reply = read_reply(path, "p", SETTINGS, problems, legacy=legacy)
    assert time.perf_counter() - started < 10
    if reply is None:
        assert problems.errors and all(e.startswith(str(path.parent)) for e in problems.errors)
    else:
        assert reply.author
        assert reply.date.tzinfo is not None  # every date gets the site's zone, and can be compared
        text = str(reply.body_html) + reply.author
        assert not any(ord(c) < 32 and c not in "\t\n" for c in text)
        assert "ada@example.org" not in text and "192.0.2.5" not in text and "<script" not in text


@st.composite
def forests(draw):
    ids = draw(st.lists(st.sampled_from([f"r{i}" for i in range(12)]), min_size=1, max_size=25))
    posts = ["p", "q"]
    replies = []
    for number, rid in enumerate(ids):
        post = draw(st.sampled_from(posts))
        target = draw(st.one_of(st.none(), st.sampled_from(ids), st.sampled_from(["gone", "q/r1", "p/r2"])))
        replies.append(Reply(
            id=rid, post_slug=post, source_path=f"{post}/{rid}-{number}.md", author=f"A{number % 4}",
            date=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=draw(st.integers(0, 5))),
            body_html=Markup(""), body_text="", reply_to=target,
            status=draw(st.sampled_from(["published", "published", "hidden", "pending", "spam"])),
            kind=draw(st.sampled_from(["reply", "reply", "reply", "pingback", "deleted"])),
            source_url="https://s.example/" if draw(st.booleans()) else None,
        ))
    return replies, draw(st.integers(1, 6))


@FAST
@given(forest=forests())
def test_threading_ends_and_places_every_shown_reply_once(forest):
    replies, max_depth = forest
    problems = Problems(strict=False)
    threads = build_threads(replies, problems, max_depth)
    placed = [r.key for t in threads.values() for r in [*t.shown, *t.mentions]]
    assert len(placed) == len(set(placed))
    for thread in threads.values():
        assert all(r.depth <= max_depth for r in thread.shown)
        assert len(thread.layout) == 2 * len(thread.shown)
    if problems.errors:  # a cycle or a repeated id: the build stops, naming the files
        assert all(".md:" in e for e in problems.errors)
        return
    for reply in replies:
        if reply.shown:
            assert reply.key in placed, reply.key


@st.composite
def sites(draw):
    posts = draw(st.lists(st.sampled_from(["alpha", "beta", "gamma"]), min_size=1, max_size=3, unique=True))
    files = []
    for number in range(draw(st.integers(1, 12))):
        post = draw(st.sampled_from([*posts, "missing-post"]))
        rid = draw(st.sampled_from([f"r{number}", f"r{number}", "dup", "192.0.2.7"]))
        files.append((post, rid, draw(reply_files())))
    return posts, files


@SLOW
@given(generated=sites())
def test_a_generated_site_builds_or_names_the_file(tmp_path_factory, generated):
    posts, files = generated
    site = SiteMaker(tmp_path_factory.mktemp("fuzz"))
    for slug in posts:
        site.post(slug, f"Post {slug}.")
    for post, rid, data in files:
        path = site.content / "replies" / post / f"{rid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    started = time.perf_counter()
    try:
        site.build()
    except RepliesError as error:
        assert ".md:" in str(error) or "reactions.json" in str(error)
        return
    finally:
        assert time.perf_counter() - started < 20 + 2 * len(files)
    for slug in posts:
        page = site.page(f"posts/{slug}/index.html")
        folder = site.content / "replies" / slug
        if not folder.is_dir():
            continue
        problems = Problems(strict=False)
        read = [read_reply(p, slug, SETTINGS, problems) for p in sorted(folder.glob("*.md"))]
        for reply in read:
            if reply is not None and reply.shown and reply.kind in ("reply", "deleted") and \
                    f"{reply.source_path}: Reply-To" not in " ".join(problems.errors):
                assert page.find(id=f"reply-{reply.id}") is not None, reply.source_path


def _mutations(data: bytes):
    """Byte-level mutations of a real import file: flips, cuts, insertions of hostile snippets."""
    snippets = [b"<", b"]]>", b"<![CDATA[", b"&#0;", b"\x00", b"\xff\xfe", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
                b"{", b"[", b"\"", b"---\n", b"*a", b"&a;", b"<div>" * 50, b"\xc3", b"javascript:"]
    return st.tuples(st.integers(0, len(data)), st.integers(0, 64), st.sampled_from(snippets),
                     st.sampled_from(["insert", "cut", "truncate", "replace"]))


def _mutate(data: bytes, mutation) -> bytes:
    at, length, snippet, how = mutation
    if how == "insert":
        return data[:at] + snippet + data[at:]
    if how == "cut":
        return data[:at] + data[at + length:]
    if how == "truncate":
        return data[:at]
    return data[:at] + snippet + data[at + len(snippet):]


@pytest.fixture(scope="module")
def import_site(tmp_path_factory):
    """A content folder holding the posts the comment importers attach to."""
    content = tmp_path_factory.mktemp("imports") / "content"
    content.mkdir()
    import_wordpress(FIXTURES / "wordpress" / "field-notes.xml", content)
    return content


IMPORTERS = [
    ("wordpress/field-notes.xml", import_wordpress, "x.xml"),
    ("disqus/field-notes-disqus.xml", import_disqus, "x.xml"),
    ("webmention/field-notes.jf2.json", import_webmention, "x.json"),
    ("html/core-html5.html", import_html, "x.html"),
]


@pytest.mark.parametrize(("fixture", "importer", "name"), IMPORTERS, ids=[i[0].split("/")[0] for i in IMPORTERS])
def test_importers_read_or_refuse_mutated_files(tmp_path_factory, import_site, fixture, importer, name):
    original = (FIXTURES / fixture).read_bytes()

    @settings(settings.get_profile(PROFILE), max_examples=15 * SCALE)
    @given(mutations=st.lists(_mutations(original), min_size=1, max_size=4))
    def check(mutations):
        data = original
        for mutation in mutations:
            data = _mutate(data, mutation)
        source = tmp_path_factory.mktemp("m") / name
        source.write_bytes(data)
        started = time.perf_counter()
        try:
            importer(source, import_site, dry_run=True)
        except ImportFailed as error:
            assert name in str(error) or str(source) in str(error)
        assert time.perf_counter() - started < 20

    check()


@SLOW
@given(entries=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["name", "message", "date", "_id", "_parent", "email", "url", "replying_to"]),
                    st.one_of(TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=2),
                              st.dictionaries(TEXT, TEXT, max_size=2)), max_size=8),
    TEXT, st.integers()), min_size=1, max_size=5), as_yaml=st.booleans())
def test_staticman_reads_or_refuses_generated_entries(tmp_path_factory, import_site, entries, as_yaml):
    import json

    import yaml

    root = tmp_path_factory.mktemp("sm") / "comments"
    folder = root / "on-slow-reading"
    folder.mkdir(parents=True)
    for number, entry in enumerate(entries):
        if as_yaml:
            (folder / f"e{number}.yml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
        else:
            (folder / f"e{number}.json").write_text(json.dumps(entry), encoding="utf-8")
    try:
        import_staticman(root, import_site, dry_run=True)
    except ImportFailed as error:
        assert str(root) in str(error) or "e" in str(error)
    shutil.rmtree(root)


HTML_PIECES = st.one_of(
    TEXT, CONTROL,
    st.sampled_from(["<", ">", "</", "/>", "=", "\"", "'", "`", " ", "<!--", "-->", "--!>", "<![CDATA[", "]]>",
                     "<script>", "</script>", "<img src=x ", "onerror=", "onload=", "javascript:", "java\tscript:",
                     "&#106;", "&#x6A;", "data:text/html,", "<a href=", "<svg>", "<math>", "<style>", "<noscript>",
                     "<template>", "<textarea>", "<title>", "<iframe srcdoc=", "<form action=", "formaction=",
                     "<base href=", "<meta http-equiv=refresh content=", "id=", "name=", "target=_blank",
                     "<set to=", "href=", "xlink:href=", "style=", "<div>", "</div>", "<p>", "<table>", "<select>"]),
)


def _live(html: str) -> list[str]:
    """What a browser would run or follow in ``html``: script elements, handlers, script URLs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found = [t.name for t in soup.find_all(["script", "iframe", "object", "embed", "form", "base", "meta", "svg",
                                             "math", "style", "link"])]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or name.lower() in ("formaction", "action", "srcdoc", "style", "name"):
                found.append(f"{tag.name}[{name}]")
            squashed = "".join(text.split()).lower()
            if name.lower() in ("href", "src", "xlink:href") and squashed.startswith(("javascript:", "vbscript:")):
                found.append(f"{tag.name}[{name}]={text}")
    return found


@FAST
@given(pieces=st.lists(HTML_PIECES, max_size=30))
def test_sanitizers_leave_nothing_live(pieces):
    from importers.sanitize import sanitize_post_html
    from replies.sanitize import clean_html

    html = "".join(pieces)
    for cleaned in (str(clean_html(html)), sanitize_post_html(html)):
        assert _live(cleaned) == [], (html, cleaned)
        assert "<!--" not in cleaned
        assert not any(ord(c) < 32 and c not in "\t\n" for c in cleaned)


@pytest.mark.parametrize(("fixture", "importer", "name", "anchor"), [
    ("webmention/field-notes.jf2.json", import_webmention, "x.json", b'"in-reply-to": "https://'),
    ("wordpress/field-notes.xml", import_wordpress, "x.xml", b"<link>http://"),
    ("html/core-html5.html", import_html, "x.html", b'href="https://'),
    ("disqus/field-notes-disqus.xml", import_disqus, "x.xml", b"<link>http://"),
], ids=["webmention", "wordpress", "html", "disqus"])
def test_a_broken_bracket_in_a_url_is_no_crash(tmp_path, import_site, fixture, importer, name, anchor):
    """Found by the fuzzer: "http://[x" makes urlsplit raise; every URL a parser reads may be broken."""
    data = (FIXTURES / fixture).read_bytes().replace(anchor, anchor + b"[", 3)
    source = tmp_path / name
    source.write_bytes(data)
    try:
        importer(source, import_site, dry_run=True)
    except ImportFailed as error:
        assert name in str(error)
