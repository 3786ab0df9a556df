"""Tasks for writing and building the site (``invoke --list``). Run them from the repository root.

``python3 dev.py site`` sets up ``.venv`` and runs ``invoke build``; inside the venv every
task here can be run directly, e.g. ``.venv/bin/invoke new-post "On Noticing"``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from importers.tasks import (  # noqa: E402,F401  (invoke collects imported tasks too)
    help_asked,
    import_blogger,
    import_disqus,
    import_html,
    import_staticman,
    import_webmention,
    import_wordpress,
)
from replies.authoring import AuthoringError, new_post, new_reply  # noqa: E402

CONFIG = {"settings_base": "pelicanconf.py", "settings_publish": "publishconf.py",
          "deploy_path": "output", "content": "content", "host": "127.0.0.1", "port": 8000}


def _pelican(c, settings: str, content: str | None = None, output: str | None = None, *,
             errors_stop: bool = False) -> None:
    """Build into ``<output>.building`` and put it in place of ``output`` once the build succeeded: a
    failed build (a reply with no Date) leaves the last good site where ``invoke serve`` serves it.
    ``errors_stop``: any error stops the build (the public one: a post Pelican cannot read, with a bad
    Date say, is left out of a local build with an error, never out of the published site)."""
    content, output = content or CONFIG["content"], output or CONFIG["deploy_path"]
    target = ROOT / output
    # Another site's build keeps a cache of its own beside its output (cache/ is the main site's): one
    # cache for two sites would drop each other's entries on every build, and test sites stay out of it.
    cache = "cache" if (content, output) == (CONFIG["content"], CONFIG["deploy_path"]) else f"{output}-cache"
    staging, old = target.with_name(target.name + ".building"), target.with_name(target.name + ".old")
    for leftover in (staging, old):  # from a build that was stopped half-way
        shutil.rmtree(leftover, ignore_errors=True)
    # Not a terminal (a CI log, a pipe): one line per message, so a path is never cut at 80 columns.
    runner = "pelican" if sys.stdout.isatty() else "sitetools.plainlog"
    result = c.run(f"{shlex.quote(sys.executable)} -m {runner} {shlex.quote(content)} -s {shlex.quote(settings)} "
                   f"-o {shlex.quote(str(staging))} --cache-path {shlex.quote(cache)}"
                   f"{' --fatal errors' if errors_stop else ''}", pty=False, warn=True)
    if not result.ok:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"{output}/ is left as the last good build made it" if target.is_dir() else "nothing was written"
        sys.exit(f"The build failed ({kept}): fix the problems named above and build again.")
    if target.is_dir():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


_FOLDERS = {"content": "the content folder (default: content)", "output": "where the site goes (default: output)"}


@task
def clean(c):
    """Remove the built site (output/) and the build cache."""
    for folder in (CONFIG["deploy_path"], f"{CONFIG['deploy_path']}.building", f"{CONFIG['deploy_path']}.old", "cache"):
        if os.path.isdir(folder):
            shutil.rmtree(folder)
    print("Removed output/ and cache/")


@task(help=_FOLDERS)
def build(c, content=CONFIG["content"], output=CONFIG["deploy_path"]):
    """Build the site into output/ with pelicanconf.py (or another content folder into another output)."""
    _pelican(c, CONFIG["settings_base"], content, output)
    index = (ROOT / output / "index.html").resolve()
    serve_it = "invoke serve" + ("" if output == CONFIG["deploy_path"] else f" --output {shlex.quote(output)}")
    print(f"\nBuilt the site: {index}\nServe it with: {serve_it} "
          f"(then open http://{CONFIG['host']}:{CONFIG['port']}/)")


@task
def rebuild(c):
    """Remove output/ and build again from scratch."""
    clean(c)
    build(c)


@task(help=_FOLDERS)
def publish(c, content=CONFIG["content"], output=CONFIG["deploy_path"]):
    """Build the public site with publishconf.py (absolute URLs; SITEURL from the environment)."""
    _pelican(c, CONFIG["settings_publish"], content, output, errors_stop=True)
    built = (ROOT / output).resolve()
    how = ("invoke gh-pages --no-build publishes it as it is" if built == (ROOT / CONFIG["deploy_path"]).resolve()
           else f"invoke gh-pages publishes {CONFIG['deploy_path']}/, not this folder")
    print(f"\nBuilt the public site: {built} ({how}; or let the Pages workflow build and publish it)")
    published = _settings(CONFIG["settings_publish"])
    # pelicanconf.py's placeholder repository: every "Reply" link would lead elsewhere
    if published.get("REPLIES_LINK_GITHUB_REPO") == "example/field-notes":
        print("NOTE: the Reply links open a new file in github.com/example/field-notes, the placeholder in "
              "pelicanconf.py. Set REPLIES_LINK_GITHUB_REPO = \"<owner>/<repo>\" there (the Pages workflow uses "
              "the repository it runs in).", file=sys.stderr)
    if not os.environ.get("SITEURL", "").strip():  # every link, feed and person link would lead elsewhere
        placeholder = published["SITEURL"]
        print(f"NOTE: SITEURL is not set, so every address of the site points to {placeholder}, the placeholder "
              "in publishconf.py. Publish with your site's address: SITEURL=https://<owner>.github.io/<repo> "
              "invoke publish (the Pages workflow sets it).", file=sys.stderr)


@task(help={"port": "port to listen on (default 8000)", "output": _FOLDERS["output"]})
def serve(c, port=CONFIG["port"], output=CONFIG["deploy_path"]):
    """Serve output/ on http://127.0.0.1:PORT/ (local only) until Ctrl-C."""
    directory = (ROOT / output).resolve()
    if not directory.is_dir():
        build(c, output=output)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer((CONFIG["host"], int(port)), handler)
    except OSError as error:  # the port is taken (another server still running?) or not allowed
        command = os.environ.get("SERVE_COMMAND", "invoke serve")  # dev.py says how it was run
        raise Exit(f"Cannot serve on http://{CONFIG['host']}:{port}/: {error.strerror or error}. "
                   f"Stop the other server, or pick another port: {command} --port {int(port) + 1}", code=1) \
            from None
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
    if help_asked(c, title, "new-post"):
        return
    author = author or _setting("AUTHOR")
    try:
        path = new_post(ROOT / CONFIG["content"], title, author, category=category, now=_site_now())
    except AuthoringError as error:
        sys.exit(f"new-post: {error}")
    print(path.relative_to(ROOT))


@task(name="new-reply", positional=["post_slug"], help={
    "post_slug": "slug of the post this reply belongs to", "author": "the reply's author (required)",
    "reply_to": "id of the reply it answers (or other-post-slug/id)", "author_url": "http(s) URL"})
def new_reply_task(c, post_slug, author=None, reply_to=None, author_url=None):
    """Write content/replies/<post-slug>/<id>.md for a new reply and print its path."""
    if help_asked(c, post_slug, "new-reply"):
        return
    if not author:
        sys.exit('new-reply: name the reply\'s author: invoke new-reply POST_SLUG --author "Name"')
    try:
        path = new_reply(ROOT / CONFIG["content"], post_slug, author, reply_to=reply_to, author_url=author_url,
                         now=_site_now())
    except AuthoringError as error:
        sys.exit(f"new-reply: {error}")
    print(path.relative_to(ROOT))


@task
def screenshots(c):
    """Save PNGs of an article map, the people map and a person page, light and dark, into docs/screenshots/."""
    c.run(f"{sys.executable} {ROOT / 'docs' / 'screenshots' / 'take.py'}", pty=False)


def _site_now():
    """Now on the site's clock (``TIMEZONE``): a Date without a zone is read in it, so a reply written
    now must not land an hour before the one it answers because the machine runs on UTC."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    zone = _setting("TIMEZONE")
    return dt.datetime.now(ZoneInfo(zone)) if zone else dt.datetime.now()


def _setting(name: str):
    return _settings().get(name)  # read quietly: Pelican's note about feeds is for builds


# -- Replying, moderating, publishing and the writing loop (issue 11) ------------------------------
# The work lives in plugins/replies/check.py, plugins/replies/moderation.py, sitetools/ghpages.py and
# sitetools/livereload.py; these tasks only read settings and print. Several IDs or paths go in one
# argument, separated by spaces or commas: invoke approve "ada-2 on-slow-reading/ben-3".


def _words(value: str | None) -> list[str]:
    return [w for w in (value or "").replace(",", " ").split() if w]


def _settings(settings_file: str | None = None) -> dict:
    import logging

    from pelican.settings import read_settings
    from replies.settings import ConfigError, check_settings

    quiet = logging.getLogger("pelican.settings")  # its note about feeds without SITEURL is for builds
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    path = ROOT / (settings_file or CONFIG["settings_base"])
    try:
        return check_settings(read_settings(str(path)))
    except ConfigError as error:  # a misspelt key: the key the task reads is missing; say where, no traceback
        sys.exit(f"{path}: {error}")
    finally:
        quiet.setLevel(level)


@task(name="check-replies", positional=["paths"], help={
    "paths": "reply files or folders, separated by spaces or commas (content/replies: every reply)",
    "content": "the content folder (default: content)",
    "strict": "warnings fail too (on by default when REPLIES_STRICT is)"})
def check_replies_task(c, paths, content=CONFIG["content"], strict=False):
    """Check reply files with the build's rules; exit 1 on an error (the report names each file)."""
    if help_asked(c, paths, "check-replies"):
        return
    from replies.check import check_replies

    settings = _settings()
    strict = strict or settings["REPLIES_STRICT"]
    try:
        report = check_replies(Path(content), settings, [Path(p) for p in _words(paths)])
    except FileNotFoundError as error:  # its path as given: an address in it is hidden (CI logs are public)
        from replies.privacy import printable, redact

        sys.exit(f"check-replies: {printable(redact(str(error)))}")
    print(report.format(strict))
    if os.environ.get("GITHUB_ACTIONS") == "true" and (report.errors or report.warnings):
        print(report.annotations())  # shown on the pull request's files (no comment is written)
    if report.failed(strict):
        sys.exit(1)


@task(help={"content": "the content folder (default: content)"})
def moderate(c, content=CONFIG["content"]):
    """List the replies waiting for approval (Status: pending)."""
    from replies.moderation import pending
    from replies.privacy import printable, redact
    from replies.reader import list_post_folder, list_replies_root, misplaced_replies, stray_message

    root = Path(content) / _settings()["REPLIES_PATH"]
    waiting = pending(Path(content), _settings()["REPLIES_PATH"])
    if not waiting:
        print("No reply is waiting for approval.")
    else:
        print(f"{len(waiting)} repl{'y is' if len(waiting) == 1 else 'ies are'} waiting "
              "(invoke approve ID / invoke reject ID [--delete]):")
    for entry in waiting:
        print(f"\n  {entry.key}\n    {entry.author or '(no author)'}, {entry.date or '(no date)'} · {entry.path}\n"
              f"    {entry.excerpt}")
    # A reply saved as .txt or in the wrong folder waits too, unseen: rename or move it, then approve it.
    # (one listing of each folder, as the build's: not hidden folders nor an editor's leftovers)
    listed = list_replies_root(root)
    folders = {d: list_post_folder(d) for d in listed.folders}
    unread = ([(f, stray_message(f)) for d in listed.folders for f in folders[d].strays]
              + misplaced_replies(root, listed, folders.__getitem__))
    if unread:
        print(f"\n{len(unread)} file{'' if len(unread) == 1 else 's'} in the replies folder "
              f"{'is' if len(unread) == 1 else 'are'} not read (rename or move, then approve):")
        for file, message in unread:
            print("  " + printable(redact(f"{file}: {message}")))  # no address, no control character


def _moderate(ids: str, content: str, status: str | None, force: bool = False) -> None:
    from replies.check import check_replies
    from replies.moderation import DELETED_SOURCES, ModerationError, answers_to, delete, entries, resolve, set_status

    settings = _settings()
    try:
        found = resolve(Path(content), _words(ids), settings["REPLIES_PATH"])
    except ModerationError as error:
        sys.exit(f"{'approve' if status == 'published' else 'reject'}: {error}")
    if not found:
        sys.exit("Name at least one reply: invoke approve ID (see invoke moderate)")
    if status == "published" and not force:
        report = check_replies(Path(content), settings, [e.path for e in found], as_published=[e.path for e in found])
        # The published build may be strict where the local one is not: its rule decides.
        strict = settings["REPLIES_STRICT"] or _settings(CONFIG["settings_publish"])["REPLIES_STRICT"]
        if report.failed(strict):
            print(report.format(strict))
            if report.errors:
                sys.exit("approve: fix the errors above first (or approve with --force)")
            sys.exit(f"approve: the published site is built strictly (REPLIES_STRICT in "
                     f"{CONFIG['settings_publish']}), so these warnings would stop it: fix them first "
                     "(or approve with --force)")
    if status is None and not force:
        # Deleting a reply that others answer would leave them answering nothing (and stop a strict build).
        doomed = {e.key for e in found}
        answered = answers_to(doomed, [e for e in entries(Path(content), settings["REPLIES_PATH"])
                                       if e.key not in doomed])
        if answered:
            for key, answers in sorted(answered.items()):
                print(f"{key} is answered by {', '.join(a.key for a in answers)}")
            sys.exit("reject: deleting would leave those answers answering nothing (a strict build stops on "
                     "that). Reject without --delete instead (Status: hidden: it is not shown, and its answers "
                     "move up to the reply or post it answered), delete the answers too, or add --force")
    for entry in found:
        if status is None:
            source = delete(entry, Path(content), settings["REPLIES_PATH"])
            kept = (f" (its Source-Id is listed in {Path(content) / settings['REPLIES_PATH'] / DELETED_SOURCES}, "
                    "so importing the export again does not bring it back)") if source else ""
            print(f"Deleted {entry.path}{kept}")
        else:
            changed = set_status(entry.path, status)
            print(f"{entry.key}: Status: {status}{'' if changed else ' (already)'} · {entry.path}")
    if status == "published":
        # A reply whose parent is not shown reads on the page as "in reply to a reply that is not shown".
        approved = {e.key for e in found}
        others = {e.key: e for e in entries(Path(content), settings["REPLIES_PATH"])}
        for entry in found:
            parent = others.get(entry.answers or "")
            if parent is not None and parent.status != "published" and parent.key not in approved:
                print(f"note: {entry.key} answers {parent.key}, which is {parent.status} and not shown; the page "
                      f"says it answers a reply that is not shown until {parent.key} is approved too")


@task(help={"ids": "reply ids (<post-slug>/<reply-id>, or the id alone), separated by spaces or commas",
            "content": "the content folder (default: content)", "force": "approve even if check-replies fails"})
def approve(c, ids, content=CONFIG["content"], force=False):
    """Publish replies: set Status: published (after checking them)."""
    if help_asked(c, ids, "approve"):
        return
    _moderate(ids, content, "published", force)


@task(help={"ids": "reply ids (<post-slug>/<reply-id>, or the id alone), separated by spaces or commas",
            "content": "the content folder (default: content)", "delete": "delete the files instead",
            "force": "with --delete: delete a reply even when others answer it"})
def reject(c, ids, content=CONFIG["content"], delete=False, force=False):
    """Hide replies (Status: hidden, the file kept), or delete their files with --delete."""
    if help_asked(c, ids, "reject"):
        return
    _moderate(ids, content, None if delete else "hidden", force)


@task(name="fetch-webmentions", help={
    "content": "the content folder (default: content)",
    "account": "the webmention.io account (default: REPLIES_WEBMENTION_ACCOUNT of pelicanconf.py)",
    "base-url": "the API's address (default: https://webmention.io)", "dry-run": "write nothing"})
def fetch_webmentions_task(c, content=CONFIG["content"], account=None, base_url=None, dry_run=False):
    """Bring in new webmentions of the site's webmention.io account (token: WEBMENTION_IO_TOKEN)."""
    from importers import ImportFailed
    from importers.webmention import DEFAULT_API, TOKEN_ENV, import_webmention_api

    account = account or _settings()["REPLIES_WEBMENTION_ACCOUNT"]
    if not account:
        sys.exit("fetch-webmentions: set REPLIES_WEBMENTION_ACCOUNT in pelicanconf.py (or pass --account)")
    if not os.environ.get(TOKEN_ENV):
        sys.exit(f"fetch-webmentions: put the account's API token in the {TOKEN_ENV} environment variable "
                 "(it is never written to disk)")
    try:
        report = import_webmention_api(None, Path(content), base_url=base_url or DEFAULT_API, domain=account,
                                       dry_run=dry_run)
    except ImportFailed as error:
        sys.exit(f"fetch-webmentions: {error}")
    print(report.format())


@task(name="gh-pages", help={"remote": "the git remote (default: origin)", "branch": "default: gh-pages",
                             "push": "push the branch (default: yes; --no-push to only commit)",
                             "build": "build with publishconf.py first (default: yes)"})
def gh_pages(c, remote="origin", branch="gh-pages", push=True, build=True):
    """Publish output/ to the gh-pages branch with ghp-import (.nojekyll; CNAME from GITHUB_PAGES_CNAME)."""
    from sitetools.ghpages import PublishError
    from sitetools.ghpages import publish as publish_branch

    if build:
        publish(c)
    cname = _settings(CONFIG["settings_publish"]).get("GITHUB_PAGES_CNAME")
    try:
        publish_branch(ROOT / CONFIG["deploy_path"], ROOT, branch=branch, remote=remote, push=push, cname=cname)
    except PublishError as error:
        sys.exit(f"gh-pages: {error}")
    if push:
        print(f"Published {CONFIG['deploy_path']}/: committed to branch {branch} and pushed to {remote}")
    else:
        print(f"Committed {CONFIG['deploy_path']}/ to branch {branch}; not pushed (--no-push): "
              f"git push {remote} {branch} publishes it")


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Serve on http://127.0.0.1:PORT/ and rebuild on every change to content, theme, plugins or settings."""
    from sitetools.livereload import main as livereload_main

    livereload_main(["--settings", str(ROOT / CONFIG["settings_base"]), "--port", str(port)])


@task(help={"posts": "number of posts (default 1000)", "replies": "replies per post (default 20)",
            "runs": "rounds; medians are reported (default 3)", "peer": "also build with pelican-comment-system",
            "browser": "also time the maps in Chromium", "out": "write the Markdown report here too"})
def bench(c, posts=1000, replies=20, runs=3, peer=True, browser=True, out=None):
    """Benchmark against plain Pelican and pelican-comment-system (see benchmarks/bench.py, BENCHMARKS.md)."""
    args = ["--posts", str(posts), "--replies", str(replies), "--runs", str(runs)]
    args += [] if peer else ["--no-peer"]
    args += [] if browser else ["--no-browser"]
    args += ["--out", str(out)] if out else []
    c.run(f"{sys.executable} {ROOT / 'benchmarks' / 'bench.py'} " + " ".join(args), pty=False)
