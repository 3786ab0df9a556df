"""The conversation-map stage of the build: graph → index → analysis → page data → pages and exports.

Runs after the replies generator (it reads ``context['reply_threads']``). In
``generate_context`` it builds the site's graph, its :class:`ConversationIndex` and the
insight stage once, and gives every article with replies its map (:mod:`.article_maps`) and
the words about its conversation as :class:`~.later.Later` values: made when Pelican writes
the article's page, let go of once it is written. ``generate_output`` (after Pelican's
article pages) makes and writes ``conversations/`` (:mod:`.site_page`), its CSV files and the
exports (:mod:`.exports`), the open questions, and ``people/<slug>/`` one person at a time
(:mod:`.person_pages`), so no build holds every page's data at once.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import networkx as nx
from pelican.generators import Generator
from replies.generator import share_with_translations, translations_of
from replies.heap import long_lived

from .analysis import post_citations
from .article_maps import article_map
from .cache import StageCache
from .drawing import writer_hues
from .exports import ExportParts, copy_assets, vis_network_assets, write_csv, write_exports
from .graph import build_graph
from .index import ConversationIndex
from .insight_pages import Insights
from .kept_pages import KeptPages, graph_digest
from .later import Later
from .people import People
from .person_pages import people_index, person_page
from .settings import ConfigError
from .site_page import csv_tables, page_lists, site_page

__all__ = ["ConversationMapGenerator", "vis_network_assets"]

logger = logging.getLogger(__name__)


def name_answers(G: nx.MultiDiGraph, threads: dict) -> None:
    """Give each thread the replies that answer someone by name rather than by their place in it
    (the graph's ``answer`` edges, :func:`.graph.answered_by_name`): its "In reply to" names them."""
    by_key: dict[str, dict] = {}  # post -> reply key -> reply, made for the posts that have answers
    for u, v, kind in G.edges(keys=True):
        if kind != "answer":
            continue
        slug = G.nodes[u].get("conversation")
        thread = threads.get(slug)
        if thread is None:
            continue
        if slug not in by_key:
            by_key[slug] = {r.key: r for r in thread.all_replies}
        key, answered = u.removeprefix("reply:"), by_key[slug].get(v.removeprefix("reply:"))
        if answered is not None and key not in thread.answers_by_name:
            thread.answers_by_name[key] = answered


def _words_of(insights: Insights, article, shape: dict) -> dict:
    """What a post page says about its conversation, made as the page is written; what it shared
    with other pages is let go of with it."""
    try:
        return insights.article(article, shape)
    finally:
        insights.forget()


class ConversationMapGenerator(Generator):
    """Pelican generator for the conversation network (from the ``get_generators`` signal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.graph: nx.MultiDiGraph | None = None
        self.people_graph: nx.DiGraph | None = None
        self.index: ConversationIndex | None = None
        self.insights: Insights | None = None
        self.cache: StageCache | None = None
        self.graph_key: str | None = None  # the graph's digest but its replies' words (kept_pages.graph_digest)
        self.articles: list = []
        self.unlisted = 0

    # -- context ------------------------------------------------------------------
    @long_lived()  # the graph, its index and the insight stage live until the pages are written
    def generate_context(self) -> None:
        threads = self.context.get("reply_threads")
        if threads is None:
            raise ConfigError("the conversation_map plugin needs the replies plugin: list 'replies' "
                              "before 'conversation_map' in PLUGINS")
        articles = list(self.context.get("articles", []))
        people = People(self.settings["CONVERSATION_MAP_ALIASES"])
        self.cache = cache = StageCache(self.settings)
        texts: dict = {}
        G = build_graph(articles, threads, self.settings, people, cache=cache, texts=texts)
        cache.save("text")  # now, while the build holds least: pickling a cache costs memory too
        name_answers(G, threads)
        G.graph["hues"] = writer_hues(G)  # each reader's colour and shape on every post's map
        index = ConversationIndex(G)
        # The graph but its replies' words, hashed once: the insight stage's key and every kept page's (kept_pages)
        self.graph_key = graph_key = graph_digest(G) if cache.enabled else None
        # The people graph shows readers building on readers (answers to a post's author are
        # counted apart, unless CONVERSATION_MAP_INCLUDE_HOST): see insight.who_built_on_whom.
        self.insights = insights = Insights(G, index, texts, articles, threads, self.settings, cache, graph_key)
        insights.link_people(articles, people)
        P = insights.people_graph
        self.graph, self.people_graph, self.index = G, P, index
        self.people = {p.node: p for p in people}
        self.articles = articles
        # Replies on hidden posts (an imported WordPress page, an unlisted post) are on their pages but in
        # no list: not on the maps or under People, whose page says how many such posts it leaves out.
        listed = {a.slug for a in articles}  # a hidden translation shares its listed post's slug and thread
        self.unlisted = sum(1 for a in self.context.get("hidden_articles", []) or []
                            if a.slug not in listed and (thread := threads.get(a.slug)) is not None and thread.count)
        self.context["conversation_graph"] = G
        self.context["conversation_people_graph"] = P
        self.context["conversation_index"] = index
        # Post and person pages and lists of posts whose inputs did not change are kept, not made (kept_pages.py)
        self.context["kept_pages"] = KeptPages(self.settings, self.env, G, index, insights, threads, cache,
                                                graph_key)
        # A post's map and words are made when its page is written and let go of after (later.py);
        # the one-line shape, which every list of posts shows, now.
        minimum = self.settings["CONVERSATION_MAP_MIN_REPLIES"]
        for article in articles:
            article.conversation_map = article.conversation_insight = None
            article.citations = post_citations(G, f"post:{article.slug}")  # what it builds on, and who on it
            thread = threads.get(article.slug)
            if thread is None:
                continue
            shape = insights.shape(article)
            article.conversation_insight = Later(partial(_words_of, insights, article, shape), shape=shape)
            if thread.count >= minimum:
                article.conversation_map = Later(partial(article_map, G, index, article, thread, self.settings,
                                                         cache))
        # A translation shows its post's map and citations; not the words about it, whose margin notes
        # mark the post's own paragraphs (they would take the place of the translation's text).
        share_with_translations(articles, "conversation_map", "citations")
        for translation, _ in translations_of(articles):
            translation.conversation_insight = None
        logger.info("Conversation map: %d nodes, %d edges, %d people", G.number_of_nodes(),
                    G.number_of_edges(), sum(1 for node in self.people if node in G))

    def site_data(self) -> dict:
        """What ``conversations/`` shows."""
        insights, cache = self.insights, self.cache
        site = site_page(self.graph, insights.site_people_graph(), self.articles, self.settings, cache)
        cache.save("site-map")
        site["insight"] = insights.site(self.articles, site.get("groups"))
        site["lists"] = page_lists(site["insight"], self.settings)  # the strongest; the rest in CSV
        site["off_map"] = len(insights.off_map())  # posts' authors counted apart, whom the map leaves out
        return site

    # -- output -------------------------------------------------------------------
    def generate_output(self, writer) -> None:
        copy_assets(Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "vendor" / "vis-network")
        self.cache.save("article")  # every post page is written (Pelican's article stage runs first)
        groups = self.write_site(writer)
        self.write_questions(writer)
        self.write_people(writer, groups)
        self.context["kept_pages"].save()
        self.cache.save()

    def _write(self, writer, save_as: str, template: str, **values) -> None:
        """One page of this stage: ``template`` (also its ``page_name``) with ``values``."""
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False), page_name=template, **values)

    def write_site(self, writer) -> dict:
        """``conversations/``, its CSV files and the exports; returns the people's groups, which the
        person pages colour their maps by (the rest of the site data is let go of)."""
        out = self.settings["CONVERSATION_MAP_OUTPUT"].strip("/")
        site = self.site_data()
        # The exports first: the conversations page links them with their sizes.
        parts = ExportParts(self.settings)
        exports = write_exports(self.graph, Path(self.output_path) / out, site.get("scores"),
                                compress=self.settings["CONVERSATION_MAP_EXPORT_GZIP"], parts=parts,
                                graph_key=self.graph_key)
        parts.save()
        self._write(writer, f"{out}/index.html", "conversations", site_map=site, exports=exports, url=f"{out}/")
        for name, (header, table) in csv_tables(site["insight"]).items():
            write_csv(Path(self.output_path) / out / name, header, table)
        return site["groups"]

    def write_questions(self, writer) -> None:
        """The open questions, in pages: page 1 holds both lists, each later page one of them."""
        questions = self.insights.questions_page()
        first = f"{self.settings['CONVERSATION_MAP_OUTPUT'].strip('/')}/questions/"
        pages = [({"readers": questions["readers"][0], "authors": questions["authors"][0]}, first)]
        pages += [({series: page}, page["url"]) for series in ("readers", "authors") for page in questions[series][1:]]
        for shown, url in pages:
            self._write(writer, f"{url}index.html", "open_questions", questions=shown, url=url)

    def write_people(self, writer, groups: dict) -> None:
        """One page per person (and the later pages of their long lists), one person at a time: a
        page's data is made, written and let go of."""
        people_path = self.settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
        everyone = people_index(self.graph, self.index, self.people, self.insights.off_map())
        self._write(writer, f"{people_path}/index.html", "people", **everyone, unlisted=self.unlisted,
                    url=f"{people_path}/")
        kept = self.context["kept_pages"]
        for node in sorted(self.people):
            if node not in self.graph:
                continue
            person = self.people[node]
            save_as = f"{people_path}/{person.slug}/index.html"
            key = kept.person_key(self.context, node, groups) if kept.enabled else ""
            if kept.fresh(writer, save_as, key, self.context):  # nothing it shows changed (kept_pages.py)
                continue
            with kept.making(writer, save_as, key) as made:
                page = person_page(self.graph, self.people_graph, self.index, person, self.settings, self.cache,
                                   groups)
                page["insight"] = self.insights.person(node)
                self._write(writer, save_as, "person", person=page, url=page["url"])
                for kind, series in {**page["pages"], **page["insight"]["pages"]}.items():  # long lists, page 2 on
                    for later in series[1:]:
                        self._write(writer, later["save_as"], "person_list", person=page, kind=kind, pager=later,
                                    url=later["url"])
                        made.more.append(later["save_as"])
            self.insights.forget()  # what two people's pages share is worked out again: memory stays flat
