"""Bounded loaders for import files: every input has a limit, checked before the parser runs.

A stranger's export can nest JSON or YAML thousands of levels deep (the parsers recurse once a
level), hide a "billion laughs" behind YAML aliases, or nest 100,000 ``<div>`` elements in a
saved page (every later search of the tree walks all of them). Each check is one linear pass;
past a limit the file is refused with a message naming it, and nothing is written. The limits
are listed in ``SECURITY.md``.
"""

from __future__ import annotations

import json

import yaml
from replies.limits import html_nesting, json_depth

__all__ = ["MAX_HTML_BYTES", "MAX_HTML_DEPTH", "MAX_JSON_DEPTH", "check_html", "json_depth", "load_json",
           "load_yaml"]

from .model import ImportFailed

MAX_JSON_DEPTH = 64
MAX_HTML_DEPTH = 512  # Chromium's own parser stops nesting at 512 elements
MAX_HTML_BYTES = 20 * 1024 * 1024


def load_json(text: str | bytes, name: str):
    """``json.loads`` with a nesting limit; errors name the file, line and column.

    Examples
    --------
    >>> load_json('{"a": [1]}', "x.json")
    {'a': [1]}
    >>> try:
    ...     load_json("[" * 100 + "]" * 100, "deep.json")
    ... except ImportFailed as error:
    ...     print(error)
    deep.json: refused: nested 100 levels deep; the limit is 64
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"{name}: not valid UTF-8 JSON ({exc.reason} at byte {exc.start})") from exc
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ImportFailed(f"{name}: refused: nested {depth:,} levels deep; the limit is {MAX_JSON_DEPTH}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip()[:1] == "<":  # an export of another kind: say which, when it is plain
            kind = ("a Blogger export (an Atom feed): import it with invoke import-blogger"
                    if "blogger.com" in text[:4000]
                    else "XML or HTML, not JSON: another importer may read it (see docs/formats.md)")
            raise ImportFailed(f"{name}: {kind}") from exc
        raise ImportFailed(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); "
                           "is the file complete?") from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise ImportFailed(f"{name}: refused: nested too deeply") from exc


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with a nesting limit."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise ImportFailed(f"{self.name}:{mark.line + 1}:{mark.column + 1}: refused: YAML aliases "
                               "(*name) are not allowed in a comment entry")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_JSON_DEPTH:
                mark = self.peek_event().start_mark
                raise ImportFailed(f"{self.name}:{mark.line + 1}: refused: nested more than "
                                   f"{MAX_JSON_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str, name: str):
    """``yaml.safe_load`` without aliases and with a nesting limit; errors name file and line.

    Examples
    --------
    >>> load_yaml("name: Ada\\nmessage: hi\\n", "a.yml")
    {'name': 'Ada', 'message': 'hi'}
    >>> try:
    ...     load_yaml("a: &x [1]\\nb: *x\\n", "b.yml")
    ... except ImportFailed as error:
    ...     print(error)
    b.yml:2:4: refused: YAML aliases (*name) are not allowed in a comment entry
    """
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ImportFailed(f"{name}: refused: nested {depth:,} levels deep; the limit is {MAX_JSON_DEPTH}")
    loader = _BoundedLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ImportFailed(f"{where}: not valid YAML ({problem})") from exc
    except RecursionError as exc:
        raise ImportFailed(f"{name}: refused: nested too deeply") from exc
    finally:
        loader.dispose()


def check_html(data: str | bytes, name: str) -> None:
    """Refuse a saved page that is too large or nested too deeply to parse in bounded time.

    Examples
    --------
    >>> check_html("<div><p>fine</p></div>", "ok.html")
    >>> try:
    ...     check_html("<div>" * 1000, "deep.html")
    ... except ImportFailed as error:
    ...     print(error)
    deep.html: refused: elements nested 1,000 levels deep; the limit is 512
    """
    if len(data) > MAX_HTML_BYTES:
        raise ImportFailed(f"{name}: refused: {len(data):,} bytes; the limit is {MAX_HTML_BYTES:,}")
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    depth = html_nesting(text)
    if depth > MAX_HTML_DEPTH:
        raise ImportFailed(f"{name}: refused: elements nested {depth:,} levels deep; the limit is "
                           f"{MAX_HTML_DEPTH}")
