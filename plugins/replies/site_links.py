"""Links from a reply to another post or page of the site, written as in a post:
``[an earlier note]({filename}/posts/on-margins.md)``.

Pelican turns ``{filename}`` links into addresses in posts and pages only. A reply's are looked up
once per build (:func:`site_targets`, by the generator, in Pelican's ``generated_content``: the path
is read from the content folder, as the conversation map reads it) and kept in
``context["reply_site_links"]``; they are put into the reply's HTML where it is shown: on a page by
the ``site_links`` filter (under that page's ``SITEURL``, so relative and sub-path builds work), in a
feed with the feed's absolute address. A link to no post or page keeps its words and loses its
address, and the build names the reply's file.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from jinja2 import pass_context
from markupsafe import Markup, escape

# The href of a sanitized reply's link (its attribute values are always in double quotes).
_HREF_RE = re.compile(r'\shref="(?:\{filename\}|\|filename\|)([^"]*)"')


def site_targets(body_html: str, generated: dict) -> dict[str, str | None]:
    """Each ``{filename}`` link of ``body_html`` -> the site-relative address of what it names.

    Parameters
    ----------
    body_html : str
        A reply's sanitized HTML.
    generated : dict
        Pelican's ``context["generated_content"]``: source path (relative to the content folder)
        -> post or page.

    Returns
    -------
    dict
        The link as written after ``{filename}`` -> ``url`` (with the link's ``#fragment``), or None
        for a path that is no post or page.

    Examples
    --------
    >>> class Post:
    ...     url = "posts/on-margins/"
    >>> site_targets('<a href="{filename}/posts/on-margins.md#reply-ada-1">x</a> '
    ...              '<a href="|filename|posts/gone.md">y</a>', {"posts/on-margins.md": Post()})
    {'/posts/on-margins.md#reply-ada-1': 'posts/on-margins/#reply-ada-1', 'posts/gone.md': None}
    """
    targets: dict[str, str | None] = {}
    if "filename" not in body_html:  # most replies link no post by its file
        return targets
    for found in _HREF_RE.finditer(body_html):
        written = found.group(1)
        path, _, fragment = html.unescape(written).partition("#")
        content = generated.get(posixpath.normpath(unquote(path).strip().lstrip("/"))) if path.strip() else None
        url = getattr(content, "url", None)
        targets[written] = None if url is None else url + (f"#{fragment}" if fragment else "")
    return targets


def no_such_post(written: str) -> str:
    """What the build and ``check-replies`` say of a ``{filename}`` link to no post or page."""
    return f"links to {{filename}}{written}, which is no post or page of the site; its words are shown without the link"


def resolve(body_html: str, targets: dict[str, str | None], siteurl: str) -> str:
    """``body_html`` with each ``{filename}`` link's address made ``siteurl/url``; a link whose
    target is unknown keeps its words and loses its ``href``.

    >>> resolve('<a href="{filename}/a.md" rel="nofollow ugc">A</a> <a href="{filename}/b.md">B</a>',
    ...         {"/a.md": "posts/a/", "/b.md": None}, "../..")
    '<a href="../../posts/a/" rel="nofollow ugc">A</a> <a>B</a>'
    """
    def swap(found: re.Match) -> str:
        url = targets.get(found.group(1))
        return "" if url is None else f' href="{escape(f"{siteurl}/{url}")}"'

    return _HREF_RE.sub(swap, body_html)


@pass_context
def site_links(context, body_html, reply_key: str):
    """The ``site_links`` filter: ``{{ reply.body_html|site_links(reply.key) }}``, with the links the
    generator looked up (``context["reply_site_links"]``: reply key -> :func:`site_targets`); the HTML
    unchanged (not read) for a reply that links no post by its file."""
    targets = (context.get("reply_site_links") or {}).get(reply_key)
    if not targets:
        return body_html
    return Markup(resolve(str(body_html), targets, context.get("SITEURL", "")))
