"""Fixtures for the importer tests: fixture paths, a content folder with posts, file snapshots,
a local HTTP server (no test touches the internet)."""

from __future__ import annotations

import http.server
import textwrap
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from importers.safety import has_private_data
from importers.writer import read_reply_file

HERE = Path(__file__).resolve()
FIXTURES = HERE.parents[1] / "fixtures" / "importers"
# ../shared/fixtures/real next to the repository (read-only; never copied into it).
REAL = HERE.parents[2] / ".." / "shared" / "fixtures" / "real"
# The 15 posts of the real webmention capture, by slug.
WEBMENTION_TARGETS = [
    "full-11ty-js-monty", "back-nunjucks-eleventy-site", "previous-next-eleventy",
    "code-comfort-eleventy-webpack", "sorta-strange-ssg-trip", "battle-ios-email-heavyweights",
    "going-solo-eleventy", "so-much-for-heroes", "packing-up", "different-modes-different-code",
    "webmentions-three-ssgs-1", "coherence-covid-19", "welcome-sweet-little-early-bird",
    "mixed-nuts-february-2020", "streamers-party",
]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def real() -> Path:
    """The real-world fixture folder; the test is skipped when it is not there."""
    if not (REAL / "README.md").is_file():
        pytest.skip(f"real-world fixtures not found at {REAL.resolve()} "
                    "(they live next to the repository, in ../shared/fixtures/real)")
    return REAL.resolve()


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


def write_post(content: Path, slug: str | None, title: str, *, date: str = "2020-01-01 09:00",
               author: str = "Mira Okafor", folder: str = "posts", extra: str = "") -> Path:
    """A hand-written Markdown post (``Slug`` left out when ``slug`` is None)."""
    path = content / folder / f"{slug or title.lower().replace(' ', '-')}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"Title: {title}\nDate: {date}\nAuthor: {author}\nCategory: Practice\n"
    if slug:
        head += f"Slug: {slug}\n"
    path.write_text(head + extra + "\nA hand-written post.\n", encoding="utf-8")
    return path


@pytest.fixture
def make_post():
    return write_post


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path to bytes)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def snap():
    return snapshot


def replies_of(content: Path, slug: str) -> dict[str, tuple[dict, str]]:
    """The reply files of one post: id to (metadata with lower-case keys, body)."""
    folder = content / "replies" / slug
    return {p.stem: read_reply_file(p) for p in sorted(folder.glob("*.md"))}


@pytest.fixture
def replies():
    return replies_of


def assert_no_private_data(folder: Path, *secrets: str) -> None:
    """No email or IP address (and none of ``secrets``) in any file under ``folder``."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not has_private_data(text), f"{path} holds an email or IP address"
            for secret in secrets:
                assert secret not in text, f"{path} holds {secret!r}"


@pytest.fixture
def no_private_data():
    return assert_no_private_data


def depth_of(reply_id: str, replies_by_id: dict[str, tuple[dict, str]]) -> int:
    depth, current = 1, replies_by_id[reply_id][0].get("reply-to")
    while current:
        depth += 1
        current = replies_by_id[current][0].get("reply-to")
    return depth


@pytest.fixture
def depth():
    return depth_of


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict] = {}
    requests: ClassVar[list] = []

    def do_GET(self):
        self.requests.append(self.path)
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404, "not here")
            return
        status, content_type, body = route(self.path) if callable(route) else route
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def local_server(monkeypatch):
    """An HTTP server on 127.0.0.1: ``server.route(path, (status, type, bytes) or callable)``."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    handler = type("Handler", (_Handler,), {"routes": {}, "requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    class Server:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        requests = handler.requests

        @staticmethod
        def route(path, response):
            handler.routes[path] = response

    yield Server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def wxr(items: str, encoding: str = "UTF-8") -> str:
    """A small WordPress export around ``items`` (its ``<item>`` elements), declared in ``encoding``."""
    return textwrap.dedent(f"""\
        <?xml version="1.0" encoding="{encoding}"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Field</title><link>http://field.example</link>
        <wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>http://field.example</wp:base_blog_url>
        """) + textwrap.dedent(items) + "</channel>\n</rss>\n"
