"""What a saved page says around its comments: its language, theme chrome, Web Archive addresses.

Saved pages are read by :mod:`.wp_html`; this module holds the page-independent rules:

* the page's language (``<html lang>``, ``og:locale``, ``content-language``), which names the
  months of the comment dates written as text (:func:`.dates.find_text_date`);
* theme chrome, the words a theme prints around a comment ("Antworten", "Reply", "says",
  "sagt", "Répondre", ...), which must not end up in a name or a body;
* Wayback Machine copies (``https://web.archive.org/web/<timestamp>/<original>``), whose links
  lead back to the original addresses, so that an import of the page and one of the blog's
  export give the same post and the same comments.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from .dates import find_text_date
from .safety import clean_name

# Words a theme prints with a comment, in the languages of WordPress's common translations.
CHROME_WORDS = (
    "reply", "reply to this comment", "reply ↓", "says", "said", "wrote", "permalink", "edit", "quote", "report",
    "antworten", "antwort", "sagt", "schreibt", "meint", "bearbeiten", "zitieren",
    "répondre", "réponse", "dit", "a dit", "écrit", "modifier", "citer",
    "responder", "dice", "dijo", "editar", "rispondi", "dice:", "scrive", "modifica",
    "beantwoorden", "reageer", "zegt", "schreef", "bewerken",
)
_CHROME_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted((re.escape(w) for w in CHROME_WORDS), key=len, reverse=True)) + r")(?!\w)\s*:?",
    re.IGNORECASE,
)
_SEPARATORS = " \t\r\n-–—|·•:,;/↓↑→()[]"
_WAYBACK_RE = re.compile(
    r"^(?:https?:)?//(?:web\.|wayback\.)?archive\.org/web/\d{1,14}(?:[a-z]{2}_|\*)?/+(?P<rest>.+)$",
    re.IGNORECASE,
)
_REPLY_LINKS = ("a.comment-reply-link, .reply, .comment-reply, [class*=reply-link], a[href*=replytocom], "
                ".edit-link, .comment-edit-link")
# Elements the Wayback Machine adds to a page it serves.
WAYBACK_NOISE = ("#wm-ipp-base", "#wm-ipp", "#wm-ipp-print", "#donato", "#wm-ipp-inside")


def page_language(soup: BeautifulSoup) -> str:
    """The page's language code (``de``, ``fr``, ...), ``en`` when it does not say.

    Examples
    --------
    >>> page_language(BeautifulSoup('<html lang="de-DE"><p>x</p></html>', "html.parser"))
    'de'
    >>> page_language(BeautifulSoup('<meta property="og:locale" content="fr_FR">', "html.parser"))
    'fr'
    """
    html_el = soup.find("html")
    candidates = [html_el.get("lang") or html_el.get("xml:lang") if html_el else None]
    for attrs in ({"property": "og:locale"}, {"http-equiv": re.compile("^content-language$", re.I)},
                  {"name": "language"}):
        meta = soup.find("meta", attrs=attrs)
        candidates.append(meta.get("content") if meta else None)
    for value in candidates:
        if code := language_code(value):
            return code
    return "en"


def language_code(value: str | None) -> str:
    """The language a tag or locale names (``de-DE``, ``fr_FR``, ``pt``), lower case; "" for anything else.

    >>> [language_code(v) for v in ("de-DE", " fr_FR", "PT", "German", "", None)]
    ['de', 'fr', 'pt', '', '', '']
    """
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", value or "")
    return match.group(1).lower() if match else ""


def is_chrome(text: str) -> bool:
    """True when ``text`` is nothing but theme chrome ("Antworten", "Reply ↓", "says:").

    Examples
    --------
    >>> is_chrome(" Antworten "), is_chrome("Reply ↓"), is_chrome("Reply to the point, please.")
    (True, True, False)
    """
    rest = _CHROME_RE.sub("", text or "")
    return bool((text or "").strip()) and not rest.strip(_SEPARATORS)


def is_date_line(text: str, lang: str) -> bool:
    """True when ``text`` is a date and nothing more (but chrome): a comment's meta line.

    Examples
    --------
    >>> is_date_line("21. Juni 2018 um 18:40 Uhr - Antworten", "de"), is_date_line("Am 21. Juni 2018 war es", "de")
    (True, False)
    """
    found = find_text_date(text or "", lang)
    if found is None:
        return False
    start, end = found[1]
    rest = _CHROME_RE.sub(" ", text[:start] + " " + text[end:])
    rest = re.sub(r"(?i)(?<!\w)(?:on|am|le|el|il|op|um|à|at)(?!\w)", " ", rest)
    return not rest.strip(_SEPARATORS)


def author_name(text: str, lang: str) -> str:
    """A commenter's name from a theme's author block: no date, no "Antworten", no "says".

    Examples
    --------
    >>> author_name("Anna Berg 19. Juni 2018 um 15:28 Uhr - Antworten", "de")
    'Anna Berg'
    >>> author_name("Omar says:", "en"), author_name("Lou a dit :", "fr")
    ('Omar', 'Lou')
    """
    found = find_text_date(text, lang)
    if found is not None:
        start, end = found[1]
        text = text[:start] + " " + text[end:]
    text = re.sub(r"(?i)(?<!\w)(?:on|am|le|el|il|op|um|à|at)\s*$", "", _CHROME_RE.sub(" ", text).strip(_SEPARATORS))
    return clean_name(" ".join(text.split()).strip(_SEPARATORS))


def strip_chrome(element: Tag, lang: str = "en", *, dates: bool = False) -> None:
    """Remove reply links and chrome-only elements and text from a comment's body (in place).

    With ``dates``, elements and text that are only a date (a theme's meta line, when the
    body could not be told apart from it) go too.
    """
    for found in element.select(_REPLY_LINKS):
        if not found.decomposed:
            found.decompose()
    for found in element.find_all(["a", "span", "div", "p", "small", "button"]):
        if found.decomposed:
            continue
        text = found.get_text(" ")
        if len(text) <= 120 and found.find(["img", "blockquote", "pre", "code"]) is None and (
                is_chrome(text) or (dates and is_date_line(text, lang))):
            found.decompose()
    for node in list(element.find_all(string=True)):
        if isinstance(node, NavigableString) and (is_chrome(str(node)) or (dates and is_date_line(str(node), lang))):
            node.extract()
    for found in element.find_all(["p", "div", "span"]):
        if not found.decomposed and not found.get_text(strip=True) and found.find(["img", "br", "hr"]) is None:
            found.decompose()


def original_url(url: str | None) -> str | None:
    """The original address of a Wayback Machine URL; any other URL as it is.

    Examples
    --------
    >>> original_url("https://web.archive.org/web/20180620101010/https://blog.example/2018/06/post/")
    'https://blog.example/2018/06/post/'
    >>> original_url("http://web.archive.org/web/2018im_/http:/blog.example/x.jpg")
    'http://blog.example/x.jpg'
    >>> original_url("/web/20180620101010/https://blog.example/about/"), original_url("https://a.example/")
    ('https://blog.example/about/', 'https://a.example/')
    """
    if not url:
        return url
    value = url.strip()
    if value.startswith("/web/"):
        value = "https://web.archive.org" + value
    match = _WAYBACK_RE.match(value)
    if not match:
        return url
    rest = match.group("rest")
    rest = re.sub(r"^(https?):/+", r"\1://", rest, flags=re.IGNORECASE)
    if not re.match(r"^https?://", rest, re.IGNORECASE):
        rest = "http://" + rest
    return rest


def _has_archive_address(element: Tag) -> bool:
    return any(isinstance(v, str) and "/web/" in v for v in element.attrs.values())


def unarchive(soup: BeautifulSoup) -> int:
    """Turn every Wayback Machine address in the page back into the original; return how many.

    The Wayback Machine's own toolbar and scripts are removed too.
    """
    for selector in WAYBACK_NOISE:
        for element in soup.select(selector):
            element.decompose()
    changed = 0
    for element in soup.find_all(_has_archive_address):
        for attr in ("href", "src", "content", "cite", "action"):
            value = element.get(attr)
            if isinstance(value, str) and ("archive.org/web/" in value or value.startswith("/web/")):
                new = original_url(value)
                if new != value:
                    element[attr] = new
                    changed += 1
    return changed


def is_archive_url(url: str | None) -> bool:
    """True for a Wayback Machine URL.

    >>> is_archive_url("https://web.archive.org/web/2019/https://x.example/"), is_archive_url("https://x.example/")
    (True, False)
    """
    try:
        return bool(url) and (urlsplit(url).hostname or "").endswith("archive.org") and "/web/" in url
    except ValueError:  # "http://[broken/" is no archive address either
        return False
