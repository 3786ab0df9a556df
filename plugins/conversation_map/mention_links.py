"""An ``@handle`` in a reply that leads to the person it names: their page on this site.

The graph (:func:`.graph._add_mentions`) resolves a reply's handles to people once per build and
keeps, for each reply with at least one resolved handle, which handle named whom
(``G.graph["handles"]``: reply node -> ``((handle, person node), ...)``). When the reply is shown,
:func:`person_links` (the ``person_links`` filter of the theme's ``partials/thread.html``) links
those handles in the reply's sanitized HTML; a reply without one is returned as it is, unread.

Only text the graph read as the writer's own words is touched: not inside a link, ``code``, ``pre``,
a table or a quote (``blockquote``, ``q``), the places :mod:`.textmatch` leaves out of a text's own
words. A link is made only from the handle's own characters (letters, digits, ``_ . -``), the escaped
page address and the escaped name: nothing a reply writes can reach an attribute.
"""

from __future__ import annotations

import re

from jinja2 import pass_context
from markupsafe import Markup, escape

from .textmatch import HANDLE_RE

# Inside these, an @word is not the writer naming someone (textmatch's own words leave them out) or is
# a link already.
_LEFT_ALONE = frozenset({"a", "code", "pre", "table", "blockquote", "q"})
# A tag of sanitized HTML: attribute values are quoted and may hold ">".
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def link_handles(html: str, links: dict[str, tuple[str, str]]) -> str:
    """``html`` with each ``@handle`` of ``links`` (lower-case handle -> (address, name)) made a link.

    Parameters
    ----------
    html : str
        A reply's sanitized HTML.
    links : dict
        Handle, case-folded and without ``@`` -> the person's page address and their name.

    Returns
    -------
    str
        The same HTML, the first handle naming each person wrapped in ``<a class="mention-link">``
        with the person's name as its title and ``rel="nofollow ugc"`` as every link in a reply has.

    Examples
    --------
    >>> links = {"mira": ("/people/mira-okafor/", "Mira Okafor")}
    >>> link_handles("<p>Thanks @Mira, not @nobody.</p>", links)
    '<p>Thanks <a class="mention-link" href="/people/mira-okafor/" title="Mira Okafor" \
rel="nofollow ugc">@Mira</a>, not @nobody.</p>'

    A person is linked where first named, once:

    >>> link_handles("<p>@mira @mira</p><p>@MIRA @MiraOkafor</p>", {**links, "miraokafor": links["mira"]}).count("<a ")
    1

    Left alone: inside a link, code or a quote, an e-mail address, a name without ``@``.

    >>> html = ('<p><a href="https://x.example/">@mira</a> <code>@mira</code> me@mira.example Mira</p>'
    ...         '<blockquote><p>@mira</p></blockquote>')
    >>> link_handles(html, links) == html
    True

    Names and addresses are escaped; text beside the handle stays as it was written:

    >>> link_handles("<p>&lt;@mira&gt; &amp;@mira</p>", {"mira": ('/p/"x"/', 'Mi<b>"ra"</b>')})
    '<p>&lt;<a class="mention-link" href="/p/&#34;x&#34;/" title="Mi&lt;b&gt;&#34;ra&#34;&lt;/b&gt;" \
rel="nofollow ugc">@mira</a>&gt; &amp;@mira</p>'
    """
    out: list[str] = []
    inside = 0
    pos = 0
    linked: set[tuple[str, str]] = set()  # each person once, where first named: a page's size stays the text's

    def link(found: re.Match) -> str:
        target = links.get(found.group(1).casefold())
        if target is None or target in linked:
            return found.group(0)
        linked.add(target)
        href, name = target
        return (f'<a class="mention-link" href="{escape(href)}" title="{escape(name)}" rel="nofollow ugc">'
                f"{found.group(0)}</a>")

    for tag in _TAG_RE.finditer(html):
        text = html[pos : tag.start()]
        out.append(HANDLE_RE.sub(link, text) if not inside and "@" in text else text)
        name = tag.group(2).lower()
        if name in _LEFT_ALONE and not tag.group(0).endswith("/>"):
            inside = max(inside - 1, 0) if tag.group(1) else inside + 1
        out.append(tag.group(0))
        pos = tag.end()
    rest = html[pos:]
    out.append(HANDLE_RE.sub(link, rest) if not inside and "@" in rest else rest)
    return "".join(out)


@pass_context
def person_links(context, html, reply_key: str):
    """The ``person_links`` filter: ``{{ reply.body_html|person_links(reply.key) }}``.

    The reply's HTML with the handles the graph resolved linked to their people's pages, under the
    page's ``SITEURL`` (relative on a page built with relative URLs, the sub-path included); the
    HTML unchanged (not read) for a reply whose handles named no one, or without the graph.
    """
    graph = context.get("conversation_graph")
    resolved = graph.graph.get("handles", {}).get(f"reply:{reply_key}") if graph is not None else None
    if not resolved:
        return html
    siteurl = context.get("SITEURL", "")
    nodes = graph.nodes
    links = {handle: (f"{siteurl}/{nodes[person]['url']}", str(nodes[person].get("label", "")))
             for handle, person in resolved if person in nodes}
    return Markup(link_handles(str(html), links))
