"""Import webmentions (webmention.io jf2): from a saved JSON file or from the API with a token.

* ``in-reply-to`` becomes a reply (``wm-<wm-id>.md``); a reply whose target (or
  ``in-reply-to``) is another reply's own URL is threaded under that reply;
* ``mention-of`` becomes a ``Kind: mention`` file: a link from an outside page;
* ``like-of``, ``repost-of``, ``bookmark-of`` are counted in the post's ``reactions.json``,
  never shown as replies;
* private webmentions (``wm-private``), other types (RSVPs...) and webmentions whose target
  is not a post of the content folder (the home page, say) are skipped and counted; every
  unmatched target is listed.

The file may be the API's ``{"type": "feed", "children": [...]}``, a cache that wraps the
same list (``{"lastFetched": ..., "children": [...]}``), or the bare list.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlencode, urlsplit

from .dates import parse_date
from .fetch import fetch, is_http_url
from .htmltext import html_blocks, slugify, text_to_html
from .limits import load_json
from .model import REPLY_ID_RE, ImportedPost, ImportedReply, ImportFailed, ImportReport, Reaction
from .pipeline import finish
from .safety import clean_name, safe_url
from .site import (
    KnownPost,
    PostIndex,
    missing_posts_advice,
    normalize_url,
    scan_content,
    url_host,
    url_slug_candidates,
)
from .threads import Candidate, resolve_thread

logger = logging.getLogger(__name__)

DEFAULT_API = "https://webmention.io"
TOKEN_ENV = "WEBMENTION_IO_TOKEN"
REACTIONS = MappingProxyType({"like-of": "like", "repost-of": "repost", "bookmark-of": "bookmark"})
PROPERTIES = ("in-reply-to", "mention-of", *REACTIONS)


def parse_jf2(data: bytes | str, name: str) -> list[object]:
    """The entries of a jf2 document, as the document has them.

    An entry that is not an object (a string, a number, ``null``, a list) is kept in its place,
    for :func:`entries_to_records` to name in the report.

    Raises
    ------
    ImportFailed
        Not JSON (the message names line and column), or no list of entries in it.
    """
    document = load_json(data, name)  # nesting limit; errors name file, line and column
    if isinstance(document, dict) and isinstance(document.get("children"), list):
        entries = document["children"]
    elif isinstance(document, dict) and isinstance(document.get("webmentions"), list):
        entries = document["webmentions"]  # the Eleventy cache: {"lastFetched": ..., "webmentions": [...]}
    elif isinstance(document, list):
        entries = document
    else:
        keys = ", ".join(repr(k) for k in list(document)[:5]) if isinstance(document, dict) else ""
        raise ImportFailed(f"{name}: not webmention.io jf2: expected a feed with 'children', a cache "
                           "with 'webmentions' (as Eleventy keeps it), or a list of entries"
                           + (f"; found the keys {keys}" if keys else ""))
    return entries


def json_kind(value: object) -> str:
    """What a JSON value is, in words, with the value when it is short.

    Examples
    --------
    >>> [json_kind(v) for v in ("a reply", 42, None, [1, 2], True, {"wm-id": 1})]
    ['a string ("a reply")', 'a number (42)', 'null', 'a list ([1, 2])', 'true', 'an object']
    >>> json_kind("x" * 50)
    'a string ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...)'
    """
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, dict):
        return "an object"
    kind = ("a string" if isinstance(value, str) else "a number" if isinstance(value, (int, float))
            else "a list" if isinstance(value, list) else type(value).__name__)
    shown = json.dumps(value, ensure_ascii=False)
    return f"{kind} ({shown[:31]}...)" if len(shown) > 40 else f"{kind} ({shown})"


def _report_not_objects(entries: list[object], report: ImportReport, name: str) -> None:
    """Count and name (by position, from 1) the entries that are not objects, so not webmentions."""
    odd = [(n, entry) for n, entry in enumerate(entries, start=1) if not isinstance(entry, dict)]
    if not odd:
        return
    report.skip("jf2 entry that is not an object", count=len(odd))
    shown = "; ".join(f"entry {n} is {json_kind(entry)}" for n, entry in odd[:10])
    more = f"; and {len(odd) - 10} more" if len(odd) > 10 else ""
    report.note(f"{name}: {len(odd)} of {len(entries)} entries left out, not being objects (a webmention is "
                f"an object with wm-id, author, wm-target...): {shown}{more}")


def _urls(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _urls(value.get("url"))
    if isinstance(value, list):
        return [u for item in value for u in _urls(item)]
    return []


def fediverse_handle(url: object) -> str:
    """``@name@host`` for a fediverse profile URL (``https://host/@name``), else ``""``.

    Examples
    --------
    >>> fediverse_handle("https://mastodon.social/@quietwalker"), fediverse_handle("https://ada.example/")
    ('@quietwalker@mastodon.social', '')
    """
    url = safe_url(url)
    if url is None:
        return ""
    parts = urlsplit(url)
    match = re.fullmatch(r"/@([A-Za-z0-9_][A-Za-z0-9_.-]{0,63})/?", parts.path)
    return f"@{match.group(1)}@{parts.hostname}" if match and not parts.query else ""


def _property(entry: dict) -> str:
    prop = entry.get("wm-property")
    if isinstance(prop, str) and prop:
        return prop
    return next((p for p in PROPERTIES if entry.get(p)), "")


def _reply_id(entry: dict) -> str:
    wm_id = entry.get("wm-id")
    if isinstance(wm_id, (int, str)) and not isinstance(wm_id, bool) and str(wm_id).strip():
        rid = f"wm-{str(wm_id).strip()}"
        if REPLY_ID_RE.match(rid):
            return rid
    key = str(entry.get("url") or entry.get("wm-source") or json.dumps(entry, sort_keys=True))
    return "wm-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _body(entry: dict) -> str:
    content = entry.get("content")
    if isinstance(content, dict):
        if isinstance(content.get("html"), str) and content["html"].strip():
            return html_blocks(content["html"])
        if isinstance(content.get("text"), str) and content["text"].strip():
            return text_to_html(content["text"])
    if isinstance(content, str) and content.strip():
        return text_to_html(content)
    for key in ("summary", "name"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return text_to_html(entry[key])
    return ""


def entries_to_records(entries: list[object], index: PostIndex, report: ImportReport, name: str,
                       created: list[ImportedPost] | None = None) -> tuple[list[ImportedReply], list[Reaction]]:
    """Turn jf2 entries into replies, mentions and reactions on the posts of ``index``.

    An entry that is not an object is left out and named, by its position, in the report.
    With ``created`` (a list), a minimal post is made for each target that matches no post
    (see :func:`target_posts`), appended to it and added to ``index``.
    """
    _report_not_objects(entries, report, name)
    seen: dict[str, dict] = {}
    for entry in entries:  # pages of the API overlap when mentions arrive while fetching
        if isinstance(entry, dict):
            seen.setdefault(_reply_id(entry), entry)
    places = _Places(seen, index)
    if created is not None:
        _create_missing_posts(seen, places, index, report, name, created)
    candidates: dict[str, list[Candidate]] = {}
    reactions: list[Reaction] = []
    unmatched: dict[str, int] = {}
    for rid, entry in seen.items():
        prop = _property(entry)
        if entry.get("wm-private") is True:
            report.skip("private webmention")
        elif prop not in PROPERTIES:
            report.skip(f"webmention of type {prop or 'unknown'!r}")
        elif (post := places.post_of(rid)) is None:
            target = str(entry.get("wm-target") or "(no target)")
            unmatched[target] = unmatched.get(target, 0) + 1
        else:
            record = _record(rid, entry, prop, post, places, report, name)
            if isinstance(record, Reaction):
                reactions.append(record)
            else:
                candidates.setdefault(post.slug, []).append(record)
    _report_unmatched(unmatched, index, report, name, created)
    replies: list[ImportedReply] = []
    for slug, items in sorted(candidates.items()):
        items.sort(key=lambda c: (c.reply.date, c.reply.reply_id))
        earliest = min((c.reply.date for c in items if c.reply.date), default="")
        for cand in items:
            cand.reply.date = cand.reply.date or earliest
        replies.extend(resolve_thread(items, report, where=f"{name}: post {slug!r}"))
    made = {p.slug for p in created or []}
    report.posts_existing = len(({r.post_slug for r in replies} | {r.post_slug for r in reactions}) - made)
    return replies, reactions


class _Places:
    """Where each webmention belongs: the one it answers (its ``in-reply-to`` or ``wm-target`` is that
    one's URL, or ends in ``#reply-<id>``) and the post it is under (its own target's, or the post of
    the one it answers)."""

    def __init__(self, seen: dict[str, dict], index: PostIndex) -> None:
        self.seen = seen
        self.by_url: dict[str, str] = {}
        for rid, entry in seen.items():
            for url in (entry.get("url"), entry.get("wm-source")):
                key = normalize_url(url) if isinstance(url, str) else None
                if key:
                    self.by_url.setdefault(key, rid)
        self.parents = {rid: self._parent_of(rid, entry) for rid, entry in seen.items()}
        self.direct = {rid: index.find_url(entry.get("wm-target") if isinstance(entry.get("wm-target"), str)
                                           else None)
                       for rid, entry in seen.items()}

    def _parent_of(self, rid: str, entry: dict) -> str | None:
        for url in [*_urls(entry.get("in-reply-to")), *_urls(entry.get("wm-target"))]:
            key = normalize_url(url)
            other = self.by_url.get(key) if key else None
            if other and other != rid:
                return other
            try:
                fragment = urlsplit(url).fragment if isinstance(url, str) else ""
            except ValueError:  # "http://[broken/": not a URL at all
                fragment = ""
            if fragment.startswith("reply-") and fragment[6:] in self.seen and fragment[6:] != rid:
                return fragment[6:]
        return None

    def post_of(self, rid: str | None):
        visited = set()
        while rid is not None and rid not in visited:
            visited.add(rid)
            if self.direct[rid] is not None:
                return self.direct[rid]
            rid = self.parents[rid]
        return None


def _create_missing_posts(seen: dict[str, dict], places: _Places, index: PostIndex, report: ImportReport,
                          name: str, created: list[ImportedPost]) -> None:
    """A minimal post for each target that matches none (``--create-posts``), added to ``index``."""
    importable = [rid for rid, entry in seen.items() if places.post_of(rid) is None
                  and entry.get("wm-private") is not True and _property(entry) in PROPERTIES]
    for post in target_posts([seen[rid] for rid in importable], index, report, name):
        created.append(post)
        index.add(KnownPost(slug=post.slug, relpath=post.relpath, title=post.title,
                            source_id=post.source_id, original_url=post.original_url or ""))
    places.direct.update({rid: index.find_url(seen[rid].get("wm-target")) for rid in importable
                          if isinstance(seen[rid].get("wm-target"), str)})


def _record(rid: str, entry: dict, prop: str, post, places: _Places, report: ImportReport,
            name: str) -> Reaction | Candidate:
    """One webmention under ``post``: a like or repost as a :class:`Reaction`, a reply or mention as a
    :class:`Candidate` (kept unless it has no date, or a mention has no web address)."""
    author_el = entry.get("author") if isinstance(entry.get("author"), dict) else {}
    url = safe_url(entry.get("url")) or safe_url(entry.get("wm-source"))
    author = (clean_name(author_el.get("name")) or fediverse_handle(author_el.get("url"))
              or (urlsplit(url).hostname if url else ""))
    if prop in REACTIONS:
        return Reaction(post.slug, REACTIONS[prop], author=author, url=url)
    date = parse_date(entry.get("published")) or parse_date(entry.get("wm-received"))
    keep, reason = True, ""
    if not date:
        keep, reason = False, "webmention without a date"
    if prop == "mention-of" and url is None:
        keep, reason = False, "mention without an http(s) source URL"
    parent = places.parents[rid]
    if parent is not None and places.post_of(parent) is not post:
        report.note(f"{name}: {rid} answers {parent}, which is under another post; attached to its own post")
        parent = None
    source_id = (f"webmention.io:{entry['wm-id']}" if rid == f"wm-{entry.get('wm-id')}"
                 else f"webmention:{url or rid}")
    reply = ImportedReply(
        post_slug=post.slug, reply_id=rid, date=date or "", source_id=source_id,
        author=author or "Anonymous", body=_body(entry),
        kind="reply" if prop == "in-reply-to" else "mention",
        author_url=safe_url(author_el.get("url")) if prop == "in-reply-to" else None,
        source_url=url,
    )
    return Candidate(reply=reply, parent=parent, keep=keep, skip_reason=reason)


def _report_unmatched(unmatched: dict[str, int], index: PostIndex, report: ImportReport, name: str,
                      created: list[ImportedPost] | None) -> None:
    """Webmentions whose target is no post: counted and named, with what to do about them."""
    for target, count in sorted(unmatched.items()):
        home = not url_slug_candidates(target)  # a like of the site's front page: nothing to attach it to
        report.skip("webmention of a site's home page, not a post" if home
                    else "webmention whose target is not a post", count=count)
        report.note(f"{name}: target {target} matches no post in the content folder; "
                    f"{count} webmention(s) skipped" + (" (it is a home page)" if home else ""))
    for_posts = {t: n for t, n in unmatched.items() if url_slug_candidates(t)}  # not the home page
    if for_posts:
        report.todo.append(missing_posts_advice("webmention(s)", sum(for_posts.values()), index, min(for_posts),
                                                None if created is not None else "--create-posts"))


def title_from_url(url: str) -> str:
    """A post title from the last part of its address.

    Examples
    --------
    >>> title_from_url("https://blog.example/2019/05/on-slow-tea_and-rain/")
    'On slow tea and rain'
    >>> title_from_url("https://blog.example/notes/walking.html")
    'Walking'
    """
    last = url_slug_candidates(url)[0]
    words = " ".join(re.split(r"[-_+\s]+", last)).strip()
    return words[:1].upper() + words[1:]


# Parts of an address that name no one ("www.brycewray.com", "blog.ann.example").
_HOST_WORDS = frozenset({"www", "blog", "blogs", "web", "home", "m"})


def site_owner(entries: list[dict], host: str) -> tuple[str, str] | None:
    """Who writes the site at ``host``, as its webmentions show: the one person whose name is the
    address ("Bryce Wray" of brycewray.com: letters and digits alike), else the one whose own address
    (``author.url``) is on that site; with the reason, in words. None when nobody, or more than one
    person, is.

    >>> owner = site_owner([{"author": {"name": "Bryce Wray", "url": "https://twitter.com/BryceWrayTX"}},
    ...                     {"author": {"name": "Jim", "url": "https://jim.example/"}}], "www.brycewray.com")
    >>> owner
    ('Bryce Wray', "whose name is the site's address")
    >>> site_owner([{"author": {"name": "Ann Lee", "url": "https://ann.example/about/"}}], "ann.example")
    ('Ann Lee', 'whose own address is on the same site')
    >>> site_owner([{"author": {"name": "Ann", "url": "https://a.example/"}},
    ...             {"author": {"name": "Bo", "url": "https://a.example/bo"}}], "a.example") is None
    True
    """
    labels = {label for label in host.split(".")[:-1] if label not in _HOST_WORDS}
    by_name: set[str] = set()
    by_address: set[str] = set()
    for entry in entries:
        author = entry.get("author") if isinstance(entry.get("author"), dict) else {}
        who = clean_name(author.get("name")) if isinstance(author.get("name"), str) else ""
        if not who:
            continue
        if "".join(ch for ch in who.casefold() if ch.isalnum()) in labels:
            by_name.add(who)
        if url_host(author.get("url")) == host:
            by_address.add(who)
    for found, why in ((by_name, "whose name is the site's address"),
                       (by_address, "whose own address is on the same site")):
        if len(found) == 1:
            return next(iter(found)), why
        if found:
            return None
    return None


def target_posts(entries: list[dict], index: PostIndex, report: ImportReport, name: str) -> list[ImportedPost]:
    """A minimal post for each webmention target that matches no post (``--create-posts``).

    Titled from the address's last part, its slug the slugified last part, dated by the
    earliest webmention to it, with a note saying it was created from mentions and a link to
    the original. Targets without a path (the home page), whose slug another post has, or
    whose webmentions carry no date are left unmatched (and reported as such). Its writer is the
    site's owner where the webmentions to that site show them (:func:`site_owner`); else it has none,
    and the site shows its ``AUTHOR``.
    """
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        target = entry.get("wm-target")
        key = normalize_url(target) if isinstance(target, str) else None
        if key and url_slug_candidates(target):
            groups.setdefault(key, []).append(entry)
    posts: list[ImportedPost] = []
    by_host: dict[str, list[dict]] = {}
    for items in groups.values():
        by_host.setdefault(url_host(items[0]["wm-target"]), []).extend(items)
    owners = {host: site_owner(items, host) for host, items in by_host.items()}
    for key, items in sorted(groups.items()):
        url = safe_url(items[0]["wm-target"])
        slug = slugify(url_slug_candidates(url)[-1]) if url else ""
        dates = [d for e in items for d in [parse_date(e.get("published")) or parse_date(e.get("wm-received"))] if d]
        if not slug or slug in index.by_slug or any(p.slug == slug for p in posts) or not dates:
            continue
        address = html.escape(url)
        body = (f"<p><em>This page stands in for a post published at <a href=\"{address}\">{address}</a>: other "
                "sites answered it, linked to it or liked it, as shown below, but the post's own text is not on "
                "this site yet (its title here is made from its address).</em></p>")
        owner = owners.get(url_host(url))
        posts.append(ImportedPost(slug=slug, title=title_from_url(url), date=min(dates), body=body,
                                  source_id=f"webmention-target:{key}", source_kind="webmention",
                                  original_url=url, author=owner[0] if owner else ""))
        made = f"{name}: post {slug!r} created for {url} from {len(items)} webmention(s) (--create-posts); "
        report.note(made + (f"credited to {owner[0]}, {owner[1]}; replace its text with the real post's"
                            if owner else
                            "replace its text with the real post's, and add its author (until then the site "
                            "shows the AUTHOR of pelicanconf.py as its writer, and replies to it as answering them)"))
    return posts


def import_webmention(source: Path, content_dir: Path, *, dry_run: bool = False,
                      update: bool = False, create_posts: bool = False) -> ImportReport:
    """Import webmentions from a saved webmention.io jf2 file.

    Parameters
    ----------
    source : Path
        The JSON file (``mentions.jf2`` as the API returns it, or a cache wrapping the list).
    content_dir : Path
        The Pelican content folder; each webmention's ``wm-target`` is matched to its posts.
    dry_run : bool
        Read, check and plan, but write nothing.
    update : bool
        Overwrite files an earlier import wrote for the same webmentions when they differ now.
    create_posts : bool
        Create a minimal post (``content/imported/webmention/<slug>.html``) for each target
        that matches no post, so its webmentions have somewhere to go (see :func:`target_posts`).

    Returns
    -------
    ImportReport
        What was imported, skipped (with every unmatched target) and written.

    Raises
    ------
    ImportFailed
        The file cannot be read or is not jf2.
    """
    source, content_dir = Path(source), Path(content_dir)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{source}: cannot read the file ({exc.strerror or exc})") from exc
    entries = parse_jf2(data, str(source))
    report = ImportReport("Webmention", str(source))
    posts: list[ImportedPost] | None = [] if create_posts else None
    replies, reactions = entries_to_records(entries, scan_content(content_dir), report, source.name, posts)
    return finish(report, content_dir, posts or [], replies, reactions, dry_run=dry_run, update=update)


def fetch_webmentions(token: str, *, base_url: str = DEFAULT_API, domain: str | None = None,
                      per_page: int = 100, timeout: float = 30.0, max_pages: int = 1000) -> list[object]:
    """Fetch every webmention of an account from the webmention.io API (jf2), page by page.

    Parameters
    ----------
    token : str
        The account's API token (webmention.io → Settings). Never printed or logged.
    base_url : str
        The API's base URL; tests point it at a local server.
    domain : str, optional
        Only the webmentions of this domain.
    per_page : int
        Entries per request.
    timeout : float
        Seconds to wait for each response.
    max_pages : int
        Stop after this many pages.

    Returns
    -------
    list
        The jf2 entries, in the order the pages gave them (one that is not an object too, for
        the import to report; it counts towards a full page).

    Raises
    ------
    ImportFailed
        No token, a network or HTTP error (e.g. 401 for a wrong token), or an answer that is
        not jf2. The message names the API, never the token.
    """
    if not token:
        raise ImportFailed(f"webmention.io API: a token is needed (--token, or the {TOKEN_ENV} "
                           "environment variable)")
    if not is_http_url(base_url):
        raise ImportFailed(f"{base_url}: the API base URL must be an http(s) URL")
    endpoint = f"{base_url.rstrip('/')}/api/mentions.jf2"
    entries: list[object] = []
    for page in range(max_pages):
        params = {"token": token, "per-page": per_page, "page": page}
        if domain:
            params["domain"] = domain
        label = f"{endpoint} (page {page})"
        data = fetch(f"{endpoint}?{urlencode(params)}", label=label, timeout=timeout,
                     accept="application/json")
        batch = parse_jf2(data, label)
        entries.extend(batch)
        if len(batch) < per_page:
            break
    logger.info("%s: %d webmentions fetched", endpoint, len(entries))
    return entries


def import_webmention_api(token: str | None, content_dir: Path, *, base_url: str = DEFAULT_API,
                          domain: str | None = None, dry_run: bool = False, update: bool = False,
                          timeout: float = 30.0, create_posts: bool = False) -> ImportReport:
    """Fetch webmentions from the webmention.io API and import them (see :func:`import_webmention`).

    Parameters
    ----------
    token : str or None
        The API token; None reads the ``WEBMENTION_IO_TOKEN`` environment variable.
    content_dir : Path
        The Pelican content folder.
    base_url : str
        The API's base URL (default ``https://webmention.io``).
    domain : str, optional
        Only the webmentions of this domain.
    dry_run, update, create_posts : bool
        As for :func:`import_webmention`.
    timeout : float
        Seconds to wait for each response.

    Returns
    -------
    ImportReport
    """
    token = token or os.environ.get(TOKEN_ENV, "")
    content_dir = Path(content_dir)
    entries = fetch_webmentions(token, base_url=base_url, domain=domain, timeout=timeout)
    name = f"{base_url.rstrip('/')}/api/mentions.jf2"
    report = ImportReport("Webmention", name + (f" (domain {domain})" if domain else ""))
    posts: list[ImportedPost] | None = [] if create_posts else None
    replies, reactions = entries_to_records(entries, scan_content(content_dir), report, name, posts)
    return finish(report, content_dir, posts or [], replies, reactions, dry_run=dry_run, update=update)
