"""Fetch a page or an API response over http(s): with a timeout, a size limit, no other schemes."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .model import ImportFailed

logger = logging.getLogger(__name__)

USER_AGENT = "reflective-blog-importer/1.0 (+https://getpelican.com/)"
MAX_BYTES = 32 * 1024 * 1024


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) URL refused: {msg}",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_http_url(value: object) -> bool:
    """True for a string that is an http or https URL.

    Examples
    --------
    >>> is_http_url("https://example.org/a"), is_http_url("file:///etc/passwd"), is_http_url("page.html")
    (True, False, False)
    """
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch(url: str, *, label: str | None = None, timeout: float = 30.0, max_bytes: int = MAX_BYTES,
          accept: str = "*/*") -> bytes:
    """GET ``url`` and return the body.

    Parameters
    ----------
    url : str
        An http(s) URL.
    label : str, optional
        How errors name the request (use it to keep secrets such as tokens out of messages);
        the URL itself by default.
    timeout : float
        Seconds to wait for the server.
    max_bytes : int
        A larger response is refused.
    accept : str
        The ``Accept`` header.

    Raises
    ------
    ImportFailed
        Not an http(s) URL, a network or HTTP error, or a response that is too large.
    """
    label = label or url
    if not is_http_url(url):
        raise ImportFailed(f"{label}: only http and https URLs can be fetched")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise ImportFailed(f"{label}: the server answered HTTP {exc.code} ({exc.reason})") from exc
    except urllib.error.URLError as exc:
        raise ImportFailed(f"{label}: cannot fetch ({exc.reason})") from exc
    except (TimeoutError, OSError) as exc:
        raise ImportFailed(f"{label}: cannot fetch ({exc})") from exc
    if len(data) > max_bytes:
        raise ImportFailed(f"{label}: the response is larger than {max_bytes} bytes; refused")
    logger.info("%s: fetched %d bytes", label, len(data))
    return data
