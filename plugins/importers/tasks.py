"""Invoke tasks for the importers: ``invoke import-wordpress FILE`` and friends.

Each task prints the import report; ``--dry-run`` writes nothing and lists the files it
would write; ``--update`` overwrites files an earlier import wrote and that differ now. A
failed import prints its reason (naming the file, and the line for XML) and exits with
status 1, having written nothing.

The top-level ``tasks.py`` makes them available with (``plugins`` on ``sys.path``)::

    from importers.tasks import (import_disqus, import_html, import_staticman,
                                 import_webmention, import_wordpress)

(or ``from plugins.importers.tasks import ...``: the package uses relative imports only).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import MappingProxyType

from invoke import task
from invoke.exceptions import Exit

from .blogger import import_blogger as import_blogger_api
from .disqus import import_disqus as import_disqus_api
from .model import ImportFailed
from .safety import redact
from .staticman import import_staticman as import_staticman_api
from .webmention import DEFAULT_API, import_webmention_api
from .webmention import import_webmention as import_webmention_file
from .wordpress import import_wordpress as import_wordpress_api
from .wp_html import import_html as import_html_api

COMMON_HELP = MappingProxyType({
    "content": "the Pelican content folder to write into (default: content)",
    "dry-run": "read and check everything, print what would be written, write nothing",
    "update": "overwrite files an earlier import wrote for the same items when they differ now",
})


def help_asked(c, value, name: str) -> bool:
    """``invoke NAME --help`` hands "--help" to the task's first argument (invoke reads a
    positional argument first): show the task's help, as ``invoke --help NAME`` does."""
    if str(value) not in ("-h", "--help"):
        return False
    c.run(f'"{sys.executable}" -m invoke --help {name}', pty=False)
    return True


def _run(function, *args, **kwargs) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        report = function(*args, **kwargs)
    except ImportFailed as exc:
        raise Exit(redact(f"Import failed: {exc}"), code=1) from exc
    print(report.format())


@task(help={"file": "the WordPress export (WXR) file",
            "pages": "WordPress pages and their comments become: hidden (default: hidden posts, a page "
                     "each, in no list or feed), posts, or skip",
            **COMMON_HELP})
def import_wordpress(c, file, content="content", dry_run=False, update=False, pages="hidden"):
    """Import published posts and pages and their comment threads from a WordPress export (WXR)."""
    if help_asked(c, file, "import-wordpress"):
        return
    _run(import_wordpress_api, Path(file), Path(content), dry_run=dry_run, update=update, pages=pages)


@task(help={"file": "the Blogger export (Atom: Blogger's Back up content, or Takeout's feed.atom)",
            "pages": "Blogger's pages become: hidden (default: hidden posts, a page each, in no list or feed), "
                     "posts, or skip",
            **COMMON_HELP})
def import_blogger(c, file, content="content", dry_run=False, update=False, pages="hidden"):
    """Import published posts and pages and their comment threads from a Blogger export."""
    if help_asked(c, file, "import-blogger"):
        return
    _run(import_blogger_api, Path(file), Path(content), dry_run=dry_run, update=update, pages=pages)


@task(help={"file": "the Disqus XML export", **COMMON_HELP})
def import_disqus(c, file, content="content", dry_run=False, update=False):
    """Import Disqus comment threads onto the posts of the content folder."""
    if help_asked(c, file, "import-disqus"):
        return
    _run(import_disqus_api, Path(file), Path(content), dry_run=dry_run, update=update)


@task(help={"file": "a saved WordPress post page (a file), or its http(s) URL (Wayback Machine URLs too)",
            "date": "the post's date when the page shows none (default: the earliest comment's date)",
            **COMMON_HELP})
def import_html(c, file, content="content", dry_run=False, update=False, date=None):
    """Import a saved WordPress post page (file or URL): the post and its comments."""
    if help_asked(c, file, "import-html"):  # "file", as the other importers name what they read (--file / -f)
        return
    _run(import_html_api, file, Path(content), dry_run=dry_run, update=update, date=date)


@task(
    positional=["file"],
    help={
        "file": "a saved webmention.io jf2 file; leave out to fetch from the API",
        "token": "webmention.io API token (default: the WEBMENTION_IO_TOKEN environment variable)",
        "base-url": f"the API's base URL (default: {DEFAULT_API})",
        "domain": "only the webmentions of this domain (API only)",
        "create-posts": "create a minimal post (titled from its address, dated by the earliest webmention) "
                        "for each target that matches no post",
        **COMMON_HELP,
    },
)
def import_webmention(c, file=None, content="content", dry_run=False, update=False,
                      token=None, base_url=DEFAULT_API, domain=None, create_posts=False):
    """Import webmentions: replies, mentions, and counted likes/reposts/bookmarks."""
    if help_asked(c, file, "import-webmention"):
        return
    if file:
        _run(import_webmention_file, Path(file), Path(content), dry_run=dry_run, update=update,
             create_posts=create_posts)
    else:
        _run(import_webmention_api, token, Path(content), base_url=base_url, domain=domain,
             dry_run=dry_run, update=update, create_posts=create_posts)


@task(help={"folder": "the Staticman comments folder (one sub-folder per post), or one post's folder",
            **COMMON_HELP})
def import_staticman(c, folder, content="content", dry_run=False, update=False):
    """Import Staticman comment entries (YAML or JSON) onto the posts of the content folder."""
    if help_asked(c, folder, "import-staticman"):
        return
    _run(import_staticman_api, Path(folder), Path(content), dry_run=dry_run, update=update)
