"""Accuracy of the conversation network's edges on a hand-labelled evaluation set (issue 12, point 8).

``tests/fixtures/edges/content`` is a small site written for this test (four posts, 25 replies in
many styles); ``tests/fixtures/edges/labels.txt`` lists every edge a careful reader would draw and,
marked with ``!``, edges a naive matcher draws but a reader would not. The site is built for real
(Pelican, both plugins, the site under a sub-path), the exported graph is read back, and precision
and recall are measured per edge kind. The table is printed; any kind below 0.95 fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import build_site, read_graph_json

HERE = Path(__file__).parent / "fixtures" / "edges"
KINDS = ("reply", "quote", "mention", "link", "cites")
TARGET = 0.95


def read_labels(path: Path) -> tuple[set, set]:
    """(edges a reader draws, edges a reader would not draw) from the labels file."""
    positive, negative = set(), set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        bucket = negative if line.startswith("!") else positive
        source, kind, target = line.lstrip("! ").split(" ", 2)
        assert kind in KINDS, f"{path}:{number}: unknown edge kind {kind!r}"
        bucket.add((source, kind, target.strip()))
    return positive, negative


def score(found: set, expected: set) -> dict:
    """Precision and recall per kind (1.0 when a kind has nothing to find and nothing found)."""
    table = {}
    for kind in KINDS:
        f = {e for e in found if e[1] == kind}
        x = {e for e in expected if e[1] == kind}
        hits = len(f & x)
        table[kind] = {"labelled": len(x), "found": len(f), "correct": hits,
                       "precision": hits / len(f) if f else 1.0, "recall": hits / len(x) if x else 1.0}
    return table


def format_table(table: dict) -> str:
    lines = ["kind      labelled  found  correct  precision  recall"]
    for kind, row in table.items():
        lines.append(f"{kind:<9} {row['labelled']:>8} {row['found']:>6} {row['correct']:>8} "
                     f"{row['precision']:>10.3f} {row['recall']:>7.3f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def found_edges(tmp_path_factory) -> set:
    root = tmp_path_factory.mktemp("edges")
    content = root / "content"
    shutil.copytree(HERE / "content", content)
    out = build_site(content, root / "output", SITEURL="https://owner.github.io/repo",
                     CONVERSATION_MAP_ALIASES={"@robt": "Rob Tanaka"})
    data = read_graph_json(out)
    return {(e["source"], e["key"], e["target"]) for e in data["links"] if e["key"] in KINDS}


def test_the_evaluation_set_is_large_and_varied():
    positive, negative = read_labels(HERE / "labels.txt")
    assert len(positive) >= 60
    assert {kind for _, kind, _ in positive} == set(KINDS)
    assert len(negative) >= 8
    assert not positive & negative


def test_precision_and_recall_per_edge_kind(found_edges, capsys):
    positive, _ = read_labels(HERE / "labels.txt")
    table = score(found_edges, positive)
    report = format_table(table)
    with capsys.disabled():
        print(f"\nEdge accuracy on the hand-labelled set ({len(positive)} edges):\n{report}")
    missed = sorted(positive - found_edges)
    extra = sorted(found_edges - positive)
    low = [k for k, row in table.items() if row["precision"] < TARGET or row["recall"] < TARGET]
    assert not low, f"{report}\nmissed: {missed}\nnot labelled: {extra}"


def test_negative_cases_are_not_drawn(found_edges):
    _, negative = read_labels(HERE / "labels.txt")
    assert not negative & found_edges


def test_score_counts_misses_and_extras():
    expected = {("a", "reply", "b"), ("a", "quote", "b")}
    table = score({("a", "reply", "b"), ("c", "reply", "d")}, expected)
    assert table["reply"]["precision"] == 0.5 and table["reply"]["recall"] == 1.0
    assert table["quote"]["recall"] == 0.0 and table["quote"]["precision"] == 1.0
