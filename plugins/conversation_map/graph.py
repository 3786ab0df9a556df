"""Build the conversation network: one networkx MultiDiGraph for the whole site.

Nodes (attributes ``kind``, ``label``, ``url`` and more): ``person:<slug>``,
``post:<slug>``, ``reply:<post-slug>/<id>``, ``source:<key>``. Edges point from the one
who builds to what is built on; the edge key and ``kind`` attribute are one of
``authored``, ``reply``, ``quote``, ``mention``, ``link``, ``cites`` and ``answer`` (a reply that
answers someone its place in the thread does not say: :func:`answered_by_name`, :func:`answered_beside`).
"""

from __future__ import annotations

import bisect
import datetime
import logging
import posixpath
import re
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import unquote, urljoin, urlsplit

import networkx as nx
from replies.language import written_in
from replies.model import is_anonymous
from replies.privacy import has_private_data, loggable, safe_url
from replies.sanitize import plain_text

from .cache import StageCache
from .graph_memo import GraphMemo
from .index import ConversationIndex
from .people import People, Person, compact_name, normalise_name, profile_handle
from .textmatch import (
    QuoteIndex,
    TextParts,
    addresses_first_name,
    answer_opening,
    answers_question,
    find_handles,
    parse_html,
    questions,
    words,
)

logger = logging.getLogger(__name__)

BUILDS_ON_KINDS = ("reply", "quote", "mention", "link")
#: The edges the people graph counts: an ``answer`` (by name, see :func:`answered_by_name`) counts as a reply.
BUILDING_EDGES = (*BUILDS_ON_KINDS, "answer")
COUNTED_AS = {"answer": "reply"}


@dataclass
class Contribution:
    """A post or a shown reply, as the graph sees it."""

    node: str
    kind: str  # 'post' or 'reply'
    conversation: str  # slug of the post whose thread it is in
    author: Person | None
    date: object
    parts: TextParts
    tokens: list[str]  # words(parts.own_text), for quotes and names
    source_path: str
    url: str
    base_dir: str  # folder of the source file, relative to the content root, for {filename} links
    reply: object = None
    article: object = None
    text_key: str = ""  # the map cache's key of its text (its HTML): what the passes kept (graph_memo) go by


def day_month(date, rest: str = "%b") -> str:
    """'4 Jan' (or with ``rest="%B %Y"``, '4 January 2016'): the day without a leading zero.

    Pelican's dates format ``%-d`` through a portable (and slow) wrapper; this is the same text.

    >>> import datetime
    >>> day_month(datetime.datetime(2016, 1, 4)), day_month(datetime.datetime(2016, 1, 4), "%B %Y")
    ('4 Jan', '4 January 2016')
    """
    return f"{date.day} {datetime.datetime.strftime(date, rest)}"


def title_text(article) -> str:
    """A post's title as plain text (Pelican titles may hold HTML and entities)."""
    return " ".join(plain_text(str(getattr(article, "title", ""))).split())


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class SiteLinks:
    """Resolves the many ways a page can link to a post of this site."""

    def __init__(self, articles, siteurl: str) -> None:
        self.by_path: dict[str, object] = {}
        self.by_source: dict[str, object] = {}
        parts = urlsplit(siteurl or "")
        self.site_host = (parts.hostname or "").lower()
        self.site_prefix = parts.path.rstrip("/")
        for article in articles:
            for url in (article.url, getattr(article, "save_as", "")):
                if url:
                    self.by_path[self._norm_path(url)] = article
            rel = getattr(article, "relative_source_path", None) or ""
            if rel:
                self.by_source[posixpath.normpath(rel.replace("\\", "/"))] = article

    @staticmethod
    def _norm_path(path: str) -> str:
        path = unquote(path).lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        return path.rstrip("/")

    def resolve(self, href: str, page_url: str, base_dir: str):
        """(article, fragment) that ``href`` on page ``page_url`` points at, or (None, '')."""
        href = href.strip()
        for marker in ("{filename}", "|filename|"):
            if href.startswith(marker):
                target, _, fragment = href[len(marker):].partition("#")
                target = unquote(target)
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
                return self.by_source.get(posixpath.normpath(path)), fragment
        if href.startswith(("{", "|")):
            return None, ""
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            if not self.site_host or (parts.hostname or "").lower() != self.site_host:
                return None, ""
            path = parts.path
        elif parts.scheme or href.startswith("//"):
            return None, ""
        else:
            path = urlsplit(urljoin("/" + page_url.lstrip("/"), href)).path if href and not href.startswith("#") else ""
        if not path:
            return None, ""
        if self.site_prefix and path.startswith(self.site_prefix + "/"):
            path = path[len(self.site_prefix):]
        return self.by_path.get(self._norm_path(path)), parts.fragment


def _source_label(item: str) -> str:
    parts = urlsplit(item)
    if parts.scheme in ("http", "https") and parts.hostname:
        tail = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
        host = parts.hostname.removeprefix("www.")
        return f"{tail} ({host})" if tail else host
    return item


def _unique_first_names(participants: dict, conversations: list[str], first_key: dict[str, str]) -> dict:
    """First name (as written) -> person, for names only one person has among these conversations
    (``first_key``: person node -> folded first name)."""
    people: dict[str, Person] = {}
    for conversation in conversations:
        for p in participants.get(conversation, []):
            people.setdefault(p.node, p)
    counts: dict[str, int] = {}
    for node in people:
        counts[first_key[node]] = counts.get(first_key[node], 0) + 1
    return {p.first_name: p for node, p in people.items() if counts[first_key[node]] == 1}


_SLUG_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


def _cited(item: str, c: Contribution, by_slug: dict) -> str | None:
    """The node a ``Builds-On`` item names, or None (with a warning) when it must be left out."""
    if not item:
        return None
    where = c.source_path
    if item == c.article.slug:
        logger.warning("%s: Builds-On names the post itself (%r); left out", where, item)
        return None
    if item in by_slug:
        return f"post:{item}"
    if "://" in item or item.startswith(("//", "javascript:", "data:", "mailto:")):
        if safe_url(item) is None:
            logger.warning("%s: Builds-On URL %s left out: only http(s) URLs without credentials or "
                           "private addresses are kept", where, loggable(item))
            return None
        return f"source:{item}"
    if has_private_data(item):
        logger.warning("%s: a Builds-On item was left out: it holds an email or IP address", where)
        return None
    if _SLUG_LIKE.match(item):
        logger.warning("%s: Builds-On %r is no post slug of this site; shown as an outside source", where, item)
    return f"source:{item}"


_OPENING_AT_RE = re.compile(r"[\s.“\"'(]*@(\w[\w.-]*\w|\w)", re.UNICODE)
_OPENING_RE = re.compile(r"[\s.“\"'(]*([^\W\d][\w.'-]*(?: [^\W\d][\w'-]*)?)\s*[:,!–—-]", re.UNICODE)


def handle_owner(handle: str, handles: dict, local=()) -> Person | None:
    """Whom ``@handle`` names: a known handle, else the one person of ``local`` (the conversation's
    people) whose name, letters only, begins with it ("@Yuppie" for "Yuppiedeadhead"; 4 letters at
    least, and only when one name does).

    >>> from types import SimpleNamespace as P
    >>> yd, yo = P(name="Yuppiedeadhead"), P(name="yoonar")
    >>> handle_owner("yuppie", {}, [yd, yo]) is yd, handle_owner("yo", {}, [yd, yo])
    (True, None)
    """
    if handle in handles:
        return handles[handle]
    if len(handle) < 4:
        return None
    owners = [p for p in local if compact_name(p.name).startswith(handle)]
    return owners[0] if len(owners) == 1 else None


def opening_name(text: str, handles: dict, by_name: dict, local=()) -> str | None:
    """The person a text opens by speaking to ("@Jo: ...", "@ada yes", "Jo, ..."), as a node, or None.

    >>> from types import SimpleNamespace as P
    >>> jo = P(node="person:jo", name="Jo Menschenfreund", first_name="Jo")
    >>> handles, names = {"jo": jo}, {"jo menschenfreund": jo}
    >>> [opening_name(t, handles, names) for t in ("@Jo: not quite.", ".@jo yes", "Jo Menschenfreund, you said",
    ...                                             "As Jo said, yes")]
    ['person:jo', 'person:jo', 'person:jo', None]
    """
    found = _OPENING_AT_RE.match(text)
    if found:
        person = handle_owner(found.group(1).casefold(), handles, local)
        return person.node if person is not None else None
    found = _OPENING_RE.match(text)
    if not found:
        return None
    said = found.group(1).rstrip(".").casefold()
    person = by_name.get(said) or handles.get(said.replace(" ", "")) or handles.get(said.split(" ")[0])
    return person.node if person is not None else None


def read_text(html: str) -> tuple[TextParts, list[str], tuple[str, ...]]:
    """What a post or reply says (:func:`parse_html`), the words of its own text and the questions it asks
    (:func:`~.textmatch.questions`): made once per text, kept in the map cache."""
    parts = parse_html(html)
    return parts, words(parts.own_text), tuple(questions(parts.own_text))


# -- answers by name: flat comment systems thread an answer under the post or an earlier reply; the
#    name it opens with says whom it answers ------------------------------------------------------

# "@Jo:" after a sentence's end: a reply speaking to several people in turn ("@Bo: thanks. @Jo: which list?").
_ADDRESS_AT_RE = re.compile(r"(?:^|[.!?…]\s+)[“\"'(]*@(\w[\w.-]*\w|\w)\s?:", re.UNICODE)


def addressed_names(text: str, handles: dict, local=()) -> list[str]:
    """The people a text speaks to by handle at its start or after a sentence's end ("@Jo: ..."), as nodes.

    >>> from types import SimpleNamespace as P
    >>> handles = {"jo": P(node="person:jo"), "bo": P(node="person:bo")}
    >>> addressed_names("@Bo: thanks. @Jo: which list?", handles), addressed_names("As @Jo: said", handles)
    (['person:bo', 'person:jo'], [])
    """
    found = []
    for match in _ADDRESS_AT_RE.finditer(text):
        person = handle_owner(match.group(1).casefold(), handles, local)
        if person is not None and person.node not in found:
            found.append(person.node)
    return found


def spoken_to(G, node: str) -> list[str]:
    """The people ``node`` opens by speaking to ("@Jo: ..."): its mentions marked ``opening``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("r", "person:jo", key="mention", kind="mention", opening=True)
    >>> _ = G.add_edge("r", "person:ada", key="mention", kind="mention")
    >>> spoken_to(G, "r")
    ['person:jo']
    """
    return [v for _, v, k, opening in G.out_edges(node, keys=True, data="opening") if k == "mention" and opening]


def put_to(G, node: str) -> list[str]:
    """The people ``node`` speaks to: the one it opens by speaking to (:func:`spoken_to`) and those it
    speaks to by handle after a sentence's end ("@Bo: thanks. @Jo: which list?"), mentions marked
    ``addressed``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("r", "person:bo", key="mention", kind="mention", opening=True, addressed=True)
    >>> _ = G.add_edge("r", "person:jo", key="mention", kind="mention", addressed=True)
    >>> _ = G.add_edge("r", "person:ada", key="mention", kind="mention")
    >>> put_to(G, "r")
    ['person:bo', 'person:jo']
    """
    return [v for _, v, k, data in G.out_edges(node, keys=True, data=True)
            if k == "mention" and (data.get("opening") or data.get("addressed"))]


def answers_already(G, reply: str, person: str) -> bool:
    """Whether ``reply``, opening by speaking to ``person``, already answers them by its place in the
    thread: it replies to their reply or post, or to someone of the same first name ("@Jo" under a
    reply by "Jo Menschenfreund" answers that reply, not another Jo's).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:jo", label="Jo"); G.add_node("person:jm", label="Jo Menschenfreund")
    >>> G.add_node("r1", author="person:jm"); G.add_node("r2", author="person:m")
    >>> _ = G.add_edge("r2", "r1", key="reply", kind="reply")
    >>> answers_already(G, "r2", "person:jo"), answers_already(G, "r2", "person:m")
    (True, False)
    """
    first = str(G._node[person].get("label", "")).casefold().split(" ")[0] if person in G else ""
    for _, v, k in G.out_edges(reply, keys=True):
        if k != "reply":
            continue
        author = G._node[v].get("author")
        if author == person or (first and author in G
                                and str(G._node[author].get("label", "")).casefold().split(" ")[0] == first):
            return True
    return False


def answered_by_name(G, reply: str, person: str, replies_by: dict) -> str | None:
    """The reply of ``person`` that ``reply``, opening by speaking to them, answers: their latest
    before it under the same post (``replies_by``: (post, person) -> sorted [(date, reply)]), unless
    ``reply`` already answers them (:func:`answers_already`) or they wrote nothing before it there."""
    return None if answers_already(G, reply, person) else latest_before(G, reply, person, replies_by)


def answered_beside(G, reply: str) -> str | None:
    """The reply ``reply`` answers when it sits under its writer's own reply: the latest before it, by
    someone else, among that reply's answers (WordPress past its nesting limit threads a back and forth
    as answers side by side under the first reply); None when there is none or the parent is not theirs.

    >>> G = nx.MultiDiGraph()
    >>> for n, who, day in (("o1", "o", 1), ("m1", "m", 2), ("o2", "o", 3), ("o3", "o", 4)):
    ...     G.add_node(n, kind="reply", author=who, date=f"2012-12-1{day}")
    >>> G.add_edges_from([("m1", "o1", "reply"), ("o2", "o1", "reply"), ("o3", "o2", "reply")])
    ['reply', 'reply', 'reply']
    >>> answered_beside(G, "o2"), answered_beside(G, "o3"), answered_beside(G, "m1")
    ('m1', None, None)
    """
    me = G._node[reply].get("author")
    parent = next((v for _, v, k in G.out_edges(reply, keys=True) if k == "reply"), None)
    if parent is None or G._node[parent].get("kind") != "reply" or G._node[parent].get("author") != me:
        return None  # (under the post, even their own, it answers the post)
    when = (G._node[reply].get("date", ""), reply)
    beside = [(G._node[u].get("date", ""), u) for u, _, k in G.in_edges(parent, keys=True)
              if k == "reply" and G._node[u].get("kind") == "reply" and G._node[u].get("author") not in (None, me)]
    earlier = [b for b in beside if b < when]
    return max(earlier)[1] if earlier else None


#: How many of the questions asked before a reply :func:`answered_question` weighs, nearest first.
QUESTIONS_WEIGHED = 5


def answered_question(G, c: Contribution, asked_in: dict) -> str | None:
    """The question a reply posted to the post answers without naming its asker: the nearest of the
    questions asked before it under the post (``asked_in``: post -> sorted [(date, reply)], at most
    :data:`QUESTIONS_WEIGHED`) by someone else, and put to no one or to its writer, that it reads as
    the answer to (:func:`.textmatch.answers_question`: "Ja, eben diese Otla." after "Die selbe Otla
    Pinnow ...?"). None for a reply placed under another, or a detached one: its place says whom it answers.
    """
    reply = c.reply
    if reply.parent is not None or reply.cross_parent is not None or reply.detached or c.author is None:
        return None
    asked = asked_in.get(c.conversation)
    opening = answer_opening(c.parts.own_text) if asked else []
    if not opening:
        return None
    at = bisect.bisect_left(asked, (G._node[c.node].get("date", ""), c.node))
    for _, question in reversed(asked[max(0, at - QUESTIONS_WEIGHED):at]):
        data = G._node[question]
        if data.get("author") in (None, c.author.node):
            continue
        put = put_to(G, question)
        if (not put or c.author.node in put) and answers_question(data.get("question", ""), opening):
            return question
    return None


def latest_before(G, reply: str, person: str, replies_by: dict) -> str | None:
    """``person``'s latest reply before ``reply`` under the same post (``replies_by`` as in
    :func:`answered_by_name`), or None."""
    data = G._node[reply]
    theirs = replies_by.get((data.get("conversation", ""), person), [])
    at = bisect.bisect_left(theirs, (data.get("date", ""), reply))
    return theirs[at - 1][1] if at else None


def _add_posts(graph: nx.MultiDiGraph, articles, people: People, text_of,
               site_lang: str = "") -> tuple[list[Contribution], dict]:
    """A node per post (with the ``lang`` it is written in, when not the site's: ``replies.language``); its
    contributions and each post's URL (slug -> url)."""
    contributions: list[Contribution] = []
    # Posts (Pelican works an article's URL out on every access: once here is enough)
    post_url = {article.slug: article.url for article in articles}
    for article in articles:
        author = getattr(article, "author", None)
        person = people.resolve(str(author)) if author else None
        rel = (getattr(article, "relative_source_path", "") or "").replace("\\", "/")
        parts, tokens, _, text_key = text_of(getattr(article, "_content", "") or "")
        node = f"post:{article.slug}"
        tags = ", ".join(sorted(str(t) for t in getattr(article, "tags", []) or []))
        title = title_text(article)
        graph.add_node(node, kind="post", label=title, url=post_url[article.slug],
                       title=f"{title}\n{day_month(article.date, '%B %Y')}",
                       date=article.date.isoformat(), conversation=article.slug,
                       category=str(getattr(article, "category", "") or ""), tags=tags)
        if lang := written_in(article, site_lang):
            graph._node[node]["lang"] = lang
        contributions.append(Contribution(node, "post", article.slug, person, article.date, parts, tokens,
                                          str(getattr(article, "source_path", "")), post_url[article.slug],
                                          posixpath.dirname(rel), article=article, text_key=text_key))
    return contributions, post_url


def _add_replies(graph: nx.MultiDiGraph, threads: dict, by_slug: dict, post_url: dict, people: People,
                 text_of) -> list[Contribution]:
    """A node per shown reply (and per outside page that pinged a post, linking it); their contributions."""
    contributions: list[Contribution] = []
    days: dict = {}  # a day -> how a reply's label and tooltip write it
    # Replies, pingbacks and mentions from elsewhere
    for slug in sorted(threads):
        article = by_slug.get(slug)
        if article is None:
            continue
        thread = threads[slug]
        for reply in thread.shown:
            node = f"reply:{reply.key}"
            # no person for a deleted reply, nor for an anonymous one (each by someone the site cannot name)
            anonymous = reply.kind != "deleted" and is_anonymous(reply.author, reply.author_url)
            person = (None if reply.kind == "deleted" or anonymous
                      else people.resolve(reply.author, reply.author_url, apart=reply.not_post_author))
            parts, tokens, asked, text_key = text_of(str(reply.body_html))
            if reply.date_shown == "unknown":
                when = (None, None)
            elif (when := days.get(day := reply.date.date())) is None:  # strftime, once per day
                when = days[day] = (day_month(reply.date), day_month(reply.date, "%B %Y"))
            # the writer as the site names them ("Jo Menschenfreund" for a reply signed "Jo": one person, one
            # name on a map, as its key and their page say); the thread shows the name as the reply was signed
            writer = "Anonymous" if anonymous else person.name if person is not None and reply.author else reply.author
            label = "deleted" if reply.kind == "deleted" else ", ".join(filter(None, (writer, when[0])))
            title = ("A deleted reply" if reply.kind == "deleted"
                     else f"{', '.join(filter(None, (writer, when[1])))}\n{_excerpt(parts.text)}")
            asked = asked if reply.kind != "deleted" else ()
            graph.add_node(node, kind="reply", label=label, url=f"{post_url[slug]}#{reply.anchor}", title=title,
                           date=reply.date.isoformat(), conversation=slug, depth=reply.depth,
                           asks_question=bool(asked), question=asked[-1] if asked else '')
            if anonymous:  # by no one the site can name: no author, no person (replies.model.is_anonymous)
                graph._node[node]["anonymous"] = True
            if reply.detached:  # it answers a reply that is not here: no line to the post (_add_thread_edges)
                graph._node[node]["detached"] = True
            contributions.append(Contribution(node, "reply", slug, person, reply.date, parts, tokens,
                                              reply.source_path, post_url[slug], "", reply=reply,
                                              article=article, text_key=text_key))
        for mention in thread.mentions:
            source = f"source:{mention.source_url}"
            if source not in graph:
                graph.add_node(source, kind="source", label=mention.author, url=mention.source_url,
                               title=f"{mention.author}\n{mention.source_url}")
            graph.add_edge(source, f"post:{slug}", key="link", kind="link")
    return contributions


def _add_authorship(graph: nx.MultiDiGraph, contributions: list[Contribution], add_person) -> None:
    """``authored``: a person to each post and reply they wrote (and the node's ``author``)."""
    for c in contributions:
        if c.author is not None:
            graph.add_edge(add_person(c.author), c.node, key="authored", kind="authored")
            graph._node[c.node]["author"] = c.author.node


def _add_thread_edges(graph: nx.MultiDiGraph, contributions: list[Contribution]) -> None:
    """``reply``: a reply to the reply it answers (under this post or another), or to its post. A
    detached reply (it answers a reply that is not here: ``Reply.detached``) has none: its page shows it
    under the post, but it answers no one here, so it counts as no one's answer (not the post author's)."""
    for c in contributions:
        if c.reply is None:
            continue
        parent = c.reply.parent or c.reply.cross_parent
        if parent is None and c.reply.detached:
            continue
        target = f"reply:{parent.key}" if parent is not None else f"post:{c.conversation}"
        if target in graph:
            graph.add_edge(c.node, target, key="reply", kind="reply")


def quote_index(contributions: list[Contribution], min_words: int) -> QuoteIndex:
    """Every passage the contributions quote, and the texts holding its words (:class:`~.textmatch.QuoteIndex`)."""
    index = QuoteIndex(min_words)
    for c in contributions:
        for passage in c.parts.quotes:
            index.want(passage)
    for c in contributions:
        add_voice(index, c)
    return index


def add_voice(index: QuoteIndex, c: Contribution) -> None:
    """Index what ``c`` says in its own voice (its quotable text, without what it quotes)."""
    voice = c.parts.voice
    index.add(c.node, (c.date, c.node), voice, tokens=c.tokens if voice == c.parts.own_text else None)


def _add_quotes(graph: nx.MultiDiGraph, contributions: list[Contribution], index: QuoteIndex) -> None:
    """``quote``: a contribution to the earlier ones whose words it quotes (``index``: :func:`quote_index`)."""
    for c in contributions:
        targets = set()
        for passage in c.parts.quotes:
            targets.update(index.sources(passage, before=(c.date, c.node), exclude=[c.node]))
        for target in sorted(targets):
            graph.add_edge(c.node, target, key="quote", kind="quote")


def _link_targets(graph: nx.MultiDiGraph, contributions: list[Contribution],
                  links: SiteLinks) -> dict[str, list[str]]:
    """The posts and replies of the site each contribution links to, resolved once (the mentions use
    them too, to know whose first names a contribution may use)."""
    link_targets: dict[str, list[str]] = {}
    for c in contributions:
        targets = set()
        for href in c.parts.hrefs:
            article, fragment = links.resolve(href, c.url, c.base_dir)
            if article is None:
                continue
            target = f"post:{article.slug}"
            if fragment.startswith("reply-") and f"reply:{article.slug}/{fragment[6:]}" in graph:
                target = f"reply:{article.slug}/{fragment[6:]}"
            if target != c.node:
                targets.add(target)
        link_targets[c.node] = sorted(targets)
    return link_targets


class _Mentions:
    """Whom a contribution names: an @handle, a full name (any case), or a first name unambiguous among the
    people of that conversation (and of the conversations it answers across posts or links to); the one a
    text opens with is marked ``opening``, those it speaks to after a sentence's end ``addressed``."""

    def __init__(self, graph: nx.MultiDiGraph, contributions: list[Contribution], people: People,
                 link_targets: dict[str, list[str]]) -> None:
        self.graph, self.link_targets = graph, link_targets
        self.participants = participants = {}
        known: set[tuple[str, str]] = set()  # (conversation, person node): a person's node names them
        for c in contributions:
            if c.author is not None and (c.conversation, c.author.node) not in known:
                known.add((c.conversation, c.author.node))
                participants.setdefault(c.conversation, []).append(c.author)
        everyone = list(people)
        self.handles = handles = {}
        first_names: dict[str, list[Person]] = {}
        self.full_names = full_names = {}
        compact: dict[str, list[Person]] = {}  # "@JoONeil" for jo-oneil, unless jo-o-neil could be meant too
        for person in everyone:
            handles[person.slug] = person  # slugs are unique
            compact.setdefault(person.slug.replace("-", ""), []).append(person)
            first_names.setdefault(normalise_name(person.first_name), []).append(person)
            folded = tuple(words(person.name))
            if len(folded) > 1:
                full_names.setdefault(folded, person)
        shared = {handle for handle, owners in compact.items() if len(owners) > 1 and handle not in handles}
        for handle, owners in compact.items():
            if handle not in shared:
                handles.setdefault(handle, owners[0])
        for handle, name in people.handles.items():
            known = people.get(name)
            if known is not None:
                handles[handle] = known
        for person in everyone:  # "@TheGreenGreek" names whoever signs with twitter.com/TheGreenGreek
            for url in person.urls:
                if (handle := profile_handle(url)) is not None:
                    handles.setdefault(handle, person)
        for first, owners in first_names.items():
            if len(owners) == 1:
                handles.setdefault(first.replace(" ", ""), owners[0])
        for handle in shared - set(people.handles):  # a handle several people's names make names none of them
            handles.pop(handle, None)
        self.name_lengths = sorted({len(k) for k in full_names})
        # A full name can only start at a word that starts one: most words of most texts start none.
        self.name_starts = {k[0] for k in full_names}
        self.first_key = first_key = {p.node: normalise_name(p.first_name) for p in everyone}  # folded once
        self.by_full_name = {p.name.casefold(): p for p in reversed(everyone)}  # the first of a name wins
        self.local_first = {}
        for conversation, local in participants.items():
            counts: dict[str, int] = {}
            for person in local:
                counts[first_key[person.node]] = counts.get(first_key[person.node], 0) + 1
            self.local_first[conversation] = {p.first_name: p for p in local if counts[first_key[p.node]] == 1}

    def of(self, c: Contribution) -> tuple[tuple[tuple[str, bool, bool], ...], tuple] | None:
        """``c``'s mentions, (person node, opening, addressed) in order, and the handles to link where it is
        shown ((handle, person node), ``mention_links``); None when it names no one."""
        mentioned: set[str] = set()
        text = c.parts.own_text
        handles = self.handles
        local = self.participants.get(c.conversation, [])
        resolved = []  # (handle, person): mention_links links them where the reply is shown
        for handle in find_handles(text):
            owner = handle_owner(handle, handles, local)
            if owner is not None:
                mentioned.add(owner.node)
                resolved.append((handle, owner.node))
        tokens = c.tokens
        if "'s\0" in "\0".join(tokens) + "\0":  # "Mark Osei's" names him (a word that ends so: one scan, in C)
            tokens = [t[:-2] if t.endswith("'s") else t for t in tokens]
        full_names, name_lengths = self.full_names, self.name_lengths
        for i in (i for i, t in enumerate(tokens) if t in self.name_starts):
            for n in name_lengths:
                person = full_names.get(tuple(tokens[i : i + n]))
                if person is not None:
                    mentioned.add(person.node)
        elsewhere = {self.graph._node[t].get("conversation") for t in self.link_targets[c.node]}
        if c.reply is not None and c.reply.cross_parent is not None:
            elsewhere.add(c.reply.cross_parent.post_slug)
        elsewhere.discard(c.conversation)
        known = self.local_first.get(c.conversation, {})
        if elsewhere - {None}:
            known = _unique_first_names(self.participants, [c.conversation, *sorted(elsewhere - {None})],
                                        self.first_key)
        for first, person in known.items():
            if first in text and addresses_first_name(text, first):
                mentioned.add(person.node)
        if c.author is not None:
            mentioned.discard(c.author.node)
        if not mentioned:
            return None
        linked = tuple(sorted({r for r in resolved if r[1] in mentioned})) if c.reply is not None else ()
        opening = opening_name(text, handles, self.by_full_name, local)
        addressed = set(addressed_names(text, handles, local)) if "@" in text else set()
        return tuple((target, target == opening, target in addressed) for target in sorted(mentioned)), linked


def _add_mentions(graph: nx.MultiDiGraph, contributions: list[Contribution], found: dict,
                  by_node: dict[str, Person], add_person) -> None:
    """``mention``: a contribution to each person it names (``found``: node -> :meth:`_Mentions.of`)."""
    for c in contributions:
        if (mentions := found.get(c.node)) is None:
            continue
        targets, linked = mentions
        if linked:
            graph.graph.setdefault("handles", {})[c.node] = linked
        for target, opening, addressed in targets:
            add_person(by_node[target])
            spoken = {"opening": True} if opening else {}  # "@Jo: ..." speaks to Jo (spoken_to)
            if addressed:  # "... @Jo: which list?" speaks to Jo too (put_to)
                spoken["addressed"] = True
            graph.add_edge(c.node, target, key="mention", kind="mention", **spoken)


class _Answers:
    """Whom a reply answers besides its place in the thread (``answer``, see :func:`_add_answers`); the graph
    holds the replies, their threads and mentions when asked."""

    def __init__(self, graph: nx.MultiDiGraph, contributions: list[Contribution]) -> None:
        self.graph = graph
        self.replies_by: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.asked_in: dict[str, list[tuple[str, str]]] = {}  # post -> its questions, (date, reply) in order
        for c in contributions:
            if c.reply is not None and c.author is not None:
                when = (graph._node[c.node]["date"], c.node)
                self.replies_by.setdefault((c.conversation, c.author.node), []).append(when)
                if graph._node[c.node].get("asks_question"):
                    self.asked_in.setdefault(c.conversation, []).append(when)
        for found in (*self.replies_by.values(), *self.asked_in.values()):
            found.sort()

    def of(self, c: Contribution) -> tuple[str, ...] | None:
        """The replies ``c`` answers so, in order; None for none."""
        if c.reply is None or c.author is None:
            return None
        graph, targets = self.graph, []
        for person in spoken_to(graph, c.node):
            target = answered_by_name(graph, c.node, person, self.replies_by)
            if target is not None:
                targets.append(target)
        # Under the writer's own reply with no name to go by (WordPress past its nesting limit puts every
        # later answer there): it answers the latest reply by someone else under that same reply.
        if not targets and (target := answered_beside(graph, c.node)) is not None:
            targets.append(target)
        # Posted to the post, opening like an answer to a question asked just before ("Ja, eben diese Otla."):
        if not targets and (target := answered_question(graph, c, self.asked_in)) is not None:
            targets.append(target)
        return tuple(targets) or None


def _add_answers(graph: nx.MultiDiGraph, contributions: list[Contribution], found: dict) -> None:
    """``answer``: a reply that opens by speaking to someone ("@Jo: ...") to their latest reply before it
    under the same post, where its place in the thread does not say so already (a WordPress thread cut at
    its depth limit threads "@Jo: ..." under its writer's own last reply): :func:`answered_by_name`. A reply
    under its writer's own reply, naming no one, answers the latest reply by someone else beside it
    (:func:`answered_beside`): WordPress threads Owner's answer to Mathias under Owner's own reply that
    Mathias answered; "And one more thing I forgot" under one's own reply, with none beside it, answers no one.
    A reply posted to the post that opens like the answer to a question just asked under it, by someone
    else, answers that question (:func:`answered_question`: flat comment systems post answers so).
    Counted as a reply by the people graph, the exchanges and the person pages alike; the thread's
    "In reply to" names it too (``generator.name_answers``). ``found``: node -> :meth:`_Answers.of`."""
    for c in contributions:
        for target in found.get(c.node) or ():
            graph.add_edge(c.node, target, key="answer", kind="answer")


def _add_links(graph: nx.MultiDiGraph, contributions: list[Contribution],
               link_targets: dict[str, list[str]]) -> None:
    """``link``: a contribution to the posts and replies of the site it links to."""
    for c in contributions:
        for target in link_targets[c.node]:
            graph.add_edge(c.node, target, key="link", kind="link")


def _add_citations(graph: nx.MultiDiGraph, contributions: list[Contribution], by_slug: dict) -> None:
    """``cites``: a post to what its ``Builds-On`` metadata names (a post of the site, or an outside source)."""
    for c in contributions:
        if c.kind != "post":
            continue
        raw = c.article.metadata.get("builds-on") or c.article.metadata.get("builds_on") or ""
        items = raw if isinstance(raw, list) else str(raw).split(",")
        for item in (" ".join(i.split()) for i in items):
            target = _cited(item, c, by_slug)
            if target is None:
                continue
            if target not in graph:
                url = target.removeprefix("source:") if "://" in item else ""
                graph.add_node(target, kind="source", label=_source_label(item), url=url, title=item)
            graph.add_edge(c.node, target, key="cites", kind="cites")


def build_graph(articles, threads: dict, settings: dict, people: People | None = None,
                cache: StageCache | None = None, texts: dict | None = None) -> nx.MultiDiGraph:
    """The conversation network of the site.

    Parameters
    ----------
    articles : list of pelican Article
        The published posts.
    threads : dict
        ``post slug -> replies.model.Thread`` from the replies plugin.
    settings : dict
        Pelican settings (``SITEURL``, ``PATH`` and the ``CONVERSATION_MAP_`` keys).
    people : People, optional
        Identity resolver; a new one from ``CONVERSATION_MAP_ALIASES`` by default.
    cache : StageCache, optional
        The build's stage cache: the text of every post and reply is split once per content.
    texts : dict, optional
        Filled with node -> :class:`~conversation_map.textmatch.TextParts` of every post and
        reply (parsed once here, reused by the insight stage).
    """
    people = people or People(settings.get("CONVERSATION_MAP_ALIASES", {}))
    graph = nx.MultiDiGraph()
    articles = sorted(articles, key=lambda a: (a.date, a.slug))
    by_slug = {a.slug: a for a in articles}
    links = SiteLinks(articles, settings.get("SITEURL", ""))

    def text_of(html: str) -> tuple[TextParts, list[str], tuple[str, ...], str]:
        if cache is None or not cache.enabled:
            return (*read_text(html), "")
        key = cache.key("text", html)
        return (*cache.get("text", html, lambda: read_text(html), key=key), key)

    people_path = settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")

    def add_person(person: Person) -> str:
        if person.node not in graph:
            graph.add_node(person.node, kind="person", label=person.name,
                           url=f"{people_path}/{person.slug}/", title=person.name)
        return person.node

    # Nodes: posts, then replies (and the outside pages that pinged a post)
    contributions, post_url = _add_posts(graph, articles, people, text_of, settings.get("DEFAULT_LANG", ""))
    contributions += _add_replies(graph, threads, by_slug, post_url, people, text_of)
    if texts is not None:
        texts.update((c.node, c.parts) for c in contributions)
    # Edges, a kind at a time; quotes, mentions and answers found again only where an edit reaches (graph_memo)
    memo = GraphMemo(cache)
    _add_authorship(graph, contributions, add_person)
    _add_thread_edges(graph, contributions)
    min_words = settings["CONVERSATION_MAP_QUOTE_MIN_WORDS"]
    _add_quotes(graph, contributions, memo.quote_index(graph, contributions, min_words, quote_index, add_voice))
    link_targets = _link_targets(graph, contributions, links)  # mentions read them too
    again = memo.again(graph, contributions, people, articles)
    mentions = memo.results("mentions", contributions, again,
                            lambda: _Mentions(graph, contributions, people, link_targets).of)
    _add_mentions(graph, contributions, mentions, {p.node: p for p in people}, add_person)
    _add_answers(graph, contributions, memo.results("answers", contributions, again,
                                                    lambda: _Answers(graph, contributions).of))
    _add_links(graph, contributions, link_targets)
    _add_citations(graph, contributions, by_slug)
    share_edge_data(graph)
    memo.save()
    return graph


def share_edge_data(graph: nx.MultiDiGraph) -> None:
    """Give every edge whose data is the same one shared, read-only copy of it.

    An edge's data is only its ``kind`` (its key too): one dict per kind instead of one per
    edge (50,000 at 1,000 posts × 20 replies, 8 MB). Read-only, so that no later change to one
    edge changes them all.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="reply", kind="reply"); _ = G.add_edge("c", "b", key="reply", kind="reply")
    >>> share_edge_data(G)
    >>> G.edges["a", "b", "reply"] is G.edges["c", "b", "reply"], G.edges["a", "b", "reply"] == {"kind": "reply"}
    (True, True)
    >>> G.edges["a", "b", "reply"]["kind"] = "quote"
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """
    shared: dict = {}
    for neighbours in graph._succ.values():  # a key's dict is the same object in _pred
        for keys in neighbours.values():
            for key, data in keys.items():
                keys[key] = shared.setdefault(tuple(sorted(data.items())), MappingProxyType(dict(data)))


def person_of(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The person node a node stands for: itself for a person, its author for a post or reply."""
    data = graph._node[node]
    if data.get("kind") == "person":
        return node
    return data.get("author")


def builds_on(graph: nx.MultiDiGraph, conversation: str | None = None,
              index: ConversationIndex | None = None) -> nx.DiGraph:
    """Person-level projection: A -> B when A's contributions reply to, quote, mention or link to B's.

    Each edge has ``weight`` (the contributions that build on B, each once however many ways
    it does), one count attribute per kind (``reply``, ``quote``, ``mention``, ``link``: the
    contributions that build that way), ``first``/``also`` (see :func:`count_building`) and
    ``posts``: a dict of post slug -> contributions, for filtering by tag or category. No self-loops.

    Parameters
    ----------
    graph : MultiDiGraph
        The conversation network from :func:`build_graph`.
    conversation : str, optional
        Only count contributions made in this post's conversation; the projection then
        holds only the people of those edges (found through ``index``, not a graph scan).
    index : ConversationIndex, optional
        The graph's index, built once per build; made here when missing.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:a", kind="person", label="A", url="")
    >>> G.add_node("person:b", kind="person", label="B", url="")
    >>> G.add_node("post:p", kind="post", label="P", url="", author="person:a", conversation="p")
    >>> G.add_node("reply:p/1", kind="reply", label="1", url="", author="person:b", conversation="p")
    >>> G.add_node("reply:p/2", kind="reply", label="2", url="", author="person:b", conversation="p")
    >>> G.add_edge("reply:p/1", "post:p", key="reply", kind="reply")
    'reply'
    >>> G.add_edge("reply:p/1", "post:p", key="quote", kind="quote")
    'quote'
    >>> G.add_edge("reply:p/2", "reply:p/1", key="reply", kind="reply")
    'reply'
    >>> P = builds_on(G)
    >>> edge = P["person:b"]["person:a"]  # one reply that answers and quotes: one contribution
    >>> edge["weight"], edge["reply"], edge["quote"], edge["posts"], edge["first"]["reply"], edge["also"]
    (1, 1, 1, {'p': 1}, 1, {'reply': {'quote': 1}})
    >>> P.has_edge("person:b", "person:b")  # answering yourself is not building on someone
    False
    """
    projection = nx.DiGraph()
    if conversation is None:
        for node, data in graph.nodes(data=True):
            if data.get("kind") == "person":
                projection.add_node(node, label=data.get("label", node), url=data.get("url", ""))
        edges = sorted((u, v, k) for u, v, k in graph.edges(keys=True) if k in BUILDING_EDGES)
    else:
        edges = (index or ConversationIndex(graph)).out_edges(conversation, BUILDING_EDGES)
    seen: dict = {}
    for u, v, kind in edges:
        a, b = person_of(graph, u), person_of(graph, v)
        if a is None or b is None or a == b:
            continue
        if not projection.has_edge(a, b):
            for p in (a, b):
                if p not in projection and p in graph:
                    data = graph._node[p]
                    projection.add_node(p, label=data.get("label", p), url=data.get("url", ""))
        count_building(projection, a, b, kind, graph._node[u].get("conversation", ""), u, seen)
    return finish_building(projection, seen)


def count_building(people: nx.DiGraph, a: str, b: str, kind: str, post: str, contribution: str,
                   seen: dict) -> None:
    """Count that ``contribution`` (a reply or post by person ``a``, in ``post``'s conversation)
    builds on person ``b`` in this ``kind`` of way, in the people graph.

    A contribution counts once however many ways it builds on ``b``: ``weight`` and ``posts``
    (post slug -> count) count contributions, and each kind counts the contributions that build
    that way (a reply that answers ``b`` and names them: weight 1, ``reply`` 1, ``mention`` 1; an
    ``answer`` by name counts as a ``reply``, :data:`COUNTED_AS`).
    ``first`` (kind -> count) and ``also`` (main kind -> kind -> count) split them for words:
    each contribution by its main kind (a reply, else a quote, a mention, a link), and what else
    it does. ``seen`` is the caller's, one per people graph (contribution's kinds by pair); see :func:`finish_building`.
    """
    kind = COUNTED_AS.get(kind, kind)
    if not people.has_edge(a, b):
        people.add_edge(a, b, weight=0, **{k: 0 for k in BUILDS_ON_KINDS}, posts={})
    edge = people[a][b]
    kinds = seen.setdefault((a, b), {}).setdefault(contribution, [])
    if kind in kinds:
        return
    if not kinds:
        edge["weight"] += 1
        edge["posts"][post] = edge["posts"].get(post, 0) + 1
    kinds.append(kind)
    edge[kind] += 1


# The edge data finish_building adds for the tables' words only: no map draws it (nor keys its cache by it).
TABLE_WORDS = frozenset({"first", "also"})


def finish_building(people: nx.DiGraph, seen: dict) -> nx.DiGraph:
    """Give each edge counted by :func:`count_building` its ``first`` and ``also`` counts, where
    a contribution built on the person in two ways or more (elsewhere the kind counts say it all:
    most edges, so most keep no more dicts)."""
    for (a, b), by_contribution in seen.items():
        if all(len(kinds) == 1 for kinds in by_contribution.values()):
            continue
        first = dict.fromkeys(BUILDS_ON_KINDS, 0)
        also: dict = {}  # main kind -> what else those contributions do, kind -> count
        for kinds in by_contribution.values():
            main = min(kinds, key=BUILDS_ON_KINDS.index)
            first[main] += 1
            for kind in kinds:
                if kind != main:
                    also.setdefault(main, {})[kind] = also.get(main, {}).get(kind, 0) + 1
        people[a][b]["first"], people[a][b]["also"] = first, also
    return people
