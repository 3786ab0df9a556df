"""Page data made when its page is written, and let go of once the page is on disk.

A post's map and the words about its conversation are only read by its own page. Made in
the context stage, all of them would live together until Pelican writes the articles (a
thousand maps at once); as :class:`Later` values each is made when the template first reads
it and dropped by :func:`release_written` (the ``content_written`` signal) when the page
has been written. What other pages read too (the one-line shape on the home page and the
lists) is given ``ready``, made at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping


class Later(Mapping):
    """A read-only mapping whose values come from ``make()`` on first read (``ready`` ones at once).

    Templates read it as they read a dict; ``release()`` forgets what ``make`` returned, so a
    later read makes it again.

    Examples
    --------
    >>> calls = []
    >>> page = Later(lambda: calls.append(1) or {"map": "<svg/>", "depth": 2}, shape="broadcast")
    >>> page["shape"], calls            # the ready part costs nothing
    ('broadcast', [])
    >>> bool(page), page["depth"], page.get("missing"), calls
    (True, 2, None, [1])
    >>> page["map"], calls             # made once
    ('<svg/>', [1])
    >>> page.release(); sorted(page), calls
    (['depth', 'map', 'shape'], [1, 1])
    """

    __slots__ = ("_made", "_make", "_ready")

    def __init__(self, make: Callable[[], Mapping], **ready) -> None:
        self._make = make
        self._ready = ready
        self._made: Mapping | None = None

    def _value(self) -> Mapping:
        if self._made is None:
            self._made = self._make()
        return self._made

    @property
    def ready(self) -> dict:
        """The part made at once (what lists of posts read too)."""
        return self._ready

    def __getitem__(self, key):
        if key in self._ready:
            return self._ready[key]
        return self._value()[key]

    def __iter__(self) -> Iterator:
        return iter({**self._value(), **self._ready})

    def __len__(self) -> int:
        return len({**self._value(), **self._ready})

    def __bool__(self) -> bool:  # a Later stands for data that exists: never made just to be tested
        return True

    def __repr__(self) -> str:
        return f"Later(ready={sorted(self._ready)}, made={self._made is not None})"

    def release(self) -> None:
        """Forget the made part (the page that needed it is written)."""
        self._made = None


#: The article attributes that hold :class:`Later` page data.
ARTICLE_LATER = ("conversation_map", "conversation_insight")


def release_written(path, context=None) -> None:
    """``content_written`` receiver: once a page is written, let go of the page data of the article
    it is about and of the articles it lists (should a theme's list read more than the ready part)."""
    context = context or {}
    listed = getattr(context.get("articles_page"), "object_list", None) or []
    for article in [context.get("article"), *listed]:
        for name in ARTICLE_LATER:
            value = getattr(article, name, None) if article is not None else None
            if isinstance(value, Later):
                value.release()
