"""Person pages and /people/ whose words add up (a reader's review of the 1,000-post archive):
the tables' "How" reads without the hidden "Times" column, the words someone took up are shown
once, and /people/ says what its count counts and who is most active."""

from __future__ import annotations

import re

import pytest
from conftest import SiteMaker, soup_of
from test_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

FIRST = "Slow reading is a habit that takes years to learn well."
SECOND = "Describe what you notice before you judge what it means for you."
# Readers who only answer the second post: more people than /people/'s "most active" list holds.
OTHERS = ["Kim Lau", "Lars Berg", "Nora Vik", "Omar Said", "Pia Holm", "Quin Adler", "Rosa Mendes",
          "Sven Aho", "Tara Quill", "Uma Rao", "Vera Lund"]


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    """Ben answers Ada three times (quoting her twice) and names her once in an answer to Cleo."""
    site = SiteMaker(tmp_path_factory.mktemp("talk"))
    site.post("p1", "Notes on reading slowly.", title="Reading Slowly")
    site.post("p2", "Notes on keeping a journal.", title="Journals", date="2026-01-05 09:00")
    site.reply("p1", "a1", f"{FIRST} {SECOND}", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p1", "b1", f"> {SECOND}\n\nYes, and the noticing is the hard part.", Author="Ben Ode",
               Date="2026-01-02 11:00", Reply_To="a1")
    site.reply("p1", "a2", "I mean the small things first, then the larger pattern.", Author="Ada Park",
               Date="2026-01-02 12:00", Reply_To="b1")
    site.reply("p1", "b2", "> the small things first, then the larger pattern\n\nAgreed, in that order.",
               Author="Ben Ode", Date="2026-01-02 13:00", Reply_To="a2")
    site.reply("p1", "b4", "Thanks, that helps me.", Author="Ben Ode", Date="2026-01-02 14:00", Reply_To="a2")
    site.reply("p1", "c1", "Writing it down helps me more than reading twice.", Author="Cleo Marsh",
               Date="2026-01-03 10:00")
    site.reply("p1", "b3", "Ada Park said much the same above, and I agree.", Author="Ben Ode",
               Date="2026-01-03 11:00", Reply_To="c1")
    for i, name in enumerate(OTHERS):
        site.reply("p2", f"o{i}", "A fine note, thank you.", Author=name, Date=f"2026-01-06 {10 + i}:00")
    site.build()
    return site


HOW = "3 replies (2 also quoting them) and 1 mention"


def _how(rows, frm: str | None, to: str) -> list[str]:
    """The "How" of the rows in which ``frm`` builds on ``to`` (``frm`` None: a table without the column)."""
    def name(tr, cls):
        cell = tr.select_one(f"td.{cls}")
        return cell.get_text(strip=True) if cell else None
    return [" ".join(tr.select_one("td.tie-how").get_text().split()) for tr in rows
            if name(tr, "tie-from") == frm and name(tr, "tie-to") == to]


def test_how_a_person_built_on_another_reads_alone_and_alike_on_every_page(talk):
    """"52 replies, 1 mention; of these 53, 2 also quote them and 1 names them": "53" was the Times
    column a phone hides. Now each "also" is said with the kind it belongs to, and the counts add up."""
    ada = talk.page("people/ada-park/index.html")
    built_upon = ada.select_one("#built-upon-title").find_parent("section")
    rows = [" ".join(tr.get_text(" ", strip=True).split()) for tr in built_upon.select("tbody tr")]
    assert rows == [f"Ben Ode 4 {HOW}"], rows
    ben = talk.page("people/ben-ode/index.html").select_one("#builds-on-title").find_parent("section")
    for page, frm in ((talk.page("posts/p1/index.html"), "Ben Ode"), (talk.page("conversations/index.html"), "Ben Ode"),
                      (ben, None)):
        assert _how(page.select(".builds-on-table tbody tr"), frm, "Ada Park") == [HOW]
        assert not [t for t in page.select("td.tie-how") if "of these" in t.get_text()]


def test_the_words_taken_up_are_shown_once_with_where_they_were_cut(talk):
    """Ada's passage and Ben's quote of it were two versions of the same words: hers without "…"
    though cut from a longer reply, his with a word of the sentence before. Now once, as she wrote
    them, "…" where her reply goes on, with both whose words and who quoted them under it."""
    ada = talk.page("people/ada-park/index.html")
    pairs = ada.select(".quote-pair")
    assert len(pairs) == 2
    for pair in pairs:
        assert len(pair.select("blockquote")) == 1
    first, second = (" ".join(p.select_one("blockquote").get_text().split()) for p in pairs)
    assert first == f"… {SECOND}"  # her reply began before these words: "…"; it ends with them
    assert pairs[0].select_one(".quote-gap")["title"] == "More comes before these words"
    assert second == "… the small things first, then the larger pattern."
    caption = " ".join(pairs[0].figcaption.get_text().split())
    assert caption == "Ada Park, 2 January 2026 on “Reading Slowly”; quoted by Ben Ode, 2 January 2026"
    links = [a["href"] for a in pairs[0].figcaption.select("a")]
    assert links == ["../../posts/p1/#reply-a1", "../../posts/p1/#reply-b1"]


def test_people_says_what_its_count_counts_and_who_is_most_active(talk):
    """/people/ said 301 people, the site's map 300, with no word why; the busiest could only be
    found by reading the whole A–Z list."""
    people = talk.page("people/index.html")
    intro = " ".join(people.select_one("main p").get_text().split())
    count = int(re.search(r"here: (\d+) people", intro).group(1))
    assert count == len(OTHERS) + 4  # Ada, Ben, Cleo and Mira, who wrote the posts
    caption = talk.page("conversations/index.html").select_one("#people-map-caption").get_text()
    on_map = int(re.search(r"The map shows (?:the )?(\d+) (?:people who (?:build on one another|took part)|of the)",
                           caption).group(1))
    assert on_map == count - 1
    # and the map's caption says who makes the difference, as /people/ does (it said "the N people who took
    # part here" beside /people/'s N + 1, with the reason a screen below)
    assert ("Not on the map: the one person who wrote posts here and only answered their readers or was "
            "answered by them, counted apart, below.") in " ".join(caption.split())
    assert (f"The people map on Conversations shows {on_map} of them and how they build on one another. "
            "Mira Okafor is not on it: they wrote posts here, and only answered the readers of their posts or were "
            "answered by them, which the map counts apart.") in intro
    assert people.select_one("main p a[href='../people/mira-okafor/']") is not None
    most = people.select_one("section.most-active")
    assert most.find_next("nav", class_="letter-nav") is None or most.find_next("h2").get_text() != "A"
    rows = [" ".join(li.get_text(" ", strip=True).split()) for li in most.select("ol li")]
    assert len(rows) == 10
    assert rows[:3] == ["Ben Ode 4 replies", "Ada Park 2 replies", "Mira Okafor 2 posts"]
    assert [a["href"] for a in most.select("a")][:2] == ["../people/ben-ode/", "../people/ada-park/"]
    # the list stops at ten in the middle of those who wrote one reply: the rest of them are named under it
    tied = most.select_one("p.tied")
    last = rows[-1].rsplit(" 1 reply", 1)[0]
    assert rows[-1].endswith(" 1 reply") and tied.get_text(" ", strip=True).startswith(
        f"As many posts and replies as {last}:")
    named = [a.get_text() for a in tied.select("a")]
    assert len(named) == count - 10 and not set(named) & {r.rsplit(" ", 2)[0] for r in rows}
    # everyone is still listed by name, below
    everyone = people.select_one("#everyone-title").find_next("ul", class_="people-list")
    assert len(everyone.select("li")) == count


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_use_the_width_and_quotes_keep_to_their_captions(browser, talk, serve_dir, scheme):  # noqa: F811
    """On a desktop the two tables stood side by side, each half the width, so names wrapped
    ("Cleo / Park"); on a phone each "quoted by" sat as near the next quote as its own."""
    base = serve_dir(talk.output)
    desk = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = desk.new_page()
    page.goto(f"{base}/people/ada-park/")
    box = page.locator("#built-upon-title").locator("xpath=..").locator("table").bounding_box()
    column = page.locator("main h1").bounding_box()  # the text column (the page's maps are wider)
    assert box["width"] > 0.95 * column["width"], (box, column)
    name = page.locator("#built-upon-title").locator("xpath=..").locator("td.tie-from a").first
    assert name.evaluate("a => a.getClientRects().length") == 1  # "Ben Ode" on one line
    desk.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                color_scheme=scheme)
    page = phone.new_page()
    page.goto(f"{base}/people/ada-park/")
    gaps = page.evaluate("""() => [...document.querySelectorAll('.quote-pair')].map(p => {
      const box = el => el.getBoundingClientRect();
      const q = box(p.querySelector('blockquote')), c = box(p.querySelector('figcaption'));
      const next = p.nextElementSibling && p.nextElementSibling.matches('.quote-pair') ? p.nextElementSibling : null;
      return [c.top - q.bottom, next ? box(next.querySelector('blockquote')).top - c.bottom : null]; })""")
    own, to_next = gaps[0]
    assert to_next is not None and to_next >= 3 * max(own, 1), gaps  # a caption is clearly its own quote's
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()


def test_the_people_map_says_how_many_of_its_people_build_on_one_another(tmp_path):
    """Someone who only answered the post is drawn, alone: the caption does not count them among the
    people who build on one another (on the real archive, 16 of 35)."""
    site = SiteMaker(tmp_path)
    site.post("p", "A post.")
    site.reply("p", "ada-1", "A first thought.", Author="Ada Park")
    site.reply("p", "ben-1", "On Ada's thought.", Author="Ben Ode", Reply_To="ada-1", Date="2026-01-03 10:00")
    site.reply("p", "cy-1", "On the post alone.", Author="Cy Lamb", Date="2026-01-04 10:00")
    site.build()
    caption = " ".join(site.page("conversations/index.html").select_one("#people-map-caption").get_text().split())
    drawn = {a["data-node"] for a in site.page("conversations/index.html").select("#people-map svg a.map-node")
             if a["data-node"].startswith("person:")}
    assert len(drawn) == 3, drawn
    # the post's author, whom they only answered, is the site's fourth person, off the map: said with the count
    assert "The map shows 3 of the site’s 4 people, 2 of whom build on one another, and the one " \
           "connection between them." in caption, caption


def test_every_passage_a_reply_took_up_is_shown_and_an_argument_is_called_one(sample_site):
    # The post's margin marked three paragraphs taken up (two by Tomás, one argued with by Sam); Mira's page
    # showed one passage per reply and called Sam's argument a plain quote.
    page = soup_of(sample_site / "people" / "mira-okafor" / "index.html")
    pairs = {f.select_one(".quoted-by a").get_text().split(",")[0]: f for f in page.select(".quote-pair")}
    tomas = [b.get_text(" ", strip=True) for b in pairs["Tomás Herrera"].select("blockquote")]
    assert len(tomas) == 2 and "one question in the margin of every page" in tomas[0]  # in the post's order
    assert pairs["Sam Oduya"].select_one(".quoted-by").get_text().endswith(", who argued with it")
    assert not pairs["Tomás Herrera"].select_one(".quoted-by").get_text().endswith("argued with it")
    margin = soup_of(sample_site / "posts" / "on-slow-reading" / "index.html").get_text(" ", strip=True)
    assert "argued with" in margin  # the word the margin uses for Sam's reply


def test_people_says_which_replies_it_leaves_out(site):
    """Replies on a hidden post (an imported WordPress page) are on its page but in no list: /people/
    said "everyone who wrote a post or a reply here" and left their writers out without a word."""
    site.post("p")
    site.reply("p", "a", "Listed.", Author="Ada Park")
    site.post("about", title="About", extra="Status: hidden\n")
    site.reply("about", "h1", "On the page.", Author="Hal Vance")
    site.reply("about", "h2", "Also there.", Author="Ivy Stone", Date="2026-01-03 10:00")
    site.build()
    people = site.page("people/index.html")
    words = " ".join(people.select_one("main p").get_text().split())
    assert ("Replies to 1 unlisted post (a post in no list, such as a page imported from WordPress) "
            "are shown on its page only: they are not counted here or on the maps.") in words
    listed = people.get_text()
    assert "Ada Park" in listed and "Hal Vance" not in listed and "Ivy Stone" not in listed
    about = site.page("posts/about/index.html")
    assert "Hal Vance" in about.get_text() and "Ivy Stone" in about.get_text()  # nothing lost on its page
    # a hidden translation of a listed post shares its slug and its replies, which are counted: not unlisted
    (site.content / "posts" / "p-de.md").write_text(
        "Title: Der Beitrag\nDate: 2026-01-01 09:00\nAuthor: Mira Okafor\nCategory: Practice\nSlug: p\n"
        "Lang: de\nStatus: hidden\n\nEin Beitrag.\n", encoding="utf-8")
    site.build()
    assert "Replies to 1 unlisted post " in " ".join(site.page("people/index.html").get_text().split())
    site.post("about", title="About", extra="Status: hidden\n")  # unchanged: no hidden post, no such words
    (site.content / "replies" / "about" / "h1.md").unlink()
    (site.content / "replies" / "about" / "h2.md").unlink()
    site.build()
    assert "unlisted" not in site.page("people/index.html").get_text()


def test_one_or_two_left_over_are_shown_with_the_rest_not_under_a_heading_of_their_own(site):
    """A reader saw "1 earlier reply", a bare link under its own heading, under ten replies shown in full:
    one or two past the limit are shown in full with them; more get the one-line list."""
    site.post("p")
    for i in range(4):
        site.reply("p", f"a{i}", f"Thought number {i} from Ada.", Author="Ada Park", Date=f"2026-01-0{i + 2} 10:00")
    for i in range(6):
        site.reply("p", f"b{i}", f"Thought number {i} from Ben.", Author="Ben Ode", Date=f"2026-01-0{i + 2} 11:00")
    site.build(CONVERSATION_MAP_PERSON_LIST_LIMIT=3)
    ada = site.page("people/ada-park/index.html")
    assert len(ada.select("ul.said > li")) == 4 and ada.select_one("#earlier-replies") is None
    ben = site.page("people/ben-ode/index.html")
    assert len(ben.select("ul.said > li")) == 3
    assert ben.select_one("#earlier-replies").get_text() == "3 earlier replies"
    assert len(ben.select("#earlier-replies + ul.more-list li, #earlier-replies ~ ul.more-list li")) == 3


def test_a_top_list_cut_among_equals_names_the_rest(site):
    """"Readers others built on most" showed 4 of the 9 readers built on once, as if the other 5 were
    built on less: those the list leaves out though they score as its last are named under it."""
    site.post("p1", "A post.", title="One")
    site.post("p2", "A second post.", title="Two", date="2026-01-03 09:00")
    site.post("p3", "A third post.", title="Three", date="2026-01-04 09:00")
    for rid, author, parent in (("a1", "Ada Park", None), ("b1", "Ben Ode", "a1"), ("c1", "Cleo Moss", "a1"),
                                ("d1", "Dan Roy", "b1"), ("e1", "Eve Lind", "c1"), ("f1", "Fay Ahn", "d1")):
        site.reply("p1", rid, "A thought of mine.", Author=author, Reply_To=parent)
    site.reply("p2", "g1", "A first answer.", Author="Gus Hay")
    site.reply("p3", "h1", "Another answer.", Author="Hal Ito")
    site.build(CONVERSATION_MAP_TOP_N=2)
    page = site.page("conversations/index.html")
    readers = page.select_one("#top-people-title").find_parent("section")
    assert [a.get_text() for a in readers.select("table a")] == ["Ada Park", "Ben Ode"]
    assert " ".join(readers.select_one("p.tied").get_text().split()) == "Built on once as well: Cleo Moss and Dan Roy."
    posts = page.select_one("#top-posts-title").find_parent("section")
    assert [a.get_text() for a in posts.select("table a")] == ["One", "Two"]
    assert " ".join(posts.select_one("p.tied").get_text().split()) == "Built on once as well: “Three”."
    assert [a["href"] for a in posts.select("p.tied a")] == ["../posts/p3/"]


def test_the_site_lists_the_pairs_who_answered_each_other_most_and_says_how_many_it_leaves(site):
    """The site's "Who answered whom, in turn" shows each pair once, at their longest exchange, the pairs who
    answered each other most first, and said neither (a reader missed one that a post's page and a person
    page showed)."""
    site.post("p", "A post.", title="P")
    site.post("q", "Another post.", title="Q", date="2026-01-05 09:00")
    for i, (who, to) in enumerate((("Ada Park", None), ("Ben Ode", "a0"), ("Ada Park", "a1"))):
        site.reply("p", f"a{i}", "Yes, and more.", Author=who, Reply_To=to, Date=f"2026-01-02 10:0{i}")
    for i, (who, to) in enumerate((("Cy Lamb", None), ("Di Ross", "c0"), ("Cy Lamb", "c1"), ("Di Ross", "c2"))):
        site.reply("q", f"c{i}", "Yes, and more.", Author=who, Reply_To=to, Date=f"2026-01-06 10:0{i}")
    site.build()
    section = site.page("conversations/index.html").select_one("#exchanges-title").parent
    titles = [t.get_text(strip=True) for t in section.select(".exchange-title")]
    assert titles == ["Cy and Di went back and forth in 4 replies on “Q”",
                      "Ada and Ben went back and forth in 3 replies on “P”"], titles
    site.build(CONVERSATION_MAP_TOP_N=1)
    section = site.page("conversations/index.html").select_one("#exchanges-title").parent
    titles = [t.get_text(strip=True) for t in section.select(".exchange-title")]
    assert titles == ["Cy and Di went back and forth in 4 replies on “Q”"], titles
    said = " ".join(section.select_one("p.meta").get_text().split())
    assert ("Each pair is here once, at their longest exchange (the pair who answered each other most, of 2); "
            "each post’s page lists its own.") in said, said
