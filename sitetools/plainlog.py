"""Run Pelican with one line per log message: ``python -m sitetools.plainlog <pelican arguments>``.

Pelican's own log handler lays messages out in columns as wide as the terminal, and 80 columns
when there is none (a CI log, a pipe): a long path is cut in the middle, so it cannot be copied
or searched for. ``invoke build`` and ``invoke publish`` run Pelican through this module when
their output is not a terminal: each message is one line, ``WARNING: <path>: <problem>``.
"""

from __future__ import annotations

import logging
import sys


def main(argv: list[str]) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    # Pelican's "plain" choice configures logging with logging.basicConfig, which leaves a logger that
    # already has a handler as it is: this one stays.
    logging.getLogger().addHandler(handler)
    from pelican import main as pelican_main

    pelican_main([*argv, "--log-handler", "plain"])


if __name__ == "__main__":
    main(sys.argv[1:])
