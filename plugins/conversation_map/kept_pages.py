"""Pages kept between builds: a post page, a person page or a list of posts whose inputs are those of the
page already written is not made again.

A warm rebuild after one reply was edited made every post page, person page and list of posts again (a
half of its time at 1,000 posts × 20 replies), though one conversation changed. With Pelican's content
cache on (``CACHE_CONTENT`` writes, ``LOAD_CONTENT_CACHE`` reads), :class:`KeptPagesWriter` asks the
build's :class:`KeptPages` before rendering a post page or a list of posts, and the conversation map asks
before it works out a person page's data: a page whose key is the one it was written with last time is
left as it is (or put back from its kept copy, ``replies.kept_files``, when the output folder was
emptied), and the map cache's entries it was drawn from are kept for the next build.

A page's key is made of two parts:

- **what every page is made with** (:func:`site_inputs`): every setting, installed package and plugin
  source (``replies.cache.posts_read_with``); every template; every post and page as read (its text,
  metadata, the attributes the plugins gave it and its shape line); every reply but its words (who,
  when, where in which thread, how the site names its writer); the conversation graph's nodes and lines
  but a reply's words (its excerpt and the question it asks) and what the graph holds besides (colours,
  handles); and every other entry of the build's context (lists, tags, links of replies to posts);
- **the words of the replies the page can show**: for a post page its own post's, and
  (:func:`post_replies`) those of the replies of other posts tied to it by a line of the graph (its map
  draws them) or that its exchanges, trails and open questions quote; for a person page
  (:func:`person_replies`) their own replies, those tied to theirs by a line and those of their exchanges;
  for a list, none (it shows shape lines, in the first part).

So a reply whose words are edited makes its post's page again, the post pages that show its words, and
the pages of its writer and of those tied to it (whom it answers, quotes or names, who answered or quoted
it, and those it is an exchange with); anything else (a new reply, a writer's name, a quote, a post, a setting, a
template, the plugins) makes every page again. ``tests/test_kept_pages.py`` checks each against a build
from nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from jinja2 import TemplateNotFound
from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import Writer
from replies.cache import posts_read_with, stable
from replies.kept_files import KeptFiles
from replies.model import Reply, Thread
from replies.reply_links import ReplyLink

from .cache import inputs_bytes
from .later import ARTICLE_LATER, Later

logger = logging.getLogger(__name__)

#: A reply node's words in the graph (its tooltip's excerpt, the question it asks): part of the key of the
#: pages that show its post's replies, not of every page's.
REPLY_WORDS = frozenset({"title", "question"})
#: A reply's own words (its conversation's part of the key).
REPLY_TEXT = frozenset({"body_html", "body_text"})
#: Context entries described apart (the graph, the threads) or not inputs of a page (where it is written;
#: this module's own).
CONTEXT_APART = frozenset({"conversation_graph", "conversation_people_graph", "conversation_index",
                           "reply_threads", "localsiteurl", "output_file", "kept_pages"})
#: A post's attributes that are not what it is: settings (in the key once), the build's context, page data
#: made from the graph and the words (``Later``: its ready part is described apart).
CONTENT_APART = frozenset({"settings", "_context", "conversation_map", "conversation_insight"})
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _reference(value) -> str | None:
    """A short name for what the key describes apart (a post or page by its file, a reply by its key, a tag
    or category by its name), a date by its ISO form; ``None`` for anything else."""
    if isinstance(value, Content):
        return f"content:{value.source_path}"
    if isinstance(value, URLWrapper):
        return f"{type(value).__name__}:{value.name}"
    if isinstance(value, Reply):
        return f"reply:{value.key}"
    if isinstance(value, Thread):
        return f"thread:{value.post_slug}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, nx.Graph):
        return f"graph:{type(value).__name__}"
    return None


def described(value, depth: int = 0):
    """``value`` as JSON can hold it, the same in every build of the same content (``replies.cache.stable``,
    naming posts, replies, tags and dates by :func:`_reference`).

    >>> import datetime as dt
    >>> described({"when": dt.date(2026, 1, 2), "tags": {"b", "a"}, "n": (1, None)})
    {'n': [1, None], 'tags': ['a', 'b'], 'when': '2026-01-02'}
    """
    return stable(value, depth, named=_reference)


class _Digest:
    """A SHA-256 fed with plain data (:func:`described`'s), one item at a time, as a pickle without its memo
    (``cache.inputs_bytes``: the same values give the same bytes; several times quicker than JSON)."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def add(self, *items) -> None:
        for item in items:
            self.hash.update(inputs_bytes(item))
            self.hash.update(b"\0")

    def hexdigest(self) -> str:
        return self.hash.hexdigest()


def _contents(context: dict) -> list[Content]:
    """Every post, page and file of the build that the context lists (each once)."""
    found: dict[int, Content] = {}

    def visit(value, depth: int = 0) -> None:
        if isinstance(value, Content):
            found.setdefault(id(value), value)
        elif isinstance(value, dict) and depth < 3:
            for v in value.values():
                visit(v, depth + 1)
        elif isinstance(value, (list, tuple)) and depth < 3:
            for v in value:
                visit(v, depth + 1)

    for key, value in context.items():
        if key not in CONTEXT_APART:
            visit(value)
    # By their files only: asking a static file where it is saved (``save_as``) fixes it there, and a page's
    # ``{attach}`` could no longer move it next to the page.
    return sorted(found.values(), key=lambda c: (str(c.source_path), type(c).__name__))


def _templates(env) -> list[tuple[str, str]]:
    """Every template the build's Jinja environment can load, with its source."""
    out = []
    for name in sorted(env.list_templates()):
        try:
            out.append((name, env.loader.get_source(env, name)[0]))
        except (OSError, UnicodeDecodeError, TemplateNotFound):  # unreadable now: every page made again
            out.append((name, f"unread {time.time_ns()}"))
    return out


def _attribute(value):
    """A reply's attribute as :func:`described` gives it, the kinds every reply has at once (20,000 replies
    of some 25 attributes each).

    >>> import datetime as dt
    >>> when = dt.datetime(2026, 1, 2, 9, 5)
    >>> link = ReplyLink("https://example.org/new", "github", "2026-01-02", "r1", "UTC")
    >>> all(_attribute(v) == described(v, 1) for v in ("Ada", 3, None, when, [], link))
    True
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Reply:
        return f"reply:{value.key}"
    if kind is list and all(type(v) is Reply for v in value):
        return [f"reply:{v.key}" for v in value]
    if kind is ReplyLink:  # a frozen dataclass of strings
        return ["replies.reply_links.ReplyLink", dict(sorted(vars(value).items()))]
    if isinstance(value, dt.date):
        return value.isoformat()
    return described(value, 1)


def graph_digest(G: nx.MultiDiGraph) -> str:
    """The conversation graph's nodes and lines but a reply's words (:data:`REPLY_WORDS`), and what the graph
    holds besides (colours, handles), hashed: part of every page's key, and the key of the insight stage's
    site-wide results (``insight_pages.Insights``), which read no reply's words.

    >>> G = nx.MultiDiGraph(); G.add_node("reply:p/1", kind="reply", title="Ada, 4 Jan\\nFirst words")
    >>> before = graph_digest(G); G.nodes["reply:p/1"]["title"] = "Ada, 4 Jan\\nOther words"
    >>> graph_digest(G) == before, (G.add_edge("reply:p/1", "post:p", key="reply"), graph_digest(G) == before)
    (True, ('reply', False))
    """
    digest = _Digest()
    nodes = iter(G.nodes(data=True))  # a thousand at a time: the build is near its peak of memory here
    while chunk := list(itertools.islice(nodes, 1000)):
        digest.add([[node, [[k, v if type(v) in _PLAIN else described(v, 1)] for k, v in data.items()
                            if not (k in REPLY_WORDS and data.get("kind") == "reply")]] for node, data in chunk])
    edges = iter(G.edges(keys=True, data=True))  # with their data (a mention's "opening", "addressed")
    shared: dict[int, list] = {}  # an edge's data is one of a few shared dicts (graph.share_edge_data)
    while chunk := list(itertools.islice(edges, 5000)):
        digest.add([[u, v, k, shared.get(id(data)) or shared.setdefault(id(data), sorted(data.items()))]
                    for u, v, k, data in chunk])
    digest.add(described(G.graph))
    return digest.hexdigest()


def site_inputs(context: dict, settings: dict, env, G: nx.MultiDiGraph | None, threads: dict,
                graph_key: str | None = None) -> str:
    """What every kept page is made with (see the module's description), hashed (``graph_key``: the graph's
    :func:`graph_digest`, when the build made it already)."""
    digest = _Digest()
    digest.add(posts_read_with(settings), _templates(env))
    for content in _contents(context):
        digest.add(described({k: v for k, v in vars(content).items() if k not in CONTENT_APART}))
        # what lists of posts show of its conversation (its shape line), made at once
        digest.add([described(value.ready) for name in ARTICLE_LATER
                    if isinstance(value := getattr(content, name, None), Later)])
    for slug in sorted(threads):
        thread = threads[slug]
        digest.add(slug, described(vars(thread)),
                   [[[k, v if type(v) in _PLAIN else _attribute(v)]  # (most are plain: no call for them)
                     for k, v in vars(reply).items() if k not in REPLY_TEXT]
                    for reply in (*thread.all_replies, *thread.mentions)])
    if G is not None:
        digest.add(graph_key or graph_digest(G))
    for key in sorted(context):
        if key not in CONTEXT_APART:
            digest.add(key, described(context[key]))
    return digest.hexdigest()


def reply_words(threads: dict) -> tuple[dict[str, str], dict[str, str]]:
    """The hash of the replies' words (what :func:`site_inputs` leaves out): by post slug, and by reply node."""
    by_post, by_reply = {}, {}
    for slug, thread in threads.items():
        digest = hashlib.sha256()
        for reply in [*thread.all_replies, *thread.mentions]:
            words = hashlib.sha256(f"{reply.key}\0{reply.body_html}\0{reply.body_text}\0".encode()).digest()
            by_reply[f"reply:{reply.key}"] = words.hex()
            digest.update(words)
        by_post[slug] = digest.hexdigest()
    return by_post, by_reply


def post_replies(G: nx.MultiDiGraph, index, insights, slug: str) -> set[str]:
    """The replies of other posts whose words the page of ``slug`` can show (its own post's are all on it):
    those tied to its post and replies by a line of the graph (its map draws them, with their words in their
    tooltips; a reply answering one here from under another post), and those its exchanges, trails and open
    questions quote."""
    conversation_of = index.conversation_of
    shown = set()
    for node in index.members(slug):
        shown.update(G._succ[node])
        shown.update(G._pred[node])
    shown.update(n for e in insights.exchanges_here.get(slug, []) for n in e["replies"])
    shown.update(n for t in (*insights.trails_from.get(slug, []), *insights.trails_to.get(slug, [])) for n in t["via"])
    shown.update(insights.open_by_conversation.get(slug, []))
    return {n for n in shown if conversation_of.get(n, slug) != slug}


def person_replies(G: nx.MultiDiGraph, index, insights, node: str) -> set[str]:
    """The replies whose words a person's page can show: theirs (its lists' excerpts and questions), those
    tied to theirs by a line of the graph (who answered, quoted or named them, and whom they did: its quote
    pairs), and those of their exchanges. The rest of the page (whom they build on, their map, the posts'
    titles) is made of what every page is made with."""
    shown = set()
    for mine in index.contributions.get(node, []):
        shown.add(mine)
        shown.update(G._succ[mine])
        shown.update(G._pred[mine])
    for _, replies in insights.exchanges_of.get(node, []):
        shown.update(replies)
    return shown


class KeptPages:
    """The build's post pages, person pages and lists of posts kept from the last build
    (``CACHE_PATH/conversation-map/pages.json`` and ``pages/``); one per build, made by the conversation
    map's ``generate_context``.

    The part of the keys every page shares is worked out when the first post page is written (every
    generator's context is complete then). :meth:`fresh` says whether a page (and the later pages of its
    lists) can stay as written; :meth:`making` records one made; :meth:`save` keeps the record.
    """

    def __init__(self, settings: dict, env, G, index, insights, threads: dict, cache,
                 graph_key: str | None = None) -> None:
        self.settings, self.env, self.G, self.index, self.insights = settings, env, G, index, insights
        self.graph_key = graph_key  # the graph's graph_digest, when the build made it already
        self.threads, self.stage_cache = threads, cache
        self.files = KeptFiles(settings, "conversation-map", "pages", lambda: "", "the post and person pages")
        self.enabled = self.files.enabled
        self._site: str | None = None
        self._groups: tuple[dict, object] | None = None  # the site map's groups, and how the keys describe them
        # post slug -> the hash of its replies' words, reply node -> the hash of its words: now, while the replies
        # hold them (the replies plugin lets go of them once its feeds are written, before the person pages)
        self._words, self._reply_words = reply_words(threads) if self.enabled else ({}, {})
        self.kept: Counter = Counter()  # what (post, person, list) -> how many pages kept as they were
        self.made: Counter = Counter()  # ... and made

    def _key(self, context: dict, *parts, shown: set[str] = frozenset(), replies: set[str] = frozenset()) -> str:
        """What every page is made with, ``parts``, and the words of the replies of the posts ``shown`` and of
        the ``replies`` (nodes)."""
        if self._site is None:
            self._site = site_inputs(context, self.settings, self.env, self.G, self.threads, self.graph_key)
        digest = _Digest()
        digest.add(self._site, *parts, [[slug, self._words.get(slug, "")] for slug in sorted(shown)],
                   [[node, words] for node in sorted(replies) if (words := self._reply_words.get(node))])
        return digest.hexdigest()

    def post_key(self, context: dict, article, name: str, template, kwargs: dict, relative_urls: bool) -> str:
        """The key of ``article``'s page (see the module's description). A translation shows its post's
        thread, which may be under another slug (``ARTICLE_TRANSLATION_ID`` naming a field of its own)."""
        thread = getattr(article, "thread", None)
        slug = thread.post_slug if thread is not None else article.slug
        return self._key(context, "post", name, getattr(template, "name", None), relative_urls, described(kwargs),
                         shown={slug}, replies=post_replies(self.G, self.index, self.insights, slug))

    def person_key(self, context: dict, node: str, groups: dict) -> str:
        """The key of a person's page and the later pages of its lists (``groups``: the site map's, which
        colour their map)."""
        if self._groups is None or self._groups[0] is not groups:  # the same for every person: described once
            self._groups = (groups, described(groups))
        return self._key(context, "person", node, self._groups[1],
                         replies=person_replies(self.G, self.index, self.insights, node))

    def _path(self, writer: Writer, name: str) -> Path:
        return Path(sanitised_join(writer.output_path, name))

    def fresh(self, writer: Writer, name: str, key: str, context: dict, values: dict | None = None,
              what: str = "person") -> bool:
        """Whether the page at ``name`` and the later pages made with it are as ``key`` made them: then they
        stay (put back if the output folder was emptied), as written, and the map-cache entries they were
        drawn from are kept for the next build."""
        if not self.enabled or not self.files.fresh(self._path(writer, name), key):
            return False
        extra = self.files.extra(self._path(writer, name)) or {}
        more = extra.get("more", [])
        if not all(self.files.fresh(self._path(writer, m), f"{key}\0{m}") for m in more):
            return False
        self.stage_cache.keep(extra.get("entries", []))
        written = getattr(writer, "_written_files", None)  # Pelican's guard against two writes of a file
        for page in (name, *more):
            path = str(self._path(writer, page))
            if written is not None:
                written.add(path)
            signals.content_written.send(path, context={**context, **(values or {}), "output_file": page})
        self.kept[what] += 1
        return True

    @contextmanager
    def making(self, writer: Writer, name: str, key: str, what: str = "person"):
        """Around making the page at ``name`` (with ``key``): the :class:`_Made` it gives is where the caller
        adds the later pages it writes with it; the map-cache entries read meanwhile are recorded with them."""
        made = _Made()
        used = self.stage_cache.record()
        try:
            yield made
        finally:
            self.stage_cache.record(stop=True)
        self.made[what] += 1
        if self.enabled and made.kept:
            self.files.wrote(self._path(writer, name), key, extra={"entries": sorted(used), "more": made.more})
            for page in made.more:
                self.files.wrote(self._path(writer, page), f"{key}\0{page}")

    def write_post(self, writer: Writer, name: str, template, context: dict, relative_urls: bool, kwargs: dict,
                   render: Callable[[], None]) -> None:
        """Write the page of ``kwargs["article"]`` at ``name``: kept when its key is last build's, else rendered."""
        key = self.post_key(context, kwargs["article"], name, template, kwargs, relative_urls)
        if self.fresh(writer, name, key, context, kwargs, what="post"):
            return
        with self.making(writer, name, key, what="post"):
            render()

    def write_list(self, writer: KeptPagesWriter, name: str, template, context: dict, call: dict,
                   render: Callable[[], None]) -> None:
        """Write a list of posts (the home page, a tag's, a category's, an author's, the archives: each of its
        pages), kept when its key is last build's: what every page is made with (the posts' shape lines
        among it) and how it is called."""
        key = self._key(context, "list", name, getattr(template, "name", None), described(call))
        if self.fresh(writer, name, key, context, call, what="list"):
            return
        with self.making(writer, name, key, what="list") as made:
            with writer.noting() as written:
                render()
            made.more = [page for page in written if page != name]  # the pages after its first
            made.kept = name in written  # (a list whose first page is elsewhere is made on every build)

    def save(self) -> None:
        """Keep the record of the pages written (once the person pages are)."""
        if self.kept or self.made:
            logger.info("Pages kept as they were (their inputs did not change): %s; made: %s",
                        _counts(self.kept), _counts(self.made))
        self.files.save()


class _Made:
    """A page being made (:meth:`KeptPages.making`): the later pages written with it, and whether to keep it."""

    def __init__(self) -> None:
        self.more: list[str] = []
        self.kept = True


def _counts(counts: Counter) -> str:
    """How many pages of each kind, in words.

    >>> _counts(Counter(post=998, list=3))
    '998 post pages, 0 person pages, 3 lists of posts'
    """
    return (f"{counts['post']} post pages, {counts['person']} person pages, "
            f"{counts['list']} lists of posts")


class KeptPagesWriter(Writer):
    """Pelican's writer, asking the build's :class:`KeptPages` (``context["kept_pages"]``) before it
    renders a post page or a list of posts (``get_writer`` signal); every other page as Pelican writes it
    (the conversation map asks before it makes a person page's data)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._noted: list[str] | None = None

    @contextmanager
    def noting(self):
        """The pages written meanwhile (their names under the output folder), in a list given at once."""
        self._noted = noted = []
        try:
            yield noted
        finally:
            self._noted = None

    def _open_w(self, filename, encoding, override=False):
        if self._noted is not None:
            self._noted.append(Path(filename).relative_to(self.output_path).as_posix())
        return super()._open_w(filename, encoding, override)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        kept = context.get("kept_pages") if isinstance(context, dict) else None

        def render():
            return super(KeptPagesWriter, self).write_file(name, template, context, relative_urls, paginated,
                                                           template_name, override_output, url, **kwargs)

        if kept is None or not kept.enabled or override_output or not name:
            return render()
        if kwargs.get("article") is not None and not paginated:
            return kept.write_post(self, name, template, context, relative_urls, kwargs, render)
        if "articles" in kwargs or "dates" in kwargs:  # Pelican's lists of posts, each of their pages
            call = {"relative_urls": relative_urls, "paginated": paginated, "template_name": template_name,
                    "url": url, **kwargs}
            return kept.write_list(self, name, template, context, call, render)
        return render()


def get_writer(pelican) -> type[Writer]:
    """``get_writer`` receiver."""
    return KeptPagesWriter
