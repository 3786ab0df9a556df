"""Results of the conversation-map stages, cached by the hash of what they depend on.

One file per namespace, ``CACHE_PATH/conversation-map/stages-<namespace>.pickle``
(``text``: what a post or reply says, split for the edge finders; ``article``: one
article's map data; ``person-map``, ``site-map``: the people maps). A namespace's file is
read when the stage first asks for it and written as soon as the stage is done
(:meth:`StageCache.save`), so the build never holds every stage's entries, or the memory
of pickling them, at once; the per-page drawings (:data:`PACKED`) are held compressed.
Every key is the SHA-256 of the stage's inputs, salted with the ``CONVERSATION_MAP_*``
settings, the versions of networkx and pyvis and the source of this package: changing any
of them makes new entries. Entries no build used are dropped when a file is saved. As with
Pelican's content cache, ``LOAD_CONTENT_CACHE`` reads the files and ``CACHE_CONTENT``
writes them; ``invoke clean`` deletes them. Force layouts keep their own per-graph files
beside it (:func:`.layout.force_layout`).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path

from replies.cache import code_salt, load_store, save_store

logger = logging.getLogger(__name__)

CACHE_FOLDER = "conversation-map"

#: Namespaces whose results are kept packed (pickled, compressed) until their file is written: the drawings
#: for one page each, so the build holds a few MB for them instead of every page's data, and the insight
#: stage's site-wide results, so that what the build does with them later is not what is kept.
PACKED = frozenset({"article", "person-map", "insight"})


def _pack(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> object:
    return pickle.loads(zlib.decompress(packed))


def inputs_bytes(value) -> bytes:
    """``value`` (plain data: strings, numbers, lists, tuples, dicts) as bytes for a cache key.

    A pickle without its memo, so the bytes follow the values alone, never which of them happen
    to be one object in memory; seven times faster than JSON for an article map's inputs.

    >>> shared = "a reply's words"
    >>> inputs_bytes([shared, shared]) == inputs_bytes(["a reply's words", "a reply's " + "words"])
    True
    >>> inputs_bytes({"depth": 2}) != inputs_bytes({"depth": 3})
    True
    >>> import threading  # not plain data (a plugin's attribute, say): its text instead of a pickle
    >>> inputs_bytes(["a lock", threading.Lock()])[:9]
    b'["a lock"'
    """
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: equal values give equal bytes
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        # something that is not plain data (a plugin's attribute, say): its text, as the keys were before
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()
    return out.getvalue()


def cache_file(namespace: str) -> str:
    """The file name of one namespace's entries."""
    return f"stages-{namespace}.pickle"


def stage_salt(settings: dict) -> str:
    """Settings, library versions and this package's source (and the replies code it reads), hashed."""
    chosen = {k: v for k, v in settings.items() if k.startswith("CONVERSATION_MAP_")}
    chosen.update({k: settings.get(k) for k in ("SITEURL", "RELATIVE_URLS")})
    here = Path(__file__).parent
    replies = here.parent / "replies"
    read_code = [replies / name for name in ("sanitize.py", "model.py") if (replies / name).is_file()]
    sources = [*sorted(here.glob("*.py")), *read_code]
    return code_salt(chosen, ("networkx", "pyvis", "markupsafe"), sources)


class StageCache:
    """Cached stage results (see the module's description); one per build.

    Examples
    --------
    >>> import tempfile
    >>> settings = {"CACHE_PATH": tempfile.mkdtemp(), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    >>> cache = StageCache(settings)
    >>> cache.get("text", "<p>hi</p>", lambda: "computed"), cache.get("article", "a map's inputs", lambda: "map")
    ('computed', 'map')
    >>> cache.save("text")  # the text stage is done: its file is written now, the article one later
    >>> cache.get("text", "<p>more</p>", lambda: "after its stage: computed, not kept")
    'after its stage: computed, not kept'
    >>> cache.save()
    >>> sorted(p.name for p in cache.folder.iterdir())
    ['stages-article.pickle', 'stages-text.pickle']
    >>> again = StageCache(settings)
    >>> again.get("text", "<p>hi</p>", lambda: "not called"), again.get("article", "a map's inputs", lambda: "no")
    ('computed', 'map')
    """

    def __init__(self, settings: dict) -> None:
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.enabled = self.load_enabled or self.save_enabled
        self.folder = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER
        self.salt = stage_salt(settings) if self.enabled else ""
        self._old: dict[str, dict[str, object]] = {}  # namespace -> entries read from its file
        self._new: dict[str, dict[str, object]] = {}  # namespace -> entries this build used
        self._saved: set[str] = set()
        self._recording: set[tuple[str, str]] | None = None
        self.hits = self.misses = 0

    def key(self, namespace: str, inputs: str | bytes) -> str:
        digest = hashlib.sha256(f"{self.salt}\0{namespace}\0".encode())
        digest.update(inputs if isinstance(inputs, bytes) else inputs.encode())
        return digest.hexdigest()

    def _stored(self, namespace: str) -> dict[str, object]:
        if namespace not in self._old:
            self._old[namespace] = (load_store(self.folder / cache_file(namespace), self.salt, "map cache")
                                    if self.load_enabled else {})
        return self._old[namespace]

    def get(self, namespace: str, inputs: str | bytes, compute: Callable[[], object], key: str | None = None):
        """The cached result for ``inputs`` (a string that holds everything the result depends on; ``key``:
        its :meth:`key`, when the caller made it already)."""
        if not self.enabled:
            return compute()
        if namespace in self._saved:  # read after its stage (a page made again): computed, not kept
            logger.debug("map cache: %r read after its entries were saved; computed, not cached", namespace)
            return compute()
        key = key or self.key(namespace, inputs)
        if self._recording is not None:
            self._recording.add((namespace, key))
        new = self._new.setdefault(namespace, {})
        packed = namespace in PACKED
        if key not in new:
            stored = self._stored(namespace)
            if key not in stored:
                self.misses += 1
                value = compute()
                if packed and not self.save_enabled:  # a drawing for one page, never written: not kept
                    return value
                new[key] = _pack(value) if packed else value
                return value
            self.hits += 1
            new[key] = stored[key]
        return _unpack(new[key]) if packed else new[key]

    def record(self, stop: bool = False) -> set[tuple[str, str]]:
        """Start noting the entries read (``(namespace, key)``) into the set returned, or stop.

        A post page kept from the last build (:mod:`.kept_pages`) reads none of the entries it was drawn
        from: they are noted when it is made, and :meth:`keep` keeps them without reading them.
        """
        if stop:
            self._recording = None
            return set()
        self._recording = set()
        return self._recording

    def keep(self, entries) -> None:
        """Keep these ``(namespace, key)`` entries for the next build, as if this build had read them.

        >>> import tempfile
        >>> settings = {"CACHE_PATH": tempfile.mkdtemp(), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
        >>> cache = StageCache(settings); used = cache.record(); _ = cache.get("article", "inputs", lambda: "map")
        >>> _ = cache.record(stop=True); cache.save()
        >>> again = StageCache(settings); again.keep(used); again.save()
        >>> StageCache(settings).get("article", "inputs", lambda: "made again")
        'map'
        """
        for namespace, key in entries:
            if not self.enabled or namespace in self._saved:
                continue
            stored = self._stored(namespace)
            if key in stored:
                self._new.setdefault(namespace, {}).setdefault(key, stored[key])

    def save(self, *namespaces: str) -> None:
        """Write the entries this build used in ``namespaces`` (all of them by default) when
        ``CACHE_CONTENT`` is on and they changed, and let go of them."""
        for namespace in namespaces or list(self._new):
            new = self._new.pop(namespace, {})
            old = self._old.pop(namespace, None)
            self._saved.add(namespace)
            if not self.save_enabled or (self.load_enabled and old is not None and new.keys() == old.keys()):
                continue
            path = self.folder / cache_file(namespace)
            save_store(path, self.salt, new)
            logger.info("Conversation map cache (%s): %d entries saved in %s", namespace, len(new), path)
