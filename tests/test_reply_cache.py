"""The replies cache (``replies/cache.py``): a reply file is read again exactly when it may have changed, and a
reply is cached with the date it shows, so what shapes that date is part of its key."""

from __future__ import annotations

import os
import time

import pytest
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
