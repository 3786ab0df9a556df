"""Parse export files safely (defusedxml) and say exactly what is wrong with a bad one.

An entity-expansion bomb, an external entity or an external DTD is refused as soon as the
parser meets its declaration, before anything is expanded or read. A malformed or truncated
file raises :class:`~importers.model.ImportFailed` naming the file, line and column.

Exports mix namespace URIs (WordPress writes ``http://wordpress.org/export/1.2/`` but
WordPress.com and the theme unit test data use ``https://...``), so elements are matched by
their local name, and a namespace only by a fragment of its URI.

Some real exports use a well-known prefix without declaring it (WordPress.com exports of
2011-2012 write ``<atom:link>`` with no ``xmlns:atom``; Blogger exports use ``app:``). Like
WordPress's own importer, :func:`parse_xml` accepts them: when the parser stops at an unbound
prefix from :data:`WELL_KNOWN_NAMESPACES`, the declaration is added to the root element and
the file is read again (the caller is told which prefixes were declared). Any other unbound
prefix is an error naming file, line and prefix.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .model import ImportFailed

logger = logging.getLogger(__name__)

CHUNK = 1 << 16
# Prefixes that exports use without declaring them, and the namespace each always stands for.
WELL_KNOWN_NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "wp": "http://wordpress.org/export/1.2/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "media": "http://search.yahoo.com/mrss/",
    "app": "http://purl.org/atom/app#",
    "thr": "http://purl.org/syndication/thread/1.0",
    "gd": "http://schemas.google.com/g/2005",
    "openSearch": "http://a9.com/-/spec/opensearchrss/1.0/",
    "dsq": "http://disqus.com/disqus-internals",
}
_UNBOUND_PREFIX = 27  # expat's XML_ERROR_UNBOUND_PREFIX
_PREFIX_RE = re.compile(rb"(?:<|\s)([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*")
_ROOT_RE = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_PROLOG_RE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL)


def _chunks(path: Path, declare: Iterable[str]) -> Iterator[bytes]:
    """The file's bytes; the first chunks carry ``xmlns:<prefix>`` for each of ``declare``."""
    extra = b"".join(f' xmlns:{p}="{WELL_KNOWN_NAMESPACES[p]}"'.encode("ascii") for p in sorted(declare))
    with open(path, "rb") as handle:
        head = b""
        while extra:
            chunk = handle.read(CHUNK)
            head += chunk
            pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
            while match := _PROLOG_RE.match(head, pos):
                if match.end() == pos:
                    break
                pos = match.end()
            root = _ROOT_RE.match(head, head.find(b"<", pos)) if b"<" in head[pos:] else None
            if root is not None or not chunk:
                if root is not None:
                    head = head[:root.end()] + extra + head[root.end():]
                break
        if head:
            yield head
        while chunk := handle.read(CHUNK):
            yield chunk


def _prefixes_at(path: Path, line: int, column: int) -> list[str]:
    """The prefixes of the tag at ``line``/``column``, where the parser found one unbound."""
    with open(path, "rb") as handle:
        for number, text in enumerate(handle, start=1):
            if number == line:
                tag = text[column:].split(b">", 1)[0]
                found = [m.group(1).decode("ascii", "replace") for m in _PREFIX_RE.finditer(tag)]
                return [p for p in dict.fromkeys(found) if p not in ("xml", "xmlns")]
    return []


def parse_xml(path: Path, declared: list[str] | None = None) -> ET.Element:
    """Parse the XML file ``path`` and return its root element.

    Parameters
    ----------
    path : Path
        The file to read.
    declared : list of str, optional
        Receives the well-known prefixes the file used without declaring them (see the
        module's docstring), so that the caller can say so in its report.

    Returns
    -------
    xml.etree.ElementTree.Element
        The root element.

    Raises
    ------
    ImportFailed
        When the file cannot be read, is not well-formed XML (the message names the file, line
        and column), or declares entities or a DTD that refer outside the file.
    """
    added: list[str] = []
    while True:
        try:
            root = _parse(path, added)
            break
        except _UnboundPrefix as exc:
            prefixes = _prefixes_at(path, exc.line, exc.column)
            known = [p for p in prefixes if p in WELL_KNOWN_NAMESPACES and p not in added]
            if not known:
                unknown = [p for p in prefixes if p not in added]
                what = " or ".join(repr(p) for p in unknown) if unknown else "a prefix"
                raise ImportFailed(f"{path}:{exc.line}:{exc.column + 1}: not well-formed XML (unbound "
                                   f"prefix: {what} is used but never declared); is it an export "
                                   "this importer reads?") from exc.__cause__
            added.append(known[0])
    if added:
        logger.info("%s: declared the well-known prefixes %s, which the file uses undeclared",
                    path, ", ".join(added))
        if declared is not None:
            declared.extend(added)
    logger.debug("%s: parsed, root <%s>", path, local(root.tag))
    return root


class _UnboundPrefix(Exception):
    def __init__(self, line: int, column: int):
        super().__init__(line, column)
        self.line, self.column = line, column


def _parse(path: Path, declare: list[str]) -> ET.Element:
    parser = DefusedXMLParser(target=ET.TreeBuilder(), forbid_dtd=False,
                              forbid_entities=True, forbid_external=True)
    expat = parser.parser

    def doctype(name, sysid, pubid, has_internal_subset):
        if sysid or pubid:
            logger.warning("%s:%d: the file names an external DTD (%s); it was not fetched or read",
                           path, expat.CurrentLineNumber, sysid or pubid)

    expat.StartDoctypeDeclHandler = doctype
    try:
        for chunk in _chunks(path, declare):
            parser.feed(chunk)
        root = parser.close()
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    except LookupError as exc:  # <?xml encoding="..."?> names an encoding Python does not know
        raise ImportFailed(f"{path}:1: refused: {exc}; save the file as UTF-8") from exc
    except RecursionError as exc:
        raise ImportFailed(f"{path}: refused: nested too deeply") from exc
    except EntitiesForbidden as exc:
        line = expat.CurrentLineNumber
        what = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise ImportFailed(
            f"{path}:{line}: refused: the file declares {what} ({exc.name!r}); entity "
            "declarations are not allowed (they can expand without bound or read other files)"
        ) from exc
    except DTDForbidden as exc:  # pragma: no cover - forbid_dtd is off, kept for safety
        raise ImportFailed(f"{path}:{expat.CurrentLineNumber}: refused: a DTD") from exc
    except DefusedXmlException as exc:
        raise ImportFailed(
            f"{path}:{expat.CurrentLineNumber}: refused: the file refers to an outside "
            f"resource ({exc}); nothing was read"
        ) from exc
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (expat.ErrorLineNumber, expat.ErrorColumnNumber))
        if getattr(exc, "code", None) == _UNBOUND_PREFIX:
            raise _UnboundPrefix(line, column) from exc
        reason = str(exc).split(":")[0]
        raise ImportFailed(
            f"{path}:{line}:{column + 1}: not well-formed XML ({reason}); is the file complete?"
        ) from exc
    return root


def local(tag: object) -> str:
    """The local name of an element tag (``{ns}name`` or ``name``).

    Examples
    --------
    >>> local("{https://wordpress.org/export/1.2/}comment"), local("title")
    ('comment', 'title')
    """
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: object) -> str:
    """The namespace URI of an element tag, or ``""``.

    Examples
    --------
    >>> namespace("{http://purl.org/rss/1.0/modules/content/}encoded")
    'http://purl.org/rss/1.0/modules/content/'
    """
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]


def children(element: ET.Element, name: str, ns: str | None = None) -> Iterator[ET.Element]:
    """Direct children named ``name``, whose namespace URI contains ``ns`` (if given)."""
    for child in element:
        if local(child.tag) == name and (ns is None or ns in namespace(child.tag)):
            yield child


def child(element: ET.Element, name: str, ns: str | None = None) -> ET.Element | None:
    """The first direct child named ``name`` (see :func:`children`), or None."""
    return next(children(element, name, ns), None)


def text(element: ET.Element | None, name: str | None = None, ns: str | None = None) -> str:
    """The text of ``element`` (or of its child ``name``), stripped; ``""`` when absent."""
    if element is not None and name is not None:
        element = child(element, name, ns)
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def attr(element: ET.Element | None, name: str) -> str:
    """An attribute by local name (``dsq:id`` is ``id``), stripped; ``""`` when absent."""
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value.strip()
    return ""
