"""Moderation from the command line: list pending replies, approve or reject them.

``invoke moderate`` lists every reply whose ``Status`` is ``pending``; ``invoke approve ID...``
sets ``Status: published``; ``invoke reject ID...`` sets ``Status: hidden`` (the file stays,
nothing is shown) or, with ``--delete``, removes the file. An ID is ``<post-slug>/<reply-id>``
or, when only one post has it, the bare ``<reply-id>``. Only the ``Status`` line changes;
every other byte of the file is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .reader import HEADER_RE, reply_files, split_metadata


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


def entries(content: Path, replies_path: str = "replies") -> list[Entry]:
    """Every reply file under ``content/<replies_path>/``, sorted by key."""
    base = Path(content) / replies_path
    found = []
    if not base.is_dir():
        return found
    for folder in sorted(d for d in base.iterdir() if d.is_dir()):
        for path in reply_files(folder):
            meta, body = split_metadata(path.read_text(encoding="utf-8", errors="replace"))
            text = " ".join(body.split())
            found.append(Entry(f"{folder.name}/{path.stem}", path, meta.get("author", ""), meta.get("date", ""),
                               (meta.get("status", "") or "published").strip().lower(),
                               text if len(text) <= 70 else text[:69] + "…"))
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
            new = f"Status: {status}{newline}"
            if lines[index] == new:
                return False
            lines[index] = new
            break
    else:
        lines.insert(header_end, f"Status: {status}{newline}")
        if header_end == 0:
            lines.insert(1, newline)
    path.write_bytes("".join(lines).encode("utf-8"))
    return True
