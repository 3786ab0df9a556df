"""Maps of busy conversations stay readable (task s12-maps).

An article map whose lines to other posts' boxes would merge into one band down its gutter folds
those boxes into one "N other posts" box; each reply says how many other posts it ties to, and every
tie is listed in words under the map. Real builds, the SVG and the page read with BeautifulSoup.
"""

from __future__ import annotations

import re

from conftest import soup_of
from conversation_map.drawing import MAX_ELSEWHERE_LINES
from conversation_map.layout import text_width
from test_maps import check_maps

OTHERS = 9  # other posts, each with a reply linking to the busy post: more lines than can be told apart


def busy_site(site):
    site.post("hub", "The busy post.", title="Hub", date="2026-01-01 09:00")
    site.reply("hub", "ada-1", "An opening thought on practice and habit.", Author="Ada Park",
               Date="2026-01-02 10:00")
    links = " ".join(f"[{i}]({{filename}}/posts/other-{i}.md)" for i in range(3))
    site.reply("hub", "ben-1", f"Three posts said this before: {links}.", Author="Ben Ode",
               Reply_To="ada-1", Date="2026-01-03 10:00")
    for i in range(OTHERS):
        title = "Less <b>said</b> & more" if i == 4 else f"Other {i}"
        site.post(f"other-{i}", f"Another post, number {i}.", title=title, date=f"2026-01-{5 + i:02d} 09:00")
        site.reply(f"other-{i}", f"cy-{i}", "See [the hub post]({filename}/posts/hub.md) on this.",
                   Author="Cy <i>Lund</i> & co" if i == 5 else f"Cy Lund {i}", Date=f"2026-01-{5 + i:02d} 12:00")
    site.post("quiet", "A quiet post.", date="2026-02-01 09:00")
    site.reply("quiet", "dee-1", "See [the first other post]({filename}/posts/other-0.md).", Author="Dee Moss",
               Date="2026-02-02 10:00")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    return site.output


def test_a_busy_post_s_map_folds_its_other_posts_into_one_box_and_lists_every_tie(site):
    output = busy_site(site)
    page = output / "posts" / "hub" / "index.html"
    check_maps(output, page)
    soup = soup_of(page)
    for svg in soup.select("svg.map-svg"):
        # no box per other post, no line to one: one box standing for them, linking to the list
        assert not svg.select("rect.node--post-other, rect.node--reply-other")
        assert len(svg.select("g.edge--bold path")) <= MAX_ELSEWHERE_LINES
        fold = svg.select_one('a.map-node[data-node="more:elsewhere"]')
        assert fold is not None and fold["href"] == "#conversation-elsewhere"
        assert "12 ties to 9 other posts" in fold.get_text(" ", strip=True)
        # the reply that links to three other posts says so, beside its name
        ben = svg.select_one('a.map-node[data-node="reply:hub/ben-1"]')
        assert ben.select_one("text.label").get_text().startswith("Ben Ode")
        count = ben.select_one("text.label--count")
        assert count.get_text() == "3 ties" and count["text-anchor"] == "end"
        # in a column at the right edge, clear of the name
        name = ben.select_one("text.label")
        assert float(name["x"]) + text_width(name.get_text(), 13) < float(count["x"]) - text_width(count.get_text(), 13)
        assert float(count["x"]) <= float(svg["width"])
        assert "3 ties to other posts" in (ben.title or soup.find(id=ben["aria-describedby"])).get_text()
    # the caption says what is left out and where it is; the key names the one box
    caption = soup.select_one("#conversation-map-caption").get_text(" ")
    assert "Its 12 ties to 9 other posts are too many to draw one by one" in caption, caption
    assert "thick" not in caption  # no line across the tree is drawn: none is named
    legend = [li.get_text(" ", strip=True) for li in soup.select(".map-legend li")]
    assert "other posts, too many to draw one by one (listed under the map)" in legend
    assert "another post" not in legend and "reply to or from another post" not in legend
    # every tie in words: who, what, to whom, each a link to a page that exists
    section = soup.select_one("#conversation-elsewhere")
    assert section.h4.get_text() == "12 ties to 9 other posts"
    items = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert len(items) == OTHERS + 3 and len(set(items)) == len(items)
    assert "Ben Ode, 3 Jan links to “Other 0”" in items
    assert "Cy Lund 3, 8 Jan, on “Other 3” links to the post" in items
    # a title from another post is text, never markup
    assert any("“Less said & more”" in item for item in items), items
    assert not section.select("b, i") and any(i.startswith("Cy <i>Lund</i> & co, 10 Jan") for i in items), items
    for a in section.select("a"):
        target = (page.parent / a["href"].split("#")[0]).resolve()
        assert a["href"].startswith("#") or (target / "index.html").is_file(), a["href"]


def test_a_map_with_few_ties_to_other_posts_draws_each_one(site):
    output = busy_site(site)
    page = output / "posts" / "quiet" / "index.html"
    check_maps(output, page)
    soup = soup_of(page)
    svg = soup.select_one("svg[data-explore]")
    assert svg.select_one('a.map-node[data-node="post:other-0"] rect.node--post-other') is not None
    assert svg.select_one('a.map-node[data-node="more:elsewhere"]') is None
    assert not svg.select("text.label--count")
    assert soup.select_one("#conversation-elsewhere") is None
    assert "too many to draw" not in soup.select_one("#conversation-map-caption").get_text()


def busy_people_site(root):
    """A generated archive (benchmarks/sitegen.py) of 30 posts × 20 replies from 60 people: many
    more connections among them than people, built into ``root / "output"``."""
    import sys

    from sitebuild import REPO, build_site

    sys.path.insert(0, str(REPO / "benchmarks"))
    from sitegen import generate

    generate(root / "site", posts=30, replies=20, people=60)
    return build_site(root / "site" / "ours", root / "output", ARTICLE_PATHS=["posts"], TIMEZONE="UTC")


def test_a_busy_people_map_draws_the_strongest_ties_that_keep_everyone_joined(tmp_path):
    """The site's people map with many more connections than people (a tangle where nobody's ties
    can be followed) draws one line fewer than people per part of the map: each group joined by
    its own strongest ties, the groups by the strongest between them; the words say what is left
    out and where it is."""
    import csv
    import io

    import networkx as nx

    output = busy_people_site(tmp_path)
    page = output / "conversations" / "index.html"
    check_maps(output, page)
    soup = soup_of(page)
    wide = soup.select_one("#people-map svg.map-svg--wide")
    people = {a["data-node"]: a for a in wide.select("a.map-node")}
    lines = wide.select("g.edges path")
    ends = [(int(p["data-from"]), int(p["data-to"])) for p in lines]  # positions among the map's links
    order = list(people)
    drawn = nx.Graph([(order[a], order[b]) for a, b in ends])
    drawn.add_nodes_from(people)
    # every connection among the people drawn, from the CSV file beside the page
    text = (output / "conversations" / "connections.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    by_url = {a["href"].removeprefix("../"): n for n, a in people.items()}
    every = nx.Graph((by_url[r["who_page"]], by_url[r["builds_on_page"]]) for r in rows
                     if r["who_page"] in by_url and r["builds_on_page"] in by_url)
    every.add_nodes_from(people)
    assert every.number_of_edges() > 3 * len(people)  # busy: many more connections than people
    parts = nx.number_connected_components(every)
    assert len(lines) == len(people) - parts  # the fewest lines ...
    assert nx.number_connected_components(drawn) == parts  # ... that join everyone the connections join
    figcaption = soup.select_one("#people-map-caption")
    caption = " ".join((figcaption.select_one(".caption-wide") or figcaption).get_text().split())
    connections = int(re.search(r" and [\d,]+ of the ([\d,]+) connections", caption).group(1).replace(",", ""))
    assert f"and {len(lines)} of the {connections:,} connections between them, the strongest that keep everyone " \
        "joined." in caption, caption
    cap = soup.select_one(".map-cap")
    note = " ".join((cap.select_one(".caption-wide") or cap).get_text().split())
    assert "within each group, each person’s strongest tie; between groups, the strongest ties that join them" \
        in note and "connections.csv has every one" in note, note
    # a phone's drawing: no more lines than people, none drawn alone
    narrow = soup.select_one("#people-map svg.map-svg--narrow")
    shown = [a for a in narrow.select("a.map-node") if a["data-node"] != "more:people"]
    assert len(narrow.select("g.edges path")) < len(shown)
