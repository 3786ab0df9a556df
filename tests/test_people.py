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
