"""Busy maps: the numbers a reader sees add up and their words agree (task s12-maps2).

A busy post's map folds its ties to other posts into one box: the counts on the map (the post's own
box and each row) add up to the ties listed under it, every row reads "Name, date" however deep, a
date not in the post's year has its year, and "Where the ideas travelled" names the same other posts
as that list. The site's people map: each drawing's words say what that drawing shows, and the
filters offer the kinds of line the key names. Real builds, the pages read with BeautifulSoup.
"""

from __future__ import annotations

import re

from conftest import soup_of

DEPTH = 11  # a reply this deep under the post: a narrow row, with a count beside it
OTHERS = 8


def counted_site(site):
    site.post("hub", "The busy post.", title="Hub", date="2026-01-01 09:00")
    parent = None
    for i in range(DEPTH):
        body = "Going on." if i < DEPTH - 1 else "As [the first other post]({filename}/posts/other-0.md) said."
        site.reply("hub", f"r{i}", body, Author=f"Bartholomew Moreau {i}", Reply_To=parent,
                   Date=f"2026-01-{2 + i:02d} 10:00")
        parent = f"r{i}"
    for i in range(OTHERS):
        site.post(f"other-{i}", f"Another post, number {i}.", title=f"Other {i}", date=f"2026-02-{1 + i:02d} 09:00")
        site.reply(f"other-{i}", f"cy-{i}", "See [the hub post]({filename}/posts/hub.md) on this.",
                   Author=f"Cy Lund {i}", Date=f"2026-02-{1 + i:02d} 12:00")
    # years later, on a post of its own; and a post that builds on the hub (its Builds-On)
    site.post("late", "A later post.", title="Late", date="2028-03-01 09:00")
    site.reply("late", "jun-1", "Back to [the hub]({filename}/posts/hub.md).", Author="Jun Park",
               Date="2028-03-02 10:00")
    site.post("builder", "Building on the hub.", title="Builder", date="2026-03-01 09:00", extra="Builds-On: hub\n")
    site.build(CONVERSATION_MAP_MIN_REPLIES=1)
    return site.output


def numbers(text: str) -> int:
    return int(re.match(r"(\d+) ties?$", text).group(1))


def test_the_counts_on_a_busy_map_add_up_to_the_ties_listed_under_it(site):
    output = counted_site(site)
    soup = soup_of(output / "posts" / "hub" / "index.html")
    section = soup.select_one("#conversation-elsewhere")
    items = [li.get_text(" ", strip=True) for li in section.select("li")]
    ties = len(items)
    posts = OTHERS + 2  # the other posts, Late and Builder
    assert ties == OTHERS + 1 + 1 + 1  # each other post's reply, the deep reply's link, Jun's reply, the Builds-On
    assert section.h4.get_text() == f"{ties} ties to {posts} other posts"
    for svg in soup.select("svg.map-svg"):
        counts = {a["data-node"]: numbers(a.select_one("text.label--count").get_text())
                  for a in svg.select("a.map-node") if a.select_one("text.label--count")}
        # the post's own box counts the ties to the post itself, and everything adds up to the list
        assert counts["post:hub"] == OTHERS + 2, counts
        assert sum(counts.values()) == ties, counts
        for a in svg.select("a.map-node"):  # a row's details: "1 tie to another post", "3 ties to other posts"
            if a["data-node"] in counts:
                n = counts[a["data-node"]]
                said = "1 tie to another post" if n == 1 else f"{n} ties to other posts"
                # a phone's drawing, where a wider one is drawn too, points at the wider one's title
                title = a.select_one("title") or soup.find(id=a["aria-describedby"])
                assert f"{said}: listed under the map." in title.get_text(), a
        box = svg.select_one('a.map-node[data-node="more:elsewhere"]').get_text(" ", strip=True)
        assert f"{ties} ties to {posts} other posts" in box, box
    caption = soup.select_one("#conversation-map-caption").get_text(" ")
    assert f"{ties} ties to {posts} other posts" in caption, caption
    # the post itself (this page) is named, not linked
    assert any(t.startswith("“Builder” builds on the post") for t in items), items
    for li in section.select("li"):
        assert all(a.get_text() not in ("The post", "the post") for a in li.select("a")), li


def test_every_row_of_a_busy_map_says_name_and_date_however_deep(site):
    output = counted_site(site)
    soup = soup_of(output / "posts" / "hub" / "index.html")
    for svg in soup.select("svg.map-svg"):
        rows = [a for a in svg.select("a.map-node") if a["data-node"].startswith("reply:hub/")]
        assert rows
        deep = svg.select_one(f'a.map-node[data-node="reply:hub/r{DEPTH - 1}"]')
        if deep is None:  # folded into "+N more" on this drawing
            continue
        assert deep.select_one("text.label--count").get_text() == "1 tie"
        for a in rows:
            label = a.select_one("text.label").get_text()
            # "Name, 12 Jan" or a shortened "Bartho…, 12 Jan": the date is never dropped
            assert re.search(r", \d{1,2} [A-Z][a-z]{2}$", label), label


def test_dates_of_other_years_have_their_year_and_the_two_lists_name_the_same_posts(site):
    output = counted_site(site)
    soup = soup_of(output / "posts" / "hub" / "index.html")
    items = [li.get_text(" ", strip=True) for li in soup.select("#conversation-elsewhere li")]
    assert "Jun Park, 2 Mar 2028, on “Late” links to the post" in items, items
    assert "Cy Lund 0, 1 Feb, on “Other 0” links to the post" in items, items  # the post's own year: no year
    listed = {title for item in items for title in re.findall(r"“([^”]+)”", item)}
    trails = soup.select_one("section.trails")
    travelled = {a.get_text() for a in trails.select("li > a:first-child")}
    assert listed == {t.strip("“”") for t in travelled} and len(listed) == OTHERS + 2, (listed, travelled)
    assert any("Builder" in li.get_text() and "built on this conversation" in li.get_text()
               for li in trails.select("li"))


def test_the_people_map_s_words_key_and_filters_match_each_drawing(tmp_path):
    from test_busy_maps import busy_people_site

    soup = soup_of(busy_people_site(tmp_path) / "conversations" / "index.html")
    figure = soup.select_one("figure.map-figure--people")
    caption = figure.select_one("#people-map-caption")
    note = figure.select_one(".map-cap")
    # plain sentences: no brackets within brackets, nor any
    assert "(" not in caption.get_text(), caption.get_text()
    narrow = figure.select_one("svg.map-svg--narrow")
    drawn = [a for a in narrow.select("a.map-node") if a["data-node"] != "more:people"]
    lines = len(narrow.select("g.edges path"))
    assert narrow.select_one('a.map-node[data-node="more:people"]') is not None  # a phone's drawing is folded
    # each drawing's own words (site.css shows the phone's while its drawing shows)
    phone_words = " ".join(caption.select_one(".caption-narrow").get_text().split())
    assert f"the map shows {len(drawn)} people and {lines} of the strongest connections between them: the most " \
        "connected, and those most strongly tied to them. Everyone else is in the lists below" \
        in phone_words
    wide = figure.select_one("svg.map-svg--wide")
    wide_words = " ".join(caption.select_one(".caption-wide").get_text().split())
    assert f" and {len(wide.select('g.edges path'))} of the " in wide_words, wide_words
    # where some people go unnamed (a name would cover someone else), the words say whose names are written
    named = len(wide.select("a.map-node text.label"))
    unnamed_said = "Names are written where there is room" in wide_words
    assert unnamed_said == (named < len(wide.select("a.map-node"))), (named, wide_words)
    assert f"It draws {lines} of the" in " ".join(note.select_one(".caption-narrow").get_text().split())
    assert f"It draws {len(wide.select('g.edges path'))} of the" in note.select_one(".caption-wide").get_text()
    # the key names every kind of line drawn, and the filters offer those kinds, no other
    key = {li.select_one("path")["class"][1].removeprefix("edge--"): "legend-wide" in (li.get("class") or [])
           for li in figure.select(".map-legend li[data-kind]:not(.legend-explore)")}
    for svg in figure.select("svg.map-svg"):
        kinds = {g["class"][1].removeprefix("edge--") for g in svg.select("g.edges g.edge")}
        assert kinds <= set(key), (kinds, key)
    narrow_kinds = {g["class"][1].removeprefix("edge--") for g in narrow.select("g.edges g.edge")}
    assert {k for k, wide_only in key.items() if not wide_only} == narrow_kinds
    # every kind a filter can leave a line as is offered and keyed (the kinds no line is drawn as: while exploring)
    boxes = [i["value"] for i in figure.select('#people-map-controls input[name="kind"]')]
    assert boxes == [li["data-kind"] for li in figure.select(".map-legend li")], boxes
    assert boxes == [k for k in ("reply", "quote", "mention", "link") if k in boxes] and len(boxes) >= 3
    for li in figure.select(".map-legend li"):
        kind = "replies" if li["data-kind"] == "reply" else li["data-kind"]
        assert ("legend-explore" in (li.get("class") or [])) == all(
            kind not in {g["class"][1].removeprefix("edge--") for g in svg.select("g.edges g.edge")}
            for svg in figure.select("svg.map-svg")), li
