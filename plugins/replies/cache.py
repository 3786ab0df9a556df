"""Read replies cached by file content, in Pelican's cache folder, with Pelican's switches.

``CACHE_PATH/replies/replies.pickle`` holds each post's folder of replies as read (metadata
checked, Markdown rendered, HTML sanitized, private data redacted, its date written as shown),
pickled together, with each reply's key and the warnings reading it gave, which are reported
again on every build (so ``REPLIES_STRICT`` still fails): a folder whose files are all as they
were is one pickle read, and after an edit only its changed files are read. A reply's key is
the SHA-256 of the file's bytes, its path and post, every ``REPLIES_*`` setting, ``TIMEZONE``,
``DEFAULT_DATE_FORMAT`` and the locale, the versions of Markdown, nh3, Beautiful Soup and
Pelican, and the source of the modules that read and clean replies: editing a reply, a setting
or that code makes new entries, and entries no build used are dropped when the cache is saved.
A file whose size, modification and change times and inode are those of the last build is not
read again to know its key (its stamp is kept with the key, unless it was written in the two
seconds before it was read: two saves in one tick of the file system's clock keep its time; the
change time, which no tool sets, tells a file written again with its old modification time, as
``tar`` and ``cp -p`` do).

As with Pelican's own content cache, ``LOAD_CONTENT_CACHE`` reads the file and
``CACHE_CONTENT`` writes it; ``invoke clean`` (or deleting ``cache/``) empties it. A file
that gave an error is never cached.
"""

from __future__ import annotations

import datetime
import hashlib
import inspect
import json
import locale
import logging
import os
import pickle
import re
import types
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from .kept_files import settled
from .model import Reply
from .problems import Problems

logger = logging.getLogger(__name__)

CACHE_FOLDER = "replies"
CACHE_FILE = "replies.pickle"
FORMAT = 1
_CODE = ("reader.py", "sanitize.py", "privacy.py", "limits.py", "model.py", "cache.py")
_PACKAGES = ("markdown", "nh3", "beautifulsoup4", "pelican")


def code_salt(chosen_settings: dict, packages, sources) -> str:
    """What every cached result depends on besides its own input: the settings that shape it,
    the versions of the libraries that compute it and the source files of our code that does.
    Shared by this cache and the conversation map's stage cache."""
    digest = hashlib.sha256()
    digest.update(json.dumps(chosen_settings, sort_keys=True, default=str).encode())
    for package in packages:
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    for path in sources:
        digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes())
    return digest.hexdigest()


def load_store(path: Path, salt: str, what: str) -> dict:
    """The entries of a cache file written by :func:`save_store` with the same ``salt``; {} otherwise.

    A missing, damaged or foreign file is only a cache miss (``what`` names the cache in the warning).
    """
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except FileNotFoundError:
        return {}
    except Exception as exc:
        logger.warning("%s: unreadable %s (%s); computing it again", path, what, exc)
        return {}
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("salt") != salt:
        return {}
    return stored.get("entries", {})


def save_store(path: Path, salt: str, entries: dict) -> None:
    """Write ``entries`` atomically, for :func:`load_store`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        pickle.dump({"format": FORMAT, "salt": salt, "entries": entries}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def settings_salt(settings: dict) -> str:
    """The part of every key that is not the file: settings, library versions, our own code, and how dates
    are written (a reply is cached with the date it shows: ``DEFAULT_DATE_FORMAT``, the locale)."""
    chosen = {k: v for k, v in settings.items()
              if k.startswith("REPLIES_") or k in ("TIMEZONE", "DEFAULT_DATE_FORMAT", "LOCALE")}
    chosen["time locale"] = locale.setlocale(locale.LC_TIME)  # as Pelican set it from LOCALE, or the system's
    # and what it writes (a system's locale data can name a month otherwise after an upgrade)
    chosen["names"] = [datetime.date(2001, 1, n).strftime("%A %a") for n in range(1, 8)] + [
        datetime.date(2001, n, 1).strftime("%B %b") for n in range(1, 13)] + [
        datetime.datetime(2001, 2, 3, 16, 5).strftime("%p %x %X")]
    here = Path(__file__).parent
    return code_salt(chosen, _PACKAGES, [here / name for name in _CODE])


# Pelican's posts cache (CACHE_PATH/<Generator>-Readers, or <Generator> with CONTENT_CACHING_LAYER =
# "generator") keeps each post as read, its Category, Tag and Author objects with the settings of that
# build inside, keyed by the file alone. Settings that only say where a build writes, or whether it caches,
# change nothing in it.
PELICAN_CACHES = ("ArticlesGenerator-Readers", "PagesGenerator-Readers", "ArticlesGenerator", "PagesGenerator")
_NOT_READING = frozenset({"OUTPUT_PATH", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "WRITE_SELECTED",
                          "DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "BIND", "PORT"})
POSTS_READ_WITH = "posts-read-with.key"


#: An object's attributes that ``stable`` leaves out: the build's settings (described once, apart) and context.
NOT_DESCRIBED = frozenset({"settings", "_context"})


def stable(value, depth: int = 0, named: Callable[[object], str | None] | None = None):
    """``value`` (a setting) described the same way in every process: no memory addresses.

    A function, class or module is named; another object is its class and its attributes (a
    ``markdown.extensions.toc.TocExtension()`` in ``MARKDOWN`` is its class and its config), but for
    those ``named`` gives a short name of its own (``conversation_map.kept_pages`` names a post by its
    file). A dict is described by key: one filled in a set's order differs from process to process.

    >>> import re
    >>> stable({"b": (1, re.compile("x")), "c": {2, 1}, "d": dict})
    {'b': [1, "re.compile('x')"], 'c': [1, 2], 'd': 'builtins.dict'}
    >>> stable(stable).startswith("replies.cache.stable:")  # a function: its name and its source's hash
    True
    >>> stable({"when": (re.compile("x"),)}, named=lambda v: "a pattern" if isinstance(v, re.Pattern) else None)
    {'when': ['a pattern']}
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if named is not None and (name := named(value)) is not None:
        return name
    if isinstance(value, dict):
        return dict(sorted(((str(stable(k, depth + 1, named)), stable(v, depth + 1, named))
                            for k, v in value.items()), key=lambda item: item[0]))
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v, depth + 1, named) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [stable(v, depth + 1, named) for v in value]
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType)):
        module, name = getattr(value, "__module__", None) or "", getattr(value, "__qualname__", value.__name__)
        named_as = f"{module}.{name}".lstrip(".")
        if isinstance(value, (types.FunctionType, types.MethodType)):  # a function in the settings file: its
            try:  # body too, so that editing it makes what it made again (the plugins' source is hashed apart)
                source = inspect.getsource(value)
            except (OSError, TypeError):
                return named_as
            return f"{named_as}:{hashlib.sha256(source.encode()).hexdigest()[:16]}"
        return named_as
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    attrs = getattr(value, "__dict__", None)
    if attrs and depth < 4:
        return [kind, stable({k: v for k, v in attrs.items() if k not in NOT_DESCRIBED}, depth + 1, named)]
    return re.sub(r" (?:at|object at) 0x[0-9a-fA-F]+", "", repr(value))


def posts_read_with(settings: dict) -> str:
    """What Pelican's posts cache depends on besides each file: every setting but where the build
    writes, every installed package's version, and the source of the plugins in ``PLUGIN_PATHS``."""
    chosen = {k: v for k, v in settings.items() if k not in _NOT_READING}
    markdown = dict(chosen.get("MARKDOWN") or {})
    # as Pelican's Markdown reader completes it (in place, when it starts): the same either way
    markdown["extensions"] = sorted({*markdown.get("extensions", []), *markdown.get("extension_configs", {}),
                                     "markdown.extensions.meta"}, key=repr)
    chosen["MARKDOWN"] = markdown
    digest = hashlib.sha256(json.dumps(stable(chosen), sort_keys=True, default=str).encode())
    installed = sorted({(d.metadata["Name"] or "", d.version or "") for d in metadata.distributions()})
    digest.update(json.dumps(installed).encode())
    for folder in settings.get("PLUGIN_PATHS") or []:
        for source in sorted(Path(folder).rglob("*.py")):
            digest.update(str(source.relative_to(folder)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def forget_posts_read_otherwise(settings: dict) -> bool:
    """Delete Pelican's posts cache when it was written under other settings, packages or plugins.

    Pelican reuses a post as read last time whenever the file is unchanged, even after ``MARKDOWN``,
    ``CATEGORY_URL`` or Markdown itself changed: the page would keep the old HTML or links (locally,
    and on Pages, whose workflow restores ``cache/``). ``CACHE_PATH/posts-read-with.key`` records
    :func:`posts_read_with` for the cache; when it differs (or is missing), Pelican's cache files
    (:data:`PELICAN_CACHES`) are removed before any post is read. Returns whether they were.
    """
    if not (settings.get("LOAD_CONTENT_CACHE") or settings.get("CACHE_CONTENT")):
        return False
    folder = Path(settings["CACHE_PATH"])
    key = posts_read_with(settings)
    stamp = folder / POSTS_READ_WITH
    try:
        if stamp.read_text(encoding="utf-8") == key:
            return False
    except OSError:
        pass
    stale = [folder / name for name in PELICAN_CACHES if (folder / name).is_file()]
    for path in stale:
        path.unlink()
    if stale:
        logger.info("%s: posts cache written under other settings, packages or plugins; reading every post again",
                    folder)
    if settings.get("CACHE_CONTENT"):
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key, encoding="utf-8")
    return bool(stale)


def forget_deleted_posts(generator) -> None:
    """Drop the entries of Pelican's posts cache whose file is gone (``article_generator_init`` and
    ``page_generator_init``, after the cache is read and before it is saved again).

    Pelican never prunes its cache: a deleted post's entry stayed in every cache saved after, and the
    Pages workflow restores and saves ``cache/`` on every run.
    """
    base = getattr(generator, "path", "") or ""
    for cacher in (generator, getattr(generator, "readers", None)):
        entries = getattr(cacher, "_cache", None)
        if not isinstance(entries, dict):
            continue
        gone = [name for name in entries if isinstance(name, str) and not os.path.exists(os.path.join(base, name))]
        for name in gone:
            del entries[name]
        if gone:
            logger.debug("%s: %d posts cache entries for deleted files dropped", base, len(gone))


class _Recorder:
    """Passes warnings and errors on to the build's :class:`Problems` and remembers them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.strict = problems.strict
        self.messages: list[tuple[str, str, str]] = []
        self.failed = False

    def warn(self, path: str, message: str) -> None:
        self.messages.append(("warn", path, message))
        self.problems.warn(path, message)

    def error(self, path: str, message: str) -> None:
        self.failed = True
        self.problems.error(path, message)

    def __getattr__(self, name: str):
        return getattr(self.problems, name)


class ReplyCache:
    """Replies read in earlier builds, by content hash, a post's folder of them together (see the module's
    description).

    Examples
    --------
    >>> import tempfile
    >>> from replies.problems import Problems
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "1.md").write_text("Author: Ada\\nDate: 2026-01-02\\n\\nHi", encoding="utf-8")
    >>> settings = {"CACHE_PATH": str(folder / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> calls = []
    >>> def read(problems):
    ...     calls.append(1)
    ...     problems.warn("1.md", "a warning")
    ...     return "a reply"
    >>> cache = ReplyCache(settings)
    >>> cache.read(folder / "1.md", "post", False, Problems(strict=False), read)
    'a reply'
    >>> cache.save()
    >>> again, problems = ReplyCache(settings), Problems(strict=False)
    >>> again.read(folder / "1.md", "post", False, problems, read), len(calls), problems.warnings
    ('a reply', 1, ['1.md: a warning'])
    """

    def __init__(self, settings: dict) -> None:
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.path = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER / CACHE_FILE
        self.salt = settings_salt(settings) if (self.load_enabled or self.save_enabled) else ""
        stored = load_store(self.path, self.salt, "reply cache") if self.load_enabled else {}
        # a folder read as (path, post, legacy) -> its cached replies: their keys, the replies pickled together
        # (one pickle a folder: a third of the time of one a reply) and the warnings of each
        self._old: dict[tuple, _Folder] = stored.get("folders", {})
        self._new: dict[tuple, _Folder] = {}
        self._old_keys = {key for folder in self._old.values() for key in folder.keys}
        # a file read as (path, post, legacy) -> ((size, modification and change times, inode), its key)
        self._old_stamps: dict[tuple, tuple] = stored.get("stamps", {})
        self._new_stamps: dict[tuple, tuple] = {}
        self.hits = self.misses = 0

    def key(self, path: Path, data: bytes, post_slug: str, legacy: bool) -> str:
        digest = hashlib.sha256(f"{self.salt}\0{path}\0{post_slug}\0{int(legacy)}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _key_of(self, path: Path, post_slug: str, legacy: bool) -> tuple[str | None, bytes | None]:
        """``path``'s key: known by its stamp when it is last build's file, else from its bytes (given too, for
        its reader); None when it cannot be read (its reader says why)."""
        data = None
        try:
            found = os.stat(path)
            stamp = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
            known = self._old_stamps.get(read_as := (str(path), post_slug, legacy))
            if known is not None and known[0] == stamp and known[1] in self._old_keys:
                key = known[1]  # the same file as last build's: not read again
            else:
                data = path.read_bytes()
                key = self.key(path, data, post_slug, legacy)
        except OSError:
            return None, None
        if settled(found.st_mtime_ns):  # not written just now (see the module's words)
            self._new_stamps[read_as] = (stamp, key)
        return key, data

    def read_folder(self, folder: Path, post_slug: str, legacy: bool, files: list[Path], problems: Problems,
                    reader: Callable[[Path, object, bytes | None], Reply | None]) -> list[Reply | None]:
        """The replies in ``files`` (a post's folder's, in order): from the cache, or ``reader(file, problems,
        data)`` (then cached; ``data``: the file's bytes when they were read for its key, else None). A folder
        whose files are all last build's is one pickle read."""
        if not (self.load_enabled or self.save_enabled):
            return [reader(file, problems, None) for file in files]
        where = (str(folder), post_slug, legacy)
        keyed = [self._key_of(file, post_slug, legacy) for file in files]
        keys = [key for key, _ in keyed]
        old = self._old.get(where)
        if old is not None and tuple(keys) == old.keys:  # the folder as it was: its replies as they were
            self._new[where] = old
            self.hits += len(keys)
            for messages in old.messages:
                _replay(messages, problems)
            return pickle.loads(old.blob)
        # the replies of last build's folder that are still here, each with its warnings
        kept = dict(zip(old.keys, zip(pickle.loads(old.blob), old.messages, strict=True), strict=True)
                    ) if old is not None and not self._old_keys.isdisjoint(keys) else {}
        replies, cached = [], []  # every file's reply; (key, reply, messages) of those cached
        for file, (key, data) in zip(files, keyed, strict=True):
            if key is not None and key in kept:
                self.hits += 1
                reply, messages = kept[key]
                _replay(messages, problems)
            else:
                self.misses += 1
                recorder = _Recorder(problems)
                reply = reader(file, recorder, data)
                if key is None or reply is None or recorder.failed:  # an error is never cached
                    replies.append(reply)
                    continue
                messages = recorder.messages
            replies.append(reply)
            cached.append((key, reply, messages))
        if cached:
            # Pickled now, while the replies are still unlinked (no parent, children or article).
            self._new[where] = _Folder(tuple(k for k, _, _ in cached), pickle.dumps(
                [r for _, r, _ in cached], protocol=pickle.HIGHEST_PROTOCOL), tuple(m for _, _, m in cached))
        return replies

    def read(self, path: Path, post_slug: str, legacy: bool, problems: Problems,
             reader: Callable[[object], Reply | None]) -> Reply | None:
        """The reply in ``path`` alone (:meth:`read_folder` of it): from the cache, or ``reader(problems)``.
        Its folder's entry then holds this file only: a build reads a folder's files with :meth:`read_folder`."""
        return self.read_folder(path.parent, post_slug, legacy, [path], problems,
                                lambda _, found, __: reader(found))[0]

    def save(self) -> None:
        """Write the entries this build used (when ``CACHE_CONTENT`` is on and they changed)."""
        if not self.save_enabled or (self.load_enabled and self._new == self._old
                                     and self._new_stamps == self._old_stamps):
            return
        keys = {key for folder in self._new.values() for key in folder.keys}
        stamps = {read_as: known for read_as, known in self._new_stamps.items() if known[1] in keys}
        save_store(self.path, self.salt, {"folders": self._new, "stamps": stamps})
        logger.info("Reply cache: %d read from cache, %d read from files; saved in %s",
                    self.hits, self.misses, self.path)


class _Folder(NamedTuple):
    """A folder's cached replies: their keys, the replies pickled together, each one's warnings."""

    keys: tuple[str, ...]
    blob: bytes
    messages: tuple[list, ...]


def _replay(messages: list, problems) -> None:
    """Report again the warnings a cached reply gave when it was read."""
    for level, where, message in messages:
        getattr(problems, level)(where, message)
