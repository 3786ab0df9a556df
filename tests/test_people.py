"""Who is who: names written with other spacing or case meet only when their URL agrees too."""

from conversation_map.people import People


def test_same_letters_and_same_url_are_one_person():
    people = People()
    a = people.resolve("The Realest", "https://social.example/realest")
    b = people.resolve("TheRealest", "https://social.example/realest/")
    assert a is b and a.name == "The Realest" and len(list(people)) == 1


def test_same_letters_without_a_url_stay_apart():
    people = People()
    a = people.resolve("The Realest")
    b = people.resolve("TheRealest")
    assert a is not b and {p.slug for p in people} == {"the-realest", "therealest"}


def test_same_url_with_other_letters_stays_apart():
    people = People()
    a = people.resolve("Ann Abel", "https://shared.example/")
    b = people.resolve("Someone Else", "https://shared.example/")
    assert a is not b


def test_same_letters_with_different_urls_stay_apart():
    people = People()
    a = people.resolve("Jo Ann", "https://one.example/")
    b = people.resolve("JoAnn", "https://two.example/")
    assert a is not b


def test_a_reply_signed_with_a_short_form_of_its_writers_name_is_one_name_on_the_map(site):
    """"Jo" and "Jo Lind" with one website are one person: the map's nodes, the key and the exports name them
    as the site does ("Jo Lind"), not a second "Jo"; so does the thread, saying how each reply was signed."""
    from sitebuild import read_graph_json

    site.post("p", "A post about keeping notes in the margins of books.", title="The Post")
    site.reply("p", "j1", "A first thought on margins.", Author="Jo Lind", Author_URL="https://jo.example/",
               Date="2026-01-02 10:00")
    site.reply("p", "m1", "I am not sure about that.", Author="Mat Ode", Reply_To="j1", Date="2026-01-02 11:00")
    site.reply("p", "j2", "Fair point, Mat.", Author="Jo", Author_URL="https://jo.example/", Reply_To="m1",
               Date="2026-01-02 12:00")
    output = site.build()
    labels = {n["id"]: n["label"] for n in read_graph_json(output)["nodes"]}
    assert labels["reply:p/j2"] == "Jo Lind, 2 Jan" and labels["reply:p/j1"] == "Jo Lind, 2 Jan"
    page = site.page("posts/p/index.html")
    drawn = [t.get_text(" ", strip=True) for t in page.select("#conversation-map svg text")]
    assert any(t.startswith("Jo Lind") for t in drawn) and not [t for t in drawn if t.startswith("Jo,")], drawn
    assert page.select_one("#reply-j2 .reply-author").get_text(" ", strip=True) == "Jo Lind signed “Jo”"
    assert page.select_one("#reply-j2 .reply-author a")["href"].endswith("people/jo-lind/")


def test_a_reply_signed_otherwise_shows_the_name_the_site_knows_its_writer_by(site):
    """"Jo" and "Jo Menschenfreund", linking to one blog, are one person: the maps, the key and the exchanges
    said "Jo Menschenfreund", and the thread's cards "Jo", linking to that person's page; a reader could not
    tell they were the same. A card shows the site's name, and how the reply was signed."""
    from conftest import soup_of

    site.post("p")
    site.reply("p", "a", "First.", Author="Jo Menschenfreund", Author_URL="https://jo.example/",
               Date="2026-01-02 10:00")
    site.reply("p", "b", "Why?", Author="Ben Ode", Reply_To="a", Date="2026-01-02 11:00")
    site.reply("p", "c", "Because.", Author="Jo", Author_URL="https://jo.example/", Reply_To="b",
               Date="2026-01-02 12:00")
    site.reply("p", "d", "Thanks.", Author="Ben Ode", Reply_To="c", Date="2026-01-02 13:00")
    site.build()
    page = soup_of(site.output / "posts" / "p" / "index.html")
    card = page.select_one("#reply-c .reply-author")
    assert card.a.get_text() == "Jo Menschenfreund" and "signed “Jo”" in card.get_text(" ", strip=True)
    assert page.select_one("#reply-d .in-reply-to").get_text(" ", strip=True) == "In reply to Jo Menschenfreund"
    first = page.select_one("#reply-a .reply-author")
    assert first.get_text(" ", strip=True) == "Jo Menschenfreund"  # signed as the site knows them: said once


def test_a_reply_link_is_labelled_with_the_name_the_site_knows_its_writer_by(site):
    """The card said "Jo Menschenfreund signed “Jo”", its Reply link "Reply to Jo" to a screen reader."""
    from conftest import soup_of

    site.post("p")
    site.reply("p", "a", "First.", Author="Jo Menschenfreund", Author_URL="https://jo.example/",
               Date="2026-01-02 10:00")
    site.reply("p", "c", "Because.", Author="Jo", Author_URL="https://jo.example/", Date="2026-01-02 12:00")
    site.build(REPLIES_LINK_GITHUB_REPO="owner/repo")
    page = soup_of(site.output / "posts" / "p" / "index.html")
    link = page.select_one("#reply-c .reply-footer a")
    assert link is not None and link.get("aria-label") == "Reply to Jo Menschenfreund", link


def test_a_reply_under_another_post_names_its_writers_as_the_site_knows_them(site):
    """A reply answering one under another post said "In reply to Jo on …" there, and the answered reply
    "Jo answered this under …", where every other place names them "Jo Menschenfreund": the names the site
    knows reach across posts too."""
    from conftest import soup_of

    site.post("first", title="First")
    site.post("second", title="Second")
    site.reply("first", "a", "First.", Author="Jo Menschenfreund", Author_URL="https://jo.example/",
               Date="2026-01-02 10:00")
    site.reply("first", "b", "A thought.", Author="Jo", Author_URL="https://jo.example/", Date="2026-01-02 11:00")
    site.reply("second", "c", "Answering over here.", Author="Ben", Author_URL="https://ben.example/",
               Reply_To="first/b", Date="2026-01-03 10:00")
    site.reply("second", "d", "Earlier.", Author="Ben Ode", Author_URL="https://ben.example/",
               Date="2026-01-01 10:00")
    site.build()
    second = soup_of(site.output / "posts" / "second" / "index.html")
    elsewhere = second.select_one("#reply-c .in-reply-to").get_text(" ", strip=True)
    assert elsewhere.startswith("In reply to Jo Menschenfreund on"), elsewhere
    first = soup_of(site.output / "posts" / "first" / "index.html")
    answered = first.select_one("#reply-b .continued-elsewhere").get_text(" ", strip=True)
    assert answered.startswith("Ben Ode answered this under"), answered


def test_replies_signed_anonymous_are_not_one_person(site):
    """Replies with no name ("Anonymous", as Blogger and the importers sign them) are each by someone the site
    cannot name: not one prolific "Anonymous" with a page, a place on the people map and a colour, answering
    everyone. Each reply is still shown and drawn, signed "Anonymous", and its question still counts as open."""
    from sitebuild import read_graph_json

    site.post("p", "A post about keeping notes in the margins of books.", title="The Post")
    site.post("q", "A second post about index cards.", title="Cards", date="2026-01-05")
    site.reply("p", "a1", "Margins are for doodles.", Author="Anonymous", Date="2026-01-02 10:00")
    site.reply("p", "a2", "Would you write in a library book?", Author="anonymous", Date="2026-01-02 11:00")
    site.reply("p", "m1", "Only in pencil.", Author="Mat Ode", Reply_To="a1", Date="2026-01-02 12:00")
    site.reply("q", "a3", "Cards get lost.", Author="Anonymous", Date="2026-01-06 10:00")
    site.reply("q", "m2", "Mine never did.", Author="Mat Ode", Reply_To="a3", Date="2026-01-06 11:00")
    output = site.build()
    assert not (output / "people" / "anonymous").exists()
    people = site.page("people/index.html").get_text(" ", strip=True)
    assert "Anonymous" not in people and "Mat Ode" in people
    data = read_graph_json(output)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert not [n for n in nodes if n.startswith("person:anonymous")]
    assert nodes["reply:p/a1"]["label"] == "Anonymous, 2 Jan" and "author" not in nodes["reply:p/a1"]
    page = site.page("posts/p/index.html")
    assert page.select_one("#reply-a1-by").get_text(" ", strip=True) == "Anonymous"
    assert page.select_one("#reply-a1-by a") is None  # no page to link to
    assert page.select_one("#replies .reply-count").get_text(" ", strip=True).startswith("3 replies from 3 people")
    drawn = [t.get_text(" ", strip=True) for t in page.select("#conversation-map svg text")]
    assert any(t.startswith("Anonymous") for t in drawn), drawn
    assert "Would you write in a library book?" in page.select_one("section.open-questions").get_text(" ", strip=True)
    key = page.select_one("#conversation-map").find_parent("figure") or page
    assert "Anonymous 2 replies, each by someone who gave no name" in " ".join(key.get_text(" ").split())
    assert "someone," not in page.select_one("section.open-questions").get_text(" ", strip=True)
    labels = [t.get_text(" ", strip=True) for t in page.select("#conversation-map svg text")]
    assert not [t for t in labels if t.startswith("anonymous")], labels  # one way of writing it on the map
