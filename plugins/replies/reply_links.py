"""Reply links: how a reader answers a post or a reply on a site that has no server.

With ``REPLIES_LINK_GITHUB_REPO`` (``owner/repo``) every post and every shown reply gets a
"Reply" link to GitHub's new-file page, prefilled with a new reply file::

    https://github.com/OWNER/REPO/new/BRANCH?filename=content/replies/<post-slug>/<new-id>.md&value=...

so a reader proposes a reply as a pull request. Without it, ``REPLIES_LINK_EMAIL`` gives a
``mailto:`` link with the same template; with neither, no link. The file starts with
``Status: pending``: nothing is shown before a maintainer approves it (``invoke approve``).

The links work without JavaScript. To keep builds byte-identical, the date in them is not
the build time but the newest date of the site's posts and replies (or ``SOURCE_DATE_EPOCH``);
``theme/static/js/reply-links.js`` puts in the reader's current time, in the site's time
zone, and a new random id. The id is ``YYYYMMDD-HHMM-xxxxxx`` (date, time and six hex digits),
so two readers answering the same reply do not pick the same file name.

This module also writes the "How to reply" page, linked from every thread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from .generator import all_articles
from .sanitize import plain_text

logger = logging.getLogger(__name__)

PLACEHOLDER_AUTHOR = "Your name"
PLACEHOLDER_BODY = "Write your reply here. Markdown works: *emphasis*, > quotes, [links](https://example.org/)."
DATE_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class ReplyLink:
    """One "Reply" link: where it goes and the date and id it carries (for the script to renew)."""

    url: str
    kind: str  # "github" or "email"
    date: str
    reply_id: str
    timezone: str


def link_date(dates, timezone: str, source_date_epoch: str | None = None) -> dt.datetime:
    """The date the links carry: ``SOURCE_DATE_EPOCH`` when set, else the newest of ``dates``.

    Examples
    --------
    >>> tz = ZoneInfo("Europe/Berlin")
    >>> link_date([dt.datetime(2026, 1, 2, 9, 0, tzinfo=tz), dt.datetime(2026, 3, 1, 8, 5, tzinfo=tz)],
    ...           "Europe/Berlin").strftime(DATE_FORMAT)
    '2026-03-01 08:05'
    >>> link_date([], "Europe/Berlin", "0").strftime(DATE_FORMAT)
    '1970-01-01 01:00'
    """
    zone = ZoneInfo(timezone or "UTC")
    if source_date_epoch:
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=zone)
    known = [d if d.tzinfo else d.replace(tzinfo=zone) for d in dates if d is not None]
    newest = max(known, default=dt.datetime(2000, 1, 1, tzinfo=zone))
    return newest.astimezone(zone)


def new_reply_id(date: dt.datetime, seed: str) -> str:
    """A reply id from a date and six hex digits of a hash of ``seed``.

    Examples
    --------
    >>> new_reply_id(dt.datetime(2026, 3, 1, 8, 5), "on-slow-reading/ben-2")
    '20260301-0805-3c3d46'
    """
    digest = hashlib.sha256(f"{seed}@{date:%Y%m%d%H%M}".encode()).hexdigest()[:6]
    return f"{date:%Y%m%d-%H%M}-{digest}"


def reply_template(date: str, reply_to: str | None) -> str:
    """The new reply file: metadata for the reader to fill in, then the body.

    Examples
    --------
    >>> print(reply_template("2026-03-01 08:05", "ben-2"))
    Author: Your name
    Author-URL:
    Date: 2026-03-01 08:05
    Reply-To: ben-2
    Status: pending
    <BLANKLINE>
    Write your reply here. Markdown works: *emphasis*, > quotes, [links](https://example.org/).
    <BLANKLINE>
    """
    lines = [f"Author: {PLACEHOLDER_AUTHOR}", "Author-URL:", f"Date: {date}"]
    if reply_to:
        lines.append(f"Reply-To: {reply_to}")
    lines.append("Status: pending")
    return "\n".join(lines) + "\n\n" + PLACEHOLDER_BODY + "\n"


def _q(value: str) -> str:
    return quote(value, safe="")


def github_url(repo: str, branch: str, filename: str, value: str) -> str:
    """GitHub's page for proposing a new file, prefilled.

    Examples
    --------
    >>> github_url("mira/field-notes", "main", "content/replies/a/b.md", "Author: X\\n")
    'https://github.com/mira/field-notes/new/main?filename=content%2Freplies%2Fa%2Fb.md&value=Author%3A%20X%0A'
    """
    return (f"https://github.com/{repo}/new/{quote(branch, safe='/')}"
            f"?filename={_q(filename)}&value={_q(value)}")


def mailto_url(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with subject and body (line breaks as CRLF, as RFC 6068 asks).

    Examples
    --------
    >>> mailto_url("replies@example.org", "Reply", "a\\nb")
    'mailto:replies@example.org?subject=Reply&body=a%0D%0Ab'
    """
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='@')}?subject={_q(subject)}&body={_q(body)}"


def make_link(settings: dict, post_slug: str, reply_to: str | None, date: dt.datetime,
              title: str = "") -> ReplyLink | None:
    """The "Reply" link for a post (``reply_to`` None) or a reply, or None when no way is configured.

    ``title`` (plain text) names the post in a mail's subject.
    """
    repo, email = settings.get("REPLIES_LINK_GITHUB_REPO"), settings.get("REPLIES_LINK_EMAIL")
    if not repo and not email:
        return None
    stamp = date.strftime(DATE_FORMAT)
    reply_id = new_reply_id(date, f"{post_slug}/{reply_to or ''}")
    content_dir = settings.get("REPLIES_LINK_CONTENT_DIR", "content").strip("/")
    folder = "/".join(p for p in (content_dir, settings.get("REPLIES_PATH", "replies").strip("/"), post_slug) if p)
    filename = f"{folder}/{reply_id}.md"
    value = reply_template(stamp, reply_to)
    timezone = settings.get("TIMEZONE") or "UTC"
    if repo:
        url = github_url(repo, settings.get("REPLIES_LINK_GITHUB_BRANCH", "main"), filename, value)
        return ReplyLink(url, "github", stamp, reply_id, timezone)
    subject = (f"Reply to “{title or post_slug}”" + (f", answering {reply_to}" if reply_to else "")
               + f" ({filename})")
    return ReplyLink(mailto_url(email, subject, value), "email", stamp, reply_id, timezone)


def how_to_url(settings: dict) -> str | None:
    """The site-relative URL of the "How to reply" page (``how-to-reply/``), or None."""
    save_as = settings.get("REPLIES_HOW_TO_SAVE_AS")
    if not save_as:
        return None
    return save_as[: -len("index.html")] if save_as.endswith("/index.html") else save_as


class ReplyLinksGenerator(Generator):
    """Attach "Reply" links to every post and shown reply; write the "How to reply" page.

    Runs after :class:`.generator.RepliesGenerator` (it reads ``context["reply_threads"]``).
    """

    def generate_context(self) -> None:
        articles = all_articles(self.context)
        threads = self.context.get("reply_threads", {})
        # Published posts only: a draft may carry a date in the future.
        dates = ([a.date for a in self.context.get("articles", [])]
                 + [r.date for t in threads.values() for r in t.all_replies])
        date = link_date(dates, self.settings.get("TIMEZONE"), os.environ.get("SOURCE_DATE_EPOCH"))
        self.context["replies_how_to_url"] = how_to_url(self.settings)
        for article in articles:
            title = " ".join(plain_text(str(getattr(article, "title", ""))).split())
            article.reply_link = make_link(self.settings, article.slug, None, date, title)
            thread = getattr(article, "thread", None)
            for reply in (thread.shown if thread is not None else []):
                reply_to = reply.id if reply.post_slug == article.slug else f"{reply.post_slug}/{reply.id}"
                reply.reply_link = (make_link(self.settings, article.slug, reply_to, date, title)
                                    if reply.kind == "reply" else None)
        if self.settings.get("REPLIES_LINK_GITHUB_REPO"):
            how = f"GitHub ({self.settings['REPLIES_LINK_GITHUB_REPO']})"
        elif self.settings.get("REPLIES_LINK_EMAIL"):
            how = "email"
        else:
            how = "none (set REPLIES_LINK_GITHUB_REPO or REPLIES_LINK_EMAIL)"
        logger.info("Reply links: %s", how)

    def generate_output(self, writer) -> None:
        save_as = self.settings.get("REPLIES_HOW_TO_SAVE_AS")
        if not save_as:
            return
        writer.write_file(save_as, self.get_template("how_to_reply"), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False),
                          page_name="how-to-reply", url=how_to_url(self.settings))
