"""From drawing to insight (issue 12): each feature on small cases with negatives, then the sample site.

Unit tests use small hand-made graphs and texts; the page tests build real sites (a small one
per case, the sample site once per session) and read the HTML with BeautifulSoup.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from conftest import soup_of
from conversation_map import insight
from conversation_map.marginalia import marginalia
from conversation_map.settings import ConfigError, check_settings
from conversation_map.textmatch import TextParts, parse_html, questions
from hypothesis import example, given, settings
from hypothesis import strategies as st


def graph(posts: dict, replies: list[tuple]) -> nx.MultiDiGraph:
    """posts: slug -> author; replies: (node, author, parent node, date)."""
    G = nx.MultiDiGraph()
    for slug, author in posts.items():
        G.add_node(f"person:{author}", kind="person", label=author.title(), url=f"people/{author}/")
        G.add_node(f"post:{slug}", kind="post", conversation=slug, author=f"person:{author}",
                   date="2026-01-01", label=slug, url=f"posts/{slug}/")
    for node, author, parent, date in replies:
        G.add_node(f"person:{author}", kind="person", label=author.title(), url=f"people/{author}/")
        slug = node.split(":")[1].split("/")[0]
        G.add_node(node, kind="reply", conversation=slug, author=f"person:{author}", date=date,
                   label=node, url=f"posts/{slug}/#reply-{node.rsplit('/', 1)[1]}")
        G.add_edge(node, parent, key="reply", kind="reply")
    return G


# -- 1. who built on whom ------------------------------------------------------------------------

def test_answering_the_post_is_counted_apart_from_building_on_a_reader():
    G = graph({"p": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                              ("reply:p/2", "helen", "post:p", "2026-01-03"),
                              ("reply:p/3", "jonas", "reply:p/2", "2026-01-04"),
                              ("reply:p/4", "mira", "reply:p/3", "2026-01-05")])
    split = insight.who_built_on_whom(G)
    assert sorted(split["people"].edges) == [("person:jonas", "person:helen")]
    assert split["host"] == {"person:mira": {"answered": 2, "answers": 1}}
    with_host = insight.who_built_on_whom(G, include_host=True)["people"]
    assert with_host.has_edge("person:sam", "person:mira") and with_host.has_edge("person:mira", "person:jonas")


def test_a_reader_answering_across_posts_builds_on_a_reader_not_on_the_host():
    G = graph({"p": "mira", "q": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                                           ("reply:q/1", "helen", "reply:p/1", "2026-01-03"),
                                           ("reply:q/2", "helen", "reply:p/1", "2026-01-04")])
    G.add_edge("reply:q/2", "post:p", key="quote", kind="quote")  # quoting the host's other post
    split = insight.who_built_on_whom(G)
    assert sorted(split["people"].edges) == [("person:helen", "person:sam")]
    assert split["people"]["person:helen"]["person:sam"]["weight"] == 2
    assert split["host"]["person:mira"]["answered"] == 2  # Sam answered p; Helen quoted p


def test_settings_of_the_insight_stage_are_checked():
    assert check_settings({})["CONVERSATION_MAP_INCLUDE_HOST"] is False
    with pytest.raises(ConfigError, match="CONVERSATION_MAP_INCLUDE_HOST must be bool"):
        check_settings({"CONVERSATION_MAP_INCLUDE_HOST": "yes"})
    with pytest.raises(ConfigError, match="EXCHANGE_MIN_ANSWERS must be at least 2"):
        check_settings({"CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS": 1})


# -- 2. exchanges ---------------------------------------------------------------------------------

def test_exchanges_need_answers_both_ways_and_ignore_answers_to_the_post():
    G = graph({"p": "mira", "q": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                                           ("reply:p/2", "mira", "reply:p/1", "2026-01-03"),
                                           ("reply:p/3", "sam", "reply:p/2", "2026-01-04"),
                                           ("reply:p/4", "helen", "reply:p/3", "2026-01-05"),
                                           ("reply:p/5", "helen", "reply:p/3", "2026-01-06"),
                                           ("reply:q/1", "mira", "reply:p/3", "2026-01-07")])
    found = insight.exchanges(G)
    assert list(found) == ["person:mira|person:sam"]  # Helen answered Sam twice; Sam never answered her
    pair = found["person:mira|person:sam"]
    assert pair["answers"] == 3
    # one chain of replies, across two posts, oldest first
    assert pair["chains"] == [{"conversation": "p", "replies": ["reply:p/1", "reply:p/2", "reply:p/3", "reply:q/1"]}]
    assert insight.exchanges(G, min_answers=4) == {}


# -- 3. marginalia ---------------------------------------------------------------------------------

POST = ("<p>Slowing down was harder than I expected, and more useful than I had hoped it would be.</p>"
        "<ul><li>On Monday I read the chapter once, straight through, without marking anything.</li></ul>"
        "<blockquote><p>Whatever you attend to slowly, the same book or the same friend, attends back.</p></blockquote>"
        "<p>A book read slowly once seems to go further than the same book skimmed three times.</p>")


def reply(node: str, body: str, author: str = "Sam") -> dict:
    return {"node": node, "author": author, "url": f"posts/p/#{node}", "anchor": node, "parts": parse_html(body)}


def test_marginalia_marks_quoted_named_linked_and_argued_paragraphs():
    replies = [
        reply("reply-1", "<blockquote>A book read slowly once seems to go further than the same book</blockquote>"
                         "<p>I'm not sure how you would know.</p>"),
        reply("reply-2", "<p>“straight through, without marking” is the hard part.</p>", "Ada"),
        reply("reply-3", '<p>See <a href="#para-1">the opening</a>.</p>', "Ben"),
        reply("reply-4", "<blockquote>Slowing down was harder than I expected … more useful than I had hoped"
                         "</blockquote><p>Same here.</p>", "Cy"),
    ]
    result = marginalia(POST, replies)
    notes = {n["id"]: [(r["author"], r["how"]) for r in n["replies"]] for n in result["notes"]}
    assert notes == {"para-1": [("Ben", "linked to"), ("Cy", "quoted")], "para-2": [("Ada", "named")],
                     "para-4": [("Sam", "argued with")]}
    soup = soup_of_html(result["html"])
    marks = {a.parent.get("id"): (a.get_text(), a["href"]) for a in soup.select("a.margin-mark")}
    assert marks == {"para-1": ("2", "#margin-para-1"), "para-2": ("1", "#margin-para-2"),
                     "para-4": ("1", "#margin-para-4")}
    assert [el.get("id") for el in soup.select("p, li, blockquote") if el.get("id")] == [
        "para-1", "para-2", "para-3", "para-4"]


def test_marginalia_negatives_short_shared_or_unrelated_words_mark_nothing():
    replies = [
        reply("reply-1", "<p>I read it once too, and “the same book” is what I had.</p>"),  # in two paragraphs
        reply("reply-2", "<blockquote>more useful</blockquote><p>Yes.</p>"),  # two words
        reply("reply-3", "<p>Nothing from the post here, just my own thoughts about pencils and paper.</p>"),
        reply("reply-4", '<p><a href="https://elsewhere.example/#para-1">another site</a></p>'),
    ]
    result = marginalia(POST, replies)
    assert result["notes"] == [] and "margin-mark" not in result["html"]


def test_marginalia_keeps_the_post_as_written_around_its_marks():
    """The ids and marks are spliced into the post's own HTML (no re-serialised tree): everything else,
    CRLF line ends, entities, attribute quoting and a block's own id and classes, stays as written."""
    post = ('<p class="lead" data-x=\'1\'>Slowing down was harder\r\nthan I expected, &amp; more useful than I had'
            ' hoped it would be.</p>\r\n<!-- a note -->\r\n<p id="mine">A book read slowly once seems to go further'
            ' than the same book skimmed three times.<script>var noted = 1;</script></p>\r\n<pre>kept  as   is</pre>')
    replies = [reply("reply-1", "<blockquote>harder than I expected, & more useful than I had hoped</blockquote>"
                                "<p>Yes!</p>"),
               reply("reply-2", '<p>See <a href="#mine">this</a>.</p>', "Ben")]
    result = marginalia(post, replies)
    assert [(n["id"], n["number"], [r["how"] for r in n["replies"]]) for n in result["notes"]] == [
        ("para-1", 1, ["quoted"]), ("mine", 2, ["linked to"])]
    assert result["notes"][0]["excerpt"].startswith("Slowing down was harder than I expected, & more")
    assert result["notes"][1]["excerpt"].endswith("skimmed three times.")  # a script is not text
    html = result["html"]
    assert html.startswith('<p id="para-1" class="lead has-margin-note" data-x="1"><a class="margin-mark" '
                           'href="#margin-para-1" aria-label="1 reply took this up" title="1 reply took this up">'
                           '1</a>Slowing down was harder'
                           '\r\nthan I expected, &amp; more')
    assert ('\r\n<!-- a note -->\r\n<p id="mine" class="has-margin-note"><a class="margin-mark" '
            'href="#margin-mine"') in html
    assert html.endswith('<pre id="para-3">kept  as   is</pre>')


def soup_of_html(html: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


# -- 4. open questions -------------------------------------------------------------------------------

def test_rhetorical_and_quoted_questions_are_not_open():
    assert questions("Comments? I love them! They cost me an hour a day.") == []
    assert questions("Does it scale? No. Does it need to? Because it works, I stopped asking.") == []
    assert questions('She asked "is it any good?" and I still wonder.') == []
    assert questions("Does it work with strangers? I have only tried it with friends.") == [
        "Does it work with strangers?"]
    assert questions("Would a minute of silence help? Or is that too much?") == [
        "Would a minute of silence help?", "Or is that too much?"]


def test_open_questions_answered_by_someone_else_anywhere_are_closed():
    G = graph({"p": "mira", "q": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                                           ("reply:p/2", "sam", "reply:p/1", "2026-01-03"),
                                           ("reply:p/3", "ada", "post:p", "2026-01-04"),
                                           ("reply:q/1", "helen", "reply:p/3", "2026-01-05")])
    for n in ("reply:p/1", "reply:p/3"):
        G.nodes[n]["asks_question"] = True
    # Sam answering himself keeps his question open; Helen answered Ada from another post
    assert insight.open_questions(G, ["reply:p/1", "reply:p/2", "reply:p/3"]) == ["reply:p/1"]


def test_trails_follow_replies_quotes_and_links_between_posts_only():
    G = graph({"a": "mira", "b": "mira"}, [("reply:a/1", "sam", "post:a", "2026-01-02"),
                                           ("reply:b/1", "helen", "reply:a/1", "2026-02-02"),
                                           ("reply:b/2", "ada", "post:b", "2026-02-03")])
    G.add_edge("post:b", "post:a", key="link", kind="link")
    G.add_edge("reply:a/1", "post:a", key="quote", kind="quote")  # inside one conversation: no trail
    G.add_node("source:x", kind="source")
    G.add_edge("post:b", "source:x", key="cites", kind="cites")
    trails = insight.trails(G)
    assert [(t["raised_in"], t["taken_up_in"], t["via"], t["kinds"]) for t in trails] == [
        ("a", "b", ["post:b", "reply:b/1"], ["link", "reply"])]


# -- 5. shape ----------------------------------------------------------------------------------------

def shape_of(G, texts, open_count=0):
    members = sorted(n for n, d in G.nodes(data=True) if d.get("conversation") == "p")
    names = {n: d["label"] for n, d in G.nodes(data=True) if d.get("kind") == "person"}
    replies = [n for n in members if G.nodes[n].get("kind") == "reply"]
    counts = (len(replies), len({G.nodes[n]["author"] for n in replies}))  # as count_replies counts them
    return insight.conversation_shape(G, "post:p", members, texts, open_count, names, counts)


def plain(text: str) -> TextParts:
    return TextParts(text, text, [], [])


def test_conversation_shapes_follow_the_documented_rules():
    fine = plain("Thanks, that helps.")
    broadcast = graph({"p": "mira"}, [(f"reply:p/{i}", f"r{i}", "post:p", f"2026-01-0{i}") for i in range(1, 5)])
    assert shape_of(broadcast, dict.fromkeys(broadcast, fine))["kind"] == "broadcast"

    qa = graph({"p": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                               ("reply:p/2", "mira", "reply:p/1", "2026-01-03")])
    qa.nodes["reply:p/1"]["asks_question"] = True
    assert shape_of(qa, dict.fromkeys(qa, fine))["kind"] == "question-and-answer"

    chain = graph({"p": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                                  ("reply:p/2", "ada", "reply:p/1", "2026-01-03"),
                                  ("reply:p/3", "sam", "reply:p/2", "2026-01-04")])
    result = shape_of(chain, dict.fromkeys(chain, fine), open_count=2)
    assert result["kind"] == "back-and-forth"
    assert result["sentence"] == "3 replies from 2 people · 3 replies in turn between Sam and Ada · 2 open questions"

    texts = dict.fromkeys(chain, fine)
    texts["reply:p/2"] = plain("I'm not sure that follows.")
    assert shape_of(chain, texts)["kind"] == "back-and-forth"  # one person pushing back is no debate
    texts["reply:p/3"] = plain("I disagree, and here is why.")
    assert shape_of(chain, texts)["kind"] == "debate"


def test_a_broadcast_never_says_nobody_answered_each_other_when_someone_did():
    """A reader saw "Broadcast: people answered the post rather than each other" over a list saying
    Bryce Wray built on Sia Karamalegos. A few readers answering readers are counted in its words; half
    or more make the conversation short exchanges; the post's author answering readers makes neither."""
    fine = plain("Thanks, that helps.")
    to_post = [(f"reply:p/{i}", f"r{i}", "post:p", f"2026-01-0{i}") for i in range(1, 5)]
    broadcast = shape_of(g := graph({"p": "mira"}, to_post), dict.fromkeys(g, fine))
    assert broadcast["meaning"] == "Broadcast: people answered the post rather than each other."
    one = graph({"p": "mira"}, [*to_post, ("reply:p/5", "bryce", "reply:p/4", "2026-01-06")])
    mostly = shape_of(one, dict.fromkeys(one, fine))
    assert mostly["kind"] == "broadcast"
    assert mostly["meaning"] == "Broadcast: only 1 of 5 replies by readers answered another reader."
    # the post's author thanking each reader is the post's own talk, not readers answering each other
    thanked = graph({"p": "mira"}, [("reply:p/1", "ada", "post:p", "2026-01-02"),
                                    ("reply:p/2", "mira", "reply:p/1", "2026-01-03"),
                                    ("reply:p/3", "ben", "post:p", "2026-01-04"),
                                    ("reply:p/4", "mira", "reply:p/3", "2026-01-05"),
                                    ("reply:p/5", "cy", "post:p", "2026-01-06")])
    host = shape_of(thanked, dict.fromkeys(thanked, fine))
    assert host["kind"] == "broadcast"
    assert host["meaning"] == "Broadcast: people answered the post rather than each other."
    pairs = graph({"p": "mira"}, [("reply:p/1", "sam", "post:p", "2026-01-02"),
                                  ("reply:p/2", "ada", "reply:p/1", "2026-01-03"),
                                  ("reply:p/3", "bo", "post:p", "2026-01-04"),
                                  ("reply:p/4", "cy", "reply:p/3", "2026-01-05")])
    short = shape_of(pairs, dict.fromkeys(pairs, fine))
    assert short["kind"] == "short-exchanges" and short["label"] == "Short exchanges"
    assert short["meaning"] == ("Short exchanges: readers answered each other, a reply or two at a time, "
                                "never three in turn.")


# -- 7. plain words ------------------------------------------------------------------------------------

def test_groups_are_named_after_their_tags_and_connectors_in_words():
    from collections import Counter
    P = nx.DiGraph([("h", "s"), ("s", "h"), ("h", "t"), ("t", "j"), ("j", "t")])
    groups = {"h": 0, "s": 0, "t": 1, "j": 1}
    tags = {"h": Counter(reading=3, reflection=1), "s": Counter(reading=2, reflection=1),
            "t": Counter(teaching=3, reflection=1), "j": Counter(teaching=1, feedback=2, reflection=1)}
    names = insight.group_names(groups, tags)
    assert names == {0: "reading", 1: "teaching and feedback"}
    assert insight.connectors(P, groups, names) == [
        {"person": "h", "groups": ["reading", "teaching and feedback"]},
        {"person": "t", "groups": ["teaching and feedback", "reading"]}]


# -- the sample site, built once -------------------------------------------------------------------------

READER_PAGES = ("index.html", "conversations/index.html", "conversations/questions/index.html",
                "posts/on-slow-reading/index.html", "posts/feedback-that-lands/index.html",
                "people/mira-okafor/index.html", "people/helen-achterberg/index.html")


def test_sample_site_reader_pages_use_plain_words(sample_site):
    jargon = re.compile(r"\b(nodes?|edges?|betweenness|centrality|communit(?:y|ies)|brokers?)\b|\d+ ?%", re.I)
    for page in READER_PAGES:
        soup = soup_of(sample_site / page)
        for tag in soup(["script", "style"]):
            tag.decompose()
        words = " ".join([soup.get_text(" "), *(el.get("aria-label", "") for el in soup.find_all(True)),
                          *(el.get("title", "") for el in soup.find_all(True))])
        assert not jargon.findall(words), (page, jargon.findall(words))


def test_a_list_of_posts_says_what_its_shape_words_mean_where_a_phone_can_read_it(sample_site):
    """A list's shape words ("Debate", "Broadcast") were explained only on pointing at them (a title): a
    phone, which cannot point, never showed what they mean. Under the list, each word the list uses is said
    once, in the order the list first uses it."""
    home = soup_of(sample_site / "index.html")
    used = []
    for line in home.select(".post-list .conversation-shape a"):
        word = line.get_text(" ", strip=True).split(" · ")[0]
        if word not in used:
            used.append(word)
    said = [li.get_text(" ", strip=True) for li in home.select(".shape-key li")]
    assert [line.split(":")[0] for line in said] == used and len(used) == 4, (said, used)
    assert "Debate: readers pushed back on each other, not only on the post." in said
    # one meaning a word, in general: a post's own ("only 1 of 3 replies by readers answered another
    # reader") said "Broadcast" a second time, with another meaning
    assert "Broadcast: people answered the post, hardly ever each other." in said
    key = home.select_one(".shape-key")
    assert key.find_previous_sibling("ol", class_="post-list") is not None  # under the list, not before it


def test_sample_site_shape_lines_on_home_page_and_posts(sample_site):
    home = [p.get_text(" ", strip=True) for p in soup_of(sample_site / "index.html").select(".conversation-shape")]
    assert len(home) == 5
    kinds = {line.split(" · ")[0] for line in home}
    assert kinds == {"Broadcast", "Debate", "Back-and-forth", "Questions and answers"}
    assert "Debate · 12 replies from 6 people · 5 replies in turn between Jonas and Priya · 1 open question" in home
    # a list says what its shape words mean on pointing at them, as the post says under its own
    titles = {a.get_text(" ", strip=True).split(" · ")[0]: a.get("title")
              for a in soup_of(sample_site / "index.html").select(".conversation-shape a")}
    assert titles["Debate"].startswith("Debate: ") and titles["Broadcast"].startswith("Broadcast: "), titles
    post = soup_of(sample_site / "posts/on-slow-reading/index.html")
    assert post.select_one(".post-header .conversation-shape a")["title"] == \
        "Back-and-forth: two people answered each other in turn, three replies or more."
    assert post.select_one(".post-header .conversation-shape a")["href"] == "#conversation"
    assert post.select_one("#conversation .conversation-shape") is not None
    # the shape's word is said in plain words under it
    assert post.select_one("#conversation .shape-meaning").get_text() == \
        "Back-and-forth: two people answered each other in turn, three replies or more."


def test_sample_site_exchanges_on_post_person_pages_and_conversations(sample_site):
    sentence = "Jonas and Priya went back and forth in 5 replies on “Feedback That Lands: Describe Before You Judge”"
    for page in ("posts/feedback-that-lands/index.html", "people/jonas-weber/index.html",
                 "people/priya-raman/index.html", "conversations/index.html"):
        exchanges = soup_of(sample_site / page).select(".exchange")
        titles = [e.select_one(".exchange-title").get_text(strip=True) for e in exchanges]
        said = sentence.split(" on “")[0] if page.startswith("posts/") else sentence  # not its own title again
        assert said in titles and (page.startswith("posts/") or sentence in titles), page
        chain = exchanges[titles.index(said)].select(".exchange-turn")
        if page.startswith("posts/"):  # the thread is on the page: each turn links to its reply there
            soup = soup_of(sample_site / page)
            assert [t.a.get_text(strip=True).split(",")[0] for t in chain] == [
                "Jonas Weber", "Priya Raman", "Jonas Weber", "Priya Raman", "Jonas Weber"]
            assert not any(t.select(".exchange-excerpt") for t in chain)
            for turn in chain:
                reply = soup.select_one(turn.a["href"])
                assert turn.a["href"].startswith("#reply-") and "reply" in reply["class"]
                assert turn.a.get_text(strip=True).startswith(reply.select_one(".reply-author").get_text(strip=True))
            continue
        assert [t.select_one(".exchange-who").get_text(strip=True) for t in chain] == [
            "Jonas Weber", "Priya Raman", "Jonas Weber", "Priya Raman", "Jonas Weber"]
        assert all(t.select_one(".exchange-excerpt").get_text(strip=True) for t in chain)
    # on the post, the readers' table shows reader-to-reader building; the host is counted apart
    post = soup_of(sample_site / "posts/feedback-that-lands/index.html")
    readers = post.select_one(".insight .readers").get_text(" ", strip=True)
    assert "Not counted here" in readers and "Priya Raman Jonas Weber" in readers


def test_an_exchange_under_two_posts_calls_the_page_s_own_post_this_post(sample_site):
    """On its own post's page an exchange named that post by its whole title again; under two posts, the
    page's own is "this post", the other by its title (the conversations page names both)."""
    def titles(page: str) -> list[str]:
        return [h.get_text(" ", strip=True) for h in soup_of(sample_site / page).select(".exchange-title")
                if h.get_text().startswith("Priya and Mira")]

    assert titles("posts/keeping-a-learning-journal/index.html") == [
        "Priya and Mira went back and forth in 4 replies on this post and “Learning in Public, Quietly”"]
    assert titles("conversations/index.html") == [
        "Priya and Mira went back and forth in 4 replies on “Keeping a Learning Journal Without Making It a Chore” "
        "and “Learning in Public, Quietly”"]


def test_sample_site_marginalia_marks_lead_to_the_replies(sample_site):
    post = soup_of(sample_site / "posts/on-slow-reading/index.html")
    marks = post.select(".post-body a.margin-mark")
    assert len(marks) >= 3
    for mark in marks:
        note = post.select_one(mark["href"])  # no JavaScript: a plain anchor
        assert note is not None and note.find_parent("aside", class_="marginalia")
        assert int(mark.get_text()) == len(note.select(":scope > ul > li"))
        for link in note.select(":scope > ul > li > a"):
            assert post.select_one(link["href"]).name == "li"  # the reply in the thread
        assert post.select_one(note.select_one("a.margin-back")["href"]) is mark.parent
    tomas = [li.get_text(" ", strip=True) for li in post.select(".margin-notes li li")]
    assert "Tomás Herrera quoted it" in tomas and "Sam Oduya argued with it" in tomas
    # The marks are counts, so the notes are not numbered like footnotes (a "1" beside each of three
    # paragraphs led to notes 1, 2 and 3): each note names its paragraph as a reader counts them.
    assert post.select_one("aside.marginalia > ul.margin-notes") and not post.select("aside.marginalia ol")
    body = post.select_one(".post-body")
    for mark in marks:
        block = mark.parent
        kind = {"p": "Paragraph", "li": "List item", "blockquote": "Quoted passage"}[block.name]
        number = 1 + sum(1 for other in body.find_all(block.name) if other is not block
                         and not other.find_parent(["blockquote", "li"])
                         and other.sourceline < block.sourceline)
        back = post.select_one(mark["href"]).select_one("a.margin-back").get_text(strip=True)
        assert back == f"{kind} {number}"


def test_margin_notes_name_each_block_by_its_kind_and_its_place_among_its_kind():
    post = ("<p>Start here, with a plain opening paragraph.</p><ul><li>One idea about margins.</li>"
            "<li>Write one question in the margin of every page you read.</li></ul>"
            "<p>A book read slowly once seems to go further than the same book skimmed.</p>")
    replies = [reply("reply-1", "<blockquote>write one question in the margin of every page</blockquote>"),
               reply("reply-2", "<blockquote>a book read slowly once seems to go further</blockquote>", "Ada")]
    notes = marginalia(post, replies)["notes"]
    assert [(n["kind"], n["number"], n["id"]) for n in notes] == [("List item", 2, "para-3"),
                                                                ("Paragraph", 2, "para-4")]


def test_sample_site_open_questions_page_and_trails(sample_site):
    page = soup_of(sample_site / "conversations/questions/index.html")
    items = page.select(".question-item")
    dates = [i.select_one("time")["datetime"] for i in items]
    assert dates == sorted(dates, reverse=True) and len(items) == 3
    texts = [i.select_one(".question-text").get_text(strip=True) for i in items]
    assert texts[0] == "Has anyone found a way to write back to a book that lives in an e-reader?"
    assert not any(t.startswith(("Comments?", "Does it work with people who did not choose")) for t in texts)
    links = [i.select("a")[-1]["href"] for i in items]
    assert links[0] == "../../posts/reading-with-a-pencil/#reply-sam-1"
    assert "What counts as an open question" in page.get_text()
    site = soup_of(sample_site / "conversations/index.html")
    trails = [li.get_text(" ", strip=True) for li in site.select(".trails li")]
    assert any(t.startswith("Raised in “Keeping a Learning Journal") and "Learning in Public" in t for t in trails)
    learning = soup_of(sample_site / "posts/learning-in-public/index.html").select_one(".insight .trails")
    assert "Raised in “Keeping a Learning Journal Without Making It a Chore”" in learning.get_text(" ", strip=True)
    # Each is credited with their own act: Mira's post links to the journal post, Priya's reply answers it.
    said = [" ".join(t.replace(" ;", ";").replace(" .", ".").split()) for t in trails]
    assert any(t.endswith("Mira Okafor built on and linked to it; Priya Raman answered it.") for t in said), said
    journal = soup_of(sample_site / "posts/keeping-a-learning-journal/index.html").select_one(".insight .trails")
    assert " ".join(journal.get_text(" ", strip=True).replace(" ;", ";").replace(" .", ".").split()).endswith(
        "Mira Okafor built on and linked to this conversation; Priya Raman answered it.")


def test_sample_site_person_page_is_the_author_page(sample_site):
    post = soup_of(sample_site / "posts/on-slow-reading/index.html")
    assert post.select_one("a.p-author")["href"] == "../../people/mira-okafor/"
    sam = post.select_one("#reply-sam-1 .reply-author a")
    assert sam["href"] == "../../people/sam-oduya/"
    helen_site = post.select_one("#reply-helen-1 a.reply-website")
    assert helen_site["href"] == "https://helen-achterberg.example.com/" and helen_site["rel"] == ["nofollow", "ugc"]
    old = soup_of(sample_site / "author/mira-okafor/index.html")
    assert old.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../../people/mira-okafor/"
    mira = soup_of(sample_site / "people/mira-okafor/index.html")
    assert len(mira.select("h2:-soup-contains('Posts') + ul li")) == 5
    pair = mira.select_one(".quote-pair")
    quoted = [" ".join(b.get_text().split()) for b in pair.select("blockquote")]  # once, inside her post: "…"
    assert len(quoted) == 1 and quoted[0].startswith("… A book read slowly once"), quoted
    assert "quoted by Sam Oduya" in pair.get_text()
    priya = soup_of(sample_site / "people/priya-raman/index.html").select_one(".quote-pair")
    assert "quoted by Jonas Weber" in priya.get_text() and "wasted review time" in priya.get_text()
    ruth = soup_of(sample_site / "people/ruth-lindqvist/index.html")
    assert not ruth.select(".quote-pair") and not ruth.select(".exchange")  # nobody quoted her; no exchange
    helen = soup_of(sample_site / "people/helen-achterberg/index.html")
    text = helen.get_text(" ", strip=True)
    assert "5 replies on this site, from 13 February 2026 to 2 June 2026" in text
    assert "Took part under posts tagged: reflection" in text
    assert helen.select(".said li p.said-excerpt")
    answered_by = [a.get_text() for a in helen.select("#answered-by-title + ul a")]
    assert "Jonas Weber" in answered_by and "Tomás Herrera" in answered_by


def test_sample_site_connectors_and_named_groups(sample_site):
    page = soup_of(sample_site / "conversations/index.html")
    connectors = [li.get_text(" ", strip=True) for li in page.select(".connectors li")]
    # three people connect the same two groups: one sentence names them together, not three alike
    assert connectors == [" ".join(page.select_one(".connectors li").get_text(" ", strip=True).split())]
    assert connectors[0].startswith("Helen Achterberg , Jonas Weber and Tomás Herrera connect the ")
    assert connectors[0].endswith(" group.") and connectors[0].count(" group") == 2
    assert [a.get_text() for a in page.select(".connectors li a")] == ["Helen Achterberg", "Jonas Weber",
                                                                        "Tomás Herrera"]
    groups = [li.select_one("strong").get_text() for li in page.select("ol.communities > li")]
    assert len(groups) >= 2 and not any(g[0].isdigit() or g.lower().startswith("group") for g in groups)


def test_insight_text_from_replies_is_escaped(site):
    site.post("p", "A post with a paragraph long enough to be quoted by somebody in a reply later on.")
    site.reply("p", "a", "Is this <b>bold</b> question still open for <script>x</script> anyone?",
               Author="<img src=x onerror=alert(1)>")
    site.reply("p", "b", "> a paragraph long enough to be quoted by somebody in a reply\n\nI'm not sure.",
               Author="Ben <i>Ode</i>", Reply_To="a", Date="2026-01-03")
    site.build()
    questions_page = (site.output / "conversations/questions/index.html").read_text()
    assert "<img src=x" not in questions_page and "<script>x" not in questions_page
    post = (site.output / "posts/p/index.html").read_text()
    assert "<i>Ode</i>" not in post and "Ben &lt;i&gt;Ode&lt;/i&gt;" in post


def test_two_answers_to_one_reply_are_not_a_back_and_forth(site):
    """Jo answers Mat twice, both times under Mat's one reply (a real archive's case): they
    answered each other three times, but did not take turns four times."""
    site.post("p", "A post.", title="The Post")
    site.reply("p", "j1", "A first thought.", Author="Jo Lind", Date="2026-01-02 10:00")
    site.reply("p", "m1", "An answer to Jo.", Author="Mat Ode", Reply_To="j1", Date="2026-01-02 11:00")
    site.reply("p", "j2", "Back to Mat.", Author="Jo Lind", Reply_To="m1", Date="2026-01-02 12:00")
    site.reply("p", "j3", "And once more to Mat.", Author="Jo Lind", Reply_To="m1", Date="2026-01-02 13:00")
    site.reply("p", "k1", "Something else.", Author="Kim Sato", Date="2026-01-03 10:00")
    site.reply("p", "t1", "To Kim.", Author="Tove Park", Reply_To="k1", Date="2026-01-03 11:00")
    site.reply("p", "k2", "To Tove.", Author="Kim Sato", Reply_To="t1", Date="2026-01-03 12:00")
    site.build()
    titles = [t.get_text(strip=True) for t in site.page("conversations/index.html").select(".exchange-title")]
    assert ("Jo and Mat answered each other 3 times on “The Post”, at most 3 replies in turn (each answering the one "
            "before)") in titles
    assert "Kim and Tove went back and forth in 3 replies on “The Post”" in titles  # they took turns
    assert not [t for t in titles if t.startswith("Jo and Mat went back and forth")]
    # Listed by date the turns read "Jo, Mat, Jo, Jo", as if Jo answered himself: each says whom it answers.
    jo = next(e for e in site.page("conversations/index.html").select(".exchange")
              if e.select_one(".exchange-title").get_text(strip=True).startswith("Jo and Mat"))
    turns = [" ".join(t.get_text(" ", strip=True).split()[:5]) for t in jo.select(".exchange-turn")]
    assert [t.split(" 2 January")[0] for t in turns] == ["Jo Lind", "Mat Ode answering Jo Lind",
                                                          "Jo Lind answering Mat Ode", "Jo Lind answering Mat Ode"]


def test_a_single_answer_is_no_back_and_forth(site):
    """Ben answered Cleo once under one post and Cleo answered Ben once under another: the pair
    answered each other twice across the site, and "Back and forth" listed "Ben answered Cleo"
    (one reply) under a heading that promised more. Only a run where both take it up is listed."""
    site.post("p", "A post.", title="The Post")
    site.post("q", "Another post.", title="The Other Post", date="2026-02-01 09:00")
    site.reply("p", "c1", "Cleo opens.", Author="Cleo Hart", Date="2026-01-02 10:00")
    site.reply("p", "b1", "Ben answers Cleo.", Author="Ben Ode", Reply_To="c1", Date="2026-01-02 11:00")
    site.reply("q", "b2", "Ben opens.", Author="Ben Ode", Date="2026-02-02 10:00")
    site.reply("q", "c2", "Cleo answers Ben.", Author="Cleo Hart", Reply_To="b2", Date="2026-02-02 11:00")
    site.reply("q", "k1", "Kim starts.", Author="Kim Sato", Date="2026-02-03 10:00")
    site.reply("q", "t1", "To Kim.", Author="Tove Park", Reply_To="k1", Date="2026-02-03 11:00")
    site.reply("q", "k2", "To Tove.", Author="Kim Sato", Reply_To="t1", Date="2026-02-03 12:00")
    site.build()
    for page in ("conversations/index.html", "posts/p/index.html", "posts/q/index.html",
                 "people/ben-ode/index.html"):
        titles = [t.get_text(strip=True) for t in site.page(page).select(".exchange-title")]
        assert not [t for t in titles if "Ben" in t or "Cleo" in t], (page, titles)
    titles = [t.get_text(strip=True) for t in site.page("conversations/index.html").select(".exchange-title")]
    assert titles == ["Kim and Tove went back and forth in 3 replies on “The Other Post”"]


def test_quoting_oneself_is_not_someone_taking_up_your_words(site):
    """"Who took up Ada Park's words" listed "quoted by Ada Park" (a reviewer on the 1,000-post
    archive); the person page's posts list also gave ISO dates where every other date reads out."""
    said = "Notes written on the same day are worth twice what I write a week later."
    site.post("p", "A post.", title="The Post")
    site.reply("p", "a1", said, Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "a2", f"> {said}\n\nStill true.", Author="Ada Park", Date="2026-01-03 10:00")
    site.reply("p", "b1", f"> {said}\n\nI agree.", Author="Ben Ode", Date="2026-01-04 10:00")
    site.build()
    page = site.page("people/ada-park/index.html")
    quoted_by = [f.get_text(" ", strip=True) for f in page.select(".quote-pair .quoted-by")]
    assert len(quoted_by) == 1 and quoted_by[0].startswith("quoted by Ben Ode"), quoted_by
    host = site.page("people/mira-okafor/index.html")
    assert host.select_one("#person-posts + ul .meta time").get_text() == "1 January 2026"


def test_a_first_name_two_people_share_is_written_in_full(site):
    """"Ben answered Ada" beside another Ada on the same page (the 1,000-post archive): a first
    name someone else on the site also has is written in full, in exchanges and the shape line."""
    site.post("p", "A post.", title="The Post")
    site.reply("p", "a1", "Ada opens.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "b1", "Ben answers.", Author="Ben Ode", Reply_To="a1", Date="2026-01-02 11:00")
    site.reply("p", "a2", "Ada again.", Author="Ada Park", Reply_To="b1", Date="2026-01-02 12:00")
    site.reply("p", "o1", "The other Ada.", Author="Ada Ode", Date="2026-01-03 10:00")
    site.build()
    page = site.page("posts/p/index.html")
    titles = [t.get_text(strip=True) for t in page.select(".exchange-title")]
    # one name form for the pair: never "Ada Park and Ben"
    assert titles == ["Ada Park and Ben Ode went back and forth in 3 replies"]  # on its own post: no title again
    assert "3 replies in turn between Ada Park and Ben Ode" in page.select_one(".conversation-shape").get_text()


def test_a_title_in_quotes_of_its_own_is_not_quoted_again(site):
    """The real German archive's post is titled „Das wird man ja wohl noch sagen dürfen!“ and was
    shown as “„Das wird …!“”: a title quoted whole keeps its own quotes only."""
    site.post("p", "A post.", title="„Ein Titel“")
    site.reply("p", "a1", "Ada opens.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "b1", "Ben answers.", Author="Ben Ode", Reply_To="a1", Date="2026-01-02 11:00")
    site.reply("p", "a2", "Ada again.", Author="Ada Park", Reply_To="b1", Date="2026-01-02 12:00")
    site.build()
    titles = [t.get_text(strip=True) for t in site.page("conversations/index.html").select(".exchange-title")]
    assert titles == ["Ada and Ben went back and forth in 3 replies on „Ein Titel“"]
    said = site.page("people/ben-ode/index.html").select_one(".said a").get_text(strip=True)
    assert said.startswith("On „Ein Titel“,")


def test_an_author_url_that_is_not_the_person_page_is_named_in_a_warning(site, caplog):
    site.post("p")
    site.build(AUTHOR_URL="author/{slug}/")
    assert any("p.md: the author page of Mira Okafor is author/mira-okafor/, not their person page "
               "people/mira-okafor/" in r.getMessage() for r in caplog.records)
    page = site.page("author/mira-okafor/index.html")  # no forwarding to itself
    assert page.select_one("meta[http-equiv=refresh]") is None and page.select_one(".post-item")


def test_sample_site_insight_pages_build_byte_identical(sample_site, tmp_path):
    from sitebuild import REPO, build_site
    again = build_site(REPO / "content", tmp_path / "output")
    for page in (*READER_PAGES, "people/sam-oduya/index.html", "posts/reading-with-a-pencil/index.html"):
        assert (again / page).read_bytes() == (sample_site / page).read_bytes(), page


def test_a_flat_thread_answers_by_name(site):
    """Replies all under the post (a flat comment system, or WordPress past its nesting limit) that
    open by speaking to someone answer that person's latest reply: an exchange, the shape line's too,
    and the question they answer is no longer open; a name further in is no answer."""
    site.post("p", "A post.")
    site.reply("p", "a", "Where did you read that?", Author="Ada Park", Date="2026-01-02")
    site.reply("p", "b", "@Ada: in the library. Have you been?", Author="Ben Ode", Date="2026-01-03")
    site.reply("p", "c", "Ben, yes, twice.", Author="Ada Park", Date="2026-01-04")
    site.reply("p", "d", "I agree with what Ada Park said.", Author="Cy Lee", Date="2026-01-05")
    site.reply("p", "e", "And what about the evenings?", Author="Dee Moss", Date="2026-01-06")
    site.reply("p", "f", "As Dee Moss says, evenings matter.", Author="Eli Ford", Date="2026-01-07")
    site.build()
    page = site.page("posts/p/index.html")
    exchanges = [e.get_text(" ", strip=True) for e in page.select(".exchanges .exchange")]
    assert len(exchanges) == 1 and exchanges[0].startswith("Ada and Ben went back and forth in 3 replies")
    assert "answering Ada Park" in exchanges[0] and "answering Ben Ode" in exchanges[0]
    assert "3 replies in turn between Ada and Ben" in page.select_one(".insight .conversation-shape").get_text()
    # Ada's and Ben's questions are answered; Dee's is only talked about ("As Dee Moss says")
    assert [a["href"] for a in page.select(".insight .open-questions li a")] == ["#reply-e"]


def test_an_answer_by_name_counts_as_an_answer_on_every_page(site):
    """WordPress cut at its nesting limit threads "@Jo: ..." under its writer's own reply. The thread's
    "In reply to", the person pages' "Answered" lists, the post's count of the author's answers and the
    exchanges must all say the same: Mira answered Jo twice."""
    site.post("p", "A post.")  # by Mira Okafor
    site.reply("p", "jo-1", "I doubt the second point.", Author="Jo Lind", Date="2026-01-02 10:00")
    site.reply("p", "m-1", "Which part of it?", Author="Mira Okafor", Reply_To="jo-1", Date="2026-01-02 11:00")
    site.reply("p", "jo-2", "The part about habits.", Author="Jo Lind", Reply_To="m-1", Date="2026-01-02 12:00")
    # the thread's depth limit reached: Mira's answer lands under her own reply, and opens with Jo's name
    site.reply("p", "m-2", "@Jo: habits are where it starts.", Author="Mira Okafor", Reply_To="m-1",
               Date="2026-01-02 13:00")
    site.build()
    page = site.page("posts/p/index.html")
    said = page.select_one("#reply-m-2 .in-reply-to")
    assert said.get_text(" ", strip=True) == "In reply to Jo Lind" and said.a["href"] == "#reply-jo-2"
    assert page.select_one("#reply-m-1 .in-reply-to").get_text(" ", strip=True) == "In reply to Jo Lind"
    jo = site.page("people/jo-lind/index.html")
    assert jo.select_one("#answered-by-title").find_next("ul").get_text(" ", strip=True) == "Mira Okafor · 2 times"
    mira = site.page("people/mira-okafor/index.html")
    assert mira.select_one("#answered-title").find_next("ul").get_text(" ", strip=True) == "Jo Lind · 2 times"
    assert "answered readers 2 times" in page.select_one(".insight").get_text(" ", strip=True)
    exchange = page.select_one(".exchanges .exchange").get_text(" ", strip=True)
    assert exchange.startswith("Jo and Mira went back and forth in 4 replies"), exchange


def test_adding_to_ones_own_reply_is_decided_by_person_not_by_spelling(site):
    """"Adding to their own reply" follows the people the map resolved: one person under two spellings
    adds to their own reply; the post's author answering a visitor who wrote under her name
    (``Post-Author: no``) answers someone else."""
    site.post("p", "A post.")  # by Mira Okafor
    site.reply("p", "a1", "A first thought.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "a2", "And a second.", Author="ada park", Reply_To="a1", Date="2026-01-02 11:00")
    site.reply("p", "v1", "A visitor's question?", Author="Mira Okafor", Post_Author="no", Date="2026-01-03 10:00")
    site.reply("p", "m1", "An answer.", Author="Mira Okafor", Reply_To="v1", Date="2026-01-03 11:00")
    site.build()
    page = site.page("posts/p/index.html")
    assert page.select_one("#reply-a2 .in-reply-to").get_text(" ", strip=True) == "Adding to their own reply"
    said = page.select_one("#reply-m1 .in-reply-to")
    # (the visitor as the site tells them apart from the author everywhere)
    assert said.get_text(" ", strip=True) == "In reply to Mira Okafor (a reader)" and said.a["href"] == "#reply-v1"


def test_a_visitor_signing_with_the_authors_name_is_told_apart_everywhere(site):
    """A reply signed with the post author's name by someone else (``Post-Author: no``, as an import
    writes for it) is another person: no author's badge, a page of its own, and "(a reader)" wherever
    the two names are said without their replies."""
    site.post("p", "A post.")  # by Mira Okafor
    site.reply("p", "v1", "Is this the same Mira?", Author="Mira Okafor", Post_Author="no", Date="2026-01-03 10:00")
    site.reply("p", "m1", "No, another one.", Author="Mira Okafor", Reply_To="v1", Date="2026-01-03 11:00")
    site.build()
    page = site.page("posts/p/index.html")
    assert "reply--by-author" not in page.select_one("#reply-v1")["class"]
    assert "reply--by-author" in page.select_one("#reply-m1")["class"]
    visitor = page.select_one("#reply-v1 .reply-author a")["href"]
    assert visitor != page.select_one("#reply-m1 .reply-author a")["href"]
    assert visitor.rstrip("/").endswith("mira-okafor-2")
    listed = site.page("people/index.html")
    assert [a.get_text() for a in listed.select("a[href$='mira-okafor-2/']")] == ["Mira Okafor (a reader)"]
    overview = site.page("conversations/index.html").get_text(" ", strip=True)
    assert "Mira Okafor (a reader)" in overview and "Mira and Mira" not in overview


def test_answers_side_by_side_under_ones_own_reply_answer_the_one_beside(site):
    """WordPress past its nesting limit: Mira answers Ada, then Ada's answer and Mira's next one both land
    under Mira's first reply, side by side. Mira's second answers Ada's beside it, not herself; a reply
    under one's own with nobody beside it adds to it and answers no one."""
    site.post("p", "A post.")  # by Mira Okafor
    site.reply("p", "a1", "I doubt the second point.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "m1", "Which part?", Author="Mira Okafor", Reply_To="a1", Date="2026-01-02 11:00")
    site.reply("p", "a2", "The part about habits.", Author="Ada Park", Reply_To="m1", Date="2026-01-02 12:00")
    site.reply("p", "m2", "Habits are where it starts.", Author="Mira Okafor", Reply_To="m1", Date="2026-01-02 13:00")
    site.reply("p", "b1", "A thought of my own.", Author="Ben Ode", Date="2026-01-03 10:00")
    site.reply("p", "b2", "And one more I forgot.", Author="Ben Ode", Reply_To="b1", Date="2026-01-03 11:00")
    site.build()
    page = site.page("posts/p/index.html")
    said = page.select_one("#reply-m2 .in-reply-to")
    assert said.get_text(" ", strip=True) == "In reply to Ada Park" and said.a["href"] == "#reply-a2"
    assert page.select_one("#reply-b2 .in-reply-to").get_text(" ", strip=True) == "Adding to their own reply"
    assert "answered readers 2 times" in page.select_one(".insight").get_text(" ", strip=True)
    assert site.page("people/ada-park/index.html").select_one("#answered-by-title").find_next("ul").get_text(
        " ", strip=True) == "Mira Okafor · 2 times"
    assert "4 replies in turn between Ada and Mira" in page.select_one(".conversation-shape").get_text(" ")
    # the longest chain of replies, as the page's "In reply to" tells it: a1, m1, a2, m2; the map draws it so too
    meta = page.select_one(".conversation .meta").get_text(" ")
    assert "the longest chain of replies, each answering the one before, is 4 long" in meta
    svg = page.select_one("#conversation-map svg.map-svg")
    indent = {a["data-node"].rsplit("/", 1)[1]: float(a.select_one(".node")["cx"])
              for a in svg.select("a.map-node") if a["data-node"].startswith("reply:")}
    assert indent["a1"] < indent["m1"] < indent["a2"] < indent["m2"], indent


def test_an_answer_posted_to_the_post_answers_the_question_it_takes_up(site):
    """A flat comment system posts the answer to a question under the post: "Ja, eben diese Otla." after
    Peter's "Die selbe Otla Pinnow ...?" answers Peter (its "In reply to", the map, the open questions, the
    person pages); a "Yes" taking up none of the question's words answers no one, nor does a reply that
    takes up its words without opening like an answer."""
    site.post("p", "A post.")  # by Mira Okafor
    site.reply("p", "q1", "Die selbe Otla Pinnow, die bis Mai 2011 in der SPD war?", Author="Peter",
               Date="2026-01-02 10:00")
    site.reply("p", "k1", "Ja, eben diese Otla. Mehr steht auf ihrer Seite.", Author="Kand Sky",
               Date="2026-01-02 11:00")
    site.reply("p", "q2", "Did you try it with Obsidian?", Author="Ada Park", Date="2026-01-03 10:00")
    site.reply("p", "b1", "Yes, great post, thanks!", Author="Ben Ode", Date="2026-01-03 11:00")
    site.reply("p", "c1", "Obsidian is what I use.", Author="Cy Lee", Date="2026-01-03 12:00")
    site.build()
    page = site.page("posts/p/index.html")
    said = page.select_one("#reply-k1 .in-reply-to")
    assert said.get_text(" ", strip=True) == "In reply to Peter" and said.a["href"] == "#reply-q1"
    assert page.select_one("#reply-b1 .in-reply-to") is None and page.select_one("#reply-c1 .in-reply-to") is None
    assert [a["href"] for a in page.select(".insight .open-questions li a")] == ["#reply-q2"]
    svg = page.select_one("#conversation-map svg.map-svg")
    indent = {a["data-node"].rsplit("/", 1)[1]: float(a.select_one(".node")["cx"])
              for a in svg.select("a.map-node") if a["data-node"].startswith("reply:")}
    assert indent["q1"] < indent["k1"] and indent["q2"] == indent["b1"] == indent["c1"], indent
    assert site.page("people/peter/index.html").select_one("#answered-by-title").find_next("ul").get_text(
        " ", strip=True) == "Kand Sky · once"


def test_two_runs_of_one_pair_under_one_post_are_one_exchange(site):
    site.post("p", "A post.")
    for thread, day in (("x", 2), ("y", 12)):
        site.reply("p", f"{thread}1", "A first thought.", Author="Ada Park", Date=f"2026-01-{day:02d}")
        site.reply("p", f"{thread}2", "A second one.", Author="Ben Ode", Reply_To=f"{thread}1",
                   Date=f"2026-01-{day + 1:02d}")
        site.reply("p", f"{thread}3", "A third.", Author="Ada Park", Reply_To=f"{thread}2",
                   Date=f"2026-01-{day + 2:02d}")
    site.build()
    exchanges = site.page("posts/p/index.html").select(".exchanges .exchange")
    assert len(exchanges) == 1 and len(exchanges[0].select("a")) >= 6
    # Ada, Ben, Ada, then Ada, Ben, Ada: they answered each other 4 times, but not in turn throughout
    assert exchanges[0].get_text(" ", strip=True).startswith("Ada and Ben answered each other 4 times")


def test_two_runs_that_happen_to_alternate_are_no_back_and_forth(site):
    """Ada, Ben, Ada in one thread, then Ben, Ada, Ben in another: six replies in turn by date, but the fourth
    answers the post, not Ada. One exchange (one pair, one post), told as answers; the shape line names
    the longest run taken in turn."""
    site.post("p", "A post.")
    site.reply("p", "a1", "A first thought.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "b1", "A reply to it.", Author="Ben Ode", Reply_To="a1", Date="2026-01-02 11:00")
    site.reply("p", "a2", "And back.", Author="Ada Park", Reply_To="b1", Date="2026-01-02 12:00")
    site.reply("p", "b2", "A new thought, on the post.", Author="Ben Ode", Date="2026-01-02 13:00")
    site.reply("p", "a3", "A reply to that.", Author="Ada Park", Reply_To="b2", Date="2026-01-02 14:00")
    site.reply("p", "b3", "And back again.", Author="Ben Ode", Reply_To="a3", Date="2026-01-02 15:00")
    site.build()
    page = site.page("posts/p/index.html")
    titles = [t.get_text(strip=True) for t in page.select(".exchange-title")]
    # on the post's own page, without its title again
    assert titles == ["Ada and Ben answered each other 4 times, at most 3 replies in turn (each answering the one "
                      "before)"], titles
    shape = page.select_one(".conversation-shape").get_text(" ", strip=True)
    assert "6 replies in turn" not in shape and "3 replies in turn between Ada and Ben" in shape, shape  # one run of it


def test_include_host_puts_answers_to_the_post_back(site):
    site.post("p", "A post.")
    site.reply("p", "a", "A first answer.", Author="Ada Park")
    site.reply("p", "b", "Ada, I think so too.", Author="Ben Ode", Reply_To="a", Date="2026-01-03")
    site.build()
    readers = site.page("posts/p/index.html").select_one(".insight .readers")
    assert "Not counted here" in readers.get_text() and len(readers.select("tbody tr")) == 1
    site.build(CONVERSATION_MAP_INCLUDE_HOST=True)
    readers = site.page("posts/p/index.html").select_one(".insight .readers")
    rows = {(tr.select("td")[0].get_text(), tr.select("td")[1].get_text()) for tr in readers.select("tbody tr")}
    assert "Not counted here" not in readers.get_text()
    assert rows == {("Ada Park", "Mira Okafor"), ("Ben Ode", "Ada Park")}


REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "real"


def test_a_real_imported_conversation_reads_in_plain_words(tmp_path):
    """A real WordPress comment page (45 comments, 25 replies, depth 3), imported and built."""
    source = REAL / "html" / "trafilatura-gormulus.wordpress.com.durfen.html"
    if not source.is_file():
        pytest.skip(f"{source} is missing (the real fixtures live in ../shared/fixtures/real/)")
    from importers import import_html
    from sitebuild import build_site
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    import_html(source, content)
    out = build_site(content, tmp_path / "output")
    post = soup_of(next((out / "posts").glob("*/index.html")))
    shape = post.select_one("#conversation .conversation-shape").get_text(" ", strip=True)
    assert re.fullmatch(r"(Debate|Back-and-forth|Questions and answers|Broadcast) · 40 replies from \d+ people"
                        r"( · \d+ replies in turn between \S+ and \S+)?( · \d+ open questions?)?", shape), shape
    assert post.select(".insight .exchange .exchange-turn")
    lists = soup_of(out / "conversations/questions/index.html").select("ol.question-list")
    assert lists and lists[0].select(".question-item")  # readers' questions (the author's listed apart)
    for listed in lists:
        dates = [t["datetime"] for t in listed.select(".question-item time")]
        assert dates == sorted(dates, reverse=True)
    site = soup_of(out / "conversations/index.html")
    # a group's name (or, for three people or fewer named after them all, its people)
    groups = [(li.strong or li).get_text(" ", strip=True) for li in site.select("ol.communities > li")]
    assert groups and not any(g.lower().startswith("group") or g[0].isdigit() for g in groups)


def test_a_busy_persons_page_shows_the_first_in_full_and_lists_every_other(site):
    """CONVERSATION_MAP_PERSON_LIST_LIMIT: the longest exchanges and the newest replies in full, the rest one
    line each with its link; nothing is left out."""
    site.post("p", "A post about slow reading and what it asks of a reader.")
    for day in range(1, 6):  # Ada and Ben answer each other under the post, five times over
        site.reply("p", f"a{day}", f"Ada's point number {day} about reading slowly.", Author="Ada Park",
                   Date=f"2026-01-{day:02d} 10:00", **({"Reply-To": f"b{day - 1}"} if day > 1 else {}))
        site.reply("p", f"b{day}", f"Ben answers point {day}.", Author="Ben Ode", Reply_To=f"a{day}",
                   Date=f"2026-01-{day:02d} 12:00")
    site.build(CONVERSATION_MAP_PERSON_LIST_LIMIT=2)
    ada = site.page("people/ada-park/index.html")
    full = ada.select(".said > li")
    assert [li.a.get_text() for li in full] == ["On “P”, 5 January 2026", "On “P”, 4 January 2026"]  # newest first
    assert all(li.select_one("p.said-excerpt") for li in full)
    earlier = ada.select("h2 ~ h3 + ul.more-list li")
    assert [li.get_text() for li in earlier][-3:] == ["On “P”, 3 January 2026", "On “P”, 2 January 2026",
                                                       "On “P”, 1 January 2026"]
    assert "3 earlier replies" in ada.get_text(" ", strip=True)
    links = {a["href"] for a in ada.select(".said a, .more-list a")}
    assert {f"../../posts/p/#reply-a{d}" for d in range(1, 6)} <= links  # every reply still reachable
    with pytest.raises(ConfigError, match="CONVERSATION_MAP_PERSON_LIST_LIMIT must be at least 1"):
        site.build(CONVERSATION_MAP_PERSON_LIST_LIMIT=0)


def _two_people_four_turns(site, people: tuple[str, str], ids: list[str], parents: list, dates: list[str]) -> None:
    """Post "P" and four replies taken in turn by ``people`` (first, second, first, second), built."""
    site.post("p", "A post.", title="P")
    for i, (rid, parent, date) in enumerate(zip(ids, parents, dates, strict=True)):
        site.reply("p", rid, f"Turn {i + 1}.", Author=people[i % 2], Reply_To=parent, Date=date)
    site.build()


def test_replies_in_turn_each_answer_the_turn_before_not_just_its_writer(site):
    # The German post: Mathias answered Owner's earlier reply, not the one before his; by names the four
    # alternated, so the post said "4 replies in turn", where only three answered the turn before.
    _two_people_four_turns(site, ("Olga Owner", "Mat Ode"), ["o1", "m1", "o2", "m2"], [None, "o1", "m1", "o1"],
                           ["2026-01-02 10:00", "2026-01-02 11:00", "2026-01-02 12:00", "2026-01-02 13:00"])
    page = site.page("posts/p/index.html")
    assert "3 replies in turn between Olga and Mat" in page.select_one(".conversation-shape").get_text(" ")
    titles = [t.get_text(strip=True) for t in page.select(".exchange-title")]
    assert titles == ["Olga and Mat answered each other 3 times, at most 3 replies in turn (each answering the one "
                      "before)"], titles
    conversations = [t.get_text(strip=True) for t in site.page("conversations/index.html").select(".exchange-title")]
    assert conversations == ["Olga and Mat answered each other 3 times on “P”, at most 3 replies in turn (each "
                             "answering the one before)"], conversations


def test_turns_of_one_day_in_an_exchange_say_their_time(site):
    """A reader saw eight turns all dated "12 December 2012" and could not tell them apart: turns sharing a day
    give their time, as the thread does; a turn alone on its day, or whose file gives only the day, its day."""
    _two_people_four_turns(site, ("Ada Park", "Ben Ode"), ["a1", "b1", "a2", "b2"], [None, "a1", "b1", "a2"],
                           ["2026-01-02 10:05", "2026-01-02 11:40", "2026-01-03", "2026-01-03 16:00"])
    post = site.page("posts/p/index.html")
    turns = [" ".join(t.get_text(" ", strip=True).split()) for t in post.select(".insight .exchange .exchange-turn")]
    assert turns == ["Ada Park, 2 January 2026, 10:05", "Ben Ode, 2 January 2026, 11:40 answering Ada Park",
                     "Ada Park, 3 January 2026 answering Ben Ode", "Ben Ode, 3 January 2026, 16:00 answering Ada Park"]
    ada = site.page("people/ada-park/index.html")
    assert "2 January 2026, 11:40" in " ".join(ada.select_one(".exchange").get_text(" ", strip=True).split())


# Whitespace and the marks _one_line joins to the word before (";-)" keeps its space), near every cut;
# and texts mostly of whitespace, whose start made one line is shorter than the excerpt.
EXCERPT_TEXT = st.one_of(st.text(alphabet=st.sampled_from(list("ab ;:-),.?\n\t…")), max_size=700),
                         st.text(alphabet=st.sampled_from(list("a;-,") + [" "] * 12 + ["\n"] * 8), max_size=700))


@settings(max_examples=2000, deadline=None)
@given(EXCERPT_TEXT, st.integers(min_value=5, max_value=120))
@example("abcdefghi" + " " * 40 + "b", 10)  # its first 40 characters made one line fit, the whole does not
@example("abcdefgh" + " " * 31 + ";-) and on", 10)  # cut between a space and the smiley it keeps
def test_an_excerpt_is_the_start_of_the_whole_text_on_one_line(text, limit):
    """An excerpt makes only the start of a long text one line: it must be what the whole text made
    one line and cut gives."""
    from conversation_map.insight_pages import _excerpt, _one_line

    line = _one_line(text)
    whole = line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"
    assert _excerpt(text, limit) == whole


def test_an_exchanges_turns_show_their_dates_as_the_thread_does(site):
    """A turn showed its time only beside another turn of the same day, so one reply read "11 December
    2012, 16:10" in one exchange and "11 December 2012" in the next: each turn now reads as in the thread."""
    site.post("p", "A post.", title="P")
    site.reply("p", "a1", "A first thought.", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "b1", "An answer.", Author="Ben Ode", Reply_To="a1", Date="2026-01-03 11:15")
    site.reply("p", "a2", "And back.", Author="Ada Park", Reply_To="b1", Date="2026-01-04 12:30")
    site.build()
    post = site.page("posts/p/index.html")
    thread = {li["id"]: li.select_one(".reply-permalink").get_text(strip=True) for li in post.select("li.reply")}
    for page in ("posts/p/index.html", "conversations/index.html", "people/ada-park/index.html"):
        turns = site.page(page).select(".exchange-turn time")
        assert [t.get_text(strip=True) for t in turns] == [thread["reply-a1"], thread["reply-b1"], thread["reply-a2"]]
        assert all(", 1" in t.get_text() for t in turns), page  # with their times
