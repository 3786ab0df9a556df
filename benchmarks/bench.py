"""The benchmark: this project against plain Pelican and Pelican + pelican-comment-system 1.4.0.

    invoke bench                                   # 1,000 posts x 20 replies, median of 3, browser timings
    .venv/bin/python benchmarks/bench.py --posts 200 --replies 20 --runs 1 --no-browser

One run, side by side, on the same synthetic archive (:mod:`sitegen`): every build is a
fresh ``python -m pelican`` process, timed for wall and CPU time with its peak memory
(``wait4``). Builds are interleaved (plain, peer, ours) in each round, so a busy machine
slows all of them alike; the report gives medians and ratios, which mean more than seconds
on a shared machine.

- plain: Pelican's ``simple`` theme, the posts only; cold (empty cache), then its own
  cached rebuild (``CACHE_CONTENT`` / ``LOAD_CONTENT_CACHE``) with nothing changed.
- peer: the same posts and the replies in the pelican-comment-system layout, plugin 1.4.0
  from PyPI (installed with pip into ``benchmarks/.peer/``), a comment template on the
  ``simple`` theme, and ``Pelican.get_writer = Pelican._get_writer`` in its settings
  (1.4.0 calls a method that Pelican 4 renamed). The benchmark checks that every post page
  shows all its replies, so the peer does the same work.
- ours: the project's settings and theme; cold, warm with no change, and after editing one
  reply. Every post page must show all its replies.

Then the weight of each output and, with Chromium, the time from page load to the largest
article map and the people map being drawn. Results go to stdout (Markdown) and, with
``--out``, to a file; BENCHMARKS.md keeps them with the machine they ran on.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from sitegen import Summary, generate  # noqa: E402

PEER_PACKAGE = "pelican-comment-system==1.4.0"
PEER_LIB = HERE / ".peer"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

COMMON = """
SITENAME = "Benchmark"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["posts"]
ARTICLE_URL = "posts/{{slug}}/"
ARTICLE_SAVE_AS = "posts/{{slug}}/index.html"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""
PLAIN = COMMON + """
THEME = "simple"
FEED_ALL_ATOM = "feeds/all.atom.xml"
"""
PEER = COMMON + """
import sys
sys.path.insert(0, {lib!r})
from pelican import Pelican
Pelican.get_writer = Pelican._get_writer  # pelican-comment-system 1.4.0 calls the old name
THEME = "simple"
THEME_TEMPLATES_OVERRIDES = [{templates!r}]
FEED_ALL_ATOM = "feeds/all.atom.xml"
PLUGINS = ["pelican_comment_system"]
PELICAN_COMMENT_SYSTEM = True
PELICAN_COMMENT_SYSTEM_IDENTICON_DATA = ()
"""
OURS = """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
PLUGIN_PATHS = [{plugins!r}]
THEME = {theme!r}
ARTICLE_PATHS = ["posts"]
TIMEZONE = "UTC"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""
PEER_ARTICLE = """{% extends "!simple/article.html" %}
{% macro comment_tree(comments) %}
<ul class="comments">
{% for comment in comments %}
  <li class="comment" id="comment-{{ comment.slug }}"><p class="by">{{ comment.author }}, {{ comment.locale_date }}</p>
  {{ comment.content }}
  {% if comment.replies %}{{ comment_tree(comment.replies) }}{% endif %}</li>
{% endfor %}
</ul>
{% endmacro %}
{% block content %}
{{ super() }}
<section id="comments"><h2>{{ article.comments_count }} comments</h2>{{ comment_tree(article.comments) }}</section>
{% endblock %}
"""


def ensure_peer() -> Path:
    """Install pelican-comment-system 1.4.0 from PyPI into benchmarks/.peer/ (once; no dependencies:
    Pillow is only for identicons, which the benchmark leaves off)."""
    if not (PEER_LIB / "pelican_comment_system" / "__init__.py").is_file():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--no-deps", "--target", str(PEER_LIB), PEER_PACKAGE], check=True)
    return PEER_LIB


class Site:
    """One builder: its content folder, settings file, output and cache."""

    def __init__(self, name: str, work: Path, settings_text: str, project: Path = ROOT) -> None:
        self.name = name
        self.content = work / "content" / ("plain" if name == "plain" else name)
        self.output = work / "output" / name
        self.cache = work / "cache" / name
        self.settings = work / "settings" / f"{name}.py"
        self.log = work / "logs" / f"{name}.log"
        self.settings.parent.mkdir(parents=True, exist_ok=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.settings.write_text(settings_text.format(cache=str(self.cache), lib=str(PEER_LIB),
                                                      templates=str(work / "peer-templates"), root=str(project),
                                                      plugins=str(project / "plugins"),
                                                      theme=str(project / "theme")),
                                 encoding="utf-8")

    def clean(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self) -> dict:
        """One build in a new process: wall and CPU seconds, peak memory in MB."""
        cmd = [sys.executable, "-m", "pelican", str(self.content), "-s", str(self.settings), "-o", str(self.output),
               "-q"]
        env = dict(os.environ, PYTHONHASHSEED="0")
        with open(self.log, "ab") as log:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=str(self.settings.parent), stdout=log, stderr=log, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{self.name} build failed ({proc.returncode}); see {self.log}:\n"
                               + self.log.read_text(encoding="utf-8", errors="replace")[-3000:])
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def setup(work: Path, posts: int, replies: int, people: int, peer: bool,
          project: Path = ROOT) -> tuple[Summary, dict[str, Site]]:
    summary = generate(work / "content", posts, replies, people)
    (work / "peer-templates").mkdir(parents=True, exist_ok=True)
    (work / "peer-templates" / "article.html").write_text(PEER_ARTICLE, encoding="utf-8")
    sites = {"plain": Site("plain", work, PLAIN), "ours": Site("ours", work, OURS, project)}
    if peer:
        ensure_peer()
        sites["peer"] = Site("peer", work, PEER)
    return summary, sites


def edit_one_reply(site: Site, summary: Summary, round_: int) -> Path:
    """Change the text of one reply (a different one each round)."""
    slug = summary.slugs[round_ % len(summary.slugs)]
    path = site.content / "replies" / slug / "r0.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nEdited in round {round_}.\n", encoding="utf-8")
    return path


def check_pages(site: Site, summary: Summary, pattern: str) -> None:
    """Every post page shows every one of its replies (``pattern`` matches one reply's element)."""
    regex = re.compile(pattern)
    for slug in summary.slugs:
        page = site.output / "posts" / slug / "index.html"
        found = len(regex.findall(page.read_text(encoding="utf-8")))
        if found != summary.per_post[slug]:
            raise AssertionError(f"{site.name}: {page} shows {found} of {summary.per_post[slug]} replies")


def folder_weight(folder: Path) -> dict:
    sizes = {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    biggest = max(sizes, key=sizes.get)
    pages = {p: s for p, s in sizes.items() if p.suffix == ".html"}
    page = max(pages, key=pages.get)
    return {"bytes": sum(sizes.values()), "files": len(sizes), "largest": str(biggest.relative_to(folder)),
            "largest_bytes": sizes[biggest], "largest_page": str(page.relative_to(folder)),
            "largest_page_bytes": pages[page], "pages_over_1mb": sum(1 for s in pages.values() if s > 1_000_000),
            "people_bytes": sum(s for p, s in sizes.items() if p.relative_to(folder).parts[0] == "people")}


# The whole map figure of an article page: caption, SVG drawings, markers, details panel, key and legend.
_MAP_FIGURE = re.compile(r'<figure class="map-figure[^"]*">.*?</figure>', re.S)


def map_share(ours: Path, summary: Summary) -> dict:
    """Bytes of an article page with a 20-reply map (or the largest thread) with and without its whole
    map figure (``<figure class="map-figure map-figure--article">`` ... ``</figure>``); shared assets are
    not counted."""
    slug = summary.slugs[len(summary.slugs) // 2]
    text = (ours / "posts" / slug / "index.html").read_text(encoding="utf-8")
    without, found = _MAP_FIGURE.subn("", text, count=1)
    if not found:
        raise SystemExit(f"{ours / 'posts' / slug / 'index.html'}: no map figure to measure")
    return {"page": slug, "with_map": len(text.encode()), "without_map": len(without.encode())}


def browser_times(output: Path) -> dict:
    """Seconds from navigation to the largest article map and the people map being drawn (Chromium), the
    first time (the people map's first time includes the browser's own start) and loaded again."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    biggest = max((output / "posts").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for label, path, selector in (("people map", "conversations/", "#people-map"),
                                          (f"largest article map ({biggest})", f"posts/{biggest}/",
                                           "#conversation-map")):
                took = []
                for _ in range(2):  # first as a new visitor; then again, as a reader coming back to it
                    start = time.perf_counter()
                    page.goto(f"{base}/{path}")
                    page.wait_for_selector(f"{selector}[data-ready]", state="attached", timeout=300_000)
                    took.append(time.perf_counter() - start)
                results[label] = {"seconds": took[0], "again": took[1],
                                  "nodes": page.get_attribute(selector, "data-ready")}
            browser.close()
    finally:
        server.shutdown()
    return results


BROWSER_ARCHIVE = {"posts": 25, "replies": 200, "people": 2000}  # issue 7: 2,000 people, 200-reply threads


def browser_archive(work: Path, project: Path = ROOT) -> dict:
    """The browser targets' own archive: posts of 200 replies each from 2,000 people, built once
    by this project; the time to the people map and the largest article map being shown."""
    folder = work / "browser"
    summary = generate(folder / "content", **BROWSER_ARCHIVE)
    site = Site("ours", folder, OURS, project)
    site.build()
    people = sum(1 for p in (site.output / "people").iterdir() if p.is_dir())
    return {"archive": dict(BROWSER_ARCHIVE, replies_total=summary.replies, people_pages=people),
            "times": browser_times(site.output), "weight": folder_weight(site.output)}


def run(posts: int, replies: int, people: int, runs: int, *, peer: bool = True, browser: bool = True,
        work: Path | None = None, project: Path = ROOT, cold_only: bool = False) -> dict:
    """Generate, build every scenario ``runs`` times (interleaved), check and weigh; return the results."""
    work = Path(work or tempfile.mkdtemp(prefix="bench-"))
    summary, sites = setup(work, posts, replies, people, peer, project)
    times: dict[str, list[dict]] = {}

    def record(label: str, site: Site) -> None:
        result = site.build()
        times.setdefault(label, []).append(result)
        print(f"  {label:<28} wall {result['wall']:7.2f} s  cpu {result['cpu']:7.2f} s  "
              f"peak {result['rss']:7.0f} MB", flush=True)

    for round_ in range(runs):
        print(f"round {round_ + 1} of {runs}", flush=True)
        sites["plain"].clean()
        record("plain cold", sites["plain"])
        record("plain cached rebuild", sites["plain"])
        if peer:
            sites["peer"].clean()
            record("peer cold", sites["peer"])
        sites["ours"].clean()
        record("ours cold", sites["ours"])
        if cold_only:
            continue
        record("ours warm, no change", sites["ours"])
        edit_one_reply(sites["ours"], summary, round_)
        record("ours warm, one reply edited", sites["ours"])

    check_pages(sites["ours"], summary, r'<li class="reply ')  # after the edits: the warm build is right too
    if peer:
        check_pages(sites["peer"], summary, r'<li class="comment" ')
    medians = {label: {k: statistics.median(r[k] for r in results) for k in ("wall", "cpu", "rss")}
               for label, results in times.items()}
    weights = {name: folder_weight(site.output) for name, site in sites.items()}
    results = {"posts": posts, "replies_per_post": replies, "people": people, "runs": runs,
               "summary": {k: v for k, v in vars(summary).items() if k not in ("per_post", "slugs")},
               "medians": medians, "runs_raw": times, "weights": weights,
               "map_share": map_share(sites["ours"].output, summary), "work": str(work)}
    if browser and Path("/usr/bin/chromium").exists():
        results["browser"] = browser_times(sites["ours"].output)
        results["browser_archive"] = browser_archive(work, project)
    results["machine"] = machine()
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores{mem}; Python {platform.python_version()}; "
            f"load average {load:.1f} at the end")


def _again(times: dict) -> str:
    return f" ({times['again']:.2f} s loaded again)" if "again" in times else ""


def report(results: dict) -> str:
    m = results["medians"]
    plain, peer = m["plain cold"], m.get("peer cold")
    lines = [f"{results['posts']:,} posts × {results['replies_per_post']} replies "
             f"({results['summary']['replies']:,} replies, {results['people']} people, threads up to "
             f"{results['summary']['max_depth']} deep, {results['summary']['quotes']:,} quotes, "
             f"{results['summary']['mentions']:,} mentions, {results['summary']['links']:,} links, "
             f"{results['summary']['cross_post']:,} cross-post replies); median of {results['runs']}.",
             f"Machine: {results.get('machine') or machine()}.", "",
             "| build | wall s | CPU s | peak MB | wall ÷ plain | CPU ÷ plain | wall ÷ peer | CPU ÷ peer "
             "| peak ÷ peer |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def ratio(a: float, b: float | None) -> str:
        return f"{a / b:.2f}" if b else "–"

    for label, r in m.items():
        lines.append(f"| {label} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | "
                     f"{ratio(r['wall'], plain['wall'])} | {ratio(r['cpu'], plain['cpu'])} | "
                     f"{ratio(r['wall'], peer and peer['wall'])} | {ratio(r['cpu'], peer and peer['cpu'])} | "
                     f"{ratio(r['rss'], peer and peer['rss'])} |")
    edit, cached = m.get("ours warm, one reply edited"), m["plain cached rebuild"]
    if edit:
        lines += ["", f"One reply edited, caches warm: {edit['wall'] / cached['wall']:.2f}× (wall), "
                      f"{edit['cpu'] / cached['cpu']:.2f}× (CPU) plain Pelican's own cached rebuild."]
    lines += ["", "| output | MB | files | largest file | largest page | pages over 1 MB | people/ MB |",
              "|---|---:|---:|---|---|---:|---:|"]
    for name, w in results["weights"].items():
        lines.append(f"| {name} | {w['bytes'] / 1e6:.1f} | {w['files']:,} | {w['largest']} "
                     f"({w['largest_bytes'] / 1e3:.0f} KB) | {w['largest_page']} "
                     f"({w['largest_page_bytes'] / 1e3:.0f} KB) | {w['pages_over_1mb']} | "
                     f"{w['people_bytes'] / 1e6:.1f} |")
    share = results["map_share"]
    lines += ["", f"Article `{share['page']}`: {share['with_map'] / 1e3:.0f} KB with its map figure, "
                  f"{share['without_map'] / 1e3:.0f} KB without "
                  f"({share['with_map'] / share['without_map']:.2f}×; shared assets not counted)."]
    for label, b in results.get("browser", {}).items():
        lines.append(f"Browser: {label}, {b['nodes']} nodes, load to drawn {b['seconds']:.2f} s{_again(b)}.")
    extra = results.get("browser_archive")
    if extra:
        a = extra["archive"]
        w = extra["weight"]
        lines.append(f"Browser archive ({a['posts']} posts × {a['replies']} replies, {a['people']:,} people "
                     f"in the cast, {a['people_pages']:,} with a page; largest page {w['largest_page']}, "
                     f"{w['largest_page_bytes'] / 1e3:.0f} KB):")
        for label, b in extra["times"].items():
            lines.append(f"- {label}, {b['nodes']} nodes, load to drawn {b['seconds']:.2f} s{_again(b)}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=20, help="replies per post")
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3, help="rounds; the report gives medians")
    parser.add_argument("--no-peer", action="store_true", help="skip pelican-comment-system")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where")
    parser.add_argument("--out", type=Path, help="also write the Markdown report (and .json) here")
    parser.add_argument("--cold-only", action="store_true", help="only cold builds (growth measurements)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="another checkout of this project to build as 'ours' (before/after figures)")
    args = parser.parse_args(argv)
    results = run(args.posts, args.replies, args.people, args.runs, peer=not args.no_peer,
                  browser=not args.no_browser, project=args.project.resolve(), cold_only=args.cold_only)
    text = report(results)
    print("\n" + text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    if args.keep:
        print(f"kept in {results['work']}")
    else:
        shutil.rmtree(results["work"], ignore_errors=True)


if __name__ == "__main__":
    main()
