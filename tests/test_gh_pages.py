"""``invoke gh-pages``: ghp-import publishes a real build to a gh-pages branch of a local bare repository."""

from __future__ import annotations

import subprocess

import pytest
from conftest import SiteMaker

from sitetools.ghpages import PublishError, publish

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def _git(*args: str, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture
def clone(tmp_path, monkeypatch):
    """A working copy whose origin is a bare repository (as a GitHub clone would be)."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    bare = tmp_path / "remote.git"
    _git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    _git("init", "-q", "-b", "main", str(work), cwd=tmp_path)
    (work / "README.md").write_text("site sources\n")
    _git("add", "README.md", cwd=work)
    _git("commit", "-q", "-m", "sources", cwd=work)
    _git("remote", "add", "origin", str(bare), cwd=work)
    _git("push", "-q", "origin", "main", cwd=work)
    return work, bare


def test_publish_pushes_the_site_with_nojekyll_and_cname(clone, tmp_path):
    work, bare = clone
    site = SiteMaker(tmp_path / "site")
    site.post("on-noticing")
    site.reply("on-noticing", "ada-1", "A reply.")
    output = site.build(SITEURL="https://notes.example.org", RELATIVE_URLS=False)
    publish(output, work, cname="notes.example.org", message="Publish the site")
    files = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert {".nojekyll", "CNAME", "index.html", "posts/on-noticing/index.html",
            "theme/css/site.css", "how-to-reply/index.html"} <= set(files)
    assert _git("show", "gh-pages:CNAME", cwd=bare).strip() == "notes.example.org"
    assert _git("show", "gh-pages:index.html", cwd=bare) == (output / "index.html").read_text()
    assert "README.md" not in files  # the branch holds the site only
    assert _git("log", "--format=%s", "main", cwd=bare).split("\n")[0] == "sources"  # main untouched
    # Publishing again adds a commit on top (history kept); without a CNAME none is written.
    (output / "extra.txt").write_text("new\n")
    publish(output, work)
    assert _git("log", "--format=%s", "gh-pages", cwd=bare).split() == ["Publish", "the", "site", "from",
                                                                           "output/", "Publish", "the", "site"]
    files = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert "extra.txt" in files and "CNAME" not in files and ".nojekyll" in files


def test_publish_without_push_only_commits(clone, tmp_path):
    work, bare = clone
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("<!doctype html><title>x</title>")
    publish(output, work, push=False)
    assert "index.html" in _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=work).split()
    assert "gh-pages" not in _git("branch", "--list", cwd=bare)


def test_clear_errors(clone, tmp_path):
    work, _ = clone
    with pytest.raises(PublishError, match="no built site here"):
        publish(tmp_path / "missing", work)
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("x")
    with pytest.raises(PublishError, match="must be a bare domain"):
        publish(output, work, cname="https://notes.example.org/")
    with pytest.raises(PublishError, match="failed"):
        publish(output, tmp_path / "out", push=False)  # not a git repository
