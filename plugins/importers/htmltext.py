"""HTML helpers shared by the importers: WordPress paragraphs, plain text, clean fragments, slugs."""

from __future__ import annotations

import html
import re
from functools import partial
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify
from pelican.utils import truncate_html_words
from replies.sanitize import empty_link_text, is_machine_link

from .safety import redact, safe_url

_BLOCK = (
    r"table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|form|map|area"
    r"|blockquote|address|math|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    r"|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio|object|embed|noscript"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCK})(?=[\s/>])[^>]*>)", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCK})\s*>)", re.IGNORECASE)
_STARTS_BLOCK = re.compile(rf"^(?:</?(?:{_BLOCK})(?=[\s/>])|<!--|\x00RAW\d+\x00)", re.IGNORECASE)
_ONLY_CLOSE = re.compile(rf"^(?:</(?:{_BLOCK})\s*>\s*)+$", re.IGNORECASE)
_RAW = re.compile(r"<(pre|script|style|textarea)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def wpautop(text: str) -> str:
    """WordPress's automatic paragraphs: blank lines become ``<p>``, single newlines ``<br />``.

    WordPress stores post and comment text with bare newlines and adds the markup only when it
    shows them; this does the same (a simplified ``wpautop``), leaving block-level HTML,
    ``<pre>``, scripts and comments as they are.

    Parameters
    ----------
    text : str
        Post or comment content as stored by WordPress.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> wpautop("First line\\nsecond line\\n\\nNext paragraph")
    '<p>First line<br />\\nsecond line</p>\\n<p>Next paragraph</p>'
    >>> wpautop("<ul>\\n<li>one</li>\\n</ul>\\n\\nText <b>bold</b>")
    '<ul>\\n<li>one</li></ul>\\n<p>Text <b>bold</b></p>'
    """
    if not text or not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw: list[str] = []

    def stash(match: re.Match) -> str:
        raw.append(match.group())
        return f"\n\n\x00RAW{len(raw) - 1}\x00\n\n"

    text = _RAW.sub(stash, text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\n\n\1\n\n", text)
    chunks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        if chunks and _ONLY_CLOSE.match(chunk.strip()):
            chunks[-1] = chunks[-1].rstrip() + chunk.strip()
        elif _STARTS_BLOCK.match(chunk.lstrip()):
            chunks.append(chunk.strip())
        else:
            lines = [line.strip() for line in chunk.strip().split("\n")]
            chunks.append("<p>" + "<br />\n".join(lines) + "</p>")
    out = "\n".join(chunks)
    return re.sub(r"\x00RAW(\d+)\x00", lambda m: raw[int(m.group(1))], out)


def text_to_html(text: str) -> str:
    """Plain text to HTML paragraphs, escaped.

    Examples
    --------
    >>> text_to_html("a < b\\nc\\n\\nd")
    '<p>a &lt; b<br />\\nc</p>\\n\\n<p>d</p>'
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "\n\n".join(
        "<p>" + "<br />\n".join(html.escape(line.strip(), quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def clean_fragment(fragment: str, *, drop: tuple[str, ...] = ()) -> str:
    """Re-serialize an HTML fragment so it is well-formed and cannot end the page early.

    Unclosed tags are closed, stray ``</body>``/``</html>`` dropped, ``<html>``, ``<head>`` and
    ``<body>`` wrappers removed; elements matching the CSS selectors in ``drop`` are removed.

    Examples
    --------
    >>> clean_fragment("<p>a <b>b</p></body><p>c")
    '<p>a <b>b</b></p><p>c</p>'
    """
    soup = BeautifulSoup(fragment, "html.parser")
    for selector in drop:
        for element in soup.select(selector):
            element.decompose()
    for name in ("html", "head", "body"):
        for element in soup.find_all(name):
            element.unwrap()
    for element in soup.find_all("title"):
        element.decompose()
    return str(soup).strip()


# The elements that stand as blocks of their own (a post's or reply's paragraphs go between them).
BLOCK_NAMES = frozenset(re.sub(r"h\[1-6\]", "h1|h2|h3|h4|h5|h6", _BLOCK).split("|")) | {"pre", "script", "style"}


# Bounded: a comment of "[audio " repeated costs linear time, not quadratic.
_MEDIA_SHORTCODE_RE = re.compile(r"\[(audio|video|embed|playlist)\b([^\[\]]{0,500})\](?:([^\[\]]{0,2000})\[/\1\])?",
                                 re.IGNORECASE)
_SHORTCODE_SRC_RE = re.compile(r"""\b(?:src|mp3|m4a|ogg|wav|mp4|webm|url)=["']?(https?://[^"'\s\]]+)""", re.IGNORECASE)


def media_label(kind: str, name: str = "") -> str:
    """The words a link to media the site does not load is given: "[audio: show.mp3]", "[image]".
    :data:`MEDIA_LABEL_RE` finds them again (``media_summary``)."""
    return f"[{kind}: {name}]" if name else f"[{kind}]"


def media_link(match: re.Match) -> tuple[str, str, str] | None:
    """A media shortcode matched by ``_MEDIA_SHORTCODE_RE`` as ``(url, label, words)``: its file's address (a
    ``src=``-like attribute, an address right after its name as in ``[audio https://...]``, or the words
    inside it when they are one address), the link's label ("[audio: show.mp3]") and any other words it
    holds; None when it names no safe web address."""
    kind, attributes, inner = match.group(1).lower(), match.group(2), (match.group(3) or "").strip()
    found = _SHORTCODE_SRC_RE.search(attributes) or re.match(r"\s*(https?://[^\s\]]+)", attributes)
    url = found.group(1) if found else (inner if re.match(r"https?://\S+$", inner) else None)
    if url is None or safe_url(url) is None:
        return None
    return url, media_label(kind, url.rstrip('/').rsplit('/', 1)[-1] or url), inner if inner != url else ""


def media_pieces(text: str) -> list:
    """WordPress's ``[audio src="..."]``, ``[video ...]`` and ``[embed]URL[/embed]`` shortcodes in a comment's
    text (shown as they are there, never played), as pieces: words, and ``(url, label)`` for a link a reader
    can follow; any other ``[...]``, or one whose address is no safe web address, stays words.

    >>> media_pieces('Listen: [audio src="http://media.example/show.mp3" /] from minute 16')
    ['Listen: ', ('http://media.example/show.mp3', '[audio: show.mp3]'), ' from minute 16']
    >>> media_pieces("[embed]https://video.example/v?a=1&t=10[/embed] and [1] stays")
    [('https://video.example/v?a=1&t=10', '[embed: v?a=1&t=10]'), ' and [1] stays']
    >>> media_pieces('[audio src="https://m.example/b.mp3"]The words I wrote[/audio]')  # kept
    [('https://m.example/b.mp3', '[audio: b.mp3]'), ' The words I wrote']
    """
    pieces: list = []
    at = 0
    for match in _MEDIA_SHORTCODE_RE.finditer(text):
        link = media_link(match)
        if link is None:
            continue
        if match.start() > at:
            pieces.append(text[at:match.start()])
        url, label, words = link
        pieces.append((url, label))
        if words:
            pieces.append(" " + words)
        at = match.end()
    if at < len(text):
        pieces.append(text[at:])
    return pieces


_SHORTCODE_ATTR_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'\]]+))""")
# Bounded as above; a caption holds an image and a line or two of words.
_CAPTION_RE = re.compile(r"\[caption\b([^\[\]]{0,500})\](.{0,5000}?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_GALLERY_RE = re.compile(r"\[gallery\b([^\[\]]{0,500})\]", re.IGNORECASE)
# The image (or linked image) a caption shortcode opens with; the words after it are the caption.
_CAPTION_MEDIA_RE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)", re.IGNORECASE)


def shortcode_attributes(text: str) -> dict[str, str]:
    """The ``name="value"`` attributes of a WordPress shortcode (names lower-cased).

    >>> shortcode_attributes(' id="attachment_9" align=alignleft caption="A pelican" width="300"')
    {'id': 'attachment_9', 'align': 'alignleft', 'caption': 'A pelican', 'width': '300'}
    """
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
            for m in _SHORTCODE_ATTR_RE.finditer(text)}


def post_shortcodes(text: str, gallery=None) -> tuple[str, list[str]]:
    """WordPress's ``[caption]``, ``[gallery]``, ``[audio]``, ``[video]``, ``[embed]`` and ``[playlist]``
    shortcodes in a post's stored text, as the HTML a reader would have seen (WordPress expands them only
    when it shows a post, so an export holds them as written).

    A caption becomes a ``figure`` with its image and a ``figcaption`` (its words, or its ``caption``
    attribute); a gallery the images ``gallery(attributes)`` gives (``[(url, title)]``: the export's
    attachments, by its ``ids`` or the post's own), as a list, or nothing when it gives none; a media
    shortcode a link to its file ("[audio: show.mp3]"). Images are left as ``<img>``: the import makes
    them links like every other image (:func:`link_remote_media`). Other ``[...]`` stay as written.

    Returns
    -------
    tuple of (str, list of str)
        The text, and what could not be shown (a gallery without images, a media shortcode without
        an address), for the import report.

    Examples
    --------
    >>> html, notes = post_shortcodes('[caption id="a_1" align="alignleft" width="150"]<a href="https://m.example/'
    ...     'big.jpg"><img src="https://m.example/s.jpg" alt="Bell" /></a> A bell on the wharf.[/caption] Then [1].')
    >>> print(html)
    <figure class="wp-caption alignleft"><a href="https://m.example/big.jpg"><img src="https://m.example/s.jpg" \
alt="Bell" /></a><figcaption>A bell on the wharf.</figcaption></figure> Then [1].
    >>> post_shortcodes('[caption caption="A &lt;b&gt;pelican"]<img src="p.jpg">[/caption]')[0]
    '<figure class="wp-caption"><img src="p.jpg"><figcaption>A &lt;b&gt;pelican</figcaption></figure>'
    >>> post_shortcodes('[gallery ids="7,8"]', lambda a: [("https://m.example/7.jpg", "Seven & co")])[0]
    '<ul class="wp-gallery"><li><img src="https://m.example/7.jpg" alt="Seven &amp; co"></li></ul>'
    >>> post_shortcodes('Before [gallery columns="2"] after', lambda a: [])
    ('Before  after', ['a [gallery] whose images the export does not hold was left out'])
    >>> post_shortcodes('[audio https://m.example/blues.mp3] and [video src="ftp://x/v.mp4"]')
    ('<a href="https://m.example/blues.mp3">[audio: blues.mp3]</a> and ', \
['a [video] without a web address was left out'])
    """
    notes: list[str] = []

    def caption(match: re.Match) -> str:
        attributes, inner = shortcode_attributes(match.group(1)), match.group(2)
        media = _CAPTION_MEDIA_RE.match(inner)
        image, words = (media.group(1), inner[media.end():]) if media else ("", inner)
        words = html.escape(html.unescape(attributes["caption"]), quote=False) if attributes.get("caption") \
            else words.strip()
        align = attributes.get("align", "")
        classes = " ".join(["wp-caption", *([align] if re.fullmatch(r"align(?:left|right|center|none)", align)
                                             else [])])
        return (f'<figure class="{classes}">{image}'
                + (f"<figcaption>{words}</figcaption>" if words else "") + "</figure>")

    def gallery_of(match: re.Match) -> str:
        images = gallery(shortcode_attributes(match.group(1))) if gallery is not None else []
        if not images:
            notes.append("a [gallery] whose images the export does not hold was left out")
            return ""
        return '<ul class="wp-gallery">' + "".join(
            f'<li><img src="{html.escape(url)}" alt="{html.escape(title)}"></li>' for url, title in images) + "</ul>"

    def media(match: re.Match) -> str:
        link = media_link(match)
        if link is None:
            notes.append(f"a [{match.group(1).lower()}] without a web address was left out")
            return ""
        url, label, words = link
        return f'<a href="{html.escape(url)}">{html.escape(label)}</a>' + (f" {words}" if words else "")

    text = _CAPTION_RE.sub(caption, text or "")
    text = _GALLERY_RE.sub(gallery_of, text)
    return _MEDIA_SHORTCODE_RE.sub(media, text), notes


def html_blocks(fragment: str) -> str:
    """An HTML fragment as a sequence of block elements, for the body of a Markdown reply file.

    Runs of text and inline elements at the top level are wrapped in ``<p>``, so Markdown
    passes the whole body through as HTML (a tweet starting with ``#tag`` must not become a
    heading). A link without any content gets its address's host as its words ("Reblogged this
    on <a>their.blog</a>", not "on ."); one whose address is not a web address is dropped.

    Examples
    --------
    >>> html_blocks('#tag and <b>bold</b><a href="/local"></a><p>para</p> tail')
    '<p>#tag and <b>bold</b></p>\\n<p>para</p>\\n<p>tail</p>'
    >>> html_blocks('<p>Hugo.<a class="u-mention" href="https://twitter.com/a"></a></p>')
    '<p>Hugo.</p>'
    >>> html_blocks('<p>Reblogged this on <a href="http://their.example/2012/1/" rel="nofollow"> </a>.</p>')
    '<p>Reblogged this on <a href="http://their.example/2012/1/" rel="nofollow">their.example</a>.</p>'
    """
    soup = BeautifulSoup(fragment or "", "html.parser")
    strip_comments(soup)
    # WordPress media shortcodes in the words (never in an attribute or a comment): links to their files
    for text in list(soup.find_all(string=lambda t: "[" in t)):
        if isinstance(text, Comment) or text.parent is None or text.parent.name in ("script", "style", "a"):
            continue
        pieces = media_pieces(str(text))
        if pieces == [str(text)]:
            continue
        for piece in pieces:
            if isinstance(piece, tuple):
                node = soup.new_tag("a", href=piece[0])
                node.string = piece[1]
            else:
                node = NavigableString(piece)
            text.insert_before(node)
        text.extract()
    for link in soup.find_all("a"):
        if not link.get_text(strip=True) and link.find(True) is None:
            # a microformats link (brid.gy's u-mention after a tweet) is markup for machines: dropped
            label = None if is_machine_link(link.get("class")) else empty_link_text(link.get("href"))
            if label is None:
                link.decompose()
            else:
                link.string = label
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run).strip()
        if text:
            out.append(f"<p>{text}</p>")
        run.clear()

    for node in list(soup.children):
        if isinstance(node, Tag) and node.name.lower() in BLOCK_NAMES:
            flush()
            out.append(str(node))
        elif isinstance(node, (NavigableString, Tag)):
            run.append(str(node))
    flush()
    return "\n".join(out)


def strip_comments(soup) -> None:
    """Remove HTML comments (``<!-- .comment-meta -->``) from a BeautifulSoup tree."""
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()


def inner_html(element) -> str:
    """The HTML inside a BeautifulSoup element, stripped."""
    return element.decode_contents().strip() if element is not None else ""


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment, on one line.

    Examples
    --------
    >>> plain("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b> &amp; more")
    'Markup: Title With Markup & more'
    """
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    return " ".join(BeautifulSoup(fragment, "html.parser").get_text("").split())


def slugify(value: str) -> str:
    """A slug the way Pelican makes one (ASCII, lower case, hyphens), of ``value`` with its email addresses
    hidden (a slug names the post's file, folder and page; only emails, as the build reads a post's own
    words: "Release 1.2.3.4" is a version); may be ``""``.

    Examples
    --------
    >>> slugify("Template: Comments"), slugify("Special chars: l&#039;é"), slugify("...")
    ('template-comments', 'special-chars-le', '')
    >>> slugify("Hello wp.title@example.org"), slugify("Release 1.2.3.4")
    ('hello-email-hidden', 'release-1234')
    """
    text = redact(html.unescape(value or ""), own_post=True, emails_only=True)
    slug = pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slug.strip("-_.")


def redact_html(fragment: str) -> str:
    """Redact emails and IPs in an HTML fragment: text, attributes and ``mailto:`` links alike."""
    return redact(fragment)


# Elements that load what their URL points at, and the attributes holding that URL.
_EMBEDS = {"iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
           "video": ("src",), "audio": ("src",)}
_DROP_LOADERS = ("script", "link", "source", "track", "portal", "applet")
_URL_ATTRS = ("background", "poster", "lowsrc", "dynsrc", "ping")
_CSS_URL = re.compile(r"url\s*\(|@import|image-set\s*\(", re.IGNORECASE)


def _data_image(url: str) -> bool:
    return url.strip().lower().startswith("data:image/")


def _attached(element: Tag, soup: BeautifulSoup) -> bool:
    """Whether ``element`` is still in ``soup`` (not inside something already replaced)."""
    return any(parent is soup for parent in element.parents)


def _first_srcset_url(srcset: str | None) -> str:
    first = (srcset or "").split(",")[0].split()
    return first[0] if first else ""


def link_remote_media(fragment: str, base: str | None = None) -> tuple[str, int]:
    """Replace every element of an imported body that would load something with a plain link.

    The site's pages load nothing from elsewhere (``img-src 'self' data:``), so an imported
    ``<img src="https://...">`` would only show as a broken image. ``<img>`` becomes
    ``<a href="URL">[image: alt]</a>`` (``srcset`` is not kept; an image whose source is
    not an http(s) URL becomes its bracketed text alone; a ``data:image/`` one stays);
    ``<iframe>``, ``<video>``, ``<audio>``, ``<embed>``, ``<object>`` become
    ``<a href="URL">[embedded media]</a>``, or go when they have no http(s) URL. ``<picture>``
    is reduced to its image; scripts, ``<link>`` and loose ``<source>``/``<track>`` go; style
    and ``background``-like attributes that could load something are dropped.

    Parameters
    ----------
    fragment : str
        The body's HTML.
    base : str, optional
        The post's original URL: relative sources are resolved against it.

    Returns
    -------
    tuple of (str, int)
        The fragment, and how many elements were replaced or removed.

    Examples
    --------
    >>> body, count = link_remote_media('<p><img src="https://media.example/a.png" alt="A cat" '
    ...     'srcset="https://media.example/b.png 2x"> <img src="/x.png"></p><iframe src="https://v.example/e/1">'
    ...     '</iframe>')
    >>> print(body.replace("</p>", "</p>\\n"), count)
    <p><a href="https://media.example/a.png">[image: A cat]</a> [image]</p>
    <a href="https://v.example/e/1">[embedded media]</a> 3
    >>> link_remote_media('<img src="data:image/png;base64,AAAA" srcset="https://t.example/x 2x">')
    ('<img src="data:image/png;base64,AAAA"/>', 0)
    """
    if not fragment or "<" not in fragment:
        return fragment or "", 0
    soup = BeautifulSoup(fragment, "html.parser")
    link = partial(_link, soup, base if base and safe_url(base) else None)
    _reduce_pictures(soup)
    count = _link_embeds(soup, link) + _link_images(soup, link) + _drop_loaders(soup)
    _drop_inline_code(soup)
    return str(soup), count


def _link(soup: BeautifulSoup, base: str | None, url: str | None, label: str) -> Tag | str:
    """A link to ``url`` (resolved against ``base``) labelled ``label``, or the label alone when
    ``url`` is no http(s) URL."""
    url = (url or "").strip()
    if url and base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
        url = urljoin(base, url)
    href = safe_url(url)
    if not href:
        return label
    anchor = soup.new_tag("a", href=href)
    anchor.string = label
    return anchor


def _reduce_pictures(soup: BeautifulSoup) -> None:
    """``<picture>`` becomes its image (made from its first source when it has none)."""
    for picture in soup.find_all("picture"):
        if picture.find("img") is None:
            source = picture.find("source")
            src = _first_srcset_url(source.get("srcset")) if source else ""
            if src or (source and source.get("src")):
                picture.append(soup.new_tag("img", src=src or source.get("src")))
        for source in picture.find_all("source"):
            source.decompose()
        picture.unwrap()


def _link_embeds(soup: BeautifulSoup, link) -> int:
    """``<iframe>``, ``<video>``... become "[embedded media]" links, or go; how many did."""
    count = 0
    for element in soup.find_all(list(_EMBEDS)):  # in document order: outer before inner
        if not _attached(element, soup):
            continue
        url = next((element.get(a) for a in _EMBEDS[element.name] if element.get(a)), None)
        if not url:
            source = element.find("source", src=True)
            url = source.get("src") if source else None
        if not url and element.name == "object":
            embed = element.find("embed", src=True)
            url = embed.get("src") if embed else None
        count += 1
        replacement = link(url, media_label("embedded media"))
        if isinstance(replacement, Tag):
            element.replace_with(replacement)
        else:
            element.decompose()
    return count


def _link_images(soup: BeautifulSoup, link) -> int:
    """Images become "[image: alt]" links (or their words); a ``data:image/`` one stays, without
    its other sources. How many were replaced.

    An image inside a link becomes its words in that link, which leads where the writer sent readers
    (the full-size picture, often): a link inside a link is no HTML, and a browser would leave the outer
    one empty.

    >>> soup = BeautifulSoup('<a href="https://m.example/big.jpg"><img src="https://m.example/s.jpg" alt="Bell"></a>',
    ...                      "html.parser")
    >>> _link_images(soup, partial(_link, soup, None)), str(soup)
    (1, '<a href="https://m.example/big.jpg">[image: Bell]</a>')
    """
    count = 0
    for img in soup.find_all(["img", "image"]):
        if not _attached(img, soup):
            continue
        src = img.get("src") or img.get("href") or img.get("xlink:href") or ""
        if img.name == "img" and not src:
            src = _first_srcset_url(img.get("srcset")) or img.get("data-src") or ""
        if img.name == "img" and _data_image(src):
            for attr in ("srcset", "sizes", *_URL_ATTRS):
                img.attrs.pop(attr, None)
            continue
        alt = " ".join((img.get("alt") or img.get("title") or "").split())
        count += 1
        label = media_label("image", alt)
        around = img.find_parent("a")
        img.replace_with(label if around is not None and safe_url(around.get("href") or "") else link(src, label))
    return count


def _drop_loaders(soup: BeautifulSoup) -> int:
    """Elements and attributes that would load something from elsewhere go (scripts, ``<link>``,
    image inputs, ``background``-like attributes, CSS ``url()``); how many did."""
    count = 0
    for element in soup.find_all(_DROP_LOADERS):
        if _attached(element, soup):
            count += 1
            element.decompose()
    for element in soup.find_all("input", attrs={"type": re.compile("^image$", re.IGNORECASE)}):
        count += 1
        element.decompose()
    for element in soup.find_all(True):
        dropped = [a for a in _URL_ATTRS if a in element.attrs]
        if _CSS_URL.search(str(element.get("style") or "")):
            dropped.append("style")
        if element.name == "style" and _CSS_URL.search(element.get_text()):
            count += 1
            element.decompose()
            continue
        for attr in dropped:
            del element.attrs[attr]
        count += bool(dropped)
    return count


def _drop_inline_code(soup: BeautifulSoup) -> None:
    """The site's pages allow no inline script or style (CSP script-src/style-src 'self'): inline
    scripts, ``<style>`` blocks, style and on* attributes would only be blocked."""
    for element in soup.find_all(["script", "style", "noscript"]):
        if _attached(element, soup):
            element.decompose()
    for element in soup.find_all(True):
        for attr in [a for a in element.attrs if a == "style" or a.lower().startswith("on")]:
            del element.attrs[attr]


# Each kind of media_label the import writes, as a list of posts would name one or several.
_MEDIA_WORDS = {"image": ("an image", "images"), "embedded media": ("embedded media", "embedded media"),
                "audio": ("a recording", "recordings"), "video": ("a video", "videos"),
                "embed": ("embedded media", "embedded media"), "playlist": ("a playlist", "playlists")}
MEDIA_LABEL_RE = re.compile(r"\[(" + "|".join(map(re.escape, _MEDIA_WORDS)) + r")(?:: [^\]\n]*)?\]")
_GALLERIES = "ul.wp-gallery, .wp-block-gallery, ul.blocks-gallery-grid, .tiled-gallery"
SUMMARY_WORDS = 50  # Pelican's SUMMARY_MAX_LENGTH, unless a site sets another


def media_summary(fragment: str, words: int = SUMMARY_WORDS) -> str:
    """The summary lists of posts show for an imported post whose first words hold its media links:
    its own words without its galleries and media (in HTML, cut after ``words`` words as Pelican cuts
    a summary), or what it holds when it has no words of its own. "" when its first words hold no
    media link: Pelican's own summary, the post's first words, reads well.

    A list of posts showed a gallery post as "[image: canola2] [image: dsc20050727_091048_222] ...".

    Examples
    --------
    >>> media_summary('<ul class="wp-gallery"><li><a href="https://m.example/a.jpg">[image: A]</a></li>'
    ...               '<li><a href="https://m.example/b.jpg">[image: B]</a></li></ul><p>Two <em>old</em> ones.</p>')
    '<p>Two <em>old</em> ones.</p>'
    >>> media_summary('<p><a href="https://m.example/a.jpg">[image]</a></p>')
    'An image.'
    >>> media_summary('<ul class="wp-gallery"><li>[image: A]</li></ul><p>[audio: b.mp3]</p>')
    'A gallery of images and a recording.'
    >>> media_summary('<p>Words first, then <a href="https://m.example/a.jpg">[image]</a></p>', words=3)
    ''
    """
    if "[" not in fragment:
        return ""
    opening = BeautifulSoup(truncate_html_words(fragment, words, end_text=""), "html.parser").get_text(" ")
    soup = BeautifulSoup(fragment, "html.parser")
    if not MEDIA_LABEL_RE.search(opening):
        return ""
    galleries = 0
    for gallery in soup.select(_GALLERIES):
        if _attached(gallery, soup):
            galleries += 1
            gallery.decompose()
    kinds: dict[str, int] = {}

    def drop(match: re.Match) -> str:
        kinds[match.group(1)] = kinds.get(match.group(1), 0) + 1
        return ""

    for text in list(soup.find_all(string=MEDIA_LABEL_RE)):
        left = MEDIA_LABEL_RE.sub(drop, str(text))
        link = text.parent if text.parent is not None and text.parent.name == "a" else None
        if link is not None and not left.strip() and len(link.contents) == 1:
            link.decompose()
        else:
            text.replace_with(left)
    for element in soup.find_all(["p", "figure", "li", "ul", "ol", "div", "dl", "dt", "dd"]):
        if _attached(element, soup) and not element.get_text(strip=True) and element.find("img") is None:
            element.decompose()
    if " ".join(soup.get_text(" ").split()):
        return truncate_html_words(str(soup), words).strip()
    held = (["a gallery of images" if galleries == 1 else f"{galleries} galleries of images"] if galleries else [])
    held += [one if n == 1 else f"{n} {many}" for kind, n in kinds.items() for one, many in [_MEDIA_WORDS[kind]]]
    if not held:
        return ""
    sentence = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    return sentence[0].upper() + sentence[1:] + "."
