"""Collects what is wrong with the replies of one build, so all of it is reported at once."""

from __future__ import annotations

import logging

from .model import RepliesError
from .privacy import printable, redact

logger = logging.getLogger(__name__)


class Problems:
    """Warnings and errors of one build, each naming the file it is about.

    Warnings are logged as they are found and the build goes on; errors are logged too,
    and :meth:`raise_if_failed` then stops the build with all of them (and, in strict mode,
    with the warnings as well).

    Examples
    --------
    >>> p = Problems(strict=False)
    >>> p.warn("content/replies/a/1.md", "empty body")
    >>> p.raise_if_failed()
    >>> p.warnings
    ['content/replies/a/1.md: empty body']
    """

    # True where a file is checked as proposed (check-replies): what a build only warns about in
    # a shown reply (the template's placeholder, an address in the text), the check makes an error
    # of itself, so the reader leaves it out. So with a file in a reply folder that is not read (a
    # stray or misplaced reply): ``read_all`` lists it and the check names it as an error.
    checking_proposed = False

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def warn(self, path: str, message: str) -> None:
        # Build logs are often public (CI): a file named after an email or IP is not spelled out.
        text = printable(redact(f"{path}: {message}"))
        self.warnings.append(text)
        logger.warning("%s", text)

    def error(self, path: str, message: str) -> None:
        text = printable(redact(f"{path}: {message}"))
        self.errors.append(text)
        logger.error("%s", text)

    def raise_if_failed(self) -> None:
        failures = list(self.errors)
        if self.strict:
            failures += [f"{w} (warning; REPLIES_STRICT is on)" for w in self.warnings]
        if failures:
            strict = " (warnings count: REPLIES_STRICT is on)" if self.strict and self.warnings else ""
            raise RepliesError(
                f"{len(failures)} problem(s) with replies:\n" + "\n".join(f"  {f}" for f in failures),
                summary=f"Build stopped: {len(failures)} problem(s) with replies, each named above{strict}",
            )
