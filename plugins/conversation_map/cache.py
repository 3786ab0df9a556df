"""Results of the conversation-map stages, cached by the hash of what they depend on.

One file, ``CACHE_PATH/conversation-map/stages.pickle``, holds entries in namespaces
(``text``: what a post or reply says, split for the edge finders; ``article``: one
article's map data; ``person``: one person page). Every key is the SHA-256 of the stage's
inputs, salted with the ``CONVERSATION_MAP_*`` settings, the versions of networkx and pyvis
and the source of this package: changing any of them makes new entries. Entries no build
used are dropped when the file is saved. As with Pelican's content cache,
``LOAD_CONTENT_CACHE`` reads it and ``CACHE_CONTENT`` writes it; ``invoke clean`` deletes it.
Force layouts keep their own per-graph files beside it (:func:`.layout.force_layout`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from replies.cache import code_salt, load_store, save_store

logger = logging.getLogger(__name__)

CACHE_FOLDER = "conversation-map"
CACHE_FILE = "stages.pickle"


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
    >>> cache.get("text", "<p>hi</p>", lambda: "computed")
    'computed'
    >>> cache.save()
    >>> StageCache(settings).get("text", "<p>hi</p>", lambda: "not called")
    'computed'
    """

    def __init__(self, settings: dict) -> None:
        self.load_enabled = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.enabled = self.load_enabled or self.save_enabled
        self.path = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER / CACHE_FILE
        self.salt = stage_salt(settings) if self.enabled else ""
        self._old: dict[str, object] = load_store(self.path, self.salt, "map cache") if self.load_enabled else {}
        self._new: dict[str, object] = {}
        self.hits = self.misses = 0

    def key(self, namespace: str, inputs: str | bytes) -> str:
        digest = hashlib.sha256(f"{self.salt}\0{namespace}\0".encode())
        digest.update(inputs if isinstance(inputs, bytes) else inputs.encode())
        return digest.hexdigest()

    def get(self, namespace: str, inputs: str | bytes, compute: Callable[[], object]):
        """The cached result for ``inputs`` (a string that holds everything the result depends on)."""
        if not self.enabled:
            return compute()
        key = self.key(namespace, inputs)
        if key in self._new:
            return self._new[key]
        if key in self._old:
            self.hits += 1
            value = self._new[key] = self._old[key]
            return value
        self.misses += 1
        value = self._new[key] = compute()
        return value

    def save(self) -> None:
        """Write the entries this build used (when ``CACHE_CONTENT`` is on and they changed)."""
        if not self.save_enabled or (self.load_enabled and self._new.keys() == self._old.keys()):
            return
        save_store(self.path, self.salt, self._new)
        logger.info("Conversation map cache: %d results reused, %d computed; saved in %s",
                    self.hits, self.misses, self.path)
