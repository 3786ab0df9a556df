"""Reply links: how a reader answers a post or a reply on a site that has no server.

With ``REPLIES_LINK_GITHUB_REPO`` (``owner/repo``) every post and every shown reply gets a
"Reply" link to GitHub's new-file page, prefilled with a new reply file::

    https://github.com/OWNER/REPO/new/BRANCH?filename=content/replies/<post-slug>/<new-id>.md&value=...

so a reader proposes a reply as a pull request. Without it, ``REPLIES_LINK_EMAIL`` gives a
``mailto:`` link with the same template; with neither, no link. The file starts with
``Status: pending``: nothing is shown before a maintainer approves it (``invoke approve``).

The links work without JavaScript. To keep builds byte-identical, they carry no build time
and no random part: the file name is ``<six hex digits>-your-name.md`` (a hash of the post
and the reply answered) and the date is the visible placeholder ``YYYY-MM-DD HH:MM``; the
reader is asked to put in their name and the date, and ``invoke check-replies`` and
``invoke approve`` refuse a file that still holds either placeholder.
``theme/static/js/reply-links.js`` replaces both with the reader's current time, in the site's
time zone, and a new id ``YYYYMMDD-HHMM-xxxxxx`` (date, time and six random hex digits), so two
readers answering the same reply do not pick the same file name.

A page holds a link for every reply, so each is kept short: the placeholder date and the time
zone are written once per page, on the thread (``data-reply-date``, ``data-reply-tz``), the
script reads the id from the file name in the link, GitHub's query keeps ``:`` and ``/`` as they
are and writes a space as ``+``, and the body is one line (the Markdown hints are on the "How to
reply" page).

A post whose metadata says ``Replies: closed`` gets no link at all, on the post or on its
replies (:func:`replies_closed`); its replies are still shown, and a reply waiting for approval
under it is named in a warning.

This module also writes the "How to reply" page, linked from every thread.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from pelican.generators import Generator

from .generator import all_articles, share_with_translations
from .model import quoted
from .privacy import loggable
from .problems import Problems
from .reader import PLACEHOLDER_BODY, PLACEHOLDER_DATE
from .sanitize import plain_text

logger = logging.getLogger(__name__)

PLACEHOLDER_AUTHOR = "Your name"
DATE_FORMAT = "%Y-%m-%d %H:%M"
# Without JavaScript the reader changes the file name's "your-name" and the Date (reader.PLACEHOLDER_DATE);
# the script fills both in.
PLACEHOLDER_NAME_PART = "your-name"


@dataclass(frozen=True)
class ReplyLink:
    """One "Reply" link: where it goes and the date and id it carries (for the script to renew)."""

    url: str
    kind: str  # "github" or "email"
    date: str
    reply_id: str
    timezone: str


def replies_closed(value: object) -> bool | None:
    """Whether a post's ``Replies`` metadata closes it to new replies.

    Parameters
    ----------
    value : object
        The value of the post's ``Replies`` key (None when it has none).

    Returns
    -------
    bool or None
        True for ``closed``, False for ``open`` or no value (the default), None for anything else
        (the caller warns and keeps the post open).

    Examples
    --------
    >>> [replies_closed(v) for v in ("closed", " Closed ", "open", "", None, "no")]
    [True, True, False, False, False, None]
    """
    word = " ".join(str(value or "").split()).casefold()
    if word == "closed":
        return True
    if word in ("", "open"):
        return False
    return None


def template_reply_id(seed: str) -> str:
    """The id of the file a link proposes without JavaScript: six hex digits of a hash of ``seed``
    and the placeholder the reader replaces with their name.

    Examples
    --------
    >>> template_reply_id("on-slow-reading/ben-2")
    '3ad1ca-your-name'
    """
    return f"{hashlib.sha256(seed.encode()).hexdigest()[:6]}-{PLACEHOLDER_NAME_PART}"


def is_template_id(reply_id: str) -> bool:
    """Whether a reply id (a file name without ``.md``) still holds the template's placeholder.

    Examples
    --------
    >>> is_template_id("ab3f8e-your-name"), is_template_id("ab3f8e-your-Name"), is_template_id("ab3f8e-ada-park")
    (True, True, False)
    """
    return PLACEHOLDER_NAME_PART in reply_id.lower()


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
    Write your reply here.
    <BLANKLINE>
    """
    lines = [f"Author: {PLACEHOLDER_AUTHOR}", "Author-URL:", f"Date: {date}"]
    if reply_to:
        lines.append(f"Reply-To: {reply_to}")
    lines.append("Status: pending")
    return "\n".join(lines) + "\n\n" + PLACEHOLDER_BODY + "\n"


def _q(value: str) -> str:
    return quote(value, safe="")


def _query(value: str) -> str:
    # A query keeps ":" and "/" as they are (RFC 3986) and reads "+" as a space (GitHub, as any form).
    return quote_plus(value, safe=":/")


def github_url(repo: str, branch: str, filename: str, value: str) -> str:
    """GitHub's page for proposing a new file, prefilled.

    Examples
    --------
    >>> github_url("mira/field-notes", "main", "content/replies/a/b.md", "Author: X + Y&Z\\n")
    'https://github.com/mira/field-notes/new/main?filename=content/replies/a/b.md&value=Author:+X+%2B+Y%26Z%0A'
    """
    return (f"https://github.com/{repo}/new/{quote(branch, safe='/')}"
            f"?filename={_query(filename)}&value={_query(value)}")


def mailto_url(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with subject and body (line breaks as CRLF, as RFC 6068 asks).

    Examples
    --------
    >>> mailto_url("replies@example.org", "Reply", "a\\nb")
    'mailto:replies@example.org?subject=Reply&body=a%0D%0Ab'
    """
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='@')}?subject={_q(subject)}&body={_q(body)}"


def make_link(settings: dict, post_slug: str, reply_to: str | None, title: str = "") -> ReplyLink | None:
    """The "Reply" link for a post (``reply_to`` None) or a reply, or None when no way is configured.

    ``title`` (plain text) names the post in a mail's subject. A build makes its many links with one
    :class:`LinkMaker`.
    """
    return LinkMaker(settings)(post_slug, reply_to, title)


class LinkMaker:
    """The "Reply" links of one build: what every link of a site shares (the address, the folder, the
    template around its ``Reply-To`` line) is worked out and percent-encoded once; each link then
    encodes only its own file name and ``Reply-To`` (a page holds a link per reply, a site tens of
    thousands). Percent-encoding goes character by character, so the encoded parts join as the
    encoded whole (:func:`github_url`).

    >>> settings = {"REPLIES_LINK_GITHUB_REPO": "mira/field-notes", "TIMEZONE": "Europe/Berlin"}
    >>> link = LinkMaker(settings)("on-slow-reading", "ben 2+x")
    >>> link.url == github_url("mira/field-notes", "main", f"content/replies/on-slow-reading/{link.reply_id}.md",
    ...                        reply_template(PLACEHOLDER_DATE, "ben 2+x"))
    True
    """

    def __init__(self, settings: dict) -> None:
        self.repo, self.email = settings.get("REPLIES_LINK_GITHUB_REPO"), settings.get("REPLIES_LINK_EMAIL")
        self.timezone = settings.get("TIMEZONE") or "UTC"
        content_dir = settings.get("REPLIES_LINK_CONTENT_DIR", "content").strip("/")
        self.folder = "/".join(p for p in (content_dir, settings.get("REPLIES_PATH", "replies").strip("/")) if p)
        if self.repo:
            head, tail = reply_template(PLACEHOLDER_DATE, None).split("Status:")
            self.value_head, self.value_tail = _query(head), _query("Status:" + tail)
            branch = quote(settings.get("REPLIES_LINK_GITHUB_BRANCH", "main"), safe="/")
            self.url_head = f"https://github.com/{self.repo}/new/{branch}?filename="

    def __call__(self, post_slug: str, reply_to: str | None, title: str = "") -> ReplyLink | None:
        if not self.repo and not self.email:
            return None
        reply_id = template_reply_id(f"{post_slug}/{reply_to or ''}")
        filename = "/".join(p for p in (self.folder, post_slug) if p) + f"/{reply_id}.md"
        if self.repo:
            said = _query(f"Reply-To: {reply_to}\n") if reply_to else ""
            url = f"{self.url_head}{_query(filename)}&value={self.value_head}{said}{self.value_tail}"
            return ReplyLink(url, "github", PLACEHOLDER_DATE, reply_id, self.timezone)
        subject = (f"Reply to {quoted(title or post_slug)}" + (f", answering {reply_to}" if reply_to else "")
                   + f" ({filename})")
        value = reply_template(PLACEHOLDER_DATE, reply_to)
        return ReplyLink(mailto_url(self.email, subject, value), "email", PLACEHOLDER_DATE, reply_id, self.timezone)


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
        self.context["replies_how_to_url"] = how_to_url(self.settings)
        problems = Problems(strict=self.settings["REPLIES_STRICT"])  # strict: a post's Replies misread stops it
        link_for = LinkMaker(self.settings)
        for article in articles:
            title = " ".join(plain_text(str(getattr(article, "title", ""))).split())
            thread = getattr(article, "thread", None)
            closed = article.replies_closed = self._closed(article, thread, problems)
            article.reply_link = None if closed else link_for(article.slug, None, title)
            for reply in (thread.shown if thread is not None else []):
                reply_to = reply.id if reply.post_slug == article.slug else f"{reply.post_slug}/{reply.id}"
                reply.reply_link = (link_for(article.slug, reply_to, title)
                                    if reply.kind == "reply" and not closed else None)
        share_with_translations(articles, "replies_closed", "reply_link")
        if self.settings.get("REPLIES_LINK_GITHUB_REPO"):
            how = f"GitHub ({self.settings['REPLIES_LINK_GITHUB_REPO']})"
        elif self.settings.get("REPLIES_LINK_EMAIL"):
            how = "email"
        else:
            how = "none (set REPLIES_LINK_GITHUB_REPO or REPLIES_LINK_EMAIL)"
        logger.info("Reply links: %s", how)
        problems.raise_if_failed()

    @staticmethod
    def _closed(article, thread, problems: Problems) -> bool:
        """The post's ``Replies`` metadata read (a value neither open nor closed is named, and open);
        a reply waiting for approval under a closed post is named too (approving it shows it)."""
        metadata = getattr(article, "metadata", None) or {}
        value = metadata.get("replies")
        if value is None:  # "Comments: closed" is no key of ours: said, not silently left open
            for near in ("comments", "comment", "reply", "discussion"):
                if near in metadata:
                    said = loggable(" ".join(str(metadata[near]).split()))
                    meant = said.strip("'\"")
                    problems.warn(str(article.source_path), f"{near.capitalize()}: {said} is not read; "
                                  f"did you mean 'Replies: {meant}'?")
        closed = replies_closed(value)
        if closed is None:
            problems.warn(str(article.source_path), f"Replies: {loggable(' '.join(str(value).split()))} is neither "
                          "'open' nor 'closed'; the post takes replies")
            return False
        if closed:
            for reply in (thread.all_replies if thread is not None else []):
                if reply.status == "pending":
                    problems.warn(str(reply.source_path), f"waiting for approval under {article.source_path}, which "
                                  "says Replies: closed; approving it shows it anyway, rejecting it hides it")
        return closed

    def generate_output(self, writer) -> None:
        save_as = self.settings.get("REPLIES_HOW_TO_SAVE_AS")
        if not save_as:
            return
        writer.write_file(save_as, self.get_template("how_to_reply"), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False),
                          page_name="how-to-reply", url=how_to_url(self.settings))
