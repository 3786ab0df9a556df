"""What the costly passes of :func:`.graph.build_graph` found, kept between builds, so that an edit makes them
again only where it reaches (``CACHE_PATH/conversation-map/graph-passes.pickle``, with the map cache's salt:
the ``CONVERSATION_MAP_*`` settings, the libraries' versions and this package's source).

- **Quotes.** The quote index (which texts hold the words of each quoted passage,
  :class:`~.textmatch.QuoteIndex`, as :meth:`~.textmatch.QuoteIndex.state` gives it) is kept with the text
  each contribution had (its key in the map cache) and its date, all in one string. While the site quotes the
  same passages, a build leaves out of the index every text whose words or date changed, or that is gone, and
  reads the new and changed ones into it: an index of the same texts as one made from nothing. Every passage is
  then looked up again (a few thousand lookups, not the 20,000 texts read again). A passage quoted anew, or no
  longer, makes the index again.
- **Mentions and answers** (whom a contribution names, and which reply it answers by name or beside its
  place in the thread) depend on its own text, on the texts of its conversation (the questions asked there,
  whom they are put to) and on what the site is made of besides its words: every post and reply, where it is
  in which thread, who wrote it and when, every person's names, handles and addresses, and every post's
  address (:meth:`GraphMemo.again`). While that is as it was, they are found again only in the conversations
  where a text changed; anything else finds them all again.

:func:`.graph.build_graph` adds the edges from these results in the order a build from nothing does, so the
graph is the same, node for node and line for line (``tests/test_graph_memo.py`` checks it against a build
from nothing after edits of each kind).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from replies.cache import load_store, save_store

from .cache import StageCache, inputs_bytes
from .textmatch import QuoteIndex

logger = logging.getLogger(__name__)

MEMO_FILE = "graph-passes.pickle"


def structure(graph, contributions, people, articles) -> str:
    """What the site is made of besides its words, as the mention and answer passes read it, hashed: each
    post and reply (its node, conversation, writer, date, address and place in its thread), each person's
    names, handles and addresses, and each post's address (what a link to it can be written as)."""
    digest = hashlib.sha256()
    items = []
    for c in contributions:
        reply = c.reply
        parent = cross = None
        detached = False
        if reply is not None:
            parent = reply.parent.key if reply.parent is not None else None
            cross = reply.cross_parent.key if reply.cross_parent is not None else None
            detached = bool(reply.detached)
        items.append((c.node, c.kind, c.conversation, c.author.node if c.author is not None else None,
                      graph._node[c.node].get("date"), c.url, c.base_dir, parent, cross, detached))
        if len(items) == 1000:  # a thousand at a time: the build is near its peak of memory here
            digest.update(inputs_bytes(items))
            items = []
    everyone = [(p.node, p.name, p.first_name, list(p.urls)) for p in people]
    handles = sorted((handle, getattr(people.get(name), "node", None)) for handle, name in people.handles.items())
    posts = [(a.slug, a.url, getattr(a, "save_as", ""), getattr(a, "relative_source_path", "") or "")
             for a in articles]
    digest.update(inputs_bytes([items, everyone, handles, posts]))
    return digest.hexdigest()


class GraphMemo:
    """The passes' results kept from the last build, and this build's, one per build (see the module)."""

    def __init__(self, cache: StageCache | None) -> None:
        self.enabled = cache is not None and cache.enabled
        self.cache = cache
        self.old: dict = {}
        self.new: dict = {}
        self.changed: set[str] = set()  # nodes whose text or date changed, or that are new
        self.unchanged = False  # whether this build found all as the last did (then nothing is written)

    def quote_index(self, graph, contributions, min_words: int, make: Callable, add: Callable) -> QuoteIndex:
        """The quote index of ``contributions``: last build's brought up to date (see the module), or
        ``make(contributions, min_words)``; ``add(index, c)`` reads one contribution into it."""
        if not self.enabled:
            return make(contributions, min_words)
        if self.cache.load_enabled:  # read now: what it holds lives only while it is used
            self.old = load_store(self.cache.folder / MEMO_FILE, self.cache.salt, "graph passes")
        # each text as a line (node, the key of its text, its date): one string kept, not 21,000 tuples
        texts = [f"{c.node}\t{c.text_key[:32]}\t{graph._node[c.node].get('date', '')}" for c in contributions]
        old_texts = set(self.old.pop("texts", "").split("\n"))
        self.changed = {line.split("\t", 1)[0] for line in texts if line not in old_texts}
        del old_texts
        wanted = {passage for c in contributions for passage in c.parts.quotes}
        kept, index = self.old.pop("quotes", None), None
        if kept is not None and set(kept[0]) == wanted:
            try:
                index = QuoteIndex.restore(min_words, kept, {c.node: (c.date, c.node) for c in contributions},
                                           leave=self.changed)  # (the order add_voice gives each text)
            except ValueError:  # not as this code keeps it: made anew
                index = None
        if index is not None:
            for c in contributions:
                if c.node in self.changed:
                    add(index, c)
            self.unchanged = not self.changed
        else:
            index = make(contributions, min_words)
        self.new["texts"] = "\n".join(texts)
        self.new["complete"] = True  # a whole build's: its texts, index, mentions and answers
        # the index as kept (now: the build lets go of the index once the quotes are found)
        self.new["quotes"] = kept if self.unchanged else index.state()
        return index

    def again(self, graph, contributions, people, articles) -> set[str] | None:
        """The conversations whose mentions and answers are found again: those where a text changed (or
        that are new) while the site's :func:`structure` is last build's; None (all of them) otherwise."""
        if not self.enabled:
            return None
        self.new["structure"] = now = structure(graph, contributions, people, articles)
        if self.old.get("structure") != now or "complete" not in self.old:
            self.unchanged = False
            return None
        return {c.conversation for c in contributions if c.node in self.changed}

    def results(self, name: str, contributions, again: set[str] | None, finder: Callable[[], Callable]) -> dict:
        """node -> what ``find(c)`` gives (``None`` left out) for each contribution: found again for those in
        the ``again`` conversations (all when None), last build's for the rest. ``finder()`` gives ``find``,
        made only when a contribution is looked at again (its setup reads the whole site)."""
        found, find = {}, None
        if again is not None:
            found = self.old.pop(name, {})
            for c in contributions:
                if c.conversation in again:
                    found.pop(c.node, None)
        for c in contributions:
            if again is None or c.conversation in again:
                find = find or finder()
                if (value := find(c)) is not None:
                    found[c.node] = value
        if self.enabled:
            self.new[name] = found
        return found

    def save(self) -> None:
        """Keep this build's results for the next (when ``CACHE_CONTENT`` is on and they changed)."""
        if not self.enabled or not self.cache.save_enabled or self.unchanged:
            return
        save_store(self.cache.folder / MEMO_FILE, self.cache.salt, self.new)
