"""The conversation-map stage of the build: graph → index → analysis → page data → pages and exports.

Runs after the replies generator (it reads ``context['reply_threads']``). In
``generate_context`` it builds the site's graph and its :class:`ConversationIndex` once,
then runs each stage from them: :mod:`.article_maps` attaches a map to every article with
replies (so the article pages written by Pelican can show it), :mod:`.site_page` makes the
site-wide people map, :mod:`.person_pages` one page per person. ``generate_output``
writes ``conversations/``, ``people/<slug>/``, the exports and the vis-network asset
(:mod:`.exports`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import networkx as nx
from pelican.generators import Generator
from replies.heap import long_lived

from .article_maps import article_map
from .cache import StageCache
from .exports import copy_assets, vis_network_assets, write_csv, write_exports
from .graph import build_graph
from .index import ConversationIndex
from .insight_pages import Insights
from .people import People
from .person_pages import person_pages
from .settings import ConfigError
from .site_page import csv_tables, page_lists, site_page
from .tables import builds_on_table

__all__ = ["ConversationMapGenerator", "vis_network_assets"]

logger = logging.getLogger(__name__)


class ConversationMapGenerator(Generator):
    """Pelican generator for the conversation network (from the ``get_generators`` signal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.graph: nx.MultiDiGraph | None = None
        self.people_graph: nx.DiGraph | None = None
        self.index: ConversationIndex | None = None
        self.insights: Insights | None = None
        self.site: dict = {}
        self.people_pages: list[dict] = []

    # -- context ------------------------------------------------------------------
    @long_lived()  # the graph, its index and the pages' data live until the pages are written
    def generate_context(self) -> None:
        threads = self.context.get("reply_threads")
        if threads is None:
            raise ConfigError("the conversation_map plugin needs the replies plugin: list 'replies' "
                              "before 'conversation_map' in PLUGINS")
        articles = list(self.context.get("articles", []))
        people = People(self.settings["CONVERSATION_MAP_ALIASES"])
        cache = StageCache(self.settings)
        texts: dict = {}
        G = build_graph(articles, threads, self.settings, people, cache=cache, texts=texts)
        cache.save("text")  # now, while the build holds least: pickling a cache costs memory too
        index = ConversationIndex(G)
        # The people graph shows readers building on readers (answers to a post's author are
        # counted apart, unless CONVERSATION_MAP_INCLUDE_HOST): see insight.who_built_on_whom.
        self.insights = Insights(G, index, texts, articles, threads, self.settings)
        self.insights.link_people(articles, people)
        P = self.insights.people_graph
        self.graph, self.people_graph, self.index = G, P, index
        self.people = {p.node: p for p in people}
        self.context["conversation_graph"] = G
        self.context["conversation_people_graph"] = P
        self.context["conversation_index"] = index
        minimum = self.settings["CONVERSATION_MAP_MIN_REPLIES"]
        for article in articles:
            article.conversation_map = None
            thread = threads.get(article.slug)
            article.conversation_insight = self.insights.article(article) if thread is not None else None
            if thread is not None and thread.count >= minimum:
                article.conversation_map = article_map(G, index, article, thread, self.settings, cache)
        cache.save("article")
        rows = builds_on_table(G, P)
        self.site = site_page(G, self.insights.site_people_graph(), articles, rows, self.settings, cache)
        self.people_pages = person_pages(G, P, index, self.people, rows, self.settings, cache,
                                         groups=self.site["groups"])
        cache.save()
        self.site["insight"] = self.insights.site(articles, self.site.get("groups"))
        self.site["lists"] = page_lists(self.site["insight"], self.settings)  # the strongest; the rest in CSV
        for page in self.people_pages:
            page["insight"] = self.insights.person(page["node"])
        logger.info("Conversation map: %d nodes, %d edges, %d people", G.number_of_nodes(),
                    G.number_of_edges(), len(self.people_pages))

    # -- output -------------------------------------------------------------------
    def generate_output(self, writer) -> None:
        out = self.settings["CONVERSATION_MAP_OUTPUT"].strip("/")
        people_path = self.settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
        relative = self.settings.get("RELATIVE_URLS", False)
        copy_assets(Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "vendor" / "vis-network")
        # The exports first: the conversations page links them with their sizes.
        exports = write_exports(self.graph, Path(self.output_path) / out, self.site.get("scores"),
                                compress=self.settings["CONVERSATION_MAP_EXPORT_GZIP"])
        writer.write_file(f"{out}/index.html", self.get_template("conversations"), self.context,
                          relative_urls=relative, page_name="conversations", site_map=self.site,
                          exports=exports, url=f"{out}/")
        questions = self.insights.questions_page()
        pages = [({"readers": questions["readers"][0], "authors": questions["authors"][0]}, f"{out}/questions/")]
        pages += [({series: page}, page["url"]) for series in ("readers", "authors") for page in questions[series][1:]]
        for shown, url in pages:  # page 1 holds both lists, each later page one of them
            writer.write_file(f"{url}index.html", self.get_template("open_questions"), self.context,
                              relative_urls=relative, page_name="open_questions", questions=shown, url=url)
        for page in self.people_pages:
            writer.write_file(f"{people_path}/{page['slug']}/index.html", self.get_template("person"),
                              self.context, relative_urls=relative, page_name="person", person=page,
                              url=page["url"])
            for kind, series in {**page["pages"], **page["insight"]["pages"]}.items():  # long lists, page 2 on
                for later in series[1:]:
                    writer.write_file(later["save_as"], self.get_template("person_list"), self.context,
                                      relative_urls=relative, page_name="person_list", person=page, kind=kind,
                                      pager=later, url=later["url"])
        for name, (header, rows) in csv_tables(self.site["insight"]).items():
            write_csv(Path(self.output_path) / out / name, header, rows)
