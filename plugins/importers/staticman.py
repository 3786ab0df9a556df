"""Import Staticman comment data: one YAML or JSON file per comment, one folder per post.

Staticman commits each comment as a file, usually ``_data/comments/<post-slug>/<entry>.yml``
(or ``.json``). Pass either that ``comments`` folder (each sub-folder is a post) or one
post's folder. The folder name is matched to a post of the content folder by slug (also
without a ``YYYY-MM-DD-`` prefix); folders that match no post are skipped and listed.

Fields read: ``_id`` (else the file name), ``name``, ``url``/``website``, ``message`` (or
``comment``/``body``/``text``; Markdown, written as is), ``date`` (ISO, Unix seconds or
milliseconds; else a timestamp in the file name). Threading: ``reply_to``,
``replying_to_uid``, ``replying_to`` or ``_parent``, whichever names the ``_id`` of another
entry of the same post (``_parent`` often holds the post's URL instead: then the entry is
a reply to the post). ``email`` (often an MD5 hash) is never read. An entry marked
``hidden: true`` or ``spam: true`` is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from .dates import parse_date
from .limits import load_json, load_yaml
from .model import REPLY_ID_RE, ImportedReply, ImportFailed, ImportReport
from .pipeline import finish
from .safety import clean_name, one_line, safe_url
from .site import scan_content
from .threads import Candidate, resolve_thread

logger = logging.getLogger(__name__)

SUFFIXES = (".yml", ".yaml", ".json")
MAX_ENTRY_BYTES = 1 << 20
PARENT_FIELDS = ("reply_to", "replying_to_uid", "replying_to", "_parent")
MESSAGE_FIELDS = ("message", "comment", "body", "text", "content")
_SCALARS = (str, int, float)


def _load_entry(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            raise ImportFailed(f"{path}: larger than {MAX_ENTRY_BYTES} bytes; not a comment entry")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    # Bounded loaders (limits.py): nesting limit, no YAML aliases, errors name file and line.
    data = load_json(text, str(path)) if path.suffix == ".json" else load_yaml(text, str(path))
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: a Staticman entry must be a mapping of fields, not "
                           f"{type(data).__name__}")
    return {str(k).lower(): v for k, v in data.items()}


def _scalar(entry: dict, *names: str) -> str:
    for name in names:
        value = entry.get(name)
        if isinstance(value, bool) or not isinstance(value, _SCALARS):
            continue
        text = str(value).strip()
        if text:
            return text
    return ""


def _truthy(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes", "1"))


def _post_folders(source: Path) -> list[Path]:
    if not source.is_dir():
        raise ImportFailed(f"{source}: not a folder (pass the Staticman comments folder, or one "
                           "post's folder of entries)")
    if any(p.is_file() and p.suffix in SUFFIXES for p in source.iterdir()):
        return [source]
    return sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def _reply_id(raw_id: str, path: Path) -> str:
    rid = f"sm-{raw_id}"
    if raw_id and REPLY_ID_RE.match(rid) and len(rid) <= 100:
        return rid
    key = raw_id or path.name
    return "sm-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def read_staticman(source: Path, content_dir: Path, report: ImportReport) -> list[ImportedReply]:
    """Read every entry first (a bad file stops the import before anything is written)."""
    index = scan_content(content_dir)
    folders = _post_folders(source)
    loaded: list[tuple[Path, list[tuple[Path, dict]]]] = []
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)
        loaded.append((folder, [(path, _load_entry(path)) for path in files]))
    if not any(entries for _, entries in loaded):
        raise ImportFailed(f"{source}: no Staticman entries (*.yml, *.yaml, *.json) found")

    replies: list[ImportedReply] = []
    for folder, entries in loaded:
        if not entries:
            continue
        post = index.find_slug(folder.name)
        if post is None:
            report.skip("comment on a post that is not in the content folder", count=len(entries))
            report.note(f"{folder.name}: no post with this slug in the content folder; "
                        f"its {len(entries)} comment(s) skipped")
            continue
        raw_ids = {}
        for path, entry in entries:
            raw_ids[path] = _scalar(entry, "_id", "id") or path.stem
        id_map = {raw: _reply_id(raw, path) for path, raw in raw_ids.items()}
        candidates = []
        for path, entry in entries:
            raw_id = raw_ids[path]
            rid = id_map[raw_id]
            date = parse_date(entry.get("date")) if not isinstance(entry.get("date"), (list, dict)) else None
            if not date:
                stamp = re.search(r"(\d{10,13})", path.stem)
                date = parse_date(stamp.group(1)) if stamp else None
            keep, reason = True, ""
            if _truthy(entry.get("hidden")) or _truthy(entry.get("spam")):
                keep, reason = False, "entry marked hidden or spam"
            elif not date:
                keep, reason = False, "entry without a date"
            parent = None
            for name in PARENT_FIELDS:
                value = _scalar(entry, name)
                if value and value in id_map and value != raw_id:
                    parent = id_map[value]
                    break
                if value and name != "_parent" and not safe_url(value):
                    report.note(f"{folder.name}/{path.name}: {name} {one_line(value)!r} names no "
                                "entry of this post; attached to the post")
            message = _scalar(entry, *MESSAGE_FIELDS)
            reply = ImportedReply(
                post_slug=post.slug, reply_id=rid, date=date or "",
                source_id=f"staticman:{folder.name}:{raw_id}",
                author=clean_name(_scalar(entry, "name", "author")) or "Anonymous",
                author_url=safe_url(_scalar(entry, "url", "website", "link")),
                body=message,
            )
            candidates.append(Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason))
        earliest = min((c.reply.date for c in candidates if c.reply.date), default="")
        for cand in candidates:
            cand.reply.date = cand.reply.date or earliest
        candidates.sort(key=lambda c: (c.reply.date, c.reply.reply_id))
        replies.extend(resolve_thread(candidates, report, where=f"{folder.name}"))
    report.posts_existing = len({r.post_slug for r in replies})
    return replies


def import_staticman(source: Path, content_dir: Path, *, dry_run: bool = False,
                     update: bool = False) -> ImportReport:
    """Import Staticman comment entries (YAML or JSON) onto the posts of ``content_dir``.

    Parameters
    ----------
    source : Path
        The Staticman data folder (``_data/comments``: one sub-folder per post slug), or the
        folder of one post.
    content_dir : Path
        The Pelican content folder.
    dry_run : bool
        Read, check and plan, but write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same entries when they differ now.

    Returns
    -------
    ImportReport

    Raises
    ------
    ImportFailed
        An entry cannot be read or parsed (the message names file, line and column), or there
        are no entries; nothing has been written.
    """
    source, content_dir = Path(source), Path(content_dir)
    report = ImportReport("Staticman", str(source))
    replies = read_staticman(source, content_dir, report)
    return finish(report, content_dir, [], replies, dry_run=dry_run, update=update)
