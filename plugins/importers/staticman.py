"""Import Staticman comment data: one YAML or JSON file per comment.

Layouts read (pass the ``comments`` folder, or one post's folder):

* Jekyll: ``_data/comments/<post-slug>/<entry>.yml`` (or ``.json``), a folder per post, matched
  to a post of the content folder by slug (also without a ``YYYY-MM-DD-`` prefix);
* Eleventy: entries side by side with the post named in a field (``post_slug``, ``postId``,
  ``slug``, ``post``, ``page``: a slug or the post's URL);
* one post's folder of entries, named by the post's slug.

An entry lying directly in the comments folder beside post folders belongs to the post it
names, never to a post called "comments"; one that names none is skipped and listed, as are
files that are not entries. Folders and names that match no post are skipped and listed.

Fields read: ``_id`` (else the file name), ``name``, ``url``/``website``, ``message`` (or
``comment``/``body``/``text``; Markdown, written as is), ``date`` (ISO, Unix seconds or
milliseconds; else a timestamp in the file name). Threading: ``reply_to``,
``replying_to_uid``, ``replying_to`` or ``_parent``, whichever names the ``_id`` of another
entry of the same post (``_parent`` often holds the post's URL instead: then the entry is
a reply to the post); ``replying_to: '3'`` (Made Mistakes / Minimal Mistakes) is the 3rd
top-level comment of the post, in file-name order. ``email`` (often an MD5 hash) is never
read. An entry marked ``hidden: true`` or ``spam: true`` is skipped.
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
from .safety import clean_name, has_private_data, one_line, safe_url
from .site import PostIndex, missing_posts_advice, scan_content, url_slug_candidates
from .threads import Candidate, resolve_thread

logger = logging.getLogger(__name__)

SUFFIXES = (".yml", ".yaml", ".json")
MAX_ENTRY_BYTES = 1 << 20
PARENT_FIELDS = ("reply_to", "replying_to_uid", "replying_to", "_parent")
# Fields that name an entry's post when entries do not sit in a folder per post (Eleventy).
POST_FIELDS = ("post_slug", "postslug", "post_id", "postid", "slug", "post", "page", "page_url", "permalink")
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


def _entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)


def _layout(source: Path, report: ImportReport) -> tuple[list[Path], list[Path]]:
    """(post folders, entry files lying directly in ``source``); other files are reported."""
    if not source.is_dir():
        raise ImportFailed(f"{source}: not a folder (pass the Staticman comments folder, or one "
                           "post's folder of entries)")
    folders = sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders = [f for f in folders if _entry_files(f)]
    ignored = sorted(p.name for p in source.iterdir()
                     if p.is_file() and not p.name.startswith(".") and p.suffix not in SUFFIXES)
    for folder in folders:
        ignored += sorted(f"{folder.name}/{p.name}" for p in folder.iterdir()
                          if not p.name.startswith(".") and (p.is_dir() or p.suffix not in SUFFIXES))
    if ignored:
        report.skip("file or folder that is not a Staticman entry", count=len(ignored))
        shown = ", ".join(ignored[:10]) + (f" and {len(ignored) - 10} more" if len(ignored) > 10 else "")
        report.note(f"{source.name}: not Staticman entries (*.yml, *.yaml, *.json), ignored: {shown}")
    return folders, _entry_files(source)


def _named_post(entry: dict, index: PostIndex):
    """The post an entry names in a field (the Eleventy layout), or None."""
    for name in POST_FIELDS:
        value = _scalar(entry, name)
        if not value:
            continue
        post = index.find_url(value) if "/" in value else index.find_slug(value)
        if post is None and "/" in value:
            post = next((index.find_slug(c) for c in url_slug_candidates(value) if index.find_slug(c)), None)
        if post is not None:
            return post
    return None


def _group(source: Path, index: PostIndex, report: ImportReport) -> dict[str, tuple[str, list]]:
    """Entries by the slug of their post: ``{slug: (label, [(path, entry), ...])}``.

    A sub-folder is a post (named by the folder); an entry lying directly in ``source``
    belongs to the post it names in a field (``post_slug``, ``slug``, ``post``, ...); if no
    sub-folder holds entries, the others are ``source``'s own, as when one post's folder is
    passed. The rest are skipped and reported, never read as a post called "comments".
    """
    folders, loose = _layout(source, report)
    loaded_loose = [(path, _load_entry(path)) for path in loose]
    loaded = [(folder, [(path, _load_entry(path)) for path in _entry_files(folder)]) for folder in folders]
    if not loaded_loose and not loaded:
        raise ImportFailed(f"{source}: no Staticman entries (*.yml, *.yaml, *.json) found")
    groups: dict[str, tuple[str, list]] = {}
    unmatched: dict[str, int] = {}

    def add(post, label: str, items: list) -> None:
        if post is None:
            unmatched[label] = unmatched.get(label, 0) + len(items)
            return
        groups.setdefault(post.slug, (label, []))[1].extend(items)

    for folder, items in loaded:
        add(index.find_slug(folder.name), folder.name, items)
    own: list = []
    for path, entry in loaded_loose:
        post = _named_post(entry, index)
        named = next((_scalar(entry, n) for n in POST_FIELDS if _scalar(entry, n)), "")
        if post is not None:
            add(post, post.slug, [(path, entry)])
        elif named:
            add(None, named, [(path, entry)])
        else:
            own.append((path, entry))
    if own and folders:
        report.skip("entry directly in the comments folder that names no post", count=len(own))
        report.note(f"{source.name}: {len(own)} entr{'y' if len(own) == 1 else 'ies'} lying directly in "
                    "the folder, beside the post folders, name no post (no post_slug, slug or post "
                    f"field); skipped: {', '.join(p.name for p, _ in own[:10])}")
    elif own:
        post = index.find_slug(source.name)
        if post is None:
            report.note(f"{source.name}: its entries lie directly in the folder and name no post (no "
                        "post_slug, slug or post field), so the folder was taken for one post's folder")
        add(post, source.name, own)
    for label, count in sorted(unmatched.items()):
        report.skip("comment on a post that is not in the content folder", count=count)
        report.note(f"{label}: no post with this slug in the content folder; its {count} comment(s) skipped")
    if unmatched:
        report.todo.append(missing_posts_advice("comments", sum(unmatched.values()), index, None))
    return groups


def _reply_id(raw_id: str, path: Path) -> str:
    rid = f"sm-{raw_id}"
    # an id that reads as an address is no file name: a digest of it instead
    if raw_id and REPLY_ID_RE.match(rid) and len(rid) <= 100 and not has_private_data(raw_id):
        return rid
    key = raw_id or path.name
    return "sm-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _parent(entry: dict, raw_id: str, id_map: dict[str, str], top_level: list[str],
            where: str, report: ImportReport) -> str | None:
    """The reply id of an entry's parent: a field naming another entry's ``_id``, or
    ``replying_to: 'N'``, the N-th top-level comment of the post (by file name, from 1)."""
    named = []
    for name in PARENT_FIELDS:
        value = _scalar(entry, name)
        if value and value in id_map and value != raw_id:
            return id_map[value]
        if value and name != "_parent" and not safe_url(value):
            named.append((name, value))
    for name, value in named:
        if name == "replying_to" and value.isdigit() and 1 <= int(value) <= len(top_level):
            parent = top_level[int(value) - 1]
            return parent if parent != id_map.get(raw_id) else None
    for name, value in named:
        report.note(f"{where}: {name} {one_line(value)!r} names no entry of this post; attached to the post")
    return None


def read_staticman(source: Path, content_dir: Path, report: ImportReport) -> list[ImportedReply]:
    """Read every entry first (a bad file stops the import before anything is written)."""
    index = scan_content(content_dir)
    groups = _group(source, index, report)
    replies: list[ImportedReply] = []
    for slug, (label, entries) in sorted(groups.items()):
        entries.sort(key=lambda item: item[0].name)
        raw_ids = {path: _scalar(entry, "_id", "id") or path.stem for path, entry in entries}
        id_map = {raw: _reply_id(raw, path) for path, raw in raw_ids.items()}
        # Made Mistakes / Minimal Mistakes: ``replying_to: '3'`` is the 3rd top-level comment,
        # top-level meaning an empty ``replying_to``, in file-name order.
        top_level = [id_map[raw_ids[path]] for path, entry in entries if not _scalar(entry, "replying_to")
                     and not _scalar(entry, "replying_to_uid") and not _scalar(entry, "reply_to")]
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
            parent = _parent(entry, raw_id, id_map, top_level, f"{label}/{path.name}", report)
            message = _scalar(entry, *MESSAGE_FIELDS)
            reply = ImportedReply(
                post_slug=slug, reply_id=rid, date=date or "",
                source_id=f"staticman:{label}:{rid if has_private_data(raw_id) else raw_id}",
                author=clean_name(_scalar(entry, "name", "author")) or "Anonymous",
                author_url=safe_url(_scalar(entry, "url", "website", "link")),
                body=message,
            )
            candidates.append(Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason))
        earliest = min((c.reply.date for c in candidates if c.reply.date), default="")
        for cand in candidates:
            cand.reply.date = cand.reply.date or earliest
        candidates.sort(key=lambda c: (c.reply.date, c.reply.reply_id))
        replies.extend(resolve_thread(candidates, report, where=label))
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
