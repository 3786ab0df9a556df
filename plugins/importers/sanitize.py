"""Imported post bodies are a stranger's HTML: clean them with an allowlist, as replies are.

A saved page can come from any URL and an export from any blog, so a post body may carry
``<meta http-equiv="refresh">``, ``javascript:``/``vbscript:``/``data:`` links, forms, SVG
``<set>``/``<animate>``, ``<math href>``, ``<base>``, DOM-clobbering ``id``/``name``,
``target=_blank`` without ``noopener``, or a comment ended by ``--!>`` that Python's HTML
parser reads differently from a browser. :func:`sanitize_post_html` keeps only an allowlist of
elements and attributes (nh3, which parses as browsers do and drops comments), http(s) and
in-page links, ``data:image/`` pictures, and prefixes every ``id`` (and the in-page links to
it) with ``user-content-`` so no post can take a name the page or its script uses.
"""

from __future__ import annotations

import re

import nh3
from bs4 import BeautifulSoup
from replies.limits import clean_text
from replies.privacy import redact_soup

ID_PREFIX = "user-content-"
TAGS = (set(nh3.ALLOWED_TAGS) - {"map", "area"}) | {"section", "main", "s", "u", "small", "big"}
ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES.setdefault("a", set()).update({"href", "hreflang"})
ATTRIBUTES.setdefault("img", set()).update({"alt", "src", "width", "height"})
ATTRIBUTES.setdefault("td", set()).update({"colspan", "rowspan"})
ATTRIBUTES.setdefault("th", set()).update({"colspan", "rowspan", "scope"})
_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|webp|avif);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
_URL_ATTRS = frozenset({"href", "src", "cite"})


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return ID_PREFIX + value if value else None
    if name in _URL_ATTRS:
        stripped = value.strip()
        if tag == "img" and name == "src":
            return stripped if _DATA_IMAGE.match(stripped) else None
        if stripped.startswith("#"):
            return "#" + ID_PREFIX + stripped[1:] if len(stripped) > 1 else None
        if re.match(r"(?i)https?://", stripped) or (not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", stripped)
                                                    and not stripped.startswith("//")):
            return stripped
        return None
    return value


def sanitize_post_html(html: str) -> str:
    """An imported post body with only safe elements and attributes, and no private data.

    Examples
    --------
    >>> sanitize_post_html('<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    ...                    '<p id="x" name="y">Hi <a href="javascript:alert(1)" target="_blank">x</a> '
    ...                    '<a href="#x">up</a></p><form action="https://evil.example/"><button '
    ...     'formaction="javascript:alert(1)">go</button></form>')
    '<p id="user-content-x">Hi <a>x</a> <a href="#user-content-x">up</a></p>go'
    >>> sanitize_post_html('<!-- --!><img src=x onerror=alert(1)> --><svg><set attributeName="href" '
    ...                    'to="javascript:alert(1)"/></svg><math href="javascript:alert(1)">m</math>')
    '<img/> --&gt;'
    """
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed",
                            "svg", "math", "textarea", "select", "title", "xmp", "noembed", "noframes"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={"http", "https", "data"},
        strip_comments=True,
        link_rel=None,  # no target attribute survives, so no link can reach its opener
    )
    # Serialized once more by the parser Pelican's HTML reader uses, so what is written is
    # exactly what the build reads (and void elements keep their usual "<br/>" form).
    soup = BeautifulSoup(cleaned, "html.parser")
    redact_soup(soup, own_post=True)
    return clean_text(str(soup))  # &#x1F; parses to a control character, which no feed can carry
