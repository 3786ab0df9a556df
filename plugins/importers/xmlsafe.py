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

Expat itself reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII. A file in another encoding Python
knows (Shift_JIS, GBK, Big5, EUC-KR, UTF-32, windows-1252...: old Japanese, Chinese and Korean
blogs exported so) is decoded chunk by chunk and handed to the parser as UTF-8, its
``encoding="..."`` blanked with spaces so that lines and columns stay where they are in the file
(:func:`reading_codec` decides, a byte-order mark first, as XML's rules say). An encoding that is
not a text encoding (``rot13``, ``base64``), one that turns plain ASCII into other characters
(UTF-7's ``+ADw-`` is ``<``; IDNA, ``unicode_escape``), and bytes that are not valid in the
encoding are refused in one line naming the file, the encoding and what to do.
"""

from __future__ import annotations

import codecs
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

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
# The encodings expat reads by itself, by the names it knows them by (in any case); a file in
# any other, or under another name ("utf8", "latin1"), is decoded by Python first.
EXPAT_ENCODINGS = frozenset({"UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "ISO-8859-1", "US-ASCII"})
# Text codecs that make other characters of plain ASCII ("+ADw-" is "<" in UTF-7, "\\u003c" in
# unicode_escape), or that read no text at all ("undefined"): a file in one is refused.
UNSAFE_CODECS = frozenset({"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})
# What the first bytes say, before any declaration (XML 1.0, appendix F): a byte-order mark
# (UTF-32's before UTF-16's, whose mark begins it), or "<?" in UTF-16 or UTF-32 without one.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be"))
_WIDE_STARTS = ((b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0?\0", "utf-16-le"),
                (b"\0<\0?", "utf-16-be"))
# A line end as expat counts them; a CR that ends the bytes so far may begin a CRLF, and waits.
_LINE_END_RE = re.compile(rb"\r\n|\r(?!\Z)|\n")
_DECLARED_RE = re.compile(r"""<\?xml\s[^>]*?(\bencoding\s*=\s*(["'])([^"'<>]*)\2)""")


def sniff_encoding(head: bytes) -> tuple[str | None, str | None]:
    """What the first bytes of an XML file say of its encoding.

    Parameters
    ----------
    head : bytes
        The file's first bytes (the whole XML declaration, when there is one).

    Returns
    -------
    tuple of (str or None, str or None)
        The encoding its first bytes show (a byte-order mark, or ``<?`` in UTF-16 or UTF-32), and
        the name its XML declaration gives, as written; None for what the file does not say.

    Examples
    --------
    >>> sniff_encoding(b'<?xml version="1.0" encoding="Shift_JIS"?><rss/>')
    (None, 'Shift_JIS')
    >>> sniff_encoding(codecs.BOM_UTF32_LE + "<?xml version='1.0' encoding='utf-32'?>".encode("utf-32-le"))
    ('utf-32-le', 'utf-32')
    >>> sniff_encoding(codecs.BOM_UTF8 + b"<rss/>"), sniff_encoding(b"<rss/>")
    (('utf-8', None), (None, None))
    """
    mark, shown = next(((m, n) for m, n in _BYTE_ORDER_MARKS if head.startswith(m)), (b"", None))
    head = head[len(mark):]
    shown = shown or next((name for start, name in _WIDE_STARTS if head.startswith(start)), None)
    width = 4 if shown and "32" in shown else 2 if shown and "16" in shown else 1
    start = head[:len(head) - len(head) % width]
    text = start.decode(shown, "replace") if width > 1 else start.decode("latin-1")
    declared = _DECLARED_RE.match(text)
    return shown, (declared.group(3) if declared else None)


def reading_codec(head: bytes, path: Path | str) -> str | None:
    """The codec that decodes the file for expat, or None when expat reads its bytes as they are.

    The first bytes decide (a byte-order mark wins over the declaration, which old converters
    leave unchanged), then the declaration; without either the file is UTF-8.

    Parameters
    ----------
    head : bytes
        The file's first bytes (see :func:`sniff_encoding`).
    path : Path or str
        The file, for the messages.

    Returns
    -------
    str or None
        Python's name of the codec, or None.

    Raises
    ------
    ImportFailed
        The declared encoding is unknown, not a text encoding, or one that makes other
        characters of plain ASCII (:data:`UNSAFE_CODECS`); the message names file and encoding
        and says what to do.

    Examples
    --------
    >>> reading_codec(b'<?xml version="1.0" encoding="UTF-8"?><rss/>', "a.xml") is None
    True
    >>> reading_codec(b'<?xml version="1.0" encoding="Shift_JIS"?><rss/>', "a.xml")
    'shift_jis'
    >>> reading_codec(codecs.BOM_UTF8 + b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>', "a.xml")
    'utf-8'
    >>> utf16 = '<?xml version="1.0" encoding="UTF-16"?><rss/>'.encode("utf-16-le")
    >>> reading_codec(codecs.BOM_UTF16_LE + utf16, "a.xml") is None  # the mark wins, expat reads it
    True
    >>> try:
    ...     reading_codec(b'<?xml version="1.0" encoding="UTF-7"?><rss/>', "a.xml")
    ... except ImportFailed as refused:
    ...     print(str(refused)[:53])
    a.xml:1: refused: the file declares encoding="UTF-7",
    """
    shown, declared = sniff_encoding(head)
    marked = any(head.startswith(mark) for mark, _ in _BYTE_ORDER_MARKS)
    if marked and declared is not None and not _same_codec(declared, shown):
        return shown  # decoded, its declaration blanked: expat would read the bytes as declared
    if shown in (None, "utf-8", "utf-16-le", "utf-16-be") and (
            declared is None or declared.upper() in EXPAT_ENCODINGS):
        return None
    if shown is not None:
        return shown
    redo = ('convert the file to UTF-8 (e.g. iconv -t UTF-8), make its first line say encoding="UTF-8", '
            "and import it again")
    named = declared if len(declared) <= 40 else declared[:40] + "..."
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise ImportFailed(f"{path}:1: refused: unknown encoding: {named} (named by the file's XML "
                           f"declaration); {redo}") from None
    if codec in UNSAFE_CODECS:
        raise ImportFailed(f'{path}:1: refused: the file declares encoding="{named}", which makes other '
                           "characters of plain ASCII (UTF-7 reads +ADw- as <) and is not read, to keep "
                           f"markup from hiding in the text; {redo}")
    try:
        b"<".decode(codec)  # (an empty string is not checked)
    except LookupError:  # rot13, base64, zlib...: transformations, not text encodings
        raise ImportFailed(f'{path}:1: refused: the file declares encoding="{named}", which is not a text '
                           f"encoding; {redo}") from None
    except UnicodeError:  # a text encoding of more than one byte a character (UTF-32)
        pass
    return codec


def _same_codec(declared: str, shown: str) -> bool:
    """Whether the encoding name ``declared`` stands for the codec ``shown`` by the first bytes.

    ``UTF-16`` (or ``UTF-32``) is the same as either byte order of it; a name Python does not
    know is no codec at all.

    Parameters
    ----------
    declared : str
        The name the XML declaration gives, as written.
    shown : str
        Python's name of the codec the first bytes show (see :func:`sniff_encoding`).

    Returns
    -------
    bool
        True when both name one codec.

    Examples
    --------
    >>> _same_codec("UTF8", "utf-8"), _same_codec("UTF-16", "utf-16-be"), _same_codec("utf-16le", "utf-16-le")
    (True, True, True)
    >>> _same_codec("ISO-8859-1", "utf-8"), _same_codec("UTF-16BE", "utf-16-le"), _same_codec("no-such", "utf-8")
    (False, False, False)
    """
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return False
    return shown in (codec, f"{codec}-le", f"{codec}-be") if codec in ("utf-16", "utf-32") else shown == codec


def _blank_encoding(text: str) -> str:
    """``text`` with the ``encoding="..."`` of its XML declaration turned to spaces.

    The text is then read as UTF-8, and every character keeps its line and column.

    Examples
    --------
    >>> _blank_encoding("<?xml version='1.0' encoding='gbk'?>\\n<rss/>")
    "<?xml version='1.0'               ?>\\n<rss/>"
    """
    declared = _DECLARED_RE.match(text)
    if declared is None:
        return text
    start, end = declared.start(1), declared.end()
    return text[:start] + " " * (end - start) + text[end:]


def _line_ends(text: str, after_cr: bool = False) -> int:
    """How many line ends ``text`` holds, counted as expat counts them.

    ``\\r\\n``, a lone ``\\r`` (old Mac files) and ``\\n`` each end one line.

    Parameters
    ----------
    text : str
        Part of the file's text.
    after_cr : bool, optional
        The text before it ended with ``\\r``: a ``\\n`` first ends no other line.

    Returns
    -------
    int
        The number of line ends.

    Examples
    --------
    >>> _line_ends("a\\nb\\n"), _line_ends("a\\rb\\r"), _line_ends("a\\r\\nb\\r\\n"), _line_ends("a\\r\\rb\\n\\r")
    (2, 2, 2, 4)
    >>> _line_ends("\\nb\\r", after_cr=True), _line_ends("b\\n", after_cr=True)
    (1, 1)
    """
    ends = text.count("\n") + text.count("\r") - text.count("\r\n")
    return ends - 1 if after_cr and text.startswith("\n") else ends


def _transcoded(path: Path, handle: BinaryIO, head: bytes, codec: str) -> Iterator[bytes]:
    """The file (``head``, then the rest of ``handle``) decoded with ``codec``, as UTF-8, chunk by chunk."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    chunk, line, started, after_cr = head, 1, False, False
    while True:
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeError as exc:
            bad = exc.object if isinstance(getattr(exc, "object", None), bytes) else b""
            at = getattr(exc, "start", 0)
            line += _line_ends(bad[:at].decode(codec, "replace"), after_cr)
            raise ImportFailed(
                f"{path}:{line}: refused: bytes that are not valid {codec} ({getattr(exc, 'reason', exc)}), "
                "the encoding the file says it is in; convert it to UTF-8 from the encoding it is really in "
                '(e.g. iconv -t UTF-8), make its first line say encoding="UTF-8", and import it again'
            ) from None
        if text and not started:
            text, started = _blank_encoding(text.removeprefix("\ufeff")), True
        line += _line_ends(text, after_cr)
        if text:
            after_cr = text.endswith("\r")
            yield text.encode("utf-8")
        if not chunk:
            return
        chunk = handle.read(CHUNK)


def _expat_bytes(path: Path, handle: BinaryIO) -> Iterator[bytes]:
    """The file's bytes as expat is to read them: as they are, or decoded and given as UTF-8."""
    head = handle.read(CHUNK)
    codec = reading_codec(head, path)
    if codec is not None:
        logger.debug("%s: read as %s", path, codec)
        yield from _transcoded(path, handle, head, codec)
        return
    while head:
        yield head
        head = handle.read(CHUNK)


def _chunks(path: Path, declare: Iterable[str]) -> Iterator[bytes]:
    """The file's bytes for expat; the first chunks carry ``xmlns:<prefix>`` for each of ``declare``."""
    extra = b"".join(f' xmlns:{p}="{WELL_KNOWN_NAMESPACES[p]}"'.encode("ascii") for p in sorted(declare))
    with open(path, "rb") as handle:
        stream = _expat_bytes(path, handle)
        head = b""
        while extra:
            chunk = next(stream, b"")
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
        yield from stream


def _prefixes_at(path: Path, line: int, column: int) -> list[str]:
    """The prefixes of the tag at ``line``/``column``, where the parser found one unbound."""
    with open(path, "rb") as handle:
        rest, number = b"", 1
        for chunk in _expat_bytes(path, handle):
            rest += chunk
            lines = _LINE_END_RE.split(rest)
            if number + len(lines) - 1 >= line:
                # expat counts columns in characters
                text = lines[line - number].decode("utf-8", "replace")
                tag = text[column:].split(">", 1)[0].encode("utf-8")
                found = [m.group(1).decode("ascii", "replace") for m in _PREFIX_RE.finditer(tag)]
                return [p for p in dict.fromkeys(found) if p not in ("xml", "xmlns")]
            number += len(lines) - 1
            rest = lines[-1]
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
    except (LookupError, ValueError) as exc:  # reading_codec refuses these first, unless the
        # declaration is past the first chunk: pyexpat's own refusal (unknown, not text, multi-byte)
        if not _expat_refused_encoding(exc):
            raise  # a bug, not something the file did: shown as it is, not hidden as a refusal
        raise ImportFailed(f"{path}:1: refused: {exc}; save the file as UTF-8 and import it again") from exc
    return root


def _expat_refused_encoding(exc: BaseException) -> bool:
    """Whether ``exc`` is pyexpat refusing the encoding an XML declaration names.

    Its handler of encodings expat does not know asks Python's codecs, which raise a bare
    LookupError (an unknown name, or a codec that is not a text encoding), and says a bare
    ValueError of a codec with more than one byte a character. Nothing else is.

    Parameters
    ----------
    exc : BaseException
        What parsing raised.

    Returns
    -------
    bool
        True for pyexpat's refusal of the encoding; False for anything else (a bug to show).

    Examples
    --------
    >>> refusals = [LookupError("unknown encoding: x-mac-korean"),
    ...             LookupError("'rot13' is not a text encoding; use codecs.decode() to handle arbitrary codecs"),
    ...             ValueError("multi-byte encodings are not supported")]
    >>> [_expat_refused_encoding(exc) for exc in refusals]
    [True, True, True]
    >>> bugs = [KeyError("unknown encoding: x"), ValueError("too many values to unpack"),
    ...         UnicodeDecodeError("utf-8", b"\\xff", 0, 1, "invalid start byte")]
    >>> [_expat_refused_encoding(exc) for exc in bugs]
    [False, False, False]
    """
    if type(exc) is LookupError:
        return str(exc).startswith("unknown encoding: ") or " is not a text encoding; " in str(exc)
    return type(exc) is ValueError and str(exc) == "multi-byte encodings are not supported"


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
