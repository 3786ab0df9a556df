"""The replies cache (``replies/cache.py``): a reply file is read again exactly when it may have changed, and a
reply is cached with the date it shows, so what shapes that date is part of its key. And the kept files
(``replies/kept_files.py``: feeds, exports, pages) known by their stamp only once it can be trusted."""

from __future__ import annotations

import os
import time

import pytest
import replies.cache as cache_module
import replies.kept_files as kept_files
from replies.cache import ReplyCache, settings_salt
from replies.problems import Problems

SETTINGS = {"REPLIES_DATE_FORMAT": "%-d %B %Y, %H:%M", "TIMEZONE": "UTC"}


@pytest.fixture
def cache_settings(tmp_path):
    return {**SETTINGS, "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def _write(path, text, seconds_ago):
    path.write_text(text, encoding="utf-8")
    when = time.time_ns() - seconds_ago * 1_000_000_000
    os.utime(path, ns=(when, when))
    return when


def _build(settings, path, opened):
    """One build's read of ``path`` through the cache; ``opened`` counts the times the file's bytes are read
    to know its key, and the reader returns what the file says."""
    cache = ReplyCache(settings)
    key = cache.key

    def counting_key(*args):
        opened.append(1)
        return key(*args)

    cache.key = counting_key
    read = cache.read(path, "post", False, Problems(strict=False), lambda problems: path.read_text(encoding="utf-8"))
    cache.save()
    return read


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path, cache_settings):
    reply, opened = tmp_path / "1.md", []
    _write(reply, "Author: Ada\n\nFirst words.", seconds_ago=60)
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nFirst words." and len(opened) == 1
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nFirst words." and len(opened) == 1
    # the same size, another time: read again, and the new words are what the build gets
    _write(reply, "Author: Ada\n\nOther words.", seconds_ago=30)
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nOther words." and len(opened) == 2


def test_a_file_written_just_before_the_build_is_read_again_next_time(tmp_path, cache_settings):
    """Two saves within one tick of the file system's clock leave the same time: a file written in the two
    seconds before a build read it is not known by its time, size and inode the next time."""
    reply, opened = tmp_path / "1.md", []
    when = _write(reply, "Author: Ada\n\nFirst words.", seconds_ago=0)
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nFirst words."
    reply.write_text("Author: Ada\n\nLater words.", encoding="utf-8")  # the same size, in the same tick
    os.utime(reply, ns=(when, when))
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nLater words." and len(opened) == 2


@pytest.mark.parametrize("setting", [{"DEFAULT_DATE_FORMAT": "%Y-%m-%d"}, {"LOCALE": ["de_DE.UTF-8"]},
                                     {"REPLIES_DATE_FORMAT": "%Y"}, {"TIMEZONE": "Europe/Berlin"}])
def test_what_shapes_a_shown_date_is_part_of_every_cached_reply_s_key(setting):
    assert settings_salt({**SETTINGS, **setting}) != settings_salt(SETTINGS)


def test_a_file_written_again_with_its_old_size_and_time_is_read_again(tmp_path, cache_settings):
    """``tar``, ``cp -p`` and the like write a file with the time it had: its change time still tells."""
    reply, opened = tmp_path / "1.md", []
    when = _write(reply, "Author: Ada\n\nFirst words.", seconds_ago=60)
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nFirst words."
    time.sleep(0.01)
    reply.write_text("Author: Ada\n\nLater words.", encoding="utf-8")  # the same size, in place
    os.utime(reply, ns=(when, when))
    assert _build(cache_settings, reply, opened) == "Author: Ada\n\nLater words." and len(opened) == 2


def _kept_files(root):
    settings = {"CACHE_PATH": str(root / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    return kept_files.KeptFiles(settings, "replies", "feeds", lambda: "code", "the reply feeds")


def test_a_kept_file_written_just_now_is_checked_by_its_bytes_next_time(tmp_path):
    """A page written in the two seconds before its record is not known by its stamp: written again in the same
    tick of the clock, to the same size, it is not taken for the page as written; and gone with its kept copy,
    it is gone (not kept)."""
    page = tmp_path / "out" / "a.html"
    page.parent.mkdir()
    page.write_text("<p>one</p>", encoding="utf-8")
    when = page.stat().st_mtime_ns
    cache = _kept_files(tmp_path)
    cache.wrote(page, "inputs")
    cache.save()
    page.write_text("<p>two</p>", encoding="utf-8")  # in place: the kept copy (a hard link) changes too
    os.utime(page, ns=(when, when))
    assert not _kept_files(tmp_path).fresh(page, "inputs")
    page.write_text("<p>one</p>", encoding="utf-8")
    again = _kept_files(tmp_path)
    again.wrote(page, "inputs")
    again.save()
    page.unlink()
    for kept in (tmp_path / "cache" / "replies" / "feeds").iterdir():
        kept.unlink()
    assert not _kept_files(tmp_path).fresh(page, "inputs")


def test_a_settled_kept_file_is_known_by_its_stamp(tmp_path, monkeypatch):
    page = tmp_path / "out" / "a.html"
    page.parent.mkdir()
    _write(page, "<p>one</p>", seconds_ago=60)
    cache = _kept_files(tmp_path)
    cache.wrote(page, "inputs")
    cache.save()
    hashed = []
    holds = kept_files._holds
    monkeypatch.setattr(kept_files, "_holds", lambda *args: hashed.append(args) or holds(*args))
    assert _kept_files(tmp_path).fresh(page, "inputs") and hashed == []


def test_a_folder_is_read_from_one_pickle_and_only_its_changed_files_again(tmp_path, cache_settings, monkeypatch):
    """A post's replies are cached together, a folder a pickle: a folder as it was is one read; after an edit,
    a new file or a deleted one, only the files that changed are read, the others come from the cache with
    the warnings they gave, and what the build gets is what the files say."""
    folder = tmp_path / "post"
    folder.mkdir()
    for n in (1, 2, 3):
        _write(folder / f"{n}.md", f"Author: Ada\n\nWords {n}.", seconds_ago=60)
    read: list = []

    def reader(file, problems, data):
        assert data == file.read_bytes()  # the bytes read for its key: the file is not opened twice
        read.append(file.name)
        problems.warn(file.name, "a warning")
        return file.read_text(encoding="utf-8")

    def build():
        cache, problems = ReplyCache(cache_settings), Problems(strict=False)
        files = sorted(folder.iterdir())
        got = cache.read_folder(folder, "post", False, files, problems, reader)
        cache.save()
        return got, problems.warnings

    expected = [f"Author: Ada\n\nWords {n}." for n in (1, 2, 3)]
    assert build() == (expected, ["1.md: a warning", "2.md: a warning", "3.md: a warning"]) and len(read) == 3
    read.clear()
    loads, unpickled = cache_module.pickle.loads, []
    monkeypatch.setattr(cache_module.pickle, "loads", lambda data: unpickled.append(1) or loads(data))
    assert build() == (expected, ["1.md: a warning", "2.md: a warning", "3.md: a warning"]) and read == []
    assert len(unpickled) == 1  # the folder's replies in one pickle
    monkeypatch.undo()
    _write(folder / "2.md", "Author: Ada\n\nOther words.", seconds_ago=30)
    expected[1] = "Author: Ada\n\nOther words."
    assert build() == (expected, ["1.md: a warning", "2.md: a warning", "3.md: a warning"]) and read == ["2.md"]
    read.clear()
    (folder / "1.md").unlink()
    _write(folder / "4.md", "Author: Ben\n\nNew here.", seconds_ago=30)
    assert build() == ([*expected[1:], "Author: Ben\n\nNew here."],
                       ["2.md: a warning", "3.md: a warning", "4.md: a warning"]) and read == ["4.md"]
    read.clear()
    assert build()[0] == [*expected[1:], "Author: Ben\n\nNew here."] and read == []


def test_a_reply_file_read_for_its_key_is_read_as_its_reader_would_read_it(tmp_path):
    """The cache reads a changed file's bytes for its key and hands them to the reader, which read the file
    again before: the text is the one ``read_text`` gives, line ends and all."""
    from replies.reader import file_text

    for raw in (b"Author: Ada\r\n\r\nWindows lines.\r\n", b"Author: Ada\r\rOld Mac lines.\r",
                "\ufeffAuthor: Zo\u00eb\n\nA mark first, and \u00e9\u00e8.\n".encode(), b"Mixed\r\n\rends\n\r\n"):
        path = tmp_path / "r.md"
        path.write_bytes(raw)
        assert file_text(raw) == path.read_text(encoding="utf-8")
