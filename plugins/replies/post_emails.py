"""Checks on Pelican's own posts and pages, and one-line build errors.

- An email address in a post's own words: its Author, Title, Tags, Category, Summary and text
  (``user@host`` inside ``<code>`` stays). Not IP addresses: in an author's own words four
  dotted numbers are far more often a version, a section or an OID than an address.
- A post or page that is a link to a file outside the content folder is not published.
- A static file (an image) whose name or folder holds an email address is not copied to the site.
- A post or page that would load an image, frame or media from another site is named, with the site.
- Control characters in what a post or page says of itself (title, summary, body, author, tags,
  category, any other text metadata) are removed, with a warning naming the file and the
  fields: XML 1.0 (the feeds, the GraphML export) cannot carry them, and Pelican's feed writer
  would stop the build.
- A post or page Pelican cannot read (a bad date, a file that is not UTF-8): its one line says why.

Pelican writes these values on its own pages (author, tag, category and archive pages, feeds),
outside this plugin's templates, and the conversation map quotes a post's paragraphs.
``REPLIES_POST_EMAILS`` decides: ``"hide"`` (the default) redacts them on the articles and pages
before Pelican groups and writes them; ``"publish"`` keeps them and says, for each file, which
field publishes an address.
"""

from __future__ import annotations

import logging
import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markupsafe import Markup
from pelican.urlwrappers import Author, Category, Tag

from .language import check_languages
from .limits import clean_text
from .privacy import EMAIL_RE, FILE_TYPES, has_private_data, redact, redact_soup, safe_url

logger = logging.getLogger(__name__)


def _has_email(text: str) -> bool:
    # Only emails: four dotted numbers in an author's own words are far more often a version, a section
    # or an OID ("V8 3.14.5.9", "RFC 1122 4.2.3.6") than an address, and 8.8.8.8 identifies nobody. Read
    # as a page shows it: "ada&#64;example.org" in a Title is an address.
    return has_private_data(unescape(text), own_post=True, emails_only=True)


def _hide(text: str) -> str:
    """``text`` (metadata, which Pelican writes as HTML) with its emails hidden; parsed as HTML only when
    an address is left in character references ("ada&#64;example.org"), its tags kept."""
    hidden = redact(text, own_post=True, emails_only=True)
    return _hide_in_html(hidden) or hidden


def _hide_in_html(value: str) -> str | None:
    """``value`` (a post's HTML: its text or Summary) with its emails hidden outside ``<code>``, or None
    when it holds none. Read as the browser shows it: Markdown writes ``<ada@example.org>`` as a link
    with the address in character references."""
    if not _has_email(value):
        return None
    soup = BeautifulSoup(value, "html.parser")
    if not redact_soup(soup, own_post=True, emails_only=True):  # only in <code>: the author's to show
        return None
    return str(soup)


def neutral_slug(slug: str, day: str = "") -> str:
    """The slug a post is given when its own ``Slug`` holds an email: that slug with the address hidden,
    as a URL part, and the post's day (:func:`post_day`). Nothing of the address goes into it, not even
    a few digits of its hash (they would let anyone confirm a guessed address); and nothing that changes
    when another post is added or the file moves, so the replies filed under it stay its own.

    >>> neutral_slug("ada@example.org", "2026-01-02"), neutral_slug("Letters to ada@example.org")
    ('email-hidden-2026-01-02', 'letters-to-email-hidden')
    """
    hidden = re.sub(r"[^\w-]+", "-", _hide(slug).lower()).strip("-") or "email-hidden"
    return f"{hidden}-{day}" if day else hidden


def slug_hides(meta: dict, settings: dict) -> str | None:
    """What a post's neutral slug is made of when its slug would show an email: its ``Slug``, or with none
    (Pelican makes the slug of the Title) its Title as text; None when it shows none. ``meta``: the file's
    metadata, keys in lower case (:func:`.authoring.read_post_metadata`); the build, ``check-replies``
    and the importers read a post's slug alike through it.

    >>> slug_hides({"slug": "ada@example.org"}, {}), slug_hides({"title": "Q&amp;A with <b>bo@example.org</b>"}, {})
    ('ada@example.org', 'Q&A with bo@example.org')
    >>> slug_hides({"title": "Plain"}, {}), slug_hides({"slug": "s", "title": "bo@example.org"}, {})
    (None, None)
    """
    slug = str(meta.get("slug") or "")
    if slug:
        return slug if _has_email(slug) else None
    if settings.get("SLUGIFY_SOURCE", "title") != "title":
        return None
    title = title_text(str(meta.get("title") or ""))
    return title if _has_email(title) else None


def title_text(title: str) -> str:
    """A title as text: its tags left out, its character references read (Pelican's titles are HTML)."""
    return Markup(title).striptags()


def post_day(path) -> str:
    """The day a post's file says it was written (its ``Date``, as Pelican reads it), ISO; "" for none.
    Read from the file itself, by the build and by ``check-replies`` alike."""
    from pelican.utils import get_date

    from .authoring import read_post_metadata

    raw = read_post_metadata(Path(path)).get("date")
    try:
        return get_date(raw).date().isoformat() if raw else ""
    except (ValueError, TypeError, OverflowError):
        return ""


def neutral_slugs(written: dict[str, tuple[str, str, str]], taken: set[str]) -> dict[str, str]:
    """The slug given to each post whose slug would show an email (``written``: its slug as written ->
    its file's path in the content folder, :func:`post_day` and what :func:`slug_hides` says the neutral
    slug is made of; the first file by path, for translations sharing it): its :func:`neutral_slug`;
    two that come out alike on the same day, or like a slug in
    ``taken`` (every other post's), get ``-2``, ``-3``... in the order of their paths. The build and
    ``check-replies`` both work them out here, so a reply is filed the same way by both.

    >>> neutral_slugs({"ada@example.org": ("posts/b.md", "2026-01-02", "ada@example.org"),
    ...                "bob@example.org": ("posts/a.md", "2026-01-02", "bob@example.org"),
    ...                "cy@example.org": ("posts/0.md", "2026-03-04", "cy@example.org")}, set())
    {'bob@example.org': 'email-hidden-2026-01-02', 'ada@example.org': 'email-hidden-2026-01-02-2', \
'cy@example.org': 'email-hidden-2026-03-04'}
    """
    given: dict[str, str] = {}
    used = set(taken)

    def base_of(slug: str) -> str:
        _, day, made_of = written[slug]
        return neutral_slug(made_of, day)

    for slug in sorted(written, key=lambda s: (base_of(s), written[s][0].replace("\\", "/"), s)):
        base = candidate = base_of(slug)
        n = 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        given[slug] = candidate
    return given


def neutral_slugs_of(files: dict[str, Path], content: Path, settings: dict, slugs: dict[str, str] | None = None,
                     metadata=None) -> dict[str, str]:
    """:func:`neutral_slugs` for post files read from disk (``files``: a key -> the file; ``slugs``: a key ->
    the slug Pelican gives it, the key itself by default; ``metadata(path)``: its metadata,
    :func:`.authoring.read_post_metadata` by default): how ``check-replies`` and the importers give a post
    the slug the build gives it. Keys of the files whose slug would show an email -> their neutral slugs,
    told apart from one another and from every other file's slug."""
    from .authoring import read_post_metadata

    metadata = metadata or read_post_metadata
    written = {}
    for key, path in files.items():
        made_of = slug_hides(metadata(path), settings)
        if made_of:
            written[key] = (path.relative_to(content).as_posix(), post_day(path), made_of)
    return neutral_slugs(written, {(slugs or {}).get(key, key) for key in files if key not in written})


def _give_neutral_slugs(items: list) -> None:
    """Every item whose ``Slug`` held an email (now or when Pelican's cache kept it) gets its slug from
    :func:`neutral_slugs`, the same however many of them this build read anew."""
    renamed = sorted((i for i in items if getattr(i, "slug_as_written", None)), key=_source)
    if not renamed:
        return
    written: dict[str, tuple[str, str, str]] = {}
    for item in renamed:
        if item.slug_as_written not in written:
            made_of = getattr(item, "slug_made_of", None) or item.slug_as_written  # (a cache from before it)
            written[item.slug_as_written] = (_source(item), post_day(item.source_path), made_of)
    given = neutral_slugs(written, {str(i.slug) for i in items if not getattr(i, "slug_as_written", None)})
    for item in renamed:
        item.slug = given[item.slug_as_written]
        if "slug" in getattr(item, "metadata", {}):
            item.metadata["slug"] = item.slug


def _source(item) -> str:
    """An item's file, relative to the content folder, with ``/`` between folders."""
    return str(getattr(item, "relative_source_path", "") or "").replace("\\", "/")


def _where(item) -> str:
    """An article's or page's file, for a log line (an address in its name hidden)."""
    return redact(str(getattr(item, "source_path", "?")))


def _name(value) -> str:
    """A one-line name without control characters: a line or page break is a space, the rest go.

    >>> _name("Prac\x01tice"), _name("Ada\x0bPark\x1b ")
    ('Practice', 'Ada Park')
    """
    return " ".join(clean_text("".join(" " if c.isspace() else c for c in str(value))).split())


def strip_controls(items: list, settings: dict) -> None:
    """Remove control characters from ``items`` (articles or pages), in place: title, summary,
    body, authors, tags, category and every other text metadata field; a warning names the
    file and the fields."""
    wrappers = {"authors": Author, "tags": Tag}
    for item in items:
        fields = []
        for attr, field in (("title", "Title"), ("_summary", "Summary"), ("_content", "the text")):
            value = getattr(item, attr, None)
            if isinstance(value, str):
                cleaned = clean_text(value, replacement=" " if attr == "title" else "")
                if cleaned != value:
                    setattr(item, attr, type(value)(cleaned) if type(value) is not str else cleaned)
                    fields.append(field)
        for attr, wrapper in wrappers.items():
            names = [str(v) for v in getattr(item, attr, None) or []]
            if any(_name(n) != n for n in names):
                setattr(item, attr, [wrapper(_name(n), settings) for n in names])
                if attr == "authors":
                    item.author = item.authors[0]
                fields.append(attr.title()[:-1] if attr == "authors" else "Tags")
        category = getattr(item, "category", None)
        if category is not None and _name(category) != str(category):
            item.category = Category(_name(category), settings)
            fields.append("Category")
        metadata = getattr(item, "metadata", None) or {}
        for key, value in list(metadata.items()):
            if key in ("title", "author", "authors", "tags", "category"):
                metadata[key] = getattr(item, key, value)
            elif isinstance(value, str) and clean_text(value) != value:
                metadata[key] = clean_text(value, replacement=" ")
                if key.title() not in fields:  # the summary is said once
                    fields.append(key.title())
        if fields:
            logger.warning("%s: control characters removed from %s", _where(item), ", ".join(fields))


# A post whose text may load from another site: a loading element, and an address written to reach one
# (//, a backslash a browser reads as one, or a character reference); only those are parsed.
_LOADER_HINT = re.compile(r"<\s*(?:img|iframe|video|audio|source|track|embed|object|script|input)\b", re.IGNORECASE)
_LOADERS = ("img", "iframe", "video", "audio", "source", "track", "embed", "object", "script", "input")
_OTHER_HOST = re.compile(r"(?i)(?:https?:)?//([^/?#\s]+)")


def warn_remote_loads(items: list, settings: dict) -> list[str]:
    """Warn, naming the file and the site, where a post or page (its text or Summary) would load something
    from another site, and show each such image or frame as a link to it instead (:func:`link_other_sites`).

    Every page runs under ``Content-Security-Policy: img-src 'self'`` (and the like), so a browser
    would refuse it and the reader see a broken image or an empty frame; feeds have no such policy, and
    a feed reader would fetch it. The published site promises no request to another site. The site
    itself (``SITEURL``'s host and port) is not another site. Returns the sites named.

    >>> import logging; logging.disable(logging.WARNING)
    >>> post = type("Post", (), {"source_path": "p.md", "_content":
    ...     '<img src="https://evil.example/a.png" srcset="{static}/b.png 1x, https://media.example/b.png 2x">'
    ...     '<iframe src=//v.example/x></iframe><img src="https://me.example:8000/c.png">'})
    >>> warn_remote_loads([post], {"SITEURL": "https://me.example:8000"})
    ['evil.example', 'media.example', 'v.example']
    >>> print(post._content)
    <a href="https://evil.example/a.png">[image]</a><a href="https://v.example/x">[embedded media]</a><img \
src="https://me.example:8000/c.png"/>
    >>> logging.disable(logging.NOTSET)
    """
    own = urlsplit(str(settings.get("SITEURL") or "")).netloc.lower()
    named: list[str] = []
    for item in items:
        found: set[str] = set()
        for attr in ("_content", "_summary"):
            value = getattr(item, attr, None)
            if not isinstance(value, str) or not _LOADER_HINT.search(value) \
                    or not any(mark in value for mark in ("//", "\\", "&")):
                continue
            linked, hosts = link_other_sites(value, own)
            if hosts:
                found.update(hosts)
                setattr(item, attr, type(value)(linked) if type(value) is not str else linked)
        if found:
            named += sorted(found)
            logger.warning("%s: loads from another site (%s), which the site's pages and feeds never do: shown "
                           "as a link to it instead; put the file in the content folder and link it with "
                           "{static}", _where(item), redact(", ".join(sorted(found))))
    return named


def _other_site(value: str | None, own: str) -> tuple[str, str] | None:
    """(the address, its host) when ``value`` (an attribute, its references read) loads from another site
    than ``own``: http(s) or protocol-relative, a backslash read as a browser reads it; else None."""
    url = (value or "").strip().replace("\\", "/")
    match = _OTHER_HOST.match(url)
    if not match:
        return None
    host = match.group(1).rsplit("@", 1)[-1].lower()
    return None if host == own else (f"https:{url}" if url.startswith("//") else url, host)


def srcset_candidates(value: str) -> list[str]:
    """The candidates of a ``srcset`` (an address and its descriptors each), split as browsers split it:
    an address may hold commas; a comma after it, or after its descriptors, ends a candidate.

    >>> srcset_candidates("/l,x.png 1x, https://res.example/w_3,h_2/a.jpg 2x,/c.png")
    ['/l,x.png 1x', 'https://res.example/w_3,h_2/a.jpg 2x', '/c.png']
    """
    candidates, rest = [], value
    while True:
        rest = rest.lstrip(" \t\n\r\f,")
        if not rest:
            return candidates
        url = re.match(r"[^\s]*", rest).group()
        rest = rest[len(url):]
        if url.endswith(","):
            candidates.append(url.rstrip(","))
            continue
        descriptors, _, rest = rest.partition(",")
        candidates.append(" ".join([url, *descriptors.split()]))


def link_other_sites(html: str, own: str = "") -> tuple[str, list[str]]:
    """``html`` with what would load from another site than ``own`` (host and port) made a link to it, and
    the sites: an image "[image: its alt]", a frame or media "[embedded media]"; a script, a media source,
    a track or an input that would load goes; so do another site's ``poster`` and ``srcset`` entries of an
    element whose own source is the site's.

    >>> link_other_sites('<p><img alt="A chart" src="https://i.example/c.png"> <img src="/x.png" '
    ...                  'srcset="/x2.png 2x, https://i.example/y.png 3x"><script src="//s.example/a.js"></script></p>')
    ('<p><a href="https://i.example/c.png">[image: A chart]</a> <img src="/x.png" srcset="/x2.png 2x"/></p>', \
['i.example', 's.example'])
    >>> link_other_sites('<video poster="https://p.example/p.jpg" src="/v.mp4"></video>'
    ...                  '<video><source src="https://v.example/v.mp4"></video>')
    ('<video src="/v.mp4"></video><a href="https://v.example/v.mp4">[embedded media]</a>', ['p.example', 'v.example'])
    """
    soup = BeautifulSoup(html, "html.parser")
    hosts: set[str] = set()

    def replace(element, url: str, label: str) -> None:
        href = safe_url(url)
        if href:
            anchor = soup.new_tag("a", href=href)
            anchor.string = label
            element.replace_with(anchor)
        else:
            element.replace_with(label)

    for element in soup.find_all(_LOADERS):
        if element.decomposed or element.parent is None:
            continue
        for attr in ("poster", "srcset"):  # the other sites' extras of an element that stays
            value = element.get(attr)
            if not value:
                continue
            entries = srcset_candidates(value) if attr == "srcset" else [value]
            checked = [(entry, _other_site(entry.split()[0] if entry.split() else "", own)) for entry in entries]
            if any(other for _, other in checked):
                hosts.update(other[1] for _, other in checked if other)
                kept = [entry for entry, other in checked if not other]
                if kept and attr == "srcset":
                    element[attr] = ", ".join(kept)
                else:
                    del element[attr]
        own_source = next((v for a in ("src", "data") if (v := element.get(a))), None)
        other = _other_site(own_source, own)
        if element.name in ("video", "audio") and own_source is None:  # its sources, within
            sources = [_other_site(s.get("src"), own) for s in element.find_all("source")]
            if sources and all(sources):
                other = sources[0]
        if other is None:
            continue
        hosts.add(other[1])
        if element.name == "img":
            alt = " ".join((element.get("alt") or "").split())
            replace(element, other[0], f"[image: {alt}]" if alt else "[image]")
        elif element.name in ("iframe", "video", "audio", "embed", "object"):
            replace(element, other[0], "[embedded media]")
        else:
            element.decompose()
    return (str(soup), sorted(hosts)) if hosts else (html, [])


def _hide_in_metadata(item, settings: dict, publish: bool) -> list[str]:
    """The fields of ``item``'s own metadata that hold an email (hidden unless ``publish``)."""
    found = []
    title = str(getattr(item, "title", "") or "")
    slug = str(getattr(item, "slug", "") or "")
    # what a neutral slug is made of, read as check-replies and the importers read it (slug_hides)
    made_of = slug_hides({"slug": (getattr(item, "metadata", None) or {}).get("slug"), "title": title}, settings)
    if _has_email(title):
        found.append("Title")
        if not publish:
            item.title = _hide(title)
    authors = list(getattr(item, "authors", []) or [])
    if any(_has_email(str(a)) for a in authors):
        found.append("Author")
        if not publish:
            item.authors = [Author(_hide(str(a)), settings) for a in authors]
            item.author = item.authors[0]
    tags = list(getattr(item, "tags", []) or [])
    if any(_has_email(str(t)) for t in tags):
        found.append("Tags")
        if not publish:
            item.tags = [Tag(_hide(str(t)), settings) for t in tags]
    category = getattr(item, "category", None)
    if category is not None and _has_email(str(category)):
        found.append("Category")
        if not publish:
            item.category = Category(_hide(str(category)), settings)
    if _has_email(slug):  # it is the page's address and folder name
        found.append("Slug")
    if made_of and not publish:  # a Slug holding an email, or none and a Title that does ("letters-to-adaexampleorg")
        # told apart from others by _give_neutral_slugs; its replies folder keeps the slug's name as written
        # (RepliesGenerator.read_all)
        item.slug, item.slug_as_written, item.slug_made_of = neutral_slug(made_of), slug, made_of
    return found


def _hide_in_text(item, publish: bool) -> list[str]:
    """The HTML fields of ``item`` (Summary, text) that hold an email outside code (hidden unless ``publish``)."""
    found = []
    for attr, field in (("_summary", "Summary"), ("_content", "the text")):
        value = getattr(item, attr, None)
        hidden = _hide_in_html(value) if isinstance(value, str) else None
        if hidden is not None:
            found.append(field)
            if not publish:
                setattr(item, attr, type(value)(hidden) if type(value) is not str else hidden)
    return found


def check_content(items: list, settings: dict) -> None:
    """Hide or report the emails in ``items``' (articles' or pages') own metadata, Summary and text, in
    place; warn about what they would load from another site."""
    strip_controls(items, settings)
    warn_remote_loads(items, settings)
    check_languages(items)
    publish = settings.get("REPLIES_POST_EMAILS", "hide") == "publish"
    for item in items:
        where = _where(item)
        found = _hide_in_metadata(item, settings, publish) + _hide_in_text(item, publish)
        if not found:
            continue
        if publish:
            logger.warning("%s: %s holds an email address and it IS PUBLISHED on the site "
                           "(REPLIES_POST_EMAILS = 'publish')", where, ", ".join(found))
            continue
        for key in ("title", "author", "authors", "tags", "category", "summary", "slug"):
            if key in getattr(item, "metadata", {}):
                value = item.metadata[key]
                item.metadata[key] = (getattr(item, "_summary", value) if key == "summary"
                                      else item.slug if key == "slug"
                                      else _hide(value) if isinstance(value, str) else getattr(item, key))
        logger.warning("%s: %s held an email address; hidden on every page (REPLIES_POST_EMAILS)", where,
                       ", ".join(found))
    if not publish:
        _give_neutral_slugs(items)


def drop_outside(generator, names: tuple[str, ...]) -> None:
    """Remove from ``generator`` every item whose file is a link leading outside the content folder."""
    root = Path(generator.settings["PATH"]).resolve()
    for name in names:
        items = getattr(generator, name, None)
        if not items:
            continue
        kept = []
        for item in items:
            source = Path(getattr(item, "source_path", "") or "")
            try:
                source.resolve(strict=True).relative_to(root)
            except (ValueError, OSError):
                logger.warning("%s: a link to a file outside the content folder; not published",
                               redact(str(source)))
                continue
            kept.append(item)
        setattr(generator, name, kept)


def static_ready(generator) -> None:
    """``static_generator_finalized``: a file whose name or folder holds an email address is not copied
    to the site (its address would be in the site's files and links), unless ``REPLIES_POST_EMAILS`` is
    "publish"; a warning names it, the address hidden, so the author can rename it."""
    if generator.settings.get("REPLIES_POST_EMAILS", "hide") == "publish":
        return
    kept = []
    for item in getattr(generator, "staticfiles", []):
        # where it is saved, asked without ``Static.save_as``, which fixes the file there: a page's
        # ``{attach}`` could then no longer move it next to the page (Pelican warns and links the old place)
        save_as = item.get_url_setting("save_as") if hasattr(item, "get_url_setting") else getattr(item, "save_as", "")
        names = (str(getattr(item, "relative_source_path", "") or ""), str(save_as or ""))
        if any(path_holds_email(name) for name in names):
            logger.warning("%s: its name holds an email address; not copied to the site (rename it, and the "
                           "links to it)", _where(item))
            continue
        kept.append(item)
    if len(kept) != len(getattr(generator, "staticfiles", [])):
        generator.staticfiles = kept
        generator.context["staticfiles"] = kept


def path_holds_email(path: str) -> bool:
    """Whether a file's path (folders and name) holds an email address. The name's ending is its type,
    not a domain, and a "domain" of numbers is a version.

    >>> [path_holds_email(p) for p in ("images/pic-ada@example.org.png", "bo@example.org/a.png", "ada@example.org",
    ...                                "images/logo@dark.svg", "js/lib@1.2.3.min.js", "files/notes@v2.pdf",
    ...                                "icon@192.png", "img/photo@2x.png")]
    [True, True, True, False, False, False, False, False]
    """
    for part in unescape(str(path)).replace("\\", "/").split("/"):
        for found in EMAIL_RE.finditer(part):
            address = found.group()
            if found.end() == len(part) and address.rsplit(".", 1)[-1].lower() in FILE_TYPES:
                address = address.rsplit(".", 1)[0]  # "pic-ada@example.org.png": the ending is the file's type
            domain = address.rpartition("@")[2]
            labels = domain.lower().split(".")
            if len(labels) < 2 or all(label.isdigit() for label in labels[:-1]) or labels[-1] in FILE_TYPES:
                continue  # "logo@dark" (.svg), "lib@1.2.3.min" (.js): no domain, a version
            if _has_email(address):
                return True
    return False


def articles_ready(generator) -> None:
    """``article_generator_pretaxonomy``: before Pelican groups posts by author, tag and category."""
    drop_outside(generator, ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                             "drafts_translations"))
    items = [*generator.articles, *generator.translations, *getattr(generator, "hidden_articles", []),
             *getattr(generator, "hidden_translations", []), *getattr(generator, "drafts", []),
             *getattr(generator, "drafts_translations", [])]
    check_content(items, generator.settings)


def pages_ready(generator) -> None:
    """``page_generator_finalized``: pages show their title and author too."""
    drop_outside(generator, ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages",
                             "draft_translations"))
    for name in ("pages", "hidden_pages", "draft_pages"):  # Pelican put the lists in the context already
        if name in generator.context:
            generator.context[name] = getattr(generator, name, [])
    items = [*generator.pages, *generator.translations, *getattr(generator, "hidden_pages", []),
             *getattr(generator, "hidden_translations", []), *getattr(generator, "draft_pages", []),
             *getattr(generator, "draft_translations", [])]
    check_content(items, generator.settings)


class OneLineErrors(logging.Filter):
    """Pelican logs a failed build with its traceback; without ``--debug`` keep the one clear line.

    Every message of this project already names the file and the problem; the traceback
    only helps someone debugging the code, who runs ``pelican --debug``.

    A :class:`.model.RepliesError` lists problems that were each logged already as they were
    found; Pelican's last line ("CRITICAL RepliesError: ...") would print them all again, so it
    becomes the error's one-line summary.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if logging.getLogger("pelican").getEffectiveLevel() <= logging.DEBUG:
            return True
        error = record.exc_info[1] if record.exc_info else None
        if error is None:  # autoreload logs 'Caught exception: "%s"' with the error as an argument
            args = record.args if isinstance(record.args, tuple) else ()
            error = next((a for a in args if isinstance(a, BaseException)), None)
        if getattr(error, "summary", None):
            record.msg, record.args = error.summary, ()
        record.exc_info = None
        record.exc_text = None
        return True


class WhyNotRead(logging.Filter):
    """Pelican logs a post or page it cannot read as "Could not process posts/x.md" and says why
    only with ``--debug``; this adds the reason to that line, which the logging call is made
    while handling (``'not a date' is not a valid date``, a file that is not UTF-8 text).

    >>> record = logging.LogRecord("pelican.generators", logging.ERROR, "", 0, "Could not process %s",
    ...                            ("posts/x.md",), None)
    >>> try:
    ...     b"Caf\\xe9".decode("utf-8")
    ... except UnicodeDecodeError:
    ...     _ = WhyNotRead().filter(record)
    >>> record.getMessage()
    'Could not process posts/x.md: it is not UTF-8 text (byte 0xe9 at position 3); save it as UTF-8'
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]
        if record.msg == "Could not process %s" and error is not None and not record.exc_info:
            if isinstance(error, UnicodeDecodeError):
                reason = (f"it is not UTF-8 text (byte 0x{error.object[error.start]:02x} at position {error.start}); "
                          "save it as UTF-8")
            else:
                reason = str(error) or type(error).__name__
            record.msg, record.args = "Could not process %s: %s", (*record.args, redact(reason))
        return True


class NoAddresses(logging.Filter):
    """Pelican's own log lines with email and IP addresses hidden: build logs are often public (CI),
    and Pelican names files and slugs as they are ("Could not process posts/ada@example.org.md",
    "There are 2 items with slug ..."). The project's own lines hide them where they are made.

    >>> record = logging.LogRecord("pelican.utils", logging.WARNING, "", 0, 'There are %s items "with slug "%s""',
    ...                            (2, "ada@example.org"), None)
    >>> _ = NoAddresses().filter(record); record.getMessage()
    'There are 2 items "with slug "[email hidden]""'
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # arguments that do not fit the message: its text as it stands, hidden too
            text = f"{record.msg} {record.args}"
        hidden = redact(text)
        if hidden != text:
            record.msg, record.args = hidden, ()
        # A traceback (Pelican logs one with every error that stops a build) names what the error
        # says: formatted here, hidden, and kept as the text every formatter then prints.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# Pelican's loggers (a filter on a logger sees only the lines logged on it, not on its children).
PELICAN_LOGGERS = ("pelican", "pelican.generators", "pelican.utils", "pelican.contents", "pelican.readers",
                   "pelican.writers", "pelican.settings", "pelican.cache", "pelican.urlwrappers", "pelican.server",
                   "pelican.paginator", "pelican.plugins._utils")


def _log_handlers() -> list[logging.Handler]:
    """The handlers that print the build's lines: the root logger's (every logger's lines reach them,
    another plugin's too) and Pelican's own, should it not be installed yet."""
    handlers = list(logging.getLogger().handlers)
    log = sys.modules.get("pelican.log")
    default = getattr(log, "DEFAULT_LOG_HANDLER", None)
    if isinstance(default, logging.Handler) and default not in handlers:
        handlers.append(default)
    return handlers


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def _hide_printed_traceback() -> None:
    """``pelican --debug`` prints the error that stopped the build with Rich, outside logging: the
    same traceback, with addresses hidden (once: autoreload registers the plugins again)."""
    console = getattr(sys.modules.get("pelican.log"), "console", None)
    shown = getattr(console, "print_exception", None)
    if shown is None or getattr(shown, "hides_addresses", False):
        return

    def print_exception(*args, **kwargs) -> None:
        with console.capture() as captured:
            shown(*args, **kwargs)
        # without its colours: on a terminal Rich wraps an address in them ("\x1b[1;92m192.0.2.7"), and
        # the escape's last letter would hide the address from the patterns (a word goes on)
        console.file.write(redact(_ANSI.sub("", captured.get())))

    print_exception.hides_addresses = True
    console.print_exception = print_exception


def install_log_filters() -> None:
    """Add :class:`OneLineErrors` to Pelican's logger, :class:`WhyNotRead` to its generators' logger,
    :class:`NoAddresses` to all of Pelican's and to the handlers that print every logger's lines,
    each once (autoreload calls this again); and hide addresses in the traceback ``--debug`` prints."""
    chosen = [("pelican", OneLineErrors), ("pelican.generators", WhyNotRead)]
    chosen += [(name, NoAddresses) for name in PELICAN_LOGGERS]  # after the others: it reads their lines
    targets = [(logging.getLogger(name), kind) for name, kind in chosen]
    targets += [(handler, NoAddresses) for handler in _log_handlers()]
    for target, kind in targets:
        if not any(isinstance(f, kind) for f in target.filters):
            target.addFilter(kind())
    _hide_printed_traceback()
