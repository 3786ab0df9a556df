"""What a reader learns from the network: pure functions ``f(G, ...) -> dict``.

Where :mod:`.analysis` measures the network, this module turns it into statements a
reader can use: who built on another reader (and not just on the post), which pairs went
back and forth, which questions are still open, where an idea travelled from one post to
another, what shape each conversation has, and who connects which groups.

Every function reads the graph from :func:`conversation_map.graph.build_graph` (node
attributes ``kind``, ``author``, ``conversation``, ``date``, ``label``; edge key = kind)
and never changes it. Functions that need the words of a post or reply take ``texts``:
node -> :class:`~conversation_map.textmatch.TextParts`. None of them loops over the whole
graph once per post or per person: site-wide results come from one pass over the edges,
per-post results from that post's own nodes.

The rules, in plain words (also in README):

- *Answering the post* is any reply, quote, mention or link from a reader to a post's author
  (its host) or from the host to a reader, in that post's conversation. Everything else
  between two different people is *building on another reader*, including readers answering
  each other across posts.
- An *exchange* is a pair of people who answered each other (a reply to the other's reply,
  anywhere on the site) at least ``min_answers`` times in total and at least once each way.
- A conversation's *shape*: see :func:`conversation_shape`.
"""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx
from replies.model import count_line

from .graph import (
    BUILDING_EDGES,
    COUNTED_AS,
    count_building,
    finish_building,
    put_to,
    spoken_to,
)
from .render import join_words  # noqa: F401  (insight.join_words: the pages' words use it too)
from .textmatch import TextParts, shingles, words  # noqa: F401  (TextParts: used by the doctests)

BUILDING_KINDS = BUILDING_EDGES
#: The edges by which one reply answers another: its place in the thread (``reply``) or an ``answer``
#: (by name, or beside its writer's own reply; :func:`conversation_map.graph.answered_by_name`).
ANSWER_KINDS = ("reply", "answer")
#: The edges by which a reply responds to what it answers or quotes (for pushback and answered questions).
RESPONSE_KINDS = (*ANSWER_KINDS, "quote")


def answers_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    """What a reply answers, as its thread's "In reply to" says: what it answers by name or beside its
    writer's own reply (``answer`` edges) when there is such, else its place in the thread (``reply``).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("r2", "post:p", key="reply", kind="reply")
    >>> _ = G.add_edge("r3", "post:p", key="reply", kind="reply")
    >>> _ = G.add_edge("r3", "r1", key="answer", kind="answer")  # "@Sia: ..." under the post
    >>> sorted(answers_of(G, "r2")), sorted(answers_of(G, "r3"))
    (['post:p'], ['r1'])
    """
    edges = G.out_edges(node, keys=True)
    return {v for _, v, k in edges if k == "answer"} or {v for _, v, k in edges if k == "reply"}

# Words that open a reply which pushes back on what it answers, in lower case: a text is lower-cased and
# searched (4 times quicker than re.IGNORECASE over every reply's text).
_PUSHBACK_RE = re.compile(
    r"\b(?:i disagree|disagree with|i(?:'m| am) not (?:sure|convinced)|not convinced|i doubt|"
    r"i don['’]t (?:think|buy|agree)|i['’]d push (?:back|on)|push back|that['’]s not (?:quite|how|what)|"
    r"on the contrary|i['’]m sceptical|i['’]m skeptical|isn['’]t there|i['’]m not so sure|"
    r"i['’]d argue|i would argue|objection)\b")


def pushes_back(text: str) -> bool:
    """True when ``text`` pushes back on what it answers (disagreement in the writer's own words).

    Examples
    --------
    >>> pushes_back("I'm not sure how you'd know."), pushes_back("I agree, and thanks."), pushes_back("ON THE CONTRARY")
    (True, False, True)
    """
    return bool(_PUSHBACK_RE.search((text or "").lower()))


def _person(G, node: str) -> str | None:
    data = G._node[node]  # the node's data dict itself (G.nodes[node] makes a view on each read)
    return node if data.get("kind") == "person" else data.get("author")


def _host(G, conversation: str | None) -> str | None:
    if not conversation:
        return None
    data = G._node.get(f"post:{conversation}")
    return data.get("author") if data is not None else None


def is_host_edge(G, u: str, v: str) -> bool:
    """True when the edge ``u -> v`` is someone answering a post's author (or the author answering them).

    The author of a post is the host of its conversation. An edge is a host edge when one of
    its two people is the host of the conversation where it starts or where it ends (a person
    named counts as being where the naming is). So a reader answering the post, quoting it or
    naming its author, and the author answering readers, are host edges, even across two posts
    by the same author; readers building on each other, anywhere, are not.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", conversation="p", author="person:m")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", author="person:s")
    >>> G.add_node("reply:p/2", kind="reply", conversation="p", author="person:h")
    >>> G.add_node("person:m", kind="person")
    >>> is_host_edge(G, "reply:p/1", "post:p"), is_host_edge(G, "reply:p/2", "reply:p/1")
    (True, False)
    >>> is_host_edge(G, "reply:p/2", "person:m")
    True
    """
    a, b = _person(G, u), _person(G, v)
    for conversation in {G._node[u].get("conversation"), G._node[v].get("conversation")} - {None}:
        host = _host(G, conversation)
        if host is not None and host in (a, b):
            return True
    return False


def count_host(counts: dict[str, int], counted: set, u: str, kind: str, writer: str, host: str | None) -> None:
    """Count one host edge ``u -> ...`` of kind ``kind`` (written by ``writer``) into ``counts``.

    ``counts["answered"]``: others answering, quoting, naming or linking to ``host`` (each
    contribution once, however many of its edges reach them); ``counts["answers"]``: ``host``'s own
    replies to a reader (a quote, a name or a link is no answer; a reply answering two readers counts
    once). ``counted`` holds what was counted already, shared by the calls of one count. The site's
    counts (:func:`who_built_on_whom`) and a post page's (``Insights.article``) both use it.

    Examples
    --------
    >>> counts, counted = {"answered": 0, "answers": 0}, set()
    >>> for u, kind, writer in [("r1", "reply", "s"), ("r1", "mention", "s"), ("r2", "reply", "m"),
    ...                         ("r2", "answer", "m"), ("r3", "quote", "m")]:
    ...     count_host(counts, counted, u, kind, writer, "m")
    >>> counts
    {'answered': 1, 'answers': 1}
    """
    if writer != host and (u, host) not in counted:
        counts["answered"] += 1
        counted.add((u, host))
    elif writer == host and COUNTED_AS.get(kind, kind) == "reply" and (u, "answers") not in counted:
        counts["answers"] += 1
        counted.add((u, "answers"))


def who_built_on_whom(G, include_host: bool = False) -> dict:
    """Split "building on" into readers building on readers and readers answering the post.

    One pass over the edges. ``include_host=True`` (setting
    ``CONVERSATION_MAP_INCLUDE_HOST``) puts the answers to and from the post's author back into
    the people graph.

    Returns
    -------
    dict
        ``people``: a DiGraph A -> B (A built on B), edges with ``weight``, one count per kind and
        ``posts`` (post slug -> count), like :func:`conversation_map.graph.builds_on`;
        ``host``: person -> {``answered``: others answering, quoting, naming or linking to them
        under their posts, ``answers``: their own replies to a reader's reply under their posts
        (a quote, a name or a link is no answer; a reply to their own post or reply neither)}.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["person:m", "person:s", "person:h"], kind="person")
    >>> G.add_node("post:p", kind="post", conversation="p", author="person:m")
    >>> G.add_node("reply:p/1", kind="reply", conversation="p", author="person:s")
    >>> G.add_node("reply:p/2", kind="reply", conversation="p", author="person:h")
    >>> G.add_node("reply:p/3", kind="reply", conversation="p", author="person:m")
    >>> for u, v in [("reply:p/1", "post:p"), ("reply:p/2", "reply:p/1"), ("reply:p/3", "reply:p/2")]:
    ...     _ = G.add_edge(u, v, key="reply", kind="reply")
    >>> split = who_built_on_whom(G)
    >>> sorted(split["people"].edges), split["host"]
    ([('person:h', 'person:s')], {'person:m': {'answered': 1, 'answers': 1}})
    >>> sorted(who_built_on_whom(G, include_host=True)["people"].edges)
    [('person:h', 'person:s'), ('person:m', 'person:h'), ('person:s', 'person:m')]
    """
    people = nx.DiGraph()
    for node, data in G.nodes(data=True):
        if data.get("kind") == "person":
            people.add_node(node, label=data.get("label", node), url=data.get("url", ""))
    host: dict[str, dict[str, int]] = {}
    seen: dict = {}
    counted: set = set()  # (contribution, host): a reply that answers and names the host counts once
    for u, v, kind in sorted(G.edges(keys=True)):
        if kind not in BUILDING_KINDS:
            continue
        a, b = _person(G, u), _person(G, v)
        if a is None or b is None or a == b:
            continue
        if is_host_edge(G, u, v):
            conversation = G._node[u].get("conversation")
            owner = _host(G, conversation) if _host(G, conversation) in (a, b) else None
            owner = owner or _host(G, G._node[v].get("conversation"))
            count_host(host.setdefault(owner, {"answered": 0, "answers": 0}), counted, u, kind, a, owner)
            if not include_host:
                continue
        count_building(people, a, b, kind, G._node[u].get("conversation", ""), u, seen)
    return {"people": finish_building(people, seen), "host": dict(sorted(host.items()))}


def exchanges(G, min_answers: int = 2) -> dict:
    """Pairs of people who answered each other, anywhere on the site, and their chains of replies.

    An answer is a reply to the other person's reply, or an ``answer`` edge to one (the graph's answers
    by name, "@Jo: ...", and a writer's reply under their own going on with whom that one answered:
    :func:`.graph.answered_by_name`, :func:`.graph.answered_beside`; flat comment systems, and WordPress
    past its nesting limit, put such an answer under the post or an earlier reply). A pair counts when it holds at least
    ``min_answers`` answers in total and at least one each way. Its chains are the runs of
    replies linked by those answers (one per place they met), oldest first; a run in which
    only one of them answers (a single answer, say) is no back and forth and is left out, and
    so is a pair left with no chain.

    Returns
    -------
    dict
        ``"person:a|person:b"`` (sorted) -> ``{"people": [a, b], "answers": n,
        "chains": [{"conversation": slug, "replies": [nodes by date]}]}``, most answers first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, who, day in [("reply:p/1", "s", 1), ("reply:p/2", "m", 2), ("reply:p/3", "s", 3),
    ...                     ("reply:p/4", "h", 4)]:
    ...     G.add_node(n, kind="reply", conversation="p", author=f"person:{who}", date=f"2026-01-0{day}")
    >>> for u, v in [("reply:p/2", "reply:p/1"), ("reply:p/3", "reply:p/2"), ("reply:p/4", "reply:p/3")]:
    ...     _ = G.add_edge(u, v, key="reply", kind="reply")
    >>> found = exchanges(G)
    >>> list(found), found["person:m|person:s"]["answers"]
    (['person:m|person:s'], 2)
    >>> found["person:m|person:s"]["chains"]
    [{'conversation': 'p', 'replies': ['reply:p/1', 'reply:p/2', 'reply:p/3']}]
    >>> exchanges(G, min_answers=3)  # h answered s once and was never answered
    {}
    >>> G.add_node("reply:p/5", kind="reply", conversation="p", author="person:s", date="2026-01-05")
    >>> _ = G.add_edge("reply:p/5", "reply:p/4", key="answer", kind="answer")  # "@h: ...", by name
    >>> exchanges(G)["person:h|person:s"]["chains"]
    [{'conversation': 'p', 'replies': ['reply:p/3', 'reply:p/4', 'reply:p/5']}]
    """
    answers: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for u, v, kind in sorted(G.edges(keys=True)):
        if kind not in ANSWER_KINDS or G._node[u].get("kind") != "reply" or G._node[v].get("kind") != "reply":
            continue
        a, b = G._node[u].get("author"), G._node[v].get("author")
        if not a or not b or a == b:
            continue
        answers.setdefault((min(a, b), max(a, b)), []).append((u, v))
    found = {}
    for (a, b), pairs in answers.items():
        directions = {G._node[u]["author"] for u, _ in pairs}
        if len(pairs) < min_answers or len(directions) < 2:
            continue
        chains = nx.Graph()
        chains.add_edges_from(pairs)
        by_place: dict[str, set[str]] = {}  # two runs of the same pair under one post are one exchange
        for component in nx.connected_components(chains):
            if len(component) < 3 or len({G._node[u]["author"] for u, _ in pairs if u in component}) < 2:
                continue
            first = min(component, key=lambda n: (G._node[n].get("date", ""), n))
            by_place.setdefault(G._node[first].get("conversation", ""), set()).update(component)
        if not by_place:
            continue
        runs = [{"conversation": place, "replies": sorted(replies, key=lambda n: (G._node[n].get("date", ""), n))}
                for place, replies in by_place.items()]
        runs.sort(key=lambda r: (G._node[r["replies"][0]].get("date", ""), r["replies"][0]))
        found[f"{a}|{b}"] = {"people": [a, b], "answers": len(pairs), "chains": runs}
    return dict(sorted(found.items(), key=lambda item: (-item[1]["answers"], item[0])))


def exchanges_by_conversation(found: dict) -> dict:
    """Regroup :func:`exchanges` by post: slug -> list of ``{"people", "replies"}``, longest first.

    >>> exchanges_by_conversation({"a|b": {"people": ["a", "b"], "answers": 2,
    ...     "chains": [{"conversation": "p", "replies": ["r1", "r2", "r3"]}]}})
    {'p': [{'people': ['a', 'b'], 'replies': ['r1', 'r2', 'r3']}]}
    """
    out: dict[str, list[dict]] = {}
    for pair in found.values():
        for chain in pair["chains"]:
            out.setdefault(chain["conversation"], []).append({"people": pair["people"],
                                                               "replies": chain["replies"]})
    for chains in out.values():
        chains.sort(key=lambda c: (-len(c["replies"]), c["replies"][0]))
    return dict(sorted(out.items()))


def open_questions(G, nodes, threading_unknown: bool = False) -> list[str]:
    """Replies among ``nodes`` that ask a question nobody else has answered, newest first.

    A reply asks when the graph marks ``asks_question`` (a question in the writer's own words
    that the same reply does not answer: see :func:`conversation_map.textmatch.questions`). It
    is answered when anyone other than its writer replies to it (or answers it: an ``answer`` edge, as
    :func:`.graph.answered_question` gives a reply to the post that opens like its answer) or quotes it, under any post,
    or when a later reply among ``nodes`` by someone else opens by speaking to its writer ("@Jo:
    ...", a mention with ``opening``): flat comment systems thread an answer under the post or an
    earlier reply, and the name says whom it answers ("As Jo said, ..." answers no one). A question
    that itself speaks to someone ("@Jo: which list?", at its start or after a sentence's end:
    :func:`.graph.put_to`) is answered when that person writes a later reply among ``nodes``, wherever
    it is threaded: past WordPress's nesting limit, Jo's answer often starts a new reply to the post.
    With ``threading_unknown`` (every reply came from another site, linking only to the post:
    ``Thread.threading_unknown``), nothing says which reply answers which: any later reply by someone
    else may be the answer, and the question is not called open.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("reply:p/1", kind="reply", author="person:a", asks_question=True, date="2026-01-01")
    >>> G.add_node("reply:p/2", kind="reply", author="person:a", asks_question=True, date="2026-01-02")
    >>> G.add_node("reply:q/1", kind="reply", author="person:b", date="2026-01-03")
    >>> _ = G.add_edge("reply:q/1", "reply:p/1", key="reply", kind="reply")
    >>> open_questions(G, ["reply:p/1", "reply:p/2", "reply:q/1"])
    ['reply:p/2']
    >>> G.add_node("reply:p/3", kind="reply", author="person:c", date="2026-01-04")
    >>> _ = G.add_edge("reply:p/3", "person:a", key="mention", kind="mention")  # "As A said, ..."
    >>> open_questions(G, ["reply:p/1", "reply:p/2", "reply:p/3"])
    ['reply:p/2']
    >>> G.edges["reply:p/3", "person:a", "mention"]["opening"] = True  # "@A: because..."
    >>> open_questions(G, ["reply:p/1", "reply:p/2", "reply:p/3"])
    []

    A question put to someone by name stays open until they write again under the post:

    >>> G.add_node("reply:p/5", kind="reply", author="person:a", asks_question=True, date="2026-01-05")
    >>> _ = G.add_edge("reply:p/5", "person:c", key="mention", kind="mention", opening=True)  # "@C: which?"
    >>> G.add_node("reply:p/6", kind="reply", author="person:b", date="2026-01-06")
    >>> open_questions(G, ["reply:p/5", "reply:p/6"])
    ['reply:p/5']
    >>> G.add_node("reply:p/7", kind="reply", author="person:c", date="2026-01-07")  # C answers the post
    >>> open_questions(G, ["reply:p/5", "reply:p/6", "reply:p/7"])
    []
    >>> open_questions(G, ["reply:p/5", "reply:p/6"], threading_unknown=True)  # B wrote after: maybe the answer
    []
    """
    named: dict[str, list[tuple[str, str | None]]] = {}  # person -> (date, writer) of replies here speaking to them
    latest: dict[str, str] = {}  # person -> the date of their latest reply here
    for u in nodes:
        if G._node[u].get("kind") == "reply":
            date, writer = str(G._node[u].get("date", "")), G._node[u].get("author")
            for person in spoken_to(G, u):
                named.setdefault(person, []).append((date, writer))
            if writer is not None and date > latest.get(writer, ""):
                latest[writer] = date
    found = []
    for n in nodes:
        data = G._node[n]
        if data.get("kind") != "reply" or not data.get("asks_question"):
            continue
        asker, asked = data.get("author"), str(data.get("date", ""))
        if any(k in RESPONSE_KINDS and G._node[u].get("author") not in (None, asker)
               for u, _, k in G.in_edges(n, keys=True)):
            continue
        if any(date > asked and writer not in (None, asker) for date, writer in named.get(asker, ())):
            continue
        if any(person != asker and latest.get(person, "") > asked for person in put_to(G, n)):
            continue
        if threading_unknown and any(person != asker and date > asked for person, date in latest.items()):
            continue
        found.append(n)
    return sorted(found, key=lambda n: (G._node[n].get("date", ""), n), reverse=True)


def trails(G) -> list[dict]:
    """Ideas that travelled: "raised in post A, taken up in post B", from one pass over the edges.

    A trail is a reply, quote or link from a post or reply in B's conversation to a post or
    reply in A's conversation (A is not B), or post B building on post A (``cites``, its
    ``builds-on``): every tie between two posts' conversations that an article map draws or lists
    (:func:`.drawing.fold_elsewhere`), so that a post's page names the same other posts in both. Links
    from outside sites are not trails.

    Returns
    -------
    list of dict
        ``{"raised_in": A, "taken_up_in": B, "via": [source nodes by date], "kinds": [...],
        "kinds_of": {source node: [its kinds]}}``, ordered by the date of the first one.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:a", kind="post", conversation="a", date="2026-01-01")
    >>> G.add_node("post:b", kind="post", conversation="b", date="2026-02-01")
    >>> G.add_node("reply:b/1", kind="reply", conversation="b", date="2026-02-02")
    >>> _ = G.add_edge("post:b", "post:a", key="link", kind="link")
    >>> _ = G.add_edge("reply:b/1", "post:a", key="quote", kind="quote")
    >>> trails(G)
    [{'raised_in': 'a', 'taken_up_in': 'b', 'via': ['post:b', 'reply:b/1'], 'kinds': ['link', 'quote'], \
'kinds_of': {'post:b': ['link'], 'reply:b/1': ['quote']}}]
    """
    found: dict[tuple[str, str], dict] = {}
    for u, v, kind in sorted(G.edges(keys=True)):
        if kind not in ("reply", "quote", "link", "cites"):
            continue
        a, b = G._node[v].get("conversation"), G._node[u].get("conversation")
        if not a or not b or a == b or G._node[u].get("kind") not in ("post", "reply"):
            continue
        trail = found.setdefault((a, b), {"raised_in": a, "taken_up_in": b, "via": [], "kinds": [],
                                          "kinds_of": {}})
        if u not in trail["via"]:
            trail["via"].append(u)
        if kind not in trail["kinds"]:
            trail["kinds"].append(kind)
        if kind not in trail["kinds_of"].setdefault(u, []):
            trail["kinds_of"][u].append(kind)
    for trail in found.values():
        trail["via"].sort(key=lambda n: (G._node[n].get("date", ""), n))
        trail["kinds"].sort()
        trail["kinds_of"] = {n: sorted(trail["kinds_of"][n]) for n in trail["via"]}
    return sorted(found.values(), key=lambda t: (G._node[t["via"][0]].get("date", ""), t["raised_in"],
                                                 t["taken_up_in"]))


def longest_chain(G, nodes) -> list[str]:
    """The longest run of replies among ``nodes`` in which two people alternate, oldest first.

    A reply follows the reply it answers: by its place in the thread, or by an ``answer`` edge (as in
    :func:`exchanges`: by name, or beside its writer's own reply).

    Not ``Insights.longest_run`` (:mod:`.insight_pages`), which answers a narrower question: that one
    reads one exchange's replies as listed (by date) and cuts the run wherever a reply does not answer
    the writer of the reply listed just before it; this one follows the thread's branches among all of
    a post's replies, whatever was written between. So where B answers A's reply twice and A answers
    B's second answer, the thread holds a 3-reply chain and the exchange two 2-reply runs. A post page's shape
    takes the exchanges' runs when one has three turns (the line and the list then agree) and this
    chain otherwise.

    Examples
    --------
    >>> def thread(writers, answers):  # replies r1, r2, ... by these writers; (reply, the one it answers)
    ...     G = nx.MultiDiGraph()
    ...     for i, who in enumerate(writers, 1):
    ...         G.add_node(f"r{i}", kind="reply", author=who, date=f"r{i}")
    ...     for u, v in answers:
    ...         _ = G.add_edge(u, v, key="reply", kind="reply")
    ...     return G
    >>> longest_chain(thread("smss", [("r2", "r1"), ("r3", "r2"), ("r4", "r3")]), ["r1", "r2", "r3", "r4"])
    ['r1', 'r2', 'r3']

    Two answers by one writer to one reply, then an answer to the second (``longest_run``: two runs):

    >>> longest_chain(thread("abba", [("r2", "r1"), ("r3", "r1"), ("r4", "r3")]), ["r1", "r2", "r3", "r4"])
    ['r1', 'r3', 'r4']
    """
    members = set(nodes)
    best: list[str] = []
    run: dict[str, list[str]] = {}
    attrs, succ = G._node, G._succ
    for n in sorted(members, key=lambda n: (attrs[n].get("date", ""), n)):
        if attrs[n].get("kind") != "reply":
            continue
        chain = [n]
        parents = [parent for parent, keys in succ[n].items() for kind in keys
                   if kind in ANSWER_KINDS and parent in run and attrs[parent].get("kind") == "reply"]
        for parent in parents:
            before = run[parent]
            me, other = attrs[n].get("author"), attrs[parent].get("author")
            if not me or not other or me == other:
                continue
            if len(before) >= 2 and attrs[before[-2]].get("author") != me:
                before = before[-1:]
            chain = [*before, n]
        run[n] = chain
        if len(chain) > len(best):
            best = chain
    return best if len(best) >= 2 else []


SHAPES = {
    "debate": "Debate",
    "back-and-forth": "Back-and-forth",
    "question-and-answer": "Questions and answers",
    "short-exchanges": "Short exchanges",
    "broadcast": "Broadcast",
}
# What each shape means, in a reader's words (shown under the shape line on the post's page).
SHAPE_MEANINGS = {
    "debate": "readers pushed back on each other, not only on the post",
    "back-and-forth": "two people answered each other in turn, three replies or more",
    "question-and-answer": "someone asked a question and someone else answered it",
    "short-exchanges": "readers answered each other, a reply or two at a time, never three in turn",
    "broadcast": "people answered the post rather than each other",
}
# A broadcast where a few readers answer another reader all the same: said so, not "rather than each other";
# in counts, not "most answered the post" (a reply whose parent is not here answered neither).
BROADCAST_MOSTLY = "only {n} of {m} replies by readers answered another reader"
# Each shape in general, for the key under a list of posts (partials/article_list.html): the one word, one
# meaning, whichever post it was first said of.
SHAPE_KEY = {**SHAPE_MEANINGS, "broadcast": "people answered the post, hardly ever each other"}


def conversation_shape(G, post: str, nodes, texts: dict, open_count: int, names: dict,
                       counts: tuple[int, int], chain: list[str] | None = None,
                       threading_unknown: bool = False) -> dict:
    """The shape of one conversation, as a kind and one sentence.

    Rules, tried in this order (the first that holds wins):

    1. **debate**: at least two replies, by at least two different people, answer someone else
       and push back in their own words ("I'm not sure", "I'd push back", "I disagree"...).
    2. **back-and-forth**: two people alternate for at least three replies in a row.
    3. **question-and-answer**: at least one reply asks a question and someone else answers it.
    4. **short-exchanges**: none of these, but at least half the readers' replies answer another
       reader's reply (the post's author answering readers, or answered, is the post's own talk).
    5. **broadcast**: fewer do; readers answer the post rather than each other (the words count
       the replies that answer another reader all the same, when there are any).

    Parameters
    ----------
    G : MultiDiGraph
    post : str
        ``post:<slug>``.
    nodes : iterable of str
        That conversation's nodes (the post and its replies).
    texts : dict
        node -> TextParts, for the pushback rule.
    open_count : int
        Its open questions (from :func:`open_questions`).
    names : dict
        person node -> display name.
    counts : tuple of int
        (replies, people) from :func:`replies.model.count_replies`, the rule the thread's own
        count line uses, so the two never disagree (placeholders, pingbacks and the post's
        author as host are not counted).
    chain : list of str, optional
        The longest run of alternating replies, when the caller has it (the longest of the
        exchanges the page lists, so that the two say the same); else :func:`longest_chain`.
    threading_unknown : bool, optional
        Nothing says which reply answers which (``Thread.threading_unknown``: every reply a
        webmention, linking only to the post): a flat thread is then no sign of a broadcast, which
        goes unnamed (no ``label``, no ``meaning``; the sentence stays).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("post:p", kind="post", conversation="p", author="m")
    >>> for n, who in [("r1", "s"), ("r2", "m"), ("r3", "s"), ("r4", "h")]:
    ...     G.add_node(n, kind="reply", conversation="p", author=who, date=n)
    >>> for u, v in [("r1", "post:p"), ("r2", "r1"), ("r3", "r2"), ("r4", "post:p")]:
    ...     _ = G.add_edge(u, v, key="reply", kind="reply")
    >>> plain = TextParts("", "Thanks.", [], [])
    >>> shape = conversation_shape(G, "post:p", ["post:p", "r1", "r2", "r3", "r4"],
    ...                            dict.fromkeys(["r1", "r2", "r3", "r4"], plain), 1,
    ...                            {"s": "Sam", "m": "Mira", "h": "Helen"}, counts=(4, 3))
    >>> shape["kind"], shape["sentence"]
    ('back-and-forth', '4 replies from 3 people · 3 replies in turn between Sam and Mira · 1 open question')
    >>> G.remove_edge("r3", "r2")
    >>> conversation_shape(G, "post:p", ["post:p", "r1", "r2", "r3", "r4"],
    ...                    dict.fromkeys(["r1", "r2", "r3", "r4"], plain), 0, {}, counts=(4, 3))["label"]
    'Broadcast'
    >>> conversation_shape(G, "post:p", ["post:p", "r1", "r2", "r3", "r4"],
    ...                    dict.fromkeys(["r1", "r2", "r3", "r4"], plain), 0, {}, counts=(4, 3),
    ...                    threading_unknown=True)["label"]
    ''
    """
    attrs, succ = G._node, G._succ  # the graph's own dicts: a thousand posts' replies, read a few times each
    replies = [n for n in nodes if attrs[n].get("kind") == "reply"]
    chain = chain or longest_chain(G, replies)
    pushers = set()
    answered_question = False
    host = attrs[post].get("author") if post in G else None
    to_readers = readers_replies = 0  # readers' replies, and those that answer another reader's reply
    for n in replies:
        author = attrs[n].get("author")
        lines = [(v, k) for v, keys in succ[n].items() for k in keys]  # as G.out_edges(n, keys=True)
        answers = [v for v, k in lines if k in RESPONSE_KINDS and attrs[v].get("author") not in (None, author)]
        if author is not None and author != host:
            readers_replies += 1
            to_readers += any(attrs[v].get("kind") == "reply" and attrs[v].get("author") not in (None, author, host)
                              for v, k in lines if k in ANSWER_KINDS)
        parts = texts.get(n)
        if answers and parts is not None and pushes_back(parts.own_text):
            pushers.add((author, n))
        for v, k in lines:
            if k in ANSWER_KINDS and attrs[v].get("asks_question") and attrs[v].get("author") != author:
                answered_question = True
    if len(pushers) >= 2 and len({a for a, _ in pushers}) >= 2:
        kind = "debate"
    elif len(chain) >= 3:
        kind = "back-and-forth"
    elif answered_question:
        kind = "question-and-answer"
    elif to_readers and to_readers * 2 >= readers_replies:
        kind = "short-exchanges"
    else:
        kind = "broadcast"
    bits = [count_line(*counts)]
    if len(chain) >= 3:
        first, second = G._node[chain[0]].get("author"), G._node[chain[1]].get("author")
        one, other = names.get(first, first), names.get(second, second)
        if (" " in one) != (" " in other):  # one written in full (a first name others share): both are
            one, other = (str(G._node[p].get("label", n)) if p in G else n for p, n in ((first, one), (second, other)))
        bits.append(f"{len(chain)} replies in turn between {one} and {other}")  # as the exchanges' words
    if open_count:
        bits.append(f"{open_count} open question{'s' if open_count != 1 else ''}")
    # One or two replies to the post are no "broadcast" yet: nobody could have answered anyone else; nor
    # are replies whose sources do not say what they answer.
    named = counts[0] >= (3 if kind == "broadcast" else 1) and not (kind == "broadcast" and threading_unknown)
    meaning = (BROADCAST_MOSTLY.format(n=to_readers, m=readers_replies) if kind == "broadcast" and to_readers
               else SHAPE_MEANINGS[kind])
    return {"kind": kind, "label": SHAPES[kind] if named else "", "sentence": " · ".join(bits),
            "meaning": f"{SHAPES[kind]}: {meaning}." if named else "",
            "in_general": f"{SHAPES[kind]}: {SHAPE_KEY[kind]}." if named else "",
            "chain": chain, "replies": counts[0], "people": counts[1]}


def group_names(groups: dict, person_tags: dict, max_tags: int = 2) -> dict:
    """A name for each group of people from the tags they engage with most, distinctively.

    A tag names a group when the group talks about it more than the site as a whole does: its
    score is the group's count times how much more often (the share of the group's tags divided
    by the share of the site's, minus one). A tag that every group uses names none unless
    nothing else is left, and each tag names one group at most (the busiest group chooses first).

    Parameters
    ----------
    groups : dict
        person -> group number (from :func:`conversation_map.analysis.communities`).
    person_tags : dict
        person -> Counter of tags (of the posts whose conversations they took part in).

    Examples
    --------
    >>> groups = {"a": 0, "b": 0, "c": 1, "d": 1}
    >>> tags = {"a": Counter(reading=3, reflection=2), "b": Counter(reading=1, notes=1, reflection=1),
    ...         "c": Counter(feedback=2, reflection=1), "d": Counter(teaching=1, feedback=1)}
    >>> group_names(groups, tags)
    {0: 'reading and notes', 1: 'feedback and teaching'}
    >>> group_names({"a": 0, "b": 1}, {"a": Counter(x=2, y=1), "b": Counter(x=1, y=1, z=1)})
    {0: 'x', 1: 'z'}
    """
    totals: dict[int, Counter] = {}
    for person, group in groups.items():
        totals.setdefault(group, Counter()).update(person_tags.get(person, {}))
    site = Counter()
    for counter in totals.values():
        site.update(counter)
    spread = Counter(tag for counter in totals.values() for tag in counter)
    n_groups = len(totals)
    names: dict[int, str] = {}
    used: set[str] = set()
    site_total = sum(site.values()) or 1
    for group in sorted(totals, key=lambda g: (-sum(totals[g].values()), g)):
        total = sum(totals[group].values()) or 1
        lift = {tag: (count / total) / (site[tag] / site_total) for tag, count in totals[group].items()}
        above = {tag: count * (lift[tag] - 1) for tag, count in totals[group].items() if lift[tag] > 1}
        distinct = {tag: score for tag, score in above.items() if spread[tag] < n_groups}
        ranked = (distinct or above or dict(totals[group])) if n_groups > 1 else dict(totals[group])
        scored = [tag for tag, _ in sorted(ranked.items(), key=lambda item: (-item[1], item[0]))]
        chosen = [tag for tag in scored if tag not in used][:max_tags]
        used.update(chosen)
        names[group] = " and ".join(t.replace("-", " ") for t in chosen) or f"group {group + 1}"
    return dict(sorted(names.items()))


def connectors(P, groups: dict, names: dict, n: int = 5) -> list[dict]:
    """People who connect groups, in plain words: "Helen connects reading and notes and feedback".

    A person connects the groups of everyone they built on or who built on them, their own
    included, when that makes two groups or more. Most groups first, then most connections.

    Examples
    --------
    >>> P = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> connectors(P, {"a": 0, "b": 0, "c": 1, "d": 1}, {0: "reading", 1: "feedback"})
    [{'person': 'b', 'groups': ['reading', 'feedback']}, {'person': 'c', 'groups': ['feedback', 'reading']}]
    """
    found = []
    for person in sorted(P.nodes):
        if person not in groups:
            continue
        around = {groups[x] for x in (*P.predecessors(person), *P.successors(person)) if x in groups}
        around.discard(groups[person])
        if not around:
            continue
        ordered = [groups[person], *sorted(around)]
        found.append((len(ordered), P.degree(person), person, [names.get(g, str(g)) for g in ordered]))
    found.sort(key=lambda f: (-f[0], -f[1], f[2]))
    return [{"person": person, "groups": labels} for _, _, person, labels in found[:n]]


def quote_pairs(G, person: str, texts: dict, min_words: int = 8) -> list[dict]:
    """Who took up a person's words: each quote of their posts or replies, with both passages.

    Returns
    -------
    list of dict
        ``{"original": node, "quoted_by": node, "passages": every passage of the quoting reply that
        matches (``passage``: the first), "source": the person's own sentence(s) they match, "argues":
        whether the quoting reply pushes back (:func:`pushes_back`, the margin notes' "argued with")}``,
        one per quoting reply, by its date.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:m", kind="person")
    >>> G.add_node("post:p", kind="post", author="person:m", date="1")
    >>> G.add_node("reply:p/1", kind="reply", author="person:s", date="2")
    >>> _ = G.add_edge("person:m", "post:p", key="authored", kind="authored")
    >>> _ = G.add_edge("reply:p/1", "post:p", key="quote", kind="quote")
    >>> texts = {"post:p": TextParts("", "Short one. A book read slowly once goes further than a "
    ...                              "book skimmed. Ask one question in the margin of every page.", [], []),
    ...          "reply:p/1": TextParts("", "Hm.", ["a book read slowly once goes further than a book"], [])}
    >>> quote_pairs(G, "person:m", texts)[0]["source"]
    'A book read slowly once goes further than a book skimmed.'
    >>> texts["reply:p/1"] = TextParts("", "I'm not sure it does.", ["a book read slowly once goes further "
    ...                                "than a book", "one question in the margin of every page"], [])
    >>> [(len(p["passages"]), p["source"].split(". ")[-1], p["argues"]) for p in quote_pairs(G, "person:m", texts)]
    [(2, 'Ask one question in the margin of every page.', True)]
    """
    pairs = []
    for _, original, kind in G.out_edges(person, keys=True):
        if kind != "authored" or original not in texts:
            continue
        sentences = None  # (sentence, its words, their runs), split when first quoted
        for quoter, _, k in G.in_edges(original, keys=True):
            if k != "quote" or quoter not in texts or G._node[quoter].get("author") == person:
                continue  # quoting oneself takes up no one else's words
            if sentences is None:
                split = re.split(r"(?<=[.!?…])\s+", texts[original].own_text)
                sentences = [(s, w, shingles(w, min_words)) for s in split for w in [words(s)]]
            passages, sources = [], []
            for passage in texts[quoter].quotes:
                tokens = words(passage)
                runs = shingles(tokens, min_words)
                if not runs:
                    continue
                # A sentence of min_words or more shares a run with the passage or none at all;
                # a shorter one (four words at least) may be quoted whole (_overlaps).
                matched = [s for s, w, own in sentences
                           if runs & own or (len(w) < min_words and _overlaps(tokens, w, min_words))]
                if matched:
                    passages.append(passage)
                    sources += [s for s in matched if s not in sources]
            if passages:  # one pair per quoting reply, with every passage of it (the post's margin marks each)
                pairs.append({"original": original, "quoted_by": quoter, "passage": passages[0],
                              "passages": passages, "source": " ".join(sources),
                              "argues": pushes_back(texts[quoter].own_text)})  # as the margin says it
    return sorted(pairs, key=lambda p: (G._node[p["quoted_by"]].get("date", ""), p["quoted_by"]))


def _overlaps(a: list[str], b: list[str], size: int) -> bool:
    """True when ``a`` and ``b`` share a run of ``min(size, len(b))`` words (short sentences)."""
    n = min(size, len(b))
    return n >= 4 and bool(shingles(a, n) & shingles(b, n))
