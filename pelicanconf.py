"""Settings for building the site locally (``invoke build``). ``publishconf.py`` adds the public URL."""

AUTHOR = "Mira Okafor"
SITENAME = "Field Notes on Practice"
SITESUBTITLE = "Reflective writing, and the conversations it starts"
SITEURL = ""
RELATIVE_URLS = True
# The local build has no address, so Pelican warns on every build that its feeds may not be valid; the
# published build (publishconf.py) sets SITEURL, and `invoke publish` says so when it is missing.
LOG_FILTER = [(30, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]  # 30: WARNING

PATH = "content"
ARTICLE_PATHS = ["posts", "imported"]
# A post without a Category is filed under this, not under its folder's name (an import's "wordpress")
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Uncategorized"  # WordPress's own word: its uncategorised posts join these
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["replies", "conversation_map"]

ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
# A translation (Lang:) beside its post, at the same depth: the map's links, made for the post, lead
# to the same places from it
ARTICLE_LANG_URL = "posts/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "posts/{slug}-{lang}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
# One page per person: an author link goes to their person page (conversation_map plugin);
# author/<slug>/ stays as a page that forwards there.
AUTHOR_URL = "people/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Feeds: the site's posts, and (from the replies plugin) every reply and each post's replies.
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 60

# Escape every value in templates unless it is marked safe (post bodies, sanitized replies).
# auto_reload off: a build (each livereload rebuild too) makes its template environments anew, so
# asking the disk whether a template changed on every include (25,000 times at 1,000 posts) buys nothing.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}

# Replies plugin (defaults and documentation in plugins/replies/settings.py)
REPLIES_STRICT = False
# "Reply" links open GitHub's new-file page in this repository (a reply is proposed as a pull request).
REPLIES_LINK_GITHUB_REPO = "example/field-notes"
REPLIES_LINK_GITHUB_BRANCH = "main"

# Conversation map plugin (defaults in plugins/conversation_map/settings.py)
CONVERSATION_MAP_ALIASES = {}

# Caches in cache/ (CACHE_PATH): Pelican's posts, our read replies (by content hash) and map layouts.
# `invoke clean` (or `rebuild`) empties it; `pelican --ignore-cache` skips loading it.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Pelican's own posts cache goes by each file's SHA-256, not its modification time: a fresh checkout (the Pages
# workflow restores cache/ from its last run) gives every file a new time but keeps what did not change.
CHECK_MODIFIED_METHOD = "sha256"
# Pelican writes its posts cache again on every build: gzip at its level 9 took half a second of a rebuild at
# 1,000 posts (the file is 6 MB rather than 0.6 MB without it).
GZIP_CACHE = False

# Every build starts from an empty output/, so a page nothing makes any more (a reply rejected or deleted,
# a person no longer on the site) is not left behind for `invoke serve` to show. The caches make it cheap.
DELETE_OUTPUT_DIRECTORY = True
