"""Read reply files: the project's own layout and the pelican-comment-system layout.

``content/replies/<post-slug>/<reply-id>.md`` holds ``Key: value`` lines, a blank line,
then the Markdown body (see ``docs/formats.md``). ``content/comments/<post-slug>/*.md``
(pelican-comment-system) is read as is: lower-case keys, ids from the ``slug`` metadata
or the slugified file name *with* its extension (``1.md`` is ``1md``).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from pelican.utils import get_date, set_date_tzinfo, slugify

from .model import KINDS, STATUSES, Reactions, Reply
from .privacy import redact, safe_url
from .problems import Problems
from .sanitize import render_body

logger = logging.getLogger(__name__)

REPLY_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
REPLY_TO_RE = re.compile(r"^(?:(?P<post>[A-Za-z0-9][A-Za-z0-9_.-]*)/)?(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]*)$")
HEADER_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")
REACTIONS_FILE = "reactions.json"


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """Split ``Key: value`` header lines from the body.

    Keys are lower-cased; an indented line continues the value above it.

    Examples
    --------
    >>> split_metadata("Author: Ada\\nReply-To: b-1\\n\\nHello\\n")
    ({'author': 'Ada', 'reply-to': 'b-1'}, 'Hello\\n')
    >>> split_metadata("No header here\\n")
    ({}, 'No header here\\n')
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    meta: dict[str, str] = {}
    last = None
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if not stripped.strip():
            return meta, "".join(lines[index + 1 :])
        match = HEADER_RE.match(stripped)
        if match:
            last = match["key"].lower()
            meta[last] = match["value"].strip()
        elif last is not None and stripped[:1] in (" ", "\t"):
            meta[last] = f"{meta[last]} {stripped.strip()}"
        else:
            if not meta:
                return {}, text
            return meta, "".join(lines[index:])
    return meta, ""


def read_reply(path: Path, post_slug: str, settings: dict, problems: Problems, *,
               legacy: bool = False, md=None) -> Reply | None:
    """Read one reply file; report what is wrong with it to ``problems``.

    ``md`` is the build's Markdown instance (:func:`replies.sanitize.markdown_converter`),
    reused between replies. Returns None when the file cannot become a reply (an error was
    reported).
    """
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return None
    meta, body = split_metadata(text)
    if legacy:
        meta = _from_comment_system(meta, path)
        reply_id = meta.pop("id")
    else:
        reply_id = path.stem
        if not REPLY_ID_RE.match(reply_id):
            problems.error(where, f"reply id {reply_id!r} (the file name) may hold only letters, "
                                  "digits, '-', '_' and '.', and must start with a letter or digit")
            return None

    ok = True
    kind = meta.get("kind", "reply").strip().lower() or "reply"
    if kind not in KINDS:
        problems.error(where, f"unknown Kind {meta['kind']!r}; use one of {', '.join(KINDS)}")
        ok = False
    status = meta.get("status", "published").strip().lower() or "published"
    if status not in STATUSES:
        problems.error(where, f"unknown Status {meta['status']!r}; use one of {', '.join(STATUSES)}")
        ok = False

    author = " ".join(redact(meta.get("author", "")).split())
    if not author:
        if kind == "deleted":
            author = "[deleted]"
        elif legacy:
            problems.warn(where, "no author; shown as 'Anonymous'")
            author = "Anonymous"
        else:
            problems.error(where, "missing required metadata 'Author'")
            ok = False

    date = None
    raw_date = meta.get("date", "").strip()
    if not raw_date:
        problems.error(where, "missing required metadata 'Date'")
        ok = False
    else:
        try:
            date = set_date_tzinfo(get_date(raw_date), settings.get("TIMEZONE"))
        except (ValueError, OverflowError):
            problems.error(where, f"cannot parse Date {raw_date!r}; use ISO 8601, e.g. 2026-03-04 10:15")
            ok = False

    reply_to = meta.get("reply-to", "").strip() or None
    if reply_to is not None and not REPLY_TO_RE.match(reply_to):
        problems.error(where, f"Reply-To {reply_to!r} is not '<reply-id>' or '<post-slug>/<reply-id>'")
        ok = False

    author_url = None
    if meta.get("author-url"):
        author_url = safe_url(meta["author-url"])
        if author_url is None:
            problems.warn(where, f"Author-URL {meta['author-url']!r} dropped: only http(s) "
                                 "URLs without credentials or private addresses are kept")
    source_url = None
    if kind in ("pingback", "mention"):
        source_url = safe_url(meta.get("source-url"))
        if source_url is None:
            problems.error(where, f"Kind: {kind} needs a Source-URL with an http(s) URL")
            ok = False

    if not body.strip() and kind == "reply" and status == "published":
        problems.warn(where, "empty body")
    if not ok:
        return None

    html, plain = render_body(body, settings["REPLIES_MARKDOWN_EXTENSIONS"], md)
    return Reply(
        id=reply_id,
        post_slug=post_slug,
        source_path=where,
        author=author,
        date=date,
        body_html=html,
        body_text=plain,
        reply_to=reply_to,
        author_url=author_url,
        status=status,
        kind=kind,
        source_url=source_url,
        source_id=meta.get("source-id") or None,
        legacy=legacy,
    )


def _comment_system_id(value: str) -> str:
    """One id for both spellings of a pelican-comment-system comment: ``1.md`` and ``1md``.

    The plugin slugifies the file name; older Pelican dropped the dot (``1md``), current
    Pelican keeps it (``1.md``), and ``replyto`` is written in whichever the site had.

    >>> _comment_system_id("1.md"), _comment_system_id("1md"), _comment_system_id("v1.2")
    ('1md', '1md', 'v1.2')
    """
    return re.sub(r"\.(md|markdown|mkd|mdown|rst|txt|html?)$", r"\1", value.strip())


def _from_comment_system(meta: dict[str, str], path: Path) -> dict[str, str]:
    """Map pelican-comment-system metadata onto this project's keys."""
    out = dict(meta)
    out["id"] = _comment_system_id(meta.get("slug") or slugify(
        path.name, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]))
    if meta.get("replyto"):
        out["reply-to"] = _comment_system_id(meta["replyto"])
    url = meta.get("website") or meta.get("url") or meta.get("author-url")
    if url:
        out["author-url"] = url
    return out


def read_reactions(path: Path, problems: Problems) -> Reactions:
    """Read ``reactions.json`` (likes, reposts, bookmarks) of one post."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        problems.error(where, f"not valid JSON: {exc}")
        return Reactions()
    if not isinstance(data, dict):
        problems.error(where, "must hold a JSON object with lists 'like', 'repost', 'bookmark'")
        return Reactions()
    reactions = Reactions()
    for key, entries in sorted(data.items()):
        if key not in ("like", "repost", "bookmark"):
            problems.warn(where, f"unknown reaction {key!r} ignored; use like, repost or bookmark")
            continue
        if not isinstance(entries, list):
            problems.error(where, f"{key!r} must be a list")
            continue
        clean = []
        for entry in entries:
            entry = entry if isinstance(entry, dict) else {}
            author = " ".join(redact(str(entry.get("author") or "")).split())
            clean.append({"author": author, "url": safe_url(entry.get("url"))})
        setattr(reactions, key, clean)
    return reactions


def reply_files(folder: Path) -> list[Path]:
    """The reply files of one post folder, in a stable order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".md", ".markdown"))
