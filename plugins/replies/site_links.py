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

# The href of a sanitized reply's link that starts with one of Pelican's placeholders ({filename},
# |filename|, {static}, {tag}...; its attribute values are always in double quotes).
_HREF_RE = re.compile(r'\shref="((?:\{\w+\}|\|\w+\|)[^"]*)"')
_FILENAME = ("{filename}", "|filename|")


def site_targets(body_html: str, generated: dict) -> dict[str, str | None]:
    """Each link of ``body_html`` written with a placeholder -> the site-relative address it leads to.

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
        The link as written (``{filename}/posts/x.md#reply-ada-1``) -> ``url`` (with the link's
        ``#fragment``), or None for a path that is no published or hidden post or page (a draft is
        not shown to readers), and for any other placeholder (``{static}``, ``{tag}``...: a reply
        links a post or page, nothing else).

    Examples
    --------
    >>> class Post:
    ...     url, status = "posts/on-margins/", "published"
    >>> site_targets('<a href="{filename}/posts/on-margins.md#reply-ada-1">x</a> '
    ...              '<a href="|filename|posts/gone.md">y</a> <a href="{static}/a.png">z</a>',
    ...              {"posts/on-margins.md": Post()})  # doctest: +NORMALIZE_WHITESPACE
    {'{filename}/posts/on-margins.md#reply-ada-1': 'posts/on-margins/#reply-ada-1',
     '|filename|posts/gone.md': None, '{static}/a.png': None}
    """
    targets: dict[str, str | None] = {}
    if not has_placeholder(body_html):
        return targets
    for found in _HREF_RE.finditer(body_html):
        written = found.group(1)
        marker = next((m for m in _FILENAME if written.startswith(m)), None)
        url = None
        if marker is not None:
            path, _, fragment = html.unescape(written[len(marker):]).partition("#")
            path = posixpath.normpath(unquote(path).strip().lstrip("/")) if path.strip() else ""
            content = generated.get(path) if path else None
            if content is not None and getattr(content, "status", "published") != "draft":
                url = getattr(content, "url", None)
                url = None if url is None else url + (f"#{fragment}" if fragment else "")
        targets[written] = url
    return targets


def has_placeholder(body_html: str) -> bool:
    """Whether a reply's HTML may hold a link written with a placeholder (most replies hold none)."""
    return "{" in body_html or "|" in body_html


def look_up(reply, generated: dict, problems) -> dict[str, str | None]:
    """:func:`site_targets` of ``reply``, each link that leads nowhere named in ``problems`` (by the
    build and by ``check-replies`` alike)."""
    targets = site_targets(str(reply.body_html), generated)
    for written, url in targets.items():
        if url is None:
            problems.warn(str(reply.source_path), no_such_post(written))
    return targets


def no_such_post(written: str) -> str:
    """What the build and ``check-replies`` say of a link they cannot lead anywhere.

    >>> no_such_post("{static}/a.png").split(": ")[1].split(";")[0]
    'a reply can link a post or page by its file ({filename}/posts/...), nothing else'
    """
    if written.startswith(_FILENAME):
        return (f"links to {written}, which is no post or page of the site (or a draft); its words are shown "
                "without the link")
    return (f"links to {written}: a reply can link a post or page by its file ({{filename}}/posts/...), nothing "
            "else; its words are shown without the link")


def resolve(body_html: str, targets: dict[str, str | None], siteurl: str) -> str:
    """``body_html`` with each ``{filename}`` link's address made ``siteurl/url``; a link whose
    target is unknown keeps its words and loses its ``href``.

    >>> resolve('<a href="{filename}/a.md" rel="nofollow ugc">A</a> <a href="{filename}/b.md">B</a>',
    ...         {"{filename}/a.md": "posts/a/", "{filename}/b.md": None}, "../..")
    '<a href="../../posts/a/" rel="nofollow ugc">A</a> <a>B</a>'
    """
    def swap(found: re.Match) -> str:
        url = targets.get(found.group(1))
        return "" if url is None else f' href="{escape(f"{siteurl}/{url}")}"'

    return _HREF_RE.sub(swap, body_html)


@pass_context
def site_links_filter(context, body_html, reply_key: str):
    """The ``site_links`` filter: ``{{ reply.body_html|site_links(reply.key) }}``, with the links the
    generator looked up (``context["reply_site_links"]``: reply key -> :func:`site_targets`); the HTML
    unchanged (not read) for a reply that links no post by its file."""
    targets = (context.get("reply_site_links") or {}).get(reply_key)
    if not targets:
        return body_html
    return Markup(resolve(str(body_html), targets, context.get("SITEURL", "")))
