"""Settings for the published site: the public URL (a GitHub Pages sub-path works) and absolute links.

``SITEURL`` comes from the environment so a fork publishes under its own address:
``SITEURL=https://owner.github.io/repo invoke publish``.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.github.io/field-notes").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
REPLIES_STRICT = True

# `invoke gh-pages`: a custom domain for GitHub Pages, written to CNAME on the gh-pages branch (None: none).
GITHUB_PAGES_CNAME = os.environ.get("GITHUB_PAGES_CNAME") or None
