"""Tasks for writing and building the site (``invoke --list``). Run them from the repository root.

``python3 dev.py site`` sets up ``.venv`` and runs ``invoke build``; inside the venv every
task here can be run directly, e.g. ``.venv/bin/invoke new-post "On Noticing"``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from importers.tasks import (  # noqa: E402,F401  (invoke collects imported tasks too)
    import_disqus,
    import_html,
    import_staticman,
    import_webmention,
    import_wordpress,
)
from replies.authoring import AuthoringError, new_post, new_reply  # noqa: E402

CONFIG = {"settings_base": "pelicanconf.py", "settings_publish": "publishconf.py",
          "deploy_path": "output", "content": "content", "host": "127.0.0.1", "port": 8000}


def _pelican(c, settings: str, *extra: str) -> None:
    c.run(f"{sys.executable} -m pelican {CONFIG['content']} -s {settings} -o {CONFIG['deploy_path']} "
          + " ".join(extra), pty=False)


@task
def clean(c):
    """Remove the built site (output/) and the build cache."""
    for folder in (CONFIG["deploy_path"], "cache"):
        if os.path.isdir(folder):
            shutil.rmtree(folder)
    print("Removed output/ and cache/")


@task
def build(c):
    """Build the site into output/ with pelicanconf.py."""
    _pelican(c, CONFIG["settings_base"])
    index = ROOT / CONFIG["deploy_path"] / "index.html"
    print(f"\nBuilt the site: {index}\nServe it with: invoke serve "
          f"(then open http://{CONFIG['host']}:{CONFIG['port']}/)")


@task
def rebuild(c):
    """Remove output/ and build again from scratch."""
    clean(c)
    build(c)


@task
def publish(c):
    """Build the public site with publishconf.py (absolute URLs; SITEURL from the environment)."""
    _pelican(c, CONFIG["settings_publish"])


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Serve output/ on http://127.0.0.1:PORT/ (local only) until Ctrl-C."""
    directory = ROOT / CONFIG["deploy_path"]
    if not directory.is_dir():
        build(c)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((CONFIG["host"], int(port)), handler)
    print(f"Serving {directory} on http://{CONFIG['host']}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@task(name="new-post", help={"title": "the post's title", "author": "defaults to AUTHOR in pelicanconf.py",
            "category": "the post's category"})
def new_post_task(c, title, author=None, category="Practice"):
    """Write content/posts/<slug>.md with a title, date and the other metadata."""
    author = author or _setting("AUTHOR")
    try:
        path = new_post(ROOT / CONFIG["content"], title, author, category=category)
    except AuthoringError as error:
        sys.exit(f"new-post: {error}")
    print(path.relative_to(ROOT))


@task(name="new-reply", help={"post_slug": "slug of the post this reply belongs to", "author": "the reply's author",
            "reply_to": "id of the reply it answers (or other-post-slug/id)", "author_url": "http(s) URL"})
def new_reply_task(c, post_slug, author, reply_to=None, author_url=None):
    """Write content/replies/<post-slug>/<id>.md for a new reply and print its path."""
    try:
        path = new_reply(ROOT / CONFIG["content"], post_slug, author, reply_to=reply_to, author_url=author_url)
    except AuthoringError as error:
        sys.exit(f"new-reply: {error}")
    print(path.relative_to(ROOT))


@task
def screenshots(c):
    """Save PNGs of an article map, the people map and a person page, light and dark, into docs/screenshots/."""
    c.run(f"{sys.executable} {ROOT / 'docs' / 'screenshots' / 'take.py'}", pty=False)


def _setting(name: str):
    from pelican.settings import read_settings

    return read_settings(str(ROOT / CONFIG["settings_base"])).get(name)
