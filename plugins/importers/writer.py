"""Render imported records in the project's file formats and write them atomically.

Formats: ``docs/formats.md``. Posts become Pelican HTML-reader files, replies ``Key: value``
Markdown files, reactions ``reactions.json``. Every metadata value is flattened to one line
and redacted; every rendered file is redacted once more as a last guard.

Idempotence: a file whose text would not change is left alone (``unchanged``); a file an
earlier import wrote for the same item (same ``Source-Id``) but which differs now (the
source changed, or someone edited it) is ``kept`` unless ``update``; a file that belongs to
something else is never overwritten (``conflict``). Moderation made here lasts: a reply file
keeps its own ``Status`` (``invoke approve`` / ``reject``) whatever the export says, and a
reply deleted with ``invoke reject --delete`` is not written again
(:data:`replies.moderation.DELETED_SOURCES`).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path

from replies.moderation import DELETED_SOURCES, deleted_sources, status_of, with_status
from replies.reader import HEADER_RE  # the reply header the build reads

from .htmltext import clean_fragment, link_remote_media, media_summary, slugify
from .limits import MAX_JSON_DEPTH, json_depth
from .model import REACTION_KINDS, REPLY_ID_RE, ImportedPost, ImportedReply, PlannedFile, Reaction
from .safety import has_private_data, one_line, redact, safe_url
from .sanitize import sanitize_post_html

logger = logging.getLogger(__name__)

REACTIONS_FILE = "reactions.json"


def meta_value(value: object) -> str:
    """A metadata value: one line, no private data.

    Examples
    --------
    >>> meta_value("Ada\\nStatus: spam  (ada@example.org)")
    'Ada Status: spam ([email hidden])'
    """
    return one_line(redact(one_line(value)))


def _attr(value: str) -> str:
    return html.escape(meta_value(value), quote=True)


def _tag_names(tags: list[str]) -> list[str]:
    seen, out = set(), []
    for tag in tags:
        # Pelican splits the tag list on ',' (or on ';' when there is one).
        name = meta_value(re.sub(r"[,;]", " ", tag))
        name = " ".join(name.split())
        if name and slugify(name) and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def render_post(post: ImportedPost) -> str:
    """A post as a Pelican HTML-reader file.

    Images and embedded media in the body become plain links (:func:`link_remote_media`).
    The title goes in ``<title>`` unless it holds ``&``, ``<`` or ``>``: Pelican's HTML
    reader keeps entity references in ``<title>`` as they are written, so such a title goes
    in ``<meta name="title">``, whose value Pelican reads exactly.

    Examples
    --------
    >>> p = ImportedPost("a-b", "A & B", "2012-01-03T10:11:37-07:00", "<p>Hi</p>", "wordpress:x:post:1",
    ...                  "wordpress", author="Ann", tags=["x, y", "z"])
    >>> print(render_post(p))  # doctest: +NORMALIZE_WHITESPACE
    <html>
    <head>
    <meta name="title" content="A &amp; B">
    <meta name="date" content="2012-01-03T10:11:37-07:00">
    <meta name="slug" content="a-b">
    <meta name="author" content="Ann">
    <meta name="tags" content="x y, z">
    <meta name="source-id" content="wordpress:x:post:1">
    </head>
    <body>
    <p>Hi</p>
    </body>
    </html>
    """
    title = meta_value(post.title)
    lines = ["<html>", "<head>"]
    if re.search(r"[&<>]", title):
        lines.append(f'<meta name="title" content="{_attr(title)}">')
    else:
        lines.append(f"<title>{title}</title>")
    lines.append(f'<meta name="date" content="{_attr(post.date)}">')
    lines.append(f'<meta name="slug" content="{_attr(post.slug)}">')
    if post.status:
        lines.append(f'<meta name="status" content="{_attr(post.status)}">')
    if post.replies_closed:
        lines.append('<meta name="replies" content="closed">')
    if meta_value(post.author):
        lines.append(f'<meta name="author" content="{_attr(post.author)}">')
    if meta_value(post.category) and slugify(meta_value(post.category)):
        lines.append(f'<meta name="category" content="{_attr(post.category)}">')
    tags = _tag_names(post.tags)
    if tags:
        lines.append(f'<meta name="tags" content="{_attr(", ".join(tags))}">')
    if safe_url(post.original_url):
        lines.append(f'<meta name="original-url" content="{_attr(post.original_url)}">')
    if re.fullmatch(r"[a-z]{2,3}", post.written_in):
        lines.append(f'<meta name="written-in" content="{post.written_in}">')
    lines.append(f'<meta name="source-id" content="{_attr(post.source_id)}">')
    # The site loads nothing from elsewhere: remote images and embeds become plain links; then
    # the body is cleaned with an allowlist and redacted as the author's own writing (an
    # attribute holding private data is dropped whole, so no link is ever rewritten).
    body, _ = link_remote_media(post.body, base=post.original_url)
    body = sanitize_post_html(clean_fragment(body))
    summary = media_summary(body)  # lists of posts show words, not "[image: ...]" links
    if summary:
        lines.append(f'<meta name="summary" content="{_attr(summary)}">')
    lines = [redact(line) for line in lines]
    lines += ["</head>", "<body>", body, "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def render_reply(reply: ImportedReply) -> str:
    """A reply as a ``Key: value`` Markdown file (``docs/formats.md``).

    Examples
    --------
    >>> r = ImportedReply("p", "wp-7", "2014-04-29T15:21:35+00:00", "wordpress:ex.org:7",
    ...                   author="Tester\\nStatus: spam", body="<p>Hi from 192.0.2.1</p>", reply_to="wp-6")
    >>> print(render_reply(r))
    Author: Tester Status: spam
    Date: 2014-04-29T15:21:35+00:00
    Reply-To: wp-6
    Source-Id: wordpress:ex.org:7
    <BLANKLINE>
    <p>Hi from [address hidden]</p>
    <BLANKLINE>
    """
    lines = []
    author = meta_value(reply.author)
    if author or reply.kind != "deleted":
        lines.append(f"Author: {author or 'Anonymous'}")
    lines.append(f"Date: {meta_value(reply.date)}")
    if reply.date_estimated:
        lines.append("Date-Estimated: yes")
    if reply.reply_to:
        lines.append(f"Reply-To: {meta_value(reply.reply_to)}")
    elif reply.missing_parent and REPLY_ID_RE.match(reply.missing_parent) \
            and not has_private_data(reply.missing_parent):
        lines.append(f"Reply-To-Missing: {reply.missing_parent}")
    author_url = safe_url(reply.author_url)
    if author_url:
        lines.append(f"Author-URL: {meta_value(author_url)}")
    if reply.status != "published":
        lines.append(f"Status: {meta_value(reply.status)}")
    if reply.kind != "reply":
        lines.append(f"Kind: {meta_value(reply.kind)}")
    if reply.not_post_author:
        lines.append("Post-Author: no")
    source_url = safe_url(reply.source_url)
    if source_url:
        lines.append(f"Source-URL: {meta_value(source_url)}")
    lines.append(f"Source-Id: {meta_value(reply.source_id)}")
    body = redact(reply.body or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    body = "\n".join(line.rstrip() for line in body.split("\n")).strip()
    text = "\n".join(lines) + "\n\n" + (body + "\n" if body else "")
    return redact(text)


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """Split a reply file into its metadata (keys in lower case) and its body.

    Examples
    --------
    >>> split_metadata("Author: Ada\\nSource-Id: x:1\\n\\nHello\\n")
    ({'author': 'Ada', 'source-id': 'x:1'}, 'Hello\\n')
    """
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    meta: dict[str, str] = {}
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if not stripped.strip():
            return meta, "".join(lines[index + 1:])
        match = HEADER_RE.match(stripped)
        if not match:
            return meta, "".join(lines[index:])
        meta.setdefault(match["key"].lower(), match["value"].strip())
    return meta, ""


def read_reply_file(path: Path) -> tuple[dict[str, str], str]:
    """Read a reply file: (metadata with lower-case keys, body)."""
    return split_metadata(path.read_text(encoding="utf-8", errors="replace"))


def _existing_source_id(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    if path.suffix == ".html":
        match = re.search(r'<meta\s+name="source-id"\s+content="([^"]*)"', text)
        return html.unescape(match.group(1)) if match else ""
    return split_metadata(text)[0].get("source-id", "")


def existing_reply_sources(content_dir: Path) -> dict[str, Path]:
    """``Source-Id`` of every reply file already in ``<content>/replies``, to its path."""
    found: dict[str, Path] = {}
    root = content_dir / "replies"
    if not root.is_dir():
        return found
    for path in sorted(root.glob("*/*.md")):
        source_id = _existing_source_id(path)
        if source_id:
            found.setdefault(source_id, path)
    return found


def merge_reactions(existing_text: str | None, new: list[Reaction]) -> str:
    """``reactions.json`` with ``new`` added to what is there; an entry already present (same
    URL, or same author without URL) is not added twice.

    Examples
    --------
    >>> old = '{"like": [{"author": "A", "url": "https://a.example/1"}]}'
    >>> print(merge_reactions(old, [Reaction("p", "like", "A", "https://a.example/1"),
    ...                             Reaction("p", "repost", "B", None)]))
    {
      "like": [
        {
          "author": "A",
          "url": "https://a.example/1"
        }
      ],
      "repost": [
        {
          "author": "B"
        }
      ],
      "bookmark": []
    }
    <BLANKLINE>
    """
    if existing_text and json_depth(existing_text) > MAX_JSON_DEPTH:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    data = json.loads(existing_text) if existing_text else {}
    if not isinstance(data, dict):
        raise ValueError("reactions.json does not hold a JSON object")
    out: dict[str, list] = {}
    for kind in (*REACTION_KINDS, *[k for k in data if k not in REACTION_KINDS]):
        entries = data.get(kind) or []
        out[kind] = list(entries) if isinstance(entries, list) else entries

    def key(entry: dict) -> tuple:
        return ("url", entry.get("url")) if entry.get("url") else ("author", entry.get("author", ""))

    for reaction in new:
        entry: dict[str, str] = {}
        author = meta_value(reaction.author)
        url = safe_url(reaction.url)
        if author:
            entry["author"] = author
        if url:
            entry["url"] = url
        present = {key(e) for e in out[reaction.kind] if isinstance(e, dict)}
        if key(entry) not in present:
            out[reaction.kind].append(entry)
    return redact(json.dumps(out, indent=2, ensure_ascii=False) + "\n")


def _plan(path: Path, text: str, source_id: str, *, update: bool, former: str = "") -> PlannedFile:
    """What happens to ``path``; ``former`` is a Source-Id an earlier import gave the same item."""
    if not path.exists():
        return PlannedFile(path, text, "create")
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return PlannedFile(path, text, "conflict", "exists and cannot be read as UTF-8")
    if current == text:
        return PlannedFile(path, text, "unchanged")
    held = _existing_source_id(path)
    if former and held == former and current == text.replace(f"\nSource-Id: {source_id}\n",
                                                             f"\nSource-Id: {former}\n", 1):
        return PlannedFile(path, text, "update", f"Source-Id {former} is now {source_id}")
    if held != source_id and not (former and held == former):
        return PlannedFile(path, text, "conflict", "exists and was not written by this import")
    if update:
        return PlannedFile(path, text, "update")
    # Edited here, or the export changed, or (links between imported posts) the posts now in the
    # content folder change what this import writes: the file is not blamed on anyone.
    return PlannedFile(path, text, "kept", "imported before; this import would now write it otherwise "
                                           "(edited here, or the export or the posts around it changed); "
                                           "--update overwrites it")


def plan_files(content_dir: Path, posts: list[ImportedPost], replies: list[ImportedReply],
               reactions: list[Reaction], *, update: bool = False) -> tuple[list[PlannedFile], list[str]]:
    """Decide, for every record, which file it becomes and what happens to that file.

    Returns
    -------
    tuple of (list of PlannedFile, list of str)
        The planned files, and notes on replies left out because an earlier import wrote
        them under another path.
    """
    planned: list[PlannedFile] = []
    notes: list[str] = []
    for post in posts:
        planned.append(_plan(content_dir / post.relpath, render_post(post), post.source_id, update=update))
    known = existing_reply_sources(content_dir)
    deleted = deleted_sources(content_dir)
    skipped, moderated, renamed = 0, 0, 0
    for reply in replies:
        path = content_dir / reply.relpath
        other = known.get(reply.source_id)
        former = ""
        if other is None and reply.former_source_ids and path.is_file():
            # Written before under a Source-Id it shared with another comment of the export.
            held = _existing_source_id(path)
            if held in reply.former_source_ids:
                other, former = path, held
        if other is not None and other != path:
            notes.append(f"{reply.source_id}: already imported as {other}; not written again")
            continue
        if reply.source_id in deleted or (not path.exists() and deleted.intersection(reply.former_source_ids)):
            # (an old Source-Id shared by several comments: the one whose file is gone was deleted)
            skipped += 1
            continue
        text = render_reply(reply)
        if other == path:  # imported before: the Status given here (approve, reject) stays
            current = path.read_text(encoding="utf-8", errors="replace")
            if status_of(current) != status_of(text):
                text = with_status(text, status_of(current))
                moderated += 1
        planned.append(_plan(path, text, reply.source_id, update=update, former=former))
        renamed += bool(former) and planned[-1].action == "update"
    if skipped:
        notes.append(f"{skipped} repl{'y' if skipped == 1 else 'ies'} deleted here with invoke reject --delete "
                     f"not written again (listed in replies/{DELETED_SOURCES})")
    if renamed:
        notes.append(f"{renamed} repl{'y takes' if renamed == 1 else 'ies take'} a new Source-Id, told apart "
                     "from another comment of the export with the same id (see above)")
    if moderated:
        notes.append(f"{moderated} repl{'y keeps' if moderated == 1 else 'ies keep'} the Status given here "
                     "(invoke approve / reject), not the export's")
    by_post: dict[str, list[Reaction]] = {}
    for reaction in reactions:
        by_post.setdefault(reaction.post_slug, []).append(reaction)
    for slug, items in sorted(by_post.items()):
        path = content_dir / "replies" / slug / REACTIONS_FILE
        current = None
        if path.exists():
            current = path.read_text(encoding="utf-8", errors="replace")
        try:
            text = merge_reactions(current, items)
        except ValueError as exc:
            planned.append(PlannedFile(path, current or "", "conflict", f"not valid JSON ({exc})"))
            continue
        action = "create" if current is None else ("unchanged" if current == text else "update")
        planned.append(PlannedFile(path, text, action, "reactions merged" if action == "update" else ""))
    return planned, notes


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    The temporary name starts with ``.#``, which Pelican ignores, so a build that runs during
    an import never reads a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".#{path.name}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def apply(planned: list[PlannedFile]) -> int:
    """Write every planned file whose action is ``create`` or ``update``; return how many."""
    written = 0
    for item in planned:
        if item.writes:
            write_atomic(item.path, item.text)
            written += 1
    return written
