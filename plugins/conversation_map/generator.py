"""The conversation-map stage of the build: graph → analysis → page data → pages and exports.

Runs after the replies generator (it reads ``context['reply_threads']``). In
``generate_context`` it builds the site's graph once, analyses it and attaches a map to
every article with replies (so the article pages written by Pelican can show it); in
``generate_output`` it writes ``conversations/``, ``people/<slug>/``, the exports and the
vis-network asset.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import networkx as nx
import pyvis
from pelican.generators import Generator

from . import analysis, maps
from .graph import build_graph, builds_on, title_text
from .people import People
from .render import describe_counts
from .settings import ConfigError

logger = logging.getLogger(__name__)


def vis_network_assets() -> Path:
    """The folder of vis-network files that the installed pyvis ships (newest version)."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    versions = sorted((d for d in lib.glob("vis-*") if (d / "vis-network.min.js").is_file()),
                      key=lambda d: tuple(int(x) for x in d.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise ConfigError(f"pyvis at {lib.parent.parent} ships no vis-network files")
    return versions[-1]


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _excerpt(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class ConversationMapGenerator(Generator):
    """Pelican generator for the conversation network (from the ``get_generators`` signal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.graph: nx.MultiDiGraph | None = None
        self.people_graph: nx.DiGraph | None = None
        self.site: dict = {}
        self.people_pages: list[dict] = []
        self.groups: dict[str, int] = {}

    # -- context ------------------------------------------------------------------
    def generate_context(self) -> None:
        threads = self.context.get("reply_threads")
        if threads is None:
            raise ConfigError("the conversation_map plugin needs the replies plugin: list 'replies' "
                              "before 'conversation_map' in PLUGINS")
        articles = list(self.context.get("articles", []))
        people = People(self.settings["CONVERSATION_MAP_ALIASES"])
        G = build_graph(articles, threads, self.settings, people)
        P = builds_on(G)
        self.graph, self.people_graph = G, P
        self.people = {p.node: p for p in people}
        self.context["conversation_graph"] = G
        self.context["conversation_people_graph"] = P
        for article in articles:
            article.conversation_map = None
            thread = threads.get(article.slug)
            if thread is not None and thread.count >= self.settings["CONVERSATION_MAP_MIN_REPLIES"]:
                article.conversation_map = self._article_map(article, thread)
        self.site = self._site_page(articles)
        rows = self.site["table"]
        self.people_pages = [self._person_page(node, rows) for node in sorted(self.people) if node in G]
        logger.info("Conversation map: %d nodes, %d edges, %d people", G.number_of_nodes(),
                    G.number_of_edges(), len(self.people_pages))

    def _names(self, node: str) -> str:
        return str(self.graph.nodes[node].get("label", node)) if node in self.graph else node

    def _person_url(self, node: str) -> str:
        return str(self.graph.nodes[node].get("url", "")) if node in self.graph else ""

    def _table(self, P: nx.DiGraph) -> list[dict]:
        rows = []
        for u, v, data in sorted(P.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
            counts = {k: data[k] for k in ("reply", "quote", "mention", "link")}
            rows.append({"from_node": u, "to_node": v, "from": self._names(u), "from_url": self._person_url(u),
                         "to": self._names(v), "to_url": self._person_url(v),
                         "weight": data["weight"], "counts": counts, "described": describe_counts(counts)})
        return rows

    def _article_map(self, article, thread) -> dict:
        G = self.graph
        slug = article.slug
        post = f"post:{slug}"
        members = [n for n, d in G.nodes(data=True)
                   if d.get("conversation") == slug and d.get("kind") == "reply"]
        member_set = set(members) | {post}
        tree: dict[str, list[str]] = {post: []}
        for reply in thread.shown:
            node = f"reply:{reply.key}"
            parent = f"reply:{reply.parent.key}" if reply.parent is not None else post
            tree.setdefault(parent if parent in member_set else post, []).append(node)
        cmap = maps.article_map(G, post, tree, self.settings, save_as=article.save_as, page_url=article.url,
                                title=title_text(article), reply_count=thread.count)
        summary = analysis.conversation_summary(G, post)
        questions = []
        by_node = {f"reply:{r.key}": r for r in thread.shown}
        for node in analysis.open_questions(G, post):
            reply = by_node[node]
            questions.append({"url": reply.url, "anchor": reply.anchor, "author": reply.author,
                              "excerpt": _excerpt(G.nodes[node].get("question") or reply.body_text),
                              "date": reply.display_date})
        table = self._table(builds_on(G, conversation=slug))
        after = summary["first_reply_after"]
        return {
            **cmap,
            "people_count": len(summary["participants"]),
            "open_questions": questions,
            "table": table,
            "depth": summary["depth"],
            "reciprocity": summary["reciprocity"],
            "first_reply_after": _duration(after) if after is not None else None,
        }

    def _first_date(self, node: str, members: set[str]) -> str:
        dates = [self.graph.nodes[t].get("date", "") for _, t in self.graph.out_edges(node) if t in members]
        return min(dates) if dates else "~"

    def _site_page(self, articles) -> dict:
        G, P = self.graph, self.people_graph
        cache = Path(self.settings.get("CACHE_PATH", "cache")) / "conversation-map"
        seed = self.settings["CONVERSATION_MAP_SEED"]
        groups = analysis.communities(P, seed=seed)
        posts = {}
        for article in articles:
            posts[article.slug] = {"tags": sorted(str(t) for t in getattr(article, "tags", []) or []),
                                   "category": str(getattr(article, "category", "") or "")}
        out = self.settings["CONVERSATION_MAP_OUTPUT"].strip("/")
        pmap = maps.people_map(P, groups, self.settings, save_as=f"{out}/index.html", map_id="people-map",
                               cache_dir=cache, posts=posts, what="Who builds on whom across the site")
        top = self.settings["CONVERSATION_MAP_TOP_N"]
        by_group: dict[int, list[str]] = {}
        for node, group in groups.items():
            by_group.setdefault(group, []).append(node)
        self.groups = groups
        return {
            **pmap,
            "table": self._table(P),
            "top_people": [{"name": self._names(n), "url": self._person_url(n), "score": s}
                           for n, s in analysis.most_built_upon_people(P, top).items()],
            "top_posts": [{"title": G.nodes[n]["label"], "url": G.nodes[n]["url"], "score": s}
                          for n, s in analysis.most_built_upon_posts(G, top).items()],
            "brokers": [{"name": self._names(n), "url": self._person_url(n), "score": s}
                        for n, s in analysis.brokers(P, top, seed=seed).items()],
            "communities": [[{"name": self._names(n), "url": self._person_url(n)} for n in sorted(
                by_group[g], key=lambda n: self._names(n).casefold())] for g in sorted(by_group)],
            "tags": sorted({t for p in posts.values() for t in p["tags"]}, key=str.casefold),
            "categories": sorted({p["category"] for p in posts.values() if p["category"]}, key=str.casefold),
        }

    def _person_page(self, node: str, rows: list[dict]) -> dict:
        G, P = self.graph, self.people_graph
        person = self.people[node]
        contributions = []
        for _, target, kind in G.out_edges(node, keys=True):
            if kind != "authored":
                continue
            data = G.nodes[target]
            post = G.nodes.get(f"post:{data.get('conversation', '')}", {})
            contributions.append({"kind": data["kind"], "url": data["url"], "date": data.get("date", ""),
                                  "title": post.get("label", ""), "label": data["label"]})
        contributions.sort(key=lambda c: (c["date"], c["url"]))
        out_rows = [r for r in rows if r["from_node"] == node]
        in_rows = [r for r in rows if r["to_node"] == node]
        neighbours = {node, *P.predecessors(node), *P.successors(node)}
        ego = P.subgraph(sorted(neighbours)).copy()
        cache = Path(self.settings.get("CACHE_PATH", "cache")) / "conversation-map"
        people_path = self.settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
        pmap = maps.people_map(ego, {n: self.groups.get(n, -1) for n in ego}, self.settings,
                               save_as=f"{people_path}/{person.slug}/index.html", map_id="person-map",
                               cache_dir=cache, highlight=node,
                               what=f"{person.name} and the people they build on or who build on them")
        return {
            "node": node, "name": person.name, "slug": person.slug, "urls": person.urls,
            "url": self._person_url(node),
            "posts": [c for c in contributions if c["kind"] == "post"],
            "replies": [c for c in contributions if c["kind"] == "reply"],
            "builds_on": out_rows, "built_upon_by": in_rows,
            "map": pmap,
        }

    # -- output -------------------------------------------------------------------
    def generate_output(self, writer) -> None:
        out = self.settings["CONVERSATION_MAP_OUTPUT"].strip("/")
        people_path = self.settings["CONVERSATION_MAP_PEOPLE_PATH"].strip("/")
        relative = self.settings.get("RELATIVE_URLS", False)
        self.copy_assets()
        writer.write_file(f"{out}/index.html", self.get_template("conversations"), self.context,
                          relative_urls=relative, page_name="conversations", site_map=self.site,
                          url=f"{out}/")
        for page in self.people_pages:
            writer.write_file(f"{people_path}/{page['slug']}/index.html", self.get_template("person"),
                              self.context, relative_urls=relative, page_name="person", person=page,
                              url=page["url"])
        self.write_exports(Path(self.output_path) / out)

    def copy_assets(self) -> None:
        """Copy the vis-network files that pyvis ships into the theme's static output, once."""
        source = vis_network_assets()
        target = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "vendor" / "vis-network"
        target.mkdir(parents=True, exist_ok=True)
        for name in ("vis-network.min.js",):
            src, dst = source / name, target / name
            if not dst.is_file() or dst.read_bytes() != src.read_bytes():
                shutil.copyfile(src, dst)
        _atomic_write(target / "SOURCE.txt",
                      f"vis-network {source.name[4:]}, copied from the pyvis package "
                      f"(pyvis/templates/lib/{source.name}). vis-network is dual licensed "
                      "under Apache-2.0 and MIT.\n")

    def write_exports(self, folder: Path) -> None:
        """``graph.json`` (node-link data) and ``graph.graphml`` of the whole network."""
        G = self.graph
        export = nx.MultiDiGraph()
        for node in sorted(G.nodes):
            export.add_node(node, **{k: v for k, v in sorted(G.nodes[node].items()) if v is not None})
        for u, v, key in sorted(G.edges(keys=True)):
            export.add_edge(u, v, key=key, **G.edges[u, v, key])
        data = nx.node_link_data(export, edges="links")
        _atomic_write(folder / "graph.json", json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
        lines = "\n".join(nx.generate_graphml(export, prettyprint=True))
        _atomic_write(folder / "graph.graphml", lines + "\n")
        logger.info("Writing %s and %s", folder / "graph.json", folder / "graph.graphml")


def _duration(delta) -> str:
    """A time span in words: '2 hours', '3 days'."""
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "under a minute"
