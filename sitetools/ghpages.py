"""Publish the built site to a ``gh-pages`` branch with ghp-import (``invoke gh-pages``).

Pelican's quickstart convention, for people who prefer a branch to GitHub Actions: the
contents of ``output/`` become one new commit on the branch (its history kept), with a
``.nojekyll`` file (GitHub Pages must not run Jekyll, which would drop files starting with
``_``) and, for a custom domain, a ``CNAME`` file. The branch is then pushed to the remote.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """The site cannot be published; the message says why."""


def publish(output: Path, repo: Path, *, branch: str = "gh-pages", remote: str = "origin", push: bool = True,
            cname: str | None = None, message: str | None = None) -> None:
    """Commit ``output`` to ``branch`` of the git repository ``repo`` and push it to ``remote``.

    Parameters
    ----------
    output : Path
        The built site (``output/``); it must hold an ``index.html``.
    repo : Path
        A git working copy (the site's clone).
    branch, remote : str
        Where the site goes (``gh-pages`` on ``origin`` by default).
    push : bool
        Push the branch after committing it.
    cname : str, optional
        A custom domain, written to ``CNAME`` (e.g. ``notes.example.org``).
    message : str, optional
        The commit message.

    Raises
    ------
    PublishError
        No built site, a bad domain, or git failing (not a repository, a rejected push).
    """
    import ghp_import

    output, repo = Path(output).resolve(), Path(repo).resolve()
    if not (output / "index.html").is_file():
        raise PublishError(f"{output}: no built site here (index.html is missing); run `invoke publish` first")
    if cname is not None and (not cname or "/" in cname or ":" in cname or any(c.isspace() for c in cname)):
        raise PublishError(f"GITHUB_PAGES_CNAME must be a bare domain such as notes.example.org, not {cname!r}")
    options = {"branch": branch, "remote": remote, "push": push, "nojekyll": True, "cname": cname,
               "mesg": message or f"Publish the site from {output.name}/"}
    try:
        with contextlib.chdir(repo):
            ghp_import.ghp_import(str(output), **options)
    except ghp_import.GhpError as exc:
        raise PublishError(f"{repo}: ghp-import failed: {exc.message}") from exc
    except Exception as exc:  # git's CalledProcessError from the push, OSError without git
        raise PublishError(f"{repo}: publishing to {branch!r} failed: {exc}") from exc
    logger.info("%s: published to branch %s%s", output, branch, f" and pushed to {remote}" if push else "")
