"""The groups on ``conversations/``: the sentence over the list says how they are named (after their
tags, or after their busiest people where no tag sets them apart), and a group named after its people
says how many others it has ("and others" stood for one other person, too)."""

from __future__ import annotations

import pytest
from conftest import SiteMaker

CHAINS = {"p1": ["Ada Park", "Ben Ode", "Cy Lamb"], "p2": ["Dee Ray", "Eli Fox", "Fay Hu", "Gus Orr"],
          "p3": ["Hal Ek", "Ivo Tam"], "p4": ["Jo Vale", "Kai Lin", "Lou Mar", "Mo Ness", "Ned Ott"]}


@pytest.fixture(scope="module")
def groups_site(tmp_path_factory) -> SiteMaker:
    """Four conversations, each its own group of readers answering one another; all share one tag,
    so one group is named after it and the others after their people. Cy Lamb also answers Jo Vale."""
    site = SiteMaker(tmp_path_factory.mktemp("groups"))
    for post, people in CHAINS.items():
        site.post(post)
        for i, who in enumerate(people):
            site.reply(post, f"r{i}", "Yes, and more.", Author=who, Reply_To=f"r{i - 1}" if i else None,
                       Date=f"2026-01-02 10:0{i}")
            if i:
                site.reply(post, f"s{i}", "Back to you.", Author=people[i - 1], Reply_To=f"r{i}",
                           Date=f"2026-01-02 11:0{i}")
    site.reply("p4", "cy", "From another thread.", Author="Cy Lamb", Reply_To="r0", Date="2026-01-03 10:00")
    site.build()
    return site


def test_group_names_say_how_many_others_and_the_sentence_says_how_groups_are_named(groups_site):
    page = groups_site.page("conversations/index.html")
    section = page.select_one("#groups-title").parent
    said = section.select_one("p.meta").get_text(" ", strip=True)
    assert "named after the tags of the posts they took part under (what the posts are about, not what each " \
           "person said)" in said and "after its busiest people" in said, said
    items = section.select("ol li")
    assert len(items) == 4
    for li in items:
        people = [a.get_text() for a in li.select("a")]
        if li.strong is None:  # a group of three or fewer named after them all: their names once, as links
            assert len(people) <= 3 and len(set(people)) == len(people), li.get_text()
            assert " ".join(li.get_text(" ", strip=True).split()).replace(" ,", ",") == (
                ", ".join(people[:-1]) + " and " + people[-1]), li.get_text()
            continue
        name = li.strong.get_text()
        assert not name.endswith("and others"), name
        if name == "Under posts on reflection":
            continue
        assert len(people) > 3 and name.endswith(f" and {len(people) - 2} others"), (name, people)
        assert len([p for p in people if p in name]) == 2, (name, people)
    # The sentences that name a group name it the same way.
    for li in page.select("ul.connectors li"):
        assert "and others" not in li.get_text(), li.get_text()


def test_a_group_is_named_after_the_posts_its_people_talked_under(tmp_path):
    """Bob and Uma answered each other only under an untagged post; Bob's own posts are tagged
    "gardening", and their readers only answered him. The group was named "Gardening", after where
    Bob wrote, not where the two talked: it is named after its people."""
    site = SiteMaker(tmp_path)

    def post(slug: str, author: str, tags: str = "") -> None:
        tagged = f"Tags: {tags}\n" if tags else ""
        site.raw(f"posts/{slug}.md", f"Title: {slug.title()}\nDate: 2026-01-01 09:00\nAuthor: {author}\n"
                                     f"Category: Notes\n{tagged}Slug: {slug}\n\nA post.\n")

    post("walks", "Mira Okafor")
    post("beds", "Bob Stone", "gardening")
    post("seeds", "Bob Stone", "gardening")
    post("books", "Mira Okafor", "reading")
    for i, (who, to) in enumerate((("Bob Stone", None), ("Uma Vos", "r0"), ("Bob Stone", "r1"), ("Uma Vos", "r2"))):
        site.reply("walks", f"r{i}", "Yes, and more.", Author=who, Reply_To=to, Date=f"2026-01-02 10:0{i}")
    for slug in ("beds", "seeds"):
        site.reply(slug, "e1", "A question for you.", Author="Eve Ward", Date="2026-01-03 10:00")
        site.reply(slug, "b1", "An answer.", Author="Bob Stone", Reply_To="e1", Date="2026-01-03 11:00")
    for i, (who, to) in enumerate((("Cy Lamb", None), ("Di Ross", "r0"), ("Cy Lamb", "r1"))):
        site.reply("books", f"r{i}", "Yes, and more.", Author=who, Reply_To=to, Date=f"2026-01-04 10:0{i}")
    site.build()
    section = site.page("conversations/index.html").select_one("#groups-title").parent
    named = sorted(" ".join(li.get_text(" ", strip=True).split()).replace(" :", ":").replace(" ,", ",")
                   for li in section.select("ol li"))
    assert named == ["Bob Stone and Uma Vos", "Under posts on reading: Cy Lamb, Di Ross"], named
