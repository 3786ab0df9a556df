"""Long lists split into pages of a fixed size: the open questions and a busy person's one-line lists.

The first page lives on its own page (``conversations/questions/``, or a section of a person page,
reached by its anchor); the others on numbered sub-pages (``<rest>2/``, ``<rest>3/``...). Every URL
is site-relative, so templates put ``{{ SITEURL }}/`` before it and the links work under a sub-path
and with relative URLs.
"""

from __future__ import annotations

# A person page holds the first this many lines of each of its one-line lists that is longer than twice
# that (a phone's screen or so; a shorter list is whole there, and needs no page of its own); the pages
# after it hold CONVERSATION_MAP_PERSON_LINES_PER_PAGE each.
PERSON_PAGE_LINES = 10


def paginate(items: list, per_page: int, first: str, rest: str, first_size: int | None = None) -> list[dict]:
    """``items`` in pages of ``per_page``, in their order (at least one page, maybe empty); with
    ``first_size``, page 1 holds only that many (it shares its page with other things) where there are
    more than twice that many.

    ``first`` is the URL of page 1 (may carry an ``#anchor``), ``rest`` the folder that holds
    pages 2 and on (``f"{rest}{n}/"``, written to ``f"{rest}{n}/index.html"``). Each page has its
    ``items``, ``number``, ``count`` (pages in all), ``total`` (items in all), ``start`` and ``end``
    (1-based positions of its first and last item), ``url``, ``save_as`` (None for page 1, which
    its own page writes) and ``newer``/``older``: the URLs of the pages before and after ('' at
    the ends).

    >>> pages = paginate(list("abcde"), 2, "conversations/questions/", "conversations/questions/")
    >>> [(p["number"], p["items"], p["start"], p["end"], p["url"]) for p in pages]
    [(1, ['a', 'b'], 1, 2, 'conversations/questions/'), (2, ['c', 'd'], 3, 4, 'conversations/questions/2/'), \
(3, ['e'], 5, 5, 'conversations/questions/3/')]
    >>> pages[1]["newer"], pages[1]["older"], pages[1]["save_as"], pages[0]["newer"], pages[2]["older"]
    ('conversations/questions/', 'conversations/questions/3/', 'conversations/questions/2/index.html', '', '')
    >>> [(p["count"], p["total"], p["items"]) for p in paginate([], 10, "a/", "a/")]
    [(1, 0, [])]
    >>> paginate(list("abc"), 5, "people/ada/#earlier-replies", "people/ada/replies/")[0]["older"]
    ''
    >>> [(p["items"], p["start"], p["end"]) for p in paginate(list("abcdef"), 3, "a/", "a/", first_size=2)]
    [(['a', 'b'], 1, 2), (['c', 'd', 'e'], 3, 5), (['f'], 6, 6)]
    >>> [p["items"] for p in paginate(list("abcd"), 5, "a/", "a/", first_size=2)]  # no more than twice 2
    [['a', 'b', 'c', 'd']]
    """
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    head = per_page if first_size is None or len(items) <= 2 * first_size else max(1, min(first_size, per_page))
    count = 1 + max(0, -(-(len(items) - head) // per_page))

    def url(n: int) -> str:
        return first if n == 1 else f"{rest}{n}/"

    def start(n: int) -> int:  # 0-based position of page n's first item
        return 0 if n == 1 else head + (n - 2) * per_page

    return [{"items": items[start(n):start(n) + (head if n == 1 else per_page)], "number": n, "count": count,
             "total": len(items), "start": start(n) + 1,
             "end": min(start(n) + (head if n == 1 else per_page), len(items)),
             "url": url(n), "save_as": None if n == 1 else f"{rest}{n}/index.html",
             "newer": url(n - 1) if n > 1 else "", "older": url(n + 1) if n < count else ""}
            for n in range(1, count + 1)]
