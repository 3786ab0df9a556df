"""The "Reply" links, decoded field by field, and the "How to reply" page: real builds into tmp_path."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import SiteMaker
from replies.check import check_replies
from replies.moderation import set_status
from replies.reader import REPLY_ID_RE, split_metadata
from replies.reply_links import template_reply_id
from replies.settings import ConfigError, check_settings
from sitebuild import site_settings

SUBPATH = "https://mira.github.io/field-notes"
ID_RE = re.compile(r"^[0-9a-f]{6}-your-name$")  # without JavaScript; the script puts in a dated random id


def _site(root) -> SiteMaker:
    site = SiteMaker(root)
    site.post("on-noticing", "Notice what you notice.", date="2026-03-01 09:00")
    site.post("on-walking", "Walk slowly.", date="2026-02-01 09:00")
    site.reply("on-noticing", "ada-1", "I notice the light first.", Date="2026-03-02 10:15")
    site.reply("on-noticing", "ben-2", "And I the sound.", Date="2026-03-04 18:40", Reply_To="ada-1")
    return site


@pytest.fixture(scope="module")
def github_site(tmp_path_factory):
    """A small site under a sub-path, with the GitHub repository set."""
    site = _site(tmp_path_factory.mktemp("github"))
    site.build(SITEURL=SUBPATH, RELATIVE_URLS=False, FEED_DOMAIN=SUBPATH,
               REPLIES_LINK_GITHUB_REPO="mira/field-notes", REPLIES_LINK_GITHUB_BRANCH="drafts")
    return site


def _fields(url: str) -> tuple[str, dict[str, str], str]:
    """(filename, metadata with lower-case keys, body) of a GitHub new-file URL."""
    query = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert sorted(query) == ["filename", "value"]
    meta, body = split_metadata(query["value"][0])
    return query["filename"][0], meta, body


def _id(link) -> str:
    """The id a link proposes: its file name without ``.md`` (what reply-links.js reads and renews)."""
    return PurePosixPath(_fields(link["href"])[0]).stem


def test_post_link_opens_githubs_new_file_page_prefilled(github_site):
    page = github_site.page("posts/on-noticing/index.html")
    link = page.select_one(".reply-actions a.reply-link")
    assert link.get_text() == "Reply to this post"
    parts = urlsplit(link["href"])
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/mira/field-notes/new/drafts")
    filename, meta, body = _fields(link["href"])
    reply_id = _id(link)
    assert ID_RE.match(reply_id) and REPLY_ID_RE.match(reply_id)
    assert filename == f"content/replies/on-noticing/{reply_id}.md"
    # No build time, no random part (deterministic builds): visible placeholders the reader replaces.
    assert meta == {"author": "Your name", "author-url": "", "date": "YYYY-MM-DD HH:MM", "status": "pending"}
    assert body == "Write your reply here.\n"
    assert "nofollow" in link["rel"] and link["aria-label"] == "Reply to this post"


def test_links_are_light_the_thread_carries_what_they_share(github_site):
    """Per-site constants once per page, on the thread; each link only its URL, rel and label."""
    page = github_site.page("posts/on-noticing/index.html")
    thread = page.select_one("section#replies")
    assert thread["data-reply-date"] == "YYYY-MM-DD HH:MM" and thread["data-reply-tz"] == "Europe/Berlin"
    links = page.select("a.reply-link")
    assert len(links) == 3 and all(link.find_parent("section", id="replies") is thread for link in links)
    for link in links:
        assert sorted(link.attrs) == ["aria-label", "class", "href", "rel"]
        href = link["href"]
        # The query keeps ":" and "/" and writes spaces as "+" (what GitHub reads), newlines %0A.
        assert "%3A" not in href and "%2F" not in href and "%20" not in href
        assert "value=Author:+Your+name%0AAuthor-URL:%0ADate:+YYYY-MM-DD+HH:MM%0A" in href
    # About 320 bytes a link here; the same links were about 560 with the Markdown hints, every character
    # percent-encoded and the date, id and time zone repeated on each.
    raw = (github_site.output / "posts/on-noticing/index.html").read_text()
    sizes = [len(m) for m in re.findall(r'<a class="reply-link"[^>]*>[^<]*</a>', raw)]
    assert len(sizes) == 3 and max(sizes) < 340, sizes


def test_every_reply_has_a_link_answering_it(github_site):
    page = github_site.page("posts/on-noticing/index.html")
    ids = set()
    for reply_id in ("ada-1", "ben-2"):
        link = page.select_one(f"#reply-{reply_id} > .reply-card a.reply-link")
        assert link.get_text() == "Reply"
        assert link["aria-label"] == f"Reply to {'Ada Park'}"
        filename, meta, _ = _fields(link["href"])
        assert meta["reply-to"] == reply_id and meta["status"] == "pending"
        assert filename == f"content/replies/on-noticing/{_id(link)}.md"
        ids.add(_id(link))
    ids.add(_id(page.select_one(".reply-actions a.reply-link")))
    assert len(ids) == 3  # one id per place to answer
    # A post without replies can be answered too.
    other = github_site.page("posts/on-walking/index.html").select_one(".reply-actions a.reply-link")
    assert _fields(other["href"])[0].startswith("content/replies/on-walking/")


def test_links_and_script_work_under_a_sub_path(github_site):
    page = github_site.page("posts/on-noticing/index.html")
    how = page.select_one(".reply-actions a.how-to-reply")
    assert how["href"] == f"{SUBPATH}/how-to-reply/"
    scripts = [s["src"] for s in page.select("script[src]")]
    assert f"{SUBPATH}/theme/js/reply-links.js" in scripts
    assert all(s.startswith(SUBPATH + "/") for s in scripts)
    assert (github_site.output / "theme" / "js" / "reply-links.js").is_file()


def test_how_to_reply_page(github_site):
    page = github_site.page("how-to-reply/index.html")
    assert page.h1.get_text() == "How to reply"
    text = " ".join(page.select_one(".post-body").get_text(" ").split())
    for words in ("Propose changes", "Status: pending", "A person reads every reply", "Your name",
                  "Your website", "Your email address is never shown", "Write your reply here.",
                  "Markdown works", "*emphasis*", "> quotes", "[links](https://example.org/)"):  # not in each link
        assert words in text, words
    assert page.title.get_text().startswith("How to reply")


def test_a_reply_sent_through_the_link_goes_through_check_moderation_and_the_build(github_site, tmp_path):
    """The whole loop: the prefilled file, edited by the reader, checked, approved, shown nested."""
    link = github_site.page("posts/on-noticing/index.html").select_one("#reply-ben-2 a.reply-link")
    filename, _, _ = _fields(link["href"])
    value = parse_qs(urlsplit(link["href"]).query)["value"][0]
    site = _site(tmp_path)
    path = site.root / filename
    path.write_text(value, encoding="utf-8")
    settings = site_settings(site.content, site.output)
    report = check_replies(site.content, settings, [path])
    assert [e.split(": ", 1)[1] for e in report.errors] == [
        "Date is still the template's 'YYYY-MM-DD HH:MM'; put the date and time the reply was written, "
        "e.g. 2026-03-04 10:15",
        f"the file name still holds the template's 'your-name'; rename the file with your name in its place "
        f"(e.g. {path.stem[:6]}-ada-park.md) so that two readers don't pick the same file",
        "Author is still the template's 'Your name'; put the name to show",
        "the text still holds the template's placeholder; write the reply in its place",
    ]
    assert all(e.startswith(f"{path}: ") for e in report.errors)
    # The reader fills in name and text but keeps the placeholder date and file name: still refused.
    path.write_text(value.replace("Your name", "Cleo Hart").replace(
        value.split("\n\n", 1)[1], "Both, at dusk.\n"), encoding="utf-8")
    assert [e.split(": ", 1)[1].split(";")[0] for e in check_replies(site.content, settings, [path]).errors] == [
        "Date is still the template's 'YYYY-MM-DD HH:MM'",
        "the file name still holds the template's 'your-name'"]
    # Date changed, file name not: refused for the name alone.
    path.write_text(path.read_text().replace("YYYY-MM-DD HH:MM", "2026-03-05 07:30"), encoding="utf-8")
    assert [e.split(": ", 1)[1].split(";")[0] for e in check_replies(site.content, settings, [path]).errors] == [
        "the file name still holds the template's 'your-name'"]
    path = path.rename(path.with_name(path.name.replace("your-name", "cleo-hart")))
    assert not check_replies(site.content, settings, [path]).failed(strict=True)
    site.build()
    assert "Both, at dusk." not in (site.output / "posts/on-noticing/index.html").read_text()  # pending
    set_status(path, "published")
    site.build()
    shown = site.page("posts/on-noticing/index.html").select_one(f"#reply-{path.stem}")
    assert shown.find_parent("li", id="reply-ben-2") is not None
    assert "Both, at dusk." in shown.get_text()


def test_mailto_fallback(tmp_path):
    site = _site(tmp_path)
    site.build(REPLIES_LINK_GITHUB_REPO=None, REPLIES_LINK_EMAIL="replies@fieldnotes.example")
    page = site.page("posts/on-noticing/index.html")
    link = page.select_one("#reply-ada-1 a.reply-link")
    parts = urlsplit(link["href"])
    assert parts.scheme == "mailto" and unquote(parts.path) == "replies@fieldnotes.example"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert "\r\n" in query["body"][0]  # RFC 6068 line breaks
    meta, body = split_metadata(query["body"][0].replace("\r\n", "\n"))
    assert meta["reply-to"] == "ada-1" and meta["status"] == "pending" and meta["author"] == "Your name"
    assert meta["date"] == "YYYY-MM-DD HH:MM" and body == "Write your reply here.\n"
    reply_id = template_reply_id("on-noticing/ada-1")
    assert query["subject"][0] == (f"Reply to “On Noticing”, answering ada-1 "
                                   f"(content/replies/on-noticing/{reply_id}.md)")
    assert sorted(link.attrs) == ["aria-label", "class", "href", "rel"]
    assert page.select_one("section#replies")["data-reply-date"] == "YYYY-MM-DD HH:MM"
    assert "%20" in link["href"] and "+" not in link["href"]  # RFC 6068: a "+" is not a space in mailto:
    assert not page.select('a.reply-link[href^="https://github.com"]')
    how = site.page("how-to-reply/index.html").get_text()
    assert "email program" in how and "GitHub" not in how


def test_no_link_without_settings(tmp_path):
    site = _site(tmp_path)
    site.build(REPLIES_LINK_GITHUB_REPO=None)
    page = site.page("posts/on-noticing/index.html")
    assert page.select("a.reply-link") == []
    assert not page.select("[data-reply-date], [data-reply-tz]")
    assert not any("reply-links.js" in s["src"] for s in page.select("script[src]"))
    assert page.select_one("a.how-to-reply")["href"].endswith("how-to-reply/")
    assert "does not take replies" in site.page("how-to-reply/index.html").get_text()


def test_how_to_page_can_be_switched_off_and_webmention_endpoint_announced(tmp_path):
    site = _site(tmp_path)
    site.build(REPLIES_HOW_TO_SAVE_AS=None, REPLIES_WEBMENTION_ACCOUNT="fieldnotes.example")
    assert not (site.output / "how-to-reply").exists()
    for relpath in ("index.html", "posts/on-noticing/index.html", "conversations/index.html"):
        page = site.page(relpath)
        assert page.select_one("a.how-to-reply") is None
        endpoint = page.select('link[rel="webmention"]')
        assert [e["href"] for e in endpoint] == ["https://webmention.io/fieldnotes.example/webmention"]
        pingback = [e["href"] for e in page.select('link[rel="pingback"]')]
        assert pingback == ["https://webmention.io/fieldnotes.example/xmlrpc"]  # older blogs send pingbacks


@pytest.mark.parametrize(("key", "value", "words"), [
    ("REPLIES_LINK_GITHUB_REPO", "https://github.com/a/b", "must be 'owner/repo'"),
    ("REPLIES_LINK_GITHUB_BRANCH", "my branch", "not a branch name"),
    ("REPLIES_LINK_EMAIL", "not-an-address", "must be an email address"),
    ("REPLIES_WEBMENTION_ACCOUNT", "https://fieldnotes.example/", "must be the account's domain"),
    ("REPLIES_HOW_TO_SAVE_AS", "../outside/index.html", "must be a path inside the output"),
    ("REPLIES_LINK_GITHUB_REPOSITORY", "a/b", "unknown setting REPLIES_LINK_GITHUB_REPOSITORY"),
    ("REPLIES_FEED_ALL_MAX_ITEMS", 0, "must be a positive whole number or None"),
])
def test_settings_are_checked(key, value, words):
    with pytest.raises(ConfigError, match=re.escape(words)) as failure:
        check_settings({key: value})
    assert key in str(failure.value)


def test_the_builds_link_maker_writes_the_links_make_link_writes():
    """The build quotes what every link shares once (:class:`LinkMaker`); each link must still be GitHub's
    new-file address for the whole file name and template, quoted at once (``github_url``), character for
    character, whatever the repo, branch, folders, slug and reply."""
    import random

    from replies.reader import PLACEHOLDER_DATE
    from replies.reply_links import LinkMaker, github_url, make_link, reply_template, template_reply_id

    pick = random.Random(7)
    alphabet = "aZ09 -_/+&=?#%:.~é漢\u00a0'\""
    word = lambda: "".join(pick.choice(alphabet) for _ in range(pick.randint(1, 12)))  # noqa: E731
    for _ in range(300):
        settings = {"REPLIES_LINK_GITHUB_REPO": pick.choice(["mira/field-notes", "o/r.x"]), "TIMEZONE": "Asia/Tokyo",
                    "REPLIES_LINK_GITHUB_BRANCH": pick.choice(["main", "gh pages/é"]),
                    "REPLIES_LINK_CONTENT_DIR": pick.choice(["content", "", "/site/content/"]),
                    "REPLIES_PATH": pick.choice(["replies", "", "talk/replies"])}
        slug, reply_to = word(), pick.choice([None, "", word(), f"{word()}/{word()}"])
        assert LinkMaker(settings)(slug, reply_to, "T") == make_link(settings, slug, reply_to, "T"), (settings, slug)
        reply_id = template_reply_id(f"{slug}/{reply_to or ''}")
        parts = (settings["REPLIES_LINK_CONTENT_DIR"].strip("/"), settings["REPLIES_PATH"].strip("/"), slug)
        filename = "/".join(p for p in parts if p) + f"/{reply_id}.md"
        whole = github_url(settings["REPLIES_LINK_GITHUB_REPO"], settings["REPLIES_LINK_GITHUB_BRANCH"], filename,
                           reply_template(PLACEHOLDER_DATE, reply_to))
        assert LinkMaker(settings)(slug, reply_to, "T").url == whole, (settings, slug, reply_to)
    mail = {"REPLIES_LINK_EMAIL": "replies@example.org"}
    assert LinkMaker(mail)("p", "r1", "T") == make_link(mail, "p", "r1", "T")
    assert LinkMaker({})("p", None) is None
