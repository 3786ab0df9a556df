"""Each edge kind of the conversation network on small hand-made conversations, with negatives."""

from __future__ import annotations

import pytest
from sitebuild import export_path, read_graph_json, read_text

QUOTED = "Describe what you see before you say what you think of it, every single time."


def edges(site, kind=None):
    data = read_graph_json(site.output)
    found = {(link["source"], link["target"], link["kind"]) for link in data["links"]}
    return {e for e in found if kind is None or e[2] == kind}


def nodes(site):
    data = read_graph_json(site.output)
    return {n["id"]: n for n in data["nodes"]}


@pytest.fixture
def base(site):
    site.post("p", f"Some opening words. {QUOTED} And a closing line.")
    return site


def test_authored_and_reply_edges(base):
    base.reply("p", "a", "First.", Author="Ada Park")
    base.reply("p", "m", "Answer.", Author="Mira Okafor", Date="2026-01-03", Reply_To="a")
    base.build()
    assert {("person:ada-park", "reply:p/a", "authored"), ("person:mira-okafor", "post:p", "authored"),
            ("person:mira-okafor", "reply:p/m", "authored")} <= edges(base, "authored")
    assert edges(base, "reply") == {("reply:p/a", "post:p", "reply"), ("reply:p/m", "reply:p/a", "reply")}
    n = nodes(base)
    assert (n["reply:p/a"]["kind"], n["reply:p/a"]["url"]) == ("reply", "posts/p/#reply-a")
    assert (n["person:ada-park"]["kind"], n["person:ada-park"]["label"]) == ("person", "Ada Park")
    assert (n["post:p"]["kind"], n["post:p"]["url"]) == ("post", "posts/p/")


def test_reply_edge_across_posts(base):
    base.post("q", "Another post.", date="2026-01-04")
    base.reply("p", "a", "First.", Author="Ada Park")
    base.reply("q", "b", "Replying over there.", Author="Ben Ode", Date="2026-01-05", Reply_To="p/a")
    base.build()
    assert ("reply:q/b", "reply:p/a", "reply") in edges(base, "reply")


def test_quote_from_a_blockquote_and_from_a_quoted_sentence(base):
    base.reply("p", "a", f"> {QUOTED.upper()}\n\nReally?", Author="Ada Park")
    base.reply("p", "b", "You wrote “describe what you see before you say what you think” and I doubt it.",
               Author="Ben Ode", Date="2026-01-03")
    base.build()
    assert edges(base, "quote") == {("reply:p/a", "post:p", "quote"), ("reply:p/b", "post:p", "quote")}


def test_a_five_word_overlap_is_not_a_quote(base):
    base.reply("p", "a", "> before you say what you\n\nHmm.", Author="Ada Park")
    base.reply("p", "b", 'As in "describe what you see before" — no.', Author="Ben Ode", Date="2026-01-03")
    base.build()
    assert edges(base, "quote") == set()


def test_quoting_a_reply_points_at_the_reply_and_not_at_later_text(base):
    said = "Notes written on the same day are worth twice what I write a week later."
    base.reply("p", "a", said, Author="Ada Park")
    base.reply("p", "b", f"> {said}\n\nAgreed.", Author="Ben Ode", Date="2026-01-03")
    base.build()
    assert edges(base, "quote") == {("reply:p/b", "reply:p/a", "quote")}


def test_mentions_by_handle_full_name_and_unambiguous_first_name(base):
    base.reply("p", "a", "Opening.", Author="Ada Park")
    base.reply("p", "b", "Second.", Author="Ben Ode", Date="2026-01-03")
    base.reply("p", "c", "@ada has a point.", Author="Cy Lee", Date="2026-01-04")
    base.reply("p", "d", "I think ben ode is right.", Author="Dee Moss", Date="2026-01-05")
    base.reply("p", "e", "Cy, you too.", Author="Eli Ford", Date="2026-01-06")
    base.build()
    assert edges(base, "mention") == {("reply:p/c", "person:ada-park", "mention"),
                                      ("reply:p/d", "person:ben-ode", "mention"),
                                      ("reply:p/e", "person:cy-lee", "mention")}


def test_a_handle_names_whoever_signs_with_that_profile(base):
    """Replies brought in from Twitter or Mastodon (webmentions) name people by the handle of the
    profile they sign with, not by their name."""
    base.reply("p", "a", "Thanks for this.", Author="Sia", **{"Author-URL": "https://twitter.com/TheGreenGreek"})
    base.reply("p", "b", "Opening.", Author="Bryce Wray", Date="2026-01-03",
               **{"Author-URL": "https://mastodon.example/@bryce"})
    base.reply("p", "c", ".@TheGreenGreek extremely helpful! cc @bryce", Author="Cy Lee", Date="2026-01-04")
    base.build()
    assert edges(base, "mention") == {("reply:p/c", "person:sia", "mention"),
                                      ("reply:p/c", "person:bryce-wray", "mention")}


def test_a_shortened_handle_names_the_one_person_here_whose_name_begins_with_it(base):
    base.reply("p", "a", "Opening.", Author="Yuppiedeadhead")
    base.reply("p", "b", "Second.", Author="Yoonar", Date="2026-01-03")
    base.reply("p", "c", "@Yuppie: that was a rant. @yo, not you.", Author="Cy Lee", Date="2026-01-04")
    base.build()
    assert edges(base, "mention") == {("reply:p/c", "person:yuppiedeadhead", "mention")}  # "@yo" is too short


def test_an_ambiguous_first_name_is_not_a_mention(base):
    base.reply("p", "a", "Opening.", Author="Sam Oduya")
    base.reply("p", "b", "Second.", Author="Sam Reyes", Date="2026-01-03")
    base.reply("p", "c", "Sam, which of you meant that?", Author="Cy Lee", Date="2026-01-04")
    base.build()
    assert edges(base, "mention") == set()


def test_naming_yourself_is_not_a_mention(base):
    base.reply("p", "a", "As Ada Park, I say so.", Author="Ada Park")
    base.build()
    assert edges(base, "mention") == set()


def test_links_to_posts_in_every_form(site):
    site.post("old", "The earlier post.", date="2026-01-01")
    site.post("new", "See [the old one]({filename}/posts/old.md).", date="2026-02-01")
    site.post("rel", "See [it]({filename}old.md).", date="2026-02-02")
    site.post("abs", "See [it](https://owner.github.io/repo/posts/old/).", date="2026-02-03")
    site.post("root", "See [it](/repo/posts/old/) and [elsewhere](https://other.example/posts/old/).",
              date="2026-02-04")
    site.reply("old", "a", "Compare [this](../new/) and [that reply](../new/#reply-b).", Author="Ada Park",
               Date="2026-02-05")
    site.reply("new", "b", "Fine.", Author="Ben Ode", Date="2026-02-05")
    site.build(SITEURL="https://owner.github.io/repo", RELATIVE_URLS=False)
    assert edges(site, "link") == {("post:new", "post:old", "link"), ("post:rel", "post:old", "link"),
                                   ("post:abs", "post:old", "link"), ("post:root", "post:old", "link"),
                                   ("reply:old/a", "post:new", "link"), ("reply:old/a", "reply:new/b", "link")}


def test_pingback_is_a_link_from_an_outside_source(base):
    base.reply("p", "ping", "They wrote about it.", Author="Notebooks", Kind="pingback",
               Source_URL="https://blog.example.net/n/")
    base.build()
    assert edges(base, "link") == {("source:https://blog.example.net/n/", "post:p", "link")}
    source = nodes(base)["source:https://blog.example.net/n/"]
    assert (source["kind"], source["label"], source["url"]) == ("source", "Notebooks", "https://blog.example.net/n/")


def test_builds_on_metadata_cites_sources_and_posts(site):
    site.post("old", "Earlier.", date="2026-01-01")
    site.post("new", "Later.", date="2026-02-01",
              extra="Builds-On: https://en.wikipedia.org/wiki/Reflective_practice, Donald Schön, old\n")
    site.build()
    assert edges(site, "cites") == {("post:new", "source:https://en.wikipedia.org/wiki/Reflective_practice", "cites"),
                                    ("post:new", "source:Donald Schön", "cites"), ("post:new", "post:old", "cites")}
    assert nodes(site)["source:Donald Schön"]["label"] == "Donald Schön"


def test_aliases_merge_people_by_name_and_url(base):
    base.reply("p", "a", "One.", Author="A. Park", Author_URL="https://ada.example/")
    base.reply("p", "b", "Two.", Author="Ada", Date="2026-01-03", Author_URL="https://ada.example")
    base.reply("p", "c", "Three.", Author="ada  PARK", Date="2026-01-04")
    base.reply("p", "d", "Four.", Author="Impostor", Date="2026-01-05", Author_URL="https://ada.example/x")
    base.build(CONVERSATION_MAP_ALIASES={"A. Park": "Ada Park", "https://ada.example/": "Ada Park"})
    people = [n for n, d in nodes(base).items() if d["kind"] == "person"]
    assert sorted(people) == ["person:ada-park", "person:impostor", "person:mira-okafor"]
    assert {("person:ada-park", f"reply:p/{r}", "authored") for r in "abc"} <= edges(base, "authored")


def test_a_shared_url_alone_does_not_merge_people(base):
    base.reply("p", "a", "One.", Author="Jane Doe", Author_URL="http://example.org/")
    base.reply("p", "b", "Two.", Author="Fred Bloggs", Date="2026-01-03", Author_URL="http://example.org/")
    base.build()
    people = sorted(n for n, d in nodes(base).items() if d["kind"] == "person")
    assert people == ["person:fred-bloggs", "person:jane-doe", "person:mira-okafor"]


def test_unknown_map_setting_names_the_key(base):
    from conversation_map.settings import ConfigError

    with pytest.raises(ConfigError, match="unknown setting CONVERSATION_MAP_ALIAS "):
        base.build(CONVERSATION_MAP_ALIAS={})


def test_answering_yourself_is_not_a_person_edge(base):
    base.reply("p", "a", "A thought.", Author="Ada Park")
    base.reply("p", "b", "And a second thought, @ada-park.", Author="Ada Park", Date="2026-01-03", Reply_To="a")
    base.build(CONVERSATION_MAP_INCLUDE_HOST=True)  # count answers to the post too
    assert ("reply:p/b", "reply:p/a", "reply") in edges(base, "reply")
    assert edges(base, "mention") == set()
    rows = [(tr.select("td")[0].get_text(), tr.select("td")[1].get_text())
            for tr in base.page("conversations/index.html").select("h2 + table.builds-on-table tbody tr")
            if len(tr.select("td")) == 4]
    assert rows == [("Ada Park", "Mira Okafor")]


def test_an_unchanged_people_graph_is_not_laid_out_again(tmp_path, monkeypatch):
    import networkx as nx
    from conversation_map import layout

    graph = nx.DiGraph([("person:a", "person:b"), ("person:b", "person:c")])
    first = layout.force_layout(graph, seed=7, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(layout.nx, "spring_layout", no_layout)
    assert layout.force_layout(graph, seed=7, cache_dir=tmp_path) == first
    graph.add_edge("person:c", "person:d")
    with pytest.raises(AssertionError, match="laid out again"):
        layout.force_layout(graph, seed=7, cache_dir=tmp_path)


def test_unsafe_builds_on_items_are_left_out_with_a_warning(site, caplog):
    site.post("old", "Earlier.", date="2026-01-01")
    site.post("new", "Later.", date="2026-02-01",
              extra="Builds-On: javascript:alert(1), https://u:p@evil.example/, http://192.168.1.1/admin, "
                    "Eve <eve@example.com>, new, nonexistent-slug, https://ok.example/essay\n")
    site.build()
    assert edges(site, "cites") == {("post:new", "source:nonexistent-slug", "cites"),
                                    ("post:new", "source:https://ok.example/essay", "cites")}
    raw = read_text(export_path(site.output, "graph.json")) + read_text(export_path(site.output, "graph.graphml"))
    for leaked in ("javascript", "evil.example", "192.168", "eve@"):
        assert leaked not in raw
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "new.md: Builds-On names the post itself" in messages
    assert "'nonexistent-slug' is no post slug" in messages


def test_a_first_name_that_starts_a_sentence_as_a_word_is_not_a_mention(base):
    base.reply("p", "a", "Opening.", Author="Will Tanaka")
    base.reply("p", "b", "Will this work on paper?", Author="Cy Lee", Date="2026-01-03")
    base.reply("p", "c", "Will, it does.", Author="Dee Moss", Date="2026-01-04")
    base.build()
    assert edges(base, "mention") == {("reply:p/c", "person:will-tanaka", "mention")}


def test_a_first_name_inside_someone_elses_full_name_is_not_a_mention(base):
    """Kai wrote "As Zoe Holm said": the graph also credited him with naming Zoe Park, the one Zoe
    on the post, and drew the line (a reviewer on the 1,000-post archive)."""
    base.post("q", "Another post.", date="2026-02-01 09:00")
    base.reply("q", "h", "Margins are for arguing.", Author="Zoe Holm", Date="2026-02-02")
    base.reply("p", "z", "Opening.", Author="Zoe Park")
    base.reply("p", "k", "As Zoe Holm said, margins are for arguing.", Author="Kai Varga", Date="2026-01-03")
    base.build()
    assert edges(base, "mention") == {("reply:p/k", "person:zoe-holm", "mention")}
