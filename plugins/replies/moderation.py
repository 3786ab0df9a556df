"""Moderation from the command line: list pending replies, approve or reject them.

``invoke moderate`` lists every reply whose ``Status`` is ``pending``; ``invoke approve ID...``
sets ``Status: published``; ``invoke reject ID...`` sets ``Status: hidden`` (the file stays,
nothing is shown) or, with ``--delete``, removes the file (an imported reply's ``Source-Id`` is
kept in :data:`DELETED_SOURCES`, so a later import does not bring it back; an import also keeps
the ``Status`` a reply was given here). An ID is ``<post-slug>/<reply-id>``
or, when only one post has it, the bare ``<reply-id>``. Only the ``Status`` line changes;
every other byte of the file is kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .reader import HEADER_RE, reply_files, split_metadata

_BLOCK_RE = re.compile(r"</?(?:p|br|li|div|h\d|blockquote|pre|tr|td|th)\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")


class ModerationError(Exception):
    """An ID names no reply, or more than one; the message says which."""


@dataclass(frozen=True)
class Entry:
    """One reply file as moderation sees it."""

    key: str
    path: Path
    author: str
    date: str
    status: str
    excerpt: str
    answers: str | None = None  # the <post-slug>/<reply-id> its Reply-To names; None: the post


def entries(content: Path, replies_path: str = "replies") -> list[Entry]:
    """Every reply file under ``content/<replies_path>/``, sorted by key."""
    base = Path(content) / replies_path
    found = []
    if not base.is_dir():
        return found
    for folder in sorted(d for d in base.iterdir() if d.is_dir()):
        for path in reply_files(folder):
            meta, body = split_metadata(path.read_text(encoding="utf-8", errors="replace"))
            # an imported reply is HTML: its words only, blocks apart
            text = " ".join(html.unescape(_TAG_RE.sub("", _BLOCK_RE.sub(" ", body))).split())
            reply_to = (meta.get("reply-to") or "").strip()
            found.append(Entry(f"{folder.name}/{path.stem}", path, meta.get("author", ""), meta.get("date", ""),
                               (meta.get("status", "") or "published").strip().lower(),
                               text if len(text) <= 70 else text[:69] + "…",
                               (reply_to if "/" in reply_to else f"{folder.name}/{reply_to}") if reply_to else None))
    return found


def answers_to(keys: set[str], every: list[Entry]) -> dict[str, list[Entry]]:
    """The replies (among ``every``) whose ``Reply-To`` names one of ``keys``, by the key they answer.

    >>> a = Entry("p/a", Path("a.md"), "Ada", "", "published", "")
    >>> b = Entry("p/b", Path("b.md"), "Ben", "", "published", "", answers="p/a")
    >>> {k: [e.key for e in v] for k, v in answers_to({"p/a"}, [a, b]).items()}
    {'p/a': ['p/b']}
    """
    found: dict[str, list[Entry]] = {}
    for entry in every:
        if entry.answers in keys:
            found.setdefault(entry.answers, []).append(entry)
    return found


def pending(content: Path, replies_path: str = "replies") -> list[Entry]:
    """The replies waiting for a decision (``Status: pending``)."""
    return [e for e in entries(content, replies_path) if e.status == "pending"]


def resolve(content: Path, ids: list[str], replies_path: str = "replies") -> list[Entry]:
    """The reply files that ``ids`` name.

    Raises
    ------
    ModerationError
        Naming every ID that matches no reply or more than one.
    """
    every = entries(content, replies_path)
    by_key = {e.key: e for e in every}
    out, wrong = [], []
    for reply_id in ids:
        if reply_id in by_key:
            out.append(by_key[reply_id])
            continue
        matches = [e for e in every if e.key.split("/", 1)[1] == reply_id]
        if len(matches) == 1:
            out.append(matches[0])
        elif matches:
            wrong.append(f"{reply_id!r} is the id of several replies ({', '.join(m.key for m in matches)}); "
                         "name one as <post-slug>/<reply-id>")
        else:
            wrong.append(f"no reply {reply_id!r} under {Path(content) / replies_path}")
    if wrong:
        raise ModerationError("; ".join(wrong))
    return out


_STATUS_RE = re.compile(r"^status\s*:", re.IGNORECASE)


def status_of(text: str) -> str | None:
    """The value of a reply file's own ``Status`` line, or None when it has none (published).

    >>> status_of("Author: Ada\\nStatus: hidden\\n\\nHi\\n"), status_of("Author: Ada\\n\\nStatus: no\\n")
    ('hidden', None)
    """
    meta, _ = split_metadata(text)
    return meta.get("status")


def with_status(text: str, status: str | None) -> str:
    """``text`` (a reply file) with its ``Status`` line set to ``status``, or removed for None;
    every other byte is kept.

    >>> with_status("Author: Ada\\nStatus: pending\\n\\nHi\\n", None)
    'Author: Ada\\n\\nHi\\n'
    >>> with_status("Author: Ada\\r\\n\\r\\nHi\\r\\n", "hidden")
    'Author: Ada\\r\\nStatus: hidden\\r\\n\\r\\nHi\\r\\n'
    """
    meta, _ = split_metadata(text)
    lines = text.splitlines(keepends=True)
    header_end = 0
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if not stripped.strip() or not (HEADER_RE.match(stripped) or (index and stripped[:1] in " \t")):
            break
        header_end = index + 1
    if not meta:
        header_end = 0
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for index in range(header_end):
        if _STATUS_RE.match(lines[index]):
            if status is None:
                del lines[index]
            else:
                lines[index] = f"Status: {status}{newline}"
            return "".join(lines)
    if status is not None:
        lines.insert(header_end, f"Status: {status}{newline}")
        if header_end == 0:
            lines.insert(1, newline)
    return "".join(lines)


def set_status(path: Path, status: str) -> bool:
    """Set the ``Status`` metadata of one reply file; return True when the file changed.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "ada-1.md"
    >>> _ = path.write_text("Author: Ada\\nDate: 2026-01-02 10:00\\nStatus: pending\\n\\nStatus: as text.\\n")
    >>> set_status(path, "published"), path.read_text()
    (True, 'Author: Ada\\nDate: 2026-01-02 10:00\\nStatus: published\\n\\nStatus: as text.\\n')
    >>> _ = path.write_text("Author: Ada\\nDate: 2026-01-02 10:00\\n\\nHello\\n")
    >>> set_status(path, "hidden"), path.read_text()
    (True, 'Author: Ada\\nDate: 2026-01-02 10:00\\nStatus: hidden\\n\\nHello\\n')
    """
    text = path.read_bytes().decode("utf-8")  # bytes: keep the file's own line endings
    changed = with_status(text, status)
    if changed == text:
        return False
    path.write_bytes(changed.encode("utf-8"))
    return True


#: Under ``content/<REPLIES_PATH>/``: the ``Source-Id`` of every imported reply deleted with
#: ``invoke reject --delete``, one per line, so that importing the same export again does not
#: bring it back (the importers read it).
DELETED_SOURCES = "deleted-sources.txt"
_LEDGER_HEAD = ("# Replies deleted with `invoke reject --delete`: an import skips these Source-Ids.\n"
                "# Remove a line to let the next import bring that reply back.\n")


def deleted_sources(content: Path, replies_path: str = "replies") -> set[str]:
    """The ``Source-Id`` values listed in :data:`DELETED_SOURCES` (none when there is no such file)."""
    path = Path(content) / replies_path / DELETED_SOURCES
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def delete(entry: Entry, content: Path, replies_path: str = "replies") -> str | None:
    """Delete a reply's file; an imported one (with a ``Source-Id``) is listed in
    :data:`DELETED_SOURCES` first. Returns that ``Source-Id``, or None.

    >>> import tempfile
    >>> content = Path(tempfile.mkdtemp())
    >>> path = content / "replies" / "p" / "wp-9.md"
    >>> path.parent.mkdir(parents=True)
    >>> _ = path.write_text("Author: Ada\\nSource-Id: wordpress:ex.org:9\\n\\nHi\\n")
    >>> delete(Entry("p/wp-9", path, "Ada", "", "published", "Hi"), content), path.exists()
    ('wordpress:ex.org:9', False)
    >>> deleted_sources(content)
    {'wordpress:ex.org:9'}
    """
    meta, _ = split_metadata(entry.path.read_text(encoding="utf-8", errors="replace"))
    source = (meta.get("source-id") or "").strip() or None
    if source and source not in deleted_sources(content, replies_path):
        ledger = Path(content) / replies_path / DELETED_SOURCES
        head = "" if ledger.is_file() else _LEDGER_HEAD
        with open(ledger, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(f"{head}{source}\n")
    entry.path.unlink()
    return source
