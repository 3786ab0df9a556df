"""Benchmark: build a large synthetic site and time each stage; optionally time the people map in Chromium.

    .venv/bin/python benchmarks/bench_build.py                  # 200 posts, 4,000 replies, 2,000 people
    .venv/bin/python benchmarks/bench_build.py --browser        # also time drawing the maps in Chromium
    .venv/bin/python benchmarks/bench_build.py --posts 20 --replies 400 --people 200

Content is generated from a seeded random generator, so every run builds the same site. The
figures go in ARCHITECTURE.md ("Speed"); this is never run as a timed unit test.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

WORDS = tuple(
    "practice notice slow reading margin question feedback habit journal draft public quiet attention "
    "argue agree describe judge week morning note idea book page friend colleague craft error repair".split(" ")
)


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(content: Path, posts: int, replies: int, people: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    names = [f"Person{i} Surname{i}" for i in range(people)]
    (content / "posts").mkdir(parents=True)
    texts = {}
    for p in range(posts):
        body = "\n\n".join(sentence(rng, 24) for _ in range(8))
        if p:
            body += f"\n\nThis builds on [an earlier post]({{filename}}/posts/post-{rng.randrange(p)}.md)."
        texts[p] = body
        (content / "posts" / f"post-{p}.md").write_text(
            f"Title: Post {p}\nDate: 2026-01-01 00:00\nAuthor: Blog Author\nCategory: C{p % 4}\n"
            f"Tags: t{p % 7}, t{p % 5}\nSlug: post-{p}\n\n{body}\n", encoding="utf-8")
    per_post = [0] * posts
    for _ in range(replies):
        p = rng.randrange(posts)
        folder = content / "replies" / f"post-{p}"
        folder.mkdir(parents=True, exist_ok=True)
        n = per_post[p]
        per_post[p] += 1
        author = rng.choice(names)
        lines = [f"Author: {author}", f"Date: 2026-02-01 {n // 60 % 24:02d}:{n % 60:02d}"]
        if n and rng.random() < 0.7:
            lines.append(f"Reply-To: r{rng.randrange(n)}")
        body = sentence(rng)
        roll = rng.random()
        if roll < 0.1:
            words = texts[p].split()
            start = rng.randrange(max(len(words) - 10, 1))
            body = "> " + " ".join(words[start:start + 10]) + "\n\n" + body
        elif roll < 0.2:
            body = f"{rng.choice(names)}, " + body
        (folder / f"r{n}.md").write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")


@contextlib.contextmanager
def timed(label: str, results: dict):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start
    print(f"{label:<38} {results[label]:8.2f} s", flush=True)


def browser_times(output: Path, results: dict) -> None:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        biggest = max((output / "posts").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
        for label, path, selector in (("people map: load to drawn", "conversations/", "#people-map"),
                                      (f"article map ({biggest}): load to drawn", f"posts/{biggest}/",
                                       "#conversation-map")):
            with timed(label, results):
                page.goto(f"{base}/{path}")
                page.wait_for_selector(f"{selector}[data-ready]", timeout=300_000)
            print(f"{'':<38} {page.get_attribute(selector, 'data-ready')} nodes")
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--replies", type=int, default=4000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--browser", action="store_true", help="also time the maps in Chromium")
    parser.add_argument("--keep", action="store_true", help="keep the generated site and print where")
    args = parser.parse_args()

    from sitebuild import build_site

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict[str, float] = {}
    print(f"{args.posts} posts, {args.replies} replies, {args.people} possible people")
    with timed("generate content", results):
        generate(work / "content", args.posts, args.replies, args.people)
    with timed("build (cold layout cache)", results):
        build_site(work / "content", work / "output")
    with timed("build again (warm layout cache)", results):
        build_site(work / "content", work / "output")
    if args.browser:
        browser_times(work / "output", results)
    if args.keep:
        print(f"kept in {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
