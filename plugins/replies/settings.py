"""Settings of the replies plugin: defaults in one place, checked once per build.

Every setting starts with ``REPLIES_``. An unknown ``REPLIES_`` key, or a value of the
wrong type, stops the build with a message that names the key (a typo should never be
silently ignored).
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Folder (relative to PATH) holding content/replies/<post-slug>/<reply-id>.md
    "REPLIES_PATH": "replies",
    # Folder of the pelican-comment-system layout, read as is; None to skip.
    "REPLIES_LEGACY_PATH": "comments",
    # Turn every warning about replies into a failed build.
    "REPLIES_STRICT": False,
    # Atom feed of every reply on the site; None to skip.
    "REPLIES_FEED_ALL": "feeds/replies.atom.xml",
    # Atom feed of one post's replies ({slug} is the post's slug); None to skip.
    "REPLIES_FEED_POST": "feeds/replies/{slug}.atom.xml",
    # Markdown extensions used for reply bodies.
    "REPLIES_MARKDOWN_EXTENSIONS": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    # strftime format of reply dates on the page.
    "REPLIES_DATE_FORMAT": "%-d %B %Y, %H:%M",
}

_TYPES: dict[str, tuple[type, ...]] = {
    "REPLIES_PATH": (str,),
    "REPLIES_LEGACY_PATH": (str, type(None)),
    "REPLIES_STRICT": (bool,),
    "REPLIES_FEED_ALL": (str, type(None)),
    "REPLIES_FEED_POST": (str, type(None)),
    "REPLIES_MARKDOWN_EXTENSIONS": (list, tuple),
    "REPLIES_DATE_FORMAT": (str,),
}


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
    feed = settings["REPLIES_FEED_POST"]
    if feed is not None and "{slug}" not in feed:
        raise ConfigError("setting REPLIES_FEED_POST must contain {slug}")
    return settings


def _suggest(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, DEFAULTS, n=1)
    return f" (did you mean {close[0]}?)" if close else f"; known: {', '.join(DEFAULTS)}"
