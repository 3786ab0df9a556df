"""The insight stage: what each post, person and the site page say in words (issue 12).

Made once per build from the graph, its :class:`~conversation_map.index.ConversationIndex`
and the parsed texts of every post and reply (``texts``: node -> TextParts, filled by
:func:`~conversation_map.graph.build_graph`). Site-wide results (exchanges, trails, open
questions, who built on whom) come from one pass over the edges; per-post results from the
index's members of that post; per-person results from the index's contributions of that
person. Nothing here scans the graph per post or per person.

:class:`Insights` holds what they share (the graph, the texts, items, exchanges) and the post pages'
words; the person pages' are in :mod:`.person_words`, the site page's in :mod:`.site_words`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging

import networkx as nx
from markupsafe import Markup, escape
from replies.model import quoted

from . import insight
from .cache import StageCache, inputs_bytes
from .graph import count_building, finish_building
from .marginalia import marginalia
from .person_words import SPACE_BEFORE_PUNCT, PersonWords
from .render import times
from .site_words import SiteWords
from .tables import builds_on_table
from .textmatch import TextParts

#: Every field of a post's or reply's split text (its dataclass fields, so a field added there is in the key).
TEXT_PARTS_FIELDS = tuple(f.name for f in dataclasses.fields(TextParts))

logger = logging.getLogger(__name__)


def _one_line(text: str) -> str:
    """``text`` on one line, without the space a split text leaves before a closing mark; a smiley keeps its own.

    >>> _one_line("Ich bin ;-))\\n dabei , oder ?")
    'Ich bin ;-)) dabei, oder?'
    """
    return SPACE_BEFORE_PUNCT.sub(r"\1", " ".join((text or "").split()))


def _excerpt(text: str, limit: int = 220) -> str:
    """``text`` on one line, cut before ``limit`` characters at a space, with "…".

    Only the start of a long text is made one line (every reply on a person page has its excerpt):
    its first ``4 * limit`` characters made one line are the start of the whole text made one line
    but for their last two characters (a word cut, or a space before a mark that the next character
    would have kept).

    >>> _excerpt("One  two\\n three", 10)
    'One two…'
    """
    text = text or ""
    head = text[: 4 * limit]
    line = _one_line(head)
    if len(head) < len(text) and len(line) <= limit + 2:
        line = _one_line(text)
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


def _question_excerpt(text: str, limit: int = 220) -> str:
    """A question as :func:`_excerpt` gives it, but a long one keeps its last words, so it still reads as a
    question: its start, "…", and its end with the question mark.

    >>> _question_excerpt("Which one?")
    'Which one?'
    >>> q = "So " + "this goes on and on, " * 20 + "and which of them did you mean?"
    >>> short = _question_excerpt(q, 80); short
    'So this goes on and on, this goes on … and on, and which of them did you mean?'
    >>> len(short) <= 90
    True

    A quotation the cut would leave open, or whose start it cut, is left out, so that no „ or “ waits for
    its other half:

    >>> q = ("Jetzt rede ich „um den Brei herum“, wenn ich deine Konstrukte von „machtpolitisch gewünschter "
    ...      "Zensur und so weiter“ finde, während dein Detektor nicht geht?")
    >>> _question_excerpt(q, 100)
    'Jetzt rede ich „um den Brei herum“, wenn ich … finde, während dein Detektor nicht geht?'
    >>> q = q.replace("so weiter", "so weiter und so fort, ganz ohne Ende").replace("nicht geht",
    ...               "bei diesem Thema leider gerade mal nicht funktioniert")
    >>> _question_excerpt(q, 170)  # (cut as it was: "... von „machtpolitisch … finde, ...")
    'Jetzt rede ich „um den Brei herum“, wenn ich deine Konstrukte von … finde, während dein Detektor bei diesem \
Thema leider gerade mal nicht funktioniert?'
    """
    text = _one_line(text)
    if len(text) <= limit:
        return text
    tail = text[-(limit // 2):].split(" ", 1)[-1]  # its last words, from the start of a word
    head = text[: limit - len(tail) - 3].rsplit(" ", 1)[0]
    opened, closed = _unmatched_quotes(head)[0], _unmatched_quotes(tail)[1]
    if opened is not None:  # the head's first quotation left open: cut before it
        head = head[:opened].rstrip()
    if closed is not None:  # the tail's last quotation closed whose start is cut: from the word after it
        tail = tail[closed + 1:].lstrip()
        tail = tail if tail[:1].isalnum() else tail.split(" ", 1)[-1]
    return f"{head} … {tail}"


def _quote_role(text: str, i: int) -> str:
    """Whether the quotation mark at ``text[i]`` opens or closes a quotation ("" for an apostrophe): „ « ‚
    always open and ” » always close; “ ‘ ’ open after a space or bracket and close after a word
    (German „…“ and English “…” alike)."""
    char = text[i]
    if char in "„«‚":
        return "open"
    if char in "”»":
        return "close"
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return ""  # it’s
    return "open" if before.isspace() or before in "([" else "close"


def _unmatched_quotes(text: str) -> tuple[int | None, int | None]:
    """Where ``text``'s first quotation left open starts, and where its last closing mark whose
    quotation starts before ``text`` is (None for none).

    >>> _unmatched_quotes("a „b“ c “d” e"), _unmatched_quotes("a „b“ c „d e"), _unmatched_quotes("b“ c „d“ e")
    ((None, None), (8, None), (None, 1))
    """
    opened: list[int] = []
    closed = None
    for i, char in enumerate(text):
        if char not in "„«‚“‘’”»":
            continue
        role = _quote_role(text, i)
        if role == "open":
            opened.append(i)
        elif role == "close":
            if opened:
                opened.pop()
            else:
                closed = i
    return (opened[0] if opened else None), closed


# A quoted passage (or the words it quotes) longer than this is cut on a person page, with a link to it all.
def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def _short_name(name: str, shared: frozenset[str] = frozenset()) -> str:
    """A first name, or the full name when someone else on the site has that first name too
    (``shared``, case-folded).

    >>> _short_name("Ada Park"), _short_name("Ada Park", frozenset({"ada"}))
    ('Ada', 'Ada Park')
    """
    first = _first(name)
    return name if first.casefold() in shared else first


def _pair_names(a: str, b: str, shared: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Two people by first name, or both by full name when their first names are the same or
    someone else on the site has one of them too (``shared``, case-folded): one name form for the
    pair, never "Jane Bloggs and Joe".

    >>> _pair_names("Ada Park", "Ben Ode"), _pair_names("Ada Park", "Ada Ode")
    (('Ada', 'Ben'), ('Ada Park', 'Ada Ode'))
    >>> _pair_names("Ada Park", "Ben Ode", frozenset({"ada"}))
    ('Ada Park', 'Ben Ode')
    """
    short = (_short_name(a, shared), _short_name(b, shared))
    return (a, b) if _first(a) == _first(b) or short != (_first(a), _first(b)) else short


def adds_to_own(replies, person_of: dict[str, str]) -> frozenset[str]:
    """The keys of the ``replies`` whose writer also wrote the reply they sit under (the thread says
    "Adding to their own reply"), by the people the graph resolved (``person_of``: reply key -> person):
    one person under two spellings is one writer, two people of one name (``Post-Author: no``) are
    two. A reply the graph has no person for (a deleted placeholder) is judged by its name.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> ada = R(key="p/1", author="Ada Park", parent=None)
    >>> again = R(key="p/2", author="ada park", parent=ada)  # Ada again, spelt otherwise
    >>> visitor = R(key="p/3", author="Mira", parent=None)  # Post-Author: no
    >>> host = R(key="p/4", author="Mira", parent=visitor)
    >>> sorted(adds_to_own([ada, again, visitor, host],
    ...                    {"p/1": "person:ada", "p/2": "person:ada", "p/3": "person:mira-2", "p/4": "person:mira"}))
    ['p/2']
    """
    found = set()
    for reply in replies:
        parent = reply.parent
        if parent is None:
            continue
        me, them = person_of.get(reply.key), person_of.get(parent.key)
        if (me == them) if me and them else reply.author == parent.author:
            found.add(reply.key)
    return frozenset(found)


class Marginalia:
    """The margin marks of one post: ``notes`` and the marked-up ``html``, made in one pass.

    Made from ``article.content`` when the post's page is written (:meth:`Insights.article`
    runs then, through :class:`~.later.Later`), because Pelican turns ``{filename}`` links into
    page-relative URLs at that moment (with ``RELATIVE_URLS``). With ``cache``, a post whose
    HTML and replies' words (:func:`marginalia_inputs`) did not change since the last build
    reuses that build's marks.
    """

    def __init__(self, article, replies: list[dict], min_words: int, cache: StageCache | None = None) -> None:
        html = str(getattr(article, "content", "") or "")
        if cache is not None and cache.enabled:
            made = cache.get("article", marginalia_inputs(html, replies, min_words),
                             lambda: marginalia(html, replies, min_words))
        else:
            made = marginalia(html, replies, min_words)
        self.notes, self.html = made["notes"], made["html"]


def marginalia_inputs(html: str, replies: list[dict], min_words: int) -> bytes:
    """Everything :func:`.marginalia.marginalia` reads, as bytes (the key of its cache entry): the post's
    HTML, the shortest quote, and each reply's place, writer and words as its ``TextParts`` split them.

    >>> from .textmatch import TextParts
    >>> reply = {"node": "reply:p/1", "author": "Sam", "url": "posts/p/#reply-1", "anchor": "reply-1",
    ...          "parts": TextParts("", "I'm not sure.", ("a book read slowly",), ())}
    >>> key = marginalia_inputs("<p>A book read slowly.</p>", [reply], 8)
    >>> key == marginalia_inputs("<p>A book read slowly.</p>", [dict(reply)], 8)
    True
    >>> key != marginalia_inputs("<p>A book read slowly.</p>", [dict(reply, author="Ada")], 8)
    True
    """
    return inputs_bytes(["marginalia", html, min_words,
                         [(r["node"], r["author"], r["url"], r["anchor"], *(
                             getattr(r["parts"], name) for name in TEXT_PARTS_FIELDS)) for r in replies]])


class Insights(PersonWords, SiteWords):
    """Computes and holds the words of every page; see the module docstring.

    Attributes after construction: ``people_graph`` (who built on whom, readers only unless
    ``CONVERSATION_MAP_INCLUDE_HOST``), ``hosts``, ``exchanges``, ``trails``,
    ``open_questions`` (site-wide, newest first).
    """

    def __init__(self, G: nx.MultiDiGraph, index, texts: dict, articles, threads: dict, settings: dict,
                 cache: StageCache | None = None, graph_key: str | None = None) -> None:
        self.G, self.index, self.texts, self.settings, self.cache = G, index, texts, settings, cache
        self.graph_key = graph_key  # kept_pages.graph_digest: what the cached results are keyed by
        self.min_words = settings["CONVERSATION_MAP_QUOTE_MIN_WORDS"]
        self.articles = {a.slug: a for a in articles}
        self.threads = threads
        self.shown_replies: dict[str, object] = {}  # reply key -> the reply as its thread shows it
        for thread in threads.values():  # who is who, for the thread's "N replies from P people"
            shown = thread.shown
            thread.person_of = {r.key: G._node[f"reply:{r.key}"].get("author") for r in shown
                                if f"reply:{r.key}" in G and G._node[f"reply:{r.key}"].get("author")}
            thread.adds_to_own = adds_to_own(shown, thread.person_of)
            self.shown_replies.update((r.key, r) for r in shown)
        # The site-wide results read the graph but no reply's words: cached by its kept_pages.graph_digest
        unknown = sorted(slug for slug, thread in threads.items() if thread.threading_unknown)
        found = (cache.get("insight", f"{graph_key}\0{unknown}", lambda: self._site_wide(threads))
                 if cache is not None and graph_key else self._site_wide(threads))
        self.people_graph: nx.DiGraph = found["people"]
        self.hosts = found["host"]
        self.exchanges = found["exchanges"]
        self.exchanges_here = insight.exchanges_by_conversation(self.exchanges)
        self.trails = found["trails"]
        self.trails_from: dict[str, list[dict]] = {}
        self.trails_to: dict[str, list[dict]] = {}
        for t in self.trails:
            self.trails_from.setdefault(t["raised_in"], []).append(t)
            self.trails_to.setdefault(t["taken_up_in"], []).append(t)
        self.exchanges_of: dict[str, list[tuple[list[str], list[str]]]] = {}
        for e in self.exchanges.values():
            for person in e["people"]:
                self.exchanges_of.setdefault(person, []).extend((e["people"], c["replies"]) for c in e["chains"])
        self.open_by_conversation = found["open"]
        everything = [n for nodes in self.open_by_conversation.values() for n in nodes]
        self.open_questions = sorted(everything, key=lambda n: (G._node[n].get("date", ""), n), reverse=True)
        self._person_tags: dict | None = None
        # The same reply is shown on its post, in exchanges and on both people's pages: worked out once.
        self._items: dict[str, dict] = {}
        self._exchanges: dict[tuple, dict] = {}
        self._days: dict[str, str] = {}
        self.tag_urls = {str(t): t.url for a in articles for t in getattr(a, "tags", []) or []}

    def _site_wide(self, threads: dict) -> dict:
        """Who built on whom (readers, and the posts' authors apart), the exchanges, the trails and each
        conversation's open questions: from the graph alone (and which threads' threading is unknown)."""
        G, index, settings = self.G, self.index, self.settings
        split = insight.who_built_on_whom(G, include_host=settings["CONVERSATION_MAP_INCLUDE_HOST"])
        return {"people": split["people"], "host": split["host"],
                "exchanges": insight.exchanges(G, settings["CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS"]),
                "trails": insight.trails(G),
                "open": {slug: insight.open_questions(G, index.replies(slug), threading_unknown=(
                    (thread := threads.get(slug)) is not None and thread.threading_unknown))
                    for slug in index.conversations}}

    def off_map(self) -> set[str]:
        """The people the site map leaves out: a post's author (a host) whom no reader built on and who
        built on no reader (they are listed apart, with their counts; ``people/`` says so)."""
        P = self.people_graph
        return {n for n in self.hosts if n in P and P.degree(n) == 0}

    def site_people_graph(self) -> nx.DiGraph:
        """The people graph for the site map, without :meth:`off_map`'s people."""
        P, idle = self.people_graph, self.off_map()
        return P.subgraph([n for n in P if n not in idle]).copy() if idle else P

    def forget(self) -> None:
        """Let go of the items and exchanges worked out so far: the pages that shared them are written."""
        self._items.clear()
        self._exchanges.clear()

    # -- small helpers --------------------------------------------------------------
    def name(self, node: str | None) -> str:
        return str(self.G._node[node].get("label", node)) if node and node in self.G else "someone"

    def url(self, node: str | None) -> str:
        return str(self.G._node[node].get("url", "")) if node and node in self.G else ""

    def day(self, iso: str) -> str:
        """An ISO date as readers read it, in the site's DEFAULT_DATE_FORMAT ("11 February 2026")."""
        if not iso:
            return ""
        if iso not in self._days:
            fmt = self.settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d"
            self._days[iso] = dt.datetime.fromisoformat(str(iso)).strftime(fmt)
        return self._days[iso]

    def title(self, slug: str) -> str:
        post = f"post:{slug}"
        return str(self.G._node[post].get("label", slug)) if post in self.G else slug

    def title_in(self, slug: str) -> Markup:
        """A post's title in quotes, as HTML: marked with its language when not the site's (in a sentence
        of the site's language, "Jo answered Ada on „Deichschau“")."""
        title, lang = quoted(self.title(slug)), self.lang(slug)
        return Markup('<span lang="{}">{}</span>').format(lang, title) if lang else escape(title)

    def lang(self, slug: str) -> str:
        """The language a post and its replies are written in, when not the site's (else "")."""
        post = f"post:{slug}"
        return str(self.G._node[post].get("lang", "")) if post in self.G else ""

    def item(self, node: str) -> dict:
        """One post or reply as a quotable item: who, where, when and what they said (shared: not to be changed)."""
        if node in self._items:
            return self._items[node]
        data = self.G._node[node]
        parts = self.texts.get(node)
        author = data.get("author")
        found = self._items[node] = {
            "node": node, "author": "Anonymous" if data.get("anonymous") else self.name(author),
            "author_url": self.url(author),
            "url": data.get("url", ""), "anchor": str(data.get("url", "")).partition("#")[2],
            "date": str(data.get("date", ""))[:10], "day": self.day(data.get("date", "")),
            "post_title": self.title(data.get("conversation", "")), "lang": self.lang(data.get("conversation", "")),
            "excerpt": _excerpt(parts.own_text if parts else data.get("title", ""))}
        return found

    def question(self, node: str) -> dict:
        """An open question; ``by_host`` when the post's own author asked it (listed apart from readers')."""
        data = self.G._node[node]
        host = insight._host(self.G, data.get("conversation"))
        return self.item(node) | {"excerpt": _question_excerpt(data.get("question") or ""),
                                  "by_host": host is not None and data.get("author") == host}

    def exchange(self, people: list[str], replies: list[str]) -> dict:
        """An exchange between two people as the post and both their pages show it (worked out once)."""
        key = (tuple(people), tuple(replies))
        if key not in self._exchanges:
            self._exchanges[key] = self._exchange(people, replies)
        return self._exchanges[key]

    def answering(self, replies: list[str]) -> list[str | None]:
        """Whom each turn of an exchange answers (listed by date, "jeuys, Mathias, jeuys, jeuys" read as
        jeuys answering himself): the writer of the reply in the chain it answers (by its place, by name
        or beside its writer's own: the graph's ``answer`` edges), when someone else; None for a turn
        that answers the post or its writer's own reply (where a second run of the pair begins)."""
        G, chain = self.G, set(replies)
        found = []
        for n in replies:
            me = G._node[n].get("author")
            found.append(next((G._node[v].get("author") for _, v, k in G.out_edges(n, keys=True)
                               if k in insight.ANSWER_KINDS and v in chain and G._node[v].get("author") != me), None))
        return found

    def longest_run(self, replies: list[str]) -> list[str]:
        """The longest stretch of an exchange's replies in which each answers the very reply before it
        (by its place, by name or beside its writer's own: the graph's ``reply`` and ``answer`` edges),
        by the other of the two; the whole exchange when it went back and forth.

        Not :func:`.insight.longest_chain`, which follows the thread's branches among all of a post's
        replies: a run here is a stretch of the exchange's list as written (by date), so a second answer
        to one reply in between ends it (the exchange's words say "went back and forth" only when the
        whole list is one run); see that function for an example where the two differ. An answer to
        the other's earlier reply ends it too: it answers the person, not the turn before."""
        G = self.G
        authors = [G._node[n].get("author") for n in replies]
        best: list[str] = []
        start = 0
        for i in range(1, len(replies) + 1):
            if (i == len(replies) or authors[i] == authors[i - 1]
                    or not any(k in insight.ANSWER_KINDS for k in G.succ[replies[i]].get(replies[i - 1], {}))):
                if i - start > len(best):
                    best = replies[start:i]
                start = i
        return best

    def _exchange(self, people: list[str], replies: list[str]) -> dict:
        starter = self.G._node[replies[0]].get("author")
        people = sorted(people, key=lambda p: p != starter)
        a, b = _pair_names(self.name(people[0]), self.name(people[1]), self.shared_first_names)
        slug = self.G._node[replies[0]].get("conversation", "")
        places = list(dict.fromkeys(self.G._node[n].get("conversation", "") for n in replies))
        turns = len(replies)
        where = Markup(insight.join_words([self.title_in(p) for p in places]))
        authors = [self.G._node[n].get("author") for n in replies]
        whom = self.answering(replies)
        answering = [self.name(to) if to else "" for to in whom]
        # back and forth: three turns or more, each after the first answering the other (two runs of the pair
        # under one post, or two answers to one reply, are not)
        run = self.longest_run(replies)
        after = ""
        if turns >= 3 and len(run) == turns:
            said = f"{a} and {b} went back and forth in {turns} replies"  # "5 replies in turn"
        else:
            answers = [authors[i] for i, to in enumerate(answering) if to]  # a reply answers one reply
            said = (f"{a} and {b} answered each other {times(len(answers))}" if len(set(answers)) == 2
                    else f"{b} answered {a}{'' if len(answers) < 2 else ' ' + times(len(answers))}")
            # the unit of the post's "N replies in turn between ...", so that the two can be compared
            if len(run) >= 3:
                after = f", at most {len(run)} replies in turn (each answering the one before)"
        items = [self.item(n) for n in replies]

        def on_page_of(here: str) -> Markup:  # on a post's page that post is "this post", unsaid when the only one
            if len(places) == 1:
                return escape(f"{said}{after}")
            named = [Markup("this post") if p == here else self.title_in(p) for p in places]
            return Markup("{} on {}{}").format(said, Markup(insight.join_words(named)), after)

        return {"people": [{"name": self.name(p), "url": self.url(p)} for p in people],
                # HTML (its names escaped): a post's title marked with its language, when not the site's
                "sentence": Markup("{} on {}{}").format(said, where, after),
                "sentence_on": {self.url(f"post:{here}"): on_page_of(here) for here in places},
                "turns": turns, "post_title": self.title(slug), "post_url": self.url(f"post:{slug}"),
                "items": items, "answering": answering,
                # as the thread shows it, with its time: the same reply reads the same in every exchange
                "when": [self.shown_date(n) for n in replies]}

    def shown_date(self, node: str) -> str:
        """A reply's date and time as its thread shows them (``REPLIES_DATE_FORMAT``); its day alone when
        only the day is known (its file's ``Date`` has no time)."""
        data = self.G._node[node]
        reply = self.shown_replies.get(node.removeprefix("reply:"))
        if reply is None or reply.date_shown != "time" or not reply.display_date:
            return self.day(data.get("date", ""))
        return str(reply.display_date)

    def rows(self, P: nx.DiGraph) -> list[dict]:
        """Who builds on whom in ``P``, heaviest first (:func:`.tables.builds_on_table`)."""
        return builds_on_table(self.G, P)

    def link_people(self, articles, people) -> None:
        """One page per person: reply names link to it, and an author's Pelican URL is their person page.

        Sets ``reply.person_url`` on every shown reply (and ``thread.known_as`` where the site knows its
        writer by another name than it is signed with), and gives each post author the slug of
        their person page (so ``AUTHOR_URL = "people/{slug}/"`` always points at it).
        """
        for thread in self.threads.values():
            for reply in thread.shown:
                node = f"reply:{reply.key}"
                writer = self.G._node[node].get("author") if node in self.G else None
                reply.person_url = self.url(writer) if writer else ""
                if writer and (name := self.name(writer)) and name != reply.author:
                    thread.known_as[reply.key] = name
        # A reply answering one under another post names that writer, and is named there: by the site's names.
        for thread in self.threads.values():
            for reply in thread.shown:
                for other in (reply.cross_parent, *reply.cross_children):
                    there = self.threads.get(other.post_slug) if other is not None else None
                    if there is not None and (name := there.known_as.get(other.key)):
                        thread.known_as[other.key] = name
        warned = set()
        for article in articles:
            author = getattr(article, "author", None)
            person = people.get(str(author)) if author else None
            if person is None:
                continue
            if author.slug != person.slug:
                author.slug = person.slug
            page = self.url(person.node)
            if author.url != page and person.node not in warned:
                warned.add(person.node)
                logger.warning("%s: the author page of %s is %s, not their person page %s; set "
                               "AUTHOR_URL = \"%s{slug}/\" for one page per person", article.source_path,
                               person.name, author.url, page, page[: -len(person.slug) - 1])

    @functools.cached_property
    def shared_first_names(self) -> frozenset[str]:
        """First names (case-folded) that more than one person on the site has: "Ben answered Ada"
        is only clear when one Ada writes here."""
        seen: dict[str, int] = {}
        for person in self.index.people:
            first = _first(self.name(person)).casefold()
            seen[first] = seen.get(first, 0) + 1
        return frozenset(f for f, n in seen.items() if n > 1)

    # -- per post -------------------------------------------------------------------
    def shape(self, article) -> dict:
        """The kind of conversation under a post, in one sentence (the post page and every list show it):
        cached by what it reads, the graph but its replies' words (``graph_key``), the words its writers said
        in their own voice here, and the thread's counts."""
        if self.cache is None or not self.graph_key:
            return self._shape(article)
        thread = self.threads.get(article.slug)
        said = "\0".join(getattr(self.texts.get(n), "own_text", "") for n in self.index.members(article.slug))
        inputs = inputs_bytes([self.graph_key, article.slug, hashlib.sha256(said.encode()).hexdigest(),
                               None if thread is None else [thread.count, thread.people_count,
                                                            thread.threading_unknown]])
        return self.cache.get("shape", inputs, lambda: self._shape(article))

    def _shape(self, article) -> dict:
        G, slug = self.G, article.slug
        members = self.index.members(slug)
        names = {n: _short_name(self.name(n), self.shared_first_names)
                 for n in {G._node[m].get("author") for m in members} if n}
        thread = self.threads.get(slug)
        counts = (thread.count, thread.people_count) if thread is not None else (0, 0)
        # The longest run the page's exchanges hold in which the two take turns under this post, each
        # answering the other, so the line and the list agree (one that goes on under another post is
        # this post's shape only here).
        turns = [run for c in self.exchanges_here.get(slug, [])
                 if all(G._node[x].get("conversation") == slug for x in c["replies"])
                 and len(run := self.longest_run(c["replies"])) >= 3]
        return insight.conversation_shape(G, f"post:{slug}", members, self.texts,
                                          len(self.open_by_conversation.get(slug, [])), names, counts,
                                          chain=max(turns, key=len, default=None),
                                          threading_unknown=thread is not None and thread.threading_unknown)

    def article(self, article, shape: dict | None = None) -> dict:
        """What the post page says about its conversation (``shape``: :meth:`shape`, when already made)."""
        G, slug = self.G, article.slug
        post = f"post:{slug}"
        open_here = self.open_by_conversation.get(slug, [])
        shape = shape if shape is not None else self.shape(article)
        readers = nx.DiGraph()
        seen: dict = {}
        counted: set = set()
        host_counts = {"answered": 0, "answers": 0}
        host = G._node[post].get("author") if post in G else None
        for u, v, kind in self.index.out_edges(slug, insight.BUILDING_KINDS):
            a, b = G._node[u].get("author"), insight._person(G, v)
            if not a or not b or a == b:
                continue
            if insight.is_host_edge(G, u, v):
                insight.count_host(host_counts, counted, u, kind, a, host)  # as insight.who_built_on_whom
                if not self.settings["CONVERSATION_MAP_INCLUDE_HOST"]:
                    continue
            count_building(readers, a, b, kind, slug, u, seen)
        finish_building(readers, seen)
        # A reply's URL is its graph node's (Pelican works a post's URL out again on every access).
        replies = [{"node": node, "author": r.author, "url": G._node[node]["url"], "anchor": r.anchor,
                    "parts": self.texts[node]}
                   for r in self.threads[slug].shown if (node := f"reply:{r.key}") in self.texts
                   ] if slug in self.threads else []
        margin = Marginalia(article, replies, self.min_words, self.cache) if replies else None
        return {
            "shape": shape,
            "exchanges": [self.exchange(e["people"], e["replies"]) for e in self.exchanges_here.get(slug, [])],
            "open_questions": [self.question(n) for n in open_here],
            "marginalia": margin if margin and margin.notes else None,
            "taken_up_in": [self.trail(t, t["taken_up_in"]) for t in self.trails_from.get(slug, [])],
            "raised_in": [self.trail(t, t["raised_in"]) for t in self.trails_to.get(slug, [])],
            "readers": self.rows(readers),
            "host": {"name": self.name(host), "url": self.url(host), **host_counts} if host else None,
        }

    def trail(self, trail: dict, other: str) -> dict:
        """A trail as pages say it: ``by`` groups its replies and posts by what they did (so "Mira
        linked to it; Priya answered it" credits each with their own act), ``how`` all of it."""
        how = {"reply": "answered", "quote": "quoted", "link": "linked to", "cites": "built on"}
        by: dict[str, list[dict]] = {}
        for n in trail["via"]:
            by.setdefault(insight.join_words([how[k] for k in trail["kinds_of"][n]]), []).append(self.item(n))
        return {"title": self.title(other), "url": self.url(f"post:{other}"), "lang": self.lang(other),
                "how": insight.join_words([how[k] for k in trail["kinds"]]),
                "via": [self.item(n) for n in trail["via"]],
                "by": [{"how": h, "via": items} for h, items in by.items()]}
