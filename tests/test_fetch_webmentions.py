"""``invoke fetch-webmentions``: the site's webmention.io account, fetched from a local server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import REPO

JF2 = REPO / "tests" / "fixtures" / "importers" / "webmention" / "field-notes.jf2.json"
TOKEN = "tok-7f3a9c-secret"


@pytest.fixture
def api():
    """A stand-in for the webmention.io API: answers /api/mentions.jf2 for the right token."""
    entries = json.loads(JF2.read_text())["children"]
    seen: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            query = parse_qs(urlsplit(self.path).query)
            seen.append(query)
            if urlsplit(self.path).path != "/api/mentions.jf2" or query.get("token") != [TOKEN]:
                self.send_error(401)
                return
            per_page, page = int(query["per-page"][0]), int(query["page"][0])
            body = json.dumps({"type": "feed", "children": entries[page * per_page:(page + 1) * per_page]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def _fetch(content: Path, base_url: str, token: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WEBMENTION_IO_TOKEN"}
    env["NO_PROXY"] = "127.0.0.1"
    if token:
        env["WEBMENTION_IO_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "invoke", "fetch-webmentions", f"--content={content}",
                           "--account=fieldnotes.example", f"--base-url={base_url}"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def _post(content: Path, slug: str, title: str) -> None:
    path = content / "posts" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title: {title}\nDate: 2020-01-01 09:00\nAuthor: Mira Okafor\nSlug: {slug}\n\nA post.\n")


def test_new_webmentions_come_in_once_and_the_token_stays_out_of_files(api, tmp_path):
    base_url, seen = api
    content = tmp_path / "content"
    _post(content, "on-slow-reading", "On Slow Reading")
    _post(content, "notes-on-noticing", "Notes on Noticing")
    first = _fetch(content, base_url, TOKEN)
    assert first.returncode == 0, first.stderr
    replies = sorted(p.name for p in (content / "replies" / "on-slow-reading").glob("*.md"))
    assert replies == ["wm-9001.md", "wm-9002.md", "wm-9003.md"]
    assert seen and all(q["domain"] == ["fieldnotes.example"] for q in seen)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    second = _fetch(content, base_url, TOKEN)
    assert second.returncode == 0, second.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before  # idempotent
    for output in (first.stdout, first.stderr, second.stdout, second.stderr):
        assert TOKEN not in output
    for path in [*tmp_path.rglob("*"), *REPO.glob("*")]:
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_without_a_token_it_says_where_to_put_it(api, tmp_path):
    base_url, seen = api
    result = _fetch(tmp_path, base_url, None)
    assert result.returncode == 1 and "WEBMENTION_IO_TOKEN environment variable" in result.stderr
    assert seen == []
    wrong = _fetch(tmp_path, base_url, "wrong-token")
    assert wrong.returncode == 1 and "HTTP 401" in wrong.stderr and "wrong-token" not in wrong.stderr
