"""The language a post is written in, when it is not the site's: its ``Written-In`` metadata
(``docs/formats.md``), which the theme puts on the post's words as ``lang`` (its page, and its title and
its replies' words wherever another page shows them), so that a screen reader reads them in that language."""

from __future__ import annotations

import logging
import re

from .privacy import loggable

logger = logging.getLogger(__name__)

#: A language tag as HTML's ``lang`` takes it (BCP 47's common forms: ``de``, ``pt-BR``, ``zh-Hant``).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)


def _said(post) -> str:
    """What ``post``'s ``Written-In`` says, stripped ("" when it says nothing)."""
    return str((getattr(post, "metadata", None) or {}).get("written-in") or "").strip()


def written_in(post, site_lang: str = "") -> str:
    """``post``'s ``Written-In`` (lower case), or "" when it has none, names the site's language
    (``DEFAULT_LANG``), or is no language tag.

    >>> class Post:
    ...     metadata = {"written-in": " DE "}
    >>> written_in(Post(), "en"), written_in(Post(), "de")
    ('de', '')
    >>> Post.metadata = {"written-in": "German"}
    >>> written_in(Post(), "en"), written_in(object(), "en")
    ('', '')
    """
    value = _said(post).lower()
    if not LANGUAGE_TAG.fullmatch(value) or value == str(site_lang or "").strip().lower():
        return ""
    return value


def check_languages(items) -> None:
    """Name each post or page whose ``Written-In`` is no language tag (it is not marked)."""
    for item in items:
        value = _said(item)
        if value and not LANGUAGE_TAG.fullmatch(value):
            logger.warning("%s: Written-In: %s is no language tag (as 'de' or 'pt-BR'); its words are not marked "
                           "as written in another language", getattr(item, "source_path", "?"), loggable(value))
