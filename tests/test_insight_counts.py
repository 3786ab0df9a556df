"""The numbers and lists of the insight pages agree with each other (the fixes after issue 12's review).

- one counting rule for "N replies from P people": the thread's header and the shape sentence;
- "answered readers N times" counts replies that answer a reader, the sum of the "Answered" list;
- person pages say in words why a list is empty, never an empty table;
- the site's open questions list the posts' authors' own questions apart from readers'.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

COUNT = re.compile(r"(No replies yet|Replies are closed|\d+ repl(?:y|ies) from \d+ (?:person|people))")


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def count_lines(output) -> dict[str, set[str]]:
    """post page -> every "N replies from P people" it shows (header link, thread, shape lines)."""
    found = {}
    for path in sorted(output.glob("posts/*/index.html")):
        page = soup_of(path)
        thread = page.select_one("p.reply-count")
        if thread is None:
            continue
        lines = [thread, *page.select(".conversation-shape"), *page.select('.post-header a[href="#replies"]')]
        found[path.parent.name] = {m.group(1) for line in lines for m in [COUNT.search(line.get_text(" "))] if m}
        # the map's summary for screen readers says the same
        found[path.parent.name] |= {m.group(1) for svg in page.select("svg.map-svg") for m in
                                    [COUNT.search(svg.get("aria-label") or svg.get_text(" "))] if m}
        people = page.select_one("section.conversation > p.meta")  # the map's "P people · ..." line
        if people is not None:
            number = re.match(r"(\d+) (?:person|people) ·", people.get_text(" ", strip=True)).group(1)
            found[path.parent.name] = {line if line.endswith(f" {number} person" if number == "1" else
                                                              f" {number} people") else f"{line} ≠ map {number}"
                                       for line in found[path.parent.name]}
    return found


def test_the_count_lines_agree_on_every_post_page_of_the_sample_site(sample_site):
    lines = count_lines(sample_site)
    assert len(lines) >= 5
    disagree = {slug: found for slug, found in lines.items() if len(found) != 1 or "≠" in str(found)}
    assert not disagree
    # the shape line is there to compare with wherever there are replies
    page = soup_of(sample_site / "posts/on-slow-reading/index.html")
    assert COUNT.search(page.select_one("#conversation .conversation-shape").get_text(" "))


def test_the_count_lines_agree_on_a_site_imported_from_real_archives(real_map_site):
    lines = count_lines(real_map_site)
    assert len(lines) >= 15
    disagree = {slug: found for slug, found in lines.items() if len(found) != 1 or "≠" in str(found)}
    assert not disagree
    # a pingback, a placeholder or the post itself is no reply from a person (theme-test export)
    assert lines["edge-case-no-content"] == {"1 reply from 1 person"}


def test_placeholders_and_the_post_author_follow_one_rule(site):
    """The Disqus case: a deleted placeholder and the author's own reply under the post."""
    site.post("p", "A post.")
    site.reply("p", "gone", "", Kind="deleted", Author=None, Date="2026-01-02 09:00")
    site.reply("p", "a", "A first answer.", Author="Ada Park", Reply_To="gone", Date="2026-01-02 10:00")
    site.reply("p", "b", "Thanks, Ada.", Author="Mira Okafor", Reply_To="a", Date="2026-01-03 10:00")
    site.reply("p", "c", "Me too.", Author="Ada Park", Date="2026-01-04 10:00")
    site.build()
    assert count_lines(site.output) == {"p": {"3 replies from 2 people"}}
    # the post author's own post makes no one a replier: without her reply, one person
    (site.content / "replies/p/b.md").unlink()
    site.build()
    assert count_lines(site.output) == {"p": {"2 replies from 1 person"}}


# -- "answered readers N times" -------------------------------------------------------------------------

ANSWERED = re.compile(r"answered readers (?:there )?(?:once|(\d+) times)")


def _count(match: re.Match) -> int:
    """The number in "answered readers once" / "... N times"."""
    return int(match.group(1)) if match.group(1) else 1


def answered_readers(page: BeautifulSoup) -> int:
    return _count(ANSWERED.search(page.select_one(".host-counts").get_text(" ")))


def answered_sum(page: BeautifulSoup) -> int:
    items = page.select_one("#answered-title").parent.select("li")  # the first ones and the "N more"
    return sum(_count(re.search(r"· (?:once|(\d+) times)", li.get_text())) for li in items)


def test_answered_readers_is_the_sum_of_the_answered_list_on_the_sample_site(sample_site):
    mira = soup_of(sample_site / "people/mira-okafor/index.html")
    assert answered_readers(mira) == answered_sum(mira) == 7  # Mira wrote 7 replies, each to a reader
    hosts = soup_of(sample_site / "conversations/index.html").select("ul.host-counts li")
    mira_line = next(" ".join(li.get_text(" ").split()) for li in hosts if li.a.get_text() == "Mira Okafor")
    assert mira_line.endswith("and answered readers 7 times.")
    posts = [soup_of(p).select_one(".insight .readers") for p in sorted(sample_site.glob("posts/*/index.html"))]
    per_post = [_count(m) for r in posts if r for m in [ANSWERED.search(r.get_text(" "))] if m]
    assert sum(per_post) == 7


def test_answered_readers_leaves_out_quotes_names_and_own_replies(site):
    """Negative cases: the host quoting and naming readers, answering her own reply or her post."""
    site.post("p", "A post that says slow reading is worth it, most of the time, for most people.")
    site.reply("p", "a", "Is it worth it for everyone, though?", Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "b", "Yes, Ada, I think so.", Author="Mira Okafor", Reply_To="a", Date="2026-01-03 10:00")
    site.reply("p", "c", "And one more thing I forgot.", Author="Mira Okafor", Reply_To="b", Date="2026-01-03 11:00")
    site.reply("p", "d", "A note to everyone: Ada Park asked the best question, and Ben Ode too.",
               Author="Mira Okafor", Date="2026-01-04 10:00")
    site.reply("p", "e", "Ben Ode here, agreeing.", Author="Ben Ode", Date="2026-01-05 10:00")
    site.build()
    mira = site.page("people/mira-okafor/index.html")
    assert answered_readers(mira) == answered_sum(mira) == 1  # only b answers a reader
    readers = site.page("posts/p/index.html").select_one(".insight .readers").get_text(" ")
    assert _count(ANSWERED.search(readers)) == 1 and "answered readers once" in " ".join(readers.split())


# -- person pages: empty lists in words --------------------------------------------------------------------

def test_person_pages_of_the_sample_have_no_empty_table_or_heading(sample_site):
    pages = sorted(sample_site.glob("people/*/index.html"))
    assert len(pages) >= 7
    for path in pages:
        page = soup_of(path)
        for table in page.select("table"):
            assert table.select("tbody tr"), (path, "an empty table")
        for heading in page.select("main h2, main h3"):
            section = heading.parent if heading.parent.name == "section" else None
            if section is not None:
                assert section.get_text(" ", strip=True) != heading.get_text(" ", strip=True), (path, heading)
    sam = soup_of(sample_site / "people/sam-oduya/index.html")
    built_upon = sam.select_one("#built-upon-title").parent
    assert not built_upon.select("table")
    text = " ".join(built_upon.get_text(" ").split())
    assert "Nobody has built on Sam Oduya’s words yet." in text
    assert "post’s author" in text and "counted apart" in text  # why Mira's answers above are not here
    mira = " ".join(soup_of(sample_site / "people/mira-okafor/index.html").select_one(
        "#built-upon-title").parent.get_text(" ").split())
    # Mira was built on only as the host: said as what happened, not as "nobody" above a list of her quoters
    assert "Readers have built on Mira Okafor only as a post’s author (answering, quoting or naming Mira Okafor as " \
           "the author of the post), which is counted apart" in mira and "Nobody" not in mira
    mira_out = " ".join(soup_of(sample_site / "people/mira-okafor/index.html").select_one(
        "#builds-on-title").parent.get_text(" ").split())
    assert "Mira Okafor has built on readers’ words only by answering readers under Mira Okafor’s own posts" in mira_out


def test_someone_answered_but_in_neither_table_is_said_why(sample_site):
    """Priya answered Mira 3 times, only under Mira's posts: under a table of the readers she built on that
    leaves Mira out, the page says why, naming her (a newcomer read "Answered: Mira" and "Built on: Jonas"
    as a contradiction). Jonas, in both lists, is not named so."""
    page = soup_of(sample_site / "people/priya-raman/index.html")
    answered = [a.get_text() for a in page.select("#answered-title ~ div a, #answered-title + * a")]
    assert "Mira Okafor" in answered
    built_on = page.select_one("#builds-on-title").parent
    assert "Mira Okafor" not in built_on.select_one("table").get_text()
    note = built_on.select_one("p.builds-on-apart")
    assert " ".join(note.get_text(" ").split()) == (
        "Mira Okafor is under “Answered” above but not in this table: Priya Raman answered them only under posts "
        "one of the two wrote, and what passes between a post’s author and its readers is counted apart.")
    assert [a["href"].rsplit("/", 2)[-2] for a in note.select("a")] == ["mira-okafor"]
    built_upon = page.select_one("#built-upon-title").parent
    assert "they answered Priya Raman only under posts one of the two wrote" in built_upon.get_text()
    with_host = soup_of(sample_site / "people/jonas-weber/index.html").select_one("#builds-on-title").parent
    assert "Jonas Weber" not in " ".join(a.get_text() for a in with_host.select("p.builds-on-apart a"))


def test_with_the_host_included_an_empty_list_does_not_mention_counting_apart(site):
    site.post("p", "A post.")
    site.reply("p", "a", "A first answer.", Author="Ada Park")
    site.build(CONVERSATION_MAP_INCLUDE_HOST=True)
    ada = " ".join(site.page("people/ada-park/index.html").select_one("#built-upon-title").parent.get_text(" ").split())
    assert "Nobody has built on Ada Park’s words yet." in ada and "counted apart" not in ada


# -- open questions: readers' and the authors' own ------------------------------------------------------

def test_open_questions_list_the_authors_own_questions_apart(site):
    site.post("p", "A post.")
    site.reply("p", "a", "Has anyone tried reading aloud to a friend?", Author="Ada Park",
               Date="2026-01-02 10:00")
    site.reply("p", "b", "And what would you all read first, if you had to pick one book?",
               Author="Mira Okafor", Date="2026-01-03 10:00")
    site.build()
    page = site.page("conversations/questions/index.html")
    readers = page.select_one("#readers-questions-title").parent
    authors = page.select_one("#authors-questions-title").parent
    assert [q.get_text(strip=True) for q in readers.select(".question-text")] == [
        "Has anyone tried reading aloud to a friend?"]
    assert [q.get_text(strip=True) for q in authors.select(".question-text")] == [
        "And what would you all read first, if you had to pick one book?"]
    assert "Mira Okafor" in authors.get_text() and "Mira Okafor" not in readers.get_text()


def test_open_questions_without_an_authors_question_have_no_authors_heading(site):
    site.post("p", "A post.")
    site.reply("p", "a", "Has anyone tried reading aloud to a friend?", Author="Ada Park")
    site.build()
    page = site.page("conversations/questions/index.html")
    assert page.select_one("#authors-questions-title") is None
    assert len(page.select_one("#readers-questions-title").parent.select(".question-item")) == 1


@pytest.mark.parametrize("author", ["Mira Okafor", "Ada Park"])
def test_a_question_answered_by_someone_else_is_in_neither_list(site, author):
    site.post("p", "A post.")
    site.reply("p", "a", "Has anyone tried reading aloud to a friend?", Author=author)
    site.reply("p", "b", "I have, twice.", Author="Ben Ode", Reply_To="a", Date="2026-01-03 10:00")
    site.build()
    page = site.page("conversations/questions/index.html")
    assert not page.select(".question-item")


def test_a_question_put_to_someone_by_name_past_its_first_words_waits_for_them(site):
    """A reply speaks to two people in turn ("@Bo: ... @Jo: which list?"): its question is Jo's to answer,
    wherever Jo's next reply is threaded. A question naming Jo in passing is put to nobody in particular."""
    site.post("p", "A post.")
    site.reply("p", "a", "@Bo: thanks for the link. @Jo: which list did you mean, the long one?",
               Author="Ada Park", Date="2026-01-02 10:00")
    site.reply("p", "c", "I agree with @Jo, but which list is it?", Author="Cy Lund", Date="2026-01-02 11:00")
    site.reply("p", "j", "The long one, from the workshop.", Author="Jo Lind", Date="2026-01-03 10:00")
    site.reply("p", "b", "Glad it helped.", Author="Bo Marsh", Date="2026-01-01 10:00")
    site.build()
    page = site.page("conversations/questions/index.html")
    listed = [q.get_text(strip=True) for q in page.select(".question-text")]
    assert listed == ["I agree with @Jo, but which list is it?"]


def test_a_question_among_webmentions_is_not_open_once_someone_else_writes_after_it(site):
    """Webmentions link only to the post: which answers which is not known, so a later reply by someone else
    may be the answer. Where replies do say whom they answer, a reply to the post answers no question."""
    site.post("p", "A post.")
    site.reply("p", "a", "Why not use a hosted service?", Author="Ada Park", Date="2026-01-02 10:00",
               Source_URL="https://ada.example/notes/1")
    site.reply("p", "b", "It would cost too much.", Author="Ben Ode", Date="2026-01-02 10:02",
               Source_URL="https://ben.example/2")
    site.post("q", "Another post.")
    site.reply("q", "c", "Why not use a hosted service?", Author="Cy Lund", Date="2026-01-02 10:00")
    site.reply("q", "d", "A thought of my own.", Author="Dee Marr", Date="2026-01-02 10:02")
    site.build()
    page = site.page("conversations/questions/index.html")
    assert [a["href"].rsplit("/", 2)[-2:] for a in page.select(".question-list a[href*='#reply-']")] == [
        ["q", "#reply-c"]]


@pytest.mark.real_fixtures
def test_a_host_with_no_replies_is_not_said_to_have_0(real_map_site):
    """The WordPress theme-test author wrote posts only: "19 posts on this site", not "… and 0 replies"."""
    text = soup_of(real_map_site / "people/theme-reviewer/index.html").select_one("main p").get_text(" ", strip=True)
    assert text.startswith("19 posts on this site") and "0 replies" not in text


def test_a_posts_author_who_also_answered_another_posts_author_is_told_so(site):
    """Theme Buster answered readers under his own posts and Theme Reviewer under hers: his page said he built
    on others "only by answering readers under his own posts" above a list naming Theme Reviewer."""
    site.post("a-post", "A post by Ann.", title="Ann's Post", author="Ann Host")
    site.post("b-post", "A post by Bea.", title="Bea's Post", author="Bea Host", date="2026-01-01 10:00")
    site.reply("a-post", "r1", "A reader's thought.", Author="Rui Reader", Date="2026-01-02 10:00")
    site.reply("a-post", "a1", "Thank you, Rui.", Author="Ann Host", Reply_To="r1", Date="2026-01-02 11:00")
    site.reply("b-post", "a2", "A thought on Bea's post.", Author="Ann Host", Date="2026-01-02 12:00")
    site.build()
    ann = site.page("people/ann-host/index.html")
    answered = " ".join(ann.select_one("#answered-title").parent.get_text(" ").split())
    assert "Rui Reader · once" in answered and "Bea Host · once" in answered
    said = " ".join(ann.select_one("#builds-on-title").parent.get_text(" ").split())
    assert ("Ann Host has built on others’ words only between a post’s author and its readers: answering readers "
            "under Ann Host’s own posts, and other posts’ authors under their posts, which is counted apart") in said


def test_a_reply_answering_someone_by_name_under_the_post_answers_them_only(site):
    """A reply under the post that opens by answering Sia by name ("In reply to Sia" in the thread) was
    counted as answering the post's author too: Bryce's 2 replies were 3 answers."""
    site.post("p", "A post.", title="P", author="Mira Okafor")
    site.reply("p", "s1", "A first thought.", Author="Sia Karamalegos", Date="2026-01-02 10:00")
    site.reply("p", "b1", "Sia Karamalegos: quite right, and more.", Author="Bryce Wray", Date="2026-01-02 11:00")
    site.reply("p", "b2", "Thanks for the post.", Author="Bryce Wray", Date="2026-01-02 12:00")
    site.build()
    assert site.page("posts/p/index.html").select_one("#reply-b1 .in-reply-to").get_text(" ", strip=True) == \
        "In reply to Sia Karamalegos"

    def listed(page: str, title: str) -> list[str]:
        section = site.page(page).select_one(f"#{title}").parent
        return [" ".join(li.get_text(" ", strip=True).split()) for li in section.select("li")]

    assert sorted(listed("people/bryce-wray/index.html", "answered-title")) == [
        "Mira Okafor · once", "Sia Karamalegos · once"]
    assert listed("people/mira-okafor/index.html", "answered-by-title") == ["Bryce Wray · once",
                                                                             "Sia Karamalegos · once"]
    assert listed("people/sia-karamalegos/index.html", "answered-by-title") == ["Bryce Wray · once"]
