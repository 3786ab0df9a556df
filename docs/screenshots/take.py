"""Save PNGs of the maps for the README: an article map, the people map and a person page, light and dark.

Run with ``invoke screenshots`` (or ``.venv/bin/python docs/screenshots/take.py``): builds the sample
site into a temporary folder, serves it on 127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium)
through Playwright. Writes docs/screenshots/<name>-<scheme>.png.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = [  # name, page, element, viewport width
    ("article-map", "posts/feedback-that-lands/", ".conversation .map-figure", 1280),
    ("people-map", "conversations/", ".map-figure", 1280),
    ("person-page", "people/helen-achterberg/", ".map-figure", 390),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def take(out: Path = HERE) -> list[Path]:
    from playwright.sync_api import sync_playwright
    from sitebuild import build_site

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium package")
    saved = []
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "content", Path(tmp) / "output")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for scheme in ("light", "dark"):
                    for name, path, selector, width in SHOTS:
                        page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
                        page.goto(f"{base}/{path}")
                        target = out / f"{name}-{scheme}.png"
                        page.locator(selector).first.screenshot(path=str(target))
                        saved.append(target)
                        page.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return saved


if __name__ == "__main__":
    for path in take():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
