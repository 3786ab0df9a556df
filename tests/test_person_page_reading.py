"""A busy person's page as a reader meets it: what it holds at the top, parts a phone can get through,
and quoted passages shown whole or visibly cut (theme/templates/person.html, person_words.taken_words)."""

from __future__ import annotations

import random

import pytest
from conftest import SiteMaker
from conversation_map.person_words import QUOTE_CHARS
from test_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

VOCABULARY = """garden pencil margin lamp river season kitchen window letter student teacher journal draft
habit patient careful quiet ordinary public useful strange familiar honest morning evening walk table page
idea notice argue repair finish describe listen return begin judge practice attention feedback workshop
question colleague friend book week slow small""".split()
POSTS = 20
LONG = ("Reading with a pencil in hand slows the eye down to the pace of the argument, and that pace is where "
        "the book stops being a stream of pleasant sentences and starts being a set of claims one can test, "
        "doubt, redraw in the margin and carry into the next conversation with a friend who read it "
        "differently, which is, in the end, the whole reason to read slowly at all, at least for me, on most "
        "evenings, when the kitchen is quiet and the window is open to the garden.")


def _words(i: int) -> list[str]:
    return random.Random(i).sample(VOCABULARY, 24)


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    """Ada and Ben answer each other under 20 posts; Ben quotes part of a sentence of Ada's each time,
    and once a passage too long to show whole."""
    site = SiteMaker(tmp_path_factory.mktemp("busy"))
    for i in range(POSTS):
        slug = f"post-{i:02d}"
        site.post(slug, f"Post {i} on reading.", date=f"2026-01-{1 + i:02d} 09:00")
        w = _words(i)
        ada = LONG if i == 0 else f"{' '.join(w[:12]).capitalize()}. {' '.join(w[12:]).capitalize()}."
        quoted = LONG[:-1] if i == 0 else " ".join(w[3:13])  # from inside one sentence into the next
        day = f"2026-02-{1 + i:02d}"
        site.reply(slug, "a1", ada, Author="Ada Park", Date=f"{day} 10:00")
        site.reply(slug, "b1", f"> {quoted}\n\nI read it another way.", Author="Ben Ode", Date=f"{day} 11:00",
                   Reply_To="a1")
        site.reply(slug, "a2", "Then tell me more about it.", Author="Ada Park", Date=f"{day} 12:00",
                   Reply_To="b1")
        site.reply(slug, "b2", "Gladly, over coffee.", Author="Ben Ode", Date=f"{day} 13:00", Reply_To="a2")
        site.reply(slug, "a3", "Deal, see you then.", Author="Ada Park", Date=f"{day} 14:00", Reply_To="b2")
    site.build()
    return site


def test_the_page_says_what_it_holds_and_links_each_part(busy):
    page = busy.page("people/ada-park/index.html")
    nav = page.select_one("nav.person-contents")
    assert nav is not None and nav.find_previous("h2") is None  # before every part
    entries = {li.a.get_text(): " ".join(li.get_text(" ", strip=True).split()) for li in nav.select("li")}
    assert entries["What they said"] == f"What they said {3 * POSTS} replies"
    assert entries["Who answered whom"] == f"Who answered whom {POSTS} exchanges"
    assert entries["Who took up their words"] == f"Who took up their words {POSTS} times"
    assert entries["Answered"] == "Answered 2 people, answered by 1"  # Ben, and Mira under her posts
    for a in nav.select("a"):
        assert page.find(id=a["href"][1:]) is not None, a["href"]
    # a person with little to show gets no contents
    assert busy.page("people/mira-okafor/index.html").select_one("nav.person-contents") is None


def test_long_parts_show_a_few_in_full_and_a_short_first_page(busy):
    page = busy.page("people/ada-park/index.html")
    said = page.find(id="said-title").find_next_siblings()
    shown = [li for li in said[0].select("li")]
    assert said[0]["class"] == ["said"] and len(shown) == 5
    assert len(said[1].select(".said li")) == 5 and said[1].name == "details"  # the rest of the ten, folded
    lines = page.select_one("#earlier-replies").find_next_sibling("ul").select("li")
    assert len(lines) == 10
    later = busy.page("people/ada-park/replies/2/index.html")
    assert len(later.select(".more-list li")) == 3 * POSTS - 10 - 10  # every other reply, on page 2
    assert "11–50 of 50" in later.select_one("p.meta").get_text()
    # a list at most twice as long as a first page is whole there, with no page of its own
    posts = busy.page("people/mira-okafor/index.html").select_one("#person-posts").find_next_sibling("ul")
    assert len(posts.select("li")) == POSTS and not (busy.output / "people/mira-okafor/posts/2").exists()
    assert len(page.select(".exchanges > .exchange")) == 2 and len(page.select(".exchanges details .exchange")) == 8
    # the longest ones, in a stated order (they came in no visible order): oldest first, as the later pages
    firsts = [ex.select_one("time")["datetime"] for ex in page.select(".exchanges .exchange")]
    assert firsts == sorted(firsts), firsts
    said = page.select_one("#exchanges-title").find_next("p").get_text()
    assert said == "The 10 longest, oldest first; the others follow."


def test_a_quoted_fragment_and_a_long_passage_are_visibly_cut(busy):
    page = busy.page("people/ada-park/index.html")
    pairs = page.select(".quote-pair")
    assert all(len(p.select("blockquote")) == 1 for p in pairs)  # the words taken up, once
    first = " ".join(pairs[0].blockquote.get_text().split())
    # the long one: cut at a word with "…" and a link to all of it
    assert first.endswith("… Read all of it")
    kept = first.removesuffix("… Read all of it").strip()
    assert LONG.startswith(kept) and not LONG[len(kept)].isalnum() and len(kept) <= QUOTE_CHARS
    more = pairs[0].select("a.quote-more")
    assert [a["href"] for a in more] == ["../../posts/post-00/#reply-a1"]
    # a fragment taken from inside a sentence into the next: Ada's words as she wrote them, "…" where hers go on
    shown = " ".join(pairs[1].blockquote.get_text().split())
    w = _words(1)
    assert shown == f"… {' '.join(w[3:12])}. {w[12].capitalize()} …"
    assert pairs[1].select(".quote-gap")[0]["title"] == "More comes before these words"
    assert "quoted by Ben Ode" in pairs[1].figcaption.get_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_no_part_runs_for_screens(browser, busy, serve_dir, scheme):  # noqa: F811
    base = serve_dir(busy.output)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base}/people/ada-park/")
    parts = page.evaluate("""() => {
      const top = el => el.getBoundingClientRect().top + scrollY;
      const hs = [...document.querySelectorAll('main h2')];
      return hs.map((h, i) => [h.textContent.trim(),
        (i + 1 < hs.length ? top(hs[i + 1]) : document.documentElement.scrollHeight) - top(h)]); }""")
    assert page.locator("nav.person-contents").bounding_box()["y"] < 844  # seen on the first screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # before: 17.5 screens in all; "Who took up" 4.0, "Who answered whom" 8.4, "What Ada Park said" 3.3
    too_long = [(name, round(height / 844, 1)) for name, height in parts if height > 2.5 * 844]
    assert not too_long, too_long
    page.locator("nav.person-contents a", has_text="What they said").click()
    assert abs(page.locator("#said-title").bounding_box()["y"]) < 5  # the jump lands on the part
    context.close()
