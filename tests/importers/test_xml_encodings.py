"""XML exports in the encodings old blogs wrote them in (Shift_JIS, GBK, Big5, EUC-KR, UTF-32...).

Expat reads UTF-8, UTF-16 and ISO-8859-1 by itself; xmlsafe decodes any other text encoding
first, so both XML importers (WordPress and Disqus) read such files with the right text, line
numbers and safety checks, and refuse an encoding that is unsafe or not text, or bytes not valid
in the declared one, in one line naming the file.
"""

from __future__ import annotations

import codecs
import textwrap

import pytest
from importers import ImportFailed, import_disqus, import_wordpress
from importers.xmlsafe import CHUNK, parse_xml

from .conftest import wxr

# Author, comment and title in the blog's own script, per encoding (each text encodable in it).
TEXTS = {
    "shift_jis": ("山田太郎", "ゆっくり読むことについて、丁寧な記事をありがとう。", "遅読のすすめ"),
    "euc-jp": ("佐藤花子", "余白に書き込むのが好きです。", "余白のメモ"),
    "gbk": ("王小明", "慢慢阅读，才能真正理解。", "慢读笔记"),
    "big5": ("陳大文", "慢慢閱讀，才能真正理解。", "慢讀筆記"),
    "euc-kr": ("김민수", "천천히 읽는 것에 대해 좋은 글 감사합니다.", "느리게 읽기"),
    "utf-32": ("山田太郎", "ゆっくり読む。Ünïcödé too.", "遅読のすすめ"),
}


def _wxr(encoding: str, author: str, comment: str, title: str) -> str:
    return wxr(f"""\
        <item>
          <title>{title}</title>
          <link>http://field.example/slow/</link>
          <dc:creator>mira</dc:creator>
          <content:encoded><![CDATA[<p>{title}: {comment}</p>]]></content:encoded>
          <wp:post_id>7</wp:post_id>
          <wp:post_date>2020-03-04 10:00:00</wp:post_date>
          <wp:post_date_gmt>2020-03-04 09:00:00</wp:post_date_gmt>
          <wp:comment_status>open</wp:comment_status>
          <wp:post_name>slow</wp:post_name>
          <wp:status>publish</wp:status>
          <wp:post_type>post</wp:post_type>
          <wp:comment>
            <wp:comment_id>11</wp:comment_id>
            <wp:comment_author><![CDATA[{author}]]></wp:comment_author>
            <wp:comment_date>2020-03-05 10:00:00</wp:comment_date>
            <wp:comment_date_gmt>2020-03-05 09:00:00</wp:comment_date_gmt>
            <wp:comment_content><![CDATA[{comment}]]></wp:comment_content>
            <wp:comment_approved>1</wp:comment_approved>
            <wp:comment_type></wp:comment_type>
            <wp:comment_parent>0</wp:comment_parent>
          </wp:comment>
        </item>
        """, encoding)


def _disqus(encoding: str, author: str, comment: str, title: str) -> str:
    return textwrap.dedent(f"""\
        <?xml version="1.0" encoding="{encoding}"?>
        <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
          <thread dsq:id="1"><id>slow</id><link>https://fieldnotes.example/posts/slow/</link>
            <title>{title}</title></thread>
          <post dsq:id="77"><message><![CDATA[<p>{comment}</p>]]></message>
            <createdAt>2020-02-12T08:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
            <author><name>{author}</name></author><thread dsq:id="1"/></post>
        </disqus>
        """)


def _import(kind, tmp_path, content, make_post, data: bytes):
    """Write ``data`` as an export of ``kind`` and import it; the reply it holds, as (metadata, body)."""
    source = tmp_path / f"{kind}.xml"
    source.write_bytes(data)
    if kind == "wordpress":
        import_wordpress(source, content)
        return next((content / "replies" / "slow").glob("*.md"))
    make_post(content, "slow", "Slow")
    import_disqus(source, content)
    return content / "replies" / "slow" / "disqus-77.md"


EXPORTS = {"wordpress": _wxr, "disqus": _disqus}


@pytest.mark.parametrize("kind", sorted(EXPORTS))
@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_export_in_a_national_encoding_imports_its_text(tmp_path, content, make_post, replies, kind, encoding):
    author, comment, title = TEXTS[encoding]
    data = EXPORTS[kind](encoding, author, comment, title).encode(encoding)
    if encoding == "utf-32":
        assert data.startswith(codecs.BOM_UTF32)  # Python writes the byte-order mark
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    _import(kind, tmp_path, content, make_post, data)
    (meta, body), = replies(content, "slow").values()
    assert meta["author"] == author and comment in body
    if kind == "wordpress":
        post = (content / "imported" / "wordpress" / "slow.html").read_text(encoding="utf-8")
        assert title in post


def test_error_in_a_shift_jis_file_names_the_line_and_column_as_in_utf8(tmp_path, content):
    """An error in a decoded file names the line (and column) it has in the file itself."""
    author, comment, title = TEXTS["shift_jis"]
    text = _wxr("shift_jis", author, comment, title).replace("<wp:comment_approved>1</wp:comment_approved>",
                                                             "<wp:comment_approved>1</wp:comment_aproved>")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "comment_aproved" in row)
    messages = []
    for encoding in ("shift_jis", "utf-8"):
        source = tmp_path / f"{encoding}.xml"
        source.write_bytes(text.replace('encoding="shift_jis"', f'encoding="{encoding}"').encode(encoding))
        with pytest.raises(ImportFailed) as failure:
            import_wordpress(source, content)
        messages.append(str(failure.value).replace(str(source), "FILE"))
    assert messages[0] == messages[1] and messages[0].startswith(f"FILE:{line}:")
    assert list(content.iterdir()) == []


def test_undeclared_well_known_prefix_in_shift_jis(tmp_path, content):
    """A WordPress.com export's undeclared ``atom:`` is declared in a decoded file too."""
    author, comment, title = TEXTS["shift_jis"]
    text = _wxr("shift_jis", author, comment, title).replace(
        "<title>Field</title>", f"<title>{title}</title><atom:link rel=\"self\" href=\"http://field.example/feed/\"/>")
    source = tmp_path / "wpcom.xml"
    source.write_bytes(text.encode("shift_jis"))
    report = import_wordpress(source, content)
    assert report.replies == 1 and "atom" in str(report)


@pytest.mark.parametrize("importer", [import_wordpress, import_disqus])
def test_entities_are_still_refused_in_a_decoded_file(tmp_path, content, importer):
    source = tmp_path / "bomb.xml"
    source.write_bytes('<?xml version="1.0" encoding="gbk"?>\n<!DOCTYPE rss [\n <!ENTITY 慢 "慢慢慢慢">\n]>\n'
                       "<rss><channel><title>&慢;</title></channel></rss>\n".encode("gbk"))
    with pytest.raises(ImportFailed, match=r"bomb\.xml:3: refused: the file declares an entity"):
        importer(source, content)
    assert list(content.iterdir()) == []


@pytest.mark.parametrize("importer", [import_wordpress, import_disqus])
@pytest.mark.parametrize(("encoding", "said"), [
    ("UTF-7", "makes other characters of plain ASCII"),
    ("idna", "makes other characters of plain ASCII"),
    ("unicode_escape", "makes other characters of plain ASCII"),
    ("rot13", "is not a text encoding"),
    ("base64", "is not a text encoding"),
])
def test_unsafe_or_non_text_encoding_is_refused_in_one_line(tmp_path, content, importer, encoding, said):
    source = tmp_path / "odd.xml"
    source.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode("ascii")
                       + b"<rss><channel><title>+ADw-script+AD4-</title></channel></rss>\n")
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    message = str(failure.value)
    assert message.startswith(f"{source}:1: refused: ") and "\n" not in message
    assert f'encoding="{encoding}"' in message and said in message and "UTF-8" in message
    assert list(content.iterdir()) == []


@pytest.mark.parametrize("importer", [import_wordpress, import_disqus])
@pytest.mark.parametrize(("head", "end", "line"), [
    ('<?xml version="1.0" encoding="shift_jis"?>\n<rss>\n<channel>\n<title>遅読', "\n", 4),
    # An old Mac file ends its lines with a lone CR, which expat counts as a line end: so is it counted here.
    ('<?xml version="1.0" encoding="shift_jis"?>\r<rss>\r<channel><title>遅読', "\r", 3),
], ids=["lf", "cr-only"])
def test_bytes_not_valid_in_the_declared_encoding_are_refused_naming_the_line(tmp_path, content, importer, head,
                                                                               end, line):
    source = tmp_path / "broken.xml"
    source.write_bytes(head.encode("shift_jis") + f"\xff\xfe</title>{end}</channel></rss>{end}".encode("latin-1"))
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    message = str(failure.value)
    assert message.startswith(f"{source}:{line}: refused: bytes that are not valid shift_jis")
    assert "\n" not in message and "UTF-8" in message
    assert list(content.iterdir()) == []


def test_a_decoded_file_longer_than_a_chunk_keeps_its_line_numbers(tmp_path):
    """Decoded chunk by chunk: characters split between chunks, and lines counted past the first."""
    rows = [f"<item><title>遅読のすすめ {n}、丁寧な記事をありがとう。</title></item>" for n in range(4000)]
    text = '<?xml version="1.0" encoding="shift_jis"?>\n<rss><channel>\n' + "\n".join(rows) + "\n</channel></rss>\n"
    source = tmp_path / "long.xml"
    data = text.encode("shift_jis")
    assert len(data) > 3 * CHUNK
    source.write_bytes(data)
    assert parse_xml(source)[0][3999][0].text == "遅読のすすめ 3999、丁寧な記事をありがとう。"
    lines = data.split(b"\n")
    lines[3500] = lines[3500].replace("記事".encode("shift_jis"), b"\x81\x20")
    source.write_bytes(b"\n".join(lines))
    with pytest.raises(ImportFailed, match=r"long\.xml:3501: refused: bytes that are not valid shift_jis"):
        parse_xml(source)
    lines = text.split("\n")
    lines[3500] = lines[3500].replace("</title>", "</titel>")
    source.write_bytes("\n".join(lines).encode("shift_jis"))
    column = lines[3500].index("</titel>") + 3  # expat points at the name, counting characters from 1
    with pytest.raises(ImportFailed, match=rf"long\.xml:3501:{column}: not well-formed XML \(mismatched tag\)"):
        parse_xml(source)


@pytest.mark.parametrize("name", [b"a\x00b", b"x" * 5000, b""])
def test_an_impossible_encoding_name_is_refused_in_one_short_line(tmp_path, content, name):
    source = tmp_path / "odd.xml"
    source.write_bytes(b'<?xml version="1.0" encoding="' + name + b'"?>\n<rss><channel/></rss>\n')
    with pytest.raises(ImportFailed) as failure:
        import_wordpress(source, content)
    message = str(failure.value)
    assert message.startswith(f"{source}:1: refused: unknown encoding: ") and len(message) < len(str(source)) + 250


@pytest.mark.parametrize("kind", sorted(EXPORTS))
@pytest.mark.parametrize(("mark", "codec", "declared"), [
    (codecs.BOM_UTF8, "utf-8", "ISO-8859-1"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "ISO-8859-1"),
], ids=["utf-8-mark-latin-1-declared", "utf-16le-mark-utf-8-declared", "utf-16be-mark-latin-1-declared"])
def test_a_byte_order_mark_wins_over_a_declaration_expat_reads(tmp_path, content, make_post, replies, kind,
                                                               mark, codec, declared):
    """A converter that re-encoded the file with a mark but left its declaration: the mark is right."""
    author, comment, title = "Zoë Ångström", "Ein schöner Café-Beitrag, merci ! 遅読のすすめ。", "Café"
    data = mark + EXPORTS[kind](declared, author, comment, title).encode(codec)
    _import(kind, tmp_path, content, make_post, data)
    (meta, body), = replies(content, "slow").values()
    assert meta["author"] == author and comment in body


@pytest.mark.parametrize("bug", [
    UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    ValueError("not enough values to unpack"),
    KeyError("atom"),
    LookupError("no such thing"),
], ids=type)
def test_a_bug_while_reading_is_not_hidden_as_an_encoding_refusal(tmp_path, monkeypatch, bug):
    """Only pyexpat refusing the encoding a late declaration names is a refusal; anything else is shown."""
    from importers import xmlsafe

    def broken(path, handle):
        yield b"<?xml version='1.0'?>\n"
        raise bug

    monkeypatch.setattr(xmlsafe, "_expat_bytes", broken)
    source = tmp_path / "fine.xml"
    source.write_bytes(b"<rss><channel/></rss>\n")
    with pytest.raises(type(bug)) as raised:
        parse_xml(source)
    assert raised.value is bug


@pytest.mark.parametrize("importer", [import_wordpress, import_disqus])
@pytest.mark.parametrize(("encoding", "said"), [
    ("x-no-such", "unknown encoding: x-no-such"),
    ("rot13", "'rot13' is not a text encoding"),
    ("shift_jis", "multi-byte encodings are not supported"),
])
def test_an_encoding_declared_past_the_first_chunk_is_refused_by_the_parser(tmp_path, content, importer,
                                                                            encoding, said):
    """A declaration longer than a chunk: pyexpat reads the name and refuses it, in one line naming the file."""
    source = tmp_path / "late.xml"
    source.write_bytes(b'<?xml version="1.0"' + b" " * CHUNK + f' encoding="{encoding}"?>\n'.encode("ascii")
                       + b"<rss><channel/></rss>\n")
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    message = str(failure.value)
    assert message.startswith(f"{source}:1: refused: {said}") and "UTF-8" in message and "\n" not in message
    assert list(content.iterdir()) == []


def test_a_crlf_split_between_chunks_ends_one_line(tmp_path):
    """A CR closing one decoded chunk and the LF opening the next are one line end, as expat counts them."""
    head = '<?xml version="1.0" encoding="shift_jis"?>\r\n<rss><channel>\r\n<title>'.encode("shift_jis")
    filler = "遅読".encode("shift_jis") * ((CHUNK - len(head)) // 4)
    rows = head + filler + b" " * (CHUNK - 1 - len(head) - len(filler))
    data = (rows + b"\r\n" + "記事</title>\r\n<title>遅読".encode("shift_jis")
            + b"\x81\x20</title>\r\n</channel></rss>\r\n")
    assert data[CHUNK - 1:CHUNK + 1] == b"\r\n"
    source = tmp_path / "split.xml"
    source.write_bytes(data)
    line = data[:data.index(b"\x81\x20")].count(b"\r\n") + 1
    assert line == 5
    with pytest.raises(ImportFailed, match=rf"split\.xml:{line}: refused: bytes that are not valid shift_jis"):
        parse_xml(source)


@pytest.mark.parametrize("encoding", ["utf-8", "shift_jis"])
def test_undeclared_well_known_prefix_in_a_cr_only_file(tmp_path, content, encoding):
    """The prefix is looked for on the line expat names, which counts a lone CR as a line end."""
    author, comment, title = TEXTS["shift_jis"]
    text = _wxr(encoding, author, comment, title).replace(
        "<title>Field</title>", "<title>Field</title>\n<atom:link rel=\"self\" href=\"http://field.example/feed/\"/>")
    source = tmp_path / "mac.xml"
    source.write_bytes(text.replace("\n", "\r").encode(encoding))
    report = import_wordpress(source, content)
    assert report.replies == 1 and "atom" in str(report)
