"""Imported post bodies load nothing from elsewhere (the site runs under ``img-src 'self' data:``):
remote images and embeds become plain links, and the report counts them."""

from __future__ import annotations

import re

from importers import import_html, import_wordpress
from importers.htmltext import link_remote_media

SOURCE = "wordpress/remote-media.xml"
# Any element that would make the browser fetch something from another site.
REMOTE_LOAD = re.compile(
    r"<(?:img|source|video|audio|iframe|embed|object|picture|track|script|link)\b[^>]*"
    r"(?:src|srcset|data|poster|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def _body(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<body>"):]


def test_wordpress_post_images_and_embeds_become_links(fixtures, content):
    report = import_wordpress(fixtures / SOURCE, content)
    body = _body(content / "imported" / "wordpress" / "pictures-from-the-coast.html")
    assert not REMOTE_LOAD.search(body)
    assert not re.search(r"<img\b(?![^>]*src=\"data:image/)", body)  # only the data: image is left
    assert "srcset" not in body and "poster" not in body and "url(" not in body
    assert '<a href="https://photos.example/wp-content/uploads/2019/07/cliff-1024x683.jpg">' \
           "[image: The cliff at dawn]</a>" in body
    assert '<a href="https://media.example/gull.jpg">[image]</a>' in body  # <picture> reduced to its image
    # A relative source is resolved against the post's original address.
    assert '<a href="http://photos.example/wp-content/uploads/local.png">[image: A local copy]</a>' in body
    assert '<img alt="dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="/>' in body
    assert '<a href="https://video.example/embed/42">[embedded media]</a>' in body
    assert '<a href="https://media.example/waves.mp4">[embedded media]</a>' in body
    assert "javascript:" not in body and "cannot play" not in body
    assert body.count("[embedded media]") == 2
    # cliff, gull, local, iframe, video, javascript: iframe (dropped), style with url()
    assert report.remote_media == 7
    assert "remote media turned into links: 7" in str(report)


def test_count_is_the_same_on_a_dry_run_and_a_second_import(fixtures, content):
    assert import_wordpress(fixtures / SOURCE, content, dry_run=True).remote_media == 7
    import_wordpress(fixtures / SOURCE, content)
    again = import_wordpress(fixtures / SOURCE, content)
    assert again.remote_media == 7 and again.actions()["unchanged"] == 1


def test_report_says_nothing_when_there_is_no_media(fixtures, content):
    report = import_wordpress(fixtures / "wordpress/field-notes.xml", content)
    assert report.remote_media == 0 and "remote media" not in str(report)


def test_saved_page_post_images_become_links(fixtures, content, tmp_path):
    page = (fixtures / "html" / "core-html5.html").read_text(encoding="utf-8")
    media = ('<p><img src="https://media.example/walk.jpg" alt="A path" '
             'srcset="https://media.example/walk-2x.jpg 2x"></p>\n'
             '<p><iframe src="https://maps.example/embed?q=1"></iframe></p>\n'
             '<p><embed src="https://flash.example/old.swf"></p>\n')
    page = page.replace('<div class="sharedaddy">', media + '<div class="sharedaddy">', 1)
    source = tmp_path / "walk.html"
    source.write_text(page, encoding="utf-8")
    report = import_html(source, content)
    body = _body(content / "imported" / "wordpress" / "walking-as-method.html")
    assert not REMOTE_LOAD.search(body) and "<img" not in body
    assert '<a href="https://media.example/walk.jpg">[image: A path]</a>' in body
    assert '<a href="https://maps.example/embed?q=1">[embedded media]</a>' in body
    assert '<a href="https://flash.example/old.swf">[embedded media]</a>' in body
    assert report.remote_media == 3 and "remote media turned into links: 3" in str(report)


def test_link_remote_media_cases():
    out, count = link_remote_media(
        '<object data="https://o.example/a.pdf"><embed src="https://o.example/a.pdf"></object>'
        '<audio controls><source src="https://a.example/s.ogg"></audio>'
        '<video src=""></video><iframe></iframe>'
        '<picture><source srcset="https://p.example/a.webp 1x, https://p.example/b.webp 2x"></picture>'
        '<svg><image href="https://s.example/i.png"></image></svg>'
        '<script src="https://t.example/t.js"></script><input type="image" src="https://t.example/b.png">'
        '<table background="https://t.example/bg.gif"><tr><td>x</td></tr></table>'
        '<a href="https://ok.example/" ping="https://t.example/ping">ok</a>')
    assert not REMOTE_LOAD.search(out)
    assert "t.example" not in out and "<video" not in out and "<iframe" not in out
    assert out.count('<a href="https://o.example/a.pdf">[embedded media]</a>') == 1
    assert '<a href="https://a.example/s.ogg">[embedded media]</a>' in out
    assert '<a href="https://p.example/a.webp">[image]</a>' in out
    assert '<a href="https://s.example/i.png">[image]</a>' in out
    assert '<a href="https://ok.example/">ok</a>' in out
    assert count == 10
    # Without a base, a relative or unsafe source keeps only its text.
    assert link_remote_media('<img src="pic.png" alt="Pic">') == ("[image: Pic]", 1)
    assert link_remote_media('<img src="javascript:x" alt="X">', base="https://b.example/p/") == ("[image: X]", 1)
    assert link_remote_media('<img src="pic.png">', base="https://b.example/p/") == (
        '<a href="https://b.example/p/pic.png">[image]</a>', 1)
    assert link_remote_media("<p>No media</p>") == ("<p>No media</p>", 0)


def test_inline_script_and_style_that_the_csp_would_block_are_removed():
    from importers.htmltext import link_remote_media

    body, _ = link_remote_media('<p style="text-align:center" onclick="x()">Hi</p><script>alert(1)</script>'
                                '<style>p{color:red}</style>')
    assert body == "<p>Hi</p>"
