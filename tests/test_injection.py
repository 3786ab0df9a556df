"""The injection corpus (issue 10): 150+ payloads through every input, one build, every page in Chromium.

Payloads (``injection_corpus.py``) go into reply bodies, author names, author and source URLs,
mentions, reactions and, through each importer's own format, WordPress, Disqus, saved-page,
webmention and Staticman imports. The site is built once; every HTML page is opened in
headless Chromium, every focusable element focused and hovered, every map node selected,
focused and hovered (its tooltip shown). Nothing may open a dialog, set ``window.__pwned``,
change the title to ``PWNED``, add a ``<base>``, alter the Content-Security-Policy or trigger
a CSP violation (which would mean a payload reached the page), or request anything outside
the site. The published output is then scanned for every private value that went in.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SiteMaker
from importers import import_disqus, import_html, import_staticman, import_webmention, import_wordpress
from injection_corpus import ALL, BODIES, HTML, NAMES, URLS
from sitebuild import text_files
from test_browser import Visit, browser  # noqa: F401  (the module-scoped Chromium fixture)

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
# Private values placed in the corpus; none may be published anywhere.
SECRETS = ["ada@example.org", "name@example.org", "ben@example.org", "192.0.2.200", "192.0.2.9", "3221226095",
           "0xC0000273", "fe80::1", "ada%40example.org", "192.0.2.1", "commenter@example.net", "203.0.113.77"]


def _jsonish(text: str) -> str:
    return json.dumps(text)[1:-1]


def _imports(root, content) -> list:
    """Run every importer on a copy of its fixture with payloads spliced into its own format."""
    reports = []
    chunk = "\n".join(HTML[:40])
    wxr = (FIXTURES / "wordpress" / "field-notes.xml").read_text(encoding="utf-8")
    wxr = wxr.replace("Reading slowly is a practice, not a speed.", chunk, 1)
    rest = "\n".join(HTML[40:]).replace("\0", "")  # XML cannot carry NUL at all
    wxr = wxr.replace("Agreed. Mail me at", rest + " commenter@example.net from 203.0.113.77", 1)
    (root / "wp.xml").write_text(wxr, encoding="utf-8")
    reports.append(import_wordpress(root / "wp.xml", content))

    disqus = (FIXTURES / "disqus" / "field-notes-disqus.xml").read_text(encoding="utf-8")
    disqus = disqus.replace("<p>Twice is the minimum.</p>", chunk.replace("]]>", ""), 1)
    disqus = disqus.replace("<name>Ada Park</name>", "<name>&lt;script&gt;window.__pwned=1&lt;/script&gt;</name>", 1)
    (root / "disqus.xml").write_text(disqus, encoding="utf-8")
    reports.append(import_disqus(root / "disqus.xml", content))

    jf2 = (FIXTURES / "webmention" / "field-notes.jf2.json").read_text(encoding="utf-8")
    jf2 = jf2.replace("#slowreading is underrated.", _jsonish("\n".join(HTML[:30])), 1)
    jf2 = jf2.replace('"name": "Ada Park"', '"name": ' + json.dumps(NAMES[1]), 1)
    (root / "mentions.json").write_text(jf2, encoding="utf-8")
    reports.append(import_webmention(root / "mentions.json", content))

    page = (FIXTURES / "html" / "core-html5.html").read_text(encoding="utf-8")
    page = page.replace("Glad to hear it.", "\n".join(HTML[30:60]), 1).replace("Omar Haddad", "&lt;svg onload=x&gt;")
    (root / "saved.html").write_text(page, encoding="utf-8")
    reports.append(import_html(root / "saved.html", content))

    staticman = root / "staticman"
    shutil.copytree(FIXTURES / "staticman" / "comments", staticman)
    entry = {"_id": "f00dfeed-0000-4000-8000-000000000001", "name": NAMES[0], "email": "ada@example.org",
             "url": URLS[0], "message": "\n\n".join(BODIES[60:100]), "date": "2020-03-06T10:00:00Z"}
    (staticman / "on-slow-reading" / "comment-1583490000000.json").write_text(json.dumps(entry), encoding="utf-8")
    reports.append(import_staticman(staticman, content))
    return reports


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    site = SiteMaker(tmp_path_factory.mktemp("corpus"))
    site.post("alpha", "The first post.", title="Alpha")
    site.post("beta", "The second post.", title="Beta")
    for number, body in enumerate(BODIES):
        post = ("alpha", "beta")[number % 2]
        meta = {"Author": NAMES[number % len(NAMES)], "Date": f"2026-01-{1 + number % 28:02d} 10:{number % 60:02d}",
                "Author_URL": URLS[number % len(URLS)]}
        if number % 3 == 2:
            meta["Reply_To"] = f"b{number - 2}"
        site.reply(post, f"b{number}", body, **meta)
    for number, name in enumerate(NAMES):  # mentions of every name, answered across posts
        # "@name@host" is a fediverse handle (public), so an email-like name is not prefixed with "@".
        handle = name if "@" in name else f"@{name}"
        site.reply("alpha", f"m{number}", f"{handle} and {name}: I agree with {name}.",
                   Author="Mentioner", Date="2026-02-01 09:00", Reply_To="b0" if number % 2 else None)
    for number, url in enumerate(URLS):
        site.reply("beta", f"ping{number}", BODIES[number], Author=NAMES[number], Kind="pingback",
                   Source_URL=url if url.startswith("https://ok") else "https://ok.example/source",
                   Date="2026-02-02 09:00")
    reactions = {kind: [{"author": name, "url": url} for name, url in zip(NAMES, URLS * 2, strict=False)]
                 for kind in ("like", "repost", "bookmark")}
    site.raw("replies/alpha/reactions.json", json.dumps(reactions))
    reports = _imports(site.root, site.content)
    site.build()
    return site, reports


def test_corpus_is_big_enough():
    assert len(set(ALL)) >= 150


def test_every_importer_took_its_payloads(corpus_site):
    site, reports = corpus_site
    assert len(reports) == 5
    assert any(site.content.glob("imported/*/*.html"))
    assert len(list(site.content.glob("replies/*/*.md"))) > len(BODIES)


def test_no_private_value_is_published(corpus_site):
    site, _ = corpus_site
    for path, text in text_files(site.output):  # pages, feeds, CSV and the (gzip) exports
        for secret in SECRETS:
            assert secret not in text, f"{path.relative_to(site.output)} holds {secret!r}"


def test_nothing_runs_on_any_page(browser, corpus_site, serve_dir):  # noqa: F811
    site, _ = corpus_site
    base = serve_dir(site.output)
    pages = sorted(p.relative_to(site.output).as_posix() for p in site.output.rglob("*.html"))
    # author/<slug>/ pages only forward to the person page (a meta refresh would navigate mid-check):
    # they are checked as files, the pages they forward to as pages.
    forwarding = [p for p in pages if 'http-equiv="refresh"' in (site.output / p).read_text(encoding="utf-8")]
    for path in forwarding:
        html = (site.output / path).read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path  # no inline script
    pages = [p for p in pages if p not in forwarding]
    assert len(pages) > 20
    maps_seen = nodes_seen = explored_people = 0
    visit = Visit(browser, base)  # one tab for every page: errors and requests are checked per page
    dialogs: list[str] = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in pages:
        page = visit.open(path)
        for index, container in enumerate(page.locator(".network-map[data-map]").all()):
            map_id = container.get_attribute("id")
            container.scroll_into_view_if_needed()
            page.wait_for_selector(f"#{map_id}[data-ready]", timeout=15_000)
            maps_seen += 1
            nodes_seen += _focus_every_node(page, map_id)
            # Explore mode (vis-network) on every page kind once per page, person pages on a sample:
            # they share one template.
            if index == 0 and (not path.startswith("people/") or explored_people < 3):
                explored_people += path.startswith("people/")
                _explore(page, map_id)
        page.evaluate("""() => {
            const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';
            for (const el of document.querySelectorAll(focusable)) {
                el.focus();
                for (const type of ['mouseover', 'mouseenter', 'focusin']) el.dispatchEvent(new Event(type));
            }
        }""")
        page.keyboard.press("Tab")
        state = page.evaluate("""() => ({
            pwned: typeof window.__pwned, title: document.title,
            csp: Array.from(document.querySelectorAll('meta[http-equiv]')).map(m => [m.httpEquiv, m.content]),
            base: document.querySelectorAll('base').length,
            map: typeof document.getElementById('conversation-map'),
            scripts: Array.from(document.scripts).map(s => s.src ? new URL(s.src).origin : 'inline:' + s.type),
        })""")
        assert dialogs == [], (path, dialogs)
        assert state["pwned"] == "undefined", path
        assert state["title"] != "PWNED", path  # a name may *show* the text, escaped
        assert state["csp"] == [["Content-Security-Policy", CSP]], path
        assert state["base"] == 0, path
        origin = base.rsplit(":", 1)[0]
        assert all(s.startswith(origin) or s == "inline:application/json" for s in state["scripts"]), (path, state)
        assert visit.errors == [] and visit.outside == [], (path, visit.errors, visit.outside)
    visit.check_clean()
    assert maps_seen >= 3 and nodes_seen > len(BODIES)


def _focus_every_node(page, map_id: str) -> int:
    """Focus and hover every node link of a drawn map; the details panel shows each as text."""
    return page.evaluate(f"""() => {{
        const map = document.getElementById({json.dumps(map_id)});
        const links = map.querySelectorAll('a.map-node');
        for (const link of links) {{
            link.focus();
            for (const type of ['mouseover', 'mouseenter', 'focusin']) {{
                link.dispatchEvent(new Event(type, {{bubbles: true}}));
            }}
            const panel = map.querySelector('.map-details');
            if (panel && panel.querySelector('.map-details-text *')) throw new Error('markup in the details panel');
        }}
        return links.length;
    }}""")


def _explore(page, map_id: str) -> None:
    """Open Explore (vis-network): select, focus and hover every node; tooltips hold text only."""
    button = page.locator(f"#{map_id} .map-explore")
    if not button.is_visible():
        return
    button.click()
    page.wait_for_selector(f"#{map_id}[data-explore-ready]", timeout=15_000)
    points = page.evaluate(f"""() => {{
        const n = document.getElementById({json.dumps(map_id)}).visNetwork;
        n.setOptions({{interaction: {{tooltipDelay: 0}}}});
        const ids = n.body.data.nodes.getIds();
        for (const id of ids) {{ n.selectNodes([id]); n.focus(id, {{animation: false}}); }}
        n.fit({{animation: false}});
        const positions = n.getPositions(ids);
        return ids.slice(0, 20).map(id => n.canvasToDOM(positions[id]));
    }}""")
    box = page.locator(f"#{map_id} .map-explore-canvas").bounding_box()
    for point in points:
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.vis-tooltip')).map(t =>
        Array.from(t.querySelectorAll('*')).every(e => e.className === 'map-tooltip' && !e.children.length))""")
    assert all(shown)  # tooltips hold text, never elements
