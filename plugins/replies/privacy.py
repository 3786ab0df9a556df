"""What is personal data, decided in one place: email and IP addresses, safe URLs, safe log values.

Shared by the replies plugin (rendering), the conversation map (names, links, sources) and the
importers (writing files), so every part of the site applies exactly the same rules.

Two kinds of text are told apart:

- **someone else's words** (replies, names, URLs, imported comments, metadata): every email and
  every IP address is personal data, in any of the forms people and tools write them
  (``name%40host.org``, ``name [at] host [dot] org``, ``http://3221226095/``,
  ``192.000.002.103``, ``fe80::1``); only the addresses of well-known public services such as
  the resolver ``8.8.8.8`` identify nobody and stay;
- **the author's own post** (``own_post=True``): emails outside code blocks are still hidden,
  but addresses that identify nobody (loopback, private networks, public resolvers) stay, and so
  does ``user@host`` inside ``<code>``/``<pre>``.

Redaction never rewrites a URL: in HTML an attribute holding private data is dropped whole
(a link keeps its text), so no redacted link can break a later ``urlsplit``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import unquote, urlsplit

from .limits import SHOWS_NOTHING

EMAIL_PLACEHOLDER = "[email hidden]"
IP_PLACEHOLDER = "[address hidden]"

# Addresses of public services that identify nobody (DNS resolvers, loopback, "any").
PUBLIC_SERVICES = frozenset({
    "8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222",
    "208.67.220.220", "4.2.2.1", "4.2.2.2", "64.6.64.6", "64.6.65.6", "94.140.14.14",
    "2001:4860:4860::8888", "2001:4860:4860::8844", "2606:4700:4700::1111", "2606:4700:4700::1001",
    "2620:fe::fe", "127.0.0.1", "0.0.0.0", "255.255.255.255",
})

# "@" as written, percent-encoded, or a character reference shown as text (an import that escaped twice)
_AT = r"(?:@|%40|%2540|%252540|&#0{0,6}64;|&#[xX]0{0,6}40;|&commat;)"
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
# A fediverse handle ("@name@mastodon.social", standing alone: an "@" before the name) is
# public, not an email; nor is the login in "svn+ssh://svn@host". A "-" or "_" may end the address
# ("ada@example.org-"), but not one before a letter or digit ("sd_IN@devanagari.UTF-8", code).
EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])(?<!://)(?<!^@)(?<![\s(\[>\"']@)(?P<local>[\w.%+-]{{1,64}}|\"[^\"\s@]{{1,64}}\"){_AT}"
    rf"(?P<domain>(?:{_LABEL}\.){{1,126}}(?P<tld>[^\W\d_]{{2,63}}|xn--[a-z0-9-]{{1,59}}))(?![^\W_]|[-_][^\W_])",
    re.IGNORECASE,
)
# A percent-encoded run with an encoded "@" in it, read decoded (EMAIL_RE reads %40 but not %2E).
_PERCENT_EMAIL_RE = re.compile(r"(?<![\w.%+-])(?:[\w.+-]|%[0-9A-Fa-f]{2}){1,200}%(?:25){0,3}40"
                               r"(?:[\w.+-]|%[0-9A-Fa-f]{2}){1,300}")
# "name at host dot org", "name [at] host [dot] org", "name(at)host.org", "NAME AT HOST DOT ORG".
_B_AT = r"\s*[\[\(\{<]\s*(?:at|AT|At|@)\s*[\]\)\}>]\s*"
_B_DOT = r"\s*[\[\(\{<]\s*(?:dot|DOT|Dot)\s*[\]\)\}>]\s*"
_COMMON_TLDS = r"(?:com|org|net|edu|gov|io|de|uk|fr|nl|info|me|co|ch|at|eu|us|ca|au|jp|ru|it|es)"
# and "name @ host.org" (an "@" with blanks on both sides, before a common ending: not "like @ property.setter",
# nor a handle, "agree with @example.org"),
# "name@host [dot] org" (dots written out).
OBFUSCATED_RE = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}(?:{_B_AT}(?:[\w-]{{1,63}}(?:{_B_DOT}|\.|\s+dot\s+|\s+DOT\s+)){{1,6}}[A-Za-z]{{2,24}}"
    rf"|\s+@\s+(?:[\w-]{{1,63}}(?:{_B_DOT}|\.|\s+dot\s+|\s+DOT\s+)){{1,6}}(?i:{_COMMON_TLDS})"
    rf"|@(?:[\w-]{{1,63}}\.){{0,5}}[\w-]{{1,63}}(?:{_B_DOT}|\s+dot\s+|\s+DOT\s+)(?:[\w-]{{1,63}}(?:{_B_DOT}|\.|\s+dot\s+|\s+DOT\s+)){{0,5}}[A-Za-z]{{2,24}}"
    rf"|\s+(?:at|AT)\s+(?:[\w-]{{1,63}}(?:{_B_DOT}|\s+dot\s+|\s+DOT\s+)){{1,6}}(?i:{_COMMON_TLDS}))(?![\w])"
)
# Dotted IPv4 in any notation inet_aton accepts for four parts: 192.0.2.1, 192.000.002.001, 0xC0.0.2.1.
_OCTET = r"(?:0[xX][0-9A-Fa-f]{1,2}|\d{1,4})"
_DOTTED = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
# Not part of a longer dotted number, word or version ("2.6.16.21-0.25", "1.3.0.1-motley", "aix7.2.0.0",
# "Policy_0.12.0.0_doc"), but a file name (192.0.2.1.md) is, so is an address after an ellipsis
# ("see...192.0.2.1"), and so is a range, one match, each of its ends read ("192.0.2.1-192.0.2.9-192.0.2.10").
IPV4_RE = re.compile(rf"(?:(?<![\w.])|(?<=\.\.\.))(?<!\d-){_DOTTED}(?:-{_DOTTED}(?![\d.]))*"
                     rf"(?![^\W_]|\.(?!(?:md|markdown|html?|txt|json|ya?ml|xml)\b)\w|-\w|[+~]\w)")
# A whole-number host in a URL: http://3221226095/, http://0xC0000273/.
URL_NUMBER_HOST_RE = re.compile(r"(?<=://)(?:[^/@\s]{0,256}@)?(?P<host>\d{1,10}|0[xX][0-9A-Fa-f]{1,8})(?=[:/?#\s\"'<>)\]]|$)")
# Not inside a longer run of groups, but after a word and a colon ("ip:2001:db8::1", "IPv6:2001:db8::2", a word
# with a letter that is not a hex digit), and before a colon that ends a clause
# ("2001:db8::1: unreachable"); what it finds is an address only if it reads as one (_ipv6).
IPV6_RE = re.compile(
    r"(?:(?<![\w:.])|(?<=[G-Zg-z_]:)|(?<=[G-Zg-z_][0-9A-Fa-f]:)|(?<=[G-Zg-z_][0-9A-Fa-f]{2}:)"
    r"|(?<=[G-Zg-z_][0-9A-Fa-f]{3}:))"
    r"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[\w.-]{1,32})?"
    r"(?<![^:]:)(?!\w|:(?=\S)|\.\d)"
)

# Endings that look like a top-level domain but are file names: "photo@2x.png".
FILE_TYPES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff", "css", "js",
                        "mjs", "map", "htm", "html", "php", "pdf", "mp3", "mp4", "webm", "ogg", "wav", "zip", "gz",
                        "tar", "txt", "json", "xml", "csv", "woff", "woff2", "ttf", "otf", "eot", "md", "min"})
_RETINA = re.compile(r"^\d+(?:\.\d+)?x\.", re.IGNORECASE)
_CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "tt"})


def _octet(part: str) -> int:
    return int(part, 16) if part[:2].lower() == "0x" else int(part, 10)


def ipv4_value(candidate: str) -> int | None:
    """The address a dotted IPv4 string names, in any notation, or None.

    Examples
    --------
    >>> [ipv4_value(x) for x in ("192.0.2.1", "192.000.002.001", "0xC0.0.2.1", "1.2.3.456")]
    [3221225985, 3221225985, 3221225985, None]
    """
    parts = candidate.split(".")
    if len(parts) != 4:
        return None
    try:
        octets = [_octet(p) for p in parts]
    except ValueError:
        return None
    if any(o > 255 for o in octets):
        return None
    return int.from_bytes(bytes(octets), "big")


def _identifies_nobody(address: str, own_post: bool) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if str(ip) in PUBLIC_SERVICES:
        return True
    return own_post and (ip.is_loopback or ip.is_unspecified or
                         (ip.is_private and not ip.is_link_local and ip.version == 4 and
                          not _is_documentation(ip)))


_DOCUMENTATION = tuple(ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"))


def _is_documentation(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # Addresses reserved for examples stand for someone's real address in test data.
    return any(ip in net for net in _DOCUMENTATION)


# Where a person's IPv6 address can be: global unicast, unique-local, link-local and the old site-local,
# an IPv4 address written in IPv6 (mapped "::ffff:c000:207", translated "::ffff:0:c000:207", compatible,
# NAT64), and the multicast group named after an address's last 24 bits. The rest is reserved or multicast.
_PEOPLES_V6 = tuple(ipaddress.ip_network(n) for n in (
    "2000::/3", "fc00::/7", "fe80::/10", "fec0::/10", "::ffff:0:0/96", "::ffff:0:0:0/96", "::/96", "64:ff9b::/96",
    "64:ff9b:1::/48", "ff02::1:ff00:0/104"))
_EMBEDS_V4 = tuple(ipaddress.ip_network(n) for n in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96"))


def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate.split("%")[0])
    except ValueError:
        return False
    return True


def _email(match: re.Match) -> str:
    if match["tld"].lower() in FILE_TYPES and _RETINA.match(match["domain"]):
        return match.group()
    return EMAIL_PLACEHOLDER


def _ipv6(match: re.Match, own_post: bool) -> str:
    candidate = match.group()
    address = candidate.split("%")[0]
    if not _is_ip(address) or _identifies_nobody(address, own_post):
        return candidate
    ip = ipaddress.ip_address(address)
    if ip.is_loopback or ip.is_unspecified:
        return candidate
    if "." not in address and not any(ip in net for net in _PEOPLES_V6):
        return candidate  # space no one's machine is given ("pos:1:2::3", "v:10:20::30"): code, not an address
    groups = [g for g in address.split(":") if g]
    # "a::b" is more often code ("a[1::2]") than someone's address, unless it is link-local or
    # unique-local (fe80::1, fd00::5), or an IPv4 address from 1.0.0.0 on in IPv6 ("::c000:207").
    if len(groups) < 3 and "." not in address and not (ip.is_link_local or ip.is_private) \
            and not (any(ip in net for net in _EMBEDS_V4) and int(ip) & 0xFFFFFFFF >= 1 << 24):
        return candidate
    return IP_PLACEHOLDER


def _ipv4(match: re.Match, own_post: bool) -> str:
    ends = match.group().split("-")  # one address, or every address of a range
    hidden = []
    for end in ends:
        value = ipv4_value(end)
        hidden.append(end if value is None or _identifies_nobody(str(ipaddress.IPv4Address(value)), own_post)
                      else IP_PLACEHOLDER)
    return "-".join(hidden)


def _number_host(match: re.Match) -> str:
    host = match["host"]
    value = int(host, 16) if host[:2].lower() == "0x" else int(host)
    if value > 0xFFFFFFFF or (value < 256 and not host.startswith("0")):
        return match.group()  # http://80/ is a (broken) port-like host, not an address
    return match.group()[: match.start("host") - match.start()] + IP_PLACEHOLDER


def redact(text: str, *, own_post: bool = False, emails_only: bool = False) -> str:
    """Replace email and IP addresses in ``text`` with placeholders.

    Parameters
    ----------
    text : str
        Any text: a name, a body in Markdown or plain text, a URL.
    own_post : bool
        True for the author's own writing: addresses that identify nobody (loopback,
        private networks) stay.
    emails_only : bool
        Only emails (a post's own text, where four dotted numbers are far more often a
        version, a section or an OID than an address).

    Returns
    -------
    str
        ``text`` with every email address replaced by ``[email hidden]`` and every IPv4 or
        IPv6 address by ``[address hidden]``.

    Examples
    --------
    >>> redact("mail ada@example.org from 192.0.2.7 or ::ffff:82.119.20.0 at 10:15")
    'mail [email hidden] from [address hidden] or [address hidden] at 10:15'
    >>> redact("img@2x.png, version 1.2.3, kernel 2.6.16.21-0.25, x :: Int, DNS 8.8.8.8")
    'img@2x.png, version 1.2.3, kernel 2.6.16.21-0.25, x :: Int, DNS 8.8.8.8'
    >>> redact("ada%40example.org, ada [at] example [dot] org, http://3221226095/")
    '[email hidden], [email hidden], http://[address hidden]/'
    >>> redact("ada＠example.org, １９２．０．２．１")
    '[email hidden], [address hidden]'

    Full-width characters are read as their ASCII selves, and characters that show nothing are left
    out, word by word; a word with nothing to hide is returned as written (Japanese prose keeps its
    "。" and its full-width digits, an emoji its joiner):

    >>> redact("今日は晴れです。価格は１２３円")
    '今日は晴れです。価格は１２３円'
    >>> redact("\U0001F469\u200d\U0001F4BB mail ada@exa\u200bmple.org")
    '\U0001F469\u200d\U0001F4BB mail [email hidden]'
    """
    if not text:
        return text
    if _WIDE_RE.search(text) or SHOWS_NOTHING.search(text):
        return _redact_shown(text, own_post, emails_only)
    return _redact_ascii(text, own_post, emails_only)


def _shown(text: str, blank: str = "") -> str:
    """What ``text`` shows, for the address rules: full-width digits, dots and at-signs as ASCII, the
    characters that show nothing left out; a blank filler (a braille blank, a Hangul filler) shows as
    nothing in some fonts and as a space in others: as ``blank``."""
    return ascii_lookalikes(SHOWS_NOTHING.sub(lambda m: blank if m.group() in _BLANKS else "", text))


def _redact_shown(text: str, own_post: bool, emails_only: bool) -> str:
    """:func:`redact` for a text holding full-width forms or characters that show nothing.

    Each word holding one is read as what it shows (:func:`_shown`), on its own, and is replaced by that
    reading only when it hides an address; then the whole is read as written. So the rest of the text
    keeps its joiners. An address spread over several words that only the whole text shows
    ("ada [at] exa\u200bmple [dot] org") makes the whole text its shown reading, redacted (its joiners
    lost: an address is never left for their sake).
    """
    rules = (own_post, emails_only)
    pieces, last = [], 0
    for word in _SPECIAL_WORD_RE.finditer(text):
        pieces.append(text[last:word.start()])
        plain = _shown(word.group())
        hidden = _redact_ascii(plain, *rules)
        pieces.append(word.group() if hidden == plain else hidden)
        last = word.end()
    pieces.append(text[last:])
    done = _redact_ascii("".join(pieces), *rules)  # and as written ("ada@example.org\u200a2024")
    for blank in ("", " ") if any(c in _BLANKS for c in text) else ("",):
        seen = _shown(done, blank)
        hidden = _redact_ascii(seen, *rules)
        if hidden != seen:  # the whole still shows an address, across words: its reading, redacted
            return hidden
    return done


def _percent_email(match: re.Match) -> str:
    decoded = match.group()
    for _ in range(4):  # %2540 is %40 is @
        decoded = unquote(decoded)
    found = EMAIL_RE.search(decoded)
    return EMAIL_PLACEHOLDER if found and _email(found) == EMAIL_PLACEHOLDER else match.group()  # not logo@2x.png


# What every match of a pattern holds, looked for first: most texts hold none, and the patterns' look-behinds
# at every position cost far more than these plain searches (a third of a reply's reading, before).
# EMAIL_RE: an "@", "%40" or a character reference (_AT). OBFUSCATED_RE: an "@", an opening bracket before
# "at", or " at " with a written "dot". IPV6_RE: two colons with at most four hex digits between.
# IPV4_RE: a hex digit, a dot and a digit (an octet ends in one; the next starts with a digit).
_BRACKET_AT_HINT = re.compile(r"[\[\(\{<]\s*(?:at|AT|At)")
_SPACED_AT_HINT = re.compile(r"\s(?:at|AT)\s")
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{0,4}:")
_IPV4_HINT = re.compile(r"[0-9A-Fa-f]\.\d")


def _may_be_obfuscated(text: str) -> bool:
    return "@" in text or bool(_BRACKET_AT_HINT.search(text)) or (
        ("dot" in text or "DOT" in text or "Dot" in text) and bool(_SPACED_AT_HINT.search(text)))


def _redact_ascii(text: str, own_post: bool, emails_only: bool = False) -> str:
    if "@" in text or "%" in text or "&" in text:
        text = EMAIL_RE.sub(_email, text)
    if "%" in text:  # an address written with its dots encoded too: %61da%40example%2Eorg
        text = _PERCENT_EMAIL_RE.sub(_percent_email, text)
    if _may_be_obfuscated(text):
        text = OBFUSCATED_RE.sub(EMAIL_PLACEHOLDER, text)
    if emails_only:
        return text
    if ":" in text:
        if _IPV6_HINT.search(text):
            text = IPV6_RE.sub(lambda m: _ipv6(m, own_post), text)
        if "://" in text:
            text = URL_NUMBER_HOST_RE.sub(_number_host, text)
    if not _IPV4_HINT.search(text):
        return text
    return IPV4_RE.sub(lambda m: _ipv4(m, own_post), text)


def has_private_data(text: str, *, own_post: bool = False, emails_only: bool = False) -> bool:
    """True when ``text`` holds an email or IP address, also percent-encoded.

    Examples
    --------
    >>> has_private_data("ada@example.org"), has_private_data("just text")
    (True, False)
    >>> has_private_data("https://x.example/?u=eve%40example.com")  # percent-encoded too
    True
    >>> has_private_data("https://x.example/?u=%65ve%40example%2Ecom")
    True
    """
    if not text:
        return False
    if redact(text, own_post=own_post, emails_only=emails_only) != text:
        return True
    if "%" in text:
        decoded = unquote(unquote(text))
        return decoded != text and redact(decoded, own_post=own_post, emails_only=emails_only) != decoded
    return False


_UNPRINTABLE_RE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{SHOWS_NOTHING.pattern[1:-1]}]")


def printable(text: str) -> str:
    r"""``text`` for a terminal or a log: control characters and text-direction marks written as escapes
    (a file name holding ``ESC[2J`` must not clear the screen of whoever reads the log).

    >>> printable("evil\x1b[2Jred.md, \u202eevil")
    'evil\\x1b[2Jred.md, \\u202eevil'
    """
    return _UNPRINTABLE_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def loggable(value: object) -> str:
    """``repr(value)`` for a log line, or a description when it holds private data.

    Logs of public builds (CI) must never print a value that was dropped as private.

    Examples
    --------
    >>> loggable("https://ada.example/"), loggable("mailto:ada@example.org")
    ("'https://ada.example/'", '[a value with an email or IP address]')
    """
    text = str(value)
    if has_private_data(text):
        return "[a value with an email or IP address]"
    if len(text) > 120:
        text = text[:117] + "..."
    return repr(text)


def redact_soup(soup, *, own_post: bool = False, emails_only: bool = False) -> int:
    """Redact a parsed HTML tree in place: text nodes, and attributes holding private data; returns
    how many were changed (a comment removed counts when it held an address).

    Text is redacted (outside ``<code>``/``<pre>`` too, unless ``own_post``); an attribute
    holding private data is removed whole, never rewritten, so a link keeps its text and no
    half-redacted URL is left. ``emails_only``: see :func:`redact`.
    """
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    rules = {"own_post": own_post, "emails_only": emails_only}
    changed = 0
    for node in list(soup.find_all(string=True)):
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            # Not text a reader sees: a comment always goes, the others when they hold an address.
            private = has_private_data(str(node), **rules)
            if private or isinstance(node, Comment):
                changed += private
                node.extract()
            continue
        if own_post and any(p.name in _CODE_TAGS for p in node.parents if p is not None):
            continue
        text = str(node)
        if isinstance(node, NavigableString) and has_private_data(text, **rules):
            hidden = redact(text, **rules)
            if hidden != text:
                node.replace_with(hidden)
                changed += 1
    for tag in soup.find_all(True):
        for name, value in list(tag.attrs.items()):
            text = " ".join(value) if isinstance(value, list) else str(value)
            if has_private_data(text, **rules):
                del tag[name]
                changed += 1
    return changed


def redact_html(html: str, *, own_post: bool = False) -> str:
    """:func:`redact_soup` for an HTML string.

    Examples
    --------
    >>> redact_html('<a href="http://192.0.2.9/x">my server</a> at 192.0.2.9')
    '<a>my server</a> at [address hidden]'
    >>> redact_html('<a href="http://192.168.1.1/">router</a> <code>git@example.org</code>', own_post=True)
    '<a href="http://192.168.1.1/">router</a> <code>git@example.org</code>'
    """
    from bs4 import BeautifulSoup

    if not html or not has_private_data(html, own_post=own_post):
        return html
    soup = BeautifulSoup(html, "html.parser")
    redact_soup(soup, own_post=own_post)
    return str(soup)


_WIDE_DIGITS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "。": ".", "｡": ".",
                                "＠": "@", "﹫": "@", "\u2024": ".", "\ufe52": "."})


_WIDE_RE = re.compile("[\uff0e-\uff20。｡﹫\u2024\ufe52]")
# A word holding a full-width form or a character that shows nothing (limits.SHOWS_NOTHING): it is read as
# what it shows, on its own ("ada@exa\u200bmple.org" is an address), so the rest of the text stays as written.
# A word (hair spaces inside it: they show as next to nothing) holding a full-width form or a character that
# shows nothing. Tried only where a word starts, and lazily up to its first such character: linear.
_SPECIAL_WORD_RE = re.compile("(?<![^\\s])(?<!\u200a)(?:[^\\s]|\u200a)*?"
                              f"[\uff0e-\uff20。｡﹫\u2024\ufe52{SHOWS_NOTHING.pattern[1:-1]}](?:[^\\s]|\u200a)*")
# Characters that show as a blank or as nothing, depending on the font: read both ways (:func:`_shown`).
_BLANKS = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def ascii_lookalikes(text: str) -> str:
    """``text`` with full-width digits, dots and at-signs as their ASCII selves (``１９２．０``, ``ada＠x``):
    what a browser or a mail program reads them as, so what the address rules must read too.

    >>> ascii_lookalikes("１９２．０．２．１ and ada＠example.org")
    '192.0.2.1 and ada@example.org'
    """
    return text.translate(_WIDE_DIGITS)


def numeric_host(host: str) -> bool:
    """Whether a URL's host is an IPv4 address in any notation a browser accepts: dotted in one to four
    parts, decimal, octal or hex (``192.0.2``, ``0300.0250.0.1``, ``3221226095``), full-width too.

    >>> [numeric_host(h) for h in ("192.0.2.1", "192.0.2", "0300.0250.0.1", "0xc0.0xa8.1", "３２２１２２６０９５",
    ...                            "example.org", "cafe.be", "1password.com")]
    [True, True, True, True, True, False, False, False]
    """
    host = ascii_lookalikes(host).rstrip(".").lower()
    if not host or not re.fullmatch(r"[0-9a-fx.]+", host):
        return False
    try:
        socket.inet_aton(host)
    except OSError:
        return False
    return True


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
    ...                        "http://u:p@example.org/", "ftp://example.org/", "//example.org/",
    ...                        "http://3221226095/", "http://0xC0000273/", "http://[fe80::1]/")]
    [None, None, None, None, None, None, None, None, None]
    >>> [safe_url(u) for u in ("https://ada%40example.org/p", "http://0300.0250.0.1/", "http://192.0.2/",
    ...                        "http://１９２．０．２．１/", "http://192。0。2。1/")]
    [None, None, None, None, None]
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
    if parts.username is not None or parts.password is not None or "@" in unquote(unquote(parts.netloc)):
        return None  # a login, or an email written as one ("https://ada%40example.org/")
    host = hostname.strip("[]")
    if "%" in host or _is_ip(host) or numeric_host(host):
        return None
    if has_private_data(url):
        return None
    return url
