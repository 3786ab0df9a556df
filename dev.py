#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.

    python3 dev.py site    # create .venv, install, build the sample site into output/, say how to open it
    python3 dev.py test    # create .venv, install, lint, run every test (browser tests need Debian's chromium)
    python3 dev.py serve   # serve output/ on http://127.0.0.1:8000/ (--port 8001 for another port)

Each is safe to re-run: .venv is reused while requirements.lock is unchanged. `site` takes a minute
or two the first time; `test` runs the whole suite, a few minutes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".installed-lock-sha256"
CHROMIUM = "/usr/bin/chromium"


def bin_path(name: str) -> str:
    folder = "Scripts" if os.name == "nt" else "bin"
    return str(VENV / folder / name)


def run(*cmd: str, **kwargs) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on any Python 3 to say so
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == digest and Path(bin_path("python")).exists():
        return
    if not Path(bin_path("python")).exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run(bin_path("python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(LOCK))
    STAMP.write_text(digest + "\n")


def site() -> None:
    ensure_venv()
    run(bin_path("invoke"), "build")
    print(f"\nThe sample site is in {ROOT / 'output'}.\n"
          f"See it in a browser: run  python3 dev.py serve  (the same as .venv/bin/invoke serve) "
          f"and open http://127.0.0.1:8000/")


def serve(extra: list[str]) -> None:
    """``invoke serve`` with the options given (``--port 8001``, ``--output DIR``), in this process's place:
    Ctrl-C or a ``kill`` reaches the server itself, and no server is left running behind."""
    ensure_venv()
    invoke = bin_path("invoke")
    print("+", invoke, "serve", *extra, flush=True)
    os.chdir(ROOT)
    os.environ["SERVE_COMMAND"] = "python3 dev.py serve"  # what its hints tell a newcomer to run
    if os.name == "nt":  # no exec on Windows: wait for it
        sys.exit(subprocess.call([invoke, "serve", *extra]))
    os.execv(invoke, [invoke, "serve", *extra])


def ensure_chromium() -> bool:
    """Debian's chromium for the browser tests: install it with apt-get when we may (root on Debian)."""
    if Path(CHROMIUM).exists():
        return True
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core", env=env)
        return Path(CHROMIUM).exists()
    print(f"NOTE: {CHROMIUM} is missing, so the browser tests will be skipped. "
          "Install it with: sudo apt-get install chromium", flush=True)
    return False


def test(extra: list[str]) -> None:
    ensure_venv()
    ensure_chromium()
    run(bin_path("ruff"), "check", ".")
    run(bin_path("python"), "-m", "pytest", *extra)


def main(argv: list[str]) -> None:
    commands = {"site": lambda: site(), "serve": lambda: serve(argv[1:]), "test": lambda: test(argv[1:])}
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    try:
        commands[argv[0]]()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode or 1)


if __name__ == "__main__":
    main(sys.argv[1:])
