"""Reply bodies: Markdown to HTML, then cleaned with an allowlist, with private data redacted.

Nothing a reader wrote reaches the page unchecked: no scripts, no event handlers, no
``javascript:`` URLs, no images (they would load from a third party), every link marked
``rel="nofollow ugc"``, and no email or IP address survives, in text or in links.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString
from markupsafe import Markup, escape

from .limits import clean_text
from .privacy import has_private_data, redact, safe_url

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "b", "i", "code", "pre", "blockquote", "q", "cite",
    "ul", "ol", "li", "hr", "del", "ins", "sub", "sup", "abbr", "dl", "dt", "dd",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "span",
}
# Footnotes keep their ids; :func:`namespace_ids` then prefixes every id per reply, so a reply
# can neither clobber a name the page's script uses nor an anchor of another reply.
# A numbered list keeps the number it starts at and its order ("7. 8. 9." in a reply goes on from another).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "sup": {"id"}, "li": {"id"},
                      "ol": {"start", "reversed"}}
URL_SCHEMES = {"http", "https"}
LINK_REL = "nofollow ugc"


def shown_host(url: str) -> str:
    """The host of a (safe) URL as a reader is shown it: without ``www.``, and a name in another
    script as its ASCII form (``xn--pple-43d.com``), so a look-alike of a known site cannot pass for it.

    >>> shown_host("https://www.Example.org/a"), shown_host("https://\u0430pple.com/")
    ('example.org', 'xn--pple-43d.com')
    """
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def empty_link_text(href: object) -> str | None:
    """The words for a link that has none: the host of its address as :func:`shown_host` shows it, or None.

    WordPress writes a reblog as ``Reblogged this on <a href="https://their.blog/post/"></a>``
    (the blog's name was never filled in); shown as it is, the link is invisible and the sentence
    ends "on .". Only an address :func:`~replies.privacy.safe_url` accepts gives words, so an
    IP address or a ``mailto:`` never becomes text.

    Examples
    --------
    >>> empty_link_text("http://tobias-raff.org/2012/12/11/3550/")
    'tobias-raff.org'
    >>> empty_link_text(" https://Blog.Example:8080/a ")
    'blog.example'
    >>> [empty_link_text(u) for u in ("/local/path", "#top", "mailto:a@b.org", "http://192.0.2.1/", None)]
    [None, None, None, None, None]
    """
    url = safe_url(href)
    if url is None:
        return None
    return shown_host(url) or None

def markdown_converter(extensions: list[str]) -> markdown.Markdown:
    """One Markdown instance for a whole build: :func:`render_markdown` resets it between replies.

    Making a new instance per reply costs more than converting a short reply.
    """
    return markdown.Markdown(extensions=list(extensions), output_format="html")


# Extensions that leave plain prose as it is (no typographic quotes, no line breaks, no links made
# from words): with only these, prose without Markdown syntax takes the fast path below.
PROSE_NEUTRAL = frozenset({
    f"{prefix}{name}" for prefix in ("", "markdown.extensions.")
    for name in ("extra", "sane_lists", "abbr", "attr_list", "def_list", "fenced_code", "footnotes",
                 "md_in_html", "tables")})
# A paragraph line of prose: letters, digits and punctuation no Markdown rule reads, not starting with
# a space, a dash, a colon or "1." (lists, code, definitions), not ending in a space (line breaks).
_PROSE_LINE = re.compile(r"(?![ :-]|\d+\.[ ]|\d+\.\Z)[^\W_]*(?:[ .,;:'\"?!()%/@$’‘“”—–…-]|[^\W_])*(?<![ ])\Z")
_RULE_LINE = re.compile(r"[-=]+\Z")


def plain_prose_html(text: str) -> str | None:
    """The HTML Markdown makes of ``text`` when it is plain prose (paragraphs of words and
    punctuation no Markdown rule reads); None otherwise. Two thirds of real replies are plain
    prose, and this is a hundred times faster than the Markdown parser.

    >>> plain_prose_html("Why not?\\nIt works (mostly).\\n\\n\\nSecond, “quoted”: see https://x.example/a.")
    '<p>Why not?\\nIt works (mostly).</p>\\n<p>Second, “quoted”: see https://x.example/a.</p>'
    >>> [plain_prose_html(t) for t in ("*x*", "1. one", "- item", "a  ", "Title\\n---", "x & y", "")]
    [None, None, None, None, None, None, None]
    """
    paragraphs = [p for p in text.strip("\n").split("\n\n") if p.strip("\n")]
    if not paragraphs:
        return None
    shown = []
    for paragraph in paragraphs:
        lines = paragraph.strip("\n").split("\n")
        if not all(line and _PROSE_LINE.match(line) and not _RULE_LINE.match(line) for line in lines):
            return None
        shown.append("<p>" + "\n".join(lines) + "</p>")
    return "\n".join(shown)


def render_markdown(text: str, extensions: list[str], md: markdown.Markdown | None = None) -> str:
    """Markdown to (unsanitized) HTML, with ``md`` (reset first) or a new instance.

    Plain prose, with extensions that leave prose alone, takes :func:`plain_prose_html` (the same
    HTML, checked against the parser by tests on generated text and every real archive).

    >>> md = markdown_converter(["markdown.extensions.extra"])
    >>> render_markdown("Hi[^1]\\n\\n[^1]: note", [], md) == render_markdown("Hi[^1]\\n\\n[^1]: note",
    ...                                                                      ["markdown.extensions.extra"])
    True
    >>> render_markdown("*x*", [], md)  # nothing left over from the reply before
    '<p><em>x</em></p>'
    """
    if PROSE_NEUTRAL.issuperset(extensions):
        fast = plain_prose_html(text)
        if fast is not None:
            return fast
    if md is None:
        md = markdown_converter(extensions)
    return md.reset().convert(text)


# Tags a reply may not keep, whose words would otherwise run into the next block's: a page's
# headings (the thread's replies are under the post's h2) become h3, an address a paragraph, an
# acronym an abbr.
_RENAMED = {"h1": "h3", "h2": "h3", "address": "p", "acronym": "abbr"}
_RENAMED_RE = re.compile(r"<(/?)(h1|h2|address|acronym)(?=[\s/>])", re.IGNORECASE)


def clean_html(html: str) -> Markup:
    """Sanitize reply HTML with the allowlist and redact private data.

    Examples
    --------
    >>> str(clean_html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">y</a></p>'))
    '<p>Hi <a rel="nofollow ugc">y</a></p>'
    >>> print(clean_html('<a href="https://example.org/">site</a>'))
    <a href="https://example.org/" rel="nofollow ugc">site</a>
    >>> print(clean_html('<img src="https://t.example/p.gif" alt="pic">'))
    <a href="https://t.example/p.gif" rel="nofollow ugc">[image: pic]</a>
    >>> print(clean_html('<h1>Header one</h1><H2 class="x">Header two</H2>'))
    <h3>Header one</h3><h3>Header two</h3>
    >>> print(clean_html('<ol start="8" type="a" onclick="x()"><li>eight</li></ol>'))
    <ol start="8"><li>eight</li></ol>
    """
    return clean_html_and_text(html)[0]


def clean_html_and_text(html: str) -> tuple[Markup, str]:
    """:func:`clean_html` and the visible text of its result, from one parse of the cleaned HTML.

    The HTML is parsed before cleaning only when it holds an image (to turn it into a link to it, or
    into its words alone when its address is no http(s) URL).

    >>> clean_html_and_text('<img src="x" onerror="steal()"> <img src="https://ok.example/a.png" alt="A">')[0]
    Markup('[image] <a href="https://ok.example/a.png" rel="nofollow ugc">[image: A]</a>')

    >>> clean_html_and_text('<p>Hugo.<a class="u-mention" href="https://twitter.com/a"></a></p>')[0]
    Markup('<p>Hugo.</p>')
    >>> clean_html_and_text('<p>Hi <b>you</b> at ada@example.org</p>')
    (Markup('<p>Hi <b>you</b> at [email hidden]</p>'), 'Hi  you  at [email hidden]')
    """
    if "<h1" in html or "<h2" in html or "<H" in html or "<address" in html or "<acronym" in html:
        html = _RENAMED_RE.sub(lambda m: f"<{m.group(1)}{_RENAMED[m.group(2).lower()]}", html)
    if "<img" in html.lower():
        soup = BeautifulSoup(html, "html.parser")
        for img in soup.find_all("img"):
            alt = (img.get("alt") or "").strip()
            label = f"[image: {alt}]" if alt else "[image]"
            src = safe_url(img.get("src") or "")
            if src is None:  # "x", a data: URL, a private address: no link that leads nowhere, the words only
                img.replace_with(label)
                continue
            link = soup.new_tag("a", href=src)
            link.string = label
            img.replace_with(link)
        html = str(soup)
    if "</a>" in html and "class=" in html:  # a page's hidden markup for machines: not words, nor a link
        html = _MACHINE_LINK_RE.sub("", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # A character reference such as &#x1F; is a control character once parsed: removed, since
    # XML (the feeds) cannot carry it.
    cleaned = clean_text(cleaned)
    if "</a>" in cleaned:  # a link without words gets its host as words
        cleaned = _EMPTY_LINK_RE.sub(_name_empty_link, cleaned)
    # Most replies hold no email or IP address anywhere in the cleaned HTML (text, attributes,
    # percent-encoded) and only safe links: then there is nothing to take out, and no tree to build.
    text = clean_text(visible_text(cleaned))
    if not has_private_data(cleaned) and all(_href_ok(unescape(h)) for h in _HREF_RE.findall(cleaned)) \
            and not has_private_data(text.replace(" ", "")):
        return Markup(cleaned), text
    soup = BeautifulSoup(cleaned, "html.parser")
    for node in list(soup.find_all(string=True)):
        if isinstance(node, NavigableString) and has_private_data(str(node)):
            node.replace_with(redact(str(node)))
    for tag in soup.find_all(True):
        for name, value in list(tag.attrs.items()):
            text = " ".join(value) if isinstance(value, list) else str(value)
            if has_private_data(text):
                del tag[name]
    for link in soup.find_all("a"):
        href = link.get("href")
        if href and href.startswith(("http:", "https:")) and safe_url(href) is None:
            del link["href"]
    if has_private_data(soup.get_text("")):
        # An address split over several elements (``ada@exa<em>mple</em>.org``): plain text only.
        text = clean_text(redact(soup.get_text("")))
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        return Markup("\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)), " ".join(paragraphs)
    return Markup(clean_text(str(soup))), clean_text(soup.get_text(" "))


def namespace_ids(html: str, prefix: str) -> Markup:
    """Prefix every ``id`` in a reply's HTML, and the in-reply links to them, with ``prefix``.

    Footnote links keep working, and no reply can take an id the page already uses.

    Examples
    --------
    >>> print(namespace_ids('<sup id="fnref:1"><a href="#fn:1">1</a></sup>'
    ...                     '<li id="fn:1"><a href="#top">top</a></li>', "note-ada-"))
    <sup id="note-ada-fnref:1"><a href="#note-ada-fn:1">1</a></sup><li id="note-ada-fn:1"><a href="#top">top</a></li>
    """
    if "id=" not in html:
        return Markup(html)
    soup = BeautifulSoup(html, "html.parser")
    ids = set()
    for tag in soup.find_all(id=True):
        ids.add(tag["id"])
        tag["id"] = prefix + tag["id"]
    for link in soup.find_all("a", href=True):
        if link["href"].startswith("#") and link["href"][1:] in ids:
            link["href"] = "#" + prefix + link["href"][1:]
    return Markup(str(soup))


_HREF_RE = re.compile(r'\shref="([^"]*)"')
# An empty link as nh3 writes it (attributes in double quotes, no markup inside).
_EMPTY_LINK_RE = re.compile(r"(<a\s[^>]*>)\s*(</a>)")


#: An empty link marked with a microformats class (``u-mention``, ``u-in-reply-to``...): brid.gy's copy of a
#: tweet ends with one per person it mentions, which the tweet's page never shows. Dropped, not named.
_MICROFORMAT = r"(?:u|p|h|e|dt)-[a-z]"  # a microformats class: u-mention, h-card, dt-published...
_MACHINE_LINK_RE = re.compile(rf"""<a\s[^>]*\bclass=["'][^"']*\b{_MICROFORMAT}[\w-]*[^>]*>\s*</a>""", re.IGNORECASE)


def is_machine_link(link_class: object) -> bool:
    """Whether a link's ``class`` (a string or BeautifulSoup's list) marks it as microformats markup.

    >>> is_machine_link("u-mention"), is_machine_link(["h-card", "x"]), is_machine_link("button"), is_machine_link(None)
    (True, True, False, False)
    """
    names = link_class.split() if isinstance(link_class, str) else list(link_class or [])
    return any(re.match(_MICROFORMAT, name) for name in names)


def _name_empty_link(match: re.Match) -> str:
    """An empty link of cleaned HTML with its host as its words (see :func:`empty_link_text`).

    >>> _EMPTY_LINK_RE.sub(_name_empty_link, 'on <a href="https://b.example/p" rel="nofollow ugc"></a>.')
    'on <a href="https://b.example/p" rel="nofollow ugc">b.example</a>.'
    """
    href = _HREF_RE.search(match.group(1))
    label = empty_link_text(unescape(href.group(1))) if href else None
    return "" if label is None else f"{match.group(1)}{escape(label)}{match.group(2)}"  # no word: no link


def _href_ok(href: str) -> bool:
    return not (href.startswith(("http:", "https:")) and safe_url(href) is None)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def visible_text(html: str) -> str:
    """The text of ``html``, its pieces joined by spaces (as Beautiful Soup's ``get_text(" ")``), without
    building a tree.

    >>> visible_text("<p>One &amp; <em>two</em></p><p>three</p>")
    'One &  two three'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return " ".join(parser.chunks)


def plain_text(html: str) -> str:
    """The visible text of sanitized HTML, for quote and mention detection."""
    return BeautifulSoup(html, "html.parser").get_text(" ")


def render_body(text: str, extensions: list[str], md: markdown.Markdown | None = None) -> tuple[Markup, str]:
    """Markdown source of a reply to (safe HTML, plain text); ``md`` from :func:`markdown_converter`."""
    # Not redacted before Markdown: a redacted URL in the source would become a broken link.
    # clean_html redacts the result, text and attributes alike.
    return clean_html_and_text(render_markdown(text, extensions, md))
