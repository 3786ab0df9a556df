"""Keep Python's cycle collector off the build's long-lived data.

A build reads every post and reply once and keeps them (and the conversation graph made
from them) until the pages are written. Python's garbage collector would walk all of them
again at each full collection, about a dozen times in a 1,000-post build: 3-4 s of CPU that
frees nothing, and more than linear in the size of the site (see BENCHMARKS.md). A stage
wrapped in :func:`long_lived` runs without full collections and marks what exists at its
end as long-lived (:func:`gc.freeze`), so later collections only look at newer objects;
:func:`release` (connected to Pelican's ``finalized`` signal) hands them back, so an
``--autoreload`` rebuild in the same process starts with a normal collector. Memory is still
freed as usual when the last reference goes; only cycles among frozen objects wait until
:func:`release`.

When the process ends (a ``pelican`` run, ``invoke build``), what the build left is not collected
either (:func:`leave_the_heap_at_exit`): the system takes the memory back at once, where Python's last
collection walked and freed it all (1.2 s of a 1,000-post rebuild after one reply was edited).
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Build long-lived data without full collector passes, then mark it all long-lived.

    While the stage runs only the young generations are collected (short-lived garbage,
    such as a parsed page or a small graph made for one article, is still freed); at the
    end, everything alive is frozen (:func:`gc.freeze`): later full collections skip it.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)
    try:
        yield
    except BaseException:
        gc.unfreeze()  # the build stops here: nothing is kept for the pages
        raise
    else:
        gc.freeze()
    finally:
        gc.set_threshold(young, middle, old)


def release(*_signal_args) -> None:
    """Return the objects :func:`long_lived` set aside to the collector (end of a build)."""
    gc.unfreeze()


def leave_the_heap_at_exit() -> None:
    """At the process's end, set every object aside (:func:`gc.freeze`) before Python's last collection,
    which then has nothing to walk: the build's posts, replies and graph, kept alive by their cycles
    (each post holds the build's context, which lists it), are given back with the process. Output is
    written and closed by then (every file is written in a ``with`` block; the log is flushed by
    :mod:`logging`'s own exit handler, which runs after this one). Registered once however many builds
    (``--autoreload``) register the plugin (``atexit.unregister`` removes every earlier one); the builds in
    between are collected as usual. ``tests/test_heap.py`` runs it in a process of its own.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
