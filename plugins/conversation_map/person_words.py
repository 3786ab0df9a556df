"""What a person's page says in words: whom they answered and who answered them, the words others took
up (shown once, as written: :func:`taken_words`, :func:`shown_quote`), their exchanges and replies, each
list's first page (issue 12). :class:`PersonWords` is the person part of
:class:`~conversation_map.insight_pages.Insights`, which holds the graph, its index and the texts."""

from __future__ import annotations

import re
from collections import Counter

from . import insight
from .cache import inputs_bytes
from .pagination import PERSON_PAGE_LINES, paginate
from .render import by_name
from .textmatch import shingles, words

# A person's one-line lists (their URL folder under the person page -> the anchor of the section that
# holds their first page there).
PERSON_LISTS = {"replies": "earlier-replies", "quoted": "more-quoted", "exchanges": "more-exchanges"}

# No space before a closing mark ("essay ." as a text was split), but a smiley keeps its space ("bin ;-)").
SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,!?…)\]”’]|[;:](?![-)(DPpoO/|3*']))")
QUOTE_CHARS = 400
_OPEN_MARKS = "\"'“‘„«‚([¿¡"
_CLOSE_MARKS = "\"'”’»)]"


def shown_quote(text: str, limit: int = QUOTE_CHARS, fragment: bool = False) -> dict:
    """A quoted passage as a person page shows it: whole when at most ``limit`` characters, else cut
    at the last word boundary before it; ``cut`` says so (the page then adds "…" and a link to it all).

    With ``fragment`` (the quoting reply's own passage), ``starts_inside`` / ``ends_inside`` say that
    its words begin or end inside a sentence (a small letter first; no ``.``, ``!``, ``?`` or ``…``
    last), which the page marks with "…": a reader quoting half a sentence is shown to have.

    >>> shown_quote("Read slowly , once.")
    {'text': 'Read slowly, once.', 'cut': False, 'starts_inside': False, 'ends_inside': False}
    >>> shown_quote("a book read slowly goes further than", fragment=True)
    {'text': 'a book read slowly goes further than', 'cut': False, 'starts_inside': True, 'ends_inside': True}
    >>> shown_quote("“Slow down.” Then (she said) stop?”", fragment=True)["ends_inside"]
    False
    >>> cut = shown_quote("One two three, four five six.", limit=16)
    >>> cut["text"], cut["cut"], cut["ends_inside"]
    ('One two three', True, False)
    """
    text = SPACE_BEFORE_PUNCT.sub(r"\1", " ".join((text or "").split()))
    cut = len(text) > limit
    if cut:
        head = text[: limit + 1]
        text = (head.rsplit(" ", 1)[0] if " " in head else text[:limit]).rstrip(" ,;:–—-")
    starts = ends = False
    if fragment and text:
        first = text.lstrip(_OPEN_MARKS + " ")[:1]
        starts = first.islower() and not text.startswith(("…", "[…]", "..."))
        ends = not cut and text.rstrip(_CLOSE_MARKS + " ")[-1:] not in (".", "!", "?", "…", ":")
    return {"text": text, "cut": cut, "starts_inside": starts, "ends_inside": ends}


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ENDING = re.compile(r"\s?[.!?…]+[\"'”’»)\]]*")


def taken_words(text: str, passage: str, min_words: int = 8, limit: int = QUOTE_CHARS) -> dict:
    """The words of ``text`` (a person's post or reply) that ``passage`` (a reply's quote of it)
    took up, as the person wrote them, to show once for both: from the first to the last run of
    ``min_words`` words (or all of a shorter passage) the two share, with a sentence's closing
    mark. ``starts_inside`` / ``ends_inside`` say that ``text`` goes on before or after them (the
    page marks it with "…"); past ``limit`` characters they are cut as :func:`shown_quote` cuts;
    ``at``: where in ``text`` they begin. None when the two share no such run.

    >>> own = "I keep a notebook. Reading with a pencil slows the eye to the pace of the argument. It helps."
    >>> taken = taken_words(own, "notebook. Reading with a pencil slows the eye to the pace")
    >>> taken["text"], taken["starts_inside"], taken["ends_inside"], taken["cut"]
    ('notebook. Reading with a pencil slows the eye to the pace', True, True, False)
    >>> taken_words(own, "reading with a pencil slows the eye to the pace of the argument")["text"]
    'Reading with a pencil slows the eye to the pace of the argument.'
    >>> taken_words("One two three four five.", "one two three four five")["starts_inside"]
    False
    >>> taken_words(own, "something else entirely, said here") is None
    True
    """
    spans = [(m.start(), m.end(), " ".join(words(m.group()))) for m in _WORD.finditer(text or "")]
    own = [w for _, _, w in spans]
    quoted = [" ".join(words(m.group())) for m in _WORD.finditer(passage or "")]
    size = min(min_words, len(quoted))
    runs = shingles(quoted, size) if size >= 4 else set()
    hits = [i for i in range(len(own) - size + 1) if tuple(own[i:i + size]) in runs] if runs else []
    if not hits:
        return None
    first, last = hits[0], hits[-1] + size - 1
    start, end = spans[first][0], spans[last][1]
    while start and text[start - 1] in _OPEN_MARKS:
        start -= 1
    ending = _ENDING.match(text, end)
    if ending:
        end = ending.end()
    shown = shown_quote(text[start:end], limit)
    shown["starts_inside"] = first > 0
    shown["ends_inside"] = not shown["cut"] and last < len(own) - 1
    shown["at"] = start  # where in ``text`` they begin
    return shown


#: A list's items past its limit that are too few for a one-line list of their own ("1 earlier reply",
#: a bare link under ten shown in full): they are shown in full with the rest.
FEW_MORE = 2


def shown_in_full(count: int, limit: int) -> int:
    """How many of ``count`` items a person page shows in full: ``limit``, or every one when no more
    than :data:`FEW_MORE` would be left over.

    >>> shown_in_full(11, 10), shown_in_full(12, 10), shown_in_full(13, 10), shown_in_full(4, 10)
    (11, 12, 10, 4)
    """
    return count if count - limit <= FEW_MORE else limit


def post_tags(articles: dict) -> dict[str, list[str]]:
    """slug -> the names of its post's tags."""
    return {slug: [str(t) for t in getattr(a, "tags", []) or []] for slug, a in articles.items()}


class PersonWords:
    """The person pages' words, for :class:`~conversation_map.insight_pages.Insights` (``self.G``,
    ``self.index``, ``self.texts``, ``self.item`` and the rest are its own)."""

    def person_tags(self) -> dict:
        """person -> Counter of the tags of the posts whose conversations they took part in."""
        tags_of = post_tags(self.articles)
        found: dict[str, Counter] = {}
        for person, nodes in self.index.contributions.items():
            counter = Counter()
            for n in nodes:
                counter.update(tags_of.get(self.G.nodes[n].get("conversation", ""), []))
            found[person] = counter
        return found

    def _taken(self, found: dict) -> list[dict]:
        """The words one reply took up (:func:`taken_words`), once each, for every passage of it that
        matched (:func:`.insight.quote_pairs`): the post's margin marks each paragraph, the page shows each."""
        own = self.texts[found["original"]].own_text
        shown: list[dict] = []
        for passage in found["passages"]:
            words = taken_words(own, passage, self.min_words)
            if words is not None and words["at"] not in {w["at"] for w in shown}:
                shown.append(words)
        return sorted(shown, key=lambda w: w["at"]) or [shown_quote(found["source"])]  # in their order

    def _quote_pairs(self, node: str) -> list[dict]:
        """:func:`.insight.quote_pairs` of ``node``, cached (map cache, ``quote-pairs``) by all it reads: their
        posts and replies that someone quoted, with the words they said, and each reply quoting one, its writer,
        date, passages and words. A page made again for a reply's edit works out again only the pairs that
        reply is in."""
        if self.cache is None:
            return insight.quote_pairs(self.G, node, self.texts, self.min_words)
        G, texts, inputs = self.G, self.texts, [node, self.min_words]
        for _, original, kind in G.out_edges(node, keys=True):
            if kind != "authored" or original not in texts:
                continue
            quoters = [[quoter, G._node[quoter].get("author"), G._node[quoter].get("date"), texts[quoter].quotes,
                        texts[quoter].own_text]
                       for quoter, _, k in G.in_edges(original, keys=True) if k == "quote" and quoter in texts]
            if quoters:  # (the words of a text no one quotes are not read)
                inputs.append([original, texts[original].own_text, quoters])
        return self.cache.get("quote-pairs", inputs_bytes(inputs),
                              lambda: insight.quote_pairs(G, node, texts, self.min_words))

    # -- per person --------------------------------------------------------------------
    def person(self, node: str) -> dict:
        """How someone thinks with others: what they said, whom they answered, who took them up."""
        G = self.G
        if self._person_tags is None:
            self._person_tags = self.person_tags()
        tags = self._person_tags.get(node, Counter())
        own = self.index.contributions.get(node, [])
        said = [self.item(n) for n in sorted(own, key=lambda n: (G.nodes[n].get("date", ""), n))
                if G.nodes[n].get("kind") == "reply"]
        answered, answered_by = Counter(), Counter()
        # A reply answers what its thread says it answers (insight.answers_of): one answering someone by name
        # under the post answers them, not the post's author too (8 replies were 9 answers).
        for n in own:
            for v in insight.answers_of(G, n):
                if G.nodes[v].get("author") not in (None, node):
                    answered[G.nodes[v]["author"]] += 1
            for u in {u for u, _, k in G.in_edges(n, keys=True) if k in insight.ANSWER_KINDS}:
                if G.nodes[u].get("author") not in (None, node) and n in insight.answers_of(G, u):
                    answered_by[G.nodes[u]["author"]] += 1
        pairs = [{"original": self.item(p["original"]), "quoted_by": self.item(p["quoted_by"]), "found": p}
                 for p in self._quote_pairs(node)]
        dates = sorted(str(G.nodes[n].get("date", ""))[:10] for n in own if G.nodes[n].get("date"))

        def people(counter: Counter) -> list[dict]:
            return [{"name": self.name(p), "url": self.url(p), "count": c}
                    for p, c in sorted(counter.items(), key=lambda i: (-i[1], self.name(i[0]).casefold(), i[0]))]

        mine = [self.exchange(people, replies) for people, replies in self.exchanges_of.get(node, [])]
        # A busy person's page stays light: the longest exchanges, the first quote pairs and the newest
        # replies in full, every other one as a line with its link (nothing is left out).
        limit = self.settings["CONVERSATION_MAP_PERSON_LIST_LIMIT"]
        longest = sorted(range(len(mine)), key=lambda i: (-mine[i]["turns"], i))[:shown_in_full(len(mine), limit)]
        shown = set(longest)
        said = said[::-1]  # newest first
        # The one-line lists in pages (CONVERSATION_MAP_PERSON_LINES_PER_PAGE): the first under its heading
        # on the person page, the others on people/<slug>/<list>/2/ and on, so no page grows with the site.
        per_page, home = self.settings["CONVERSATION_MAP_PERSON_LINES_PER_PAGE"], self.url(node)
        # The exchanges past the longest are no shorter, most often: they are listed as "more", oldest first.
        def oldest_first(e: dict) -> tuple:
            return e["items"][0]["date"], e["items"][0]["node"]

        rest = sorted((e for i, e in enumerate(mine) if i not in shown), key=oldest_first)
        said_cut, pairs_cut = shown_in_full(len(said), limit), shown_in_full(len(pairs), limit)
        more = {"replies": said[said_cut:], "quoted": pairs[pairs_cut:], "exchanges": rest}
        # The words taken up, shown once, as the person wrote them ("…" where their text goes on; cut at a
        # word past QUOTE_CHARS, with a link to it all): only for the pairs shown in full.
        full = [p | {"words": self._taken(p["found"])} for p in pairs[:pairs_cut]]
        pages = {kind: paginate(items, per_page, f"{home}#{PERSON_LISTS[kind]}", f"{home}{kind}/",
                                first_size=PERSON_PAGE_LINES)  # the person page: a screen or two of each
                 for kind, items in more.items()}
        return {"said": said[:said_cut], "said_more": pages["replies"][0]["items"],
                "answered": people(answered), "answered_by": people(answered_by),
                "quote_pairs": full, "quote_pairs_more": pages["quoted"][0]["items"],
                "exchanges": sorted((mine[i] for i in shown), key=oldest_first),  # the longest, oldest first
                "exchanges_more": pages["exchanges"][0]["items"],
                "pages": pages,
                "tags": [{"name": t, "url": self.tag_urls.get(t, ""), "count": c}
                         for t, c in sorted(tags.items(), key=lambda i: (-i[1], *by_name(i[0])))],
                "first_active": self.day(dates[0]) if dates else "",
                "last_active": self.day(dates[-1]) if dates else "",
                "host": self.hosts.get(node)}
