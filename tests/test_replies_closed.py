"""``Replies: closed`` on a hand-written post: its page invites no reply, its replies stay, ``invoke
new-reply`` refuses it, and a reply still waiting under it is named in the build."""

from __future__ import annotations

import logging

import pytest
from replies.authoring import AuthoringError, new_reply


def test_closed_post_shows_its_replies_and_no_reply_link(site, caplog):
    site.post("quiet", extra="Replies: closed\n")
    site.post("open-one")
    site.reply("quiet", "ada-1", "An answer from before.")
    site.reply("quiet", "ben-1", "And one to Ada.", Reply_To="ada-1", Author="Ben Ode")
    waiting = site.reply("quiet", "leo-1", "Came in late.", Author="Leo Hart", Status="pending")
    site.reply("open-one", "ada-1", "Open.")
    with caplog.at_level(logging.WARNING):
        site.build()
    page = site.page("posts/quiet/index.html")
    assert page.select(".reply-link") == [] and page.select_one(".how-to-reply") is None
    assert [li["id"] for li in page.select("#replies li.reply")] == ["reply-ada-1", "reply-ben-1"]
    assert page.select_one("#replies .reply-count").get_text(" ", strip=True).startswith("2 replies from 2 people")
    assert page.select_one("#replies .replies-closed").get_text(strip=True) == "Replies are closed"
    assert page.find("section", id="replies").get("data-reply-date") is None
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(str(waiting)) and "Replies: closed" in m and "quiet.md" in m for m in messages), messages
    other = site.page("posts/open-one/index.html")
    assert [a.get_text() for a in other.select(".reply-link")] == ["Reply to this post", "Reply"]
    assert other.select_one(".replies-closed") is None


def test_a_value_neither_open_nor_closed_is_named_and_open(site, caplog):
    path = site.post("unsure", extra="Replies: later\n")
    with caplog.at_level(logging.WARNING):
        site.build()
    assert any(r.getMessage().startswith(str(path)) and "Replies: 'later' is neither" in r.getMessage()
               for r in caplog.records)
    page = site.page("posts/unsure/index.html")
    assert page.select_one("#replies .reply-count").get_text(strip=True) == "No replies yet"
    assert [a.get_text() for a in page.select(".reply-link")] == ["Reply to this post"]


def test_new_reply_refuses_a_closed_post(site):
    path = site.post("quiet", extra="Replies: Closed\n")
    site.raw("imported/wordpress/old.html", '<html><head><title>Old</title><meta name="slug" content="old">'
                                            '<meta name="replies" content="closed"></head><body>x</body></html>')
    for slug, where in (("quiet", path), ("old", site.content / "imported" / "wordpress" / "old.html")):
        with pytest.raises(AuthoringError) as refused:
            new_reply(site.content, slug, "Mira Okafor")
        assert str(where) in str(refused.value) and "Replies: closed" in str(refused.value)
        assert not (site.content / "replies" / slug).exists()
        assert ("the import wrote it" in str(refused.value)) == (slug == "old"), str(refused.value)
    site.post("open-one", extra="Replies: open\n")
    assert new_reply(site.content, "open-one", "Mira Okafor").is_file()


def test_a_closing_key_of_another_blog_engine_is_named(site, caplog):
    path = site.post("quiet", extra="Comments: closed\n")
    with caplog.at_level(logging.WARNING):
        site.build()
    assert f"{path}: Comments: 'closed' is not read; did you mean 'Replies: closed'?" in [r.getMessage()
                                                                                          for r in caplog.records]


@pytest.mark.parametrize("extra, waiting, said", [
    ("Comments: closed\n", False, "did you mean 'Replies: closed'?"),
    ("Replies: later\n", False, "Replies: 'later' is neither 'open' nor 'closed'"),
    ("Replies: closed\n", True, "which says Replies: closed"),
])
def test_strict_stops_on_what_a_post_says_of_its_replies(site, extra, waiting, said):
    """REPLIES_STRICT turns these warnings into a failed build, as it does every other one, naming the file."""
    path = site.post("quiet", extra=extra)
    site.reply("quiet", "ada-1", "An answer from before.")
    if waiting:
        path = site.reply("quiet", "leo-1", "Came in late.", Author="Leo Hart", Status="pending")
    site.build()  # not strict: built, with the warning
    with pytest.raises(Exception) as stopped:
        site.build(REPLIES_STRICT=True)
    assert str(path) in str(stopped.value) and said in str(stopped.value), str(stopped.value)
    assert "REPLIES_STRICT" in str(stopped.value)
