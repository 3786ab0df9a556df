"""Who is who: one person per normalised name or URL, with aliases from the settings."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from pelican.utils import slugify
from replies.privacy import redact

_SLUG_SUBS = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]


def normalise_name(name: str) -> str:
    """Case, accents and spacing folded, so 'Ada  Park' and 'ada park' are one person.

    Examples
    --------
    >>> normalise_name("  José   ÁLVAREZ ")
    'jose alvarez'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def compact_name(name: str) -> str:
    """A name with case, accents, spaces and punctuation folded: 'The Realest' and 'TheRealest' meet.

    Examples
    --------
    >>> compact_name("The Realest") == compact_name("therealest") == compact_name("the-realest")
    True
    """
    return "".join(c for c in normalise_name(name) if c.isalnum())


def normalise_url(url: str) -> str:
    """Scheme, ``www.``, case of the host and a trailing slash folded.

    Examples
    --------
    >>> normalise_url("https://www.Ada.example/blog/")
    'ada.example/blog'
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


# Sites whose address for a person is ``host/<handle>``: their @handle, as others write it.
PROFILE_HOSTS = frozenset({"twitter.com", "x.com", "mobile.twitter.com", "github.com", "instagram.com",
                           "threads.net", "gitlab.com", "codeberg.org"})


def profile_handle(url: str) -> str | None:
    """The @handle a profile address gives its owner (lower case, without the ``@``), or None.

    >>> [profile_handle(u) for u in ("https://twitter.com/TheGreenGreek", "https://mastodon.social/@ada",
    ...                              "https://bsky.app/profile/ada.bsky.social", "https://ada.example/blog")]
    ['thegreengreek', 'ada', 'ada', None]
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    steps = [s for s in parts.path.split("/") if s]
    if host in PROFILE_HOSTS and len(steps) == 1:
        handle = steps[0]
    elif len(steps) == 1 and steps[0].startswith("@"):  # Mastodon and the like: host/@handle
        handle = steps[0][1:]
    elif host == "bsky.app" and len(steps) == 2 and steps[0] == "profile":
        handle = steps[1].split(".")[0]
    else:
        return None
    return handle.casefold() if handle.replace("_", "").replace("-", "").isalnum() else None


@dataclass
class Person:
    """One person of the conversation network."""

    name: str
    slug: str
    urls: list[str] = field(default_factory=list)
    #: Other ways their replies spell the name, in the order first met ("TheRealest" for "The
    #: Realest" with the same URL, or an alias merged by ``CONVERSATION_MAP_ALIASES``): a thread shows
    #: each reply's name as it was signed, and the person page says which names are the same person.
    also: list[str] = field(default_factory=list)

    @cached_property  # asked for hundreds of thousands of times in a large build
    def node(self) -> str:
        return f"person:{self.slug}"

    @cached_property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


class People:
    """Resolves (name, URL) pairs to :class:`Person` objects, one per build.

    Examples
    --------
    >>> people = People({"A. Park": "Ada Park", "https://ada.example": "Ada Park"})
    >>> people.resolve("Ada Park").slug
    'ada-park'
    >>> people.resolve("a. park") is people.resolve("Someone", "https://ada.example/")
    True
    >>> people.resolve("Ben Ode", "https://ben.example").name
    'Ben Ode'
    >>> people.resolve("Impostor", "https://ben.example/").name  # a URL alone does not merge names
    'Impostor'
    >>> people.resolve("BenOde", "https://ben.example/").name  # the same name spaced otherwise, same URL
    'Ben Ode'
    >>> people.resolve("AdaPark").name  # ... but not without the URL
    'AdaPark'
    >>> people.resolve("Ben Ode").also, people.resolve("Ada Park").also  # as they signed, told on their page
    (['BenOde'], ['a. park', 'Someone'])
    """

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self._by_name: dict[str, Person] = {}
        self._slugs: set[str] = set()
        self.handles: dict[str, str] = {}  # '@handle' (lower case) -> canonical name
        self._alias_names: dict[str, str] = {}
        self._by_compact_url: dict[tuple[str, str], Person] = {}
        # (first word, URL) -> the people whose name starts with it, signing with that URL: "Jo" and
        # "Jo Menschenfreund" at the same address are one person (_first_name_at)
        self._by_first_url: dict[tuple[str, str], list[Person]] = {}
        self._alias_urls: dict[str, str] = {}
        self._resolved: dict[tuple[str, str | None, bool], Person] = {}
        self._apart: dict[str, Person] = {}  # resolve(..., apart=True)
        for alias, name in (aliases or {}).items():
            alias = alias.strip()
            if alias.startswith("@"):
                self.handles[alias[1:].casefold()] = name
            elif alias.startswith(("http://", "https://")):
                self._alias_urls[normalise_url(alias)] = name
            else:
                self._alias_names[normalise_name(alias)] = name

    def _by_name_unique(self) -> list[Person]:
        seen, out = set(), []
        for person in self._by_name.values():
            if id(person) not in seen:
                seen.add(id(person))
                out.append(person)
        return out

    def get(self, name: str) -> Person | None:
        """The person already known by this name or alias, if any."""
        key = normalise_name(self._alias_names.get(normalise_name(name), name))
        return self._by_name.get(key)

    def resolve(self, name: str, url: str | None = None, *, apart: bool = False) -> Person:
        """The person for ``name`` (and ``url``), created on first sight (the same name and URL
        always give the same person: the answer is kept for the next time they are asked).

        ``apart``: someone who is not the one everybody else by this name is (a reply marked
        ``Post-Author: no``, written under the post author's name by someone else): one person
        apart for all such replies by that name, with a page of their own.

        >>> people = People()
        >>> host, visitor = people.resolve("Tester"), people.resolve("Tester", apart=True)
        >>> host is people.resolve("tester"), visitor is people.resolve("Tester", apart=True), visitor.slug
        (True, True, 'tester-2')
        >>> host.name, visitor.name
        ('Tester', 'Tester (a reader)')
        """
        known = self._resolved.get((name, url, apart))
        if known is None:
            if apart:
                display = " ".join(redact(name).split()) or "Anonymous"
                known = self._apart.get(normalise_name(display))
                if known is None:  # named so that the two are told apart wherever names are listed or said
                    known = self._apart[normalise_name(display)] = Person(f"{display} (a reader)",
                                                                          self._unique_slug(display))
            else:
                known = self._resolve(name, url)
            self._resolved[(name, url, apart)] = known
        return known

    def __iter__(self):
        people = {id(p): p for p in [*self._by_name_unique(), *self._apart.values()]}
        return iter(sorted(people.values(), key=lambda p: p.slug))

    def _resolve(self, name: str, url: str | None) -> Person:
        name = " ".join(redact(name).split()) or "Anonymous"
        canonical = self._alias_names.get(normalise_name(name))
        url_key = normalise_url(url) if url else None
        if canonical is None and url_key and url_key in self._alias_urls:
            canonical = self._alias_urls[url_key]
        # A shared URL alone never merges two names (commenters often share a site, and
        # anyone can type anyone's URL); CONVERSATION_MAP_ALIASES merges people explicitly. With the
        # same URL, the same letters ("TheRealest") or a first name signed alone ("Jo") do.
        person = self._by_name.get(normalise_name(canonical or name))
        if person is None and url_key:
            # The same letters written with other spacing or case ("TheRealest", "the realest")
            # and the same URL: one person. Either alone is not enough.
            person = self._by_compact_url.get((compact_name(name), url_key))
        if person is None and url_key and canonical is None:
            person = self._first_name_at(name, url_key)
        if person is None:
            display = canonical or name
            person = Person(display, self._unique_slug(display))
        self._by_name.setdefault(normalise_name(person.name), person)
        self._by_name.setdefault(normalise_name(name), person)
        # "ada park" is no other name than "Ada Park" (nor "A. PARK" than "A. Park")
        if name.casefold() not in {person.name.casefold(), *(a.casefold() for a in person.also)}:
            person.also.append(name)
        if url and url_key and url not in person.urls:
            person.urls.append(url)
        if url_key:
            self._by_compact_url.setdefault((compact_name(name), url_key), person)
            self._by_compact_url.setdefault((compact_name(person.name), url_key), person)
            for signed in {normalise_name(name), normalise_name(person.name)}:
                if signed:
                    known = self._by_first_url.setdefault((signed.split(" ")[0], url_key), [])
                    if person not in known:
                        known.append(person)
        return person

    def _first_name_at(self, name: str, url_key: str) -> Person | None:
        """The one person at ``url_key`` whom ``name`` names by their first name, or who signed there with
        ``name``'s first word alone: "Jo" and "Jo Menschenfreund", both linking to Jo's blog, are one person
        (a comment form remembers the address; the name is typed anew). Two different names with a first
        word ("Jo Lind", "Jo Park"), or one of several people there with that first name: no one.

        >>> people = People()
        >>> jo = people.resolve("Jo Menschenfreund", "http://jo.example/")
        >>> people.resolve("Jo", "http://jo.example") is jo, jo.also
        (True, ['Jo'])
        >>> people.resolve("Jo Park", "http://elsewhere.example/") is jo  # another address: another Jo
        False
        >>> people.resolve("Jo Lind", "http://jo.example/") is jo  # two full names: two people
        False
        >>> people.resolve("John Doe", "http://example.org/") is people.resolve("John Roe", "http://example.org/")
        False
        """
        words = normalise_name(name).split(" ")
        # "Jo" names whoever signs "Jo ..." there; "Jo Menschenfreund" is someone who signed "Jo" alone there
        # (not also "Jo Lind": two full names are two people)
        known = [p for p in self._by_first_url.get((words[0], url_key), [])
                 if len(words) == 1 or all(" " not in normalise_name(n) for n in (p.name, *p.also))]
        return known[0] if len(known) == 1 else None

    def _unique_slug(self, name: str) -> str:
        base = slugify(name, regex_subs=_SLUG_SUBS) or "person"
        slug, n = base, 2
        while slug in self._slugs:
            slug, n = f"{base}-{n}", n + 1
        self._slugs.add(slug)
        return slug
