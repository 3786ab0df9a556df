"""Settings of the conversation map plugin: defaults in one place, checked once per build.

Every setting starts with ``CONVERSATION_MAP_``; an unknown one, or a value of the
wrong type, stops the build with a message that names the key.
"""

from __future__ import annotations

import difflib

DEFAULTS: dict[str, object] = {
    # Where the site-wide page and the exports go (output/<this>/index.html, graph.json, graph.graphml).
    "CONVERSATION_MAP_OUTPUT": "conversations",
    # Where person pages go: output/<this>/<person-slug>/index.html.
    "CONVERSATION_MAP_PEOPLE_PATH": "people",
    # Alias (a name, an http(s) URL or an @handle) -> the one name that person goes by.
    "CONVERSATION_MAP_ALIASES": {},
    # A quote must share a run of at least this many words with an earlier post or reply.
    "CONVERSATION_MAP_QUOTE_MIN_WORDS": 8,
    # Seed for the people-map layout and for community detection (deterministic output).
    "CONVERSATION_MAP_SEED": 7,
    # How many rows the "most built upon" tables show.
    "CONVERSATION_MAP_TOP_N": 10,
    # Draw a map on article pages that have at least this many shown replies.
    "CONVERSATION_MAP_MIN_REPLIES": 1,
    # Count answers to a post (and its author's answers to readers) as building on someone: in the
    # people map and the rankings. Off: those show readers building on readers; hosts are listed apart.
    "CONVERSATION_MAP_INCLUDE_HOST": False,
    # Two people who answered each other (a reply to the other's reply) at least this many times in
    # all, at least once each way, anywhere on the site, make an "exchange".
    "CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS": 2,
    # A person page's map shows at most this many people besides the person (the strongest ties).
    "CONVERSATION_MAP_PERSON_MAP_LIMIT": 30,
    # A person page shows this many exchanges, quote pairs and replies in full (longest exchanges,
    # newest replies first); the rest are listed one line each, so a busy person's page stays light.
    "CONVERSATION_MAP_PERSON_LIST_LIMIT": 10,
    # At most this many people on the site's people map (the most connected; the rest are found by the
    # search and on their person pages). The map says so under it when the cap applies.
    "CONVERSATION_MAP_MAX_PEOPLE": 300,
    # An article map folds its thread into "+N more" links beyond this many rows or levels.
    "CONVERSATION_MAP_MAX_ROWS": 60,
    "CONVERSATION_MAP_MAX_DEPTH": 12,
    # At most this many lines on the site's people map: everyone's strongest tie, each person's second,
    # then the strongest others (the map says how many of how many it draws).
    "CONVERSATION_MAP_MAX_LINES": 600,
    # The conversations page lists at most this many connections (the strongest) and trails (those
    # with the most replies, quotes and links); every one is in connections.csv and trails.csv beside it.
    "CONVERSATION_MAP_TABLE_ROWS": 100,
    "CONVERSATION_MAP_MAX_TRAILS": 40,
    # Write the exports gzip-compressed (graph.json.gz, graph.graphml.gz: a tenth of the size; networkx
    # and Gephi open them as they are); False writes graph.json and graph.graphml.
    "CONVERSATION_MAP_EXPORT_GZIP": True,
    # Open questions per page of conversations/questions/ (newest first; older ones on
    # conversations/questions/2/ and on; the posts' authors' own questions on their own pages).
    "CONVERSATION_MAP_QUESTIONS_PER_PAGE": 100,
    # One-line entries per page of a person's longer lists (earlier replies, shorter exchanges, more
    # quotes, a host's posts): the first page on the person page, the rest on people/<slug>/<list>/2/ and on.
    "CONVERSATION_MAP_PERSON_LINES_PER_PAGE": 200,
}

_TYPES: dict[str, tuple[type, ...]] = {
    "CONVERSATION_MAP_OUTPUT": (str,),
    "CONVERSATION_MAP_PEOPLE_PATH": (str,),
    "CONVERSATION_MAP_ALIASES": (dict,),
    "CONVERSATION_MAP_QUOTE_MIN_WORDS": (int,),
    "CONVERSATION_MAP_SEED": (int,),
    "CONVERSATION_MAP_TOP_N": (int,),
    "CONVERSATION_MAP_MIN_REPLIES": (int,),
    "CONVERSATION_MAP_INCLUDE_HOST": (bool,),
    "CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS": (int,),
    "CONVERSATION_MAP_PERSON_MAP_LIMIT": (int,),
    "CONVERSATION_MAP_PERSON_LIST_LIMIT": (int,),
    "CONVERSATION_MAP_MAX_PEOPLE": (int,),
    "CONVERSATION_MAP_MAX_ROWS": (int,),
    "CONVERSATION_MAP_MAX_DEPTH": (int,),
    "CONVERSATION_MAP_MAX_LINES": (int,),
    "CONVERSATION_MAP_TABLE_ROWS": (int,),
    "CONVERSATION_MAP_MAX_TRAILS": (int,),
    "CONVERSATION_MAP_EXPORT_GZIP": (bool,),
    "CONVERSATION_MAP_QUESTIONS_PER_PAGE": (int,),
    "CONVERSATION_MAP_PERSON_LINES_PER_PAGE": (int,),
}


class ConfigError(Exception):
    """A setting of the conversation map plugin is unknown or has the wrong type."""


def check_settings(settings: dict) -> dict:
    """Fill in defaults and check every ``CONVERSATION_MAP_`` setting.

    Examples
    --------
    >>> check_settings({})["CONVERSATION_MAP_QUOTE_MIN_WORDS"]
    8
    >>> try:
    ...     check_settings({"CONVERSATION_MAP_QUOTE_MIN_WORDS": "8"})
    ... except ConfigError as error:
    ...     print(error)
    setting CONVERSATION_MAP_QUOTE_MIN_WORDS must be int, not str
    """
    for key in sorted(settings):
        if key.startswith("CONVERSATION_MAP_") and key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f"; known: {', '.join(DEFAULTS)}"
            raise ConfigError(f"unknown setting {key}{hint}")
    for key, default in DEFAULTS.items():
        settings.setdefault(key, dict(default) if isinstance(default, dict) else default)
        value = settings[key]
        if not isinstance(value, _TYPES[key]) or (isinstance(value, bool) and _TYPES[key] == (int,)):
            raise ConfigError(f"setting {key} must be {_TYPES[key][0].__name__}, not {type(value).__name__}")
    for alias, name in settings["CONVERSATION_MAP_ALIASES"].items():
        if not isinstance(alias, str) or not isinstance(name, str) or not name.strip():
            raise ConfigError(f"setting CONVERSATION_MAP_ALIASES: {alias!r} must map a string to a non-empty name")
    if settings["CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS"] < 2:
        raise ConfigError("setting CONVERSATION_MAP_EXCHANGE_MIN_ANSWERS must be at least 2 (one answer each way)")
    if settings["CONVERSATION_MAP_PERSON_LIST_LIMIT"] < 1:
        raise ConfigError("setting CONVERSATION_MAP_PERSON_LIST_LIMIT must be at least 1")
    if settings["CONVERSATION_MAP_QUOTE_MIN_WORDS"] < 3:
        raise ConfigError("setting CONVERSATION_MAP_QUOTE_MIN_WORDS must be at least 3")
    for key in ("CONVERSATION_MAP_MAX_PEOPLE", "CONVERSATION_MAP_MAX_ROWS", "CONVERSATION_MAP_MAX_DEPTH"):
        if settings[key] < 2:
            raise ConfigError(f"setting {key} must be at least 2")
    for key in ("CONVERSATION_MAP_MAX_LINES", "CONVERSATION_MAP_TABLE_ROWS", "CONVERSATION_MAP_MAX_TRAILS",
                "CONVERSATION_MAP_QUESTIONS_PER_PAGE", "CONVERSATION_MAP_PERSON_LINES_PER_PAGE"):
        if settings[key] < 1:
            raise ConfigError(f"setting {key} must be at least 1")
    for key in ("CONVERSATION_MAP_OUTPUT", "CONVERSATION_MAP_PEOPLE_PATH"):
        if not settings[key].strip("/") or ".." in settings[key]:
            raise ConfigError(f"setting {key} must be a folder name inside the output, like 'people'")
    return settings
