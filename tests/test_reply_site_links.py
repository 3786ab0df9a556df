"""A reply links another post by its file, as a post does (``[x]({filename}/posts/y.md)``): the page, the
feeds and the conversation map all lead to that post (plugins/replies/site_links.py)."""

from __future__ import annotations

import logging

import pytest
from sitebuild import read_graph_json, read_text


def _site(site):
    site.post("hub", "The hub.")
    site.post("other", "Another post.")
    site.reply("hub", "ada-1", "See [the other post]({filename}/posts/other.md#reply-ben-1) and "
               "[this one]({filename}posts/hub.md), not [a lost one]({filename}/posts/gone.md), "
               "[a draft]({filename}/posts/secret.md) or [an image]({static}/images/a.png).")
    site.post("secret", "Not yet.", extra="Status: draft\n")
    site.reply("other", "ben-1", "Nothing to resolve: [a page](https://example.org/x).", Author="Ben Ode")
    return site


def test_a_link_to_a_post_by_its_file_leads_to_the_post(site, caplog):
    with caplog.at_level(logging.WARNING):
        _site(site).build()
    body = site.page("posts/hub/index.html").select_one("#reply-ada-1 .reply-content")
    assert [(a.get_text(), a.get("href")) for a in body.find_all("a")] == [
        ("the other post", "../../posts/other/#reply-ben-1"), ("this one", "../../posts/hub/"), ("a lost one", None),
        ("a draft", None), ("an image", None)]
    assert all(a["rel"] == ["nofollow", "ugc"] for a in body.find_all("a"))
    assert (site.output / "posts" / "hub" / "../../posts/other/index.html").resolve().is_file()
    assert "filename" not in str(body) and "static" not in str(body)
    path = site.content / "replies" / "hub" / "ada-1.md"
    assert [r.getMessage() for r in caplog.records if "ada-1.md: links to" in r.getMessage()] == [
        f"{path}: links to {{filename}}/posts/gone.md, which is no post or page of the site (or a draft); "
        "its words are shown without the link",
        f"{path}: links to {{filename}}/posts/secret.md, which is no post or page of the site (or a draft); "
        "its words are shown without the link",
        f"{path}: links to {{static}}/images/a.png: a reply can link a post or page by its file "
        "({filename}/posts/...), nothing else; its words are shown without the link"]
    # The graph counts the tie the reader can follow, and only that one
    links = {(e["source"], e["target"]) for e in read_graph_json(site.output)["links"] if e.get("kind") == "link"}
    assert ("reply:hub/ada-1", "reply:other/ben-1") in links and not any("gone" in t for _, t in links), links


def test_under_a_sub_path_and_in_the_feeds(site):
    base = "https://owner.github.io/repo"
    _site(site).build(SITEURL=base, RELATIVE_URLS=False, FEED_DOMAIN=base)
    body = site.page("posts/hub/index.html").select_one("#reply-ada-1 .reply-content")
    assert body.find("a")["href"] == f"{base}/posts/other/#reply-ben-1"
    for feed in ("feeds/replies/hub.atom.xml", "feeds/replies.atom.xml"):
        text = read_text(site.output / feed)
        assert f"{base}/posts/other/#reply-ben-1" in text and "filename" not in text, feed


def test_strict_stops_on_a_link_to_no_post(site):
    _site(site)
    with pytest.raises(Exception, match=r"gone\.md, which is no post or page"):
        site.build(REPLIES_STRICT=True)


def test_check_replies_names_a_link_to_no_post(site):
    """A pull request's check says what the strict public build would stop on."""
    from replies.check import check_replies
    from sitebuild import site_settings

    _site(site)
    folder = site.content / "replies" / "hub"
    report = check_replies(site.content, site_settings(site.content, site.output), [folder / "ada-1.md"])
    assert [w.split(": links to ")[1].split(",")[0].split(":")[0] for w in report.warnings] == [
        "{filename}/posts/gone.md", "{filename}/posts/secret.md", "{static}/images/a.png"]
    assert report.failed(strict=True) and not report.errors
