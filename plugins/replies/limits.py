"""Bounds on what one input file may ask of the build, checked before the expensive step.

Markdown and HTML parsers recurse once per level of nesting and some of their patterns are
quadratic, so a hostile or broken reply (5,000 nested quotes, 50,000 ``[``) could exhaust the
stack or never end. Each check here is one linear pass over the text; a file past a bound is
reported by name and the rest of the site builds. The numbers are settings of the replies
plugin (``REPLIES_MAX_*`` in :mod:`replies.settings`) and are listed in ``SECURITY.md``.

The same checks guard the importers' JSON and YAML loaders (:func:`json_depth`).
"""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (feeds, GraphML) or that end a line for str.splitlines()
# without being a newline; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\x80-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
# Characters that show nothing: Unicode's Default_Ignorable_Code_Point (soft hyphen, zero-width space and
# joiners, text-direction marks, overrides and isolates, word joiner, variation selectors, Hangul fillers,
# tag characters, ...), plus the hair space and the braille blank, which show as next to nothing.
_SHOW_NOTHING = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200a-\u200f\u202a-\u202e\u2060-\u206f"
                 "\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                 "\U000e0000-\U000e0fff")
SHOWS_NOTHING = re.compile(f"[{_SHOW_NOTHING}]")
# The ones a name needs, which therefore stay in names: zero-width joiner and non-joiner (emoji sequences,
# Persian), variation selectors (an emoji's colour form) and tag characters (a flag such as Scotland's).
_NAMES_NEED = frozenset("\u200c\u200d") | {chr(c) for c in range(0xFE00, 0xFE10)} | {
    chr(c) for c in range(0xE0020, 0xE0080)} | {chr(c) for c in range(0xE0100, 0xE01F0)}
_LINE_PREFIX = re.compile(r"\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{0,2000}?(/?)>")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option"})


def clean_text(text: str, *, replacement: str = "") -> str:
    """``text`` without control characters; ``\\r\\n`` becomes ``\\n``, tab and newline stay.

    Examples
    --------
    >>> clean_text("a\\x01b\\r\\nc\\x0bd\\u2028e")
    'ab\\ncde'
    >>> clean_text("Ada\\x0bPark", replacement=" ")
    'Ada Park'
    """
    return _CONTROL.sub(replacement, text.replace("\r\n", "\n"))


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (:data:`SHOWS_NOTHING`) but those a name needs:
    in a name they make two people look alike ("Mira Okafor\u200b", "Ada Park\u3164") or turn what
    follows around ("Bob\u202e").

    >>> visible("Mira\u200b Okafor\u202e\u3164"), visible("\U0001F469\u200d\U0001F4BB Ada \u2764\ufe0f")
    ('Mira Okafor', '\U0001F469\u200d\U0001F4BB Ada \u2764\ufe0f')
    """
    return SHOWS_NOTHING.sub(lambda m: m.group() if m.group() in _NAMES_NEED else "", text)


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")


def mixed_script_word(name: str) -> str | None:
    """The first word of ``name`` whose letters come from two alphabets that share look-alike letters
    (Latin, Cyrillic, Greek, ...), or None: "Mіra" with a Cyrillic "і" reads as "Mira" but is another
    name, the usual way to pass for someone else (Unicode TR 39's mixed-script check, for names).

    >>> mixed_script_word("M\u0456ra Okafor"), mixed_script_word("Иван Smith"), mixed_script_word("Zoë Ødegård")
    ('M\u0456ra', None, None)
    """
    if name.isascii():
        return None
    for word in name.split():
        scripts = {script for c in word if c.isalpha()
                   for script in _SCRIPTS if unicodedata.name(c, "").startswith(script + " ")}
        if len(scripts) > 1:
            return word
    return None


def markdown_nesting(text: str) -> int:
    """The deepest nesting of quotes, lists, indentation and HTML tags in Markdown source.

    Counts ``>`` and list markers at the start of each line, leading indentation (four
    columns a level) and open HTML elements; an over-estimate is fine, it only has to be
    linear and never miss deep nesting.

    Examples
    --------
    >>> markdown_nesting("> > - a\\n    - b\\n")
    3
    >>> markdown_nesting("<div><div><p>x</p></div></div>\\n" + ">" * 40)
    40
    """
    deepest = 0
    for line in text.split("\n"):
        expanded = line[:4000].expandtabs(4)
        indent = (len(expanded) - len(expanded.lstrip(" "))) // 4
        level, pos = 0, 0
        while True:
            match = _LINE_PREFIX.match(line, pos)
            if not match or match.end() == pos:
                break
            level += 1
            pos = match.end()
        deepest = max(deepest, indent + level)
    return max(deepest, html_nesting(text))


def html_nesting(text: str) -> int:
    """The deepest nesting of HTML elements, by a linear scan of the tags.

    Examples
    --------
    >>> html_nesting("<div><div><br><span>x</span></div></div><p>")
    3
    """
    if "<" not in text:
        return 0
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in VOID_TAGS or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def json_depth(text: str) -> int:
    """The deepest nesting of ``[``/``{`` in JSON (or YAML flow) text, outside strings.

    Examples
    --------
    >>> json_depth('{"a": [1, {"b": "[[[["}]}')
    3
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def body_problem(text: str, settings: dict) -> str | None:
    """Why a reply body is past a bound, or None when it is within every bound.

    Examples
    --------
    >>> s = {"REPLIES_MAX_BODY_CHARS": 100, "REPLIES_MAX_NESTING": 3, "REPLIES_MAX_BRACKETS": 5}
    >>> body_problem("fine", s) is None
    True
    >>> body_problem(">>>> deep", s)
    'nested 4 levels deep (quotes, lists, indentation or HTML); the limit is 3 (REPLIES_MAX_NESTING)'
    >>> body_problem("[" * 6, s)
    "6 '[' characters; the limit is 5 (REPLIES_MAX_BRACKETS)"
    """
    limit = settings["REPLIES_MAX_BODY_CHARS"]
    if len(text) > limit:
        return f"{len(text):,} characters long; the limit is {limit:,} (REPLIES_MAX_BODY_CHARS)"
    limit = settings["REPLIES_MAX_BRACKETS"]
    brackets = text.count("[")
    if brackets > limit:
        return f"{brackets:,} '[' characters; the limit is {limit:,} (REPLIES_MAX_BRACKETS)"
    limit = settings["REPLIES_MAX_NESTING"]
    depth = markdown_nesting(text)
    if depth > limit:
        return (f"nested {depth:,} levels deep (quotes, lists, indentation or HTML); "
                f"the limit is {limit:,} (REPLIES_MAX_NESTING)")
    return None
