"""Output files kept between builds: a file whose inputs did not change is put back, not made again.

Used for the reply feeds (``feeds.FeedCache``) and the conversation map's exports
(``conversation_map.exports``): files whose making costs more than telling that their inputs are the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)


class KeptFiles:
    """Skips making a file whose inputs are what an earlier build made it from.

    ``CACHE_PATH/<folder>/<name>.json`` maps each file written to the key of its inputs and the hash
    of the bytes written, and ``CACHE_PATH/<folder>/<name>/<key>`` keeps those bytes (a hard link to the
    written file where the file system allows, else a copy). The key is the hash of the file's inputs
    (a string the caller makes) salted with ``salt()`` (the source of the code that writes the file and
    the versions of the libraries it uses), so a change to that code makes them all again. A file whose
    key did not change is left as it is when it is still there, or put back from the kept copy when the
    build started from an empty output folder (``DELETE_OUTPUT_DIRECTORY``); either is used only when its
    bytes still hash to what was written. A file whose size, modification time and inode are those recorded
    when it was written (or last found to hold them) is not read again to tell, nor is its kept copy (a hard
    link to it): any write to a file changes its modification time; a file written in the two seconds before
    it is recorded is not known so (:func:`settled`), but hashed the next time. Same switches as Pelican's
    content cache: ``LOAD_CONTENT_CACHE`` reads, ``CACHE_CONTENT`` writes; kept copies no build used are
    deleted when the cache is saved. A kept copy that cannot be written or read is only a cache miss.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> settings = {"CACHE_PATH": str(root / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> feed = root / "out" / "feeds" / "a.atom.xml"
    >>> cache = KeptFiles(settings, "replies", "feeds", lambda: "code", "the reply feeds")
    >>> cache.fresh(feed, "inputs-1")
    False
    >>> feed.parent.mkdir(parents=True); _ = feed.write_text("<feed/>"); cache.wrote(feed, "inputs-1"); cache.save()
    >>> feed.unlink()                      # the next build starts from an empty output folder
    >>> again = KeptFiles(settings, "replies", "feeds", lambda: "code", "the reply feeds")
    >>> again.fresh(feed, "inputs-2"), again.fresh(feed, "inputs-1"), feed.read_text()
    (False, True, '<feed/>')
    >>> again.salt = "other code"          # the code that writes them changed: made again
    >>> again.fresh(feed, "inputs-1")
    False
    """

    def __init__(self, settings: dict, folder: str, name: str, salt: Callable[[], str], what: str) -> None:
        root = Path(settings.get("CACHE_PATH") or "cache") / folder
        self.path = root / f"{name}.json"
        self.kept = root / name
        self.what = what
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.salt = salt() if (self.load_enabled or self.save_enabled) else ""
        self.old: dict[str, list] = {}  # a file -> [the key of its inputs, the hash of its bytes, extra?]
        self.new: dict[str, list] = {}
        self.old_stamps: dict[str, list[int]] = {}  # a file -> its size, modification time and inode
        self.new_stamps: dict[str, list[int]] = {}
        self._warned = False
        self._made_folder = False  # the folder of kept copies, made when the first is kept
        if self.load_enabled:
            try:
                record = json.loads(self.path.read_text(encoding="utf-8"))
                self.old, self.old_stamps = dict(record["files"]), dict(record["stamps"])
            except (OSError, ValueError, KeyError, TypeError):  # none, damaged, or an older layout
                self.old, self.old_stamps = {}, {}

    @property
    def enabled(self) -> bool:
        """Whether anything is read or kept: without, working out a file's inputs is wasted."""
        return self.load_enabled or self.save_enabled

    def key(self, inputs: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{inputs}".encode()).hexdigest()

    def fresh(self, path: Path, inputs: str) -> bool:
        """True when ``path`` holds what these inputs gave last time: kept as it is, or put back
        from the kept copy."""
        key = self.key(inputs)
        entry = self.old.get(str(path))
        if entry is None or entry[0] != key:
            return False
        if _same(_stamp(path), self.old_stamps.get(str(path))) or _holds(path, entry[1]):
            if self.save_enabled and not (self.kept / key).is_file():  # kept from now on
                self._keep(path, key)
        elif not self._put_back(path, key, entry[1]):
            return False
        self.new[str(path)] = entry
        self._note_stamp(path)
        return True

    def extra(self, path: Path):
        """What :meth:`wrote` kept with ``path``'s record (``None`` when nothing), once :meth:`fresh` took it."""
        entry = self.new.get(str(path)) or []
        return entry[2] if len(entry) > 2 else None

    def _put_back(self, path: Path, key: str, digest: str) -> bool:
        kept = self.kept / key  # a hard link to the file as written: the same stamp, unless written to since
        if not _same(_stamp(kept), self.old_stamps.get(str(path))) and not _holds(kept, digest):
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            _link_or_copy(kept, path)
        except OSError:  # gone meanwhile (another build pruned it), say: made again
            return False
        return True

    def wrote(self, path: Path, inputs: str, extra=None) -> None:
        """``path`` was written from ``inputs``; ``extra`` (JSON) is kept with its record, for :meth:`extra`."""
        key = self.key(inputs)
        self.new[str(path)] = [key, hashlib.sha256(path.read_bytes()).hexdigest(), *([extra] if extra else [])]
        if self.save_enabled:
            self._keep(path, key)
        self._note_stamp(path)

    def _note_stamp(self, path: Path) -> None:
        """Record ``path``'s stamp for the next build, once it can be trusted (:func:`settled`)."""
        if (stamp := _stamp(path)) is not None and settled(stamp[1]):
            self.new_stamps[str(path)] = stamp

    def _keep(self, path: Path, key: str) -> None:
        tmp = self.kept / f"{key}.tmp"
        try:
            if not self._made_folder:  # once a build (a cold build keeps 3,000 pages: a tenth of a ms each)
                self.kept.mkdir(parents=True, exist_ok=True)
                self._made_folder = True
            tmp.unlink(missing_ok=True)
            _link_or_copy(path, tmp)
            os.replace(tmp, self.kept / key)
        except OSError as exc:  # no kept copy: the next build makes this file again
            if not self._warned:
                self._warned = True
                logger.warning("%s: could not keep a copy of %s (%s); they are made again on every build",
                               self.kept, self.what, exc)

    def save(self) -> None:
        if not self.save_enabled:
            return
        if self.new != self.old or self.new_stamps != self.old_stamps:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            record = {"files": self.new, "stamps": {k: v for k, v in self.new_stamps.items() if k in self.new}}
            self.path.write_text(json.dumps(record, sort_keys=True, indent=0), encoding="utf-8")
        used = {entry[0] for entry in self.new.values()}
        if self.kept.is_dir():
            for name in os.listdir(self.kept):
                if name not in used:
                    (self.kept / name).unlink(missing_ok=True)


#: A file changed this recently may be changed again within the same tick of the file system's clock (a
#: second or two on some), keeping its size and time: its stamp is not trusted until it is older.
SETTLING_NS = 2_000_000_000


def settled(modified_ns: int) -> bool:
    """Whether a file last modified at ``modified_ns`` can be known by its stamp from now on.

    >>> settled(time.time_ns() - 60_000_000_000), settled(time.time_ns())
    (True, False)
    """
    return modified_ns < time.time_ns() - SETTLING_NS


def _same(stamp: list[int] | None, known: list[int] | None) -> bool:
    """Whether a file's stamp is the one recorded (a missing file, or none recorded, is not)."""
    return stamp is not None and stamp == known


def _stamp(path: Path) -> list[int] | None:
    """A file's size, modification time (ns) and inode: the same until something writes to it."""
    try:
        found = path.stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _holds(path: Path, digest: str) -> bool:
    """Whether ``path`` is a file whose bytes hash to ``digest``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link (no bytes written twice), or a copy where the file system has none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
