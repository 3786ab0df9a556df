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
    as the site does ("Jo Lind"), not a second "Jo"; the thread shows each reply as it was signed."""
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
    assert page.select_one("#reply-j2 .reply-author").get_text(strip=True) == "Jo"  # as signed, in the thread
    assert page.select_one("#reply-j2 .reply-author a")["href"].endswith("people/jo-lind/")
