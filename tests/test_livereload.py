"""The writing loop: ``sitetools.livereload`` serves on 127.0.0.1 and rebuilds when a reply is saved.

Runs the real program in a subprocess on a free port, on a copy of the sample content; every wait
is bounded, and the process is stopped at the end whatever happens.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from sitebuild import REPO
from test_browser import Visit, browser  # noqa: F401 (browser is a fixture)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def builds(base: str) -> int:
    """How many builds the server has finished (0 before it answers)."""
    state = _get(f"{base}/__livereload/state")
    return json.loads(state)["build"] if state else 0


def _wait_for(check, what: str, timeout: float, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        if process.poll() is not None:
            pytest.fail(f"livereload stopped (exit {process.returncode}) while waiting for {what}:\n"
                        + process.log.read_text())
        time.sleep(0.25)
    pytest.fail(f"no {what} after {timeout:.0f} s:\n" + process.log.read_text())


@pytest.fixture
def live(copy_content, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    port = _free_port()
    log = (tmp_path / "livereload.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "sitetools.livereload", "--settings", str(REPO / "pelicanconf.py"),
         "--content", str(copy_content), "--output", str(tmp_path / "output"), "--port", str(port)],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True)
    process.log = tmp_path / "livereload.log"
    try:
        yield f"http://127.0.0.1:{port}", copy_content, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_an_edited_reply_is_rebuilt_and_served(live):
    base, content, process = live
    page = f"{base}/posts/on-slow-reading/"
    _wait_for(lambda: builds(base) >= 1, "first build", 120, process)
    first = _get(page)
    assert first.rstrip().endswith("</html>")
    assert '<script src="/__livereload.js" defer></script></body>' in first  # served pages reload themselves
    assert "__livereload" not in (content.parent / "output" / "posts" / "on-slow-reading" / "index.html").read_text()
    state = json.loads(_get(f"{base}/__livereload/state"))
    assert state["build"] == 1 and state["error"] == "" and state["run"]

    reply = sorted((content / "replies" / "on-slow-reading").glob("*.md"))[0]
    reply.write_text(reply.read_text(encoding="utf-8").rstrip("\n") + "\n\nA sentence added while writing.\n",
                     encoding="utf-8")
    _wait_for(lambda: builds(base) >= 2, "rebuild", 60, process)
    assert "A sentence added while writing." in _get(page)

    # A broken reply keeps the server up and reports the build's error (shown on the page by the script).
    reply.write_text("Author: Someone\n\nNo date.\n", encoding="utf-8")
    error = _wait_for(lambda: json.loads(_get(f"{base}/__livereload/state") or "{}").get("error"),
                      "build error", 60, process)
    assert reply.name in error and "missing required metadata 'Date'" in error
    assert _get(f"{base}/__livereload.js").startswith("(function")
    assert process.poll() is None


@pytest.mark.browser
def test_the_open_page_reloads_itself_and_shows_a_build_error(live, browser):  # noqa: F811
    base, content, process = live
    _wait_for(lambda: builds(base) >= 1, "first build", 120, process)
    visit = Visit(browser, base)
    page = visit.open("posts/on-slow-reading/")
    reply = content / "replies" / "on-slow-reading" / "sam-1.md"
    text = reply.read_text(encoding="utf-8")
    reply.write_text(text.rstrip("\n") + "\n\nSeen in the browser without pressing reload.\n", encoding="utf-8")
    page.wait_for_selector("text=Seen in the browser without pressing reload.", timeout=60_000)
    reply.write_text("Author: Sam Oduya\n\nNo date.\n", encoding="utf-8")
    banner = page.wait_for_selector("#livereload-error", timeout=60_000)
    assert "missing required metadata 'Date'" in banner.text_content()
    reply.write_text(text, encoding="utf-8")
    page.wait_for_selector("#livereload-error", state="detached", timeout=60_000)
    visit.check_clean()
