"""Bad input: entity bombs, external entities, malformed and truncated files, wrong formats.

Each gives ImportFailed with a clear message naming the file (and line), quickly, and
nothing is written.
"""

from __future__ import annotations

import time

import pytest
from importers import ImportFailed, import_disqus, import_html, import_staticman, import_webmention, import_wordpress

XML_IMPORTERS = [import_wordpress, import_disqus]

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;</title></channel></rss>
"""


@pytest.mark.parametrize("importer", XML_IMPORTERS)
def test_entity_bomb_is_refused_quickly(tmp_path, content, importer):
    source = tmp_path / "bomb.xml"
    source.write_text(BOMB, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    assert time.monotonic() - started < 2
    message = str(failure.value)
    assert str(source) in message and "entity" in message and ":3:" in message  # the first <!ENTITY
    assert list(content.iterdir()) == []


@pytest.mark.parametrize("importer", XML_IMPORTERS)
def test_external_file_entity_is_refused_and_not_read(tmp_path, content, importer):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    source = tmp_path / "xxe.xml"
    source.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&xxe;</title></channel></rss>
""", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    assert "external entity" in str(failure.value) and "TOP-SECRET-VALUE" not in str(failure.value)
    assert list(content.iterdir()) == []


def test_external_entity_and_dtd_over_http_are_never_fetched(tmp_path, content, local_server):
    local_server.route("/evil.dtd", (200, "application/xml-dtd", b'<!ENTITY x "pwned">'))
    local_server.route("/data", (200, "text/plain", b"pwned"))
    for body in (
        f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{local_server.url}/data">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title></channel></rss>',
        f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{local_server.url}/evil.dtd"> %p;]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title></channel></rss>',
        f'<!DOCTYPE rss SYSTEM "{local_server.url}/evil.dtd">'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title></channel></rss>',
    ):
        source = tmp_path / "ext.xml"
        source.write_text('<?xml version="1.0"?>\n' + body, encoding="utf-8")
        with pytest.raises(ImportFailed) as failure:
            import_wordpress(source, content)
        assert str(source) in str(failure.value)
    assert local_server.requests == []
    assert list(content.iterdir()) == []


@pytest.mark.parametrize("importer", XML_IMPORTERS)
def test_truncated_file_names_file_and_line(tmp_path, content, fixtures, importer):
    name = "wordpress/field-notes.xml" if importer is import_wordpress else "disqus/field-notes-disqus.xml"
    full = (fixtures / name).read_text(encoding="utf-8")
    source = tmp_path / "cut.xml"
    source.write_text(full[: len(full) // 2], encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        importer(source, content)
    message = str(failure.value)
    lines = full[: len(full) // 2].count("\n") + 1
    assert message.startswith(f"{source}:") and "not well-formed" in message
    assert f":{lines}:" in message or f":{lines + 1}:" in message
    assert list(content.iterdir()) == []


def test_malformed_markup_in_the_middle(tmp_path, content):
    source = tmp_path / "bad.xml"
    source.write_text('<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n'
                      "<channel>\n<item><title>A & B</title></item>\n</channel></rss>\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"bad\.xml:4:\d+: not well-formed XML"):
        import_wordpress(source, content)


def test_wrong_format_is_named(fixtures, content):
    with pytest.raises(ImportFailed, match="not a WordPress export"):
        import_wordpress(fixtures / "disqus" / "field-notes-disqus.xml", content)
    with pytest.raises(ImportFailed, match="not a Disqus export"):
        import_disqus(fixtures / "wordpress" / "field-notes.xml", content)
    with pytest.raises(ImportFailed, match="no WordPress post found"):
        import_html(fixtures / "webmention" / "field-notes.jf2.json", content)
    with pytest.raises(ImportFailed, match=r"not webmention\.io jf2"):
        import_webmention(fixtures / "staticman" / "comments" / "on-slow-reading" /
                          "comment-1583320500000.json", content)
    assert list(content.iterdir()) == []


def test_missing_file_is_named(tmp_path, content):
    for importer in (import_wordpress, import_disqus, import_html, import_webmention):
        with pytest.raises(ImportFailed, match=r"nope\.xml: cannot read"):
            importer(tmp_path / "nope.xml", content)
    with pytest.raises(ImportFailed, match="not a folder"):
        import_staticman(tmp_path / "nope", content)


def test_bad_json_names_line_and_column(tmp_path, content):
    source = tmp_path / "cut.json"
    source.write_text('{"type": "feed",\n "children": [\n  {"wm-id": 1,', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"cut\.json:3:\d+: not valid JSON"):
        import_webmention(source, content)


def test_bad_staticman_entry_stops_everything(fixtures, content, make_post, snap):
    make_post(content, "on-slow-reading", "On Slow Reading")
    before = snap(content)
    with pytest.raises(ImportFailed) as failure:
        import_staticman(fixtures / "staticman-broken", content)
    assert "comment-1583316999999.yml:" in str(failure.value) and "not valid YAML" in str(failure.value)
    assert snap(content) == before  # the good entry next to it was not written either


def test_staticman_yaml_cannot_build_objects(tmp_path, content, make_post):
    make_post(content, "p", "P")
    folder = tmp_path / "data" / "p"
    folder.mkdir(parents=True)
    (folder / "evil.yml").write_text("_id: x\nmessage: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ImportFailed, match=r"evil\.yml:2:\d+: not valid YAML"):
        import_staticman(folder, content)
