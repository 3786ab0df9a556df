"""Shared fixtures: small sites written into tmp_path, real Pelican builds, a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import shutil
import textwrap
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import REPO, build_site


class SiteMaker:
    """Writes posts and replies of a small test site, then builds it for real."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        (self.content / "posts").mkdir(parents=True, exist_ok=True)

    def post(self, slug: str, body: str = "A post body.", *, title: str | None = None,
             date: str = "2026-01-01 09:00", author: str = "Mira Okafor", extra: str = "") -> Path:
        path = self.content / "posts" / f"{slug}.md"
        meta = (f"Title: {title or slug.replace('-', ' ').title()}\nDate: {date}\nAuthor: {author}\n"
                f"Category: Practice\nTags: reflection\nSlug: {slug}\n{extra}")
        path.write_text(meta.rstrip("\n") + "\n\n" + textwrap.dedent(body).strip() + "\n", encoding="utf-8")
        return path

    def reply(self, post: str, reply_id: str, body: str = "A reply.", *, folder: str = "replies",
              **meta: str) -> Path:
        meta.setdefault("Author", "Ada Park")
        meta.setdefault("Date", "2026-01-02 10:00")
        path = self.content / folder / post / f"{reply_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = "".join(f"{key.replace('_', '-')}: {value}\n" for key, value in meta.items() if value is not None)
        path.write_text(head + "\n" + textwrap.dedent(body).strip() + "\n", encoding="utf-8")
        return path

    def raw(self, relpath: str, text: str) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def build(self, **settings) -> Path:
        return build_site(self.content, self.output, **settings)

    def page(self, relpath: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / relpath).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def site(tmp_path) -> SiteMaker:
    return SiteMaker(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample content, built once per test session."""
    root = tmp_path_factory.mktemp("sample")
    return build_site(REPO / "content", root / "output")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def serve_dir():
    """Start a 127.0.0.1 HTTP server for a folder; returns its base URL. Stopped at session end."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def copy_content(tmp_path):
    """A private copy of the sample content, to change without touching the repository."""
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    return target


REAL_FIXTURES = REPO.parent / "shared" / "fixtures" / "real"


@pytest.fixture(scope="session")
def real_map_site(tmp_path_factory) -> Path:
    """A site built from real archives: the WordPress theme-test export (a thread ten deep) and the
    webmention.io capture, imported with the project's importers. Built once per session."""
    if not (REAL_FIXTURES / "README.md").is_file():
        pytest.skip(f"real-world fixtures not found at {REAL_FIXTURES} (../shared/fixtures/real)")
    from importers import import_webmention, import_wordpress

    root = tmp_path_factory.mktemp("real-maps")
    content = root / "content"
    import_wordpress(REAL_FIXTURES / "wordpress" / "wptt-themeunittestdata.wordpress.xml", content)
    # The posts the webmention capture points at (its targets' slugs), written by hand.
    for slug in ("full-11ty-js-monty", "back-nunjucks-eleventy-site", "previous-next-eleventy",
                 "code-comfort-eleventy-webpack", "sorta-strange-ssg-trip", "battle-ios-email-heavyweights",
                 "going-solo-eleventy", "so-much-for-heroes", "packing-up", "different-modes-different-code",
                 "webmentions-three-ssgs-1", "coherence-covid-19", "welcome-sweet-little-early-bird",
                 "mixed-nuts-february-2020", "streamers-party"):
        path = content / "posts" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Title: {slug.replace('-', ' ').title()}\nDate: 2020-01-01 09:00\nAuthor: Mira Okafor\n"
                        f"Category: Practice\nSlug: {slug}\n\nA hand-written post.\n", encoding="utf-8")
    import_webmention(REAL_FIXTURES / "webmention" / "eleventy_solo-webmentions-cache.json", content)
    return build_site(content, root / "output")
