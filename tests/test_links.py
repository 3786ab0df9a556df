"""Every internal link, feed link and asset of every page resolves, on a project site under a sub-path
(``https://owner.github.io/repo/``), on a root site (user site or custom domain) and in the local build.

The sample content is built with ``publishconf.py`` itself (``SITEURL`` from the environment, strict
replies), as the Pages workflow and ``invoke gh-pages`` build it. Each link is resolved as a browser
would (against the page's own URL) and must name a file in the output, and a ``#fragment`` an element
id of that page. Nothing may load from another site, and no link may leave the sub-path.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from pelican import Pelican
from pelican.settings import read_settings
from sitebuild import REPO, build_site

ATOM = "{http://www.w3.org/2005/Atom}"
# (tag, attribute, loads something): links a reader follows may go anywhere; assets must be ours.
REFERENCES = (("a", "href", False), ("link", "href", True), ("script", "src", True), ("img", "src", True),
              ("source", "src", True), ("iframe", "src", True), ("form", "action", False))
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def build_published(root: Path, siteurl: str) -> Path:
    """Build the sample content with publishconf.py and ``SITEURL`` in the environment."""
    output = root / "output"
    saved = os.environ.get("SITEURL")
    os.environ["SITEURL"] = siteurl
    try:
        with contextlib.chdir(REPO):  # publishconf.py imports pelicanconf from the working folder
            settings = read_settings(str(REPO / "publishconf.py"), override={
                "PATH": str(REPO / "content"), "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(root / "cache"), "LOAD_CONTENT_CACHE": False})
            assert settings["SITEURL"] == siteurl.rstrip("/") and settings["REPLIES_STRICT"] is True
            Pelican(settings).run()
    finally:
        if saved is None:
            os.environ.pop("SITEURL", None)
        else:
            os.environ["SITEURL"] = saved
    return output


class LinkChecker:
    """Resolves every reference of a built site against ``base`` (the site's address, ending in '/')."""

    def __init__(self, output: Path, base: str) -> None:
        self.output, self.base = output, base
        self.host = urlsplit(base).netloc
        self.problems: list[str] = []
        self.checked = 0
        self._ids: dict[Path, set[str]] = {}

    def url_of(self, file: Path) -> str:
        rel = file.relative_to(self.output).as_posix()
        return self.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)

    def ids(self, file: Path) -> set[str]:
        if file not in self._ids:
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            names = {t["name"] for t in soup.find_all("a", attrs={"name": True})}
            self._ids[file] = {t["id"] for t in soup.find_all(id=True)} | names
        return self._ids[file]

    def check(self, where: str, source_url: str, reference: str, loads: bool) -> None:
        reference = reference.strip()
        if reference.startswith(("data:", "mailto:", "javascript:")):
            if reference.startswith("javascript:"):
                self.problems.append(f"{where}: javascript: link {reference!r}")
            return
        self.checked += 1
        url = urljoin(source_url, reference)
        parts = urlsplit(url)
        if not url.startswith(self.base):
            if parts.netloc == self.host:
                self.problems.append(f"{where}: {reference!r} leaves the site's folder ({url})")
            elif loads:
                self.problems.append(f"{where}: loads {url} from another site")
            return
        path = unquote(parts.path[len(urlsplit(self.base).path):])
        target = self.output / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            self.problems.append(f"{where}: {reference!r} -> {url}: no such file {target.relative_to(self.output)}")
            return
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in self.ids(target):
            self.problems.append(f"{where}: {reference!r}: no element with id {parts.fragment!r} in "
                                 f"{target.relative_to(self.output)}")

    def check_site(self, feeds: bool = True) -> LinkChecker:
        for page in sorted(self.output.rglob("*.html")):
            where, url = str(page.relative_to(self.output)), self.url_of(page)
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for tag, attribute, loads in REFERENCES:
                for element in soup.find_all(tag, attrs={attribute: True}):
                    self.check(where, url, element[attribute], loads)
        for sheet in sorted(self.output.rglob("*.css")):
            for reference in CSS_URL.findall(sheet.read_text(encoding="utf-8")):
                self.check(str(sheet.relative_to(self.output)), self.url_of(sheet), reference, True)
        if feeds:
            for feed in sorted(self.output.rglob("*.xml")):
                tree = ElementTree.parse(feed)
                for link in tree.iter(f"{ATOM}link"):
                    self.check(str(feed.relative_to(self.output)), self.url_of(feed), link.get("href"), False)
        return self


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    return build_published(tmp_path_factory.mktemp("project"), "https://owner.github.io/repo")


@pytest.fixture(scope="module")
def root_site(tmp_path_factory) -> Path:
    return build_published(tmp_path_factory.mktemp("root"), "https://notes.example.org")


def test_project_site_under_a_sub_path(project_site):
    checker = LinkChecker(project_site, "https://owner.github.io/repo/").check_site()
    assert checker.problems == []
    assert checker.checked > 500  # every page, stylesheet and feed was read
    assert len(list(project_site.rglob("*.html"))) > 30


def test_root_site_for_a_user_site_or_custom_domain(root_site):
    checker = LinkChecker(root_site, "https://notes.example.org/").check_site()
    assert checker.problems == [] and checker.checked > 500


def test_local_build_with_relative_links(sample_site):
    checker = LinkChecker(sample_site, "http://127.0.0.1:8000/").check_site(feeds=False)
    assert checker.problems == [] and checker.checked > 500


def test_feeds_name_the_published_address(project_site):
    feed = ElementTree.parse(project_site / "feeds" / "all.atom.xml")
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith("https://owner.github.io/repo/") for h in hrefs)


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a page with a missing file, a missing fragment, a root link and a CDN script."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "p.md").write_text(
        "Title: P\nDate: 2026-01-01\nAuthor: A\nSlug: p\n\n[gone](https://owner.github.io/repo/nothing/) "
        "[frag](#no-such-id) [root](/theme/css/site.css)\n\n"
        '<script src="https://cdn.example.com/x.js"></script>\n', encoding="utf-8")
    output = build_site(content, tmp_path / "output", SITEURL="https://owner.github.io/repo", RELATIVE_URLS=False)
    page = output / "posts" / "p" / "index.html"
    assert "cdn.example.com" not in page.read_text(encoding="utf-8")  # the build leaves another site's script out
    page.write_text(page.read_text(encoding="utf-8").replace(  # as a theme's own template could still have it
        "</body>", '<script src="https://cdn.example.com/x.js"></script></body>'), encoding="utf-8")
    problems = LinkChecker(output, "https://owner.github.io/repo/").check_site().problems
    text = "\n".join(p for p in problems if p.startswith("posts/p/"))
    assert "nothing/" in text and "'#no-such-id'" in text and "leaves the site's folder" in text
    assert "loads https://cdn.example.com/x.js from another site" in text


REAL = REPO.parent / "shared" / "fixtures" / "real"


@pytest.mark.real_fixtures
def test_imported_real_wordpress_site_under_a_sub_path(copy_content, tmp_path):
    """The WordPress theme test data (58 posts, deep threads, odd titles) imported, built, every link followed."""
    export = REAL / "wordpress" / "wptt-themeunittestdata.wordpress.xml"
    if not export.is_file():
        pytest.skip(f"real-world fixtures not found at {REAL} (they live next to the repository)")
    from importers import import_wordpress

    import_wordpress(export, copy_content)
    base = "https://owner.github.io/repo"
    output = build_site(copy_content, tmp_path / "output", SITEURL=base, RELATIVE_URLS=False, FEED_DOMAIN=base)
    assert len(list((output / "posts").iterdir())) > 50
    checker = LinkChecker(output, base + "/").check_site()
    assert checker.problems == [] and checker.checked > 3000
