"""Write new posts and reply files from the command line (``invoke new-post``, ``invoke new-reply``)."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from pathlib import Path

from pelican.utils import slugify

from .privacy import has_private_data, safe_url
from .reader import PLACEHOLDER_BODY, REPLY_ID_RE, REPLY_TO_RE, reply_files, split_metadata
from .reply_links import replies_closed
from .threads import near_reply

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


def post_slugs(content: Path) -> dict[str, Path]:
    """Slug -> file of every Markdown or HTML post under ``content`` (replies and comments excluded)."""
    found: dict[str, Path] = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).parts
        if not path.is_file() or path.suffix not in (".md", ".markdown", ".html") or rel[0] in ("replies", "comments"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            match = re.search(r'<meta\s+name="slug"\s+content="([^"]+)"', text)
            slug = match.group(1) if match else path.stem
        else:
            meta, _ = split_metadata(text)
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
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        head = re.split(r"</head\s*>|<body[\s>]", text, maxsplit=1, flags=re.IGNORECASE)[0]
        match = re.search(r'<meta\s+name="replies"\s+content="([^"]*)"', head, re.IGNORECASE)
        return html.unescape(match.group(1)) if match else None
    return split_metadata(text)[0].get("replies")


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
