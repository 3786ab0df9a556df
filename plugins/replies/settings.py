"""Settings of the replies plugin: defaults in one place, checked once per build.

Every setting starts with ``REPLIES_``. An unknown ``REPLIES_`` key, or a value of the
wrong type, stops the build with a message that names the key (a typo should never be
silently ignored).
"""

from __future__ import annotations

import re

DEFAULTS: dict[str, object] = {
    # Folder (relative to PATH) holding content/replies/<post-slug>/<reply-id>.md
    "REPLIES_PATH": "replies",
    # Folder of the pelican-comment-system layout, read as is; None to skip.
    "REPLIES_LEGACY_PATH": "comments",
    # Turn every warning about replies into a failed build.
    "REPLIES_STRICT": False,
    # Atom feed of every reply on the site; None to skip.
    "REPLIES_FEED_ALL": "feeds/replies.atom.xml",
    # The newest replies that feed carries (like Pelican's FEED_MAX_ITEMS); None for every reply.
    "REPLIES_FEED_ALL_MAX_ITEMS": 100,
    # Atom feed of one post's replies ({slug} is the post's slug); None to skip.
    "REPLIES_FEED_POST": "feeds/replies/{slug}.atom.xml",
    # The newest replies each post's feed carries, each in full (a feed reader shows what is new; the
    # post's page has them all); None for every reply.
    "REPLIES_FEED_POST_MAX_ITEMS": 10,
    # Markdown extensions used for reply bodies.
    "REPLIES_MARKDOWN_EXTENSIONS": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    # strftime format of reply dates on the page.
    "REPLIES_DATE_FORMAT": "%-d %B %Y, %H:%M",
    # Reply links (plugins/replies/reply_links.py). The site's GitHub repository, "owner/repo":
    # every post and reply gets a "Reply" link to GitHub's new-file page, prefilled; None for none.
    "REPLIES_LINK_GITHUB_REPO": None,
    # The branch that reply pull requests go to.
    "REPLIES_LINK_GITHUB_BRANCH": "main",
    # Where the content folder is inside that repository.
    "REPLIES_LINK_CONTENT_DIR": "content",
    # Without a repository: a mailto: link to this address with the same template; None for none.
    "REPLIES_LINK_EMAIL": None,
    # Where the "How to reply" page is written (linked from every thread); None to skip.
    "REPLIES_HOW_TO_SAVE_AS": "how-to-reply/index.html",
    # A webmention.io account (your domain, e.g. "fieldnotes.example"): pages announce its endpoint
    # with <link rel="webmention"> and `invoke fetch-webmentions` imports what arrived; None for none.
    "REPLIES_WEBMENTION_ACCOUNT": None,
    # Bounds on one reply (SECURITY.md): past one, the file is named in a warning and its body
    # is not rendered; the rest of the site builds.
    "REPLIES_MAX_BODY_CHARS": 50_000,
    # Deepest nesting of quotes, lists, indentation and HTML elements in a reply body.
    "REPLIES_MAX_NESTING": 32,
    # Most '[' characters in a reply body (Markdown's link patterns slow down with each one).
    "REPLIES_MAX_BRACKETS": 1_000,
    # Deepest thread shown; deeper replies are shown at this depth, with a warning.
    "REPLIES_MAX_THREAD_DEPTH": 500,
    # Deepest nesting of reactions.json.
    "REPLIES_MAX_JSON_DEPTH": 20,
    # An email address in a post's own Author, Title, Tags, Category, Summary or text (user@host in <code>
    # stays): "hide" replaces it on every page (Pelican's own included); "publish" keeps it and the build
    # says where.
    "REPLIES_POST_EMAILS": "hide",
}

_TYPES: dict[str, tuple[type, ...]] = {
    "REPLIES_PATH": (str,),
    "REPLIES_LEGACY_PATH": (str, type(None)),
    "REPLIES_STRICT": (bool,),
    "REPLIES_FEED_ALL": (str, type(None)),
    "REPLIES_FEED_ALL_MAX_ITEMS": (int, type(None)),
    "REPLIES_FEED_POST": (str, type(None)),
    "REPLIES_FEED_POST_MAX_ITEMS": (int, type(None)),
    "REPLIES_MARKDOWN_EXTENSIONS": (list, tuple),
    "REPLIES_DATE_FORMAT": (str,),
    "REPLIES_LINK_GITHUB_REPO": (str, type(None)),
    "REPLIES_LINK_GITHUB_BRANCH": (str,),
    "REPLIES_LINK_CONTENT_DIR": (str,),
    "REPLIES_LINK_EMAIL": (str, type(None)),
    "REPLIES_HOW_TO_SAVE_AS": (str, type(None)),
    "REPLIES_WEBMENTION_ACCOUNT": (str, type(None)),
    "REPLIES_MAX_BODY_CHARS": (int,),
    "REPLIES_MAX_NESTING": (int,),
    "REPLIES_MAX_BRACKETS": (int,),
    "REPLIES_MAX_THREAD_DEPTH": (int,),
    "REPLIES_MAX_JSON_DEPTH": (int,),
    "REPLIES_POST_EMAILS": (str,),
}

_GITHUB_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_DOMAIN_RE = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


class ConfigError(Exception):
    """A setting of the replies plugin is unknown or has the wrong type."""


def check_settings(settings: dict) -> dict:
    """Fill in defaults and check every ``REPLIES_`` setting.

    Parameters
    ----------
    settings : dict
        Pelican's settings; missing ``REPLIES_`` keys are added in place.

    Returns
    -------
    dict
        The same settings object.

    Raises
    ------
    ConfigError
        Naming the first unknown key or the key with a value of the wrong type.

    Examples
    --------
    >>> s = check_settings({})
    >>> s["REPLIES_PATH"]
    'replies'
    >>> try:
    ...     check_settings({"REPLIES_STICT": True})
    ... except ConfigError as error:
    ...     print(error)
    unknown setting REPLIES_STICT (did you mean REPLIES_STRICT?)
    """
    for key in sorted(settings):
        if key.startswith("REPLIES_") and key not in DEFAULTS:
            raise ConfigError(f"unknown setting {key}{_suggest(key)}")
    for key, default in DEFAULTS.items():
        settings.setdefault(key, list(default) if isinstance(default, list) else default)
        value = settings[key]
        if not isinstance(value, _TYPES[key]):
            wanted = " or ".join("None" if t is type(None) else t.__name__ for t in _TYPES[key])
            raise ConfigError(f"setting {key} must be {wanted}, not {type(value).__name__}")
    for key in ("REPLIES_MAX_BODY_CHARS", "REPLIES_MAX_NESTING", "REPLIES_MAX_BRACKETS",
                "REPLIES_MAX_THREAD_DEPTH", "REPLIES_MAX_JSON_DEPTH"):
        if isinstance(settings[key], bool) or settings[key] < 1:
            raise ConfigError(f"setting {key} must be a positive whole number")
    for key in ("REPLIES_FEED_ALL_MAX_ITEMS", "REPLIES_FEED_POST_MAX_ITEMS"):
        newest = settings[key]
        if newest is not None and (isinstance(newest, bool) or newest < 1):
            raise ConfigError(f"setting {key} must be a positive whole number or None")
    if settings["REPLIES_POST_EMAILS"] not in ("hide", "publish"):
        raise ConfigError("setting REPLIES_POST_EMAILS must be 'hide' or 'publish'")
    feed = settings["REPLIES_FEED_POST"]
    if feed is not None and "{slug}" not in feed:
        raise ConfigError("setting REPLIES_FEED_POST must contain {slug}")
    _check_reply_link_settings(settings)
    return settings


def _check_reply_link_settings(settings: dict) -> None:
    """The values of the reply-link settings, each checked for its shape.

    Examples
    --------
    >>> try:
    ...     check_settings({"REPLIES_LINK_GITHUB_REPO": "https://github.com/a/b"})
    ... except ConfigError as error:
    ...     print(error)
    setting REPLIES_LINK_GITHUB_REPO must be 'owner/repo', not 'https://github.com/a/b'
    """
    repo = settings["REPLIES_LINK_GITHUB_REPO"]
    if repo is not None and not _GITHUB_REPO_RE.match(repo):
        raise ConfigError(f"setting REPLIES_LINK_GITHUB_REPO must be 'owner/repo', not {repo!r}")
    branch = settings["REPLIES_LINK_GITHUB_BRANCH"]
    if not branch.strip() or any(c in branch for c in " ~^:?*[\\") or branch.startswith(("/", "-")):
        raise ConfigError(f"setting REPLIES_LINK_GITHUB_BRANCH is not a branch name: {branch!r}")
    email = settings["REPLIES_LINK_EMAIL"]
    if email is not None and not _EMAIL_RE.match(email):
        raise ConfigError(f"setting REPLIES_LINK_EMAIL must be an email address, not {email!r}")
    account = settings["REPLIES_WEBMENTION_ACCOUNT"]
    if account is not None and not _DOMAIN_RE.match(account):
        raise ConfigError(f"setting REPLIES_WEBMENTION_ACCOUNT must be the account's domain "
                          f"(e.g. 'fieldnotes.example'), not {account!r}")
    save_as = settings["REPLIES_HOW_TO_SAVE_AS"]
    if save_as is not None and (save_as.startswith("/") or ".." in save_as.split("/")):
        raise ConfigError(f"setting REPLIES_HOW_TO_SAVE_AS must be a path inside the output, not {save_as!r}")


def _suggest(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, DEFAULTS, n=1)
    return f" (did you mean {close[0]}?)" if close else f"; known: {', '.join(DEFAULTS)}"
