"""Check reply files before they are merged or approved (``invoke check-replies [PATHS]``).

The build's own rules and messages: every reply of the site is read with
:func:`.reader.read_reply` through :meth:`.generator.RepliesGenerator.read_all` and threaded
with :func:`.threads.build_threads` (metadata, dates, parents, cycles, duplicate ids, folders
without a post), so a pull request is judged exactly as the next build will judge it. Only
the problems of the files asked about are reported; the rest of the site gives them context.

Three checks are added for files someone proposes, because the build would quietly mend
them while the file itself stays public in the repository:

* private data: an email or IP address in the name, the website or the text (an error);
* the template left as it was: ``Author: Your name``, the placeholder text, or (from a link
  followed without JavaScript) a file name ending in ``your-name`` (an error; the build itself
  refuses the placeholder ``Date: YYYY-MM-DD HH:MM``);
* markup that publishing would remove, e.g. ``<script>`` or ``<iframe>`` (a warning).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from .authoring import post_slugs, replies_value
from .generator import RepliesGenerator
from .post_emails import neutral_slugs_of
from .privacy import has_private_data, printable, redact
from .problems import Problems
from .reader import REPLY_TO_RE, split_metadata, stray_message
from .reply_links import PLACEHOLDER_AUTHOR, PLACEHOLDER_BODY, PLACEHOLDER_NAME_PART, is_template_id, replies_closed
from .sanitize import ALLOWED_TAGS, render_markdown
from .settings import check_settings
from .site_links import has_placeholder, look_up
from .threads import build_threads, ids_of, no_parent

# Tags publishing turns into something else rather than dropping (see sanitize.clean_html).
_CONVERTED_TAGS = {"img", "h1", "h2", "address", "acronym"}  # sanitize.clean_html keeps them as others
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}


class CollectedProblems(Problems):
    """:class:`.problems.Problems` that only collects (the check prints what it selects)."""

    # check_proposed_file errs on what the reader would warn about, and check_replies on the files
    # read_all lists but does not read (strays, misplaced replies)
    checking_proposed = True

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")


@dataclass
class CheckReport:
    """What ``check-replies`` found in the files it was asked about."""

    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def format(self, strict: bool = False) -> str:
        lines = [f"error: {e}" for e in self.errors] + [f"warning: {w}" for w in self.warnings]
        verdict = "FAILED" if self.failed(strict) else "OK"
        files = "1 reply file" if len(self.files) == 1 else f"{len(self.files)} reply files"
        lines.append(f"{verdict}: {files} checked, {len(self.errors)} error(s), {len(self.warnings)} warning(s)"
                     + (" (warnings fail: strict)" if strict and self.warnings else ""))
        return "\n".join(lines)


    def annotations(self) -> str:
        """The problems as GitHub Actions annotations, shown on the pull request's changed lines.

        Examples
        --------
        >>> report = CheckReport(errors=["content/replies/a/1.md: missing required metadata 'Author'"],
        ...                      warnings=["content/replies/a/2.md: 100% odd"])
        >>> print(report.annotations())
        ::error file=content/replies/a/1.md,title=check-replies::missing required metadata 'Author'
        ::warning file=content/replies/a/2.md,title=check-replies::100%25 odd
        """
        lines = []
        for level, found in (("error", self.errors), ("warning", self.warnings)):
            for problem in found:
                path, _, message = problem.partition(": ")
                if "hidden]" in path:  # names no file GitHub has: the line goes to the run, with the path
                    lines.append(f"::{level} title=check-replies::{_escape(problem)}")
                else:
                    lines.append(f"::{level} file={_escape(path, True)},title=check-replies::{_escape(message)}")
        return "\n".join(lines)


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def removed_markup(body: str, extensions: list[str]) -> list[str]:
    """Tags and script attributes in a reply's Markdown that publishing would remove (sorted, each once).

    Examples
    --------
    >>> removed_markup("Hi <script>alert(1)</script> and <iframe src='x'></iframe>, *ok*", [])
    ['<iframe>', '<script>']
    >>> removed_markup('<a href="https://example.org/" onclick="steal()" onMouseOver="x()">a link</a>', [])
    ['the onclick attribute', 'the onmouseover attribute']
    >>> removed_markup("A [link](https://example.org/) and ![a picture](https://example.org/p.png)", [])
    []
    """
    soup = BeautifulSoup(render_markdown(body, extensions), "html.parser")
    tags = soup.find_all(True)
    names = {tag.name for tag in tags}
    handlers = {name.lower() for tag in tags for name in tag.attrs if name.lower().startswith("on")}
    return ([f"<{name}>" for name in sorted(names - ALLOWED_TAGS - _CONVERTED_TAGS)]
            + [f"the {name} attribute" for name in sorted(handlers)])


def check_proposed_file(path: Path, settings: dict, problems: Problems, *, closed: bool = False) -> None:
    """The checks added for proposed files: private data, the untouched template, removed markup, and
    (``closed``) a reply written for a post that says ``Replies: closed``."""
    where = str(path)
    try:
        meta, body = split_metadata(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return  # read_reply has reported it
    # A reply waiting for approval under a closed post (the replies it had when it closed are no news)
    if closed and (meta.get("status") or "").strip().lower() == "pending":
        problems.warn(where, "its post says 'Replies: closed': approved, it would be shown all the same; "
                             "reject it, or open the post again (Replies: open)")
    for key, label in (("author", "Author"), ("author-url", "Author-URL")):
        if has_private_data(meta.get(key, "")):
            problems.error(where, f"{label} holds an email or IP address; remove it (the file is public "
                                  "in the repository even though the site would hide it)")
    if has_private_data(body):
        problems.error(where, "the text holds an email or IP address; remove it (the file is public in "
                              "the repository even though the site would hide it)")
    if is_template_id(path.stem):
        problems.error(where, f"the file name still holds the template's {PLACEHOLDER_NAME_PART!r}; rename the "
                              f"file with your name in its place (e.g. {_renamed(path.name)}) so that two "
                              "readers don't pick the same file")
    if meta.get("author", "").strip() == PLACEHOLDER_AUTHOR:
        problems.error(where, f"Author is still the template's {PLACEHOLDER_AUTHOR!r}; put the name to show")
    if PLACEHOLDER_BODY in body:
        problems.error(where, "the text still holds the template's placeholder; write the reply in its place")
    # Advice to write Markdown is for the person writing the file, not for a comment an importer brought in.
    removed = [] if meta.get("source-id") else removed_markup(body, settings["REPLIES_MARKDOWN_EXTENSIONS"])
    if removed:
        dropped = [t for t in removed if t.strip("<>") in _DROPPED_WITH_CONTENT]
        note = f" ({', '.join(dropped)} with everything inside)" if dropped else ""
        problems.warn(where, f"publishing removes {', '.join(removed)}{note}; use Markdown instead")


def _renamed(name: str) -> str:
    """An example of the file name with a name in place of the placeholder.

    >>> _renamed("3ad1ca-your-name.md")
    '3ad1ca-ada-park.md'
    """
    return re.sub(re.escape(PLACEHOLDER_NAME_PART), "ada-park", name, flags=re.IGNORECASE)


def _is_article(rel: str, settings: dict) -> bool:
    """Whether the content file at ``rel`` (from the content folder, ``/`` between folders) is one Pelican
    reads as a post: under one of ``ARTICLE_PATHS`` and none of ``ARTICLE_EXCLUDES``, and neither its
    name nor a folder's on the way down from that path matching ``IGNORE_FILES`` (as Pelican walks).

    >>> s = {"ARTICLE_PATHS": ["posts", "imported"], "ARTICLE_EXCLUDES": ["pages", "posts/drafts"]}
    >>> [_is_article(p, s) for p in ("posts/a.md", "imported/x/b.md", "pages/c.md", "posts/drafts/d.md", "e.md")]
    [True, True, False, False, False]
    >>> _is_article("e.md", {"ARTICLE_PATHS": [""], "ARTICLE_EXCLUDES": []})
    True
    >>> s["IGNORE_FILES"] = ["_*", "*.bak.md"]
    >>> [_is_article(p, s) for p in ("posts/_wip/a.md", "posts/a.bak.md", "posts/_b.md", "posts/x_y/c.md")]
    [False, False, False, True]
    """
    def under(folder: str) -> bool:
        folder = str(folder).strip("/")
        return folder in ("", ".") or rel == folder or rel.startswith(folder + "/")

    def ignored(folder: str) -> bool:
        folder = str(folder).strip("/")
        below = rel.split("/") if folder in ("", ".") else rel[len(folder) + 1:].split("/")
        return any(fnmatch.fnmatch(name, pattern) for name in below for pattern in settings.get("IGNORE_FILES") or [])

    paths = [p for p in settings.get("ARTICLE_PATHS") or [""] if under(p)]
    return (any(not ignored(p) for p in paths)
            and not any(under(e) for e in settings.get("ARTICLE_EXCLUDES") or [] if str(e).strip("/") not in ("", ".")))


def _content_files(content: Path, roots: list[Path]) -> dict[str, object]:
    """Every file of ``content`` Pelican could make a post or page of (path from ``content`` -> a stand-in
    with a ``url``), the reply folders left out: what a reply's ``{filename}`` link may name."""
    known: dict[str, object] = {}
    skip = {r.resolve() for r in roots}
    for folder, subfolders, files in os.walk(content):
        subfolders[:] = sorted(d for d in subfolders if (Path(folder) / d).resolve() not in skip)
        for name in files:
            path = Path(folder) / name
            if name.lower().endswith((".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst")) \
                    and not _DRAFT_RE.search(path.read_bytes()[:4096].decode("utf-8", "replace")):
                known[path.relative_to(content).as_posix()] = _Found
    return known


# A draft's metadata (Markdown "Status: draft", reST ":status: draft", HTML <meta name="status" content="draft">)
_DRAFT_RE = re.compile(r"(?im)^:?status:\s*draft\s*$|<meta\s+name=[\"']status[\"']\s+content=[\"']draft")


class _Found:
    url = ""


def _selected(files: list[Path], paths: list[Path] | None) -> list[Path]:
    if not paths:
        return files
    wanted = [p.resolve() for p in paths]
    return [f for f in files if any(f.resolve() == w or w in f.resolve().parents for w in wanted)]


def _unread_parents(files: list[Path], paths: list[Path] | None, replies: list, problems: Problems,
                    as_published: set[Path] = frozenset(), renamed: dict[str, str] | None = None) -> None:
    """A file the build cannot read (no Author, a bad Date) is not threaded, so a wrong ``Reply-To`` in
    it would be named only once the rest is mended: its parent is looked for here, so one run names both.
    As for a reply read, only when it would be shown (``Status: published``, or one of ``as_published``).
    ``renamed``: a post's slug as written -> the one the build gives it (its folder is read as that post's)."""
    renamed = renamed or {}

    def post_of(name: str) -> str:
        return renamed.get(name, name)

    read = {str(r.source_path) for r in replies}
    keys = {r.key for r in replies} | {f"{post_of(f.parent.name)}/{f.stem}" for f in files}
    ids_by_post = None
    for file in _selected(files, paths):
        if str(file) in read or not file.is_file():
            continue
        try:
            meta, _ = split_metadata(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # the reader named it already
        shown = (meta.get("status", "").strip().lower() or "published") == "published"
        if not shown and file.resolve() not in as_published:
            continue  # a pending or hidden reply's parent is not looked for (threads.build_threads)
        reply_to = meta.get("reply-to", "").strip()
        if not reply_to or not REPLY_TO_RE.match(reply_to):
            continue  # to the post, or a form the reader named already
        slug, _, rid = reply_to.rpartition("/")
        pkey = f"{post_of(slug or file.parent.name)}/{rid}"
        if pkey not in keys:
            ids_by_post = ids_of(keys) if ids_by_post is None else ids_by_post
            problems.warn(str(file), no_parent(reply_to, pkey, post_of(file.parent.name), ids_by_post)
                          + "; once the file can be read it is shown under the post, marked as detached")


def check_replies(content: Path, settings: dict, paths: list[Path] | None = None, *,
                  as_published: list[Path] | None = None) -> CheckReport:
    """Check reply files with the build's rules (and the three added checks).

    Parameters
    ----------
    content : Path
        The site's content folder; every reply in it is read, so parents and duplicate ids
        are judged against the whole site.
    settings : dict
        Pelican settings (``TIMEZONE`` and the ``REPLIES_*`` keys are used).
    paths : list of Path, optional
        Reply files or folders to report on; all replies when None or empty.
    as_published : list of Path, optional
        Reply files judged as if their ``Status`` were ``published`` (``invoke approve`` asks
        how the build will take them once shown: a pending reply's parent is not looked for).

    Returns
    -------
    CheckReport
        The files checked and their errors and warnings, each naming its file.

    Raises
    ------
    FileNotFoundError
        A path that does not exist, or that is not a reply file under the replies folders.
    """
    settings = check_settings(dict(settings))
    settings.update(LOAD_CONTENT_CACHE=False, CACHE_CONTENT=False)  # a check reads afresh and writes nothing
    content = Path(content)
    roots = [content / settings["REPLIES_PATH"]]
    if settings["REPLIES_LEGACY_PATH"]:
        roots.append(content / settings["REPLIES_LEGACY_PATH"])
    for path in paths or []:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        resolved = path.resolve()
        if not any(resolved == r.resolve() or r.resolve() in resolved.parents for r in roots):
            raise FileNotFoundError(f"{path}: not under {roots[0]} (a reply is "
                                    f"{roots[0]}/<post-slug>/<reply-id>.md; for another site's replies, name "
                                    "its content folder: --content DIR)")

    problems = CollectedProblems(strict=False)
    generator = RepliesGenerator({}, settings, content, None, content)
    # Posts only, as the build reads them: under ARTICLE_PATHS, not under ARTICLE_EXCLUDES (Pelican adds
    # PAGE_PATHS there), nor IGNORE_FILES; a page's reply folder is one with no post to the build, and to the
    # check. Left out before two files with one slug are told apart (an ignored backup beside its post).
    posts = post_slugs(content, lambda p: _is_article(p.relative_to(content).as_posix(), settings)) \
        if content.is_dir() else {}
    renamed = {}  # a Slug holding an email: the build gives the post a neutral one (post_emails)
    if settings["REPLIES_POST_EMAILS"] != "publish":
        renamed = neutral_slugs_of(posts, content, settings)
        for slug, new in renamed.items():
            posts[new] = posts.pop(slug)
    replies, _, listed = generator.read_all(posts, problems, renamed)  # strays and misplaced files: not warned of
    if as_published:
        chosen = {Path(p).resolve() for p in as_published}
        names = {p.name for p in chosen}
        for reply in replies:
            if Path(reply.source_path).name in names and Path(reply.source_path).resolve() in chosen:
                reply.status = "published"
    build_threads(replies, problems)
    _unread_parents(listed.reply_files, paths, replies, problems,
                    {Path(p).resolve() for p in as_published or []}, renamed)

    folders = listed.folders
    selected = _selected(listed.reply_files, paths)
    own_root = roots[0].resolve()
    # (approve is the maintainer's own decision to show a reply: no warning about the post being closed then)
    closed = set() if as_published else {slug for slug, post in posts.items() if replies_closed(replies_value(post))}
    closed |= {written for written, slug in renamed.items() if slug in closed}  # its folder named as written
    for file in selected:
        if own_root in file.resolve().parents:
            check_proposed_file(file, settings, problems, closed=file.parent.name in closed)
    # A link to another post by its file ({filename}/posts/x.md) must name one, and no other placeholder
    # ({static}...) is read in a reply: the build warns (and stops, when strict) on them.
    wanted = {str(f) for f in selected}
    known = None
    for reply in replies:
        if str(reply.source_path) in wanted and has_placeholder(reply.body_html):
            known = _content_files(content, roots) if known is None else known
            look_up(reply, known, problems)

    # A file in a reply folder that the build would not read (a reply saved as .txt): an error here, so a
    # pull request that adds one fails instead of passing with "0 reply files checked".
    strays = _selected(listed.strays, paths)
    for file in strays:
        problems.error(str(file), stray_message(file))
    misplaced = dict(listed.misplaced)
    for file in _selected(list(misplaced), paths):  # a reply file where the build does not look
        problems.error(str(file), misplaced[file])
        strays.append(file)

    prefixes = [f"{f}: " for f in (*selected, *strays)]
    prefixes += [f"{d}: " for d in folders if any(d in f.parents for f in (*selected, *strays))]
    report = CheckReport(files=selected)
    # Its output goes to a CI log and to the pull request's annotations, often public: a file named
    # after an address is named with the address hidden, as the build's own log names it.
    report.errors = [printable(redact(e)) for e in problems.errors if e.startswith(tuple(prefixes))]
    report.warnings = [printable(redact(w)) for w in problems.warnings if w.startswith(tuple(prefixes))]
    return report
