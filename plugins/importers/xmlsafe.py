"""Parse export files safely (defusedxml) and say exactly what is wrong with a bad one.

An entity-expansion bomb, an external entity or an external DTD is refused as soon as the
parser meets its declaration, before anything is expanded or read. A malformed or truncated
file raises :class:`~importers.model.ImportFailed` naming the file, line and column.

Exports mix namespace URIs (WordPress writes ``http://wordpress.org/export/1.2/`` but
WordPress.com and the theme unit test data use ``https://...``), so elements are matched by
their local name, and a namespace only by a fragment of its URI.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .model import ImportFailed

logger = logging.getLogger(__name__)

CHUNK = 1 << 16


def parse_xml(path: Path) -> ET.Element:
    """Parse the XML file ``path`` and return its root element.

    Parameters
    ----------
    path : Path
        The file to read.

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
    parser = DefusedXMLParser(target=ET.TreeBuilder(), forbid_dtd=False,
                              forbid_entities=True, forbid_external=True)
    expat = parser.parser

    def doctype(name, sysid, pubid, has_internal_subset):
        if sysid or pubid:
            logger.warning("%s:%d: the file names an external DTD (%s); it was not fetched or read",
                           path, expat.CurrentLineNumber, sysid or pubid)

    expat.StartDoctypeDeclHandler = doctype
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
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
        reason = str(exc).split(":")[0]
        raise ImportFailed(
            f"{path}:{line}:{column + 1}: not well-formed XML ({reason}); is the file complete?"
        ) from exc
    logger.debug("%s: parsed, root <%s>", path, local(root.tag))
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
