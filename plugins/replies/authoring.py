"""Write new posts and reply files from the command line (``invoke new-post``, ``invoke new-reply``)."""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from pelican.utils import slugify

from .privacy import has_private_data, safe_url
from .reader import PLACEHOLDER_BODY, REPLY_ID_RE, REPLY_TO_RE, reply_files
from .reply_links import replies_closed
from .threads import near_reply

logger = logging.getLogger(__name__)

_SLUG_SUBS = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]


class AuthoringError(Exception):
    """The new post or reply cannot be written; the message says why."""


def _one_line(value: str, what: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise AuthoringError(f"{what} must not be empty")
    if has_private_data(value):
        raise AuthoringError(f"{what} must not hold an email or IP address")
    return value


_RST_FIELD_RE = re.compile(r"^:(?P<key>[A-Za-z][A-Za-z0-9_-]*):\s*(?P<value>.*)$")
# Python-Markdown's meta extension (what Pelican reads a Markdown header with): a key up to three spaces in,
# a value going on four spaces in; the header may open with --- and close with --- or ...
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_META_BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
_META_END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


class _HeadParser(HTMLParser):
    """The ``<meta name content>`` pairs (first of each name) and the ``<title>`` of an HTML head, as
    Pelican's HTML reader takes them: only inside ``<head>``, ``contents`` read where ``content`` is missing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self._in_head = False
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif tag == "title" and self._in_head:
            self._in_title = True
        elif tag == "meta" and self._in_head:
            values = dict(attrs)
            name = (values.get("name") or "").lower()
            if name and name not in self.meta:
                self.meta[name] = values.get("content") or values.get("contents") or ""

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.meta.setdefault("title", "".join(self._title).strip())

    def handle_data(self, data):
        if self._in_title:
            self._title.append(data)


def read_post_metadata(path: Path) -> dict[str, str]:
    """The metadata of a post file (Markdown, HTML or reST), keys in lower case, read as Pelican reads it.

    The first of a key counts (Pelican: "Duplicate definition ... Using first one"). Markdown's
    header may start with ``---`` and ends at a blank line, ``---`` or a line that is no ``Key: value``;
    a line indented four spaces goes on with the value above it and is passed over (Pelican takes
    the first line of a title or a slug). HTML: the ``<meta name content>``
    of the head (in any order of attributes, quoted either way, entities read) and its ``<title>``.
    A file that cannot be read is named in a warning and has none.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.md").write_text("---\\nTitle: A\\nSummary: one\\n    two\\nSlug: a-1\\nSlug: a-2\\n\\nText\\n")
    >>> read_post_metadata(root / "a.md")
    {'title': 'A', 'summary': 'one', 'slug': 'a-1'}
    >>> _ = (root / "b.html").write_text("<head><title>B &amp; C</title><meta content='x' name='Replies'>"
    ...                                  "</head><body><meta name='slug' content='no'></body>")
    >>> read_post_metadata(root / "b.html")
    {'title': 'B & C', 'replies': 'x'}
    >>> _ = (root / "c.rst").write_text("C\\n=\\n\\n:slug: c-1\\n")
    >>> read_post_metadata(root / "c.rst")
    {'title': 'C', 'slug': 'c-1'}
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        logger.warning("%s: cannot read (%s); ignored", path, exc)
        return {}
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        parser = _HeadParser()
        head = re.split(r"</head\s*>|<body[\s>]", text, maxsplit=1, flags=re.IGNORECASE)[0]
        parser.feed(head)
        parser.close()
        return parser.meta
    meta: dict[str, str] = {}
    if suffix == ".rst":
        lines = text.lstrip("\ufeff").splitlines()
        for line in lines:
            match = _RST_FIELD_RE.match(line.strip())
            if match:
                meta.setdefault(match["key"].lower(), match["value"].strip())
            elif line.strip() and not set(line.strip()) <= set("=-~#*^"):
                meta.setdefault("title", line.strip())
        return meta
    # As Python-Markdown reads it: line ends made "\n" (a "\x85" or "\u2028" in a title ends no line),
    # tabs as four spaces, then its meta extension's rules.
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    if lines and _META_BEGIN_RE.match(lines[0]):
        lines = lines[1:]
    key = None
    for line in lines:
        if not line.strip() or _META_END_RE.match(line):
            break
        match = _META_RE.match(line)
        if match:
            key = match["key"].lower().strip()
            meta.setdefault(key, match["value"].strip())
        elif not (key and _META_MORE_RE.match(line)):  # a value's later lines are passed over
            break
    return meta


# The files Pelican's readers make posts of (Markdown's, HTML's and reStructuredText's extensions).
POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst")


def post_slugs(content: Path, keep=None) -> dict[str, Path]:
    """Slug -> file of every Markdown or HTML post under ``content`` (replies and comments excluded), the
    first by path for a slug two files give; ``keep(path)``: only the files it keeps count (before that)."""
    found: dict[str, Path] = {}
    for path in sorted(content.rglob("*"), key=lambda p: p.relative_to(content).as_posix()):  # as the build orders them
        rel = path.relative_to(content).parts
        if not path.is_file() or path.suffix.lower() not in POST_SUFFIXES or rel[0] in ("replies", "comments"):
            continue
        if keep is not None and not keep(path):
            continue
        meta = read_post_metadata(path)
        # as Pelican gives it: the Slug, or the title made a slug (an HTML post's <title> too)
        slug = meta.get("slug") or slugify(meta.get("title", path.stem), regex_subs=_SLUG_SUBS)
        found.setdefault(slug, path)
    return found


def replies_value(path: Path) -> str | None:
    """The ``Replies`` metadata of a post file (``<meta name="replies">`` in HTML), or None.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "a.md").write_text("Title: A\\nReplies: closed\\n\\nText\\n", encoding="utf-8") and None
    >>> (root / "b.html").write_text('<head><meta name="replies" content="Closed"></head>', encoding="utf-8") and None
    >>> replies_value(root / "a.md"), replies_value(root / "b.html")
    ('closed', 'Closed')
    """
    return read_post_metadata(path).get("replies")


def new_post(content: Path, title: str, author: str, *, now: dt.datetime | None = None,
             category: str = "Practice") -> Path:
    """Write ``content/posts/<slug>.md`` with its metadata; never overwrites.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> path = new_post(root, "On Noticing", "Mira Okafor", now=dt.datetime(2026, 7, 1, 9, 30))
    >>> print(path.relative_to(root)); print(path.read_text().split("\\n\\n")[0])
    posts/on-noticing.md
    Title: On Noticing
    Date: 2026-07-01 09:30
    Author: Mira Okafor
    Category: Practice
    Tags:
    Slug: on-noticing
    Summary:
    """
    title = _one_line(title, "the title")
    slug = slugify(title, regex_subs=_SLUG_SUBS)
    if not slug:
        raise AuthoringError(f"cannot make a slug from the title {title!r}")
    existing = post_slugs(content) if content.is_dir() else {}
    if slug in existing:
        raise AuthoringError(f"a post with slug {slug!r} exists already: {existing[slug]}")
    path = content / "posts" / f"{slug}.md"
    if path.exists():
        raise AuthoringError(f"{path} exists already")
    now = now or dt.datetime.now()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\nDate: {now:%Y-%m-%d %H:%M}\nAuthor: {_one_line(author, 'the author')}\n"
        f"Category: {category}\nTags:\nSlug: {slug}\nSummary:\n\nWrite here.\n",
        encoding="utf-8",
    )
    return path


def _near_hint(replies: Path, post: str, reply_id: str, own_post: str) -> str:
    """' (did you mean ...?)' for a --reply-to that names no reply, or ''."""
    ids = {folder.name: [f.stem for f in reply_files(folder)] for folder in sorted(replies.iterdir())
           if folder.is_dir()} if replies.is_dir() else {}
    near = near_reply(f"{post}/{reply_id}", own_post, ids)
    return f" (did you mean {near!r}?)" if near else ""


def new_reply(content: Path, post_slug: str, author: str, *, reply_to: str | None = None,
              author_url: str | None = None, now: dt.datetime | None = None,
              replies_path: str = "replies") -> Path:
    """Write ``content/replies/<post-slug>/<id>.md``; the id is the author's first name and a number.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = new_post(root, "On Noticing", "Mira Okafor", now=dt.datetime(2026, 7, 1, 9, 30))
    >>> first = new_reply(root, "on-noticing", "Ada Park", now=dt.datetime(2026, 7, 2, 8, 0))
    >>> second = new_reply(root, "on-noticing", "Mira Okafor", reply_to="ada-1", now=dt.datetime(2026, 7, 2, 9, 0))
    >>> print(second.relative_to(root)); print(second.read_text())
    replies/on-noticing/mira-1.md
    Author: Mira Okafor
    Date: 2026-07-02 09:00
    Reply-To: ada-1
    <BLANKLINE>
    Write your reply here.
    <BLANKLINE>
    """
    posts = post_slugs(content)
    if post_slug not in posts:
        near = difflib.get_close_matches(post_slug, sorted(posts), n=3, cutoff=0.6)
        if not posts:
            known = "there is no post yet"
        elif near:
            known = f"did you mean {', '.join(map(repr, near))}?"
        elif len(posts) <= 10:
            known = f"known: {', '.join(sorted(posts))}"
        else:  # an archive's hundreds of slugs on one line help nobody
            known = f"none of the {len(posts)} posts has a slug close to it"
        raise AuthoringError(f"no post with slug {post_slug!r} under {content}; {known}")
    if replies_closed(replies_value(posts[post_slug])):
        how = ("change its <meta name=\"replies\" content=\"closed\"> (the import wrote it) to \"open\"; an "
               "import run again with --update writes it back"
               if posts[post_slug].suffix == ".html" else "take that line out, or write 'Replies: open'")
        raise AuthoringError(f"{posts[post_slug]} says 'Replies: closed': the post takes no new replies "
                             f"(its page shows no Reply link); to answer it, {how}")
    author = _one_line(author, "the author")
    folder = content / replies_path / post_slug
    if reply_to:
        match = REPLY_TO_RE.match(reply_to)
        if not match:
            raise AuthoringError(f"--reply-to {reply_to!r} is not '<reply-id>' or '<post-slug>/<reply-id>'")
        target = content / replies_path / (match["post"] or post_slug) / f"{match['id']}.md"
        if not target.is_file():
            hint = _near_hint(content / replies_path, match["post"] or post_slug, match["id"], post_slug)
            raise AuthoringError(f"--reply-to {reply_to!r}: there is no {target}{hint}")
    url = None
    if author_url:
        url = safe_url(author_url)
        if url is None:
            raise AuthoringError(f"--author-url {author_url!r} is not an http(s) URL")
    stem = slugify(author.split()[0], regex_subs=_SLUG_SUBS) or "reply"
    number = 1
    while (folder / f"{stem}-{number}.md").exists():
        number += 1
    reply_id = f"{stem}-{number}"
    assert REPLY_ID_RE.match(reply_id)
    now = now or dt.datetime.now()
    lines = [f"Author: {author}", f"Date: {now:%Y-%m-%d %H:%M}"]
    if reply_to:
        lines.append(f"Reply-To: {reply_to}")
    if url:
        lines.append(f"Author-URL: {url}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{reply_id}.md"
    path.write_text("\n".join(lines) + f"\n\n{PLACEHOLDER_BODY}\n", encoding="utf-8")
    return path
