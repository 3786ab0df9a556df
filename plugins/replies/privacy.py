"""Private data never reaches the site: email and IP addresses redacted, only safe http(s) URLs kept.

Shared by the replies plugin (rendering) and the importers (writing files), so both apply
exactly the same rules.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import unquote, urlsplit

EMAIL_PLACEHOLDER = "[email hidden]"
IP_PLACEHOLDER = "[address hidden]"

# Endings that look like a top-level domain but are file names ("photo@2x.png").
_FILE_ENDINGS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff",
                           "css", "js", "htm", "html", "php", "pdf", "mp3", "mp4", "webm", "zip"})
# A fediverse handle ("@name@mastodon.social", standing alone: an "@" before the name) is
# public, not an email.
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])(?<!^@)(?<![\s(\[>\"']@)[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+(?P<tld>[A-Za-z]{2,})(?![A-Za-z0-9-])"
)
# Candidates only; each is checked with ``ipaddress`` before it is replaced.
IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
IPV6_RE = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)"
)
def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def _email(match: re.Match) -> str:
    if match["tld"].lower() in _FILE_ENDINGS:
        return match.group()
    return EMAIL_PLACEHOLDER


def _ipv6(match: re.Match) -> str:
    candidate = match.group()
    if not _is_ip(candidate):
        return candidate
    groups = [g for g in candidate.split(":") if g]
    # "::", "::1" or "a::b" are more often code ("x :: Int", "a[1::2]") than someone's address.
    if len(groups) < 3 and "." not in candidate:
        return candidate
    return IP_PLACEHOLDER


def redact(text: str) -> str:
    """Replace email and IP addresses in ``text`` with placeholders.

    Parameters
    ----------
    text : str
        Any text: a name, a body in HTML or Markdown, a URL.

    Returns
    -------
    str
        ``text`` with every email address replaced by ``[email hidden]`` and every IPv4 or
        IPv6 address by ``[address hidden]``.

    Examples
    --------
    >>> redact("mail ada@example.org from 192.0.2.7 or ::ffff:82.119.20.0 at 10:15")
    'mail [email hidden] from [address hidden] or [address hidden] at 10:15'
    >>> redact("img@2x.png, version 1.2.3, x :: Int")
    'img@2x.png, version 1.2.3, x :: Int'
    """
    if not text:
        return text
    text = EMAIL_RE.sub(_email, text)
    text = IPV6_RE.sub(_ipv6, text)
    return IPV4_RE.sub(lambda m: IP_PLACEHOLDER if _is_ip(m.group()) else m.group(), text)


def has_private_data(text: str) -> bool:
    """True when ``text`` holds an email or IP address.

    Examples
    --------
    >>> has_private_data("ada@example.org"), has_private_data("just text")
    (True, False)
    >>> has_private_data("https://x.example/?u=eve%40example.com")  # percent-encoded too
    True
    """
    return redact(text) != text or ("%" in text and redact(unquote(text)) != unquote(text))



def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL without credentials or private data, else None.

    Parameters
    ----------
    url : object
        A candidate URL (anything else, or None, gives None).

    Returns
    -------
    str or None
        The URL, stripped, or None when it must not be written.

    Examples
    --------
    >>> safe_url(" https://ada.example/ ")
    'https://ada.example/'
    >>> [safe_url(u) for u in ("javascript:alert(1)", "mailto:a@b.org", "http://192.0.2.1/",
    ...                        "http://u:p@example.org/", "ftp://example.org/", "//example.org/")]
    [None, None, None, None, None, None]
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 2048:
        return None
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return None
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        _ = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        return None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return None
    if _is_ip(hostname.strip("[]")) or has_private_data(url):
        return None
    return url
