"""Importers: bring existing posts and comment threads into the project's own file formats.

One module per source: :mod:`.wordpress` (WXR export), :mod:`.blogger` (Atom export),
:mod:`.disqus` (XML export),
:mod:`.wp_html` (a saved WordPress post page, file or URL), :mod:`.webmention`
(webmention.io jf2, file or API) and :mod:`.staticman` (data folders). Shared:
:mod:`.model` (records, report, :class:`ImportFailed`), :mod:`.writer` (file formats,
atomic and idempotent writes), :mod:`.safety` (email/IP redaction, URL checks),
:mod:`.xmlsafe` (defusedxml with errors naming file and line), :mod:`.threads`,
:mod:`.site` (posts already in the content folder). Invoke tasks: :mod:`.tasks`.

This package is not a Pelican plugin; it only writes files that the ``replies`` plugin
and Pelican read (``docs/formats.md``).
"""

from .blogger import import_blogger
from .disqus import import_disqus
from .model import ImportedPost, ImportedReply, ImportFailed, ImportReport, Reaction
from .staticman import import_staticman
from .webmention import fetch_webmentions, import_webmention, import_webmention_api
from .wordpress import import_wordpress
from .wp_html import import_html

__all__ = [
    "ImportFailed",
    "ImportReport",
    "ImportedPost",
    "ImportedReply",
    "Reaction",
    "fetch_webmentions",
    "import_blogger",
    "import_disqus",
    "import_html",
    "import_staticman",
    "import_webmention",
    "import_webmention_api",
    "import_wordpress",
]
