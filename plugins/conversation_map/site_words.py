"""What ``conversations/`` and its questions pages say in words: the groups and who connects them,
exchanges, trails, hosts, the table of who builds on whom, the open questions (issue 12).
:class:`SiteWords` is the site part of :class:`~conversation_map.insight_pages.Insights`, which holds
the graph, its index and the texts."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from . import analysis, insight
from .pagination import paginate
from .person_words import post_tags
from .tables import TieRows


def people_named(group_of: list[str]) -> str:
    """A group's name from its people, busiest first: all of them up to three, else the two
    busiest and how many others.

    >>> people_named(["Ada Park", "Ben Ode"]), people_named(["Ada Park", "Ben Ode", "Cy Lamb"])
    ('Ada Park and Ben Ode', 'Ada Park, Ben Ode and Cy Lamb')
    >>> people_named(["Ada Park", "Ben Ode", "Cy Lamb", "Dee Ray"])
    'Ada Park, Ben Ode and 2 others'
    """
    if len(group_of) <= 3:
        return insight.join_words(group_of)
    return f"{group_of[0]}, {group_of[1]} and {len(group_of) - 2} others"


class SiteWords:
    """The site page's words, for :class:`~conversation_map.insight_pages.Insights` (``self.G``,
    ``self.people_graph``, ``self.exchange``, ``self.trail`` and the rest are its own)."""

    # -- site -------------------------------------------------------------------------
    def _connectors(self, bridges: list[dict]) -> list[dict]:
        """Who connects which groups, one sentence per set of groups: "Helen, Jonas and Tomás connect the
        notes group and the feedback group", not three sentences alike (in the order of the first)."""
        together: dict[frozenset, dict] = {}
        for c in bridges:
            said = together.setdefault(frozenset(c["groups"]), {"people": [], "groups": c["groups"]})
            said["people"].append({"name": self.name(c["person"]), "url": self.url(c["person"])})
        out = []
        for said in together.values():
            groups = said["groups"]
            what = (insight.join_words(groups) if len(groups) <= 3
                    else f"{len(groups)} groups, among them {insight.join_words(groups[:3])}")
            out.append({"people": said["people"], "verb": "connects" if len(said["people"]) == 1 else "connect",
                        "what": what})
        return out

    def tie_tags(self, P: nx.DiGraph, groups: dict) -> dict:
        """person -> Counter of the tags of the posts under which they built on someone of their own group
        (each tie's ``posts``, counted as often as they did): what a group talks about together, for
        :func:`.insight.group_names`. The tags of every post its people took part in named a group after
        one member's own posts ("Tag2 and tag 1: Bob, User2", who talked only under a post without tags)."""
        tags_of = post_tags(self.articles)
        found: dict[str, Counter] = {}
        for u, v, posts in P.edges(data="posts"):
            if u not in groups or groups[u] != groups.get(v):
                continue
            counter = found.setdefault(u, Counter())
            for post, n in (posts or {}).items():
                for tag in tags_of.get(post, []):
                    counter[tag] += n
        return found

    def site(self, articles, groups: dict | None = None) -> dict:
        """What ``conversations/`` says: exchanges, trails, groups and who connects them, hosts, and
        the table of who builds on whom (:class:`.tables.TieRows`: a row made as it is read).

        ``groups`` (person -> group number) are the site map's, so the list matches its colours;
        worked out here (the same seeded way) when not given.
        """
        P = self.people_graph
        if groups is None:
            groups = analysis.communities(P, seed=self.settings["CONVERSATION_MAP_SEED"])
        names = insight.group_names(groups, self.tie_tags(P, groups))
        members: dict[int, list[str]] = {}
        for node, group in groups.items():
            members.setdefault(group, []).append(node)
        by_people: set[int] = set()
        for group, name in names.items():
            if name.startswith("group "):  # no tag of its own left: name it after its busiest people
                busiest = sorted(members[group], key=lambda n: (-P.degree(n, weight="weight"), n))
                names[group] = people_named(group_of=[self.name(n) for n in busiest])
                by_people.add(group)
        # In a sentence: "the reading and notes group", "the group of Bea Park, Quin Ode and 3 others".
        called = {g: f"the group of {n}" if g in by_people else f"the {n} group" for g, n in names.items()}
        bridges = insight.connectors(P, groups, called, n=self.settings["CONVERSATION_MAP_TOP_N"])
        top = self.settings["CONVERSATION_MAP_TOP_N"]
        readers = list(analysis.most_built_upon_people(P, len(P)).items())  # best first; the list shows `top`
        return {
            "groups": [{"name": names[g], "number": g, "by_people": g in by_people,
                        "people": [{"name": self.name(n), "url": self.url(n)}
                                   for n in sorted(members[g], key=lambda n: (self.name(n).casefold(), n))]}
                       for g in sorted(members)],
            "connectors": self._connectors(bridges),
            "exchanges": [self.exchange(e["people"], max(e["chains"], key=lambda c: len(c["replies"]))["replies"])
                          for e in self.exchanges.values()][:top],  # most answers first
            "exchanges_total": len(self.exchanges),
            "trails": [self.trail(t, t["taken_up_in"]) | {"from_title": self.title(t["raised_in"]),
                                                           "from_lang": self.lang(t["raised_in"]),
                                                           "from_url": self.url(f"post:{t['raised_in']}")}
                       for t in self.trails],
            "hosts": [{"name": self.name(h), "url": self.url(h), **c} for h, c in self.hosts.items()],
            "open_count": len(self.open_questions),
            "apart": [{"name": self.name(n), "url": self.url(n)}
                      for n in sorted((n for n in P if n not in groups and n not in self.hosts),
                                      key=lambda n: (self.name(n).casefold(), n))],
            "top_readers": [{"name": self.name(n), "url": self.url(n), "score": s} for n, s in readers[:top]],
            "top_readers_tied": [{"name": self.name(n), "url": self.url(n)}
                                 for n, _ in analysis.tied_beyond(readers, top, lambda item: item[1])],
            "table": TieRows(self.G, P),
        }

    def questions_page(self) -> dict:
        """The open questions in pages of ``CONVERSATION_MAP_QUESTIONS_PER_PAGE``, newest first: ``readers``
        (page 1 at ``<output>/questions/``, then ``questions/2/``...) and, apart, ``authors``: the questions
        a post's author asked under their own post (page 1 in a section of the same page, then
        ``questions/authors/2/``...)."""
        per_page = self.settings["CONVERSATION_MAP_QUESTIONS_PER_PAGE"]
        base = f"{self.settings['CONVERSATION_MAP_OUTPUT'].strip('/')}/questions/"
        every = [self.question(n) for n in self.open_questions]
        return {"readers": paginate([q for q in every if not q["by_host"]], per_page, base, base),
                "authors": paginate([q for q in every if q["by_host"]], per_page,
                                    f"{base}#authors-questions-title", f"{base}authors/")}
