"""Read reply files: the project's own layout and the pelican-comment-system layout.

``content/replies/<post-slug>/<reply-id>.md`` holds ``Key: value`` lines, a blank line,
then the Markdown body (see ``docs/formats.md``). ``content/comments/<post-slug>/*.md``
(pelican-comment-system) is read as is: lower-case keys, ids from the ``slug`` metadata
or the slugified file name *with* its extension (``1.md`` is ``1md``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import SafeDatetime, get_date, set_date_tzinfo, slugify

from .limits import body_problem, clean_text, json_depth, mixed_script_word, visible
from .model import KINDS, STATUSES, Reactions, Reply
from .privacy import EMAIL_PLACEHOLDER, IP_PLACEHOLDER, has_private_data, loggable, redact, safe_url
from .problems import Problems
from .sanitize import namespace_ids, render_body

logger = logging.getLogger(__name__)

REPLY_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
REPLY_TO_RE = re.compile(r"^(?:(?P<post>[A-Za-z0-9][A-Za-z0-9_.-]*)/)?(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]*)$")
HEADER_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")
REACTIONS_FILE = "reactions.json"
# Editor and OS leftovers beside reply files: macOS "._x.md", Emacs "x.md~" and ".#x.md".
LEFTOVER_RE = re.compile(r"^(?:\._|\.#|#)|~$")
MAX_NAME_CHARS = 200
# The Date of a reply link's template without JavaScript (see reply_links.py): the reader fills it in.
PLACEHOLDER_DATE = "YYYY-MM-DD HH:MM"
# The text of that template and of ``invoke new-reply``'s file. Short: it is in every link. Older, longer
# links began with it too, so the build and check-replies still catch them.
PLACEHOLDER_BODY = "Write your reply here."


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """Split ``Key: value`` header lines from the body.

    Keys are lower-cased; an indented line continues the value above it. Lines end at
    ``\n`` (or ``\r\n``) only: ``\v``, ``\f``, ``\x1c``-``\x1e``, ``\x85``, U+2028 and
    U+2029, which ``str.splitlines`` also splits on, are characters of the value (and later
    replaced by a space), so no line can hide or add a field.

    Examples
    --------
    >>> split_metadata("Author: Ada\\nReply-To: b-1\\n\\nHello\\n")
    ({'author': 'Ada', 'reply-to': 'b-1'}, 'Hello\\n')
    >>> split_metadata("No header here\\n")
    ({}, 'No header here\\n')
    >>> split_metadata("Author: Ada\\x0bPark\\u2028Reply-To: x\\r\\nStatus: hidden\\n\\nBody")
    ({'author': 'Ada Park Reply-To: x', 'status': 'hidden'}, 'Body')
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    meta: dict[str, str] = {}
    last = None
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if not stripped.strip():
            return meta, "".join(lines[index + 1 :])
        match = HEADER_RE.match(stripped)
        if match:
            last = match["key"].lower()
            meta[last] = " ".join(clean_text(match["value"], replacement=" ").split())
        elif last is not None and stripped[:1] in (" ", "\t"):
            meta[last] = f"{meta[last]} {' '.join(clean_text(stripped, replacement=' ').split())}"
        else:
            if not meta:
                return {}, text
            return meta, "".join(lines[index:])
    return meta, ""


#: The keys of a reply file (docs/formats.md), as written there.
KEYS = ("Author", "Date", "Date-Estimated", "Reply-To", "Reply-To-Missing", "Author-URL", "Status", "Kind",
        "Source-URL", "Post-Author", "Source-Id")
_KNOWN = {key.lower(): key for key in KEYS}
#: Keys other formats use for ours (lower case, without '-', '_' or spaces).
_OTHER_NAMES = {"inreplyto": "Reply-To", "parent": "Reply-To", "parentid": "Reply-To", "replyto": "Reply-To",
                "website": "Author-URL", "url": "Author-URL", "homepage": "Author-URL", "authorurl": "Author-URL",
                "name": "Author", "by": "Author", "published": "Date", "created": "Date", "type": "Kind"}


def meant_key(key: str) -> str | None:
    """The reply key that ``key`` (lower-cased, as read) is likely a slip for, or None.

    >>> [meant_key(k) for k in ("replyto", "in-reply-to", "reply_to", "autor", "status", "mood")]
    ['Reply-To', 'Reply-To', 'Reply-To', 'Author', None, None]
    """
    if key in _KNOWN:
        return None
    squashed = re.sub(r"[\s_-]", "", key)
    for known, written in _KNOWN.items():
        if squashed == known.replace("-", ""):
            return written
    if squashed in _OTHER_NAMES:
        return _OTHER_NAMES[squashed]
    near = difflib.get_close_matches(key, list(_KNOWN), n=1, cutoff=0.8)
    return _KNOWN[near[0]] if near else None


def _read_author(meta: dict, kind: str, legacy: bool, where: str, problems: Problems) -> tuple[str, bool]:
    """The name shown (redacted, one line, at most ``MAX_NAME_CHARS``) and whether the reply may be built."""
    ok = True
    if has_private_data(meta.get("author", "")) and not problems.checking_proposed:  # the check: an error
        problems.warn(where, "Author holds an email or IP address, which is never published: put the name "
                             "to show instead")
    author = " ".join(redact(meta.get("author", "")).split())
    if visible(author) != author:
        problems.warn(where, "Author held characters that show nothing (zero-width or text-direction); removed, "
                             "so the name reads as it looks")
        author = " ".join(visible(author).split())
    if (mixed := mixed_script_word(author)) is not None:
        problems.warn(where, f"Author {loggable(author)} mixes alphabets in {loggable(mixed)} (Latin and Cyrillic "
                             "letters that look alike, say): it reads as another name; check who wrote it")
    if len(author) > MAX_NAME_CHARS:
        problems.warn(where, f"Author is {len(author):,} characters long; shortened to {MAX_NAME_CHARS}")
        author = author[:MAX_NAME_CHARS].rstrip() + "…"
    if not author:
        if kind == "deleted":
            author = "[deleted]"
        elif legacy:
            problems.warn(where, "no author; shown as 'Anonymous'")
            author = "Anonymous"
        else:
            problems.error(where, "missing required metadata 'Author'")
            ok = False
    return author, ok


def _read_date(raw_date: str, settings: dict, where: str, problems: Problems) -> tuple[dt.datetime | None, bool]:
    """The reply's date on the site's clock (see :func:`parse_date`) and whether the reply may be built."""
    ok = True
    date = None
    if not raw_date:
        problems.error(where, "missing required metadata 'Date'")
        ok = False
    elif raw_date == PLACEHOLDER_DATE:
        problems.error(where, f"Date is still the template's {PLACEHOLDER_DATE!r}; put the date and time the "
                              "reply was written, e.g. 2026-03-04 10:15")
        ok = False
    else:
        date = parse_date(raw_date, settings.get("TIMEZONE"))
        if isinstance(date, str):
            problems.error(where, f"Date {loggable(raw_date)} {date}")
            ok, date = False, None
        elif date is None:
            problems.error(where, f"cannot parse Date {loggable(raw_date)}; use ISO 8601, e.g. 2026-03-04 10:15")
            ok = False
        elif iso_date(raw_date) is None:
            problems.warn(where, f"Date {loggable(raw_date)} is not ISO 8601; read as {_day(date)}, "
                                 f"{date:%H:%M}: write it as {date:%Y-%m-%d %H:%M} so that it is never guessed")
        if date is not None and settings.get("TIMEZONE") and not _YMD_RE.fullmatch(raw_date):
            # A time written with another zone's offset (an export from elsewhere) is shown on the site's
            # clock: replies read in the order they were written, "10:48" after "10:49" no more.
            date = date.astimezone(ZoneInfo(settings["TIMEZONE"]))
    return date, ok


def _read_urls(meta: dict, kind: str, where: str, problems: Problems) -> tuple[str | None, str | None, bool]:
    """``Author-URL`` and ``Source-URL``, each kept only when :func:`~replies.privacy.safe_url` accepts it;
    whether the reply may be built (a pingback or mention needs its Source-URL)."""
    ok = True
    author_url = None
    if meta.get("author-url"):
        author_url = safe_url(meta["author-url"])
        if author_url is None:
            problems.warn(where, f"Author-URL {loggable(meta['author-url'])} dropped: only http(s) "
                                 "URLs without credentials or private addresses are kept")
    source_url = None
    if kind in ("pingback", "mention"):
        source_url = safe_url(meta.get("source-url"))
        if source_url is None and meta.get("source-url"):
            problems.error(where, f"Kind: {kind} needs a Source-URL it can link to, and {loggable(meta['source-url'])} "
                                  "cannot be: only http(s) URLs without credentials or private addresses are kept")
            ok = False
        elif source_url is None:
            problems.error(where, f"Kind: {kind} needs a Source-URL with an http(s) URL")
            ok = False
    elif meta.get("source-url"):  # a reply made on another site (a webmention's): the page links it
        source_url = safe_url(meta["source-url"])
        if source_url is None:
            problems.warn(where, f"Source-URL {loggable(meta['source-url'])} dropped: only http(s) "
                                 "URLs without credentials or private addresses are kept")
    return author_url, source_url, ok


UNKNOWN_DATE = "date unknown"  # a reply whose source showed no date (Date-Estimated: yes)


def with_date_shown(reply: Reply | None, settings: dict) -> Reply | None:
    """``reply`` with the date its thread shows (``display_date``), written once as it is read (and cached
    so: ``cache.settings_salt``): ``REPLIES_DATE_FORMAT``, or ``DEFAULT_DATE_FORMAT`` for a day without a time.

    >>> import datetime as dt
    >>> reply = Reply("1", "p", "1.md", "Ada", dt.datetime(2026, 1, 2, 9, 5), "", "", date_shown="day")
    >>> with_date_shown(reply, {"REPLIES_DATE_FORMAT": "%H:%M", "DEFAULT_DATE_FORMAT": "%Y-%m-%d"}).display_date
    '2026-01-02'
    """
    if reply is not None:
        day = settings.get("DEFAULT_DATE_FORMAT") or "%-d %B %Y"
        shown_as = day if reply.date_shown == "day" else settings["REPLIES_DATE_FORMAT"]
        reply.display_date = UNKNOWN_DATE if reply.date_shown == "unknown" else reply.date.strftime(shown_as)
    return reply


def file_text(data: bytes) -> str:
    """A file's bytes as ``Path.read_text(encoding="utf-8")`` gives them: UTF-8, each line ending ("\\r\\n",
    "\\r") read as "\\n".

    >>> file_text("Author: Ada\\r\\nDate: 2026\\r\\rHi\\n".encode())
    'Author: Ada\\nDate: 2026\\n\\nHi\\n'
    """
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_reply(path: Path, post_slug: str, settings: dict, problems: Problems, *,
               legacy: bool = False, md=None, data: bytes | None = None) -> Reply | None:
    """Read one reply file; report what is wrong with it to ``problems``.

    ``md`` is the build's Markdown instance (:func:`replies.sanitize.markdown_converter`),
    reused between replies; ``data``, the file's bytes when the caller read them already (the reply
    cache, for its key). Returns None when the file cannot become a reply (an error was reported).
    """
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8") if data is None else file_text(data)
    except UnicodeDecodeError as exc:
        problems.error(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8 "
                              "(in most editors: Save As, encoding UTF-8)")
        return None
    except OSError as exc:
        problems.error(where, f"cannot read the file ({exc.strerror or exc})")
        return None
    meta, body = split_metadata(text)
    body = clean_text(body)
    if not legacy:  # an unknown key is ignored; one that looks like a slip for ours would break a thread unsaid
        for key in meta:
            if (meant := meant_key(key)) is not None and meant.lower() not in meta:
                problems.warn(where, f"unknown key {loggable(key)} is ignored (did you mean {meant!r}?)")
    if legacy:
        meta = _from_comment_system(meta, path)
        reply_id = meta.pop("id")
    else:
        reply_id = path.stem
        if not REPLY_ID_RE.match(reply_id) and not has_private_data(reply_id):
            problems.error(where, f"reply id {loggable(reply_id)} (the file name) may hold only letters, "
                                  "digits, '-', '_' and '.', and must start with a letter or digit")
            return None
    original_id = None
    if has_private_data(reply_id):
        problems.warn(where, "the reply id (file name or slug) holds an email or IP address; "
                             "it is published as a neutral id instead")
        original_id, reply_id = reply_id, public_id(reply_id, text)

    ok = True
    kind = meta.get("kind", "reply").strip().lower() or "reply"
    if kind not in KINDS:
        problems.error(where, f"unknown Kind {loggable(meta['kind'])}; use one of {', '.join(KINDS)}")
        ok = False
    status = meta.get("status", "published").strip().lower() or "published"
    if status not in STATUSES:
        problems.error(where, f"unknown Status {loggable(meta['status'])}; use one of {', '.join(STATUSES)}")
        ok = False

    author, author_ok = _read_author(meta, kind, legacy, where, problems)
    ok = ok and author_ok

    raw_date = meta.get("date", "").strip()
    date, date_ok = _read_date(raw_date, settings, where, problems)
    ok = ok and date_ok

    reply_to = meta.get("reply-to", "").strip() or None
    # A Reply-To naming an id that held private data is resolved to its neutral id when threading.
    if reply_to is not None and not REPLY_TO_RE.match(reply_to) and not has_private_data(reply_to):
        fixed = reply_to_fixed(reply_to, post_slug)
        problems.error(where, f"Reply-To {loggable(reply_to)} is not '<reply-id>' or '<post-slug>/<reply-id>'"
                              + (f"; write {loggable(fixed)}" if fixed else ""))
        ok = False

    author_url, source_url, urls_ok = _read_urls(meta, kind, where, problems)
    ok = ok and urls_ok

    if not body.strip() and kind == "reply" and status == "published":
        problems.warn(where, "empty body")
    if not ok:
        return None

    too_much = body_problem(body, settings)
    if too_much:
        problems.warn(where, f"body not shown: it is {too_much}")
        html, plain = render_body("*This reply is too large or too deeply nested to show.*",
                                  settings["REPLIES_MARKDOWN_EXTENSIONS"], md)
    else:
        try:
            html, plain = render_body(body, settings["REPLIES_MARKDOWN_EXTENSIONS"], md)
        except RecursionError:
            problems.error(where, "body nested too deeply to render; lower its nesting")
            return None
        html = namespace_ids(html, f"note-{reply_id}-")
        if status == "published" and kind == "reply" and not problems.checking_proposed:
            _published_as_written(where, body, plain, problems)
    reply = Reply(
        id=reply_id,
        post_slug=post_slug,
        source_path=where,
        author=author,
        date=date,
        body_html=html,
        body_text=plain,
        reply_to=reply_to,
        author_url=author_url,
        status=status,
        kind=kind,
        source_url=source_url,
        source_id=meta.get("source-id") or None,
        legacy=legacy,
        not_post_author=meta.get("post-author", "").strip().lower() in ("no", "false"),
        date_shown=("unknown" if meta.get("date-estimated", "").strip().lower() in ("yes", "true")
                    else "day" if _YMD_RE.fullmatch(raw_date) else "time"),
        original_id=original_id,
    )
    missing = _missing_parent(meta.get("reply-to-missing", "")) if not reply_to else None
    if missing:
        reply.missing_parent = missing
    return reply


def _missing_parent(value: str) -> str | None:
    """``Reply-To-Missing``: the id of the reply an imported one answered, gone from its source (or None).

    >>> _missing_parent(" wp-121 "), _missing_parent("not an id!")
    ('wp-121', None)
    """
    value = value.strip()
    return value if REPLY_TO_RE.match(value) else None


def copied_id(value: str) -> str:
    """A reply id as it was likely meant when copied from a permalink or a file name.

    >>> copied_id(" posts/p/#reply-sam-1"), copied_id("sam-1.md")
    ('sam-1', 'sam-1')
    """
    return value.strip().rsplit("#", 1)[-1].removeprefix("reply-").removesuffix(".md")


def reply_to_fixed(value: str, post_slug: str | None = None) -> str | None:
    """What a ``Reply-To`` copied from a link or a file name most likely meant, or None; a link to a
    reply under another post than ``post_slug`` keeps that post (``on-slow-reading/sam-1``).

    >>> reply_to_fixed("#reply-sam-1"), reply_to_fixed("sam-1.md"), reply_to_fixed("sam-1")
    ('sam-1', 'sam-1', None)
    >>> reply_to_fixed("https://x.example/blog/posts/on-slow-reading/#reply-sam-1", "feedback")
    'on-slow-reading/sam-1'
    >>> reply_to_fixed("https://x.example/blog/posts/feedback/#reply-sam-1", "feedback")
    'sam-1'
    """
    fixed = copied_id(value)
    if fixed == value or not REPLY_TO_RE.match(fixed):
        return None
    page = value.strip().rsplit("#", 1)[0].rstrip("/")
    post = page.rsplit("/", 1)[-1].removesuffix(".html") if "#" in value and "/" in page else ""
    if post and post != post_slug and REPLY_TO_RE.match(f"{post}/{fixed}"):
        return f"{post}/{fixed}"
    return fixed


def _published_as_written(where: str, body: str, plain: str, problems: Problems) -> None:
    """Warn where a shown reply's file says what its writer would not want published as it is:
    the reply template's placeholder, or an email or IP address (hidden on the page, but the
    file is public in the repository). ``check-replies`` makes both errors."""
    if PLACEHOLDER_BODY in body:
        problems.warn(where, f"the text still holds the template's placeholder ({PLACEHOLDER_BODY!r}); "
                             "write the reply in its place")
    hidden = [what for what, mark in (("an email address", EMAIL_PLACEHOLDER), ("an IP address", IP_PLACEHOLDER))
              if plain.count(mark) > body.count(mark)]
    if hidden:
        problems.warn(where, f"the text holds {' and '.join(hidden)}: hidden on the page, but the file is "
                             "public in the repository; remove it from the file")


def public_id(reply_id: str, text: str) -> str:
    """``reply_id``, or a neutral id when it holds an email or IP address.

    The neutral id is derived from the whole file (``text``), not from the id alone, so it
    cannot be turned back into the address by trying every IPv4 address. ``Reply-To`` lines
    naming the original id are pointed at it by :func:`replies.threads.resolve_renamed`.

    Examples
    --------
    >>> public_id("ada-1", "Author: Ada"), public_id("192.0.2.144", "Author: Ada")
    ('ada-1', 'id-da4f586af915')
    """
    if not has_private_data(reply_id):
        return reply_id
    # the id as well as the text: two files that say the same (two copies) keep two ids
    return "id-" + hashlib.sha256(f"{reply_id}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


_YMD_RE = re.compile(r"\d{4}-\d\d-\d\d")  # ISO 8601's year-month-day
_PLAIN_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?)?\Z")


def iso_date(raw: str) -> dt.datetime | None:
    """``raw`` read as ISO 8601 (``2026-03-04 10:15``, ``2026-03-04T10:15:00+02:00``), else None.

    >>> iso_date("2026-03-04 10:15").isoformat(), iso_date("04/03/2026")
    ('2026-03-04T10:15:00', None)
    """
    if _PLAIN_DATE_RE.match(raw):
        return SafeDatetime.fromisoformat(raw)
    if not _YMD_RE.match(raw):
        return None
    try:
        return SafeDatetime.fromisoformat(raw)
    except ValueError:
        return None


def _guessed(raw: str) -> str | None:
    """Why a date that is not ISO 8601 cannot be used: its year, month or day would be guessed
    (dateutil fills them in from today), or its day and month could be either way round.

    >>> _guessed("4 March 2026 10:15") is None
    True
    >>> _guessed("March 4")
    "has no year (the build would take this year's); write the whole date, e.g. 2026-03-04 10:15"
    >>> _guessed("04/03/2026 10h15")
    'could be 3 April 2026 or 4 March 2026; write it as 2026-04-03 or 2026-03-04 (ISO 8601)'
    """
    from dateutil import parser

    if _YMD_RE.match(raw):  # year, month, day: ISO 8601's order, with a flaw elsewhere
        return _no_such_day(raw)
    try:
        one = parser.parse(raw, default=dt.datetime(2000, 1, 1))
        other = parser.parse(raw, default=dt.datetime(2001, 2, 2))
        swapped = parser.parse(raw, default=dt.datetime(2000, 1, 1), dayfirst=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if one.year != other.year:
        return "has no year (the build would take this year's); write the whole date, e.g. 2026-03-04 10:15"
    if (one.month, one.day) != (other.month, other.day):
        return "has no day or no month; write the whole date, e.g. 2026-03-04 10:15"
    if swapped.date() != one.date():
        return (f"could be {_day(one)} or {_day(swapped)}; write it as {one:%Y-%m-%d} or "
                f"{swapped:%Y-%m-%d} (ISO 8601)")
    return None


def _no_such_day(raw: str) -> str | None:
    """Why ``raw``, written year-month-day as ISO 8601 has it, is no date: no such day, month or time.

    >>> _no_such_day("2026-02-30"), _no_such_day("2024-02-29 10:00")
    ('is no day of the calendar: February 2026 has 28 days', None)
    >>> _no_such_day("2026-00-10"), _no_such_day("2026-03-04 24:30")
    ('is no day of the calendar: there is no month 00', 'has no such time of day: write hours 00-23, minutes 00-59')
    """
    year, month, day = int(raw[:4]), int(raw[5:7]), int(raw[8:10])
    if not 1 <= month <= 12:
        return f"is no day of the calendar: there is no month {raw[5:7]}"
    if year >= 1:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"is no day of the calendar: {dt.date(year, month, 1):%B} {year} has {days} days"
    clock = _CLOCK_RE.match(raw, 10)
    if clock and (int(clock.group(1)) > 23 or int(clock.group(2)) > 59 or int(clock.group(3) or 0) > 59):
        return "has no such time of day: write hours 00-23, minutes 00-59"
    return None


_CLOCK_RE = re.compile(r"[ T](\d\d):(\d\d)(?::(\d\d))?")


def _day(date: dt.datetime) -> str:
    return f"{date.day} {date:%B %Y}"


def parse_date(raw: str, timezone: str | None) -> dt.datetime | str | None:
    """A reply's date with its time zone; None when it cannot be read; why, when it cannot be used.

    Offsets of 24 hours or more, and dates that leave the years 1-9999 in UTC, are refused
    here (``datetime`` would raise later, while sorting or writing a feed).

    Examples
    --------
    >>> parse_date("2026-03-04T10:15:00+02:00", None).isoformat()
    '2026-03-04T10:15:00+02:00'
    >>> parse_date("last Tuesday", None) is None
    True
    >>> parse_date("2026-03-04T10:15:00+25:00", None)
    'is out of range: its offset must be under 24 hours, and the year from 1 to 9999 in UTC'
    """
    try:
        # The usual form, read directly (dateutil's parser, which reads every other, is slow).
        try:
            date = iso_date(raw)
        except ValueError:  # written as ISO 8601, but no such day or time ("2026-02-30"): say which
            flaw = _no_such_day(raw)
            if flaw:
                return flaw
            raise
        if date is None:
            guess = _guessed(raw)
            if guess:
                return guess
            date = get_date(raw)
    except (ValueError, OverflowError, TypeError):
        return None
    try:
        date = set_date_tzinfo(date, timezone)
        date.astimezone(dt.UTC)
        dt.datetime.strftime(date, "%Y")  # the C one: Pelican's own (SafeDatetime's) parses the format first
    except (ValueError, OverflowError, TypeError):
        return "is out of range: its offset must be under 24 hours, and the year from 1 to 9999 in UTC"
    return date


def _comment_system_id(value: str) -> str:
    """One id for both spellings of a pelican-comment-system comment: ``1.md`` and ``1md``.

    The plugin slugifies the file name; older Pelican dropped the dot (``1md``), current
    Pelican keeps it (``1.md``), and ``replyto`` is written in whichever the site had.

    >>> _comment_system_id("1.md"), _comment_system_id("1md"), _comment_system_id("v1.2")
    ('1md', '1md', 'v1.2')
    """
    return re.sub(r"\.(md|markdown|mkd|mdown|rst|txt|html?)$", r"\1", value.strip())


def _from_comment_system(meta: dict[str, str], path: Path) -> dict[str, str]:
    """Map pelican-comment-system metadata onto this project's keys."""
    out = dict(meta)
    out["id"] = _comment_system_id(meta.get("slug") or slugify(
        path.name, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]))
    if meta.get("replyto"):
        out["reply-to"] = _comment_system_id(meta["replyto"])
    url = meta.get("website") or meta.get("url") or meta.get("author-url")
    if url:
        out["author-url"] = url
    return out


def read_reactions(path: Path, problems: Problems, *, max_depth: int = 20) -> Reactions:
    """Read ``reactions.json`` (likes, reposts, bookmarks) of one post.

    Entries of the wrong type are left out with a warning; what can be read is kept.
    """
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8 "
                              "(in most editors: Save As, encoding UTF-8)")
        return Reactions()
    except OSError as exc:
        problems.error(where, f"cannot read the file ({exc.strerror or exc})")
        return Reactions()
    depth = json_depth(text)
    if depth > max_depth:
        problems.warn(where, f"not read: nested {depth:,} levels deep; the limit is {max_depth} "
                             "(REPLIES_MAX_JSON_DEPTH)")
        return Reactions()
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        problems.error(where, f"not valid JSON: {exc}")
        return Reactions()
    if not isinstance(data, dict):
        problems.error(where, "must hold a JSON object with lists 'like', 'repost', 'bookmark'")
        return Reactions()
    reactions = Reactions()
    for key, entries in sorted(data.items()):
        if key not in ("like", "repost", "bookmark"):
            problems.warn(where, f"unknown reaction {key!r} ignored; use like, repost or bookmark")
            continue
        if not isinstance(entries, list):
            problems.warn(where, f"{key!r} must be a list of entries; left out")
            continue
        clean = []
        for number, entry in enumerate(entries, 1):
            if isinstance(entry, str):
                entry = {"author": entry}
            if not isinstance(entry, dict):
                problems.warn(where, f"{key} entry {number} is not an object; left out")
                continue
            author_value = entry.get("author")
            if not isinstance(author_value, (str, type(None))):
                problems.warn(where, f"{key} entry {number}: 'author' is not text; left out")
                author_value = None
            author = " ".join(visible(redact(clean_text(author_value or "", replacement=" "))).split())[:MAX_NAME_CHARS]
            clean.append({"author": author, "url": safe_url(entry.get("url"))})
        setattr(reactions, key, clean)
    return reactions


REPLY_SUFFIXES = (".md", ".markdown")


def is_reply_file(path: Path) -> bool:
    """Whether ``path``'s name is a reply file's: ``.md`` or ``.markdown`` in any case, not hidden (``.x.md``)
    nor an editor's leftover.

    >>> [is_reply_file(Path(n)) for n in ("ada-1.md", "ada-2.MD", "ada-3.txt", "ada-4", "ada-5.md~", ".ada-6.md")]
    [True, True, False, False, False, False]
    """
    return _is_reply_name(path.name)


def _is_reply_name(name: str) -> bool:
    return (os.path.splitext(name)[1].lower() in REPLY_SUFFIXES and not name.startswith(".")
            and not LEFTOVER_RE.search(name))


@dataclass(frozen=True)
class FolderEntries:
    """What one listing of a post's reply folder holds (each list sorted)."""

    reply_files: list[Path]  # the reply files (links to files too)
    strays: list[Path]  # the files the build does not read (:func:`stray_files`)
    subfolders: list[Path]  # folders in it, not links nor hidden: a reply there is misplaced
    links: frozenset[Path] = frozenset()  # the reply files that are symbolic links (to be looked at)


def list_post_folder(folder: Path) -> FolderEntries:
    """One listing of a post's reply folder: its reply files, its strays and its folders (a directory
    entry knows its type: no stat per file)."""
    replies, strays, subfolders, links = [], [], [], []  # names, sorted (as their paths would be) at the end
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    subfolders.append(name)
            elif not entry.is_file():
                continue
            elif _is_reply_name(name):
                replies.append(name)
                if entry.is_symlink():
                    links.append(name)
            elif name != REACTIONS_FILE and not name.startswith(".") and not LEFTOVER_RE.search(name):
                strays.append(name)
    # a path in the folder from a name that has no "/" (20,000 files: parsing each path again costs a fifth of
    # a second); the public way where the private one is gone
    child = getattr(Path(folder), "_make_child_relpath", None) or Path(folder).joinpath
    return FolderEntries(*([child(name) for name in sorted(names)] for names in (replies, strays, subfolders)),
                         frozenset(child(name) for name in links))


def stray_files(folder: Path) -> list[Path]:
    """Files in a post's reply folder that the build does not read: not a reply file, not
    :data:`REACTIONS_FILE`, not hidden (``.gitkeep``) nor an editor's leftover. Most are replies
    saved under the wrong name (``ada-1.txt``, ``ada-1`` with no extension)."""
    return list_post_folder(folder).strays


@dataclass(frozen=True)
class RootEntries:
    """What one listing of a replies folder holds, sorted by name: each post folder (``"folder"``, or
    ``"link"`` for a link to one) and each reply file right in it (``"loose"``: misplaced)."""

    entries: list[tuple[Path, str]]

    @property
    def folders(self) -> list[Path]:
        """The post folders, links to folders too: what the build reads."""
        return [path for path, kind in self.entries if kind != "loose"]


def list_replies_root(root: Path) -> RootEntries:
    """One listing of a replies folder (none when it is no folder): its post folders and loose reply files;
    neither hidden folders nor an editor's leftovers."""
    found: list[tuple[Path, str]] = []
    if not root.is_dir():
        return RootEntries(found)
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            link = entry.is_symlink()
            if entry.is_dir() and not entry.name.startswith(".") and not LEFTOVER_RE.search(entry.name):
                found.append((Path(entry.path), "link" if link else "folder"))
            elif not link and entry.is_file() and _is_reply_name(entry.name):
                found.append((Path(entry.path), "loose"))
    return RootEntries(found)


def stray_message(path: Path) -> str:
    """What the build and ``check-replies`` say of a file in a reply folder that is not read.

    >>> stray_message(Path("content/replies/p/ada-1.txt"))
    "not read: a reply file's name ends in .md (rename it ada-1.md if it is a reply)"
    >>> stray_message(Path("content/replies/p/ada-1.md.txt"))  # Notepad's
    "not read: a reply file's name ends in .md (rename it ada-1.md if it is a reply)"
    """
    stem = path.name[: -len(path.suffix)] if path.suffix and len(path.suffix) <= 10 else path.name
    named = stem if Path(stem).suffix.lower() in REPLY_SUFFIXES else f"{stem}.md"  # "ada-1.md.txt": ada-1.md
    return f"not read: a reply file's name ends in .md (rename it {named} if it is a reply)"


def misplaced_replies(root: Path, listed: RootEntries | None = None,
                      list_folder: Callable[[Path], FolderEntries] = list_post_folder) -> list[tuple[Path, str]]:
    """Reply files the build does not read because of where they are, with what to do: one directly in
    the replies folder (it must be in its post's folder) or in a folder inside a post's folder.

    ``listed`` is the listing of ``root`` (:func:`list_replies_root`) and ``list_folder`` lists a post
    folder, when the caller has listed them already (the build lists each folder once).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "on-noticing" / "old").mkdir(parents=True)
    >>> for name in ("ada-1.md", "on-noticing/old/ben-1.md", "on-noticing/cy-1.md", "deleted-sources.txt"):
    ...     _ = (root / name).write_text("x")
    >>> for path, message in misplaced_replies(root):
    ...     print(path.relative_to(root), "|", message.replace(root.name, "replies").removeprefix("not read: "))
    ada-1.md | a reply goes in the folder of its post: replies/<post-slug>/ada-1.md
    on-noticing/old/ben-1.md | a reply sits right in the folder of its post: move it to replies/on-noticing/ben-1.md
    """
    found: list[tuple[Path, str]] = []
    listed = list_replies_root(root) if listed is None else listed
    for entry, kind in listed.entries:
        # a link is read (or refused, if it leads outside content/) as the build reads any
        if kind == "loose":
            found.append((entry, f"not read: a reply goes in the folder of its post: "
                                 f"{root.name}/<post-slug>/{entry.name}"))
        elif kind == "folder":
            for inner in list_folder(entry).subfolders:
                # never through a symbolic link: one to / would walk the whole disk
                for top, dirs, files in os.walk(inner, followlinks=False):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        file = Path(top) / name
                        if is_reply_file(file) and not file.is_symlink():
                            found.append((file, "not read: a reply sits right in the folder of its post: move "
                                                f"it to {root.name}/{entry.name}/{file.name}"))
    return found


def reply_files(folder: Path) -> list[Path]:
    """The reply files of one post folder, in a stable order."""
    return list_post_folder(folder).reply_files
