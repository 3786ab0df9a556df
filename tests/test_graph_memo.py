"""The graph's costly passes kept between builds (``conversation_map/graph_memo.py``): after an edit, a build
with the caches warm finds quotes, mentions and answers again only where the edit reaches, and its graph is
the one a build from nothing makes, node for node and line for line, in the same order."""

from __future__ import annotations

import shutil
import sys

import pytest
from sitebuild import REPO, build_site

sys.path.insert(0, str(REPO / "benchmarks"))

from sitegen import generate

CACHED = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "ARTICLE_PATHS": ["posts"]}


def _snapshot(G) -> tuple:
    """Everything the graph holds, in the order it holds it (nodes, each node's lines out and in)."""
    lines = [[(u, [(v, [(k, dict(d)) for k, d in keys.items()]) for v, keys in G._succ[u].items()],
               [(v, list(keys)) for v, keys in G._pred[u].items()]) for u in G]]
    return list(G.nodes(data=True)), lines, {k: v for k, v in G.graph.items()}


@pytest.fixture
def graphs(monkeypatch):
    """Each build's graph as build_graph gave it (a snapshot), and how many contributions its mention pass
    read."""
    import conversation_map.generator as generator
    import conversation_map.graph as graph

    made, looked = [], []
    build, of = generator.build_graph, graph._Mentions.of

    def recorded(*args, **kwargs):
        looked.append(0)
        G = build(*args, **kwargs)
        made.append((_snapshot(G), looked[-1]))
        return G

    def counted(self, c):
        looked[-1] += 1
        return of(self, c)

    monkeypatch.setattr(generator, "build_graph", recorded)
    monkeypatch.setattr(graph._Mentions, "of", counted)
    return made


@pytest.fixture
def archive(tmp_path):
    generate(tmp_path / "content", posts=12, replies=6, people=10)
    return tmp_path / "content" / "ours"


def _warm_and_fresh(content, tmp_path, graphs) -> int:
    """A build with the caches warm and one from nothing give the same graph; how many contributions the
    warm build's mention pass read."""
    build_site(content, tmp_path / "out", **CACHED)
    warm, looked = graphs[-1]
    shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
    build_site(content, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"])
    fresh, everyone = graphs[-1]
    assert warm[0] == fresh[0]  # the nodes and their data, in order
    assert warm[1] == fresh[1]  # every node's lines, in order
    assert warm[2] == fresh[2]
    assert looked <= everyone
    return looked


def _body(path) -> str:
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _edges(graphs, kind: str) -> list[tuple[str, str]]:
    lines = graphs[-1][0][1]
    return [(u, v) for u, out, _ in lines[0] for v, keys in out for k, _ in keys if k == kind]


def _path(archive, node: str):
    post, reply = node.removeprefix("reply:").split("/")
    return archive / "replies" / post / f"{reply}.md"


def test_an_edited_text_gives_the_graph_a_build_from_nothing_gives(archive, tmp_path, graphs):
    build_site(archive, tmp_path / "out", **CACHED)
    everyone = graphs[-1][1]
    assert _warm_and_fresh(archive, tmp_path, graphs) == 0  # nothing changed: no text read again

    # A question and a mention added at a reply's end: only its conversation's mentions are looked for again
    someone = next(n for n, d in graphs[-1][0][0] if d.get("kind") == "person").removeprefix("person:")
    reply = archive / "replies" / "post-0003" / "r1.md"
    reply.write_text(reply.read_text(encoding="utf-8") + f"\nWhat would @{someone} say?\n", encoding="utf-8")
    looked = _warm_and_fresh(archive, tmp_path, graphs)
    assert 0 < looked < everyone / 4

    # A quoted reply says something else: who quotes it now quotes nothing, or an earlier text of the same words
    quoter, quoted = next((u, v) for u, v in _edges(graphs, "quote") if v.startswith("reply:"))
    _path(archive, quoted).write_text(_path(archive, quoted).read_text(encoding="utf-8").split("\n\n")[0]
                                      + "\n\nNothing left of what was said here.\n", encoding="utf-8")
    assert 0 < _warm_and_fresh(archive, tmp_path, graphs) < everyone / 4
    assert (quoter, quoted) not in _edges(graphs, "quote")

    # ... and an earlier reply comes to say what a later one is quoted for: the earlier is the source now
    quoter, quoted = next((u, v) for u, v in _edges(graphs, "quote") if v.startswith("reply:"))
    nodes = dict(graphs[-1][0][0])
    earlier = next(n for n, d in nodes.items() if d.get("kind") == "reply" and d["date"] < nodes[quoted]["date"]
                   and n != quoter and n.split("/")[0] != quoted.split("/")[0])
    _path(archive, earlier).write_text(_path(archive, earlier).read_text(encoding="utf-8") + "\n"
                                       + _body(_path(archive, quoted)), encoding="utf-8")
    _warm_and_fresh(archive, tmp_path, graphs)
    assert (quoter, earlier) in _edges(graphs, "quote") and (quoter, quoted) not in _edges(graphs, "quote")

    # A reply that opens by naming whom it answers, and one that quotes a passage no one quoted before
    writer = nodes[next(n for n in nodes if n.startswith("reply:post-0005/"))]["author"]
    name = nodes[writer]["label"]
    answer = archive / "replies" / "post-0005" / "r4.md"
    answer.write_text(answer.read_text(encoding="utf-8").replace("\n\n", f"\n\n{name}: I doubt that. ", 1),
                      encoding="utf-8")
    words = " ".join(_body(archive / "replies" / "post-0001" / "r0.md").split()[:9])
    answer.write_text(answer.read_text(encoding="utf-8") + f"\n> {words}\n\nThat, again.\n", encoding="utf-8")
    _warm_and_fresh(archive, tmp_path, graphs)

    # A new reply and a deleted one: what the site is made of changed, every pass is made again
    (archive / "replies" / "post-0007" / "r9.md").write_text(
        "Author: Someone New\nDate: 2026-03-01 10:00\nReply-To: r0\n\nA late answer.\n", encoding="utf-8")
    (archive / "replies" / "post-0002" / "r2.md").unlink()
    assert _warm_and_fresh(archive, tmp_path, graphs) == graphs[-1][1]


def test_the_site_wide_insight_is_kept_while_the_graph_but_its_words_is(archive, tmp_path, monkeypatch):
    """Who built on whom, the exchanges, trails and open questions read the graph but no reply's words: a
    line added at a reply's end leaves them as they were (not worked out again), a new reply does not; each
    rebuild's pages are a build from nothing's."""
    from ab import digests
    from conversation_map.generator import Insights

    worked, site_wide = [], Insights._site_wide
    monkeypatch.setattr(Insights, "_site_wide", lambda self, threads: worked.append(1) or site_wide(self, threads))
    shaped, shape = [], Insights._shape  # the posts whose shape line is worked out (else: cached)
    monkeypatch.setattr(Insights, "_shape", lambda self, article: shaped.append(article.slug) or shape(self, article))

    def rebuilt() -> int:
        before = len(worked)
        shaped.clear()
        warm = digests(build_site(archive, tmp_path / "out", **CACHED))
        shaped.append("(from nothing)")
        shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
        fresh = digests(build_site(archive, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
        assert [name for name in fresh if warm.get(name) != fresh[name]] == []
        return len(worked) - before - 1  # (the build from nothing works them out)

    build_site(archive, tmp_path / "out", **CACHED)
    reply = archive / "replies" / "post-0004" / "r2.md"
    reply.write_text(reply.read_text(encoding="utf-8") + "\nOne more line, at the end.\n", encoding="utf-8")
    assert rebuilt() == 0
    # ... and of the shape lines only its post's is worked out again (its words may push back now)
    assert shaped[:shaped.index("(from nothing)")] == ["post-0004"]
    reply.write_text(reply.read_text(encoding="utf-8") + "\nAnd one more question?\n", encoding="utf-8")
    assert rebuilt() == 1  # a question asked: the open questions change
    (archive / "replies" / "post-0004" / "r9.md").write_text(
        "Author: Someone New\nDate: 2026-03-01 10:00\nReply-To: r2\n\nThat one I can answer.\n", encoding="utf-8")
    assert rebuilt() == 1


def test_a_person_page_made_again_works_out_only_the_quote_pairs_an_edit_reaches(archive, tmp_path, monkeypatch,
                                                                                 graphs):
    """Whose words were taken up, and by whom, is cached by what it reads: a line added to a reply that neither
    quotes nor is quoted makes its writer's page again without working their quote pairs out again; a quoted
    reply's new words do, for its writer; each rebuild's pages are a build from nothing's."""
    from ab import digests
    from conversation_map import insight

    worked, pairs = [], insight.quote_pairs
    monkeypatch.setattr(insight, "quote_pairs", lambda G, node, *a: worked.append(node) or pairs(G, node, *a))

    def rebuilt() -> list[str]:
        worked.clear()
        warm = digests(build_site(archive, tmp_path / "out", **CACHED))
        made = list(worked)
        shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
        fresh = digests(build_site(archive, tmp_path / "fresh", LOAD_CONTENT_CACHE=False, ARTICLE_PATHS=["posts"]))
        assert [name for name in fresh if warm.get(name) != fresh[name]] == []
        return made

    build_site(archive, tmp_path / "out", **CACHED)
    nodes = dict(graphs[-1][0][0])
    quoting = {n for edge in _edges(graphs, "quote") for n in edge}
    plain = next(n for n, d in nodes.items() if d.get("kind") == "reply" and n not in quoting and d.get("author"))
    _path(archive, plain).write_text(_path(archive, plain).read_text(encoding="utf-8") + "\nA line at the end.\n",
                                     encoding="utf-8")
    assert rebuilt() == []  # its writer's page is made again (its words), their quote pairs are not
    quoted = next(v for _, v in _edges(graphs, "quote") if v.startswith("reply:"))
    _path(archive, quoted).write_text(_path(archive, quoted).read_text(encoding="utf-8").split("\n\n")[0]
                                      + "\n\nNothing left of what was said here.\n", encoding="utf-8")
    assert nodes[quoted]["author"] in rebuilt()


def test_a_quote_index_kept_by_one_process_is_read_right_by_another(tmp_path):
    """The kept index holds each run's texts by the run's place: a process whose sets iterate otherwise (another
    hash seed) must find the runs in the same places (they came in a set's order once: quotes went to the wrong
    texts on the next build)."""
    import json
    import subprocess

    from conversation_map.textmatch import QuoteIndex

    words = "describe what you see before you say what you think of it every single time and again".split()
    passages = [" ".join(words[i:i + 9]) for i in range(0, 8)]
    texts = {f"reply:p/{i}": " ".join(words[i:] + words[:i]) for i in range(12)}
    script = f"""
import json, sys
sys.path.insert(0, {str(REPO / 'plugins')!r})
from conversation_map.textmatch import QuoteIndex
index = QuoteIndex(8)
for p in {passages!r}: index.want(p)
for i, (n, t) in enumerate({texts!r}.items()): index.add(n, i, t)
print(json.dumps(index.state()))
"""
    states = {json.dumps(json.loads(subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                                                    text=True, env={"PYTHONHASHSEED": seed}).stdout))
              for seed in ("1", "2", "3")}
    assert len(states) == 1  # the same state, whatever the process
    kept = QuoteIndex.restore(8, tuple(json.loads(states.pop())), {n: i for i, n in enumerate(texts)})
    fresh = QuoteIndex(8)
    for p in passages:
        fresh.want(p)
    for i, (n, t) in enumerate(texts.items()):
        fresh.add(n, i, t)
    assert [kept.sources(p, before=20) for p in passages] == [fresh.sources(p, before=20) for p in passages]
