"""Keep private data out of imported files: email and IP addresses, unsafe URLs, injected lines.

Every importer passes every value it writes through these functions, and the writer checks
the rendered files once more (:func:`has_private_data`), so nothing can slip through.
"""

from __future__ import annotations

import html
import re
import unicodedata

from replies.limits import visible
from replies.privacy import (  # noqa: F401  (re-exported for the importers)
    EMAIL_PLACEHOLDER,
    IP_PLACEHOLDER,
    has_private_data,
    redact,
    safe_url,
)

# Characters that end a line for str.splitlines() or are otherwise invisible controls.
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TAG_RE = re.compile(r"<[^>]*>")
# Invisible characters that are part of an emoji (zero-width joiner: 🧙‍♂️; tag characters of
# subdivision flags): kept, or the emoji falls apart.
_EMOJI_JOINER = re.compile("[\u200d\U000e0020-\U000e007f]")


def one_line(value: object) -> str:
    """Flatten a metadata value to a single line; no value can start a second metadata line.

    Every line break (including the Unicode ones ``str.splitlines`` knows) and every other
    control character becomes a space; runs of white space shrink to one.

    Examples
    --------
    >>> one_line("Bob\\nStatus: published\\u2028x")
    'Bob Status: published x'
    >>> one_line("Wizard \\U0001F9D9\\u200d\\u2642\\ufe0f") == "Wizard \\U0001F9D9\\u200d\\u2642\\ufe0f"
    True
    """
    # Characters that show nothing go, as when a reply is read (replies.limits.visible: "Ada\u200bPark"
    # reads "AdaPark" both ways); what a name needs of them (an emoji's joiner) stays.
    text = visible(_LINE_BREAKS.sub(" ", str(value)))
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and not _EMOJI_JOINER.match(c)
                   else c for c in text)
    return " ".join(text.split())


def clean_name(raw: str | None) -> str:
    """A person's or page's name from an export: entities decoded, tags removed, one line, redacted.

    Examples
    --------
    >>> clean_name("Ping 1 &laquo; What&#8217;s a tellyworth?")
    'Ping 1 « What’s a tellyworth?'
    >>> clean_name("  <b>ada@example.org</b>\\n"), clean_name("Ada (ada@example.org)")
    ('', 'Ada ([email hidden])')
    >>> clean_name("&amp;lt;Ben&amp;gt;")
    '<Ben>'
    """
    if not raw:
        return ""
    text = _TAG_RE.sub("", str(raw))
    for _ in range(3):  # names are sometimes double-encoded ("&amp;laquo;")
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = one_line(redact(text))
    # A name that was nothing but an address is no name.
    rest = text.replace(EMAIL_PLACEHOLDER, "").replace(IP_PLACEHOLDER, "")
    return text if any(c.isalnum() for c in rest) else ""
