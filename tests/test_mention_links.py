"""An @handle in a reply leads to the person it names (plugins/conversation_map/mention_links.py)."""

from __future__ import annotations

import networkx as nx
import pytest
from bs4 import BeautifulSoup
from conftest import SiteMaker
from conversation_map.mention_links import person_links
from test_browser import Visit, browser  # noqa: F401  (the module-scoped Chromium fixture)

BODY = """
Thanks @mira, and @MiraOkafor again; @Ada saw it first. Not @nobody, nor Mira by name,
nor me@mira.example.

In code `@mira`, in a [link to @mira](https://x.example/), and <@mira> &@ada.

> @mira wrote this before me.
"""


def _site(root) -> SiteMaker:
    site = SiteMaker(root)
    site.post("on-notes", "Notes on notes.", author="Mira Okafor")
    site.reply("on-notes", "ada-1", "A first thought.", Author="Ada Park")
    site.reply("on-notes", "mira-1", "Thank you, Ada.", Author="Mira Okafor", Reply_To="ada-1")
    site.reply("on-notes", "ben-1", BODY, Author="Ben Ode", Reply_To="mira-1", Date="2026-01-03 10:00")
    site.reply("on-notes", "cy-1", "Nothing to link: @nobody, ben@ode.example.", Author="Cy Lamb",
               Date="2026-01-04 10:00")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = _site(tmp_path_factory.mktemp("mentions"))
    site.build()
    return site


def test_a_resolved_handle_leads_to_the_persons_page(built):
    page = built.page("posts/on-notes/index.html")
    body = page.select_one("#reply-ben-1 .reply-content")
    links = body.select("a.mention-link")
    assert [(a.get_text(), a["href"], a["title"]) for a in links] == [  # each person where first named
        ("@mira", "../../people/mira-okafor/", "Mira Okafor"),
        ("@Ada", "../../people/ada-park/", "Ada Park"),
    ]
    assert all(a["rel"] == ["nofollow", "ugc"] for a in body.find_all("a"))  # as every link in a reply
    for a in links:
        assert (built.output / "posts" / "on-notes" / a["href"] / "index.html").resolve().is_file()
    # Left alone: an unknown @word, a name without @, an e-mail address, code, an existing link, a quote
    assert body.find("code").find("a") is None and body.find("blockquote").find("a") is None
    assert [a.get_text() for a in body.find_all("a") if "mention-link" not in a.get("class", [])] == ["link to @mira"]
    text = " ".join(body.get_text().split())
    assert "Not @nobody, nor Mira by name, nor [email hidden]." in text
    assert "In code @mira, in a link to @mira, and <@mira> &@ada." in text  # the words are as written
    # A reply naming no one resolved is as it was
    assert page.select_one("#reply-cy-1 .reply-content a") is None


def test_handles_link_under_a_sub_path(tmp_path):
    site = _site(tmp_path)
    site.build(SITEURL="https://example.org/notes", RELATIVE_URLS=False)
    body = site.page("posts/on-notes/index.html").select_one("#reply-ben-1 .reply-content")
    assert {a["href"] for a in body.select("a.mention-link")} == {
        "https://example.org/notes/people/mira-okafor/", "https://example.org/notes/people/ada-park/"}


def test_a_name_with_markup_stays_text_in_the_link(tmp_path):
    site = SiteMaker(tmp_path)
    name = 'Quinn "><b onmouseover=alert(1)>Q</b>'
    site.post("p", "A post.", author="Mira Okafor")
    site.reply("p", "q-1", "I am here.", Author=name)
    site.reply("p", "m-1", '@quinn"><script>window.x=1</script> and @Quinn\'s <em>@quinn</em>',
               Author="Mira Okafor", Reply_To="q-1")
    site.reply("p", "m-2", "<em>@quinn</em>, again", Author="Mira Okafor", Reply_To="q-1", Date="2026-01-03 10:00")
    site.build()
    raw = (site.output / "posts" / "p" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(raw, "html.parser")
    body = page.select_one("#reply-m-1 .reply-content")
    links = body.select("a.mention-link") + page.select("#reply-m-2 .reply-content a.mention-link")
    assert len(links) == 2 and {a["title"] for a in links} == {name}
    assert body.find(["b", "script"]) is None and "onmouseover" not in "".join(a.get("href") for a in links)
    assert all(set(a.attrs) == {"class", "href", "title", "rel"} for a in links)


def test_a_reply_without_a_resolved_handle_is_not_read_again():
    graph = nx.MultiDiGraph(handles={"reply:p/b": (("ada", "person:ada"),)})
    graph.add_node("person:ada", kind="person", url="people/ada/", label="Ada")
    html = "<p>@ada</p>"
    context = {"conversation_graph": graph, "SITEURL": ".."}
    assert person_links(context, html, "p/a") is html  # the same object: no pass over it
    assert person_links(context, html, "p/b") == '<p><a class="mention-link" href="../people/ada/" ' \
                                                  'title="Ada" rel="nofollow ugc">@ada</a></p>'
    assert person_links({}, html, "p/b") is html  # without the conversation map


def test_a_reader_follows_the_handle(browser, built, serve_dir):  # noqa: F811
    visit = Visit(browser, serve_dir(built.output), width=390)
    page = visit.open("posts/on-notes/")
    link = page.locator("#reply-ben-1 a.mention-link").first
    assert link.is_visible()
    style = link.evaluate("a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).whiteSpace]")
    assert style == ["underline", "nowrap"]  # a link to read as one, never broken after its @
    link.click()
    page.wait_for_url("**/people/mira-okafor/")
    assert page.locator("h1").inner_text() == "Mira Okafor"
    assert not visit.errors
    page.close()


def test_handles_that_name_no_one_here_stay_text(tmp_path):
    """A handle on another server, and a handle several people's names make, name no one: no link, no
    mention in the graph; a person named a thousand times is linked once."""
    site = SiteMaker(tmp_path)
    site.post("p", "A post.", author="Mira Okafor")
    site.reply("p", "a-1", "First.", Author="Ada Park")
    for i, name in enumerate(("Jo O'Neil", "Jo O Neil")):
        site.reply("p", f"jo-{i}", "Here too.", Author=name, Date=f"2026-01-0{i + 2} 10:00")
    site.reply("p", "b-1", "Also @ada@example.social and @JoONeil. " + "@ada " * 1000, Author="Ben Ode",
               Date="2026-01-05 10:00")
    site.build()
    page = site.page("posts/p/index.html")
    body = page.select_one("#reply-b-1 .reply-content")
    assert [(a.get_text(), a["title"]) for a in body.select("a.mention-link")] == [("@ada", "Ada Park")]
    assert "Also @ada@example.social and @JoONeil." in " ".join(body.get_text().split())
    people = {p.get_text(" ", strip=True) for p in site.page("people/ben-ode/index.html").select("a")}
    assert not any("Jo O" in text for text in people), people  # Ben named neither Jo
