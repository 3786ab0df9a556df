"""The writing loop (``invoke livereload``): serve the site on 127.0.0.1 and rebuild it on every save.

* A change under ``content/`` or the theme rebuilds the site in this process (Pelican's own
  ``--autoreload`` works the same way), so what the build keeps between runs stays warm.
* A change to a plugin or to the settings file restarts the whole process, so the new code
  and settings are what builds (a Python module cannot be reloaded safely in place).
* Pages served here get one small script (``/__livereload.js``, same origin, so the pages'
  ``Content-Security-Policy`` allows it) that reloads the page after each rebuild and shows
  the build's error, if any, at the top of the page. The files in ``output/`` are unchanged.

Run ``python -m sitetools.livereload --help`` for the options; ``invoke livereload`` runs it
with the project's settings.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

logger = logging.getLogger(__name__)

STATE_PATH = "/__livereload/state"
SCRIPT_PATH = "/__livereload.js"
SCRIPT = """(function () {
  "use strict";
  var seen = null;
  function banner(text) {
    var box = document.getElementById("livereload-error");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "livereload-error";
      box.style.position = "fixed"; box.style.top = "0"; box.style.left = "0"; box.style.right = "0";
      box.style.zIndex = "1000"; box.style.margin = "0"; box.style.padding = ".8rem 1rem";
      box.style.background = "#8a2f2f"; box.style.color = "#fff"; box.style.whiteSpace = "pre-wrap";
      box.style.maxHeight = "50vh"; box.style.overflow = "auto";
      document.body.appendChild(box);
    }
    box.textContent = "The last build failed:\\n" + text;
  }
  function poll() {
    fetch("/__livereload/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      var now = s.run + "/" + s.build;
      if (seen !== null && now !== seen && !s.error) { location.reload(); return; }
      seen = now;
      banner(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
}());
"""
TAG = b'<script src="/__livereload.js" defer></script>'


class BuildState:
    """How many builds finished and the last one's error (shared by the server and the watcher)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.run = f"{os.getpid()}-{time.time_ns()}"  # a restart starts counting again: pages still reload
        self.build = 0
        self.error = ""

    def finished(self, error: str = "") -> None:
        with self.lock:
            self.build += 1
            self.error = error

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "error": self.error, "run": self.run}).encode()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``output/``, the reload script and the build state; adds the script to HTML pages."""

    def __init__(self, *args, state: BuildState, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == STATE_PATH:
            return self._send(self.state.as_json(), "application/json")
        if path == SCRIPT_PATH:
            return self._send(SCRIPT.encode(), "text/javascript; charset=utf-8")
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            body = file.read_bytes()
            at = body.rfind(b"</body>")
            body = body[:at] + TAG + body[at:] if at >= 0 else body + TAG
            return self._send(body, "text/html; charset=utf-8")
        return super().do_GET()


def load_settings(settings_file: Path, content: Path | None, output: Path | None) -> dict:
    """Pelican's settings from ``settings_file``, with the content and output folders swapped in."""
    from pelican.settings import read_settings

    override = {"DELETE_OUTPUT_DIRECTORY": False}
    if content is not None:
        override["PATH"] = str(content.resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(output.resolve())
        override["CACHE_PATH"] = str(output.resolve().parent / (output.name + "-cache"))
    return read_settings(str(settings_file), override=override)


def build(settings_file: Path, content: Path | None, output: Path | None, state: BuildState) -> None:
    """One build in this process; a failure is recorded (and shown on the pages), not raised."""
    from pelican import Pelican

    started = time.perf_counter()
    try:
        Pelican(load_settings(settings_file, content, output)).run()
    except Exception as exc:  # any build error: keep serving, show it, wait for the next save
        # A RepliesError's problems were logged one by one already: its summary, not the list again.
        logger.error("Build failed: %s", getattr(exc, "summary", None) or exc)
        state.finished(str(exc) or type(exc).__name__)
        return
    state.finished()
    print(f"Built in {time.perf_counter() - started:.1f} s (build {state.build})", flush=True)


def watched(settings_file: Path, settings: dict) -> tuple[list[Path], list[Path]]:
    """(folders whose changes rebuild, paths whose changes restart): content + theme; plugins + settings."""
    base = settings_file.resolve().parent
    rebuild = [Path(settings["PATH"]), Path(settings["THEME"])]
    restart = [(base / p).resolve() for p in settings.get("PLUGIN_PATHS", [])] + [settings_file.resolve()]
    return [p for p in rebuild if p.exists()], [p for p in restart if p.exists()]


def serve(host: str, port: int, output: Path, state: BuildState) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(output), state=state)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def restart(argv: list[str]) -> None:
    """Start this program again in this process (new plugin code and settings)."""
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    os.execve(sys.executable, [sys.executable, "-m", "sitetools.livereload", *argv], env)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="livereload", description=__doc__.split("\n")[0])
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
    parser.add_argument("--output", type=Path, help="output folder (default: OUTPUT_PATH of the settings)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    from watchfiles import watch

    settings = load_settings(args.settings, args.content, args.output)
    output = Path(settings["OUTPUT_PATH"])
    output.mkdir(parents=True, exist_ok=True)
    state = BuildState()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        server = serve(args.host, args.port, output, state)
    except OSError as exc:
        sys.exit(f"livereload: cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); "
                 "is it running already? Choose another port with --port")
    rebuild_paths, restart_paths = watched(args.settings, settings)
    print(f"Serving {output} on http://{args.host}:{args.port}/ ; rebuilding on changes to "
          + ", ".join(str(p) for p in rebuild_paths + restart_paths) + " (Ctrl-C to stop)", flush=True)
    first = True
    try:
        # The watcher is running before the first build starts (its first yield comes after at most
        # rust_timeout), so a save made during or right after that build is not missed.
        for changes in watch(*rebuild_paths, *restart_paths, stop_event=stop, debounce=300, step=100,
                             rust_timeout=500, yield_on_timeout=True):
            if first:
                first = False
                build(args.settings, args.content, args.output, state)
                continue
            if not changes:
                continue
            changed = [Path(p) for _, p in changes]
            if any(p == r or r in p.parents for p in changed for r in restart_paths):
                print("A plugin or the settings changed: restarting", flush=True)
                server.shutdown()
                server.server_close()
                restart(argv)
            build(args.settings, args.content, args.output, state)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
