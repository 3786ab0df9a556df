"""Settings for the published site: the public URL (a GitHub Pages sub-path works) and absolute links.

``SITEURL`` comes from the environment so a fork publishes under its own address:
``SITEURL=https://owner.github.io/repo invoke publish``.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = (os.environ.get("SITEURL", "").strip() or "https://example.github.io/field-notes").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):  # "owner.github.io/repo" would make every link relative
    raise SystemExit(f"SITEURL {SITEURL!r} is not a full address: write it with https:// "
                     f"(SITEURL=https://{SITEURL.split('://')[-1].lstrip('/') or 'owner.github.io/repo'} "
                     "invoke publish)")
RELATIVE_URLS = False
# "Reply" links: the repository being published when GitHub Actions builds it (a fork's own), else pelicanconf's.
_BUILT_FROM = os.environ.get("GITHUB_REPOSITORY", "").strip()
REPLIES_LINK_GITHUB_REPO = _BUILT_FROM or REPLIES_LINK_GITHUB_REPO  # noqa: F405
if _BUILT_FROM and os.environ.get("GITHUB_REF_TYPE") == "branch":
    REPLIES_LINK_GITHUB_BRANCH = os.environ.get("GITHUB_REF_NAME") or REPLIES_LINK_GITHUB_BRANCH  # noqa: F405
FEED_DOMAIN = SITEURL
REPLIES_STRICT = True

# `invoke gh-pages`: a custom domain for GitHub Pages, written to CNAME on the gh-pages branch (None: none).
GITHUB_PAGES_CNAME = os.environ.get("GITHUB_PAGES_CNAME") or None
