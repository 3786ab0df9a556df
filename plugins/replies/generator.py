"""The replies stage of the build: read every reply file, thread it, attach it to its post.

Runs as a Pelican generator after the articles generator has read the posts (so every
post's slug is known) and before any page is written (so the article, index, tag,
category, author and archive templates can show threads and counts). Writes the Atom
feeds of replies in its output step.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .cache import ReplyCache
from .feeds import FeedCache, write_feed
from .heap import long_lived
from .model import Reactions, Reply, Thread, name_key, quoted
from .problems import Problems
from .reader import (
    REACTIONS_FILE,
    FolderEntries,
    RootEntries,
    list_post_folder,
    list_replies_root,
    misplaced_replies,
    read_reactions,
    read_reply,
    stray_message,
    with_date_shown,
)
from .sanitize import markdown_converter, plain_text
from .site_links import look_up
from .threads import build_threads

logger = logging.getLogger(__name__)

_NO_WORDS = Markup("")  # a reply's words once every page showing them is written


def all_articles(context: dict) -> list:
    """Every article Pelican read: published, hidden and drafts (default language first)."""
    seen, out = set(), []
    for key in ("articles", "hidden_articles", "drafts"):
        for article in context.get(key, []) or []:
            if id(article) not in seen:
                seen.add(id(article))
                out.append(article)
    return out


def translations_of(articles):
    """Each translation of one of ``articles`` (``Lang:``, the same slug) that is not itself one of them,
    with its post. (A post only in languages other than the site's: Pelican lists every version.)"""
    originals = {id(a) for a in articles}
    for article in articles:
        for translation in getattr(article, "translations", None) or []:
            if id(translation) not in originals:
                yield translation, article


def share_with_translations(articles, *names: str, owners: dict | None = None) -> None:
    """Every other version of a post shows the post's conversation: its values ``names`` are given to
    each of its translations, which Pelican writes with the same template (they had none, and the
    build stopped on the first one), and with ``owners`` (slug -> the article the replies went to)
    to each other article of that slug."""
    versions = list(translations_of(articles))
    if owners:
        versions += [(a, owners[a.slug]) for a in articles if owners.get(a.slug, a) is not a]
    for version, post in versions:
        for name in names:
            setattr(version, name, getattr(post, name, None))


def _unlink_drafts(threads: dict[str, Thread], by_slug: dict, drafts: set[str]) -> None:
    """A published reply never names or links a draft: a parent under a draft counts as not shown."""
    if not drafts:
        return
    for slug, thread in threads.items():
        if slug in drafts:
            continue
        for reply in thread.all_replies:
            if reply.cross_parent is not None and reply.cross_parent.post_slug in drafts:
                reply.cross_parent.cross_children.remove(reply)
                reply.cross_parent = None
                reply.parent_hidden = True
            reply.cross_children = [c for c in reply.cross_children if c.post_slug not in drafts]


@dataclass
class FolderListing:
    """What :meth:`RepliesGenerator.read_all` found listing the reply folders (each list in reading order)."""

    folders: list[Path] = field(default_factory=list)  # every post folder, with a post or not
    reply_files: list[Path] = field(default_factory=list)  # the reply files in them
    strays: list[Path] = field(default_factory=list)  # the other files in them, not read (``stray_files``)
    misplaced: list[tuple[Path, str]] = field(default_factory=list)  # reply files where none is read, and why


class RepliesGenerator:
    """Pelican generator for replies (returned from the ``get_generators`` signal)."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.path = Path(path)
        self.output_path = Path(output_path)
        self.threads: dict[str, Thread] = {}
        self.public_slugs: set[str] = set()
        self.site_links: dict[str, dict[str, str | None]] = {}
        self._root = self.path.resolve()

    # -- reading -----------------------------------------------------------------
    def _roots(self) -> list[tuple[str, bool]]:
        """The replies folder, and the legacy one when set (with True)."""
        roots = [(self.settings["REPLIES_PATH"], False)]
        if self.settings["REPLIES_LEGACY_PATH"]:
            roots.append((self.settings["REPLIES_LEGACY_PATH"], True))
        return roots

    def _listed_roots(self) -> list[tuple[Path, bool, RootEntries]]:
        """Each replies folder (the legacy one with True) and its one listing."""
        return [(self.path / root, legacy, list_replies_root(self.path / root)) for root, legacy in self._roots()]

    def _inside_content(self, path: Path, problems: Problems) -> bool:
        """False (with a warning) for a symlink that leads outside the content folder."""
        try:
            path.resolve(strict=True).relative_to(self._root)
        except (ValueError, OSError):
            problems.warn(str(path), "a link to a file or folder outside the content folder; not read")
            return False
        return True

    def read_all(self, articles_by_slug: dict, problems: Problems,
                 renamed: dict[str, str] | None = None) -> tuple[list[Reply], dict[str, Reactions], FolderListing]:
        """Read every reply file of the reply folders, and the reactions beside them.

        Parameters
        ----------
        articles_by_slug : dict
            Slug -> article: a folder without one is named (a warning) and not read.
        problems : Problems
            Takes what is wrong. A file the build does not read (a stray or misplaced file) is a
            warning; with ``problems.checking_proposed`` it is left to the caller, which makes an
            error of it (``check-replies``).
        renamed : dict, optional
            A post's slug as its file wrote it -> the slug it was given instead (a ``Slug`` holding an
            email address: :mod:`.post_emails`): the folder named as written holds that post's replies,
            and a ``Reply-To`` naming a reply under it by the slug as written names that post.

        Returns
        -------
        tuple
            The replies read, the reactions by post slug, and what listing the folders found.
        """
        replies: list[Reply] = []
        reactions: dict[str, Reactions] = {}
        listed = FolderListing()
        entries: dict[Path, FolderEntries] = {}  # each folder listed once, by the first step that needs it

        def folder_entries(folder: Path) -> FolderEntries:
            if folder not in entries:
                entries[folder] = list_post_folder(folder)
            return entries[folder]

        md = markdown_converter(self.settings["REPLIES_MARKDOWN_EXTENSIONS"])  # one per build, reset per reply
        cache = ReplyCache(self.settings)
        roots = self._listed_roots()
        for folder, legacy in [(folder, legacy) for _, legacy, found in roots for folder in found.folders]:
            slug = folder.name
            listed.folders.append(folder)
            if not self._inside_content(folder, problems):
                if problems.checking_proposed:  # the check still names what was proposed there
                    listed.reply_files += folder_entries(folder).reply_files
                    listed.strays += folder_entries(folder).strays
                continue
            here = folder_entries(folder)
            files, strays, links = here.reply_files, here.strays, here.links
            listed.reply_files += files
            listed.strays += strays
            if slug not in articles_by_slug and slug in (renamed or {}):
                slug = renamed[slug]
            if slug not in articles_by_slug:
                near = difflib.get_close_matches(slug, sorted(articles_by_slug), n=1, cutoff=0.8)
                hint = f" (did you mean {near[0]!r}? rename the folder)" if near else ""
                problems.warn(str(folder), f"reply folder for post {slug!r}, but no post has that slug{hint}; "
                                           "its replies are not shown")
                continue
            # The folder is inside; a plain file in it is too (resolving every file costs seconds).
            if links:
                files = [file for file in files if file not in links or self._inside_content(file, problems)]
            replies += [reply for reply in cache.read_folder(
                folder, slug, legacy, files, problems,
                lambda file, found, data, slug=slug, legacy=legacy: with_date_shown(read_reply(
                    file, slug, self.settings, found, legacy=legacy, md=md, data=data), self.settings))
                if reply is not None]
            for file in strays if not problems.checking_proposed else ():
                problems.warn(str(file), stray_message(file))  # a reply saved as .txt, or with no extension
            reactions_file = folder / REACTIONS_FILE
            if reactions_file.is_file() and self._inside_content(reactions_file, problems):
                reactions[slug] = read_reactions(reactions_file, problems,
                                                 max_depth=self.settings["REPLIES_MAX_JSON_DEPTH"])
        for reply in replies if renamed else ():  # "Reply-To: <slug as written>/<id>" names the renamed post
            post, sep, rest = (reply.reply_to or "").partition("/")
            if sep and post in renamed and post not in articles_by_slug:
                reply.reply_to = f"{renamed[post]}/{rest}"
        for root, _, found in roots:  # a reply file in the wrong place is not lost unsaid either
            listed.misplaced += misplaced_replies(root, found, folder_entries)
        for file, message in listed.misplaced if not problems.checking_proposed else ():
            problems.warn(str(file), message)
        cache.save()
        return replies, reactions, listed

    # -- Pelican's generator protocol ------------------------------------------
    @long_lived()  # the replies live until the pages are written
    def generate_context(self) -> None:
        problems = Problems(strict=self.settings["REPLIES_STRICT"])
        articles = all_articles(self.context)
        by_slug = {}
        for article in articles:
            by_slug.setdefault(article.slug, article)
            article.thread = Thread(article.slug)
            article.reply_count = 0
            article.replies_feed = None
        renamed = {a.slug_as_written: a.slug for a in articles if getattr(a, "slug_as_written", None)}
        replies, reactions, _ = self.read_all(by_slug, problems, renamed)
        self.threads = build_threads(replies, problems, self.settings["REPLIES_MAX_THREAD_DEPTH"])
        problems.raise_if_failed()
        # a draft's slug, unless a published or hidden post has it too (a draft translation of a post)
        shown = {a.slug for key in ("articles", "hidden_articles") for a in self.context.get(key, []) or []}
        _unlink_drafts(self.threads, by_slug, {a.slug for a in self.context.get("drafts", []) or []} - shown)

        # Only published posts' replies reach a feed (drafts and hidden posts stay out of them).
        self.public_slugs = {a.slug for a in self.context.get("articles", [])}
        self._attach(by_slug, reactions)
        share_with_translations(articles, "thread", "reply_count", "replies_feed", owners=by_slug)
        self.site_links = self._site_links(problems)
        problems.raise_if_failed()
        self.context["reply_site_links"] = self.site_links
        self.context["reply_threads"] = self.threads
        counts = [t.count for t in self.threads.values()]
        logger.info("Replies: %d shown under %d posts", sum(counts), sum(1 for n in counts if n))

    def _site_links(self, problems: Problems) -> dict[str, dict[str, str | None]]:
        """What each reply's ``{filename}`` links lead to (:mod:`.site_links`); a link to no post or page
        of the site is named."""
        generated = self.context.get("generated_content") or {}
        return {reply.key: targets for thread in self.threads.values() for reply in thread.all_replies
                if (targets := look_up(reply, generated, problems))}

    def _attach(self, by_slug: dict, reactions: dict[str, Reactions]) -> None:
        """Each thread to its post, and each reply to its post; a post with reactions only gets an empty
        thread holding them."""
        feed_pattern = self.settings["REPLIES_FEED_POST"]
        for slug, thread in self.threads.items():
            article = by_slug[slug]
            thread.reactions = reactions.get(slug, Reactions())
            author = name_key(getattr(getattr(article, "author", None), "name", "") or "")
            for reply in thread.all_replies:
                reply.share_strings()
                reply.article = article
                reply.by_post_author = bool(author) and name_key(reply.author) == author and not reply.not_post_author
            article.thread = thread
            article.reply_count = thread.count
            if feed_pattern and article.reply_count and slug in self.public_slugs:
                article.replies_feed = feed_pattern.format(slug=slug)
        for slug, found in reactions.items():
            if slug not in self.threads:
                by_slug[slug].thread = Thread(slug, reactions=found)
                self.threads[slug] = by_slug[slug].thread

    def generate_output(self, writer) -> None:
        siteurl = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
        sitename = self.settings.get("SITENAME", "")
        everything: list[Reply] = []
        pattern = self.settings["REPLIES_FEED_POST"]
        cache = FeedCache(self.settings)
        for slug, thread in sorted(self.threads.items()):
            if slug not in self.public_slugs:
                continue
            shown = thread.contributions
            everything += shown
            if pattern and shown:
                article = shown[0].article
                feed_url = pattern.format(slug=slug)
                write_feed(shown, self.output_path / feed_url,
                           title=f"Replies to {quoted(plain_text(str(article.title)).strip())} — {sitename}",
                           link=article.url, siteurl=siteurl, feed_url=feed_url, cache=cache,
                           max_items=self.settings["REPLIES_FEED_POST_MAX_ITEMS"], site_links=self.site_links)
        if self.settings["REPLIES_FEED_ALL"] and everything:
            feed_url = self.settings["REPLIES_FEED_ALL"]
            newest = self.settings["REPLIES_FEED_ALL_MAX_ITEMS"]
            if newest is not None:  # a feed reader wants the latest, not a 20,000-entry file
                everything = sorted(everything, key=lambda r: (r.date, r.key), reverse=True)[:newest]
            write_feed(everything, self.output_path / feed_url, title=f"All replies — {sitename}",
                       link="", siteurl=siteurl, feed_url=feed_url, cache=cache, site_links=self.site_links)
        cache.save()
        self._let_go_of_words()

    def _let_go_of_words(self) -> None:
        """Every page and feed that shows a reply's words is written now (the post pages by Pelican's
        generators, which run before this one; the feeds above): each reply's words are let go of. The pages
        written after (the conversation map's) read what its graph stage took from them; the build's peak of
        memory, while they are made, is some 9 MB lower at 1,000 posts x 20 replies."""
        for thread in self.threads.values():
            for reply in thread.all_replies:
                reply.body_html, reply.body_text = _NO_WORDS, ""
