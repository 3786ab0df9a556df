"""The conversations page stays light however many people write (issue 7): the people map draws
at most CONVERSATION_MAP_MAX_PEOPLE people and CONVERSATION_MAP_MAX_LINES lines, the connections
table and the trails show the strongest few, and connections.csv / trails.csv beside the page
hold every one, escaped for spreadsheets.

The generated site is small (sitegen, 40 posts × 12 replies from 400 people) with the caps set
low, so the caps bite as they do at 1,000 posts × 20 replies with the defaults.
"""

from __future__ import annotations

import csv
import io
import re
import sys

import networkx as nx
import pytest
from conftest import soup_of
from sitebuild import REPO, build_site, read_graph_json

sys.path.insert(0, str(REPO / "benchmarks"))

from sitegen import generate

CAPS = {"CONVERSATION_MAP_MAX_PEOPLE": 40, "CONVERSATION_MAP_MAX_LINES": 60, "CONVERSATION_MAP_TABLE_ROWS": 15,
        "CONVERSATION_MAP_MAX_TRAILS": 5}
PAGE_LIMIT = 100_000  # bytes; 83 KB measured; the same page with no caps weighs 252 KB


def read_csv(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def number(text: str) -> int:
    return int(text.replace(",", ""))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    root = tmp_path_factory.mktemp("crowded")
    generate(root / "site", posts=40, replies=12, people=400)
    return build_site(root / "site" / "ours", root / "output", ARTICLE_PATHS=["posts"], TIMEZONE="UTC", **CAPS)


def test_the_page_stays_under_its_cap_with_many_people(crowded):
    path = crowded / "conversations" / "index.html"
    page = soup_of(path)
    size = path.stat().st_size
    print(f"\nconversations/index.html: {size:,} bytes")
    assert size <= PAGE_LIMIT
    svgs = page.select("#people-map svg.map-svg")
    assert 1 <= len(svgs) <= 3
    for svg in svgs:
        people = [a for a in svg.select("a.map-node") if a["data-node"] != "more:people"]
        assert len(people) <= 40 and len(svg.select("path.edge")) <= 60
    assert len(page.select("table.builds-on-table tbody tr")) == 15
    assert len(page.select(".trails li")) == 5
    # Everyone is still reachable from the page: the groups and the "apart" list name every person.
    listed = {a.get_text() for a in page.select(".communities a")}
    data = read_graph_json(crowded)
    readers = {n["label"] for n in data["nodes"] if n.get("kind") == "person" and n.get("url")}
    assert len(listed) >= 0.9 * len(readers) > 100


def test_the_page_says_how_much_it_shows_and_links_the_full_lists(crowded):
    page = soup_of(crowded / "conversations" / "index.html")
    connections = read_csv(crowded / "conversations" / "connections.csv")
    trails = read_csv(crowded / "conversations" / "trails.csv")
    cap = page.select_one(".map-cap")
    cap = (cap.select_one(".caption-wide") or cap).get_text(" ", strip=True)  # the wider drawings' words
    shown, total = map(number, re.search(r"the ([\d,]+) most connected of ([\d,]+) people", cap).groups())
    assert shown == 40 and total > 150  # many more people than the map shows
    drawn, among = map(number, re.search(r"draws ([\d,]+) of the ([\d,]+) connections", cap).groups())
    assert drawn <= 60 < among <= len(connections)  # at most the cap: the ties that keep everyone joined
    table_note = page.select_one("#connections-title + p.meta").get_text(" ", strip=True)
    assert f"The 15 strongest of {len(connections):,} connections" in table_note
    trail_note = page.select_one(".trails p.meta").get_text(" ", strip=True)
    assert f"The 5 trails taken up most often, of {len(trails):,}" in trail_note
    for link in ("connections.csv", "trails.csv"):
        assert page.select(f'a[href="{link}"]')  # beside the page, so relative
    # The table is the head of the CSV, heaviest first.
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("table.builds-on-table tbody tr")]
    assert rows == [[r["who"], r["builds_on"], r["times"], r["how"]] for r in connections[:15]]
    times = [int(r["times"]) for r in connections]
    assert times == sorted(times, reverse=True)
    for r in connections:
        assert int(r["times"]) == sum(int(r[k]) for k in ("replies", "quotes", "mentions", "links"))
    # Every line the map draws is a connection of the CSV, with its weight.
    weight = {(r["who_page"], r["builds_on_page"]): int(r["times"]) for r in connections}
    wide = page.select_one("#people-map svg.map-svg--wide")
    url = [a["href"].removeprefix("../") for a in wide.select("a.map-node")]
    lines = wide.select("g.edges path")
    assert len(lines) == drawn
    for line in lines:  # data-p: the posts it was built in, with counts that add up to its weight
        times = sum(int(p.partition(":")[2] or 1) for p in line["data-p"].split())
        assert weight[(url[int(line["data-from"])], url[int(line["data-to"])])] == times
        # data-n: the contributions per kind (one can be two kinds), or one count, or none for once
        kinds = [int(n) for n in line.get("data-n", "1").split()]
        assert max(kinds) <= times <= sum(kinds)
    # The trails shown are the ones taken up most often.
    shown_trails = page.select(".trails li")
    most = sorted((int(t["times"]) for t in trails), reverse=True)[:5]
    assert [len(li.select("a")) - 2 for li in shown_trails] == most  # and the most taken up first


def test_the_csv_is_complete_against_the_graph(crowded):
    """connections.csv has one row per pair of readers where one built on the other (readers
    answering, quoting, naming or linking to readers), counted again here from graph.json."""
    data = read_graph_json(crowded)
    G = nx.node_link_graph(data, edges="links", multigraph=True, directed=True)
    host = {G.nodes[n].get("author") for n in G if G.nodes[n].get("kind") == "post"}
    pairs = set()
    for u, v, kind in G.edges(keys=True):
        if kind not in ("reply", "quote", "mention", "link") or G.nodes[u].get("kind") != "reply":
            continue
        a = G.nodes[u].get("author")
        b = v if G.nodes[v].get("kind") == "person" else G.nodes[v].get("author")
        if a and b and a != b and a not in host and b not in host:
            pairs.add((G.nodes[a]["url"], G.nodes[b]["url"]))
    rows = read_csv(crowded / "conversations" / "connections.csv")
    assert {(r["who_page"], r["builds_on_page"]) for r in rows} == pairs
    assert len(rows) == len(pairs)


def test_the_csv_files_are_escaped_for_spreadsheets(site):
    site.post("p", "A post about [the other one]({filename}/posts/q.md).")
    site.post("q", "The other post.", date="2025-12-01 09:00")
    site.reply("p", "a", "Opening words.", Author='Ada "Quill", Park')
    site.reply("p", "b", "I agree with you.", Author="=HYPERLINK(1)", Reply_To="a", Date="2026-01-02 11:00")
    site.reply("p", "c", "And I with both.", Author="+Cleo", Reply_To="b", Date="2026-01-02 12:00")
    site.build()
    rows = read_csv(site.output / "conversations" / "connections.csv")
    names = {r["who"] for r in rows} | {r["builds_on"] for r in rows}
    assert names == {'Ada "Quill", Park', "'=HYPERLINK(1)", "'+Cleo"}
    raw = (site.output / "conversations" / "connections.csv").read_bytes().decode("utf-8")
    assert '"Ada ""Quill"", Park"' in raw and "\r\n" in raw
    page = soup_of(site.output / "conversations" / "index.html")
    assert page.select_one('a[href="connections.csv"]') and page.select_one('a[href="trails.csv"]')
    trails = read_csv(site.output / "conversations" / "trails.csv")
    assert [(t["raised_in_page"], t["taken_up_in_page"]) for t in trails] == [("posts/q/", "posts/p/")]


@pytest.mark.parametrize("key", ["CONVERSATION_MAP_MAX_LINES", "CONVERSATION_MAP_TABLE_ROWS",
                                 "CONVERSATION_MAP_MAX_TRAILS"])
def test_the_list_caps_are_checked(key):
    from conversation_map.settings import ConfigError, check_settings

    assert check_settings({key: 5})[key] == 5
    with pytest.raises(ConfigError, match=f"{key} must be at least 1"):
        check_settings({key: 0})
    with pytest.raises(ConfigError, match=f"{key} must be int"):
        check_settings({key: 5.0})


def test_the_trails_listed_are_the_most_taken_up_first():
    from conversation_map.site_page import page_lists

    trails = [{"via": ["a"], "n": 1}, {"via": ["a", "b", "c"], "n": 2}, {"via": ["a"], "n": 3},
              {"via": ["a", "b"], "n": 4}]  # in date order, as the insight stage gives them
    settings = {"CONVERSATION_MAP_TABLE_ROWS": 5, "CONVERSATION_MAP_MAX_TRAILS": 3}
    shown = page_lists({"table": [], "trails": trails}, settings)["trails"]
    assert [t["n"] for t in shown] == [2, 4, 1]  # three vias, two, then the oldest of the ones taken up once
