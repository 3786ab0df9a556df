"""The sample site, built once: its graph exports, maps, person pages and the conversation rules."""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx
import pytest
from conftest import soup_of
from sitebuild import export_path, read_graph_json, read_text, text_files


@pytest.fixture(scope="module")
def graph_json(sample_site):
    return read_graph_json(sample_site)


def test_json_export_is_node_link_data_with_kinds_labels_and_urls(graph_json):
    G = nx.node_link_graph(graph_json, edges="links")
    assert G.is_directed() and G.is_multigraph()
    kinds = Counter(d["kind"] for _, d in G.nodes(data=True))
    # 5 posts; 36 shown replies (39 files less spam, pending and the pingback); 7 people; 3 sources
    assert kinds == {"post": 5, "reply": 36, "person": 7, "source": 3}
    for node, data in G.nodes(data=True):
        assert data["label"] and isinstance(data["url"], str), node
    edge_kinds = Counter(d["kind"] for *_, d in G.edges(data=True))
    assert set(edge_kinds) == {"authored", "reply", "quote", "mention", "link", "cites"}
    assert edge_kinds["authored"] == 41 and edge_kinds["reply"] == 36


def test_raw_scores_are_in_the_exports_and_on_no_page(graph_json, sample_site):
    people = {n["id"]: n for n in graph_json["nodes"] if n["kind"] == "person"}
    # Helen connects readers who do not answer each other directly; the host is counted apart
    assert people["person:helen-achterberg"]["score_betweenness"] > 0
    assert people["person:helen-achterberg"]["score_built_upon"] >= 1
    assert "score_betweenness" not in people["person:mira-okafor"]
    assert "score_betweenness" in read_text(export_path(sample_site, "graph.graphml"))
    for page in sample_site.rglob("*.html"):
        assert "betweenness" not in page.read_text(encoding="utf-8").lower(), page


def test_json_export_holds_the_sample_conversation(graph_json):
    links = {(link["source"], link["target"], link["kind"]) for link in graph_json["links"]}
    expected = {
        ("reply:on-slow-reading/sam-1", "post:on-slow-reading", "quote"),
        ("reply:feedback-that-lands/priya-1", "person:jonas-weber", "mention"),
        ("reply:on-slow-reading/jonas-1", "person:helen-achterberg", "mention"),
        ("reply:learning-in-public/mira-2", "person:ruth-lindqvist", "mention"),
        ("post:learning-in-public", "post:keeping-a-learning-journal", "link"),
        ("post:reading-with-a-pencil", "post:on-slow-reading", "link"),
        ("post:learning-in-public", "post:keeping-a-learning-journal", "cites"),
        ("reply:learning-in-public/priya-1", "reply:keeping-a-learning-journal/mira-1", "reply"),
        ("source:https://fieldnotes.example.net/2026/05/notebooks-in-the-open/", "post:learning-in-public", "link"),
    }
    assert expected <= links
    ids = {n["id"] for n in graph_json["nodes"]}
    assert "reply:keeping-a-learning-journal/deals-1" not in ids  # spam
    assert "reply:on-slow-reading/leo-1" not in ids  # pending


def test_graphml_export_reads_back_as_the_same_graph(sample_site, graph_json):
    G = nx.read_graphml(export_path(sample_site, "graph.graphml"), force_multigraph=True)  # reads .gz as is
    J = nx.node_link_graph(graph_json, edges="links")
    assert set(G.nodes) == set(J.nodes) and G.number_of_edges() == J.number_of_edges()
    assert G.nodes["post:on-slow-reading"]["kind"] == "post"
    assert {d["kind"] for *_, d in G.edges(data=True)} == {d["kind"] for *_, d in J.edges(data=True)}


def test_no_private_data_anywhere_in_the_output(sample_site):
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    ipv4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
    for path, text in text_files(sample_site):
        assert not email.search(text), path
        assert not ipv4.search(text), path


def explore_source(page):
    """The SVG the "Explore" view reads (the widest drawing): its node ids and its lines' ends."""
    svgs = page.select("svg[data-explore]")
    assert len(svgs) == 1, "one drawing per map carries the explore data"
    ids = [a["data-node"] for a in svgs[0].select("a.map-node")]
    edges = [(ids[int(p["data-from"])], ids[int(p["data-to"])], p) for p in svgs[0].select("path[data-from]")]
    assert len(edges) == len(svgs[0].select("g.edge path")), "every line says which nodes it joins"
    return svgs[0], ids, edges


def test_article_map_data_and_open_questions(sample_site):
    page = soup_of(sample_site / "posts" / "feedback-that-lands" / "index.html")
    assert not page.select('script[type="application/json"]')  # no second copy of the map
    svg, ids, edges = explore_source(page)
    assert svg["data-explore"] == "article" and float(svg["width"]) == 340  # one drawing for every screen
    assert sum(i.startswith("reply:") for i in ids) == 12
    assert [i for i in ids if i.startswith("post:")] == ["post:feedback-that-lands"]
    assert ("reply:feedback-that-lands/helen-1", "post:feedback-that-lands") in {(a, b) for a, b, _ in edges}
    assert {p.parent["class"][1] for *_, p in edges} == {"edge--reply", "edge--mention", "edge--quote"}
    # Every node's details once, in its own <title>, which names it (no aria-label repeating it):
    # "Helen Achterberg, 18 March 2026" and her opening words; "The post: Feedback That Lands ...".
    assert len(page.select("#conversation-map svg.map-svg")) == 1
    for a in svg.select("a.map-node"):
        assert a.select_one("title").get_text().strip() and not a.has_attr("aria-describedby"), a
        assert not a.has_attr("aria-label"), a
    details = {a["data-node"]: a.title.get_text() for a in svg.select("a.map-node")}
    assert details["post:feedback-that-lands"].startswith("The post: Feedback That Lands: Describe Before You Judge\n")
    # a reply row says who and when; its words are in the thread on the same page (the details panel reads
    # them there), not repeated in the map
    assert details["reply:feedback-that-lands/helen-1"] == "Helen Achterberg, 18 March 2026"
    assert page.select_one(svg.select_one('a[data-node="reply:feedback-that-lands/helen-1"]')["href"]).select_one(
        ".reply-content").get_text(strip=True)
    container = page.select_one("#conversation-map")
    assert container["role"] == "region" and container["aria-label"] == "Conversation map"
    svg = container.select_one("svg.map-svg")
    assert svg["role"] == "group" and svg["aria-label"].startswith("Map of the conversation on")
    questions = [a["href"] for a in page.select(".open-questions li a")]
    assert questions == ["#reply-tomas-1"]
    table = page.select_one(".insight table.builds-on-table")
    assert "builds on" in table.get_text() and table.find("td") is not None
    legend = {li.get_text(strip=True) for li in page.select(".map-legend li")}
    assert {"answers (the thread)", "mentions"} <= legend and "wrote" not in legend
    key = [li.get_text(" ", strip=True) for li in page.select(".map-key li")]
    assert key[0] == "Mira Okafor wrote the post and 2 replies" and len(key) == 6  # the post's author first
    assert key[1:] == [k for k in key[1:] if re.fullmatch(r".+ wrote \d+ repl(y|ies)", k)], key
    # each count says what it counts, and the replies add up to the thread's
    assert sum(int(k.split()[-2]) for k in key) == int(page.select_one(".reply-count").get_text().split()[0])


def test_a_post_says_what_it_builds_on_and_what_builds_on_it(sample_site):
    """Builds-On metadata is in the post's page, not only on its map: a post of the site by its
    title, an outside page as a link, a source named without a link as plain text, which the
    map's box for it points at (#builds-on) instead of at the page it is on."""
    page = soup_of(sample_site / "posts" / "learning-in-public" / "index.html")
    line = page.select_one(".post-citations #builds-on")
    assert line.get_text() == ("This post builds on “Keeping a Learning Journal Without Making It a Chore”, "
                               "Donald Schön and Reflective practice (en.wikipedia.org).")
    links = {a.get_text(): a["href"] for a in line.select("a")}
    assert links == {"“Keeping a Learning Journal Without Making It a Chore”":
                     "../../posts/keeping-a-learning-journal/",
                     "Reflective practice (en.wikipedia.org)": "https://en.wikipedia.org/wiki/Reflective_practice"}
    box = page.select_one('#conversation-map a.map-node[data-node="source:Donald Schön"]')
    assert box["href"] == "#builds-on"
    cited = soup_of(sample_site / "posts" / "keeping-a-learning-journal" / "index.html")
    back = cited.select_one(".post-citations #built-on-by")
    assert back.get_text(" ", strip=True).startswith("A later post builds on it:")
    assert [a["href"] for a in back.select("a")] == ["../../posts/learning-in-public/"]
    assert not soup_of(sample_site / "posts" / "on-slow-reading" / "index.html").select(".post-citations")


def test_open_questions_of_every_post(sample_site):
    found = {}
    for page in sample_site.glob("posts/*/index.html"):
        found[page.parent.name] = [a["href"] for a in soup_of(page).select(".open-questions li a")]
    assert found["keeping-a-learning-journal"] == ["#reply-ruth-1"]
    assert found["reading-with-a-pencil"] == ["#reply-sam-1"]
    assert found["on-slow-reading"] == []  # Sam's questions were answered by Mira


def test_map_text_cannot_break_out_of_its_svg(site):
    site.post("p")
    site.reply("p", "x", "Hello.", Author="</svg><script>alert(1)</script>")
    site.build()
    raw = (site.output / "posts/p/index.html").read_text()
    assert "<script>alert" not in raw and "</svg><script>" not in raw
    page = soup_of(site.output / "posts/p/index.html")
    svg, _ids, _edges = explore_source(page)
    assert [a.title.get_text() for a in svg.select("a.map-node")][1].startswith("</svg><script>")
    assert not page.select("svg script") and not page.select('script:not([src])')


def test_conversations_page_tables_and_filters(sample_site):
    page = soup_of(sample_site / "conversations" / "index.html")
    top = [a.get_text() for a in page.select("#top-people-title ~ table a")]
    assert top and "Mira Okafor" not in top  # readers building on readers; the host is counted apart
    apart = page.select_one("#top-people-title").parent.get_text()
    assert "Not in this list: what passes between a post’s author and the readers of their posts." in apart
    assert "Mira Okafor was answered, quoted or named by readers" in " ".join(apart.split())
    assert page.select("#top-posts-title ~ table a")
    assert page.select("#connectors-title ~ ul a")
    assert len(page.select("ol.communities > li")) >= 2
    # the kinds the readers' connections have (no reader links to another's words here: no links filter)
    assert [i["value"] for i in page.select('input[name="kind"]')] == ["reply", "quote", "mention"]
    options = {o["value"] for o in page.select('select[name="topic"] option')}
    assert {"", "category:Practice", "category:Reading", "tag:reflection"} <= options
    assert page.select_one('input[name="person"][type="search"]') is not None
    svg, ids, edges = explore_source(page)
    # the six readers; the host, who built on no reader, is counted apart instead of drawn alone
    assert len(ids) == 6 and svg["data-explore"] == "people"
    assert "person:mira-okafor" not in ids
    assert all(a != b for a, b, _ in edges)
    # each line: its counts of replies, quotes, mentions and links (one count when all of its own
    # kind), and the posts it was built in, whose topics the SVG lists (the filters)
    assert all(len(p.get("data-n", "1").split()) in (1, 4) for *_, p in edges)
    topics = svg["data-topics"].split("\n")
    assert {"category:Practice", "category:Reading", "tag:reflection"} <= set(topics) <= options
    posts = [[topics[int(i)] for i in post.split()] for post in svg["data-posts"].split(",")]
    assert all(any(t.startswith("category:") for t in post) for post in posts)  # every sample post has one
    for *_, p in edges:
        total = sum(int(n) for n in p.get("data-n", "1").split())
        built = [(int(i), int(n or 1)) for i, _, n in (x.partition(":") for x in p["data-p"].split())]
        # a contribution counts once in its posts, once per kind in data-n (a reply naming someone: twice)
        kinds = [int(n) for n in p.get("data-n", "1").split()]
        assert max(kinds) <= sum(n for _, n in built) <= total and all(i < len(posts) for i, _ in built)
    rows = page.select("h2 + table.builds-on-table tbody tr")
    assert len(rows) == len(edges)
    exports = page.select("a[href*='graph.json'], a[href*='graph.graphml']")  # gzip by default, with sizes
    assert [a["href"] for a in exports] == ["graph.json.gz", "graph.graphml.gz"]
    assert all((sample_site / "conversations" / a["href"]).is_file() and a["type"] == "application/gzip"
               for a in exports)
    said = exports[0].parent.get_text(" ", strip=True)
    assert re.search(r"graph\.json\.gz \(JSON, [\d.]+ (KB|MB)\)", said) and "compressed" in said, said
    how = exports[0].parent.find_next_sibling("details").get_text(" ", strip=True)  # the tools' part, closed
    assert "gzip" in how and "networkx.read_graphml" in how, how


def test_person_pages(sample_site):
    people = sorted(p.parent.name for p in (sample_site / "people").glob("*/index.html"))
    assert people == ["helen-achterberg", "jonas-weber", "mira-okafor", "priya-raman", "ruth-lindqvist",
                      "sam-oduya", "tomas-herrera"]
    page = soup_of(sample_site / "people" / "sam-oduya" / "index.html")
    assert page.select_one("h1").get_text() == "Sam Oduya"
    jonas = soup_of(sample_site / "people" / "jonas-weber" / "index.html")
    builds_on = jonas.select_one("#builds-on-title ~ table").get_text(" ", strip=True)
    assert "Helen Achterberg" in builds_on and "1 reply (also naming them)" in builds_on
    assert "Priya Raman" in jonas.select_one("#built-upon-title ~ table").get_text()
    replies = page.select("h2:-soup-contains('What Sam Oduya said') + ul li > a")
    assert replies and all("#reply-sam-" in a["href"] for a in replies)
    svg, ids, _ = explore_source(page)
    assert "person:sam-oduya" in ids and svg["data-explore"] == "people" and not svg.get("data-topics")


def test_vis_network_is_copied_once_and_never_inlined(sample_site):
    vendor = sample_site / "theme" / "vendor" / "vis-network"
    assert (vendor / "vis-network.min.js").stat().st_size > 100_000
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "vis.Network" not in text and "cdn" not in text.lower(), page
        soup = soup_of(page)
        for script in soup.find_all("script"):
            assert script.get("src"), page  # no inline script, and no JSON copy of a map either
        for tag in soup.find_all(["script", "link", "img"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None) or ""
            assert not url.startswith(("http:", "https:", "//")), (page, url)


def test_people_has_a_page_of_its_own_listing_everyone(sample_site):
    """Trimming a person page's address to /people/ gave a 404 (a reviewer): it lists everyone with
    a page, by name, with what they wrote, and the site's menu leads to it."""
    page = soup_of(sample_site / "people" / "index.html")
    links = [a["href"] for a in page.select(".people-list a")]
    folders = sorted(p.parent.name for p in (sample_site / "people").glob("*/index.html"))
    assert sorted(h.strip("/").rsplit("/", 1)[-1] for h in links) == folders
    names = [a.get_text() for a in page.select(".people-list a")]
    assert names == sorted(names, key=str.casefold)
    mira = next(li for li in page.select(".people-list li") if li.a.get_text() == "Mira Okafor")
    assert mira.select_one(".meta").get_text() == "5 posts · 7 replies"
    nav = page.select_one(".site-nav a[aria-current=page]")
    assert nav.get_text() == "People"
    assert soup_of(sample_site / "index.html").select_one('.site-nav a[href$="people/"]') is not None


def test_the_conversations_page_says_how_to_read_an_arrow_once(sample_site):
    """The opening paragraph and the map's caption both explained "an arrow from A to B", one under the
    other: on a phone the map came after a screen of words. The caption, beside the map, says it."""
    page = soup_of(sample_site / "conversations" / "index.html")
    words = " ".join(page.select_one("main").get_text().split())
    assert words.count("An arrow from A to B") == 1
    assert "An arrow from A to B means A builds on B" in page.select_one("#people-map-caption").get_text()
